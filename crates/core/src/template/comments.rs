//! Finds the comments and blank lines of a YAML text and attaches each to the element
//! it belongs to, so they survive an edit and a rewrite.
//!
//! The rules, in the order a reader of the file would apply them:
//! - lines of comments and blank lines belong to the element that follows them;
//! - unless they are indented deeper than that element: then they close the collection
//!   that ends before it (`# - third item, disabled` under a list stays under the list);
//! - a comment at the end of a line belongs to the innermost element starting on that
//!   line in block style (`- Key: value # why` belongs to `Key`);
//! - lines inside a block scalar are its content, never comments.

use super::node::{Comment, Comments, Line, Node, Pos, Span, Value};
use super::source::{Source, indent_of};

/// Where a scalar lies in the text, so `#` inside it is not taken for a comment.
pub(crate) struct ScalarExtent {
    pub span: Span,
    /// For a block scalar, its content lines (the header line excluded), which are
    /// content whatever they look like.
    pub block: Option<(u32, u32)>,
}

enum Free {
    Blank,
    /// Column (1-based) and text from the `#`.
    Comment(u32, String),
}

struct FreeLine {
    line: u32,
    kind: Free,
}

struct Trail {
    line: u32,
    text: String,
    used: bool,
}

/// Attaches comments throughout `root`; returns the lines before the `---` on
/// `doc_start_line` (0 when the document has no `---`).
pub(crate) fn attach(
    source: &Source,
    root: &mut Node,
    extents: &[ScalarExtent],
    doc_start_line: u32,
) -> Vec<Line> {
    let (free, trails) = classify(source, extents);
    let mut a = Attacher {
        source,
        free,
        cursor: 0,
        trails,
        trail_cursor: 0,
    };
    let leading = if doc_start_line > 0 {
        a.take_before(doc_start_line, 1)
    } else {
        Vec::new()
    };
    a.node(root, false);
    if let Value::Map(map) = &mut root.value {
        let col = map.entries.first().map_or(1, |(_, e)| e.key.span.start.col);
        let rest = a.take_before(u32::MAX, col);
        map.end.extend(rest);
    }
    leading
}

/// Splits the lines into free lines (blank or only a comment) and comments at the end
/// of content lines.
fn classify(source: &Source, extents: &[ScalarExtent]) -> (Vec<FreeLine>, Vec<Trail>) {
    // The empty "line" after a final line break is not a line of the file.
    let lines = source.line_count() - usize::from(source.text.ends_with('\n'));
    // Per line: `None` free to classify, `Some(ranges)` content with the character
    // ranges that scalars cover (`u32::MAX` = to the end of the line).
    let mut masked: Vec<Option<Vec<(u32, u32)>>> = vec![None; lines + 2];
    let mut whole = vec![false; lines + 2];
    let last = lines as u32 + 1;
    let mut mask = |line: u32, range: (u32, u32)| {
        if line <= last {
            masked[line as usize]
                .get_or_insert_with(Vec::new)
                .push(range);
        }
    };
    for e in extents {
        if let Some((first, last_line)) = e.block {
            for l in first..=last_line.min(lines as u32) {
                whole[l as usize] = true;
            }
        }
        let (s, t) = (e.span.start, e.span.end);
        if s.line == t.line {
            if s.col != t.col {
                mask(s.line, (s.col - 1, t.col - 1));
            }
        } else if e.block.is_none() {
            mask(s.line, (s.col - 1, u32::MAX));
            for l in s.line + 1..t.line.min(last + 1) {
                whole[l as usize] = true;
            }
            mask(t.line, (0, t.col - 1));
        }
    }
    let mut free = Vec::new();
    let mut trails = Vec::new();
    for l in 1..=lines as u32 {
        if whole[l as usize] {
            continue;
        }
        let text = source.line(l);
        let trimmed = text.trim_start_matches([' ', '\t']);
        if masked[l as usize].is_none() {
            if trimmed.is_empty() {
                free.push(FreeLine {
                    line: l,
                    kind: Free::Blank,
                });
                continue;
            }
            if trimmed.starts_with('#') {
                let col = text[..text.len() - trimmed.len()].chars().count() as u32 + 1;
                free.push(FreeLine {
                    line: l,
                    kind: Free::Comment(col, trimmed.trim_end_matches([' ', '\t']).to_string()),
                });
                continue;
            }
        }
        if let Some(at) = trailing_hash(text, masked[l as usize].as_deref().unwrap_or(&[])) {
            let content_end = text[..at].trim_end_matches([' ', '\t']).len();
            trails.push(Trail {
                line: l,
                text: text[content_end..]
                    .trim_end_matches([' ', '\t'])
                    .to_string(),
                used: false,
            });
        }
    }
    (free, trails)
}

