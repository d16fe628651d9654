//! String rules: lengths in both of the units that matter, JavaScript's `trim`, and the
//! formats and patterns of the spec, each written out by hand (no regex engine in the Wasm).

/// Lengths of a string in code points (how the spec's JSON Schema counts) and in UTF-16 code
/// units (how Seam's server, in JavaScript, counts).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lengths {
    /// Unicode code points.
    pub chars: usize,
    /// UTF-16 code units: a code point above U+FFFF counts twice.
    pub utf16: usize,
}

/// Whether two byte strings are equal. Slices' `==` calls `memcmp`, which in Wasm is a call to a
/// byte loop of its own: 6% of validating the benchmark's 1 MB body in V8's profile, for keys
/// of a few bytes. This loop stays inline in the key lookups. (Comparing eight bytes at a time
/// measured no faster on these keys, and is larger.) A `const fn`, so that the lint's tables
/// computed when compiling use it too; written with indices, it also takes fewer instructions
/// natively than the iterator form did (and the same time in Wasm).
#[inline]
pub const fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Measures `s` in code points and UTF-16 code units, in one pass.
pub fn lengths(s: &str) -> Lengths {
    let mut chars = 0;
    let mut astral = 0;
    for c in s.chars() {
        chars += 1;
        if c as u32 > 0xFFFF {
            astral += 1;
        }
    }
    Lengths { chars, utf16: chars + astral }
}

/// Whether JavaScript's `String.prototype.trim` strips `c`: ECMAScript WhiteSpace and
/// LineTerminator. Unlike Rust's `char::is_whitespace` this includes U+FEFF and excludes U+0085.
pub fn is_js_trim_whitespace(c: char) -> bool {
    matches!(
        c,
        '\u{9}'..='\u{D}'
            | ' '
            | '\u{A0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200A}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202F}'
            | '\u{205F}'
            | '\u{3000}'
            | '\u{FEFF}'
    )
}

/// Whether `s === s.trim()` holds in JavaScript.
pub fn is_js_trimmed(s: &str) -> bool {
    // Most keys start and end with a visible ASCII character: decided without decoding.
    let visible_ascii = |b: Option<&u8>| b.is_some_and(|&b| b > b' ' && b < 0x80);
    if visible_ascii(s.as_bytes().first()) && visible_ascii(s.as_bytes().last()) {
        return true;
    }
    let first = s.chars().next();
    let last = s.chars().next_back();
    !first.is_some_and(is_js_trim_whitespace) && !last.is_some_and(is_js_trim_whitespace)
}

/// A UUID as both the spec (ajv-formats `uuid`) and Seam's server (zod `uuid`) accept it:
/// 8-4-4-4-12 hexadecimal digits, either case. (ajv-formats also takes a `urn:uuid:` prefix,
/// which the server refuses, so it is refused here.)
pub fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, &c)| match i {
            8 | 13 | 18 | 23 => c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// How a string fares as a date-time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateTimeCheck {
    /// `YYYY-MM-DDTHH:MM:SS[.fraction]Z` with a real calendar date: what both the spec and
    /// Seam's server accept.
    Valid,
    /// A valid RFC 3339 date-time that Seam's server refuses: an offset instead of `Z`, a
    /// lowercase `t`/`z`, a space separator or a leap second.
    ServerRefuses,
    /// Not an RFC 3339 date-time at all.
    Invalid,
}

fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0u32, |n, &d| n * 10 + u32::from(d - b'0')))
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Parses `YYYY-MM-DD`; returns (year, month, day) when it is a real date.
fn date(b: &[u8]) -> Option<(u32, u32, u32)> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, m, d) = (digits(&b[0..4])?, digits(&b[5..7])?, digits(&b[8..10])?);
    ((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)).then_some((y, m, d))
}

