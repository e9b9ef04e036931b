//! A run: the world from the document, the scenario's traffic and faults, and the
//! mechanisms at work, one event at a time. Deterministic: the same template,
//! scenario and seed give the same run, natively and in wasm.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Exp1, LogNormal};
use serde::Serialize;
use serde_json::json;

use super::audit_monitor::{Actor, AuditMonitor, timestamp};
use super::automated_scaling_listener::{Decision, Listener, scheduled_sizes};
use super::engine::{Agenda, Stream, Time, stream};
use super::hypervisor::Hypervisor;
use super::load_balancer::{Health, TargetGroupState, first_check, route};
use super::resource_cluster::{Instance, Life};
use super::scenario::{FaultKind, RateWindow, RequestClass, Scenario, Service};
use super::sla_monitor::SlaMonitor;
use super::state_management_database::{DatabaseState, SessionTable};
use super::world::{self, Action, Policy, TrackedMetric, World};
use crate::template::Template;
use crate::validate::Deployment;

/// The span of one window of the arrival envelope, seconds.
const ENVELOPE_S: f64 = 1.0;

/// How long the ALB waits for a target that does not answer before it gives up with
/// a 504 (its connection timeout, 10 s, ELB documentation).
const CONNECT_TIMEOUT: f64 = 10.0;

#[derive(Clone, Copy, Debug)]
pub(super) enum Event {
    /// A request's CPU time on `instance` ends.
    Done {
        instance: u32,
        slot: u32,
    },
    /// Health checks and metric datapoints carry the world's epoch: an edited
    /// document applied to the run renumbers target groups and policies, and the
    /// events scheduled before it are dropped.
    Check {
        tg: u16,
        instance: u32,
        generation: u16,
        epoch: u16,
    },
    CheckFailed {
        tg: u16,
        instance: u32,
        generation: u16,
        epoch: u16,
    },
    Running {
        instance: u32,
    },
    Terminate {
        instance: u32,
    },
    /// EC2's status checks see a stopped instance.
    StatusCheck {
        instance: u32,
    },
    Metric {
        group: u16,
        policy: u16,
        epoch: u16,
    },
    FaultStart(u32),
    FaultEnd(u32),
    DatabaseBack {
        db: u32,
    },
    Second,
}

/// What each request class needs per request, worked out once: its share of the
/// traffic (cumulative), the listener rule's action for it, its service distribution.
pub(super) struct Classes {
    weights: Vec<f64>,
    actions: Vec<Option<Action>>,
    lognormal: Vec<Option<LogNormal<f64>>>,
}

impl Classes {
    pub(super) fn of(world: &World, scenario: &Scenario) -> Classes {
        let rules: &[world::Rule] = world.entry.map_or(&[], |e| &world.load_balancers[e].rules);
        let total: f64 = scenario.requests.iter().map(|c| c.weight).sum();
        let mut acc = 0.0;
        Classes {
            weights: scenario
                .requests
                .iter()
                .map(|c| {
                    acc += c.weight / total;
                    acc
                })
                .collect(),
            actions: scenario
                .requests
                .iter()
                .map(|c| route(rules, c).cloned())
                .collect(),
            lognormal: scenario
                .requests
                .iter()
                .map(|c| {
                    (c.service == Service::Lognormal && c.cpu_ms > 0.0).then(|| {
                        // Mean m and coefficient of variation v: σ² = ln(1 + v²), μ = ln m − σ²/2.
                        let s2 = libm::log(1.0 + c.cv * c.cv);
                        LogNormal::new(libm::log(c.cpu_ms / 1000.0) - s2 / 2.0, libm::sqrt(s2)).ok()
                    })?
                })
                .collect(),
        }
    }
}

/// How a request reached its instance: a target group, or straight to an instance.
#[derive(Clone, Copy, Debug)]
enum Via {
    TargetGroup(usize),
    Instance(usize),
}

#[derive(Clone, Copy, Debug)]
struct Request {
    arrived: Time,
    class: u16,
}

/// A change a person would want on a timeline.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SimEvent {
    pub t: Time,
    pub kind: &'static str,
    pub resource: String,
    pub message: String,
}

/// Metered usage, for the pay-per-use monitor.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Usage {
    /// Instance-seconds by instance type.
    pub instance_seconds: std::collections::BTreeMap<String, f64>,
    pub response_bytes: f64,
    pub requests: u64,
}

pub struct Simulation {
    pub world: World,
    pub scenario: Scenario,
    pub now: Time,
    /// Seconds since 1970 (UTC) of simulated second 0: the scenario's `start`, for
    /// scheduled actions and CloudTrail's timestamps. Kept for the run, whatever
    /// scenario is given later.
    pub clock: i64,
    pub(super) agenda: Agenda<Event>,
    pub(super) next_arrival: Time,
    /// Arrivals are thinned from a Poisson stream at the rate's bound over a window
    /// of `ENVELOPE_S`.
    pub(super) envelope: RateWindow,
    pub(super) arrivals: ChaCha8Rng,
    pub(super) class_picks: ChaCha8Rng,
    pub(super) service: ChaCha8Rng,
    pub(super) routing: ChaCha8Rng,
    pub(super) checks: ChaCha8Rng,
    pub(super) faults: ChaCha8Rng,
    pub(super) databases_rng: ChaCha8Rng,
    pub(super) class_table: Classes,
    pub instances: Vec<Instance>,
    pub target_groups: Vec<TargetGroupState>,
    /// Per group: desired capacity and its scaling state.
    pub desired: Vec<u32>,
    pub(super) listeners: Vec<Listener>,
    pub databases: Vec<DatabaseState>,
    pub(super) zone_down: Vec<bool>,
    pub(super) hypervisor: Hypervisor,
    /// Per instance: latency an `added-latency` fault adds to what it serves, ms.
    added_ms: Vec<f64>,
    pub sessions: Option<SessionTable>,
    sessions_rng: ChaCha8Rng,
    /// Counts the documents applied to the run.
    pub(super) epoch: u16,
    requests: Vec<Request>,
    free: Vec<u32>,
    pub sla: SlaMonitor,
    pub audit: AuditMonitor,
    pub events: Vec<SimEvent>,
    pub usage: Usage,
    /// Per second: CPU per group (per cent) and instances in service per group.
    pub timeline_groups: Vec<Vec<(f64, u32)>>,
}

