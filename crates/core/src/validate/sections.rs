//! The template's top level: known sections of the right shape (E1001), the format
//! version, a string description (E1004), a Resources section with something in it.

use super::{Check, key_pos, pos};
use crate::template::{Section, Value};

pub(crate) fn check(c: &mut Check) {
    let sections = c.template.sections();
    for (key, entry) in &sections.entries {
        let at = entry.key.span.start;
        let Some(section) = Section::from_key(key) else {
            c.error(
                "E1001",
                key.clone(),
                at,
                format!("unknown top-level section \"{key}\"; CloudFormation rejects the template"),
            );
            continue;
        };
        let node = &entry.value;
        match section {
            Section::FormatVersion => {
                if node.scalar_text().as_deref() != Some("2010-09-09") {
                    c.error(
                        "E1001",
                        key.clone(),
                        pos(node),
                        "AWSTemplateFormatVersion must be \"2010-09-09\", the only version there is",
                    );
                }
            }
            Section::Description => {
                if !matches!(node.value, Value::String(_)) {
                    c.error(
                        "E1004",
                        key.clone(),
                        pos(node),
                        "Description must be a string",
                    );
                } else if node.as_str().is_some_and(|d| d.len() > 1024) {
                    c.error(
                        "E1003",
                        key.clone(),
                        pos(node),
                        "Description is longer than CloudFormation's 1024 characters",
                    );
                }
            }
            Section::Transform => {}
            _ => {
                if !matches!(node.value, Value::Map(_)) {
                    c.error(
                        "E1001",
                        key.clone(),
                        pos(node),
                        format!("{key} must be a mapping of names to declarations"),
                    );
                }
            }
        }
    }
    match c.template.section_map(Section::Resources) {
        None if !sections.contains_key("Resources") => c.error(
            "E1001",
            String::new(),
            crate::template::Pos::new(1, 1),
            "the template has no Resources section; CloudFormation needs at least one resource",
        ),
        Some(resources) if resources.is_empty() => c.error(
            "E1001",
            "Resources".into(),
            key_pos(sections, "Resources"),
            "Resources is empty; CloudFormation needs at least one resource",
        ),
        _ => {}
    }
}
