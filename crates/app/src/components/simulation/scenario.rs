//! The scenario editor of the Simulation tab: the engine's own scenario (the CLI's
//! scenario file), edited field by field. The traffic profile is a chart whose points
//! are dragged, with presets to start from; request classes are a table; sessions,
//! the SLO, the region and the template's parameter values are fields. Every change
//! is written into the scenario's text ([`ScenarioDraft`]), which the document keeps.
//!
//! The controls are built with the forms' element builder and share one change
//! handler that reads which field changed from its `name` (and `data-row`), so the
//! form costs little of the designer's first load.

use std::rc::Rc;

use formwork_core::chart::time_label;
use formwork_core::sim::presets::Preset;
use formwork_core::sim::scenario::{RequestClass, Scenario, Service, Slo};
use formwork_core::sim::scenario_draft::{ScenarioDraft, number_text};
use formwork_core::stack_parameters::{self, ParameterField};
use yew::prelude::*;

use super::chart::{ChartProps, Edit, Handles, Series, chart};
use crate::components::icons::{Ui, UiIcon};
use crate::components::inspector::h::{self, A, a, s};
use crate::components::inspector::{DocHandle, control_checked, control_value};
use crate::components::stack_parameters::parameter_control;
use crate::dom;
use crate::i18n::{Lang, fill};
use crate::sim_text::SimText;
use crate::state::ScenarioDoc;

#[derive(Properties, PartialEq)]
pub struct ScenarioProps {
    pub lang: Lang,
    /// The scenario's text.
    pub scenario: AttrValue,
    /// The file it was imported from.
    pub imported: Option<AttrValue>,
    /// Why the live run did not take it.
    pub error: Option<AttrValue>,
    /// The document, for its parameters; `revision` changes with every edit.
    pub doc: DocHandle,
    pub revision: u64,
    pub on_change: Callback<ScenarioDoc>,
}

/// A point of the traffic profile being dragged: which, the profile as it is dragged,
/// and the vertical axis's top, held still while dragging.
#[derive(Clone, Debug, PartialEq)]
struct Drag {
    index: usize,
    points: Vec<(f64, f64)>,
    top: f64,
}

/// The durations offered, in seconds, with their labels.
const DURATIONS: [(f64, &str); 5] = [
    (3600.0, "1 h"),
    (21_600.0, "6 h"),
    (86_400.0, "1 d"),
    (259_200.0, "3 d"),
    (604_800.0, "7 d"),
];
const REGIONS: [&str; 2] = ["us-east-1", "ap-northeast-2"];
/// The rates the form accepts, in requests per second.
const MAX_RPS: f64 = 100_000.0;

fn preset_label(t: &SimText, p: Preset) -> &'static str {
    match p {
        Preset::Steady => t.preset_steady,
        Preset::Ramp => t.preset_ramp,
        Preset::DailyWave => t.preset_daily_wave,
        Preset::Spike => t.preset_spike,
        Preset::FlashCrowd => t.preset_flash_crowd,
    }
}

fn service_label(t: &SimText, service: Service) -> &'static str {
    match service {
        Service::Exponential => t.service_exponential,
        Service::Constant => t.service_constant,
        Service::Lognormal => t.service_lognormal,
    }
}

/// The time step of the traffic editor: what a drag snaps to and an arrow key moves.
fn time_step(duration: f64) -> f64 {
    if duration > 86_400.0 {
        900.0
    } else if duration > 7200.0 {
        300.0
    } else {
        60.0
    }
}

/// A rate as the editor sets it: whole requests per second from 10 up, tenths below.
fn round_rate(v: f64) -> f64 {
    let v = v.clamp(0.0, MAX_RPS);
    if v >= 10.0 {
        v.round()
    } else {
        (v * 10.0).round() / 10.0
    }
}

/// The profile after moving point `i` to `(t, v)`: the first point keeps its time,
/// the others stay between their neighbours, one step apart.
fn moved(points: &[(f64, f64)], i: usize, t: f64, v: f64, step: f64, end: f64) -> Vec<(f64, f64)> {
    let mut out = points.to_vec();
    let Some(p) = out.get_mut(i) else {
        return out;
    };
    p.1 = round_rate(v);
    if i > 0 {
        let lo = points[i - 1].0 + step;
        let hi = points.get(i + 1).map_or(end, |n| n.0 - step);
        let snapped = (t / step).round() * step;
        if lo <= hi {
            out[i].0 = snapped.clamp(lo, hi);
        }
    }
    out
}

