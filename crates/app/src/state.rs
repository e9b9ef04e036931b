//! The app's state and the actions that change it, reduced with [`Reducible`].
//!
//! The document is the core's [`Document`]: every edit is one of its commands, applied
//! with a label key (`move`, `add` ...) that the Edit menu shows as "Undo Move". After
//! each change the derived [`DocView`] is rebuilt once, and everything on screen reads
//! that. Nothing here draws; nothing in the components edits the template.
//!
//! An edit or a selection shows on the canvas in the frame of the input that made it;
//! what can wait a frame follows just after it ([`Action::Settle`]): validation, the
//! template's text, and the panels (inspector, code pane, problems) that show them and
//! the selection. So the canvas answers at once however large the template, and the
//! panels a frame later.

use std::cell::RefCell;
use std::rc::Rc;

use formwork_core::diagram::arrange::{Align, Edges};
use formwork_core::diagram::layout::Style;
use formwork_core::diagram::measures;
use formwork_core::diagram::relations::{Glue, LinkKind};
use formwork_core::diagram::{Point, Size, Viewport, wheel_zoom_factor};
use formwork_core::document::commands::{
    self, connect, delete_resources, remove_depends_on, rename_resource,
};
use formwork_core::document::loops;
use formwork_core::document::placement::{self, Spot};
use formwork_core::document::{CommandError, Document, Tx};
// Inspector forms
use crate::files::{Draft, FileAction, FileInfo, Reveal};
use formwork_core::forms::FormEdit;
use formwork_core::forms::edit::label as form_label;
use formwork_core::template::Format;
use yew::{AttrValue, Reducible};

use crate::catalog::{PaletteData, full_catalog};
use crate::i18n::{Lang, Strings, fill};
use crate::view::{DocView, Shared};

/// Bottom panel height limits, in CSS pixels.
pub const BOTTOM_MIN: f64 = 120.0;
pub const BOTTOM_MAX: f64 = 1200.0;
pub const BOTTOM_DEFAULT: f64 = 240.0;
/// How far one arrow key moves the selection (world units; Shift moves ten times as far).
pub const NUDGE: f64 = 8.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BottomTab {
    Template,
    Problems,
    Simulation,
}

impl BottomTab {
    pub const ALL: [BottomTab; 3] = [
        BottomTab::Template,
        BottomTab::Problems,
        BottomTab::Simulation,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            BottomTab::Template => "template",
            BottomTab::Problems => "problems",
            BottomTab::Simulation => "simulation",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialog {
    Shortcuts,
    About,
    // Inspector forms: stack parameters
    /// Values for the template's parameters, exported as a parameter file.
    StackParameters,
    Samples,
    Recent,
    PasteTemplate,
    Share,
}

/// What is selected: resources, or one link.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Logical ids, in the order they were selected.
    pub nodes: Vec<String>,
    /// The key of a selected edge (see `formwork_core::diagram::scene::edge_key`).
    pub edge: Option<String>,
}

impl Selection {
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty() && self.edge.is_none()
    }

    pub fn contains(&self, id: &str) -> bool {
        self.nodes.iter().any(|n| n == id)
    }

    /// The one selected resource, if exactly one is.
    pub fn single(&self) -> Option<&str> {
        match self.nodes.as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }

    fn nodes(ids: Vec<String>) -> Selection {
        Selection {
            nodes: ids,
            edge: None,
        }
    }
}

/// The label keys of the document's history; [`label_text`] shows them.
pub mod label {
    pub const ADD: &str = "add";
    pub const MOVE: &str = "move";
    pub const NUDGE: &str = "nudge";
    pub const RESIZE: &str = "resize";
    pub const ALIGN: &str = "align";
    pub const ARRANGE: &str = "arrange";
    pub const CONNECT: &str = "connect";
    pub const DEPEND: &str = "depend";
    pub const DISCONNECT: &str = "disconnect";
    pub const DELETE: &str = "delete";
    pub const CUT: &str = "cut";
    pub const DUPLICATE: &str = "duplicate";
    pub const PASTE: &str = "paste";
    pub const RENAME: &str = "rename";
    pub const LOOP: &str = "loop";
}

