//! YAML text to the value tree: saphyr's event parser gives tags, styles and positions;
//! this module builds nodes from them, turns CloudFormation's tags and one-key
//! mappings into function nodes, enforces the limits, and keeps how each scalar was
//! written. Comments, which the event parser skips, are found in the text afterwards
//! by [`super::comments`].

use std::collections::HashMap;

use saphyr_parser::{
    Event, Marker, Parser, ScalarStyle as SaphyrStyle, ScanError, Span as SSpan, Tag,
};

use super::comments::{self, ScalarExtent};
use super::intrinsic::Func;
use super::limits::{MAX_ALIAS_BYTES, MAX_ALIAS_NODES, MAX_DEPTH};
use super::node::{
    Entry, FuncForm, Intrinsic, KeyMeta, Map, Node, Pos, ScalarStyle, Span, Tagged, Value,
};
use super::scalar::resolve_plain;
use super::source::{Source, indent_of};
use super::{ParseError, warning};
use crate::diagnostic::Diagnostic;

/// What the YAML reader gives back besides the tree.
pub(crate) struct YamlDocument {
    pub root: Node,
    /// `---` opened the document.
    pub explicit_start: bool,
    /// Lines before `---`.
    pub leading: Vec<super::node::Line>,
    pub warnings: Vec<Diagnostic>,
}

pub(crate) fn read(text: &str) -> Result<YamlDocument, ParseError> {
    // saphyr-parser 0.3.4 reads a block scalar ending in a last line of only spaces,
    // with no line break after it, as having one more line; a line break fixes that.
    let padded;
    let last_line = text.rsplit('\n').next().unwrap_or("");
    let text = if !last_line.is_empty() && last_line.trim_matches([' ', '\t']).is_empty() {
        padded = format!("{text}\n");
        padded.as_str()
    } else {
        text
    };
    let source = Source::new(text);
    let mut reader = Reader {
        source: &source,
        parser: Parser::new_from_str(text),
        peeked: None,
        prev_end: Pos::new(1, 1),
        anchors: HashMap::new(),
        expanded: 0,
        expanded_bytes: 0,
        extents: Vec::new(),
        warnings: Vec::new(),
    };
    let mut explicit_start = false;
    let mut start_line = 0;
    let mut root = None;
    loop {
        let (event, span) = reader.next()?;
        match event {
            Event::StreamStart | Event::DocumentEnd | Event::Nothing => {}
            Event::StreamEnd => break,
            Event::DocumentStart(explicit) => {
                if root.is_some() {
                    return Err(ParseError::at(
                        pos(span.start),
                        "a template is one YAML document, but a second one starts here",
                    ));
                }
                explicit_start = explicit;
                if explicit {
                    start_line = span.start.line() as u32;
                }
            }
            event => {
                if root.is_some() {
                    return Err(ParseError::at(
                        pos(span.start),
                        "a template is one YAML document, but a second one starts here",
                    ));
                }
                root = Some(reader.node(event, span, 0)?);
            }
        }
    }
    let Some(mut root) = root else {
        return Err(ParseError::at(Pos::new(1, 1), "the template is empty"));
    };
    if matches!(root.value, Value::Null) && root.span.start == root.span.end {
        return Err(ParseError::at(Pos::new(1, 1), "the template is empty"));
    }
    let leading = comments::attach(&source, &mut root, &reader.extents, start_line);
    let warnings = reader.warnings;
    Ok(YamlDocument {
        root,
        explicit_start,
        leading,
        warnings,
    })
}

fn pos(m: Marker) -> Pos {
    Pos::new(m.line() as u32, m.col() as u32 + 1)
}

fn span(s: SSpan) -> Span {
    Span {
        start: pos(s.start),
        end: pos(s.end),
    }
}

struct Anchored {
    node: Node,
    /// Nodes in the tree, counted once when the anchor is defined, so a reference to it
    /// is charged before anything is copied.
    size: usize,
    /// Bytes of text in the tree, charged likewise: a long string aliased many times
    /// costs memory even in few nodes.
    bytes: usize,
}

struct Reader<'s, 't> {
    source: &'s Source<'t>,
    parser: Parser<'t, saphyr_parser::StrInput<'t>>,
    peeked: Option<(Event<'t>, SSpan)>,
    /// Where the last event ended: a block scalar's header lies between it and the
    /// scalar's content.
    prev_end: Pos,
    anchors: HashMap<usize, Anchored>,
    expanded: usize,
    expanded_bytes: usize,
    extents: Vec<ScalarExtent>,
    warnings: Vec<Diagnostic>,
}

impl<'t> Reader<'_, 't> {
    fn next(&mut self) -> Result<(Event<'t>, SSpan), ParseError> {
        if let Some(peeked) = self.peeked.take() {
            return Ok(peeked);
        }
        match self.parser.next() {
            Some(Ok((event, s))) => Ok((event, s)),
            Some(Err(e)) => Err(scan_error(self.source, &e)),
            None => Err(ParseError::at(
                Pos::new(self.source.line_count() as u32, 1),
                "the template ends in the middle of a value",
            )),
        }
    }

