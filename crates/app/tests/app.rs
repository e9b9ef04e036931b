//! Component tests: the real app rendered into a div in headless Chromium, driven
//! through the DOM the way a person (or the end-to-end tests) would.

#![cfg(target_arch = "wasm32")]

use formwork_app::app::App;
use formwork_app::i18n::STORAGE_KEY;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yew::AppHandle;

wasm_bindgen_test_configure!(run_in_browser);

struct Mounted {
    handle: Option<AppHandle<App>>,
    root: Element,
}

impl Mounted {
    fn q(&self, selector: &str) -> Element {
        self.root
            .query_selector(selector)
            .unwrap()
            .unwrap_or_else(|| panic!("nothing matches {selector}"))
    }

    fn q_opt(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).unwrap()
    }

    fn all(&self, selector: &str) -> Vec<Element> {
        let list = self.root.query_selector_all(selector).unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<Element>().ok())
            .collect()
    }

    /// The button whose visible text is exactly `text`.
    fn button(&self, text: &str) -> HtmlElement {
        self.all("button")
            .into_iter()
            .find(|b| b.text_content().unwrap_or_default().trim() == text)
            .unwrap_or_else(|| panic!("no button {text:?}"))
            .unchecked_into()
    }

    fn text(&self, selector: &str) -> String {
        self.q(selector).text_content().unwrap_or_default()
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        if let Some(h) = self.handle.take() {
            h.destroy();
        }
        self.root.remove();
    }
}

async fn mount(lang: &str) -> Mounted {
    let window = gloo::utils::window();
    window
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
    yew::scheduler::flush().await;
    Mounted {
        handle: Some(handle),
        root,
    }
}

fn click(el: &Element) {
    el.unchecked_ref::<HtmlElement>().click();
}

fn key(el: &Element, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let e = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    el.dispatch_event(&e).unwrap();
}

fn active_element() -> Option<Element> {
    gloo::utils::document().active_element()
}

#[wasm_bindgen_test]
async fn landmarks_and_viewport_are_there() {
    let app = mount("en").await;
    app.q("aside[aria-label='Resource palette']");
    app.q("section[aria-label='Canvas'] svg");
    app.q("aside[aria-label='Inspector']");
    app.q("[role=tabpanel] section[aria-label='Template']");
    let viewport = app.q("g[data-testid=viewport]");
    assert_eq!(
        viewport.get_attribute("transform").as_deref(),
        Some("translate(0 0) scale(1)")
    );
    for menu in ["File", "Edit", "View", "Simulate", "Help"] {
        let b = app.button(menu);
        assert_eq!(b.get_attribute("aria-haspopup").as_deref(), Some("menu"));
        assert_eq!(b.get_attribute("aria-expanded").as_deref(), Some("false"));
    }
    assert!(
        app.text(".canvas-empty")
            .contains("Drag a resource from the palette")
    );
    assert!(app.text(".code-text").contains("AWSTemplateFormatVersion"));
}

