//! Every name a template uses must be one it defines: `Ref` (E1012), `GetAtt` and its
//! attribute (E1010), `Sub` placeholders (E1019), `DependsOn` (E3005), condition names
//! (E8002) and `FindInMap` map names (E1011).

use super::schema::did_you_mean;
use super::{Check, PSEUDO_PARAMETERS, key_pos, pos};
use crate::catalog::Catalog;
use crate::template::intrinsic::{FOR_EACH_PREFIX, ForEach, get_att, placeholders, sub};
use crate::template::{Func, Node, PathSeg, ResourceAttr, Section, Value, path_string};

pub(crate) fn check(c: &mut Check) {
    let template = c.template;
    for (key, entry) in &template.sections().entries {
        if matches!(
            Section::from_key(key),
            Some(Section::Resources | Section::Outputs | Section::Conditions | Section::Rules)
        ) {
            let mut walker = Walker {
                check: c,
                scope: Vec::new(),
                path: vec![PathSeg::Key(key)],
            };
            walker.node(&entry.value);
        }
    }
    depends_on(c);
    resource_conditions(c);
}

struct Walker<'c, 'a, 'n> {
    check: &'c mut Check<'a>,
    /// Identifiers of the `Fn::ForEach` loops around the current node.
    scope: Vec<&'n str>,
    path: Vec<PathSeg<'n>>,
}

impl<'n> Walker<'_, '_, 'n> {
    fn here(&self) -> String {
        path_string(&self.path)
    }

    fn node(&mut self, node: &'n Node) {
        match &node.value {
            Value::Map(map) => {
                for (key, entry) in &map.entries {
                    self.path.push(PathSeg::Key(key));
                    if let Some(each) = ForEach::from_entry(key, &entry.value) {
                        self.scope.push(each.identifier);
                        self.node(&entry.value);
                        self.scope.pop();
                    } else {
                        self.node(&entry.value);
                    }
                    self.path.pop();
                }
            }
            Value::Seq(seq) => {
                for (i, item) in seq.items.iter().enumerate() {
                    self.path.push(PathSeg::Index(i));
                    self.node(item);
                    self.path.pop();
                }
            }
            Value::Fn(f) => {
                self.function(node, f.func, &f.arg);
                self.path.push(PathSeg::Key(f.func.long_name()));
                self.node(&f.arg);
                self.path.pop();
            }
            Value::Tagged(t) => self.node(&t.value),
            _ => {}
        }
    }

    /// The names `Ref` can take here, for suggestions.
    fn ref_names(&self) -> Vec<&str> {
        let names = &self.check.names;
        names
            .resources
            .iter()
            .chain(&names.parameters)
            .copied()
            .chain(PSEUDO_PARAMETERS.iter().copied())
            .chain(self.scope.iter().copied())
            .collect()
    }

    /// Whether a name is defined for `Ref` here.
    fn refable(&self, name: &str) -> bool {
        let names = &self.check.names;
        names.resources.contains(name)
            || names.parameters.contains(name)
            || PSEUDO_PARAMETERS.contains(&name)
            || self.scope.contains(&name)
            || names.transformed
            || name.contains("${")
    }

    fn function(&mut self, node: &'n Node, func: Func, arg: &'n Node) {
        let at = pos(node);
        let f = node.as_fn().expect("a function node");
        match func {
            Func::Ref => match arg.as_str() {
                Some(name) if !self.refable(name) => {
                    let here = self.here();
                    let hint = did_you_mean(name, self.ref_names());
                    self.check.error(
                        "E1012",
                        here,
                        pos(arg),
                        format!("Ref to \"{name}\", which is not a resource, a parameter or a pseudo parameter{hint}"),
                    );
                }
                Some(_) => {}
                None if !matches!(arg.value, Value::Fn(_)) => {
                    let here = self.here();
                    self.check.error(
                        "E1012",
                        here,
                        at,
                        "Ref takes the name of a resource or parameter",
                    );
                }
                None => {}
            },
            Func::GetAtt => match get_att(f) {
                Some(g) => {
                    // Point at the resource name, or at the attribute when the list
                    // form gives it apart and it is the attribute that is wrong.
                    let (name_at, attribute_at) = match arg.as_seq() {
                        Some([name, attribute]) => (pos(name), pos(attribute)),
                        _ => (pos(arg), pos(arg)),
                    };
                    self.get_att(g.resource, g.attribute, name_at, attribute_at);
                }
                None => self.odd_get_att(arg, at),
            },
            Func::Sub => {
                if let Some((template, vars)) = sub(f) {
                    // The template string, where the placeholders are.
                    let template_at = arg.as_seq().and_then(<[Node]>::first).map_or(pos(arg), pos);
                    for p in placeholders(template) {
                        if vars.is_some_and(|v| v.contains_key(p.name)) {
                            continue;
                        }
                        self.placeholder(p.name, template_at);
                    }
                }
            }
            Func::Condition => {
                if let Some(name) = arg.as_str() {
                    self.condition(name, pos(arg));
                }
            }
            Func::If => {
                if let Some(name) = arg.as_seq().and_then(|s| s.first()).and_then(Node::as_str) {
                    let at = pos(&arg.as_seq().expect("a list")[0]);
                    self.condition(name, at);
                }
            }
            Func::FindInMap => {
                if let Some(first) = arg.as_seq().and_then(<[Node]>::first)
                    && let Some(map) = first.as_str()
                    && !self.check.names.mappings.contains(map)
                    && !self.check.names.transformed
                {
                    let here = self.here();
                    let hint = did_you_mean(map, self.check.names.mappings.iter().copied());
                    self.check.error(
                        "E1011",
                        here,
                        pos(first),
                        format!(
                            "FindInMap names the mapping \"{map}\", which Mappings does not define{hint}"
                        ),
                    );
                }
            }
            _ => {}
        }
    }

