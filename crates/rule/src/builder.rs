//! Building patterns and events by hand: what the playground does when a
//! user clicks a value of an event, presses "Format", pastes a PutEvents
//! entry or JSON Lines, or wraps a bare object in an envelope.
//!
//! Everything works on text, through [`evpat::json`]'s reader, so that
//! every number keeps its lexeme (`1.50` stays `1.50`) and duplicate keys
//! stay visible: the output is the user's text, rearranged, never
//! re-serialized through a lossy value.
//!
//! ```
//! use evpat_rule::builder::{Condition, Leaf, add_condition};
//!
//! let leaf = Leaf::String("stopped".into());
//! let pattern = add_condition("", &["detail".into(), "state".into()], &leaf, Condition::Exact)?;
//! assert_eq!(pattern, "{\n  \"detail\": {\n    \"state\": [\"stopped\"]\n  }\n}\n");
//! # Ok::<(), evpat_rule::builder::BuildError>(())
//! ```

use std::fmt;

use evpat::json::{self, Member, Node, Value};
use serde_json::Value as JsonValue;

use crate::export::json_string;
use crate::put_events::{Delivery, PutEventsEntry, entry_to_event, looks_like_entry};

/// How deep the texts handled here may nest: AWS's limit for patterns is
/// 128; events get the same bound, far below what would strain the stack.
const MAX_DEPTH: usize = 1000;

/// The widest line [`format_json`] writes before it breaks an array or an
/// operator object over several lines.
const WIDTH: usize = 80;

/// A leaf value of an event, as a pattern can test it.
#[derive(Clone, Debug, PartialEq)]
pub enum Leaf {
    /// A string, decoded.
    String(String),
    /// A number, as written in the event.
    Number(String),
    /// `true` or `false`.
    Bool(bool),
    /// `null`.
    Null,
}

impl Leaf {
    /// The leaf of an event's JSON value; `None` for arrays and objects,
    /// which patterns cannot test with a value.
    pub fn of(value: &Value) -> Option<Leaf> {
        Some(match value {
            Value::String(s) => Leaf::String(s.clone()),
            Value::Number(n) => Leaf::Number(n.lexeme.clone()),
            Value::Bool(b) => Leaf::Bool(*b),
            Value::Null => Leaf::Null,
            Value::Array(_) | Value::Object(_) => return None,
        })
    }

    /// The value as JSON text.
    pub fn to_json(&self) -> String {
        match self {
            Leaf::String(s) => json_string(s),
            Leaf::Number(lexeme) => lexeme.clone(),
            Leaf::Bool(b) => b.to_string(),
            Leaf::Null => "null".to_owned(),
        }
    }

    /// The conditions that make sense for this value, in the order a menu
    /// shows them.
    pub fn conditions(&self) -> &'static [Condition] {
        match self {
            Leaf::String(_) => {
                &[Condition::Exact, Condition::Prefix, Condition::AnythingBut, Condition::Exists]
            }
            Leaf::Number(_) => &[
                Condition::Exact,
                Condition::NumericRange,
                Condition::AnythingBut,
                Condition::Exists,
            ],
            // `anything-but`, `prefix` and `numeric` take only strings and
            // numbers: AWS refuses them with `true` or `null`.
            Leaf::Bool(_) | Leaf::Null => &[Condition::Exact, Condition::Exists],
        }
    }
}

/// What to add to a pattern for a value clicked in an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Condition {
    /// The value itself: `"stopped"`.
    Exact,
    /// `{"prefix": …}`: the string up to and including its last separator.
    Prefix,
    /// `{"anything-but": …}`: any value but this one.
    AnythingBut,
    /// `{"exists": true}`: the field is there, whatever its value.
    Exists,
    /// `{"numeric": [">=", n, "<=", n]}`: a range to widen by hand.
    NumericRange,
}

