//! The running architecture on the canvas, drawn over the document from the
//! simulator's latest frame: each Auto Scaling group's instances as tiles grouped by
//! availability zone (coloured by state, filled by CPU), requests per second on the
//! load balancer and target groups, health counts, the database's primary and
//! standby, links that carry traffic drawn with moving dashes as wide as the traffic
//! (red where requests fail), and what failed in red with the reason on hover.
//!
//! The drawing is markup written again with each frame, so a browser's own tooltip
//! (`<title>`) would close as soon as it opened: hovered parts carry a `data-tip`
//! key instead, and the stage shows the key's text of the current frame beside the
//! pointer.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::rc::Rc;

use formwork_core::diagram::Rect;
use formwork_core::diagram::route::{num, path_data};
use formwork_core::sim::live::{GroupView, InstanceView};
use formwork_core::sim::load_balancer::Health;
use formwork_core::sim::protocol::Frame;
use formwork_core::sim::resource_cluster::Life;
use yew::prelude::*;

use crate::components::esc;
use crate::dom;
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

/// The hover texts of a frame's drawing, by the `data-tip` key of what they describe.
type Tips = Vec<(String, String)>;

/// One instance: an outline in its state's colour, filled from the bottom by CPU.
fn tile(out: &mut String, tips: &mut Tips, t: &SimText, i: &InstanceView, x: f64, y: f64) {
    let state = tile_state(i);
    let fill_h = (i.cpu / 100.0).clamp(0.0, 1.0) * (TILE - 2.0);
    let tip = fill(
        t.instance_tip,
        &[&i.id, &format!("{:.0}", i.cpu), state_word(t, state)],
    );
    let _ = write!(
        out,
        r#"<g class="sim-tile {state}" data-tip="{}" transform="translate({} {})"><rect class="tile-box" width="{TILE}" height="{TILE}" rx="3"/><rect class="tile-cpu" x="1" y="{}" width="{}" height="{}" rx="2"/></g>"#,
        esc(&i.id),
        num(x),
        num(y),
        num(TILE - 1.0 - fill_h),
        num(TILE - 2.0),
        num(fill_h),
    );
    tips.push((i.id.clone(), tip));
}

/// A group's panel under its box: a column of tiles per zone, and its capacity. In
/// the group's dashed frame across its zones (`zones`, in the group's order), each
/// zone's tiles stand under that zone's subnets and the panel spans them.
fn group_panel(
    out: &mut String,
    tips: &mut Tips,
    t: &SimText,
    rect: &Rect,
    zones: &[Rect],
    g: &GroupView,
    zones_down: &[String],
) {
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
    let height = 18.0 + rows as f64 * (TILE + GAP) + 22.0;
    let in_columns = zones.len() == by_zone.len() && zones.len() == g.zones.len();
    let (x0, width) = match (zones.first(), zones.last()) {
        (Some(first), Some(last)) if in_columns => {
            (first.x + PAD, last.right() - first.x - 2.0 * PAD)
        }
        _ => (
            rect.x,
            (by_zone.len() as f64 * (column_w + 2.0 * PAD)).max(rect.width),
        ),
    };
    let y0 = rect.bottom() + 6.0;
    let column_x = |k: usize, zone: &str| match g.zones.iter().position(|z| z == zone) {
        Some(i) if in_columns => zones[i].x + 2.0 * PAD,
        _ => x0 + PAD + k as f64 * (column_w + 2.0 * PAD),
    };
    let healthy = g
        .instances
        .iter()
        .filter(|i| tile_state(i) == "in-service")
        .count();
    let failed = !g.instances.is_empty() && healthy == 0;
    let _ = write!(
        out,
        r#"<g class="sim-panel{}"><rect class="sim-panel-body" data-tip="group:{}" x="{}" y="{}" width="{}" height="{}" rx="8"/>"#,
        if failed { " failed" } else { "" },
        esc(&g.id),
        num(x0),
        num(y0),
        num(width),
        num(height),
    );
    tips.push((
        format!("group:{}", g.id),
        format!("{} · {}", t.resource_cluster, t.automated_scaling_listener),
    ));
    for (k, (zone, instances)) in by_zone.iter().enumerate() {
        let cx = column_x(k, zone);
        let down = zones_down.iter().any(|z| z == zone);
        let _ = write!(
            out,
            r#"<g class="sim-zone{}"><text class="sim-zone-name" x="{}" y="{}">{}"#,
            if down { " down" } else { "" },
            num(cx),
            num(y0 + 13.0),
            esc(zone),
        );
        if down {
            let _ = write!(out, " · {}", esc(t.zone_down));
        }
        out.push_str("</text>");
        for (n, i) in instances.iter().enumerate() {
            let (row, col) = (n / PER_ROW, n % PER_ROW);
            tile(
                out,
                tips,
                t,
                i,
                cx + col as f64 * (TILE + GAP),
                y0 + 20.0 + row as f64 * (TILE + GAP),
            );
        }
        out.push_str("</g>");
    }
    let _ = write!(
        out,
        r#"<text class="sim-capacity" x="{}" y="{}">{}</text></g>"#,
        num(x0 + PAD),
        num(y0 + height - 8.0),
        esc(&fill(
            t.capacity,
            &[
                &g.desired.to_string(),
                &g.min.to_string(),
                &g.max.to_string()
            ]
        )),
    );
}

