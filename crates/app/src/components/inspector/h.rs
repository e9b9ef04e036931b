//! A small element builder for the forms. The `html!` macro expands every element in
//! place (about half a kilobyte of WebAssembly each); the forms draw a few hundred
//! kinds of element, so they call these few functions instead. Attributes with an
//! empty value are left out, which makes optional ones easy to write.

use yew::prelude::*;
use yew::virtual_dom::{Key, VNode, VTag, VText};

/// An attribute: its name and value (empty: not written).
pub type A = (&'static str, AttrValue);

/// An attribute from owned text.
pub fn a(name: &'static str, value: impl Into<String>) -> A {
    (name, AttrValue::from(value.into()))
}

/// An attribute from static text.
pub fn s(name: &'static str, value: &'static str) -> A {
    (name, AttrValue::Static(value))
}

fn tag(name: &'static str, class: &'static str, attrs: &[A]) -> VTag {
    let mut t = VTag::new(AttrValue::Static(name));
    if !class.is_empty() {
        t.add_attribute("class", AttrValue::Static(class));
    }
    for (k, v) in attrs {
        if !v.is_empty() {
            t.add_attribute(k, v.clone());
        }
    }
    t
}

/// An element with a class, attributes and children.
#[inline(never)]
pub fn el(name: &'static str, class: &'static str, attrs: &[A], kids: Vec<Html>) -> Html {
    let mut t = tag(name, class, attrs);
    t.add_children(kids);
    t.into()
}

/// An element holding only text.
#[inline(never)]
pub fn el_text(name: &'static str, class: &'static str, text: impl Into<AttrValue>) -> Html {
    let mut t = tag(name, class, &[]);
    t.add_child(VText::new(text.into()).into());
    t.into()
}

/// An `<input>` or `<textarea>` showing `value`, or a checkbox `checked`.
#[inline(never)]
pub fn control(
    name: &'static str,
    class: &'static str,
    attrs: &[A],
    value: Option<String>,
    checked: Option<bool>,
) -> Html {
    let mut t = tag(name, class, attrs);
    if let Some(v) = value {
        t.set_value(AttrValue::from(v));
    }
    if let Some(c) = checked {
        t.set_checked(c);
    }
    t.into()
}

/// Text.
pub fn text(t: impl Into<AttrValue>) -> Html {
    VText::new(t.into()).into()
}

/// Several nodes side by side.
pub fn list(kids: Vec<Html>) -> Html {
    kids.into_iter().collect()
}

/// The element with a key, so a list keeps each element's DOM node as it changes.
pub fn keyed(mut node: Html, key: &str) -> Html {
    if let VNode::VTag(t) = &mut node
        && let Some(t) = std::rc::Rc::get_mut(t)
    {
        t.key = Some(Key::from(key));
    }
    node
}

/// `<option value selected>label</option>`.
#[inline(never)]
pub fn option(value: &str, label: &str, selected: bool) -> Html {
    let mut t = tag("option", "", &[]);
    // Always written: an option without one takes its label as its value.
    t.add_attribute("value", AttrValue::from(value.to_string()));
    if selected {
        t.add_attribute("selected", AttrValue::Static("selected"));
    }
    t.add_child(text(label.to_string()));
    t.into()
}
