//! The canvas viewport: a uniform scale followed by a translation, mapping world
//! coordinates (where diagram shapes live) to screen coordinates (CSS pixels inside
//! the canvas element).
//!
//! `screen = world * scale + (tx, ty)` and `world = (screen - (tx, ty)) / scale`.
//!
//! Every operation returns a new viewport with the scale clamped to
//! [`MIN_ZOOM`]..=[`MAX_ZOOM`], and keeps a chosen screen point fixed while zooming,
//! so the content under the cursor (or the centre of the view) stays put.

/// The smallest scale the canvas allows (5 %: a 500-resource template fits the view).
pub const MIN_ZOOM: f64 = 0.05;
/// The largest scale the canvas allows (400 %).
pub const MAX_ZOOM: f64 = 4.0;

/// The levels that the zoom in and zoom out commands step through, as in browsers
/// and diagram tools, so repeated clicks land on round percentages.
pub const ZOOM_STEPS: [f64; 18] = [
    0.05, 0.1, 0.25, 0.33, 0.5, 0.67, 0.75, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0,
];

/// Two scales closer than this are the same zoom level.
const SCALE_EPSILON: f64 = 1e-6;

/// How strongly one pixel of wheel travel zooms: 300 px of travel doubles or halves.
const WHEEL_PIXELS_PER_DOUBLING: f64 = 300.0;

/// A point in either coordinate space.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    pub const fn new(x: f64, y: f64) -> Self {
        Point { x, y }
    }
}

/// A width and height in CSS pixels.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Size {
    pub width: f64,
    pub height: f64,
}

impl Size {
    pub const fn new(width: f64, height: f64) -> Self {
        Size { width, height }
    }

    /// The middle of an area of this size whose top-left corner is the origin.
    pub fn center(self) -> Point {
        Point::new(self.width / 2.0, self.height / 2.0)
    }

    /// True when there is no area to show anything in (not yet laid out, or hidden).
    pub fn is_empty(self) -> bool {
        !(self.width > 0.0 && self.height > 0.0)
    }
}

/// An axis-aligned rectangle, top-left corner plus size.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    pub const fn new(x: f64, y: f64, width: f64, height: f64) -> Self {
        Rect {
            x,
            y,
            width,
            height,
        }
    }

    /// The smallest rectangle holding both corners, whichever way round they are given.
    pub fn from_corners(a: Point, b: Point) -> Self {
        let x = a.x.min(b.x);
        let y = a.y.min(b.y);
        Rect::new(x, y, (a.x - b.x).abs(), (a.y - b.y).abs())
    }

    pub fn right(&self) -> f64 {
        self.x + self.width
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.height
    }

    pub fn center(&self) -> Point {
        Point::new(self.x + self.width / 2.0, self.y + self.height / 2.0)
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, other: &Rect) -> Rect {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        Rect::new(
            x,
            y,
            self.right().max(other.right()) - x,
            self.bottom().max(other.bottom()) - y,
        )
    }

    /// The smallest rectangle holding all of them, or `None` for none.
    pub fn union_all<I: IntoIterator<Item = Rect>>(rects: I) -> Option<Rect> {
        rects.into_iter().reduce(|a, b| a.union(&b))
    }

    /// True when the point is inside or on the edge.
    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.x && p.x <= self.right() && p.y >= self.y && p.y <= self.bottom()
    }

    /// True when the two overlap or touch.
    pub fn intersects(&self, other: &Rect) -> bool {
        self.x <= other.right()
            && other.x <= self.right()
            && self.y <= other.bottom()
            && other.y <= self.bottom()
    }
}

/// A 2-D affine matrix in the SVG/DOM layout `[a c e; b d f; 0 0 1]`, as returned by
/// `SVGGraphicsElement.getScreenCTM()`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Affine {
    pub a: f64,
    pub b: f64,
    pub c: f64,
    pub d: f64,
    pub e: f64,
    pub f: f64,
}

impl Affine {
    pub const IDENTITY: Affine = Affine {
        a: 1.0,
        b: 0.0,
        c: 0.0,
        d: 1.0,
        e: 0.0,
        f: 0.0,
    };

    pub fn apply(&self, p: Point) -> Point {
        Point::new(
            self.a * p.x + self.c * p.y + self.e,
            self.b * p.x + self.d * p.y + self.f,
        )
    }

