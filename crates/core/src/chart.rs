//! Axes for the simulation's charts: round tick values a person reads at a glance,
//! time ticks on whole minutes and hours of the simulated clock, and a series thinned
//! to the pixels it is drawn on. Pure arithmetic, so the app only draws.

/// Tick values covering `lo..=hi` at a round step (1, 2 or 5 times a power of ten),
/// at most about `count` of them; the first is at or below `lo`, the last at or above
/// `hi`, so the axis ends on a labelled value.
pub fn ticks(lo: f64, hi: f64, count: usize) -> Vec<f64> {
    let (lo, hi) = if hi > lo { (lo, hi) } else { (lo, lo + 1.0) };
    let step = round_step((hi - lo) / count.max(1) as f64);
    let first = (lo / step).floor() as i64;
    let last = (hi / step).ceil() as i64;
    (first..=last).map(|k| k as f64 * step).collect()
}

/// The round step at or above `raw`: 1, 2, 2.5 or 5 times a power of ten.
fn round_step(raw: f64) -> f64 {
    let raw = if raw.is_finite() && raw > 0.0 {
        raw
    } else {
        1.0
    };
    // The power of ten at or below `raw`, by steps (no `powf` or `log10` in the
    // browser's bundle for it).
    let mut power = 1.0;
    while power * 10.0 <= raw {
        power *= 10.0;
    }
    while power > raw {
        power /= 10.0;
    }
    let fraction = raw / power;
    let nice = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .find(|&n| fraction <= n + 1e-9)
        .unwrap_or(10.0);
    nice * power
}

/// Steps of the simulated clock a time axis may use, in seconds.
const TIME_STEPS: [f64; 16] = [
    1.0, 5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 900.0, 1800.0, 3600.0, 7200.0, 10800.0,
    21600.0, 43200.0,
];

/// Ticks for a time axis from `t0` to `t1` simulated seconds: whole seconds, minutes
/// or hours, at most about `count` of them, inside the span.
pub fn time_ticks(t0: f64, t1: f64, count: usize) -> Vec<f64> {
    let span = (t1 - t0).max(1.0);
    let raw = span / count.max(1) as f64;
    let step = TIME_STEPS
        .into_iter()
        .find(|&s| s >= raw)
        .unwrap_or_else(|| (raw / 86_400.0).ceil() * 86_400.0);
    let first = (t0 / step).ceil() as i64;
    let last = (t1 / step).floor() as i64;
    (first..=last).map(|k| k as f64 * step).collect()
}

/// A time axis label: `m:ss` within the first hour, `h:mm` after, with the day from
/// the second day on (`d2 03:00`).
pub fn time_label(t: f64) -> String {
    let s = t.max(0.0).round() as u64;
    let (day, h, m, sec) = (s / 86_400, s % 86_400 / 3600, s % 3600 / 60, s % 60);
    if day > 0 {
        format!("d{} {h:02}:{m:02}", day + 1)
    } else if h > 0 {
        format!("{h}:{m:02}")
    } else {
        format!("{m}:{sec:02}")
    }
}

/// The simulated clock: the day (from 1) and `hh:mm:ss`.
pub fn clock(t: f64) -> (u64, String) {
    let s = t.max(0.0).floor() as u64;
    let (day, h, m, sec) = (s / 86_400, s % 86_400 / 3600, s % 3600 / 60, s % 60);
    (day + 1, format!("{h:02}:{m:02}:{sec:02}"))
}

/// A value with a unit a chart's label reads: `1.2k`, `35`, `0.25`.
pub fn short_number(v: f64) -> String {
    let a = v.abs();
    if a >= 1e6 {
        format!("{}M", trim(v / 1e6))
    } else if a >= 1e4 {
        format!("{}k", trim(v / 1e3))
    } else {
        trim(v)
    }
}

fn trim(v: f64) -> String {
    let text = if v.fract().abs() < 1e-9 {
        format!("{v:.0}")
    } else if v.abs() >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    };
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// Thins `(t, value)` points (sorted by `t`) to at most `2 * buckets` points, keeping
/// each bucket's lowest and highest in their order, so a peak or a dip narrower than a
/// pixel still shows.
pub fn thin(points: &[(f64, f64)], buckets: usize) -> Vec<(f64, f64)> {
    if points.len() <= 2 * buckets || buckets == 0 {
        return points.to_vec();
    }
    let per = points.len().div_ceil(buckets);
    let mut out = Vec::with_capacity(2 * buckets);
    for chunk in points.chunks(per) {
        let lo = chunk
            .iter()
            .enumerate()
            .min_by(|a, b| a.1.1.total_cmp(&b.1.1))
            .map(|(i, _)| i);
        let hi = chunk
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.1.total_cmp(&b.1.1))
            .map(|(i, _)| i);
        let (Some(lo), Some(hi)) = (lo, hi) else {
            continue;
        };
        let (a, b) = (lo.min(hi), lo.max(hi));
        out.push(chunk[a]);
        if b != a {
            out.push(chunk[b]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        assert_eq!(ticks(0.0, 100.0, 5), [0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        assert_eq!(ticks(0.0, 870.0, 4), [0.0, 250.0, 500.0, 750.0, 1000.0]);
        assert_eq!(ticks(0.0, 0.7, 4), [0.0, 0.2, 0.4, 0.6000000000000001, 0.8]);
        assert_eq!(ticks(3.0, 3.0, 4), [3.0, 3.25, 3.5, 3.75, 4.0]);
        assert_eq!(ticks(0.0, f64::NAN, 4), [0.0, 0.25, 0.5, 0.75, 1.0]);
    }

    #[test]
    fn time_ticks_fall_on_whole_minutes_and_hours() {
        assert_eq!(
            time_ticks(0.0, 600.0, 5),
            [0.0, 120.0, 240.0, 360.0, 480.0, 600.0]
        );
        assert_eq!(
            time_ticks(0.0, 7200.0, 4),
            [0.0, 1800.0, 3600.0, 5400.0, 7200.0]
        );
        assert_eq!(time_ticks(100.0, 160.0, 3), [120.0, 150.0]);
        assert_eq!(
            time_ticks(0.0, 3.0 * 86_400.0, 3),
            [0.0, 86_400.0, 172_800.0, 259_200.0]
        );
    }

    #[test]
    fn labels_read_as_a_clock() {
        assert_eq!(time_label(95.0), "1:35");
        assert_eq!(time_label(3600.0 * 2.0 + 60.0 * 5.0), "2:05");
        assert_eq!(time_label(86_400.0 + 3.0 * 3600.0), "d2 03:00");
        assert_eq!(clock(86_400.0 * 2.0 + 3723.4), (3, "01:02:03".to_string()));
        assert_eq!(short_number(1250.0), "1250");
        assert_eq!(short_number(12_500.0), "12.5k");
        assert_eq!(short_number(0.25), "0.25");
        assert_eq!(short_number(2_000_000.0), "2M");
    }

    #[test]
    fn thinning_keeps_peaks_narrower_than_a_bucket() {
        let mut points: Vec<(f64, f64)> = (0..1000).map(|i| (i as f64, 1.0)).collect();
        points[501].1 = 50.0;
        points[777].1 = -3.0;
        let thin = thin(&points, 50);
        assert!(thin.len() <= 100);
        assert!(thin.contains(&(501.0, 50.0)));
        assert!(thin.contains(&(777.0, -3.0)));
        assert!(thin.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(super::thin(&points[..10], 50).len(), 10);
    }
}
