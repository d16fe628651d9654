//! Walks a document along the schema tables and records every issue with its path.

use std::cmp::Ordering;

use super::lint::{Noted, Resources, Roles};
use super::schema::{custom_metadata, Field, Format, Shape, Str, Ty, CUSTOMER_DATA, LANDING_PAGE_KEYS};
use super::text::{self, DateTimeCheck};
use super::{IssueCode, Kind, Node, Report, Unreadable, ValidationIssue, MAX_LISTED};

/// One step of a path, kept as data: the path is only written out when an issue is recorded,
/// which most values never need (writing it for every array element cost a fifth of the walk,
/// measured with callgrind).
#[derive(Clone, Copy)]
enum Segment {
    /// A schema field: an identifier.
    Field(&'static str),
    /// Any other key, held in `Checker::keys` at this range.
    Key { start: usize, end: usize },
    /// An array index.
    Index(usize),
}

/// The walk's state: where it is and what it found.
pub struct Checker {
    /// Where the walk is, e.g. `customer_data`, `spaces`, 2 for `customer_data.spaces[2]`.
    path: Vec<Segment>,
    /// The text of the `Segment::Key`s in `path`, one after another.
    keys: String,
    report: Report,
}

impl Default for Checker {
    fn default() -> Self {
        // Room for the schema's depth (a feature's fields are six deep) and a few more, so that
        // small requests, the common case, never grow it.
        Checker { path: Vec::with_capacity(16), keys: String::new(), report: Report::default() }
    }
}

impl Checker {
    pub fn finish(self) -> Report {
        self.report
    }

    /// Runs `f` with `key` appended to the path.
    pub fn at_key<R>(&mut self, key: &str, f: impl FnOnce(&mut Self) -> R) -> R {
        let start = self.keys.len();
        self.keys.push_str(key);
        self.path.push(Segment::Key { start, end: self.keys.len() });
        let r = f(self);
        self.path.pop();
        self.keys.truncate(start);
        r
    }

    /// Runs `f` with a schema field's name appended to the path.
    pub fn at_field<R>(&mut self, name: &'static str, f: impl FnOnce(&mut Self) -> R) -> R {
        self.path.push(Segment::Field(name));
        let r = f(self);
        self.path.pop();
        r
    }

    /// Runs `f` with `[index]` appended to the path.
    pub fn at_index<R>(&mut self, index: usize, f: impl FnOnce(&mut Self) -> R) -> R {
        self.path.push(Segment::Index(index));
        let r = f(self);
        self.path.pop();
        r
    }

    /// The current path, written out: `customer_data.spaces[2]["my key"]`.
    fn path(&self) -> String {
        let mut path = String::new();
        for segment in &self.path {
            match *segment {
                Segment::Field(name) => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(name);
                }
                Segment::Key { start, end } => push_key(&mut path, &self.keys[start..end]),
                Segment::Index(index) => push_index(&mut path, index),
            }
        }
        path
    }

    pub fn error(&mut self, code: IssueCode, message: impl Into<String>) {
        self.record(false, code, message.into());
    }

    pub fn warn(&mut self, code: IssueCode, message: impl Into<String>) {
        self.record(true, code, message.into());
    }

    /// Adds an error or a warning, or once that list is full, a last entry saying so, then
    /// nothing. (Not generic: `error` and `warn` are called from about forty places.)
    #[inline(never)]
    fn record(&mut self, warning: bool, code: IssueCode, message: String) {
        let count = if warning { self.report.warnings.len() } else { self.report.issues.len() };
        let issue = match count.cmp(&MAX_LISTED) {
            Ordering::Less => ValidationIssue { path: self.path(), code, message },
            Ordering::Equal => ValidationIssue {
                path: String::new(),
                code: IssueCode::TooManyIssues,
                message: format!("more than {MAX_LISTED} {} were found: the rest are not listed", if warning { "warnings" } else { "errors" }),
            },
            Ordering::Greater => return,
        };
        if warning { self.report.warnings.push(issue) } else { self.report.issues.push(issue) }
    }

    fn wrong_type(&mut self, expected: &str, kind: Kind) {
        self.error(IssueCode::InvalidType, format!("expected {expected}, got {}", kind.described()));
    }

