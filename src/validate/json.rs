//! JSON text read into a flat tape: one `Vec` of 8-byte entries for the whole document, in
//! document order, with strings borrowed from the text.
//!
//! Why not `serde_json::Value` or a tree of `Vec`s: building a tree cost half of validation
//! (one allocation per object and array, measured with callgrind), and the validator reads each
//! value at most a few times, in order. A tape needs one growing allocation, lets the walk skip a
//! whole subtree in one step, and keeps numbers as text until a rule reads them.
//!
//! The grammar is RFC 8259, exactly what `JSON.parse` accepts, with two limits of our own: 128
//! levels of nesting (as for JS values, so that both inputs accept the same documents) and
//! numbers within a double's range (`1e400` would silently become `Infinity`). Escaped lone
//! surrogates (`"\ud800"`), which `JSON.parse` accepts, are read as U+FFFD and flagged, as
//! unpaired surrogates in JS strings are.

use std::borrow::Cow;
use std::fmt;

use super::node::{Kind, Node, Unreadable};
use super::text;

/// The deepest nesting of arrays and objects accepted.
pub const MAX_DEPTH: usize = 128;

/// Offsets and indices share an entry with a 3-bit tag, so documents are limited to 512 MiB
/// (more than a JS string can hold as UTF-16 text of ASCII, 2^29 - 24 code units).
const PAYLOAD_BITS: u32 = 29;
const PAYLOAD_MASK: u32 = (1 << PAYLOAD_BITS) - 1;
/// The largest document accepted, in bytes.
pub const MAX_LEN: usize = PAYLOAD_MASK as usize;

const NULL: u32 = 0;
const FALSE: u32 = 1;
const TRUE: u32 = 2;
/// `a`: start offset; `b`: end offset of the literal. In a tape made from JS values (see
/// [`Tape::from_js`]), `a` indexes `numbers` instead and `b` is [`JS_NUMBER`].
const NUMBER: u32 = 3;
/// The `b` of a NUMBER entry whose value is in `numbers`: never an end offset, which is below
/// 2^29.
pub const JS_NUMBER: u32 = u32::MAX;
/// `a`: start offset; `b`: end offset of the contents (between the quotes).
const STRING: u32 = 4;
/// `a`: index in `unescaped`; `b`: 1 when the string had an escaped lone surrogate.
const ESCAPED: u32 = 5;
/// `a`: the index just past the container's last descendant (so skipping it is one step);
/// `b`: how many items (arrays) or entries (objects) it has.
/// Objects hold key, value, key, value…, keys being STRING or ESCAPED entries.
const ARRAY: u32 = 6;
const OBJECT: u32 = 7;

/// The `b` of a NULL entry in a tape written from a JS value that is not plain JSON data (see
/// [`Tape::from_js`]): what stood there, where JSON has no such value (0 for `null` itself).
/// `pkg-template/json-text.js` writes the same numbers.
mod js {
    /// `undefined` in an array (in an object, JSON drops the key, and so does the glue).
    pub const UNDEFINED: u32 = 1;
    pub const BIGINT: u32 = 2;
    pub const SYMBOL: u32 = 3;
    pub const FUNCTION: u32 = 4;
    pub const DATE: u32 = 5;
    /// Another object with a `toJSON` method.
    pub const TO_JSON: u32 = 6;
    /// A Map, Set, WeakMap or WeakSet without keys of its own.
    pub const COLLECTION: u32 = 7;
    /// An object or array that is its own ancestor.
    pub const CYCLE: u32 = 8;
    /// An object or array [`super::MAX_DEPTH`] levels down: its contents are not written.
    pub const TOO_DEEP: u32 = 9;
    /// A value whose read threw (a getter, a proxy's trap): an item or an entry's value.
    pub const UNREADABLE: u32 = 10;
    /// An object whose keys could not be listed (a proxy's trap threw, or it was revoked).
    pub const UNLISTED_OBJECT: u32 = 11;
    /// An array whose length could not be read.
    pub const UNLISTED_ARRAY: u32 = 12;
    pub const LAST: u32 = UNLISTED_ARRAY;
}

/// An entry as stored: `[tag << 29 | a, b]`. A plain pair of words, so that the entries the JS
/// glue writes are copied straight into a tape's vector (see [`Tape::from_js`]).
type StoredEntry = [u32; 2];

/// An entry, read.
#[derive(Clone, Copy)]
struct Entry {
    /// The tag in the top 3 bits, a payload below.
    tag_a: u32,
    b: u32,
}

impl Entry {
    fn stored(tag: u32, a: usize, b: usize) -> StoredEntry {
        [tag << PAYLOAD_BITS | a as u32, b as u32]
    }
    fn read([tag_a, b]: StoredEntry) -> Entry {
        Entry { tag_a, b }
    }
    fn tag(self) -> u32 {
        self.tag_a >> PAYLOAD_BITS
    }
    fn a(self) -> usize {
        (self.tag_a & PAYLOAD_MASK) as usize
    }
}

/// A parsed document.
pub struct Tape<'a> {
    text: &'a str,
    entries: Vec<StoredEntry>,
    /// Strings that had escapes, decoded (the rest are slices of `text`).
    unescaped: Vec<String>,
    /// The numbers of a tape made from JS values (empty for parsed text, whose numbers stay
    /// text until read).
    numbers: Vec<f64>,
    /// The indices of STRING entries that held a lone surrogate, in order (from JS values only:
    /// parsed text flags its escaped ones as ESCAPED entries).
    lone: Vec<u32>,
    /// Whether the tape holds values JSON cannot carry (from JS values only): a NULL entry
    /// standing for one (see [`js`]), or a NaN or an infinity.
    loose: bool,
}

/// Why text is not JSON, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// What was wrong.
    pub what: &'static str,
    /// 1-based line of the offending character.
    pub line: usize,
    /// 1-based column of the offending character, in characters.
    pub column: usize,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{} (line {}, column {})", self.what, self.line, self.column)
    }
}

impl<'a> Tape<'a> {
    /// Parses JSON text.
    pub fn parse(text: &'a str) -> Result<Tape<'a>, SyntaxError> {
        let mut parser = Parser {
            bytes: text.as_bytes(),
            pos: 0,
            // Compact JSON of objects with short strings has about one entry in 12 bytes (the
            // benchmark's bodies). Room for one in 8 holds such a tape without growing it, and
            // growing copies the tape and for a moment needs its old and new copies both: the
            // 10 MB body peaked at 2.5x its size in Wasm memory with room for one in 16.
            tape: Tape { text, entries: Vec::with_capacity(text.len() / 8 + 4), unescaped: Vec::new(), numbers: Vec::new(), lone: Vec::new(), loose: false },
            // The schema's depth, and more: a request's nesting grows it only when deeper.
            open: Vec::with_capacity(16),
        };
        match parser.document() {
            Ok(()) => Ok(parser.tape),
            Err(what) => Err(error_at(text, parser.pos, what)),
        }
    }

    /// The root value.
    pub fn root(&self) -> JsonNode<'_> {
        JsonNode { tape: self, at: 0 }
    }
}

