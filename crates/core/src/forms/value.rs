//! One field's value as the form shows it and as typed text becomes it again: which
//! widget a kind gets, the text a value shows, typed text to a value (numbers keep the
//! form they are typed in), and switching a field between a plain value and a `Ref`,
//! `GetAtt` or `Sub`.

use crate::catalog::{Constraints, Kind};
use crate::template::intrinsic::{get_att, ref_target, sub};
use crate::template::{Func, Node, Number, ParseError, Value, read_value, value_to_yaml};

/// How a field's value is written, and so how the form edits it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// A plain value (text, number, switch, choice, or the nested form of an object).
    Literal,
    /// `!Ref Name`: a parameter, a resource or a pseudo parameter.
    Ref,
    /// `!GetAtt Resource.Attribute`.
    GetAtt,
    /// `!Sub 'text with ${Placeholders}'`.
    Sub,
    /// Any value as YAML text: other functions, or a value that does not fit the kind.
    Yaml,
}

impl Mode {
    pub const ALL: [Mode; 5] = [
        Mode::Literal,
        Mode::Ref,
        Mode::GetAtt,
        Mode::Sub,
        Mode::Yaml,
    ];

    /// A stable name, for `<option value>`.
    pub fn slug(self) -> &'static str {
        match self {
            Mode::Literal => "value",
            Mode::Ref => "ref",
            Mode::GetAtt => "getatt",
            Mode::Sub => "sub",
            Mode::Yaml => "yaml",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.slug() == slug)
    }
}

/// The widget a plain value of a kind gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Widget {
    Text,
    Integer,
    Number,
    /// A checkbox.
    Boolean,
    /// A select of the allowed values.
    Choice,
    /// Free YAML (or JSON) text: open schemas.
    Yaml,
    /// A nested form of the definition's properties.
    Object,
    /// Items with add, remove and reorder.
    List,
    /// Named entries with add and remove.
    Map,
}

pub fn widget(kind: &Kind, constraints: &Constraints) -> Widget {
    match kind {
        _ if kind.is_scalar() && !constraints.allowed.is_empty() => Widget::Choice,
        Kind::String => Widget::Text,
        Kind::Integer => Widget::Integer,
        Kind::Number => Widget::Number,
        Kind::Boolean => Widget::Boolean,
        Kind::Json | Kind::Any => Widget::Yaml,
        Kind::Object(_) => Widget::Object,
        Kind::List(_) => Widget::List,
        Kind::Map(_) => Widget::Map,
    }
}

/// The mode a field of `kind` shows `value` in.
pub fn mode_of(value: Option<&Node>, kind: &Kind) -> Mode {
    let Some(node) = value else {
        return Mode::Literal;
    };
    let fits = match &node.value {
        Value::Fn(f) => {
            return match f.func {
                Func::Ref if ref_target(f).is_some() => Mode::Ref,
                Func::GetAtt if get_att(f).is_some_and(|g| g.attribute.is_some()) => Mode::GetAtt,
                Func::Sub if sub(f).is_some_and(|(_, vars)| vars.is_none()) => Mode::Sub,
                _ => Mode::Yaml,
            };
        }
        Value::Tagged(_) => false,
        Value::Map(_) => matches!(
            kind,
            Kind::Object(_) | Kind::Map(_) | Kind::Json | Kind::Any
        ),
        Value::Seq(_) => matches!(kind, Kind::List(_) | Kind::Json | Kind::Any),
        Value::Null => true,
        Value::String(_) | Value::Number(_) | Value::Bool(_) => match kind {
            Kind::Boolean => node.as_bool().is_some(),
            Kind::Integer | Kind::Number => node.as_f64().is_some(),
            Kind::String | Kind::Json | Kind::Any => true,
            Kind::Object(_) | Kind::List(_) | Kind::Map(_) => false,
        },
    };
    if fits { Mode::Literal } else { Mode::Yaml }
}

/// The text a field shows for a value: a scalar as CloudFormation reads it, anything
/// else as YAML; nothing for no value.
pub fn text_of(value: Option<&Node>) -> String {
    match value.map(|n| &n.value) {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(_) => to_yaml(value.expect("some")),
    }
}

/// A value as YAML text, for the YAML fields; nothing for no value.
pub fn to_yaml(node: &Node) -> String {
    let text = value_to_yaml(node);
    text.strip_suffix('\n').unwrap_or(&text).to_string()
}

/// Why typed text is not a value for the field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputError {
    /// An integer property got something else.
    NotInteger,
    NotNumber,
    /// The YAML does not read.
    Yaml(ParseError),
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InputError::NotInteger => f.write_str("not a whole number"),
            InputError::NotNumber => f.write_str("not a number"),
            InputError::Yaml(e) => write!(f, "{e}"),
        }
    }
}

