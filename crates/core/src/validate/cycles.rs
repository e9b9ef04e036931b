//! Resources must not depend on each other in a circle (E3004): CloudFormation could
//! create none of them first. A dependency is a `Ref`, `GetAtt` or `Sub` placeholder
//! naming another resource anywhere in the declaration, or a `DependsOn`.

use petgraph::algo::tarjan_scc;
use petgraph::graphmap::DiGraphMap;

use super::Check;
use crate::template::Template;

/// Each resource and the resources it depends on, in source order.
pub fn dependencies(template: &Template) -> Vec<(&str, Vec<&str>)> {
    let ids: std::collections::BTreeSet<&str> = template.resources().map(|r| r.id).collect();
    template
        .resources()
        .map(|r| {
            let mut deps: Vec<&str> = r.depends_on();
            r.node.walk(&mut |_, n| {
                if let Some(f) = n.as_fn() {
                    for reference in crate::template::intrinsic::references(f) {
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

pub(crate) fn check(c: &mut Check) {
    let template = c.template;
    let deps = dependencies(template);
    let mut graph: DiGraphMap<&str, ()> = DiGraphMap::new();
    for (id, targets) in &deps {
        graph.add_node(id);
        for t in targets {
            graph.add_edge(id, t, ());
        }
    }
    for component in tarjan_scc(&graph) {
        let looped = component.len() > 1 || graph.contains_edge(component[0], component[0]);
        if !looped {
            continue;
        }
        let mut members = component.clone();
        members.sort_by_key(|id| deps.iter().position(|(d, _)| d == id));
        for id in &members {
            let others: Vec<&str> = members.iter().copied().filter(|m| m != id).collect();
            let message = if others.is_empty() {
                format!("{id} depends on itself")
            } else {
                format!(
                    "circular dependency: {id} and {} depend on each other",
                    others.join(", ")
                )
            };
            let pos = template
                .section_map(crate::template::Section::Resources)
                .and_then(|m| m.entry(id))
                .map(|e| e.key.span.start)
                .unwrap_or_default();
            c.error("E3004", format!("Resources/{id}"), pos, message);
        }
    }
}
