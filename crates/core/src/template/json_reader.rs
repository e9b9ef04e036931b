//! JSON text to the value tree, with a position on every node. Written by hand because
//! no JSON crate gives positions, refuses duplicate keys and bounds nesting at once; the
//! grammar is RFC 8259's, nothing more.

use super::ParseError;
use super::intrinsic::Func;
use super::limits::MAX_DEPTH;
use super::node::{
    Entry, FuncForm, Intrinsic, KeyMeta, Map, Node, Number, Pos, ScalarStyle, Seq, Span, Value,
};
use super::source::Source;

pub(crate) fn read(text: &str) -> Result<Node, ParseError> {
    let source = Source::new(text);
    let mut r = Reader {
        source: &source,
        bytes: text.as_bytes(),
        at: 0,
    };
    r.skip_ws();
    if r.at == r.bytes.len() {
        return Err(ParseError::at(Pos::new(1, 1), "the template is empty"));
    }
    let root = r.value(0)?;
    r.skip_ws();
    if r.at < r.bytes.len() {
        return Err(r.error("unexpected text after the end of the JSON document"));
    }
    Ok(root)
}

struct Reader<'s, 't> {
    source: &'s Source<'t>,
    bytes: &'t [u8],
    at: usize,
}

impl Reader<'_, '_> {
    fn pos(&self, offset: usize) -> Pos {
        self.source.pos_at(offset)
    }

    fn error(&self, message: impl Into<String>) -> ParseError {
        ParseError::at(self.pos(self.at.min(self.bytes.len())), message)
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    fn expect(&mut self, byte: u8, what: &str) -> Result<(), ParseError> {
        self.skip_ws();
        if self.bytes.get(self.at) == Some(&byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.error(format!("expected {what}")))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, ParseError> {
        if depth > MAX_DEPTH {
            return Err(self.error(format!(
                "nesting deeper than {MAX_DEPTH} levels; a template never needs so many"
            )));
        }
        self.skip_ws();
        let start = self.at;
        let mut node = match self.bytes.get(self.at) {
            Some(b'{') => self.object(depth)?,
            Some(b'[') => self.array(depth)?,
            // JSON has one string style, so it is no choice to keep: YAML written from
            // this gets the plainest form that reads back the same.
            Some(b'"') => Node::string(self.string()?),
            Some(_) => self.literal()?,
            None => return Err(self.error("the template ends where a value should be")),
        };
        node.span = Span {
            start: self.pos(start),
            end: self.pos(self.at),
        };
        Ok(node)
    }

    fn literal(&mut self) -> Result<Node, ParseError> {
        let start = self.at;
        while let Some(b) = self.bytes.get(self.at) {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'+' | b'.') {
                self.at += 1;
            } else {
                break;
            }
        }
        let text = std::str::from_utf8(&self.bytes[start..self.at]).unwrap_or("");
        let value = match text {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            "null" => Value::Null,
            _ => match Number::parse(text) {
                Some(n) => Value::Number(n),
                None => {
                    self.at = start;
                    return Err(self.error(if self.bytes.get(start) == Some(&b'\'') {
                        "JSON strings need double quotes, not single quotes".to_string()
                    } else if text.is_empty() {
                        "expected a value (a string, number, object, array, true, false or null)"
                            .to_string()
                    } else {
                        format!("`{text}` is not a JSON value; strings need double quotes")
                    }));
                }
            },
        };
        Ok(Node::new(value))
    }

    fn string(&mut self) -> Result<String, ParseError> {
        let open = self.at;
        self.at += 1;
        let mut out = String::new();
        loop {
            let run_start = self.at;
            while let Some(&b) = self.bytes.get(self.at) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            out.push_str(
                std::str::from_utf8(&self.bytes[run_start..self.at]).expect("input is UTF-8"),
            );
            match self.bytes.get(self.at) {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let c = self.escape()?;
                    out.push(c);
                }
                Some(_) => {
                    return Err(self.error(
                        "a line break or control character inside a string must be escaped",
                    ));
                }
                None => {
                    self.at = open;
                    return Err(self.error("this string is never closed"));
                }
            }
        }
    }

