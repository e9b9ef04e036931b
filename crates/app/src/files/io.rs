//! Files in and out of the browser: reading a chosen or dropped file, downloads named
//! after the template's file, saving back to the same file where the browser offers
//! the File System Access API, share links, and the diagram as SVG or PNG.

use std::cell::RefCell;

use formwork_core::files::export_name;
use formwork_core::template::Format;
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::FileAction;
use crate::Dispatch;
use crate::components::icons::AWS_ICONS_ID;
use crate::dom;
use crate::i18n::{Strings, fill};
use crate::state::{Action, AppState};

/// The id of the hidden file input that "Open template" clicks.
pub const OPEN_INPUT_ID: &str = "fw-open-input";

thread_local! {
    /// The file the document can be saved back to: its name and its
    /// `FileSystemFileHandle` (from a drop or a save picker).
    static HANDLE: RefCell<Option<(String, JsValue)>> = const { RefCell::new(None) };
}

/// Forgets the file handle (another document was opened).
pub fn forget_handle() {
    HANDLE.with(|h| *h.borrow_mut() = None);
}

/// Remembers where the document called `name` can be saved.
pub fn keep_handle(name: &str, handle: JsValue) {
    HANDLE.with(|h| *h.borrow_mut() = Some((name.to_string(), handle)));
}

fn handle_for(name: &str) -> Option<JsValue> {
    HANDLE.with(|h| {
        h.borrow()
            .as_ref()
            .filter(|(n, _)| n == name)
            .map(|(_, handle)| handle.clone())
    })
}

fn mime(format: Format) -> &'static str {
    match format {
        Format::Yaml => "application/yaml",
        Format::Json => "application/json",
    }
}

/// Reads a file's text.
pub async fn read_text(file: &web_sys::File) -> Option<String> {
    JsFuture::from(file.text()).await.ok()?.as_string()
}

/// Reads a file and opens it as the document.
pub async fn open_file(file: web_sys::File, dispatch: Dispatch) {
    let file_name = file.name();
    let Some(text) = read_text(&file).await else {
        return;
    };
    // The benchmark measures from here to the drawn document.
    dom::perf::mark("fw-open-start");
    dispatch.dispatch(Action::OpenTemplate { file_name, text });
}

/// Clicks the hidden file input (File > Open template…, the "Open template" button).
pub fn choose_file() {
    if let Some(input) = gloo::utils::document()
        .get_element_by_id(OPEN_INPUT_ID)
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        input.set_value("");
        input.click();
    }
}

/// Downloads the document as YAML or JSON, named after its file.
pub fn export(state: &AppState, format: Format, dispatch: &Dispatch) {
    let text = state.text_in(format);
    let name = export_name(&state.file.name, format);
    match dom::download_text(&name, &text, mime(format)) {
        Ok(()) => dispatch.dispatch(Action::Files(FileAction::Saved {
            revision: state.view.revision,
            name: None,
        })),
        Err(e) => web_sys::console::warn_1(&e),
    }
}

/// Calls `method` on `target` with `args`, awaiting the promise it returns.
async fn call_async(target: &JsValue, method: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let f: js_sys::Function =
        js_sys::Reflect::get(target, &JsValue::from_str(method))?.dyn_into()?;
    let array: js_sys::Array = args.iter().collect();
    let promise: js_sys::Promise = f.apply(target, &array)?.dyn_into()?;
    JsFuture::from(promise).await
}

async fn write_to(handle: &JsValue, text: &str) -> Result<(), JsValue> {
    let writable = call_async(handle, "createWritable", &[]).await?;
    call_async(&writable, "write", &[JsValue::from_str(text)]).await?;
    call_async(&writable, "close", &[]).await?;
    Ok(())
}

fn is_abort(e: &JsValue) -> bool {
    e.dyn_ref::<js_sys::Error>()
        .is_some_and(|e| e.name() == "AbortError")
}

