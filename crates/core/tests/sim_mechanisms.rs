//! The documented AWS timings as exact tests, and the mechanisms at work on the
//! samples (SIMULATION.md): health checks take a dead instance out of service in
//! 45-55 s with the lab's settings; a Multi-AZ failover's outage lies in 60-120 s; a
//! simple policy waits out its cooldown and target tracking does not; an AZ outage
//! leaves a two-zone deployment serving and takes a one-zone one down.

use formwork_core::sim::report::Report;
use formwork_core::sim::scenario::{
    FaultKind, FaultSpec, RequestClass, Scenario, Service, TrafficPoint,
};
use formwork_core::sim::simulation::{SimEvent, Simulation};
use formwork_core::template::{Template, parse};

fn sample(name: &str) -> String {
    let path = format!("{}/data/samples/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).unwrap()
}

fn template(text: &str) -> Template {
    parse(text).unwrap().template
}

/// The WordPress lab's parameters that have no default.
fn wordpress_scenario(seed: u64, rps: f64, duration: f64) -> Scenario {
    let mut s = Scenario {
        seed,
        duration,
        region: "ap-northeast-2".into(),
        traffic: vec![TrafficPoint { at: 0.0, rps }],
        requests: vec![RequestClass {
            name: "page".into(),
            path: "/wordpress/".into(),
            method: "GET".into(),
            host: None,
            weight: 1.0,
            cpu_ms: 20.0,
            service: Service::Exponential,
            cv: 1.0,
            db_queries: 2,
            db_ms: 2.0,
            response_kb: 40.0,
        }],
        ..Scenario::default()
    };
    for (k, v) in [
        ("KeyName", "lab"),
        ("DBUser", "admin"),
        ("DBPassword", "password1"),
    ] {
        s.parameters.insert(k.into(), v.into());
    }
    s
}

fn fault(
    at: f64,
    kind: FaultKind,
    target: Option<&str>,
    zone: Option<&str>,
    lasting: Option<f64>,
) -> FaultSpec {
    FaultSpec {
        at,
        kind,
        target: target.map(str::to_string),
        zone: zone.map(str::to_string),
        lasting,
        ms: None,
    }
}

fn run(t: &Template, s: Scenario) -> Simulation {
    let mut sim = Simulation::new(t, s).unwrap();
    sim.run();
    sim
}

fn first(events: &[SimEvent], matches: impl Fn(&SimEvent) -> bool) -> &SimEvent {
    events
        .iter()
        .find(|e| matches(e))
        .expect("the event happened")
}

#[test]
fn a_dead_instance_leaves_service_45_to_55_s_after_it_dies_with_the_labs_health_check() {
    let t = template(&sample("wordpress-multi-az.yaml"));
    let mut delays = Vec::new();
    for seed in 1..=40 {
        let mut s = wordpress_scenario(seed, 20.0, 900.0);
        s.faults = vec![fault(
            300.0,
            FaultKind::InstanceFailure,
            Some("WebServerGroup"),
            None,
            None,
        )];
        let sim = run(&t, s);
        let died = first(&sim.events, |e| {
            e.kind == "instance" && e.message.ends_with("stopped")
        });
        let id = died.message.split(' ').next().unwrap().to_string();
        let out = first(&sim.events, |e| {
            e.kind == "target-health"
                && e.message.contains(&id)
                && e.message.ends_with("healthy -> unhealthy")
        });
        delays.push(out.t - died.t);
    }
    let (lo, hi) = delays
        .iter()
        .fold((f64::MAX, 0.0f64), |(l, h), d| (l.min(*d), h.max(*d)));
    println!("detection delays over 40 runs: {lo:.1} .. {hi:.1} s");
    assert!(lo >= 45.0 && hi <= 55.0, "{lo} .. {hi}");
    // The first failing check falls anywhere in the 10 s interval.
    assert!(lo < 47.0 && hi > 53.0, "{lo} .. {hi}");
}

fn database_outage(multi_az: bool, seed: u64) -> (f64, Report) {
    let mut text = sample("wordpress-multi-az.yaml");
    if !multi_az {
        text = text.replace("MultiAZ: true", "MultiAZ: false");
    }
    let t = template(&text);
    let mut s = wordpress_scenario(seed, 20.0, 1800.0);
    s.faults = vec![fault(
        300.0,
        FaultKind::DbFailover,
        Some("Database"),
        None,
        None,
    )];
    let sim = run(&t, s);
    let failed = first(&sim.events, |e| {
        e.kind == "database" && !e.message.contains("available again")
    });
    let back = first(&sim.events, |e| {
        e.kind == "database" && e.message.contains("available again")
    });
    (back.t - failed.t, Report::of(&sim))
}

#[test]
fn a_multi_az_failover_takes_60_to_120_s_and_a_single_az_database_minutes() {
    for seed in 1..=20 {
        let (outage, report) = database_outage(true, seed);
        assert!((60.0..=120.0).contains(&outage), "seed {seed}: {outage}");
        let down: f64 = report.downtime.iter().map(|d| d.end - d.start).sum();
        assert!((59.0..=122.0).contains(&down), "seed {seed}: {down} s down");
        assert!(
            report.downtime[0]
                .cause
                .contains("failing over to its standby")
        );
    }
    let (outage, report) = database_outage(false, 1);
    assert_eq!(outage, 600.0, "the single_az_replacement_s assumption");
    assert!(report.downtime[0].cause.contains("being replaced"));
}

/// A group of 1..6 t3.small behind the sample's load balancer, with `policy` in place
/// of the sample's target tracking policy.
fn with_policy(policy: &str) -> Template {
    let text = sample("wordpress-multi-az.yaml");
    let start = text.find("  CpuScalingPolicy:").unwrap();
    let end = text.find("  DatabaseSubnetGroup:").unwrap();
    let text = format!("{}{policy}\n{}", &text[..start], &text[end..])
        .replace("MaxSize: \"5\"", "MaxSize: \"6\"")
        .replace("DesiredCapacity: \"2\"", "DesiredCapacity: \"1\"")
        // Detailed monitoring: one datapoint a minute.
        .replace(
            "        InstanceType: !Ref InstanceType\n",
            "        InstanceType: !Ref InstanceType\n        Monitoring: { Enabled: true }\n",
        );
    template(&text)
}

fn scale_outs(sim: &Simulation) -> Vec<f64> {
    let mut times: Vec<f64> = sim
        .events
        .iter()
        .filter(|e| {
            e.kind == "scaling" && e.message.starts_with("Launching") && e.message.contains("alarm")
        })
        .map(|e| e.t)
        .collect();
    times.dedup();
    times
}

#[test]
fn a_simple_policy_waits_out_its_cooldown_and_target_tracking_does_not() {
    let simple = with_policy(
        "  ScaleUp:
    Type: AWS::AutoScaling::ScalingPolicy
    Properties:
      AutoScalingGroupName: !Ref WebServerGroup
      AdjustmentType: ChangeInCapacity
      ScalingAdjustment: 1
      Cooldown: 300
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
      AlarmActions: [!Ref ScaleUp]
      Dimensions: [ { Name: AutoScalingGroupName, Value: !Ref WebServerGroup } ]",
    );
    // 250 requests/s of 20 ms: 5 vCPUs of work, more than the group's first instance.
    let sim = run(&simple, wordpress_scenario(3, 250.0, 3600.0));
    let outs = scale_outs(&sim);
    assert!(outs.len() >= 3, "{outs:?}");
    assert!(
        outs.windows(2).all(|w| w[1] - w[0] >= 300.0),
        "cooldown kept: {outs:?}"
    );

    let tracking = with_policy(
        "  Tracking:
    Type: AWS::AutoScaling::ScalingPolicy
    Properties:
      AutoScalingGroupName: !Ref WebServerGroup
      PolicyType: TargetTrackingScaling
      TargetTrackingConfiguration:
        PredefinedMetricSpecification: { PredefinedMetricType: ASGAverageCPUUtilization }
        TargetValue: 50",
    );
    let sim = run(&tracking, wordpress_scenario(3, 250.0, 3600.0));
    let outs = scale_outs(&sim);
    assert!(outs.len() >= 2, "{outs:?}");
    assert!(
        outs.windows(2).any(|w| w[1] - w[0] < 300.0),
        "no cooldown: {outs:?}"
    );
    let most = sim.instances.iter().filter(|i| i.group.is_some()).count();
    assert!(sim.desired[0] <= 6 && most >= 2);
}

#[test]
fn a_traffic_spike_scales_out_and_back_within_min_and_max() {
    let t = template(&sample("wordpress-multi-az.yaml"));
    let mut s = wordpress_scenario(5, 30.0, 4.0 * 3600.0);
    s.traffic = vec![
        TrafficPoint { at: 0.0, rps: 30.0 },
        TrafficPoint {
            at: 1800.0,
            rps: 200.0,
        },
        TrafficPoint {
            at: 3600.0,
            rps: 200.0,
        },
        TrafficPoint {
            at: 4000.0,
            rps: 20.0,
        },
    ];
    let sim = run(&t, s);
    let report = Report::of(&sim);
    let counts: Vec<u32> = report
        .timeline
        .iter()
        .map(|r| r.groups[0].instances)
        .collect();
    let peak = *counts.iter().max().unwrap();
    let last = *counts.last().unwrap();
    println!("instances: start {}, peak {peak}, end {last}", counts[0]);
    assert!(peak > 2 && peak <= 5, "scaled out within MaxSize 5: {peak}");
    assert!(
        last < peak && last >= 1,
        "scaled back within MinSize 1: {last}"
    );
    assert!(sim.events.iter().any(|e| e.message.contains("AlarmLow")));
}

#[test]
fn an_az_outage_leaves_two_zones_serving_and_takes_one_zone_down() {
    let two = template(&sample("wordpress-multi-az.yaml"));
    let mut s = wordpress_scenario(2, 20.0, 1800.0);
    s.faults = vec![fault(
        300.0,
        FaultKind::AzOutage,
        None,
        Some("ap-northeast-2a"),
        Some(600.0),
    )];
    let sim = run(&two, s.clone());
    let report = Report::of(&sim);
    let down: f64 = report.downtime.iter().map(|d| d.end - d.start).sum();
    println!(
        "two zones: {down} s down of a 600 s outage; {:?}",
        report.downtime
    );
    // The database fails over (60-120 s) and the load balancer stops sending to the
    // dead zone's instance within a minute; the other zone serves throughout.
    assert!(down <= 125.0, "{down}");

    let one = template(
        &sample("wordpress-multi-az.yaml")
            .replace(
                "        - !Ref PublicSubnet1\n        - !Ref PublicSubnet2\n      TargetGroupARNs",
                "        - !Ref PublicSubnet1\n      TargetGroupARNs",
            )
            .replace("MultiAZ: true", "MultiAZ: false"),
    );
    let sim = run(&one, s);
    let report = Report::of(&sim);
    let down: f64 = report.downtime.iter().map(|d| d.end - d.start).sum();
    println!("one zone: {down} s down; {:?}", report.downtime);
    assert!(down >= 600.0, "down for the whole outage: {down}");
}

#[test]
fn the_same_seed_gives_the_same_run() {
    let t = template(&sample("wordpress-multi-az.yaml"));
    let mut s = wordpress_scenario(9, 60.0, 1200.0);
    s.faults = vec![fault(
        400.0,
        FaultKind::InstanceFailure,
        Some("WebServerGroup"),
        None,
        None,
    )];
    let a = serde_json::to_string(&Report::of(&run(&t, s.clone()))).unwrap();
    let b = serde_json::to_string(&Report::of(&run(&t, s.clone()))).unwrap();
    assert_eq!(a, b);
    s.seed = 10;
    let c = serde_json::to_string(&Report::of(&run(&t, s))).unwrap();
    assert_ne!(a, c);
}

#[test]
fn stepping_in_small_budgets_gives_the_run_done_at_once() {
    let t = template(&sample("wordpress-multi-az.yaml"));
    let s = wordpress_scenario(4, 80.0, 900.0);
    let whole = serde_json::to_string(&Report::of(&run(&t, s.clone()))).unwrap();
    let mut sim = Simulation::new(&t, s).unwrap();
    let mut frames = 0;
    while sim.now < 900.0 {
        // What the designer does each frame: advance a little, read a snapshot.
        sim.advance(sim.now + 5.0, 500);
        let snap = sim.snapshot();
        assert_eq!(snap.groups[0].id, "WebServerGroup");
        frames += 1;
    }
    sim.run();
    assert!(frames > 180);
    assert_eq!(serde_json::to_string(&Report::of(&sim)).unwrap(), whole);
}

#[test]
fn raising_max_size_during_a_run_lets_the_group_grow() {
    let small = sample("wordpress-multi-az.yaml")
        .replace("MaxSize: \"5\"", "MaxSize: \"2\"")
        .replace(
            "        InstanceType: !Ref InstanceType\n",
            "        InstanceType: !Ref InstanceType\n        Monitoring: { Enabled: true }\n",
        );
    // 250 requests/s of 20 ms need 5 vCPUs: more than two t3.small.
    let mut sim = Simulation::new(&template(&small), wordpress_scenario(6, 250.0, 3600.0)).unwrap();
    sim.advance(900.0, u64::MAX);
    let before = sim.snapshot();
    assert_eq!(before.groups[0].desired, 2, "held at MaxSize");
    assert!(
        before.groups[0].instances.iter().all(|i| i.cpu > 90.0),
        "{:?}",
        before.groups[0].instances
    );
    let id_before: Vec<String> = before.groups[0]
        .instances
        .iter()
        .map(|i| i.id.clone())
        .collect();

    sim.apply(&template(
        &small.replace("MaxSize: \"2\"", "MaxSize: \"5\""),
    ))
    .unwrap();
    sim.advance(900.0 + 4.0 * 60.0, u64::MAX);
    let after = sim.snapshot();
    assert!(
        after.groups[0].desired > 2,
        "grew once the alarm saw three datapoints: {}",
        after.groups[0].desired
    );
    // The instances that were running kept running: the state carried over.
    for id in &id_before {
        assert!(
            after.groups[0].instances.iter().any(|i| &i.id == id),
            "{id} kept"
        );
    }
}

#[test]
fn a_fault_injected_while_running_takes_effect_at_once() {
    let t = template(&sample("wordpress-multi-az.yaml"));
    let mut sim = Simulation::new(&t, wordpress_scenario(8, 20.0, 1200.0)).unwrap();
    sim.advance(300.0, u64::MAX);
    sim.inject(fault(
        0.0,
        FaultKind::DbFailover,
        Some("Database"),
        None,
        None,
    ))
    .unwrap();
    sim.advance(310.0, u64::MAX);
    let snap = sim.snapshot();
    assert!(!snap.databases[0].available);
    assert!(
        snap.databases[0]
            .cause
            .as_deref()
            .unwrap()
            .contains("failing over")
    );
    assert!(
        sim.inject(fault(0.0, FaultKind::DbFailover, Some("Nope"), None, None))
            .is_err()
    );
}

/// The run the browser test `sim.rs` of formwork-app repeats in wasm: both must give
/// this fingerprint.
#[test]
fn the_run_is_the_same_natively_and_in_wasm() {
    let t = template(&sample("wordpress-multi-az.yaml"));
    let s = Scenario::read(include_str!("fixtures/sim/wordpress-fingerprint.yaml")).unwrap();
    assert_eq!(Report::of(&run(&t, s)).fingerprint(), WASM_FINGERPRINT);
}

const WASM_FINGERPRINT: &str = "53f15c66a4a6e6a5";

#[test]
fn a_host_failure_takes_down_every_instance_the_hypervisor_placed_on_it() {
    let t = template(
        &sample("wordpress-multi-az.yaml")
            .replace("DesiredCapacity: \"2\"", "DesiredCapacity: \"4\""),
    );
    let mut s = wordpress_scenario(12, 20.0, 900.0);
    // Two instances to a host: the four start two per zone, so two share each host.
    s.assumptions.vms_per_host = 2;
    s.faults = vec![fault(
        300.0,
        FaultKind::HostFailure,
        Some("WebServerGroup"),
        None,
        None,
    )];
    let sim = run(&t, s);
    let stopped: Vec<&SimEvent> = sim
        .events
        .iter()
        .filter(|e| e.kind == "instance" && e.message.ends_with("stopped"))
        .collect();
    assert_eq!(stopped.len(), 2, "{:?}", sim.events);
    assert!(stopped.iter().all(|e| e.t == 300.0));
    // Both are replaced.
    let launches = sim
        .events
        .iter()
        .filter(|e| e.message.starts_with("Launching") && e.t > 300.0)
        .count();
    assert_eq!(launches, 2);
}

#[test]
fn a_classic_load_balancer_spreads_over_its_instances_and_checks_them() {
    let t = template(
        "Resources:
  Elb:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      AvailabilityZones: [us-east-1a, us-east-1b]
      Listeners: [ { LoadBalancerPort: '80', InstancePort: '80', Protocol: HTTP } ]
      Instances: [!Ref A, !Ref B]
  A:
    Type: AWS::EC2::Instance
    Properties: { InstanceType: t3.small, AvailabilityZone: us-east-1a }
  B:
    Type: AWS::EC2::Instance
    Properties: { InstanceType: t3.small, AvailabilityZone: us-east-1b }
",
    );
    let mut s = Scenario {
        duration: 600.0,
        traffic: vec![TrafficPoint { at: 0.0, rps: 40.0 }],
        ..Scenario::default()
    };
    s.faults = vec![fault(
        200.0,
        FaultKind::InstanceFailure,
        Some("A"),
        None,
        None,
    )];
    let sim = run(&t, s);
    let served: Vec<u64> = sim.instances.iter().map(|i| i.served).collect();
    assert!(served.iter().all(|n| *n > 1000), "both served: {served:?}");
    // The Classic defaults: checks every 30 s, out after 2 failures of 5 s each.
    let out = first(&sim.events, |e| e.message.ends_with("healthy -> unhealthy"));
    assert!((235.0..=265.0).contains(&out.t), "{}", out.t);
}

#[test]
fn conditions_and_if_follow_the_parameters_given() {
    let text = "Parameters:
  Env: { Type: String, Default: test, AllowedValues: [test, prod] }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Elb:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      AvailabilityZones: [us-east-1a]
      Listeners: [ { LoadBalancerPort: '80', InstancePort: '80', Protocol: HTTP } ]
      Instances: [!Ref Web]
  Web:
    Type: AWS::EC2::Instance
    Properties: { InstanceType: !If [IsProd, c5.2xlarge, t3.small], AvailabilityZone: us-east-1a }
  Standby:
    Type: AWS::EC2::Instance
    Condition: IsProd
    Properties: { InstanceType: t3.small, AvailabilityZone: us-east-1a }
";
    let t = template(text);
    let test = Simulation::new(&t, Scenario::default()).unwrap();
    assert_eq!(test.world.instances.len(), 1);
    assert_eq!(test.world.instances[0].vcpus, 2);
    assert!(
        test.world
            .not_simulated
            .iter()
            .any(|n| n.resource == "Standby" && n.reason.contains("IsProd"))
    );
    let mut prod = Scenario::default();
    prod.parameters.insert("Env".into(), "prod".into());
    let prod = Simulation::new(&t, prod).unwrap();
    assert_eq!(prod.world.instances.len(), 2);
    assert_eq!(prod.world.instances[0].vcpus, 8);
}

#[test]
fn a_subnet_parameter_without_a_value_is_taken_as_two_zones_and_said_so() {
    let text = "Parameters:
  Subnets: { Type: 'List<AWS::EC2::Subnet::Id>' }
Resources:
  Config:
    Type: AWS::AutoScaling::LaunchConfiguration
    Properties: { ImageId: ami-1, InstanceType: t4g.micro }
  Group:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      VPCZoneIdentifier: !Ref Subnets
      LaunchConfigurationName: !Ref Config
      MinSize: '2'
      MaxSize: '4'
";
    let t = template(text);
    let sim = Simulation::new(&t, Scenario::default()).unwrap();
    assert_eq!(sim.world.zones, ["us-east-1a", "us-east-1b"]);
    assert_eq!(sim.world.groups[0].vcpus, 2, "t4g.micro has 2 vCPUs");
    let assumed = &sim.world.assumed[0];
    assert_eq!(
        (assumed.resource.as_str(), assumed.property.as_str()),
        ("Group", "VPCZoneIdentifier")
    );
    assert!(
        assumed
            .assumption
            .contains("parameter Subnets has no value")
    );
    let text = Report::of(&sim).text();
    assert!(text.contains("Assumed:\n  Group.VPCZoneIdentifier: parameter Subnets"));

    let mut given = Scenario::default();
    given
        .parameters
        .insert("Subnets".into(), "subnet-1,subnet-2,subnet-3".into());
    let sim = Simulation::new(&t, given).unwrap();
    assert_eq!(sim.world.zones.len(), 3);
    assert!(sim.world.assumed.is_empty());
}

/// A busy hour, then a quiet one: the group scales in, and what happens to the
/// sessions of the instances it lets go depends on where their state lives.
fn sessions_after_scale_in(extra: &str) -> formwork_core::sim::report::SessionSummary {
    let text =
        sample("wordpress-multi-az.yaml").replace("Outputs:\n", &format!("{extra}Outputs:\n"));
    let t = template(&text);
    let mut s = wordpress_scenario(13, 150.0, 2.0 * 3600.0);
    s.traffic = vec![
        TrafficPoint {
            at: 0.0,
            rps: 150.0,
        },
        TrafficPoint {
            at: 3600.0,
            rps: 150.0,
        },
        TrafficPoint {
            at: 3700.0,
            rps: 10.0,
        },
    ];
    s.sessions = Some(formwork_core::sim::scenario::Sessions {
        requests: 20.0,
        length: 1800.0,
        needs_state: true,
    });
    let sim = run(&t, s);
    assert!(
        sim.events.iter().any(|e| e.message.contains("AlarmLow")),
        "scaled in"
    );
    Report::of(&sim).summary.sessions.unwrap()
}

#[test]
fn sessions_kept_on_instances_are_lost_on_scale_in_and_those_in_a_store_are_not() {
    let on_instances = sessions_after_scale_in("");
    println!("{on_instances:?}");
    assert_eq!(on_instances.kept_in, "instances");
    assert!(on_instances.lost > 0);
    let in_store = sessions_after_scale_in(
        "  SessionCache:
    Type: AWS::ElastiCache::CacheCluster
    Properties: { Engine: redis, CacheNodeType: cache.t3.micro, NumCacheNodes: 1 }

",
    );
    println!("{in_store:?}");
    assert_eq!(in_store.kept_in, "SessionCache");
    assert_eq!(in_store.lost, 0);
    assert!(in_store.started > 1000);
}

#[test]
fn added_latency_on_a_tier_shows_in_the_percentiles_while_it_lasts() {
    let t = template(&sample("wordpress-multi-az.yaml"));
    let calm = run(&t, wordpress_scenario(14, 20.0, 1200.0));
    let mut s = wordpress_scenario(14, 20.0, 1200.0);
    let mut slow = fault(
        0.0,
        FaultKind::AddedLatency,
        Some("WebServerGroup"),
        None,
        Some(600.0),
    );
    slow.ms = Some(300.0);
    s.faults = vec![slow];
    let slowed = run(&t, s);
    let (a, b) = (calm.sla.latency(), slowed.sla.latency());
    println!(
        "p50 {:.1} -> {:.1} ms, p99 {:.1} -> {:.1} ms",
        a.p50, b.p50, a.p99, b.p99
    );
    // Half the requests are 300 ms slower: the slowest 1 % are all slowed ones, the
    // slowest 2 % of that half, so p99 is the calm run's p98 plus 300 ms.
    assert!(
        b.p99 - 300.0 > a.p95 && b.p99 - 300.0 < a.p99,
        "{a:?} {b:?}"
    );
    assert!(
        (b.mean - a.mean - 150.0).abs() < 10.0,
        "{} vs {}",
        a.mean,
        b.mean
    );
    assert_eq!(slowed.sla.errors, 0);
}

#[test]
fn slow_start_ramps_a_new_targets_share_up_linearly() {
    let base = sample("wordpress-multi-az.yaml").replace(
        "        InstanceType: !Ref InstanceType\n",
        "        InstanceType: !Ref InstanceType\n        Monitoring: { Enabled: true }\n",
    );
    let slow = base.replace(
        "        - Key: stickiness.enabled",
        "        - Key: slow_start.duration_seconds\n          Value: \"600\"\n        - Key: stickiness.enabled",
    );
    // 150 requests/s of 20 ms: 3 vCPUs of work on two t3.small, so the group scales out.
    let served_by_first_launch = |text: &str, until: Option<f64>| {
        let mut sim =
            Simulation::new(&template(text), wordpress_scenario(15, 150.0, 3600.0)).unwrap();
        match until {
            Some(t) => {
                sim.advance(t, u64::MAX);
            }
            None => sim.run(),
        }
        let healthy = sim
            .events
            .iter()
            .find(|e| {
                e.message.contains("i-00000000000000003") && e.message.ends_with("-> healthy")
            })
            .map(|e| e.t);
        (sim.instances.get(2).map_or(0, |i| i.served), healthy)
    };
    let (_, healthy) = served_by_first_launch(&base, None);
    let at = healthy.expect("the group scaled out and the new target became healthy");
    let (plain, _) = served_by_first_launch(&base, Some(at + 300.0));
    let (ramped, _) = served_by_first_launch(&slow, Some(at + 300.0));
    let ratio = ramped as f64 / plain as f64;
    println!(
        "first 300 s after healthy: {plain} requests without slow start, {ramped} with 600 s (ratio {ratio:.2})"
    );
    // Its share rises from 0 to 0.5 over those 300 s: a quarter on average.
    assert!((0.15..0.4).contains(&ratio), "{ratio}");
}

#[test]
fn applying_a_document_adds_and_removes_standalone_instances_by_logical_id() {
    let elb = |instances: &str, defined: &[&str]| {
        let mut text = format!(
            "Resources:
  Elb:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      AvailabilityZones: [us-east-1a]
      Listeners: [ {{ LoadBalancerPort: '80', InstancePort: '80', Protocol: HTTP }} ]
      Instances: [{instances}]
"
        );
        for id in defined {
            text.push_str(&format!(
                "  {id}:\n    Type: AWS::EC2::Instance\n    Properties: {{ InstanceType: t3.small, AvailabilityZone: us-east-1a }}\n"
            ));
        }
        template(&text)
    };
    let s = Scenario {
        duration: 1200.0,
        traffic: vec![TrafficPoint { at: 0.0, rps: 40.0 }],
        ..Scenario::default()
    };
    let mut sim = Simulation::new(&elb("!Ref A, !Ref B", &["A", "B"]), s).unwrap();
    sim.advance(300.0, u64::MAX);
    // B leaves, C arrives, and A, written after C now, keeps its instance.
    sim.apply(&elb("!Ref A, !Ref C", &["C", "A"])).unwrap();
    let served_before: Vec<u64> = sim.instances.iter().map(|i| i.served).collect();
    sim.run();
    let ids: Vec<&str> = sim.world.instances.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["C", "A"]);
    let a = sim
        .instances
        .iter()
        .position(|i| i.standalone == Some(1))
        .unwrap();
    let c = sim
        .instances
        .iter()
        .position(|i| i.standalone == Some(0))
        .unwrap();
    assert_eq!(a, 0, "A keeps the instance it had");
    assert!(sim.instances[a].served > served_before[a] + 5_000);
    assert!(sim.instances[c].served > 5_000, "C serves once added");
    assert_eq!(
        sim.instances[1].life,
        formwork_core::sim::resource_cluster::Life::Terminated,
        "B went"
    );
    assert_eq!(sim.sla.errors, 0);
}

