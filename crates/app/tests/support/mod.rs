//! What the component tests share: mounting the real app as a first visit would see
//! it, and reading its DOM.
//!
//! Each test starts from a clean slate. Autosave keeps the document in IndexedDB and
//! restores it when the app starts, so a test would otherwise open with the boxes the
//! test before it drew. And a test that panics never runs its destructors (WebAssembly
//! aborts), so its app would stay mounted and keep answering window-wide shortcuts:
//! the next mount takes it down first.

use std::cell::RefCell;

use formwork_app::app::App;
use formwork_app::autosave;
use formwork_app::i18n::STORAGE_KEY;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlTextAreaElement};
use yew::AppHandle;

/// Longer than autosave waits after a change before it writes (400 ms), plus the write.
const AUTOSAVE_SETTLE_MS: i32 = 600;

thread_local! {
    /// The mounted app, if any: here rather than in [`Mounted`] so that it can be
    /// taken down even when the test that mounted it panicked.
    static LIVE: RefCell<Option<(AppHandle<App>, Element)>> = const { RefCell::new(None) };
}

/// The app mounted into a div of the test page; unmounted when dropped.
pub struct Mounted {
    pub root: Element,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        unmount();
    }
}

fn unmount() {
    if let Some((handle, root)) = LIVE.with(|l| l.borrow_mut().take()) {
        handle.destroy();
        root.remove();
    }
}

pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        gloo::utils::window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits until what an edit or a selection leaves for after its frame is done (the
/// text, the findings, the panels): an animation frame, a task, and Yew's renders.
pub async fn settled() {
    // The render first, which asks for the task after its frame before this does.
    yew::scheduler::flush().await;
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let window = gloo::utils::window();
        let frame = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = gloo::utils::window()
                .set_timeout_with_callback_and_timeout_and_arguments_0(resolve.unchecked_ref(), 0);
        });
        window
            .request_animation_frame(frame.unchecked_ref())
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    yew::scheduler::flush().await;
}

/// Forgets every stored document and everything in local storage (the rescue copy
/// autosave writes as a page closes among it), so that the app starts empty.
async fn forget_stored_state() {
    // A change made just before the last test ended is still to be written.
    sleep(AUTOSAVE_SETTLE_MS).await;
    // Reads the stored recent list too, so that it names every stored document.
    let _ = autosave::load_current().await;
    for entry in autosave::recent().entries {
        autosave::forget(&entry.id).await;
    }
    gloo::utils::window()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear()
        .unwrap();
    assert!(
        autosave::load_current().await.is_none(),
        "a stored document would be restored into the app under test"
    );
}

/// Mounts the app in language `lang`, as a first visit would see it.
pub async fn mount(lang: &str) -> Mounted {
    unmount();
    forget_stored_state().await;
    gloo::utils::window()
        .local_storage()
        .unwrap()
        .unwrap()
        .set_item(STORAGE_KEY, lang)
        .unwrap();
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    root.set_attribute("style", "position:fixed;inset:0;width:1280px;height:800px")
        .unwrap();
    gloo::utils::body().append_child(&root).unwrap();
    let handle = yew::Renderer::<App>::with_root(root.clone()).render();
    LIVE.with(|l| *l.borrow_mut() = Some((handle, root.clone())));
    yew::scheduler::flush().await;
    // The canvas measures itself (ResizeObserver) before anything is placed in it.
    sleep(50).await;
    yew::scheduler::flush().await;
    Mounted { root }
}

impl Mounted {
    pub fn q(&self, selector: &str) -> Element {
        self.root
            .query_selector(selector)
            .unwrap()
            .unwrap_or_else(|| panic!("nothing matches {selector}"))
    }

    pub fn q_opt(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).unwrap()
    }

    pub fn all(&self, selector: &str) -> Vec<Element> {
        let list = self.root.query_selector_all(selector).unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<Element>().ok())
            .collect()
    }

    /// The button whose visible text is exactly `text`.
    pub fn button(&self, text: &str) -> HtmlElement {
        self.all("button")
            .into_iter()
            .find(|b| b.text_content().unwrap_or_default().trim() == text)
            .unwrap_or_else(|| panic!("no button {text:?}"))
            .unchecked_into()
    }

    /// The whole template as the code pane shows it: the text of its editor.
    pub fn code(&self) -> String {
        self.q(".template-region textarea[aria-label='Template source']")
            .unchecked_into::<HtmlTextAreaElement>()
            .value()
    }
}
