//! How `formwork validate` reports its findings: one module per output format, as
//! cfn-guard does. Each takes every file's findings and returns the whole text, so a
//! format that needs a single document (JSON, SARIF) is as easy as one that streams.

pub mod json;
pub mod sarif;
pub mod text;

use formwork_core::diagnostic::Diagnostic;

/// One validated file: the name to show (as given on the command line, `<stdin>` for
/// `-`) and its findings in source order.
pub struct FileReport {
    pub name: String,
    pub findings: Vec<Diagnostic>,
}

/// The output formats of `formwork validate --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// `file:line:col: severity RULE message`, one finding a line, for people and editors.
    Text,
    /// An array of findings, for scripts.
    Json,
    /// A SARIF 2.1.0 log, for code-scanning services.
    Sarif,
}

/// The report of every file in the chosen format.
pub fn render(format: ReportFormat, files: &[FileReport]) -> String {
    match format {
        ReportFormat::Text => text::render(files),
        ReportFormat::Json => json::render(files),
        ReportFormat::Sarif => sarif::render(files),
    }
}
