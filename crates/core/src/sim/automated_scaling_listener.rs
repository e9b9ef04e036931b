//! The automated scaling listener: watches each group's metric, evaluates the
//! template's scaling policies and alarms, and sets the group's desired capacity
//! within MinSize..MaxSize. From the EC2 Auto Scaling user guide as SIMULATION.md
//! lists it: cooldowns apply only to simple policies; target tracking and step
//! policies use instance warmup; warming instances' metrics are not counted and no
//! scale-in happens while instances warm up; alarms fire on M of N datapoints; a step
//! policy takes the step whose interval holds the breach. Scheduled actions set the
//! group's sizes at their times (`scheduled_sizes`; `simulation.rs` runs them).

use std::cmp::Ordering;

use super::engine::Time;
use super::scenario::Assumptions;
use super::world::{Adjustment, Alarm, Group, Policy, ScheduledAction};

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
    /// instances, `warming` those still in their warmup, `terminating` those on
    /// their way out.
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
        terminating: u32,
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
                steps,
                min_magnitude,
                cooldown,
                ..
            } => {
                let breaching = breaches(alarm, points);
                let mut alarms = Vec::new();
                if breaching != self.alarmed[p] {
                    self.alarmed[p] = breaching;
                    alarms.push((alarm.id.clone(), if breaching { "ALARM" } else { "OK" }));
                }
                let unchanged = |alarms: Vec<(String, &'static str)>| {
                    (!alarms.is_empty()).then_some(Decision {
                        desired,
                        cause: String::new(),
                        alarms,
                    })
                };
                if !breaching || (cooldown.is_some() && now < self.cooldown_until) {
                    return unchanged(alarms);
                }
                // The step whose interval holds the breach size; none, no change.
                let breach = metric - alarm.threshold;
                let Some(step) = steps.iter().find(|s| s.holds(breach, alarm.above)) else {
                    return unchanged(alarms);
                };
                let new = match cooldown {
                    // A simple policy changes the desired capacity, then waits out its cooldown.
                    Some(_) => adjusted(step.adjustment, desired, *min_magnitude),
                    None => match step_direction(step.adjustment, desired) {
                        Ordering::Greater => {
                            // Step scaling: "While scaling out, we do not consider instances
                            // that are warming up as part of the current capacity of the
                            // group", so a breach in the range of the step that launched
                            // them adds only what goes beyond them (EC2 Auto Scaling user
                            // guide, "Step and simple scaling policies",
                            // https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-simple-step.html).
                            let current = capacity.saturating_sub(warming);
                            adjusted(step.adjustment, current, *min_magnitude).max(desired as i64)
                        }
                        Ordering::Less => {
                            // No scale-in while instances warm up ("Set the default instance
                            // warmup", https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-default-instance-warmup.html);
                            // "While scaling in, we consider instances that are terminating as
                            // part of the current capacity", so none is taken out twice.
                            if warming > 0 {
                                return unchanged(alarms);
                            }
                            let current = capacity + terminating;
                            adjusted(step.adjustment, current, *min_magnitude).min(desired as i64)
                        }
                        Ordering::Equal => desired as i64,
                    },
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

/// Whether an adjustment adds capacity, takes it away, or neither, for a group whose
/// desired capacity is `desired`.
fn step_direction(adjustment: Adjustment, desired: u32) -> Ordering {
    match adjustment {
        Adjustment::Change(n) | Adjustment::Percent(n) => n.cmp(&0),
        Adjustment::Exact(n) => n.cmp(&(desired as i64)),
    }
}

/// The capacity an adjustment makes of `capacity`, before MinSize and MaxSize.
/// `PercentChangeInCapacity` rounds as AWS documents ("Scaling adjustment types", EC2
/// Auto Scaling user guide, https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-simple-step.html):
/// values above 1 down (12.7 to 12), between 0 and 1 to 1, between −1 and 0 to −1,
/// below −1 up (−6.67 to −6); then `MinAdjustmentMagnitude` is the least it changes
/// by ("if the group has 4 instances and the scaling policy is performed, 25 percent
/// of 4 is 1. However, because you specified a MinAdjustmentMagnitude of 2, Amazon EC2
/// Auto Scaling scales out the group by 2 instances").
pub fn adjusted(adjustment: Adjustment, capacity: u32, min_magnitude: i64) -> i64 {
    let capacity = capacity as i64;
    match adjustment {
        Adjustment::Change(n) => capacity + n,
        Adjustment::Exact(n) => n,
        Adjustment::Percent(n) => {
            let change = (capacity as f64 * n as f64 / 100.0).trunc() as i64;
            let change = if change == 0 { n.signum() } else { change };
            let change = if change.abs() < min_magnitude {
                change.signum() * min_magnitude
            } else {
                change
            };
            capacity + change
        }
    }
}

/// What a scheduled action makes of a group's sizes (MinSize, MaxSize, desired): the
/// sizes it sets, the others kept; the desired capacity it sets or, without one, the
/// current one brought into the new MinSize..MaxSize, as `UpdateAutoScalingGroup`
/// does ("If you specify a new value for MinSize without specifying a value for
/// DesiredCapacity, and the new MinSize is larger than the current size of the group,
/// this sets the group's DesiredCapacity to the new MinSize value", and likewise for
/// MaxSize: <https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_UpdateAutoScalingGroup.html>).
/// An error when the sizes it leaves would have MinSize above MaxSize.
pub fn scheduled_sizes(
    action: &ScheduledAction,
    min: u32,
    max: u32,
    desired: u32,
) -> Result<(u32, u32, u32), String> {
    let (min, max) = (action.min.unwrap_or(min), action.max.unwrap_or(max));
    if min > max {
        return Err(format!(
            "the group's MinSize {min} would be more than its MaxSize {max}"
        ));
    }
    Ok((min, max, action.desired.unwrap_or(desired).clamp(min, max)))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::cron::TimeZone;
    use crate::sim::world::Step;

    fn group(min: u32, max: u32, policy: Policy) -> Group {
        Group {
            id: "Web".into(),
            min,
            max,
            desired: min,
            zones: vec![0],
            instance_type: "t3.small".into(),
            vcpus: 2,
            target_groups: Vec::new(),
            launch: "Config".into(),
            elb_health: false,
            grace_period: 0.0,
            cooldown: 300.0,
            warmup: 300.0,
            detailed_monitoring: true,
            policies: vec![policy],
            scheduled: Vec::new(),
        }
    }

    fn step(lower: Option<f64>, upper: Option<f64>, adjustment: Adjustment) -> Step {
        Step {
            lower,
            upper,
            adjustment,
        }
    }

    fn step_policy(threshold: f64, above: bool, steps: Vec<Step>) -> Policy {
        Policy::Alarmed {
            id: "Steps".into(),
            alarm: Alarm {
                id: "Alarm".into(),
                period: 60.0,
                evaluation_periods: 1,
                datapoints: 1,
                threshold,
                above,
            },
            steps,
            min_magnitude: 0,
            cooldown: None,
            warmup: None,
        }
    }

    /// The desired capacity one datapoint leaves, on a listener that has seen the
    /// datapoints before it.
    #[allow(clippy::too_many_arguments)]
    fn decide(
        l: &mut Listener,
        g: &Group,
        metric: f64,
        desired: u32,
        capacity: u32,
        warming: u32,
        terminating: u32,
    ) -> u32 {
        l.datapoint(
            g,
            0,
            0.0,
            Some(metric),
            desired,
            capacity,
            warming,
            terminating,
            &Assumptions::default(),
        )
        .map_or(desired, |d| d.desired)
    }

    #[test]
    fn the_step_whose_interval_holds_the_breach_is_taken() {
        // Above 50 % CPU: +1 for a breach under 20, +2 under 40, +4 beyond.
        let g = group(
            1,
            20,
            step_policy(
                50.0,
                true,
                vec![
                    step(Some(0.0), Some(20.0), Adjustment::Change(1)),
                    step(Some(20.0), Some(40.0), Adjustment::Change(2)),
                    step(Some(40.0), None, Adjustment::Change(4)),
                ],
            ),
        );
        let once = |metric: f64| decide(&mut Listener::new(&g), &g, metric, 2, 2, 0, 0);
        assert_eq!(once(50.0), 2, "GreaterThanThreshold: 50 does not breach");
        assert_eq!(once(55.0), 3);
        assert_eq!(once(69.9), 3);
        assert_eq!(
            once(70.0),
            4,
            "the lower bound is inclusive above the threshold"
        );
        assert_eq!(once(89.0), 4);
        assert_eq!(once(95.0), 6);
    }

    #[test]
    fn below_the_threshold_the_upper_bound_is_inclusive() {
        // Below 40 %: −1 for 30 < metric ≤ 40, −2 below that.
        let g = group(
            1,
            20,
            step_policy(
                40.0,
                false,
                vec![
                    step(Some(-10.0), Some(0.0), Adjustment::Change(-1)),
                    step(None, Some(-10.0), Adjustment::Change(-2)),
                ],
            ),
        );
        let once = |metric: f64| decide(&mut Listener::new(&g), &g, metric, 6, 6, 0, 0);
        assert_eq!(once(35.0), 5);
        assert_eq!(once(30.0), 4, "30 is not above 30: the next step down");
        assert_eq!(once(10.0), 4);
    }

    #[test]
    fn warming_instances_count_toward_a_step_so_only_a_larger_step_adds_more() {
        // The user guide's example: 10 instances, +10 % from 60 %, +30 % from 70 %.
        let g = group(
            1,
            20,
            step_policy(
                55.0,
                true,
                vec![
                    step(Some(5.0), Some(15.0), Adjustment::Percent(10)),
                    step(Some(15.0), None, Adjustment::Percent(30)),
                ],
            ),
        );
        let mut l = Listener::new(&g);
        assert_eq!(decide(&mut l, &g, 60.0, 10, 10, 0, 0), 11, "10 % of 10");
        // 62 % while the new instance warms up: the current capacity is still 10, the
        // one step already asked for 11.
        assert_eq!(decide(&mut l, &g, 62.0, 11, 11, 1, 0), 11);
        // 70 %: 30 % of 10 is 3; one is on its way, so 2 more.
        assert_eq!(decide(&mut l, &g, 70.0, 11, 11, 1, 0), 13);
        // Once they have warmed up, the same breach scales from all 13.
        assert_eq!(decide(&mut l, &g, 70.0, 13, 13, 0, 0), 16);
    }

    #[test]
    fn a_step_scale_in_waits_for_warmup_and_counts_terminating_instances() {
        let g = group(
            1,
            20,
            step_policy(
                30.0,
                false,
                vec![step(None, Some(0.0), Adjustment::Change(-1))],
            ),
        );
        let mut l = Listener::new(&g);
        assert_eq!(
            decide(&mut l, &g, 10.0, 4, 4, 1, 0),
            4,
            "warming: no scale-in"
        );
        assert_eq!(decide(&mut l, &g, 10.0, 4, 4, 0, 0), 3);
        // The one taken out still drains: it counts, so no second one goes yet.
        assert_eq!(decide(&mut l, &g, 10.0, 3, 3, 0, 1), 3);
        assert_eq!(decide(&mut l, &g, 10.0, 3, 3, 0, 0), 2);
        // Never below MinSize.
        assert_eq!(decide(&mut l, &g, 10.0, 1, 1, 0, 0), 1);
    }

    #[test]
    fn adjustment_types_as_aws_computes_them() {
        assert_eq!(adjusted(Adjustment::Change(3), 2, 0), 5);
        assert_eq!(adjusted(Adjustment::Exact(7), 2, 0), 7);
        // Percentages: 12.7 → 12, 0.5 → 1, −0.5 → −1, −6.7 → −6.
        assert_eq!(adjusted(Adjustment::Percent(127), 10, 0), 22);
        assert_eq!(adjusted(Adjustment::Percent(10), 5, 0), 6);
        assert_eq!(adjusted(Adjustment::Percent(-10), 5, 0), 4);
        assert_eq!(adjusted(Adjustment::Percent(-67), 10, 0), 4);
        // MinAdjustmentMagnitude: 25 % of 4 is 1, at least 2.
        assert_eq!(adjusted(Adjustment::Percent(25), 4, 0), 5);
        assert_eq!(adjusted(Adjustment::Percent(25), 4, 2), 6);
        assert_eq!(adjusted(Adjustment::Percent(-25), 4, 2), 2);
        assert_eq!(adjusted(Adjustment::Percent(50), 10, 2), 15);
    }

    #[test]
    fn a_scheduled_action_sets_sizes_as_update_auto_scaling_group_does() {
        let action = |min: Option<u32>, max: Option<u32>, desired: Option<u32>| ScheduledAction {
            id: "Morning".into(),
            min,
            max,
            desired,
            start: Some(0),
            end: None,
            recurrence: None,
            zone: TimeZone::UTC,
        };
        // Only a desired capacity.
        assert_eq!(
            scheduled_sizes(&action(None, None, Some(6)), 2, 10, 2),
            Ok((2, 10, 6))
        );
        // Only MinSize, above the current size: desired rises to it.
        assert_eq!(
            scheduled_sizes(&action(Some(5), Some(10), None), 2, 5, 2),
            Ok((5, 10, 5))
        );
        // Only MaxSize, below the current size: desired falls to it.
        assert_eq!(
            scheduled_sizes(&action(None, Some(3), None), 2, 10, 6),
            Ok((2, 3, 3))
        );
        // A desired capacity beyond the group's MaxSize is brought within it.
        assert_eq!(
            scheduled_sizes(&action(None, None, Some(12)), 2, 10, 2),
            Ok((2, 10, 10))
        );
        assert!(
            scheduled_sizes(&action(Some(7), None, None), 2, 5, 2)
                .unwrap_err()
                .contains("MinSize 7 would be more than its MaxSize 5")
        );
    }
}
