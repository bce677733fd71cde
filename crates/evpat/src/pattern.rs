//! Parsing a pattern: JSON in, a [`Pattern`] out, or an error that says
//! which part of the JSON is not a pattern.

use serde_json::{Map, Value};

use crate::error::{Error, ErrorKind};
use crate::json;

/// A parsed event pattern, ready to match events.
#[derive(Clone, Debug, PartialEq)]
pub struct Pattern {
    text: String,
    pub(crate) root: Fields,
}

/// A pattern object: the fields an event object must have, in the order
/// they were written.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Fields(pub(crate) Vec<(String, Node)>);

/// What a pattern asks of one event field.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Node {
    /// The field must be an object with these fields.
    Fields(Fields),
    /// The field's value must equal one of these.
    AnyOf(Vec<Scalar>),
}

/// A value that an event field can be compared with exactly.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Scalar {
    String(String),
    /// EventBridge compares numbers by value: `300` equals `300.0`.
    Number(f64),
    Bool(bool),
    Null,
}

/// The content filters of EventBridge's pattern language, which this
/// version recognises but does not match yet.
const CONTENT_FILTERS: &[&str] = &[
    "prefix",
    "suffix",
    "equals-ignore-case",
    "anything-but",
    "numeric",
    "cidr",
    "exists",
    "wildcard",
];

impl Pattern {
    /// Parses an event pattern from its JSON text.
    ///
    /// # Errors
    ///
    /// When the text is not JSON, the error has a line and a column. When
    /// it is JSON but not a pattern, the error has the JSON path of the
    /// offending value, and AWS's reason where AWS has one.
    pub fn parse(text: &str) -> Result<Pattern, Error> {
        let Value::Object(object) = json::read(text)? else {
            return Err(Error::at_path(ErrorKind::Shape, "Filter is not an object", "$")
                .with_hint(
                    "an event pattern is a JSON object, such as {\"source\": [\"aws.ec2\"]}",
                ));
        };
        let root = parse_fields(&object, "$")?;
        Ok(Pattern { text: text.to_owned(), root })
    }

    /// The text the pattern was parsed from, exactly as given.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The pattern as compact JSON, as it goes into a rule's
    /// `EventPattern` string. Every token is kept as written.
    pub fn compact_text(&self) -> String {
        json::minify(&self.text)
    }
}

fn parse_fields(object: &Map<String, Value>, path: &str) -> Result<Fields, Error> {
    let mut fields = Vec::with_capacity(object.len());
    for (key, value) in object {
        let path = json::child_path(path, key);
        if key == "$or" {
            return Err(unsupported("`$or`", &path));
        }
        fields.push((key.clone(), parse_node(key, value, &path)?));
    }
    Ok(Fields(fields))
}

fn parse_node(key: &str, value: &Value, path: &str) -> Result<Node, Error> {
    match value {
        Value::Object(object) if object.is_empty() => {
            Err(Error::at_path(ErrorKind::Shape, "Empty objects are not allowed", path))
        }
        Value::Object(object) => parse_fields(object, path).map(Node::Fields),
        Value::Array(items) if items.is_empty() => {
            Err(Error::at_path(ErrorKind::Shape, "Empty arrays are not allowed", path)
                .with_hint("list at least one value the field may have"))
        }
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, item)| parse_scalar(item, &format!("{path}[{i}]")))
            .collect::<Result<_, _>>()
            .map(Node::AnyOf),
        scalar => {
            let written = serde_json::to_string(scalar).unwrap_or_default();
            Err(Error::at_path(
                ErrorKind::Shape,
                format!("\"{key}\" must be an object or an array"),
                path,
            )
            .with_hint(format!("put the value in an array: [{written}]")))
        }
    }
}