/// Saves the document: back to its file when the browser gave a handle for it, to a
/// file chosen now where the browser can save files, else as a download.
pub async fn save(state: AppState, dispatch: Dispatch) {
    let s = state.lang.strings();
    let format = state.code_format;
    let text = state.text_in(format);
    let revision = state.view.revision;
    let window: JsValue = gloo::utils::window().into();
    let saved = |name: Option<String>| {
        dispatch.dispatch(Action::Files(FileAction::Saved { revision, name }));
    };
    if let Some(handle) = handle_for(&state.file.name) {
        match write_to(&handle, &text).await {
            Ok(()) => return saved(None),
            Err(e) => web_sys::console::warn_1(&e),
        }
    }
    let picker = js_sys::Reflect::get(&window, &JsValue::from_str("showSaveFilePicker"))
        .ok()
        .filter(|f| f.is_function());
    if picker.is_some() {
        let options = js_sys::Object::new();
        let name = export_name(&state.file.name, format);
        let _ = js_sys::Reflect::set(&options, &"suggestedName".into(), &name.into());
        let accept = js_sys::Object::new();
        let exts: js_sys::Array = match format {
            Format::Yaml => [".yaml", ".yml"]
                .iter()
                .map(|e| JsValue::from_str(e))
                .collect(),
            Format::Json => [".json"].iter().map(|e| JsValue::from_str(e)).collect(),
        };
        let _ = js_sys::Reflect::set(&accept, &mime(format).into(), &exts);
        let kind = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&kind, &"description".into(), &format.name().into());
        let _ = js_sys::Reflect::set(&kind, &"accept".into(), &accept);
        let types: js_sys::Array = std::iter::once(JsValue::from(kind)).collect();
        let _ = js_sys::Reflect::set(&options, &"types".into(), &types);
        match call_async(&window, "showSaveFilePicker", &[options.into()]).await {
            Ok(handle) => {
                let name = js_sys::Reflect::get(&handle, &"name".into())
                    .ok()
                    .and_then(|n| n.as_string())
                    .unwrap_or_default();
                match write_to(&handle, &text).await {
                    Ok(()) => {
                        keep_handle(&name, handle);
                        return saved(Some(name));
                    }
                    Err(e) => {
                        web_sys::console::warn_1(&e);
                        dispatch
                            .dispatch(Action::Files(FileAction::Notice(s.save_failed.to_string())));
                        return;
                    }
                }
            }
            // The user closed the picker: nothing to do.
            Err(e) if is_abort(&e) => return,
            // Not allowed here (a sandboxed frame, automation): download instead.
            Err(e) => web_sys::console::warn_1(&e),
        }
    }
    export(&state, format, &dispatch);
}

/// The share link of the document, or why there is none.
pub fn share_link(state: &AppState) -> Result<String, &'static str> {
    let s = state.lang.strings();
    let page = gloo::utils::window().location().href().unwrap_or_default();
    let scenario = state.scenario.text.as_deref();
    formwork_core::files::share_link(&page, &state.text_in(state.code_format), scenario)
        .ok_or(s.share_too_long)
}

/// The template (and scenario) in the page address's fragment, if it holds one; the
/// fragment is removed so reloading the page does not open the link again over later
/// edits.
pub fn take_shared_template() -> Option<Result<formwork_core::share::Shared, String>> {
    let location = gloo::utils::window().location();
    let hash = location.hash().ok()?;
    if !hash.starts_with("#t1.") {
        return None;
    }
    if let Ok(history) = gloo::utils::window().history() {
        let url = location.href().unwrap_or_default();
        let base = url.split('#').next().unwrap_or("").to_string();
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&base));
    }
    Some(formwork_core::share::decode(&hash))
}

// The diagram as a picture.

/// Properties copied from the computed style onto each element of the exported SVG,
/// so it looks the same without the page's style sheet.
const STYLE_PROPS: &[&str] = &[
    "fill",
    "fill-opacity",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "stroke-dasharray",
    "stroke-linecap",
    "stroke-linejoin",
    "opacity",
    "font-family",
    "font-size",
    "font-weight",
    "font-style",
    "text-anchor",
    "dominant-baseline",
    "letter-spacing",
    "visibility",
    "display",
    "paint-order",
    "marker-start",
    "marker-end",
];

/// Space around the diagram in an exported picture.
const MARGIN: f64 = 24.0;

