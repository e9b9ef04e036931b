//! Resources against the catalog: a known type (E3001), known properties (E3002), the
//! required ones present (E3003), values of the right type (E3012), allowed values
//! (E3030), lengths (E3032, E3033) and ranges (E3034), and the policy attributes
//! (E3035, E3036).
//!
//! Types follow CloudFormation's own leniency, as cfn-lint does: a number or boolean
//! may stand where a string goes, a numeric string where a number goes, "true" and
//! "false" where a boolean goes. A function's value is unknown until deploy, so it is
//! not checked, except `Fn::If`, whose branches are. A value under a tag CloudFormation
//! does not define (`!Rain::Embed file`, which the reader warns about as FW0001) is no
//! value of any type: CloudFormation reads it as the unknown function `Fn::Rain::Embed`.
//!
//! A finding about a value points where cfn-lint points: at the property's name when
//! the value belongs to one (so a block value is reported on its key's line), at the
//! item for a list item, and at the `Properties` key for a missing required property.

use super::{Check, is_no_value, key_pos, pos};
use crate::catalog::{Catalog, Constraints, Kind, ResourceType, Shape};
use crate::template::intrinsic::FOR_EACH_PREFIX;
use crate::template::{Func, Node, Pos, ResourceAttr, Section, Value};

pub(crate) fn check(c: &mut Check) {
    let template = c.template;
    let Some(resources) = template.section_map(Section::Resources) else {
        return;
    };
    let serverless = c.names.transformed;
    for (id, entry) in &resources.entries {
        if id.starts_with(FOR_EACH_PREFIX) {
            continue;
        }
        let path = format!("Resources/{id}");
        let Some(decl) = entry.value.as_map() else {
            c.error(
                "E3001",
                path,
                pos(&entry.value),
                format!("resource {id} must be a mapping with a Type"),
            );
            continue;
        };
        let custom = decl
            .get("Type")
            .and_then(Node::as_str)
            .is_some_and(Catalog::is_open_type);
        for (attr, attr_entry) in &decl.entries {
            // Custom resources once took a `Version`; CloudFormation still accepts it.
            if ResourceAttr::from_key(attr).is_none() && !(custom && attr == "Version") {
                c.error(
                    "E3001",
                    format!("{path}/{attr}"),
                    attr_entry.key.span.start,
                    format!(
                        "resource {id} has an attribute \"{attr}\" CloudFormation does not define"
                    ),
                );
            }
        }
        policies(c, &path, decl);
        let Some(type_node) = decl.get("Type") else {
            c.error(
                "E3001",
                path,
                entry.key.span.start,
                format!("resource {id} has no Type"),
            );
            continue;
        };
        let Some(type_name) = type_node.as_str() else {
            c.error(
                "E3001",
                format!("{path}/Type"),
                pos(type_node),
                "Type must be a string such as AWS::EC2::VPC",
            );
            continue;
        };
        if Catalog::is_open_type(type_name) {
            continue;
        }
        let Some(resource_type) = c.catalog.get(type_name) else {
            if !(serverless
                && (type_name.starts_with("AWS::Serverless::") || !type_name.starts_with("AWS::")))
            {
                // A slip of a letter or two in a real type's name (not containment:
                // AWS::S3::Object is no misspelt AWS::S3::ObjectLambdaAccessPoint).
                let hint = c
                    .catalog
                    .types()
                    .iter()
                    .map(|t| {
                        (
                            distance(&t.name.to_lowercase(), &type_name.to_lowercase()),
                            &t.name,
                        )
                    })
                    .filter(|(d, _)| *d <= 2)
                    .min()
                    .map_or(String::new(), |(_, t)| format!("; did you mean {t}?"));
                c.error(
                    "E3001",
                    format!("{path}/Type"),
                    pos(type_node),
                    format!("unknown resource type {type_name}{hint}"),
                );
            }
            continue;
        };
        let props_path = format!("{path}/Properties");
        match decl.get("Properties") {
            None => {
                for p in resource_type.shape.required() {
                    c.error(
                        "E3003",
                        path.clone(),
                        entry.key.span.start,
                        format!(
                            "{id} ({type_name}) is missing the required property {}",
                            p.name
                        ),
                    );
                }
            }
            Some(props) => {
                let mut shape_check = ShapeCheck {
                    check: c,
                    resource: resource_type,
                };
                shape_check.object(
                    props,
                    &resource_type.shape,
                    &props_path,
                    key_pos(decl, "Properties"),
                );
            }
        }
    }
}

