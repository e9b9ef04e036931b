//! The canvas: an SVG filling the centre, a dotted grid that pans and zooms with the
//! content, the world group (`data-testid="viewport"`) holding the resource cards,
//! pan by dragging the background, zoom with the wheel about the pointer.

use std::cell::RefCell;
use std::rc::Rc;

use formwork_core::diagram::{Point, Size, Viewport};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use yew::prelude::*;

use super::icons::{Ui, UiIcon};
use super::resource_node::ResourceNode;
use super::zoom_controls::ZoomControls;
use crate::Dispatch;
use crate::dom::{self, CANVAS_SVG_ID};
use crate::i18n::Lang;
use crate::model::Diagram;
use crate::state::Action;

/// Grid dot spacing in world units; it widens fourfold whenever dots would crowd.
const GRID: f64 = 16.0;
const GRID_MIN_SCREEN: f64 = 12.0;
/// Pointer travel (screen px) below which a press on the background is a click.
const CLICK_SLOP: f64 = 3.0;

#[derive(Properties, PartialEq)]
pub struct CanvasProps {
    pub lang: Lang,
    pub dispatch: Dispatch,
    pub viewport: Viewport,
    pub diagram: Rc<Diagram>,
    pub selected: Option<String>,
}

/// What the pointer that went down on the canvas is doing.
enum Drag {
    Pan {
        pointer: i32,
        start: Point,
        last: Point,
        moved: bool,
    },
    Node {
        pointer: i32,
        id: String,
        /// World offset from the card's top-left corner to the grab point.
        grab: Point,
    },
}

impl Drag {
    fn pointer(&self) -> i32 {
        match self {
            Drag::Pan { pointer, .. } | Drag::Node { pointer, .. } => *pointer,
        }
    }
}

/// The grid pattern's screen spacing and offset for a viewport.
fn grid(viewport: &Viewport) -> (f64, f64, f64) {
    let mut step = GRID * viewport.scale;
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

#[component(Canvas)]
pub fn canvas(props: &CanvasProps) -> Html {
    let s = props.lang.strings();
    let section_ref = use_node_ref();
    let svg_ref = use_node_ref();
    let drag: Rc<RefCell<Option<Drag>>> = use_mut_ref(|| None);
    let grabbing = use_state_eq(|| false);

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

    let on_pointer_down = {
        let svg_ref = svg_ref.clone();
        let drag = drag.clone();
        let grabbing = grabbing.clone();
        Callback::from(move |e: PointerEvent| {
            // Primary button pans; so does the middle one, as in most diagram tools.
            if e.button() != 0 && e.button() != 1 {
                return;
            }
            let Some(p) = local_point(&svg_ref, &e) else {
                return;
            };
            if let Some(svg) = svg_ref.cast::<web_sys::Element>() {
                let _ = svg.set_pointer_capture(e.pointer_id());
            }
            e.prevent_default();
            *drag.borrow_mut() = Some(Drag::Pan {
                pointer: e.pointer_id(),
                start: p,
                last: p,
                moved: false,
            });
            grabbing.set(true);
        })
    };

    let on_grab = {
        let svg_ref = svg_ref.clone();
        let drag = drag.clone();
        let viewport = props.viewport;
        let diagram = props.diagram.clone();
        let dispatch = props.dispatch.clone();
        Callback::from(move |(id, e): (String, PointerEvent)| {
            if e.button() != 0 {
                return;
            }
            e.stop_propagation();
            dispatch.dispatch(Action::Select(Some(id.clone())));
            let (Some(p), Some(r)) = (local_point(&svg_ref, &e), diagram.get(&id)) else {
                return;
            };
            if let Some(svg) = svg_ref.cast::<web_sys::Element>() {
                let _ = svg.set_pointer_capture(e.pointer_id());
            }
            let w = viewport.to_world(p);
            *drag.borrow_mut() = Some(Drag::Node {
                pointer: e.pointer_id(),
                id,
                grab: Point::new(w.x - r.pos.x, w.y - r.pos.y),
            });
        })
    };

    let on_pointer_move = {
        let svg_ref = svg_ref.clone();
        let drag = drag.clone();
        let dispatch = props.dispatch.clone();
        let viewport = props.viewport;
        Callback::from(move |e: PointerEvent| {
            let mut drag = drag.borrow_mut();
            let Some(d) = drag.as_mut() else { return };
            if d.pointer() != e.pointer_id() {
                return;
            }
            let Some(p) = local_point(&svg_ref, &e) else {
                return;
            };
            match d {
                Drag::Pan {
                    start, last, moved, ..
                } => {
                    if !*moved && (p.x - start.x).hypot(p.y - start.y) < CLICK_SLOP {
                        return;
                    }
                    *moved = true;
                    let (dx, dy) = (p.x - last.x, p.y - last.y);
                    *last = p;
                    dispatch.dispatch(Action::Pan { dx, dy });
                }
                Drag::Node { id, grab, .. } => {
                    let w = viewport.to_world(p);
                    dispatch.dispatch(Action::MoveResource {
                        id: id.clone(),
                        to: Point::new(w.x - grab.x, w.y - grab.y),
                    });
                }
            }
        })
    };

    let on_pointer_up = {
        let svg_ref = svg_ref.clone();
        let drag = drag.clone();
        let grabbing = grabbing.clone();
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: PointerEvent| {
            let Some(d) = drag.borrow_mut().take() else {
                return;
            };
            if let Some(svg) = svg_ref.cast::<web_sys::Element>() {
                let _ = svg.release_pointer_capture(d.pointer());
            }
            grabbing.set(false);
            // A click on the empty background clears the selection.
            if let Drag::Pan { moved: false, .. } = d
                && e.type_() == "pointerup"
            {
                dispatch.dispatch(Action::Select(None));
            }
        })
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

    let (step, gx, gy) = grid(&props.viewport);
    let dot = (1.1 * props.viewport.scale.clamp(0.6, 1.3)).to_string();
    let half = (step / 2.0).to_string();
    let nodes = props.diagram.resources().iter().map(|r| {
        html! {
            <ResourceNode key={r.logical_id.clone()} resource={r.clone()}
                selected={props.selected.as_deref() == Some(r.logical_id.as_str())}
                lang={props.lang} dispatch={props.dispatch.clone()} on_grab={on_grab.clone()}/>
        }
    });

    html! {
        <section class={classes!("canvas", (*grabbing).then_some("grabbing"))} aria-label={s.canvas} ref={section_ref}>
            <svg id={CANVAS_SVG_ID} class="canvas-svg" ref={svg_ref}
                onpointerdown={on_pointer_down} onpointermove={on_pointer_move}
                onpointerup={on_pointer_up.clone()} onpointercancel={on_pointer_up}
                onwheel={on_wheel}>
                <defs>
                    <pattern id="fw-grid" patternUnits="userSpaceOnUse"
                        x={gx.to_string()} y={gy.to_string()}
                        width={step.to_string()} height={step.to_string()}>
                        <circle class="grid-dot" cx={half.clone()} cy={half} r={dot}/>
                    </pattern>
                </defs>
                <rect class="canvas-bg" width="100%" height="100%" fill="url(#fw-grid)"/>
                <g data-testid="viewport" transform={props.viewport.svg_transform()}>
                    { for nodes }
                </g>
            </svg>
            if props.diagram.is_empty() {
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
            <ZoomControls lang={props.lang} dispatch={props.dispatch.clone()} viewport={props.viewport}/>
        </section>
    }
}
