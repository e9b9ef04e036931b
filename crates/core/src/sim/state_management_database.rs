//! The state management database: the RDS instance requests query, and where users'
//! session state lives. While it is
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
    /// Queries sent to it, and requests that failed because it was down, since the
    /// run began.
    pub queries: u64,
    pub failed: u64,
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
            queries: 0,
            failed: 0,
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

/// Users' sessions, and where their state lives: on the instance that served them
/// (lost with it, or when a request lands elsewhere) or in a state store of the
/// template (ElastiCache, DynamoDB), which makes the web tier stateless.
#[derive(Clone, Debug)]
pub struct SessionTable {
    active: Vec<Session>,
    new_share: f64,
    mean_length: f64,
    /// The store holding session state, or `None` when it lives on the instances.
    pub store: Option<String>,
    needs_state: bool,
    pub started: u64,
    pub lost: u64,
}

#[derive(Clone, Copy, Debug)]
struct Session {
    ends: Time,
    /// The instance holding its state (and the target stickiness sends it to).
    home: Option<usize>,
}

impl SessionTable {
    pub fn new(sessions: &super::scenario::Sessions, stores: &[String]) -> Self {
        SessionTable {
            active: Vec::new(),
            new_share: 1.0 / sessions.requests,
            mean_length: sessions.length,
            store: stores.first().cloned(),
            needs_state: sessions.needs_state,
            started: 0,
            lost: 0,
        }
    }

    /// The session of a request arriving at `now`: a new one, with a share of
    /// 1 / requests per session, or one under way chosen at random (one that has
    /// ended by now gives way to a new one: that user has left).
    pub fn session_for(&mut self, now: Time, rng: &mut ChaCha8Rng) -> usize {
        if !self.active.is_empty() && rng.random::<f64>() >= self.new_share {
            let k = rng.random_range(0..self.active.len());
            if self.active[k].ends > now {
                return k;
            }
            self.active.swap_remove(k);
        }
        let length: f64 = rand_distr::Distribution::sample(&rand_distr::Exp1, rng);
        self.started += 1;
        self.active.push(Session {
            ends: now + length * self.mean_length,
            home: None,
        });
        self.active.len() - 1
    }

    /// Where stickiness sends session `s`.
    pub fn home(&self, s: usize) -> Option<usize> {
        self.active[s].home
    }

    /// Session `s` was served by instance `n`. With its state on the instances, a
    /// session served by another instance than the one holding its state loses it.
    pub fn served_by(&mut self, s: usize, n: usize) {
        let keeps_on_instances = self.needs_state && self.store.is_none();
        let session = &mut self.active[s];
        if keeps_on_instances && session.home.is_some_and(|h| h != n) {
            self.lost += 1;
        }
        session.home = Some(n);
    }

    /// Instance `n` is gone: the sessions whose state it held are lost (none when a
    /// store holds the state). Returns how many.
    pub fn instance_gone(&mut self, n: usize, now: Time) -> u64 {
        let keeps_on_instances = self.needs_state && self.store.is_none();
        let mut lost = 0;
        for s in &mut self.active {
            if s.home == Some(n) {
                s.home = None;
                if keeps_on_instances && s.ends > now {
                    lost += 1;
                }
            }
        }
        self.lost += lost;
        lost
    }
}
