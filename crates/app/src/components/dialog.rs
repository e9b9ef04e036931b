//! Modal dialogs: a shared frame (focus moved in and restored, Tab kept inside,
//! Escape or the backdrop closes) and the two dialogs of the Help menu.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::icons::{Logo, Ui, UiIcon};
use crate::catalog::docs_home;
use crate::i18n::{Lang, fill};
use crate::panic::VERSION;

#[derive(Properties, PartialEq)]
pub struct ModalProps {
    pub title: AttrValue,
    pub close_label: AttrValue,
    pub on_close: Callback<()>,
    #[prop_or_default]
    pub children: Html,
}

const FOCUSABLE: &str =
    "a[href], button:not([disabled]), input, select, textarea, [tabindex]:not([tabindex='-1'])";

#[component(Modal)]
pub fn modal(props: &ModalProps) -> Html {
    let dialog_ref = use_node_ref();

    // Focus the dialog's first control; give focus back to where it was on close.
    {
        let dialog_ref = dialog_ref.clone();
        use_effect_with((), move |_| {
            let previous = gloo::utils::document()
                .active_element()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(d) = dialog_ref.cast::<web_sys::Element>() {
                crate::dom::focus(d.query_selector(FOCUSABLE).ok().flatten());
            }
            move || {
                if let Some(p) = previous
                    && p.is_connected()
                {
                    let _ = p.focus();
                }
            }
        });
    }

    let on_key = {
        let on_close = props.on_close.clone();
        let dialog_ref = dialog_ref.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Escape" => {
                e.prevent_default();
                e.stop_propagation();
                on_close.emit(());
            }
            "Tab" => {
                let Some(d) = dialog_ref.cast::<web_sys::Element>() else {
                    return;
                };
                let Ok(list) = d.query_selector_all(FOCUSABLE) else {
                    return;
                };
                let n = list.length();
                if n == 0 {
                    return;
                }
                let first = list.item(0);
                let last = list.item(n - 1);
                let active: Option<web_sys::Node> =
                    gloo::utils::document().active_element().map(Into::into);
                let wrap_to = if e.shift_key() && active == first {
                    last
                } else if !e.shift_key() && active == last {
                    first
                } else {
                    None
                };
                if let Some(t) = wrap_to {
                    e.prevent_default();
                    crate::dom::focus(t.dyn_into().ok());
                }
            }
            _ => {}
        })
    };
    let on_backdrop = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: PointerEvent| {
            if e.target() == e.current_target() {
                on_close.emit(());
            }
        })
    };
    let on_close_click = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };

    html! {
        <div class="modal-backdrop" onpointerdown={on_backdrop}>
            <div class="modal" role="dialog" aria-modal="true" aria-labelledby="modal-title"
                ref={dialog_ref} onkeydown={on_key}>
                <div class="modal-header">
                    <h2 id="modal-title" class="modal-title">{ props.title.clone() }</h2>
                    <button type="button" class="icon-btn" aria-label={props.close_label.clone()}
                        title={props.close_label.clone()} onclick={on_close_click}>
                        <UiIcon icon={Ui::Close}/>
                    </button>
                </div>
                <div class="modal-body">{ props.children.clone() }</div>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct HelpDialogProps {
    pub lang: Lang,
    pub on_close: Callback<()>,
}

fn keys(combo: &str) -> Html {
    let parts = combo.split(" / ").enumerate().map(|(i, alt)| {
        // A lone "+" is the key itself, not a chord.
        let keys: Vec<&str> = if alt == "+" {
            vec!["+"]
        } else {
            alt.split('+').collect()
        };
        let chords = keys.into_iter().enumerate().map(|(j, k)| {
            html! { <>{ if j > 0 { "+" } else { "" } }<kbd>{ k.to_string() }</kbd></> }
        });
        html! { <>{ if i > 0 { " / " } else { "" } }{ for chords }</> }
    });
    html! { <>{ for parts }</> }
}

#[component(ShortcutsDialog)]
pub fn shortcuts_dialog(props: &HelpDialogProps) -> Html {
    let s = props.lang.strings();
    let row = |what: &'static str, how: Html| html! { <tr><th scope="row">{ what }</th><td>{ how }</td></tr> };
    html! {
        <Modal title={s.shortcuts_title} close_label={s.close} on_close={props.on_close.clone()}>
            <div class="shortcuts">
                <h3 class="section-title">{ s.shortcuts_canvas }</h3>
                <table class="shortcut-table">
                    <tbody>
                        { row(s.sc_select, html! { { s.sc_select_keys } }) }
                        { row(s.sc_marquee, html! { { s.sc_marquee_keys } }) }
                        { row(s.sc_connect, html! { { s.sc_connect_keys } }) }
                        { row(s.sc_move_resource, html! { { s.sc_move_resource_keys } }) }
                        { row(s.edit_delete, keys("Delete / Backspace")) }
                        { row(s.edit_undo, keys("Ctrl+Z")) }
                        { row(s.edit_redo, keys("Ctrl+Shift+Z / Ctrl+Y")) }
                        { row(s.edit_cut, keys("Ctrl+X")) }
                        { row(s.edit_copy, keys("Ctrl+C")) }
                        { row(s.edit_paste, keys("Ctrl+V")) }
                        { row(s.edit_duplicate, keys("Ctrl+D")) }
                        { row(s.edit_select_all, keys("Ctrl+A")) }
                        { row(s.sc_deselect, keys("Esc")) }
                        { row(s.ctx_properties, keys("Enter")) }
                        { row(s.ctx_menu, keys("Shift+F10")) }
                    </tbody>
                </table>
                <h3 class="section-title">{ s.shortcuts_view }</h3>
                <table class="shortcut-table">
                    <tbody>
                        { row(s.view_zoom_in, keys("+ / Ctrl+=")) }
                        { row(s.view_zoom_out, keys("- / Ctrl+-")) }
                        { row(s.view_reset_zoom, keys("0 / Ctrl+0")) }
                        { row(s.view_fit, keys("Shift+1")) }
                        { row(s.sc_wheel, html! { { s.sc_wheel_keys } }) }
                        { row(s.sc_pan, html! { { s.sc_pan_keys } }) }
                    </tbody>
                </table>
                <h3 class="section-title">{ s.shortcuts_menus }</h3>
                <table class="shortcut-table">
                    <tbody>
                        { row(s.sc_open_menu, keys("Enter / Space / ↓")) }
                        { row(s.sc_move_menu, keys("↑ / ↓ / ← / →")) }
                        { row(s.sc_close_menu, keys("Esc")) }
                    </tbody>
                </table>
                <p class="muted small">{ "Ctrl = ⌘ (macOS)" }</p>
            </div>
        </Modal>
    }
}

#[component(AboutDialog)]
pub fn about_dialog(props: &HelpDialogProps) -> Html {
    let s = props.lang.strings();
    html! {
        <Modal title={s.about_title} close_label={s.close} on_close={props.on_close.clone()}>
            <div class="about">
                <div class="about-brand">
                    <Logo size={44}/>
                    <div>
                        <div class="about-name">{ "Formwork" }</div>
                        <div class="muted">{ fill(s.about_version, &[VERSION]) }</div>
                    </div>
                </div>
                <p>{ s.about_body }</p>
                <p>{ s.about_privacy }</p>
                <p class="muted small">{ s.about_license }</p>
                <a class="btn link-btn" href={docs_home(props.lang == Lang::Ko)} target="_blank" rel="noopener noreferrer">
                    { s.help_docs }<UiIcon icon={Ui::External} size={13}/>
                </a>
            </div>
        </Modal>
    }
}
