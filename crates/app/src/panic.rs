//! The panic hook. After a panic Yew is gone, so the hook draws an error banner with
//! plain DOM calls instead of leaving a blank or frozen page.

use std::panic::PanicHookInfo;
use std::sync::atomic::{AtomicBool, Ordering};

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

use crate::i18n::{self, fill};

/// The app version written into crash reports and the About dialog.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
/// The id of the banner element.
pub const BANNER_ID: &str = "fw-crash";

static SHOWN: AtomicBool = AtomicBool::new(false);

/// Installs the hook. Call it first thing: Yew keeps a hook set this way.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(on_panic));
}

fn on_panic(info: &PanicHookInfo<'_>) {
    let message = if let Some(s) = info.payload().downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = info.payload().downcast_ref::<String>() {
        s.clone()
    } else {
        "(no message)".to_string()
    };
    let location = info
        .location()
        .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
        .unwrap_or_else(|| "(unknown location)".to_string());
    web_sys::console::error_1(&format!("Formwork panicked: {message}\n    at {location}").into());
    // Only the first panic gets a banner; later ones are usually its consequences.
    if !SHOWN.swap(true, Ordering::SeqCst) {
        let _ = show_banner(&message, &location);
    }
}

/// The text that "Copy report" puts on the clipboard.
pub fn report(message: &str, location: &str, user_agent: &str, url: &str) -> String {
    format!(
        "Formwork crash report\nVersion: {VERSION}\nMessage: {message}\nLocation: {location}\nUser agent: {user_agent}\nPage: {url}\n"
    )
}

fn show_banner(message: &str, location: &str) -> Option<()> {
    let window = web_sys::window()?;
    let document = window.document()?;
    let body = document.body()?;
    let s = i18n::initial_lang().strings();
    let user_agent = window.navigator().user_agent().unwrap_or_default();
    let url = window.location().href().unwrap_or_default();
    let report = report(message, location, &user_agent, &url);

    // The app underneath no longer responds: keep it visible but out of reach.
    let children = body.children();
    for i in 0..children.length() {
        if let Some(child) = children.item(i) {
            let _ = child.set_attribute("inert", "");
        }
    }

    let el = |tag: &str, class: &str, text: Option<&str>| -> Option<web_sys::Element> {
        let e = document.create_element(tag).ok()?;
        if !class.is_empty() {
            e.set_class_name(class);
        }
        if let Some(t) = text {
            e.set_text_content(Some(t));
        }
        Some(e)
    };

    let banner = el("div", "crash", None)?;
    banner.set_id(BANNER_ID);
    banner.set_attribute("role", "alert").ok()?;
    let card = el("div", "crash-card", None)?;
    let title = el("h2", "crash-title", Some(s.crash_title))?;
    let text = el("p", "crash-text", Some(s.crash_body))?;
    let detail = el("pre", "crash-detail", None)?;
    detail.set_text_content(Some(&format!(
        "{message}\n{}",
        fill(s.crash_location, &[location])
    )));
    let actions = el("div", "crash-actions", None)?;
    let copy = el("button", "btn btn-primary", Some(s.crash_copy))?;
    copy.set_attribute("type", "button").ok()?;
    let reload = el("button", "btn", Some(s.crash_reload))?;
    reload.set_attribute("type", "button").ok()?;
    let status = el("span", "crash-status", None)?;
    status.set_attribute("aria-live", "polite").ok()?;

    {
        let status = status.clone();
        let on_copy = Closure::<dyn FnMut()>::new(move || {
            let Some(w) = web_sys::window() else { return };
            let promise = w.navigator().clipboard().write_text(&report);
            let ok_status = status.clone();
            let err_status = status.clone();
            let ok = Closure::once(move |_: wasm_bindgen::JsValue| {
                ok_status.set_text_content(Some(s.crash_copied));
            });
            let err = Closure::once(move |_: wasm_bindgen::JsValue| {
                err_status.set_text_content(Some(s.crash_copy_failed));
            });
            let _ = promise.then2(&ok, &err);
            ok.forget();
            err.forget();
        });
        copy.add_event_listener_with_callback("click", on_copy.as_ref().unchecked_ref())
            .ok()?;
        on_copy.forget();
    }
    {
        let on_reload = Closure::<dyn FnMut()>::new(move || {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        });
        reload
            .add_event_listener_with_callback("click", on_reload.as_ref().unchecked_ref())
            .ok()?;
        on_reload.forget();
    }

    actions.append_child(&copy).ok()?;
    actions.append_child(&reload).ok()?;
    actions.append_child(&status).ok()?;
    card.append_child(&title).ok()?;
    card.append_child(&text).ok()?;
    card.append_child(&detail).ok()?;
    card.append_child(&actions).ok()?;
    banner.append_child(&card).ok()?;
    body.append_child(&banner).ok()?;
    if let Some(button) = copy.dyn_ref::<web_sys::HtmlElement>() {
        let _ = button.focus();
    }
    Some(())
}
