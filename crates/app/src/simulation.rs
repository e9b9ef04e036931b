//! The simulator's Web Worker, seen from the app. The simulator is a wasm of its own
//! (`crates/worker`, loaded by `formwork-worker_loader.js`): it is fetched the first
//! time a run starts, so it never weighs on the designer's first load, and a long run
//! never blocks the page.
//!
//! A component holds one [`SimWorker`] ([`use_sim_worker`]), sends it
//! [`Command`]s and gets every [`Reply`] but `ready` through its callback, one per
//! command, in order:
//!
//! ```ignore
//! let sim = use_sim_worker(on_reply);
//! sim.send(&Command::Start { template: text, scenario, parameters });
//! sim.send(&Command::Advance { to: 60.0, budget: 2_000_000 });
//! ```
//!
//! The worker starts with the first command; commands sent before it is ready wait
//! in order. If it dies (a panic, a script that cannot load), the callback gets an
//! `error` reply and the next command starts a new worker, with no run in it.
//!
//! No serde here: serde_json's reader and writer for these types measured 33 KB gzip
//! on the first load. Commands are written by the core's `Command::to_json`, replies
//! read by the browser's `JSON.parse` and [`read_reply`]; `tests/sim_worker.rs` holds
//! both to the form serde gives in the worker.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use formwork_core::sim::live::{
    CostRow, DatabaseView, DowntimeView, Flow, GroupView, InstanceView, LoadBalancerView, Snapshot,
    StandaloneView, TargetGroupView,
};
use formwork_core::sim::load_balancer::Health;
pub use formwork_core::sim::protocol::{
    AuditRow, Command, Event, Frame, GroupRow, Reply, TimelineRow,
};
use formwork_core::sim::resource_cluster::Life;
use formwork_core::sim::sla_monitor::SecondRow;
use js_sys::{Array, JSON, Reflect};
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{ErrorEvent, MessageEvent, Worker};
use yew::{Callback, hook, use_memo};

/// The worker's loader, relative to the page (Trunk writes it next to index.html).
pub const WORKER_URL: &str = "formwork-worker_loader.js";

/// The simulator's worker, started when first needed; it ends when this is dropped.
pub struct SimWorker {
    inner: Rc<RefCell<Inner>>,
}

struct Inner {
    url: String,
    on_reply: Callback<Reply>,
    running: Option<Running>,
}

/// A started worker, with its handlers.
struct Running {
    worker: Worker,
    ready: bool,
    /// Commands sent before the worker was ready, as JSON.
    waiting: Vec<String>,
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(web_sys::Event)>,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

impl SimWorker {
    pub fn new(on_reply: Callback<Reply>) -> SimWorker {
        SimWorker::with_url(WORKER_URL, on_reply)
    }

    /// A worker from another script (tests).
    pub fn with_url(url: &str, on_reply: Callback<Reply>) -> SimWorker {
        let inner = Inner {
            url: url.to_string(),
            on_reply,
            running: None,
        };
        SimWorker {
            inner: Rc::new(RefCell::new(inner)),
        }
    }

    /// Where replies go from now on.
    pub fn set_on_reply(&self, on_reply: Callback<Reply>) {
        self.inner.borrow_mut().on_reply = on_reply;
    }

    /// Sends a command, starting the worker if there is none.
    pub fn send(&self, command: &Command) {
        let text = command.to_json();
        if self.inner.borrow().running.is_none() {
            match start(&self.inner) {
                Ok(running) => self.inner.borrow_mut().running = Some(running),
                Err(message) => {
                    let on_reply = self.inner.borrow().on_reply.clone();
                    return on_reply.emit(Reply::Error { message });
                }
            }
        }
        let mut inner = self.inner.borrow_mut();
        let Some(running) = inner.running.as_mut() else {
            return;
        };
        if running.ready {
            let _ = running.worker.post_message(&text.into());
        } else {
            running.waiting.push(text);
        }
    }

    /// Whether a worker is started (it may still be loading).
    pub fn is_started(&self) -> bool {
        self.inner.borrow().running.is_some()
    }

