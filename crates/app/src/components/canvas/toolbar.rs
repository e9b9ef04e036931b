//! The floating toolbar at the top of the canvas: undo and redo (named after what
//! they undo), snap to grid, automatic arrangement, and alignment of the selection.

use formwork_core::diagram::arrange::Align;
use formwork_core::diagram::layout::Style;
use yew::prelude::*;

use crate::Dispatch;
use crate::components::icons::{Ui, UiIcon};
use crate::i18n::{Lang, Strings, fill};
use crate::state::{Action, label_text};
use crate::view::{DocView, Shared};

#[derive(Properties, PartialEq)]
pub struct CanvasToolbarProps {
    pub lang: Lang,
    pub dispatch: Dispatch,
    pub view: Shared<DocView>,
    /// How many resources are selected.
    pub selected: usize,
    pub snap: bool,
}

/// The name of an alignment.
pub fn align_label(s: &Strings, a: Align) -> &'static str {
    match a {
        Align::Left => s.align_left,
        Align::Center => s.align_center,
        Align::Right => s.align_right,
        Align::Top => s.align_top,
        Align::Middle => s.align_middle,
        Align::Bottom => s.align_bottom,
    }
}

/// A small glyph for each alignment: a line and two bars lined up on it.
fn align_glyph(a: Align) -> Html {
    let d = match a {
        Align::Left => "M2.5 2v12M5 4.5h8M5 10h5",
        Align::Center => "M8 2v12M4 4.5h8M5.5 10h5",
        Align::Right => "M13.5 2v12M3 4.5h8M6 10h5",
        Align::Top => "M2 2.5h12M4.5 5v8M10 5v5",
        Align::Middle => "M2 8h12M4.5 4v8M10 5.5v5",
        Align::Bottom => "M2 13.5h12M4.5 3v8M10 6v5",
    };
    html! {
        <svg class="ui-icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false"
            fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round">
            <path d={d}/>
        </svg>
    }
}

#[component(CanvasToolbar)]
pub fn canvas_toolbar(props: &CanvasToolbarProps) -> Html {
    let s = props.lang.strings();
    let act = |a: Action| {
        let d = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(a.clone()))
    };
    let undo = props
        .view
        .undo
        .as_deref()
        .map(|l| fill(s.edit_undo_named, &[label_text(s, l)]));
    let redo = props
        .view
        .redo
        .as_deref()
        .map(|l| fill(s.edit_redo_named, &[label_text(s, l)]));
    let can_align = props.selected >= 2;
    let aligns = Align::ALL.iter().map(|&a| {
        let label = align_label(s, a);
        html! {
            <button type="button" class="icon-btn" aria-label={label} title={label}
                disabled={!can_align} onclick={act(Action::Align(a))}>
                { align_glyph(a) }
            </button>
        }
    });
    html! {
        <div class="canvas-toolbar" role="toolbar" aria-label={s.canvas_toolbar}>
            <button type="button" class="icon-btn" aria-label={undo.clone().unwrap_or_else(|| s.edit_undo.to_string())}
                title={format!("{} (Ctrl+Z)", undo.clone().unwrap_or_else(|| s.edit_undo.to_string()))}
                disabled={undo.is_none()} onclick={act(Action::Undo)}>
                <UiIcon icon={Ui::Undo}/>
            </button>
            <button type="button" class="icon-btn" aria-label={redo.clone().unwrap_or_else(|| s.edit_redo.to_string())}
                title={format!("{} (Ctrl+Shift+Z)", redo.clone().unwrap_or_else(|| s.edit_redo.to_string()))}
                disabled={redo.is_none()} onclick={act(Action::Redo)}>
                <UiIcon icon={Ui::Redo}/>
            </button>
            <span class="toolbar-sep" aria-hidden="true"></span>
            <button type="button" class={classes!("icon-btn", props.snap.then_some("on"))}
                aria-label={s.view_snap} title={s.view_snap}
                aria-pressed={if props.snap { "true" } else { "false" }} onclick={act(Action::ToggleSnap)}>
                <UiIcon icon={Ui::Grid}/>
            </button>
            <button type="button" class="icon-btn" aria-label={s.view_arrange} title={s.view_arrange}
                disabled={props.view.scene.is_empty()} onclick={act(Action::AutoArrange(Style::Architecture))}>
                <UiIcon icon={Ui::Layout}/>
            </button>
            <span class="toolbar-sep" aria-hidden="true"></span>
            <div class="toolbar-group" role="group" aria-label={s.edit_align}>
                { for aligns }
            </div>
        </div>
    }
}
