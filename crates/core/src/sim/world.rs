//! What is simulated, built once from the document: load balancers with their
//! listeners' rules, target groups with their health checks, Auto Scaling groups with
//! their policies and alarms, standalone instances, databases. Values go through the
//! validator's resolver with the run's parameter values and region (one resolver for
//! both). A resource not modelled is listed with the reason, never dropped silently.

use std::collections::BTreeMap;

use super::cron::{Cron, TimeZone, parse_timestamp};
use super::prices;
use crate::template::intrinsic::FOR_EACH_PREFIX;
use crate::template::language_extensions::{ExpandError, expand_for_each};
use crate::template::{Node, Resource, Template};
use crate::validate::Deployment;
use crate::validate::resolve::{Resolver, Scalar, resource_ref};

/// An index into `World::zones`.
pub type Zone = usize;

#[derive(Clone, Debug, Default)]
pub struct World {
    /// Availability zone names, in the order first met.
    pub zones: Vec<String>,
    pub load_balancers: Vec<LoadBalancer>,
    pub target_groups: Vec<TargetGroup>,
    pub groups: Vec<Group>,
    pub instances: Vec<StandaloneInstance>,
    pub databases: Vec<Database>,
    /// Where sessions can keep their state off the instances: the template's
    /// ElastiCache clusters and DynamoDB tables (logical ids).
    pub state_stores: Vec<String>,
    /// The load balancer users' requests arrive at.
    pub entry: Option<usize>,
    /// Without one, the instance that takes them itself (an index into `instances`):
    /// the first with a public address.
    pub entry_instance: Option<usize>,
    pub not_simulated: Vec<NotSimulated>,
    /// What the world took for granted where the template leaves a value to the
    /// deployer (a subnet list parameter without a value).
    pub assumed: Vec<Assumed>,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Assumed {
    pub resource: String,
    pub property: String,
    pub assumption: String,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct NotSimulated {
    pub resource: String,
    #[serde(rename = "type")]
    pub type_name: String,
    pub reason: String,
}

#[derive(Clone, Debug)]
pub struct LoadBalancer {
    pub id: String,
    pub internet_facing: bool,
    pub zones: Vec<Zone>,
    /// The entry listener's rules by priority, its default actions last.
    pub rules: Vec<Rule>,
    /// The entry listener's logical id (a Classic Load Balancer has none of its own).
    pub listener: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Rule {
    pub priority: Option<u32>,
    pub conditions: Vec<Condition>,
    pub action: Action,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Condition {
    Path(Vec<String>),
    Host(Vec<String>),
    Method(Vec<String>),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Target groups (indexes into `World::target_groups`) with their weights.
    Forward(Vec<(usize, u32)>),
    FixedResponse(u16),
    Redirect,
}

/// Health check settings; defaults from "Health checks for Application Load Balancer
/// target groups" (ELB documentation).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HealthCheck {
    pub interval: f64,
    pub timeout: f64,
    pub healthy_threshold: u32,
    pub unhealthy_threshold: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Algorithm {
    RoundRobin,
    LeastOutstanding,
    WeightedRandom,
}

#[derive(Clone, Debug)]
pub struct TargetGroup {
    pub id: String,
    pub health: HealthCheck,
    pub algorithm: Algorithm,
    /// Seconds a deregistered target drains (default 300).
    pub deregistration_delay: f64,
    /// Standalone instances registered in the template (`Targets`).
    pub members: Vec<usize>,
    /// `stickiness.enabled`: a session's requests go to the target that served its first.
    pub sticky: bool,
    /// `slow_start.duration_seconds` (0: off): a newly healthy target's share of
    /// requests rises linearly over this long. Not with least outstanding requests,
    /// which AWS does not allow it with.
    pub slow_start: f64,
}

#[derive(Clone, Debug)]
pub struct Group {
    pub id: String,
    pub min: u32,
    pub max: u32,
    pub desired: u32,
    pub zones: Vec<Zone>,
    pub instance_type: String,
    pub vcpus: u32,
    pub target_groups: Vec<usize>,
    /// The launch template or launch configuration (logical id).
    pub launch: String,
    /// `HealthCheckType: ELB`: instances the load balancer finds unhealthy are replaced.
    pub elb_health: bool,
    /// 0 when created by CloudFormation (EC2 Auto Scaling user guide).
    pub grace_period: f64,
    pub cooldown: f64,
    /// `DefaultInstanceWarmup`, else the cooldown.
    pub warmup: f64,
    /// One-minute metrics (launch template `Monitoring.Enabled`); five otherwise.
    pub detailed_monitoring: bool,
    pub policies: Vec<Policy>,
    /// The template's `AWS::AutoScaling::ScheduledAction`s for this group.
    pub scheduled: Vec<ScheduledAction>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Policy {
    TargetTracking {
        id: String,
        metric: TrackedMetric,
        target: f64,
        disable_scale_in: bool,
        warmup: Option<f64>,
    },
    /// A simple or step policy fired by the template's own alarm.
    Alarmed {
        id: String,
        alarm: Alarm,
        /// A step policy's step adjustments, in the template's order; a simple
        /// policy's one adjustment as a step without bounds.
        steps: Vec<Step>,
        /// `MinAdjustmentMagnitude`: the least a `PercentChangeInCapacity` adjustment
        /// changes the capacity by (0: no least).
        min_magnitude: i64,
        /// For simple policies only; step policies use warmup instead.
        cooldown: Option<f64>,
        /// A step policy's `EstimatedInstanceWarmup`, else the group's.
        warmup: Option<f64>,
    },
}

/// A step adjustment: the adjustment made when the breach (the metric's value less
/// the alarm's threshold) lies between the bounds (`None`: unbounded).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Step {
    pub lower: Option<f64>,
    pub upper: Option<f64>,
    pub adjustment: Adjustment,
}

impl Step {
    /// Whether the breach lies in this step. "If the metric value is above the breach
    /// threshold, the lower bound is inclusive ... Otherwise, it is exclusive", and the
    /// upper bound the other way round ("StepAdjustment", EC2 Auto Scaling API
    /// Reference, <https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_StepAdjustment.html>):
    /// with a threshold of 50, bounds 0 and 10 take 50 ≤ metric < 60 for an alarm above
    /// it, and bounds −10 and 0 take 40 < metric ≤ 50 for one below it.
    pub fn holds(&self, breach: f64, above: bool) -> bool {
        let lower = self.lower.unwrap_or(f64::NEG_INFINITY);
        let upper = self.upper.unwrap_or(f64::INFINITY);
        if above {
            lower <= breach && breach < upper
        } else {
            lower < breach && breach <= upper
        }
    }
}

/// An `AWS::AutoScaling::ScheduledAction`: new sizes for its group at set times
/// ("PutScheduledUpdateGroupAction", EC2 Auto Scaling API Reference,
/// <https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_PutScheduledUpdateGroupAction.html>).
#[derive(Clone, Debug, PartialEq)]
pub struct ScheduledAction {
    pub id: String,
    pub min: Option<u32>,
    pub max: Option<u32>,
    pub desired: Option<u32>,
    /// `StartTime`, seconds since 1970 (UTC).
    pub start: Option<i64>,
    /// `EndTime`, seconds since 1970 (UTC).
    pub end: Option<i64>,
    pub recurrence: Option<Cron>,
    /// `TimeZone`, which the recurrence is read in (UTC without one).
    pub zone: TimeZone,
}

impl ScheduledAction {
    /// Whether the action runs at `at` (a whole second, seconds since 1970): at its
    /// `StartTime`, and on its recurrence from `StartTime` to `EndTime` ("If you
    /// specify Recurrence and StartTime, Amazon EC2 Auto Scaling performs the action at
    /// this time, and then performs the action based on the specified recurrence";
    /// "Amazon EC2 Auto Scaling does not perform the action after" `EndTime`). Cron
    /// runs at the start of its minutes.
    pub fn runs_at(&self, at: i64) -> bool {
        if self.start == Some(at) {
            return true;
        }
        let Some(cron) = &self.recurrence else {
            return false;
        };
        at.rem_euclid(60) == 0
            && self.start.is_none_or(|s| at >= s)
            && self.end.is_none_or(|e| at <= e)
            && cron.matches(self.zone.local(at))
    }

    /// Why the action cannot run in a run whose clock starts at `clock` (seconds since
    /// 1970): a one-time action dated before it, or a recurrence that ended before it.
    pub fn over_before(&self, clock: i64) -> Option<String> {
        let stamp = super::audit_monitor::timestamp;
        match (self.recurrence.is_some(), self.start, self.end) {
            (false, Some(s), _) if s < clock => Some(format!(
                "its StartTime {} is before the run starts ({})",
                stamp(s),
                stamp(clock)
            )),
            (true, _, Some(e)) if e < clock => Some(format!(
                "its EndTime {} is before the run starts ({})",
                stamp(e),
                stamp(clock)
            )),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrackedMetric {
    Cpu,
    RequestsPerTarget,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Adjustment {
    Change(i64),
    Exact(i64),
    Percent(i64),
}

/// A CloudWatch alarm on the group's average CPU: `datapoints` of the last
/// `evaluation_periods` periods beyond the threshold.
#[derive(Clone, Debug, PartialEq)]
pub struct Alarm {
    pub id: String,
    pub period: f64,
    pub evaluation_periods: u32,
    pub datapoints: u32,
    pub threshold: f64,
    pub above: bool,
}

#[derive(Clone, Debug)]
pub struct StandaloneInstance {
    pub id: String,
    /// Reachable from the internet: outside a VPC (EC2-Classic and default-VPC
    /// templates), or with a public address, or in a subnet that maps one on launch.
    pub public: bool,
    pub zone: Zone,
    pub instance_type: String,
    pub vcpus: u32,
}

#[derive(Clone, Debug)]
pub struct Database {
    pub id: String,
    pub class: String,
    pub multi_az: bool,
    pub zone: Zone,
    /// The standby's zone, with Multi-AZ.
    pub standby_zone: Option<Zone>,
}

/// Why the world could not be built: the resource and property, and what is wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct WorldError {
    pub resource: String,
    pub property: String,
    pub message: String,
}

impl std::fmt::Display for WorldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}: {}", self.resource, self.property, self.message)
    }
}

/// A loop that cannot be expanded: the loop, the part at fault, and where.
impl From<ExpandError> for WorldError {
    fn from(e: ExpandError) -> Self {
        let at = if e.pos.is_known() {
            format!(" (line {})", e.pos.line)
        } else {
            String::new()
        };
        WorldError {
            resource: format!("{FOR_EACH_PREFIX}{}", e.loop_name),
            property: e.part.to_string(),
            message: format!("{}{at}", e.message),
        }
    }
}

/// How many zones a group whose subnet parameter has no value is taken to span.
const ASSUMED_SUBNET_ZONES: usize = 2;

/// Zones per region for `Fn::GetAZs`, from AWS's Regions and Zones page; other
/// regions are taken to have three.
fn zone_count(region: &str) -> usize {
    match region {
        "us-east-1" => 6,
        "ap-northeast-2" | "us-west-2" => 4,
        _ => 3,
    }
}

struct Builder<'a> {
    template: &'a Template,
    deployment: &'a Deployment,
    resolver: Resolver<'a>,
    world: World,
    target_groups: BTreeMap<&'a str, usize>,
    instances: BTreeMap<&'a str, usize>,
    /// Subnet ids from outside the template, in the order met.
    outside_subnets: Vec<String>,
}

/// The world of a template for a deployment. Its `Fn::ForEach` loops are expanded
/// first (for the deployment's parameter values), as the `AWS::LanguageExtensions`
/// transform expands them before CloudFormation creates anything.
pub fn build(template: &Template, deployment: &Deployment) -> Result<World, WorldError> {
    let expanded = expand_for_each(template, deployment)?;
    build_expanded(&expanded, deployment)
}

fn build_expanded(template: &Template, deployment: &Deployment) -> Result<World, WorldError> {
    let mut b = Builder {
        template,
        deployment,
        resolver: Resolver::deployed(template, deployment),
        world: World::default(),
        target_groups: BTreeMap::new(),
        instances: BTreeMap::new(),
        outside_subnets: Vec::new(),
    };
    // Resources whose condition is false for these parameters are not created.
    let off: Vec<&str> = template
        .resources()
        .filter(|r| !b.created(r))
        .map(|r| r.id)
        .collect();
    for r in template.resources().filter(|r| off.contains(&r.id)) {
        b.not_simulated(r.id.to_string(), r.type_name().unwrap_or_default().to_string(), format!(
                "its condition {} is false for these parameters, so CloudFormation does not create it",
                r.condition().unwrap_or_default()
            ));
    }
    let created = |r: &Resource| !off.contains(&r.id);
    // Instances before target groups, which name them as targets.
    for r in template.resources().filter(created) {
        if r.type_name() == Some("AWS::EC2::Instance") {
            b.instance(r)?;
        }
    }
    for r in template.resources().filter(created) {
        match r.type_name() {
            Some("AWS::ElasticLoadBalancingV2::TargetGroup") => b.target_group(r)?,
            Some("AWS::ElasticLoadBalancing::LoadBalancer") => b.classic(r)?,
            _ => {}
        }
    }
    for r in template.resources().filter(created) {
        let t = r.type_name().unwrap_or_default();
        match t {
            "AWS::EC2::Instance"
            | "AWS::ElasticLoadBalancingV2::TargetGroup"
            | "AWS::ElasticLoadBalancing::LoadBalancer" => {}
            "AWS::ElasticLoadBalancingV2::LoadBalancer" => b.load_balancer(r)?,
            "AWS::AutoScaling::AutoScalingGroup" => b.group(r)?,
            "AWS::RDS::DBInstance" => b.database(r)?,
            "AWS::ElastiCache::CacheCluster"
            | "AWS::ElastiCache::ReplicationGroup"
            | "AWS::DynamoDB::Table" => b.world.state_stores.push(r.id.to_string()),
            _ => {
                if let Some(reason) = not_simulated_reason(t) {
                    b.not_simulated(r.id.to_string(), t.to_string(), reason.to_string());
                }
            }
        }
    }
    b.policies()?;
    b.scheduled_actions()?;
    b.world.entry = b
        .world
        .load_balancers
        .iter()
        .position(|lb| lb.internet_facing && !lb.rules.is_empty());
    if b.world.entry.is_none() {
        b.world.entry_instance = b.world.instances.iter().position(|i| i.public);
    }
    Ok(b.world)
}

/// Why a type is not simulated; `None` for the types folded into the ones that are
/// (listeners into their load balancer, launch templates into their group ...).
fn not_simulated_reason(type_name: &str) -> Option<&'static str> {
    Some(match type_name {
        "AWS::ElasticLoadBalancingV2::Listener"
        | "AWS::ElasticLoadBalancingV2::ListenerRule"
        | "AWS::EC2::LaunchTemplate"
        | "AWS::AutoScaling::LaunchConfiguration"
        | "AWS::AutoScaling::ScalingPolicy"
        | "AWS::AutoScaling::ScheduledAction"
        | "AWS::CloudWatch::Alarm"
        | "AWS::RDS::DBSubnetGroup"
        | "AWS::EC2::Subnet" => return None,
        "AWS::EC2::VPC"
        | "AWS::EC2::InternetGateway"
        | "AWS::EC2::VPCGatewayAttachment"
        | "AWS::EC2::RouteTable"
        | "AWS::EC2::Route"
        | "AWS::EC2::SubnetRouteTableAssociation"
        | "AWS::EC2::SecurityGroup"
        | "AWS::EC2::SecurityGroupIngress"
        | "AWS::EC2::SecurityGroupEgress"
        | "AWS::EC2::NetworkAcl"
        | "AWS::EC2::NetworkAclEntry"
        | "AWS::EC2::SubnetNetworkAclAssociation"
        | "AWS::EC2::EIP" => {
            "network plumbing: zones are read from it, but whether traffic may pass is not simulated (requests are assumed to reach every tier)"
        }
        "AWS::EC2::NatGateway" => {
            "outbound traffic of private instances is not simulated, so neither is a NAT gateway's failure"
        }
        "AWS::RDS::DBCluster" => "Aurora and Multi-AZ DB clusters are not simulated yet",
        "AWS::CloudFront::Distribution" | "AWS::ApiGateway::RestApi" | "AWS::ApiGatewayV2::Api" => {
            "edge and API gateways (the multi-device broker) are not simulated yet: requests arrive at the load balancer"
        }
        "AWS::Route53::RecordSet" | "AWS::Route53::HealthCheck" | "AWS::Route53::HostedZone" => {
            "DNS and Route 53 failover records are not simulated yet"
        }
        _ => "not part of the request path the simulator models",
    })
}

impl<'a> Builder<'a> {
    /// Lists a resource the run leaves out, with why.
    fn not_simulated(
        &mut self,
        resource: impl Into<String>,
        type_name: impl Into<String>,
        reason: impl Into<String>,
    ) {
        self.world.not_simulated.push(NotSimulated {
            resource: resource.into(),
            type_name: type_name.into(),
            reason: reason.into(),
        });
    }

    /// Whether CloudFormation creates `r`: no condition, or one that holds (or cannot
    /// be told) for these parameters.
    fn created(&self, r: &Resource) -> bool {
        r.condition()
            .and_then(|c| self.resolver.condition(c))
            .is_none_or(|holds| holds)
    }

    fn err(&self, r: &Resource, property: &str, message: impl Into<String>) -> WorldError {
        WorldError {
            resource: r.id.to_string(),
            property: property.to_string(),
            message: message.into(),
        }
    }

    fn text(&self, r: &Resource<'a>, property: &str) -> Option<String> {
        self.resolver.text(r.property(property)?).map(|v| v.value)
    }

    fn number(&self, r: &Resource<'a>, property: &str, default: f64) -> Result<f64, WorldError> {
        match r.property(property) {
            None => Ok(default),
            Some(node) => self
                .resolver
                .number(node)
                .map(|v| v.value)
                .ok_or_else(|| self.err(r, property, "cannot be resolved to a number")),
        }
    }

    fn zone_named(&mut self, name: String) -> Zone {
        if let Some(i) = self.world.zones.iter().position(|z| *z == name) {
            return i;
        }
        self.world.zones.push(name);
        self.world.zones.len() - 1
    }

    fn zone_of_scalar(&mut self, s: Scalar) -> Zone {
        let name = match s {
            Scalar::Text(t) => t,
            Scalar::Az { region, index } => {
                let region = if region.is_empty() {
                    self.deployment.region.clone()
                } else {
                    region
                };
                let letter = (b'a' + (index % 26) as u8) as char;
                format!("{region}{letter}")
            }
        };
        self.zone_named(name)
    }

    /// The zone of a subnet named by `node`: a subnet of the template (a `Ref`), whose
    /// zone is its `AvailabilityZone` or, without one, the region's first (EC2 picks
    /// one); or a subnet id from outside the template, whose zone nothing tells: each
    /// distinct outside subnet is taken to be in the next zone (a, b, c ...), the
    /// layout a multi-AZ template is given.
    fn subnet_zone(&mut self, node: &'a Node) -> Option<Zone> {
        let Some(id) = resource_ref(self.template, node) else {
            let outside = self.resolver.text(node)?.value;
            return Some(self.outside_subnet_zone(outside));
        };
        let subnet = self.template.resource(id)?;
        Some(self.zone_property(subnet.property("AvailabilityZone")))
    }

    fn outside_subnet_zone(&mut self, subnet: String) -> Zone {
        let k = match self.outside_subnets.iter().position(|s| *s == subnet) {
            Some(k) => k,
            None => {
                self.outside_subnets.push(subnet);
                self.outside_subnets.len() - 1
            }
        };
        self.region_zone(k)
    }

    /// The run's region's `index`th zone (a, b, c ...).
    fn region_zone(&mut self, index: usize) -> Zone {
        self.zone_of_scalar(Scalar::Az {
            region: String::new(),
            index,
        })
    }

    /// The zone an `AvailabilityZone` property names, or without one the region's
    /// first (EC2 picks one).
    fn zone_property(&mut self, node: Option<&'a Node>) -> Zone {
        match node.and_then(|z| self.resolver.scalar(z)) {
            Some(z) => self.zone_of_scalar(z.value),
            None => self.region_zone(0),
        }
    }

    /// The zones of a list of subnets: written out, or a list the resolver knows
    /// (a `List<AWS::EC2::Subnet::Id>` parameter's value, a `Split` ...).
    fn subnet_zones(&mut self, node: Option<&'a Node>) -> Vec<Zone> {
        let mut zones = Vec::new();
        let add = |z: Zone, zones: &mut Vec<Zone>| {
            if !zones.contains(&z) {
                zones.push(z);
            }
        };
        match node.and_then(Node::as_seq) {
            Some(items) => {
                for item in items {
                    if let Some(z) = self.subnet_zone(item) {
                        add(z, &mut zones);
                    }
                }
            }
            None => {
                let listed = node.and_then(|n| self.resolver.list(n)).map(|l| l.value);
                for s in listed.unwrap_or_default().into_iter().flatten() {
                    if let Scalar::Text(id) = s {
                        let z = self.outside_subnet_zone(id);
                        add(z, &mut zones);
                    }
                }
            }
        }
        zones
    }

    fn vcpus(&self, r: &Resource, property: &str, instance_type: &str) -> Result<u32, WorldError> {
        prices::vcpus(instance_type).ok_or_else(|| {
            self.err(
                r,
                property,
                format!("{instance_type} is not an instance type the simulator knows"),
            )
        })
    }

    fn instance(&mut self, r: Resource<'a>) -> Result<(), WorldError> {
        let instance_type = self
            .text(&r, "InstanceType")
            .unwrap_or_else(|| "m1.small".into());
        let vcpus = self.vcpus(&r, "InstanceType", &instance_type)?;
        let zone = match r.property("SubnetId").and_then(|s| self.subnet_zone(s)) {
            Some(z) => z,
            None => self.zone_property(r.property("AvailabilityZone")),
        };
        let public = self.is_public(&r);
        self.instances.insert(r.id, self.world.instances.len());
        self.world.instances.push(StandaloneInstance {
            id: r.id.to_string(),
            public,
            zone,
            instance_type,
            vcpus,
        });
        Ok(())
    }

    /// Whether an instance gets a public address: no subnet (a default VPC gives
    /// one), `AssociatePublicIpAddress` on a network interface, an Elastic IP on it,
    /// a subnet of the template with `MapPublicIpOnLaunch`, or a subnet from outside
    /// the template (an assumption: nothing tells).
    fn is_public(&self, r: &Resource<'a>) -> bool {
        let truthy = |n: Option<&'a Node>| {
            n.and_then(|n| self.resolver.boolean(n))
                .is_some_and(|v| v.value)
        };
        let interfaces = r
            .property("NetworkInterfaces")
            .and_then(Node::as_seq)
            .unwrap_or_default();
        if interfaces
            .iter()
            .any(|i| truthy(i.get("AssociatePublicIpAddress")))
        {
            return true;
        }
        let has_eip = self.template.resources().any(|e| {
            matches!(
                e.type_name(),
                Some("AWS::EC2::EIP" | "AWS::EC2::EIPAssociation")
            ) && e
                .property("InstanceId")
                .and_then(|n| resource_ref(self.template, n))
                == Some(r.id)
        });
        let subnet = r
            .property("SubnetId")
            .or_else(|| interfaces.first().and_then(|i| i.get("SubnetId")));
        match subnet.map(|s| resource_ref(self.template, s)) {
            None => true,
            // A subnet from outside the template: nothing says, so it is taken to be
            // public (the traffic the scenario sends has to reach something).
            Some(None) => true,
            Some(Some(id)) => {
                has_eip
                    || self
                        .template
                        .resource(id)
                        .is_some_and(|sub| truthy(sub.property("MapPublicIpOnLaunch")))
            }
        }
    }

    fn target_group(&mut self, r: Resource<'a>) -> Result<(), WorldError> {
        let health = HealthCheck {
            interval: self.number(&r, "HealthCheckIntervalSeconds", 30.0)?,
            timeout: self.number(&r, "HealthCheckTimeoutSeconds", 5.0)?,
            healthy_threshold: self.number(&r, "HealthyThresholdCount", 5.0)? as u32,
            unhealthy_threshold: self.number(&r, "UnhealthyThresholdCount", 2.0)? as u32,
        };
        if health.interval <= 0.0
            || health.healthy_threshold == 0
            || health.unhealthy_threshold == 0
        {
            return Err(self.err(
                &r,
                "HealthCheckIntervalSeconds",
                "health check settings out of range",
            ));
        }
        let mut algorithm = Algorithm::RoundRobin;
        let mut deregistration_delay = 300.0;
        let mut sticky = false;
        let mut slow_start = 0.0;
        for attr in r
            .property("TargetGroupAttributes")
            .and_then(Node::as_seq)
            .unwrap_or_default()
        {
            let key = attr
                .get("Key")
                .and_then(|k| self.resolver.text(k))
                .map(|v| v.value);
            let value = attr
                .get("Value")
                .and_then(|k| self.resolver.text(k))
                .map(|v| v.value);
            match (key.as_deref(), value.as_deref()) {
                (Some("load_balancing.algorithm.type"), Some("least_outstanding_requests")) => {
                    algorithm = Algorithm::LeastOutstanding
                }
                (Some("load_balancing.algorithm.type"), Some("weighted_random")) => {
                    algorithm = Algorithm::WeightedRandom
                }
                (Some("stickiness.enabled"), Some(v)) => sticky = v.eq_ignore_ascii_case("true"),
                (Some("slow_start.duration_seconds"), Some(v)) => {
                    slow_start = v.parse().map_err(|_| {
                        self.err(
                            &r,
                            "TargetGroupAttributes",
                            "slow start duration is not a number",
                        )
                    })?
                }
                (Some("deregistration_delay.timeout_seconds"), Some(v)) => {
                    deregistration_delay = v.parse().map_err(|_| {
                        self.err(
                            &r,
                            "TargetGroupAttributes",
                            "deregistration delay is not a number",
                        )
                    })?
                }
                _ => {}
            }
        }
        let members = r
            .property("Targets")
            .and_then(Node::as_seq)
            .unwrap_or_default()
            .iter()
            .filter_map(|t| t.get("Id").and_then(|id| resource_ref(self.template, id)))
            .filter_map(|id| self.instances.get(id).copied())
            .collect();
        self.target_groups
            .insert(r.id, self.world.target_groups.len());
        self.world.target_groups.push(TargetGroup {
            id: r.id.to_string(),
            health,
            algorithm,
            deregistration_delay,
            members,
            sticky,
            slow_start: if algorithm == Algorithm::LeastOutstanding {
                0.0
            } else {
                slow_start
            },
        });
        Ok(())
    }

    /// A Classic Load Balancer: a load balancer with one target group of its own (its
    /// instances, its health check), named by the ELB's logical id. Defaults from
    /// "Configure health checks for your Classic Load Balancer" (interval 30 s,
    /// timeout 5 s, healthy 10, unhealthy 2); it routes HTTP by least outstanding
    /// requests; connection draining is off unless the template turns it on.
    fn classic(&mut self, r: Resource<'a>) -> Result<(), WorldError> {
        let hc = r.property("HealthCheck");
        let field = |key: &str, default: f64| -> Result<f64, WorldError> {
            match hc.and_then(|h| h.get(key)) {
                None => Ok(default),
                Some(n) => self
                    .resolver
                    .number(n)
                    .map(|v| v.value)
                    .filter(|v| *v > 0.0)
                    .ok_or_else(|| {
                        self.err(
                            &r,
                            "HealthCheck",
                            format!("{key} cannot be resolved to a positive number"),
                        )
                    }),
            }
        };
        let health = HealthCheck {
            interval: field("Interval", 30.0)?,
            timeout: field("Timeout", 5.0)?,
            healthy_threshold: field("HealthyThreshold", 10.0)? as u32,
            unhealthy_threshold: field("UnhealthyThreshold", 2.0)? as u32,
        };
        let draining = r.property("ConnectionDrainingPolicy");
        let deregistration_delay = if draining
            .and_then(|d| d.get("Enabled"))
            .and_then(|n| self.resolver.boolean(n))
            .is_some_and(|v| v.value)
        {
            draining
                .and_then(|d| d.get("Timeout"))
                .and_then(|n| self.resolver.number(n))
                .map_or(300.0, |v| v.value)
        } else {
            0.0
        };
        let members = r
            .property("Instances")
            .and_then(Node::as_seq)
            .unwrap_or_default()
            .iter()
            .filter_map(|n| resource_ref(self.template, n))
            .filter_map(|id| self.instances.get(id).copied())
            .collect();
        let tg = self.world.target_groups.len();
        self.target_groups.insert(r.id, tg);
        self.world.target_groups.push(TargetGroup {
            id: r.id.to_string(),
            health,
            algorithm: Algorithm::LeastOutstanding,
            deregistration_delay,
            members,
            sticky: r.property("LBCookieStickinessPolicy").is_some()
                || r.property("AppCookieStickinessPolicy").is_some(),
            slow_start: 0.0,
        });
        let mut zones = self.subnet_zones(r.property("Subnets"));
        if zones.is_empty()
            && let Some(list) = r
                .property("AvailabilityZones")
                .and_then(|n| self.resolver.list(n))
        {
            for z in list.value.into_iter().flatten() {
                zones.push(self.zone_of_scalar(z));
            }
        }
        self.world.load_balancers.push(LoadBalancer {
            id: r.id.to_string(),
            internet_facing: self.text(&r, "Scheme").is_none_or(|s| s != "internal"),
            zones,
            rules: vec![Rule {
                priority: None,
                conditions: Vec::new(),
                action: Action::Forward(vec![(tg, 1)]),
            }],
            listener: None,
        });
        Ok(())
    }

    fn target_group_ref(&self, node: &'a Node) -> Option<usize> {
        self.target_groups
            .get(resource_ref(self.template, node)?)
            .copied()
    }

    fn action(&self, action: &'a Node) -> Option<Action> {
        let kind = action
            .get("Type")
            .and_then(|t| self.resolver.text(t))?
            .value;
        Some(match kind.as_str() {
            "forward" => {
                let mut groups = Vec::new();
                if let Some(tg) = action
                    .get("TargetGroupArn")
                    .and_then(|n| self.target_group_ref(n))
                {
                    groups.push((tg, 1));
                }
                let weighted = action
                    .get("ForwardConfig")
                    .and_then(|f| f.get("TargetGroups"))
                    .and_then(Node::as_seq)
                    .unwrap_or_default();
                for w in weighted {
                    if let Some(tg) = w
                        .get("TargetGroupArn")
                        .and_then(|n| self.target_group_ref(n))
                    {
                        let weight = w
                            .get("Weight")
                            .and_then(|n| self.resolver.number(n))
                            .map_or(1, |v| v.value as u32);
                        groups.push((tg, weight));
                    }
                }
                Action::Forward(groups)
            }
            "fixed-response" => Action::FixedResponse(
                action
                    .get("FixedResponseConfig")
                    .and_then(|c| c.get("StatusCode"))
                    .and_then(|n| self.resolver.number(n))
                    .map_or(200, |v| v.value as u16),
            ),
            "redirect" => Action::Redirect,
            _ => return None,
        })
    }

    fn conditions(&self, rule: &Resource<'a>) -> Vec<Condition> {
        let mut out = Vec::new();
        for c in rule
            .property("Conditions")
            .and_then(Node::as_seq)
            .unwrap_or_default()
        {
            let field = c
                .get("Field")
                .and_then(|f| self.resolver.text(f))
                .map(|v| v.value);
            let values = |node: Option<&'a Node>| -> Vec<String> {
                node.and_then(Node::as_seq)
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|v| self.resolver.text(v).map(|v| v.value))
                    .collect()
            };
            let direct = values(c.get("Values"));
            let cond = match field.as_deref() {
                Some("path-pattern") => Condition::Path(if direct.is_empty() {
                    values(c.get("PathPatternConfig").and_then(|p| p.get("Values")))
                } else {
                    direct
                }),
                Some("host-header") => Condition::Host(if direct.is_empty() {
                    values(c.get("HostHeaderConfig").and_then(|p| p.get("Values")))
                } else {
                    direct
                }),
                Some("http-request-method") => Condition::Method(values(
                    c.get("HttpRequestMethodConfig")
                        .and_then(|p| p.get("Values")),
                )),
                _ => continue,
            };
            out.push(cond);
        }
        out
    }

    fn load_balancer(&mut self, r: Resource<'a>) -> Result<(), WorldError> {
        if self.text(&r, "Type").is_some_and(|t| t != "application") {
            self.not_simulated(
                r.id.to_string(),
                "AWS::ElasticLoadBalancingV2::LoadBalancer",
                "Network and Gateway Load Balancers are not simulated yet",
            );
            return Ok(());
        }
        let internet_facing = self
            .text(&r, "Scheme")
            .is_none_or(|s| s == "internet-facing");
        let mut zones = self.subnet_zones(r.property("Subnets"));
        for m in r
            .property("SubnetMappings")
            .and_then(Node::as_seq)
            .unwrap_or_default()
        {
            if let Some(z) = m.get("SubnetId").and_then(|s| self.subnet_zone(s))
                && !zones.contains(&z)
            {
                zones.push(z);
            }
        }
        // The entry listener: the first that forwards (not a redirect to HTTPS).
        let listeners: Vec<Resource<'a>> = self
            .template
            .resources()
            .filter(|l| {
                l.type_name() == Some("AWS::ElasticLoadBalancingV2::Listener") && self.created(l)
            })
            .filter(|l| {
                l.property("LoadBalancerArn")
                    .and_then(|n| resource_ref(self.template, n))
                    == Some(r.id)
            })
            .collect();
        let default_action = |l: &Resource<'a>| {
            l.property("DefaultActions")
                .and_then(Node::as_seq)
                .and_then(|a| a.first())
                .and_then(|a| self.action(a))
        };
        let listener = listeners
            .iter()
            .find(|l| matches!(default_action(l), Some(Action::Forward(_))))
            .or(listeners.first());
        let mut rules = Vec::new();
        let listener_id = listener.map(|l| l.id.to_string());
        if let Some(l) = listener {
            let mut ranked: Vec<Rule> = self
                .template
                .resources()
                .filter(|x| {
                    x.type_name() == Some("AWS::ElasticLoadBalancingV2::ListenerRule")
                        && self.created(x)
                })
                .filter(|x| {
                    x.property("ListenerArn")
                        .and_then(|n| resource_ref(self.template, n))
                        == Some(l.id)
                })
                .filter_map(|x| {
                    let action = x
                        .property("Actions")
                        .and_then(Node::as_seq)
                        .and_then(|a| a.iter().find_map(|a| self.action(a)))?;
                    Some(Rule {
                        priority: x
                            .property("Priority")
                            .and_then(|p| self.resolver.number(p))
                            .map(|v| v.value as u32),
                        conditions: self.conditions(&x),
                        action,
                    })
                })
                .collect();
            ranked.sort_by_key(|r| r.priority.unwrap_or(u32::MAX));
            rules = ranked;
            if let Some(action) = default_action(l) {
                rules.push(Rule {
                    priority: None,
                    conditions: Vec::new(),
                    action,
                });
            }
        }
        self.world.load_balancers.push(LoadBalancer {
            id: r.id.to_string(),
            internet_facing,
            zones,
            rules,
            listener: listener_id,
        });
        Ok(())
    }

    /// The launch template's or launch configuration's data for a group.
    /// The launch template's data or the launch configuration's properties, whether
    /// it is a template, and its logical id.
    fn launch_data(&self, r: &Resource<'a>) -> Option<(&'a Node, bool, &'a str)> {
        let spec = r.property("LaunchTemplate").or_else(|| {
            r.property("MixedInstancesPolicy")
                .and_then(|m| m.get("LaunchTemplate"))
                .and_then(|l| l.get("LaunchTemplateSpecification"))
        });
        if let Some(spec) = spec {
            let id = spec
                .get("LaunchTemplateId")
                .or_else(|| spec.get("LaunchTemplateName"))
                .and_then(|n| resource_ref(self.template, n))?;
            return Some((
                self.template.resource(id)?.property("LaunchTemplateData")?,
                true,
                id,
            ));
        }
        let id = r
            .property("LaunchConfigurationName")
            .and_then(|n| resource_ref(self.template, n))?;
        Some((
            self.template.resource(id)?.node.get("Properties")?,
            false,
            id,
        ))
    }

    fn group(&mut self, r: Resource<'a>) -> Result<(), WorldError> {
        let count = |b: &Self, p: &str| -> Result<Option<u32>, WorldError> {
            match r.property(p) {
                None => Ok(None),
                Some(n) => b
                    .resolver
                    .number(n)
                    .filter(|v| v.value >= 0.0)
                    .map(|v| Some(v.value as u32))
                    .ok_or_else(|| b.err(&r, p, "cannot be resolved to a count")),
            }
        };
        let min = count(self, "MinSize")?.ok_or_else(|| self.err(&r, "MinSize", "is required"))?;
        let max = count(self, "MaxSize")?.ok_or_else(|| self.err(&r, "MaxSize", "is required"))?;
        if min > max {
            return Err(self.err(&r, "MinSize", format!("{min} is more than MaxSize {max}")));
        }
        let desired = count(self, "DesiredCapacity")?
            .unwrap_or(min)
            .clamp(min, max);
        let mut zones = self.subnet_zones(r.property("VPCZoneIdentifier"));
        if zones.is_empty() {
            match r
                .property("AvailabilityZones")
                .and_then(|n| self.resolver.list(n))
            {
                Some(list) => {
                    for z in list.value.into_iter().flatten() {
                        zones.push(self.zone_of_scalar(z));
                    }
                }
                None if r.property("AvailabilityZones").is_some() => {
                    // `!GetAZs ''`: every zone of the region.
                    for index in 0..zone_count(&self.deployment.region) {
                        zones.push(self.region_zone(index));
                    }
                }
                None => {}
            }
        }
        if zones.is_empty() {
            let parameter = r
                .property("VPCZoneIdentifier")
                .and_then(Node::as_fn)
                .and_then(crate::template::intrinsic::ref_target)
                .filter(|p| self.resolver.parameter(p).is_some());
            let Some(parameter) = parameter else {
                return Err(self.err(
                    &r,
                    "VPCZoneIdentifier",
                    "the group has no subnets or zones to launch in",
                ));
            };
            // The deployer picks the subnets when the stack is created; as AWS's own
            // samples are meant to be deployed, one subnet in each of two zones.
            let count = ASSUMED_SUBNET_ZONES.min(zone_count(&self.deployment.region));
            zones = (0..count).map(|i| self.region_zone(i)).collect();
            let names: Vec<&str> = zones
                .iter()
                .map(|&z| self.world.zones[z].as_str())
                .collect();
            let assumption = format!(
                "parameter {parameter} has no value: assumed one subnet in each of {} (give subnet ids in the scenario's parameters to choose)",
                names.join(" and ")
            );
            self.world.assumed.push(Assumed {
                resource: r.id.to_string(),
                property: "VPCZoneIdentifier".into(),
                assumption,
            });
        }
        let (data, from_template, launch) = self.launch_data(&r).ok_or_else(|| {
            self.err(
                &r,
                "LaunchTemplate",
                "no launch template or launch configuration found",
            )
        })?;
        let instance_type = data
            .get("InstanceType")
            .and_then(|n| self.resolver.text(n))
            .map(|v| v.value)
            .ok_or_else(|| {
                self.err(&r, "LaunchTemplate", "the instance type cannot be resolved")
            })?;
        let vcpus = self.vcpus(&r, "LaunchTemplate", &instance_type)?;
        // Launch templates default to basic monitoring, launch configurations to detailed.
        let detailed_monitoring = if from_template {
            data.get("Monitoring")
                .and_then(|m| m.get("Enabled"))
                .and_then(|n| self.resolver.boolean(n))
                .is_some_and(|v| v.value)
        } else {
            data.get("InstanceMonitoring")
                .and_then(|n| self.resolver.boolean(n))
                .is_none_or(|v| v.value)
        };
        // Target groups, and Classic Load Balancers by name (their own target group).
        let target_groups = ["TargetGroupARNs", "LoadBalancerNames"]
            .iter()
            .flat_map(|p| r.property(p).and_then(Node::as_seq).unwrap_or_default())
            .filter_map(|n| self.target_group_ref(n))
            .collect();
        let cooldown = self.number(&r, "Cooldown", 300.0)?;
        let warmup = self.number(&r, "DefaultInstanceWarmup", cooldown)?;
        self.world.groups.push(Group {
            id: r.id.to_string(),
            min,
            max,
            desired,
            zones,
            instance_type,
            vcpus,
            target_groups,
            launch: launch.to_string(),
            elb_health: self.text(&r, "HealthCheckType").is_some_and(|t| t == "ELB"),
            grace_period: self.number(&r, "HealthCheckGracePeriod", 0.0)?,
            cooldown,
            warmup,
            detailed_monitoring,
            policies: Vec::new(),
            scheduled: Vec::new(),
        });
        Ok(())
    }

    fn database(&mut self, r: Resource<'a>) -> Result<(), WorldError> {
        if r.property("DBClusterIdentifier").is_some() {
            self.not_simulated(
                r.id.to_string(),
                "AWS::RDS::DBInstance",
                "an instance of an Aurora cluster: clusters are not simulated yet",
            );
            return Ok(());
        }
        let class = self
            .text(&r, "DBInstanceClass")
            .ok_or_else(|| self.err(&r, "DBInstanceClass", "cannot be resolved"))?;
        let multi_az = r
            .property("MultiAZ")
            .and_then(|n| self.resolver.boolean(n))
            .is_some_and(|v| v.value);
        let subnet_zones = match r
            .property("DBSubnetGroupName")
            .and_then(|n| resource_ref(self.template, n))
            .and_then(|id| self.template.resource(id))
        {
            Some(g) => self.subnet_zones(g.property("SubnetIds")),
            None => Vec::new(),
        };
        let zone = match r
            .property("AvailabilityZone")
            .and_then(|z| self.resolver.scalar(z))
        {
            Some(z) => self.zone_of_scalar(z.value),
            None => match subnet_zones.first() {
                Some(z) => *z,
                None => self.region_zone(0),
            },
        };
        let standby_zone = multi_az
            .then(|| subnet_zones.iter().copied().find(|z| *z != zone))
            .flatten();
        self.world.databases.push(Database {
            id: r.id.to_string(),
            class,
            multi_az,
            zone,
            standby_zone: standby_zone.or(multi_az.then_some(zone)),
        });
        Ok(())
    }

    /// Scaling policies, each attached to its group, simple and step policies with the
    /// alarm that fires them.
    fn policies(&mut self) -> Result<(), WorldError> {
        for r in self.template.resources() {
            if r.type_name() != Some("AWS::AutoScaling::ScalingPolicy") || !self.created(&r) {
                continue;
            }
            let Some(group_id) = r
                .property("AutoScalingGroupName")
                .and_then(|n| resource_ref(self.template, n))
            else {
                continue;
            };
            let Some(g) = self.world.groups.iter().position(|g| g.id == group_id) else {
                continue;
            };
            let kind = self
                .text(&r, "PolicyType")
                .unwrap_or_else(|| "SimpleScaling".into());
            let warmup = match r.property("EstimatedInstanceWarmup") {
                Some(_) => Some(self.number(&r, "EstimatedInstanceWarmup", 0.0)?),
                None => None,
            };
            let policy = match kind.as_str() {
                "TargetTrackingScaling" => {
                    let cfg = r.property("TargetTrackingConfiguration").ok_or_else(|| {
                        self.err(&r, "TargetTrackingConfiguration", "is required")
                    })?;
                    let metric = cfg
                        .get("PredefinedMetricSpecification")
                        .and_then(|m| m.get("PredefinedMetricType"))
                        .and_then(|n| self.resolver.text(n))
                        .map(|v| v.value);
                    let metric = match metric.as_deref() {
                        Some("ASGAverageCPUUtilization") => TrackedMetric::Cpu,
                        Some("ALBRequestCountPerTarget") => TrackedMetric::RequestsPerTarget,
                        other => {
                            self.not_simulated(r.id.to_string(), "AWS::AutoScaling::ScalingPolicy", format!(
                                    "target tracking on {} is not simulated (CPU and requests per target are)",
                                    other.unwrap_or("a custom metric")
                                ));
                            continue;
                        }
                    };
                    let target = cfg
                        .get("TargetValue")
                        .and_then(|n| self.resolver.number(n))
                        .map(|v| v.value)
                        .filter(|v| *v > 0.0)
                        .ok_or_else(|| {
                            self.err(
                                &r,
                                "TargetTrackingConfiguration",
                                "TargetValue must be a positive number",
                            )
                        })?;
                    let disable_scale_in = cfg
                        .get("DisableScaleIn")
                        .and_then(|n| self.resolver.boolean(n))
                        .is_some_and(|v| v.value);
                    Policy::TargetTracking {
                        id: r.id.to_string(),
                        metric,
                        target,
                        disable_scale_in,
                        warmup,
                    }
                }
                "SimpleScaling" | "StepScaling" => {
                    let Some(alarm) = self.alarm_for(r.id) else {
                        self.not_simulated(
                            r.id.to_string(),
                            "AWS::AutoScaling::ScalingPolicy",
                            "no CPUUtilization alarm of the template fires this policy",
                        );
                        continue;
                    };
                    let step = kind == "StepScaling";
                    let adjustment_type = self.text(&r, "AdjustmentType");
                    let exact = adjustment_type.as_deref() == Some("ExactCapacity");
                    let as_adjustment = |n: i64| match adjustment_type.as_deref() {
                        Some("ExactCapacity") => Adjustment::Exact(n),
                        Some("PercentChangeInCapacity") => Adjustment::Percent(n),
                        _ => Adjustment::Change(n),
                    };
                    let steps = if step {
                        self.steps(&r, exact)?
                            .into_iter()
                            .map(|(lower, upper, n)| Step {
                                lower,
                                upper,
                                adjustment: as_adjustment(n),
                            })
                            .collect()
                    } else {
                        let n = self.adjustment(&r, r.property("ScalingAdjustment"), exact)?;
                        vec![Step {
                            lower: None,
                            upper: None,
                            adjustment: as_adjustment(n),
                        }]
                    };
                    // `MinAdjustmentStep` is the older name, for simple policies.
                    let magnitude = ["MinAdjustmentMagnitude", "MinAdjustmentStep"]
                        .into_iter()
                        .find(|p| r.property(p).is_some())
                        .unwrap_or("MinAdjustmentMagnitude");
                    let min_magnitude = self.number(&r, magnitude, 0.0)?.max(0.0) as i64;
                    let cooldown = if step {
                        None
                    } else {
                        Some(self.number(&r, "Cooldown", self.world.groups[g].cooldown)?)
                    };
                    Policy::Alarmed {
                        id: r.id.to_string(),
                        alarm,
                        steps,
                        min_magnitude,
                        cooldown,
                        warmup: if step { warmup } else { None },
                    }
                }
                other => {
                    self.not_simulated(
                        r.id.to_string(),
                        "AWS::AutoScaling::ScalingPolicy",
                        format!("{other} policies are not simulated"),
                    );
                    continue;
                }
            };
            self.world.groups[g].policies.push(policy);
        }
        Ok(())
    }

    /// A `ScalingAdjustment`: a whole number, 0 or more for `ExactCapacity`.
    fn adjustment(
        &self,
        r: &Resource<'a>,
        node: Option<&'a Node>,
        exact: bool,
    ) -> Result<i64, WorldError> {
        let n = node
            .and_then(|n| self.resolver.number(n))
            .map(|v| v.value)
            .filter(|v| v.fract() == 0.0)
            .ok_or_else(|| {
                self.err(
                    r,
                    "ScalingAdjustment",
                    "cannot be resolved to a whole number",
                )
            })? as i64;
        if exact && n < 0 {
            return Err(self.err(
                r,
                "ScalingAdjustment",
                format!("{n}: an ExactCapacity adjustment is 0 or more"),
            ));
        }
        Ok(n)
    }

    /// A step policy's `StepAdjustments`: (lower bound, upper bound, adjustment) in
    /// the template's order, checked as AWS checks them ("StepAdjustment", EC2 Auto
    /// Scaling API Reference): the intervals neither overlap nor leave a gap, at most
    /// one is open below (and then it comes first) and one above (last), none both,
    /// and a negative lower bound needs a step open below, a positive upper bound one
    /// open above.
    #[allow(clippy::type_complexity)]
    fn steps(
        &self,
        r: &Resource<'a>,
        exact: bool,
    ) -> Result<Vec<(Option<f64>, Option<f64>, i64)>, WorldError> {
        let at = "StepAdjustments";
        let items = r
            .property(at)
            .and_then(Node::as_seq)
            .filter(|s| !s.is_empty())
            .ok_or_else(|| self.err(r, at, "a step policy needs at least one step adjustment"))?;
        let bound = |s: &'a Node, key: &str| -> Result<Option<f64>, WorldError> {
            match s.get(key) {
                None => Ok(None),
                Some(n) => self
                    .resolver
                    .number(n)
                    .map(|v| Some(v.value))
                    .ok_or_else(|| {
                        self.err(r, at, format!("{key} cannot be resolved to a number"))
                    }),
            }
        };
        let mut steps = Vec::new();
        for s in items {
            let (lower, upper) = (
                bound(s, "MetricIntervalLowerBound")?,
                bound(s, "MetricIntervalUpperBound")?,
            );
            let n = self.adjustment(r, s.get("ScalingAdjustment"), exact)?;
            steps.push((lower, upper, n));
        }
        let show = |b: Option<f64>| b.map_or("none".to_string(), |v| v.to_string());
        let mut sorted = steps.clone();
        sorted.sort_by(|a, b| {
            a.0.unwrap_or(f64::NEG_INFINITY)
                .total_cmp(&b.0.unwrap_or(f64::NEG_INFINITY))
        });
        for (k, &(lower, upper, _)) in sorted.iter().enumerate() {
            if lower.is_none() && upper.is_none() {
                return Err(self.err(
                    r,
                    at,
                    "a step adjustment needs MetricIntervalLowerBound or MetricIntervalUpperBound",
                ));
            }
            if let (Some(l), Some(u)) = (lower, upper)
                && l >= u
            {
                return Err(self.err(
                    r,
                    at,
                    format!("the step from {l} to {u} is empty: its upper bound must be above its lower bound"),
                ));
            }
            if (lower.is_none() && k > 0) || (upper.is_none() && k + 1 < sorted.len()) {
                return Err(self.err(
                    r,
                    at,
                    "at most one step adjustment may leave out its lower bound, and one its upper bound",
                ));
            }
            if let Some(next) = sorted.get(k + 1)
                && upper != next.0
            {
                return Err(self.err(
                    r,
                    at,
                    format!(
                        "the steps overlap or leave a gap: one ends at {}, the next starts at {}",
                        show(upper),
                        show(next.0)
                    ),
                ));
            }
        }
        let open_below = sorted.first().is_some_and(|s| s.0.is_none());
        let open_above = sorted.last().is_some_and(|s| s.1.is_none());
        if sorted.iter().any(|s| s.0.is_some_and(|l| l < 0.0)) && !open_below {
            return Err(self.err(
                r,
                at,
                "a step with a negative lower bound needs a step without a lower bound",
            ));
        }
        if sorted.iter().any(|s| s.1.is_some_and(|u| u > 0.0)) && !open_above {
            return Err(self.err(
                r,
                at,
                "a step with a positive upper bound needs a step without an upper bound",
            ));
        }
        Ok(steps)
    }

    /// Scheduled actions, each attached to its group. The sizes, times and recurrence
    /// are checked as `PutScheduledUpdateGroupAction` checks them; what the simulator
    /// cannot place (a group from outside the template, a time zone it does not know)
    /// is listed as not simulated.
    fn scheduled_actions(&mut self) -> Result<(), WorldError> {
        const TYPE: &str = "AWS::AutoScaling::ScheduledAction";
        for r in self.template.resources() {
            if r.type_name() != Some(TYPE) || !self.created(&r) {
                continue;
            }
            let group_id = r
                .property("AutoScalingGroupName")
                .and_then(|n| resource_ref(self.template, n));
            let Some(g) = group_id.and_then(|id| self.world.groups.iter().position(|g| g.id == id))
            else {
                self.not_simulated(
                    r.id,
                    TYPE,
                    "its AutoScalingGroupName is not a simulated group of this template",
                );
                continue;
            };
            let count = |p: &str| -> Result<Option<u32>, WorldError> {
                match r.property(p) {
                    None => Ok(None),
                    Some(n) => self
                        .resolver
                        .number(n)
                        .filter(|v| v.value >= 0.0 && v.value.fract() == 0.0)
                        .map(|v| Some(v.value as u32))
                        .ok_or_else(|| self.err(&r, p, "cannot be resolved to a count")),
                }
            };
            let (min, max, desired) = (
                count("MinSize")?,
                count("MaxSize")?,
                count("DesiredCapacity")?,
            );
            if min.is_none() && max.is_none() && desired.is_none() {
                return Err(self.err(
                    &r,
                    "DesiredCapacity",
                    "give at least one of MinSize, MaxSize and DesiredCapacity",
                ));
            }
            if let (Some(lo), Some(hi)) = (min, max)
                && lo > hi
            {
                return Err(self.err(&r, "MinSize", format!("{lo} is more than MaxSize {hi}")));
            }
            if let Some(d) = desired
                && (min.is_some_and(|lo| d < lo) || max.is_some_and(|hi| d > hi))
            {
                return Err(self.err(
                    &r,
                    "DesiredCapacity",
                    format!("{d} is outside the action's MinSize..MaxSize"),
                ));
            }
            let time = |p: &str| -> Result<Option<i64>, WorldError> {
                match r.property(p) {
                    None => Ok(None),
                    Some(n) => self
                        .resolver
                        .text(n)
                        .and_then(|v| parse_timestamp(&v.value))
                        .map(Some)
                        .ok_or_else(|| self.err(&r, p, "is not a time written YYYY-MM-DDThh:mm:ssZ (UTC), such as 2027-01-04T09:00:00Z")),
                }
            };
            let (start, end) = (time("StartTime")?, time("EndTime")?);
            if let (Some(s), Some(e)) = (start, end)
                && e <= s
            {
                return Err(self.err(&r, "EndTime", "must be after StartTime"));
            }
            let recurrence = match r.property("Recurrence") {
                None => None,
                Some(n) => {
                    let text = self
                        .resolver
                        .text(n)
                        .ok_or_else(|| self.err(&r, "Recurrence", "cannot be resolved"))?
                        .value;
                    Some(Cron::parse(&text).map_err(|e| self.err(&r, "Recurrence", e))?)
                }
            };
            let zone = match r.property("TimeZone") {
                None => TimeZone::UTC,
                Some(n) => {
                    let name = self
                        .resolver
                        .text(n)
                        .ok_or_else(|| self.err(&r, "TimeZone", "cannot be resolved"))?
                        .value;
                    match TimeZone::named(&name) {
                        Some(z) => z,
                        None => {
                            self.not_simulated(r.id, TYPE, format!(
                                "time zone {name} is not one the simulator knows (UTC, fixed offsets, and North American, European, Australian and New Zealand daylight saving time are)"
                            ));
                            continue;
                        }
                    }
                }
            };
            if recurrence.is_none() && start.is_none() {
                self.not_simulated(
                    r.id,
                    TYPE,
                    "neither StartTime nor Recurrence says when it runs",
                );
                continue;
            }
            self.world.groups[g].scheduled.push(ScheduledAction {
                id: r.id.to_string(),
                min,
                max,
                desired,
                start,
                end,
                recurrence,
                zone,
            });
        }
        Ok(())
    }

    /// The CPU alarm whose actions name `policy`.
    fn alarm_for(&self, policy: &str) -> Option<Alarm> {
        self.template.resources().find_map(|a| {
            if a.type_name() != Some("AWS::CloudWatch::Alarm") || !self.created(&a) {
                return None;
            }
            let fires = a
                .property("AlarmActions")
                .and_then(Node::as_seq)
                .unwrap_or_default()
                .iter()
                .any(|n| resource_ref(self.template, n) == Some(policy));
            if !fires || self.text(&a, "MetricName").as_deref() != Some("CPUUtilization") {
                return None;
            }
            let number = |p: &str, d: f64| {
                a.property(p)
                    .and_then(|n| self.resolver.number(n))
                    .map_or(d, |v| v.value)
            };
            let evaluation_periods = number("EvaluationPeriods", 1.0).max(1.0) as u32;
            let above = self
                .text(&a, "ComparisonOperator")
                .is_none_or(|c| c.starts_with("GreaterThan"));
            Some(Alarm {
                id: a.id.to_string(),
                period: number("Period", 300.0).max(10.0),
                evaluation_periods,
                datapoints: (number("DatapointsToAlarm", evaluation_periods as f64) as u32)
                    .clamp(1, evaluation_periods),
                threshold: number("Threshold", 0.0),
                above,
            })
        })
    }
}
