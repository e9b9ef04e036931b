//! The simulator in the browser: the run of the native test
//! `the_run_is_the_same_natively_and_in_wasm` (formwork-core's sim_mechanisms.rs)
//! gives the same fingerprint in wasm, so the designer shows what the command shows.

#![cfg(target_arch = "wasm32")]

use formwork_core::samples::sample;
use formwork_core::sim::report::Report;
use formwork_core::sim::scenario::Scenario;
use formwork_core::sim::simulation::Simulation;
use formwork_core::template::parse;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_run_is_the_same_as_natively() {
    let t = parse(sample("wordpress-multi-az").unwrap().text)
        .unwrap()
        .template;
    let scenario = include_str!("../../core/tests/fixtures/sim/wordpress-fingerprint.yaml");
    let mut sim = Simulation::new(&t, Scenario::read(scenario).unwrap()).unwrap();
    sim.run();
    assert_eq!(Report::of(&sim).fingerprint(), "53f15c66a4a6e6a5");
}
