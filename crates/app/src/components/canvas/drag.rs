//! The live preview of moving resources: the one place the canvas writes to the DOM
//! behind Yew's back, so that a pointer move costs a few attribute writes instead of
//! a render. At the start of a drag it finds the moving boxes and the edges with one
//! end among them; each frame it translates those boxes and re-routes those edges
//! (with the core's edge geometry); at the end it puts every attribute back exactly
//! as it was, and the gesture's command, applied once, re-renders what really changed.

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

/// A moving box and the transform it had.
struct MovingBox {
    el: Element,
    rect: Rect,
    original: Option<String>,
}

/// An edge that follows the drag.
struct FollowingEdge {
    hit: Option<Element>,
    line: Option<Element>,
    label: Option<Element>,
    original_d: Option<String>,
    original_label: Option<String>,
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
    boxes: Vec<MovingBox>,
    edges: Vec<FollowingEdge>,
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
        let mut boxes = Vec::new();
        let box_query = selector("data-id", &mut moving.iter().map(String::as_str));
        for el in all(root, &box_query) {
            if !el.class_list().contains("shape") {
                continue;
            }
            let Some(node) = el
                .get_attribute("data-id")
                .and_then(|id| view.scene.node(&id))
            else {
                continue;
            };
            let _ = el.class_list().add_1("moving");
            boxes.push(MovingBox {
                original: el.get_attribute("transform"),
                el,
                rect: node.rect,
            });
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
                let hit = query(&g, ".edge-hit");
                let line = query(&g, ".edge-line");
                let label = query(&g, ".edge-label");
                edges.push(FollowingEdge {
                    original_d: line.as_ref().and_then(|l| l.get_attribute("d")),
                    original_label: label.as_ref().and_then(|l| l.get_attribute("transform")),
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
        Some(MoveDrag {
            pointer,
            start,
            ids: tops,
            moving,
            anchor,
            anchor_type,
            boxes,
            edges,
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
        for b in &self.boxes {
            let _ =
                b.el.set_attribute("transform", &translate(b.rect.x + dx, b.rect.y + dy));
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

    /// Puts every attribute back as it was; returns the offset to apply.
    pub fn finish(self) -> (Vec<String>, f64, f64) {
        for b in &self.boxes {
            match &b.original {
                Some(t) => {
                    let _ = b.el.set_attribute("transform", t);
                }
                None => {
                    let _ = b.el.remove_attribute("transform");
                }
            }
            let _ = b.el.class_list().remove_1("moving");
        }
        for e in &self.edges {
            if let Some(d) = &e.original_d {
                for el in [&e.hit, &e.line].into_iter().flatten() {
                    let _ = el.set_attribute("d", d);
                }
            }
            if let (Some(label), Some(t)) = (&e.label, &e.original_label) {
                let _ = label.set_attribute("transform", t);
            }
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

/// The element as an `Element`, if it is one.
pub fn element(target: Option<web_sys::EventTarget>) -> Option<Element> {
    target?.dyn_into::<Element>().ok()
}
