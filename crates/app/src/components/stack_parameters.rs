//! The Stack parameters dialog: a value for each of the template's parameters, checked
//! live against the parameter's own constraints, exported as the JSON parameter file
//! that `aws cloudformation create-stack --parameters file://...` reads. The values
//! are kept for as long as the page is open (not in the template: they are the stack's).

use std::cell::RefCell;

use formwork_core::stack_parameters::{self, ParameterField, check, fields, parameter_file};
use yew::prelude::*;

use super::dialog::Modal;
use super::icons::Ui;
use super::inspector::h::{self, A, a, control, el, el_text, list, option, text};
use super::inspector::{DocHandle, control_value, icon};
use crate::i18n::{Lang, Strings, fill};

thread_local! {
    /// The values typed so far, by parameter name.
    static VALUES: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
}

fn value_of(name: &str) -> String {
    VALUES.with(|v| {
        v.borrow()
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    })
}

fn set_value(name: String, value: String) {
    VALUES.with(|all| {
        let mut all = all.borrow_mut();
        match all.iter_mut().find(|(k, _)| *k == name) {
            Some(slot) => slot.1 = value,
            None => all.push((name, value)),
        }
    });
}

/// A parameter's control, as this dialog and the simulation's scenario show it: its
/// allowed values in a list whose first choice leaves it at its default, else a text
/// field (masked for NoEcho) with the default as placeholder. `attrs` identify it.
pub fn parameter_control(
    s: &Strings,
    f: &ParameterField,
    value: &str,
    attrs: &[A],
    invalid: bool,
) -> Html {
    let default = f.default.as_ref().map(|d| fill(s.sp_default, &[d]));
    if f.allowed.is_empty() {
        let mut attrs = attrs.to_vec();
        attrs.push(h::s("type", if f.no_echo { "password" } else { "text" }));
        attrs.push(a("placeholder", default.unwrap_or_default()));
        attrs.push(h::s("spellcheck", "false"));
        attrs.push(h::s("autocomplete", "off"));
        let class = if invalid {
            "text-input invalid"
        } else {
            "text-input"
        };
        return control("input", class, &attrs, Some(value.to_string()), None);
    }
    let none = default.unwrap_or_else(|| s.sp_choose.to_string());
    let mut opts = vec![option("", &none, value.is_empty())];
    opts.extend(f.allowed.iter().map(|v| option(v, v, *v == value)));
    let class = if invalid {
        "select-input invalid"
    } else {
        "select-input"
    };
    el("select", class, attrs, opts)
}

#[derive(Properties, PartialEq)]
pub struct StackParametersProps {
    pub lang: Lang,
    pub doc: DocHandle,
    /// The template's file name, for the parameter file's name.
    #[prop_or_default]
    pub file_name: Option<AttrValue>,
    pub on_close: Callback<()>,
}

#[component(StackParametersDialog)]
pub fn stack_parameters_dialog(props: &StackParametersProps) -> Html {
    let s = props.lang.strings();
    let redraw = use_force_update();
    // One listener for every field: the field names its parameter.
    let on_value = {
        let redraw = redraw.clone();
        move |e: &Event| {
            let Some(el) = crate::dom::closest(e.target(), "[data-param]") else {
                return;
            };
            let name = el.get_attribute("data-param").unwrap_or_default();
            set_value(name, control_value(&el));
            redraw.force_update();
        }
    };
    let on_change = {
        let f = on_value.clone();
        Callback::from(move |e: Event| f(&e))
    };
    let on_input = Callback::from(move |e: InputEvent| on_value(&e));
    let doc = props.doc.0.borrow();
    let template = doc.template();
    let params = fields(template);
    let (mut problems, mut needed) = (0, 0);
    let rows: Vec<Html> = params
        .iter()
        .map(|f| {
            let value = value_of(&f.name);
            let problem = check(
                template,
                &f.name,
                (!value.is_empty()).then_some(value.as_str()),
            );
            // Empty with no default: still to fill in, not wrong yet.
            let missing = problem.is_some() && value.is_empty();
            let problem = problem.filter(|_| !missing);
            problems += usize::from(problem.is_some());
            needed += usize::from(missing);
            let id = format!("sp-{}", f.name);
            let attrs = [
                a("id", id.clone()),
                a("data-param", f.name.clone()),
                h::s(
                    "aria-invalid",
                    if problem.is_some() { "true" } else { "false" },
                ),
                a("aria-describedby", format!("{id}-hint")),
            ];
            let input = parameter_control(s, f, &value, &attrs, problem.is_some());
            let mut head = vec![
                el(
                    "label",
                    "sp-name mono",
                    &[a("for", id.clone())],
                    vec![text(f.name.clone())],
                ),
                el_text("span", "ff-kind", f.type_name.clone()),
            ];
            if f.no_echo {
                head.push(el_text("span", "ff-badge", "NoEcho"));
            }
            let mut kids = vec![el("div", "sp-head", &[], head)];
            if let Some(d) = &f.description {
                kids.push(el_text("p", "sp-desc", d.clone()));
            }
            kids.push(input);
            let (class, hint) = match &problem {
                Some(p) => (
                    "ff-hint error",
                    list(vec![icon(Ui::Error, 12), text(p.clone())]),
                ),
                None if missing => (
                    "ff-hint todo",
                    list(vec![icon(Ui::Info, 12), text(s.sp_missing)]),
                ),
                None => (
                    "ff-hint",
                    list(vec![
                        icon(Ui::Check, 12),
                        text(if value.is_empty() {
                            s.sp_uses_default
                        } else {
                            s.sp_ok
                        }),
                    ]),
                ),
            };
            kids.push(el("p", class, &[a("id", format!("{id}-hint"))], vec![hint]));
            el(
                "div",
                if problem.is_some() {
                    "sp-row has-error"
                } else {
                    "sp-row"
                },
                &[],
                kids,
            )
        })
        .collect();
    let export = {
        let doc = props.doc.clone();
        let name = stack_parameters::file_name(props.file_name.as_deref());
        Callback::from(move |_: MouseEvent| {
            let values: Vec<(String, String)> = VALUES.with(|v| {
                v.borrow()
                    .iter()
                    .filter(|(_, v)| !v.is_empty())
                    .cloned()
                    .collect()
            });
            let text = parameter_file(doc.0.borrow().template(), &values);
            if let Err(e) = crate::dom::download_text(&name, &text, "application/json") {
                web_sys::console::warn_1(&e);
            }
        })
    };
    let close = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };
    let status = if params.is_empty() {
        s.sp_none.to_string()
    } else if problems > 0 {
        fill(s.sp_problems, &[&problems.to_string()])
    } else if needed > 0 {
        fill(s.sp_needed, &[&needed.to_string()])
    } else {
        s.sp_all_ok.to_string()
    };
    html! {
        <Modal title={s.sp_title} close_label={s.close} on_close={props.on_close.clone()}>
            <div class="sp">
                { el_text("p", "muted small", s.sp_intro) }
                <div class="sp-list" oninput={on_input} onchange={on_change}>{ for rows }</div>
                <div class="sp-footer">
                    { el("span", match (problems, needed) { (0, 0) => "sp-status", (0, _) => "sp-status todo", _ => "sp-status error" }, &[h::s("role", "status")], vec![text(status)]) }
                    <span class="grow"></span>
                    <button type="button" class="btn" onclick={close}>{ s.close }</button>
                    <button type="button" class="btn btn-primary" onclick={export} disabled={params.is_empty()}>
                        { icon(Ui::Download, 14) }{ s.sp_export }
                    </button>
                </div>
            </div>
        </Modal>
    }
}