/// The value of a field: a checkbox's state, else its value.
fn field_value(el: &web_sys::Element) -> String {
    if el.get_attribute("type").as_deref() == Some("checkbox") {
        control_checked(el).to_string()
    } else {
        control_value(el)
    }
}

/// A number typed in a field, if it is one within `lo..=hi`.
fn number_in(value: &str, lo: f64, hi: f64) -> Option<f64> {
    value
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|x| (lo..=hi).contains(x))
}

/// Applies one field's new value to the scenario; false when the value is not one
/// the field takes (the field then shows what the user typed until corrected).
fn apply(d: &mut ScenarioDraft, name: &str, row: Option<usize>, key: &str, value: &str) -> bool {
    match name {
        "preset" => match Preset::from_key(value) {
            Some(p) => {
                let peak = d.preset().map_or_else(|| d.peak_rps(), |(_, peak)| peak);
                d.apply_preset(p, round_rate(peak.max(1.0)));
                true
            }
            None => false,
        },
        "peak" => match (d.preset(), number_in(value, 1.0, MAX_RPS)) {
            (Some((p, _)), Some(peak)) => {
                d.apply_preset(p, peak);
                true
            }
            _ => false,
        },
        "duration" => match number_in(value, 1.0, 31.0 * 86_400.0) {
            Some(seconds) => {
                let preset = d.preset();
                d.set_duration(seconds);
                // A preset's shape follows the run's length (a ramp's climb, a wave's peak).
                if let Some((p, peak)) = preset {
                    d.apply_preset(p, peak);
                }
                true
            }
            None => false,
        },
        "seed" => match value.trim().parse::<u64>() {
            Ok(seed) => {
                d.set_seed(seed);
                true
            }
            Err(_) => false,
        },
        "region" => {
            d.set_region(value);
            true
        }
        "slo-availability" | "slo-p99" => {
            let mut slo = d.slo();
            if name == "slo-availability" {
                let Some(a) = number_in(value, 0.0, 100.0) else {
                    return false;
                };
                slo.availability = a;
            } else if value.trim().is_empty() {
                slo.p99_ms = None;
            } else {
                let Some(ms) = number_in(value, 0.001, 3_600_000.0) else {
                    return false;
                };
                slo.p99_ms = Some(ms);
            }
            d.set_slo(&slo);
            true
        }
        "sessions-on" => {
            let on = value == "true";
            d.set_sessions(on.then(|| d.sessions().unwrap_or_default()).as_ref());
            true
        }
        "session-requests" | "session-length" | "session-state" => {
            let mut ss = d.sessions().unwrap_or_default();
            match name {
                "session-requests" => match number_in(value, 1.0, 1e6) {
                    Some(n) => ss.requests = n,
                    None => return false,
                },
                "session-length" => match number_in(value, 0.01, 44_640.0) {
                    Some(min) => ss.length = min * 60.0,
                    None => return false,
                },
                _ => ss.needs_state = value == "true",
            }
            d.set_sessions(Some(&ss));
            true
        }
        "param" => {
            let v = value.trim();
            d.set_parameter(key, (!v.is_empty()).then_some(v));
            true
        }
        "add-request" => {
            let mut all = d.requests();
            let n = all.len() + 1;
            all.push(RequestClass {
                name: format!("class{n}"),
                ..Scenario::default().requests[0].clone()
            });
            d.set_requests(&all);
            true
        }
        "remove-request" => {
            let mut all = d.requests();
            match row {
                Some(i) if i < all.len() && all.len() > 1 => {
                    all.remove(i);
                    d.set_requests(&all);
                    true
                }
                _ => false,
            }
        }
        _ if name.starts_with("req-") => {
            let mut all = d.requests();
            let Some(r) = row.and_then(|i| all.get_mut(i)) else {
                return false;
            };
            let number = |lo, hi| number_in(value, lo, hi);
            let ok = match name {
                "req-name" if !value.trim().is_empty() => {
                    r.name = value.trim().to_string();
                    true
                }
                "req-path" if value.starts_with('/') => {
                    r.path = value.trim().to_string();
                    true
                }
                "req-weight" => number(0.0, 1e6).map(|x| r.weight = x).is_some(),
                "req-cpu" => number(0.0, 600_000.0).map(|x| r.cpu_ms = x).is_some(),
                "req-service" => Service::from_key(value).map(|x| r.service = x).is_some(),
                "req-dbq" => number(0.0, 10_000.0)
                    .map(|x| r.db_queries = x.round() as u32)
                    .is_some(),
                "req-dbms" => number(0.0, 600_000.0).map(|x| r.db_ms = x).is_some(),
                "req-kb" => number(0.0, 1e7).map(|x| r.response_kb = x).is_some(),
                _ => false,
            };
            if ok {
                d.set_requests(&all);
            }
            ok
        }
        _ => false,
    }
}

