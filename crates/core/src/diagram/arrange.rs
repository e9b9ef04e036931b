//! Editing a layout by hand: moving shapes together with what is inside them (and
//! into or out of containers), resizing containers, aligning, and finding room for new
//! shapes. Pure functions from a layout to a new layout; the commands in
//! `document::placement` write the result, and the containment it implies, as one
//! undoable step.
//!
//! Positions are absolute, as in the Designer metadata: moving a container moves each
//! shape inside it by the same amount.

use std::collections::BTreeSet;

use super::layout::{CONTAINER_HEADER, CONTAINER_PADDING};
use super::{Point, Rect};
use crate::template::designer::{Layout, Shape};

/// Positions snap to this grid (half the spacing of the canvas dots).
pub const GRID: f64 = 8.0;
/// The smallest a container can be made by resizing it.
pub const RESIZE_MIN_WIDTH: f64 = 200.0;
pub const RESIZE_MIN_HEIGHT: f64 = 100.0;
/// Room left between shapes placed automatically next to each other.
pub const PLACEMENT_GAP: f64 = 32.0;

/// `v` on the nearest grid line (unchanged when `grid` is not positive).
pub fn snap(v: f64, grid: f64) -> f64 {
    if grid > 0.0 {
        (v / grid).round() * grid
    } else {
        v
    }
}

pub fn rect_of(shape: &Shape) -> Rect {
    Rect::new(shape.x, shape.y, shape.width, shape.height)
}

fn set_rect(shape: &mut Shape, r: Rect) {
    shape.x = r.x;
    shape.y = r.y;
    shape.width = r.width;
    shape.height = r.height;
}

/// The containers around a shape, innermost first. A parent chain that loops (a
/// damaged layout) is cut where it would repeat.
pub fn ancestors(layout: &Layout, id: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = layout.shapes.get(id).and_then(|s| s.parent.clone());
    while let Some(p) = cur {
        if p == id || out.contains(&p) || !layout.shapes.contains_key(&p) {
            break;
        }
        cur = layout.shapes[&p].parent.clone();
        out.push(p);
    }
    out
}

/// How many containers a shape is inside.
pub fn depth(layout: &Layout, id: &str) -> usize {
    ancestors(layout, id).len()
}

/// Every shape inside `id`, at any depth, in layout order.
pub fn descendants(layout: &Layout, id: &str) -> Vec<String> {
    layout
        .shapes
        .keys()
        .filter(|k| k.as_str() != id && ancestors(layout, k).iter().any(|a| a == id))
        .cloned()
        .collect()
}

/// The shapes of `ids` that are not inside another shape of `ids`, in the order given.
pub fn roots(layout: &Layout, ids: &[String]) -> Vec<String> {
    let set: BTreeSet<&str> = ids.iter().map(String::as_str).collect();
    let mut out: Vec<String> = Vec::new();
    for id in ids {
        if layout.shapes.contains_key(id)
            && !ancestors(layout, id)
                .iter()
                .any(|a| set.contains(a.as_str()))
            && !out.contains(id)
        {
            out.push(id.clone());
        }
    }
    out
}

/// `ids` and everything inside them.
pub fn with_descendants(layout: &Layout, ids: &[String]) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = ids
        .iter()
        .filter(|id| layout.shapes.contains_key(*id))
        .cloned()
        .collect();
    for (k, _) in layout.shapes.iter() {
        if ancestors(layout, k).iter().any(|a| ids.contains(a)) {
            out.insert(k.clone());
        }
    }
    out
}

/// The innermost container whose box holds `p` and that `accepts` (given its id) what
/// is being placed, leaving out `excluded` shapes.
pub fn container_at(
    layout: &Layout,
    accepts: impl Fn(&str) -> bool,
    p: Point,
    excluded: &BTreeSet<String>,
) -> Option<String> {
    layout
        .shapes
        .iter()
        .filter(|(id, s)| !excluded.contains(*id) && accepts(id) && rect_of(s).contains(p))
        .max_by(|(a, sa), (b, sb)| {
            let (da, db) = (depth(layout, a), depth(layout, b));
            da.cmp(&db).then_with(|| {
                // The smaller box is the one drawn on top.
                (sb.width * sb.height)
                    .partial_cmp(&(sa.width * sa.height))
                    .unwrap_or(std::cmp::Ordering::Equal)
            })
        })
        .map(|(id, _)| id.clone())
}

