//! The live preview of moving resources: the one place the canvas writes to the DOM
//! behind Yew's back, so that a pointer move costs a few attribute writes instead of
//! a render. At the start of a drag it finds the moving boxes and the edges with one
//! end among them and copies them into two drag layers over the canvas, each an
//! `<svg>` in a compositing layer of its own, hiding the originals. Each frame it
//! moves the layer of boxes as a whole (a transform the compositor applies: nothing is
//! drawn again) and re-routes the copied edges in the other (with the core's edge
//! geometry). The drawing itself does not change during the drag, so a frame redraws
//! only those few edges, not the hundreds of boxes under them. At the end the layers
//! go, the originals show again, and the gesture's command, applied once, re-renders
//! what really changed.

use std::collections::BTreeSet;

use formwork_core::diagram::arrange::{self, GRID};
use formwork_core::diagram::relations::LinkKind;
use formwork_core::diagram::route::route_in_lane;
use formwork_core::diagram::scene::SceneEdge;
use formwork_core::diagram::{Point, Rect};
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::components::scene_view::translate;
use crate::view::DocView;

/// An edge that follows the drag: the parts of its copy in the drag layer.
struct FollowingEdge {
    hit: Option<Element>,
    line: Option<Element>,
    label: Option<Element>,
    from: Rect,
    to: Rect,
    from_moves: bool,
    to_moves: bool,
    lane: f64,
    glue: bool,
}

/// The state of one drag of resources.
pub struct MoveDrag {
    pub pointer: i32,
    /// Where the pointer went down, in world units.
    pub start: Point,
    /// The resources moved, outermost only (what is inside comes along).
    pub ids: Vec<String>,
    /// Every moving resource, the contents of moved containers included.
    pub moving: BTreeSet<String>,
    /// The first of `ids`, whose corner lands on the grid.
    anchor: Rect,
    anchor_type: String,
    edges: Vec<FollowingEdge>,
    /// The drag layers (edges, boxes), and the drawn elements hidden under them.
    layers: Option<DragLayers>,
    hidden: Vec<Element>,
    /// Screen pixels per world unit, for moving the layer of boxes.
    scale: f64,
    /// The container highlighted as the one the anchor would land in.
    target: Option<(String, Element)>,
    parent: Option<String>,
    parent_el: Option<Element>,
    /// The offset shown, after snapping.
    pub dx: f64,
    pub dy: f64,
    pub snap: bool,
}

