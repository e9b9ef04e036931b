//! The `formwork` binary as users and CI run it: convert, fmt (with `--check`),
//! validate in each output format, standard input as `-`, and the exit codes
//! (0 success, 1 invalid input, 2 usage; validate: 0 clean, 2 errors, 4 warnings only).
//!
//! JSON and SARIF output is read back with serde_json, a parser independent of the
//! hand-written writers.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const CLEAN: &str = r#"AWSTemplateFormatVersion: "2010-09-09"
Description: Alerts topic
Resources:
  AlertsTopic:
    Type: AWS::SNS::Topic
Outputs:
  TopicArn:
    Value: !Ref AlertsTopic
"#;

/// A Ref to `Vpc` where the resource is `VPC` (E1012, an error).
const BROKEN: &str = r#"AWSTemplateFormatVersion: "2010-09-09"
Description: A VPC and a subnet
Resources:
  VPC:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  AppSubnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24
"#;

/// An unused parameter (W2001, a warning) and nothing else.
const WARNS: &str = r#"AWSTemplateFormatVersion: "2010-09-09"
Description: Alerts topic
Parameters:
  Unused:
    Type: String
Resources:
  AlertsTopic:
    Type: AWS::SNS::Topic
"#;

/// Not YAML that can be read: an unclosed flow sequence.
const UNREADABLE: &str = "Resources: [\n  Topic:\n";

fn formwork() -> Command {
    Command::new(env!("CARGO_BIN_EXE_formwork"))
}

/// Runs formwork with arguments and, when given, text on standard input.
fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = formwork()
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("formwork runs");
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    child.wait_with_output().expect("formwork finishes")
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("an exit code")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("UTF-8 errors")
}

