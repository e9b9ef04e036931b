//! The architecture rules over hand-written fixtures: for each rule,
//! `fixtures/validate/arch/<RULE>-failing.yaml` breaks it and `<RULE>-passing.yaml`
//! keeps it. The failing template must give exactly the findings of that rule listed
//! in `<RULE>-failing.expect` (`line:col RULE message`, one a line); the passing one
//! none of that rule.
//!
//! `UPDATE_FIXTURES=1 cargo test -p formwork-core --features full-catalog --test
//! validate_architecture` rewrites the `.expect` files from what the validator does
//! now; review the diff before committing.

use std::path::{Path, PathBuf};

use formwork_core::catalog::full_catalog;
use formwork_core::diagnostic::Diagnostic;
use formwork_core::validate::validate_text;

/// Every architecture rule, each with its two fixtures.
const RULES: &[&str] = &[
    "E3059", "E3060", "E3680", "E3706", "FW1001", "FW1002", "FW1003", "FW1004", "FW1005", "FW1006",
    "FW1007", "FW1008",
];

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/validate/arch")
}

fn findings(path: &Path, rule: &str) -> Vec<Diagnostic> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    validate_text(&text, full_catalog())
        .into_iter()
        .filter(|d| d.rule == rule)
        .collect()
}

fn line(d: &Diagnostic) -> String {
    let pos = d.pos.map_or("0:0".to_string(), |p| p.to_string());
    format!("{pos} {} {}\n", d.rule, d.message)
}

#[test]
fn failing_fixtures_report_their_rule_where_expected() {
    let mut failures = Vec::new();
    for rule in RULES {
        let fixture = dir().join(format!("{rule}-failing.yaml"));
        let found = findings(&fixture, rule);
        if found.is_empty() {
            failures.push(format!("{}: no {rule} finding", fixture.display()));
            continue;
        }
        if found.iter().any(|d| d.pos.is_none()) {
            failures.push(format!(
                "{}: a {rule} finding has no position",
                fixture.display()
            ));
        }
        let actual: String = found.iter().map(line).collect();
        let expect = fixture.with_extension("expect");
        if std::env::var_os("UPDATE_FIXTURES").is_some() {
            std::fs::write(&expect, &actual).expect("write expectation");
            continue;
        }
        let expected = std::fs::read_to_string(&expect).unwrap_or_default();
        if expected != actual {
            failures.push(format!(
                "{}:\n--- expected\n{expected}--- actual\n{actual}",
                expect.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn passing_fixtures_do_not_report_their_rule() {
    let mut failures = Vec::new();
    for rule in RULES {
        let fixture = dir().join(format!("{rule}-passing.yaml"));
        for d in findings(&fixture, rule) {
            failures.push(format!("{}: {}", fixture.display(), line(&d).trim_end()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// No fixture in the directory is left without its rule, nor a rule without both.
#[test]
fn every_fixture_belongs_to_a_rule() {
    let mut names: Vec<String> = std::fs::read_dir(dir())
        .expect("fixture directory")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    let mut wanted: Vec<String> = RULES
        .iter()
        .flat_map(|r| [format!("{r}-failing.yaml"), format!("{r}-passing.yaml")])
        .collect();
    wanted.sort();
    assert_eq!(names, wanted);
}
