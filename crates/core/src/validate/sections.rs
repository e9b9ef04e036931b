//! The template's top level: known sections of the right shape (E1001), the format
//! version, a string description (E1004, at most 1024 bytes: E1003), a Resources
//! section with something in it. `Globals` is a section of the serverless transform
//! (`AWS::Serverless-2016-10-31`), known when the template uses it.

use super::schema::did_you_mean;
use super::{Check, key_pos};
use crate::template::{Node, Section, Value};

/// The transform that defines `Globals`.
const SERVERLESS: &str = "AWS::Serverless-2016-10-31";

/// Whether the template names the serverless transform (alone or in a list).
fn serverless(transform: Option<&Node>) -> bool {
    transform.is_some_and(|t| match t.as_seq() {
        Some(items) => items.iter().any(|i| i.as_str() == Some(SERVERLESS)),
        None => t.as_str() == Some(SERVERLESS),
    })
}

pub(crate) fn check(c: &mut Check) {
    let sections = c.template.sections();
    let sam = serverless(c.template.section(Section::Transform));
    for (key, entry) in &sections.entries {
        let at = entry.key.span.start;
        if sam && key == "Globals" {
            continue;
        }
        let Some(section) = Section::from_key(key) else {
            let hint = if key == "Globals" {
                format!("; it belongs to the serverless transform (Transform: {SERVERLESS})")
            } else {
                did_you_mean(key, Section::ALL.iter().map(|s| s.key()))
            };
            c.error(
                "E1001",
                key.clone(),
                at,
                format!(
                    "unknown top-level section \"{key}\"; CloudFormation rejects the template{hint}"
                ),
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
                        at,
                        "AWSTemplateFormatVersion must be \"2010-09-09\", the only version there is",
                    );
                }
            }
            Section::Description => {
                if !matches!(node.value, Value::String(_)) {
                    c.error("E1004", key.clone(), at, "Description must be a string");
                } else if node.as_str().is_some_and(|d| d.len() > 1024) {
                    c.error(
                        "E1003",
                        key.clone(),
                        at,
                        format!(
                            "Description is {} bytes long; CloudFormation allows 1024",
                            node.as_str().map_or(0, str::len)
                        ),
                    );
                }
            }
            Section::Transform => {}
            _ => {
                if !matches!(node.value, Value::Map(_)) {
                    c.error(
                        "E1001",
                        key.clone(),
                        at,
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
