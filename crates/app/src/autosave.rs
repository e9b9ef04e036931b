//! Autosave: every change of the document is stored in the browser's IndexedDB within
//! half a second, and once more, synchronously in local storage, when the page is
//! hidden or closed; reopening the page restores the newest. Each document is one
//! record (`formwork_core::autosave::Record`) under its own key; the recent list says
//! which ones there are.
//!
//! Keys of the `kv` store: `doc:<id>` (a record), `recent` (the list), `current` (the
//! id of the document last worked on).

use std::cell::RefCell;

use formwork_core::autosave::{self, Recent, Record};
use gloo::timers::callback::Timeout;
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use yew::AttrValue;

use crate::dom::perf;
use crate::state::AppState;

const DB_NAME: &str = "formwork";
const STORE: &str = "kv";
/// The local-storage key of the record written as the page closes.
const RESCUE_KEY: &str = "formwork.autosave.rescue";
/// How long after a change the record is written: changes in between go with it.
const DELAY_MS: u32 = 400;
/// Local storage holds about five million characters per site; a rescue copy larger
/// than this is not attempted (IndexedDB has the last regular save).
const RESCUE_MAX_CHARS: usize = 4_000_000;

/// What is stored of the document, taken when it changes and written a little later.
#[derive(Clone)]
struct Snapshot {
    id: String,
    name: String,
    format: formwork_core::template::Format,
    dirty: bool,
    text: AttrValue,
    draft: Option<AttrValue>,
    scenario: Option<AttrValue>,
    resources: usize,
}

impl Snapshot {
    fn record(&self) -> Record {
        Record {
            id: self.id.clone(),
            name: self.name.clone(),
            format: self.format,
            saved_at: js_sys::Date::now(),
            dirty: self.dirty,
            text: self.text.to_string(),
            draft: self.draft.as_ref().map(|d| d.to_string()),
            scenario: self.scenario.as_ref().map(|d| d.to_string()),
        }
    }
}

#[derive(Default)]
struct Saver {
    /// The latest snapshot not yet written.
    pending: Option<Snapshot>,
    timer: Option<Timeout>,
    /// The code pane's text typed since its last update of the document.
    typing: Option<(String, AttrValue)>,
    recent: Recent,
    /// The recent list has been read from storage (it is never written before).
    loaded: bool,
    /// The id last stored as the current document.
    current: String,
}

thread_local! {
    static SAVER: RefCell<Saver> = RefCell::new(Saver::default());
    static DB: RefCell<Option<web_sys::IdbDatabase>> = const { RefCell::new(None) };
}

/// Whether the document is worth keeping: anything but a new, untouched one (a
/// scenario of its own counts as a touch).
fn worth_keeping(state: &AppState) -> bool {
    !state.file.name.is_empty()
        || state.view.revision > 0
        || state.current_draft().is_some()
        || state.scenario.text.is_some()
}

fn snapshot(state: &AppState) -> Snapshot {
    let typing = SAVER.with(|s| {
        s.borrow()
            .typing
            .as_ref()
            .filter(|(id, _)| *id == state.file.id)
            .map(|(_, t)| t.clone())
    });
    let draft = typing.or_else(|| state.current_draft().map(|d| d.text.clone()));
    Snapshot {
        id: state.file.id.clone(),
        name: state.file.name.clone(),
        format: state.view.format,
        dirty: state.file.dirty(state.view.revision) || draft.is_some(),
        // The view's text may be a frame behind the document: then written now.
        text: if state.view.is_complete() {
            state.view.text.clone()
        } else {
            AttrValue::from(state.text_in(state.view.format))
        },
        draft,
        scenario: state.scenario.text.clone(),
        resources: state.view.resources,
    }
}