/// The types whose resources CloudFormation can snapshot, the only ones that take the
/// `Snapshot` deletion and update-replace policy (the CloudFormation User Guide's
/// DeletionPolicy page; cfn-lint has the same list).
const SNAPSHOT_TYPES: &[&str] = &[
    "AWS::DocDB::DBCluster",
    "AWS::EC2::Volume",
    "AWS::ElastiCache::CacheCluster",
    "AWS::ElastiCache::ReplicationGroup",
    "AWS::Neptune::DBCluster",
    "AWS::RDS::DBCluster",
    "AWS::RDS::DBInstance",
    "AWS::Redshift::Cluster",
];

/// DeletionPolicy and UpdateReplacePolicy take one of their few values, `Snapshot` only
/// for types that have snapshots.
fn policies(c: &mut Check, path: &str, decl: &crate::template::Map) {
    let type_name = decl.get("Type").and_then(Node::as_str).unwrap_or("");
    let snapshots = SNAPSHOT_TYPES.contains(&type_name);
    for (attr, rule, allowed) in [
        (
            "DeletionPolicy",
            "E3035",
            &["Delete", "Retain", "RetainExceptOnCreate"][..],
        ),
        ("UpdateReplacePolicy", "E3036", &["Delete", "Retain"][..]),
    ] {
        let Some(node) = decl.get(attr) else { continue };
        let Some(value) = node.as_str() else { continue };
        let message = if value == "Snapshot" && !snapshots {
            format!(
                "{attr} Snapshot: {} has no snapshots; use one of {}",
                if type_name.is_empty() {
                    "this resource"
                } else {
                    type_name
                },
                allowed.join(", ")
            )
        } else if !allowed.contains(&value) && value != "Snapshot" {
            let mut values = allowed.to_vec();
            if snapshots {
                values.push("Snapshot");
            }
            format!("{attr} \"{value}\" is not one of {}", values.join(", "))
        } else {
            continue;
        };
        c.error(rule, format!("{path}/{attr}"), pos(node), message);
    }
}

struct ShapeCheck<'c, 'a> {
    check: &'c mut Check<'a>,
    resource: &'a ResourceType,
}

impl ShapeCheck<'_, '_> {
    /// An object value against a shape: unknown and missing properties, then each value.
    /// `at` is where to point for the object as a whole (its key, or the item).
    fn object(&mut self, node: &Node, shape: &Shape, path: &str, at: Pos) {
        let map = match &node.value {
            Value::Map(m) => m,
            Value::Fn(f) => {
                return self.function(f.func, &f.arg, |me, branch| {
                    me.object(branch, shape, path, pos(branch))
                });
            }
            _ => {
                self.check.error(
                    "E3012",
                    path.to_string(),
                    at,
                    format!("{} takes a mapping, not {}", last(path), found(node)),
                );
                return;
            }
        };
        for (name, entry) in &map.entries {
            if name.starts_with("Fn::") {
                continue;
            }
            match shape.property(name) {
                Some(p) => self.value(
                    &entry.value,
                    &p.kind,
                    &p.constraints,
                    &format!("{path}/{name}"),
                    entry.key.span.start,
                ),
                None if !shape.open => self.check.error(
                    "E3002",
                    format!("{path}/{name}"),
                    entry.key.span.start,
                    unknown_property(name, shape, &self.resource.name),
                ),
                None => {}
            }
        }
        if map.keys().any(|k| k.starts_with("Fn::")) {
            return;
        }
        for p in shape.required() {
            if !map.contains_key(&p.name) {
                self.check.error(
                    "E3003",
                    path.to_string(),
                    at,
                    format!(
                        "{} is missing the required property {}",
                        self.whose(path),
                        p.name
                    ),
                );
            }
        }
    }

    /// `Fn::If` checks both branches; other functions give values unknown until deploy.
    fn function(&mut self, func: Func, arg: &Node, mut each: impl FnMut(&mut Self, &Node)) {
        if func == Func::If
            && let Some([_, yes, no]) = arg.as_seq()
        {
            for branch in [yes, no] {
                if !is_no_value(branch) {
                    each(self, branch);
                }
            }
        }
    }