/// Why a run cannot start.
#[derive(Clone, Debug, PartialEq)]
pub enum SimError {
    World(world::WorldError),
    Scenario(String),
}

impl std::fmt::Display for SimError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SimError::World(e) => write!(f, "{e}"),
            SimError::Scenario(e) => write!(f, "scenario: {e}"),
        }
    }
}

impl Simulation {
    pub fn new(template: &Template, scenario: Scenario) -> Result<Simulation, SimError> {
        scenario.check().map_err(SimError::Scenario)?;
        let deployment = Deployment {
            parameters: scenario.parameters.clone(),
            region: scenario.region.clone(),
        };
        let world = world::build(template, &deployment).map_err(SimError::World)?;
        for f in &scenario.faults {
            super::live::check_fault(&world, f)?;
        }
        let seed = scenario.seed;
        let classes = Classes::of(&world, &scenario);
        let mut sim = Simulation {
            target_groups: world
                .target_groups
                .iter()
                .map(TargetGroupState::new)
                .collect(),
            desired: world.groups.iter().map(|g| g.desired).collect(),
            listeners: world.groups.iter().map(Listener::new).collect(),
            databases: world.databases.iter().map(DatabaseState::new).collect(),
            zone_down: vec![false; world.zones.len()],
            epoch: 0,
            hypervisor: Hypervisor::default(),
            added_ms: Vec::new(),
            sessions: scenario
                .sessions
                .as_ref()
                .map(|ss| SessionTable::new(ss, &world.state_stores)),
            sessions_rng: stream(seed, Stream::Sessions),
            timeline_groups: vec![Vec::new(); world.groups.len()],
            sla: SlaMonitor::new(scenario.assumptions.down_error_share),
            envelope: scenario.window(0.0, 0.0),
            arrivals: stream(seed, Stream::Arrivals),
            class_picks: stream(seed, Stream::Classes),
            service: stream(seed, Stream::Service),
            routing: stream(seed, Stream::Routing),
            checks: stream(seed, Stream::HealthChecks),
            faults: stream(seed, Stream::Faults),
            databases_rng: stream(seed, Stream::Databases),
            class_table: classes,
            world,
            clock: scenario.start_epoch(),
            scenario,
            now: 0.0,
            agenda: Agenda::default(),
            next_arrival: f64::INFINITY,
            instances: Vec::new(),
            requests: Vec::new(),
            free: Vec::new(),
            audit: AuditMonitor::default(),
            events: Vec::new(),
            usage: Usage::default(),
        };
        sim.start();
        Ok(sim)
    }

    /// The deployed stack at time 0: standalone instances and each group's desired
    /// capacity running, registered and healthy.
    fn start(&mut self) {
        for i in 0..self.world.instances.len() {
            let spec = self.world.instances[i].clone();
            let n = self.add_instance(None, Some(i), &spec.instance_type, spec.zone, spec.vcpus);
            self.make_ready(n);
        }
        for g in 0..self.world.groups.len() {
            let zones = self.world.groups[g].zones.clone();
            for k in 0..self.desired[g] as usize {
                let spec = &self.world.groups[g];
                let (t, v) = (spec.instance_type.clone(), spec.vcpus);
                let n = self.add_instance(Some(g), None, &t, zones[k % zones.len()], v);
                self.make_ready(n);
            }
            for p in 0..self.world.groups[g].policies.len() {
                self.schedule_metric(g, p);
            }
        }
        for (tg, spec) in self.world.target_groups.clone().iter().enumerate() {
            for &m in &spec.members {
                if let Some(n) = self.instances.iter().position(|i| i.standalone == Some(m)) {
                    self.register(tg, n, Health::Healthy);
                }
            }
        }
        for (i, f) in self.scenario.faults.iter().enumerate() {
            self.agenda.schedule(f.at, Event::FaultStart(i as u32));
        }
        for g in 0..self.world.groups.len() {
            let group = self.world.groups[g].id.clone();
            for a in self.world.groups[g].scheduled.clone() {
                if let Some(why) = a.over_before(self.clock) {
                    self.note(
                        "scaling",
                        &group,
                        format!("Scheduled action {} does not run: {why}", a.id),
                    );
                }
            }
        }
        self.scheduled_actions();
        self.agenda.schedule(1.0, Event::Second);
        self.next_arrival = self.arrival_after(0.0);
    }

    pub(super) fn add_instance(
        &mut self,
        group: Option<usize>,
        standalone: Option<usize>,
        instance_type: &str,
        zone: usize,
        vcpus: u32,
    ) -> usize {
        let n = self.instances.len();
        let host = self
            .hypervisor
            .place(zone, self.scenario.assumptions.vms_per_host);
        // A slow dependency of a group slows the instances it launches too.
        let inherited = (0..self.instances.len())
            .find(|&k| group.is_some() && self.instances[k].group == group)
            .map_or(0.0, |k| self.added_ms[k]);
        self.added_ms.push(inherited);
        let cap = vcpus * self.scenario.assumptions.connections_per_vcpu.max(1);
        self.instances.push(Instance::new(
            n + 1,
            group,
            standalone,
            instance_type,
            zone,
            host,
            vcpus,
            cap,
            self.now,
        ));
        n
    }

