//! Traffic presets: shapes of traffic a student picks from a list, scaled to a peak
//! rate and written into the scenario as the format's own `traffic`, `wave` and
//! `spikes` ([`ScenarioDraft::apply_preset`](super::scenario_draft::ScenarioDraft)),
//! so the simulator runs a preset as any scenario, and the text can be exported,
//! edited and imported again.

use super::scenario::{Spike, Wave};

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

/// Requests per second rounded to hundredths, as the form shows them.
fn rps(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// A scenario's traffic: the profile's `(at, rps)` points, the daily wave and the
/// spikes.
#[derive(Clone, Debug, PartialEq)]
pub struct Traffic {
    pub points: Vec<(f64, f64)>,
    pub wave: Option<Wave>,
    pub spikes: Vec<Spike>,
}

impl Traffic {
    /// The same traffic, to the hundredth of a request per second and a second.
    pub fn same_as(&self, other: &Traffic) -> bool {
        let near = |a: f64, b: f64| (a - b).abs() < 0.005;
        let points = self.points.len() == other.points.len()
            && self
                .points
                .iter()
                .zip(&other.points)
                .all(|(a, b)| near(a.0, b.0) && near(a.1, b.1));
        let wave = match (&self.wave, &other.wave) {
            (None, None) => true,
            (Some(a), Some(b)) => near(a.amplitude, b.amplitude) && near(a.peak_at, b.peak_at),
            _ => false,
        };
        let spikes =
            self.spikes.len() == other.spikes.len()
                && self.spikes.iter().zip(&other.spikes).all(|(a, b)| {
                    near(a.at, b.at) && near(a.lasting, b.lasting) && near(a.rps, b.rps)
                });
        points && wave && spikes
    }
}

impl Preset {
    pub const ALL: [Preset; 5] = [
        Preset::Steady,
        Preset::Ramp,
        Preset::DailyWave,
        Preset::Spike,
        Preset::FlashCrowd,
    ];

    /// The preset's name in form values.
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

    /// The peak a traffic would have been made with, were it this preset's (to the
    /// hundredth): what [`Traffic::same_as`] then checks.
    pub fn peak_of(self, traffic: &Traffic) -> Option<f64> {
        let base = traffic.points.first()?.1;
        let peak = match self {
            Preset::Steady => base,
            Preset::Ramp => traffic.points.get(1)?.1,
            Preset::DailyWave => base * (1.0 + WAVE_AMPLITUDE),
            Preset::Spike | Preset::FlashCrowd => base + traffic.spikes.first()?.rps,
        };
        Some(rps(peak))
    }

    /// The preset's traffic at a peak rate over a run of `duration` seconds.
    pub fn traffic(self, peak: f64, duration: f64) -> Traffic {
        let peak = rps(peak);
        let spike = |at: f64, lasting: f64, base: f64| Spike {
            at,
            lasting,
            rps: rps(peak - base),
        };
        match self {
            Preset::Steady => Traffic {
                points: vec![(0.0, peak)],
                wave: None,
                spikes: Vec::new(),
            },
            Preset::Ramp => Traffic {
                points: vec![(0.0, rps(peak / 10.0)), (duration / 2.0, peak)],
                wave: None,
                spikes: Vec::new(),
            },
            Preset::DailyWave => Traffic {
                // To the thousandth, so that the peak reads back to the hundredth.
                points: vec![(0.0, (peak * 2000.0 / 3.0).round() / 1000.0)],
                wave: Some(Wave {
                    amplitude: WAVE_AMPLITUDE,
                    peak_at: if duration >= DAY {
                        14.0 * 3600.0
                    } else {
                        duration / 2.0
                    },
                }),
                spikes: Vec::new(),
            },
            Preset::Spike => {
                let base = rps(peak / 4.0);
                Traffic {
                    points: vec![(0.0, base)],
                    wave: None,
                    spikes: vec![spike(SPIKE_AT, SPIKE_FOR, base)],
                }
            }
            Preset::FlashCrowd => {
                let base = rps(peak / 20.0);
                Traffic {
                    points: vec![(0.0, base)],
                    wave: None,
                    spikes: vec![spike(CROWD_AT, CROWD_FOR, base)],
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::scenario::Scenario;
    use crate::sim::scenario_draft::ScenarioDraft;

    fn draft(preset: Preset, peak: f64, duration: f64) -> ScenarioDraft {
        let mut d = ScenarioDraft::default();
        d.set_duration(duration);
        d.set_seed(7);
        d.set_region("ap-northeast-2");
        d.apply_preset(preset, peak);
        d
    }

    fn read(preset: Preset, peak: f64, duration: f64) -> Scenario {
        let text = draft(preset, peak, duration).text();
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
    fn every_preset_reads_back_with_its_peak_as_the_highest_rate() {
        for preset in Preset::ALL {
            for duration in [HOUR, 6.0 * HOUR, DAY, 7.0 * DAY] {
                for peak in [1.0, 37.0, 400.0, 5000.0] {
                    let s = read(preset, peak, duration);
                    let highest = (0..=2000)
                        .map(|k| s.rate(duration * f64::from(k) / 2000.0))
                        .fold(0.0, f64::max);
                    assert!(
                        (highest - peak).abs() < 0.02 * peak.max(1.0),
                        "{preset:?} {peak} {duration}: {highest}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_preview_draws_a_short_spike_square_in_a_long_run() {
        let points = draft(Preset::Spike, 400.0, 7.0 * DAY).rate_curve(100);
        assert!(points.windows(2).all(|w| w[0].0 <= w[1].0));
        assert!(points.contains(&(30.0 * MIN, 400.0)));
        assert!(points.contains(&(50.0 * MIN, 100.0)));
        assert_eq!(points.iter().map(|p| p.1).fold(0.0, f64::max), 400.0);
    }

    #[test]
    fn steady_holds_the_peak() {
        let s = read(Preset::Steady, 120.0, HOUR);
        for t in [0.0, 30.0 * MIN, HOUR] {
            assert_eq!(s.rate(t), 120.0);
        }
    }

    #[test]
    fn ramp_climbs_from_a_tenth_over_the_first_half_then_holds() {
        let s = read(Preset::Ramp, 400.0, 6.0 * HOUR);
        assert_eq!(s.rate(0.0), 40.0);
        assert_eq!(s.rate(1.5 * HOUR), 220.0);
        assert_eq!(s.rate(3.0 * HOUR), 400.0);
        assert_eq!(s.rate(5.0 * HOUR), 400.0);
    }

    #[test]
    fn the_daily_wave_runs_from_a_third_of_the_peak_to_the_peak() {
        let s = read(Preset::DailyWave, 300.0, DAY);
        assert!(close(s.rate(14.0 * HOUR), 300.0));
        assert!(close(s.rate(2.0 * HOUR), 100.0));
        let week = read(Preset::DailyWave, 300.0, 7.0 * DAY);
        assert!(close(week.rate(3.0 * DAY + 14.0 * HOUR), 300.0));
        // A short run has its peak halfway through.
        let hour = read(Preset::DailyWave, 300.0, HOUR);
        assert!(close(hour.rate(30.0 * MIN), 300.0));
    }

    #[test]
    fn spike_jumps_from_a_quarter_to_the_peak_at_30_minutes_for_20() {
        let s = read(Preset::Spike, 400.0, HOUR);
        assert_eq!(s.spikes.len(), 1);
        assert_eq!(s.rate(29.0 * MIN), 100.0);
        assert_eq!(s.rate(30.0 * MIN), 400.0);
        assert_eq!(s.rate(49.0 * MIN), 400.0);
        assert_eq!(s.rate(50.0 * MIN), 100.0);
    }

    #[test]
    fn a_flash_crowd_arrives_suddenly_stays_20_minutes_and_leaves() {
        let s = read(Preset::FlashCrowd, 1000.0, 6.0 * HOUR);
        assert_eq!(s.rate(19.0 * MIN), 50.0);
        assert_eq!(s.rate(20.0 * MIN), 1000.0);
        assert_eq!(s.rate(39.0 * MIN), 1000.0);
        assert_eq!(s.rate(40.0 * MIN), 50.0);
    }
}