    fn value(&mut self, node: &Node, kind: &Kind, constraints: &Constraints, path: &str, at: Pos) {
        if let Value::Fn(f) = &node.value {
            let (func, arg) = (f.func, &f.arg);
            return self.function(func, arg, |me, branch| {
                me.value(branch, kind, constraints, path, pos(branch))
            });
        }
        match kind {
            Kind::Any | Kind::Json => {}
            Kind::Object(def) => {
                if let Some(shape) = self.resource.definition(def) {
                    self.object(node, shape, path, at);
                }
            }
            Kind::Map(value_kind) => match &node.value {
                Value::Map(m) => {
                    for (k, e) in &m.entries {
                        self.value(
                            &e.value,
                            value_kind,
                            &Constraints::default(),
                            &format!("{path}/{k}"),
                            e.key.span.start,
                        );
                    }
                }
                _ => self.wrong_type(node, kind, path, at),
            },
            Kind::List(item) => match &node.value {
                Value::Seq(seq) => {
                    let n = seq.items.len() as u64;
                    if constraints.min_items.is_some_and(|m| n < m)
                        || constraints.max_items.is_some_and(|m| n > m)
                    {
                        self.check.error(
                            "E3032",
                            path.to_string(),
                            at,
                            format!(
                                "{} has {}; it takes {}",
                                last(path),
                                count(n, "item"),
                                bounds(constraints.min_items, constraints.max_items, "item")
                            ),
                        );
                    }
                    for (i, v) in seq.items.iter().enumerate() {
                        self.value(v, item, constraints, &format!("{path}/{i}"), pos(v));
                    }
                }
                _ => self.wrong_type(node, kind, path, at),
            },
            Kind::String | Kind::Integer | Kind::Number | Kind::Boolean => {
                self.scalar(node, kind, constraints, path, at)
            }
        }
    }

    fn scalar(&mut self, node: &Node, kind: &Kind, constraints: &Constraints, path: &str, at: Pos) {
        let Some(text) = node.scalar_text() else {
            if !matches!(node.value, Value::Null) {
                self.wrong_type(node, kind, path, at);
            }
            return;
        };
        let fits = match kind {
            Kind::String => true,
            Kind::Integer => {
                text.trim().parse::<i64>().is_ok()
                    || node.as_f64().is_some_and(|f| f.fract() == 0.0)
            }
            Kind::Number => node.as_f64().is_some(),
            Kind::Boolean => node.as_bool().is_some(),
            _ => true,
        };
        if !fits {
            self.wrong_type(node, kind, path, at);
            return;
        }
        if !constraints.allowed.is_empty()
            && !constraints.allowed.iter().any(|a| *a == text)
            && !text.starts_with("{{resolve:")
        {
            let mut shown: Vec<&str> = constraints.allowed.iter().map(String::as_str).collect();
            let more = shown.len() > 12;
            shown.truncate(12);
            self.check.error(
                "E3030",
                path.to_string(),
                at,
                format!(
                    "\"{text}\" is not allowed for {}; use one of {}{}",
                    last(path),
                    shown.join(", "),
                    if more { ", ..." } else { "" }
                ),
            );
        }
        if matches!(kind, Kind::String) && !text.starts_with("{{resolve:") {
            let n = text.chars().count() as u64;
            if constraints.min_length.is_some_and(|m| n < m)
                || constraints.max_length.is_some_and(|m| n > m)
            {
                self.check.error(
                    "E3033",
                    path.to_string(),
                    at,
                    format!(
                        "{} is {} long; it takes {}",
                        last(path),
                        count(n, "character"),
                        bounds(constraints.min_length, constraints.max_length, "character")
                    ),
                );
            }
        }
        if matches!(kind, Kind::Integer | Kind::Number)
            && let Some(v) = node.as_f64()
            && (constraints.minimum.is_some_and(|m| v < m)
                || constraints.maximum.is_some_and(|m| v > m))
        {
            self.check.error(
                "E3034",
                path.to_string(),
                at,
                format!(
                    "{} is {text}; it takes {}",
                    last(path),
                    match (constraints.minimum, constraints.maximum) {
                        (Some(a), Some(b)) => format!("{a} to {b}"),
                        (Some(a), None) => format!("at least {a}"),
                        (None, Some(b)) => format!("at most {b}"),
                        (None, None) => String::new(),
                    }
                ),
            );
        }
    }