/// Typed text as the value of a field of `kind`: `None` for empty text (the value
/// goes). Numbers become YAML numbers written as typed (`10`, `2.50`), strings stay
/// strings even when they look like numbers (the writer quotes them).
pub fn parse_input(kind: &Kind, text: &str) -> Result<Option<Node>, InputError> {
    match kind {
        Kind::Integer => {
            let t = text.trim();
            if t.is_empty() {
                return Ok(None);
            }
            let digits = t.strip_prefix('-').unwrap_or(t);
            if digits.is_empty()
                || !digits.bytes().all(|b| b.is_ascii_digit())
                || (digits.len() > 1 && digits.starts_with('0'))
            {
                return Err(InputError::NotInteger);
            }
            Number::parse(t)
                .map(|n| Some(Node::new(Value::Number(n))))
                .ok_or(InputError::NotInteger)
        }
        Kind::Number => {
            let t = text.trim();
            if t.is_empty() {
                return Ok(None);
            }
            Number::parse(t)
                .map(|n| Some(Node::new(Value::Number(n))))
                .ok_or(InputError::NotNumber)
        }
        Kind::Boolean => match text.trim() {
            "" => Ok(None),
            t if t.eq_ignore_ascii_case("true") => Ok(Some(Node::bool(true))),
            t if t.eq_ignore_ascii_case("false") => Ok(Some(Node::bool(false))),
            _ => Err(InputError::Yaml(ParseError::at(
                crate::template::Pos::new(1, 1),
                "expected true or false",
            ))),
        },
        Kind::String => Ok((!text.is_empty()).then(|| Node::string(text))),
        Kind::Json | Kind::Any | Kind::Object(_) | Kind::List(_) | Kind::Map(_) => parse_yaml(text),
    }
}

/// YAML (or JSON) text as a value: `None` when it holds nothing. Positions in the text
/// mean nothing in the template, so they are dropped.
pub fn parse_yaml(text: &str) -> Result<Option<Node>, InputError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let mut node = read_value(text).map_err(InputError::Yaml)?;
    if matches!(node.value, Value::Null) {
        return Ok(None);
    }
    forget_positions(&mut node);
    Ok(Some(node))
}

/// Clears the positions of a tree read from a snippet.
pub fn forget_positions(node: &mut Node) {
    node.walk_mut(&mut |n| {
        n.span = Default::default();
        match &mut n.value {
            Value::Map(m) => m
                .entries
                .values_mut()
                .for_each(|e| e.key.span = Default::default()),
            Value::Fn(f) => f.key.span = Default::default(),
            _ => {}
        }
    });
}

/// A new value written the way the old one was where that still fits: a string keeps
/// its quotes or block style, any value keeps its comments.
pub fn restyle(old: Option<&Node>, mut new: Node) -> Node {
    let Some(old) = old else {
        return new;
    };
    if let (Value::String(_), Value::String(_)) = (&old.value, &new.value) {
        new.style.scalar = old.style.scalar;
    }
    if let (Value::Fn(a), Value::Fn(b)) = (&old.value, &mut new.value)
        && a.func == b.func
    {
        new.style.func_form = old.style.func_form;
        b.key = a.key.clone();
        if let (Value::String(_), Value::String(_)) = (&a.arg.value, &b.arg.value) {
            b.arg.style.scalar = a.arg.style.scalar;
        }
    }
    new.comments = old.comments.clone();
    new
}

/// `!Sub text`, written the way `old` was when it was a `Sub` too.
pub fn sub_node(old: Option<&Node>, text: &str) -> Node {
    restyle(old, Node::func(Func::Sub, Node::string(text)))
}

/// The `Sub` text of a value in [`Mode::Sub`].
pub fn sub_text(value: Option<&Node>) -> String {
    value
        .and_then(Node::as_fn)
        .and_then(sub)
        .map(|(t, _)| t.to_string())
        .unwrap_or_default()
}

