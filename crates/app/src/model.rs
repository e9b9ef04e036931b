//! The document being designed: a `formwork_core` [`Template`] (the source of truth
//! for the text) plus where each resource's card sits on the canvas.

use std::sync::atomic::{AtomicU64, Ordering};

use formwork_core::diagram::{Point, Rect};
use formwork_core::template::designer::read_layout;
use formwork_core::template::{Map, Node, Section, Template};
use yew::AttrValue;

use crate::catalog::{Category, PaletteEntry, category_of, short_name};

/// The size of a resource card on the canvas, in world units.
pub const NODE_WIDTH: f64 = 220.0;
pub const NODE_HEIGHT: f64 = 56.0;
/// Positions snap to this grid (half the dot spacing of the canvas background).
pub const SNAP: f64 = 8.0;
/// CloudFormation's limit on the length of a logical ID.
pub const MAX_LOGICAL_ID: usize = 255;
/// Cards of an opened template without saved positions are laid out in rows this wide.
const AUTO_COLUMNS: usize = 4;
const AUTO_GAP_X: f64 = 48.0;
const AUTO_GAP_Y: f64 = 40.0;

/// The template format version of new templates.
pub const FORMAT_VERSION: &str = "2010-09-09";

/// A resource placed on the canvas.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedResource {
    pub logical_id: String,
    pub type_name: AttrValue,
    pub category: Category,
    /// Top-left corner of the card, in world coordinates.
    pub pos: Point,
}

impl PlacedResource {
    pub fn rect(&self) -> Rect {
        Rect::new(self.pos.x, self.pos.y, NODE_WIDTH, NODE_HEIGHT)
    }
}

/// Why a logical ID cannot be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdError {
    Empty,
    Invalid,
    Taken,
    /// Something else in the template names the resource by its current ID.
    Referenced,
}

/// Every edit gets a number no other edit has, so comparing documents is cheap.
static REVISION: AtomicU64 = AtomicU64::new(1);

fn next_revision() -> u64 {
    REVISION.fetch_add(1, Ordering::Relaxed)
}

/// The document: the template and its resources' cards, in template order.
#[derive(Clone, Debug)]
pub struct Diagram {
    template: Template,
    resources: Vec<PlacedResource>,
    revision: u64,
}

impl Default for Diagram {
    fn default() -> Self {
        Diagram {
            template: Template::new(),
            resources: Vec::new(),
            revision: 0,
        }
    }
}

/// Two documents are the same when they come from the same edit.
impl PartialEq for Diagram {
    fn eq(&self, other: &Self) -> bool {
        self.revision == other.revision && self.resources == other.resources
    }
}

fn snap(v: f64) -> f64 {
    (v / SNAP).round() * SNAP
}

/// Counts the mentions of an ID in template text: whole words (letters and digits
/// are word characters) not inside a type name such as `AWS::EC2::Subnet`.
fn word_count(text: &str, word: &str) -> usize {
    let is_word = |c: char| c.is_ascii_alphanumeric();
    text.match_indices(word)
        .filter(|&(i, _)| {
            let before = text[..i].chars().next_back();
            let after = text[i + word.len()..].chars().next();
            !before.is_some_and(|c| is_word(c) || c == ':') && !after.is_some_and(is_word)
        })
        .count()
}

