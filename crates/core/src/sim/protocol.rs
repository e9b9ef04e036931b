//! The messages between the designer and the simulator's Web Worker (`crates/worker`),
//! as JSON text in both directions, and [`handle`], the pure function the worker runs
//! on each command. The worker is a separate wasm the app loads the first time a
//! simulation starts, so the simulator never weighs on the designer's first load.
//!
//! One reply answers each command, in order: `start` and every later command answer
//! with a [`Frame`] (the snapshot, and what happened since the last frame), `reset`
//! with [`Reply::Finished`], anything that fails with [`Reply::Error`] and leaves the
//! run as it was. The worker says [`Reply::Ready`] once, before anything else, when it
//! can take commands: a message posted to a worker before its handler is installed is
//! lost.
//!
//! The JSON is serde's default (external) tagging: `{"advance":{"to":120,"budget":
//! 1000000}}`, `"reset"`, `{"snapshot":{...}}`. The worker reads and writes it with
//! serde; the app, whose first load must stay small, writes commands with
//! [`Command::to_json`] (no serde) and reads replies with the browser's `JSON.parse`
//! (`formwork_app::simulation`); tests hold both to serde's form. Scenarios travel as
//! their text (YAML or JSON, `docs/scenario.md`), so the app needs no serde for them.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::{Deserialize, Serialize};

use super::engine::Time;
use super::live::Snapshot;
pub use super::report::{GroupRow, TimelineRow};
use super::scenario::{FaultKind, FaultSpec, Scenario};
use super::simulation::Simulation;
use crate::template::scalar::double_quoted;
use crate::template::{self, Template};

/// What the app asks of the worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Command {
    /// A new run, in place of any other: the document's text and the scenario's (YAML
    /// or JSON; empty for the default scenario), and parameter values that take
    /// precedence over the scenario's.
    Start {
        template: String,
        scenario: String,
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        parameters: BTreeMap<String, String>,
    },
    /// Runs until `to` simulated seconds (at most the scenario's end), at most
    /// `budget` events (arrivals, completions, checks...): the worker stays responsive
    /// and the app paces the run.
    Advance { to: Time, budget: u64 },
    /// A fault now (its `at` is ignored).
    Inject(FaultSpec),
    /// A scenario's text: traffic, requests, SLO and assumptions from now on; the
    /// seed, region, parameters and faults stay.
    ChangeScenario(String),
    /// The edited document's text, applied to the running simulation.
    Apply { template: String },
    /// Ends the run.
    Reset,
}

/// What the worker answers.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reply {
    /// The worker takes commands (sent once, unasked).
    Ready,
    Snapshot(Box<Frame>),
    /// The command failed (the run, if any, is as it was); also a panic's message.
    Error {
        message: String,
    },
    /// The run ended (the answer to `reset`); there is no run until the next `start`.
    Finished,
}

/// The state of the run, and what happened since the last frame.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Frame {
    pub snapshot: Snapshot,
    /// Events since the last frame, in time order.
    pub events: Vec<Event>,
    /// Rows of the per-second timeline since the last frame; their `groups` follow
    /// `snapshot.groups`' order.
    pub timeline: Vec<TimelineRow>,
    /// The audit monitor's records since the last frame.
    pub audit: Vec<AuditRow>,
    /// Whether the last `advance` got to its `to` within its budget.
    pub reached: bool,
    /// The run reached the end of its scenario: advancing does nothing more.
    pub finished: bool,
}

/// A change a person would want on a timeline (the simulation's `SimEvent`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub t: Time,
    /// `instance`, `scaling`, `health`, `database`, `fault`...
    pub kind: String,
    pub resource: String,
    pub message: String,
}

/// A CloudTrail record, with what its table shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditRow {
    pub t: Time,
    /// `eventSource` and `eventName`.
    pub source: String,
    pub name: String,
    /// The template resource the request names, if one.
    pub resource: String,
    /// The whole record, as CloudTrail's JSON.
    pub record: String,
}

