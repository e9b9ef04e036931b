//! The SLA monitor: every request's outcome and latency, availability per minute and
//! overall, latency percentiles, and the intervals the service was down with their
//! cause. It only observes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::engine::Time;

/// Latencies are kept in buckets 1/128 of a power of two wide (the float's exponent
/// and its mantissa's top 7 bits, as HdrHistogram does), from 1 µs to over two hours,
/// so percentiles are read to within 0.4 % from every request without storing each.
const SUB_BUCKET_BITS: u32 = 7;
const SHIFT: u32 = 52 - SUB_BUCKET_BITS;
const SMALLEST_MS: f64 = 0.001;
const BUCKETS: usize = 34 << SUB_BUCKET_BITS;

/// The bucket of a latency.
fn bucket(ms: f64) -> usize {
    if ms <= SMALLEST_MS {
        return 0;
    }
    (((ms.to_bits() >> SHIFT) - (SMALLEST_MS.to_bits() >> SHIFT)) as usize).min(BUCKETS - 1)
}

/// The lower edge of a bucket, ms.
fn edge(bucket: usize) -> f64 {
    f64::from_bits(((SMALLEST_MS.to_bits() >> SHIFT) + bucket as u64) << SHIFT)
}

/// The middle of a bucket, ms.
fn middle(bucket: usize) -> f64 {
    (edge(bucket) + edge(bucket + 1)) / 2.0
}

/// Each second's latencies go in buckets 16 times wider (1/8 of a power of two, so
/// within 4.5 %): enough for a chart, and cheap to read every second.
const COARSE_SHIFT: u32 = 4;
const COARSE_BUCKETS: usize = BUCKETS >> COARSE_SHIFT;

/// The middle of a coarse bucket, ms.
fn coarse_middle(coarse: usize) -> f64 {
    (edge(coarse << COARSE_SHIFT) + edge((coarse + 1) << COARSE_SHIFT)) / 2.0
}

/// The latencies below which shares `qs` (ascending) of `counts` fall, ms.
fn percentiles<const N: usize>(counts: &[u64], qs: [f64; N], middle: fn(usize) -> f64) -> [f64; N] {
    let total: u64 = counts.iter().sum();
    let mut out = [0.0; N];
    if total == 0 {
        return out;
    }
    let mut seen = 0;
    let mut k = 0;
    for (i, n) in counts.iter().enumerate() {
        seen += n;
        while k < N && seen >= (qs[k] * total as f64).ceil().max(1.0) as u64 {
            out[k] = middle(i);
            k += 1;
        }
        if k == N {
            break;
        }
    }
    out
}

#[derive(Clone, Debug)]
pub struct SlaMonitor {
    histogram: Vec<u64>,
    pub requests: u64,
    pub errors: u64,
    latency_sum_ms: f64,
    /// Per simulated second: requests, errors, latency sum (ms), and errors by cause.
    second: Second,
    /// The current second's latencies, in coarse buckets.
    second_histogram: Vec<u64>,
    pub seconds: Vec<SecondRow>,
    minutes: Vec<(u64, u64)>,
    down: Option<Downtime>,
    pub downtime: Vec<Downtime>,
    down_error_share: f64,
}

#[derive(Clone, Debug, Default)]
struct Second {
    requests: u64,
    errors: u64,
    latency_ms: f64,
    causes: BTreeMap<String, u64>,
}

/// One second of the run, as the timeline shows it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SecondRow {
    pub t: u64,
    pub requests: u64,
    pub errors: u64,
    pub mean_latency_ms: f64,
    /// The second's latency percentiles (within 4.5 %), 0 when nothing was answered.
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
}

/// An interval in which more than the set share of requests failed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Downtime {
    pub start: Time,
    pub end: Time,
    pub cause: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Latency {
    pub mean: f64,
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
}

impl SlaMonitor {
    pub fn new(down_error_share: f64) -> Self {
        SlaMonitor {
            histogram: vec![0; BUCKETS],
            requests: 0,
            errors: 0,
            latency_sum_ms: 0.0,
            second: Second::default(),
            second_histogram: vec![0; COARSE_BUCKETS],
            seconds: Vec::new(),
            minutes: Vec::new(),
            down: None,
            downtime: Vec::new(),
            down_error_share,
        }
    }

    /// A request answered after `ms`.
    pub fn served(&mut self, ms: f64) {
        self.requests += 1;
        self.second.requests += 1;
        self.latency_sum_ms += ms;
        self.second.latency_ms += ms;
        let b = bucket(ms);
        self.histogram[b] += 1;
        self.second_histogram[b >> COARSE_SHIFT] += 1;
    }

