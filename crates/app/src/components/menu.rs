//! A menu button with its dropdown, after the WAI-ARIA menu button pattern:
//! Enter, Space or ArrowDown open it on the first item, ArrowUp on the last; arrows,
//! Home and End move; Escape closes and returns focus to the button; ArrowLeft and
//! ArrowRight move to the neighbouring menu. Which menu is open belongs to the menu bar.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::icons::{Ui, UiIcon};

/// What choosing an item does.
#[derive(Clone, PartialEq)]
pub enum MenuItemKind {
    Action(Callback<()>),
    /// Opens a page in a new tab.
    Link(AttrValue),
    /// A disabled line explaining why the menu has nothing to offer yet.
    Note,
}

#[derive(Clone, PartialEq)]
pub struct MenuItem {
    pub label: AttrValue,
    /// Shown at the right, e.g. `Ctrl+=`.
    pub shortcut: Option<&'static str>,
    /// The `aria-keyshortcuts` value, e.g. `Control+Equal`.
    pub keys: Option<&'static str>,
    pub kind: MenuItemKind,
    pub disabled: bool,
    /// Draws a separator above the item.
    pub group_start: bool,
    /// A setting that is on or off (a `menuitemcheckbox`).
    pub checked: Option<bool>,
}

impl MenuItem {
    pub fn action(label: &'static str, on: Callback<()>) -> Self {
        MenuItem {
            label: AttrValue::Static(label),
            shortcut: None,
            keys: None,
            kind: MenuItemKind::Action(on),
            disabled: false,
            group_start: false,
            checked: None,
        }
    }

    pub fn link(label: &'static str, href: &'static str) -> Self {
        MenuItem {
            kind: MenuItemKind::Link(AttrValue::Static(href)),
            ..MenuItem::action(label, Callback::noop())
        }
    }

    pub fn note(label: &'static str) -> Self {
        MenuItem {
            kind: MenuItemKind::Note,
            disabled: true,
            ..MenuItem::action(label, Callback::noop())
        }
    }

    pub fn shortcut(mut self, shown: &'static str, keys: &'static str) -> Self {
        self.shortcut = Some(shown);
        self.keys = Some(keys);
        self
    }

    pub fn disabled(mut self, disabled: bool) -> Self {
        self.disabled = disabled;
        self
    }

    pub fn group_start(mut self) -> Self {
        self.group_start = true;
        self
    }

    pub fn checked(mut self, on: bool) -> Self {
        self.checked = Some(on);
        self
    }

    /// An item whose label is built at run time ("Undo Move").
    pub fn action_owned(label: String, on: Callback<()>) -> Self {
        MenuItem {
            label: AttrValue::from(label),
            ..MenuItem::action("", on)
        }
    }
}

/// Where focus goes when a menu opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenFocus {
    /// The menu itself (opened by pointer; arrows then reach the items).
    Menu,
    First,
    Last,
}

/// What a menu asks of the menu bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MenuRequest {
    Open(OpenFocus),
    /// A pointer click on the button.
    Toggle,
    Close {
        restore_focus: bool,
    },
    /// Move to the menu `n` places to the right (negative: left).
    Neighbour(i32),
    /// The pointer entered the button.
    Hover,
}

#[derive(Properties, PartialEq)]
pub struct MenuProps {
    /// Unique id stem for the button and the list.
    pub id: AttrValue,
    pub label: AttrValue,
    pub items: Vec<MenuItem>,
    pub open: Option<OpenFocus>,
    pub on_request: Callback<MenuRequest>,
}

pub fn button_id(stem: &str) -> String {
    format!("{stem}-button")
}

