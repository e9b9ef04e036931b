//! How the inspector's forms are drawn and how they act, kept small: a form is plain
//! HTML drawn by [`Form`] (no component per field), and each control carries a
//! `data-op` number into a table of [`Op`]s rebuilt at every draw. One set of
//! listeners on the form's root ([`use_form`]) reads the control's value, finds its
//! op and turns it into a core `FormEdit`. The core's form model says which fields
//! there are and how typed text becomes a value; this only draws and dispatches.
//!
//! Text applies as it is typed when it reads; while it does not, the text stays with
//! its error and nothing is applied. Leaving a field ends its typing run, so it undoes
//! as one step.

use std::cell::{Ref, RefCell, RefMut};
use std::rc::Rc;

use formwork_core::catalog::{Catalog, Kind};
use formwork_core::diagnostic::{Diagnostic, Severity};
use formwork_core::document::edit::node_at;
use formwork_core::document::{Document, Path, Step, ids};
use formwork_core::forms::FormEdit;
use formwork_core::forms::fields::{Field, children, findings_at, new_item, preview};
use formwork_core::forms::refs::{self, Candidate, Source};
use formwork_core::forms::template as tf;
use formwork_core::forms::value::{self, InputError, Mode, Widget};
use formwork_core::template::intrinsic::{get_att, ref_target};
use formwork_core::template::{Node, Section};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::h::{self, A, a, control, el, el_text, keyed, list, option, text};
use super::{Ctx, control_checked, control_value};
use crate::catalog::form_catalog;
use crate::components::icons::{Ui as Icon, UiIcon};
use crate::i18n::{Lang, Strings, fill, rule_heading};
use crate::state::Action;

/// How a control's text or choice becomes a value.
#[derive(Clone, Debug)]
pub enum Parse {
    /// A plain value of this kind; `true` for a list item or map entry, which empty
    /// text leaves as an empty string instead of removing.
    Kind(Kind, bool),
    Yaml,
    Sub,
    Ref,
    /// A GetAtt's resource, keeping this attribute when the new resource has it.
    GetAttResource(String),
    /// A GetAtt's attribute of this resource.
    GetAttAttribute(String),
    /// A checkbox.
    Bool,
    /// A checkbox that writes `true` or nothing (NoEcho).
    Flag,
    /// Text or a choice; empty removes.
    Str,
    /// A parameter attribute, for a parameter of this type.
    Parameter(String, &'static str),
    Section(Section),
}

/// What a control does.
#[derive(Clone, Debug)]
pub enum Op {
    /// Text typed in a field (`key` names the field for drafts and history).
    Text {
        key: String,
        path: Path,
        parse: Parse,
    },
    /// A select or checkbox.
    Pick { path: Path, parse: Parse },
    /// A field's mode select.
    Mode {
        key: String,
        path: Path,
        kind: Kind,
        prop: Option<String>,
    },
    /// A button that makes an edit.
    Do(FormEdit),
    /// A button that opens or closes a part.
    Toggle(String),
    /// A name field: renames a parameter (or an output) when the name is committed.
    Rename { from: String, output: bool },
    /// A button that adds the key typed in the field before it.
    AddKey { base: Path, value: Node },
    /// The select that adds a resource to DependsOn.
    DependOn { id: String, current: Vec<String> },
    /// A button that asks the app for something (select a link, duplicate, delete).
    App(Action),
    /// The field that filters the properties by name.
    Filter,
    /// The button that lists every property, or only those set.
    ShowAll,
}

/// What a form remembers between draws. A few entries at most, so plain lists (a
/// hash map per value type would cost more code than it saves time).
#[derive(Default)]
pub struct Ui {
    /// Text typed in the field that has focus, by field key.
    drafts: Vec<(String, String)>,
    errors: Vec<(String, String)>,
    /// Parts opened or closed by hand, against their default.
    toggled: Vec<String>,
    /// Fields shown as YAML by choice.
    yaml: Vec<String>,
    /// Properties listed while the resource stays selected (once set or required).
    pub shown: Vec<String>,
    /// The sections open as the template editor opened.
    pub sections: Option<Vec<Section>>,
    /// The properties filter's text.
    pub filter: String,
    /// Every property of the type is listed, not only those set.
    pub show_all: bool,
    /// The select in use (its accessible name), drawn with all its options.
    engaged: Option<String>,
}

fn get<'a>(list: &'a [(String, String)], key: &str) -> Option<&'a String> {
    list.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// Sets `key`; true when it was not there.
fn put(list: &mut Vec<(String, String)>, key: String, value: String) -> bool {
    match list.iter_mut().find(|(k, _)| *k == key) {
        Some(slot) => {
            slot.1 = value;
            false
        }
        None => {
            list.push((key, value));
            true
        }
    }
}

/// Removes `key`; true when it was there.
fn take(list: &mut Vec<(String, String)>, key: &str) -> bool {
    let before = list.len();
    list.retain(|(k, _)| k != key);
    list.len() != before
}

/// Removes `key` from a list of keys; true when it was there.
fn take_key(list: &mut Vec<String>, key: &str) -> bool {
    let before = list.len();
    list.retain(|k| k != key);
    list.len() != before
}

#[derive(Clone)]
pub struct FormState {
    ops: Rc<RefCell<Vec<Op>>>,
    pub ui: Rc<RefCell<Ui>>,
    redraw: UseForceUpdateHandle,
}

