//! The automated scaling listener's scheduled actions and whole step policies, as the
//! EC2 Auto Scaling documentation describes them: a scheduled action changes the
//! group's sizes at its cron time (on the scenario's clock) and the group launches or
//! terminates toward them; a recurrence runs every day until its EndTime; a step
//! policy takes the step whose interval holds the alarm's breach, in any adjustment
//! type. Small templates and short, light runs: seconds, not minutes.

use formwork_core::sim::resource_cluster::Life;
use formwork_core::sim::scenario::{RequestClass, Scenario, Service, TrafficPoint};
use formwork_core::sim::simulation::{SimError, SimEvent, Simulation};
use formwork_core::template::{Template, parse};

const MINUTE: f64 = 60.0;
const HOUR: f64 = 3600.0;
const DAY: f64 = 86_400.0;

/// A group of t3.small in two zones behind an ALB whose health check passes a target
/// in about 10 s, with `group` as its size properties and `extra` resources after it.
fn template(group: &str, extra: &str) -> Template {
    let text = format!(
        r#"AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {{ CidrBlock: 10.0.0.0/16 }}
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties: {{ VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24, AvailabilityZone: us-east-1a, MapPublicIpOnLaunch: true }}
  SubnetB:
    Type: AWS::EC2::Subnet
    Properties: {{ VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: us-east-1b, MapPublicIpOnLaunch: true }}
  Alb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: {{ Subnets: [!Ref SubnetA, !Ref SubnetB] }}
  Web:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      Port: 80
      Protocol: HTTP
      VpcId: !Ref Vpc
      HealthCheckIntervalSeconds: 5
      HealthyThresholdCount: 2
      TargetGroupAttributes:
        - {{ Key: deregistration_delay.timeout_seconds, Value: "30" }}
  Listener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Alb
      Port: 80
      Protocol: HTTP
      DefaultActions: [ {{ Type: forward, TargetGroupArn: !Ref Web }} ]
  LaunchTemplate:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        ImageId: ami-0123456789abcdef0
        InstanceType: t3.small
        Monitoring: {{ Enabled: true }}
  Group:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
{group}
      VPCZoneIdentifier: [!Ref SubnetA, !Ref SubnetB]
      LaunchTemplate:
        LaunchTemplateId: !Ref LaunchTemplate
        Version: !GetAtt LaunchTemplate.LatestVersionNumber
      TargetGroupARNs: [!Ref Web]
{extra}"#
    );
    parse(&text).unwrap().template
}

const TWO_TO_TEN: &str = r#"      MinSize: "2"
      MaxSize: "10"
      DesiredCapacity: "2""#;

/// `rps` requests a second of 20 ms of CPU each for `duration` seconds, from `start`.
fn scenario(start: &str, duration: f64, rps: f64) -> Scenario {
    Scenario {
        duration,
        start: start.into(),
        traffic: vec![TrafficPoint { at: 0.0, rps }],
        requests: vec![RequestClass {
            name: "page".into(),
            path: "/".into(),
            method: "GET".into(),
            host: None,
            weight: 1.0,
            cpu_ms: 20.0,
            service: Service::Exponential,
            cv: 1.0,
            db_queries: 0,
            db_ms: 0.0,
            response_kb: 10.0,
        }],
        ..Scenario::default()
    }
}

fn run(t: &Template, s: Scenario) -> Simulation {
    let mut sim = Simulation::new(t, s).unwrap();
    sim.run();
    sim
}

/// When the actions ran, and what they said.
fn executions(events: &[SimEvent]) -> Vec<(f64, &str)> {
    events
        .iter()
        .filter(|e| e.kind == "scaling" && e.message.starts_with("Executing scheduled action"))
        .map(|e| (e.t, e.message.as_str()))
        .collect()
}

/// The group's instances that are running (in service), and those launched or
/// running (not on their way out).
fn counts(sim: &Simulation) -> (usize, usize) {
    let of_group = sim.instances.iter().filter(|i| i.group == Some(0));
    let running = of_group.clone().filter(|i| i.life == Life::Running).count();
    let live = of_group
        .filter(|i| matches!(i.life, Life::Pending | Life::Running))
        .count();
    (running, live)
}

