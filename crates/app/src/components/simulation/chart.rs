//! One chart of the Simulation tab: lines over the simulated time, with axes, units,
//! reference lines (a scaling target, Min and Max) and a cursor shared by every chart,
//! whose values show on hover. An SVG with role "img" named by its title; or, with
//! handles, a group of sliders whose points are dragged (the scenario's traffic).

use std::fmt::Write;
use std::rc::Rc;

use formwork_core::chart::{short_number, thin, ticks, time_label, time_ticks};
use formwork_core::diagram::route::num;
use yew::prelude::*;

use crate::components::esc;
use crate::dom;

/// The drawing's own size; the SVG scales to the width it is given.
const WIDTH: f64 = 480.0;
const HEIGHT: f64 = 190.0;
const LEFT: f64 = 52.0;
const RIGHT: f64 = 14.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 30.0;

/// One line: its name in the legend, its colour class and its points `(t, value)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub label: String,
    pub class: &'static str,
    pub points: Rc<Vec<(f64, f64)>>,
}

/// A horizontal line at a value that means something (a target, a limit).
#[derive(Clone, Debug, PartialEq)]
pub struct Level {
    pub label: String,
    pub value: f64,
}

/// What one chart draws.
pub struct ChartProps {
    /// The chart's accessible name and heading.
    pub title: &'static str,
    /// The vertical axis's unit.
    pub unit: &'static str,
    pub series: Vec<Series>,
    pub levels: Vec<Level>,
    /// The time span drawn, in simulated seconds.
    pub span: (f64, f64),
    /// The vertical axis's top when it is fixed (100 for a percentage).
    pub top: Option<f64>,
    /// The time the cursor stands at, shared by every chart.
    pub cursor: Option<f64>,
    pub on_cursor: Callback<Option<f64>>,
    /// The label of the time axis ("simulated time").
    pub time_axis: &'static str,
    /// Points the user moves, when the chart is an editor.
    pub handles: Option<Handles>,
}

/// The points of an editable chart.
pub struct Handles {
    pub points: Vec<(f64, f64)>,
    /// Each point's accessible name.
    pub labels: Vec<String>,
    /// The point the pointer holds.
    pub held: Option<usize>,
    pub selected: Option<usize>,
    pub on_edit: Callback<Edit>,
}

/// What the user does to an editable chart, in the chart's units.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// A point is grabbed; `top` is the vertical axis's top, to hold while dragging.
    Grab {
        index: usize,
        top: f64,
    },
    /// The held point is dragged to `(t, value)`.
    Move {
        index: usize,
        t: f64,
        value: f64,
    },
    Release,
    /// A double click away from the points.
    Add {
        t: f64,
        value: f64,
    },
    Remove(usize),
    /// Arrow keys on a point: steps in time and value (`large` with Shift).
    Nudge {
        index: usize,
        dt: i8,
        dv: i8,
        large: bool,
    },
}

/// The chart's drawing an event happened in (Yew delegates events, so it is not the
/// event's current target).
fn drawing_of(e: &Event) -> Option<web_sys::Element> {
    dom::closest(e.target(), "svg")
}

/// The pointer's place in drawing units.
fn pointer_at(e: &MouseEvent) -> Option<(f64, f64)> {
    let svg = drawing_of(e)?;
    let rect = svg.get_bounding_client_rect();
    (rect.width() > 0.0 && rect.height() > 0.0).then(|| {
        (
            (e.client_x() as f64 - rect.left()) / rect.width() * WIDTH,
            (e.client_y() as f64 - rect.top()) / rect.height() * HEIGHT,
        )
    })
}

/// The index of the handle an event came from.
fn handle_of(e: &Event) -> Option<usize> {
    dom::closest(e.target(), "[data-i]")?
        .get_attribute("data-i")?
        .parse()
        .ok()
}

/// The value of a series at `t`: the last point at or before it.
fn value_at(points: &[(f64, f64)], t: f64) -> Option<f64> {
    let i = points.partition_point(|p| p.0 <= t);
    i.checked_sub(1).map(|i| points[i].1)
}

/// Where the plot's parts stand: time and value to drawing coordinates.
struct Plot {
    t0: f64,
    t1: f64,
    y_top: f64,
}

const PLOT_W: f64 = WIDTH - LEFT - RIGHT;
const PLOT_H: f64 = HEIGHT - TOP - BOTTOM;

impl Plot {
    /// Time and value at a point of the drawing.
    fn at(&self, (x, y): (f64, f64)) -> (f64, f64) {
        (
            self.t0 + (x - LEFT) / PLOT_W * (self.t1 - self.t0),
            (TOP + PLOT_H - y) / PLOT_H * self.y_top,
        )
    }

    fn x(&self, t: f64) -> f64 {
        LEFT + (t - self.t0) / (self.t1 - self.t0) * PLOT_W
    }

    fn y(&self, v: f64) -> f64 {
        TOP + PLOT_H - (v / self.y_top).clamp(0.0, 1.05) * PLOT_H
    }
}