    fn unreadable(&mut self) {
        self.error(IssueCode::Unreadable, "reading this value threw an exception (from a getter or a proxy, or because the JavaScript stack ran out)");
    }

    /// Checks an object against a shape: every known field by its rule, every required field
    /// present, every unknown key reported as a warning. An entry of a resource list also
    /// gives `found` the fields the lint needs.
    pub fn object<N: Node>(&mut self, shape: &Shape, node: &N, found: &mut Resources<N::Text>) {
        // Set for this object alone when it is a resource list's entry (never for the objects
        // inside it), so taken before anything else.
        let entry = found.entering.take();
        let mut noted = Noted::default();
        let kind = node.kind();
        if kind != Kind::Object {
            return self.wrong_type(&format!("an object ({})", shape.what), kind);
        }
        // Shapes have at most 32 fields (`Shape::new` checks): one bit each records that the
        // field was seen.
        let mut seen: u32 = 0;
        // Objects of one kind tend to list their keys in one order: the search for a key starts
        // after the field the previous key matched.
        let mut next = 0;
        let walked = node.for_each_entry(|key, value| {
            let Some(i) = find_field(shape, key, next) else {
                return self.at_key(key, |cx| cx.unknown_property(shape, key, value));
            };
            next = i + 1;
            let field = &shape.fields[i];
            self.at_field(field.name, |cx| {
                if seen & (1 << i) != 0 {
                    cx.warn(IssueCode::DuplicateProperty, "this key appears twice in the object; JSON.parse and Seam keep the last one");
                }
                match value {
                    Ok(value) => {
                        if let Some((roles, _)) = &entry {
                            roles.note(i, &value, &mut noted);
                        }
                        cx.value(&field.ty, &value, found)
                    }
                    Err(Unreadable) => cx.unreadable(),
                }
            });
            seen |= 1 << i;
        });
        if let Some((roles, index)) = entry {
            found.add(roles, index, noted);
        }
        if walked.is_err() {
            return self.unreadable();
        }
        if seen & shape.required == shape.required {
            return;
        }
        for (i, field) in shape.fields.iter().enumerate() {
            if field.required && seen & (1 << i) == 0 {
                self.at_field(field.name, |cx| {
                    cx.error(IssueCode::Required, format!("is required in {}", shape.what))
                });
            }
        }
    }

    fn unknown_property<N: Node>(&mut self, shape: &Shape, key: &str, value: Result<N, Unreadable>) {
        let hint = shape
            .fields
            .iter()
            .filter_map(|f| Some((text::edit_distance_within(key, f.name, 2)?, f.name)))
            .filter(|&(d, _)| d < key.len())
            .min_by_key(|&(d, _)| d)
            .map(|(_, name)| format!("; did you mean `{name}`?"))
            .unwrap_or_default();
        self.warn(
            IssueCode::UnknownProperty,
            format!("`{}` is not a property of {}: Seam ignores it{hint}", shown_key(key), shape.what),
        );
        match value {
            Ok(value) if !value.holds_only_json() => self.json_safety(&value),
            Ok(_) => {}
            Err(Unreadable) => self.unreadable(),
        }
    }

    /// Checks that a JS value the schema does not describe can still be sent as JSON. The
    /// recursion is bounded: the glue writes nothing below [`super::json::MAX_DEPTH`] levels.
    fn json_safety<N: Node>(&mut self, node: &N) {
        let kind = node.kind();
        let mut failed = false;
        match kind {
            Kind::Cycle => self.error(IssueCode::NotJson, "refers to an object that contains it (a cycle): JSON.stringify would throw"),
            Kind::TooDeep => self.error(IssueCode::NotJson, format!("nested deeper than {} levels (the limit JSON text has too)", super::json::MAX_DEPTH)),
            Kind::BigInt => self.error(IssueCode::NotJson, "a BigInt cannot be sent: JSON.stringify throws on it"),
            Kind::Symbol | Kind::Function => self.warn(
                IssueCode::LossyValue,
                format!("{} is dropped (or sent as null in an array) by JSON.stringify", kind.described()),
            ),
            Kind::Number if !node.as_f64().is_some_and(f64::is_finite) => {
                self.warn(IssueCode::LossyValue, "NaN and infinities are sent as null")
            }
            Kind::Array => {
                failed = node
                    .for_each_item(|i, item| match item {
                        Ok(item) => self.at_index(i, |cx| cx.json_safety(&item)),
                        Err(Unreadable) => self.at_index(i, Self::unreadable),
                    })
                    .is_err();
            }
            Kind::Object => {
                failed = node
                    .for_each_entry(|key, value| match value {
                        Ok(value) => self.at_key(key, |cx| cx.json_safety(&value)),
                        Err(Unreadable) => self.at_key(key, Self::unreadable),
                    })
                    .is_err();
            }
            _ => {}
        }
        if failed {
            self.unreadable();
        }
    }

