//! `api-json`: the bodies of the PutRule and PutTargets requests, as
//! `aws events put-rule --cli-input-json` and the SDKs take them.
//!
//! `EventPattern` is a JSON *string*, as the API demands; inside it every
//! number keeps its lexeme.

use serde_json::{Map, Value, json};

use super::{Export, ExportError};
use crate::rule::Rule;
use crate::rule::read::target_json;

pub(super) fn export(rule: &Rule) -> Result<Export, ExportError> {
    Ok(Export { text: requests(rule).0, warnings: Vec::new() })
}

/// `{"PutRule": {…}, "PutTargets": {…}}` as pretty JSON, and the PutRule
/// body alone.
pub(crate) fn requests(rule: &Rule) -> (String, Value) {
    let mut put_rule = Map::new();
    put_rule.insert("Name".into(), json!(rule.name));
    if let Some(description) = &rule.description {
        put_rule.insert("Description".into(), json!(description));
    }
    if let Some(bus) = &rule.event_bus_name {
        put_rule.insert("EventBusName".into(), json!(bus));
    }
    if let Some(pattern) = &rule.event_pattern {
        put_rule.insert("EventPattern".into(), json!(pattern.json().to_compact()));
    }
    if let Some(schedule) = &rule.schedule_expression {
        put_rule.insert("ScheduleExpression".into(), json!(schedule));
    }
    put_rule.insert("State".into(), json!(rule.state.as_str()));
    if let Some(role) = &rule.role_arn {
        put_rule.insert("RoleArn".into(), json!(role));
    }
    let put_rule = Value::Object(put_rule);
    let mut both = Map::new();
    both.insert("PutRule".into(), put_rule.clone());
    if !rule.targets.is_empty() {
        let mut put_targets = Map::new();
        put_targets.insert("Rule".into(), json!(rule.name));
        if let Some(bus) = &rule.event_bus_name {
            put_targets.insert("EventBusName".into(), json!(bus));
        }
        put_targets
            .insert("Targets".into(), Value::Array(rule.targets.iter().map(target_json).collect()));
        both.insert("PutTargets".into(), Value::Object(put_targets));
    }
    (serde_json::to_string_pretty(&Value::Object(both)).unwrap_or_default(), put_rule)
}