#[test]
fn a_scheduled_action_at_its_cron_time_raises_desired_from_2_to_6() {
    let t = template(
        TWO_TO_TEN,
        r#"  MorningPeak:
    Type: AWS::AutoScaling::ScheduledAction
    Properties:
      AutoScalingGroupName: !Ref Group
      DesiredCapacity: 6
      Recurrence: "0 9 * * *"
"#,
    );
    // The run starts at 08:00 UTC: 09:00 is an hour in.
    let mut sim = Simulation::new(&t, scenario("2027-01-04T08:00:00Z", 2.0 * HOUR, 5.0)).unwrap();
    assert!(
        sim.world
            .not_simulated
            .iter()
            .all(|n| n.resource != "MorningPeak"),
        "simulated: {:?}",
        sim.world.not_simulated
    );
    let boot = sim.scenario.assumptions.boot_s;
    let ready = boot + sim.scenario.assumptions.app_start_s;
    sim.advance(HOUR - 1.0, u64::MAX);
    assert_eq!(sim.desired[0], 2, "not yet");
    sim.advance(HOUR, u64::MAX);
    assert_eq!(sim.desired[0], 6, "at 09:00:00 exactly");
    let runs = executions(&sim.events);
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0].0, HOUR);
    assert_eq!(
        runs[0].1,
        "Executing scheduled action MorningPeak. Cause: At 2027-01-04T09:00:00Z a scheduled action update of AutoScalingGroup constraints to min: 2, max: 10, desired: 6 changing the desired capacity from 2 to 6."
    );
    // Four launches, each giving the action as its cause.
    let launches: Vec<&SimEvent> = sim
        .events
        .iter()
        .filter(|e| e.message.starts_with("Launching a new EC2 instance"))
        .collect();
    assert_eq!(launches.len(), 4);
    assert!(launches.iter().all(|e| {
        e.t == HOUR
            && e.message
                .contains("a scheduled action update of AutoScalingGroup constraints")
    }));
    // In service once booted; behind the load balancer once the application answers
    // and passes two health checks 5 s apart.
    sim.advance(HOUR + boot - 1.0, u64::MAX);
    assert_eq!(counts(&sim), (2, 6), "booting");
    sim.advance(HOUR + boot, u64::MAX);
    assert_eq!(counts(&sim), (6, 6), "in service {boot} s after the action");
    sim.advance(HOUR + ready + 15.0, u64::MAX);
    let snapshot = sim.snapshot();
    assert_eq!(snapshot.groups[0].desired, 6);
    assert_eq!(snapshot.target_groups[0].healthy, 6, "all six serving");
    // The audit trail has the group's update and the four launches.
    let names: Vec<&str> = sim
        .audit
        .records
        .iter()
        .filter(|r| r["simulatedSeconds"] == HOUR)
        .map(|r| r["eventName"].as_str().unwrap())
        .collect();
    assert_eq!(names.iter().filter(|n| **n == "RunInstances").count(), 4);
    let update = sim
        .audit
        .records
        .iter()
        .find(|r| r["eventName"] == "UpdateAutoScalingGroup")
        .expect("the update is recorded");
    assert_eq!(update["eventTime"], "2027-01-04T09:00:00Z");
    assert_eq!(update["requestParameters"]["desiredCapacity"], 6);
}

#[test]
fn an_action_that_lowers_max_below_the_desired_capacity_scales_in() {
    let t = template(
        r#"      MinSize: "2"
      MaxSize: "10"
      DesiredCapacity: "6""#,
        r#"  NightCap:
    Type: AWS::AutoScaling::ScheduledAction
    Properties:
      AutoScalingGroupName: !Ref Group
      MaxSize: 3
      StartTime: "2027-01-04T00:30:00Z"
"#,
    );
    // From the default start, midnight of Monday 2027-01-04.
    let sim = run(&t, scenario(&Scenario::default().start, HOUR, 5.0));
    let runs = executions(&sim.events);
    assert_eq!(runs.len(), 1, "a one-time action runs once");
    assert_eq!(runs[0].0, 30.0 * MINUTE);
    assert!(
        runs[0]
            .1
            .contains("to min: 2, max: 3, desired: 3 changing the desired capacity from 6 to 3")
    );
    let terminations = sim
        .events
        .iter()
        .filter(|e| e.message.starts_with("Terminating EC2 instance"))
        .count();
    assert_eq!(terminations, 3);
    let snapshot = sim.snapshot();
    assert_eq!((snapshot.groups[0].max, snapshot.groups[0].desired), (3, 3));
    assert_eq!(snapshot.groups[0].instances.len(), 3, "drained and gone");
    assert_eq!(counts(&sim), (3, 3));
}

