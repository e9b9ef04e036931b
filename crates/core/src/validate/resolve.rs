//! The values a template fixes before deploy, for the rules that reason about them:
//! literal scalars, `Ref`s to parameters through their `Default`, `Fn::FindInMap` with
//! known keys, `Fn::Select` from a literal list, an `Fn::Cidr`, an `Fn::Split` or
//! `Fn::GetAZs`, `Fn::Join` and `Fn::Sub` of known parts, and `Fn::GetAtt` of a
//! property-backed attribute (`!GetAtt Vpc.CidrBlock` is the VPC's `CidrBlock`).
//!
//! Anything that depends on the deploy (pseudo parameters, `Fn::If`, imports, other
//! attributes) is unknown: the rules then say nothing rather than guess. A value that
//! went through a parameter's `Default` says which parameters, so a finding can tell
//! the user it holds for the defaults only.

use ipnet::IpNet;

use crate::template::intrinsic::{get_att, placeholders, ref_target, sub};
use crate::template::{Func, Map, Node, Pos, Resource, Section, Template, Value};

/// How deep a value may refer through other values (`GetAtt` of a `Ref` of a
/// parameter ...) before the resolver gives up; a loop ends here too.
const MAX_DEPTH: u8 = 12;

/// The most nodes one resolution visits.
const MAX_STEPS: u32 = 2_000;

/// The most CIDR blocks `Fn::Cidr` may return, as CloudFormation allows.
const MAX_CIDR_COUNT: u64 = 256;

/// A scalar known before deploy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Scalar {
    Text(String),
    /// The `index`th Availability Zone of a region (`""` for the stack's own), from
    /// `!Select [index, !GetAZs region]`: which zone it is, is known only at deploy,
    /// but two of them are the same zone exactly when region and index agree.
    Az {
        region: String,
        index: usize,
    },
}

/// A value and the parameters whose `Default` it was computed from.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Resolved<'a, T> {
    pub value: T,
    pub defaults: Vec<&'a str>,
}

impl<'a, T> Resolved<'a, T> {
    fn map<U>(self, f: impl FnOnce(T) -> U) -> Resolved<'a, U> {
        Resolved {
            value: f(self.value),
            defaults: self.defaults,
        }
    }
}

/// " (with the default of parameter X)" or " (with the defaults of parameters X, Y)"
/// when defaults were used, nothing otherwise.
pub(crate) fn via(defaults: &[&str]) -> String {
    let mut names: Vec<&str> = defaults.to_vec();
    names.sort_unstable();
    names.dedup();
    match names.as_slice() {
        [] => String::new(),
        [one] => format!(" (with the default of parameter {one})"),
        many => format!(" (with the defaults of parameters {})", many.join(", ")),
    }
}

/// A list known before deploy, or at least indexable.
enum List<'a> {
    Nodes(&'a [Node]),
    Values(Vec<Scalar>),
    /// The Availability Zones of a region, from `Fn::GetAZs`.
    Azs(String),
}

/// What a deploy fixes that the template leaves open: the parameter values given
/// and the region. The validator resolves without one (defaults only, pseudo
/// parameters unknown); the simulator with one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Deployment {
    pub parameters: std::collections::BTreeMap<String, String>,
    pub region: String,
}

impl Deployment {
    /// A pseudo parameter's value in this deployment (the account and the stack are
    /// placeholders: nothing simulated depends on them).
    fn pseudo(&self, name: &str) -> Option<String> {
        Some(match name {
            "AWS::Region" => self.region.clone(),
            "AWS::AccountId" => "123456789012".into(),
            "AWS::StackName" => "formwork-simulation".into(),
            "AWS::Partition" => "aws".into(),
            "AWS::URLSuffix" => "amazonaws.com".into(),
            _ => return None,
        })
    }
}

/// Resolves values of one template.
pub(crate) struct Resolver<'a> {
    template: &'a Template,
    parameters: Option<&'a Map>,
    mappings: Option<&'a Map>,
    deployment: Option<&'a Deployment>,
}

