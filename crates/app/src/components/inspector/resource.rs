//! One selected resource: rename, findings, its properties as forms from the catalog,
//! its attributes (Condition, DependsOn, DeletionPolicy, UpdateReplacePolicy),
//! relationships, declaration and actions.
//!
//! The properties that are set or required are listed; "Show all" lists every property
//! of the type, and the filter finds any by name. A property stays listed while the
//! resource is selected, so emptying a field to retype it does not make it vanish.

use formwork_core::catalog::curated::Category;
use formwork_core::diagnostic::Severity;
use formwork_core::diagram::relations::LinkKind;
use formwork_core::diagram::scene::category_of;
use formwork_core::document::commands::copy;
use formwork_core::document::ids::{self, IdProblem};
use formwork_core::document::loops;
use formwork_core::document::path;
use formwork_core::forms::fields::{findings_at, resource_form};
use formwork_core::forms::{self, DELETION_POLICIES, FormEdit, UPDATE_REPLACE_POLICIES};
use formwork_core::template::Node;
use yew::prelude::*;

use super::form::{Form, Op, Parse, finding_text, findings_list, icon, labeled, use_form};
use super::h::{self, a, control, el, el_text, keyed, list, text};
use super::{Ctx, control_value};
use crate::catalog::{category_label, form_catalog, full_catalog, reference_url};
use crate::components::icons::{ServiceIcon, Ui};
use crate::components::template_view::TemplateView;
use crate::i18n::{Lang, Strings, fill};
use crate::state::Action;

fn id_problem_text(s: &Strings, p: IdProblem) -> &'static str {
    match p {
        IdProblem::Empty => s.logical_id_empty,
        IdProblem::Invalid => s.logical_id_invalid,
        IdProblem::TooLong => s.logical_id_too_long,
        IdProblem::Taken => s.logical_id_taken,
    }
}

/// What the inspector shows of a resource besides its form: from its box, or, for
/// a resource drawn as a link (a route, an association, a rule), from the template.
struct Subject {
    type_name: String,
    category: Category,
    made_by: Option<String>,
    parent: Option<String>,
}

#[derive(Properties, PartialEq)]
pub struct DetailsProps {
    pub ctx: Ctx,
    pub focus: u32,
}

