//! The running architecture on the canvas, drawn over the document from the
//! simulator's latest frame: each Auto Scaling group's instances as tiles grouped by
//! availability zone (coloured by state, filled by CPU), requests per second on the
//! load balancer and target groups, health counts, the database's primary and
//! standby, links that carry traffic drawn with moving dashes as wide as the traffic
//! (red where requests fail), and what failed in red with the reason on hover.

use std::collections::BTreeMap;
use std::rc::Rc;

use formwork_core::diagram::Rect;
use formwork_core::diagram::route::{num, path_data};
use formwork_core::sim::live::{GroupView, InstanceView};
use formwork_core::sim::load_balancer::Health;
use formwork_core::sim::protocol::Frame;
use formwork_core::sim::resource_cluster::Life;
use yew::prelude::*;

use crate::i18n::{Lang, fill};
use crate::run::Rates;
use crate::sim_text::SimText;
use crate::view::{DocView, Shared};

const TILE: f64 = 14.0;
const GAP: f64 = 4.0;
const PAD: f64 = 8.0;
/// Tiles in a row of one zone before it wraps.
const PER_ROW: usize = 6;

#[derive(Properties, PartialEq)]
pub struct StageProps {
    pub lang: Lang,
    pub view: Shared<DocView>,
    pub frame: Shared<Frame>,
    pub rates: Rc<Rates>,
}

/// An instance's state as the tile shows it.
fn tile_state(i: &InstanceView) -> &'static str {
    if !i.alive {
        return "unhealthy";
    }
    match (i.life, i.health) {
        (Life::Pending, _) => "pending",
        (Life::Terminating, _) | (_, Some(Health::Draining)) => "draining",
        (Life::Terminated, _) => "terminated",
        (_, Some(Health::Unhealthy)) => "unhealthy",
        (_, Some(Health::Initial)) => "pending",
        _ => "in-service",
    }
}

fn state_word(t: &SimText, state: &str) -> &'static str {
    match state {
        "pending" => t.pending,
        "draining" => t.draining,
        "unhealthy" => t.unhealthy,
        "terminated" => t.terminating,
        _ => t.in_service,
    }
}

/// One instance: an outline in its state's colour, filled from the bottom by CPU.
fn tile(t: &SimText, i: &InstanceView, x: f64, y: f64) -> Html {
    let state = tile_state(i);
    let fill_h = (i.cpu / 100.0).clamp(0.0, 1.0) * (TILE - 2.0);
    let tip = fill(
        t.instance_tip,
        &[&i.id, &format!("{:.0}", i.cpu), state_word(t, state)],
    );
    html! {
        <g class={classes!("sim-tile", state)} transform={format!("translate({} {})", num(x), num(y))}>
            <title>{ tip }</title>
            <rect class="tile-box" width={num(TILE)} height={num(TILE)} rx="3"/>
            <rect class="tile-cpu" x="1" y={num(TILE - 1.0 - fill_h)} width={num(TILE - 2.0)} height={num(fill_h)} rx="2"/>
        </g>
    }
}

/// A group's panel under its box: a column of tiles per zone, and its capacity.
fn group_panel(t: &SimText, rect: &Rect, g: &GroupView, zones_down: &[String]) -> Html {
    let mut by_zone: BTreeMap<&str, Vec<&InstanceView>> = BTreeMap::new();
    for z in &g.zones {
        by_zone.entry(z.as_str()).or_default();
    }
    for i in &g.instances {
        by_zone.entry(i.zone.as_str()).or_default().push(i);
    }
    let column_w = PER_ROW as f64 * (TILE + GAP) - GAP;
    let rows = by_zone
        .values()
        .map(|v| v.len().div_ceil(PER_ROW).max(1))
        .max()
        .unwrap_or(1);
    let width = (by_zone.len() as f64 * (column_w + 2.0 * PAD)).max(rect.width);
    let height = 18.0 + rows as f64 * (TILE + GAP) + 22.0;
    let (x0, y0) = (rect.x, rect.bottom() + 6.0);
    let columns = by_zone.iter().enumerate().map(|(k, (zone, instances))| {
        let cx = x0 + PAD + k as f64 * (column_w + 2.0 * PAD);
        let down = zones_down.iter().any(|z| z == zone);
        let tiles = instances.iter().enumerate().map(|(n, i)| {
            let (row, col) = (n / PER_ROW, n % PER_ROW);
            tile(
                t,
                i,
                cx + col as f64 * (TILE + GAP),
                y0 + 20.0 + row as f64 * (TILE + GAP),
            )
        });
        html! {
            <g class={classes!("sim-zone", down.then_some("down"))}>
                <text class="sim-zone-name" x={num(cx)} y={num(y0 + 13.0)}>
                    { if down { format!("{zone} · {}", t.zone_down) } else { zone.to_string() } }
                </text>
                { for tiles }
            </g>
        }
    });
    let healthy = g
        .instances
        .iter()
        .filter(|i| tile_state(i) == "in-service")
        .count();
    let failed = !g.instances.is_empty() && healthy == 0;
    html! {
        <g class={classes!("sim-panel", failed.then_some("failed"))}>
            <rect class="sim-panel-body" x={num(x0)} y={num(y0)} width={num(width)} height={num(height)} rx="8"/>
            { for columns }
            <text class="sim-capacity" x={num(x0 + PAD)} y={num(y0 + height - 8.0)}>
                { fill(t.capacity, &[&g.desired.to_string(), &g.min.to_string(), &g.max.to_string()]) }
            </text>
        </g>
    }
}

