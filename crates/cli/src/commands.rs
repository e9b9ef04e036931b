//! The subcommands, each reading its input, calling the core, and writing results.

use std::io::{Read, Write};
use std::process::ExitCode;

use formwork_core::diagnostic::Diagnostic;
use formwork_core::template::{self, Format, Imported};

/// Reads a file, or standard input for `-`.
pub fn read_input(path: &str) -> Result<String, String> {
    if path == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        Ok(text)
    } else {
        std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))
    }
}

fn display_name(path: &str) -> &str {
    if path == "-" { "<stdin>" } else { path }
}

/// Parses, printing warnings to stderr as `file:line:col: warning RULE message`.
fn import(path: &str, text: &str) -> Result<Imported, String> {
    let name = display_name(path);
    let imported = template::parse(text).map_err(|e| format!("{name}:{e}"))?;
    for w in &imported.warnings {
        eprintln!("{}", located(name, w));
    }
    Ok(imported)
}

pub fn located(name: &str, d: &Diagnostic) -> String {
    match d.pos {
        Some(pos) => format!(
            "{name}:{pos}: {} {} {}",
            d.severity.as_str(),
            d.rule,
            d.message
        ),
        None => format!("{name}: {} {} {}", d.severity.as_str(), d.rule, d.message),
    }
}

fn write_output(path: Option<&str>, text: &str) -> Result<(), String> {
    match path {
        None | Some("-") => std::io::stdout()
            .write_all(text.as_bytes())
            .map_err(|e| format!("cannot write standard output: {e}")),
        Some(path) => std::fs::write(path, text).map_err(|e| format!("cannot write {path}: {e}")),
    }
}

pub fn convert(path: &str, to: Format, output: Option<&str>) -> Result<ExitCode, String> {
    let text = read_input(path)?;
    let imported = import(path, &text)?;
    if to == Format::Json && imported.template.has_comments() {
        eprintln!(
            "{}: note: JSON has no comments; the template's comments are not in the output",
            display_name(path)
        );
    }
    write_output(output, &imported.template.emit(to))?;
    Ok(ExitCode::SUCCESS)
}

pub fn fmt(path: &str, check: bool) -> Result<ExitCode, String> {
    let text = read_input(path)?;
    let imported = import(path, &text)?;
    let formatted = imported.template.emit(imported.template.format);
    if check {
        if formatted == text {
            return Ok(ExitCode::SUCCESS);
        }
        let line = first_difference(&text, &formatted);
        eprintln!(
            "{}:{line}: not formatted (run `formwork fmt {path}`)",
            display_name(path)
        );
        return Ok(ExitCode::from(1));
    }
    if path == "-" {
        write_output(None, &formatted)?;
    } else if formatted != text {
        write_output(Some(path), &formatted)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The first line (1-based) where two texts differ.
fn first_difference(a: &str, b: &str) -> usize {
    a.lines()
        .zip(b.lines())
        .position(|(x, y)| x != y)
        .unwrap_or_else(|| a.lines().count().min(b.lines().count()))
        + 1
}

/// Validates each file; prints `file:line:col: severity RULE message` per finding.
pub fn validate(files: &[String]) -> Result<ExitCode, String> {
    let catalog = formwork_core::catalog::full_catalog();
    let (mut errors, mut warnings) = (0, 0);
    for path in files {
        let text = read_input(path)?;
        let name = display_name(path);
        for d in formwork_core::validate::validate_text(&text, catalog) {
            match d.severity {
                formwork_core::diagnostic::Severity::Error => errors += 1,
                _ => warnings += 1,
            }
            println!("{}", located(name, &d));
        }
    }
    Ok(ExitCode::from(if errors > 0 {
        2
    } else if warnings > 0 {
        4
    } else {
        0
    }))
}