#[test]
fn a_recurrence_runs_every_day_of_a_two_day_run() {
    // AWS's sample AutoScalingScheduledAction: MinSize 5 at 07:00, back to 1 at 19:00.
    let t = template(
        r#"      MinSize: "1"
      MaxSize: "5"
      DesiredCapacity: "1""#,
        r#"  ScheduledActionUp:
    Type: AWS::AutoScaling::ScheduledAction
    Properties:
      AutoScalingGroupName: !Ref Group
      MaxSize: "10"
      MinSize: "5"
      Recurrence: 0 7 * * *
  ScheduledActionDown:
    Type: AWS::AutoScaling::ScheduledAction
    Properties:
      AutoScalingGroupName: !Ref Group
      MaxSize: "1"
      MinSize: "1"
      Recurrence: 0 19 * * *
"#,
    );
    let sim = run(&t, scenario(&Scenario::default().start, 2.0 * DAY, 0.2));
    let runs = executions(&sim.events);
    let times: Vec<f64> = runs.iter().map(|r| r.0).collect();
    assert_eq!(
        times,
        [7.0 * HOUR, 19.0 * HOUR, DAY + 7.0 * HOUR, DAY + 19.0 * HOUR]
    );
    // Setting only MinSize raised the desired capacity to it; MaxSize 1 brought it down.
    assert!(
        runs[0]
            .1
            .contains("min: 5, max: 10, desired: 5 changing the desired capacity from 1 to 5")
    );
    assert!(
        runs[1]
            .1
            .contains("min: 1, max: 1, desired: 1 changing the desired capacity from 5 to 1")
    );
    assert!(runs[2].1.contains("ScheduledActionUp") && runs[3].1.contains("ScheduledActionDown"));
    // Five instances in service through each morning's peak.
    let seconds = &sim.timeline_groups[0];
    let at = |t: f64| seconds[t as usize - 1].1;
    assert_eq!(at(7.0 * HOUR + 2.0 * MINUTE), 5);
    assert_eq!(at(DAY + 12.0 * HOUR), 5);
    assert_eq!(at(DAY + 23.0 * HOUR), 1);
}

#[test]
fn a_recurrence_runs_at_its_start_time_and_not_after_its_end_time() {
    let t = template(
        TWO_TO_TEN,
        r#"  Weekdays:
    Type: AWS::AutoScaling::ScheduledAction
    Properties:
      AutoScalingGroupName: !Ref Group
      DesiredCapacity: 4
      Recurrence: "0 9 * * 1-5"
      StartTime: "2027-01-04T03:00:00Z"
      EndTime: "2027-01-05T00:00:00Z"
  Evenings:
    Type: AWS::AutoScaling::ScheduledAction
    Properties:
      AutoScalingGroupName: !Ref Group
      DesiredCapacity: 2
      Recurrence: "30 18 * * MON-FRI"
"#,
    );
    let sim = run(&t, scenario(&Scenario::default().start, 2.0 * DAY, 0.2));
    let runs: Vec<(f64, bool)> = executions(&sim.events)
        .iter()
        .map(|(t, m)| (*t, m.contains("Weekdays")))
        .collect();
    assert_eq!(
        runs,
        [
            (3.0 * HOUR, true),
            (9.0 * HOUR, true),
            (18.5 * HOUR, false),
            (DAY + 18.5 * HOUR, false)
        ],
        "Tuesday 09:00 is after EndTime"
    );
}

