//! The value tree every part of Formwork reads: an ordered, positioned, comment-carrying
//! YAML/JSON tree in which CloudFormation's intrinsic functions are typed nodes.
//!
//! Equality (`==`) compares data only: positions, comments and the way a value was
//! written (quotes, flow style, short or long function form) are presentation, kept so
//! that an unedited template is written back as it came, but never part of its meaning.

use indexmap::IndexMap;

use super::intrinsic::Func;

/// A place in the source text. Lines and columns count from 1; columns count characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl Pos {
    pub fn new(line: u32, col: u32) -> Self {
        Pos { line, col }
    }

    /// A node built by an edit rather than read from text has no position.
    pub fn is_known(self) -> bool {
        self.line > 0
    }
}

impl std::fmt::Display for Pos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// The stretch of source text a node was read from: `start` inclusive, `end` exclusive.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    pub start: Pos,
    pub end: Pos,
}

/// One line of text that sits between elements and belongs to the element after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Line {
    Blank,
    Comment(Comment),
}

/// A comment on a line of its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    /// From the `#` to the end of the line.
    pub text: String,
    /// Its column relative to the element it belongs to, so it keeps its place when the
    /// element's indentation changes (commented-out code often sits at column 1).
    pub offset: i32,
}

/// Comments and blank lines attached to an element: the lines before it, and a
/// comment at the end of its first line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Comments {
    pub before: Vec<Line>,
    /// The end of the element's first line from the last character of content: the
    /// spaces and the `# ...` comment.
    pub trailing: Option<String>,
}

impl Comments {
    pub fn is_empty(&self) -> bool {
        self.before.is_empty() && self.trailing.is_none()
    }
}

/// How a scalar was written in YAML.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ScalarStyle {
    #[default]
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

/// Whether an intrinsic function was written as a YAML tag (`!Ref X`) or as a
/// one-key mapping (`Ref: X`, `{"Fn::GetAtt": [...]}`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FuncForm {
    Short,
    #[default]
    Long,
}

/// Presentation of a node: how it was written, so an unedited node is written back
/// the same way. Edits build nodes with the default style, which the emitter renders
/// in the canonical form.
#[derive(Clone, Debug, Default)]
pub struct Style {
    /// The scalar's source text, exactly as written (quotes and block headers
    /// included, block scalars with their indentation removed).
    pub raw: Option<Box<str>>,
    pub scalar: ScalarStyle,
    /// A collection written in flow style (`[a, b]`, `{A: 1}`).
    pub flow: bool,
    pub func_form: FuncForm,
    /// A YAML core tag written on the node, such as `!!str`.
    pub core_tag: Option<Box<str>>,
    /// A block sequence item whose value starts on the line after its `-`.
    pub dash_alone: bool,
}

/// A number, kept as text so nothing is lost to floating point: the decimal form
/// CloudFormation reads (a YAML 1.1 `0755` is held as `493`; the source text stays in
/// [`Style::raw`]).
#[derive(Clone, Debug)]
pub struct Number(String);

impl Number {
    /// Accepts text in JSON number syntax.
    pub fn parse(text: &str) -> Option<Number> {
        is_json_number(text).then(|| Number(text.to_string()))
    }

    pub fn from_i64(n: i64) -> Number {
        Number(n.to_string())
    }

    pub fn from_f64(n: f64) -> Option<Number> {
        n.is_finite().then(|| {
            let text = if n.fract() == 0.0 && n.abs() < 1e15 {
                format!("{n:.1}")
            } else {
                n.to_string()
            };
            Number(text)
        })
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn as_f64(&self) -> Option<f64> {
        self.0.parse().ok()
    }

    pub fn as_i64(&self) -> Option<i64> {
        self.0.parse().ok()
    }
}

impl PartialEq for Number {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0 || matches!((self.as_f64(), other.as_f64()), (Some(a), Some(b)) if a == b)
    }
}

