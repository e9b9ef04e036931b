//! The template itself, when nothing is selected: its Description, Parameters (each
//! attribute a field; add, rename, delete), Mappings and Conditions (as YAML, checked
//! before they apply), Outputs (value with Ref/GetAtt pickers, description, export
//! name, condition), Rules (as YAML), and a summary.

use formwork_core::catalog::{Constraints, Kind};
use formwork_core::diagnostic::Severity;
use formwork_core::document::edit::show;
use formwork_core::document::path;
use formwork_core::forms::FormEdit;
use formwork_core::forms::fields::{Field, findings_at};
use formwork_core::forms::template::{self as tf, AttributeInput, OutputForm, ParameterForm};
use formwork_core::forms::value::to_yaml;
use formwork_core::template::{Node, Section};
use yew::prelude::*;

use super::Ctx;
use super::form::{Form, Op, Parse, Text, findings_list, icon, labeled, use_form};
use super::h::{self, el, el_text, keyed, list, text};
use crate::catalog::category_label;
use crate::components::icons::{ServiceIcon, Ui};
use crate::i18n::fill;
use crate::state::{Action, Dialog};

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub ctx: Ctx,
}

/// A section that opens and closes (natively: `<details>`), with a count.
fn section(title: &'static str, count: Option<usize>, open: bool, body: Vec<Html>) -> Html {
    let mut head = vec![
        icon(Ui::Chevron, 12),
        el_text("span", "section-title", title),
    ];
    if let Some(n) = count {
        head.push(el_text("span", "count-chip", n.to_string()));
    }
    let mut kids = vec![el("summary", "tpl-summary", &[], head)];
    kids.extend(body);
    el(
        "details",
        "insp-section tpl-section",
        &[h::s("open", if open { "open" } else { "" })],
        kids,
    )
}

