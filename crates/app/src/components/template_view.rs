//! A read-only, monospaced view of the template with line numbers and light YAML
//! colouring. The numbers sit in their own column, so copying the text leaves them out.

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

#[component(TemplateView)]
pub fn template_view(props: &TemplateViewProps) -> Html {
    let lines: Vec<&str> = props.text.lines().collect();
    let numbers: String = (1..=lines.len().max(1))
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    let code = lines.iter().enumerate().map(|(i, line)| {
        let pieces = tokenize(line).into_iter().map(|t| match t {
            Token::Plain(x) => html! { { x } },
            Token::Key(x) => html! { <span class="tok-key">{ x }</span> },
            Token::Punct(x) => html! { <span class="tok-punct">{ x }</span> },
            Token::Str(x) => html! { <span class="tok-str">{ x }</span> },
            Token::Comment(x) => html! { <span class="tok-comment">{ x }</span> },
        });
        html! { <span class="code-line" key={i}>{ for pieces }{ "\n" }</span> }
    });
    html! {
        <div class="code-view">
            <pre class="code-gutter" aria-hidden="true">{ numbers }</pre>
            <pre class="code-text" tabindex="0" role="textbox" aria-readonly="true" aria-multiline="true"
                aria-label={props.label.clone()}><code>{ for code }</code></pre>
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
}
