//! The browser entry point built by Trunk.

fn main() {
    // First thing: a panic from here on shows the error banner, not a blank page.
    formwork_app::panic::install();
    formwork_app::mount();
}