#[component(TemplateEditor)]
pub fn template_editor(props: &EditorProps) -> Html {
    let ctx = &props.ctx;
    let s = ctx.lang.strings();
    let (state, on) = use_form(ctx);
    // The YAML sections open as the editor opens when they have content; after that,
    // as the person leaves them.
    let initially_open = {
        let mut ui = state.ui.borrow_mut();
        let doc = ctx.doc.0.borrow();
        ui.sections
            .get_or_insert_with(|| {
                [Section::Mappings, Section::Conditions, Section::Rules]
                    .into_iter()
                    .filter(|sec| doc.template().section(*sec).is_some())
                    .collect()
            })
            .clone()
    };
    let mut form = Form::new(&state, ctx);
    let (description, params, outputs) = {
        let t = form.doc.template();
        (tf::description(t), tf::parameters(t), tf::outputs(t))
    };
    let findings = &ctx.view.findings();
    let desc_findings = findings_at(findings, "Description", false);
    let description = form.text(Text {
        key: "Description".into(),
        aria: fill(s.aria_template, &["Description"]),
        path: path(&["Description"]),
        parse: Parse::Str,
        text: description,
        multiline: true,
        mono: false,
        invalid: !desc_findings.is_empty(),
        placeholder: Some(s.tpl_description_placeholder.into()),
    });
    let n_params = params.len();
    let mut param_body = Vec::new();
    if n_params == 0 {
        param_body.push(el_text("p", "muted small", s.tpl_no_parameters));
    }
    param_body.push(el(
        "div",
        "card-list",
        &[],
        params.iter().map(|p| parameter(&mut form, p)).collect(),
    ));
    let add_parameter = {
        let name = tf::fresh_parameter_name(form.doc.template());
        form.button(
            "btn small",
            FormEdit::AddParameter { name },
            s.tpl_add_parameter.to_string(),
            vec![icon(Ui::Plus, 12), text(s.tpl_add_parameter)],
        )
    };
    let stack_params = {
        let d = ctx.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::OpenDialog(Dialog::StackParameters)))
    };
    param_body.push(el("div", "tpl-actions", &[], vec![
        add_parameter,
        html! { <button type="button" class="btn small ghost" onclick={stack_params}>{ s.stack_params_open }</button> },
    ]));
    let n_outputs = outputs.len();
    let mut output_body = Vec::new();
    if n_outputs == 0 {
        output_body.push(el_text("p", "muted small", s.tpl_no_outputs));
    }
    output_body.push(el(
        "div",
        "card-list",
        &[],
        outputs.iter().map(|o| output(&mut form, o)).collect(),
    ));
    let add_output = {
        let t = form.doc.template();
        let (name, value) = (tf::fresh_output_name(t), tf::new_output_value(t));
        form.button(
            "btn small",
            FormEdit::AddOutput { name, value },
            s.tpl_add_output.to_string(),
            vec![icon(Ui::Plus, 12), text(s.tpl_add_output)],
        )
    };
    output_body.push(el("div", "tpl-actions", &[], vec![add_output]));
    let mut yaml = |sec: Section| {
        let (label, hint, placeholder) = match sec {
            Section::Mappings => (
                s.tpl_mappings,
                s.tpl_mappings_hint,
                "RegionMap:\n  us-east-1:\n    AMI: ami-0123456789abcdef0",
            ),
            Section::Conditions => (
                s.tpl_conditions,
                s.tpl_conditions_hint,
                "IsProduction: !Equals [!Ref Env, prod]",
            ),
            _ => (s.tpl_rules, s.tpl_rules_hint, ""),
        };
        let here = findings_at(findings, sec.key(), true);
        let text = tf::section_text(form.doc.template(), sec);
        let count = text
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with([' ', '#', '-']))
            .count();
        let field = form.text(Text {
            key: sec.key().into(),
            aria: fill(s.aria_template, &[sec.key()]),
            path: path(&[sec.key()]),
            parse: Parse::Section(sec),
            text,
            multiline: true,
            mono: true,
            invalid: here.iter().any(|d| d.severity == Severity::Error),
            placeholder: Some(placeholder.into()),
        });
        section(
            label,
            (count > 0).then_some(count),
            initially_open.contains(&sec),
            vec![
                el_text("p", "ff-hint", hint),
                field,
                findings_list(s, &here),
            ],
        )
    };
    let mappings = yaml(Section::Mappings);
    let conditions = yaml(Section::Conditions);
    let rules = yaml(Section::Rules);
    drop(form);

    html! {
        <div class="details tpl-editor" oninput={on.input} onchange={on.change} onclick={on.click}
            onfocusout={on.blur} onkeydown={on.key}
            onfocusin={on.focus} onpointerdown={on.press}>
            { el_text("p", "muted small tpl-intro", s.tpl_intro) }
            { section(s.tpl_description, None, true, vec![description, findings_list(s, &desc_findings)]) }
            { section(s.tpl_parameters, Some(n_params), true, param_body) }
            { mappings }
            { conditions }
            { section(s.tpl_outputs, Some(n_outputs), true, output_body) }
            { rules }
            { summary(ctx) }
        </div>
    }
}

/// A card that opens to show its fields; the head shows the name and a summary.
fn card(
    form: &mut Form,
    key: String,
    name: &str,
    meta: String,
    badge: Option<&'static str>,
    errors: bool,
    body: impl FnOnce(&mut Form) -> Vec<Html>,
) -> Html {
    let open = form.is_open(&key, false);
    let mut head = vec![
        el_text("span", "card-name mono", name.to_string()),
        el_text("span", "card-meta mono", meta),
    ];
    if let Some(b) = badge {
        head.push(el_text("span", "ff-badge", b));
    }
    if errors {
        head.push(icon(Ui::Error, 12));
    }
    let mut kids = vec![form.toggle(&key, open, "card-head", head)];
    if open {
        kids.push(el("div", "card-body", &[], body(form)));
    }
    let class = match (open, errors) {
        (true, true) => "card open has-error",
        (true, false) => "card open",
        (false, true) => "card has-error",
        (false, false) => "card",
    };
    keyed(el("div", class, &[], kids), &key)
}

