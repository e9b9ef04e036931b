//! Databases kept off the internet.
//!
//! - **FW1005** (warning): a database reachable from the internet, or one setting away
//!   from it: an RDS `DBInstance` or `DBCluster`, or a Redshift `Cluster`, with
//!   `PubliclyAccessible` true (written out or by a parameter's `Default`); or a DB
//!   subnet group (RDS, DocumentDB, Neptune, Redshift) with a subnet whose route table
//!   (by its `SubnetRouteTableAssociation`) certainly sends `0.0.0.0/0` or `::/0` to an
//!   internet gateway, i.e. a public subnet. Databases belong in private subnets.

use super::resolve::{Resolver, alternatives, property_pos, resource_ref, when};
use super::topology::Network;
use super::{Check, pos};
use crate::template::{Node, Template};

/// Types with a `PubliclyAccessible` switch.
const PUBLIC_SWITCH: &[&str] = &[
    "AWS::RDS::DBInstance",
    "AWS::RDS::DBCluster",
    "AWS::Redshift::Cluster",
];

/// Subnet groups and the property listing their subnets.
const SUBNET_GROUPS: &[&str] = &[
    "AWS::RDS::DBSubnetGroup",
    "AWS::DocDB::DBSubnetGroup",
    "AWS::Neptune::DBSubnetGroup",
    "AWS::Redshift::ClusterSubnetGroup",
];

/// Properties through which a database names its subnet group.
const GROUP_KEYS: &[&str] = &["DBSubnetGroupName", "ClusterSubnetGroupName"];

pub(crate) fn check(c: &mut Check) {
    let template = c.template;
    let resolver = Resolver::new(template);
    let network = Network::of(template, &resolver);
    for r in template.resources() {
        let Some(type_name) = r.type_name() else {
            continue;
        };
        if PUBLIC_SWITCH.contains(&type_name)
            && let Some(node) = r.property("PubliclyAccessible")
            && let Some((assumed, public)) =
                alternatives(node).into_iter().find_map(|(assumed, leaf)| {
                    let public = resolver.boolean(leaf)?;
                    public.value.then_some((assumed, public))
                })
        {
            let kind = type_name.rsplit("::").next().unwrap_or(type_name);
            let how = match public.defaults.first() {
                Some(p) => format!("PubliclyAccessible is parameter {p}, whose Default is true"),
                None => "PubliclyAccessible is true".to_string(),
            };
            let how = format!("{how}{}", when(&assumed));
            c.warning(
                "FW1005",
                format!("Resources/{}/Properties/PubliclyAccessible", r.id),
                property_pos(&r, "PubliclyAccessible"),
                format!(
                    "{kind} {} is reachable from the internet: {how}; keep databases private and reach them from inside the VPC",
                    r.id
                ),
            );
        }
        if SUBNET_GROUPS.contains(&type_name)
            && let Some(items) = r.property("SubnetIds").and_then(Node::as_seq)
        {
            let users = users(template, r.id);
            for (i, item) in items.iter().enumerate() {
                let Some(subnet) = resource_ref(template, item) else {
                    continue;
                };
                let Some((table, igw)) = network.internet_route(subnet) else {
                    continue;
                };
                c.warning(
                    "FW1005",
                    format!("Resources/{}/Properties/SubnetIds/{i}", r.id),
                    pos(item),
                    format!(
                        "DB subnet group {}{users} includes public subnet {subnet}: its route table {table} sends 0.0.0.0/0 to internet gateway {igw}, so a database there is one PubliclyAccessible setting away from the internet; put databases in private subnets",
                        r.id
                    ),
                );
            }
        }
    }
}

/// " (used by A, B)": the databases placed in a subnet group.
fn users(template: &Template, group: &str) -> String {
    let names: Vec<&str> = template
        .resources()
        .filter(|r| {
            GROUP_KEYS.iter().any(|k| {
                r.property(k)
                    .and_then(|g| resource_ref(template, g))
                    .is_some_and(|g| g == group)
            })
        })
        .map(|r| r.id)
        .collect();
    if names.is_empty() {
        String::new()
    } else {
        format!(" (used by {})", names.join(", "))
    }
}
