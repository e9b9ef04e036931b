//! A `Fn::ForEach` loop edited as the loop it is: the collection it makes its
//! resources from, when the template writes it as a list (`[A, B, C]`). A collection
//! read from elsewhere (a parameter, a mapping) is edited there.

use super::CommandError;
use super::edit::Step;
use super::tx::Tx;
use crate::template::{Node, Section, Template};

/// Where a loop's collection is written: its second item.
fn collection_path(key: &str) -> Vec<Step> {
    vec![
        Step::key(Section::Resources.key()),
        Step::key(key),
        Step::Index(1),
    ]
}

/// The names a loop's collection lists, when written as a list of names.
pub fn collection(template: &Template, key: &str) -> Result<Vec<String>, CommandError> {
    let items = template
        .section_map(Section::Resources)
        .and_then(|m| m.get(key))
        .and_then(Node::as_seq)
        .and_then(|l| l.get(1))
        .ok_or_else(|| CommandError(format!("{key} is not a loop of the template")))?;
    items
        .as_seq()
        .and_then(|l| {
            l.iter()
                .map(|n| n.scalar_text().map(|t| t.into_owned()))
                .collect::<Option<Vec<String>>>()
        })
        .ok_or_else(|| {
            CommandError(format!(
                "{key} reads its collection from elsewhere in the template: edit it there"
            ))
        })
}

/// Writes a loop's collection: the names, each letters and digits only (they become
/// part of the logical ids the loop makes), none twice. Names kept keep their place
/// and style.
pub fn set_collection(tx: &mut Tx, key: &str, names: &[String]) -> Result<(), CommandError> {
    collection(tx.template(), key)?;
    if names.is_empty() {
        return Err(CommandError(format!("{key} needs at least one name")));
    }
    for (i, name) in names.iter().enumerate() {
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(CommandError(format!(
                "\"{name}\": a loop's names are letters and digits only"
            )));
        }
        if names[..i].contains(name) {
            return Err(CommandError(format!("\"{name}\" is listed twice")));
        }
    }
    let path = collection_path(key);
    let mut node = tx
        .get(&path)
        .cloned()
        .ok_or_else(|| CommandError(format!("{key} is not a loop of the template")))?;
    let old: Vec<Node> = node.as_seq().map(<[Node]>::to_vec).unwrap_or_default();
    if let Some(items) = node.as_seq_mut() {
        *items = names
            .iter()
            .map(|name| {
                old.iter()
                    .find(|n| n.scalar_text().as_deref() == Some(name.as_str()))
                    .cloned()
                    .unwrap_or_else(|| Node::string(name.clone()))
            })
            .collect();
    }
    tx.replace(&path, node)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::scene::Scene;
    use crate::document::Document;
    use crate::template::{Format, parse};

    const LOOP: &str = "Transform: AWS::LanguageExtensions
Parameters:
  Names: {Type: CommaDelimitedList, Default: 'X,Y'}
Resources:
  Fn::ForEach::Buckets:
    - Id
    - [A, B]
    - Bucket${Id}:
        Type: AWS::S3::Bucket
  Fn::ForEach::Queues:
    - Id
    - !Ref Names
    - Queue${Id}:
        Type: AWS::SQS::Queue
";

    #[test]
    fn a_loops_names_are_edited_as_written_and_make_the_resources() {
        let mut d = Document::new(parse(LOOP).unwrap().template);
        assert_eq!(
            collection(d.template(), "Fn::ForEach::Buckets").unwrap(),
            ["A", "B"]
        );
        d.apply("loop", |tx| {
            set_collection(
                tx,
                "Fn::ForEach::Buckets",
                &["A".into(), "B".into(), "C1".into()],
            )
        })
        .unwrap();
        assert!(
            d.text(Format::Yaml).contains("    - [A, B, C1]\n"),
            "{}",
            d.text(Format::Yaml)
        );
        let scene = Scene::build(d.template());
        assert!(scene.node("BucketC1").is_some());
        assert_eq!(scene.loops[0].count, 3);
    }

    #[test]
    fn bad_names_and_collections_read_from_elsewhere_are_refused() {
        let mut d = Document::new(parse(LOOP).unwrap().template);
        let before = d.text(Format::Yaml);
        for (names, says) in [
            (
                vec!["A".to_string(), "my-bucket".into()],
                "letters and digits only",
            ),
            (vec!["A".into(), "A".into()], "listed twice"),
            (vec![], "at least one name"),
        ] {
            let err = d
                .apply("loop", |tx| {
                    set_collection(tx, "Fn::ForEach::Buckets", &names)
                })
                .unwrap_err();
            assert!(err.0.contains(says), "{err:?}");
        }
        let err = collection(d.template(), "Fn::ForEach::Queues").unwrap_err();
        assert!(err.0.contains("edit it there"), "{err:?}");
        assert_eq!(d.text(Format::Yaml), before);
    }
}