    /// Maps a point back through the matrix (screen to user space for a screen CTM).
    /// `None` when the matrix cannot be inverted (an element scaled to nothing).
    pub fn apply_inverse(&self, p: Point) -> Option<Point> {
        let det = self.a * self.d - self.b * self.c;
        if det.abs() < 1e-12 || !det.is_finite() {
            return None;
        }
        let x = p.x - self.e;
        let y = p.y - self.f;
        Some(Point::new(
            (self.d * x - self.c * y) / det,
            (self.a * y - self.b * x) / det,
        ))
    }
}

/// Clamps a scale into the allowed range; anything that is not a finite positive
/// number becomes 100 %.
pub fn clamp_zoom(scale: f64) -> f64 {
    if scale.is_finite() && scale > 0.0 {
        scale.clamp(MIN_ZOOM, MAX_ZOOM)
    } else {
        1.0
    }
}

/// The zoom factor for one wheel event, given its vertical travel in pixels
/// (positive = away from the user = zoom out, as in every diagram tool).
pub fn wheel_zoom_factor(delta_y_pixels: f64) -> f64 {
    if !delta_y_pixels.is_finite() {
        return 1.0;
    }
    // A single notch of a coarse wheel is ~100 px; cap it so one event never jumps
    // more than about one zoom step.
    let travel = delta_y_pixels.clamp(-120.0, 120.0);
    (-travel / WHEEL_PIXELS_PER_DOUBLING).exp2()
}

/// Pan and zoom of the canvas.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    /// Screen x of the world origin.
    pub tx: f64,
    /// Screen y of the world origin.
    pub ty: f64,
    /// Screen pixels per world unit.
    pub scale: f64,
}

impl Default for Viewport {
    fn default() -> Self {
        Viewport::IDENTITY
    }
}

impl Viewport {
    /// 100 %, world origin at the top-left corner of the canvas.
    pub const IDENTITY: Viewport = Viewport {
        tx: 0.0,
        ty: 0.0,
        scale: 1.0,
    };

    /// A viewport with the scale clamped.
    pub fn new(tx: f64, ty: f64, scale: f64) -> Self {
        Viewport {
            tx,
            ty,
            scale: clamp_zoom(scale),
        }
    }

    pub fn to_screen(&self, world: Point) -> Point {
        Point::new(
            world.x * self.scale + self.tx,
            world.y * self.scale + self.ty,
        )
    }

    /// The part of the world to draw for a view of `size`: what it shows and half as
    /// much again on every side. `held` is the region drawn so far; it is kept while
    /// it still holds what the view shows and is not much larger (zoomed in), so a
    /// pan changes what is drawn only now and then, not with every frame.
    pub fn drawn_region(&self, size: Size, held: Option<Rect>) -> Rect {
        let seen = Rect::from_corners(
            self.to_world(Point::new(0.0, 0.0)),
            self.to_world(Point::new(size.width, size.height)),
        );
        let margin = seen.width.max(seen.height) / 2.0;
        if let Some(h) = held
            && h.x <= seen.x
            && h.y <= seen.y
            && h.right() >= seen.right()
            && h.bottom() >= seen.bottom()
            && h.width <= seen.width + 4.0 * margin
            && h.height <= seen.height + 4.0 * margin
        {
            return h;
        }
        Rect::new(
            seen.x - margin,
            seen.y - margin,
            seen.width + 2.0 * margin,
            seen.height + 2.0 * margin,
        )
    }

    pub fn to_world(&self, screen: Point) -> Point {
        Point::new(
            (screen.x - self.tx) / self.scale,
            (screen.y - self.ty) / self.scale,
        )
    }

    /// Moves the content by a screen distance (what dragging the background does).
    pub fn panned(&self, dx: f64, dy: f64) -> Viewport {
        Viewport {
            tx: self.tx + dx,
            ty: self.ty + dy,
            scale: self.scale,
        }
    }

    /// Sets the scale (clamped), keeping the world point under `anchor` (a screen
    /// point) where it is.
    pub fn zoomed_to(&self, scale: f64, anchor: Point) -> Viewport {
        let scale = clamp_zoom(scale);
        let world = self.to_world(anchor);
        Viewport {
            tx: anchor.x - world.x * scale,
            ty: anchor.y - world.y * scale,
            scale,
        }
    }

    /// Multiplies the scale by `factor` (clamped) about `anchor`.
    pub fn zoomed_by(&self, factor: f64, anchor: Point) -> Viewport {
        if !(factor.is_finite() && factor > 0.0) {
            return *self;
        }
        self.zoomed_to(self.scale * factor, anchor)
    }

