//! The relationships a diagram draws, read from the document: every reference from one
//! resource to another, each `DependsOn`, and the glue resources (attachments,
//! associations) that are drawn as a link between the two resources they join rather
//! than as boxes of their own. A template opened from disk shows all of its
//! relationships this way, not only those drawn in the designer.

use std::collections::{BTreeMap, BTreeSet};

use crate::catalog::curated::{self, Effect};
use crate::document::{Path, Step};
use crate::template::intrinsic::{Reference, references};
use crate::template::{Node, ResourceAttr, Template, Value};

/// Resource types that only join two others, drawn as a link between them:
/// `(type, properties naming one end, properties naming the other)`, the first of
/// each list the template gives (a property may be a path, `DefaultActions/0/...`).
/// A security group's rule standing alone joins its group to the group it lets in
/// (or out to); an Elastic IP association joins the address to its instance or
/// network interface; a route joins its table to where it sends traffic; a listener
/// joins its load balancer to the target group it forwards to.
pub const GLUE: &[(&str, &[&str], &[&str])] = &[
    (
        "AWS::EC2::VPCGatewayAttachment",
        &["InternetGatewayId", "VpnGatewayId"],
        &["VpcId"],
    ),
    (
        "AWS::EC2::SubnetRouteTableAssociation",
        &["RouteTableId"],
        &["SubnetId"],
    ),
    (
        "AWS::EC2::SubnetNetworkAclAssociation",
        &["NetworkAclId"],
        &["SubnetId"],
    ),
    (
        "AWS::EC2::SecurityGroupIngress",
        &["SourceSecurityGroupId"],
        &["GroupId"],
    ),
    (
        "AWS::EC2::SecurityGroupEgress",
        &["GroupId"],
        &["DestinationSecurityGroupId"],
    ),
    (
        "AWS::EC2::EIPAssociation",
        &["AllocationId", "EIP"],
        &["InstanceId", "NetworkInterfaceId"],
    ),
    (
        "AWS::EC2::Route",
        &["RouteTableId"],
        &[
            "GatewayId",
            "NatGatewayId",
            "TransitGatewayId",
            "VpcPeeringConnectionId",
            "VpcEndpointId",
            "EgressOnlyInternetGatewayId",
            "CarrierGatewayId",
            "NetworkInterfaceId",
            "InstanceId",
        ],
    ),
    (
        "AWS::ElasticLoadBalancingV2::Listener",
        &["LoadBalancerArn"],
        &[
            "DefaultActions/0/TargetGroupArn",
            "DefaultActions/0/ForwardConfig/TargetGroups/0/TargetGroupArn",
        ],
    ),
];

/// The nodes at a `/`-separated path under a resource's properties: map keys, list
/// indices, and `*` for every item of a list.
fn nodes_at<'a>(r: &crate::template::Resource<'a>, path: &str) -> Vec<&'a Node> {
    let mut steps = path.split('/');
    let mut nodes: Vec<&'a Node> = steps
        .next()
        .and_then(|p| r.property(p))
        .into_iter()
        .collect();
    for step in steps {
        nodes = nodes
            .into_iter()
            .flat_map(|node| -> Vec<&'a Node> {
                match (step, step.parse::<usize>()) {
                    ("*", _) => node.as_seq().into_iter().flatten().collect(),
                    (_, Ok(i)) => node.as_seq().and_then(|l| l.get(i)).into_iter().collect(),
                    (key, Err(_)) => node.as_map().and_then(|m| m.get(key)).into_iter().collect(),
                }
            })
            .collect();
    }
    nodes
}

