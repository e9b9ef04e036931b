//! Component tests of the inspector's forms: the real app in headless Chromium, a
//! resource placed from the palette, fields changed through the DOM as a person would,
//! and the template text checked for the change.

#![cfg(target_arch = "wasm32")]

mod support;

use support::{Mounted, settled};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

impl Mounted {
    /// The control with this accessible name (its aria-label).
    fn named(&self, name: &str) -> Element {
        self.q(&format!("[aria-label=\"{name}\"]"))
    }

    /// The card head (a parameter or output) whose name is `name`.
    fn card(&self, name: &str) -> Element {
        self.all(".card-head")
            .into_iter()
            .find(|b| {
                b.query_selector(".card-name")
                    .unwrap()
                    .and_then(|n| n.text_content())
                    .as_deref()
                    == Some(name)
            })
            .unwrap_or_else(|| panic!("no card {name:?}"))
    }
}

async fn mount() -> Mounted {
    // The test build has no catalog to fetch: the curated one stands in.
    let _ =
        formwork_app::catalog::set_full_catalog(formwork_core::catalog::curated_catalog().clone());
    support::mount("en").await
}

fn click(el: &Element) {
    el.unchecked_ref::<HtmlElement>().click();
}

fn fire(el: &Element, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let e = web_sys::Event::new_with_event_init_dict(kind, &init).unwrap();
    el.dispatch_event(&e).unwrap();
}

/// Types `text` into a field (as its whole new value).
async fn type_into(el: &Element, text: &str) {
    js_sys::Reflect::set(el, &"value".into(), &text.into()).unwrap();
    fire(el, "input");
    settled().await;
}

/// Picks `value` in a select, as a person does: it takes focus first (a select
/// draws its options in full once in use).
async fn choose(el: &Element, value: &str) {
    el.unchecked_ref::<HtmlElement>().focus().unwrap();
    settled().await;
    js_sys::Reflect::set(el, &"value".into(), &value.into()).unwrap();
    fire(el, "change");
    settled().await;
}

/// Clears the selection (Escape outside text fields), which shows the template editor.
async fn deselect() {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Escape");
    init.set_bubbles(true);
    let e = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    gloo::utils::body().dispatch_event(&e).unwrap();
    settled().await;
}

fn value(el: &Element) -> String {
    js_sys::Reflect::get(el, &"value".into())
        .unwrap()
        .as_string()
        .unwrap_or_default()
}

async fn place(app: &Mounted, type_name: &str) {
    click(&app.q(&format!("button[aria-label='{type_name}']")));
    settled().await;
}

#[wasm_bindgen_test]
async fn property_fields_write_typed_values_into_the_template() {
    let app = mount().await;
    place(&app, "AWS::EC2::VPC").await;
    place(&app, "AWS::ElasticLoadBalancingV2::TargetGroup").await;
    let interval = app.named("Property HealthCheckIntervalSeconds");
    assert_eq!(value(&interval), "30");

    // An integer typed in is a YAML number.
    type_into(&interval, "45").await;
    assert!(
        app.code().contains("HealthCheckIntervalSeconds: 45\n"),
        "{}",
        app.code()
    );
    // Text that is not a whole number shows its error and changes nothing.
    let interval = app.named("Property HealthCheckIntervalSeconds");
    type_into(&interval, "4x").await;
    assert!(
        app.q(".ff-error")
            .text_content()
            .unwrap()
            .contains("whole number")
    );
    assert!(app.code().contains("HealthCheckIntervalSeconds: 45\n"));
    assert_eq!(
        value(&app.named("Property HealthCheckIntervalSeconds")),
        "4x"
    );
    // Leaving the field keeps the text until it reads; fixing it applies it.
    type_into(&app.named("Property HealthCheckIntervalSeconds"), "60").await;
    assert!(app.code().contains("HealthCheckIntervalSeconds: 60\n"));
    assert!(app.q_opt(".ff-error").is_none());
    fire(
        &app.named("Property HealthCheckIntervalSeconds"),
        "focusout",
    );
    settled().await;

    // An enum is a select.
    choose(&app.named("Property Protocol"), "HTTPS").await;
    assert!(app.code().contains("Protocol: HTTPS\n"));

    // Unset properties are found by name; a boolean is a checkbox.
    type_into(&app.named("Find a property"), "enabled").await;
    let enabled = app.named("Property HealthCheckEnabled");
    assert_eq!(enabled.get_attribute("type").as_deref(), Some("checkbox"));
    click(&enabled);
    settled().await;
    assert!(app.code().contains("HealthCheckEnabled: true\n"));

    // A field switched to Ref picks among the template's names, the VPC first.
    type_into(&app.named("Find a property"), "vpcid").await;
    choose(&app.named("How VpcId is written"), "ref").await;
    assert!(app.code().contains("VpcId: !Ref Vpc\n"), "{}", app.code());
    let picker = app.named("Property VpcId");
    assert_eq!(picker.tag_name(), "SELECT");
    assert!(picker.inner_html().contains("AWS::Region"));

    // A list: add an item, then fill in the nested object's fields.
    type_into(&app.named("Find a property"), "tags").await;
    click(&app.named("Add an item to Tags"));
    settled().await;
    type_into(&app.named("Property Tags.1.Key"), "Name").await;
    type_into(&app.named("Property Tags.1.Value"), "web").await;
    assert!(
        app.code()
            .contains("Tags:\n        - Key: Name\n          Value: web\n"),
        "{}",
        app.code()
    );

    // Resource attributes.
    choose(&app.named("Attribute DeletionPolicy"), "Retain").await;
    choose(&app.named("Attribute DependsOn"), "Vpc").await;
    let code = app.code();
    assert!(code.contains("DeletionPolicy: Retain\n"), "{code}");
    assert!(code.contains("DependsOn: Vpc\n"), "{code}");
    click(&app.named("Remove the dependency on Vpc"));
    settled().await;
    assert!(!app.code().contains("DependsOn"));
}

