//! Automatic layout for templates that arrive without one: resources nested in their
//! subnets and VPCs, dependencies flowing left to right, nothing overlapping.
//!
//! Each container is laid out on its own, inside out: its children are sorted into
//! columns by dependency depth (what others depend on stands to the left), each column
//! stacked top to bottom and wrapped when it grows too tall, and the container grows
//! to hold them. Positions are absolute, as the Designer's metadata stores them.

use std::collections::{BTreeMap, BTreeSet};

use super::relations::{inferred_parents, is_drawn_as_link};
use crate::catalog::curated;
use crate::document::commands::designer_id;
use crate::template::Template;
use crate::template::designer::{Layout, Shape, new_designer_id};

/// A resource card.
pub const NODE_WIDTH: f64 = 220.0;
pub const NODE_HEIGHT: f64 = 56.0;
/// Inside a container: room for its title above, and a margin around its children.
pub const CONTAINER_HEADER: f64 = 44.0;
pub const CONTAINER_PADDING: f64 = 24.0;
/// The smallest container, so an empty one is still a box to drop into.
pub const CONTAINER_MIN_WIDTH: f64 = 300.0;
pub const CONTAINER_MIN_HEIGHT: f64 = 160.0;
const COLUMN_GAP: f64 = 72.0;
const ROW_GAP: f64 = 24.0;
/// A column holding more resources than this wraps into the next one.
const MAX_COLUMN: usize = 10;
/// The width-to-height ratio a block of many siblings aims for when its columns wrap.
const ASPECT: f64 = 1.6;
/// Where the diagram starts.
const ORIGIN: f64 = 40.0;

/// Whether a type is drawn as a container.
pub fn is_container(type_name: &str) -> bool {
    curated::curated(type_name).is_some_and(|c| c.container)
}

/// A layout for every resource drawn as a box: the shapes `existing` has are kept,
/// the others are laid out automatically (all of them when `existing` is empty).
pub fn complete(template: &Template, existing: &Layout) -> Layout {
    let drawn: Vec<&str> = template
        .resources()
        .map(|r| r.id)
        .filter(|id| !is_drawn_as_link(template, id))
        .collect();
    let missing: Vec<&str> = drawn
        .iter()
        .copied()
        .filter(|id| !existing.shapes.contains_key(*id))
        .collect();
    if missing.is_empty() {
        return existing.clone();
    }
    if existing.shapes.is_empty() {
        return auto_layout(template, &drawn);
    }
    place_new(template, existing, &missing)
}

/// Lays out `ids` from scratch.
fn auto_layout(template: &Template, ids: &[&str]) -> Layout {
    let drawn: BTreeSet<&str> = ids.iter().copied().collect();
    let parents: BTreeMap<String, String> = inferred_parents(template)
        .into_iter()
        .filter(|(child, parent)| {
            drawn.contains(child.as_str())
                && drawn.contains(parent.as_str())
                && template
                    .resource(parent)
                    .and_then(|r| r.type_name())
                    .is_some_and(is_container)
        })
        .collect();
    let deps = dependency_map(template, &drawn);
    let sibling_deps = sibling_dependencies(&deps, &parents);
    let mut children: BTreeMap<Option<&str>, Vec<&str>> = BTreeMap::new();
    for id in ids {
        children
            .entry(parents.get(*id).map(String::as_str))
            .or_default()
            .push(id);
    }
    let mut sizes: BTreeMap<&str, (f64, f64)> = BTreeMap::new();
    let mut relative: BTreeMap<&str, (f64, f64)> = BTreeMap::new();
    // Inside out: a container's size depends on its children's.
    let order = post_order(&children, None);
    for container in order.iter().copied().chain(std::iter::once(None)) {
        let kids = children.get(&container).cloned().unwrap_or_default();
        let empty = BTreeMap::new();
        let among = sibling_deps.get(&container).unwrap_or(&empty);
        let (w, h) = arrange(&kids, among, &sizes, &mut relative);
        if let Some(c) = container {
            sizes.insert(
                c,
                (
                    (w + 2.0 * CONTAINER_PADDING).max(CONTAINER_MIN_WIDTH),
                    (h + CONTAINER_HEADER + CONTAINER_PADDING).max(CONTAINER_MIN_HEIGHT),
                ),
            );
        }
    }
    let mut layout = Layout::default();
    for id in ids {
        let (mut x, mut y) = relative[id];
        let mut up = parents.get(*id).map(String::as_str);
        while let Some(p) = up {
            let (px, py) = relative[p];
            x += px + CONTAINER_PADDING;
            y += py + CONTAINER_HEADER;
            up = parents.get(p).map(String::as_str);
        }
        let (width, height) = sizes.get(id).copied().unwrap_or((NODE_WIDTH, NODE_HEIGHT));
        layout.shapes.insert(
            id.to_string(),
            Shape {
                designer_id: designer_id(template, id).unwrap_or_else(|| new_designer_id(id, 0)),
                x: x + ORIGIN,
                y: y + ORIGIN,
                width,
                height,
                z: depth(&parents, id) as i64,
                parent: parents.get(*id).cloned(),
            },
        );
    }
    layout
}

