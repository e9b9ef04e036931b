//! The simulator against queueing theory (SIMULATION.md): one instance of c vCPUs
//! behind a load balancer, Poisson arrivals and exponential service, is an M/M/c
//! queue; with a connection cap of c and no queue, an Erlang loss system; random
//! routing over n targets, n independent queues. Each case runs replications with
//! different seeds; the mean of the replications must lie within 5 % of theory, and
//! the 95 % confidence intervals must cover the theory about as often as they should.

use formwork_core::sim::scenario::{Assumptions, RequestClass, Scenario, Service, TrafficPoint};
use formwork_core::sim::simulation::Simulation;
use formwork_core::template::parse;

const REPLICATIONS: u64 = 8;

/// Seeds for replication `r` of case `case`: no two cases share random numbers, so
/// their confidence intervals are independent.
fn seed(case: u64, r: u64) -> u64 {
    case * 1_000 + r
}

/// An internet-facing ALB forwarding to `n` instances of `instance_type`.
fn template(instance_type: &str, n: usize, algorithm: &str) -> String {
    let mut t = format!(
        "Resources:
  Lb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: {{ Subnets: [!Ref Net] }}
  Net:
    Type: AWS::EC2::Subnet
    Properties: {{ VpcId: vpc-1, CidrBlock: 10.0.0.0/24, AvailabilityZone: us-east-1a }}
  Listener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Lb
      Port: 80
      Protocol: HTTP
      DefaultActions: [ {{ Type: forward, TargetGroupArn: !Ref Tg }} ]
  Tg:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      Port: 80
      Protocol: HTTP
      TargetGroupAttributes: [ {{ Key: load_balancing.algorithm.type, Value: {algorithm} }} ]
      Targets:
"
    );
    for i in 0..n {
        t.push_str(&format!("        - Id: !Ref Web{i}\n"));
    }
    for i in 0..n {
        t.push_str(&format!(
            "  Web{i}:\n    Type: AWS::EC2::Instance\n    Properties: {{ InstanceType: {instance_type}, SubnetId: !Ref Net }}\n"
        ));
    }
    t
}

fn scenario(
    seed: u64,
    rps: f64,
    cpu_ms: f64,
    requests: f64,
    connections_per_vcpu: u32,
) -> Scenario {
    Scenario {
        duration: requests / rps,
        seed,
        traffic: vec![TrafficPoint { at: 0.0, rps }],
        requests: vec![RequestClass {
            name: "r".into(),
            path: "/".into(),
            method: "GET".into(),
            host: None,
            weight: 1.0,
            cpu_ms,
            service: Service::Exponential,
            cv: 1.0,
            db_queries: 0,
            db_ms: 0.0,
            response_kb: 1.0,
        }],
        assumptions: Assumptions {
            connections_per_vcpu,
            ..Assumptions::default()
        },
        ..Scenario::default()
    }
}

/// Erlang C: the probability that an arrival waits, with `a` = λ/μ offered load.
fn erlang_c(c: u32, a: f64) -> f64 {
    let b = erlang_b(c, a);
    let rho = a / c as f64;
    b / (1.0 - rho + rho * b)
}

/// Erlang B by its recurrence, stable for any c.
fn erlang_b(c: u32, a: f64) -> f64 {
    (1..=c).fold(1.0, |b, k| a * b / (k as f64 + a * b))
}

/// M/M/c response time: mean, and the q quantile (P(T > t) = C e^{-θt} + (1 − C)
/// e^{-μt} + Cθ/(θ − μ)(e^{-μt} − e^{-θt}), θ = cμ − λ, solved by bisection).
fn mmc(c: u32, lambda: f64, mu: f64, q: f64) -> (f64, f64) {
    let a = lambda / mu;
    let cc = erlang_c(c, a);
    let theta = c as f64 * mu - lambda;
    let mean = cc / theta + 1.0 / mu;
    let tail = |t: f64| {
        let mixed = if (theta - mu).abs() < 1e-9 {
            cc * theta * t * (-mu * t).exp()
        } else {
            cc * theta / (theta - mu) * ((-mu * t).exp() - (-theta * t).exp())
        };
        cc * (-theta * t).exp() + (1.0 - cc) * (-mu * t).exp() + mixed
    };
    let (mut lo, mut hi) = (0.0, 1000.0 / mu);
    for _ in 0..200 {
        let mid = (lo + hi) / 2.0;
        if tail(mid) > 1.0 - q {
            lo = mid
        } else {
            hi = mid
        }
    }
    (mean, (lo + hi) / 2.0)
}

struct Estimate {
    mean: f64,
    half_width: f64,
}

/// Mean and 95 % confidence half-width (Student's t) of replications.
fn estimate(values: &[f64]) -> Estimate {
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0);
    // t(0.975, 7), for eight replications.
    const T: f64 = 2.365;
    Estimate {
        mean,
        half_width: T * (var / n).sqrt(),
    }
}

struct Check {
    label: String,
    theory: f64,
    est: Estimate,
}

impl Check {
    fn error(&self) -> f64 {
        (self.est.mean - self.theory).abs() / self.theory
    }
    fn covers(&self) -> bool {
        (self.est.mean - self.theory).abs() <= self.est.half_width
    }
}

