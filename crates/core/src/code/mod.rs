//! What the code pane needs from template text, without reading it into a document:
//! where an element is written (a finding's path such as
//! `Resources/Web/Properties/SubnetId`), which resource a line belongs to, and the
//! indentation edits of Tab and Shift+Tab.
//!
//! A document's own positions describe the text it was read from; after an edit on the
//! canvas the pane shows freshly written text, so these work on the text itself. YAML
//! in block style is scanned by indentation, JSON by its brackets, each in one pass
//! over the lines concerned. They never fail: an element that cannot be found gives the
//! nearest enclosing one that can, and text that is neither gives nothing.
//! [`lines`] indexes a text's lines for the pane's window of them.

pub mod lines;

/// Lines of a text, counted from 1, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineRange {
    pub first: u32,
    pub last: u32,
}

impl LineRange {
    pub fn contains(self, line: u32) -> bool {
        self.first <= line && line <= self.last
    }
}

/// One entry of a mapping as written: its key and the lines from the key to the end
/// of its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    pub lines: LineRange,
}

/// Where an element was found: its lines, and how many steps of the path were found
/// (fewer than asked when only an enclosing element is written).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Located {
    pub lines: LineRange,
    pub depth: usize,
}

/// Whether the text is JSON (its first character, after white space, is `{`).
pub fn is_json(text: &str) -> bool {
    text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
        .starts_with('{')
}

/// Where the element at `path` (mapping keys, and list indexes as numbers) is written;
/// `None` when not even the first step is.
pub fn locate(text: &str, path: &[&str]) -> Option<Located> {
    if is_json(text) {
        json::locate(text, path)
    } else {
        yaml::locate(text, path)
    }
}

/// The entries of the mapping at `path`, in the order they are written (empty when
/// there is no such mapping). `children(text, &["Resources"])` lists the resources.
pub fn children(text: &str, path: &[&str]) -> Vec<Entry> {
    if is_json(text) {
        json::children(text, path)
    } else {
        yaml::children(text, path)
    }
}

/// The entry whose lines hold `line`, in entries sorted by line as [`children`] gives them.
pub fn entry_at(entries: &[Entry], line: u32) -> Option<&Entry> {
    let i = entries.partition_point(|e| e.lines.last < line);
    entries.get(i).filter(|e| e.lines.contains(line))
}

/// Splits a finding's path (`Resources/Web/Properties/SubnetId`) into steps.
pub fn path_steps(path: &str) -> Vec<&str> {
    path.split('/').filter(|s| !s.is_empty()).collect()
}

/// One step of indentation in the code pane.
pub const INDENT: &str = "  ";

/// Indents (or outdents) every line of `block` by [`INDENT`]: what Tab does to the
/// selected lines, and Shift+Tab to the selected lines or the caret's. Empty lines stay
/// empty. Returns the new block and how many characters the first line gained (negative
/// when it lost some), to move the selection with the text.
pub fn reindent(block: &str, outdent: bool) -> (String, isize) {
    let mut out = String::with_capacity(block.len() + 16);
    let mut first_delta = None;
    for line in block.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let delta = if outdent {
            let strip = body.len() - body.trim_start_matches(' ').len();
            let strip = strip.min(INDENT.len());
            out.push_str(&line[strip..]);
            -(strip as isize)
        } else if body.is_empty() {
            out.push_str(line);
            0
        } else {
            out.push_str(INDENT);
            out.push_str(line);
            INDENT.len() as isize
        };
        first_delta.get_or_insert(delta);
    }
    (out, first_delta.unwrap_or(0))
}

/// What a piece of a line is, for colouring.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tok {
    Plain,
    Key,
    Str,
    Number,
    /// `true`, `false`, `null` and YAML's other words for them.
    Word,
    /// A YAML tag such as `!Ref`.
    Tag,
    Comment,
    Punct,
}

