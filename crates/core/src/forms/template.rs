//! The template-level forms: Description, Parameters (each attribute as a field that
//! reads typed text into the right kind of value), Outputs, and the sections edited as
//! YAML (Mappings, Conditions, Rules), checked for their shape before they apply.

use super::value::{InputError, parse_input, parse_yaml, text_of, to_yaml};
use crate::catalog::Kind;
use crate::document::{Path, ids, path};
use crate::template::{Node, ParseError, Section, Template, Value};
use crate::validate::{AWS_PARAMETER_TYPES, PLAIN_PARAMETER_TYPES};

/// A parameter's attributes, in the order the form shows them.
pub const PARAMETER_ATTRIBUTES: [&str; 11] = [
    "Type",
    "Description",
    "Default",
    "AllowedValues",
    "AllowedPattern",
    "MinLength",
    "MaxLength",
    "MinValue",
    "MaxValue",
    "NoEcho",
    "ConstraintDescription",
];

/// How a parameter attribute is edited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttributeInput {
    /// A select of the parameter types.
    Type,
    Text,
    /// One value per line.
    Lines,
    Integer,
    Number,
    /// A checkbox.
    Flag,
}

pub fn attribute_input(attribute: &str) -> AttributeInput {
    match attribute {
        "Type" => AttributeInput::Type,
        "AllowedValues" => AttributeInput::Lines,
        "MinLength" | "MaxLength" => AttributeInput::Integer,
        "MinValue" | "MaxValue" => AttributeInput::Number,
        "NoEcho" => AttributeInput::Flag,
        _ => AttributeInput::Text,
    }
}

fn is_numeric(type_name: &str) -> bool {
    matches!(type_name, "Number" | "List<Number>")
}

/// One parameter as its form shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct ParameterForm {
    pub name: String,
    pub type_name: String,
    pub no_echo: bool,
    /// Each attribute the form shows for this type (and any that is set), with its text.
    pub attributes: Vec<(&'static str, String)>,
}

/// The parameters in template order.
pub fn parameters(template: &Template) -> Vec<ParameterForm> {
    template
        .section_map(Section::Parameters)
        .into_iter()
        .flat_map(|m| m.iter())
        .map(|(name, p)| {
            let type_name = p
                .get("Type")
                .and_then(Node::as_str)
                .unwrap_or("String")
                .to_string();
            let numeric = is_numeric(&type_name);
            let attributes = PARAMETER_ATTRIBUTES
                .iter()
                .filter(|a| {
                    p.get(a).is_some()
                        || match **a {
                            "MinLength" | "MaxLength" | "AllowedPattern" => !numeric,
                            "MinValue" | "MaxValue" => numeric,
                            _ => true,
                        }
                })
                .map(|a| (*a, attribute_text(p.get(a), a)))
                .collect();
            ParameterForm {
                name: name.to_string(),
                no_echo: p.get("NoEcho").and_then(Node::as_bool).unwrap_or(false),
                type_name,
                attributes,
            }
        })
        .collect()
}

/// The text a parameter attribute shows: AllowedValues one per line.
pub fn attribute_text(value: Option<&Node>, attribute: &str) -> String {
    match (attribute, value.and_then(Node::as_seq)) {
        ("AllowedValues", Some(items)) => items
            .iter()
            .map(|i| text_of(Some(i)))
            .collect::<Vec<_>>()
            .join("\n"),
        _ => text_of(value),
    }
}

/// Typed text as a parameter attribute's value (`None`: the attribute goes). Lengths
/// are integers, MinValue/MaxValue numbers, and for a `Number` parameter its Default
/// and allowed values are numbers when they read as one, as typed.
pub fn parse_attribute(
    type_name: &str,
    attribute: &str,
    text: &str,
) -> Result<Option<Node>, InputError> {
    let numeric_or_string = |t: &str| match crate::template::Number::parse(t.trim()) {
        Some(n) if is_numeric(type_name) => Node::new(Value::Number(n)),
        _ => Node::string(t),
    };
    match attribute_input(attribute) {
        AttributeInput::Integer => parse_input(&Kind::Integer, text),
        AttributeInput::Number => parse_input(&Kind::Number, text),
        AttributeInput::Flag => Ok((text.trim() == "true").then(|| Node::bool(true))),
        AttributeInput::Lines => {
            let items: Vec<Node> = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(numeric_or_string)
                .collect();
            Ok((!items.is_empty()).then(|| Node::seq(items)))
        }
        AttributeInput::Type => Ok(Some(Node::string(if text.trim().is_empty() {
            "String"
        } else {
            text.trim()
        }))),
        AttributeInput::Text if attribute == "Default" => {
            Ok((!text.is_empty()).then(|| numeric_or_string(text)))
        }
        AttributeInput::Text => Ok((!text.is_empty()).then(|| Node::string(text))),
    }
}

