//! The code pane: the template as YAML or JSON text, edited in place.
//!
//! A plain `<textarea>` holds the text (so typing, selection, the clipboard, undo and
//! screen readers behave as everywhere), drawn with transparent letters over a layer
//! that colours the same text. That layer, and the line numbers, are drawn only for
//! the lines in view. A long text (over 256 KB) is put in the textarea a window of
//! lines at a time, around the view, the textarea placed among all the lines in a
//! scroller as tall as the whole text: a browser lays out a textarea's whole text on
//! every key (83 ms for 1 MB in Chromium here), and what shows is the coloured layer
//! anyway.
//!
//! Edits go both ways. A change of the document (canvas, inspector, undo) replaces
//! the text; typed text is read soon after typing stops (`debounce_ms`) and, when it
//! is a template, becomes the document as one undoable step; text that does not read
//! shows its error on its line while the diagram keeps its last good state. The selected resource's
//! text is highlighted and scrolled to; putting the cursor in a resource's text
//! selects it on the canvas.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use formwork_core::code::{self, Entry, LineRange, Tok};
use formwork_core::template::{Format, ParseError};
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::Dispatch;
use crate::dom::perf;
use crate::files::{FileAction, Reveal};
use crate::i18n::{Lang, fill};
use crate::state::Action;

/// Line height and padding of the text, in CSS pixels (as styled in `.code-editor`).
pub const LINE_HEIGHT: f64 = 20.0;
const PAD_Y: f64 = 8.0;
/// Lines drawn beyond those in view, above and below.
const SLACK: usize = 30;
/// A text longer than this is long: read later after typing stops, and put in the
/// textarea a window of lines at a time.
const LONG_TEXT: usize = 256 * 1024;
/// How long after the last keystroke the text is read: 150 ms, so that with reading
/// and redrawing (some 50 ms for the corpus's largest template) the canvas follows
/// within 300 ms of typing stopping; 300 ms for a long text, where reading takes long
/// enough (about 200 ms at 1 MB) that doing it in a pause between keys would stall
/// typing.
fn debounce_ms(text_len: usize) -> u32 {
    if text_len > LONG_TEXT { 300 } else { 150 }
}
/// Lines in the window beyond those in view, above and below.
const WINDOW_SLACK: usize = 300;
/// The window moves when fewer lines than this are left beyond the view.
const WINDOW_MARGIN: usize = 100;
/// Lines longer than this are coloured up to here and drawn plain after.
const COLOUR_LIMIT: usize = 4000;

#[derive(Properties, PartialEq)]
pub struct CodeEditorProps {
    pub lang: Lang,
    pub dispatch: Dispatch,
    /// The text to show: the document's, or a draft with an error.
    pub text: AttrValue,
    pub format: Format,
    /// Why the text does not read as a template.
    pub error: Option<ParseError>,
    /// The one selected resource.
    pub selected: Option<AttrValue>,
    pub reveal: Reveal,
    /// The document's storage id, so text typed but not yet read is saved with it.
    pub file_id: AttrValue,
    /// The document revision: a change means the document was redrawn.
    pub revision: u64,
}

/// What the textarea holds, as the component knows it.
struct Current {
    /// The text in the textarea.
    text: AttrValue,
    /// The last `text` prop seen.
    prop: AttrValue,
    /// The text last sent to the document (its echo must not reset the textarea).
    sent: Option<AttrValue>,
    /// Byte offset of each line's start.
    lines: Rc<Vec<usize>>,
    ascii: bool,
    /// The resources and their lines, worked out when first needed.
    outline: Option<Rc<Vec<Entry>>>,
    /// The outline of the text before the keystrokes not yet read: the selected
    /// resource's band is drawn from it while typing, as working the outline out again
    /// on every key takes milliseconds in a 1 MB text.
    typed_over: Option<Rc<Vec<Entry>>>,
    /// The lines the textarea holds, `first..last` (from 0): all of them, or in a long
    /// text those around the view.
    window: (usize, usize),
    /// The selection (UTF-16 offsets in the whole text) when the window moved away
    /// from it; the next key brings it back before it types.
    detached: Option<(u32, u32)>,
    /// The textarea must be given `text` after this render.
    stale: bool,
}

