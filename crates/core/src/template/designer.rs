//! The retired AWS CloudFormation Designer's layout metadata, read and written so that
//! layouts made there open here and layouts made here open there.
//!
//! The Designer kept, under the template's `Metadata: AWS::CloudFormation::Designer`,
//! one entry per shape keyed by a UUID: `size {width, height}`, `position {x, y}`, `z`,
//! `embeds`, `parent`, `iscontainedinside`, `dependson`, `isassociatedwith` (all by
//! UUID), and link entries with `source {id}` and `target {id}`; each resource names
//! its UUID in its own `Metadata: AWS::CloudFormation::Designer: {id}`. Positions are
//! the top-left corner of the shape on the canvas, absolute even inside a container
//! (as the Designer, built on JointJS, wrote them: a subnet at x 120 inside a VPC at
//! x 50, an instance at x 220 inside that subnet).

use indexmap::IndexMap;

use super::Template;
use super::document::{ResourceAttr, Section};
use super::node::{Map, Node, Number, Value};

pub const DESIGNER_KEY: &str = "AWS::CloudFormation::Designer";

/// One resource's shape on the canvas, by logical id.
#[derive(Clone, Debug, PartialEq)]
pub struct Shape {
    /// The Designer's UUID for this shape, kept so the other tool recognises it.
    pub designer_id: String,
    /// Top-left corner on the canvas (absolute, also inside a container).
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub z: i64,
    /// The logical id of the container this shape is drawn inside.
    pub parent: Option<String>,
}

/// A link the Designer drew between two resources, by logical id.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    pub designer_id: String,
    pub source: String,
    pub target: String,
    pub z: i64,
}

/// Every shape and link of a template's layout.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    pub shapes: IndexMap<String, Shape>,
    pub links: Vec<Link>,
}

/// Reads the layout from a template's Designer metadata; resources without an entry
/// are absent from the result (the caller lays them out).
pub fn read_layout(template: &Template) -> Layout {
    let mut layout = Layout::default();
    let Some(entries) = designer_section(template) else {
        return layout;
    };
    // UUID -> logical id, from each resource's own metadata.
    let mut by_uuid: IndexMap<&str, &str> = IndexMap::new();
    for r in template.resources() {
        if let Some(id) = r
            .attr(ResourceAttr::Metadata)
            .and_then(|m| m.get(DESIGNER_KEY))
            .and_then(|d| d.get("id"))
            .and_then(Node::as_str)
        {
            by_uuid.insert(id, r.id);
        }
    }
    for (uuid, entry) in entries.iter() {
        if let Some(logical) = by_uuid.get(uuid) {
            let number = |node: Option<&Node>| node.and_then(Node::as_f64);
            let size = entry.get("size");
            let position = entry.get("position");
            layout.shapes.insert(
                logical.to_string(),
                Shape {
                    designer_id: uuid.to_string(),
                    x: number(position.and_then(|p| p.get("x"))).unwrap_or(0.0),
                    y: number(position.and_then(|p| p.get("y"))).unwrap_or(0.0),
                    width: number(size.and_then(|s| s.get("width"))).unwrap_or(60.0),
                    height: number(size.and_then(|s| s.get("height"))).unwrap_or(60.0),
                    z: number(entry.get("z")).unwrap_or(0.0) as i64,
                    parent: entry
                        .get("parent")
                        .and_then(Node::as_str)
                        .and_then(|p| by_uuid.get(p))
                        .map(|p| p.to_string()),
                },
            );
        } else if let (Some(source), Some(target)) = (
            entry
                .get("source")
                .and_then(|s| s.get("id"))
                .and_then(Node::as_str),
            entry
                .get("target")
                .and_then(|t| t.get("id"))
                .and_then(Node::as_str),
        ) && let (Some(source), Some(target)) = (by_uuid.get(source), by_uuid.get(target))
        {
            layout.links.push(Link {
                designer_id: uuid.to_string(),
                source: source.to_string(),
                target: target.to_string(),
                z: entry.get("z").and_then(Node::as_f64).unwrap_or(0.0) as i64,
            });
        }
    }
    layout
}

fn designer_section(template: &Template) -> Option<&Map> {
    template
        .section(Section::Metadata)?
        .get(DESIGNER_KEY)?
        .as_map()
}