/// The parameter types a select offers, with `current` among them.
pub fn parameter_types(current: &str) -> Vec<String> {
    let mut out: Vec<String> = PLAIN_PARAMETER_TYPES
        .iter()
        .chain(AWS_PARAMETER_TYPES)
        .map(|t| t.to_string())
        .collect();
    out.extend(
        AWS_PARAMETER_TYPES
            .iter()
            .filter(|t| **t != "AWS::EC2::KeyPair::KeyName")
            .map(|t| format!("List<{t}>")),
    );
    if !current.is_empty() && !out.iter().any(|t| t == current) {
        out.push(current.to_string());
    }
    out
}

/// The path of a parameter's attribute.
pub fn parameter_path(name: &str, attribute: &str) -> Path {
    path(&["Parameters", name, attribute])
}

/// A name for a new parameter: `Parameter`, `Parameter2`, ...
pub fn fresh_parameter_name(template: &Template) -> String {
    ids::fresh(template, "Parameter")
}

/// One output as its form shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct OutputForm {
    pub name: String,
    pub value: Option<Node>,
    pub description: String,
    /// The exported name (`Export: {Name: ...}`), a string or a function.
    pub export: Option<Node>,
    pub condition: Option<String>,
}

pub fn outputs(template: &Template) -> Vec<OutputForm> {
    template
        .section_map(Section::Outputs)
        .into_iter()
        .flat_map(|m| m.iter())
        .filter(|(name, _)| !name.starts_with("Fn::"))
        .map(|(name, o)| OutputForm {
            name: name.to_string(),
            value: o.get("Value").cloned(),
            description: text_of(o.get("Description")),
            export: o.get("Export").and_then(|e| e.get("Name")).cloned(),
            condition: o
                .get("Condition")
                .and_then(Node::as_str)
                .map(str::to_string),
        })
        .collect()
}

/// The path of an output's attribute; `Export` means the exported name.
pub fn output_path(name: &str, attribute: &str) -> Path {
    match attribute {
        "Export" => path(&["Outputs", name, "Export", "Name"]),
        a => path(&["Outputs", name, a]),
    }
}

/// A name for a new output: `Output`, `Output2`, ...
pub fn fresh_output_name(template: &Template) -> String {
    let taken = |n: &str| {
        template
            .section_map(Section::Outputs)
            .is_some_and(|m| m.contains_key(n))
    };
    (1..)
        .map(|i| match i {
            1 => "Output".to_string(),
            i => format!("Output{i}"),
        })
        .find(|n| !taken(n))
        .expect("a free name")
}

/// What a new output reports: the first resource, else nothing yet.
pub fn new_output_value(template: &Template) -> Node {
    template
        .resources()
        .next()
        .map_or_else(|| Node::string(""), |r| Node::reference(r.id))
}

/// The conditions a resource or output can name.
pub fn condition_names(template: &Template) -> Vec<String> {
    template
        .section_map(Section::Conditions)
        .map(|m| m.keys().map(str::to_string).collect())
        .unwrap_or_default()
}

/// The template's Description as text.
pub fn description(template: &Template) -> String {
    text_of(template.section(Section::Description))
}

/// The sections edited as YAML text.
pub const YAML_SECTIONS: [Section; 3] = [Section::Mappings, Section::Conditions, Section::Rules];

/// A section's value as YAML text (empty when it is absent).
pub fn section_text(template: &Template, section: Section) -> String {
    template.section(section).map(to_yaml).unwrap_or_default()
}

/// Why the text of a section cannot be applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SectionError {
    Yaml(ParseError),
    /// The section is not a mapping of names.
    NotMapping,
    /// A Mappings entry is not a mapping of mappings (`Name: {Key: {Attr: value}}`).
    NotMapOfMaps(String),
    /// A condition is not a function (`!Equals`, `!And`, ...).
    NotCondition(String),
    /// A rule has no Assertions.
    NoAssertions(String),
}