    /// The next level of [`ZOOM_STEPS`] above the current scale, about `anchor`.
    pub fn zoomed_in(&self, anchor: Point) -> Viewport {
        let next = ZOOM_STEPS
            .iter()
            .copied()
            .find(|&s| s > self.scale + SCALE_EPSILON)
            .unwrap_or(MAX_ZOOM);
        self.zoomed_to(next, anchor)
    }

    /// The next level of [`ZOOM_STEPS`] below the current scale, about `anchor`.
    pub fn zoomed_out(&self, anchor: Point) -> Viewport {
        let next = ZOOM_STEPS
            .iter()
            .rev()
            .copied()
            .find(|&s| s < self.scale - SCALE_EPSILON)
            .unwrap_or(MIN_ZOOM);
        self.zoomed_to(next, anchor)
    }

    /// True when zooming in could change anything.
    pub fn can_zoom_in(&self) -> bool {
        self.scale < MAX_ZOOM - SCALE_EPSILON
    }

    /// True when zooming out could change anything.
    pub fn can_zoom_out(&self) -> bool {
        self.scale > MIN_ZOOM + SCALE_EPSILON
    }

    /// The viewport that shows `bounds` (world) centred in a view of `view` size with
    /// `padding` screen pixels to spare on every side. Never magnifies beyond 100 %,
    /// so a single small shape is not blown up to fill the screen. With nothing to
    /// fit, or no room to show it, the identity viewport is returned.
    pub fn fit(bounds: Option<Rect>, view: Size, padding: f64) -> Viewport {
        let Some(bounds) = bounds else {
            return Viewport::IDENTITY;
        };
        if view.is_empty() {
            return Viewport::IDENTITY;
        }
        let padding = padding.max(0.0);
        let avail_w = (view.width - 2.0 * padding).max(1.0);
        let avail_h = (view.height - 2.0 * padding).max(1.0);
        let sx = if bounds.width > 0.0 {
            avail_w / bounds.width
        } else {
            f64::INFINITY
        };
        let sy = if bounds.height > 0.0 {
            avail_h / bounds.height
        } else {
            f64::INFINITY
        };
        let scale = clamp_zoom(sx.min(sy).min(1.0));
        let c = bounds.center();
        let vc = view.center();
        Viewport {
            tx: vc.x - c.x * scale,
            ty: vc.y - c.y * scale,
            scale,
        }
    }

    /// The same zoom, panned so that `world` is at the centre of a view of `view`
    /// size (a click on the minimap).
    pub fn centered_on(&self, world: Point, view: Size) -> Viewport {
        let c = view.center();
        Viewport {
            tx: c.x - world.x * self.scale,
            ty: c.y - world.y * self.scale,
            scale: self.scale,
        }
    }

    /// The part of the world visible in a view of the given size.
    pub fn visible_world(&self, view: Size) -> Rect {
        Rect::from_corners(
            self.to_world(Point::new(0.0, 0.0)),
            self.to_world(Point::new(view.width, view.height)),
        )
    }

    /// The scale as a whole percentage, for the zoom readout.
    pub fn zoom_percent(&self) -> u32 {
        (self.scale * 100.0).round() as u32
    }

    /// The value of an SVG `transform` attribute that applies this viewport.
    pub fn svg_transform(&self) -> String {
        format!(
            "translate({} {}) scale({})",
            round3(self.tx),
            round3(self.ty),
            round3(self.scale)
        )
    }
}

