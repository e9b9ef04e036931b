//! The resource palette: the curated types by category (with their labels), then
//! every type of the catalog by service, and a search box over both. An entry is
//! dragged onto the canvas (pointer events) to create the resource where it is
//! dropped, or clicked (or activated with Enter) to place it near the middle of the
//! view. Each entry's accessible name is its type, e.g. `AWS::EC2::VPC`.

use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

use formwork_core::diagram::Point;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::icons::{ServiceIcon, Ui, UiIcon};
use crate::Dispatch;
use crate::catalog::{Group, GroupName, PaletteData, PaletteEntry, category_color, category_label};
use crate::dom;
use crate::i18n::{self, Lang, fill};
use crate::state::Action;
use crate::view::Shared;

/// Pointer travel (px) after which pressing an entry becomes dragging it.
const DRAG_START: f64 = 4.0;
/// The most search results shown at once.
const MAX_RESULTS: usize = 250;

#[derive(Properties, PartialEq)]
pub struct PaletteProps {
    pub lang: Lang,
    pub dispatch: Dispatch,
    pub data: Shared<PaletteData>,
}

/// A press on an entry that may turn into a drag.
struct Press {
    pointer: i32,
    entry: PaletteEntry,
    start: Point,
    dragging: bool,
    /// The container highlighted under the pointer.
    target: Option<web_sys::Element>,
}

/// The canvas point under a client point, if the canvas is there.
fn canvas_point(client: Point) -> Option<Point> {
    let svg = dom::canvas_svg()?;
    let r = svg.get_bounding_client_rect();
    let inside = client.x >= r.left()
        && client.x <= r.right()
        && client.y >= r.top()
        && client.y <= r.bottom();
    if !inside {
        return None;
    }
    dom::client_to_svg(&svg, client)
}

/// The innermost container drawn under a client point.
fn container_under(client: Point) -> Option<web_sys::Element> {
    let hits = gloo::utils::document().elements_from_point(client.x as f32, client.y as f32);
    hits.iter()
        .filter_map(|h| h.dyn_into::<web_sys::Element>().ok())
        .find(|el| el.class_list().contains("container-body"))
        .and_then(|el| el.parent_element())
}