/// A fresh directory for one test, removed when the test ends.
struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn scratch(test: &str) -> Scratch {
    let dir = std::env::temp_dir().join(format!("formwork-cli-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    Scratch(dir)
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &[][..],
        &["validate"][..],
        &["validate", "t.yaml", "--format", "xml"][..],
        &["convert", "t.yaml", "--to", "toml"][..],
        &["frobnicate"][..],
    ] {
        let out = run(args, None);
        assert_eq!(code(&out), 2, "formwork {args:?}: {}", stderr(&out));
    }
}

#[test]
fn convert_writes_the_other_format_from_a_file_or_standard_input() {
    let dir = scratch("convert");
    let file = write(&dir, "topic.yaml", CLEAN);
    let out = run(&["convert", &file, "--to", "json"], None);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let json: Value = serde_json::from_str(&stdout(&out)).expect("JSON output");
    assert_eq!(json["Resources"]["AlertsTopic"]["Type"], "AWS::SNS::Topic");
    assert_eq!(json["Outputs"]["TopicArn"]["Value"]["Ref"], "AlertsTopic");

    let from_stdin = run(&["convert", "-", "--to", "json"], Some(CLEAN));
    assert_eq!(code(&from_stdin), 0, "{}", stderr(&from_stdin));
    assert_eq!(stdout(&from_stdin), stdout(&out));

    // And back to YAML through a file written with --output.
    let json_file = write(&dir, "topic.json", &stdout(&out));
    let yaml_file = dir.join("back.yaml").to_string_lossy().into_owned();
    let back = run(
        &["convert", &json_file, "--to", "yaml", "-o", &yaml_file],
        None,
    );
    assert_eq!(code(&back), 0, "{}", stderr(&back));
    let yaml = std::fs::read_to_string(&yaml_file).unwrap();
    assert!(
        yaml.contains("AlertsTopic:") && yaml.contains("AWS::SNS::Topic"),
        "{yaml}"
    );
}

#[test]
fn invalid_input_exits_1_with_the_place() {
    let dir = scratch("invalid");
    let file = write(&dir, "broken.yaml", UNREADABLE);
    for args in [
        &["convert", file.as_str(), "--to", "json"][..],
        &["fmt", file.as_str(), "--check"][..],
    ] {
        let out = run(args, None);
        assert_eq!(code(&out), 1, "formwork {args:?}");
        assert!(
            stderr(&out).contains(&format!("{file}:")),
            "the message names the file and place: {}",
            stderr(&out)
        );
    }
    let missing = dir.join("absent.yaml").to_string_lossy().into_owned();
    for args in [
        &["convert", missing.as_str(), "--to", "json"][..],
        &["fmt", missing.as_str()][..],
        &["validate", missing.as_str()][..],
    ] {
        let out = run(args, None);
        assert_eq!(code(&out), 1, "formwork {args:?}");
        assert!(stderr(&out).contains("cannot read"), "{}", stderr(&out));
    }
}

#[test]
fn fmt_check_passes_formatted_text_and_fails_other_text() {
    let dir = scratch("fmt");
    // What formwork makes of a loosely written template is, by definition, formatted.
    let loose = "Resources:\n    Topic:\n        Type:    AWS::SNS::Topic\n";
    let formatted = run(&["fmt", "-"], Some(loose));
    assert_eq!(code(&formatted), 0, "{}", stderr(&formatted));
    let canonical = stdout(&formatted);
    assert_ne!(canonical, loose);

    let good = write(&dir, "good.yaml", &canonical);
    assert_eq!(code(&run(&["fmt", &good, "--check"], None)), 0);

    let bad = write(&dir, "bad.yaml", loose);
    let check = run(&["fmt", &bad, "--check"], None);
    assert_eq!(code(&check), 1);
    assert!(
        stderr(&check).contains("not formatted"),
        "{}",
        stderr(&check)
    );
    assert_eq!(
        std::fs::read_to_string(&bad).unwrap(),
        loose,
        "--check changes nothing"
    );

    let in_place = run(&["fmt", &bad], None);
    assert_eq!(code(&in_place), 0, "{}", stderr(&in_place));
    assert_eq!(std::fs::read_to_string(&bad).unwrap(), canonical);
    assert_eq!(code(&run(&["fmt", &bad, "--check"], None)), 0);
}

#[test]
fn validate_exit_codes_are_0_clean_2_errors_4_warnings_only() {
    let dir = scratch("exit-codes");
    let clean = write(&dir, "clean.yaml", CLEAN);
    let broken = write(&dir, "broken.yaml", BROKEN);
    let warns = write(&dir, "warns.yaml", WARNS);
    let unreadable = write(&dir, "unreadable.yaml", UNREADABLE);

    let out = run(&["validate", &clean], None);
    assert_eq!((code(&out), stdout(&out).as_str()), (0, ""));
    assert_eq!(code(&run(&["validate", &broken], None)), 2);
    assert_eq!(code(&run(&["validate", &warns], None)), 4);
    assert_eq!(code(&run(&["validate", &warns, &broken, &clean], None)), 2);
    assert_eq!(code(&run(&["validate", &warns, &clean], None)), 4);

    // A template that cannot be read is a finding (E0000), not a failure to run.
    let out = run(&["validate", &unreadable], None);
    assert_eq!(code(&out), 2);
    assert!(stdout(&out).contains(" error E0000 "), "{}", stdout(&out));
}

#[test]
fn validate_text_lines_point_at_file_line_and_column() {
    let dir = scratch("text");
    let broken = write(&dir, "broken.yaml", BROKEN);
    let out = run(&["validate", &broken], None);
    assert_eq!(
        stdout(&out),
        format!(
            "{broken}:11:19: error E1012 Ref to \"Vpc\", which is not a resource, a parameter \
             or a pseudo parameter; did you mean VPC?\n"
        )
    );
    // The same with --format text, and from standard input.
    let explicit = run(&["validate", "--format", "text", &broken], None);
    assert_eq!(stdout(&explicit), stdout(&out));
    let piped = run(&["validate", "-"], Some(BROKEN));
    assert_eq!(code(&piped), 2);
    assert!(
        stdout(&piped).starts_with("<stdin>:11:19: error E1012 "),
        "{}",
        stdout(&piped)
    );
}

#[test]
fn validate_json_is_an_array_of_findings() {
    let dir = scratch("json");
    // A file name that needs escaping in JSON.
    let broken = write(&dir, "broken \"quoted\" \\ é.yaml", BROKEN);
    let warns = write(&dir, "warns.yaml", WARNS);
    let out = run(&["validate", "--format", "json", &broken, &warns], None);
    assert_eq!(code(&out), 2);
    let findings: Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    let findings = findings.as_array().expect("an array");
    assert_eq!(findings.len(), 2);
    let first = &findings[0];
    assert_eq!(first["file"], broken.as_str());
    assert_eq!(first["rule"], "E1012");
    assert_eq!(first["severity"], "error");
    assert_eq!(
        first["message"],
        "Ref to \"Vpc\", which is not a resource, a parameter or a pseudo parameter; did you mean VPC?"
    );
    assert_eq!(first["path"], "Resources/AppSubnet/Properties/VpcId");
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(11), Some(19))
    );
    let second = &findings[1];
    assert_eq!(
        (&second["file"], &second["rule"], &second["severity"]),
        (
            &Value::from(warns.as_str()),
            &Value::from("W2001"),
            &Value::from("warning")
        )
    );

    // Clean input gives an empty array; standard input is named <stdin>.
    let clean = run(&["validate", "--format", "json", "-"], Some(CLEAN));
    assert_eq!(code(&clean), 0);
    assert_eq!(
        serde_json::from_str::<Value>(&stdout(&clean)).unwrap(),
        Value::Array(vec![])
    );
    let piped = run(&["validate", "--format", "json", "-"], Some(WARNS));
    let piped: Value = serde_json::from_str(&stdout(&piped)).unwrap();
    assert_eq!(piped[0]["file"], "<stdin>");
}

