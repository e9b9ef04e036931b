//! Commands that place resources on the canvas: create one where it is dropped, move,
//! nudge, resize, align, duplicate and paste next to the originals, and arrange
//! everything automatically. Each writes the whole layout as Designer metadata (so a
//! template that had none gets one the first time something is placed by hand) and the
//! containment a move implies (a subnet dropped into a VPC gets `VpcId`), in the one
//! transaction of the command, so it is undone as one step.

use super::CommandError;
use super::commands::{
    add_resource, contain, copy_template, duplicate, paste_value, read_clipboard, set_layout,
    set_property, type_of, uncontain,
};
use super::tx::Tx;
use crate::diagram::arrange::{self, Align, Edges, GRID, PLACEMENT_GAP};
use crate::diagram::card::card_size;
use crate::diagram::layout::{
    CONTAINER_MIN_HEIGHT, CONTAINER_MIN_WIDTH, Style, fresh, is_container,
};
use crate::diagram::relations::{inferred_parents, is_drawn_as_link};
use crate::diagram::scene::{accepts, current_layout};
use crate::diagram::{Point, Rect};
use crate::template::designer::{Layout, Shape, new_designer_id, read_layout, write_layout};
use crate::template::{Node, Template, read_value};

fn type_in<'t>(template: &'t Template, id: &str) -> &'t str {
    template
        .resource(id)
        .and_then(|r| r.type_name())
        .unwrap_or("")
}

/// Whether the resource `child` may go into the container `container` (see
/// [`accepts`]).
/// A resource standing in a VPC by its subnets (a load balancer, an Auto Scaling
/// group) stays drawn in it: moving it there writes nothing.
fn accepts_ids(template: &Template) -> impl Fn(&str, &str) -> bool + '_ {
    let inferred = inferred_parents(template);
    move |child: &str, container: &str| {
        accepts(type_in(template, child), type_in(template, container))
            || inferred.get(child).is_some_and(|p| p == container)
    }
}

/// The size of a new box `id` of this type: a VPC roomy enough for two subnets side
/// by side, a subnet for a couple of resources, other containers their minimum, a
/// card as its name needs.
pub fn new_shape_size(id: &str, type_name: &str) -> (f64, f64) {
    match type_name {
        "AWS::EC2::VPC" => (720.0, 400.0),
        "AWS::EC2::Subnet" => (304.0, 192.0),
        t if is_container(t) => (CONTAINER_MIN_WIDTH, CONTAINER_MIN_HEIGHT),
        _ => card_size(id),
    }
}

/// Where a new resource goes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Spot {
    /// Centred on this point, as dropped (moved aside only if it would cover another
    /// box in the same container).
    At(Point),
    /// Centred near this point, where it covers nothing (added from the keyboard).
    Near(Point),
}

/// Adds a resource of `type_name` with the catalog's starting properties, its box
/// centred on the spot (on the grid), inside the innermost container there (writing
/// what that containment means). Returns the new logical id.
pub fn add_at(tx: &mut Tx, type_name: &str, spot: Spot) -> Result<String, CommandError> {
    let mut layout = current_layout(tx.template());
    let id = add_resource(tx, type_name)?;
    if type_name == SUBNET {
        spread_subnet(tx, &id)?;
    }
    let (w, h) = new_shape_size(&id, type_name);
    let centre = match spot {
        Spot::At(p) | Spot::Near(p) => p,
    };
    let mut rect = Rect::new(
        arrange::snap(centre.x - w / 2.0, GRID),
        arrange::snap(centre.y - h / 2.0, GRID),
        w,
        h,
    );
    let parent = {
        let template = tx.template();
        arrange::container_at(
            &layout,
            |k| accepts(type_name, type_in(template, k)),
            centre,
            &Default::default(),
        )
    };
    // Dropped where the pointer is unless that covers a resource in the same container
    // (a gateway may sit on a VPC's edge); from the keyboard, near the middle wherever
    // nothing at all is covered. A container covers nothing: what it covered would look
    // inside it without being so (a subnet under a VPC dropped over it has no VpcId).
    rect = {
        let template = tx.template();
        let covers_nothing = matches!(spot, Spot::Near(_)) || is_container(type_name);
        arrange::free_spot(&layout, parent.as_deref(), rect, |id| {
            covers_nothing || !is_container(type_in(template, id))
        })
    };
    if let Some(p) = &parent {
        contain(tx, &id, p)?;
    }
    layout.shapes.insert(
        id.clone(),
        Shape {
            designer_id: new_designer_id(&id, 0),
            x: rect.x,
            y: rect.y,
            width: w,
            height: h,
            z: 0,
            parent,
        },
    );
    layout.shapes.get_mut(&id).expect("just added").z = arrange::depth(&layout, &id) as i64;
    arrange::fit_ancestors(&mut layout, &id);
    write(tx, &layout)?;
    Ok(id)
}