impl Condition {
    /// The words a menu shows.
    pub fn title(self) -> &'static str {
        match self {
            Condition::Exact => "Exact value",
            Condition::Prefix => "Prefix",
            Condition::AnythingBut => "Anything but",
            Condition::Exists => "Exists",
            Condition::NumericRange => "Numeric range",
        }
    }

    /// The condition for `leaf`, as JSON text; `None` when it does not
    /// apply to the leaf (see [`Leaf::conditions`]).
    pub fn for_leaf(self, leaf: &Leaf) -> Option<String> {
        if !leaf.conditions().contains(&self) {
            return None;
        }
        Some(match (self, leaf) {
            (Condition::Exact, leaf) => leaf.to_json(),
            (Condition::Prefix, Leaf::String(s)) => {
                format!("{{\"prefix\": {}}}", json_string(prefix_of(s)))
            }
            (Condition::AnythingBut, leaf) => format!("{{\"anything-but\": {}}}", leaf.to_json()),
            (Condition::Exists, _) => "{\"exists\": true}".to_owned(),
            (Condition::NumericRange, Leaf::Number(n)) => {
                format!("{{\"numeric\": [\">=\", {n}, \"<=\", {n}]}}")
            }
            _ => return None,
        })
    }
}

/// The prefix a click offers for `s`: up to and including the last `/`,
/// `:` (else `.`) when that leaves a shorter, non-empty prefix (`arn:aws:s3:::`
/// of an ARN, `uploads/2021/` of a key), otherwise the whole string. An
/// empty prefix would match everything, and AWS refuses it in some places.
fn prefix_of(s: &str) -> &str {
    let trimmed = s.trim_end_matches(['/', ':', '.']);
    // Paths and ARNs first: the `.` of `report.png` is no place to cut.
    match trimmed.rfind(['/', ':']).or_else(|| trimmed.rfind('.')) {
        Some(at) if at > 0 => &s[..=at],
        _ => s,
    }
}

/// Why a pattern could not be built.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildError {
    message: String,
}

impl BuildError {
    fn new(message: impl Into<String>) -> BuildError {
        BuildError { message: message.into() }
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for BuildError {}

/// Adds `condition` for `leaf` at the field `path` (keys from the root of
/// the event; array positions left out, since patterns see through arrays)
/// to `pattern`, and returns the pattern formatted by [`format_json`].
///
/// Objects on the way are created when missing. A field that already has
/// conditions gets this one appended, unless it already has it: a field's
/// conditions are alternatives. Where a key is written twice, the last
/// one is followed, as AWS does. An empty pattern starts as `{}`.
///
/// # Errors
///
/// When the pattern is not JSON, is not an object, or has something other
/// than an object or an array on the way.
pub fn add_condition(
    pattern: &str,
    path: &[String],
    leaf: &Leaf,
    condition: Condition,
) -> Result<String, BuildError> {
    let Some(condition_text) = condition.for_leaf(leaf) else {
        return Err(BuildError::new(format!(
            "{} does not apply to {}",
            condition.title().to_lowercase(),
            leaf.to_json()
        )));
    };
    let Some((last, parents)) = path.split_last() else {
        return Err(BuildError::new("a condition needs a field: click a value inside the event"));
    };
    let mut root = if pattern.trim().is_empty() {
        Node { value: Value::Object(Vec::new()), span: Default::default() }
    } else {
        json::read(pattern, MAX_DEPTH).map_err(|error| {
            BuildError::new(format!(
                "fix the pattern's JSON first: {} at line {}, column {}",
                error.message,
                evpat::line_column(pattern, error.span.start).0,
                evpat::line_column(pattern, error.span.start).1
            ))
        })?
    };
    let condition =
        json::read(&condition_text, MAX_DEPTH).map_err(|error| BuildError::new(error.message))?;
    let mut node = &mut root;
    let mut where_ = String::from("$");
    for key in parents {
        let Value::Object(members) = &mut node.value else {
            return Err(not_an_object(&where_));
        };
        where_ = format!("{where_}.{key}");
        node = member_or_insert(members, key, Value::Object(Vec::new()));
    }
    let Value::Object(members) = &mut node.value else {
        return Err(not_an_object(&where_));
    };
    where_ = format!("{where_}.{last}");
    let field = member_or_insert(members, last, Value::Array(Vec::new()));
    let Value::Array(items) = &mut field.value else {
        return Err(BuildError::new(format!(
            "{where_} is already an object in the pattern, so it cannot take a condition; \
             click a value deeper in the event"
        )));
    };
    let new = render(&condition, 0, 0, true);
    if !items.iter().any(|item| render(item, 0, 0, true) == new) {
        items.push(condition);
    }
    Ok(render_document(&root))
}

fn not_an_object(path: &str) -> BuildError {
    BuildError::new(format!(
        "{path} is not an object in the pattern, so nothing can be added under it"
    ))
}

/// The value of the last member named `key`, after appending one holding
/// `empty` when there is none.
fn member_or_insert<'a>(members: &'a mut Vec<Member>, key: &str, empty: Value) -> &'a mut Node {
    let at = match members.iter().rposition(|member| member.key == key) {
        Some(at) => at,
        None => {
            members.push(Member {
                key: key.to_owned(),
                key_span: Default::default(),
                value: Node { value: empty, span: Default::default() },
            });
            members.len() - 1
        }
    };
    &mut members[at].value
}