    fn escape(&mut self) -> Result<char, ParseError> {
        let c = self.bytes.get(self.at).copied();
        self.at += 1;
        Ok(match c {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                let high = self.hex4()?;
                if (0xd800..0xdc00).contains(&high) {
                    if self.bytes.get(self.at..self.at + 2) != Some(b"\\u") {
                        return Err(self.error("unpaired surrogate in \\u escape"));
                    }
                    self.at += 2;
                    let low = self.hex4()?;
                    if !(0xdc00..0xe000).contains(&low) {
                        return Err(self.error("unpaired surrogate in \\u escape"));
                    }
                    let code = 0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00);
                    char::from_u32(code).ok_or_else(|| self.error("invalid \\u escape"))?
                } else {
                    char::from_u32(high)
                        .ok_or_else(|| self.error("unpaired surrogate in \\u escape"))?
                }
            }
            _ => {
                self.at -= 1;
                return Err(self.error(
                    "unknown escape; JSON knows \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX",
                ));
            }
        })
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let digits = self
            .bytes
            .get(self.at..self.at + 4)
            .and_then(|d| std::str::from_utf8(d).ok())
            .and_then(|d| u32::from_str_radix(d, 16).ok())
            .ok_or_else(|| self.error("\\u needs four hex digits"))?;
        self.at += 4;
        Ok(digits)
    }

    fn array(&mut self, depth: usize) -> Result<Node, ParseError> {
        let open = self.at;
        self.at += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.bytes.get(self.at) == Some(&b']') {
            self.at += 1;
        } else {
            loop {
                items.push(self.value(depth + 1)?);
                self.skip_ws();
                match self.bytes.get(self.at) {
                    Some(b',') => self.at += 1,
                    Some(b']') => {
                        self.at += 1;
                        break;
                    }
                    _ => return Err(self.error("expected `,` or `]` in this list")),
                }
            }
        }
        let mut node = Node::new(Value::Seq(Seq {
            items,
            end: Vec::new(),
        }));
        node.style.flow = self.one_line(open);
        Ok(node)
    }

    fn object(&mut self, depth: usize) -> Result<Node, ParseError> {
        let open = self.at;
        self.at += 1;
        let mut map = Map::new();
        self.skip_ws();
        if self.bytes.get(self.at) == Some(&b'}') {
            self.at += 1;
        } else {
            loop {
                self.skip_ws();
                if self.bytes.get(self.at) != Some(&b'"') {
                    return Err(self.error("expected a key in double quotes"));
                }
                let key_start = self.at;
                let key = self.string()?;
                let key_span = Span {
                    start: self.pos(key_start),
                    end: self.pos(self.at),
                };
                if let Some(first) = map.entry(&key) {
                    return Err(ParseError::at(
                        key_span.start,
                        format!(
                            "duplicate key \"{key}\" (first at {}); CloudFormation would keep only one",
                            first.key.span.start
                        ),
                    ));
                }
                self.expect(b':', "`:` after the key")?;
                let value = self.value(depth + 1)?;
                map.entries.insert(
                    key,
                    Entry {
                        key: KeyMeta {
                            span: key_span,
                            style: ScalarStyle::Plain,
                            comments: Default::default(),
                        },
                        value,
                    },
                );
                self.skip_ws();
                match self.bytes.get(self.at) {
                    Some(b',') => self.at += 1,
                    Some(b'}') => {
                        self.at += 1;
                        break;
                    }
                    _ => return Err(self.error("expected `,` or `}` in this object")),
                }
            }
        }
        let flow = self.one_line(open);
        let func = (map.len() == 1)
            .then(|| map.keys().next().and_then(Func::from_long))
            .flatten();
        let mut node = if let Some(func) = func {
            let (_, entry) = map.entries.pop().expect("one entry");
            Node::new(Value::Fn(Box::new(Intrinsic {
                func,
                arg: entry.value,
                key: entry.key,
            })))
        } else {
            Node::map(map)
        };
        node.style.func_form = FuncForm::Long;
        node.style.flow = flow;
        Ok(node)
    }

    /// Whether the collection opened at `open` closed on the same line: it is written
    /// back on one line.
    fn one_line(&self, open: usize) -> bool {
        !self.bytes[open..self.at].contains(&b'\n')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_values_with_positions() {
        let root =
            read("{\n  \"A\": [1, \"x\\u00e9\\n\", true, null],\n  \"B\": {\"Ref\": \"A\"}\n}")
                .unwrap();
        let map = root.as_map().unwrap();
        let a = map.get("A").unwrap();
        assert_eq!(a.span.start, Pos::new(2, 8));
        assert!(a.style.flow);
        assert_eq!(a.as_seq().unwrap()[1].as_str(), Some("xé\n"));
        let b = map.get("B").unwrap().as_fn().unwrap();
        assert_eq!(b.func, Func::Ref);
        assert_eq!(map.entry("B").unwrap().key.span.start, Pos::new(3, 3));
    }

    #[test]
    fn errors_say_where_and_what() {
        let e = read("{\"A\": 1,\n \"A\": 2}").unwrap_err();
        assert_eq!(e.pos, Pos::new(2, 2));
        assert!(
            e.message.contains("duplicate key \"A\" (first at 1:2)"),
            "{}",
            e.message
        );
        let e = read("{\"A\": 'x'}").unwrap_err();
        assert!(e.message.contains("double quotes"), "{}", e.message);
        let e = read("{\"A\": [1, 2}").unwrap_err();
        assert_eq!(e.pos, Pos::new(1, 12));
        assert!(read("{\"A\": \"\\ud800\"}").is_err());
        assert!(read("").is_err());
        assert!(read("{} x").is_err());
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert!(read(&deep).unwrap_err().message.contains("nesting"));
    }

    #[test]
    fn surrogate_pairs_decode() {
        let root = read("[\"\\ud83d\\ude00\"]").unwrap();
        assert_eq!(root.as_seq().unwrap()[0].as_str(), Some("😀"));
    }
}
