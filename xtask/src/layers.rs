//! `cargo xtask test`: every test layer in order, each run even when an earlier one
//! failed, then one summary line per layer.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use crate::install::{self, CHROMEDRIVER, Purpose, WASM_TARGET};
use crate::proc::{Tools, run_captured};
use crate::size;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Passed,
    Failed,
}

/// What one layer did.
#[derive(Debug, PartialEq, Eq)]
pub struct Outcome {
    pub status: Status,
    /// `143 tests`, `fmt failed` ...; may be empty.
    pub detail: String,
}

impl Outcome {
    fn new(passed: bool, detail: impl Into<String>) -> Outcome {
        let status = if passed {
            Status::Passed
        } else {
            Status::Failed
        };
        Outcome {
            status,
            detail: detail.into(),
        }
    }
}

type Layer = fn(&Tools) -> Outcome;

const LAYERS: [(&str, Layer); 5] = [
    ("lint", lint),
    ("native", native),
    ("wasm", wasm),
    ("e2e", e2e),
    ("corpus", corpus),
];

/// Runs the layers named in `only` (all when empty), in their fixed order.
pub fn run(root: &Path, only: &[String]) -> Result<(), String> {
    if let Some(unknown) = only
        .iter()
        .find(|n| !LAYERS.iter().any(|(name, _)| name == n))
    {
        let names: Vec<&str> = LAYERS.iter().map(|(name, _)| *name).collect();
        return Err(format!(
            "no test layer `{unknown}`; the layers are {}",
            names.join(", ")
        ));
    }
    let tools = Tools::new(root);
    install::ensure(&tools, Purpose::Test)?;
    let mut lines = Vec::new();
    let mut failed = false;
    let chosen = LAYERS
        .into_iter()
        .filter(|(name, _)| only.is_empty() || only.iter().any(|n| n == name));
    for (name, layer) in chosen {
        println!("\n==== {name} ====");
        let started = Instant::now();
        let outcome = layer(&tools);
        let line = summary_line(name, &outcome, started.elapsed().as_secs());
        println!("{line}");
        failed |= outcome.status == Status::Failed;
        lines.push(line);
    }
    println!("\n==== summary ====");
    for line in &lines {
        println!("{line}");
    }
    if failed {
        Err("some test layers failed".into())
    } else {
        Ok(())
    }
}

/// `native    passed 143 tests  (40 s)`.
pub fn summary_line(name: &str, outcome: &Outcome, secs: u64) -> String {
    let status = match outcome.status {
        Status::Passed => "passed",
        Status::Failed => "FAILED",
    };
    let line = format!("{name:<9} {status:<7} {}", outcome.detail);
    format!("{:<40} ({secs} s)", line.trim_end())
}

fn cargo(tools: &Tools, args: &[&str]) -> Command {
    let mut cmd = tools.command("cargo");
    cmd.args(args);
    cmd
}

fn lint(tools: &Tools) -> Outcome {
    let checks = [
        ("fmt", cargo(tools, &["fmt", "--all", "--check"])),
        (
            "clippy",
            cargo(
                tools,
                &[
                    "clippy",
                    "--workspace",
                    "--all-targets",
                    "--all-features",
                    "--",
                    "-D",
                    "warnings",
                ],
            ),
        ),
        (
            "clippy-wasm",
            cargo(
                tools,
                &[
                    "clippy",
                    "-p",
                    "formwork-app",
                    "-p",
                    "formwork-worker",
                    "--target",
                    WASM_TARGET,
                    "--all-targets",
                    "--",
                    "-D",
                    "warnings",
                ],
            ),
        ),
    ];
    let failed: Vec<&str> = checks
        .into_iter()
        .filter_map(|(name, mut cmd)| (!run_captured(&mut cmd).0).then_some(name))
        .collect();
    if failed.is_empty() {
        Outcome::new(true, "")
    } else {
        Outcome::new(false, format!("{} failed", failed.join(", ")))
    }
}

fn native(tools: &Tools) -> Outcome {
    let mut cmd = cargo(
        tools,
        &[
            "test",
            "-p",
            "formwork-core",
            "-p",
            "formwork-cli",
            "-p",
            "xtask",
            "--all-features",
        ],
    );
    counted(run_captured(&mut cmd), libtest_counts)
}

fn wasm(tools: &Tools) -> Outcome {
    let mut cmd = cargo(
        tools,
        &["test", "--target", WASM_TARGET, "-p", "formwork-app"],
    );
    cmd.env("CHROMEDRIVER", CHROMEDRIVER);
    // The runner's default 20 s per test is short on a busy 2-core machine.
    if std::env::var_os("WASM_BINDGEN_TEST_TIMEOUT").is_none() {
        cmd.env("WASM_BINDGEN_TEST_TIMEOUT", "120");
    }
    counted(run_captured(&mut cmd), libtest_counts)
}

fn e2e(tools: &Tools) -> Outcome {
    if let Err(e) = size::ensure_release_build(tools) {
        return Outcome::new(false, format!("release build failed: {e}"));
    }
    let budget = size::measure(&tools.root.join("dist")).and_then(|s| size::check(&s));
    let mut cmd = tools.command("playwright");
    cmd.args(["test", "-c", "tests/playwright.config.ts"]);
    let mut outcome = counted(run_captured(&mut cmd), playwright_counts);
    if let Err(e) = budget {
        eprintln!("size: {e}");
        outcome.status = Status::Failed;
        outcome.detail = format!("{}, size over budget", outcome.detail);
    }
    outcome
}