/// Section text as the section's value, checked for the section's shape; `None` when
/// the text is empty (the section goes).
pub fn parse_section(section: Section, text: &str) -> Result<Option<Node>, SectionError> {
    let node = match parse_yaml(text) {
        Ok(None) => return Ok(None),
        Ok(Some(n)) => n,
        Err(InputError::Yaml(e)) => return Err(SectionError::Yaml(e)),
        Err(_) => return Err(SectionError::NotMapping),
    };
    let map = node.as_map().ok_or(SectionError::NotMapping)?;
    for (name, value) in map.iter() {
        let ok = match section {
            Section::Mappings => value
                .as_map()
                .is_some_and(|m| m.iter().all(|(_, v)| v.as_map().is_some())),
            Section::Conditions => matches!(value.value, Value::Fn(_)),
            Section::Rules => value.get("Assertions").is_some(),
            _ => true,
        };
        if !ok {
            let name = name.to_string();
            return Err(match section {
                Section::Mappings => SectionError::NotMapOfMaps(name),
                Section::Conditions => SectionError::NotCondition(name),
                _ => SectionError::NoAssertions(name),
            });
        }
    }
    Ok(Some(node))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::parse;

    const T: &str = "Parameters:
  DBUser:
    Type: String
    MaxLength: 16
    NoEcho: true
  Size:
    Type: Number
    Default: 2
    AllowedValues: [1, 2, 3]
Conditions:
  IsProd: !Equals [!Ref Size, 3]
Resources:
  Q:
    Type: AWS::SQS::Queue
Outputs:
  Url:
    Value: !GetAtt Q.QueueUrl
    Description: The queue
    Export:
      Name: !Sub '${AWS::StackName}-url'
    Condition: IsProd
";

    #[test]
    fn parameters_show_the_attributes_of_their_type() {
        let t = parse(T).unwrap().template;
        let p = parameters(&t);
        assert_eq!(p[0].name, "DBUser");
        assert!(p[0].no_echo);
        let names: Vec<&str> = p[0].attributes.iter().map(|(a, _)| *a).collect();
        assert!(names.contains(&"MaxLength") && !names.contains(&"MinValue"));
        assert_eq!(
            p[0].attributes
                .iter()
                .find(|(a, _)| *a == "MaxLength")
                .unwrap()
                .1,
            "16"
        );
        let names: Vec<&str> = p[1].attributes.iter().map(|(a, _)| *a).collect();
        assert!(names.contains(&"MinValue") && !names.contains(&"MaxLength"));
        assert_eq!(
            p[1].attributes
                .iter()
                .find(|(a, _)| *a == "AllowedValues")
                .unwrap()
                .1,
            "1\n2\n3"
        );
        assert_eq!(fresh_parameter_name(&t), "Parameter");
        assert_eq!(parameter_path("DBUser", "MaxLength").len(), 3);
        assert!(parameter_types("String").contains(&"List<AWS::EC2::Subnet::Id>".to_string()));
        assert!(parameter_types("Custom").contains(&"Custom".to_string()));
    }

    #[test]
    fn attribute_text_becomes_the_right_kind_of_value() {
        assert_eq!(
            parse_attribute("String", "MaxLength", "32").unwrap(),
            Some(Node::int(32))
        );
        assert!(parse_attribute("String", "MaxLength", "3x").is_err());
        assert_eq!(parse_attribute("String", "MaxLength", "").unwrap(), None);
        let v = parse_attribute("Number", "MaxValue", "2.5")
            .unwrap()
            .unwrap();
        assert_eq!(v.as_f64(), Some(2.5));
        assert_eq!(
            parse_attribute("Number", "Default", "3").unwrap(),
            Some(Node::int(3))
        );
        assert_eq!(
            parse_attribute("String", "Default", "3").unwrap(),
            Some(Node::string("3"))
        );
        assert_eq!(
            parse_attribute("String", "AllowedValues", "dev\n\n prod \n").unwrap(),
            Some(Node::seq(vec![Node::string("dev"), Node::string("prod")]))
        );
        assert_eq!(
            parse_attribute("String", "NoEcho", "true").unwrap(),
            Some(Node::bool(true))
        );
        assert_eq!(parse_attribute("String", "NoEcho", "").unwrap(), None);
        assert_eq!(
            parse_attribute("String", "Type", "Number").unwrap(),
            Some(Node::string("Number"))
        );
    }

    #[test]
    fn outputs_and_conditions_read_from_the_template() {
        let t = parse(T).unwrap().template;
        let o = outputs(&t);
        assert_eq!(o[0].name, "Url");
        assert_eq!(o[0].value, Some(Node::get_att("Q", "QueueUrl")));
        assert_eq!(o[0].description, "The queue");
        assert_eq!(o[0].condition.as_deref(), Some("IsProd"));
        assert!(o[0].export.is_some());
        assert_eq!(output_path("Url", "Export").len(), 4);
        assert_eq!(fresh_output_name(&t), "Output");
        assert_eq!(new_output_value(&t), Node::reference("Q"));
        assert_eq!(condition_names(&t), ["IsProd"]);
        assert_eq!(description(&t), "");
    }

    #[test]
    fn sections_apply_only_in_their_shape() {
        let t = parse(T).unwrap().template;
        let text = section_text(&t, Section::Conditions);
        assert_eq!(text, "IsProd: !Equals [!Ref Size, 3]");
        assert_eq!(
            parse_section(Section::Conditions, &text).unwrap().unwrap(),
            *t.section(Section::Conditions).unwrap()
        );
        assert_eq!(parse_section(Section::Conditions, " ").unwrap(), None);
        assert_eq!(
            parse_section(Section::Conditions, "IsProd: yes"),
            Err(SectionError::NotCondition("IsProd".into()))
        );
        assert!(matches!(
            parse_section(Section::Conditions, "A: [1,"),
            Err(SectionError::Yaml(_))
        ));
        assert_eq!(
            parse_section(Section::Mappings, "- a"),
            Err(SectionError::NotMapping)
        );
        assert!(parse_section(Section::Mappings, "Region:\n  us-east-1: {Ami: ami-1}").is_ok());
        assert_eq!(
            parse_section(Section::Mappings, "Region:\n  us-east-1: ami-1"),
            Err(SectionError::NotMapOfMaps("Region".into()))
        );
        assert_eq!(
            parse_section(Section::Rules, "R: {RuleCondition: !Equals [a, b]}"),
            Err(SectionError::NoAssertions("R".into()))
        );
        assert_eq!(section_text(&t, Section::Rules), "");
    }
}
