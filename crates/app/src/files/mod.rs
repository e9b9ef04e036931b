//! The document as a file and as text: its name and where it is stored, the code
//! pane's text edits and drafts, samples, restoring from the browser's storage, and
//! requests between panes (a finding shown in the code pane). [`reduce`] applies a
//! [`FileAction`] to the app state; [`io`] talks to the browser (files, downloads,
//! exports, the clipboard).

pub mod io;

use std::rc::Rc;

use formwork_core::autosave::{self, Record};
use formwork_core::code;
use formwork_core::document::Document;
use formwork_core::template::{self, Format, ParseError, Template};
use yew::AttrValue;

use crate::i18n::fill;
use crate::state::{AppState, BottomTab, ScenarioDoc, Selection};
use crate::view::Shared;

/// The label key of a text edit in the history ("Edit template text").
pub const TEXT_LABEL: &str = "text";

/// What the app knows of the document's file.
#[derive(Clone, Debug, PartialEq)]
pub struct FileInfo {
    /// The file name it was opened from or saved as; empty for a new document.
    pub name: String,
    /// Its key in the browser's storage, new for every opened or new document.
    pub id: String,
    /// The revision last written to (or read from) a file; `None` when never.
    pub saved: Option<u64>,
}

impl FileInfo {
    /// A document that has not been stored yet, named `name`, clean at revision 0.
    pub fn new(name: String) -> FileInfo {
        FileInfo {
            name,
            id: autosave::new_id(js_sys::Date::now(), (js_sys::Math::random() * 4e9) as u32),
            saved: Some(0),
        }
    }

    /// Whether the document has changes no file holds.
    pub fn dirty(&self, revision: u64) -> bool {
        self.saved != Some(revision)
    }
}

/// Text typed in the code pane that does not read as a template. The document keeps
/// its last good state; the pane shows this text and the error until it is fixed or
/// the document changes elsewhere.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub epoch: u64,
    /// The document revision the text was typed over.
    pub revision: u64,
    pub text: AttrValue,
    pub error: ParseError,
}

