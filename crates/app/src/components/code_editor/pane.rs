//! What the code pane holds: the whole text, its lines, the window of them the
//! textarea has, whether the whole text is selected, and the replacements of the whole
//! text the pane made itself (which the browser's own undo cannot know).
//!
//! The textarea only ever holds the window: handing a browser a long text as one
//! field costs 80 ms a key at 1 MB, and selecting all of it minutes. Selecting all is
//! therefore the pane's own state: the textarea selects its whole window, which stands
//! for the whole text, and copy, cut, typing and undo act on the whole text here.

use std::rc::Rc;

use formwork_core::code::lines::{Lines, Window};
use formwork_core::code::{self, Entry};
use yew::AttrValue;

/// Lines the textarea holds beyond those in view, above and below, and how near the
/// view may come to the window's edge before the window moves.
pub const WINDOW: Window = Window {
    slack: 150,
    margin: 50,
};

/// Whole-text replacements kept for undo: each may hold a 1 MB text twice.
const HISTORY: usize = 20;

/// A replacement of the whole text made by the pane (select all and type, cut or
/// paste; a long paste), undone and redone by the pane.
#[derive(Clone, Debug)]
pub struct Replacement {
    pub before: AttrValue,
    pub after: AttrValue,
    /// Whether the whole text was selected before (undo selects it again).
    pub all_before: bool,
    /// Where the caret goes after the replacement (UTF-16 offset in the whole text).
    pub caret_after: u32,
}

/// The code pane's text and the textarea's window of it.
pub struct Pane {
    /// The whole text.
    pub text: AttrValue,
    /// The last `text` prop seen.
    pub prop: AttrValue,
    /// The text last sent to the document (its echo must not reset the textarea).
    pub sent: Option<AttrValue>,
    pub lines: Rc<Lines>,
    /// The resources and their lines, worked out when first needed.
    outline: Option<Rc<Vec<Entry>>>,
    /// The outline of the text before the keystrokes not yet read: the selected
    /// resource's band is drawn from it while typing, as working the outline out again
    /// on every key takes milliseconds in a 1 MB text.
    typed_over: Option<Rc<Vec<Entry>>>,
    /// The lines the textarea holds, `first..last` (from 0).
    pub window: (usize, usize),
    /// The selection (UTF-16 offsets in the whole text) when the window moved away
    /// from it; the next key brings it back before it types.
    pub detached: Option<(u32, u32)>,
    /// Meanwhile the textarea's caret waits here (a textarea offset), at the first line
    /// in view: where the browser looks when the textarea takes focus, so it need not
    /// scroll to show it.
    pub parked: u32,
    /// The textarea must be given its window after this render.
    pub stale: bool,
    /// The whole text is selected.
    pub all: bool,
    undo: Vec<Replacement>,
    redo: Vec<Replacement>,
}

impl Pane {
    pub fn new(text: AttrValue) -> Pane {
        let mut p = Pane {
            prop: text.clone(),
            text: AttrValue::Static(""),
            sent: None,
            lines: Rc::new(Lines::default()),
            outline: None,
            typed_over: None,
            window: (0, 0),
            detached: None,
            parked: 0,
            stale: true,
            all: false,
            undo: Vec::new(),
            redo: Vec::new(),
        };
        p.set(text);
        p
    }

    /// A new text from the document: what was selected and replaced is gone.
    pub fn set(&mut self, text: AttrValue) {
        self.lines = Rc::new(Lines::new(&text));
        self.outline = None;
        self.typed_over = None;
        self.text = text;
        self.all = false;
    }

    /// `set` for typed text, keeping the outline it was typed over.
    pub fn set_typed(&mut self, text: AttrValue) {
        let before = self.outline.take().or_else(|| self.typed_over.take());
        let all = self.all;
        self.set(text);
        self.all = all;
        self.typed_over = before;
    }

    /// Forgets the pane's own replacements (the document changed from elsewhere).
    pub fn forget_replacements(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }

    pub fn line(&self, i: usize) -> &str {
        self.lines.line(&self.text, i)
    }

    pub fn outline(&mut self) -> Rc<Vec<Entry>> {
        if let Some(o) = &self.outline {
            return o.clone();
        }
        let o = Rc::new(code::children(&self.text, &["Resources"]));
        self.outline = Some(o.clone());
        self.typed_over = None;
        o
    }

    /// The outline to draw from while typing: the one typed over, if the text's own
    /// is not known yet.
    pub fn outline_while_typing(&mut self) -> Rc<Vec<Entry>> {
        match (&self.outline, &self.typed_over) {
            (None, Some(o)) => o.clone(),
            _ => self.outline(),
        }
    }

