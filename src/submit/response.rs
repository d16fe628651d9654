//! What comes back from Seam: a success body is checked before it reaches the caller, error
//! bodies are read into their parts, and `validation_errors` trees are flattened.

use std::collections::BTreeMap;

use serde::Serialize;
use tsify::Tsify;

use crate::validate::text::{self, DateTimeCheck};
use crate::validate::{Kind, Node, Tape};

/// Checks a `200` body: JSON with a `customer_portal` whose `url` is safe to show in an iframe.
/// The error says what is wrong without repeating the URL, which carries a session token.
pub fn check_success(body: &str) -> Result<(), String> {
    let tape = Tape::parse(body).map_err(|e| format!("the body is not JSON ({})", e.what))?;
    let portal = tape
        .root()
        .get("customer_portal")
        .filter(|p| p.kind() == Kind::Object)
        .ok_or("the body has no customer_portal object")?;
    let field = |name: &str| -> Result<&str, String> {
        portal.get(name).and_then(|v| v.str()).ok_or_else(|| format!("customer_portal.{name} is missing or not a string"))
    };
    check_portal_url(field("url")?)?;
    field("customer_key")?;
    if !text::is_uuid(field("workspace_id")?) {
        return Err("customer_portal.workspace_id is not a UUID".into());
    }
    for name in ["expires_at", "created_at"] {
        if text::date_time(field(name)?) == DateTimeCheck::Invalid {
            return Err(format!("customer_portal.{name} is not a date-time"));
        }
    }
    Ok(())
}

/// A portal URL must be absolute `https:`, or `http:` for a loopback host (local development);
/// never `javascript:`, `data:` or anything relative.
pub fn check_portal_url(url: &str) -> Result<(), String> {
    const RULE: &str = "customer_portal.url must be an absolute https: URL (http: only for localhost)";
    let Some((scheme, rest)) = url.split_once(':') else {
        return Err(format!("{RULE}; got a relative URL"));
    };
    let scheme = scheme.to_ascii_lowercase();
    // RFC 3986: a letter, then letters, digits, "+", "-" or ".".
    let valid_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b));
    if !valid_scheme {
        return Err(format!("{RULE}; got a relative URL"));
    }
    let host = rest.strip_prefix("//").map(authority_host);
    match (scheme.as_str(), host) {
        ("https", Some(host)) if !host.is_empty() => Ok(()),
        ("http", Some(host)) if is_loopback(&host) => Ok(()),
        ("http", Some(_)) => Err(format!("{RULE}; got an http: URL for a host that is not loopback")),
        ("https" | "http", _) => Err(format!("{RULE}; got one without a host")),
        // Only a short scheme is named (javascript:, data:…): the rest of the URL, or an
        // overlong "scheme", may carry a token.
        (other, _) if other.len() <= 12 => Err(format!("{RULE}; got a {other}: URL")),
        _ => Err(format!("{RULE}; got a URL with an unknown scheme")),
    }
}

/// The guarantee [`check_portal_url`]'s errors keep, as a check (the fuzzers' oracle): after
/// "; got " they say one of a few fixed things, or name a scheme of at most 12 scheme
/// characters. So no more of a URL than a short scheme, and never its query (which carries a
/// token), can appear in an error.
pub fn reveals_at_most_a_scheme(message: &str) -> bool {
    let variable = message.split_once("; got ").map_or("", |(_, v)| v);
    let fixed = ["a relative URL", "an http: URL for a host that is not loopback", "one without a host", "a URL with an unknown scheme"];
    fixed.contains(&variable)
        || variable.strip_prefix("a ").and_then(|v| v.strip_suffix(": URL")).is_some_and(|scheme| {
            scheme.len() <= 12 && scheme.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"+-.".contains(&b))
        })
}

/// The host of `//user@host:port/path`, lowercased, brackets kept for IPv6.
fn authority_host(after_slashes: &str) -> String {
    // Byte searches, not std's char-pattern searchers (smaller in Wasm): every delimiter is
    // ASCII, so each position found is a character boundary.
    let until = |s: &'static str, text: &str| text.bytes().position(|b| s.as_bytes().contains(&b)).unwrap_or(text.len());
    let authority = after_slashes.get(..until("/?#", after_slashes)).unwrap_or("");
    let host_port = authority.bytes().rposition(|b| b == b'@').and_then(|at| authority.get(at + 1..)).unwrap_or(authority);
    let host = if host_port.starts_with('[') {
        host_port.get(..host_port.bytes().position(|b| b == b']').map_or(host_port.len(), |close| close + 1))
    } else {
        host_port.get(..until(":", host_port))
    };
    host.unwrap_or("").to_ascii_lowercase()
}

fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host.ends_with(".localhost")
        || host == "[::1]"
        || host.strip_prefix("127.").is_some_and(|rest| {
            let parts: Vec<&[u8]> = rest.as_bytes().split(|&b| b == b'.').collect();
            parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.len() <= 3 && p.iter().all(u8::is_ascii_digit))
        })
}

