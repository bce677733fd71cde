//! The request body of EventBridge's `PutRule` API.

use evpat::Pattern;
use serde::Serialize;

use crate::name::{NameError, validate_name};

/// Whether a rule delivers events to its targets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RuleState {
    /// The rule delivers matching events.
    #[default]
    Enabled,
    /// The rule exists but delivers nothing.
    Disabled,
}

/// A `PutRule` request for a rule with an event pattern.
///
/// Its JSON is what `aws events put-rule --cli-input-json` and the SDKs'
/// `PutRule` accept. Fields appear in the order AWS documents them.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct PutRuleRequest {
    name: String,
    /// The pattern as a JSON *string*, as the API demands.
    event_pattern: String,
    state: RuleState,
}

impl PutRuleRequest {
    /// A request for an enabled rule named `name` with `pattern`.
    ///
    /// # Errors
    ///
    /// When PutRule would refuse the name.
    pub fn new(name: &str, pattern: &Pattern) -> Result<PutRuleRequest, NameError> {
        validate_name(name)?;
        Ok(PutRuleRequest {
            name: name.to_owned(),
            event_pattern: pattern.compact_text(),
            state: RuleState::default(),
        })
    }

    /// The request as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        // Serializing plain strings and enums into a String cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_pattern_is_a_string_that_parses_back_to_the_pattern() {
        let text = "{\n  \"detail\": { \"n\": [ 1e2, \"a \\\"b\\\"\" ] }\n}";
        let pattern = Pattern::parse(text).unwrap();
        let json = PutRuleRequest::new("r", &pattern).unwrap().to_json();
        let request: serde_json::Value = serde_json::from_str(&json).unwrap();
        let event_pattern = request["EventPattern"].as_str().unwrap();
        assert_eq!(event_pattern, r#"{"detail":{"n":[1e2,"a \"b\""]}}"#);
        assert_eq!(Pattern::parse(event_pattern).unwrap().compact_text(), event_pattern);
        assert_eq!(request["State"], "ENABLED");
        assert_eq!(request["Name"], "r");
    }

    #[test]
    fn refuses_names_put_rule_refuses() {
        let pattern = Pattern::parse(r#"{"source": ["aws.ec2"]}"#).unwrap();
        assert!(PutRuleRequest::new("two words", &pattern).is_err());
    }
}
