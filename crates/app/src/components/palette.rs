//! The resource palette: the catalog grouped by service category, a search box, and
//! entries that are dragged onto the canvas (or clicked, or activated with Enter, to
//! place the resource in the middle of the view).

use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

use formwork_core::diagram::Point;
use yew::prelude::*;

use super::icons::{ServiceIcon, Ui, UiIcon};
use crate::Dispatch;
use crate::catalog::{Category, PaletteEntry};
use crate::dom;
use crate::i18n::{Lang, fill};
use crate::state::Action;

/// Pointer travel (px) after which pressing an entry becomes dragging it.
const DRAG_START: f64 = 4.0;

#[derive(Properties, PartialEq)]
pub struct PaletteProps {
    pub lang: Lang,
    pub dispatch: Dispatch,
    /// Whatever list of types the palette should offer.
    pub entries: Rc<Vec<PaletteEntry>>,
}

/// True when an entry matches every word of the query (type or label, any case).
pub fn matches(entry: &PaletteEntry, query: &str) -> bool {
    let hay = format!("{} {}", entry.type_name, entry.label).to_lowercase();
    query
        .split_whitespace()
        .all(|word| hay.contains(&word.to_lowercase()))
}

/// The entries grouped by category in palette order, keeping only matches.
pub fn grouped<'a>(
    entries: &'a [PaletteEntry],
    query: &str,
) -> Vec<(Category, Vec<&'a PaletteEntry>)> {
    Category::ALL
        .iter()
        .map(|&c| {
            let list: Vec<_> = entries
                .iter()
                .filter(|e| e.category == c && matches(e, query))
                .collect();
            (c, list)
        })
        .filter(|(_, list)| !list.is_empty())
        .collect()
}

/// A press on an entry that may turn into a drag.
struct Press {
    pointer: i32,
    entry: PaletteEntry,
    start: Point,
    dragging: bool,
}

/// The floating copy of an entry that follows the pointer.
#[derive(Clone, PartialEq)]
struct Ghost {
    entry: PaletteEntry,
    at: Point,
    over_canvas: bool,
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

#[component(Palette)]
pub fn palette(props: &PaletteProps) -> Html {
    let s = props.lang.strings();
    let query = use_state(String::new);
    let collapsed = use_state(HashSet::<Category>::new);
    let press: Rc<RefCell<Option<Press>>> = use_mut_ref(|| None);
    // Set when a drag just ended, so the click that follows does not place twice.
    let swallow_click = use_mut_ref(|| false);
    let ghost = use_state_eq(|| None::<Ghost>);

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
            p.dragging = true;
            ghost.set(Some(Ghost {
                entry: p.entry.clone(),
                at,
                over_canvas: canvas_point(at).is_some(),
            }));
        })
    };
    let on_up = {
        let press = press.clone();
        let ghost = ghost.clone();
        let swallow_click = swallow_click.clone();
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: PointerEvent| {
            let Some(p) = press.borrow_mut().take() else {
                return;
            };
            if let Some(el) = e.target_dyn_into::<web_sys::Element>() {
                let _ = el.release_pointer_capture(p.pointer);
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

    let groups = grouped(&props.entries, &query);
    let searching = !query.trim().is_empty();
    let total = props.entries.len();

    let group_html = groups.into_iter().map(|(category, list)| {
        let open = searching || !collapsed.contains(&category);
        let toggle = {
            let collapsed = collapsed.clone();
            Callback::from(move |_: MouseEvent| {
                let mut set = (*collapsed).clone();
                if !set.remove(&category) {
                    set.insert(category);
                }
                collapsed.set(set);
            })
        };
        let list_id = format!("palette-group-{}", category.slug());
        let items = list.into_iter().map(|entry| {
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
                    <button type="button" class="palette-item" aria-label={entry.type_name.clone()}
                        title={entry.type_name.clone()}
                        onpointerdown={on_down} onpointermove={on_move.clone()}
                        onpointerup={on_up.clone()} onpointercancel={on_up.clone()}
                        onclick={on_click}>
                        <ServiceIcon category={entry.category} size={24.0}/>
                        <span class="palette-item-text">
                            <span class="palette-item-label">{ entry.label.clone() }</span>
                            <span class="palette-item-type">{ entry.type_name.clone() }</span>
                        </span>
                    </button>
                </li>
            }
        });
        let shown = list_count(category, &props.entries, &query);
        let count_label = fill(s.palette_group_count, &[&shown.to_string()]);
        html! {
            <section class="palette-group" key={category.slug()}>
                <h3 class="palette-group-heading">
                    <button type="button" class="palette-group-toggle" aria-expanded={if open { "true" } else { "false" }}
                        aria-controls={list_id.clone()} onclick={toggle} disabled={searching}>
                        <span class={classes!("chevron", open.then_some("open"))}><UiIcon icon={Ui::Chevron} size={12}/></span>
                        <span class="swatch" style={format!("background:{}", category.color())}></span>
                        <span class="palette-group-name">{ category.label(s) }</span>
                        <span class="palette-group-count" title={count_label}>{ shown }</span>
                    </button>
                </h3>
                if open {
                    <ul id={list_id} class="palette-list">{ for items }</ul>
                }
            </section>
        }
    });
    let group_html: Vec<Html> = group_html.collect();
    let nothing = group_html.is_empty();

    html! {
        <aside class="palette panel" aria-label={s.palette}>
            <div class="panel-header">
                <h2 class="panel-title">{ s.palette_title }</h2>
                <span class="badge">{ total }</span>
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
                if nothing {
                    <p class="palette-empty">{ fill(s.palette_no_match, &[query.trim()]) }</p>
                }
                { for group_html }
            </div>
            <p class="palette-hint">{ s.palette_hint }</p>
            if let Some(g) = &*ghost {
                <div class={classes!("drag-ghost", g.over_canvas.then_some("over"))} aria-hidden="true"
                    style={format!("left:{}px;top:{}px", g.at.x, g.at.y)}>
                    <ServiceIcon category={g.entry.category} size={24.0}/>
                    <span>{ g.entry.label.clone() }</span>
                </div>
            }
        </aside>
    }
}

fn list_count(category: Category, entries: &[PaletteEntry], query: &str) -> usize {
    entries
        .iter()
        .filter(|e| e.category == category && matches(e, query))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::palette_entries;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn search_matches_type_and_label_words() {
        let entries = palette_entries();
        let g = grouped(&entries, "ec2 vpc");
        let names: Vec<_> = g
            .iter()
            .flat_map(|(_, l)| l.iter().map(|e| e.type_name.as_str()))
            .collect();
        assert!(names.contains(&"AWS::EC2::VPC"));
        assert!(names.contains(&"AWS::EC2::VPCGatewayAttachment"));
        assert!(!names.contains(&"AWS::S3::Bucket"));
        assert!(
            grouped(&entries, "BUCKET")
                .iter()
                .any(|(c, _)| *c == Category::Storage)
        );
        assert!(grouped(&entries, "zzz-nothing").is_empty());
        assert_eq!(
            grouped(&entries, "")
                .iter()
                .map(|(_, l)| l.len())
                .sum::<usize>(),
            entries.len()
        );
    }
}
