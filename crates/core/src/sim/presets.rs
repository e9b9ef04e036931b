//! Traffic presets: shapes of traffic a student picks from a list, written as the
//! scenario format's own text (`docs/scenario.md`), so the simulator runs a preset as
//! any scenario and the text can be exported, edited and imported again.
//!
//! The text is formatted by hand (no serializer): the designer writes it on its first
//! load. [`summarise`] reads back what [`scenario_text`] wrote, and [`rate`] is the
//! preset's traffic at a time, for a preview without reading the scenario.

use std::fmt::Write;

/// A shape of traffic, scaled to a peak rate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Preset {
    /// The peak rate throughout.
    Steady,
    /// From a tenth of the peak up to the peak over the first half, then held.
    Ramp,
    /// A daily wave between a third of the peak and the peak (at 14:00 in a run of a
    /// day or more, else halfway through).
    DailyWave,
    /// A quarter of the peak, with one spike to the peak at 30 min for 20 min: long
    /// enough for target tracking on EC2's five-minute basic monitoring (3 of 3
    /// datapoints above the target) to scale out while it lasts.
    Spike,
    /// A twentieth of the peak, then a sudden jump to the peak at 20 min, held for
    /// 20 min, then back.
    FlashCrowd,
}

/// Seconds in a day: the wave's period.
const DAY: f64 = 86_400.0;
/// When the spike starts, and how long it lasts.
const SPIKE_AT: f64 = 30.0 * 60.0;
const SPIKE_FOR: f64 = 20.0 * 60.0;
/// When the flash crowd arrives, and how long it stays.
const CROWD_AT: f64 = 20.0 * 60.0;
const CROWD_FOR: f64 = 20.0 * 60.0;
/// How far the daily wave swings: the profile is 2/3 of the peak, so the wave runs
/// from 1/3 of the peak to the peak.
const WAVE_AMPLITUDE: f64 = 0.5;
/// The first line of a preset's text: what [`summarise`] looks for.
const HEADER: &str = "# Formwork traffic preset: ";

impl Preset {
    pub const ALL: [Preset; 5] = [
        Preset::Steady,
        Preset::Ramp,
        Preset::DailyWave,
        Preset::Spike,
        Preset::FlashCrowd,
    ];

    /// The preset's name in the scenario's header and in form values.
    pub fn key(self) -> &'static str {
        match self {
            Preset::Steady => "steady",
            Preset::Ramp => "ramp",
            Preset::DailyWave => "daily-wave",
            Preset::Spike => "spike",
            Preset::FlashCrowd => "flash-crowd",
        }
    }

    pub fn from_key(key: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.key() == key)
    }
}

