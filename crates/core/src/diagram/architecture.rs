//! The layout an architect draws, after the diagrams of the AWS Architecture Center:
//! inside a VPC one column per availability zone, its subnets in rows from the
//! internet inward (public, then private, then data), the route tables between the
//! zones beside the subnets they serve, a load balancer in front of the zones and
//! what spans them (an Auto Scaling group, a database and its subnet group) in a band
//! between the rows it stands in; on the canvas, the edge (DNS, CDN, gateways) left
//! of the VPC in the order traffic meets it, compute and data to its right, storage
//! and management stacked where there is room.
//!
//! Only where a template says which zone its subnets are in; the rest is laid out by
//! dependency (`layout::arrange`), as it always was.

use std::collections::{BTreeMap, BTreeSet};

use super::card::card_size;
use super::layout::{
    BAND_GAP, COLUMN_GAP, CONTAINER_HEADER, ROW_GAP, arrange, container_name_width, widen_cards,
};
use super::relations::{glue_ends, subnets_of};
use crate::template::Template;
use crate::validate::resolve::{Resolver, Scalar};

/// Above a zone's first subnet: room for the zone's name.
pub const ZONE_HEADER: f64 = 36.0;
/// Around a zone's subnets, inside its band.
pub const ZONE_MARGIN: f64 = 16.0;
/// Between a zone's band and the next column.
const ZONE_GAP: f64 = 32.0;
/// A subnet in a zone column is never narrower, so a column reads as one.
const SUBNET_WIDTH: f64 = 240.0;
/// Under an Auto Scaling group's band, room for the live simulation's panel of its
/// instances (a row of tiles per zone, 64 px as the stage draws it).
pub const INSTANCES_ROOM: f64 = 72.0;
/// The shape of the canvas on a 1280×720 page (596 by 320 inside its margins) that
/// a VPC's contents are arranged to fit.
const SCREEN: f64 = 1.86;
/// About a card's width: the room a tier beside the VPC takes, when choosing where
/// the rest goes.
const OUTSIDE_COLUMN: f64 = 220.0;
/// An empty subnet: its title and room to drop something in.
const EMPTY_SUBNET_HEIGHT: f64 = CONTAINER_HEADER + 44.0;

/// An availability zone as the template names it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Zone {
    /// The `index`th zone of the stack's region (`!Select [i, !GetAZs '']`).
    Nth(usize),
    /// A zone named outright (`us-east-1a`), or through a parameter's default.
    Named(String),
}

/// The zone a subnet is in, when the template fixes it before deploy.
pub fn zone_of(template: &Template, subnet: &str) -> Option<Zone> {
    let r = template.resource(subnet)?;
    let node = r.property("AvailabilityZone")?;
    match Resolver::new(template).scalar(node)?.value {
        Scalar::Az { index, .. } => Some(Zone::Nth(index)),
        Scalar::Text(name) if !name.is_empty() => Some(Zone::Named(name)),
        Scalar::Text(_) => None,
    }
}

/// How far in from the internet a subnet is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    /// Routed to an internet gateway, or giving its instances public addresses.
    Public,
    Private,
    /// Named by a database's or cache's subnet group.
    Data,
}

/// Where a resource stands on the canvas, along the traffic path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    /// DNS, CDN, firewalls, API front doors, gateways to the internet.
    Edge,
    /// VPCs, load balancers, subnets of a VPC the template does not hold.
    Network,
    Compute,
    Data,
    /// Storage, identity, monitoring, messaging: below the rest.
    Side,
}