/// Reformats JSON text: objects that hold fields one member a line,
/// indented by two spaces; arrays, and objects inside arrays (operators
/// such as `{"prefix": "a"}`), on one line when they fit in 80 columns.
/// Numbers, escapes and duplicate keys are kept as written.
///
/// # Errors
///
/// The reader's message when the text is not JSON, with its line and
/// column.
pub fn format_json(text: &str) -> Result<String, BuildError> {
    let node = json::read(text, MAX_DEPTH).map_err(|error| {
        let (line, column) = evpat::line_column(text, error.span.start);
        BuildError::new(format!("{} at line {line}, column {column}", error.message))
    })?;
    Ok(render_document(&node))
}

fn render_document(node: &Node) -> String {
    let mut out = render(node, 0, 0, false);
    out.push('\n');
    out
}

/// `node` as text, starting `column` characters into a line indented by
/// `indent` levels; `in_array` when it is an item of an array.
fn render(node: &Node, indent: usize, column: usize, in_array: bool) -> String {
    let inline = inline(node);
    let too_wide = column + inline.chars().count() > WIDTH;
    let breaks = match &node.value {
        // An object that is the root or a field's value is the pattern's
        // structure: one member a line, as people write patterns. Objects
        // in arrays are operators (`{"prefix": "a"}`) or `$or` branches,
        // inline when they fit.
        Value::Object(members) => !members.is_empty() && (!in_array || too_wide),
        Value::Array(items) => !items.is_empty() && too_wide,
        _ => false,
    };
    if !breaks {
        return inline;
    }
    let pad = "  ".repeat(indent + 1);
    let mut out = String::new();
    match &node.value {
        Value::Object(members) => {
            out.push_str("{\n");
            for (i, member) in members.iter().enumerate() {
                let key = json_string(&member.key);
                out.push_str(&pad);
                out.push_str(&key);
                out.push_str(": ");
                let at = pad.chars().count() + key.chars().count() + 2;
                out.push_str(&render(&member.value, indent + 1, at, false));
                if i + 1 < members.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            out.push_str(&"  ".repeat(indent));
            out.push('}');
        }
        Value::Array(items) => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                out.push_str(&pad);
                out.push_str(&render(item, indent + 1, pad.chars().count(), true));
                if i + 1 < items.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            out.push_str(&"  ".repeat(indent));
            out.push(']');
        }
        _ => unreachable!("only containers break"),
    }
    out
}

