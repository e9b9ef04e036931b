//! What a person does to a template in the designer, as commands over a transaction:
//! add, delete, rename, connect, nest, edit properties, duplicate, paste. Each is a
//! plain function, so it is tested natively and undone like any other edit.

use super::CommandError;
use super::edit::{Path, Step, node_at, path};
use super::ids;
use super::tx::{Tx, property_path};
use crate::catalog::curated::{self, Connection, Effect, End};
use crate::template::designer::{self, DESIGNER_KEY, Layout};
use crate::template::intrinsic::{placeholders, sub};
use crate::template::language_extensions::has_for_each;
use crate::template::{Func, Map, Node, ResourceAttr, Section, Template, Value, read_value};

fn fail(message: impl Into<String>) -> CommandError {
    CommandError(message.into())
}

fn resources_path() -> Path {
    path(&["Resources"])
}

fn resource_path(id: &str) -> Path {
    path(&["Resources", id])
}

/// The type of a resource, or an error naming the missing resource.
pub fn type_of<'t>(template: &'t Template, id: &str) -> Result<&'t str, CommandError> {
    template
        .resource(id)
        .ok_or_else(|| {
            if has_for_each(template) {
                fail(format!(
                    "there is no resource {id} as written; if a loop makes it, edit the loop in the template"
                ))
            } else {
                fail(format!("there is no resource {id}"))
            }
        })?
        .type_name()
        .ok_or_else(|| fail(format!("resource {id} has no Type")))
}

/// A YAML fragment from the catalog, with `$from`/`$to` filled in.
fn fragment(text: &str, from: &str, to: &str) -> Result<Node, CommandError> {
    read_value(&curated::fill(text, from, to))
        .map_err(|e| fail(format!("catalog fragment does not read: {e}")))
}

/// Adds a resource of `type_name` with the catalog's starting properties, named after
/// the type (`Vpc`, `Vpc2`, ...). Returns its logical id.
pub fn add_resource(tx: &mut Tx, type_name: &str) -> Result<String, CommandError> {
    let id = ids::fresh(tx.template(), &ids::base_for_type(type_name));
    let properties = match curated::curated(type_name) {
        Some(c) if !c.starting_properties.is_empty() => {
            Some(fragment(c.starting_properties, "", "")?)
        }
        _ => None,
    };
    add_resource_as(tx, &id, type_name, properties)?;
    Ok(id)
}

/// Adds a resource with a given id and properties.
pub fn add_resource_as(
    tx: &mut Tx,
    id: &str,
    type_name: &str,
    properties: Option<Node>,
) -> Result<(), CommandError> {
    ids::check_new(tx.template(), id).map_err(|p| fail(p.message(id)))?;
    ensure_resources(tx)?;
    let mut decl = Map::new();
    decl.insert("Type", Node::string(type_name));
    if let Some(p) = properties {
        decl.insert("Properties", p);
    }
    tx.set(&resources_path(), id, Node::map(decl))?;
    Ok(())
}

fn ensure_resources(tx: &mut Tx) -> Result<(), CommandError> {
    if tx.template().section(Section::Resources).is_none() {
        let sections = tx.template().sections();
        // Resources goes before Outputs when there are outputs, last otherwise.
        let at = sections
            .index_of(Section::Outputs.key())
            .unwrap_or(sections.len());
        tx.insert(&[], at, Section::Resources.key(), Node::map(Map::new()))?;
    }
    Ok(())
}

/// Deletes resources, and what pointed at them: DependsOn entries, properties and
/// list items that are just a `Ref` or `GetAtt` of them, outputs that only reported
/// them, and their Designer layout entries.
pub fn delete_resources(tx: &mut Tx, ids: &[&str]) -> Result<(), CommandError> {
    for id in ids {
        type_of(tx.template(), id)?;
    }
    let uuids: Vec<String> = ids
        .iter()
        .filter_map(|id| designer_id(tx.template(), id))
        .collect();
    for id in ids {
        tx.remove(&resources_path(), id)?;
    }
    let targets: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
    let mut doomed = plain_references(tx.template(), &targets);
    // Remove later list items first, so earlier indexes stay right.
    doomed.sort_by(|a, b| b.cmp(a));
    for p in doomed {
        remove_at(tx, &p)?;
    }
    prune_depends_on(tx, &targets)?;
    if !uuids.is_empty() {
        prune_designer_entries(tx, &uuids)?;
    }
    Ok(())
}