    /// The object at `path`, for messages: the resource and its type for its
    /// Properties, else the property (or an item of it).
    fn whose(&self, path: &str) -> String {
        let segments: Vec<&str> = path.split('/').collect();
        match segments.as_slice() {
            ["Resources", id, "Properties"] => format!("{id} ({})", self.resource.name),
            [.., name, index] if index.parse::<usize>().is_ok() => {
                format!("an item of {name}")
            }
            _ => last(path).to_string(),
        }
    }

    fn wrong_type(&mut self, node: &Node, kind: &Kind, path: &str, at: Pos) {
        self.check.error(
            "E3012",
            path.to_string(),
            at,
            format!(
                "{} takes {}, not {}",
                last(path),
                describe(kind),
                found(node)
            ),
        );
    }
}

/// What a value is, for "takes X, not Y" messages.
fn found(node: &Node) -> String {
    match &node.value {
        Value::Null => "nothing".into(),
        Value::Bool(_) => "a boolean".into(),
        Value::Number(_) => "a number".into(),
        Value::String(_) => "a string".into(),
        Value::Seq(_) => "a list".into(),
        Value::Map(_) => "a mapping".into(),
        Value::Fn(_) => "a function".into(),
        Value::Tagged(t) => format!("the unknown function {}", t.tag),
    }
}

fn describe(kind: &Kind) -> String {
    match kind {
        Kind::String => "a string".into(),
        Kind::Integer => "an integer".into(),
        Kind::Number => "a number".into(),
        Kind::Boolean => "true or false".into(),
        Kind::List(item) => format!(
            "a list of {}",
            describe(item)
                .trim_start_matches("a ")
                .trim_start_matches("an ")
        ),
        Kind::Object(_) | Kind::Map(_) | Kind::Json => "a mapping".into(),
        Kind::Any => "a value".into(),
    }
}

/// `1 item`, `2 items`.
fn count(n: u64, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

fn bounds(min: Option<u64>, max: Option<u64>, unit: &str) -> String {
    match (min, max) {
        (Some(a), Some(b)) if a == b => format!("exactly {}", count(a, unit)),
        (Some(a), Some(b)) => format!("{a} to {}", count(b, unit)),
        (Some(a), None) => format!("at least {}", count(a, unit)),
        (None, Some(b)) => format!("at most {}", count(b, unit)),
        (None, None) => String::new(),
    }
}

fn last(path: &str) -> &str {
    path.rsplit('/')
        .find(|s| s.parse::<usize>().is_err())
        .unwrap_or(path)
}

/// "unknown property X" with the closest known name, when one is close.
fn unknown_property(name: &str, shape: &Shape, type_name: &str) -> String {
    let suggestion = shape
        .properties
        .iter()
        .map(|p| {
            (
                distance(&p.name.to_lowercase(), &name.to_lowercase()),
                &p.name,
            )
        })
        .filter(|(d, _)| *d <= 2)
        .min();
    match suggestion {
        Some((_, p)) => format!("{type_name} has no property \"{name}\"; did you mean {p}?"),
        None => format!("{type_name} has no property \"{name}\""),
    }
}

/// The name among `candidates` that `name` was likely meant to be, for "did you mean"
/// hints: the same in other case, a slip of one or two letters (for names of four
/// letters or more), or a longer name containing it (`SiteBucketName` for
/// `BucketName`; not the other way: `NetworkVPC` is no slip for `Network`).
pub(crate) fn closest<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let wanted = name.to_lowercase();
    candidates
        .into_iter()
        .filter_map(|c| {
            let lower = c.to_lowercase();
            let d = distance(&lower, &wanted);
            let close = d == 0
                || (wanted.chars().count() >= 4 && d <= 2)
                || (wanted.len() >= 4 && lower.contains(&wanted));
            (close && c != name).then_some((d, c.len(), c))
        })
        .min()
        .map(|(_, _, c)| c)
}

/// "; did you mean X?" when there is a likely X.
pub(crate) fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> String {
    closest(name, candidates).map_or(String::new(), |c| format!("; did you mean {c}?"))
}

/// Levenshtein distance, for suggestions.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}
