//! The value tree to JSON text with two-space indentation. JSON has no tags and no
//! comments: functions take their long form, `!GetAtt A.B` becomes
//! `{"Fn::GetAtt": ["A", "B"]}`, and comments are dropped (the caller warns).

use super::intrinsic::Func;
use super::node::{Node, Value};
use super::scalar::double_quoted;

pub(crate) fn write(root: &Node) -> String {
    let mut out = String::with_capacity(4096);
    value(&mut out, root, 0);
    out.push('\n');
    out
}

fn pad(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

fn value(out: &mut String, node: &Node, indent: usize) {
    if node.style.flow {
        compact(out, node);
        return;
    }
    match &node.value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(n.as_str()),
        Value::String(s) => out.push_str(&double_quoted(s)),
        Value::Seq(seq) => {
            if seq.items.is_empty() {
                out.push_str("[]");
            } else {
                out.push_str("[\n");
                for (i, item) in seq.items.iter().enumerate() {
                    pad(out, indent + 2);
                    value(out, item, indent + 2);
                    out.push_str(if i + 1 < seq.items.len() { ",\n" } else { "\n" });
                }
                pad(out, indent);
                out.push(']');
            }
        }
        Value::Map(map) => {
            let entries: Vec<(&str, &Node)> = map.iter().collect();
            object(out, &entries, indent, node.style.flow);
        }
        Value::Fn(f) => {
            let split;
            let arg = match (&f.func, &f.arg.value) {
                (Func::GetAtt, Value::String(s)) if s.contains('.') => {
                    let (res, att) = s.split_once('.').expect("contains a dot");
                    split = Node::seq(vec![Node::string(res), Node::string(att)]);
                    &split
                }
                _ => &f.arg,
            };
            object(out, &[(f.func.long_name(), arg)], indent, true);
        }
        // A tag has no JSON form: `!Rain::Embed x` becomes `{"Rain::Embed": "x"}`, the
        // form the rain tool itself reads.
        Value::Tagged(t) => object(
            out,
            &[(t.tag.trim_start_matches('!'), &t.value)],
            indent,
            true,
        ),
    }
}

/// An object; `one_line_ok` lets a one-key object with a short value stay on one line.
/// A node on one line, as it was written: `{"Fn::Join": ["-", [{"Ref": "Env"}, "x"]]}`.
fn compact(out: &mut String, node: &Node) {
    match &node.value {
        Value::Seq(seq) => {
            out.push('[');
            for (i, item) in seq.items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                compact(out, item);
            }
            out.push(']');
        }
        Value::Map(map) => {
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&double_quoted(k));
                out.push_str(": ");
                compact(out, v);
            }
            out.push('}');
        }
        Value::Fn(f) => {
            out.push('{');
            out.push_str(&double_quoted(f.func.long_name()));
            out.push_str(": ");
            match (&f.func, &f.arg.value) {
                (Func::GetAtt, Value::String(s)) if s.contains('.') => {
                    let (res, att) = s.split_once('.').expect("contains a dot");
                    out.push_str(&format!("[{}, {}]", double_quoted(res), double_quoted(att)));
                }
                _ => compact(out, &f.arg),
            }
            out.push('}');
        }
        Value::Tagged(t) => {
            out.push('{');
            out.push_str(&double_quoted(t.tag.trim_start_matches('!')));
            out.push_str(": ");
            compact(out, &t.value);
            out.push('}');
        }
        _ => value(out, node, 0),
    }
}

fn object(out: &mut String, entries: &[(&str, &Node)], indent: usize, one_line_ok: bool) {
    if entries.is_empty() {
        out.push_str("{}");
        return;
    }
    if one_line_ok && entries.len() == 1 && is_short(entries[0].1) {
        out.push('{');
        out.push_str(&double_quoted(entries[0].0));
        out.push_str(": ");
        match &entries[0].1.value {
            Value::Seq(_) => compact(out, entries[0].1),
            _ => value(out, entries[0].1, indent),
        }
        out.push('}');
        return;
    }
    out.push_str("{\n");
    for (i, (key, node)) in entries.iter().enumerate() {
        pad(out, indent + 2);
        out.push_str(&double_quoted(key));
        out.push_str(": ");
        value(out, node, indent + 2);
        out.push_str(if i + 1 < entries.len() { ",\n" } else { "\n" });
    }
    pad(out, indent);
    out.push('}');
}

/// A one-key object whose value is a scalar or a short list of scalars stays on one
/// line: `{"Ref": "VPC"}`, `{"Fn::GetAtt": ["LB", "DNSName"]}`.
fn is_short(node: &Node) -> bool {
    match &node.value {
        Value::Seq(seq) => seq.items.len() <= 4 && all_scalars(&seq.items),
        Value::Map(_) | Value::Fn(_) | Value::Tagged(_) => false,
        Value::String(s) => s.len() <= 80,
        _ => true,
    }
}

fn all_scalars(items: &[Node]) -> bool {
    items.iter().all(|i| {
        !matches!(
            i.value,
            Value::Seq(_) | Value::Map(_) | Value::Fn(_) | Value::Tagged(_)
        )
    })
}
