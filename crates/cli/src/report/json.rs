//! The JSON report: an array of findings, each
//! `{"file", "rule", "severity", "message", "path", "line", "column"}` (`line` and
//! `column` are null for a finding about the whole template).
//!
//! Written by hand: the shape is flat and fixed, and string escaping is the core's
//! (tested here with control characters, quotes, backslashes and non-ASCII text); a
//! serialisation framework would add more code than it saves.

use super::FileReport;

/// Appends `s` as a JSON string literal, escaped by the core's writer (which writes
/// JSON templates with the same escapes).
pub fn string(out: &mut String, s: &str) {
    out.push_str(&formwork_core::template::scalar::double_quoted(s));
}

pub fn render(files: &[FileReport]) -> String {
    let mut out = String::from("[");
    let mut first = true;
    for file in files {
        for d in &file.findings {
            out.push_str(if first { "\n  {" } else { ",\n  {" });
            first = false;
            out.push_str("\"file\": ");
            string(&mut out, &file.name);
            out.push_str(", \"rule\": ");
            string(&mut out, d.rule);
            out.push_str(", \"severity\": ");
            string(&mut out, d.severity.as_str());
            out.push_str(", \"message\": ");
            string(&mut out, &d.message);
            out.push_str(", \"path\": ");
            string(&mut out, &d.path);
            match d.pos {
                Some(p) => out.push_str(&format!(", \"line\": {}, \"column\": {}", p.line, p.col)),
                None => out.push_str(", \"line\": null, \"column\": null"),
            }
            out.push('}');
        }
    }
    out.push_str(if first { "]\n" } else { "\n]\n" });
    out
}

#[cfg(test)]
mod tests {
    use super::string;

    fn quoted(s: &str) -> String {
        let mut out = String::new();
        string(&mut out, s);
        out
    }

    #[test]
    fn strings_are_escaped_as_json_requires() {
        assert_eq!(quoted("plain"), r#""plain""#);
        assert_eq!(quoted(r#"say "hi""#), r#""say \"hi\"""#);
        assert_eq!(quoted(r"C:\path"), r#""C:\\path""#);
        assert_eq!(quoted("a\nb\tc\r"), r#""a\nb\tc\r""#);
        assert_eq!(quoted("\u{0}\u{1f}\u{7f}"), r#""\u0000\u001f\u007f""#);
        assert_eq!(quoted("\u{8}\u{c}"), r#""\u0008\u000c""#);
        assert_eq!(quoted("\u{2028}"), r#""\u2028""#);
        assert_eq!(quoted("Zürich ✓ 😀"), "\"Zürich ✓ 😀\"");
        assert_eq!(quoted("</script>"), r#""</script>""#);
    }
}
