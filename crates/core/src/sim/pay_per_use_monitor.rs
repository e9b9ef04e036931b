//! The pay-per-use monitor: what the run used, metered per resource and dimension,
//! and priced from the project's price tables (`data/prices/`, each figure with its
//! source). What has no price there is listed as unpriced, never guessed.

use serde::Serialize;

use super::engine::Time;
use super::prices::{self, Rate};
use super::simulation::Usage;
use super::world::World;

/// One metered line.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CostLine {
    pub resource: String,
    pub dimension: String,
    pub quantity: f64,
    pub unit: &'static str,
    /// `None` when the project has no price for it in this region.
    pub usd: Option<f64>,
    pub source: Option<&'static str>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cost {
    pub region: String,
    pub lines: Vec<CostLine>,
    pub total_usd: f64,
    /// The run's cost scaled to a month of 730 hours at the same usage.
    pub monthly_usd: f64,
}

/// ALB capacity units: the largest of the dimensions a unit covers per hour (new
/// connections 25/s, processed bytes 1 GB/h for EC2 targets; Elastic Load Balancing
/// pricing page). Each request is taken as one new connection.
fn lcu(requests_per_second: f64, gb_per_hour: f64) -> f64 {
    (requests_per_second / 25.0).max(gb_per_hour)
}

pub fn meter(world: &World, usage: &Usage, duration: Time, region: &str) -> Cost {
    let hours = duration / 3600.0;
    let mut lines = Vec::new();
    let mut line = |resource: &str,
                    dimension: String,
                    quantity: f64,
                    unit: &'static str,
                    price: Option<prices::Price>| {
        lines.push(CostLine {
            resource: resource.to_string(),
            dimension,
            quantity,
            unit,
            usd: price.map(|p| p.usd * quantity),
            source: price.map(|p| p.source),
        });
    };
    for (instance_type, seconds) in &usage.instance_seconds {
        line(
            "EC2",
            format!("{instance_type} instance-hours"),
            seconds / 3600.0,
            "hours",
            prices::ec2_hourly(region, instance_type),
        );
    }
    let gb = usage.response_bytes / 1e9;
    for (i, lb) in world.load_balancers.iter().enumerate() {
        line(
            &lb.id,
            "load balancer hours".into(),
            hours,
            "hours",
            prices::rate(region, Rate::AlbHour),
        );
        if world.entry == Some(i) {
            let lcu_hours = lcu(
                usage.requests as f64 / duration.max(1.0),
                gb / hours.max(1e-9),
            ) * hours;
            line(
                &lb.id,
                "load balancer capacity units".into(),
                lcu_hours,
                "LCU-hours",
                prices::rate(region, Rate::AlbLcuHour),
            );
        }
    }
    for db in &world.databases {
        let kind = if db.multi_az { "Multi-AZ" } else { "Single-AZ" };
        line(
            &db.id,
            format!("{} {kind} instance-hours", db.class),
            hours,
            "hours",
            prices::rds_hourly(region, &db.class, db.multi_az),
        );
    }
    line(
        "internet",
        "data transfer out".into(),
        gb,
        "GB",
        prices::rate(region, Rate::DataOutGb),
    );
    let total_usd: f64 = lines.iter().filter_map(|l| l.usd).sum();
    Cost {
        region: region.to_string(),
        monthly_usd: if hours > 0.0 {
            total_usd / hours * prices::HOURS_PER_MONTH
        } else {
            0.0
        },
        total_usd,
        lines,
    }
}
