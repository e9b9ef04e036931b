//! Property tests: for generated documents, writing then reading gives the same data,
//! in YAML and in JSON, and in YAML the same comments in the same places.

use proptest::prelude::*;

use super::intrinsic::Func;
use super::node::{Comment, Comments, Intrinsic, Line, Map, Node, Number, Seq, Tagged, Value};
use super::{Format, Template, parse};

/// Strings that trip YAML writers: types in disguise, indicators, quotes, breaks.
fn tricky_string() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("yes".to_string()),
        Just("No".to_string()),
        Just("y".to_string()),
        Just("0755".to_string()),
        Just("1e3".to_string()),
        Just("1.5".to_string()),
        Just("2010-09-09".to_string()),
        Just("null".to_string()),
        Just("~".to_string()),
        Just("a: b".to_string()),
        Just("a #b".to_string()),
        Just("#x".to_string()),
        Just("- x".to_string()),
        Just("!Ref x".to_string()),
        Just("*x".to_string()),
        Just("it's \"quoted\"".to_string()),
        Just(" leading and trailing ".to_string()),
        Just("line one\nline two\n".to_string()),
        Just("no final break\nsecond".to_string()),
        Just("\n\nstarts with breaks".to_string()),
        Just("tab\tinside".to_string()),
        Just("${AWS::Region}-${Name}".to_string()),
        Just("a,b [c] {d}".to_string()),
        Just("한국어 문자열".to_string()),
        "[a-zA-Z][a-zA-Z0-9 ._:/-]{0,20}",
        any::<String>(),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Z][A-Za-z0-9]{0,12}",
        tricky_string().prop_filter("not a function name", |k| { Func::from_long(k).is_none() }),
    ]
}

fn scalar() -> impl Strategy<Value = Node> {
    prop_oneof![
        Just(Node::null()),
        any::<bool>().prop_map(Node::bool),
        any::<i64>().prop_map(Node::int),
        (-1e9f64..1e9).prop_map(|f| Node::new(Value::Number(Number::from_f64(f).unwrap()))),
        tricky_string().prop_map(Node::string),
    ]
}

fn comments() -> impl Strategy<Value = Comments> {
    (
        prop::collection::vec(
            prop_oneof![
                Just(Line::Blank),
                "[ a-z]{0,20}".prop_map(|t| Line::Comment(Comment {
                    text: format!("# {t}").trim_end().to_string(),
                    offset: 0,
                })),
            ],
            0..3,
        ),
        prop::option::of("[ a-z]{0,10}".prop_map(|t| format!(" # {t}").trim_end().to_string())),
    )
        .prop_map(|(before, trailing)| Comments { before, trailing })
}

fn value() -> impl Strategy<Value = Node> {
    scalar().prop_recursive(5, 48, 6, |inner| {
        prop_oneof![
            (prop::collection::vec(inner.clone(), 0..5), any::<bool>()).prop_map(
                |(items, flow)| {
                    let mut n = Node::new(Value::Seq(Seq {
                        items,
                        end: Vec::new(),
                    }));
                    n.style.flow = flow;
                    n
                }
            ),
            (
                prop::collection::vec((key(), inner.clone(), comments()), 0..5),
                any::<bool>()
            )
                .prop_map(|(entries, flow)| {
                    let mut map = Map::new();
                    for (k, v, c) in entries {
                        map.insert(k.clone(), v);
                        if let Some(e) = map.entries.get_mut(&k) {
                            e.key.comments = c;
                        }
                    }
                    let mut n = Node::map(map);
                    n.style.flow = flow;
                    n
                }),
            (0..Func::ALL.len(), inner.clone(), any::<bool>()).prop_map(|(f, arg, short)| {
                let mut n = Node::new(Value::Fn(Box::new(Intrinsic::new(Func::ALL[f], arg))));
                n.style.func_form = if short {
                    super::node::FuncForm::Short
                } else {
                    super::node::FuncForm::Long
                };
                n
            }),
            // The reader gives a tag's value as a string, list or mapping: a tag makes
            // a scalar a string, and a node carries one tag.
            (
                "[A-Z][a-z]{1,8}(::[A-Z][a-z]{1,8})?"
                    .prop_filter("not a CloudFormation function", |t| Func::from_short(t)
                        .is_none()),
                inner.prop_filter("a string or a collection", |v| {
                    matches!(v.value, Value::String(_) | Value::Seq(_) | Value::Map(_))
                })
            )
                .prop_map(|(tag, value)| Node::new(Value::Tagged(Box::new(Tagged {
                    tag: format!("!{tag}"),
                    value,
                })))),
        ]
    })
}