impl std::fmt::Display for Number {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// JSON's number grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
pub fn is_json_number(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    if b.get(i) == Some(&b'-') {
        i += 1;
    }
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            digits(&mut i);
        }
        _ => return false,
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// An intrinsic function applied to its argument, kept as written so that a malformed
/// call survives a round trip; [`super::intrinsic`] gives typed views of the arguments.
#[derive(Clone, Debug)]
pub struct Intrinsic {
    pub func: Func,
    pub arg: Node,
    /// Where the long form's key (`Fn::Sub:`) was written, with its comments.
    pub key: KeyMeta,
}

impl Intrinsic {
    pub fn new(func: Func, arg: Node) -> Self {
        Intrinsic {
            func,
            arg,
            key: KeyMeta::default(),
        }
    }
}

/// Equal calls: the same function on equal arguments, where `!GetAtt A.B` and
/// `Fn::GetAtt: [A, B]` are one call written two ways.
impl PartialEq for Intrinsic {
    fn eq(&self, other: &Self) -> bool {
        self.func == other.func
            && (self.arg == other.arg
                || (self.func == Func::GetAtt
                    && super::intrinsic::get_att(self).is_some_and(|a| {
                        super::intrinsic::get_att(other)
                            .is_some_and(|b| a == b && a.attribute.is_some())
                    })))
    }
}

/// A value under a tag CloudFormation does not define (`!Rain::Embed file.sh`): kept
/// and written back as it came.
#[derive(Clone, Debug, PartialEq)]
pub struct Tagged {
    /// The tag with its `!`.
    pub tag: String,
    pub value: Node,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Seq(Seq),
    Map(Map),
    Fn(Box<Intrinsic>),
    Tagged(Box<Tagged>),
}

/// A sequence, with the comment lines after its last item.
#[derive(Clone, Debug, Default)]
pub struct Seq {
    pub items: Vec<Node>,
    pub end: Vec<Line>,
}

/// Data equality: the items; the comments after them are presentation.
impl PartialEq for Seq {
    fn eq(&self, other: &Self) -> bool {
        self.items == other.items
    }
}

/// Where and how a mapping key was written, and the comments that precede its entry.
#[derive(Clone, Debug, Default)]
pub struct KeyMeta {
    pub span: Span,
    pub style: ScalarStyle,
    pub comments: Comments,
}

#[derive(Clone, Debug)]
pub struct Entry {
    pub key: KeyMeta,
    pub value: Node,
}

/// A mapping's entries by key, in source order.
pub type Entries = IndexMap<String, Entry, foldhash::fast::RandomState>;

/// A mapping in source order, with the comment lines after its last entry. Keys are
/// unique: the parser refuses duplicates, as CloudFormation's own reader does.
#[derive(Clone, Debug, Default)]
pub struct Map {
    pub entries: Entries,
    pub end: Vec<Line>,
}

impl Map {
    pub fn new() -> Self {
        Map::default()
    }

    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entries.get(key).map(|e| &e.value)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Node> {
        self.entries.get_mut(key).map(|e| &mut e.value)
    }

    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries.get(key)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.entries.contains_key(key)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Node)> {
        self.entries.iter().map(|(k, e)| (k.as_str(), &e.value))
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }

    /// Sets the value under `key`, keeping the entry's place and comments when it exists,
    /// appending it otherwise. Returns the previous value.
    pub fn insert(&mut self, key: impl Into<String>, value: Node) -> Option<Node> {
        let key = key.into();
        match self.entries.get_mut(&key) {
            Some(entry) => Some(std::mem::replace(&mut entry.value, value)),
            None => {
                self.entries.insert(
                    key,
                    Entry {
                        key: KeyMeta::default(),
                        value,
                    },
                );
                None
            }
        }
    }

    /// Inserts at `index` (clamped), or moves an existing entry there.
    pub fn insert_at(&mut self, index: usize, key: impl Into<String>, value: Node) {
        let key = key.into();
        let index = index.min(self.entries.len());
        match self.entries.get_index_of(&key) {
            Some(old) => {
                self.entries[old].value = value;
                let last = self.entries.len() - 1;
                self.entries.move_index(old, index.min(last));
            }
            None => {
                self.entries.shift_insert(
                    index,
                    key,
                    Entry {
                        key: KeyMeta::default(),
                        value,
                    },
                );
            }
        }
    }

    /// Removes an entry, keeping the order of the others.
    pub fn remove(&mut self, key: &str) -> Option<Entry> {
        self.entries.shift_remove(key)
    }

    pub fn index_of(&self, key: &str) -> Option<usize> {
        self.entries.get_index_of(key)
    }
}

/// Data equality in source order (an `IndexMap`'s own `==` ignores order).
impl PartialEq for Map {
    fn eq(&self, other: &Self) -> bool {
        self.entries.len() == other.entries.len()
            && self
                .entries
                .iter()
                .zip(other.entries.iter())
                .all(|((ka, a), (kb, b))| ka == kb && a.value == b.value)
    }
}

