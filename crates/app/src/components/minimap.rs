//! The minimap in the canvas's corner: the whole drawing small, the part on screen
//! framed; a box's name on hover; a click or a drag there moves the view. Drawn only
//! while most of the drawing is out of view (see `formwork_core::diagram::minimap`).

use std::fmt::Write;

use formwork_core::diagram::minimap::Minimap;
use formwork_core::diagram::route::num;
use formwork_core::diagram::{Point, Size, Viewport};
use yew::prelude::*;

use super::esc;
use crate::Dispatch;
use crate::catalog::category_color;
use crate::i18n::Lang;
use crate::state::Action;
use crate::view::{DocView, Shared};

/// The minimap's size in CSS pixels.
const SIZE: Size = Size::new(200.0, 128.0);

#[derive(Properties, PartialEq)]
pub struct MinimapProps {
    pub lang: Lang,
    pub dispatch: Dispatch,
    pub viewport: Viewport,
    pub view_size: Size,
    pub view: Shared<DocView>,
}

#[component(MinimapView)]
pub fn minimap_view(props: &MinimapProps) -> Html {
    let svg = use_node_ref();
    let dragging = use_mut_ref(|| false);
    let visible = props.viewport.visible_world(props.view_size);
    let map = props
        .view
        .scene
        .bounds()
        .and_then(|content| Minimap::of(content, visible, SIZE));
    // The boxes change with the document, not with the view: drawn once per revision.
    let boxes = use_memo(
        (props.view.epoch, props.view.revision, map.map(|m| m.area)),
        {
            let view = props.view.clone();
            move |_| {
                let mut out = String::new();
                if let Some(m) = map {
                    for n in &view.scene.nodes {
                        let r = m.rect(&n.rect);
                        let paint = if n.container {
                            r#"class="minimap-container""#.to_string()
                        } else {
                            format!(r#"fill="{}""#, category_color(n.category))
                        };
                        let _ = write!(
                            out,
                            r#"<rect {paint} x="{}" y="{}" width="{}" height="{}"><title>{}</title></rect>"#,
                            num(r.x),
                            num(r.y),
                            num(r.width.max(1.5)),
                            num(r.height.max(1.5)),
                            esc(&n.id),
                        );
                    }
                }
                out
            }
        },
    );
    let Some(m) = map else {
        return Html::default();
    };
    let seen = m.rect(&visible);
    let go = {
        let (svg, dispatch) = (svg.clone(), props.dispatch.clone());
        move |e: &PointerEvent| {
            if let Some(el) = svg.cast::<web_sys::Element>() {
                let b = el.get_bounding_client_rect();
                let at = Point::new(
                    f64::from(e.client_x()) - b.left(),
                    f64::from(e.client_y()) - b.top(),
                );
                dispatch.dispatch(Action::CenterOn(m.to_world(at)));
            }
        }
    };
    let on_down = {
        let (go, dragging) = (go.clone(), dragging.clone());
        Callback::from(move |e: PointerEvent| {
            e.stop_propagation();
            *dragging.borrow_mut() = true;
            if let Some(t) = e.target_dyn_into::<web_sys::Element>() {
                let _ = t.set_pointer_capture(e.pointer_id());
            }
            go(&e);
        })
    };
    let on_move = {
        let dragging = dragging.clone();
        Callback::from(move |e: PointerEvent| {
            if *dragging.borrow() {
                go(&e);
            }
        })
    };
    let on_up = Callback::from(move |_: PointerEvent| *dragging.borrow_mut() = false);
    let s = props.lang.strings();
    html! {
        <svg ref={svg} class="minimap" role="img" aria-label={s.minimap}
            width={num(SIZE.width)} height={num(SIZE.height)}
            onpointerdown={on_down} onpointermove={on_move} onpointerup={on_up.clone()} onpointercancel={on_up}>
            <g>{ Html::from_html_unchecked(AttrValue::from((*boxes).clone())) }</g>
            <rect class="minimap-view" x={num(seen.x)} y={num(seen.y)} width={num(seen.width)} height={num(seen.height)}/>
        </svg>
    }
}