/// The listeners a form's root element takes.
pub struct Listeners {
    pub input: Callback<InputEvent>,
    pub change: Callback<Event>,
    pub click: Callback<MouseEvent>,
    pub blur: Callback<FocusEvent>,
    pub key: Callback<KeyboardEvent>,
    /// Focus or a press on a select: it is drawn with all its options (see
    /// [`Form::options`]).
    pub focus: Callback<FocusEvent>,
    pub press: Callback<PointerEvent>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ev {
    Input,
    Change,
    Click,
    Blur,
    Escape,
    Enter,
}

/// What the form's listeners share: the one function that handles them all.
type Handler = Rc<dyn Fn(&Event, Ev)>;

#[hook]
pub fn use_form(ctx: &Ctx) -> (FormState, Listeners) {
    let state = FormState {
        ops: use_mut_ref(Vec::new),
        ui: use_mut_ref(Ui::default),
        redraw: use_force_update(),
    };
    let handle: Handler = {
        let (state, ctx) = (state.clone(), ctx.clone());
        Rc::new(move |e: &Event, ev: Ev| state.handle(&ctx, e, ev))
    };
    let h = handle.clone();
    let input = Callback::from(move |e: InputEvent| h(&e, Ev::Input));
    let h = handle.clone();
    let change = Callback::from(move |e: Event| h(&e, Ev::Change));
    let h = handle.clone();
    let click = Callback::from(move |e: MouseEvent| h(&e, Ev::Click));
    let h = handle.clone();
    let blur = Callback::from(move |e: FocusEvent| h(&e, Ev::Blur));
    let key = Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
        "Escape" => handle(&e, Ev::Escape),
        "Enter" => handle(&e, Ev::Enter),
        _ => {}
    });
    let engage: Rc<dyn Fn(&Event)> = {
        let state = state.clone();
        Rc::new(move |e: &Event| {
            let Some(name) = crate::dom::closest(e.target(), "select[data-lazy='1']")
                .and_then(|el| el.get_attribute("aria-label"))
            else {
                return;
            };
            state.ui.borrow_mut().engaged = Some(name);
            state.redraw.force_update();
        })
    };
    let e = engage.clone();
    let focus = Callback::from(move |ev: FocusEvent| e(&ev));
    let press = Callback::from(move |ev: PointerEvent| engage(&ev));
    (
        state,
        Listeners {
            input,
            change,
            click,
            blur,
            key,
            focus,
            press,
        },
    )
}

/// An interface icon.
pub fn icon(i: Icon, size: u32) -> Html {
    html! { <UiIcon icon={i} {size}/> }
}

/// A labelled control with what goes under it (findings, an error).
pub fn labeled(class: &'static str, label: &str, control: Html, below: Html) -> Html {
    el(
        "div",
        class,
        &[],
        vec![
            el(
                "div",
                "ff-head",
                &[],
                vec![el_text("span", "ff-label", label.to_string())],
            ),
            control,
            below,
        ],
    )
}

/// The interface text of a typing error.
pub fn input_error(s: &Strings, e: &InputError) -> String {
    match e {
        InputError::NotInteger => s.err_not_integer.to_string(),
        InputError::NotNumber => s.err_not_number.to_string(),
        InputError::Yaml(p) => fill(s.err_yaml, &[&p.pos.line.to_string(), &p.message]),
    }
}

fn section_error(s: &Strings, e: &tf::SectionError) -> String {
    use tf::SectionError as E;
    match e {
        E::Yaml(p) => fill(s.err_yaml, &[&p.pos.line.to_string(), &p.message]),
        E::NotMapping => s.err_section_mapping.to_string(),
        E::NotMapOfMaps(n) => fill(s.err_mapping_shape, &[n]),
        E::NotCondition(n) => fill(s.err_condition_shape, &[n]),
        E::NoAssertions(n) => fill(s.err_rule_shape, &[n]),
    }
}

/// Reads a control's text (or choice) as the value its op writes: `Ok(None)` removes.
fn parse(
    doc: &Document,
    p: &Parse,
    text: &str,
    path: &[Step],
    s: &Strings,
) -> Result<Option<Node>, String> {
    let old = node_at(&doc.template().root, path);
    let keep = |n: Node| Some(value::restyle(old, n));
    Ok(match p {
        Parse::Kind(kind, entry) => match value::parse_input(kind, text) {
            Ok(None) if *entry => Some(Node::string("")),
            Ok(v) => v.and_then(keep),
            Err(e) => return Err(input_error(s, &e)),
        },
        Parse::Yaml => value::parse_yaml(text).map_err(|e| input_error(s, &e))?,
        Parse::Sub => Some(value::sub_node(old, text)),
        Parse::Ref => Some(Node::reference(text)),
        Parse::GetAttResource(att) => {
            let attrs = refs::attributes(doc.template(), Some(form_catalog()), text);
            let a = match attrs.first() {
                Some(first) if !attrs.contains(att) => first.clone(),
                _ => att.clone(),
            };
            Some(Node::get_att(text, &a))
        }
        Parse::GetAttAttribute(res) => Some(Node::get_att(res, text)),
        Parse::Bool => Some(Node::bool(text == "true")),
        Parse::Flag => (text == "true").then(|| Node::bool(true)),
        Parse::Str => (!text.is_empty())
            .then(|| Node::string(text))
            .and_then(keep),
        Parse::Parameter(type_name, attr) => tf::parse_attribute(type_name, attr, text)
            .map_err(|e| input_error(s, &e))?
            .and_then(keep),
        Parse::Section(sec) => tf::parse_section(*sec, text).map_err(|e| section_error(s, &e))?,
    })
}