    /// A request that failed, and why.
    pub fn failed(&mut self, cause: &str) {
        self.requests += 1;
        self.errors += 1;
        self.second.requests += 1;
        self.second.errors += 1;
        if let Some(n) = self.second.causes.get_mut(cause) {
            *n += 1;
        } else {
            self.second.causes.insert(cause.to_string(), 1);
        }
    }

    /// Closes the second that ends at `t`.
    pub fn end_second(&mut self, t: u64) {
        let s = std::mem::take(&mut self.second);
        let served = s.requests - s.errors;
        let [p50_ms, p95_ms, p99_ms] =
            percentiles(&self.second_histogram, [0.5, 0.95, 0.99], coarse_middle);
        self.second_histogram.iter_mut().for_each(|n| *n = 0);
        self.seconds.push(SecondRow {
            p50_ms,
            p95_ms,
            p99_ms,
            t,
            requests: s.requests,
            errors: s.errors,
            mean_latency_ms: if served > 0 {
                s.latency_ms / served as f64
            } else {
                0.0
            },
        });
        let minute = (t.saturating_sub(1) / 60) as usize;
        if self.minutes.len() <= minute {
            self.minutes.resize(minute + 1, (0, 0));
        }
        self.minutes[minute].0 += s.requests;
        self.minutes[minute].1 += s.errors;
        let down = s.requests > 0 && s.errors as f64 > self.down_error_share * s.requests as f64;
        let start = t as f64 - 1.0;
        match (&mut self.down, down) {
            (None, true) => {
                let cause = s
                    .causes
                    .iter()
                    .max_by_key(|(_, n)| **n)
                    .map(|(c, _)| c.clone());
                self.down = Some(Downtime {
                    start,
                    end: t as f64,
                    cause: cause.unwrap_or_default(),
                });
            }
            (Some(d), true) => d.end = t as f64,
            (Some(_), false) => self.downtime.extend(self.down.take()),
            (None, false) => {}
        }
    }

    /// The interval the service is down in now, if it is.
    pub fn open_downtime(&self) -> Option<&Downtime> {
        self.down.as_ref()
    }

    /// Closes an interval still open at the end of the run.
    pub fn finish(&mut self) {
        self.downtime.extend(self.down.take());
    }

    /// Per cent of requests answered without error (100 with no requests).
    pub fn availability(&self) -> f64 {
        if self.requests == 0 {
            100.0
        } else {
            100.0 * (self.requests - self.errors) as f64 / self.requests as f64
        }
    }

    /// Availability of each minute, per cent.
    pub fn per_minute(&self) -> Vec<f64> {
        self.minutes
            .iter()
            .map(|(r, e)| {
                if *r == 0 {
                    100.0
                } else {
                    100.0 * (r - e) as f64 / *r as f64
                }
            })
            .collect()
    }

    pub fn latency(&self) -> Latency {
        let served = self.requests - self.errors;
        Latency {
            mean: if served > 0 {
                self.latency_sum_ms / served as f64
            } else {
                0.0
            },
            p50: self.percentile(0.50),
            p95: self.percentile(0.95),
            p99: self.percentile(0.99),
        }
    }

    /// The latency below which a share `q` of answered requests fall, ms.
    pub fn percentile(&self, q: f64) -> f64 {
        percentiles(&self.histogram, [q], middle)[0]
    }

    /// Share of the error budget used: errors over the errors the SLO allows.
    pub fn error_budget_used(&self, slo_availability: f64) -> f64 {
        let allowed = (1.0 - slo_availability / 100.0) * self.requests as f64;
        if allowed <= 0.0 {
            if self.errors == 0 { 0.0 } else { f64::INFINITY }
        } else {
            self.errors as f64 / allowed
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_within_a_bucket() {
        let mut m = SlaMonitor::new(0.5);
        for i in 1..=1000 {
            m.served(i as f64);
        }
        let l = m.latency();
        assert!((l.p50 - 500.0).abs() / 500.0 < 0.01, "{}", l.p50);
        assert!((l.p99 - 990.0).abs() / 990.0 < 0.01, "{}", l.p99);
        assert_eq!(l.mean, 500.5);
    }

    #[test]
    fn downtime_spans_the_failing_seconds_with_their_main_cause() {
        let mut m = SlaMonitor::new(0.5);
        for t in 1..=10 {
            if (4..=6).contains(&t) {
                m.failed("database failing over");
                m.failed("database failing over");
                m.served(5.0);
            } else {
                m.served(5.0);
            }
            m.end_second(t);
        }
        m.finish();
        assert_eq!(
            m.downtime,
            [Downtime {
                start: 3.0,
                end: 6.0,
                cause: "database failing over".into()
            }]
        );
        assert_eq!(m.per_minute().len(), 1);
    }
}
