//! What the canvas draws for a template: a box per resource (containers as large
//! boxes holding others), where the saved Designer layout puts it or the automatic
//! layout places it, and a routed edge per relationship that nesting does not already
//! show. Built once per document revision; the canvas only renders it.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::architecture::{INSTANCES_ROOM, Routing, Tier, ZONE_HEADER, ZONE_MARGIN, Zone, zone_of};
use super::arrange::{self, rect_of};
use super::card::{CARD_MAX_WIDTH, card_size};
use super::layout::{self, BAND_GAP, COLUMN_GAP, ROW_GAP, is_container};
use super::relations::{Glue, Link, LinkKind, is_drawn_as_link, links, subnets_of};
use super::route::{Route, lanes, route_in_lane};
use super::{Point, Rect};
use crate::catalog::curated::{self, Category};
use crate::catalog::service_of;
use crate::template::designer::{Layout, Shape, read_layout};
use crate::template::intrinsic::FOR_EACH_PREFIX;
use crate::template::language_extensions::expand_for_each;
use crate::template::node::Span;
use crate::template::{Section, Template};
use crate::validate::Deployment;

/// Where each box is in `Scene::nodes`, by logical id.
type Index = HashMap<String, usize, foldhash::fast::RandomState>;

/// A resource's box.
#[derive(Clone, Debug, PartialEq)]
pub struct SceneNode {
    pub id: String,
    pub type_name: String,
    /// A short human name of the type: the curated label (`Internet gateway`) or the
    /// type's last part (`NatGateway`).
    pub label: String,
    pub category: Category,
    pub rect: Rect,
    pub container: bool,
    pub parent: Option<String>,
    pub depth: usize,
    /// A subnet's tier, drawn in AWS's colours (public green, private blue).
    pub tier: Option<Tier>,
    /// The `Fn::ForEach` loop that makes this resource (its key in Resources,
    /// `Fn::ForEach::Buckets`): the box stands for one of the loop's resources, named
    /// as CloudFormation names it, and is edited through the loop.
    pub made_by: Option<String>,
}

/// A relationship drawn as an edge.
#[derive(Clone, Debug, PartialEq)]
pub struct SceneEdge {
    /// Identifies the edge across revisions (for selection).
    pub key: String,
    pub link: Link,
    /// The sideways offset of the route among parallel links (see `route_in_lane`).
    pub lane: f64,
    pub route: Route,
    /// Where a glue link's label stands clear of every box; `None` when the route
    /// offers no such place (the canvas then shows the label only on demand) and for
    /// links without a label.
    pub label_at: Option<Point>,
}

/// The height of a glue link's label, a pill of 11 px text.
pub const LABEL_HEIGHT: f64 = 20.0;

/// The width of a glue link's label, as the canvas draws it.
pub fn label_width(text: &str) -> f64 {
    18.0 + 6.6 * text.chars().count() as f64
}

/// An availability zone's band: the dashed column around a VPC's subnets in that
/// zone, drawn where the subnets of each zone stand apart from the others'.
#[derive(Clone, Debug, PartialEq)]
pub struct ZoneBand {
    pub zone: Zone,
    pub rect: Rect,
}

impl ZoneBand {
    /// Where the zone's name is: no link label goes there.
    pub fn title_band(&self) -> Rect {
        title_of(&self.rect)
    }
}

/// The title band of a dashed frame (a zone's, a loop's).
fn title_of(frame: &Rect) -> Rect {
    Rect::new(frame.x, frame.y, frame.width, ZONE_HEADER)
}

/// Which loop makes each resource the written template does not write out:
/// `(logical id, loop key)`. A made resource's key was cloned from the loop's body,
/// so it stands inside the loop's text; one built by an edit has no place, and is
/// given to the only loop, if there is one.
fn loop_members(written: &Template, expanded: &Template) -> Vec<(String, String)> {
    let loops: Vec<(&str, Span)> = written
        .section_map(Section::Resources)
        .map(|m| {
            m.entries
                .iter()
                .filter(|(k, _)| k.starts_with(FOR_EACH_PREFIX))
                .map(|(k, e)| (k.as_str(), e.value.span))
                .collect()
        })
        .unwrap_or_default();
    if loops.is_empty() {
        return Vec::new();
    }
    let Some(made) = expanded.section_map(Section::Resources) else {
        return Vec::new();
    };
    made.entries
        .iter()
        .filter(|(id, _)| written.resource(id).is_none())
        .filter_map(|(id, entry)| {
            let at = entry.key.span.start;
            let key = loops
                .iter()
                .find(|(_, span)| at.is_known() && span.start <= at && at < span.end)
                .or((loops.len() == 1).then_some(&loops[0]))?
                .0;
            Some((id.clone(), key.to_string()))
        })
        .collect()
}