/// A request to show a place in the code pane, numbered so a repeated request is new.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Reveal {
    pub serial: u32,
    /// A path such as `Resources/Web/Properties/SubnetId` (empty: the whole template).
    pub path: String,
    /// A line to show instead, for errors in the text itself.
    pub line: Option<u32>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum FileAction {
    /// The code pane's text once typing stopped: read it and, when it is a template,
    /// make it the document as one undoable step.
    EditText(String),
    /// Shows the code pane's text as YAML or JSON.
    SetFormat(Format),
    /// Shows where a finding is: selects its resource and jumps the code pane to it.
    Reveal {
        path: String,
        line: Option<u32>,
    },
    /// Opens a sample (File > New from sample) by its id.
    OpenSample(&'static str),
    /// Opens a stored document: the last one at start-up, or one from File > Recent.
    Restore(Box<Record>),
    /// Opens template text that did not come from a file (pasted, or from a link
    /// with the scenario of its simulation).
    OpenText {
        text: String,
        name: String,
        scenario: Option<String>,
    },
    /// The document was written to a file at this revision, under this name if new.
    Saved {
        revision: u64,
        name: Option<String>,
    },
    Notice(String),
}

impl AppState {
    /// The text of the document in `format`: the code pane's own text when it shows
    /// that format and is up to date (so a file gets exactly what the pane shows),
    /// else freshly written.
    pub fn text_in(&self, format: Format) -> String {
        if self.view.format == format && self.view.is_complete() {
            self.view.text.to_string()
        } else {
            self.doc.borrow().text(format)
        }
    }

    /// The whole template text as it is now, in the code pane's format, though the
    /// panels may not show it yet: a draft typed over this document, the text the
    /// code pane supplied for it, or the document written out.
    pub fn current_text(&self) -> AttrValue {
        if let Some(d) = self.current_draft() {
            return d.text.clone();
        }
        match &self.typed {
            Some((revision, text)) if *revision == self.view.revision => text.clone(),
            _ => AttrValue::from(self.text_in(self.code_format)),
        }
    }

    /// The draft, if it was typed over the document as it is now.
    pub fn current_draft(&self) -> Option<&Draft> {
        self.draft
            .as_deref()
            .filter(|d| d.epoch == self.epoch && d.revision == self.view.revision)
    }
}

/// Opens `template` as a new document called `name`.
fn open_template(s: &mut AppState, template: Template, name: String) {
    s.open(Document::new(template));
    s.file = FileInfo::new(name.clone());
    s.template_file = (!name.is_empty()).then_some(name);
}

/// Applies a file action; false when nothing changed.
pub fn reduce(s: &mut AppState, action: FileAction) -> bool {
    let strings = s.lang.strings();
    match action {
        FileAction::EditText(text) => {
            let unchanged = s.text_in(s.view.format) == text;
            if unchanged && s.current_draft().is_none() {
                return false;
            }
            if unchanged {
                s.draft = None;
                return true;
            }
            crate::dom::perf::mark("fw-code-parse-start");
            let parsed = template::parse(&text);
            crate::dom::perf::measure("fw-code-parse", "fw-code-parse-start");
            match parsed {
                Ok(imported) => {
                    s.draft = None;
                    let text = AttrValue::from(text);
                    s.doc
                        .borrow_mut()
                        .replace_template(imported.template, TEXT_LABEL);
                    // The view takes the text as typed rather than writing it again.
                    s.typed = Some((s.doc.borrow().revision(), text));
                    s.notice = None;
                    s.refresh();
                }
                Err(error) => {
                    s.draft = Some(Shared::new(Draft {
                        epoch: s.epoch,
                        revision: s.view.revision,
                        text: AttrValue::from(text),
                        error,
                    }));
                }
            }
        }
        FileAction::SetFormat(format) => {
            if s.code_format == format {
                return false;
            }
            s.code_format = format;
            s.draft = None;
            s.rebuild_view();
        }
        FileAction::Reveal { path, line } => {
            let steps = code::path_steps(&path);
            if let ["Resources", id, ..] = steps.as_slice()
                && s.view.has_node(id)
            {
                s.selection = Selection {
                    nodes: vec![id.to_string()],
                    edge: None,
                };
            }
            s.bottom_tab = BottomTab::Template;
            s.show_bottom = true;
            s.reveal = Reveal {
                serial: s.reveal.serial.wrapping_add(1),
                path,
                line,
            };
        }
        FileAction::OpenSample(id) => {
            let Some(sample) = formwork_core::samples::sample(id) else {
                return false;
            };
            match template::parse(sample.text) {
                Ok(imported) => open_template(s, imported.template, format!("{id}.yaml")),
                Err(e) => s.notice = Some(e.to_string()),
            }
        }
        FileAction::Restore(record) => {
            let Record {
                id,
                name,
                format,
                dirty,
                text,
                draft,
                scenario,
                ..
            } = *record;
            let scenario = ScenarioDoc {
                text: scenario.map(AttrValue::from),
                imported: None,
            };
            // The latest typed text wins when it reads as a template.
            let (base, draft) = match draft.map(|d| (template::parse(&d), d)) {
                Some((Ok(imported), _)) => (Ok(imported.template), None),
                Some((Err(error), d)) => {
                    (template::parse(&text).map(|i| i.template), Some((d, error)))
                }
                None => (template::parse(&text).map(|i| i.template), None),
            };
            let template = match base {
                Ok(t) => t,
                // The stored text always read; if it no longer does, start afresh with
                // the text as a draft so nothing is lost.
                Err(error) => {
                    let mut t = Template::new();
                    t.format = format;
                    let draft = draft.map(|(d, _)| d).unwrap_or(text);
                    open_template(s, t, name);
                    s.file.id = id;
                    s.scenario = scenario;
                    s.draft = Some(Shared::new(Draft {
                        epoch: s.epoch,
                        revision: s.view.revision,
                        text: AttrValue::from(draft),
                        error,
                    }));
                    return true;
                }
            };
            open_template(s, template, name);
            s.file.id = id;
            s.scenario = scenario;
            if s.code_format != format {
                s.code_format = format;
                s.rebuild_view();
            }
            if dirty {
                s.file.saved = None;
            }
            if let Some((text, error)) = draft {
                s.draft = Some(Shared::new(Draft {
                    epoch: s.epoch,
                    revision: s.view.revision,
                    text: AttrValue::from(text),
                    error,
                }));
            }
        }
        FileAction::OpenText {
            text,
            name,
            scenario,
        } => match template::parse(&text) {
            Ok(imported) => {
                open_template(s, imported.template, name);
                s.scenario.text = scenario.map(AttrValue::from);
                // Not from a file: nothing holds it yet.
                s.file.saved = None;
            }
            Err(e) => {
                let shown = if name.is_empty() {
                    strings.untitled
                } else {
                    name.as_str()
                };
                s.notice = Some(fill(strings.open_failed, &[shown, &e.to_string()]));
            }
        },
        FileAction::Saved { revision, name } => {
            s.file.saved = Some(revision);
            if let Some(n) = name {
                s.file.name = n.clone();
                s.template_file = Some(n);
            }
        }
        FileAction::Notice(text) => s.notice = Some(text),
    }
    true
}

/// The ids of resources whose text holds `line` in `text` (at most one).
pub fn resource_at(entries: &[code::Entry], line: u32) -> Option<String> {
    code::entry_at(entries, line).map(|e| e.key.clone())
}

/// A shared, cheaply compared list of the resources in a text with their lines.
pub type Outline = Rc<Vec<code::Entry>>;

/// What the File menu, the top bar's buttons and their shortcuts ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileCommand {
    New,
    Samples,
    Open,
    PasteTemplate,
    Recent,
    Save,
    ExportYaml,
    ExportJson,
    ExportSvg,
    ExportPng,
    Share,
}

/// Carries out a file command with the state as it is now.
pub fn run(command: FileCommand, state: &AppState, dispatch: &crate::Dispatch) {
    use crate::state::{Action, Dialog};
    match command {
        FileCommand::New => {
            io::forget_handle();
            dispatch.dispatch(Action::NewDocument);
        }
        FileCommand::Samples => dispatch.dispatch(Action::OpenDialog(Dialog::Samples)),
        FileCommand::Open => io::choose_file(),
        FileCommand::PasteTemplate => dispatch.dispatch(Action::OpenDialog(Dialog::PasteTemplate)),
        FileCommand::Recent => dispatch.dispatch(Action::OpenDialog(Dialog::Recent)),
        FileCommand::Save => {
            if state.current_draft().is_some() {
                dispatch.dispatch(Action::Files(FileAction::Notice(
                    state.lang.strings().save_draft_kept.to_string(),
                )));
            }
            yew::platform::spawn_local(io::save(state.clone(), dispatch.clone()));
        }
        FileCommand::ExportYaml => io::export(state, Format::Yaml, dispatch),
        FileCommand::ExportJson => io::export(state, Format::Json, dispatch),
        FileCommand::ExportSvg => io::export_svg(state),
        FileCommand::ExportPng => {
            yew::platform::spawn_local(io::export_png(state.clone(), dispatch.clone()))
        }
        FileCommand::Share => dispatch.dispatch(Action::OpenDialog(Dialog::Share)),
    }
}