/// Paths of the nodes that are only a `Ref`/`GetAtt` of one of `targets`, where
/// removing the node leaves a valid shape: a property value, a list item, or an
/// output's Value (then the whole output goes).
fn plain_references(template: &Template, targets: &[String]) -> Vec<Path> {
    let mut out = Vec::new();
    let names = |n: &Node| -> bool {
        n.as_fn().is_some_and(|f| match f.func {
            Func::Ref => f
                .arg
                .as_str()
                .is_some_and(|t| targets.iter().any(|x| x == t)),
            Func::GetAtt => crate::template::intrinsic::get_att(f)
                .is_some_and(|g| targets.iter().any(|x| x == g.resource)),
            _ => false,
        })
    };
    for r in template.resources() {
        let Some(props) = r.attr(ResourceAttr::Properties) else {
            continue;
        };
        let base = property_path(r.id, "");
        collect(props, &base, &names, &mut out);
    }
    if let Some(outputs) = template.section_map(Section::Outputs) {
        for (name, output) in outputs.iter() {
            if output.get("Value").is_some_and(names) {
                out.push(path(&["Outputs", name]));
            }
        }
    }
    out
}

fn collect(node: &Node, here: &Path, names: &impl Fn(&Node) -> bool, out: &mut Vec<Path>) {
    match &node.value {
        Value::Map(m) => {
            for (k, v) in m.iter() {
                let mut p = here.clone();
                p.push(Step::key(k));
                if names(v) {
                    out.push(p);
                } else {
                    collect(v, &p, names, out);
                }
            }
        }
        Value::Seq(s) => {
            for (i, v) in s.items.iter().enumerate() {
                let mut p = here.clone();
                p.push(Step::Index(i));
                if names(v) {
                    out.push(p);
                } else {
                    collect(v, &p, names, out);
                }
            }
        }
        _ => {}
    }
}

/// Removes the node at `p`: a mapping entry or a list item.
fn remove_at(tx: &mut Tx, p: &[Step]) -> Result<(), CommandError> {
    match p.split_last() {
        Some((Step::Key(k), parent)) => {
            tx.remove(parent, k)?;
        }
        Some((Step::Index(i), parent)) => tx.remove_item(parent, *i)?,
        _ => return Err(fail("nothing to remove there")),
    }
    Ok(())
}

fn prune_depends_on(tx: &mut Tx, targets: &[String]) -> Result<(), CommandError> {
    let owners: Vec<String> = tx
        .template()
        .resources()
        .filter(|r| {
            r.depends_on()
                .iter()
                .any(|d| targets.iter().any(|t| t == d))
        })
        .map(|r| r.id.to_string())
        .collect();
    for owner in owners {
        for target in targets {
            remove_depends_on(tx, &owner, target)?;
        }
    }
    Ok(())
}

/// Removes `target` from `owner`'s DependsOn, and DependsOn itself when empty.
pub fn remove_depends_on(tx: &mut Tx, owner: &str, target: &str) -> Result<(), CommandError> {
    let decl = resource_path(owner);
    let Some(node) = tx
        .template()
        .resource(owner)
        .and_then(|r| r.attr(ResourceAttr::DependsOn))
    else {
        return Ok(());
    };
    match &node.value {
        Value::String(s) if s == target => {
            tx.remove(&decl, "DependsOn")?;
        }
        Value::Seq(seq) => {
            let keep: Vec<Node> = seq
                .items
                .iter()
                .filter(|n| n.as_str() != Some(target))
                .cloned()
                .collect();
            if keep.len() != seq.items.len() {
                if keep.is_empty() {
                    tx.remove(&decl, "DependsOn")?;
                } else {
                    let mut list = node.clone();
                    if let Value::Seq(s) = &mut list.value {
                        s.items = keep;
                    }
                    tx.set(&decl, "DependsOn", list)?;
                }
            }
        }
        _ => {}
    }
    Ok(())
}