    /// An instance of the deployed stack: running and answering from the start.
    pub(super) fn make_ready(&mut self, n: usize) {
        let i = &mut self.instances[n];
        i.life = Life::Running;
        i.ready_at = self.now;
        if let Some(g) = i.group {
            for tg in self.world.groups[g].target_groups.clone() {
                self.register(tg, n, Health::Healthy);
            }
        }
    }

    pub(super) fn register(&mut self, tg: usize, n: usize, health: Health) {
        self.target_groups[tg].register(n, health);
        let hc = self.target_groups[tg].health;
        let generation = self.target_groups[tg].target(n).map_or(0, |t| t.generation);
        let at = first_check(self.now, &hc, self.checks.random::<f64>());
        self.agenda.schedule(
            at,
            Event::Check {
                tg: tg as u16,
                instance: n as u32,
                generation,
                epoch: self.epoch,
            },
        );
    }

    /// The next arrival after `t`: Poisson at the profile's rate, by thinning a
    /// Poisson stream at a bound of the rate (Lewis and Shedler; exact for any rate
    /// below the bound). The bound is taken window by window, so nearly every draw is
    /// kept; a draw past the window's end starts again there, as the stream is memoryless.
    pub(super) fn arrival_after(&mut self, mut t: Time) -> Time {
        loop {
            if t >= self.scenario.duration {
                return f64::INFINITY;
            }
            if t >= self.envelope.to {
                self.envelope = self.scenario.window(t, t + ENVELOPE_S);
            }
            let (end, bound) = (self.envelope.to, self.envelope.bound);
            if bound <= 0.0 {
                t = end;
                continue;
            }
            let gap: f64 = Exp1.sample(&mut self.arrivals);
            let next = t + gap * self.envelope.mean_gap;
            if next >= end {
                t = end;
                continue;
            }
            t = next;
            let keep: f64 = self.arrivals.random::<f64>();
            let level = keep * bound;
            if level <= self.envelope.floor || level <= self.envelope.rate(&self.scenario, t) {
                return t;
            }
        }
    }

    /// Runs until `until` (or the end of the scenario), at most `budget` events;
    /// returns whether it got there.
    pub fn advance(&mut self, until: Time, mut budget: u64) -> bool {
        let until = until.min(self.scenario.duration);
        loop {
            let next_event = self.agenda.next_time().unwrap_or(f64::INFINITY);
            let next = next_event.min(self.next_arrival);
            if next > until {
                self.now = until;
                return true;
            }
            if budget == 0 {
                return false;
            }
            budget -= 1;
            self.now = next;
            if self.next_arrival <= next_event {
                self.arrive();
                self.next_arrival = self.arrival_after(self.now);
            } else if let Some((_, e)) = self.agenda.pop() {
                self.handle(e);
            }
        }
    }

    /// Runs the whole scenario.
    pub fn run(&mut self) {
        while !self.advance(self.scenario.duration, u64::MAX) {}
        self.finish();
    }

    fn finish(&mut self) {
        self.sla.finish();
        self.usage = self.usage_now();
    }

    /// Usage so far, the running instances' time up to now included.
    pub fn usage_now(&self) -> Usage {
        let mut usage = self.usage.clone();
        for i in self.instances.iter().filter(|i| i.life != Life::Terminated) {
            *usage
                .instance_seconds
                .entry(i.instance_type.clone())
                .or_default() += self.now - i.launched;
        }
        usage
    }

    fn class(&mut self) -> usize {
        if self.class_table.weights.len() == 1 {
            return 0;
        }
        let u: f64 = self.class_picks.random::<f64>();
        self.class_table
            .weights
            .iter()
            .position(|w| u < *w)
            .unwrap_or(self.class_table.weights.len() - 1)
    }

    fn arrive(&mut self) {
        let class = self.class();
        self.usage.requests += 1;
        let Some(action) = &self.class_table.actions[class] else {
            // No load balancer: a public instance takes the requests itself.
            let direct = self
                .world
                .entry_instance
                .and_then(|k| self.instances.iter().position(|i| i.standalone == Some(k)));
            match direct {
                Some(n) => self.deliver(n, class, Via::Instance(n)),
                None => self.sla.failed(
                    "nothing receives the requests: no internet-facing load balancer or instance",
                ),
            }
            return;
        };
        let groups = match action {
            Action::FixedResponse(code) => {
                if *code >= 500 {
                    self.sla.failed(&format!("a listener rule answers {code}"));
                } else {
                    self.sla.served(self.scenario.assumptions.hop_ms);
                }
                return;
            }
            Action::Redirect => {
                self.sla.served(self.scenario.assumptions.hop_ms);
                return;
            }
            Action::Forward(groups) => groups,
        };
        let tg = if groups.len() == 1 {
            groups[0].0
        } else {
            let total: u32 = groups.iter().map(|g| g.1).sum();
            let mut pick = self.routing.random::<f64>() * total as f64;
            groups
                .iter()
                .find(|g| {
                    pick -= g.1 as f64;
                    pick < 0.0
                })
                .map_or(groups[0].0, |g| g.0)
        };
        let session = match &mut self.sessions {
            Some(table) => Some(table.session_for(self.now, &mut self.sessions_rng)),
            None => None,
        };
        // Stickiness sends a session back to the target that served it, while that
        // target is in service.
        let home = session
            .filter(|_| self.world.target_groups[tg].sticky)
            .and_then(|s| self.sessions.as_ref().and_then(|t| t.home(s)))
            .filter(|&n| {
                self.target_groups[tg]
                    .target(n)
                    .is_some_and(|t| t.health == Health::Healthy)
            });
        let random = if self.target_groups[tg].algorithm == world::Algorithm::WeightedRandom {
            self.routing.random::<f64>()
        } else {
            0.0
        };
        let instances = &self.instances;
        let mut picked = match home {
            Some(n) => Some(n),
            None => self.target_groups[tg].pick(|n| instances[n].holding(), random),
        };
        // Slow start: a newly healthy target takes a share of its turns rising
        // linearly over the slow start; the rest go on to the next target.
        if home.is_none()
            && let Some(n) = picked
        {
            let share = self.target_groups[tg].slow_start_share(n, self.now);
            if share < 1.0 && self.routing.random::<f64>() >= share {
                let instances = &self.instances;
                picked = self.target_groups[tg].pick(|n| instances[n].holding(), random);
            }
        }
        if let (Some(s), Some(n), Some(table)) = (session, picked, self.sessions.as_mut()) {
            table.served_by(s, n);
        }
        self.target_groups[tg].requests_in_period += 1;
        self.target_groups[tg].forwarded += 1;
        let Some(n) = picked else {
            self.target_groups[tg].refused += 1;
            let cause = format!(
                "no registered target in {}",
                self.world.target_groups[tg].id
            );
            self.sla.failed(&cause);
            return;
        };
        self.deliver(n, class, Via::TargetGroup(tg));
    }