/// The resource a node names by `Ref`, or by one of its attributes (`!GetAtt G.GroupId`).
fn named_by(node: &Node) -> Option<&str> {
    let f = node.as_fn()?;
    crate::template::intrinsic::ref_target(f)
        .or_else(|| crate::template::intrinsic::get_att(f).map(|g| g.resource))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum LinkKind {
    /// A `Ref`, `GetAtt` or `Sub` placeholder in a property.
    Reference,
    DependsOn,
    /// A glue resource joining the two ends.
    Glue,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub from: String,
    pub to: String,
    pub kind: LinkKind,
    /// What the link is: the property holding the reference (`VpcId`), `DependsOn`, or
    /// the glue resource's id.
    pub label: String,
    /// Where it is written: the referencing node, or the glue resource.
    pub at: Path,
    /// Drawn by nesting rather than as a line (a subnet inside its VPC).
    pub nested: bool,
}

/// The ends of a glue resource, when both are resources of the template (named by
/// `Ref` or by one of their attributes, as `!GetAtt Group.GroupId`).
pub fn glue_ends(template: &Template, id: &str) -> Option<(String, String)> {
    let r = template.resource(id)?;
    let (_, a, b) = GLUE.iter().find(|(t, _, _)| Some(*t) == r.type_name())?;
    // The first of the paths that is written, whatever it holds.
    let end = |props: &[&str]| -> Option<String> {
        let node = props
            .iter()
            .find_map(|p| nodes_at(&r, p).into_iter().next())?;
        let target = named_by(node)?;
        template.resource(target).map(|_| target.to_string())
    };
    Some((end(a)?, end(b)?))
}

/// Whether a resource is drawn as a link rather than a box.
pub fn is_drawn_as_link(template: &Template, id: &str) -> bool {
    glue_ends(template, id).is_some()
}

/// The container each resource sits in, read from its properties through the
/// catalog's containment rules (a subnet's `VpcId`, an instance's `SubnetId`).
pub fn inferred_parents(template: &Template) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for r in template.resources() {
        let Some(child_type) = r.type_name() else {
            continue;
        };
        for rule in curated::CONNECTIONS
            .iter()
            .filter(|c| c.by_containment && c.from == child_type)
        {
            let Effect::Property { path, append, .. } = rule.effect else {
                continue;
            };
            let Some(value) = r.property(path) else {
                continue;
            };
            let target = match (&value.value, append) {
                (Value::Fn(f), false) => crate::template::intrinsic::ref_target(f),
                (Value::Seq(seq), true) if seq.items.len() == 1 => seq.items[0]
                    .as_fn()
                    .and_then(crate::template::intrinsic::ref_target),
                _ => None,
            };
            if let Some(t) = target
                && template.resource(t).and_then(|c| c.type_name()) == Some(rule.to)
            {
                out.insert(r.id.to_string(), t.to_string());
                break;
            }
        }
    }
    for (id, vpc) in vpc_members(template, &out) {
        out.entry(id).or_insert(vpc);
    }
    out
}

/// Where a resource type names the subnets it stands in: property paths (`*` for
/// every item of a list), or the subnet group whose subnets it uses.
const SUBNETS_OF: &[(&str, &[&str])] = &[
    (
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        &["Subnets/*", "SubnetMappings/*/SubnetId"],
    ),
    ("AWS::ElasticLoadBalancing::LoadBalancer", &["Subnets/*"]),
    (
        "AWS::AutoScaling::AutoScalingGroup",
        &["VPCZoneIdentifier/*"],
    ),
    ("AWS::RDS::DBSubnetGroup", &["SubnetIds/*"]),
    ("AWS::ElastiCache::SubnetGroup", &["SubnetIds/*"]),
    ("AWS::Redshift::ClusterSubnetGroup", &["SubnetIds/*"]),
    ("AWS::DocDB::DBSubnetGroup", &["SubnetIds/*"]),
    ("AWS::Neptune::DBSubnetGroup", &["SubnetIds/*"]),
    ("AWS::Lambda::Function", &["VpcConfig/SubnetIds/*"]),
    (
        "AWS::ECS::Service",
        &["NetworkConfiguration/AwsvpcConfiguration/Subnets/*"],
    ),
    ("AWS::EC2::VPCEndpoint", &["SubnetIds/*"]),
    ("AWS::EFS::MountTarget", &["SubnetId"]),
    ("AWS::RDS::DBInstance", &["DBSubnetGroupName"]),
    ("AWS::RDS::DBCluster", &["DBSubnetGroupName"]),
    ("AWS::DocDB::DBCluster", &["DBSubnetGroupName"]),
    ("AWS::Neptune::DBCluster", &["DBSubnetGroupName"]),
    ("AWS::ElastiCache::CacheCluster", &["CacheSubnetGroupName"]),
    (
        "AWS::ElastiCache::ReplicationGroup",
        &["CacheSubnetGroupName"],
    ),
    ("AWS::Redshift::Cluster", &["ClusterSubnetGroupName"]),
];

/// The resources named by `Ref` (or `GetAtt`) at a path under a resource's
/// properties (see [`nodes_at`]).
fn named_at<'a>(r: &crate::template::Resource<'a>, path: &str) -> Vec<&'a str> {
    nodes_at(r, path).into_iter().filter_map(named_by).collect()
}

/// The subnets a resource stands in, as it names them (a load balancer's `Subnets`,
/// a database's through its subnet group); a subnet group's own.
pub fn subnets_of<'t>(template: &'t Template, id: &str) -> Vec<&'t str> {
    let Some(r) = template.resource(id) else {
        return Vec::new();
    };
    let paths = SUBNETS_OF
        .iter()
        .find(|(t, _)| Some(*t) == r.type_name())
        .map_or(&[][..], |(_, p)| *p);
    let group = |t: &str| t.ends_with("SubnetGroup");
    let mut out = Vec::new();
    for named in paths.iter().flat_map(|p| named_at(&r, p)) {
        match template.resource(named).and_then(|n| n.type_name()) {
            Some("AWS::EC2::Subnet") => out.push(named),
            // One step only: a group names subnets, never another group.
            Some(t) if group(t) && !r.type_name().is_some_and(group) => {
                out.extend(subnets_of(template, named))
            }
            _ => {}
        }
    }
    out
}

