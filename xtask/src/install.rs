//! Installing what `serve` and `test` need, idempotently: each step says what it does,
//! or that it skips because the right version is present.
//!
//! The versions are the ones that work together here (see the shared TOOLCHAIN notes):
//! trunk 0.21.14 (0.22 needs a newer rustc), wasm-bindgen-cli equal to the
//! `wasm-bindgen` in Cargo.lock, binaryen 132 and Playwright from package-lock.json, and
//! Debian's chromium and chromium-driver for the browser tests.

use std::path::Path;
use std::time::Instant;

use crate::proc::{Tools, run_checked};

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
pub const TRUNK_VERSION: &str = "0.21.14";
/// Playwright 1.65 needs Node 20.
const NODE_MAJOR: u32 = 20;
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The Python environment of the corpus layer: PyYAML, the YAML 1.1 reader cfn-lint
/// uses, reads back every exported template to check it independently.
pub const PYTHON_ENV: &str = "target/py-venv";
const PYYAML: &str = "PyYAML==6.0.3";
/// Written into node_modules after `npm ci`: a copy of the lock it installed.
const NPM_STAMP: &str = "node_modules/.formwork-package-lock.json";

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Purpose {
    Serve,
    Test,
}

pub fn ensure(tools: &Tools, purpose: Purpose) -> Result<(), String> {
    let started = Instant::now();
    wasm_target(tools)?;
    trunk(tools)?;
    wasm_bindgen(tools)?;
    node_packages(tools)?;
    if purpose == Purpose::Test {
        browser(tools)?;
        python(tools)?;
    }
    println!(
        "install: everything present ({} s)\n",
        started.elapsed().as_secs()
    );
    Ok(())
}

fn skip(what: &str) {
    println!("install: {what} present, skipping");
}

