//! Formwork's browser front end: the designer shell, a Yew app over `formwork-core`.
//!
//! State and actions live in [`state`], strings in [`i18n`], one component per file
//! in [`components`], laid out by [`app::App`].

pub mod app;
pub mod catalog;
pub mod components;
pub mod dom;
pub mod i18n;
pub mod model;
pub mod panic;
pub mod state;

/// How components send actions to the app state.
pub type Dispatch = yew::functional::UseReducerDispatcher<state::AppState>;

/// Mounts the app into `<body>`. Install the panic hook ([`panic::install`]) first.
pub fn mount() {
    yew::Renderer::<app::App>::new().render();
}

#[cfg(test)]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
