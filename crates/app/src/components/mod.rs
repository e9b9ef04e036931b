//! One component per file. `App` (in `app.rs`) lays them out:
//!
//! ```text
//! App
//! ├── Header ─ Logo, Menu × 5, language select
//! ├── Palette ─ ServiceIcon per entry
//! ├── Canvas ─ SceneView (ContainerBox, EdgeLine, ResourceCard), Stage (the live
//! │   │         run), RunBar, CanvasToolbar, ContextMenu, ZoomControls
//! │   └── BottomPanel ─ CodeEditor | ProblemsView | SimulationPanel (Chart …)
//! ├── Inspector ─ ResourceDetails (FieldView per property) | TemplateEditor
//! ├── StatusBar
//! └── ShortcutsDialog | AboutDialog | StackParametersDialog (Modal)
//! ```

pub mod bottom_panel;
pub mod canvas;
pub mod code_editor;
pub mod context_menu;
pub mod dialog;
pub mod file_actions;
pub mod file_dialogs;
pub mod header;
pub mod icons;
pub mod inspector;
pub mod menu;
pub mod minimap;
pub mod palette;
pub mod problems_view;
pub mod scene_view;
pub mod simulation;
pub mod stack_parameters;
pub mod status_bar;
pub mod template_view;
pub mod zoom_controls;

/// Text made safe inside markup (element content and quoted attributes), for the
/// parts of the page built as markup: the drawing and the code pane's lines.
pub fn esc(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"', '\'']) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}
