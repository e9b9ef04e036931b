//! Source text addressed by line and column, as the parsers report positions.

use super::node::Pos;

pub(crate) struct Source<'t> {
    pub text: &'t str,
    /// Byte offset where each line starts; line `n` (1-based) starts at `starts[n - 1]`.
    starts: Vec<usize>,
    ascii: bool,
}

impl<'t> Source<'t> {
    pub fn new(text: &'t str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Source {
            text,
            starts,
            ascii: text.is_ascii(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The text of a line (1-based) without its line break.
    pub fn line(&self, line: u32) -> &'t str {
        let i = line as usize - 1;
        let Some(&start) = self.starts.get(i) else {
            return "";
        };
        let end = self.starts.get(i + 1).map_or(self.text.len(), |e| e - 1);
        self.text[start..end].trim_end_matches('\r')
    }

    /// The byte offset of a position; columns are 1-based character counts.
    pub fn offset(&self, pos: Pos) -> usize {
        let i = (pos.line as usize).saturating_sub(1);
        let Some(&start) = self.starts.get(i) else {
            return self.text.len();
        };
        let col = pos.col.saturating_sub(1) as usize;
        if self.ascii {
            return (start + col).min(self.text.len());
        }
        self.text[start..]
            .char_indices()
            .nth(col)
            .map_or(self.text.len(), |(b, _)| start + b)
    }

    /// The position of a byte offset.
    pub fn pos_at(&self, offset: usize) -> Pos {
        let i = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[i];
        let col = if self.ascii {
            offset - start
        } else {
            self.text[start..offset].chars().count()
        };
        Pos::new(i as u32 + 1, col as u32 + 1)
    }

    pub fn slice(&self, start: Pos, end: Pos) -> &'t str {
        let (a, b) = (self.offset(start), self.offset(end));
        &self.text[a.min(b)..b]
    }
}

/// How a text ends its lines.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum LineEnding {
    #[default]
    Lf,
    /// Windows' CR LF, kept when writing so a file edited on Windows diffs cleanly.
    CrLf,
}

/// The text with every line break as `\n` (CR LF and a lone CR both count, as YAML
/// says), and which ending it mostly used.
pub(crate) fn normalize_line_breaks(text: &str) -> (std::borrow::Cow<'_, str>, LineEnding) {
    if !text.contains('\r') {
        return (std::borrow::Cow::Borrowed(text), LineEnding::Lf);
    }
    let crlf = text.matches("\r\n").count();
    let lf = text.matches('\n').count() - crlf;
    let ending = if crlf > lf {
        LineEnding::CrLf
    } else {
        LineEnding::Lf
    };
    (
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n")),
        ending,
    )
}

/// A line's leading spaces, in characters.
pub(crate) fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_normalize_and_the_usual_ending_is_kept() {
        let (t, e) = normalize_line_breaks("a\r\nb\r\nc\rd\n");
        assert_eq!((t.as_ref(), e), ("a\nb\nc\nd\n", LineEnding::CrLf));
        let (t, e) = normalize_line_breaks("a\nb");
        assert_eq!((t.as_ref(), e), ("a\nb", LineEnding::Lf));
    }

    #[test]
    fn lines_and_offsets() {
        let s = Source::new("ab\ncé d\r\nx");
        assert_eq!(s.line_count(), 3);
        assert_eq!(s.line(2), "cé d");
        assert_eq!(s.offset(Pos::new(2, 3)), 6);
        assert_eq!(s.slice(Pos::new(2, 2), Pos::new(2, 5)), "é d");
        assert_eq!(s.line(9), "");
        assert_eq!(s.pos_at(6), Pos::new(2, 3));
        assert_eq!(s.pos_at(0), Pos::new(1, 1));
    }
}
