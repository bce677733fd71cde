//! An import's outcome as JSON text, to cross between two WebAssembly
//! modules.
//!
//! The playground runs [`import`](super::import) in a module of its own,
//! loaded on the first import: the importers' readers and messages are
//! about a sixth of the page's code. The outcome comes back as this text.
//! The rules travel as [`Rule::to_json`], which [`Rule::from_json`] reads
//! back to equal rules, so the page needs no importer code to take them.

use serde_json::{Value, json};

use super::{ImportError, Imported, Source};
use crate::rule::Rule;

/// `outcome` as JSON: `{"imported": {"source", "rules", "warnings"}}` or
/// `{"error": {"message", "line", "column", "hint"}}`, each rule as its
/// [`Rule::to_json`] text.
pub fn outcome_to_json(outcome: &Result<Imported, ImportError>) -> String {
    let value = match outcome {
        Ok(imported) => json!({"imported": {
            "source": imported.source.name(),
            "rules": imported.rules.iter().map(Rule::to_json).collect::<Vec<_>>(),
            "warnings": imported.warnings,
        }}),
        Err(error) => json!({"error": {
            "message": error.message,
            "line": error.line,
            "column": error.column,
            "hint": error.hint,
        }}),
    };
    value.to_string()
}

/// The outcome [`outcome_to_json`] wrote.
///
/// # Errors
///
/// Text that [`outcome_to_json`] did not write: another version of the
/// importer module, say. The error says what did not read.
pub fn outcome_from_json(text: &str) -> Result<Result<Imported, ImportError>, String> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| format!("the importer's answer is not JSON: {e}"))?;
    fn field<'v>(object: &'v Value, key: &str) -> Result<&'v Value, String> {
        object.get(key).ok_or_else(|| format!("the importer's answer has no {key}"))
    }
    if let Some(imported) = value.get("imported") {
        let source = field(imported, "source")?;
        let source = source
            .as_str()
            .and_then(Source::from_name)
            .ok_or_else(|| format!("the importer's answer names no known kind: {source}"))?;
        let rules = strings(field(imported, "rules")?, "rules")?
            .iter()
            .map(|text| Rule::from_json(text).map_err(|e| format!("an imported rule: {e}")))
            .collect::<Result<_, _>>()?;
        let warnings = strings(field(imported, "warnings")?, "warnings")?;
        return Ok(Ok(Imported { source, rules, warnings }));
    }
    let error = field(&value, "error")?;
    let number = |key: &str| -> Result<usize, String> {
        field(error, key)?
            .as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .ok_or_else(|| format!("the importer's answer has no {key} number"))
    };
    let message = field(error, "message")?
        .as_str()
        .map(str::to_owned)
        .ok_or("the importer's answer has no message text")?;
    let hint = match field(error, "hint")? {
        Value::Null => None,
        Value::String(hint) => Some(hint.clone()),
        other => return Err(format!("the importer's hint is not text: {other}")),
    };
    Ok(Err(ImportError { message, line: number("line")?, column: number("column")?, hint }))
}

/// The strings of the array `value`, the answer's `name`.
fn strings(value: &Value, name: &str) -> Result<Vec<String>, String> {
    value
        .as_array()
        .and_then(|items| items.iter().map(|item| item.as_str().map(str::to_owned)).collect())
        .ok_or_else(|| format!("the importer's {name} are not a list of texts"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::import;

    /// One input of every kind, and failures: each outcome reads back equal.
    #[test]
    fn every_outcome_reads_back_equal() {
        let inputs = [
            r#"{"Name": "r", "EventPattern": "{\"source\": [\"aws.ec2\"]}", "Targets": [{"Id": "t", "Arn": "arn:aws:sqs:us-east-1:123456789012:q", "InputTransformer": {"InputPathsMap": {"s": "$.source"}, "InputTemplate": "\"<s>\""}}]}"#,
            "Resources:\n  R:\n    Type: AWS::Events::Rule\n    Properties:\n      EventPattern:\n        detail:\n          n: [{numeric: ['>', 1.50]}]\n      ScheduleExpression: rate(5 minutes)\n",
            "resource \"aws_cloudwatch_event_rule\" \"x\" {\n  name = \"x\"\n  event_pattern = jsonencode({ source = [\"aws.s3\"] })\n}\n",
            "class HardJob < ApplicationJob\n  rule_event(detail_type: [\"a\"])\n  def dig\n  end\nend\n",
            "\"{\\\"source\\\": [\\\"a\\\"]}\"",
            "resource \"aws_cloudwatch_event_rule\" \"x\" {",
            "",
            "{\"Name\": \"r\"}",
        ];
        let mut kinds = (0, 0);
        for input in inputs {
            let outcome = import(input, None);
            match &outcome {
                Ok(imported) => {
                    kinds.0 += 1;
                    assert!(!imported.rules.is_empty(), "{input}");
                }
                Err(_) => kinds.1 += 1,
            }
            assert_eq!(outcome_from_json(&outcome_to_json(&outcome)), Ok(outcome), "{input}");
        }
        assert_eq!(kinds, (5, 3));
    }

    #[test]
    fn an_error_keeps_its_place_and_hint() {
        let error = import("", None).unwrap_err();
        let read = outcome_from_json(&outcome_to_json(&Err(error.clone()))).unwrap().unwrap_err();
        assert_eq!((read.line(), read.column(), read.hint()), (1, 1, error.hint()));
        assert!(read.hint().is_some());
    }

    #[test]
    fn text_it_did_not_write_is_refused() {
        for (text, reason) in [
            ("", "the importer's answer is not JSON: EOF while parsing a value at line 1 column 0"),
            ("{}", "the importer's answer has no error"),
            (
                r#"{"imported": {"source": "cobol"}}"#,
                "the importer's answer names no known kind: \"cobol\"",
            ),
            (
                r#"{"imported": {"source": "sam", "rules": [1], "warnings": []}}"#,
                "the importer's rules are not a list of texts",
            ),
            (
                r#"{"error": {"message": "m", "line": -1, "hint": null}}"#,
                "the importer's answer has no line number",
            ),
        ] {
            assert_eq!(outcome_from_json(text), Err(reason.to_owned()), "{text}");
        }
    }
}
