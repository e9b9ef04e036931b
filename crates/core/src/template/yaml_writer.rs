//! The value tree to YAML text: two-space block style, CloudFormation's short-form
//! tags, comments where they were, and every unedited scalar exactly as it was written.
//! A string is quoted whenever a YAML 1.1 reader (PyYAML, so cfn-lint) could read it as
//! another type.

use super::intrinsic::Func;
use super::node::{Comments, FuncForm, Line, Map, Node, Number, ScalarStyle, Value};
use super::scalar::{
    double_quoted, plain_is_safe, plain_syntax_ok, resolve_plain, single_quote_is_safe,
    single_quoted,
};

const INDENT: usize = 2;

pub(crate) fn write(root: &Node, leading: &[Line], explicit_start: bool) -> String {
    let mut w = Writer {
        out: String::with_capacity(4096),
        block_floor: None,
        after_keep: false,
    };
    w.lines(leading, 0);
    if explicit_start {
        w.out.push_str("---\n");
    }
    match &root.value {
        Value::Map(map) if !map.is_empty() => {
            w.lines(&root.comments.before, 0);
            w.entries(map, 0);
            w.lines(&map.end, 0);
        }
        Value::Map(map) => {
            w.lines(&root.comments.before, 0);
            w.out.push_str("{}\n");
            w.lines(&map.end, 0);
        }
        _ => {
            w.lines(&root.comments.before, 0);
            let text = w.flow(root);
            w.out.push_str(&text);
            w.out.push('\n');
        }
    }
    w.out
}

struct Writer {
    out: String,
    /// The content column of a block scalar just written: a comment line at or right
    /// of it would read as part of the scalar, so comments stay left of it.
    block_floor: Option<usize>,
    /// That block scalar keeps its trailing line breaks (`|+`): a blank line after it
    /// would become part of it, so none is written until the next element.
    after_keep: bool,
}

impl Writer {
    fn pad(&mut self, n: usize) {
        self.out.extend(std::iter::repeat_n(' ', n));
    }

    fn lines(&mut self, lines: &[Line], indent: usize) {
        for line in lines {
            match line {
                Line::Blank if self.after_keep => {}
                Line::Blank => self.out.push('\n'),
                Line::Comment(c) => {
                    let mut col = (indent as i64 + c.offset as i64).max(0) as usize;
                    if let Some(floor) = self.block_floor {
                        col = col.min(floor.saturating_sub(1));
                    }
                    self.pad(col);
                    self.out.push_str(&c.text);
                    self.out.push('\n');
                }
            }
        }
    }

    /// A block mapping's entries at `indent`.
    fn entries(&mut self, map: &Map, indent: usize) {
        self.entries_from(map, indent, None);
    }

    /// A block mapping's entries; with `inline_first`, the first key goes on the current
    /// line (after `- `), its comment lines having been written before the `-`, and the
    /// given end comment applies to it when it has none of its own.
    fn entries_from(&mut self, map: &Map, indent: usize, inline_first: Option<Option<&str>>) {
        for (i, (key, entry)) in map.entries.iter().enumerate() {
            let mut trailing = entry.key.comments.trailing.as_deref();
            match inline_first {
                Some(item_trailing) if i == 0 => trailing = trailing.or(item_trailing),
                _ => {
                    self.lines(&entry.key.comments.before, indent);
                    self.block_floor = None;
                    self.after_keep = false;
                    self.pad(indent);
                }
            }
            let text = key_text(key, entry.key.style, entry.key.span.start.is_known(), false);
            if text.chars().count() > MAX_IMPLICIT_KEY {
                self.out.push_str("? ");
                self.out.push_str(&text);
                self.out.push('\n');
                self.pad(indent);
            } else {
                self.out.push_str(&text);
            }
            self.out.push(':');
            self.value(&entry.value, indent, trailing);
        }
    }

    /// A value after `key:` at `indent`, through to the end of its last line.
    fn value(&mut self, node: &Node, indent: usize, trailing: Option<&str>) {
        let child = indent + INDENT;
        if self.block_collection(node, child, trailing) {
            return;
        }
        match &node.value {
            Value::Fn(f) if f.func_form_is_block(node) => {
                self.end_line(trailing);
                self.long_form(f, &f.key.comments.before, child);
            }
            _ => self.on_this_line(node, indent, trailing),
        }
    }

