//! The run bar over the canvas: Run or Pause, Step, Reset, the speed, the simulated
//! clock and the run's state (starting, finished, paused for an edit, failed).

use formwork_core::chart::clock;
use yew::prelude::*;

use super::faults::fault;
use crate::components::icons::{Ui, UiIcon};
use crate::i18n::{Lang, fill};
use crate::run::{Phase, RunCommand, RunState, SPEEDS};
use formwork_core::sim::scenario::FaultKind;

#[derive(Properties, PartialEq)]
pub struct RunBarProps {
    pub lang: Lang,
    pub run: UseReducerHandle<RunState>,
    pub command: Callback<RunCommand>,
}

#[component(RunBar)]
pub fn run_bar(props: &RunBarProps) -> Html {
    let t = props.lang.strings().sim;
    let run = &props.run;
    let send = |c: RunCommand| {
        let command = props.command.clone();
        Callback::from(move |_: MouseEvent| command.emit(c.clone()))
    };
    let playing = run.phase.is_playing();
    let (day, time) = clock(run.now());
    let on_speed = {
        let command = props.command.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            if let Ok(speed) = value.parse() {
                command.emit(RunCommand::SetSpeed(speed));
            }
        })
    };
    // The zones of the run, to fail one from here as from a resource's menu.
    let zones: Vec<String> = run.frame.as_ref().map_or_else(Vec::new, |f| {
        let s = &f.snapshot;
        let mut zones: Vec<String> = s
            .groups
            .iter()
            .flat_map(|g| g.zones.iter().cloned())
            .chain(s.databases.iter().map(|d| d.primary_zone.clone()))
            .chain(s.instances.iter().map(|i| i.instance.zone.clone()))
            .filter(|z| !s.zones_down.contains(z))
            .collect();
        zones.sort();
        zones.dedup();
        zones
    });
    let on_zone = {
        let command = props.command.clone();
        Callback::from(move |e: Event| {
            let select = e.target_unchecked_into::<web_sys::HtmlSelectElement>();
            let zone = select.value();
            select.set_selected_index(0);
            if !zone.is_empty() {
                command.emit(RunCommand::Inject(fault(
                    FaultKind::AzOutage,
                    None,
                    Some(&zone),
                )));
            }
        })
    };
    let status = match &run.phase {
        Phase::Starting => Some(("info", t.starting.to_string())),
        Phase::Finished => Some(("info", t.finished.to_string())),
        Phase::Blocked(why) => Some(("warn", fill(t.paused_for_document, &[why]))),
        Phase::Failed(why) => Some(("error", fill(t.stopped, &[why]))),
        _ => None,
    };
    let speeds = SPEEDS.iter().map(|&s| {
        html! { <option value={s.to_string()} selected={s == run.speed}>{ format!("{s}×") }</option> }
    });
    html! {
        <div class="run-bar" role="toolbar" aria-label={t.run_bar}>
            if playing {
                <button type="button" class="btn small run-primary" aria-label={t.pause_label}
                    title={t.pause_label} onclick={send(RunCommand::Pause)}>
                    <UiIcon icon={Ui::Pause} size={14}/>{ t.pause }
                </button>
            } else {
                <button type="button" class="btn small run-primary" aria-label={t.run_label}
                    title={t.run_label} onclick={send(RunCommand::Run)}
                    disabled={run.phase == Phase::Finished}>
                    <UiIcon icon={Ui::Play} size={14}/>{ t.run }
                </button>
            }
            <button type="button" class="btn ghost small" aria-label={t.step_label} title={t.step_label}
                onclick={send(RunCommand::Step)} disabled={!run.is_live() || run.phase == Phase::Finished}>
                <UiIcon icon={Ui::Step} size={14}/>{ t.step }
            </button>
            <button type="button" class="btn ghost small" aria-label={t.reset_label} title={t.reset_label}
                onclick={send(RunCommand::Reset)} disabled={run.phase == Phase::Idle}>
                <UiIcon icon={Ui::Reset} size={14}/>{ t.reset }
            </button>
            <select class="run-speed" aria-label={t.speed} title={t.speed} onchange={on_speed}>
                { for speeds }
            </select>
            <output class="run-clock" aria-label={t.clock} title={t.clock}>
                <span class="run-day">{ fill(t.day, &[&day.to_string()]) }</span>
                <span class="run-time">{ time }</span>
            </output>
            <span class="run-seed">{ fill(t.seed, &[&run.seed.to_string()]) }</span>
            if !zones.is_empty() {
                <select class="run-speed run-zone" aria-label={t.fail_availability_zone}
                    title={t.fail_availability_zone} onchange={on_zone}>
                    <option value="" selected=true>{ t.fail_availability_zone }</option>
                    { for zones.iter().map(|z| html! { <option value={z.clone()}>{ z.clone() }</option> }) }
                </select>
            }
            if let Some((kind, text)) = status {
                <span class={classes!("run-status", kind)} role="status">{ text }</span>
            }
        </div>
    }
}
