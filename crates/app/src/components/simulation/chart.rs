//! One chart of the Simulation tab: lines over the simulated time, with axes, units,
//! reference lines (a scaling target, Min and Max) and a cursor shared by every chart,
//! whose values show on hover. An SVG with role "img" named by its title.

use std::fmt::Write;
use std::rc::Rc;

use formwork_core::chart::{short_number, thin, ticks, time_label, time_ticks};
use formwork_core::diagram::route::num;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::esc;

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
            let Some(svg) = e
                .current_target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            else {
                return;
            };
            let rect = svg.get_bounding_client_rect();
            if rect.width() <= 0.0 {
                return;
            }
            let px = (e.client_x() as f64 - rect.left()) / rect.width() * WIDTH;
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

    html! {
        <figure class="chart">
            <figcaption>
                <span class="chart-title">{ props.title }</span>
                { Html::from_html_unchecked(AttrValue::from(legend)) }
            </figcaption>
            <svg role="img" aria-label={props.title} viewBox={format!("0 0 {WIDTH} {HEIGHT}")}
                onpointermove={on_move} onpointerleave={on_leave}>
                { Html::from_html_unchecked(AttrValue::from(out)) }
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
