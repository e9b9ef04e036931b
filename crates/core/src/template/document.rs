//! Typed views of a template's sections and resources over the value tree. The tree
//! stays the single source of truth (so nothing unknown is ever dropped); these views
//! name what CloudFormation defines.

use super::intrinsic::{FOR_EACH_PREFIX, ForEach};
use super::limits::MAX_RESOURCES;
use super::node::{Map, Node, Value};
use super::{Template, warning};
use crate::diagnostic::Diagnostic;

/// The top-level sections CloudFormation defines, in the order its documentation
/// lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Section {
    FormatVersion,
    Description,
    Metadata,
    Parameters,
    Rules,
    Mappings,
    Conditions,
    Transform,
    Resources,
    Outputs,
}

impl Section {
    pub const ALL: [Section; 10] = [
        Section::FormatVersion,
        Section::Description,
        Section::Metadata,
        Section::Parameters,
        Section::Rules,
        Section::Mappings,
        Section::Conditions,
        Section::Transform,
        Section::Resources,
        Section::Outputs,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Section::FormatVersion => "AWSTemplateFormatVersion",
            Section::Description => "Description",
            Section::Metadata => "Metadata",
            Section::Parameters => "Parameters",
            Section::Rules => "Rules",
            Section::Mappings => "Mappings",
            Section::Conditions => "Conditions",
            Section::Transform => "Transform",
            Section::Resources => "Resources",
            Section::Outputs => "Outputs",
        }
    }

    pub fn from_key(key: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// The attributes a resource may have besides its logical id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ResourceAttr {
    Type,
    Properties,
    DependsOn,
    Condition,
    Metadata,
    DeletionPolicy,
    UpdateReplacePolicy,
    UpdatePolicy,
    CreationPolicy,
}

impl ResourceAttr {
    pub const ALL: [ResourceAttr; 9] = [
        ResourceAttr::Type,
        ResourceAttr::Properties,
        ResourceAttr::DependsOn,
        ResourceAttr::Condition,
        ResourceAttr::Metadata,
        ResourceAttr::DeletionPolicy,
        ResourceAttr::UpdateReplacePolicy,
        ResourceAttr::UpdatePolicy,
        ResourceAttr::CreationPolicy,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ResourceAttr::Type => "Type",
            ResourceAttr::Properties => "Properties",
            ResourceAttr::DependsOn => "DependsOn",
            ResourceAttr::Condition => "Condition",
            ResourceAttr::Metadata => "Metadata",
            ResourceAttr::DeletionPolicy => "DeletionPolicy",
            ResourceAttr::UpdateReplacePolicy => "UpdateReplacePolicy",
            ResourceAttr::UpdatePolicy => "UpdatePolicy",
            ResourceAttr::CreationPolicy => "CreationPolicy",
        }
    }

    pub fn from_key(key: &str) -> Option<ResourceAttr> {
        ResourceAttr::ALL.into_iter().find(|a| a.key() == key)
    }
}

/// One resource: its logical id and its declaration.
#[derive(Clone, Copy, Debug)]
pub struct Resource<'a> {
    pub id: &'a str,
    pub node: &'a Node,
}

impl<'a> Resource<'a> {
    pub fn attr(&self, attr: ResourceAttr) -> Option<&'a Node> {
        self.node.get(attr.key())
    }

    /// The resource type, such as `AWS::EC2::VPC`.
    pub fn type_name(&self) -> Option<&'a str> {
        self.attr(ResourceAttr::Type)?.as_str()
    }

    pub fn properties(&self) -> Option<&'a Map> {
        self.attr(ResourceAttr::Properties)?.as_map()
    }

    pub fn property(&self, name: &str) -> Option<&'a Node> {
        self.properties()?.get(name)
    }

    /// The logical ids named in DependsOn, written as one string or a list.
    pub fn depends_on(&self) -> Vec<&'a str> {
        match self.attr(ResourceAttr::DependsOn).map(|n| &n.value) {
            Some(Value::String(s)) => vec![s.as_str()],
            Some(Value::Seq(seq)) => seq.items.iter().filter_map(Node::as_str).collect(),
            _ => Vec::new(),
        }
    }

    pub fn condition(&self) -> Option<&'a str> {
        self.attr(ResourceAttr::Condition)?.as_str()
    }
}