/// Stacks each loop's resources in a column: where the layout put the first of them,
/// or else (for a loop at the top level) right of everything drawn, so its frame
/// holds no other box. Resources that fit in neither stay where they are, unframed.
fn stack_loops(layout: &mut Layout, made_by: &[(String, String)]) {
    let mut keys: Vec<&str> = Vec::new();
    for (_, key) in made_by {
        if !keys.contains(&key.as_str()) {
            keys.push(key);
        }
    }
    for key in keys {
        let members: Vec<&str> = made_by
            .iter()
            .filter(|(_, k)| k == key)
            .map(|(id, _)| id.as_str())
            .filter(|id| {
                layout
                    .shapes
                    .get(*id)
                    .is_some_and(|s| s.height == card_size(id).1)
            })
            .collect();
        let Some(first) = members.first().and_then(|id| layout.shapes.get(*id)) else {
            continue;
        };
        let parent = first.parent.clone();
        let others: Vec<Rect> = layout
            .shapes
            .iter()
            .filter(|(id, _)| !members.contains(&id.as_str()) && Some(*id) != parent.as_ref())
            .map(|(_, shape)| rect_of(shape))
            .collect();
        let mut corners = vec![(first.x, first.y)];
        if parent.is_none()
            && let Some(all) = Rect::union_all(others.iter().copied())
        {
            corners.push((all.right() + COLUMN_GAP + ZONE_MARGIN, all.y + ZONE_HEADER));
        }
        // One width for the column, its widest card's.
        let width = members.iter().map(|id| card_size(id).0).fold(0.0, f64::max);
        let column = |(x, mut y): (f64, f64)| -> Vec<Rect> {
            members
                .iter()
                .map(|id| {
                    let h = card_size(id).1;
                    let rect = Rect::new(x, y, width, h);
                    y += h + LOOP_GAP;
                    rect
                })
                .collect()
        };
        let clear = corners.into_iter().map(column).find(|rects| {
            let frame = framed(&Rect::union_all(rects.iter().copied()).unwrap_or_default());
            others.iter().all(|r| !overlaps(&frame, r))
        });
        for (id, rect) in members.iter().zip(clear.unwrap_or_default()) {
            if let Some(shape) = layout.shapes.get_mut(*id) {
                (shape.x, shape.y, shape.width) = (rect.x, rect.y, rect.width);
            }
        }
    }
}

/// Services AWS runs outside any Region, drawn outside the Region's group.
const GLOBAL_SERVICES: [&str; 3] = [
    "AWS::Route53::",
    "AWS::CloudFront::",
    "AWS::GlobalAccelerator::",
];

/// The space between the Region's frame and what it holds (its title takes a zone
/// title's band above that).
const REGION_MARGIN: f64 = 12.0;

/// The Region's frame around every regional box, if the template has a VPC and no
/// global service stands in the way.
fn region_frame(nodes: &[SceneNode]) -> Option<Rect> {
    nodes.iter().find(|n| n.type_name == "AWS::EC2::VPC")?;
    let global = |n: &&SceneNode| GLOBAL_SERVICES.iter().any(|g| n.type_name.starts_with(g));
    let inner = Rect::union_all(nodes.iter().filter(|n| !global(n)).map(|n| n.rect))?;
    let frame = Rect::new(
        inner.x - REGION_MARGIN,
        inner.y - REGION_MARGIN - ZONE_HEADER,
        inner.width + 2.0 * REGION_MARGIN,
        inner.height + 2.0 * REGION_MARGIN + ZONE_HEADER,
    );
    nodes
        .iter()
        .filter(global)
        .all(|n| !overlaps(&frame, &n.rect))
        .then_some(frame)
}

/// Places the glue resources, as boxes, in rows under everything drawn, as wide as
/// the drawing (four cards at least).
fn place_glue(layout: &mut Layout, template: &Template) {
    let Some(all) = Rect::union_all(layout.shapes.values().map(rect_of)) else {
        return;
    };
    let width = all.width.max(4.0 * (CARD_MAX_WIDTH + COLUMN_GAP));
    let (mut x, mut y, mut row) = (all.x, all.bottom() + BAND_GAP, 0.0f64);
    for r in template.resources() {
        if !is_drawn_as_link(template, r.id) {
            continue;
        }
        let (w, h) = card_size(r.id);
        if x > all.x && x + w > all.x + width {
            (x, y, row) = (all.x, y + row + ROW_GAP, 0.0);
        }
        layout.shapes.insert(
            r.id.to_string(),
            Shape {
                designer_id: String::new(),
                x,
                y,
                width: w,
                height: h,
                z: 0,
                parent: None,
            },
        );
        x += w + COLUMN_GAP;
        row = row.max(h);
    }
}

/// The room between two stacked resources of a loop.
const LOOP_GAP: f64 = 12.0;

/// A frame around `inner`: a margin on three sides, a title band on top.
fn framed(inner: &Rect) -> Rect {
    Rect::new(
        inner.x - ZONE_MARGIN,
        inner.y - ZONE_HEADER,
        inner.width + 2.0 * ZONE_MARGIN,
        inner.height + ZONE_HEADER + ZONE_MARGIN,
    )
}

/// A frame per loop around the resources it makes, where the frame holds no other box.
fn loop_frames(made_by: &[(String, String)], nodes: &[SceneNode]) -> Vec<LoopFrame> {
    let mut out: Vec<LoopFrame> = Vec::new();
    for n in nodes {
        let Some(key) = &n.made_by else { continue };
        let rect = framed(&n.rect);
        match out.iter_mut().find(|f| &f.key == key) {
            Some(frame) => frame.rect = frame.rect.union(&rect),
            None => out.push(LoopFrame {
                key: key.clone(),
                count: made_by.iter().filter(|(_, k)| k == key).count(),
                rect,
            }),
        }
    }
    out.retain(|f| {
        nodes.iter().all(|n| {
            n.made_by.as_ref() == Some(&f.key)
                || inside(&f.rect, &n.rect)
                || !overlaps(&f.rect, &n.rect)
        })
    });
    out
}

/// A `Fn::ForEach` loop's frame: the resources it makes, stacked in a dashed group
/// titled with the loop's name.
#[derive(Clone, Debug, PartialEq)]
pub struct LoopFrame {
    /// The loop's key in Resources: `Fn::ForEach::Buckets`.
    pub key: String,
    /// How many resources it makes.
    pub count: usize,
    pub rect: Rect,
}

/// An Auto Scaling group drawn as AWS draws it: a dashed group across the subnets it
/// launches into, around its box and the room where the simulation shows its
/// instances.
#[derive(Clone, Debug, PartialEq)]
pub struct ScalingFrame {
    pub id: String,
    pub rect: Rect,
    /// Each zone's subnets (their extent), in the order the group lists its subnets:
    /// where the simulation draws that zone's instances. Empty when a subnet's zone
    /// cannot be read.
    pub zones: Vec<Rect>,
}

/// Above an Auto Scaling group's box, the frame's margin.
const SCALING_MARGIN: f64 = 8.0;
/// The frame's title at its top left: "Auto Scaling group", with its icon.
const SCALING_TITLE_WIDTH: f64 = 170.0;

