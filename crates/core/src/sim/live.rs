//! Driving a run live, as the designer does: read a snapshot, inject a fault, change
//! the traffic, and apply an edited document to the running simulation, keeping the
//! state of what did not change.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::automated_scaling_listener::Listener;
use super::load_balancer::{Health, TargetGroupState};
use super::pay_per_use_monitor;
use super::resource_cluster::Life;
use super::scenario::{FaultKind, FaultSpec, Scenario};
use super::simulation::{Classes, Event, SimError, Simulation};
use super::state_management_database::DatabaseState;
use super::world;
use crate::template::Template;
use crate::validate::Deployment;

/// All the app reads of a run.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Snapshot {
    pub t: f64,
    pub requests: u64,
    pub errors: u64,
    pub availability: f64,
    /// The last whole second: requests, errors and mean latency.
    pub last_second: Option<super::sla_monitor::SecondRow>,
    pub groups: Vec<GroupView>,
    pub target_groups: Vec<TargetGroupView>,
    pub databases: Vec<DatabaseView>,
    pub zones_down: Vec<String>,
    pub cost_usd: f64,
    /// The run's cost scaled to a month of 730 hours at the same usage.
    pub monthly_usd: f64,
    pub cost_lines: Vec<CostRow>,
    /// Per resource on the requests' path, requests and errors since the run began
    /// (the app takes rates from two snapshots).
    pub flows: Vec<Flow>,
    pub load_balancers: Vec<LoadBalancerView>,
    /// Standalone instances, by logical id.
    pub instances: Vec<StandaloneView>,
    /// The intervals the service was down, one still open last.
    pub downtime: Vec<DowntimeView>,
    pub slo_availability: f64,
    /// Per cent of the SLO's error budget used.
    pub error_budget_used: f64,
}

