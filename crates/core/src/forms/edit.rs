//! The edits the forms make, as one command type the app dispatches and the document
//! applies (so each is undoable): set or remove a value anywhere, work on list items,
//! set DependsOn, add and rename parameters and outputs. New keys land where people
//! put them: sections in the documentation's order, `Condition` and `DependsOn` after
//! `Type`; mappings emptied by a removal go too.

use crate::document::commands::{self, type_of};
use crate::document::edit::show;
use crate::document::{CommandError, Path, Step, Tx, ids};
use crate::template::{Map, Node, Section, Value};

/// One edit from a form.
#[derive(Clone, Debug, PartialEq)]
pub enum FormEdit {
    /// Sets the value at `path` (creating the mappings on the way), or removes it.
    Set {
        path: Path,
        value: Option<Node>,
    },
    /// Appends an item to the list at `list`, creating the list.
    Push {
        list: Path,
        value: Node,
    },
    RemoveItem {
        list: Path,
        index: usize,
    },
    /// Moves an item of the list at `list` from one place to another.
    MoveItem {
        list: Path,
        from: usize,
        to: usize,
    },
    /// Sets a resource's DependsOn to exactly these resources.
    SetDependsOn {
        id: String,
        targets: Vec<String>,
    },
    /// Adds a `String` parameter.
    AddParameter {
        name: String,
    },
    /// Renames a parameter and every reference to it.
    RenameParameter {
        from: String,
        to: String,
    },
    /// Adds an output of `value`.
    AddOutput {
        name: String,
        value: Node,
    },
    RenameOutput {
        from: String,
        to: String,
    },
}

/// The history label keys of form edits (the app shows them as "Undo Edit property").
pub mod label {
    pub const PROPERTY: &str = "property";
    pub const ATTRIBUTE: &str = "attribute";
    pub const PARAMETER: &str = "parameter";
    pub const OUTPUT: &str = "output";
    pub const TEMPLATE: &str = "template";
}

fn fail(message: impl Into<String>) -> CommandError {
    CommandError(message.into())
}

impl FormEdit {
    /// What the edit is about, as a history label key (see [`label`]).
    pub fn label(&self) -> &'static str {
        let path = match self {
            FormEdit::Set { path, .. }
            | FormEdit::Push { list: path, .. }
            | FormEdit::RemoveItem { list: path, .. }
            | FormEdit::MoveItem { list: path, .. } => path.as_slice(),
            FormEdit::SetDependsOn { .. } => return label::ATTRIBUTE,
            FormEdit::AddParameter { .. } | FormEdit::RenameParameter { .. } => {
                return label::PARAMETER;
            }
            FormEdit::AddOutput { .. } | FormEdit::RenameOutput { .. } => return label::OUTPUT,
        };
        let key = |i: usize| match path.get(i) {
            Some(Step::Key(k)) => k.as_str(),
            _ => "",
        };
        match key(0) {
            "Resources" if key(2) == "Properties" => label::PROPERTY,
            "Resources" => label::ATTRIBUTE,
            "Parameters" => label::PARAMETER,
            "Outputs" => label::OUTPUT,
            _ => label::TEMPLATE,
        }
    }

    pub fn apply(&self, tx: &mut Tx) -> Result<(), CommandError> {
        match self {
            FormEdit::Set { path, value } => set_at(tx, path, value.clone()),
            FormEdit::Push { list, value } => {
                if tx.get(list).is_some() {
                    tx.push(list, value.clone())?;
                    Ok(())
                } else {
                    set_at(tx, list, Some(Node::seq(vec![value.clone()])))
                }
            }
            FormEdit::RemoveItem { list, index } => {
                tx.remove_item(list, *index)?;
                Ok(())
            }
            FormEdit::MoveItem { list, from, to } => {
                let item = tx
                    .get(list)
                    .and_then(Node::as_seq)
                    .and_then(|s| s.get(*from))
                    .cloned()
                    .ok_or_else(|| fail(format!("no item {from} in {}", show(list))))?;
                let len = tx.get(list).and_then(Node::as_seq).map_or(0, <[Node]>::len);
                if *to >= len {
                    return Err(fail(format!("no item {to} in {}", show(list))));
                }
                tx.remove_item(list, *from)?;
                tx.insert_item(list, *to, item)?;
                Ok(())
            }
            FormEdit::SetDependsOn { id, targets } => set_depends_on(tx, id, targets),
            FormEdit::AddParameter { name } => {
                ids::check_new(tx.template(), name).map_err(|p| fail(p.message(name)))?;
                let mut decl = Map::new();
                decl.insert("Type", Node::string("String"));
                set_at(
                    tx,
                    &crate::document::path(&["Parameters", name]),
                    Some(Node::map(decl)),
                )
            }
            FormEdit::RenameParameter { from, to } => commands::rename_parameter(tx, from, to),
            FormEdit::AddOutput { name, value } => {
                check_output_name(tx, name)?;
                let mut decl = Map::new();
                decl.insert("Value", value.clone());
                set_at(
                    tx,
                    &crate::document::path(&["Outputs", name]),
                    Some(Node::map(decl)),
                )
            }
            FormEdit::RenameOutput { from, to } => {
                if from == to {
                    return Ok(());
                }
                check_output_name(tx, to)?;
                tx.rename_key(&crate::document::path(&["Outputs"]), from, to)?;
                Ok(())
            }
        }
    }
}