/// What a resolution step carries along: the parameters used, and the depth.
struct Trail<'a> {
    defaults: Vec<&'a str>,
    depth: u8,
    /// Steps left: a template that refers to its values in a wide tree (joins of
    /// attributes of joins ...) is given up on rather than followed exponentially.
    budget: u32,
}

impl<'a> Resolver<'a> {
    pub fn new(template: &'a Template) -> Self {
        Resolver {
            template,
            parameters: template.section_map(Section::Parameters),
            mappings: template.section_map(Section::Mappings),
            deployment: None,
        }
    }

    /// A resolver for one deployment: given values before defaults, and the pseudo
    /// parameters of its region.
    pub fn deployed(template: &'a Template, deployment: &'a Deployment) -> Self {
        Resolver {
            deployment: Some(deployment),
            ..Resolver::new(template)
        }
    }

    /// Whether the template's condition `name` holds for the deployment (`None` when
    /// it cannot be told, or without a deployment).
    pub fn condition(&self, name: &str) -> Option<bool> {
        self.deployment?;
        self.run(|t| self.condition_in(name, t)).map(|r| r.value)
    }

    fn condition_in(&self, name: &str, t: &mut Trail<'a>) -> Option<bool> {
        let node = self.template.section_map(Section::Conditions)?.get(name)?;
        self.holds(node, t)
    }

    /// A condition function: `Fn::Equals`, `Fn::Not`, `Fn::And`, `Fn::Or`, `Condition`.
    fn holds(&self, node: &'a Node, t: &mut Trail<'a>) -> Option<bool> {
        if t.depth >= MAX_DEPTH || t.budget == 0 {
            return None;
        }
        t.budget -= 1;
        t.depth += 1;
        let f = node.as_fn();
        let out = match f.map(|f| (f.func, &f.arg)) {
            Some((Func::Equals, arg)) => match arg.as_seq()? {
                [a, b] => Some(self.scalar_in(a, t)? == self.scalar_in(b, t)?),
                _ => None,
            },
            Some((Func::Not, arg)) => match arg.as_seq()? {
                [a] => self.holds(a, t).map(|v| !v),
                _ => None,
            },
            Some((Func::And, arg)) => arg
                .as_seq()?
                .iter()
                .map(|c| self.holds(c, t))
                .collect::<Option<Vec<bool>>>()
                .map(|v| v.iter().all(|b| *b)),
            Some((Func::Or, arg)) => arg
                .as_seq()?
                .iter()
                .map(|c| self.holds(c, t))
                .collect::<Option<Vec<bool>>>()
                .map(|v| v.iter().any(|b| *b)),
            Some((Func::Condition, arg)) => self.condition_in(arg.as_str()?, t),
            _ => None,
        };
        t.depth -= 1;
        out
    }

    /// A parameter's or pseudo parameter's value: given, else the default (noted in
    /// the trail).
    fn parameter_value(&self, name: &'a str, t: &mut Trail<'a>) -> Option<String> {
        if let Some(d) = self.deployment {
            if let Some(v) = d.parameters.get(name) {
                return Some(v.clone());
            }
            if let Some(v) = d.pseudo(name) {
                return Some(v);
            }
        }
        let default = self.parameter_default(name)?;
        t.defaults.push(self.parameter_name(name)?);
        Some(default.scalar_text()?.into_owned())
    }