impl FormState {
    fn handle(&self, ctx: &Ctx, e: &Event, ev: Ev) {
        let Some(el) = crate::dom::closest(e.target(), "[data-op]") else {
            return;
        };
        let Some(op) = el
            .get_attribute("data-op")
            .and_then(|i| i.parse::<usize>().ok())
            .and_then(|i| self.ops.borrow().get(i).cloned())
        else {
            return;
        };
        let s = ctx.lang.strings();
        let text = || control_value(&el);
        let mut redraw = false;
        match (ev, op) {
            (
                Ev::Input,
                Op::Text {
                    key,
                    path,
                    parse: p,
                },
            ) => {
                let text = text();
                let result = parse(&ctx.doc.0.borrow(), &p, &text, &path, s);
                let mut ui = self.ui.borrow_mut();
                put(&mut ui.drafts, key.clone(), text);
                match result {
                    Ok(value) => {
                        redraw = take(&mut ui.errors, &key);
                        drop(ui);
                        ctx.typing(key, FormEdit::Set { path, value });
                    }
                    Err(message) => {
                        put(&mut ui.errors, key, message);
                        redraw = true;
                    }
                }
            }
            (Ev::Blur, Op::Text { key, .. }) => {
                let mut ui = self.ui.borrow_mut();
                if get(&ui.errors, &key).is_none() {
                    take(&mut ui.drafts, &key);
                }
                drop(ui);
                ctx.seal();
            }
            (Ev::Escape, Op::Text { key, .. }) => {
                let mut ui = self.ui.borrow_mut();
                if take(&mut ui.errors, &key) {
                    take(&mut ui.drafts, &key);
                    e.stop_propagation();
                    redraw = true;
                }
            }
            (Ev::Change, Op::Pick { path, parse: p }) => {
                let text = match p {
                    Parse::Bool | Parse::Flag => control_checked(&el).to_string(),
                    _ => text(),
                };
                let value = parse(&ctx.doc.0.borrow(), &p, &text, &path, s);
                if let Ok(value) = value {
                    ctx.edit(FormEdit::Set { path, value });
                }
            }
            (
                Ev::Change,
                Op::Mode {
                    key,
                    path,
                    kind,
                    prop,
                },
            ) => {
                let Some(to) = Mode::from_slug(&text()) else {
                    return;
                };
                let change = {
                    let doc = ctx.doc.0.borrow();
                    let t = doc.template();
                    let owner = ctx.owner.as_deref();
                    let prop = prop.as_deref();
                    let refs_list = refs::ref_candidates(t, Some(form_catalog()), owner, prop);
                    let atts = refs::get_att_candidates(t, Some(form_catalog()), owner, prop);
                    value::switch_mode(
                        node_at(&t.root, &path),
                        &kind,
                        to,
                        refs::first_ref(&refs_list),
                        refs::first_get_att(&atts),
                    )
                };
                let mut ui = self.ui.borrow_mut();
                take(&mut ui.drafts, &key);
                take(&mut ui.errors, &key);
                take_key(&mut ui.yaml, &key);
                if to == Mode::Yaml {
                    ui.yaml.push(key);
                }
                drop(ui);
                redraw = true;
                if let Some(value) = change {
                    ctx.edit(FormEdit::Set { path, value });
                }
            }
            (Ev::Click, Op::Do(edit)) => ctx.edit(edit),
            (Ev::Click, Op::App(action)) => ctx.dispatch.dispatch(action),
            (Ev::Input, Op::Filter) => {
                self.ui.borrow_mut().filter = text();
                redraw = true;
            }
            (Ev::Click, Op::ShowAll) => {
                let mut ui = self.ui.borrow_mut();
                ui.show_all = !ui.show_all;
                redraw = true;
            }
            (Ev::Click, Op::Toggle(key)) => {
                let mut ui = self.ui.borrow_mut();
                if !take_key(&mut ui.toggled, &key) {
                    ui.toggled.push(key);
                }
                redraw = true;
            }
            (Ev::Click, Op::AddKey { base, value }) => {
                let Some(input) = el.previous_element_sibling() else {
                    return;
                };
                let name = control_value(&input).trim().to_string();
                if name.is_empty() {
                    return;
                }
                let mut path = base;
                path.push(Step::key(&name));
                if node_at(&ctx.doc.0.borrow().template().root, &path).is_none() {
                    let _ = js_sys::Reflect::set(&input, &"value".into(), &"".into());
                    ctx.edit(FormEdit::Set {
                        path,
                        value: Some(value),
                    });
                }
            }
            (Ev::Enter, Op::AddKey { .. }) => {}
            (Ev::Input, Op::Rename { from, output }) => {
                let key = format!("rename:{from}");
                let problem = rename_problem(&ctx.doc.0.borrow(), s, &from, &text(), output);
                let mut ui = self.ui.borrow_mut();
                redraw = match problem {
                    Some(p) => put(&mut ui.errors, key, p.to_string()),
                    None => take(&mut ui.errors, &key),
                };
            }
            (Ev::Change, Op::Rename { from, output }) => {
                let to = text();
                if to == from
                    || rename_problem(&ctx.doc.0.borrow(), s, &from, &to, output).is_some()
                {
                    return;
                }
                let mut ui = self.ui.borrow_mut();
                let (a, b) = if output {
                    (format!("out:{from}"), format!("out:{to}"))
                } else {
                    (format!("par:{from}"), format!("par:{to}"))
                };
                if take_key(&mut ui.toggled, &a) {
                    ui.toggled.push(b);
                }
                drop(ui);
                ctx.edit(if output {
                    FormEdit::RenameOutput { from, to }
                } else {
                    FormEdit::RenameParameter { from, to }
                });
            }
            (Ev::Escape, Op::Rename { from, .. }) => {
                let _ = js_sys::Reflect::set(&el, &"value".into(), &from.as_str().into());
                let key = format!("rename:{from}");
                redraw = take(&mut self.ui.borrow_mut().errors, &key);
            }
            (Ev::Enter, Op::Rename { .. }) => {
                if let Some(h) = el.dyn_ref::<web_sys::HtmlElement>() {
                    let _ = h.blur();
                }
            }
            (Ev::Change, Op::DependOn { id, mut current }) => {
                let v = text();
                if !v.is_empty() {
                    current.push(v);
                    ctx.edit(FormEdit::SetDependsOn {
                        id,
                        targets: current,
                    });
                }
            }
            _ => {}
        }
        if redraw {
            self.redraw.force_update();
        }
    }
}

