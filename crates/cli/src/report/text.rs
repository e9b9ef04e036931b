//! The text report: `file:line:col: severity RULE message`, the form editors and CI
//! logs turn into links.

use super::FileReport;
use formwork_core::diagnostic::Diagnostic;

/// One finding as a line, without its newline.
pub fn line(name: &str, d: &Diagnostic) -> String {
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

pub fn render(files: &[FileReport]) -> String {
    let mut out = String::new();
    for file in files {
        for d in &file.findings {
            out.push_str(&line(&file.name, d));
            out.push('\n');
        }
    }
    out
}