/// The tests over `../shared/corpus`, in release mode: the template engine's round
/// trips and independent reading, and the validator over every template.
fn corpus(tools: &Tools) -> Outcome {
    let mut cmd = cargo(
        tools,
        &[
            "test",
            "-p",
            "formwork-core",
            "--features",
            "full-catalog",
            "--release",
            "--test",
            "corpus",
            "--",
            "--nocapture",
        ],
    );
    cmd.env("FORMWORK_PYTHON", crate::install::python_path(tools));
    let (ok, output) = run_captured(&mut cmd);
    let mut outcome = counted((ok, output.clone()), libtest_counts);
    if output.lines().any(|l| l.starts_with("SKIP")) {
        outcome.detail.push_str(" (corpus absent: skipped)");
    }
    outcome
}

/// Test counts from a runner's output.
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct Counts {
    pub passed: u32,
    pub failed: u32,
    pub skipped: u32,
}

fn counted((ok, output): (bool, String), parse: fn(&str) -> Counts) -> Outcome {
    let c = parse(&output);
    let mut detail = format!("{} tests", c.passed);
    if c.failed > 0 {
        detail = format!("{} of {} tests failed", c.failed, c.passed + c.failed);
    } else if !ok {
        detail = "did not finish (see the errors above)".into();
    }
    if c.skipped > 0 {
        detail.push_str(&format!(", {} skipped", c.skipped));
    }
    Outcome::new(ok && c.failed == 0, detail)
}

/// Adds up libtest's `test result: ok. 12 passed; 0 failed; 1 ignored; ...` lines
/// (one per test binary; wasm-bindgen-test-runner prints the same).
pub fn libtest_counts(output: &str) -> Counts {
    let mut c = Counts::default();
    for line in output.lines() {
        let Some(rest) = line.trim().strip_prefix("test result: ") else {
            continue;
        };
        for part in rest.split([';', '.']) {
            let mut words = part.split_whitespace();
            if let (Some(n), Some(what)) = (words.next(), words.next())
                && let Ok(n) = n.parse::<u32>()
            {
                match what {
                    "passed" => c.passed += n,
                    "failed" => c.failed += n,
                    "ignored" => c.skipped += n,
                    _ => {}
                }
            }
        }
    }
    c
}

/// Reads Playwright's closing lines: `  16 passed (12.3s)`, `  1 failed`, `  2 flaky`,
/// `  1 skipped`. Flaky tests passed on retry and count as passed.
pub fn playwright_counts(output: &str) -> Counts {
    let mut c = Counts::default();
    for line in output.lines() {
        let mut words = line.split_whitespace();
        let (Some(n), Some(what)) = (words.next(), words.next()) else {
            continue;
        };
        let Ok(n) = n.parse::<u32>() else { continue };
        match what {
            "passed" | "flaky" => c.passed += n,
            "failed" | "interrupted" => c.failed += n,
            "skipped" | "did" => c.skipped += n,
            _ => {}
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_up_every_test_binary() {
        let out = "\
running 12 tests
test result: ok. 12 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s

     Running tests/corpus.rs
test result: FAILED. 3 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out; finished in 1.20s

   Doc-tests formwork_core
test result: ok. 0 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s
";
        assert_eq!(
            libtest_counts(out),
            Counts {
                passed: 15,
                failed: 2,
                skipped: 1
            }
        );
        assert_eq!(
            libtest_counts("error[E0425]: cannot find value"),
            Counts::default()
        );
    }

    #[test]
    fn reads_playwright_totals() {
        let out = "\
Running 18 tests using 2 workers
  ✓  1 [root] › e2e/shell.spec.ts:10:1 › loads (1.2s)
  1 failed
    [subpath] › e2e/panic.spec.ts:5:1 › banner
  1 flaky
  2 skipped
  14 passed (21.4s)
";
        assert_eq!(
            playwright_counts(out),
            Counts {
                passed: 15,
                failed: 1,
                skipped: 2
            }
        );
    }

    #[test]
    fn outcomes_and_summary_lines() {
        let pass = counted(
            (true, "test result: ok. 143 passed; 0 failed;".into()),
            libtest_counts,
        );
        assert_eq!(pass, Outcome::new(true, "143 tests"));
        assert_eq!(
            summary_line("native", &pass, 40),
            "native    passed  143 tests              (40 s)"
        );
        assert_eq!(
            summary_line("lint", &Outcome::new(true, ""), 12),
            "lint      passed                         (12 s)"
        );

        let fail = counted(
            (false, "test result: FAILED. 9 passed; 1 failed;".into()),
            libtest_counts,
        );
        assert_eq!(fail, Outcome::new(false, "1 of 10 tests failed"));

        // A build error prints no counts but must not pass.
        let broken = counted((false, "error: could not compile".into()), libtest_counts);
        assert_eq!(
            broken,
            Outcome::new(false, "did not finish (see the errors above)")
        );
    }
}