const SUBNET: &str = "AWS::EC2::Subnet";

/// A new subnet starts in the next free `10.0.N.0/24` (the starting VPC is
/// `10.0.0.0/16`) and in the next availability zone, so two subnets dropped one after
/// the other do not overlap and span two zones, as an engineer would write them.
fn spread_subnet(tx: &mut Tx, id: &str) -> Result<(), CommandError> {
    let others: Vec<String> = tx
        .template()
        .resources()
        .filter(|r| r.id != id && r.type_name() == Some(SUBNET))
        .filter_map(|r| r.property("CidrBlock")?.as_str().map(str::to_string))
        .collect();
    let count = tx
        .template()
        .resources()
        .filter(|r| r.id != id && r.type_name() == Some(SUBNET))
        .count();
    let Some(n) = (1..=255).find(|n| !others.iter().any(|c| *c == format!("10.0.{n}.0/24"))) else {
        return Ok(());
    };
    set_property(tx, id, "CidrBlock", Node::string(format!("10.0.{n}.0/24")))?;
    let zone = read_value(&format!("!Select [{}, !GetAZs '']", count % 2))
        .map_err(|e| CommandError(e.to_string()))?;
    set_property(tx, id, "AvailabilityZone", zone)
}

/// Moves resources (each with what is inside it) by `(dx, dy)`; with `snap`, onto the
/// grid. A resource whose centre lands in another container moves into it: what the
/// old containment wrote is removed and what the new one means is written.
pub fn move_by(
    tx: &mut Tx,
    ids: &[String],
    dx: f64,
    dy: f64,
    snap: bool,
) -> Result<(), CommandError> {
    for id in ids {
        type_of(tx.template(), id)?;
    }
    let layout = current_layout(tx.template());
    // A resource drawn as a link (shown as a box only with every resource) has no
    // place of its own: it goes where what it joins goes.
    if let Some(glue) = ids.iter().find(|id| !layout.shapes.contains_key(*id)) {
        return Err(CommandError(format!(
            "{glue} has no place of its own: it is drawn with the resources it joins"
        )));
    }
    let moved = arrange::move_shapes(
        &layout,
        accepts_ids(tx.template()),
        ids,
        dx,
        dy,
        if snap { GRID } else { 0.0 },
    );
    for r in &moved.reparented {
        // The new containment first: it may overwrite the same property, and then the
        // old one is no longer what `uncontain` would remove.
        if let Some(to) = &r.to {
            contain(tx, &r.id, to)?;
        }
        if let Some(from) = &r.from
            && tx.template().resource(from).is_some()
        {
            uncontain(tx, &r.id, from)?;
        }
    }
    write(tx, &moved.layout)
}

/// Resizes a container by dragging some of its edges.
pub fn resize(
    tx: &mut Tx,
    id: &str,
    edges: Edges,
    dx: f64,
    dy: f64,
    snap: bool,
) -> Result<(), CommandError> {
    let layout = current_layout(tx.template());
    if !layout.shapes.contains_key(id) {
        return Err(CommandError(format!("{id} is not on the canvas")));
    }
    let grid = if snap { GRID } else { 0.0 };
    write(tx, &arrange::resize(&layout, id, edges, dx, dy, grid))
}

