//! The shell's state and the actions that change it, reduced with [`Reducible`].

use std::rc::Rc;

use formwork_core::diagram::{Point, Size, Viewport, wheel_zoom_factor};
use formwork_core::template;
use yew::{AttrValue, Reducible};

use crate::catalog::{PaletteEntry, category_of, palette_entries};
use crate::i18n::Lang;
use crate::i18n::fill;
use crate::model::{Diagram, NODE_HEIGHT, SNAP};

/// Screen pixels kept free around the content by "Fit to screen".
pub const FIT_PADDING: f64 = 48.0;
/// Bottom panel height limits, in CSS pixels.
pub const BOTTOM_MIN: f64 = 120.0;
pub const BOTTOM_MAX: f64 = 1200.0;
pub const BOTTOM_DEFAULT: f64 = 240.0;
/// How far one arrow key moves a resource (world units; Shift moves five times as far).
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
}

#[derive(Clone, Debug, PartialEq)]
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
    pub diagram: Rc<Diagram>,
    pub selected: Option<String>,
    pub dialog: Option<Dialog>,
    /// The resource types the palette offers.
    pub catalog: Rc<Vec<PaletteEntry>>,
    /// A message for the user about the last file operation.
    pub notice: Option<String>,
}

impl AppState {
    pub fn new(lang: Lang) -> Self {
        AppState {
            lang,
            viewport: Viewport::IDENTITY,
            view_size: Size::default(),
            show_palette: true,
            show_inspector: true,
            show_bottom: true,
            bottom_height: BOTTOM_DEFAULT,
            bottom_tab: BottomTab::Template,
            diagram: Rc::new(Diagram::default()),
            selected: None,
            dialog: None,
            catalog: Rc::new(palette_entries()),
            notice: None,
        }
    }

    /// The YAML of the current document.
    pub fn template_text(&self) -> String {
        self.diagram.to_yaml()
    }

