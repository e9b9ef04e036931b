//! The File menu's dialogs: New from sample, Recent documents, Paste template and
//! Share link.

use formwork_core::autosave::RecentEntry;
use formwork_core::samples::SAMPLES;
use formwork_core::template;
use gloo::timers::callback::Timeout;
use yew::prelude::*;

use super::dialog::Modal;
use super::icons::{Ui, UiIcon};
use crate::Dispatch;
use crate::files::FileAction;
use crate::i18n::{Lang, Strings, fill};
use crate::state::Action;
use crate::{autosave, dom};

/// A sample's name and description in the interface language.
pub fn sample_text(s: &Strings, id: &str) -> (&'static str, &'static str) {
    match id {
        "wordpress-multi-az" => (s.sample_wordpress, s.sample_wordpress_about),
        "vpc-two-az" => (s.sample_vpc, s.sample_vpc_about),
        "large-web-app" => (s.sample_large, s.sample_large_about),
        _ => ("", ""),
    }
}

#[derive(Properties, PartialEq)]
pub struct FileDialogProps {
    pub lang: Lang,
    pub dispatch: Dispatch,
    pub on_close: Callback<()>,
}

#[component(SamplesDialog)]
pub fn samples_dialog(props: &FileDialogProps) -> Html {
    let s = props.lang.strings();
    let items = SAMPLES.iter().map(|sample| {
        let (name, about) = sample_text(s, sample.id);
        let resources = template::parse(sample.text)
            .map(|i| i.template.resources().count())
            .unwrap_or(0);
        let onclick = {
            let d = props.dispatch.clone();
            let id = sample.id;
            Callback::from(move |_: MouseEvent| {
                d.dispatch(Action::CloseDialog);
                d.dispatch(Action::Files(FileAction::OpenSample(id)));
            })
        };
        html! {
            <li key={sample.id}>
                <button type="button" class="choice" {onclick}>
                    <span class="choice-title">{ name }</span>
                    <span class="choice-body">{ about }</span>
                    <span class="choice-meta">{ fill(s.sample_resources, &[&resources.to_string()]) }</span>
                </button>
            </li>
        }
    });
    html! {
        <Modal title={s.samples_title} close_label={s.close} on_close={props.on_close.clone()}>
            <p class="muted">{ s.samples_intro }</p>
            <ul class="choices">{ for items }</ul>
        </Modal>
    }
}

/// A stored time as the interface language writes dates.
fn when(lang: Lang, ms: f64) -> String {
    let date = js_sys::Date::new(&ms.into());
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    date.to_locale_string(lang.code(), &options).into()
}

#[derive(Properties, PartialEq)]
pub struct RecentDialogProps {
    pub lang: Lang,
    pub dispatch: Dispatch,
    pub on_close: Callback<()>,
    /// The id of the document open now.
    pub current: AttrValue,
}

#[component(RecentDialog)]
pub fn recent_dialog(props: &RecentDialogProps) -> Html {
    let s = props.lang.strings();
    let entries = use_state(|| autosave::recent().entries);
    let failed = use_state_eq(|| false);
    let rows = entries.iter().map(|e: &RecentEntry| {
        let name = if e.name.is_empty() { s.untitled.to_string() } else { e.name.clone() };
        let current = e.id == props.current.as_str();
        let on_open = {
            let d = props.dispatch.clone();
            let id = e.id.clone();
            let failed = failed.clone();
            Callback::from(move |_: MouseEvent| {
                let d = d.clone();
                let id = id.clone();
                let failed = failed.clone();
                yew::platform::spawn_local(async move {
                    match autosave::load(&id).await {
                        Some(record) => {
                            d.dispatch(Action::CloseDialog);
                            d.dispatch(Action::Files(FileAction::Restore(Box::new(record))));
                        }
                        None => failed.set(true),
                    }
                });
            })
        };
        let on_remove = {
            let id = e.id.clone();
            let entries = entries.clone();
            Callback::from(move |_: MouseEvent| {
                let id = id.clone();
                let entries = entries.clone();
                yew::platform::spawn_local(async move {
                    autosave::forget(&id).await;
                    entries.set(autosave::recent().entries);
                });
            })
        };
        html! {
            <li key={e.id.clone()} class="recent-row">
                <button type="button" class="choice grow" onclick={on_open} disabled={current}>
                    <span class="choice-title">{ name.clone() }</span>
                    <span class="choice-meta">
                        { when(props.lang, e.saved_at) }{ " · " }
                        { fill(s.sample_resources, &[&e.resources.to_string()]) }{ " · " }{ e.format.name() }
                        if current { { " · " }<strong>{ s.recent_current }</strong> }
                    </span>
                </button>
                if !current {
                    <button type="button" class="icon-btn" aria-label={fill(s.recent_remove, &[&name])}
                        title={fill(s.recent_remove, &[&name])} onclick={on_remove}>
                        <UiIcon icon={Ui::Trash} size={14}/>
                    </button>
                }
            </li>
        }
    });
    html! {
        <Modal title={s.recent_title} close_label={s.close} on_close={props.on_close.clone()}>
            <p class="muted">{ s.recent_intro }</p>
            if entries.is_empty() {
                <p class="panel-note">{ s.recent_none }</p>
            } else {
                <ul class="choices">{ for rows }</ul>
            }
            if *failed {
                <p class="form-error" role="alert">{ s.recent_failed }</p>
            }
        </Modal>
    }
}

