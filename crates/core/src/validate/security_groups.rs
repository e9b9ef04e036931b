//! Security group ingress.
//!
//! - **FW1004** (warning): SSH (TCP 22) or RDP (TCP 3389) open to the whole internet,
//!   `0.0.0.0/0` or `::/0`, in a security group's `SecurityGroupIngress` or an
//!   `AWS::EC2::SecurityGroupIngress` resource. A port range covering 22 or 3389
//!   counts, and so does protocol `-1` (every protocol and port). A `CidrIp` that is
//!   `0.0.0.0/0` only by a parameter's `Default` counts too, and the message says so:
//!   whoever deploys with the default opens the port to everyone.
//!
//!   A group attached only to load balancers is not reported when none of their
//!   listeners uses port 22 or 3389: a load balancer passes on its listener ports
//!   alone, so "all traffic from anywhere" on it opens no SSH.

use super::resolve::{Resolved, Resolver, alternatives, resource_ref, when};
use super::{Check, key_pos};
use crate::template::intrinsic::references;
use crate::template::{Map, Node, Pos, Template};

/// The remote-administration ports nobody should open to the world.
const PORTS: &[(u16, &str)] = &[(22, "SSH"), (3389, "RDP")];

pub(crate) fn check(c: &mut Check) {
    let template = c.template;
    let resolver = Resolver::new(template);
    for r in template.resources() {
        // The open rules, and the group they open.
        let (found, group) = match r.type_name() {
            Some("AWS::EC2::SecurityGroup") => {
                let Some(rules) = r.property("SecurityGroupIngress").and_then(Node::as_seq) else {
                    continue;
                };
                let mut found = Vec::new();
                for (i, rule) in rules.iter().enumerate() {
                    if let Some(rule) = rule.as_map() {
                        found.extend(ingress(
                            &resolver,
                            rule,
                            &format!("Resources/{}/Properties/SecurityGroupIngress/{i}", r.id),
                            &format!("security group {}", r.id),
                        ));
                    }
                }
                (found, Some(r.id))
            }
            Some("AWS::EC2::SecurityGroupIngress") => {
                let Some(rule) = r.properties() else {
                    continue;
                };
                let group = rule
                    .get("GroupId")
                    .or(rule.get("GroupName"))
                    .and_then(|g| resource_ref(template, g));
                let owner = match group {
                    Some(g) => format!("ingress rule {} (for security group {g})", r.id),
                    None => format!("ingress rule {}", r.id),
                };
                let path = format!("Resources/{}/Properties", r.id);
                (ingress(&resolver, rule, &path, &owner), group)
            }
            _ => continue,
        };
        if found.is_empty() || group.is_some_and(|g| only_load_balancers(template, &resolver, g)) {
            continue;
        }
        for (path, at, message) in found {
            c.warning("FW1004", path, at, message);
        }
    }
}

/// The findings for one ingress rule: path, position, message.
fn ingress(resolver: &Resolver, rule: &Map, path: &str, owner: &str) -> Vec<(String, Pos, String)> {
    let mut out = Vec::new();
    let Some(protocol) = rule.get("IpProtocol").and_then(|p| resolver.text(p)) else {
        return out;
    };
    let protocol = protocol.value.to_ascii_lowercase();
    let exposed: Vec<(u16, &str)> = match protocol.as_str() {
        "-1" | "all" => PORTS.to_vec(),
        "tcp" | "6" => {
            let port = |k: &str| {
                rule.get(k)
                    .and_then(|p| resolver.number(p))
                    .map(|n| n.value)
            };
            let (Some(from), Some(to)) = (port("FromPort"), port("ToPort")) else {
                return out;
            };
            if from == -1.0 && to == -1.0 {
                PORTS.to_vec()
            } else {
                PORTS
                    .iter()
                    .copied()
                    .filter(|(p, _)| from <= f64::from(*p) && f64::from(*p) <= to)
                    .collect()
            }
        }
        _ => return out,
    };
    if exposed.is_empty() {
        return out;
    }
    for key in ["CidrIp", "CidrIpv6"] {
        let Some(node) = rule.get(key) else {
            continue;
        };
        // A range chosen by a condition opens the port when either branch does.
        let Some((assumed, Resolved { value, defaults }, leaf)) =
            alternatives(node).into_iter().find_map(|(assumed, leaf)| {
                let block = resolver.cidr(leaf)?;
                (block.value.prefix_len() == 0).then_some((assumed, block, leaf))
            })
        else {
            continue;
        };
        // `192.168.1.0/0` is the whole internet too; say so.
        let written = match resolver.text(leaf) {
            Some(t) if t.value.trim() != value.to_string() => {
                format!("{} (that is, {value})", t.value.trim())
            }
            _ => value.to_string(),
        };
        let services = exposed
            .iter()
            .map(|(p, name)| format!("{name} (port {p})"))
            .collect::<Vec<_>>()
            .join(" and ");
        let source = match defaults.first() {
            Some(param) => format!(
                "{key} is parameter {param}, whose Default {written} lets anyone on the internet in unless the deployer changes it"
            ),
            None => format!("{key} {written} lets anyone on the internet in"),
        };
        let source = format!("{source}{}", when(&assumed));
        out.push((
            format!("{path}/{key}"),
            key_pos(rule, key),
            format!(
                "{owner} opens {services} to the world: {source}; allow only your own network's range, or use Session Manager"
            ),
        ));
    }
    out
}

/// Whether the security group is attached to load balancers only (at least one), none
/// of which listens on a remote-administration port.
fn only_load_balancers(template: &Template, resolver: &Resolver, group: &str) -> bool {
    let mut attached = Vec::new();
    for r in template.resources() {
        if matches!(
            r.type_name(),
            Some(
                "AWS::EC2::SecurityGroup"
                    | "AWS::EC2::SecurityGroupIngress"
                    | "AWS::EC2::SecurityGroupEgress"
            )
        ) {
            continue;
        }
        let mut names = false;
        r.node.walk(&mut |_, n| {
            if let Some(f) = n.as_fn() {
                names |= references(f).iter().any(|x| x.target() == group);
            }
        });
        if names {
            attached.push(r);
        }
    }
    if attached.is_empty() {
        return false;
    }
    let sensitive =
        |port: Option<f64>| port.is_none_or(|p| PORTS.iter().any(|(q, _)| f64::from(*q) == p));
    attached.iter().all(|lb| match lb.type_name() {
        Some("AWS::ElasticLoadBalancing::LoadBalancer") => lb
            .property("Listeners")
            .and_then(Node::as_seq)
            .is_some_and(|ls| {
                ls.iter().all(|l| {
                    !sensitive(
                        l.get("LoadBalancerPort")
                            .and_then(|p| resolver.number(p))
                            .map(|n| n.value),
                    )
                })
            }),
        Some("AWS::ElasticLoadBalancingV2::LoadBalancer") => template
            .resources()
            .filter(|l| {
                l.type_name() == Some("AWS::ElasticLoadBalancingV2::Listener")
                    && l.property("LoadBalancerArn")
                        .and_then(|a| resource_ref(template, a))
                        == Some(lb.id)
            })
            .all(|l| {
                !sensitive(
                    l.property("Port")
                        .and_then(|p| resolver.number(p))
                        .map(|n| n.value),
                )
            }),
        _ => false,
    })
}