/// Splits one line of template text into coloured pieces, as byte ranges that cover
/// the line in order. Each line is taken on its own (a block scalar's lines are
/// coloured like any other), which is what lets the code pane colour only the lines
/// on screen.
pub fn highlight(line: &str, json: bool) -> Vec<(Tok, std::ops::Range<usize>)> {
    let mut out: Vec<(Tok, std::ops::Range<usize>)> = Vec::new();
    let b = line.as_bytes();
    let mut push = |tok: Tok, r: std::ops::Range<usize>| {
        if r.is_empty() {
            return;
        }
        match out.last_mut() {
            Some((t, last)) if *t == tok && last.end == r.start => last.end = r.end,
            _ => out.push((tok, r)),
        }
    };
    let mut i = 0;
    // Where a key may start: the line's start, after `- `, `{` or `,`.
    let mut key_ok = true;
    // How deep in `[` and `{` the scan is.
    let mut flow = 0usize;
    while i < b.len() {
        let c = b[i];
        match c {
            b' ' | b'\t' => {
                let start = i;
                while i < b.len() && matches!(b[i], b' ' | b'\t') {
                    i += 1;
                }
                push(Tok::Plain, start..i);
            }
            b'#' if !json && (i == 0 || matches!(b[i - 1], b' ' | b'\t')) => {
                push(Tok::Comment, i..b.len());
                i = b.len();
            }
            b'"' | b'\'' => {
                let start = i;
                i += 1;
                while i < b.len() {
                    if b[i] == b'\\' && c == b'"' {
                        i += 2;
                        continue;
                    }
                    if b[i] == c {
                        if c == b'\'' && b.get(i + 1) == Some(&b'\'') {
                            i += 2;
                            continue;
                        }
                        i += 1;
                        break;
                    }
                    i += 1;
                }
                let i2 = i.min(b.len());
                i = i2;
                let mut j = i;
                while j < b.len() && b[j] == b' ' {
                    j += 1;
                }
                let is_key = key_ok
                    && b.get(j) == Some(&b':')
                    && (json || matches!(b.get(j + 1), None | Some(b' ') | Some(b'\t')));
                push(if is_key { Tok::Key } else { Tok::Str }, start..i);
                key_ok = false;
            }
            b'{' | b'}' | b'[' | b']' | b',' | b':' => {
                push(Tok::Punct, i..i + 1);
                key_ok = matches!(c, b'{' | b',');
                match c {
                    b'{' | b'[' => flow += 1,
                    b'}' | b']' => flow = flow.saturating_sub(1),
                    _ => {}
                }
                i += 1;
            }
            b'-' if !json && matches!(b.get(i + 1), None | Some(b' ')) => {
                push(Tok::Punct, i..i + 1);
                key_ok = true;
                i += 1;
            }
            b'|' | b'>' if !json => {
                let start = i;
                while i < b.len() && matches!(b[i], b'|' | b'>' | b'-' | b'+' | b'0'..=b'9') {
                    i += 1;
                }
                push(Tok::Punct, start..i);
            }
            b'!' if !json => {
                let start = i;
                while i < b.len() && !matches!(b[i], b' ' | b'\t' | b',' | b']' | b'}') {
                    i += 1;
                }
                push(Tok::Tag, start..i);
                key_ok = false;
            }
            _ => {
                // A plain scalar: up to `: `, ` #`, or (in flow) a bracket or comma.
                let start = i;
                let in_flow = json || flow > 0;
                while i < b.len() {
                    let d = b[i];
                    if d == b':' && matches!(b.get(i + 1), None | Some(b' ') | Some(b'\t')) {
                        break;
                    }
                    if d == b'#' && !json && matches!(b[i - 1], b' ' | b'\t') {
                        break;
                    }
                    if in_flow && matches!(d, b',' | b']' | b'}' | b':') {
                        break;
                    }
                    i += 1;
                }
                let mut end = i;
                while end > start && matches!(b[end - 1], b' ' | b'\t') {
                    end -= 1;
                }
                let word = &line[start..end];
                let tok = if key_ok && b.get(i) == Some(&b':') && !json {
                    Tok::Key
                } else if is_number(word) {
                    Tok::Number
                } else if is_word(word) {
                    Tok::Word
                } else {
                    Tok::Plain
                };
                push(tok, start..end);
                push(Tok::Plain, end..i);
                key_ok = false;
            }
        }
    }
    out
}