    fn condition(&mut self, name: &str, at: crate::template::Pos) {
        if !self.check.names.conditions.contains(name) && !self.check.names.transformed {
            let here = self.here();
            let hint = did_you_mean(name, self.check.names.conditions.iter().copied());
            self.check.error(
                "E8002",
                here,
                at,
                format!("condition \"{name}\" is not defined in Conditions{hint}"),
            );
        }
    }

    /// A GetAtt that [`get_att`] cannot read as a resource and an attribute name. The
    /// attribute may be a `Ref` (to a parameter naming it), which CloudFormation
    /// allows; the resource name may be a function only where a transform expands it
    /// (`Fn::ForEach` of `AWS::LanguageExtensions`); anything else is malformed.
    fn odd_get_att(&mut self, arg: &'n Node, at: crate::template::Pos) {
        let is_fn = |n: &Node| matches!(n.value, Value::Fn(_));
        let problem = match arg.as_seq() {
            Some([name, attribute]) => match (name.as_str(), is_fn(attribute)) {
                (Some(resource), true) => {
                    self.get_att(resource, None, pos(name), pos(attribute));
                    return;
                }
                (None, _) if is_fn(name) => {
                    if self.check.names.transformed || !self.scope.is_empty() {
                        return;
                    }
                    Some((
                        pos(name),
                        "the resource name of GetAtt must be written out; only the attribute name may be a Ref",
                    ))
                }
                _ => None,
            },
            _ => None,
        };
        let (at, message) = problem.unwrap_or((
            at,
            "GetAtt takes a resource and an attribute: `!GetAtt Resource.Attribute` or `[Resource, Attribute]`",
        ));
        let here = self.here();
        self.check.error("E1010", here, at, message);
    }

    fn get_att(
        &mut self,
        resource: &str,
        attribute: Option<&str>,
        at: crate::template::Pos,
        attribute_at: crate::template::Pos,
    ) {
        if self.check.names.transformed || self.scope.iter().any(|id| resource.contains(id)) {
            return;
        }
        if !self.check.names.resources.contains(resource) {
            let here = self.here();
            let hint = did_you_mean(resource, self.check.names.resources.iter().copied());
            self.check.error(
                "E1010",
                here,
                at,
                format!("GetAtt of \"{resource}\", which is not a resource in this template{hint}"),
            );
            return;
        }
        let Some(attribute) = attribute else { return };
        let Some(type_name) = self
            .check
            .template
            .resource(resource)
            .and_then(|r| r.type_name())
        else {
            return;
        };
        if let Some(problem) = attribute_problem(self.check.catalog, type_name, attribute) {
            let here = self.here();
            self.check.error(
                "E1010",
                here,
                attribute_at,
                format!("GetAtt {resource}.{attribute}: {problem}"),
            );
        }
    }

    /// A `${Name}` or `${Resource.Attribute}` in a Sub.
    fn placeholder(&mut self, name: &str, at: crate::template::Pos) {
        if self.check.names.transformed || self.scope.iter().any(|id| name.contains(id)) {
            return;
        }
        match name.split_once('.') {
            Some((resource, attribute)) if !PSEUDO_PARAMETERS.contains(&name) => {
                if !self.check.names.resources.contains(resource) {
                    let here = self.here();
                    let hint = did_you_mean(resource, self.check.names.resources.iter().copied());
                    self.check.error(
                        "E1019",
                        here,
                        at,
                        format!("Sub placeholder ${{{name}}} names \"{resource}\", which is not a resource in this template{hint}"),
                    );
                } else if let Some(type_name) = self
                    .check
                    .template
                    .resource(resource)
                    .and_then(|r| r.type_name())
                    && let Some(problem) =
                        attribute_problem(self.check.catalog, type_name, attribute)
                {
                    let here = self.here();
                    self.check.error(
                        "E1019",
                        here,
                        at,
                        format!("Sub placeholder ${{{name}}}: {problem}"),
                    );
                }
            }
            _ => {
                if !self.refable(name) {
                    let here = self.here();
                    let hint = did_you_mean(name, self.ref_names());
                    self.check.error(
                        "E1019",
                        here,
                        at,
                        format!("Sub placeholder ${{{name}}} is not a resource, a parameter, a pseudo parameter or one of the Sub's own variables{hint}"),
                    );
                }
            }
        }
    }
}