    fn run<T>(&self, f: impl FnOnce(&mut Trail<'a>) -> Option<T>) -> Option<Resolved<'a, T>> {
        let mut trail = Trail {
            defaults: Vec::new(),
            depth: 0,
            budget: MAX_STEPS,
        };
        let value = f(&mut trail)?;
        Some(Resolved {
            value,
            defaults: trail.defaults,
        })
    }

    /// A scalar value: text, or an Availability Zone by index.
    pub fn scalar(&self, node: &'a Node) -> Option<Resolved<'a, Scalar>> {
        self.run(|t| self.scalar_in(node, t))
    }

    /// A value that resolves to text (numbers and booleans as CloudFormation writes them).
    pub fn text(&self, node: &'a Node) -> Option<Resolved<'a, String>> {
        self.run(|t| match self.scalar_in(node, t)? {
            Scalar::Text(s) => Some(s),
            Scalar::Az { .. } => None,
        })
    }

    /// A number, written as one or as numeric text.
    pub fn number(&self, node: &'a Node) -> Option<Resolved<'a, f64>> {
        self.text(node)?
            .map(|s| s.trim().parse::<f64>().ok())
            .lift()
    }

    /// A boolean, written as one or as `"true"`/`"false"` in any case.
    pub fn boolean(&self, node: &'a Node) -> Option<Resolved<'a, bool>> {
        self.text(node)?
            .map(|s| match s.to_ascii_lowercase().as_str() {
                "true" => Some(true),
                "false" => Some(false),
                _ => None,
            })
            .lift()
    }

    /// A CIDR block; host bits set are cleared, as EC2 reads them.
    pub fn cidr(&self, node: &'a Node) -> Option<Resolved<'a, IpNet>> {
        self.text(node)?
            .map(|s| s.trim().parse::<IpNet>().ok().map(|n| n.trunc()))
            .lift()
    }

    /// The items of a list value, each resolved when it can be; `None` when the list
    /// itself is unknown (or endless, as `Fn::GetAZs`).
    pub fn list(&self, node: &'a Node) -> Option<Resolved<'a, Vec<Option<Scalar>>>> {
        self.run(|t| match self.list_in(node, t)? {
            List::Nodes(items) => Some(items.iter().map(|i| self.scalar_in(i, t)).collect()),
            List::Values(values) => Some(values.into_iter().map(Some).collect()),
            List::Azs(_) => None,
        })
    }

    fn scalar_in(&self, node: &'a Node, t: &mut Trail<'a>) -> Option<Scalar> {
        if t.depth >= MAX_DEPTH || t.budget == 0 {
            return None;
        }
        t.budget -= 1;
        t.depth += 1;
        let out = self.scalar_step(node, t);
        t.depth -= 1;
        out
    }

    fn scalar_step(&self, node: &'a Node, t: &mut Trail<'a>) -> Option<Scalar> {
        let f = match &node.value {
            Value::String(_) | Value::Number(_) | Value::Bool(_) => {
                return Some(Scalar::Text(node.scalar_text()?.into_owned()));
            }
            Value::Fn(f) => f,
            _ => return None,
        };
        match f.func {
            Func::Ref => {
                let name = ref_target(f)?;
                if self.is_list_parameter(name) {
                    return None;
                }
                self.parameter_value(name, t).map(Scalar::Text)
            }
            Func::Select => {
                let [index, list] = f.arg.as_seq()? else {
                    return None;
                };
                let index = self.index_in(index, t)?;
                match self.list_in(list, t)? {
                    List::Nodes(items) => self.scalar_in(items.get(index)?, t),
                    List::Values(values) => values.into_iter().nth(index),
                    List::Azs(region) => Some(Scalar::Az { region, index }),
                }
            }
            Func::FindInMap => {
                let [map, top, second, ..] = f.arg.as_seq()? else {
                    return None;
                };
                let map = self.text_in(map, t)?;
                let top = self.text_in(top, t)?;
                let second = self.text_in(second, t)?;
                let value = self.mappings?.get(&map)?.get(&top)?.get(&second)?;
                self.scalar_in(value, t)
            }
            Func::GetAtt => {
                let g = get_att(f)?;
                let resource = self.template.resource(g.resource)?;
                let value = resource.property(g.attribute?)?;
                self.scalar_in(value, t)
            }
            Func::Join => {
                let [delimiter, items] = f.arg.as_seq()? else {
                    return None;
                };
                let delimiter = self.text_in(delimiter, t)?;
                let parts: Option<Vec<String>> = match self.list_in(items, t)? {
                    List::Nodes(items) => items.iter().map(|i| self.text_in(i, t)).collect(),
                    List::Values(values) => values
                        .into_iter()
                        .map(|v| match v {
                            Scalar::Text(s) => Some(s),
                            Scalar::Az { .. } => None,
                        })
                        .collect(),
                    List::Azs(_) => None,
                };
                Some(Scalar::Text(parts?.join(&delimiter)))
            }
            // Only for a deployment: the validator reasons about every branch.
            Func::If if self.deployment.is_some() => {
                let [condition, yes, no] = f.arg.as_seq()? else {
                    return None;
                };
                let holds = self.condition_in(condition.as_str()?, t)?;
                self.scalar_in(if holds { yes } else { no }, t)
            }
            Func::Sub => {
                let (text, vars) = sub(f)?;
                let mut out = String::new();
                let mut rest = 0;
                for p in placeholders(text) {
                    out.push_str(&text[rest..p.offset]);
                    let value = match vars.and_then(|v| v.get(p.name)) {
                        Some(node) => self.text_in(node, t)?,
                        None => self.parameter_value(p.name, t)?,
                    };
                    out.push_str(&value);
                    rest = p.offset + text[p.offset..].find('}')? + 1;
                }
                out.push_str(&text[rest.min(text.len())..]);
                Some(Scalar::Text(out.replace("${!", "${")))
            }
            _ => None,
        }
    }

    fn text_in(&self, node: &'a Node, t: &mut Trail<'a>) -> Option<String> {
        match self.scalar_in(node, t)? {
            Scalar::Text(s) => Some(s),
            Scalar::Az { .. } => None,
        }
    }

    fn index_in(&self, node: &'a Node, t: &mut Trail<'a>) -> Option<usize> {
        self.text_in(node, t)?.trim().parse().ok()
    }

    fn list_in(&self, node: &'a Node, t: &mut Trail<'a>) -> Option<List<'a>> {
        if t.depth >= MAX_DEPTH || t.budget == 0 {
            return None;
        }
        t.budget -= 1;
        t.depth += 1;
        let out = self.list_step(node, t);
        t.depth -= 1;
        out
    }

    fn list_step(&self, node: &'a Node, t: &mut Trail<'a>) -> Option<List<'a>> {
        let f = match &node.value {
            Value::Seq(seq) => return Some(List::Nodes(&seq.items)),
            Value::Fn(f) => f,
            _ => return None,
        };
        match f.func {
            Func::GetAZs => {
                let region = match &f.arg.value {
                    Value::Null => String::new(),
                    Value::String(s) => s.clone(),
                    Value::Fn(r) if ref_target(r) == Some("AWS::Region") => String::new(),
                    _ => return None,
                };
                Some(List::Azs(region))
            }
            Func::Cidr => {
                let [block, count, bits] = f.arg.as_seq()? else {
                    return None;
                };
                let block: IpNet = self.text_in(block, t)?.trim().parse().ok()?;
                let count: u64 = self.text_in(count, t)?.trim().parse().ok()?;
                let bits: u8 = self.text_in(bits, t)?.trim().parse().ok()?;
                Some(List::Values(cidr(block, count, bits)?))
            }
            Func::Split => {
                let [delimiter, text] = f.arg.as_seq()? else {
                    return None;
                };
                let delimiter = self.text_in(delimiter, t)?;
                let text = self.text_in(text, t)?;
                if delimiter.is_empty() {
                    return None;
                }
                Some(List::Values(
                    text.split(delimiter.as_str())
                        .map(|s| Scalar::Text(s.to_string()))
                        .collect(),
                ))
            }
            Func::Ref => {
                let name = ref_target(f)?;
                if !self.is_list_parameter(name) {
                    return None;
                }
                if let Some(given) = self.deployment.and_then(|d| d.parameters.get(name)) {
                    return Some(List::Values(
                        given
                            .split(',')
                            .map(|s| Scalar::Text(s.trim().to_string()))
                            .collect(),
                    ));
                }
                let default = self.parameter_default(name)?;
                t.defaults.push(self.parameter_name(name)?);
                match &default.value {
                    Value::Seq(seq) => Some(List::Nodes(&seq.items)),
                    _ => {
                        let text = default.scalar_text()?;
                        Some(List::Values(
                            text.split(',')
                                .map(|s| Scalar::Text(s.trim().to_string()))
                                .collect(),
                        ))
                    }
                }
            }
            Func::FindInMap => {
                let [map, top, second, ..] = f.arg.as_seq()? else {
                    return None;
                };
                let map = self.text_in(map, t)?;
                let top = self.text_in(top, t)?;
                let second = self.text_in(second, t)?;
                let value = self.mappings?.get(&map)?.get(&top)?.get(&second)?;
                self.list_in(value, t)
            }
            _ => None,
        }
    }

    /// A parameter's declaration, when `name` is one.
    pub fn parameter(&self, name: &str) -> Option<&'a Node> {
        self.parameters?.get(name)
    }

    fn parameter_name(&self, name: &str) -> Option<&'a str> {
        self.parameters?
            .entries
            .get_key_value(name)
            .map(|(k, _)| k.as_str())
    }

    fn parameter_default(&self, name: &str) -> Option<&'a Node> {
        self.parameter(name)?.get("Default")
    }

    fn is_list_parameter(&self, name: &str) -> bool {
        self.parameter(name)
            .and_then(|p| p.get("Type"))
            .and_then(Node::as_str)
            .is_some_and(|t| t.starts_with("List<") || t == "CommaDelimitedList")
    }
}

impl<'a, T> Resolved<'a, Option<T>> {
    fn lift(self) -> Option<Resolved<'a, T>> {
        Some(Resolved {
            value: self.value?,
            defaults: self.defaults,
        })
    }
}

/// `Fn::Cidr`: the first `count` blocks with `bits` host bits inside `block`, in
/// address order, as CloudFormation computes them.
pub(crate) fn cidr(block: IpNet, count: u64, bits: u8) -> Option<Vec<Scalar>> {
    if count == 0 || count > MAX_CIDR_COUNT || bits == 0 {
        return None;
    }
    let prefix = block.max_prefix_len().checked_sub(bits)?;
    if prefix < block.prefix_len() {
        return None;
    }
    let blocks: Vec<Scalar> = block
        .trunc()
        .subnets(prefix)
        .ok()?
        .take(count as usize)
        .map(|n| Scalar::Text(n.to_string()))
        .collect();
    (blocks.len() as u64 == count).then_some(blocks)
}

/// A condition taken to hold (`true`) or not, on the way to a value.
pub(crate) type Assumption<'a> = (&'a str, bool);

/// The most alternatives [`alternatives`] lists; a value with more `Fn::If`s than
/// that is checked on its first ones only.
const MAX_ALTERNATIVES: usize = 16;

/// The values a node may take: one per way through its `Fn::If`s (nested ones too),
/// each with the conditions that way assumes. A `!Ref AWS::NoValue` branch gives no
/// value. A node without `Fn::If` is its only alternative.
pub(crate) fn alternatives(node: &Node) -> Vec<(Vec<Assumption<'_>>, &Node)> {
    let mut out = Vec::new();
    branches(node, &mut Vec::new(), &mut out);
    out
}

fn branches<'a>(
    node: &'a Node,
    path: &mut Vec<Assumption<'a>>,
    out: &mut Vec<(Vec<Assumption<'a>>, &'a Node)>,
) {
    if out.len() >= MAX_ALTERNATIVES || super::is_no_value(node) {
        return;
    }
    let f = node.as_fn().filter(|f| f.func == Func::If);
    let Some([condition, yes, no]) = f.and_then(|f| f.arg.as_seq()) else {
        out.push((path.clone(), node));
        return;
    };
    let Some(condition) = condition.as_str() else {
        return;
    };
    for (holds, branch) in [(true, yes), (false, no)] {
        // A way that contradicts itself (`!If [C, !If [C, a, b], c]` reaching b) is none.
        if path.iter().any(|(c, h)| *c == condition && *h != holds) {
            continue;
        }
        path.push((condition, holds));
        branches(branch, path, out);
        path.pop();
    }
}