impl<'a> Tape<'a> {
    /// A tape the JS glue wrote while walking a JS value (`jsonTape` and `looseJsonTape` in
    /// `pkg-template/json-text.js`), checked and made ready to read. Serialising a large object
    /// and parsing the text back cost twice what walking it costs; this reads the walk's result
    /// directly, and it is the only way the validator reads JS values: one reader, whatever the
    /// value holds.
    ///
    /// The glue writes the same entries a parse does, with these differences:
    /// - every string is a STRING, and all of them, keys included, are concatenated in document
    ///   order in `text` (nothing is escaped: the text is the strings' own characters, a lone
    ///   surrogate written as U+FFFD and its entry's index listed in `lone`);
    /// - STRING offsets count UTF-16 code units of `text`, which is what JS knows;
    /// - NUMBER entries index `numbers`, in order ([`JS_NUMBER`] in `b`), and may be NaN or
    ///   infinite;
    /// - a NULL entry's `b` may name a JS value JSON has no literal for (see [`js`]).
    ///
    /// Nothing here trusts the entries: each container must end inside its parent with the count
    /// it says, objects must alternate string keys and values, strings must follow one another
    /// through the whole text and end on character boundaries, numbers must each be taken once,
    /// in order, `lone` must list STRING entries in order, and literals carry no other payload.
    /// `None` for anything else, so a bug in the glue costs an error report, never a wrong slice
    /// or a trap.
    pub fn from_js(text: &'a str, mut entries: Vec<StoredEntry>, mut numbers: Vec<f64>, lone: Vec<u32>) -> Option<Tape<'a>> {
        if entries.is_empty() || entries.len() > MAX_LEN || text.len() > MAX_LEN {
            return None;
        }
        let mut loose = false;
        for number in &mut numbers {
            loose |= !number.is_finite();
            // JSON has no -0 (`JSON.stringify(-0)` is "0"): `+ 0.0` makes it 0, as parsing does.
            *number += 0.0;
        }
        let end = entries.len();
        let mut check = JsTapeCheck { entries: &mut entries, strings: Utf16Cursor::new(text), numbers: 0, lone: &lone, lone_seen: 0, loose };
        // One root value, then nothing: every entry, string, number and lone index is accounted for.
        let complete = check.value(0, end, 0)? == end && check.strings.at_end() && check.numbers == numbers.len() && check.lone_seen == lone.len();
        let loose = check.loose;
        complete.then(|| Tape { text, entries, unescaped: Vec::new(), numbers, lone, loose })
    }
}

/// [`Tape::from_js`]'s check, in place: the entries are read once, in order, and only the
/// offsets of strings in non-ASCII text are rewritten (from UTF-16 units to bytes).
///
/// It recurses once per container, bounded by [`MAX_DEPTH`], so each container's loop knows
/// where it ends and where its keys are. The check it replaced, one loop over all entries with
/// a stack of open containers that asked at every entry whether containers closed before it and
/// whether it was a key, writing each entry into a second vector, took 17% of `validate(object)`
/// on the 10 MB body (V8's profiler); this takes 6%.
struct JsTapeCheck<'e, 't> {
    entries: &'e mut [StoredEntry],
    strings: Utf16Cursor<'t>,
    /// The numbers read so far: NUMBER entries take them in order, as the glue writes them.
    numbers: usize,
    /// The strings with a lone surrogate, and how many of them the strings read so far were.
    lone: &'e [u32],
    lone_seen: usize,
    /// Whether a NaN, an infinity or a JS-only value has been seen.
    loose: bool,
}

impl JsTapeCheck<'_, '_> {
    /// Checks the value at `at`, which must end by `end`, `depth` containers down; returns the
    /// index just past it.
    #[inline(always)]
    fn value(&mut self, at: usize, end: usize, depth: usize) -> Option<usize> {
        let [word, b] = *self.entries.get(at)?;
        let a = (word & PAYLOAD_MASK) as usize;
        match word >> PAYLOAD_BITS {
            STRING => self.string(at, a, b),
            NUMBER if b == JS_NUMBER && a == self.numbers => {
                self.numbers += 1;
                Some(at + 1)
            }
            FALSE | TRUE if a == 0 && b == 0 => Some(at + 1),
            NULL if a == 0 && b <= js::LAST => {
                self.loose |= b != 0;
                Some(at + 1)
            }
            tag @ (ARRAY | OBJECT) if at < a && a <= end && depth < MAX_DEPTH => self.container(at, tag == OBJECT, a, b, depth),
            _ => None, // ESCAPED (the glue escapes nothing), or a malformed entry
        }
    }

    /// Checks a container's items (an object's keys and values), which must fill the entries up
    /// to its `end`, `count` of them; returns its `end`.
    fn container(&mut self, at: usize, object: bool, end: usize, count: u32, depth: usize) -> Option<usize> {
        let mut next = at + 1;
        let mut items = 0;
        while next < end {
            if object {
                let [word, b] = *self.entries.get(next)?;
                if word >> PAYLOAD_BITS != STRING {
                    return None;
                }
                next = self.string(next, (word & PAYLOAD_MASK) as usize, b)?;
                if next == end {
                    return None; // a key without its value
                }
            }
            next = self.value(next, end, depth + 1)?;
            items += 1;
        }
        (items == count).then_some(end)
    }

    /// Checks the string at `at` (units `start..end` of the text) and returns the index past it.
    #[inline(always)]
    fn string(&mut self, at: usize, start: usize, end: u32) -> Option<usize> {
        let (from, to) = self.strings.advance(start, end as usize)?;
        if self.lone.get(self.lone_seen) == Some(&(at as u32)) {
            self.lone_seen += 1;
        }
        if !self.strings.ascii {
            self.entries[at] = Entry::stored(STRING, from, to);
        }
        Some(at + 1)
    }
}

/// What the JS glue would hand [`Tape::from_js`] for the same document: for tests and fuzzing,
/// which check that a tape made from JS values reads as the parsed one does.
#[doc(hidden)]
pub struct JsParts {
    /// The strings, keys included, one after another.
    pub text: String,
    /// The entries.
    pub entries: Vec<[u32; 2]>,
    /// The numbers.
    pub numbers: Vec<f64>,
    /// The strings that had a lone surrogate.
    pub lone: Vec<u32>,
}

impl JsParts {
    /// The tape these parts make.
    pub fn tape(&self) -> Option<Tape<'_>> {
        Tape::from_js(&self.text, self.entries.clone(), self.numbers.clone(), self.lone.clone())
    }
}

impl Tape<'_> {
    #[doc(hidden)]
    pub fn js_parts(&self) -> JsParts {
        let mut parts = JsParts { text: String::new(), entries: Vec::with_capacity(self.entries.len()), numbers: Vec::new(), lone: Vec::new() };
        let mut units = 0;
        for (at, &entry) in self.entries.iter().enumerate() {
            let entry = Entry::read(entry);
            let node = self.root().at(at);
            let (tag, a, b) = match entry.tag() {
                STRING | ESCAPED => {
                    if entry.tag() == ESCAPED && entry.b == 1 {
                        parts.lone.push(at as u32);
                    }
                    let s = node.str().unwrap_or_default();
                    let start = units;
                    units += s.encode_utf16().count();
                    parts.text.push_str(s);
                    (STRING, start, units as u32)
                }
                NUMBER => {
                    parts.numbers.push(node.as_f64().unwrap_or_default());
                    (NUMBER, parts.numbers.len() - 1, JS_NUMBER)
                }
                tag => (tag, entry.a(), entry.b),
            };
            parts.entries.push([tag << PAYLOAD_BITS | a as u32, b]);
        }
        parts
    }
}

/// Turns the UTF-16 offsets of consecutive strings into byte offsets of the same text.
struct Utf16Cursor<'a> {
    text: &'a str,
    /// Where the last string ended, in bytes and in UTF-16 units.
    byte: usize,
    unit: usize,
    /// When every character is ASCII, bytes and units are the same numbers.
    ascii: bool,
}

impl<'a> Utf16Cursor<'a> {
    fn new(text: &'a str) -> Self {
        Utf16Cursor { text, byte: 0, unit: 0, ascii: text.is_ascii() }
    }

    /// The byte range of the string from unit `start` to unit `end`, which must start where
    /// the last one ended and end on a character boundary within the text.
    /// Inlined: it runs for every string, and for ASCII text it is three comparisons.
    #[inline(always)]
    fn advance(&mut self, start: usize, end: usize) -> Option<(usize, usize)> {
        if start != self.unit || end < start {
            return None;
        }
        let from = self.byte;
        if self.ascii {
            if end > self.text.len() {
                return None;
            }
            self.byte = end;
            self.unit = end;
        } else {
            self.advance_by_characters(end)?;
        }
        Some((from, self.byte))
    }

    #[inline(never)]
    fn advance_by_characters(&mut self, end: usize) -> Option<()> {
        let mut chars = self.text[self.byte..].chars();
        while self.unit < end {
            let c = chars.next()?;
            self.unit += c.len_utf16();
            self.byte += c.len_utf8();
        }
        // Past `end`: it was inside a surrogate pair.
        (self.unit == end).then_some(())
    }

    fn at_end(&self) -> bool {
        self.byte == self.text.len()
    }
}

/// Why bytes are not JSON text when they are not UTF-8 (`valid`: how many of them are, from
/// `Utf8Error::valid_up_to`), and where: the first byte that is not, counted as a
/// [`SyntaxError`] counts. UTF-16, which some Windows editors save, is named as such: JSON sent
/// between systems is UTF-8 (RFC 8259).
pub fn not_utf8(bytes: &[u8], valid: usize) -> SyntaxError {
    let what = if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        "it is UTF-16, not UTF-8"
    } else {
        "it is not UTF-8 (saved as Windows-1252 or Latin-1?)"
    };
    let (line, column) = line_and_column(&bytes[..valid.min(bytes.len())]);
    SyntaxError { what, line, column }
}

fn error_at(text: &str, pos: usize, what: &'static str) -> SyntaxError {
    let pos = pos.min(text.len());
    let what = what_javascript_allows(text, pos, what).unwrap_or(what);
    // `pos` may be inside a multi-byte character (a control character check never is, but be
    // safe): count up to the character boundary at or before it.
    let mut cut = pos;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let (line, column) = line_and_column(&text.as_bytes()[..cut]);
    SyntaxError { what, line, column }
}

