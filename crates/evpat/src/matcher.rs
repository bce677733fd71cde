//! Deciding whether an event matches a pattern.
//!
//! The walk is recursive over the pattern, whose depth [`crate::MAX_DEPTH`]
//! bounds. Event arrays are transparent: a pattern node matches an array
//! when it matches one of its elements. Because a whole pattern object is
//! tried against one element at a time, fields that fall inside an array of
//! objects must all be satisfied by the same element, as in EventBridge.

use serde_json::{Map, Value};

use crate::event::Event;
use crate::pattern::{Fields, Node, Pattern, Scalar};

impl Pattern {
    /// Whether `event` matches this pattern.
    pub fn matches(&self, event: &Event) -> bool {
        fields_match(&self.root, &event.fields)
    }
}

fn fields_match(Fields(fields): &Fields, object: &Map<String, Value>) -> bool {
    fields.iter().all(|(key, node)| object.get(key).is_some_and(|value| node_matches(node, value)))
}

fn node_matches(node: &Node, value: &Value) -> bool {
    match (node, value) {
        (_, Value::Array(items)) => items.iter().any(|item| node_matches(node, item)),
        (Node::Fields(fields), Value::Object(object)) => fields_match(fields, object),
        (Node::AnyOf(allowed), value) => allowed.iter().any(|scalar| scalar.equals(value)),
        (Node::Fields(_), _) => false,
    }
}

impl Scalar {
    fn equals(&self, value: &Value) -> bool {
        match (self, value) {
            (Scalar::String(a), Value::String(b)) => a == b,
            (Scalar::Number(a), Value::Number(b)) => b.as_f64() == Some(*a),
            (Scalar::Bool(a), Value::Bool(b)) => a == b,
            (Scalar::Null, Value::Null) => true,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Event, Pattern};

    fn matches(pattern: &str, event: &str) -> bool {
        Pattern::parse(pattern).unwrap().matches(&Event::parse(event).unwrap())
    }

    #[test]
    fn exact_values_of_every_type() {
        assert!(matches(r#"{"s": ["a", "b"]}"#, r#"{"s": "b"}"#));
        assert!(!matches(r#"{"s": ["a", "b"]}"#, r#"{"s": "c"}"#));
        assert!(matches(r#"{"s": [""]}"#, r#"{"s": ""}"#));
        assert!(matches(r#"{"n": [300]}"#, r#"{"n": 300.0}"#));
        assert!(!matches(r#"{"n": [300]}"#, r#"{"n": "300"}"#));
        assert!(!matches(r#"{"s": ["300"]}"#, r#"{"s": 300}"#));
        assert!(matches(r#"{"b": [true]}"#, r#"{"b": true}"#));
        assert!(!matches(r#"{"b": [true]}"#, r#"{"b": "true"}"#));
        assert!(matches(r#"{"z": [null]}"#, r#"{"z": null}"#));
        assert!(!matches(r#"{"z": [null]}"#, r#"{}"#));
    }

    #[test]
    fn every_field_must_match() {
        let pattern = r#"{"source": ["aws.ec2"], "detail": {"state": ["stopped"]}}"#;
        assert!(matches(pattern, r#"{"source": "aws.ec2", "detail": {"state": "stopped"}}"#));
        assert!(!matches(pattern, r#"{"source": "aws.ec2", "detail": {"state": "running"}}"#));
        assert!(!matches(pattern, r#"{"source": "aws.ec2"}"#));
        assert!(!matches(pattern, r#"{"source": "aws.ec2", "detail": "stopped"}"#));
        assert!(!matches(pattern, r#"{"source": "aws.s3", "detail": {"state": "stopped"}}"#));
    }

    #[test]
    fn keys_are_case_sensitive_and_dots_are_not_paths() {
        assert!(!matches(r#"{"Source": ["x"]}"#, r#"{"source": "x"}"#));
        assert!(!matches(r#"{"a.b": ["x"]}"#, r#"{"a": {"b": "x"}}"#));
        assert!(matches(r#"{"a.b": ["x"]}"#, r#"{"a.b": "x"}"#));
    }

    #[test]
    fn arrays_match_when_any_element_does() {
        assert!(matches(r#"{"resources": ["arn:b"]}"#, r#"{"resources": ["arn:a", "arn:b"]}"#));
        assert!(!matches(r#"{"resources": ["arn:c"]}"#, r#"{"resources": ["arn:a", "arn:b"]}"#));
        assert!(!matches(r#"{"resources": ["arn:c"]}"#, r#"{"resources": []}"#));
        assert!(matches(r#"{"a": {"b": [1]}}"#, r#"{"a": [{"b": 2}, {"b": [3, 1]}]}"#));
        assert!(matches(r#"{"a": [1]}"#, r#"{"a": [[0], [1]]}"#));
    }

    #[test]
    fn fields_in_one_array_must_match_in_one_element() {
        let pattern = r#"{"a": {"b": [1], "c": [4]}}"#;
        assert!(!matches(pattern, r#"{"a": [{"b": 1, "c": 2}, {"b": 3, "c": 4}]}"#));
        assert!(matches(pattern, r#"{"a": [{"b": 1, "c": 2}, {"b": 1, "c": 4}]}"#));
    }
}