/// Rounds to 3 decimals for compact attribute text (`-0` becomes `0`).
fn round3(v: f64) -> f64 {
    let r = (v * 1000.0).round() / 1000.0;
    if r == 0.0 { 0.0 } else { r }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_drawn_region_holds_the_view_and_moves_in_steps() {
        let size = Size::new(1000.0, 600.0);
        let v = Viewport::IDENTITY;
        let r = v.drawn_region(size, None);
        assert_eq!(r, Rect::new(-500.0, -500.0, 2000.0, 1600.0));
        // A pan within it keeps the region; past its edge, a new one around the view.
        let panned = Viewport { tx: -400.0, ..v };
        assert_eq!(panned.drawn_region(size, Some(r)), r);
        let far = Viewport { tx: -900.0, ..v };
        let moved = far.drawn_region(size, Some(r));
        assert_eq!(moved, Rect::new(400.0, -500.0, 2000.0, 1600.0));
        // Zoomed out, larger in world units; zoomed far in, the region is renewed.
        let out = Viewport { scale: 0.25, ..v };
        assert!(out.drawn_region(size, Some(r)).width >= 8000.0);
        let zoomed = Viewport { scale: 4.0, ..v };
        assert!(zoomed.drawn_region(size, Some(r)).width < 600.0);
        assert!(Rect::new(0.0, 0.0, 10.0, 10.0).intersects(&Rect::new(10.0, 5.0, 3.0, 3.0)));
        assert!(!Rect::new(0.0, 0.0, 10.0, 10.0).intersects(&Rect::new(11.0, 5.0, 3.0, 3.0)));
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    fn close_pt(a: Point, b: Point) -> bool {
        close(a.x, b.x) && close(a.y, b.y)
    }

    #[test]
    fn screen_and_world_round_trip() {
        let v = Viewport::new(120.0, -40.0, 1.75);
        let p = Point::new(33.0, 81.5);
        assert!(close_pt(v.to_world(v.to_screen(p)), p));
        assert!(close_pt(v.to_screen(v.to_world(p)), p));
        assert_eq!(
            Viewport::IDENTITY.to_screen(Point::new(5.0, 6.0)),
            Point::new(5.0, 6.0)
        );
    }

    #[test]
    fn zoom_keeps_the_anchor_fixed() {
        let v = Viewport::new(10.0, 20.0, 1.0);
        let anchor = Point::new(400.0, 300.0);
        let before = v.to_world(anchor);
        for z in [
            v.zoomed_by(1.7, anchor),
            v.zoomed_to(0.3, anchor),
            v.zoomed_in(anchor),
        ] {
            assert!(close_pt(z.to_world(anchor), before), "{z:?}");
        }
    }

    #[test]
    fn zoom_is_clamped() {
        let a = Point::new(0.0, 0.0);
        assert_eq!(Viewport::IDENTITY.zoomed_by(1000.0, a).scale, MAX_ZOOM);
        assert_eq!(Viewport::IDENTITY.zoomed_by(0.0001, a).scale, MIN_ZOOM);
        assert_eq!(Viewport::new(0.0, 0.0, 99.0).scale, MAX_ZOOM);
        assert_eq!(clamp_zoom(f64::NAN), 1.0);
        assert_eq!(clamp_zoom(-2.0), 1.0);
        // A nonsense factor changes nothing.
        let v = Viewport::new(3.0, 4.0, 2.0);
        assert_eq!(v.zoomed_by(f64::NAN, a), v);
        assert_eq!(v.zoomed_by(0.0, a), v);
    }

    #[test]
    fn clamped_zoom_still_keeps_the_anchor() {
        let v = Viewport::new(50.0, 50.0, 3.5);
        let anchor = Point::new(200.0, 100.0);
        let z = v.zoomed_by(10.0, anchor);
        assert_eq!(z.scale, MAX_ZOOM);
        assert!(close_pt(z.to_world(anchor), v.to_world(anchor)));
    }

    #[test]
    fn steps_walk_the_table() {
        let a = Point::new(0.0, 0.0);
        let mut v = Viewport::IDENTITY;
        let mut seen = vec![v.zoom_percent()];
        while v.can_zoom_in() {
            v = v.zoomed_in(a);
            seen.push(v.zoom_percent());
        }
        assert_eq!(seen, vec![100, 110, 125, 150, 175, 200, 250, 300, 400]);
        assert_eq!(v.zoomed_in(a).scale, MAX_ZOOM);
        let mut v = Viewport::IDENTITY;
        let mut seen = vec![];
        while v.can_zoom_out() {
            v = v.zoomed_out(a);
            seen.push(v.zoom_percent());
        }
        assert_eq!(seen, vec![90, 80, 75, 67, 50, 33, 25, 10, 5]);
        // From between two steps, in and out go to the neighbours.
        let v = Viewport::new(0.0, 0.0, 1.2);
        assert_eq!(v.zoomed_in(a).zoom_percent(), 125);
        assert_eq!(v.zoomed_out(a).zoom_percent(), 110);
    }

    #[test]
    fn pan_moves_the_origin() {
        let v = Viewport::new(0.0, 0.0, 2.0).panned(15.0, -5.0);
        assert_eq!(v.to_screen(Point::new(0.0, 0.0)), Point::new(15.0, -5.0));
        assert_eq!(v.scale, 2.0);
    }

    #[test]
    fn fit_centres_and_never_magnifies() {
        let view = Size::new(1000.0, 600.0);
        // Small content: stays at 100 %, centred.
        let b = Rect::new(100.0, 100.0, 200.0, 100.0);
        let v = Viewport::fit(Some(b), view, 40.0);
        assert_eq!(v.scale, 1.0);
        assert!(close_pt(v.to_screen(b.center()), view.center()));
        // Large content: scaled down to fit inside the padding.
        let b = Rect::new(-500.0, 0.0, 4000.0, 1000.0);
        let v = Viewport::fit(Some(b), view, 50.0);
        assert!(close(v.scale, 900.0 / 4000.0));
        assert!(close_pt(v.to_screen(b.center()), view.center()));
        let tl = v.to_screen(Point::new(b.x, b.y));
        let br = v.to_screen(Point::new(b.right(), b.bottom()));
        assert!(tl.x >= 50.0 - 1e-9 && br.x <= 950.0 + 1e-9);
        assert!(tl.y >= 50.0 - 1e-9 && br.y <= 550.0 + 1e-9);
        // Enormous content: clamped at the minimum zoom.
        let huge = Rect::new(0.0, 0.0, 1e7, 1e7);
        assert_eq!(Viewport::fit(Some(huge), view, 0.0).scale, MIN_ZOOM);
        // A point (no area) is centred at 100 %.
        let dot = Rect::new(7.0, 9.0, 0.0, 0.0);
        let v = Viewport::fit(Some(dot), view, 10.0);
        assert_eq!(v.scale, 1.0);
        assert!(close_pt(v.to_screen(dot.center()), view.center()));
    }

    #[test]
    fn fit_without_content_or_room_resets() {
        let view = Size::new(800.0, 600.0);
        assert_eq!(Viewport::fit(None, view, 20.0), Viewport::IDENTITY);
        let b = Some(Rect::new(0.0, 0.0, 10.0, 10.0));
        assert_eq!(
            Viewport::fit(b, Size::new(0.0, 600.0), 20.0),
            Viewport::IDENTITY
        );
    }

    #[test]
    fn visible_world_inverts_the_view() {
        let v = Viewport::new(-100.0, 50.0, 0.5);
        let r = v.visible_world(Size::new(400.0, 300.0));
        assert!(close(r.x, 200.0) && close(r.y, -100.0));
        assert!(close(r.width, 800.0) && close(r.height, 600.0));
    }

    #[test]
    fn rect_helpers() {
        let a = Rect::from_corners(Point::new(10.0, 40.0), Point::new(0.0, 20.0));
        assert_eq!(a, Rect::new(0.0, 20.0, 10.0, 20.0));
        let b = Rect::new(5.0, 0.0, 30.0, 5.0);
        assert_eq!(a.union(&b), Rect::new(0.0, 0.0, 35.0, 40.0));
        assert_eq!(Rect::union_all([a, b]), Some(a.union(&b)));
        assert_eq!(Rect::union_all(std::iter::empty()), None);
        assert!(a.contains(Point::new(10.0, 40.0)));
        assert!(!a.contains(Point::new(10.1, 40.0)));
    }

    #[test]
    fn affine_inverse_maps_screen_to_user_space() {
        // A CTM for an element at (200, 64) on a page zoomed to 125 %.
        let m = Affine {
            a: 1.25,
            b: 0.0,
            c: 0.0,
            d: 1.25,
            e: 200.0,
            f: 64.0,
        };
        let p = Point::new(30.0, -12.0);
        assert!(close_pt(m.apply_inverse(m.apply(p)).unwrap(), p));
        let rotated = Affine {
            a: 0.0,
            b: 1.0,
            c: -1.0,
            d: 0.0,
            e: 5.0,
            f: 5.0,
        };
        assert!(close_pt(
            rotated.apply_inverse(rotated.apply(p)).unwrap(),
            p
        ));
        let flat = Affine {
            a: 0.0,
            d: 0.0,
            ..Affine::IDENTITY
        };
        assert_eq!(flat.apply_inverse(p), None);
    }

    #[test]
    fn wheel_factor_directions() {
        assert!(wheel_zoom_factor(-100.0) > 1.0);
        assert!(wheel_zoom_factor(100.0) < 1.0);
        assert_eq!(wheel_zoom_factor(0.0), 1.0);
        assert!(close(
            wheel_zoom_factor(100.0) * wheel_zoom_factor(-100.0),
            1.0
        ));
        // One event is capped.
        assert_eq!(wheel_zoom_factor(10_000.0), wheel_zoom_factor(120.0));
        assert_eq!(wheel_zoom_factor(f64::NAN), 1.0);
    }

    #[test]
    fn transform_text() {
        assert_eq!(
            Viewport::IDENTITY.svg_transform(),
            "translate(0 0) scale(1)"
        );
        assert_eq!(
            Viewport::new(12.3456, -0.0001, 0.5).svg_transform(),
            "translate(12.346 0) scale(0.5)"
        );
    }
}
