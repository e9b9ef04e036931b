//! What a simulation runs: how long, with which seed, region and parameter values,
//! how much traffic of which kinds, which faults when, and the SLO to judge it by.
//! Written by users in YAML or JSON (`docs/scenario.md`), read with serde.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};

use super::cron::parse_timestamp;
use super::engine::Time;
use crate::template::{Node, Value, read_value};

/// A run of the simulator.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Simulated seconds to run.
    #[serde(default = "defaults::duration", deserialize_with = "seconds")]
    pub duration: Time,
    #[serde(default = "defaults::seed")]
    pub seed: u64,
    /// Where the stack runs: its zones (`GetAZs`), `AWS::Region` and its prices.
    #[serde(default = "defaults::region")]
    pub region: String,
    /// The date and time (UTC, `YYYY-MM-DDThh:mm:ssZ`) that time 0 stands for: what
    /// scheduled actions' times and cron are read against, and CloudTrail's timestamps.
    #[serde(default = "defaults::start")]
    pub start: String,
    /// Values for the template's parameters; the others take their `Default`.
    #[serde(default, deserialize_with = "texts")]
    pub parameters: BTreeMap<String, String>,
    /// Requests per second at points in time, linear between them, constant after
    /// the last.
    #[serde(default = "defaults::traffic")]
    pub traffic: Vec<TrafficPoint>,
    /// A daily wave on top of the profile.
    #[serde(default)]
    pub wave: Option<Wave>,
    /// Short bursts on top of the profile.
    #[serde(default)]
    pub spikes: Vec<Spike>,
    /// The kinds of requests users send, in proportion to their weights.
    #[serde(default = "defaults::requests")]
    pub requests: Vec<RequestClass>,
    /// Users' sessions: how long they last and whether they keep state.
    #[serde(default)]
    pub sessions: Option<Sessions>,
    /// Faults at given times.
    #[serde(default)]
    pub faults: Vec<FaultSpec>,
    #[serde(default)]
    pub slo: Slo,
    /// The quantities AWS does not document, each with its default.
    #[serde(default)]
    pub assumptions: Assumptions,
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TrafficPoint {
    #[serde(deserialize_with = "seconds")]
    pub at: Time,
    pub rps: f64,
}

/// `rps(t) × (1 + amplitude · sin(2π (t − peak_at)/1 d + π/2))`: highest at `peak_at`.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Wave {
    /// 0..1: how far the wave swings around the profile.
    pub amplitude: f64,
    #[serde(default, deserialize_with = "seconds")]
    pub peak_at: Time,
}

/// Extra requests per second from `at` for `for`.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Spike {
    #[serde(deserialize_with = "seconds")]
    pub at: Time,
    #[serde(rename = "for", deserialize_with = "seconds")]
    pub lasting: Time,
    pub rps: f64,
}

/// A kind of request.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RequestClass {
    pub name: String,
    #[serde(default = "defaults::path")]
    pub path: String,
    #[serde(default = "defaults::method")]
    pub method: String,
    #[serde(default)]
    pub host: Option<String>,
    #[serde(default = "defaults::weight")]
    pub weight: f64,
    /// CPU time on one vCPU, milliseconds (the mean, for a random service time).
    #[serde(default = "defaults::cpu_ms")]
    pub cpu_ms: f64,
    #[serde(default)]
    pub service: Service,
    /// For `lognormal`: the coefficient of variation (standard deviation / mean).
    #[serde(default = "defaults::cv")]
    pub cv: f64,
    /// Database queries per request, each taking `db_ms`.
    #[serde(default)]
    pub db_queries: u32,
    #[serde(default)]
    pub db_ms: f64,
    /// The response's size: data transferred out.
    #[serde(default = "defaults::response_kb")]
    pub response_kb: f64,
}

impl RequestClass {
    /// A request class of this name with every other field at the format's default.
    pub fn named(name: impl Into<String>) -> RequestClass {
        RequestClass {
            name: name.into(),
            path: defaults::path(),
            method: defaults::method(),
            host: None,
            weight: defaults::weight(),
            cpu_ms: defaults::cpu_ms(),
            service: Service::default(),
            cv: defaults::cv(),
            db_queries: 0,
            db_ms: 0.0,
            response_kb: defaults::response_kb(),
        }
    }
}