    /// A value that starts on the current line: a function in flow long form, a tag,
    /// a scalar or a flow collection.
    fn on_this_line(&mut self, node: &Node, indent: usize, trailing: Option<&str>) {
        let child = indent + INDENT;
        match &node.value {
            Value::Fn(_) if node.style.func_form == FuncForm::Long => {
                let text = self.flow(node);
                self.out.push(' ');
                self.push_multiline(&text, child, trailing);
            }
            Value::Fn(_) | Value::Tagged(_) => self.tagged(node, indent, trailing),
            _ => {
                let text = self.scalar_or_flow(node, false);
                if !text.is_empty() {
                    self.out.push(' ');
                }
                self.push_multiline(&text, child, trailing);
            }
        }
    }

    /// A short-form function or unknown tag, with its argument on the same line when
    /// it fits there, below otherwise.
    fn tagged(&mut self, node: &Node, indent: usize, trailing: Option<&str>) {
        let (tag, arg) = match &node.value {
            Value::Fn(f) => (format!("!{}", f.func.short_name()), &f.arg),
            Value::Tagged(t) => (tag_text(&t.tag), &t.value),
            _ => unreachable!("tagged() takes functions and tags"),
        };
        let child = indent + INDENT;
        self.out.push(' ');
        self.out.push_str(&tag);
        if self.block_collection(arg, child, trailing) {
            return;
        }
        match &arg.value {
            // One node carries one tag: a function directly inside a short-form
            // function is written in long form, below it.
            Value::Fn(inner) if !self.flows(arg) || inner_needs_long(arg) => {
                self.end_line(trailing);
                self.long_form(inner, &arg.comments.before, child);
            }
            _ => {
                let text = self.scalar_or_flow(arg, true);
                if !text.is_empty() {
                    self.out.push(' ');
                }
                self.push_multiline(&text, child, trailing);
            }
        }
    }

    /// A non-empty mapping or list in block style, below the current line, at `child`;
    /// `false` (and nothing written) for anything else.
    fn block_collection(&mut self, node: &Node, child: usize, trailing: Option<&str>) -> bool {
        match &node.value {
            Value::Map(map) if !map.is_empty() && !self.flows(node) => {
                self.end_line(trailing);
                self.entries(map, child);
                self.lines(&map.end, child);
            }
            Value::Seq(seq) if !seq.items.is_empty() && !self.flows(node) => {
                self.end_line(trailing);
                self.items(&seq.items, child);
                self.lines(&seq.end, child);
            }
            _ => return false,
        }
        true
    }

    /// A function as a one-key mapping, `Fn::X: argument`, on a new line at `indent`.
    fn long_form(&mut self, f: &super::node::Intrinsic, before: &[Line], indent: usize) {
        self.lines(before, indent);
        self.pad(indent);
        self.out.push_str(f.func.long_name());
        self.out.push(':');
        self.value(&f.arg, indent, f.key.comments.trailing.as_deref());
    }

    /// Block sequence items at `indent`.
    fn items(&mut self, items: &[Node], indent: usize) {
        for item in items {
            self.lines(&item.comments.before, indent);
            // The comment lines of what shares the `-` line go above it, in line with
            // the `-`: deeper, they would read as closing the list before.
            if !item.style.dash_alone {
                let mut shared = Vec::new();
                self.shared_line_comments(item, &mut shared);
                for lines in shared {
                    self.lines(lines, indent);
                }
            }
            self.block_floor = None;
            self.after_keep = false;
            self.pad(indent);
            self.out.push('-');
            match &item.value {
                Value::Map(map)
                    if item.style.dash_alone && !map.is_empty() && !self.flows(item) =>
                {
                    self.end_line(item.comments.trailing.as_deref());
                    self.entries(map, indent + INDENT);
                    self.lines(&map.end, indent + INDENT);
                }
                _ => self.item(item, indent, item.comments.trailing.as_deref()),
            }
        }
    }

