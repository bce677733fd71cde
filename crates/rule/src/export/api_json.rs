//! `api-json`: the bodies of the PutRule and PutTargets requests, as
//! `aws events put-rule --cli-input-json` and the SDKs take them.
//!
//! `EventPattern` is a JSON *string*, as the API demands; inside it every
//! number keeps its lexeme.

use serde_json::{Map, Value, json};

use super::{Export, ExportError};
use crate::rule::Rule;
use crate::rule::read::{put_rule_fields, target_json};

pub(super) fn export(rule: &Rule) -> Result<Export, ExportError> {
    Ok(Export { text: requests(rule), warnings: Vec::new() })
}

/// `{"PutRule": {…}, "PutTargets": {…}}` as pretty JSON.
fn requests(rule: &Rule) -> String {
    let mut both = Map::new();
    both.insert("PutRule".into(), Value::Object(put_rule_fields(rule, false)));
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
    serde_json::to_string_pretty(&Value::Object(both)).unwrap_or_default()
}