/// A label pinned to a box's top right corner, red with a reason when it failed; its
/// tooltip names the course's mechanism at work there.
fn badge(
    out: &mut String,
    tips: &mut Tips,
    id: &str,
    rect: &Rect,
    lines: &[String],
    mechanism: &str,
    failed: Option<&str>,
) {
    let width = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f64 * 6.6 + 16.0;
    let height = lines.len() as f64 * 15.0 + 8.0;
    let (x, y) = (rect.right() - width + 6.0, rect.y - height + 4.0);
    let _ = write!(
        out,
        r#"<g class="sim-badge{}" data-tip="badge:{}">"#,
        if failed.is_some() { " failed" } else { "" },
        esc(id),
    );
    let tip = match failed {
        Some(why) => format!("{mechanism}: {why}"),
        None => mechanism.to_string(),
    };
    tips.push((format!("badge:{id}"), tip));
    let _ = write!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" rx="6"/>"#,
        num(x),
        num(y),
        num(width),
        num(height),
    );
    for (k, l) in lines.iter().enumerate() {
        let _ = write!(
            out,
            r#"<text x="{}" y="{}">{}</text>"#,
            num(x + 8.0),
            num(y + 16.0 + k as f64 * 15.0),
            esc(l),
        );
    }
    out.push_str("</g>");
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

    // What the pointer rests on: a `data-tip` key and where the pointer is.
    let hover = use_state_eq(|| None::<(String, i32, i32)>);
    // Panels and badges as markup, after the flows (drawn under them).
    let mut out = String::new();
    let mut tips = Tips::new();
    for g in &snap.groups {
        if let Some(n) = view.node(&g.id) {
            let zones = view
                .scene
                .scaling
                .iter()
                .find(|f| f.id == g.id)
                .map_or(&[][..], |f| &f.zones[..]);
            group_panel(&mut out, &mut tips, t, &n.rect, zones, g, &snap.zones_down);
        }
    }
    for tg in &snap.target_groups {
        let Some(n) = view.node(&tg.id) else { continue };
        let mut lines = vec![fill(
            t.targets_healthy,
            &[&tg.healthy.to_string(), &tg.registered.to_string()],
        )];
        if let Some(r) = rates.of(&tg.id) {
            lines.push(fill(t.per_second, &[&rate(r.requests)]));
        }
        badge(
            &mut out,
            &mut tips,
            &tg.id,
            &n.rect,
            &lines,
            t.load_balancer,
            tg.reason.as_deref(),
        );
    }
    for lb in &snap.load_balancers {
        let Some(n) = view.node(&lb.id) else { continue };
        let r = rates.of(&lb.id).unwrap_or_default();
        let mut lines = vec![fill(t.per_second, &[&rate(r.requests)])];
        if r.errors > 0.0 {
            lines.push(fill(t.errors_per_second, &[&rate(r.errors)]));
        }
        badge(
            &mut out,
            &mut tips,
            &lb.id,
            &n.rect,
            &lines,
            t.load_balancer,
            lb.down.as_deref(),
        );
    }
    for db in &snap.databases {
        let Some(n) = view.node(&db.id) else { continue };
        let mut lines = vec![fill(t.primary_in, &[&db.primary_zone])];
        if let Some(z) = &db.standby_zone {
            lines.push(format!("{} · {z}", t.standby));
        }
        let mechanism = match db.cause {
            Some(_) => t.failover_system,
            None => t.state_management_database,
        };
        badge(
            &mut out,
            &mut tips,
            &db.id,
            &n.rect,
            &lines,
            mechanism,
            db.cause.as_deref(),
        );
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
        badge(
            &mut out,
            &mut tips,
            &i.resource,
            &n.rect,
            &lines,
            t.hypervisor,
            failed,
        );
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
            <path class={if failing { "sim-flow failing" } else { "sim-flow" }} d={path_data(&e.route.points, 8.0)}
                style={format!("stroke-width:{}", num(width))}/>
        })
    });
    let on_move = {
        let hover = hover.clone();
        Callback::from(move |e: PointerEvent| {
            let key =
                dom::closest(e.target(), "[data-tip]").and_then(|t| t.get_attribute("data-tip"));
            hover.set(key.map(|k| (k, e.client_x(), e.client_y())));
        })
    };
    let on_leave = {
        let hover = hover.clone();
        Callback::from(move |_: PointerEvent| hover.set(None))
    };
    // The text of the current frame, beside the pointer, above the page.
    let tip = hover.as_ref().and_then(|(key, x, y)| {
        let (_, text) = tips.iter().find(|(k, _)| k == key)?;
        let tip = html! {
            <div class="sim-tip" role="tooltip" style={format!("left:{}px;top:{}px", x + 14, y + 16)}>
                { text.clone() }
            </div>
        };
        Some(create_portal(tip, gloo::utils::body().into()))
    });
    html! {
        <g class="sim-stage" aria-hidden="true" onpointermove={on_move} onpointerleave={on_leave}>
            { for flows }
            { Html::from_html_unchecked(AttrValue::from(out)) }
            { for tip }
        </g>
    }
}