    /// The comment lines of the elements that begin on a list item's `-` line: its
    /// first key, or its first nested item, and theirs in turn.
    fn shared_line_comments<'n>(&self, node: &'n Node, out: &mut Vec<&'n [Line]>) {
        match &node.value {
            Value::Map(map) if !map.is_empty() && !self.flows(node) => {
                let first = &map.entries[0];
                out.push(&first.key.comments.before);
            }
            Value::Seq(seq) if !seq.items.is_empty() && !self.flows(node) => {
                let first = &seq.items[0];
                out.push(&first.comments.before);
                self.shared_line_comments(first, out);
            }
            Value::Fn(f) if f.func_form_is_block(node) => out.push(&f.key.comments.before),
            _ => {}
        }
    }

    /// What follows `-` in a block sequence item at `indent`.
    fn item(&mut self, node: &Node, indent: usize, trailing: Option<&str>) {
        let child = indent + INDENT;
        match &node.value {
            Value::Map(map) if !map.is_empty() && !self.flows(node) => {
                self.out.push(' ');
                self.entries_from(map, child, Some(trailing));
                self.lines(&map.end, child);
            }
            Value::Seq(seq) if !seq.items.is_empty() && !self.flows(node) => {
                self.out.push(' ');
                let first = &seq.items[0];
                self.out.push('-');
                self.item(
                    first,
                    child,
                    first.comments.trailing.as_deref().or(trailing),
                );
                self.items(&seq.items[1..], child);
                self.lines(&seq.end, child);
            }
            Value::Fn(f) if f.func_form_is_block(node) => {
                self.out.push(' ');
                self.out.push_str(f.func.long_name());
                self.out.push(':');
                let trailing = f.key.comments.trailing.as_deref().or(trailing);
                self.value(&f.arg, child, trailing);
            }
            _ => self.on_this_line(node, indent, trailing),
        }
    }

    fn end_line(&mut self, trailing: Option<&str>) {
        if let Some(t) = trailing {
            self.out.push_str(t);
        }
        self.out.push('\n');
    }

    /// Writes text that may span lines: its first line here, with the end comment, and
    /// the following lines at `indent` (empty lines stay empty).
    fn push_multiline(&mut self, text: &str, indent: usize, trailing: Option<&str>) {
        let mut lines = text.split('\n');
        let first = lines.next().unwrap_or("");
        // A block scalar's first line is its header, after a core tag if any.
        let header = match first.strip_prefix("!!") {
            Some(tagged) => tagged.split_once(' ').map_or("", |(_, h)| h),
            None => first,
        };
        let block = text.contains('\n') && is_block_header(header);
        if text.contains('\n')
            && !block
            && let Some(t) = trailing
        {
            // A comment cannot end the first line of a scalar that goes on: it stays on
            // the key's line, and the value starts below.
            if self.out.ends_with(' ') {
                self.out.pop();
            }
            self.out.push_str(t);
            self.out.push('\n');
            self.pad(indent);
            self.out.push_str(first);
        } else if block {
            // The indentation indicator counts from the parent's indentation, and the
            // content goes `INDENT` deeper than that here.
            let prefix = &first[..first.len() - header.len()];
            self.out.push_str(prefix);
            self.out
                .push_str(&header.replace(|c: char| c.is_ascii_digit(), &INDENT.to_string()));
            if let Some(t) = trailing {
                self.out.push_str(t);
            }
        } else {
            self.out.push_str(first);
            if let Some(t) = trailing {
                self.out.push_str(t);
            }
        }
        self.out.push('\n');
        for line in lines {
            if !line.is_empty() {
                self.pad(indent);
                self.out.push_str(line);
            }
            self.out.push('\n');
        }
        if block {
            self.block_floor = Some(indent);
            self.after_keep = header.contains('+');
        }
    }

    /// Whether a collection is written on one line: it was written so, and nothing
    /// inside it has a comment that a single line would lose.
    fn flows(&self, node: &Node) -> bool {
        node.style.flow && !has_comments_inside(node) && !has_long_keys(node)
    }

    /// A scalar, or a collection in flow style, as one piece of text (block scalars
    /// and multi-line scalars carry their following lines after `\n`).
    fn scalar_or_flow(&self, node: &Node, tagged: bool) -> String {
        match &node.value {
            Value::Map(_) | Value::Seq(_) | Value::Fn(_) | Value::Tagged(_) => self.flow(node),
            _ => scalar_text(node, false, tagged),
        }
    }

    /// A node in flow style on one line.
    fn flow(&self, node: &Node) -> String {
        self.flow_inner(node, false)
    }

    fn flow_inner(&self, node: &Node, tagged: bool) -> String {
        match &node.value {
            Value::Seq(seq) => {
                let items: Vec<String> = seq.items.iter().map(|i| self.flow(i)).collect();
                format!("[{}]", items.join(", "))
            }
            Value::Map(map) => {
                let entries: Vec<String> = map
                    .entries
                    .iter()
                    .map(|(k, e)| {
                        format!(
                            "{}: {}",
                            key_text(k, e.key.style, e.key.span.start.is_known(), true),
                            self.flow(&e.value)
                        )
                    })
                    .collect();
                format!("{{{}}}", entries.join(", "))
            }
            Value::Fn(f) => {
                if node.style.func_form == FuncForm::Short
                    && !matches!(f.arg.value, Value::Fn(_))
                    && fits_under_tag(&f.arg)
                {
                    if f.arg.style.raw.as_deref() == Some("") && f.arg.as_str() == Some("") {
                        // `!GetAZs` with nothing after it, as written.
                        return format!("!{}", f.func.short_name());
                    }
                    let arg = self.flow_inner(&f.arg, true);
                    if arg.is_empty() {
                        format!("!{} ''", f.func.short_name())
                    } else {
                        format!("!{} {}", f.func.short_name(), arg)
                    }
                } else {
                    format!("{{{}: {}}}", f.func.long_name(), self.flow(&f.arg))
                }
            }
            Value::Tagged(t) => format!("{} {}", tag_text(&t.tag), self.flow_inner(&t.value, true)),
            _ => scalar_text(node, true, tagged),
        }
    }
}

