//! A transaction: the way commands change a template. Each operation applies at once
//! and records the edit with what it replaced, so the whole transaction can be undone,
//! redone, or rolled back when a later step fails.

use super::edit::{Edit, EditError, Path, Step, item, node_at, show};
use crate::template::{Entry, KeyMeta, Map, Node, Template, Value};

pub struct Tx<'d> {
    template: &'d mut Template,
    edits: Vec<Edit>,
}

impl<'d> Tx<'d> {
    pub(crate) fn new(template: &'d mut Template) -> Self {
        Tx {
            template,
            edits: Vec::new(),
        }
    }

    pub(crate) fn finish(self) -> Vec<Edit> {
        self.edits
    }

    /// Undoes what this transaction did so far.
    pub(crate) fn roll_back(mut self) {
        for edit in self.edits.drain(..).rev() {
            // The inverse of an applied edit always fits the tree it produced.
            let _ = edit.inverse().apply(self.template);
        }
    }

    pub fn template(&self) -> &Template {
        self.template
    }

    pub fn get(&self, path: &[Step]) -> Option<&Node> {
        node_at(&self.template.root, path)
    }

    fn record(&mut self, edit: Edit) -> Result<(), EditError> {
        edit.apply(self.template)?;
        self.edits.push(edit);
        Ok(())
    }

    fn map_at(&self, parent: &[Step]) -> Result<&Map, EditError> {
        self.get(parent)
            .and_then(Node::as_map)
            .ok_or_else(|| EditError(format!("{} is not a mapping", show(parent))))
    }

    /// Sets `key` of the mapping at `parent` to `value`, keeping the entry's place and
    /// comments when it exists, appending it otherwise.
    pub fn set(&mut self, parent: &[Step], key: &str, value: Node) -> Result<(), EditError> {
        let map = self.map_at(parent)?;
        let index = map.index_of(key).unwrap_or(map.len());
        let before = map.entry(key).cloned();
        let key_meta = before.as_ref().map(|e| e.key.clone()).unwrap_or_default();
        self.record(Edit::Put {
            parent: parent.to_vec(),
            at: Step::key(key),
            index,
            before: before.map(Box::new),
            after: Some(Box::new(Entry {
                key: key_meta,
                value,
            })),
        })
    }

    /// Inserts `key` at `index` of the mapping at `parent` (or moves nothing and sets
    /// the value when the key exists).
    pub fn insert(
        &mut self,
        parent: &[Step],
        index: usize,
        key: &str,
        value: Node,
    ) -> Result<(), EditError> {
        if self.map_at(parent)?.contains_key(key) {
            return self.set(parent, key, value);
        }
        self.record(Edit::Put {
            parent: parent.to_vec(),
            at: Step::key(key),
            index,
            before: None,
            after: Some(Box::new(Entry {
                key: KeyMeta::default(),
                value,
            })),
        })
    }

    /// Removes `key` from the mapping at `parent`; returns what it held.
    pub fn remove(&mut self, parent: &[Step], key: &str) -> Result<Option<Node>, EditError> {
        let map = self.map_at(parent)?;
        let Some(index) = map.index_of(key) else {
            return Ok(None);
        };
        let before = map.entry(key).cloned().expect("present");
        let value = before.value.clone();
        self.record(Edit::Put {
            parent: parent.to_vec(),
            at: Step::key(key),
            index,
            before: Some(Box::new(before)),
            after: None,
        })?;
        Ok(Some(value))
    }

    /// Replaces the node at `path` (a mapping value or a list item).
    pub fn replace(&mut self, path: &[Step], value: Node) -> Result<(), EditError> {
        let (last, parent) = path
            .split_last()
            .ok_or_else(|| EditError("cannot replace the template itself".into()))?;
        match last {
            Step::Key(k) => self.set(parent, k, value),
            Step::Index(i) => {
                let before = self
                    .get(path)
                    .cloned()
                    .ok_or_else(|| EditError(format!("no {}", show(path))))?;
                self.record(Edit::Put {
                    parent: parent.to_vec(),
                    at: Step::Index(*i),
                    index: *i,
                    before: Some(Box::new(item(before))),
                    after: Some(Box::new(item(value))),
                })
            }
            Step::Arg => {
                let mut func = self
                    .get(parent)
                    .cloned()
                    .ok_or_else(|| EditError(format!("no {}", show(parent))))?;
                match &mut func.value {
                    Value::Fn(f) => f.arg = value,
                    Value::Tagged(t) => t.value = value,
                    _ => return Err(EditError(format!("{} is not a function", show(parent)))),
                }
                self.replace(parent, func)
            }
        }
    }

    /// Appends `value` to the list at `list`.
    pub fn push(&mut self, list: &[Step], value: Node) -> Result<(), EditError> {
        let len = self
            .get(list)
            .and_then(Node::as_seq)
            .ok_or_else(|| EditError(format!("{} is not a list", show(list))))?
            .len();
        self.record(Edit::Put {
            parent: list.to_vec(),
            at: Step::Index(len),
            index: len,
            before: None,
            after: Some(Box::new(item(value))),
        })
    }

    /// Inserts `value` before item `index` of the list at `list` (at the end when
    /// `index` is its length).
    pub fn insert_item(
        &mut self,
        list: &[Step],
        index: usize,
        value: Node,
    ) -> Result<(), EditError> {
        let len = self
            .get(list)
            .and_then(Node::as_seq)
            .ok_or_else(|| EditError(format!("{} is not a list", show(list))))?
            .len();
        if index > len {
            return Err(EditError(format!("list index {index} is past the end")));
        }
        self.record(Edit::Put {
            parent: list.to_vec(),
            at: Step::Index(index),
            index,
            before: None,
            after: Some(Box::new(item(value))),
        })
    }

    /// Removes item `index` of the list at `list`.
    pub fn remove_item(&mut self, list: &[Step], index: usize) -> Result<(), EditError> {
        let before = self
            .get(list)
            .and_then(Node::as_seq)
            .and_then(|s| s.get(index))
            .cloned()
            .ok_or_else(|| EditError(format!("no item {index} in {}", show(list))))?;
        self.record(Edit::Put {
            parent: list.to_vec(),
            at: Step::Index(index),
            index,
            before: Some(Box::new(item(before))),
            after: None,
        })
    }

    /// Renames a mapping key in place.
    pub fn rename_key(&mut self, parent: &[Step], from: &str, to: &str) -> Result<(), EditError> {
        self.record(Edit::RenameKey {
            parent: parent.to_vec(),
            from: from.to_string(),
            to: to.to_string(),
        })
    }

    /// Makes sure a mapping exists at `path`, creating empty ones along the way.
    pub fn ensure_map(&mut self, path: &[Step]) -> Result<(), EditError> {
        for depth in 0..path.len() {
            let (parent, step) = (&path[..depth], &path[depth]);
            let Step::Key(k) = step else {
                if self.get(&path[..=depth]).is_none() {
                    return Err(EditError(format!("no {}", show(&path[..=depth]))));
                }
                continue;
            };
            match self.get(&path[..=depth]).map(|n| &n.value) {
                Some(Value::Map(_)) => {}
                Some(_) | None => self.set(parent, k, Node::map(Map::new()))?,
            }
        }
        Ok(())
    }
}

/// A path under a resource's Properties, from a property path like `VpcConfig/SubnetIds`.
pub fn property_path(resource: &str, property: &str) -> Path {
    let mut p: Path = vec![
        Step::key("Resources"),
        Step::key(resource),
        Step::key("Properties"),
    ];
    p.extend(property.split('/').filter(|s| !s.is_empty()).map(Step::key));
    p
}
