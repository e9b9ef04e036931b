//! Diagram geometry shared by every front end: the pan-and-zoom viewport and the
//! plain shapes it works with. Pure math, no browser types, so it is tested natively.

pub mod layout;
pub mod relations;
pub mod viewport;

pub use viewport::{
    Affine, MAX_ZOOM, MIN_ZOOM, Point, Rect, Size, Viewport, ZOOM_STEPS, clamp_zoom,
    wheel_zoom_factor,
};
