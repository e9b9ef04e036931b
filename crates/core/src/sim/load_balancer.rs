//! The load balancer: listener rules pick an action for a request (content-aware
//! distribution), forward actions split traffic over weighted target groups, and a
//! target group spreads its requests over the targets its health checks find healthy.
//! Health checks, thresholds, fail open and draining follow "Health checks for
//! Application Load Balancer target groups" and "Target groups for your Application
//! Load Balancers" (ELB documentation), as SIMULATION.md lists them.

use super::engine::Time;
use super::scenario::RequestClass;
use super::world::{Action, Algorithm, Condition, HealthCheck, Rule};

/// A target's health, in the ELB's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Health {
    Initial,
    Healthy,
    Unhealthy,
    Draining,
}

impl Health {
    pub fn word(self) -> &'static str {
        match self {
            Health::Initial => "initial",
            Health::Healthy => "healthy",
            Health::Unhealthy => "unhealthy",
            Health::Draining => "draining",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Target {
    /// Index into the run's instances.
    pub instance: usize,
    pub health: Health,
    passes: u32,
    failures: u32,
    /// Counts health checks, so a check scheduled for an earlier registration is ignored.
    pub generation: u16,
    /// When it last became healthy (slow start counts from then); never, for the
    /// targets a deployed stack starts with.
    pub healthy_since: f64,
}

/// A target group while the run goes.
#[derive(Clone, Debug)]
pub struct TargetGroupState {
    pub health: HealthCheck,
    pub algorithm: Algorithm,
    pub deregistration_delay: f64,
    pub slow_start: f64,
    pub targets: Vec<Target>,
    /// A fault makes every check fail (a broken health check path).
    pub broken: bool,
    cursor: usize,
    /// Requests forwarded in the current metric period (for requests per target).
    pub requests_in_period: u64,
    /// Requests forwarded, and those it could not deliver, since the run began.
    pub forwarded: u64,
    pub refused: u64,
}

/// What a health check's outcome changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Transition {
    pub instance: usize,
    pub from: Health,
    pub to: Health,
}

impl TargetGroupState {
    pub fn new(spec: &super::world::TargetGroup) -> Self {
        TargetGroupState {
            health: spec.health,
            algorithm: spec.algorithm,
            deregistration_delay: spec.deregistration_delay,
            slow_start: spec.slow_start,
            targets: Vec::new(),
            broken: false,
            cursor: 0,
            requests_in_period: 0,
            forwarded: 0,
            refused: 0,
        }
    }

    /// Takes over what a run has made of `old`: its targets and their health, its
    /// place in the rotation, a fault on it. The settings stay this group's.
    pub fn carry_on_from(&mut self, old: &TargetGroupState) {
        self.targets = old.targets.clone();
        self.broken = old.broken;
        self.cursor = old.cursor;
        self.requests_in_period = old.requests_in_period;
        self.forwarded = old.forwarded;
        self.refused = old.refused;
    }

    pub fn target(&self, instance: usize) -> Option<&Target> {
        self.targets.iter().find(|t| t.instance == instance)
    }

    /// Registers an instance: `initial` until it passes its checks, or `healthy` for
    /// the instances a deployed stack starts with.
    pub fn register(&mut self, instance: usize, health: Health) {
        if self.target(instance).is_none() {
            self.targets.push(Target {
                instance,
                health,
                passes: 0,
                failures: 0,
                generation: 0,
                healthy_since: f64::NEG_INFINITY,
            });
        }
    }

    /// Starts draining a target: it gets no new requests.
    pub fn deregister(&mut self, instance: usize) -> Option<Transition> {
        let t = self.targets.iter_mut().find(|t| t.instance == instance)?;
        let from = t.health;
        t.health = Health::Draining;
        t.generation = t.generation.wrapping_add(1);
        Some(Transition {
            instance,
            from,
            to: Health::Draining,
        })
    }

    pub fn remove(&mut self, instance: usize) {
        self.targets.retain(|t| t.instance != instance);
    }

    /// Counts one check's outcome against the thresholds.
    pub fn checked(&mut self, instance: usize, passed: bool) -> Option<Transition> {
        let (healthy_at, unhealthy_at) = (
            self.health.healthy_threshold,
            self.health.unhealthy_threshold,
        );
        let t = self.targets.iter_mut().find(|t| t.instance == instance)?;
        if t.health == Health::Draining {
            return None;
        }
        let from = t.health;
        if passed {
            t.failures = 0;
            t.passes += 1;
            if t.health != Health::Healthy && t.passes >= healthy_at {
                t.health = Health::Healthy;
            }
        } else {
            t.passes = 0;
            t.failures += 1;
            if t.health != Health::Unhealthy && t.failures >= unhealthy_at {
                t.health = Health::Unhealthy;
            }
        }
        (t.health != from).then_some(Transition {
            instance,
            from,
            to: t.health,
        })
    }

