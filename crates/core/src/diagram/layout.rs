//! Automatic layout for templates that arrive without one: resources nested in their
//! subnets and VPCs, dependencies flowing left to right, nothing overlapping.
//!
//! Each container is laid out on its own, inside out: its children are sorted into
//! columns by dependency depth (what others depend on stands to the left), each column
//! stacked top to bottom and wrapped when it grows too tall, and the container grows
//! to hold them. A strip of many columns, too wide to read once fitted to the screen,
//! wraps into bands (left to right, then down) or, when that is not enough, into
//! columns that flow from one level into the next. Positions are absolute, as the
//! Designer's metadata stores them.

use std::collections::{BTreeMap, BTreeSet};

use super::architecture::Plan;
use super::arrange::GRID;
use super::card::{TITLE_CHAR_WIDTH, card_size};
use super::relations::{glue_ends, inferred_parents, is_drawn_as_link};
use crate::catalog::curated;
use crate::document::commands::designer_id;
use crate::template::Template;
use crate::template::designer::{Layout, Shape, new_designer_id};

/// A container's title (and type) starts after its icon, and keeps clear of the
/// badges on the right.
pub const CONTAINER_TITLE_X: f64 = 44.0;
const CONTAINER_TITLE_END: f64 = 40.0;
/// Inside a container: room for its title above, and a margin around its children.
pub const CONTAINER_HEADER: f64 = 44.0;
pub const CONTAINER_PADDING: f64 = 24.0;
/// The smallest container, so an empty one is still a box to drop into.
pub const CONTAINER_MIN_WIDTH: f64 = 300.0;
pub const CONTAINER_MIN_HEIGHT: f64 = 160.0;
pub(super) const COLUMN_GAP: f64 = 72.0;
pub(super) const ROW_GAP: f64 = 24.0;
/// Between bands of wrapped columns.
pub(super) const BAND_GAP: f64 = 56.0;
/// Siblings in three columns or more, wider than this in one strip (more than a
/// screen at 100 %), may wrap into bands or flowing columns; others keep one column
/// per level.
const WRAP_WIDTH: f64 = 900.0;
/// A column holding more resources than this wraps into the next one.
const MAX_COLUMN: usize = 10;
/// The width-to-height ratio a block of many siblings aims for when its columns wrap.
const ASPECT: f64 = 1.6;
/// Where the diagram starts.
const ORIGIN: f64 = 40.0;

/// The characters of a container's title that a container of `width` shows whole.
pub fn container_title_chars(width: f64) -> usize {
    ((width - CONTAINER_TITLE_X - CONTAINER_TITLE_END) / TITLE_CHAR_WIDTH).max(6.0) as usize
}

/// The narrowest a container may be and still show its whole name.
pub(super) fn container_name_width(id: &str) -> f64 {
    let text = id.chars().count() as f64 * TITLE_CHAR_WIDTH;
    ((CONTAINER_TITLE_X + text + CONTAINER_TITLE_END) / GRID).ceil() * GRID
}

/// Whether a type is drawn as a container.
pub fn is_container(type_name: &str) -> bool {
    curated::curated(type_name).is_some_and(|c| c.container)
}

/// How an automatic layout arranges a template.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Style {
    /// As an architect draws it: zones as columns, tiers along the traffic path
    /// (`architecture`); by dependency where the template gives no zones.
    #[default]
    Architecture,
    /// By dependency only: what others depend on stands to the left.
    Dependencies,
}

/// A layout for every resource drawn as a box: the shapes `existing` has are kept,
/// the others are laid out automatically (all of them, in the architecture style,
/// when `existing` is empty).
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
        return auto_layout(template, &drawn, Style::default());
    }
    place_new(template, existing, &missing)
}

/// A layout of every resource drawn as a box, from scratch, in `style`.
pub fn fresh(template: &Template, style: Style) -> Layout {
    let drawn: Vec<&str> = template
        .resources()
        .map(|r| r.id)
        .filter(|id| !is_drawn_as_link(template, id))
        .collect();
    auto_layout(template, &drawn, style)
}

