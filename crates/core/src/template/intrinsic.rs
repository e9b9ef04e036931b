//! CloudFormation's intrinsic functions: their names in both forms, and typed views of
//! their arguments so the designer, validator and simulator can follow references.

use super::node::{Intrinsic, Map, Node, Value};

/// Every function CloudFormation defines, including the Rules-only assertions.
/// `Fn::ForEach::Name` is not here: it is a mapping key, read by [`ForEach::from_entry`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Func {
    Ref,
    GetAtt,
    Sub,
    Join,
    Select,
    Split,
    If,
    Equals,
    And,
    Or,
    Not,
    Condition,
    FindInMap,
    Base64,
    Cidr,
    GetAZs,
    ImportValue,
    Transform,
    Length,
    ToJsonString,
    Contains,
    EachMemberEquals,
    EachMemberIn,
    RefAll,
    ValueOf,
    ValueOfAll,
}

impl Func {
    pub const ALL: [Func; 26] = [
        Func::Ref,
        Func::GetAtt,
        Func::Sub,
        Func::Join,
        Func::Select,
        Func::Split,
        Func::If,
        Func::Equals,
        Func::And,
        Func::Or,
        Func::Not,
        Func::Condition,
        Func::FindInMap,
        Func::Base64,
        Func::Cidr,
        Func::GetAZs,
        Func::ImportValue,
        Func::Transform,
        Func::Length,
        Func::ToJsonString,
        Func::Contains,
        Func::EachMemberEquals,
        Func::EachMemberIn,
        Func::RefAll,
        Func::ValueOf,
        Func::ValueOfAll,
    ];

    /// The YAML short-form tag without its `!`, e.g. `GetAtt`.
    pub fn short_name(self) -> &'static str {
        match self {
            Func::Ref => "Ref",
            Func::GetAtt => "GetAtt",
            Func::Sub => "Sub",
            Func::Join => "Join",
            Func::Select => "Select",
            Func::Split => "Split",
            Func::If => "If",
            Func::Equals => "Equals",
            Func::And => "And",
            Func::Or => "Or",
            Func::Not => "Not",
            Func::Condition => "Condition",
            Func::FindInMap => "FindInMap",
            Func::Base64 => "Base64",
            Func::Cidr => "Cidr",
            Func::GetAZs => "GetAZs",
            Func::ImportValue => "ImportValue",
            Func::Transform => "Transform",
            Func::Length => "Length",
            Func::ToJsonString => "ToJsonString",
            Func::Contains => "Contains",
            Func::EachMemberEquals => "EachMemberEquals",
            Func::EachMemberIn => "EachMemberIn",
            Func::RefAll => "RefAll",
            Func::ValueOf => "ValueOf",
            Func::ValueOfAll => "ValueOfAll",
        }
    }

    /// The mapping key of the long form, e.g. `Fn::GetAtt`; `Ref` and `Condition` have no prefix.
    pub fn long_name(self) -> &'static str {
        match self {
            Func::Ref => "Ref",
            Func::Condition => "Condition",
            Func::GetAtt => "Fn::GetAtt",
            Func::Sub => "Fn::Sub",
            Func::Join => "Fn::Join",
            Func::Select => "Fn::Select",
            Func::Split => "Fn::Split",
            Func::If => "Fn::If",
            Func::Equals => "Fn::Equals",
            Func::And => "Fn::And",
            Func::Or => "Fn::Or",
            Func::Not => "Fn::Not",
            Func::FindInMap => "Fn::FindInMap",
            Func::Base64 => "Fn::Base64",
            Func::Cidr => "Fn::Cidr",
            Func::GetAZs => "Fn::GetAZs",
            Func::ImportValue => "Fn::ImportValue",
            Func::Transform => "Fn::Transform",
            Func::Length => "Fn::Length",
            Func::ToJsonString => "Fn::ToJsonString",
            Func::Contains => "Fn::Contains",
            Func::EachMemberEquals => "Fn::EachMemberEquals",
            Func::EachMemberIn => "Fn::EachMemberIn",
            Func::RefAll => "Fn::RefAll",
            Func::ValueOf => "Fn::ValueOf",
            Func::ValueOfAll => "Fn::ValueOfAll",
        }
    }

    pub fn from_short(tag: &str) -> Option<Func> {
        Func::ALL.into_iter().find(|f| f.short_name() == tag)
    }

    pub fn from_long(key: &str) -> Option<Func> {
        Func::ALL.into_iter().find(|f| f.long_name() == key)
    }

    /// Whether the function's argument is written as a scalar in short form, so the
    /// argument can never itself be a short-form function (YAML allows one tag per node).
    pub fn takes_scalar(self) -> bool {
        matches!(self, Func::Ref | Func::Condition | Func::GetAZs)
    }
}