fn report(checks: &[Check]) {
    for c in checks {
        println!(
            "{:<34} theory {:>9.3}  simulated {:>9.3} ± {:>7.3}  error {:>5.2} %  {}",
            c.label,
            c.theory,
            c.est.mean,
            c.est.half_width,
            100.0 * c.error(),
            if c.covers() { "covered" } else { "NOT covered" }
        );
    }
    let worst = checks.iter().map(Check::error).fold(0.0, f64::max);
    let covered = checks.iter().filter(|c| c.covers()).count();
    println!(
        "worst error {:.2} %, {covered} of {} intervals cover the theory",
        100.0 * worst,
        checks.len()
    );
    for c in checks {
        assert!(
            c.error() < 0.05,
            "{}: {:.2} % from theory",
            c.label,
            100.0 * c.error()
        );
    }
    // Each interval covers with probability 0.95; far fewer would mean a bias.
    assert!(
        covered as f64 >= 0.75 * checks.len() as f64,
        "only {covered} of {} intervals cover",
        checks.len()
    );
}

#[test]
fn one_instance_is_an_m_m_c_queue() {
    let mu = 50.0; // 20 ms of CPU per request
    let mut checks = Vec::new();
    let mut case = 0;
    for (c, instance_type) in [
        (1, "t2.micro"),
        (2, "t3.small"),
        (4, "c5.xlarge"),
        (8, "c5.2xlarge"),
    ] {
        let text = template(instance_type, 1, "round_robin");
        let t = parse(&text).unwrap().template;
        for rho in [0.3, 0.5, 0.7, 0.9] {
            case += 1;
            let lambda = rho * c as f64 * mu;
            let (theory_mean, theory_p95) = mmc(c, lambda, mu, 0.95);
            let (mut means, mut p95s, mut utils) = (Vec::new(), Vec::new(), Vec::new());
            for r in 1..=REPLICATIONS {
                let seed = seed(case, r);
                // Long enough at high load, where the queue relaxes slowly.
                let requests = if rho >= 0.9 { 400_000.0 } else { 120_000.0 };
                let mut sim =
                    Simulation::new(&t, scenario(seed, lambda, 1000.0 / mu, requests, 100_000))
                        .unwrap();
                sim.run();
                let now = sim.now;
                means.push(sim.sla.latency().mean / 1000.0);
                p95s.push(sim.sla.percentile(0.95) / 1000.0);
                utils.push(sim.instances[0].cpu_since_period(now, now) / 100.0);
                assert_eq!(sim.sla.errors, 0);
            }
            checks.push(Check {
                label: format!("c={c} rho={rho} mean response s"),
                theory: theory_mean,
                est: estimate(&means),
            });
            checks.push(Check {
                label: format!("c={c} rho={rho} p95 response s"),
                theory: theory_p95,
                est: estimate(&p95s),
            });
            checks.push(Check {
                label: format!("c={c} rho={rho} utilisation"),
                theory: rho,
                est: estimate(&utils),
            });
        }
    }
    report(&checks);
}

#[test]
fn a_connection_cap_without_a_queue_is_erlang_b() {
    let mu = 50.0;
    let mut checks = Vec::new();
    for (c, instance_type) in [(2, "t3.small"), (4, "c5.xlarge"), (8, "c5.2xlarge")] {
        let t = parse(&template(instance_type, 1, "round_robin"))
            .unwrap()
            .template;
        for a in [0.5 * c as f64, c as f64] {
            let case = 100 + c as u64 * 10 + a as u64;
            let mut blocked = Vec::new();
            for seed in (1..=REPLICATIONS).map(|r| seed(case, r)) {
                // One connection per vCPU: a request that finds every vCPU busy is refused.
                let mut sim =
                    Simulation::new(&t, scenario(seed, a * mu, 1000.0 / mu, 100_000.0, 1)).unwrap();
                sim.run();
                blocked.push(sim.sla.errors as f64 / sim.sla.requests as f64);
            }
            checks.push(Check {
                label: format!("c={c} a={a} blocking"),
                theory: erlang_b(c, a),
                est: estimate(&blocked),
            });
        }
    }
    report(&checks);
}

#[test]
fn random_routing_over_n_targets_is_n_independent_queues() {
    let mu = 50.0;
    let mut checks = Vec::new();
    for n in [2, 4] {
        let t = parse(&template("t2.micro", n, "weighted_random"))
            .unwrap()
            .template;
        for rho in [0.5, 0.8] {
            let lambda = rho * mu * n as f64;
            let (theory, _) = mmc(1, lambda / n as f64, mu, 0.95);
            let case = 200 + n as u64 * 10 + (rho * 10.0) as u64;
            let mut means = Vec::new();
            for seed in (1..=REPLICATIONS).map(|r| seed(case, r)) {
                let mut sim =
                    Simulation::new(&t, scenario(seed, lambda, 1000.0 / mu, 200_000.0, 100_000))
                        .unwrap();
                sim.run();
                means.push(sim.sla.latency().mean / 1000.0);
            }
            checks.push(Check {
                label: format!("n={n} rho={rho} random mean s"),
                theory,
                est: estimate(&means),
            });
        }
        // Round robin does better than random routing (SIMULATION.md).
        let rr = parse(&template("t2.micro", n, "round_robin"))
            .unwrap()
            .template;
        let mut sim = Simulation::new(
            &rr,
            scenario(1, 0.8 * mu * n as f64, 1000.0 / mu, 200_000.0, 100_000),
        )
        .unwrap();
        sim.run();
        let (random_theory, _) = mmc(1, 0.8 * mu, mu, 0.95);
        assert!(
            sim.sla.latency().mean / 1000.0 < random_theory,
            "round robin beats random routing"
        );
    }
    report(&checks);
}
