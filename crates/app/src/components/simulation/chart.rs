//! One chart of the Simulation tab: lines over the simulated time, with axes, units,
//! reference lines (a scaling target, Min and Max) and a cursor shared by every chart,
//! whose values show on hover. An SVG with role "img" named by its title.

use std::rc::Rc;

use formwork_core::chart::{short_number, thin, ticks, time_label, time_ticks};
use formwork_core::diagram::route::num;
use wasm_bindgen::JsCast;
use yew::prelude::*;

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
    pub label: AttrValue,
    pub class: &'static str,
    pub points: Rc<Vec<(f64, f64)>>,
}

/// A horizontal line at a value that means something (a target, a limit).
#[derive(Clone, Debug, PartialEq)]
pub struct Level {
    pub label: AttrValue,
    pub value: f64,
}

#[derive(Properties, PartialEq)]
pub struct ChartProps {
    /// The chart's accessible name and heading.
    pub title: AttrValue,
    /// The vertical axis's unit.
    pub unit: AttrValue,
    pub series: Vec<Series>,
    #[prop_or_default]
    pub levels: Vec<Level>,
    /// The time span drawn, in simulated seconds.
    pub span: (f64, f64),
    /// The vertical axis's top when it is fixed (100 for a percentage).
    #[prop_or_default]
    pub top: Option<f64>,
    /// The time the cursor stands at, shared by every chart.
    pub cursor: Option<f64>,
    pub on_cursor: Callback<Option<f64>>,
    /// The label of the time axis ("simulated time").
    pub time_axis: AttrValue,
}

/// The value of a series at `t`: the last point at or before it.
fn value_at(points: &[(f64, f64)], t: f64) -> Option<f64> {
    let i = points.partition_point(|p| p.0 <= t);
    i.checked_sub(1).map(|i| points[i].1)
}

#[component(Chart)]
pub fn chart(props: &ChartProps) -> Html {
    let (t0, t1) = (props.span.0, props.span.1.max(props.span.0 + 1.0));
    let highest = props
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.1))
        .chain(props.levels.iter().map(|l| l.value))
        .fold(0.0_f64, f64::max);
    let y_ticks = ticks(0.0, props.top.unwrap_or(highest).max(1e-9), 4);
    let y_top = y_ticks.last().copied().unwrap_or(1.0).max(1e-9);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let x = move |t: f64| LEFT + (t - t0) / (t1 - t0) * plot_w;
    let y = move |v: f64| TOP + plot_h - (v / y_top).clamp(0.0, 1.05) * plot_h;

    let grid = y_ticks.iter().map(|&v| {
        html! {
            <g class="chart-tick">
                <line x1={num(LEFT)} x2={num(WIDTH - RIGHT)} y1={num(y(v))} y2={num(y(v))}/>
                <text x={num(LEFT - 6.0)} y={num(y(v) + 4.0)} text-anchor="end">{ short_number(v) }</text>
            </g>
        }
    });
    let time_marks = time_ticks(t0, t1, 5).into_iter().map(|t| {
        html! {
            <g class="chart-tick">
                <line class="time" x1={num(x(t))} x2={num(x(t))} y1={num(TOP + plot_h)} y2={num(TOP + plot_h + 4.0)}/>
                <text x={num(x(t))} y={num(TOP + plot_h + 16.0)} text-anchor="middle">{ time_label(t) }</text>
            </g>
        }
    });
    let levels = props.levels.iter().map(|l| {
        html! {
            <g class="chart-level">
                <line x1={num(LEFT)} x2={num(WIDTH - RIGHT)} y1={num(y(l.value))} y2={num(y(l.value))}/>
                <text x={num(WIDTH - RIGHT - 2.0)} y={num(y(l.value) - 3.0)} text-anchor="end">{ l.label.clone() }</text>
            </g>
        }
    });
    let lines = props.series.iter().map(|s| {
        let mut d = String::new();
        for (i, &(t, v)) in thin(&s.points, plot_w as usize).iter().enumerate() {
            let cmd = if i == 0 { 'M' } else { 'L' };
            d.push_str(&format!("{cmd}{} {}", num(x(t)), num(y(v))));
        }
        html! { <path class={classes!("chart-line", s.class)} d={d}/> }
    });
    let cursor = props.cursor.filter(|t| (t0..=t1).contains(t)).map(|t| {
        let values = props.series.iter().filter_map(|s| {
            value_at(&s.points, t).map(|v| format!("{} {}", s.label, short_number(v)))
        });
        let text = std::iter::once(time_label(t))
            .chain(values)
            .collect::<Vec<_>>()
            .join(" · ");
        let right = x(t) > LEFT + plot_w * 0.6;
        html! {
            <g class="chart-cursor">
                <line x1={num(x(t))} x2={num(x(t))} y1={num(TOP)} y2={num(TOP + plot_h)}/>
                <text x={num(if right { x(t) - 6.0 } else { x(t) + 6.0 })} y={num(TOP + 10.0)}
                    text-anchor={if right { "end" } else { "start" }}>{ text }</text>
            </g>
        }
    });
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
            let t = t0 + (px - LEFT) / plot_w * (t1 - t0);
            on_cursor.emit((t0..=t1).contains(&t).then_some(t));
        })
    };
    let on_leave = {
        let on_cursor = props.on_cursor.clone();
        Callback::from(move |_: PointerEvent| on_cursor.emit(None))
    };
    let legend = props.series.iter().map(|s| {
        html! { <li><span class={classes!("chart-swatch", s.class)}></span>{ s.label.clone() }</li> }
    });

    html! {
        <figure class="chart">
            <figcaption>
                <span class="chart-title">{ props.title.clone() }</span>
                <ul class="chart-legend">{ for legend }</ul>
            </figcaption>
            <svg role="img" aria-label={props.title.clone()} viewBox={format!("0 0 {WIDTH} {HEIGHT}")}
                onpointermove={on_move} onpointerleave={on_leave}>
                { for grid }
                <line class="chart-axis" x1={num(LEFT)} x2={num(WIDTH - RIGHT)} y1={num(TOP + plot_h)} y2={num(TOP + plot_h)}/>
                { for time_marks }
                { for levels }
                { for lines }
                { for cursor }
                <text class="chart-unit" x="12" y={num(TOP + plot_h / 2.0)} text-anchor="middle"
                    transform={format!("rotate(-90 12 {})", num(TOP + plot_h / 2.0))}>{ props.unit.clone() }</text>
                <text class="chart-unit" x={num(LEFT + plot_w / 2.0)} y={num(HEIGHT - 2.0)} text-anchor="middle">
                    { props.time_axis.clone() }
                </text>
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
