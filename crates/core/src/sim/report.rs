//! What a run tells: the summary, the timeline, the events, the downtime, the cost
//! and the audit trail, as the `formwork simulate` command prints them (JSON through
//! serde, and text a person reads).

use serde::{Deserialize, Serialize};

use super::audit_monitor::AuditMonitor;
use super::pay_per_use_monitor::{self, Cost};
use super::scenario::{Assumptions, Scenario};
use super::simulation::{SimEvent, Simulation};
use super::sla_monitor::{Downtime, Latency};
use super::world::{Assumed, NotSimulated};

#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub summary: Summary,
    pub timeline: Vec<TimelineRow>,
    pub events: Vec<SimEvent>,
    pub downtime: Vec<Downtime>,
    pub cost: Cost,
    pub audit: AuditMonitor,
    pub not_simulated: Vec<NotSimulated>,
    /// Values the template leaves to the deployer that the run took for granted.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub assumed: Vec<Assumed>,
    /// The assumptions the run made where AWS documents no number.
    pub assumptions: Assumptions,
}

#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    pub duration_s: f64,
    pub seed: u64,
    pub region: String,
    pub requests: u64,
    pub errors: u64,
    pub availability: f64,
    pub latency_ms: Latency,
    pub cost_usd: f64,
    pub slo: SloVerdict,
    /// Per minute availability below the SLO.
    pub minutes_below_slo: usize,
    /// With sessions in the scenario.
    pub sessions: Option<SessionSummary>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SessionSummary {
    pub started: u64,
    /// Sessions whose state was lost: their instance went, or a request landed on
    /// another instance than the one holding it.
    pub lost: u64,
    /// Where session state lives: a state store's logical id, or "instances".
    pub kept_in: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct SloVerdict {
    pub availability: f64,
    pub p99_ms: Option<f64>,
    pub met: bool,
    pub error_budget_used: f64,
}

/// One row per simulated second.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimelineRow {
    pub t: u64,
    pub requests: u64,
    pub errors: u64,
    pub mean_latency_ms: f64,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    /// Per Auto Scaling group, in the world's order: instances running and CPU %.
    pub groups: Vec<GroupRow>,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupRow {
    pub instances: u32,
    pub cpu: f64,
}

impl TimelineRow {
    /// The run's `k`th second. A group added by an applied document has fewer
    /// seconds than the run, so groups' rows line up from the end.
    pub fn of(sim: &Simulation, k: usize) -> TimelineRow {
        let seconds = &sim.sla.seconds;
        let row = &seconds[k];
        TimelineRow {
            t: row.t,
            requests: row.requests,
            errors: row.errors,
            mean_latency_ms: row.mean_latency_ms,
            p50_ms: row.p50_ms,
            p95_ms: row.p95_ms,
            p99_ms: row.p99_ms,
            groups: sim
                .timeline_groups
                .iter()
                .map(|g| {
                    let (cpu, instances) = (k + g.len())
                        .checked_sub(seconds.len())
                        .map_or((0.0, 0), |j| g[j]);
                    GroupRow { instances, cpu }
                })
                .collect(),
        }
    }
}

impl Report {
    pub fn of(sim: &Simulation) -> Report {
        let s: &Scenario = &sim.scenario;
        let latency = sim.sla.latency();
        let availability = sim.sla.availability();
        let met =
            availability >= s.slo.availability && s.slo.p99_ms.is_none_or(|p| latency.p99 <= p);
        let cost = pay_per_use_monitor::meter(&sim.world, &sim.usage, sim.now, &s.region);
        let timeline = (0..sim.sla.seconds.len())
            .map(|k| TimelineRow::of(sim, k))
            .collect();
        Report {
            summary: Summary {
                duration_s: sim.now,
                seed: s.seed,
                region: s.region.clone(),
                requests: sim.sla.requests,
                errors: sim.sla.errors,
                availability,
                cost_usd: cost.total_usd,
                minutes_below_slo: sim
                    .sla
                    .per_minute()
                    .iter()
                    .filter(|a| **a < s.slo.availability)
                    .count(),
                slo: SloVerdict {
                    availability: s.slo.availability,
                    p99_ms: s.slo.p99_ms,
                    met,
                    error_budget_used: sim.sla.error_budget_used(s.slo.availability),
                },
                latency_ms: latency,
                sessions: sim.sessions.as_ref().map(|t| SessionSummary {
                    started: t.started,
                    lost: t.lost,
                    kept_in: t.store.clone().unwrap_or_else(|| "instances".into()),
                }),
            },
            timeline,
            events: sim.events.clone(),
            downtime: sim.sla.downtime.clone(),
            cost,
            audit: sim.audit.clone(),
            not_simulated: sim.world.not_simulated.clone(),
            assumed: sim.world.assumed.clone(),
            assumptions: s.assumptions.clone(),
        }
    }

    /// The timeline as CSV: one row per second, a pair of columns per group.
    pub fn timeline_csv(&self, group_ids: &[String]) -> String {
        let mut out = String::from("t,requests,errors,mean_latency_ms");
        for g in group_ids {
            out.push_str(&format!(",{g}_instances,{g}_cpu"));
        }
        out.push('\n');
        for r in &self.timeline {
            out.push_str(&format!(
                "{},{},{},{:.3}",
                r.t, r.requests, r.errors, r.mean_latency_ms
            ));
            for g in &r.groups {
                out.push_str(&format!(",{},{:.1}", g.instances, g.cpu));
            }
            out.push('\n');
        }
        out
    }

    /// A fingerprint of the whole report (FNV-1a over its JSON): the same template,
    /// scenario and seed give the same fingerprint, natively and in the browser.
    pub fn fingerprint(&self) -> String {
        let json = serde_json::to_string(self).unwrap_or_default();
        let hash = json.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        });
        format!("{hash:016x}")
    }

    /// A summary a person reads.
    pub fn text(&self) -> String {
        let s = &self.summary;
        let mut out = format!(
            "Simulated {} in {} (seed {}): {} requests, {} errors\n\
             Availability {:.3} % (SLO {} %){}; error budget used {:.0} %\n\
             Latency ms: mean {:.1}, p50 {:.1}, p95 {:.1}, p99 {:.1}\n\
             Cost of the run ${:.4} (${:.2} a month at this rate)\n",
            duration(s.duration_s),
            s.region,
            s.seed,
            s.requests,
            s.errors,
            s.availability,
            s.slo.availability,
            if s.slo.met {
                ": SLO met"
            } else {
                ": SLO MISSED"
            },
            s.slo.error_budget_used * 100.0,
            s.latency_ms.mean,
            s.latency_ms.p50,
            s.latency_ms.p95,
            s.latency_ms.p99,
            s.cost_usd,
            self.cost.monthly_usd,
        );
        if let Some(ss) = &s.sessions {
            out.push_str(&format!(
                "Sessions: {} started, {} lost (state kept in {})\n",
                ss.started, ss.lost, ss.kept_in
            ));
        }
        if !self.downtime.is_empty() {
            let total: f64 = self.downtime.iter().map(|d| d.end - d.start).sum();
            out.push_str(&format!(
                "\nDowntime: {} in {} interval{}\n",
                clock(total),
                self.downtime.len(),
                if self.downtime.len() == 1 { "" } else { "s" }
            ));
            // The longest first, so a run of many short overloads does not bury them.
            let mut longest: Vec<&Downtime> = self.downtime.iter().collect();
            longest.sort_by(|a, b| (b.end - b.start).total_cmp(&(a.end - a.start)));
            let mut shown: Vec<&Downtime> = longest.into_iter().take(DOWNTIME_LINES).collect();
            shown.sort_by(|a, b| a.start.total_cmp(&b.start));
            for d in &shown {
                out.push_str(&format!(
                    "  {} - {}  {}\n",
                    clock(d.start),
                    clock(d.end),
                    d.cause
                ));
            }
            if self.downtime.len() > DOWNTIME_LINES {
                out.push_str(&format!(
                    "  ... the {} longest shown; every interval is in the JSON report and sla.json\n",
                    DOWNTIME_LINES
                ));
            }
        }
        let shown: Vec<&SimEvent> = self
            .events
            .iter()
            .filter(|e| e.kind != "target-health" || e.message.contains("unhealthy"))
            .collect();
        if !shown.is_empty() {
            out.push_str("\nEvents:\n");
            for e in shown.iter().take(60) {
                out.push_str(&format!("  {}  {}\n", clock(e.t), e.message));
            }
            if shown.len() > 60 {
                out.push_str(&format!(
                    "  ... {} more in the JSON report\n",
                    shown.len() - 60
                ));
            }
        }
        let unpriced: Vec<String> = self
            .cost
            .lines
            .iter()
            .filter(|l| l.usd.is_none())
            .map(|l| format!("{} {}", l.resource, l.dimension))
            .collect();
        if !unpriced.is_empty() {
            out.push_str(&format!(
                "\nNot priced (no price with a source in the project): {}\n",
                unpriced.join("; ")
            ));
        }
        if !self.assumed.is_empty() {
            out.push_str("\nAssumed:\n");
            for a in &self.assumed {
                out.push_str(&format!(
                    "  {}.{}: {}\n",
                    a.resource, a.property, a.assumption
                ));
            }
        }
        if !self.not_simulated.is_empty() {
            out.push_str("\nNot simulated:\n");
            for n in &self.not_simulated {
                out.push_str(&format!(
                    "  {} ({}): {}\n",
                    n.resource, n.type_name, n.reason
                ));
            }
        }
        out.push_str(&format!(
            "\nRun fingerprint {} (the same template, scenario and seed give the same)\n",
            self.fingerprint()
        ));
        out
    }
}

/// Downtime intervals the text summary lists.
const DOWNTIME_LINES: usize = 15;

fn duration(s: f64) -> String {
    if s >= 3600.0 && s % 3600.0 == 0.0 {
        format!("{} h", s / 3600.0)
    } else if s >= 60.0 && s % 60.0 == 0.0 {
        format!("{} min", s / 60.0)
    } else {
        format!("{s} s")
    }
}

/// `h:mm:ss` of simulated time.
fn clock(t: f64) -> String {
    let s = t.max(0.0) as u64;
    format!("{}:{:02}:{:02}", s / 3600, s % 3600 / 60, s % 60)
}
