//! The lines of a text, indexed once, and the window of them a browser's text field
//! holds.
//!
//! A text field lays out its whole text on every key and paints its whole selection:
//! with a 1 MB template that is 80 ms a key and, for select all, minutes. So the code
//! pane gives its field only the lines around the view (the *window*) and keeps the
//! rest itself. A field counts its offsets in UTF-16 code units; the text is Rust
//! UTF-8: [`Lines`] converts between the two in `O(log n)` by keeping where each line
//! starts in both.

/// Where each line of a text starts, in bytes and in UTF-16 code units.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lines {
    /// Byte offset of each line's start; the first is 0.
    starts: Vec<usize>,
    /// UTF-16 offset of each line's start.
    starts16: Vec<u32>,
    len: usize,
    len16: u32,
}

impl Lines {
    pub fn new(text: &str) -> Lines {
        let mut starts = Vec::with_capacity(text.len() / 24 + 1);
        let mut starts16 = Vec::with_capacity(text.len() / 24 + 1);
        starts.push(0);
        starts16.push(0);
        let len16 = if text.is_ascii() {
            for (i, b) in text.bytes().enumerate() {
                if b == b'\n' {
                    starts.push(i + 1);
                    starts16.push(i as u32 + 1);
                }
            }
            text.len() as u32
        } else {
            let mut at16 = 0u32;
            for (i, c) in text.char_indices() {
                at16 += c.len_utf16() as u32;
                if c == '\n' {
                    starts.push(i + 1);
                    starts16.push(at16);
                }
            }
            at16
        };
        Lines {
            starts,
            starts16,
            len: text.len(),
            len16,
        }
    }

    /// How many lines there are (an empty text, or one ending in a newline, has an
    /// empty last line).
    pub fn count(&self) -> usize {
        self.starts.len()
    }

    /// The text's length in bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The text's length in UTF-16 code units.
    pub fn len16(&self) -> u32 {
        self.len16
    }

    /// The byte offset where line `i` (from 0) starts; the text's length past the last.
    pub fn start(&self, i: usize) -> usize {
        self.starts.get(i).copied().unwrap_or(self.len)
    }

    /// The line (from 0) holding byte offset `byte`.
    pub fn line_of(&self, byte: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= byte)
            .saturating_sub(1)
    }

    /// The bytes of lines `first..last` (from 0, `last` excluded), without the newline
    /// that ends the last of them.
    pub fn span(&self, first: usize, last: usize) -> (usize, usize) {
        let start = self.start(first);
        let end = if last >= self.count() {
            self.len
        } else if last > first {
            self.starts[last] - 1
        } else {
            start
        };
        (start, end.max(start))
    }

    /// Line `i`'s text, without its line break.
    pub fn line<'a>(&self, text: &'a str, i: usize) -> &'a str {
        let (start, end) = self.span(i, i + 1);
        let s = &text[start.min(text.len())..end.min(text.len())];
        s.strip_suffix('\r').unwrap_or(s)
    }

    /// The UTF-16 offset of byte offset `byte` (clamped to the text and to a
    /// character's start).
    pub fn u16_at(&self, text: &str, byte: usize) -> u32 {
        let byte = byte.min(self.len);
        let line = self.line_of(byte);
        let start = self.starts[line];
        let within = &text[start..floor_char(text, byte)];
        self.starts16[line] + within.chars().map(|c| c.len_utf16() as u32).sum::<u32>()
    }

    /// The byte offset of UTF-16 offset `at` (clamped to the text; an offset inside a
    /// character's pair of units gives the character's end).
    pub fn byte_at(&self, text: &str, at: u32) -> usize {
        let at = at.min(self.len16);
        let line = self
            .starts16
            .partition_point(|&s| s <= at)
            .saturating_sub(1);
        let mut count = self.starts16[line];
        let start = self.starts[line];
        for (i, c) in text[start..].char_indices() {
            if count >= at {
                return start + i;
            }
            count += c.len_utf16() as u32;
        }
        self.len
    }
}

/// The largest character boundary at or before `byte`.
fn floor_char(text: &str, mut byte: usize) -> usize {
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    byte
}

