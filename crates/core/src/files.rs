//! Templates in and out of files: the names exports get, what a pasted text holds,
//! and share links.

use crate::template::designer::DESIGNER_KEY;
use crate::template::{self, Format, Node, Section};

/// The name an export gets: the template's own file name with the extension of the
/// format (`WordPress_Multi_AZ.yaml` exported as JSON is `WordPress_Multi_AZ.json`),
/// or `template.yaml` / `template.json` for a document without a file.
pub fn export_name(file_name: &str, format: Format) -> String {
    format!("{}.{}", stem(file_name), format.extension())
}

/// The file name without its template extension, and without anything a file name
/// cannot hold; `template` when nothing is left.
pub fn stem(file_name: &str) -> String {
    let base = file_name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(file_name)
        .trim();
    let lower = base.to_ascii_lowercase();
    let cut = [".yaml", ".yml", ".json", ".template", ".txt", ".cfn"]
        .iter()
        .find(|ext| lower.ends_with(*ext))
        .map_or(base.len(), |ext| base.len() - ext.len());
    let clean: String = base[..cut]
        .chars()
        .map(|c| {
            if c.is_control() || "<>:\"/\\|?*".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    let clean = clean.trim_matches(['.', ' ']);
    if clean.is_empty() {
        "template".to_string()
    } else {
        clean.to_string()
    }
}

/// The format a file name says, if it says one.
pub fn format_of_name(file_name: &str) -> Option<Format> {
    let lower = file_name.to_ascii_lowercase();
    if lower.ends_with(".json") {
        Some(Format::Json)
    } else if lower.ends_with(".yaml") || lower.ends_with(".yml") {
        Some(Format::Yaml)
    } else {
        None
    }
}

/// Whether pasted text is a whole template to open, rather than resources to add to
/// the current one: it reads as a template and has a section other than Resources
/// (what the designer's own Copy writes has Resources, and Metadata holding only the
/// resources' shapes).
pub fn holds_template(text: &str) -> bool {
    let Ok(imported) = template::parse(text) else {
        return false;
    };
    let only_shapes = |m: &Node| {
        m.as_map()
            .is_some_and(|m| m.iter().all(|(k, _)| k == DESIGNER_KEY))
    };
    imported.template.sections().iter().any(|(k, v)| {
        k != Section::Resources.key() && !(k == Section::Metadata.key() && only_shapes(v))
    })
}

/// A link that opens `text` (with its simulation's scenario, if it has one of its
/// own): the page address (without its fragment) and the template in the fragment;
/// `None` when they are too long for a link.
pub fn share_link(page: &str, text: &str, scenario: Option<&str>) -> Option<String> {
    let base = page.split('#').next().unwrap_or(page);
    crate::share::encode(text, scenario).map(|fragment| format!("{base}#{fragment}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exports_are_named_after_the_file() {
        assert_eq!(
            export_name("WordPress_Multi_AZ.yaml", Format::Json),
            "WordPress_Multi_AZ.json"
        );
        assert_eq!(export_name("net.template", Format::Yaml), "net.yaml");
        assert_eq!(export_name("a.b.JSON", Format::Yaml), "a.b.yaml");
        assert_eq!(export_name("", Format::Yaml), "template.yaml");
        assert_eq!(export_name("dir/x<y>.yml", Format::Json), "x_y_.json");
        assert_eq!(export_name("..", Format::Json), "template.json");
        assert_eq!(format_of_name("A.YML"), Some(Format::Yaml));
        assert_eq!(format_of_name("a.json"), Some(Format::Json));
        assert_eq!(format_of_name("a.template"), None);
    }

    #[test]
    fn pasted_templates_are_told_from_pasted_resources() {
        assert!(holds_template(
            "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  A:\n    Type: AWS::S3::Bucket\n"
        ));
        assert!(holds_template("{\"Parameters\": {}, \"Resources\": {}}"));
        // What Copy writes.
        assert!(!holds_template(
            "Resources:\n  A:\n    Type: AWS::S3::Bucket\n"
        ));
        let mut d = crate::document::Document::new(
            template::parse("Resources:\n  A:\n    Type: AWS::S3::Bucket\n")
                .unwrap()
                .template,
        );
        d.apply("arrange", |tx| {
            crate::document::placement::arrange_all(tx, crate::diagram::layout::Style::default())
        })
        .unwrap();
        let clip = crate::document::placement::copy_arranged(d.template(), &["A"]).unwrap();
        assert!(clip.contains("Metadata:"), "{clip}");
        assert!(!holds_template(&clip));
        assert!(holds_template(
            "Metadata:\n  Author: me\nResources:\n  A:\n    Type: AWS::S3::Bucket\n"
        ));
        assert!(!holds_template("just words"));
        assert!(!holds_template("Resources: ["));
    }

    #[test]
    fn share_links_replace_the_fragment() {
        let text = crate::samples::SAMPLES[1].text;
        let link = share_link("https://x.dev/formwork/?a=1#old", text, Some("seed: 2\n")).unwrap();
        let (base, fragment) = link.split_once('#').unwrap();
        assert_eq!(base, "https://x.dev/formwork/?a=1");
        let shared = crate::share::decode(fragment).unwrap();
        assert_eq!(shared.template, text);
        assert_eq!(shared.scenario.as_deref(), Some("seed: 2\n"));
    }
}