/// Adds `target` to `owner`'s DependsOn: a string for one, a list for more.
pub fn add_depends_on(tx: &mut Tx, owner: &str, target: &str) -> Result<(), CommandError> {
    if owner == target {
        return Err(fail("a resource cannot depend on itself"));
    }
    type_of(tx.template(), target)?;
    let decl = resource_path(owner);
    let current = tx
        .template()
        .resource(owner)
        .ok_or_else(|| fail(format!("there is no resource {owner}")))?
        .attr(ResourceAttr::DependsOn)
        .cloned();
    match current.map(|n| n.value) {
        None => {
            let at = tx
                .template()
                .resource(owner)
                .and_then(|r| r.node.as_map())
                .map_or(1, |m| m.index_of("Type").map_or(0, |i| i + 1));
            tx.insert(&decl, at, "DependsOn", Node::string(target))?;
        }
        Some(Value::String(s)) if s == target => {}
        Some(Value::String(s)) => {
            tx.set(
                &decl,
                "DependsOn",
                Node::seq(vec![Node::string(s), Node::string(target)]),
            )?;
        }
        Some(Value::Seq(seq)) => {
            if !seq.items.iter().any(|n| n.as_str() == Some(target)) {
                let mut p = decl.clone();
                p.push(Step::key("DependsOn"));
                tx.push(&p, Node::string(target))?;
            }
        }
        Some(_) => return Err(fail(format!("{owner}'s DependsOn is not a name or a list"))),
    }
    Ok(())
}

/// Renames a resource and every reference to it: `Ref`, `GetAtt`, `Sub`
/// placeholders, `DependsOn`.
pub fn rename_resource(tx: &mut Tx, from: &str, to: &str) -> Result<(), CommandError> {
    if from == to {
        return Ok(());
    }
    type_of(tx.template(), from)?;
    ids::check_new(tx.template(), to).map_err(|p| fail(p.message(to)))?;
    tx.rename_key(&resources_path(), from, to)?;
    rewrite_references(tx, from, to, true)
}

/// Renames a parameter and every `Ref` and `Sub` placeholder naming it, and its
/// entries in the console's parameter groups and labels.
pub fn rename_parameter(tx: &mut Tx, from: &str, to: &str) -> Result<(), CommandError> {
    if from == to {
        return Ok(());
    }
    if tx
        .template()
        .section_map(Section::Parameters)
        .and_then(|m| m.get(from))
        .is_none()
    {
        return Err(fail(format!("there is no parameter {from}")));
    }
    ids::check_new(tx.template(), to).map_err(|p| fail(p.message(to)))?;
    tx.rename_key(&path(&["Parameters"]), from, to)?;
    rewrite_references(tx, from, to, false)?;
    let interface = path(&["Metadata", "AWS::CloudFormation::Interface"]);
    if let Some(node) = tx.get(&interface).cloned() {
        let mut updated = node.clone();
        updated.walk_mut(&mut |n| {
            if n.as_str() == Some(from) {
                *n = Node::string(to);
            }
        });
        if let Some(labels) = updated
            .as_map_mut()
            .and_then(|m| m.get_mut("ParameterLabels"))
            .and_then(Node::as_map_mut)
            && labels.contains_key(from)
        {
            let i = labels.index_of(from).expect("present");
            let entry = labels.entries.shift_remove(from).expect("present");
            labels.entries.shift_insert(i, to.to_string(), entry);
        }
        if updated != node {
            tx.replace(&interface, updated)?;
        }
    }
    Ok(())
}

/// Rewrites `Ref`s (and for resources `GetAtt`s and `DependsOn`) from one name to
/// another, everywhere but the declarations themselves.
fn rewrite_references(
    tx: &mut Tx,
    from: &str,
    to: &str,
    resource: bool,
) -> Result<(), CommandError> {
    let mut changes: Vec<(Path, Node)> = Vec::new();
    for (section, node) in tx.template().sections().iter() {
        if !matches!(
            Section::from_key(section),
            Some(Section::Resources | Section::Outputs | Section::Conditions | Section::Rules)
        ) {
            continue;
        }
        find_rewrites(node, &path(&[section]), from, to, resource, &mut changes);
    }
    if resource {
        for r in tx.template().resources() {
            let Some(dep) = r.attr(ResourceAttr::DependsOn) else {
                continue;
            };
            let mut updated = dep.clone();
            rename_in_depends_on(&mut updated, from, to);
            if updated != *dep {
                changes.push((path(&["Resources", r.id, "DependsOn"]), updated));
            }
        }
    }
    for (p, node) in changes {
        tx.replace(&p, node)?;
    }
    Ok(())
}

