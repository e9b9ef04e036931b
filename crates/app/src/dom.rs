//! Small browser helpers shared by components.

use formwork_core::diagram::{Affine, Point};
use wasm_bindgen::{JsCast, JsValue};

/// The id of the canvas `<svg>`, which the palette drops resources onto.
pub const CANVAS_SVG_ID: &str = "fw-canvas";

/// Maps a client (viewport) point into the user space of an SVG element through its
/// screen CTM, so CSS zoom, scrolling and borders are all accounted for.
pub fn client_to_svg(svg: &web_sys::SvgGraphicsElement, client: Point) -> Option<Point> {
    let m = svg.get_screen_ctm()?;
    Affine {
        a: m.a() as f64,
        b: m.b() as f64,
        c: m.c() as f64,
        d: m.d() as f64,
        e: m.e() as f64,
        f: m.f() as f64,
    }
    .apply_inverse(client)
}

/// The client point of a mouse or pointer event.
pub fn client_point(e: &web_sys::MouseEvent) -> Point {
    Point::new(e.client_x() as f64, e.client_y() as f64)
}

/// The canvas `<svg>`, when it is on the page.
pub fn canvas_svg() -> Option<web_sys::SvgGraphicsElement> {
    gloo::utils::document()
        .get_element_by_id(CANVAS_SVG_ID)?
        .dyn_into()
        .ok()
}

/// True when the page address carries `?name` or `?name=...` (also after `&`).
pub fn query_flag(name: &str) -> bool {
    let search = gloo::utils::window()
        .location()
        .search()
        .unwrap_or_default();
    search
        .trim_start_matches('?')
        .split('&')
        .any(|part| part.split('=').next() == Some(name))
}

/// Offers text as a file download.
pub fn download_text(file_name: &str, text: &str, mime: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    download_blob(file_name, &blob)
}

/// Offers a blob as a file download, through a hidden link clicked once.
pub fn download_blob(file_name: &str, blob: &web_sys::Blob) -> Result<(), JsValue> {
    let url = web_sys::Url::create_object_url_with_blob(blob)?;
    let a: web_sys::HtmlAnchorElement = gloo::utils::document()
        .create_element("a")?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(file_name);
    a.set_hidden(true);
    let body = gloo::utils::body();
    body.append_child(&a)?;
    a.click();
    body.remove_child(&a)?;
    web_sys::Url::revoke_object_url(&url)
}

/// Copies text to the clipboard; resolves to whether it worked.
pub async fn copy_text(text: &str) -> bool {
    let promise = gloo::utils::window()
        .navigator()
        .clipboard()
        .write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// True when keyboard input goes to a text field, where shortcuts must not fire.
pub fn is_text_input(target: Option<web_sys::EventTarget>) -> bool {
    let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) else {
        return false;
    };
    if el.is_content_editable() {
        return true;
    }
    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
}

/// True when Space belongs to the focused control of the page's HTML: a button, a
/// link, a menu item, a tab or a checkbox presses with it. (The canvas's boxes are
/// SVG: Space there is the canvas's own.)
pub fn takes_space(target: Option<web_sys::EventTarget>) -> bool {
    let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) else {
        return false;
    };
    matches!(el.tag_name().as_str(), "BUTTON" | "A" | "SUMMARY")
        || el.get_attribute("role").is_some_and(|r| {
            matches!(
                r.as_str(),
                "button" | "menuitem" | "menuitemcheckbox" | "tab" | "checkbox" | "option"
            )
        })
}