/// Why `GetAtt` cannot read `attribute` of a `type_name`, if it cannot.
pub(crate) fn attribute_problem(
    catalog: &Catalog,
    type_name: &str,
    attribute: &str,
) -> Option<String> {
    if Catalog::is_open_type(type_name) {
        return None;
    }
    let t = catalog.get(type_name)?;
    if t.has_attribute(attribute) {
        return None;
    }
    if t.attributes.is_empty() {
        return Some(format!("{type_name} has no attributes GetAtt can read"));
    }
    // The likely meant one: the same name in other case, or one containing the other
    // (`Url` for `WebsiteURL`); the shortest such.
    let wanted = attribute.to_lowercase();
    let suggestion = t
        .attributes
        .iter()
        .filter(|a| {
            let a = a.to_lowercase();
            a == wanted || (wanted.len() >= 3 && (a.contains(&wanted) || wanted.contains(&a)))
        })
        .min_by_key(|a| a.len());
    // Then what it has: up to eight top-level attributes, and how many nested
    // (`A.B`) ones besides.
    let (top, nested): (Vec<&str>, Vec<&str>) = t
        .attributes
        .iter()
        .map(String::as_str)
        .partition(|a| !a.contains('.'));
    let mut has: Vec<String> = top.iter().take(8).map(|a| a.to_string()).collect();
    if top.len() > 8 {
        has.push(format!("{} more", top.len() - 8));
    }
    match nested.len() {
        0 => {}
        1 => has.push(nested[0].to_string()),
        n if has.is_empty() => has.push(format!("{n} nested ones such as {}", nested[0])),
        n => has.push(format!("{n} nested ones")),
    }
    let has = match has.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    };
    Some(format!(
        "{type_name} has no attribute \"{attribute}\"{} (it has {has})",
        suggestion.map_or(String::new(), |s| format!("; did you mean {s}?")),
    ))
}

/// DependsOn names resources of this template, and not the resource itself (E3005).
fn depends_on(c: &mut Check) {
    let template = c.template;
    for r in template.resources() {
        let Some(node) = r.attr(ResourceAttr::DependsOn) else {
            continue;
        };
        let targets: Vec<&Node> = match &node.value {
            Value::Seq(seq) => seq.items.iter().collect(),
            _ => vec![node],
        };
        for target in targets {
            let path = format!("Resources/{}/DependsOn", r.id);
            match target.as_str() {
                Some(name) if name == r.id => {
                    c.error(
                        "E3005",
                        path,
                        pos(target),
                        format!("{} depends on itself", r.id),
                    );
                }
                Some(name) if !c.names.resources.contains(name) && !c.names.transformed => {
                    let hint = did_you_mean(name, c.names.resources.iter().copied());
                    c.error(
                        "E3005",
                        path,
                        pos(target),
                        format!(
                            "DependsOn names \"{name}\", which is not a resource in this template{hint}"
                        ),
                    );
                }
                Some(_) => {}
                None => c.error("E3005", path, pos(target), "DependsOn takes resource names"),
            }
        }
    }
}

/// A resource's or output's Condition names a defined condition (E8002).
fn resource_conditions(c: &mut Check) {
    let template = c.template;
    for section in [Section::Resources, Section::Outputs] {
        let Some(map) = template.section_map(section) else {
            continue;
        };
        for (id, node) in map.iter() {
            if id.starts_with(FOR_EACH_PREFIX) {
                continue;
            }
            let Some(decl) = node.as_map() else { continue };
            if let Some(cond) = decl.get("Condition") {
                match cond.as_str() {
                    Some(name) if !c.names.conditions.contains(name) && !c.names.transformed => {
                        let hint = did_you_mean(name, c.names.conditions.iter().copied());
                        c.error(
                            "E8002",
                            format!("{}/{id}/Condition", section.key()),
                            pos(cond),
                            format!("condition \"{name}\" is not defined in Conditions{hint}"),
                        );
                    }
                    Some(_) => {}
                    None => c.error(
                        "E8002",
                        format!("{}/{id}/Condition", section.key()),
                        key_pos(decl, "Condition"),
                        "Condition takes the name of a condition",
                    ),
                }
            }
        }
    }
}