/// How a text field holds a window of lines: `slack` lines beyond those in view on
/// each side, and moved when the view comes within `margin` lines of its edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub slack: usize,
    pub margin: usize,
}

impl Window {
    /// The lines (`first..last`, from 0) to hold for a view of lines `view` in a text of
    /// `count` lines.
    pub fn around(self, view: (usize, usize), count: usize) -> (usize, usize) {
        let first = view.0.min(count).saturating_sub(self.slack);
        let last = view.1.saturating_add(self.slack).min(count).max(first);
        (first, last)
    }

    /// Whether the window `held` no longer serves the view: the view has come within
    /// the margin of an edge that is not the text's own, or left it.
    pub fn lags(self, held: (usize, usize), view: (usize, usize), count: usize) -> bool {
        let (first, last) = held;
        last > count
            || (first > 0 && view.0 < first + self.margin)
            || (last < count && view.1 + self.margin > last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_index_bytes_and_utf16() {
        let text = "a: 1\nb: 한국어\n\nc: 𝄞x\n";
        let l = Lines::new(text);
        assert_eq!(l.count(), 5);
        assert_eq!(l.line(text, 0), "a: 1");
        assert_eq!(l.line(text, 1), "b: 한국어");
        assert_eq!(l.line(text, 2), "");
        assert_eq!(l.line(text, 3), "c: 𝄞x");
        assert_eq!(l.line(text, 4), "");
        assert_eq!(l.line_of(0), 0);
        assert_eq!(l.line_of(5), 1);
        assert_eq!(l.line_of(text.len()), 4);
        // 한국어 is 3 units in UTF-16 and 9 bytes in UTF-8; 𝄞 is 2 units and 4 bytes.
        assert_eq!(l.len16(), 5 + 7 + 1 + 7);
        let c = text.find('c').unwrap();
        assert_eq!(l.u16_at(text, c), 13);
        assert_eq!(l.byte_at(text, 13), c);
        let x = text.find('x').unwrap();
        assert_eq!(l.u16_at(text, x), 18);
        assert_eq!(l.byte_at(text, 18), x);
        assert_eq!(l.byte_at(text, 17), x, "inside 𝄞's pair: its end");
        // Every character boundary goes there and back; an offset inside a pair of
        // units goes to the character's end.
        for (b, _) in text.char_indices() {
            assert_eq!(l.byte_at(text, l.u16_at(text, b)), b);
        }
        for at in 0..=l.len16() {
            let b = l.byte_at(text, at);
            assert!(text.is_char_boundary(b));
            assert!(l.u16_at(text, b) >= at, "{at}");
        }
        assert_eq!(l.byte_at(text, 1000), text.len());
        assert_eq!(l.u16_at(text, 1000), l.len16());
        // Inside a character's bytes: its start.
        assert_eq!(l.u16_at(text, text.find('한').unwrap() + 1), 8);
    }

    #[test]
    fn spans_leave_out_the_last_newline() {
        let text = "one\ntwo\r\nthree";
        let l = Lines::new(text);
        assert_eq!(l.span(0, 1), (0, 3));
        assert_eq!(&text[l.span(0, 2).0..l.span(0, 2).1], "one\ntwo\r");
        assert_eq!(l.span(1, 3), (4, text.len()));
        assert_eq!(l.span(2, 2), (9, 9));
        assert_eq!(l.line(text, 1), "two");
        assert_eq!(Lines::new("").count(), 1);
        assert!(Lines::new("").is_empty());
    }

    #[test]
    fn windows_follow_the_view() {
        let w = Window {
            slack: 100,
            margin: 30,
        };
        assert_eq!(w.around((0, 40), 60), (0, 60));
        assert_eq!(w.around((500, 540), 10_000), (400, 640));
        assert_eq!(w.around((9_990, 10_030), 10_000), (9_890, 10_000));
        // Scrolled within the margin of an inner edge: move.
        assert!(!w.lags((400, 640), (500, 540), 10_000));
        assert!(w.lags((400, 640), (420, 460), 10_000));
        assert!(w.lags((400, 640), (590, 630), 10_000));
        // The text's own edges never lag; a window past a shortened text does.
        assert!(!w.lags((0, 60), (0, 40), 60));
        assert!(w.lags((0, 60), (0, 40), 50));
    }
}