/// The diagram as a standalone SVG document (styles inlined, framed to its content),
/// and its size; `None` when the canvas is empty or absent.
pub fn diagram_svg(state: &AppState) -> Option<(String, f64, f64)> {
    let bounds = state.view.scene.bounds()?;
    let svg = dom::canvas_svg()?;
    // The whole drawing, not only the region around the view (see `.parked`).
    let parked: Vec<web_sys::Element> = svg
        .query_selector_all(".parked")
        .ok()
        .map(|list| {
            (0..list.length())
                .filter_map(|i| list.item(i)?.dyn_into().ok())
                .collect()
        })
        .unwrap_or_default();
    for el in &parked {
        let _ = el.class_list().remove_1("parked");
    }
    let clone: web_sys::Element = svg.clone_node_with_deep(true).ok()?.dyn_into().ok()?;
    inline_styles(&svg, &clone);
    for el in &parked {
        let _ = el.class_list().add_1("parked");
    }
    // What only makes sense on screen: the grid, ports, selection outlines, hints.
    for selector in [
        ".canvas-bg",
        ".overlay",
        ".ports",
        ".port",
        ".edge-hit",
        ".shape-ring",
        ".handles",
    ] {
        if let Ok(list) = clone.query_selector_all(selector) {
            for i in 0..list.length() {
                if let Some(n) = list.item(i)
                    && let Some(parent) = n.parent_node()
                {
                    let _ = parent.remove_child(&n);
                }
            }
        }
    }
    add_aws_patterns(&clone);
    let (w, h) = (bounds.width + 2.0 * MARGIN, bounds.height + 2.0 * MARGIN);
    let set = |el: &web_sys::Element, k: &str, v: &str| {
        let _ = el.set_attribute(k, v);
    };
    set(&clone, "xmlns", "http://www.w3.org/2000/svg");
    set(&clone, "width", &w.to_string());
    set(&clone, "height", &h.to_string());
    set(&clone, "viewBox", &format!("0 0 {w} {h}"));
    let _ = clone.remove_attribute("id");
    let _ = clone.remove_attribute("class");
    let _ = clone.remove_attribute("style");
    let _ = clone.remove_attribute("aria-describedby");
    if let Ok(Some(world)) = clone.query_selector("[data-testid=viewport]") {
        set(
            &world,
            "transform",
            &format!("translate({} {})", MARGIN - bounds.x, MARGIN - bounds.y),
        );
    }
    // A white page under the drawing.
    if let Ok(bg) =
        gloo::utils::document().create_element_ns(Some("http://www.w3.org/2000/svg"), "rect")
    {
        set(&bg, "width", "100%");
        set(&bg, "height", "100%");
        set(&bg, "fill", "#ffffff");
        let first = clone
            .query_selector("defs")
            .ok()
            .flatten()
            .and_then(|d| d.next_sibling());
        let _ = clone.insert_before(&bg, first.as_ref());
    }
    let text = web_sys::XmlSerializer::new()
        .ok()?
        .serialize_to_string(&clone)
        .ok()?;
    Some((text, w, h))
}