fn role_of(type_name: &str) -> Role {
    let service = type_name.split("::").nth(1).unwrap_or("");
    match (service, type_name) {
        (
            _,
            "AWS::EC2::InternetGateway"
            | "AWS::EC2::EgressOnlyInternetGateway"
            | "AWS::EC2::VPNGateway"
            | "AWS::EC2::CustomerGateway"
            | "AWS::EC2::EIP",
        ) => Role::Edge,
        (
            "Route53" | "CloudFront" | "WAFv2" | "WAF" | "WAFRegional" | "GlobalAccelerator"
            | "ApiGateway" | "ApiGatewayV2",
            _,
        ) => Role::Edge,
        (
            _,
            "AWS::EC2::VPC"
            | "AWS::EC2::Subnet"
            | "AWS::EC2::NatGateway"
            | "AWS::EC2::TransitGateway"
            | "AWS::EC2::VPCEndpoint",
        )
        | ("ElasticLoadBalancing" | "ElasticLoadBalancingV2", _) => Role::Network,
        (
            _,
            "AWS::EC2::Instance"
            | "AWS::EC2::LaunchTemplate"
            | "AWS::EC2::SpotFleet"
            | "AWS::EC2::EC2Fleet",
        )
        | (
            "AutoScaling"
            | "ApplicationAutoScaling"
            | "Lambda"
            | "ECS"
            | "EKS"
            | "ElasticBeanstalk"
            | "Batch"
            | "StepFunctions",
            _,
        ) => Role::Compute,
        (
            "RDS" | "DynamoDB" | "ElastiCache" | "Redshift" | "DocDB" | "Neptune" | "EFS"
            | "OpenSearchService" | "Elasticsearch" | "DAX" | "MemoryDB",
            _,
        ) => Role::Data,
        _ => Role::Side,
    }
}

/// A load balancer's band stands before the subnets it is in (traffic reaches it
/// first); others' after theirs.
const TARGET_GROUP: &str = "AWS::ElasticLoadBalancingV2::TargetGroup";

fn leads(type_name: &str) -> bool {
    type_name.starts_with("AWS::ElasticLoadBalancing")
}

/// How a template's subnets are routed: the subnets of each route table, and each
/// subnet's tier.
pub struct Routing<'t> {
    routed: Vec<(&'t str, Vec<&'t str>)>,
    tiers: Vec<(&'t str, Tier)>,
}

impl<'t> Routing<'t> {
    pub fn read(template: &'t Template) -> Routing<'t> {
        let mut routed: Vec<(&str, Vec<&str>)> = Vec::new();
        let mut to_internet: Vec<&str> = Vec::new();
        let mut data: Vec<&str> = Vec::new();
        let mut subnets: Vec<&str> = Vec::new();
        for r in template.resources() {
            let Some(type_name) = r.type_name() else {
                continue;
            };
            let ends = || {
                let (a, b) = glue_ends(template, r.id)?;
                Some((template.resource(&a)?.id, template.resource(&b)?.id))
            };
            match type_name {
                "AWS::EC2::Subnet" => subnets.push(r.id),
                "AWS::EC2::SubnetRouteTableAssociation" => {
                    if let Some((table, subnet)) = ends() {
                        match routed.iter_mut().find(|(t, _)| *t == table) {
                            Some((_, subnets)) => subnets.push(subnet),
                            None => routed.push((table, vec![subnet])),
                        }
                    }
                }
                "AWS::EC2::Route" => {
                    if let Some((table, target)) = ends()
                        && template.resource(target).and_then(|t| t.type_name())
                            == Some("AWS::EC2::InternetGateway")
                    {
                        to_internet.push(table);
                    }
                }
                t if t.ends_with("SubnetGroup") => data.extend(subnets_of(template, r.id)),
                _ => {}
            }
        }
        let public: Vec<&str> = routed
            .iter()
            .filter(|(table, _)| to_internet.contains(table))
            .flat_map(|(_, subnets)| subnets.iter().copied())
            .chain(subnets.iter().copied().filter(|s| {
                template
                    .resource(s)
                    .and_then(|r| r.property("MapPublicIpOnLaunch"))
                    .and_then(|n| n.scalar_text())
                    .is_some_and(|v| v == "true")
            }))
            .collect();
        let tiers = subnets
            .iter()
            .map(|s| {
                let tier = if public.contains(s) {
                    Tier::Public
                } else if data.contains(s) {
                    Tier::Data
                } else {
                    Tier::Private
                };
                (*s, tier)
            })
            .collect();
        Routing { routed, tiers }
    }

    pub fn tier(&self, subnet: &str) -> Option<Tier> {
        self.tiers
            .iter()
            .find(|(id, _)| *id == subnet)
            .map(|(_, t)| *t)
    }
}

/// What the architecture layout knows of a template, read once.
pub struct Plan<'t> {
    template: &'t Template,
    zones: Vec<(&'t str, Zone)>,
    /// The VPCs holding a subnet of a known zone: drawn as zone columns.
    zoned: Vec<&'t str>,
    /// The subnets each route table is associated with.
    routing: Routing<'t>,
}

impl<'t> Plan<'t> {
    /// `parents`: the container each resource is drawn in.
    pub fn new(template: &'t Template, parents: &BTreeMap<String, String>) -> Plan<'t> {
        let zones: Vec<(&str, Zone)> = template
            .resources()
            .filter(|r| r.type_name() == Some("AWS::EC2::Subnet"))
            .filter_map(|r| Some((r.id, zone_of(template, r.id)?)))
            .collect();
        let zoned = zones
            .iter()
            .filter_map(|(s, _)| template.resource(parents.get(*s)?).map(|r| r.id))
            .collect();
        Plan {
            template,
            zones,
            zoned,
            routing: Routing::read(template),
        }
    }

    fn tier(&self, subnet: &str) -> Tier {
        self.routing.tier(subnet).unwrap_or(Tier::Private)
    }

    fn type_of(&self, id: &str) -> &'t str {
        self.template
            .resource(id)
            .and_then(|r| r.type_name())
            .unwrap_or("")
    }