/// Seam's error body: `{ "error": { "type", "message", "data"?, "validation_errors"? } }`.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// The error's type, e.g. `invalid_input`: it becomes the JS error's `code`.
    pub kind: String,
    /// Seam's message.
    pub message: String,
    /// Whether the error carries `data` (any JSON but null). The bindings hand it to JS as
    /// `JSON.parse` reads it.
    pub has_data: bool,
    /// For `invalid_input`: the tree of field errors, flattened (empty when there is none).
    pub validation_errors: Vec<FieldErrors>,
}

/// Reads an error body; `None` when it is not Seam's error JSON (an HTML error page, say).
pub fn parse_error(body: &str) -> Option<ApiError> {
    let tape = Tape::parse(body).ok()?;
    let error = tape.root().get("error")?;
    let [kind, message, data, validation_errors] = error.get_fields(["type", "message", "data", "validation_errors"]);
    Some(ApiError {
        kind: kind?.str()?.to_owned(),
        message: message?.str()?.to_owned(),
        has_data: data.is_some_and(|d| d.kind() != Kind::Null),
        validation_errors: validation_errors.map(|tree| flatten_validation_errors(&tree)).unwrap_or_default(),
    })
}

/// One field's messages from Seam's `validation_errors`.
#[derive(Tsify, Serialize, Debug, Clone, PartialEq, Eq)]
pub struct FieldErrors {
    /// The field, written as the validator writes paths: `customer_data.spaces[0].space_key`
    /// (`""` for the whole request).
    pub path: String,
    /// What Seam said about it.
    pub messages: Vec<String>,
}

/// Flattens a `validation_errors` tree (zod's `format()`: every level has an `_errors` array
/// and one child per key, array indexes as keys) into one entry per field with messages, parents
/// before children and keys in sorted order (a repeated key counts once, its last value, as
/// `JSON.parse` reads it). Unlike the official SDK, nested fields are kept. Messages that are
/// not strings are written as JSON.
pub fn flatten_validation_errors<N: Node>(tree: &N) -> Vec<FieldErrors> {
    let mut out = Vec::new();
    flatten(tree, &mut String::new(), &mut out);
    out
}

fn flatten<N: Node>(node: &N, path: &mut String, out: &mut Vec<FieldErrors>) {
    if node.kind() != Kind::Object {
        return;
    }
    // Sorted by key; a repeated key keeps its last value, as JSON.parse reads it.
    let mut children: BTreeMap<String, N> = BTreeMap::new();
    let _ = node.for_each_entry(|key, child| {
        if let Ok(child) = child {
            children.insert(key.to_owned(), child);
        }
    });
    let mut messages = Vec::new();
    if let Some(list) = children.get("_errors") {
        let _ = list.for_each_item(|_, message| {
            if let Ok(message) = message {
                messages.push(message.as_str().map_or_else(|| json_text(&message), |s| s.into_owned()));
            }
        });
    }
    if !messages.is_empty() {
        out.push(FieldErrors { path: path.clone(), messages });
    }
    for (key, child) in &children {
        if key == "_errors" {
            continue;
        }
        let len = path.len();
        if !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit()) {
            path.push('[');
            path.push_str(key);
            path.push(']');
        } else {
            crate::validate::push_key(path, key);
        }
        flatten(child, path, out);
        path.truncate(len);
    }
}

/// A value as compact JSON text (numbers as JS writes them).
fn json_text<N: Node>(node: &N) -> String {
    let mut out = String::new();
    write_json(node, &mut out);
    out
}