/// A shape that changed containers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reparent {
    pub id: String,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// The layout after a move, and the shapes that moved into or out of containers.
#[derive(Clone, Debug, PartialEq)]
pub struct Moved {
    pub layout: Layout,
    pub reparented: Vec<Reparent>,
}

/// Moves shapes by `(dx, dy)`, each with everything inside it. With a grid, the first
/// shape lands on it and the others keep their place relative to it. Each moved shape
/// then belongs to the innermost container under its centre that `accepts(shape,
/// container)` it (not one being moved), and containers grow to hold what is in them.
pub fn move_shapes(
    layout: &Layout,
    accepts: impl Fn(&str, &str) -> bool,
    ids: &[String],
    dx: f64,
    dy: f64,
    grid: f64,
) -> Moved {
    let tops = roots(layout, ids);
    let Some(first) = tops.first().map(|id| &layout.shapes[id]) else {
        return Moved {
            layout: layout.clone(),
            reparented: Vec::new(),
        };
    };
    let (dx, dy) = (
        snap(first.x + dx, grid) - first.x,
        snap(first.y + dy, grid) - first.y,
    );
    let moving = with_descendants(layout, &tops);
    let mut out = layout.clone();
    for id in &moving {
        let s = out.shapes.get_mut(id).expect("moving shapes exist");
        s.x += dx;
        s.y += dy;
    }
    let mut reparented = Vec::new();
    for id in &tops {
        let centre = rect_of(&out.shapes[id]).center();
        let to = container_at(&out, |k| accepts(id, k), centre, &moving);
        let from = out.shapes[id].parent.clone();
        if to != from {
            out.shapes.get_mut(id).expect("present").parent = to.clone();
            reparented.push(Reparent {
                id: id.clone(),
                from,
                to,
            });
        }
    }
    for id in &moving {
        let z = depth(&out, id) as i64;
        out.shapes.get_mut(id).expect("present").z = z;
    }
    for id in &tops {
        fit_ancestors(&mut out, id);
    }
    Moved {
        layout: out,
        reparented,
    }
}

/// Grows the containers around `id`, innermost first, until each holds what is in it
/// with its header and padding.
pub fn fit_ancestors(layout: &mut Layout, id: &str) {
    let mut child = id.to_string();
    for parent in ancestors(layout, id) {
        let c = rect_of(&layout.shapes[&child]);
        let need = Rect::new(
            c.x - CONTAINER_PADDING,
            c.y - CONTAINER_HEADER,
            c.width + 2.0 * CONTAINER_PADDING,
            c.height + CONTAINER_HEADER + CONTAINER_PADDING,
        );
        let p = rect_of(&layout.shapes[&parent]);
        let grown = p.union(&need);
        if grown == p {
            break;
        }
        set_rect(layout.shapes.get_mut(&parent).expect("present"), grown);
        child = parent;
    }
}

/// Which edges of a box a resize handle moves.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Edges {
    pub left: bool,
    pub top: bool,
    pub right: bool,
    pub bottom: bool,
}

impl Edges {
    /// The eight handles of a box, clockwise from the top-left corner, by name:
    /// `nw n ne e se s sw w`.
    pub fn from_handle(name: &str) -> Edges {
        Edges {
            left: name.contains('w'),
            top: name.starts_with('n'),
            right: name.contains('e'),
            bottom: name.starts_with('s'),
        }
    }

