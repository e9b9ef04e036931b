//! The simulator's Web Worker. Trunk builds this binary as its own wasm with a loader
//! script (`formwork-worker_loader.js`); the app starts it with `new Worker(..)` the
//! first time a simulation starts (`formwork_app::simulation`).
//!
//! Each message is a command's JSON text (`formwork_core::sim::protocol::Command`);
//! each gets one reply's JSON text, in order. The worker says `"ready"` once its
//! handler is installed: what the app posts before that is lost, so it waits.
//! All the work is `protocol::respond`, a pure function tested natively.

use std::cell::RefCell;

use formwork_core::sim::protocol::{self, Reply, Run};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

thread_local! {
    /// The run: one per worker.
    static RUN: RefCell<Option<Run>> = const { RefCell::new(None) };
}

fn main() {
    // A panic ends the wasm instance: say why before it does. The app also sees the
    // worker's `error` event and starts a new worker for the next run.
    std::panic::set_hook(Box::new(|info| {
        let message = format!("the simulator stopped: {info}");
        web_sys::console::error_1(&message.as_str().into());
        post(&Reply::Error { message }.to_json());
    }));
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(|event: MessageEvent| {
        let reply = match event.data().as_string() {
            Some(text) => RUN.with_borrow_mut(|run| protocol::respond(run, &text)),
            None => Reply::Error {
                message: "the simulator reads commands as JSON text".into(),
            }
            .to_json(),
        };
        post(&reply);
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    post(&Reply::Ready.to_json());
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(text: &str) {
    // Posting a string cannot fail (nothing to clone that a worker cannot take).
    let _ = scope().post_message(&text.into());
}