    /// Checks one value against its rule.
    pub fn value<N: Node>(&mut self, ty: &Ty, node: &N, found: &mut Resources<N::Text>) {
        let kind = node.kind();
        match ty {
            Ty::Bool if kind == Kind::Bool => {}
            Ty::Bool => self.wrong_type("a boolean", kind),
            // Plain text: only its type matters, so its content is not read (from JS, reading a
            // string means converting it to UTF-8).
            Ty::Str(Str { min_chars: 0, trimmed: false, format: Format::Any }) => match kind {
                Kind::String if node.has_lone_surrogate() => self.lone_surrogate(),
                Kind::String => {}
                _ => self.wrong_type("a string", kind),
            },
            Ty::Str(rule) => match node.as_str() {
                Some(s) => {
                    if node.has_lone_surrogate() {
                        self.lone_surrogate();
                    }
                    self.string(rule, &s)
                }
                None => self.wrong_type("a string", kind),
            },
            Ty::StrList => self.list(node, || "an array of strings".to_owned(), |cx, _, item| {
                if item.kind() != Kind::String {
                    cx.wrong_type("a string", item.kind())
                } else if item.has_lone_surrogate() {
                    cx.lone_surrogate()
                }
            }),
            Ty::Number => match node.as_f64() {
                Some(n) if n.is_finite() => {}
                Some(_) => self.error(IssueCode::NotFinite, "must be a finite number: JSON sends NaN and infinities as null"),
                None => self.wrong_type("a number", kind),
            },
            Ty::PositiveInt => match node.as_f64() {
                Some(n) if !n.is_finite() => self.error(IssueCode::NotFinite, "must be a finite number: JSON sends NaN and infinities as null"),
                Some(n) if n.fract() != 0.0 => self.error(IssueCode::NotInteger, format!("must be a whole number of minutes, got {}", text::js_number(n))),
                Some(n) if n <= 0.0 => self.error(IssueCode::TooSmall, format!("must be greater than 0, got {}", text::js_number(n))),
                Some(_) => {}
                None => self.wrong_type("an integer", kind),
            },
            Ty::Enum(allowed) => match node.as_str() {
                Some(s) if allowed.contains(&s.as_ref()) => {}
                Some(s) => self.error(IssueCode::InvalidEnumValue, format!("{} is not allowed: expected one of {}", quote(&s), list_quoted(allowed))),
                None => self.wrong_type(&format!("one of {}", list_quoted(allowed)), kind),
            },
            Ty::Nullable(_) if kind == Kind::Null => {}
            Ty::Nullable(inner) => self.value(inner, node, found),
            Ty::Object(shape) => {
                // Each `customer_data` (JSON text can have two) starts the lint's collection
                // afresh: the last one is the one sent.
                if std::ptr::eq(*shape, &CUSTOMER_DATA) {
                    found.reset();
                }
                self.object(shape, node, found)
            }
            Ty::List(shape) => {
                let roles = Roles::of(shape);
                if let Some(roles) = roles {
                    found.start_list(roles.list, node.size_hint().unwrap_or(0));
                }
                self.list(
                    node,
                    || {
                        // "a space" -> "an array of spaces" (prefixes stripped by comparison: a
                        // pattern search would bring std's substring searcher into the module).
                        let what = shape.what;
                        format!("an array of {}s", what.strip_prefix("a ").or_else(|| what.strip_prefix("an ")).unwrap_or(what))
                    },
                    |cx, index, item| {
                        found.entering = roles.map(|roles| (roles, index));
                        cx.object(shape, item, found)
                    },
                )
            }
            Ty::StrOrBool => match kind {
                Kind::String | Kind::Bool => {}
                _ => self.wrong_type("a string or a boolean", kind),
            },
            Ty::CustomMetadata => self.custom_metadata(node),
            Ty::LandingPageManage => self.landing_page_manage(node),
        }
    }

