//! The inspector: what is selected — one resource (rename, findings, properties,
//! relationships, reference link, delete), several (align, delete), or a link (its
//! ends and what it writes) — and a summary of the whole template.

use std::cell::RefCell;
use std::rc::Rc;

use formwork_core::diagnostic::Severity;
use formwork_core::diagram::arrange::Align;
use formwork_core::diagram::relations::LinkKind;
use formwork_core::document::Document;
use formwork_core::document::commands::copy;
use formwork_core::document::ids::{self, IdProblem};
use yew::prelude::*;

use super::canvas::toolbar::align_label;
use super::icons::{ServiceIcon, Ui, UiIcon};
use super::template_view::TemplateView;
use crate::Dispatch;
use crate::catalog::{category_label, reference_url};
use crate::i18n::{Lang, Strings, fill};
use crate::state::{Action, Selection};
use crate::view::{DocView, Shared};

/// The document, compared by identity (its view says when it changed).
#[derive(Clone)]
pub struct DocHandle(pub Rc<RefCell<Document>>);

impl PartialEq for DocHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    pub lang: Lang,
    pub dispatch: Dispatch,
    pub view: Shared<DocView>,
    pub doc: DocHandle,
    pub selection: Rc<Selection>,
    /// Bumped when the logical id field should take focus.
    pub focus: u32,
}

fn id_problem_text(s: &Strings, p: IdProblem) -> &'static str {
    match p {
        IdProblem::Empty => s.logical_id_empty,
        IdProblem::Invalid => s.logical_id_invalid,
        IdProblem::TooLong => s.logical_id_too_long,
        IdProblem::Taken => s.logical_id_taken,
    }
}

#[component(Inspector)]
pub fn inspector(props: &InspectorProps) -> Html {
    let s = props.lang.strings();
    let sel = &props.selection;
    let body = if let Some(id) = sel.single()
        && props.view.has_node(id)
    {
        html! {
            <ResourceDetails key={format!("{}:{id}", props.view.epoch)} id={id.to_string()} lang={props.lang}
                dispatch={props.dispatch.clone()} view={props.view.clone()} doc={props.doc.clone()}
                focus={props.focus}/>
        }
    } else if sel.nodes.len() > 1 {
        let d = props.dispatch.clone();
        let aligns = Align::ALL.iter().map(|&a| {
            let d = d.clone();
            html! {
                <button type="button" class="btn small" onclick={Callback::from(move |_: MouseEvent| d.dispatch(Action::Align(a)))}>
                    { align_label(s, a) }
                </button>
            }
        });
        let del = {
            let d = d.clone();
            Callback::from(move |_: MouseEvent| d.dispatch(Action::DeleteSelected))
        };
        html! {
            <div class="details">
                <div class="details-title">{ fill(s.inspector_multi, &[&sel.nodes.len().to_string()]) }</div>
                <ul class="id-list">
                    { for sel.nodes.iter().map(|id| html! { <li key={id.clone()} class="mono">{ id.clone() }</li> }) }
                </ul>
                <h3 class="section-title">{ s.edit_align }</h3>
                <div class="button-grid">{ for aligns }</div>
                <div class="details-actions">
                    <button type="button" class="btn danger" onclick={del}>
                        <UiIcon icon={Ui::Trash} size={14}/>{ s.edit_delete }
                    </button>
                </div>
            </div>
        }
    } else if let Some(key) = &sel.edge
        && let Some(edge) = props.view.edge(key)
    {
        let l = &edge.link;
        let kind = match l.kind {
            LinkKind::Reference => s.link_kind_reference,
            LinkKind::DependsOn => s.link_kind_depends,
            LinkKind::Glue => s.link_kind_glue,
        };
        let d = props.dispatch.clone();
        let del = Callback::from(move |_: MouseEvent| d.dispatch(Action::DeleteSelected));
        let select = |id: &str| {
            let d = props.dispatch.clone();
            let id = id.to_string();
            Callback::from(move |_: MouseEvent| d.dispatch(Action::Select(vec![id.clone()])))
        };
        html! {
            <div class="details">
                <div class="details-head">
                    <span class="link-icon"><UiIcon icon={Ui::Link} size={18}/></span>
                    <div class="details-head-text">
                        <div class="details-title">{ kind }</div>
                        <div class="details-type">{ format!("{} → {}", l.from, l.to) }</div>
                    </div>
                </div>
                <dl class="props">
                    <dt>{ s.link_from }</dt>
                    <dd><button type="button" class="link-like mono" onclick={select(&l.from)}>{ l.from.clone() }</button></dd>
                    <dt>{ s.link_to }</dt>
                    <dd><button type="button" class="link-like mono" onclick={select(&l.to)}>{ l.to.clone() }</button></dd>
                    <dt>{ if l.kind == LinkKind::Glue { s.link_resource } else { s.link_property } }</dt>
                    <dd class="mono">{ l.label.clone() }</dd>
                </dl>
                <div class="details-actions">
                    <button type="button" class="btn danger" onclick={del}>
                        <UiIcon icon={Ui::Trash} size={14}/>{ s.ctx_delete_link }
                    </button>
                </div>
            </div>
        }
    } else {
        html! {
            <div class="inspector-empty">
                <UiIcon icon={Ui::Cursor} size={20}/>
                <p>{ s.inspector_empty }</p>
            </div>
        }
    };

    html! {
        <aside class="inspector panel" aria-label={s.inspector}>
            <div class="panel-header">
                <h2 class="panel-title">{ s.inspector_title }</h2>
            </div>
            <div class="inspector-scroll">
                { body }
                <TemplateSummary lang={props.lang} view={props.view.clone()}/>
            </div>
        </aside>
    }
}