/// Notes a change of the document: it is written within [`DELAY_MS`].
pub fn changed(state: &AppState) {
    if !worth_keeping(state) {
        // A new, untouched document: the next visit starts with it, not with the one
        // before (which stays in the recent list).
        let id = state.file.id.clone();
        let (earlier, moved) = SAVER.with(|s| {
            let mut s = s.borrow_mut();
            let moved = s.loaded && s.current != id;
            if moved {
                s.current = id.clone();
            }
            (s.pending.take(), moved)
        });
        yew::platform::spawn_local(async move {
            if let Some(e) = earlier {
                write(e).await;
            }
            if moved {
                SAVER.with(|s| s.borrow_mut().current = id.clone());
                let _ = transact(&[("current".to_string(), id)], &[]).await;
                if let Some(storage) = local_storage() {
                    let _ = storage.remove_item(RESCUE_KEY);
                }
            }
        });
        return;
    }
    let snap = snapshot(state);
    let earlier = SAVER.with(|s| {
        let mut s = s.borrow_mut();
        // Another document's unwritten change goes now, before this one replaces it.
        let earlier = s.pending.take().filter(|p| p.id != snap.id);
        s.pending = Some(snap);
        if s.timer.is_none() {
            perf::mark("fw-autosave-start");
            s.timer = Some(Timeout::new(DELAY_MS, || {
                SAVER.with(|s| s.borrow_mut().timer = None);
                yew::platform::spawn_local(flush());
            }));
        }
        earlier
    });
    if let Some(e) = earlier {
        yew::platform::spawn_local(write(e));
    }
}

/// The code pane's text while it is being typed (before it updates the document), so
/// a page closed mid-word keeps it; `None` once it has been applied.
pub fn typing(state_id: &str, text: Option<AttrValue>) {
    SAVER.with(|s| s.borrow_mut().typing = text.map(|t| (state_id.to_string(), t)));
}

/// Writes the pending snapshot now.
async fn flush() {
    let Some(snap) = SAVER.with(|s| s.borrow_mut().pending.take()) else {
        return;
    };
    write(snap).await;
}

async fn write(snap: Snapshot) {
    let record = snap.record();
    let entry = record.entry(snap.resources);
    let evicted = SAVER.with(|s| {
        let mut s = s.borrow_mut();
        s.current = record.id.clone();
        s.recent.touch(entry)
    });
    let recent = SAVER.with(|s| s.borrow().recent.encode());
    let mut puts = vec![
        (format!("doc:{}", record.id), record.encode()),
        ("current".to_string(), record.id.clone()),
    ];
    // Before the list is read, writing it would forget the older documents.
    if SAVER.with(|s| s.borrow().loaded) {
        puts.push(("recent".to_string(), recent));
    }
    let deletes: Vec<String> = evicted.into_iter().map(|id| format!("doc:{id}")).collect();
    if transact(&puts, &deletes).await.is_ok() {
        perf::measure("fw-autosave", "fw-autosave-start");
        perf::clear("fw-autosave-start");
        // The regular save supersedes the one made in haste.
        if let Some(storage) = local_storage() {
            let _ = storage.remove_item(RESCUE_KEY);
        }
    }
}