/// Where an Auto Scaling frame's title is: no link label goes there.
fn scaling_title(frame: &Rect) -> Rect {
    Rect::new(frame.x, frame.y, SCALING_TITLE_WIDTH, ZONE_HEADER)
}

/// Where the dashed frames' titles are (zones, loops, the Region, Auto Scaling
/// groups): link labels keep off them, and the measures count those that do not.
fn frame_titles(
    zones: &[ZoneBand],
    loops: &[LoopFrame],
    region: Option<Rect>,
    scaling: &[ScalingFrame],
) -> Vec<Rect> {
    zones
        .iter()
        .map(ZoneBand::title_band)
        .chain(
            loops
                .iter()
                .map(|l| l.rect)
                .chain(region)
                .map(|r| title_of(&r)),
        )
        .chain(scaling.iter().map(|f| scaling_title(&f.rect)))
        .collect()
}

/// The frames of the Auto Scaling groups whose subnets stand in zone columns: across
/// those subnets, from above the group's box to the bottom of the room kept under it;
/// only where the frame covers no other box and its title leaves the box clear.
fn scaling_frames(
    template: &Template,
    nodes: &[SceneNode],
    zones: &[ZoneBand],
    drawn: &[DrawnSubnet],
) -> Vec<ScalingFrame> {
    if zones.is_empty() {
        return Vec::new();
    }
    nodes
        .iter()
        .filter(|n| n.type_name == "AWS::AutoScaling::AutoScalingGroup")
        .filter_map(|n| {
            let listed: Vec<Option<&DrawnSubnet>> = subnets_of(template, &n.id)
                .into_iter()
                .map(|id| drawn.iter().find(|s| s.id == id))
                .collect();
            let subnets = Rect::union_all(listed.iter().flatten().map(|s| s.rect))?;
            let mut zones: Vec<(&Zone, Rect)> = Vec::new();
            for s in &listed {
                let Some((zone, r)) = s.and_then(|s| Some((s.zone.as_ref()?, s.rect))) else {
                    zones.clear();
                    break;
                };
                match zones.iter_mut().find(|(z, _)| *z == zone) {
                    Some((_, extent)) => *extent = extent.union(&r),
                    None => zones.push((zone, r)),
                }
            }
            let x = subnets.x.min(n.rect.x);
            let right = subnets.right().max(n.rect.right());
            let top = n.rect.y - SCALING_MARGIN;
            let rect = Rect::new(x, top, right - x, n.rect.bottom() + INSTANCES_ROOM - top);
            let title = scaling_title(&rect);
            let clear = !overlaps(&title, &n.rect)
                && nodes
                    .iter()
                    .all(|o| o.id == n.id || inside(&rect, &o.rect) || !overlaps(&rect, &o.rect));
            clear.then(|| ScalingFrame {
                id: n.id.clone(),
                rect,
                zones: zones.into_iter().map(|(_, r)| r).collect(),
            })
        })
        .collect()
}

/// The drawing of a template.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scene {
    /// Every shape, saved or placed automatically.
    pub layout: Layout,
    /// Boxes in drawing order: containers (outermost first), then the other resources.
    pub nodes: Vec<SceneNode>,
    pub edges: Vec<SceneEdge>,
    pub zones: Vec<ZoneBand>,
    pub loops: Vec<LoopFrame>,
    pub scaling: Vec<ScalingFrame>,
    /// The Region's group, as AWS draws it: around the VPCs and what stands with
    /// them, leaving global services (Route 53, CloudFront) outside. Only for
    /// templates with a VPC, and only where no global service stands inside it.
    pub region: Option<Rect>,
    /// How many resources the template makes: those written out and those its loops
    /// make (glue drawn as links included).
    pub resources: usize,
    index: Index,
}

/// A subnet drawn as a box, with its container, its zone (read once per drawing: the
/// zone frames and the Auto Scaling frames both need it) and its box.
struct DrawnSubnet<'a> {
    id: &'a str,
    parent: Option<&'a str>,
    zone: Option<Zone>,
    rect: Rect,
}

fn drawn_subnets<'a>(template: &Template, nodes: &'a [SceneNode]) -> Vec<DrawnSubnet<'a>> {
    nodes
        .iter()
        .filter(|n| n.type_name == "AWS::EC2::Subnet")
        .map(|n| DrawnSubnet {
            id: &n.id,
            parent: n.parent.as_deref(),
            zone: zone_of(template, &n.id),
            rect: n.rect,
        })
        .collect()
}

/// The zone bands of a drawing: per VPC (or the canvas), the subnets of each zone
/// the template names, framed; none for a VPC where one zone's frame would cover
/// another zone's subnet or leave the VPC.
fn zone_bands(subnets: &[DrawnSubnet], nodes: &[SceneNode]) -> Vec<ZoneBand> {
    let zoned: Vec<(Option<&str>, &Zone, Rect)> = subnets
        .iter()
        .filter_map(|s| Some((s.parent, s.zone.as_ref()?, s.rect)))
        .collect();
    let mut parents: Vec<Option<&str>> = Vec::new();
    for (p, _, _) in &zoned {
        if !parents.contains(p) {
            parents.push(*p);
        }
    }
    let mut out = Vec::new();
    for parent in parents {
        let mut bands: Vec<ZoneBand> = Vec::new();
        for (_, zone, rect) in zoned.iter().filter(|s| s.0 == parent) {
            let frame = framed(rect);
            match bands.iter_mut().find(|b| b.zone == **zone) {
                Some(band) => band.rect = band.rect.union(&frame),
                None => bands.push(ZoneBand {
                    zone: (*zone).clone(),
                    rect: frame,
                }),
            }
        }
        let container = parent.and_then(|p| nodes.iter().find(|n| n.id == p));
        let apart = bands.iter().all(|band| {
            container.is_none_or(|c| inside(&band.rect, &c.rect))
                && subnets.iter().all(|s| {
                    s.parent != parent
                        || s.zone.as_ref() == Some(&band.zone)
                        || !overlaps(&band.rect, &s.rect)
                })
        });
        if apart {
            out.extend(bands);
        }
    }
    out
}