/// The byte offset of a `#` that starts a comment: after white space and outside every
/// scalar on the line. Only the `#`s are tested, each against the line's scalar ranges
/// (sorted by start) by binary search, so a one-line JSON file of a megabyte is as quick
/// as a short line.
fn trailing_hash(text: &str, ranges: &[(u32, u32)]) -> Option<usize> {
    let mut ranges: Vec<(u32, u32)> = ranges.to_vec();
    ranges.sort_unstable();
    let mut col = 0u32;
    let mut from = 0;
    for (at, _) in text.match_indices('#') {
        col += text[from..at].chars().count() as u32;
        from = at;
        let after_blank = at == 0 || text[..at].ends_with([' ', '\t']);
        // Scalars on a line do not overlap: only the last one starting at or before
        // the `#` can hold it.
        let i = ranges.partition_point(|&(start, _)| start <= col);
        let inside = i > 0 && col < ranges[i - 1].1;
        if after_blank && !inside {
            return Some(at);
        }
    }
    None
}

struct Attacher<'s, 't> {
    source: &'s Source<'t>,
    free: Vec<FreeLine>,
    cursor: usize,
    trails: Vec<Trail>,
    trail_cursor: usize,
}

impl Attacher<'_, '_> {
    /// The free lines and unclaimed end-of-line comments before `line`, with columns
    /// made relative to the element's column `col`.
    fn take_before(&mut self, line: u32, col: u32) -> Vec<Line> {
        let mut out: Vec<(u32, Line)> = Vec::new();
        while let Some(f) = self.free.get(self.cursor).filter(|f| f.line < line) {
            out.push((f.line, to_line(&f.kind, col)));
            self.cursor += 1;
        }
        while let Some(t) = self.trails.get(self.trail_cursor).filter(|t| t.line < line) {
            if !t.used {
                out.push((
                    t.line,
                    Line::Comment(Comment {
                        text: t.text.trim_start().to_string(),
                        offset: 0,
                    }),
                ));
            }
            self.trail_cursor += 1;
        }
        out.sort_by_key(|(l, _)| *l);
        out.into_iter().map(|(_, l)| l).collect()
    }

    /// The comment at the end of `line`, if nobody has it yet.
    fn take_trailing(&mut self, line: u32) -> Option<String> {
        let i = self.trail_cursor
            + self.trails[self.trail_cursor..]
                .iter()
                .position(|t| t.line >= line)?;
        let t = &mut self.trails[i];
        (t.line == line && !t.used).then(|| {
            t.used = true;
            t.text.clone()
        })
    }

    /// The free lines right after a block collection, before `end_line` where the next
    /// token starts, that are indented at least as far as its items: they close it.
    fn take_end(&mut self, item_col: u32, end_line: u32) -> Vec<Line> {
        let mut last = None;
        let mut line = None;
        for (i, f) in self.free[self.cursor..].iter().enumerate() {
            if f.line >= end_line || line.is_some_and(|l| f.line != l + 1) {
                break;
            }
            line = Some(f.line);
            if let Free::Comment(col, _) = f.kind
                && col >= item_col
            {
                last = Some(i);
            }
        }
        let Some(last) = last else {
            return Vec::new();
        };
        let taken = &self.free[self.cursor..=self.cursor + last];
        let lines = taken.iter().map(|f| to_line(&f.kind, item_col)).collect();
        self.cursor += last + 1;
        lines
    }

