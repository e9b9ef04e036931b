//! The document's place in the top bar: its name with a mark while it has changes no
//! file holds (also in the window title), and the buttons Open template, Save, Export
//! YAML and Export JSON. It also owns what works anywhere on the page: dropping a file
//! to open it, Ctrl+O and Ctrl+S, and the hidden file input behind "Open template".

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::icons::{Ui, UiIcon};
use crate::Dispatch;
use crate::files::FileCommand;
use crate::files::io::{self, OPEN_INPUT_ID};
use crate::i18n::{Lang, fill};

#[derive(Properties, PartialEq)]
pub struct FileActionsProps {
    pub lang: Lang,
    pub dispatch: Dispatch,
    /// The file name, empty for a new document.
    pub name: AttrValue,
    /// Changes no file holds.
    pub dirty: bool,
    pub on_command: Callback<FileCommand>,
}

/// The 16 px icons of these buttons, in the style of [`UiIcon`].
fn icon(path: &'static str) -> Html {
    html! {
        <svg class="ui-icon" width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor"
            stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">
            { Html::from_html_unchecked(AttrValue::Static(path)) }
        </svg>
    }
}

const OPEN_ICON: &str = "<path d=\"M2 12.5V4a1 1 0 0 1 1-1h3l1.5 1.5H13a1 1 0 0 1 1 1V7\"/><path d=\"M2 12.5l1.8-4.8a1 1 0 0 1 .9-.7H14.5l-2 5.5H2z\"/>";
const SAVE_ICON: &str = "<path d=\"M3 2.5h8l2.5 2.5v8a.5.5 0 0 1-.5.5H3a.5.5 0 0 1-.5-.5v-10a.5.5 0 0 1 .5-.5z\"/><path d=\"M5 2.5v3h5v-3M5 13.5V9h6v4.5\"/>";

/// Whether a drag carries files (rather than text or a palette entry).
fn has_files(e: &web_sys::DragEvent) -> bool {
    e.data_transfer().is_some_and(|d| {
        let types = d.types();
        (0..types.length()).any(|i| types.get(i).as_string().as_deref() == Some("Files"))
    })
}

#[component(FileActions)]
pub fn file_actions(props: &FileActionsProps) -> Html {
    let s = props.lang.strings();
    let dragging = use_state_eq(|| false);

    // The window title names the document and shows whether it has unsaved changes.
    {
        let lang = props.lang;
        let name = props.name.clone();
        let dirty = props.dirty;
        use_effect_with((lang, name, dirty), move |(lang, name, dirty)| {
            let s = lang.strings();
            let shown = if name.is_empty() {
                s.untitled
            } else {
                name.as_str()
            };
            let title = fill(if *dirty { s.title_dirty } else { s.title_clean }, &[shown]);
            // After the language's own title (set by the app in the same round).
            let set = wasm_bindgen::closure::Closure::once_into_js(move || {
                gloo::utils::document().set_title(&title);
            });
            let _ = gloo::utils::window().set_timeout_with_callback(set.unchecked_ref());
        });
    }

    // Files dropped anywhere open; Ctrl+O opens, Ctrl+S saves, from anywhere.
    {
        let dispatch = props.dispatch.clone();
        let dragging = dragging.clone();
        let on_command = props.on_command.clone();
        use_effect_with((), move |_| {
            let window = gloo::utils::window();
            let opts = EventListenerOptions::enable_prevent_default();
            let over = {
                let dragging = dragging.clone();
                EventListener::new_with_options(&window, "dragover", opts, move |e| {
                    if let Some(e) = e.dyn_ref::<web_sys::DragEvent>()
                        && has_files(e)
                    {
                        e.prevent_default();
                        if let Some(d) = e.data_transfer() {
                            d.set_drop_effect("copy");
                        }
                        dragging.set(true);
                    }
                })
            };
            let leave = {
                let dragging = dragging.clone();
                EventListener::new(&window, "dragleave", move |e| {
                    // Leaving the window (not moving between elements inside it).
                    if let Some(e) = e.dyn_ref::<web_sys::DragEvent>()
                        && e.related_target().is_none()
                    {
                        dragging.set(false);
                    }
                })
            };
            let dropped = {
                let dragging = dragging.clone();
                EventListener::new_with_options(&window, "drop", opts, move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::DragEvent>() else {
                        return;
                    };
                    dragging.set(false);
                    if !has_files(e) {
                        return;
                    }
                    e.prevent_default();
                    if let Some((file, handle)) =
                        e.data_transfer().as_ref().and_then(io::dropped_file)
                    {
                        let dispatch = dispatch.clone();
                        yew::platform::spawn_local(io::open_dropped(file, handle, dispatch));
                    }
                })
            };
            let keys = EventListener::new_with_options(&window, "keydown", opts, move |e| {
                let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                if !(e.ctrl_key() || e.meta_key()) || e.alt_key() || e.default_prevented() {
                    return;
                }
                let command = match e.key().to_ascii_lowercase().as_str() {
                    "s" => FileCommand::Save,
                    "o" => FileCommand::Open,
                    _ => return,
                };
                e.prevent_default();
                on_command.emit(command);
            });
            move || drop((over, leave, dropped, keys))
        });
    }

    let on_file = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                io::forget_handle();
                yew::platform::spawn_local(io::open_file(file, dispatch.clone()));
            }
        })
    };
    let command = |c: FileCommand| {
        let on = props.on_command.clone();
        Callback::from(move |_: MouseEvent| on.emit(c))
    };
    let shown = if props.name.is_empty() {
        s.untitled
    } else {
        props.name.as_str()
    };

    html! {
        <div class="file-actions">
            <div class="doc-name" title={shown.to_string()}>
                <span class="doc-name-text">{ shown.to_string() }</span>
                if props.dirty {
                    <span class="doc-dirty" role="img" aria-label={s.unsaved_changes} title={s.unsaved_changes}></span>
                }
            </div>
            <button type="button" class="btn head-btn" onclick={command(FileCommand::Open)} title={s.open_hint}>
                { icon(OPEN_ICON) }<span>{ s.open_button }</span>
            </button>
            <button type="button" class="btn head-btn" onclick={command(FileCommand::Save)} title={s.save_hint}>
                { icon(SAVE_ICON) }<span>{ s.save_button }</span>
            </button>
            <button type="button" class="btn head-btn" onclick={command(FileCommand::ExportYaml)}>
                <UiIcon icon={Ui::Download} size={14}/><span>{ s.export_yaml }</span>
            </button>
            <button type="button" class="btn head-btn" onclick={command(FileCommand::ExportJson)}>
                <UiIcon icon={Ui::Download} size={14}/><span>{ s.export_json }</span>
            </button>
            <input type="file" id={OPEN_INPUT_ID} class="visually-hidden" tabindex="-1" aria-hidden="true"
                accept=".yaml,.yml,.json,.template,.txt,application/json,application/yaml,text/yaml,text/plain"
                onchange={on_file}/>
            if *dragging {
                <div class="drop-overlay" aria-hidden="true">
                    <div class="drop-card">
                        { icon(OPEN_ICON) }
                        <strong>{ s.drop_title }</strong>
                        <span>{ s.drop_body }</span>
                    </div>
                </div>
            }
        </div>
    }
}
