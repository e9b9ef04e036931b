//! The forms of the inspector as data, so the app only renders them: which fields a
//! resource has (from the catalog) and what each holds ([`fields`]), how typed text
//! becomes a value and back and how a field switches between a plain value and a
//! function ([`value`]), what a `Ref` or `GetAtt` picker offers ([`refs`]), the
//! template-level forms ([`template`]), and the edits the forms make ([`edit`]).

pub mod edit;
pub mod fields;
pub mod refs;
pub mod template;
pub mod value;

pub use edit::FormEdit;

use crate::template::{ResourceAttr, Template};

/// The values a resource's DeletionPolicy can take.
pub const DELETION_POLICIES: [&str; 4] = ["Delete", "Retain", "RetainExceptOnCreate", "Snapshot"];
/// The values a resource's UpdateReplacePolicy can take.
pub const UPDATE_REPLACE_POLICIES: [&str; 3] = ["Delete", "Retain", "Snapshot"];

/// A resource's attributes besides its properties, as the form shows them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attributes {
    pub depends_on: Vec<String>,
    pub condition: Option<String>,
    pub deletion_policy: Option<String>,
    pub update_replace_policy: Option<String>,
    /// The other resources, which DependsOn can name.
    pub others: Vec<String>,
    /// The template's conditions, which Condition can name.
    pub conditions: Vec<String>,
}

pub fn attributes(template: &Template, id: &str) -> Option<Attributes> {
    let r = template.resource(id)?;
    let text = |a: ResourceAttr| {
        r.attr(a)
            .and_then(|n| n.scalar_text())
            .map(|t| t.into_owned())
    };
    Some(Attributes {
        depends_on: r.depends_on().into_iter().map(str::to_string).collect(),
        condition: text(ResourceAttr::Condition),
        deletion_policy: text(ResourceAttr::DeletionPolicy),
        update_replace_policy: text(ResourceAttr::UpdateReplacePolicy),
        others: template
            .resources()
            .filter(|o| o.id != id)
            .map(|o| o.id.to_string())
            .collect(),
        conditions: template::condition_names(template),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::parse;

    #[test]
    fn attributes_read_from_the_declaration() {
        let t = parse(
            "Conditions:\n  C: !Equals [a, a]\nResources:\n  A:\n    Type: AWS::SQS::Queue\n    DependsOn: [B]\n    Condition: C\n    DeletionPolicy: Retain\n  B:\n    Type: AWS::SQS::Queue\n",
        )
        .unwrap()
        .template;
        let a = attributes(&t, "A").unwrap();
        assert_eq!(a.depends_on, ["B"]);
        assert_eq!(a.condition.as_deref(), Some("C"));
        assert_eq!(a.deletion_policy.as_deref(), Some("Retain"));
        assert_eq!(a.update_replace_policy, None);
        assert_eq!(a.others, ["B"]);
        assert_eq!(a.conditions, ["C"]);
        assert!(attributes(&t, "Z").is_none());
    }
}