fn find_rewrites(
    node: &Node,
    here: &Path,
    from: &str,
    to: &str,
    resource: bool,
    out: &mut Vec<(Path, Node)>,
) {
    if let Some(f) = node.as_fn()
        && let Some(updated) = rewritten(node, f.func, &f.arg, from, to, resource)
    {
        out.push((here.clone(), updated));
        return;
    }
    match &node.value {
        Value::Map(m) => {
            for (k, v) in m.iter() {
                let mut p = here.clone();
                p.push(Step::key(k));
                find_rewrites(v, &p, from, to, resource, out);
            }
        }
        Value::Seq(s) => {
            for (i, v) in s.items.iter().enumerate() {
                let mut p = here.clone();
                p.push(Step::Index(i));
                find_rewrites(v, &p, from, to, resource, out);
            }
        }
        Value::Fn(f) => {
            let mut p = here.clone();
            p.push(Step::Arg);
            find_rewrites(&f.arg, &p, from, to, resource, out);
        }
        Value::Tagged(t) => {
            let mut p = here.clone();
            p.push(Step::Arg);
            find_rewrites(&t.value, &p, from, to, resource, out);
        }
        _ => {}
    }
}

/// The function node with `from` renamed to `to`, when it names `from` itself (its
/// nested functions are handled when the walk reaches them).
fn rewritten(
    node: &Node,
    func: Func,
    arg: &Node,
    from: &str,
    to: &str,
    resource: bool,
) -> Option<Node> {
    let with_arg = |arg: Node| {
        let mut n = node.clone();
        if let Value::Fn(f) = &mut n.value {
            f.arg = arg;
        }
        n
    };
    match func {
        Func::Ref if arg.as_str() == Some(from) => Some(with_arg(restyled(arg, to.to_string()))),
        Func::GetAtt if resource => match &arg.value {
            Value::String(s) => {
                let (r, a) = s.split_once('.')?;
                (r == from).then(|| with_arg(restyled(arg, format!("{to}.{a}"))))
            }
            Value::Seq(seq) if seq.items.first().and_then(Node::as_str) == Some(from) => {
                let mut list = arg.clone();
                if let Value::Seq(s) = &mut list.value {
                    s.items[0] = restyled(&seq.items[0], to.to_string());
                }
                Some(with_arg(list))
            }
            _ => None,
        },
        Func::Sub => {
            let f = node.as_fn()?;
            let (template, vars) = sub(f)?;
            if vars.is_some_and(|v| v.contains_key(from)) {
                return None;
            }
            let renamed = rename_placeholders(template, from, to);
            (renamed != template).then(|| match &arg.value {
                Value::Seq(seq) => {
                    let mut list = arg.clone();
                    if let Value::Seq(s) = &mut list.value {
                        s.items[0] = restyled(&seq.items[0], renamed);
                    }
                    with_arg(list)
                }
                _ => with_arg(restyled(arg, renamed)),
            })
        }
        _ => None,
    }
}

/// A new string written the way `old` was (quoted, block, plain), where it can be.
fn restyled(old: &Node, text: String) -> Node {
    let mut n = Node::string(text);
    n.style.scalar = old.style.scalar;
    n.span = old.span;
    n.comments = old.comments.clone();
    n
}

/// `${From}` and `${From.Attr}` placeholders renamed; other text untouched.
fn rename_placeholders(template: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut last = 0;
    for p in placeholders(template) {
        let (name, rest) = match p.name.split_once('.') {
            Some((n, r)) => (n, Some(r)),
            None => (p.name, None),
        };
        if name != from {
            continue;
        }
        let end = template[p.offset..]
            .find('}')
            .map_or(template.len(), |i| p.offset + i + 1);
        out.push_str(&template[last..p.offset]);
        out.push_str("${");
        out.push_str(to);
        if let Some(r) = rest {
            out.push('.');
            out.push_str(r);
        }
        out.push('}');
        last = end;
    }
    out.push_str(&template[last..]);
    out
}

/// Sets a property (a `/`-separated path under Properties), creating what is missing
/// on the way.
pub fn set_property(
    tx: &mut Tx,
    id: &str,
    property: &str,
    value: Node,
) -> Result<(), CommandError> {
    type_of(tx.template(), id)?;
    let full = property_path(id, property);
    let (last, parent) = full.split_last().ok_or_else(|| fail("no property named"))?;
    let Step::Key(key) = last else {
        return Err(fail("a property path ends in a name"));
    };
    if tx
        .get(&resource_path(id))
        .and_then(|n| n.get("Properties"))
        .is_none()
    {
        let at = tx
            .get(&resource_path(id))
            .and_then(Node::as_map)
            .map_or(1, |m| m.index_of("Type").map_or(m.len(), |i| i + 1));
        tx.insert(&resource_path(id), at, "Properties", Node::map(Map::new()))?;
    }
    tx.ensure_map(parent)?;
    tx.set(parent, key, value)?;
    Ok(())
}