impl Current {
    fn new(text: AttrValue) -> Current {
        let mut c = Current {
            prop: text.clone(),
            text: AttrValue::Static(""),
            sent: None,
            lines: Rc::new(Vec::new()),
            ascii: true,
            outline: None,
            typed_over: None,
            window: (0, 0),
            detached: None,
            stale: true,
        };
        c.set(text);
        c
    }

    fn set(&mut self, text: AttrValue) {
        let mut starts = Vec::with_capacity(text.len() / 24 + 1);
        starts.push(0);
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        self.ascii = text.is_ascii();
        self.lines = Rc::new(starts);
        self.outline = None;
        self.typed_over = None;
        self.text = text;
    }

    /// `set` for typed text, keeping the outline it was typed over.
    fn set_typed(&mut self, text: AttrValue) {
        let before = self.outline.take().or_else(|| self.typed_over.take());
        self.set(text);
        self.typed_over = before;
    }

    fn line(&self, i: usize) -> &str {
        let start = self.lines[i];
        let end = self
            .lines
            .get(i + 1)
            .map_or(self.text.len(), |&e| e.saturating_sub(1));
        let s = &self.text[start..end.max(start)];
        s.strip_suffix('\r').unwrap_or(s)
    }

    fn outline(&mut self) -> Rc<Vec<Entry>> {
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
    fn outline_while_typing(&mut self) -> Rc<Vec<Entry>> {
        match (&self.outline, &self.typed_over) {
            (None, Some(o)) => o.clone(),
            _ => self.outline(),
        }
    }

    /// The byte offset of a textarea offset (UTF-16 code units).
    fn byte_at(&self, u16_offset: u32) -> usize {
        let u = u16_offset as usize;
        if self.ascii {
            return u.min(self.text.len());
        }
        let mut count = 0;
        for (i, c) in self.text.char_indices() {
            if count >= u {
                return i;
            }
            count += c.len_utf16();
        }
        self.text.len()
    }

    /// The textarea offset (UTF-16 code units) of a byte offset.
    fn u16_at(&self, byte: usize) -> u32 {
        if self.ascii {
            return byte as u32;
        }
        self.text[..byte.min(self.text.len())]
            .chars()
            .map(char::len_utf16)
            .sum::<usize>() as u32
    }

    /// The line (from 1) holding a byte offset.
    fn line_of(&self, byte: usize) -> u32 {
        self.lines.partition_point(|&s| s <= byte) as u32
    }

    /// The bytes of the text the textarea holds.
    fn window_bytes(&self) -> (usize, usize) {
        let (first, last) = self.window;
        let start = self.lines.get(first).copied().unwrap_or(self.text.len());
        let end = match self.lines.get(last) {
            Some(&next) if last > first => next - 1,
            Some(_) => start,
            None => self.text.len(),
        };
        (start, end.max(start))
    }

    fn window_text(&self) -> &str {
        let (start, end) = self.window_bytes();
        &self.text[start..end]
    }

    /// The byte offset of a textarea offset (UTF-16 code units in the window).
    fn byte_at_area(&self, area_offset: u32) -> usize {
        self.byte_at(area_offset + self.u16_at(self.window_bytes().0))
    }

    /// The textarea offset of a byte offset, kept within the window.
    fn area_at(&self, byte: usize) -> u32 {
        let (start, end) = self.window_bytes();
        let base = self.u16_at(start);
        self.u16_at(byte.clamp(start, end)) - base
    }

    /// The window for a view scrolled to `top` and `height` high.
    fn window_for(&self, top: f64, height: f64) -> (usize, usize) {
        let n = self.lines.len();
        if self.text.len() <= LONG_TEXT {
            return (0, n);
        }
        let (first, last) = lines_in_view(top, height);
        (
            first.min(n).saturating_sub(WINDOW_SLACK),
            (last + WINDOW_SLACK).min(n),
        )
    }

    /// Whether the view has come near the window's edge (or the text has grown past
    /// the length that takes a window, or shrunk below it).
    fn window_lags(&self, top: f64, height: f64) -> bool {
        let n = self.lines.len();
        if self.text.len() <= LONG_TEXT {
            return self.window != (0, n);
        }
        let (first, last) = self.window;
        let (view_first, view_last) = lines_in_view(top, height);
        (first > 0 && view_first < first + WINDOW_MARGIN)
            || (last < n && view_last + WINDOW_MARGIN > last)
            || (first, last) == (0, n)
    }
}

/// The lines (from 0, the last one past) a view scrolled to `top` and `height` high
/// shows, give or take one.
fn lines_in_view(top: f64, height: f64) -> (usize, usize) {
    let first = ((top - PAD_Y).max(0.0) / LINE_HEIGHT) as usize;
    (first, first + (height / LINE_HEIGHT).ceil() as usize + 1)
}

/// Which lines the textarea is to hold.
#[derive(Clone, Copy)]
enum Want {
    /// Those around the view.
    View,
    /// Those around this line (from 1).
    Line(u32),
    /// Every line (to select all).
    All,
}

/// The element that scrolls the text: the textarea sits in it, as tall and wide as
/// the lines it holds, at their place among all the lines.
fn scroller(area: &web_sys::HtmlTextAreaElement) -> Option<web_sys::Element> {
    area.parent_element()
}

/// Places and sizes the textarea for its window, and sizes the space of all lines.
fn fit_textarea(area: &web_sys::HtmlTextAreaElement, c: &Current) {
    let (first, last) = c.window;
    let widest = c
        .window_text()
        .split('\n')
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0);
    let style = area.style();
    let _ = style.set_property("top", &format!("{}px", first as f64 * LINE_HEIGHT));
    // One line more than it holds, so a new line at the end needs no scrolling inside.
    let _ = style.set_property(
        "height",
        &format!(
            "{}px",
            2.0 * PAD_Y + (last - first + 1) as f64 * LINE_HEIGHT
        ),
    );
    let _ = style.set_property("width", &format!("calc({}ch + 60px)", widest + 2));
    if let Some(space) = scroller(area).and_then(|s| s.first_element_child())
        && let Ok(space) = space.dyn_into::<web_sys::HtmlElement>()
    {
        let _ = space.style().set_property(
            "height",
            &format!(
                "{}px",
                2.0 * PAD_Y + (c.lines.len() + 1) as f64 * LINE_HEIGHT
            ),
        );
    }
    // The textarea never scrolls itself: its lines are where the coloured ones are.
    area.set_scroll_top(0);
    area.set_scroll_left(0);
}

