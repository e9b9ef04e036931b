//! Resources must not depend on each other in a circle (E3004): CloudFormation could
//! create none of them first. A dependency is a `Ref`, `GetAtt` or `Sub` placeholder
//! naming another resource anywhere in the declaration, or a `DependsOn`.

use petgraph::algo::tarjan_scc;
use petgraph::graphmap::DiGraphMap;

use super::Check;

pub(crate) fn check(c: &mut Check) {
    let template = c.template;
    let deps = template.dependencies();
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
