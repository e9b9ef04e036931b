//! The live simulation: the run bar over the canvas, the running architecture drawn
//! on it, the Simulation tab's scenario editor, charts and monitors, all read from
//! [`crate::run`] and the document's scenario.

pub mod chart;
pub mod faults;
pub mod panel;
pub mod run_bar;
pub mod scenario;
pub mod stage;
