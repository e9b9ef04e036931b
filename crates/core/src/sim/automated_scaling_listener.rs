//! The automated scaling listener: watches each group's metric, evaluates the
//! template's scaling policies and alarms, and sets the group's desired capacity
//! within MinSize..MaxSize. From the EC2 Auto Scaling user guide as SIMULATION.md
//! lists it: cooldowns apply only to simple policies; target tracking and step
//! policies use instance warmup; warming instances' metrics are not counted and no
//! scale-in happens while instances warm up; alarms fire on M of N datapoints.

use super::engine::Time;
use super::scenario::Assumptions;
use super::world::{Adjustment, Alarm, Group, Policy};

/// Target tracking's alarms (SIMULATION.md: not in AWS prose, a parameter): scale out
/// after 3 of 3 one-minute datapoints above target, scale in after 15 of 15 below.
pub const TRACKING_OUT: usize = 3;
pub const TRACKING_IN: usize = 15;

/// A group's scaling state while the run goes.
#[derive(Clone, Debug, Default)]
pub struct Listener {
    /// The metric's datapoints per policy, newest last.
    datapoints: Vec<Vec<f64>>,
    /// Per policy: whether its alarm is in ALARM.
    alarmed: Vec<bool>,
    /// Simple policies wait until then.
    cooldown_until: Time,
}

/// A decision: the new desired capacity and the words of its cause.
#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    pub desired: u32,
    pub cause: String,
    /// Alarm state changes to report: (alarm name, new state).
    pub alarms: Vec<(String, &'static str)>,
}

impl Listener {
    pub fn new(group: &Group) -> Self {
        Listener {
            datapoints: vec![Vec::new(); group.policies.len()],
            alarmed: vec![false; group.policies.len()],
            cooldown_until: 0.0,
        }
    }

    /// The period of a policy's metric: target tracking and alarms on EC2 metrics
    /// get one datapoint a minute with detailed monitoring, every five minutes without.
    pub fn period(group: &Group, policy: &Policy) -> f64 {
        let metric = if group.detailed_monitoring {
            60.0
        } else {
            300.0
        };
        match policy {
            Policy::TargetTracking { .. } => metric,
            Policy::Alarmed { alarm, .. } => alarm.period.max(metric),
        }
    }

    /// A new datapoint of policy `p`'s metric at `now`: `metric` is the group's
    /// average CPU (per cent) or requests per target over the period, `None` when no
    /// instance counted (INSUFFICIENT_DATA). `capacity` counts the group's running
    /// instances, `warming` those still in their warmup.
    #[allow(clippy::too_many_arguments)]
    pub fn datapoint(
        &mut self,
        group: &Group,
        p: usize,
        now: Time,
        metric: Option<f64>,
        desired: u32,
        capacity: u32,
        warming: u32,
        assumptions: &Assumptions,
    ) -> Option<Decision> {
        let metric = metric?;
        let points = &mut self.datapoints[p];
        points.push(metric);
        if points.len() > TRACKING_IN.max(32) {
            points.remove(0);
        }
        let counted = capacity.saturating_sub(warming).max(1);
        match &group.policies[p] {
            Policy::TargetTracking {
                id,
                target,
                disable_scale_in,
                ..
            } => {
                let last = |n: usize| (points.len() >= n).then(|| &points[points.len() - n..]);
                let high = last(TRACKING_OUT).is_some_and(|p| p.iter().all(|v| *v > *target));
                let low = last(TRACKING_IN)
                    .is_some_and(|p| p.iter().all(|v| *v < assumptions.scale_in_ratio * *target));
                // Capacity in proportion to the metric, as target tracking computes it.
                let proportional = (counted as f64 * metric / target).ceil() as u32 + warming;
                if high && proportional > desired {
                    let new = proportional.clamp(group.min, group.max);
                    return (new > desired).then(|| Decision {
                        desired: new,
                        cause: format!(
                            "a CloudWatch alarm TargetTracking-{}-AlarmHigh in state ALARM triggered policy {id} changing the desired capacity from {desired} to {new}",
                            group.id
                        ),
                        alarms: vec![(format!("TargetTracking-{}-AlarmHigh", group.id), "ALARM")],
                    });
                }
                if low && !disable_scale_in && warming == 0 {
                    let new = proportional
                        .max(group.min)
                        .min(desired.saturating_sub(1).max(group.min));
                    return (new < desired).then(|| Decision {
                        desired: new,
                        cause: format!(
                            "a CloudWatch alarm TargetTracking-{}-AlarmLow in state ALARM triggered policy {id} changing the desired capacity from {desired} to {new}",
                            group.id
                        ),
                        alarms: vec![(format!("TargetTracking-{}-AlarmLow", group.id), "ALARM")],
                    });
                }
                None
            }
            Policy::Alarmed {
                id,
                alarm,
                adjustment,
                cooldown,
            } => {
                let breaching = breaches(alarm, points);
                let mut alarms = Vec::new();
                if breaching != self.alarmed[p] {
                    self.alarmed[p] = breaching;
                    alarms.push((alarm.id.clone(), if breaching { "ALARM" } else { "OK" }));
                }
                let waits = cooldown.is_some() && now < self.cooldown_until;
                let scale_in =
                    matches!(adjustment, Adjustment::Change(n) | Adjustment::Percent(n) if *n < 0);
                if !breaching || waits || (scale_in && cooldown.is_none() && warming > 0) {
                    return (!alarms.is_empty()).then_some(Decision {
                        desired,
                        cause: String::new(),
                        alarms,
                    });
                }
                let new = match *adjustment {
                    Adjustment::Change(n) => desired as i64 + n,
                    Adjustment::Exact(n) => n,
                    Adjustment::Percent(n) => {
                        let change = (desired as f64 * n as f64 / 100.0).trunc() as i64;
                        desired as i64 + if change == 0 { n.signum() } else { change }
                    }
                }
                .clamp(group.min as i64, group.max as i64) as u32;
                if let Some(c) = cooldown
                    && new != desired
                {
                    self.cooldown_until = now + c;
                }
                Some(Decision {
                    desired: new,
                    cause: if new == desired {
                        String::new()
                    } else {
                        format!(
                            "a CloudWatch alarm {} in state ALARM triggered policy {id} changing the desired capacity from {desired} to {new}",
                            alarm.id
                        )
                    },
                    alarms,
                })
            }
        }
    }
}

/// M of the last N datapoints beyond the threshold.
fn breaches(alarm: &Alarm, points: &[f64]) -> bool {
    let n = alarm.evaluation_periods as usize;
    if points.len() < n {
        return false;
    }
    let beyond = points[points.len() - n..]
        .iter()
        .filter(|v| {
            if alarm.above {
                **v > alarm.threshold
            } else {
                **v < alarm.threshold
            }
        })
        .count();
    beyond >= alarm.datapoints as usize
}
