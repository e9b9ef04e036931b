//! The inspector: details of the selected resource (rename, type, reference link,
//! delete) and a summary of the whole template.

use std::rc::Rc;

use yew::prelude::*;

use super::icons::{ServiceIcon, Ui, UiIcon};
use crate::Dispatch;
use crate::catalog::reference_url;
use crate::i18n::{Lang, Strings};
use crate::model::{Diagram, FORMAT_VERSION, IdError, PlacedResource};
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    pub lang: Lang,
    pub dispatch: Dispatch,
    pub diagram: Rc<Diagram>,
    pub selected: Option<String>,
}

fn id_error_text(s: &Strings, e: IdError) -> &'static str {
    match e {
        IdError::Empty => s.logical_id_empty,
        IdError::Invalid => s.logical_id_invalid,
        IdError::Taken => s.logical_id_taken,
        IdError::Referenced => s.logical_id_referenced,
    }
}

#[component(Inspector)]
pub fn inspector(props: &InspectorProps) -> Html {
    let s = props.lang.strings();
    let selected = props
        .selected
        .as_deref()
        .and_then(|id| props.diagram.get(id))
        .cloned();

    html! {
        <aside class="inspector panel" aria-label={s.inspector}>
            <div class="panel-header">
                <h2 class="panel-title">{ s.inspector_title }</h2>
            </div>
            <div class="inspector-scroll">
                if let Some(r) = selected {
                    <ResourceDetails key={r.logical_id.clone()} resource={r.clone()} lang={props.lang}
                        dispatch={props.dispatch.clone()} diagram={props.diagram.clone()}/>
                } else {
                    <div class="inspector-empty">
                        <UiIcon icon={Ui::Cursor} size={20}/>
                        <p>{ s.inspector_empty }</p>
                    </div>
                }
                <TemplateSummary lang={props.lang} diagram={props.diagram.clone()}/>
            </div>
        </aside>
    }
}

#[derive(Properties, PartialEq)]
struct DetailsProps {
    resource: PlacedResource,
    lang: Lang,
    dispatch: Dispatch,
    diagram: Rc<Diagram>,
}

#[component(ResourceDetails)]
fn resource_details(props: &DetailsProps) -> Html {
    let s = props.lang.strings();
    let r = &props.resource;
    let draft = use_state(|| r.logical_id.clone());
    let check = props.diagram.check_id(&r.logical_id, &draft);
    let changed = *draft != r.logical_id;

    let on_input = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                draft.set(input.value());
            }
        })
    };
    let apply = {
        let d = props.dispatch.clone();
        let from = r.logical_id.clone();
        let draft = draft.clone();
        let ok = check.is_ok();
        move || {
            if ok && *draft != from {
                d.dispatch(Action::Rename {
                    from: from.clone(),
                    to: (*draft).clone(),
                });
            }
        }
    };
    let on_submit = {
        let apply = apply.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            apply();
        })
    };
    let on_key = {
        let draft = draft.clone();
        let original = r.logical_id.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.stop_propagation();
                draft.set(original.clone());
            }
        })
    };
    let on_blur = Callback::from(move |_: FocusEvent| apply());
    let on_delete = {
        let d = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::DeleteSelected))
    };

    let error = check.err().map(|e| id_error_text(s, e));
    let hint_id = "logical-id-hint";
    let url = reference_url(&r.type_name, props.lang == Lang::Ko);
    let category = r.category;

    html! {
        <div class="details">
            <div class="details-head">
                <ServiceIcon category={category} size={36.0}/>
                <div class="details-head-text">
                    <div class="details-title">{ r.logical_id.clone() }</div>
                    <div class="details-type">{ r.type_name.clone() }</div>
                </div>
            </div>
            <form class="field" onsubmit={on_submit}>
                <label for="logical-id" class="field-label">{ s.field_logical_id }</label>
                <div class="field-row">
                    <input id="logical-id" class={classes!("text-input", error.is_some().then_some("invalid"))}
                        value={(*draft).clone()} oninput={on_input} onkeydown={on_key} onblur={on_blur}
                        aria-invalid={if error.is_some() { "true" } else { "false" }}
                        aria-describedby={hint_id} spellcheck="false" autocomplete="off"
                        maxlength="255"/>
                    <button type="submit" class="btn" disabled={!changed || error.is_some()}>{ s.rename }</button>
                </div>
                <p id={hint_id} class={classes!("field-hint", error.is_some().then_some("error"))} aria-live="polite">
                    { error.unwrap_or(s.logical_id_rule) }
                </p>
            </form>
            <dl class="props">
                <dt>{ s.field_type }</dt>
                <dd class="mono">{ r.type_name.clone() }</dd>
                <dt>{ s.field_category }</dt>
                <dd>
                    <span class="swatch" style={format!("background:{}", category.color())}></span>
                    { category.label(s) }
                </dd>
            </dl>
            <div class="details-actions">
                if let Some(url) = url {
                    <a class="btn link-btn" href={url} target="_blank" rel="noopener noreferrer">
                        { s.open_reference }<UiIcon icon={Ui::External} size={13}/>
                    </a>
                }
                <button type="button" class="btn danger" onclick={on_delete}>
                    <UiIcon icon={Ui::Trash} size={14}/>{ s.delete_resource }
                </button>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct SummaryProps {
    lang: Lang,
    diagram: Rc<Diagram>,
}

#[component(TemplateSummary)]
fn template_summary(props: &SummaryProps) -> Html {
    let s = props.lang.strings();
    let counts = props.diagram.category_counts();
    html! {
        <div class="summary">
            <h3 class="section-title">{ s.summary_title }</h3>
            <dl class="props">
                <dt>{ s.summary_format_version }</dt>
                <dd class="mono">{ props.diagram.format_version().unwrap_or(FORMAT_VERSION).to_string() }</dd>
                <dt>{ s.summary_resources }</dt>
                <dd>{ props.diagram.len() }</dd>
            </dl>
            if counts.is_empty() {
                <p class="muted small">{ s.summary_no_resources }</p>
            } else {
                <h4 class="subsection-title">{ s.summary_services }</h4>
                <ul class="category-counts">
                    { for counts.into_iter().map(|(c, n)| html! {
                        <li key={c.slug()}>
                            <ServiceIcon category={c} size={18.0}/>
                            <span class="grow">{ c.label(s) }</span>
                            <span class="count">{ n }</span>
                        </li>
                    }) }
                </ul>
            }
        </div>
    }
}
