//! The run the designer shows: its phase, speed and seed, the latest frame from the
//! simulator's worker, and what happened so far (the per-second timeline and the
//! events), for the canvas, the run bar and the Simulation tab.
//!
//! The worker is paced from here: while running, each animation frame asks it to
//! advance by the real time elapsed times the speed, and only once the previous
//! answer is in, so a slow run slows the clock instead of queueing work.

use std::cell::RefCell;
use std::rc::Rc;

use std::collections::VecDeque;

use formwork_core::sim::live::Flow;
use formwork_core::sim::presets::Preset;
use formwork_core::sim::protocol::{AuditRow, Command, Event, Frame, Reply, TimelineRow};
use formwork_core::sim::scenario::FaultSpec;
use formwork_core::sim::scenario_draft::ScenarioDraft;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use yew::prelude::*;

use crate::simulation::{SimWorker, use_sim_worker};
use crate::view::Shared;

/// The speeds offered, in simulated seconds per real second.
pub const SPEEDS: [u32; 5] = [1, 10, 60, 600, 3600];
/// The speed a run starts at.
pub const DEFAULT_SPEED: u32 = 60;
/// What one press of Step advances, in simulated seconds.
pub const STEP_SECONDS: f64 = 60.0;
/// The most simulated events one advance may process, so the worker answers within
/// a frame or two even when the speed asks for more than it can do.
pub const ADVANCE_BUDGET: u64 = 400_000;
/// The longest real pause counted between two frames: a hidden tab does not make
/// the next advance leap.
pub const MAX_FRAME_GAP_S: f64 = 0.1;

#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    /// No run: the canvas is plain design.
    Idle,
    /// The worker is loading or building the world.
    Starting,
    Running,
    Paused,
    /// The scenario's end is reached.
    Finished,
    /// The edited document cannot be simulated; the run waits for a fix.
    Blocked(String),
    /// The run could not start or the worker failed.
    Failed(String),
}

impl Phase {
    /// The clock moves or is about to: Pause applies, not Run.
    pub fn is_playing(&self) -> bool {
        matches!(self, Phase::Running | Phase::Starting)
    }
}

/// An append-only list shared without copying: components compare it by identity
/// and length, and a reader looks only at the first `len` items.
#[derive(Debug)]
pub struct Log<T> {
    items: Rc<RefCell<Vec<T>>>,
    len: usize,
}

impl<T> Default for Log<T> {
    fn default() -> Self {
        Log {
            items: Rc::default(),
            len: 0,
        }
    }
}

impl<T> Clone for Log<T> {
    fn clone(&self) -> Self {
        Log {
            items: self.items.clone(),
            len: self.len,
        }
    }
}

impl<T> PartialEq for Log<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.items, &other.items) && self.len == other.len
    }
}

impl<T> Log<T> {
    fn extended(&self, more: Vec<T>) -> Log<T> {
        if more.is_empty() {
            return self.clone();
        }
        let mut items = self.items.borrow_mut();
        items.truncate(self.len);
        items.extend(more);
        Log {
            items: self.items.clone(),
            len: items.len(),
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Reads the items as this version of the log has them.
    pub fn with<R>(&self, read: impl FnOnce(&[T]) -> R) -> R {
        read(&self.items.borrow()[..self.len])
    }
}

/// Requests and errors per second through one resource.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rate {
    pub requests: f64,
    pub errors: f64,
}

/// Per resource, the rates over the last simulated second or more, from the
/// difference of the frames' running counts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rates {
    by_resource: Vec<(String, Rate)>,
    /// The frame the next rates are counted from: its time and counts.
    base: Option<(f64, Counts)>,
}

/// Requests and errors through each resource so far, by logical id (a few
/// resources: a list is smaller than a map).
type Counts = Vec<(String, (u64, u64))>;

/// The shortest simulated span rates are measured over: shorter ones are noise.
const RATE_WINDOW_S: f64 = 1.0;