#[component(PasteDialog)]
pub fn paste_dialog(props: &FileDialogProps) -> Html {
    let s = props.lang.strings();
    let area = use_node_ref();
    let error = use_state_eq(|| None::<String>);
    let on_open = {
        let area = area.clone();
        let error = error.clone();
        let d = props.dispatch.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(text) = area
                .cast::<web_sys::HtmlTextAreaElement>()
                .map(|a| a.value())
            else {
                return;
            };
            match template::parse(&text) {
                Ok(_) => {
                    d.dispatch(Action::CloseDialog);
                    d.dispatch(Action::Files(FileAction::OpenText {
                        text,
                        name: String::new(),
                        scenario: None,
                    }));
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        })
    };
    let cancel = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };
    html! {
        <Modal title={s.paste_title} close_label={s.close} on_close={props.on_close.clone()}>
            <form class="paste-form" onsubmit={on_open}>
                <label class="field-label" for="paste-text">{ s.paste_intro }</label>
                <textarea id="paste-text" ref={area} class="paste-text" spellcheck="false" wrap="off"
                    placeholder={"AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  …"}/>
                if let Some(e) = &*error {
                    <p class="form-error" role="alert">{ e.clone() }</p>
                }
                <div class="dialog-actions">
                    <button type="button" class="btn" onclick={cancel}>{ s.paste_cancel }</button>
                    <button type="submit" class="btn btn-primary">{ s.paste_open }</button>
                </div>
            </form>
        </Modal>
    }
}

#[derive(Properties, PartialEq)]
pub struct ShareDialogProps {
    pub lang: Lang,
    pub on_close: Callback<()>,
    /// The link, or why there is none.
    pub link: Result<AttrValue, &'static str>,
}

#[component(ShareDialog)]
pub fn share_dialog(props: &ShareDialogProps) -> Html {
    let s = props.lang.strings();
    let copied = use_state_eq(|| None::<bool>);
    let copy = {
        let copied = copied.clone();
        let link = props.link.clone();
        move || {
            if let Ok(link) = &link {
                let link = link.clone();
                let copied = copied.clone();
                yew::platform::spawn_local(async move {
                    let ok = dom::copy_text(&link).await;
                    copied.set(Some(ok));
                    if ok {
                        Timeout::new(2500, move || copied.set(None)).forget();
                    }
                });
            }
        }
    };
    // Opening the dialog copies the link at once.
    {
        let copy = copy.clone();
        use_effect_with((), move |_| copy());
    }
    let on_copy = Callback::from(move |_: MouseEvent| copy());
    let body = match &props.link {
        Ok(link) => html! {
            <>
                <p>{ s.share_intro }</p>
                <div class="share-row">
                    <input class="text-input" readonly=true value={link.clone()} aria-label={s.share_link_label}
                        onfocus={Callback::from(|e: FocusEvent| {
                            if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() { i.select(); }
                        })}/>
                    <button type="button" class="btn btn-primary" onclick={on_copy}>
                        <UiIcon icon={Ui::Copy} size={14}/>{ s.share_copy }
                    </button>
                </div>
                <p class="muted small" role="status">
                    { match *copied {
                        Some(true) => s.share_copied,
                        Some(false) => s.share_copy_failed,
                        None => "",
                    } }
                </p>
                <p class="muted small">{ fill(s.share_size, &[&format!("{:.1}", link.len() as f64 / 1024.0)]) }</p>
            </>
        },
        Err(why) => html! {
            <p class="share-too-long" role="alert"><UiIcon icon={Ui::Warning} size={16}/>{ *why }</p>
        },
    };
    html! {
        <Modal title={s.share_title} close_label={s.close} on_close={props.on_close.clone()}>
            { body }
        </Modal>
    }
}