    /// Lays out a container's contents (`None`: the canvas) the architect's way, when
    /// it holds what that needs: a VPC with subnets in known zones, or a canvas with
    /// more than one tier. Records positions relative to the area's top left (and a
    /// subnet's size when its column stretches it); returns the size they take.
    pub(super) fn arrange<'a>(
        &self,
        container: Option<&str>,
        kids: &[&'a str],
        sibling_deps: &BTreeMap<&'a str, BTreeSet<&'a str>>,
        occupied: &BTreeSet<&str>,
        sizes: &mut BTreeMap<&'a str, (f64, f64)>,
        relative: &mut BTreeMap<&'a str, (f64, f64)>,
    ) -> Option<(f64, f64)>
    where
        't: 'a,
    {
        match container {
            Some(c) if self.type_of(c) == "AWS::EC2::VPC" => {
                self.arrange_vpc(kids, sibling_deps, occupied, sizes, relative)
            }
            Some(_) => None,
            None => self.arrange_canvas(kids, sibling_deps, sizes, relative),
        }
    }

    /// The network (the VPCs) in the middle, the edge to its left in the order
    /// traffic meets it; then compute, data and the side band, each tier a column of
    /// cards in the template's order (wrapping when taller than the network): under
    /// the edge when a whole tier fits there (not data: it stays right of the
    /// network, where traffic goes), else to the right of the network.
    fn arrange_canvas<'a>(
        &self,
        kids: &[&'a str],
        sibling_deps: &BTreeMap<&'a str, BTreeSet<&'a str>>,
        sizes: &mut BTreeMap<&'a str, (f64, f64)>,
        relative: &mut BTreeMap<&'a str, (f64, f64)>,
    ) -> Option<(f64, f64)> {
        // Without a VPC in zones, dependencies read better.
        if !kids.iter().any(|k| self.zoned.contains(k)) {
            return None;
        }
        let tier = |role: Role| -> Vec<&'a str> {
            kids.iter()
                .copied()
                .filter(|k| role_of(self.type_of(k)) == role)
                .collect()
        };
        let mut own = BTreeMap::new();
        let edge = edge_columns(&tier(Role::Edge), |k| self.type_of(k), sizes, &mut own);
        for (k, at) in own {
            relative.insert(k, at);
        }
        let network_x = if edge.0 > 0.0 {
            edge.0 + COLUMN_GAP
        } else {
            0.0
        };
        let network = {
            let mut own = BTreeMap::new();
            let (w, h) = arrange(&tier(Role::Network), sibling_deps, sizes, &mut own);
            for (k, (x, y)) in own {
                relative.insert(k, (x + network_x, y));
            }
            (w, h)
        };
        let size = |k: &str| sizes.get(k).copied().unwrap_or_else(|| card_size(k));
        let room = network.1.max(edge.1);
        let (mut width, mut height) = (network_x + network.0, room);
        // Under the edge's first column, whole tiers that fit.
        let mut left_y = if edge.1 > 0.0 { edge.1 + BAND_GAP } else { 0.0 };
        let mut right_roles: Vec<Role> = Vec::new();
        for role in [Role::Side, Role::Compute, Role::Data] {
            let members = tier(role);
            if members.is_empty() {
                continue;
            }
            let tall = members.iter().map(|k| size(k).1 + ROW_GAP).sum::<f64>() - ROW_GAP;
            if role != Role::Data && edge.0 > 0.0 && left_y + tall <= room {
                for k in members {
                    relative.insert(k, (0.0, left_y));
                    left_y += size(k).1 + ROW_GAP;
                }
                left_y += BAND_GAP - ROW_GAP;
            } else {
                right_roles.push(role);
            }
        }
        // The rest right of the network, in traffic order, in columns as tall as it.
        let right: Vec<&'a str> = [Role::Compute, Role::Data, Role::Side]
            .into_iter()
            .filter(|r| right_roles.contains(r))
            .flat_map(tier)
            .collect();
        let mut x = network_x + network.0 + COLUMN_GAP;
        let (mut y, mut column_width) = (0.0f64, 0.0f64);
        let mut last_role = None;
        for k in right {
            let (w, h) = size(k);
            let role = role_of(self.type_of(k));
            let gap = if last_role.is_some_and(|r| r != role) {
                BAND_GAP
            } else {
                ROW_GAP
            };
            let at_y = if y > 0.0 { y + gap } else { 0.0 };
            if at_y > 0.0 && at_y + h > room {
                x += column_width + COLUMN_GAP;
                (y, column_width) = (0.0, 0.0);
            }
            let at_y = if y > 0.0 { y + gap } else { 0.0 };
            relative.insert(k, (x, at_y));
            y = at_y + h;
            column_width = column_width.max(w);
            width = width.max(x + w);
            height = height.max(y);
            last_role = Some(role);
        }
        Some((width, height))
    }