/// Lays out `ids` from scratch.
fn auto_layout(template: &Template, ids: &[&str], style: Style) -> Layout {
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
    let plan = (style == Style::Architecture).then(|| Plan::new(template, &parents));
    let occupied: BTreeSet<&str> = children.keys().flatten().copied().collect();
    // Inside out: a container's size depends on its children's.
    let order = post_order(&children, None);
    for container in order.iter().copied().chain(std::iter::once(None)) {
        let kids = children.get(&container).cloned().unwrap_or_default();
        let empty = BTreeMap::new();
        let among = sibling_deps.get(&container).unwrap_or(&empty);
        let architect = plan.as_ref().and_then(|p| {
            p.arrange(
                container,
                &kids,
                among,
                &occupied,
                &mut sizes,
                &mut relative,
            )
        });
        let (w, h) = architect.unwrap_or_else(|| arrange(&kids, among, &mut sizes, &mut relative));
        if let Some(c) = container {
            sizes.insert(
                c,
                (
                    (w + 2.0 * CONTAINER_PADDING)
                        .max(CONTAINER_MIN_WIDTH)
                        .max(container_name_width(c)),
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
        let (width, height) = sizes.get(id).copied().unwrap_or_else(|| card_size(id));
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

/// What each resource depends on, among the drawn ones. A resource drawn as a link
/// (a route table association, a gateway attachment) counts as its first end (the
/// route table, the gateway) depending on the second (the subnet, the VPC), so the two
/// stand side by side, with room for the link and its label between them. Security
/// group rules and listeners do not: groups letting each other in say nothing of
/// where they stand, and chained they would spread the groups over as many columns;
/// a load balancer already stands beside its target group by their other links.
fn dependency_map<'t>(
    template: &'t Template,
    drawn: &BTreeSet<&str>,
) -> BTreeMap<&'t str, Vec<&'t str>> {
    let mut map: BTreeMap<&'t str, Vec<&'t str>> = template
        .dependencies()
        .into_iter()
        .map(|(id, deps)| (id, deps.into_iter().filter(|d| drawn.contains(d)).collect()))
        .collect();
    for r in template.resources() {
        let unordered = matches!(
            r.type_name(),
            Some(
                "AWS::EC2::SecurityGroupIngress"
                    | "AWS::EC2::SecurityGroupEgress"
                    | "AWS::ElasticLoadBalancingV2::Listener"
            )
        );
        if !unordered
            && let Some((a, b)) = glue_ends(template, r.id)
            && drawn.contains(a.as_str())
            && drawn.contains(b.as_str())
            && let (Some(ra), Some(rb)) = (template.resource(&a), template.resource(&b))
        {
            let deps = map.entry(ra.id).or_default();
            if !deps.contains(&rb.id) {
                deps.push(rb.id);
            }
        }
    }
    map
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
pub(super) fn arrange<'a>(
    kids: &[&'a str],
    sibling_deps: &BTreeMap<&'a str, BTreeSet<&'a str>>,
    sizes: &mut BTreeMap<&'a str, (f64, f64)>,
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
    let size = |k: &str| sizes.get(k).copied().unwrap_or_else(|| card_size(k));
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
    // Siblings in dependency order: by level, then as written.
    let level = &level;
    let order: Vec<&'a str> = (0..=max_level)
        .flat_map(|l| kids.iter().copied().filter(move |k| level[k] == l))
        .collect();
    // Columns, wrapped when they grow too tall; a new level starts a new column, or
    // (flowing) levels follow one another down a column like words on a page.
    let columns_of = |flow: bool| -> Vec<Vec<&'a str>> {
        let mut columns: Vec<Vec<&'a str>> = Vec::new();
        let mut column: Vec<&'a str> = Vec::new();
        let mut height = 0.0;
        for (i, k) in order.iter().copied().enumerate() {
            let h = size(k).1;
            let new_level = i > 0 && level[order[i - 1]] != level[k];
            if !column.is_empty()
                && ((new_level && !flow) || column.len() >= MAX_COLUMN || height + h > max_height)
            {
                columns.push(std::mem::take(&mut column));
                height = 0.0;
            }
            column.push(k);
            height += h + ROW_GAP;
        }
        if !column.is_empty() {
            columns.push(column);
        }
        columns
    };
    let measure = |columns: &[Vec<&'a str>]| -> (Vec<f64>, Vec<f64>) {
        let widths = columns
            .iter()
            .map(|c| c.iter().map(|k| size(k).0).fold(0.0, f64::max))
            .collect();
        let heights = columns
            .iter()
            .map(|c| c.iter().map(|k| size(k).1 + ROW_GAP).sum::<f64>() - ROW_GAP)
            .collect();
        (widths, heights)
    };
    // Columns by level, wrapped into bands when that reads better; or, when even that
    // leaves a strip too wide, columns that flow from one level into the next.
    let by_level = columns_of(false);
    let (widths, heights) = measure(&by_level);
    let natural = widths.iter().map(|w| w + COLUMN_GAP).sum::<f64>() - COLUMN_GAP;
    let (columns, widths, heights, banded) = if natural <= WRAP_WIDTH || by_level.len() < 3 {
        let all: Vec<_> = std::iter::once(0..by_level.len()).collect();
        (by_level, widths, heights, all)
    } else {
        let banded = bands(&widths, &heights);
        let (w, h) = extent(&widths, &heights, &banded);
        let flowing = columns_of(true);
        let (fw, fh) = measure(&flowing);
        let flow_bands: Vec<_> = std::iter::once(0..flowing.len()).collect();
        let (w2, h2) = extent(&fw, &fh, &flow_bands);
        if aspect_score(w2, h2) + 0.2 < aspect_score(w, h) {
            (flowing, fw, fh, flow_bands)
        } else {
            (by_level, widths, heights, banded)
        }
    };
    let extent = place(&columns, &widths, &heights, &banded, &size, relative);
    for column in &columns {
        widen_cards(column, sizes);
    }
    extent
}

/// Gives the cards of a column the width of its widest card, and returns it: their
/// links then leave from one edge (cards of mixed widths, each as wide as its name,
/// tripled the crossings on the corpus's webapp.json). Containers keep theirs; a card
/// is a member without a size yet.
pub(super) fn widen_cards<'a>(
    column: &[&'a str],
    sizes: &mut BTreeMap<&'a str, (f64, f64)>,
) -> f64 {
    let cards: Vec<&'a str> = column
        .iter()
        .copied()
        .filter(|k| !sizes.contains_key(k))
        .collect();
    let width = cards.iter().map(|k| card_size(k).0).fold(0.0, f64::max);
    for k in cards {
        sizes.insert(k, (width, card_size(k).1));
    }
    width
}

/// Places columns in bands (each band's columns left to right, bands top to bottom);
/// returns the size they take.
fn place<'a>(
    columns: &[Vec<&'a str>],
    widths: &[f64],
    heights: &[f64],
    bands: &[std::ops::Range<usize>],
    size: &impl Fn(&str) -> (f64, f64),
    relative: &mut BTreeMap<&'a str, (f64, f64)>,
) -> (f64, f64) {
    let (mut y0, mut total_width) = (0.0f64, 0.0f64);
    for band in bands {
        let (mut x, mut band_height) = (0.0f64, 0.0f64);
        for i in band.clone() {
            let mut y = y0;
            for k in &columns[i] {
                relative.insert(k, (x, y));
                y += size(k).1 + ROW_GAP;
            }
            band_height = band_height.max(heights[i]);
            x += widths[i] + COLUMN_GAP;
        }
        total_width = total_width.max(x - COLUMN_GAP);
        y0 += band_height + BAND_GAP;
    }
    (total_width, y0 - BAND_GAP)
}

/// How far a block's shape is from the [`ASPECT`] blocks aim for (0 is on target).
fn aspect_score(width: f64, height: f64) -> f64 {
    (width / height.max(1.0) / ASPECT).ln().abs()
}

/// The size of columns laid out in bands.
fn extent(widths: &[f64], heights: &[f64], bands: &[std::ops::Range<usize>]) -> (f64, f64) {
    let w = bands
        .iter()
        .map(|b| b.clone().map(|i| widths[i] + COLUMN_GAP).sum::<f64>() - COLUMN_GAP)
        .fold(0.0, f64::max);
    let h = bands
        .iter()
        .map(|b| b.clone().map(|i| heights[i]).fold(0.0, f64::max) + BAND_GAP)
        .sum::<f64>()
        - BAND_GAP;
    (w, h)
}

/// Splits columns (their widths and heights, in order) into consecutive bands stacked
/// top to bottom, as many as bring the whole block closest to the [`ASPECT`] it aims
/// for; one band unless wrapping clearly helps.
fn bands(widths: &[f64], heights: &[f64]) -> Vec<std::ops::Range<usize>> {
    let n = widths.len();
    let split = |count: usize| -> Vec<std::ops::Range<usize>> {
        let total: f64 = widths.iter().map(|w| w + COLUMN_GAP).sum();
        let target = total / count as f64;
        let mut out = Vec::new();
        let (mut start, mut width) = (0, 0.0);
        for (i, w) in widths.iter().enumerate() {
            let w = w + COLUMN_GAP;
            let left = count - out.len();
            // Close the band when this column would overshoot the share by more than
            // leaving it out undershoots, keeping one column for each band left.
            if i > start && left > 1 && (width + w - target > target - width || n - i < left) {
                out.push(start..i);
                start = i;
                width = 0.0;
            }
            width += w;
        }
        out.push(start..n);
        out
    };
    let score = |b: &[std::ops::Range<usize>]| {
        let (w, h) = extent(widths, heights, b);
        aspect_score(w, h)
    };
    let mut best = split(1);
    let mut best_score = score(&best);
    for count in 2..=n.min(6) {
        let b = split(count);
        let s = score(&b);
        // Each extra band must earn its place.
        if s + 0.2 < best_score {
            best = b;
            best_score = s;
        }
    }
    best
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
            (
                CONTAINER_MIN_WIDTH.max(container_name_width(id)),
                CONTAINER_MIN_HEIGHT,
            )
        } else {
            card_size(id)
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
    fn long_dependency_chains_wrap_into_bands() {
        // Q0 <- Q1 <- ... <- Q11: twelve levels, one resource each.
        let mut text = String::from("Resources:\n  Q0: {Type: AWS::SQS::Queue}\n");
        for i in 1..12 {
            text.push_str(&format!(
                "  Q{i}: {{Type: AWS::SQS::Queue, DependsOn: Q{}}}\n",
                i - 1
            ));
        }
        let layout = complete(&parse(&text).unwrap().template, &Layout::default());
        let s = &layout.shapes;
        let bounds = Rect::union_all(s.values().map(rect)).unwrap();
        assert!(bounds.width / bounds.height < 3.0, "{bounds:?}");
        // Still read left to right, then down: each band goes on where the last ended.
        let (first, last) = (&s["Q0"], &s["Q11"]);
        assert!(last.y > first.y);
        for i in 1..12 {
            let (a, b) = (&s[&format!("Q{}", i - 1)], &s[&format!("Q{i}")]);
            assert!(b.x > a.x || b.y > a.y, "Q{i} comes after Q{}", i - 1);
        }
    }

    #[test]
    fn cards_in_a_column_share_its_widest_cards_width() {
        let t = parse(
            "Resources:
  Q: {Type: AWS::SQS::Queue}
  OrdersDeadLetterQueueForRetries: {Type: AWS::SQS::Queue}
  Topic: {Type: AWS::SNS::Topic, Properties: {TopicName: !GetAtt Q.QueueName}}
",
        )
        .unwrap()
        .template;
        let layout = fresh(&t, Style::Dependencies);
        let s = &layout.shapes;
        // Q and the long one stand in the first column, the topic in the second.
        assert_eq!(s["Q"].x, s["OrdersDeadLetterQueueForRetries"].x);
        assert!(s["Topic"].x > s["Q"].x);
        let widest = card_size("OrdersDeadLetterQueueForRetries");
        assert_eq!(s["Q"].width, widest.0);
        assert_eq!(s["Q"].height, card_size("Q").1);
        assert_eq!(s["Topic"].width, card_size("Topic").0);
    }

    #[test]
    fn the_samples_fit_a_screen_readably() {
        // The canvas of a 1400 x 900 window with the palette, inspector and code pane
        // open, less the padding of "Fit to screen".
        let (w, h) = (800.0 - 96.0, 540.0 - 96.0);
        // Zone columns and tiers (with room under Auto Scaling groups for the live
        // simulation's instances, and a band of its own for an internal load
        // balancer) take more room than a block of cards by dependency did (at least
        // 55 %, 55 % and 38 %), for a drawing that reads.
        for (id, least) in [
            ("wordpress-multi-az", 0.55),
            ("vpc-two-az", 0.53),
            ("large-web-app", 0.35),
        ] {
            let t = parse(crate::samples::sample(id).unwrap().text)
                .unwrap()
                .template;
            let layout = complete(&t, &Layout::default());
            let b = Rect::union_all(layout.shapes.values().map(rect)).unwrap();
            let zoom = (w / b.width).min(h / b.height);
            assert!(zoom >= least, "{id}: {b:?} fits at {:.0} %", zoom * 100.0);
        }
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