fn wasm_target(tools: &Tools) -> Result<(), String> {
    let installed = tools
        .command("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map_err(|e| format!("rustup is needed to add the {WASM_TARGET} target: {e}"))?;
    if target_listed(&String::from_utf8_lossy(&installed.stdout), WASM_TARGET) {
        skip(&format!("Rust target {WASM_TARGET}"));
        return Ok(());
    }
    println!("install: adding the Rust target {WASM_TARGET}");
    run_checked(tools.command("rustup").args(["target", "add", WASM_TARGET]))
}

fn trunk(tools: &Tools) -> Result<(), String> {
    let found = tools.first_line("trunk", &["--version"]);
    if is_version(found.as_deref(), TRUNK_VERSION) {
        skip(&format!("trunk {TRUNK_VERSION}"));
        return Ok(());
    }
    println!(
        "install: trunk {TRUNK_VERSION} (found {}); building it takes 6-13 minutes on 2 cores",
        found.as_deref().unwrap_or("none")
    );
    run_checked(tools.command("cargo").args([
        "install",
        "trunk",
        "--version",
        TRUNK_VERSION,
        "--locked",
    ]))
}

fn wasm_bindgen(tools: &Tools) -> Result<(), String> {
    let lock = read(&tools.root.join("Cargo.lock"))?;
    let wanted = lock_version(&lock, "wasm-bindgen")
        .ok_or("Cargo.lock has no wasm-bindgen package; build the app once to resolve it")?;
    // Trunk downloads (and here fails) when its pin differs from the CLI on PATH.
    let trunk_toml = read(&tools.root.join("Trunk.toml")).unwrap_or_default();
    if let Some(pinned) = trunk_wasm_bindgen(&trunk_toml)
        && pinned != wanted
    {
        return Err(format!(
            "Trunk.toml pins wasm_bindgen = \"{pinned}\" but Cargo.lock has wasm-bindgen {wanted}; make them equal"
        ));
    }
    let cli = tools.first_line("wasm-bindgen", &["--version"]);
    let runner = tools.first_line("wasm-bindgen-test-runner", &["--version"]);
    if is_version(cli.as_deref(), &wanted) && is_version(runner.as_deref(), &wanted) {
        skip(&format!("wasm-bindgen-cli {wanted}"));
        return Ok(());
    }
    println!(
        "install: wasm-bindgen-cli {wanted} to match Cargo.lock (found {}); 2-7 minutes",
        cli.as_deref().unwrap_or("none")
    );
    // Not --locked: its lock wants a webpki-roots release the registry mirror lacks.
    run_checked(
        tools
            .command("cargo")
            .args(["install", "wasm-bindgen-cli", "--version", &wanted]),
    )
}

fn node_packages(tools: &Tools) -> Result<(), String> {
    let node = tools.first_line("node", &["--version"]);
    let major = node.as_deref().and_then(node_major);
    if major.is_none_or(|m| m < NODE_MAJOR) || tools.which("npm").is_none() {
        return Err(format!(
            "Node.js {NODE_MAJOR} or later with npm is needed (found {}); on Debian: \
             https://github.com/nodesource/distributions, then run this command again",
            node.as_deref().unwrap_or("no node")
        ));
    }
    let lock = std::fs::read(tools.root.join("package-lock.json"))
        .map_err(|e| format!("cannot read package-lock.json: {e}"))?;
    let stamp = std::fs::read(tools.root.join(NPM_STAMP)).ok();
    if npm_up_to_date(&lock, stamp.as_deref()) {
        println!("install: node_modules matches package-lock.json, skipping npm ci");
        return Ok(());
    }
    println!("install: npm packages from package-lock.json (binaryen, Playwright)");
    run_checked(tools.command("npm").args(["ci", "--no-audit", "--no-fund"]))?;
    std::fs::write(tools.root.join(NPM_STAMP), &lock)
        .map_err(|e| format!("cannot write {NPM_STAMP}: {e}"))
}

fn browser(tools: &Tools) -> Result<(), String> {
    let missing: Vec<&str> = [(CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")]
        .into_iter()
        .filter(|(path, _)| !Path::new(path).exists())
        .map(|(_, package)| package)
        .collect();
    if missing.is_empty() {
        skip("chromium and chromium-driver");
        return Ok(());
    }
    let is_root = tools
        .first_line("id", &["-u"])
        .is_some_and(|uid| uid == "0");
    let sudo = tools.which("sudo").is_some();
    let steps = [vec!["update"], [&["install", "-y"][..], &missing].concat()];
    let Some(argvs) = steps
        .iter()
        .map(|args| apt_argv(is_root, sudo, args))
        .collect::<Option<Vec<_>>>()
    else {
        let as_root: Vec<String> = steps
            .iter()
            .filter_map(|args| apt_argv(true, false, args).map(|argv| argv.join(" ")))
            .collect();
        return Err(format!(
            "{} missing, and installing needs root (no sudo here); as root, run:\n  {}",
            missing.join(" and "),
            as_root.join(" && ")
        ));
    };
    println!("install: {} from Debian (apt-get)", missing.join(" and "));
    for argv in argvs {
        run_checked(tools.command(&argv[0]).args(&argv[1..]))?;
    }
    Ok(())
}

/// The Python interpreter with PyYAML that the corpus layer uses.
pub fn python_path(tools: &Tools) -> std::path::PathBuf {
    tools.root.join(PYTHON_ENV).join("bin/python")
}

fn python(tools: &Tools) -> Result<(), String> {
    let python = python_path(tools);
    let has_yaml = |p: &Path| {
        tools
            .command(&p.display().to_string())
            .args(["-c", "import yaml"])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if python.exists() && has_yaml(&python) {
        skip(&format!("{PYYAML} in {PYTHON_ENV}"));
        return Ok(());
    }
    println!("install: {PYYAML} into {PYTHON_ENV} (from PyPI)");
    if !python.exists() {
        run_checked(
            tools
                .command("python3")
                .args(["-m", "venv"])
                .arg(tools.root.join(PYTHON_ENV)),
        )?;
    }
    run_checked(
        tools
            .command(&python.display().to_string())
            .args(["-m", "pip", "install", "--quiet", PYYAML]),
    )
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// The version of the `name` package in Cargo.lock text (the first, if several).
pub fn lock_version(lock: &str, name: &str) -> Option<String> {
    let wanted = format!("name = \"{name}\"");
    let mut lines = lock.lines().map(str::trim);
    while let Some(line) = lines.next() {
        if line == wanted {
            return lines
                .next()?
                .strip_prefix("version = \"")?
                .strip_suffix('"')
                .map(str::to_string);
        }
    }
    None
}

/// The `wasm_bindgen = "..."` pin in Trunk.toml's `[tools]`, if any.
fn trunk_wasm_bindgen(trunk_toml: &str) -> Option<&str> {
    trunk_toml.lines().find_map(|line| {
        let value = line
            .trim()
            .strip_prefix("wasm_bindgen")?
            .trim_start()
            .strip_prefix('=')?;
        value.trim().strip_prefix('"')?.split('"').next()
    })
}

/// Whether a `--version` line (`trunk 0.21.14`, `wasm-bindgen 0.2.130`) names `wanted`.
pub fn is_version(line: Option<&str>, wanted: &str) -> bool {
    line.is_some_and(|l| l.split_whitespace().any(|word| word == wanted))
}

/// `v20.20.2` -> 20.
fn node_major(version: &str) -> Option<u32> {
    version
        .trim()
        .strip_prefix('v')?
        .split('.')
        .next()?
        .parse()
        .ok()
}

fn target_listed(installed: &str, target: &str) -> bool {
    installed.lines().any(|l| l.trim() == target)
}

/// node_modules is current when it was installed from this very lock.
fn npm_up_to_date(lock: &[u8], stamp: Option<&[u8]>) -> bool {
    stamp == Some(lock)
}

/// The apt-get command line: directly as root, through sudo otherwise, or none.
fn apt_argv(is_root: bool, has_sudo: bool, args: &[&str]) -> Option<Vec<String>> {
    let prefix: &[&str] = match (is_root, has_sudo) {
        (true, _) => &[],
        (false, true) => &["sudo"],
        (false, false) => return None,
    };
    let apt = ["env", "DEBIAN_FRONTEND=noninteractive", "apt-get"];
    Some(
        prefix
            .iter()
            .chain(&apt)
            .chain(args)
            .map(|s| s.to_string())
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCK: &str = r#"
[[package]]
name = "wasm-bindgen-test"
version = "0.3.80"

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"
dependencies = [
 "cfg-if",
]

[[package]]
name = "wasm-bindgen-backend"
version = "0.2.130"
"#;

    #[test]
    fn reads_the_exact_package_from_the_lock() {
        assert_eq!(
            lock_version(LOCK, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(
            lock_version(LOCK, "wasm-bindgen-test").as_deref(),
            Some("0.3.80")
        );
        assert_eq!(lock_version(LOCK, "wasm"), None);
        assert_eq!(lock_version("", "wasm-bindgen"), None);
    }

    #[test]
    fn reads_the_trunk_pin() {
        let toml = "[build]\noffline = true\n\n[tools]\nwasm_bindgen = \"0.2.130\" # must equal\nwasm_opt = \"version_132\"\n";
        assert_eq!(trunk_wasm_bindgen(toml), Some("0.2.130"));
        assert_eq!(trunk_wasm_bindgen("[tools]\n"), None);
    }

    #[test]
    fn version_lines_match_whole_words_only() {
        assert!(is_version(Some("trunk 0.21.14"), "0.21.14"));
        assert!(is_version(Some("wasm-bindgen 0.2.130"), "0.2.130"));
        assert!(!is_version(Some("trunk 0.21.1"), "0.21.14"));
        assert!(!is_version(Some("wasm-bindgen 0.2.1300"), "0.2.130"));
        assert!(!is_version(None, "0.21.14"));
    }

    #[test]
    fn node_versions() {
        assert_eq!(node_major("v20.20.2"), Some(20));
        assert_eq!(node_major("v18.19.0\n"), Some(18));
        assert_eq!(node_major("20.1"), None);
    }

    #[test]
    fn rustup_target_list() {
        let out = "wasm32-unknown-unknown\nx86_64-unknown-linux-gnu\n";
        assert!(target_listed(out, WASM_TARGET));
        assert!(!target_listed("x86_64-unknown-linux-gnu\n", WASM_TARGET));
    }

    #[test]
    fn npm_runs_unless_installed_from_this_lock() {
        assert!(npm_up_to_date(b"{lock}", Some(b"{lock}")));
        assert!(!npm_up_to_date(b"{lock v2}", Some(b"{lock}")));
        assert!(!npm_up_to_date(b"{lock}", None));
    }

    #[test]
    fn apt_as_root_through_sudo_or_not_at_all() {
        let apt = "env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium";
        let line = |is_root, sudo| {
            apt_argv(is_root, sudo, &["install", "-y", "chromium"]).map(|a| a.join(" "))
        };
        assert_eq!(line(true, false).as_deref(), Some(apt));
        assert_eq!(line(true, true).as_deref(), Some(apt));
        assert_eq!(line(false, true), Some(format!("sudo {apt}")));
        assert_eq!(line(false, false), None);
    }
}
