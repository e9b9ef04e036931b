//! Load balancers and their health checks.
//!
//! - **E3680** (cfn-lint's id): an application load balancer with fewer than two
//!   subnets, counted in `Subnets` or `SubnetMappings`. Elastic Load Balancing refuses
//!   it. cfn-lint counts only a list written out; a list from a parameter's `Default`
//!   is counted too, and the message says so.
//! - **FW1002**: a load balancer whose subnets are all in one Availability Zone, so
//!   one zone's outage takes it down. Each subnet's zone is read from the subnet's
//!   `AvailabilityZone` (or `AvailabilityZoneId`): written out, a parameter's
//!   `Default`, or `!Select [N, !GetAZs '']`, where two subnets share a zone exactly
//!   when they select the same index. An error for an application load balancer
//!   (Elastic Load Balancing refuses it), a warning for network, gateway and classic
//!   load balancers (they work, without redundancy).
//! - **FW1003**: a health check whose timeout is not below its interval: a target
//!   group's `HealthCheckTimeoutSeconds` against `HealthCheckIntervalSeconds` (30
//!   seconds, 35 for Lambda targets, when not given) or a classic load balancer's
//!   `HealthCheck` `Timeout` against its `Interval`. Elastic Load Balancing refuses it.

use super::auto_scaling::number;
use super::resolve::{Assumption, Resolver, Scalar, property_pos, resource_ref, via, when};
use super::{Check, is_no_value, key_pos};
use crate::diagnostic::Severity;
use crate::template::{Func, Node, Resource, Template};

const V2: &str = "AWS::ElasticLoadBalancingV2::LoadBalancer";
const CLASSIC: &str = "AWS::ElasticLoadBalancing::LoadBalancer";

pub(crate) fn check(c: &mut Check) {
    let template = c.template;
    let resolver = Resolver::new(template);
    for lb in template.resources() {
        match lb.type_name() {
            Some(V2) => {
                let kind = match lb.property("Type") {
                    None => Some("application".to_string()),
                    Some(t) => resolver.text(t).map(|t| t.value),
                };
                let application = kind.as_deref() == Some("application");
                if application {
                    subnet_count(c, &resolver, &lb);
                }
                if let Some(kind) = kind {
                    one_zone(c, template, &resolver, &lb, &kind);
                }
            }
            Some(CLASSIC) => {
                one_zone(c, template, &resolver, &lb, "classic");
                classic_health_check(c, &resolver, &lb);
            }
            Some("AWS::ElasticLoadBalancingV2::TargetGroup") => {
                target_group_health_check(c, &resolver, &lb);
            }
            _ => {}
        }
    }
}

/// E3680.
fn subnet_count(c: &mut Check, resolver: &Resolver, lb: &Resource) {
    for key in ["Subnets", "SubnetMappings"] {
        let Some(node) = lb.property(key) else {
            continue;
        };
        // The count certain in every deploy, and the conditions that leave the
        // conditional items out.
        let (count, absent, defaults) = match node.as_seq() {
            Some(items) => {
                let certain = items
                    .iter()
                    .filter(|i| !is_no_value(i) && absent_when(i).is_none())
                    .count();
                let absent: Vec<Assumption> = items.iter().filter_map(absent_when).collect();
                (certain, absent, Vec::new())
            }
            None => match resolver.list(node) {
                Some(list) => (list.value.len(), Vec::new(), list.defaults),
                None => continue,
            },
        };
        if count >= 2 {
            continue;
        }
        let noun = if count == 1 { "subnet" } else { "subnets" };
        let when = when(&absent);
        c.error(
            "E3680",
            format!("Resources/{}/Properties/{key}", lb.id),
            property_pos(lb, key),
            format!(
                "application load balancer {} has {count} {noun} in {key}{when}{}; it needs at least two, in different Availability Zones",
                lb.id,
                via(&defaults)
            ),
        );
    }
}

/// `!If [Condition, X, !Ref AWS::NoValue]`: an item only some deploys have, and the
/// condition's value that leaves it out.
fn absent_when(node: &Node) -> Option<Assumption<'_>> {
    let f = node.as_fn().filter(|f| f.func == Func::If)?;
    let [condition, yes, no] = f.arg.as_seq()? else {
        return None;
    };
    let condition = condition.as_str()?;
    if is_no_value(no) {
        Some((condition, false))
    } else if is_no_value(yes) {
        Some((condition, true))
    } else {
        None
    }
}

