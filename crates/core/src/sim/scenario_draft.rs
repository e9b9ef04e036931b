//! A scenario being edited in the designer's form: its text read as a tree, each field
//! the form shows read from the tree and written back into it, so what the form does
//! not show (faults, assumptions, hosts) stays as the user wrote it.
//!
//! The tree is the template engine's own ([`read_value`]), not serde: the designer
//! already carries that reader, and the scenario's reader proper (serde, in the
//! simulator's worker) still judges the result. Values the form cannot read (a
//! function, a word where a number goes) read as the format's defaults.

use std::collections::BTreeMap;

use super::presets::{Preset, Traffic};
use super::scenario::{
    RequestClass, Scenario, Service, Sessions, Slo, Spike, TrafficPoint, Wave, parse_duration,
};
use crate::template::{Map, Node, Number, Value, read_value, value_to_yaml};

/// The scenario's fields in the order `docs/scenario.md` lists them.
const FIELDS: [&str; 13] = [
    "duration",
    "seed",
    "region",
    "start",
    "parameters",
    "traffic",
    "wave",
    "spikes",
    "requests",
    "sessions",
    "faults",
    "slo",
    "assumptions",
];

/// The scenario's tree: always a mapping.
#[derive(Clone, Debug, Default)]
pub struct ScenarioDraft {
    root: Map,
}