#[test]
fn web_servers_from_a_for_each_loop_are_simulated_behind_the_load_balancer() {
    let text = "Transform: AWS::LanguageExtensions
Parameters:
  Zones:
    Type: CommaDelimitedList
    Default: us-east-1a,us-east-1b
Resources:
  Lb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [!Ref Netuseast1a, !Ref Netuseast1b]
  Listener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Lb
      Port: 80
      Protocol: HTTP
      DefaultActions: [ { Type: forward, TargetGroupArn: !Ref Tg } ]
  Tg:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      Port: 80
      Protocol: HTTP
      VpcId: vpc-1
      Targets:
        - Id: !Ref Webuseast1a
        - Id: !Ref Webuseast1b
  Fn::ForEach::PerZone:
    - Zone
    - !Ref Zones
    - Net&{Zone}:
        Type: AWS::EC2::Subnet
        Properties: { VpcId: vpc-1, AvailabilityZone: !Ref Zone }
      Web&{Zone}:
        Type: AWS::EC2::Instance
        Properties:
          InstanceType: t3.small
          SubnetId: { Ref: !Sub 'Net&{Zone}' }
";
    let s = Scenario {
        duration: 300.0,
        traffic: vec![TrafficPoint { at: 0.0, rps: 40.0 }],
        ..Scenario::default()
    };
    let sim = run(&template(text), s);
    let world: Vec<(&str, &str)> = sim
        .world
        .instances
        .iter()
        .map(|i| (i.id.as_str(), sim.world.zones[i.zone].as_str()))
        .collect();
    assert_eq!(
        world,
        [("Webuseast1a", "us-east-1a"), ("Webuseast1b", "us-east-1b")]
    );
    assert_eq!(sim.world.target_groups[0].members, [0, 1]);
    let served: Vec<u64> = sim.instances.iter().map(|i| i.served).collect();
    assert!(served.iter().all(|n| *n > 4_000), "both served: {served:?}");
    let report = Report::of(&sim);
    assert!(report.summary.requests > 10_000);
    assert_eq!(report.summary.errors, 0);
    assert!(
        !report
            .not_simulated
            .iter()
            .any(|n| n.resource.contains("ForEach")),
        "{:?}",
        report.not_simulated
    );
    // A loop the transform would refuse stops the run with what is wrong.
    let e = Simulation::new(
        &template(&text.replace("!Ref Zones", "us-east-1a")),
        Scenario::default(),
    )
    .err()
    .expect("the collection is not a list");
    let shown = e.to_string();
    assert!(
        shown.starts_with("Fn::ForEach::PerZone.Collection: the collection must be a list"),
        "{shown}"
    );
}
