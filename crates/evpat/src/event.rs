//! Events, flattened once, here and only here, to leaf fields with their
//! dotted paths and their positions in arrays.
//!
//! ```text
//! {"source": "aws.ec2", "detail": {"items": [{"id": 1}, {"id": 2, "tags": []}]}}
//! ⇒ detail.items.id = 1    trail [(array 0, index 0)]
//!   detail.items.id = 2    trail [(array 0, index 1)]
//!   source = "aws.ec2"     trail []
//! ```
//! Objects and empty arrays yield no field of their own, which is why
//! `exists: true` does not match them. Keys are joined with `.`, as
//! EventBridge joins them, so `{"a.b": 1}` and `{"a": {"b": 1}}` give the
//! same field. The trail is what array-consistent matching compares.
//!
//! A key repeated in one object counts once, with its last value, as
//! event-ruler reads events (its README: "When duplicate keys are passed
//! Ruler will only consider the final value in the document order"), and
//! as patterns already resolve duplicates.

use crate::error::{Error, ErrorKind, Subject};
use crate::json::{self, Node, Span, Value};
use crate::limits::Limits;
use crate::sort;

/// An event, ready to be matched: any JSON object.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// Sorted by path, so that a pattern's leaf finds its values by binary
    /// search.
    pub(crate) fields: Vec<Field>,
    /// The text, kept only when a key has a dot in it: only then can one
    /// field's values sit in two sibling arrays (`{"a": [{"b": 1}],
    /// "a.b": [2]}`), the one case where matching can refuse an event
    /// ([`ErrorKind::TooManyArrayChoices`]), and the error needs the text
    /// for its line and column.
    pub(crate) dotted_text: Option<Box<str>>,
}

/// The arrays a value sits in, outermost first: (array id, index). Two
/// values are array-consistent unless they sit at different indexes of the
/// same array.
pub(crate) type Trail = Vec<(u32, u32)>;

/// One leaf value of an event.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Field {
    pub path: String,
    pub value: Leaf,
    pub trail: Trail,
    pub span: Span,
    /// Where the value is, with array indexes: `$.detail.items[0].id`.
    pub json_path: String,
    /// Whether a key on the way has a dot in it (`{"a.b": [1]}`).
    pub dotted: bool,
}

/// A leaf value.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Leaf {
    String(String),
    Number(f64),
    Bool(bool),
    Null,
}

impl Event {
    /// Parses an event from its JSON text, with the default [`Limits`].
    ///
    /// # Errors
    ///
    /// When the text is not JSON, is too large or too deep, or is not an
    /// object.
    pub fn parse(text: &str) -> Result<Event, Error> {
        Event::parse_with_limits(text, &Limits::default())
    }

    /// Parses an event from its JSON text, within `limits`.
    ///
    /// # Errors
    ///
    /// As [`Event::parse`].
    pub fn parse_with_limits(text: &str, limits: &Limits) -> Result<Event, Error> {
        let fields = flatten(&read_object(text, limits)?);
        let dotted = fields.iter().any(|f| f.dotted);
        Ok(Event { fields, dotted_text: dotted.then(|| text.into()) })
    }

    /// Whether the event has fields strictly under `path`: then the value
    /// at `path` is an object, which no leaf condition matches.
    pub(crate) fn has_fields_under(&self, path: &str) -> bool {
        let prefix = format!("{path}.");
        let start = self.fields.partition_point(|f| f.path.as_str() < prefix.as_str());
        self.fields.get(start).is_some_and(|f| f.path.starts_with(&prefix))
    }

    /// The error for a match that array consistency left undecided, placed
    /// at a value of the field reached through a dotted key.
    pub(crate) fn undecided(&self, undecided: &crate::matcher::Undecided) -> Error {
        let fields = self.at(&undecided.path);
        let field = fields.iter().find(|f| f.dotted).or(fields.first());
        let (span, json_path) =
            field.map_or((Span { start: 0, end: 0 }, "$"), |f| (f.span, f.json_path.as_str()));
        Error::new(
            Subject::Event,
            ErrorKind::TooManyArrayChoices,
            format!(
                "cannot decide array consistency at {}: the event spells it both with a dotted key and nested, so its values sit in sibling arrays, and the choices between them come to {} combinations, more than the {} allowed",
                undecided.path,
                undecided.combinations,
                crate::MAX_ARRAY_CHOICES
            ),
            self.dotted_text.as_deref().unwrap_or_default(),
            span,
            json_path,
        )
    }

