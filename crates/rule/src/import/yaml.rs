//! A YAML reader for the importers (CloudFormation, SAM, Scheduler and
//! Serverless templates), with a parser of our own (`yaml/parse.rs`, for
//! the web bundle's size).
//!
//! General YAML loaders lose what the importers need: [`read`] keeps, for
//! every node, its place ([`Mark`]: byte offset, line and column), its tag
//! (CloudFormation's short-form intrinsic functions `!GetAtt`, `!Ref`,
//! `!Sub`, … are read, not refused), and for a scalar its exact text and
//! [`Style`], so that `1.50` is still `1.50` and `"5"` is still a string.
//! Mappings keep their keys in document order.
//!
//! It also refuses what a template should not hold, with a positioned
//! [`YamlError`]:
//! - aliases (`*name`): CloudFormation has documented them as unsupported,
//!   and refusing them rules out "billion laughs" expansion;
//! - a key written twice in one mapping: the YAML spec forbids it, and
//!   readers disagree on which one counts (PyYAML silently keeps the last);
//! - keys that are not scalars, or tagged other than `!!str`;
//! - more than one document;
//! - nesting deeper than [`MAX_DEPTH`]. The tree is built with an
//!   explicit stack, so hostile nesting ends in an error, not a stack
//!   overflow, and the functions here that recurse stay within that bound.
//!
//! JSON is YAML 1.2, so a JSON template reads too (with JSON's strings as
//! double-quoted scalars).
//!
//! [`to_json`] turns a subtree, such as an `EventPattern`, into an
//! [`evpat::json::Node`] with number lexemes kept: untagged plain scalars
//! are resolved by YAML 1.2's core schema (null, booleans, numbers);
//! everything else is a string. [`yaml11_differences`] lists the plain
//! scalars that YAML 1.1 readers (CloudFormation itself, PyYAML in the SAM
//! CLI) would read otherwise, such as `yes` (a boolean there) or `1e6` (a
//! string there), for the importers' warnings.
//!
//! ```text
//! let root = yaml::read(text)?;          // Err(YamlError { message, mark })
//! // Walk root.value: Value::Mapping(entries) / Sequence(items) / Scalar(s),
//! // each node with .tag, .start (Mark) and .end; node.intrinsic() names
//! // `!GetAtt X.Arn` and `{"Fn::GetAtt": …}` alike ("Fn::GetAtt").
//! let pattern = yaml::to_json(pattern_node)?;  // evpat::json::Node, lexemes kept
//! Pattern::parse(&pattern.to_compact());
//! yaml::yaml11_differences(pattern_node);      // Vec<(Mark, message)>
//! ```

use std::collections::BTreeMap;
use std::fmt;

use evpat::json::{self, Member, Number, Span, Value as JsonValue};

#[cfg(test)]
mod oracle;
mod parse;

/// The deepest nesting [`read`] accepts: mappings and sequences, the root
/// being depth 1. A SAM template puts a pattern 7 levels down
/// (`Resources`, function, `Properties`, `Events`, event, `Properties`,
/// `Pattern`), and evpat takes patterns 128 deep.
pub(crate) const MAX_DEPTH: usize = 160;

/// A place in the text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Mark {
    /// The byte offset, for [`crate::import::ImportError::at`].
    pub offset: usize,
    /// The 1-based line.
    pub line: usize,
    /// The 1-based column, in characters.
    pub column: usize,
}

/// A node of the document.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Node {
    /// The value.
    pub value: Value,
    /// The tag, when one is written (`!GetAtt`, `!!str`).
    pub tag: Option<Tag>,
    /// Where the node starts: at its tag (or anchor) when it has one, at
    /// the opening quote of a quoted scalar, at the first line of text of
    /// a `|` or `>` block scalar, at `-` or the first key of a block
    /// collection; an empty value, at the `:` or after the `- ` before it.
    pub start: Mark,
    /// The byte offset where the node ends (for a block collection, where
    /// the next thing starts; for a block scalar, at the end of its last
    /// line of text).
    pub end: usize,
}