/// Checks a date-time against RFC 3339 (the spec's `date-time`, as ajv-formats reads it) and
/// against Seam's server (zod's `datetime()`: UTC only, `Z`, seconds 00-59).
pub fn date_time(s: &str) -> DateTimeCheck {
    let b = s.as_bytes();
    // The shortest RFC 3339 date-time is `YYYY-MM-DDTHH:MM:SSZ` (20 bytes).
    if b.len() < 20 || !b.is_ascii() || date(&b[..10]).is_none() {
        return DateTimeCheck::Invalid;
    }
    let separator = b[10];
    if !matches!(separator, b'T' | b't' | b' ') {
        return DateTimeCheck::Invalid;
    }
    let t = &b[11..];
    if t.len() < 9 || t[2] != b':' || t[5] != b':' {
        return DateTimeCheck::Invalid;
    }
    let (Some(h), Some(mi), Some(sec)) = (digits(&t[0..2]), digits(&t[3..5]), digits(&t[6..8])) else {
        return DateTimeCheck::Invalid;
    };
    let mut rest = &t[8..];
    if rest.first() == Some(&b'.') {
        let n = rest[1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return DateTimeCheck::Invalid;
        }
        rest = &rest[1 + n..];
    }
    let zone_ok = match rest {
        b"Z" | b"z" => true,
        // ajv-formats takes `+HH`, `+HHMM` and `+HH:MM`.
        [b'+' | b'-', zone @ ..] => {
            let (hh, mm): (&[u8], &[u8]) = match zone {
                [a, b] => (&[*a, *b], b"00"),
                [a, b, c, d] => (&[*a, *b], &[*c, *d]),
                [a, b, b':', c, d] => (&[*a, *b], &[*c, *d]),
                _ => (b"", b""),
            };
            matches!((digits(hh), digits(mm)), (Some(zh), Some(zm)) if zh <= 23 && zm <= 59)
        }
        _ => false,
    };
    // RFC 3339 allows a leap second (:60); ajv-formats checks it against the offset, which is
    // finer than needed here: the server refuses :60 in any case.
    if !zone_ok || h > 23 || mi > 59 || sec > 60 {
        return DateTimeCheck::Invalid;
    }
    if separator == b'T' && rest == b"Z" && sec <= 59 {
        DateTimeCheck::Valid
    } else {
        DateTimeCheck::ServerRefuses
    }
}

/// Orders two date-times that passed [`date_time`] as `Valid`: by their digits, with the
/// fraction compared digit by digit (so `…:00.5Z` is after `…:00Z`). Total on any strings (the
/// lint orders before it checks), though the order means something only for valid ones.
pub fn compare_utc(a: &str, b: &str) -> std::cmp::Ordering {
    fn split(s: &str) -> (&str, &str) {
        let s = s.trim_end_matches('Z');
        // A byte loop: these strings are short, and `find` goes through a generic memchr.
        match s.bytes().position(|c| c == b'.') {
            Some(i) => (&s[..i], s[i + 1..].trim_end_matches('0')),
            None => (s, ""),
        }
    }
    let (a_main, a_frac) = split(a);
    let (b_main, b_frac) = split(b);
    a_main.cmp(b_main).then_with(|| a_frac.cmp(b_frac))
}

/// The spec's pattern for times of day, `^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$` (ASCII digits).
pub fn is_time_of_day(s: &str) -> bool {
    let b = s.as_bytes();
    let hh = |x: &[u8]| digits(x).is_some_and(|h| h <= 23);
    let mm = |x: &[u8]| x[0].is_ascii_digit() && x[0] <= b'5' && x[1].is_ascii_digit();
    match b.len() {
        5 => hh(&b[0..2]) && b[2] == b':' && mm(&b[3..5]),
        8 => hh(&b[0..2]) && b[2] == b':' && mm(&b[3..5]) && b[5] == b':' && mm(&b[6..8]),
        _ => false,
    }
}

/// The spec's pattern for filter field names, `^[a-zA-Z_]\w*$` (`\w` is ASCII only).
pub fn is_identifier(s: &str) -> bool {
    let mut bytes = s.bytes();
    bytes.next().is_some_and(|c| c.is_ascii_alphabetic() || c == b'_')
        && bytes.all(|c| c.is_ascii_alphanumeric() || c == b'_')
}