    /// Zone columns of subnet rows, route tables between the zones, spanning
    /// resources in bands across them, the rest below.
    fn arrange_vpc<'a>(
        &self,
        kids: &[&'a str],
        sibling_deps: &BTreeMap<&'a str, BTreeSet<&'a str>>,
        occupied: &BTreeSet<&str>,
        sizes: &mut BTreeMap<&'a str, (f64, f64)>,
        relative: &mut BTreeMap<&'a str, (f64, f64)>,
    ) -> Option<(f64, f64)> {
        let subnets: Vec<&'a str> = kids
            .iter()
            .copied()
            .filter(|k| self.type_of(k) == "AWS::EC2::Subnet")
            .collect();
        if !subnets
            .iter()
            .any(|s| self.zones.iter().any(|(id, _)| id == s))
        {
            return None;
        }
        // Columns: the zones in order, then subnets of no known zone.
        let zone_of = |s: &str| self.zones.iter().find(|(id, _)| *id == s).map(|(_, z)| z);
        // (Picked in order rather than sorted: one sort less in the page's code.)
        let mut left: Vec<Option<&Zone>> = subnets.iter().map(|s| zone_of(s)).collect();
        let mut zones: Vec<Option<&Zone>> = Vec::new();
        while let Some(next) = left.iter().copied().flatten().min() {
            zones.push(Some(next));
            left.retain(|z| *z != Some(next));
        }
        if !left.is_empty() {
            zones.push(None);
        }
        let column_of = |s: &str| {
            zones
                .iter()
                .position(|z| *z == zone_of(s))
                .expect("every subnet's zone is a column")
        };
        // Rows: by tier, the first subnet of a tier in each zone on one row, the
        // second on the next ...
        let mut row_keys: Vec<(Tier, usize)> = Vec::with_capacity(subnets.len());
        for (i, s) in subnets.iter().enumerate() {
            let tier = self.tier(s);
            let n = subnets[..i]
                .iter()
                .filter(|o| column_of(o) == column_of(s) && self.tier(o) == tier)
                .count();
            row_keys.push((tier, n));
        }
        let rows: Vec<(Tier, usize)> = [Tier::Public, Tier::Private, Tier::Data]
            .into_iter()
            .flat_map(|tier| (0..subnets.len()).map(move |n| (tier, n)))
            .filter(|key| row_keys.contains(key))
            .collect();
        let row_of = |s: &str| {
            let i = subnets.iter().position(|o| *o == s).expect("a subnet");
            rows.iter().position(|r| *r == row_keys[i]).expect("a row")
        };

        // Route tables beside the first row of subnets they serve.
        let mut spine: Vec<Vec<&'a str>> = vec![Vec::new(); rows.len()];
        let mut placed: BTreeSet<&'a str> = subnets.iter().copied().collect();
        for k in kids {
            if let Some((_, served)) = self.routing.routed.iter().find(|(t, _)| t == k)
                && let Some(row) = served
                    .iter()
                    .filter(|s| subnets.contains(s))
                    .map(|s| row_of(s))
                    .min()
            {
                spine[row].push(k);
                placed.insert(k);
            }
        }
        // Bands across the zones: what leads the first row (a load balancer in front
        // of it); after each row what stands in it and leads no row (an Auto Scaling
        // group), then in a band of their own what leads the next (an internal load
        // balancer), so a group's band is its own; what one of them refers to, or is
        // referred to by, joins its band.
        let mut leading: Vec<&'a str> = Vec::new();
        let mut after: Vec<Vec<&'a str>> = vec![Vec::new(); rows.len()];
        let mut leads_next: Vec<Vec<&'a str>> = vec![Vec::new(); rows.len()];
        for k in kids {
            if placed.contains(k) {
                continue;
            }
            let rows_in: Vec<usize> = subnets_of(self.template, k)
                .iter()
                .filter(|s| subnets.contains(s))
                .map(|s| row_of(s))
                .collect();
            let (Some(&first), Some(&last)) = (rows_in.iter().min(), rows_in.iter().max()) else {
                continue;
            };
            match (leads(self.type_of(k)), first) {
                (true, 0) => leading.push(k),
                (true, _) => leads_next[first - 1].push(k),
                (false, _) => after[last].push(k),
            }
            placed.insert(k);
        }
        for k in kids {
            if placed.contains(k) || self.type_of(k) == "AWS::EC2::SecurityGroup" {
                continue;
            }
            let linked = |other: &&str| {
                sibling_deps.get(k).is_some_and(|d| d.contains(other))
                    || sibling_deps.get(other).is_some_and(|d| d.contains(k))
            };
            // A target group stands beside the load balancer in front of the zones,
            // leaving an Auto Scaling group's band to the group (drawn as AWS draws
            // it, a dashed group across its subnets).
            let fronted =
                self.type_of(k) == TARGET_GROUP && leading.iter().any(|l| leads(self.type_of(l)));
            let band = if fronted {
                Some(&mut leading)
            } else {
                after
                    .iter_mut()
                    .chain(leads_next.iter_mut())
                    .chain(std::iter::once(&mut leading))
                    .find(|band| band.iter().any(linked))
            };
            if let Some(band) = band {
                band.push(k);
                placed.insert(k);
            }
        }

        // Column widths and row heights; subnets stretch to their cell.
        let mut widths = vec![SUBNET_WIDTH; zones.len()];
        let mut heights = vec![EMPTY_SUBNET_HEIGHT; rows.len()];
        for s in &subnets {
            let (w, h) = match sizes.get(s) {
                Some(&(w, h)) if occupied.contains(s) => (w, h),
                _ => (container_name_width(s), EMPTY_SUBNET_HEIGHT),
            };
            let (c, r) = (column_of(s), row_of(s));
            widths[c] = widths[c].max(w);
            heights[r] = heights[r].max(h);
        }
        for (row, tables) in spine.iter().enumerate() {
            let stacked = tables.iter().map(|t| card_size(t).1 + ROW_GAP).sum::<f64>() - ROW_GAP;
            heights[row] = heights[row].max(stacked);
        }
        // x of each zone's subnets, and of the route tables: after the first half
        // of the zones (between two zones, beside one).
        let spine_after = zones.len().div_ceil(2) - 1;
        let spine_width = widen_cards(&spine.concat(), sizes);
        let mut xs = Vec::with_capacity(zones.len());
        let mut x = ZONE_MARGIN;
        let mut spine_x = None;
        for (c, w) in widths.iter().enumerate() {
            xs.push(x);
            x += w + ZONE_MARGIN + ZONE_GAP;
            if c == spine_after && spine.iter().any(|t| !t.is_empty()) {
                spine_x = Some(x);
                x += spine_width + ZONE_GAP;
            }
            x += ZONE_MARGIN;
        }
        let grid_width = x - ZONE_GAP - ZONE_MARGIN;

        let mut y = 0.0;
        let mut width = grid_width;
        // A band before the first row stands above the zones' names.
        if !leading.is_empty() {
            let (w, h) = band(&leading, grid_width, y, sizes, relative);
            width = width.max(w);
            y += h + BAND_GAP;
        }
        y += ZONE_HEADER;
        for r in 0..rows.len() {
            for s in subnets.iter().filter(|s| row_of(s) == r) {
                let c = column_of(s);
                relative.insert(s, (xs[c], y));
                sizes.insert(s, (widths[c], heights[r]));
            }
            if let Some(sx) = spine_x {
                let mut ty = y;
                for t in &spine[r] {
                    relative.insert(t, (sx, ty));
                    ty += card_size(t).1 + ROW_GAP;
                }
            }
            y += heights[r] + ROW_GAP;
            for members in [&after[r], &leads_next[r]] {
                if members.is_empty() {
                    continue;
                }
                let (w, h) = band(members, grid_width, y, sizes, relative);
                width = width.max(w);
                let scaled = members
                    .iter()
                    .any(|m| self.type_of(m) == "AWS::AutoScaling::AutoScalingGroup");
                y += h + ROW_GAP + if scaled { INSTANCES_ROOM } else { 0.0 };
            }
        }
        y += ZONE_MARGIN - ROW_GAP;
        // The rest (security groups, unrouted tables, target groups of no band):
        // beside the zones in columns as tall as they are, or below them in rows as
        // wide, whichever fits a screen better once the tiers beside the VPC (about
        // a column each side) are counted.
        let rest: Vec<&'a str> = kids
            .iter()
            .copied()
            .filter(|k| !placed.contains(k))
            .collect();
        if !rest.is_empty() {
            let mut beside_at = BTreeMap::new();
            let (w, h) = columns_within(&rest, y, sizes, &mut beside_at);
            let beside = (width + COLUMN_GAP + w, y.max(h));
            let mut below_at = BTreeMap::new();
            let mut below_y = y + BAND_GAP;
            for row in rows_within(&rest, width, sizes) {
                let (_, h) = band(&row, width, below_y, sizes, &mut below_at);
                below_y += h + ROW_GAP;
            }
            let below = (width, below_y - ROW_GAP);
            let outside = 2.0 * (OUTSIDE_COLUMN + COLUMN_GAP);
            let screen = |(w, h): (f64, f64)| ((w + outside) / SCREEN).max(h);
            if screen(beside) < screen(below) {
                for (k, (kx, ky)) in beside_at {
                    relative.insert(k, (kx + width + COLUMN_GAP, ky));
                }
                (width, y) = beside;
            } else {
                relative.extend(below_at);
                (width, y) = below;
            }
        }
        Some((width, y))
    }
}