impl Diagram {
    /// A document for a template read from text: cards where the CloudFormation
    /// Designer left them, the rest in rows below.
    pub fn from_template(template: Template, catalog: &[PaletteEntry]) -> Diagram {
        let layout = read_layout(&template);
        let absolute = |id: &str| -> Option<Point> {
            let mut shape = layout.shapes.get(id)?;
            let (mut x, mut y) = (shape.x, shape.y);
            // Designer positions are relative to the container; walk up (bounded).
            for _ in 0..16 {
                let Some(parent) = shape.parent.as_deref().and_then(|p| layout.shapes.get(p))
                else {
                    break;
                };
                x += parent.x;
                y += parent.y;
                shape = parent;
            }
            (x.is_finite() && y.is_finite()).then(|| Point::new(snap(x), snap(y)))
        };
        let mut resources: Vec<PlacedResource> = template
            .resources()
            .map(|r| {
                let type_name = r.type_name().unwrap_or("").to_string();
                PlacedResource {
                    logical_id: r.id.to_string(),
                    category: category_of(catalog, &type_name),
                    type_name: AttrValue::from(type_name),
                    pos: absolute(r.id).unwrap_or(Point::new(f64::NAN, f64::NAN)),
                }
            })
            .collect();
        let placed_bottom = Rect::union_all(
            resources
                .iter()
                .filter(|r| !r.pos.x.is_nan())
                .map(PlacedResource::rect),
        )
        .map_or(0.0, |b| snap(b.bottom() + AUTO_GAP_Y));
        for (slot, r) in resources
            .iter_mut()
            .filter(|r| r.pos.x.is_nan())
            .enumerate()
        {
            let (col, row) = (slot % AUTO_COLUMNS, slot / AUTO_COLUMNS);
            r.pos = Point::new(
                col as f64 * (NODE_WIDTH + AUTO_GAP_X),
                placed_bottom + row as f64 * (NODE_HEIGHT + AUTO_GAP_Y),
            );
        }
        Diagram {
            template,
            resources,
            revision: next_revision(),
        }
    }

    pub fn template(&self) -> &Template {
        &self.template
    }

    pub fn resources(&self) -> &[PlacedResource] {
        &self.resources
    }

    pub fn len(&self) -> usize {
        self.resources.len()
    }

    pub fn is_empty(&self) -> bool {
        self.resources.is_empty()
    }

    pub fn get(&self, logical_id: &str) -> Option<&PlacedResource> {
        self.resources.iter().find(|r| r.logical_id == logical_id)
    }

    fn get_mut(&mut self, logical_id: &str) -> Option<&mut PlacedResource> {
        self.resources
            .iter_mut()
            .find(|r| r.logical_id == logical_id)
    }

    /// True when the ID is a resource, or any other top-level name in the template
    /// (a parameter, a condition ...), which a new resource must not reuse.
    fn id_in_use(&self, id: &str) -> bool {
        self.get(id).is_some()
            || [
                Section::Parameters,
                Section::Conditions,
                Section::Mappings,
                Section::Outputs,
            ]
            .iter()
            .any(|&s| {
                self.template
                    .section_map(s)
                    .is_some_and(|m| m.contains_key(id))
            })
    }

    fn resources_map(&mut self) -> &mut Map {
        let sections = self.template.sections_mut();
        let key = Section::Resources.key();
        if sections.get(key).is_none_or(|n| n.as_map().is_none()) {
            sections.insert(key, Node::map(Map::new()));
        }
        sections
            .get_mut(key)
            .and_then(Node::as_map_mut)
            .expect("Resources was just made a mapping")
    }

    /// A logical ID for a new resource of this type: service and resource name
    /// (`EC2VPC`, `S3Bucket`), numbered from 2 when taken.
    pub fn fresh_id(&self, type_name: &str) -> String {
        let mut parts = type_name.split("::").skip(1);
        let base: String = match (parts.next(), parts.next()) {
            (Some(service), Some(resource)) => format!("{service}{resource}"),
            _ => short_name(type_name).to_string(),
        }
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(MAX_LOGICAL_ID - 6)
        .collect();
        let base = if base.is_empty() {
            "Resource".to_string()
        } else {
            base
        };
        if !self.id_in_use(&base) {
            return base;
        }
        (2..)
            .map(|n| format!("{base}{n}"))
            .find(|id| !self.id_in_use(id))
            .expect("an unused number exists")
    }

    /// The snapped top-left corner of a card centred on `center`.
    pub fn place_for(center: Point) -> Point {
        Point::new(
            snap(center.x - NODE_WIDTH / 2.0),
            snap(center.y - NODE_HEIGHT / 2.0),
        )
    }

    /// Adds a resource of this type to the template, its card centred on `center`;
    /// returns its logical ID.
    pub fn add(&mut self, type_name: AttrValue, category: Category, center: Point) -> String {
        let logical_id = self.fresh_id(&type_name);
        let mut body = Map::new();
        body.insert("Type", Node::string(type_name.as_str()));
        self.resources_map()
            .insert(logical_id.clone(), Node::map(body));
        self.resources.push(PlacedResource {
            logical_id: logical_id.clone(),
            type_name,
            category,
            pos: Diagram::place_for(center),
        });
        self.revision = next_revision();
        logical_id
    }