/// A container's header, where its title is: no link label goes there.
pub fn title_band(node: &SceneNode) -> Rect {
    Rect::new(
        node.rect.x,
        node.rect.y,
        node.rect.width,
        layout::CONTAINER_HEADER,
    )
}

/// A place for a label of `width` on the route, clear of every box and of `titles`
/// (zones' names), not across a container's border or title: the route's midpoint if
/// it is clear, else the middle of its longest segment that is.
fn label_place(route: &Route, width: f64, nodes: &[SceneNode], titles: &[Rect]) -> Option<Point> {
    let mut segments: Vec<(Point, Point)> = route.points.windows(2).map(|w| (w[0], w[1])).collect();
    segments.sort_by(|a, b| {
        let len = |(p, q): &(Point, Point)| (q.x - p.x).abs() + (q.y - p.y).abs();
        len(b).total_cmp(&len(a))
    });
    let middle = |(p, q): (Point, Point)| Point::new((p.x + q.x) / 2.0, (p.y + q.y) / 2.0);
    std::iter::once(route.midpoint())
        .chain(segments.into_iter().map(middle))
        .find(|p| {
            let label = Rect::new(
                p.x - width / 2.0,
                p.y - LABEL_HEIGHT / 2.0,
                width,
                LABEL_HEIGHT,
            );
            titles.iter().all(|t| !overlaps(&label, t))
                && nodes.iter().all(|n| {
                    let around = Rect::new(
                        n.rect.x - 2.0,
                        n.rect.y - 2.0,
                        n.rect.width + 4.0,
                        n.rect.height + 4.0,
                    );
                    !overlaps(&label, &around)
                        || (n.container
                            && inside(&label, &n.rect)
                            && !overlaps(&label, &title_band(n)))
                })
        })
}

/// Whether two boxes overlap (touching is not overlapping).
pub(super) fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom()
}

fn inside(inner: &Rect, outer: &Rect) -> bool {
    inner.x >= outer.x
        && inner.y >= outer.y
        && inner.right() <= outer.right()
        && inner.bottom() <= outer.bottom()
}

/// The short human name of a type.
pub fn type_label(type_name: &str) -> String {
    match curated::curated(type_name) {
        Some(c) => c.label.to_string(),
        None => type_name
            .rsplit("::")
            .next()
            .unwrap_or(type_name)
            .to_string(),
    }
}

/// The icon category of a type: the curated one, else its service's.
pub fn category_of(type_name: &str) -> Category {
    curated::curated(type_name)
        .map(|c| c.category)
        .unwrap_or_else(|| Category::of_service(service_of(type_name)))
}

/// The layout the canvas shows for a template: its saved Designer layout, completed
/// by the automatic layout for resources without a saved shape. A resource's card is
/// as tall as its name's lines and as wide as its name needs, or as the column it
/// was laid out in, whatever size was saved (the Designer drew small icons).
pub fn current_layout(template: &Template) -> Layout {
    let mut layout = layout::complete(template, &read_layout(template));
    for (id, shape) in layout.shapes.iter_mut() {
        let container = template
            .resource(id)
            .and_then(|r| r.type_name())
            .is_some_and(is_container);
        if !container {
            // As wide as its name needs at least, as a column's widest at most.
            let (width, height) = card_size(id);
            shape.width = shape.width.clamp(width, width.max(CARD_MAX_WIDTH));
            shape.height = height;
        }
    }
    layout
}

/// A stable name for a link: kind, ends and label.
pub fn edge_key(link: &Link) -> String {
    let kind = match link.kind {
        LinkKind::Reference => "ref",
        LinkKind::DependsOn => "dep",
        LinkKind::Glue => "glue",
    };
    format!("{kind}:{}>{}:{}", link.from, link.to, link.label)
}

impl Scene {
    /// The drawing as an architect draws it, glue folded into links.
    pub fn build(written: &Template) -> Scene {
        Scene::build_with(written, Glue::Folded)
    }