/// The template-level Designer section for `layout`: one entry per shape and link, by
/// UUID. Entries the layout does not know (shapes of other tools, links to resources
/// that no longer exist) are not in it.
pub fn layout_section(template: &Template, layout: &Layout) -> Map {
    let uuid_of = |logical: &str| layout.shapes.get(logical).map(|s| s.designer_id.clone());
    // Each container's contents, in one pass rather than one per shape.
    let mut embeds: IndexMap<&str, Vec<Node>> = IndexMap::new();
    for shape in layout.shapes.values() {
        if let Some(parent) = shape.parent.as_deref() {
            embeds
                .entry(parent)
                .or_default()
                .push(Node::string(&shape.designer_id));
        }
    }
    let mut section = Map::new();
    for (logical, shape) in &layout.shapes {
        let mut entry = Map::new();
        entry.insert("size", pair("width", shape.width, "height", shape.height));
        entry.insert("position", pair("x", shape.x, "y", shape.y));
        entry.insert("z", Node::int(shape.z));
        let inside = embeds.shift_remove(logical.as_str()).unwrap_or_default();
        entry.insert("embeds", Node::seq(inside));
        if let Some(parent) = shape.parent.as_deref().and_then(uuid_of) {
            entry.insert("parent", Node::string(&parent));
            entry.insert("iscontainedinside", Node::seq(vec![Node::string(parent)]));
        }
        let depends: Vec<Node> = template
            .resource(logical)
            .map(|r| r.depends_on())
            .unwrap_or_default()
            .into_iter()
            .filter_map(uuid_of)
            .map(Node::string)
            .collect();
        if !depends.is_empty() {
            entry.insert("dependson", Node::seq(depends));
        }
        section.insert(shape.designer_id.clone(), Node::map(entry));
    }
    for link in &layout.links {
        if let (Some(source), Some(target)) = (uuid_of(&link.source), uuid_of(&link.target)) {
            let mut entry = Map::new();
            entry.insert("source", id_map(source));
            entry.insert("target", id_map(target));
            entry.insert("z", Node::int(link.z));
            section.insert(link.designer_id.clone(), Node::map(entry));
        }
    }
    section
}

/// Where a new Metadata section goes: after the description or the format version.
pub fn metadata_index(template: &Template) -> usize {
    let sections = template.sections();
    sections
        .index_of(Section::Description.key())
        .or_else(|| sections.index_of(Section::FormatVersion.key()))
        .map_or(0, |i| i + 1)
}

/// A resource's `Metadata` as it is to be: with `AWS::CloudFormation::Designer: {id}`
/// naming its shape, or without it when it has none. `None` when nothing changes.
pub fn resource_metadata(resource: &Map, shape: Option<&Shape>) -> Option<Node> {
    let current = resource.get(ResourceAttr::Metadata.key());
    let current_id = current
        .and_then(|m| m.get(DESIGNER_KEY))
        .and_then(|d| d.get("id"))
        .and_then(Node::as_str);
    match shape {
        Some(shape) if current_id == Some(shape.designer_id.as_str()) => None,
        Some(shape) => {
            let mut meta = current
                .and_then(Node::as_map)
                .cloned()
                .unwrap_or_else(Map::new);
            let mut id = Map::new();
            id.insert("id", Node::string(&shape.designer_id));
            merge_map(&mut meta, DESIGNER_KEY, id);
            let node = match current {
                Some(c) => Node {
                    value: Value::Map(meta),
                    ..c.clone()
                },
                None => Node::map(meta),
            };
            Some(node)
        }
        None => {
            let meta = current?.as_map()?;
            meta.contains_key(DESIGNER_KEY).then(|| {
                let mut meta = meta.clone();
                meta.remove(DESIGNER_KEY);
                Node {
                    value: Value::Map(meta),
                    ..current.expect("present").clone()
                }
            })
        }
    }
}

/// A Designer entry as it is to be written over `old`, keeping how `old` was written
/// wherever they agree (see [`merge_map`]).
pub fn merge_entry(old: &Node, new: Node) -> Node {
    merge_node(old.clone(), new)
}

