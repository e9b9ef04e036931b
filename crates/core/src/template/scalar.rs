//! What a plain YAML scalar means, and when a string must be quoted.
//!
//! CloudFormation, PyYAML and so cfn-lint read YAML by the 1.1 rules: `Yes` is a
//! boolean, `0755` an octal number, `1e3` a string. Reading follows PyYAML's resolver
//! exactly, so Formwork sees what those tools see. Writing is stricter: a string is
//! quoted whenever any common reader (YAML 1.1 in full, including `y`/`n`, or the
//! YAML 1.2 core schema) could take it for something else.

use super::node::{Number, Value, is_json_number};

/// The value a plain (unquoted, untagged) scalar has under PyYAML's YAML 1.1 resolver.
/// Infinities and NaN, which neither JSON nor CloudFormation can hold as numbers, stay
/// strings; timestamps stay strings because CloudFormation reads no timestamp type.
pub fn resolve_plain(text: &str) -> Value {
    if is_null(text) {
        return Value::Null;
    }
    if let Some(b) = pyyaml_bool(text) {
        return Value::Bool(b);
    }
    if let Some(n) = yaml11_int(text) {
        return Value::Number(n);
    }
    if let Some(n) = yaml11_float(text) {
        return Value::Number(n);
    }
    Value::String(text.to_string())
}

/// The value of a plain scalar in a JSON document: only JSON's own literals.
pub fn resolve_json_literal(text: &str) -> Option<Value> {
    match text {
        "null" => Some(Value::Null),
        "true" => Some(Value::Bool(true)),
        "false" => Some(Value::Bool(false)),
        _ => Number::parse(text).map(Value::Number),
    }
}

/// Whether a plain scalar reads as anything but a string (what [`resolve_plain`]
/// says, without building the value).
fn resolves_to_other_type(text: &str) -> bool {
    is_null(text)
        || pyyaml_bool(text).is_some()
        || yaml11_int(text).is_some()
        || yaml11_float(text).is_some()
}

fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

fn pyyaml_bool(text: &str) -> Option<bool> {
    match text {
        "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => Some(true),
        "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => Some(false),
        _ => None,
    }
}

/// Splits an optional leading sign off.
fn sign(text: &str) -> (bool, &str) {
    match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    }
}

/// YAML 1.1 integers: `0b1010`, `0755` (octal), `0x1F`, `1_000`, `1:30` (base 60).
fn yaml11_int(text: &str) -> Option<Number> {
    let (negative, body) = sign(text);
    let value: i128 = if let Some(bin) = body.strip_prefix("0b") {
        radix(bin, 2)?
    } else if let Some(hex) = body.strip_prefix("0x") {
        radix(hex, 16)?
    } else if body.len() > 1 && body.starts_with('0') {
        radix(&body[1..], 8)?
    } else if body.contains(':') {
        sexagesimal_int(body)?
    } else {
        let first = body.bytes().next()?;
        if !first.is_ascii_digit() {
            return None;
        }
        if !body.bytes().all(|b| b.is_ascii_digit() || b == b'_') {
            return None;
        }
        let digits: String = body.chars().filter(|c| *c != '_').collect();
        match digits.parse::<i128>() {
            Ok(v) => v,
            // Larger than any integer CloudFormation takes: keep every digit.
            Err(_) => {
                let text = if negative {
                    format!("-{digits}")
                } else {
                    digits
                };
                return Number::parse(&text);
            }
        }
    };
    Some(Number::parse(&(if negative { -value } else { value }).to_string()).expect("integer"))
}

fn radix(digits: &str, base: u32) -> Option<i128> {
    let clean: String = digits.chars().filter(|c| *c != '_').collect();
    if clean.is_empty() && base != 8 {
        return None;
    }
    if !digits.chars().all(|c| c == '_' || c.is_digit(base)) {
        return None;
    }
    if clean.is_empty() {
        return Some(0);
    }
    i128::from_str_radix(&clean, base).ok()
}