/// A horizontal line across the plot at `y`, with a label at `label_x`.
fn h_line(out: &mut String, class: &str, y: f64, label_x: f64, label_dy: f64, label: &str) {
    let _ = write!(
        out,
        r#"<g class="{class}"><line x1="{}" x2="{}" y1="{y}" y2="{y}"/><text x="{}" y="{}" text-anchor="end">{}</text></g>"#,
        num(LEFT),
        num(WIDTH - RIGHT),
        num(label_x),
        num(y + label_dy),
        esc(label),
        y = num(y),
    );
}

/// One chart: its caption and legend, and the plot as an SVG whose inside is markup.
pub fn chart(props: ChartProps) -> Html {
    let (t0, t1) = (props.span.0, props.span.1.max(props.span.0 + 1.0));
    let highest = props
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.1))
        .chain(props.levels.iter().map(|l| l.value))
        .fold(0.0_f64, f64::max);
    let y_ticks = ticks(0.0, props.top.unwrap_or(highest).max(1e-9), 4);
    let y_top = y_ticks.last().copied().unwrap_or(1.0).max(1e-9);
    let f = Plot { t0, t1, y_top };

    let mut out = String::new();
    for &v in &y_ticks {
        h_line(
            &mut out,
            "chart-tick",
            f.y(v),
            LEFT - 6.0,
            4.0,
            &short_number(v),
        );
    }
    let base = num(TOP + PLOT_H);
    let _ = write!(
        out,
        r#"<line class="chart-axis" x1="{}" x2="{}" y1="{base}" y2="{base}"/>"#,
        num(LEFT),
        num(WIDTH - RIGHT),
    );
    for t in time_ticks(t0, t1, 5) {
        // A label at the right end ends there, so it is not cut off.
        let anchor = if f.x(t) > WIDTH - RIGHT - 24.0 {
            "end"
        } else {
            "middle"
        };
        let x = num(f.x(t));
        let _ = write!(
            out,
            r#"<g class="chart-tick"><line class="time" x1="{x}" x2="{x}" y1="{base}" y2="{}"/><text x="{x}" y="{}" text-anchor="{anchor}">{}</text></g>"#,
            num(TOP + PLOT_H + 4.0),
            num(TOP + PLOT_H + 16.0),
            time_label(t),
        );
    }
    for l in &props.levels {
        h_line(
            &mut out,
            "chart-level",
            f.y(l.value),
            WIDTH - RIGHT - 2.0,
            -3.0,
            &l.label,
        );
    }
    for s in &props.series {
        let _ = write!(out, r#"<path class="chart-line {}" d=""#, s.class);
        for (i, &(t, v)) in thin(&s.points, PLOT_W as usize).iter().enumerate() {
            let cmd = if i == 0 { 'M' } else { 'L' };
            let _ = write!(out, "{cmd}{} {}", num(f.x(t)), num(f.y(v)));
        }
        out.push_str(r#""/>"#);
    }
    if let Some(h) = &props.handles {
        for (i, &(t, v)) in h.points.iter().enumerate() {
            let class = match (h.held == Some(i), h.selected == Some(i)) {
                (true, _) => "chart-handle held",
                (false, true) => "chart-handle selected",
                _ => "chart-handle",
            };
            let label = h.labels.get(i).map_or("", String::as_str);
            let _ = write!(
                out,
                r#"<circle class="{class}" data-i="{i}" cx="{}" cy="{}" r="6" tabindex="0" role="slider" aria-label="{}" aria-valuenow="{}" aria-valuetext="{}"/>"#,
                num(f.x(t)),
                num(f.y(v)),
                esc(label),
                num(v),
                esc(label),
            );
        }
    }
    if let Some(t) = props.cursor.filter(|t| (t0..=t1).contains(t)) {
        let mut text = time_label(t);
        for s in &props.series {
            if let Some(v) = value_at(&s.points, t) {
                let _ = write!(text, " · {} {}", s.label, short_number(v));
            }
        }
        let x = f.x(t);
        let right = x > LEFT + PLOT_W * 0.6;
        let _ = write!(
            out,
            r#"<g class="chart-cursor"><line x1="{xs}" x2="{xs}" y1="{}" y2="{}"/><text x="{}" y="{}" text-anchor="{}">{}</text></g>"#,
            num(TOP),
            num(TOP + PLOT_H),
            num(if right { x - 6.0 } else { x + 6.0 }),
            num(TOP + 10.0),
            if right { "end" } else { "start" },
            esc(&text),
            xs = num(x),
        );
    }
    let mid = num(TOP + PLOT_H / 2.0);
    let _ = write!(
        out,
        r#"<text class="chart-unit" x="12" y="{mid}" text-anchor="middle" transform="rotate(-90 12 {mid})">{}</text><text class="chart-unit" x="{}" y="{}" text-anchor="middle">{}</text>"#,
        esc(props.unit),
        num(LEFT + PLOT_W / 2.0),
        num(HEIGHT - 2.0),
        esc(props.time_axis),
    );

    let on_move = {
        let on_cursor = props.on_cursor.clone();
        Callback::from(move |e: PointerEvent| {
            let Some((px, _)) = pointer_at(&e) else {
                return;
            };
            let t = t0 + (px - LEFT) / PLOT_W * (t1 - t0);
            on_cursor.emit((t0..=t1).contains(&t).then_some(t));
        })
    };
    let on_leave = {
        let on_cursor = props.on_cursor;
        Callback::from(move |_: PointerEvent| on_cursor.emit(None))
    };
    let mut legend = String::from(r#"<ul class="chart-legend">"#);
    for s in &props.series {
        let _ = write!(
            legend,
            r#"<li><span class="chart-swatch {}"></span>{}</li>"#,
            s.class,
            esc(&s.label)
        );
    }
    legend.push_str("</ul>");

    let inside = Html::from_html_unchecked(AttrValue::from(out));
    let view_box = format!("0 0 {WIDTH} {HEIGHT}");
    let caption = html! {
        <figcaption>
            <span class="chart-title">{ props.title }</span>
            { Html::from_html_unchecked(AttrValue::from(legend)) }
        </figcaption>
    };
    let Some(handles) = props.handles else {
        return html! {
            <figure class="chart">
                { caption }
                <svg role="img" aria-label={props.title} viewBox={view_box}
                    onpointermove={on_move} onpointerleave={on_leave}>
                    { inside }
                </svg>
            </figure>
        };
    };
    editor(caption, inside, view_box, props.title, f, handles)
}

/// An editable chart: the handles are dragged with the pointer (captured by the
/// drawing, so a fast drag does not lose them), moved with the arrow keys and
/// removed with Delete; a double click adds a point.
fn editor(
    caption: Html,
    inside: Html,
    view_box: String,
    title: &'static str,
    f: Plot,
    h: Handles,
) -> Html {
    let f = Rc::new(f);
    let edit = h.on_edit;
    let on_down = {
        let (edit, f) = (edit.clone(), f.clone());
        Callback::from(move |e: PointerEvent| {
            let Some(index) = handle_of(&e) else {
                return;
            };
            e.prevent_default();
            if let Some(svg) = drawing_of(&e) {
                let _ = svg.set_pointer_capture(e.pointer_id());
            }
            edit.emit(Edit::Grab {
                index,
                top: f.y_top,
            });
        })
    };
    let on_move = {
        let (edit, f) = (edit.clone(), f.clone());
        let held = h.held;
        Callback::from(move |e: PointerEvent| {
            if let (Some(index), Some(p)) = (held, pointer_at(&e)) {
                let (t, value) = f.at(p);
                edit.emit(Edit::Move { index, t, value });
            }
        })
    };
    let on_up = {
        let edit = edit.clone();
        let held = h.held;
        Callback::from(move |_: PointerEvent| {
            if held.is_some() {
                edit.emit(Edit::Release);
            }
        })
    };
    let on_double = {
        let (edit, f) = (edit.clone(), f.clone());
        Callback::from(move |e: MouseEvent| {
            if handle_of(&e).is_none()
                && let Some(p) = pointer_at(&e)
            {
                let (t, value) = f.at(p);
                if (f.t0..=f.t1).contains(&t) && value >= 0.0 {
                    edit.emit(Edit::Add { t, value });
                }
            }
        })
    };
    let on_key = Callback::from(move |e: KeyboardEvent| {
        let Some(index) = handle_of(&e) else {
            return;
        };
        let large = e.shift_key();
        let (dt, dv) = match e.key().as_str() {
            "ArrowLeft" => (-1, 0),
            "ArrowRight" => (1, 0),
            "ArrowUp" => (0, 1),
            "ArrowDown" => (0, -1),
            "Delete" | "Backspace" => {
                e.prevent_default();
                edit.emit(Edit::Remove(index));
                return;
            }
            _ => return,
        };
        e.prevent_default();
        edit.emit(Edit::Nudge {
            index,
            dt,
            dv,
            large,
        });
    });
    html! {
        <figure class="chart editor">
            { caption }
            <svg role="group" aria-label={title} viewBox={view_box}
                onpointerdown={on_down} onpointermove={on_move} onpointerup={on_up.clone()}
                onpointercancel={on_up} ondblclick={on_double} onkeydown={on_key}>
                { inside }
            </svg>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::value_at;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn a_series_holds_its_last_value_until_the_next_point() {
        let points = [(0.0, 1.0), (10.0, 5.0), (20.0, 2.0)];
        assert_eq!(value_at(&points, -1.0), None);
        assert_eq!(value_at(&points, 0.0), Some(1.0));
        assert_eq!(value_at(&points, 15.0), Some(5.0));
        assert_eq!(value_at(&points, 99.0), Some(2.0));
    }
}
