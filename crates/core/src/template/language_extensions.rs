//! The `AWS::LanguageExtensions` transform's loops, expanded: each
//! `Fn::ForEach::LoopName: [Identifier, Collection, {OutputKey: OutputValue}]` becomes
//! the entries it stands for, as CloudFormation expands them before it reads the
//! template. The semantics are those of
//! <https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-foreach.html>:
//!
//! - A loop stands as a key in Conditions, Resources or Outputs, or in any mapping
//!   inside their entries (a resource's properties); its fragment may hold loops of
//!   its own and several output keys. Loops elsewhere are left as written.
//! - The collection is a list of strings, or a `Ref` to a `CommaDelimitedList` or
//!   `List<...>` parameter, read with the deployment's values, else the defaults,
//!   through the validator's resolver (one resolver for validator and simulator).
//! - In an output key, and in every key below it, `${Identifier}` becomes the item
//!   and `&{Identifier}` the item's letters and digits only. In an output value every
//!   `Ref: Identifier` becomes the item, and `${Identifier}` and `&{Identifier}` in
//!   `Fn::Sub` strings are replaced too (unless the Sub's own variables define the
//!   name). Where a name is expected (`Ref`, `Fn::GetAtt`, the condition of `Fn::If`
//!   and `Condition`, a resource's `Condition` and `DependsOn`), a `Fn::Sub` left
//!   without placeholders is its text, as the transform resolves it.
//! - Generated nodes are clones of the loop's body, so they keep its positions and
//!   findings about them still point at lines.
//! - Loops are expanded whether or not the template declares the transform, and the
//!   `Transform` section is left as written: the result is for reading (the
//!   simulator builds its world from it), not for writing back.
//!
//! What the transform refuses is an [`ExpandError`] naming the loop and what is
//! wrong; expansion never panics, and a loop that would generate more than
//! [`MAX_GENERATED_NODES`] values is refused rather than followed.

use std::borrow::Cow;
use std::collections::HashSet;

use super::intrinsic::{FOR_EACH_PREFIX, placeholders, ref_target};
use super::node::{Entry, Map, Node, Pos, Style, Value};
use super::{Func, Section, Template, kind_of};
use crate::validate::Deployment;
use crate::validate::resolve::{Resolver, Scalar};

/// The sections a loop may stand in.
const SECTIONS: [Section; 3] = [Section::Conditions, Section::Resources, Section::Outputs];

/// The most values (nodes) the loops of one template may generate: far more than the
/// 1 MB and 500 resources CloudFormation allows the expanded template, and a bound
/// on nested loops over long lists.
pub const MAX_GENERATED_NODES: usize = 200_000;

/// Why a template's loops cannot be expanded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpandError {
    /// Where the loop stands: `Resources/Fn::ForEach::Webs`.
    pub path: String,
    /// The loop's name, after `Fn::ForEach::`.
    pub loop_name: String,
    /// The part at fault, as the documentation names it: `LoopLogicalName`,
    /// `Identifier`, `Collection`, `OutputKey` or `OutputValue`.
    pub part: &'static str,
    /// Where in the text (unknown for a node built by an edit).
    pub pos: Pos,
    pub message: String,
}

impl std::fmt::Display for ExpandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.pos.is_known() {
            write!(f, "{}: ", self.pos)?;
        }
        write!(f, "{FOR_EACH_PREFIX}{}: {}", self.loop_name, self.message)
    }
}

impl std::error::Error for ExpandError {}

/// Whether the template has a loop to expand, in a section where one may stand.
pub fn has_for_each(template: &Template) -> bool {
    SECTIONS
        .iter()
        .filter_map(|s| template.section(*s))
        .any(|node| {
            let mut found = false;
            node.walk(&mut |_, n| {
                found |= n.as_map().is_some_and(|m| m.keys().any(is_loop));
            });
            found
        })
}

/// The template with its `Fn::ForEach` loops expanded for `deployment` (its parameter
/// values; the defaults for the others). A template without loops is returned as it
/// is, borrowed.
pub fn expand_for_each<'t>(
    template: &'t Template,
    deployment: &Deployment,
) -> Result<Cow<'t, Template>, ExpandError> {
    if !has_for_each(template) {
        return Ok(Cow::Borrowed(template));
    }
    let mut out = template.clone();
    let mut expander = Expander {
        template,
        deployment,
        budget: MAX_GENERATED_NODES,
        resource_ids: template
            .section_map(Section::Resources)
            .map(|m| {
                m.keys()
                    .filter(|k| !is_loop(k))
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default(),
    };
    for section in SECTIONS {
        if let Some(map) = out
            .sections_mut()
            .get_mut(section.key())
            .and_then(Node::as_map_mut)
        {
            expander.map(map, section.key(), &mut Vec::new(), Level::Section(section))?;
        }
    }
    Ok(Cow::Owned(out))
}

fn is_loop(key: &str) -> bool {
    key.starts_with(FOR_EACH_PREFIX)
}

/// Where a mapping stands: a section's (whose keys are logical ids), or inside one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Level {
    Section(Section),
    Inner,
}