    /// The handle names, clockwise from the top-left corner.
    pub const HANDLES: [&'static str; 8] = ["nw", "n", "ne", "e", "se", "s", "sw", "w"];
}

/// The box a container would have after dragging `edges` by `(dx, dy)`: edges on the
/// grid, never smaller than what is inside it (with header and padding) nor than the
/// minimum size.
pub fn resized_rect(layout: &Layout, id: &str, edges: Edges, dx: f64, dy: f64, grid: f64) -> Rect {
    let Some(shape) = layout.shapes.get(id) else {
        return Rect::default();
    };
    let r = rect_of(shape);
    let (mut x0, mut y0, mut x1, mut y1) = (r.x, r.y, r.right(), r.bottom());
    if edges.left {
        x0 = snap(x0 + dx, grid);
    }
    if edges.right {
        x1 = snap(x1 + dx, grid);
    }
    if edges.top {
        y0 = snap(y0 + dy, grid);
    }
    if edges.bottom {
        y1 = snap(y1 + dy, grid);
    }
    let inside = Rect::union_all(
        layout
            .shapes
            .iter()
            .filter(|(_, s)| s.parent.as_deref() == Some(id))
            .map(|(_, s)| rect_of(s)),
    );
    if let Some(c) = inside {
        x0 = x0.min(c.x - CONTAINER_PADDING);
        y0 = y0.min(c.y - CONTAINER_HEADER);
        x1 = x1.max(c.right() + CONTAINER_PADDING);
        y1 = y1.max(c.bottom() + CONTAINER_PADDING);
    }
    if x1 - x0 < RESIZE_MIN_WIDTH {
        if edges.left {
            x0 = x1 - RESIZE_MIN_WIDTH;
        } else {
            x1 = x0 + RESIZE_MIN_WIDTH;
        }
    }
    if y1 - y0 < RESIZE_MIN_HEIGHT {
        if edges.top {
            y0 = y1 - RESIZE_MIN_HEIGHT;
        } else {
            y1 = y0 + RESIZE_MIN_HEIGHT;
        }
    }
    Rect::new(x0, y0, x1 - x0, y1 - y0)
}

/// The layout after resizing a container (see [`resized_rect`]); the containers
/// around it grow when it outgrows them.
pub fn resize(layout: &Layout, id: &str, edges: Edges, dx: f64, dy: f64, grid: f64) -> Layout {
    let mut out = layout.clone();
    if !out.shapes.contains_key(id) {
        return out;
    }
    let r = resized_rect(layout, id, edges, dx, dy, grid);
    set_rect(out.shapes.get_mut(id).expect("present"), r);
    fit_ancestors(&mut out, id);
    out
}

/// How to line shapes up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
    Top,
    Middle,
    Bottom,
}

impl Align {
    pub const ALL: [Align; 6] = [
        Align::Left,
        Align::Center,
        Align::Right,
        Align::Top,
        Align::Middle,
        Align::Bottom,
    ];
}

/// Lines shapes up on the edge or centre of the box around them; each brings what is
/// inside it. Fewer than two shapes stay where they are.
pub fn align(layout: &Layout, ids: &[String], how: Align) -> Layout {
    let tops = roots(layout, ids);
    let mut out = layout.clone();
    if tops.len() < 2 {
        return out;
    }
    let bounds = Rect::union_all(tops.iter().map(|id| rect_of(&layout.shapes[id])))
        .expect("at least two shapes");
    for id in &tops {
        let r = rect_of(&layout.shapes[id]);
        let (dx, dy) = match how {
            Align::Left => (bounds.x - r.x, 0.0),
            Align::Center => (bounds.center().x - r.center().x, 0.0),
            Align::Right => (bounds.right() - r.right(), 0.0),
            Align::Top => (0.0, bounds.y - r.y),
            Align::Middle => (0.0, bounds.center().y - r.center().y),
            Align::Bottom => (0.0, bounds.bottom() - r.bottom()),
        };
        for m in with_descendants(layout, std::slice::from_ref(id)) {
            let s = out.shapes.get_mut(&m).expect("present");
            s.x += dx;
            s.y += dy;
        }
    }
    for id in &tops {
        fit_ancestors(&mut out, id);
    }
    out
}

/// The boxes in `parent` that a new box must not cover: those `blocks` names.
fn blockers(layout: &Layout, parent: Option<&str>, blocks: impl Fn(&str) -> bool) -> Vec<Rect> {
    layout
        .shapes
        .iter()
        .filter(|(id, s)| s.parent.as_deref() == parent && blocks(id))
        .map(|(_, s)| rect_of(s))
        .collect()
}

