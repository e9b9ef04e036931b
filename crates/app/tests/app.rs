//! Component tests: the real app rendered into a div in headless Chromium, driven
//! through the DOM the way a person (or the end-to-end tests) would.

#![cfg(target_arch = "wasm32")]

mod support;

use formwork_app::i18n::STORAGE_KEY;
use support::{Mounted, mount, settled, sleep};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

impl Mounted {
    fn text(&self, selector: &str) -> String {
        self.q(selector).text_content().unwrap_or_default()
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
    // The code pane holds the template, editable.
    let source = app.q("[role=tabpanel] section[aria-label='Template'] textarea");
    assert_eq!(
        source.get_attribute("aria-label").as_deref(),
        Some("Template source")
    );
    assert!(app.code().contains("AWSTemplateFormatVersion"));
}

#[wasm_bindgen_test]
async fn clicking_a_menu_button_opens_its_menu() {
    let app = mount("en").await;
    assert!(app.q_opt("[role=menu]").is_none());
    click(&app.button("View"));
    settled().await;
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
    settled().await;
    assert!(app.q_opt("[role=menu]").is_none());
    assert_eq!(
        active_element().map(|e| e.id()).as_deref(),
        Some("menu-view-button")
    );

    // ArrowDown opens it from the keyboard with the first item focused.
    key(&app.button("Help"), "ArrowDown");
    settled().await;
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
    settled().await;
    click(&app.button("Hide palette"));
    settled().await;
    assert!(app.q_opt("aside[aria-label='Resource palette']").is_none());
    assert!(app.q_opt("[role=menu]").is_none());

    click(&app.button("Help"));
    settled().await;
    click(&app.button("About Formwork"));
    settled().await;
    let dialog = app.q("[role=dialog]");
    assert!(
        dialog
            .text_content()
            .unwrap()
            .contains(env!("CARGO_PKG_VERSION"))
    );
    key(&dialog, "Escape");
    settled().await;
    assert!(app.q_opt("[role=dialog]").is_none());

    // A menu with nothing working yet says so, disabled.
    click(&app.button("Simulate"));
    settled().await;
    let note = app.q("[role=menu] [role=menuitem]");
    assert_eq!(note.get_attribute("aria-disabled").as_deref(), Some("true"));
}

#[wasm_bindgen_test]
async fn zoom_buttons_change_the_readout_and_transform() {
    let app = mount("en").await;
    let readout = "[aria-label='Zoom level']";
    assert_eq!(app.text(readout), "100%");
    click(&app.q("button[aria-label='Zoom in']"));
    settled().await;
    assert_eq!(app.text(readout), "110%");
    click(&app.q("button[aria-label='Zoom in']"));
    settled().await;
    assert_eq!(app.text(readout), "125%");
    let t = app
        .q("g[data-testid=viewport]")
        .get_attribute("transform")
        .unwrap();
    assert!(t.ends_with("scale(1.25)"), "{t}");
    click(&app.q("button[aria-label='Zoom out']"));
    settled().await;
    assert_eq!(app.text(readout), "110%");
    click(&app.q("button[aria-label='Reset zoom']"));
    settled().await;
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
    settled().await;
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
    settled().await;
    let node = app.q("g.shape");
    assert_eq!(node.get_attribute("data-id").as_deref(), Some("Vpc"));
    assert_eq!(node.get_attribute("aria-label").as_deref(), Some("Vpc"));
    assert!(node.get_attribute("class").unwrap().contains("selected"));
    assert!(app.q_opt(".canvas-empty").is_none());
    let code = app.code();
    assert!(code.contains("Resources:\n  Vpc:\n"), "{code}");
    assert!(code.contains("Type: AWS::EC2::VPC"), "{code}");
    assert!(code.contains("CidrBlock: 10.0.0.0/16"), "{code}");
    assert_eq!(app.text(".statusbar .status-item"), "1 resource");
    assert!(app.text("aside[aria-label='Inspector']").contains("Vpc"));

    // Search narrows the palette.
    let search: web_sys::HtmlInputElement = app.q("input[type=search]").unchecked_into();
    search.set_value("dynamodb");
    search
        .dispatch_event(&web_sys::InputEvent::new("input").unwrap())
        .unwrap();
    settled().await;
    let entries = app.all(".palette-item");
    assert_eq!(entries.len(), 1);
    assert_eq!(
        entries[0].get_attribute("aria-label").as_deref(),
        Some("AWS::DynamoDB::Table")
    );

    // Delete from the inspector empties the canvas again.
    click(&app.button("Delete resource"));
    settled().await;
    assert!(app.q_opt("g.shape").is_none());
    app.q(".canvas-empty");
}

#[wasm_bindgen_test]
async fn bottom_tabs_switch_panels() {
    let app = mount("en").await;
    let tab = app.q("#tab-problems");
    assert_eq!(tab.get_attribute("role").as_deref(), Some("tab"));
    click(&tab);
    settled().await;
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
    settled().await;
    assert_eq!(
        app.q("#tab-simulation")
            .get_attribute("aria-selected")
            .as_deref(),
        Some("true")
    );
}

/// Sends a pointer event of `kind` at a client point to `target`, as a mouse would.
fn pointer(target: &Element, kind: &str, x: f64, y: f64, buttons: u16) {
    let init = web_sys::PointerEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_composed(true);
    init.set_client_x(x as i32);
    init.set_client_y(y as i32);
    init.set_pointer_id(1);
    init.set_pointer_type("mouse");
    init.set_is_primary(true);
    init.set_button(if kind == "pointermove" { -1 } else { 0 });
    init.set_buttons(buttons);
    let e = web_sys::PointerEvent::new_with_event_init_dict(kind, &init).unwrap();
    target.dispatch_event(&e).unwrap();
}

fn center(el: &Element) -> (f64, f64) {
    let r = el.get_bounding_client_rect();
    (r.left() + r.width() / 2.0, r.top() + r.height() / 2.0)
}

/// Drags from one element's centre to a client point, in steps, through the canvas.
async fn drag(app: &Mounted, from: &Element, to: (f64, f64)) {
    let svg = app.q("svg#fw-canvas");
    let (x, y) = center(from);
    pointer(from, "pointerdown", x, y, 1);
    for i in 1..=8 {
        let t = i as f64 / 8.0;
        pointer(
            &svg,
            "pointermove",
            x + (to.0 - x) * t,
            y + (to.1 - y) * t,
            1,
        );
    }
    pointer(&svg, "pointerup", to.0, to.1, 0);
    settled().await;
}

fn undo_label(app: &Mounted) -> String {
    app.q(".canvas-toolbar button")
        .get_attribute("aria-label")
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn dragging_a_box_moves_it_in_one_undoable_step() {
    let app = mount("en").await;
    click(&app.q("button[aria-label='AWS::SQS::Queue']"));
    settled().await;
    let card = app.q("g.shape[data-id=Queue]");
    let before = card.get_attribute("transform").unwrap();
    let (x, y) = center(&card);
    drag(&app, &card, (x + 160.0, y + 96.0)).await;
    let after = app
        .q("g.shape[data-id=Queue]")
        .get_attribute("transform")
        .unwrap();
    assert_ne!(before, after);
    assert_eq!(undo_label(&app), "Undo Move");
    // Moved on the grid, and written to the template as Designer metadata.
    let code = app.code();
    assert!(code.contains("AWS::CloudFormation::Designer"), "{code}");
    click(&app.q(".canvas-toolbar button"));
    settled().await;
    assert_eq!(
        app.q("g.shape[data-id=Queue]").get_attribute("transform"),
        Some(before)
    );
}

/// Mounts the app styled as on the site, with the canvas as large as the test
/// window allows (no inspector, no bottom panel): for tests that hit-test the canvas.
async fn mount_styled() -> Mounted {
    let document = gloo::utils::document();
    if document.get_element_by_id("fw-test-style").is_none() {
        let style = document.create_element("style").unwrap();
        style.set_id("fw-test-style");
        style.set_text_content(Some(include_str!("../../../web/style.css")));
        document.head().unwrap().append_child(&style).unwrap();
    }
    let app = mount("en").await;
    for item in ["Hide inspector", "Hide bottom panel"] {
        click(&app.button("View"));
        settled().await;
        click(&app.button(item));
        settled().await;
    }
    sleep(50).await;
    settled().await;
    app
}

#[wasm_bindgen_test]
async fn dragging_from_a_port_connects_two_boxes() {
    let app = mount_styled().await;
    click(&app.q("button[aria-label='AWS::EC2::VPC']"));
    settled().await;
    click(&app.q("button[aria-label='AWS::EC2::InternetGateway']"));
    settled().await;
    // The selected box shows its ports.
    let port = app.q("g.ports[data-port-for=InternetGateway] [data-port=connect] .port-dot");
    let target = center(&app.q("g.shape[data-id=Vpc] .container-body"));
    drag(&app, &port, target).await;
    let edge = app.q("g.edge.edge-glue");
    assert_eq!(
        edge.get_attribute("data-from").as_deref(),
        Some("InternetGateway")
    );
    assert_eq!(edge.get_attribute("data-to").as_deref(), Some("Vpc"));
    assert!(edge.text_content().unwrap().contains("GatewayAttachment"));
    assert_eq!(undo_label(&app), "Undo Connect");
}

#[wasm_bindgen_test]
async fn the_context_menu_offers_what_a_box_can_do() {
    let app = mount("en").await;
    click(&app.q("button[aria-label='AWS::S3::Bucket']"));
    settled().await;
    let card = app.q("g.shape[data-id=Bucket]");
    let (x, y) = center(&card);
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_client_x(x as i32);
    init.set_client_y(y as i32);
    init.set_button(2);
    let e = web_sys::MouseEvent::new_with_mouse_event_init_dict("contextmenu", &init).unwrap();
    card.dispatch_event(&e).unwrap();
    settled().await;
    let menu = app.q("[role=menu][aria-label='Context menu']");
    let items: Vec<String> = app
        .all("[role=menu][aria-label='Context menu'] [role=menuitem]")
        .iter()
        .map(|i| i.text_content().unwrap_or_default())
        .collect();
    assert!(
        items.iter().any(|t| t.starts_with("Properties")),
        "{items:?}"
    );
    assert!(
        items.iter().any(|t| t.starts_with("Duplicate")),
        "{items:?}"
    );
    assert!(items.iter().any(|t| t.starts_with("Delete")), "{items:?}");
    let docs = app.q("[role=menu] a[role=menuitem]");
    assert!(
        docs.get_attribute("href")
            .unwrap()
            .contains("aws-resource-s3-bucket")
    );
    // Duplicate from the menu: a copy beside it, selected.
    let duplicate = app
        .all("[role=menu] button[role=menuitem]")
        .into_iter()
        .find(|b| {
            b.text_content()
                .unwrap_or_default()
                .starts_with("Duplicate")
        })
        .unwrap();
    click(&duplicate);
    settled().await;
    assert!(
        app.q_opt("[role=menu][aria-label='Context menu']")
            .is_none()
    );
    let copy = app.q("g.shape[data-id=Bucket2]");
    assert_eq!(copy.get_attribute("aria-pressed").as_deref(), Some("true"));
    drop(menu);
}

#[wasm_bindgen_test]
async fn keyboard_shortcuts_edit_the_selection() {
    let app = mount("en").await;
    click(&app.q("button[aria-label='AWS::SNS::Topic']"));
    settled().await;
    let card = app.q("g.shape[data-id=Topic]");
    let before = card.get_attribute("transform").unwrap();
    key(&card, "ArrowRight");
    settled().await;
    assert_ne!(
        app.q("g.shape[data-id=Topic]")
            .get_attribute("transform")
            .unwrap(),
        before
    );
    key(&app.q("g.shape[data-id=Topic]"), "Delete");
    settled().await;
    assert!(app.q_opt("g.shape[data-id=Topic]").is_none());
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("z");
    init.set_ctrl_key(true);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let e = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    gloo::utils::body().dispatch_event(&e).unwrap();
    settled().await;
    app.q("g.shape[data-id=Topic]");
    assert_eq!(undo_label(&app), "Undo Move");
}