/// Places `members` in order in columns no taller than `height` (one each at
/// least), from the top left; returns the size they take.
fn columns_within<'a>(
    members: &[&'a str],
    height: f64,
    sizes: &BTreeMap<&'a str, (f64, f64)>,
    relative: &mut BTreeMap<&'a str, (f64, f64)>,
) -> (f64, f64) {
    let (mut x, mut y, mut column, mut tallest) = (0.0, 0.0, 0.0f64, 0.0f64);
    for m in members {
        let (w, h) = sizes.get(m).copied().unwrap_or_else(|| card_size(m));
        if y > 0.0 && y + h > height {
            x += column + COLUMN_GAP;
            (y, column) = (0.0, 0.0);
        }
        relative.insert(m, (x, y));
        tallest = tallest.max(y + h);
        y += h + ROW_GAP;
        column = column.max(w);
    }
    (x + column, tallest)
}

/// `members` in rows no wider than `width` (one at least), in order.
fn rows_within<'a>(
    members: &[&'a str],
    width: f64,
    sizes: &BTreeMap<&'a str, (f64, f64)>,
) -> Vec<Vec<&'a str>> {
    let mut rows: Vec<Vec<&'a str>> = Vec::new();
    let mut used = 0.0;
    for m in members {
        let w = sizes.get(m).map_or_else(|| card_size(m).0, |s| s.0);
        match rows.last_mut() {
            Some(row) if used + COLUMN_GAP + w <= width => {
                row.push(m);
                used += COLUMN_GAP + w;
            }
            _ => {
                rows.push(vec![m]);
                used = w;
            }
        }
    }
    rows
}

