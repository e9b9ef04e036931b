//! Conditions: each a condition function (E8001) whose functions have the right number
//! of arguments (E8003 Equals, E8004 And, E8005 Not, E8006 Or), and each one used
//! (W8001).

use std::collections::BTreeSet;

use super::{Check, pos};
use crate::template::{Func, Node, Section, Value};

pub(crate) fn check(c: &mut Check) {
    let template = c.template;
    let Some(conditions) = template.section_map(Section::Conditions) else {
        return;
    };
    for (name, entry) in &conditions.entries {
        let path = format!("Conditions/{name}");
        if name.starts_with("Fn::ForEach::") {
            continue;
        }
        match &entry.value.value {
            Value::Fn(f)
                if matches!(
                    f.func,
                    Func::Equals | Func::And | Func::Or | Func::Not | Func::Condition
                ) => {}
            _ => c.error(
                "E8001",
                path.clone(),
                entry.key.span.start,
                format!(
                    "condition {name} must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition"
                ),
            ),
        }
        arities(c, &entry.value, &path);
    }
    let used = used_conditions(c);
    for (name, entry) in &conditions.entries {
        if !used.contains(name.as_str()) && !c.names.transformed {
            c.warning(
                "W8001",
                format!("Conditions/{name}"),
                entry.key.span.start,
                format!("condition {name} is never used"),
            );
        }
    }
}

/// The argument counts of the condition functions anywhere under `node`.
fn arities(c: &mut Check, node: &Node, path: &str) {
    node.walk(&mut |_, n| {
        let Some(f) = n.as_fn() else { return };
        let count = f.arg.as_seq().map(<[Node]>::len);
        let problem = match f.func {
            Func::Equals if count != Some(2) => {
                Some(("E8003", "Fn::Equals compares exactly two values"))
            }
            Func::And if !matches!(count, Some(2..=10)) => {
                Some(("E8004", "Fn::And takes 2 to 10 conditions"))
            }
            Func::Or if !matches!(count, Some(2..=10)) => {
                Some(("E8006", "Fn::Or takes 2 to 10 conditions"))
            }
            Func::Not if count != Some(1) => {
                Some(("E8005", "Fn::Not takes a list of exactly one condition"))
            }
            _ => None,
        };
        if let Some((rule, message)) = problem {
            c.error(rule, path.to_string(), pos(n), message);
        }
    });
}

/// Conditions named by resources, outputs, `Fn::If` and other conditions.
fn used_conditions<'a>(c: &Check<'a>) -> BTreeSet<&'a str> {
    let mut used = BTreeSet::new();
    c.template.root.walk(&mut |path, n| {
        if let Some(f) = n.as_fn() {
            match f.func {
                Func::Condition => {
                    if let Some(name) = f.arg.as_str() {
                        used.insert(name);
                    }
                }
                Func::If => {
                    if let Some(name) = f
                        .arg
                        .as_seq()
                        .and_then(|s| s.first())
                        .and_then(Node::as_str)
                    {
                        used.insert(name);
                    }
                }
                _ => {}
            }
        }
        // A `Condition:` attribute of a resource, output or rule.
        if let [
            crate::template::PathSeg::Key(section),
            _,
            crate::template::PathSeg::Key("Condition"),
        ] = path
            && matches!(*section, "Resources" | "Outputs")
            && let Some(name) = n.as_str()
        {
            used.insert(name);
        }
    });
    used
}
