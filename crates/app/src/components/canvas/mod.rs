//! The canvas: the drawing of the document ([`SceneView`]) inside a pan-and-zoom
//! viewport (`data-testid="viewport"`) over a dotted grid, and every pointer gesture
//! on it, interpreted from what the pointer went down on:
//!
//! - a resize handle resizes its container; a port draws a connection (the right
//!   port connects by the catalog's rule, the bottom one adds DependsOn);
//! - an edge selects it; a box selects it (Shift adds or removes) and dragging moves
//!   the selection, into and out of containers;
//! - the background pans (so does Space + drag and the middle button); Shift + drag
//!   draws a selection rectangle; a click clears the selection.
//!
//! A gesture is one command, applied when the pointer comes up. While it lasts only
//! the preview changes: overlays drawn here, or the moving boxes (see [`drag`]).

pub mod drag;
pub mod toolbar;

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

use formwork_core::diagram::arrange::{self, Edges, GRID};
use formwork_core::diagram::layout::Style;
use formwork_core::diagram::route::{num, route_to_point};
use formwork_core::diagram::{Point, Rect, Size, Viewport};
use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use yew::prelude::*;

use super::context_menu::{ContextItem, ContextMenu};
use super::icons::{IconPatterns, Ui, UiIcon};
use super::minimap::MinimapView;
use super::scene_view::{Detail, SceneView, ports};
use super::simulation::faults::fault_items;
use super::simulation::run_bar::RunBar;
use super::simulation::stage::Stage;
use super::zoom_controls::ZoomControls;
use crate::Dispatch;
use crate::catalog::reference_url;
use crate::dom::{self, CANVAS_SVG_ID, perf};
use crate::i18n::{Lang, fill};
use crate::run::{RunCommand, RunState};
use crate::state::{Action, Selection};
use crate::view::{DocView, Shared};
use drag::MoveDrag;
use toolbar::CanvasToolbar;

/// Grid dot spacing in world units; it widens fourfold whenever dots would crowd.
const GRID_DOTS: f64 = 16.0;
const GRID_MIN_SCREEN: f64 = 12.0;
/// Pointer travel (screen px) below which a press is a click.
const CLICK_SLOP: f64 = 3.0;
/// From how many boxes the canvas draws only those around the view: the browser's
/// work on every frame grows with everything drawn (16 ms a frame at 500 boxes here),
/// and at 100 % most of a large diagram is out of view anyway.
const DRAW_AROUND_VIEW_FROM: usize = 200;

#[derive(Properties, PartialEq)]
pub struct CanvasProps {
    pub lang: Lang,
    pub dispatch: Dispatch,
    pub viewport: Viewport,
    /// The canvas size in CSS pixels.
    pub view_size: Size,
    pub view: Shared<DocView>,
    pub selection: Rc<Selection>,
    pub snap: bool,
    /// The live simulation drawn over the document, and its controls.
    pub run: UseReducerHandle<RunState>,
    pub run_command: Callback<RunCommand>,
}

/// What the pointer that went down on the canvas is doing.
enum Gesture {
    Pan {
        pointer: i32,
        start: Point,
        last: Point,
        moved: bool,
    },
    /// Down on a box, not yet moved far enough to drag it.
    Press {
        pointer: i32,
        id: String,
        start: Point,
        start_world: Point,
        /// What a drag would move (nothing when Shift took the box out of the selection).
        ids: Option<Vec<String>>,
        /// A click without a drag selects only this box.
        collapse: bool,
    },
    Move(Box<MoveDrag>),
    Marquee {
        pointer: i32,
        start: Point,
    },
    Resize {
        pointer: i32,
        id: String,
        edges: Edges,
        start: Point,
    },
    Connect {
        pointer: i32,
        from: String,
        depend: bool,
        target: Option<String>,
    },
}

impl Gesture {
    fn pointer(&self) -> i32 {
        match self {
            Gesture::Pan { pointer, .. }
            | Gesture::Press { pointer, .. }
            | Gesture::Marquee { pointer, .. }
            | Gesture::Resize { pointer, .. }
            | Gesture::Connect { pointer, .. } => *pointer,
            Gesture::Move(d) => d.pointer,
        }
    }
}

