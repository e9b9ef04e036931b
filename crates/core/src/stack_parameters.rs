//! Values for a template's parameters, as `aws cloudformation create-stack` takes them:
//! checked against each parameter's own constraints, and written as the JSON file
//! `--parameters file://params.json` reads.

use crate::template::{Node, Section, Template};
use crate::validate::parameter_value_problem;

/// One parameter as the form shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct ParameterField {
    pub name: String,
    pub type_name: String,
    pub description: Option<String>,
    pub default: Option<String>,
    pub allowed: Vec<String>,
    /// Masked in the console and in this form.
    pub no_echo: bool,
    /// What the template says about a value that breaks the constraints.
    pub constraint_description: Option<String>,
}

/// The parameters of a template, in order.
pub fn fields(template: &Template) -> Vec<ParameterField> {
    let Some(params) = template.section_map(Section::Parameters) else {
        return Vec::new();
    };
    params
        .iter()
        .map(|(name, p)| {
            let text = |key: &str| {
                p.get(key)
                    .and_then(Node::scalar_text)
                    .map(|t| t.into_owned())
            };
            ParameterField {
                name: name.to_string(),
                type_name: text("Type").unwrap_or_else(|| "String".into()),
                description: text("Description"),
                default: text("Default"),
                allowed: p
                    .get("AllowedValues")
                    .and_then(Node::as_seq)
                    .map(|s| {
                        s.iter()
                            .filter_map(|v| v.scalar_text().map(|t| t.into_owned()))
                            .collect()
                    })
                    .unwrap_or_default(),
                no_echo: p.get("NoEcho").and_then(Node::as_bool).unwrap_or(false),
                constraint_description: text("ConstraintDescription"),
            }
        })
        .collect()
}

/// Why `value` is not acceptable for parameter `name`, if it is not; a parameter with
/// neither a value nor a default is missing.
pub fn check(template: &Template, name: &str, value: Option<&str>) -> Option<String> {
    let p = template
        .section_map(Section::Parameters)?
        .get(name)?
        .as_map()?;
    match value {
        None | Some("") if p.get("Default").is_none() => Some(format!("{name} needs a value")),
        None => None,
        Some(v) => parameter_value_problem(p, v).map(|problem| {
            match p.get("ConstraintDescription").and_then(Node::as_str) {
                Some(hint) => format!("{problem} ({hint})"),
                None => problem,
            }
        }),
    }
}

/// The parameter file: an entry for each parameter given a value, in template order.
pub fn parameter_file(template: &Template, values: &[(String, String)]) -> String {
    // In template order (by walking the parameters: no sort to compile in the browser).
    let entries: Vec<&(String, String)> = fields(template)
        .iter()
        .filter_map(|f| values.iter().find(|(k, _)| *k == f.name))
        .collect();
    let mut out = String::from("[");
    for (i, (key, value)) in entries.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        out.push_str(&format!(
            "  {{\n    \"ParameterKey\": {},\n    \"ParameterValue\": {}\n  }}",
            crate::template::scalar::double_quoted(key),
            crate::template::scalar::double_quoted(value)
        ));
    }
    out.push_str(if entries.is_empty() { "]\n" } else { "\n]\n" });
    out
}

/// The name of the parameter file for a template file: `web.yaml` gives
/// `web-parameters.json`; without a file name, `template-parameters.json`.
pub fn file_name(template_file: Option<&str>) -> String {
    let stem = template_file
        .map(|f| f.rsplit(['/', '\\']).next().unwrap_or(f))
        .map(|f| match f.rsplit_once('.') {
            Some((stem, _)) if !stem.is_empty() => stem,
            _ => f,
        })
        .filter(|s| !s.trim().is_empty())
        .unwrap_or("template");
    format!("{stem}-parameters.json")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::{parse, read_value};

    const T: &str = "Parameters:
  DBUser:
    Type: String
    MinLength: 1
    MaxLength: 16
    AllowedPattern: '[a-zA-Z][a-zA-Z0-9]*'
    ConstraintDescription: letters and digits, starting with a letter
  Size:
    Type: Number
    Default: 2
    MinValue: 1
    MaxValue: 5
  Env:
    Type: String
    AllowedValues: [dev, prod]
    Default: dev
Resources: {}
";

    #[test]
    fn values_are_checked_against_the_parameters_own_constraints() {
        let t = parse(T).unwrap().template;
        assert_eq!(
            check(&t, "DBUser", None).as_deref(),
            Some("DBUser needs a value")
        );
        assert_eq!(check(&t, "DBUser", Some("admin1")), None);
        let bad = check(&t, "DBUser", Some("1admin")).unwrap();
        assert!(
            bad.contains("AllowedPattern") && bad.contains("starting with a letter"),
            "{bad}"
        );
        assert!(
            check(&t, "DBUser", Some(&"a".repeat(17)))
                .unwrap()
                .contains("MaxLength")
        );
        assert!(check(&t, "Size", Some("9")).unwrap().contains("MaxValue"));
        assert!(
            check(&t, "Size", Some("x"))
                .unwrap()
                .contains("not a number")
        );
        assert_eq!(check(&t, "Size", None), None, "the default applies");
        assert!(
            check(&t, "Env", Some("test"))
                .unwrap()
                .contains("AllowedValues")
        );
        let f = fields(&t);
        assert_eq!(f[2].allowed, ["dev", "prod"]);
        assert_eq!(f[1].default.as_deref(), Some("2"));
    }

    #[test]
    fn the_parameter_file_is_what_the_aws_cli_reads() {
        let t = parse(T).unwrap().template;
        let file = parameter_file(
            &t,
            &[
                ("Env".into(), "prod".into()),
                ("DBUser".into(), "ad\"min".into()),
                ("Nope".into(), "x".into()),
            ],
        );
        assert_eq!(
            file,
            "[\n  {\n    \"ParameterKey\": \"DBUser\",\n    \"ParameterValue\": \"ad\\\"min\"\n  },\n  {\n    \"ParameterKey\": \"Env\",\n    \"ParameterValue\": \"prod\"\n  }\n]\n"
        );
        let parsed = read_value(&file).unwrap();
        assert_eq!(parsed.as_seq().unwrap().len(), 2);
        assert_eq!(parameter_file(&t, &[]), "[]\n");
    }

    #[test]
    fn the_parameter_file_is_named_after_the_template() {
        assert_eq!(
            file_name(Some("WordPress_Multi_AZ.yaml")),
            "WordPress_Multi_AZ-parameters.json"
        );
        assert_eq!(
            file_name(Some("dir/web.template.json")),
            "web.template-parameters.json"
        );
        assert_eq!(file_name(Some("noext")), "noext-parameters.json");
        assert_eq!(file_name(Some(".yaml")), ".yaml-parameters.json");
        assert_eq!(file_name(None), "template-parameters.json");
    }
}
