//! The drawing of the document: containers, then edges, then resource cards, exactly
//! as the scene says. Pure rendering: the boxes carry `data-id`, ports `data-port`,
//! resize handles `data-handle` and edges `data-edge`, and the canvas interprets
//! pointer events on them.
//!
//! Each box and edge is one element (`<g>`) keyed by its id, whose attributes say
//! where it is and whether it is selected, holding the rest of its drawing as one
//! piece of SVG markup. So selecting changes two attributes, a move one transform,
//! and only what changed is parsed again; the focused box is never replaced. They are
//! grouped in chunks of [`CHUNK`], each a component with plain data props, so a new
//! revision looks only at the chunks that changed; a drag (which moves the drawn
//! elements directly, see `canvas::drag`) redraws nothing.

use std::fmt::Write;
use std::rc::Rc;

use formwork_core::diagnostic::Severity;
use formwork_core::diagram::Rect;
use formwork_core::diagram::architecture::{Tier, Zone};
use formwork_core::diagram::arrange::Edges;
use formwork_core::diagram::card::{CARD_TITLE_X, TITLE_LINE_HEIGHT, title_lines, type_chars};
use formwork_core::diagram::layout::CONTAINER_TITLE_X;
use formwork_core::diagram::measures::{clip_end, shown_name};
use formwork_core::diagram::relations::LinkKind;
use formwork_core::diagram::route::num;
use formwork_core::diagram::scene::{Scene, SceneEdge, SceneNode, label_width};
use yew::prelude::*;
use yew::virtual_dom::{Key, VTag};

use super::esc;
use super::icons::icon_fill;
use crate::catalog::category_color;
use crate::i18n::{self, Lang, Strings, fill};
use crate::state::Selection;
use crate::view::{Badge, DocView, Shared};

#[derive(Properties, PartialEq)]
pub struct SceneViewProps {
    pub lang: Lang,
    pub view: Shared<DocView>,
    pub selection: Rc<Selection>,
    /// How much of each box to draw at the current zoom.
    pub detail: Detail,
    /// The part of the world to draw (world units); boxes and edges outside it are
    /// kept as empty elements (see `.parked`). `None` draws everything.
    pub region: Option<Rect>,
}

/// How much of a box is drawn: text that cannot be read at the current zoom is left
/// out, as map applications do, so a large diagram zoomed out to fit stays light.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detail {
    /// Icon, logical id, type, badges with counts.
    Full,
    /// Icon and the logical id in large type, badges as dots.
    Label,
    /// Icon and badge dots only.
    Icon,
}

impl Detail {
    /// The detail for a zoom level.
    pub fn at(scale: f64) -> Detail {
        if scale >= 0.4 {
            Detail::Full
        } else if scale >= 0.2 {
            Detail::Label
        } else {
            Detail::Icon
        }
    }
}

/// How many boxes (or edges) one chunk of the drawing holds on average (see
/// [`runs`]): a chunk is a component, compared as a whole, so a change looks only at
/// the chunks it touches.
pub const CHUNK: usize = 40;