/// Why a parameter or output cannot take a new name, if it cannot.
fn rename_problem(
    doc: &Document,
    s: &'static Strings,
    from: &str,
    to: &str,
    output: bool,
) -> Option<&'static str> {
    if to == from {
        return None;
    }
    let t = doc.template();
    match ids::check_syntax(to) {
        Err(ids::IdProblem::Empty) => Some(s.logical_id_empty),
        Err(ids::IdProblem::TooLong) => Some(s.logical_id_too_long),
        Err(_) => Some(s.logical_id_invalid),
        Ok(())
            if output
                && t.section_map(Section::Outputs)
                    .is_some_and(|m| m.contains_key(to)) =>
        {
            Some(s.logical_id_taken)
        }
        Ok(()) if !output && ids::is_taken(t, to) => Some(s.logical_id_taken),
        Ok(()) => None,
    }
}

/// A finding's message in a `<span class=class>`; in a language other than the
/// findings' (English), headed by what its rule checks, in that language.
pub fn finding_text(s: &Strings, class: &'static str, rule: &str, message: String) -> Html {
    el(
        "span",
        class,
        &[],
        rule_heading(s, rule)
            .map(|summary| el_text("span", "finding-summary", summary))
            .into_iter()
            .chain([text(message)])
            .collect(),
    )
}

/// The findings on an element, each headed as [`finding_text`] says.
pub fn findings_list(s: &Strings, findings: &[&Diagnostic]) -> Html {
    if findings.is_empty() {
        return Html::default();
    }
    el(
        "ul",
        "ff-findings",
        &[],
        findings
            .iter()
            .map(|d| {
                let error = d.severity == Severity::Error;
                el(
                    "li",
                    if error { "error" } else { "warning" },
                    &[],
                    vec![
                        icon(if error { Icon::Error } else { Icon::Warning }, 12),
                        finding_text(s, "", d.rule, d.message.clone()),
                    ],
                )
            })
            .collect(),
    )
}

/// A text field's description for [`Form::text`].
pub struct Text {
    pub key: String,
    pub aria: String,
    pub path: Path,
    pub parse: Parse,
    /// What the document holds.
    pub text: String,
    pub multiline: bool,
    pub mono: bool,
    pub invalid: bool,
    pub placeholder: Option<String>,
}

/// Draws one form, recording what each control does.
pub struct Form<'a> {
    pub ctx: &'a Ctx,
    pub s: &'static Strings,
    ops: RefMut<'a, Vec<Op>>,
    ui: Ref<'a, Ui>,
    pub doc: Ref<'a, Document>,
}

fn mode_label(s: &Strings, m: Mode) -> &'static str {
    match m {
        Mode::Literal => s.mode_value,
        Mode::Ref => "Ref",
        Mode::GetAtt => "GetAtt",
        Mode::Sub => "Sub",
        Mode::Yaml => "YAML",
    }
}

fn range_hint(s: &Strings, f: &Field) -> Option<String> {
    let c = &f.constraints;
    let n = |v: f64| {
        if v.fract() == 0.0 && v.abs() < 1e15 {
            (v as i64).to_string()
        } else {
            v.to_string()
        }
    };
    match (&f.kind, c.minimum, c.maximum) {
        (Kind::Integer | Kind::Number, Some(a), Some(b)) => {
            Some(fill(s.hint_range, &[&n(a), &n(b)]))
        }
        (Kind::Integer | Kind::Number, Some(a), None) => Some(fill(s.hint_min, &[&n(a)])),
        (Kind::Integer | Kind::Number, None, Some(b)) => Some(fill(s.hint_max, &[&n(b)])),
        (Kind::String, ..) => match (c.min_length, c.max_length) {
            (Some(a), Some(b)) if a > 0 => {
                Some(fill(s.hint_length, &[&a.to_string(), &b.to_string()]))
            }
            (_, Some(b)) => Some(fill(s.hint_max_length, &[&b.to_string()])),
            _ => None,
        },
        _ => None,
    }
}

/// The name of the property a field belongs to (a list item's list), for the pickers'
/// suggestions.
fn property_name(f: &Field) -> Option<String> {
    f.path.iter().rev().find_map(|s| match s {
        Step::Key(k) => Some(k.clone()),
        _ => None,
    })
}

fn options(list: &[Candidate], current: &str, s: &Strings) -> Vec<Html> {
    let mut out = Vec::new();
    if !current.is_empty() && !list.iter().any(|c| c.name == current) {
        out.push(option(current, &fill(s.ref_missing, &[current]), true));
    }
    for (src, label) in [
        (Source::Parameter, s.ref_parameters),
        (Source::Resource, s.ref_resources),
        (Source::Pseudo, s.ref_pseudo),
    ] {
        let items: Vec<Html> = list
            .iter()
            .filter(|c| c.source == src)
            .map(|c| option(&c.name, &c.name, c.name == current))
            .collect();
        if !items.is_empty() {
            out.push(el("optgroup", "", &[h::s("label", label)], items));
        }
    }
    out
}

