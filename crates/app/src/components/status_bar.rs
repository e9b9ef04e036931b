//! The status bar: facts about the document and the view.

use yew::prelude::*;

use crate::i18n::{Lang, fill};

#[derive(Properties, PartialEq)]
pub struct StatusBarProps {
    pub lang: Lang,
    pub resources: usize,
    pub zoom_percent: u32,
    pub selected: Option<String>,
}

#[component(StatusBar)]
pub fn status_bar(props: &StatusBarProps) -> Html {
    let s = props.lang.strings();
    let count = if props.resources == 1 {
        s.status_resources_one.to_string()
    } else {
        fill(s.status_resources_many, &[&props.resources.to_string()])
    };
    html! {
        <footer class="statusbar" aria-label={s.status_bar}>
            <span class="status-item">{ count }</span>
            if let Some(id) = &props.selected {
                <span class="status-item">{ fill(s.status_selected, &[id]) }</span>
            }
            <span class="grow"></span>
            <span class="status-item">{ fill(s.status_zoom, &[&format!("{}%", props.zoom_percent)]) }</span>
            <span class="status-item">{ s.language_name }</span>
            <span class="status-item muted">{ concat!("v", env!("CARGO_PKG_VERSION")) }</span>
        </footer>
    }
}