#[wasm_bindgen_test]
async fn findings_show_on_their_field() {
    let app = mount().await;
    place(&app, "AWS::ElasticLoadBalancingV2::TargetGroup").await;
    type_into(&app.named("Property HealthCheckIntervalSeconds"), "1").await;
    // Below the schema's minimum of 5: the validator's finding sits on the field.
    let field = app.q("[aria-label='Property HealthCheckIntervalSeconds']");
    assert_eq!(field.get_attribute("aria-invalid").as_deref(), Some("true"));
    let shown = app.q(".ff.has-error .ff-findings").text_content().unwrap();
    assert!(shown.contains("HealthCheckIntervalSeconds"), "{shown}");
}

#[wasm_bindgen_test]
async fn the_template_editor_edits_description_parameters_and_outputs() {
    let app = mount().await;
    place(&app, "AWS::SQS::Queue").await;
    // Nothing selected: the template itself.
    deselect().await;
    type_into(&app.named("Template Description"), "Work queue").await;
    assert!(app.code().contains("Description: Work queue\n"));

    click(&app.button("Add parameter"));
    settled().await;
    assert!(
        app.code()
            .contains("Parameters:\n  Parameter:\n    Type: String\n")
    );
    click(&app.card("Parameter"));
    settled().await;
    type_into(&app.named("Parameter Parameter MaxLength"), "16").await;
    assert!(app.code().contains("    MaxLength: 16\n"), "{}", app.code());
    type_into(&app.named("Parameter Parameter AllowedValues"), "dev\nprod").await;
    assert!(
        app.code()
            .contains("    AllowedValues:\n      - dev\n      - prod\n"),
        "{}",
        app.code()
    );
    // Renaming takes effect when the name is committed.
    let name = app.named("Parameter Parameter Name");
    js_sys::Reflect::set(&name, &"value".into(), &"Env".into()).unwrap();
    fire(&name, "input");
    fire(&name, "change");
    settled().await;
    assert!(
        app.code().contains("  Env:\n    Type: String\n"),
        "{}",
        app.code()
    );

    click(&app.button("Add output"));
    settled().await;
    assert!(
        app.code()
            .contains("Outputs:\n  Output:\n    Value: !Ref Queue\n"),
        "{}",
        app.code()
    );
    click(&app.card("Output"));
    settled().await;
    choose(&app.named("How Output Value is written"), "getatt").await;
    assert!(
        app.code().contains("Value: !GetAtt Queue.Arn\n"),
        "{}",
        app.code()
    );
    type_into(&app.named("Output Output Export"), "queue-arn").await;
    assert!(
        app.code().contains("    Export:\n      Name: queue-arn\n"),
        "{}",
        app.code()
    );

    // Conditions are YAML, applied only in their shape.
    let conditions = app.named("Template Conditions");
    type_into(&conditions, "IsProd: yes").await;
    assert!(
        app.q(".ff-error")
            .text_content()
            .unwrap()
            .contains("IsProd")
    );
    assert!(!app.code().contains("Conditions"));
    type_into(
        &app.named("Template Conditions"),
        "IsProd: !Equals [!Ref Env, prod]",
    )
    .await;
    assert!(
        app.code()
            .contains("Conditions:\n  IsProd: !Equals [!Ref Env, prod]\n"),
        "{}",
        app.code()
    );
}

#[wasm_bindgen_test]
async fn stack_parameters_are_checked_as_they_are_typed() {
    let app = mount().await;
    place(&app, "AWS::SQS::Queue").await;
    deselect().await;
    click(&app.button("Add parameter"));
    settled().await;
    click(&app.card("Parameter"));
    settled().await;
    type_into(&app.named("Parameter Parameter MaxLength"), "3").await;
    click(&app.button("Stack parameters…"));
    settled().await;
    let dialog = app.q("[role=dialog]");
    assert!(dialog.text_content().unwrap().contains("Stack parameters"));
    let input = app.q("#sp-Parameter");
    type_into(&input, "abcd").await;
    let hint = app.q("#sp-Parameter-hint").text_content().unwrap();
    assert!(hint.contains("MaxLength"), "{hint}");
    type_into(&app.q("#sp-Parameter"), "abc").await;
    assert!(
        app.q("#sp-Parameter-hint")
            .text_content()
            .unwrap()
            .contains("Acceptable")
    );
    assert!(
        app.q(".sp-status")
            .text_content()
            .unwrap()
            .contains("Every value")
    );
}
