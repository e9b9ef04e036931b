//! Formwork's engine: the template model, its readers and writers, and (in later
//! modules) the catalog, validator and simulator. It knows nothing of the browser: the
//! app and the command line are thin views over it. See ARCHITECTURE.md.

pub mod autosave;
pub mod calendar;
pub mod catalog;
pub mod chart;
pub mod code;
pub mod diagnostic;
pub mod diagram;
pub mod document;
pub mod files;
pub mod forms;
pub mod samples;
pub mod share;
pub mod sim;
pub mod stack_parameters;
pub mod template;
pub mod validate;