/// Whether line `i` (counted from 0) is inside a YAML block scalar (`|`, `>`): the
/// nearest line above it that is less indented ends with a block indicator. `line_at`
/// gives the text of a line. Used to colour such lines as text, not as keys.
pub fn in_block_scalar<'a>(line_at: impl Fn(usize) -> &'a str, i: usize) -> bool {
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let here = line_at(i);
    if here.trim().is_empty() {
        return false;
    }
    let own = indent(here);
    // Bounded: a block scalar longer than this is coloured as plain lines beyond it.
    for j in (i.saturating_sub(2000)..i).rev() {
        let l = line_at(j);
        if l.trim().is_empty() || indent(l) >= own {
            continue;
        }
        let body = l.split(" #").next().unwrap_or(l).trim_end();
        let last = body.rsplit([' ', '\t']).next().unwrap_or("");
        return (last.starts_with('|') || last.starts_with('>'))
            && last[1..]
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'-' || b == b'+')
            && body.len() > last.len();
    }
    false
}

fn is_number(s: &str) -> bool {
    let s = s.strip_prefix(['-', '+']).unwrap_or(s);
    !s.is_empty()
        && s.bytes()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c == b'.')
        && s.bytes()
            .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'-' | b'+'))
        && s.bytes().filter(|&c| c == b'.').count() <= 1
}

fn is_word(s: &str) -> bool {
    matches!(
        s,
        "true"
            | "false"
            | "null"
            | "~"
            | "True"
            | "False"
            | "TRUE"
            | "FALSE"
            | "Null"
            | "NULL"
            | "yes"
            | "no"
            | "Yes"
            | "No"
            | "YES"
            | "NO"
            | "on"
            | "off"
            | "On"
            | "Off"
            | "ON"
            | "OFF"
    )
}

mod yaml {
    use super::{Entry, LineRange, Located};

