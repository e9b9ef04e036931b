//! The code pane: the template as YAML or JSON text, edited in place.
//!
//! A plain `<textarea>` takes the keys (so typing, the caret, the clipboard, undo and
//! screen readers behave as everywhere), drawn with transparent letters over a layer
//! that colours the same text. That layer, and the line numbers, are drawn only for
//! the lines in view, and the textarea holds only a window of lines around the view
//! (see [`pane`]), placed among all the lines in a scroller as tall as the whole text:
//! a browser lays out a textarea's whole text on every key and paints its whole
//! selection, which for a long template takes seconds.
//!
//! Select all is the pane's: the textarea selects its window, which stands for the
//! whole text; copy and cut then carry the whole text, and typing, a paste or a
//! deletion replaces it, as one step the pane undoes itself (Ctrl+Z). The browser's
//! context menu and the Edit menu select, copy and cut the same way.
//!
//! Edits go both ways. A change of the document (canvas, inspector, undo) replaces
//! the text; typed text is read soon after typing stops (`debounce_ms`) and, when it
//! is a template, becomes the document as one undoable step; text that does not read
//! shows its error on its line while the diagram keeps its last good state. The
//! selected resource's text is highlighted and scrolled to; putting the cursor in a
//! resource's text selects it on the canvas.

pub mod pane;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use formwork_core::code::{self, LineRange, Tok};
use formwork_core::template::{Format, ParseError};
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew::virtual_dom::{Key, VTag};

use crate::Dispatch;
use crate::components::esc;
use crate::dom::perf;
use crate::files::{FileAction, Reveal};
use crate::i18n::{Lang, fill};
use crate::state::Action;
use pane::{Pane, WINDOW};

/// Line height and padding of the text, in CSS pixels (as styled in `.code-editor`).
pub const LINE_HEIGHT: f64 = 20.0;
const PAD_Y: f64 = 8.0;
/// Lines drawn beyond those in view, above and below.
const SLACK: usize = 15;
/// A text longer than this is read later after typing stops.
const LONG_TEXT: usize = 256 * 1024;
/// How long after the last keystroke the text is read: 150 ms, so that with reading
/// and redrawing (some 50 ms for the corpus's largest template) the canvas follows
/// within 300 ms of typing stopping; 300 ms for a long text, where reading takes long
/// enough (about 200 ms at 1 MB) that doing it in a pause between keys would stall
/// typing.
fn debounce_ms(text_len: usize) -> u32 {
    if text_len > LONG_TEXT { 300 } else { 150 }
}
/// A paste longer than this is put in the text by the pane rather than the browser,
/// so the textarea never holds it whole.
const LONG_PASTE: usize = 16 * 1024;
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

/// The lines (from 0, the last one past) a view scrolled to `top` and `height` high
/// shows, give or take one.
fn lines_in_view(top: f64, height: f64) -> (usize, usize) {
    let first = ((top - PAD_Y).max(0.0) / LINE_HEIGHT) as usize;
    (first, first + (height / LINE_HEIGHT).ceil() as usize + 1)
}

/// The scroller's position and height: `(top, left, height)`, as last read.
type Metrics = (f64, f64, f64);

/// Which lines the textarea is to hold.
#[derive(Clone, Copy)]
enum Want {
    /// Those around the view.
    View,
    /// Those around this line (from 1).
    Line(u32),
}

/// The element that scrolls the text: the textarea sits in it, as tall and wide as
/// the lines it holds, at their place among all the lines.
fn scroller(area: &web_sys::HtmlTextAreaElement) -> Option<web_sys::Element> {
    area.parent_element()
}

/// Places and sizes the textarea for its window, and sizes the space of all lines.
/// Only styles are written, so nothing here makes the browser lay out the page early.
fn fit_textarea(area: &web_sys::HtmlTextAreaElement, p: &Pane) {
    let (first, last) = p.window;
    let widest = p
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
                2.0 * PAD_Y + (p.lines.count() + 1) as f64 * LINE_HEIGHT
            ),
        );
    }
}

