//! The validator's core rules (and the reader's findings that reach `validate_text`)
//! over hand-written fixtures in `fixtures/validate/`: for each rule,
//! `<RULE>-failing.yaml` breaks it and `<RULE>-passing.yaml` is the same template
//! fixed; a rule may have more pairs, `<RULE>-failing-<case>.yaml` with
//! `<RULE>-passing-<case>.yaml` (or `.json`), for cases worth keeping apart.
//!
//! A failing fixture must report its rule, and every finding it gives (of any rule, in
//! source order) must be the lines of the `.expect` file beside it
//! (`line:col RULE message`); a passing fixture must not report its rule. The
//! architecture rules have their own fixtures and runner (`fixtures/validate/arch/`,
//! `validate_architecture.rs`).
//!
//! `UPDATE_FIXTURES=1 cargo test -p formwork-core --features full-catalog --test
//! validate_fixtures` rewrites the `.expect` files from what the validator does now;
//! review the diff before committing: a wrong message or position is a bug in the rule.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use formwork_core::catalog::full_catalog;
use formwork_core::diagnostic::Diagnostic;
use formwork_core::validate::validate_text;

/// The rules these fixtures must cover: the reader's findings that `validate_text`
/// passes on, and the rules of sections.rs, references.rs, schema.rs, cycles.rs,
/// parameters.rs, conditions.rs and outputs.rs. (FW0004, more resources than the quota,
/// needs 501 resources and is tested with the reader; FW0003 and FW0005 are the
/// reader's forms of E1001 and E3001, which `validate_text` leaves out.)
const RULES: &[&str] = &[
    "E0000", "FW0001", "FW0002", "FW0006", "E1001", "E1003", "E1004", "E1010", "E1011", "E1012",
    "E1019", "E2001", "E2002", "E2015", "W2001", "E3001", "E3002", "E3003", "E3004", "E3005",
    "E3012", "E3030", "E3032", "E3033", "E3034", "E3035", "E3036", "E6001", "E6002", "E6010",
    "E6101", "E6102", "E8001", "E8002", "E8003", "E8004", "E8005", "E8006", "W8001",
];

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/validate")
}

/// One fixture: `<rule>-<failing|passing>[-<case>].<yaml|json>`.
#[derive(Debug)]
struct Fixture {
    path: PathBuf,
    rule: String,
    failing: bool,
    case: String,
}

fn fixtures() -> Vec<Fixture> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir()).expect("fixture directory") {
        let path = entry.expect("entry").path();
        let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
            continue;
        };
        if !matches!(ext, "yaml" | "json") {
            continue;
        }
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let mut parts = stem.splitn(3, '-');
        let (rule, kind, case) = (
            parts.next().unwrap_or_default().to_string(),
            parts.next().unwrap_or_default().to_string(),
            parts.next().unwrap_or_default().to_string(),
        );
        assert!(
            matches!(kind.as_str(), "failing" | "passing"),
            "{}: a fixture is named <RULE>-failing[-case] or <RULE>-passing[-case]",
            path.display()
        );
        out.push(Fixture {
            path,
            rule,
            failing: kind == "failing",
            case,
        });
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

fn findings(path: &Path) -> Vec<Diagnostic> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    validate_text(&text, full_catalog())
}

fn line(d: &Diagnostic) -> String {
    let pos = d.pos.map_or("0:0".to_string(), |p| p.to_string());
    format!("{pos} {} {}\n", d.rule, d.message)
}

fn updating() -> bool {
    std::env::var_os("UPDATE_FIXTURES").is_some()
}

#[test]
fn failing_fixtures_report_their_rule_and_the_expected_findings() {
    let mut failures = Vec::new();
    for f in fixtures().iter().filter(|f| f.failing) {
        let found = findings(&f.path);
        if !found.iter().any(|d| d.rule == f.rule) {
            failures.push(format!("{}: no {} finding", f.path.display(), f.rule));
        }
        if found.iter().any(|d| d.pos.is_none()) {
            failures.push(format!("{}: a finding has no position", f.path.display()));
        }
        let actual: String = found.iter().map(line).collect();
        let expect = f.path.with_extension("expect");
        if updating() {
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
    for f in fixtures().iter().filter(|f| !f.failing) {
        for d in findings(&f.path).iter().filter(|d| d.rule == f.rule) {
            failures.push(format!("{}: {}", f.path.display(), line(d).trim_end()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every rule has a failing and a passing fixture; every failing fixture has its fixed
/// twin and its expectation; no fixture names a rule outside the list.
#[test]
fn every_rule_has_its_fixtures_and_every_fixture_its_rule() {
    let all = fixtures();
    let pairs: BTreeSet<(&str, bool, &str)> = all
        .iter()
        .map(|f| (f.rule.as_str(), f.failing, f.case.as_str()))
        .collect();
    let mut problems = Vec::new();
    for rule in RULES {
        for failing in [true, false] {
            if !pairs.contains(&(rule, failing, "")) {
                let kind = if failing { "failing" } else { "passing" };
                problems.push(format!("{rule}: no {rule}-{kind}.yaml (or .json)"));
            }
        }
    }
    for f in &all {
        if !RULES.contains(&f.rule.as_str()) {
            problems.push(format!(
                "{}: {} is not a rule listed here",
                f.path.display(),
                f.rule
            ));
        }
        if !pairs.contains(&(f.rule.as_str(), !f.failing, f.case.as_str())) {
            problems.push(format!("{}: has no twin", f.path.display()));
        }
        if f.failing && !updating() && !f.path.with_extension("expect").exists() {
            problems.push(format!("{}: has no .expect file", f.path.display()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Reports that list their rules (SARIF) have a summary for each of these.
#[test]
fn every_rule_has_a_summary() {
    let missing: Vec<&str> = RULES
        .iter()
        .copied()
        .filter(|r| formwork_core::diagnostic::rule_summary(r).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "no summary in diagnostic::RULES for {missing:?}"
    );
}
