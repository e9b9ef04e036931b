//! A context menu at the pointer (or at a focused box): a list of actions and links,
//! with the keyboard behaviour of a menu (arrows, Home, End, Escape).

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::icons::{Ui, UiIcon};

#[derive(Clone, PartialEq)]
pub enum ContextItem {
    Action {
        label: AttrValue,
        shortcut: Option<&'static str>,
        on: Callback<()>,
        disabled: bool,
        danger: bool,
    },
    Link {
        label: AttrValue,
        href: AttrValue,
    },
    Separator,
}

impl ContextItem {
    pub fn action(label: &'static str, on: Callback<()>) -> Self {
        ContextItem::Action {
            label: AttrValue::Static(label),
            shortcut: None,
            on,
            disabled: false,
            danger: false,
        }
    }

    pub fn shortcut(self, keys: &'static str) -> Self {
        match self {
            ContextItem::Action {
                label,
                on,
                disabled,
                danger,
                ..
            } => ContextItem::Action {
                label,
                shortcut: Some(keys),
                on,
                disabled,
                danger,
            },
            other => other,
        }
    }

    pub fn disabled(self, off: bool) -> Self {
        match self {
            ContextItem::Action {
                label,
                shortcut,
                on,
                danger,
                ..
            } => ContextItem::Action {
                label,
                shortcut,
                on,
                disabled: off,
                danger,
            },
            other => other,
        }
    }

    pub fn danger(self) -> Self {
        match self {
            ContextItem::Action {
                label,
                shortcut,
                on,
                disabled,
                ..
            } => ContextItem::Action {
                label,
                shortcut,
                on,
                disabled,
                danger: true,
            },
            other => other,
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct ContextMenuProps {
    pub label: AttrValue,
    /// Top-left corner, in pixels inside the positioned parent.
    pub x: f64,
    pub y: f64,
    pub items: Vec<ContextItem>,
    pub on_close: Callback<()>,
}

fn menu_items(list: &web_sys::Element) -> Vec<web_sys::HtmlElement> {
    let Ok(nodes) = list.query_selector_all("[role=menuitem]:not([aria-disabled=true])") else {
        return Vec::new();
    };
    (0..nodes.length())
        .filter_map(|i| nodes.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}

#[component(ContextMenu)]
pub fn context_menu(props: &ContextMenuProps) -> Html {
    let list_ref = use_node_ref();
    // Where it stands: at the pointer, moved up and left as far as it must to stay
    // inside the area it opens in.
    let place = use_state_eq(|| (props.x, props.y));
    {
        let list_ref = list_ref.clone();
        let place = place.clone();
        let count = props.items.len();
        use_effect_with((props.x, props.y, count), move |&(x, y, _)| {
            if let Some(menu) = list_ref.cast::<web_sys::HtmlElement>()
                && let Some(area) = menu.offset_parent()
            {
                let (w, h) = (
                    f64::from(menu.offset_width()),
                    f64::from(menu.offset_height()),
                );
                let (aw, ah) = (
                    f64::from(area.client_width()),
                    f64::from(area.client_height()),
                );
                let fit = |at: f64, size: f64, room: f64| at.min(room - size - 4.0).max(4.0);
                place.set((fit(x, w, aw), fit(y, h, ah)));
            }
        });
    }

    // Focus the first item; a press outside closes the menu.
    {
        let list_ref = list_ref.clone();
        let on_close = props.on_close.clone();
        use_effect_with((), move |_| {
            if let Some(list) = list_ref.cast::<web_sys::Element>()
                && let Some(first) = menu_items(&list).into_iter().next()
            {
                let _ = first.focus();
            }
            let list_ref2 = list_ref.clone();
            let listener = EventListener::new(&gloo::utils::document(), "pointerdown", move |e| {
                let inside = match (list_ref2.cast::<web_sys::Node>(), e.target()) {
                    (Some(list), Some(t)) => list.contains(t.dyn_ref::<web_sys::Node>()),
                    _ => false,
                };
                if !inside {
                    on_close.emit(());
                }
            });
            move || drop(listener)
        });
    }

    let on_key = {
        let list_ref = list_ref.clone();
        let on_close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            let Some(list) = list_ref.cast::<web_sys::Element>() else {
                return;
            };
            let items = menu_items(&list);
            let n = items.len();
            let active = gloo::utils::document().active_element();
            let current = items
                .iter()
                .position(|i| active.as_ref() == Some(i.unchecked_ref::<web_sys::Element>()));
            let go = |i: usize| {
                if let Some(item) = items.get(i) {
                    let _ = item.focus();
                }
            };
            match e.key().as_str() {
                "ArrowDown" if n > 0 => go(current.map_or(0, |c| (c + 1) % n)),
                "ArrowUp" if n > 0 => go(current.map_or(n - 1, |c| (c + n - 1) % n)),
                "Home" => go(0),
                "End" if n > 0 => go(n - 1),
                "Escape" | "Tab" => on_close.emit(()),
                _ => return,
            }
            e.prevent_default();
            e.stop_propagation();
        })
    };

    let items = props.items.iter().enumerate().map(|(i, item)| match item {
        ContextItem::Action {
            label,
            shortcut,
            on,
            disabled,
            danger,
        } => {
            let onclick = {
                let on = on.clone();
                let close = props.on_close.clone();
                let disabled = *disabled;
                Callback::from(move |_: MouseEvent| {
                    if !disabled {
                        close.emit(());
                        on.emit(());
                    }
                })
            };
            html! {
                <li role="none" key={i}>
                    <button type="button" role="menuitem" tabindex="-1"
                        class={classes!("menu-item", danger.then_some("danger"), disabled.then_some("disabled"))}
                        aria-disabled={disabled.then_some("true")} aria-keyshortcuts={*shortcut} {onclick}>
                        <span class="menu-label">{ label.clone() }</span>
                        if let Some(k) = shortcut {
                            <span class="menu-shortcut" aria-hidden="true">{ *k }</span>
                        }
                    </button>
                </li>
            }
        }
        ContextItem::Link { label, href } => {
            let close = props.on_close.clone();
            html! {
                <li role="none" key={i}>
                    <a role="menuitem" tabindex="-1" class="menu-item" href={href.clone()}
                        target="_blank" rel="noopener noreferrer" onclick={Callback::from(move |_: MouseEvent| close.emit(()))}>
                        <span class="menu-label">{ label.clone() }</span>
                        <span class="menu-shortcut" aria-hidden="true"><UiIcon icon={Ui::External} size={13}/></span>
                    </a>
                </li>
            }
        }
        ContextItem::Separator => html! { <li role="separator" class="menu-separator" key={i}></li> },
    });

    html! {
        <ul class="menu-popup context-menu" role="menu" aria-label={props.label.clone()} tabindex="-1"
            style={format!("left:{}px;top:{}px", place.0, place.1)} ref={list_ref} onkeydown={on_key}
            oncontextmenu={Callback::from(|e: MouseEvent| e.prevent_default())}>
            { for items }
        </ul>
    }
}