    /// A request of `class` reaches instance `n` (through `via`, for the words of an
    /// error): refused, or served at once, or queued.
    /// The words for what a request came through, for an error's cause.
    fn via(&self, via: Via) -> &str {
        match via {
            Via::TargetGroup(tg) => &self.world.target_groups[tg].id,
            Via::Instance(n) => &self.instances[n].id,
        }
    }

    /// Counts a request refused by a target of a target group against the group.
    fn refused_via(&mut self, via: Via) {
        if let Via::TargetGroup(tg) = via {
            self.target_groups[tg].refused += 1;
        }
    }

    fn deliver(&mut self, n: usize, class: usize, via: Via) {
        let now = self.now;
        let inst = &mut self.instances[n];
        if !inst.answers(now) {
            inst.refused += 1;
            self.refused_via(via);
            let cause = format!(
                "a target of {} does not answer (504 after {CONNECT_TIMEOUT} s)",
                self.via(via)
            );
            self.sla.failed(&cause);
            return;
        }
        if inst.holding() >= inst.cap {
            inst.refused += 1;
            self.refused_via(via);
            let cause = format!(
                "instances of {} at their connection cap (503)",
                self.via(via)
            );
            self.sla.failed(&cause);
            return;
        }
        let slot = match self.free.pop() {
            Some(s) => {
                self.requests[s as usize] = Request {
                    arrived: now,
                    class: class as u16,
                };
                s
            }
            None => {
                self.requests.push(Request {
                    arrived: now,
                    class: class as u16,
                });
                (self.requests.len() - 1) as u32
            }
        };
        if self.instances[n].accept(now, slot) {
            self.start_service(n, slot);
        }
    }

    fn service_time(&mut self, class: usize) -> f64 {
        let c: &RequestClass = &self.scenario.requests[class];
        let mean = c.cpu_ms / 1000.0;
        if mean <= 0.0 {
            return 0.0;
        }
        match c.service {
            Service::Constant => mean,
            Service::Exponential => {
                let unit: f64 = Exp1.sample(&mut self.service);
                unit * mean
            }
            Service::Lognormal => match &self.class_table.lognormal[class] {
                Some(d) => d.sample(&mut self.service),
                None => mean,
            },
        }
    }

    fn start_service(&mut self, n: usize, slot: u32) {
        let class = self.requests[slot as usize].class as usize;
        let s = self.service_time(class);
        self.agenda.schedule(
            self.now + s,
            Event::Done {
                instance: n as u32,
                slot,
            },
        );
    }

    fn complete(&mut self, n: usize, slot: u32) {
        let now = self.now;
        if !self.instances[n].alive {
            self.free.push(slot);
            self.sla.failed("the instance serving it stopped (502)");
            return;
        }
        if let Some(next) = self.instances[n].finish(now) {
            self.start_service(n, next);
        }
        let r = self.requests[slot as usize];
        self.free.push(slot);
        let c = &self.scenario.requests[r.class as usize];
        let mut ms =
            (now - r.arrived) * 1000.0 + 2.0 * self.scenario.assumptions.hop_ms + self.added_ms[n];
        if c.db_queries > 0
            && let Some(db) = self.databases.first_mut()
        {
            db.queries += u64::from(c.db_queries);
            if !db.available(now) {
                db.failed += 1;
                let cause = db.cause.clone();
                self.sla.failed(&cause);
                return;
            }
            ms += c.db_queries as f64 * (c.db_ms + 2.0 * self.scenario.assumptions.hop_ms);
        }
        self.usage.response_bytes += c.response_kb * 1000.0;
        self.sla.served(ms);
    }

    fn note(&mut self, kind: &'static str, resource: &str, message: String) {
        self.events.push(SimEvent {
            t: self.now,
            kind,
            resource: resource.to_string(),
            message,
        });
    }