/// Lines resources up.
pub fn align(tx: &mut Tx, ids: &[String], how: Align) -> Result<(), CommandError> {
    let layout = current_layout(tx.template());
    write(tx, &arrange::align(&layout, ids, how))
}

/// Lays everything out again automatically, in `style`.
pub fn arrange_all(tx: &mut Tx, style: Style) -> Result<(), CommandError> {
    let layout = fresh(tx.template(), style);
    write(tx, &layout)
}

/// Duplicates resources; each copy goes just below and right of its original, in
/// the same container. Returns the copies' ids.
pub fn duplicate_beside(tx: &mut Tx, ids: &[String]) -> Result<Vec<String>, CommandError> {
    let mut layout = current_layout(tx.template());
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let copies = duplicate(tx, &refs)?;
    for (original, copy) in ids.iter().zip(&copies) {
        let Some(shape) = layout.shapes.get(original).cloned() else {
            continue;
        };
        let offset = 3.0 * GRID;
        layout
            .shapes
            .insert(copy.clone(), moved_copy(&shape, copy, offset, offset));
        arrange::fit_ancestors(&mut layout, copy);
    }
    write(tx, &layout)?;
    Ok(copies)
}

/// The shape of `id`, a copy of the resource drawn as `shape`, moved by `dx`, `dy`.
fn moved_copy(shape: &Shape, id: &str, dx: f64, dy: f64) -> Shape {
    Shape {
        designer_id: new_designer_id(id, 0),
        x: shape.x + dx,
        y: shape.y + dy,
        ..shape.clone()
    }
}

/// Copies resources as template text with their shapes as Designer metadata, so a
/// paste rebuilds the arrangement (a subnet comes back with its instances inside it)
/// and the other Designer reads it too.
pub fn copy_arranged(template: &Template, ids: &[&str]) -> Result<String, CommandError> {
    let mut clip = copy_template(template, ids)?;
    let mut layout = current_layout(template);
    layout.links.clear();
    layout.shapes.retain(|id, _| ids.contains(&id.as_str()));
    for shape in layout.shapes.values_mut() {
        if shape.parent.as_deref().is_some_and(|p| !ids.contains(&p)) {
            shape.parent = None;
        }
    }
    write_layout(&mut clip, &layout);
    Ok(clip.to_yaml())
}

