//! The document being designed: one template, changed only by commands, with undo.
//!
//! This is the single source of truth of the designer. The canvas, the inspector, the
//! code pane, validation and autosave all read it; every edit, from a drag on the
//! canvas to a keystroke in the code pane, is a command applied here, so undo, redo
//! and the revision number cover them all alike.

pub mod commands;
pub mod edit;
mod history;
pub mod ids;
pub mod loops;
pub mod placement;
pub mod tx;

pub use edit::{EditError, Path, Step, path};
pub use tx::{Tx, property_path};

use history::{Change, History};

use crate::template::{self, Format, Imported, ParseError, Template};

/// Why a command could not be applied; the document is left as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommandError(pub String);

impl std::fmt::Display for CommandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CommandError {}

impl From<EditError> for CommandError {
    fn from(e: EditError) -> Self {
        CommandError(e.0)
    }
}

#[derive(Clone, Debug)]
pub struct Document {
    template: Template,
    history: History,
    /// Changes with every applied, undone or redone command, so views can tell
    /// whether what they show is current.
    revision: u64,
}

impl Default for Document {
    fn default() -> Self {
        Document::new(Template::new())
    }
}

impl Document {
    pub fn new(template: Template) -> Self {
        Document {
            template,
            history: History::default(),
            revision: 0,
        }
    }

    /// Opens template text; the reader's warnings come with it.
    pub fn open(text: &str) -> Result<(Document, Imported), ParseError> {
        let imported = template::parse(text)?;
        Ok((Document::new(imported.template.clone()), imported))
    }

    pub fn template(&self) -> &Template {
        &self.template
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The template as text in `format`.
    pub fn text(&self, format: Format) -> String {
        self.template.emit(format)
    }

    /// Applies a command as one undoable action. If the command fails part way, what
    /// it did is rolled back and the document is unchanged.
    pub fn apply<R>(
        &mut self,
        label: &str,
        command: impl FnOnce(&mut Tx) -> Result<R, CommandError>,
    ) -> Result<R, CommandError> {
        self.apply_with(label, None, command)
    }

    /// Like [`Document::apply`], but consecutive actions with the same `key` (typing
    /// in one field) undo as one.
    pub fn apply_coalescing<R>(
        &mut self,
        label: &str,
        key: &str,
        command: impl FnOnce(&mut Tx) -> Result<R, CommandError>,
    ) -> Result<R, CommandError> {
        self.apply_with(label, Some(key.to_string()), command)
    }

    fn apply_with<R>(
        &mut self,
        label: &str,
        coalesce: Option<String>,
        command: impl FnOnce(&mut Tx) -> Result<R, CommandError>,
    ) -> Result<R, CommandError> {
        let mut tx = Tx::new(&mut self.template);
        match command(&mut tx) {
            Ok(result) => {
                let edits = tx.finish();
                if !edits.is_empty() {
                    let revert = edits.iter().rev().map(edit::Edit::inverse).collect();
                    self.history.record(label, Change::Edits(revert), coalesce);
                    self.revision += 1;
                }
                Ok(result)
            }
            Err(e) => {
                tx.roll_back();
                Err(e)
            }
        }
    }

    /// Replaces the whole template (a text edit in the code pane) as one action.
    pub fn replace_template(&mut self, template: Template, label: &str) {
        let old = std::mem::replace(&mut self.template, template);
        self.history
            .record(label, Change::Swap(Box::new(old)), None);
        self.revision += 1;
    }

    /// Undoes the last action; returns its label.
    pub fn undo(&mut self) -> Option<String> {
        let label = self.history.undo(&mut self.template).ok().flatten();
        if label.is_some() {
            self.revision += 1;
        }
        label
    }

    /// Redoes the last undone action; returns its label.
    pub fn redo(&mut self) -> Option<String> {
        let label = self.history.redo(&mut self.template).ok().flatten();
        if label.is_some() {
            self.revision += 1;
        }
        label
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.history.undo_label()
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.history.redo_label()
    }

    /// Ends the current run of coalesced actions (a field lost focus).
    pub fn seal_history(&mut self) {
        self.history.seal();
    }
}

#[cfg(test)]
mod tests;