/// A run the worker holds: the simulation and how much of it the app has been sent.
pub struct Run {
    pub sim: Simulation,
    events_sent: usize,
    seconds_sent: usize,
    audit_sent: usize,
}

impl Run {
    /// The snapshot and what happened since the last frame.
    fn frame(&mut self, reached: bool) -> Frame {
        let sim = &self.sim;
        let events = sim.events[self.events_sent.min(sim.events.len())..]
            .iter()
            .map(|e| Event {
                t: e.t,
                kind: e.kind.to_string(),
                resource: e.resource.clone(),
                message: e.message.clone(),
            })
            .collect();
        let seconds = &sim.sla.seconds;
        let from = self.seconds_sent.min(seconds.len());
        let timeline = (from..seconds.len())
            .map(|k| TimelineRow::of(sim, k))
            .collect();
        let records = &sim.audit.records;
        let audit = records[self.audit_sent.min(records.len())..]
            .iter()
            .map(|r| {
                let text = |key: &str| r[key].as_str().unwrap_or_default().to_string();
                AuditRow {
                    t: r["simulatedSeconds"].as_f64().unwrap_or_default(),
                    source: text("eventSource"),
                    name: text("eventName"),
                    resource: sim
                        .resource_named_in(&r["requestParameters"].to_string())
                        .unwrap_or_default(),
                    record: r.to_string(),
                }
            })
            .collect();
        self.audit_sent = records.len();
        self.events_sent = sim.events.len();
        self.seconds_sent = seconds.len();
        Frame {
            snapshot: sim.snapshot(),
            events,
            timeline,
            audit,
            reached,
            finished: sim.now >= sim.scenario.duration,
        }
    }
}

/// Runs one command on the worker's state.
pub fn handle(state: &mut Option<Run>, command: Command) -> Reply {
    match step(state, command) {
        Ok(reply) => reply,
        Err(message) => Reply::Error { message },
    }
}

/// [`handle`] on a command's JSON text, giving the reply's JSON text: what the
/// worker does with each message.
pub fn respond(state: &mut Option<Run>, message: &str) -> String {
    let reply = match serde_json::from_str::<Command>(message) {
        Ok(command) => handle(state, command),
        Err(e) => Reply::Error {
            message: format!("the simulator cannot read this command: {e}"),
        },
    };
    reply.to_json()
}

impl Reply {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| {
            let message = format!("the simulator cannot write its reply: {e}");
            serde_json::to_string(&Reply::Error { message }).unwrap_or_default()
        })
    }
}

impl Command {
    /// The command's JSON, as serde writes it, without serde: the app's first load
    /// carries no serializer for it.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        match self {
            Command::Start {
                template,
                scenario,
                parameters,
            } => {
                out.push_str("{\"start\":{\"template\":");
                json_text(&mut out, template);
                out.push_str(",\"scenario\":");
                json_text(&mut out, scenario);
                if !parameters.is_empty() {
                    out.push_str(",\"parameters\":{");
                    for (i, (k, v)) in parameters.iter().enumerate() {
                        if i > 0 {
                            out.push(',');
                        }
                        json_text(&mut out, k);
                        out.push(':');
                        json_text(&mut out, v);
                    }
                    out.push('}');
                }
                out.push_str("}}");
            }
            Command::Advance { to, budget } => {
                out.push_str("{\"advance\":{\"to\":");
                json_number(&mut out, *to);
                let _ = write!(out, ",\"budget\":{budget}}}}}");
            }
            Command::Inject(f) => {
                out.push_str("{\"inject\":{\"at\":");
                json_number(&mut out, f.at);
                out.push_str(",\"kind\":\"");
                out.push_str(fault_kind(f.kind));
                out.push_str("\",\"target\":");
                json_option(&mut out, f.target.as_deref());
                out.push_str(",\"zone\":");
                json_option(&mut out, f.zone.as_deref());
                for (key, value) in [("for", f.lasting), ("ms", f.ms)] {
                    if let Some(n) = value {
                        let _ = write!(out, ",\"{key}\":");
                        json_number(&mut out, n);
                    }
                }
                out.push_str("}}");
            }
            Command::ChangeScenario(text) => {
                out.push_str("{\"change_scenario\":");
                json_text(&mut out, text);
                out.push('}');
            }
            Command::Apply { template } => {
                out.push_str("{\"apply\":{\"template\":");
                json_text(&mut out, template);
                out.push_str("}}");
            }
            Command::Reset => out.push_str("\"reset\""),
        }
        out
    }
}