/// Pastes resources from template text centred on `centre`, where they cover nothing.
/// Resources that come with shapes (text from [`copy_arranged`], or any template with
/// Designer metadata) keep their arrangement and nesting; the others are laid out in
/// a row. Returns the new ids.
/// Pastes the clipboard's text in the middle of `view` (the part of the world on
/// screen), each copy in a free place the user can see when there is one.
pub fn paste_at(tx: &mut Tx, text: &str, view: Rect) -> Result<Vec<String>, CommandError> {
    let centre = view.center();
    let mut layout = current_layout(tx.template());
    let clip = Template {
        root: read_clipboard(text)?,
        ..Template::new()
    };
    let clip_layout = read_layout(&clip);
    let pasted = paste_value(tx, &clip.root)?;
    let new_id = |old: &str| {
        pasted
            .iter()
            .find(|(o, _)| o == old)
            .map(|(_, new)| new.clone())
    };
    let drawn: Vec<&(String, String)> = pasted
        .iter()
        .filter(|(_, new)| !is_drawn_as_link(tx.template(), new))
        .collect();

    let arranged: Vec<(&String, &Shape)> = drawn
        .iter()
        .filter_map(|(old, new)| clip_layout.shapes.get(old).map(|s| (new, s)))
        .collect();
    if let Some(bounds) = arranged
        .iter()
        .map(|(_, s)| arrange::rect_of(s))
        .reduce(|a, b| a.union(&b))
    {
        let wanted = Rect::new(
            arrange::snap(centre.x - bounds.width / 2.0, GRID),
            arrange::snap(centre.y - bounds.height / 2.0, GRID),
            bounds.width,
            bounds.height,
        );
        let spot = arrange::free_spot_in_view(&layout, wanted, view);
        let (dx, dy) = (spot.x - bounds.x, spot.y - bounds.y);
        for (id, shape) in &arranged {
            let copy = Shape {
                parent: shape.parent.as_deref().and_then(new_id),
                ..moved_copy(shape, id, dx, dy)
            };
            layout.shapes.insert(id.to_string(), copy);
        }
    }

    let boxes: Vec<(&String, (f64, f64))> = drawn
        .iter()
        .filter(|(old, _)| !clip_layout.shapes.contains_key(old))
        .map(|(_, new)| (new, new_shape_size(new, type_in(tx.template(), new))))
        .collect();
    let total: f64 = boxes
        .iter()
        .map(|(_, (w, _))| w + PLACEMENT_GAP)
        .sum::<f64>()
        - PLACEMENT_GAP;
    let mut x = centre.x - total.max(0.0) / 2.0;
    for (id, (w, h)) in boxes {
        let wanted = Rect::new(
            arrange::snap(x, GRID),
            arrange::snap(centre.y - h / 2.0, GRID),
            w,
            h,
        );
        let r = arrange::free_spot_in_view(&layout, wanted, view);
        layout.shapes.insert(
            id.clone(),
            Shape {
                designer_id: new_designer_id(id, 0),
                x: r.x,
                y: r.y,
                width: w,
                height: h,
                z: 0,
                parent: None,
            },
        );
        x += w + PLACEMENT_GAP;
    }
    write(tx, &layout)?;
    Ok(pasted.into_iter().map(|(_, new)| new).collect())
}

