//! Formwork's browser front end: the designer shell, a Yew app over `formwork-core`.
//!
//! The app is a thin view over the core: the one [`formwork_core::document::Document`]
//! lives in [`state`], every edit is one of the core's commands, and what is drawn is
//! derived from the document once per revision in [`view`]. Strings live in [`i18n`],
//! one component per file in [`components`], laid out by [`app::App`].

pub mod app;
pub mod autosave;
pub mod catalog;
pub mod components;
pub mod dom;
pub mod files;
pub mod i18n;
pub mod panic;
pub mod run;
pub mod sim_text;
pub mod simulation;
pub mod state;
pub mod view;

/// How components send actions to the app state.
pub type Dispatch = yew::functional::UseReducerDispatcher<state::AppState>;

/// Mounts the app into `<body>`. Install the panic hook ([`panic::install`]) first.
pub fn mount() {
    yew::Renderer::<app::App>::new().render();
}

#[cfg(test)]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
