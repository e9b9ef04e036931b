//! The template engine: read YAML or JSON into one document model, write it back as
//! either, losing nothing on the way.
//!
//! Reading never panics: bad input gives a [`ParseError`] with a line and column;
//! what is odd but usable (an unknown tag, a YAML alias, too many resources) gives the
//! template plus warnings.

mod comments;
pub mod designer;
pub mod document;
pub mod intrinsic;
mod json_reader;
mod json_writer;
pub mod language_extensions;
pub mod limits;
pub mod node;
pub mod scalar;
mod source;
mod yaml_reader;
mod yaml_writer;

pub use document::{Resource, ResourceAttr, Section};
pub use intrinsic::Func;
pub use node::{
    Comment, Comments, Entry, FuncForm, Intrinsic, KeyMeta, Line, Map, Node, Number, PathSeg, Pos,
    ScalarStyle, Seq, Span, Style, Tagged, Value, path_string,
};
pub use source::LineEnding;

use crate::diagnostic::{Diagnostic, Severity};

/// The two text forms of a template.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Yaml,
    Json,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Yaml => "YAML",
            Format::Json => "JSON",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Yaml => "yaml",
            Format::Json => "json",
        }
    }
}

/// Why a text could not be read as a template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub pos: Pos,
    pub message: String,
}

impl ParseError {
    pub fn at(pos: Pos, message: impl Into<String>) -> Self {
        ParseError {
            pos,
            message: message.into(),
        }
    }

    /// The error as a finding, rule E0000 as in cfn-lint.
    pub fn to_diagnostic(&self) -> Diagnostic {
        Diagnostic::new("E0000", Severity::Error, self.message.clone()).at("", self.pos)
    }
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.pos, self.message)
    }
}

impl std::error::Error for ParseError {}

/// A finding the reader reports without refusing the template.
pub(crate) fn warning(rule: &'static str, message: String, pos: Pos) -> Diagnostic {
    Diagnostic::new(rule, Severity::Warning, message).at("", pos)
}

/// A template document: the tree of its top-level sections, and how its text began.
#[derive(Clone, Debug)]
pub struct Template {
    /// A mapping of sections, in the order they were written.
    pub root: Node,
    /// The form it was read from; writing it back uses the same one by default.
    pub format: Format,
    /// The YAML text began with `---`.
    pub explicit_start: bool,
    /// Comment lines before the `---`.
    pub leading: Vec<Line>,
    /// The line ending of the text it was read from, used again when writing.
    pub line_ending: LineEnding,
}

/// A template read from text, with what the reader noticed.
#[derive(Clone, Debug)]
pub struct Imported {
    pub template: Template,
    pub warnings: Vec<Diagnostic>,
}

/// Reads a template from YAML or JSON text (JSON when it starts with `{`).
pub fn parse(text: &str) -> Result<Imported, ParseError> {
    if text.len() > limits::MAX_TEMPLATE_BYTES {
        return Err(ParseError::at(
            Pos::new(1, 1),
            format!(
                "the template is {} bytes; CloudFormation accepts at most {} (1 MB)",
                text.len(),
                limits::MAX_TEMPLATE_BYTES
            ),
        ));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (text, line_ending) = source::normalize_line_breaks(text);
    let text = text.as_ref();
    let looks_json = text.trim_start().starts_with('{');
    let (root, format, explicit_start, leading, mut warnings) = if looks_json {
        match json_reader::read(text) {
            Ok(root) => (root, Format::Json, false, Vec::new(), Vec::new()),
            // Flow-style YAML also starts with `{`; report JSON's error only if YAML
            // cannot read it either.
            Err(json_error) => match yaml_reader::read(text) {
                Ok(mut doc) => {
                    doc.warnings.insert(
                        0,
                        warning(
                            "FW0006",
                            format!(
                                "not valid JSON ({}); read as YAML in flow style, which CloudFormation also accepts",
                                json_error.message
                            ),
                            json_error.pos,
                        ),
                    );
                    (
                        doc.root,
                        Format::Yaml,
                        doc.explicit_start,
                        doc.leading,
                        doc.warnings,
                    )
                }
                Err(_) => return Err(json_error),
            },
        }
    } else {
        let doc = yaml_reader::read(text)?;
        (
            doc.root,
            Format::Yaml,
            doc.explicit_start,
            doc.leading,
            doc.warnings,
        )
    };
    if !matches!(root.value, Value::Map(_)) {
        return Err(ParseError::at(
            root.span.start.max(Pos::new(1, 1)),
            format!(
                "a template is a mapping of sections (Resources, Parameters, ...), but this {} holds {}",
                format.name(),
                kind_of(&root)
            ),
        ));
    }
    let template = Template {
        root,
        format,
        explicit_start,
        leading,
        line_ending,
    };
    warnings.extend(document::check_shape(&template));
    Ok(Imported { template, warnings })
}

/// Reads any YAML or JSON value, not only a template: a schema, a fragment, a file of
/// parameter values. The template limits (size, root a mapping) do not apply; nesting
/// is still bounded.
pub fn read_value(text: &str) -> Result<Node, ParseError> {
    let (text, _) = source::normalize_line_breaks(text);
    let text = text.as_ref();
    if text.trim_start().starts_with(['{', '['])
        && let Ok(node) = json_reader::read(text)
    {
        return Ok(node);
    }
    yaml_reader::read(text).map(|doc| doc.root)
}

/// Any value as YAML text that [`read_value`] reads back: a mapping or a list in block
/// style, other values as they would follow a key (`!Ref X`, `'80'`, a block scalar).
pub fn value_to_yaml(node: &Node) -> String {
    if let Value::Map(m) = &node.value
        && !m.is_empty()
    {
        return yaml_writer::write(node, &[], false);
    }
    let mut wrapper = Map::new();
    wrapper.insert("_", node.clone());
    let text = yaml_writer::write(&Node::map(wrapper), &[], false);
    match text.strip_prefix("_:\n") {
        // A block collection under the key: take it out one level.
        Some(body) => body
            .lines()
            .map(|l| l.strip_prefix("  ").unwrap_or(l))
            .fold(String::new(), |mut out, l| {
                out.push_str(l);
                out.push('\n');
                out
            }),
        // A value on the key's line: what follows the key, indentation kept, so a
        // block scalar or a function's block argument still reads as one value.
        None => text.strip_prefix("_: ").unwrap_or(&text).to_string(),
    }
}

/// What a node is, in words for an error ("a list", "a mapping" ...).
pub(crate) fn kind_of(node: &Node) -> &'static str {
    match node.value {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Seq(_) => "a list",
        Value::Map(_) => "a mapping",
        Value::Fn(_) => "a function call",
        Value::Tagged(_) => "a tagged value",
    }
}