fn query(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

impl MoveDrag {
    /// Starts moving `ids` (and what is inside them); `root` holds the drawing.
    pub fn start(
        root: &Element,
        view: &DocView,
        pointer: i32,
        start: Point,
        ids: &[String],
        snap: bool,
        scale: f64,
    ) -> Option<MoveDrag> {
        let tops = arrange::roots(&view.scene.layout, ids);
        let first = tops.first()?;
        let anchor = view.scene.node(first)?.rect;
        let anchor_type = view.scene.node(first)?.type_name.clone();
        let parent = view.scene.node(first)?.parent.clone();
        let moving = view.scene.with_descendants(&tops);
        // One query each finds the boxes that move and the edges that follow them.
        let selector = |attr: &str, values: &mut dyn Iterator<Item = &str>| {
            values
                .map(|v| format!("[{attr}=\"{v}\"]"))
                .collect::<Vec<_>>()
                .join(",")
        };
        let layers = DragLayers::new(root)?;
        let mut hidden = Vec::new();
        let box_query = selector("data-id", &mut moving.iter().map(String::as_str));
        for el in all(root, &box_query) {
            if !el.class_list().contains("shape") {
                continue;
            }
            let Some(copy) = copy_of(&el) else {
                continue;
            };
            let _ = copy.class_list().add_1("moving");
            let _ = layers.boxes.append_child(&copy);
            hidden.push(el);
        }
        let touching: std::collections::BTreeMap<&str, &SceneEdge> = view
            .scene
            .edges_touching(&moving)
            .map(|(_, e)| (e.key.as_str(), e))
            .collect();
        let mut edges = Vec::new();
        if !touching.is_empty() {
            let edge_query = selector("data-edge", &mut touching.keys().copied());
            for g in all(root, &edge_query) {
                let Some(e) = g
                    .get_attribute("data-edge")
                    .and_then(|k| touching.get(k.as_str()).copied())
                else {
                    continue;
                };
                let (Some(from), Some(to)) =
                    (view.scene.node(&e.link.from), view.scene.node(&e.link.to))
                else {
                    continue;
                };
                let Some(copy) = copy_of(&g) else {
                    continue;
                };
                let _ = layers.edges.append_child(&copy);
                let hit = query(&copy, ".edge-hit");
                let line = query(&copy, ".edge-line");
                let label = query(&copy, ".edge-label");
                hidden.push(g);
                edges.push(FollowingEdge {
                    hit,
                    line,
                    label,
                    from: from.rect,
                    to: to.rect,
                    from_moves: moving.contains(&e.link.from),
                    to_moves: moving.contains(&e.link.to),
                    lane: e.lane,
                    glue: e.link.kind == LinkKind::Glue,
                });
            }
        }
        for el in &hidden {
            let _ = el.class_list().add_1("drag-source");
        }
        Some(MoveDrag {
            pointer,
            start,
            ids: tops,
            moving,
            anchor,
            anchor_type,
            edges,
            layers: Some(layers),
            hidden,
            scale,
            target: None,
            parent_el: parent
                .as_ref()
                .and_then(|p| query(root, &format!("[data-id=\"{p}\"]"))),
            parent,
            dx: 0.0,
            dy: 0.0,
            snap,
        })
    }

    /// Shows the boxes moved to where the pointer is now (world units).
    pub fn update(&mut self, root: &Element, view: &DocView, at: Point) -> bool {
        let (raw_dx, raw_dy) = (at.x - self.start.x, at.y - self.start.y);
        let grid = if self.snap { GRID } else { 0.0 };
        // The same snapping as the move command, so the drop lands where it shows.
        let dx = arrange::snap(self.anchor.x + raw_dx, grid) - self.anchor.x;
        let dy = arrange::snap(self.anchor.y + raw_dy, grid) - self.anchor.y;
        if (dx, dy) == (self.dx, self.dy) {
            return false;
        }
        self.dx = dx;
        self.dy = dy;
        if let Some(layers) = &self.layers {
            let _ = layers
                .box_layer
                .unchecked_ref::<web_sys::SvgElement>()
                .style()
                .set_property(
                    "transform",
                    &format!("translate({}px,{}px)", dx * self.scale, dy * self.scale),
                );
        }
        let shift = |r: Rect, moves: bool| {
            if moves {
                Rect::new(r.x + dx, r.y + dy, r.width, r.height)
            } else {
                r
            }
        };
        for e in &self.edges {
            let route = route_in_lane(
                &shift(e.from, e.from_moves),
                &shift(e.to, e.to_moves),
                e.lane,
            );
            let d = route.path();
            for el in [&e.hit, &e.line].into_iter().flatten() {
                let _ = el.set_attribute("d", &d);
            }
            if e.glue
                && let Some(label) = &e.label
            {
                let m = route.midpoint();
                let _ = label.set_attribute("transform", &translate(m.x, m.y));
            }
        }
        // Highlight the container the dragged box would drop into, when it changes.
        let centre = Rect::new(
            self.anchor.x + dx,
            self.anchor.y + dy,
            self.anchor.width,
            self.anchor.height,
        )
        .center();
        let target = view
            .scene
            .container_at(&self.anchor_type, centre, &self.moving)
            .map(|n| n.id.clone())
            .filter(|t| Some(t) != self.parent.as_ref());
        if target.as_ref() != self.target.as_ref().map(|(id, _)| id) {
            if let Some((_, el)) = self.target.take() {
                let _ = el.class_list().remove_1("drop-target");
            }
            if let Some(id) = target
                && let Some(el) = query(root, &format!("[data-id=\"{id}\"]"))
            {
                let _ = el.class_list().add_1("drop-target");
                self.target = Some((id, el));
            }
        }
        // Leaving the current container shows it as what the box leaves.
        if let Some(el) = &self.parent_el {
            let leaving = view
                .scene
                .container_at(&self.anchor_type, centre, &self.moving)
                .map(|n| &n.id)
                != self.parent.as_ref();
            let _ = el.class_list().toggle_with_force("drop-leaving", leaving);
        }
        true
    }

    /// Takes the drag layer away and shows the drawing as it was; returns the offset
    /// to apply.
    pub fn finish(self) -> (Vec<String>, f64, f64) {
        if let Some(layers) = &self.layers {
            layers.edge_layer.remove();
            layers.box_layer.remove();
        }
        for el in &self.hidden {
            let _ = el.class_list().remove_1("drag-source");
        }
        if let Some((_, el)) = &self.target {
            let _ = el.class_list().remove_1("drop-target");
        }
        if let Some(el) = &self.parent_el {
            let _ = el.class_list().remove_1("drop-leaving");
        }
        // Raw offsets in world units; the command snaps them the same way.
        (self.ids, self.dx, self.dy)
    }
}

/// A copy of a drawn box or edge for the drag layer: what it looks like, without what
/// identifies it (the original keeps its id, focus and the tests' and assistive
/// technology's attention).
fn copy_of(el: &Element) -> Option<Element> {
    let copy: Element = el.clone_node_with_deep(true).ok()?.dyn_into().ok()?;
    for attr in [
        "data-id",
        "data-edge",
        "tabindex",
        "role",
        "aria-label",
        "aria-pressed",
        "aria-roledescription",
    ] {
        let _ = copy.remove_attribute(attr);
    }
    Some(copy)
}

/// The two drag layers: `<svg>`s over the canvas's, drawn with the same viewport
/// transform and the same scene classes (so the copies look like the originals),
/// each in a compositing layer of its own; the boxes over the edges, as drawn.
struct DragLayers {
    edge_layer: Element,
    box_layer: Element,
    /// Where the copies go.
    edges: Element,
    boxes: Element,
}

impl DragLayers {
    fn new(root: &Element) -> Option<DragLayers> {
        let svg = root.closest("svg").ok().flatten()?;
        let scene_class = query(root, "g.scene")
            .and_then(|g| g.get_attribute("class"))
            .unwrap_or_else(|| "scene".into());
        let layer = || -> Option<(Element, Element)> {
            let document = gloo::utils::document();
            let ns = Some("http://www.w3.org/2000/svg");
            let layer = document.create_element_ns(ns, "svg").ok()?;
            let _ = layer.set_attribute("class", "drag-layer");
            let _ = layer.set_attribute("aria-hidden", "true");
            let world = document.create_element_ns(ns, "g").ok()?;
            if let Some(t) = root.get_attribute("transform") {
                let _ = world.set_attribute("transform", &t);
            }
            let scene = document.create_element_ns(ns, "g").ok()?;
            let _ = scene.set_attribute("class", &scene_class);
            let _ = world.append_child(&scene);
            let _ = layer.append_child(&world);
            Some((layer, scene))
        };
        let (edge_layer, edges) = layer()?;
        let (box_layer, boxes) = layer()?;
        let _ = svg.after_with_node_2(&edge_layer, &box_layer);
        Some(DragLayers {
            edge_layer,
            box_layer,
            edges,
            boxes,
        })
    }
}

/// The element as an `Element`, if it is one.
pub fn element(target: Option<web_sys::EventTarget>) -> Option<Element> {
    target?.dyn_into::<Element>().ok()
}
