//! Hand-drawn SVG glyphs: the logo, one mark per service category, and the small
//! interface icons. All are decorative (`aria-hidden`); the controls carrying them
//! have their own names.

use yew::prelude::*;

use formwork_core::catalog::curated::Category;

use crate::catalog::{category_color, category_slug};

/// The Formwork mark: an "F" built from formwork boards, with one node block.
#[component(Logo)]
pub fn logo(props: &LogoProps) -> Html {
    let size = props.size.to_string();
    html! {
        <svg class="logo" width={size.clone()} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <defs>
                <linearGradient id="fw-logo-g" x1="0" y1="0" x2="1" y2="1">
                    <stop offset="0" stop-color="#FFB547"/>
                    <stop offset="1" stop-color="#F06B0A"/>
                </linearGradient>
            </defs>
            <rect width="32" height="32" rx="7" fill="url(#fw-logo-g)"/>
            <path d="M9 7.5h14v4H13.5v3H21v4h-7.5v6H9z" fill="#fff"/>
            <rect x="18.5" y="20.5" width="5" height="5" rx="1.2" fill="#1B2330"/>
        </svg>
    }
}

#[derive(Properties, PartialEq)]
pub struct LogoProps {
    #[prop_or(24)]
    pub size: u32,
}

#[derive(Properties, PartialEq)]
pub struct ServiceIconProps {
    pub category: Category,
    #[prop_or(24.0)]
    pub size: f64,
    /// The resource type, whose AWS Architecture Icon covers the tile once AWS's
    /// icons have arrived (their style sheet fills `.aws-icon [data-type] .icon`).
    #[prop_or_default]
    pub type_name: Option<AttrValue>,
}

/// A category tile: the category colour with a white glyph, drawn by the stylesheet
/// (see [`icon_styles`]); for a resource type, AWS's icon over it when there is one.
#[component(ServiceIcon)]
pub fn service_icon(props: &ServiceIconProps) -> Html {
    ensure_icon_styles();
    let c = props.category;
    html! {
        <span class={classes!("service-icon", category_slug(c), props.type_name.is_some().then_some("aws-icon"))} aria-hidden="true"
            style={format!("width:{0}px;height:{0}px", props.size)}>
            if let Some(t) = &props.type_name {
                <svg data-type={t.clone()} viewBox="0 0 24 24" width="100%" height="100%">
                    <rect class="icon" width="24" height="24" rx="4"/>
                </svg>
            }
        </span>
    }
}

thread_local! {
    static ICON_STYLES: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Adds the icons' stylesheet to the page, once.
fn ensure_icon_styles() {
    if ICON_STYLES.with(|done| done.replace(true)) {
        return;
    }
    let document = gloo::utils::document();
    if let (Ok(style), Some(head)) = (document.create_element("style"), document.head()) {
        style.set_text_content(Some(&icon_styles()));
        let _ = head.append_child(&style);
    }
}

/// The icons as the stylesheet draws them, one rule each: the category tiles as
/// background images, the interface icons as masks over the text colour. The page
/// then carries no `<svg>` per icon: every `<svg>` is a piece the browser handles on
/// each frame, and the palette's 250 service groups and a form's 60 field icons made
/// each frame of the canvas 6 ms slower.
pub fn icon_styles() -> String {
    let mut css: String = Category::ALL
        .iter()
        .map(|&c| {
            let svg = format!(
                "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'><rect width='32' height='32' rx='6' fill='{}'/><g fill='none' stroke='#fff' stroke-width='1.9' stroke-linecap='round' stroke-linejoin='round'>{}</g></svg>",
                category_color(c),
                glyph(c).replace('"', "'"),
            );
            format!(
                ".service-icon.{}{{background-image:url(\"data:image/svg+xml,{}\")}}\n",
                category_slug(c),
                url_escape(&svg)
            )
        })
        .collect();
    for icon in Ui::ALL {
        let svg = format!(
            "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16' fill='none' stroke='black' stroke-width='1.5' stroke-linecap='round' stroke-linejoin='round'>{}</svg>",
            ui_glyph(icon).replace('"', "'")
        );
        css.push_str(&format!(
            ".ui-icon.{}{{--icon:url(\"data:image/svg+xml,{}\")}}\n",
            ui_slug(icon),
            url_escape(&svg)
        ));
    }
    css
}

/// What a data URL cannot carry as it is.
fn url_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '#' => out.push_str("%23"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '"' => out.push_str("%22"),
            c => out.push(c),
        }
    }
    out
}

