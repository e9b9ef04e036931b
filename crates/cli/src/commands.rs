//! The subcommands, each reading its input, calling the core, and writing results.

use std::io::{Read, Write};
use std::process::ExitCode;

use formwork_core::diagnostic::{Diagnostic, Severity};
use formwork_core::template::{self, Format, Imported};

use crate::report::{self, FileReport, ReportFormat};

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
    crate::report::text::line(name, d)
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

/// Validates each file and writes every finding in the chosen format to standard
/// output. A file that cannot be read stops the command (exit 1); one that cannot be
/// parsed is a finding (E0000).
pub fn validate(files: &[String], format: ReportFormat) -> Result<ExitCode, String> {
    let catalog = formwork_core::catalog::full_catalog();
    let mut reports = Vec::with_capacity(files.len());
    for path in files {
        let text = read_input(path)?;
        reports.push(FileReport {
            name: display_name(path).to_string(),
            findings: formwork_core::validate::validate_text(&text, catalog),
        });
    }
    write_output(None, &report::render(format, &reports))?;
    let findings = || reports.iter().flat_map(|r| &r.findings);
    Ok(ExitCode::from(
        if findings().any(|d| d.severity == Severity::Error) {
            2
        } else if findings().next().is_some() {
            4
        } else {
            0
        },
    ))
}