/// The textarea never scrolls itself (its lines are where the coloured ones are);
/// after typing grew it past its height it may have: put it back.
fn unscroll(area: &web_sys::HtmlTextAreaElement) {
    if area.scroll_top() != 0 {
        area.set_scroll_top(0);
    }
    if area.scroll_left() != 0 {
        area.set_scroll_left(0);
    }
}

/// Gives the textarea the lines `want` asks for (for a view at `metrics`), keeping
/// the selection where it still falls among them; with the whole text selected, it
/// selects its whole window.
fn show_window(area: &web_sys::HtmlTextAreaElement, p: &mut Pane, want: Want, metrics: Metrics) {
    let (top, _, height) = metrics;
    let (base, end) = p.window_u16();
    let len = end - base;
    let selection = p.detached.take().unwrap_or_else(|| {
        let start = area.selection_start().ok().flatten().unwrap_or(0).min(len);
        let end = area
            .selection_end()
            .ok()
            .flatten()
            .unwrap_or(start)
            .min(len);
        (start + base, end + base)
    });
    let view = match want {
        Want::View => lines_in_view(top, height),
        Want::Line(l) => lines_in_view(PAD_Y + l.saturating_sub(1) as f64 * LINE_HEIGHT, height),
    };
    p.window = WINDOW.around(view, p.lines.count());
    // The same lines keep the textarea's own undo history.
    if area.value() != p.window_text() {
        area.set_value(p.window_text());
    }
    fit_textarea(area, p);
    if p.all {
        area.select();
        return;
    }
    let (base, end) = p.window_u16();
    if (base..=end).contains(&selection.0) && (base..=end).contains(&selection.1) {
        let _ = area.set_selection_range(selection.0 - base, selection.1 - base);
    } else {
        let in_view = view.0.clamp(p.window.0, p.window.1);
        p.parked = p.u16_at(p.lines.start(in_view)) - base;
        let _ = area.set_selection_range(p.parked, p.parked);
        p.detached = Some(selection);
    }
}

/// Puts the caret at a UTF-16 offset of the whole text, moving the window there.
fn place_caret(area: &web_sys::HtmlTextAreaElement, p: &mut Pane, at: u32, metrics: Metrics) {
    let line = p.line_of(p.byte_at(at));
    p.detached = Some((at, at));
    show_window(area, p, Want::Line(line), metrics);
    scroll_to_line(area, line, false);
}

