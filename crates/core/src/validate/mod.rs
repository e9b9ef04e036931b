//! The validator: what is wrong with a template before CloudFormation says so.
//!
//! Each module checks one concern and adds findings to a shared [`Check`]; rule ids
//! are cfn-lint's where the rule is the same (so people and tools recognise them) and
//! Formwork's own (`FW...`) for what no linter checks, chiefly architecture mistakes.
//! A finding carries the element's path and, when it was read from text, its line and
//! column. The validator never panics and never stops at the first finding.

mod addressing;
mod auto_scaling;
mod conditions;
mod cycles;
mod databases;
mod instances;
mod load_balancers;
mod outputs;
mod parameters;
mod references;
pub(crate) mod resolve;
mod schema;
mod sections;
mod security_groups;
mod topology;
mod yaml_booleans;

pub use parameters::constraint_problem as parameter_value_problem;
pub use parameters::{AWS_TYPES as AWS_PARAMETER_TYPES, PLAIN_TYPES as PLAIN_PARAMETER_TYPES};
pub use resolve::Deployment;

use std::collections::BTreeSet;

use crate::catalog::Catalog;
use crate::diagnostic::{Diagnostic, Severity};
use crate::template::{self, Node, Pos, Section, Template};

/// The pseudo parameters every template can `Ref`.
pub const PSEUDO_PARAMETERS: &[&str] = &[
    "AWS::AccountId",
    "AWS::NotificationARNs",
    "AWS::NoValue",
    "AWS::Partition",
    "AWS::Region",
    "AWS::StackId",
    "AWS::StackName",
    "AWS::URLSuffix",
];

/// The names a template defines, gathered once for every rule.
pub(crate) struct Names<'a> {
    pub resources: BTreeSet<&'a str>,
    pub parameters: BTreeSet<&'a str>,
    pub conditions: BTreeSet<&'a str>,
    pub mappings: BTreeSet<&'a str>,
    /// The template uses a transform (SAM, macros), which may define more names and
    /// types than the text shows.
    pub transformed: bool,
}

impl<'a> Names<'a> {
    fn of(t: &'a Template) -> Self {
        let keys = |s: Section| -> BTreeSet<&'a str> {
            t.section_map(s)
                .map(|m| m.keys().collect())
                .unwrap_or_default()
        };
        Names {
            resources: t.resources().map(|r| r.id).collect(),
            parameters: keys(Section::Parameters),
            conditions: keys(Section::Conditions),
            mappings: keys(Section::Mappings),
            transformed: t.section(Section::Transform).is_some(),
        }
    }
}

/// A validation in progress: the template, what it names, and the findings so far.
pub(crate) struct Check<'a> {
    pub template: &'a Template,
    pub catalog: &'a Catalog,
    pub names: Names<'a>,
    pub findings: Vec<Diagnostic>,
}

impl Check<'_> {
    pub fn report(
        &mut self,
        rule: &'static str,
        severity: Severity,
        path: String,
        pos: Pos,
        message: impl Into<String>,
    ) {
        self.findings
            .push(Diagnostic::new(rule, severity, message).at(path, pos));
    }

    pub fn error(
        &mut self,
        rule: &'static str,
        path: String,
        pos: Pos,
        message: impl Into<String>,
    ) {
        self.report(rule, Severity::Error, path, pos, message);
    }

    pub fn warning(
        &mut self,
        rule: &'static str,
        path: String,
        pos: Pos,
        message: impl Into<String>,
    ) {
        self.report(rule, Severity::Warning, path, pos, message);
    }
}

/// Every finding about a template, in source order.
pub fn validate(template: &Template, catalog: &Catalog) -> Vec<Diagnostic> {
    let mut check = Check {
        template,
        catalog,
        names: Names::of(template),
        findings: Vec::new(),
    };
    sections::check(&mut check);
    parameters::check(&mut check);
    conditions::check(&mut check);
    schema::check(&mut check);
    references::check(&mut check);
    cycles::check(&mut check);
    outputs::check(&mut check);
    addressing::check(&mut check);
    auto_scaling::check(&mut check);
    load_balancers::check(&mut check);
    security_groups::check(&mut check);
    databases::check(&mut check);
    instances::check(&mut check);
    yaml_booleans::check(&mut check);
    let mut findings = check.findings;
    findings.sort_by(|a, b| {
        (a.pos.unwrap_or_default(), a.rule, &a.path).cmp(&(
            b.pos.unwrap_or_default(),
            b.rule,
            &b.path,
        ))
    });
    findings.dedup();
    findings
}

/// Reads and validates a template: the parse error as E0000 when it cannot be read,
/// else the reader's warnings and the validator's findings.
pub fn validate_text(text: &str, catalog: &Catalog) -> Vec<Diagnostic> {
    match template::parse(text) {
        Err(e) => vec![e.to_diagnostic()],
        Ok(imported) => {
            // The validator reports unknown sections and attributes itself, as E1001
            // and E3001 errors; the reader's warnings for them would say it twice.
            let mut findings: Vec<Diagnostic> = imported
                .warnings
                .into_iter()
                .filter(|w| !matches!(w.rule, "FW0003" | "FW0005"))
                .collect();
            findings.extend(validate(&imported.template, catalog));
            // In source order, the reader's warnings among the validator's findings.
            findings.sort_by_key(|d| d.pos.unwrap_or_default());
            findings
        }
    }
}

/// The position of a map entry's key, the usual place to point at.
pub(crate) fn key_pos(map: &template::Map, key: &str) -> Pos {
    map.entry(key).map(|e| e.key.span.start).unwrap_or_default()
}

/// `!Ref AWS::NoValue`: the property is left out.
pub(crate) fn is_no_value(node: &Node) -> bool {
    node.as_fn()
        .is_some_and(|f| f.func == template::Func::Ref && f.arg.as_str() == Some("AWS::NoValue"))
}

/// A node's start, the place to point at for a value.
pub(crate) fn pos(node: &Node) -> Pos {
    node.span.start
}

#[cfg(test)]
mod tests;
