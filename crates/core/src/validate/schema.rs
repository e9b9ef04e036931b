//! Resources against the catalog: a known type (E3001), known properties (E3002), the
//! required ones present (E3003), values of the right type (E3012), allowed values
//! (E3030), lengths (E3032, E3033) and ranges (E3034), and the policy attributes
//! (E3035, E3036).
//!
//! Types follow CloudFormation's own leniency, as cfn-lint does: a number or boolean
//! may stand where a string goes, a numeric string where a number goes, "true" and
//! "false" where a boolean goes. A function's value is unknown until deploy, so it is
//! not checked, except `Fn::If`, whose branches are.

use super::{Check, is_no_value, pos};
use crate::catalog::{Catalog, Constraints, Kind, ResourceType, Shape};
use crate::template::intrinsic::FOR_EACH_PREFIX;
use crate::template::{Func, Node, ResourceAttr, Section, Value};

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
                c.error(
                    "E3001",
                    format!("{path}/Type"),
                    pos(type_node),
                    format!("unknown resource type {type_name}"),
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
                shape_check.object(props, &resource_type.shape, &props_path);
            }
        }
    }
}

/// DeletionPolicy and UpdateReplacePolicy take one of their few values.
fn policies(c: &mut Check, path: &str, decl: &crate::template::Map) {
    for (attr, rule, allowed) in [
        (
            "DeletionPolicy",
            "E3035",
            &["Delete", "Retain", "RetainExceptOnCreate", "Snapshot"][..],
        ),
        (
            "UpdateReplacePolicy",
            "E3036",
            &["Delete", "Retain", "Snapshot"][..],
        ),
    ] {
        if let Some(node) = decl.get(attr)
            && let Some(value) = node.as_str()
            && !allowed.contains(&value)
        {
            c.error(
                rule,
                format!("{path}/{attr}"),
                pos(node),
                format!("{attr} \"{value}\" is not one of {}", allowed.join(", ")),
            );
        }
    }
}

struct ShapeCheck<'c, 'a> {
    check: &'c mut Check<'a>,
    resource: &'a ResourceType,
}

impl ShapeCheck<'_, '_> {
    /// An object value against a shape: unknown and missing properties, then each value.
    fn object(&mut self, node: &Node, shape: &Shape, path: &str) {
        let map = match &node.value {
            Value::Map(m) => m,
            Value::Fn(f) => {
                return self.function(f.func, &f.arg, |me, branch| me.object(branch, shape, path));
            }
            _ => {
                self.check.error(
                    "E3012",
                    path.to_string(),
                    pos(node),
                    format!("{path} must be a mapping of properties"),
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
                    pos(node),
                    format!("missing the required property {}", p.name),
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

    fn value(&mut self, node: &Node, kind: &Kind, constraints: &Constraints, path: &str) {
        if let Value::Fn(f) = &node.value {
            let (func, arg) = (f.func, &f.arg);
            return self.function(func, arg, |me, branch| {
                me.value(branch, kind, constraints, path)
            });
        }
        match kind {
            Kind::Any | Kind::Json => {}
            Kind::Object(def) => {
                if let Some(shape) = self.resource.definition(def) {
                    self.object(node, shape, path);
                }
            }
            Kind::Map(value_kind) => match &node.value {
                Value::Map(m) => {
                    for (k, v) in m.iter() {
                        self.value(
                            v,
                            value_kind,
                            &Constraints::default(),
                            &format!("{path}/{k}"),
                        );
                    }
                }
                _ => self.wrong_type(node, kind, path),
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
                            pos(node),
                            format!(
                                "{n} items; {} takes {}",
                                last(path),
                                bounds(constraints.min_items, constraints.max_items, "items")
                            ),
                        );
                    }
                    for (i, v) in seq.items.iter().enumerate() {
                        self.value(v, item, constraints, &format!("{path}/{i}"));
                    }
                }
                _ => self.wrong_type(node, kind, path),
            },
            Kind::String | Kind::Integer | Kind::Number | Kind::Boolean => {
                self.scalar(node, kind, constraints, path)
            }
        }
    }

    fn scalar(&mut self, node: &Node, kind: &Kind, constraints: &Constraints, path: &str) {
        let Some(text) = node.scalar_text() else {
            if !matches!(node.value, Value::Null | Value::Tagged(_)) {
                self.wrong_type(node, kind, path);
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
            self.wrong_type(node, kind, path);
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
                pos(node),
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
                    pos(node),
                    format!(
                        "{n} characters; {} takes {}",
                        last(path),
                        bounds(constraints.min_length, constraints.max_length, "characters")
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
                pos(node),
                format!(
                    "{text} is out of range for {}: {}",
                    last(path),
                    match (constraints.minimum, constraints.maximum) {
                        (Some(a), Some(b)) => format!("from {a} to {b}"),
                        (Some(a), None) => format!("at least {a}"),
                        (None, Some(b)) => format!("at most {b}"),
                        (None, None) => String::new(),
                    }
                ),
            );
        }
    }

    fn wrong_type(&mut self, node: &Node, kind: &Kind, path: &str) {
        let found = match &node.value {
            Value::Null => "nothing",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
            Value::Fn(_) => "a function",
            Value::Tagged(_) => "a tagged value",
        };
        self.check.error(
            "E3012",
            path.to_string(),
            pos(node),
            format!("{} takes {}, not {found}", last(path), describe(kind)),
        );
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

fn bounds(min: Option<u64>, max: Option<u64>, unit: &str) -> String {
    match (min, max) {
        (Some(a), Some(b)) if a == b => format!("exactly {a} {unit}"),
        (Some(a), Some(b)) => format!("{a} to {b} {unit}"),
        (Some(a), None) => format!("at least {a} {unit}"),
        (None, Some(b)) => format!("at most {b} {unit}"),
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