/// A labelled field: `<div class="field"><label for=id>…</label>control</div>`.
fn field(id: &'static str, label: &str, control: Html) -> Html {
    h::el(
        "div",
        "field",
        &[],
        vec![
            h::el(
                "label",
                "field-label",
                &[s("for", id)],
                vec![h::text(label.to_string())],
            ),
            control,
        ],
    )
}

/// A text or number input bound to a field of the scenario.
fn input(kind: &'static str, name: &'static str, value: String, attrs: &[A]) -> Html {
    let mut all = vec![s("type", kind), s("name", name)];
    all.extend_from_slice(attrs);
    h::control("input", "text-input", &all, Some(value), None)
}

fn checkbox(id: &'static str, name: &'static str, label: &str, checked: bool) -> Html {
    h::el(
        "label",
        "check-field",
        &[],
        vec![
            h::control(
                "input",
                "",
                &[s("type", "checkbox"), s("id", id), s("name", name)],
                None,
                Some(checked),
            ),
            h::text(label.to_string()),
        ],
    )
}

fn select(id: &'static str, name: &'static str, options: Vec<Html>, attrs: &[A]) -> Html {
    let mut all = vec![s("id", id), s("name", name)];
    all.extend_from_slice(attrs);
    h::el("select", "select-input", &all, options)
}

fn section(title: &str, kids: Vec<Html>) -> Html {
    let mut all = vec![h::el_text("legend", "", title.to_string())];
    all.extend(kids);
    h::el("fieldset", "sim-scenario-part", &[], all)
}