/// The 1-based line and column (in characters) of the character right after `before`, UTF-8.
/// Not inlined: two callers, neither of them hot.
#[inline(never)]
fn line_and_column(before: &[u8]) -> (usize, usize) {
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    // A character is one byte that is not a continuation byte (0b10xxxxxx) and those after it.
    (line, before[line_start..].iter().filter(|&&b| b & 0xC0 != 0x80).count() + 1)
}

/// When the parser stopped at syntax that JavaScript (or a JSON dialect) allows and JSON does
/// not, the usual slips in JSON written by hand, what it is: "expected a value" would not say
/// why.
fn what_javascript_allows(text: &str, pos: usize, what: &str) -> Option<&'static str> {
    // Editors on Windows may save one.
    if pos == 0 && text.starts_with('\u{FEFF}') {
        return Some("it starts with a byte order mark (U+FEFF), which JSON does not allow (nor does JSON.parse): save it without one");
    }
    let rest = &text.as_bytes()[pos..];
    // A comment is one wherever it starts, outside a string (`"\u//"` stops at the slashes).
    let in_string = what.starts_with("invalid \\u escape") || what.starts_with("invalid escape") || what.starts_with("control character");
    if !in_string && (rest.starts_with(b"//") || rest.starts_with(b"/*")) {
        return Some("a comment: JSON has none");
    }
    // Numbers as JavaScript writes them, where the parser stopped right after a number: its
    // digit runs are maximal, so the number is the run of number characters before `pos`, and
    // a digit or letter right after a lone `0` is what JSON's leading-zero rule refused.
    if what.starts_with("expected `,` or") || what == "unexpected text after the JSON value" {
        let before = &text.as_bytes()[..pos];
        let start = before.iter().rposition(|b| !(b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))).map_or(0, |i| i + 1);
        let number = &before[start..];
        let lone_zero = matches!(number, b"0" | b"-0");
        match rest.first() {
            Some(b'0'..=b'9') if lone_zero => {
                return Some("a number with a leading zero: JSON numbers have none (a code such as 0123 is a string: \"0123\")");
            }
            Some(b'x' | b'X' | b'o' | b'O' | b'b' | b'B') if lone_zero => {
                return Some("a hexadecimal, octal or binary number (0x…, 0o…, 0b…): JSON numbers are decimal");
            }
            // A literal ending in `e` (`true`) is not a number.
            Some(b'_') if number.first().is_some_and(|b| b.is_ascii_digit() || *b == b'-') => {
                return Some("a digit separator (_): JSON numbers have none");
            }
            _ => {}
        }
    }
    // The rest only where the parser's own words are generic: "expected `:`" already says
    // what to do.
    if !matches!(what, "expected a value" | "expected a string key" | "invalid number: expected a digit" | "unexpected text after the JSON value") {
        return None;
    }
    let previous = text.as_bytes()[..pos].iter().rev().find(|b| !matches!(b, b' ' | b'\n' | b'\r' | b'\t'));
    let word = |w: &str| rest.starts_with(w.as_bytes());
    Some(match rest.first()? {
        b'}' | b']' if previous == Some(&b',') => "a trailing comma: JSON allows none before } or ]",
        b'\'' => "a single quote: JSON strings and keys take double quotes",
        b'+' if what == "expected a value" => "a plus sign: JSON numbers take no sign but a minus",
        b'.' if rest.get(1).is_some_and(u8::is_ascii_digit) => "a number starting with a decimal point: JSON needs a digit before it (0.5, not .5)",
        b if (b.is_ascii_alphabetic() || matches!(b, b'_' | b'$')) && what == "expected a string key" => {
            "a key without double quotes: JSON keys are strings"
        }
        _ if word("NaN") || word("Infinity") || word("undefined") => {
            "NaN, Infinity and undefined are not JSON values (JSON.stringify writes null for them)"
        }
        _ => return None,
    })
}

struct Parser<'a> {
    bytes: &'a [u8],
    pos: usize,
    tape: Tape<'a>,
    /// The open containers, innermost last: tape index, values so far, and whether it is an
    /// object.
    open: Vec<(usize, usize, bool)>,
}

type Parsed<T = ()> = Result<T, &'static str>;

impl<'a> Parser<'a> {
    fn document(&mut self) -> Parsed {
        if self.bytes.len() > MAX_LEN {
            return Err("the text is larger than 512 MiB");
        }
        self.value()?;
        self.skip_whitespace();
        if self.pos < self.bytes.len() {
            return Err("unexpected text after the JSON value");
        }
        Ok(())
    }

    #[inline]
    fn skip_whitespace(&mut self) {
        while let Some(&b) = self.bytes.get(self.pos) {
            if !matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                break;
            }
            self.pos += 1;
        }
    }

    /// The next byte that is not whitespace. Compact JSON has none: that case is tried first.
    #[inline]
    fn peek(&mut self) -> Option<u8> {
        match self.bytes.get(self.pos) {
            Some(&b) if b > b' ' => Some(b),
            _ => {
                self.skip_whitespace();
                self.bytes.get(self.pos).copied()
            }
        }
    }

    fn push(&mut self, tag: u32, a: usize, b: usize) {
        self.tape.entries.push(Entry::stored(tag, a, b));
    }

    /// Parses one value, iteratively: containers are tracked in `open`, never by recursion, so
    /// any nesting the limit allows costs no stack.
    fn value(&mut self) -> Parsed {
        loop {
            // A value.
            if let Some((_, count, _)) = self.open.last_mut() {
                *count += 1;
            }
            match self.peek() {
                None => return Err("unexpected end of text: expected a value"),
                Some(open @ (b'{' | b'[')) => {
                    let (tag, close) = if open == b'{' { (OBJECT, b'}') } else { (ARRAY, b']') };
                    self.open_container(tag)?;
                    if self.peek() == Some(close) {
                        self.pos += 1;
                        self.close_container();
                    } else {
                        // Its first element: a key and then a value, or a value.
                        if tag == OBJECT {
                            self.key()?;
                        }
                        continue;
                    }
                }
                Some(b'"') => self.string()?,
                Some(b'-' | b'0'..=b'9') => self.number()?,
                Some(b't') => self.literal(b"true", TRUE)?,
                Some(b'f') => self.literal(b"false", FALSE)?,
                Some(b'n') => self.literal(b"null", NULL)?,
                Some(_) => return Err("expected a value"),
            }
            // What follows it: a comma and the next element, or the end of containers.
            loop {
                let Some(&(_, _, in_object)) = self.open.last() else { return Ok(()) };
                match self.peek() {
                    Some(b',') => {
                        self.pos += 1;
                        if in_object {
                            self.key()?;
                        }
                        break;
                    }
                    Some(b'}') if in_object => {
                        self.pos += 1;
                        self.close_container();
                    }
                    Some(b']') if !in_object => {
                        self.pos += 1;
                        self.close_container();
                    }
                    None => return Err(if in_object { "unexpected end of text in an object" } else { "unexpected end of text in an array" }),
                    Some(_) => return Err(if in_object { "expected `,` or `}`" } else { "expected `,` or `]`" }),
                }
            }
        }
    }

    fn open_container(&mut self, tag: u32) -> Parsed {
        if self.open.len() >= MAX_DEPTH {
            return Err("nested deeper than 128 levels");
        }
        self.pos += 1;
        self.open.push((self.tape.entries.len(), 0, tag == OBJECT));
        // The end index and count are filled in when the container closes.
        self.push(tag, 0, 0);
        Ok(())
    }

    fn close_container(&mut self) {
        if let Some((index, count, _)) = self.open.pop() {
            let end = self.tape.entries.len();
            let entry = &mut self.tape.entries[index];
            *entry = Entry::stored(Entry::read(*entry).tag(), end, count);
        }
    }

    /// An object key and its colon.
    #[inline]
    fn key(&mut self) -> Parsed {
        match self.peek() {
            Some(b'"') => self.string()?,
            None => return Err("unexpected end of text in an object"),
            Some(_) => return Err("expected a string key"),
        }
        match self.peek() {
            Some(b':') => {
                self.pos += 1;
                Ok(())
            }
            None => Err("unexpected end of text in an object"),
            Some(_) => Err("expected `:`"),
        }
    }

    fn literal(&mut self, word: &[u8], tag: u32) -> Parsed {
        if self.bytes[self.pos..].starts_with(word) {
            self.pos += word.len();
            self.push(tag, 0, 0);
            Ok(())
        } else {
            Err("expected a value")
        }
    }

    fn number(&mut self) -> Parsed {
        let start = self.pos;
        let b = self.bytes;
        let mut i = start;
        let digits = |i: &mut usize| {
            let from = *i;
            while b.get(*i).is_some_and(u8::is_ascii_digit) {
                *i += 1;
            }
            *i - from
        };
        if b[i] == b'-' {
            i += 1;
        }
        match b.get(i) {
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => {
                digits(&mut i);
            }
            _ => {
                self.pos = i;
                return Err("invalid number: expected a digit");
            }
        }
        let mut exact_range = i - start < 300;
        if b.get(i) == Some(&b'.') {
            i += 1;
            if digits(&mut i) == 0 {
                self.pos = i;
                return Err("invalid number: expected a digit after the decimal point");
            }
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(b.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            if digits(&mut i) == 0 {
                self.pos = i;
                return Err("invalid number: expected a digit in the exponent");
            }
            exact_range = false;
        }
        // Only a long literal or one with an exponent can be beyond a double's range: parse
        // just those now, the rest when (if) a rule reads them.
        if !exact_range && !parse_f64(&self.tape.text[start..i]).is_finite() {
            self.pos = start;
            return Err("number out of range: beyond a double's ±1.8e308");
        }
        self.pos = i;
        self.push(NUMBER, start, i);
        Ok(())
    }

    /// A string: scanned eight bytes at a time for the quote, a backslash or a control
    /// character; strings without escapes are recorded as a slice of the text. (A byte loop
    /// over a 256-entry table was 6% slower in Wasm on the benchmark's short strings.) Always
    /// inlined into its two callers, values and keys: as a call it cost 4% of validating in V8.
    #[inline(always)]
    fn string(&mut self) -> Parsed {
        let start = self.pos + 1;
        let b = self.bytes;
        let mut i = start;
        loop {
            // Eight bytes at a time, while there are eight.
            while let Some(chunk) = b.get(i..i + 8) {
                let word = u64::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7]]);
                let stop = quote_or_control(word) | has_byte(word, b'\\');
                if stop != 0 {
                    i += (stop.trailing_zeros() / 8) as usize;
                    break;
                }
                i += 8;
            }
            match b.get(i) {
                None => {
                    self.pos = i;
                    return Err("unexpected end of text in a string");
                }
                Some(b'"') => {
                    self.pos = i + 1;
                    self.push(STRING, start, i);
                    return Ok(());
                }
                Some(b'\\') => {
                    self.pos = i;
                    return self.escaped_string(start);
                }
                Some(c) if *c < 0x20 => {
                    self.pos = i;
                    return Err("control character in a string: U+0000 to U+001F must be escaped");
                }
                Some(_) => i += 1,
            }
        }
    }

    /// The rest of a string from its first backslash (at `self.pos`), decoded into a copy.
    fn escaped_string(&mut self, start: usize) -> Parsed {
        let b = self.bytes;
        let text = self.tape.text;
        let mut out = String::with_capacity(self.pos - start + 16);
        out.push_str(&text[start..self.pos]);
        let mut lone = false;
        let mut i = self.pos;
        loop {
            let run = i;
            while b.get(i).is_some_and(|&c| c != b'"' && c != b'\\' && c >= 0x20) {
                i += 1;
            }
            // `run..i` ends before an ASCII byte (or the end), so it is on character boundaries.
            out.push_str(&text[run..i]);
            match b.get(i) {
                None => {
                    self.pos = i;
                    return Err("unexpected end of text in a string");
                }
                Some(b'"') => break,
                Some(b'\\') => {
                    let escape = b.get(i + 1).copied();
                    i += 2;
                    match escape {
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'/') => out.push('/'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{C}'),
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => out.push('\r'),
                        Some(b't') => out.push('\t'),
                        Some(b'u') => {
                            let Some(unit) = hex4(b, i) else {
                                self.pos = i;
                                return Err("invalid \\u escape: expected four hexadecimal digits");
                            };
                            i += 4;
                            let c = match unit {
                                0xD800..=0xDBFF => match (b.get(i..i + 2), hex4(b, i + 2)) {
                                    (Some(b"\\u"), Some(low @ 0xDC00..=0xDFFF)) => {
                                        i += 6;
                                        char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                                    }
                                    _ => None,
                                },
                                _ => char::from_u32(unit),
                            };
                            out.push(c.unwrap_or_else(|| {
                                lone = true;
                                '\u{FFFD}'
                            }));
                        }
                        Some(_) => {
                            self.pos = i - 1;
                            return Err("invalid escape: expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
                        }
                        None => {
                            self.pos = i - 1;
                            return Err("unexpected end of text in a string");
                        }
                    }
                }
                Some(_) => {
                    self.pos = i;
                    return Err("control character in a string: U+0000 to U+001F must be escaped");
                }
            }
        }
        self.pos = i + 1;
        let index = self.tape.unescaped.len();
        self.tape.unescaped.push(out);
        self.push(ESCAPED, index, usize::from(lone));
        Ok(())
    }
}