    fn handle(&mut self, e: Event) {
        match e {
            Event::Done { instance, slot } => self.complete(instance as usize, slot),
            Event::Check {
                tg,
                instance,
                generation,
                epoch,
            } if epoch == self.epoch => self.check(tg as usize, instance as usize, generation),
            Event::CheckFailed {
                tg,
                instance,
                generation,
                epoch,
            } if epoch == self.epoch => {
                self.check_result(tg as usize, instance as usize, generation, false)
            }
            Event::Running { instance } => self.running(instance as usize),
            Event::Terminate { instance } => self.terminate_now(instance as usize),
            Event::StatusCheck { instance } => {
                let n = instance as usize;
                if self.instances[n].life == Life::Running && !self.instances[n].alive {
                    let id = self.instances[n].id.clone();
                    self.note("health", &id, format!("{id} failed its EC2 status checks"));
                    self.replace(
                        n,
                        "an EC2 health check indicated it has been terminated or stopped",
                    );
                }
            }
            Event::Metric {
                group,
                policy,
                epoch,
            } if epoch == self.epoch => self.metric(group as usize, policy as usize),
            Event::Check { .. } | Event::CheckFailed { .. } | Event::Metric { .. } => {}
            Event::FaultStart(i) => self.fault(i as usize, true),
            Event::FaultEnd(i) => self.fault(i as usize, false),
            Event::DatabaseBack { db } => {
                let id = self.world.databases[db as usize].id.clone();
                let zone = self.world.zones[self.databases[db as usize].primary].clone();
                self.note(
                    "database",
                    &id,
                    format!("{id} available again, primary in {zone}"),
                );
            }
            Event::Second => {
                let t = self.now.round() as u64;
                self.sla.end_second(t);
                for i in self
                    .instances
                    .iter_mut()
                    .filter(|i| i.life != Life::Terminated)
                {
                    i.last_cpu = i.cpu_last_second(self.now);
                }
                for g in 0..self.world.groups.len() {
                    let mut sum = 0.0;
                    let mut count = 0;
                    for i in self
                        .instances
                        .iter()
                        .filter(|i| i.group == Some(g) && i.life == Life::Running)
                    {
                        sum += i.last_cpu;
                        count += 1;
                    }
                    let cpu = if count > 0 { sum / count as f64 } else { 0.0 };
                    self.timeline_groups[g].push((cpu, count));
                }
                self.scheduled_actions();
                if self.now + 1.0 <= self.scenario.duration + 1e-9 {
                    self.agenda.schedule(self.now + 1.0, Event::Second);
                }
            }
        }
    }

    fn check(&mut self, tg: usize, n: usize, generation: u16) {
        let Some(target) = self.target_groups[tg].target(n) else {
            return;
        };
        if target.generation != generation || target.health == Health::Draining {
            return;
        }
        let hc = self.target_groups[tg].health;
        self.agenda.schedule(
            self.now + hc.interval,
            Event::Check {
                tg: tg as u16,
                instance: n as u32,
                generation,
                epoch: self.epoch,
            },
        );
        let passes = self.instances[n].answers(self.now) && !self.target_groups[tg].broken;
        if passes {
            self.check_result(tg, n, generation, true);
        } else {
            // A check that gets no answer fails when it times out.
            self.agenda.schedule(
                self.now + hc.timeout,
                Event::CheckFailed {
                    tg: tg as u16,
                    instance: n as u32,
                    generation,
                    epoch: self.epoch,
                },
            );
        }
    }

    fn check_result(&mut self, tg: usize, n: usize, generation: u16, passed: bool) {
        if self.target_groups[tg]
            .target(n)
            .is_none_or(|t| t.generation != generation)
        {
            return;
        }
        let Some(change) = self.target_groups[tg].checked(n, passed) else {
            return;
        };
        if change.to == Health::Healthy {
            self.target_groups[tg].became_healthy(n, self.now);
        }
        let id = self.instances[n].id.clone();
        let tg_id = self.world.target_groups[tg].id.clone();
        self.note(
            "target-health",
            &tg_id,
            format!(
                "target {id} of {tg_id}: {} -> {}",
                change.from.word(),
                change.to.word()
            ),
        );
        if change.to == Health::Unhealthy
            && let Some(g) = self.instances[n].group
            && self.world.groups[g].elb_health
            && self.now >= self.instances[n].launched + self.world.groups[g].grace_period
            && self.instances[n].life == Life::Running
        {
            self.replace(
                n,
                &format!("an ELB health check failure of target group {tg_id}"),
            );
        }
    }

    /// Launches an instance in `g` in its least used working zone.
    pub(super) fn launch(&mut self, g: usize, cause: &str) {
        let zones = self.world.groups[g].zones.clone();
        let live = |z: usize, s: &Self| {
            s.instances
                .iter()
                .filter(|i| {
                    i.group == Some(g)
                        && i.zone == z
                        && matches!(i.life, Life::Pending | Life::Running)
                })
                .count()
        };
        let Some(zone) = zones
            .iter()
            .copied()
            .filter(|z| !self.zone_down[*z])
            .min_by_key(|z| live(*z, self))
        else {
            let id = self.world.groups[g].id.clone();
            self.note(
                "scaling",
                &id,
                format!("{id}: no zone of the group is available to launch in"),
            );
            return;
        };
        let (t, v) = (
            self.world.groups[g].instance_type.clone(),
            self.world.groups[g].vcpus,
        );
        let n = self.add_instance(Some(g), None, &t, zone, v);
        let id = self.instances[n].id.clone();
        let group_id = self.world.groups[g].id.clone();
        self.note(
            "scaling",
            &group_id,
            format!("Launching a new EC2 instance: {id}. Cause: {cause}"),
        );
        self.trail(
                Actor::Service("autoscaling.amazonaws.com"),
            "ec2.amazonaws.com",
            "RunInstances",
            json!({ "instanceType": t, "availabilityZone": self.world.zones[zone], "minCount": 1, "maxCount": 1 }),
            json!({ "instancesSet": { "items": [ { "instanceId": id, "instanceType": t } ] } }),
        );
        self.agenda.schedule(
            self.now + self.scenario.assumptions.boot_s,
            Event::Running { instance: n as u32 },
        );
    }