/// Whether two sets of assumptions can hold in one deploy: no condition both true
/// and false, and no two conditions that exclude each other both true.
pub(crate) fn consistent(template: &Template, a: &[Assumption], b: &[Assumption]) -> bool {
    !a.iter().any(|(x, hx)| {
        b.iter()
            .any(|(y, hy)| (x == y && hx != hy) || (*hx && *hy && exclusive(template, x, y)))
    })
}

/// " when IsProd is true" (and so on) for a message, or nothing.
pub(crate) fn when(assumptions: &[Assumption]) -> String {
    let mut parts: Vec<String> = Vec::new();
    for (c, holds) in assumptions {
        let part = format!("condition {c} is {holds}");
        if !parts.contains(&part) {
            parts.push(part);
        }
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" when {}", parts.join(" and "))
    }
}

/// Whether two conditions can never hold together: one is the other's `Fn::Not`, or
/// both compare the same parameter with different values.
fn exclusive(template: &Template, a: &str, b: &str) -> bool {
    if a == b {
        return false;
    }
    let Some(conditions) = template.section_map(Section::Conditions) else {
        return false;
    };
    let (Some(ca), Some(cb)) = (conditions.get(a), conditions.get(b)) else {
        return false;
    };
    let negates = |x: &Node, other: &str| {
        x.as_fn()
            .filter(|f| f.func == Func::Not)
            .and_then(|f| f.arg.as_seq())
            .and_then(|s| s.first())
            .and_then(Node::as_fn)
            .is_some_and(|f| f.func == Func::Condition && f.arg.as_str() == Some(other))
    };
    if negates(ca, b) || negates(cb, a) {
        return true;
    }
    let equals = |x: &Node| -> Option<(String, String)> {
        let f = x.as_fn().filter(|f| f.func == Func::Equals)?;
        let [l, r] = f.arg.as_seq()? else {
            return None;
        };
        let (param, value) = match (&l.value, &r.value) {
            (Value::Fn(g), _) => (ref_target(g)?, r.scalar_text()?),
            (_, Value::Fn(g)) => (ref_target(g)?, l.scalar_text()?),
            _ => return None,
        };
        Some((param.to_string(), value.into_owned()))
    };
    matches!((equals(ca), equals(cb)), (Some((pa, va)), Some((pb, vb))) if pa == pb && va != vb)
}