fn sexagesimal_int(body: &str) -> Option<i128> {
    let mut parts = body.split(':');
    let head = parts.next()?;
    if !head.starts_with(|c: char| c.is_ascii_digit() && c != '0')
        || !head.bytes().all(|b| b.is_ascii_digit() || b == b'_')
    {
        return None;
    }
    let mut value: i128 = head.replace('_', "").parse().ok()?;
    for part in parts {
        if part.is_empty() || part.len() > 2 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let digit: i128 = part.parse().ok()?;
        if digit > 59 {
            return None;
        }
        value = value.checked_mul(60)?.checked_add(digit)?;
    }
    Some(value)
}

/// YAML 1.1 floats as PyYAML reads them: a dot is required (`1.5`, `.5`, `1.`), an
/// exponent needs its sign (`1.0e+3`), and `190:20:30.15` is base 60.
fn yaml11_float(text: &str) -> Option<Number> {
    let (negative, body) = sign(text);
    let value = if body.contains(':') {
        let (int_part, frac) = body.rsplit_once(':')?;
        let seconds: f64 = {
            if !frac.contains('.') {
                return None;
            }
            let (whole, _) = frac.split_once('.')?;
            if whole.is_empty() || whole.len() > 2 || !whole.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let clean = frac.replace('_', "");
            clean.parse().ok()?
        };
        let head = sexagesimal_int(int_part)? as f64;
        head * 60.0 + seconds
    } else {
        let (mantissa, exponent) = match body.find(['e', 'E']) {
            Some(i) => (&body[..i], Some(&body[i + 1..])),
            None => (body, None),
        };
        let (whole, frac) = mantissa.split_once('.')?;
        let whole_ok = whole.is_empty()
            || (whole.starts_with(|c: char| c.is_ascii_digit())
                && whole.bytes().all(|b| b.is_ascii_digit() || b == b'_'));
        let frac_ok = frac.bytes().all(|b| b.is_ascii_digit() || b == b'_');
        if !whole_ok || !frac_ok || (whole.is_empty() && frac.is_empty()) {
            return None;
        }
        if whole.is_empty() && !frac.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        if let Some(exp) = exponent {
            let digits = exp.strip_prefix(['+', '-'])?;
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
        }
        let clean = body.replace('_', "");
        if is_json_number(&clean) {
            let text = if negative { format!("-{clean}") } else { clean };
            return Number::parse(&text);
        }
        clean.parse::<f64>().ok()?
    };
    Number::from_f64(if negative { -value } else { value })
}

/// Whether the full YAML 1.1 spec (not only PyYAML) or the YAML 1.2 core schema could
/// read this plain text as anything but a string, or whether it is a date that PyYAML
/// turns into a timestamp.
fn could_be_read_as_other_type(text: &str) -> bool {
    // Most text starts with a letter that begins no other type's spelling (null, true,
    // false, yes, no, on, off): a string, however it goes on. Writing a template asks
    // this of every scalar, so the common case is answered here.
    if let Some(first) = text.bytes().next()
        && first.is_ascii_alphabetic()
        && !b"nNtTfFyYoO".contains(&first)
    {
        return false;
    }
    resolves_to_other_type(text)
        || matches!(text, "y" | "Y" | "n" | "N" | "=" | "<<")
        || yaml12_core_non_string(text)
        || looks_like_timestamp(text)
        || matches!(
            text,
            ".inf"
                | ".Inf"
                | ".INF"
                | "-.inf"
                | "-.Inf"
                | "-.INF"
                | "+.inf"
                | ".nan"
                | ".NaN"
                | ".NAN"
        )
}