    /// The fields at `path`, in document order.
    pub(crate) fn at(&self, path: &str) -> &[Field] {
        let start = self.fields.partition_point(|f| f.path.as_str() < path);
        let end = start + self.fields[start..].partition_point(|f| f.path == path);
        &self.fields[start..end]
    }
}

/// Reads an event's text into its JSON object.
pub(crate) fn read_object(text: &str, limits: &Limits) -> Result<Node, Error> {
    let whole = Span { start: 0, end: text.len() };
    if text.len() > limits.max_event_bytes {
        return Err(Error::new(
            Subject::Event,
            ErrorKind::EventTooLarge,
            format!(
                "the event is {} bytes, more than the {} allowed",
                text.len(),
                limits.max_event_bytes
            ),
            text,
            whole,
            "$",
        )
        .with_hint(format!(
            "an event may be at most {} bytes (Limits::max_event_bytes; AWS allows 1 MiB)",
            limits.max_event_bytes
        )));
    }
    let node = json::read(text, limits.max_event_depth).map_err(|err| {
        let error = Error::syntax(Subject::Event, text, err);
        let hint = match error.kind() {
            ErrorKind::TooDeep => format!(
                "an event may nest {} levels deep (Limits::max_event_depth)",
                limits.max_event_depth
            ),
            _ => "the event must be valid JSON".to_owned(),
        };
        error.with_hint(hint)
    })?;
    if !matches!(node.value, Value::Object(_)) {
        return Err(Error::new(
            Subject::Event,
            ErrorKind::EventNotObject,
            format!("the event is a JSON {}, not an object", node.value.type_name()),
            text,
            node.span,
            "$",
        ));
    }
    Ok(node)
}

/// Flattens without recursion, so that the deepest event accepted cannot
/// overflow the stack.
fn flatten(root: &Node) -> Vec<Field> {
    /// A value still to visit, and where it is.
    struct Visit<'a> {
        node: &'a Node,
        path: String,
        trail: Trail,
        json_path: String,
        dotted: bool,
    }
    let mut fields = Vec::new();
    let mut next_array = 0u32;
    let mut stack = vec![Visit {
        node: root,
        path: String::new(),
        trail: Trail::new(),
        json_path: "$".to_owned(),
        dotted: false,
    }];
    while let Some(Visit { node, path, trail, json_path, dotted }) = stack.pop() {
        let leaf = match &node.value {
            Value::Object(members) => {
                let repeated = repeated_keys(members);
                for (i, member) in members.iter().enumerate().rev() {
                    if repeated.as_ref().is_some_and(|repeated| repeated[i]) {
                        continue;
                    }
                    stack.push(Visit {
                        node: &member.value,
                        path: if path.is_empty() {
                            member.key.clone()
                        } else {
                            format!("{path}.{}", member.key)
                        },
                        trail: trail.clone(),
                        json_path: json::child_path(&json_path, &member.key),
                        dotted: dotted || member.key.contains('.'),
                    });
                }
                continue;
            }
            Value::Array(items) => {
                let id = next_array;
                next_array += 1;
                for (i, item) in items.iter().enumerate().rev() {
                    let mut trail = trail.clone();
                    trail.push((id, i as u32));
                    stack.push(Visit {
                        node: item,
                        path: path.clone(),
                        trail,
                        json_path: format!("{json_path}[{i}]"),
                        dotted,
                    });
                }
                continue;
            }
            Value::String(s) => Leaf::String(s.clone()),
            Value::Number(n) => Leaf::Number(n.as_f64()),
            Value::Bool(b) => Leaf::Bool(*b),
            Value::Null => Leaf::Null,
        };
        fields.push(Field { path, value: leaf, trail, span: node.span, json_path, dotted });
    }
    // Stable, so values at one path keep their document order.
    sort::sort_by(&mut fields, |a, b| a.path.cmp(&b.path));
    fields
}

