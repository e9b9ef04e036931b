//! The root component: owns the state, lays out the shell, and handles what belongs to
//! the whole page: keyboard shortcuts, the clipboard (copy, cut and paste carry
//! template text, so they work between tabs and with any editor), fetching the full
//! catalog after the first paint, the open-time measure, and the `?crash-test` trigger.

use std::rc::Rc;

use formwork_core::diagram::relations::Glue;
use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use yew::prelude::*;

use crate::catalog::{
    CURATED_CATALOG_URL, FULL_CATALOG_URL, full_catalog, set_curated_catalog, set_full_catalog,
};
use crate::components::bottom_panel::BottomPanel;
use crate::components::canvas::Canvas;
use crate::components::dialog::{AboutDialog, ShortcutsDialog};
use crate::components::file_actions::FileActions;
use crate::components::file_dialogs::{PasteDialog, RecentDialog, SamplesDialog, ShareDialog};
use crate::components::header::Header;
use crate::components::icons::{Ui, UiIcon, load_aws_icons};
use crate::components::inspector::{DocHandle, Inspector};
use crate::components::palette::Palette;
use crate::components::stack_parameters::StackParametersDialog;
use crate::components::status_bar::StatusBar;
use crate::dom::{self, perf};
use crate::files::{FileAction, FileCommand};
use crate::i18n::{self, fill};
use crate::state::{Action, AppState, Dialog, NUDGE};

/// The query flag that makes the app panic on purpose once it has mounted.
pub const CRASH_TEST_FLAG: &str = "crash-test";

/// The action a key press outside text fields stands for, if any. Copy, cut and
/// paste are not here: they come as clipboard events.
pub fn shortcut(key: &str, code: &str, ctrl: bool, shift: bool, alt: bool) -> Option<Action> {
    if alt {
        return None;
    }
    if ctrl {
        return match key.to_ascii_lowercase().as_str() {
            "z" if shift => Some(Action::Redo),
            "z" => Some(Action::Undo),
            "y" => Some(Action::Redo),
            "d" => Some(Action::Duplicate),
            "a" => Some(Action::SelectAll),
            "=" | "+" => Some(Action::ZoomIn),
            "-" | "_" => Some(Action::ZoomOut),
            "0" => Some(Action::ResetZoom),
            _ => None,
        };
    }
    let step = if shift { NUDGE * 10.0 } else { NUDGE };
    match key {
        _ if shift && code == "Digit1" => Some(Action::FitToScreen),
        "Delete" | "Backspace" => Some(Action::DeleteSelected),
        "Escape" => Some(Action::Select(Vec::new())),
        "+" | "=" => Some(Action::ZoomIn),
        "-" | "_" => Some(Action::ZoomOut),
        "0" => Some(Action::ResetZoom),
        "ArrowLeft" => Some(Action::Nudge { dx: -step, dy: 0.0 }),
        "ArrowRight" => Some(Action::Nudge { dx: step, dy: 0.0 }),
        "ArrowUp" => Some(Action::Nudge { dx: 0.0, dy: -step }),
        "ArrowDown" => Some(Action::Nudge { dx: 0.0, dy: step }),
        _ => None,
    }
}

/// Reads the text of a clipboard event.
fn clipboard_text(e: &web_sys::Event) -> Option<String> {
    e.dyn_ref::<web_sys::ClipboardEvent>()?
        .clipboard_data()?
        .get_data("text/plain")
        .ok()
}

fn set_clipboard_text(e: &web_sys::Event, text: &str) -> bool {
    e.dyn_ref::<web_sys::ClipboardEvent>()
        .and_then(|c| c.clipboard_data())
        .is_some_and(|d| d.set_data("text/plain", text).is_ok())
}