/// The interface text for a history label key.
pub fn label_text(s: &Strings, key: &str) -> &'static str {
    match key {
        label::ADD => s.act_add,
        label::MOVE | label::NUDGE => s.act_move,
        label::RESIZE => s.act_resize,
        label::ALIGN => s.act_align,
        label::ARRANGE => s.act_arrange,
        label::CONNECT => s.act_connect,
        label::DEPEND => s.act_depend,
        label::DISCONNECT => s.act_disconnect,
        label::DELETE => s.act_delete,
        label::CUT => s.act_cut,
        label::DUPLICATE => s.act_duplicate,
        label::PASTE => s.act_paste,
        label::RENAME => s.act_rename,
        label::LOOP => s.act_loop,
        // Inspector forms
        form_label::PROPERTY => s.act_property,
        form_label::ATTRIBUTE => s.act_attribute,
        form_label::PARAMETER => s.act_parameter,
        form_label::OUTPUT => s.act_output,
        form_label::TEMPLATE => s.act_template,
        crate::files::TEXT_LABEL => s.act_text,
        _ => s.act_edit,
    }
}

#[derive(Clone)]
pub struct AppState {
    pub lang: Lang,
    pub viewport: Viewport,
    /// The canvas size in CSS pixels, as last measured.
    pub view_size: Size,
    pub show_palette: bool,
    pub show_inspector: bool,
    pub show_bottom: bool,
    pub bottom_height: f64,
    pub bottom_tab: BottomTab,
    pub dialog: Option<Dialog>,
    /// A message for the user about the last operation.
    pub notice: Option<String>,
    /// The one document, shared with nothing but this state.
    pub doc: Rc<RefCell<Document>>,
    /// What the document looks like now (its findings and text may be a frame behind).
    pub view: Shared<DocView>,
    pub selection: Selection,
    /// The view and the selection as the panels show them: complete, and at most a
    /// frame behind `view` and `selection` (see [`AppState::settle`]).
    pub settled: Shared<DocView>,
    pub settled_selection: Rc<Selection>,
    /// The types the palette offers.
    pub palette: Shared<PaletteData>,
    /// Moves land on the grid.
    pub snap: bool,
    /// Whether glue resources are folded into links or shown as boxes too ("Show all
    /// resources").
    pub glue: Glue,
    /// Bumped to ask the inspector to focus the logical id field.
    pub focus_inspector: u32,
    // Inspector forms: stack parameters
    /// The name of the file the template was opened from, for the parameter file's name.
    pub template_file: Option<String>,
    /// The document's file name, storage key and saved revision.
    pub file: FileInfo,
    /// The format the code pane shows (and the document is stored and saved in).
    pub code_format: Format,
    /// Code pane text that does not read as a template, shown with its error.
    pub draft: Option<Shared<Draft>>,
    /// The latest request to show a place in the code pane.
    pub reveal: Reveal,
    /// The code pane's text of a revision, when it supplied the document: the view
    /// takes it rather than writing the text again.
    pub(crate) typed: Option<(u64, AttrValue)>,
    /// Keyboard focus was last in the code pane (not the canvas or a form): the Edit
    /// menu's Select all, Copy and Cut act on its text.
    pub code_focus: bool,
    /// The scenario the document's simulation runs.
    pub scenario: ScenarioDoc,
    pub(crate) epoch: u64,
}

/// The scenario of the document's simulation, kept with the document (autosaved, in
/// share links): the CLI's scenario file, or none of its own (the designer's default).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ScenarioDoc {
    pub text: Option<AttrValue>,
    /// The file it was imported from, until it is changed.
    pub imported: Option<AttrValue>,
}

impl AppState {
    pub fn new(lang: Lang) -> Self {
        let doc = Document::default();
        let view = Shared::new(DocView::build(&doc, 0));
        AppState {
            settled: view.clone(),
            settled_selection: Rc::default(),
            lang,
            viewport: Viewport::IDENTITY,
            view_size: Size::default(),
            show_palette: true,
            show_inspector: true,
            show_bottom: true,
            bottom_height: BOTTOM_DEFAULT,
            bottom_tab: BottomTab::Template,
            dialog: None,
            notice: None,
            doc: Rc::new(RefCell::new(doc)),
            view,
            selection: Selection::default(),
            palette: Shared::new(match full_catalog() {
                Some(c) => PaletteData::with_catalog(c),
                None => PaletteData::curated_only(),
            }),
            snap: true,
            glue: Glue::Folded,
            focus_inspector: 0,
            template_file: None,
            file: FileInfo::new(String::new()),
            code_format: Format::Yaml,
            draft: None,
            reveal: Reveal::default(),
            typed: None,
            code_focus: false,
            scenario: ScenarioDoc::default(),
            epoch: 0,
        }
    }

