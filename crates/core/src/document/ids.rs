//! Logical ids: what CloudFormation accepts, and fresh ones for new resources.

use crate::template::{Section, Template};

/// CloudFormation's longest logical id.
pub const MAX_LOGICAL_ID: usize = 255;

/// Why a logical id cannot be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdProblem {
    Empty,
    /// Only ASCII letters and digits are allowed.
    Invalid,
    TooLong,
    /// A resource or parameter already has it (they share one namespace).
    Taken,
}

impl IdProblem {
    pub fn message(self, id: &str) -> String {
        match self {
            IdProblem::Empty => "a logical id cannot be empty".into(),
            IdProblem::Invalid => {
                format!("\"{id}\" is not a logical id: use only letters A-Z, a-z and digits")
            }
            IdProblem::TooLong => format!("a logical id has at most {MAX_LOGICAL_ID} characters"),
            IdProblem::Taken => format!("\"{id}\" is already the name of a resource or parameter"),
        }
    }
}

pub fn check_syntax(id: &str) -> Result<(), IdProblem> {
    if id.is_empty() {
        Err(IdProblem::Empty)
    } else if id.len() > MAX_LOGICAL_ID {
        Err(IdProblem::TooLong)
    } else if !id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        Err(IdProblem::Invalid)
    } else {
        Ok(())
    }
}

/// Whether a resource or parameter of the template is named `id`.
pub fn is_taken(template: &Template, id: &str) -> bool {
    [Section::Resources, Section::Parameters]
        .iter()
        .any(|s| template.section_map(*s).is_some_and(|m| m.contains_key(id)))
}

pub fn check_new(template: &Template, id: &str) -> Result<(), IdProblem> {
    check_syntax(id)?;
    if is_taken(template, id) {
        return Err(IdProblem::Taken);
    }
    Ok(())
}

/// `base`, or `base2`, `base3`, ... whichever is free first; `base` is cleaned to a
/// valid id first.
pub fn fresh(template: &Template, base: &str) -> String {
    fresh_avoiding(template, base, &[])
}

/// Like [`fresh`], also avoiding ids about to be taken by the same command.
pub fn fresh_avoiding(template: &Template, base: &str, reserved: &[String]) -> String {
    let mut clean: String = base.chars().filter(char::is_ascii_alphanumeric).collect();
    if clean.is_empty() {
        clean = "Resource".into();
    }
    clean.truncate(MAX_LOGICAL_ID - 6);
    let free = |id: &str| !is_taken(template, id) && !reserved.iter().any(|r| r == id);
    if free(&clean) {
        return clean;
    }
    // A copy of `Queue2` is `Queue3`, not `Queue22`.
    let stem = clean.trim_end_matches(|c: char| c.is_ascii_digit());
    let stem = if stem.is_empty() {
        clean.as_str()
    } else {
        stem
    };
    (2..)
        .map(|n| format!("{stem}{n}"))
        .find(|id| free(id))
        .expect("some number is free")
}

/// A readable base for a type's ids: `AWS::EC2::NatGateway` -> `NatGateway`.
pub fn base_for_type(type_name: &str) -> String {
    match crate::catalog::curated::curated(type_name) {
        Some(c) => c.id_base.to_string(),
        None => type_name
            .rsplit("::")
            .next()
            .unwrap_or(type_name)
            .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::parse;

    #[test]
    fn fresh_ids_count_up_past_taken_ones() {
        let t =
            parse("Parameters: {Vpc: {Type: String}}\nResources: {Vpc2: {Type: AWS::EC2::VPC}}")
                .unwrap()
                .template;
        assert_eq!(fresh(&t, "Vpc"), "Vpc3");
        assert_eq!(fresh(&t, "Subnet"), "Subnet");
        assert_eq!(fresh_avoiding(&t, "Subnet", &["Subnet".into()]), "Subnet2");
        assert_eq!(fresh(&t, "my-bucket!"), "mybucket");
        assert_eq!(
            fresh(&t, "Vpc2"),
            "Vpc3",
            "numbered ids count on, not append"
        );
    }

    #[test]
    fn syntax_is_letters_and_digits() {
        assert_eq!(check_syntax("Web1"), Ok(()));
        assert_eq!(check_syntax("web-1"), Err(IdProblem::Invalid));
        assert_eq!(check_syntax(""), Err(IdProblem::Empty));
        assert_eq!(check_syntax(&"a".repeat(256)), Err(IdProblem::TooLong));
        assert_eq!(base_for_type("AWS::EC2::VPC"), "Vpc");
        assert_eq!(base_for_type("AWS::Foo::BarBaz"), "BarBaz");
    }
}