/// A node's value.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    /// A scalar, unresolved: its text and how it was written.
    Scalar(Scalar),
    /// A sequence.
    Sequence(Vec<Node>),
    /// A mapping, entries in document order, every key once.
    Mapping(Vec<Entry>),
}

/// A scalar as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Scalar {
    /// The text after unquoting and unescaping (`'it''s'` is `it's`), or
    /// the plain text (`1.50`, `true`, `~`, or empty for `key:`).
    pub text: String,
    /// How it was written.
    pub style: Style,
}

/// How a scalar was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Style {
    /// Plain: resolved by the schema (`true`, `1.50`, `null` are not
    /// strings).
    Plain,
    /// `'single quoted'`: a string.
    SingleQuoted,
    /// `"double quoted"`: a string.
    DoubleQuoted,
    /// A `|` block: a string.
    Literal,
    /// A `>` block: a string.
    Folded,
}

/// One `key: value` of a mapping.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Entry {
    /// The key's text (a scalar's text, whatever its style).
    pub key: String,
    /// Where the key starts.
    pub key_mark: Mark,
    /// The byte offset where the key ends.
    pub key_end: usize,
    /// How the key was written.
    pub key_style: Style,
    /// The value.
    pub value: Node,
}

/// A node's tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Tag {
    /// `!Name`, a local tag: CloudFormation's short-form intrinsic
    /// functions (`!GetAtt` is `Local("GetAtt")`).
    Local(String),
    /// A YAML core schema tag by its name: `!!str` (or
    /// `!<tag:yaml.org,2002:str>`) is `Core("str")`.
    Core(String),
    /// Any other tag, in full (`tag:example.com,2000:app/x`).
    Other(String),
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tag::Local(name) => write!(f, "!{name}"),
            Tag::Core(name) => write!(f, "!!{name}"),
            Tag::Other(tag) => write!(f, "!<{tag}>"),
        }
    }
}

/// Text that does not read as YAML, or that a template should not hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct YamlError {
    /// What is wrong, without the place.
    pub message: String,
    /// Where.
    pub mark: Mark,
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (line {}, column {})", self.message, self.mark.line, self.mark.column)
    }
}

impl std::error::Error for YamlError {}

/// A CloudFormation intrinsic function call, in either form:
/// `!GetAtt A.Arn` or `{"Fn::GetAtt": ["A", "Arn"]}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Intrinsic<'a> {
    /// The long form's name: `Ref`, `Condition`, `Fn::GetAtt`, `Fn::Sub`, ….
    /// The argument is the tagged node itself for the short form (read
    /// its value, ignoring the tag), the one entry's value for the long
    /// form.
    pub name: &'a str,
}

impl Node {
    /// The entries, when this is a mapping.
    pub(crate) fn entries(&self) -> Option<&[Entry]> {
        match &self.value {
            Value::Mapping(entries) => Some(entries),
            _ => None,
        }
    }

    /// The intrinsic function this node calls, when it is one: a local
    /// tag (`!GetAtt`, `!Ref`, `!Sub`, …), or a mapping with one key that
    /// is `Ref`, `Condition` or starts with `Fn::`.
    pub(crate) fn intrinsic(&self) -> Option<Intrinsic<'_>> {
        if let Some(Tag::Local(name)) = &self.tag {
            let long =
                INTRINSICS.iter().find(|long| long.strip_prefix("Fn::").unwrap_or(long) == name)?;
            return Some(Intrinsic { name: long });
        }
        match self.entries()? {
            [entry]
                if self.tag.is_none()
                    && (entry.key == "Ref"
                        || entry.key == "Condition"
                        || entry.key.starts_with("Fn::")) =>
            {
                Some(Intrinsic { name: &entry.key })
            }
            _ => None,
        }
    }
}

/// CloudFormation's intrinsic functions by their long names; the short
/// form is the name without `Fn::` (`!Ref`, `!GetAtt`).
const INTRINSICS: [&str; 21] = [
    "Ref",
    "Condition",
    "Fn::And",
    "Fn::Base64",
    "Fn::Cidr",
    "Fn::Equals",
    "Fn::FindInMap",
    "Fn::GetAtt",
    "Fn::GetAZs",
    "Fn::If",
    "Fn::ImportValue",
    "Fn::Join",
    "Fn::Length",
    "Fn::Not",
    "Fn::Or",
    "Fn::Select",
    "Fn::Split",
    "Fn::Sub",
    "Fn::ToJsonString",
    "Fn::Transform",
    "Fn::ForEach",
];