/// Copies into the exported drawing's `<defs>` the AWS icons it paints with (they
/// live outside the canvas, see `load_aws_icons`), so the file stands alone.
fn add_aws_patterns(clone: &web_sys::Element) {
    let document = gloo::utils::document();
    let (Ok(Some(defs)), Ok(patterns)) = (
        clone.query_selector("defs"),
        document.query_selector_all(&format!("#{AWS_ICONS_ID} pattern")),
    ) else {
        return;
    };
    for i in 0..patterns.length() {
        let Some(pattern) = patterns
            .item(i)
            .and_then(|p| p.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        // Inlined paints read `url(#fw-aws-…)` (see `inline_styles`).
        let used = format!("[style*=\"#{})\"]", pattern.id());
        if let (Ok(Some(_)), Ok(copy)) = (
            clone.query_selector(&used),
            pattern.clone_node_with_deep(true),
        ) {
            let _ = defs.append_child(&copy);
        }
    }
}

/// Copies the computed style of each element of `from` onto the same element of `to`
/// (a deep clone of it).
fn inline_styles(from: &web_sys::Element, to: &web_sys::Element) {
    let window = gloo::utils::window();
    let mut pairs = vec![(from.clone(), to.clone())];
    while let Some((a, b)) = pairs.pop() {
        if let Ok(Some(style)) = window.get_computed_style(&a) {
            let mut inline = String::new();
            for p in STYLE_PROPS {
                let v = style.get_property_value(p).unwrap_or_default();
                // "none" too: a link's `fill: none` comes from the style sheet, and
                // without it the exported path fills black.
                if v.is_empty() {
                    continue;
                }
                // `url("http://host/page#fw-arrow")` -> `url(#fw-arrow)`.
                let v = match v.find("url(").zip(v.find('#')) {
                    Some((_, hash)) => {
                        format!("url({})", v[hash..].trim_end_matches([')', '"', '\'']))
                    }
                    None => v,
                };
                inline.push_str(p);
                inline.push(':');
                inline.push_str(&v);
                inline.push(';');
            }
            let _ = b.set_attribute("style", &inline);
        }
        let (ka, kb) = (a.children(), b.children());
        for i in 0..ka.length().min(kb.length()) {
            if let (Some(x), Some(y)) = (ka.item(i), kb.item(i)) {
                pairs.push((x, y));
            }
        }
    }
}

/// Downloads the diagram as SVG.
pub fn export_svg(state: &AppState) {
    let Some((svg, _, _)) = diagram_svg(state) else {
        return;
    };
    let name = format!("{}.svg", formwork_core::files::stem(&state.file.name));
    if let Err(e) = dom::download_text(&name, &svg, "image/svg+xml") {
        web_sys::console::warn_1(&e);
    }
}

/// The largest side of an exported PNG, in pixels (browsers refuse larger canvases).
const PNG_MAX_SIDE: f64 = 8192.0;

/// Downloads the diagram as PNG, drawn at twice its size (sharp on high-density
/// screens) through an offscreen canvas.
pub async fn export_png(state: AppState, dispatch: Dispatch) {
    let Some((svg, w, h)) = diagram_svg(&state) else {
        return;
    };
    let scale = (2.0f64).min(PNG_MAX_SIDE / w.max(h)).max(0.1);
    let name = format!("{}.png", formwork_core::files::stem(&state.file.name));
    if let Err(e) = draw_png(&svg, w, h, scale, &name).await {
        web_sys::console::warn_1(&e);
        let message = state.lang.strings().export_png_failed.to_string();
        dispatch.dispatch(Action::Files(FileAction::Notice(message)));
    }
}

async fn draw_png(svg: &str, w: f64, h: f64, scale: f64, name: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(svg));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let image = web_sys::HtmlImageElement::new()?;
    image.set_src(&url);
    let decoded = JsFuture::from(image.decode()).await;
    web_sys::Url::revoke_object_url(&url)?;
    decoded?;
    let canvas: web_sys::HtmlCanvasElement = gloo::utils::document()
        .create_element("canvas")?
        .dyn_into()?;
    canvas.set_width((w * scale).round() as u32);
    canvas.set_height((h * scale).round() as u32);
    let ctx: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or("no 2d context")?
        .dyn_into()?;
    ctx.scale(scale, scale)?;
    ctx.draw_image_with_html_image_element_and_dw_and_dh(&image, 0.0, 0.0, w, h)?;
    let (tx, rx) = futures_channel();
    let name = name.to_string();
    let done = Closure::once_into_js(move |blob: JsValue| {
        let result = match blob.dyn_into::<web_sys::Blob>() {
            Ok(blob) => dom::download_blob(&name, &blob),
            Err(_) => Err(JsValue::from_str("the canvas gave no image")),
        };
        let _ = tx.call1(&JsValue::NULL, &result.err().unwrap_or(JsValue::TRUE));
    });
    canvas.to_blob_with_type(done.unchecked_ref(), "image/png")?;
    let outcome = JsFuture::from(rx).await?;
    if outcome == JsValue::TRUE {
        Ok(())
    } else {
        Err(outcome)
    }
}

/// A promise and the function that resolves it.
fn futures_channel() -> (js_sys::Function, js_sys::Promise) {
    let mut resolve = None;
    let promise = js_sys::Promise::new(&mut |res, _| resolve = Some(res));
    (resolve.expect("the executor runs at once"), promise)
}

/// What a drop holds: the first file, and (where the browser gives one) a promise of
/// a handle to save back to it. Called during the drop event: its data is gone after.
pub fn dropped_file(
    data: &web_sys::DataTransfer,
) -> Option<(web_sys::File, Option<js_sys::Promise>)> {
    let items = data.items();
    let handle = (0..items.length())
        .filter_map(|i| items.get(i))
        .find(|item| item.kind() == "file")
        .and_then(|item| {
            let f = js_sys::Reflect::get(&item, &"getAsFileSystemHandle".into()).ok()?;
            let f: js_sys::Function = f.dyn_into().ok()?;
            f.call0(&item).ok()?.dyn_into::<js_sys::Promise>().ok()
        });
    let file = data.files()?.get(0)?;
    Some((file, handle))
}

/// Opens a dropped file, keeping its handle for Save.
pub async fn open_dropped(
    file: web_sys::File,
    handle: Option<js_sys::Promise>,
    dispatch: Dispatch,
) {
    let name = file.name();
    forget_handle();
    if let Some(p) = handle
        && let Ok(h) = JsFuture::from(p).await
        && !h.is_null()
        && !h.is_undefined()
    {
        keep_handle(&name, h);
    }
    open_file(file, dispatch).await;
}

/// The message for a file that could not be opened.
pub fn open_error(strings: &Strings, name: &str, error: &str) -> String {
    fill(strings.open_failed, &[name, error])
}