    /// The byte offset of a UTF-16 offset in the whole text.
    pub fn byte_at(&self, at: u32) -> usize {
        self.lines.byte_at(&self.text, at)
    }

    /// The UTF-16 offset of a byte offset in the whole text.
    pub fn u16_at(&self, byte: usize) -> u32 {
        self.lines.u16_at(&self.text, byte)
    }

    /// The line (from 1) holding a byte offset.
    pub fn line_of(&self, byte: usize) -> u32 {
        self.lines.line_of(byte) as u32 + 1
    }

    /// The bytes of the text the textarea holds.
    pub fn window_bytes(&self) -> (usize, usize) {
        self.lines.span(self.window.0, self.window.1)
    }

    pub fn window_text(&self) -> &str {
        let (start, end) = self.window_bytes();
        &self.text[start..end]
    }

    /// The UTF-16 offsets of the window in the whole text.
    pub fn window_u16(&self) -> (u32, u32) {
        let (start, end) = self.window_bytes();
        (self.u16_at(start), self.u16_at(end))
    }

    /// Whether the textarea holds the whole text.
    pub fn window_is_whole(&self) -> bool {
        self.window == (0, self.lines.count())
    }

    /// The byte offset of a textarea offset (UTF-16 code units in the window).
    pub fn byte_at_area(&self, area_offset: u32) -> usize {
        self.byte_at(area_offset + self.window_u16().0)
    }

    /// The textarea offset of a byte offset, kept within the window.
    pub fn area_at(&self, byte: usize) -> u32 {
        let (start, end) = self.window_bytes();
        self.u16_at(byte.clamp(start, end)) - self.u16_at(start)
    }

    /// Replaces the whole text, as one step the pane can undo.
    pub fn replace(&mut self, text: AttrValue, caret_after: u32) {
        let before = std::mem::replace(&mut self.text, AttrValue::Static(""));
        self.undo.push(Replacement {
            before,
            after: text.clone(),
            all_before: self.all,
            caret_after,
        });
        if self.undo.len() > HISTORY {
            self.undo.remove(0);
        }
        self.redo.clear();
        self.set_typed(text);
        self.all = false;
    }

    /// Undoes the pane's last replacement, if the text is still what it made.
    pub fn undo(&mut self) -> Option<Replacement> {
        let last = self.undo.last()?;
        if last.after != self.text {
            return None;
        }
        let r = self.undo.pop()?;
        self.set_typed(r.before.clone());
        self.all = r.all_before;
        self.redo.push(r.clone());
        Some(r)
    }

    /// Redoes the replacement last undone, if the text is still what undo left.
    pub fn redo(&mut self) -> Option<Replacement> {
        let last = self.redo.last()?;
        if last.before != self.text {
            return None;
        }
        let r = self.redo.pop()?;
        self.set_typed(r.after.clone());
        self.all = false;
        self.undo.push(r.clone());
        Some(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn text(lines: usize) -> String {
        (0..lines).map(|i| format!("line {i}\n")).collect()
    }

    #[wasm_bindgen_test]
    fn the_window_maps_offsets_to_the_whole_text() {
        let mut p = Pane::new(AttrValue::from(text(1000)));
        p.window = WINDOW.around((400, 440), p.lines.count());
        assert_eq!(p.window, (250, 590));
        assert!(p.window_text().starts_with("line 250\n"));
        assert!(p.window_text().ends_with("line 589"));
        let start = p.window_bytes().0;
        assert_eq!(p.byte_at_area(0), start);
        assert_eq!(p.area_at(start + 5), 5);
        assert_eq!(p.area_at(0), 0, "clamped to the window");
        assert!(!p.window_is_whole());
        assert_eq!(p.line_of(start), 251);
    }

    #[wasm_bindgen_test]
    fn whole_replacements_undo_and_redo_while_the_text_is_theirs() {
        let mut p = Pane::new(AttrValue::from("a: 1\nb: 2\n"));
        p.all = true;
        p.replace(AttrValue::from("x"), 1);
        assert_eq!(p.text.as_str(), "x");
        assert!(!p.all);
        let r = p.undo().expect("undoes its own replacement");
        assert_eq!(p.text.as_str(), "a: 1\nb: 2\n");
        assert!(r.all_before && p.all, "the whole text is selected again");
        assert!(p.undo().is_none());
        p.redo().expect("redoes it");
        assert_eq!(p.text.as_str(), "x");
        // Typed on after the replacement: the text is no longer the pane's.
        p.set_typed(AttrValue::from("xy"));
        assert!(p.undo().is_none());
        p.set_typed(AttrValue::from("x"));
        assert!(p.undo().is_some(), "typed back to it: undoable again");
    }
}