#[component(SceneView)]
pub fn scene_view(props: &SceneViewProps) -> Html {
    let view = &props.view;
    let sel = &props.selection;
    let single = sel.single();
    let parked = |r: &Rect| props.region.is_some_and(|region| !region.intersects(r));
    let item = |n: &Rc<SceneNode>| {
        let badge = view.badge(&n.id).cloned();
        let selected = sel.contains(&n.id);
        if n.container {
            Item::Container {
                node: n.clone(),
                badge,
                selected,
                handles: single == Some(n.id.as_str()),
                parked: parked(&n.rect),
            }
        } else {
            Item::Card {
                node: n.clone(),
                badge,
                selected,
                parked: parked(&n.rect),
            }
        }
    };
    let containers: Vec<Item> = view
        .nodes
        .iter()
        .filter(|n| n.container)
        .map(item)
        .collect();
    let cards: Vec<Item> = view
        .nodes
        .iter()
        .filter(|n| !n.container)
        .map(item)
        .collect();
    // Far zoomed out, where a link is a hairline no one can point at, the links are
    // drawn as one path per kind; the selected one stays on its own.
    let merged = (props.detail == Detail::Icon).then(|| {
        html! { <MergedEdges view={view.clone()}/> }
    });
    let edges: Vec<Item> = view
        .edges
        .iter()
        .filter(|e| merged.is_none() || sel.edge.as_deref() == Some(e.key.as_str()))
        .map(|e| Item::Edge {
            edge: e.clone(),
            selected: sel.edge.as_deref() == Some(e.key.as_str()),
            parked: e.route.bounds().is_some_and(|b| parked(&b)),
        })
        .collect();
    let chunks = |items: Vec<Item>, layer: &'static str| {
        runs(items)
            .into_iter()
            .map(|(name, items)| {
                html! {
                    <Chunk key={format!("{layer}:{name}")} {items} detail={props.detail} lang={props.lang}/>
                }
            })
            .collect::<Vec<_>>()
    };
    let class = match props.detail {
        Detail::Full => "scene",
        Detail::Label => "scene detail-label",
        Detail::Icon => "scene detail-icon",
    };
    let scene = &view.scene;
    let framed = !scene.zones.is_empty() || !scene.loops.is_empty() || scene.region.is_some();
    let zones = framed.then(|| {
        let markup = zones_markup(props.lang.strings(), scene);
        Html::from_html_unchecked(AttrValue::from(format!(
            r#"<g class="layer-zones" aria-hidden="true">{markup}</g>"#
        )))
    });
    html! {
        <g class={class}>
            <g class="layer-containers">{ for chunks(containers, "c") }</g>
            { zones }
            <g class="layer-edges">{ merged }{ for chunks(edges, "e") }</g>
            <g class="layer-cards">{ for chunks(cards, "n") }</g>
        </g>
    }
}

/// The items in runs as drawn (so the order, of painting and of the keyboard's Tab,
/// is the template's), each run ending after an item whose key hashes to a multiple
/// of [`CHUNK`]: where the runs end depends on the items themselves, not on their
/// positions, so adding or deleting one changes its own run only (runs by position
/// would shift every later item into another run and draw it again). Each run is
/// named by its first item.
fn runs(items: Vec<Item>) -> Vec<(String, Vec<Item>)> {
    let mut out: Vec<(String, Vec<Item>)> = Vec::new();
    let mut run: Vec<Item> = Vec::new();
    for item in items {
        let end = fnv(item.key()).is_multiple_of(CHUNK as u64);
        run.push(item);
        if end || run.len() >= 4 * CHUNK {
            let name = run[0].key().to_string();
            out.push((name, std::mem::take(&mut run)));
        }
    }
    if !run.is_empty() {
        out.push((run[0].key().to_string(), run));
    }
    out
}

/// FNV-1a: a stable hash, the same on every run.
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

#[derive(Properties, PartialEq)]
pub struct MergedEdgesProps {
    pub view: Shared<DocView>,
}

/// Every link as one path per kind (references, DependsOn, glue resources).
#[component(MergedEdges)]
pub fn merged_edges(props: &MergedEdgesProps) -> Html {
    let mut out = String::from(r#"<g class="edges-merged">"#);
    for kind in [LinkKind::Reference, LinkKind::DependsOn, LinkKind::Glue] {
        let d: String = props
            .view
            .edges
            .iter()
            .filter(|e| e.link.kind == kind)
            .map(|e| e.route.path())
            .collect();
        if !d.is_empty() {
            let _ = write!(
                out,
                r#"<g class="edge {}"><path class="edge-line" d="{d}"/></g>"#,
                edge_kind(kind)
            );
        }
    }
    out.push_str("</g>");
    Html::from_html_unchecked(AttrValue::from(out))
}

/// One box or edge of a chunk, with what decides how it is drawn. A `parked` one is
/// out of the drawn region: its element stays (with its identity and place, for
/// focus, the keyboard and assistive technology), its drawing is not shown.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Card {
        node: Rc<SceneNode>,
        badge: Option<Rc<Badge>>,
        selected: bool,
        parked: bool,
    },
    Container {
        node: Rc<SceneNode>,
        badge: Option<Rc<Badge>>,
        selected: bool,
        handles: bool,
        parked: bool,
    },
    Edge {
        edge: Rc<SceneEdge>,
        selected: bool,
        parked: bool,
    },
}