/// A number as the scenario's text writes it: at most three decimals, no trailing
/// zeros.
pub fn number_text(x: f64) -> String {
    let text = format!("{x:.3}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A time or duration in the format's largest whole unit: `30m`, `14h`, `1d`, else
/// seconds (`90s`, `0.5s`).
pub fn duration_text(seconds: f64) -> String {
    for (unit, size) in [("d", 86_400.0), ("h", 3600.0), ("m", 60.0)] {
        if seconds >= size && (seconds / size).fract() == 0.0 {
            return format!("{}{unit}", seconds / size);
        }
    }
    format!("{}s", number_text(seconds))
}

fn number(x: f64) -> Node {
    Number::parse(&number_text(x)).map_or_else(Node::null, |n| Node::new(Value::Number(n)))
}

fn duration(seconds: f64) -> Node {
    Node::string(duration_text(seconds))
}

/// A mapping written on one line, `{at: 30m, rps: 100}`, as people write list items.
fn flow_map(entries: Vec<(&str, Node)>) -> Node {
    let mut map = Map::new();
    for (k, v) in entries {
        map.insert(k, v);
    }
    let mut node = Node::map(map);
    node.style.flow = true;
    node
}

/// Seconds from a number or a duration's text.
fn seconds_of(node: &Node) -> Option<f64> {
    match &node.value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => parse_duration(s).ok(),
        _ => None,
    }
}

fn f64_of(map: &Map, key: &str) -> Option<f64> {
    map.get(key).and_then(Node::as_f64)
}

fn text_of(map: &Map, key: &str) -> Option<String> {
    map.get(key)
        .and_then(Node::scalar_text)
        .map(|t| t.into_owned())
}

impl ScenarioDraft {
    /// Reads a scenario's YAML or JSON text; empty text is the default scenario.
    pub fn read(text: &str) -> Result<ScenarioDraft, String> {
        if text.trim().is_empty() {
            return Ok(ScenarioDraft::default());
        }
        let node = read_value(text).map_err(|e| format!("line {}: {}", e.pos.line, e.message))?;
        match node.value {
            Value::Map(root) => Ok(ScenarioDraft { root }),
            Value::Null => Ok(ScenarioDraft::default()),
            _ => Err("a scenario is a mapping of fields (duration:, traffic: …)".into()),
        }
    }

    /// The scenario as YAML.
    pub fn text(&self) -> String {
        if self.root.is_empty() {
            return "{}\n".into();
        }
        value_to_yaml(&Node::map(self.root.clone()))
    }

    /// Sets a field; a new one goes where the format's order puts it.
    fn set(&mut self, key: &str, value: Option<Node>) {
        match value {
            Some(v) if self.root.contains_key(key) => {
                self.root.insert(key, v);
            }
            Some(v) => {
                let rank = |k: &str| FIELDS.iter().position(|f| *f == k).unwrap_or(FIELDS.len());
                let at = self
                    .root
                    .keys()
                    .position(|k| rank(k) > rank(key))
                    .unwrap_or(self.root.len());
                self.root.insert_at(at, key, v);
            }
            None => {
                self.root.remove(key);
            }
        }
    }

    pub fn duration(&self) -> f64 {
        self.root
            .get("duration")
            .and_then(seconds_of)
            .unwrap_or(Scenario::default().duration)
    }

    pub fn set_duration(&mut self, seconds: f64) {
        self.set("duration", Some(duration(seconds)));
    }

    pub fn seed(&self) -> u64 {
        self.root
            .get("seed")
            .and_then(Node::as_f64)
            .filter(|s| *s >= 0.0 && s.fract() == 0.0)
            .map_or(Scenario::default().seed, |s| s as u64)
    }

    pub fn set_seed(&mut self, seed: u64) {
        let n = Number::parse(&seed.to_string()).map(|n| Node::new(Value::Number(n)));
        self.set("seed", n);
    }

    pub fn region(&self) -> String {
        text_of(&self.root, "region").unwrap_or_else(|| Scenario::default().region)
    }

    pub fn set_region(&mut self, region: &str) {
        self.set("region", Some(Node::string(region)));
    }

    /// The traffic profile's `(at, rps)` points.
    pub fn traffic(&self) -> Vec<(f64, f64)> {
        let Some(points) = self.root.get("traffic").and_then(Node::as_seq) else {
            return Scenario::default()
                .traffic
                .iter()
                .map(|p| (p.at, p.rps))
                .collect();
        };
        points
            .iter()
            .filter_map(|p| {
                let m = p.as_map()?;
                Some((m.get("at").and_then(seconds_of)?, f64_of(m, "rps")?))
            })
            .collect()
    }

    pub fn set_traffic(&mut self, points: &[(f64, f64)]) {
        let items = points
            .iter()
            .map(|&(at, rps)| flow_map(vec![("at", duration(at)), ("rps", number(rps))]))
            .collect();
        let mut seq = Node::seq(items);
        seq.style.flow = false;
        self.set("traffic", Some(seq));
    }

    /// The daily wave, if any.
    pub fn wave(&self) -> Option<Wave> {
        let m = self.root.get("wave")?.as_map()?;
        Some(Wave {
            amplitude: f64_of(m, "amplitude")?,
            peak_at: m.get("peak_at").and_then(seconds_of).unwrap_or(0.0),
        })
    }

    pub fn spikes(&self) -> Vec<Spike> {
        let Some(items) = self.root.get("spikes").and_then(Node::as_seq) else {
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|s| {
                let m = s.as_map()?;
                Some(Spike {
                    at: m.get("at").and_then(seconds_of)?,
                    lasting: m.get("for").and_then(seconds_of)?,
                    rps: f64_of(m, "rps")?,
                })
            })
            .collect()
    }

    /// Writes a preset's traffic (profile, wave and spikes) over the run's duration;
    /// the rest of the scenario stays.
    pub fn apply_preset(&mut self, preset: Preset, peak_rps: f64) {
        let traffic = preset.traffic(peak_rps, self.duration());
        self.set_traffic(&traffic.points);
        let wave = traffic.wave.map(|w| {
            flow_map(vec![
                ("amplitude", number(w.amplitude)),
                ("peak_at", duration(w.peak_at)),
            ])
        });
        self.set("wave", wave);
        let spikes = (!traffic.spikes.is_empty()).then(|| {
            Node::seq(
                traffic
                    .spikes
                    .iter()
                    .map(|s| {
                        flow_map(vec![
                            ("at", duration(s.at)),
                            ("for", duration(s.lasting)),
                            ("rps", number(s.rps)),
                        ])
                    })
                    .collect(),
            )
        });
        self.set("spikes", spikes);
    }

    /// The preset and peak this scenario's traffic is, if it is one.
    pub fn preset(&self) -> Option<(Preset, f64)> {
        let mine = Traffic {
            points: self.traffic(),
            wave: self.wave(),
            spikes: self.spikes(),
        };
        let duration = self.duration();
        Preset::ALL.into_iter().find_map(|p| {
            let peak = p.peak_of(&mine)?;
            p.traffic(peak, duration)
                .same_as(&mine)
                .then_some((p, peak))
        })
    }

    /// The highest rate of the traffic over the run.
    pub fn peak_rps(&self) -> f64 {
        self.rate_curve(480).iter().map(|p| p.1).fold(0.0, f64::max)
    }

    /// The scenario's traffic, as the simulator draws arrivals from it.
    fn traffic_scenario(&self) -> Scenario {
        Scenario {
            duration: self.duration(),
            traffic: self
                .traffic()
                .into_iter()
                .map(|(at, rps)| TrafficPoint { at, rps })
                .collect(),
            wave: self.wave(),
            spikes: self.spikes(),
            ..Scenario::default()
        }
    }

    /// Requests per second over the run as `(t, rps)`: `n` even steps, each profile
    /// point, and both sides of every spike's edges, so a short spike is drawn square.
    pub fn rate_curve(&self, n: usize) -> Vec<(f64, f64)> {
        let s = self.traffic_scenario();
        let end = s.duration;
        let n = n.max(2);
        let mut times: Vec<f64> = (0..=n).map(|k| end * k as f64 / n as f64).collect();
        times.extend(s.traffic.iter().map(|p| p.at).filter(|&t| t < end));
        for spike in &s.spikes {
            for edge in [spike.at, spike.at + spike.lasting] {
                if edge < end {
                    times.extend([(edge - 1e-3).max(0.0), edge]);
                }
            }
        }
        times.sort_by(f64::total_cmp);
        times.dedup();
        times.into_iter().map(|t| (t, s.rate(t))).collect()
    }

    /// The SLO, with the format's defaults for what it leaves out.
    pub fn slo(&self) -> Slo {
        let Some(m) = self.root.get("slo").and_then(Node::as_map) else {
            return Slo::default();
        };
        Slo {
            availability: f64_of(m, "availability").unwrap_or(Slo::default().availability),
            p99_ms: f64_of(m, "p99_ms"),
        }
    }

    pub fn set_slo(&mut self, slo: &Slo) {
        let mut entries = vec![("availability", number(slo.availability))];
        if let Some(p99) = slo.p99_ms {
            entries.push(("p99_ms", number(p99)));
        }
        self.set("slo", Some(flow_map(entries)));
    }

    /// Values for the template's parameters, by name.
    pub fn parameters(&self) -> BTreeMap<String, String> {
        let Some(m) = self.root.get("parameters").and_then(Node::as_map) else {
            return BTreeMap::new();
        };
        m.iter()
            .filter_map(|(k, v)| {
                let text = match v.as_seq() {
                    Some(items) => items
                        .iter()
                        .filter_map(|i| i.scalar_text())
                        .collect::<Vec<_>>()
                        .join(","),
                    None => v.scalar_text()?.into_owned(),
                };
                Some((k.to_string(), text))
            })
            .collect()
    }

    /// Gives a parameter a value, or takes its value away (`None`: its `Default`).
    pub fn set_parameter(&mut self, name: &str, value: Option<&str>) {
        let mut map = self
            .root
            .get("parameters")
            .and_then(Node::as_map)
            .cloned()
            .unwrap_or_default();
        match value {
            Some(v) => {
                map.insert(name, Node::string(v));
            }
            None => {
                map.remove(name);
            }
        }
        self.set("parameters", (!map.is_empty()).then(|| Node::map(map)));
    }

    /// The request classes, with the format's defaults for the fields left out.
    pub fn requests(&self) -> Vec<RequestClass> {
        let Some(items) = self.root.get("requests").and_then(Node::as_seq) else {
            return Scenario::default().requests;
        };
        let base = RequestClass::named("");
        items
            .iter()
            .filter_map(Node::as_map)
            .map(|m| RequestClass {
                name: text_of(m, "name").unwrap_or_default(),
                path: text_of(m, "path").unwrap_or_else(|| base.path.clone()),
                method: text_of(m, "method").unwrap_or_else(|| base.method.clone()),
                host: text_of(m, "host"),
                weight: f64_of(m, "weight").unwrap_or(base.weight),
                cpu_ms: f64_of(m, "cpu_ms").unwrap_or(base.cpu_ms),
                service: text_of(m, "service")
                    .and_then(|s| Service::from_key(&s))
                    .unwrap_or_default(),
                cv: f64_of(m, "cv").unwrap_or(base.cv),
                db_queries: f64_of(m, "db_queries").map_or(base.db_queries, |q| q.max(0.0) as u32),
                db_ms: f64_of(m, "db_ms").unwrap_or(base.db_ms),
                response_kb: f64_of(m, "response_kb").unwrap_or(base.response_kb),
            })
            .collect()
    }

    /// Writes the request classes, each on one line: its name, weight, CPU time,
    /// database queries and response size always, the other fields where they differ
    /// from the format's defaults.
    pub fn set_requests(&mut self, classes: &[RequestClass]) {
        let base = RequestClass::named("");
        let items = classes
            .iter()
            .map(|r| {
                let mut e = vec![("name", Node::string(&r.name))];
                if r.path != base.path {
                    e.push(("path", Node::string(&r.path)));
                }
                if r.method != base.method {
                    e.push(("method", Node::string(&r.method)));
                }
                if let Some(h) = &r.host {
                    e.push(("host", Node::string(h)));
                }
                e.push(("weight", number(r.weight)));
                e.push(("cpu_ms", number(r.cpu_ms)));
                if r.service != base.service {
                    e.push(("service", Node::string(r.service.key())));
                }
                if r.cv != base.cv {
                    e.push(("cv", number(r.cv)));
                }
                e.push(("db_queries", number(f64::from(r.db_queries))));
                e.push(("db_ms", number(r.db_ms)));
                e.push(("response_kb", number(r.response_kb)));
                flow_map(e)
            })
            .collect();
        self.set("requests", Some(Node::seq(items)));
    }

    pub fn sessions(&self) -> Option<Sessions> {
        let m = self.root.get("sessions")?.as_map()?;
        let d = Sessions::default();
        Some(Sessions {
            requests: f64_of(m, "requests").unwrap_or(d.requests),
            length: m.get("length").and_then(seconds_of).unwrap_or(d.length),
            needs_state: m
                .get("needs_state")
                .and_then(Node::as_bool)
                .unwrap_or(d.needs_state),
        })
    }

    pub fn set_sessions(&mut self, sessions: Option<&Sessions>) {
        let node = sessions.map(|s| {
            flow_map(vec![
                ("requests", number(s.requests)),
                ("length", duration(s.length)),
                ("needs_state", Node::bool(s.needs_state)),
            ])
        });
        self.set("sessions", node);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> ScenarioDraft {
        ScenarioDraft::read(text).unwrap()
    }

    /// What the simulator's own reader makes of a draft.
    fn reread(d: &ScenarioDraft) -> Scenario {
        Scenario::read(&d.text()).unwrap_or_else(|e| panic!("{}\n{e}", d.text()))
    }

    #[test]
    fn empty_text_is_the_default_scenario_and_reads_as_the_format_defaults() {
        let d = read("");
        let s = Scenario::default();
        assert_eq!(d.duration(), s.duration);
        assert_eq!(d.seed(), 1);
        assert_eq!(d.region(), "us-east-1");
        assert_eq!(d.traffic(), vec![(0.0, 50.0)]);
        assert_eq!(d.requests(), s.requests);
        assert_eq!(d.slo(), s.slo);
        assert_eq!(d.sessions(), None);
        assert_eq!(reread(&d), s);
    }

    #[test]
    fn edits_change_their_field_and_keep_what_the_form_does_not_show() {
        let mut d = read(
            "duration: 2h\nfaults:\n  - { at: 40m, kind: instance-failure, target: Web }\nassumptions: { boot_s: 90 }\n",
        );
        d.set_traffic(&[(0.0, 100.0), (1800.0, 800.0), (3600.0, 100.0)]);
        d.set_slo(&Slo {
            availability: 99.5,
            p99_ms: Some(500.0),
        });
        d.set_parameter("InstanceType", Some("t3.small"));
        d.set_seed(7);
        d.set_region("ap-northeast-2");
        let s = reread(&d);
        assert_eq!(s.duration, 7200.0);
        assert_eq!(s.faults.len(), 1);
        assert_eq!(s.assumptions.boot_s, 90.0);
        assert_eq!(s.traffic.len(), 3);
        assert_eq!((s.traffic[1].at, s.traffic[1].rps), (1800.0, 800.0));
        assert_eq!(s.slo.p99_ms, Some(500.0));
        assert_eq!(s.parameters["InstanceType"], "t3.small");
        assert_eq!((s.seed, s.region.as_str()), (7, "ap-northeast-2"));
        assert!(d.text().contains("- {at: 30m, rps: 800}"), "{}", d.text());
        // New fields take their place in the format's order.
        let keys: Vec<&str> = d.root.keys().collect();
        assert_eq!(
            keys,
            [
                "duration",
                "seed",
                "region",
                "parameters",
                "traffic",
                "faults",
                "slo",
                "assumptions"
            ]
        );
        d.set_parameter("InstanceType", None);
        assert!(!d.text().contains("parameters"));
    }

    #[test]
    fn request_classes_and_sessions_write_what_the_simulator_reads() {
        let mut d = read("seed: 3\n");
        let mut classes = Scenario::default().requests;
        classes.push(RequestClass {
            name: "admin".into(),
            path: "/wp-admin/*".into(),
            weight: 0.25,
            cpu_ms: 80.0,
            service: Service::Lognormal,
            cv: 0.5,
            db_queries: 10,
            db_ms: 3.0,
            ..classes[0].clone()
        });
        d.set_requests(&classes);
        let sessions = Sessions {
            requests: 12.0,
            length: 900.0,
            needs_state: false,
        };
        d.set_sessions(Some(&sessions));
        let s = reread(&d);
        assert_eq!(s.requests, classes);
        assert_eq!(s.sessions, Some(sessions.clone()));
        assert_eq!(d.requests(), classes);
        assert_eq!(d.sessions(), Some(sessions));
        d.set_sessions(None);
        assert_eq!(reread(&d).sessions, None);
    }

    #[test]
    fn every_preset_is_recognised_after_it_is_applied_and_not_after_a_drag() {
        for preset in Preset::ALL {
            for peak in [7.0, 250.5, 4000.0] {
                let mut d = read("duration: 6h\nrequests: [ { name: a, cpu_ms: 5 } ]\n");
                d.apply_preset(preset, peak);
                assert_eq!(d.preset(), Some((preset, peak)), "{preset:?} {peak}");
                assert_eq!(reread(&d).requests[0].cpu_ms, 5.0);
                let mut points = d.traffic();
                points.push((4.5 * 3600.0, 1.0));
                d.set_traffic(&points);
                assert_eq!(d.preset(), None);
            }
        }
    }

    #[test]
    fn the_curve_is_the_rate_the_simulator_draws_from() {
        let mut d = read("duration: 1d\n");
        d.apply_preset(Preset::Spike, 400.0);
        let s = reread(&d);
        let curve = d.rate_curve(96);
        assert!(curve.windows(2).all(|w| w[0].0 < w[1].0));
        for &(t, rate) in &curve {
            assert_eq!(rate, s.rate(t), "at {t}");
        }
        assert!(curve.contains(&(1800.0, 400.0)));
        assert!(curve.contains(&(3000.0, 100.0)));
    }

    #[test]
    fn text_that_is_not_a_mapping_is_refused() {
        assert!(ScenarioDraft::read("- a\n- b\n").is_err());
        assert!(ScenarioDraft::read("duration: [\n").is_err());
    }

    #[test]
    fn durations_are_written_in_their_largest_whole_unit() {
        assert_eq!(duration_text(1800.0), "30m");
        assert_eq!(duration_text(86_400.0), "1d");
        assert_eq!(duration_text(90.0), "90s");
        assert_eq!(duration_text(5400.0), "90m");
        assert_eq!(duration_text(0.5), "0.5s");
        assert_eq!(number_text(250.5), "250.5");
        assert_eq!(number_text(3.0), "3");
    }
}