/// The edit distance between `a` (a caller's key, of any length) and `b` (a name of the
/// schema's) when it is at most `limit`, for "did you mean" hints; `None` when it is more.
///
/// Strings whose lengths differ by more than `limit` are more than `limit` apart, so `a` is
/// read no further than `b`'s length and `limit` past it, and the table is filled only for
/// short strings: a 1 MB key took 0.2 s when every name was compared with all of it. The
/// filling stops once a whole row is over `limit`, which every later row would be too. The
/// table's row lives on the stack: `b` has at most [`NAME_LIMIT`] characters (`None` past it;
/// the schema's longest name has 43).
pub fn edit_distance_within(a: &str, b: &str, limit: usize) -> Option<usize> {
    let b_len = b.chars().count();
    if b_len > NAME_LIMIT || a.chars().nth(b_len + limit).is_some() || a.len() + limit < b_len {
        return None;
    }
    let mut row = [0usize; NAME_LIMIT + 1];
    for (j, cell) in row.iter_mut().enumerate() {
        *cell = j;
    }
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        let mut least = row[0];
        for (j, cb) in b.chars().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            least = least.min(row[j + 1]);
            prev = cur;
        }
        if least > limit {
            return None;
        }
    }
    Some(row[b_len]).filter(|&d| d <= limit)
}

/// The longest name [`edit_distance_within`] compares keys with.
pub const NAME_LIMIT: usize = 63;

/// A number as JS's `String(n)` writes it: the shortest digits that read back as `n`, with an
/// exponent from 1e21 up and below 1e-6 (ECMAScript's Number::toString).
///
/// In Wasm, JavaScript itself writes it: Rust's float formatting, of which this is the only
/// user, took 18 KiB of the module (8.7 KiB gzip). Natively (tests, fuzzing), Rust's shortest digits are
/// arranged as Number::toString arranges them, tested against what JS writes for the hard cases.
#[cfg(target_arch = "wasm32")]
pub fn js_number(n: f64) -> String {
    // Radix 10 cannot throw.
    js_sys::Number::from(n).to_string_with_radix(10).map(String::from).unwrap_or_default()
}

