//! The drawing of the document: containers, then edges, then resource cards, exactly
//! as the scene says. Pure rendering: the boxes carry `data-id`, ports `data-port`,
//! resize handles `data-handle` and edges `data-edge`, and the canvas interprets
//! pointer events on them. Boxes and edges are drawn in chunks of [`CHUNK`], each a
//! component with plain data props and handed to the browser as one piece of SVG
//! markup: a new revision redraws only the chunks that changed, and a drag (which
//! moves the drawn elements directly, see `canvas::drag`) redraws nothing.

use std::fmt::Write;
use std::rc::Rc;

use formwork_core::diagnostic::Severity;
use formwork_core::diagram::Rect;
use formwork_core::diagram::arrange::Edges;
use formwork_core::diagram::relations::LinkKind;
use formwork_core::diagram::route::num;
use formwork_core::diagram::scene::{SceneEdge, SceneNode, label_width};
use yew::prelude::*;

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

/// How many boxes (or edges) one chunk of the drawing holds: each chunk is handed to
/// the browser as one piece of markup, which costs far less than one piece per box,
/// and a change redraws only the chunks it touches.
pub const CHUNK: usize = 40;

#[component(SceneView)]
pub fn scene_view(props: &SceneViewProps) -> Html {
    let view = &props.view;
    let sel = &props.selection;
    let single = sel.single();
    let item = |n: &Rc<SceneNode>| {
        let badge = view.badges.get(&n.id).cloned();
        let selected = sel.contains(&n.id);
        if n.container {
            Item::Container {
                node: n.clone(),
                badge,
                selected,
                handles: single == Some(n.id.as_str()),
            }
        } else {
            Item::Card {
                node: n.clone(),
                badge,
                selected,
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
        })
        .collect();
    let chunks = |items: Vec<Item>, layer: &'static str| {
        let mut out = Vec::new();
        let mut items = items.into_iter().peekable();
        let mut i = 0;
        while items.peek().is_some() {
            let chunk: Vec<Item> = items.by_ref().take(CHUNK).collect();
            out.push(html! {
                <Chunk key={format!("{layer}-{i}")} items={chunk} detail={props.detail} lang={props.lang}/>
            });
            i += 1;
        }
        out
    };
    let class = match props.detail {
        Detail::Full => "scene",
        Detail::Label => "scene detail-label",
        Detail::Icon => "scene detail-icon",
    };
    html! {
        <g class={class}>
            <g class="layer-containers">{ for chunks(containers, "c") }</g>
            <g class="layer-edges">{ merged }{ for chunks(edges, "e") }</g>
            <g class="layer-cards">{ for chunks(cards, "n") }</g>
        </g>
    }
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

/// One box or edge of a chunk, with what decides how it is drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Card {
        node: Rc<SceneNode>,
        badge: Option<Rc<Badge>>,
        selected: bool,
    },
    Container {
        node: Rc<SceneNode>,
        badge: Option<Rc<Badge>>,
        selected: bool,
        handles: bool,
    },
    Edge {
        edge: Rc<SceneEdge>,
        selected: bool,
    },
}

#[derive(Properties, PartialEq)]
pub struct ChunkProps {
    pub items: Vec<Item>,
    pub detail: Detail,
    pub lang: Lang,
}

