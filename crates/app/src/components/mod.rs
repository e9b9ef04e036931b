//! One component per file. `App` (in `app.rs`) lays them out:
//!
//! ```text
//! App
//! ├── Header ─ Logo, Menu × 5, language select
//! ├── Palette ─ ServiceIcon per entry
//! ├── Canvas ─ ResourceNode per resource, ZoomControls
//! │   └── BottomPanel ─ TemplateView
//! ├── Inspector ─ ResourceDetails, TemplateSummary
//! ├── StatusBar
//! └── ShortcutsDialog | AboutDialog (Modal)
//! ```

pub mod bottom_panel;
pub mod canvas;
pub mod dialog;
pub mod header;
pub mod icons;
pub mod inspector;
pub mod menu;
pub mod palette;
pub mod resource_node;
pub mod status_bar;
pub mod template_view;
pub mod zoom_controls;