impl Template {
    /// The resources in source order; `Fn::ForEach` loops are not resources until
    /// CloudFormation expands them (see [`Template::for_each_loops`]).
    pub fn resources(&self) -> impl Iterator<Item = Resource<'_>> {
        self.section_map(Section::Resources)
            .into_iter()
            .flat_map(Map::iter)
            .filter(|(id, _)| !id.starts_with(FOR_EACH_PREFIX))
            .map(|(id, node)| Resource { id, node })
    }

    pub fn resource(&self, id: &str) -> Option<Resource<'_>> {
        let node = self.section_map(Section::Resources)?.get(id)?;
        let id = self
            .section_map(Section::Resources)?
            .entries
            .get_key_value(id)?
            .0;
        Some(Resource { id, node })
    }

    /// Each resource and the resources it depends on, in source order: those named by
    /// a `Ref`, `GetAtt` or `Sub` placeholder anywhere in its declaration, and by its
    /// DependsOn.
    pub fn dependencies(&self) -> Vec<(&str, Vec<&str>)> {
        let ids: std::collections::BTreeSet<&str> = self.resources().map(|r| r.id).collect();
        self.resources()
            .map(|r| {
                let mut deps: Vec<&str> = r.depends_on();
                r.node.walk(&mut |_, n| {
                    if let Some(f) = n.as_fn() {
                        for reference in super::intrinsic::references(f) {
                            deps.push(reference.target());
                        }
                    }
                });
                deps.retain(|d| ids.contains(d));
                let mut seen = std::collections::BTreeSet::new();
                deps.retain(|d| seen.insert(*d));
                (r.id, deps)
            })
            .collect()
    }

    /// The `Fn::ForEach` loops among the resources.
    pub fn for_each_loops(&self) -> impl Iterator<Item = ForEach<'_>> {
        self.section_map(Section::Resources)
            .into_iter()
            .flat_map(Map::iter)
            .filter_map(|(k, v)| ForEach::from_entry(k, v))
    }
}

/// What the reader notices about a template's shape: sections and resource attributes
/// CloudFormation does not define (kept as written), and more resources than its quota.
pub(crate) fn check_shape(template: &Template) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (key, entry) in &template.sections().entries {
        if Section::from_key(key).is_none() {
            out.push(warning(
                "FW0003",
                format!(
                    "unknown section \"{key}\": CloudFormation does not define it; kept as written"
                ),
                entry.key.span.start,
            ));
        }
    }
    let Some(resources) = template.section_map(Section::Resources) else {
        return out;
    };
    let mut count = 0;
    for (id, entry) in &resources.entries {
        if id.starts_with(FOR_EACH_PREFIX) {
            continue;
        }
        count += 1;
        let Some(map) = entry.value.as_map() else {
            continue;
        };
        let custom = map
            .get("Type")
            .and_then(Node::as_str)
            .is_some_and(crate::catalog::Catalog::is_open_type);
        for (attr, attr_entry) in &map.entries {
            if ResourceAttr::from_key(attr).is_none() && !(custom && attr == "Version") {
                out.push(warning(
                    "FW0005",
                    format!(
                        "resource {id}: unknown attribute \"{attr}\"; CloudFormation defines Type, Properties, DependsOn, Condition, Metadata, DeletionPolicy, UpdateReplacePolicy, UpdatePolicy and CreationPolicy; kept as written"
                    ),
                    attr_entry.key.span.start,
                ));
            }
        }
    }
    if count > MAX_RESOURCES {
        let pos = template
            .sections()
            .entry(Section::Resources.key())
            .map(|e| e.key.span.start)
            .unwrap_or_default();
        out.push(warning(
            "FW0004",
            format!(
                "{count} resources: CloudFormation allows {MAX_RESOURCES} per template unless the quota is raised"
            ),
            pos,
        ));
    }
    out
}