/// A category's white glyph, as SVG markup (static text is far smaller in the wasm
/// than the same elements built by `html!`).
fn glyph(c: Category) -> &'static str {
    match c {
        Category::Compute => {
            "<rect x=\"10\" y=\"10\" width=\"12\" height=\"12\" rx=\"1.5\"/> <path d=\"M13 6.5v3.5M19 6.5v3.5M13 22v3.5M19 22v3.5M6.5 13H10M6.5 19H10M22 13h3.5M22 19h3.5\"/>"
        }
        Category::Containers => {
            "<rect x=\"6.5\" y=\"16\" width=\"8.5\" height=\"8.5\" rx=\"1\"/> <rect x=\"17\" y=\"16\" width=\"8.5\" height=\"8.5\" rx=\"1\"/> <rect x=\"11.75\" y=\"6.5\" width=\"8.5\" height=\"8.5\" rx=\"1\"/>"
        }
        Category::Storage => {
            "<ellipse cx=\"16\" cy=\"10\" rx=\"8.5\" ry=\"2.8\"/> <path d=\"M7.5 10l2 13.2c.3 1.6 3 2.6 6.5 2.6s6.2-1 6.5-2.6l2-13.2\"/>"
        }
        Category::Database => {
            "<ellipse cx=\"16\" cy=\"9\" rx=\"8\" ry=\"3\"/> <path d=\"M8 9v14c0 1.7 3.6 3 8 3s8-1.3 8-3V9M8 16c0 1.7 3.6 3 8 3s8-1.3 8-3\"/>"
        }
        Category::Networking => {
            "<circle cx=\"16\" cy=\"16\" r=\"3.2\"/> <circle cx=\"8\" cy=\"8\" r=\"2.2\"/> <circle cx=\"24\" cy=\"8\" r=\"2.2\"/> <circle cx=\"8\" cy=\"24\" r=\"2.2\"/> <circle cx=\"24\" cy=\"24\" r=\"2.2\"/> <path d=\"M9.6 9.6l4.1 4.1M22.4 9.6l-4.1 4.1M9.6 22.4l4.1-4.1M22.4 22.4l-4.1-4.1\"/>"
        }
        Category::LoadBalancing => {
            "<circle cx=\"9\" cy=\"16\" r=\"3\"/> <path d=\"M12 16h3.5M15.5 16l8-7.5M15.5 16h8M15.5 16l8 7.5\"/> <circle cx=\"24.5\" cy=\"8.5\" r=\"1.6\"/> <circle cx=\"24.5\" cy=\"16\" r=\"1.6\"/> <circle cx=\"24.5\" cy=\"23.5\" r=\"1.6\"/>"
        }
        Category::ContentDelivery => {
            "<circle cx=\"16\" cy=\"16\" r=\"9\"/> <path d=\"M7 16h18M16 7c2.6 2.4 3.8 5.4 3.8 9s-1.2 6.6-3.8 9M16 7c-2.6 2.4-3.8 5.4-3.8 9s1.2 6.6 3.8 9\"/>"
        }
        Category::Security => {
            "<path d=\"M16 6l8.5 3.2v6.3c0 5.1-3.6 8.8-8.5 10.5-4.9-1.7-8.5-5.4-8.5-10.5V9.2z\"/> <path d=\"M12.3 16.2l2.6 2.6 4.8-5.2\"/>"
        }
        Category::Management => {
            "<path d=\"M6.5 21.5a9.5 9.5 0 1 1 19 0\"/> <path d=\"M16 21.5l5-6.2\"/> <circle cx=\"16\" cy=\"21.5\" r=\"1.4\" fill=\"#fff\"/> <path d=\"M6.5 25h19\"/>"
        }
        Category::Integration => {
            "<path d=\"M7 12h16.5M19.5 8l4 4-4 4\"/> <path d=\"M25 20H8.5M12.5 16l-4 4 4 4\"/>"
        }
        Category::Analytics => "<path d=\"M6.5 25.5h19M9.5 22v-6M14 22V9M18.5 22v-8.5M23 22V12\"/>",
        Category::Other => {
            "<path d=\"M16 6.5l8.5 4.8v9.4L16 25.5l-8.5-4.8v-9.4z\"/> <path d=\"M7.5 11.3l8.5 4.8 8.5-4.8M16 16.1v9.4\"/>"
        }
    }
}

