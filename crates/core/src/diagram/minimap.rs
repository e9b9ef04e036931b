//! The minimap: the whole drawing in a small corner panel, with the part on screen
//! framed, for finding one's way in a diagram much larger than the view. Shown only
//! when less than half the drawing is in view: it covers a corner of the canvas,
//! which must not cost a drawing that nearly fits a box the user cannot reach.

use super::{Point, Rect, Size};

/// Room kept around the drawing inside the minimap, in world units.
const MARGIN: f64 = 40.0;
/// The minimap shows while less than this share of the drawing's area is in view.
const SHOWN_BELOW: f64 = 0.5;

/// How the world maps onto a minimap of a given size: the drawing and the view
/// together, scaled to fit and centred.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Minimap {
    /// The part of the world the minimap shows.
    pub area: Rect,
    /// Minimap pixels per world unit.
    pub scale: f64,
    /// Where `area`'s top left is drawn, in minimap pixels.
    pub offset: Point,
}

impl Minimap {
    /// The minimap of `content` (the drawing's bounds) with `visible` (the world on
    /// screen), or none when half the drawing or more is on screen or there is no
    /// room.
    pub fn of(content: Rect, visible: Rect, size: Size) -> Option<Minimap> {
        let seen_w = (content.right().min(visible.right()) - content.x.max(visible.x)).max(0.0);
        let seen_h = (content.bottom().min(visible.bottom()) - content.y.max(visible.y)).max(0.0);
        let area = content.width * content.height;
        if area <= 0.0 || seen_w * seen_h >= SHOWN_BELOW * area || size.is_empty() {
            return None;
        }
        let u = content.union(&visible);
        let area = Rect::new(
            u.x - MARGIN,
            u.y - MARGIN,
            u.width + 2.0 * MARGIN,
            u.height + 2.0 * MARGIN,
        );
        let scale = (size.width / area.width).min(size.height / area.height);
        let offset = Point::new(
            (size.width - area.width * scale) / 2.0,
            (size.height - area.height * scale) / 2.0,
        );
        Some(Minimap {
            area,
            scale,
            offset,
        })
    }

    /// A world rectangle in minimap pixels.
    pub fn rect(&self, r: &Rect) -> Rect {
        let p = self.point(Point::new(r.x, r.y));
        Rect::new(p.x, p.y, r.width * self.scale, r.height * self.scale)
    }

    fn point(&self, world: Point) -> Point {
        Point::new(
            self.offset.x + (world.x - self.area.x) * self.scale,
            self.offset.y + (world.y - self.area.y) * self.scale,
        )
    }

    /// The world point under a minimap pixel.
    pub fn to_world(&self, map: Point) -> Point {
        Point::new(
            self.area.x + (map.x - self.offset.x) / self.scale,
            self.area.y + (map.y - self.offset.y) / self.scale,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::Viewport;

    #[test]
    fn shown_only_when_most_of_the_drawing_is_out_of_view() {
        let content = Rect::new(0.0, 0.0, 2000.0, 1000.0);
        let size = Size::new(200.0, 120.0);
        assert_eq!(
            Minimap::of(content, Rect::new(-10.0, -10.0, 2100.0, 1100.0), size),
            None
        );
        // Three quarters in view: no minimap over it.
        assert_eq!(
            Minimap::of(content, Rect::new(500.0, 0.0, 2000.0, 1000.0), size),
            None
        );
        let visible = Rect::new(0.0, 0.0, 800.0, 500.0);
        let m = Minimap::of(content, visible, size).unwrap();
        // The drawing fits the minimap, centred, its shape kept.
        let r = m.rect(&content);
        assert!(
            r.x >= 0.0 && r.y >= 0.0 && r.right() <= 200.0 + 1e-9 && r.bottom() <= 120.0 + 1e-9
        );
        assert!((r.width / r.height - 2.0).abs() < 1e-9);
        // A click there centres the view on the world point under it.
        let at = m.to_world(Point::new(r.x + r.width / 2.0, r.y + r.height / 2.0));
        assert!((at.x - 1000.0).abs() < 1e-9 && (at.y - 500.0).abs() < 1e-9);
        let view = Size::new(800.0, 500.0);
        let v = Viewport::new(0.0, 0.0, 0.5).centered_on(at, view);
        let c = v.to_world(Point::new(400.0, 250.0));
        assert!((c.x - 1000.0).abs() < 1e-9 && (c.y - 500.0).abs() < 1e-9);
        assert_eq!(v.scale, 0.5);
    }
}
