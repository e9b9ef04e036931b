//! IP addressing inside a VPC.
//!
//! - **E3059** (cfn-lint's id): a subnet's `CidrBlock` (or `Ipv6CidrBlock`) lies
//!   outside every CIDR block of its VPC (the VPC's own `CidrBlock` and those added by
//!   `AWS::EC2::VPCCidrBlock`). EC2 refuses to create such a subnet.
//! - **E3060** (cfn-lint's id): two subnets of one VPC overlap. EC2 refuses the second.
//!
//! Both go further than cfn-lint, which reads only CIDRs written out: blocks computed
//! with `!Select [N, !Cidr [!GetAtt Vpc.CidrBlock, count, bits]]`, looked up with
//! `Fn::FindInMap`, or given by a parameter's `Default` are checked too (the message
//! then names the parameters). A VPC with a block from an IPAM pool or Amazon's IPv6
//! pool has addresses known only at deploy and is not checked for that family. A block
//! chosen by `Fn::If` is checked for each branch, as cfn-lint does, and the message
//! names the condition; two subnets whose Conditions (or branches) exclude each other
//! never exist together.

use ipnet::IpNet;

use super::resolve::{
    Assumption, Resolved, Resolver, alternatives, consistent, property_pos, resource_ref, via, when,
};
use super::topology::vpc_key;
use super::{Check, pos};
use crate::template::{Resource, Template};

/// The address families of a VPC: its known blocks, and whether some block is known
/// only at deploy (then nothing can be said about that family).
#[derive(Default)]
struct Blocks {
    v4: Vec<IpNet>,
    v6: Vec<IpNet>,
    v4_dynamic: bool,
    v6_dynamic: bool,
    defaults: Vec<String>,
}

impl Blocks {
    fn add(&mut self, block: Option<Resolved<IpNet>>, v6: bool) {
        match block {
            Some(b) => {
                self.defaults
                    .extend(b.defaults.iter().map(|d| d.to_string()));
                match b.value {
                    IpNet::V4(_) => self.v4.push(b.value),
                    IpNet::V6(_) => self.v6.push(b.value),
                }
            }
            None if v6 => self.v6_dynamic = true,
            None => self.v4_dynamic = true,
        }
    }

    /// Reads the address properties of a VPC or a VPCCidrBlock.
    fn read(&mut self, resolver: &Resolver, r: &Resource) {
        // A block chosen by a condition may be any of its branches: each counts.
        for (key, v6) in [("CidrBlock", false), ("Ipv6CidrBlock", true)] {
            for (_, c) in r.property(key).map(alternatives).unwrap_or_default() {
                self.add(resolver.cidr(c), v6);
            }
        }
        for (key, v6) in [
            ("Ipv4IpamPoolId", false),
            ("Ipv6IpamPoolId", true),
            ("Ipv6Pool", true),
            ("AmazonProvidedIpv6CidrBlock", true),
        ] {
            if r.property(key).is_some() {
                if v6 {
                    self.v6_dynamic = true;
                } else {
                    self.v4_dynamic = true;
                }
            }
        }
    }
}

pub(crate) fn check(c: &mut Check) {
    let template = c.template;
    let resolver = Resolver::new(template);
    subnets_inside_vpcs(c, template, &resolver);
    subnets_apart(c, template, &resolver);
}

