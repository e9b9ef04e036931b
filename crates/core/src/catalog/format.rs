//! The catalog's committed text form: one record per line, fields separated by tabs,
//! small enough to fetch and fast enough to read in a browser without a JSON tree.
//!
//! ```text
//! formwork-catalog 1<TAB>source description
//! T<TAB>AWS::EC2::Subnet<TAB>SubnetId                     a type and what Ref returns
//! A<TAB>NetworkAclAssociationId SubnetId ...               its GetAtt attributes
//! P<TAB>VpcId<TAB>string<TAB>rc<TAB>pattern=...            a property of the type
//! D<TAB>Tag<TAB>open?                                      a definition; P lines follow
//! ```
//!
//! A property's kind is `string`, `integer`, `number`, `boolean`, `json`, `any`,
//! `object:Def`, `list:<kind>` or `map:<kind>`. Flags: `r` required, `c` create-only.
//! Constraints are `key=value` fields: `enum` (values joined by `|`), `min`, `max`,
//! `minlen`, `maxlen`, `pattern`, `minitems`, `maxitems`, `doc` (a summary). Tabs, line
//! breaks, `|` and `\` inside values are escaped with `\`.

use std::collections::HashMap;
use std::fmt::Write;

use super::{Catalog, Constraints, Kind, Property, ResourceType, Shape};

const MAGIC: &str = "formwork-catalog 1";

/// Reads the text form; an error names the line.
pub fn parse(text: &str) -> Result<Catalog, String> {
    let mut lines = text.lines().enumerate();
    let source = match lines.next() {
        Some((_, header)) if header.starts_with(MAGIC) => {
            header.split_once('\t').map_or("", |(_, s)| s).to_string()
        }
        _ => {
            return Err(format!(
                "not a Formwork catalog (expected `{MAGIC}` on line 1)"
            ));
        }
    };
    let mut types: Vec<ResourceType> = Vec::new();
    // Where P lines go: the type's own shape (None) or a definition.
    let mut current_def: Option<String> = None;
    for (i, line) in lines {
        let n = i + 1;
        let mut fields = line.split('\t');
        let tag = fields.next().unwrap_or("");
        let fail = |what: &str| format!("catalog line {n}: {what}");
        match tag {
            "T" => {
                let name = fields.next().ok_or_else(|| fail("type without a name"))?;
                let ref_returns = fields.next().filter(|s| !s.is_empty()).map(unescape);
                let open = fields.next() == Some("open");
                types.push(ResourceType {
                    name: name.to_string(),
                    ref_returns,
                    shape: Shape {
                        properties: Vec::new(),
                        open,
                    },
                    ..Default::default()
                });
                current_def = None;
            }
            "A" => {
                let t = types
                    .last_mut()
                    .ok_or_else(|| fail("attributes before any type"))?;
                t.attributes = fields
                    .next()
                    .unwrap_or("")
                    .split(' ')
                    .filter(|a| !a.is_empty())
                    .map(str::to_string)
                    .collect();
            }
            "D" => {
                let t = types
                    .last_mut()
                    .ok_or_else(|| fail("definition before any type"))?;
                let name = fields
                    .next()
                    .ok_or_else(|| fail("definition without a name"))?;
                let open = fields.next() == Some("open");
                t.definitions.insert(
                    name.to_string(),
                    Shape {
                        properties: Vec::new(),
                        open,
                    },
                );
                current_def = Some(name.to_string());
            }
            "P" => {
                let t = types
                    .last_mut()
                    .ok_or_else(|| fail("property before any type"))?;
                let property = parse_property(&mut fields).map_err(|e| fail(&e))?;
                let shape = match &current_def {
                    Some(def) => t.definitions.get_mut(def).expect("definition just added"),
                    None => &mut t.shape,
                };
                shape.properties.push(property);
            }
            "" => {}
            other => return Err(fail(&format!("unknown record `{other}`"))),
        }
    }
    Ok(Catalog::new(source, types))
}