/// The target of a `Ref`: a parameter, a resource or a pseudo parameter (`AWS::Region`).
pub fn ref_target(f: &Intrinsic) -> Option<&str> {
    match f.func {
        Func::Ref => f.arg.as_str(),
        _ => None,
    }
}

/// A `GetAtt`'s resource and attribute, from `A.B`, `A.B.C` (the attribute is `B.C`)
/// or `[A, B]`. The attribute is `None` when it is computed (`[A, !Ref Name]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GetAtt<'a> {
    pub resource: &'a str,
    pub attribute: Option<&'a str>,
}

pub fn get_att(f: &Intrinsic) -> Option<GetAtt<'_>> {
    if f.func != Func::GetAtt {
        return None;
    }
    match &f.arg.value {
        Value::String(s) => {
            let (resource, attribute) = s.split_once('.')?;
            Some(GetAtt {
                resource,
                attribute: Some(attribute),
            })
        }
        Value::Seq(seq) if seq.items.len() == 2 => Some(GetAtt {
            resource: seq.items[0].as_str()?,
            attribute: seq.items[1].as_str(),
        }),
        _ => None,
    }
}

/// A `Sub`'s template string and its variable map, if any.
pub fn sub(f: &Intrinsic) -> Option<(&str, Option<&Map>)> {
    if f.func != Func::Sub {
        return None;
    }
    match &f.arg.value {
        Value::String(s) => Some((s, None)),
        Value::Seq(seq) if seq.items.len() == 2 => {
            Some((seq.items[0].as_str()?, Some(seq.items[1].as_map()?)))
        }
        _ => None,
    }
}

/// One `${...}` placeholder in a `Sub` template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placeholder<'a> {
    /// The name inside the braces: `Param`, `Resource.Attribute` or `AWS::Region`.
    pub name: &'a str,
    /// Byte offset of the `$` in the template.
    pub offset: usize,
}

/// The placeholders of a `Sub` template. `${!Literal}` is an escaped literal and not a
/// placeholder; an unclosed `${` is text, as in CloudFormation.
pub fn placeholders(template: &str) -> Vec<Placeholder<'_>> {
    let mut out = Vec::new();
    let mut rest = 0;
    while let Some(found) = template[rest..].find("${") {
        let start = rest + found;
        let Some(close) = template[start + 2..].find('}') else {
            break;
        };
        let name = &template[start + 2..start + 2 + close];
        if !name.starts_with('!') {
            out.push(Placeholder {
                name: name.trim(),
                offset: start,
            });
        }
        rest = start + 2 + close + 1;
    }
    out
}

/// A reference from one place in a template to a named element, as a connection in
/// the designer or a finding in the validator sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reference<'a> {
    Ref(&'a str),
    GetAtt(&'a str, Option<&'a str>),
    /// `${Name}` or `${Name.Attribute}` inside a `Sub` (not one of its own variables).
    Sub(&'a str),
}

impl<'a> Reference<'a> {
    /// The logical id or parameter the reference names.
    pub fn target(&self) -> &'a str {
        match self {
            Reference::Ref(t) | Reference::GetAtt(t, _) => t,
            Reference::Sub(name) => name.split_once('.').map_or(name, |(t, _)| t),
        }
    }
}