/// Gives the textarea the lines `want` asks for, keeping the selection where it still
/// falls among them, and the scroll position.
fn show_window(area: &web_sys::HtmlTextAreaElement, c: &mut Current, want: Want) {
    let Some(scroll) = scroller(area) else {
        return;
    };
    let (top, left, height) = (
        scroll.scroll_top(),
        scroll.scroll_left(),
        scroll.client_height() as f64,
    );
    let (s0, s1) = c.window_bytes();
    let base = c.u16_at(s0);
    let len = c.u16_at(s1) - base;
    let selection = c.detached.take().unwrap_or_else(|| {
        let start = area.selection_start().ok().flatten().unwrap_or(0).min(len);
        let end = area
            .selection_end()
            .ok()
            .flatten()
            .unwrap_or(start)
            .min(len);
        (start + base, end + base)
    });
    let n = c.lines.len();
    c.window = match want {
        Want::View => c.window_for(top as f64, height),
        Want::Line(l) => c.window_for(PAD_Y + l.saturating_sub(1) as f64 * LINE_HEIGHT, height),
        Want::All => (0, n),
    };
    area.set_value(c.window_text());
    fit_textarea(area, c);
    let (w0, w1) = c.window_bytes();
    let (base, end) = (c.u16_at(w0), c.u16_at(w1));
    if (base..=end).contains(&selection.0) && (base..=end).contains(&selection.1) {
        let _ = area.set_selection_range(selection.0 - base, selection.1 - base);
    } else {
        let _ = area.set_selection_range(0, 0);
        c.detached = Some(selection);
    }
    area.set_scroll_top(0);
    area.set_scroll_left(0);
    scroll.set_scroll_top(top);
    scroll.set_scroll_left(left);
}