/// Removes a property; an emptied Properties goes too.
pub fn remove_property(tx: &mut Tx, id: &str, property: &str) -> Result<(), CommandError> {
    let full = property_path(id, property);
    if tx.get(&full).is_none() {
        return Ok(());
    }
    remove_at(tx, &full)?;
    let props = property_path(id, "");
    if tx
        .get(&props)
        .and_then(Node::as_map)
        .is_some_and(Map::is_empty)
    {
        tx.remove(&resource_path(id), "Properties")?;
    }
    Ok(())
}

/// What connecting two resources did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Connected {
    /// A property of `resource` now refers to the other end.
    Property { resource: String, property: String },
    /// A resource joining the two was created.
    Glue { id: String },
    /// No rule applies: `from` now depends on `to`.
    DependsOn { from: String, to: String },
    /// The connection was already there.
    Already,
}

/// Connects two resources the way the catalog says (a property, a list entry, or a
/// glue resource), or with DependsOn when it knows no rule.
pub fn connect(tx: &mut Tx, a: &str, b: &str) -> Result<Connected, CommandError> {
    if a == b {
        return Err(fail("a resource cannot connect to itself"));
    }
    let (ta, tb) = (
        type_of(tx.template(), a)?.to_string(),
        type_of(tx.template(), b)?.to_string(),
    );
    match curated::connection(&ta, &tb) {
        Some((rule, reversed)) => {
            let (from, to) = if reversed { (b, a) } else { (a, b) };
            apply_effect(tx, rule, from, to)
        }
        None => {
            add_depends_on(tx, a, b)?;
            Ok(Connected::DependsOn {
                from: a.to_string(),
                to: b.to_string(),
            })
        }
    }
}

/// Writes what dropping `child` into `container` means, if the catalog says anything;
/// `None` when the nesting is only drawn.
pub fn contain(
    tx: &mut Tx,
    child: &str,
    container: &str,
) -> Result<Option<Connected>, CommandError> {
    let (tc, tk) = (
        type_of(tx.template(), child)?,
        type_of(tx.template(), container)?,
    );
    match curated::containment(tc, tk) {
        Some(rule) => apply_effect(tx, rule, child, container).map(Some),
        None => Ok(None),
    }
}

/// Undoes what [`contain`] wrote, when it is still exactly that.
pub fn uncontain(tx: &mut Tx, child: &str, container: &str) -> Result<(), CommandError> {
    let (tc, tk) = (
        type_of(tx.template(), child)?,
        type_of(tx.template(), container)?,
    );
    if let Some(rule) = curated::containment(tc, tk) {
        remove_effect(tx, rule, child, container)?;
    }
    Ok(())
}

/// What a property effect writes for these ends: the resource it writes on, the
/// value, and where.
fn property_effect<'a>(
    on: End,
    property: &str,
    value: &str,
    from: &'a str,
    to: &'a str,
) -> Result<(&'a str, Node, Path), CommandError> {
    let owner = if on == End::From { from } else { to };
    Ok((
        owner,
        fragment(value, from, to)?,
        property_path(owner, property),
    ))
}

fn apply_effect(
    tx: &mut Tx,
    rule: &Connection,
    from: &str,
    to: &str,
) -> Result<Connected, CommandError> {
    match rule.effect {
        Effect::Property {
            on,
            path: property,
            value,
            append,
        } => {
            let (owner, value, full) = property_effect(on, property, value, from, to)?;
            if append {
                match tx.get(&full).map(|n| &n.value) {
                    None => set_property(tx, owner, property, Node::seq(vec![value]))?,
                    Some(Value::Seq(seq)) => {
                        if seq.items.contains(&value) {
                            return Ok(Connected::Already);
                        }
                        tx.push(&full, value)?;
                    }
                    Some(_) => {
                        return Err(fail(format!(
                            "{owner}'s {property} is not a list, so {} cannot be added to it",
                            if owner == from { to } else { from }
                        )));
                    }
                }
            } else {
                if tx.get(&full) == Some(&value) {
                    return Ok(Connected::Already);
                }
                set_property(tx, owner, property, value)?;
            }
            Ok(Connected::Property {
                resource: owner.to_string(),
                property: property.to_string(),
            })
        }
        Effect::Glue {
            type_name,
            properties,
        } => {
            let props = fragment(properties, from, to)?;
            let existing = tx.template().resources().find(|r| {
                r.type_name() == Some(type_name) && r.attr(ResourceAttr::Properties) == Some(&props)
            });
            if existing.is_some() {
                return Ok(Connected::Already);
            }
            let id = ids::fresh(tx.template(), &ids::base_for_type(type_name));
            add_resource_as(tx, &id, type_name, Some(props))?;
            Ok(Connected::Glue { id })
        }
    }
}