/// Writes the layout, leaving out shapes of resources that are gone or drawn as links.
fn write(tx: &mut Tx, layout: &Layout) -> Result<(), CommandError> {
    let mut layout = layout.clone();
    let template = tx.template();
    layout
        .shapes
        .retain(|id, _| template.resource(id).is_some() && !is_drawn_as_link(template, id));
    for shape in layout.shapes.values_mut() {
        if shape
            .parent
            .as_ref()
            .is_some_and(|p| template.resource(p).is_none())
        {
            shape.parent = None;
        }
    }
    set_layout(tx, &layout)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::scene::Scene;
    use crate::document::Document;
    use crate::template::{Format, parse};

    fn doc(text: &str) -> Document {
        Document::new(parse(text).unwrap().template)
    }

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_resource_drawn_as_a_link_is_not_moved_on_its_own() {
        let mut d = doc("Resources:
  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  Igw: {Type: AWS::EC2::InternetGateway}
  Attach: {Type: AWS::EC2::VPCGatewayAttachment, Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw}}
");
        let before = d.text(Format::Yaml);
        let err = d
            .apply("move", |tx| move_by(tx, &ids(&["Attach"]), 40.0, 0.0, true))
            .unwrap_err();
        assert!(err.0.contains("Attach has no place of its own"), "{err:?}");
        assert_eq!(d.text(Format::Yaml), before);
    }

    #[test]
    fn dropping_into_containers_writes_the_references_and_the_layout() {
        let mut d = Document::default();
        let vpc = d
            .apply("add", |tx| {
                add_at(tx, "AWS::EC2::VPC", Spot::At(Point::new(400.0, 300.0)))
            })
            .unwrap();
        assert_eq!(vpc, "Vpc");
        let layout = read_layout(d.template());
        let v = &layout.shapes["Vpc"];
        assert_eq!((v.x, v.y, v.width, v.height), (40.0, 104.0, 720.0, 400.0));
        // A subnet dropped inside the VPC gets VpcId; an instance inside the subnet
        // gets SubnetId.
        let net = d
            .apply("add", |tx| {
                add_at(tx, "AWS::EC2::Subnet", Spot::At(Point::new(400.0, 320.0)))
            })
            .unwrap();
        let web = d
            .apply("add", |tx| {
                add_at(tx, "AWS::EC2::Instance", Spot::At(Point::new(400.0, 330.0)))
            })
            .unwrap();
        let text = d.text(Format::Yaml);
        assert!(text.contains("VpcId: !Ref Vpc"), "{text}");
        assert!(text.contains("SubnetId: !Ref Subnet"), "{text}");
        let layout = read_layout(d.template());
        assert_eq!(layout.shapes[&net].parent.as_deref(), Some("Vpc"));
        assert_eq!(layout.shapes[&web].parent.as_deref(), Some("Subnet"));
        // The containers grew to hold what went in.
        let scene = Scene::build(d.template());
        let (vr, nr, wr) = (
            scene.node("Vpc").unwrap().rect,
            scene.node(&net).unwrap().rect,
            scene.node(&web).unwrap().rect,
        );
        assert!(vr.x <= nr.x && vr.right() >= nr.right() && vr.bottom() >= nr.bottom());
        assert!(nr.x <= wr.x && nr.right() >= wr.right() && nr.bottom() >= wr.bottom());
        // Three steps, each undone whole.
        for _ in 0..3 {
            d.undo().unwrap();
        }
        assert_eq!(d.text(Format::Yaml), Document::default().text(Format::Yaml));
    }

    #[test]
    fn a_load_balancer_moved_within_its_vpc_stays_in_it_and_writes_nothing() {
        let mut d = doc(crate::samples::sample("wordpress-multi-az").unwrap().text);
        d.apply("arrange", |tx| arrange_all(tx, Style::Architecture))
            .unwrap();
        let before = d
            .template()
            .resource("ApplicationLoadBalancer")
            .unwrap()
            .properties()
            .cloned();
        d.apply("move", |tx| {
            move_by(tx, &ids(&["ApplicationLoadBalancer"]), 24.0, 0.0, true)
        })
        .unwrap();
        let layout = read_layout(d.template());
        assert_eq!(
            layout.shapes["ApplicationLoadBalancer"].parent.as_deref(),
            Some("Vpc")
        );
        let after = d
            .template()
            .resource("ApplicationLoadBalancer")
            .unwrap()
            .properties()
            .cloned();
        assert_eq!(before, after);
    }

    #[test]
    fn a_vpc_dropped_over_a_loose_subnet_does_not_look_as_if_it_held_it() {
        let mut d = Document::default();
        let net = d
            .apply("add", |tx| {
                add_at(tx, "AWS::EC2::Subnet", Spot::At(Point::new(400.0, 300.0)))
            })
            .unwrap();
        d.apply("add", |tx| {
            add_at(tx, "AWS::EC2::VPC", Spot::At(Point::new(400.0, 300.0)))
        })
        .unwrap();
        let scene = Scene::build(d.template());
        let (vr, nr) = (
            scene.node("Vpc").unwrap().rect,
            scene.node(&net).unwrap().rect,
        );
        assert!(
            vr.right() <= nr.x || nr.right() <= vr.x || vr.bottom() <= nr.y || nr.bottom() <= vr.y,
            "{vr:?} covers {nr:?}"
        );
    }

    #[test]
    fn keyboard_placement_does_not_stack() {
        let mut d = Document::default();
        let centre = Point::new(0.0, 0.0);
        for _ in 0..3 {
            d.apply("add", |tx| {
                add_at(tx, "AWS::SQS::Queue", Spot::Near(centre))
            })
            .unwrap();
        }
        let scene = Scene::build(d.template());
        let rects: Vec<Rect> = scene.nodes.iter().map(|n| n.rect).collect();
        for (i, a) in rects.iter().enumerate() {
            for b in &rects[i + 1..] {
                assert!(
                    a.right() <= b.x || b.right() <= a.x || a.bottom() <= b.y || b.bottom() <= a.y
                );
            }
        }
    }

    const LAID_OUT_LATER: &str = "Resources:
  Vpc: {Type: AWS::EC2::VPC}
  A: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24}}
  B: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24}}
  Web: {Type: AWS::EC2::Instance, Properties: {SubnetId: !Ref A}}
  Bucket: {Type: AWS::S3::Bucket}