/// Containers in an order where each comes after the containers inside it.
fn post_order<'a>(
    children: &BTreeMap<Option<&'a str>, Vec<&'a str>>,
    root: Option<&'a str>,
) -> Vec<Option<&'a str>> {
    let mut out = Vec::new();
    for kid in children.get(&root).into_iter().flatten() {
        if children.contains_key(&Some(*kid)) {
            out.extend(post_order(children, Some(kid)));
            out.push(Some(*kid));
        }
    }
    out
}

fn depth(parents: &BTreeMap<String, String>, id: &str) -> usize {
    let mut d = 0;
    let mut up = parents.get(id);
    while let Some(p) = up {
        d += 1;
        up = parents.get(p);
        if d > parents.len() {
            break;
        }
    }
    d
}

/// What each resource depends on, among the drawn ones.
fn dependency_map<'t>(
    template: &'t Template,
    drawn: &BTreeSet<&str>,
) -> BTreeMap<&'t str, Vec<&'t str>> {
    template
        .dependencies()
        .into_iter()
        .map(|(id, deps)| (id, deps.into_iter().filter(|d| drawn.contains(d)).collect()))
        .collect()
}

/// The resources up from `id`: itself, its container, that one's container, ...
fn chain<'a>(id: &'a str, parents: &'a BTreeMap<String, String>) -> Vec<&'a str> {
    let mut out = vec![id];
    let mut cur = id;
    while let Some(p) = parents.get(cur) {
        if out.len() > parents.len() || out.contains(&p.as_str()) {
            break;
        }
        out.push(p);
        cur = p;
    }
    out
}

/// For each container (None: the canvas), which of its direct contents depend on
/// which others: a dependency between two resources counts between the two contents
/// of their closest common container that hold them. One pass over the dependencies.
fn sibling_dependencies<'a>(
    deps: &BTreeMap<&'a str, Vec<&'a str>>,
    parents: &'a BTreeMap<String, String>,
) -> BTreeMap<Option<&'a str>, BTreeMap<&'a str, BTreeSet<&'a str>>> {
    let mut out: BTreeMap<Option<&str>, BTreeMap<&str, BTreeSet<&str>>> = BTreeMap::new();
    let parent_of = |id: &str| parents.get(id).map(String::as_str);
    for (id, targets) in deps {
        let from_chain = chain(id, parents);
        for target in targets {
            let to_chain = chain(target, parents);
            // The first pair of ancestors-or-selves sharing a container.
            let pair = from_chain.iter().find_map(|a| {
                to_chain
                    .iter()
                    .find(|b| parent_of(b) == parent_of(a))
                    .map(|b| (*a, *b))
            });
            if let Some((a, b)) = pair
                && a != b
            {
                out.entry(parent_of(a))
                    .or_default()
                    .entry(a)
                    .or_default()
                    .insert(b);
            }
        }
    }
    out
}

