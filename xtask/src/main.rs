//! Project automation, run as `cargo xtask <command>` (an alias in `.cargo/config.toml`).
//!
//! - `serve [--dev]`: installs what is missing, then serves the designer at
//!   <http://127.0.0.1:8080> (a release build; `--dev` for a quick debug build).
//! - `test [LAYER...]`: installs what is missing, then runs every test layer (lint,
//!   native, wasm, e2e, corpus; or only those named) and ends with one summary line
//!   per layer.
//! - `size`: builds the release bundle if needed, prints its size and checks the budget,
//!   and rewrites the table in `docs/size-report.md`.
//! - `catalog [--schemas DIR]`: regenerates the resource catalog (see `catalog.rs`).
//!
//! Only the standard library: this crate builds in seconds on a fresh machine. Gzip sizes
//! come from the `gzip` program, which every Debian system has.

mod catalog;
mod install;
mod layers;
mod proc;
mod size;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub use proc::run_checked;
pub use size::gzip_size;

const USAGE: &str = "\
usage: cargo xtask <command>

  serve [--dev]            install what is missing, then serve the designer at
                           http://127.0.0.1:8080 (release build; --dev: debug build)
  test [LAYER...]          install what is missing, then run every test layer
                           (or the named ones): lint, native, wasm, e2e, corpus
  size                     build the release bundle if needed, check it against the
                           size budget and rewrite docs/size-report.md
  catalog [--schemas DIR]  regenerate crates/core/data/catalog*.txt";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = workspace_root();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(&root, &args[1..]),
        Some("test") => layers::run(&root, &args[1..]),
        Some("size") if args.len() == 1 => size::command(&root),
        Some("catalog") => catalog::run(&root, &args[1..]),
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(format!("unknown arguments {args:?}\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The repository root: xtask lives one level below it.
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits inside the workspace")
        .to_path_buf()
}

fn serve(root: &Path, args: &[String]) -> Result<(), String> {
    let dev = match args {
        [] => false,
        [flag] if flag == "--dev" => true,
        _ => return Err(format!("unknown arguments {args:?}\n\n{USAGE}")),
    };
    let tools = proc::Tools::new(root);
    install::ensure(&tools, install::Purpose::Serve)?;
    let mut trunk = tools.command("trunk");
    trunk.args(["serve", "--address", "127.0.0.1", "--port", "8080"]);
    if !dev {
        trunk.arg("--release");
    }
    // Watch the app's inputs only: the default (the whole repository) would also watch
    // node_modules and the test results.
    for path in size::BUNDLE_INPUTS {
        trunk.args(["--watch", path]);
    }
    let mode = if dev { "debug build" } else { "release build" };
    println!("serve: Formwork at http://127.0.0.1:8080/ ({mode}; Ctrl+C stops)");
    run_checked(&mut trunk)
}