/// A label pinned to a box's top right corner, red with a reason when it failed.
fn badge(rect: &Rect, lines: Vec<String>, failed: Option<&str>) -> Html {
    let width = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f64 * 6.6 + 16.0;
    let height = lines.len() as f64 * 15.0 + 8.0;
    let (x, y) = (rect.right() - width + 6.0, rect.y - height + 4.0);
    let texts = lines.iter().enumerate().map(|(k, l)| {
        html! { <text x={num(x + 8.0)} y={num(y + 16.0 + k as f64 * 15.0)}>{ l.clone() }</text> }
    });
    html! {
        <g class={classes!("sim-badge", failed.is_some().then_some("failed"))}>
            if let Some(why) = failed {
                <title>{ why.to_string() }</title>
            }
            <rect x={num(x)} y={num(y)} width={num(width)} height={num(height)} rx="6"/>
            { for texts }
        </g>
    }
}

fn rate(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

#[component(Stage)]
pub fn stage(props: &StageProps) -> Html {
    let t = props.lang.strings().sim;
    let snap = &props.frame.snapshot;
    let view = &props.view;
    let rates = &props.rates;

    let panels = snap.groups.iter().filter_map(|g| {
        let n = view.node(&g.id)?;
        Some(group_panel(t, &n.rect, g, &snap.zones_down))
    });

    let mut badges = Vec::new();
    for tg in &snap.target_groups {
        let Some(n) = view.node(&tg.id) else { continue };
        let mut lines = vec![fill(
            t.targets_healthy,
            &[&tg.healthy.to_string(), &tg.registered.to_string()],
        )];
        if let Some(r) = rates.of(&tg.id) {
            lines.push(fill(t.per_second, &[&rate(r.requests)]));
        }
        let failed = tg.reason.as_deref();
        badges.push(badge(&n.rect, lines, failed));
    }
    for lb in &snap.load_balancers {
        let Some(n) = view.node(&lb.id) else { continue };
        let r = rates.of(&lb.id).unwrap_or_default();
        let mut lines = vec![fill(t.per_second, &[&rate(r.requests)])];
        if r.errors > 0.0 {
            lines.push(fill(t.errors_per_second, &[&rate(r.errors)]));
        }
        let failed = lb.down.as_deref();
        badges.push(badge(&n.rect, lines, failed));
    }
    for db in &snap.databases {
        let Some(n) = view.node(&db.id) else { continue };
        let mut lines = vec![fill(t.primary_in, &[&db.primary_zone])];
        if let Some(z) = &db.standby_zone {
            lines.push(format!("{} · {z}", t.standby));
        }
        badges.push(badge(&n.rect, lines, db.cause.as_deref()));
    }
    for i in &snap.instances {
        let Some(n) = view.node(&i.resource) else {
            continue;
        };
        let state = tile_state(&i.instance);
        let mut lines = vec![format!(
            "CPU {:.0} % · {}",
            i.instance.cpu,
            state_word(t, state)
        )];
        if let Some(r) = rates.of(&i.resource) {
            lines.push(fill(t.per_second, &[&rate(r.requests)]));
        }
        let failed = (state == "unhealthy").then_some(t.unhealthy);
        badges.push(badge(&n.rect, lines, failed));
    }

    // Links between resources that serve requests carry them.
    let busiest = rates.busiest().max(1.0);
    let flows = view.edges.iter().filter_map(|e| {
        let a = rates.of(&e.link.from)?;
        let b = rates.of(&e.link.to)?;
        let rps = a.requests.min(b.requests);
        if rps <= 0.0 {
            return None;
        }
        let failing = a.errors.max(b.errors) > 0.05 * rps;
        let width = 2.0 + 3.5 * (rps / busiest).sqrt();
        Some(html! {
            <path class={classes!("sim-flow", failing.then_some("failing"))} d={path_data(&e.route.points, 8.0)}
                style={format!("stroke-width:{}", num(width))}/>
        })
    });
    html! {
        <g class="sim-stage" aria-hidden="true">
            { for flows }
            { for panels }
            { for badges }
        </g>
    }
}