impl<'a> Form<'a> {
    pub fn new(state: &'a FormState, ctx: &'a Ctx) -> Self {
        let mut ops = state.ops.borrow_mut();
        ops.clear();
        Form {
            ctx,
            s: ctx.lang.strings(),
            ops,
            ui: state.ui.borrow(),
            doc: ctx.doc.0.borrow(),
        }
    }

    /// Records what a control does; the attribute goes on the control.
    pub fn op(&mut self, op: Op) -> A {
        self.ops.push(op);
        a("data-op", (self.ops.len() - 1).to_string())
    }

    /// Whether a part is open: as toggled by hand, else `default`.
    pub fn is_open(&self, key: &str, default: bool) -> bool {
        default != self.ui.toggled.iter().any(|k| k == key)
    }

    /// The button that opens or closes a part.
    pub fn toggle(
        &mut self,
        key: &str,
        open: bool,
        class: &'static str,
        content: Vec<Html>,
    ) -> Html {
        let op = self.op(Op::Toggle(key.to_string()));
        let mut kids = vec![icon(Icon::Chevron, 12)];
        kids.extend(content);
        el(
            "button",
            class,
            &[
                h::s("type", "button"),
                h::s("aria-expanded", if open { "true" } else { "false" }),
                op,
            ],
            kids,
        )
    }

    /// A button that makes an edit.
    pub fn button(
        &mut self,
        class: &'static str,
        edit: FormEdit,
        label: String,
        content: Vec<Html>,
    ) -> Html {
        let op = self.op(Op::Do(edit));
        el(
            "button",
            class,
            &[
                h::s("type", "button"),
                a("aria-label", label.clone()),
                a("title", label),
                op,
            ],
            content,
        )
    }

    /// A checkbox drawn as a switch, with a caption beside it.
    pub fn switch(&mut self, aria: String, op: Op, checked: bool, caption: &str) -> Html {
        let op = self.op(op);
        el(
            "label",
            "ff-switch",
            &[],
            vec![
                control(
                    "input",
                    "",
                    &[h::s("type", "checkbox"), a("aria-label", aria), op],
                    None,
                    Some(checked),
                ),
                el_text("span", "", caption.to_string()),
            ],
        )
    }

    /// A text field (an input, or a textarea when `multiline`).
    pub fn text(&mut self, t: Text) -> Html {
        let error = get(&self.ui.errors, &t.key).cloned();
        let value = get(&self.ui.drafts, &t.key).cloned().unwrap_or(t.text);
        let op = self.op(Op::Text {
            key: t.key,
            path: t.path,
            parse: t.parse,
        });
        let invalid = t.invalid || error.is_some();
        let class = match (t.mono, invalid) {
            (false, false) => "text-input",
            (false, true) => "text-input invalid",
            (true, false) => "text-input mono",
            (true, true) => "text-input mono invalid",
        };
        let mut attrs = vec![
            a("aria-label", t.aria),
            h::s("aria-invalid", if invalid { "true" } else { "false" }),
            a("placeholder", t.placeholder.unwrap_or_default()),
            h::s("spellcheck", "false"),
            h::s("autocomplete", "off"),
            op,
        ];
        let control = if t.multiline {
            // Prose wraps, so long lines count for more than one.
            let lines = if t.mono {
                value.lines().count()
            } else {
                value.lines().map(|l| l.chars().count() / 40 + 1).sum()
            };
            attrs.push(a("rows", (lines + 1).clamp(2, 14).to_string()));
            // Code keeps its lines; prose wraps.
            attrs.push(h::s("wrap", if t.mono { "off" } else { "soft" }));
            control("textarea", class, &attrs, Some(value), None)
        } else {
            control("input", class, &attrs, Some(value), None)
        };
        // The same shape with or without the error, so the control keeps its focus.
        list(vec![
            control,
            error
                .map(|e| el("p", "ff-error", &[h::s("role", "alert")], vec![text(e)]))
                .unwrap_or_default(),
        ])
    }

    /// A select's options: all of them once it is in use, else only the chosen one,
    /// which is all a closed select shows. A form holds dozens of selects, and a Ref
    /// picker in a large template lists hundreds of resources: drawn in full, they made
    /// showing a resource in a 500-resource template take half a second. Focus or a
    /// press on the select (see [`Listeners::engage`]) draws the rest before it opens.
    /// Returns the options and the attribute that marks a select drawn short.
    fn options(
        &self,
        aria: &str,
        chosen: impl FnOnce() -> Vec<Html>,
        all: impl FnOnce() -> Vec<Html>,
    ) -> (Vec<Html>, A) {
        if self.ui.engaged.as_deref() == Some(aria) {
            (all(), h::s("data-lazy", ""))
        } else {
            (chosen(), h::s("data-lazy", "1"))
        }
    }

    /// A select of `choices`, with a first option for nothing labelled `none` (none when
    /// `none` is empty).
    pub fn select(
        &mut self,
        aria: String,
        op: Op,
        none: &str,
        choices: &[String],
        current: &str,
    ) -> Html {
        let op = self.op(op);
        // No empty choice when there must be a value (`none` empty).
        let unlisted = !current.is_empty() && !choices.iter().any(|c| c == current);
        let (opts, lazy) = self.options(
            &aria,
            || {
                if current.is_empty() {
                    (!none.is_empty())
                        .then(|| option("", none, true))
                        .into_iter()
                        .collect()
                } else {
                    vec![option(current, current, true)]
                }
            },
            || {
                let mut opts = Vec::new();
                if !none.is_empty() {
                    opts.push(option("", none, current.is_empty()));
                }
                if unlisted {
                    opts.push(option(current, current, true));
                }
                opts.extend(choices.iter().map(|c| option(c, c, c == current)));
                opts
            },
        );
        el(
            "select",
            "select-input",
            &[a("aria-label", aria), op, lazy],
            opts,
        )
    }

