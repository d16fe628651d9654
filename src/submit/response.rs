//! What comes back from Seam: a success body is checked before it reaches the caller, error
//! bodies are read into their parts, and `validation_errors` trees are flattened.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use tsify::Tsify;

use crate::validate::text::{self, DateTimeCheck};

/// Checks a `200` body: JSON with a `customer_portal` whose `url` is safe to show in an iframe.
/// The error says what is wrong without repeating the URL, which carries a session token.
pub fn check_success(body: &str) -> Result<Value, String> {
    let value: Value = serde_json::from_str(body).map_err(|e| format!("the body is not JSON ({})", e.to_string().split(" at line").next().unwrap_or("")))?;
    let portal = value
        .get("customer_portal")
        .filter(|p| p.is_object())
        .ok_or("the body has no customer_portal object")?;
    let field = |name: &str| -> Result<&str, String> {
        portal.get(name).and_then(Value::as_str).ok_or_else(|| format!("customer_portal.{name} is missing or not a string"))
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
    Ok(value)
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
    let authority = after_slashes.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let host = if host_port.starts_with('[') {
        host_port.split_inclusive(']').next().unwrap_or("")
    } else {
        host_port.split(':').next().unwrap_or("")
    };
    host.to_ascii_lowercase()
}

fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host.ends_with(".localhost")
        || host == "[::1]"
        || host.strip_prefix("127.").is_some_and(|rest| {
            let parts: Vec<&str> = rest.split('.').collect();
            parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
        })
}

/// Seam's error body: `{ "error": { "type", "message", "data"?, "validation_errors"? } }`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ApiError {
    /// The error's type, e.g. `invalid_input`: it becomes the JS error's `code`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Seam's message.
    pub message: String,
    /// Extra data, when Seam sends some.
    #[serde(default)]
    pub data: Option<Value>,
    /// For `invalid_input`: the nested tree of field errors.
    #[serde(default)]
    pub validation_errors: Option<Value>,
}

/// Reads an error body; `None` when it is not Seam's error JSON (an HTML error page, say).
pub fn parse_error(body: &str) -> Option<ApiError> {
    #[derive(Deserialize)]
    struct Body {
        error: ApiError,
    }
    serde_json::from_str::<Body>(body).ok().map(|b| b.error)
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
/// before children and keys in sorted order. Unlike the official SDK, nested fields are kept.
pub fn flatten_validation_errors(tree: &Value) -> Vec<FieldErrors> {
    let mut out = Vec::new();
    flatten(tree, &mut String::new(), &mut out);
    out
}

fn flatten(node: &Value, path: &mut String, out: &mut Vec<FieldErrors>) {
    let Some(object) = node.as_object() else { return };
    let messages: Vec<String> = object
        .get("_errors")
        .and_then(Value::as_array)
        .map(|m| m.iter().map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned)).collect())
        .unwrap_or_default();
    if !messages.is_empty() {
        out.push(FieldErrors { path: path.clone(), messages });
    }
    for (key, child) in object {
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn success(url: &str) -> String {
        json!({ "customer_portal": { "url": url, "customer_key": "c", "expires_at": "2025-06-01T15:00:00.000Z",
            "workspace_id": "123e4567-e89b-12d3-a456-426614174000", "created_at": "2025-06-01T14:00:00Z" },
            "magic_link": {}, "ok": true }).to_string()
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
        assert!(check_success("<html>").unwrap_err().contains("not JSON"));
        assert!(check_success("{}").unwrap_err().contains("customer_portal"));
        let mut body: Value = serde_json::from_str(&success("https://a")).unwrap();
        body["customer_portal"]["workspace_id"] = json!("w");
        assert!(check_success(&body.to_string()).unwrap_err().contains("workspace_id"));
        body["customer_portal"]["workspace_id"] = json!(null);
        assert!(check_success(&body.to_string()).unwrap_err().contains("workspace_id"));
    }

    #[test]
    fn error_bodies() {
        let e = parse_error(r#"{"error":{"type":"invalid_input","message":"bad","validation_errors":{"_errors":[]}}}"#).unwrap();
        assert_eq!(e.kind, "invalid_input");
        assert!(parse_error("<html>502</html>").is_none());
        assert!(parse_error(r#"{"error":"x"}"#).is_none());
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
            flatten_validation_errors(&tree),
            vec![
                FieldErrors { path: "".into(), messages: vec!["Expected object".into()] },
                FieldErrors { path: "customer_data.customer_key".into(), messages: vec!["Must not have leading or trailing whitespace".into(), "Too short".into()] },
                FieldErrors { path: "customer_data.spaces[2].space_key".into(), messages: vec!["Required".into()] },
                FieldErrors { path: "[\"my key\"]".into(), messages: vec!["Unknown".into()] },
            ]
        );
        assert_eq!(flatten_validation_errors(&json!("junk")), vec![]);
    }
}