/// A run of boxes or edges drawn as one piece of markup.
#[component(Chunk)]
pub fn chunk(props: &ChunkProps) -> Html {
    let s = props.lang.strings();
    let mut markup = String::with_capacity(props.items.len() * 700);
    for item in &props.items {
        markup.push_str(&match item {
            Item::Card {
                node,
                badge,
                selected,
            } => card_markup(s, node, badge.as_deref(), *selected, props.detail),
            Item::Container {
                node,
                badge,
                selected,
                handles,
            } => container_markup(s, node, badge.as_deref(), *selected, *handles, props.detail),
            Item::Edge { edge, selected } => {
                edge_markup(s, edge, *selected, props.detail == Detail::Icon)
            }
        });
    }
    Html::from_html_unchecked(AttrValue::from(markup))
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
/// `ElasticLo…::LoadBalancer`).
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

/// The `translate(x y)` of a box, as the drag code also writes it.
pub fn translate(x: f64, y: f64) -> String {
    format!("translate({} {})", num(x), num(y))
}

/// Text made safe inside SVG markup (element content and quoted attributes).
pub fn esc(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"', '\'']) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
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

/// The opening tag of a box's group: identity, position and what assistive
/// technology says about it (its name is its logical id).
fn box_open(out: &mut String, class: &str, role: &str, n: &SceneNode, selected: bool) {
    let _ = write!(
        out,
        r#"<g class="shape {class}{}" data-id="{id}" data-type="{ty}" transform="{}" tabindex="0" role="button" aria-roledescription="{}" aria-label="{id}" aria-pressed="{selected}">"#,
        if selected { " selected" } else { "" },
        translate(n.rect.x, n.rect.y),
        esc(role),
        id = esc(&n.id),
        ty = esc(&n.type_name),
    );
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

/// A resource card: icon, logical id, type and badges, with as much of it as the
/// `detail` asks for (far zoomed out a large diagram draws with a third of the
/// elements).
pub fn card_markup(
    s: &Strings,
    n: &SceneNode,
    badge: Option<&Badge>,
    selected: bool,
    detail: Detail,
) -> String {
    let (w, h) = (num(n.rect.width), num(n.rect.height));
    let findings = match badge {
        Some(b) if b.errors > 0 => "card has-errors",
        Some(_) => "card has-warnings",
        None => "card",
    };
    let mut out = String::with_capacity(900);
    box_open(&mut out, findings, s.node_role, n, selected);
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
            r#"<rect class="card-body" width="{w}" height="{h}" rx="{r1}"/><rect class="icon" x="8" y="8" width="40" height="40" rx="{r2}" fill="{fill}"/>"#,
        );
        if detail == Detail::Label {
            let _ = write!(
                out,
                r#"<text class="card-label" x="58" y="38">{}</text>"#,
                esc(&clip_end(&n.id, 9))
            );
        }
        if selected {
            let _ = write!(
                out,
                r#"<rect class="shape-ring" x="-6" y="-6" width="{}" height="{}" rx="12"/>"#,
                num(n.rect.width + 12.0),
                num(n.rect.height + 12.0)
            );
        }
        if let Some(b) = badge {
            badge_dot(&mut out, b, n.rect.width);
        }
        out.push_str("</g>");
        return out;
    }
    let _ = write!(
        out,
        r#"<rect class="card-shadow" y="2" width="{w}" height="{h}" rx="8"/><rect class="card-body" width="{w}" height="{h}" rx="8"/><rect class="icon" x="12" y="12" width="32" height="32" rx="6" fill="{}"/><text class="card-title" x="54" y="24">{}</text><text class="card-type" x="54" y="41">{}</text>"#,
        icon_fill(n.category),
        esc(&clip_end(&n.id, 20)),
        esc(&clip_type(&n.type_name, 26)),
    );
    if selected {
        let _ = write!(
            out,
            r#"<rect class="shape-ring" x="-3" y="-3" width="{}" height="{}" rx="10"/>"#,
            num(n.rect.width + 6.0),
            num(n.rect.height + 6.0)
        );
    }
    if let Some(b) = badge {
        out.push_str(&badges_markup(s, b, n.rect.width + 6.0, -9.0));
    }
    out.push_str("</g>");
    out
}

/// The look of a container: VPCs and subnets after the AWS architecture diagrams.
fn container_class(type_name: &str) -> &'static str {
    match type_name {
        "AWS::EC2::VPC" => "container c-vpc",
        "AWS::EC2::Subnet" => "container c-subnet",
        _ => "container c-generic",
    }
}