impl Item {
    /// The logical id of a box, the key of an edge.
    fn key(&self) -> &str {
        match self {
            Item::Card { node, .. } | Item::Container { node, .. } => &node.id,
            Item::Edge { edge, .. } => &edge.key,
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct ChunkProps {
    pub items: Vec<Item>,
    pub detail: Detail,
    pub lang: Lang,
}

/// A run of boxes or edges, each its own keyed element.
#[component(Chunk)]
pub fn chunk(props: &ChunkProps) -> Html {
    let s = props.lang.strings();
    props
        .items
        .iter()
        .map(|item| match item {
            Item::Card {
                node,
                badge,
                selected,
                parked,
            } => shape(
                &node.id,
                box_attrs(
                    card_class(badge.as_deref()),
                    s.node_role,
                    node,
                    State {
                        selected: *selected,
                        handles: false,
                        parked: *parked,
                    },
                ),
                card_markup(s, node, badge.as_deref(), props.detail),
            ),
            Item::Container {
                node,
                badge,
                selected,
                handles,
                parked,
            } => shape(
                &node.id,
                box_attrs(
                    container_class(node),
                    s.container_role,
                    node,
                    State {
                        selected: *selected,
                        handles: *handles,
                        parked: *parked,
                    },
                ),
                container_markup(s, node, badge.as_deref(), props.detail),
            ),
            Item::Edge {
                edge,
                selected,
                parked,
            } => shape(
                &edge.key,
                edge_attrs(s, edge, *selected, *parked),
                edge_markup(edge, props.detail == Detail::Icon),
            ),
        })
        .collect()
}

/// A box's or an edge's element: a `<g>` keyed by `key` with these attributes,
/// holding `markup`.
fn shape(key: &str, attrs: Vec<(&'static str, AttrValue)>, markup: String) -> Html {
    let mut g = VTag::new("g");
    for (name, value) in attrs {
        g.add_attribute(name, value);
    }
    g.add_child(Html::from_html_unchecked(AttrValue::from(markup)));
    g.key = Some(Key::from(key));
    g.into()
}

/// Shortens a resource type to `max` characters, keeping its last segment whole
/// where possible (`AWS::ElasticLoadBalancingV2::LoadBalancer` ->
/// `ElasticLo…::LoadBalancer`, `AWS::AutoScaling::AutoScalingGroup` ->
/// `AutoScalingGroup`).
pub fn clip_type(type_name: &str, max: usize) -> String {
    if type_name.chars().count() <= max {
        return type_name.to_string();
    }
    let rest = type_name.strip_prefix("AWS::").unwrap_or(type_name);
    if rest.chars().count() <= max {
        return rest.to_string();
    }
    // A head of fewer than three letters says nothing: the last segment alone then.
    match rest.rsplit_once("::") {
        Some((head, last)) if last.chars().count() + 6 <= max => {
            let keep = max - last.chars().count() - 3;
            let head: String = head.chars().take(keep).collect();
            format!("{head}…::{last}")
        }
        Some((_, last)) => clip_end(last, max),
        None => clip_end(rest, max),
    }
}

/// The `translate(x y)` of a box, as the drag code also writes it.
pub fn translate(x: f64, y: f64) -> String {
    format!("translate({} {})", num(x), num(y))
}

// The boxes and edges are built as SVG markup and handed to the browser whole: one
// string per box instead of some thirty calls from wasm to the DOM, which is what
// makes opening a 500-resource template quick. Each is still its own component, so a
// new revision re-creates only the boxes and edges that changed.

/// Red (errors) and amber (warnings) counts hanging from a box's top-right corner
/// at `(x, y)`; hovering shows the findings.
pub fn badges_markup(s: &Strings, b: &Badge, x: f64, y: f64) -> String {
    let tip: Vec<String> = b
        .lines
        .iter()
        .map(|line| {
            let mark = if line.severity == Severity::Error {
                "✖"
            } else {
                "▲"
            };
            format!("{mark} {}", line.text(s))
        })
        .collect();
    let label = fill(
        s.node_findings,
        &[&b.errors.to_string(), &b.warnings.to_string()],
    );
    let mut out = format!(
        r#"<g class="badges" transform="{}" role="img" aria-label="{}"><title>{}</title>"#,
        translate(x, y),
        esc(&label),
        esc(&tip.join("\n"))
    );
    let mut right = 0.0;
    for (count, class) in [(b.warnings, "warning"), (b.errors, "error")] {
        if count == 0 {
            continue;
        }
        let text = count.to_string();
        let w = 10.0 + 7.0 * text.len() as f64;
        let _ = write!(
            out,
            r#"<rect class="badge-pill {class}" x="{}" width="{}" height="18" rx="9"/><text class="badge-count" x="{}" y="13">{text}</text>"#,
            num(right - w),
            num(w),
            num(right - w / 2.0)
        );
        right -= w + 4.0;
    }
    out.push_str("</g>");
    out
}

/// The ports of a box: connect (right) and depends-on (bottom). The canvas draws them
/// for the box under the pointer and the selected one only, so a large diagram does
/// not carry two ports per box.
pub fn ports(s: &Strings, id: &str, r: &Rect) -> Html {
    let connect_y = if r.height > 80.0 {
        22.0
    } else {
        r.height / 2.0
    };
    html! {
        <g class="ports" data-port-for={id.to_string()} transform={translate(r.x, r.y)}>
            <g class="port port-connect" data-port="connect" transform={translate(r.width, connect_y)}>
                <title>{ s.port_connect }</title>
                <circle class="port-hit" r="11"/>
                <circle class="port-dot" r="5.5"/>
                <path class="port-glyph" d="M-2.5 0h5M0 -2.5v5"/>
            </g>
            <g class="port port-depend" data-port="depend" transform={translate(r.width / 2.0, r.height)}>
                <title>{ s.port_depend }</title>
                <circle class="port-hit" r="10"/>
                <rect class="port-dot" x="-4.5" y="-4.5" width="9" height="9" rx="1.5" transform="rotate(45)"/>
            </g>
        </g>
    }
}

/// What a box's element shows of the interaction with it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct State {
    pub selected: bool,
    /// Its resize handles (a container selected on its own).
    pub handles: bool,
    /// Out of the drawn region.
    pub parked: bool,
}

/// The attributes of a box's element: identity, position, selection and what
/// assistive technology says about it (its name is its logical id).
pub fn box_attrs(
    class: &str,
    role: &'static str,
    n: &SceneNode,
    state: State,
) -> Vec<(&'static str, AttrValue)> {
    let State {
        selected,
        handles,
        parked,
    } = state;
    let class = format!(
        "shape {class}{}{}{}",
        if selected { " selected" } else { "" },
        if handles { " with-handles" } else { "" },
        if parked { " parked" } else { "" }
    );
    vec![
        ("class", AttrValue::from(class)),
        ("data-id", AttrValue::from(n.id.clone())),
        ("data-type", AttrValue::from(n.type_name.clone())),
        ("transform", AttrValue::from(translate(n.rect.x, n.rect.y))),
        ("tabindex", AttrValue::Static("0")),
        ("role", AttrValue::Static("button")),
        ("aria-roledescription", AttrValue::Static(role)),
        ("aria-label", AttrValue::from(n.id.clone())),
        (
            "aria-pressed",
            AttrValue::Static(if selected { "true" } else { "false" }),
        ),
    ]
}

/// A badge as a dot, for boxes drawn compact.
fn badge_dot(out: &mut String, b: &Badge, x: f64) {
    let class = if b.errors > 0 { "error" } else { "warning" };
    let _ = write!(
        out,
        r#"<circle class="badge-pill {class}" cx="{}" cy="0" r="9"/>"#,
        num(x)
    );
}

/// Where a box does not show its whole name (zoomed far out, or cut to fit), the
/// name and type show on hover.
fn name_on_hover(out: &mut String, n: &SceneNode, detail: Detail) {
    if detail != Detail::Full || shown_name(n) != n.id {
        let _ = write!(out, "<title>{} · {}</title>", esc(&n.id), esc(&n.type_name));
    }
}

/// A card's class for its findings.
fn card_class(badge: Option<&Badge>) -> &'static str {
    match badge {
        Some(b) if b.errors > 0 => "card has-errors",
        Some(_) => "card has-warnings",
        None => "card",
    }
}

/// The outline drawn around a selected or focused box (see `.shape-ring`): always
/// there, so that selecting only changes the box's class.
fn ring(out: &mut String, r: &Rect, pad: f64, rx: u32) {
    let _ = write!(
        out,
        r#"<rect class="shape-ring" x="{}" y="{}" width="{}" height="{}" rx="{rx}"/>"#,
        num(-pad),
        num(-pad),
        num(r.width + 2.0 * pad),
        num(r.height + 2.0 * pad)
    );
}

/// What a resource card holds: icon, logical id, type and badges, with as much of it
/// as the `detail` asks for (far zoomed out a large diagram draws with a third of the
/// elements).
pub fn card_markup(s: &Strings, n: &SceneNode, badge: Option<&Badge>, detail: Detail) -> String {
    let (w, h) = (num(n.rect.width), num(n.rect.height));
    let mut out = String::with_capacity(900);
    name_on_hover(&mut out, n, detail);
    if detail != Detail::Full {
        // So far out the glyph cannot be seen: the icon is its category's colour.
        let fill = if detail == Detail::Icon {
            category_color(n.category).to_string()
        } else {
            icon_fill(n.category)
        };
        // Corners too small to see are not rounded either.
        let (r1, r2) = if detail == Detail::Icon {
            (0, 0)
        } else {
            (8, 7)
        };
        let _ = write!(
            out,
            r#"<rect class="card-body" width="{w}" height="{h}" rx="{r1}"/><rect class="icon" x="8" y="{}" width="40" height="40" rx="{r2}" fill="{fill}"/>"#,
            num((n.rect.height - 40.0) / 2.0),
        );
        if detail == Detail::Label {
            // Large type, about 18 px a character.
            let _ = write!(
                out,
                r#"<text class="card-label" x="58" y="{}">{}</text>"#,
                num(n.rect.height / 2.0 + 10.0),
                esc(&clip_end(&n.id, ((n.rect.width - 58.0) / 18.0) as usize))
            );
        }
        ring(&mut out, &n.rect, 6.0, 12);
        if let Some(b) = badge {
            badge_dot(&mut out, b, n.rect.width);
        }
        return out;
    }
    // The name on one line or two, the type under it, the icon centred beside them.
    let lines = title_lines(&n.id);
    // A second line moves the title up a little and the type down by a line.
    let (title_y, type_y) = if lines.len() > 1 {
        (20.0, 37.0 + TITLE_LINE_HEIGHT)
    } else {
        (24.0, 41.0)
    };
    let _ = write!(
        out,
        r#"<rect class="card-shadow" y="2" width="{w}" height="{h}" rx="8"/><rect class="card-body" width="{w}" height="{h}" rx="8"/><rect class="icon" x="12" y="{}" width="32" height="32" rx="6" fill="{}"/><text class="card-title" x="{CARD_TITLE_X}" y="{}">"#,
        num((n.rect.height - 32.0) / 2.0),
        icon_fill(n.category),
        num(title_y),
    );
    for (i, line) in lines.iter().enumerate() {
        let dy = if i == 0 { 0.0 } else { TITLE_LINE_HEIGHT };
        let _ = write!(
            out,
            r#"<tspan x="{CARD_TITLE_X}" dy="{}">{}</tspan>"#,
            num(dy),
            esc(line)
        );
    }
    let _ = write!(
        out,
        r#"</text><text class="card-type" x="{CARD_TITLE_X}" y="{}">{}</text>"#,
        num(type_y),
        esc(&clip_type(&n.type_name, type_chars(n.rect.width))),
    );
    ring(&mut out, &n.rect, 3.0, 10);
    if let Some(b) = badge {
        out.push_str(&badges_markup(s, b, n.rect.width + 6.0, -9.0));
    }
    out
}

/// The look of a container: VPCs and subnets after the AWS architecture diagrams,
/// public subnets green, private ones blue.
fn container_class(node: &SceneNode) -> &'static str {
    match (node.type_name.as_str(), node.tier) {
        ("AWS::EC2::VPC", _) => "container c-vpc",
        ("AWS::EC2::Subnet", Some(Tier::Public)) => "container c-subnet c-public",
        ("AWS::EC2::Subnet", _) => "container c-subnet",
        _ => "container c-generic",
    }
}

/// The groups drawn as dashed frames, titled, under the links and cards: the Region,
/// the availability zones around their subnets, the Auto Scaling groups across
/// theirs, and the resources each `Fn::ForEach` makes.
fn zones_markup(s: &Strings, scene: &Scene) -> String {
    let region = scene
        .region
        .map(|r| ("zone region", s.region_group.to_string(), r));
    let zones = scene.zones.iter().map(|z| {
        let title = match &z.zone {
            Zone::Nth(i) => fill(s.zone_nth, &[&(i + 1).to_string()]),
            Zone::Named(name) => name.clone(),
        };
        ("zone", title, z.rect)
    });
    let loops = scene
        .loops
        .iter()
        .map(|l| ("zone loop", format!("{} × {}", l.key, l.count), l.rect));
    let scaling = scene
        .scaling
        .iter()
        .map(|f| ("zone scaling", s.scaling_group.to_string(), f.rect));
    let mut out = String::new();
    for (class, title, rect) in region.into_iter().chain(zones).chain(scaling).chain(loops) {
        let _ = write!(
            out,
            r#"<g class="{class}" transform="{}"><rect class="zone-frame" width="{}" height="{}" rx="6"/><text class="zone-title" x="12" y="22">{}</text></g>"#,
            translate(rect.x, rect.y),
            num(rect.width),
            num(rect.height),
            esc(&title),
        );
    }
    out
}

/// What a container holds: its label, badges and the resize handles shown when it is
/// selected on its own (the `with-handles` class).
pub fn container_markup(
    s: &Strings,
    n: &SceneNode,
    badge: Option<&Badge>,
    detail: Detail,
) -> String {
    let r = n.rect;
    let mut out = String::with_capacity(1600);
    name_on_hover(&mut out, n, detail);
    if detail == Detail::Full {
        let _ = write!(
            out,
            r#"<rect class="container-body" width="{}" height="{}" rx="10"/><rect class="icon" x="12" y="10" width="24" height="24" rx="5" fill="{}"/><text class="container-title" x="{CONTAINER_TITLE_X}" y="21">{}</text><text class="container-type" x="{CONTAINER_TITLE_X}" y="35">{} · {}</text>"#,
            num(r.width),
            num(r.height),
            icon_fill(n.category),
            esc(&shown_name(n)),
            esc(i18n::type_name(s, &n.type_name, &n.label)),
            esc(&n.type_name),
        );
    } else {
        // Zoomed out: the name in large type across the header.
        let _ = write!(
            out,
            r#"<rect class="container-body" width="{}" height="{}" rx="10"/><rect class="icon" x="10" y="6" width="32" height="32" rx="6" fill="{}"/><text class="container-label" x="50" y="33">{}</text>"#,
            num(r.width),
            num(r.height),
            icon_fill(n.category),
            esc(&clip_end(
                &n.id,
                ((r.width - 60.0) / 17.0).max(4.0) as usize
            )),
        );
    }
    ring(&mut out, &r, 3.0, 12);
    if let Some(b) = badge {
        if detail != Detail::Full {
            badge_dot(&mut out, b, r.width - 10.0);
        } else {
            out.push_str(&badges_markup(s, b, r.width - 10.0, -9.0));
        }
    }
    out.push_str(r#"<g class="handles">"#);
    for name in Edges::HANDLES {
        let e = Edges::from_handle(name);
        let x = if e.left {
            0.0
        } else if e.right {
            r.width
        } else {
            r.width / 2.0
        };
        let y = if e.top {
            0.0
        } else if e.bottom {
            r.height
        } else {
            r.height / 2.0
        };
        let _ = write!(
            out,
            r#"<rect class="handle handle-{name}" data-handle="{name}" x="{}" y="{}" width="9" height="9" rx="2"/>"#,
            num(x - 4.5),
            num(y - 4.5)
        );
    }
    out.push_str("</g>");
    out
}

/// The class and arrow of a kind of link.
pub fn edge_kind(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::Reference => "edge-ref",
        LinkKind::DependsOn => "edge-dep",
        LinkKind::Glue => "edge-glue",
    }
}

/// The attributes of an edge's element: which link it is, its selection, and what
/// assistive technology says about it.
pub fn edge_attrs(
    s: &Strings,
    e: &SceneEdge,
    selected: bool,
    parked: bool,
) -> Vec<(&'static str, AttrValue)> {
    let l = &e.link;
    let what = match l.kind {
        LinkKind::Reference => fill(s.edge_reference, &[&l.from, &l.to, &l.label]),
        LinkKind::DependsOn => fill(s.edge_depends, &[&l.from, &l.to]),
        LinkKind::Glue => fill(s.edge_glue, &[&l.from, &l.to, &l.label]),
    };
    vec![
        (
            "class",
            AttrValue::from(format!(
                "edge {}{}{}",
                edge_kind(l.kind),
                if selected { " selected" } else { "" },
                if parked { " parked" } else { "" }
            )),
        ),
        ("data-edge", AttrValue::from(e.key.clone())),
        ("data-from", AttrValue::from(l.from.clone())),
        ("data-to", AttrValue::from(l.to.clone())),
        ("role", AttrValue::Static("button")),
        ("aria-label", AttrValue::from(what)),
        (
            "aria-pressed",
            AttrValue::Static(if selected { "true" } else { "false" }),
        ),
    ]
}

/// What a relationship's element holds: dashed for a reference, dotted for
/// DependsOn, solid with the glue resource's name for a glue resource.
pub fn edge_markup(e: &SceneEdge, compact: bool) -> String {
    let l = &e.link;
    let d = e.route.path();
    let mut out = String::with_capacity(200 + 2 * d.len());
    // Far zoomed out the line itself is what the pointer finds.
    if !compact {
        let _ = write!(out, r#"<path class="edge-hit" d="{d}"/>"#);
    }
    let _ = write!(out, r#"<path class="edge-line" d="{d}"/>"#);
    if l.kind == LinkKind::Glue {
        // A label with no clear place on the route is tucked away: shown on hover and
        // when the link is selected, rather than over other boxes.
        let (m, class) = match e.label_at {
            Some(at) => (at, "edge-label"),
            None => (e.route.midpoint(), "edge-label tucked"),
        };
        let w = label_width(&l.label);
        let _ = write!(
            out,
            r#"<g class="{class}" transform="{}"><rect x="{}" y="-10" width="{}" height="20" rx="10"/><text y="4">{}</text></g>"#,
            translate(m.x, m.y),
            num(-w / 2.0),
            num(w),
            esc(&l.label)
        );
    }
    out
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
            "SubnetRouteTableAssocia…"
        );
        assert_eq!(
            clip_type("AWS::AutoScaling::AutoScalingGroup", 19),
            "AutoScalingGroup"
        );
        let t = clip_type("AWS::ElasticLoadBalancingV2::LoadBalancer", 24);
        assert_eq!(t, "ElasticLo…::LoadBalancer");
        assert_eq!(t.chars().count(), 24);
        assert_eq!(clip_end("abcdef", 4), "abc…");
        assert_eq!(clip_end("abc", 4), "abc");
        assert_eq!(translate(1.25, -3.0), "translate(1.3 -3)");
        assert_eq!(esc("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
        assert_eq!(esc("plain"), "plain");
    }

    fn node(container: bool) -> SceneNode {
        SceneNode {
            id: "Web".into(),
            type_name: if container {
                "AWS::EC2::VPC"
            } else {
                "AWS::EC2::Instance"
            }
            .into(),
            label: "EC2 instance".into(),
            category: formwork_core::catalog::curated::Category::Compute,
            rect: Rect::new(40.0, 80.0, 220.0, 56.0),
            container,
            parent: None,
            depth: 0,
            tier: None,
            made_by: None,
        }
    }

    #[wasm_bindgen_test]
    fn runs_keep_the_order_and_change_only_around_an_edit() {
        let card = |i: usize| {
            let mut n = node(false);
            n.id = format!("Resource{i}");
            Item::Card {
                node: Rc::new(n),
                badge: None,
                selected: false,
                parked: false,
            }
        };
        let names = |items: Vec<Item>| -> Vec<(String, Vec<String>)> {
            runs(items)
                .into_iter()
                .map(|(n, r)| (n, r.iter().map(|i| i.key().to_string()).collect()))
                .collect()
        };
        let all: Vec<Item> = (0..500).map(card).collect();
        let before = names(all.clone());
        let flat: Vec<String> = before.iter().flat_map(|(_, r)| r.clone()).collect();
        assert_eq!(
            flat,
            (0..500).map(|i| format!("Resource{i}")).collect::<Vec<_>>()
        );
        assert!(
            before.len() > 3 && before.len() < 60,
            "{} runs",
            before.len()
        );
        // Deleting one resource changes the run that held it, no other.
        let mut fewer = all.clone();
        fewer.remove(250);
        let after = names(fewer);
        let changed = before.iter().filter(|r| !after.contains(r)).count();
        assert!(changed <= 2, "{changed} runs changed");
    }

    #[wasm_bindgen_test]
    fn boxes_carry_their_identity_and_findings() {
        let s = Lang::En.strings();
        let badge = Badge {
            errors: 1,
            warnings: 2,
            lines: vec![crate::view::BadgeLine {
                severity: Severity::Error,
                rule: "E3003",
                message: "needs <VpcId>".into(),
            }],
        };
        let attrs = |v: Vec<(&'static str, AttrValue)>| -> Vec<(&'static str, String)> {
            v.into_iter().map(|(k, v)| (k, v.to_string())).collect()
        };
        let n = node(false);
        let on = |selected, handles, parked| State {
            selected,
            handles,
            parked,
        };
        let selected = attrs(box_attrs(
            card_class(Some(&badge)),
            s.node_role,
            &n,
            on(true, false, false),
        ));
        assert_eq!(
            selected[0],
            ("class", "shape card has-errors selected".to_string())
        );
        assert!(selected.contains(&("data-id", "Web".to_string())));
        assert!(selected.contains(&("aria-label", "Web".to_string())));
        assert!(selected.contains(&("aria-pressed", "true".to_string())));
        assert!(selected.contains(&("transform", "translate(40 80)".to_string())));
        let plain = attrs(box_attrs(
            card_class(None),
            s.node_role,
            &n,
            State::default(),
        ));
        assert_eq!(plain[0].1, "shape card");
        assert!(plain.contains(&("aria-pressed", "false".to_string())));
        let card = card_markup(s, &n, Some(&badge), Detail::Full);
        assert!(card.contains("E3003: needs &lt;VpcId&gt;"));
        // In Korean the tip is headed by what the rule checks.
        let ko = card_markup(Lang::Ko.strings(), &n, Some(&badge), Detail::Full);
        assert!(
            ko.contains("필수 리소스 속성이 있어야 함 (E3003: needs &lt;VpcId&gt;)"),
            "{ko}"
        );
        assert!(card.contains(r#"aria-label="1 errors, 2 warnings""#));
        // The outline is always drawn: selecting only changes the class.
        assert!(card.contains("shape-ring"));
        assert!(card_markup(s, &n, None, Detail::Full).contains("shape-ring"));
        assert!(!card_markup(s, &n, None, Detail::Full).contains("badges"));
        let compact = card_markup(s, &n, Some(&badge), Detail::Icon);
        assert!(!compact.contains("<text"));
        let label = card_markup(s, &n, None, Detail::Label);
        assert_eq!(label.matches("<text").count(), 1);
        assert_eq!(Detail::at(1.0), Detail::Full);
        assert_eq!(Detail::at(0.27), Detail::Label);
        assert_eq!(Detail::at(0.1), Detail::Icon);
        let vpc_node = node(true);
        let vpc = container_markup(s, &vpc_node, None, Detail::Full);
        assert_eq!(vpc.matches("data-handle=").count(), 8);
        let with_handles = attrs(box_attrs(
            container_class(&vpc_node),
            s.container_role,
            &vpc_node,
            on(true, true, false),
        ));
        assert_eq!(
            with_handles[0].1,
            "shape container c-vpc selected with-handles"
        );
        let parked = attrs(box_attrs(
            card_class(None),
            s.node_role,
            &n,
            on(false, false, true),
        ));
        assert_eq!(parked[0].1, "shape card parked");
        assert!(
            parked.contains(&("data-id", "Web".to_string())),
            "kept for focus"
        );
    }
}