#[test]
fn validate_sarif_is_a_sarif_2_1_0_log() {
    let dir = scratch("sarif");
    let broken = write(&dir, "broken template.yaml", BROKEN);
    let warns = write(&dir, "warns.yaml", WARNS);
    let out = run(&["validate", "--format", "sarif", &broken, &warns], None);
    assert_eq!(code(&out), 2);
    let log: Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    assert_eq!(log["version"], "2.1.0");
    assert!(
        log["$schema"]
            .as_str()
            .unwrap()
            .contains("sarif-schema-2.1.0")
    );
    let runs = log["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "formwork");
    let rules = driver["rules"].as_array().expect("rules");
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["E1012", "W2001"]);
    for rule in rules {
        assert!(
            !rule["shortDescription"]["text"]
                .as_str()
                .unwrap()
                .is_empty()
        );
    }
    let results = runs[0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 2);
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(
            rules[index]["id"], result["ruleId"],
            "ruleIndex points at the rule"
        );
        assert!(!result["message"]["text"].as_str().unwrap().is_empty());
        let location = &result["locations"][0]["physicalLocation"];
        assert!(location["artifactLocation"]["uri"].is_string());
        assert!(location["region"]["startLine"].as_u64().unwrap() >= 1);
        assert!(location["region"]["startColumn"].as_u64().unwrap() >= 1);
    }
    let error = &results[0];
    assert_eq!(
        (&error["ruleId"], &error["level"]),
        (&Value::from("E1012"), &Value::from("error"))
    );
    let uri = error["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        uri.starts_with("file:///") && uri.ends_with("/broken%20template.yaml"),
        "{uri}"
    );
    let region = &error["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(11), Some(19))
    );
    assert_eq!(results[1]["level"], "warning");

    // A clean run is still a valid log, with no results.
    let clean = run(&["validate", "--format", "sarif", "-"], Some(CLEAN));
    assert_eq!(code(&clean), 0);
    let log: Value = serde_json::from_str(&stdout(&clean)).expect("valid JSON");
    assert_eq!(log["runs"][0]["results"], Value::Array(vec![]));
    assert_eq!(
        log["runs"][0]["tool"]["driver"]["rules"],
        Value::Array(vec![])
    );
}