/// Places siblings in columns by dependency depth; returns the size they take and
/// records each one's position relative to the area's top left. A column wraps when
/// it grows much taller than the block is wide, so many siblings form a readable
/// block rather than one long strip.
fn arrange<'a>(
    kids: &[&'a str],
    sibling_deps: &BTreeMap<&'a str, BTreeSet<&'a str>>,
    sizes: &BTreeMap<&'a str, (f64, f64)>,
    relative: &mut BTreeMap<&'a str, (f64, f64)>,
) -> (f64, f64) {
    if kids.is_empty() {
        return (0.0, 0.0);
    }
    let mut level: BTreeMap<&str, usize> = BTreeMap::new();
    for k in kids {
        level_of(k, sibling_deps, &mut level, &mut BTreeSet::new());
    }
    let max_level = level.values().copied().max().unwrap_or(0);
    let size = |k: &str| sizes.get(k).copied().unwrap_or((NODE_WIDTH, NODE_HEIGHT));
    // The tallest a column may grow: about what makes the whole block a landscape
    // rectangle, never less than the tallest sibling.
    let area: f64 = kids
        .iter()
        .map(|k| {
            let (w, h) = size(k);
            (w + COLUMN_GAP) * (h + ROW_GAP)
        })
        .sum();
    let tallest = kids.iter().map(|k| size(k).1).fold(0.0, f64::max);
    let max_height = (area / ASPECT).sqrt().max(tallest);
    let mut columns: Vec<Vec<&'a str>> = Vec::new();
    for l in 0..=max_level {
        let mut column: Vec<&'a str> = Vec::new();
        let mut height = 0.0;
        for k in kids.iter().copied().filter(|k| level[k] == l) {
            let h = size(k).1;
            if !column.is_empty() && (column.len() >= MAX_COLUMN || height + h > max_height) {
                columns.push(std::mem::take(&mut column));
                height = 0.0;
            }
            column.push(k);
            height += h + ROW_GAP;
        }
        if !column.is_empty() {
            columns.push(column);
        }
    }
    let (mut x, mut height) = (0.0f64, 0.0f64);
    for column in columns.iter().filter(|c| !c.is_empty()) {
        let width = column.iter().map(|k| size(k).0).fold(0.0, f64::max);
        let mut y = 0.0;
        for k in column {
            relative.insert(k, (x, y));
            y += size(k).1 + ROW_GAP;
        }
        height = height.max(y - ROW_GAP);
        x += width + COLUMN_GAP;
    }
    (x - COLUMN_GAP, height)
}

/// Longest dependency chain below a resource; a cycle counts once.
fn level_of<'a>(
    id: &'a str,
    deps: &BTreeMap<&'a str, BTreeSet<&'a str>>,
    memo: &mut BTreeMap<&'a str, usize>,
    visiting: &mut BTreeSet<&'a str>,
) -> usize {
    if let Some(l) = memo.get(id) {
        return *l;
    }
    if !visiting.insert(id) {
        return 0;
    }
    let l = deps
        .get(id)
        .into_iter()
        .flatten()
        .map(|d| level_of(d, deps, memo, visiting) + 1)
        .max()
        .unwrap_or(0);
    visiting.remove(id);
    memo.insert(id, l);
    l
}

/// Places resources that a laid-out template gained (from the code pane, a paste):
/// in a row under everything else, inside their container when they have one.
fn place_new(template: &Template, existing: &Layout, missing: &[&str]) -> Layout {
    let mut layout = existing.clone();
    let parents = inferred_parents(template);
    let bottom = layout
        .shapes
        .values()
        .filter(|s| s.parent.is_none())
        .map(|s| s.y + s.height)
        .fold(ORIGIN, f64::max);
    let mut x = ORIGIN;
    for id in missing {
        let type_name = template
            .resource(id)
            .and_then(|r| r.type_name())
            .unwrap_or("");
        let (width, height) = if is_container(type_name) {
            (CONTAINER_MIN_WIDTH, CONTAINER_MIN_HEIGHT)
        } else {
            (NODE_WIDTH, NODE_HEIGHT)
        };
        let parent = parents
            .get(*id)
            .filter(|p| layout.shapes.contains_key(*p))
            .cloned();
        let (px, py) = match parent.as_ref().and_then(|p| layout.shapes.get(p)) {
            Some(p) => (
                p.x + CONTAINER_PADDING,
                p.y + p.height - CONTAINER_PADDING - height,
            ),
            None => {
                let at = (x, bottom + COLUMN_GAP);
                x += width + ROW_GAP;
                at
            }
        };
        layout.shapes.insert(
            id.to_string(),
            Shape {
                designer_id: designer_id(template, id).unwrap_or_else(|| new_designer_id(id, 0)),
                x: px,
                y: py,
                width,
                height,
                z: 0,
                parent,
            },
        );
    }
    layout
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::Rect;
    use crate::template::parse;

    fn rect(s: &Shape) -> Rect {
        Rect::new(s.x, s.y, s.width, s.height)
    }

    fn inside(inner: &Shape, outer: &Shape) -> bool {
        inner.x >= outer.x
            && inner.y >= outer.y
            && inner.x + inner.width <= outer.x + outer.width
            && inner.y + inner.height <= outer.y + outer.height
    }

    fn overlaps(a: &Shape, b: &Shape) -> bool {
        a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
    }

    const NET: &str = "Resources:
  Vpc: {Type: AWS::EC2::VPC}
  A: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc}}
  B: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc}}
  Igw: {Type: AWS::EC2::InternetGateway}
  Attach: {Type: AWS::EC2::VPCGatewayAttachment, Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw}}
  Web: {Type: AWS::EC2::Instance, Properties: {SubnetId: !Ref A, SecurityGroupIds: [!Ref Sg]}}
  Sg: {Type: AWS::EC2::SecurityGroup, Properties: {VpcId: !Ref Vpc}}
  Db: {Type: AWS::RDS::DBInstance, DependsOn: Web}