/// Removes exactly what `apply_effect` wrote for this rule and these ends, if it is
/// still there unchanged; returns whether anything was removed.
fn remove_effect(
    tx: &mut Tx,
    rule: &Connection,
    from: &str,
    to: &str,
) -> Result<bool, CommandError> {
    match rule.effect {
        Effect::Property {
            on,
            path: property,
            value,
            append,
        } => {
            let (owner, value, full) = property_effect(on, property, value, from, to)?;
            let Some(current) = tx.get(&full).cloned() else {
                return Ok(false);
            };
            if append {
                let Some(i) = current
                    .as_seq()
                    .and_then(|s| s.iter().position(|n| *n == value))
                else {
                    return Ok(false);
                };
                if current.as_seq().map(<[Node]>::len) == Some(1) {
                    remove_property(tx, owner, property)?;
                } else {
                    tx.remove_item(&full, i)?;
                }
                Ok(true)
            } else if current == value {
                remove_property(tx, owner, property)?;
                Ok(true)
            } else {
                Ok(false)
            }
        }
        Effect::Glue {
            type_name,
            properties,
        } => {
            let props = fragment(properties, from, to)?;
            let glue: Option<String> = tx
                .template()
                .resources()
                .find(|r| {
                    r.type_name() == Some(type_name)
                        && r.attr(ResourceAttr::Properties) == Some(&props)
                })
                .map(|r| r.id.to_string());
            match glue {
                Some(id) => {
                    delete_resources(tx, &[&id])?;
                    Ok(true)
                }
                None => Ok(false),
            }
        }
    }
}

/// Removes one reference: the `Ref`/`GetAtt` node at `at` (an absolute path) from
/// `from` to `to`. What a catalog rule wrote goes as a whole (a forward action, an
/// alias target); a plain reference goes with its property or list item.
pub fn disconnect(tx: &mut Tx, from: &str, to: &str, at: &[Step]) -> Result<(), CommandError> {
    let (tf, tt) = (
        type_of(tx.template(), from)?.to_string(),
        type_of(tx.template(), to)?.to_string(),
    );
    if let Some((rule, reversed)) =
        curated::connection(&tf, &tt).or_else(|| curated::containment(&tf, &tt).map(|r| (r, false)))
    {
        let (a, b) = if reversed { (to, from) } else { (from, to) };
        if remove_effect(tx, rule, a, b)? {
            return Ok(());
        }
    }
    let node = node_at(&tx.template().root, at).ok_or_else(|| fail("that reference is gone"))?;
    let is_reference = node
        .as_fn()
        .is_some_and(|f| matches!(f.func, Func::Ref | Func::GetAtt));
    if !is_reference {
        return Err(fail(format!(
            "the reference from {from} to {to} is inside a larger value; edit it in the inspector"
        )));
    }
    match at.split_last() {
        Some((Step::Index(_), parent))
            if tx.get(parent).and_then(Node::as_seq).map(<[Node]>::len) == Some(1) =>
        {
            remove_at(tx, parent)
        }
        Some((Step::Key(_) | Step::Index(_), _)) => remove_at(tx, at),
        _ => Err(fail(format!(
            "the reference from {from} to {to} is inside a function; edit it in the inspector"
        ))),
    }
}

/// Copies resources as template text (YAML), so copy and paste work between tabs and
/// with any editor.
pub fn copy(template: &Template, ids: &[&str]) -> Result<String, CommandError> {
    Ok(copy_template(template, ids)?.to_yaml())
}

