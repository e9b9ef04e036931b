//! A resource's properties as form fields, generated from the catalog: every property
//! of its type in the catalog's order, then those the template has and the catalog
//! does not know (kept and editable). Objects, lists and maps open into child fields
//! on demand, so recursive definitions cost nothing until a person opens them.

use crate::catalog::{
    Catalog, Constraints, Kind, Property, ResourceType, definition_documentation_url,
    documentation_url,
};
use crate::diagnostic::Diagnostic;
use crate::document::edit::show;
use crate::document::{Path, Step, path};
use crate::template::{Node, ResourceAttr, Template, Value};

/// One field of a form.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The property name, map key, or item number (from 1) it edits.
    pub key: String,
    /// Where its value is, from the template's root.
    pub path: Path,
    /// The name people see and the accessible name uses: `Matcher.HttpCode`, `Tags.1.Key`.
    pub label: String,
    pub kind: Kind,
    pub required: bool,
    /// Changing it replaces the resource.
    pub create_only: bool,
    /// The catalog declares it (else it is the template's own).
    pub known: bool,
    pub constraints: Constraints,
    pub summary: Option<String>,
    /// The property's reference documentation.
    pub doc_url: Option<String>,
    /// A list item or a map entry.
    pub entry: bool,
    pub value: Option<Node>,
}

impl Field {
    /// The path as findings name it: `Resources/Web/Properties/Port`.
    pub fn path_text(&self) -> String {
        show(&self.path)
    }

    pub fn is_set(&self) -> bool {
        self.value.is_some()
    }

    /// A list item or a map entry (which the form removes with a button, not by
    /// emptying it).
    pub fn is_entry(&self) -> bool {
        self.entry
    }
}

/// The properties form of one resource.
#[derive(Clone, Debug, PartialEq)]
pub struct ResourceForm {
    pub id: String,
    pub type_name: String,
    /// The catalog knows the type.
    pub known_type: bool,
    /// Properties beyond the listed ones are allowed: custom resources, open schemas,
    /// types the catalog does not know. The form then offers to add one by name.
    pub open: bool,
    pub fields: Vec<Field>,
}

/// The resource's properties form, or `None` when there is no such resource. Without a
/// catalog (it arrives after the first paint) the form holds what the template has.
pub fn resource_form(
    template: &Template,
    catalog: Option<&Catalog>,
    id: &str,
) -> Option<ResourceForm> {
    let resource = template.resource(id)?;
    let type_name = resource.type_name().unwrap_or_default().to_string();
    let rtype = catalog.and_then(|c| c.get(&type_name));
    let base = path(&["Resources", id, "Properties"]);
    let value = resource.attr(ResourceAttr::Properties);
    let mut fields = Vec::new();
    if let Some(t) = rtype {
        for p in &t.shape.properties {
            fields.push(declared(
                p,
                &base,
                "",
                value.and_then(|v| v.get(&p.name)),
                Some(t.documentation_url(Some(&p.name))),
            ));
        }
    }
    if let Some(map) = value.and_then(Node::as_map) {
        for (k, v) in map.iter() {
            if !fields.iter().any(|f| f.key == k) {
                fields.push(undeclared(k, &base, "", v));
            }
        }
    }
    Some(ResourceForm {
        id: id.to_string(),
        known_type: rtype.is_some(),
        open: rtype.is_none_or(|t| t.shape.open) || Catalog::is_open_type(&type_name),
        type_name,
        fields,
    })
}

fn child_path(base: &[Step], step: Step) -> Path {
    let mut p = base.to_vec();
    p.push(step);
    p
}