/// A container: a labelled box that resources go into, with resize handles when it
/// is selected on its own.
pub fn container_markup(
    s: &Strings,
    n: &SceneNode,
    badge: Option<&Badge>,
    selected: bool,
    handles: bool,
    detail: Detail,
) -> String {
    let r = n.rect;
    let max_title = ((r.width - 120.0) / 8.0).max(8.0) as usize;
    let mut out = String::with_capacity(1200);
    box_open(
        &mut out,
        container_class(&n.type_name),
        s.container_role,
        n,
        selected,
    );
    if detail == Detail::Full {
        let _ = write!(
            out,
            r#"<rect class="container-body" width="{}" height="{}" rx="10"/><rect class="icon" x="12" y="10" width="24" height="24" rx="5" fill="{}"/><text class="container-title" x="44" y="21">{}</text><text class="container-type" x="44" y="35">{} · {}</text>"#,
            num(r.width),
            num(r.height),
            icon_fill(n.category),
            esc(&clip_end(&n.id, max_title)),
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
    if selected {
        let _ = write!(
            out,
            r#"<rect class="shape-ring" x="-3" y="-3" width="{}" height="{}" rx="12"/>"#,
            num(r.width + 6.0),
            num(r.height + 6.0)
        );
    }
    if let Some(b) = badge {
        if detail != Detail::Full {
            badge_dot(&mut out, b, r.width - 10.0);
        } else {
            out.push_str(&badges_markup(s, b, r.width - 10.0, -9.0));
        }
    }
    if handles {
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

/// The width of a glue label's pill for its text.
/// A relationship: dashed for a reference, dotted for DependsOn, solid with the glue
/// resource's name for a glue resource.
pub fn edge_markup(s: &Strings, e: &SceneEdge, selected: bool, compact: bool) -> String {
    let l = &e.link;
    let what = match l.kind {
        LinkKind::Reference => fill(s.edge_reference, &[&l.from, &l.to, &l.label]),
        LinkKind::DependsOn => fill(s.edge_depends, &[&l.from, &l.to]),
        LinkKind::Glue => fill(s.edge_glue, &[&l.from, &l.to, &l.label]),
    };
    let d = e.route.path();
    let mut out = String::with_capacity(400 + 2 * d.len());
    let _ = write!(
        out,
        r#"<g class="edge {}{}" data-edge="{}" data-from="{}" data-to="{}" role="button" aria-label="{}" aria-pressed="{selected}">{}<path class="edge-line" d="{d}"/>"#,
        edge_kind(l.kind),
        if selected { " selected" } else { "" },
        esc(&e.key),
        esc(&l.from),
        esc(&l.to),
        esc(&what),
        // Far zoomed out the line itself is what the pointer finds.
        if compact {
            String::new()
        } else {
            format!(r#"<path class="edge-hit" d="{d}"/>"#)
        },
    );
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
    out.push_str("</g>");
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
            "EC2::SubnetRouteTableAs…"
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
        }
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
        let card = card_markup(s, &node(false), Some(&badge), true, Detail::Full);
        assert!(
            card.starts_with(r#"<g class="shape card has-errors selected" data-id="Web""#),
            "{card}"
        );
        assert!(card.contains(r#"aria-label="Web""#));
        assert!(card.contains(r#"transform="translate(40 80)""#));
        assert!(card.contains("E3003: needs &lt;VpcId&gt;"));
        // In Korean the tip is headed by what the rule checks.
        let ko = card_markup(
            Lang::Ko.strings(),
            &node(false),
            Some(&badge),
            false,
            Detail::Full,
        );
        assert!(
            ko.contains("필수 리소스 속성이 있어야 함 (E3003: needs &lt;VpcId&gt;)"),
            "{ko}"
        );
        assert!(card.contains(r#"aria-label="1 errors, 2 warnings""#));
        assert!(card.contains("shape-ring"));
        assert!(!card_markup(s, &node(false), None, false, Detail::Full).contains("badges"));
        let compact = card_markup(s, &node(false), Some(&badge), false, Detail::Icon);
        assert!(!compact.contains("<text") && compact.contains(r#"aria-label="Web""#));
        let label = card_markup(s, &node(false), None, false, Detail::Label);
        assert_eq!(label.matches("<text").count(), 1);
        assert_eq!(Detail::at(1.0), Detail::Full);
        assert_eq!(Detail::at(0.27), Detail::Label);
        assert_eq!(Detail::at(0.1), Detail::Icon);
        let vpc = container_markup(s, &node(true), None, true, true, Detail::Full);
        assert_eq!(vpc.matches("data-handle=").count(), 8);
        assert!(vpc.contains("c-vpc"));
    }
}