/// How a request's CPU time is distributed around its mean.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Service {
    /// Memoryless, as queueing theory's M/M/c assumes.
    #[default]
    Exponential,
    Constant,
    Lognormal,
}

impl Service {
    pub const ALL: [Service; 3] = [Service::Exponential, Service::Constant, Service::Lognormal];

    /// The name the scenario's text gives it.
    pub fn key(self) -> &'static str {
        match self {
            Service::Exponential => "exponential",
            Service::Constant => "constant",
            Service::Lognormal => "lognormal",
        }
    }

    pub fn from_key(key: &str) -> Option<Service> {
        Service::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// Users' sessions: a request starts a new session or belongs to one under way.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Sessions {
    /// Requests in a session, on average.
    #[serde(default = "defaults::requests_per_session")]
    pub requests: f64,
    /// How long a session lasts, on average (exponential).
    #[serde(default = "defaults::session_length", deserialize_with = "seconds")]
    pub length: Time,
    /// Whether a session needs its state (a login, a cart): where it is kept decides
    /// whether it survives the instance that served it.
    #[serde(default = "defaults::needs_state")]
    pub needs_state: bool,
}

impl Default for Sessions {
    fn default() -> Self {
        Sessions {
            requests: defaults::requests_per_session(),
            length: defaults::session_length(),
            needs_state: defaults::needs_state(),
        }
    }
}

/// A fault at a time, for a while (`for`) or for good.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FaultSpec {
    #[serde(deserialize_with = "seconds")]
    pub at: Time,
    pub kind: FaultKind,
    /// The resource it strikes (a logical id), where the kind needs one.
    #[serde(default)]
    pub target: Option<String>,
    /// The zone, for an `az-outage` (a name such as `ap-northeast-2a`).
    #[serde(default)]
    pub zone: Option<String>,
    #[serde(
        default,
        rename = "for",
        deserialize_with = "optional_seconds",
        skip_serializing_if = "Option::is_none"
    )]
    pub lasting: Option<Time>,
    /// For an `added-latency` fault: milliseconds added to each request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ms: Option<f64>,
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum FaultKind {
    /// One instance of the target (an Auto Scaling group or an instance) stops.
    InstanceFailure,
    /// The physical host of one of the target's instances fails, and with it every
    /// instance the hypervisor placed there.
    HostFailure,
    /// A zone goes dark: its instances, and the database primary if it is there.
    AzOutage,
    /// The target database's primary fails.
    DbFailover,
    /// The target group's health check path starts failing on every target.
    BrokenHealthCheck,
    /// Every request served by the target (an Auto Scaling group or an instance)
    /// takes `ms` longer: a slow dependency. The wait holds no vCPU.
    AddedLatency,
}

/// The service level objective the run is judged by.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Slo {
    /// Per cent of requests answered without an error.
    #[serde(default = "defaults::availability")]
    pub availability: f64,
    #[serde(default)]
    pub p99_ms: Option<f64>,
}

impl Default for Slo {
    fn default() -> Self {
        Slo {
            availability: defaults::availability(),
            p99_ms: None,
        }
    }
}

/// Quantities no AWS document gives: named, defaulted, and shown to the user as
/// assumptions.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Assumptions {
    /// From launch to the instance running (InService in its group), seconds.
    pub boot_s: Time,
    /// From running to the application answering, seconds.
    pub app_start_s: Time,
    /// Requests an instance holds at once per vCPU (in service and waiting); more
    /// are refused with a 503.
    pub connections_per_vcpu: u32,
    /// Network latency added at each hop (load balancer → instance → database), ms.
    pub hop_ms: f64,
    /// How long EC2 takes to see a stopped instance as impaired (its status checks
    /// run every minute), seconds.
    pub status_check_s: Time,
    /// A Single-AZ database whose instance fails is replaced in this long, seconds.
    pub single_az_replacement_s: Time,
    /// Target tracking's scale-in alarm fires below this share of the target.
    pub scale_in_ratio: f64,
    /// A second counts as down when more than this share of its requests fail.
    pub down_error_share: f64,
    /// Instances per physical host, as the hypervisor places them.
    pub vms_per_host: u32,
}

impl Default for Assumptions {
    fn default() -> Self {
        Assumptions {
            boot_s: 40.0,
            app_start_s: 20.0,
            connections_per_vcpu: 64,
            hop_ms: 0.0,
            status_check_s: 60.0,
            single_az_replacement_s: 600.0,
            scale_in_ratio: 0.9,
            down_error_share: 0.5,
            vms_per_host: 8,
        }
    }
}