/// Requests per second rounded to what the text writes (hundredths).
fn rps(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The profile's level, the spike's extra rate and the wave's peak time of a preset.
struct Shape {
    /// `(at, rps)` points of the profile.
    points: Vec<(f64, f64)>,
    /// `(at, for, rps)`.
    spike: Option<(f64, f64, f64)>,
    /// The wave's `peak_at`.
    wave_peak: Option<f64>,
}

fn shape(preset: Preset, peak: f64, duration: f64) -> Shape {
    let peak = rps(peak);
    let (points, spike, wave_peak) = match preset {
        Preset::Steady => (vec![(0.0, peak)], None, None),
        Preset::Ramp => (
            vec![(0.0, rps(peak / 10.0)), (duration / 2.0, peak)],
            None,
            None,
        ),
        Preset::DailyWave => {
            let peak_at = if duration >= DAY {
                14.0 * 3600.0
            } else {
                duration / 2.0
            };
            (vec![(0.0, rps(peak * 2.0 / 3.0))], None, Some(peak_at))
        }
        Preset::Spike => {
            let base = rps(peak / 4.0);
            (
                vec![(0.0, base)],
                Some((SPIKE_AT, SPIKE_FOR, rps(peak - base))),
                None,
            )
        }
        Preset::FlashCrowd => {
            let base = rps(peak / 20.0);
            (
                vec![(0.0, base)],
                Some((CROWD_AT, CROWD_FOR, rps(peak - base))),
                None,
            )
        }
    };
    Shape {
        points,
        spike,
        wave_peak,
    }
}

/// A number as the text writes it: no trailing zeros.
fn number(x: f64) -> String {
    let text = format!("{x:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A time or duration in the format's units: `30m`, `14h`, `1d`, else seconds.
fn duration_text(seconds: f64) -> String {
    for (unit, size) in [("d", DAY), ("h", 3600.0), ("m", 60.0)] {
        if seconds >= size && (seconds / size).fract() == 0.0 {
            return format!("{}{unit}", seconds / size);
        }
    }
    format!("{}s", number(seconds))
}

/// The scenario of a preset, as YAML the scenario reader reads: the traffic only
/// (the requests, faults and SLO take their defaults).
pub fn scenario_text(
    preset: Preset,
    peak_rps: f64,
    duration_s: f64,
    seed: u64,
    region: &str,
) -> String {
    let s = shape(preset, peak_rps, duration_s);
    let mut out = format!(
        "{HEADER}{}, peak {} requests/s\nduration: {}\nseed: {seed}\nregion: {region}\ntraffic: [",
        preset.key(),
        number(rps(peak_rps)),
        duration_text(duration_s),
    );
    for (i, (at, rate)) in s.points.iter().enumerate() {
        let sep = if i == 0 { " " } else { ", " };
        let _ = write!(
            out,
            "{sep}{{ at: {}, rps: {} }}",
            duration_text(*at),
            number(*rate)
        );
    }
    out.push_str(" ]\n");
    if let Some(peak_at) = s.wave_peak {
        let _ = writeln!(
            out,
            "wave: {{ amplitude: {WAVE_AMPLITUDE}, peak_at: {} }}",
            duration_text(peak_at)
        );
    }
    if let Some((at, lasting, rate)) = s.spike {
        let _ = writeln!(
            out,
            "spikes: [ {{ at: {}, for: {}, rps: {} }} ]",
            duration_text(at),
            duration_text(lasting),
            number(rate)
        );
    }
    out
}

/// Requests per second at `t` under a preset, as the scenario it writes gives them.
pub fn rate(preset: Preset, peak_rps: f64, duration_s: f64, t: f64) -> f64 {
    let s = shape(preset, peak_rps, duration_s);
    let base = match s.points.iter().position(|p| p.0 > t) {
        None => s.points.last().map_or(0.0, |p| p.1),
        Some(0) => s.points[0].1,
        Some(i) => {
            let (a, b) = (s.points[i - 1], s.points[i]);
            a.1 + (b.1 - a.1) * (t - a.0) / (b.0 - a.0)
        }
    };
    let waved = match s.wave_peak {
        Some(peak_at) => {
            base * (1.0 + WAVE_AMPLITUDE * libm::cos((t - peak_at) / DAY * std::f64::consts::TAU))
        }
        None => base,
    };
    let spike = s
        .spike
        .filter(|&(at, lasting, _)| t >= at && t < at + lasting)
        .map_or(0.0, |s| s.2);
    (waved + spike).max(0.0)
}

/// The preset's traffic over the run as `(t, rps)` points for a chart: `n` even
/// steps, and both sides of every jump so a short spike is drawn square.
pub fn preview(preset: Preset, peak_rps: f64, duration_s: f64, n: usize) -> Vec<(f64, f64)> {
    let n = n.max(2);
    let mut times: Vec<f64> = (0..=n).map(|k| duration_s * k as f64 / n as f64).collect();
    if let Some((at, lasting, _)) = shape(preset, peak_rps, duration_s).spike {
        for edge in [at, at + lasting] {
            if edge < duration_s {
                times.extend([(edge - 1e-3).max(0.0), edge]);
            }
        }
    }
    times.sort_by(f64::total_cmp);
    times
        .into_iter()
        .map(|t| (t, rate(preset, peak_rps, duration_s, t)))
        .collect()
}

/// What a preset's text was written from: the preset, peak, duration, seed and
/// region.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub preset: Preset,
    pub peak_rps: f64,
    pub duration_s: f64,
    pub seed: u64,
    pub region: String,
}

/// The preset a scenario's text was written from, when it is exactly what
/// [`scenario_text`] writes (else the text is a scenario of its own).
pub fn summarise(text: &str) -> Option<Summary> {
    let mut lines = text.lines();
    let header = lines.next()?.strip_prefix(HEADER)?;
    let (key, rest) = header.split_once(", peak ")?;
    let peak_rps: f64 = rest.strip_suffix(" requests/s")?.parse().ok()?;
    let mut value = |name: &str| {
        lines
            .next()
            .and_then(|l| l.strip_prefix(name))
            .and_then(|l| l.strip_prefix(": "))
            .map(str::to_string)
    };
    let duration_s = super::scenario::parse_duration(&value("duration")?).ok()?;
    let seed = value("seed")?.parse().ok()?;
    let region = value("region")?;
    let summary = Summary {
        preset: Preset::from_key(key)?,
        peak_rps,
        duration_s,
        seed,
        region,
    };
    let again = scenario_text(
        summary.preset,
        summary.peak_rps,
        summary.duration_s,
        summary.seed,
        &summary.region,
    );
    (again == text).then_some(summary)
}

/// The seed a scenario's text gives (`seed: 7` in YAML, `"seed": 7` in JSON), read
/// without reading the whole scenario; 1, the format's default, when it gives none.
pub fn seed_of(text: &str) -> u64 {
    value_of(text, "seed")
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
}

/// A top-level scalar's text in a scenario (`region: us-east-1`, `"duration": "2h"`),
/// found without reading the scenario: the first `key:` at a line's start or after
/// `{`, `,`, a space or a quote.
pub fn value_of<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(i) = text[from..].find(key).map(|i| i + from) {
        from = i + key.len();
        let before = text[..i].chars().next_back();
        if !matches!(
            before,
            None | Some('\n' | ' ' | '{' | ',' | '"' | '\'' | '\t')
        ) {
            continue;
        }
        let after = text[from..].trim_start_matches(['"', '\'']).trim_start();
        let Some(value) = after.strip_prefix(':') else {
            continue;
        };
        let value = value.trim_start().trim_start_matches(['"', '\'']);
        let end = value
            .find(['"', '\'', ',', '}', '\n', '\r', '#'])
            .unwrap_or(value.len());
        let value = value[..end].trim();
        if !value.is_empty() {
            return Some(value);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::scenario::Scenario;

    /// The rate the simulator draws arrivals from at `t`.
    fn engine_rate(s: &Scenario, t: f64) -> f64 {
        s.window(t, t + 1.0).rate(s, t)
    }

    fn read(preset: Preset, peak: f64, duration: f64) -> Scenario {
        let text = scenario_text(preset, peak, duration, 7, "ap-northeast-2");
        let s = Scenario::read(&text).unwrap_or_else(|e| panic!("{text}\n{e}"));
        assert_eq!(
            (s.duration, s.seed, s.region.as_str()),
            (duration, 7, "ap-northeast-2")
        );
        s
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 0.02
    }

    const MIN: f64 = 60.0;
    const HOUR: f64 = 3600.0;

    #[test]
    fn every_preset_reads_back_and_agrees_with_its_preview() {
        for preset in Preset::ALL {
            for duration in [HOUR, 6.0 * HOUR, DAY, 7.0 * DAY] {
                for peak in [1.0, 37.0, 400.0, 5000.0] {
                    let s = read(preset, peak, duration);
                    for k in 0..=200 {
                        let t = duration * f64::from(k) / 200.0;
                        let (engine, preview) =
                            (engine_rate(&s, t), rate(preset, peak, duration, t));
                        assert!(
                            (engine - preview).abs() < 1e-6 * peak.max(1.0),
                            "{preset:?} {peak} {duration} at {t}: {engine} vs {preview}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_preview_draws_a_short_spike_square_in_a_long_run() {
        let points = preview(Preset::Spike, 400.0, 7.0 * DAY, 100);
        assert!(points.windows(2).all(|w| w[0].0 <= w[1].0));
        assert!(points.contains(&(30.0 * MIN, 400.0)));
        assert!(points.contains(&(50.0 * MIN, 100.0)));
        assert_eq!(points.iter().map(|p| p.1).fold(0.0, f64::max), 400.0);
    }

    #[test]
    fn steady_holds_the_peak() {
        let s = read(Preset::Steady, 120.0, HOUR);
        for t in [0.0, 30.0 * MIN, HOUR] {
            assert_eq!(engine_rate(&s, t), 120.0);
        }
    }

    #[test]
    fn ramp_climbs_from_a_tenth_over_the_first_half_then_holds() {
        let s = read(Preset::Ramp, 400.0, 6.0 * HOUR);
        assert_eq!(engine_rate(&s, 0.0), 40.0);
        assert_eq!(engine_rate(&s, 1.5 * HOUR), 220.0);
        assert_eq!(engine_rate(&s, 3.0 * HOUR), 400.0);
        assert_eq!(engine_rate(&s, 5.0 * HOUR), 400.0);
    }

    #[test]
    fn the_daily_wave_runs_from_a_third_of_the_peak_to_the_peak() {
        let s = read(Preset::DailyWave, 300.0, DAY);
        assert!(close(engine_rate(&s, 14.0 * HOUR), 300.0));
        assert!(close(engine_rate(&s, 2.0 * HOUR), 100.0));
        let week = read(Preset::DailyWave, 300.0, 7.0 * DAY);
        assert!(close(engine_rate(&week, 3.0 * DAY + 14.0 * HOUR), 300.0));
        // A short run has its peak halfway through.
        let hour = read(Preset::DailyWave, 300.0, HOUR);
        assert!(close(engine_rate(&hour, 30.0 * MIN), 300.0));
    }

    #[test]
    fn spike_jumps_from_a_quarter_to_the_peak_at_30_minutes_for_20() {
        let s = read(Preset::Spike, 400.0, HOUR);
        assert_eq!(s.spikes.len(), 1);
        assert_eq!(engine_rate(&s, 29.0 * MIN), 100.0);
        assert_eq!(engine_rate(&s, 30.0 * MIN), 400.0);
        assert_eq!(engine_rate(&s, 49.0 * MIN), 400.0);
        assert_eq!(engine_rate(&s, 50.0 * MIN), 100.0);
    }

    #[test]
    fn a_flash_crowd_arrives_suddenly_stays_20_minutes_and_leaves() {
        let s = read(Preset::FlashCrowd, 1000.0, 6.0 * HOUR);
        assert_eq!(engine_rate(&s, 19.0 * MIN), 50.0);
        assert_eq!(engine_rate(&s, 20.0 * MIN), 1000.0);
        assert_eq!(engine_rate(&s, 39.0 * MIN), 1000.0);
        assert_eq!(engine_rate(&s, 40.0 * MIN), 50.0);
    }

    #[test]
    fn a_preset_text_summarises_back_to_its_fields_and_nothing_else_does() {
        for preset in Preset::ALL {
            let text = scenario_text(preset, 250.5, 6.0 * HOUR, 42, "us-east-1");
            assert_eq!(
                summarise(&text),
                Some(Summary {
                    preset,
                    peak_rps: 250.5,
                    duration_s: 6.0 * HOUR,
                    seed: 42,
                    region: "us-east-1".into()
                })
            );
            assert_eq!(
                summarise(&text.replace(
                    "region: us-east-1",
                    "region: us-east-1\nslo: { availability: 99 }"
                )),
                None
            );
            assert_eq!(summarise(&format!("{text}faults: []\n")), None);
        }
        assert_eq!(summarise("duration: 1h"), None);
    }

    #[test]
    fn the_seed_is_read_without_reading_the_scenario() {
        assert_eq!(seed_of("duration: 1h\nseed: 7\n"), 7);
        assert_eq!(seed_of("{\"duration\":\"1d\",\"seed\":12}"), 12);
        assert_eq!(seed_of("{ seed: 3, duration: 1h }"), 3);
        assert_eq!(seed_of("# no seed_here: 5\nduration: 1h"), 1);
        assert_eq!(
            value_of(
                "{\"region\": \"ap-northeast-2\", \"duration\": \"2h\"}",
                "duration"
            ),
            Some("2h")
        );
        assert_eq!(
            value_of("duration: 90m # an hour and a half\n", "duration"),
            Some("90m")
        );
        assert_eq!(value_of("seed: 2\n", "region"), None);
        assert_eq!(
            seed_of(&scenario_text(Preset::Spike, 400.0, HOUR, 99, "us-east-1")),
            99
        );
    }
}
