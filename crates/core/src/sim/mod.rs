//! The simulator: traffic and faults run through the template as written.
//!
//! `engine` is the clock, the agenda of events and the random streams, and knows
//! nothing of the cloud; `world` builds what is simulated from the document; one
//! module per mechanism, named as the course names it, does the work; the monitors
//! only observe.

pub mod audit_monitor;
pub mod automated_scaling_listener;
pub mod cron;
pub mod engine;
pub mod hypervisor;
pub mod live;
pub mod load_balancer;
pub mod pay_per_use_monitor;
pub mod presets;
pub mod prices;
pub mod protocol;
pub mod report;
pub mod resource_cluster;
pub mod scenario;
pub mod scenario_draft;
pub mod simulation;
pub mod sla_monitor;
pub mod state_management_database;
pub mod world;
