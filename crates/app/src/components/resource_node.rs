//! One resource card on the canvas: the service tile, the logical ID and the type.
//! It takes focus, so it can be selected, moved and deleted from the keyboard.

use yew::prelude::*;

use super::icons::ServiceIcon;
use crate::Dispatch;
use crate::i18n::{Lang, fill};
use crate::model::{NODE_HEIGHT, NODE_WIDTH, PlacedResource};
use crate::state::{Action, NUDGE};

#[derive(Properties, PartialEq)]
pub struct ResourceNodeProps {
    pub resource: PlacedResource,
    pub selected: bool,
    pub lang: Lang,
    pub dispatch: Dispatch,
    /// A pointer went down on the card (the canvas runs the drag).
    pub on_grab: Callback<(String, PointerEvent)>,
}

/// Shortens text to `max` characters with an ellipsis at the end.
pub fn clip_end(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Shortens a resource type to `max` characters, keeping its last segment whole
/// where possible (`AWS::ElasticLoadBalancingV2::LoadBalancer` ->
/// `ElasticLoadBal…::LoadBalancer`).
pub fn clip_type(type_name: &str, max: usize) -> String {
    if type_name.chars().count() <= max {
        return type_name.to_string();
    }
    let rest = type_name.strip_prefix("AWS::").unwrap_or(type_name);
    if rest.chars().count() <= max {
        return rest.to_string();
    }
    match rest.rsplit_once("::") {
        Some((head, last)) if last.chars().count() + 4 <= max => {
            let keep = max - last.chars().count() - 3;
            let head: String = head.chars().take(keep).collect();
            format!("{head}…::{last}")
        }
        _ => clip_end(rest, max),
    }
}

#[component(ResourceNode)]
pub fn resource_node(props: &ResourceNodeProps) -> Html {
    let r = &props.resource;
    let s = props.lang.strings();
    let id = r.logical_id.clone();

    let onpointerdown = {
        let grab = props.on_grab.clone();
        let id = id.clone();
        Callback::from(move |e: PointerEvent| grab.emit((id.clone(), e)))
    };
    let onfocus = {
        let d = props.dispatch.clone();
        let id = id.clone();
        Callback::from(move |_: FocusEvent| d.dispatch(Action::Select(Some(id.clone()))))
    };
    let onkeydown = {
        let d = props.dispatch.clone();
        Callback::from(move |e: KeyboardEvent| {
            let step = if e.shift_key() { NUDGE * 5.0 } else { NUDGE };
            let action = match e.key().as_str() {
                "ArrowLeft" => Action::NudgeSelected { dx: -step, dy: 0.0 },
                "ArrowRight" => Action::NudgeSelected { dx: step, dy: 0.0 },
                "ArrowUp" => Action::NudgeSelected { dx: 0.0, dy: -step },
                "ArrowDown" => Action::NudgeSelected { dx: 0.0, dy: step },
                "Delete" | "Backspace" => Action::DeleteSelected,
                "Escape" => Action::Select(None),
                _ => return,
            };
            e.prevent_default();
            e.stop_propagation();
            d.dispatch(action);
        })
    };

    let w = NODE_WIDTH.to_string();
    let h = NODE_HEIGHT.to_string();
    html! {
        <g class={classes!("node", props.selected.then_some("selected"))}
            transform={format!("translate({} {})", r.pos.x, r.pos.y)}
            tabindex="0" role="button"
            aria-pressed={if props.selected { "true" } else { "false" }}
            aria-label={fill(s.node_label, &[&r.logical_id, &r.type_name])}
            data-id={id}
            {onpointerdown} {onfocus} {onkeydown}>
            <rect class="node-card" width={w.clone()} height={h.clone()} rx="8"/>
            <ServiceIcon category={r.category} x={12.0} y={12.0} size={32.0}/>
            <text class="node-title" x="54" y="25">{ clip_end(&r.logical_id, 19) }</text>
            <text class="node-type" x="54" y="42">{ clip_type(&r.type_name, 24) }</text>
            <rect class="node-ring" x="-3" y="-3" width={(NODE_WIDTH + 6.0).to_string()}
                height={(NODE_HEIGHT + 6.0).to_string()} rx="10"/>
        </g>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn types_are_clipped_keeping_the_last_segment() {
        assert_eq!(clip_type("AWS::EC2::VPC", 24), "AWS::EC2::VPC");
        assert_eq!(
            clip_type("AWS::EC2::SubnetRouteTableAssociation", 24),
            "EC2::SubnetRouteTableAs…"
        );
        let t = clip_type("AWS::ElasticLoadBalancingV2::LoadBalancer", 24);
        assert_eq!(t, "ElasticLo…::LoadBalancer");
        assert_eq!(t.chars().count(), 24);
        assert_eq!(clip_end("abcdef", 4), "abc…");
        assert_eq!(clip_end("abc", 4), "abc");
    }
}