    /// A name field that renames a parameter or output when committed.
    pub fn rename(&mut self, aria: String, name: &str, output: bool) -> Html {
        let error = get(&self.ui.errors, &format!("rename:{name}")).cloned();
        let op = self.op(Op::Rename {
            from: name.to_string(),
            output,
        });
        let class = if error.is_some() {
            "text-input mono invalid"
        } else {
            "text-input mono"
        };
        let input = control(
            "input",
            class,
            &[
                a("aria-label", aria),
                h::s("spellcheck", "false"),
                h::s("autocomplete", "off"),
                h::s("maxlength", "255"),
                op,
            ],
            Some(name.to_string()),
            None,
        );
        labeled(
            "ff",
            self.s.tpl_name,
            input,
            error
                .map(|e| el_text("p", "ff-error", e))
                .unwrap_or_default(),
        )
    }

    /// A key field and a button that adds it to `base` with `value`.
    pub fn add_key(
        &mut self,
        aria: String,
        placeholder: &'static str,
        base: Path,
        value: Node,
        label: &'static str,
    ) -> Html {
        let op = self.op(Op::AddKey { base, value });
        el(
            "div",
            "ff-add-entry",
            &[],
            vec![
                control(
                    "input",
                    "text-input mono",
                    &[
                        a("aria-label", aria),
                        h::s("placeholder", placeholder),
                        h::s("spellcheck", "false"),
                        h::s("autocomplete", "off"),
                    ],
                    None,
                    None,
                ),
                el(
                    "button",
                    "btn small",
                    &[h::s("type", "button"), op],
                    vec![icon(Icon::Plus, 12), text(label)],
                ),
            ],
        )
    }

    /// A select of a field's value, styled for code.
    fn code_select(&mut self, aria: String, op: Op, invalid: bool, opts: Vec<Html>) -> Html {
        let op = self.op(op);
        el(
            "select",
            if invalid {
                "select-input mono invalid"
            } else {
                "select-input mono"
            },
            &[a("aria-label", aria), op],
            opts,
        )
    }