    fn note_end(&mut self, s: SSpan) {
        self.prev_end = pos(s.end);
    }

    fn node(&mut self, event: Event<'t>, s: SSpan, depth: usize) -> Result<Node, ParseError> {
        if depth > MAX_DEPTH {
            return Err(ParseError::at(
                pos(s.start),
                format!("nesting deeper than {MAX_DEPTH} levels; a template never needs so many"),
            ));
        }
        let node = match event {
            Event::Scalar(value, style, anchor, tag) => {
                let node = self.scalar(&value, style, tag.as_deref(), s)?;
                self.note_end(s);
                self.remember(anchor, &node);
                node
            }
            Event::SequenceStart(anchor, tag) => {
                let node = self.sequence(tag.as_deref().cloned(), s, depth)?;
                self.remember(anchor, &node);
                node
            }
            Event::MappingStart(anchor, tag) => {
                let node = self.mapping(tag.as_deref().cloned(), s, depth)?;
                self.remember(anchor, &node);
                node
            }
            Event::Alias(id) => {
                self.note_end(s);
                self.alias(id, s)?
            }
            other => {
                return Err(ParseError::at(
                    pos(s.start),
                    format!("unexpected YAML event {other:?}"),
                ));
            }
        };
        Ok(node)
    }

    fn remember(&mut self, anchor: usize, node: &Node) {
        if anchor > 0 {
            self.anchors.insert(
                anchor,
                Anchored {
                    node: node.clone(),
                    size: count_nodes(node),
                    bytes: count_bytes(node),
                },
            );
        }
    }

    fn alias(&mut self, id: usize, s: SSpan) -> Result<Node, ParseError> {
        let at = pos(s.start);
        let Some(anchored) = self.anchors.get(&id) else {
            return Err(ParseError::at(at, "alias to an anchor that is not defined"));
        };
        self.expanded += anchored.size;
        self.expanded_bytes += anchored.bytes;
        if self.expanded > MAX_ALIAS_NODES || self.expanded_bytes > MAX_ALIAS_BYTES {
            return Err(ParseError::at(
                at,
                format!(
                    "YAML aliases expand to more than {MAX_ALIAS_NODES} values or {} MB of text; refused (a \"billion laughs\" document?)",
                    MAX_ALIAS_BYTES / (1024 * 1024)
                ),
            ));
        }
        let mut node = anchored.node.clone();
        let name = self
            .source
            .slice(at, pos(s.end))
            .trim_start_matches('*')
            .to_string();
        self.warnings.push(warning(
            "FW0002",
            format!(
                "YAML alias *{name}: CloudFormation does not accept aliases, so Formwork writes the value out in full"
            ),
            at,
        ));
        node.span = span(s);
        node.comments = Default::default();
        Ok(node)
    }

    fn scalar(
        &mut self,
        value: &str,
        style: SaphyrStyle,
        tag: Option<&Tag>,
        s: SSpan,
    ) -> Result<Node, ParseError> {
        let mut sp = span(s);
        let scalar_style = match style {
            SaphyrStyle::Plain => ScalarStyle::Plain,
            SaphyrStyle::SingleQuoted => ScalarStyle::SingleQuoted,
            SaphyrStyle::DoubleQuoted => ScalarStyle::DoubleQuoted,
            SaphyrStyle::Literal => ScalarStyle::Literal,
            SaphyrStyle::Folded => ScalarStyle::Folded,
        };
        if matches!(style, SaphyrStyle::SingleQuoted | SaphyrStyle::DoubleQuoted) {
            // The scanner's span runs on over spaces and a comment after the closing
            // quote; end it at the quote.
            let from = self.source.offset(sp.start);
            let rest = &self.source.text[from..];
            let body = skip_properties(rest);
            let skipped = rest.len() - body.len();
            if let Some(len) = quoted_len(body) {
                sp.end = self.source.pos_at(from + skipped + len);
            }
        }
        let block = matches!(scalar_style, ScalarStyle::Literal | ScalarStyle::Folded);
        let raw = if block {
            let (raw, header_line) = self.block_raw(sp, value);
            let content_lines = raw.split('\n').count() as u32 - 1;
            self.extents.push(ScalarExtent {
                span: sp,
                block: Some((header_line + 1, header_line + content_lines)),
            });
            Some(raw)
        } else {
            self.extents.push(ScalarExtent {
                span: sp,
                block: None,
            });
            flow_raw(self.source.slice(sp.start, sp.end))
        };
        let mut node = Node::new(Value::Null);
        node.span = sp;
        node.style.scalar = scalar_style;
        node.style.raw = raw.map(String::into_boxed_str);
        let tag = tag.map(|t| format!("{}{}", t.handle, t.suffix));
        node.value = match tag.as_deref() {
            None if scalar_style == ScalarStyle::Plain => resolve_plain(value),
            None => Value::String(value.to_string()),
            Some(tag) => return Ok(self.tagged(tag, node, value, sp)),
        };
        Ok(node)
    }