/// A fault kind's name in scenarios.
pub fn fault_kind(kind: FaultKind) -> &'static str {
    match kind {
        FaultKind::InstanceFailure => "instance-failure",
        FaultKind::HostFailure => "host-failure",
        FaultKind::AzOutage => "az-outage",
        FaultKind::DbFailover => "db-failover",
        FaultKind::BrokenHealthCheck => "broken-health-check",
        FaultKind::AddedLatency => "added-latency",
    }
}

/// A JSON string (the template writer's double-quoted scalar is valid JSON).
fn json_text(out: &mut String, text: &str) {
    out.push_str(&double_quoted(text));
}

/// A JSON number: Rust writes the shortest decimal that reads back the same, never
/// with an exponent; JSON has no infinity or NaN (serde writes `null` for them too).
fn json_number(out: &mut String, n: f64) {
    if n.is_finite() {
        let _ = write!(out, "{n}");
    } else {
        out.push_str("null");
    }
}

fn json_option(out: &mut String, text: Option<&str>) {
    match text {
        Some(t) => json_text(out, t),
        None => out.push_str("null"),
    }
}

fn step(state: &mut Option<Run>, command: Command) -> Result<Reply, String> {
    let command = match command {
        Command::Start {
            template,
            scenario,
            parameters,
        } => {
            *state = None;
            let mut scenario = read_scenario(&scenario)?;
            scenario.parameters.extend(parameters);
            let sim = Simulation::new(&read(&template)?, scenario).map_err(|e| e.to_string())?;
            let run = state.insert(Run {
                sim,
                events_sent: 0,
                seconds_sent: 0,
                audit_sent: 0,
            });
            return Ok(Reply::Snapshot(Box::new(run.frame(true))));
        }
        Command::Reset => {
            *state = None;
            return Ok(Reply::Finished);
        }
        command => command,
    };
    let run = state.as_mut().ok_or("no simulation is running")?;
    let sim = &mut run.sim;
    let done = match command {
        Command::Advance { to, budget } => {
            if to.is_nan() {
                return Err("advance: `to` is not a number".into());
            }
            Ok(sim.advance(to, budget))
        }
        Command::Inject(fault) => sim.inject(fault).map(|()| true),
        Command::ChangeScenario(text) => sim.change_scenario(read_scenario(&text)?).map(|()| true),
        Command::Apply { template } => sim.apply(&read(&template)?).map(|()| true),
        Command::Start { .. } | Command::Reset => Ok(true),
    };
    let reached = done.map_err(|e| e.to_string())?;
    Ok(Reply::Snapshot(Box::new(run.frame(reached))))
}

/// A scenario's text; none for the default scenario.
fn read_scenario(text: &str) -> Result<Scenario, String> {
    if text.trim().is_empty() {
        return Ok(Scenario::default());
    }
    Scenario::read(text).map_err(|e| format!("the scenario cannot be read: {e}"))
}