/// Reads one YAML document.
///
/// # Errors
///
/// Text that is not YAML, an empty document, several documents, an
/// alias, a key that is not a scalar or is written twice, or nesting
/// deeper than [`MAX_DEPTH`]; each with its place.
pub(crate) fn read(text: &str) -> Result<Node, YamlError> {
    let mut builder = Builder::default();
    parse::parse(text, &mut builder)?;
    builder.finish()
}

/// The tree being built from the parser's events. The collections not
/// closed yet are an explicit stack, innermost last, so that depth costs
/// heap, not native stack.
#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    root: Option<Node>,
}

impl Builder {
    /// Whether nothing was read yet.
    fn is_empty(&self) -> bool {
        self.root.is_none() && self.stack.is_empty()
    }

    /// A mapping or sequence starts.
    fn start(&mut self, sequence: bool, tag: Option<Tag>, start: Mark) -> Result<(), YamlError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(YamlError {
                message: format!("the YAML nests deeper than {MAX_DEPTH} levels"),
                mark: start,
            });
        }
        let kind =
            if sequence { Kind::Sequence(Vec::new()) } else { Kind::Mapping(Vec::new(), None) };
        self.stack.push(Frame { start, tag, kind, keys: BTreeMap::new() });
        Ok(())
    }

    /// The innermost collection ends at byte `end`.
    fn end(&mut self, end: usize) -> Result<(), YamlError> {
        let Some(frame) = self.stack.pop() else {
            return Ok(());
        };
        let value = match frame.kind {
            Kind::Sequence(items) => Value::Sequence(items),
            Kind::Mapping(entries, _) => Value::Mapping(entries),
        };
        let end = end.max(frame.start.offset);
        self.add(Node { value, tag: frame.tag, start: frame.start, end })
    }

    /// A scalar.
    fn scalar(
        &mut self,
        text: String,
        style: Style,
        tag: Option<Tag>,
        start: Mark,
        end: usize,
    ) -> Result<(), YamlError> {
        self.add(Node { value: Value::Scalar(Scalar { text, style }), tag, start, end })
    }

    fn add(&mut self, node: Node) -> Result<(), YamlError> {
        match self.stack.last_mut() {
            None => {
                self.root = Some(node);
                Ok(())
            }
            Some(frame) => frame.add(node),
        }
    }

    fn finish(self) -> Result<Node, YamlError> {
        self.root.ok_or_else(|| YamlError {
            message: "the YAML document is empty".into(),
            mark: Mark { offset: 0, line: 1, column: 1 },
        })
    }
}

/// A collection being read.
struct Frame {
    start: Mark,
    tag: Option<Tag>,
    kind: Kind,
    /// A mapping's keys so far, each with the line it is first on, to
    /// find one written twice without a quadratic search.
    keys: BTreeMap<String, usize>,
}

enum Kind {
    Sequence(Vec<Node>),
    /// The entries so far, and the key read whose value comes next.
    Mapping(Vec<Entry>, Option<Key>),
}

impl Frame {
    fn add(&mut self, node: Node) -> Result<(), YamlError> {
        match &mut self.kind {
            Kind::Sequence(items) => items.push(node),
            Kind::Mapping(entries, pending) => match pending.take() {
                Some(Key { text, mark, end, style }) => entries.push(Entry {
                    key: text,
                    key_mark: mark,
                    key_end: end,
                    key_style: style,
                    value: node,
                }),
                None => {
                    let key = key(node)?;
                    if let Some(first) = self.keys.get(&key.text) {
                        return Err(YamlError {
                            message: format!(
                                "the key {} is written twice in this mapping (first at line \
                                 {first})",
                                key.text
                            ),
                            mark: key.mark,
                        });
                    }
                    self.keys.insert(key.text.clone(), key.mark.line);
                    *pending = Some(key);
                }
            },
        }
        Ok(())
    }
}

/// A mapping key read, waiting for its value.
struct Key {
    text: String,
    mark: Mark,
    end: usize,
    style: Style,
}