fn check_output_name(tx: &Tx, name: &str) -> Result<(), CommandError> {
    ids::check_syntax(name).map_err(|p| fail(p.message(name)))?;
    if tx
        .template()
        .section_map(Section::Outputs)
        .is_some_and(|m| m.contains_key(name))
    {
        return Err(fail(format!("there is already an output {name}")));
    }
    Ok(())
}

/// Sets or removes the value at `path`. Setting creates the mappings on the way;
/// removing a mapping entry also removes the mappings it leaves empty (a resource's
/// Properties, an output's Export), never a resource, a parameter or Resources itself.
pub fn set_at(tx: &mut Tx, path: &[Step], value: Option<Node>) -> Result<(), CommandError> {
    let (last, parent) = path
        .split_last()
        .ok_or_else(|| fail("cannot set the template itself"))?;
    match value {
        Some(value) => {
            make_parents(tx, parent)?;
            match last {
                Step::Key(k) => {
                    let exists = tx
                        .get(parent)
                        .and_then(Node::as_map)
                        .ok_or_else(|| fail(format!("{} is not a mapping", show(parent))))?
                        .contains_key(k);
                    if exists {
                        tx.set(parent, k, value)?;
                    } else {
                        let at = insert_index(tx, parent, k);
                        tx.insert(parent, at, k, value)?;
                    }
                }
                Step::Index(_) | Step::Arg => tx.replace(path, value)?,
            }
            Ok(())
        }
        None => match last {
            Step::Key(k) => {
                if tx.get(path).is_none() {
                    return Ok(());
                }
                tx.remove(parent, k)?;
                prune(tx, parent)
            }
            Step::Index(i) => {
                tx.remove_item(parent, *i)?;
                Ok(())
            }
            Step::Arg => Err(fail("a function keeps its argument")),
        },
    }
}

/// Creates the missing mappings along `path`.
fn make_parents(tx: &mut Tx, path: &[Step]) -> Result<(), CommandError> {
    for depth in 1..=path.len() {
        let here = &path[..depth];
        match tx.get(here) {
            Some(_) => {}
            None => {
                let Step::Key(k) = &here[depth - 1] else {
                    return Err(fail(format!("no {} in the template", show(here))));
                };
                let parent = &here[..depth - 1];
                let at = insert_index(tx, parent, k);
                tx.insert(parent, at, k, Node::map(Map::new()))?;
            }
        }
    }
    Ok(())
}