fn hex4(b: &[u8], at: usize) -> Option<u32> {
    let digits = b.get(at..at + 4)?;
    digits.iter().try_fold(0, |n, &d| Some(n << 4 | (d as char).to_digit(16)?))
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// A word with the high bit set in each byte of `word` that equals `byte` (exact for the
/// lowest such byte, which is all the scan needs).
#[inline]
fn has_byte(word: u64, byte: u8) -> u64 {
    let x = word ^ (ONES * u64::from(byte));
    x.wrapping_sub(ONES) & !x & HIGHS
}

/// A word with the high bit set in each byte that is a quote or below 0x20 (exact for the
/// lowest such byte). Flipping bit 1 turns the quote (0x22) into 0x20 and keeps control
/// characters below 0x20 while nothing else lands there, so one comparison finds both.
#[inline]
fn quote_or_control(word: u64) -> u64 {
    let flipped = word ^ (ONES * 0x02);
    flipped.wrapping_sub(ONES * 0x21) & !flipped & HIGHS
}

/// A JSON number literal (already checked against the grammar) as `JSON.parse` reads it:
/// correctly rounded. Nearly every number a request holds (coordinates, minutes) is read by
/// [`exact_f64`]; the rest by the platform's own parser, which in Wasm is JavaScript's: std's
/// would add its tables, 14 KiB of the gzipped module.
fn parse_f64(literal: &str) -> f64 {
    exact_f64(literal).unwrap_or_else(|| platform_f64(literal))
}

/// The powers of ten a double holds exactly.
const EXACT_POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21,
    1e22,
];

/// A JSON number literal of at most 19 significant digits scaled by at most 10^±19 (or
/// 10^±22, for at most 2^53 in its digits), correctly rounded, without std's tables: that is
/// every number a request is likely to hold, coordinates with 17 digits included. `None` for
/// any other literal.
fn exact_f64(literal: &str) -> Option<f64> {
    let bytes = literal.as_bytes();
    let negative = bytes.first() == Some(&b'-');
    let mut i = usize::from(negative);
    let mut mantissa: u64 = 0;
    // Digits from the first that is not 0: leading zeros add nothing to the mantissa. Counted
    // from that digit, not from a mantissa above 0: past 19 digits the mantissa wraps, and for a
    // multiple of 2^64 it wraps to exactly 0 (2^64 itself was read as 0 when the count asked
    // the mantissa).
    let mut significant = 0;
    let mut started = false;
    let mut fraction_from = None;
    while i < bytes.len() {
        match bytes[i].wrapping_sub(b'0') {
            digit @ 0..=9 => {
                mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(digit));
                started |= digit != 0;
                significant += usize::from(started);
            }
            _ if bytes[i] == b'.' => fraction_from = Some(i + 1),
            _ => break,
        }
        i += 1;
    }
    let mut exponent = -(fraction_from.map_or(0, |from| i - from) as i64);
    // What is left is the exponent, `e` or `E`, a sign and digits, as the grammar allows.
    if let Some(rest) = bytes.get(i + 1..) {
        let (sign, written) = match rest {
            [b'-', written @ ..] => (-1, written),
            [b'+', written @ ..] => (1, written),
            written => (1, written),
        };
        // Capped: any exponent past the cap is far outside the ranges below.
        exponent += sign * written.iter().fold(0i64, |e, d| (e * 10 + i64::from(d - b'0')).min(1 << 20));
    }
    // Nineteen digits cannot overflow: 10^19 < 2^64.
    if significant > 19 {
        return None;
    }
    let value = match exponent {
        _ if mantissa == 0 => 0.0,
        // Clinger's fast path: the mantissa and the power of ten are exact doubles, and one
        // IEEE multiplication or division rounds correctly.
        0..=22 if mantissa <= 1 << 53 => mantissa as f64 * EXACT_POWERS_OF_TEN[exponent as usize],
        -22..=-1 if mantissa <= 1 << 53 => mantissa as f64 / EXACT_POWERS_OF_TEN[exponent.unsigned_abs() as usize],
        // An exact integer below 10^38 < 2^128, which `as` rounds to the nearest double, ties
        // to even.
        0..=19 => (u128::from(mantissa) * u128::from(10u64.pow(exponent as u32))) as f64,
        -19..=-1 => divided_by_power_of_ten(mantissa, exponent.unsigned_abs() as u32),
        _ => return None,
    };
    Some(if negative { -value } else { value })
}