    fn element(&mut self, start: Pos, comments: &mut Comments, defer_trailing: bool) {
        comments
            .before
            .extend(self.take_before(start.line, start.col));
        if !defer_trailing && comments.trailing.is_none() {
            comments.trailing = self.take_trailing(start.line);
        }
    }

    fn node(&mut self, node: &mut Node, in_flow: bool) {
        let flow = in_flow || node.style.flow;
        let end_line = node.span.end.line;
        match &mut node.value {
            Value::Map(map) => {
                let item_col = map.entries.first().map(|(_, e)| e.key.span.start.col);
                for entry in map.entries.values_mut() {
                    let start = entry.key.span.start;
                    let defer = starts_block_child(&entry.value, start.line, flow);
                    self.element(start, &mut entry.key.comments, defer);
                    self.node(&mut entry.value, flow);
                }
                if let (false, Some(col)) = (flow, item_col) {
                    map.end = self.take_end(col, end_line);
                }
            }
            Value::Seq(seq) => {
                let mut item_col = None;
                for item in &mut seq.items {
                    let start = if flow {
                        item.span.start
                    } else {
                        dash_before(self.source, item.span.start)
                    };
                    item_col.get_or_insert(start.col);
                    let defer = starts_block_child(item, start.line, flow);
                    let mut comments = std::mem::take(&mut item.comments);
                    self.element(start, &mut comments, defer);
                    item.comments = comments;
                    self.node(item, flow);
                }
                if let (false, Some(col)) = (flow, item_col) {
                    seq.end = self.take_end(col, end_line);
                }
            }
            Value::Fn(f) => {
                if f.key.span.start.is_known() {
                    let start = f.key.span.start;
                    let defer = starts_block_child(&f.arg, start.line, flow);
                    self.element(start, &mut f.key.comments, defer);
                }
                self.node(&mut f.arg, flow);
            }
            Value::Tagged(t) => self.node(&mut t.value, flow),
            _ => {}
        }
    }
}

fn to_line(kind: &Free, col: u32) -> Line {
    match kind {
        Free::Blank => Line::Blank,
        Free::Comment(c, text) => Line::Comment(Comment {
            text: text.clone(),
            offset: *c as i32 - col as i32,
        }),
    }
}

/// Whether a value opens, on the element's own line, a block element that should take
/// that line's end comment instead (`- Key: v # c`, `- Fn::GetAtt: ... # c`).
fn starts_block_child(value: &Node, line: u32, in_flow: bool) -> bool {
    if in_flow || value.style.flow {
        return false;
    }
    match &value.value {
        Value::Map(m) => m
            .entries
            .first()
            .is_some_and(|(_, e)| e.key.span.start.line == line),
        Value::Seq(s) => s.items.first().is_some_and(|i| i.span.start.line == line),
        Value::Fn(f) => f.key.span.start.line == line,
        _ => false,
    }
}

/// The position of the `-` that introduces a block sequence item.
fn dash_before(source: &Source, start: Pos) -> Pos {
    let line = source.line(start.line);
    let before: String = line.chars().take(start.col as usize - 1).collect();
    let trimmed = before.trim_end();
    if trimmed.ends_with('-') {
        let col = trimmed.chars().count() as u32;
        return Pos::new(start.line, col);
    }
    // `-` alone on its line with the value below: look one line up.
    if start.line > 1 {
        let above = source.line(start.line - 1);
        if above.trim() == "-" {
            return Pos::new(start.line - 1, indent_of(above) as u32 + 1);
        }
    }
    start
}