    fn lone_surrogate(&mut self) {
        self.warn(IssueCode::LoneSurrogate, "contains an unpaired UTF-16 surrogate: it is sent as a \\u escape and shown as \u{FFFD}");
    }

    /// Checks an array with `each` on every item; `expected` describes it for the error when
    /// it is not an array (written only then).
    fn list<N: Node>(&mut self, node: &N, expected: impl FnOnce() -> String, mut each: impl FnMut(&mut Self, usize, &N)) {
        let kind = node.kind();
        if kind != Kind::Array {
            return self.wrong_type(&expected(), kind);
        }
        let walked = node.for_each_item(|i, item| {
            self.at_index(i, |cx| match item {
                Ok(item) => each(cx, i, &item),
                Err(Unreadable) => cx.unreadable(),
            })
        });
        if walked.is_err() {
            self.unreadable();
        }
    }

    fn string(&mut self, rule: &Str, s: &str) {
        if s.len() < rule.min_chars {
            self.error(IssueCode::TooShort, "must not be empty");
        } else if rule.trimmed && !text::is_js_trimmed(s) {
            self.error(
                IssueCode::LeadingOrTrailingWhitespace,
                "must not have leading or trailing whitespace: Seam's server refuses it",
            );
        }
        match rule.format {
            Format::Any => {}
            Format::Uuid if text::is_uuid(s) => {}
            Format::Uuid => self.error(
                IssueCode::InvalidFormat,
                format!("{} is not a UUID (expected 8-4-4-4-12 hexadecimal digits, like 123e4567-e89b-12d3-a456-426614174000)", quote(s)),
            ),
            Format::DateTime => match text::date_time(s) {
                DateTimeCheck::Valid => {}
                DateTimeCheck::ServerRefuses => self.error(
                    IssueCode::InvalidFormat,
                    format!("{} is an RFC 3339 date-time, but Seam's server expects UTC written as YYYY-MM-DDTHH:MM:SS[.sss]Z (uppercase T and Z, no offset, no leap second), like 2025-06-01T15:00:00Z", quote(s)),
                ),
                DateTimeCheck::Invalid => self.error(
                    IssueCode::InvalidFormat,
                    format!("{} is not a date-time: expected UTC like 2025-06-01T15:00:00Z", quote(s)),
                ),
            },
            Format::TimeOfDay if text::is_time_of_day(s) => {}
            Format::TimeOfDay => self.error(
                IssueCode::InvalidPattern,
                format!("{} is not a time of day: expected HH:mm or HH:mm:ss on a 24-hour clock, like 15:00", quote(s)),
            ),
            Format::Identifier if text::is_identifier(s) => {}
            Format::Identifier => self.error(
                IssueCode::InvalidPattern,
                format!("{} is not a field name: it must start with a letter or underscore and contain only ASCII letters, digits and underscores", quote(s)),
            ),
        }
    }

    fn custom_metadata<N: Node>(&mut self, node: &N) {
        use custom_metadata::{MAX_KEYS, MAX_KEY_UTF16, MAX_VALUE};
        let kind = node.kind();
        if kind != Kind::Object {
            return self.wrong_type("an object of key:value pairs", kind);
        }
        let mut count = 0;
        let walked = node.for_each_entry_checking_keys(|key, key_has_lone_surrogate, value| {
            count += 1;
            self.at_key(key, |cx| {
                let key_len = text::lengths(key).utf16;
                if key_len > MAX_KEY_UTF16 {
                    cx.error(IssueCode::TooLong, format!("custom metadata keys are limited to {MAX_KEY_UTF16} characters by Seam's server (counted in UTF-16 code units); this one has {key_len}"));
                }
                if key_has_lone_surrogate {
                    cx.warn(IssueCode::LoneSurrogate, "this key contains an unpaired UTF-16 surrogate: it is sent as a \\u escape and shown here as \u{FFFD}");
                }
                let value = match value {
                    Ok(value) => value,
                    Err(Unreadable) => return cx.unreadable(),
                };
                match value.kind() {
                    Kind::Null | Kind::Bool => {}
                    Kind::String => {
                        let s = value.as_str().unwrap_or_default();
                        let len = text::lengths(&s);
                        if len.chars > MAX_VALUE {
                            cx.error(IssueCode::TooLong, format!("must be at most {MAX_VALUE} characters, got {}", len.chars));
                        } else if len.utf16 > MAX_VALUE {
                            cx.error(IssueCode::TooLong, format!("must be at most {MAX_VALUE} characters; Seam's server counts UTF-16 code units, and this string has {} (characters outside the Basic Multilingual Plane, such as emoji, count twice)", len.utf16));
                        }
                        if value.has_lone_surrogate() {
                            cx.lone_surrogate();
                        }
                    }
                    other => cx.wrong_type("a string, a boolean or null", other),
                }
            });
        });
        if walked.is_err() {
            return self.unreadable();
        }
        if count > MAX_KEYS {
            self.error(IssueCode::TooManyKeys, format!("custom metadata is limited to {MAX_KEYS} keys by Seam's server; got {count}"));
        }
    }