#[component(Palette)]
pub fn palette(props: &PaletteProps) -> Html {
    let s = props.lang.strings();
    let query = use_state(String::new);
    // Groups whose open state differs from their default (curated open, services closed).
    let toggled = use_state(HashSet::<AttrValue>::new);
    let press: Rc<RefCell<Option<Press>>> = use_mut_ref(|| None);
    // Set when a drag just ended, so the click that follows does not place twice.
    let swallow_click = use_mut_ref(|| false);
    let ghost = use_state_eq(|| None::<(PaletteEntry, Point)>);
    let ghost_ref = use_node_ref();

    let on_search = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                query.set(input.value());
            }
        })
    };
    let on_search_key = {
        let query = query.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && !query.is_empty() {
                e.prevent_default();
                e.stop_propagation();
                query.set(String::new());
            }
        })
    };
    let clear_search = {
        let query = query.clone();
        Callback::from(move |_: MouseEvent| query.set(String::new()))
    };

    let on_move = {
        let press = press.clone();
        let ghost = ghost.clone();
        let ghost_ref = ghost_ref.clone();
        Callback::from(move |e: PointerEvent| {
            let mut press = press.borrow_mut();
            let Some(p) = press.as_mut() else { return };
            if p.pointer != e.pointer_id() {
                return;
            }
            let at = dom::client_point(&e);
            if !p.dragging && (at.x - p.start.x).hypot(at.y - p.start.y) < DRAG_START {
                return;
            }
            if !p.dragging {
                p.dragging = true;
                ghost.set(Some((p.entry.clone(), at)));
            }
            // The ghost follows the pointer without re-rendering the palette.
            if let Some(g) = ghost_ref.cast::<web_sys::HtmlElement>() {
                let style = g.style();
                let _ = style.set_property("left", &format!("{}px", at.x));
                let _ = style.set_property("top", &format!("{}px", at.y));
                let over = canvas_point(at).is_some();
                let _ = g.class_list().toggle_with_force("over", over);
            }
            let target = container_under(at);
            if target != p.target {
                if let Some(old) = p.target.take() {
                    let _ = old.class_list().remove_1("drop-target");
                }
                if let Some(t) = &target {
                    let _ = t.class_list().add_1("drop-target");
                }
                p.target = target;
            }
        })
    };
    let on_up = {
        let press = press.clone();
        let ghost = ghost.clone();
        let swallow_click = swallow_click.clone();
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: PointerEvent| {
            let Some(mut p) = press.borrow_mut().take() else {
                return;
            };
            if let Some(el) = e.target_dyn_into::<web_sys::Element>() {
                let _ = el.release_pointer_capture(p.pointer);
            }
            if let Some(t) = p.target.take() {
                let _ = t.class_list().remove_1("drop-target");
            }
            ghost.set(None);
            if !p.dragging {
                return;
            }
            *swallow_click.borrow_mut() = true;
            if e.type_() != "pointerup" {
                return;
            }
            if let Some(at) = canvas_point(dom::client_point(&e)) {
                dispatch.dispatch(Action::AddResource {
                    type_name: p.entry.type_name.clone(),
                    at: Some(at),
                });
            }
        })
    };

    let item = |entry: &PaletteEntry, icon: bool| {
        let on_down = {
            let press = press.clone();
            let entry = entry.clone();
            Callback::from(move |e: PointerEvent| {
                if e.button() != 0 {
                    return;
                }
                if let Some(el) = e.target_dyn_into::<web_sys::Element>() {
                    let _ = el.set_pointer_capture(e.pointer_id());
                }
                *press.borrow_mut() = Some(Press {
                    pointer: e.pointer_id(),
                    entry: entry.clone(),
                    start: dom::client_point(&e),
                    dragging: false,
                    target: None,
                });
            })
        };
        let on_click = {
            let dispatch = props.dispatch.clone();
            let swallow_click = swallow_click.clone();
            let type_name = entry.type_name.clone();
            Callback::from(move |_: MouseEvent| {
                if std::mem::take(&mut *swallow_click.borrow_mut()) {
                    return;
                }
                dispatch.dispatch(Action::AddResource {
                    type_name: type_name.clone(),
                    at: None,
                });
            })
        };
        html! {
            <li key={entry.type_name.as_str()}>
                <button type="button" class={classes!("palette-item", (!icon).then_some("plain"))}
                    aria-label={entry.type_name.clone()} title={entry.type_name.clone()}
                    onpointerdown={on_down} onpointermove={on_move.clone()}
                    onpointerup={on_up.clone()} onpointercancel={on_up.clone()}
                    onclick={on_click}>
                    if icon {
                        <ServiceIcon category={entry.category} size={24.0} type_name={entry.type_name.clone()}/>
                    }
                    <span class="palette-item-text">
                        <span class="palette-item-label">{ i18n::type_name(s, &entry.type_name, &entry.label).to_string() }</span>
                        <span class="palette-item-type">{ entry.type_name.clone() }</span>
                    </span>
                </button>
            </li>
        }
    };

    let group_name = |g: &Group| match &g.name {
        GroupName::Category(c) => AttrValue::Static(category_label(s, *c)),
        GroupName::Service(name) => name.clone(),
    };
    let group = |g: &Group, open: Option<bool>, entries: &[PaletteEntry]| {
        let curated = matches!(g.name, GroupName::Category(_));
        let list_id = format!("palette-{}", g.key);
        let toggle = {
            let toggled = toggled.clone();
            let key = g.key.clone();
            Callback::from(move |_: MouseEvent| {
                let mut set = (*toggled).clone();
                if !set.remove(&key) {
                    set.insert(key.clone());
                }
                toggled.set(set);
            })
        };
        let searching = open.is_none();
        let open = open.unwrap_or(true);
        let count = g.entries.len();
        html! {
            <section class={classes!("palette-group", (!curated).then_some("service"))} key={g.key.as_str()}>
                <h3 class="palette-group-heading">
                    <button type="button" class="palette-group-toggle" aria-expanded={if open { "true" } else { "false" }}
                        aria-controls={list_id.clone()} onclick={toggle} disabled={searching}>
                        <span class={classes!("chevron", open.then_some("open"))}><UiIcon icon={Ui::Chevron} size={12}/></span>
                        if curated {
                            <span class="swatch" style={format!("background:{}", category_color(g.category))}></span>
                        } else {
                            // The service's AWS icon (its types' prefix picks it).
                            <ServiceIcon category={g.category} size={18.0}
                                type_name={AttrValue::from(format!("AWS::{}::", group_name(g)))}/>
                        }
                        <span class="palette-group-name">{ group_name(g) }</span>
                        <span class="palette-group-count" title={fill(s.palette_group_count, &[&count.to_string()])}>{ count }</span>
                    </button>
                </h3>
                if open {
                    <ul id={list_id} class="palette-list">
                        { for entries.iter().map(|e| item(e, curated)) }
                    </ul>
                }
            </section>
        }
    };

    let data = &props.data;
    let searching = !query.trim().is_empty();
    let body = if searching {
        let results = data.search(query.trim());
        let mut shown = 0usize;
        let mut hidden = 0usize;
        let groups: Vec<Html> = results
            .iter()
            .filter_map(|g| {
                let room = MAX_RESULTS.saturating_sub(shown);
                if room == 0 {
                    hidden += g.entries.len();
                    return None;
                }
                let take = g.entries.len().min(room);
                shown += take;
                hidden += g.entries.len() - take;
                Some(group(g, None, &g.entries[..take]))
            })
            .collect();
        html! {
            <>
                if groups.is_empty() {
                    <p class="palette-empty">{ fill(s.palette_no_match, &[query.trim()]) }</p>
                }
                { for groups }
                if hidden > 0 {
                    <p class="palette-more">{ fill(s.palette_more, &[&hidden.to_string()]) }</p>
                }
                if !data.complete {
                    <p class="palette-more">{ s.palette_loading }</p>
                }
            </>
        }
    } else {
        let curated = data
            .curated
            .iter()
            .map(|g| group(g, Some(!toggled.contains(&g.key)), &g.entries));
        let services = data
            .services
            .iter()
            .map(|g| group(g, Some(toggled.contains(&g.key)), &g.entries));
        html! {
            <>
                <h3 class="palette-section">{ s.palette_common }</h3>
                { for curated }
                <h3 class="palette-section">
                    { s.palette_all_services }
                    if data.complete {
                        <span class="palette-section-count">{ data.services.len() }</span>
                    }
                </h3>
                if data.complete {
                    { for services }
                } else {
                    <p class="palette-more"><span class="spinner" aria-hidden="true"></span>{ s.palette_loading }</p>
                }
            </>
        }
    };

    html! {
        <aside class="palette panel" aria-label={s.palette}>
            <div class="panel-header">
                <h2 class="panel-title">{ s.palette_title }</h2>
                <span class="badge" title={fill(s.palette_group_count, &[&data.total.to_string()])}>{ data.total }</span>
            </div>
            <div class="search">
                <UiIcon icon={Ui::Search} size={14}/>
                <input type="search" class="search-input" placeholder={s.palette_search}
                    aria-label={s.palette_search} value={(*query).clone()}
                    oninput={on_search} onkeydown={on_search_key} spellcheck="false" autocomplete="off"/>
                if searching {
                    <button type="button" class="icon-btn small" aria-label={s.palette_clear_search} onclick={clear_search}>
                        <UiIcon icon={Ui::Close} size={12}/>
                    </button>
                }
            </div>
            <div class="palette-scroll">
                { body }
            </div>
            <p class="palette-hint">{ s.palette_hint }</p>
            if let Some((g, at)) = &*ghost {
                <div class="drag-ghost" aria-hidden="true" ref={ghost_ref}
                    style={format!("left:{}px;top:{}px", at.x, at.y)}>
                    <ServiceIcon category={g.category} size={24.0} type_name={g.type_name.clone()}/>
                    <span>{ g.label.clone() }</span>
                </div>
            }
        </aside>
    }
}