fn repo(path: &str) -> String {
    format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn simulate_runs_each_sample_with_its_example_scenario() {
    for name in ["wordpress-multi-az", "large-web-app", "vpc-two-az"] {
        let template = repo(&format!("crates/core/data/samples/{name}.yaml"));
        let scenario = repo(&format!("examples/scenarios/{name}.yaml"));
        let out = run(
            &[
                "simulate",
                &template,
                "--scenario",
                &scenario,
                "--duration",
                "20m",
                "--format",
                "json",
            ],
            None,
        );
        assert!(matches!(code(&out), 0 | 3), "{name}: {}", stderr(&out));
        let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
        let summary = &report["summary"];
        for key in ["requests", "errors", "availability", "cost_usd"] {
            assert!(summary[key].is_number(), "{name}: summary.{key}");
        }
        for key in ["mean", "p50", "p95", "p99"] {
            assert!(
                summary["latency_ms"][key].is_number(),
                "{name}: latency_ms.{key}"
            );
        }
        assert!(report["events"].is_array() && report["downtime"].is_array());
        assert!(report["audit"]["Records"].is_array());
        assert_eq!(
            report["timeline"].as_array().unwrap().len(),
            20 * 60,
            "{name}: a row per second"
        );
    }
}

#[test]
fn simulate_exits_0_when_the_slo_holds_3_when_it_does_not() {
    let template = repo("crates/core/data/samples/wordpress-multi-az.yaml");
    let dir = scratch("simulate-slo");
    let base = "duration: 10m\nregion: ap-northeast-2\nparameters: { KeyName: k, DBUser: admin, DBPassword: password1 }\ntraffic: [ { at: 0s, rps: 20 } ]\n";
    let calm = write(&dir, "calm.yaml", base);
    let out = run(&["simulate", &template, "--scenario", &calm], None);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert!(stdout(&out).contains("SLO met"));

    let failing = write(
        &dir,
        "failover.yaml",
        &format!("{base}faults: [ {{ at: 2m, kind: db-failover, target: Database }} ]\n"),
    );
    let out = run(
        &[
            "simulate",
            &template,
            "--scenario",
            &failing,
            "-o",
            &dir.join("out").to_string_lossy(),
        ],
        None,
    );
    assert_eq!(code(&out), 3);
    assert!(
        stdout(&out).contains("failing over to its standby"),
        "{}",
        stdout(&out)
    );
    for file in ["timeline.csv", "cloudtrail.json", "sla.json", "cost.json"] {
        assert!(dir.join("out").join(file).is_file(), "{file} written");
    }
    let trail: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("out/cloudtrail.json")).unwrap())
            .unwrap();
    let names: Vec<&str> = trail["Records"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["eventName"].as_str())
        .collect();
    assert!(names.contains(&"RebootDBInstance"), "{names:?}");
}

#[test]
fn simulate_says_what_is_wrong_and_exits_1() {
    let template = repo("crates/core/data/samples/wordpress-multi-az.yaml");
    let dir = scratch("simulate-bad");
    let bad = write(
        &dir,
        "bad.yaml",
        "faults: [ { at: 1m, kind: db-failover, target: NoSuchDatabase } ]\n",
    );
    let out = run(&["simulate", &template, "--scenario", &bad], None);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("NoSuchDatabase"), "{}", stderr(&out));
    let out = run(&["simulate", &template, "--duration", "2 weeks"], None);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("unknown unit"));
    let out = run(&["simulate", &template, "--format", "xml"], None);
    assert_eq!(code(&out), 2);
}