fn parse_property<'a>(fields: &mut impl Iterator<Item = &'a str>) -> Result<Property, String> {
    let name = fields.next().ok_or("property without a name")?.to_string();
    let kind = parse_kind(fields.next().ok_or("property without a kind")?)?;
    let flags = fields.next().unwrap_or("");
    let mut constraints = Constraints::default();
    let mut summary = None;
    for field in fields {
        let (key, value) = field
            .split_once('=')
            .ok_or_else(|| format!("constraint `{field}` has no `=`"))?;
        let number = || {
            value
                .parse::<f64>()
                .map_err(|_| format!("`{key}` is not a number: {value}"))
        };
        let count = || {
            value
                .parse::<u64>()
                .map_err(|_| format!("`{key}` is not a count: {value}"))
        };
        match key {
            "enum" => constraints.allowed = split_escaped(value, '|'),
            "min" => constraints.minimum = Some(number()?),
            "max" => constraints.maximum = Some(number()?),
            "minlen" => constraints.min_length = Some(count()?),
            "maxlen" => constraints.max_length = Some(count()?),
            "minitems" => constraints.min_items = Some(count()?),
            "maxitems" => constraints.max_items = Some(count()?),
            "pattern" => constraints.pattern = Some(unescape(value)),
            "doc" => summary = Some(unescape(value)),
            _ => return Err(format!("unknown constraint `{key}`")),
        }
    }
    Ok(Property {
        name,
        kind,
        required: flags.contains('r'),
        create_only: flags.contains('c'),
        constraints,
        summary,
    })
}

fn parse_kind(text: &str) -> Result<Kind, String> {
    Ok(match text {
        "string" => Kind::String,
        "integer" => Kind::Integer,
        "number" => Kind::Number,
        "boolean" => Kind::Boolean,
        "json" => Kind::Json,
        "any" => Kind::Any,
        _ => {
            if let Some(def) = text.strip_prefix("object:") {
                Kind::Object(def.to_string())
            } else if let Some(item) = text.strip_prefix("list:") {
                Kind::List(Box::new(parse_kind(item)?))
            } else if let Some(value) = text.strip_prefix("map:") {
                Kind::Map(Box::new(parse_kind(value)?))
            } else {
                return Err(format!("unknown kind `{text}`"));
            }
        }
    })
}

fn kind_text(kind: &Kind) -> String {
    match kind {
        Kind::String => "string".into(),
        Kind::Integer => "integer".into(),
        Kind::Number => "number".into(),
        Kind::Boolean => "boolean".into(),
        Kind::Json => "json".into(),
        Kind::Any => "any".into(),
        Kind::Object(def) => format!("object:{def}"),
        Kind::List(item) => format!("list:{}", kind_text(item)),
        Kind::Map(value) => format!("map:{}", kind_text(value)),
    }
}

/// Writes the text form; `parse(&write(c))` gives `c` back.
pub fn write(catalog: &Catalog) -> String {
    let mut out = format!("{MAGIC}\t{}\n", escape(&catalog.source));
    for t in catalog.types() {
        let _ = writeln!(
            out,
            "T\t{}\t{}{}",
            t.name,
            t.ref_returns.as_deref().map(escape).unwrap_or_default(),
            if t.shape.open { "\topen" } else { "" }
        );
        if !t.attributes.is_empty() {
            let _ = writeln!(out, "A\t{}", t.attributes.join(" "));
        }
        write_shape(&mut out, &t.shape);
        let mut defs: Vec<(&String, &Shape)> = t.definitions.iter().collect();
        defs.sort_by(|a, b| a.0.cmp(b.0));
        for (name, shape) in defs {
            let _ = writeln!(out, "D\t{name}{}", if shape.open { "\topen" } else { "" });
            write_shape(&mut out, shape);
        }
    }
    out
}

fn write_shape(out: &mut String, shape: &Shape) {
    for p in &shape.properties {
        let mut flags = String::new();
        if p.required {
            flags.push('r');
        }
        if p.create_only {
            flags.push('c');
        }
        let _ = write!(out, "P\t{}\t{}\t{flags}", p.name, kind_text(&p.kind));
        let c = &p.constraints;
        if !c.allowed.is_empty() {
            let values: Vec<String> = c
                .allowed
                .iter()
                .map(|v| escape(v).replace('|', "\\|"))
                .collect();
            let _ = write!(out, "\tenum={}", values.join("|"));
        }
        for (key, value) in [("min", c.minimum), ("max", c.maximum)] {
            if let Some(v) = value {
                let _ = write!(out, "\t{key}={v}");
            }
        }
        for (key, value) in [
            ("minlen", c.min_length),
            ("maxlen", c.max_length),
            ("minitems", c.min_items),
            ("maxitems", c.max_items),
        ] {
            if let Some(v) = value {
                let _ = write!(out, "\t{key}={v}");
            }
        }
        if let Some(pattern) = &c.pattern {
            let _ = write!(out, "\tpattern={}", escape(pattern));
        }
        if let Some(doc) = &p.summary {
            let _ = write!(out, "\tdoc={}", escape(doc));
        }
        out.push('\n');
    }
}