impl super::node::Intrinsic {
    /// Whether this function is written as a block `Fn::X:` mapping rather than a tag:
    /// as it was written, or because its argument cannot follow a tag.
    fn func_form_is_block(&self, node: &Node) -> bool {
        (node.style.func_form == FuncForm::Long || !fits_under_tag(&self.arg)) && !node.style.flow
    }
}

/// Whether a value keeps its data under a tag: a tag makes a scalar a string, so
/// `!Ref 5` would read back as "5", and a node carries only one tag.
fn fits_under_tag(arg: &Node) -> bool {
    matches!(
        arg.value,
        Value::String(_) | Value::Seq(_) | Value::Map(_) | Value::Fn(_)
    )
}

/// A tag as YAML text: characters a tag cannot hold as they are (`%00` decoded to a
/// NUL when read, spaces, flow indicators) written `%XX`-escaped again.
fn tag_text(tag: &str) -> String {
    if !tag.starts_with('!') {
        // A verbatim tag, `!<tag:example.com,2000:x>`.
        return format!("!<{}>", tag.replace('>', "%3E"));
    }
    let mut out = String::with_capacity(tag.len());
    for (i, c) in tag.char_indices() {
        let plain = c.is_ascii_alphanumeric()
            || "-#;/?:@&=+$_.~*'()".contains(c)
            || (c == '!' && (i == 0 || tag[..i].chars().all(|p| p == '!')));
        if plain {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// `|`, `>-`, `|2+`: the header of a block scalar.
fn is_block_header(text: &str) -> bool {
    let mut chars = text.chars();
    matches!(chars.next(), Some('|' | '>'))
        && chars.all(|c| c == '+' || c == '-' || c.is_ascii_digit())
}

/// A function argument that is itself a short-form function cannot share its line
/// with the outer tag.
fn inner_needs_long(arg: &Node) -> bool {
    matches!(arg.value, Value::Fn(_)) && arg.style.func_form == FuncForm::Short
}

fn has_comments_inside(node: &Node) -> bool {
    let mut found = false;
    node.walk(&mut |_, n| {
        found |= has_comment_lines(&n.comments);
        match &n.value {
            Value::Map(m) => {
                found |= !m.end.is_empty()
                    || m.entries
                        .values()
                        .any(|e| has_comment_lines(&e.key.comments));
            }
            Value::Seq(s) => found |= !s.end.is_empty(),
            Value::Fn(f) => found |= has_comment_lines(&f.key.comments),
            _ => {}
        }
    });
    found
}

/// Keys too long for YAML's implicit form, which flow style has no room for.
fn has_long_keys(node: &Node) -> bool {
    let mut found = false;
    node.walk(&mut |_, n| {
        if let Value::Map(m) = &n.value {
            found |= m.keys().any(|k| k.chars().count() > MAX_IMPLICIT_KEY / 2);
        }
    });
    found
}

/// Comments, or blank lines, which a collection written on one line would lose.
fn has_comment_lines(c: &Comments) -> bool {
    c.trailing.is_some() || !c.before.is_empty()
}

/// A key as YAML text. A key read plain stays plain (`80:`, `Yes:`): it was read back
/// as this very text, whatever type a reader would give a value spelt so.
fn key_text(key: &str, style: ScalarStyle, from_source: bool, flow: bool) -> String {
    match style {
        ScalarStyle::SingleQuoted if single_quote_is_safe(key) => single_quoted(key),
        ScalarStyle::DoubleQuoted => double_quoted(key),
        ScalarStyle::Plain if from_source && plain_syntax_ok(key, flow) => key.to_string(),
        _ if plain_is_safe(key, flow) => key.to_string(),
        _ if single_quote_is_safe(key) => single_quoted(key),
        _ => double_quoted(key),
    }
}

/// YAML's longest implicit key; a longer one takes the explicit `? key` form.
const MAX_IMPLICIT_KEY: usize = 1024;

/// A scalar as YAML text: as written when it was read from text and still fits where
/// it goes, in the canonical form otherwise.
fn scalar_text(node: &Node, in_flow: bool, tagged: bool) -> String {
    let tag = node
        .style
        .core_tag
        .as_deref()
        .map(|t| format!("{} ", tag_text(t)))
        .unwrap_or_default();
    if let Some(raw) = node.style.raw.as_deref()
        && raw_fits(node, raw, in_flow, tagged)
    {
        return format!("{tag}{raw}");
    }
    match &node.value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => yaml_number(n),
        Value::String(s) => match node.style.scalar {
            // A string edited in place keeps the quotes it was written with.
            ScalarStyle::SingleQuoted if single_quote_is_safe(s) && !s.contains('\n') => {
                single_quoted(s)
            }
            ScalarStyle::DoubleQuoted => double_quoted(s),
            _ => string_text(s, in_flow),
        },
        _ => unreachable!("scalar_text takes scalars"),
    }
}

/// Whether the source text of a scalar can be written back where it now goes.
/// `tagged`: the scalar is a function's argument, which a tag makes a string.
fn raw_fits(node: &Node, raw: &str, in_flow: bool, tagged: bool) -> bool {
    // Characters YAML cannot print stand only escaped, in double quotes, which the
    // canonical form takes care of; some readers pass them through raw.
    if raw
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return false;
    }
    match node.style.scalar {
        // A block scalar without content takes its indentation from what follows, so
        // it cannot be moved safely.
        ScalarStyle::Literal | ScalarStyle::Folded => {
            !in_flow && raw.lines().skip(1).any(|l| !l.trim().is_empty())
        }
        ScalarStyle::Plain => {
            // A plain scalar means what the YAML 1.1 rules say; check it still does.
            let means_same = node.style.core_tag.is_some()
                || if tagged {
                    node.as_str() == Some(&raw.replace('\n', " "))
                } else {
                    resolve_plain(raw) == node.value
                };
            let first_line = raw.split('\n').next().unwrap_or("");
            let syntax_ok = if raw.is_empty() {
                // `Key:` with nothing after it; in `[...]` nothing is no item.
                !in_flow
            } else {
                plain_syntax_ok(first_line, in_flow) && !(in_flow && raw.contains('\n'))
            };
            means_same && syntax_ok
        }
        ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => !(in_flow && raw.contains('\n')),
    }
}

/// A number in a form YAML 1.1 reads back as that number (`1e3` would be a string).
fn yaml_number(n: &Number) -> String {
    let text = n.as_str();
    if let Value::Number(back) = resolve_plain(text)
        && back == *n
    {
        return text.to_string();
    }
    match n.as_f64() {
        Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
        Some(f) => {
            let e = format!("{f:e}");
            let (mantissa, exp) = e.split_once('e').unwrap_or((&e, "0"));
            let mantissa = if mantissa.contains('.') {
                mantissa.to_string()
            } else {
                format!("{mantissa}.0")
            };
            let exp = if exp.starts_with('-') {
                exp.to_string()
            } else {
                format!("+{exp}")
            };
            format!("{mantissa}e{exp}")
        }
        None => double_quoted(text),
    }
}

/// A string in the plainest form that reads back as the same string.
fn string_text(s: &str, in_flow: bool) -> String {
    if plain_is_safe(s, in_flow) {
        return s.to_string();
    }
    if !in_flow && let Some(block) = literal_block(s) {
        return block;
    }
    if single_quote_is_safe(s) && !s.contains('\n') {
        return single_quoted(s);
    }
    double_quoted(s)
}

/// A multi-line string as a literal block (`|`), the way people write scripts and
/// policies in templates; `None` when a block cannot hold it exactly.
fn literal_block(s: &str) -> Option<String> {
    if !s.contains('\n') || s.trim().is_empty() {
        return None;
    }
    if s.chars().any(|c| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}' | '\u{85}')
    }) {
        return None;
    }
    // Trailing spaces on a line and a line of only spaces are kept by a literal block,
    // but lines of only spaces before the first content would change its indentation.
    let body = s.trim_end_matches('\n');
    let trailing_newlines = s.len() - body.len();
    if body.split('\n').next().is_some_and(|l| l.trim().is_empty()) {
        return None;
    }
    let chomp = match trailing_newlines {
        0 => "-",
        1 => "",
        _ => "+",
    };
    let indicator = if body.starts_with(' ') { "2" } else { "" };
    let mut out = format!("|{indicator}{chomp}");
    for line in body.split('\n') {
        out.push('\n');
        out.push_str(line);
    }
    for _ in 1..trailing_newlines {
        out.push('\n');
    }
    Some(out)
}