/// Whether `r` covers one of `boxes`, or comes within a pixel of it.
fn covers(boxes: &[Rect], r: &Rect) -> bool {
    boxes.iter().any(|s| {
        r.x < s.right() + 1.0
            && s.x < r.right() + 1.0
            && r.y < s.bottom() + 1.0
            && s.y < r.bottom() + 1.0
    })
}

/// Like [`free_spot`], but a free slot the user can see comes first: the slot inside
/// `view` (the part of the world on screen) nearest to `wanted`, in steps of its size
/// and the gap in every direction; when the view has none, [`free_spot`]'s.
pub fn free_spot_in_view(layout: &Layout, wanted: Rect, view: Rect) -> Rect {
    let siblings = blockers(layout, None, |_| true);
    let inside = |r: &Rect| {
        r.x >= view.x && r.y >= view.y && r.right() <= view.right() && r.bottom() <= view.bottom()
    };
    let (step_x, step_y) = (wanted.width + PLACEMENT_GAP, wanted.height + PLACEMENT_GAP);
    let cols = (view.width / step_x).ceil() as i32 + 1;
    let rows = (view.height / step_y).ceil() as i32 + 1;
    let mut best: Option<(f64, Rect)> = None;
    for row in -rows..=rows {
        for col in -cols..=cols {
            let r = Rect::new(
                wanted.x + f64::from(col) * step_x,
                wanted.y + f64::from(row) * step_y,
                wanted.width,
                wanted.height,
            );
            let d = (f64::from(col) * step_x).hypot(f64::from(row) * step_y);
            if inside(&r) && !covers(&siblings, &r) && best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, r));
            }
        }
    }
    best.map_or_else(|| free_spot(layout, None, wanted, |_| true), |(_, r)| r)
}