impl FromIterator<(String, Node)> for Map {
    fn from_iter<I: IntoIterator<Item = (String, Node)>>(iter: I) -> Self {
        let mut map = Map::new();
        for (k, v) in iter {
            map.insert(k, v);
        }
        map
    }
}

/// A value with where it came from and how it was written.
#[derive(Clone, Debug)]
pub struct Node {
    pub value: Value,
    pub span: Span,
    pub style: Style,
    /// Comments of a sequence item or of the document root; a mapping entry's comments
    /// live on its key.
    pub comments: Comments,
}

impl PartialEq for Node {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl From<Value> for Node {
    fn from(value: Value) -> Self {
        Node::new(value)
    }
}

impl Node {
    pub fn new(value: Value) -> Self {
        Node {
            value,
            span: Span::default(),
            style: Style::default(),
            comments: Comments::default(),
        }
    }

    pub fn null() -> Self {
        Node::new(Value::Null)
    }

    pub fn string(s: impl Into<String>) -> Self {
        Node::new(Value::String(s.into()))
    }

    pub fn bool(b: bool) -> Self {
        Node::new(Value::Bool(b))
    }

    pub fn int(n: i64) -> Self {
        Node::new(Value::Number(Number::from_i64(n)))
    }

    pub fn seq(items: Vec<Node>) -> Self {
        Node::new(Value::Seq(Seq {
            items,
            end: Vec::new(),
        }))
    }

    pub fn map(map: Map) -> Self {
        Node::new(Value::Map(map))
    }

    /// An intrinsic function call written in short form, as people write YAML by hand.
    pub fn func(func: Func, arg: Node) -> Self {
        let mut node = Node::new(Value::Fn(Box::new(Intrinsic::new(func, arg))));
        node.style.func_form = FuncForm::Short;
        node
    }

    /// `!Ref target`.
    pub fn reference(target: impl Into<String>) -> Self {
        Node::func(Func::Ref, Node::string(target))
    }