    /// The YAML of the current document.
    pub fn template_text(&self) -> String {
        self.text_in(Format::Yaml)
    }

    /// Whether the panels show the view and the selection as they are.
    pub fn is_settled(&self) -> bool {
        self.settled == self.view && *self.settled_selection == self.selection
    }

    /// Brings the view's findings and text up to its revision, and the panels to the
    /// view and the selection: the work an edit or a selection leaves for just after
    /// the frame that shows it on the canvas.
    pub(crate) fn settle(&mut self) {
        if !self.view.is_complete() {
            crate::dom::perf::mark("fw-settle-start");
            let revision = self.view.revision;
            let typed = self
                .typed
                .take()
                .filter(|(r, _)| *r == revision)
                .map(|(_, text)| text);
            let view = self.view.complete(&self.doc.borrow(), typed);
            self.view = Shared::new(view);
            crate::dom::perf::measure("fw-settle", "fw-settle-start");
        }
        self.settled = self.view.clone();
        if *self.settled_selection != self.selection {
            self.settled_selection = Rc::new(self.selection.clone());
        }
    }

    /// The view of the current document, complete at once (a document opened, the
    /// catalog arrived, another format shown).
    pub(crate) fn rebuild_view(&mut self) {
        let doc = self.doc.borrow();
        let view = DocView::build_as(&doc, self.epoch, self.code_format, self.glue, None)
            .complete(&doc, None);
        drop(doc);
        self.view = Shared::new(view);
        self.settle();
    }

    /// The selected resources as template text, for the clipboard.
    pub fn copy_text(&self) -> Option<String> {
        if self.selection.nodes.is_empty() {
            return None;
        }
        let doc = self.doc.borrow();
        let ids: Vec<&str> = self.selection.nodes.iter().map(String::as_str).collect();
        placement::copy_arranged(doc.template(), &ids).ok()
    }

    fn view_center(&self) -> Point {
        self.view_size.center()
    }

    /// The world point in the middle of the canvas.
    fn world_center(&self) -> Point {
        self.viewport.to_world(self.view_center())
    }

    /// Rebuilds the view when the document changed, and drops what is no longer there
    /// from the selection.
    pub(crate) fn refresh(&mut self) {
        let current = {
            let doc = self.doc.borrow();
            self.view.revision == doc.revision()
                && self.view.epoch == self.epoch
                && self.view.format == self.code_format
        };
        if current {
            return;
        }
        // A draft typed over what is gone is replaced.
        if self.draft.take().is_some() {
            self.notice = Some(self.lang.strings().code_draft_replaced.to_string());
        }
        crate::dom::perf::mark("fw-derive-start");
        let view = DocView::build_as(
            &self.doc.borrow(),
            self.epoch,
            self.code_format,
            self.glue,
            Some(&self.view),
        );
        crate::dom::perf::measure("fw-derive", "fw-derive-start");
        let nodes: Vec<String> = self
            .selection
            .nodes
            .iter()
            .filter(|id| view.has_node(id))
            .cloned()
            .collect();
        let edge = self
            .selection
            .edge
            .clone()
            .filter(|k| view.edge(k).is_some());
        self.selection = Selection { nodes, edge };
        self.view = Shared::new(view);
    }

    /// Applies a command; a failure becomes the notice and changes nothing.
    fn edit<R>(
        &mut self,
        label: &str,
        command: impl FnOnce(&mut Tx) -> Result<R, CommandError>,
    ) -> Option<R> {
        let result = self.doc.borrow_mut().apply(label, command);
        self.after(label, result)
    }

    fn edit_coalescing<R>(
        &mut self,
        label: &str,
        key: &str,
        command: impl FnOnce(&mut Tx) -> Result<R, CommandError>,
    ) -> Option<R> {
        let result = self.doc.borrow_mut().apply_coalescing(label, key, command);
        self.after(label, result)
    }

    fn after<R>(&mut self, label: &str, result: Result<R, CommandError>) -> Option<R> {
        match result {
            Ok(r) => {
                self.notice = None;
                self.refresh();
                Some(r)
            }
            Err(e) => {
                let s = self.lang.strings();
                self.notice = Some(fill(
                    s.command_failed,
                    &[label_text(s, label), &e.to_string()],
                ));
                None
            }
        }
    }

