//! Where instances run in the network.
//!
//! - **FW1006** (warning): an EC2 instance or Auto Scaling group in a subnet with no
//!   way out: the subnet's route table has no default route (`0.0.0.0/0` or `::/0`) to
//!   anything (a NAT gateway, an internet gateway, a transit gateway ...) and the VPC
//!   has no VPC endpoint, so the instances reach neither package repositories nor AWS
//!   APIs (`cfn-signal` times out). Checked only when the template defines route tables
//!   in that VPC and so decides its routing; a subnet without an association uses the
//!   main route table, which holds only the local route when the template creates the
//!   VPC. A route that is conditional or whose destination is not known counts as a
//!   way out, and so do routes propagated from a VPN gateway.
//! - **FW1007** (warning): an EC2 instance in a template that creates a VPC, with no
//!   subnet (no `SubnetId`, no network interface with one, no launch template giving
//!   one): EC2 launches it in the region's default VPC, not in the template's.

use super::resolve::{Resolver, property_pos, resource_ref};
use super::topology::{Association, Network};
use super::{Check, key_pos, pos};
use crate::template::{Node, Pos, Resource, Section, Template};

pub(crate) fn check(c: &mut Check) {
    let template = c.template;
    let resolver = Resolver::new(template);
    let network = Network::of(template, &resolver);
    for r in template.resources() {
        let (kind, placements): (&str, Vec<Placement>) = match r.type_name() {
            Some("AWS::EC2::Instance") => ("instance", instance_subnets(&r)),
            Some("AWS::AutoScaling::AutoScalingGroup") => (
                "Auto Scaling group",
                r.property("VPCZoneIdentifier")
                    .and_then(Node::as_seq)
                    .into_iter()
                    .flatten()
                    .enumerate()
                    .map(|(i, n)| (format!("VPCZoneIdentifier/{i}"), n, pos(n)))
                    .collect(),
            ),
            _ => continue,
        };
        for placement in &placements {
            no_way_out(c, template, &network, &r, kind, placement);
        }
        if kind == "instance"
            && placements.is_empty()
            && !network.vpcs.is_empty()
            && !placed_by_launch_template(template, &r)
        {
            let at = template
                .section_map(Section::Resources)
                .map(|m| key_pos(m, r.id))
                .unwrap_or_default();
            c.warning(
                "FW1007",
                format!("Resources/{}", r.id),
                at,
                format!(
                    "instance {} names no subnet, so EC2 launches it in the region's default VPC (or fails where there is none), not in the VPC this template creates ({}); set SubnetId",
                    r.id,
                    network.vpcs.iter().copied().collect::<Vec<_>>().join(", ")
                ),
            );
        }
    }
}

/// Where an instance or group is placed: the property's path, the subnet value, and
/// where to point.
type Placement<'a> = (String, &'a Node, Pos);

/// The subnets an instance names: `SubnetId`, or each network interface's. A network
/// interface that attaches an existing one (`NetworkInterfaceId`) places the instance
/// too, in a subnet not read here.
fn instance_subnets<'a>(r: &Resource<'a>) -> Vec<Placement<'a>> {
    let mut out: Vec<Placement> = Vec::new();
    if let Some(s) = r.property("SubnetId") {
        out.push(("SubnetId".into(), s, property_pos(r, "SubnetId")));
    }
    for (i, eni) in r
        .property("NetworkInterfaces")
        .and_then(Node::as_seq)
        .into_iter()
        .flatten()
        .enumerate()
    {
        for key in ["SubnetId", "NetworkInterfaceId"] {
            if let Some(s) = eni.get(key) {
                let at = eni.as_map().map(|m| key_pos(m, key)).unwrap_or_default();
                out.push((format!("NetworkInterfaces/{i}/{key}"), s, at));
                break;
            }
        }
    }
    // Network interfaces given by a function (`!If`) place it somewhere unknown.
    if out.is_empty()
        && let Some(enis) = r.property("NetworkInterfaces")
        && enis.as_seq().is_none()
    {
        out.push((
            "NetworkInterfaces".into(),
            enis,
            property_pos(r, "NetworkInterfaces"),
        ));
    }
    out
}

/// Whether an instance takes its network settings from a launch template that either
/// names a subnet or cannot be read.
fn placed_by_launch_template(template: &Template, r: &Resource) -> bool {
    let Some(spec) = r.property("LaunchTemplate") else {
        return false;
    };
    let Some(lt) = ["LaunchTemplateId", "LaunchTemplateName"]
        .iter()
        .find_map(|k| spec.get(k))
        .and_then(|n| resource_ref(template, n))
        .and_then(|id| template.resource(id))
    else {
        return true;
    };
    let Some(enis) = lt
        .property("LaunchTemplateData")
        .and_then(|d| d.get("NetworkInterfaces"))
    else {
        return false;
    };
    match enis.as_seq() {
        Some(items) => items
            .iter()
            .any(|e| e.get("SubnetId").is_some() || e.get("NetworkInterfaceId").is_some()),
        None => true,
    }
}

/// FW1006 for one subnet an instance or group is placed in.
fn no_way_out(
    c: &mut Check,
    template: &Template,
    network: &Network,
    r: &Resource,
    kind: &str,
    (path, node, at): &Placement,
) {
    let Some(subnet_id) = resource_ref(template, node) else {
        return;
    };
    let Some(subnet) = network.subnets.get(subnet_id) else {
        return;
    };
    let Some(vpc) = subnet.vpc.as_deref() else {
        return;
    };
    if !network.routes_vpc(vpc) || network.endpoints.contains(vpc) {
        return;
    }
    let why = match subnet.association {
        Association::Unknown => return,
        Association::Main => {
            if !network.vpcs.contains(vpc) || network.stray_routes {
                return;
            }
            format!(
                "subnet {subnet_id} has no route table association, so it uses VPC {vpc}'s main route table, which holds only the local route"
            )
        }
        Association::Table(table) => {
            let t = &network.route_tables[table];
            if t.open || t.routes.iter().any(|route| route.default != Some(false)) {
                return;
            }
            format!("subnet {subnet_id}'s route table {table} has no route to 0.0.0.0/0")
        }
    };
    c.warning(
        "FW1006",
        format!("Resources/{}/Properties/{path}", r.id),
        *at,
        format!(
            "{kind} {} cannot reach the internet or AWS services: {why}, and the VPC has no VPC endpoint; add a route 0.0.0.0/0 to a NAT gateway (or endpoints for the AWS services it uses)",
            r.id
        ),
    );
}
