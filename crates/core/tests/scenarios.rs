//! The scenario format as users meet it: every example scenario reads, the example in
//! `docs/scenario.md` means what the text says, and `docs/scenario.schema.json` names
//! exactly the fields the types have.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use formwork_core::sim::scenario::Scenario;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The ```yaml blocks of a Markdown text, in order.
fn yaml_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match &mut current {
            None if line.trim_start() == "```yaml" => current = Some(String::new()),
            Some(block) if line.trim_start() == "```" => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
            None => {}
        }
    }
    blocks
}

#[test]
fn every_example_scenario_reads() {
    let dir = repo().join("examples/scenarios");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    assert!(files.len() >= 3, "examples/scenarios holds {files:?}");
    for file in &files {
        Scenario::read(&read(file)).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    }
}

#[test]
fn the_documented_example_reads_as_described() {
    let doc = read(&repo().join("docs/scenario.md"));
    let blocks = yaml_blocks(&doc);
    let example = blocks
        .first()
        .expect("docs/scenario.md has a ```yaml block");
    let s = Scenario::read(example).unwrap_or_else(|e| panic!("the documented example: {e}"));
    assert_eq!(s.duration, 7200.0);
    assert_eq!(s.faults.len(), 3);
    // The other snippets of the page read too.
    for (i, block) in blocks.iter().enumerate().skip(1) {
        Scenario::read(block)
            .unwrap_or_else(|e| panic!("yaml block {} of docs/scenario.md: {e}", i + 1));
    }
}

#[test]
fn the_schema_names_the_fields_of_scenario() {
    let text = read(&repo().join("docs/scenario.schema.json"));
    let schema: serde_json::Value = serde_json::from_str(&text).expect("the schema is JSON");
    let documented: BTreeSet<&str> = schema["properties"]
        .as_object()
        .expect("the schema has properties")
        .keys()
        .map(String::as_str)
        .collect();
    let fields = serde_json::to_value(Scenario::default()).unwrap();
    let actual: BTreeSet<&str> = fields
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(documented, actual);
    assert_eq!(
        schema["additionalProperties"],
        serde_json::Value::Bool(false)
    );
}
