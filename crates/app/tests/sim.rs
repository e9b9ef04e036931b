//! The simulator in the browser: the run of the native test
//! `the_run_is_the_same_natively_and_in_wasm` (formwork-core's sim_mechanisms.rs)
//! gives the same fingerprint in wasm, so the designer shows what the command shows.

#![cfg(target_arch = "wasm32")]

use formwork_core::samples::sample;
use formwork_core::sim::report::Report;
use formwork_core::sim::scenario::{
    FaultKind, FaultSpec, RequestClass, Scenario, Service, TrafficPoint,
};
use formwork_core::sim::simulation::Simulation;
use formwork_core::template::parse;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_run_is_the_same_as_natively() {
    let t = parse(sample("wordpress-multi-az").unwrap().text)
        .unwrap()
        .template;
    let mut s = Scenario {
        seed: 11,
        duration: 600.0,
        region: "ap-northeast-2".into(),
        traffic: vec![TrafficPoint { at: 0.0, rps: 40.0 }],
        requests: vec![RequestClass {
            name: "page".into(),
            path: "/wordpress/".into(),
            method: "GET".into(),
            host: None,
            weight: 1.0,
            cpu_ms: 20.0,
            service: Service::Exponential,
            cv: 1.0,
            db_queries: 2,
            db_ms: 2.0,
            response_kb: 40.0,
        }],
        faults: vec![FaultSpec {
            at: 200.0,
            kind: FaultKind::InstanceFailure,
            target: Some("WebServerGroup".into()),
            zone: None,
            lasting: None,
        }],
        ..Scenario::default()
    };
    for (k, v) in [
        ("KeyName", "lab"),
        ("DBUser", "admin"),
        ("DBPassword", "password1"),
    ] {
        s.parameters.insert(k.into(), v.into());
    }
    let mut sim = Simulation::new(&t, s).unwrap();
    sim.run();
    assert_eq!(Report::of(&sim).fingerprint(), "28090836fa05e444");
}