#[test]
fn a_time_zone_moves_the_schedule_and_an_action_dated_before_the_run_is_said_not_to_run() {
    let t = template(
        TWO_TO_TEN,
        r#"  SeoulMorning:
    Type: AWS::AutoScaling::ScheduledAction
    Properties:
      AutoScalingGroupName: !Ref Group
      DesiredCapacity: 3
      Recurrence: "0 9 * * *"
      TimeZone: Asia/Seoul
  Launch:
    Type: AWS::AutoScaling::ScheduledAction
    Properties:
      AutoScalingGroupName: !Ref Group
      DesiredCapacity: 8
      StartTime: "2026-12-31T00:00:00Z"
"#,
    );
    let sim = run(&t, scenario("2027-01-03T23:00:00Z", 2.0 * HOUR, 0.2));
    // 09:00 in Seoul is midnight UTC, an hour into the run.
    let runs = executions(&sim.events);
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0].0, HOUR);
    assert!(runs[0].1.contains("SeoulMorning"));
    assert!(sim.events.iter().any(|e| e.message
        == "Scheduled action Launch does not run: its StartTime 2026-12-31T00:00:00Z is before the run starts (2027-01-03T23:00:00Z)"));
    assert_eq!(sim.desired[0], 3);
}

#[test]
fn an_action_the_simulator_cannot_place_is_listed_with_the_reason() {
    let t = template(
        TWO_TO_TEN,
        r#"  Santiago:
    Type: AWS::AutoScaling::ScheduledAction
    Properties:
      AutoScalingGroupName: !Ref Group
      DesiredCapacity: 4
      Recurrence: "0 9 * * *"
      TimeZone: America/Santiago
  Elsewhere:
    Type: AWS::AutoScaling::ScheduledAction
    Properties:
      AutoScalingGroupName: a-group-of-another-stack
      DesiredCapacity: 4
      Recurrence: "0 9 * * *"
"#,
    );
    let sim = Simulation::new(&t, Scenario::default()).unwrap();
    let listed: Vec<(&str, &str)> = sim
        .world
        .not_simulated
        .iter()
        .filter(|n| n.type_name == "AWS::AutoScaling::ScheduledAction")
        .map(|n| (n.resource.as_str(), n.reason.as_str()))
        .collect();
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert!(listed[0].0 == "Santiago" && listed[0].1.contains("time zone America/Santiago"));
    assert!(listed[1].0 == "Elsewhere" && listed[1].1.contains("not a simulated group"));
    assert!(sim.world.groups[0].scheduled.is_empty());
}

/// A step policy on the group's CPU above 50 %, its warmup two minutes, and `steps`
/// (with `AdjustmentType` and the like) as its other properties.
fn step_policy(group: &str, properties: &str) -> Template {
    template(
        group,
        &format!(
            r#"  Steps:
    Type: AWS::AutoScaling::ScalingPolicy
    Properties:
      AutoScalingGroupName: !Ref Group
      PolicyType: StepScaling
      EstimatedInstanceWarmup: 120
{properties}
  CpuHigh:
    Type: AWS::CloudWatch::Alarm
    Properties:
      MetricName: CPUUtilization
      Namespace: AWS/EC2
      Statistic: Average
      Period: 60
      EvaluationPeriods: 1
      Threshold: 50
      ComparisonOperator: GreaterThanThreshold
      AlarmActions: [!Ref Steps]
      Dimensions: [ {{ Name: AutoScalingGroupName, Value: !Ref Group }} ]
"#
        ),
    )
}

/// The first change a policy made: (from, to), from its cause's words.
fn first_change(sim: &Simulation) -> (u32, u32) {
    let e = sim
        .events
        .iter()
        .find(|e| {
            e.message.starts_with("Launching") && e.message.contains("triggered policy Steps")
        })
        .expect("the policy scaled out");
    let words: Vec<&str> = e.message.split_whitespace().collect();
    let k = words.iter().position(|w| *w == "from").unwrap();
    let number = |w: &str| w.trim_end_matches('.').parse::<u32>().unwrap();
    (number(words[k + 1]), number(words[k + 3]))
}

#[test]
fn a_step_policy_takes_the_step_the_breach_falls_in() {
    let t = step_policy(
        r#"      MinSize: "1"
      MaxSize: "20"
      DesiredCapacity: "2""#,
        r#"      AdjustmentType: ChangeInCapacity
      StepAdjustments:
        - { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 20, ScalingAdjustment: 1 }
        - { MetricIntervalLowerBound: 20, MetricIntervalUpperBound: 40, ScalingAdjustment: 2 }
        - { MetricIntervalLowerBound: 40, ScalingAdjustment: 4 }"#,
    );
    // Two t3.small are 4 vCPUs: 120 requests/s of 20 ms keep them 60 % busy (a breach
    // of about 10), 400 requests/s more than saturate them (a breach of 50).
    let small = run(
        &t,
        scenario(&Scenario::default().start, 4.0 * MINUTE, 120.0),
    );
    let big = run(
        &t,
        scenario(&Scenario::default().start, 4.0 * MINUTE, 400.0),
    );
    assert_eq!(first_change(&small), (2, 3));
    assert_eq!(first_change(&big), (2, 6));
}