    /// `!GetAtt resource.attribute`.
    pub fn get_att(resource: &str, attribute: &str) -> Self {
        Node::func(
            Func::GetAtt,
            Node::string(format!("{resource}.{attribute}")),
        )
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&Map> {
        match &self.value {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    pub fn as_map_mut(&mut self) -> Option<&mut Map> {
        match &mut self.value {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(s) => Some(&s.items),
            _ => None,
        }
    }

    pub fn as_seq_mut(&mut self) -> Option<&mut Vec<Node>> {
        match &mut self.value {
            Value::Seq(s) => Some(&mut s.items),
            _ => None,
        }
    }

    pub fn as_fn(&self) -> Option<&Intrinsic> {
        match &self.value {
            Value::Fn(f) => Some(f),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match &self.value {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match &self.value {
            Value::Bool(b) => Some(*b),
            Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
            Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        }
    }

    /// The text CloudFormation sees for a scalar: strings as they are, numbers and
    /// booleans as their canonical text.
    pub fn scalar_text(&self) -> Option<std::borrow::Cow<'_, str>> {
        use std::borrow::Cow;
        match &self.value {
            Value::String(s) => Some(Cow::Borrowed(s)),
            Value::Number(n) => Some(Cow::Borrowed(n.as_str())),
            Value::Bool(b) => Some(Cow::Borrowed(if *b { "true" } else { "false" })),
            _ => None,
        }
    }

    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_map()?.get(key)
    }

    /// Walks every node depth-first, parents before children, with the key or index
    /// path from this node.
    pub fn walk<'a>(&'a self, visit: &mut impl FnMut(&[PathSeg<'a>], &'a Node)) {
        let mut path = Vec::new();
        self.walk_inner(&mut path, visit);
    }

    fn walk_inner<'a>(
        &'a self,
        path: &mut Vec<PathSeg<'a>>,
        visit: &mut impl FnMut(&[PathSeg<'a>], &'a Node),
    ) {
        visit(path, self);
        match &self.value {
            Value::Seq(seq) => {
                for (i, item) in seq.items.iter().enumerate() {
                    path.push(PathSeg::Index(i));
                    item.walk_inner(path, visit);
                    path.pop();
                }
            }
            Value::Map(map) => {
                for (k, e) in &map.entries {
                    path.push(PathSeg::Key(k));
                    e.value.walk_inner(path, visit);
                    path.pop();
                }
            }
            Value::Fn(f) => {
                path.push(PathSeg::Key(f.func.long_name()));
                f.arg.walk_inner(path, visit);
                path.pop();
            }
            Value::Tagged(t) => t.value.walk_inner(path, visit),
            _ => {}
        }
    }

    /// Visits every node mutably, parents before children.
    pub fn walk_mut(&mut self, visit: &mut impl FnMut(&mut Node)) {
        visit(self);
        match &mut self.value {
            Value::Seq(seq) => seq.items.iter_mut().for_each(|i| i.walk_mut(visit)),
            Value::Map(map) => map
                .entries
                .values_mut()
                .for_each(|e| e.value.walk_mut(visit)),
            Value::Fn(f) => f.arg.walk_mut(visit),
            Value::Tagged(t) => t.value.walk_mut(visit),
            _ => {}
        }
    }

    /// Clears positions, comments and styles throughout, as if the tree had been built
    /// by hand; used to compare two trees' layout-free form in tests.
    pub fn strip_presentation(&mut self) {
        self.span = Span::default();
        self.style = Style::default();
        self.comments = Comments::default();
        match &mut self.value {
            Value::Seq(seq) => {
                seq.end.clear();
                seq.items.iter_mut().for_each(Node::strip_presentation);
            }
            Value::Map(map) => {
                map.end.clear();
                for entry in map.entries.values_mut() {
                    entry.key = KeyMeta::default();
                    entry.value.strip_presentation();
                }
            }
            Value::Fn(f) => {
                f.key = KeyMeta::default();
                f.arg.strip_presentation();
            }
            Value::Tagged(t) => t.value.strip_presentation(),
            _ => {}
        }
    }
}

/// One step of a path through the tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathSeg<'a> {
    Key(&'a str),
    Index(usize),
}

/// Renders a path the way findings and editors show it: `Resources/Web/Properties/SubnetId`.
pub fn path_string(path: &[PathSeg<'_>]) -> String {
    let mut out = String::new();
    for (i, seg) in path.iter().enumerate() {
        if i > 0 {
            out.push('/');
        }
        match seg {
            PathSeg::Key(k) => out.push_str(k),
            PathSeg::Index(n) => out.push_str(&n.to_string()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_number_grammar() {
        for ok in ["0", "-0", "12", "1.5", "1e3", "1E+3", "-2.5e-7"] {
            assert!(is_json_number(ok), "{ok}");
        }
        for bad in [
            "", "-", "01", "1.", ".5", "1e", "0x1F", "+1", "1_000", "Infinity",
        ] {
            assert!(!is_json_number(bad), "{bad}");
        }
    }

    #[test]
    fn numbers_compare_by_value() {
        assert_eq!(
            Number::parse("1.50").unwrap(),
            Number::parse("1.5").unwrap()
        );
        assert_ne!(Number::parse("1").unwrap(), Number::parse("2").unwrap());
        assert_eq!(Number::from_f64(3.0).unwrap().as_str(), "3.0");
    }

    #[test]
    fn map_equality_respects_order() {
        let a: Map = [("A".into(), Node::int(1)), ("B".into(), Node::int(2))]
            .into_iter()
            .collect();
        let b: Map = [("B".into(), Node::int(2)), ("A".into(), Node::int(1))]
            .into_iter()
            .collect();
        assert_ne!(a, b);
        assert_eq!(a, a.clone());
    }

    #[test]
    fn insert_keeps_place_and_insert_at_moves() {
        let mut m: Map = [("A".into(), Node::int(1)), ("B".into(), Node::int(2))]
            .into_iter()
            .collect();
        m.insert("A", Node::int(9));
        assert_eq!(m.keys().collect::<Vec<_>>(), ["A", "B"]);
        m.insert_at(0, "B", Node::int(3));
        assert_eq!(m.keys().collect::<Vec<_>>(), ["B", "A"]);
        m.insert_at(1, "C", Node::int(4));
        assert_eq!(m.keys().collect::<Vec<_>>(), ["B", "C", "A"]);
    }

    #[test]
    fn equality_ignores_presentation() {
        let mut a = Node::string("x");
        a.style.scalar = ScalarStyle::DoubleQuoted;
        a.span.start = Pos::new(3, 4);
        a.comments.trailing = Some(" note".into());
        assert_eq!(a, Node::string("x"));
    }

    #[test]
    fn paths_render_with_slashes() {
        let p = [
            PathSeg::Key("Resources"),
            PathSeg::Key("Web"),
            PathSeg::Index(2),
        ];
        assert_eq!(path_string(&p), "Resources/Web/2");
    }
}
