//! How readable a diagram is, in numbers: boxes that overlap, links that cross,
//! link labels over boxes, names cut short so that two boxes read the same, and the
//! zoom at which the whole diagram fits a canvas. What the canvas shows is the
//! measure: the same geometry ([`Scene`]) and the same cut names ([`shown_name`]).

use std::collections::BTreeMap;

use super::arrange::ancestors;
use super::card::title_lines;
use super::layout::container_title_chars;
use super::scene::{LABEL_HEIGHT, Scene, SceneNode, label_width, overlaps, title_band};
use super::{Point, Rect, Size, Viewport};

/// The canvas's room for the drawing when the page is 1280×720 (the palette, the
/// inspector, the header, the status bar and the bottom panel around it), as the
/// designer measures it.
pub const CANVAS_AT_1280X720: Size = Size {
    width: 692.0,
    height: 416.0,
};

/// Screen pixels kept free around the content by "Fit to screen".
pub const FIT_PADDING: f64 = 48.0;

/// A name as a box shows it at full detail: whole (a card's perhaps on two lines,
/// read here as one), or cut with an ellipsis.
pub fn shown_name(node: &SceneNode) -> String {
    if node.container {
        clip_end(&node.id, container_title_chars(node.rect.width))
    } else {
        title_lines(&node.id).concat()
    }
}