#[test]
fn exact_capacity_and_percent_change_with_min_adjustment_magnitude() {
    let exact = step_policy(
        TWO_TO_TEN,
        r#"      AdjustmentType: ExactCapacity
      StepAdjustments:
        - { MetricIntervalLowerBound: 0, ScalingAdjustment: 7 }"#,
    );
    let sim = run(
        &exact,
        scenario(&Scenario::default().start, 4.0 * MINUTE, 150.0),
    );
    assert_eq!(first_change(&sim), (2, 7));

    // 25 % of 4 is 1; MinAdjustmentMagnitude 2 makes it 2.
    let four = r#"      MinSize: "1"
      MaxSize: "10"
      DesiredCapacity: "4""#;
    let percent = |magnitude: &str| {
        step_policy(
            four,
            &format!(
                r#"      AdjustmentType: PercentChangeInCapacity
{magnitude}      StepAdjustments:
        - {{ MetricIntervalLowerBound: 0, ScalingAdjustment: 25 }}"#
            ),
        )
    };
    let traffic = || scenario(&Scenario::default().start, 4.0 * MINUTE, 300.0);
    assert_eq!(first_change(&run(&percent(""), traffic())), (4, 5));
    assert_eq!(
        first_change(&run(
            &percent("      MinAdjustmentMagnitude: 2\n"),
            traffic()
        )),
        (4, 6)
    );
}

#[test]
fn step_adjustments_that_leave_a_gap_are_an_error_naming_the_policy() {
    let t = step_policy(
        TWO_TO_TEN,
        r#"      StepAdjustments:
        - { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 10, ScalingAdjustment: 1 }
        - { MetricIntervalLowerBound: 20, ScalingAdjustment: 2 }"#,
    );
    let Err(SimError::World(e)) = Simulation::new(&t, Scenario::default()) else {
        panic!("a gap between the steps is refused");
    };
    assert_eq!(
        (e.resource.as_str(), e.property.as_str()),
        ("Steps", "StepAdjustments")
    );
    assert!(
        e.message.contains("one ends at 10, the next starts at 20"),
        "{e}"
    );
}

#[test]
fn a_malformed_recurrence_is_an_error_naming_the_resource_and_property() {
    for (recurrence, words) in [
        ("0 25 * * *", "field 2 (hour: 25 is outside 0-23)"),
        ("0 9 * *", "has 4 fields"),
        ("every day", "has 2 fields"),
        ("0 9 * * FUNDAY", "`FUNDAY` is not a number"),
    ] {
        let t = template(
            TWO_TO_TEN,
            &format!(
                r#"  Broken:
    Type: AWS::AutoScaling::ScheduledAction
    Properties:
      AutoScalingGroupName: !Ref Group
      DesiredCapacity: 4
      Recurrence: "{recurrence}"
"#
            ),
        );
        let Err(SimError::World(e)) = Simulation::new(&t, Scenario::default()) else {
            panic!("{recurrence} is refused");
        };
        assert_eq!(
            (e.resource.as_str(), e.property.as_str()),
            ("Broken", "Recurrence")
        );
        assert!(e.message.contains(words), "{recurrence}: {e}");
    }
    // A start time that is not one, and a scenario start that is not one.
    let t = template(
        TWO_TO_TEN,
        r#"  Broken:
    Type: AWS::AutoScaling::ScheduledAction
    Properties:
      AutoScalingGroupName: !Ref Group
      DesiredCapacity: 4
      StartTime: "next Monday"
"#,
    );
    let Err(SimError::World(e)) = Simulation::new(&t, Scenario::default()) else {
        panic!("refused");
    };
    assert_eq!(e.property, "StartTime");
    let Err(SimError::Scenario(e)) = Simulation::new(&t, scenario("Monday", 60.0, 1.0)) else {
        panic!("refused");
    };
    assert!(e.contains("start: `Monday` is not a UTC time"), "{e}");
}
