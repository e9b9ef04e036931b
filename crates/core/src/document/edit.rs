//! Reversible changes to the value tree. Every edit records what it replaced, so undo
//! applies the reversed edits and redo applies them again: one mechanism for every
//! command, whatever it does.

use crate::template::{Entry, KeyMeta, Node, Template, Value};

/// One step of a path from the template's root.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Step {
    Key(String),
    Index(usize),
    /// Into a function's argument.
    Arg,
}

impl Step {
    pub fn key(k: impl Into<String>) -> Step {
        Step::Key(k.into())
    }
}

pub type Path = Vec<Step>;

/// A path from string keys: `path(&["Resources", "Web", "Properties"])`.
pub fn path(keys: &[&str]) -> Path {
    keys.iter().map(|k| Step::key(*k)).collect()
}

/// Why an edit cannot be applied: the tree is not shaped as it expects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditError(pub String);

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// One change to the tree.
#[derive(Clone, Debug)]
pub enum Edit {
    /// What stood under `at` in the collection at `parent` becomes `after` (`None`:
    /// removed); `before` is what stood there (`None`: nothing, so it is inserted at
    /// `index`, the position in the collection).
    Put {
        parent: Path,
        at: Step,
        index: usize,
        before: Option<Box<Entry>>,
        after: Option<Box<Entry>>,
    },
    /// A mapping key renamed in place, keeping its position and comments.
    RenameKey {
        parent: Path,
        from: String,
        to: String,
    },
}

impl Edit {
    /// The edit that undoes this one.
    pub fn inverse(&self) -> Edit {
        match self {
            Edit::Put {
                parent,
                at,
                index,
                before,
                after,
            } => Edit::Put {
                parent: parent.clone(),
                at: at.clone(),
                index: *index,
                before: after.clone(),
                after: before.clone(),
            },
            Edit::RenameKey { parent, from, to } => Edit::RenameKey {
                parent: parent.clone(),
                from: to.clone(),
                to: from.clone(),
            },
        }
    }

    pub fn apply(&self, template: &mut Template) -> Result<(), EditError> {
        match self {
            Edit::Put {
                parent,
                at,
                index,
                before,
                after,
            } => {
                let node = node_mut(&mut template.root, parent)?;
                put(
                    node,
                    at,
                    *index,
                    before.is_some(),
                    after.as_deref().cloned(),
                )
            }
            Edit::RenameKey { parent, from, to } => {
                let node = node_mut(&mut template.root, parent)?;
                let Value::Map(map) = &mut node.value else {
                    return Err(EditError(format!("{} is not a mapping", show(parent))));
                };
                let Some(i) = map.entries.get_index_of(from) else {
                    return Err(EditError(format!("{} has no key {from}", show(parent))));
                };
                if map.entries.contains_key(to) {
                    return Err(EditError(format!(
                        "{} already has a key {to}",
                        show(parent)
                    )));
                }
                let entry = map.entries.shift_remove(from).expect("present");
                map.entries.shift_insert(i, to.clone(), entry);
                Ok(())
            }
        }
    }
}

/// Renders a path for messages: `Resources/Web/Properties`.
pub fn show(path: &[Step]) -> String {
    path.iter()
        .map(|s| match s {
            Step::Key(k) => k.clone(),
            Step::Index(i) => i.to_string(),
            Step::Arg => "(argument)".to_string(),
        })
        .collect::<Vec<_>>()
        .join("/")
}

pub fn node_at<'t>(root: &'t Node, path: &[Step]) -> Option<&'t Node> {
    let mut node = root;
    for step in path {
        node = match (step, &node.value) {
            (Step::Key(k), Value::Map(m)) => m.get(k)?,
            (Step::Index(i), Value::Seq(s)) => s.items.get(*i)?,
            (Step::Arg, Value::Fn(f)) => &f.arg,
            (Step::Arg, Value::Tagged(t)) => &t.value,
            _ => return None,
        };
    }
    Some(node)
}

pub fn node_mut<'t>(root: &'t mut Node, path: &[Step]) -> Result<&'t mut Node, EditError> {
    let mut node = root;
    for (depth, step) in path.iter().enumerate() {
        let missing = || EditError(format!("no {} in the template", show(&path[..=depth])));
        node = match (step, &mut node.value) {
            (Step::Key(k), Value::Map(m)) => m.get_mut(k).ok_or_else(missing)?,
            (Step::Index(i), Value::Seq(s)) => s.items.get_mut(*i).ok_or_else(missing)?,
            (Step::Arg, Value::Fn(f)) => &mut f.arg,
            (Step::Arg, Value::Tagged(t)) => &mut t.value,
            _ => return Err(missing()),
        };
    }
    Ok(node)
}

/// Puts `after` at `at`: in a list, over the item there when `replacing`, else
/// inserted before it.
fn put(
    node: &mut Node,
    at: &Step,
    index: usize,
    replacing: bool,
    after: Option<Entry>,
) -> Result<(), EditError> {
    match (&mut node.value, at) {
        (Value::Map(map), Step::Key(k)) => {
            match after {
                Some(entry) => match map.entries.get_mut(k) {
                    Some(existing) => *existing = entry,
                    None => {
                        let i = index.min(map.entries.len());
                        map.entries.shift_insert(i, k.clone(), entry);
                    }
                },
                None => {
                    map.entries.shift_remove(k);
                }
            }
            Ok(())
        }
        (Value::Seq(seq), Step::Index(i)) => {
            let i = *i;
            match after {
                Some(entry) if replacing => match seq.items.get_mut(i) {
                    Some(slot) => *slot = entry.value,
                    None => return Err(EditError(format!("list index {i} is past the end"))),
                },
                Some(entry) => {
                    if i > seq.items.len() {
                        return Err(EditError(format!("list index {i} is past the end")));
                    }
                    seq.items.insert(i, entry.value);
                }
                None => {
                    if i >= seq.items.len() {
                        return Err(EditError(format!("list index {i} is past the end")));
                    }
                    seq.items.remove(i);
                }
            }
            Ok(())
        }
        _ => Err(EditError("the edit does not fit the tree".to_string())),
    }
}

/// An entry holding only a value, for list items.
pub fn item(node: Node) -> Entry {
    Entry {
        key: KeyMeta::default(),
        value: node,
    }
}