    /// One field, whatever it edits; objects, lists and maps draw their parts when open.
    /// `aria` is the accessible name with `{}` for the field's label; `title` the visible
    /// name when it is not the key.
    pub fn field(
        &mut self,
        f: &Field,
        aria: &'static str,
        title: Option<&str>,
        depth: u32,
    ) -> Html {
        let s = self.s;
        let path_text = f.path_text();
        let key = format!("f:{path_text}");
        let natural = value::mode_of(f.value.as_ref(), &f.kind);
        let mode = if self.ui.yaml.contains(&key) && natural == Mode::Literal {
            Mode::Yaml
        } else {
            natural
        };
        let widget = value::widget(&f.kind, &f.constraints);
        let label = fill(aria, &[&f.label]);
        let yaml_like = mode == Mode::Yaml || (mode == Mode::Literal && widget == Widget::Yaml);
        let findings = findings_at(self.ctx.view.findings(), &path_text, yaml_like);
        let invalid = findings.iter().any(|d| d.severity == Severity::Error);
        let structured =
            mode == Mode::Literal && matches!(widget, Widget::Object | Widget::List | Widget::Map);
        let prop = property_name(f);
        let entry = f.is_entry();
        let text_spec =
            |parse: Parse, text: String, mono: bool, placeholder: Option<String>| Text {
                key: key.clone(),
                aria: label.clone(),
                path: f.path.clone(),
                multiline: parse_is_yaml(&parse) || text.contains('\n'),
                parse,
                text,
                mono,
                invalid,
                placeholder,
            };
        let body = match (mode, widget) {
            (Mode::Literal, Widget::Object | Widget::List | Widget::Map) => Html::default(),
            (Mode::Literal, Widget::Boolean) => {
                let checked = f.value.as_ref().and_then(Node::as_bool).unwrap_or(false);
                let caption = if f.value.is_none() {
                    s.not_set
                } else if checked {
                    "true"
                } else {
                    "false"
                };
                let op = Op::Pick {
                    path: f.path.clone(),
                    parse: Parse::Bool,
                };
                self.switch(label.clone(), op, checked, caption)
            }
            (Mode::Literal, Widget::Choice) => {
                let current = value::text_of(f.value.as_ref());
                let op = Op::Pick {
                    path: f.path.clone(),
                    parse: Parse::Kind(f.kind.clone(), entry),
                };
                self.select(
                    label.clone(),
                    op,
                    s.not_set,
                    &f.constraints.allowed,
                    &current,
                )
            }
            (Mode::Literal, Widget::Yaml) | (Mode::Yaml, _) => {
                let t = f.value.as_ref().map(value::to_yaml).unwrap_or_default();
                self.text(text_spec(Parse::Yaml, t, true, None))
            }
            (Mode::Literal, _) => {
                let hint = if widget != Widget::Text && f.value.is_none() {
                    range_hint(s, f)
                } else {
                    None
                };
                self.text(text_spec(
                    Parse::Kind(f.kind.clone(), entry),
                    value::text_of(f.value.as_ref()),
                    false,
                    hint,
                ))
            }
            (Mode::Sub, _) => self.text(text_spec(
                Parse::Sub,
                value::sub_text(f.value.as_ref()),
                true,
                None,
            )),
            (Mode::Ref, _) => {
                let current = f
                    .value
                    .as_ref()
                    .and_then(Node::as_fn)
                    .and_then(ref_target)
                    .unwrap_or_default()
                    .to_string();
                let list = refs::ref_candidates(
                    self.doc.template(),
                    Some(form_catalog()),
                    self.ctx.owner.as_deref(),
                    prop.as_deref(),
                );
                let opts = options(&list, &current, s);
                self.code_select(
                    label.clone(),
                    Op::Pick {
                        path: f.path.clone(),
                        parse: Parse::Ref,
                    },
                    invalid,
                    opts,
                )
            }
            (Mode::GetAtt, _) => {
                let (res, att) = f
                    .value
                    .as_ref()
                    .and_then(Node::as_fn)
                    .and_then(get_att)
                    .map(|g| {
                        (
                            g.resource.to_string(),
                            g.attribute.unwrap_or_default().to_string(),
                        )
                    })
                    .unwrap_or_default();
                let list: Vec<Candidate> = refs::get_att_candidates(
                    self.doc.template(),
                    Some(form_catalog()),
                    self.ctx.owner.as_deref(),
                    prop.as_deref(),
                )
                .into_iter()
                .map(|(c, _)| c)
                .collect();
                let attrs = refs::attributes(self.doc.template(), Some(form_catalog()), &res);
                let opts = options(&list, &res, s);
                let res_select = self.code_select(
                    label.clone(),
                    Op::Pick {
                        path: f.path.clone(),
                        parse: Parse::GetAttResource(att.clone()),
                    },
                    invalid,
                    opts,
                );
                let att_label = fill(s.aria_attribute, &[&label]);
                let att_control = if attrs.is_empty() {
                    self.text(Text {
                        key: format!("{key}:att"),
                        aria: att_label,
                        path: f.path.clone(),
                        parse: Parse::GetAttAttribute(res.clone()),
                        text: att,
                        multiline: false,
                        mono: true,
                        invalid: false,
                        placeholder: None,
                    })
                } else {
                    let mut opts: Vec<Html> =
                        attrs.iter().map(|x| option(x, x, *x == att)).collect();
                    if !att.is_empty() && !attrs.contains(&att) {
                        opts.insert(0, option(&att, &fill(s.ref_missing, &[&att]), true));
                    }
                    self.code_select(
                        att_label,
                        Op::Pick {
                            path: f.path.clone(),
                            parse: Parse::GetAttAttribute(res.clone()),
                        },
                        false,
                        opts,
                    )
                };
                el(
                    "div",
                    "ff-getatt",
                    &[],
                    vec![res_select, el_text("span", "ff-dot", "."), att_control],
                )
            }
        };

        let mode_op = self.op(Op::Mode {
            key: key.clone(),
            path: f.path.clone(),
            kind: f.kind.clone(),
            prop,
        });
        let mode_aria = fill(s.aria_mode, &[&f.label]);
        let (mode_options, lazy) = self.options(
            &mode_aria,
            || vec![option(mode.slug(), mode_label(s, mode), true)],
            || {
                Mode::ALL
                    .iter()
                    .map(|m| option(m.slug(), mode_label(s, *m), *m == mode))
                    .collect()
            },
        );
        let mode_select = el(
            "select",
            if mode == Mode::Literal {
                "ff-mode"
            } else {
                "ff-mode fn"
            },
            &[
                a("aria-label", mode_aria),
                h::s("title", s.mode_title),
                mode_op,
                lazy,
            ],
            mode_options,
        );

        // A list item or map entry: move and remove.
        let tools = if entry {
            let (list, index) = match f.path.split_last() {
                Some((Step::Index(i), list)) => (list.to_vec(), Some(*i)),
                Some((_, list)) => (list.to_vec(), None),
                None => (Vec::new(), None),
            };
            let len = node_at(&self.doc.template().root, &list)
                .and_then(Node::as_seq)
                .map_or(0, <[Node]>::len);
            let mut kids = Vec::new();
            if let Some(i) = index {
                if i > 0 {
                    kids.push(self.button(
                        "icon-btn tiny",
                        FormEdit::MoveItem {
                            list: list.clone(),
                            from: i,
                            to: i - 1,
                        },
                        fill(s.move_up, &[&f.label]),
                        vec![text("↑")],
                    ));
                }
                if i + 1 < len {
                    kids.push(self.button(
                        "icon-btn tiny",
                        FormEdit::MoveItem {
                            list: list.clone(),
                            from: i,
                            to: i + 1,
                        },
                        fill(s.move_down, &[&f.label]),
                        vec![text("↓")],
                    ));
                }
            }
            let remove = match index {
                Some(index) => FormEdit::RemoveItem { list, index },
                None => FormEdit::Set {
                    path: f.path.clone(),
                    value: None,
                },
            };
            kids.push(self.button(
                "icon-btn tiny",
                remove,
                fill(s.remove_named, &[&f.label]),
                vec![icon(Icon::Close, 11)],
            ));
            el("span", "ff-entry-tools", &[], kids)
        } else {
            Html::default()
        };

        if entry && !structured && !yaml_like {
            // A compact row: mode, value, tools.
            return keyed(
                el(
                    "div",
                    "ff-item",
                    &[],
                    vec![
                        mode_select,
                        el("div", "ff-item-value", &[], vec![body]),
                        tools,
                        findings_list(self.s, &findings),
                    ],
                ),
                &path_text,
            );
        }

        let remove_unknown = if !f.known && f.is_set() && !entry {
            self.button(
                "icon-btn tiny",
                FormEdit::Set {
                    path: f.path.clone(),
                    value: None,
                },
                fill(s.remove_named, &[&f.label]),
                vec![icon(Icon::Close, 11)],
            )
        } else {
            Html::default()
        };
        let shown_name = title.unwrap_or(&f.key).to_string();
        let mut name = vec![el(
            "span",
            "ff-name",
            &[a("title", shown_name.clone())],
            vec![text(shown_name)],
        )];
        if f.required {
            name.push(el(
                "span",
                "ff-req",
                &[h::s("title", s.required)],
                vec![text("*")],
            ));
        }
        // Set and required parts start open, and empty lists and maps (just their Add).
        let open = self.is_open(
            &key,
            f.is_set() || f.required || matches!(widget, Widget::List | Widget::Map),
        );
        let head_label = if structured {
            let count = match (&f.kind, f.value.as_ref()) {
                (Kind::List(_), Some(v)) => v.as_seq().map(|s| s.len().to_string()),
                (Kind::Map(_), Some(v)) => v.as_map().map(|m| m.len().to_string()),
                (Kind::Object(_), v) if entry => Some(preview(v)).filter(|p| !p.is_empty()),
                _ => None,
            };
            if let Some(c) = count {
                name.push(el_text("span", "ff-count", c));
            }
            self.toggle(
                &key,
                open,
                if open { "ff-toggle open" } else { "ff-toggle" },
                name,
            )
        } else {
            el(
                "label",
                "ff-label",
                &[a("title", f.summary.clone().unwrap_or_default())],
                name,
            )
        };
        let mut head = vec![head_label];
        if f.create_only {
            head.push(el(
                "span",
                "ff-badge",
                &[h::s("title", s.replaces_hint)],
                vec![text(s.badge_replaces)],
            ));
        }
        // A property the type's schema lacks, unless the type takes any (custom
        // resources, types the catalog does not know).
        let free_type = Catalog::is_open_type(&self.ctx.type_name)
            || form_catalog().get(&self.ctx.type_name).is_none();
        if !f.known && !free_type {
            head.push(el(
                "span",
                "ff-badge warn",
                &[h::s("title", s.unknown_hint)],
                vec![text(s.badge_unknown)],
            ));
        }
        head.push(el("span", "grow", &[], Vec::new()));
        head.push(mode_select);
        if let Some(u) = &f.doc_url {
            let url = if self.ctx.lang == Lang::Ko {
                u.replacen("docs.aws.amazon.com/", "docs.aws.amazon.com/ko_kr/", 1)
            } else {
                u.clone()
            };
            let doc_label = fill(s.doc_for, &[&f.key]);
            head.push(el(
                "a",
                "ff-doc",
                &[
                    a("href", url),
                    h::s("target", "_blank"),
                    h::s("rel", "noopener noreferrer"),
                    a("aria-label", doc_label.clone()),
                    a("title", doc_label),
                ],
                vec![icon(Icon::Info, 12)],
            ));
        }
        head.push(remove_unknown);
        head.push(tools);

        let mut kids = vec![el("div", "ff-head", &[], head)];
        if structured {
            kids.push(findings_list(self.s, &findings));
            if open {
                let rtype = form_catalog().get(&self.ctx.type_name);
                let mut parts: Vec<Html> = children(f, &self.ctx.type_name, rtype)
                    .iter()
                    .map(|k| self.field(k, aria, None, depth + 1))
                    .collect();
                parts.push(match widget {
                    Widget::List => self.button(
                        "btn small ghost ff-add",
                        FormEdit::Push {
                            list: f.path.clone(),
                            value: new_item(&f.kind),
                        },
                        fill(s.add_item_to, &[&f.label]),
                        vec![icon(Icon::Plus, 12), text(s.add_item)],
                    ),
                    Widget::Map => self.add_key(
                        fill(s.new_key_for, &[&f.label]),
                        s.new_key,
                        f.path.clone(),
                        new_item(&f.kind),
                        s.add_entry,
                    ),
                    _ => Html::default(),
                });
                kids.push(el(
                    "div",
                    "ff-children",
                    &[h::s("role", "group"), a("aria-label", label)],
                    parts,
                ));
            }
        } else {
            kids.push(el("div", "ff-body", &[], vec![body]));
            let range = range_hint(s, f);
            let summary = f.summary.as_ref().filter(|_| depth == 0);
            let kind =
                (f.known && depth == 0 && self.ctx.owner.is_some()).then(|| f.kind.describe());
            if range.is_some() || summary.is_some() || kind.is_some() {
                let mut hint = Vec::new();
                if let Some(k) = kind {
                    hint.push(el_text("span", "ff-kind", k));
                }
                if let Some(r) = range {
                    hint.push(el_text("span", "ff-range", r));
                }
                if let Some(sum) = summary {
                    hint.push(el_text("span", "ff-summary", sum.clone()));
                }
                kids.push(el("p", "ff-hint", &[], hint));
            }
            kids.push(findings_list(self.s, &findings));
        }
        let class = match (structured, invalid, depth > 0) {
            (true, _, false) => "ff ff-group",
            (true, _, true) => "ff ff-group ff-nested",
            (false, true, _) => "ff has-error",
            (false, false, _) => "ff",
        };
        keyed(el("div", class, &[], kids), &path_text)
    }
}

fn parse_is_yaml(p: &Parse) -> bool {
    matches!(p, Parse::Yaml)
}