/// Writes the document at once, synchronously in local storage (the page is going
/// away and may not finish anything asynchronous), and to IndexedDB as far as it gets.
pub fn rescue(state: &AppState) {
    if !worth_keeping(state) {
        if let Some(storage) = local_storage() {
            let _ = storage.remove_item(RESCUE_KEY);
        }
        return;
    }
    let snap = snapshot(state);
    let record = snap.record();
    let text = record.encode();
    if text.len() <= RESCUE_MAX_CHARS
        && let Some(storage) = local_storage()
    {
        let _ = storage.set_item(RESCUE_KEY, &text);
    }
    SAVER.with(|s| {
        let mut s = s.borrow_mut();
        s.pending = None;
        s.timer = None;
    });
    yew::platform::spawn_local(write(snap));
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The document to start with: the newer of the last regular save and the copy made
/// as the page closed. Also reads the recent list.
pub async fn load_current() -> Option<Record> {
    let recent = get("recent").await.and_then(|t| Recent::decode(&t).ok());
    SAVER.with(|s| {
        let mut s = s.borrow_mut();
        if let Some(r) = recent {
            // Entries saved before the list was read stay on top.
            let mut merged = r;
            for e in s.recent.entries.iter().rev() {
                merged.touch(e.clone());
            }
            s.recent = merged;
        }
        s.loaded = true;
    });
    let stored = match get("current").await {
        Some(id) => get(&format!("doc:{id}"))
            .await
            .and_then(|t| Record::decode(&t).ok()),
        None => None,
    };
    let rescued = local_storage()
        .and_then(|s| s.get_item(RESCUE_KEY).ok().flatten())
        .and_then(|t| Record::decode(&t).ok());
    autosave::newest(stored, rescued)
}

/// The recent documents, most recent first.
pub fn recent() -> Recent {
    SAVER.with(|s| s.borrow().recent.clone())
}

/// Reads one stored document.
pub async fn load(id: &str) -> Option<Record> {
    get(&format!("doc:{id}"))
        .await
        .and_then(|t| Record::decode(&t).ok())
}

/// Removes a document from the recent list and the store.
pub async fn forget(id: &str) {
    SAVER.with(|s| s.borrow_mut().recent.remove(id));
    let recent = SAVER.with(|s| s.borrow().recent.encode());
    let _ = transact(&[("recent".to_string(), recent)], &[format!("doc:{id}")]).await;
}

// IndexedDB, through promises.

/// A promise settled by a request's success (with its result) or error.
fn request_done(req: &web_sys::IdbRequest) -> js_sys::Promise {
    let req = req.clone();
    js_sys::Promise::new(&mut |resolve, reject| {
        let r = req.clone();
        let ok = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &r.result().unwrap_or(JsValue::UNDEFINED));
        });
        let err = Closure::once_into_js(move || {
            let _ = reject.call0(&JsValue::NULL);
        });
        req.set_onsuccess(Some(ok.unchecked_ref()));
        req.set_onerror(Some(err.unchecked_ref()));
    })
}

async fn db() -> Option<web_sys::IdbDatabase> {
    if let Some(db) = DB.with(|d| d.borrow().clone()) {
        return Some(db);
    }
    let factory = web_sys::window()?.indexed_db().ok()??;
    let open = factory.open_with_u32(DB_NAME, 1).ok()?;
    let upgrade = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        let db = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::IdbOpenDbRequest>().ok())
            .and_then(|r| r.result().ok())
            .and_then(|r| r.dyn_into::<web_sys::IdbDatabase>().ok());
        if let Some(db) = db
            && !db.object_store_names().contains(STORE)
        {
            let _ = db.create_object_store(STORE);
        }
    });
    open.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let result = JsFuture::from(request_done(&open)).await;
    drop(upgrade);
    let db: web_sys::IdbDatabase = result.ok()?.dyn_into().ok()?;
    DB.with(|d| *d.borrow_mut() = Some(db.clone()));
    Some(db)
}

async fn get(key: &str) -> Option<String> {
    let db = db().await?;
    let tx = db.transaction_with_str(STORE).ok()?;
    let req = tx
        .object_store(STORE)
        .ok()?
        .get(&JsValue::from_str(key))
        .ok()?;
    JsFuture::from(request_done(&req)).await.ok()?.as_string()
}

/// Puts and deletes in one transaction; resolves when it is committed.
async fn transact(puts: &[(String, String)], deletes: &[String]) -> Result<(), JsValue> {
    let db = db().await.ok_or("no IndexedDB")?;
    let tx = db.transaction_with_str_and_mode(STORE, web_sys::IdbTransactionMode::Readwrite)?;
    let store = tx.object_store(STORE)?;
    for (k, v) in puts {
        store.put_with_key(&JsValue::from_str(v), &JsValue::from_str(k))?;
    }
    for k in deletes {
        store.delete(&JsValue::from_str(k))?;
    }
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let ok = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let reject2 = reject.clone();
        let err = Closure::once_into_js(move || {
            let _ = reject.call0(&JsValue::NULL);
        });
        let abort = Closure::once_into_js(move || {
            let _ = reject2.call0(&JsValue::NULL);
        });
        tx.set_oncomplete(Some(ok.unchecked_ref()));
        tx.set_onerror(Some(err.unchecked_ref()));
        tx.set_onabort(Some(abort.unchecked_ref()));
    });
    JsFuture::from(promise).await.map(drop)
}