    /// A line of the text: where it starts and how it is indented.
    struct Line<'a> {
        text: &'a str,
        indent: usize,
        /// Holds content: not blank, not only a comment, not a document marker.
        content: bool,
    }

    fn lines(text: &str) -> Vec<Line<'_>> {
        text.split('\n')
            .map(|raw| {
                let text = raw.strip_suffix('\r').unwrap_or(raw);
                let rest = text.trim_start_matches(' ');
                let indent = text.len() - rest.len();
                let marker = indent == 0 && (rest.starts_with("---") || rest.starts_with("..."));
                let content = !(rest.trim().is_empty() || rest.starts_with('#') || marker);
                Line {
                    text,
                    indent,
                    content,
                }
            })
            .collect()
    }

    /// A child of a block: a mapping key or a sequence item.
    struct Child {
        key: Option<String>,
        /// Index of its first line.
        line: usize,
        /// Column where the value starts on its first line (after `key:` or `- `).
        value_col: usize,
        /// One past its last line with content.
        end: usize,
    }

    /// The key at the start of `s`, and the column after its colon.
    fn key_of(s: &str) -> Option<(String, usize)> {
        let (key, after) = if let Some(body) = s.strip_prefix('"') {
            let mut out = String::new();
            let mut chars = body.char_indices();
            let mut end = None;
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => {
                        if let Some((_, e)) = chars.next() {
                            out.push(match e {
                                'n' => '\n',
                                't' => '\t',
                                other => other,
                            });
                        }
                    }
                    '"' => {
                        end = Some(i + 2);
                        break;
                    }
                    c => out.push(c),
                }
            }
            (out, end?)
        } else if let Some(body) = s.strip_prefix('\'') {
            let mut out = String::new();
            let mut i = 0;
            let b = body.as_bytes();
            let end = loop {
                let c = body[i..].chars().next()?;
                if c == '\'' {
                    if b.get(i + 1) == Some(&b'\'') {
                        out.push('\'');
                        i += 2;
                        continue;
                    }
                    break i + 2;
                }
                out.push(c);
                i += c.len_utf8();
            };
            (out, end)
        } else {
            // A plain key ends at the first `:` followed by a space or the line's end.
            let bytes = s.as_bytes();
            let i = (0..bytes.len()).find(|&i| {
                bytes[i] == b':' && matches!(bytes.get(i + 1), None | Some(b' ') | Some(b'\t'))
            })?;
            if s[..i].contains(" #") || s.starts_with(['[', '{', '#', '&', '*', '!', '|', '>']) {
                return None;
            }
            return Some((s[..i].trim_end().to_string(), i + 1));
        };
        let rest = &s[after..];
        let trimmed = rest.trim_start();
        let colon = trimmed.strip_prefix(':')?;
        if !(colon.is_empty() || colon.starts_with([' ', '\t'])) {
            return None;
        }
        Some((key, after + (rest.len() - trimmed.len()) + 1))
    }

    /// The children of the block made of lines `lo..hi`. When `first_col` is given the
    /// block starts inside line `lo` at that column (a mapping that begins on the line
    /// of its `- `).
    fn children_of(lines: &[Line], lo: usize, hi: usize, first_col: Option<usize>) -> Vec<Child> {
        let indent_of = |i: usize| match first_col {
            Some(c) if i == lo => c,
            _ => lines[i].indent,
        };
        let Some(start) = (lo..hi).find(|&i| lines[i].content) else {
            return Vec::new();
        };
        let col = indent_of(start);
        let mut out: Vec<Child> = Vec::new();
        let mut is_map = None;
        let mut last_content = start;
        for (i, line) in lines.iter().enumerate().take(hi).skip(start) {
            if !line.content {
                continue;
            }
            let indent = indent_of(i);
            if indent < col {
                break;
            }
            if indent == col {
                let s = &line.text[col..];
                let dash = s == "-" || s.starts_with("- ") || s.starts_with("-\t");
                // In a mapping, a `- ` at the key's own column continues that key's list.
                if !(dash && is_map == Some(true)) {
                    let child = if dash {
                        let after = &s[1..];
                        let value_col = col + 1 + (after.len() - after.trim_start().len());
                        Some((None, value_col))
                    } else {
                        key_of(s).map(|(k, c)| (Some(k), col + c))
                    };
                    if let Some((key, value_col)) = child {
                        is_map.get_or_insert(key.is_some());
                        if let Some(prev) = out.last_mut() {
                            prev.end = last_content + 1;
                        }
                        out.push(Child {
                            key,
                            line: i,
                            value_col,
                            end: hi,
                        });
                    }
                }
            }
            last_content = i;
        }
        if let Some(prev) = out.last_mut() {
            prev.end = last_content + 1;
        }
        out
    }

    /// The block holding a child's value, if it is a block collection.
    fn value_block(lines: &[Line], child: &Child) -> Option<(usize, usize, Option<usize>)> {
        let text = lines[child.line].text;
        let rest = text.get(child.value_col..).unwrap_or("").trim_start();
        let rest_col = text.len() - rest.len();
        // A tag or anchor alone (`!Sub`, `&a`) leaves the value to the lines below.
        let mut bare = rest;
        while bare.starts_with(['!', '&']) {
            bare = bare
                .split_once([' ', '\t'])
                .map_or("", |(_, r)| r.trim_start());
        }
        if bare.is_empty() || bare.starts_with('#') {
            return Some((child.line + 1, child.end, None));
        }
        if bare.starts_with(['|', '>', '{', '[', '"', '\'', '*']) || bare != rest {
            return None;
        }
        // A mapping or a list that starts on this line (`- Key: v`, `- - a`).
        let nested = rest == "-"
            || rest.starts_with("- ")
            || (child.key.is_none() && key_of(rest).is_some());
        nested.then_some((child.line, child.end, Some(rest_col)))
    }

    fn range(child: &Child) -> LineRange {
        LineRange {
            first: child.line as u32 + 1,
            last: child.end as u32,
        }
    }

    fn find<'c>(children: &'c [Child], step: &str) -> Option<&'c Child> {
        if children.first().is_some_and(|c| c.key.is_none()) {
            let i: usize = step.parse().ok()?;
            children.get(i)
        } else {
            children.iter().find(|c| c.key.as_deref() == Some(step))
        }
    }

    pub fn locate(text: &str, path: &[&str]) -> Option<Located> {
        let lines = lines(text);
        let mut block = (0, lines.len(), None);
        let mut found = None;
        for (depth, step) in path.iter().enumerate() {
            let children = children_of(&lines, block.0, block.1, block.2);
            let Some(child) = find(&children, step) else {
                break;
            };
            found = Some(Located {
                lines: range(child),
                depth: depth + 1,
            });
            match value_block(&lines, child) {
                Some(b) => block = b,
                None => break,
            }
        }
        found
    }

    pub fn children(text: &str, path: &[&str]) -> Vec<Entry> {
        let lines = lines(text);
        let mut block = (0, lines.len(), None);
        for step in path {
            let children = children_of(&lines, block.0, block.1, block.2);
            let Some(b) = find(&children, step).and_then(|c| value_block(&lines, c)) else {
                return Vec::new();
            };
            block = b;
        }
        children_of(&lines, block.0, block.1, block.2)
            .iter()
            .filter_map(|c| {
                Some(Entry {
                    key: c.key.clone()?,
                    lines: range(c),
                })
            })
            .collect()
    }
}