/// The template of just these resources, as [`copy`] writes it.
pub fn copy_template(template: &Template, ids: &[&str]) -> Result<Template, CommandError> {
    let mut resources = Map::new();
    for id in ids {
        let r = template
            .resource(id)
            .ok_or_else(|| fail(format!("there is no resource {id}")))?;
        let mut decl = r.node.clone();
        strip_designer_id(&mut decl);
        resources.insert(*id, decl);
    }
    let mut root = Map::new();
    root.insert("Resources", Node::map(resources));
    Ok(Template {
        root: Node::map(root),
        ..Template::new()
    })
}

/// Reads clipboard text as a value for [`paste_value`].
pub fn read_clipboard(text: &str) -> Result<Node, CommandError> {
    read_value(text).map_err(|e| fail(format!("the clipboard does not hold a template: {e}")))
}

/// Pastes resources from template text (YAML or JSON with a Resources section, or
/// just a mapping of resources). Ids that are taken get fresh ones, and references
/// among the pasted resources follow. Returns each pasted id with its new one, in order.
pub fn paste(tx: &mut Tx, text: &str) -> Result<Vec<(String, String)>, CommandError> {
    paste_value(tx, &read_clipboard(text)?)
}

/// [`paste`] of text already read.
pub fn paste_value(tx: &mut Tx, root: &Node) -> Result<Vec<(String, String)>, CommandError> {
    let resources = match root.get("Resources").and_then(Node::as_map) {
        Some(r) => r.clone(),
        None => match root.as_map() {
            Some(m) if m.iter().all(|(_, v)| v.get("Type").is_some()) && !m.is_empty() => m.clone(),
            _ => return Err(fail("the clipboard holds no resources")),
        },
    };
    let new_ids = insert_copies(tx, &resources)?;
    Ok(resources
        .iter()
        .map(|(id, _)| id.to_string())
        .zip(new_ids)
        .collect())
}

/// Duplicates resources next to the originals; returns the new ids.
pub fn duplicate(tx: &mut Tx, ids: &[&str]) -> Result<Vec<String>, CommandError> {
    let mut resources = Map::new();
    for id in ids {
        let r = tx
            .template()
            .resource(id)
            .ok_or_else(|| fail(format!("there is no resource {id}")))?;
        resources.insert(*id, r.node.clone());
    }
    insert_copies(tx, &resources)
}

fn insert_copies(tx: &mut Tx, resources: &Map) -> Result<Vec<String>, CommandError> {
    let mut renames: Vec<(String, String)> = Vec::new();
    let mut reserved = Vec::new();
    for (id, _) in resources.iter() {
        let new = ids::fresh_avoiding(tx.template(), id, &reserved);
        reserved.push(new.clone());
        renames.push((id.to_string(), new));
    }
    let mut out = Vec::new();
    for ((_, decl), (_, new)) in resources.iter().zip(&renames) {
        let mut decl = decl.clone();
        strip_designer_id(&mut decl);
        // References among the copies point at the copies.
        for (old, new_id) in &renames {
            if old != new_id {
                let mut changes = Vec::new();
                find_rewrites(&decl, &Vec::new(), old, new_id, true, &mut changes);
                for (p, node) in changes {
                    if let Ok(slot) = super::edit::node_mut(&mut decl, &p) {
                        *slot = node;
                    }
                }
                if let Some(dep) = decl.as_map_mut().and_then(|m| m.get_mut("DependsOn")) {
                    rename_in_depends_on(dep, old, new_id);
                }
            }
        }
        if decl.get("Type").and_then(Node::as_str).is_none() {
            return Err(fail(format!("resource {new} has no Type")));
        }
        ensure_resources(tx)?;
        tx.set(&resources_path(), new, decl)?;
        out.push(new.clone());
    }
    Ok(out)
}

/// Renames `from` to `to` in a DependsOn value: one name or a list of names.
fn rename_in_depends_on(depends_on: &mut Node, from: &str, to: &str) {
    match &mut depends_on.value {
        Value::String(s) if s == from => *s = to.to_string(),
        Value::Seq(seq) => {
            for item in &mut seq.items {
                if item.as_str() == Some(from) {
                    *item = Node::string(to);
                }
            }
        }
        _ => {}
    }
}