struct Expander<'a> {
    template: &'a Template,
    deployment: &'a Deployment,
    /// Nodes the loops may still generate.
    budget: usize,
    /// The logical ids the template writes out, which a loop's name may not take.
    resource_ids: HashSet<String>,
}

impl Expander<'_> {
    /// Expands the loops among a mapping's keys in place (each loop's entries where
    /// the loop stood) and those further down.
    fn map(
        &mut self,
        map: &mut Map,
        path: &str,
        scope: &mut Vec<String>,
        level: Level,
    ) -> Result<(), ExpandError> {
        if !map.keys().any(is_loop) {
            for (key, entry) in map.entries.iter_mut() {
                self.node(&mut entry.value, &format!("{path}/{key}"), scope)?;
            }
            return Ok(());
        }
        let written: HashSet<String> = map
            .keys()
            .filter(|k| !is_loop(k))
            .map(str::to_string)
            .collect();
        for (key, mut entry) in std::mem::take(&mut map.entries) {
            if !is_loop(&key) {
                self.node(&mut entry.value, &format!("{path}/{key}"), scope)?;
                map.entries.insert(key, entry);
                continue;
            }
            let generated = self.for_each(&key, &entry, path, scope, level)?;
            let fail = |e: &Entry, message: String| ExpandError {
                path: format!("{path}/{key}"),
                loop_name: key[FOR_EACH_PREFIX.len()..].to_string(),
                part: "OutputKey",
                pos: known(e.key.span.start, entry.key.span.start),
                message,
            };
            for (new_key, new_entry) in generated {
                if written.contains(&new_key) {
                    return Err(fail(
                        &new_entry,
                        format!("generates {path}/{new_key}, which the template also writes out"),
                    ));
                }
                if map.entries.contains_key(&new_key) {
                    return Err(fail(
                        &new_entry,
                        format!(
                            "generates {path}/{new_key} twice (from two items, or another loop gives it too); each item needs keys of its own, and &{{}} drops every character but letters and digits"
                        ),
                    ));
                }
                if matches!(level, Level::Section(Section::Resources | Section::Outputs))
                    && !new_key.chars().all(|c| c.is_ascii_alphanumeric())
                {
                    return Err(fail(
                        &new_entry,
                        format!(
                            "generates the logical id \"{new_key}\", which is not alphanumeric; write &{{Identifier}} in the output key to keep only an item's letters and digits"
                        ),
                    ));
                }
                map.entries.insert(new_key, new_entry);
            }
        }
        Ok(())
    }

    fn node(
        &mut self,
        node: &mut Node,
        path: &str,
        scope: &mut Vec<String>,
    ) -> Result<(), ExpandError> {
        match &mut node.value {
            Value::Map(m) => self.map(m, path, scope, Level::Inner),
            Value::Seq(seq) => {
                for (i, item) in seq.items.iter_mut().enumerate() {
                    self.node(item, &format!("{path}/{i}"), scope)?;
                }
                Ok(())
            }
            Value::Fn(f) => {
                let path = format!("{path}/{}", f.func.long_name());
                self.node(&mut f.arg, &path, scope)
            }
            Value::Tagged(t) => self.node(&mut t.value, path, scope),
            _ => Ok(()),
        }
    }

    /// The entries one loop generates, its inner loops expanded.
    fn for_each(
        &mut self,
        key: &str,
        entry: &Entry,
        path: &str,
        scope: &mut Vec<String>,
        level: Level,
    ) -> Result<Vec<(String, Entry)>, ExpandError> {
        let name = &key[FOR_EACH_PREFIX.len()..];
        let here = format!("{path}/{key}");
        let at_key = entry.key.span.start;
        let fail = |part: &'static str, pos: Pos, message: String| ExpandError {
            path: here.clone(),
            loop_name: name.to_string(),
            part,
            pos: known(pos, at_key),
            message,
        };
        if name.is_empty() {
            return Err(fail(
                "LoopLogicalName",
                at_key,
                "the loop has no name: write Fn::ForEach::LoopName".into(),
            ));
        }
        if self.resource_ids.contains(name) {
            return Err(fail(
                "LoopLogicalName",
                at_key,
                format!(
                    "the loop's name is also the logical id of resource {name}; a loop's name must differ from every logical id in Resources"
                ),
            ));
        }
        const SHAPE: &str = "a loop takes a list of three: an identifier, a collection and a mapping of output keys to output values";
        let value = &entry.value;
        let Some(parts) = value.as_seq() else {
            return Err(fail(
                "LoopLogicalName",
                value.span.start,
                format!("{SHAPE}, not {}", kind_of(value)),
            ));
        };
        let [identifier, collection, fragment] = parts else {
            return Err(fail(
                "LoopLogicalName",
                value.span.start,
                format!("{SHAPE}; this list has {} items", parts.len()),
            ));
        };
        let Some(id) = identifier.as_str().filter(|s| !s.trim().is_empty()) else {
            return Err(fail(
                "Identifier",
                identifier.span.start,
                format!(
                    "the identifier (the first item) must be a name, not {}",
                    kind_of(identifier)
                ),
            ));
        };
        if self
            .template
            .section_map(Section::Parameters)
            .is_some_and(|p| p.contains_key(id))
        {
            return Err(fail(
                "Identifier",
                identifier.span.start,
                format!(
                    "the identifier {id} is also the name of a parameter, so `Ref: {id}` in the loop would name both; rename one of them"
                ),
            ));
        }
        if scope.iter().any(|s| s == id) {
            return Err(fail(
                "Identifier",
                identifier.span.start,
                format!("the identifier {id} is already the identifier of an enclosing loop"),
            ));
        }
        let Some(fragment) = fragment.as_map() else {
            return Err(fail(
                "OutputKey",
                fragment.span.start,
                format!(
                    "the third item must be a mapping of output keys to output values, not {}",
                    kind_of(fragment)
                ),
            ));
        };
        for (okey, oentry) in &fragment.entries {
            if !is_loop(okey) && replace_identifier(okey, id, "x").is_none() {
                return Err(fail(
                    "OutputKey",
                    oentry.key.span.start,
                    format!(
                        "the output key \"{okey}\" contains neither ${{{id}}} nor &{{{id}}}, so every item would give the same key"
                    ),
                ));
            }
        }
        let items = self
            .collection(collection)
            .map_err(|(pos, message)| fail("Collection", pos, message))?;

        let mut size = 0usize;
        fragment.entries.values().for_each(|e| {
            e.value.walk(&mut |_, _| size += 1);
            size += 1;
        });
        let cost = size.saturating_mul(items.len());
        if cost > self.budget {
            return Err(fail(
                "Collection",
                collection.span.start,
                format!(
                    "the loops would generate more than {MAX_GENERATED_NODES} values; CloudFormation's quotas (1 MB, 500 resources) apply to the expanded template"
                ),
            ));
        }
        self.budget -= cost;

        scope.push(id.to_string());
        let mut out = Vec::new();
        for item in &items {
            let mut generated = Map::new();
            for (okey, oentry) in &fragment.entries {
                let new_key = replace_identifier(okey, id, item).unwrap_or_else(|| okey.clone());
                let mut value = oentry.value.clone();
                substitute(&mut value, id, item).map_err(|message| {
                    fail(
                        "OutputValue",
                        oentry.value.span.start,
                        format!("for item \"{item}\": {message}"),
                    )
                })?;
                resolve_names(&mut value);
                if generated.entries.contains_key(&new_key) {
                    return Err(fail(
                        "OutputKey",
                        oentry.key.span.start,
                        format!("two output keys give \"{new_key}\" for item \"{item}\""),
                    ));
                }
                generated.entries.insert(
                    new_key,
                    Entry {
                        key: oentry.key.clone(),
                        value,
                    },
                );
            }
            self.map(&mut generated, &here, scope, level)?;
            if matches!(level, Level::Section(Section::Resources | Section::Outputs)) {
                generated
                    .entries
                    .values_mut()
                    .for_each(|e| resource_names(&mut e.value));
            }
            out.extend(generated.entries);
        }
        scope.pop();
        Ok(out)
    }

    /// The items of a collection, or where and why it has none.
    fn collection(&self, node: &Node) -> Result<Vec<String>, (Pos, String)> {
        let resolver = Resolver::deployed(self.template, self.deployment);
        match &node.value {
            Value::Seq(seq) => seq
                .items
                .iter()
                .enumerate()
                .map(|(i, item)| match &item.value {
                    Value::String(s) => Ok(s.clone()),
                    Value::Fn(_) => match resolver.text(item) {
                        Some(v) => Ok(v.value),
                        None => Err((
                            item.span.start,
                            format!(
                                "item {} of the collection cannot be resolved before deploy{}",
                                i + 1,
                                self.why_unresolved(item)
                            ),
                        )),
                    },
                    Value::Number(_) | Value::Bool(_) => Err((
                        item.span.start,
                        format!(
                            "the collection's items must be strings; item {} is {} (quote it)",
                            i + 1,
                            kind_of(item)
                        ),
                    )),
                    _ => Err((
                        item.span.start,
                        format!(
                            "the collection's items must be strings; item {} is {}",
                            i + 1,
                            kind_of(item)
                        ),
                    )),
                })
                .collect(),
            Value::Fn(_) => match resolver.list(node) {
                Some(list) => list
                    .value
                    .into_iter()
                    .enumerate()
                    .map(|(i, v)| match v {
                        Some(Scalar::Text(s)) => Ok(s),
                        _ => Err((
                            node.span.start,
                            format!(
                                "item {} of the collection cannot be resolved before deploy",
                                i + 1
                            ),
                        )),
                    })
                    .collect(),
                None => Err((
                    node.span.start,
                    format!("the collection is not a list{}", self.why_unresolved(node)),
                )),
            },
            _ => Err((
                node.span.start,
                format!(
                    "the collection must be a list, or a Ref to a CommaDelimitedList or List<...> parameter, not {}",
                    kind_of(node)
                ),
            )),
        }
    }

    /// ": parameter X has no value ..." and the like, for a value the resolver could
    /// not read.
    fn why_unresolved(&self, node: &Node) -> String {
        let Some(f) = node.as_fn() else {
            return String::new();
        };
        let Some(target) = ref_target(f) else {
            return format!(
                ": {} is not known before deploy (a collection is a list, or a Ref to a CommaDelimitedList or List<...> parameter)",
                f.func.long_name()
            );
        };
        let parameter = self
            .template
            .section_map(Section::Parameters)
            .and_then(|p| p.get(target));
        match parameter {
            Some(p) => {
                let type_name = p.get("Type").and_then(Node::as_str).unwrap_or("String");
                let is_list = type_name == "CommaDelimitedList" || type_name.starts_with("List<");
                if p.get("Default").is_none() && !self.deployment.parameters.contains_key(target) {
                    format!(": parameter {target} has no value; give one, or a Default")
                } else if is_list {
                    format!(": parameter {target}'s value cannot be read as a list")
                } else {
                    format!(
                        ": parameter {target} is a {type_name}, not a CommaDelimitedList or List<...>"
                    )
                }
            }
            None if self.resource_ids.contains(target) => {
                format!(": {target} is a resource, whose value is known only once it is deployed")
            }
            None if target.starts_with("AWS::") => {
                format!(": {target} is a pseudo parameter, not a list")
            }
            None => format!(": Ref {target} names no parameter"),
        }
    }
}