/// YAML 1.2 core schema numbers that YAML 1.1 reads as strings (`1e3`, `0o17`).
fn yaml12_core_non_string(text: &str) -> bool {
    let (_, body) = sign(text);
    if let Some(oct) = body.strip_prefix("0o") {
        return !oct.is_empty() && oct.bytes().all(|b| (b'0'..=b'7').contains(&b));
    }
    // [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
    let b = body.as_bytes();
    let mut i = 0;
    let mut digits = 0;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
        digits += 1;
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
            digits += 1;
        }
    }
    if digits == 0 {
        return false;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    i == b.len()
}

/// `2002-12-14`, `2001-12-14t21:59:43.10-05:00` and the other YAML 1.1 timestamp forms
/// begin with a year, a month and a day.
fn looks_like_timestamp(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        range
            .clone()
            .all(|i| b.get(i).is_some_and(u8::is_ascii_digit))
    };
    if b.len() < 8 || !digits(0..4) || b[4] != b'-' {
        return false;
    }
    let month_len = if b.get(6) == Some(&b'-') { 1 } else { 2 };
    let day_start = 5 + month_len + 1;
    digits(5..5 + month_len)
        && b.get(5 + month_len) == Some(&b'-')
        && digits(day_start..day_start + 1)
}

/// Whether `text` can be written as a plain scalar and read back as the same string.
/// `flow` is true inside `[...]` or `{...}`, where `,[]{}` end a plain scalar.
pub fn plain_is_safe(text: &str, flow: bool) -> bool {
    plain_syntax_ok(text, flow) && !could_be_read_as_other_type(text)
}

/// Whether `text` is plain-scalar syntax where it goes (one line), whatever type a
/// reader then gives it: no indicator that would start something else, no `: ` or
/// ` #` inside, no character YAML cannot print.
pub fn plain_syntax_ok(text: &str, flow: bool) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    let blank = |c: char| c == ' ' || c == '\t';
    if blank(first) || text.ends_with(blank) || text.contains('\n') {
        return false;
    }
    // `---` and `...` open and close documents.
    if (text.starts_with("---") || text.starts_with("..."))
        && text[3..].chars().next().is_none_or(blank)
    {
        return false;
    }
    let starts_with_indicator = matches!(
        first,
        '-' | '?'
            | ':'
            | ','
            | '['
            | ']'
            | '{'
            | '}'
            | '#'
            | '&'
            | '*'
            | '!'
            | '|'
            | '>'
            | '\''
            | '"'
            | '%'
            | '@'
            | '`'
    );
    if starts_with_indicator {
        // `-x`, `?x`, `:x` are plain when a non-space character follows.
        let second = text[first.len_utf8()..].chars().next();
        let indicator_ok = matches!(first, '-' | '?' | ':')
            && second.is_some_and(|c| !(blank(c) || (flow && ",[]{}".contains(c))));
        if !indicator_ok {
            return false;
        }
    }
    // `: ` and ` #` inside, in one pass (writing asks this of every scalar).
    let inside = text
        .as_bytes()
        .windows(2)
        .any(|w| matches!(w, [b':', b' ' | b'\t'] | [b' ' | b'\t', b'#']));
    if inside || text.ends_with(':') {
        return false;
    }
    if flow {
        if text
            .bytes()
            .any(|b| matches!(b, b',' | b'[' | b']' | b'{' | b'}'))
        {
            return false;
        }
        // A ` -` before the end reads as a new entry in saphyr's flow scanner.
        if text.ends_with(" -") || text.ends_with("\t-") {
            return false;
        }
    }
    // Control characters, the byte order mark, line and paragraph separators.
    if text.is_ascii() {
        return !text.bytes().any(|b| b < 0x20 || b == 0x7f);
    }
    !text.chars().any(|c| {
        c.is_control()
            || matches!(
                c,
                '\u{feff}' | '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{fffe}' | '\u{ffff}'
            )
            || (c as u32 >= 0xd800 && c as u32 <= 0xdfff)
    })
}

/// Whether a single-quoted scalar can carry `text` on one line without escapes.
pub fn single_quote_is_safe(text: &str) -> bool {
    !text.chars().any(|c| {
        (c.is_control() && c != '\t')
            || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}' | '\u{85}')
    })
}

