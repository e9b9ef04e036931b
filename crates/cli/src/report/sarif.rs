//! The SARIF 2.1.0 report (OASIS Static Analysis Results Interchange Format), the log
//! code-scanning services read: one run whose tool is formwork with the rules it
//! reported, and a result per finding with its level, message and place.
//!
//! Columns are counted in characters, as Formwork counts them, so the run declares
//! `columnKind: unicodeCodePoints` (SARIF's default would be UTF-16 code units).

use std::collections::BTreeSet;

use super::FileReport;
use super::json::string;
use formwork_core::diagnostic::{Severity, rule_summary};

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// SARIF's level for a severity (section 3.27.10).
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A file name as a relative URI reference: `/` separators, and every byte outside
/// RFC 3986's unreserved characters and `/` percent-encoded.
pub fn uri(name: &str) -> String {
    if name == "<stdin>" {
        return "stdin".into();
    }
    let mut out = String::new();
    if name.starts_with('/') {
        out.push_str("file://");
    }
    for b in name.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub fn render(files: &[FileReport]) -> String {
    let rules: Vec<&str> = files
        .iter()
        .flat_map(|f| f.findings.iter().map(|d| d.rule))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut out = String::from("{\n  \"$schema\": ");
    string(&mut out, SCHEMA);
    out.push_str(",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n");
    out.push_str("      \"tool\": {\n        \"driver\": {\n");
    out.push_str("          \"name\": \"formwork\",\n          \"version\": ");
    string(&mut out, env!("CARGO_PKG_VERSION"));
    out.push_str(",\n          \"informationUri\": ");
    string(&mut out, env!("CARGO_PKG_REPOSITORY"));
    out.push_str(",\n          \"rules\": [");
    for (i, rule) in rules.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        out.push_str("            {\"id\": ");
        string(&mut out, rule);
        out.push_str(", \"shortDescription\": {\"text\": ");
        let summary = rule_summary(rule)
            .map(str::to_string)
            .unwrap_or_else(|| format!("Formwork rule {rule}"));
        string(&mut out, &summary);
        out.push_str("}}");
    }
    out.push_str(if rules.is_empty() {
        "]\n"
    } else {
        "\n          ]\n"
    });
    out.push_str("        }\n      },\n");
    out.push_str("      \"columnKind\": \"unicodeCodePoints\",\n");
    out.push_str("      \"results\": [");
    let mut first = true;
    for file in files {
        for d in &file.findings {
            out.push_str(if first { "\n" } else { ",\n" });
            first = false;
            let index = rules.iter().position(|r| *r == d.rule).unwrap_or(0);
            out.push_str("        {\"ruleId\": ");
            string(&mut out, d.rule);
            out.push_str(&format!(", \"ruleIndex\": {index}, \"level\": "));
            string(&mut out, level(d.severity));
            out.push_str(", \"message\": {\"text\": ");
            string(&mut out, &d.message);
            out.push_str(
                "}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ",
            );
            string(&mut out, &uri(&file.name));
            out.push('}');
            if let Some(p) = d.pos {
                out.push_str(&format!(
                    ", \"region\": {{\"startLine\": {}, \"startColumn\": {}}}",
                    p.line, p.col
                ));
            }
            out.push('}');
            if !d.path.is_empty() {
                out.push_str(", \"logicalLocations\": [{\"fullyQualifiedName\": ");
                string(&mut out, &d.path);
                out.push_str("}]");
            }
            out.push_str("}]}");
        }
    }
    out.push_str(if first { "]\n" } else { "\n      ]\n" });
    out.push_str("    }\n  ]\n}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn file_names_become_uri_references() {
        assert_eq!(uri("templates/web.yaml"), "templates/web.yaml");
        assert_eq!(uri("../a b/c#1.json"), "../a%20b/c%231.json");
        assert_eq!(uri(r"dir\file.yaml"), "dir/file.yaml");
        assert_eq!(uri("é.yaml"), "%C3%A9.yaml");
        assert_eq!(uri("<stdin>"), "stdin");
        assert_eq!(uri("/tmp/t.yaml"), "file:///tmp/t.yaml");
    }
}