    fn running(&mut self, n: usize) {
        if self.instances[n].life != Life::Pending {
            return;
        }
        self.instances[n].life = Life::Running;
        if !self.instances[n].alive {
            return;
        }
        self.instances[n].ready_at = self.now + self.scenario.assumptions.app_start_s;
        let Some(g) = self.instances[n].group else {
            return;
        };
        let id = self.instances[n].id.clone();
        for tg in self.world.groups[g].target_groups.clone() {
            self.register(tg, n, Health::Initial);
            self.trail(
                Actor::Service("autoscaling.amazonaws.com"),
                "elasticloadbalancing.amazonaws.com",
                "RegisterTargets",
                json!({ "targetGroupArn": self.arn_tg(tg), "targets": [ { "id": id } ] }),
                serde_json::Value::Null,
            );
        }
    }

    /// A CloudTrail record of an action taken now.
    fn trail(
        &mut self,
        actor: Actor,
        source: &str,
        name: &str,
        request: serde_json::Value,
        response: serde_json::Value,
    ) {
        let (now, region) = (self.now, self.scenario.region.clone());
        self.audit.record(
            self.clock, now, &region, actor, source, name, request, response,
        );
    }

    fn arn_tg(&self, tg: usize) -> String {
        format!(
            "arn:aws:elasticloadbalancing:{}:123456789012:targetgroup/{}/0123456789abcdef",
            self.scenario.region, self.world.target_groups[tg].id
        )
    }

    /// Takes an instance out: deregisters it (draining), then terminates it.
    pub(super) fn terminate(&mut self, n: usize, cause: &str) {
        if matches!(self.instances[n].life, Life::Terminating | Life::Terminated) {
            return;
        }
        self.instances[n].life = Life::Terminating;
        let id = self.instances[n].id.clone();
        if let Some(g) = self.instances[n].group {
            let group_id = self.world.groups[g].id.clone();
            self.note(
                "scaling",
                &group_id,
                format!("Terminating EC2 instance: {id}. Cause: {cause}"),
            );
        }
        let mut delay: f64 = 0.0;
        for tg in 0..self.target_groups.len() {
            if let Some(change) = self.target_groups[tg].deregister(n) {
                let tg_id = self.world.target_groups[tg].id.clone();
                self.note(
                    "target-health",
                    &tg_id,
                    format!("target {id} of {tg_id}: {} -> draining", change.from.word()),
                );
                self.trail(
                    Actor::Service("autoscaling.amazonaws.com"),
                    "elasticloadbalancing.amazonaws.com",
                    "DeregisterTargets",
                    json!({ "targetGroupArn": self.arn_tg(tg), "targets": [ { "id": id } ] }),
                    serde_json::Value::Null,
                );
                // An instance that answers nothing has no requests to finish.
                if self.instances[n].alive {
                    delay = delay.max(self.target_groups[tg].deregistration_delay);
                }
            }
        }
        self.agenda
            .schedule(self.now + delay, Event::Terminate { instance: n as u32 });
    }

    /// Sessions whose state instance `n` held are lost with it.
    fn sessions_gone(&mut self, n: usize) {
        let now = self.now;
        let Some(table) = self.sessions.as_mut() else {
            return;
        };
        let lost = table.instance_gone(n, now);
        if lost > 0 {
            let id = self.instances[n].id.clone();
            self.note(
                "sessions",
                &id,
                format!("{lost} sessions kept on {id} were lost with it (their state lived on the instance)"),
            );
        }
    }

    fn terminate_now(&mut self, n: usize) {
        if self.instances[n].life == Life::Terminated {
            return;
        }
        self.sessions_gone(n);
        let dropped = self.instances[n].fail(self.now);
        for slot in dropped {
            self.free.push(slot);
            self.sla.failed("the instance serving it was terminated");
        }
        self.instances[n].life = Life::Terminated;
        let i = &self.instances[n];
        *self
            .usage
            .instance_seconds
            .entry(i.instance_type.clone())
            .or_default() += self.now - i.launched;
        let id = i.id.clone();
        for tg in &mut self.target_groups {
            tg.remove(n);
        }
        self.trail(
                Actor::Service("autoscaling.amazonaws.com"),
            "ec2.amazonaws.com",
            "TerminateInstances",
            json!({ "instancesSet": { "items": [ { "instanceId": id } ] } }),
            json!({ "instancesSet": { "items": [ { "instanceId": id, "currentState": { "name": "shutting-down" } } ] } }),
        );
    }

    /// A health replacement: terminate, and launch another to keep the capacity.
    fn replace(&mut self, n: usize, why: &str) {
        let id = self.instances[n].id.clone();
        self.terminate(n, &format!("{why}, so {id} is being replaced"));
        if let Some(g) = self.instances[n].group {
            self.reconcile(
                g,
                &format!("an instance was taken out of service in response to {why}"),
            );
        }
    }

    /// Launches or terminates until the group's live instances meet its desired capacity.
    pub(super) fn reconcile(&mut self, g: usize, cause: &str) {
        let live: Vec<usize> = (0..self.instances.len())
            .filter(|&n| {
                self.instances[n].group == Some(g)
                    && matches!(self.instances[n].life, Life::Pending | Life::Running)
            })
            .collect();
        let desired = self.desired[g] as usize;
        if live.len() < desired {
            for _ in live.len()..desired {
                self.launch(g, cause);
            }
        } else if live.len() > desired {
            // The default termination policy: from the zone with the most instances, the oldest.
            let mut live = live;
            for _ in desired..live.len() {
                let zone_count = |z: usize, s: &Self, l: &[usize]| {
                    l.iter().filter(|&&n| s.instances[n].zone == z).count()
                };
                let Some(&victim) = live.iter().max_by(|&&a, &&b| {
                    zone_count(self.instances[a].zone, self, &live)
                        .cmp(&zone_count(self.instances[b].zone, self, &live))
                        .then(b.cmp(&a))
                }) else {
                    break;
                };
                live.retain(|&n| n != victim);
                self.terminate(victim, cause);
            }
        }
    }