/// A mapping key: only scalars, untagged or `!!str`, are keys here
/// (CloudFormation takes no others).
fn key(node: Node) -> Result<Key, YamlError> {
    let tagged = match &node.tag {
        None => false,
        Some(Tag::Core(name)) if name == "str" => false,
        Some(_) => true,
    };
    match node.value {
        Value::Scalar(scalar) if !tagged => {
            Ok(Key { text: scalar.text, mark: node.start, end: node.end, style: scalar.style })
        }
        _ => Err(YamlError {
            message: "a mapping key must be a plain or quoted string".into(),
            mark: node.start,
        }),
    }
}

/// The prefix of YAML's core tags, which `!!` stands for.
const CORE: &str = "tag:yaml.org,2002:";

/// A tag from its handle's prefix and its suffix: `!` is a local tag,
/// [`CORE`] a core one; an empty prefix is a verbatim `!<…>` tag.
fn to_tag(handle: &str, suffix: &str) -> Tag {
    if handle == "!" {
        Tag::Local(suffix.to_owned())
    } else if handle == CORE {
        Tag::Core(suffix.to_owned())
    } else if handle.is_empty() {
        match suffix.strip_prefix(CORE) {
            Some(name) => Tag::Core(name.to_owned()),
            None => match suffix.strip_prefix('!') {
                Some(name) => Tag::Local(name.to_owned()),
                None => Tag::Other(suffix.to_owned()),
            },
        }
    } else {
        Tag::Other(format!("{handle}{suffix}"))
    }
}

/// How YAML 1.2's core schema reads an untagged plain scalar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Core {
    Null,
    Bool(bool),
    /// A number written as JSON writes one.
    Number,
    /// A number JSON cannot write as it is: `+1`, `0x1F`, `0o17`, `.5`,
    /// `1.`, `007`, `.inf`, `.nan`.
    OtherNumber,
    String,
}

fn is_null_text(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

/// The core schema's resolution of a plain scalar (YAML 1.2, §10.3.2).
fn core_scalar(text: &str) -> Core {
    if is_null_text(text) {
        return Core::Null;
    }
    match text {
        "true" | "True" | "TRUE" => return Core::Bool(true),
        "false" | "False" | "FALSE" => return Core::Bool(false),
        _ => {}
    }
    if json::is_json_number(text) {
        return Core::Number;
    }
    let digits = |s: &str, radix: u32| !s.is_empty() && s.chars().all(|c| c.is_digit(radix));
    if text.strip_prefix("0o").is_some_and(|s| digits(s, 8))
        || text.strip_prefix("0x").is_some_and(|s| digits(s, 16))
    {
        return Core::OtherNumber;
    }
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    if matches!(unsigned, ".inf" | ".Inf" | ".INF") || matches!(text, ".nan" | ".NaN" | ".NAN") {
        return Core::OtherNumber;
    }
    // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], Some(&unsigned[at + 1..])),
        None => (unsigned, None),
    };
    let exponent_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e), 10));
    let mantissa_ok = match mantissa.split_once('.') {
        None => digits(mantissa, 10),
        Some((int, frac)) => {
            (int.is_empty() && digits(frac, 10))
                || (digits(int, 10) && (frac.is_empty() || digits(frac, 10)))
        }
    };
    if mantissa_ok && exponent_ok { Core::OtherNumber } else { Core::String }
}

