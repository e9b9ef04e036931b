//! The Problems tab: the validator's findings and the error of text typed in the code
//! pane, grouped by severity with counts. Choosing one selects its resource on the
//! canvas and shows its line in the code pane.

use formwork_core::diagnostic::Severity;
use formwork_core::template::ParseError;
use yew::prelude::*;

use super::icons::{Ui, UiIcon};
use super::inspector::finding_text;
use crate::Dispatch;
use crate::files::FileAction;
use crate::i18n::{self, Lang, fill};
use crate::state::Action;
use crate::view::{DocView, Shared, finding_resource};

#[derive(Properties, PartialEq)]
pub struct ProblemsViewProps {
    pub lang: Lang,
    pub dispatch: Dispatch,
    pub view: Shared<DocView>,
    /// The code pane's text does not read: this is why.
    #[prop_or_default]
    pub text_error: Option<ParseError>,
}

/// One row: what it is about, and where to take the user.
struct Row<'a> {
    rule: &'a str,
    message: &'a str,
    resource: Option<&'a str>,
    path: &'a str,
    line: Option<u32>,
    /// The line is in the text as typed (a parse error), not found by path.
    exact: bool,
}

#[component(ProblemsView)]
pub fn problems_view(props: &ProblemsViewProps) -> Html {
    let s = props.lang.strings();
    let groups: [(Severity, &'static str, Ui); 3] = [
        (Severity::Error, s.problems_errors, Ui::Error),
        (Severity::Warning, s.problems_warnings, Ui::Warning),
        (Severity::Info, s.problems_info, Ui::Info),
    ];
    let mut total = 0;
    let sections = groups.iter().map(|&(sev, title, icon)| {
        let mut rows: Vec<Row> = Vec::new();
        if sev == Severity::Error
            && let Some(e) = &props.text_error
        {
            rows.push(Row {
                rule: "E0000",
                message: &e.message,
                resource: None,
                path: "",
                line: Some(e.pos.line.max(1)),
                exact: true,
            });
        }
        rows.extend(
            props
                .view
                .findings()
                .iter()
                .filter(|d| d.severity == sev)
                .map(|d| Row {
                    rule: d.rule,
                    message: &d.message,
                    resource: finding_resource(&d.path),
                    path: &d.path,
                    line: None,
                    exact: false,
                }),
        );
        total += rows.len();
        if rows.is_empty() {
            return html! {};
        }
        let class = match sev {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        let items = rows.iter().enumerate().map(|(i, r)| {
            let onclick = {
                let dispatch = props.dispatch.clone();
                let path = r.path.to_string();
                let line = r.line.filter(|_| r.exact);
                Callback::from(move |_: MouseEvent| {
                    dispatch.dispatch(Action::Files(FileAction::Reveal {
                        path: path.clone(),
                        line,
                    }))
                })
            };
            let place = match (r.resource, r.line) {
                (_, Some(l)) => fill(s.problems_line, &[&l.to_string()]),
                (Some(id), None) => id.to_string(),
                (None, None) if !r.path.is_empty() => r.path.replace('/', " › "),
                _ => s.problems_template.to_string(),
            };
            html! {
                <li key={i}>
                    <button type="button" class={classes!("problem", class)} {onclick}>
                        <UiIcon icon={icon} size={14}/>
                        <span class="problem-rule mono" title={i18n::rule_summary(s, r.rule)}>{ r.rule }</span>
                        { finding_text(s, "problem-message grow", r.rule, r.message.to_string()) }
                        <span class="problem-place mono">{ place }</span>
                    </button>
                </li>
            }
        });
        let heading_id = format!("problems-{class}");
        html! {
            <section class={classes!("problem-group", class)} aria-labelledby={heading_id.clone()}>
                <h3 class="problem-heading" id={heading_id}>
                    <UiIcon icon={icon} size={14}/>
                    { title }
                    <span class={classes!("count-chip", class)}>{ rows.len() }</span>
                </h3>
                <ul class="problem-list">{ for items }</ul>
            </section>
        }
    });
    let sections: Vec<Html> = sections.collect();
    if total == 0 {
        return html! {
            <p class="panel-note"><UiIcon icon={Ui::Check} size={14}/>{ s.problems_none }</p>
        };
    }
    html! {
        <div class="problems" aria-label={s.tab_problems}>{ for sections }</div>
    }
}