fn menu_items(list: &web_sys::Element) -> Vec<web_sys::HtmlElement> {
    let Ok(nodes) = list.query_selector_all("[role^=menuitem]") else {
        return Vec::new();
    };
    (0..nodes.length())
        .filter_map(|i| nodes.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}

#[component(Menu)]
pub fn menu(props: &MenuProps) -> Html {
    let list_ref = use_node_ref();
    let button_id = button_id(&props.id);
    let list_id = format!("{}-menu", props.id);
    let is_open = props.open.is_some();

    // Put focus where the opening gesture asked for it.
    {
        let list_ref = list_ref.clone();
        use_effect_with(props.open, move |open| {
            if let (Some(focus), Some(list)) = (*open, list_ref.cast::<web_sys::HtmlElement>()) {
                let items = menu_items(&list);
                let target = match focus {
                    OpenFocus::Menu => Some(list.clone()),
                    OpenFocus::First => items.first().cloned(),
                    OpenFocus::Last => items.last().cloned(),
                };
                if let Some(t) = target {
                    let _ = t.focus();
                }
            }
        });
    }

    let on_button_click = {
        let req = props.on_request.clone();
        Callback::from(move |e: MouseEvent| {
            // A click made with Enter or Space has no pointer position history (detail 0).
            if e.detail() == 0 {
                req.emit(MenuRequest::Open(OpenFocus::First));
            } else {
                req.emit(MenuRequest::Toggle);
            }
        })
    };
    let on_button_key = {
        let req = props.on_request.clone();
        Callback::from(move |e: KeyboardEvent| {
            let r = match e.key().as_str() {
                "ArrowDown" => MenuRequest::Open(OpenFocus::First),
                "ArrowUp" => MenuRequest::Open(OpenFocus::Last),
                "ArrowRight" => MenuRequest::Neighbour(1),
                "ArrowLeft" => MenuRequest::Neighbour(-1),
                "Escape" if is_open => MenuRequest::Close {
                    restore_focus: true,
                },
                _ => return,
            };
            e.prevent_default();
            e.stop_propagation();
            req.emit(r);
        })
    };
    let on_hover = {
        let req = props.on_request.clone();
        Callback::from(move |e: PointerEvent| {
            if e.pointer_type() == "mouse" {
                req.emit(MenuRequest::Hover);
            }
        })
    };
    let on_list_key = {
        let req = props.on_request.clone();
        let list_ref = list_ref.clone();
        Callback::from(move |e: KeyboardEvent| {
            let Some(list) = list_ref.cast::<web_sys::Element>() else {
                return;
            };
            let items = menu_items(&list);
            if items.is_empty() {
                return;
            }
            let active = gloo::utils::document().active_element();
            let current = items
                .iter()
                .position(|i| active.as_ref() == Some(i.unchecked_ref::<web_sys::Element>()));
            let n = items.len();
            let go = |i: usize| {
                let _ = items[i].focus();
            };
            match e.key().as_str() {
                "ArrowDown" => go(current.map_or(0, |c| (c + 1) % n)),
                "ArrowUp" => go(current.map_or(n - 1, |c| (c + n - 1) % n)),
                "Home" | "PageUp" => go(0),
                "End" | "PageDown" => go(n - 1),
                "Escape" => req.emit(MenuRequest::Close {
                    restore_focus: true,
                }),
                "ArrowRight" => req.emit(MenuRequest::Neighbour(1)),
                "ArrowLeft" => req.emit(MenuRequest::Neighbour(-1)),
                "Tab" => {
                    req.emit(MenuRequest::Close {
                        restore_focus: false,
                    });
                    return;
                }
                " " | "Enter" => {
                    // Buttons activate themselves; links and notes need help with Space.
                    if let Some(c) = current {
                        if items[c].tag_name() != "BUTTON" {
                            items[c].click();
                        } else {
                            return;
                        }
                    }
                }
                _ => return,
            }
            e.prevent_default();
            e.stop_propagation();
        })
    };

    let items = props.items.iter().map(|item| {
        let close = props.on_request.clone();
        let class = classes!(
            "menu-item",
            item.group_start.then_some("group-start"),
            item.disabled.then_some("disabled"),
        );
        let disabled = item.disabled.then_some(AttrValue::Static("true"));
        let shortcut = item
            .shortcut
            .map(|s| html! { <span class="menu-shortcut" aria-hidden="true">{ s }</span> });
        let content = match &item.kind {
            MenuItemKind::Action(on) => {
                let on = on.clone();
                let enabled = !item.disabled;
                let onclick = Callback::from(move |_: MouseEvent| {
                    if enabled {
                        close.emit(MenuRequest::Close {
                            restore_focus: true,
                        });
                        on.emit(());
                    }
                });
                let role = if item.checked.is_some() {
                    "menuitemcheckbox"
                } else {
                    "menuitem"
                };
                let checked = item
                    .checked
                    .map(|c| AttrValue::Static(if c { "true" } else { "false" }));
                html! {
                    <button type="button" role={role} tabindex="-1" class={class}
                        aria-disabled={disabled} aria-checked={checked} aria-keyshortcuts={item.keys} {onclick}>
                        <span class="menu-label">{ item.label.clone() }</span>
                        if item.checked == Some(true) {
                            <span class="menu-check" aria-hidden="true"><UiIcon icon={Ui::Check} size={14}/></span>
                        }
                        { shortcut }
                    </button>
                }
            }
            MenuItemKind::Link(href) => {
                let onclick = Callback::from(move |_: MouseEvent| {
                    close.emit(MenuRequest::Close {
                        restore_focus: false,
                    })
                });
                html! {
                    <a role="menuitem" tabindex="-1" class={class} href={href.clone()}
                        target="_blank" rel="noopener noreferrer" {onclick}>
                        <span class="menu-label">{ item.label.clone() }</span>
                        <span class="menu-shortcut" aria-hidden="true"><UiIcon icon={Ui::External} size={14}/></span>
                    </a>
                }
            }
            MenuItemKind::Note => html! {
                <div role="menuitem" tabindex="-1" class={classes!(class, "menu-note")} aria-disabled="true">
                    <UiIcon icon={Ui::Info} size={14}/>
                    <span class="menu-label">{ item.label.clone() }</span>
                </div>
            },
        };
        html! { <li role="none" key={format!("{}-{}", item.label, item.group_start)}>{ content }</li> }
    });

    html! {
        <div class={classes!("menu", is_open.then_some("open"))}>
            <button type="button" id={button_id.clone()} class="menu-button"
                aria-haspopup="menu" aria-expanded={if is_open { "true" } else { "false" }}
                aria-controls={is_open.then(|| list_id.clone())}
                onclick={on_button_click} onkeydown={on_button_key} onpointerenter={on_hover}>
                { props.label.clone() }
            </button>
            if is_open {
                <ul id={list_id} role="menu" aria-labelledby={button_id} class="menu-popup"
                    tabindex="-1" ref={list_ref} onkeydown={on_list_key}>
                    { for items }
                </ul>
            }
        </div>
    }
}