/// `node` on one line, with a space after `:` and `,`.
fn inline(node: &Node) -> String {
    match &node.value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.lexeme.clone(),
        Value::String(s) => json_string(s),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(inline).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(members) => {
            let members: Vec<String> = members
                .iter()
                .map(|m| format!("{}: {}", json_string(&m.key), inline(&m.value)))
                .collect();
            format!("{{{}}}", members.join(", "))
        }
    }
}

/// The fields a wrapped event gets when it has none of its own, in the
/// order EventBridge writes them.
const ENVELOPE_DEFAULTS: [(&str, &str); 8] = [
    ("version", "\"0\""),
    ("id", "\"00000000-0000-0000-0000-000000000000\""),
    ("detail-type", "\"Example Event\""),
    ("source", "\"com.example.app\""),
    ("account", "\"123456789012\""),
    ("time", "\"2024-01-01T00:00:00Z\""),
    ("region", "\"us-east-1\""),
    ("resources", "[]"),
];

/// The fields of an envelope besides `detail`: what says whether an object
/// is (part of) an envelope rather than an event's detail.
const ENVELOPE_KEYS: [&str; 9] =
    ["version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"];

/// Puts an event that TestEventPattern would refuse into an envelope.
///
/// An object with some envelope fields (`source`, `detail`, …) keeps them
/// and gets the missing ones from placeholders (`"account":
/// "123456789012"`). Any other object is taken as the event's `detail`.
/// The result is formatted by [`format_json`].
///
/// # Errors
///
/// When the text is not a JSON object.
pub fn wrap_in_envelope(event: &str) -> Result<String, BuildError> {
    let node = json::read(event, MAX_DEPTH).map_err(|error| {
        let (line, column) = evpat::line_column(event, error.span.start);
        BuildError::new(format!("{} at line {line}, column {column}", error.message))
    })?;
    let Value::Object(members) = node.value else {
        return Err(BuildError::new(format!(
            "the event is a JSON {}, and only an object can go into an envelope",
            node.value.type_name()
        )));
    };
    let is_envelope = members.iter().any(|m| ENVELOPE_KEYS.contains(&m.key.as_str()));
    let mut out: Vec<Member> = Vec::new();
    let placeholder = |key: &str, text: &str| Member {
        key: key.to_owned(),
        key_span: Default::default(),
        // The defaults are valid JSON literals, so this never falls back.
        value: json::read(text, 2).unwrap_or(Node { value: Value::Null, span: Default::default() }),
    };
    if is_envelope {
        for (key, text) in ENVELOPE_DEFAULTS {
            match members.iter().rfind(|m| m.key == key) {
                Some(member) => out.push(member.clone()),
                None => out.push(placeholder(key, text)),
            }
        }
        let rest = members.iter().filter(|m| !ENVELOPE_DEFAULTS.iter().any(|(k, _)| *k == m.key));
        out.extend(rest.cloned());
        if !out.iter().any(|m| m.key == "detail") {
            out.push(placeholder("detail", "{}"));
        }
    } else {
        out.extend(ENVELOPE_DEFAULTS.iter().map(|(key, text)| placeholder(key, text)));
        out.push(Member {
            key: "detail".to_owned(),
            key_span: Default::default(),
            value: Node { value: Value::Object(members), span: Default::default() },
        });
    }
    Ok(render_document(&Node { value: Value::Object(out), span: Default::default() }))
}

/// The events in JSON Lines text: one JSON object a line, at least two,
/// blank lines ignored. `None` when the text is anything else, such as a
/// single event written over several lines.
pub fn split_json_lines(text: &str) -> Option<Vec<String>> {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if lines.len() < 2 || !lines.iter().all(|l| l.starts_with('{') && l.ends_with('}')) {
        return None;
    }
    let objects = lines.iter().all(|line| {
        matches!(json::read(line, MAX_DEPTH), Ok(Node { value: Value::Object(_), .. }))
    });
    objects.then(|| lines.iter().map(|l| (*l).to_owned()).collect())
}

