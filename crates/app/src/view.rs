//! What the interface shows of the document, derived once per revision: the scene
//! (boxes, edges and the layout behind them), the validation findings by resource,
//! the template text and a few counts. Components get it behind [`Shared`], which
//! compares by pointer, so an unchanged view costs nothing to pass down.
//!
//! It is derived in two steps, so that an edit shows in the frame of the input that
//! made it: the scene at once ([`DocView::build_as`]), the findings and the text just
//! after that frame ([`DocView::complete`], see `AppState::settle`).

use std::collections::HashMap;
use std::ops::Deref;
use std::rc::Rc;

use formwork_core::catalog::curated::Category;
use formwork_core::diagnostic::{Diagnostic, Severity};
use formwork_core::diagram::relations::Glue;
use formwork_core::diagram::scene::{Scene, SceneEdge, SceneNode};
use formwork_core::document::Document;
use formwork_core::template::{Format, Section};
use yew::AttrValue;

use crate::catalog::full_catalog;
use crate::dom::perf;
use crate::i18n::Strings;

/// An `Rc` that compares by pointer: for large derived data handed to components.
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Shared(Rc::new(value))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// The findings about one resource, for its badges.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Badge {
    pub errors: usize,
    pub warnings: usize,
    /// Each finding, errors first.
    pub lines: Vec<BadgeLine>,
}

/// One finding about a resource.
#[derive(Clone, Debug, PartialEq)]
pub struct BadgeLine {
    pub severity: Severity,
    pub rule: &'static str,
    pub message: String,
}

impl BadgeLine {
    /// `rule: message`, headed in `s`'s language by what the rule checks when the
    /// findings' English is not that language.
    pub fn text(&self, s: &Strings) -> String {
        match crate::i18n::rule_heading(s, self.rule) {
            Some(heading) => format!("{heading} ({}: {})", self.rule, self.message),
            None => format!("{}: {}", self.rule, self.message),
        }
    }
}

/// The resource a finding is about, from its path `Resources/Id/...`.
pub fn finding_resource(path: &str) -> Option<&str> {
    let mut parts = path.split('/');
    (parts.next() == Some("Resources"))
        .then(|| parts.next())
        .flatten()
        .filter(|id| !id.is_empty())
}

/// What validation says of the document, by resource; shared between the views of
/// successive revisions until validation runs again.
#[derive(Debug, Default)]
pub struct Checked {
    pub badges: HashMap<String, Rc<Badge>>,
    pub findings: Vec<Diagnostic>,
}

#[derive(Clone, Debug)]
pub struct DocView {
    /// Which opened document this is (a new one starts at a new epoch).
    pub epoch: u64,
    pub revision: u64,
    pub scene: Rc<Scene>,
    /// The scene's boxes and edges, each shared so components compare them cheaply.
    pub nodes: Vec<Rc<SceneNode>>,
    pub edges: Vec<Rc<SceneEdge>>,
    /// The findings: of this revision once [`DocView::is_complete`], until then those
    /// of the revision before.
    pub checked: Rc<Checked>,
    /// The template as text, in [`DocView::format`] (YAML unless the code pane shows
    /// JSON): of this revision once complete, until then of the one before.
    pub text: AttrValue,
    pub format: Format,
    /// The revision `checked` and `text` belong to.
    pub complete_at: u64,
    /// How many resources the template declares (glue resources included).
    pub resources: usize,
    pub format_version: Option<String>,
    /// How many resources there are of each category, in palette order, without zeros.
    pub counts: Vec<(Category, usize)>,
    pub undo: Option<String>,
    pub redo: Option<String>,
}

/// Validates the template and gathers the findings on their resources.
fn check(doc: &Document) -> Checked {
    // Validation needs the catalog, which arrives just after the first paint.
    perf::mark("fw-validate-start");
    let findings: Vec<Diagnostic> = full_catalog()
        .map(|catalog| formwork_core::validate::validate(doc.template(), catalog))
        .unwrap_or_default();
    perf::measure("fw-validate", "fw-validate-start");
    let mut badges: HashMap<String, Badge> = HashMap::new();
    for d in &findings {
        let Some(id) = finding_resource(&d.path) else {
            continue;
        };
        let b = badges.entry(id.to_string()).or_default();
        match d.severity {
            Severity::Error => b.errors += 1,
            Severity::Warning => b.warnings += 1,
            Severity::Info => {}
        }
        b.lines.push(BadgeLine {
            severity: d.severity,
            rule: d.rule,
            message: d.message.clone(),
        });
    }
    for b in badges.values_mut() {
        // Errors first (a partition: no sort to compile).
        let (mut first, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut b.lines)
            .into_iter()
            .partition(|l| l.severity == Severity::Error);
        first.extend(rest);
        b.lines = first;
    }
    Checked {
        badges: badges.into_iter().map(|(k, v)| (k, Rc::new(v))).collect(),
        findings,
    }
}