/// Turns long-form functions into short-form tags where YAML allows it, and keeps
/// flow style only for short lists, as people write YAML by hand (used when converting
/// JSON, which has only the long form and whose one-line objects are no style choice).
pub fn prefer_short_forms(node: &mut Node) {
    prefer_short(node, false);
}

fn prefer_short(node: &mut Node, inside_short_fn: bool) {
    node.style.flow = match &node.value {
        Value::Seq(seq) => node.style.flow && seq.items.iter().all(is_short_scalar),
        _ => false,
    };
    match &mut node.value {
        Value::Fn(f) => {
            // A null or number cannot follow a tag (`!GetAZs` alone reads as "").
            let short = !inside_short_fn && fits_under_tag(&f.arg);
            if short {
                node.style.func_form = FuncForm::Short;
                if f.func == Func::GetAtt
                    && let Some([res, att]) = f.arg.as_seq()
                    && let (Some(r), Some(a)) = (res.as_str(), att.as_str())
                {
                    f.arg = Node::string(format!("{r}.{a}"));
                }
            }
            prefer_short(&mut f.arg, short);
        }
        Value::Map(m) => m
            .entries
            .values_mut()
            .for_each(|e| prefer_short(&mut e.value, false)),
        Value::Seq(s) => s.items.iter_mut().for_each(|i| prefer_short(i, false)),
        Value::Tagged(t) => prefer_short(&mut t.value, true),
        _ => {}
    }
}

