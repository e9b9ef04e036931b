//! The floating zoom toolbar in the corner of the canvas.

use formwork_core::diagram::Viewport;
use yew::prelude::*;

use super::icons::{Ui, UiIcon};
use crate::Dispatch;
use crate::i18n::Lang;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct ZoomControlsProps {
    pub lang: Lang,
    pub dispatch: Dispatch,
    pub viewport: Viewport,
}

#[component(ZoomControls)]
pub fn zoom_controls(props: &ZoomControlsProps) -> Html {
    let s = props.lang.strings();
    let button = |label: &'static str, tip: String, icon: Ui, action: Action, enabled: bool| {
        let d = props.dispatch.clone();
        let onclick = Callback::from(move |_: MouseEvent| d.dispatch(action.clone()));
        html! {
            <button type="button" class="icon-btn" aria-label={label} title={tip}
                disabled={!enabled} {onclick}>
                <UiIcon icon={icon}/>
            </button>
        }
    };
    let v = props.viewport;
    html! {
        <div class="zoom-controls" role="group" aria-label={s.zoom_controls}>
            { button(s.view_zoom_out, format!("{} (Ctrl+−)", s.view_zoom_out), Ui::Minus, Action::ZoomOut, v.can_zoom_out()) }
            <output class="zoom-readout" aria-label={s.zoom_level}>{ format!("{}%", v.zoom_percent()) }</output>
            { button(s.view_zoom_in, format!("{} (Ctrl+=)", s.view_zoom_in), Ui::Plus, Action::ZoomIn, v.can_zoom_in()) }
            <span class="toolbar-sep" aria-hidden="true"></span>
            { button(s.view_fit, format!("{} (Shift+1)", s.view_fit), Ui::Fit, Action::FitToScreen, true) }
            { button(s.view_reset_zoom, format!("{} (Ctrl+0)", s.view_reset_zoom), Ui::Target, Action::ResetZoom, true) }
        </div>
    }
}
