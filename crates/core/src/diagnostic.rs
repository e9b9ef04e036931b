//! Findings about a template, from the parser and the validator alike: a rule id, a
//! severity, a message and where it applies, as editors and CI reports need them.

use crate::template::Pos;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// A cfn-lint rule id where the rule is the same (`E3012`), Formwork's own
    /// (`FW...`) otherwise.
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    /// The element concerned, as `Resources/Web/Properties/SubnetId`; empty for the
    /// whole template.
    pub path: String,
    /// Where in the source text, when the element was read from text.
    pub pos: Option<Pos>,
}

impl Diagnostic {
    pub fn new(rule: &'static str, severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            severity,
            message: message.into(),
            path: String::new(),
            pos: None,
        }
    }

    pub fn at(mut self, path: impl Into<String>, pos: Pos) -> Self {
        self.path = path.into();
        self.pos = pos.is_known().then_some(pos);
        self
    }
}