/// Where a new key goes in the mapping at `parent`: a section in the documentation's
/// order, `Condition`, `DependsOn` and `Properties` after `Type` (in that order),
/// anything else at the end.
fn insert_index(tx: &Tx, parent: &[Step], key: &str) -> usize {
    let Some(map) = tx.get(parent).and_then(Node::as_map) else {
        return 0;
    };
    if parent.is_empty() {
        let rank = |k: &str| Section::ALL.iter().position(|s| s.key() == k);
        let Some(mine) = rank(key) else {
            return map.len();
        };
        return map
            .keys()
            .position(|k| rank(k).is_some_and(|r| r > mine))
            .unwrap_or(map.len());
    }
    let is_resource = matches!(parent, [Step::Key(r), Step::Key(_)] if r == "Resources");
    let after: &[&str] = match key {
        "Condition" if is_resource => &["Type"],
        "DependsOn" if is_resource => &["Type", "Condition"],
        "Properties" if is_resource => &["Type", "Condition", "DependsOn"],
        _ => return map.len(),
    };
    after
        .iter()
        .filter_map(|k| map.index_of(k))
        .max()
        .map_or(0, |i| i + 1)
}

/// Removes the mapping at `path` when it is empty and may go, then its parent likewise.
fn prune(tx: &mut Tx, path: &[Step]) -> Result<(), CommandError> {
    let mut here = path.to_vec();
    loop {
        let empty = tx
            .get(&here)
            .and_then(Node::as_map)
            .is_some_and(Map::is_empty);
        let may_go =
            here.len() >= 3 || matches!(here.as_slice(), [Step::Key(s)] if s != "Resources");
        let Some((Step::Key(k), parent)) = here.split_last() else {
            return Ok(());
        };
        let parent_is_map = tx.get(parent).and_then(Node::as_map).is_some();
        if !(empty && may_go && parent_is_map) {
            return Ok(());
        }
        let (k, parent) = (k.clone(), parent.to_vec());
        tx.remove(&parent, &k)?;
        here = parent;
    }
}