    /// `landing_page.manage` is a `oneOf` of 13 single-key objects: valid when exactly one of
    /// the keys holds a string. (Extra keys holding other types make their own branch fail and
    /// so are allowed by the spec; they are reported as ignored.)
    fn landing_page_manage<N: Node>(&mut self, node: &N) {
        let kind = node.kind();
        let names = || LANDING_PAGE_KEYS.iter().map(|(k, _)| *k).collect::<Vec<_>>().join(", ");
        if kind != Kind::Object {
            return self.wrong_type(&format!("an object with exactly one of {}", names()), kind);
        }
        let mut strings: Vec<String> = Vec::new();
        let mut others: Vec<(String, Kind)> = Vec::new();
        let walked = node.for_each_entry(|key, value| {
            let landing = LANDING_PAGE_KEYS.iter().any(|(k, _)| *k == key);
            self.at_key(key, |cx| match value {
                Ok(v) if landing && v.kind() == Kind::String => strings.push(key.to_owned()),
                Ok(v) => {
                    if landing {
                        others.push((key.to_owned(), v.kind()));
                    } else {
                        cx.warn(IssueCode::UnknownProperty, format!("`{}` is not a landing page key: Seam ignores it", shown_key(key)));
                    }
                    // Ignored by Seam, but sent: JSON must be able to carry it.
                    if !v.holds_only_json() {
                        cx.json_safety(&v);
                    }
                }
                Err(Unreadable) => cx.unreadable(),
            });
        });
        if walked.is_err() {
            return self.unreadable();
        }
        match strings.len() {
            1 => {
                for (key, kind) in others {
                    self.at_key(&key, |cx| match kind {
                        // JSON sends what toJSON returns (a Date's is a string): perhaps a second
                        // landing page, which Seam would refuse.
                        Kind::Date | Kind::ToJson => cx.wrong_type("a string", kind),
                        _ => cx.warn(IssueCode::IgnoredProperty, format!("ignored: a landing page key must be a string, got {}", kind.described())),
                    });
                }
            }
            0 if !others.is_empty() => {
                for (key, kind) in others {
                    self.at_key(&key, |cx| cx.wrong_type("a string", kind));
                }
            }
            0 => self.error(IssueCode::NotExactlyOne, format!("must name exactly one landing page, with one of {}", names())),
            n => self.error(
                IssueCode::NotExactlyOne,
                format!("names {n} landing pages ({}); exactly one is allowed", strings.join(", ")),
            ),
        }
    }
}

/// The index of the field named `key`, searching from `from` round to the start. Lengths and
/// first bytes are compared before whole names: most fields differ in one or the other.
fn find_field(shape: &Shape, key: &str, from: usize) -> Option<usize> {
    let fields = shape.fields;
    let first = *key.as_bytes().first()?;
    let matches = |f: &Field| f.name.len() == key.len() && f.name.as_bytes()[0] == first && text::same_bytes(f.name.as_bytes(), key.as_bytes());
    let from = from.min(fields.len());
    fields[from..].iter().position(matches).map(|i| i + from).or_else(|| fields[..from].iter().position(matches))
}

