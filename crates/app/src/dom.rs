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
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = gloo::utils::document();
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
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

/// Moves keyboard focus to the element, if it is one that can take it.
pub fn focus(el: Option<web_sys::Element>) {
    if let Some(el) = el.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}
