//! Diagram geometry shared by every front end: the pan-and-zoom viewport, the
//! automatic layout, hand edits of a layout (`arrange`), edge routes, and the scene the
//! canvas draws. Pure math, no browser types, so it is tested natively.

pub mod architecture;
pub mod arrange;
pub mod card;
pub mod layout;
pub mod measures;
pub mod minimap;
pub mod relations;
pub mod route;
pub mod scene;
pub mod viewport;

pub use viewport::{
    Affine, MAX_ZOOM, MIN_ZOOM, Point, Rect, Size, Viewport, ZOOM_STEPS, clamp_zoom,
    wheel_zoom_factor,
};