/// Escapes what cannot stand in a field: `\`, tabs, line breaks and other control
/// characters (patterns hold some, as `\u{0}`).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('t') => out.push('\t'),
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some('u') => {
                    let code: String = chars.by_ref().skip(1).take_while(|c| *c != '}').collect();
                    if let Some(c) = u32::from_str_radix(&code, 16).ok().and_then(char::from_u32) {
                        out.push(c);
                    }
                }
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Splits on `sep` where it is not escaped, unescaping each part.
fn split_escaped(s: &str, sep: char) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            current.push(c);
            if let Some(n) = chars.next() {
                current.push(n);
            }
        } else if c == sep {
            parts.push(unescape(&std::mem::take(&mut current)));
        } else {
            current.push(c);
        }
    }
    parts.push(unescape(&current));
    parts
}

/// A catalog holding only the named types, as the app embeds for the curated ones.
pub fn subset(catalog: &Catalog, names: &[&str]) -> Catalog {
    let types = names
        .iter()
        .filter_map(|n| catalog.get(n))
        .cloned()
        .collect();
    Catalog::new(format!("{} (curated subset)", catalog.source), types)
}

/// Groups an index of types by service, for the palette: `EC2` -> [VPC, Subnet, ...].
pub fn by_service(catalog: &Catalog) -> Vec<(String, Vec<&ResourceType>)> {
    let mut groups: HashMap<&str, Vec<&ResourceType>> = HashMap::new();
    for t in catalog.types() {
        groups.entry(t.service()).or_default().push(t);
    }
    let mut out: Vec<(String, Vec<&ResourceType>)> = groups
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Catalog {
        let mut definitions = HashMap::new();
        definitions.insert(
            "Tag".to_string(),
            Shape {
                properties: vec![Property {
                    name: "Key".into(),
                    kind: Kind::String,
                    required: true,
                    create_only: false,
                    constraints: Constraints {
                        max_length: Some(128),
                        ..Default::default()
                    },
                    summary: None,
                }],
                open: false,
            },
        );
        Catalog::new(
            "test",
            vec![ResourceType {
                name: "AWS::EC2::Subnet".into(),
                ref_returns: Some("SubnetId".into()),
                attributes: vec!["SubnetId".into(), "Outputs.*".into()],
                shape: Shape {
                    properties: vec![
                        Property {
                            name: "VpcId".into(),
                            kind: Kind::String,
                            required: true,
                            create_only: true,
                            constraints: Constraints {
                                pattern: Some("^vpc-[a-f0-9]+\t|\\d$[^\u{0}-\u{7f}]".into()),
                                allowed: vec!["a|b".into(), "c".into()],
                                minimum: Some(-1.5),
                                ..Default::default()
                            },
                            summary: Some("The VPC.\nSecond line".into()),
                        },
                        Property {
                            name: "Tags".into(),
                            kind: Kind::List(Box::new(Kind::Object("Tag".into()))),
                            required: false,
                            create_only: false,
                            constraints: Constraints::default(),
                            summary: None,
                        },
                        Property {
                            name: "Labels".into(),
                            kind: Kind::Map(Box::new(Kind::String)),
                            required: false,
                            create_only: false,
                            constraints: Constraints::default(),
                            summary: None,
                        },
                    ],
                    open: false,
                },
                definitions,
            }],
        )
    }

    #[test]
    fn text_form_round_trips() {
        let c = sample();
        let text = write(&c);
        let back = parse(&text).unwrap();
        assert_eq!(back.types(), c.types());
        assert_eq!(back.source, "test");
        assert_eq!(write(&back), text);
    }

    #[test]
    fn bad_text_names_the_line() {
        assert!(
            parse("nope")
                .unwrap_err()
                .contains("not a Formwork catalog")
        );
        let e = parse("formwork-catalog 1\tx\nP\tA\tstring\t\n").unwrap_err();
        assert!(e.starts_with("catalog line 2:"), "{e}");
        let e = parse("formwork-catalog 1\tx\nT\tA\nP\tB\tweird\t\n").unwrap_err();
        assert!(e.contains("unknown kind `weird`"), "{e}");
    }
}