mod json {
    use super::{Entry, LineRange, Located};

    /// A forgiving reader of JSON structure: it follows strings and brackets and
    /// counts lines, and stops (returns `None`) at anything it does not expect.
    struct Scan<'a> {
        b: &'a [u8],
        pos: usize,
        line: u32,
    }

    impl Scan<'_> {
        fn ws(&mut self) {
            while let Some(&c) = self.b.get(self.pos) {
                match c {
                    b'\n' => self.line += 1,
                    b' ' | b'\t' | b'\r' => {}
                    _ => return,
                }
                self.pos += 1;
            }
        }

        fn peek(&self) -> Option<u8> {
            self.b.get(self.pos).copied()
        }

        fn eat(&mut self, c: u8) -> Option<()> {
            self.ws();
            (self.peek()? == c).then(|| self.pos += 1)
        }

        /// Reads a string (the opening quote next), unescaping the common escapes.
        fn string(&mut self) -> Option<String> {
            self.eat(b'"')?;
            let mut out = Vec::new();
            loop {
                let c = *self.b.get(self.pos)?;
                self.pos += 1;
                match c {
                    b'"' => return String::from_utf8(out).ok(),
                    b'\\' => {
                        let e = *self.b.get(self.pos)?;
                        self.pos += 1;
                        match e {
                            b'n' => out.push(b'\n'),
                            b't' => out.push(b'\t'),
                            b'r' => out.push(b'\r'),
                            b'u' => {
                                let hex = std::str::from_utf8(self.b.get(self.pos..self.pos + 4)?)
                                    .ok()?;
                                self.pos += 4;
                                let ch = u32::from_str_radix(hex, 16)
                                    .ok()
                                    .and_then(char::from_u32)
                                    .unwrap_or('\u{fffd}');
                                let mut buf = [0; 4];
                                out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                            }
                            other => out.push(other),
                        }
                    }
                    b'\n' => {
                        self.line += 1;
                        out.push(c);
                    }
                    _ => out.push(c),
                }
            }
        }

        /// Skips one value of any kind.
        fn skip(&mut self) -> Option<()> {
            self.ws();
            match self.peek()? {
                b'"' => self.string().map(drop),
                b'{' | b'[' => {
                    // Brackets and strings only; the content needs no checking here.
                    let mut depth = 0usize;
                    loop {
                        let c = *self.b.get(self.pos)?;
                        match c {
                            b'"' => {
                                self.string()?;
                                continue;
                            }
                            b'{' | b'[' => depth += 1,
                            b'}' | b']' => {
                                depth -= 1;
                                if depth == 0 {
                                    self.pos += 1;
                                    return Some(());
                                }
                            }
                            b'\n' => self.line += 1,
                            _ => {}
                        }
                        self.pos += 1;
                    }
                }
                _ => {
                    while let Some(c) = self.peek() {
                        if matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\r' | b'\n') {
                            break;
                        }
                        self.pos += 1;
                    }
                    Some(())
                }
            }
        }

        /// Walks the members of the object or array starting here; `visit` gets each
        /// member's key (`None` in an array, with its index) and its first line, with
        /// the scanner at its value, and either consumes the value and returns true,
        /// or returns false to have it skipped.
        fn members(
            &mut self,
            mut visit: impl FnMut(&mut Self, Option<&str>, usize, u32) -> Option<bool>,
        ) -> Option<()> {
            self.ws();
            let (open, close) = match self.peek()? {
                b'{' => (b'{', b'}'),
                b'[' => (b'[', b']'),
                _ => return None,
            };
            self.eat(open)?;
            let mut index = 0;
            loop {
                self.ws();
                if self.peek()? == close {
                    self.pos += 1;
                    return Some(());
                }
                if index > 0 {
                    self.eat(b',')?;
                    self.ws();
                }
                let line = self.line;
                let key = if open == b'{' {
                    let k = self.string()?;
                    self.eat(b':')?;
                    Some(k)
                } else {
                    None
                };
                if !visit(self, key.as_deref(), index, line)? {
                    self.skip()?;
                }
                index += 1;
            }
        }
    }

    fn matches(step: &str, key: Option<&str>, index: usize) -> bool {
        match key {
            Some(k) => k == step,
            None => step.parse() == Ok(index),
        }
    }

    pub fn locate(text: &str, path: &[&str]) -> Option<Located> {
        let mut s = Scan {
            b: text.as_bytes(),
            pos: 0,
            line: 1,
        };
        let mut best: Option<Located> = None;
        descend(&mut s, path, 0, &mut best);
        best
    }

    /// Finds `path[depth..]` in the collection at the scanner, recording the deepest
    /// element found in `best`.
    fn descend(s: &mut Scan, path: &[&str], depth: usize, best: &mut Option<Located>) {
        let Some(step) = path.get(depth) else {
            return;
        };
        let _ = s.members(|s, key, index, line| {
            if !matches(step, key, index) {
                return Some(false);
            }
            s.ws();
            let mut inner = Scan {
                b: s.b,
                pos: s.pos,
                line: s.line,
            };
            // A value cut short still counts, up to where the text ends.
            let _ = s.skip();
            *best = Some(Located {
                lines: LineRange {
                    first: line,
                    last: s.line,
                },
                depth: depth + 1,
            });
            if depth + 1 < path.len() {
                descend(&mut inner, path, depth + 1, best);
            }
            // The element is found: stop walking the rest.
            None
        });
    }

    pub fn children(text: &str, path: &[&str]) -> Vec<Entry> {
        let mut s = Scan {
            b: text.as_bytes(),
            pos: 0,
            line: 1,
        };
        for step in path {
            let mut found = false;
            let _ = s.members(|_, key, index, _| {
                if matches(step, key, index) {
                    found = true;
                    // Stop with the scanner at the value.
                    return None;
                }
                Some(false)
            });
            if !found {
                return Vec::new();
            }
        }
        let mut out = Vec::new();
        let _ = s.members(|s, key, _, line| {
            s.skip()?;
            if let Some(k) = key {
                out.push(Entry {
                    key: k.to_string(),
                    lines: LineRange {
                        first: line,
                        last: s.line,
                    },
                });
            }
            Some(true)
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = "\
AWSTemplateFormatVersion: '2010-09-09'
# A comment at the top
Parameters:
  DBUser:
    Type: String
    MaxLength: 16
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
      Tags:
      - Key: Name
        Value: main
      - Key: 'Owner: me'
        Value: !Sub
          - ${A}
          - A: b

  # The web server
  \"Web Server\":
    Type: AWS::EC2::Instance
    Properties:
      UserData: |
        Resources:
          Fake: 1
      SecurityGroupIds: [!Ref Sg]
  Sg: {Type: AWS::EC2::SecurityGroup}
Outputs:
  Id:
    Value: !Ref Vpc
";

    fn lr(first: u32, last: u32) -> LineRange {
        LineRange { first, last }
    }

    #[test]
    fn yaml_paths_find_their_lines() {
        let at = |p: &str| locate(YAML, &path_steps(p)).map(|l| (l.lines, l.depth));
        assert_eq!(at("Parameters/DBUser/MaxLength"), Some((lr(6, 6), 3)));
        assert_eq!(at("Resources/Vpc"), Some((lr(8, 18), 2)));
        assert_eq!(at("Resources/Vpc/Properties/Tags"), Some((lr(12, 18), 4)));
        assert_eq!(
            at("Resources/Vpc/Properties/Tags/1/Value"),
            Some((lr(16, 18), 6))
        );
        assert_eq!(
            at("Resources/Vpc/Properties/Tags/0/Key"),
            Some((lr(13, 13), 6))
        );
        assert_eq!(
            at("Resources/Web Server/Properties/UserData"),
            Some((lr(24, 26), 4))
        );
        // Inside a block scalar nothing is an element.
        assert_eq!(
            at("Resources/Web Server/Properties/UserData/Resources"),
            Some((lr(24, 26), 4))
        );
        // A missing element gives the nearest enclosing one.
        assert_eq!(
            at("Resources/Sg/Properties/GroupDescription"),
            Some((lr(28, 28), 2))
        );
        assert_eq!(at("Outputs/Id/Value"), Some((lr(31, 31), 3)));
        assert_eq!(at("Nothing"), None);
    }

    #[test]
    fn yaml_resources_and_the_line_each_covers() {
        let r = children(YAML, &["Resources"]);
        let keys: Vec<&str> = r.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["Vpc", "Web Server", "Sg"]);
        assert_eq!(r[1].lines, lr(21, 27));
        assert_eq!(entry_at(&r, 9).map(|e| e.key.as_str()), Some("Vpc"));
        // The blank line and the comment between two resources belong to neither.
        assert_eq!(entry_at(&r, 19), None);
        assert_eq!(entry_at(&r, 20), None);
        assert_eq!(entry_at(&r, 26).map(|e| e.key.as_str()), Some("Web Server"));
        assert_eq!(entry_at(&r, 28).map(|e| e.key.as_str()), Some("Sg"));
        assert_eq!(entry_at(&r, 30), None);
    }

    #[test]
    fn yaml_lists_at_their_keys_column_and_documents_markers() {
        let text = "---\nResources:\n  A:\n    Type: X\n    DependsOn:\n    - B\n    - C\n  B:\n    Type: Y\n...\n";
        let r = children(text, &["Resources"]);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].lines, lr(3, 7));
        assert_eq!(
            locate(text, &["Resources", "A", "DependsOn", "1"]).map(|l| l.lines),
            Some(lr(7, 7))
        );
    }

    #[test]
    fn json_paths_and_resources() {
        let text = r#"{
  "Parameters": {"DBUser": {"Type": "String", "MaxLength": 16}},
  "Resources": {
    "Vpc": {
      "Type": "AWS::EC2::VPC",
      "Properties": {
        "Tags": [
          {"Key": "a\"b", "Value": "x"},
          {"Key": "c",
           "Value": "y"}
        ]
      }
    },
    "Web": {"Type": "AWS::EC2::Instance"}
  }
}"#;
        assert!(is_json(text));
        let at = |p: &str| locate(text, &path_steps(p)).map(|l| (l.lines, l.depth));
        assert_eq!(at("Parameters/DBUser/MaxLength"), Some((lr(2, 2), 3)));
        assert_eq!(at("Resources/Vpc"), Some((lr(4, 13), 2)));
        assert_eq!(
            at("Resources/Vpc/Properties/Tags/1/Value"),
            Some((lr(10, 10), 6))
        );
        assert_eq!(at("Resources/Vpc/Properties/Tags/1"), Some((lr(9, 10), 5)));
        assert_eq!(at("Resources/Web/Properties"), Some((lr(14, 14), 2)));
        let r = children(text, &["Resources"]);
        assert_eq!(
            r,
            vec![
                Entry {
                    key: "Vpc".into(),
                    lines: lr(4, 13)
                },
                Entry {
                    key: "Web".into(),
                    lines: lr(14, 14)
                }
            ]
        );
        assert_eq!(children(text, &["Nothing"]), vec![]);
    }

    #[test]
    fn broken_text_gives_what_can_be_found() {
        let yaml = "Resources:\n  A:\n    Type: [\n  B:\n";
        assert_eq!(children(yaml, &["Resources"]).len(), 2);
        let json = "{\"Resources\": {\"A\": {\"Type\": \"X\"}, \"B\": ";
        assert_eq!(locate(json, &["Resources", "A"]).map(|l| l.depth), Some(2));
        let keys: Vec<String> = children(json, &["Resources"])
            .into_iter()
            .map(|e| e.key)
            .collect();
        assert_eq!(keys, ["A"]);
        assert_eq!(locate("", &["Resources"]), None);
        assert_eq!(locate("{", &["Resources"]), None);
    }

    #[test]
    fn written_templates_map_every_resource() {
        // What the writers produce, in both forms, for each sample.
        for sample in crate::samples::SAMPLES {
            let t = crate::template::parse(sample.text).unwrap().template;
            for format in [crate::template::Format::Yaml, crate::template::Format::Json] {
                let text = t.emit(format);
                let entries = children(&text, &["Resources"]);
                let ids: Vec<&str> = t.resources().map(|r| r.id).collect();
                let keys: Vec<&str> = entries.iter().map(|e| e.key.as_str()).collect();
                assert_eq!(keys, ids, "{} {format:?}", sample.id);
                for w in entries.windows(2) {
                    assert!(w[0].lines.last < w[1].lines.first);
                }
            }
        }
    }

    fn pieces(line: &str, json: bool) -> Vec<(Tok, &str)> {
        let toks = highlight(line, json);
        // The pieces cover the line, in order.
        let mut at = 0;
        for (_, r) in &toks {
            assert_eq!(r.start, at, "{line:?}: {toks:?}");
            at = r.end;
        }
        assert_eq!(at, line.len(), "{line:?}: {toks:?}");
        toks.into_iter()
            .filter(|(t, _)| *t != Tok::Plain)
            .map(|(t, r)| (t, &line[r]))
            .collect()
    }

    #[test]
    fn lines_are_coloured_piece_by_piece() {
        use Tok::*;
        assert_eq!(
            pieces("    Type: AWS::EC2::VPC  # the network", false),
            [(Key, "Type"), (Punct, ":"), (Comment, "# the network")]
        );
        assert_eq!(
            pieces("      - Key: 'Owner: me'", false),
            [
                (Punct, "-"),
                (Key, "Key"),
                (Punct, ":"),
                (Str, "'Owner: me'")
            ]
        );
        assert_eq!(
            pieces("  SecurityGroupIds: [!Ref Sg, 80, true]", false),
            [
                (Key, "SecurityGroupIds"),
                (Punct, ":"),
                (Punct, "["),
                (Tag, "!Ref"),
                (Punct, ","),
                (Number, "80"),
                (Punct, ","),
                (Word, "true"),
                (Punct, "]")
            ]
        );
        assert_eq!(
            pieces("  UserData: !Base64 |", false),
            [
                (Key, "UserData"),
                (Punct, ":"),
                (Tag, "!Base64"),
                (Punct, "|")
            ]
        );
        assert_eq!(
            pieces(r#"    "Port": 80, "Name": "a\"b", "On": null"#, true),
            [
                (Key, "\"Port\""),
                (Punct, ":"),
                (Number, "80"),
                (Punct, ","),
                (Key, "\"Name\""),
                (Punct, ":"),
                (Str, r#""a\"b""#),
                (Punct, ","),
                (Key, "\"On\""),
                (Punct, ":"),
                (Word, "null")
            ]
        );
        assert_eq!(
            pieces("url: http://x#y", false),
            [(Key, "url"), (Punct, ":")]
        );
        assert_eq!(pieces("", false), []);
        assert_eq!(pieces("\"unterminated", false), [(Str, "\"unterminated")]);
        assert_eq!(
            pieces("가나: 다라 # 주석", false),
            [(Key, "가나"), (Punct, ":"), (Comment, "# 주석")]
        );
    }

    #[test]
    fn block_scalar_lines_are_text() {
        let text = "Description: >-\n  A blog: fast\n\n  and: more\nResources:\n  A:\n    UserData: !Base64 |\n      #!/bin/bash\n      key: value\n    Type: X\n";
        let lines: Vec<&str> = text.split('\n').collect();
        let inside: Vec<usize> = (0..lines.len())
            .filter(|&i| in_block_scalar(|j| lines[j], i))
            .collect();
        assert_eq!(inside, [1, 3, 7, 8]);
    }

    #[test]
    fn tab_and_shift_tab_move_whole_lines() {
        assert_eq!(
            reindent("a: 1\n\n  b: 2", false),
            ("  a: 1\n\n    b: 2".into(), 2)
        );
        assert_eq!(
            reindent("  a: 1\n b\nc\n", true),
            ("a: 1\nb\nc\n".into(), -2)
        );
        assert_eq!(reindent("   x", true), (" x".into(), -2));
        assert_eq!(reindent("", false), (String::new(), 0));
    }
}
