//! YAML 1.1's surprise booleans.
//!
//! - **FW1008** (warning): an unquoted `Yes`, `No`, `On` or `Off` (in any of the cases
//!   YAML 1.1 knows: `yes`, `Yes`, `YES` ...) where text is meant. CloudFormation
//!   reads YAML by the 1.1 rules, as PyYAML does, so these are the booleans true and
//!   false and reach CloudFormation as `"true"` and `"false"`. Checked where a string
//!   is meant: a string-typed resource property, an `Fn::Equals` argument (the AWS
//!   samples compare `!Ref Param` with `Yes`, which is then `"true"`), and a String
//!   parameter's `Default` and `AllowedValues`. The fix is to quote it: `'Yes'`.
//!
//!   `y` and `n` are booleans in the YAML 1.1 specification but not in PyYAML, which
//!   reads them as text (as Formwork's reader does), so they are not reported;
//!   `true`/`false` are meant as booleans and are not reported either.

use super::{Check, is_no_value, pos};
use crate::catalog::{Kind, ResourceType};
use crate::template::intrinsic::ref_target;
use crate::template::{Func, Node, PathSeg, Section, Value, path_string};

pub(crate) fn check(c: &mut Check) {
    let template = c.template;
    parameters(c);
    equals(c);
    let catalog = c.catalog;
    for r in template.resources() {
        let Some(rt) = r.type_name().and_then(|t| catalog.get(t)) else {
            continue;
        };
        let Some(props) = r.properties() else {
            continue;
        };
        for (name, entry) in &props.entries {
            if let Some(p) = rt.property(name) {
                let path = format!("Resources/{}/Properties/{name}", r.id);
                value(c, rt, &entry.value, &p.kind, &path, name);
            }
        }
    }
}

/// The YAML 1.1 words for true and false that YAML 1.2 and JSON read as text.
fn surprise(node: &Node) -> Option<(&str, bool)> {
    let Value::Bool(b) = node.value else {
        return None;
    };
    let raw = node.style.raw.as_deref()?;
    matches!(
        raw,
        "yes" | "Yes" | "YES" | "no" | "No" | "NO" | "on" | "On" | "ON" | "off" | "Off" | "OFF"
    )
    .then_some((raw, b))
}

fn quoted(raw: &str) -> String {
    format!("'{raw}'")
}

/// A property value against its kind, following objects, lists, maps and `Fn::If`.
fn value(c: &mut Check, rt: &ResourceType, node: &Node, kind: &Kind, path: &str, name: &str) {
    match &node.value {
        Value::Fn(f) if f.func == Func::If => {
            if let Some([_, yes, no]) = f.arg.as_seq() {
                for (i, branch) in [(1, yes), (2, no)] {
                    if !is_no_value(branch) {
                        value(c, rt, branch, kind, &format!("{path}/Fn::If/{i}"), name);
                    }
                }
            }
            return;
        }
        Value::Fn(_) => return,
        _ => {}
    }
    match kind {
        Kind::String => {
            if let Some((raw, b)) = surprise(node) {
                c.warning(
                    "FW1008",
                    path.to_string(),
                    pos(node),
                    format!(
                        "{name} is text, but the unquoted {raw} is YAML 1.1's boolean {b}, so CloudFormation sets it to \"{b}\"; write {} if you mean the word",
                        quoted(raw)
                    ),
                );
            }
        }
        Kind::Object(def) => {
            let (Some(shape), Some(map)) = (rt.definition(def), node.as_map()) else {
                return;
            };
            for (key, entry) in &map.entries {
                if let Some(p) = shape.property(key) {
                    value(c, rt, &entry.value, &p.kind, &format!("{path}/{key}"), key);
                }
            }
        }
        Kind::List(item) => {
            for (i, n) in node.as_seq().into_iter().flatten().enumerate() {
                value(c, rt, n, item, &format!("{path}/{i}"), name);
            }
        }
        Kind::Map(item) => {
            if let Some(map) = node.as_map() {
                for (key, entry) in &map.entries {
                    value(c, rt, &entry.value, item, &format!("{path}/{key}"), key);
                }
            }
        }
        _ => {}
    }
}