/// Where AWS's Architecture Icons wait, and the id of the hidden `<svg>` that holds
/// them on the page (written by `scripts/aws-icons.mjs`).
pub const AWS_ICONS_URL: &str = "aws-icons.svg";
pub const AWS_ICONS_ID: &str = "fw-aws-icons";

/// Puts AWS's icons on the page: their patterns, and the style sheet that paints a
/// box's icon with its type's (the category tiles stay for every other type, and
/// until the file arrives). Loaded after the first paint, so the first load does not
/// carry them; the canvas needs no new drawing when they come.
pub async fn load_aws_icons() {
    let document = gloo::utils::document();
    if let (Some(markup), Some(body)) =
        (crate::dom::fetch_text(AWS_ICONS_URL).await, document.body())
    {
        let _ = body.insert_adjacent_html("beforeend", &markup);
    }
}

/// The paint of a category's icon in the canvas (see [`IconPatterns`]).
pub fn icon_fill(c: Category) -> String {
    format!("url(#fw-icon-{})", category_slug(c))
}

/// One `<pattern>` per category, drawn once in the canvas `<defs>`: each box paints a
/// rectangle with its category's pattern. That is one element per icon, with no
/// shadow tree to style and lay out as `<use>` would have, which keeps a large
/// diagram quick to draw.
#[component(IconPatterns)]
pub fn icon_patterns() -> Html {
    let markup: String = Category::ALL
        .iter()
        .map(|&c| {
            format!(
                r##"<pattern id="fw-icon-{}" width="1" height="1" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="{}"/><g fill="none" stroke="#fff" stroke-width="1.9" stroke-linecap="round" stroke-linejoin="round">{}</g></pattern>"##,
                category_slug(c),
                category_color(c),
                glyph(c)
            )
        })
        .collect();
    Html::from_html_unchecked(AttrValue::from(markup))
}

/// A 16 px interface icon drawn with the current text colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ui {
    Plus,
    Minus,
    Fit,
    Target,
    Search,
    Chevron,
    Close,
    Copy,
    Download,
    External,
    Trash,
    Cursor,
    Keyboard,
    Info,
    Check,
    Globe,
    Undo,
    Redo,
    Grid,
    Layout,
    Link,
    Warning,
    Error,
    Play,
    Pause,
    Step,
    Reset,
}

#[derive(Properties, PartialEq)]
pub struct UiIconProps {
    pub icon: Ui,
    #[prop_or(16)]
    pub size: u32,
}

#[component(UiIcon)]
pub fn ui_icon(props: &UiIconProps) -> Html {
    ensure_icon_styles();
    html! {
        <span class={classes!("ui-icon", ui_slug(props.icon))} aria-hidden="true"
            style={format!("width:{0}px;height:{0}px", props.size)}></span>
    }
}

impl Ui {
    pub const ALL: [Ui; 27] = [
        Ui::Plus,
        Ui::Minus,
        Ui::Fit,
        Ui::Target,
        Ui::Search,
        Ui::Chevron,
        Ui::Close,
        Ui::Copy,
        Ui::Download,
        Ui::External,
        Ui::Trash,
        Ui::Cursor,
        Ui::Keyboard,
        Ui::Info,
        Ui::Check,
        Ui::Globe,
        Ui::Undo,
        Ui::Redo,
        Ui::Grid,
        Ui::Layout,
        Ui::Link,
        Ui::Warning,
        Ui::Error,
        Ui::Play,
        Ui::Pause,
        Ui::Step,
        Ui::Reset,
    ];
}