    fn view_center(&self) -> Point {
        self.view_size.center()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    SetLang(Lang),
    SetViewSize(Size),
    /// Moves the content by a screen distance.
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
    SetBottomHeight(f64),
    /// Shows the bottom panel on this tab.
    ShowTab(BottomTab),
    NewDocument,
    /// Replaces the document with a template read from a file.
    OpenTemplate {
        file_name: String,
        text: String,
    },
    DismissNotice,
    /// Places a resource centred on a canvas point (screen coordinates inside the
    /// canvas), or in the middle of the view, and selects it.
    AddResource {
        type_name: AttrValue,
        at: Option<Point>,
    },
    /// Moves a card's top-left corner to a world point.
    MoveResource {
        id: String,
        to: Point,
    },
    /// Moves the selected card by world units.
    NudgeSelected {
        dx: f64,
        dy: f64,
    },
    Select(Option<String>),
    DeleteSelected,
    Rename {
        from: String,
        to: String,
    },
    OpenDialog(Dialog),
    CloseDialog,
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
                s.view_size = size;
            }
            Action::Pan { dx, dy } => s.viewport = s.viewport.panned(dx, dy),
            Action::Wheel { delta_y, at } => {
                s.viewport = s.viewport.zoomed_by(wheel_zoom_factor(delta_y), at)
            }
            Action::ZoomIn => s.viewport = s.viewport.zoomed_in(s.view_center()),
            Action::ZoomOut => s.viewport = s.viewport.zoomed_out(s.view_center()),
            Action::ResetZoom => s.viewport = s.viewport.zoomed_to(1.0, s.view_center()),
            Action::FitToScreen => {
                s.viewport = Viewport::fit(s.diagram.bounds(), s.view_size, FIT_PADDING)
            }
            Action::TogglePalette => s.show_palette = !s.show_palette,
            Action::ToggleInspector => s.show_inspector = !s.show_inspector,
            Action::ToggleBottom => s.show_bottom = !s.show_bottom,
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
                s.diagram = Rc::new(Diagram::default());
                s.selected = None;
                s.notice = None;
                s.viewport = Viewport::IDENTITY;
            }
            Action::OpenTemplate { file_name, text } => match template::parse(&text) {
                Ok(imported) => {
                    let diagram = Diagram::from_template(imported.template, &s.catalog);
                    s.viewport = Viewport::fit(diagram.bounds(), s.view_size, FIT_PADDING);
                    s.diagram = Rc::new(diagram);
                    s.selected = None;
                    s.notice = None;
                }
                Err(e) => {
                    let error = e.to_string();
                    s.notice = Some(fill(s.lang.strings().open_failed, &[&file_name, &error]));
                }
            },
            Action::DismissNotice => s.notice = None,
            Action::AddResource { type_name, at } => {
                let category = category_of(&s.catalog, &type_name);
                let screen = at.unwrap_or_else(|| s.view_center());
                let mut center = s.viewport.to_world(screen);
                if at.is_none() {
                    // Repeated placement in the middle lines cards up below each other
                    // instead of stacking them.
                    let step = NODE_HEIGHT + 2.0 * SNAP;
                    while s
                        .diagram
                        .resources()
                        .iter()
                        .any(|r| r.pos == Diagram::place_for(center))
                    {
                        center = Point::new(center.x, center.y + step);
                    }
                }
                let id = Rc::make_mut(&mut s.diagram).add(type_name, category, center);
                s.selected = Some(id);
            }
            Action::MoveResource { id, to } => {
                if !s.diagram.get(&id).is_some_and(|r| r.pos != to) {
                    return self;
                }
                if !Rc::make_mut(&mut s.diagram).move_to(&id, to) {
                    return self;
                }
            }
            Action::NudgeSelected { dx, dy } => {
                let Some(id) = s.selected.clone() else {
                    return self;
                };
                let Some(pos) = s.diagram.get(&id).map(|r| r.pos) else {
                    return self;
                };
                Rc::make_mut(&mut s.diagram).move_to(&id, Point::new(pos.x + dx, pos.y + dy));
            }
            Action::Select(id) => {
                let id = id.filter(|id| s.diagram.get(id).is_some());
                if id == s.selected {
                    return self;
                }
                s.selected = id;
            }
            Action::DeleteSelected => {
                let Some(id) = s.selected.take() else {
                    return self;
                };
                Rc::make_mut(&mut s.diagram).remove(&id);
            }
            Action::Rename { from, to } => {
                if Rc::make_mut(&mut s.diagram).rename(&from, &to).is_err() {
                    return self;
                }
                if s.selected.as_deref() == Some(from.as_str()) {
                    s.selected = Some(to);
                }
            }
            Action::OpenDialog(d) => s.dialog = Some(d),
            Action::CloseDialog => s.dialog = None,
        }
        Rc::new(s)
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

    fn vpc() -> Action {
        Action::AddResource {
            type_name: AttrValue::Static("AWS::EC2::VPC"),
            at: None,
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
    fn adding_selects_and_cascades() {
        let s = state().reduce(vpc()).reduce(vpc());
        assert_eq!(s.diagram.len(), 2);
        assert_eq!(s.selected.as_deref(), Some("EC2VPC2"));
        let a = s.diagram.get("EC2VPC").unwrap().pos;
        let b = s.diagram.get("EC2VPC2").unwrap().pos;
        assert_ne!(a, b);
        let s = s.reduce(Action::DeleteSelected);
        assert_eq!(s.diagram.len(), 1);
        assert_eq!(s.selected, None);
    }

    #[wasm_bindgen_test]
    fn fit_shows_everything_and_new_clears() {
        let s = state().reduce(vpc()).reduce(Action::Wheel {
            delta_y: 120.0,
            at: Point::new(10.0, 10.0),
        });
        assert!(s.viewport.scale < 1.0);
        let s = s.reduce(Action::FitToScreen);
        assert_eq!(s.viewport.zoom_percent(), 100);
        let s = s.reduce(Action::NewDocument);
        assert!(s.diagram.is_empty());
        assert_eq!(s.viewport, Viewport::IDENTITY);
    }

    #[wasm_bindgen_test]
    fn rename_follows_the_selection() {
        let s = state().reduce(vpc()).reduce(Action::Rename {
            from: "EC2VPC".into(),
            to: "Network".into(),
        });
        assert_eq!(s.selected.as_deref(), Some("Network"));
        let same = s.clone().reduce(Action::Rename {
            from: "Network".into(),
            to: "bad id".into(),
        });
        assert!(Rc::ptr_eq(&s, &same));
    }

    #[wasm_bindgen_test]
    fn opening_replaces_or_reports() {
        let s = state().reduce(vpc()).reduce(Action::OpenTemplate {
            file_name: "bad.yaml".into(),
            text: "Resources: [".into(),
        });
        assert_eq!(s.diagram.len(), 1);
        assert!(s.notice.as_deref().unwrap().contains("bad.yaml"));
        let s = s.reduce(Action::OpenTemplate {
            file_name: "ok.yaml".into(),
            text: "Resources:\n  A:\n    Type: AWS::S3::Bucket\n  B:\n    Type: AWS::SQS::Queue\n"
                .into(),
        });
        assert_eq!(s.notice, None);
        assert_eq!(s.selected, None);
        assert_eq!(s.diagram.len(), 2);
        assert!(s.diagram.get("B").is_some());
    }

    #[wasm_bindgen_test]
    fn bottom_height_is_clamped() {
        let s = state().reduce(Action::SetBottomHeight(10.0));
        assert_eq!(s.bottom_height, BOTTOM_MIN);
        let s = s.reduce(Action::SetBottomHeight(f64::NAN));
        assert_eq!(s.bottom_height, BOTTOM_MIN);
    }
}
