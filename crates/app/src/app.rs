//! The root component: owns the state, lays out the shell, and handles the
//! application-wide keyboard shortcuts and the `?crash-test` trigger.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::bottom_panel::BottomPanel;
use crate::components::canvas::Canvas;
use crate::components::dialog::{AboutDialog, ShortcutsDialog};
use crate::components::header::Header;
use crate::components::icons::{Ui, UiIcon};
use crate::components::inspector::Inspector;
use crate::components::palette::Palette;
use crate::components::status_bar::StatusBar;
use crate::dom;
use crate::i18n;
use crate::state::{Action, AppState, Dialog};

/// The query flag that makes the app panic on purpose once it has mounted.
pub const CRASH_TEST_FLAG: &str = "crash-test";

/// The action a key press outside text fields stands for, if any.
pub fn shortcut(key: &str, code: &str, ctrl: bool, shift: bool, alt: bool) -> Option<Action> {
    if alt {
        return None;
    }
    if ctrl {
        return match key {
            "=" | "+" => Some(Action::ZoomIn),
            "-" | "_" => Some(Action::ZoomOut),
            "0" => Some(Action::ResetZoom),
            _ => None,
        };
    }
    match key {
        _ if shift && code == "Digit1" => Some(Action::FitToScreen),
        "Delete" | "Backspace" => Some(Action::DeleteSelected),
        "Escape" => Some(Action::Select(None)),
        _ => None,
    }
}

#[component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| AppState::new(i18n::initial_lang()));
    let dispatch = state.dispatcher();

    // The document follows the language: <html lang>, title, remembered choice.
    use_effect_with(state.lang, |&lang| i18n::apply_lang(lang));

    // `?crash-test` proves the panic hook end to end.
    use_effect_with((), |_| {
        if dom::query_flag(CRASH_TEST_FLAG) {
            panic!("crash test requested with ?{CRASH_TEST_FLAG}");
        }
    });

    // Application-wide shortcuts. Menus, dialogs, text fields and resource cards
    // handle their own keys first.
    {
        let dispatch = dispatch.clone();
        let dialog_open = state.dialog.is_some();
        use_effect_with(dialog_open, move |&dialog_open| {
            let listener = (!dialog_open).then(|| {
                EventListener::new_with_options(
                    &gloo::utils::window(),
                    "keydown",
                    EventListenerOptions::enable_prevent_default(),
                    move |e| {
                        let Some(e) = e.dyn_ref::<KeyboardEvent>() else {
                            return;
                        };
                        if e.default_prevented() || dom::is_text_input(e.target()) {
                            return;
                        }
                        let ctrl = e.ctrl_key() || e.meta_key();
                        if let Some(a) =
                            shortcut(&e.key(), &e.code(), ctrl, e.shift_key(), e.alt_key())
                        {
                            e.prevent_default();
                            dispatch.dispatch(a);
                        }
                    },
                )
            });
            move || drop(listener)
        });
    }

    let template_text = use_memo(state.diagram.clone(), |d| AttrValue::from(d.to_yaml()));
    let close_dialog = {
        let d = dispatch.clone();
        Callback::from(move |()| d.dispatch(Action::CloseDialog))
    };
    let dismiss = {
        let d = dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::DismissNotice))
    };
    let s = &*state;
    let lang = s.lang;

    html! {
        <div class={classes!("app", (!s.show_palette).then_some("no-palette"), (!s.show_inspector).then_some("no-inspector"))}>
            <Header lang={lang} dispatch={dispatch.clone()} diagram={s.diagram.clone()}
                has_selection={s.selected.is_some()}
                can_zoom_in={s.viewport.can_zoom_in()} can_zoom_out={s.viewport.can_zoom_out()}
                show_palette={s.show_palette} show_inspector={s.show_inspector} show_bottom={s.show_bottom}/>
            <div class="workspace">
                if s.show_palette {
                    <Palette lang={lang} dispatch={dispatch.clone()} entries={s.catalog.clone()}/>
                }
                <main class="center">
                    if let Some(text) = &s.notice {
                        <div class="notice" role="status">
                            <UiIcon icon={Ui::Info} size={16}/>
                            <span class="grow">{ text.clone() }</span>
                            <button type="button" class="icon-btn small" aria-label={s.lang.strings().dismiss}
                                onclick={dismiss}>
                                <UiIcon icon={Ui::Close} size={12}/>
                            </button>
                        </div>
                    }
                    <Canvas lang={lang} dispatch={dispatch.clone()} viewport={s.viewport}
                        diagram={s.diagram.clone()} selected={s.selected.clone()}/>
                    if s.show_bottom {
                        <BottomPanel lang={lang} dispatch={dispatch.clone()} tab={s.bottom_tab}
                            height={s.bottom_height} template_text={(*template_text).clone()}/>
                    }
                </main>
                if s.show_inspector {
                    <Inspector lang={lang} dispatch={dispatch.clone()} diagram={s.diagram.clone()}
                        selected={s.selected.clone()}/>
                }
            </div>
            <StatusBar lang={lang} resources={s.diagram.len()} zoom_percent={s.viewport.zoom_percent()}
                selected={s.selected.clone()}/>
            {
                match s.dialog {
                    Some(Dialog::Shortcuts) => html! { <ShortcutsDialog lang={lang} on_close={close_dialog}/> },
                    Some(Dialog::About) => html! { <AboutDialog lang={lang} on_close={close_dialog}/> },
                    None => html! {},
                }
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn shortcuts_map_keys_to_actions() {
        assert_eq!(
            shortcut("=", "Equal", true, false, false),
            Some(Action::ZoomIn)
        );
        assert_eq!(
            shortcut("+", "Equal", true, true, false),
            Some(Action::ZoomIn)
        );
        assert_eq!(
            shortcut("-", "Minus", true, false, false),
            Some(Action::ZoomOut)
        );
        assert_eq!(
            shortcut("0", "Digit0", true, false, false),
            Some(Action::ResetZoom)
        );
        assert_eq!(
            shortcut("!", "Digit1", false, true, false),
            Some(Action::FitToScreen)
        );
        assert_eq!(
            shortcut("Delete", "Delete", false, false, false),
            Some(Action::DeleteSelected)
        );
        assert_eq!(
            shortcut("Escape", "Escape", false, false, false),
            Some(Action::Select(None))
        );
        assert_eq!(shortcut("a", "KeyA", false, false, false), None);
        assert_eq!(shortcut("=", "Equal", true, false, true), None);
        assert_eq!(shortcut("0", "Digit0", false, false, false), None);
    }
}
