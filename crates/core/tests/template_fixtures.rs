//! Data-driven tests of the template engine over the project's own fixtures.
//!
//! `fixtures/template/good/*`: each is written back byte for byte in its own format;
//! converted to the other format and back it keeps its data; its warnings are those in
//! the `.warnings` file beside it. `fixtures/template/bad/*`: each is refused with the
//! position and message in the `.expect` file beside it.
//!
//! `fixtures/template/fuzz/*.input`: inputs the fuzzer found (minimised); each reads,
//! or is refused, without a panic, and what reads survives YAML and JSON unchanged.
//!
//! `UPDATE_FIXTURES=1 cargo test --test template_fixtures` rewrites the `.warnings` and
//! `.expect` files from what the engine does now; review the diff before committing.

use std::path::{Path, PathBuf};

use formwork_core::template::{self, Format};

fn fixtures(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/template")
        .join(kind);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("fixture directory")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("yaml" | "json")
            )
        })
        .collect();
    files.sort();
    files
}

fn updating() -> bool {
    std::env::var_os("UPDATE_FIXTURES").is_some()
}

/// Compares with the expectation file, or rewrites it when updating.
fn check_expectation(path: &Path, actual: &str, failures: &mut Vec<String>) {
    if updating() {
        std::fs::write(path, actual).expect("write expectation");
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    if expected != actual {
        failures.push(format!(
            "{}:\n  expected: {expected:?}\n  actual:   {actual:?}",
            path.display()
        ));
    }
}

#[test]
fn good_fixtures_are_written_back_exactly_and_keep_their_data() {
    let mut failures = Vec::new();
    let files = fixtures("good");
    assert!(files.len() >= 10, "fixtures present");
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let imported = match template::parse(&text) {
            Ok(i) => i,
            Err(e) => {
                failures.push(format!("{}: {e}", path.display()));
                continue;
            }
        };
        let t = &imported.template;
        let written = t.emit(t.format);
        if written != text {
            let line = text
                .lines()
                .zip(written.lines())
                .position(|(a, b)| a != b)
                .map_or(0, |i| i + 1);
            failures.push(format!(
                "{}: not written back exactly; first difference at line {line}:\n{written}",
                path.display()
            ));
        }
        let other = match t.format {
            Format::Yaml => Format::Json,
            Format::Json => Format::Yaml,
        };
        let converted = template::parse(&t.emit(other)).expect("converted text reads back");
        let back = template::parse(&converted.template.emit(t.format)).expect("reads back");
        if back.template.root != t.root && !path.to_string_lossy().contains("unknown") {
            failures.push(format!(
                "{}: data changed through {}",
                path.display(),
                other.name()
            ));
        }
        let warnings: String = imported
            .warnings
            .iter()
            .map(|w| {
                format!(
                    "{} {} {}\n",
                    w.pos.map(|p| p.to_string()).unwrap_or_default(),
                    w.rule,
                    w.message
                )
            })
            .collect();
        check_expectation(&path.with_extension("warnings"), &warnings, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn bad_fixtures_are_refused_with_position_and_message() {
    let mut failures = Vec::new();
    for path in fixtures("bad") {
        let text = std::fs::read_to_string(&path).unwrap();
        let actual = match template::parse(&text) {
            Ok(i) => format!(
                "accepted with warnings: {}\n",
                i.warnings
                    .iter()
                    .map(|w| format!("{} {}", w.rule, w.message))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            Err(e) => format!("{e}\n"),
        };
        check_expectation(&path.with_extension("expect"), &actual, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Whether a tree holds a tag JSON cannot hold.
fn has_tagged(node: &formwork_core::template::Node) -> bool {
    let mut found = false;
    node.walk(&mut |_, n| found |= matches!(n.value, formwork_core::template::Value::Tagged(_)));
    found
}

/// The round trips the fuzz target asserts: YAML always, JSON when there is no tag.
fn round_trips(text: &str) -> Result<(), String> {
    let Ok(imported) = template::parse(text) else {
        return Ok(());
    };
    let t = &imported.template;
    let mut formats = vec![Format::Yaml];
    if !has_tagged(&t.root) {
        formats.push(Format::Json);
    }
    for format in formats {
        let written = t.emit(format);
        match template::parse(&written) {
            Ok(back) if back.template.root == t.root => {}
            Ok(_) => {
                return Err(format!(
                    "data changed through {}:\n{written}",
                    format.name()
                ));
            }
            Err(e) => {
                return Err(format!(
                    "{} does not read back ({e}):\n{written}",
                    format.name()
                ));
            }
        }
    }
    Ok(())
}

#[test]
fn inputs_the_fuzzer_found_read_and_round_trip() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/template/fuzz");
    let mut failures = Vec::new();
    let mut count = 0;
    for entry in std::fs::read_dir(dir).expect("fuzz fixtures") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("readable");
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        count += 1;
        if let Err(e) = round_trips(&text) {
            failures.push(format!("{}: {e}", path.display()));
        }
    }
    assert!(count >= 20, "the fuzz fixtures are there");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn a_long_line_reads_in_linear_time() {
    // A one-line JSON template of 300 KB with a trailing comma falls back to the YAML
    // reader; the fuzzer found that it once took seconds. Generous bound for debug.
    let mut text = String::from("{\"Resources\": {");
    for i in 0..3000 {
        text.push_str(&format!(
            "\"R{i}\": {{\"Type\": \"AWS::SNS::Topic\", \"Properties\": {{\"TopicName\": \"t{i}\"}}}},"
        ));
    }
    text.push_str("}}");
    let started = std::time::Instant::now();
    let imported = template::parse(&text).expect("reads as YAML flow style");
    assert_eq!(imported.template.resources().count(), 3000);
    assert!(
        started.elapsed().as_secs_f64() < 5.0,
        "took {:?}",
        started.elapsed()
    );
    assert!(round_trips(&text).is_ok());
}