/// A scalar, or a short-form function of one, that reads well inside `[...]`.
fn is_short_scalar(node: &Node) -> bool {
    match &node.value {
        Value::String(s) => !s.contains('\n') && s.len() <= 60,
        Value::Seq(_) | Value::Map(_) | Value::Tagged(_) => false,
        Value::Fn(f) => f.func.takes_scalar() || f.func == Func::GetAtt,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_back_as_numbers() {
        assert_eq!(yaml_number(&Number::parse("1e3").unwrap()), "1000");
        assert_eq!(yaml_number(&Number::parse("1.5e300").unwrap()), "1.5e+300");
        assert_eq!(yaml_number(&Number::parse("2.5").unwrap()), "2.5");
        assert_eq!(yaml_number(&Number::parse("-7").unwrap()), "-7");
    }

    #[test]
    fn literal_blocks_keep_newlines_exactly() {
        assert_eq!(literal_block("a\nb\n").unwrap(), "|\na\nb");
        assert_eq!(literal_block("a\nb").unwrap(), "|-\na\nb");
        assert_eq!(literal_block("a\nb\n\n").unwrap(), "|+\na\nb\n");
        assert_eq!(literal_block("  a\nb\n").unwrap(), "|2\n  a\nb");
        assert!(literal_block("one line").is_none());
        assert!(literal_block("\n\n").is_none());
    }

    #[test]
    fn strings_get_the_plainest_safe_form() {
        assert_eq!(string_text("web", false), "web");
        assert_eq!(string_text("yes", false), "'yes'");
        assert_eq!(string_text("it's: here", false), "'it''s: here'");
        assert_eq!(string_text("a,b", true), "'a,b'");
        assert_eq!(string_text("tab\there: x", false), "'tab\there: x'");
        assert_eq!(string_text("bell\u{7}", false), "\"bell\\u0007\"");
    }
}