fn parameter(form: &mut Form, p: &ParameterForm) -> Html {
    let s = form.s;
    let base = format!("Parameters/{}", p.name);
    let all = findings_at(form.ctx.view.findings(), &base, true);
    let errors = all.iter().any(|d| d.severity == Severity::Error);
    card(
        form,
        format!("par:{}", p.name),
        &p.name,
        p.type_name.clone(),
        p.no_echo.then_some("NoEcho"),
        errors,
        |form| {
            let rename = form.rename(
                fill(s.aria_parameter, &[&format!("{} Name", p.name)]),
                &p.name,
                false,
            );
            let attrs: Vec<Html> = p
                .attributes
                .iter()
                .map(|(attr, text)| {
                    let aria = fill(s.aria_parameter, &[&format!("{} {attr}", p.name)]);
                    let at = tf::parameter_path(&p.name, attr);
                    let input = tf::attribute_input(attr);
                    let control = match input {
                        AttributeInput::Type => form.select(
                            aria,
                            Op::Pick {
                                path: at,
                                parse: Parse::Str,
                            },
                            "",
                            &tf::parameter_types(&p.type_name),
                            &p.type_name,
                        ),
                        AttributeInput::Flag => {
                            let op = Op::Pick {
                                path: at,
                                parse: Parse::Flag,
                            };
                            form.switch(aria, op, text == "true", s.tpl_no_echo_hint)
                        }
                        _ => form.text(Text {
                            key: show(&at),
                            aria,
                            parse: Parse::Parameter(p.type_name.clone(), attr),
                            path: at,
                            text: text.clone(),
                            multiline: input == AttributeInput::Lines || text.contains('\n'),
                            mono: matches!(*attr, "AllowedPattern" | "AllowedValues" | "Default"),
                            invalid: false,
                            placeholder: (input == AttributeInput::Lines)
                                .then(|| s.tpl_one_per_line.into()),
                        }),
                    };
                    let half = matches!(input, AttributeInput::Integer | AttributeInput::Number);
                    let here =
                        findings_at(form.ctx.view.findings(), &format!("{base}/{attr}"), false);
                    labeled(
                        if half { "ff half" } else { "ff" },
                        attr,
                        control,
                        findings_list(s, &here),
                    )
                })
                .collect();
            let delete = form.button(
                "btn small danger",
                FormEdit::Set {
                    path: path(&["Parameters", &p.name]),
                    value: None,
                },
                s.tpl_delete_parameter.to_string(),
                vec![icon(Ui::Trash, 12), text(s.tpl_delete_parameter)],
            );
            vec![
                rename,
                el("div", "ff-grid", &[], attrs),
                findings_list(s, &findings_at(form.ctx.view.findings(), &base, false)),
                el("div", "tpl-actions", &[], vec![delete]),
            ]
        },
    )
}

fn output_field(name: &str, key: &str, value: Option<Node>) -> Field {
    Field {
        key: key.to_string(),
        path: tf::output_path(name, key),
        label: format!("{name} {key}"),
        kind: Kind::String,
        required: key == "Value",
        create_only: false,
        known: true,
        constraints: Constraints::default(),
        summary: None,
        doc_url: None,
        entry: false,
        value,
    }
}

