//! Edge geometry: orthogonal routes between two boxes, drawn with rounded corners.
//!
//! A route leaves one box from the side facing the other and enters the other from
//! the side facing back, with one bend pair in the middle of the gap (the "step"
//! edges of diagram tools). Boxes that overlap on both axes (a resource and the
//! container around it) are joined by a route that goes out to the right and comes
//! back in. Everything here is plain geometry, so it is tested natively and the same
//! function draws the edges of the diagram and the edges that follow a drag.

use super::{Point, Rect};

/// How far a route runs straight out of a box before it may bend.
pub const STUB: f64 = 16.0;
/// The radius of the rounded bends.
pub const CORNER_RADIUS: f64 = 10.0;
/// The smallest gap a straight link is drawn across.
pub const MIN_GAP: f64 = 8.0;
/// The spacing between parallel links joining the same two boxes.
pub const LANE_SPACING: f64 = 10.0;

/// A side of a box.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
    Top,
    Bottom,
}

/// A route: a polyline of axis-aligned segments from the border of one box to the
/// border of another.
#[derive(Clone, Debug, PartialEq)]
pub struct Route {
    pub points: Vec<Point>,
    pub from_side: Side,
    pub to_side: Side,
}

impl Route {
    /// The smallest rectangle holding the route.
    pub fn bounds(&self) -> Option<Rect> {
        Rect::union_all(self.points.iter().map(|p| Rect::new(p.x, p.y, 0.0, 0.0)))
    }

    /// The SVG path data (`M … L … Q …`) of the route with rounded bends.
    pub fn path(&self) -> String {
        path_data(&self.points, CORNER_RADIUS)
    }

    /// The total length of the polyline.
    pub fn length(&self) -> f64 {
        self.points.windows(2).map(|w| distance(w[0], w[1])).sum()
    }

    /// The point half way along the route, where its label goes.
    pub fn midpoint(&self) -> Point {
        let mut left = self.length() / 2.0;
        for w in self.points.windows(2) {
            let d = distance(w[0], w[1]);
            if d >= left && d > 0.0 {
                let t = left / d;
                return Point::new(
                    w[0].x + (w[1].x - w[0].x) * t,
                    w[0].y + (w[1].y - w[0].y) * t,
                );
            }
            left -= d;
        }
        self.points.last().copied().unwrap_or_default()
    }
}

fn distance(a: Point, b: Point) -> f64 {
    (b.x - a.x).hypot(b.y - a.y)
}

/// The route from one box to another.
pub fn route(from: &Rect, to: &Rect) -> Route {
    route_in_lane(from, to, 0.0)
}