/// Shortens text to `max` characters with an ellipsis at the end.
pub fn clip_end(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Measures {
    pub boxes: usize,
    pub links: usize,
    /// Pairs of boxes that overlap where neither holds the other.
    pub overlapping_boxes: usize,
    /// Pairs of links whose routes cross.
    pub crossings: usize,
    /// Link labels drawn over a box.
    pub labels_over_boxes: usize,
    /// Boxes whose cut name reads the same as another box's.
    pub colliding_names: usize,
    /// Boxes whose name is cut.
    pub cut_names: usize,
    /// The zoom (1 = 100 %) at which the whole drawing fits the canvas.
    pub fit_zoom: f64,
}

/// Whether `a` holds `b`, directly or further in.
fn holds(scene: &Scene, a: &str, b: &str) -> bool {
    ancestors(&scene.layout, b).iter().any(|p| p == a)
}

/// Whether segments `p1-p2` and `q1-q2` cross at a point inside both (touching ends
/// and collinear runs do not count: links leaving the same box share its side).
fn segments_cross(p1: Point, p2: Point, q1: Point, q2: Point) -> bool {
    let cross =
        |a: Point, b: Point, c: Point| (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
    let (d1, d2) = (cross(q1, q2, p1), cross(q1, q2, p2));
    let (d3, d4) = (cross(p1, p2, q1), cross(p1, p2, q2));
    d1 * d2 < 0.0 && d3 * d4 < 0.0
}

/// The measures of a template's diagram as the canvas draws it.
pub fn measure(scene: &Scene, canvas: Size) -> Measures {
    let mut m = Measures {
        boxes: scene.nodes.len(),
        links: scene.edges.len(),
        ..Measures::default()
    };
    for (i, a) in scene.nodes.iter().enumerate() {
        for b in &scene.nodes[i + 1..] {
            if overlaps(&a.rect, &b.rect)
                && !holds(scene, &a.id, &b.id)
                && !holds(scene, &b.id, &a.id)
            {
                m.overlapping_boxes += 1;
            }
        }
    }
    let segments: Vec<Vec<(Point, Point)>> = scene
        .edges
        .iter()
        .map(|e| e.route.points.windows(2).map(|w| (w[0], w[1])).collect())
        .collect();
    for (i, a) in segments.iter().enumerate() {
        for b in &segments[i + 1..] {
            if a.iter()
                .any(|&(p1, p2)| b.iter().any(|&(q1, q2)| segments_cross(p1, p2, q1, q2)))
            {
                m.crossings += 1;
            }
        }
    }
    let titles = scene.frame_titles();
    for e in &scene.edges {
        let Some(at) = e.label_at else { continue };
        let w = label_width(&e.link.label);
        let label = Rect::new(at.x - w / 2.0, at.y - LABEL_HEIGHT / 2.0, w, LABEL_HEIGHT);
        // A label may sit inside the containers its link runs through, not on a card
        // or across a container's title or a dashed frame's (zone, loop, Region, Auto
        // Scaling group).
        let on_box = scene.nodes.iter().any(|n| {
            let title = title_band(n);
            overlaps(&label, if n.container { &title } else { &n.rect })
        });
        if on_box || titles.iter().any(|t| overlaps(&label, t)) {
            m.labels_over_boxes += 1;
        }
    }
    let mut shown: BTreeMap<String, usize> = BTreeMap::new();
    for n in &scene.nodes {
        let name = shown_name(n);
        if name != n.id {
            m.cut_names += 1;
        }
        *shown.entry(name).or_default() += 1;
    }
    m.colliding_names = scene
        .nodes
        .iter()
        .filter(|n| shown_name(n) != n.id && shown[&shown_name(n)] > 1)
        .count();
    m.fit_zoom = Viewport::fit(scene.bounds(), canvas, FIT_PADDING).scale;
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::parse;

    fn scene(text: &str) -> Scene {
        Scene::build(&parse(text).unwrap().template)
    }

    #[test]
    fn boxes_laid_over_each_other_and_crossing_links_are_counted() {
        let s = scene(
            "Resources:
  A: {Type: AWS::SQS::Queue, Metadata: {AWS::CloudFormation::Designer: {id: a}}}
  B: {Type: AWS::SQS::Queue, Metadata: {AWS::CloudFormation::Designer: {id: b}}}
Metadata:
  AWS::CloudFormation::Designer:
    a: {position: {x: 0, y: 0}, size: {width: 60, height: 60}}
    b: {position: {x: 100, y: 20}, size: {width: 60, height: 60}}
",
        );
        let m = measure(&s, CANVAS_AT_1280X720);
        assert_eq!((m.boxes, m.overlapping_boxes), (2, 1));
        assert!(segments_cross(
            Point::new(0.0, 0.0),
            Point::new(10.0, 10.0),
            Point::new(0.0, 10.0),
            Point::new(10.0, 0.0)
        ));
        assert!(!segments_cross(
            Point::new(0.0, 0.0),
            Point::new(10.0, 0.0),
            Point::new(10.0, 0.0),
            Point::new(20.0, 5.0)
        ));
    }

    #[test]
    fn the_samples_have_no_overlaps_no_labels_on_boxes_and_no_names_that_read_alike() {
        for sample in crate::samples::SAMPLES {
            let m = measure(&scene(sample.text), CANVAS_AT_1280X720);
            assert_eq!(
                (m.overlapping_boxes, m.labels_over_boxes, m.colliding_names),
                (0, 0, 0),
                "{}: {m:?}",
                sample.id
            );
        }
    }

    #[test]
    fn names_cut_to_the_same_text_collide() {
        let s = scene(
            "Resources:
  PublicSubnetNetworkAclOneAssociationWithTheFirstZoneOfTheRegion: {Type: AWS::SQS::Queue}
  PublicSubnetNetworkAclTwoAssociationWithTheFirstZoneOfTheRegion: {Type: AWS::SQS::Queue}
  PublicSubnetRouteTableAssociationOne: {Type: AWS::SQS::Queue}
  PublicSubnetRouteTableAssociationTwo: {Type: AWS::SQS::Queue}
",
        );
        let m = measure(&s, CANVAS_AT_1280X720);
        assert_eq!(
            (m.cut_names, m.colliding_names, m.overlapping_boxes),
            (2, 2, 0)
        );
        assert!(m.fit_zoom > 0.0 && m.fit_zoom <= 1.0);
        assert_eq!(clip_end("abcdef", 4), "abc…");
    }
}