/// The subtree as JSON, numbers keeping their lexemes. Spans are byte
/// ranges in the YAML text (a member's `key_span` is its key's).
///
/// Untagged plain scalars follow YAML 1.2's core schema: `null`, `~` and
/// nothing are null, `true`/`false` (any case the schema lists) booleans,
/// JSON-syntax numbers numbers; any other plain text is a string, as is
/// every quoted or block scalar. The core tags `!!str`, `!!int`,
/// `!!float`, `!!bool`, `!!null`, `!!seq` and `!!map` are honoured (the
/// exporters write `!!float 1e6`, which YAML 1.1 would otherwise read as a
/// string).
///
/// # Errors
///
/// A number JSON cannot write as it is (`0x1F`, `+1`, `.5`, `.inf`), a
/// core tag on a value it does not fit, and any other tag (`!Ref`,
/// `!GetAtt`: CloudFormation would resolve it at deploy time, and a
/// pattern has to be known now), with its place.
pub(crate) fn to_json(node: &Node) -> Result<json::Node, YamlError> {
    let span = Span { start: node.start.offset, end: node.end };
    let error = |message: String| YamlError { message, mark: node.start };
    let core = match &node.tag {
        None => None,
        Some(Tag::Core(name)) => Some(name.as_str()),
        Some(tag) => {
            return Err(error(format!(
                "{tag} cannot be part of an event pattern: CloudFormation would resolve it when \
                 deploying, and the pattern has to be known to be tested; write the value out"
            )));
        }
    };
    let value = match (&node.value, core) {
        (Value::Sequence(items), None | Some("seq")) => {
            JsonValue::Array(items.iter().map(to_json).collect::<Result<_, _>>()?)
        }
        (Value::Mapping(entries), None | Some("map")) => JsonValue::Object(
            entries
                .iter()
                .map(|entry| {
                    Ok(Member {
                        key: entry.key.clone(),
                        key_span: Span { start: entry.key_mark.offset, end: entry.key_end },
                        value: to_json(&entry.value)?,
                    })
                })
                .collect::<Result<_, YamlError>>()?,
        ),
        (Value::Scalar(scalar), None) if scalar.style == Style::Plain => {
            match core_scalar(&scalar.text) {
                Core::Null => JsonValue::Null,
                Core::Bool(b) => JsonValue::Bool(b),
                Core::Number => JsonValue::Number(number(&scalar.text)),
                Core::String => JsonValue::String(scalar.text.clone()),
                Core::OtherNumber => {
                    return Err(error(format!(
                        "YAML reads {} as a number, which JSON cannot write as it is: write it \
                         as JSON writes numbers (such as 31, 0.5 or 1), or quote it for a string",
                        scalar.text
                    )));
                }
            }
        }
        (Value::Scalar(scalar), None | Some("str")) => JsonValue::String(scalar.text.clone()),
        (Value::Scalar(scalar), Some("int" | "float")) if json::is_json_number(&scalar.text) => {
            JsonValue::Number(number(&scalar.text))
        }
        (Value::Scalar(scalar), Some("bool"))
            if matches!(core_scalar(&scalar.text), Core::Bool(_)) =>
        {
            JsonValue::Bool(core_scalar(&scalar.text) == Core::Bool(true))
        }
        (Value::Scalar(scalar), Some("null")) if is_null_text(&scalar.text) => JsonValue::Null,
        (_, Some(name)) => {
            return Err(error(format!(
                "!!{name} does not fit this value, or has no JSON equivalent: write the value \
                 as JSON would"
            )));
        }
    };
    Ok(json::Node { value, span })
}

/// A number from a lexeme already checked to be JSON number syntax.
fn number(lexeme: &str) -> Number {
    Number::new(lexeme).unwrap_or(Number { lexeme: lexeme.to_owned() })
}

/// The plain scalars in the subtree (keys included) that YAML 1.1
/// readers, which CloudFormation and PyYAML are, read otherwise than
/// [`to_json`] does: `y`, `yes`, `on`, `off`, … (booleans there, strings
/// here), and numbers with an exponent but no `.` or exponent sign
/// (`1e6`: strings there, numbers here). Each with its place and a
/// message.
pub(crate) fn yaml11_differences(node: &Node) -> Vec<(Mark, String)> {
    let mut out = Vec::new();
    let mut stack = vec![node];
    let check = |text: &str, mark: Mark, out: &mut Vec<(Mark, String)>| {
        const BOOLEANS: [&str; 16] = [
            "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off",
            "Off", "OFF",
        ];
        if BOOLEANS.contains(&text) {
            out.push((
                mark,
                format!(
                    "{text} is read as the string \"{text}\", but YAML 1.1 readers such as \
                     CloudFormation read it as a boolean; quote it to keep a string"
                ),
            ));
        } else if json::is_json_number(text) && yaml11_reads_as_string(text) {
            out.push((
                mark,
                format!(
                    "{text} is read as a number, but YAML 1.1 readers such as PyYAML (the SAM \
                     CLI) read it as a string; write !!float {text} to keep a number"
                ),
            ));
        }
    };
    while let Some(node) = stack.pop() {
        match &node.value {
            Value::Scalar(scalar) if node.tag.is_none() && scalar.style == Style::Plain => {
                check(&scalar.text, node.start, &mut out);
            }
            Value::Scalar(_) => {}
            Value::Sequence(items) => stack.extend(items.iter().rev()),
            Value::Mapping(entries) => {
                for entry in entries.iter().rev() {
                    stack.push(&entry.value);
                }
                for entry in entries.iter().filter(|entry| entry.key_style == Style::Plain) {
                    check(&entry.key, entry.key_mark, &mut out);
                }
            }
        }
    }
    out.sort_by_key(|(mark, _)| mark.offset);
    out
}