    /// A scalar under a tag: a short-form function, a YAML core tag, or a tag
    /// CloudFormation does not define.
    fn tagged(&mut self, tag: &str, mut node: Node, value: &str, sp: Span) -> Node {
        if let Some(core) = tag.strip_prefix("tag:yaml.org,2002:") {
            node.value = match core {
                "str" => Value::String(value.to_string()),
                "null" => Value::Null,
                _ => match resolve_plain(value) {
                    Value::String(_) => Value::String(value.to_string()),
                    other => other,
                },
            };
            node.style.core_tag = Some(format!("!!{core}").into_boxed_str());
            return node;
        }
        node.value = Value::String(value.to_string());
        self.wrap(tag, node, sp)
    }

    /// Puts a tagged node under its function, or keeps an unknown tag as it came.
    fn wrap(&mut self, tag: &str, mut inner: Node, sp: Span) -> Node {
        let span = inner.span;
        if let Some(func) = tag.strip_prefix('!').and_then(Func::from_short) {
            inner.span = content_span(self.source, sp);
            let mut node = Node::new(Value::Fn(Box::new(Intrinsic::new(func, inner))));
            node.span = span;
            node.style.func_form = FuncForm::Short;
            return node;
        }
        self.warnings.push(warning(
            "FW0001",
            format!(
                "unknown tag {tag}: CloudFormation does not define it; Formwork keeps it as written"
            ),
            span.start,
        ));
        inner.span = content_span(self.source, sp);
        let mut node = Node::new(Value::Tagged(Box::new(Tagged {
            tag: tag.to_string(),
            value: inner,
        })));
        node.span = span;
        node
    }

    /// A block scalar's header and its content lines without their indentation, and
    /// the line of the header.
    fn block_raw(&self, sp: Span, value: &str) -> (String, u32) {
        let from = self.source.offset(self.prev_end);
        let after = &self.source.text[from..];
        // The first `|` or `>` after the last token that is not in a comment.
        let mut in_comment = false;
        let at = after
            .char_indices()
            .find(|&(i, c)| {
                let prev_blank = i == 0 || after[..i].ends_with([' ', '\t', '\n']);
                match c {
                    '\n' => in_comment = false,
                    '#' if prev_blank => in_comment = true,
                    _ => {}
                }
                !in_comment
                    && matches!(c, '|' | '>')
                    && (i == 0 || after[..i].ends_with([' ', '\t', ':', '\n', '-']))
            })
            .map_or(0, |(i, _)| i);
        let header: String = after[at..]
            .chars()
            .take_while(|c| matches!(c, '|' | '>' | '+' | '-' | '0'..='9'))
            .collect();
        let keep = header.contains('+');
        let explicit_indent = header.chars().find(char::is_ascii_digit);
        let last_line = self.source.line_count() as u32;
        let header_line = self.source.pos_at(from + at).line;
        let mut lines: Vec<&str> = (header_line + 1..=sp.end.line.min(last_line))
            .map(|l| self.source.line(l))
            .collect();
        // The span ends where the next token starts; that line is not content.
        let end_line = self.source.line(sp.end.line);
        if sp.end.line > header_line
            && !lines.is_empty()
            && (sp.end.col as usize - 1) <= indent_of(end_line)
        {
            lines.pop();
        }
        let first_content = lines
            .iter()
            .copied()
            .find(|l| !l.trim_start_matches(' ').is_empty());
        let content_indent = match (explicit_indent, first_content) {
            // With an indentation indicator the first line starts with spaces that are
            // content: the value says how many.
            (Some(_), Some(line)) => {
                let first_value_line = value
                    .lines()
                    .find(|l| !l.trim_start_matches(' ').is_empty())
                    .unwrap_or("");
                let kept = first_value_line.len() - first_value_line.trim_start_matches(' ').len();
                indent_of(line).saturating_sub(kept)
            }
            (Some(d), None) => {
                indent_of(self.source.line(header_line)) + d.to_digit(10).unwrap_or(0) as usize
            }
            // Only spaces indent: the first line with anything else (a tab is
            // content) sets the indentation, as the YAML reader decides it.
            (None, line) => line.map_or(0, indent_of),
        };
        // Trailing lines of only indentation are line breaks the chomping indicator
        // decides about; a line with more spaces than the indentation is content.
        if !keep {
            while lines
                .last()
                .is_some_and(|l| l.trim_start_matches(' ').is_empty() && l.len() <= content_indent)
            {
                lines.pop();
            }
        }
        let mut raw = header;
        for line in lines {
            raw.push('\n');
            if line.len() > content_indent {
                raw.push_str(&line[content_indent.min(indent_of(line))..]);
            } else {
                raw.push_str(line.trim_start_matches(' '));
            }
        }
        (raw, header_line)
    }