    /// Ends the worker at once, whatever it is doing (a long `advance` included); the
    /// replies it still owed never come. The next command starts a new one.
    pub fn stop(&self) {
        let running = self.inner.borrow_mut().running.take();
        drop(running);
    }
}

fn start(inner: &Rc<RefCell<Inner>>) -> Result<Running, String> {
    let url = inner.borrow().url.clone();
    let worker = Worker::new(&url).map_err(|e| format!("the simulator cannot start: {e:?}"))?;
    let weak = Rc::downgrade(inner);
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let text = event.data().as_string().unwrap_or_default();
        let reply = read_reply(&text).unwrap_or_else(|message| Reply::Error { message });
        received(&weak, reply);
    });
    let weak = Rc::downgrade(inner);
    // An `ErrorEvent` when the worker threw (its wasm trapped); a plain `Event` when
    // its script did not load.
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
        event.prevent_default();
        let Some(inner) = weak.upgrade() else { return };
        // The worker is gone (its wasm trapped, or its script did not load).
        let running = inner.borrow_mut().running.take();
        drop(running);
        let message = match event.dyn_ref::<ErrorEvent>().map(ErrorEvent::message) {
            Some(m) if !m.is_empty() => format!("the simulator stopped: {m}"),
            _ => "the simulator stopped".to_string(),
        };
        let on_reply = inner.borrow().on_reply.clone();
        on_reply.emit(Reply::Error { message });
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Running {
        worker,
        ready: false,
        waiting: Vec::new(),
        _on_message: on_message,
        _on_error: on_error,
    })
}

fn received(weak: &Weak<RefCell<Inner>>, reply: Reply) {
    let Some(inner) = weak.upgrade() else { return };
    if let Reply::Ready = reply {
        let mut inner = inner.borrow_mut();
        if let Some(running) = inner.running.as_mut() {
            running.ready = true;
            for text in std::mem::take(&mut running.waiting) {
                let _ = running.worker.post_message(&text.into());
            }
        }
        return;
    }
    // No borrow is held while the callback runs: it may send the next command.
    let on_reply = inner.borrow().on_reply.clone();
    on_reply.emit(reply);
}

/// The component's simulator worker: started by its first command, ended with the
/// component. Replies go to the latest `on_reply`.
#[hook]
pub fn use_sim_worker(on_reply: Callback<Reply>) -> Rc<SimWorker> {
    let worker = use_memo((), {
        let on_reply = on_reply.clone();
        move |_| SimWorker::new(on_reply)
    });
    worker.set_on_reply(on_reply);
    worker
}

/// Reads a reply's JSON, in the form serde writes it in the worker.
pub fn read_reply(text: &str) -> Result<Reply, String> {
    let unreadable = || format!("the simulator's reply cannot be read: {text:.200}");
    let value = JSON::parse(text).map_err(|_| unreadable())?;
    match value.as_string().as_deref() {
        Some("ready") => return Ok(Reply::Ready),
        Some("finished") => return Ok(Reply::Finished),
        _ => {}
    }
    let reply = Obj(value);
    if let Some(error) = reply.field("error") {
        return Ok(Reply::Error {
            message: error.text("message"),
        });
    }
    let frame = reply.field("snapshot").and_then(|f| frame(&f));
    frame
        .map(|f| Reply::Snapshot(Box::new(f)))
        .ok_or_else(unreadable)
}

/// A parsed JSON object, read leniently: what is missing reads as 0, empty, false or
/// an empty list, and a list's item that does not read is left out; the frame's
/// objects are required.
struct Obj(JsValue);