/// See the Wasm version above.
#[cfg(not(target_arch = "wasm32"))]
pub fn js_number(n: f64) -> String {
    if n.is_nan() {
        return "NaN".into();
    }
    if n.is_infinite() {
        return if n > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    if n == 0.0 {
        return "0".into();
    }
    // `{:e}`: the shortest round-trip digits, as `d.ddde-7`.
    let scientific = format!("{:e}", n.abs());
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let k = digits.len() as i32;
    // The value is 0.DIGITS x 10^n.
    let n_exp = exponent.parse::<i32>().unwrap_or(0) + 1;
    let mut out = String::from(if n < 0.0 { "-" } else { "" });
    if k <= n_exp && n_exp <= 21 {
        out.push_str(&digits);
        out.extend(std::iter::repeat('0').take((n_exp - k) as usize));
    } else if 0 < n_exp && n_exp <= 21 {
        out.push_str(&digits[..n_exp as usize]);
        out.push('.');
        out.push_str(&digits[n_exp as usize..]);
    } else if -6 < n_exp && n_exp <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat('0').take((-n_exp) as usize));
        out.push_str(&digits);
    } else {
        out.push_str(&digits[..1]);
        if k > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push_str(&format!("e{}{}", if n_exp - 1 < 0 { '-' } else { '+' }, (n_exp - 1).abs()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_js_writes_them() {
        let cases = [
            (0.0, "0"), (-0.0, "0"), (1.0, "1"), (-1.5, "-1.5"), (100.0, "100"), (0.1, "0.1"), (1e21, "1e+21"),
            (1e20, "100000000000000000000"), (123456789012345680000.0, "123456789012345680000"), (1.5e-7, "1.5e-7"),
            (0.000001, "0.000001"), (1e-7, "1e-7"), (2.5e300, "2.5e+300"), (5e-324, "5e-324"), (f64::MAX, "1.7976931348623157e+308"),
            (12.345, "12.345"), (9007199254740993.0, "9007199254740992"), (f64::NAN, "NaN"), (f64::NEG_INFINITY, "-Infinity"),
        ];
        for (n, js) in cases {
            assert_eq!(js_number(n), js, "{n:e}");
        }
    }

    #[test]
    fn same_bytes_is_slice_equality_at_every_length() {
        for n in 0..40usize {
            let a: Vec<u8> = (0..n as u8).map(|i| b'a' + i % 26).collect();
            assert!(same_bytes(&a, &a.clone()), "{n}");
            assert!(!same_bytes(&a, &a[..n.saturating_sub(1)]) || n == 0, "{n}: a prefix");
            for at in 0..n {
                let mut b = a.clone();
                b[at] ^= 0x20;
                assert!(!same_bytes(&a, &b), "{n}: differs at {at}");
            }
        }
    }

    #[test]
    fn lengths_count_code_points_and_utf16_units() {
        assert_eq!(lengths("abc"), Lengths { chars: 3, utf16: 3 });
        assert_eq!(lengths("é😀"), Lengths { chars: 2, utf16: 3 });
        assert_eq!(lengths(""), Lengths { chars: 0, utf16: 0 });
    }

    #[test]
    fn trim_follows_javascript_not_rust() {
        assert!(!is_js_trimmed(" a"));
        assert!(!is_js_trimmed("a\u{FEFF}"));
        assert!(!is_js_trimmed("\u{3000}a"));
        // NEL is Unicode whitespace but JavaScript's trim keeps it.
        assert!(is_js_trimmed("\u{85}a\u{85}"));
        assert!(is_js_trimmed("a b"));
        assert!(is_js_trimmed(""));
        // Either side of the ASCII fast path.
        assert!(!is_js_trimmed("a\t") && !is_js_trimmed("\na") && !is_js_trimmed("a "));
        assert!(is_js_trimmed("\u{1}a\u{7F}") && is_js_trimmed("é") && is_js_trimmed("!~"));
    }

    #[test]
    fn uuids() {
        assert!(is_uuid("123e4567-e89b-12d3-a456-426614174000"));
        assert!(is_uuid("123E4567-E89B-12D3-A456-426614174000"));
        assert!(!is_uuid("urn:uuid:123e4567-e89b-12d3-a456-426614174000"));
        assert!(!is_uuid("123e4567e89b12d3a456426614174000"));
        assert!(!is_uuid("123e4567-e89b-12d3-a456-42661417400g"));
    }

    #[test]
    fn date_times() {
        use DateTimeCheck::*;
        assert_eq!(date_time("2025-06-01T15:00:00Z"), Valid);
        assert_eq!(date_time("2025-06-01T15:00:00.123456Z"), Valid);
        assert_eq!(date_time("2024-02-29T00:00:00Z"), Valid);
        assert_eq!(date_time("2000-02-29T00:00:00Z"), Valid);
        assert_eq!(date_time("1900-02-29T00:00:00Z"), Invalid);
        assert_eq!(date_time("2025-02-29T00:00:00Z"), Invalid);
        assert_eq!(date_time("2025-04-31T00:00:00Z"), Invalid);
        assert_eq!(date_time("2025-06-01T24:00:00Z"), Invalid);
        assert_eq!(date_time("2025-06-01T15:00:00"), Invalid);
        assert_eq!(date_time("2025-06-01T15:00:00.Z"), Invalid);
        assert_eq!(date_time("2025-06-01"), Invalid);
        assert_eq!(date_time("２025-06-01T15:00:00Z"), Invalid);
        assert_eq!(date_time("2025-06-01T15:00:00+02:00"), ServerRefuses);
        assert_eq!(date_time("2025-06-01T15:00:00-0230"), ServerRefuses);
        assert_eq!(date_time("2025-06-01T15:00:00+02"), ServerRefuses);
        assert_eq!(date_time("2025-06-01T15:00:00+24:00"), Invalid);
        assert_eq!(date_time("2025-06-01t15:00:00z"), ServerRefuses);
        assert_eq!(date_time("2025-06-01 15:00:00Z"), ServerRefuses);
        assert_eq!(date_time("2025-06-30T23:59:60Z"), ServerRefuses);
    }

    #[test]
    fn utc_ordering_reads_fractions() {
        use std::cmp::Ordering::*;
        assert_eq!(compare_utc("2025-01-01T00:00:00Z", "2025-01-01T00:00:00.5Z"), Less);
        assert_eq!(compare_utc("2025-01-01T00:00:00.50Z", "2025-01-01T00:00:00.5Z"), Equal);
        assert_eq!(compare_utc("2025-01-02T00:00:00Z", "2025-01-01T23:59:59.9Z"), Greater);
    }

    #[test]
    fn patterns() {
        assert!(is_time_of_day("00:00") && is_time_of_day("23:59:59"));
        assert!(!is_time_of_day("24:00") && !is_time_of_day("9:00") && !is_time_of_day("12:60"));
        assert!(!is_time_of_day("12:00\n") && !is_time_of_day("１２:00"));
        assert!(is_identifier("_a1") && is_identifier("Region"));
        assert!(!is_identifier("1a") && !is_identifier("") && !is_identifier("a-b") && !is_identifier("é"));
    }
}
