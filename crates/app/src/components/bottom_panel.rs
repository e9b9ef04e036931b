//! The bottom panel: tabs Template (the code pane, as YAML or JSON), Problems and
//! Simulation, resizable by dragging (or arrowing) its top edge.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use formwork_core::diagnostic::Severity;
use formwork_core::template::Format;

use super::code_editor::CodeEditor;
use super::icons::{Ui, UiIcon};
use super::inspector::DocHandle;
use super::problems_view::ProblemsView;
use super::simulation::panel::SimulationPanel;
use crate::Dispatch;
use crate::dom;
use crate::files::{Draft, FileAction, Reveal};
use crate::i18n::{Lang, Strings};
use crate::run::RunState;
use crate::state::{Action, BOTTOM_MIN, BottomTab};
use crate::view::{DocView, Shared};

/// Room always left for the header, the canvas and the status bar.
const KEEP_ABOVE: f64 = 260.0;
const KEY_STEP: f64 = 24.0;

#[derive(Properties, PartialEq)]
pub struct BottomPanelProps {
    pub lang: Lang,
    pub dispatch: Dispatch,
    pub tab: BottomTab,
    pub height: f64,
    pub view: Shared<DocView>,
    /// Text typed in the code pane that does not read as a template.
    pub draft: Option<Shared<Draft>>,
    /// The one selected resource.
    pub selected: Option<AttrValue>,
    pub reveal: Reveal,
    pub file_id: AttrValue,
    /// The whole text as it is now, for Copy: `view` may be a frame behind.
    pub current_text: Callback<(), AttrValue>,
    /// The live simulation, for the Simulation tab.
    pub run: UseReducerHandle<RunState>,
    /// The scenario's text (the default when the document has none of its own).
    pub scenario: AttrValue,
    pub scenario_imported: Option<AttrValue>,
    pub doc: DocHandle,
}

fn tab_label(s: &Strings, t: BottomTab) -> &'static str {
    match t {
        BottomTab::Template => s.tab_template,
        BottomTab::Problems => s.tab_problems,
        BottomTab::Simulation => s.tab_simulation,
    }
}

/// The tallest the panel may be in the current window.
fn max_height() -> f64 {
    let h = gloo::utils::window()
        .inner_height()
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(900.0);
    (h - KEEP_ABOVE).max(BOTTOM_MIN)
}

struct Resize {
    pointer: i32,
    start_y: f64,
    start_height: f64,
}