/// A place for the box `wanted` where it covers no shape in the same container that
/// `blocks` (given its id): `wanted` itself when free, else the nearest free slot in
/// rows below and columns beside it.
pub fn free_spot(
    layout: &Layout,
    parent: Option<&str>,
    wanted: Rect,
    blocks: impl Fn(&str) -> bool,
) -> Rect {
    let siblings = blockers(layout, parent, blocks);
    let step_x = wanted.width + PLACEMENT_GAP;
    let step_y = wanted.height + PLACEMENT_GAP;
    for row in 0..60 {
        for col in [0.0, 1.0, -1.0, 2.0, -2.0] {
            let r = Rect::new(
                wanted.x + col * step_x,
                wanted.y + row as f64 * step_y,
                wanted.width,
                wanted.height,
            );
            if !covers(&siblings, &r) {
                return r;
            }
        }
    }
    wanted
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(x: f64, y: f64, w: f64, h: f64, parent: Option<&str>) -> Shape {
        Shape {
            designer_id: String::new(),
            x,
            y,
            width: w,
            height: h,
            z: 0,
            parent: parent.map(str::to_string),
        }
    }

    /// Vpc (containing Net, containing Web), a second VPC, and a loose Bucket.
    fn sample() -> Layout {
        let mut l = Layout::default();
        l.shapes
            .insert("Vpc".into(), shape(0.0, 0.0, 600.0, 400.0, None));
        l.shapes
            .insert("Net".into(), shape(40.0, 60.0, 320.0, 200.0, Some("Vpc")));
        l.shapes
            .insert("Web".into(), shape(80.0, 120.0, 220.0, 56.0, Some("Net")));
        l.shapes
            .insert("Vpc2".into(), shape(800.0, 0.0, 400.0, 300.0, None));
        l.shapes
            .insert("Bucket".into(), shape(0.0, 600.0, 220.0, 56.0, None));
        l
    }

    fn containers(id: &str) -> bool {
        matches!(id, "Vpc" | "Net" | "Vpc2")
    }

    fn accepts(_child: &str, container: &str) -> bool {
        containers(container)
    }

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn family_relations_follow_parents() {
        let l = sample();
        assert_eq!(ancestors(&l, "Web"), ids(&["Net", "Vpc"]));
        assert_eq!(depth(&l, "Web"), 2);
        assert_eq!(descendants(&l, "Vpc"), ids(&["Net", "Web"]));
        assert_eq!(
            roots(&l, &ids(&["Web", "Vpc", "Bucket"])),
            ids(&["Vpc", "Bucket"])
        );
        let mut looped = l.clone();
        looped.shapes.get_mut("Vpc").unwrap().parent = Some("Web".into());
        assert_eq!(ancestors(&looped, "Web"), ids(&["Net", "Vpc"]));
    }

    #[test]
    fn the_innermost_container_under_a_point_wins() {
        let l = sample();
        let none = BTreeSet::new();
        assert_eq!(
            container_at(&l, containers, Point::new(100.0, 130.0), &none).as_deref(),
            Some("Net")
        );
        assert_eq!(
            container_at(&l, containers, Point::new(500.0, 30.0), &none).as_deref(),
            Some("Vpc")
        );
        assert_eq!(
            container_at(&l, containers, Point::new(700.0, 30.0), &none),
            None
        );
        let moving: BTreeSet<String> = ["Net".to_string()].into();
        assert_eq!(
            container_at(&l, containers, Point::new(100.0, 130.0), &moving).as_deref(),
            Some("Vpc")
        );
    }

    #[test]
    fn moving_a_container_brings_its_contents_and_snaps() {
        let l = sample();
        let m = move_shapes(&l, accepts, &ids(&["Vpc"]), 13.0, 21.0, GRID);
        let s = &m.layout.shapes;
        assert_eq!((s["Vpc"].x, s["Vpc"].y), (16.0, 24.0));
        assert_eq!((s["Net"].x, s["Net"].y), (56.0, 84.0));
        assert_eq!((s["Web"].x, s["Web"].y), (96.0, 144.0));
        assert_eq!((s["Bucket"].x, s["Bucket"].y), (0.0, 600.0));
        assert!(m.reparented.is_empty());
    }

    #[test]
    fn moving_into_and_out_of_containers_reparents_and_grows() {
        let l = sample();
        // The bucket's centre lands inside the second VPC.
        let m = move_shapes(&l, accepts, &ids(&["Bucket"]), 850.0, -500.0, GRID);
        assert_eq!(
            m.reparented,
            vec![Reparent {
                id: "Bucket".into(),
                from: None,
                to: Some("Vpc2".into())
            }]
        );
        assert_eq!(m.layout.shapes["Bucket"].parent.as_deref(), Some("Vpc2"));
        assert_eq!(m.layout.shapes["Bucket"].z, 1);
        // The instance leaves its subnet and VPC entirely.
        let m = move_shapes(&l, accepts, &ids(&["Web"]), 0.0, 700.0, GRID);
        assert_eq!(m.reparented[0].from.as_deref(), Some("Net"));
        assert_eq!(m.reparented[0].to, None);
        // Moved to the subnet's edge, it stays in and the subnet (and VPC) grow.
        let m = move_shapes(&l, accepts, &ids(&["Web"]), 150.0, 0.0, GRID);
        assert!(m.reparented.is_empty());
        let (net, web) = (
            rect_of(&m.layout.shapes["Net"]),
            rect_of(&m.layout.shapes["Web"]),
        );
        assert!(net.right() >= web.right() + CONTAINER_PADDING);
        let vpc = rect_of(&m.layout.shapes["Vpc"]);
        assert!(vpc.right() >= net.right());
    }

    #[test]
    fn containers_never_drop_into_themselves() {
        let l = sample();
        // A tiny move of the subnet keeps it in the VPC, not inside its own child.
        let m = move_shapes(&l, accepts, &ids(&["Net", "Web"]), 8.0, 0.0, GRID);
        assert!(m.reparented.is_empty());
        assert_eq!(m.layout.shapes["Web"].parent.as_deref(), Some("Net"));
    }

    #[test]
    fn resizing_keeps_the_contents_inside_and_a_minimum_size() {
        let l = sample();
        let r = resized_rect(&l, "Net", Edges::from_handle("se"), -500.0, -500.0, GRID);
        let web = rect_of(&l.shapes["Web"]);
        assert_eq!(r.right(), web.right() + CONTAINER_PADDING);
        assert_eq!(r.bottom(), web.bottom() + CONTAINER_PADDING);
        let r = resized_rect(&l, "Vpc2", Edges::from_handle("nw"), 500.0, 500.0, GRID);
        assert_eq!((r.width, r.height), (RESIZE_MIN_WIDTH, RESIZE_MIN_HEIGHT));
        assert_eq!((r.right(), r.bottom()), (1200.0, 300.0));
        let bigger = resize(&l, "Net", Edges::from_handle("e"), 400.0, 0.0, GRID);
        assert_eq!(bigger.shapes["Net"].width, 720.0);
        assert!(bigger.shapes["Vpc"].width >= 40.0 + 720.0 + CONTAINER_PADDING);
        assert_eq!(
            Edges::from_handle("n"),
            Edges {
                top: true,
                ..Edges::default()
            }
        );
    }

    #[test]
    fn aligning_lines_up_edges_and_centres() {
        let l = sample();
        let sel = ids(&["Vpc2", "Bucket"]);
        let left = align(&l, &sel, Align::Left);
        assert_eq!(left.shapes["Vpc2"].x, 0.0);
        assert_eq!(left.shapes["Bucket"].x, 0.0);
        let bottom = align(&l, &sel, Align::Bottom);
        assert_eq!(bottom.shapes["Vpc2"].y + 300.0, 656.0);
        let centre = align(&l, &ids(&["Vpc", "Vpc2"]), Align::Center);
        assert_eq!(
            centre.shapes["Vpc"].x + 300.0,
            centre.shapes["Vpc2"].x + 200.0
        );
        // Contents come along.
        assert_eq!(centre.shapes["Net"].x - centre.shapes["Vpc"].x, 40.0);
        assert_eq!(align(&l, &ids(&["Vpc"]), Align::Left), l);
    }

    #[test]
    fn free_spots_avoid_siblings() {
        let l = sample();
        let wanted = Rect::new(0.0, 600.0, 220.0, 56.0);
        let r = free_spot(&l, None, wanted, |_| true);
        assert_ne!(r, wanted);
        assert_eq!(r.y, 600.0);
        let open = Rect::new(0.0, 900.0, 220.0, 56.0);
        assert_eq!(free_spot(&l, None, open, |_| true), open);
        // Containers may be left out: a card can sit on a VPC's edge.
        let on_vpc = Rect::new(500.0, 100.0, 220.0, 56.0);
        assert_eq!(free_spot(&l, None, on_vpc, |id| !containers(id)), on_vpc);
        assert_ne!(free_spot(&l, None, on_vpc, |_| true), on_vpc);
        // Inside a container only its other contents count.
        let inside = Rect::new(80.0, 200.0, 220.0, 56.0);
        assert_eq!(free_spot(&l, Some("Net"), inside, |_| true), inside);
    }

    #[test]
    fn a_spot_on_screen_comes_before_one_off_it() {
        // A row of boxes across the view: the old search goes right, past its edge.
        let mut l = Layout::default();
        for k in 0..5 {
            l.shapes.insert(
                format!("B{k}"),
                shape(f64::from(k) * 200.0, 0.0, 180.0, 80.0, None),
            );
        }
        let view = Rect::new(0.0, -200.0, 1000.0, 600.0);
        let wanted = Rect::new(400.0, 0.0, 180.0, 80.0);
        let r = free_spot_in_view(&l, wanted, view);
        assert!(r.x >= view.x && r.right() <= view.right(), "{r:?}");
        assert!(r.y >= view.y && r.bottom() <= view.bottom(), "{r:?}");
        assert_eq!(r.x, 400.0);
        // A full view falls back to the search beyond it.
        let tiny = Rect::new(400.0, 0.0, 180.0, 80.0);
        assert_eq!(
            free_spot_in_view(&l, wanted, tiny),
            free_spot(&l, None, wanted, |_| true)
        );
    }
}