/// The scenario the next run starts with, and a live run takes.
#[component(ScenarioView)]
pub fn scenario_view(props: &ScenarioProps) -> Html {
    let strings = props.lang.strings();
    let t = strings.sim;
    let draft = use_memo(props.scenario.clone(), |text| ScenarioDraft::read(text));
    let parameters: Rc<Vec<ParameterField>> = {
        let doc = props.doc.clone();
        use_memo(props.revision, move |_| {
            stack_parameters::fields(doc.0.borrow().template())
        })
    };
    // The traffic editor: the point dragged, if any, and the point selected.
    let dragged = use_state_eq(|| None::<Drag>);
    let selected = use_state_eq(|| None::<usize>);
    let file_input = use_node_ref();

    // A file the form cannot read shows the defaults: it can still be exported, or
    // replaced by editing.
    let d = (*draft).clone().unwrap_or_default();
    let unreadable = (*draft).clone().err();
    let commit = {
        let on_change = props.on_change.clone();
        Rc::new(move |d: &ScenarioDraft| {
            on_change.emit(ScenarioDoc {
                text: Some(AttrValue::from(d.text())),
                imported: None,
            })
        })
    };

    // One handler for every field (a change) and every button (a click): what changed
    // is read from the element's `name` or `data-action`, `data-row` and `data-key`.
    let on_edit_event = {
        let (d, commit) = (d.clone(), commit.clone());
        move |e: &Event, selector: &str, name_attr: &str, with_value: bool| {
            let Some(el) = dom::closest(e.target(), selector) else {
                return;
            };
            let Some(name) = el.get_attribute(name_attr) else {
                return;
            };
            let row = el.get_attribute("data-row").and_then(|r| r.parse().ok());
            let key = el.get_attribute("data-key").unwrap_or_default();
            let value = if with_value {
                field_value(&el)
            } else {
                String::new()
            };
            let mut next = d.clone();
            if apply(&mut next, &name, row, &key, &value) {
                commit(&next);
            }
        }
    };
    let on_field = {
        let edit = on_edit_event.clone();
        Callback::from(move |e: Event| edit(&e, "[name]", "name", true))
    };
    let on_button = Callback::from(move |e: MouseEvent| {
        on_edit_event(&e, "button[data-action]", "data-action", false)
    });

    // The traffic editor.
    let duration = d.duration();
    let step = time_step(duration);
    let profile = dragged
        .as_ref()
        .map_or_else(|| d.traffic(), |drag| drag.points.clone());
    let on_edit = {
        let (d, commit) = (d.clone(), commit.clone());
        let (dragged, selected) = (dragged.clone(), selected.clone());
        let profile = profile.clone();
        Callback::from(move |edit: Edit| {
            let commit_points = |points: &[(f64, f64)]| {
                let mut next = d.clone();
                next.set_traffic(points);
                commit(&next);
            };
            match edit {
                Edit::Grab { index, top } => {
                    selected.set(Some(index));
                    dragged.set(Some(Drag {
                        index,
                        points: profile.clone(),
                        top,
                    }));
                }
                Edit::Move { index, t, value } => {
                    if let Some(drag) = &*dragged {
                        dragged.set(Some(Drag {
                            points: moved(&profile, index, t, value, step, duration),
                            ..drag.clone()
                        }));
                    }
                }
                Edit::Release => {
                    if let Some(drag) = &*dragged {
                        commit_points(&drag.points);
                    }
                    dragged.set(None);
                }
                Edit::Add { t, value } => {
                    let t = ((t / step).round() * step).clamp(0.0, duration);
                    if profile.iter().all(|p| (p.0 - t).abs() >= step) {
                        let mut points = profile.clone();
                        let at = points.partition_point(|p| p.0 < t);
                        points.insert(at, (t, round_rate(value)));
                        selected.set(Some(at));
                        commit_points(&points);
                    }
                }
                Edit::Remove(index) => {
                    if profile.len() > 1 && index < profile.len() {
                        let mut points = profile.clone();
                        points.remove(index);
                        selected.set(None);
                        commit_points(&points);
                    }
                }
                Edit::Nudge {
                    index,
                    dt,
                    dv,
                    large,
                } => {
                    let Some(&(t, v)) = profile.get(index) else {
                        return;
                    };
                    let k = if large { 10.0 } else { 1.0 };
                    let dv_step = if v >= 100.0 { v / 20.0 } else { 1.0 };
                    let points = moved(
                        &profile,
                        index,
                        t + f64::from(dt) * step * k,
                        v + f64::from(dv) * dv_step * k,
                        step,
                        duration,
                    );
                    selected.set(Some(index));
                    commit_points(&points);
                }
            }
        })
    };
    let mut shown = d.clone();
    shown.set_traffic(&profile);
    let labels = profile
        .iter()
        .enumerate()
        .map(|(i, &(at, rps))| {
            fill(
                t.traffic_point,
                &[
                    &(i + 1).to_string(),
                    &super::panel::duration(at),
                    &number_text(rps),
                ],
            )
        })
        .collect();
    let mut series = vec![Series {
        label: t.requests.to_string(),
        class: "s-requests",
        points: Rc::new(shown.rate_curve(240)),
    }];
    if d.wave().is_some() || !d.spikes().is_empty() {
        // The wave and spikes ride on the profile the points shape.
        let mut line = profile.clone();
        if let Some(&(_, last)) = line.last() {
            line.push((duration, last));
        }
        series.push(Series {
            label: t.traffic_profile_line.to_string(),
            class: "s-profile",
            points: Rc::new(line),
        });
    }
    let editor = chart(ChartProps {
        title: t.traffic_profile,
        unit: t.unit_rps,
        series,
        levels: Vec::new(),
        span: (0.0, duration),
        top: dragged.as_ref().map(|drag| drag.top),
        cursor: None,
        on_cursor: Callback::noop(),
        time_axis: t.time_axis,
        handles: Some(Handles {
            points: profile,
            labels,
            held: dragged.as_ref().map(|drag| drag.index),
            selected: *selected,
            on_edit,
        }),
    });

    // Traffic fields.
    let preset = d.preset();
    let mut preset_options: Vec<Html> = Vec::new();
    if preset.is_none() {
        preset_options.push(h::el(
            "option",
            "",
            &[
                s("value", "custom"),
                s("disabled", "disabled"),
                s("selected", "selected"),
            ],
            vec![h::text(t.preset_custom)],
        ));
    }
    for p in Preset::ALL {
        let on = preset.is_some_and(|(q, _)| q == p);
        preset_options.push(h::option(p.key(), preset_label(t, p), on));
    }
    let peak = preset.map_or_else(|| d.peak_rps(), |(_, peak)| peak);
    let mut durations: Vec<(f64, String)> =
        DURATIONS.iter().map(|&(s, l)| (s, l.to_string())).collect();
    if !durations.iter().any(|x| x.0 == duration) {
        durations.push((duration, time_label(duration)));
    }
    let region = d.region();
    let mut regions: Vec<String> = REGIONS.iter().map(|r| r.to_string()).collect();
    if !regions.contains(&region) {
        regions.push(region.clone());
    }
    let traffic_fields = h::el(
        "div",
        "sim-scenario-grid",
        &[],
        vec![
            field(
                "sim-scenario-preset",
                t.traffic_preset,
                select("sim-scenario-preset", "preset", preset_options, &[]),
            ),
            field(
                "sim-scenario-peak",
                t.peak_rps,
                input(
                    "number",
                    "peak",
                    number_text(peak),
                    &[
                        s("id", "sim-scenario-peak"),
                        s("min", "1"),
                        s("step", "1"),
                        a("disabled", if preset.is_none() { "disabled" } else { "" }),
                    ],
                ),
            ),
            field(
                "sim-scenario-duration",
                t.duration,
                select(
                    "sim-scenario-duration",
                    "duration",
                    durations
                        .iter()
                        .map(|(secs, label)| h::option(&secs.to_string(), label, *secs == duration))
                        .collect(),
                    &[],
                ),
            ),
            field(
                "sim-scenario-seed",
                t.seed_label,
                input(
                    "number",
                    "seed",
                    d.seed().to_string(),
                    &[s("id", "sim-scenario-seed"), s("min", "0"), s("step", "1")],
                ),
            ),
            field(
                "sim-scenario-region",
                t.region,
                select(
                    "sim-scenario-region",
                    "region",
                    regions
                        .iter()
                        .map(|r| h::option(r, r, *r == region))
                        .collect(),
                    &[],
                ),
            ),
        ],
    );

    // Request classes.
    let requests = d.requests();
    let head = [
        t.col_name,
        t.col_path,
        t.col_weight,
        t.col_cpu_ms,
        t.col_service,
        t.col_db_queries,
        t.col_db_ms,
        t.col_response_kb,
        "",
    ];
    let head_row = h::el(
        "tr",
        "",
        &[],
        head.iter().map(|c| h::el_text("th", "", *c)).collect(),
    );
    let rows = requests.iter().enumerate().map(|(i, r)| {
        let cell = |name: &'static str, kind: &'static str, value: String, label: &str| {
            h::el(
                "td",
                "",
                &[],
                vec![input(
                    kind,
                    name,
                    value,
                    &[
                        a("data-row", i.to_string()),
                        a("aria-label", format!("{} {label}", r.name)),
                        s("step", "any"),
                        s("min", if kind == "number" { "0" } else { "" }),
                    ],
                )],
            )
        };
        let service = h::el(
            "td",
            "",
            &[],
            vec![h::el(
                "select",
                "select-input",
                &[
                    s("name", "req-service"),
                    a("data-row", i.to_string()),
                    a("aria-label", format!("{} {}", r.name, t.col_service)),
                ],
                Service::ALL
                    .iter()
                    .map(|&sv| h::option(sv.key(), service_label(t, sv), sv == r.service))
                    .collect(),
            )],
        );
        let remove = h::el(
            "td",
            "",
            &[],
            vec![h::el(
                "button",
                "btn ghost small",
                &[
                    s("type", "button"),
                    s("data-action", "remove-request"),
                    a("data-row", i.to_string()),
                    a("aria-label", fill(t.remove_request, &[&r.name])),
                    a(
                        "disabled",
                        if requests.len() == 1 { "disabled" } else { "" },
                    ),
                ],
                vec![h::text("×")],
            )],
        );
        h::keyed(
            h::el(
                "tr",
                "",
                &[],
                vec![
                    cell("req-name", "text", r.name.clone(), t.col_name),
                    cell("req-path", "text", r.path.clone(), t.col_path),
                    cell("req-weight", "number", number_text(r.weight), t.col_weight),
                    cell("req-cpu", "number", number_text(r.cpu_ms), t.col_cpu_ms),
                    service,
                    cell(
                        "req-dbq",
                        "number",
                        r.db_queries.to_string(),
                        t.col_db_queries,
                    ),
                    cell("req-dbms", "number", number_text(r.db_ms), t.col_db_ms),
                    cell(
                        "req-kb",
                        "number",
                        number_text(r.response_kb),
                        t.col_response_kb,
                    ),
                    remove,
                ],
            ),
            &i.to_string(),
        )
    });
    let requests_table = h::el(
        "table",
        "sim-table sim-requests",
        &[],
        vec![
            h::el("thead", "", &[], vec![head_row]),
            h::el("tbody", "", &[], rows.collect()),
        ],
    );
    let add_request = h::el(
        "button",
        "btn ghost small",
        &[s("type", "button"), s("data-action", "add-request")],
        vec![h::text(t.add_request)],
    );

    // Sessions.
    let sessions = d.sessions();
    let ss = sessions.clone().unwrap_or_default();
    let mut session_kids = vec![checkbox(
        "sim-sessions-on",
        "sessions-on",
        t.sessions_on,
        sessions.is_some(),
    )];
    if sessions.is_some() {
        session_kids.push(h::el(
            "div",
            "sim-scenario-grid",
            &[],
            vec![
                field(
                    "sim-session-requests",
                    t.session_requests,
                    input(
                        "number",
                        "session-requests",
                        number_text(ss.requests),
                        &[
                            s("id", "sim-session-requests"),
                            s("min", "1"),
                            s("step", "any"),
                        ],
                    ),
                ),
                field(
                    "sim-session-length",
                    t.session_length,
                    input(
                        "number",
                        "session-length",
                        number_text(ss.length / 60.0),
                        &[
                            s("id", "sim-session-length"),
                            s("min", "0.01"),
                            s("step", "any"),
                        ],
                    ),
                ),
            ],
        ));
        session_kids.push(checkbox(
            "sim-session-state",
            "session-state",
            t.session_state,
            ss.needs_state,
        ));
    }
    session_kids.push(h::el_text("p", "field-hint", t.sessions_note));

    // The SLO.
    let slo: Slo = d.slo();
    let slo_fields = h::el(
        "div",
        "sim-scenario-grid",
        &[],
        vec![
            field(
                "sim-slo-availability",
                t.slo_availability,
                input(
                    "number",
                    "slo-availability",
                    number_text(slo.availability),
                    &[
                        s("id", "sim-slo-availability"),
                        s("min", "0"),
                        s("max", "100"),
                        s("step", "any"),
                    ],
                ),
            ),
            field(
                "sim-slo-p99",
                t.slo_p99,
                input(
                    "number",
                    "slo-p99",
                    slo.p99_ms.map(number_text).unwrap_or_default(),
                    &[
                        s("id", "sim-slo-p99"),
                        s("min", "0"),
                        s("step", "any"),
                        s("placeholder", t.slo_p99_none),
                    ],
                ),
            ),
        ],
    );

    // Parameter values.
    let values = d.parameters();
    let parameter_kids: Vec<Html> = if parameters.is_empty() {
        vec![h::el_text("p", "field-hint", t.parameters_none)]
    } else {
        let doc = props.doc.0.borrow();
        parameters
            .iter()
            .map(|p| {
                let value = values.get(&p.name).map(String::as_str);
                // Only a value given is judged: the simulation reads a parameter
                // only where the template uses it for what it models.
                let problem =
                    value.and_then(|v| stack_parameters::check(doc.template(), &p.name, Some(v)));
                let id = format!("sim-param-{}", p.name);
                let attrs = [
                    a("id", id.clone()),
                    s("name", "param"),
                    a("data-key", p.name.clone()),
                ];
                let control = parameter_control(
                    strings,
                    p,
                    value.unwrap_or_default(),
                    &attrs,
                    problem.is_some(),
                );
                let mut kids = vec![
                    h::el(
                        "label",
                        "field-label",
                        &[a("for", id)],
                        vec![h::text(p.name.clone())],
                    ),
                    control,
                ];
                if let Some(why) = problem {
                    kids.push(h::el_text("p", "field-hint error", why));
                }
                h::el("div", "field", &[], kids)
            })
            .collect()
    };

    let on_export = {
        let text = props.scenario.clone();
        Callback::from(move |_: MouseEvent| {
            let _ = dom::download_text("scenario.yaml", &text, "application/yaml");
        })
    };
    let on_import_click = {
        let input = file_input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(i) = input.cast::<web_sys::HtmlInputElement>() {
                i.click();
            }
        })
    };
    let on_file = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            // The same file may be imported again.
            input.set_value("");
            let on_change = on_change.clone();
            yew::platform::spawn_local(async move {
                if let Some(text) = crate::files::io::read_text(&file).await {
                    on_change.emit(ScenarioDoc {
                        text: Some(text.into()),
                        imported: Some(file.name().into()),
                    });
                }
            });
        })
    };

    html! {
        <div class="sim-scenario" onchange={on_field} onclick={on_button}>
            <div class="sim-scenario-col">
                { section(t.traffic_heading, vec![
                    traffic_fields,
                    editor,
                    h::el_text("p", "field-hint", t.traffic_hint),
                ]) }
                if let Some(name) = &props.imported {
                    <p class="field-hint">{ fill(t.imported, &[name]) }</p>
                }
                if let Some(why) = &unreadable {
                    <p class="field-hint error" role="alert">{ fill(t.scenario_unreadable, &[why]) }</p>
                }
                if let Some(why) = &props.error {
                    <p class="field-hint error" role="alert">{ fill(t.scenario_rejected, &[why]) }</p>
                }
                <div class="sim-scenario-actions">
                    <button type="button" class="btn ghost small" onclick={on_import_click}>
                        <UiIcon icon={Ui::Plus} size={14}/>{ t.import_scenario }
                    </button>
                    <button type="button" class="btn ghost small" onclick={on_export}>
                        <UiIcon icon={Ui::Download} size={14}/>{ t.export_scenario }
                    </button>
                    <input type="file" ref={file_input} class="visually-hidden" tabindex="-1" aria-hidden="true"
                        accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml"
                        onchange={on_file}/>
                </div>
                <p class="field-hint">{ t.scenario_note }</p>
            </div>
            <div class="sim-scenario-col">
                { section(t.slo_heading, vec![slo_fields]) }
                { section(t.sessions_heading, session_kids) }
                { section(t.parameters_heading, parameter_kids) }
            </div>
            <div class="sim-scenario-wide">
                { section(t.requests_heading, vec![requests_table, add_request]) }
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn a_dragged_point_stays_between_its_neighbours_and_the_first_keeps_its_time() {
        let points = [(0.0, 50.0), (1800.0, 400.0), (3600.0, 50.0)];
        let m = moved(&points, 1, 4000.0, 812.4, 60.0, 7200.0);
        assert_eq!(m[1], (3540.0, 812.0));
        let m = moved(&points, 0, 900.0, 3.04, 60.0, 7200.0);
        assert_eq!(m[0], (0.0, 3.0));
        let m = moved(&points, 2, 9000.0, -5.0, 60.0, 7200.0);
        assert_eq!(m[2], (7200.0, 0.0));
    }

    #[wasm_bindgen_test]
    fn fields_write_the_scenario_and_refuse_what_it_cannot_take() {
        let mut d = ScenarioDraft::default();
        assert!(apply(&mut d, "slo-availability", None, "", "99.5"));
        assert!(!apply(&mut d, "slo-availability", None, "", "101"));
        assert!(apply(&mut d, "slo-p99", None, "", "400"));
        assert_eq!(d.slo().p99_ms, Some(400.0));
        assert!(apply(&mut d, "slo-p99", None, "", ""));
        assert_eq!(d.slo().p99_ms, None);
        assert!(apply(&mut d, "add-request", None, "", ""));
        assert!(apply(&mut d, "req-cpu", Some(1), "", "80"));
        assert!(!apply(&mut d, "req-path", Some(1), "", "no-slash"));
        assert_eq!(d.requests()[1].cpu_ms, 80.0);
        assert!(apply(&mut d, "remove-request", Some(0), "", ""));
        assert!(!apply(&mut d, "remove-request", Some(0), "", ""));
        assert!(apply(&mut d, "sessions-on", None, "", "true"));
        assert!(apply(&mut d, "session-length", None, "", "15"));
        assert_eq!(d.sessions().map(|s| s.length), Some(900.0));
        assert!(apply(&mut d, "param", None, "InstanceType", "t3.small"));
        assert_eq!(d.parameters()["InstanceType"], "t3.small");
        assert!(apply(&mut d, "preset", None, "", "spike"));
        assert!(apply(&mut d, "peak", None, "", "800"));
        assert_eq!(d.preset(), Some((Preset::Spike, 800.0)));
    }
}