    pub(crate) fn fit(&mut self) {
        self.viewport = Viewport::fit(
            self.view.scene.bounds(),
            self.view_size,
            measures::FIT_PADDING,
        );
    }

    pub(crate) fn open(&mut self, doc: Document) {
        // A new document, shown in its own format.
        self.code_format = doc.template().format;
        self.file = FileInfo::new(String::new());
        self.draft = None;
        self.typed = None;
        self.scenario = ScenarioDoc::default();
        self.doc = Rc::new(RefCell::new(doc));
        self.epoch += 1;
        self.selection = Selection::default();
        self.notice = None;
        self.rebuild_view();
        self.fit();
    }
}

impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.doc, &other.doc)
            && self.view == other.view
            && self.settled == other.settled
            && Rc::ptr_eq(&self.settled_selection, &other.settled_selection)
            && self.lang == other.lang
            && self.viewport == other.viewport
            && self.view_size == other.view_size
            && self.selection == other.selection
            && self.notice == other.notice
            && self.dialog == other.dialog
            && self.code_focus == other.code_focus
            && self.scenario == other.scenario
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    SetLang(Lang),
    SetViewSize(Size),
    /// Moves the content by a screen distance.
    /// Moves the view so this world point is at its centre (the minimap).
    CenterOn(Point),
    /// Writes the names a `Fn::ForEach` loop makes its resources from.
    SetLoopNames {
        key: String,
        names: Vec<String>,
    },
    Pan {
        dx: f64,
        dy: f64,
    },
    /// A wheel event: vertical travel in pixels at a canvas point.
    Wheel {
        delta_y: f64,
        at: Point,
    },
    ZoomIn,
    ZoomOut,
    ResetZoom,
    FitToScreen,
    TogglePalette,
    ToggleInspector,
    ToggleBottom,
    ToggleSnap,
    ToggleShowAll,
    SetBottomHeight(f64),
    /// Shows the bottom panel on this tab.
    ShowTab(BottomTab),
    NewDocument,
    /// The document's scenario from the Simulation tab's form or a file.
    SetScenario(ScenarioDoc),
    /// Replaces the document with a template read from a file.
    OpenTemplate {
        file_name: String,
        text: String,
    },
    /// The full catalog arrived: the palette offers every type, validation knows them.
    CatalogLoaded,
    DismissNotice,
    /// Adds a resource centred on a canvas point (screen coordinates inside the
    /// canvas), or near the middle of the view, and selects it.
    AddResource {
        type_name: AttrValue,
        at: Option<Point>,
    },
    /// Moves resources (each with what is inside it) by a world distance: the end of a
    /// drag.
    Move {
        ids: Vec<String>,
        dx: f64,
        dy: f64,
    },
    /// Moves the selection by world units (arrow keys); repeated nudges undo as one.
    Nudge {
        dx: f64,
        dy: f64,
    },
    /// Resizes a container by dragging some of its edges (world units).
    Resize {
        id: String,
        edges: Edges,
        dx: f64,
        dy: f64,
    },
    Align(Align),
    /// Lays the whole diagram out again, in a style.
    AutoArrange(Style),
    /// Connects two resources the way the catalog says (or with DependsOn).
    Connect {
        from: String,
        to: String,
    },
    /// Makes `from` depend on `to`.
    DependOn {
        from: String,
        to: String,
    },
    /// Selects exactly these resources (none clears the selection).
    Select(Vec<String>),
    /// Adds resources to the selection, or removes one already in it.
    ToggleSelect(String),
    SelectEdge(String),
    SelectAll,
    DeleteSelected,
    /// Copies the selection to the clipboard (done by the caller) and deletes it.
    CutSelected,
    Duplicate,
    /// Pastes resources from template text near the middle of the view.
    Paste {
        text: String,
    },
    Rename {
        from: String,
        to: String,
    },
    Undo,
    Redo,
    /// Shows the inspector with the logical id field focused.
    FocusInspector,
    OpenDialog(Dialog),
    CloseDialog,
    // Inspector forms
    /// An edit from the inspector's forms; `typing` names the field being typed in, so
    /// a run of keystrokes there undoes as one step.
    Form {
        edit: Box<FormEdit>,
        typing: Option<String>,
    },
    /// A form field lost focus: its run of typing ends.
    SealHistory,
    /// Keyboard focus went into the code pane (true) or elsewhere in the work area.
    CodeFocus(bool),
    /// The frame that shows the last change is painted: bring the findings, the text
    /// and the panels up to date.
    Settle,
    Files(FileAction),
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::SetLang(lang) => s.lang = lang,
            Action::SetViewSize(size) => {
                if s.view_size == size {
                    return self;
                }
                let first = s.view_size.is_empty();
                s.view_size = size;
                if first && !s.view.scene.is_empty() {
                    s.fit();
                }
            }
            Action::Pan { dx, dy } => s.viewport = s.viewport.panned(dx, dy),
            Action::CenterOn(world) => s.viewport = s.viewport.centered_on(world, s.view_size),
            Action::Wheel { delta_y, at } => {
                s.viewport = s.viewport.zoomed_by(wheel_zoom_factor(delta_y), at)
            }
            Action::ZoomIn => s.viewport = s.viewport.zoomed_in(s.view_center()),
            Action::ZoomOut => s.viewport = s.viewport.zoomed_out(s.view_center()),
            Action::ResetZoom => s.viewport = s.viewport.zoomed_to(1.0, s.view_center()),
            Action::FitToScreen => s.fit(),
            Action::TogglePalette => s.show_palette = !s.show_palette,
            Action::ToggleInspector => s.show_inspector = !s.show_inspector,
            Action::ToggleBottom => s.show_bottom = !s.show_bottom,
            Action::ToggleSnap => s.snap = !s.snap,
            Action::ToggleShowAll => {
                s.glue = match s.glue {
                    Glue::Folded => Glue::Shown,
                    Glue::Shown => Glue::Folded,
                };
                s.rebuild_view();
            }
            Action::SetBottomHeight(h) => {
                if !h.is_finite() {
                    return self;
                }
                s.bottom_height = h.clamp(BOTTOM_MIN, BOTTOM_MAX);
            }
            Action::ShowTab(tab) => {
                s.bottom_tab = tab;
                s.show_bottom = true;
            }
            Action::NewDocument => {
                s.open(Document::default());
                s.template_file = None; // Inspector forms: stack parameters
                s.viewport = Viewport::IDENTITY;
            }
            Action::SetScenario(scenario) => {
                if s.scenario == scenario {
                    return self;
                }
                s.scenario = scenario;
            }
            Action::OpenTemplate { file_name, text } => match open_measured(&text) {
                Ok(doc) => {
                    s.open(doc);
                    s.file.name = file_name.clone();
                    s.template_file = Some(file_name);
                }
                Err(e) => {
                    let error = e.to_string();
                    s.notice = Some(fill(s.lang.strings().open_failed, &[&file_name, &error]));
                }
            },
            Action::CatalogLoaded => {
                // The full catalog: the palette lists every type and validation runs;
                // the curated one: the forms know their types.
                if let Some(c) = full_catalog() {
                    s.palette = Shared::new(PaletteData::with_catalog(c));
                }
                s.rebuild_view();
            }
            Action::DismissNotice => s.notice = None,
            Action::AddResource { type_name, at } => {
                let spot = match at {
                    Some(p) => Spot::At(s.viewport.to_world(p)),
                    None => Spot::Near(s.world_center()),
                };
                if let Some(id) = s.edit(label::ADD, |tx| placement::add_at(tx, &type_name, spot)) {
                    s.selection = Selection::nodes(vec![id]);
                }
            }
            Action::Move { ids, dx, dy } => {
                if ids.is_empty() || (dx == 0.0 && dy == 0.0) {
                    return self;
                }
                let snap = s.snap;
                s.edit(label::MOVE, |tx| placement::move_by(tx, &ids, dx, dy, snap));
            }
            Action::Nudge { dx, dy } => {
                if s.selection.nodes.is_empty() {
                    return self;
                }
                let ids = s.selection.nodes.clone();
                let key = format!("nudge:{}", ids.join(","));
                s.edit_coalescing(label::NUDGE, &key, |tx| {
                    placement::move_by(tx, &ids, dx, dy, false)
                });
            }
            Action::Resize { id, edges, dx, dy } => {
                let snap = s.snap;
                s.edit(label::RESIZE, |tx| {
                    placement::resize(tx, &id, edges, dx, dy, snap)
                });
            }
            Action::Align(how) => {
                if s.selection.nodes.len() < 2 {
                    return self;
                }
                let ids = s.selection.nodes.clone();
                s.edit(label::ALIGN, |tx| placement::align(tx, &ids, how));
            }
            Action::AutoArrange(style) => {
                if s.edit(label::ARRANGE, |tx| placement::arrange_all(tx, style))
                    .is_some()
                {
                    s.fit();
                }
            }
            Action::Connect { from, to } => {
                s.edit(label::CONNECT, |tx| connect(tx, &from, &to));
            }
            Action::DependOn { from, to } => {
                s.edit(label::DEPEND, |tx| commands::add_depends_on(tx, &from, &to));
            }
            Action::Select(ids) => {
                let ids: Vec<String> = ids.into_iter().filter(|id| s.view.has_node(id)).collect();
                let next = Selection::nodes(ids);
                if next == s.selection {
                    return self;
                }
                s.selection = next;
            }
            Action::ToggleSelect(id) => {
                if !s.view.has_node(&id) {
                    return self;
                }
                s.selection.edge = None;
                if let Some(i) = s.selection.nodes.iter().position(|n| *n == id) {
                    s.selection.nodes.remove(i);
                } else {
                    s.selection.nodes.push(id);
                }
            }
            Action::SelectEdge(key) => {
                if s.view.edge(&key).is_none() {
                    return self;
                }
                s.selection = Selection {
                    nodes: Vec::new(),
                    edge: Some(key),
                };
            }
            Action::SelectAll => {
                s.selection = Selection::nodes(s.view.nodes.iter().map(|n| n.id.clone()).collect());
            }
            Action::DeleteSelected => delete_selection(&mut s, label::DELETE),
            Action::CutSelected => delete_selection(&mut s, label::CUT),
            Action::Duplicate => {
                if s.selection.nodes.is_empty() {
                    return self;
                }
                let ids = s.selection.nodes.clone();
                if let Some(copies) =
                    s.edit(label::DUPLICATE, |tx| placement::duplicate_beside(tx, &ids))
                {
                    s.selection = Selection::nodes(copies);
                }
            }
            Action::Paste { text } => {
                // A whole template opens rather than pastes.
                if formwork_core::files::holds_template(&text) {
                    let (name, scenario) = (String::new(), None);
                    crate::files::reduce(
                        &mut s,
                        FileAction::OpenText {
                            text,
                            name,
                            scenario,
                        },
                    );
                    return Rc::new(s);
                }
                let view = s.viewport.visible_world(s.view_size);
                if let Some(ids) = s.edit(label::PASTE, |tx| placement::paste_at(tx, &text, view)) {
                    s.selection = Selection::nodes(ids);
                }
            }
            Action::SetLoopNames { key, names } => {
                s.edit(label::LOOP, |tx| loops::set_collection(tx, &key, &names));
            }
            Action::Rename { from, to } => {
                if from == to {
                    return self;
                }
                let result = s
                    .doc
                    .borrow_mut()
                    .apply(label::RENAME, |tx| rename_resource(tx, &from, &to));
                if result.is_ok() {
                    // The selection follows before the view drops the old id.
                    for n in &mut s.selection.nodes {
                        if *n == from {
                            *n = to.clone();
                        }
                    }
                }
                s.after(label::RENAME, result);
            }
            Action::Undo => {
                if s.doc.borrow_mut().undo().is_none() {
                    return self;
                }
                s.refresh();
            }
            Action::Redo => {
                if s.doc.borrow_mut().redo().is_none() {
                    return self;
                }
                s.refresh();
            }
            Action::FocusInspector => {
                s.show_inspector = true;
                s.focus_inspector += 1;
            }
            Action::OpenDialog(d) => s.dialog = Some(d),
            Action::CloseDialog => s.dialog = None,
            // Inspector forms
            Action::Form { edit, typing } => {
                let label = edit.label();
                match typing {
                    Some(key) => {
                        s.edit_coalescing(label, &format!("form:{key}"), |tx| edit.apply(tx))
                    }
                    None => s.edit(label, |tx| edit.apply(tx)),
                };
            }
            Action::SealHistory => {
                s.doc.borrow_mut().seal_history();
                return self;
            }
            Action::CodeFocus(on) => {
                if s.code_focus == on {
                    return self;
                }
                s.code_focus = on;
            }
            Action::Settle => {
                if s.is_settled() {
                    return self;
                }
                s.settle();
            }
            Action::Files(a) => {
                if !crate::files::reduce(&mut s, a) {
                    return self;
                }
            }
        }
        Rc::new(s)
    }
}