/// FW1002.
fn one_zone(c: &mut Check, template: &Template, resolver: &Resolver, lb: &Resource, kind: &str) {
    // The subnets: `Subnets` items, or the `SubnetId` of each `SubnetMappings` item.
    let (key, items): (&str, Vec<&Node>) =
        match (lb.property("Subnets"), lb.property("SubnetMappings")) {
            (Some(s), _) => match s.as_seq() {
                Some(items) => ("Subnets", items.iter().collect()),
                None => return,
            },
            (None, Some(m)) => match m.as_seq() {
                Some(items) => (
                    "SubnetMappings",
                    items.iter().filter_map(|i| i.get("SubnetId")).collect(),
                ),
                None => return,
            },
            (None, None) => return,
        };
    if items.len() < 2 {
        return;
    }
    let mut zones = Vec::new();
    let mut defaults = Vec::new();
    for item in &items {
        let Some(subnet) = resource_ref(template, item)
            .and_then(|id| template.resource(id))
            .filter(|s| s.type_name() == Some("AWS::EC2::Subnet"))
        else {
            return;
        };
        let Some(zone) = ["AvailabilityZone", "AvailabilityZoneId"]
            .iter()
            .find_map(|k| subnet.property(k))
            .and_then(|z| resolver.scalar(z))
        else {
            return;
        };
        defaults.extend(zone.defaults);
        zones.push((subnet.id, zone.value));
    }
    if zones.iter().any(|(_, z)| *z != zones[0].1) {
        return;
    }
    let zone = match &zones[0].1 {
        Scalar::Text(z) => z.clone(),
        Scalar::Az { region, index } if region.is_empty() => {
            format!("the region's zone number {index} (!Select [{index}, !GetAZs ''])")
        }
        Scalar::Az { region, index } => format!("{region}'s zone number {index}"),
    };
    let names: Vec<&str> = zones.iter().map(|(id, _)| *id).collect();
    let (severity, consequence) = if kind == "application" {
        (
            Severity::Error,
            "Elastic Load Balancing requires subnets in at least two zones",
        )
    } else {
        (
            Severity::Warning,
            "one zone's outage takes it down; add a subnet in another zone",
        )
    };
    c.report(
        "FW1002",
        severity,
        format!("Resources/{}/Properties/{key}", lb.id),
        property_pos(lb, key),
        format!(
            "{kind} load balancer {}'s subnets ({}) are all in one Availability Zone, {zone}{}: {consequence}",
            lb.id,
            names.join(", "),
            via(&defaults)
        ),
    );
}

/// FW1003 for a target group.
fn target_group_health_check(c: &mut Check, resolver: &Resolver, tg: &Resource) {
    if tg
        .property("HealthCheckEnabled")
        .and_then(|e| resolver.boolean(e))
        .is_some_and(|e| !e.value)
    {
        return;
    }
    let Some(timeout_node) = tg.property("HealthCheckTimeoutSeconds") else {
        return;
    };
    let Some(timeout) = resolver.number(timeout_node) else {
        return;
    };
    let (interval, mut defaults, what) = match tg.property("HealthCheckIntervalSeconds") {
        Some(i) => match resolver.number(i) {
            Some(i) => (i.value, i.defaults, "its HealthCheckIntervalSeconds"),
            None => return,
        },
        None => {
            let lambda = tg
                .property("TargetType")
                .and_then(|t| resolver.text(t))
                .is_some_and(|t| t.value == "lambda");
            if lambda {
                (35.0, Vec::new(), "the default HealthCheckIntervalSeconds")
            } else {
                (30.0, Vec::new(), "the default HealthCheckIntervalSeconds")
            }
        }
    };
    if timeout.value < interval {
        return;
    }
    defaults.extend(timeout.defaults);
    c.error(
        "FW1003",
        format!("Resources/{}/Properties/HealthCheckTimeoutSeconds", tg.id),
        property_pos(tg, "HealthCheckTimeoutSeconds"),
        format!(
            "target group {}'s HealthCheckTimeoutSeconds {} is not below {what} {}{}: Elastic Load Balancing requires the timeout to be shorter than the interval",
            tg.id,
            number(timeout.value),
            number(interval),
            via(&defaults)
        ),
    );
}

/// FW1003 for a classic load balancer.
fn classic_health_check(c: &mut Check, resolver: &Resolver, lb: &Resource) {
    let Some(check) = lb.property("HealthCheck") else {
        return;
    };
    let (Some(timeout_node), Some(interval_node)) = (check.get("Timeout"), check.get("Interval"))
    else {
        return;
    };
    let (Some(timeout), Some(interval)) = (
        resolver.number(timeout_node),
        resolver.number(interval_node),
    ) else {
        return;
    };
    if timeout.value < interval.value {
        return;
    }
    let defaults: Vec<&str> = [&timeout.defaults[..], &interval.defaults[..]].concat();
    c.error(
        "FW1003",
        format!("Resources/{}/Properties/HealthCheck/Timeout", lb.id),
        check.as_map().map(|m| key_pos(m, "Timeout")).unwrap_or_default(),
        format!(
            "load balancer {}'s health check Timeout {} is not below its Interval {}{}: Elastic Load Balancing requires the timeout to be shorter than the interval",
            lb.id,
            number(timeout.value),
            number(interval.value),
            via(&defaults)
        ),
    );
}
