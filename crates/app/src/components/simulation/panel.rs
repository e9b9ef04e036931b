//! The Simulation tab: charts on one time axis, the SLA monitor, the pay-per-use
//! monitor, the audit monitor and the scaling activity of the run the canvas shows.

use std::rc::Rc;

use formwork_core::chart::time_label;
use formwork_core::sim::protocol::TimelineRow;
use yew::prelude::*;

use super::chart::{Chart, Level, Series};
use crate::components::icons::{Ui, UiIcon};
use crate::dom;
use crate::i18n::{Lang, fill};
use crate::run::{RunAction, RunState};
use crate::sim_text::SimText;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum View {
    Charts,
    Sla,
    Cost,
    Audit,
    Scaling,
}

impl View {
    const ALL: [View; 5] = [
        View::Charts,
        View::Sla,
        View::Cost,
        View::Audit,
        View::Scaling,
    ];

    fn label(self, t: &SimText) -> &'static str {
        match self {
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
}

#[component(SimulationPanel)]
pub fn simulation_panel(props: &SimulationPanelProps) -> Html {
    let t = props.lang.strings().sim;
    let view = use_state_eq(|| View::Charts);
    if !props.run.is_live() {
        return html! {
            <p class="panel-note"><UiIcon icon={Ui::Play} size={14}/>{ t.no_run }</p>
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
        View::Charts => charts(t, &props.run, &dispatch),
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

fn series(
    rows: &[TimelineRow],
    label: &str,
    class: &'static str,
    value: impl Fn(&TimelineRow) -> Option<f64>,
) -> Series {
    Series {
        label: AttrValue::from(label.to_string()),
        class,
        points: Rc::new(
            rows.iter()
                .filter_map(|r| value(r).map(|v| (r.t as f64, v)))
                .collect(),
        ),
    }
}

fn charts(t: &SimText, run: &RunState, dispatch: &Callback<RunAction>) -> Html {
    let Some(frame) = &run.frame else {
        return Html::default();
    };
    let snap = &frame.snapshot;
    let span = (0.0, snap.t.max(60.0));
    let on_cursor = dispatch.reform(RunAction::Cursor);
    let groups = &snap.groups;
    let (traffic, latency, cpu, instances) = run.timeline.with(|rows| {
        let traffic = vec![
            series(rows, t.requests, "s-requests", |r| Some(r.requests as f64)),
            series(rows, t.errors, "s-errors", |r| Some(r.errors as f64)),
        ];
        let latency = vec![
            // A second with nothing answered has no latency to draw.
            series(rows, "p50", "s-p50", |r| {
                (r.p50_ms > 0.0).then_some(r.p50_ms)
            }),
            series(rows, "p95", "s-p95", |r| {
                (r.p95_ms > 0.0).then_some(r.p95_ms)
            }),
            series(rows, "p99", "s-p99", |r| {
                (r.p99_ms > 0.0).then_some(r.p99_ms)
            }),
        ];
        let classes = ["s-1", "s-2", "s-3", "s-4"];
        let cpu: Vec<Series> = groups
            .iter()
            .enumerate()
            .map(|(g, view)| {
                series(rows, &view.id, classes[g % 4], |r| {
                    r.groups.get(g).map(|x| x.cpu)
                })
            })
            .collect();
        let instances: Vec<Series> = groups
            .iter()
            .enumerate()
            .map(|(g, view)| {
                series(rows, &view.id, classes[g % 4], |r| {
                    r.groups.get(g).map(|x| f64::from(x.instances))
                })
            })
            .collect();
        (traffic, latency, cpu, instances)
    });
    let mut cpu_levels = Vec::new();
    let mut instance_levels = Vec::new();
    for g in groups {
        if let Some(target) = g.target_cpu {
            cpu_levels.push(Level {
                label: format!("{} {} {target:.0} %", g.id, t.target).into(),
                value: target,
            });
        }
        instance_levels.push(Level {
            label: format!("{} {} {}", g.id, t.min, g.min).into(),
            value: f64::from(g.min),
        });
        instance_levels.push(Level {
            label: format!("{} {} {}", g.id, t.max, g.max).into(),
            value: f64::from(g.max),
        });
    }
    let cost = run.costs.with(|points| Series {
        label: t.accrued.into(),
        class: "s-cost",
        points: Rc::new(points.to_vec()),
    });
    let axis: AttrValue = t.time_axis.into();
    html! {
        <div class="sim-charts">
            <Chart title={t.chart_requests} unit={t.unit_rps} series={traffic} {span}
                cursor={run.cursor} on_cursor={on_cursor.clone()} time_axis={axis.clone()}/>
            <Chart title={t.chart_latency} unit={t.unit_ms} series={latency} {span}
                cursor={run.cursor} on_cursor={on_cursor.clone()} time_axis={axis.clone()}/>
            if !groups.is_empty() {
                <Chart title={t.chart_cpu} unit={t.unit_percent} series={cpu} levels={cpu_levels} top={Some(100.0)} {span}
                    cursor={run.cursor} on_cursor={on_cursor.clone()} time_axis={axis.clone()}/>
                <Chart title={t.chart_instances} unit={t.unit_instances} series={instances} levels={instance_levels} {span}
                    cursor={run.cursor} on_cursor={on_cursor.clone()} time_axis={axis.clone()}/>
            }
            <Chart title={t.chart_cost} unit={t.unit_usd} series={vec![cost]} {span}
                cursor={run.cursor} on_cursor={on_cursor} time_axis={axis}/>
        </div>
    }
}

fn duration(seconds: f64) -> String {
    let s = seconds.max(0.0).round() as u64;
    if s >= 3600 {
        format!("{} h {:02} min", s / 3600, s % 3600 / 60)
    } else if s >= 60 {
        format!("{} min {:02} s", s / 60, s % 60)
    } else {
        format!("{s} s")
    }
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
    let rows = snap.downtime.iter().map(|d| {
        let onclick = {
            let dispatch = dispatch.clone();
            let select = select.clone();
            let (at, resource) = (d.start, d.resource.clone());
            Callback::from(move |_: MouseEvent| {
                dispatch.emit(RunAction::Cursor(Some(at)));
                if let Some(r) = &resource {
                    select.emit(r.clone());
                }
            })
        };
        html! {
            <tr class="clickable" onclick={onclick}>
                <td>{ time_label(d.start) }</td>
                <td>{ time_label(d.end) }</td>
                <td>{ duration(d.end - d.start) }</td>
                <td>{ d.cause.clone() }</td>
            </tr>
        }
    });
    html! {
        <div class="sim-sla">
            <dl class="sim-figures">
                <div class={classes!("figure", if met { "ok" } else { "bad" })}>
                    <dt>{ t.availability }</dt><dd>{ format!("{:.3} %", snap.availability) }</dd>
                </div>
                <div class="figure"><dt>{ t.slo }</dt><dd>{ format!("{} %", snap.slo_availability) }</dd></div>
                <div class="figure"><dt>{ t.error_budget }</dt><dd>{ format!("{:.0} %", snap.error_budget_used) }</dd></div>
                <div class="figure"><dt>{ t.requests }</dt><dd>{ snap.requests }</dd></div>
                <div class="figure"><dt>{ t.errors }</dt><dd>{ snap.errors }</dd></div>
            </dl>
            <h3>{ t.downtime }</h3>
            if snap.downtime.is_empty() {
                <p class="muted">{ t.no_downtime }</p>
            } else {
                <table class="sim-table">
                    <thead><tr><th>{ t.start }</th><th>{ t.end }</th><th>{ t.duration }</th><th>{ t.cause }</th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            }
        </div>
    }
}

fn cost(t: &SimText, run: &RunState) -> Html {
    let Some(frame) = &run.frame else {
        return Html::default();
    };
    let snap = &frame.snapshot;
    let rows = snap.cost_lines.iter().map(|l| {
        html! {
            <tr>
                <td>{ l.resource.clone() }</td>
                <td>{ l.dimension.clone() }</td>
                <td class="num">{ format!("{:.3} {}", l.quantity, l.unit) }</td>
                <td class="num">{ l.usd.map_or_else(|| t.not_priced.to_string(), |u| format!("{u:.4}")) }</td>
            </tr>
        }
    });
    html! {
        <div class="sim-cost">
            <dl class="sim-figures">
                <div class="figure"><dt>{ t.accrued }</dt><dd>{ format!("${:.4}", snap.cost_usd) }</dd></div>
                <div class="figure"><dt>{ t.chart_cost }</dt>
                    <dd>{ fill(t.month_projected, &[&format!("${:.2}", snap.monthly_usd)]) }</dd></div>
            </dl>
            <table class="sim-table">
                <thead><tr><th>{ t.resource }</th><th>{ t.dimension }</th><th class="num">{ t.quantity }</th><th class="num">{ t.cost_usd }</th></tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </div>
    }
}

fn scaling(t: &SimText, run: &RunState) -> Html {
    let rows: Vec<Html> = run.events.with(|events| {
        events
            .iter()
            .rev()
            .filter(|e| matches!(e.kind.as_str(), "scaling" | "instance" | "alarm"))
            .take(500)
            .map(|e| {
                html! {
                    <tr>
                        <td>{ time_label(e.t) }</td>
                        <td>{ e.resource.clone() }</td>
                        <td>{ e.message.clone() }</td>
                    </tr>
                }
            })
            .collect()
    });
    if rows.is_empty() {
        return html! { <p class="muted">{ t.no_activity }</p> };
    }
    html! {
        <table class="sim-table">
            <thead><tr><th>{ t.time }</th><th>{ t.resource }</th><th>{ t.cause }</th></tr></thead>
            <tbody>{ for rows }</tbody>
        </table>
    }
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
    let rows: Vec<Html> = props.run.audit.with(|rows| {
        rows.iter()
            .rev()
            .filter(|r| {
                needle.is_empty()
                    || [&r.source, &r.name, &r.resource]
                        .iter()
                        .any(|f| f.to_lowercase().contains(&needle))
            })
            .take(500)
            .map(|r| {
                html! {
                    <tr>
                        <td>{ time_label(r.t) }</td>
                        <td>{ r.source.clone() }</td>
                        <td>{ r.name.clone() }</td>
                        <td>{ r.resource.clone() }</td>
                    </tr>
                }
            })
            .collect()
    });
    html! {
        <div class="sim-audit">
            <div class="sim-audit-bar">
                <input type="search" class="input small" placeholder={t.filter} aria-label={t.filter}
                    value={(*filter).clone()} oninput={on_filter}/>
                <button type="button" class="btn ghost small" onclick={on_export}>
                    <UiIcon icon={Ui::Download} size={14}/>{ t.export_cloudtrail }
                </button>
            </div>
            <table class="sim-table">
                <thead><tr><th>{ t.time }</th><th>{ t.source }</th><th>{ t.event_name }</th><th>{ t.resource }</th></tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </div>
    }
}