/// `mantissa / 10^k` (a mantissa above 0, k at most 19), correctly rounded. The mantissa is
/// shifted to the top of a u128, so the quotient has at least 64 significant bits (10^k <
/// 2^64): its last bit lies well below the rounding position. Set when the division leaves a
/// remainder, that bit makes an exact halfway quotient round up, as the true value, just above
/// it, does; it changes nothing else. Scaling back by a power of two is exact.
fn divided_by_power_of_ten(mantissa: u64, k: u32) -> f64 {
    let shift = mantissa.leading_zeros() + 64;
    let scaled = u128::from(mantissa) << shift;
    let divisor = u128::from(10u64.pow(k));
    let quotient = (scaled / divisor) | u128::from(scaled % divisor != 0);
    // 2^-shift, shift at most 127: a normal double.
    quotient as f64 * f64::from_bits((1023 - u64::from(shift)) << 52)
}

/// JavaScript's `parseFloat`, which reads a JSON number literal as `JSON.parse` does.
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
fn platform_f64(literal: &str) -> f64 {
    js_sys::Number::parse_float(literal)
}

/// std's parser, correctly rounded (natively, its size does not matter).
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
fn platform_f64(literal: &str) -> f64 {
    literal.parse().unwrap_or(f64::NAN)
}

/// A value in a [`Tape`].
#[derive(Clone, Copy)]
pub struct JsonNode<'t> {
    tape: &'t Tape<'t>,
    at: usize,
}

impl<'t> JsonNode<'t> {
    #[inline]
    fn entry(&self) -> Entry {
        Entry::read(self.tape.entries[self.at])
    }

    /// The index just past this value and its descendants.
    #[inline]
    fn end(&self) -> usize {
        let entry = self.entry();
        match entry.tag() {
            ARRAY | OBJECT => entry.a(),
            _ => self.at + 1,
        }
    }

    #[inline]
    fn at(&self, at: usize) -> JsonNode<'t> {
        JsonNode { tape: self.tape, at }
    }

    /// The string, borrowed from the tape. Always inlined: the walk reads every key through it
    /// (4% of validating, measured in V8, when it was a call).
    #[inline(always)]
    pub fn str(&self) -> Option<&'t str> {
        let entry = self.entry();
        match entry.tag() {
            STRING => {
                let (start, end) = (entry.a(), entry.b as usize);
                debug_assert!(start <= end && self.tape.text.is_char_boundary(start) && self.tape.text.is_char_boundary(end));
                // SAFETY: the parser records a STRING's `start` just after its opening quote and
                // its `end` at its closing quote, both ASCII bytes of `text`, so both are in
                // bounds and on character boundaries, with start <= end; `Tape::from_js` takes
                // its offsets from `Utf16Cursor`, which walks `text` by characters. Checked slicing tested
                // both boundaries on every read: 5% of validating in V8.
                Some(unsafe { self.tape.text.get_unchecked(start..end) })
            }
            ESCAPED => Some(&self.tape.unescaped[entry.a()]),
            _ => None,
        }
    }

    /// The key/value pairs of an object, in document order, keys as tape indices.
    fn entries(&self) -> impl Iterator<Item = (usize, JsonNode<'t>)> + 't {
        let node = *self;
        let (mut next, end) = if node.entry().tag() == OBJECT { (node.at + 1, node.end()) } else { (0, 0) };
        std::iter::from_fn(move || {
            if next >= end {
                return None;
            }
            let key = next;
            let value = node.at(next + 1);
            next = value.end();
            Some((key, value))
        })
    }

    /// This value, or `Unreadable` where reading it from JS threw.
    #[inline]
    fn readable(self) -> Result<Self, Unreadable> {
        let entry = self.entry();
        if entry.tag_a == NULL && entry.b == js::UNREADABLE { Err(Unreadable) } else { Ok(self) }
    }

    /// `Unreadable` when this value is the JS object or array whose contents could not be
    /// listed (`unlisted` says which of the two the caller asks about).
    #[inline]
    fn listed(&self, unlisted: u32) -> Result<(), Unreadable> {
        let entry = self.entry();
        if entry.tag_a == NULL && entry.b == unlisted { Err(Unreadable) } else { Ok(()) }
    }

    /// The key at tape index `at`, as bytes (empty for an entry that is not a string, which the
    /// parser never records as a key).
    #[inline]
    fn key_bytes(&self, at: usize) -> &'t [u8] {
        self.at(at).str().unwrap_or_default().as_bytes()
    }
}

impl fmt::Debug for JsonNode<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "JsonNode({:?} at {})", self.kind(), self.at)
    }
}