mod defaults {
    use super::*;
    pub fn duration() -> Time {
        3600.0
    }
    pub fn seed() -> u64 {
        1
    }
    pub fn region() -> String {
        "us-east-1".into()
    }
    /// Midnight UTC of a Monday, so that a weekday schedule runs on the first day.
    pub fn start() -> String {
        "2027-01-04T00:00:00Z".into()
    }
    pub fn traffic() -> Vec<TrafficPoint> {
        vec![TrafficPoint { at: 0.0, rps: 50.0 }]
    }
    pub fn requests() -> Vec<RequestClass> {
        vec![RequestClass {
            db_queries: 2,
            db_ms: 2.0,
            ..RequestClass::named("page")
        }]
    }
    pub fn path() -> String {
        "/".into()
    }
    pub fn method() -> String {
        "GET".into()
    }
    pub fn weight() -> f64 {
        1.0
    }
    pub fn cpu_ms() -> f64 {
        20.0
    }
    pub fn cv() -> f64 {
        1.0
    }
    pub fn response_kb() -> f64 {
        40.0
    }
    pub fn availability() -> f64 {
        99.9
    }
    pub fn requests_per_session() -> f64 {
        10.0
    }
    pub fn session_length() -> Time {
        600.0
    }
    pub fn needs_state() -> bool {
        true
    }
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            duration: defaults::duration(),
            seed: defaults::seed(),
            region: defaults::region(),
            start: defaults::start(),
            parameters: BTreeMap::new(),
            traffic: defaults::traffic(),
            wave: None,
            spikes: Vec::new(),
            requests: defaults::requests(),
            sessions: None,
            faults: Vec::new(),
            slo: Slo::default(),
            assumptions: Assumptions::default(),
        }
    }
}

impl Scenario {
    /// Reads a scenario from YAML or JSON text, and checks it.
    pub fn read(text: &str) -> Result<Scenario, String> {
        let node = read_value(text).map_err(|e| format!("line {}: {}", e.pos.line, e.message))?;
        let json = to_json(&node)?;
        let scenario: Scenario = serde_json::from_value(json).map_err(|e| e.to_string())?;
        scenario.check()?;
        Ok(scenario)
    }

    /// Seconds since 1970 of `start` (the default's, if it does not read: `check`
    /// refuses such a scenario).
    pub fn start_epoch(&self) -> i64 {
        parse_timestamp(&self.start)
            .or_else(|| parse_timestamp(&defaults::start()))
            .unwrap_or_default()
    }

    /// Errors a scenario can have that its types do not rule out.
    pub fn check(&self) -> Result<(), String> {
        if !(self.duration > 0.0 && self.duration <= 31.0 * 86_400.0) {
            return Err("duration must be more than 0 s and at most 31 days".into());
        }
        if parse_timestamp(&self.start).is_none() {
            return Err(format!(
                "start: `{}` is not a UTC time written YYYY-MM-DDThh:mm:ssZ, such as 2027-01-04T08:00:00Z",
                self.start
            ));
        }
        if self.requests.is_empty() {
            return Err("requests: give at least one kind of request".into());
        }
        for r in &self.requests {
            if !(r.weight >= 0.0 && r.cpu_ms >= 0.0 && r.db_ms >= 0.0 && r.response_kb >= 0.0) {
                return Err(format!(
                    "request {}: weight, cpu_ms, db_ms and response_kb must be 0 or more",
                    r.name
                ));
            }
        }
        if self.requests.iter().map(|r| r.weight).sum::<f64>() <= 0.0 {
            return Err("requests: the weights add up to 0".into());
        }
        if self.traffic.iter().any(|p| !(p.rps >= 0.0 && p.at >= 0.0)) {
            return Err("traffic: times and rps must be 0 or more".into());
        }
        if self.traffic.windows(2).any(|w| w[1].at <= w[0].at) {
            return Err(
                "traffic: list the points in time order, each later than the one before".into(),
            );
        }
        let times = self
            .faults
            .iter()
            .flat_map(|f| [Some(f.at), f.lasting])
            .flatten();
        let spikes = self.spikes.iter().flat_map(|s| [s.at, s.lasting]);
        if !times.chain(spikes).all(|t| t >= 0.0) {
            return Err("faults and spikes: times and durations must be 0 or more".into());
        }
        let a = &self.assumptions;
        if a.connections_per_vcpu == 0
            || a.vms_per_host == 0
            || !(0.0..=1.0).contains(&a.scale_in_ratio)
            || !(0.0..=1.0).contains(&a.down_error_share)
            || !self.requests.iter().all(|r| r.cv >= 0.0)
        {
            return Err("assumptions: connections_per_vcpu and vms_per_host must be at least 1, scale_in_ratio and down_error_share lie in 0..1, and cv is 0 or more".into());
        }
        if let Some(w) = &self.wave
            && !(0.0..=1.0).contains(&w.amplitude)
        {
            return Err("wave: amplitude must lie in 0..1".into());
        }
        for f in &self.faults {
            let needs_target = !matches!(f.kind, FaultKind::AzOutage);
            if needs_target && f.target.is_none() {
                return Err(format!("fault at {} s: give its target", f.at));
            }
            if f.kind == FaultKind::AzOutage && f.zone.is_none() {
                return Err(format!("fault at {} s: an az-outage needs its zone", f.at));
            }
            if f.kind == FaultKind::AddedLatency && !f.ms.is_some_and(|ms| ms > 0.0) {
                return Err(format!(
                    "fault at {} s: an added-latency fault needs ms, more than 0",
                    f.at
                ));
            }
        }
        if let Some(ss) = &self.sessions
            && !(ss.requests >= 1.0 && ss.length > 0.0)
        {
            return Err("sessions: requests must be at least 1 and length more than 0".into());
        }
        if !(0.0..=100.0).contains(&self.slo.availability) {
            return Err("slo: availability is a per cent, 0 to 100".into());
        }
        Ok(())
    }

