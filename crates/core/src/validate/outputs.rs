//! Outputs: the right attributes (E6001), a Value (E6002), a Value and an export Name
//! that resolve to strings (E6101, E6102), and at most 200 of them (E6010).

use super::{Check, is_no_value, key_pos, pos};
use crate::template::intrinsic::FOR_EACH_PREFIX;
use crate::template::{Func, Node, Section, Value};

const ATTRIBUTES: &[&str] = &["Value", "Description", "Export", "Condition"];

/// CloudFormation's quota of outputs per template.
const MAX_OUTPUTS: usize = 200;

pub(crate) fn check(c: &mut Check) {
    let template = c.template;
    let Some(outputs) = template.section_map(Section::Outputs) else {
        return;
    };
    if outputs.len() > MAX_OUTPUTS {
        let at = template
            .sections()
            .entry(Section::Outputs.key())
            .map(|e| e.key.span.start)
            .unwrap_or_default();
        c.error(
            "E6010",
            "Outputs".into(),
            at,
            format!(
                "{} outputs; CloudFormation allows {MAX_OUTPUTS}",
                outputs.len()
            ),
        );
    }
    for (name, entry) in &outputs.entries {
        if name.starts_with(FOR_EACH_PREFIX) {
            continue;
        }
        let path = format!("Outputs/{name}");
        let Some(output) = entry.value.as_map() else {
            c.error(
                "E6001",
                path,
                pos(&entry.value),
                format!("output {name} must be a mapping with a Value"),
            );
            continue;
        };
        for (key, e) in &output.entries {
            if !ATTRIBUTES.contains(&key.as_str()) {
                c.error(
                    "E6001",
                    format!("{path}/{key}"),
                    e.key.span.start,
                    format!(
                        "output {name} has an attribute \"{key}\" CloudFormation does not define"
                    ),
                );
            }
        }
        match output.get("Value") {
            None => c.error(
                "E6002",
                path.clone(),
                entry.key.span.start,
                format!("output {name} has no Value"),
            ),
            Some(value) if !is_string_like(c, value) => c.error(
                "E6101",
                format!("{path}/Value"),
                key_pos(output, "Value"),
                format!("the Value of output {name} must be a string (join a list with Fn::Join)"),
            ),
            Some(_) => {}
        }
        if let Some(export) = output.get("Export") {
            match export.get("Name") {
                None => c.error(
                    "E6001",
                    format!("{path}/Export"),
                    key_pos(output, "Export"),
                    "Export needs a Name",
                ),
                Some(n) if !is_string_like(c, n) => c.error(
                    "E6102",
                    format!("{path}/Export/Name"),
                    export.as_map().map_or(pos(n), |m| key_pos(m, "Name")),
                    format!("the export Name of output {name} must be a string (build it with Fn::Sub or Fn::Join)"),
                ),
                Some(_) => {}
            }
        }
    }
}

/// Whether a value is, or can only resolve to, a string.
fn is_string_like(c: &Check, node: &Node) -> bool {
    match &node.value {
        Value::String(_) | Value::Number(_) | Value::Bool(_) => true,
        Value::Seq(_) | Value::Map(_) | Value::Null => false,
        Value::Tagged(_) => true,
        Value::Fn(f) => match f.func {
            Func::GetAZs | Func::Split | Func::Cidr => false,
            Func::If => f.arg.as_seq().is_some_and(|s| {
                s.len() == 3
                    && s[1..]
                        .iter()
                        .all(|b| is_no_value(b) || is_string_like(c, b))
            }),
            // A Ref to a list-typed parameter, or to AWS::NotificationARNs, gives a list.
            Func::Ref => f.arg.as_str().is_none_or(|name| {
                name != "AWS::NotificationARNs"
                    && c.template
                        .section_map(Section::Parameters)
                        .and_then(|p| p.get(name))
                        .and_then(|p| p.get("Type"))
                        .and_then(Node::as_str)
                        .is_none_or(|t| !is_list_type(t))
            }),
            _ => true,
        },
    }
}

/// Whether a parameter of this type gives a list: `List<...>`, `CommaDelimitedList`,
/// and the SSM parameter types holding them (`AWS::SSM::Parameter::Value<List<String>>`).
fn is_list_type(t: &str) -> bool {
    let inner = t
        .strip_prefix("AWS::SSM::Parameter::Value<")
        .and_then(|s| s.strip_suffix('>'))
        .unwrap_or(t);
    inner.starts_with("List<") || inner == "CommaDelimitedList"
}
