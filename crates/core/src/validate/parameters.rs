//! Parameters: the right attributes (E2001), a real type (E2002), a Default that keeps
//! the parameter's own constraints (E2015), and every parameter used (W2001).

use std::collections::BTreeSet;

use super::{Check, pos};
use crate::template::intrinsic::{Reference, references};
use crate::template::{Map, Node, Section, Template, Value};

const ATTRIBUTES: &[&str] = &[
    "Type",
    "Default",
    "AllowedValues",
    "AllowedPattern",
    "ConstraintDescription",
    "Description",
    "MaxLength",
    "MaxValue",
    "MinLength",
    "MinValue",
    "NoEcho",
];

/// The parameter types CloudFormation accepts besides the AWS-specific families.
pub const PLAIN_TYPES: &[&str] = &["String", "Number", "List<Number>", "CommaDelimitedList"];

pub const AWS_TYPES: &[&str] = &[
    "AWS::EC2::AvailabilityZone::Name",
    "AWS::EC2::Image::Id",
    "AWS::EC2::Instance::Id",
    "AWS::EC2::KeyPair::KeyName",
    "AWS::EC2::SecurityGroup::GroupName",
    "AWS::EC2::SecurityGroup::Id",
    "AWS::EC2::Subnet::Id",
    "AWS::EC2::Volume::Id",
    "AWS::EC2::VPC::Id",
    "AWS::Route53::HostedZone::Id",
    "AWS::SSM::Parameter::Name",
];

/// Whether a parameter type is one CloudFormation knows.
pub fn is_parameter_type(t: &str) -> bool {
    if PLAIN_TYPES.contains(&t) || AWS_TYPES.contains(&t) {
        return true;
    }
    if let Some(inner) = t.strip_prefix("List<").and_then(|s| s.strip_suffix('>')) {
        return AWS_TYPES.contains(&inner) && inner != "AWS::EC2::KeyPair::KeyName";
    }
    if let Some(inner) = t
        .strip_prefix("AWS::SSM::Parameter::Value<")
        .and_then(|s| s.strip_suffix('>'))
    {
        return is_parameter_type(inner) || inner.starts_with("List<");
    }
    false
}

/// Why a parameter value breaks the parameter's own constraints, if it does. An
/// AllowedPattern using what the regular expression engine here lacks (look-around,
/// which CloudFormation's Java engine has) is not checked rather than misjudged.
pub fn constraint_problem(parameter: &Map, value: &str) -> Option<String> {
    let type_name = parameter
        .get("Type")
        .and_then(Node::as_str)
        .unwrap_or("String");
    let values: Vec<&str> = if type_name.starts_with("List<") || type_name == "CommaDelimitedList" {
        value.split(',').map(str::trim).collect()
    } else {
        vec![value]
    };
    let numeric = type_name == "Number" || type_name == "List<Number>";
    for v in values {
        if numeric && v.parse::<f64>().is_err() {
            return Some(format!("\"{v}\" is not a number"));
        }
        if let Some(allowed) = parameter.get("AllowedValues").and_then(Node::as_seq) {
            let texts: Vec<String> = allowed
                .iter()
                .filter_map(|a| a.scalar_text().map(|t| t.into_owned()))
                .collect();
            if !texts.iter().any(|t| t == v) {
                return Some(format!(
                    "\"{v}\" is not one of its AllowedValues ({})",
                    texts.join(", ")
                ));
            }
        }
        if let Some(pattern) = parameter.get("AllowedPattern").and_then(Node::as_str)
            && let Ok(re) = regex_lite::Regex::new(&format!("^(?:{pattern})$"))
            && !re.is_match(v)
        {
            return Some(format!(
                "\"{v}\" does not match its AllowedPattern {pattern}"
            ));
        }
        let len = v.chars().count() as f64;
        let bound = |key: &str| parameter.get(key).and_then(Node::as_f64);
        if !numeric {
            if let Some(min) = bound("MinLength").filter(|m| len < *m) {
                return Some(format!("\"{v}\" is shorter than its MinLength {min}"));
            }
            if let Some(max) = bound("MaxLength").filter(|m| len > *m) {
                return Some(format!("\"{v}\" is longer than its MaxLength {max}"));
            }
        }
        if let Ok(n) = v.parse::<f64>() {
            if let Some(min) = bound("MinValue").filter(|m| n < *m) {
                return Some(format!("{v} is below its MinValue {min}"));
            }
            if let Some(max) = bound("MaxValue").filter(|m| n > *m) {
                return Some(format!("{v} is above its MaxValue {max}"));
            }
        }
    }
    None
}

pub(crate) fn check(c: &mut Check) {
    let template = c.template;
    let Some(parameters) = template.section_map(Section::Parameters) else {
        return;
    };
    let used = used_names(template);
    for (name, entry) in &parameters.entries {
        let path = format!("Parameters/{name}");
        let at = entry.key.span.start;
        let Some(p) = entry.value.as_map() else {
            c.error(
                "E2001",
                path,
                pos(&entry.value),
                format!("parameter {name} must be a mapping with a Type"),
            );
            continue;
        };
        for (key, e) in &p.entries {
            if !ATTRIBUTES.contains(&key.as_str()) {
                c.error(
                    "E2001",
                    format!("{path}/{key}"),
                    e.key.span.start,
                    format!(
                        "parameter {name} has an attribute \"{key}\" CloudFormation does not define"
                    ),
                );
            }
        }
        match p.get("Type") {
            None => c.error(
                "E2001",
                path.clone(),
                at,
                format!("parameter {name} has no Type"),
            ),
            Some(t) => match t.as_str() {
                Some(type_name) if !is_parameter_type(type_name) => c.error(
                    "E2002",
                    format!("{path}/Type"),
                    pos(t),
                    format!("\"{type_name}\" is not a parameter type CloudFormation knows"),
                ),
                Some(_) => {}
                None => c.error(
                    "E2002",
                    format!("{path}/Type"),
                    pos(t),
                    "Type must be a string",
                ),
            },
        }
        if let Some(default) = p.get("Default")
            && let Some(text) = default.scalar_text()
            && let Some(problem) = constraint_problem(p, &text)
        {
            c.error(
                "E2015",
                format!("{path}/Default"),
                pos(default),
                format!("the Default of {name} breaks its own constraints: {problem}"),
            );
        }
        if !used.contains(name.as_str()) && !c.names.transformed {
            c.warning("W2001", path, at, format!("parameter {name} is never used"));
        }
    }
}

/// Every name a `Ref` or a `Sub` placeholder uses outside the Parameters section.
fn used_names(template: &Template) -> BTreeSet<&str> {
    let mut used = BTreeSet::new();
    for (key, node) in template.sections().iter() {
        if key == Section::Parameters.key() {
            continue;
        }
        node.walk(&mut |_, n| {
            if let Value::Fn(f) = &n.value {
                for r in references(f) {
                    used.insert(match r {
                        Reference::Sub(name) => name,
                        other => other.target(),
                    });
                }
                // `Fn::Sub` variables may use `${Param}` inside their own values too; and
                // FindInMap keys often `Ref` a parameter, which references() covers.
            }
        });
    }
    used
}