#[wasm_bindgen_test]
async fn clicking_a_menu_button_opens_its_menu() {
    let app = mount("en").await;
    assert!(app.q_opt("[role=menu]").is_none());
    click(&app.button("View"));
    yew::scheduler::flush().await;
    let menu = app.q("[role=menu]");
    assert_eq!(
        menu.get_attribute("aria-labelledby").as_deref(),
        Some("menu-view-button")
    );
    assert_eq!(
        app.button("View").get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    let items: Vec<String> = app
        .all("[role=menu] [role=menuitem]")
        .iter()
        .map(|i| i.text_content().unwrap_or_default())
        .collect();
    assert!(items.iter().any(|t| t.starts_with("Zoom in")), "{items:?}");
    assert!(
        items.iter().any(|t| t.starts_with("Fit to screen")),
        "{items:?}"
    );
    assert!(items.iter().any(|t| t == "Hide palette"), "{items:?}");

    // Escape closes it and gives focus back to the button.
    key(&menu, "Escape");
    yew::scheduler::flush().await;
    assert!(app.q_opt("[role=menu]").is_none());
    assert_eq!(
        active_element().map(|e| e.id()).as_deref(),
        Some("menu-view-button")
    );

    // ArrowDown opens it from the keyboard with the first item focused.
    key(&app.button("Help"), "ArrowDown");
    yew::scheduler::flush().await;
    let first = app.q("[role=menu] [role=menuitem]");
    assert_eq!(active_element(), Some(first.clone()));
    assert_eq!(first.text_content().as_deref(), Some("Keyboard shortcuts"));
    // ArrowUp from the first item wraps to the last.
    key(&first, "ArrowUp");
    let last = app.all("[role=menu] [role=menuitem]").pop().unwrap();
    assert_eq!(active_element(), Some(last));
}

#[wasm_bindgen_test]
async fn menu_items_act() {
    let app = mount("en").await;
    click(&app.button("View"));
    yew::scheduler::flush().await;
    click(&app.button("Hide palette"));
    yew::scheduler::flush().await;
    assert!(app.q_opt("aside[aria-label='Resource palette']").is_none());
    assert!(app.q_opt("[role=menu]").is_none());

    click(&app.button("Help"));
    yew::scheduler::flush().await;
    click(&app.button("About Formwork"));
    yew::scheduler::flush().await;
    let dialog = app.q("[role=dialog]");
    assert!(
        dialog
            .text_content()
            .unwrap()
            .contains(env!("CARGO_PKG_VERSION"))
    );
    key(&dialog, "Escape");
    yew::scheduler::flush().await;
    assert!(app.q_opt("[role=dialog]").is_none());

    // A menu with nothing working yet says so, disabled.
    click(&app.button("Simulate"));
    yew::scheduler::flush().await;
    let note = app.q("[role=menu] [role=menuitem]");
    assert_eq!(note.get_attribute("aria-disabled").as_deref(), Some("true"));
}

#[wasm_bindgen_test]
async fn zoom_buttons_change_the_readout_and_transform() {
    let app = mount("en").await;
    let readout = "[aria-label='Zoom level']";
    assert_eq!(app.text(readout), "100%");
    click(&app.q("button[aria-label='Zoom in']"));
    yew::scheduler::flush().await;
    assert_eq!(app.text(readout), "110%");
    click(&app.q("button[aria-label='Zoom in']"));
    yew::scheduler::flush().await;
    assert_eq!(app.text(readout), "125%");
    let t = app
        .q("g[data-testid=viewport]")
        .get_attribute("transform")
        .unwrap();
    assert!(t.ends_with("scale(1.25)"), "{t}");
    click(&app.q("button[aria-label='Zoom out']"));
    yew::scheduler::flush().await;
    assert_eq!(app.text(readout), "110%");
    click(&app.q("button[aria-label='Reset zoom']"));
    yew::scheduler::flush().await;
    assert_eq!(app.text(readout), "100%");
}

#[wasm_bindgen_test]
async fn language_switch_renames_the_landmarks() {
    let app = mount("en").await;
    let select: web_sys::HtmlSelectElement =
        app.q("select[aria-label='Language']").unchecked_into();
    select.set_value("ko");
    select
        .dispatch_event(
            &web_sys::Event::new_with_event_init_dict("change", &{
                let i = web_sys::EventInit::new();
                i.set_bubbles(true);
                i
            })
            .unwrap(),
        )
        .unwrap();
    yew::scheduler::flush().await;
    app.q("aside[aria-label='리소스 팔레트']");
    app.q("section[aria-label='캔버스']");
    app.q("aside[aria-label='속성']");
    app.q("select[aria-label='언어']");
    app.button("파일");
    app.button("도움말");
    assert_eq!(app.text("[aria-label='배율']"), "100%");
    let html = gloo::utils::document().document_element().unwrap();
    assert_eq!(html.get_attribute("lang").as_deref(), Some("ko"));
    let stored = gloo::utils::window()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item(STORAGE_KEY)
        .unwrap();
    assert_eq!(stored.as_deref(), Some("ko"));
}

#[wasm_bindgen_test]
async fn palette_places_resources_and_the_template_follows() {
    let app = mount("en").await;
    click(&app.q("button[aria-label='AWS::EC2::VPC']"));
    yew::scheduler::flush().await;
    let node = app.q("g.node");
    assert_eq!(node.get_attribute("data-id").as_deref(), Some("EC2VPC"));
    assert!(node.get_attribute("class").unwrap().contains("selected"));
    assert!(app.q_opt(".canvas-empty").is_none());
    assert!(app.text(".code-text").contains("EC2VPC:"));
    assert!(app.text(".code-text").contains("Type: AWS::EC2::VPC"));
    assert_eq!(app.text(".statusbar .status-item"), "1 resource");
    assert!(app.text("aside[aria-label='Inspector']").contains("EC2VPC"));

    // Search narrows the palette.
    let search: web_sys::HtmlInputElement = app.q("input[type=search]").unchecked_into();
    search.set_value("dynamodb");
    search
        .dispatch_event(&web_sys::InputEvent::new("input").unwrap())
        .unwrap();
    yew::scheduler::flush().await;
    let entries = app.all(".palette-item");
    assert_eq!(entries.len(), 1);
    assert_eq!(
        entries[0].get_attribute("aria-label").as_deref(),
        Some("AWS::DynamoDB::Table")
    );

    // Delete from the inspector empties the canvas again.
    click(&app.button("Delete resource"));
    yew::scheduler::flush().await;
    assert!(app.q_opt("g.node").is_none());
    app.q(".canvas-empty");
}

#[wasm_bindgen_test]
async fn bottom_tabs_switch_panels() {
    let app = mount("en").await;
    let tab = app.q("#tab-problems");
    assert_eq!(tab.get_attribute("role").as_deref(), Some("tab"));
    click(&tab);
    yew::scheduler::flush().await;
    assert_eq!(
        app.q("#tab-problems")
            .get_attribute("aria-selected")
            .as_deref(),
        Some("true")
    );
    assert_eq!(
        app.q("[role=tabpanel]")
            .get_attribute("aria-labelledby")
            .as_deref(),
        Some("tab-problems")
    );
    key(&app.q("#tab-problems"), "ArrowRight");
    yew::scheduler::flush().await;
    assert_eq!(
        app.q("#tab-simulation")
            .get_attribute("aria-selected")
            .as_deref(),
        Some("true")
    );
}
