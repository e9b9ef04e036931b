//! The inspector: what is selected — one resource (its properties as forms from the
//! catalog, its attributes, findings, relationships, declaration), several (align,
//! delete), or a link (its ends and what it writes) — and, with nothing selected, the
//! template itself (description, parameters, mappings, conditions, outputs, rules).
//!
//! The forms are the core's (`formwork_core::forms`): which fields there are, what
//! each holds, how typed text becomes a value. Every change is a core `FormEdit`
//! dispatched as [`Action::Form`]; typing in one field undoes as one step. Forms are
//! drawn as plain HTML with one set of listeners per form (see [`form`]), which keeps
//! them small in the bundle.

mod form;
pub mod h;
mod resource;
mod template;

use std::cell::RefCell;
use std::rc::Rc;

use formwork_core::diagram::arrange::Align;
use formwork_core::diagram::relations::LinkKind;
use formwork_core::document::Document;
use formwork_core::forms::FormEdit;
use wasm_bindgen::JsValue;
use yew::prelude::*;

pub use form::{finding_text, icon};
use resource::ResourceDetails;
use template::TemplateEditor;

use super::canvas::toolbar::align_label;
use super::icons::{Ui, UiIcon};
use crate::Dispatch;
use crate::i18n::{Lang, fill};
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

/// What every form field needs: the language, where to send edits, the document and
/// its view (which changes with every revision, so fields redraw), and whose form it is.
#[derive(Clone, PartialEq)]
pub struct Ctx {
    pub lang: Lang,
    pub dispatch: Dispatch,
    pub doc: DocHandle,
    pub view: Shared<DocView>,
    /// The resource being edited; `None` for the template's own forms.
    pub owner: Option<AttrValue>,
    /// Its type, for the catalog's definitions; empty for the template's forms.
    pub type_name: AttrValue,
}

impl Ctx {
    /// Applies an edit as one undoable step.
    pub fn edit(&self, edit: FormEdit) {
        self.dispatch.dispatch(Action::Form {
            edit: Box::new(edit),
            typing: None,
        });
    }

    /// Applies an edit made by typing in the field `key`: a run of them undoes as one.
    pub fn typing(&self, key: String, edit: FormEdit) {
        self.dispatch.dispatch(Action::Form {
            edit: Box::new(edit),
            typing: Some(key),
        });
    }

    /// Ends the current typing run (the field lost focus).
    pub fn seal(&self) {
        self.dispatch.dispatch(Action::SealHistory);
    }
}

/// The value of the input, textarea or select an event came from.
pub fn control_value(target: &web_sys::EventTarget) -> String {
    js_sys::Reflect::get(target, &JsValue::from_str("value"))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// Whether the checkbox an event came from is checked.
pub fn control_checked(target: &web_sys::EventTarget) -> bool {
    js_sys::Reflect::get(target, &JsValue::from_str("checked"))
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
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

#[component(Inspector)]
pub fn inspector(props: &InspectorProps) -> Html {
    let s = props.lang.strings();
    let sel = &props.selection;
    let ctx = |owner: Option<&str>, type_name: &str| Ctx {
        lang: props.lang,
        dispatch: props.dispatch.clone(),
        doc: props.doc.clone(),
        view: props.view.clone(),
        owner: owner.map(|o| AttrValue::from(o.to_string())),
        type_name: AttrValue::from(type_name.to_string()),
    };
    // The scroll position starts at the top for each new thing shown.
    let shown = match (sel.single(), &sel.edge) {
        (Some(id), _) => format!("r:{id}"),
        (None, Some(e)) => format!("e:{e}"),
        _ => format!("n:{}", sel.nodes.len()),
    };
    let (title, body) = if let Some(id) = sel.single()
        && let Some(node) = props.view.node(id)
    {
        (
            s.inspector_title,
            html! {
                <ResourceDetails key={format!("{}:{id}", props.view.epoch)} ctx={ctx(Some(id), &node.type_name)}
                    focus={props.focus}/>
            },
        )
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
        (
            s.inspector_title,
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
            },
        )
    } else if let Some(key) = &sel.edge
        && let Some(edge) = props.view.edge(key)
    {
        let l = &edge.link;
        let kind = match l.kind {
            LinkKind::Reference => s.link_kind_reference,
            LinkKind::DependsOn => s.link_kind_depends,
            LinkKind::Glue => s.link_kind_glue,
        };
        let glue_type = (l.kind == LinkKind::Glue)
            .then(|| {
                let doc = props.doc.0.borrow();
                let r = doc.template().resource(&l.label)?;
                r.type_name().map(str::to_string)
            })
            .flatten();
        let d = props.dispatch.clone();
        let del = Callback::from(move |_: MouseEvent| d.dispatch(Action::DeleteSelected));
        let select = |id: &str| {
            let d = props.dispatch.clone();
            let id = id.to_string();
            Callback::from(move |_: MouseEvent| d.dispatch(Action::Select(vec![id.clone()])))
        };
        (
            s.inspector_title,
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
                    // A resource folded into this link keeps its whole form (and its
                    // Delete) here.
                    if let Some(type_name) = glue_type {
                        <ResourceDetails key={format!("{}:{}", props.view.epoch, l.label)} ctx={ctx(Some(&l.label), &type_name)} focus={0}/>
                    } else {
                        <div class="details-actions">
                            <button type="button" class="btn danger" onclick={del}>
                                <UiIcon icon={Ui::Trash} size={14}/>{ s.ctx_delete_link }
                            </button>
                        </div>
                    }
                </div>
            },
        )
    } else {
        (
            s.tpl_title,
            html! { <TemplateEditor key={props.view.epoch.to_string()} ctx={ctx(None, "")}/> },
        )
    };

    html! {
        <aside class="inspector panel" aria-label={s.inspector}>
            <div class="panel-header">
                <h2 class="panel-title">{ title }</h2>
            </div>
            <div class="inspector-scroll" key={shown}>
                { body }
            </div>
        </aside>
    }
}