fn template() -> impl Strategy<Value = Template> {
    prop::collection::vec((key(), value(), comments()), 1..6).prop_map(|sections| {
        let mut root = Map::new();
        for (k, v, c) in sections {
            root.insert(k.clone(), v);
            if let Some(e) = root.entries.get_mut(&k) {
                e.key.comments = c;
            }
        }
        Template {
            root: Node::map(root),
            format: Format::Yaml,
            explicit_start: false,
            leading: Vec::new(),
            line_ending: Default::default(),
        }
    })
}

/// Whether a tree holds a tag other than CloudFormation's, which JSON cannot hold.
fn has_tagged(node: &Node) -> bool {
    let mut found = false;
    node.walk(&mut |_, n| found |= matches!(n.value, Value::Tagged(_)));
    found
}

/// The comments of every mapping entry and sequence item, in document order, with
/// their paths. The lines before a list item's first key are the item's: in the text
/// they are one and the same place, before the `-`.
fn element_comments(node: &Node) -> Vec<(String, Comments)> {
    let mut node = node.clone();
    lift_first_entry_lines(&mut node);
    let mut out = Vec::new();
    node.walk(&mut |path, n| {
        let here = super::node::path_string(path);
        match &n.value {
            Value::Map(m) => {
                for (k, e) in &m.entries {
                    out.push((format!("{here}/{k}"), e.key.comments.clone()));
                }
            }
            Value::Seq(s) => {
                for (i, item) in s.items.iter().enumerate() {
                    out.push((format!("{here}/{i}"), item.comments.clone()));
                }
            }
            _ => {}
        }
    });
    out
}

fn lift_first_entry_lines(node: &mut Node) {
    match &mut node.value {
        Value::Seq(s) => {
            for item in &mut s.items {
                let lines = take_shared_line_comments(item);
                item.comments.before.extend(lines);
                lift_first_entry_lines(item);
            }
        }
        Value::Map(m) => m
            .entries
            .values_mut()
            .for_each(|e| lift_first_entry_lines(&mut e.value)),
        Value::Fn(f) => lift_first_entry_lines(&mut f.arg),
        Value::Tagged(t) => lift_first_entry_lines(&mut t.value),
        _ => {}
    }
}

/// Whether the writer keeps a collection on one line: only when nothing inside it has
/// comments or blank lines.
fn written_in_flow(node: &Node) -> bool {
    let mut lines = false;
    node.walk(&mut |_, n| {
        lines |= !n.comments.before.is_empty() || n.comments.trailing.is_some();
        if let Value::Map(m) = &n.value {
            lines |= m
                .entries
                .values()
                .any(|e| !e.key.comments.before.is_empty() || e.key.comments.trailing.is_some());
        }
    });
    node.style.flow && !lines
}

/// The lines before the elements that begin on an item's `-` line.
fn take_shared_line_comments(node: &mut Node) -> Vec<Line> {
    let flow = written_in_flow(node);
    match &mut node.value {
        Value::Map(m) if !flow => m
            .entries
            .first_mut()
            .map(|(_, e)| std::mem::take(&mut e.key.comments.before))
            .unwrap_or_default(),
        Value::Seq(s) if !flow => match s.items.first_mut() {
            Some(first) => {
                let mut lines = std::mem::take(&mut first.comments.before);
                lines.extend(take_shared_line_comments(first));
                lines
            }
            None => Vec::new(),
        },
        _ => Vec::new(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn yaml_written_then_read_is_the_same_document(t in template()) {
        let text = t.to_yaml();
        let back = parse(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&back.template.root, &t.root, "{}", text);
    }

    #[test]
    fn json_written_then_read_is_the_same_document(t in template()) {
        prop_assume!(!has_tagged(&t.root));
        let text = t.to_json();
        let back = parse(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&back.template.root, &t.root, "{}", text);
    }

    #[test]
    fn yaml_comments_come_back_where_they_were(t in template()) {
        let text = t.to_yaml();
        let back = parse(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(element_comments(&back.template.root), element_comments(&t.root), "{}", text);
    }
}