impl<'t> Node for JsonNode<'t> {
    #[inline]
    fn kind(&self) -> Kind {
        let entry = self.entry();
        match entry.tag() {
            NULL => match entry.b {
                js::UNDEFINED | js::UNREADABLE => Kind::Undefined,
                js::BIGINT => Kind::BigInt,
                js::SYMBOL => Kind::Symbol,
                js::FUNCTION => Kind::Function,
                js::DATE => Kind::Date,
                js::TO_JSON => Kind::ToJson,
                js::COLLECTION => Kind::Collection,
                js::CYCLE => Kind::Cycle,
                js::TOO_DEEP => Kind::TooDeep,
                js::UNLISTED_OBJECT => Kind::Object,
                js::UNLISTED_ARRAY => Kind::Array,
                _ => Kind::Null,
            },
            FALSE | TRUE => Kind::Bool,
            NUMBER => Kind::Number,
            STRING | ESCAPED => Kind::String,
            ARRAY => Kind::Array,
            _ => Kind::Object,
        }
    }
    fn as_bool(&self) -> Option<bool> {
        match self.entry().tag() {
            FALSE => Some(false),
            TRUE => Some(true),
            _ => None,
        }
    }
    fn as_f64(&self) -> Option<f64> {
        let entry = self.entry();
        match (entry.tag(), entry.b) {
            (NUMBER, JS_NUMBER) => self.tape.numbers.get(entry.a()).copied(),
            (NUMBER, end) => Some(parse_f64(&self.tape.text[entry.a()..end as usize])),
            _ => None,
        }
    }
    fn as_str(&self) -> Option<Cow<'_, str>> {
        self.str().map(Cow::Borrowed)
    }
    type Text = &'t str;
    fn text(&self) -> Option<&'t str> {
        self.str()
    }
    fn has_lone_surrogate(&self) -> bool {
        let entry = self.entry();
        match entry.tag() {
            ESCAPED => entry.b == 1,
            STRING => !self.tape.lone.is_empty() && self.tape.lone.binary_search(&(self.at as u32)).is_ok(),
            _ => false,
        }
    }
    fn for_each_item(&self, mut f: impl FnMut(usize, Result<Self, Unreadable>)) -> Result<(), Unreadable> {
        if self.entry().tag() == ARRAY {
            let (mut next, end) = (self.at + 1, self.end());
            let mut index = 0;
            while next < end {
                let item = self.at(next);
                next = item.end();
                f(index, item.readable());
                index += 1;
            }
        }
        self.listed(js::UNLISTED_ARRAY)
    }
    #[inline]
    fn for_each_entry_checking_keys(&self, mut f: impl FnMut(&str, bool, Result<Self, Unreadable>)) -> Result<(), Unreadable> {
        for (key, value) in self.entries() {
            let key = self.at(key);
            f(key.str().unwrap_or_default(), key.has_lone_surrogate(), value.readable());
        }
        self.listed(js::UNLISTED_OBJECT)
    }
    fn get(&self, key: &str) -> Option<Self> {
        // The last occurrence wins, as in JSON.parse.
        let found = self.entries().filter(|&(k, _)| text::same_bytes(self.key_bytes(k), key.as_bytes())).last();
        found.and_then(|(_, v)| v.readable().ok())
    }
    fn get_fields<const K: usize>(&self, keys: [&str; K]) -> [Option<Self>; K] {
        let mut found = [None; K];
        for (k, value) in self.entries() {
            // Each key read once, then compared with every name (lengths first).
            let k = self.key_bytes(k);
            for (slot, key) in found.iter_mut().zip(keys) {
                if text::same_bytes(k, key.as_bytes()) {
                    *slot = value.readable().ok();
                }
            }
        }
        found
    }
    fn size_hint(&self) -> Option<usize> {
        let entry = self.entry();
        matches!(entry.tag(), ARRAY | OBJECT).then_some(entry.b as usize)
    }
    fn holds_only_json(&self) -> bool {
        !self.tape.loose
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parses(text: &str) -> bool {
        Tape::parse(text).is_ok()
    }

    #[test]
    fn accepts_what_json_parse_accepts() {
        for text in [
            "null", "true", "false", "0", "-0", "1.5e-3", "1E+2", "-12.75", "\"\"", "[]", "{}", " \t\r\n[ 1 , {\"a\" : [ ] } ] ",
            "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00\"", "{\"a\":1,\"a\":2}", "1e308", "9007199254740993",
        ] {
            assert!(parses(text), "{text}");
        }
    }

    #[test]
    fn refuses_what_json_parse_refuses() {
        for text in [
            "", " ", "nul", "True", "01", "-", "1.", ".5", "1e", "+1", "0x10", "NaN", "Infinity", "[1,]", "{\"a\":1,}", "{a:1}",
            "{\"a\" 1}", "[1 2]", "\"a", "\"\\x\"", "\"\\u12\"", "\"\t\"", "[", "{", "{\"a\":", "[]]", "{} {}", "'a'", "\u{FEFF}{}",
        ] {
            assert!(!parses(text), "{text}");
        }
    }

    #[test]
    fn strings_are_borrowed_unless_escaped() {
        let tape = Tape::parse(r#"{"plain":"abcdefghijklmnopqrstuvwxyz","esc":"a\nb\u00e9\ud83d\ude00","lone":"x\udc00"}"#).unwrap();
        let root = tape.root();
        assert_eq!(root.get("plain").unwrap().str(), Some("abcdefghijklmnopqrstuvwxyz"));
        assert!(tape.unescaped.len() == 2);
        let esc = root.get("esc").unwrap();
        assert_eq!(esc.str(), Some("a\nbé😀"));
        assert!(!esc.has_lone_surrogate());
        let lone = root.get("lone").unwrap();
        assert_eq!(lone.str(), Some("x\u{FFFD}"));
        assert!(lone.has_lone_surrogate());
    }

    #[test]
    fn the_scan_finds_quotes_and_control_characters_at_every_offset() {
        for len in 0..20 {
            let body = "é".repeat(len / 2) + &"x".repeat(len % 2);
            let text = format!("[\"{body}\",1]");
            let tape = Tape::parse(&text).unwrap();
            assert_eq!(tape.root().get_item(0).str(), Some(body.as_str()));
            assert!(!parses(&format!("[\"{body}\u{1F}\"]")), "control character after {len}");
            assert!(!parses(&format!("[\"{body}")), "unterminated after {len}");
        }
    }

    #[test]
    fn containers_skip_their_descendants() {
        let tape = Tape::parse(r#"{"a":[1,[2,{"x":3}],4],"b":{"c":{}},"c":"s","a":null}"#).unwrap();
        let root = tape.root();
        let keys: Vec<&str> = root.entries().map(|(k, _)| root.at(k).str().unwrap()).collect();
        assert_eq!(keys, ["a", "b", "c", "a"]);
        assert_eq!(root.get("a").unwrap().kind(), Kind::Null, "the last duplicate wins");
        let first = root.entries().next().unwrap().1;
        let mut items = Vec::new();
        first.for_each_item(|i, item| items.push((i, item.unwrap().kind()))).unwrap();
        assert_eq!(items, [(0, Kind::Number), (1, Kind::Array), (2, Kind::Number)]);
        assert_eq!((root.size_hint(), first.size_hint()), (Some(4), Some(3)));
        let [a, c, missing] = root.get_fields(["a", "c", "x"]);
        assert_eq!((a.map(|a| a.kind()), c.and_then(|c| c.str()), missing.is_none()), (Some(Kind::Null), Some("s"), true));
    }

    #[test]
    fn numbers_read_as_json_parse_reads_them() {
        let tape = Tape::parse("[9007199254740993,-0.1,1e-400,123456789012345678901234567890]").unwrap();
        let n = |i| tape.root().get_item(i).as_f64().unwrap();
        assert_eq!(n(0), 9007199254740992.0);
        assert_eq!(n(1), -0.1);
        assert_eq!(n(2), 0.0);
        assert_eq!(n(3), 1.2345678901234568e29);
        assert_eq!(Tape::parse("1e400").err().unwrap().what, "number out of range: beyond a double's ±1.8e308");
        // At the end of the range, as JSON.parse reads them: below the midpoint to 2^1024 the
        // largest double (found by the json_parser fuzz target, where serde_json overflowed),
        // above it an infinity, refused.
        assert_eq!(Tape::parse("1.7976931348623158e308").unwrap().root().as_f64(), Some(f64::MAX));
        assert_eq!(Tape::parse("-1.7976931348623158e308").unwrap().root().as_f64(), Some(f64::MIN));
        assert!(Tape::parse("1.7976931348623159e308").is_err());
        assert!(Tape::parse("-1.79769313486231598e308").is_err(), "found by the fuzz target, where serde_json read a finite value");
        // Multiples of 2^64, whose 20-digit mantissa wraps to exactly 0 (found by the fuzz
        // target: 2^64 was read as 0).
        for literal in ["18446744073709551616", "-18446744073709551616", "18446744073709551616.0", "184467440737095516160000", "36893488147419103232", "1844674407370955161.6e1"] {
            let exact = literal.parse::<f64>().unwrap();
            assert_eq!(Tape::parse(literal).unwrap().root().as_f64().map(f64::to_bits), Some(exact.to_bits()), "{literal}");
            assert_ne!(exact, 0.0);
        }
        assert!(!parses(&format!("-{}", "9".repeat(400))));
        assert!(parses(&format!("0.{}", "9".repeat(400))));
    }

    #[test]
    // The expected values are written as the literals that are parsed, all their digits kept.
    #[allow(clippy::excessive_precision)]
    fn the_fast_path_reads_what_it_can_exactly_and_leaves_the_rest() {
        let bits = |x: Option<f64>| x.map(f64::to_bits);
        for (literal, expected) in [
            ("0", 0.0),
            ("-0", -0.0),
            ("-0.0e-30", -0.0),
            ("0e999", 0.0),
            ("60", 60.0),
            ("38.7000001", 38.7000001),
            ("-9.1", -9.1),
            ("0.1", 0.1),
            ("6000e-2", 60.0),
            ("1.5E+3", 1500.0),
            ("9007199254740992", 9007199254740992.0),
            ("1e22", 1e22),
            ("1e-22", 1e-22),
            ("0.000000000001", 1e-12),
            ("0.000000000000000000001", 1e-21),
            // Past 2^53 in its digits: ties to even, up and down, and 17-digit coordinates.
            ("9007199254740993", 9007199254740992.0),
            ("9007199254740995", 9007199254740996.0),
            ("-38.700001000000004", -38.700001000000004),
            ("0.10000000000000001", 0.1),
            ("1234567890123456789e19", 1.234567890123456789e37),
            ("9999999999999999999e-19", 1.0),
        ] {
            assert_eq!(bits(exact_f64(literal)), bits(Some(expected)), "{literal}");
        }
        // Over 19 digits, or a power of ten beyond the ranges: the platform's parser.
        for literal in ["0.10000000000000000000001", "12345678901234567890", "1e23", "1e-23", "123456789012345678901234", "1.7976931348623157e308", "5e-324", "1e400", "0.10000000000000000555", "1.7976931348623158e308", "1.7976931348623159e308"] {
            assert_eq!(exact_f64(literal), None, "{literal}");
            assert_eq!(parse_f64(literal).to_bits(), literal.parse::<f64>().unwrap().to_bits(), "{literal}");
        }
    }

    #[test]
    fn nineteen_digit_decimals_just_beside_a_tie_round_as_they_lie() {
        // Halfway between two doubles in [0.5, 1): (2^53 + 2n + 1) / 2^54. Its 19-digit
        // decimals just above and just below lie within a hair of the tie, where only the
        // remainder of the division tells which way to round.
        for n in 0..2000u128 {
            let tie = (1u128 << 53) + 2 * n + 1;
            let scaled = tie * 10u128.pow(19);
            for m in [(scaled >> 54) + 1, scaled >> 54] {
                let literal = format!("0.{m}");
                assert_eq!(exact_f64(&literal).map(f64::to_bits), Some(literal.parse::<f64>().unwrap().to_bits()), "{literal}");
            }
        }
    }

    #[test]
    fn numbers_read_bit_for_bit_as_a_correctly_rounded_parser_reads_them() {
        // Seeded literals of every shape the grammar allows, against std's parser (correctly
        // rounded, as JSON.parse is); most must take the fast path, or this tests nothing.
        let mut state = 0x5EED_u64;
        let mut next = |n: u64| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 33) % n
        };
        let mut fast = 0;
        let total = 200_000;
        for _ in 0..total {
            let mut literal = String::new();
            if next(3) == 0 {
                literal.push('-');
            }
            let int_digits = 1 + next(17);
            for i in 0..int_digits {
                let digit = if i == 0 && int_digits > 1 { 1 + next(9) } else { next(10) };
                literal.push(char::from(b'0' + digit as u8));
            }
            if next(2) == 0 {
                literal.push('.');
                for _ in 0..1 + next(18) {
                    literal.push(char::from(b'0' + next(10) as u8));
                }
            }
            if next(3) == 0 {
                literal.push_str(["e", "E", "e-", "e+", "E-"][next(5) as usize]);
                literal.push_str(&next(40).to_string());
            }
            assert!(Tape::parse(&literal).is_ok(), "{literal}");
            let expected = literal.parse::<f64>().unwrap().to_bits();
            assert_eq!(parse_f64(&literal).to_bits(), expected, "{literal}");
            if let Some(value) = exact_f64(&literal) {
                assert_eq!(value.to_bits(), expected, "{literal}");
                fast += 1;
            }
        }
        assert!(fast > total / 2, "only {fast} of {total} took the fast path");
    }

    #[test]
    fn errors_say_where_in_characters() {
        let e = Tape::parse("{\"é\": 1,\n  \"b\": }").err().unwrap();
        assert_eq!((e.what, e.line, e.column), ("expected a value", 2, 8));
        let e = Tape::parse("[\"é\" x]").err().unwrap();
        assert_eq!((e.line, e.column), (1, 6));
        let e = Tape::parse("\u{FEFF}{}").err().unwrap();
        assert!(e.what.contains("byte order mark") && (e.line, e.column) == (1, 1), "{}", e.what);
    }

    #[test]
    fn bytes_that_are_not_utf8_say_where_in_characters() {
        let at = |bytes: &[u8]| {
            let e = not_utf8(bytes, core::str::from_utf8(bytes).unwrap_err().valid_up_to());
            (e.what, e.line, e.column)
        };
        let latin1 = "it is not UTF-8 (saved as Windows-1252 or Latin-1?)";
        // Windows-1252's é (0xE9) after a two-byte é and a line break: the column counts characters.
        assert_eq!(at(b"{\"\xC3\xA9\": 1,\n  \"caf\xE9\": 2}"), (latin1, 2, 7));
        assert_eq!(at(b"\xFF"), (latin1, 1, 1));
        // A character cut short at the end, and a surrogate encoded as UTF-8 (CESU-8).
        assert_eq!(at(b"[\"\xE2\x82"), (latin1, 1, 3));
        assert_eq!(at(b"[\"\xED\xA0\x80\"]"), (latin1, 1, 3));
        let utf16 = "it is UTF-16, not UTF-8";
        assert_eq!(at(b"\xFF\xFE{\x00}\x00"), (utf16, 1, 1));
        assert_eq!(at(b"\xFE\xFF\x00{\x00}"), (utf16, 1, 1));
    }

    #[test]
    fn syntax_javascript_allows_and_json_does_not_is_named() {
        for (text, what, column) in [
            ("{\"a\": 1,}", "a trailing comma: JSON allows none before } or ]", 9),
            ("[1, 2 ,\n ]", "a trailing comma: JSON allows none before } or ]", 2),
            ("{'a': 1}", "a single quote: JSON strings and keys take double quotes", 2),
            ("{\"a\": 'b'}", "a single quote: JSON strings and keys take double quotes", 7),
            ("{\"a\": 1, // why\n\"b\": 2}", "a comment: JSON has none", 10),
            ("/* header */ {}", "a comment: JSON has none", 1),
            ("{} // the end", "a comment: JSON has none", 4),
            ("{\"a\": 1 /* one */}", "a comment: JSON has none", 9),
            ("{\"a\": NaN}", "NaN, Infinity and undefined are not JSON values (JSON.stringify writes null for them)", 7),
            ("[-Infinity]", "NaN, Infinity and undefined are not JSON values (JSON.stringify writes null for them)", 3),
            ("{customer_data: {}}", "a key without double quotes: JSON keys are strings", 2),
            ("{NaN: 1}", "a key without double quotes: JSON keys are strings", 2),
            ("{\"a\": {}, $b: 1}", "a key without double quotes: JSON keys are strings", 11),
            ("{\"a\": 01}", "a number with a leading zero: JSON numbers have none (a code such as 0123 is a string: \"0123\")", 8),
            ("[-00]", "a number with a leading zero: JSON numbers have none (a code such as 0123 is a string: \"0123\")", 4),
            ("007", "a number with a leading zero: JSON numbers have none (a code such as 0123 is a string: \"0123\")", 2),
            ("{\"a\": 0x1F}", "a hexadecimal, octal or binary number (0x…, 0o…, 0b…): JSON numbers are decimal", 8),
            ("[-0b1]", "a hexadecimal, octal or binary number (0x…, 0o…, 0b…): JSON numbers are decimal", 4),
            ("[1_000]", "a digit separator (_): JSON numbers have none", 3),
            ("[1.5e3_0]", "a digit separator (_): JSON numbers have none", 7),
            ("{\"a\": +1}", "a plus sign: JSON numbers take no sign but a minus", 7),
            ("[.5]", "a number starting with a decimal point: JSON needs a digit before it (0.5, not .5)", 2),
            ("[-.5]", "a number starting with a decimal point: JSON needs a digit before it (0.5, not .5)", 3),
        ] {
            let e = Tape::parse(text).err().unwrap();
            assert_eq!((e.what, e.column), (what, column), "{text}");
        }
        // Anything else keeps the parser's own words.
        for (text, what) in [("[\"\\u//12\"]", "invalid \\u escape"), ("[1, abc]", "expected a value"), ("[1 2]", "expected `,` or `]`"), ("[\"a\" NaN]", "expected `,` or `]`"), ("{\"a\" 1}", "expected `:`"), ("[tru]", "expected a value"), ("{\"a\": 1} x", "unexpected text after the JSON value"),
            // Only a number's own characters are read as one: `true_`, `10x`, `1.0x`, `[0 1]` and
            // a point alone keep the parser's words.
            ("[true_]", "expected `,` or `]`"), ("[10x]", "expected `,` or `]`"), ("[1.0x]", "expected `,` or `]`"), ("[0 1]", "expected `,` or `]`"), ("[.]", "expected a value"), ("[1.]", "invalid number: expected a digit after the decimal point")] {
            let e = Tape::parse(text).err().unwrap();
            assert!(e.what.starts_with(what) || e.what == what, "{text}: {}", e.what);
        }
    }

    #[test]
    fn nesting_is_limited_without_recursion() {
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parses(&ok));
        let deep = "[".repeat(1_000_000) + &"]".repeat(1_000_000);
        assert_eq!(Tape::parse(&deep).err().unwrap().what, "nested deeper than 128 levels");
    }

    /// The same document, read from a parse and from what the JS glue writes, in the same way.
    fn same_reading(a: JsonNode, b: JsonNode) -> bool {
        type Kid<'t> = (String, bool, Result<JsonNode<'t>, Unreadable>);
        fn kids<'t>(n: JsonNode<'t>) -> (Vec<Kid<'t>>, [Result<(), Unreadable>; 2]) {
            let mut v = Vec::new();
            let items = n.for_each_item(|_, item| v.push((String::new(), false, item)));
            let entries = n.for_each_entry_checking_keys(|key, lone, value| v.push((key.to_owned(), lone, value)));
            (v, [items, entries])
        }
        let ((ka, wa), (kb, wb)) = (kids(a), kids(b));
        a.kind() == b.kind()
            && a.as_bool() == b.as_bool()
            && a.as_f64().map(f64::to_bits) == b.as_f64().map(f64::to_bits)
            && a.str() == b.str()
            && a.has_lone_surrogate() == b.has_lone_surrogate()
            && a.size_hint() == b.size_hint()
            && a.holds_only_json() == b.holds_only_json()
            && wa == wb
            && ka.len() == kb.len()
            && ka.into_iter().zip(kb).all(|((k1, l1, v1), (k2, l2, v2))| {
                k1 == k2
                    && l1 == l2
                    && match (v1, v2) {
                        (Ok(v1), Ok(v2)) => same_reading(v1, v2),
                        (v1, v2) => v1.is_err() && v2.is_err(),
                    }
            })
    }

    const DOCUMENTS: [&str; 9] = [
        "null",
        "\"\"",
        "[]",
        "{}",
        r#"{"a":[1,[2,{"x":3.5}],-4e3],"b":{"c":{},"d":[]},"é😀":"s\u00e9😀\n","a":null,"":true}"#,
        r#"[[[[[]]]],{"k":[{},{"a":false}]},"","😀","x"]"#,
        r#"{"customer_data":{"customer_key":"c","spaces":[{"space_key":"s1","name":"Ünït"}]},"locale":"en-US"}"#,
        "[0,-1.5,9007199254740993,1e-400]",
        r#"{"\ud800x":["a\udc00","\ud83d","\ude00","\ud83d\ude00"],"k":"\udfff"}"#,
    ];

    #[test]
    fn a_tape_from_js_reads_as_the_parsed_one() {
        for text in DOCUMENTS {
            let parsed = Tape::parse(text).unwrap();
            let parts = parsed.js_parts();
            let from_js = parts.tape().unwrap_or_else(|| panic!("{text}"));
            assert!(same_reading(parsed.root(), from_js.root()), "{text}");
        }
    }

    #[test]
    fn a_tape_from_js_has_no_negative_zero() {
        let parts = Tape::parse("[0]").unwrap().js_parts();
        let tape = Tape::from_js("", parts.entries, vec![-0.0], Vec::new()).unwrap();
        assert_eq!(tape.root().get_item(0).as_f64().map(f64::to_bits), Some(0f64.to_bits()));
    }

    #[test]
    fn a_tape_from_js_is_checked_before_it_is_read() {
        let refused_with = |text: &str, entries: &[StoredEntry], numbers: &[f64], lone: &[u32]| Tape::from_js(text, entries.to_vec(), numbers.to_vec(), lone.to_vec()).is_none();
        let refused = |text: &str, entries: &[StoredEntry], numbers: &[f64]| refused_with(text, entries, numbers, &[]);
        let e = |tag: u32, a: u32, b: u32| [tag << PAYLOAD_BITS | a, b];
        // Well-formed, for contrast: {"ab": [1]}
        assert!(!refused("ab", &[e(OBJECT, 4, 1), e(STRING, 0, 2), e(ARRAY, 4, 1), e(NUMBER, 0, JS_NUMBER)], &[1.0]));
        let cases: [(&str, &str, Vec<StoredEntry>, &[f64]); 18] = [
            ("empty", "", vec![], &[]),
            ("two roots", "", vec![e(NULL, 0, 0), e(NULL, 0, 0)], &[]),
            ("a key without a value", "a", vec![e(OBJECT, 2, 0), e(STRING, 0, 1)], &[]),
            ("a key that is not a string", "", vec![e(OBJECT, 3, 1), e(NULL, 0, 0), e(NULL, 0, 0)], &[]),
            ("a container past its parent", "", vec![e(ARRAY, 2, 1), e(ARRAY, 3, 0), e(NULL, 0, 0)], &[]),
            ("a container ending before itself", "", vec![e(ARRAY, 0, 0)], &[]),
            ("a wrong count", "", vec![e(ARRAY, 2, 2), e(NULL, 0, 0)], &[]),
            ("a gap between strings", "abc", vec![e(ARRAY, 3, 2), e(STRING, 0, 1), e(STRING, 2, 3)], &[]),
            ("text left over", "abc", vec![e(STRING, 0, 2)], &[]),
            ("a string past the text", "ab", vec![e(STRING, 0, 3)], &[]),
            ("half a surrogate pair", "😀", vec![e(ARRAY, 3, 2), e(STRING, 0, 1), e(STRING, 1, 2)], &[]),
            ("a number out of range", "", vec![e(NUMBER, 1, JS_NUMBER)], &[1.0]),
            ("numbers out of order", "", vec![e(ARRAY, 3, 2), e(NUMBER, 1, JS_NUMBER), e(NUMBER, 0, JS_NUMBER)], &[1.0, 2.0]),
            ("a number left over", "", vec![e(NUMBER, 0, JS_NUMBER)], &[1.0, 2.0]),
            ("a literal with a payload", "", vec![e(TRUE, 1, 0)], &[]),
            ("an escaped string", "", vec![e(ESCAPED, 0, 0)], &[]),
            ("a null standing for no JS value", "", vec![e(NULL, 0, js::LAST + 1)], &[]),
            ("a null with a payload", "", vec![e(NULL, 1, js::UNDEFINED)], &[]),
        ];
        for (what, text, entries, numbers) in cases {
            assert!(refused(text, &entries, numbers), "{what}");
        }
        assert!(!refused("", &[e(NUMBER, 0, JS_NUMBER)], &[f64::NAN]), "NaN, from JS");
        // `lone` must list strings, in order, each once.
        let strings = [e(ARRAY, 4, 3), e(STRING, 0, 1), e(NULL, 0, 0), e(STRING, 1, 2)];
        assert!(!refused_with("ab", &strings, &[], &[1, 3]));
        for lone in [&[2][..], &[3, 1], &[1, 1, 3], &[0], &[4], &[1, 3, 5]] {
            assert!(refused_with("ab", &strings, &[], lone), "{lone:?}");
        }
        assert!(refused("", &[e(NUMBER, 0, 1)], &[1.0]), "a number given as text");
        // Arrays nested `levels` deep, the innermost empty.
        let nested = |levels: u32| (0..levels).map(|i| e(ARRAY, levels, u32::from(i + 1 < levels))).collect::<Vec<_>>();
        assert!(!refused("", &nested(MAX_DEPTH as u32), &[]), "as deep as allowed");
        assert!(refused("", &nested(MAX_DEPTH as u32 + 1), &[]), "too deep");
    }

    #[test]
    fn a_tape_from_js_records_what_json_cannot_carry() {
        let e = |tag: u32, a: u32, b: u32| [tag << PAYLOAD_BITS | a, b];
        let marker = |b: u32| e(NULL, 0, b);
        // {"k": [undefined, 1n, Symbol(), f, Date, toJSON, Map, cycle, too deep, <threw>, NaN]}
        // then an object and an array whose contents could not be listed.
        let kinds = [js::UNDEFINED, js::BIGINT, js::SYMBOL, js::FUNCTION, js::DATE, js::TO_JSON, js::COLLECTION, js::CYCLE, js::TOO_DEEP, js::UNREADABLE];
        let mut entries = vec![e(OBJECT, 0, 1), e(STRING, 0, 1), e(ARRAY, 0, 11)];
        entries.extend(kinds.map(marker));
        entries.push(e(NUMBER, 0, JS_NUMBER));
        entries[0][0] = OBJECT << PAYLOAD_BITS | entries.len() as u32;
        entries[2][0] = ARRAY << PAYLOAD_BITS | entries.len() as u32;
        let tape = Tape::from_js("k", entries, vec![f64::NAN], Vec::new()).unwrap();
        let root = tape.root();
        assert!(!root.holds_only_json());
        let list = root.get("k").unwrap();
        let mut read = Vec::new();
        list.for_each_item(|_, item| read.push(item.map(|i| i.kind()))).unwrap();
        use Kind::*;
        assert_eq!(read, [Ok(Undefined), Ok(BigInt), Ok(Symbol), Ok(Function), Ok(Date), Ok(ToJson), Ok(Collection), Ok(Cycle), Ok(TooDeep), Err(Unreadable), Ok(Number)]);
        assert!(list.get_item(10).as_f64().unwrap().is_nan());

        let unreadable_value = Tape::from_js("k", vec![e(OBJECT, 3, 1), e(STRING, 0, 1), marker(js::UNREADABLE)], Vec::new(), Vec::new()).unwrap();
        assert!(unreadable_value.root().get("k").is_none(), "as when the read throws");
        let [k] = unreadable_value.root().get_fields(["k"]);
        assert!(k.is_none());
        for (b, kind) in [(js::UNLISTED_OBJECT, Object), (js::UNLISTED_ARRAY, Array)] {
            let tape = Tape::from_js("", vec![marker(b)], Vec::new(), Vec::new()).unwrap();
            let node = tape.root();
            assert_eq!(node.kind(), kind);
            assert_eq!(node.for_each_item(|_, _| ()).is_err(), kind == Array);
            assert_eq!(node.for_each_entry(|_, _| ()).is_err(), kind == Object);
        }
        // A parse, and a tape of plain data from JS, hold only JSON.
        assert!(Tape::parse("[1]").unwrap().root().holds_only_json());
        assert!(Tape::parse("[1]").unwrap().js_parts().tape().unwrap().root().holds_only_json());
    }

    #[test]
    fn any_damage_to_a_tape_from_js_is_refused_or_read_safely() {
        for text in DOCUMENTS {
            let parts = Tape::parse(text).unwrap().js_parts();
            for at in 0..parts.entries.len() * 2 {
                let word = parts.entries[at / 2][at % 2];
                for value in [0, 1, 2, u32::MAX, word ^ 1, word ^ (1 << PAYLOAD_BITS), word.wrapping_add(1)] {
                    let mut entries = parts.entries.clone();
                    entries[at / 2][at % 2] = value;
                    if let Some(tape) = Tape::from_js(&parts.text, entries, parts.numbers.clone(), parts.lone.clone()) {
                        // Reading every part of what was accepted must not panic.
                        let _ = same_reading(tape.root(), tape.root());
                        let _ = crate::validate::validate(&tape.root());
                    }
                }
            }
        }
    }

    impl<'t> JsonNode<'t> {
        fn get_item(&self, index: usize) -> JsonNode<'t> {
            let mut found = None;
            self.for_each_item(|i, item| {
                if i == index {
                    found = item.ok();
                }
            })
            .unwrap();
            found.unwrap()
        }
    }
}