fn dotted(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

fn declared(
    p: &Property,
    base: &[Step],
    prefix: &str,
    value: Option<&Node>,
    doc: Option<String>,
) -> Field {
    Field {
        key: p.name.clone(),
        path: child_path(base, Step::key(&p.name)),
        label: dotted(prefix, &p.name),
        kind: p.kind.clone(),
        required: p.required,
        create_only: p.create_only,
        known: true,
        constraints: p.constraints.clone(),
        summary: p.summary.clone(),
        doc_url: doc,
        entry: false,
        value: value.cloned(),
    }
}

fn undeclared(key: &str, base: &[Step], prefix: &str, value: &Node) -> Field {
    Field {
        key: key.to_string(),
        path: child_path(base, Step::key(key)),
        label: dotted(prefix, key),
        kind: guess_kind(value),
        required: false,
        create_only: false,
        known: false,
        constraints: Constraints::default(),
        summary: None,
        doc_url: None,
        entry: false,
        value: Some(value.clone()),
    }
}

/// The kind a value the catalog says nothing about is edited as: scalars keep their
/// own kind, anything else is YAML.
pub fn guess_kind(value: &Node) -> Kind {
    match &value.value {
        Value::Bool(_) => Kind::Boolean,
        Value::Number(n) if n.as_i64().is_some() => Kind::Integer,
        Value::Number(_) => Kind::Number,
        Value::String(_) | Value::Null => Kind::String,
        _ => Kind::Any,
    }
}

/// The child fields of an object, list or map field: a definition's properties (and
/// keys it does not declare), list items, or map entries. `rtype` is the resource's
/// type, for its definitions.
pub fn children(field: &Field, type_name: &str, rtype: Option<&ResourceType>) -> Vec<Field> {
    let value = field.value.as_ref();
    match &field.kind {
        Kind::Object(def) => {
            let shape = rtype.and_then(|t| t.definition(def));
            let mut out: Vec<Field> = shape
                .map(|s| {
                    s.properties
                        .iter()
                        .map(|p| {
                            declared(
                                p,
                                &field.path,
                                &field.label,
                                value.and_then(|v| v.get(&p.name)),
                                Some(definition_documentation_url(type_name, def, Some(&p.name))),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            if let Some(map) = value.and_then(Node::as_map) {
                for (k, v) in map.iter() {
                    if !out.iter().any(|f| f.key == k) {
                        out.push(undeclared(k, &field.path, &field.label, v));
                    }
                }
            }
            out
        }
        Kind::List(item) => value
            .and_then(Node::as_seq)
            .unwrap_or_default()
            .iter()
            .enumerate()
            .map(|(i, v)| entry(field, Step::Index(i), &(i + 1).to_string(), item, v))
            .collect(),
        Kind::Map(item) => value
            .and_then(Node::as_map)
            .map(|m| {
                m.iter()
                    .map(|(k, v)| entry(field, Step::key(k), k, item, v))
                    .collect()
            })
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn entry(parent: &Field, step: Step, key: &str, kind: &Kind, value: &Node) -> Field {
    Field {
        key: key.to_string(),
        path: child_path(&parent.path, step),
        label: dotted(&parent.label, key),
        kind: kind.clone(),
        required: false,
        create_only: false,
        known: parent.known,
        constraints: match kind {
            k if k.is_scalar() => parent.constraints.clone(),
            _ => Constraints::default(),
        },
        summary: None,
        doc_url: None,
        entry: true,
        value: Some(value.clone()),
    }
}

/// The value a new item of a list of `kind` starts with: an empty mapping for
/// objects, an empty string for the rest.
pub fn new_item(kind: &Kind) -> Node {
    match kind {
        Kind::List(item) => match **item {
            Kind::Object(_) | Kind::Map(_) | Kind::Json => Node::map(Default::default()),
            Kind::Integer | Kind::Number => Node::int(0),
            Kind::Boolean => Node::bool(false),
            _ => Node::string(""),
        },
        Kind::Map(item) if item.is_scalar() => Node::string(""),
        _ => Node::map(Default::default()),
    }
}

/// A one-line preview of an object's value, for the heading of a collapsed item:
/// its first two scalar entries (`Key = Name, Value = web`).
pub fn preview(value: Option<&Node>) -> String {
    let Some(map) = value.and_then(Node::as_map) else {
        return String::new();
    };
    map.iter()
        .filter_map(|(k, v)| v.scalar_text().map(|t| format!("{k} = {t}")))
        .take(2)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The findings about a field: those at its path, and with `deep` those inside it (for
/// fields edited as YAML, whose parts have no fields of their own).
pub fn findings_at<'a>(findings: &'a [Diagnostic], path: &str, deep: bool) -> Vec<&'a Diagnostic> {
    findings
        .iter()
        .filter(|d| {
            d.path == path
                || (deep
                    && d.path.len() > path.len()
                    && d.path.starts_with(path)
                    && d.path.as_bytes()[path.len()] == b'/')
        })
        .collect()
}

/// The documentation of a resource type's property (top-level) as a link.
pub fn property_documentation(type_name: &str, property: &str) -> String {
    documentation_url(type_name, Some(property))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::curated_catalog;
    use crate::diagnostic::Severity;
    use crate::template::parse;

    const T: &str = "Resources:
  Tg:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      HealthCheckIntervalSeconds: 10
      Matcher:
        HttpCode: '200'
      TargetGroupAttributes:
        - Key: stickiness.enabled
          Value: 'true'
      Tags:
        - Key: Name
          Value: web
      Mystery: {A: 1}
      Flag: true
";

    fn form() -> ResourceForm {
        let t = parse(T).unwrap().template;
        resource_form(&t, Some(curated_catalog()), "Tg").unwrap()
    }

    #[test]
    fn every_catalog_property_then_the_templates_own() {
        let f = form();
        assert!(f.known_type && !f.open);
        let names: Vec<&str> = f.fields.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(names[0], "HealthCheckEnabled", "catalog order");
        assert_eq!(&names[names.len() - 2..], ["Mystery", "Flag"]);
        let interval = f
            .fields
            .iter()
            .find(|f| f.key == "HealthCheckIntervalSeconds")
            .unwrap();
        assert_eq!(interval.kind, Kind::Integer);
        assert_eq!(interval.constraints.minimum, Some(5.0));
        assert_eq!(interval.constraints.maximum, Some(300.0));
        assert_eq!(interval.value, Some(Node::int(10)));
        assert_eq!(
            interval.path_text(),
            "Resources/Tg/Properties/HealthCheckIntervalSeconds"
        );
        assert!(interval.doc_url.as_deref().unwrap().ends_with(
            "aws-resource-elasticloadbalancingv2-targetgroup.html#cfn-elasticloadbalancingv2-targetgroup-healthcheckintervalseconds"
        ));
        let protocol = f.fields.iter().find(|f| f.key == "Protocol").unwrap();
        assert!(protocol.create_only && protocol.constraints.allowed.contains(&"HTTP".to_string()));
        assert!(!protocol.is_set());
        let mystery = f.fields.iter().find(|f| f.key == "Mystery").unwrap();
        assert!(!mystery.known);
        assert_eq!(mystery.kind, Kind::Any);
        assert_eq!(
            f.fields.iter().find(|f| f.key == "Flag").unwrap().kind,
            Kind::Boolean
        );
    }

    #[test]
    fn objects_lists_and_maps_open_into_children() {
        let f = form();
        let t = curated_catalog().get("AWS::ElasticLoadBalancingV2::TargetGroup");
        let matcher = f.fields.iter().find(|f| f.key == "Matcher").unwrap();
        let kids = children(matcher, &f.type_name, t);
        let http = kids.iter().find(|k| k.key == "HttpCode").unwrap();
        assert_eq!(http.label, "Matcher.HttpCode");
        assert_eq!(http.value, Some(Node::string("200")));
        assert!(http.doc_url.as_deref().unwrap().ends_with(
            "aws-properties-elasticloadbalancingv2-targetgroup-matcher.html#cfn-elasticloadbalancingv2-targetgroup-matcher-httpcode"
        ));
        let tags = f.fields.iter().find(|f| f.key == "Tags").unwrap();
        let items = children(tags, &f.type_name, t);
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].label, "Tags.1");
        assert_eq!(items[0].path_text(), "Resources/Tg/Properties/Tags/0");
        assert!(items[0].is_entry());
        assert_eq!(preview(items[0].value.as_ref()), "Key = Name, Value = web");
        let tag_fields = children(&items[0], &f.type_name, t);
        let key = tag_fields.iter().find(|k| k.key == "Key").unwrap();
        assert_eq!(key.label, "Tags.1.Key");
        assert!(key.required);
        assert!(!key.is_entry());
        assert_eq!(key.path_text(), "Resources/Tg/Properties/Tags/0/Key");
        // An unset object still lists its definition's fields, empty.
        let empty = Field {
            value: None,
            ..matcher.clone()
        };
        assert!(
            children(&empty, &f.type_name, t)
                .iter()
                .all(|k| !k.is_set())
        );
        let map = Field {
            kind: Kind::Map(Box::new(Kind::String)),
            value: Some(crate::template::read_value("{a: x, b: y}").unwrap()),
            ..matcher.clone()
        };
        let entries = children(&map, &f.type_name, t);
        assert_eq!(entries[1].label, "Matcher.b");
        assert!(entries[1].is_entry());
    }

    #[test]
    fn without_a_catalog_the_template_speaks_for_itself() {
        let t = parse(T).unwrap().template;
        let f = resource_form(&t, None, "Tg").unwrap();
        assert!(!f.known_type && f.open);
        assert_eq!(f.fields.len(), 6);
        assert_eq!(f.fields[0].kind, Kind::Integer);
        assert!(resource_form(&t, None, "Nope").is_none());
        let custom = parse("Resources:\n  C:\n    Type: Custom::Thing\n")
            .unwrap()
            .template;
        assert!(
            resource_form(&custom, Some(curated_catalog()), "C")
                .unwrap()
                .open
        );
    }

    #[test]
    fn new_items_and_findings() {
        assert_eq!(
            new_item(&Kind::List(Box::new(Kind::String))),
            Node::string("")
        );
        assert_eq!(
            new_item(&Kind::List(Box::new(Kind::Object("Tag".into())))),
            Node::map(Default::default())
        );
        let d =
            |path: &str| Diagnostic::new("E1", Severity::Error, "x").at(path, Default::default());
        let all = [
            d("Resources/A/Properties/P"),
            d("Resources/A/Properties/P/0"),
            d("Resources/A/Properties/PX"),
        ];
        assert_eq!(
            findings_at(&all, "Resources/A/Properties/P", false).len(),
            1
        );
        assert_eq!(findings_at(&all, "Resources/A/Properties/P", true).len(), 2);
    }
}