/// Writes `layout` into the template as Designer metadata: the template-level section
/// with one entry per shape and link, and each resource's `id`. Entries the layout
/// does not know (shapes of other tools, links to resources that no longer exist) are
/// dropped; everything else in the metadata is left as it was.
pub fn write_layout(template: &mut Template, layout: &Layout) {
    let section = layout_section(template, layout);
    let at = metadata_index(template);
    let sections = template.sections_mut();
    if !sections.contains_key(Section::Metadata.key()) {
        sections.insert_at(at, Section::Metadata.key(), Node::map(Map::new()));
    }
    if let Some(metadata) = sections
        .get_mut(Section::Metadata.key())
        .and_then(Node::as_map_mut)
    {
        merge_map(metadata, DESIGNER_KEY, section);
    }
    let Some(resources) = template
        .sections_mut()
        .get_mut(Section::Resources.key())
        .and_then(Node::as_map_mut)
    else {
        return;
    };
    for (logical, entry) in resources.entries.iter_mut() {
        let Some(resource) = entry.value.as_map_mut() else {
            continue;
        };
        let Some(meta) = resource_metadata(resource, layout.shapes.get(logical)) else {
            continue;
        };
        if resource.contains_key(ResourceAttr::Metadata.key()) {
            if let Some(m) = resource.get_mut(ResourceAttr::Metadata.key()) {
                *m = meta;
            }
        } else {
            let at = resource
                .index_of(ResourceAttr::Properties.key())
                .map_or(resource.len(), |i| i + 1);
            resource.insert_at(at, ResourceAttr::Metadata.key(), meta);
        }
    }
}

/// Sets `map[key]` to `value`, keeping how the existing entry was written wherever the
/// new one agrees with it: its place, its comments, flow style, quoting and numbers.
fn merge_map(map: &mut Map, key: &str, value: Map) {
    match map.get_mut(key) {
        Some(existing) => {
            let old = std::mem::replace(existing, Node::null());
            *existing = merge_node(old, Node::map(value));
        }
        None => {
            map.insert(key, Node::map(value));
        }
    }
}

fn merge_node(old: Node, new: Node) -> Node {
    if old == new {
        return old;
    }
    match (old.value, new.value) {
        (Value::Map(mut old_map), Value::Map(new_map)) => {
            let mut merged = Map::new();
            for (k, mut entry) in new_map.entries {
                if let Some(prev) = old_map.entries.shift_remove(&k) {
                    entry.key = prev.key;
                    entry.value = merge_node(prev.value, entry.value);
                }
                merged.entries.insert(k, entry);
            }
            merged.end = old_map.end;
            Node {
                value: Value::Map(merged),
                span: old.span,
                style: old.style,
                comments: old.comments,
            }
        }
        (_, value) => Node {
            value,
            span: old.span,
            style: Default::default(),
            comments: old.comments,
        },
    }
}

fn pair(a: &str, va: f64, b: &str, vb: f64) -> Node {
    let mut m = Map::new();
    m.insert(a, number(va));
    m.insert(b, number(vb));
    Node::map(m)
}

fn id_map(id: String) -> Node {
    let mut m = Map::new();
    m.insert("id", Node::string(id));
    Node::map(m)
}

/// Whole numbers as integers, as the Designer wrote them.
fn number(v: f64) -> Node {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        Node::int(v as i64)
    } else {
        Node::new(Value::Number(
            Number::from_f64(v).unwrap_or_else(|| Number::from_i64(0)),
        ))
    }
}

/// A new Designer id: a version-4-shaped UUID derived from the logical id and a seed,
/// so the same layout always gets the same ids (stable diffs, repeatable tests).
pub fn new_designer_id(logical_id: &str, seed: u64) -> String {
    // FNV-1a, twice with different offsets, for 128 bits.
    let hash = |offset: u64| {
        let mut h = offset ^ seed;
        for b in logical_id.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x100000001b3);
        }
        h
    };
    let (a, b) = (hash(0xcbf29ce484222325), hash(0x84222325cbf29ce4));
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        (a >> 32) as u32,
        (a >> 16) as u16,
        a as u16 & 0x0fff,
        (b >> 48) as u16 & 0x3fff | 0x8000,
        b & 0xffff_ffff_ffff
    )
}