fn write_json<N: Node>(node: &N, out: &mut String) {
    match node.kind() {
        Kind::String => crate::validate::push_json_string(out, &node.as_str().unwrap_or_default()),
        Kind::Number => out.push_str(&crate::validate::text::js_number(node.as_f64().unwrap_or(f64::NAN))),
        Kind::Bool => out.push_str(if node.as_bool() == Some(true) { "true" } else { "false" }),
        Kind::Array => {
            out.push('[');
            let _ = node.for_each_item(|i, item| {
                if i > 0 {
                    out.push(',');
                }
                match item {
                    Ok(item) => write_json(&item, out),
                    Err(_) => out.push_str("null"),
                }
            });
            out.push(']');
        }
        Kind::Object => {
            out.push('{');
            let mut first = true;
            let _ = node.for_each_entry(|key, value| {
                if let Ok(value) = value {
                    if !std::mem::take(&mut first) {
                        out.push(',');
                    }
                    crate::validate::push_json_string(out, key);
                    out.push(':');
                    write_json(&value, out);
                }
            });
            out.push('}');
        }
        _ => out.push_str("null"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn success(url: &str) -> String {
        json!({ "customer_portal": { "url": url, "customer_key": "c", "expires_at": "2025-06-01T15:00:00.000Z",
            "workspace_id": "123e4567-e89b-12d3-a456-426614174000", "created_at": "2025-06-01T14:00:00Z" },
            "magic_link": {}, "ok": true }).to_string()
    }

    fn flatten_text(text: &str) -> Vec<FieldErrors> {
        flatten_validation_errors(&Tape::parse(text).unwrap().root())
    }

    #[test]
    fn portal_urls() {
        for ok in ["https://connect.getseam.com/portal?token=x", "HTTPS://a.b", "http://localhost:8080/p", "http://127.0.0.1/p", "http://[::1]:1/", "http://app.localhost/"] {
            assert!(check_success(&success(ok)).is_ok(), "{ok}");
        }
        for bad in ["SECRETSECRETSECRET:x", "6666SECRET.:?x", "javascript:alert(1)//SECRET", "data:text/html,SECRET", "/portal?token=SECRET", "http://example.com/?token=SECRET",
            "https:///SECRET", "https:SECRET", "http://127.0.0.1.evil.com/SECRET", "http://localhost@evil.com/SECRET", "", "//host/SECRET"] {
            let error = check_success(&success(bad)).unwrap_err();
            assert!(!error.contains("SECRET"), "{bad}: {error}");
            assert!(reveals_at_most_a_scheme(&check_portal_url(bad).unwrap_err()), "{bad}");
        }
    }

    #[test]
    fn incomplete_bodies() {
        assert_eq!(check_success("<html>").unwrap_err(), "the body is not JSON (expected a value)");
        assert!(check_success("{}").unwrap_err().contains("customer_portal"));
        assert!(check_success(r#"{"customer_portal":[]}"#).unwrap_err().contains("no customer_portal object"));
        let mut body: Value = serde_json::from_str(&success("https://a")).unwrap();
        body["customer_portal"]["workspace_id"] = json!("w");
        assert!(check_success(&body.to_string()).unwrap_err().contains("workspace_id"));
        body["customer_portal"]["workspace_id"] = json!(null);
        assert!(check_success(&body.to_string()).unwrap_err().contains("workspace_id"));
        // A repeated key counts as JSON.parse reads it: the last one.
        let twice = success("https://a").replacen('{', r#"{"customer_portal":null,"#, 1);
        assert!(check_success(&twice).is_ok());
    }

    #[test]
    fn error_bodies() {
        let e = parse_error(r#"{"error":{"type":"invalid_input","message":"bad","data":{"n":1},"validation_errors":{"_errors":["x"]}}}"#).unwrap();
        assert_eq!(e, ApiError { kind: "invalid_input".into(), message: "bad".into(), has_data: true,
            validation_errors: vec![FieldErrors { path: "".into(), messages: vec!["x".into()] }] });
        let e = parse_error(r#"{"error":{"message":"m","type":"t","data":null,"extra":[]}}"#).unwrap();
        assert_eq!((e.kind.as_str(), e.message.as_str(), e.has_data, e.validation_errors.len()), ("t", "m", false, 0));
        assert!(parse_error("<html>502</html>").is_none());
        assert!(parse_error(r#"{"error":"x"}"#).is_none());
        assert!(parse_error(r#"{"error":{"type":"t"}}"#).is_none(), "no message");
        assert!(parse_error(r#"{"error":{"type":1,"message":"m"}}"#).is_none());
        assert!(parse_error(r#"{"error":{"type":"t","message":"m"}} x"#).is_none(), "not JSON");
    }

    #[test]
    fn nested_validation_errors_are_flattened_with_validator_paths() {
        let tree = json!({
            "_errors": ["Expected object"],
            "customer_data": { "_errors": [], "spaces": { "_errors": [], "2": { "_errors": [], "space_key": { "_errors": ["Required"] } } },
                "customer_key": { "_errors": ["Must not have leading or trailing whitespace", "Too short"] } },
            "my key": { "_errors": ["Unknown"] }
        });
        assert_eq!(
            flatten_text(&tree.to_string()),
            vec![
                FieldErrors { path: "".into(), messages: vec!["Expected object".into()] },
                FieldErrors { path: "customer_data.customer_key".into(), messages: vec!["Must not have leading or trailing whitespace".into(), "Too short".into()] },
                FieldErrors { path: "customer_data.spaces[2].space_key".into(), messages: vec!["Required".into()] },
                FieldErrors { path: "[\"my key\"]".into(), messages: vec!["Unknown".into()] },
            ]
        );
        assert_eq!(flatten_text(r#""junk""#), vec![]);
    }

    #[test]
    fn flattening_sorts_keys_keeps_the_last_repeat_and_writes_other_messages_as_json() {
        let text = r#"{"b":{"_errors":["first"]},"a":{"_errors":[1e21,null,{"k":"\n"},[true]]},"b":{"_errors":["last"]},"_errors":"not a list"}"#;
        assert_eq!(
            flatten_text(text),
            vec![
                FieldErrors { path: "a".into(), messages: vec!["1e+21".into(), "null".into(), r#"{"k":"\n"}"#.into(), "[true]".into()] },
                FieldErrors { path: "b".into(), messages: vec!["last".into()] },
            ]
        );
    }
}