    /// Requests per second at `t`, as arrivals are drawn.
    pub fn rate(&self, t: Time) -> f64 {
        self.window(t, t + 1.0).rate(self, t)
    }

    /// The rate over `[from, to]` (a short span) in a form quick to evaluate, with a
    /// bound on it: what arrivals are thinned from, window by window.
    pub fn window(&self, from: Time, to: Time) -> RateWindow {
        // The profile's segment at `from` (its points inside the span bound it too).
        let next = self.traffic.iter().position(|p| p.at > from);
        let (start, slope) = match next {
            Some(i) if i > 0 => {
                let (a, b) = (&self.traffic[i - 1], &self.traffic[i]);
                (
                    a.rps + (b.rps - a.rps) * (from - a.at) / (b.at - a.at),
                    (b.rps - a.rps) / (b.at - a.at),
                )
            }
            _ => (profile(&self.traffic, from), 0.0),
        };
        let ends = next.is_some_and(|i| self.traffic[i].at < to);
        let base_bound = self
            .traffic
            .iter()
            .filter(|p| p.at > from && p.at < to)
            .map(|p| p.rps)
            .fold(
                profile(&self.traffic, from).max(profile(&self.traffic, to)),
                f64::max,
            );
        let omega = std::f64::consts::TAU / 86_400.0;
        let (amplitude, cos0, sin0) = match &self.wave {
            Some(w) => {
                let phase = (from - w.peak_at) * omega;
                (w.amplitude, libm::cos(phase), libm::sin(phase))
            }
            None => (0.0, 1.0, 0.0),
        };
        // cos changes by at most ω per second.
        let wave_bound = 1.0 + amplitude * (cos0 + (to - from) * omega).min(1.0);
        let wave_floor = 1.0 + amplitude * (cos0 - (to - from) * omega).max(-1.0);
        let base_floor = self
            .traffic
            .iter()
            .filter(|p| p.at > from && p.at < to)
            .map(|p| p.rps)
            .fold(
                profile(&self.traffic, from).min(profile(&self.traffic, to)),
                f64::min,
            );
        let spikes: Vec<(Time, Time, f64)> = self
            .spikes
            .iter()
            .filter(|s| s.at < to && s.at + s.lasting > from)
            .map(|s| (s.at, s.at + s.lasting, s.rps))
            .collect();
        let bound = (base_bound * wave_bound + spikes.iter().map(|s| s.2).sum::<f64>()).max(0.0);
        RateWindow {
            from,
            to,
            bound,
            mean_gap: 1.0 / bound,
            // Spikes that start or end inside the span do not raise the floor.
            floor: (base_floor * wave_floor
                + spikes
                    .iter()
                    .filter(|s| s.0 <= from && s.1 >= to)
                    .map(|s| s.2)
                    .sum::<f64>())
            .max(0.0),
            exact_base: !ends,
            start,
            slope,
            amplitude,
            cos0,
            sin0,
            omega,
            spikes,
        }
    }
}

