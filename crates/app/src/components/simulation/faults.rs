//! Faults by hand: what a resource's context menu offers while a run is live, by
//! what the resource is in the run (a group or an instance, a database, a target
//! group). Each becomes a fault of the scenario's kinds, injected now; the audit
//! monitor records it as the user's action.

use formwork_core::sim::live::Snapshot;
use formwork_core::sim::scenario::{FaultKind, FaultSpec};
use yew::prelude::*;

use crate::components::context_menu::ContextItem;
use crate::sim_text::SimText;

/// The latency "Add latency" adds to a tier, in milliseconds (the scenario's
/// `added-latency` takes any; this is a value a person notices on the charts).
pub const ADDED_LATENCY_MS: f64 = 200.0;
/// How long added latency lasts when added by hand, in simulated seconds.
pub const ADDED_LATENCY_FOR_S: f64 = 600.0;

/// A fault of `kind` now, on a resource or a zone.
pub fn fault(kind: FaultKind, target: Option<&str>, zone: Option<&str>) -> FaultSpec {
    FaultSpec {
        at: 0.0,
        kind,
        target: target.map(str::to_string),
        zone: zone.map(str::to_string),
        lasting: (kind == FaultKind::AddedLatency).then_some(ADDED_LATENCY_FOR_S),
        ms: (kind == FaultKind::AddedLatency).then_some(ADDED_LATENCY_MS),
    }
}

fn item(label: String, spec: FaultSpec, inject: &Callback<FaultSpec>) -> ContextItem {
    let inject = inject.clone();
    ContextItem::Action {
        label: label.into(),
        shortcut: None,
        on: Callback::from(move |()| inject.emit(spec.clone())),
        disabled: false,
        danger: true,
    }
}

/// The faults that apply to resource `id` in the run, as menu items.
pub fn fault_items(
    t: &SimText,
    id: &str,
    snapshot: &Snapshot,
    inject: &Callback<FaultSpec>,
) -> Vec<ContextItem> {
    let mut items = Vec::new();
    let zones: Vec<&str> = if let Some(g) = snapshot.groups.iter().find(|g| g.id == id) {
        g.zones.iter().map(String::as_str).collect()
    } else if let Some(i) = snapshot.instances.iter().find(|i| i.resource == id) {
        vec![i.instance.zone.as_str()]
    } else {
        Vec::new()
    };
    let compute = !zones.is_empty();
    if compute {
        for (label, kind) in [
            (t.fail_instance, FaultKind::InstanceFailure),
            (t.fail_host, FaultKind::HostFailure),
            (t.add_latency, FaultKind::AddedLatency),
        ] {
            let label = if kind == FaultKind::AddedLatency {
                format!("{label} (+{ADDED_LATENCY_MS:.0} ms)")
            } else {
                label.to_string()
            };
            items.push(item(label, fault(kind, Some(id), None), inject));
        }
        for zone in zones {
            items.push(item(
                format!("{} {zone}", t.fail_availability_zone),
                fault(FaultKind::AzOutage, None, Some(zone)),
                inject,
            ));
        }
    }
    if snapshot.databases.iter().any(|d| d.id == id) {
        items.push(item(
            t.fail_over_database.to_string(),
            fault(FaultKind::DbFailover, Some(id), None),
            inject,
        ));
    }
    if snapshot.target_groups.iter().any(|g| g.id == id) {
        items.push(item(
            t.break_health_check.to_string(),
            fault(FaultKind::BrokenHealthCheck, Some(id), None),
            inject,
        ));
    }
    items
}