/// Requests through a resource (a load balancer and its listener, a target group, a
/// group and its launch template, an instance, a database's queries) since the run
/// began, and how many of them failed there.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Flow {
    pub resource: String,
    pub requests: u64,
    pub errors: u64,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct LoadBalancerView {
    pub id: String,
    /// Why requests fail now, while the service is down.
    pub down: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StandaloneView {
    pub resource: String,
    pub instance: InstanceView,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DowntimeView {
    pub start: f64,
    pub end: f64,
    pub cause: String,
    /// The resource the cause names, to show it.
    pub resource: Option<String>,
}

/// A line of the pay-per-use monitor's meter.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CostRow {
    pub resource: String,
    pub dimension: String,
    pub quantity: f64,
    pub unit: String,
    pub usd: Option<f64>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct GroupView {
    pub id: String,
    pub min: u32,
    pub max: u32,
    pub desired: u32,
    /// The zones it launches in.
    pub zones: Vec<String>,
    /// A target tracking policy's CPU target, per cent.
    pub target_cpu: Option<f64>,
    pub instances: Vec<InstanceView>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct InstanceView {
    pub id: String,
    pub zone: String,
    pub life: Life,
    pub alive: bool,
    /// In its first target group.
    pub health: Option<Health>,
    pub cpu: f64,
    /// Requests in service and waiting.
    pub holding: u32,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TargetGroupView {
    pub id: String,
    pub healthy: usize,
    pub registered: usize,
    /// Why it forwards nothing, when it has targets and none is healthy.
    pub reason: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DatabaseView {
    pub id: String,
    pub available: bool,
    pub primary_zone: String,
    pub standby_zone: Option<String>,
    pub cause: Option<String>,
}

impl Simulation {
    pub fn snapshot(&self) -> Snapshot {
        let instance = |n: usize| {
            let i = &self.instances[n];
            let health = self
                .target_groups
                .iter()
                .find_map(|tg| tg.target(n))
                .map(|t| t.health);
            InstanceView {
                id: i.id.clone(),
                zone: self.world.zones[i.zone].clone(),
                life: i.life,
                alive: i.alive,
                health,
                cpu: i.last_cpu,
                holding: i.holding(),
            }
        };
        let cost = pay_per_use_monitor::meter(
            &self.world,
            &self.usage_now(),
            self.now,
            &self.scenario.region,
        );
        Snapshot {
            t: self.now,
            requests: self.sla.requests,
            errors: self.sla.errors,
            availability: self.sla.availability(),
            last_second: self.sla.seconds.last().cloned(),
            groups: self
                .world
                .groups
                .iter()
                .enumerate()
                .map(|(g, spec)| GroupView {
                    id: spec.id.clone(),
                    min: spec.min,
                    max: spec.max,
                    desired: self.desired[g],
                    zones: spec
                        .zones
                        .iter()
                        .map(|&z| self.world.zones[z].clone())
                        .collect(),
                    target_cpu: spec.policies.iter().find_map(|p| match p {
                        world::Policy::TargetTracking {
                            metric: world::TrackedMetric::Cpu,
                            target,
                            ..
                        } => Some(*target),
                        _ => None,
                    }),
                    instances: (0..self.instances.len())
                        .filter(|&n| self.instances[n].group == Some(g))
                        .filter(|&n| self.instances[n].life != Life::Terminated)
                        .map(instance)
                        .collect(),
                })
                .collect(),
            target_groups: self
                .world
                .target_groups
                .iter()
                .zip(&self.target_groups)
                .map(|(spec, tg)| TargetGroupView {
                    id: spec.id.clone(),
                    healthy: tg.healthy_count(),
                    registered: tg.targets.len(),
                    reason: (!tg.targets.is_empty() && tg.healthy_count() == 0).then(|| {
                        if tg.broken {
                            format!(
                                "no healthy target in {}: its health check fails on every target",
                                spec.id
                            )
                        } else {
                            format!("no healthy target in {}", spec.id)
                        }
                    }),
                })
                .collect(),
            databases: self
                .world
                .databases
                .iter()
                .zip(&self.databases)
                .map(|(spec, db)| DatabaseView {
                    id: spec.id.clone(),
                    available: db.available(self.now),
                    primary_zone: self.world.zones[db.primary].clone(),
                    standby_zone: db.standby.map(|z| self.world.zones[z].clone()),
                    cause: (!db.available(self.now)).then(|| db.cause.clone()),
                })
                .collect(),
            zones_down: self
                .world
                .zones
                .iter()
                .zip(&self.zone_down)
                .filter(|(_, down)| **down)
                .map(|(z, _)| z.clone())
                .collect(),
            cost_usd: cost.total_usd,
            monthly_usd: cost.monthly_usd,
            cost_lines: cost
                .lines
                .into_iter()
                .map(|l| CostRow {
                    resource: l.resource,
                    dimension: l.dimension,
                    quantity: l.quantity,
                    unit: l.unit.to_string(),
                    usd: l.usd,
                })
                .collect(),
            flows: self.flows(),
            load_balancers: self
                .world
                .load_balancers
                .iter()
                .map(|lb| LoadBalancerView {
                    id: lb.id.clone(),
                    down: self.sla.open_downtime().map(|d| d.cause.clone()),
                })
                .collect(),
            instances: (0..self.instances.len())
                .filter_map(|n| {
                    let spec = &self.world.instances[self.instances[n].standalone?];
                    Some(StandaloneView {
                        resource: spec.id.clone(),
                        instance: instance(n),
                    })
                })
                .collect(),
            downtime: self
                .sla
                .downtime
                .iter()
                .chain(self.sla.open_downtime())
                .map(|d| DowntimeView {
                    start: d.start,
                    end: d.end,
                    cause: d.cause.clone(),
                    resource: self.resource_named_in(&d.cause),
                })
                .collect(),
            slo_availability: self.scenario.slo.availability,
            error_budget_used: 100.0 * self.sla.error_budget_used(self.scenario.slo.availability),
        }
    }

    /// Requests and errors through each resource on the requests' path so far.
    fn flows(&self) -> Vec<Flow> {
        let mut flows = Vec::new();
        let mut add = |resource: &str, requests: u64, errors: u64| {
            flows.push(Flow {
                resource: resource.to_string(),
                requests,
                errors,
            })
        };
        if let Some(lb) = self.world.entry.map(|e| &self.world.load_balancers[e]) {
            add(&lb.id, self.sla.requests, self.sla.errors);
            if let Some(l) = &lb.listener {
                add(l, self.sla.requests, self.sla.errors);
            }
        }
        for (spec, tg) in self.world.target_groups.iter().zip(&self.target_groups) {
            add(&spec.id, tg.forwarded, tg.refused);
        }
        for (g, spec) in self.world.groups.iter().enumerate() {
            let (served, refused) = self
                .instances
                .iter()
                .filter(|i| i.group == Some(g))
                .fold((0, 0), |(s, r), i| (s + i.served, r + i.refused));
            add(&spec.id, served + refused, refused);
            add(&spec.launch, served + refused, refused);
        }
        for i in &self.instances {
            if let Some(k) = i.standalone {
                add(&self.world.instances[k].id, i.served + i.refused, i.refused);
            }
        }
        for (spec, db) in self.world.databases.iter().zip(&self.databases) {
            add(&spec.id, db.queries, db.failed);
        }
        flows
    }

    /// The simulated resource whose logical id a cause's words name.
    pub(super) fn resource_named_in(&self, cause: &str) -> Option<String> {
        let w = &self.world;
        w.target_groups
            .iter()
            .map(|x| &x.id)
            .chain(w.databases.iter().map(|x| &x.id))
            .chain(w.groups.iter().map(|x| &x.id))
            .chain(w.instances.iter().map(|x| &x.id))
            .chain(w.load_balancers.iter().map(|x| &x.id))
            .find(|id| {
                cause
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .any(|word| word == id.as_str())
            })
            .cloned()
    }

    /// Injects a fault now.
    pub fn inject(&mut self, mut fault: FaultSpec) -> Result<(), SimError> {
        fault.at = self.now;
        check_fault(&self.world, &fault)?;
        self.scenario.faults.push(fault);
        let i = self.scenario.faults.len() - 1;
        self.agenda.schedule(self.now, Event::FaultStart(i as u32));
        Ok(())
    }

    /// Changes the traffic, the request classes, the SLO or the assumptions from now
    /// on. The seed, region, parameters and faults stay: the parameters and region
    /// shape the world (apply the document again to change them).
    pub fn change_scenario(&mut self, mut scenario: Scenario) -> Result<(), SimError> {
        scenario.check().map_err(SimError::Scenario)?;
        scenario.seed = self.scenario.seed;
        scenario.region = self.scenario.region.clone();
        scenario.parameters = self.scenario.parameters.clone();
        scenario.faults = std::mem::take(&mut self.scenario.faults);
        self.scenario = scenario;
        self.class_table = Classes::of(&self.world, &self.scenario);
        self.envelope = self.scenario.window(self.now, self.now);
        self.next_arrival = self.arrival_after(self.now);
        Ok(())
    }

    /// Applies an edited document: the world is built again; groups, instances,
    /// target groups and databases that keep their logical id keep their state
    /// (instances, health, failovers in progress); a new group launches its
    /// instances, a new standalone instance runs as deployed; removed ones go.
    pub fn apply(&mut self, template: &Template) -> Result<(), SimError> {
        let deployment = Deployment {
            parameters: self.scenario.parameters.clone(),
            region: self.scenario.region.clone(),
        };
        let mut new = world::build(template, &deployment).map_err(SimError::World)?;
        // Zones keep their numbers; new ones are added after.
        let mut zones = self.world.zones.clone();
        let zone_of: Vec<usize> = new
            .zones
            .iter()
            .map(|z| match zones.iter().position(|x| x == z) {
                Some(i) => i,
                None => {
                    zones.push(z.clone());
                    zones.len() - 1
                }
            })
            .collect();
        renumber_zones(&mut new, &zone_of);
        new.zones = zones;
        self.zone_down.resize(new.zones.len(), false);

        let by_id = |ids: Vec<&str>| -> BTreeMap<String, usize> {
            ids.into_iter()
                .enumerate()
                .map(|(i, id)| (id.to_string(), i))
                .collect()
        };
        let old_groups = by_id(self.world.groups.iter().map(|g| g.id.as_str()).collect());
        let old_tgs = by_id(
            self.world
                .target_groups
                .iter()
                .map(|g| g.id.as_str())
                .collect(),
        );
        let old_dbs = by_id(self.world.databases.iter().map(|g| g.id.as_str()).collect());

        // Target groups: kept ones keep their targets; settings come from the document.
        let mut tgs: Vec<TargetGroupState> = Vec::new();
        for spec in &new.target_groups {
            let mut state = TargetGroupState::new(spec);
            if let Some(&old) = old_tgs.get(&spec.id) {
                state.carry_on_from(&self.target_groups[old]);
            }
            tgs.push(state);
        }
        // Instances move to their group's or their own new number; those whose group
        // or standalone instance was removed go.
        let group_map: Vec<Option<usize>> = self
            .world
            .groups
            .iter()
            .map(|g| new.groups.iter().position(|n| n.id == g.id))
            .collect();
        let standalone_map: Vec<Option<usize>> = self
            .world
            .instances
            .iter()
            .map(|i| new.instances.iter().position(|n| n.id == i.id))
            .collect();
        let mut orphans = Vec::new();
        for (n, i) in self.instances.iter_mut().enumerate() {
            let before = (i.group, i.standalone);
            i.group = i.group.and_then(|g| group_map[g]);
            i.standalone = i.standalone.and_then(|k| standalone_map[k]);
            let removed = (before.0.is_some() && i.group.is_none())
                || (before.1.is_some() && i.standalone.is_none());
            if removed && i.life != Life::Terminated {
                orphans.push(n);
            }
        }
        let new_standalone: Vec<usize> = (0..new.instances.len())
            .filter(|k| !standalone_map.contains(&Some(*k)))
            .collect();
        let desired: Vec<u32> = new
            .groups
            .iter()
            .map(|g| match old_groups.get(&g.id) {
                // An edited DesiredCapacity is set, as a stack update sets it; else
                // the group keeps what its scaling made of it, within the new limits.
                Some(&old) if self.world.groups[old].desired != g.desired => g.desired,
                Some(&old) => self.desired[old].clamp(g.min, g.max),
                None => g.desired,
            })
            .collect();
        let listeners: Vec<Listener> = new
            .groups
            .iter()
            .map(|g| match old_groups.get(&g.id) {
                Some(&old) if self.world.groups[old].policies == g.policies => {
                    self.listeners[old].clone()
                }
                _ => Listener::new(g),
            })
            .collect();
        let databases: Vec<DatabaseState> = new
            .databases
            .iter()
            .map(|d| match old_dbs.get(&d.id) {
                Some(&old) => self.databases[old].clone(),
                None => DatabaseState::new(d),
            })
            .collect();
        let new_groups: Vec<usize> = (0..new.groups.len())
            .filter(|g| !old_groups.contains_key(&new.groups[*g].id))
            .collect();

        self.target_groups = tgs;
        self.desired = desired;
        self.listeners = listeners;
        self.databases = databases;
        self.timeline_groups = new
            .groups
            .iter()
            .map(|g| match old_groups.get(&g.id) {
                Some(&old) => std::mem::take(&mut self.timeline_groups[old]),
                None => Vec::new(),
            })
            .collect();
        self.world = new;
        self.class_table = Classes::of(&self.world, &self.scenario);
        // Events scheduled against the old numbering are dropped; checks and metric
        // datapoints start again in the new one.
        self.epoch += 1;
        for n in orphans {
            self.terminate(n, "it was removed from the template");
        }
        // Standalone instances added to the template run as deployed; every target
        // group takes the standalone instances it lists and does not hold yet.
        for k in new_standalone {
            let spec = self.world.instances[k].clone();
            let n = self.add_instance(None, Some(k), &spec.instance_type, spec.zone, spec.vcpus);
            self.make_ready(n);
        }
        for tg in 0..self.target_groups.len() {
            for k in self.world.target_groups[tg].members.clone() {
                if let Some(n) = self.instances.iter().position(|i| i.standalone == Some(k))
                    && self.target_groups[tg].target(n).is_none()
                {
                    self.target_groups[tg].register(n, Health::Healthy);
                }
            }
        }
        for tg in 0..self.target_groups.len() {
            let targets: Vec<(usize, Health)> = self.target_groups[tg]
                .targets
                .iter()
                .map(|t| (t.instance, t.health))
                .filter(|(_, h)| *h != Health::Draining)
                .collect();
            for (n, health) in targets {
                self.register(tg, n, health);
            }
        }
        for g in 0..self.world.groups.len() {
            for p in 0..self.world.groups[g].policies.len() {
                self.schedule_metric(g, p);
            }
            // Kept groups meet their (clamped) desired capacity; new groups launch theirs.
            let cause = if new_groups.contains(&g) {
                "the group was added to the template"
            } else {
                "the template's group settings changed"
            };
            self.reconcile(g, cause);
        }
        Ok(())
    }
}

fn renumber_zones(w: &mut world::World, zone_of: &[usize]) {
    for lb in &mut w.load_balancers {
        for z in &mut lb.zones {
            *z = zone_of[*z];
        }
    }
    for g in &mut w.groups {
        for z in &mut g.zones {
            *z = zone_of[*z];
        }
    }
    for i in &mut w.instances {
        i.zone = zone_of[i.zone];
    }
    for d in &mut w.databases {
        d.zone = zone_of[d.zone];
        d.standby_zone = d.standby_zone.map(|z| zone_of[z]);
    }
}

/// Whether a fault names a simulated resource of the kind it strikes.
pub(super) fn check_fault(world: &world::World, f: &FaultSpec) -> Result<(), SimError> {
    let named = |ids: Vec<&String>| f.target.as_ref().is_some_and(|t| ids.contains(&t));
    let known = match f.kind {
        FaultKind::AzOutage => true,
        FaultKind::InstanceFailure | FaultKind::HostFailure | FaultKind::AddedLatency => {
            named(world.groups.iter().map(|g| &g.id).collect())
                || named(world.instances.iter().map(|i| &i.id).collect())
        }
        FaultKind::DbFailover => named(world.databases.iter().map(|d| &d.id).collect()),
        FaultKind::BrokenHealthCheck => named(world.target_groups.iter().map(|g| &g.id).collect()),
    };
    if known {
        Ok(())
    } else {
        Err(SimError::Scenario(format!(
            "fault at {} s: {} is not a simulated resource of that kind",
            f.at,
            f.target.as_deref().unwrap_or("?")
        )))
    }
}