/// Which members a later member with the same key overrides, or `None`
/// when no key repeats (nearly always). Through a map for large objects,
/// so 10,000 sibling keys cost 10,000 lookups, not 50 million compares.
fn repeated_keys(members: &[json::Member]) -> Option<Vec<bool>> {
    const FEW: usize = 16;
    let mut repeated = vec![false; members.len()];
    let mut any = false;
    if members.len() <= FEW {
        for (i, member) in members.iter().enumerate() {
            if members[i + 1..].iter().any(|later| later.key == member.key) {
                repeated[i] = true;
                any = true;
            }
        }
    } else {
        let mut seen = std::collections::HashSet::with_capacity(members.len());
        for (i, member) in members.iter().enumerate().rev() {
            if !seen.insert(member.key.as_str()) {
                repeated[i] = true;
                any = true;
            }
        }
    }
    any.then_some(repeated)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: &str) -> Vec<(String, Leaf, Trail)> {
        Event::parse(text).unwrap().fields.into_iter().map(|f| (f.path, f.value, f.trail)).collect()
    }

    #[test]
    fn flattens_to_sorted_dotted_paths_with_array_trails() {
        let got = fields(
            r#"{"source": "aws.ec2", "detail": {"items": [{"id": 1}, {"id": 2, "tags": []}], "n": null}}"#,
        );
        assert_eq!(
            got,
            vec![
                ("detail.items.id".into(), Leaf::Number(1.0), vec![(0, 0)]),
                ("detail.items.id".into(), Leaf::Number(2.0), vec![(0, 1)]),
                ("detail.n".into(), Leaf::Null, vec![]),
                ("source".into(), Leaf::String("aws.ec2".into()), vec![]),
            ]
        );
    }

    #[test]
    fn dotted_keys_and_nesting_flatten_alike() {
        assert_eq!(fields(r#"{"a.b": true}"#), fields(r#"{"a": {"b": true}}"#));
    }

    #[test]
    fn nested_arrays_get_a_trail_entry_each() {
        let got = fields(r#"{"a": [[1], [2, 3]]}"#);
        assert_eq!(got[2], ("a".into(), Leaf::Number(3.0), vec![(0, 1), (2, 1)]));
    }

    #[test]
    fn refuses_what_is_not_an_object() {
        let error = Event::parse("[1]").unwrap_err();
        assert_eq!(error.kind(), ErrorKind::EventNotObject);
        assert_eq!(error.reason(), "the event is a JSON array, not an object");
        assert_eq!(error.to_string(), "Parameter Event is not valid.");
        assert_eq!(Event::parse("nope").unwrap_err().kind(), ErrorKind::Syntax);
    }

    #[test]
    fn a_repeated_key_counts_once_with_its_last_value() {
        assert_eq!(fields(r#"{"a": 1, "b": 2, "a": [3]}"#), fields(r#"{"b": 2, "a": [3]}"#));
        assert_eq!(
            fields(r#"{"a": {"b": 1, "c": 2}, "a": {"c": 3}}"#),
            fields(r#"{"a": {"c": 3}}"#)
        );
        // Past the size where a map is used, too.
        let many: Vec<String> = (0..40).map(|i| format!("\"k{}\": {i}", i % 20)).collect();
        let got = fields(&format!("{{{}}}", many.join(", ")));
        assert_eq!(got.len(), 20);
        assert!(got.iter().all(|(path, value, _)| {
            let k: f64 = path[1..].parse().unwrap();
            *value == Leaf::Number(k + 20.0)
        }));
        // Only a dotted key keeps the text.
        assert!(Event::parse(r#"{"a": 1, "a": 2}"#).unwrap().dotted_text.is_none());
        assert!(Event::parse(r#"{"a.b": 1}"#).unwrap().dotted_text.is_some());
    }

    /// A value reached through a key with a dot is marked, and only such
    /// a value: `$["1st"].a` is quoted in its JSON path, but not dotted.
    #[test]
    fn values_reached_through_a_dotted_key_are_marked() {
        let event =
            Event::parse(r#"{"1st": {"a": 1}, "1st.a": [2], "x": {"y.z": {"w": 3}}}"#).unwrap();
        let marks: Vec<(&str, &str, bool)> = event
            .fields
            .iter()
            .map(|f| (f.path.as_str(), f.json_path.as_str(), f.dotted))
            .collect();
        assert_eq!(
            marks,
            [
                ("1st.a", "$[\"1st\"].a", false),
                ("1st.a", "$[\"1st.a\"][0]", true),
                ("x.y.z.w", "$.x[\"y.z\"].w", true),
            ]
        );
    }

    #[test]
    fn finds_fields_by_path() {
        let event = Event::parse(r#"{"b": [1, 2], "a": 0, "c": 3}"#).unwrap();
        assert_eq!(event.at("b").len(), 2);
        assert_eq!(event.at("a").len(), 1);
        assert!(event.at("bb").is_empty());
    }
}