/// Sets DependsOn to exactly `targets`: gone for none, a name for one (unless it was a
/// list), a list for more.
pub fn set_depends_on(tx: &mut Tx, id: &str, targets: &[String]) -> Result<(), CommandError> {
    type_of(tx.template(), id)?;
    for t in targets {
        if t == id {
            return Err(fail("a resource cannot depend on itself"));
        }
        type_of(tx.template(), t)?;
    }
    let at = crate::document::path(&["Resources", id, "DependsOn"]);
    let current = tx.get(&at).cloned();
    let value = match targets {
        [] => None,
        [one] if !matches!(current.as_ref().map(|n| &n.value), Some(Value::Seq(_))) => {
            Some(Node::string(one))
        }
        many => {
            let items = many.iter().map(Node::string).collect();
            Some(match current.clone() {
                Some(
                    mut list @ Node {
                        value: Value::Seq(_),
                        ..
                    },
                ) => {
                    if let Value::Seq(s) = &mut list.value {
                        s.items = items;
                    }
                    list
                }
                _ => Node::seq(items),
            })
        }
    };
    if value.as_ref() == current.as_ref() {
        return Ok(());
    }
    set_at(tx, &at, value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, path};
    use crate::template::read_value;

    fn doc(text: &str) -> Document {
        Document::open(text).unwrap().0
    }

    fn run(d: &mut Document, e: FormEdit) {
        let label = e.label();
        d.apply(label, |tx| e.apply(tx)).unwrap();
    }

    const T: &str = "AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Tg:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      Port: 80
  Q:
    Type: AWS::SQS::Queue
  R:
    Type: AWS::SQS::Queue
";

    #[test]
    fn set_creates_what_is_missing_and_keeps_the_type_first() {
        let mut d = doc(T);
        let e = FormEdit::Set {
            path: path(&[
                "Resources",
                "Q",
                "Properties",
                "RedrivePolicy",
                "maxReceiveCount",
            ]),
            value: Some(Node::int(3)),
        };
        assert_eq!(e.label(), label::PROPERTY);
        run(&mut d, e);
        let text = d.text(crate::template::Format::Yaml);
        assert!(
            text.contains("  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedrivePolicy:\n        maxReceiveCount: 3\n"),
            "{text}"
        );
        // Removing the only value removes the mappings it leaves empty.
        run(
            &mut d,
            FormEdit::Set {
                path: path(&[
                    "Resources",
                    "Q",
                    "Properties",
                    "RedrivePolicy",
                    "maxReceiveCount",
                ]),
                value: None,
            },
        );
        assert_eq!(d.text(crate::template::Format::Yaml), T);
        // Removing nothing is nothing.
        let rev = d.revision();
        run(
            &mut d,
            FormEdit::Set {
                path: path(&["Resources", "Q", "Properties", "Nope"]),
                value: None,
            },
        );
        assert_eq!(d.revision(), rev);
    }

    #[test]
    fn an_integer_typed_in_is_a_yaml_number_and_undoes_in_one_step() {
        let mut d = doc(T);
        let at = path(&[
            "Resources",
            "Tg",
            "Properties",
            "HealthCheckIntervalSeconds",
        ]);
        for text in ["3", "30"] {
            let value =
                crate::forms::value::parse_input(&crate::catalog::Kind::Integer, text).unwrap();
            let e = FormEdit::Set {
                path: at.clone(),
                value,
            };
            d.apply_coalescing(e.label(), "field", |tx| e.apply(tx))
                .unwrap();
        }
        assert!(
            d.text(crate::template::Format::Yaml)
                .contains("      Port: 80\n      HealthCheckIntervalSeconds: 30\n")
        );
        d.undo();
        assert_eq!(d.text(crate::template::Format::Yaml), T);
    }

    #[test]
    fn sections_and_attributes_land_in_their_usual_places() {
        let mut d = doc(T);
        run(
            &mut d,
            FormEdit::Set {
                path: path(&["Description"]),
                value: Some(Node::string("Web tier")),
            },
        );
        run(&mut d, FormEdit::AddParameter { name: "Env".into() });
        run(
            &mut d,
            FormEdit::Set {
                path: path(&["Resources", "Q", "Condition"]),
                value: Some(Node::string("IsProd")),
            },
        );
        run(
            &mut d,
            FormEdit::SetDependsOn {
                id: "Q".into(),
                targets: vec!["R".into()],
            },
        );
        run(
            &mut d,
            FormEdit::Set {
                path: path(&["Resources", "Q", "DeletionPolicy"]),
                value: Some(Node::string("Retain")),
            },
        );
        let text = d.text(crate::template::Format::Yaml);
        assert!(
            text.starts_with("AWSTemplateFormatVersion: '2010-09-09'\nDescription: Web tier\nParameters:\n  Env:\n    Type: String\nResources:\n"),
            "{text}"
        );
        assert!(
            text.contains("  Q:\n    Type: AWS::SQS::Queue\n    Condition: IsProd\n    DependsOn: R\n    DeletionPolicy: Retain\n"),
            "{text}"
        );
        assert!(
            d.apply("x", |tx| FormEdit::AddParameter { name: "Tg".into() }
                .apply(tx))
                .is_err()
        );
    }

    #[test]
    fn depends_on_takes_the_shape_of_its_targets() {
        let mut d = doc(T);
        let set = |d: &mut Document, t: &[&str]| {
            run(
                d,
                FormEdit::SetDependsOn {
                    id: "Tg".into(),
                    targets: t.iter().map(|s| s.to_string()).collect(),
                },
            )
        };
        set(&mut d, &["Q", "R"]);
        let decl = |d: &Document| d.template().resource("Tg").unwrap().depends_on().join(",");
        assert_eq!(decl(&d), "Q,R");
        set(&mut d, &["R"]);
        assert_eq!(decl(&d), "R");
        assert!(
            matches!(
                d.template()
                    .resource("Tg")
                    .unwrap()
                    .node
                    .get("DependsOn")
                    .unwrap()
                    .value,
                Value::Seq(_)
            ),
            "a list stays a list"
        );
        set(&mut d, &[]);
        assert_eq!(d.text(crate::template::Format::Yaml), T);
        assert!(
            d.apply("x", |tx| set_depends_on(tx, "Tg", &["Tg".into()]))
                .is_err()
        );
        assert!(
            d.apply("x", |tx| set_depends_on(tx, "Tg", &["Nope".into()]))
                .is_err()
        );
    }

    #[test]
    fn list_items_are_added_moved_and_removed() {
        let mut d = doc(T);
        let list = path(&["Resources", "Tg", "Properties", "Tags"]);
        for v in ["a", "b", "c"] {
            run(
                &mut d,
                FormEdit::Push {
                    list: list.clone(),
                    value: read_value(&format!("{{Key: {v}, Value: x}}")).unwrap(),
                },
            );
        }
        run(
            &mut d,
            FormEdit::MoveItem {
                list: list.clone(),
                from: 2,
                to: 0,
            },
        );
        let keys = |d: &Document| {
            d.template()
                .resource("Tg")
                .unwrap()
                .property("Tags")
                .map(|t| {
                    t.as_seq()
                        .unwrap()
                        .iter()
                        .map(|i| i.get("Key").unwrap().as_str().unwrap().to_string())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        };
        assert_eq!(keys(&d), ["c", "a", "b"]);
        run(
            &mut d,
            FormEdit::RemoveItem {
                list: list.clone(),
                index: 1,
            },
        );
        assert_eq!(keys(&d), ["c", "b"]);
        assert!(
            d.apply("x", |tx| FormEdit::MoveItem {
                list: list.clone(),
                from: 0,
                to: 5
            }
            .apply(tx))
                .is_err()
        );
        // Setting an item replaces it in place.
        let mut item = list.clone();
        item.push(Step::Index(0));
        item.push(Step::key("Value"));
        run(
            &mut d,
            FormEdit::Set {
                path: item,
                value: Some(Node::string("web")),
            },
        );
        let text = d.text(crate::template::Format::Yaml);
        assert!(text.contains("- {Key: c, Value: web}\n"), "{text}");
    }

    #[test]
    fn outputs_are_added_renamed_and_their_export_pruned() {
        let mut d = doc(T);
        let add = FormEdit::AddOutput {
            name: "Url".into(),
            value: Node::get_att("Tg", "TargetGroupName"),
        };
        assert_eq!(add.label(), label::OUTPUT);
        run(&mut d, add);
        run(
            &mut d,
            FormEdit::Set {
                path: path(&["Outputs", "Url", "Export", "Name"]),
                value: Some(Node::string("web-url")),
            },
        );
        run(
            &mut d,
            FormEdit::RenameOutput {
                from: "Url".into(),
                to: "Name".into(),
            },
        );
        let text = d.text(crate::template::Format::Yaml);
        assert!(
            text.ends_with("Outputs:\n  Name:\n    Value: !GetAtt Tg.TargetGroupName\n    Export:\n      Name: web-url\n"),
            "{text}"
        );
        assert!(
            d.apply("x", |tx| FormEdit::RenameOutput {
                from: "Name".into(),
                to: "bad name".into()
            }
            .apply(tx))
                .is_err()
        );
        run(
            &mut d,
            FormEdit::Set {
                path: path(&["Outputs", "Name", "Export", "Name"]),
                value: None,
            },
        );
        assert!(
            d.text(crate::template::Format::Yaml)
                .ends_with("Value: !GetAtt Tg.TargetGroupName\n")
        );
        run(
            &mut d,
            FormEdit::Set {
                path: path(&["Outputs", "Name"]),
                value: None,
            },
        );
        assert_eq!(
            d.text(crate::template::Format::Yaml),
            T,
            "the emptied section goes"
        );
    }

    #[test]
    fn parameters_are_renamed_with_their_references() {
        let mut d = doc(
            "Parameters:\n  A:\n    Type: String\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Ref A\n",
        );
        run(
            &mut d,
            FormEdit::RenameParameter {
                from: "A".into(),
                to: "Name".into(),
            },
        );
        assert!(
            d.text(crate::template::Format::Yaml)
                .contains("QueueName: !Ref Name")
        );
        assert_eq!(
            FormEdit::Set {
                path: path(&["Parameters", "Name", "MaxLength"]),
                value: None
            }
            .label(),
            label::PARAMETER
        );
        assert_eq!(
            FormEdit::Set {
                path: path(&["Conditions"]),
                value: None
            }
            .label(),
            label::TEMPLATE
        );
    }
}