    /// The next datapoint of group `g`'s policy `p`, a period from now; returns the period.
    pub(super) fn schedule_metric(&mut self, g: usize, p: usize) -> f64 {
        let period = Listener::period(&self.world.groups[g], &self.world.groups[g].policies[p]);
        self.agenda.schedule(
            self.now + period,
            Event::Metric {
                group: g as u16,
                policy: p as u16,
                epoch: self.epoch,
            },
        );
        period
    }

    fn metric(&mut self, g: usize, p: usize) {
        let period = self.schedule_metric(g, p);
        let spec = self.world.groups[g].clone();
        let policy = &spec.policies[p];
        let warmup = match policy {
            Policy::TargetTracking {
                warmup: Some(w), ..
            }
            | Policy::Alarmed {
                warmup: Some(w), ..
            } => *w,
            _ => spec.warmup,
        };
        let now = self.now;
        let mut capacity = 0;
        let mut warming = 0;
        let mut sum = 0.0;
        let mut counted = 0;
        let terminating = self
            .instances
            .iter()
            .filter(|i| i.group == Some(g) && i.life == Life::Terminating)
            .count() as u32;
        for i in self
            .instances
            .iter_mut()
            .filter(|i| i.group == Some(g) && matches!(i.life, Life::Pending | Life::Running))
        {
            capacity += 1;
            let cpu = i.cpu_since_period(now, period);
            if i.life == Life::Pending || now < i.launched + warmup {
                warming += 1;
            } else if i.alive {
                sum += cpu;
                counted += 1;
            }
        }
        let metric = match policy {
            Policy::TargetTracking {
                metric: TrackedMetric::RequestsPerTarget,
                ..
            } => {
                let requests: u64 = spec
                    .target_groups
                    .iter()
                    .map(|&tg| std::mem::take(&mut self.target_groups[tg].requests_in_period))
                    .sum();
                (counted > 0).then(|| requests as f64 / counted as f64 * 60.0 / period)
            }
            _ => (counted > 0).then(|| sum / counted as f64),
        };
        let desired = self.desired[g];
        let decision = self.listeners[g].datapoint(
            &spec,
            p,
            now,
            metric,
            desired,
            capacity,
            warming,
            terminating,
            &self.scenario.assumptions,
        );
        if let Some(Decision {
            desired: new,
            cause,
            alarms,
        }) = decision
        {
            for (alarm, state) in alarms {
                self.note(
                    "alarm",
                    &alarm,
                    format!("alarm {alarm} is now in state {state}"),
                );
            }
            if new != desired {
                self.desired[g] = new;
                self.trail(
                    Actor::Service("autoscaling.amazonaws.com"),
                    "autoscaling.amazonaws.com",
                    "SetDesiredCapacity",
                    json!({ "autoScalingGroupName": spec.id, "desiredCapacity": new }),
                    serde_json::Value::Null,
                );
                let cause = format!("At {} {cause}.", timestamp(self.clock + now as i64));
                self.reconcile(g, &cause);
            }
        }
    }

    /// Runs the scheduled actions due now, a whole second of the run (Auto Scaling's
    /// scheduler works to the minute; a `StartTime` may fall on any second).
    fn scheduled_actions(&mut self) {
        let at = self.clock + self.now.round() as i64;
        for g in 0..self.world.groups.len() {
            for a in 0..self.world.groups[g].scheduled.len() {
                if self.world.groups[g].scheduled[a].runs_at(at) {
                    self.run_scheduled(g, a, at);
                }
            }
        }
    }

    /// A scheduled action sets its group's sizes and the group launches or terminates
    /// toward the new desired capacity, in the console's words: the activity
    /// "Executing scheduled action <name>", its cause "At <time> a scheduled action
    /// update of AutoScalingGroup constraints to min: 1, max: 5, desired: 2 changing
    /// the desired capacity from 3 to 2." (AWS re:Post, "My Auto Scaling group scaled
    /// down without my intervention",
    /// https://repost.aws/knowledge-center/auto-scaling-scale-down). Scheduled actions
    /// ignore cooldowns (SIMULATION.md).
    fn run_scheduled(&mut self, g: usize, a: usize, at: i64) {
        let spec = &self.world.groups[g];
        let (group, action) = (spec.id.clone(), spec.scheduled[a].clone());
        let before = self.desired[g];
        let (min, max, desired) = match scheduled_sizes(&action, spec.min, spec.max, before) {
            Ok(sizes) => sizes,
            Err(why) => {
                let message = format!("Scheduled action {} failed: {why}", action.id);
                self.note("scaling", &group, message);
                return;
            }
        };
        self.world.groups[g].min = min;
        self.world.groups[g].max = max;
        self.desired[g] = desired;
        let change = if desired == before {
            String::new()
        } else {
            format!(" changing the desired capacity from {before} to {desired}")
        };
        let cause = format!(
            "At {} a scheduled action update of AutoScalingGroup constraints to min: {min}, max: {max}, desired: {desired}{change}.",
            timestamp(at)
        );
        self.note(
            "scaling",
            &group,
            format!("Executing scheduled action {}. Cause: {cause}", action.id),
        );
        // CloudTrail records API calls; the execution is Auto Scaling's own activity
        // (its launches and terminations are recorded as they happen). As with a
        // policy's change of desired capacity, the change of the group's sizes is
        // recorded as the service's call.
        self.trail(
            Actor::Service("autoscaling.amazonaws.com"),
            "autoscaling.amazonaws.com",
            "UpdateAutoScalingGroup",
            json!({
                "autoScalingGroupName": group,
                "minSize": min,
                "maxSize": max,
                "desiredCapacity": desired,
            }),
            serde_json::Value::Null,
        );
        self.reconcile(g, &cause);
    }