/// An interface icon's class.
fn ui_slug(icon: Ui) -> &'static str {
    match icon {
        Ui::Plus => "i-plus",
        Ui::Minus => "i-minus",
        Ui::Fit => "i-fit",
        Ui::Target => "i-target",
        Ui::Search => "i-search",
        Ui::Chevron => "i-chevron",
        Ui::Close => "i-close",
        Ui::Copy => "i-copy",
        Ui::Download => "i-download",
        Ui::External => "i-external",
        Ui::Trash => "i-trash",
        Ui::Cursor => "i-cursor",
        Ui::Keyboard => "i-keyboard",
        Ui::Info => "i-info",
        Ui::Check => "i-check",
        Ui::Globe => "i-globe",
        Ui::Undo => "i-undo",
        Ui::Redo => "i-redo",
        Ui::Grid => "i-grid",
        Ui::Layout => "i-layout",
        Ui::Link => "i-link",
        Ui::Warning => "i-warning",
        Ui::Error => "i-error",
        Ui::Play => "i-play",
        Ui::Pause => "i-pause",
        Ui::Step => "i-step",
        Ui::Reset => "i-reset",
    }
}

/// An interface icon's strokes on a 16-unit square, as SVG markup.
fn ui_glyph(icon: Ui) -> &'static str {
    match icon {
        Ui::Plus => "<path d=\"M8 3.5v9M3.5 8h9\"/>",
        Ui::Minus => "<path d=\"M3.5 8h9\"/>",
        Ui::Fit => {
            "<path d=\"M2.5 6V3.5a1 1 0 0 1 1-1H6M10 2.5h2.5a1 1 0 0 1 1 1V6M13.5 10v2.5a1 1 0 0 1-1 1H10M6 13.5H3.5a1 1 0 0 1-1-1V10\"/>"
        }
        Ui::Target => {
            "<circle cx=\"8\" cy=\"8\" r=\"5.5\"/><circle cx=\"8\" cy=\"8\" r=\"1.6\" fill=\"black\" stroke=\"none\"/><path d=\"M8 1v2M8 13v2M1 8h2M13 8h2\"/>"
        }
        Ui::Search => "<circle cx=\"7\" cy=\"7\" r=\"4.25\"/><path d=\"M10.2 10.2l3.3 3.3\"/>",
        Ui::Chevron => "<path d=\"M6 4l4 4-4 4\"/>",
        Ui::Close => "<path d=\"M4 4l8 8M12 4l-8 8\"/>",
        Ui::Copy => {
            "<rect x=\"5.5\" y=\"5.5\" width=\"8\" height=\"8\" rx=\"1.5\"/><path d=\"M10.5 3.5V3a1 1 0 0 0-1-1H3.5a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1H4\"/>"
        }
        Ui::Download => "<path d=\"M8 2.5v8M4.5 7L8 10.5 11.5 7M3 13.5h10\"/>",
        Ui::External => {
            "<path d=\"M9.5 2.5h4v4M13.5 2.5L7.5 8.5M12 9.5v3a1 1 0 0 1-1 1H3.5a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1h3\"/>"
        }
        Ui::Trash => {
            "<path d=\"M2.5 4.5h11M6 4.5V3a1 1 0 0 1 1-1h2a1 1 0 0 1 1 1v1.5M4 4.5l.7 8.6a1 1 0 0 0 1 .9h4.6a1 1 0 0 0 1-.9l.7-8.6\"/>"
        }
        Ui::Cursor => "<path d=\"M3.5 2.5l9 4-4 1.5-1.5 4z\"/>",
        Ui::Keyboard => {
            "<rect x=\"1.5\" y=\"4\" width=\"13\" height=\"8.5\" rx=\"1.5\"/><path d=\"M4.5 7h.01M7 7h.01M9.5 7h.01M12 7h.01M5 9.7h6\"/>"
        }
        Ui::Info => "<circle cx=\"8\" cy=\"8\" r=\"6\"/><path d=\"M8 7.2v4M8 5v.01\"/>",
        Ui::Check => "<path d=\"M3.5 8.5l3 3 6-7\"/>",
        Ui::Undo => "<path d=\"M5.5 4.5L2.5 7.5l3 3M2.5 7.5h7a4 4 0 0 1 0 8H7\"/>",
        Ui::Redo => "<path d=\"M10.5 4.5l3 3-3 3M13.5 7.5h-7a4 4 0 0 0 0 8H9\"/>",
        Ui::Grid => {
            "<rect x=\"2.5\" y=\"2.5\" width=\"11\" height=\"11\" rx=\"1.5\"/><path d=\"M6.2 2.5v11M9.8 2.5v11M2.5 6.2h11M2.5 9.8h11\"/>"
        }
        Ui::Layout => {
            "<rect x=\"1.5\" y=\"2.5\" width=\"5\" height=\"4\" rx=\"1\"/><rect x=\"9.5\" y=\"2.5\" width=\"5\" height=\"4\" rx=\"1\"/><rect x=\"5.5\" y=\"10\" width=\"5\" height=\"4\" rx=\"1\"/><path d=\"M4 6.5v1.7h8V6.5M8 8.2V10\"/>"
        }
        Ui::Link => {
            "<path d=\"M6.5 9.5l3-3M7 4.5l1.2-1.2a2.5 2.5 0 0 1 3.5 3.5L10.5 8M9 11.5l-1.2 1.2a2.5 2.5 0 0 1-3.5-3.5L5.5 8\"/>"
        }
        Ui::Warning => "<path d=\"M8 2.2l6.2 11H1.8z\"/><path d=\"M8 6.5v3M8 11.3v.01\"/>",
        Ui::Error => {
            "<circle cx=\"8\" cy=\"8\" r=\"6\"/><path d=\"M5.8 5.8l4.4 4.4M10.2 5.8l-4.4 4.4\"/>"
        }
        Ui::Globe => {
            "<circle cx=\"8\" cy=\"8\" r=\"6\"/><path d=\"M2 8h12M8 2c1.8 1.7 2.6 3.7 2.6 6S9.8 12.3 8 14M8 2C6.2 3.7 5.4 5.7 5.4 8s.8 4.3 2.6 6\"/>"
        }
        Ui::Play => "<path d=\"M4.5 2.8v10.4L13 8z\" fill=\"black\"/>",
        Ui::Pause => "<path d=\"M5 3v10M11 3v10\"/>",
        Ui::Step => "<path d=\"M3.5 3.2v9.6L10 8z\" fill=\"black\"/><path d=\"M12.5 3v10\"/>",
        Ui::Reset => "<path d=\"M3 8a5 5 0 1 0 1.5-3.6M3 2.5v2.8h2.8\"/>",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn each_icon_has_a_rule_that_a_browser_reads() {
        let css = icon_styles();
        for c in Category::ALL {
            let rule = css
                .lines()
                .find(|l| l.starts_with(&format!(".service-icon.{}{{", category_slug(c))))
                .expect("a rule per category");
            let url = rule
                .split_once("data:image/svg+xml,")
                .and_then(|(_, rest)| rest.strip_suffix("\")}"))
                .expect("a data URL");
            assert!(!url.contains(['#', '"', '<', '>']), "{url}");
            assert!(url.contains("%23"), "the colour's # is escaped: {url}");
        }
        for icon in Ui::ALL {
            let rule = css
                .lines()
                .find(|l| l.starts_with(&format!(".ui-icon.{}{{", ui_slug(icon))))
                .expect("a rule per interface icon");
            assert!(!rule.contains("currentColor"), "{rule}");
        }
        assert_eq!(css.lines().count(), Category::ALL.len() + Ui::ALL.len());
    }
}