pub fn single_quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// A double-quoted YAML scalar; JSON's escapes are a subset of YAML's, so this is also
/// valid JSON string syntax.
pub fn double_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}') => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(text: &str) -> Value {
        Value::Number(Number::parse(text).unwrap())
    }

    #[test]
    fn resolves_like_pyyaml() {
        assert_eq!(resolve_plain("Yes"), Value::Bool(true));
        assert_eq!(resolve_plain("off"), Value::Bool(false));
        assert_eq!(resolve_plain("y"), Value::String("y".into()));
        assert_eq!(resolve_plain("~"), Value::Null);
        assert_eq!(resolve_plain(""), Value::Null);
        assert_eq!(resolve_plain("0755"), num("493"));
        assert_eq!(resolve_plain("0x1F"), num("31"));
        assert_eq!(resolve_plain("0b101"), num("5"));
        assert_eq!(resolve_plain("1_000"), num("1000"));
        assert_eq!(resolve_plain("-42"), num("-42"));
        assert_eq!(resolve_plain("+7"), num("7"));
        assert_eq!(resolve_plain("1:30"), num("90"));
        assert_eq!(resolve_plain("08"), Value::String("08".into()));
        assert_eq!(resolve_plain("1e3"), Value::String("1e3".into()));
        assert_eq!(resolve_plain("1.0e+3"), num("1000"));
        assert_eq!(resolve_plain("1.5"), num("1.5"));
        assert_eq!(resolve_plain(".5"), num("0.5"));
        assert_eq!(resolve_plain("1."), num("1.0"));
        assert_eq!(
            resolve_plain("2010-09-09"),
            Value::String("2010-09-09".into())
        );
        assert_eq!(resolve_plain(".inf"), Value::String(".inf".into()));
        assert_eq!(resolve_plain("ami-123"), Value::String("ami-123".into()));
        assert_eq!(resolve_plain("1.2.3"), Value::String("1.2.3".into()));
        assert_eq!(
            resolve_plain("123456789012345678901234567890123456789012"),
            num("123456789012345678901234567890123456789012")
        );
    }

    #[test]
    fn json_literals() {
        assert_eq!(resolve_json_literal("true"), Some(Value::Bool(true)));
        assert_eq!(resolve_json_literal("1e3"), Some(num("1e3")));
        assert_eq!(resolve_json_literal("Yes"), None);
    }

    #[test]
    fn quoting_decisions() {
        for must_quote in [
            "",
            "Yes",
            "y",
            "N",
            "off",
            "null",
            "~",
            "123",
            "0755",
            "1e3",
            "1.5",
            "2010-09-09",
            "0o17",
            ".inf",
            "a: b",
            "a #b",
            "#x",
            "- x",
            "!Ref",
            "*a",
            "&a",
            "{a}",
            "[a]",
            "x:",
            " lead",
            "trail ",
            "line\nbreak",
            "=",
            "<<",
            "@x",
            "`x",
            "%x",
            "'q",
            "\"q",
        ] {
            assert!(
                !plain_is_safe(must_quote, false),
                "{must_quote:?} must be quoted"
            );
        }
        for plain in [
            "ami-0abc",
            "t3.micro",
            "10.0.0.0/16",
            "AWS::EC2::VPC",
            "Hello world",
            "a:b",
            "-x",
            "http://x.y/z",
            "a#b",
            "1.2.3",
            "us-east-1a",
            "한국어",
        ] {
            assert!(plain_is_safe(plain, false), "{plain:?} can be plain");
        }
        assert!(!plain_is_safe("a,b", true));
        assert!(plain_is_safe("a,b", false));
    }

    #[test]
    fn quoting_forms() {
        assert_eq!(single_quoted("it's"), "'it''s'");
        assert_eq!(double_quoted("a\"b\\c\n\u{1}"), "\"a\\\"b\\\\c\\n\\u0001\"");
    }
}