    /// Moves a card's top-left corner to `pos` (snapped). False when nothing changed
    /// (no such resource, or it is already there).
    pub fn move_to(&mut self, logical_id: &str, pos: Point) -> bool {
        let pos = Point::new(snap(pos.x), snap(pos.y));
        let changed = match self.get_mut(logical_id) {
            Some(r) if r.pos != pos => {
                r.pos = pos;
                true
            }
            _ => false,
        };
        if changed {
            self.revision = next_revision();
        }
        changed
    }

    /// Removes a resource from the template and the canvas.
    pub fn remove(&mut self, logical_id: &str) -> bool {
        let before = self.resources.len();
        self.resources.retain(|r| r.logical_id != logical_id);
        if self.resources.len() == before {
            return false;
        }
        self.resources_map().remove(logical_id);
        self.revision = next_revision();
        true
    }

    /// Checks a new logical ID for the resource now called `current`.
    pub fn check_id(&self, current: &str, new_id: &str) -> Result<(), IdError> {
        if new_id.is_empty() {
            return Err(IdError::Empty);
        }
        if new_id.len() > MAX_LOGICAL_ID || !new_id.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(IdError::Invalid);
        }
        if new_id == current {
            return Ok(());
        }
        if self.id_in_use(new_id) {
            return Err(IdError::Taken);
        }
        // Renaming does not yet rewrite Ref, GetAtt, Sub or DependsOn; refuse rather
        // than break them. The key itself is the one expected mention.
        if word_count(&self.to_yaml(), current) > 1 {
            return Err(IdError::Referenced);
        }
        Ok(())
    }

    /// Renames a resource, keeping its place in the template and its comments.
    pub fn rename(&mut self, current: &str, new_id: &str) -> Result<(), IdError> {
        self.check_id(current, new_id)?;
        if current == new_id {
            return Ok(());
        }
        let map = self.resources_map();
        if let (Some(index), Some(entry)) = (map.index_of(current), map.remove(current)) {
            map.entries.shift_insert(index, new_id.to_string(), entry);
        }
        if let Some(r) = self.get_mut(current) {
            r.logical_id = new_id.to_string();
        }
        self.revision = next_revision();
        Ok(())
    }

    /// The world rectangle holding every card, if there are any.
    pub fn bounds(&self) -> Option<Rect> {
        Rect::union_all(self.resources.iter().map(PlacedResource::rect))
    }

    /// How many resources there are of each category, in palette order, without zeros.
    pub fn category_counts(&self) -> Vec<(Category, usize)> {
        Category::ALL
            .iter()
            .map(|&c| (c, self.resources.iter().filter(|r| r.category == c).count()))
            .filter(|&(_, n)| n > 0)
            .collect()
    }

    /// The template's format version, as written.
    pub fn format_version(&self) -> Option<&str> {
        self.template.section(Section::FormatVersion)?.as_str()
    }

    /// The CloudFormation template, as YAML.
    pub fn to_yaml(&self) -> String {
        self.template.to_yaml()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn vpc() -> AttrValue {
        AttrValue::Static("AWS::EC2::VPC")
    }

    #[wasm_bindgen_test]
    fn ids_are_unique_and_alphanumeric() {
        let mut d = Diagram::default();
        let a = d.add(vpc(), Category::Networking, Point::new(0.0, 0.0));
        let b = d.add(vpc(), Category::Networking, Point::new(0.0, 0.0));
        assert_eq!((a.as_str(), b.as_str()), ("EC2VPC", "EC2VPC2"));
        let c = d.add(
            AttrValue::Static("Custom::My-Thing"),
            Category::Other,
            Point::default(),
        );
        assert_eq!(c, "MyThing");
        assert_eq!(d.len(), 3);
    }

    #[wasm_bindgen_test]
    fn placement_snaps_and_centres() {
        let mut d = Diagram::default();
        let id = d.add(vpc(), Category::Networking, Point::new(203.0, 101.0));
        let r = d.get(&id).unwrap();
        assert_eq!(r.pos, Point::new(96.0, 72.0));
        assert!(d.move_to(&id, Point::new(13.0, -3.0)));
        assert_eq!(d.get(&id).unwrap().pos, Point::new(16.0, 0.0));
        assert!(!d.move_to(&id, Point::new(15.0, 1.0)), "same snapped place");
        assert!(!d.move_to("Nope", Point::default()));
    }

    #[wasm_bindgen_test]
    fn rename_checks_the_id() {
        let mut d = Diagram::default();
        let a = d.add(vpc(), Category::Networking, Point::default());
        let b = d.add(vpc(), Category::Networking, Point::default());
        assert_eq!(d.rename(&a, ""), Err(IdError::Empty));
        assert_eq!(d.rename(&a, "My VPC"), Err(IdError::Invalid));
        assert_eq!(d.rename(&a, "Vpcé"), Err(IdError::Invalid));
        assert_eq!(d.rename(&a, &b), Err(IdError::Taken));
        assert_eq!(d.rename(&a, &a), Ok(()));
        assert_eq!(d.rename(&a, "MainVpc"), Ok(()));
        assert!(d.get("MainVpc").is_some());
        assert!(d.remove("MainVpc"));
        assert!(!d.remove("MainVpc"));
    }

    #[wasm_bindgen_test]
    fn yaml_lists_resources_in_order() {
        let mut d = Diagram::default();
        let empty = d.to_yaml();
        assert!(
            empty.starts_with("AWSTemplateFormatVersion: '2010-09-09'\n"),
            "{empty}"
        );
        assert!(empty.contains("Resources: {}"), "{empty}");
        d.add(vpc(), Category::Networking, Point::default());
        d.add(
            AttrValue::Static("AWS::S3::Bucket"),
            Category::Storage,
            Point::default(),
        );
        assert!(
            d.to_yaml().ends_with(
                "Resources:\n  EC2VPC:\n    Type: AWS::EC2::VPC\n  S3Bucket:\n    Type: AWS::S3::Bucket\n"
            ),
            "{}",
            d.to_yaml()
        );
        assert_eq!(
            d.category_counts(),
            vec![(Category::Networking, 1), (Category::Storage, 1)]
        );
    }

    #[wasm_bindgen_test]
    fn opened_templates_keep_their_text_and_get_a_layout() {
        let text = "AWSTemplateFormatVersion: '2010-09-09'\n# The network\nResources:\n  Vpc:\n    Type: AWS::EC2::VPC\n  Subnet:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !Ref Vpc\n";
        let t = formwork_core::template::parse(text).unwrap().template;
        let mut d = Diagram::from_template(t, &crate::catalog::palette_entries());
        assert_eq!(d.to_yaml(), text);
        assert_eq!(d.len(), 2);
        assert_eq!(d.get("Vpc").unwrap().category, Category::Networking);
        assert_ne!(d.get("Vpc").unwrap().pos, d.get("Subnet").unwrap().pos);
        assert_eq!(d.check_id("Vpc", "Network"), Err(IdError::Referenced));
        assert_eq!(d.rename("Subnet", "SubnetA"), Ok(()));
        assert!(
            d.to_yaml()
                .contains("  SubnetA:\n    Type: AWS::EC2::Subnet")
        );
        assert!(d.to_yaml().contains("# The network"));
        // A new resource never takes a name the template already uses.
        let id = d.add(vpc(), Category::Networking, Point::default());
        assert_eq!(id, "EC2VPC");
    }

    #[wasm_bindgen_test]
    fn bounds_cover_every_card() {
        let mut d = Diagram::default();
        assert_eq!(d.bounds(), None);
        let a = d.add(vpc(), Category::Networking, Point::default());
        d.move_to(&a, Point::new(0.0, 0.0));
        let b = d.add(vpc(), Category::Networking, Point::default());
        d.move_to(&b, Point::new(400.0, 96.0));
        assert_eq!(
            d.bounds(),
            Some(Rect::new(0.0, 0.0, 400.0 + NODE_WIDTH, 96.0 + NODE_HEIGHT))
        );
    }
}