    /// The drawing with glue folded or shown as boxes. Shown glue stands in rows
    /// under the drawing, so every other box keeps its place (and commands, which
    /// place boxes as the folded drawing does, agree with what is on screen).
    pub fn build_with(written: &Template, glue: Glue) -> Scene {
        // Loops among the resources are drawn as the resources they make, named with
        // the parameters' defaults as CloudFormation names them; a loop the transform
        // refuses makes nothing to draw. (The check first spares the expander's walk
        // over every other template.)
        let loops_resources = written
            .section_map(Section::Resources)
            .is_some_and(|m| m.keys().any(|k| k.starts_with(FOR_EACH_PREFIX)));
        let expanded = if loops_resources {
            expand_for_each(written, &Deployment::default()).unwrap_or(Cow::Borrowed(written))
        } else {
            Cow::Borrowed(written)
        };
        let template = expanded.as_ref();
        let made_by = loop_members(written, template);
        let mut layout = current_layout(template);
        stack_loops(&mut layout, &made_by);
        if glue == Glue::Shown {
            place_glue(&mut layout, template);
        }
        let drawn: Vec<&str> = template
            .resources()
            .map(|r| r.id)
            .filter(|id| {
                layout.shapes.contains_key(*id)
                    && (glue == Glue::Shown || !is_drawn_as_link(template, id))
            })
            .collect();
        let drawn_set: BTreeSet<&str> = drawn.iter().copied().collect();
        let routing = Routing::read(template);
        let nodes: Vec<SceneNode> = drawn
            .iter()
            .map(|id| {
                let shape = &layout.shapes[*id];
                let type_name = template
                    .resource(id)
                    .and_then(|r| r.type_name())
                    .unwrap_or("")
                    .to_string();
                let parent = shape
                    .parent
                    .clone()
                    .filter(|p| drawn_set.contains(p.as_str()));
                SceneNode {
                    id: id.to_string(),
                    label: type_label(&type_name),
                    category: category_of(&type_name),
                    container: is_container(&type_name),
                    rect: rect_of(shape),
                    depth: arrange::depth(&layout, id),
                    parent,
                    tier: routing.tier(id),
                    made_by: made_by
                        .iter()
                        .find(|(member, _)| member == id)
                        .map(|(_, key)| key.clone()),
                    type_name,
                }
            })
            .collect();
        // Containers first, outer before inner; then the rest in template order.
        let deepest = nodes.iter().map(|n| n.depth).max().unwrap_or(0);
        let mut ordered = Vec::with_capacity(nodes.len());
        for depth in 0..=deepest {
            ordered.extend(
                nodes
                    .iter()
                    .filter(|n| n.container && n.depth == depth)
                    .cloned(),
            );
        }
        ordered.extend(nodes.into_iter().filter(|n| !n.container));
        let nodes = ordered;
        let index: Index = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.clone(), i))
            .collect();

        let parents: BTreeMap<String, String> = nodes
            .iter()
            .filter_map(|n| Some((n.id.clone(), n.parent.clone()?)))
            .collect();
        let shown: Vec<Link> = links(template, &parents, glue)
            .into_iter()
            .filter(|l| !l.nested && index.contains_key(&l.from) && index.contains_key(&l.to))
            .collect();
        // Links joining the same two boxes run in parallel lanes.
        let mut pairs: BTreeMap<(String, String), usize> = BTreeMap::new();
        for l in &shown {
            *pairs.entry(pair(l)).or_default() += 1;
        }
        let mut lane_of: BTreeMap<(String, String), Vec<f64>> = pairs
            .iter()
            .map(|(k, n)| (k.clone(), lanes(*n).collect()))
            .collect();
        let subnets = drawn_subnets(template, &nodes);
        let zones = zone_bands(&subnets, &nodes);
        let loops = loop_frames(&made_by, &nodes);
        let region = region_frame(&nodes);
        let scaling = scaling_frames(template, &nodes, &zones, &subnets);
        let titles = frame_titles(&zones, &loops, region, &scaling);
        let mut seen_keys: BTreeSet<String> = BTreeSet::new();
        let edges = shown
            .into_iter()
            .map(|link| {
                let lane = lane_of
                    .get_mut(&pair(&link))
                    .and_then(|v| (!v.is_empty()).then(|| v.remove(0)))
                    .unwrap_or(0.0);
                // The lane is measured in the pair's own direction.
                let lane = if link.from <= link.to { lane } else { -lane };
                let from = nodes[index[&link.from]].rect;
                let to = nodes[index[&link.to]].rect;
                let mut key = edge_key(&link);
                let mut n = 2;
                while !seen_keys.insert(key.clone()) {
                    key = format!("{}#{n}", edge_key(&link));
                    n += 1;
                }
                let route = route_in_lane(&from, &to, lane);
                let label_at = (link.kind == LinkKind::Glue)
                    .then(|| label_place(&route, label_width(&link.label), &nodes, &titles))
                    .flatten();
                SceneEdge {
                    key,
                    lane,
                    route,
                    label_at,
                    link,
                }
            })
            .collect();
        Scene {
            zones,
            loops,
            scaling,
            region,
            resources: template.resources().count(),
            layout,
            nodes,
            edges,
            index,
        }
    }

    /// Where the dashed frames' titles are.
    pub fn frame_titles(&self) -> Vec<Rect> {
        frame_titles(&self.zones, &self.loops, self.region, &self.scaling)
    }

    pub fn node(&self, id: &str) -> Option<&SceneNode> {
        self.index.get(id).map(|&i| &self.nodes[i])
    }

    /// Where a box is in [`Scene::nodes`].
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    pub fn edge(&self, key: &str) -> Option<&SceneEdge> {
        self.edges.iter().find(|e| e.key == key)
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The box around everything drawn.
    pub fn bounds(&self) -> Option<Rect> {
        Rect::union_all(self.nodes.iter().map(|n| n.rect).chain(self.region))
    }

    /// The topmost box under a point.
    pub fn node_at(&self, p: Point) -> Option<&SceneNode> {
        self.nodes.iter().rev().find(|n| n.rect.contains(p))
    }

    /// The innermost container under a point that can hold a resource of `child_type`
    /// (the catalog has a containment rule for the pair), leaving out `excluded` ones.
    pub fn container_at(
        &self,
        child_type: &str,
        p: Point,
        excluded: &BTreeSet<String>,
    ) -> Option<&SceneNode> {
        let id = arrange::container_at(
            &self.layout,
            |id| {
                self.node(id)
                    .is_some_and(|n| n.container && accepts(child_type, &n.type_name))
            },
            p,
            excluded,
        )?;
        self.node(&id)
    }

    /// The boxes lying wholly inside a rectangle (a rubber-band selection).
    pub fn nodes_in(&self, area: Rect) -> Vec<String> {
        self.nodes
            .iter()
            .filter(|n| {
                n.rect.x >= area.x
                    && n.rect.y >= area.y
                    && n.rect.right() <= area.right()
                    && n.rect.bottom() <= area.bottom()
            })
            .map(|n| n.id.clone())
            .collect()
    }

    /// `ids` with everything inside them.
    pub fn with_descendants(&self, ids: &[String]) -> BTreeSet<String> {
        arrange::with_descendants(&self.layout, ids)
    }

    /// The edges with exactly one end among `moving`: those a drag must re-route.
    pub fn edges_touching<'s>(
        &'s self,
        moving: &'s BTreeSet<String>,
    ) -> impl Iterator<Item = (usize, &'s SceneEdge)> + 's {
        self.edges
            .iter()
            .enumerate()
            .filter(|(_, e)| moving.contains(&e.link.from) != moving.contains(&e.link.to))
    }
}