/// The template's text in `format`, measured as `fw-emit`.
fn emit(doc: &Document, format: Format) -> AttrValue {
    perf::mark("fw-emit-start");
    let text = AttrValue::from(doc.text(format));
    perf::measure("fw-emit", "fw-emit-start");
    text
}

impl DocView {
    /// The whole view of a document: scene, findings and text.
    pub fn build(doc: &Document, epoch: u64) -> DocView {
        DocView::build_as(doc, epoch, Format::Yaml, Glue::Folded, None).complete(doc, None)
    }

    /// What the canvas needs to show a revision: the scene, counts and history,
    /// with the findings and text of `before` (a view of the same document) kept
    /// until [`DocView::complete`] brings them up to date, after the frame that shows
    /// the change. Without `before` (a new document) they are empty.
    pub fn build_as(
        doc: &Document,
        epoch: u64,
        format: Format,
        glue: Glue,
        before: Option<&DocView>,
    ) -> DocView {
        let template = doc.template();
        perf::mark("fw-scene-start");
        let scene = Scene::build_with(template, glue);
        perf::measure("fw-scene", "fw-scene-start");
        let mut counts: Vec<(Category, usize)> = Category::ALL.iter().map(|&c| (c, 0)).collect();
        for n in &scene.nodes {
            if let Some(slot) = counts.iter_mut().find(|(c, _)| *c == n.category) {
                slot.1 += 1;
            }
        }
        counts.retain(|(_, n)| *n > 0);
        let resources = scene.resources;
        let (checked, text, complete_at) = match before {
            Some(b) if b.epoch == epoch && b.format == format => {
                (b.checked.clone(), b.text.clone(), b.complete_at)
            }
            _ => (Rc::default(), AttrValue::Static(""), u64::MAX),
        };
        DocView {
            epoch,
            revision: doc.revision(),
            nodes: scene.nodes.iter().cloned().map(Rc::new).collect(),
            edges: scene.edges.iter().cloned().map(Rc::new).collect(),
            scene: Rc::new(scene),
            checked,
            text,
            format,
            complete_at,
            resources,
            format_version: template
                .section(Section::FormatVersion)
                .and_then(|n| n.as_str())
                .map(str::to_string),
            counts,
            undo: doc.undo_label().map(str::to_string),
            redo: doc.redo_label().map(str::to_string),
        }
    }

    /// Whether the findings and the text are those of this revision.
    pub fn is_complete(&self) -> bool {
        self.complete_at == self.revision
    }

    /// This view with the findings and text of its revision; `typed` is the text when
    /// the code pane just supplied it (it reads as this document), so it is not
    /// written again.
    pub fn complete(&self, doc: &Document, typed: Option<AttrValue>) -> DocView {
        DocView {
            checked: Rc::new(check(doc)),
            text: typed.unwrap_or_else(|| emit(doc, self.format)),
            complete_at: self.revision,
            ..self.clone()
        }
    }

    pub fn findings(&self) -> &[Diagnostic] {
        &self.checked.findings
    }

    pub fn badge(&self, id: &str) -> Option<&Rc<Badge>> {
        self.checked.badges.get(id)
    }

    pub fn node(&self, id: &str) -> Option<&Rc<SceneNode>> {
        self.scene.index_of(id).map(|i| &self.nodes[i])
    }

    pub fn edge(&self, key: &str) -> Option<&Rc<SceneEdge>> {
        self.edges.iter().find(|e| e.key == key)
    }

    pub fn has_node(&self, id: &str) -> bool {
        self.scene.node(id).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn findings_gather_on_their_resource() {
        assert_eq!(
            finding_resource("Resources/Web/Properties/SubnetId"),
            Some("Web")
        );
        assert_eq!(finding_resource("Resources/Web"), Some("Web"));
        assert_eq!(finding_resource("Outputs/Url"), None);
        assert_eq!(finding_resource(""), None);
        // The test build embeds the curated catalog in place of the fetched one.
        let _ = crate::catalog::set_full_catalog(formwork_core::catalog::curated_catalog().clone());
        let (doc, _) = Document::open(
            "Resources:\n  Rt:\n    Type: AWS::EC2::RouteTable\n  Q:\n    Type: AWS::SQS::Queue\n",
        )
        .unwrap();
        let view = DocView::build(&doc, 1);
        assert!(view.is_complete());
        // A route table needs its VPC.
        let rt = view.badge("Rt").expect("a badge for the route table");
        assert!(rt.errors >= 1, "{rt:?}");
        assert!(rt.lines[0].message.contains("VpcId"), "{rt:?}");
        assert!(view.badge("Q").is_none());
        assert_eq!(view.resources, 2);
        assert!(view.node("Rt").is_some() && view.has_node("Q"));
    }

    #[wasm_bindgen_test]
    fn shared_compares_by_pointer() {
        let a = Shared::new(vec![1]);
        let b = Shared::new(vec![1]);
        assert!(a == a.clone());
        assert!(a != b);
    }
}
