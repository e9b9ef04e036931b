//! One component per file. `App` (in `app.rs`) lays them out:
//!
//! ```text
//! App
//! ├── Header ─ Logo, Menu × 5, language select
//! ├── Palette ─ ServiceIcon per entry
//! ├── Canvas ─ SceneView (ContainerBox, EdgeLine, ResourceCard), CanvasToolbar,
//! │   │         ContextMenu, ZoomControls
//! │   └── BottomPanel ─ CodeEditor | ProblemsView
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
pub mod palette;
pub mod problems_view;
pub mod scene_view;
pub mod stack_parameters;
pub mod status_bar;
pub mod template_view;
pub mod zoom_controls;