/// Whether a resource of `child` type can be drawn inside a container of `container`
/// type: the catalog says what that containment writes (a subnet's `VpcId`).
pub fn accepts(child: &str, container: &str) -> bool {
    is_container(container) && curated::containment(child, container).is_some()
}

fn pair(l: &Link) -> (String, String) {
    if l.from <= l.to {
        (l.from.clone(), l.to.clone())
    } else {
        (l.to.clone(), l.from.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::parse;

    const LAB: &str = "Resources:
  Vpc: {Type: AWS::EC2::VPC}
  Net: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc}}
  Igw: {Type: AWS::EC2::InternetGateway}
  Attach: {Type: AWS::EC2::VPCGatewayAttachment, Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw}}
  Sg: {Type: AWS::EC2::SecurityGroup, Properties: {VpcId: !Ref Vpc}}
  Web:
    Type: AWS::EC2::Instance
    Properties:
      SubnetId: !Ref Net
      SecurityGroupIds: [!Ref Sg]
      UserData: !Sub '${Sg}'
  Topic: {Type: AWS::SNS::Topic, DependsOn: Web}
";

    #[test]
    fn boxes_come_in_drawing_order_with_labels() {
        let scene = Scene::build(&parse(LAB).unwrap().template);
        let order: Vec<&str> = scene.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(order, vec!["Vpc", "Net", "Igw", "Sg", "Web", "Topic"]);
        let igw = scene.node("Igw").unwrap();
        assert_eq!(igw.label, "Internet gateway");
        assert_eq!(igw.category, Category::Networking);
        assert!(!igw.container && scene.node("Vpc").unwrap().container);
        assert_eq!(scene.node("Web").unwrap().parent.as_deref(), Some("Net"));
        assert_eq!(scene.node("Web").unwrap().depth, 2);
        assert!(scene.node("Attach").is_none(), "glue is drawn as a link");
        assert_eq!(type_label("AWS::Foo::BarBaz"), "BarBaz");
        assert_eq!(category_of("AWS::RDS::DBProxy"), Category::Database);
    }

    #[test]
    fn edges_skip_what_nesting_shows_and_share_lanes() {
        let scene = Scene::build(&parse(LAB).unwrap().template);
        let keys: Vec<&str> = scene.edges.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(
            keys,
            vec![
                "glue:Igw>Vpc:Attach",
                "ref:Web>Sg:SecurityGroupIds",
                "ref:Web>Sg:UserData",
                "dep:Topic>Web:DependsOn",
            ]
        );
        let (a, b) = (&scene.edges[1].route, &scene.edges[2].route);
        assert_ne!(
            a.points[0], b.points[0],
            "parallel links get their own lanes"
        );
        assert!(scene.edge("dep:Topic>Web:DependsOn").is_some());
    }

    #[test]
    fn glue_labels_stand_clear_of_boxes_or_are_tucked_away() {
        let node = |id: &str, rect: Rect| SceneNode {
            id: id.into(),
            type_name: "AWS::EC2::RouteTable".into(),
            label: String::new(),
            category: Category::Networking,
            rect,
            container: false,
            parent: None,
            depth: 0,
            tier: None,
            made_by: None,
        };
        let (a, b) = (
            Rect::new(0.0, 0.0, 160.0, 48.0),
            Rect::new(480.0, 0.0, 160.0, 48.0),
        );
        let straight = super::super::route::route(&a, &b);
        let width = label_width("SubnetRouteTableAssociation");
        let clear = label_place(&straight, width, &[node("A", a), node("B", b)], &[]);
        assert_eq!(clear, Some(straight.midpoint()));
        // A box in the middle of the gap: no clear place on a straight route.
        let blocker = node("C", Rect::new(300.0, 0.0, 40.0, 48.0));
        assert_eq!(
            label_place(
                &straight,
                width,
                &[node("A", a), node("B", b), blocker],
                &[]
            ),
            None
        );
        // Ends too close for the label: tucked away.
        let near = Rect::new(200.0, 0.0, 160.0, 48.0);
        let short = super::super::route::route(&a, &near);
        assert_eq!(
            label_place(&short, width, &[node("A", a), node("B", near)], &[]),
            None
        );
        // Inside a container is clear; across its border is not.
        let mut vpc = node("Vpc", Rect::new(-20.0, -40.0, 700.0, 120.0));
        vpc.container = true;
        assert!(
            label_place(
                &straight,
                width,
                &[vpc.clone(), node("A", a), node("B", b)],
                &[]
            )
            .is_some()
        );
        vpc.rect = Rect::new(-20.0, -40.0, 330.0, 120.0);
        assert_eq!(
            label_place(&straight, width, &[vpc, node("A", a), node("B", b)], &[]),
            None
        );
    }

    #[test]
    fn security_group_rules_and_address_associations_are_drawn_as_links() {
        let text = "Resources:
  Web: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: web}}
  Db: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: db}}
  DbFromWeb:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: {GroupId: !GetAtt Db.GroupId, SourceSecurityGroupId: !Ref Web, IpProtocol: tcp, FromPort: 3306, ToPort: 3306}
  WebToDb:
    Type: AWS::EC2::SecurityGroupEgress
    Properties: {GroupId: !Ref Web, DestinationSecurityGroupId: !GetAtt Db.GroupId, IpProtocol: tcp, FromPort: 3306, ToPort: 3306}
  Ssh:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: {GroupId: !Ref Web, CidrIp: 10.0.0.0/16, IpProtocol: tcp, FromPort: 22, ToPort: 22}
  Box: {Type: AWS::EC2::Instance, Properties: {ImageId: ami-1}}
  Ip: {Type: AWS::EC2::EIP}
  IpAssoc: {Type: AWS::EC2::EIPAssociation, Properties: {AllocationId: !GetAtt Ip.AllocationId, InstanceId: !Ref Box}}
