//! Parsing an event: any JSON object.

use serde_json::{Map, Value};

use crate::error::{Error, ErrorKind};
use crate::json;

/// An event to match patterns against: any JSON object.
///
/// A pattern matches any object; AWS's TestEventPattern additionally
/// demands the envelope fields (`id`, `source`, `detail-type`, …), which is
/// a separate check.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub(crate) fields: Map<String, Value>,
}

impl Event {
    /// Parses an event from its JSON text.
    ///
    /// # Errors
    ///
    /// When the text is not JSON (with a line and column), or is JSON but
    /// not an object.
    pub fn parse(text: &str) -> Result<Event, Error> {
        match json::read(text)? {
            Value::Object(fields) => Ok(Event { fields }),
            _ => Err(Error::at_path(ErrorKind::Shape, "the event is not a JSON object", "$")
                .with_hint("an event is a JSON object, such as {\"source\": \"aws.ec2\"}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_is_an_object() {
        assert!(Event::parse(r#"{"source": "aws.ec2"}"#).is_ok());
        let error = Event::parse(r#"["aws.ec2"]"#).unwrap_err();
        assert_eq!(error.to_string(), "the event is not a JSON object at $");
        assert_eq!(error.kind(), ErrorKind::Shape);
    }
}
