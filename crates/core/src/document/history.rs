//! Undo and redo: a stack of applied changes, each one user action (a whole drag, a
//! connection with its glue resource, a text edit), with a label for the Edit menu.

use super::edit::{Edit, EditError};
use crate::template::Template;

/// What one history entry does to the template.
#[derive(Clone, Debug)]
pub(crate) enum Change {
    /// Edits applied in order; undone by their inverses in reverse order.
    Edits(Vec<Edit>),
    /// The whole template exchanged with this one (a text edit in the code pane):
    /// applying it again swaps back.
    Swap(Box<Template>),
}

impl Change {
    /// Applies the change and turns it into the change that reverts it.
    fn apply_and_invert(&mut self, template: &mut Template) -> Result<(), EditError> {
        match self {
            Change::Edits(edits) => {
                for edit in edits.iter() {
                    edit.apply(template)?;
                }
                *edits = edits.iter().rev().map(Edit::inverse).collect();
                Ok(())
            }
            Change::Swap(other) => {
                std::mem::swap(template, other);
                Ok(())
            }
        }
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub label: String,
    /// The change that reverts the action (on the undo stack) or redoes it (redo).
    pub change: Change,
    /// Consecutive actions with the same key (typing in one field) make one entry.
    pub coalesce: Option<String>,
}

/// The most actions kept: enough for any session, bounded for memory.
const LIMIT: usize = 1000;

#[derive(Clone, Debug, Default)]
pub(crate) struct History {
    undo: Vec<Entry>,
    redo: Vec<Entry>,
}

impl History {
    /// Records an applied action, given the change that reverts it.
    pub fn record(&mut self, label: &str, revert: Change, coalesce: Option<String>) {
        self.redo.clear();
        if let (Some(key), Some(last)) = (&coalesce, self.undo.last_mut())
            && last.coalesce.as_ref() == Some(key)
            && let (Change::Edits(older), Change::Edits(newer)) = (&mut last.change, &revert)
        {
            // The older entry reverts to the state before the first keystroke: keep
            // reverting the newer edits first, then the older ones.
            let mut merged = newer.clone();
            merged.append(older);
            *older = merged;
            return;
        }
        self.undo.push(Entry {
            label: label.to_string(),
            change: revert,
            coalesce,
        });
        if self.undo.len() > LIMIT {
            self.undo.remove(0);
        }
    }

    pub fn undo(&mut self, template: &mut Template) -> Result<Option<String>, EditError> {
        Self::step(&mut self.undo, &mut self.redo, template)
    }

    pub fn redo(&mut self, template: &mut Template) -> Result<Option<String>, EditError> {
        Self::step(&mut self.redo, &mut self.undo, template)
    }

    fn step(
        from: &mut Vec<Entry>,
        to: &mut Vec<Entry>,
        template: &mut Template,
    ) -> Result<Option<String>, EditError> {
        let Some(mut entry) = from.pop() else {
            return Ok(None);
        };
        entry.change.apply_and_invert(template)?;
        entry.coalesce = None;
        let label = entry.label.clone();
        to.push(entry);
        Ok(Some(label))
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|e| e.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|e| e.label.as_str())
    }

    /// Ends coalescing: the next action starts a new entry even with the same key.
    pub fn seal(&mut self) {
        if let Some(last) = self.undo.last_mut() {
            last.coalesce = None;
        }
    }
}