";
        let scene = Scene::build(&parse(text).unwrap().template);
        let boxes: Vec<&str> = scene.nodes.iter().map(|n| n.id.as_str()).collect();
        // A rule from an address range joins nothing: it stays a box.
        assert_eq!(boxes, ["Web", "Db", "Ssh", "Box", "Ip"]);
        let glue: Vec<(&str, &str, &str)> = scene
            .edges
            .iter()
            .filter(|e| e.link.kind == LinkKind::Glue)
            .map(|e| {
                (
                    e.link.from.as_str(),
                    e.link.to.as_str(),
                    e.link.label.as_str(),
                )
            })
            .collect();
        assert_eq!(
            glue,
            [
                ("Web", "Db", "DbFromWeb"),
                ("Web", "Db", "WebToDb"),
                ("Ip", "Box", "IpAssoc")
            ]
        );
    }

    #[test]
    fn hit_testing_finds_boxes_and_containers() {
        let scene = Scene::build(&parse(LAB).unwrap().template);
        let web = scene.node("Web").unwrap().rect;
        assert_eq!(scene.node_at(web.center()).unwrap().id, "Web");
        let none = BTreeSet::new();
        assert_eq!(
            scene
                .container_at("AWS::EC2::Instance", web.center(), &none)
                .unwrap()
                .id,
            "Net"
        );
        // A subnet never goes into a subnet, and a queue into nothing.
        assert_eq!(
            scene
                .container_at("AWS::EC2::Subnet", web.center(), &none)
                .unwrap()
                .id,
            "Vpc"
        );
        assert!(
            scene
                .container_at("AWS::SQS::Queue", web.center(), &none)
                .is_none()
        );
        let vpc = scene.node("Vpc").unwrap().rect;
        let all = scene.nodes_in(Rect::new(
            vpc.x - 1.0,
            vpc.y - 1.0,
            vpc.width + 2.0,
            vpc.height + 2.0,
        ));
        assert!(all.contains(&"Vpc".to_string()) && all.contains(&"Web".to_string()));
        assert!(!all.contains(&"Topic".to_string()));
        let moving = scene.with_descendants(&["Net".to_string()]);
        assert_eq!(moving.len(), 2);
        let touching: Vec<&str> = scene
            .edges_touching(&moving)
            .map(|(_, e)| e.key.as_str())
            .collect();
        assert_eq!(
            touching,
            vec![
                "ref:Web>Sg:SecurityGroupIds",
                "ref:Web>Sg:UserData",
                "dep:Topic>Web:DependsOn"
            ]
        );
    }

    #[test]
    fn a_loop_is_drawn_as_the_resources_it_makes_stacked_in_a_frame() {
        let text = "Transform: AWS::LanguageExtensions
Parameters:
  Names: {Type: CommaDelimitedList, Default: 'a-1,b-2'}
Resources:
  Log: {Type: AWS::Logs::LogGroup}
  Fn::ForEach::Buckets:
    - Id
    - [A, B, C]
    - Bucket${Id}:
        Type: AWS::S3::Bucket
        Properties: {Tags: [{Key: log, Value: !Ref Log}]}
  Fn::ForEach::Queues:
    - Name
    - !Ref Names
    - Queue&{Name}: {Type: AWS::SQS::Queue}
";
        let scene = Scene::build(&parse(text).unwrap().template);
        let ids: Vec<&str> = scene.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(
            ids,
            ["Log", "BucketA", "BucketB", "BucketC", "Queuea1", "Queueb2"]
        );
        assert_eq!(scene.resources, 6);
        let made_by = |id: &str| scene.node(id).unwrap().made_by.as_deref();
        assert_eq!(made_by("Log"), None);
        assert_eq!(made_by("BucketB"), Some("Fn::ForEach::Buckets"));
        assert_eq!(made_by("Queueb2"), Some("Fn::ForEach::Queues"));
        // A made resource's references are drawn like any other's.
        assert!(
            scene
                .edges
                .iter()
                .any(|e| e.link.from == "BucketC" && e.link.to == "Log")
        );
        // Each loop's resources stand in a column, framed and counted.
        let rect = |id: &str| scene.node(id).unwrap().rect;
        assert_eq!(rect("BucketB").x, rect("BucketA").x);
        assert_eq!(
            rect("BucketC").y - rect("BucketB").y,
            card_size("BucketB").1 + LOOP_GAP
        );
        let frames: Vec<(&str, usize)> = scene
            .loops
            .iter()
            .map(|f| (f.key.as_str(), f.count))
            .collect();
        assert_eq!(
            frames,
            [("Fn::ForEach::Buckets", 3), ("Fn::ForEach::Queues", 2)]
        );
        for frame in &scene.loops {
            for n in &scene.nodes {
                let member = n.made_by.as_ref() == Some(&frame.key);
                assert_eq!(
                    inside(&n.rect, &frame.rect),
                    member,
                    "{} in {}",
                    n.id,
                    frame.key
                );
                assert!(
                    member || !overlaps(&n.rect, &frame.rect),
                    "{} under {}",
                    n.id,
                    frame.key
                );
            }
        }
        // A loop the transform refuses draws nothing, and the rest still draws.
        let broken = "Resources:\n  Log: {Type: AWS::Logs::LogGroup}\n  Fn::ForEach::X: [Id, [A], {Same: {Type: AWS::S3::Bucket}}]\n";
        let scene = Scene::build(&parse(broken).unwrap().template);
        assert_eq!(scene.nodes.len(), 1);
        assert!(scene.loops.is_empty());
    }

    #[test]
    fn the_region_frames_the_regional_boxes_and_leaves_global_ones_out() {
        let scene = Scene::build(&parse(LAB).unwrap().template);
        let region = scene
            .region
            .expect("a template with a VPC is drawn in a Region");
        assert!(scene.nodes.iter().all(|n| inside(&n.rect, &region)));
        assert_eq!(scene.bounds(), Some(region));
        let global = format!(
            "{LAB}  Dns: {{Type: AWS::Route53::HostedZone, Properties: {{Name: example.com}}}}\n"
        );
        let scene = Scene::build(&parse(&global).unwrap().template);
        let dns = scene.node("Dns").unwrap().rect;
        let region = scene
            .region
            .expect("the hosted zone stands outside the Region");
        assert!(!overlaps(&dns, &region));
        assert!(
            scene
                .nodes
                .iter()
                .filter(|n| n.id != "Dns")
                .all(|n| inside(&n.rect, &region))
        );
        // Without a VPC there is no Region to draw.
        let queue = "Resources:\n  Q: {Type: AWS::SQS::Queue}\n";
        assert_eq!(Scene::build(&parse(queue).unwrap().template).region, None);
    }

    #[test]
    fn an_auto_scaling_group_spans_its_subnets_as_a_dashed_group() {
        let t = parse(crate::samples::sample("wordpress-multi-az").unwrap().text)
            .unwrap()
            .template;
        let scene = Scene::build(&t);
        let rect = |id: &str| scene.node(id).unwrap().rect;
        let [frame] = scene.scaling.as_slice() else {
            panic!("one frame: {:?}", scene.scaling)
        };
        assert_eq!(frame.id, "WebServerGroup");
        // Across both zones' public subnets, around the group and the room under it.
        assert_eq!(frame.rect.x, rect("PublicSubnet1").x);
        assert_eq!(frame.rect.right(), rect("PublicSubnet2").right());
        assert!(inside(&rect("WebServerGroup"), &frame.rect));
        assert!(frame.rect.bottom() >= rect("WebServerGroup").bottom() + INSTANCES_ROOM);
        // Its zones, as the group lists its subnets, for the simulation's instances.
        assert_eq!(frame.zones, [rect("PublicSubnet1"), rect("PublicSubnet2")]);
        // It holds no other box.
        for n in &scene.nodes {
            if n.id != "WebServerGroup" && !inside(&frame.rect, &n.rect) {
                assert!(!overlaps(&frame.rect, &n.rect), "{}", n.id);
            }
        }
        // Both tiers' groups of the large sample: the internal load balancer in front
        // of the app tier has a band of its own.
        let large = parse(crate::samples::sample("large-web-app").unwrap().text)
            .unwrap()
            .template;
        let large = Scene::build(&large);
        let framed: Vec<&str> = large.scaling.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(framed, ["WebServerGroup", "AppServerGroup"]);
    }

    #[test]
    fn glue_can_be_shown_as_boxes_under_the_drawing() {
        let t = parse(crate::samples::sample("wordpress-multi-az").unwrap().text)
            .unwrap()
            .template;
        let folded = Scene::build(&t);
        let shown = Scene::build_with(&t, Glue::Shown);
        assert_eq!(shown.nodes.len(), t.resources().count());
        assert!(shown.edges.iter().all(|e| e.link.kind != LinkKind::Glue));
        // Every box of the folded drawing keeps its place; the glue stands below.
        let bottom = folded
            .nodes
            .iter()
            .map(|n| n.rect.bottom())
            .fold(0.0, f64::max);
        for n in &shown.nodes {
            match folded.node(&n.id) {
                Some(f) => assert_eq!(f.rect, n.rect, "{}", n.id),
                None => assert!(n.rect.y > bottom, "{}", n.id),
            }
        }
        // The default route links to its table and its gateway.
        let to: Vec<&str> = shown
            .edges
            .iter()
            .filter(|e| e.link.from == "PublicDefaultRoute")
            .map(|e| e.link.to.as_str())
            .collect();
        assert!(
            to.contains(&"PublicRouteTable") && to.contains(&"InternetGateway"),
            "{to:?}"
        );
        let m =
            crate::diagram::measures::measure(&shown, crate::diagram::measures::CANVAS_AT_1280X720);
        assert_eq!(m.overlapping_boxes, 0);
    }

    #[test]
    fn saved_designer_icons_become_cards() {
        let text = "Metadata:
  AWS::CloudFormation::Designer:
    u1: {size: {width: 60, height: 60}, position: {x: 100, y: 50}, z: 0}
Resources:
  Q:
    Type: AWS::SQS::Queue
    Metadata: {AWS::CloudFormation::Designer: {id: u1}}
";
        let scene = Scene::build(&parse(text).unwrap().template);
        let q = scene.node("Q").unwrap();
        let (w, h) = card_size("Q");
        assert_eq!(q.rect, Rect::new(100.0, 50.0, w, h));
    }

    #[test]
    fn zones_are_framed_where_their_subnets_stand_apart() {
        let t = parse(crate::samples::sample("wordpress-multi-az").unwrap().text)
            .unwrap()
            .template;
        let scene = Scene::build(&t);
        let zones: Vec<&Zone> = scene.zones.iter().map(|z| &z.zone).collect();
        assert_eq!(zones, vec![&Zone::Nth(0), &Zone::Nth(1)]);
        assert_eq!(
            scene.node("PublicSubnet2").unwrap().tier,
            Some(Tier::Public)
        );
        let (a, b) = (scene.zones[0].rect, scene.zones[1].rect);
        assert!(!overlaps(&a, &b));
        let inside_of = |r: &Rect, id: &str| inside(&scene.node(id).unwrap().rect, r);
        assert!(inside_of(&a, "PublicSubnet1") && inside_of(&a, "DatabaseSubnet1"));
        assert!(inside_of(&b, "PublicSubnet2") && inside_of(&b, "DatabaseSubnet2"));
        // Laid out by dependency, the zones' subnets share a column: no frames.
        let mut by_dependency = t.clone();
        crate::template::designer::write_layout(
            &mut by_dependency,
            &layout::fresh(&t, layout::Style::Dependencies),
        );
        assert!(Scene::build(&by_dependency).zones.is_empty());
    }
}
