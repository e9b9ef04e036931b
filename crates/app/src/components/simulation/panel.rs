//! The Simulation tab: the scenario (a traffic preset, or a scenario file imported),
//! charts on one time axis, the SLA monitor, the pay-per-use monitor, the audit
//! monitor and the scaling activity of the run the canvas shows.

use std::fmt::Write;
use std::rc::Rc;

use wasm_bindgen::JsCast;

use formwork_core::chart::time_label;
use yew::prelude::*;

use super::chart::{ChartProps, Level, Series, chart};
use super::scenario::ScenarioView;
use crate::components::esc;
use crate::components::icons::{Ui, UiIcon};
use crate::components::inspector::DocHandle;
use crate::dom;
use crate::i18n::{Lang, fill};
use crate::run::{RunAction, RunState};
use crate::sim_text::SimText;
use crate::state::ScenarioDoc;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum View {
    Scenario,
    Charts,
    Sla,
    Cost,
    Audit,
    Scaling,
}

impl View {
    const ALL: [View; 6] = [
        View::Scenario,
        View::Charts,
        View::Sla,
        View::Cost,
        View::Audit,
        View::Scaling,
    ];

    fn label(self, t: &SimText) -> &'static str {
        match self {
            View::Scenario => t.view_scenario,
            View::Charts => t.view_charts,
            View::Sla => t.view_sla,
            View::Cost => t.view_cost,
            View::Audit => t.view_audit,
            View::Scaling => t.view_scaling,
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct SimulationPanelProps {
    pub lang: Lang,
    pub run: UseReducerHandle<RunState>,
    /// Selects a resource on the canvas (from a downtime's cause).
    pub select: Callback<String>,
    /// The document's scenario: its text (the default when it has none of its own)
    /// and the file it came from.
    pub scenario: AttrValue,
    pub imported: Option<AttrValue>,
    pub on_scenario: Callback<ScenarioDoc>,
    /// The document, for its parameters, and its revision.
    pub doc: DocHandle,
    pub revision: u64,
}

#[component(SimulationPanel)]
pub fn simulation_panel(props: &SimulationPanelProps) -> Html {
    let t = props.lang.strings().sim;
    let view = use_state_eq(|| View::Charts);
    // The charts are drawn again about four times a real second, not on every frame:
    // a new point each simulated second is more than a chart shows at 10x and above.
    let per_redraw = (props.run.speed / CHART_REDRAWS_PER_SECOND).max(1) as usize;
    let charts_html = {
        let key = (
            *view == View::Charts,
            props.run.timeline.len() / per_redraw,
            props.run.cursor.map(f64::to_bits),
            props.run.frame.is_some(),
            props.lang,
        );
        let run = props.run.clone();
        use_memo(key, move |&(shown, ..)| {
            let dispatch = {
                let d = run.dispatcher();
                Callback::from(move |a: RunAction| d.dispatch(a))
            };
            if shown {
                charts(t, &run, &dispatch)
            } else {
                Html::default()
            }
        })
    };
    let scenario = html! {
        <ScenarioView lang={props.lang} scenario={props.scenario.clone()}
            imported={props.imported.clone()} error={props.run.scenario_error.clone()}
            doc={props.doc.clone()} revision={props.revision} on_change={props.on_scenario.clone()}/>
    };
    if !props.run.is_live() {
        return html! {
            <div class="sim-panel-view">
                <p class="panel-note"><UiIcon icon={Ui::Play} size={14}/>{ t.no_run }</p>
                <div class="sim-view-body">{ scenario }</div>
            </div>
        };
    };
    let tabs = View::ALL.iter().map(|&v| {
        let onclick = {
            let view = view.clone();
            Callback::from(move |_: MouseEvent| view.set(v))
        };
        html! {
            <button type="button" class={classes!("sim-view-tab", (*view == v).then_some("active"))}
                aria-pressed={if *view == v { "true" } else { "false" }} onclick={onclick}>
                { v.label(t) }
            </button>
        }
    });
    let dispatch = {
        let run = props.run.dispatcher();
        Callback::from(move |a: RunAction| run.dispatch(a))
    };
    let body = match *view {
        View::Scenario => scenario,
        View::Charts => (*charts_html).clone(),
        View::Sla => sla(t, &props.run, &dispatch, &props.select),
        View::Cost => cost(t, &props.run),
        View::Audit => html! { <AuditView lang={props.lang} run={props.run.clone()}/> },
        View::Scaling => scaling(t, &props.run),
    };
    html! {
        <section class="sim-panel-view" aria-label={t.run_bar}>
            <div class="sim-view-tabs" role="group">{ for tabs }</div>
            <div class="sim-view-body">{ body }</div>
        </section>
    }
}

/// How often the charts are drawn again while a run plays, per real second.
const CHART_REDRAWS_PER_SECOND: u32 = 4;

fn series(label: String, class: &'static str, points: Vec<(f64, f64)>) -> Series {
    Series {
        label,
        class,
        points: Rc::new(points),
    }
}

fn charts(t: &'static SimText, run: &RunState, dispatch: &Callback<RunAction>) -> Html {
    let Some(frame) = &run.frame else {
        return Html::default();
    };
    let snap = &frame.snapshot;
    let span = (0.0, snap.t.max(60.0));
    let on_cursor = dispatch.reform(RunAction::Cursor);
    let groups = &snap.groups;
    let n = groups.len();
    // Every line's points in one pass: requests, errors, p50, p95, p99, then each
    // group's CPU, then each group's instances.
    let mut points: Vec<Vec<(f64, f64)>> = vec![Vec::new(); 5 + 2 * n];
    run.timeline.with(|rows| {
        for r in rows {
            let at = r.t as f64;
            points[0].push((at, r.requests as f64));
            points[1].push((at, r.errors as f64));
            // A second with nothing answered has no latency to draw.
            for (k, v) in [r.p50_ms, r.p95_ms, r.p99_ms].into_iter().enumerate() {
                if v > 0.0 {
                    points[2 + k].push((at, v));
                }
            }
            for (g, x) in r.groups.iter().take(n).enumerate() {
                points[5 + g].push((at, x.cpu));
                points[5 + n + g].push((at, f64::from(x.instances)));
            }
        }
    });
    let mut points = points.into_iter();
    let mut next = || points.next().unwrap_or_default();
    let traffic = vec![
        series(t.requests.to_string(), "s-requests", next()),
        series(t.errors.to_string(), "s-errors", next()),
    ];
    let latency = ["p50", "p95", "p99"]
        .into_iter()
        .zip(["s-p50", "s-p95", "s-p99"])
        .map(|(label, class)| series(label.to_string(), class, next()))
        .collect();
    let classes = ["s-1", "s-2", "s-3", "s-4"];
    let cpu: Vec<Series> = (0..n)
        .map(|g| series(groups[g].id.clone(), classes[g % 4], next()))
        .collect();
    let instances: Vec<Series> = (0..n)
        .map(|g| series(groups[g].id.clone(), classes[g % 4], next()))
        .collect();
    let mut cpu_levels = Vec::new();
    let mut instance_levels = Vec::new();
    for g in groups {
        if let Some(target) = g.target_cpu {
            cpu_levels.push(Level {
                label: format!("{} {} {target:.0} %", g.id, t.target),
                value: target,
            });
        }
        instance_levels.push(Level {
            label: format!("{} {} {}", g.id, t.min, g.min),
            value: f64::from(g.min),
        });
        instance_levels.push(Level {
            label: format!("{} {} {}", g.id, t.max, g.max),
            value: f64::from(g.max),
        });
    }
    let cost = run
        .costs
        .with(|points| series(t.accrued.to_string(), "s-cost", points.to_vec()));
    let one = |title, unit, series, levels, top| {
        chart(ChartProps {
            title,
            unit,
            series,
            levels,
            span,
            top,
            cursor: run.cursor,
            on_cursor: on_cursor.clone(),
            time_axis: t.time_axis,
            handles: None,
        })
    };
    let mut all = vec![
        one(t.chart_requests, t.unit_rps, traffic, Vec::new(), None),
        one(t.chart_latency, t.unit_ms, latency, Vec::new(), None),
    ];
    if n > 0 {
        all.push(one(
            t.chart_cpu,
            t.unit_percent,
            cpu,
            cpu_levels,
            Some(100.0),
        ));
        all.push(one(
            t.chart_instances,
            t.unit_instances,
            instances,
            instance_levels,
            None,
        ));
    }
    all.push(one(t.chart_cost, t.unit_usd, vec![cost], Vec::new(), None));
    html! { <div class="sim-charts">{ for all }</div> }
}

/// A time or span as people say it: `3 h 50 min`, `12 min 05 s`, `40 s`.
pub(crate) fn duration(seconds: f64) -> String {
    let s = seconds.max(0.0).round() as u64;
    if s >= 3600 {
        format!("{} h {:02} min", s / 3600, s % 3600 / 60)
    } else if s >= 60 {
        format!("{} min {:02} s", s / 60, s % 60)
    } else {
        format!("{s} s")
    }
}

/// Markup as one node (for what has no handlers of its own).
fn raw(markup: String) -> Html {
    Html::from_html_unchecked(AttrValue::from(markup))
}

/// A row's cells (`th` or `td`); the last `numeric` are numbers.
fn cells(out: &mut String, tag: &str, texts: &[&str], numeric: usize) {
    for (k, text) in texts.iter().enumerate() {
        let class = if k + numeric >= texts.len() {
            r#" class="num""#
        } else {
            ""
        };
        let _ = write!(out, "<{tag}{class}>{}</{tag}>", esc(text));
    }
}

/// A table's start: `<table class="sim-table">`, its head and `<tbody>`; the last
/// `numeric` columns are numbers.
fn table_head(out: &mut String, head: &[&str], numeric: usize) {
    out.push_str(r#"<table class="sim-table"><thead><tr>"#);
    cells(out, "th", head, numeric);
    out.push_str("</tr></thead><tbody>");
}

/// A row of cells; the last `numeric` are numbers.
fn row(out: &mut String, attrs: &str, texts: &[&str], numeric: usize) {
    let _ = write!(out, "<tr{attrs}>");
    cells(out, "td", texts, numeric);
    out.push_str("</tr>");
}

/// One figure of a monitor: its name and value, with an extra class.
fn figure(out: &mut String, class: &str, name: &str, value: &str) {
    let _ = write!(
        out,
        r#"<div class="figure{class}"><dt>{}</dt><dd>{}</dd></div>"#,
        esc(name),
        esc(value)
    );
}

fn sla(
    t: &SimText,
    run: &RunState,
    dispatch: &Callback<RunAction>,
    select: &Callback<String>,
) -> Html {
    let Some(frame) = &run.frame else {
        return Html::default();
    };
    let snap = &frame.snapshot;
    let met = snap.availability >= snap.slo_availability;
    let mut out = String::from(r#"<dl class="sim-figures">"#);
    figure(
        &mut out,
        if met { " ok" } else { " bad" },
        t.availability,
        &format!("{:.3} %", snap.availability),
    );
    figure(&mut out, "", t.slo, &format!("{} %", snap.slo_availability));
    figure(
        &mut out,
        "",
        t.error_budget,
        &format!("{:.0} %", snap.error_budget_used),
    );
    figure(&mut out, "", t.requests, &snap.requests.to_string());
    figure(&mut out, "", t.errors, &snap.errors.to_string());
    let _ = write!(out, "</dl><h3>{}</h3>", esc(t.downtime));
    if snap.downtime.is_empty() {
        let _ = write!(out, r#"<p class="muted">{}</p>"#, esc(t.no_downtime));
    } else {
        table_head(&mut out, &[t.start, t.end, t.duration, t.cause], 0);
        for (k, d) in snap.downtime.iter().enumerate() {
            row(
                &mut out,
                &format!(r#" class="clickable" data-i="{k}""#),
                &[
                    &time_label(d.start),
                    &time_label(d.end),
                    &duration(d.end - d.start),
                    &d.cause,
                ],
                0,
            );
        }
        out.push_str("</tbody></table>");
    }
    // One handler for the rows: a row sets the cursor at its start and selects the
    // resource it names.
    let onclick = {
        let dispatch = dispatch.clone();
        let select = select.clone();
        let frame = frame.clone();
        Callback::from(move |e: MouseEvent| {
            let Some(d) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("tr[data-i]").ok().flatten())
                .and_then(|tr| tr.get_attribute("data-i"))
                .and_then(|i| i.parse::<usize>().ok())
                .and_then(|i| frame.snapshot.downtime.get(i))
            else {
                return;
            };
            dispatch.emit(RunAction::Cursor(Some(d.start)));
            if let Some(r) = &d.resource {
                select.emit(r.clone());
            }
        })
    };
    html! { <div class="sim-sla" onclick={onclick}>{ raw(out) }</div> }
}

fn cost(t: &SimText, run: &RunState) -> Html {
    let Some(frame) = &run.frame else {
        return Html::default();
    };
    let snap = &frame.snapshot;
    let mut out = String::from(r#"<div class="sim-cost"><dl class="sim-figures">"#);
    figure(&mut out, "", t.accrued, &format!("${:.4}", snap.cost_usd));
    figure(
        &mut out,
        "",
        t.chart_cost,
        &fill(t.month_projected, &[&format!("${:.2}", snap.monthly_usd)]),
    );
    out.push_str("</dl>");
    table_head(
        &mut out,
        &[t.resource, t.dimension, t.quantity, t.cost_usd],
        2,
    );
    for l in &snap.cost_lines {
        row(
            &mut out,
            "",
            &[
                &l.resource,
                &l.dimension,
                &format!("{:.3} {}", l.quantity, l.unit),
                &l.usd
                    .map_or_else(|| t.not_priced.to_string(), |u| format!("{u:.4}")),
            ],
            2,
        );
    }
    out.push_str("</tbody></table></div>");
    raw(out)
}

fn scaling(t: &SimText, run: &RunState) -> Html {
    let mut out = String::new();
    table_head(&mut out, &[t.time, t.resource, t.cause], 0);
    let any = run.events.with(|events| {
        let mut any = false;
        for e in events
            .iter()
            .rev()
            .filter(|e| matches!(e.kind.as_str(), "scaling" | "instance" | "alarm"))
            .take(500)
        {
            any = true;
            row(
                &mut out,
                "",
                &[&time_label(e.t), &e.resource, &e.message],
                0,
            );
        }
        any
    });
    if !any {
        return html! { <p class="muted">{ t.no_activity }</p> };
    }
    out.push_str("</tbody></table>");
    raw(out)
}

#[derive(Properties, PartialEq)]
struct AuditProps {
    lang: Lang,
    run: UseReducerHandle<RunState>,
}

/// The CloudTrail records, filtered by a text that matches the source, the event
/// name or the resource; exported as CloudTrail's own `{"Records": [...]}`.
#[component(AuditView)]
fn audit_view(props: &AuditProps) -> Html {
    let t = props.lang.strings().sim;
    let filter = use_state(String::new);
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| {
            filter.set(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            )
        })
    };
    let on_export = {
        let run = props.run.clone();
        Callback::from(move |_: MouseEvent| {
            let records = run.audit.with(|rows| {
                rows.iter()
                    .map(|r| r.record.as_str())
                    .collect::<Vec<_>>()
                    .join(",\n")
            });
            let json = format!("{{\"Records\": [\n{records}\n]}}\n");
            let _ = dom::download_text("cloudtrail.json", &json, "application/json");
        })
    };
    let needle = filter.to_lowercase();
    let mut out = String::new();
    table_head(&mut out, &[t.time, t.source, t.event_name, t.resource], 0);
    props.run.audit.with(|rows| {
        for r in rows
            .iter()
            .rev()
            .filter(|r| {
                needle.is_empty()
                    || [&r.source, &r.name, &r.resource]
                        .iter()
                        .any(|f| f.to_lowercase().contains(&needle))
            })
            .take(500)
        {
            row(
                &mut out,
                "",
                &[&time_label(r.t), &r.source, &r.name, &r.resource],
                0,
            );
        }
    });
    out.push_str("</tbody></table>");
    html! {
        <div class="sim-audit">
            <div class="sim-audit-bar">
                <input type="search" class="input small" placeholder={t.filter} aria-label={t.filter}
                    value={(*filter).clone()} oninput={on_filter}/>
                <button type="button" class="btn ghost small" onclick={on_export}>
                    <UiIcon icon={Ui::Download} size={14}/>{ t.export_cloudtrail }
                </button>
            </div>
            { raw(out) }
        </div>
    }
}
