//! A read-only, monospaced view of the template with line numbers and light YAML
//! colouring. The numbers sit in their own column, so copying the text leaves them out.
//! A long template (thousands of lines with its layout metadata) is drawn only around
//! the part scrolled into view, so opening a large template stays fast.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TemplateViewProps {
    pub text: AttrValue,
    /// The accessible name of the code block.
    pub label: AttrValue,
}

/// One coloured piece of a YAML line.
#[derive(Debug, PartialEq, Eq)]
pub enum Token<'a> {
    Plain(&'a str),
    Key(&'a str),
    Punct(&'a str),
    Str(&'a str),
    Comment(&'a str),
}

/// Splits a YAML line into coloured pieces: indentation and list dashes, a `key:`,
/// and a value that is a quoted string, a comment or plain text.
pub fn tokenize(line: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let body_start = line.len() - line.trim_start_matches([' ', '-']).len();
    if body_start > 0 {
        out.push(Token::Plain(&line[..body_start]));
    }
    let body = &line[body_start..];
    if body.starts_with('#') {
        out.push(Token::Comment(body));
        return out;
    }
    let mut rest = body;
    if !body.starts_with(['"', '\''])
        && let Some(i) = body
            .find(": ")
            .or_else(|| body.strip_suffix(':').map(|k| k.len()))
    {
        out.push(Token::Key(&body[..i]));
        out.push(Token::Punct(":"));
        rest = &body[i + 1..];
    }
    let value = rest.trim_start();
    let lead = &rest[..rest.len() - value.len()];
    if !lead.is_empty() {
        out.push(Token::Plain(lead));
    }
    if value.is_empty() {
        return out;
    }
    if value.starts_with('#') {
        out.push(Token::Comment(value));
    } else if value.starts_with(['"', '\'']) {
        out.push(Token::Str(value));
    } else {
        out.push(Token::Plain(value));
    }
    out
}

/// Line height and vertical padding of the code view, in CSS pixels (as styled).
const LINE_HEIGHT: f64 = 20.0;
const PAD: f64 = 8.0;
/// Texts up to this many lines are drawn whole; longer ones only around what is visible.
const WHOLE_LIMIT: usize = 400;
/// Lines drawn beyond the visible ones, above and below; the window moves in steps of it.
const SLACK: usize = 40;

fn line_html(i: usize, line: &str) -> Html {
    let pieces = tokenize(line).into_iter().map(|t| match t {
        Token::Plain(x) => html! { { x } },
        Token::Key(x) => html! { <span class="tok-key">{ x }</span> },
        Token::Punct(x) => html! { <span class="tok-punct">{ x }</span> },
        Token::Str(x) => html! { <span class="tok-str">{ x }</span> },
        Token::Comment(x) => html! { <span class="tok-comment">{ x }</span> },
    });
    html! { <span class="code-line" key={i}>{ for pieces }{ "\n" }</span> }
}

/// The lines of a text and the length of the longest, computed once per text.
struct Lines {
    starts: Vec<(usize, usize)>,
    widest: usize,
}

impl Lines {
    fn of(text: &str) -> Lines {
        let mut starts = Vec::new();
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let body = line.strip_suffix('\n').unwrap_or(line);
            starts.push((offset, offset + body.len()));
            offset += line.len();
        }
        let widest = starts
            .iter()
            .map(|&(a, b)| text[a..b].chars().count())
            .max()
            .unwrap_or(0);
        Lines { starts, widest }
    }
}

/// The first line to draw for a scroll position: a multiple of [`SLACK`], one step above.
pub fn window_start(scroll_top: f64) -> usize {
    let first_visible = ((scroll_top - PAD).max(0.0) / LINE_HEIGHT) as usize;
    (first_visible / SLACK).saturating_sub(1) * SLACK
}

#[component(TemplateView)]
pub fn template_view(props: &TemplateViewProps) -> Html {
    let lines = use_memo(props.text.clone(), |t| Lines::of(t));
    let scroll_ref = use_node_ref();
    let first = use_state_eq(|| 0usize);
    let height = use_state_eq(|| 1200.0f64);
    let n = lines.starts.len().max(1);
    let whole = n <= WHOLE_LIMIT;

    let on_scroll = {
        let first = first.clone();
        let height = height.clone();
        let scroll_ref = scroll_ref.clone();
        Callback::from(move |_: Event| {
            if let Some(el) = scroll_ref.cast::<web_sys::Element>() {
                first.set(window_start(el.scroll_top() as f64));
                height.set(el.client_height() as f64);
            }
        })
    };

    let text = &props.text;
    let (from, to) = if whole {
        (0, lines.starts.len())
    } else {
        let visible = (*height / LINE_HEIGHT).ceil() as usize;
        let from = (*first).min(lines.starts.len());
        (from, (from + visible + 3 * SLACK).min(lines.starts.len()))
    };
    let numbers: String = (from + 1..=to.max(from + 1))
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    let code = lines.starts[from..to]
        .iter()
        .enumerate()
        .map(|(i, &(a, b))| line_html(from + i, &text[a..b]));
    let offset = from as f64 * LINE_HEIGHT;
    let total = n as f64 * LINE_HEIGHT + 2.0 * PAD;
    let sizer = if whole {
        String::new()
    } else {
        format!("height:{total}px")
    };
    let shift = if whole {
        String::new()
    } else {
        format!("padding-top:{}px", PAD + offset)
    };
    html! {
        <div class="code-view" ref={scroll_ref} onscroll={on_scroll}>
            <div class="code-sizer" style={sizer}>
                <pre class="code-gutter" aria-hidden="true" style={shift.clone()}>{ numbers }</pre>
                <pre class="code-text" tabindex="0" role="textbox" aria-readonly="true" aria-multiline="true"
                    aria-label={props.label.clone()} style={format!("{shift};min-width:calc({}ch + 32px)", lines.widest)}>
                    <code>{ for code }</code>
                </pre>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn lines_split_into_key_and_value() {
        assert_eq!(
            tokenize("AWSTemplateFormatVersion: \"2010-09-09\""),
            vec![
                Token::Key("AWSTemplateFormatVersion"),
                Token::Punct(":"),
                Token::Plain(" "),
                Token::Str("\"2010-09-09\"")
            ]
        );
        assert_eq!(
            tokenize("  EC2VPC:"),
            vec![Token::Plain("  "), Token::Key("EC2VPC"), Token::Punct(":")]
        );
        assert_eq!(
            tokenize("    Type: AWS::EC2::VPC"),
            vec![
                Token::Plain("    "),
                Token::Key("Type"),
                Token::Punct(":"),
                Token::Plain(" "),
                Token::Plain("AWS::EC2::VPC")
            ]
        );
        assert_eq!(tokenize("# note"), vec![Token::Comment("# note")]);
        assert_eq!(tokenize(""), vec![]);
    }

    #[wasm_bindgen_test]
    fn long_texts_draw_a_window_around_the_view() {
        assert_eq!(window_start(0.0), 0);
        assert_eq!(window_start(PAD + 39.0 * LINE_HEIGHT), 0);
        assert_eq!(window_start(PAD + 85.0 * LINE_HEIGHT), SLACK);
        let l = Lines::of("a: 1\nlonger: line\n\nz");
        assert_eq!(l.starts.len(), 4);
        assert_eq!(l.widest, 12);
    }
}
