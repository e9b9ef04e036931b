//! The live simulation: the run bar over the canvas, the running architecture drawn
//! on it, and the Simulation tab's charts and monitors, all read from [`crate::run`].

pub mod chart;
pub mod faults;
pub mod panel;
pub mod run_bar;
pub mod stage;