/// Reads template text into a new document, measured as `fw-parse`.
fn open_measured(text: &str) -> Result<Document, formwork_core::template::ParseError> {
    crate::dom::perf::mark("fw-parse-start");
    // Straight into the document: `Document::open` would also keep a copy of the tree
    // for the reader's warnings, which the designer does not show.
    let doc = formwork_core::template::parse(text).map(|imported| Document::new(imported.template));
    crate::dom::perf::measure("fw-parse", "fw-parse-start");
    doc
}

/// Deletes the selected resources, or what the selected link wrote.
fn delete_selection(s: &mut AppState, label: &str) {
    if let Some(key) = s.selection.edge.clone() {
        let Some(edge) = s.view.edge(&key).cloned() else {
            return;
        };
        let l = edge.link.clone();
        let done = s.edit(label::DISCONNECT, |tx| match l.kind {
            LinkKind::Reference => commands::disconnect(tx, &l.from, &l.to, &l.at),
            LinkKind::DependsOn => remove_depends_on(tx, &l.from, &l.to),
            LinkKind::Glue => delete_resources(tx, &[l.label.as_str()]),
        });
        if done.is_some() {
            s.selection = Selection::default();
        }
        return;
    }
    if s.selection.nodes.is_empty() {
        return;
    }
    let ids = s.selection.nodes.clone();
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    if s.edit(label, |tx| delete_resources(tx, &refs)).is_some() {
        s.selection = Selection::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn state() -> Rc<AppState> {
        let mut s = AppState::new(Lang::En);
        s.view_size = Size::new(800.0, 600.0);
        Rc::new(s)
    }

    fn add(t: &'static str, at: Option<Point>) -> Action {
        Action::AddResource {
            type_name: AttrValue::Static(t),
            at,
        }
    }

    #[wasm_bindgen_test]
    fn zoom_commands_step_about_the_centre() {
        let s = state().reduce(Action::ZoomIn);
        assert_eq!(s.viewport.zoom_percent(), 110);
        let centre = Point::new(400.0, 300.0);
        let w = s.viewport.to_world(centre);
        assert!((w.x - 400.0).abs() < 1e-9 && (w.y - 300.0).abs() < 1e-9);
        let s = s.reduce(Action::ZoomOut).reduce(Action::ZoomOut);
        assert_eq!(s.viewport.zoom_percent(), 90);
        let s = s.reduce(Action::ResetZoom);
        assert_eq!(s.viewport.zoom_percent(), 100);
    }

    #[wasm_bindgen_test]
    fn adding_selects_and_does_not_stack() {
        let s = state()
            .reduce(add("AWS::SQS::Queue", None))
            .reduce(add("AWS::SQS::Queue", None));
        assert_eq!(s.view.resources, 2);
        assert_eq!(s.selection.nodes, vec!["Queue2".to_string()]);
        let a = s.view.scene.node("Queue").unwrap().rect;
        let b = s.view.scene.node("Queue2").unwrap().rect;
        assert_ne!(a, b);
        assert_eq!(s.view.undo.as_deref(), Some(label::ADD));
        let s = s.reduce(Action::DeleteSelected);
        assert_eq!(s.view.resources, 1);
        assert!(s.selection.is_empty());
    }

    #[wasm_bindgen_test]
    fn drops_nest_and_undo_redo_walk_the_history() {
        let s = state().reduce(add("AWS::EC2::VPC", Some(Point::new(400.0, 300.0))));
        let s = s.reduce(add("AWS::EC2::Subnet", Some(Point::new(400.0, 310.0))));
        // The text follows once the frame that shows the edit is painted.
        assert!(!s.view.is_complete() && !s.is_settled());
        let s = s.reduce(Action::Settle);
        assert!(s.view.is_complete() && s.is_settled());
        assert!(s.view.text.contains("VpcId: !Ref Vpc"), "{}", s.view.text);
        assert_eq!(
            s.view.scene.node("Subnet").unwrap().parent.as_deref(),
            Some("Vpc")
        );
        let moved = s.clone().reduce(Action::Move {
            ids: vec!["Vpc".into()],
            dx: 80.0,
            dy: 0.0,
        });
        assert_eq!(moved.view.undo.as_deref(), Some(label::MOVE));
        assert_eq!(
            moved.view.scene.node("Subnet").unwrap().rect.x,
            s.view.scene.node("Subnet").unwrap().rect.x + 80.0
        );
        let moved_text = moved.clone().reduce(Action::Settle).view.text.clone();
        // Copy takes the text as it is now, before the panels settle.
        assert_ne!(moved.settled.text, moved_text);
        assert_eq!(moved.current_text(), moved_text);
        let back = moved.reduce(Action::Undo).reduce(Action::Undo);
        assert_eq!(back.view.resources, 1);
        assert_eq!(back.view.redo.as_deref(), Some(label::ADD));
        let again = back
            .reduce(Action::Redo)
            .reduce(Action::Redo)
            .reduce(Action::Settle);
        assert_eq!(again.view.text, moved_text);
    }

    #[wasm_bindgen_test]
    fn nudges_coalesce_into_one_step() {
        let s = state().reduce(add("AWS::SQS::Queue", Some(Point::new(100.0, 100.0))));
        let x0 = s.view.scene.node("Queue").unwrap().rect.x;
        let s = s
            .reduce(Action::Nudge { dx: NUDGE, dy: 0.0 })
            .reduce(Action::Nudge { dx: NUDGE, dy: 0.0 });
        assert_eq!(s.view.scene.node("Queue").unwrap().rect.x, x0 + 16.0);
        let s = s.reduce(Action::Undo);
        assert_eq!(s.view.scene.node("Queue").unwrap().rect.x, x0);
    }

    #[wasm_bindgen_test]
    fn links_are_selected_and_deleted() {
        let s = state()
            .reduce(add(
                "AWS::EC2::InternetGateway",
                Some(Point::new(100.0, 100.0)),
            ))
            .reduce(add("AWS::EC2::VPC", Some(Point::new(600.0, 300.0))))
            .reduce(Action::Connect {
                from: "InternetGateway".into(),
                to: "Vpc".into(),
            })
            .reduce(Action::Settle);
        assert!(s.view.text.contains("VPCGatewayAttachment"));
        let key = s.view.edges[0].key.clone();
        let s = s.reduce(Action::SelectEdge(key));
        assert!(s.selection.nodes.is_empty() && s.selection.edge.is_some());
        let s = s.reduce(Action::DeleteSelected).reduce(Action::Settle);
        assert!(!s.view.text.contains("VPCGatewayAttachment"));
        assert_eq!(s.view.undo.as_deref(), Some(label::DISCONNECT));
    }

    #[wasm_bindgen_test]
    fn rename_follows_the_selection_and_failures_become_notices() {
        let s = state()
            .reduce(add("AWS::EC2::VPC", None))
            .reduce(Action::Rename {
                from: "Vpc".into(),
                to: "Network".into(),
            });
        assert_eq!(s.selection.nodes, vec!["Network".to_string()]);
        let bad = s.clone().reduce(Action::Rename {
            from: "Network".into(),
            to: "bad id".into(),
        });
        assert!(bad.notice.is_some());
        assert!(bad.view == s.view);
    }

    #[wasm_bindgen_test]
    fn opening_replaces_or_reports() {
        let s = state()
            .reduce(add("AWS::EC2::VPC", None))
            .reduce(Action::OpenTemplate {
                file_name: "bad.yaml".into(),
                text: "Resources: [".into(),
            });
        assert_eq!(s.view.resources, 1);
        assert!(s.notice.as_deref().unwrap().contains("bad.yaml"));
        let s = s.reduce(Action::OpenTemplate {
            file_name: "ok.yaml".into(),
            text: "Resources:\n  A:\n    Type: AWS::S3::Bucket\n  B:\n    Type: AWS::SQS::Queue\n"
                .into(),
        });
        assert_eq!(s.notice, None);
        assert!(s.selection.is_empty());
        assert_eq!(s.view.resources, 2);
        assert!(s.view.has_node("B"));
        assert_eq!(s.view.undo, None, "a new document has no history");
    }

    #[wasm_bindgen_test]
    fn bottom_height_is_clamped() {
        let s = state().reduce(Action::SetBottomHeight(10.0));
        assert_eq!(s.bottom_height, BOTTOM_MIN);
        let s = s.reduce(Action::SetBottomHeight(f64::NAN));
        assert_eq!(s.bottom_height, BOTTOM_MIN);
    }
}