    fn kill(&mut self, n: usize) {
        if !self.instances[n].alive || self.instances[n].life == Life::Terminated {
            return;
        }
        self.sessions_gone(n);
        for slot in self.instances[n].fail(self.now) {
            self.free.push(slot);
            self.sla.failed("the instance serving it stopped (502)");
        }
        let id = self.instances[n].id.clone();
        self.note("instance", &id, format!("{id} stopped"));
        self.agenda.schedule(
            self.now + self.scenario.assumptions.status_check_s,
            Event::StatusCheck { instance: n as u32 },
        );
    }

    pub(super) fn fault(&mut self, i: usize, starts: bool) {
        let f = self.scenario.faults[i].clone();
        let target = f.target.clone().unwrap_or_default();
        if starts {
            if let Some(d) = f.lasting {
                self.agenda
                    .schedule(self.now + d, Event::FaultEnd(i as u32));
            }
            self.trail(
                Actor::User,
                "fis.amazonaws.com",
                "StartExperiment",
                json!({ "action": f.kind, "target": target, "zone": f.zone }),
                serde_json::Value::Null,
            );
        }
        match (f.kind, starts) {
            (FaultKind::InstanceFailure, true) => {
                let candidates = self.running_of(&target);
                self.note(
                    "fault",
                    &target,
                    format!("fault injected: an instance of {target} fails"),
                );
                if !candidates.is_empty() {
                    let k = self.faults.random_range(0..candidates.len());
                    self.kill(candidates[k]);
                }
            }
            (FaultKind::InstanceFailure | FaultKind::HostFailure, false) => {}
            (FaultKind::HostFailure, true) => {
                let candidates = self.running_of(&target);
                if candidates.is_empty() {
                    return;
                }
                let k = self.faults.random_range(0..candidates.len());
                let host = self.instances[candidates[k]].host;
                let zone = self.world.zones[host.zone].clone();
                self.note(
                    "fault",
                    &target,
                    format!(
                        "fault injected: host {} in {zone}, which runs an instance of {target}, fails",
                        host.number
                    ),
                );
                for n in 0..self.instances.len() {
                    if self.instances[n].host == host {
                        self.kill(n);
                    }
                }
            }
            (FaultKind::AzOutage, _) => {
                let zone_name = f.zone.clone().unwrap_or_default();
                let Some(z) = self.world.zones.iter().position(|z| *z == zone_name) else {
                    self.note(
                        "fault",
                        &zone_name,
                        format!("zone {zone_name} holds nothing simulated"),
                    );
                    return;
                };
                self.zone_down[z] = starts;
                if !starts {
                    self.note("fault", &zone_name, format!("zone {zone_name} is back"));
                    for g in 0..self.world.groups.len() {
                        self.reconcile(g, "Availability Zone rebalancing");
                    }
                    return;
                }
                self.note(
                    "fault",
                    &zone_name,
                    format!("fault injected: zone {zone_name} goes down"),
                );
                for n in 0..self.instances.len() {
                    if self.instances[n].zone == z {
                        self.kill(n);
                    }
                }
                for db in 0..self.databases.len() {
                    if self.databases[db].primary == z {
                        self.fail_database(db);
                    }
                }
            }
            (FaultKind::DbFailover, true) => {
                if let Some(db) = self.world.databases.iter().position(|d| d.id == target) {
                    self.note(
                        "fault",
                        &target,
                        format!("fault injected: the primary of {target} fails"),
                    );
                    self.trail(
                Actor::User,
                        "rds.amazonaws.com",
                        "RebootDBInstance",
                        json!({ "dBInstanceIdentifier": target, "forceFailover": self.world.databases[db].multi_az }),
                        serde_json::Value::Null,
                    );
                    self.fail_database(db);
                }
            }
            (FaultKind::DbFailover, false) => {}
            (FaultKind::AddedLatency, _) => {
                let ms = if starts { f.ms.unwrap_or(0.0) } else { 0.0 };
                for n in 0..self.instances.len() {
                    if self.is_of(n, &target) {
                        self.added_ms[n] = ms;
                    }
                }
                let what = if starts {
                    format!("fault injected: requests served by {target} take {ms} ms longer")
                } else {
                    format!("requests served by {target} are no longer slowed")
                };
                self.note("fault", &target, what);
            }
            (FaultKind::BrokenHealthCheck, _) => {
                if let Some(tg) = self.world.target_groups.iter().position(|g| g.id == target) {
                    self.target_groups[tg].broken = starts;
                    let what = if starts {
                        "starts failing"
                    } else {
                        "answers again"
                    };
                    self.note(
                        "fault",
                        &target,
                        format!("the health check path of {target} {what}"),
                    );
                }
            }
        }
    }

    /// The running, live instances of a group or standalone instance `target`.
    fn running_of(&self, target: &str) -> Vec<usize> {
        (0..self.instances.len())
            .filter(|&n| {
                let inst = &self.instances[n];
                inst.alive && inst.life == Life::Running && self.is_of(n, target)
            })
            .collect()
    }

    /// Whether instance `n` belongs to `target`: its group, or the standalone
    /// instance it is.
    fn is_of(&self, n: usize, target: &str) -> bool {
        let inst = &self.instances[n];
        inst.group
            .is_some_and(|g| self.world.groups[g].id == target)
            || inst
                .standalone
                .is_some_and(|s| self.world.instances[s].id == target)
    }

    fn fail_database(&mut self, db: usize) {
        let spec = self.world.databases[db].clone();
        let zone_down = self.zone_down.clone();
        let (back, cause) = self.databases[db].fail(
            &spec,
            self.now,
            |z| !zone_down[z],
            self.scenario.assumptions.single_az_replacement_s,
            &mut self.databases_rng,
        );
        self.note("database", &spec.id, cause);
        self.agenda
            .schedule(back, Event::DatabaseBack { db: db as u32 });
    }
}