#[derive(Properties, PartialEq)]
struct DetailsProps {
    id: String,
    lang: Lang,
    dispatch: Dispatch,
    view: Shared<DocView>,
    doc: DocHandle,
    focus: u32,
}

#[component(ResourceDetails)]
fn resource_details(props: &DetailsProps) -> Html {
    let s = props.lang.strings();
    let id = &props.id;
    let node = props.view.node(id).cloned();
    let draft = use_state(|| id.clone());
    let input_ref = use_node_ref();
    // The id changed underneath (undo, rename): follow it.
    {
        let draft = draft.clone();
        use_effect_with(id.clone(), move |id| draft.set(id.clone()));
    }
    {
        let input_ref = input_ref.clone();
        use_effect_with(props.focus, move |&focus| {
            if focus > 0
                && let Some(input) = input_ref.cast::<web_sys::HtmlInputElement>()
            {
                let _ = input.focus();
                input.select();
            }
        });
    }
    let check = {
        let doc = props.doc.0.borrow();
        if *draft == *id {
            Ok(())
        } else {
            ids::check_syntax(&draft).and_then(|_| {
                if ids::is_taken(doc.template(), &draft) {
                    Err(IdProblem::Taken)
                } else {
                    Ok(())
                }
            })
        }
    };
    let yaml = use_memo((props.view.epoch, props.view.revision, id.clone()), {
        let doc = props.doc.clone();
        move |(_, _, id)| {
            let doc = doc.0.borrow();
            copy(doc.template(), &[id.as_str()])
                .map(|t| {
                    // Just the declaration, without the Resources wrapper.
                    t.lines()
                        .skip(2)
                        .map(|l| l.strip_prefix("    ").unwrap_or(l))
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .unwrap_or_default()
        }
    });
    let changed = *draft != *id;

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
        let from = id.clone();
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
        let original = id.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.stop_propagation();
                draft.set(original.clone());
            }
        })
    };
    let on_blur = Callback::from(move |_: FocusEvent| apply());
    let act = |a: Action| {
        let d = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(a.clone()))
    };

    let Some(node) = node else {
        return html! {};
    };
    let error = check.err().map(|e| id_problem_text(s, e));
    let hint_id = "logical-id-hint";
    let url = reference_url(&node.type_name, props.lang == Lang::Ko);
    let badge = props.view.badges.get(id).cloned();
    let relations: Vec<Html> = props
        .view
        .edges
        .iter()
        .filter(|e| e.link.from == *id || e.link.to == *id)
        .map(|e| {
            let outgoing = e.link.from == *id;
            let other = if outgoing { &e.link.to } else { &e.link.from };
            let kind = match e.link.kind {
                LinkKind::Reference => e.link.label.clone(),
                LinkKind::DependsOn => "DependsOn".to_string(),
                LinkKind::Glue => e.link.label.clone(),
            };
            let d = props.dispatch.clone();
            let key = e.key.clone();
            html! {
                <li key={e.key.clone()}>
                    <button type="button" class="relation" onclick={Callback::from(move |_: MouseEvent| d.dispatch(Action::SelectEdge(key.clone())))}>
                        <span class="relation-dir" aria-hidden="true">{ if outgoing { "→" } else { "←" } }</span>
                        <span class="mono grow">{ other.clone() }</span>
                        <span class="relation-kind">{ kind }</span>
                    </button>
                </li>
            }
        })
        .collect();

    html! {
        <div class="details">
            <div class="details-head">
                <ServiceIcon category={node.category} size={36.0}/>
                <div class="details-head-text">
                    <div class="details-title">{ id.clone() }</div>
                    <div class="details-type">{ node.type_name.clone() }</div>
                </div>
            </div>
            <form class="field" onsubmit={on_submit}>
                <label for="logical-id" class="field-label">{ s.field_logical_id }</label>
                <div class="field-row">
                    <input id="logical-id" ref={input_ref} class={classes!("text-input", error.is_some().then_some("invalid"))}
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
                <dd class="mono">{ node.type_name.clone() }</dd>
                <dt>{ s.field_category }</dt>
                <dd>{ category_label(s, node.category) }</dd>
                if let Some(p) = &node.parent {
                    <dt>{ s.field_inside }</dt>
                    <dd class="mono">{ p.clone() }</dd>
                }
            </dl>
            <h3 class="section-title">{ s.inspector_findings }</h3>
            if let Some(b) = &badge {
                <ul class="findings">
                    { for b.lines.iter().enumerate().map(|(i, (sev, line))| html! {
                        <li key={i} class={if *sev == Severity::Error { "error" } else { "warning" }}>
                            <UiIcon icon={if *sev == Severity::Error { Ui::Error } else { Ui::Warning }} size={14}/>
                            <span>{ line.clone() }</span>
                        </li>
                    }) }
                </ul>
            } else {
                <p class="muted small ok-line"><UiIcon icon={Ui::Check} size={14}/>{ s.inspector_no_findings }</p>
            }
            if !relations.is_empty() {
                <h3 class="section-title">{ s.inspector_relations }</h3>
                <ul class="relations">{ for relations }</ul>
            }
            <h3 class="section-title">{ s.inspector_declaration }</h3>
            <div class="declaration">
                <TemplateView text={AttrValue::from((*yaml).clone())} label={s.inspector_declaration}/>
            </div>
            <div class="details-actions">
                <a class="btn link-btn" href={url} target="_blank" rel="noopener noreferrer">
                    { s.open_reference }<UiIcon icon={Ui::External} size={13}/>
                </a>
                <button type="button" class="btn" onclick={act(Action::Duplicate)}>{ s.edit_duplicate }</button>
                <button type="button" class="btn danger" onclick={act(Action::DeleteSelected)}>
                    <UiIcon icon={Ui::Trash} size={14}/>{ s.delete_resource }
                </button>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct SummaryProps {
    lang: Lang,
    view: Shared<DocView>,
}

#[component(TemplateSummary)]
fn template_summary(props: &SummaryProps) -> Html {
    let s = props.lang.strings();
    let v = &props.view;
    let errors = v
        .findings
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = v
        .findings
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    html! {
        <div class="summary">
            <h3 class="section-title">{ s.summary_title }</h3>
            <dl class="props">
                <dt>{ s.summary_format_version }</dt>
                <dd class="mono">{ v.format_version.clone().unwrap_or_else(|| "—".into()) }</dd>
                <dt>{ s.summary_resources }</dt>
                <dd>{ v.resources }</dd>
                <dt>{ s.summary_links }</dt>
                <dd>{ v.edges.len() }</dd>
                <dt>{ s.summary_problems }</dt>
                <dd>
                    <span class={classes!("count-chip", (errors > 0).then_some("error"))}>{ errors }</span>
                    <span class={classes!("count-chip", (warnings > 0).then_some("warning"))}>{ warnings }</span>
                </dd>
            </dl>
            if v.counts.is_empty() {
                <p class="muted small">{ s.summary_no_resources }</p>
            } else {
                <h4 class="subsection-title">{ s.summary_services }</h4>
                <ul class="category-counts">
                    { for v.counts.iter().map(|&(c, n)| html! {
                        <li key={crate::catalog::category_slug(c)}>
                            <ServiceIcon category={c} size={18.0}/>
                            <span class="grow">{ category_label(s, c) }</span>
                            <span class="count">{ n }</span>
                        </li>
                    }) }
                </ul>
            }
        </div>
    }
}