/// Places `members` in a row at `y`, centred over a grid `grid_width` wide; returns
/// the width reached and the row's height.
fn band<'a>(
    members: &[&'a str],
    grid_width: f64,
    y: f64,
    sizes: &BTreeMap<&'a str, (f64, f64)>,
    relative: &mut BTreeMap<&'a str, (f64, f64)>,
) -> (f64, f64) {
    let size = |k: &str| sizes.get(k).copied().unwrap_or_else(|| card_size(k));
    let row_width = members.iter().map(|m| size(m).0 + COLUMN_GAP).sum::<f64>() - COLUMN_GAP;
    let mut x = ((grid_width - row_width) / 2.0).max(0.0);
    let mut tallest: f64 = 0.0;
    for m in members {
        relative.insert(m, (x, y));
        let (w, h) = size(m);
        x += w + COLUMN_GAP;
        tallest = tallest.max(h);
    }
    (x - COLUMN_GAP, tallest)
}

/// The edge in the order traffic meets it (DNS, CDN and firewalls, API front
/// doors, gateways, addresses), in columns of a few; returns their size.
fn edge_columns<'a, 't>(
    members: &[&'a str],
    type_of: impl Fn(&str) -> &'t str,
    sizes: &mut BTreeMap<&'a str, (f64, f64)>,
    relative: &mut BTreeMap<&'a str, (f64, f64)>,
) -> (f64, f64) {
    const PER_COLUMN: usize = 6;
    if members.is_empty() {
        return (0.0, 0.0);
    }
    let rank = |k: &str| {
        let t = type_of(k);
        let service = t.split("::").nth(1).unwrap_or("");
        match service {
            "Route53" => 0,
            "CloudFront" | "WAFv2" | "WAF" | "WAFRegional" | "GlobalAccelerator" => 1,
            "ApiGateway" | "ApiGatewayV2" => 2,
            _ if t == "AWS::EC2::EIP" => 4,
            _ => 3,
        }
    };
    let ordered: Vec<&'a str> = (0..=4)
        .flat_map(|r| members.iter().copied().filter(move |k| rank(k) == r))
        .collect();
    let (mut x, mut height) = (0.0, 0.0f64);
    for column in ordered.chunks(PER_COLUMN) {
        let mut y = 0.0;
        for k in column {
            let h = card_size(k).1;
            relative.insert(k, (x, y));
            height = height.max(y + h);
            y += h + ROW_GAP;
        }
        x += widen_cards(column, sizes) + COLUMN_GAP;
    }
    (x - COLUMN_GAP, height)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::layout::{Style, complete, fresh};
    use crate::template::designer::{Layout, Shape};
    use crate::template::parse;

    fn wordpress() -> Template {
        parse(crate::samples::sample("wordpress-multi-az").unwrap().text)
            .unwrap()
            .template
    }

    fn bottom(s: &Shape) -> f64 {
        s.y + s.height
    }

    #[test]
    fn zones_are_columns_and_tiers_are_rows() {
        let t = wordpress();
        let layout = complete(&t, &Layout::default());
        let s = &layout.shapes;
        // One column per zone, the route tables between them.
        assert_eq!(s["PublicSubnet1"].x, s["DatabaseSubnet1"].x);
        assert_eq!(s["PublicSubnet2"].x, s["DatabaseSubnet2"].x);
        for table in ["PublicRouteTable", "DatabaseRouteTable"] {
            assert!(s["PublicSubnet1"].x + s["PublicSubnet1"].width < s[table].x);
            assert!(s[table].x + s[table].width < s["PublicSubnet2"].x);
        }
        assert_eq!(s["PublicRouteTable"].y, s["PublicSubnet1"].y);
        // Public above data; the load balancer and its target group before the
        // public subnets, the Auto Scaling group (in the public subnets) after them,
        // the database after its subnets.
        assert_eq!(s["PublicSubnet1"].y, s["PublicSubnet2"].y);
        assert!(bottom(&s["PublicSubnet1"]) < s["DatabaseSubnet1"].y);
        for front in ["ApplicationLoadBalancer", "ALBTargetGroup"] {
            assert!(bottom(&s[front]) < s["PublicSubnet1"].y, "{front}");
        }
        assert!(bottom(&s["PublicSubnet1"]) < s["WebServerGroup"].y);
        assert!(bottom(&s["WebServerGroup"]) < s["DatabaseSubnet1"].y);
        assert!(bottom(&s["DatabaseSubnet1"]) < s["Database"].y);
        // What spans the zones is drawn in the VPC, so it moves with it.
        for inside in ["ApplicationLoadBalancer", "WebServerGroup", "Database"] {
            assert_eq!(s[inside].parent.as_deref(), Some("Vpc"), "{inside}");
        }
        // The internet to the left of the VPC.
        assert!(s["InternetGateway"].x + s["InternetGateway"].width < s["Vpc"].x);
    }

    #[test]
    fn the_dependency_style_stays_on_offer() {
        let t = wordpress();
        let by_zone = fresh(&t, Style::Architecture);
        let by_dependency = fresh(&t, Style::Dependencies);
        assert_eq!(by_zone.shapes.len(), by_dependency.shapes.len());
        assert_ne!(
            by_zone.shapes["PublicSubnet1"].x,
            by_zone.shapes["PublicSubnet2"].x
        );
        // By dependency the subnets stack in one column.
        assert_eq!(
            by_dependency.shapes["PublicSubnet1"].x,
            by_dependency.shapes["PublicSubnet2"].x
        );
    }

    #[test]
    fn zones_are_read_as_written() {
        let t = parse(
            "Parameters:
  Zone: {Type: String, Default: eu-west-1c}
  Open: {Type: String}
Resources:
  A: {Type: AWS::EC2::Subnet, Properties: {AvailabilityZone: !Select [1, !GetAZs '']}}
  B: {Type: AWS::EC2::Subnet, Properties: {AvailabilityZone: eu-west-1a}}
  C: {Type: AWS::EC2::Subnet, Properties: {AvailabilityZone: !Ref Zone}}
  D: {Type: AWS::EC2::Subnet, Properties: {AvailabilityZone: !Ref Open}}
  E: {Type: AWS::EC2::Subnet}
",
        )
        .unwrap()
        .template;
        assert_eq!(zone_of(&t, "A"), Some(Zone::Nth(1)));
        assert_eq!(zone_of(&t, "B"), Some(Zone::Named("eu-west-1a".into())));
        assert_eq!(zone_of(&t, "C"), Some(Zone::Named("eu-west-1c".into())));
        assert_eq!(zone_of(&t, "D"), None);
        assert_eq!(zone_of(&t, "E"), None);
    }

    #[test]
    fn tiers_follow_routes_and_subnet_groups() {
        let t = parse(crate::samples::sample("large-web-app").unwrap().text)
            .unwrap()
            .template;
        let parents = crate::diagram::relations::inferred_parents(&t);
        let plan = Plan::new(&t, &parents);
        assert_eq!(plan.tier("PublicSubnet1"), Tier::Public);
        assert_eq!(plan.tier("WebSubnet2"), Tier::Private);
        assert_eq!(plan.tier("DataSubnet1"), Tier::Data);
        assert_eq!(role_of("AWS::Route53::RecordSet"), Role::Edge);
        assert_eq!(role_of("AWS::RDS::DBInstance"), Role::Data);
        assert_eq!(role_of("AWS::S3::Bucket"), Role::Side);
        // The rows run from the internet inward in every zone.
        let layout = complete(&t, &Layout::default());
        let s = &layout.shapes;
        for zone in ["1", "2"] {
            let ys: Vec<f64> = ["Public", "Web", "App", "Data"]
                .iter()
                .map(|tier| s[&format!("{tier}Subnet{zone}")].y)
                .collect();
            assert!(ys.windows(2).all(|w| w[0] < w[1]), "{ys:?}");
        }
    }
}
