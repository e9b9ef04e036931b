//! `formwork simulate`: runs a scenario through a template and reports what happened.

use std::path::Path;
use std::process::ExitCode;

use formwork_core::sim::report::Report;
use formwork_core::sim::scenario::{Scenario, parse_duration};
use formwork_core::sim::simulation::Simulation;
use formwork_core::template;

use crate::commands::read_input;

/// How `simulate` writes its report.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum SimulateFormat {
    Text,
    Json,
}

pub struct Options<'a> {
    pub template: &'a str,
    pub scenario: Option<&'a str>,
    pub duration: Option<&'a str>,
    pub seed: Option<u64>,
    pub region: Option<&'a str>,
    pub parameters: Option<&'a str>,
    pub format: SimulateFormat,
    pub output: Option<&'a str>,
}

/// Exit code when the run misses its SLO.
const SLO_MISSED: u8 = 3;

pub fn simulate(o: Options) -> Result<ExitCode, String> {
    let text = read_input(o.template)?;
    let imported = template::parse(&text).map_err(|e| format!("{}:{e}", o.template))?;
    let mut scenario = match o.scenario {
        Some(path) => Scenario::read(&read_input(path)?).map_err(|e| format!("{path}: {e}"))?,
        None => Scenario::default(),
    };
    if let Some(d) = o.duration {
        scenario.duration = parse_duration(d)?;
    }
    if let Some(seed) = o.seed {
        scenario.seed = seed;
    }
    if let Some(r) = o.region {
        scenario.region = r.to_string();
    }
    if let Some(path) = o.parameters {
        scenario
            .parameters
            .extend(read_parameters(&read_input(path)?).map_err(|e| format!("{path}: {e}"))?);
    }
    if o.scenario.is_none() {
        let shown = serde_json::to_string(&scenario).map_err(|e| e.to_string())?;
        eprintln!("formwork: no --scenario given; using the default scenario:\n{shown}");
    }
    let mut sim = Simulation::new(&imported.template, scenario).map_err(|e| e.to_string())?;
    sim.run();
    let report = Report::of(&sim);
    match o.format {
        SimulateFormat::Text => print!("{}", report.text()),
        SimulateFormat::Json => {
            println!(
                "{}",
                serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?
            )
        }
    }
    if let Some(dir) = o.output {
        write_files(Path::new(dir), &report, &sim)?;
    }
    Ok(if report.summary.slo.met {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(SLO_MISSED)
    })
}

/// Parameter values: a JSON list in the shape `aws cloudformation create-stack`
/// takes (`[{"ParameterKey": .., "ParameterValue": ..}]`), or a YAML/JSON mapping.
fn read_parameters(text: &str) -> Result<Vec<(String, String)>, String> {
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(_) => {
            let wrapped = format!("parameters:\n{}", indent(text));
            let s = Scenario::read(&wrapped)?;
            return Ok(s.parameters.into_iter().collect());
        }
    };
    match value {
        serde_json::Value::Array(items) => items
            .iter()
            .map(|i| {
                let key = i.get("ParameterKey").and_then(|k| k.as_str());
                let value = i.get("ParameterValue").and_then(|k| k.as_str());
                match (key, value) {
                    (Some(k), Some(v)) => Ok((k.to_string(), v.to_string())),
                    _ => Err("each item needs ParameterKey and ParameterValue as text".to_string()),
                }
            })
            .collect(),
        serde_json::Value::Object(map) => Ok(map
            .into_iter()
            .map(|(k, v)| (k, v.as_str().map_or_else(|| v.to_string(), str::to_string)))
            .collect()),
        _ => Err("parameters are a list of ParameterKey/ParameterValue or a mapping".into()),
    }
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("  {l}\n")).collect()
}

fn write_files(dir: &Path, report: &Report, sim: &Simulation) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let groups: Vec<String> = sim.world.groups.iter().map(|g| g.id.clone()).collect();
    let sla = serde_json::json!({
        "summary": report.summary,
        "downtime": report.downtime,
        "per_minute_availability": sim.sla.per_minute(),
    });
    let files = [
        ("timeline.csv", report.timeline_csv(&groups)),
        ("cloudtrail.json", json(&report.audit)?),
        ("sla.json", json(&sla)?),
        ("cost.json", json(&report.cost)?),
    ];
    for (name, body) in files {
        let path = dir.join(name);
        std::fs::write(&path, body).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

fn json(value: &impl serde::Serialize) -> Result<String, String> {
    serde_json::to_string_pretty(value).map_err(|e| e.to_string())
}