#[component(BottomPanel)]
pub fn bottom_panel(props: &BottomPanelProps) -> Html {
    let s = props.lang.strings();
    let resize: Rc<RefCell<Option<Resize>>> = use_mut_ref(|| None);
    let copy_state = use_state_eq(|| None::<bool>);
    let height = props.height.min(max_height());
    // Made once, so the Simulation tab's scenario form is not drawn again with every
    // frame of a run for a new callback.
    let select = use_callback(props.dispatch.clone(), |id: String, d| {
        d.dispatch(Action::Select(vec![id]))
    });
    let on_scenario = use_callback(props.dispatch.clone(), |sc, d| {
        d.dispatch(Action::SetScenario(sc))
    });

    let on_down = {
        let resize = resize.clone();
        Callback::from(move |e: PointerEvent| {
            if e.button() != 0 {
                return;
            }
            if let Some(el) = e.target_dyn_into::<web_sys::Element>() {
                let _ = el.set_pointer_capture(e.pointer_id());
            }
            e.prevent_default();
            *resize.borrow_mut() = Some(Resize {
                pointer: e.pointer_id(),
                start_y: e.client_y() as f64,
                start_height: height,
            });
        })
    };
    let on_move = {
        let resize = resize.clone();
        let d = props.dispatch.clone();
        Callback::from(move |e: PointerEvent| {
            if let Some(r) = &*resize.borrow()
                && r.pointer == e.pointer_id()
            {
                let h = r.start_height + (r.start_y - e.client_y() as f64);
                d.dispatch(Action::SetBottomHeight(h.min(max_height())));
            }
        })
    };
    let on_up = {
        let resize = resize.clone();
        Callback::from(move |e: PointerEvent| {
            if let Some(r) = resize.borrow_mut().take()
                && let Some(el) = e.target_dyn_into::<web_sys::Element>()
            {
                let _ = el.release_pointer_capture(r.pointer);
            }
        })
    };
    let on_key = {
        let d = props.dispatch.clone();
        Callback::from(move |e: KeyboardEvent| {
            let h = match e.key().as_str() {
                "ArrowUp" => height + KEY_STEP,
                "ArrowDown" => height - KEY_STEP,
                "Home" => BOTTOM_MIN,
                "End" => max_height(),
                _ => return,
            };
            e.prevent_default();
            d.dispatch(Action::SetBottomHeight(h.min(max_height())));
        })
    };

    let on_tab_key = {
        let d = props.dispatch.clone();
        let current = props.tab;
        Callback::from(move |e: KeyboardEvent| {
            let all = BottomTab::ALL;
            let i = all.iter().position(|&t| t == current).unwrap_or(0);
            let next = match e.key().as_str() {
                "ArrowRight" => all[(i + 1) % all.len()],
                "ArrowLeft" => all[(i + all.len() - 1) % all.len()],
                "Home" => all[0],
                "End" => all[all.len() - 1],
                _ => return,
            };
            e.prevent_default();
            d.dispatch(Action::ShowTab(next));
            dom::focus(gloo::utils::document().get_element_by_id(&format!("tab-{}", next.slug())));
        })
    };

    let template_text = match &props.draft {
        Some(d) => d.text.clone(),
        None => props.view.text.clone(),
    };
    let text_error = props.draft.as_ref().map(|d| d.error.clone());
    let on_copy = {
        let current_text = props.current_text.clone();
        let copy_state = copy_state.clone();
        Callback::from(move |_: MouseEvent| {
            let text = current_text.emit(());
            let copy_state = copy_state.clone();
            yew::platform::spawn_local(async move {
                let ok = dom::copy_text(&text).await;
                copy_state.set(Some(ok));
                Timeout::new(1600, move || copy_state.set(None)).forget();
            });
        })
    };
    let format_button = |format: Format| {
        let d = props.dispatch.clone();
        let pressed = props.view.format == format;
        let onclick = Callback::from(move |_: MouseEvent| {
            d.dispatch(Action::Files(FileAction::SetFormat(format)))
        });
        html! {
            <button type="button" class="seg-btn" aria-pressed={if pressed { "true" } else { "false" }}
                disabled={text_error.is_some() && !pressed}
                title={if text_error.is_some() { s.code_format_blocked } else { "" }} {onclick}>
                { format.name() }
            </button>
        }
    };
    let on_hide = {
        let d = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::ToggleBottom))
    };

    let problems = props
        .view
        .findings()
        .iter()
        .filter(|d| d.severity != Severity::Info)
        .count()
        + usize::from(text_error.is_some());
    let has_errors = text_error.is_some()
        || props
            .view
            .findings()
            .iter()
            .any(|d| d.severity == Severity::Error);
    let tabs = BottomTab::ALL.iter().map(|&t| {
        let selected = t == props.tab;
        let count = (t == BottomTab::Problems && problems > 0).then(|| {
            html! { <span class={classes!("tab-count", has_errors.then_some("error"))}>{ problems }</span> }
        });
        let onclick = {
            let d = props.dispatch.clone();
            Callback::from(move |_: MouseEvent| d.dispatch(Action::ShowTab(t)))
        };
        html! {
            <button type="button" role="tab" id={format!("tab-{}", t.slug())} class="tab"
                aria-selected={if selected { "true" } else { "false" }}
                aria-controls={format!("panel-{}", t.slug())}
                tabindex={if selected { "0" } else { "-1" }}
                onclick={onclick} onkeydown={on_tab_key.clone()}>
                { tab_label(s, t) }{ count }
            </button>
        }
    });

    let (copy_icon, copy_text) = match *copy_state {
        Some(true) => (Ui::Check, s.copied),
        Some(false) => (Ui::Close, s.copy_failed),
        None => (Ui::Copy, s.copy),
    };
    let panel = match props.tab {
        BottomTab::Template => html! {
            <section class="template-region" aria-label={s.tab_template}>
                <CodeEditor lang={props.lang} dispatch={props.dispatch.clone()} text={template_text.clone()}
                    format={props.view.format} error={text_error.clone()} selected={props.selected.clone()}
                    reveal={props.reveal.clone()} file_id={props.file_id.clone()} revision={props.view.revision}/>
            </section>
        },
        BottomTab::Problems => html! {
            <ProblemsView lang={props.lang} dispatch={props.dispatch.clone()} view={props.view.clone()}
                text_error={text_error.clone()}/>
        },
        BottomTab::Simulation => {
            html! {
                <SimulationPanel lang={props.lang} run={props.run.clone()} select={select.clone()}
                    scenario={props.scenario.clone()} imported={props.scenario_imported.clone()}
                    on_scenario={on_scenario.clone()} doc={props.doc.clone()} revision={props.view.revision}/>
            }
        }
    };

    html! {
        <div class="bottom-panel" style={format!("height:{height}px")}>
            <div class="resize-handle" role="separator" aria-orientation="horizontal"
                aria-label={s.resize_bottom} tabindex="0"
                aria-valuemin={BOTTOM_MIN.to_string()} aria-valuemax={max_height().round().to_string()}
                aria-valuenow={height.round().to_string()}
                onpointerdown={on_down} onpointermove={on_move}
                onpointerup={on_up.clone()} onpointercancel={on_up} onkeydown={on_key}>
            </div>
            <div class="bottom-header">
                <div role="tablist" aria-label={s.bottom_tabs} class="tablist">
                    { for tabs }
                </div>
                <div class="bottom-actions">
                    if props.tab == BottomTab::Template {
                        <div class="segmented" role="group" aria-label={s.code_format}>
                            { format_button(Format::Yaml) }
                            { format_button(Format::Json) }
                        </div>
                        <button type="button" class="btn ghost small" onclick={on_copy} aria-live="polite">
                            <UiIcon icon={copy_icon} size={14}/>{ copy_text }
                        </button>
                        <span class="toolbar-sep" aria-hidden="true"></span>
                    }
                    <button type="button" class="icon-btn" aria-label={s.hide_bottom} title={s.hide_bottom} onclick={on_hide}>
                        <UiIcon icon={Ui::Close} size={14}/>
                    </button>
                </div>
            </div>
            <div role="tabpanel" id={format!("panel-{}", props.tab.slug())} class="tabpanel"
                aria-labelledby={format!("tab-{}", props.tab.slug())}>
                { panel }
            </div>
        </div>
    }
}