/// A key that moves the caret without changing the text.
fn moves_caret(key: &str) -> bool {
    matches!(
        key,
        "ArrowUp"
            | "ArrowDown"
            | "ArrowLeft"
            | "ArrowRight"
            | "PageUp"
            | "PageDown"
            | "Home"
            | "End"
    )
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

/// The text of a clipboard event, and a way to set it.
fn clipboard_data(e: &Event) -> Option<web_sys::DataTransfer> {
    e.dyn_ref::<web_sys::ClipboardEvent>()?.clipboard_data()
}

/// What a key does to a wholly selected text: the text it leaves (`None` for keys
/// that do not edit), and whether the browser still types the key after (an input
/// method composing into the emptied text).
fn replacing_key(key: &str, ctrl: bool, alt: bool) -> Option<(&str, bool)> {
    if ctrl || alt {
        return None;
    }
    match key {
        "Backspace" | "Delete" => Some(("", false)),
        "Enter" => Some(("\n", false)),
        "Process" | "Unidentified" | "Dead" => Some(("", true)),
        k if k.chars().count() == 1 => Some((k, false)),
        _ => None,
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

/// A line of text, coloured, as markup: one piece for the browser to read rather than
/// an element per token built one call at a time.
fn line_markup(line: &str, json: bool) -> String {
    let (coloured, rest) = if line.len() > COLOUR_LIMIT {
        let mut cut = COLOUR_LIMIT;
        while !line.is_char_boundary(cut) {
            cut -= 1;
        }
        line.split_at(cut)
    } else {
        (line, "")
    };
    let mut out = String::with_capacity(line.len() * 2 + 32);
    for (t, r) in code::highlight(coloured, json) {
        let text = esc(&coloured[r]);
        match token_class(t) {
            Some(class) => {
                out.push_str("<span class=\"");
                out.push_str(class);
                out.push_str("\">");
                out.push_str(&text);
                out.push_str("</span>");
            }
            None => out.push_str(&text),
        }
    }
    out.push_str(&esc(rest));
    out
}

/// A line's element, keyed by its number so that a scroll keeps the lines still in
/// view and draws only those that come into it.
fn line_element(i: usize, class: &'static str, markup: String) -> Html {
    let mut div = VTag::new("div");
    div.add_attribute("class", AttrValue::Static(class));
    div.add_child(Html::from_html_unchecked(AttrValue::from(markup)));
    div.key = Some(Key::from(i));
    div.into()
}

#[component(CodeEditor)]
pub fn code_editor(props: &CodeEditorProps) -> Html {
    let s = props.lang.strings();
    let area_ref = use_node_ref();
    let cur = use_mut_ref(|| Pane::new(props.text.clone()));
    let tick = use_state(|| 0u32);
    // Scroll position and height of the scroller.
    let metrics = use_state_eq(|| (0.0f64, 0.0f64, 600.0f64));
    // The same, for listeners: read where they are, not from the page (which would
    // make the browser lay it out there and then).
    let known: Rc<Cell<Metrics>> = use_memo((), |_| Cell::new((0.0, 0.0, 600.0)));
    let timer: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    // The resource last selected by moving the cursor (not to be scrolled to).
    let cursor_pick: Rc<RefCell<Option<String>>> = use_mut_ref(|| None);
    // The cursor moved while typing was still being read: pick once the text is.
    let pick_pending: Rc<RefCell<bool>> = use_mut_ref(|| false);
    // After Escape, Tab leaves the text instead of indenting.
    let tab_leaves = use_mut_ref(|| Cell::new(false));
    let flash = use_state_eq(|| None::<LineRange>);
    known.set(*metrics);

    // A new text from the document replaces what the textarea holds, unless it is the
    // echo of what was typed.
    {
        let mut c = cur.borrow_mut();
        if c.prop != props.text {
            c.prop = props.text.clone();
            let echo = c.sent.as_ref() == Some(&props.text);
            if !echo && c.text != props.text {
                c.set(props.text.clone());
                c.forget_replacements();
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
        let at = *metrics;
        use_effect(move || {
            let mut c = cur.borrow_mut();
            if c.stale
                && let Some(area) = textarea(&area_ref)
            {
                c.stale = false;
                show_window(&area, &mut c, Want::View, at);
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
        let known = known.clone();
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
            c.all = false;
            c.detached = None;
            let line_start = c.lines.start(range.first as usize - 1);
            let at = c.u16_at(line_start);
            let _ = area.focus();
            place_caret(&area, &mut c, at, known.get());
            scroll_to_line(&area, range.first, true);
            flash.set(Some(range));
        });
    }

    let read_metrics = {
        let metrics = metrics.clone();
        let known = known.clone();
        let area_ref = area_ref.clone();
        move || {
            if let Some(a) = textarea(&area_ref).and_then(|a| scroller(&a)) {
                let m = (
                    a.scroll_top() as f64,
                    a.scroll_left() as f64,
                    a.client_height() as f64,
                );
                known.set(m);
                metrics.set(m);
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
    // Scrolling moves the window along (unless part of the text is selected, which
    // must stay whole; all of it is selected anew in the new window).
    let on_scroll = {
        let read_metrics = read_metrics.clone();
        let cur = cur.clone();
        let area_ref = area_ref.clone();
        let known = known.clone();
        Callback::from(move |_: Event| {
            read_metrics();
            if let Some(area) = textarea(&area_ref) {
                let mut c = cur.borrow_mut();
                let collapsed = area.selection_start().ok() == area.selection_end().ok();
                let (top, left, height) = known.get();
                if (collapsed || c.all)
                    && WINDOW.lags(c.window, lines_in_view(top, height), c.lines.count())
                {
                    show_window(&area, &mut c, Want::View, (top, left, height));
                }
            }
        })
    };
    // A click puts the caret where it lands, in the window.
    let on_mouse_down = {
        let cur = cur.clone();
        let tick = tick.clone();
        Callback::from(move |_: MouseEvent| {
            let mut c = cur.borrow_mut();
            c.detached = None;
            if std::mem::take(&mut c.all) {
                tick.set(tick.wrapping_add(1));
            }
        })
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
            if c.all {
                return;
            }
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
            if moves_caret(&e.key()) {
                pick();
            }
        })
    };

    // The text is read into the document soon after it last changed.
    let read_later: Rc<dyn Fn(AttrValue)> = {
        let cur = cur.clone();
        let tick = tick.clone();
        let timer = timer.clone();
        let dispatch = props.dispatch.clone();
        let file_id = props.file_id.clone();
        let flash = flash.clone();
        let pick = pick_at_cursor.clone();
        let pick_pending = pick_pending.clone();
        Rc::new(move |text: AttrValue| {
            let wait = debounce_ms(text.len());
            crate::autosave::typing(&file_id, Some(text.clone()));
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

    // The pane replaces the whole text (select all and type, cut, paste; a long paste)
    // and puts the caret at `caret`.
    let replace = {
        let cur = cur.clone();
        let area_ref = area_ref.clone();
        let read_later = read_later.clone();
        let known = known.clone();
        Rc::new(move |text: AttrValue, caret: u32| {
            let Some(area) = textarea(&area_ref) else {
                return;
            };
            let mut c = cur.borrow_mut();
            c.replace(text.clone(), caret);
            let m = known.get();
            place_caret(&area, &mut c, caret, m);
            drop(c);
            read_later(text);
        })
    };

    let on_input = {
        let cur = cur.clone();
        let area_ref = area_ref.clone();
        let read_later = read_later.clone();
        Callback::from(move |_: InputEvent| {
            let Some(area) = textarea(&area_ref) else {
                return;
            };
            perf::mark("fw-code-key-start");
            let typed = area.value();
            let text = {
                let mut c = cur.borrow_mut();
                if c.all {
                    // The browser replaced the selected window, which stood for all.
                    let text = AttrValue::from(typed);
                    let caret = area.selection_end().ok().flatten().unwrap_or(0);
                    c.replace(text.clone(), caret);
                    c.window = (0, c.lines.count());
                    fit_textarea(&area, &c);
                    text
                } else {
                    let (start, end) = c.window_bytes();
                    let text =
                        AttrValue::from(format!("{}{typed}{}", &c.text[..start], &c.text[end..]));
                    let first = c.window.0;
                    c.set_typed(text.clone());
                    c.window = (first, first + typed.matches('\n').count() + 1);
                    fit_textarea(&area, &c);
                    text
                }
            };
            unscroll(&area);
            read_later(text);
        })
    };

    // Select all: the window selected, standing for the whole text.
    let select_all = {
        let cur = cur.clone();
        let tick = tick.clone();
        move |area: &web_sys::HtmlTextAreaElement| {
            let mut c = cur.borrow_mut();
            c.all = true;
            c.detached = None;
            area.select();
            drop(c);
            tick.set(tick.wrapping_add(1));
        }
    };
    // The browser selected everything the textarea holds (its context menu's Select
    // all, or the Edit menu's): that is the whole text.
    let on_select = {
        let cur = cur.clone();
        let area_ref = area_ref.clone();
        let select_all = select_all.clone();
        Callback::from(move |_: Event| {
            let Some(area) = textarea(&area_ref) else {
                return;
            };
            let len = area.value().encode_utf16().count() as u32;
            let whole = area.selection_start().ok().flatten() == Some(0)
                && area.selection_end().ok().flatten() == Some(len)
                && len > 0;
            if whole && !cur.borrow().all {
                select_all(&area);
            }
        })
    };
    let on_copy = {
        let cur = cur.clone();
        Callback::from(move |e: Event| {
            let c = cur.borrow();
            if c.all
                && let Some(data) = clipboard_data(&e)
                && data.set_data("text/plain", &c.text).is_ok()
            {
                e.prevent_default();
            }
        })
    };
    let on_cut = {
        let cur = cur.clone();
        let replace = replace.clone();
        Callback::from(move |e: Event| {
            let all = {
                let c = cur.borrow();
                c.all
                    && clipboard_data(&e).is_some_and(|d| d.set_data("text/plain", &c.text).is_ok())
            };
            if all {
                e.prevent_default();
                replace(AttrValue::Static(""), 0);
            }
        })
    };
    let on_paste = {
        let cur = cur.clone();
        let area_ref = area_ref.clone();
        let replace = replace.clone();
        Callback::from(move |e: Event| {
            let Some(pasted) = clipboard_data(&e).and_then(|d| d.get_data("text/plain").ok())
            else {
                return;
            };
            let Some(area) = textarea(&area_ref) else {
                return;
            };
            let (text, caret) = {
                let c = cur.borrow();
                if c.all {
                    let caret = pasted.encode_utf16().count() as u32;
                    (pasted, caret)
                } else if pasted.len() > LONG_PASTE {
                    let start16 = area.selection_start().ok().flatten().unwrap_or(0);
                    let end16 = area.selection_end().ok().flatten().unwrap_or(start16);
                    let (start, end) = (c.byte_at_area(start16), c.byte_at_area(end16));
                    let caret = c.u16_at(start) + pasted.encode_utf16().count() as u32;
                    (
                        format!("{}{pasted}{}", &c.text[..start], &c.text[end..]),
                        caret,
                    )
                } else {
                    return;
                }
            };
            e.prevent_default();
            replace(AttrValue::from(text), caret);
        })
    };

    let on_key_down = {
        let cur = cur.clone();
        let area_ref = area_ref.clone();
        let tab_leaves = tab_leaves.clone();
        let tick = tick.clone();
        let replace = replace.clone();
        let read_later = read_later.clone();
        let select_all = select_all.clone();
        let known = known.clone();
        Callback::from(move |e: KeyboardEvent| {
            let key = e.key();
            let ctrl = e.ctrl_key() || e.meta_key();
            let Some(area) = textarea(&area_ref) else {
                return;
            };
            if matches!(key.as_str(), "Shift" | "Control" | "Alt" | "Meta") {
                return;
            }
            let metrics = known.get();
            {
                let mut c = cur.borrow_mut();
                // The caret was put somewhere in the window since (a click, assistive
                // technology, a script): that is where to type.
                let parked = Some(c.parked);
                let placed = area.selection_start().ok().flatten() != parked
                    || area.selection_end().ok().flatten() != parked;
                if placed {
                    c.detached = None;
                }
                if let Some((at, _)) = c.detached
                    && !c.all
                {
                    // The window moved away from the caret: bring it back to type there.
                    let line = c.line_of(c.byte_at(at));
                    show_window(&area, &mut c, Want::Line(line), metrics);
                    scroll_to_line(&area, line, false);
                }
            }
            if ctrl && key.eq_ignore_ascii_case("a") {
                e.prevent_default();
                select_all(&area);
                return;
            }
            // The pane's own replacements are undone here; the rest by the browser.
            let undo = ctrl && key.eq_ignore_ascii_case("z") && !e.shift_key();
            let redo = ctrl
                && (key.eq_ignore_ascii_case("y")
                    || (key.eq_ignore_ascii_case("z") && e.shift_key()));
            if undo || redo {
                let mut c = cur.borrow_mut();
                let done = if undo { c.undo() } else { c.redo() };
                if let Some(r) = done {
                    e.prevent_default();
                    let text = c.text.clone();
                    if c.all {
                        show_window(&area, &mut c, Want::View, metrics);
                    } else {
                        let at = if undo { 0 } else { r.caret_after };
                        place_caret(&area, &mut c, at, metrics);
                    }
                    drop(c);
                    read_later(text);
                }
                return;
            }
            let all = cur.borrow().all;
            if all {
                if moves_caret(&key) {
                    let mut c = cur.borrow_mut();
                    c.all = false;
                    if !e.shift_key() {
                        // To the start or the end of the whole text.
                        e.prevent_default();
                        let to_start =
                            matches!(key.as_str(), "ArrowUp" | "ArrowLeft" | "PageUp" | "Home");
                        let at = if to_start { 0 } else { c.lines.len16() };
                        place_caret(&area, &mut c, at, metrics);
                    }
                    drop(c);
                    tick.set(tick.wrapping_add(1));
                    return;
                }
                if let Some((text, browser_types)) = replacing_key(&key, ctrl, e.alt_key()) {
                    if !browser_types {
                        e.prevent_default();
                    }
                    let caret = text.encode_utf16().count() as u32;
                    replace(AttrValue::from(text.to_string()), caret);
                    return;
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
            if ctrl || e.alt_key() {
                return;
            }
            if key == "Tab" && tab_leaves.borrow().replace(false) {
                return;
            }
            if all && key == "Tab" {
                e.prevent_default();
                let caret = code::INDENT.len() as u32;
                replace(AttrValue::Static(code::INDENT), caret);
                return;
            }
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
    let n = c.lines.count();
    let first = (((top - PAD_Y).max(0.0) / LINE_HEIGHT) as usize)
        .saturating_sub(SLACK)
        .min(n);
    let last = (first + (height / LINE_HEIGHT).ceil() as usize + 2 * SLACK).min(n);
    let lines_html: Vec<Html> = (first..last)
        .map(|i| {
            let line = c.line(i);
            if !json && code::in_block_scalar(|j| c.line(j), i) {
                line_element(i, "cl tok-text", esc(line).into_owned())
            } else {
                line_element(i, "cl", line_markup(line, json))
            }
        })
        .collect();
    let numbers: String = (first + 1..=last).map(|i| format!("{i}\n")).collect();
    let band = |range: LineRange, class: &'static str| {
        let y = (range.first as f64 - 1.0 - first as f64) * LINE_HEIGHT;
        let h = (range.last - range.first + 1) as f64 * LINE_HEIGHT;
        html! { <div class={classes!("code-band", class)} style={format!("top:{y}px;height:{h}px")}></div> }
    };
    // The whole text selected: one band over every line, drawn for those in view.
    let all_band = c.all.then(|| {
        let (shown_first, shown_last) = (first as u32 + 1, (last as u32).max(first as u32 + 1));
        band(
            LineRange {
                first: shown_first,
                last: shown_last,
            },
            "all",
        )
    });
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
    let all = c.all;
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
                        { all_band.unwrap_or_default() }
                        if let Some(r) = selected_range { { band(r, "selected") } }
                        if let Some(r) = *flash { { band(r, "flash") } }
                        if let Some(l) = error_line { { band(LineRange { first: l, last: l }, "error") } }
                        <pre class="code-lines">{ for lines_html }</pre>
                        { error_bubble.unwrap_or_default() }
                    </div>
                </div>
                <div class="code-scroll" onscroll={on_scroll}>
                <div class="code-space"></div>
                <textarea ref={area_ref} class={classes!("code-input", all.then_some("all"))} wrap="off" spellcheck="false"
                    autocomplete="off" autocapitalize="off" aria-label={s.code_source}
                    aria-invalid={props.error.is_some().then_some("true")}
                    aria-describedby={props.error.is_some().then_some(error_id)}
                    oninput={on_input} onkeydown={on_key_down} onkeyup={on_key_up} onclick={on_click}
                    onmousedown={on_mouse_down} onselect={on_select} oncopy={on_copy} oncut={on_cut}
                    onpaste={on_paste}/>
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