/// The route from one box to another, shifted sideways by `lane` (world units) so
/// that parallel links between the same boxes stay apart. The shift is kept inside
/// the boxes' sides.
pub fn route_in_lane(from: &Rect, to: &Rect, lane: f64) -> Route {
    let right_gap = to.x - from.right();
    let left_gap = from.x - to.right();
    let down_gap = to.y - from.bottom();
    let up_gap = from.y - to.bottom();
    let horizontal = right_gap.max(left_gap);
    let vertical = down_gap.max(up_gap);
    let lane_y = |r: &Rect| clamp_lane(lane, r.height);
    let lane_x = |r: &Rect| clamp_lane(lane, r.width);

    // Boxes facing each other across a gap: a straight line through the middle of
    // the stretch they share (a gateway just above its VPC, a route table below its
    // subnet).
    let shared_x = (from.x.max(to.x), from.right().min(to.right()));
    let shared_y = (from.y.max(to.y), from.bottom().min(to.bottom()));
    if vertical >= MIN_GAP && shared_x.1 - shared_x.0 >= STUB {
        let room = (shared_x.1 - shared_x.0) / 2.0 - 6.0;
        let x = (shared_x.0 + shared_x.1) / 2.0 + lane.clamp(-room, room);
        let (a, b, fs, ts) = if down_gap >= up_gap {
            (from.bottom(), to.y, Side::Bottom, Side::Top)
        } else {
            (from.y, to.bottom(), Side::Top, Side::Bottom)
        };
        return Route {
            points: vec![Point::new(x, a), Point::new(x, b)],
            from_side: fs,
            to_side: ts,
        };
    }
    if horizontal >= MIN_GAP && shared_y.1 - shared_y.0 >= STUB {
        let room = (shared_y.1 - shared_y.0) / 2.0 - 6.0;
        let y = (shared_y.0 + shared_y.1) / 2.0 + lane.clamp(-room, room);
        let (a, b, fs, ts) = if right_gap >= left_gap {
            (from.right(), to.x, Side::Right, Side::Left)
        } else {
            (from.x, to.right(), Side::Left, Side::Right)
        };
        return Route {
            points: vec![Point::new(a, y), Point::new(b, y)],
            from_side: fs,
            to_side: ts,
        };
    }

    if horizontal >= 2.0 * STUB && (horizontal >= vertical || vertical < 2.0 * STUB) {
        let (start, end, from_side, to_side) = if right_gap >= left_gap {
            (
                Point::new(from.right(), from.center().y + lane_y(from)),
                Point::new(to.x, to.center().y + lane_y(to)),
                Side::Right,
                Side::Left,
            )
        } else {
            (
                Point::new(from.x, from.center().y + lane_y(from)),
                Point::new(to.right(), to.center().y + lane_y(to)),
                Side::Left,
                Side::Right,
            )
        };
        let mid = (start.x + end.x) / 2.0;
        return Route {
            points: simplify(vec![
                start,
                Point::new(mid, start.y),
                Point::new(mid, end.y),
                end,
            ]),
            from_side,
            to_side,
        };
    }
    if vertical >= 2.0 * STUB {
        let (start, end, from_side, to_side) = if down_gap >= up_gap {
            (
                Point::new(from.center().x + lane_x(from), from.bottom()),
                Point::new(to.center().x + lane_x(to), to.y),
                Side::Bottom,
                Side::Top,
            )
        } else {
            (
                Point::new(from.center().x + lane_x(from), from.y),
                Point::new(to.center().x + lane_x(to), to.bottom()),
                Side::Top,
                Side::Bottom,
            )
        };
        let mid = (start.y + end.y) / 2.0;
        return Route {
            points: simplify(vec![
                start,
                Point::new(start.x, mid),
                Point::new(end.x, mid),
                end,
            ]),
            from_side,
            to_side,
        };
    }
    // One inside the other (a resource drawn in a container it is linked to but not
    // nested in): straight to the container's nearest edge.
    if to.contains(from.center()) {
        return to_edge(from, to, lane, false);
    }
    if from.contains(to.center()) {
        return to_edge(to, from, lane, true);
    }
    // Too close: out of the right side, round, and back into the other box's right side.
    let start = Point::new(from.right(), from.center().y + lane_y(from));
    let end = Point::new(to.right(), to.center().y + lane_y(to));
    let out = from.right().max(to.right()) + 2.0 * STUB + lane.abs();
    Route {
        points: simplify(vec![
            start,
            Point::new(out, start.y),
            Point::new(out, end.y),
            end,
        ]),
        from_side: Side::Right,
        to_side: Side::Right,
    }
}

/// A straight route between a box and the nearest edge of the box around it; with
/// `outward`, from the outer box's edge in to the inner box.
fn to_edge(inner: &Rect, outer: &Rect, lane: f64, outward: bool) -> Route {
    let c = inner.center();
    let (lx, ly) = (
        clamp_lane(lane, inner.width),
        clamp_lane(lane, inner.height),
    );
    let gaps = [
        (inner.x - outer.x, Side::Left),
        (outer.right() - inner.right(), Side::Right),
        (inner.y - outer.y, Side::Top),
        (outer.bottom() - inner.bottom(), Side::Bottom),
    ];
    let side = gaps
        .iter()
        .min_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(std::cmp::Ordering::Equal))
        .map_or(Side::Right, |g| g.1);
    let (a, b) = match side {
        Side::Left => (Point::new(inner.x, c.y + ly), Point::new(outer.x, c.y + ly)),
        Side::Right => (
            Point::new(inner.right(), c.y + ly),
            Point::new(outer.right(), c.y + ly),
        ),
        Side::Top => (Point::new(c.x + lx, inner.y), Point::new(c.x + lx, outer.y)),
        Side::Bottom => (
            Point::new(c.x + lx, inner.bottom()),
            Point::new(c.x + lx, outer.bottom()),
        ),
    };
    let flipped = match side {
        Side::Left => Side::Right,
        Side::Right => Side::Left,
        Side::Top => Side::Bottom,
        Side::Bottom => Side::Top,
    };
    if outward {
        Route {
            points: vec![b, a],
            from_side: side,
            to_side: side,
        }
    } else {
        Route {
            points: vec![a, b],
            from_side: side,
            to_side: flipped,
        }
    }
}

/// The route of a connection being drawn: from a box to the pointer.
pub fn route_to_point(from: &Rect, to: Point) -> Route {
    route(from, &Rect::new(to.x, to.y, 0.0, 0.0))
}