/// The rate over a short span of time: the profile's segment, the wave from its
/// phase at the start (cos(φ + δ) = cos φ cos δ − sin φ sin δ, with δ under 10⁻⁴
/// rad, to the float's precision), the spikes that touch the span.
#[derive(Clone, Debug, PartialEq)]
pub struct RateWindow {
    pub from: Time,
    pub to: Time,
    /// No rate in the span exceeds it.
    pub bound: f64,
    /// No rate in the span is below it: a draw under it is kept without working out
    /// the rate (the "squeeze" of thinning).
    pub floor: f64,
    /// 1 / bound: the mean gap between draws.
    pub mean_gap: f64,
    /// Whether one segment of the profile covers the span (else the profile is
    /// evaluated point by point).
    exact_base: bool,
    start: f64,
    slope: f64,
    amplitude: f64,
    cos0: f64,
    sin0: f64,
    omega: f64,
    spikes: Vec<(Time, Time, f64)>,
}

impl RateWindow {
    /// Requests per second at `t`, inside the span; `scenario` is the one it came from.
    pub fn rate(&self, scenario: &Scenario, t: Time) -> f64 {
        let d = t - self.from;
        let base = if self.exact_base {
            (self.start + self.slope * d).max(0.0)
        } else {
            profile(&scenario.traffic, t)
        };
        let wave = if self.amplitude > 0.0 {
            let delta = d * self.omega;
            let cos = self.cos0 * (1.0 - delta * delta / 2.0)
                - self.sin0 * (delta - delta * delta * delta / 6.0);
            1.0 + self.amplitude * cos
        } else {
            1.0
        };
        let spikes: f64 = self
            .spikes
            .iter()
            .filter(|s| t >= s.0 && t < s.1)
            .map(|s| s.2)
            .sum();
        (base * wave + spikes).max(0.0)
    }
}

/// The piecewise linear profile at `t`.
fn profile(points: &[TrafficPoint], t: Time) -> f64 {
    match points.iter().position(|p| p.at > t) {
        None => points.last().map_or(0.0, |p| p.rps),
        Some(0) => points[0].rps,
        Some(i) => {
            let (a, b) = (&points[i - 1], &points[i]);
            a.rps + (b.rps - a.rps) * (t - a.at) / (b.at - a.at)
        }
    }
}

/// A duration: seconds as a number, or text such as `90s`, `10m`, `2h`, `1d`.
pub fn parse_duration(text: &str) -> Result<Time, String> {
    let t = text.trim();
    let (number, unit) = t.split_at(t.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(t.len()));
    let n: f64 = number
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a duration (write 90s, 10m, 2h, 1d or seconds)"))?;
    let scale = match unit {
        "" | "s" => 1.0,
        "ms" => 0.001,
        "m" | "min" => 60.0,
        "h" => 3600.0,
        "d" => 86_400.0,
        _ => return Err(format!("{text:?}: unknown unit {unit:?} (s, m, h or d)")),
    };
    if !(n >= 0.0 && n.is_finite()) {
        return Err(format!("{text:?}: a duration is 0 or more"));
    }
    Ok(n * scale)
}

#[derive(Deserialize)]
#[serde(untagged)]
enum NumberOrText {
    Number(f64),
    Text(String),
}

fn seconds<'de, D: Deserializer<'de>>(d: D) -> Result<Time, D::Error> {
    match NumberOrText::deserialize(d)? {
        NumberOrText::Number(n) => Ok(n),
        NumberOrText::Text(t) => parse_duration(&t).map_err(serde::de::Error::custom),
    }
}

fn optional_seconds<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Time>, D::Error> {
    seconds(d).map(Some)
}

