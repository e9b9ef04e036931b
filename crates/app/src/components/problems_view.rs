//! The Problems tab: every validation finding, errors first, each naming its rule
//! and, when it is about a resource, selecting that resource on a click.

use formwork_core::diagnostic::Severity;
use yew::prelude::*;

use super::icons::{Ui, UiIcon};
use crate::Dispatch;
use crate::i18n::{Lang, fill};
use crate::state::Action;
use crate::view::{DocView, Shared, finding_resource};

#[derive(Properties, PartialEq)]
pub struct ProblemsViewProps {
    pub lang: Lang,
    pub dispatch: Dispatch,
    pub view: Shared<DocView>,
}

#[component(ProblemsView)]
pub fn problems_view(props: &ProblemsViewProps) -> Html {
    let s = props.lang.strings();
    // Errors first, then warnings, each in source order.
    let findings: Vec<_> = [Severity::Error, Severity::Warning]
        .iter()
        .flat_map(|&sev| {
            props
                .view
                .findings
                .iter()
                .filter(move |d| d.severity == sev)
        })
        .collect();
    if findings.is_empty() {
        return html! {
            <p class="panel-note"><UiIcon icon={Ui::Check} size={14}/>{ s.problems_none }</p>
        };
    }
    let rows = findings.iter().enumerate().map(|(i, d)| {
        let error = d.severity == Severity::Error;
        let resource = finding_resource(&d.path).map(str::to_string);
        let onclick = resource.clone().map(|id| {
            let dispatch = props.dispatch.clone();
            Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Select(vec![id.clone()])))
        });
        let line = d.pos.map(|p| fill(s.problems_line, &[&p.line.to_string()]));
        html! {
            <li key={i} class={classes!("problem", if error { "error" } else { "warning" })}>
                <UiIcon icon={if error { Ui::Error } else { Ui::Warning }} size={14}/>
                <span class="problem-rule mono">{ d.rule }</span>
                <span class="problem-message grow">{ d.message.clone() }</span>
                if let (Some(id), Some(onclick)) = (resource, onclick) {
                    <button type="button" class="link-like mono" {onclick}>{ id }</button>
                }
                if let Some(l) = line {
                    <span class="problem-line muted">{ l }</span>
                }
            </li>
        }
    });
    html! {
        <ul class="problems" aria-label={s.tab_problems}>{ for rows }</ul>
    }
}