impl Rates {
    pub fn of(&self, resource: &str) -> Option<Rate> {
        self.by_resource
            .iter()
            .find(|(id, _)| id == resource)
            .map(|&(_, r)| r)
    }

    /// The most requests per second through any resource.
    pub fn busiest(&self) -> f64 {
        self.by_resource
            .iter()
            .map(|(_, r)| r.requests)
            .fold(0.0, f64::max)
    }

    /// The rates after a frame at `t` with these running counts; unchanged until a
    /// whole window has passed since the last measure.
    fn after(&self, t: f64, flows: &[Flow]) -> Rates {
        let counts: Counts = flows
            .iter()
            .map(|f| (f.resource.clone(), (f.requests, f.errors)))
            .collect();
        let Some((t0, before)) = &self.base else {
            return Rates {
                by_resource: Vec::new(),
                base: Some((t, counts)),
            };
        };
        let span = t - t0;
        if span < RATE_WINDOW_S {
            return self.clone();
        }
        let by_resource = counts
            .iter()
            .map(|&(ref id, (requests, errors))| {
                let (r0, e0) = before
                    .iter()
                    .find(|(b, _)| b == id)
                    .map_or((0, 0), |&(_, c)| c);
                let rate = Rate {
                    requests: requests.saturating_sub(r0) as f64 / span,
                    errors: errors.saturating_sub(e0) as f64 / span,
                };
                (id.clone(), rate)
            })
            .collect();
        Rates {
            by_resource,
            base: Some((t, counts)),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct RunState {
    pub phase: Phase,
    pub speed: u32,
    /// The scenario's seed, read from its text when the text is set.
    pub seed: u64,
    /// Why the live run did not take the scenario last given.
    pub scenario_error: Option<AttrValue>,
    pub frame: Option<Shared<Frame>>,
    pub rates: Rc<Rates>,
    pub timeline: Log<TimelineRow>,
    pub events: Log<Event>,
    pub audit: Log<AuditRow>,
    /// The cost accrued at each frame: `(t, USD)`.
    pub costs: Log<(f64, f64)>,
    /// The time the charts' cursor stands at.
    pub cursor: Option<f64>,
}

impl Default for RunState {
    fn default() -> Self {
        RunState {
            phase: Phase::Idle,
            speed: DEFAULT_SPEED,
            seed: 1,
            scenario_error: None,
            frame: None,
            rates: Rc::default(),
            timeline: Log::default(),
            events: Log::default(),
            audit: Log::default(),
            costs: Log::default(),
            cursor: None,
        }
    }
}

impl RunState {
    /// Whether a run exists (the canvas shows it).
    pub fn is_live(&self) -> bool {
        self.frame.is_some()
    }

    /// The simulated time now.
    pub fn now(&self) -> f64 {
        self.frame.as_ref().map_or(0.0, |f| f.snapshot.t)
    }
}

pub enum RunAction {
    /// A new run was asked for.
    Starting,
    Frame(Box<Frame>),
    /// A command failed; a failure to start (no frame yet) fails the run, a later
    /// one (an edit that cannot be simulated) blocks it.
    Error(String),
    /// The document can be simulated again.
    Unblocked,
    Play,
    Pause,
    SetSpeed(u32),
    /// The document's scenario changed: its seed.
    Scenario {
        seed: u64,
    },
    /// The live run did not take the scenario.
    ScenarioError(String),
    Reset,
    Cursor(Option<f64>),
}

impl Reducible for RunState {
    type Action = RunAction;

    fn reduce(self: Rc<Self>, action: RunAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            RunAction::Starting => {
                s.phase = Phase::Starting;
                s.frame = None;
                s.rates = Rc::default();
                s.timeline = Log::default();
                s.events = Log::default();
                s.audit = Log::default();
                s.costs = Log::default();
                s.cursor = None;
            }
            RunAction::Frame(frame) => {
                // What happened since the last frame joins the logs; the frame kept
                // for drawing is the snapshot.
                let mut frame = *frame;
                let rates = s.rates.after(frame.snapshot.t, &frame.snapshot.flows);
                if rates != *s.rates {
                    s.rates = Rc::new(rates);
                }
                s.timeline = s.timeline.extended(std::mem::take(&mut frame.timeline));
                s.events = s.events.extended(std::mem::take(&mut frame.events));
                s.audit = s.audit.extended(std::mem::take(&mut frame.audit));
                s.costs = s
                    .costs
                    .extended(vec![(frame.snapshot.t, frame.snapshot.cost_usd)]);
                if frame.finished {
                    s.phase = Phase::Finished;
                } else if s.phase == Phase::Starting {
                    s.phase = Phase::Running;
                }
                s.frame = Some(Shared::new(frame));
            }
            RunAction::Error(message) => {
                s.phase = if s.frame.is_some() {
                    Phase::Blocked(message)
                } else {
                    Phase::Failed(message)
                };
            }
            RunAction::Unblocked => {
                if matches!(s.phase, Phase::Blocked(_)) {
                    s.phase = Phase::Running;
                }
            }
            RunAction::Play => {
                if matches!(s.phase, Phase::Paused) {
                    s.phase = Phase::Running;
                }
            }
            RunAction::Pause => {
                if s.phase == Phase::Running {
                    s.phase = Phase::Paused;
                }
            }
            RunAction::SetSpeed(speed) => s.speed = speed,
            RunAction::Scenario { seed } => {
                s.seed = seed;
                s.scenario_error = None;
            }
            RunAction::ScenarioError(message) => s.scenario_error = Some(message.into()),
            RunAction::Reset => {
                s = RunState {
                    speed: s.speed,
                    seed: s.seed,
                    ..RunState::default()
                };
            }
            RunAction::Cursor(t) => s.cursor = t,
        }
        Rc::new(s)
    }
}

/// What the user asks of the run.
#[derive(Clone, Debug, PartialEq)]
pub enum RunCommand {
    /// Start a run (when there is none) or go on with it.
    Run,
    Pause,
    /// Advance one simulated minute, paused.
    Step,
    Reset,
    SetSpeed(u32),
    Inject(FaultSpec),
}

/// What a command sent to the worker was, so its reply (one per command, in order)
/// is read for what it answers.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Sent {
    Start,
    Advance,
    Apply,
    Scenario,
    Other,
}

/// The pacing of the run, outside the render cycle: the worker's replies and the
/// animation frames drive it.
#[derive(Default)]
struct Pacer {
    /// The user wants the clock to move.
    playing: bool,
    speed: u32,
    /// Commands sent, not yet answered.
    sent: VecDeque<Sent>,
    /// The simulated time of the last frame.
    t: f64,
    finished: bool,
    blocked: bool,
    /// A run exists in the worker.
    started: bool,
    /// The real time (ms) of the last advance asked.
    last_real: Option<f64>,
    frame_pending: bool,
    /// The document the run is of (its epoch: a new document is a new epoch).
    epoch: u64,
}

impl Pacer {
    fn advancing(&self) -> bool {
        self.sent.contains(&Sent::Advance)
    }