/// A copy must not claim the original's Designer shape.
fn strip_designer_id(decl: &mut Node) {
    if let Some(meta) = decl
        .as_map_mut()
        .and_then(|m| m.get_mut("Metadata"))
        .and_then(Node::as_map_mut)
    {
        meta.remove(DESIGNER_KEY);
        if meta.is_empty()
            && let Some(m) = decl.as_map_mut()
        {
            m.remove("Metadata");
        }
    }
}

/// The Designer UUID a resource names in its metadata.
pub fn designer_id(template: &Template, id: &str) -> Option<String> {
    template
        .resource(id)?
        .attr(ResourceAttr::Metadata)?
        .get(DESIGNER_KEY)?
        .get("id")?
        .as_str()
        .map(str::to_string)
}

fn prune_designer_entries(tx: &mut Tx, uuids: &[String]) -> Result<(), CommandError> {
    let section = path(&["Metadata", DESIGNER_KEY]);
    let Some(entries) = tx.get(&section).and_then(Node::as_map) else {
        return Ok(());
    };
    let doomed: Vec<String> = entries
        .iter()
        .filter(|(k, v)| {
            uuids.iter().any(|u| u == k)
                || ["source", "target"].iter().any(|end| {
                    v.get(end)
                        .and_then(|e| e.get("id"))
                        .and_then(Node::as_str)
                        .is_some_and(|id| uuids.iter().any(|u| u == id))
                })
        })
        .map(|(k, _)| k.to_string())
        .collect();
    for key in doomed {
        tx.remove(&section, &key)?;
    }
    Ok(())
}

/// Writes a layout into the template as Designer metadata, recording only what
/// changed: the Designer entries of the shapes that moved (or appeared, or went) and
/// the `id` of resources that gained or lost a shape. A move of one box in a
/// 500-resource template is then one entry, not the whole section.
pub fn set_layout(tx: &mut Tx, layout: &Layout) -> Result<(), CommandError> {
    let wanted = designer::layout_section(tx.template(), layout);
    let metadata = path(&[Section::Metadata.key()]);
    let section_path = path(&[Section::Metadata.key(), DESIGNER_KEY]);
    match tx.get(&metadata).map(Node::as_map) {
        None => {
            let mut meta = Map::new();
            meta.insert(DESIGNER_KEY, Node::map(wanted));
            let at = designer::metadata_index(tx.template());
            tx.insert(&[], at, Section::Metadata.key(), Node::map(meta))?;
        }
        Some(None) => {
            return Err(CommandError(
                "the template's Metadata is not a mapping".into(),
            ));
        }
        Some(Some(meta)) => match meta.get(DESIGNER_KEY).and_then(Node::as_map) {
            None => {
                let len = meta.len();
                tx.insert(&metadata, len, DESIGNER_KEY, Node::map(wanted))?;
            }
            Some(old) => {
                let gone: Vec<String> = old
                    .keys()
                    .filter(|k| !wanted.contains_key(k))
                    .map(str::to_string)
                    .collect();
                let mut changes: Vec<(String, Node)> = Vec::new();
                let mut added: Vec<(String, Node)> = Vec::new();
                for (uuid, entry) in wanted.entries {
                    match old.get(&uuid) {
                        Some(before) => {
                            let merged = designer::merge_entry(before, entry.value);
                            if merged != *before {
                                changes.push((uuid, merged));
                            }
                        }
                        None => added.push((uuid, entry.value)),
                    }
                }
                for uuid in gone {
                    tx.remove(&section_path, &uuid)?;
                }
                for (uuid, entry) in changes {
                    tx.set(&section_path, &uuid, entry)?;
                }
                for (uuid, entry) in added {
                    tx.set(&section_path, &uuid, entry)?;
                }
            }
        },
    }
    let changed: Vec<(String, Node, Option<usize>)> = tx
        .template()
        .resources()
        .filter_map(|r| {
            let resource = r.node.as_map()?;
            let meta = designer::resource_metadata(resource, layout.shapes.get(r.id))?;
            let at = (!resource.contains_key(ResourceAttr::Metadata.key())).then(|| {
                resource
                    .index_of(ResourceAttr::Properties.key())
                    .map_or(resource.len(), |i| i + 1)
            });
            Some((r.id.to_string(), meta, at))
        })
        .collect();
    let key = ResourceAttr::Metadata.key();
    for (id, meta, at) in changed {
        match at {
            Some(at) => tx.insert(&resource_path(&id), at, key, meta)?,
            None => tx.set(&resource_path(&id), key, meta)?,
        }
    }
    Ok(())
}