/// What a field's value becomes when it is switched to `mode`: `Some(new value)`, or
/// `None` when the value stays as it is (switching to the YAML view, or to a picker
/// with nothing to pick). `first_ref` and `first_att` are the pickers' first choices.
pub fn switch_mode(
    value: Option<&Node>,
    kind: &Kind,
    to: Mode,
    first_ref: Option<&str>,
    first_att: Option<(&str, &str)>,
) -> Option<Option<Node>> {
    if mode_of(value, kind) == to {
        return None;
    }
    let reference = |n: &Node| -> Option<String> {
        let f = n.as_fn()?;
        match f.func {
            Func::Ref => ref_target(f).map(str::to_string),
            Func::GetAtt => {
                get_att(f).and_then(|g| Some(format!("{}.{}", g.resource, g.attribute?)))
            }
            _ => None,
        }
    };
    match to {
        Mode::Yaml => None,
        Mode::Literal => Some(match value {
            Some(n) if mode_of(value, kind) == Mode::Sub => {
                let text = sub_text(Some(n));
                (!text.contains("${") || text.contains("${!")).then(|| Node::string(text))
            }
            _ => None,
        }),
        Mode::Ref => first_ref.map(|t| Some(Node::reference(t))),
        Mode::GetAtt => first_att.map(|(r, a)| Some(Node::get_att(r, a))),
        Mode::Sub => {
            let text = match value {
                Some(n) if n.as_fn().is_some() => reference(n).map(|r| format!("${{{r}}}")),
                other => Some(text_of(other)),
            }
            .unwrap_or_default();
            Some(Some(Node::func(Func::Sub, Node::string(text))))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(n: &Node) -> String {
        to_yaml(n)
    }

    #[test]
    fn widgets_follow_the_kind_and_allowed_values() {
        let none = Constraints::default();
        let choice = Constraints {
            allowed: vec!["HTTP".into()],
            ..Default::default()
        };
        assert_eq!(widget(&Kind::String, &none), Widget::Text);
        assert_eq!(widget(&Kind::String, &choice), Widget::Choice);
        assert_eq!(widget(&Kind::Integer, &none), Widget::Integer);
        assert_eq!(widget(&Kind::Boolean, &none), Widget::Boolean);
        assert_eq!(widget(&Kind::Json, &none), Widget::Yaml);
        assert_eq!(widget(&Kind::Any, &none), Widget::Yaml);
        assert_eq!(widget(&Kind::Object("Tag".into()), &none), Widget::Object);
        assert_eq!(
            widget(&Kind::List(Box::new(Kind::String)), &choice),
            Widget::List
        );
        assert_eq!(
            widget(&Kind::Map(Box::new(Kind::String)), &none),
            Widget::Map
        );
    }

    #[test]
    fn modes_come_from_the_value() {
        let s = Kind::String;
        assert_eq!(mode_of(None, &s), Mode::Literal);
        assert_eq!(mode_of(Some(&Node::string("x")), &s), Mode::Literal);
        assert_eq!(mode_of(Some(&Node::reference("Vpc")), &s), Mode::Ref);
        assert_eq!(
            mode_of(Some(&Node::get_att("Db", "Endpoint.Address")), &s),
            Mode::GetAtt
        );
        let sub = read_value("!Sub '${AWS::StackName}-web'").unwrap();
        assert_eq!(mode_of(Some(&sub), &s), Mode::Sub);
        let sub_vars = read_value("!Sub ['${A}', {A: x}]").unwrap();
        assert_eq!(mode_of(Some(&sub_vars), &s), Mode::Yaml);
        let join = read_value("!Join ['', [a, b]]").unwrap();
        assert_eq!(mode_of(Some(&join), &s), Mode::Yaml);
        // A value that does not fit the kind is shown as YAML, not lost.
        assert_eq!(
            mode_of(Some(&Node::string("ten")), &Kind::Integer),
            Mode::Yaml
        );
        assert_eq!(
            mode_of(Some(&Node::string("10")), &Kind::Integer),
            Mode::Literal
        );
        assert_eq!(
            mode_of(Some(&Node::string("true")), &Kind::Boolean),
            Mode::Literal
        );
        let list = Kind::List(Box::new(Kind::String));
        assert_eq!(mode_of(Some(&Node::seq(vec![])), &list), Mode::Literal);
        assert_eq!(mode_of(Some(&Node::string("a")), &list), Mode::Yaml);
        assert_eq!(mode_of(Some(&Node::reference("Subnets")), &list), Mode::Ref);
        assert_eq!(Mode::from_slug("getatt"), Some(Mode::GetAtt));
        assert_eq!(Mode::from_slug("nope"), None);
    }

    #[test]
    fn integers_become_yaml_numbers_as_typed() {
        let n = parse_input(&Kind::Integer, "30").unwrap().unwrap();
        assert!(matches!(&n.value, Value::Number(x) if x.as_str() == "30"));
        assert_eq!(
            parse_input(&Kind::Integer, " -5 ").unwrap().unwrap(),
            Node::int(-5)
        );
        for bad in ["3.5", "1e3", "007", "ten", "-", "0x10"] {
            assert_eq!(
                parse_input(&Kind::Integer, bad),
                Err(InputError::NotInteger),
                "{bad}"
            );
        }
        assert_eq!(parse_input(&Kind::Integer, "  "), Ok(None));
        let n = parse_input(&Kind::Number, "2.50").unwrap().unwrap();
        assert!(matches!(&n.value, Value::Number(x) if x.as_str() == "2.50"));
        assert_eq!(
            parse_input(&Kind::Number, "2,5"),
            Err(InputError::NotNumber)
        );
        // A string property keeps a number-like text as a string: the writer quotes it.
        let s = parse_input(&Kind::String, "80").unwrap().unwrap();
        assert_eq!(s, Node::string("80"));
        assert_eq!(parse_input(&Kind::String, ""), Ok(None));
        assert_eq!(
            parse_input(&Kind::Boolean, "True").unwrap(),
            Some(Node::bool(true))
        );
        assert!(parse_input(&Kind::Boolean, "yes").is_err());
    }

    #[test]
    fn yaml_text_reads_or_reports_with_a_line() {
        let v = parse_yaml("Version: '2012-10-17'\nStatement:\n  - Effect: Allow\n")
            .unwrap()
            .unwrap();
        assert_eq!(v.get("Version").unwrap().as_str(), Some("2012-10-17"));
        assert!(
            !v.span.start.is_known(),
            "positions of the snippet are dropped"
        );
        assert_eq!(parse_yaml("  \n"), Ok(None));
        assert_eq!(parse_yaml("null"), Ok(None));
        let Err(InputError::Yaml(e)) = parse_yaml("a: [1,\nb: 2") else {
            panic!("an error");
        };
        assert!(e.pos.line >= 1, "{e}");
        let json = parse_yaml("{\"A\": [1, 2]}").unwrap().unwrap();
        assert_eq!(json.get("A").unwrap().as_seq().unwrap().len(), 2);
    }

    #[test]
    fn values_show_as_text_and_yaml_round_trips() {
        assert_eq!(text_of(None), "");
        assert_eq!(text_of(Some(&Node::int(10))), "10");
        assert_eq!(text_of(Some(&Node::bool(true))), "true");
        assert_eq!(text_of(Some(&Node::string("a b"))), "a b");
        assert_eq!(yaml(&Node::reference("Vpc")), "!Ref Vpc");
        assert_eq!(yaml(&Node::string("80")), "'80'");
        for text in [
            "A: 1\nB:\n  - x\n  - y",
            "- a\n- b: 1\n  c: 2",
            "!Join\n  - ''\n  - - a\n    - !Ref B",
            "!Sub |\n  #!/bin/bash\n  echo ${AWS::Region}",
            "!If [Cond, a, b]",
        ] {
            let node = read_value(text).unwrap();
            let back = yaml(&node);
            assert_eq!(read_value(&back).unwrap(), node, "{text} -> {back}");
        }
        let list = read_value("[a, b]").unwrap();
        assert_eq!(read_value(&yaml(&list)).unwrap(), list);
    }

    #[test]
    fn restyle_keeps_quotes_comments_and_function_form() {
        let old = read_value("'abc' # note").unwrap();
        let new = restyle(Some(&old), Node::string("xyz"));
        assert_eq!(new.style.scalar, old.style.scalar);
        let long = read_value("Fn::Sub: 'a-${B}'").unwrap();
        let edited = sub_node(Some(&long), "c-${B}");
        assert_eq!(edited.style.func_form, long.style.func_form);
        assert_eq!(sub_text(Some(&edited)), "c-${B}");
        let number = restyle(Some(&old), Node::int(3));
        assert_eq!(number.style.scalar, Default::default());
    }

    #[test]
    fn switching_modes_converts_what_it_can() {
        let s = Kind::String;
        let text = Node::string("web");
        assert_eq!(
            switch_mode(Some(&text), &s, Mode::Ref, Some("Vpc"), None),
            Some(Some(Node::reference("Vpc")))
        );
        assert_eq!(switch_mode(Some(&text), &s, Mode::Ref, None, None), None);
        assert_eq!(
            switch_mode(Some(&text), &s, Mode::Literal, Some("Vpc"), None),
            None
        );
        assert_eq!(switch_mode(Some(&text), &s, Mode::Yaml, None, None), None);
        let sub = switch_mode(Some(&text), &s, Mode::Sub, None, None)
            .unwrap()
            .unwrap();
        assert_eq!(sub_text(Some(&sub)), "web");
        let from_att = switch_mode(
            Some(&Node::get_att("Db", "Endpoint.Address")),
            &s,
            Mode::Sub,
            None,
            None,
        )
        .unwrap()
        .unwrap();
        assert_eq!(sub_text(Some(&from_att)), "${Db.Endpoint.Address}");
        assert_eq!(
            switch_mode(
                Some(&from_att),
                &s,
                Mode::GetAtt,
                None,
                Some(("Lb", "DNSName"))
            ),
            Some(Some(Node::get_att("Lb", "DNSName")))
        );
        // Back to a plain value: a Sub without placeholders keeps its text; a
        // reference leaves the field empty.
        let plain = Node::func(Func::Sub, Node::string("just text"));
        assert_eq!(
            switch_mode(Some(&plain), &s, Mode::Literal, None, None),
            Some(Some(Node::string("just text")))
        );
        assert_eq!(
            switch_mode(Some(&from_att), &s, Mode::Literal, None, None),
            Some(None)
        );
    }
}