fn textarea(r: &NodeRef) -> Option<web_sys::HtmlTextAreaElement> {
    r.cast::<web_sys::HtmlTextAreaElement>()
}

/// Types text at the selection the way a keystroke would (so the textarea's own undo
/// knows it); returns false when the browser would not.
fn insert_text(text: &str) -> bool {
    gloo::utils::document()
        .dyn_into::<web_sys::HtmlDocument>()
        .ok()
        .and_then(|d| {
            d.exec_command_with_show_ui_and_value("insertText", false, text)
                .ok()
        })
        .unwrap_or(false)
}

/// Scrolls the text so that `line` (from 1) is in view, near the top third.
fn scroll_to_line(area: &web_sys::HtmlTextAreaElement, line: u32, always: bool) {
    let Some(scroll) = scroller(area) else {
        return;
    };
    let y = PAD_Y + (line.saturating_sub(1)) as f64 * LINE_HEIGHT;
    let top = scroll.scroll_top() as f64;
    let height = scroll.client_height() as f64;
    if always || y < top || y + LINE_HEIGHT > top + height {
        scroll.set_scroll_top((y - height / 3.0).max(0.0) as i32);
    }
}

fn token_class(t: Tok) -> Option<&'static str> {
    match t {
        Tok::Plain => None,
        Tok::Key => Some("tok-key"),
        Tok::Str => Some("tok-str"),
        Tok::Number => Some("tok-num"),
        Tok::Word => Some("tok-word"),
        Tok::Tag => Some("tok-tag"),
        Tok::Comment => Some("tok-comment"),
        Tok::Punct => Some("tok-punct"),
    }
}

fn line_html(line: &str, json: bool) -> Html {
    let (coloured, rest) = if line.len() > COLOUR_LIMIT {
        let mut cut = COLOUR_LIMIT;
        while !line.is_char_boundary(cut) {
            cut -= 1;
        }
        line.split_at(cut)
    } else {
        (line, "")
    };
    let pieces = code::highlight(coloured, json)
        .into_iter()
        .map(|(t, r)| match token_class(t) {
            Some(class) => html! { <span class={class}>{ &coloured[r] }</span> },
            None => html! { { &coloured[r] } },
        });
    html! { <>{ for pieces }{ rest }</> }
}

