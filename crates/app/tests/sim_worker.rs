//! The app's side of the simulator worker, in the browser: replies the worker writes
//! with serde read back the same with the app's serde-free reader, from a real run of
//! the WordPress sample; and a `SimWorker` (over a stand-in worker script, since the
//! test runner serves no Trunk build) starts on its first command, holds commands
//! until the worker is ready, delivers replies in order, and starts a new worker after
//! one dies. The real worker is tested end to end in tests/e2e/sim-worker.spec.ts.

#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use formwork_app::simulation::{Command, Reply, SimWorker, read_reply};
use formwork_core::samples::sample;
use formwork_core::sim::protocol::{Run, handle};
use formwork_core::sim::scenario::{FaultKind, FaultSpec};
use wasm_bindgen_test::*;
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

const SCENARIO: &str = "duration: 10m\nseed: 5\nregion: ap-northeast-2\n";

fn wordpress() -> &'static str {
    sample("wordpress-multi-az").unwrap().text
}

fn start() -> Command {
    Command::Start {
        template: wordpress().into(),
        scenario: SCENARIO.into(),
        parameters: Default::default(),
    }
}

fn advance(to: f64) -> Command {
    Command::Advance {
        to,
        budget: u64::MAX,
    }
}

/// Each command of a run, and its reply read back as the app reads it.
#[wasm_bindgen_test]
fn the_app_reads_every_reply_as_the_worker_wrote_it() {
    let fault = |kind, target: &str| {
        Command::Inject(FaultSpec {
            at: 0.0,
            kind,
            target: Some(target.into()),
            zone: None,
            lasting: Some(60.0),
            ms: None,
        })
    };
    let edited = wordpress().replace("MinSize: \"1\"", "MinSize: \"3\"");
    let commands = [
        start(),
        advance(120.0),
        fault(FaultKind::DbFailover, "Database"),
        fault(FaultKind::InstanceFailure, "WebServerGroup"),
        advance(130.0),
        Command::Apply { template: edited },
        advance(200.0),
        fault(FaultKind::DbFailover, "Nope"),
        Command::ChangeScenario("traffic: [{at: 0s, rps: 80}]".into()),
        advance(1e9),
        Command::Reset,
    ];
    let mut state: Option<Run> = None;
    let mut replies = vec![Reply::Ready];
    replies.extend(commands.into_iter().map(|c| handle(&mut state, c)));
    for reply in &replies {
        let text = reply.to_json();
        let read = read_reply(&text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(format!("{read:?}"), format!("{reply:?}"), "{text}");
    }
    // The run showed what the reader must read: instances with their health, a
    // database failing over, events, timeline rows, an error and the end.
    let frames: Vec<_> = replies
        .iter()
        .filter_map(|r| match r {
            Reply::Snapshot(f) => Some(f),
            _ => None,
        })
        .collect();
    let at_130 = frames.iter().find(|f| f.snapshot.t == 130.0).unwrap();
    assert!(at_130.snapshot.groups[0].instances.len() >= 2);
    assert!(
        at_130.snapshot.groups[0]
            .instances
            .iter()
            .any(|i| i.health.is_some())
    );
    assert!(at_130.snapshot.databases[0].cause.is_some());
    assert!(at_130.snapshot.last_second.is_some());
    assert!(!at_130.events.is_empty() && at_130.timeline.len() == 10);
    assert!(frames.last().unwrap().finished);
    assert!(replies.iter().any(|r| matches!(r, Reply::Error { .. })));
    assert!(matches!(replies.last(), Some(Reply::Finished)));

    assert!(read_reply("{\"snapshot\":{}}").is_err());
    assert!(read_reply("not json").is_err());
}

/// A stand-in for the worker: says `ready` only after a while (and takes no message
/// before), answers `start` with `frame`, every `advance` with an error naming its
/// `to`, and dies on `reset`.
fn stand_in(frame: &str) -> String {
    let script = format!(
        r#"const FRAME = {frame};
        setTimeout(() => {{
          onmessage = (e) => {{
            const c = JSON.parse(e.data);
            if (c === 'reset') throw new Error('stand-in stopped');
            if (c.start) postMessage(JSON.stringify(FRAME));
            else postMessage(JSON.stringify({{ error: {{ message: 'advance ' + c.advance.to }} }}));
          }};
          postMessage('"ready"');
        }}, 200);"#
    );
    let parts = js_sys::Array::of1(&script.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).unwrap();
    web_sys::Url::create_object_url_with_blob(&blob).unwrap()
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits until `n` replies came, at most 10 s.
async fn replies(got: &Rc<RefCell<Vec<Reply>>>, n: usize) -> Vec<Reply> {
    for _ in 0..200 {
        if got.borrow().len() >= n {
            break;
        }
        sleep(50).await;
    }
    got.borrow().clone()
}

fn error(reply: &Reply) -> &str {
    match reply {
        Reply::Error { message } => message,
        other => panic!("expected an error, got {other:?}"),
    }
}

#[wasm_bindgen_test]
async fn a_sim_worker_starts_when_needed_waits_for_ready_and_answers_in_order() {
    let mut state = None;
    let first = handle(&mut state, start());
    let url = stand_in(&first.to_json());

    let got = Rc::new(RefCell::new(Vec::new()));
    let sink = got.clone();
    let sim = SimWorker::with_url(
        &url,
        Callback::from(move |r: Reply| sink.borrow_mut().push(r)),
    );
    assert!(!sim.is_started());
    // Sent at once, before the worker is ready: none may be lost.
    sim.send(&start());
    sim.send(&advance(1.5));
    sim.send(&advance(2.0));
    assert!(sim.is_started());
    let r = replies(&got, 3).await;
    assert_eq!(r.len(), 3, "{r:?}");
    let Reply::Snapshot(frame) = &r[0] else {
        panic!("{:?}", r[0])
    };
    assert_eq!(frame.snapshot.groups[0].instances.len(), 2);
    assert_eq!(error(&r[1]), "advance 1.5");
    assert_eq!(error(&r[2]), "advance 2");

    // The worker dies: the app hears why, and the next command starts a new one.
    sim.send(&Command::Reset);
    let r = replies(&got, 4).await;
    assert!(error(&r[3]).contains("stand-in stopped"), "{:?}", r[3]);
    assert!(!sim.is_started());
    sim.send(&advance(3.0));
    let r = replies(&got, 5).await;
    assert_eq!(error(&r[4]), "advance 3");

    // Stopped, it answers nothing more; a script that cannot load is an error too.
    sim.stop();
    assert!(!sim.is_started());
    let missing = SimWorker::with_url(
        "./no-such-worker.js",
        Callback::from({
            let sink = got.clone();
            move |r: Reply| sink.borrow_mut().push(r)
        }),
    );
    missing.send(&Command::Reset);
    let r = replies(&got, 6).await;
    assert!(
        error(&r[5]).starts_with("the simulator stopped"),
        "{:?}",
        r[5]
    );
}
