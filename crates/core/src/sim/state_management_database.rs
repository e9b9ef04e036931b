//! The state management database: the RDS instance requests query. While it is
//! unavailable, requests that query it fail. Its failover timing is the failover
//! system's: a Multi-AZ instance fails over to its standby in 60-120 s ("Multi-AZ DB
//! instance deployments", Amazon RDS user guide); a Single-AZ instance is replaced,
//! which takes minutes (an assumption, `single_az_replacement_s`).

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::engine::Time;
use super::world::{Database, Zone};

/// The documented bounds of a Multi-AZ DB instance failover, seconds.
pub const MULTI_AZ_FAILOVER: (f64, f64) = (60.0, 120.0);

#[derive(Clone, Debug)]
pub struct DatabaseState {
    pub primary: Zone,
    pub standby: Option<Zone>,
    /// Unavailable until then (failing over or being replaced).
    pub down_until: Option<Time>,
    pub cause: String,
}

impl DatabaseState {
    pub fn new(spec: &Database) -> Self {
        DatabaseState {
            primary: spec.zone,
            standby: if spec.multi_az {
                spec.standby_zone
            } else {
                None
            },
            down_until: None,
            cause: String::new(),
        }
    }

    pub fn available(&self, now: Time) -> bool {
        self.down_until.is_none_or(|t| now >= t)
    }

    /// The primary fails at `now`: fails over to the standby when there is one in
    /// a zone that works, else is replaced. Returns when it is back and the words.
    pub fn fail(
        &mut self,
        spec: &Database,
        now: Time,
        zone_up: impl Fn(Zone) -> bool,
        replacement: f64,
        rng: &mut ChaCha8Rng,
    ) -> (Time, String) {
        if self.down_until.is_some_and(|t| t > now) {
            return (self.down_until.unwrap_or(now), self.cause.clone());
        }
        let (back, cause) = match self.standby.filter(|z| zone_up(*z)) {
            Some(standby) => {
                let (lo, hi) = MULTI_AZ_FAILOVER;
                let took = rng.random_range(lo..hi);
                let old = self.primary;
                self.primary = standby;
                self.standby = Some(old);
                (
                    now + took,
                    format!("database {} failing over to its standby", spec.id),
                )
            }
            None => (
                now + replacement,
                format!("database {} down: its instance is being replaced", spec.id),
            ),
        };
        self.down_until = Some(back);
        self.cause = cause.clone();
        (back, cause)
    }
}