";

    #[test]
    fn the_first_move_writes_the_whole_layout_in_the_same_step() {
        let mut d = doc(LAID_OUT_LATER);
        assert!(read_layout(d.template()).shapes.is_empty());
        let before = Scene::build(d.template());
        d.apply("move", |tx| move_by(tx, &ids(&["Bucket"]), 40.0, 0.0, true))
            .unwrap();
        let saved = read_layout(d.template());
        assert_eq!(
            saved.shapes.len(),
            5,
            "every box is saved, not only the moved one"
        );
        let after = Scene::build(d.template());
        assert_eq!(
            after.node("Vpc").unwrap().rect,
            before.node("Vpc").unwrap().rect
        );
        assert_eq!(
            after.node("Bucket").unwrap().rect.x,
            before.node("Bucket").unwrap().rect.x + 40.0
        );
        d.undo().unwrap();
        assert!(read_layout(d.template()).shapes.is_empty());
    }

    #[test]
    fn moving_between_containers_rewrites_the_containment() {
        let mut d = doc(LAID_OUT_LATER);
        let scene = Scene::build(d.template());
        let (web, b) = (
            scene.node("Web").unwrap().rect,
            scene.node("B").unwrap().rect,
        );
        let (dx, dy) = (b.center().x - web.center().x, b.center().y - web.center().y);
        d.apply("move", |tx| move_by(tx, &ids(&["Web"]), dx, dy, true))
            .unwrap();
        let text = d.text(Format::Yaml);
        assert!(text.contains("SubnetId: !Ref B"), "{text}");
        assert!(!text.contains("SubnetId: !Ref A"), "{text}");
        // Out of every container: the reference goes.
        let scene = Scene::build(d.template());
        let web = scene.node("Web").unwrap().rect;
        let vpc = scene.node("Vpc").unwrap().rect;
        let dy = vpc.bottom() - web.y + 200.0;
        d.apply("move", |tx| move_by(tx, &ids(&["Web"]), 0.0, dy, true))
            .unwrap();
        let text = d.text(Format::Yaml);
        assert!(!text.contains("SubnetId"), "{text}");
        // Moving the VPC moves the subnets inside it; nothing is rewritten.
        let before = Scene::build(d.template());
        d.apply("move", |tx| move_by(tx, &ids(&["Vpc"]), 80.0, 80.0, true))
            .unwrap();
        let after = Scene::build(d.template());
        assert_eq!(
            after.node("A").unwrap().rect.x,
            before.node("A").unwrap().rect.x + 80.0
        );
        assert!(d.text(Format::Yaml).contains("VpcId: !Ref Vpc"));
    }

    #[test]
    fn resize_align_duplicate_paste_and_arrange() {
        let mut d = doc(LAID_OUT_LATER);
        let before = Scene::build(d.template()).node("Vpc").unwrap().rect;
        d.apply("resize", |tx| {
            resize(tx, "Vpc", Edges::from_handle("se"), 96.0, 48.0, true)
        })
        .unwrap();
        let after = Scene::build(d.template()).node("Vpc").unwrap().rect;
        assert_eq!((after.x, after.y), (before.x, before.y));
        assert_eq!(after.right(), arrange::snap(before.right() + 96.0, GRID));
        assert_eq!(after.bottom(), arrange::snap(before.bottom() + 48.0, GRID));

        d.apply("align", |tx| {
            align(tx, &ids(&["Vpc", "Bucket"]), Align::Top)
        })
        .unwrap();
        let s = Scene::build(d.template());
        assert_eq!(
            s.node("Vpc").unwrap().rect.y,
            s.node("Bucket").unwrap().rect.y
        );

        let copies = d
            .apply("duplicate", |tx| duplicate_beside(tx, &ids(&["Bucket"])))
            .unwrap();
        assert_eq!(copies, ids(&["Bucket2"]));
        let s = Scene::build(d.template());
        let (a, b) = (
            s.node("Bucket").unwrap().rect,
            s.node("Bucket2").unwrap().rect,
        );
        assert_eq!((b.x - a.x, b.y - a.y), (24.0, 24.0));

        let text = crate::document::commands::copy(d.template(), &["Bucket"]).unwrap();
        let pasted = d
            .apply("paste", |tx| {
                paste_at(tx, &text, Rect::new(1000.0, 1500.0, 2000.0, 1000.0))
            })
            .unwrap();
        let s = Scene::build(d.template());
        let p = s.node(&pasted[0]).unwrap().rect;
        assert!((p.center().y - 2000.0).abs() <= GRID, "{p:?}");

        d.apply("arrange", |tx| arrange_all(tx, Style::Architecture))
            .unwrap();
        let s = Scene::build(d.template());
        assert_eq!(s.nodes.len(), 7);
        assert_eq!(read_layout(d.template()).shapes.len(), 7);
    }

    /// Copying a VPC with what is inside it and pasting it gives a second VPC drawn the
    /// same way: the subnet inside the new VPC, the instance inside the new subnet, at
    /// the same offsets, away from everything already there.
    #[test]
    fn paste_keeps_the_copied_arrangement_and_nesting() {
        let mut d = doc(concat!(
            "Resources:\n",
            "  Vpc:\n    Type: AWS::EC2::VPC\n",
            "  Net:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !Ref Vpc\n",
            "  Web:\n    Type: AWS::EC2::Instance\n    Properties:\n      SubnetId: !Ref Net\n",
        ));
        d.apply("arrange", |tx| arrange_all(tx, Style::Architecture))
            .unwrap();
        let clip = copy_arranged(d.template(), &["Vpc", "Net", "Web"]).unwrap();
        assert!(clip.contains("AWS::CloudFormation::Designer"), "{clip}");
        let pasted = d
            .apply("paste", |tx| {
                paste_at(tx, &clip, Rect::new(2000.0, 2500.0, 2000.0, 1000.0))
            })
            .unwrap();
        assert_eq!(pasted, ids(&["Vpc2", "Net2", "Web2"]));
        let s = Scene::build(d.template());
        let node = |id: &str| s.node(id).unwrap();
        assert_eq!(node("Net2").parent.as_deref(), Some("Vpc2"));
        assert_eq!(node("Web2").parent.as_deref(), Some("Net2"));
        assert_eq!(node("Vpc2").rect.width, node("Vpc").rect.width);
        for (copy, original) in [("Net2", "Net"), ("Web2", "Web")] {
            let (c, o) = (node(copy).rect, node(original).rect);
            let (cv, ov) = (node("Vpc2").rect, node("Vpc").rect);
            assert_eq!((c.x - cv.x, c.y - cv.y), (o.x - ov.x, o.y - ov.y), "{copy}");
        }
        let centre = node("Vpc2").rect.center();
        assert!((centre.x - 3000.0).abs() <= GRID && (centre.y - 3000.0).abs() <= GRID);

        // Without its VPC, the subnet lands on its own with the instance still inside.
        let clip = copy_arranged(d.template(), &["Net", "Web"]).unwrap();
        let pasted = d
            .apply("paste", |tx| {
                paste_at(tx, &clip, Rect::new(-1000.0, 2500.0, 2000.0, 1000.0))
            })
            .unwrap();
        let s = Scene::build(d.template());
        assert_eq!(s.node(&pasted[0]).unwrap().parent, None);
        assert_eq!(
            s.node(&pasted[1]).unwrap().parent.as_deref(),
            Some(pasted[0].as_str())
        );
        let shapes = read_layout(d.template()).shapes;
        let (a, b) = (&shapes[&pasted[0]], &shapes["Vpc2"]);
        let overlap = a.x < b.x + b.width
            && b.x < a.x + a.width
            && a.y < b.y + b.height
            && b.y < a.y + a.height;
        assert!(!overlap, "{a:?} covers {b:?}");
    }

    /// The classic lab network, built the way a person does it on the canvas.
    #[test]
    fn the_lab_network_writes_itself() {
        use crate::document::commands::connect;
        let mut d = Document::default();
        let add = |d: &mut Document, t: &str, x: f64, y: f64| {
            d.apply("add", |tx| add_at(tx, t, Spot::At(Point::new(x, y))))
                .unwrap()
        };
        let vpc = add(&mut d, "AWS::EC2::VPC", 400.0, 300.0);
        // Make the VPC roomy, as a person would, then drop two subnets in it.
        d.apply("resize", |tx| {
            resize(tx, &vpc, Edges::from_handle("se"), 500.0, 300.0, true)
        })
        .unwrap();
        let vpc_rect = Scene::build(d.template()).node(&vpc).unwrap().rect;
        let a = add(
            &mut d,
            "AWS::EC2::Subnet",
            vpc_rect.x + 180.0,
            vpc_rect.y + 140.0,
        );
        let b = add(
            &mut d,
            "AWS::EC2::Subnet",
            vpc_rect.x + 540.0,
            vpc_rect.y + 140.0,
        );
        let igw = add(&mut d, "AWS::EC2::InternetGateway", 100.0, 100.0);
        d.apply("connect", |tx| connect(tx, &igw, &vpc)).unwrap();
        let rt = add(
            &mut d,
            "AWS::EC2::RouteTable",
            vpc_rect.x + 300.0,
            vpc_rect.y + 400.0,
        );
        d.apply("connect", |tx| connect(tx, &rt, &a)).unwrap();
        let a_rect = Scene::build(d.template()).node(&a).unwrap().rect;
        let web = add(
            &mut d,
            "AWS::EC2::Instance",
            a_rect.center().x,
            a_rect.center().y + 10.0,
        );
        let sg = add(
            &mut d,
            "AWS::EC2::SecurityGroup",
            vpc_rect.x + 300.0,
            vpc_rect.y + 520.0,
        );
        d.apply("connect", |tx| connect(tx, &sg, &web)).unwrap();
        let text = d.text(Format::Yaml);
        for expected in [
            "Subnet:\n    Type: AWS::EC2::Subnet",
            "VpcId: !Ref Vpc",
            "Type: AWS::EC2::VPCGatewayAttachment",
            "InternetGatewayId: !Ref InternetGateway",
            "Type: AWS::EC2::SubnetRouteTableAssociation",
            "RouteTableId: !Ref RouteTable",
            "SubnetId: !Ref Subnet\n",
            "SecurityGroupIds:\n        - !Ref SecurityGroup",
            "CidrBlock: 10.0.2.0/24\n      AvailabilityZone: !Select [1, !GetAZs '']",
        ] {
            assert!(text.contains(expected), "{expected:?} missing from\n{text}");
        }
        assert_eq!(b, "Subnet2");
        let scene = Scene::build(d.template());
        assert_eq!(
            scene.node(&web).unwrap().parent.as_deref(),
            Some(a.as_str())
        );
        assert_eq!(
            scene.node(&rt).unwrap().parent.as_deref(),
            Some(vpc.as_str())
        );
        let kinds: Vec<&str> = scene.edges.iter().map(|e| e.key.as_str()).collect();
        assert!(
            kinds.contains(&"glue:InternetGateway>Vpc:GatewayAttachment"),
            "{kinds:?}"
        );
        assert!(
            kinds.contains(&"glue:RouteTable>Subnet:RouteTableAssociation"),
            "{kinds:?}"
        );
        assert!(
            kinds.contains(&"ref:Instance>SecurityGroup:SecurityGroupIds"),
            "{kinds:?}"
        );
        // Undo everything, redo everything: the same text.
        while d.undo().is_some() {}
        assert_eq!(d.text(Format::Yaml), Document::default().text(Format::Yaml));
        while d.redo().is_some() {}
        assert_eq!(d.text(Format::Yaml), text);
        if std::env::var_os("FORMWORK_PRINT_LAB").is_some() {
            println!("{text}");
        }
    }
}