/// What the playground's event `text` is, when it is a PutEvents entry
/// rather than an event: the event EventBridge would deliver for it, as
/// pretty JSON, or the entry's error. `None` when it is not an entry (see
/// [`looks_like_entry`]).
///
/// The delivered event's id, account, region and (without the entry's
/// `Time`) time are placeholders: EventBridge assigns them.
pub fn delivered_event(text: &str) -> Option<Result<String, String>> {
    // Reading JSON costs time on every edit of every event; an entry has
    // to name at least one of its fields, so look for them first.
    if !(text.contains("\"Source\"")
        || text.contains("\"DetailType\"")
        || text.contains("\"Detail\""))
    {
        return None;
    }
    let value: JsonValue = serde_json::from_str(text).ok()?;
    if !looks_like_entry(&value) {
        return None;
    }
    let delivery = Delivery {
        id: "00000000-0000-0000-0000-000000000000".to_owned(),
        time: "2024-01-01T00:00:00Z".to_owned(),
        account: "123456789012".to_owned(),
        region: "us-east-1".to_owned(),
    };
    Some(
        PutEventsEntry::try_from(value)
            .map_err(|error| error.to_string())
            .and_then(|entry| entry_to_event(&entry, &delivery).map_err(|error| error.to_string()))
            .map(|event| serde_json::to_string_pretty(&event).unwrap_or_default()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(keys: &[&str]) -> Vec<String> {
        keys.iter().map(|k| (*k).to_owned()).collect()
    }

    #[test]
    fn conditions_are_added_where_the_value_is() {
        let state = Leaf::String("stopped".into());
        let p = add_condition("", &path(&["detail", "state"]), &state, Condition::Exact).unwrap();
        assert_eq!(p, "{\n  \"detail\": {\n    \"state\": [\"stopped\"]\n  }\n}\n");
        let p = add_condition(&p, &path(&["detail", "state"]), &state, Condition::Exact).unwrap();
        assert_eq!(p.matches("stopped").count(), 1, "the same condition is not added twice");
        let other = Leaf::String("terminated".into());
        let p =
            add_condition(&p, &path(&["detail", "state"]), &other, Condition::AnythingBut).unwrap();
        assert!(p.contains(r#""state": ["stopped", {"anything-but": "terminated"}]"#), "{p}");
        let p = add_condition(
            &p,
            &path(&["source"]),
            &Leaf::String("aws.ec2".into()),
            Condition::Exists,
        )
        .unwrap();
        assert!(p.contains(r#""source": [{"exists": true}]"#), "{p}");
        evpat::Pattern::parse(&p).unwrap();
    }

    #[test]
    fn every_condition_makes_a_valid_pattern() {
        let leaves = [
            Leaf::String("arn:aws:s3:::bucket/key".into()),
            Leaf::Number("1.50".into()),
            Leaf::Bool(false),
            Leaf::Null,
        ];
        for leaf in &leaves {
            for &condition in leaf.conditions() {
                let p = add_condition("{}", &path(&["detail", "x"]), leaf, condition).unwrap();
                evpat::Pattern::parse(&p).unwrap_or_else(|e| panic!("{p}: {e}"));
            }
        }
        let n = Leaf::Number("1.50".into());
        let p = add_condition("", &path(&["n"]), &n, Condition::NumericRange).unwrap();
        assert_eq!(p, "{\n  \"n\": [{\"numeric\": [\">=\", 1.50, \"<=\", 1.50]}]\n}\n");
        assert_eq!(Condition::Prefix.for_leaf(&n), None);
    }

    #[test]
    fn prefixes_stop_at_the_last_separator() {
        assert_eq!(prefix_of("arn:aws:s3:::bucket"), "arn:aws:s3:::");
        assert_eq!(prefix_of("uploads/2021/report.png"), "uploads/2021/");
        assert_eq!(prefix_of("aws.ec2"), "aws.");
        assert_eq!(prefix_of("plain"), "plain");
        assert_eq!(prefix_of("/"), "/");
    }

    #[test]
    fn conflicts_and_broken_patterns_are_errors() {
        let leaf = Leaf::String("x".into());
        let error = add_condition("{", &path(&["a"]), &leaf, Condition::Exact).unwrap_err();
        assert!(error.to_string().starts_with("fix the pattern's JSON first: "), "{error}");
        let error = add_condition(r#"{"a": {"b": ["c"]}}"#, &path(&["a"]), &leaf, Condition::Exact)
            .unwrap_err();
        assert!(error.to_string().starts_with("$.a is already an object"), "{error}");
        let error = add_condition(r#"{"a": ["c"]}"#, &path(&["a", "b"]), &leaf, Condition::Exact)
            .unwrap_err();
        assert!(error.to_string().starts_with("$.a is not an object"), "{error}");
    }

    #[test]
    fn format_keeps_lexemes_and_breaks_long_arrays() {
        let text = r#"{"detail":{"n":[{"numeric":[">",1.50]}],"dup":[1],"dup":[2e3]},"s":["é😀"]}"#;
        assert_eq!(
            format_json(text).unwrap(),
            "{\n  \"detail\": {\n    \"n\": [{\"numeric\": [\">\", 1.50]}],\n    \"dup\": [1],\n    \"dup\": [2e3]\n  },\n  \"s\": [\"é😀\"]\n}\n"
        );
        let sample = include_str!("../../../web/samples/security-group-changes.pattern.json");
        assert_eq!(format_json(sample).unwrap(), sample);
        assert_eq!(format_json("{}").unwrap(), "{}\n");
        assert_eq!(
            format_json("[1,").unwrap_err().to_string().split(" at ").nth(1),
            Some("line 1, column 4")
        );
    }

    #[test]
    fn envelopes_keep_what_is_there() {
        let wrapped = wrap_in_envelope(r#"{"source": "a", "detail": {"x": 1}}"#).unwrap();
        let event: JsonValue = serde_json::from_str(&wrapped).unwrap();
        assert_eq!(event["source"], "a");
        assert_eq!(event["detail"]["x"], 1);
        assert_eq!(event["account"], "123456789012");
        assert!(evpat::test_event_pattern(r#"{"source": [{"exists": true}]}"#, &wrapped).is_ok());
        let wrapped = wrap_in_envelope(r#"{"orderId": "1"}"#).unwrap();
        let event: JsonValue = serde_json::from_str(&wrapped).unwrap();
        assert_eq!(event["detail"]["orderId"], "1");
        assert!(evpat::test_event_pattern(r#"{"source": [{"exists": true}]}"#, &wrapped).is_ok());
        assert!(wrap_in_envelope("[1]").is_err());
    }

    #[test]
    fn json_lines_are_several_objects() {
        assert_eq!(
            split_json_lines("{\"a\":1}\n\n{\"b\":2}\n").unwrap(),
            ["{\"a\":1}", "{\"b\":2}"]
        );
        assert_eq!(split_json_lines("{\"a\":1}"), None);
        assert_eq!(split_json_lines("{\n\"a\": 1\n}"), None);
        assert_eq!(split_json_lines("{\"a\":1}\n{\"b\"}"), None);
    }

    #[test]
    fn entries_become_delivered_events() {
        let entry = r#"{"Source": "com.example.orders", "DetailType": "OrderCreated", "Detail": "{\"total\": 5}"}"#;
        let event = delivered_event(entry).unwrap().unwrap();
        let value: JsonValue = serde_json::from_str(&event).unwrap();
        assert_eq!(value["detail-type"], "OrderCreated");
        assert_eq!(value["detail"]["total"], 5);
        let broken = r#"{"Source": "a", "DetailType": "b", "Detail": "[1]"}"#;
        assert_eq!(delivered_event(broken).unwrap(), Err("Detail is malformed.".to_owned()));
        assert_eq!(delivered_event(r#"{"source": "a"}"#), None);
    }
}