/// Moves keyboard focus to the element, if it is one that can take it.
pub fn focus(el: Option<web_sys::Element>) {
    if let Some(el) = el.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// The code pane's textarea.
pub fn code_pane() -> Option<web_sys::HtmlTextAreaElement> {
    gloo::utils::document()
        .query_selector("textarea.code-input")
        .ok()
        .flatten()?
        .dyn_into()
        .ok()
}

/// Runs an editing command (`selectAll`, `copy`, `cut`) in the code pane, as its
/// keys would: the pane turns it into one on the whole text where all is selected.
pub fn code_pane_command(command: &str) -> bool {
    let Some(area) = code_pane() else {
        return false;
    };
    let _ = area.focus();
    gloo::utils::document()
        .dyn_into::<web_sys::HtmlDocument>()
        .ok()
        .and_then(|d| d.exec_command(command).ok())
        .unwrap_or(false)
}

/// Pastes text into the code pane as a paste there would (the Edit menu's Paste reads
/// the clipboard itself): the pane's own paste handling first, else typed in.
pub fn code_pane_paste(text: &str) {
    let Some(area) = code_pane() else {
        return;
    };
    let _ = area.focus();
    let data = web_sys::DataTransfer::new().ok();
    let taken = data.is_some_and(|data| {
        let _ = data.set_data("text/plain", text);
        let init = web_sys::ClipboardEventInit::new();
        init.set_bubbles(true);
        init.set_cancelable(true);
        init.set_clipboard_data(Some(&data));
        web_sys::ClipboardEvent::new_with_event_init_dict("paste", &init)
            .is_ok_and(|e| !area.dispatch_event(&e).unwrap_or(true))
    });
    if !taken {
        let _ = gloo::utils::document()
            .dyn_into::<web_sys::HtmlDocument>()
            .ok()
            .and_then(|d| {
                d.exec_command_with_show_ui_and_value("insertText", false, text)
                    .ok()
            });
    }
}

/// Focuses an element without scrolling anything to reveal it (the canvas is moved
/// by its viewport, never by scrolling).
pub fn focus_quietly(el: &web_sys::Element) {
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    if let Some(h) = el.dyn_ref::<web_sys::HtmlElement>() {
        let _ = h.focus_with_options(&options);
    } else if let Some(s) = el.dyn_ref::<web_sys::SvgElement>() {
        let _ = s.focus_with_options(&options);
    }
}

/// The element of `target` or its nearest ancestor matching a selector.
pub fn closest(target: Option<web_sys::EventTarget>, selector: &str) -> Option<web_sys::Element> {
    target?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest(selector)
        .ok()
        .flatten()
}

/// Reads the clipboard's text (the Edit menu's Paste; keyboard paste uses the paste
/// event, which needs no permission).
pub async fn read_clipboard() -> Option<String> {
    let promise = gloo::utils::window().navigator().clipboard().read_text();
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()?
        .as_string()
}

/// Fetches a text file relative to the page; `None` when it cannot be had.
pub async fn fetch_text(url: &str) -> Option<String> {
    let response = wasm_bindgen_futures::JsFuture::from(gloo::utils::window().fetch_with_str(url))
        .await
        .ok()?
        .dyn_into::<web_sys::Response>()
        .ok()?;
    if !response.ok() {
        return None;
    }
    wasm_bindgen_futures::JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()
}

/// Performance marks and measures around the work the benchmark watches: opening a
/// template (`fw-open`) and handling each pointer move of a drag (`fw-drag-frame`).
pub mod perf {
    fn performance() -> Option<web_sys::Performance> {
        web_sys::window()?.performance()
    }

    pub fn now() -> f64 {
        performance().map_or(0.0, |p| p.now())
    }

    pub fn mark(name: &str) {
        if let Some(p) = performance() {
            let _ = p.mark(name);
        }
    }

    /// Whether a mark is waiting for its measure.
    pub fn pending(mark: &str) -> bool {
        performance()
            .is_some_and(|p| p.get_entries_by_name_with_entry_type(mark, "mark").length() > 0)
    }

    /// Records a measure from the mark `start` to now; false when there is no such mark.
    pub fn measure(name: &str, start: &str) -> bool {
        let Some(p) = performance() else {
            return false;
        };
        if p.get_entries_by_name_with_entry_type(start, "mark")
            .length()
            == 0
        {
            return false;
        }
        p.measure_with_start_mark(name, start).is_ok()
    }

    pub fn clear(mark: &str) {
        if let Some(p) = performance() {
            p.clear_marks_with_mark_name(mark);
        }
    }
}