    fn sequence(&mut self, tag: Option<Tag>, s: SSpan, depth: usize) -> Result<Node, ParseError> {
        let start = span(s).start;
        let flow = self.opens_with(start, '[');
        let mut items = Vec::new();
        let end = loop {
            let (event, es) = self.next()?;
            match event {
                Event::SequenceEnd => {
                    self.note_end(es);
                    break pos(es.end);
                }
                event => {
                    let mut item = self.node(event, es, depth + 1)?;
                    if !flow {
                        let line = self.source.line(item.span.start.line);
                        let before: String = line
                            .chars()
                            .take(item.span.start.col as usize - 1)
                            .collect();
                        item.style.dash_alone = before.trim().is_empty();
                    }
                    items.push(item);
                }
            }
        };
        let mut node = Node::seq(items);
        node.style.flow = flow;
        node.span = Span { start, end };
        Ok(match tag {
            Some(tag) => {
                let full = Span { start, end };
                let tag = format!("{}{}", tag.handle, tag.suffix);
                self.wrap_collection(&tag, node, full)
            }
            None => node,
        })
    }

    fn mapping(&mut self, tag: Option<Tag>, s: SSpan, depth: usize) -> Result<Node, ParseError> {
        let start = span(s).start;
        let flow = self.opens_with(start, '{');
        let mut map = Map::new();
        let end = loop {
            let (event, ks) = self.next()?;
            let key = match event {
                Event::MappingEnd => {
                    self.note_end(ks);
                    break pos(ks.end);
                }
                Event::Scalar(key, style, _, _) => {
                    self.note_end(ks);
                    self.extents.push(ScalarExtent {
                        span: span(ks),
                        block: None,
                    });
                    (key.into_owned(), style, span(ks))
                }
                _ => {
                    return Err(ParseError::at(
                        pos(ks.start),
                        "a mapping key must be a plain string, not a list, mapping or alias",
                    ));
                }
            };
            let (name, style, key_span) = key;
            if let Some(first) = map.entry(&name) {
                return Err(ParseError::at(
                    key_span.start,
                    format!(
                        "duplicate key \"{name}\" (first at {}); CloudFormation would keep only one",
                        first.key.span.start
                    ),
                ));
            }
            let (event, vs) = self.next()?;
            let value = self.node(event, vs, depth + 1)?;
            map.entries.insert(
                name,
                Entry {
                    key: KeyMeta {
                        span: key_span,
                        style: match style {
                            SaphyrStyle::SingleQuoted => ScalarStyle::SingleQuoted,
                            SaphyrStyle::DoubleQuoted => ScalarStyle::DoubleQuoted,
                            _ => ScalarStyle::Plain,
                        },
                        comments: Default::default(),
                    },
                    value,
                },
            );
        };
        let full = Span { start, end };
        let mut node = long_form_function(map).unwrap_or_else(Node::map);
        node.style.flow = flow;
        node.span = full;
        Ok(match tag {
            Some(tag) => {
                let tag = format!("{}{}", tag.handle, tag.suffix);
                self.wrap_collection(&tag, node, full)
            }
            None => node,
        })
    }

    fn wrap_collection(&mut self, tag: &str, node: Node, full: Span) -> Node {
        if tag.starts_with("tag:yaml.org,2002:") {
            // `!!map`/`!!seq` say only what the node already is.
            return node;
        }
        self.wrap(tag, node, full)
    }

    /// Whether the collection starting at `start` (perhaps with a tag or anchor first)
    /// is written in flow style.
    fn opens_with(&self, start: Pos, bracket: char) -> bool {
        let rest = &self.source.text[self.source.offset(start)..];
        skip_properties(rest).starts_with(bracket)
    }
}