";

    #[test]
    fn nests_orders_and_separates() {
        let t = parse(NET).unwrap().template;
        let layout = complete(&t, &Layout::default());
        let s = &layout.shapes;
        assert!(!s.contains_key("Attach"), "glue is drawn as a link");
        assert_eq!(s["A"].parent.as_deref(), Some("Vpc"));
        assert_eq!(s["Web"].parent.as_deref(), Some("A"));
        assert!(
            inside(&s["A"], &s["Vpc"]) && inside(&s["Web"], &s["A"]) && inside(&s["Sg"], &s["Vpc"])
        );
        // Dependencies left to right: the instance needs the group, the DB the instance.
        assert!(
            s["Sg"].x < s["A"].x,
            "Sg {:?} A {:?}",
            rect(&s["Sg"]),
            rect(&s["A"])
        );
        assert!(s["Vpc"].x + s["Vpc"].width <= s["Db"].x);
        let ids: Vec<&String> = s.keys().collect();
        for (i, a) in ids.iter().enumerate() {
            for b in &ids[i + 1..] {
                let (sa, sb) = (&s[*a], &s[*b]);
                let related = sa.parent.as_deref() == Some(b.as_str())
                    || sb.parent.as_deref() == Some(a.as_str())
                    || inside(sa, sb)
                    || inside(sb, sa);
                assert!(related || !overlaps(sa, sb), "{a} overlaps {b}");
            }
        }
    }

    #[test]
    fn kept_shapes_stay_and_new_ones_go_below() {
        let t = parse(NET).unwrap().template;
        let mut partial = complete(&t, &Layout::default());
        let vpc = partial.shapes["Vpc"].clone();
        partial.shapes.shift_remove("Db");
        let done = complete(&t, &partial);
        assert_eq!(done.shapes["Vpc"], vpc);
        let bottom = partial
            .shapes
            .values()
            .map(|s| s.y + s.height)
            .fold(0.0, f64::max);
        assert!(done.shapes["Db"].y > bottom);
    }

    #[test]
    fn tall_columns_wrap_into_a_landscape_block() {
        let mut text = String::from("Resources:\n");
        for i in 0..25 {
            text.push_str(&format!("  T{i}: {{Type: AWS::SNS::Topic}}\n"));
        }
        let layout = complete(&parse(&text).unwrap().template, &Layout::default());
        let xs: BTreeSet<i64> = layout.shapes.values().map(|s| s.x as i64).collect();
        assert!(xs.len() >= 3, "{} columns", xs.len());
        let bounds = Rect::union_all(layout.shapes.values().map(rect)).unwrap();
        assert!(bounds.width > bounds.height, "{bounds:?}");
    }

    #[test]
    fn dependencies_order_contents_inside_each_container() {
        // Inside the VPC, the subnet holding the instance depends on nothing of its
        // siblings, the group does not either; outside, the bucket depends on the
        // instance, so it stands to the right of the whole VPC.
        let t = parse(NET).unwrap().template;
        let layout = complete(&t, &Layout::default());
        let s = &layout.shapes;
        assert!(s["Db"].x >= s["Vpc"].x + s["Vpc"].width);
    }
}