fn read(text: &str) -> Result<Template, String> {
    template::parse(text)
        .map(|imported| imported.template)
        .map_err(|e| format!("the template cannot be read: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples::sample;
    use crate::sim::resource_cluster::Life;
    use crate::sim::scenario::FaultKind;

    fn wordpress() -> &'static str {
        sample("wordpress-multi-az").unwrap().text
    }

    const SCENARIO: &str = "duration: 10m\nseed: 3\nregion: ap-northeast-2\n";

    fn start(template: &str) -> Command {
        let parameters = [
            ("KeyName", "lab"),
            ("DBUser", "admin"),
            ("DBPassword", "password1"),
        ];
        Command::Start {
            template: template.into(),
            scenario: SCENARIO.into(),
            parameters: parameters
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        }
    }

    fn frame(reply: Reply) -> Frame {
        match reply {
            Reply::Snapshot(frame) => *frame,
            other => panic!("expected a snapshot, got {other:?}"),
        }
    }

    /// Sends a command as the app writes it, and reads the reply back: the JSON forms
    /// of both directions round-trip.
    fn send(state: &mut Option<Run>, command: &Command) -> Reply {
        let text = command.to_json();
        assert_eq!(&serde_json::from_str::<Command>(&text).unwrap(), command);
        serde_json::from_str(&respond(state, &text)).unwrap()
    }

    #[test]
    fn a_run_starts_advances_and_sends_what_happened_once() {
        let mut state = None;
        let first = frame(send(&mut state, &start(wordpress())));
        assert_eq!(first.snapshot.t, 0.0);
        assert!(first.timeline.is_empty() && !first.finished);
        let group = &first.snapshot.groups[0];
        assert_eq!(
            (group.id.as_str(), group.instances.len()),
            ("WebServerGroup", 2)
        );

        let at_120 = frame(send(
            &mut state,
            &Command::Advance {
                to: 120.0,
                budget: u64::MAX,
            },
        ));
        assert!(at_120.reached);
        assert_eq!(at_120.snapshot.t, 120.0);
        assert!(at_120.snapshot.requests > 0);
        let instances = &at_120.snapshot.groups[0].instances;
        assert_eq!(instances.len(), 2);
        assert!(instances.iter().all(|i| i.alive && i.life == Life::Running));
        assert_eq!(at_120.timeline.len(), 120);
        assert_eq!(at_120.timeline[0].t, 1);
        assert_eq!(at_120.timeline[119].t, 120);
        assert_eq!(at_120.timeline[119].groups[0].instances, 2);
        let served: u64 = at_120.timeline.iter().map(|r| r.requests).sum();
        assert_eq!(served, at_120.snapshot.requests);
        let last = &at_120.timeline[119];
        assert!(last.p50_ms > 0.0 && last.p50_ms <= last.p95_ms && last.p95_ms <= last.p99_ms);

        // What the canvas draws: the traffic through each resource on its path, the
        // zones of the group, the standby of the Multi-AZ database.
        let flow = |id: &str| {
            let f = at_120.snapshot.flows.iter().find(|f| f.resource == id);
            f.map(|f| (f.requests, f.errors))
        };
        let (total, _) = flow("ApplicationLoadBalancer").expect("the entry's flow");
        assert_eq!(total, at_120.snapshot.requests);
        assert_eq!(flow("ALBListener"), Some((total, 0)));
        let (through_group, _) = flow("WebServerGroup").unwrap();
        assert!(through_group > 0 && through_group <= total);
        assert_eq!(flow("LaunchTemplate"), flow("WebServerGroup"));
        assert!(flow("ALBTargetGroup").is_some_and(|(r, e)| r == total && e == 0));
        assert!(flow("Database").is_some_and(|(q, _)| q > 0));
        let s = &at_120.snapshot;
        assert_eq!(s.groups[0].zones.len(), 2);
        assert!(s.databases[0].standby_zone.is_some());
        assert!(s.downtime.is_empty() && s.slo_availability == 99.9);
        assert!(
            s.cost_lines
                .iter()
                .any(|l| l.resource == "ApplicationLoadBalancer")
        );

        // A small budget stops short; the next frame carries only the new rows.
        let short = frame(send(
            &mut state,
            &Command::Advance {
                to: 300.0,
                budget: 10,
            },
        ));
        assert!(!short.reached && short.snapshot.t < 121.0);
        assert!(short.timeline.len() <= 1, "{:?}", short.timeline);

        let end = frame(send(
            &mut state,
            &Command::Advance {
                to: 1e9,
                budget: u64::MAX,
            },
        ));
        assert!(end.reached && end.finished);
        assert_eq!(end.snapshot.t, 600.0);
        assert_eq!(end.timeline.last().unwrap().t, 600);
        assert!(matches!(send(&mut state, &Command::Reset), Reply::Finished));
        assert!(state.is_none());
    }

    #[test]
    fn an_injected_fault_and_its_events_arrive_in_the_next_frame() {
        let mut state = None;
        send(&mut state, &start(wordpress()));
        send(
            &mut state,
            &Command::Advance {
                to: 120.0,
                budget: u64::MAX,
            },
        );
        let fault = FaultSpec {
            at: 0.0,
            kind: FaultKind::DbFailover,
            target: Some("Database".into()),
            zone: None,
            lasting: None,
            ms: None,
        };
        let injected = frame(send(&mut state, &Command::Inject(fault.clone())));
        assert!(injected.reached && injected.timeline.is_empty());
        let later = frame(send(
            &mut state,
            &Command::Advance {
                to: 125.0,
                budget: u64::MAX,
            },
        ));
        assert!(!later.snapshot.databases[0].available);
        assert!(
            later.events.iter().any(|e| e.kind == "database"),
            "{:?}",
            later.events
        );
        assert_eq!(later.timeline.len(), 5);
        // The audit monitor's records come with the resource they name: the user's
        // fault and RDS's failover.
        let named = |name: &str| {
            injected
                .audit
                .iter()
                .chain(&later.audit)
                .any(|r| r.name == name && r.resource == "Database")
        };
        assert!(named("RebootDBInstance"), "{:?}", later.audit);
        let down = &later.snapshot.downtime;
        assert!(
            down.last()
                .is_some_and(|d| d.resource.as_deref() == Some("Database"))
        );
        // Events are sent once.
        let again = frame(send(
            &mut state,
            &Command::Advance {
                to: 125.0,
                budget: u64::MAX,
            },
        ));
        assert!(again.events.is_empty() && again.timeline.is_empty());

        // A fault on nothing the run simulates is an error; the run goes on.
        let nowhere = FaultSpec {
            target: Some("Nope".into()),
            ..fault
        };
        let Reply::Error { message } = send(&mut state, &Command::Inject(nowhere)) else {
            panic!("a fault on an unknown resource")
        };
        assert!(message.contains("Nope"), "{message}");
        assert_eq!(state.as_ref().unwrap().sim.now, 125.0);
    }

    #[test]
    fn an_edited_template_applies_to_the_running_simulation() {
        let mut state = None;
        send(&mut state, &start(wordpress()));
        send(
            &mut state,
            &Command::Advance {
                to: 120.0,
                budget: u64::MAX,
            },
        );
        let edited = wordpress().replace("MinSize: \"1\"", "MinSize: \"4\"");
        assert_ne!(edited, wordpress());
        send(&mut state, &Command::Apply { template: edited });
        let after = frame(send(
            &mut state,
            &Command::Advance {
                to: 240.0,
                budget: u64::MAX,
            },
        ));
        let group = &after.snapshot.groups[0];
        assert_eq!(group.desired, 4);
        assert_eq!(group.instances.len(), 4);
        assert_eq!(after.timeline.last().unwrap().groups[0].instances, 4);

        // An edit that cannot be read leaves the run as it was.
        let Reply::Error { message } = send(
            &mut state,
            &Command::Apply {
                template: "Resources: [".into(),
            },
        ) else {
            panic!("an unreadable edit")
        };
        assert!(message.contains("cannot be read"), "{message}");
        assert_eq!(state.as_ref().unwrap().sim.world.groups.len(), 1);
    }

    #[test]
    fn a_changed_scenario_keeps_the_run() {
        let mut state = None;
        send(&mut state, &start(wordpress()));
        send(
            &mut state,
            &Command::Advance {
                to: 60.0,
                budget: u64::MAX,
            },
        );
        let busier = "duration: 10m\ntraffic: [{at: 0s, rps: 200}]".to_string();
        let changed = frame(send(&mut state, &Command::ChangeScenario(busier)));
        assert_eq!(changed.snapshot.t, 60.0);
        let sim = &state.as_ref().unwrap().sim;
        assert_eq!(sim.scenario.seed, 3, "the seed stays");
        assert_eq!(sim.scenario.traffic[0].rps, 200.0);
    }

    #[test]
    fn what_cannot_run_is_an_error_not_a_panic() {
        let mut state = None;
        for text in ["", "Resources: [", "[1, 2", "a: b: c"] {
            let reply = send(&mut state, &start(text));
            assert!(matches!(reply, Reply::Error { .. }), "{text:?}: {reply:?}");
            assert!(state.is_none());
        }
        // What the simulator cannot build is named, resource and property.
        let impossible = wordpress().replace("MinSize: \"1\"", "MinSize: \"9\"");
        let Reply::Error { message } = send(&mut state, &start(&impossible)) else {
            panic!("MinSize over MaxSize")
        };
        assert!(
            message.contains("WebServerGroup") && message.contains("MinSize"),
            "{message}"
        );
        let advance = Command::Advance {
            to: 10.0,
            budget: 1,
        };
        let Reply::Error { message } = send(&mut state, &advance) else {
            panic!("advance without a run")
        };
        assert_eq!(message, "no simulation is running");
        // A message that is not a command.
        for text in [
            "",
            "{}",
            "{\"advance\":{\"to\":null,\"budget\":1}}",
            "\"fly\"",
        ] {
            let reply: Reply = serde_json::from_str(&respond(&mut state, text)).unwrap();
            let Reply::Error { message } = reply else {
                panic!("{text:?}")
            };
            assert!(message.contains("cannot read this command"), "{message}");
        }
        // A failed start ends the run it replaces.
        send(&mut state, &start(wordpress()));
        assert!(state.is_some());
        send(&mut state, &start("Resources: ["));
        assert!(state.is_none());
    }

    #[test]
    fn the_wire_form_is_small_and_readable() {
        let advance = Command::Advance {
            to: 120.5,
            budget: 5000,
        };
        assert_eq!(
            advance.to_json(),
            r#"{"advance":{"to":120.5,"budget":5000}}"#
        );
        assert_eq!(Command::Reset.to_json(), r#""reset""#);
        assert_eq!(Reply::Ready.to_json(), r#""ready""#);
        let error = Reply::Error {
            message: "x".into(),
        };
        assert_eq!(error.to_json(), r#"{"error":{"message":"x"}}"#);
    }

    /// The app's writer gives what serde reads, for every command and awkward text.
    #[test]
    fn commands_written_without_serde_read_back_with_serde() {
        let awkward =
            "a \"quoted\" \\ back\tslash\r\n\u{1}\u{8}\u{c}\u{1f} \u{7f} 한글 \u{2028} 😀";
        let kinds = [
            FaultKind::InstanceFailure,
            FaultKind::HostFailure,
            FaultKind::AzOutage,
            FaultKind::DbFailover,
            FaultKind::BrokenHealthCheck,
            FaultKind::AddedLatency,
        ];
        let mut commands = vec![
            start(awkward),
            Command::Start {
                template: String::new(),
                scenario: awkward.into(),
                parameters: BTreeMap::new(),
            },
            Command::ChangeScenario(awkward.into()),
            Command::Apply {
                template: awkward.into(),
            },
            Command::Reset,
        ];
        for (to, budget) in [
            (0.0, 0),
            (0.1, 1),
            (86_400.25, u64::MAX),
            (1e-7, 3),
            (1e21, 9),
        ] {
            commands.push(Command::Advance { to, budget });
        }
        for (i, kind) in kinds.into_iter().enumerate() {
            let some = i % 2 == 0;
            commands.push(Command::Inject(FaultSpec {
                at: i as f64 * 10.5,
                kind,
                target: some.then(|| awkward.to_string()),
                zone: (!some).then(|| "ap-northeast-2a".to_string()),
                lasting: some.then_some(30.0),
                ms: (!some).then_some(0.25),
            }));
        }
        for command in commands {
            let text = command.to_json();
            let read: Command =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(read, command, "{text}");
        }
        // JSON has no infinity: `null`, as serde writes it, which the worker refuses.
        let endless = Command::Advance {
            to: f64::INFINITY,
            budget: 1,
        };
        assert_eq!(endless.to_json(), serde_json::to_string(&endless).unwrap());
    }
}