/// Whether YAML 1.1's float type (which PyYAML follows to the letter)
/// reads a JSON number lexeme as a string: it wants a `.` in the mantissa
/// and a sign in the exponent. The exporters' YAML writer makes the same
/// check to tag such numbers `!!float`.
fn yaml11_reads_as_string(lexeme: &str) -> bool {
    lexeme
        .find(['e', 'E'])
        .is_some_and(|e| !lexeme[..e].contains('.') || !lexeme[e + 1..].starts_with(['+', '-']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Node {
        read(text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
    }

    fn err(text: &str) -> YamlError {
        read(text).expect_err(text)
    }

    fn compact(text: &str) -> String {
        to_json(&ok(text)).map(|node| node.to_compact()).unwrap_or_else(|e| format!("error: {e}"))
    }

    fn get<'n>(node: &'n Node, key: &str) -> &'n Node {
        let entries = node.entries().unwrap_or_else(|| panic!("not a mapping: {node:?}"));
        &entries.iter().find(|entry| entry.key == key).unwrap_or_else(|| panic!("no {key}")).value
    }

    fn items(node: &Node) -> &[Node] {
        match &node.value {
            Value::Sequence(items) => items,
            other => panic!("not a sequence: {other:?}"),
        }
    }

    fn scalar(node: &Node) -> &Scalar {
        match &node.value {
            Value::Scalar(scalar) => scalar,
            other => panic!("not a scalar: {other:?}"),
        }
    }

    #[test]
    fn keeps_places_tags_styles_and_order() {
        let text =
            "Resources:\n  Rule:\n    Arn: !GetAtt Fn.Arn\n    'n': \"5\"\n    é: 1.50\n    z: ~\n";
        let root = ok(text);
        let rule = get(get(&root, "Resources"), "Rule");
        let keys: Vec<(&str, Style)> =
            rule.entries().unwrap().iter().map(|e| (e.key.as_str(), e.key_style)).collect();
        assert_eq!(
            keys,
            [
                ("Arn", Style::Plain),
                ("n", Style::SingleQuoted),
                ("é", Style::Plain),
                ("z", Style::Plain)
            ]
        );
        let arn = get(rule, "Arn");
        assert_eq!(arn.tag, Some(Tag::Local("GetAtt".into())));
        assert_eq!(arn.start, Mark { offset: 28, line: 3, column: 10 });
        assert_eq!(&text[arn.start.offset..arn.end], "!GetAtt Fn.Arn");
        assert_eq!(scalar(arn).text, "Fn.Arn");
        assert_eq!(
            scalar(get(rule, "n")),
            &Scalar { text: "5".into(), style: Style::DoubleQuoted }
        );
        let e = &rule.entries().unwrap()[2];
        // Offsets are bytes and columns characters.
        assert_eq!(e.key_mark, Mark { offset: 60, line: 5, column: 5 });
        assert_eq!(&text[e.key_mark.offset..e.key_end], "é");
        assert_eq!(e.value.start, Mark { offset: 64, line: 5, column: 8 });
        assert_eq!(scalar(&e.value), &Scalar { text: "1.50".into(), style: Style::Plain });
        assert_eq!(scalar(get(rule, "z")).text, "~");
        assert_eq!(root.start, Mark { offset: 0, line: 1, column: 1 });
    }

    #[test]
    fn tags() {
        let root = ok(
            "- !Ref X\n- !!str 12\n- !<tag:yaml.org,2002:float> 1e6\n- !<!Sub> a\n- !<tag:x.org,1:y> b\n",
        );
        let tags: Vec<String> = items(&root)
            .iter()
            .map(|n| n.tag.as_ref().map(ToString::to_string).unwrap_or_default())
            .collect();
        assert_eq!(tags, ["!Ref", "!!str", "!!float", "!Sub", "!<tag:x.org,1:y>"]);
        assert_eq!(items(&root)[1].tag, Some(Tag::Core("str".into())));
    }

    #[test]
    fn intrinsics() {
        let root = ok(
            "a: !GetAtt F.Arn\nb: !GetAtt [F, Arn]\nc: {\"Fn::GetAtt\": [F, Arn]}\nd: !Ref F\ne: {Ref: F}\nf: !Sub '${F}'\ng: !Nope x\nh: {Ref: F, x: 1}\ni: !If [c, a, b]\n",
        );
        let name = |key: &str| get(&root, key).intrinsic().map(|call| call.name);
        for (key, expected) in [
            ("a", Some("Fn::GetAtt")),
            ("b", Some("Fn::GetAtt")),
            ("c", Some("Fn::GetAtt")),
            ("d", Some("Ref")),
            ("e", Some("Ref")),
            ("f", Some("Fn::Sub")),
            ("g", None),
            ("h", None),
            ("i", Some("Fn::If")),
        ] {
            assert_eq!(name(key), expected, "{key}");
        }
    }

    #[test]
    fn refusals() {
        let e = err("a: &x 1\nb: *x\n");
        assert_eq!((e.mark.line, e.mark.column), (2, 4));
        assert!(e.message.contains("aliases"), "{e}");
        let e = err("a: 1\nb: 2\na: 3\n");
        assert_eq!(e.message, "the key a is written twice in this mapping (first at line 1)");
        assert_eq!(e.mark, Mark { offset: 10, line: 3, column: 1 });
        let e = err("? [a]\n: 1\n");
        assert_eq!(e.message, "a mapping key must be a plain or quoted string");
        assert!(err("!Ref a: 1\n").message.contains("mapping key"));
        assert!(err("a: 1\n---\nb: 2\n").message.contains("more than one"));
        assert_eq!(err("").message, "the YAML document is empty");
        assert_eq!(err("# only a comment\n").message, "the YAML document is empty");
        let e = err("a: [1, 2\nb: 3\n");
        assert!(e.mark.line >= 1, "{e}");
        let e = err("a:\n\tb: 1\n");
        assert_eq!(e.mark.line, 2, "{e}");
    }

    #[test]
    fn depth_is_bounded() {
        let deep = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(read(&deep).is_ok());
        let too_deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert_eq!(
            err(&too_deep).message,
            format!("the YAML nests deeper than {MAX_DEPTH} levels")
        );
        let hostile = "[".repeat(200_000);
        assert!(read(&hostile).is_err());
        let mut block = String::new();
        for level in 0..=MAX_DEPTH {
            block.push_str(&" ".repeat(level));
            block.push_str("a:\n");
        }
        assert!(read(&block).is_err());
    }

    #[test]
    fn json_from_yaml() {
        assert_eq!(
            compact(
                "source: [aws.ec2]\ndetail:\n  n: [{numeric: ['>', 1.50, '<=', !!float 1e6]}]\n  s: [\"5\", '1.0', 5, -0, 1e6, 1E+2]\n  b: [true, False, TRUE, null, ~, Null, yes, on, 'true']\n  e:\n"
            ),
            r#"{"source":["aws.ec2"],"detail":{"n":[{"numeric":[">",1.50,"<=",1e6]}],"s":["5","1.0",5,-0,1e6,1E+2],"b":[true,false,true,null,null,null,"yes","on","true"],"e":null}}"#
        );
        assert_eq!(
            compact(
                "a:\n  - !!str 1\n  - !!int 2\n  - !!bool true\n  - !!null ~\n  - !!map {x: 1}\n  - !!seq [1]\n  - |\n    block\n"
            ),
            r#"{"a":["1",2,true,null,{"x":1},[1],"block\n"]}"#
        );
        assert_eq!(
            compact("{\"source\": [\"aws.ec2\"], \"n\": [1.0]}"),
            r#"{"source":["aws.ec2"],"n":[1.0]}"#
        );
        for (text, message) in [
            ("a: !Ref X", "!Ref cannot be part of an event pattern"),
            ("a: [0x1F]", "YAML reads 0x1F as a number"),
            ("a: [+1]", "YAML reads +1 as a number"),
            ("a: [.5]", "YAML reads .5 as a number"),
            ("a: [007]", "YAML reads 007 as a number"),
            ("a: [.inf]", "YAML reads .inf as a number"),
            ("a: [!!int x]", "!!int does not fit"),
            ("a: [!!binary aGk=]", "!!binary does not fit"),
        ] {
            let e = to_json(&ok(text)).expect_err(text);
            assert!(e.message.starts_with(message), "{text}: {e}");
            assert_eq!(e.mark.line, 1);
        }
        // Spans are the YAML text's bytes.
        let text = "k: [é, 1.50]";
        let node = to_json(&ok(text)).unwrap();
        let values = node.get("k").unwrap().items().unwrap();
        assert_eq!(&text[values[1].span.start..values[1].span.end], "1.50");
        assert_eq!(
            &text[node.members().unwrap()[0].key_span.start
                ..node.members().unwrap()[0].key_span.end],
            "k"
        );
    }

    #[test]
    fn yaml11_readers_differ() {
        let root = ok("on: [yes, 'no', 1e6, 1.0e+6, !!float 1e6, x]\nOFF: 1\n");
        let found: Vec<(usize, usize, String)> = yaml11_differences(&root)
            .into_iter()
            .map(|(mark, message)| (mark.line, mark.column, message))
            .collect();
        assert_eq!(found.len(), 4, "{found:?}");
        assert_eq!((found[0].0, found[0].1), (1, 1));
        assert!(found[0].2.starts_with("on is read as the string \"on\""));
        assert_eq!((found[1].0, found[1].1), (1, 6));
        assert!(found[2].2.starts_with("1e6 is read as a number, but YAML 1.1"), "{found:?}");
        assert_eq!((found[3].0, found[3].1), (2, 1));
    }

    /// Every string of up to three characters from YAML's troublemakers,
    /// and mutations of a template, read or fail without panicking.
    #[test]
    fn never_panics() {
        let alphabet = [
            "a", " ", "\n", "-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">",
            "'", "\"", "%", "@", "`", "\t", "\\", "é", "---", "...", "!!", "<<",
        ];
        for a in alphabet {
            for b in alphabet {
                for c in alphabet {
                    let text = format!("{a}{b}{c}");
                    if let Ok(node) = read(&text) {
                        let _ = to_json(&node);
                        let _ = yaml11_differences(&node);
                    }
                }
            }
        }
        let template = "Resources:\n  R:\n    Type: AWS::Events::Rule\n    Properties:\n      EventPattern:\n        source: [aws.ec2]\n        detail: {n: [{numeric: ['>', 1.50]}]}\n      Targets:\n        - Id: t\n          Arn: !GetAtt F.Arn\n          Input: \"{\\\"a\\\": 1}\"\n          Template: |\n            line\n";
        let bytes: Vec<char> = template.chars().collect();
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..4000 {
            let mut chars = bytes.clone();
            for _ in 0..(next() % 4 + 1) {
                let at = usize::try_from(next() % chars.len() as u64).unwrap_or(0);
                let with = alphabet[usize::try_from(next() % alphabet.len() as u64).unwrap_or(0)];
                match next() % 3 {
                    0 => {
                        chars.remove(at);
                    }
                    1 => chars.splice(at..at, with.chars()).for_each(drop),
                    _ => chars.splice(at..=at, with.chars()).for_each(drop),
                }
                if chars.is_empty() {
                    break;
                }
            }
            let text: String = chars.into_iter().collect();
            if let Ok(node) = read(&text) {
                let _ = to_json(&node);
                let _ = yaml11_differences(&node);
            }
        }
    }
}