#[component(CodeEditor)]
pub fn code_editor(props: &CodeEditorProps) -> Html {
    let s = props.lang.strings();
    let area_ref = use_node_ref();
    let cur = use_mut_ref(|| Current::new(props.text.clone()));
    let tick = use_state(|| 0u32);
    // Scroll position and height of the textarea.
    let metrics = use_state_eq(|| (0.0f64, 0.0f64, 600.0f64));
    let timer: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    // The resource last selected by moving the cursor (not to be scrolled to).
    let cursor_pick: Rc<RefCell<Option<String>>> = use_mut_ref(|| None);
    // The cursor moved while typing was still being read: pick once the text is.
    let pick_pending: Rc<RefCell<bool>> = use_mut_ref(|| false);
    // After Escape, Tab leaves the text instead of indenting.
    let tab_leaves = use_mut_ref(|| Cell::new(false));
    let flash = use_state_eq(|| None::<LineRange>);

    // A new text from the document replaces what the textarea holds, unless it is the
    // echo of what was typed.
    {
        let mut c = cur.borrow_mut();
        if c.prop != props.text {
            c.prop = props.text.clone();
            let echo = c.sent.as_ref() == Some(&props.text);
            if !echo && c.text != props.text {
                c.set(props.text.clone());
                c.stale = true;
                c.sent = None;
                timer.borrow_mut().take();
                crate::autosave::typing(&props.file_id, None);
            }
        }
    }

    // Put the text in the textarea after a change from outside, keeping the cursor
    // and the scroll position as far as they still apply.
    {
        let cur = cur.clone();
        let area_ref = area_ref.clone();
        use_effect(move || {
            let mut c = cur.borrow_mut();
            if c.stale
                && let Some(area) = textarea(&area_ref)
            {
                c.stale = false;
                show_window(&area, &mut c, Want::View);
            }
            if perf::pending("fw-code-key-start") {
                perf::measure("fw-code-key", "fw-code-key-start");
                perf::clear("fw-code-key-start");
            }
        });
    }

    // A text edit applied to the document is measured up to the redrawn page, and up
    // to the next painted frame.
    use_effect_with(props.revision, |_| {
        if perf::pending("fw-code-start") {
            perf::measure("fw-code-apply", "fw-code-start");
            let frame = wasm_bindgen::closure::Closure::once_into_js(|| {
                let painted = wasm_bindgen::closure::Closure::once_into_js(|| {
                    perf::measure("fw-code-frame", "fw-code-start");
                    perf::clear("fw-code-start");
                });
                let _ = gloo::utils::window().set_timeout_with_callback(painted.unchecked_ref());
            });
            let _ = gloo::utils::window().request_animation_frame(frame.unchecked_ref());
        }
    });

    // The selected resource's text comes into view (unless the cursor chose it).
    {
        let cur = cur.clone();
        let area_ref = area_ref.clone();
        let cursor_pick = cursor_pick.clone();
        use_effect_with(props.selected.clone(), move |selected| {
            let picked = cursor_pick.borrow_mut().take();
            if let Some(id) = selected
                && picked.as_deref() != Some(id.as_str())
                && let Some(area) = textarea(&area_ref)
            {
                let outline = cur.borrow_mut().outline();
                if let Some(e) = outline.iter().find(|e| e.key == id.as_str()) {
                    scroll_to_line(&area, e.lines.first, false);
                }
            }
        });
    }

    // A finding to show: its lines come into view, flash, and get the cursor.
    {
        let cur = cur.clone();
        let area_ref = area_ref.clone();
        let flash = flash.clone();
        let reveal = props.reveal.clone();
        use_effect_with(reveal.serial, move |&serial| {
            if serial == 0 {
                return;
            }
            let Some(area) = textarea(&area_ref) else {
                return;
            };
            let mut c = cur.borrow_mut();
            let range = match reveal.line {
                Some(l) => Some(LineRange { first: l, last: l }),
                None => code::locate(&c.text, &code::path_steps(&reveal.path)).map(|l| l.lines),
            };
            let Some(range) = range else {
                return;
            };
            scroll_to_line(&area, range.first, true);
            c.detached = None;
            show_window(&area, &mut c, Want::Line(range.first));
            let line_start = c.lines.get(range.first as usize - 1).copied().unwrap_or(0);
            let at = c.area_at(line_start);
            let _ = area.focus();
            let _ = area.set_selection_range(at, at);
            scroll_to_line(&area, range.first, true);
            flash.set(Some(range));
        });
    }

    let read_metrics = {
        let metrics = metrics.clone();
        let area_ref = area_ref.clone();
        move || {
            if let Some(a) = textarea(&area_ref).and_then(|a| scroller(&a)) {
                metrics.set((
                    a.scroll_top() as f64,
                    a.scroll_left() as f64,
                    a.client_height() as f64,
                ));
            }
        }
    };
    {
        let read_metrics = read_metrics.clone();
        let area_ref = area_ref.clone();
        use_effect_with((), move |_| {
            read_metrics();
            // The pane is resized by its splitter and the window.
            let observer = textarea(&area_ref)
                .and_then(|a| scroller(&a))
                .and_then(|a| {
                    let cb = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(read_metrics);
                    let o = web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref()).ok()?;
                    o.observe(&a);
                    Some((o, cb))
                });
            move || {
                if let Some((o, _)) = observer {
                    o.disconnect();
                }
            }
        });
    }
    // Scrolling a long text moves its window along (unless text is selected, which
    // must stay whole).
    let on_scroll = {
        let read_metrics = read_metrics.clone();
        let cur = cur.clone();
        let area_ref = area_ref.clone();
        Callback::from(move |_: Event| {
            if let Some(area) = textarea(&area_ref) {
                let mut c = cur.borrow_mut();
                let collapsed = area.selection_start().ok() == area.selection_end().ok();
                if let Some(scroll) = scroller(&area)
                    && collapsed
                    && c.window_lags(scroll.scroll_top() as f64, scroll.client_height() as f64)
                {
                    show_window(&area, &mut c, Want::View);
                }
            }
            read_metrics();
        })
    };
    // A click puts the caret where it lands, in the window.
    let on_mouse_down = {
        let cur = cur.clone();
        Callback::from(move |_: MouseEvent| cur.borrow_mut().detached = None)
    };

    // The cursor's line selects the resource written there.
    let pick_at_cursor = {
        let cur = cur.clone();
        let area_ref = area_ref.clone();
        let dispatch = props.dispatch.clone();
        let selected = props.selected.clone();
        let cursor_pick = cursor_pick.clone();
        let timer = timer.clone();
        let pick_pending = pick_pending.clone();
        move || {
            if timer.borrow().is_some() {
                // Typing: the text is not the document's yet.
                *pick_pending.borrow_mut() = true;
                return;
            }
            let Some(area) = textarea(&area_ref) else {
                return;
            };
            let mut c = cur.borrow_mut();
            let at = c.byte_at_area(area.selection_start().ok().flatten().unwrap_or(0));
            let line = c.line_of(at);
            let outline = c.outline();
            if let Some(e) = code::entry_at(&outline, line)
                && selected.as_deref() != Some(e.key.as_str())
            {
                *cursor_pick.borrow_mut() = Some(e.key.clone());
                dispatch.dispatch(Action::Select(vec![e.key.clone()]));
            }
        }
    };
    let on_click = {
        let pick = pick_at_cursor.clone();
        Callback::from(move |_: MouseEvent| pick())
    };
    let on_key_up = {
        let pick = pick_at_cursor.clone();
        Callback::from(move |e: KeyboardEvent| {
            if matches!(
                e.key().as_str(),
                "ArrowUp"
                    | "ArrowDown"
                    | "ArrowLeft"
                    | "ArrowRight"
                    | "PageUp"
                    | "PageDown"
                    | "Home"
                    | "End"
            ) {
                pick();
            }
        })
    };

    let on_input = {
        let cur = cur.clone();
        let tick = tick.clone();
        let timer = timer.clone();
        let area_ref = area_ref.clone();
        let dispatch = props.dispatch.clone();
        let file_id = props.file_id.clone();
        let flash = flash.clone();
        let pick = pick_at_cursor.clone();
        let pick_pending = pick_pending.clone();
        Callback::from(move |_: InputEvent| {
            let Some(area) = textarea(&area_ref) else {
                return;
            };
            perf::mark("fw-code-key-start");
            let typed = area.value();
            let text = {
                let mut c = cur.borrow_mut();
                let (start, end) = c.window_bytes();
                let text =
                    AttrValue::from(format!("{}{typed}{}", &c.text[..start], &c.text[end..]));
                let first = c.window.0;
                c.set_typed(text.clone());
                c.window = (first, first + typed.matches('\n').count() + 1);
                fit_textarea(&area, &c);
                text
            };
            let wait = debounce_ms(text.len());
            crate::autosave::typing(&file_id, Some(text));
            tick.set(tick.wrapping_add(1));
            flash.set(None);
            let cur = cur.clone();
            let dispatch = dispatch.clone();
            let file_id = file_id.clone();
            let t2 = timer.clone();
            let pick = pick.clone();
            let pick_pending = pick_pending.clone();
            *timer.borrow_mut() = Some(Timeout::new(wait, move || {
                t2.borrow_mut().take();
                let text = {
                    let mut c = cur.borrow_mut();
                    c.sent = Some(c.text.clone());
                    c.text.to_string()
                };
                perf::clear("fw-code-start");
                perf::mark("fw-code-start");
                dispatch.dispatch(Action::Files(FileAction::EditText(text)));
                crate::autosave::typing(&file_id, None);
                if std::mem::take(&mut *pick_pending.borrow_mut()) {
                    pick();
                }
            }));
        })
    };

    let on_key_down = {
        let cur = cur.clone();
        let area_ref = area_ref.clone();
        let tab_leaves = tab_leaves.clone();
        Callback::from(move |e: KeyboardEvent| {
            let key = e.key();
            if let Some(area) = textarea(&area_ref)
                && !matches!(key.as_str(), "Shift" | "Control" | "Alt" | "Meta")
            {
                let mut c = cur.borrow_mut();
                if let Some((at, _)) = c.detached {
                    // The window moved away from the caret: bring it back to type there.
                    let line = c.line_of(c.byte_at(at));
                    show_window(&area, &mut c, Want::Line(line));
                    scroll_to_line(&area, line, false);
                }
                if (e.ctrl_key() || e.meta_key())
                    && key.eq_ignore_ascii_case("a")
                    && c.window != (0, c.lines.len())
                {
                    show_window(&area, &mut c, Want::All);
                }
            }
            if key == "Escape" {
                tab_leaves.borrow().set(true);
                return;
            }
            if key != "Tab" && key != "Enter" {
                tab_leaves.borrow().set(false);
                return;
            }
            if e.ctrl_key() || e.meta_key() || e.alt_key() {
                return;
            }
            if key == "Tab" && tab_leaves.borrow().replace(false) {
                return;
            }
            let Some(area) = textarea(&area_ref) else {
                return;
            };
            let start16 = area.selection_start().ok().flatten().unwrap_or(0);
            let end16 = area.selection_end().ok().flatten().unwrap_or(start16);
            let c = cur.borrow();
            let (start, end) = (c.byte_at_area(start16), c.byte_at_area(end16));
            let line_start = c.text[..start].rfind('\n').map_or(0, |i| i + 1);
            if key == "Enter" {
                // A new line keeps the indentation, one step more after `key:`.
                let line = &c.text[line_start..start];
                let indent = line.len() - line.trim_start_matches(' ').len();
                let more =
                    if line.trim_end().ends_with(':') || line.trim_end().ends_with(['{', '[']) {
                        code::INDENT
                    } else {
                        ""
                    };
                let insert = format!("\n{}{more}", &line[..indent]);
                drop(c);
                if insert_text(&insert) {
                    e.prevent_default();
                }
                return;
            }
            e.prevent_default();
            // Tab types spaces at the caret; with a selection it indents the lines.
            if !e.shift_key() && start == end {
                drop(c);
                if !insert_text(code::INDENT) {
                    let _ = area.set_range_text(code::INDENT);
                }
                return;
            }
            // Whole lines: from the first selected line to the last (a selection that
            // ends at a line's start leaves that line alone).
            let end_line = if end > start && c.text[..end].ends_with('\n') {
                end - 1
            } else {
                end
            };
            let line_end = c.text[end_line..]
                .find('\n')
                .map_or(c.text.len(), |i| end_line + i);
            let block = &c.text[line_start..line_end];
            let (new_block, first_delta) = code::reindent(block, e.shift_key());
            if new_block == block {
                return;
            }
            let (ls16, le16) = (c.area_at(line_start), c.area_at(line_end));
            let new_len16 = new_block.encode_utf16().count() as u32;
            drop(c);
            let _ = area.set_selection_range(ls16, le16);
            if !insert_text(&new_block) {
                let _ = area.set_range_text(&new_block);
            }
            if start16 == end16 {
                let at = (start16 as i64 + first_delta as i64).max(ls16 as i64) as u32;
                let _ = area.set_selection_range(at, at);
            } else {
                let _ = area.set_selection_range(ls16, ls16 + new_len16);
            }
        })
    };

    // What is drawn: the lines in view.
    let typing = timer.borrow().is_some();
    let mut c = cur.borrow_mut();
    let json = code::is_json(&c.text) || (c.text.trim().is_empty() && props.format == Format::Json);
    let (top, left, height) = *metrics;
    let n = c.lines.len();
    let first = (((top - PAD_Y).max(0.0) / LINE_HEIGHT) as usize)
        .saturating_sub(SLACK)
        .min(n);
    let last = (first + (height / LINE_HEIGHT).ceil() as usize + 2 * SLACK).min(n);
    let lines_html: Vec<Html> = (first..last)
        .map(|i| {
            let line = c.line(i);
            if !json && code::in_block_scalar(|j| c.line(j), i) {
                html! { <div class="cl tok-text">{ line }</div> }
            } else {
                html! { <div class="cl">{ line_html(line, json) }</div> }
            }
        })
        .collect();
    let numbers: String = (first + 1..=last).map(|i| format!("{i}\n")).collect();
    let band = |range: LineRange, class: &'static str| {
        let y = (range.first as f64 - 1.0 - first as f64) * LINE_HEIGHT;
        let h = (range.last - range.first + 1) as f64 * LINE_HEIGHT;
        html! { <div class={classes!("code-band", class)} style={format!("top:{y}px;height:{h}px")}></div> }
    };
    // While typing, the band may lag a line until the text is read.
    let selected_range = props.selected.as_ref().and_then(|id| {
        let outline = if typing {
            c.outline_while_typing()
        } else {
            c.outline()
        };
        outline
            .iter()
            .find(|e| e.key == id.as_str())
            .map(|e| e.lines)
    });
    let error_line = props.error.as_ref().map(|e| e.pos.line.max(1));
    let error_bubble = props.error.as_ref().map(|e| {
        let line = e.pos.line.max(1);
        let y = (line as f64 - first as f64) * LINE_HEIGHT;
        let width = (line as usize)
            .checked_sub(1)
            .filter(|&i| i < n)
            .map_or(0, |i| c.line(i).chars().count());
        let x = width.min(160) + 3;
        html! {
            <div class="code-error-inline" style={format!("top:{y}px;left:calc({x}ch + 12px)")}>
                { fill(s.code_error_at, &[&e.pos.line.to_string(), &e.pos.col.to_string(), &e.message]) }
            </div>
        }
    });
    let shift = format!(
        "transform:translate({}px,{}px)",
        -left,
        PAD_Y + first as f64 * LINE_HEIGHT - top
    );
    let gutter_shift = format!(
        "transform:translateY({}px)",
        PAD_Y + first as f64 * LINE_HEIGHT - top
    );
    let digits = n.max(1).to_string().len().max(2);
    let error_id = "code-error";
    drop(c);

    html! {
        <div class={classes!("code-editor", props.error.is_some().then_some("has-error"))}
            style={format!("--gutter-digits:{digits}")}>
            <div class="code-gutter-col" aria-hidden="true">
                <pre class="code-numbers" style={gutter_shift}>{ numbers }</pre>
                if let Some(l) = error_line {
                    if (l as usize) > first && (l as usize) <= last {
                        <span class="code-gutter-error" style={format!("top:{}px", PAD_Y + (l as f64 - 1.0) * LINE_HEIGHT - top)}></span>
                    }
                }
            </div>
            <div class="code-main">
                <div class="code-overlay" aria-hidden="true">
                    <div class="code-layer" style={shift}>
                        if let Some(r) = selected_range { { band(r, "selected") } }
                        if let Some(r) = *flash { { band(r, "flash") } }
                        if let Some(l) = error_line { { band(LineRange { first: l, last: l }, "error") } }
                        <pre class="code-lines">{ for lines_html }</pre>
                        { error_bubble.unwrap_or_default() }
                    </div>
                </div>
                <div class="code-scroll" onscroll={on_scroll}>
                <div class="code-space"></div>
                <textarea ref={area_ref} class="code-input" wrap="off" spellcheck="false"
                    autocomplete="off" autocapitalize="off" aria-label={s.code_source}
                    aria-invalid={props.error.is_some().then_some("true")}
                    aria-describedby={props.error.is_some().then_some(error_id)}
                    oninput={on_input} onkeydown={on_key_down} onkeyup={on_key_up} onclick={on_click}
                    onmousedown={on_mouse_down}/>
                </div>
            </div>
            if let Some(e) = &props.error {
                <div class="code-status error" id={error_id} role="status">
                    <span class="code-status-title">{ fill(s.code_error_line, &[&e.pos.line.to_string(), &e.pos.col.to_string()]) }</span>
                    <span class="code-status-message">{ e.message.clone() }</span>
                    <span class="code-status-note">{ s.code_error_keeps }</span>
                </div>
            }
        </div>
    }
}