/// Resources that stand in one VPC without a containment property saying so: those
/// placed in its subnets (a load balancer's `Subnets`, an Auto Scaling group's
/// `VPCZoneIdentifier`, a database through its subnet group) and those naming it by
/// `VpcId` (an endpoint). `parents` already holds each subnet's VPC.
fn vpc_members(
    template: &Template,
    parents: &BTreeMap<String, String>,
) -> BTreeMap<String, String> {
    let is_vpc =
        |id: &str| template.resource(id).and_then(|r| r.type_name()) == Some("AWS::EC2::VPC");
    let mut out = BTreeMap::new();
    for r in template.resources() {
        if parents.contains_key(r.id) || is_drawn_as_link(template, r.id) {
            continue;
        }
        let mut vpcs: BTreeSet<String> = subnets_of(template, r.id)
            .into_iter()
            .filter_map(|s| parents.get(s).cloned())
            .collect();
        if vpcs.is_empty()
            && let Some(vpc) = named_at(&r, "VpcId").into_iter().find(|v| is_vpc(v))
        {
            vpcs.insert(vpc.to_string());
        }
        if vpcs.len() == 1 {
            out.insert(r.id.to_string(), vpcs.into_iter().next().expect("one"));
        }
    }
    out
}

/// How glue resources (associations, attachments, routes, rules) are drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Glue {
    /// As the link between what they join, as an architect draws them.
    #[default]
    Folded,
    /// As boxes of their own, with their references ("Show all resources").
    Shown,
}

/// Every link between resources of the template, in source order. `parents` says
/// which resource sits in which container, so references that nesting already shows
/// are marked `nested`. Folded glue is one link between its ends; shown glue links
/// like any other resource.
pub fn links(template: &Template, parents: &BTreeMap<String, String>, glue: Glue) -> Vec<Link> {
    let ids: BTreeSet<&str> = template.resources().map(|r| r.id).collect();
    let glue: BTreeSet<&str> = template
        .resources()
        .filter(|r| glue == Glue::Folded && is_drawn_as_link(template, r.id))
        .map(|r| r.id)
        .collect();
    let mut out = Vec::new();
    for r in template.resources() {
        if let Some((a, b)) = glue
            .contains(r.id)
            .then(|| glue_ends(template, r.id))
            .flatten()
        {
            out.push(Link {
                from: a,
                to: b,
                kind: LinkKind::Glue,
                label: r.id.to_string(),
                at: vec![Step::key("Resources"), Step::key(r.id)],
                nested: false,
            });
            continue;
        }
        if let Some(props) = r.attr(ResourceAttr::Properties) {
            let mut seen = BTreeSet::new();
            let base = vec![
                Step::key("Resources"),
                Step::key(r.id),
                Step::key("Properties"),
            ];
            visit(props, &base, &mut |at, target| {
                let label = match &at[3] {
                    Step::Key(k) => k.clone(),
                    _ => String::new(),
                };
                if target != r.id
                    && ids.contains(target)
                    && seen.insert((target.to_string(), label.clone()))
                {
                    let nested = parents.get(r.id).map(String::as_str) == Some(target);
                    out.push(Link {
                        from: r.id.to_string(),
                        to: target.to_string(),
                        kind: LinkKind::Reference,
                        label,
                        at: at.to_vec(),
                        nested,
                    });
                }
            });
        }
        for (i, target) in r.depends_on().into_iter().enumerate() {
            if ids.contains(target) && target != r.id {
                let mut at = vec![
                    Step::key("Resources"),
                    Step::key(r.id),
                    Step::key("DependsOn"),
                ];
                if r.attr(ResourceAttr::DependsOn)
                    .and_then(Node::as_seq)
                    .is_some()
                {
                    at.push(Step::Index(i));
                }
                out.push(Link {
                    from: r.id.to_string(),
                    to: target.to_string(),
                    kind: LinkKind::DependsOn,
                    label: "DependsOn".into(),
                    at,
                    nested: false,
                });
            }
        }
    }
    out
}