/// Appends `[index]` to a path.
pub fn push_index(path: &mut String, index: usize) {
    let mut digits = [0u8; 20];
    let mut n = index;
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    path.push('[');
    path.extend(digits[start..].iter().map(|&d| d as char));
    path.push(']');
}

/// Appends `.key` (or `key` at the root) to a path, quoting keys that are not identifiers.
pub fn push_key(path: &mut String, key: &str) {
    if text::is_identifier(key) {
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key);
    } else {
        path.push('[');
        path.push_str(&quote(key));
        path.push(']');
    }
}

/// How many characters of a caller's string a message quotes: a 10 MB value or key does not
/// make a 10 MB message (the path still names a key in full).
const QUOTED: usize = 60;

/// A string as a JSON literal, for messages and paths; long strings are cut to their first
/// [`QUOTED`] characters, then `…`.
pub fn quote(s: &str) -> String {
    let (shown, cut) = first_chars(s);
    let mut q = String::with_capacity(shown.len() + 5);
    push_json_string(&mut q, shown);
    if cut {
        q.insert(q.len() - 1, '…');
    }
    q
}

/// A caller's key as a message shows it between backticks: as it is, or its first [`QUOTED`]
/// characters and `…`.
fn shown_key(key: &str) -> String {
    let (shown, cut) = first_chars(key);
    if cut { format!("{shown}…") } else { shown.to_owned() }
}

/// The first [`QUOTED`] characters of `s`, and whether that cut any.
fn first_chars(s: &str) -> (&str, bool) {
    match s.char_indices().nth(QUOTED) {
        Some((cut, _)) => (s.get(..cut).unwrap_or(s), true),
        None => (s, false),
    }
}

/// Appends `s` as a JSON string literal, escaped as `JSON.stringify` escapes it.
pub fn push_json_string(out: &mut String, s: &str) {
    out.push('"');
    let mut plain = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0C => "\\f",
            0..=0x1F => "",
            _ => continue,
        };
        out.push_str(&s[plain..i]);
        plain = i + 1;
        if escape.is_empty() {
            out.push_str(&format!("\\u{b:04x}"));
        } else {
            out.push_str(escape);
        }
    }
    out.push_str(&s[plain..]);
    out.push('"');
}

fn list_quoted(items: &[&str]) -> String {
    items.iter().map(|s| quote(s)).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::super::schema::{Ty, REQUEST};
    use super::*;

    /// Every shape the request's schema reaches.
    fn shapes(shape: &'static Shape, out: &mut Vec<&'static Shape>) {
        if out.iter().any(|s| std::ptr::eq(*s, shape)) {
            return;
        }
        out.push(shape);
        for field in shape.fields {
            let mut ty = &field.ty;
            while let Ty::Nullable(inner) = ty {
                ty = inner;
            }
            if let Ty::Object(inner) | Ty::List(inner) = ty {
                shapes(inner, out);
            }
        }
    }

    #[test]
    fn every_field_is_found_by_its_name_and_by_nothing_else() {
        let mut all = Vec::new();
        shapes(&REQUEST, &mut all);
        assert!(all.len() > 20, "{} shapes", all.len());
        for shape in all {
            for (i, field) in shape.fields.iter().enumerate() {
                for from in [0, i, i + 1, shape.fields.len()] {
                    assert_eq!(find_field(shape, field.name, from), Some(i), "{} in {}", field.name, shape.what);
                }
                // Names that share its length and first byte, or miss it by a byte at either
                // end or in the middle, or by case.
                let name = field.name.as_bytes();
                let mut near: Vec<Vec<u8>> = vec![name[..name.len() - 1].to_vec(), [name, b"_"].concat(), [b"_", name].concat(), name.to_ascii_uppercase()];
                for at in [0, name.len() / 2, name.len() - 1] {
                    let mut changed = name.to_vec();
                    changed[at] ^= 1;
                    near.push(changed);
                }
                for other in near {
                    let other = String::from_utf8(other).unwrap();
                    if shape.fields.iter().all(|f| f.name != other) {
                        assert_eq!(find_field(shape, &other, 0), None, "{other:?} in {}", shape.what);
                    }
                }
            }
            assert_eq!(find_field(shape, "", 0), None);
            assert_eq!(find_field(shape, &"x".repeat(300), 0), None);
        }
    }
}