/// Where a resource's property key was written: findings about a property point at
/// its key, as cfn-lint's do.
pub(crate) fn property_pos(r: &Resource, key: &str) -> Pos {
    r.properties()
        .map(|m| super::key_pos(m, key))
        .unwrap_or_default()
}

/// The logical id of the resource a value names: `!Ref Id` or `!GetAtt Id.Attribute`,
/// when the template defines `Id`.
pub(crate) fn resource_ref<'a>(template: &'a Template, node: &'a Node) -> Option<&'a str> {
    let f = node.as_fn()?;
    let id = match f.func {
        Func::Ref => ref_target(f)?,
        Func::GetAtt => get_att(f)?.resource,
        _ => return None,
    };
    template.resource(id).map(|r| r.id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::parse;

    fn template(text: &str) -> Template {
        parse(text).expect("template").template
    }

    fn value<'a>(t: &'a Template, id: &str, property: &str) -> &'a Node {
        t.resource(id).unwrap().property(property).unwrap()
    }

    #[test]
    fn cidr_matches_cloudformation() {
        let block: IpNet = "10.0.0.0/16".parse().unwrap();
        let blocks = cidr(block, 3, 8).unwrap();
        assert_eq!(
            blocks,
            ["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"]
                .map(|s| Scalar::Text(s.into()))
                .to_vec()
        );
        assert!(cidr(block, 3, 20).is_none(), "more bits than the block has");
        assert!(cidr("10.0.0.0/30".parse().unwrap(), 8, 1).is_none());
    }

    #[test]
    fn resolves_through_defaults_mappings_selects_and_attributes() {
        let t = template(
            "Parameters:\n  VpcCidr:\n    Type: String\n    Default: 10.1.0.0/16\n  Azs:\n    Type: CommaDelimitedList\n    Default: 'a, b'\nMappings:\n  Net:\n    Public:\n      Cidr: 10.1.9.0/24\nResources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: !Ref VpcCidr\n  A:\n    Type: AWS::EC2::Subnet\n    Properties:\n      CidrBlock: !Select [2, !Cidr [!GetAtt Vpc.CidrBlock, 4, 8]]\n      AvailabilityZone: !Select [1, !GetAZs '']\n  B:\n    Type: AWS::EC2::Subnet\n    Properties:\n      CidrBlock: !FindInMap [Net, Public, Cidr]\n      AvailabilityZone: !Select [1, !Ref Azs]\n      Name: !Sub '${VpcCidr}-x'\n",
        );
        let r = Resolver::new(&t);
        let a = r.cidr(value(&t, "A", "CidrBlock")).unwrap();
        assert_eq!(a.value.to_string(), "10.1.2.0/24");
        assert_eq!(a.defaults, ["VpcCidr"]);
        assert_eq!(
            r.scalar(value(&t, "A", "AvailabilityZone")).unwrap().value,
            Scalar::Az {
                region: String::new(),
                index: 1
            }
        );
        let b = r.cidr(value(&t, "B", "CidrBlock")).unwrap();
        assert_eq!(b.value.to_string(), "10.1.9.0/24");
        assert!(b.defaults.is_empty());
        assert_eq!(
            r.text(value(&t, "B", "AvailabilityZone")).unwrap().value,
            "b"
        );
        assert_eq!(
            r.text(value(&t, "B", "Name")).unwrap().value,
            "10.1.0.0/16-x"
        );
    }

    #[test]
    fn a_wide_tree_of_references_is_given_up_on() {
        // Each level joins the level below ten times: 10^12 leaves if followed.
        let mut text = String::from("Resources:\n");
        for level in 0..12 {
            let below = if level == 0 {
                "'x'".to_string()
            } else {
                format!("!GetAtt L{}.Name", level - 1)
            };
            let items = vec![below; 10].join(", ");
            text.push_str(&format!(
                "  L{level}:\n    Type: AWS::SNS::Topic\n    Properties:\n      Name: !Join ['', [{items}]]\n"
            ));
        }
        let t = template(&text);
        let r = Resolver::new(&t);
        assert_eq!(r.text(value(&t, "L1", "Name")).unwrap().value.len(), 100);
        assert!(r.text(value(&t, "L11", "Name")).is_none());
    }

    #[test]
    fn alternatives_follow_each_if_and_know_which_conditions_clash() {
        let t = template(
            "Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n  Dev: !Equals [!Ref Env, dev]\n  NotProd: !Not [!Condition Prod]\nResources:\n  A:\n    Type: AWS::EC2::Subnet\n    Properties:\n      CidrBlock: !If [Prod, 10.0.0.0/24, !If [Dev, 10.0.1.0/24, !Ref AWS::NoValue]]\n",
        );
        let ways = alternatives(value(&t, "A", "CidrBlock"));
        let seen: Vec<(Vec<Assumption>, Option<&str>)> =
            ways.into_iter().map(|(a, n)| (a, n.as_str())).collect();
        assert_eq!(
            seen,
            vec![
                (vec![("Prod", true)], Some("10.0.0.0/24")),
                (vec![("Prod", false), ("Dev", true)], Some("10.0.1.0/24")),
            ]
        );
        assert!(!consistent(&t, &[("Prod", true)], &[("Dev", true)]));
        assert!(!consistent(&t, &[("Prod", true)], &[("NotProd", true)]));
        assert!(!consistent(&t, &[("Prod", true)], &[("Prod", false)]));
        assert!(consistent(&t, &[("Prod", false)], &[("Dev", true)]));
        assert_eq!(
            when(&[("Prod", false), ("Prod", false)]),
            " when condition Prod is false"
        );
    }

    #[test]
    fn unknowns_stay_unknown() {
        let t = template(
            "Parameters:\n  NoDefault:\n    Type: String\nResources:\n  A:\n    Type: AWS::EC2::Subnet\n    Properties:\n      CidrBlock: !Ref NoDefault\n      VpcId: !If [C, x, y]\n      Loop: !GetAtt A.Loop\n",
        );
        let r = Resolver::new(&t);
        assert!(r.text(value(&t, "A", "CidrBlock")).is_none());
        assert!(r.text(value(&t, "A", "VpcId")).is_none());
        assert!(r.text(value(&t, "A", "Loop")).is_none());
    }
}