/// A one-key mapping whose key is a function's long name (`Fn::Join: [...]`, `Ref: X`).
fn long_form_function(mut map: Map) -> Result<Node, Map> {
    if map.len() != 1 {
        return Err(map);
    }
    let Some(func) = map.keys().next().and_then(Func::from_long) else {
        return Err(map);
    };
    let (_, entry) = map.entries.pop().expect("one entry");
    let mut node = Node::new(Value::Fn(Box::new(Intrinsic {
        func,
        arg: entry.value,
        key: entry.key,
    })));
    node.style.func_form = FuncForm::Long;
    Ok(node)
}

/// Skips a node's tag and anchor (`!Sub &a `) to where its content starts.
fn skip_properties(mut text: &str) -> &str {
    loop {
        let trimmed = text.trim_start_matches([' ', '\t', '\r', '\n']);
        if trimmed.starts_with('!') || trimmed.starts_with('&') {
            let end = trimmed
                .find([' ', '\t', '\r', '\n'])
                .unwrap_or(trimmed.len());
            text = &trimmed[end..];
        } else {
            return trimmed;
        }
    }
}

/// The span of a tagged node's content, without the tag.
fn content_span(source: &Source, sp: Span) -> Span {
    let text = source.slice(sp.start, sp.end);
    let skipped = text.len() - skip_properties(text).len();
    let start = source.pos_at(source.offset(sp.start) + skipped);
    Span { start, end: sp.end }
}

/// The length in bytes of the quoted scalar at the start of `text`, quotes included.
fn quoted_len(text: &str) -> Option<usize> {
    let quote = text.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    let mut chars = text.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' if quote == '"' => {
                chars.next();
            }
            '\'' if quote == '\'' => {
                if chars.peek().is_some_and(|&(_, n)| n == '\'') {
                    chars.next();
                } else {
                    return Some(i + 1);
                }
            }
            '"' if quote == '"' => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// A flow scalar's text as written, without its tag or anchor; continuation lines lose
/// their indentation, which YAML ignores in flow scalars.
fn flow_raw(text: &str) -> Option<String> {
    let text = skip_properties(text);
    if !text.contains('\n') {
        return Some(text.to_string());
    }
    let mut lines = text.lines();
    let mut raw = lines
        .next()
        .unwrap_or("")
        .trim_end_matches([' ', '\t'])
        .to_string();
    for line in lines {
        raw.push('\n');
        raw.push_str(line.trim_matches([' ', '\t']));
    }
    Some(raw)
}

fn count_bytes(node: &Node) -> usize {
    let mut n = 0;
    node.walk(&mut |_, x| {
        if let Value::String(s) = &x.value {
            n += s.len();
        }
    });
    n
}

fn count_nodes(node: &Node) -> usize {
    let mut n = 0;
    node.walk(&mut |_, _| n += 1);
    n
}

/// A friendlier message for the scanner's errors, with the line and column.
fn scan_error(source: &Source, e: &ScanError) -> ParseError {
    let m = e.marker();
    let at = Pos::new(m.line() as u32, m.col() as u32 + 1);
    let line = source.line(at.line);
    let info = e.info();
    let message = if line.contains(" !") && double_tag(line) {
        "a value can carry only one tag: write the outer function in long form, e.g. `Fn::Base64: !Sub ...`"
    } else if line.trim_start_matches(' ').starts_with('\t') {
        "tabs cannot indent YAML; use spaces"
    } else if info.contains("did not find expected key") {
        "this line is indented wrongly: keys of one mapping must start in the same column"
    } else if info.contains("quoted scalar") && info.contains("end of stream") {
        "this quoted string is never closed"
    } else if info.contains("unknown anchor") {
        "this alias (*name) refers to no anchor (&name) defined before it"
    } else if info.contains("flow mapping") {
        "this `{...}` is never closed: expected `,` or `}`"
    } else if info.contains("flow sequence") {
        "this `[...]` is never closed: expected `,` or `]`"
    } else if info.contains("mapping values are not allowed") {
        "a `: ` inside a plain value starts a mapping here; quote the value"
    } else {
        info
    };
    ParseError::at(at, message)
}

/// `!Base64 !Sub ...` on one line: two tags on one node.
fn double_tag(line: &str) -> bool {
    let mut words = line.split_whitespace().skip_while(|w| !w.starts_with('!'));
    matches!((words.next(), words.next()), (Some(a), Some(b)) if a.starts_with('!') && b.starts_with('!'))
}