    /// The clock may move on: the run plays, can go on, and nothing is in flight.
    fn may_advance(&self) -> bool {
        self.playing && !self.blocked && !self.finished && self.sent.is_empty()
    }
}

/// The run: its state for drawing, and the commands the run bar, the menus and the
/// canvas give it. `document` gives the document's text as it is now; `revision`
/// changes with every edit, which a live run takes at once, and so does a new
/// `scenario` (the scenario format's text).
#[hook]
pub fn use_run(
    document: Callback<(), AttrValue>,
    revision: (u64, u64),
    scenario: AttrValue,
) -> (UseReducerHandle<RunState>, Callback<RunCommand>) {
    let state = use_reducer(RunState::default);
    // The scenario a run starts with, read when Run is pressed.
    let latest_scenario = use_mut_ref(AttrValue::default);
    *latest_scenario.borrow_mut() = scenario.clone();
    let pacer = use_mut_ref(Pacer::default);
    let worker_slot: Rc<RefCell<Option<Rc<SimWorker>>>> = use_mut_ref(|| None);

    let on_reply = {
        let dispatch = state.dispatcher();
        let pacer = pacer.clone();
        let worker_slot = worker_slot.clone();
        Callback::from(move |reply: Reply| {
            let answered = pacer.borrow_mut().sent.pop_front();
            match reply {
                Reply::Snapshot(frame) => {
                    {
                        let mut p = pacer.borrow_mut();
                        p.t = frame.snapshot.t;
                        p.finished = frame.finished;
                        if frame.finished {
                            p.playing = false;
                        }
                        if answered == Some(Sent::Apply) && p.blocked {
                            p.blocked = false;
                            dispatch.dispatch(RunAction::Unblocked);
                        }
                    }
                    dispatch.dispatch(RunAction::Frame(frame));
                }
                Reply::Error { message } if answered == Some(Sent::Scenario) => {
                    dispatch.dispatch(RunAction::ScenarioError(message));
                }
                Reply::Error { message } => {
                    let mut p = pacer.borrow_mut();
                    if answered == Some(Sent::Start) || !p.started {
                        p.started = false;
                        p.playing = false;
                    } else if answered == Some(Sent::Apply) {
                        p.blocked = true;
                    }
                    dispatch.dispatch(RunAction::Error(message));
                }
                Reply::Ready | Reply::Finished => {}
            }
            if let Some(worker) = worker_slot.borrow().clone() {
                schedule(&pacer, &worker);
            }
        })
    };
    let worker = use_sim_worker(on_reply);
    *worker_slot.borrow_mut() = Some(worker.clone());

    // A live run takes every edit of the document at once; another document ends it.
    {
        let pacer = pacer.clone();
        let worker = worker.clone();
        let document = document.clone();
        let dispatch = state.dispatcher();
        use_effect_with(revision, move |&(epoch, _)| {
            let mut p = pacer.borrow_mut();
            if p.started && p.epoch != epoch {
                *p = Pacer {
                    speed: p.speed,
                    epoch,
                    ..Pacer::default()
                };
                drop(p);
                worker.stop();
                dispatch.dispatch(RunAction::Reset);
            } else if p.started {
                p.sent.push_back(Sent::Apply);
                drop(p);
                let template = document.emit(()).to_string();
                worker.send(&Command::Apply { template });
            } else {
                p.epoch = epoch;
            }
        });
    }

    // A live run takes a new scenario at once (its traffic, requests and duration; the
    // seed and region stay until the next run).
    {
        let pacer = pacer.clone();
        let worker = worker.clone();
        let dispatch = state.dispatcher();
        use_effect_with(scenario, move |text| {
            let seed = ScenarioDraft::read(text).map_or(1, |d| d.seed());
            dispatch.dispatch(RunAction::Scenario { seed });
            let mut p = pacer.borrow_mut();
            if p.started {
                p.sent.push_back(Sent::Scenario);
                drop(p);
                worker.send(&Command::ChangeScenario(text.to_string()));
            }
        });
    }

    let command = {
        let dispatch = state.dispatcher();
        let pacer = pacer.clone();
        let worker = worker.clone();
        Callback::from(move |command: RunCommand| {
            let mut p = pacer.borrow_mut();
            match command {
                RunCommand::Run if !p.started => {
                    p.started = true;
                    p.playing = true;
                    p.finished = false;
                    p.blocked = false;
                    p.t = 0.0;
                    p.last_real = None;
                    p.sent.push_back(Sent::Start);
                    drop(p);
                    dispatch.dispatch(RunAction::Starting);
                    worker.send(&Command::Start {
                        template: document.emit(()).to_string(),
                        scenario: latest_scenario.borrow().to_string(),
                        parameters: Default::default(),
                    });
                }
                RunCommand::Run => {
                    p.playing = !p.finished;
                    p.last_real = None;
                    drop(p);
                    dispatch.dispatch(RunAction::Play);
                }
                RunCommand::Pause => {
                    p.playing = false;
                    drop(p);
                    dispatch.dispatch(RunAction::Pause);
                }
                RunCommand::Step => {
                    p.playing = false;
                    if p.started && !p.finished && !p.blocked && !p.advancing() {
                        p.sent.push_back(Sent::Advance);
                        let to = p.t + STEP_SECONDS;
                        drop(p);
                        worker.send(&Command::Advance {
                            to,
                            budget: u64::MAX,
                        });
                    } else {
                        drop(p);
                    }
                    dispatch.dispatch(RunAction::Pause);
                }
                RunCommand::Reset => {
                    *p = Pacer {
                        speed: p.speed,
                        epoch: p.epoch,
                        ..Pacer::default()
                    };
                    drop(p);
                    // Whatever the worker is doing is of no use any more.
                    worker.stop();
                    dispatch.dispatch(RunAction::Reset);
                }
                RunCommand::SetSpeed(speed) => {
                    drop(p);
                    dispatch.dispatch(RunAction::SetSpeed(speed));
                }
                RunCommand::Inject(fault) => {
                    if p.started {
                        p.sent.push_back(Sent::Other);
                        drop(p);
                        worker.send(&Command::Inject(fault));
                    }
                }
            }
            schedule(&pacer, &worker);
        })
    };
    {
        let pacer = pacer.clone();
        // The state's speed is the one speed; the pacer reads it outside renders.
        use_effect_with(state.speed, move |&speed| pacer.borrow_mut().speed = speed);
    }
    (state, command)
}

/// The scenario a run starts with until another is chosen: steady traffic of 50
/// requests/s for a day, seed 1, in us-east-1.
pub fn default_scenario() -> String {
    let mut draft = ScenarioDraft::default();
    draft.set_duration(86_400.0);
    draft.set_seed(1);
    draft.set_region("us-east-1");
    draft.apply_preset(Preset::Steady, 50.0);
    draft.text()
}

/// Asks for the next advance on the next animation frame, when the run plays and
/// nothing is in flight.
fn schedule(pacer: &Rc<RefCell<Pacer>>, worker: &Rc<SimWorker>) {
    {
        let p = pacer.borrow();
        if !p.may_advance() || p.frame_pending {
            return;
        }
    }
    pacer.borrow_mut().frame_pending = true;
    let pacer = pacer.clone();
    let worker = worker.clone();
    let tick = Closure::once_into_js(move || {
        let now = gloo::utils::window().performance().map_or(0.0, |p| p.now());
        let mut p = pacer.borrow_mut();
        p.frame_pending = false;
        if !p.may_advance() {
            return;
        }
        let elapsed = p.last_real.map_or(1.0 / 60.0, |last| {
            ((now - last) / 1000.0).clamp(0.0, MAX_FRAME_GAP_S)
        });
        p.last_real = Some(now);
        let to = p.t + elapsed * f64::from(p.speed.max(1));
        p.sent.push_back(Sent::Advance);
        drop(p);
        worker.send(&Command::Advance {
            to,
            budget: ADVANCE_BUDGET,
        });
    });
    let _ = gloo::utils::window().request_animation_frame(tick.unchecked_ref());
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn a_log_grows_without_copying_and_old_versions_keep_their_length() {
        let a: Log<u32> = Log::default();
        let b = a.extended(vec![1, 2]);
        let c = b.extended(vec![3]);
        assert_eq!((a.len(), b.len(), c.len()), (0, 2, 3));
        assert_ne!(b, c);
        assert_eq!(b.with(|items| items.to_vec()), [1, 2]);
        assert_eq!(c.with(|items| items.to_vec()), [1, 2, 3]);
    }
}