/// `pos` when it is known, else `fallback`.
fn known(pos: Pos, fallback: Pos) -> Pos {
    if pos.is_known() { pos } else { fallback }
}

/// `text` with `${id}` replaced by `item` and `&{id}` by the item's letters and
/// digits; `None` when neither occurs. `${!id}` is Sub's escape, not a placeholder.
fn replace_identifier(text: &str, id: &str, item: &str) -> Option<String> {
    if !text.contains('{') {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut changed = false;
    while let Some(i) = rest.find(['$', '&']) {
        out.push_str(&rest[..i]);
        let at = &rest[i..];
        if let Some(inner) = at[1..].strip_prefix('{')
            && let Some(close) = inner.find('}')
            && inner[..close].trim() == id
        {
            if at.starts_with('$') {
                out.push_str(item);
            } else {
                out.extend(item.chars().filter(char::is_ascii_alphanumeric));
            }
            rest = &inner[close + 1..];
            changed = true;
            continue;
        }
        // `$` and `&` are one byte each.
        out.push_str(&at[..1]);
        rest = &at[1..];
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// Puts `item` for the identifier throughout a cloned output value: `Ref: id`, the
/// placeholders of `Fn::Sub` strings, and keys. Fails when two keys of one mapping
/// become the same.
fn substitute(node: &mut Node, id: &str, item: &str) -> Result<(), String> {
    if let Value::Fn(f) = &node.value
        && f.func == Func::Ref
        && f.arg.as_str() == Some(id)
    {
        node.value = Value::String(item.to_string());
        node.style = Style::default();
        return Ok(());
    }
    match &mut node.value {
        Value::Map(m) => {
            for (key, mut entry) in std::mem::take(&mut m.entries) {
                substitute(&mut entry.value, id, item)?;
                let key = replace_identifier(&key, id, item).unwrap_or(key);
                if m.entries.contains_key(&key) {
                    return Err(format!("two keys of one mapping become \"{key}\""));
                }
                m.entries.insert(key, entry);
            }
        }
        Value::Seq(seq) => {
            for i in &mut seq.items {
                substitute(i, id, item)?;
            }
        }
        Value::Fn(f) => {
            if f.func == Func::Sub {
                sub_text(&mut f.arg, id, item);
            }
            substitute(&mut f.arg, id, item)?;
        }
        Value::Tagged(t) => substitute(&mut t.value, id, item)?,
        _ => {}
    }
    Ok(())
}

/// Replaces the identifier's placeholders in a `Fn::Sub`'s string, unless its own
/// variables define the name.
fn sub_text(arg: &mut Node, id: &str, item: &str) {
    if let Value::Seq(seq) = &mut arg.value {
        let shadowed = seq
            .items
            .get(1)
            .and_then(Node::as_map)
            .is_some_and(|vars| vars.contains_key(id));
        if let Some(first) = seq.items.first_mut()
            && !shadowed
        {
            replace_in_string(first, id, item);
        }
    } else {
        replace_in_string(arg, id, item);
    }
}

fn replace_in_string(node: &mut Node, id: &str, item: &str) {
    if let Value::String(s) = &mut node.value
        && let Some(new) = replace_identifier(s, id, item)
    {
        *s = new;
        // The source text no longer matches.
        node.style.raw = None;
    }
}

/// The text of a `Fn::Sub` without placeholders (`${!x}` is the literal `${x}`).
fn literal_sub(node: &Node) -> Option<String> {
    let f = node.as_fn().filter(|f| f.func == Func::Sub)?;
    let text = f.arg.as_str()?;
    placeholders(text)
        .is_empty()
        .then(|| text.replace("${!", "${"))
}

/// A `Fn::Sub` without placeholders where a name is expected becomes its text.
fn name_from_sub(node: &mut Node) {
    if let Some(text) = literal_sub(node) {
        node.value = Value::String(text);
        node.style = Style::default();
    }
}

/// The names in a generated value that a Sub wrote: `Ref: !Sub 'Web${Zone}'`,
/// `!GetAtt [!Sub 'Web${Zone}', PublicIp]`, `!If [!Sub 'Is${Env}', a, b]`.
fn resolve_names(node: &mut Node) {
    node.walk_mut(&mut |n| {
        if let Value::Fn(f) = &mut n.value {
            match f.func {
                Func::Ref | Func::Condition => name_from_sub(&mut f.arg),
                Func::GetAtt => {
                    if let Some(items) = f.arg.as_seq_mut() {
                        items.iter_mut().take(2).for_each(name_from_sub);
                    }
                }
                Func::If => {
                    if let Some(first) = f.arg.as_seq_mut().and_then(|s| s.first_mut()) {
                        name_from_sub(first);
                    }
                }
                _ => {}
            }
        }
    });
}

/// A generated resource's or output's `Condition`, and a resource's `DependsOn`,
/// written with a Sub.
fn resource_names(declaration: &mut Node) {
    let Some(m) = declaration.as_map_mut() else {
        return;
    };
    if let Some(c) = m.get_mut("Condition") {
        name_from_sub(c);
    }
    if let Some(d) = m.get_mut("DependsOn") {
        if let Some(items) = d.as_seq_mut() {
            items.iter_mut().for_each(name_from_sub);
        } else {
            name_from_sub(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::parse;

    fn template(text: &str) -> Template {
        parse(text).unwrap_or_else(|e| panic!("{e}")).template
    }

    fn expand(text: &str) -> Template {
        expand_with(text, &Deployment::default())
    }

    fn expand_with(text: &str, deployment: &Deployment) -> Template {
        let t = template(text);
        expand_for_each(&t, deployment)
            .unwrap_or_else(|e| panic!("{e}"))
            .into_owned()
    }

    fn error(text: &str) -> ExpandError {
        expand_for_each(&template(text), &Deployment::default()).unwrap_err()
    }

    fn ids(t: &Template, section: Section) -> Vec<String> {
        t.section_map(section)
            .map(|m| m.keys().map(str::to_string).collect())
            .unwrap_or_default()
    }

    const TOPICS: &str = "Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Topics:
    - Name
    - [Alpha, Beta]
    - Topic${Name}:
        Type: AWS::SNS::Topic
        Properties:
          TopicName: !Ref Name
          DisplayName: !Sub '${Name} topic in ${AWS::Region}'
  Queue:
    Type: AWS::SQS::Queue
";

    #[test]
    fn a_literal_list_gives_one_resource_per_item_where_the_loop_stood() {
        let t = expand(TOPICS);
        assert_eq!(
            ids(&t, Section::Resources),
            ["TopicAlpha", "TopicBeta", "Queue"]
        );
        let beta = t.resource("TopicBeta").unwrap();
        assert_eq!(beta.type_name(), Some("AWS::SNS::Topic"));
        assert_eq!(beta.property("TopicName").unwrap().as_str(), Some("Beta"));
        // Generated nodes keep the loop body's positions.
        let key = t
            .section_map(Section::Resources)
            .unwrap()
            .entry("TopicBeta")
            .unwrap()
            .key
            .span
            .start;
        assert_eq!(key, Pos::new(6, 7));
        assert_eq!(beta.property("TopicName").unwrap().span.start.line, 9);
        assert_eq!(t.for_each_loops().count(), 0);
        assert!(!has_for_each(&t));
    }

    #[test]
    fn the_fixture_loop_expands_with_its_outputs_naming_the_generated_topics() {
        let t = expand(include_str!(
            "../../tests/fixtures/template/good/foreach.yaml"
        ));
        assert_eq!(ids(&t, Section::Resources), ["Topica", "Topicb", "Fixed"]);
        assert_eq!(ids(&t, Section::Outputs), ["aArn", "bArn"]);
        let value = t
            .section_map(Section::Outputs)
            .unwrap()
            .get("bArn")
            .unwrap()
            .get("Value")
            .unwrap();
        assert_eq!(value, &Node::reference("Topicb"));
    }

    #[test]
    fn a_template_without_loops_is_borrowed() {
        let t = template("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n");
        assert!(matches!(
            expand_for_each(&t, &Deployment::default()),
            Ok(Cow::Borrowed(_))
        ));
    }

    #[test]
    fn sub_strings_get_the_item_and_the_items_letters_and_digits() {
        let t = expand(
            "Resources:
  Fn::ForEach::Webs:
    - Zone
    - [us-east-1a, eu-west-2b]
    - Web&{Zone}:
        Type: AWS::EC2::Instance
        Properties:
          AvailabilityZone: !Ref Zone
          Tags:
            - Key: Name
              Value: !Sub 'web-${Zone}-&{Zone}-${AWS::Region}-${!Zone}'
            - Key: Own
              Value: !Sub ['${Zone}', {Zone: kept}]
",
        );
        assert_eq!(ids(&t, Section::Resources), ["Webuseast1a", "Webeuwest2b"]);
        let web = t.resource("Webeuwest2b").unwrap();
        assert_eq!(
            web.property("AvailabilityZone").unwrap().as_str(),
            Some("eu-west-2b")
        );
        let tags = web.property("Tags").unwrap().as_seq().unwrap();
        let sub = |n: &Node| {
            crate::template::intrinsic::sub(n.get("Value").unwrap().as_fn().unwrap())
                .unwrap()
                .0
                .to_string()
        };
        assert_eq!(
            sub(&tags[0]),
            "web-eu-west-2b-euwest2b-${AWS::Region}-${!Zone}"
        );
        assert_eq!(sub(&tags[1]), "${Zone}", "the Sub's own variable wins");
        // The text written back is the new one, not the source's.
        assert!(t.to_yaml().contains("web-eu-west-2b-euwest2b"));
    }

    #[test]
    fn a_ref_to_a_comma_delimited_list_uses_the_given_value_or_the_default() {
        let text = "Parameters:
  Names:
    Type: CommaDelimitedList
    Default: 'a, b'
Resources:
  Fn::ForEach::Queues:
    - Name
    - !Ref Names
    - Queue${Name}:
        Type: AWS::SQS::Queue
        Properties: { QueueName: !Ref Name }
";
        let t = expand(text);
        assert_eq!(ids(&t, Section::Resources), ["Queuea", "Queueb"]);
        let mut given = Deployment::default();
        given.parameters.insert("Names".into(), "x,y,z".into());
        let t = expand_with(text, &given);
        assert_eq!(ids(&t, Section::Resources), ["Queuex", "Queuey", "Queuez"]);
        assert_eq!(
            t.resource("Queuez")
                .unwrap()
                .property("QueueName")
                .unwrap()
                .as_str(),
            Some("z")
        );
        // A List<...> parameter reads the same way.
        let t = expand(&text.replace("CommaDelimitedList", "List<AWS::EC2::Subnet::Id>"));
        assert_eq!(ids(&t, Section::Resources), ["Queuea", "Queueb"]);
    }

    #[test]
    fn nested_loops_and_loops_among_properties_expand_with_several_output_keys() {
        let t = expand(
            "Resources:
  Fn::ForEach::Envs:
    - Env
    - [Dev, Prod]
    - Fn::ForEach::Apps:
        - App
        - [Api, Web]
        - ${Env}${App}Topic:
            Type: AWS::SNS::Topic
            Properties:
              TopicName: !Sub '${Env}-${App}'
              Fn::ForEach::Props:
                - Prop
                - [DisplayName, SignatureVersion]
                - ${Prop}: !Sub '${Env}${App}${Prop}'
          ${Env}${App}Queue:
            Type: AWS::SQS::Queue
            DependsOn: !Sub '${Env}${App}Topic'
",
        );
        assert_eq!(
            ids(&t, Section::Resources),
            [
                "DevApiTopic",
                "DevApiQueue",
                "DevWebTopic",
                "DevWebQueue",
                "ProdApiTopic",
                "ProdApiQueue",
                "ProdWebTopic",
                "ProdWebQueue"
            ]
        );
        let topic = t.resource("ProdWebTopic").unwrap();
        let props: Vec<&str> = topic.properties().unwrap().keys().collect();
        assert_eq!(props, ["TopicName", "DisplayName", "SignatureVersion"]);
        let display = topic.property("DisplayName").unwrap().as_fn().unwrap();
        assert_eq!(
            crate::template::intrinsic::sub(display).unwrap().0,
            "ProdWebDisplayName"
        );
        // A Sub without placeholders left, where a name is expected, is the name.
        assert_eq!(
            t.resource("DevApiQueue").unwrap().depends_on(),
            ["DevApiTopic"]
        );
    }

    #[test]
    fn outputs_and_conditions_loops_expand_and_names_written_with_sub_resolve() {
        let t = expand(&format!(
            "{TOPICS}Conditions:
  Fn::ForEach::Checks:
    - Name
    - [Alpha, Beta]
    - Is${{Name}}: !Equals [!Ref AWS::Region, !Ref Name]
Outputs:
  Fn::ForEach::Arns:
    - Name
    - [Alpha, Beta]
    - ${{Name}}Arn:
        Value: !GetAtt [!Sub 'Topic${{Name}}', TopicArn]
        Condition: !Sub 'Is${{Name}}'
        Export: {{ Name: !Sub '${{AWS::StackName}}-${{Name}}' }}
"
        ));
        assert_eq!(ids(&t, Section::Conditions), ["IsAlpha", "IsBeta"]);
        assert_eq!(ids(&t, Section::Outputs), ["AlphaArn", "BetaArn"]);
        let out = t
            .section_map(Section::Outputs)
            .unwrap()
            .get("BetaArn")
            .unwrap();
        let att = crate::template::intrinsic::get_att(out.get("Value").unwrap().as_fn().unwrap())
            .unwrap();
        assert_eq!(att.resource, "TopicBeta");
        assert_eq!(att.attribute, Some("TopicArn"));
        let cond = t
            .section_map(Section::Conditions)
            .unwrap()
            .get("IsBeta")
            .unwrap();
        let args = cond.as_fn().unwrap().arg.as_seq().unwrap();
        assert_eq!(args[1].as_str(), Some("Beta"));
        assert_eq!(out.get("Condition").unwrap().as_str(), Some("IsBeta"));
    }

    #[test]
    fn a_generated_key_that_is_already_written_out_is_an_error_naming_the_loop() {
        let e = error(&TOPICS.replace("  Queue:", "  TopicBeta:"));
        assert_eq!(e.loop_name, "Topics");
        assert_eq!(e.part, "OutputKey");
        assert_eq!(e.pos, Pos::new(6, 7));
        let shown = e.to_string();
        assert!(shown.starts_with("6:7: Fn::ForEach::Topics: "), "{shown}");
        assert!(shown.contains("Resources/TopicBeta"), "{shown}");
        // Two items giving one key (&{} drops the dash).
        let e = error(
            &TOPICS
                .replace("[Alpha, Beta]", "[a-b, ab]")
                .replace("Topic${Name}", "Topic&{Name}"),
        );
        assert!(e.message.contains("twice"), "{}", e.message);
        // Neither placeholder in the output key.
        let e = error(&TOPICS.replace("Topic${Name}", "Topic"));
        assert!(
            e.message.contains("neither ${Name} nor &{Name}"),
            "{}",
            e.message
        );
        // A logical id with a character CloudFormation refuses.
        let e = error(&TOPICS.replace("[Alpha, Beta]", "[a-b]"));
        assert!(e.message.contains("not alphanumeric"), "{}", e.message);
    }

    #[test]
    fn a_collection_that_is_not_a_list_is_an_error_saying_why() {
        let e = error(&TOPICS.replace("[Alpha, Beta]", "'Alpha,Beta'"));
        assert_eq!(e.part, "Collection");
        assert_eq!(e.pos.line, 5);
        assert!(e.message.contains("must be a list"), "{}", e.message);

        let with_param = |ty: &str, default: &str| {
            format!("Parameters:\n  P:\n    Type: {ty}\n{default}{}", TOPICS)
                .replace("[Alpha, Beta]", "!Ref P")
        };
        let e = error(&with_param("String", "    Default: a\n"));
        assert!(
            e.message
                .contains("parameter P is a String, not a CommaDelimitedList"),
            "{}",
            e.message
        );
        let e = error(&with_param("CommaDelimitedList", ""));
        assert!(
            e.message.contains("parameter P has no value"),
            "{}",
            e.message
        );
        let e = error(&TOPICS.replace("[Alpha, Beta]", "!Ref Queue"));
        assert!(e.message.contains("Queue is a resource"), "{}", e.message);
        let e = error(&TOPICS.replace("[Alpha, Beta]", "!Ref Nowhere"));
        assert!(e.message.contains("names no parameter"), "{}", e.message);
        let e = error(&TOPICS.replace("[Alpha, Beta]", "[Alpha, 2]"));
        assert!(
            e.message.contains("must be strings; item 2 is a number"),
            "{}",
            e.message
        );
        let e = error(&TOPICS.replace("[Alpha, Beta]", "[Alpha, !GetAtt Queue.Arn]"));
        assert!(e.message.contains("item 2"), "{}", e.message);
    }

    #[test]
    fn malformed_loops_and_clashing_identifiers_are_errors() {
        let e = error(&format!("Parameters:\n  Name:\n    Type: String\n{TOPICS}"));
        assert_eq!(e.part, "Identifier");
        assert!(
            e.message.contains("also the name of a parameter"),
            "{}",
            e.message
        );
        let e = error("Resources:\n  Fn::ForEach::X: [A, [a]]\n");
        assert!(e.message.contains("this list has 2 items"), "{}", e.message);
        let e = error("Resources:\n  Fn::ForEach::X: {A: 1}\n");
        assert!(e.message.contains("not a mapping"), "{}", e.message);
        let e = error(
            "Resources:\n  Fn::ForEach::X:\n    - A\n    - [a]\n    - Fn::ForEach::Y:\n        - A\n        - [b]\n        - T${A}: {Type: AWS::SNS::Topic}\n",
        );
        assert!(e.message.contains("enclosing loop"), "{}", e.message);
        assert_eq!(e.path, "Resources/Fn::ForEach::X/Fn::ForEach::Y");
        let e = error(&TOPICS.replace("  Queue:", "  Topics:"));
        assert_eq!(e.part, "LoopLogicalName");
    }

    #[test]
    fn a_loop_that_would_generate_too_much_is_refused() {
        let items: Vec<String> = (0..100).map(|i| format!("i{i}")).collect();
        let items = items.join(", ");
        let e = error(&format!(
            "Resources:
  Fn::ForEach::A:
    - X
    - [{items}]
    - Fn::ForEach::B:
        - Y
        - [{items}]
        - Fn::ForEach::C:
            - Z
            - [{items}]
            - T${{X}}${{Y}}${{Z}}: {{Type: AWS::SNS::Topic}}
"
        ));
        assert!(e.message.contains("more than 200000"), "{}", e.message);
    }
}