#[component(ResourceDetails)]
pub fn resource_details(props: &DetailsProps) -> Html {
    let ctx = &props.ctx;
    let s = ctx.lang.strings();
    let id = ctx.owner.clone().unwrap_or_default().to_string();
    let view = &ctx.view;
    let boxed = view.node(&id);
    let folded = boxed.is_none();
    let node = match boxed {
        Some(n) => Some(Subject {
            type_name: n.type_name.clone(),
            category: n.category,
            made_by: n.made_by.clone(),
            parent: n.parent.clone(),
        }),
        None => ctx.doc.0.borrow().template().resource(&id).map(|r| {
            let type_name = r.type_name().unwrap_or_default().to_string();
            Subject {
                category: category_of(&type_name),
                type_name,
                made_by: None,
                parent: None,
            }
        }),
    };
    let draft = use_state(|| id.clone());
    let input_ref = use_node_ref();
    let (state, on) = use_form(ctx);
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
        let doc = ctx.doc.0.borrow();
        if *draft == id {
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
    let yaml = use_memo((view.epoch, view.revision, id.clone()), {
        let doc = ctx.doc.clone();
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
    let changed = *draft != id;

    let on_input = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(t) = e.target() {
                draft.set(control_value(&t));
            }
        })
    };
    let apply = {
        let d = ctx.dispatch.clone();
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

    let Some(node) = node else {
        return html! {};
    };
    let head = html! {
        <div class="details-head">
            <ServiceIcon category={node.category} size={36.0} type_name={AttrValue::from(node.type_name.clone())}/>
            <div class="details-head-text">
                { el_text("div", "details-title", id.clone()) }
                { el_text("div", "details-type", node.type_name.clone()) }
            </div>
        </div>
    };
    if let Some(key) = &node.made_by {
        let count = view
            .scene
            .loops
            .iter()
            .find(|l| &l.key == key)
            .map_or(1, |l| l.count);
        // The loop is edited as the loop it is: the names it makes resources from.
        let names = loops::collection(ctx.doc.0.borrow().template(), key);
        let editor = match names {
            Ok(names) => {
                let (d, key) = (ctx.dispatch.clone(), key.clone());
                let on_change = Callback::from(move |e: Event| {
                    if let Some(t) = e.target() {
                        let names = control_value(&t)
                            .split(',')
                            .map(|n| n.trim().to_string())
                            .filter(|n| !n.is_empty())
                            .collect();
                        d.dispatch(Action::SetLoopNames {
                            key: key.clone(),
                            names,
                        });
                    }
                });
                html! {
                    <div class="field">
                        <label for="loop-names" class="field-label">{ s.loop_names }</label>
                        <div class="field-row">
                            <input id="loop-names" class="text-input mono" value={names.join(", ")}
                                onchange={on_change} spellcheck="false" autocomplete="off"
                                aria-describedby="loop-names-hint"/>
                        </div>
                        <p id="loop-names-hint" class="field-hint">{ s.loop_names_hint }</p>
                    </div>
                }
            }
            Err(e) => el_text("p", "field-hint", e.0),
        };
        return html! {
            <div class="details">
                { head }
                { el_text("p", "field-hint", fill(s.made_by_loop, &[&count.to_string(), key])) }
                { editor }
            </div>
        };
    }
    let error = check.err().map(|e| id_problem_text(s, e));
    let hint_id = "logical-id-hint";
    let url = reference_url(&node.type_name, ctx.lang == Lang::Ko);
    let badge = view.badge(&id).cloned();
    // The properties form and the attributes, drawn by one form.
    let (props_form, attrs) = {
        let doc = ctx.doc.0.borrow();
        (
            resource_form(doc.template(), Some(form_catalog()), &id),
            forms::attributes(doc.template(), &id),
        )
    };
    // A property stays listed while the resource is selected, once set or required.
    let (shown, filter, show_all) = {
        let mut ui = state.ui.borrow_mut();
        for f in props_form.iter().flat_map(|pf| &pf.fields) {
            if (f.is_set() || f.required) && !ui.shown.contains(&f.key) {
                ui.shown.push(f.key.clone());
            }
        }
        (ui.shown.clone(), ui.filter.clone(), ui.show_all)
    };
    let mut form = Form::new(&state, ctx);
    let properties = props_form.map(|pf| {
        let query = filter.trim().to_lowercase();
        let listed: Vec<Html> = pf
            .fields
            .iter()
            .filter(|f| {
                if query.is_empty() {
                    show_all || shown.contains(&f.key)
                } else {
                    f.key.to_lowercase().contains(&query)
                }
            })
            .map(|f| form.field(f, s.aria_property, None, 0))
            .collect();
        let hidden = pf.fields.iter().filter(|f| !shown.contains(&f.key)).count();
        let set = pf.fields.iter().filter(|f| f.is_set()).count();
        let top = findings_at(
            view.findings(),
            &format!("Resources/{id}/Properties"),
            false,
        );
        let add = pf.open.then(|| {
            form.add_key(
                s.new_property.to_string(),
                s.new_property,
                path(&["Resources", &id, "Properties"]),
                Node::string(""),
                s.add_property,
            )
        });
        let mut head = vec![
            el_text("h3", "section-title", s.section_properties),
            el(
                "span",
                "count-chip",
                &[h::s("title", s.props_set_of)],
                vec![text(format!("{set}/{}", pf.fields.len()))],
            ),
            el("span", "grow", &[], Vec::new()),
        ];
        if hidden > 0 || show_all {
            let op = form.op(Op::ShowAll);
            let label = if show_all {
                s.props_show_set.to_string()
            } else {
                fill(s.props_show_all, &[&hidden.to_string()])
            };
            head.push(el(
                "button",
                "btn small ghost",
                &[
                    h::s("type", "button"),
                    h::s("aria-pressed", if show_all { "true" } else { "false" }),
                    op,
                ],
                vec![text(label)],
            ));
        }
        let mut kids = vec![el("div", "insp-section-head", &[], head)];
        if pf.fields.len() > 6 {
            let op = form.op(Op::Filter);
            kids.push(el(
                "div",
                "insp-filter",
                &[],
                vec![
                    icon(Ui::Search, 13),
                    control(
                        "input",
                        "text-input",
                        &[
                            h::s("type", "search"),
                            h::s("aria-label", s.props_filter),
                            h::s("placeholder", s.props_filter),
                            h::s("spellcheck", "false"),
                            h::s("autocomplete", "off"),
                            op,
                        ],
                        Some(filter.clone()),
                        None,
                    ),
                ],
            ));
        }
        if !pf.known_type {
            let note = if full_catalog().is_none() {
                s.props_catalog_loading
            } else {
                s.props_unknown_type
            };
            kids.push(el_text("p", "muted small", note));
        }
        kids.push(findings_list(s, &top));
        if listed.is_empty() {
            kids.push(el_text(
                "p",
                "muted small",
                if query.is_empty() {
                    s.props_none_set
                } else {
                    s.props_no_match
                },
            ));
        }
        kids.push(el("div", "ff-list", &[], listed));
        kids.extend(add);
        el(
            "section",
            "insp-section",
            &[h::s("aria-label", s.section_properties)],
            kids,
        )
    });

    let attributes = attrs.map(|a| {
        let mut select = |attr: &'static str,
                          none: &'static str,
                          current: &Option<String>,
                          choices: Vec<String>| {
            let control = form.select(
                fill(s.aria_attribute_named, &[attr]),
                Op::Pick {
                    path: path(&["Resources", &id, attr]),
                    parse: Parse::Str,
                },
                none,
                &choices,
                current.as_deref().unwrap_or_default(),
            );
            labeled(
                "ff",
                attr,
                control,
                findings_list(
                    s,
                    &findings_at(view.findings(), &format!("Resources/{id}/{attr}"), false),
                ),
            )
        };
        let condition = select(
            "Condition",
            s.attr_always,
            &a.condition,
            a.conditions.clone(),
        );
        let deletion = select(
            "DeletionPolicy",
            s.attr_default_policy,
            &a.deletion_policy,
            DELETION_POLICIES.iter().map(|p| p.to_string()).collect(),
        );
        let replace = select(
            "UpdateReplacePolicy",
            s.attr_default_policy,
            &a.update_replace_policy,
            UPDATE_REPLACE_POLICIES
                .iter()
                .map(|p| p.to_string())
                .collect(),
        );
        let chips: Vec<Html> = a
            .depends_on
            .iter()
            .map(|d| {
                let targets = a.depends_on.iter().filter(|t| *t != d).cloned().collect();
                let remove = form.button(
                    "icon-btn tiny",
                    FormEdit::SetDependsOn {
                        id: id.clone(),
                        targets,
                    },
                    fill(s.remove_dependency, &[d]),
                    vec![icon(Ui::Close, 10)],
                );
                el(
                    "li",
                    "chip mono",
                    &[],
                    vec![el_text("span", "", d.clone()), remove],
                )
            })
            .collect();
        let choices: Vec<String> = a
            .others
            .iter()
            .filter(|o| !a.depends_on.contains(o))
            .cloned()
            .collect();
        let add_dep = form.select(
            fill(s.aria_attribute_named, &["DependsOn"]),
            Op::DependOn {
                id: id.clone(),
                current: a.depends_on.clone(),
            },
            s.add_dependency,
            &choices,
            "",
        );
        let deps = if chips.is_empty() {
            add_dep
        } else {
            list(vec![el("ul", "chips", &[], chips), add_dep])
        };
        el(
            "section",
            "insp-section",
            &[h::s("aria-label", s.section_attributes)],
            vec![
                el_text("h3", "section-title", s.section_attributes),
                condition,
                labeled(
                    "ff",
                    "DependsOn",
                    deps,
                    findings_list(
                        s,
                        &findings_at(view.findings(), &format!("Resources/{id}/DependsOn"), true),
                    ),
                ),
                deletion,
                replace,
            ],
        )
    });
    // Links to and from it, the declaration and the actions.
    let relations: Vec<Html> = view
        .edges
        .iter()
        .filter(|e| e.link.from == id || e.link.to == id)
        .map(|e| {
            let outgoing = e.link.from == id;
            let other = if outgoing { &e.link.to } else { &e.link.from };
            let kind = match e.link.kind {
                LinkKind::DependsOn => "DependsOn".to_string(),
                _ => e.link.label.clone(),
            };
            let op = form.op(Op::App(Action::SelectEdge(e.key.clone())));
            keyed(
                el(
                    "li",
                    "",
                    &[],
                    vec![el(
                        "button",
                        "relation",
                        &[h::s("type", "button"), op],
                        vec![
                            el(
                                "span",
                                "relation-dir",
                                &[h::s("aria-hidden", "true")],
                                vec![text(if outgoing { "→" } else { "←" })],
                            ),
                            el_text("span", "mono grow", other.clone()),
                            el_text("span", "relation-kind", kind),
                        ],
                    )],
                ),
                &e.key,
            )
        })
        .collect();
    let duplicate = form.op(Op::App(Action::Duplicate));
    let delete = form.op(Op::App(Action::DeleteSelected));
    drop(form);
    let findings = match &badge {
        Some(b) => el(
            "ul",
            "findings",
            &[],
            b.lines
                .iter()
                .map(|line| {
                    let error = line.severity == Severity::Error;
                    el(
                        "li",
                        if error { "error" } else { "warning" },
                        &[],
                        vec![
                            icon(if error { Ui::Error } else { Ui::Warning }, 14),
                            finding_text(
                                s,
                                "",
                                line.rule,
                                format!("{}: {}", line.rule, line.message),
                            ),
                        ],
                    )
                })
                .collect(),
        ),
        None => el(
            "p",
            "muted small ok-line",
            &[],
            vec![icon(Ui::Check, 14), text(s.inspector_no_findings)],
        ),
    };
    let mut facts = vec![
        el_text("dt", "", s.field_category),
        el_text("dd", "", category_label(s, node.category)),
    ];
    if let Some(p) = &node.parent {
        facts.push(el_text("dt", "", s.field_inside));
        facts.push(el_text("dd", "mono", p.clone()));
    }
    let relations = if relations.is_empty() {
        Html::default()
    } else {
        list(vec![
            el_text("h3", "section-title", s.inspector_relations),
            el("ul", "relations", &[], relations),
        ])
    };
    let declaration = el(
        "details",
        "insp-declaration",
        &[],
        vec![
            el_text("summary", "section-title", s.inspector_declaration),
            el(
                "div",
                "declaration",
                &[],
                vec![
                    html! { <TemplateView text={AttrValue::from((*yaml).clone())} label={s.inspector_declaration}/> },
                ],
            ),
        ],
    );
    let actions = el(
        "div",
        "details-actions",
        &[],
        vec![
            el(
                "a",
                "btn link-btn",
                &[
                    a("href", url),
                    h::s("target", "_blank"),
                    h::s("rel", "noopener noreferrer"),
                ],
                vec![text(s.open_reference), icon(Ui::External, 13)],
            ),
            // A folded resource is copied with what it joins, not alone.
            if folded {
                Html::default()
            } else {
                el(
                    "button",
                    "btn",
                    &[h::s("type", "button"), duplicate],
                    vec![text(s.edit_duplicate)],
                )
            },
            el(
                "button",
                "btn danger",
                &[h::s("type", "button"), delete],
                vec![icon(Ui::Trash, 14), text(s.delete_resource)],
            ),
        ],
    );

    html! {
        <div class="details" oninput={on.input} onchange={on.change} onclick={on.click}
            onfocusout={on.blur} onkeydown={on.key}
            onfocusin={on.focus} onpointerdown={on.press}>
            { head }
            <form class="field" onsubmit={on_submit}>
                <label for="logical-id" class="field-label">{ s.field_logical_id }</label>
                <div class="field-row">
                    <input id="logical-id" ref={input_ref} class={if error.is_some() { "text-input invalid" } else { "text-input" }}
                        value={(*draft).clone()} oninput={on_input} onkeydown={on_key} onblur={on_blur}
                        aria-invalid={if error.is_some() { "true" } else { "false" }}
                        aria-describedby={hint_id} spellcheck="false" autocomplete="off"
                        maxlength="255"/>
                    <button type="submit" class="btn" disabled={!changed || error.is_some()}>{ s.rename }</button>
                </div>
                <p id={hint_id} class={if error.is_some() { "field-hint error" } else { "field-hint" }} aria-live="polite">
                    { error.unwrap_or(s.logical_id_rule) }
                </p>
            </form>
            { el("dl", "props", &[], facts) }
            { el_text("h3", "section-title", s.inspector_findings) }
            { findings }
            { properties }
            { attributes }
            { relations }
            { declaration }
            { actions }
        </div>
    }
}