/// Parameter values as text, however YAML typed them (`t3.small`, `2`, `true`).
fn texts<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, String>, D::Error> {
    let raw = BTreeMap::<String, serde_json::Value>::deserialize(d)?;
    raw.into_iter()
        .map(|(k, v)| match v {
            serde_json::Value::String(s) => Ok((k, s)),
            serde_json::Value::Number(n) => Ok((k, n.to_string())),
            serde_json::Value::Bool(b) => Ok((k, b.to_string())),
            serde_json::Value::Array(items) => Ok((
                k,
                items
                    .iter()
                    .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_string))
                    .collect::<Vec<_>>()
                    .join(","),
            )),
            other => Err(serde::de::Error::custom(format!(
                "parameter {k}: {other} is not a value a parameter takes"
            ))),
        })
        .collect()
}

/// The document's value as JSON for serde; intrinsic functions have no place in a
/// scenario.
fn to_json(node: &Node) -> Result<serde_json::Value, String> {
    Ok(match &node.value {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Number(_) => {
            let text = node.scalar_text().unwrap_or_default();
            match serde_json::from_str::<serde_json::Number>(&text) {
                Ok(n) => serde_json::Value::Number(n),
                Err(_) => serde_json::Value::String(text.into_owned()),
            }
        }
        Value::String(s) => serde_json::Value::String(s.clone()),
        Value::Seq(s) => {
            serde_json::Value::Array(s.items.iter().map(to_json).collect::<Result<_, _>>()?)
        }
        Value::Map(m) => serde_json::Value::Object(
            m.iter()
                .map(|(k, v)| Ok((k.to_string(), to_json(v)?)))
                .collect::<Result<_, String>>()?,
        ),
        Value::Fn(_) | Value::Tagged(_) => {
            return Err(format!(
                "line {}: a scenario holds plain values, not tags or functions",
                node.span.start.line
            ));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Requests per second at `t`, straight from the definition: what a window's
    /// quicker form must agree with.
    fn rate(s: &Scenario, t: Time) -> f64 {
        let base = profile(&s.traffic, t);
        let waved = match &s.wave {
            Some(w) => {
                let phase = (t - w.peak_at) / 86_400.0 * std::f64::consts::TAU;
                base * (1.0 + w.amplitude * libm::cos(phase))
            }
            None => base,
        };
        let spikes: f64 = s
            .spikes
            .iter()
            .filter(|s| t >= s.at && t < s.at + s.lasting)
            .map(|s| s.rps)
            .sum();
        (waved + spikes).max(0.0)
    }

    #[test]
    fn reads_the_documented_example() {
        let s = Scenario::read(
            "duration: 2h
seed: 7
region: ap-northeast-2
parameters: { InstanceType: t3.small }
traffic: [ { at: 0s, rps: 100 }, { at: 30m, rps: 800 }, { at: 1h, rps: 100 } ]
requests:
  - { name: page, path: /, weight: 80, cpu_ms: 20, service: exponential, db_queries: 2, db_ms: 2, response_kb: 40 }
  - { name: admin, path: /wp-admin/*, weight: 20, cpu_ms: 80, service: lognormal, db_queries: 10, db_ms: 3, response_kb: 10 }
faults:
  - { at: 40m, kind: instance-failure, target: WebServerGroup }
  - { at: 50m, kind: az-outage, zone: ap-northeast-2a, for: 10m }
  - { at: 70m, kind: db-failover, target: Database }
slo: { availability: 99.9, p99_ms: 500 }
",
        )
        .unwrap();
        assert_eq!(s.duration, 7200.0);
        assert_eq!(s.parameters["InstanceType"], "t3.small");
        assert_eq!(s.faults[1].lasting, Some(600.0));
        assert_eq!(s.requests[1].service, Service::Lognormal);
        assert_eq!(rate(&s, 15.0 * 60.0), 450.0);
        assert_eq!(rate(&s, 3.0 * 3600.0), 100.0);
        assert_eq!(s.window(0.0, 7200.0).bound, 800.0);
        let w = s.window(0.0, 60.0);
        assert_eq!(w.bound, 100.0 + 700.0 * 60.0 / 1800.0);
        assert_eq!(w.rate(&s, 30.0), rate(&s, 30.0));
    }

    #[test]
    fn says_what_is_wrong() {
        assert!(
            Scenario::read("duration: 2 weeks")
                .unwrap_err()
                .contains("unknown unit")
        );
        assert!(
            Scenario::read("durations: 2h")
                .unwrap_err()
                .contains("unknown field")
        );
        assert!(
            Scenario::read("faults: [ { at: 1m, kind: az-outage } ]")
                .unwrap_err()
                .contains("zone")
        );
        assert!(Scenario::read("traffic: !Ref X").is_err());
    }
}