#[component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| AppState::new(i18n::initial_lang()));
    let dispatch = state.dispatcher();
    // Listeners live longer than a render: they read the state through this.
    let latest = use_mut_ref(|| state.clone());
    *latest.borrow_mut() = state.clone();

    // The document follows the language: <html lang>, title, remembered choice.
    use_effect_with(state.lang, |&lang| i18n::apply_lang(lang));

    // `?crash-test` proves the panic hook end to end.
    use_effect_with((), |_| {
        if dom::query_flag(CRASH_TEST_FLAG) {
            panic!("crash test requested with ?{CRASH_TEST_FLAG}");
        }
    });

    // The curated types' catalog (their forms) at once; the full catalog (every type,
    // for the palette and validation) after first paint, then AWS's icons for the
    // canvas.
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            yew::platform::spawn_local(async move {
                if let Some(text) = dom::fetch_text(CURATED_CATALOG_URL).await {
                    match formwork_core::catalog::format::parse(&text) {
                        Ok(catalog) => {
                            if set_curated_catalog(catalog) {
                                dispatch.dispatch(Action::CatalogLoaded);
                            }
                        }
                        Err(e) => web_sys::console::warn_1(&e.into()),
                    }
                }
            });
        });
    }
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            if full_catalog().is_none() {
                let load = Closure::once_into_js(move || {
                    yew::platform::spawn_local(async move {
                        if let Some(text) = dom::fetch_text(FULL_CATALOG_URL).await {
                            perf::mark("fw-catalog-start");
                            match formwork_core::catalog::format::parse(&text) {
                                Ok(catalog) => {
                                    set_full_catalog(catalog);
                                    perf::measure("fw-catalog-parse", "fw-catalog-start");
                                    dispatch.dispatch(Action::CatalogLoaded);
                                }
                                Err(e) => web_sys::console::warn_1(&e.into()),
                            }
                        }
                        load_aws_icons().await;
                    });
                });
                let _ = gloo::utils::window().request_animation_frame(load.unchecked_ref());
            }
        });
    }

    // Opening a template is measured up to the drawn (styled and laid out) document,
    // and again once that is painted.
    use_effect_with(state.view.epoch, |_| {
        if perf::pending("fw-open-start") {
            perf::measure("fw-open-render", "fw-open-start");
            let _ = gloo::utils::body().get_bounding_client_rect();
            perf::measure("fw-open", "fw-open-start");
            // A task posted from the next animation frame runs once that frame is
            // painted: the measure then covers the first paint of the document.
            let frame = Closure::once_into_js(|| {
                let painted = Closure::once_into_js(|| {
                    perf::measure("fw-open-frame", "fw-open-start");
                    perf::clear("fw-open-start");
                });
                let _ = gloo::utils::window().set_timeout_with_callback(painted.unchecked_ref());
            });
            let _ = gloo::utils::window().request_animation_frame(frame.unchecked_ref());
        }
    });

    // A drop is measured from the pointer coming up to the redrawn document.
    use_effect_with((state.view.epoch, state.view.revision), |_| {
        if perf::pending("fw-edit-start") {
            let _ = gloo::utils::body().get_bounding_client_rect();
            perf::measure("fw-edit", "fw-edit-start");
            perf::clear("fw-edit-start");
        }
    });

    // Application-wide shortcuts. Menus, dialogs and text fields handle their own keys
    // first.
    {
        let dispatch = dispatch.clone();
        let latest = latest.clone();
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
                        let Some(a) =
                            shortcut(&e.key(), &e.code(), ctrl, e.shift_key(), e.alt_key())
                        else {
                            return;
                        };
                        let state = latest.borrow().clone();
                        let needs_selection = matches!(
                            a,
                            Action::Nudge { .. } | Action::DeleteSelected | Action::Duplicate
                        );
                        if needs_selection && state.selection.is_empty() {
                            return;
                        }
                        e.prevent_default();
                        dispatch.dispatch(a);
                    },
                )
            });
            move || drop(listener)
        });
    }

    // The clipboard: the selection as template text.
    {
        let dispatch = dispatch.clone();
        let latest = latest.clone();
        use_effect_with((), move |_| {
            let doc = gloo::utils::document();
            let opts = EventListenerOptions::enable_prevent_default();
            let copy_like = |cut: bool| {
                let latest = latest.clone();
                let dispatch = dispatch.clone();
                EventListener::new_with_options(
                    &doc,
                    if cut { "cut" } else { "copy" },
                    opts,
                    move |e| {
                        if dom::is_text_input(e.target()) {
                            return;
                        }
                        let state = latest.borrow().clone();
                        if let Some(text) = state.copy_text()
                            && set_clipboard_text(e, &text)
                        {
                            e.prevent_default();
                            if cut {
                                dispatch.dispatch(Action::CutSelected);
                            }
                        }
                    },
                )
            };
            let copy = copy_like(false);
            let cut = copy_like(true);
            let paste = {
                let dispatch = dispatch.clone();
                EventListener::new_with_options(&doc, "paste", opts, move |e| {
                    if dom::is_text_input(e.target()) {
                        return;
                    }
                    if let Some(text) = clipboard_text(e).filter(|t| !t.trim().is_empty()) {
                        e.prevent_default();
                        dispatch.dispatch(Action::Paste { text });
                    }
                })
            };
            move || drop((copy, cut, paste))
        });
    }

    // Where keyboard focus works: the code pane, or the rest of the work area (the
    // menu bar, where the Edit menu is, changes nothing).
    {
        let dispatch = dispatch.clone();
        let latest = latest.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::document(), "focusin", move |e| {
                let Some(el) = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                else {
                    return;
                };
                let code = el.class_list().contains("code-input");
                let menu = el.closest(".menubar").ok().flatten().is_some();
                if !menu && code != latest.borrow().code_focus {
                    dispatch.dispatch(Action::CodeFocus(code));
                }
            });
            move || drop(listener)
        });
    }

    // Made once, so the bottom panel is not drawn again for a new callback.
    let current_text = {
        let latest = latest.clone();
        use_memo((), move |_| {
            Callback::from(move |()| latest.borrow().current_text())
        })
    };
    // The live simulation: it takes every edit of the document while it runs.
    let default_scenario = use_memo((), |_| AttrValue::from(crate::run::default_scenario()));
    let scenario = state
        .scenario
        .text
        .clone()
        .unwrap_or_else(|| (*default_scenario).clone());
    let (run, run_command) = crate::run::use_run(
        (*current_text).clone(),
        (state.view.epoch, state.view.revision),
        scenario.clone(),
    );
    // The Edit menu's clipboard items go through the asynchronous clipboard, or the
    // code pane's own commands when it is where the user works.
    let on_copy = {
        let latest = latest.clone();
        Callback::from(move |()| {
            if latest.borrow().code_focus {
                dom::code_pane_command("copy");
                return;
            }
            if let Some(text) = latest.borrow().copy_text() {
                yew::platform::spawn_local(async move {
                    dom::copy_text(&text).await;
                });
            }
        })
    };
    let on_cut = {
        let latest = latest.clone();
        let dispatch = dispatch.clone();
        Callback::from(move |()| {
            if latest.borrow().code_focus {
                dom::code_pane_command("cut");
                return;
            }
            if let Some(text) = latest.borrow().copy_text() {
                dispatch.dispatch(Action::CutSelected);
                yew::platform::spawn_local(async move {
                    dom::copy_text(&text).await;
                });
            }
        })
    };
    let on_select_all = {
        let latest = latest.clone();
        let dispatch = dispatch.clone();
        Callback::from(move |()| {
            if latest.borrow().code_focus {
                dom::code_pane_command("selectAll");
            } else {
                dispatch.dispatch(Action::SelectAll);
            }
        })
    };
    let on_paste = {
        let dispatch = dispatch.clone();
        let latest = latest.clone();
        Callback::from(move |()| {
            let dispatch = dispatch.clone();
            let code = latest.borrow().code_focus;
            yew::platform::spawn_local(async move {
                if let Some(text) = dom::read_clipboard().await {
                    if code {
                        dom::code_pane_paste(&text);
                    } else {
                        dispatch.dispatch(Action::Paste { text });
                    }
                }
            });
        })
    };

    // At start: the template of a share link, else the document of the last visit.
    {
        let dispatch = dispatch.clone();
        let latest = latest.clone();
        use_effect_with((), move |_| {
            let shared = crate::files::io::take_shared_template();
            yew::platform::spawn_local(async move {
                let stored = crate::autosave::load_current().await;
                let pristine = || {
                    let s = latest.borrow();
                    s.view.epoch == 0 && s.view.revision == 0
                };
                match shared {
                    Some(Ok(shared)) => dispatch.dispatch(Action::Files(FileAction::OpenText {
                        text: shared.template,
                        name: String::new(),
                        scenario: shared.scenario,
                    })),
                    Some(Err(e)) => {
                        let s = latest.borrow().lang.strings();
                        dispatch.dispatch(Action::Files(FileAction::Notice(fill(
                            s.share_open_failed,
                            &[&e],
                        ))));
                    }
                    None => {
                        if let Some(record) = stored
                            && pristine()
                        {
                            dispatch.dispatch(Action::Files(FileAction::Restore(Box::new(record))));
                        }
                    }
                }
            });
        });
    }
    // The work an edit or a selection leaves for after the frame that shows it: one
    // task, run once that frame is painted (an animation frame, then a task).
    {
        let dispatch = dispatch.clone();
        let scheduled = use_mut_ref(|| false);
        let settled = state.is_settled();
        use_effect(move || {
            if !settled && !std::mem::replace(&mut *scheduled.borrow_mut(), true) {
                let frame = Closure::once_into_js(move || {
                    let task = Closure::once_into_js(move || {
                        *scheduled.borrow_mut() = false;
                        dispatch.dispatch(Action::Settle);
                    });
                    let _ = gloo::utils::window().set_timeout_with_callback(task.unchecked_ref());
                });
                let _ = gloo::utils::window().request_animation_frame(frame.unchecked_ref());
            }
        });
    }
    // Every change is stored (once its text is written, after the frame that shows
    // it); a page being hidden or closed stores at once.
    {
        let key = (
            state.settled.epoch,
            state.settled.revision,
            state.draft.as_ref().map(|d| Rc::as_ptr(&d.0)),
            state.file.clone(),
            state.settled.format,
            state.scenario.text.clone(),
        );
        let latest = latest.clone();
        use_effect_with(key, move |_| crate::autosave::changed(&latest.borrow()));
    }
    {
        let latest = latest.clone();
        use_effect_with((), move |_| {
            let window = gloo::utils::window();
            let l1 = latest.clone();
            let hide = EventListener::new(&window, "pagehide", move |_| {
                crate::autosave::rescue(&l1.borrow());
            });
            let l2 = latest.clone();
            let visibility =
                EventListener::new(&gloo::utils::document(), "visibilitychange", move |_| {
                    if gloo::utils::document().visibility_state()
                        == web_sys::VisibilityState::Hidden
                    {
                        crate::autosave::rescue(&l2.borrow());
                    }
                });
            move || drop((hide, visibility))
        });
    }
    let on_file = {
        let latest = latest.clone();
        let dispatch = dispatch.clone();
        Callback::from(move |c: FileCommand| crate::files::run(c, &latest.borrow(), &dispatch))
    };
    // -------------------------------------------------------------------------------

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
    let strings = lang.strings();
    let selection = Rc::new(s.selection.clone());
    let selected_text = match s.selection.nodes.as_slice() {
        [] => None,
        [one] => Some(one.clone()),
        many => Some(fill(
            strings.status_many_selected,
            &[&many.len().to_string()],
        )),
    };

    html! {
        <div class={classes!("app", (!s.show_palette).then_some("no-palette"), (!s.show_inspector).then_some("no-inspector"))}>
            <Header lang={lang} dispatch={dispatch.clone()} view={s.view.clone()}
                selected={s.selection.nodes.len()} has_selection={!s.selection.is_empty()} snap={s.snap} show_all={s.glue == Glue::Shown}
                on_copy={on_copy} on_cut={on_cut} on_paste={on_paste} on_select_all={on_select_all}
                code_focus={s.code_focus}
                can_zoom_in={s.viewport.can_zoom_in()} can_zoom_out={s.viewport.can_zoom_out()}
                show_palette={s.show_palette} show_inspector={s.show_inspector} show_bottom={s.show_bottom}
                on_file={on_file.clone()}
                run_phase={run.phase.clone()} run_command={run_command.clone()}
                file_slot={html! {
                    <FileActions lang={lang} dispatch={dispatch.clone()} name={AttrValue::from(s.file.name.clone())}
                        dirty={s.file.dirty(s.view.revision) || s.current_draft().is_some()} on_command={on_file.clone()}/>
                }}/>
            <div class="workspace">
                if s.show_palette {
                    <Palette lang={lang} dispatch={dispatch.clone()} data={s.palette.clone()}/>
                }
                <main class="center">
                    if let Some(text) = &s.notice {
                        <div class="notice" role="status">
                            <UiIcon icon={Ui::Info} size={16}/>
                            <span class="grow">{ text.clone() }</span>
                            <button type="button" class="icon-btn small" aria-label={strings.dismiss}
                                onclick={dismiss}>
                                <UiIcon icon={Ui::Close} size={12}/>
                            </button>
                        </div>
                    }
                    <Canvas lang={lang} dispatch={dispatch.clone()} viewport={s.viewport} view_size={s.view_size}
                        view={s.view.clone()} selection={selection.clone()} snap={s.snap}
                        run={run.clone()} run_command={run_command.clone()}/>
                    if s.show_bottom {
                        <BottomPanel lang={lang} dispatch={dispatch.clone()} tab={s.bottom_tab}
                            height={s.bottom_height} view={s.settled.clone()}
                            draft={s.current_draft().and_then(|_| s.draft.clone())}
                            selected={s.settled_selection.single().map(|id| AttrValue::from(id.to_string()))}
                            reveal={s.reveal.clone()} file_id={AttrValue::from(s.file.id.clone())}
                            current_text={(*current_text).clone()} run={run.clone()}
                            scenario={scenario.clone()} scenario_imported={s.scenario.imported.clone()}
                            doc={DocHandle(s.doc.clone())}/>
                    }
                </main>
                if s.show_inspector {
                    <Inspector lang={lang} dispatch={dispatch.clone()} view={s.settled.clone()}
                        doc={DocHandle(s.doc.clone())} selection={s.settled_selection.clone()} focus={s.focus_inspector}/>
                }
            </div>
            <StatusBar lang={lang} resources={s.view.resources} zoom_percent={s.viewport.zoom_percent()}
                selected={selected_text}/>
            {
                match s.dialog {
                    Some(Dialog::Shortcuts) => html! { <ShortcutsDialog lang={lang} on_close={close_dialog}/> },
                    Some(Dialog::About) => html! { <AboutDialog lang={lang} on_close={close_dialog}/> },
                    // Inspector forms: stack parameters
                    Some(Dialog::StackParameters) => html! {
                        <StackParametersDialog lang={lang} doc={DocHandle(s.doc.clone())} on_close={close_dialog}
                            file_name={s.template_file.clone().map(AttrValue::from)}/>
                    },
                    Some(Dialog::Samples) => html! {
                        <SamplesDialog lang={lang} dispatch={dispatch.clone()} on_close={close_dialog}/>
                    },
                    Some(Dialog::Recent) => html! {
                        <RecentDialog lang={lang} dispatch={dispatch.clone()} on_close={close_dialog}
                            current={AttrValue::from(s.file.id.clone())}/>
                    },
                    Some(Dialog::PasteTemplate) => html! {
                        <PasteDialog lang={lang} dispatch={dispatch.clone()} on_close={close_dialog}/>
                    },
                    Some(Dialog::Share) => html! {
                        <ShareDialog lang={lang} on_close={close_dialog}
                            link={crate::files::io::share_link(s).map(AttrValue::from)}/>
                    },
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
        let k = |key, code, ctrl, shift| shortcut(key, code, ctrl, shift, false);
        assert_eq!(k("=", "Equal", true, false), Some(Action::ZoomIn));
        assert_eq!(k("+", "Equal", true, true), Some(Action::ZoomIn));
        assert_eq!(k("+", "Equal", false, true), Some(Action::ZoomIn));
        assert_eq!(k("-", "Minus", false, false), Some(Action::ZoomOut));
        assert_eq!(k("0", "Digit0", true, false), Some(Action::ResetZoom));
        assert_eq!(k("0", "Digit0", false, false), Some(Action::ResetZoom));
        assert_eq!(k("!", "Digit1", false, true), Some(Action::FitToScreen));
        assert_eq!(
            k("Delete", "Delete", false, false),
            Some(Action::DeleteSelected)
        );
        assert_eq!(
            k("Backspace", "Backspace", false, false),
            Some(Action::DeleteSelected)
        );
        assert_eq!(
            k("Escape", "Escape", false, false),
            Some(Action::Select(Vec::new()))
        );
        assert_eq!(k("z", "KeyZ", true, false), Some(Action::Undo));
        assert_eq!(k("Z", "KeyZ", true, true), Some(Action::Redo));
        assert_eq!(k("y", "KeyY", true, false), Some(Action::Redo));
        assert_eq!(k("d", "KeyD", true, false), Some(Action::Duplicate));
        assert_eq!(k("a", "KeyA", true, false), Some(Action::SelectAll));
        assert_eq!(
            k("ArrowLeft", "ArrowLeft", false, false),
            Some(Action::Nudge {
                dx: -NUDGE,
                dy: 0.0
            })
        );
        assert_eq!(
            k("ArrowDown", "ArrowDown", false, true),
            Some(Action::Nudge {
                dx: 0.0,
                dy: NUDGE * 10.0
            })
        );
        assert_eq!(k("a", "KeyA", false, false), None);
        assert_eq!(
            k("c", "KeyC", true, false),
            None,
            "copy is a clipboard event"
        );
        assert_eq!(shortcut("=", "Equal", true, false, true), None);
    }
}