impl Template {
    /// A new, empty template: the format version and an empty Resources section.
    pub fn new() -> Template {
        let mut root = Map::new();
        let mut version = Node::string("2010-09-09");
        version.style.scalar = ScalarStyle::SingleQuoted;
        version.style.raw = Some("'2010-09-09'".into());
        root.insert(Section::FormatVersion.key(), version);
        root.insert(Section::Resources.key(), Node::map(Map::new()));
        Template {
            root: Node::map(root),
            format: Format::Yaml,
            explicit_start: false,
            leading: Vec::new(),
            line_ending: LineEnding::Lf,
        }
    }

    /// The text in `format`. YAML from a JSON document gets short-form tags, the way
    /// people write YAML; YAML from YAML keeps each function in the form it was written.
    pub fn emit(&self, format: Format) -> String {
        let text = self.emit_lf(format);
        match self.line_ending {
            LineEnding::Lf => text,
            LineEnding::CrLf => text.replace('\n', "\r\n"),
        }
    }

    fn emit_lf(&self, format: Format) -> String {
        match format {
            Format::Json => json_writer::write(&self.root),
            Format::Yaml if self.format == Format::Json => {
                let mut root = self.root.clone();
                yaml_writer::prefer_short_forms(&mut root);
                yaml_writer::write(&root, &self.leading, self.explicit_start)
            }
            Format::Yaml => yaml_writer::write(&self.root, &self.leading, self.explicit_start),
        }
    }

    pub fn to_yaml(&self) -> String {
        self.emit(Format::Yaml)
    }

    pub fn to_json(&self) -> String {
        self.emit(Format::Json)
    }

    /// Whether writing this template as JSON drops comments (JSON has none).
    pub fn has_comments(&self) -> bool {
        let mut found = self.leading.iter().any(|l| matches!(l, Line::Comment(_)));
        self.root.walk(&mut |_, n| {
            found |= n.comments.trailing.is_some()
                || n.comments
                    .before
                    .iter()
                    .any(|l| matches!(l, Line::Comment(_)));
            if let Value::Map(m) = &n.value {
                found |= m.end.iter().any(|l| matches!(l, Line::Comment(_)))
                    || m.entries.values().any(|e| {
                        e.key.comments.trailing.is_some()
                            || e.key
                                .comments
                                .before
                                .iter()
                                .any(|l| matches!(l, Line::Comment(_)))
                    });
            }
        });
        found
    }

    /// The mapping of top-level sections.
    pub fn sections(&self) -> &Map {
        self.root.as_map().expect("a template's root is a mapping")
    }

    pub fn sections_mut(&mut self) -> &mut Map {
        self.root
            .as_map_mut()
            .expect("a template's root is a mapping")
    }

    pub fn section(&self, section: Section) -> Option<&Node> {
        self.sections().get(section.key())
    }

    /// The entries of a mapping section such as Parameters or Resources.
    pub fn section_map(&self, section: Section) -> Option<&Map> {
        self.section(section)?.as_map()
    }
}

impl Default for Template {
    fn default() -> Self {
        Template::new()
    }
}

#[cfg(test)]
mod roundtrip_props;
#[cfg(test)]
mod tests;