/// The references made directly by one function node (not those of nested functions).
pub fn references(f: &Intrinsic) -> Vec<Reference<'_>> {
    match f.func {
        Func::Ref => ref_target(f).map(Reference::Ref).into_iter().collect(),
        Func::GetAtt => get_att(f)
            .map(|g| Reference::GetAtt(g.resource, g.attribute))
            .into_iter()
            .collect(),
        Func::Sub => match sub(f) {
            Some((template, vars)) => placeholders(template)
                .into_iter()
                .filter(|p| !vars.is_some_and(|v| v.contains_key(p.name)))
                .map(|p| Reference::Sub(p.name))
                .collect(),
            None => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// `Fn::ForEach::Name: [Identifier, Collection, {OutputKey: OutputValue}]`, the
/// `AWS::LanguageExtensions` loop that stands as a key among resources, outputs or
/// conditions.
#[derive(Clone, Debug)]
pub struct ForEach<'a> {
    pub name: &'a str,
    pub identifier: &'a str,
    pub collection: &'a Node,
    pub template: &'a Map,
}

pub const FOR_EACH_PREFIX: &str = "Fn::ForEach::";

impl<'a> ForEach<'a> {
    pub fn from_entry(key: &'a str, value: &'a Node) -> Option<ForEach<'a>> {
        let name = key.strip_prefix(FOR_EACH_PREFIX)?;
        let [identifier, collection, template] = value.as_seq()? else {
            return None;
        };
        Some(ForEach {
            name,
            identifier: identifier.as_str()?,
            collection,
            template: template.as_map()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(func: Func, arg: Node) -> Intrinsic {
        Intrinsic::new(func, arg)
    }

    #[test]
    fn names_round_trip() {
        for f in Func::ALL {
            assert_eq!(Func::from_short(f.short_name()), Some(f));
            assert_eq!(Func::from_long(f.long_name()), Some(f));
        }
        assert_eq!(Func::from_long("Fn::Nope"), None);
    }

    #[test]
    fn get_att_forms() {
        let dotted = call(Func::GetAtt, Node::string("DB.Endpoint.Address"));
        assert_eq!(
            get_att(&dotted),
            Some(GetAtt {
                resource: "DB",
                attribute: Some("Endpoint.Address")
            })
        );
        let listed = call(
            Func::GetAtt,
            Node::seq(vec![Node::string("LB"), Node::reference("AttrName")]),
        );
        assert_eq!(
            get_att(&listed),
            Some(GetAtt {
                resource: "LB",
                attribute: None
            })
        );
    }

    #[test]
    fn sub_placeholders_skip_literals_and_own_variables() {
        let vars: Map = [("Local".to_string(), Node::string("x"))]
            .into_iter()
            .collect();
        let f = call(
            Func::Sub,
            Node::seq(vec![
                Node::string("${AWS::Region}-${Bucket.Arn}-${!Literal}-${Local}-${Param}"),
                Node::map(vars),
            ]),
        );
        let refs = references(&f);
        assert_eq!(
            refs,
            vec![
                Reference::Sub("AWS::Region"),
                Reference::Sub("Bucket.Arn"),
                Reference::Sub("Param")
            ]
        );
        assert_eq!(refs[1].target(), "Bucket");
    }

    #[test]
    fn unclosed_placeholder_is_text() {
        assert!(placeholders("cost ${ not closed").is_empty());
    }

    #[test]
    fn for_each_reads_its_parts() {
        let template: Map = [("Topic${Name}".to_string(), Node::null())]
            .into_iter()
            .collect();
        let node = Node::seq(vec![
            Node::string("Name"),
            Node::seq(vec![Node::string("A"), Node::string("B")]),
            Node::map(template),
        ]);
        let each = ForEach::from_entry("Fn::ForEach::Topics", &node).unwrap();
        assert_eq!(each.name, "Topics");
        assert_eq!(each.identifier, "Name");
        assert!(ForEach::from_entry("Topics", &node).is_none());
    }
}