/// A String parameter's Default and AllowedValues.
fn parameters(c: &mut Check) {
    let Some(params) = c.template.section_map(Section::Parameters) else {
        return;
    };
    for (name, decl) in params.iter() {
        let text_type = decl
            .get("Type")
            .and_then(Node::as_str)
            .is_some_and(|t| t == "String" || t == "CommaDelimitedList");
        if !text_type {
            continue;
        }
        if let Some(d) = decl.get("Default")
            && let Some((raw, b)) = surprise(d)
        {
            c.warning(
                "FW1008",
                format!("Parameters/{name}/Default"),
                pos(d),
                format!(
                    "parameter {name}'s Default is the unquoted {raw}, YAML 1.1's boolean {b}, so CloudFormation's default is \"{b}\"; write {}",
                    quoted(raw)
                ),
            );
        }
        let surprises: Vec<(usize, &Node, &str, bool)> = decl
            .get("AllowedValues")
            .and_then(Node::as_seq)
            .into_iter()
            .flatten()
            .enumerate()
            .filter_map(|(i, v)| surprise(v).map(|(raw, b)| (i, v, raw, b)))
            .collect();
        if let Some((i, first, _, _)) = surprises.first() {
            let list = |f: &dyn Fn(&str, bool) -> String| {
                surprises
                    .iter()
                    .map(|(_, _, raw, b)| f(raw, *b))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            c.warning(
                "FW1008",
                format!("Parameters/{name}/AllowedValues/{i}"),
                pos(first),
                format!(
                    "parameter {name} allows the unquoted {}, which YAML 1.1 reads as booleans: the console offers {}; write {}",
                    list(&|raw, _| raw.to_string()),
                    list(&|_, b| format!("\"{b}\"")),
                    list(&|raw, _| quoted(raw)),
                ),
            );
        }
    }
}

/// Every `Fn::Equals` argument in the template.
fn equals(c: &mut Check) {
    let template = c.template;
    let mut found = Vec::new();
    template.root.walk(&mut |path, node| {
        let Some(f) = node.as_fn().filter(|f| f.func == Func::Equals) else {
            return;
        };
        let Some([left, right]) = f.arg.as_seq() else {
            return;
        };
        for (i, (arg, other)) in [(left, right), (right, left)].into_iter().enumerate() {
            if let Some((raw, b)) = surprise(arg) {
                let mut p: Vec<PathSeg> = path.to_vec();
                p.push(PathSeg::Key("Fn::Equals"));
                p.push(PathSeg::Index(i));
                found.push((path_string(&p), pos(arg), raw, b, other));
            }
        }
    });
    let params = template.section_map(Section::Parameters);
    for (path, at, raw, b, other) in found {
        let param = other
            .as_fn()
            .and_then(ref_target)
            .and_then(|p| Some((p, params?.get(p)?)));
        let consequence = match param {
            Some((name, decl)) => {
                let allowed: Vec<&Node> = decl
                    .get("AllowedValues")
                    .and_then(Node::as_seq)
                    .into_iter()
                    .flatten()
                    .chain(decl.get("Default"))
                    .collect();
                if allowed.iter().any(|v| v.as_str() == Some(raw)) {
                    format!(
                        "parameter {name} takes the text {raw}, so this condition is never true for it"
                    )
                } else if allowed.iter().any(|v| surprise(v).is_some()) {
                    format!(
                        "it matches only because parameter {name}'s values are unquoted too and read as true/false; quote both"
                    )
                } else {
                    format!("it compares parameter {name} with \"{b}\"")
                }
            }
            None => format!("the comparison is with \"{b}\""),
        };
        c.warning(
            "FW1008",
            path,
            at,
            format!(
                "the unquoted {raw} in Fn::Equals is YAML 1.1's boolean {b}, which CloudFormation compares as the text \"{b}\": {consequence}; write {}",
                quoted(raw)
            ),
        );
    }
}
