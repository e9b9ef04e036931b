//! What a template's network resources say about each other: which VPC each subnet
//! and route table is in, which route table each subnet uses, and where each route
//! table sends traffic. The rules about databases and instances read it; it reports
//! nothing itself.
//!
//! A VPC is named by what a `VpcId` says: the logical id of a VPC the template
//! defines, or the parameter or literal id of one it does not. A link the template
//! leaves to the deploy (`Fn::If`, imports) is `Unknown`, and the rules then stay
//! silent about it.

use std::collections::{BTreeMap, BTreeSet};

use super::resolve::{Resolver, resource_ref};
use crate::template::intrinsic::ref_target;
use crate::template::{Node, Template};

/// The route table a subnet uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Association<'a> {
    /// No association: the VPC's main route table.
    Main,
    /// One association to a route table the template defines.
    Table(&'a str),
    /// Several, conditional or to a table the template does not define.
    Unknown,
}

/// Where a route sends its traffic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Target<'a> {
    /// An internet gateway: the logical id, or the id written out.
    InternetGateway(&'a str),
    /// A NAT gateway, a NAT instance, a transit gateway, a peering ...
    Other,
}

#[derive(Clone, Debug)]
pub(crate) struct Route<'a> {
    /// Whether the route is a default route (`0.0.0.0/0` or `::/0`); `None` when
    /// its destination is not known before deploy.
    pub default: Option<bool>,
    pub target: Target<'a>,
    /// The route has a Condition, so it may not exist.
    pub conditional: bool,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct RouteTable<'a> {
    pub vpc: Option<String>,
    pub routes: Vec<Route<'a>>,
    /// Routes come from elsewhere too (propagated from a VPN gateway, or a Route
    /// whose table is not known), so its routes are not all in the template.
    pub open: bool,
}

#[derive(Clone, Debug)]
pub(crate) struct Subnet<'a> {
    pub vpc: Option<String>,
    pub association: Association<'a>,
}

/// The network resources of a template.
#[derive(Debug, Default)]
pub(crate) struct Network<'a> {
    pub subnets: BTreeMap<&'a str, Subnet<'a>>,
    pub route_tables: BTreeMap<&'a str, RouteTable<'a>>,
    /// VPCs the template defines (`AWS::EC2::VPC`).
    pub vpcs: BTreeSet<&'a str>,
    /// VPCs with a VPC endpoint, so instances there can reach AWS services without
    /// the internet.
    pub endpoints: BTreeSet<String>,
    /// Some route names a table the template cannot place.
    pub stray_routes: bool,
}

/// The name of the VPC a `VpcId` value gives: a logical id, a parameter, a literal id.
pub(crate) fn vpc_key(node: &Node) -> Option<String> {
    if let Some(f) = node.as_fn() {
        if let Some(name) = ref_target(f) {
            return Some(name.to_string());
        }
        if let Some(g) = crate::template::intrinsic::get_att(f) {
            return Some(g.resource.to_string());
        }
        return None;
    }
    node.as_str().map(str::to_string)
}

impl<'a> Network<'a> {
    pub fn of(template: &'a Template, resolver: &Resolver<'a>) -> Network<'a> {
        let mut net = Network::default();
        let mut associations: BTreeMap<&'a str, Vec<Option<&'a str>>> = BTreeMap::new();
        let mut routes = Vec::new();
        for r in template.resources() {
            let vpc = || r.property("VpcId").and_then(vpc_key);
            match r.type_name() {
                Some("AWS::EC2::VPC") => {
                    net.vpcs.insert(r.id);
                }
                Some("AWS::EC2::Subnet") => {
                    net.subnets.insert(
                        r.id,
                        Subnet {
                            vpc: vpc(),
                            association: Association::Main,
                        },
                    );
                }
                Some("AWS::EC2::RouteTable") => {
                    net.route_tables.insert(
                        r.id,
                        RouteTable {
                            vpc: vpc(),
                            ..RouteTable::default()
                        },
                    );
                }
                Some("AWS::EC2::VPCEndpoint") => {
                    if let Some(v) = vpc() {
                        net.endpoints.insert(v);
                    }
                }
                Some("AWS::EC2::SubnetRouteTableAssociation") => {
                    if let Some(subnet) = r
                        .property("SubnetId")
                        .and_then(|s| resource_ref(template, s))
                    {
                        let table = r
                            .property("RouteTableId")
                            .and_then(|t| resource_ref(template, t))
                            .filter(|_| r.condition().is_none());
                        associations.entry(subnet).or_default().push(table);
                    }
                }
                Some("AWS::EC2::Route") => routes.push(r),
                _ => {}
            }
        }
        for (subnet, tables) in associations {
            if let Some(s) = net.subnets.get_mut(subnet) {
                s.association = match tables.as_slice() {
                    [Some(table)] if net.route_tables.contains_key(table) => {
                        Association::Table(table)
                    }
                    _ => Association::Unknown,
                };
            }
        }
        for r in routes {
            let table = r
                .property("RouteTableId")
                .and_then(|t| resource_ref(template, t))
                .filter(|t| net.route_tables.contains_key(t));
            let Some(table) = table else {
                net.stray_routes = true;
                continue;
            };
            let default = match ["DestinationCidrBlock", "DestinationIpv6CidrBlock"]
                .iter()
                .find_map(|k| r.property(k))
            {
                Some(d) => resolver.cidr(d).map(|c| c.value.prefix_len() == 0),
                None => Some(false),
            };
            let target = match r.property("GatewayId") {
                Some(g) => match resource_ref(template, g) {
                    Some(id)
                        if template.resource(id).and_then(|x| x.type_name())
                            == Some("AWS::EC2::InternetGateway") =>
                    {
                        Target::InternetGateway(id)
                    }
                    Some(_) => Target::Other,
                    None => match g.as_str() {
                        Some(id) if id.starts_with("igw-") => Target::InternetGateway(id),
                        _ => Target::Other,
                    },
                },
                None => Target::Other,
            };
            if let Some(t) = net.route_tables.get_mut(table) {
                t.routes.push(Route {
                    default,
                    target,
                    conditional: r.condition().is_some(),
                });
            }
        }
        for r in template.resources() {
            if r.type_name() == Some("AWS::EC2::VPNGatewayRoutePropagation")
                && let Some(ids) = r.property("RouteTableIds")
            {
                match ids.as_seq() {
                    Some(items) => {
                        for item in items {
                            match resource_ref(template, item)
                                .and_then(|id| net.route_tables.get_mut(id))
                            {
                                Some(t) => t.open = true,
                                None => net.stray_routes = true,
                            }
                        }
                    }
                    None => net.stray_routes = true,
                }
            }
        }
        net
    }

    /// The internet gateway a subnet's route table certainly sends `0.0.0.0/0` (or
    /// `::/0`) to, with the table: the subnet is public.
    pub fn internet_route(&self, subnet: &str) -> Option<(&'a str, &'a str)> {
        let Association::Table(table) = self.subnets.get(subnet)?.association else {
            return None;
        };
        self.route_tables.get(table)?.routes.iter().find_map(|r| {
            match (r.default, r.target, r.conditional) {
                (Some(true), Target::InternetGateway(igw), false) => Some((table, igw)),
                _ => None,
            }
        })
    }

    /// Whether the template defines at least one route table in `vpc`, and so
    /// decides its routing.
    pub fn routes_vpc(&self, vpc: &str) -> bool {
        self.route_tables
            .values()
            .any(|t| t.vpc.as_deref() == Some(vpc))
    }
}