    /// The target for the next request: among healthy targets by the group's
    /// algorithm; when none is healthy but some are registered, among all of them
    /// (the ALB fails open); `None` when there is no target to send to (a 503).
    /// `holding` gives a target's outstanding requests; `random` a number in [0, 1).
    pub fn pick(&mut self, holding: impl Fn(usize) -> u32, random: f64) -> Option<usize> {
        let healthy = self.targets.iter().any(|t| t.health == Health::Healthy);
        let eligible = |t: &Target| {
            if healthy {
                t.health == Health::Healthy
            } else {
                t.health != Health::Draining
            }
        };
        let n = self.targets.len();
        if n == 0 {
            return None;
        }
        match self.algorithm {
            Algorithm::RoundRobin => {
                let mut i = self.cursor.min(n - 1);
                for _ in 0..n {
                    if eligible(&self.targets[i]) {
                        self.cursor = if i + 1 == n { 0 } else { i + 1 };
                        return Some(self.targets[i].instance);
                    }
                    i = if i + 1 == n { 0 } else { i + 1 };
                }
                None
            }
            Algorithm::LeastOutstanding => self
                .targets
                .iter()
                .filter(|t| eligible(t))
                .min_by_key(|t| holding(t.instance))
                .map(|t| t.instance),
            Algorithm::WeightedRandom => {
                let count = self.targets.iter().filter(|t| eligible(t)).count();
                if count == 0 {
                    return None;
                }
                let k = ((random * count as f64) as usize).min(count - 1);
                self.targets
                    .iter()
                    .filter(|t| eligible(t))
                    .nth(k)
                    .map(|t| t.instance)
            }
        }
    }

    /// The share of its turns a target in slow start takes at `now` (1 outside it).
    pub fn slow_start_share(&self, instance: usize, now: f64) -> f64 {
        if self.slow_start <= 0.0 {
            return 1.0;
        }
        match self.target(instance) {
            Some(t) if self.slow_start > 0.0 && now - t.healthy_since < self.slow_start => {
                (now - t.healthy_since) / self.slow_start
            }
            _ => 1.0,
        }
    }

    /// Notes when a target became healthy.
    pub fn became_healthy(&mut self, instance: usize, now: f64) {
        if let Some(t) = self.targets.iter_mut().find(|t| t.instance == instance) {
            t.healthy_since = now;
        }
    }

    pub fn healthy_count(&self) -> usize {
        self.targets
            .iter()
            .filter(|t| t.health == Health::Healthy)
            .count()
    }
}

/// The first rule (by priority, the default last) whose conditions a request meets.
pub fn route<'a>(rules: &'a [Rule], class: &RequestClass) -> Option<&'a Action> {
    rules
        .iter()
        .find(|r| r.conditions.iter().all(|c| meets(c, class)))
        .map(|r| &r.action)
}

fn meets(condition: &Condition, class: &RequestClass) -> bool {
    match condition {
        Condition::Path(patterns) => patterns.iter().any(|p| wildcard(p, &class.path)),
        Condition::Host(patterns) => class.host.as_deref().is_some_and(|h| {
            patterns
                .iter()
                .any(|p| wildcard(&p.to_ascii_lowercase(), &h.to_ascii_lowercase()))
        }),
        Condition::Method(methods) => methods
            .iter()
            .any(|m| m.eq_ignore_ascii_case(&class.method)),
    }
}

/// ELB's patterns: `*` any run of characters, `?` one character, case-sensitive.
fn wildcard(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

/// When a target's first health check falls: a uniform phase within the interval.
pub fn first_check(now: Time, health: &HealthCheck, random: f64) -> Time {
    now + random * health.interval
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::world::TargetGroup;

    fn group(healthy: u32, unhealthy: u32) -> TargetGroupState {
        TargetGroupState::new(&TargetGroup {
            id: "TG".into(),
            health: HealthCheck {
                interval: 10.0,
                timeout: 5.0,
                healthy_threshold: healthy,
                unhealthy_threshold: unhealthy,
            },
            algorithm: Algorithm::RoundRobin,
            deregistration_delay: 300.0,
            members: vec![],
            sticky: false,
            slow_start: 0.0,
        })
    }

    #[test]
    fn thresholds_count_consecutive_outcomes() {
        let mut g = group(2, 5);
        g.register(0, Health::Initial);
        assert_eq!(g.checked(0, true), None);
        assert_eq!(g.checked(0, true).map(|t| t.to), Some(Health::Healthy));
        for _ in 0..4 {
            assert_eq!(g.checked(0, false), None);
        }
        g.checked(0, true); // a pass resets the run of failures
        for _ in 0..4 {
            assert_eq!(g.checked(0, false), None);
        }
        assert_eq!(g.checked(0, false).map(|t| t.to), Some(Health::Unhealthy));
    }

    #[test]
    fn round_robin_skips_unhealthy_and_fails_open() {
        let mut g = group(2, 2);
        for i in 0..3 {
            g.register(i, Health::Healthy);
        }
        g.checked(1, false);
        g.checked(1, false);
        let picks: Vec<usize> = (0..4).filter_map(|_| g.pick(|_| 0, 0.0)).collect();
        assert_eq!(picks, [0, 2, 0, 2]);
        for i in [0, 2] {
            g.checked(i, false);
            g.checked(i, false);
        }
        // Every target unhealthy: the load balancer routes to all of them.
        let picks: Vec<usize> = (0..3).filter_map(|_| g.pick(|_| 0, 0.0)).collect();
        assert_eq!(picks.len(), 3);
        g.deregister(0);
        g.deregister(1);
        g.deregister(2);
        assert_eq!(g.pick(|_| 0, 0.0), None, "draining targets get no requests");
    }

    #[test]
    fn patterns_match_as_elb_documents() {
        assert!(wildcard("/wp-admin/*", "/wp-admin/edit.php"));
        assert!(wildcard("*.example.com", "api.example.com"));
        assert!(wildcard("/img?.png", "/img1.png"));
        assert!(!wildcard("/api/*", "/app"));
        assert!(!wildcard("/API/*", "/api/x"));
    }
}