fn parse_scalar(value: &Value, path: &str) -> Result<Scalar, Error> {
    match value {
        Value::String(s) => Ok(Scalar::String(s.clone())),
        // Without serde_json's `arbitrary_precision`, every number it
        // reads converts to an f64.
        Value::Number(n) => Ok(Scalar::Number(n.as_f64().unwrap_or(f64::NAN))),
        Value::Bool(b) => Ok(Scalar::Bool(*b)),
        Value::Null => Ok(Scalar::Null),
        Value::Array(_) => Err(Error::at_path(
            ErrorKind::Shape,
            "Match value must be String, number, true, false, or null",
            path,
        )),
        Value::Object(filter) => match filter.keys().collect::<Vec<_>>()[..] {
            [] => Err(Error::at_path(ErrorKind::Shape, "Empty objects are not allowed", path)),
            [name] if CONTENT_FILTERS.contains(&name.as_str()) => {
                Err(unsupported(&format!("the `{name}` filter"), path))
            }
            [name] => Err(Error::at_path(
                ErrorKind::Shape,
                format!("Unrecognized match type {name}"),
                path,
            )
            .with_hint(format!(
                "operators are lowercase and one of: {}",
                CONTENT_FILTERS.join(", ")
            ))),
            _ => Err(Error::at_path(
                ErrorKind::Shape,
                "Only one key allowed in match expression",
                path,
            )
            .with_hint("give each filter its own object in the array")),
        },
    }
}

fn unsupported(what: &str, path: &str) -> Error {
    Error::at_path(ErrorKind::Unsupported, format!("{what} is not supported yet"), path).with_hint(
        "this version of evpat matches exact values only; content filters arrive with the full engine",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> (String, Option<String>) {
        let error = Pattern::parse(text).unwrap_err();
        (error.to_string(), error.hint().map(str::to_owned))
    }

    #[test]
    fn keeps_fields_in_written_order() {
        let pattern =
            Pattern::parse(r#"{"source": ["a"], "detail": {"n": [1, true, null]}}"#).unwrap();
        let Fields(fields) = &pattern.root;
        assert_eq!(fields[0], ("source".to_owned(), Node::AnyOf(vec![Scalar::String("a".into())])));
        let nested = Fields(vec![(
            "n".to_owned(),
            Node::AnyOf(vec![Scalar::Number(1.0), Scalar::Bool(true), Scalar::Null]),
        )]);
        assert_eq!(fields[1], ("detail".to_owned(), Node::Fields(nested)));
    }

    #[test]
    fn shape_errors_use_aws_reasons_and_name_the_path() {
        assert_eq!(err(r#"["not", "an", "object"]"#).0, "Filter is not an object at $");
        assert_eq!(
            err(r#"{"int": 42}"#),
            (
                "\"int\" must be an object or an array at $.int".to_owned(),
                Some("put the value in an array: [42]".to_owned())
            )
        );
        assert_eq!(err(r#"{"resources": []}"#).0, "Empty arrays are not allowed at $.resources");
        assert_eq!(err(r#"{"detail": {}}"#).0, "Empty objects are not allowed at $.detail");
        assert_eq!(
            err(r#"{"detail": {"a.b": [[1]]}}"#).0,
            "Match value must be String, number, true, false, or null at $.detail[\"a.b\"][0]"
        );
        assert_eq!(
            err(r#"{"my_key": [{"EXISTS": true}]}"#).0,
            "Unrecognized match type EXISTS at $.my_key[0]"
        );
        assert_eq!(
            err(r#"{"a": ["x", {"prefix": "i-", "suffix": "z"}]}"#).0,
            "Only one key allowed in match expression at $.a[1]"
        );
    }

    #[test]
    fn content_filters_are_refused_as_unsupported() {
        let error = Pattern::parse(r#"{"id": [{"prefix": "i-"}]}"#).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Unsupported);
        assert_eq!(error.to_string(), "the `prefix` filter is not supported yet at $.id[0]");
        let error = Pattern::parse(r#"{"$or": [{"a": [1]}, {"b": [2]}]}"#).unwrap_err();
        assert_eq!(error.to_string(), "`$or` is not supported yet at $[\"$or\"]");
    }

    #[test]
    fn compact_text_keeps_lexemes() {
        let pattern = Pattern::parse("{\n  \"n\": [ 1e2, 0.50 ]\n}\n").unwrap();
        assert_eq!(pattern.compact_text(), r#"{"n":[1e2,0.50]}"#);
    }
}