fn output(form: &mut Form, o: &OutputForm) -> Html {
    let s = form.s;
    let base = format!("Outputs/{}", o.name);
    let all = findings_at(form.ctx.view.findings(), &base, true);
    let errors = all.iter().any(|d| d.severity == Severity::Error);
    let preview = o.value.as_ref().map(to_yaml).unwrap_or_default();
    card(
        form,
        format!("out:{}", o.name),
        &o.name,
        preview,
        o.export.is_some().then_some("Export"),
        errors,
        |form| {
            let rename = form.rename(
                fill(s.aria_output, &[&format!("{} Name", o.name)]),
                &o.name,
                true,
            );
            let value = form.field(
                &output_field(&o.name, "Value", o.value.clone()),
                s.aria_output,
                Some(s.tpl_value),
                0,
            );
            let at = tf::output_path(&o.name, "Description");
            let description = form.text(Text {
                key: show(&at),
                aria: fill(s.aria_output, &[&format!("{} Description", o.name)]),
                path: at,
                parse: Parse::Str,
                text: o.description.clone(),
                multiline: false,
                mono: false,
                invalid: false,
                placeholder: None,
            });
            let export = form.field(
                &output_field(&o.name, "Export", o.export.clone()),
                s.aria_output,
                Some(s.tpl_export_name),
                0,
            );
            let condition = form.select(
                fill(s.aria_output, &[&format!("{} Condition", o.name)]),
                Op::Pick {
                    path: tf::output_path(&o.name, "Condition"),
                    parse: Parse::Str,
                },
                s.attr_always,
                &tf::condition_names(form.doc.template()),
                o.condition.as_deref().unwrap_or_default(),
            );
            let delete = form.button(
                "btn small danger",
                FormEdit::Set {
                    path: path(&["Outputs", &o.name]),
                    value: None,
                },
                s.tpl_delete_output.to_string(),
                vec![icon(Ui::Trash, 12), text(s.tpl_delete_output)],
            );
            vec![
                rename,
                value,
                labeled("ff", s.tpl_output_description, description, Html::default()),
                export,
                labeled("ff", "Condition", condition, Html::default()),
                findings_list(s, &findings_at(form.ctx.view.findings(), &base, false)),
                el("div", "tpl-actions", &[], vec![delete]),
            ]
        },
    )
}

/// What the template holds, in numbers.
fn summary(ctx: &Ctx) -> Html {
    let s = ctx.lang.strings();
    let v = &ctx.view;
    let errors = v
        .findings()
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = v.findings().len() - errors;
    let row = |term: &'static str, value: Html| {
        list(vec![
            el_text("dt", "", term),
            el("dd", "", &[], vec![value]),
        ])
    };
    let counts = if v.counts.is_empty() {
        el_text("p", "muted small", s.summary_no_resources)
    } else {
        list(vec![
            el_text("h4", "subsection-title", s.summary_services),
            el(
                "ul",
                "category-counts",
                &[],
                v.counts
                    .iter()
                    .map(|&(c, n)| {
                        el(
                            "li",
                            "",
                            &[],
                            vec![
                                html! { <ServiceIcon category={c} size={18.0}/> },
                                el_text("span", "grow", category_label(s, c)),
                                el_text("span", "count", n.to_string()),
                            ],
                        )
                    })
                    .collect(),
            ),
        ])
    };
    el(
        "div",
        "summary tpl-summary-box",
        &[],
        vec![
            el_text("h3", "section-title", s.summary_title),
            el(
                "dl",
                "props",
                &[],
                vec![
                    row(
                        s.summary_format_version,
                        text(v.format_version.clone().unwrap_or_else(|| "—".into())),
                    ),
                    row(s.summary_resources, text(v.resources.to_string())),
                    row(s.summary_links, text(v.edges.len().to_string())),
                    row(
                        s.summary_problems,
                        list(vec![
                            el_text(
                                "span",
                                if errors > 0 {
                                    "count-chip error"
                                } else {
                                    "count-chip"
                                },
                                errors.to_string(),
                            ),
                            el_text(
                                "span",
                                if warnings > 0 {
                                    "count-chip warning"
                                } else {
                                    "count-chip"
                                },
                                warnings.to_string(),
                            ),
                        ]),
                    ),
                ],
            ),
            counts,
        ],
    )
}