/// Offsets for `count` parallel links, centred on zero.
pub fn lanes(count: usize) -> impl Iterator<Item = f64> {
    (0..count).map(move |i| (i as f64 - (count as f64 - 1.0) / 2.0) * LANE_SPACING)
}

fn clamp_lane(lane: f64, side_length: f64) -> f64 {
    let room = (side_length / 2.0 - 6.0).max(0.0);
    lane.clamp(-room, room)
}

/// Drops repeated points and points in the middle of a straight run.
fn simplify(points: Vec<Point>) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(points.len());
    for p in points {
        if out.last().is_some_and(|q| distance(*q, p) < 1e-6) {
            continue;
        }
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            let collinear = ((b.x - a.x) * (p.y - b.y) - (b.y - a.y) * (p.x - b.x)).abs() < 1e-6;
            if collinear {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

/// SVG path data through `points`, each bend rounded with a quadratic curve of at
/// most `radius` (less where a segment is too short for it).
pub fn path_data(points: &[Point], radius: f64) -> String {
    let mut d = String::new();
    let Some(first) = points.first() else {
        return d;
    };
    d.push_str(&format!("M{} {}", num(first.x), num(first.y)));
    for i in 1..points.len() {
        let p = points[i];
        if i + 1 < points.len() {
            let (prev, next) = (points[i - 1], points[i + 1]);
            let r = radius
                .min(distance(prev, p) / 2.0)
                .min(distance(p, next) / 2.0);
            let before = toward(p, prev, r);
            let after = toward(p, next, r);
            d.push_str(&format!(
                "L{} {}Q{} {} {} {}",
                num(before.x),
                num(before.y),
                num(p.x),
                num(p.y),
                num(after.x),
                num(after.y)
            ));
        } else {
            d.push_str(&format!("L{} {}", num(p.x), num(p.y)));
        }
    }
    d
}

/// The point `r` away from `from` in the direction of `to`.
fn toward(from: Point, to: Point, r: f64) -> Point {
    let d = distance(from, to);
    if d == 0.0 {
        return from;
    }
    Point::new(
        from.x + (to.x - from.x) / d * r,
        from.y + (to.y - from.y) / d * r,
    )
}

/// A coordinate with at most one decimal, without a trailing `.0`.
pub fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on_border(p: Point, r: &Rect) -> bool {
        let near = |a: f64, b: f64| (a - b).abs() < 1e-9;
        let within_x = p.x >= r.x - 1e-9 && p.x <= r.right() + 1e-9;
        let within_y = p.y >= r.y - 1e-9 && p.y <= r.bottom() + 1e-9;
        ((near(p.x, r.x) || near(p.x, r.right())) && within_y)
            || ((near(p.y, r.y) || near(p.y, r.bottom())) && within_x)
    }

    fn orthogonal(route: &Route) -> bool {
        route
            .points
            .windows(2)
            .all(|w| (w[0].x - w[1].x).abs() < 1e-9 || (w[0].y - w[1].y).abs() < 1e-9)
    }

    #[test]
    fn side_by_side_boxes_join_left_to_right_with_a_step() {
        let a = Rect::new(0.0, 0.0, 100.0, 50.0);
        let b = Rect::new(300.0, 200.0, 100.0, 50.0);
        let r = route(&a, &b);
        assert_eq!((r.from_side, r.to_side), (Side::Right, Side::Left));
        assert_eq!(
            r.points,
            vec![
                Point::new(100.0, 25.0),
                Point::new(200.0, 25.0),
                Point::new(200.0, 225.0),
                Point::new(300.0, 225.0)
            ]
        );
        assert!(orthogonal(&r));
        assert!(on_border(r.points[0], &a) && on_border(*r.points.last().unwrap(), &b));
        // Right to left as well.
        let back = route(&b, &a);
        assert_eq!((back.from_side, back.to_side), (Side::Left, Side::Right));
        assert_eq!(back.points[0], Point::new(300.0, 225.0));
    }

    #[test]
    fn aligned_boxes_join_with_a_straight_line() {
        let a = Rect::new(0.0, 0.0, 100.0, 50.0);
        let b = Rect::new(200.0, 0.0, 100.0, 50.0);
        let r = route(&a, &b);
        assert_eq!(
            r.points,
            vec![Point::new(100.0, 25.0), Point::new(200.0, 25.0)]
        );
        assert_eq!(r.path(), "M100 25L200 25");
        assert_eq!(r.midpoint(), Point::new(150.0, 25.0));
    }

    #[test]
    fn boxes_facing_each_other_join_straight_through_what_they_share() {
        // A gateway just above a wide VPC: straight down, however small the gap.
        let igw = Rect::new(20.0, 0.0, 220.0, 56.0);
        let vpc = Rect::new(0.0, 80.0, 720.0, 400.0);
        let r = route(&igw, &vpc);
        assert_eq!(
            r.points,
            vec![Point::new(130.0, 56.0), Point::new(130.0, 80.0)]
        );
        assert_eq!((r.from_side, r.to_side), (Side::Bottom, Side::Top));
        // Side by side with rows overlapping: straight across.
        let a = Rect::new(0.0, 0.0, 100.0, 50.0);
        let b = Rect::new(300.0, 20.0, 100.0, 50.0);
        let r = route(&a, &b);
        assert_eq!(
            r.points,
            vec![Point::new(100.0, 35.0), Point::new(300.0, 35.0)]
        );
    }

    #[test]
    fn stacked_boxes_join_top_to_bottom() {
        let a = Rect::new(0.0, 0.0, 100.0, 50.0);
        let b = Rect::new(140.0, 200.0, 100.0, 50.0);
        let r = route(&a, &b);
        assert_eq!((r.from_side, r.to_side), (Side::Bottom, Side::Top));
        assert!(orthogonal(&r));
        assert_eq!(r.points[0], Point::new(50.0, 50.0));
        assert_eq!(*r.points.last().unwrap(), Point::new(190.0, 200.0));
        let up = route(&b, &a);
        assert_eq!((up.from_side, up.to_side), (Side::Top, Side::Bottom));
    }

    #[test]
    fn a_box_inside_another_reaches_its_nearest_edge() {
        let inner = Rect::new(20.0, 40.0, 100.0, 50.0);
        let outer = Rect::new(0.0, 0.0, 300.0, 200.0);
        let r = route(&inner, &outer);
        assert_eq!(
            r.points,
            vec![Point::new(20.0, 65.0), Point::new(0.0, 65.0)]
        );
        assert_eq!(r.from_side, Side::Left);
        // From the container in to the resource, the other way round.
        let r = route(&outer, &inner);
        assert_eq!(
            r.points,
            vec![Point::new(0.0, 65.0), Point::new(20.0, 65.0)]
        );
        // Near the bottom edge, the link drops to it.
        let low = Rect::new(120.0, 140.0, 100.0, 50.0);
        let r = route(&low, &outer);
        assert_eq!(*r.points.last().unwrap(), Point::new(170.0, 200.0));
        assert!(orthogonal(&r));
    }

    #[test]
    fn overlapping_boxes_go_out_and_back() {
        let a = Rect::new(0.0, 0.0, 100.0, 50.0);
        let b = Rect::new(60.0, 30.0, 100.0, 50.0);
        let r = route(&a, &b);
        assert_eq!((r.from_side, r.to_side), (Side::Right, Side::Right));
        assert!(orthogonal(&r));
        assert!(on_border(r.points[0], &a) && on_border(*r.points.last().unwrap(), &b));
    }

    #[test]
    fn lanes_separate_parallel_links_and_stay_on_the_boxes() {
        let a = Rect::new(0.0, 0.0, 100.0, 50.0);
        let b = Rect::new(300.0, 0.0, 100.0, 50.0);
        let offsets: Vec<f64> = lanes(3).collect();
        assert_eq!(offsets, vec![-10.0, 0.0, 10.0]);
        let routes: Vec<Route> = offsets.iter().map(|&l| route_in_lane(&a, &b, l)).collect();
        assert_ne!(routes[0].points[0], routes[2].points[0]);
        let huge = route_in_lane(&a, &b, 500.0);
        assert!(on_border(huge.points[0], &a));
    }

    #[test]
    fn bends_are_rounded_within_short_segments() {
        let d = path_data(
            &[
                Point::new(0.0, 0.0),
                Point::new(100.0, 0.0),
                Point::new(100.0, 6.0),
                Point::new(200.0, 6.0),
            ],
            10.0,
        );
        // The 6-unit middle segment leaves room for a radius of 3 at each bend.
        assert_eq!(d, "M0 0L97 0Q100 0 100 3L100 3Q100 6 103 6L200 6");
        assert_eq!(path_data(&[], 10.0), "");
        assert_eq!(num(12.345), "12.3");
        assert_eq!(num(-0.04), "0");
    }

    #[test]
    fn preview_routes_reach_the_pointer() {
        let a = Rect::new(0.0, 0.0, 100.0, 50.0);
        let r = route_to_point(&a, Point::new(400.0, 300.0));
        assert_eq!(*r.points.last().unwrap(), Point::new(400.0, 300.0));
        assert!(orthogonal(&r));
    }
}
