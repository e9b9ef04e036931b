//! The validator over the real AWS templates in `../shared/corpus/aws-samples` (not
//! part of this project: the test skips with a message when it is absent): every
//! template validates without a panic, and the number of findings per rule is printed
//! (`cargo test -p formwork-core --all-features --test validate_corpus -- --nocapture`).
//!
//! Every finding on the corpus has been looked at; what was judged and why is in
//! docs/validation-agreement.md, and scripts/agreement.sh compares them with cfn-lint's.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use formwork_core::catalog::full_catalog;
use formwork_core::validate::validate_text;

fn corpus_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/aws-samples");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!(
            "SKIP validate_corpus: {} is absent (the shared template corpus lives beside the project)",
            dir.display()
        );
        None
    }
}

fn templates(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("readable corpus") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("yaml" | "yml" | "json")
            ) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_corpus_template_validates_without_a_panic() {
    let Some(dir) = corpus_dir() else { return };
    let files = templates(&dir);
    assert!(files.len() >= 290, "the corpus has its templates");
    let catalog = full_catalog();
    let mut per_rule: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut panicked = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).expect("readable template");
        match std::panic::catch_unwind(|| validate_text(&text, catalog)) {
            Ok(findings) => {
                let mut seen = std::collections::BTreeSet::new();
                for d in &findings {
                    let entry = per_rule.entry(d.rule).or_default();
                    entry.0 += 1;
                    if seen.insert(d.rule) {
                        entry.1 += 1;
                    }
                    assert!(d.pos.is_some(), "{}: {d:?} has no position", path.display());
                }
            }
            Err(_) => panicked.push(
                path.strip_prefix(&dir)
                    .unwrap_or(path)
                    .display()
                    .to_string(),
            ),
        }
    }
    println!(
        "{} templates validated; findings per rule (templates):",
        files.len()
    );
    for (rule, (findings, templates)) in &per_rule {
        println!("  {rule}  {findings:4}  ({templates})");
    }
    assert!(
        panicked.is_empty(),
        "the validator panicked on: {panicked:?}"
    );
}