/// What the canvas draws over the document during a gesture (world units).
#[derive(Clone, Debug, Default, PartialEq)]
struct Overlay {
    marquee: Option<Rect>,
    resize: Option<Rect>,
    /// The connection being drawn: its path, whether it is a DependsOn, and the box it
    /// would connect to.
    connect: Option<(String, bool, Option<Rect>)>,
}

/// What the context menu is about.
#[derive(Clone, Debug, PartialEq)]
enum MenuTarget {
    Nodes(Vec<String>),
    Edge,
    Background,
}

#[derive(Clone, Debug, PartialEq)]
struct MenuState {
    at: Point,
    target: MenuTarget,
}

/// The grid pattern's screen spacing and offset for a viewport.
fn grid(viewport: &Viewport) -> (f64, f64, f64) {
    let mut step = GRID_DOTS * viewport.scale;
    while step < GRID_MIN_SCREEN {
        step *= 4.0;
    }
    (
        step,
        (viewport.tx - step / 2.0).rem_euclid(step),
        (viewport.ty - step / 2.0).rem_euclid(step),
    )
}

fn local_point(svg: &NodeRef, e: &MouseEvent) -> Option<Point> {
    let svg = svg.cast::<web_sys::SvgGraphicsElement>()?;
    dom::client_to_svg(&svg, dom::client_point(e))
}

/// The box under a client point (not `except`), found through the document.
fn box_at(client: Point, except: &str) -> Option<String> {
    let el = gloo::utils::document().element_from_point(client.x as f32, client.y as f32)?;
    let id = el
        .closest("[data-id]")
        .ok()
        .flatten()?
        .get_attribute("data-id")?;
    (id != except).then_some(id)
}