/// E3059.
fn subnets_inside_vpcs(c: &mut Check, template: &Template, resolver: &Resolver) {
    for vpc in template
        .resources()
        .filter(|r| r.type_name() == Some("AWS::EC2::VPC"))
    {
        let mut blocks = Blocks::default();
        blocks.read(resolver, &vpc);
        for extra in template.resources().filter(|r| {
            r.type_name() == Some("AWS::EC2::VPCCidrBlock")
                && r.property("VpcId").and_then(|v| resource_ref(template, v)) == Some(vpc.id)
        }) {
            blocks.read(resolver, &extra);
        }
        for subnet in template.resources().filter(|r| {
            r.type_name() == Some("AWS::EC2::Subnet")
                && r.property("VpcId").and_then(|v| resource_ref(template, v)) == Some(vpc.id)
        }) {
            for (key, v6) in [("CidrBlock", false), ("Ipv6CidrBlock", true)] {
                let Some(node) = subnet.property(key) else {
                    continue;
                };
                for (assumed, leaf) in alternatives(node) {
                    let Some(block) = resolver.cidr(leaf) else {
                        continue;
                    };
                    let (family, dynamic) = match block.value {
                        IpNet::V4(_) => (&blocks.v4, blocks.v4_dynamic),
                        IpNet::V6(_) => (&blocks.v6, blocks.v6_dynamic),
                    };
                    if dynamic || family.iter().any(|b| b.contains(&block.value)) {
                        continue;
                    }
                    let mut defaults: Vec<&str> = block.defaults.clone();
                    defaults.extend(blocks.defaults.iter().map(String::as_str));
                    let message = if family.is_empty() {
                        if !v6 && block.value.max_prefix_len() == 32 {
                            // A VPC always has an IPv4 block; unknown here.
                            continue;
                        }
                        format!(
                            "subnet {}'s {key} {} is an IPv6 block, but VPC {} has no IPv6 block{}{}",
                            subnet.id,
                            block.value,
                            vpc.id,
                            when(&assumed),
                            via(&defaults)
                        )
                    } else {
                        format!(
                            "subnet {}'s {key} {} is not inside VPC {}'s {}{}{}: EC2 refuses to create it",
                            subnet.id,
                            block.value,
                            vpc.id,
                            list(family),
                            when(&assumed),
                            via(&defaults)
                        )
                    };
                    // A branch of `Fn::If` is pointed at itself, as cfn-lint does.
                    let at = if std::ptr::eq(leaf, node) {
                        property_pos(&subnet, key)
                    } else {
                        pos(leaf)
                    };
                    c.error(
                        "E3059",
                        format!("Resources/{}/Properties/{key}", subnet.id),
                        at,
                        message,
                    );
                }
            }
        }
    }
}

/// A subnet's block seen so far: its VPC, logical id, the conditions it exists
/// under, and the block.
struct Seen<'a> {
    vpc: String,
    subnet: &'a str,
    assumed: Vec<Assumption<'a>>,
    block: Resolved<'a, IpNet>,
}

/// E3060.
fn subnets_apart(c: &mut Check, template: &Template, resolver: &Resolver) {
    let mut seen: Vec<Seen> = Vec::new();
    for subnet in template
        .resources()
        .filter(|r| r.type_name() == Some("AWS::EC2::Subnet"))
    {
        let Some(vpc) = subnet.property("VpcId").and_then(vpc_key) else {
            continue;
        };
        for key in ["CidrBlock", "Ipv6CidrBlock"] {
            let Some(node) = subnet.property(key) else {
                continue;
            };
            for (mut assumed, leaf) in alternatives(node) {
                let Some(block) = resolver.cidr(leaf) else {
                    continue;
                };
                if let Some(condition) = subnet.condition() {
                    assumed.insert(0, (condition, true));
                }
                for other in &seen {
                    if other.vpc != vpc
                        || other.subnet == subnet.id
                        || !overlaps(&block.value, &other.block.value)
                        || !consistent(template, &assumed, &other.assumed)
                    {
                        continue;
                    }
                    let mut defaults = block.defaults.clone();
                    defaults.extend(other.block.defaults.iter().copied());
                    let both: Vec<Assumption> = [&assumed[..], &other.assumed[..]].concat();
                    c.error(
                        "E3060",
                        format!("Resources/{}/Properties/{key}", subnet.id),
                        property_pos(&subnet, key),
                        format!(
                            "subnet {}'s {key} {} overlaps subnet {}'s {} in the same VPC{}{}: EC2 refuses to create the second",
                            subnet.id,
                            block.value,
                            other.subnet,
                            other.block.value,
                            when(&both),
                            via(&defaults)
                        ),
                    );
                }
                seen.push(Seen {
                    vpc: vpc.clone(),
                    subnet: subnet.id,
                    assumed,
                    block,
                });
            }
        }
    }
}

fn overlaps(a: &IpNet, b: &IpNet) -> bool {
    a.contains(&b.network()) || b.contains(&a.network())
}

fn list(blocks: &[IpNet]) -> String {
    blocks
        .iter()
        .map(IpNet::to_string)
        .collect::<Vec<_>>()
        .join(" or ")
}