impl Obj {
    fn get(&self, key: &str) -> JsValue {
        Reflect::get(&self.0, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    }

    fn field(&self, key: &str) -> Option<Obj> {
        let value = self.get(key);
        value.is_object().then_some(Obj(value))
    }

    fn num(&self, key: &str) -> f64 {
        self.get(key).as_f64().unwrap_or(0.0)
    }

    fn count(&self, key: &str) -> u64 {
        self.num(key) as u64
    }

    fn flag(&self, key: &str) -> bool {
        self.get(key).as_bool().unwrap_or(false)
    }

    fn text(&self, key: &str) -> String {
        self.get(key).as_string().unwrap_or_default()
    }

    /// A list's items that read (a missing list reads as empty).
    fn list<T>(&self, key: &str, item: fn(Obj) -> Option<T>) -> Vec<T> {
        let mut out = Vec::new();
        if let Ok(array) = self.get(key).dyn_into::<Array>() {
            for i in 0..array.length() {
                if let Some(x) = item(Obj(array.get(i))) {
                    out.push(x);
                }
            }
        }
        out
    }

    fn texts(&self, key: &str) -> Vec<String> {
        self.list(key, |z| z.0.as_string())
    }
}

fn frame(f: &Obj) -> Option<Frame> {
    let s = f.field("snapshot")?;
    let snapshot = Snapshot {
        t: s.num("t"),
        requests: s.count("requests"),
        errors: s.count("errors"),
        availability: s.num("availability"),
        last_second: s.field("last_second").map(|r| SecondRow {
            t: r.count("t"),
            requests: r.count("requests"),
            errors: r.count("errors"),
            mean_latency_ms: r.num("mean_latency_ms"),
            p50_ms: r.num("p50_ms"),
            p95_ms: r.num("p95_ms"),
            p99_ms: r.num("p99_ms"),
        }),
        groups: s.list("groups", |g| {
            Some(GroupView {
                id: g.text("id"),
                min: g.count("min") as u32,
                max: g.count("max") as u32,
                desired: g.count("desired") as u32,
                zones: g.texts("zones"),
                target_cpu: g.get("target_cpu").as_f64(),
                instances: g.list("instances", |i| instance(&i)),
            })
        }),
        target_groups: s.list("target_groups", |g| {
            Some(TargetGroupView {
                id: g.text("id"),
                healthy: g.count("healthy") as usize,
                registered: g.count("registered") as usize,
                reason: g.get("reason").as_string(),
            })
        }),
        databases: s.list("databases", |d| {
            Some(DatabaseView {
                id: d.text("id"),
                available: d.flag("available"),
                primary_zone: d.text("primary_zone"),
                standby_zone: d.get("standby_zone").as_string(),
                cause: d.get("cause").as_string(),
            })
        }),
        zones_down: s.texts("zones_down"),
        cost_usd: s.num("cost_usd"),
        monthly_usd: s.num("monthly_usd"),
        cost_lines: s.list("cost_lines", |l| {
            Some(CostRow {
                resource: l.text("resource"),
                dimension: l.text("dimension"),
                quantity: l.num("quantity"),
                unit: l.text("unit"),
                usd: l.get("usd").as_f64(),
            })
        }),
        flows: s.list("flows", |f| {
            Some(Flow {
                resource: f.text("resource"),
                requests: f.count("requests"),
                errors: f.count("errors"),
            })
        }),
        load_balancers: s.list("load_balancers", |b| {
            Some(LoadBalancerView {
                id: b.text("id"),
                down: b.get("down").as_string(),
            })
        }),
        instances: s.list("instances", |i| {
            Some(StandaloneView {
                resource: i.text("resource"),
                instance: instance(&i.field("instance")?)?,
            })
        }),
        downtime: s.list("downtime", |d| {
            Some(DowntimeView {
                start: d.num("start"),
                end: d.num("end"),
                cause: d.text("cause"),
                resource: d.get("resource").as_string(),
            })
        }),
        slo_availability: s.num("slo_availability"),
        error_budget_used: s.num("error_budget_used"),
    };
    Some(Frame {
        snapshot,
        events: f.list("events", |e| {
            Some(Event {
                t: e.num("t"),
                kind: e.text("kind"),
                resource: e.text("resource"),
                message: e.text("message"),
            })
        }),
        timeline: f.list("timeline", |r| {
            Some(TimelineRow {
                t: r.count("t"),
                requests: r.count("requests"),
                errors: r.count("errors"),
                mean_latency_ms: r.num("mean_latency_ms"),
                p50_ms: r.num("p50_ms"),
                p95_ms: r.num("p95_ms"),
                p99_ms: r.num("p99_ms"),
                groups: r.list("groups", |g| {
                    Some(GroupRow {
                        instances: g.count("instances") as u32,
                        cpu: g.num("cpu"),
                    })
                }),
            })
        }),
        audit: f.list("audit", |a| {
            Some(AuditRow {
                t: a.num("t"),
                source: a.text("source"),
                name: a.text("name"),
                resource: a.text("resource"),
                record: a.text("record"),
            })
        }),
        reached: f.flag("reached"),
        finished: f.flag("finished"),
    })
}

fn instance(i: &Obj) -> Option<InstanceView> {
    let life = match i.text("life").as_str() {
        "pending" => Life::Pending,
        "running" => Life::Running,
        "terminating" => Life::Terminating,
        "terminated" => Life::Terminated,
        _ => return None,
    };
    let health = match i.get("health").as_string().as_deref() {
        None => None,
        Some("initial") => Some(Health::Initial),
        Some("healthy") => Some(Health::Healthy),
        Some("unhealthy") => Some(Health::Unhealthy),
        Some("draining") => Some(Health::Draining),
        Some(_) => return None,
    };
    Some(InstanceView {
        id: i.text("id"),
        zone: i.text("zone"),
        life,
        alive: i.flag("alive"),
        health,
        cpu: i.num("cpu"),
        holding: i.count("holding") as u32,
    })
}