/// Calls `found(path, target)` for each resource named by a reference under `node`.
fn visit(node: &Node, here: &Path, found: &mut impl FnMut(&[Step], &str)) {
    match &node.value {
        Value::Fn(f) => {
            for reference in references(f) {
                let target = match reference {
                    Reference::Sub(name) if name.starts_with("AWS::") => continue,
                    other => other.target(),
                };
                found(here, target);
            }
            let mut p = here.clone();
            p.push(Step::Arg);
            visit(&f.arg, &p, found);
        }
        Value::Map(m) => {
            for (k, v) in m.iter() {
                let mut p = here.clone();
                p.push(Step::key(k));
                visit(v, &p, found);
            }
        }
        Value::Seq(s) => {
            for (i, v) in s.items.iter().enumerate() {
                let mut p = here.clone();
                p.push(Step::Index(i));
                visit(v, &p, found);
            }
        }
        Value::Tagged(t) => visit(&t.value, here, found),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::parse;

    const LAB: &str = "Resources:
  Vpc:
    Type: AWS::EC2::VPC
  Net:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
  Igw:
    Type: AWS::EC2::InternetGateway
  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties:
      VpcId: !Ref Vpc
      InternetGatewayId: !Ref Igw
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      VpcId: !Ref Vpc
  Web:
    Type: AWS::EC2::Instance
    DependsOn: Attach
    Properties:
      SubnetId: !Ref Net
      SecurityGroupIds: [!GetAtt Sg.GroupId]
      UserData: !Sub '${Sg}'
";

    #[test]
    fn parents_come_from_containment_properties() {
        let t = parse(LAB).unwrap().template;
        let parents = inferred_parents(&t);
        assert_eq!(parents.get("Net").map(String::as_str), Some("Vpc"));
        assert_eq!(parents.get("Web").map(String::as_str), Some("Net"));
        assert_eq!(parents.get("Sg").map(String::as_str), Some("Vpc"));
        assert!(!parents.contains_key("Igw"));
    }

    #[test]
    fn links_cover_references_depends_on_and_glue() {
        let t = parse(LAB).unwrap().template;
        let parents = inferred_parents(&t);
        let links = links(&t, &parents, Glue::Folded);
        let summary: Vec<(&str, &str, LinkKind, &str, bool)> = links
            .iter()
            .map(|l| {
                (
                    l.from.as_str(),
                    l.to.as_str(),
                    l.kind,
                    l.label.as_str(),
                    l.nested,
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                ("Net", "Vpc", LinkKind::Reference, "VpcId", true),
                ("Igw", "Vpc", LinkKind::Glue, "Attach", false),
                ("Sg", "Vpc", LinkKind::Reference, "VpcId", true),
                ("Web", "Net", LinkKind::Reference, "SubnetId", true),
                ("Web", "Sg", LinkKind::Reference, "SecurityGroupIds", false),
                ("Web", "Sg", LinkKind::Reference, "UserData", false),
                ("Web", "Attach", LinkKind::DependsOn, "DependsOn", false),
            ]
        );
        assert!(is_drawn_as_link(&t, "Attach"));
        let sg_link = &links[4];
        assert_eq!(
            crate::document::edit::show(&sg_link.at),
            "Resources/Web/Properties/SecurityGroupIds/0"
        );
    }

    #[test]
    fn routes_and_listeners_are_links_and_spanning_resources_stand_in_their_vpc() {
        let t = parse(crate::samples::sample("wordpress-multi-az").unwrap().text)
            .unwrap()
            .template;
        assert_eq!(
            glue_ends(&t, "PublicDefaultRoute"),
            Some(("PublicRouteTable".into(), "InternetGateway".into()))
        );
        assert_eq!(
            glue_ends(&t, "ALBListener"),
            Some(("ApplicationLoadBalancer".into(), "ALBTargetGroup".into()))
        );
        let parents = inferred_parents(&t);
        for (id, vpc) in [
            ("ApplicationLoadBalancer", "Vpc"),
            ("WebServerGroup", "Vpc"),
            ("DatabaseSubnetGroup", "Vpc"),
            // Through its subnet group.
            ("Database", "Vpc"),
        ] {
            assert_eq!(parents.get(id).map(String::as_str), Some(vpc), "{id}");
        }
        assert_eq!(
            subnets_of(&t, "Database"),
            vec!["DatabaseSubnet1", "DatabaseSubnet2"]
        );
        assert!(!parents.contains_key("LaunchTemplate"));
    }

    #[test]
    fn a_resource_across_two_vpcs_stands_in_neither() {
        let t = parse(
            "Resources:
  V1: {Type: AWS::EC2::VPC}
  V2: {Type: AWS::EC2::VPC}
  A: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref V1}}
  B: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref V2}}
  Lb: {Type: AWS::ElasticLoadBalancingV2::LoadBalancer, Properties: {Subnets: [!Ref A, !Ref B]}}
  G: {Type: AWS::RDS::DBSubnetGroup, Properties: {SubnetIds: [!Ref G]}}
",
        )
        .unwrap()
        .template;
        let parents = inferred_parents(&t);
        assert!(!parents.contains_key("Lb"));
        // A group naming itself is no subnet of anything.
        assert!(subnets_of(&t, "G").is_empty());
    }
}