#[component(Canvas)]
pub fn canvas(props: &CanvasProps) -> Html {
    let s = props.lang.strings();
    let section_ref = use_node_ref();
    let svg_ref = use_node_ref();
    let world_ref = use_node_ref();
    let gesture: Rc<RefCell<Option<Gesture>>> = use_mut_ref(|| None);
    let overlay = use_state_eq(Overlay::default);
    let grabbing = use_state_eq(|| false);
    let menu = use_state_eq(|| None::<MenuState>);
    // The box under the pointer, whose ports are drawn.
    let hover = use_state_eq(|| None::<String>);
    let space = use_mut_ref(|| false);
    // Whether the Space now held has panned: a Space pressed and let go without a
    // pan runs or pauses the simulation instead.
    let space_panned = use_mut_ref(|| false);
    let toggle_run = use_mut_ref(Callback::<()>::noop);
    *toggle_run.borrow_mut() = {
        let command = props.run_command.clone();
        let playing = props.run.phase.is_playing();
        let can_run = !props.view.scene.is_empty();
        Callback::from(move |()| {
            if playing {
                command.emit(RunCommand::Pause);
            } else if can_run {
                command.emit(RunCommand::Run);
            }
        })
    };
    let drawn_region: Rc<RefCell<Option<Rect>>> = use_mut_ref(|| None);
    // A pointer press focuses its box itself; the focus event must not reselect.
    let pointer_focus = use_mut_ref(|| false);

    // Keep the state's idea of the canvas size current.
    {
        let dispatch = props.dispatch.clone();
        let section_ref = section_ref.clone();
        use_effect_with((), move |_| {
            let on_resize =
                Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                    if let Ok(entry) = entries.get(0).dyn_into::<web_sys::ResizeObserverEntry>() {
                        let r = entry.content_rect();
                        dispatch.dispatch(Action::SetViewSize(Size::new(r.width(), r.height())));
                    }
                });
            let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
            if let (Some(o), Some(el)) = (&observer, section_ref.cast::<web_sys::Element>()) {
                o.observe(&el);
            }
            move || {
                if let Some(o) = observer {
                    o.disconnect();
                }
                drop(on_resize);
            }
        });
    }

    // Space held down turns any drag into panning; Escape cancels a gesture.
    {
        let space = space.clone();
        let space_panned = space_panned.clone();
        let toggle_run = toggle_run.clone();
        let gesture = gesture.clone();
        let overlay = overlay.clone();
        let grabbing = grabbing.clone();
        use_effect_with((), move |_| {
            let window = gloo::utils::window();
            let opts = EventListenerOptions::enable_prevent_default();
            let down = {
                let space = space.clone();
                let space_panned = space_panned.clone();
                EventListener::new_with_options(&window, "keydown", opts, move |e| {
                    let Some(e) = e.dyn_ref::<KeyboardEvent>() else {
                        return;
                    };
                    if dom::is_text_input(e.target()) {
                        return;
                    }
                    match e.key().as_str() {
                        " " => {
                            if !e.repeat() {
                                *space_panned.borrow_mut() = false;
                            }
                            *space.borrow_mut() = true;
                            // Space must not scroll or press the focused box.
                            e.prevent_default();
                        }
                        "Escape" => {
                            if let Some(g) = gesture.borrow_mut().take() {
                                if let Gesture::Move(d) = g {
                                    d.finish();
                                    if let Some(svg) = dom::canvas_svg()
                                        && let Ok(Some(w)) =
                                            svg.query_selector("[data-testid=viewport]")
                                    {
                                        let _ = w.class_list().remove_1("moving-boxes");
                                    }
                                }
                                overlay.set(Overlay::default());
                                grabbing.set(false);
                                e.prevent_default();
                            }
                        }
                        _ => {}
                    }
                })
            };
            let up = EventListener::new(&window, "keyup", move |e| {
                if let Some(e) = e.dyn_ref::<KeyboardEvent>()
                    && e.key() == " "
                {
                    let held = std::mem::replace(&mut *space.borrow_mut(), false);
                    if held
                        && !*space_panned.borrow()
                        && !dom::is_text_input(e.target())
                        && !dom::takes_space(e.target())
                    {
                        let toggle = toggle_run.borrow().clone();
                        toggle.emit(());
                    }
                }
            });
            move || drop((down, up))
        });
    }

    // A redrawn box is a new element: keep keyboard focus on the selected box when the
    // old one took it away.
    {
        let single = props.selection.single().map(str::to_string);
        let world_ref = world_ref.clone();
        use_effect(move || {
            let doc = gloo::utils::document();
            let lost = doc
                .active_element()
                .is_none_or(|a| a == gloo::utils::body().into());
            if lost
                && let Some(id) = single
                && let Some(root) = world_ref.cast::<web_sys::Element>()
                && let Ok(Some(el)) = root.query_selector(&format!("g.shape[data-id=\"{id}\"]"))
            {
                dom::focus_quietly(&el);
            }
        });
    }

    let on_pointer_down = {
        let svg_ref = svg_ref.clone();
        let gesture = gesture.clone();
        let grabbing = grabbing.clone();
        let overlay = overlay.clone();
        let menu = menu.clone();
        let space = space.clone();
        let pointer_focus = pointer_focus.clone();
        let viewport = props.viewport;
        let view = props.view.clone();
        let selection = props.selection.clone();
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: PointerEvent| {
            if menu.is_some() {
                menu.set(None);
            }
            let button = e.button();
            if button != 0 && button != 1 {
                return;
            }
            let Some(local) = local_point(&svg_ref, &e) else {
                return;
            };
            let world = viewport.to_world(local);
            let pointer = e.pointer_id();
            if let Some(svg) = svg_ref.cast::<web_sys::Element>() {
                let _ = svg.set_pointer_capture(pointer);
            }
            e.prevent_default();
            let target = e.target();
            let pan = button == 1 || *space.borrow();
            if *space.borrow() {
                *space_panned.borrow_mut() = true;
            }
            let id_of = |el: &web_sys::Element| {
                el.closest("[data-id]")
                    .ok()
                    .flatten()
                    .and_then(|n| n.get_attribute("data-id"))
            };
            let next = if pan {
                grabbing.set(true);
                Gesture::Pan {
                    pointer,
                    start: local,
                    last: local,
                    moved: false,
                }
            } else if let Some(h) = dom::closest(target.clone(), "[data-handle]")
                && let Some(id) = id_of(&h)
            {
                let edges = Edges::from_handle(&h.get_attribute("data-handle").unwrap_or_default());
                Gesture::Resize {
                    pointer,
                    id,
                    edges,
                    start: world,
                }
            } else if let Some(p) = dom::closest(target.clone(), "[data-port]")
                && let Some(from) = p
                    .closest("[data-port-for]")
                    .ok()
                    .flatten()
                    .and_then(|g| g.get_attribute("data-port-for"))
            {
                let depend = p.get_attribute("data-port").as_deref() == Some("depend");
                if let Some(n) = view.scene.node(&from) {
                    let path = route_to_point(&n.rect, world).path();
                    overlay.set(Overlay {
                        connect: Some((path, depend, None)),
                        ..Overlay::default()
                    });
                }
                Gesture::Connect {
                    pointer,
                    from,
                    depend,
                    target: None,
                }
            } else if let Some(edge) = dom::closest(target.clone(), "[data-edge]") {
                if let Some(key) = edge.get_attribute("data-edge") {
                    dispatch.dispatch(Action::SelectEdge(key));
                }
                return;
            } else if let Some(node) = dom::closest(target.clone(), "[data-id]")
                && let Some(id) = node.get_attribute("data-id")
            {
                let was = selection.contains(&id);
                let shift = e.shift_key() || e.meta_key() || e.ctrl_key();
                *pointer_focus.borrow_mut() = true;
                dom::focus_quietly(&node);
                *pointer_focus.borrow_mut() = false;
                let ids = if shift {
                    dispatch.dispatch(Action::ToggleSelect(id.clone()));
                    (!was).then(|| {
                        let mut v = selection.nodes.clone();
                        v.push(id.clone());
                        v
                    })
                } else if was {
                    Some(selection.nodes.clone())
                } else {
                    dispatch.dispatch(Action::Select(vec![id.clone()]));
                    Some(vec![id.clone()])
                };
                Gesture::Press {
                    pointer,
                    collapse: was && !shift && selection.nodes.len() > 1,
                    id,
                    start: local,
                    start_world: world,
                    ids,
                }
            } else if e.shift_key() {
                Gesture::Marquee {
                    pointer,
                    start: world,
                }
            } else {
                grabbing.set(true);
                Gesture::Pan {
                    pointer,
                    start: local,
                    last: local,
                    moved: false,
                }
            };
            *gesture.borrow_mut() = Some(next);
        })
    };

    let on_pointer_move = {
        let svg_ref = svg_ref.clone();
        let world_ref = world_ref.clone();
        let gesture = gesture.clone();
        let overlay = overlay.clone();
        let dispatch = props.dispatch.clone();
        let viewport = props.viewport;
        let view = props.view.clone();
        let snap = props.snap;
        Callback::from(move |e: PointerEvent| {
            let mut g = gesture.borrow_mut();
            let Some(current) = g.as_mut() else { return };
            if current.pointer() != e.pointer_id() {
                return;
            }
            let Some(local) = local_point(&svg_ref, &e) else {
                return;
            };
            let world = viewport.to_world(local);
            let grid = if snap { GRID } else { 0.0 };
            match current {
                Gesture::Pan {
                    start, last, moved, ..
                } => {
                    if !*moved && (local.x - start.x).hypot(local.y - start.y) < CLICK_SLOP {
                        return;
                    }
                    *moved = true;
                    let (dx, dy) = (local.x - last.x, local.y - last.y);
                    *last = local;
                    dispatch.dispatch(Action::Pan { dx, dy });
                }
                Gesture::Press {
                    start,
                    start_world,
                    ids,
                    pointer,
                    ..
                } => {
                    if (local.x - start.x).hypot(local.y - start.y) < CLICK_SLOP {
                        return;
                    }
                    let (Some(ids), Some(root)) =
                        (ids.clone(), world_ref.cast::<web_sys::Element>())
                    else {
                        return;
                    };
                    perf::mark("fw-drag-move");
                    if let Some(mut d) = MoveDrag::start(
                        &root,
                        &view,
                        *pointer,
                        *start_world,
                        &ids,
                        snap,
                        viewport.scale,
                    ) {
                        // The ports would stay behind: hide them until the drop.
                        let _ = root.class_list().add_1("moving-boxes");
                        d.update(&root, &view, world);
                        let _ = root.get_bounding_client_rect();
                        *current = Gesture::Move(Box::new(d));
                    }
                    perf::measure("fw-drag-frame", "fw-drag-move");
                    perf::clear("fw-drag-move");
                }
                Gesture::Move(d) => {
                    perf::mark("fw-drag-move");
                    if let Some(root) = world_ref.cast::<web_sys::Element>()
                        && d.update(&root, &view, world)
                    {
                        // Style and layout of the frame happen here, inside the measure.
                        let _ = root.get_bounding_client_rect();
                    }
                    perf::measure("fw-drag-frame", "fw-drag-move");
                    perf::clear("fw-drag-move");
                }
                Gesture::Marquee { start, .. } => {
                    overlay.set(Overlay {
                        marquee: Some(Rect::from_corners(*start, world)),
                        ..Overlay::default()
                    });
                }
                Gesture::Resize {
                    id, edges, start, ..
                } => {
                    let r = arrange::resized_rect(
                        &view.scene.layout,
                        id,
                        *edges,
                        world.x - start.x,
                        world.y - start.y,
                        grid,
                    );
                    overlay.set(Overlay {
                        resize: Some(r),
                        ..Overlay::default()
                    });
                }
                Gesture::Connect {
                    from,
                    depend,
                    target,
                    ..
                } => {
                    *target = box_at(dom::client_point(&e), from);
                    let Some(n) = view.scene.node(from) else {
                        return;
                    };
                    let to = target.as_deref().and_then(|t| view.scene.node(t));
                    let path = match to {
                        Some(t) => formwork_core::diagram::route::route(&n.rect, &t.rect).path(),
                        None => route_to_point(&n.rect, world).path(),
                    };
                    overlay.set(Overlay {
                        connect: Some((path, *depend, to.map(|t| t.rect))),
                        ..Overlay::default()
                    });
                }
            }
        })
    };

    let on_pointer_up = {
        let svg_ref = svg_ref.clone();
        let world_ref = world_ref.clone();
        let gesture = gesture.clone();
        let grabbing = grabbing.clone();
        let overlay = overlay.clone();
        let dispatch = props.dispatch.clone();
        let viewport = props.viewport;
        let view = props.view.clone();
        let selection = props.selection.clone();
        Callback::from(move |e: PointerEvent| {
            let Some(g) = gesture.borrow_mut().take() else {
                return;
            };
            if g.pointer() != e.pointer_id() {
                *gesture.borrow_mut() = Some(g);
                return;
            }
            if let Some(svg) = svg_ref.cast::<web_sys::Element>() {
                let _ = svg.release_pointer_capture(g.pointer());
            }
            grabbing.set(false);
            overlay.set(Overlay::default());
            let done = e.type_() == "pointerup";
            let world = local_point(&svg_ref, &e).map(|p| viewport.to_world(p));
            match g {
                Gesture::Pan { moved: false, .. } if done => {
                    dispatch.dispatch(Action::Select(Vec::new()));
                }
                Gesture::Pan { .. } => {}
                Gesture::Press {
                    id, collapse: true, ..
                } if done => dispatch.dispatch(Action::Select(vec![id])),
                Gesture::Press { .. } => {}
                Gesture::Move(d) => {
                    let (ids, dx, dy) = d.finish();
                    if let Some(root) = world_ref.cast::<web_sys::Element>() {
                        let _ = root.class_list().remove_1("moving-boxes");
                    }
                    if done && (dx != 0.0 || dy != 0.0) {
                        // Measured up to the redrawn document (see `App`).
                        perf::mark("fw-edit-start");
                        dispatch.dispatch(Action::Move { ids, dx, dy });
                    }
                }
                Gesture::Marquee { start, .. } => {
                    if let (true, Some(w)) = (done, world) {
                        let area = Rect::from_corners(start, w);
                        let mut ids = selection.nodes.clone();
                        for id in view.scene.nodes_in(area) {
                            if !ids.contains(&id) {
                                ids.push(id);
                            }
                        }
                        dispatch.dispatch(Action::Select(ids));
                    }
                }
                Gesture::Resize {
                    id, edges, start, ..
                } => {
                    if let (true, Some(w)) = (done, world) {
                        let (dx, dy) = (w.x - start.x, w.y - start.y);
                        if dx != 0.0 || dy != 0.0 {
                            dispatch.dispatch(Action::Resize { id, edges, dx, dy });
                        }
                    }
                }
                Gesture::Connect {
                    from,
                    depend,
                    target,
                    ..
                } => {
                    if done && let Some(to) = target {
                        dispatch.dispatch(if depend {
                            Action::DependOn { from, to }
                        } else {
                            Action::Connect { from, to }
                        });
                    }
                }
            }
        })
    };

    // Ports follow the pointer from box to box.
    let on_pointer_over = {
        let hover = hover.clone();
        let gesture = gesture.clone();
        Callback::from(move |e: PointerEvent| {
            if gesture.borrow().is_some() {
                return;
            }
            if dom::closest(e.target(), "[data-port-for]").is_some() {
                return;
            }
            hover.set(
                dom::closest(e.target(), "[data-id]").and_then(|n| n.get_attribute("data-id")),
            );
        })
    };
    let on_pointer_leave = {
        let hover = hover.clone();
        Callback::from(move |_: PointerEvent| hover.set(None))
    };

    let on_wheel = {
        let svg_ref = svg_ref.clone();
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: WheelEvent| {
            e.prevent_default();
            let Some(at) = local_point(&svg_ref, &e) else {
                return;
            };
            let mut dy = e.delta_y();
            match e.delta_mode() {
                1 => dy *= 16.0,  // lines
                2 => dy *= 400.0, // pages
                _ => {}
            }
            // Trackpad pinches arrive as Ctrl+wheel with small deltas.
            if e.ctrl_key() {
                dy *= 3.0;
            }
            dispatch.dispatch(Action::Wheel { delta_y: dy, at });
        })
    };

    // Keyboard focus on a box selects it.
    let on_focus_in = {
        let pointer_focus = pointer_focus.clone();
        let selection = props.selection.clone();
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: FocusEvent| {
            if *pointer_focus.borrow() {
                return;
            }
            if let Some(id) =
                dom::closest(e.target(), "[data-id]").and_then(|n| n.get_attribute("data-id"))
                && !selection.contains(&id)
            {
                dispatch.dispatch(Action::Select(vec![id]));
            }
        })
    };

    let open_menu = {
        let menu = menu.clone();
        let section_ref = section_ref.clone();
        move |client: Point, target: MenuTarget| {
            let Some(section) = section_ref.cast::<web_sys::Element>() else {
                return;
            };
            let r = section.get_bounding_client_rect();
            // Keep the menu inside the canvas.
            let x = (client.x - r.left()).min(r.width() - 240.0).max(4.0);
            let y = (client.y - r.top()).min(r.height() - 220.0).max(4.0);
            menu.set(Some(MenuState {
                at: Point::new(x, y),
                target,
            }));
        }
    };

    let on_context = {
        let open_menu = open_menu.clone();
        let selection = props.selection.clone();
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            let client = dom::client_point(&e);
            let target = if let Some(edge) = dom::closest(e.target(), "[data-edge]") {
                if let Some(key) = edge.get_attribute("data-edge") {
                    dispatch.dispatch(Action::SelectEdge(key));
                }
                MenuTarget::Edge
            } else if let Some(id) =
                dom::closest(e.target(), "[data-id]").and_then(|n| n.get_attribute("data-id"))
            {
                if selection.contains(&id) {
                    MenuTarget::Nodes(selection.nodes.clone())
                } else {
                    dispatch.dispatch(Action::Select(vec![id.clone()]));
                    MenuTarget::Nodes(vec![id])
                }
            } else {
                MenuTarget::Background
            };
            open_menu(client, target);
        })
    };

    // Enter on a focused box edits it in the inspector; the menu key opens its menu.
    let on_key = {
        let open_menu = open_menu.clone();
        let dispatch = props.dispatch.clone();
        let selection = props.selection.clone();
        Callback::from(move |e: KeyboardEvent| {
            let Some(node) = dom::closest(e.target(), "[data-id]") else {
                return;
            };
            let menu_key = e.key() == "ContextMenu" || (e.shift_key() && e.key() == "F10");
            if e.key() == "Enter" {
                e.prevent_default();
                dispatch.dispatch(Action::FocusInspector);
            } else if menu_key {
                e.prevent_default();
                let r = node.get_bounding_client_rect();
                let ids = if selection.nodes.is_empty() {
                    node.get_attribute("data-id").into_iter().collect()
                } else {
                    selection.nodes.clone()
                };
                open_menu(
                    Point::new(r.left() + 24.0, r.top() + r.height() / 2.0),
                    MenuTarget::Nodes(ids),
                );
            }
        })
    };

    let close_menu = {
        let menu = menu.clone();
        Callback::from(move |()| menu.set(None))
    };

    let context_menu = (*menu).clone().map(|m| {
        let d = props.dispatch.clone();
        let act = move |a: Action| {
            let d = d.clone();
            Callback::from(move |()| d.dispatch(a.clone()))
        };
        let items = match &m.target {
            MenuTarget::Nodes(ids) => {
                let mut items = vec![
                    ContextItem::action(s.ctx_properties, act(Action::FocusInspector))
                        .disabled(ids.len() != 1)
                        .shortcut("Enter"),
                    ContextItem::action(s.edit_duplicate, act(Action::Duplicate)).shortcut("Ctrl+D"),
                    ContextItem::action(s.edit_delete, act(Action::DeleteSelected))
                        .shortcut("Del")
                        .danger(),
                ];
                if let [one] = ids.as_slice()
                    && let Some(frame) = &props.run.frame
                {
                    let command = props.run_command.clone();
                    let inject = Callback::from(move |f| command.emit(RunCommand::Inject(f)));
                    let faults = fault_items(s.sim, one, &frame.snapshot, &inject);
                    if !faults.is_empty() {
                        items.push(ContextItem::Separator);
                        items.extend(faults);
                    }
                }
                if let [one] = ids.as_slice()
                    && let Some(n) = props.view.scene.node(one)
                {
                    items.push(ContextItem::Separator);
                    items.push(ContextItem::Link {
                        label: AttrValue::Static(s.ctx_documentation),
                        href: AttrValue::from(reference_url(&n.type_name, props.lang == Lang::Ko)),
                    });
                }
                items
            }
            MenuTarget::Edge => vec![
                ContextItem::action(s.ctx_delete_link, act(Action::DeleteSelected))
                    .shortcut("Del")
                    .danger(),
            ],
            MenuTarget::Background => {
                let d = props.dispatch.clone();
                let paste = Callback::from(move |()| {
                    let d = d.clone();
                    yew::platform::spawn_local(async move {
                        if let Some(text) = dom::read_clipboard().await {
                            d.dispatch(Action::Paste { text });
                        }
                    });
                });
                vec![
                    ContextItem::action(s.edit_paste, paste).shortcut("Ctrl+V"),
                    ContextItem::action(s.edit_select_all, act(Action::SelectAll))
                        .shortcut("Ctrl+A")
                        .disabled(props.view.scene.is_empty()),
                    ContextItem::Separator,
                    ContextItem::action(s.view_arrange, act(Action::AutoArrange(Style::Architecture)))
                        .disabled(props.view.scene.is_empty()),
                    ContextItem::action(s.view_fit, act(Action::FitToScreen)).shortcut("Shift+1"),
                ]
            }
        };
        html! {
            <ContextMenu label={s.ctx_menu} x={m.at.x} y={m.at.y} items={items} on_close={close_menu.clone()}/>
        }
    });

    // The part of the world drawn, kept while the view stays inside it.
    let region = (props.view.nodes.len() >= DRAW_AROUND_VIEW_FROM && props.view_size.width > 0.0)
        .then(|| {
            let held = *drawn_region.borrow();
            let r = props.viewport.drawn_region(props.view_size, held);
            *drawn_region.borrow_mut() = Some(r);
            r
        });
    let (step, gx, gy) = grid(&props.viewport);
    let dot = (1.1 * props.viewport.scale.clamp(0.6, 1.3)).to_string();
    let half = (step / 2.0).to_string();
    let o = &*overlay;
    // Ports for the box under the pointer and the one selected box.
    let mut port_ids: Vec<&str> = Vec::new();
    if let Some(h) = hover.as_deref() {
        port_ids.push(h);
    }
    if let Some(one) = props.selection.single()
        && !port_ids.contains(&one)
    {
        port_ids.push(one);
    }
    let port_html = port_ids
        .into_iter()
        .filter_map(|id| props.view.scene.node(id))
        .map(|n| ports(s, &n.id, &n.rect));
    let overlay_html = html! {
        <g class="overlay">
            { for port_html }
            if let Some(r) = o.marquee {
                <rect class="marquee" x={num(r.x)} y={num(r.y)} width={num(r.width)} height={num(r.height)}/>
            }
            if let Some(r) = o.resize {
                <rect class="resize-outline" x={num(r.x)} y={num(r.y)} width={num(r.width)} height={num(r.height)} rx="10"/>
                <text class="resize-size" x={num(r.right() - 8.0)} y={num(r.bottom() - 10.0)}>
                    { format!("{} × {}", num(r.width), num(r.height)) }
                </text>
            }
            if let Some((path, depend, target)) = &o.connect {
                if let Some(t) = target {
                    <rect class="connect-target" x={num(t.x - 5.0)} y={num(t.y - 5.0)}
                        width={num(t.width + 10.0)} height={num(t.height + 10.0)} rx="12"/>
                }
                <path class={classes!("connect-preview", depend.then_some("depend"))} d={path.clone()}/>
            }
        </g>
    };
    let empty = props.view.scene.is_empty();
    let selected_edges: BTreeSet<&str> = props.selection.edge.iter().map(String::as_str).collect();
    let status = if !props.selection.nodes.is_empty() {
        fill(
            s.canvas_selected,
            &[&props.selection.nodes.len().to_string()],
        )
    } else if !selected_edges.is_empty() {
        s.canvas_link_selected.to_string()
    } else {
        String::new()
    };

    html! {
        <section class={classes!("canvas", (*grabbing).then_some("grabbing"), o.connect.is_some().then_some("connecting"))}
            aria-label={s.canvas} ref={section_ref}>
            <svg id={CANVAS_SVG_ID} class="canvas-svg" ref={svg_ref}
                aria-describedby="canvas-help"
                onpointerdown={on_pointer_down} onpointermove={on_pointer_move}
                onpointerup={on_pointer_up.clone()} onpointercancel={on_pointer_up}
                onwheel={on_wheel} onfocusin={on_focus_in} oncontextmenu={on_context}
                onpointerover={on_pointer_over} onpointerleave={on_pointer_leave}
                onkeydown={on_key}>
                <defs>
                    <pattern id="fw-grid" patternUnits="userSpaceOnUse"
                        x={gx.to_string()} y={gy.to_string()}
                        width={step.to_string()} height={step.to_string()}>
                        <circle class="grid-dot" cx={half.clone()} cy={half} r={dot}/>
                    </pattern>
                    <marker id="fw-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7"
                        orient="auto-start-reverse" markerUnits="userSpaceOnUse">
                        <path d="M0 1.2L9 5L0 8.8z" class="arrow arrow-muted"/>
                    </marker>
                    <marker id="fw-arrow-strong" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8"
                        orient="auto-start-reverse" markerUnits="userSpaceOnUse">
                        <path d="M0 1.2L9 5L0 8.8z" class="arrow arrow-strong"/>
                    </marker>
                    <marker id="fw-arrow-accent" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8"
                        orient="auto-start-reverse" markerUnits="userSpaceOnUse">
                        <path d="M0 1.2L9 5L0 8.8z" class="arrow arrow-accent"/>
                    </marker>
                    <IconPatterns/>
                </defs>
                <rect class="canvas-bg" width="100%" height="100%" fill="url(#fw-grid)"/>
                <g data-testid="viewport" transform={props.viewport.svg_transform()} ref={world_ref}>
                    <SceneView lang={props.lang} view={props.view.clone()} selection={props.selection.clone()}
                        detail={Detail::at(props.viewport.scale)} {region}/>
                    if let Some(frame) = &props.run.frame {
                        <Stage lang={props.lang} view={props.view.clone()} frame={frame.clone()}
                            rates={props.run.rates.clone()}/>
                    }
                    { overlay_html }
                </g>
            </svg>
            <p id="canvas-help" class="visually-hidden">{ s.canvas_help }</p>
            if !empty {
                <RunBar lang={props.lang} run={props.run.clone()} command={props.run_command.clone()}/>
            }
            <CanvasToolbar lang={props.lang} dispatch={props.dispatch.clone()} view={props.view.clone()}
                selected={props.selection.nodes.len()} snap={props.snap}/>
            if empty {
                <div class="canvas-empty">
                    <div class="canvas-empty-card">
                        <div class="canvas-empty-icon"><UiIcon icon={Ui::Cursor} size={22}/></div>
                        <h2>{ s.canvas_empty_title }</h2>
                        <p>{ s.canvas_empty_drag }</p>
                        <p>{ s.canvas_empty_keyboard }</p>
                        <p>{ s.canvas_empty_open }</p>
                        <p class="muted">{ s.canvas_empty_navigate }</p>
                    </div>
                </div>
            }
            if !status.is_empty() {
                <div class="canvas-status" role="status">{ status }</div>
            }
            { for context_menu }
            <MinimapView lang={props.lang} dispatch={props.dispatch.clone()} viewport={props.viewport}
                view_size={props.view_size} view={props.view.clone()}/>
            <ZoomControls lang={props.lang} dispatch={props.dispatch.clone()} viewport={props.viewport}/>
        </section>
    }
}
