//! `sdk-js`: an ES module that creates the rule with the AWS SDK for
//! JavaScript v3 (`@aws-sdk/client-eventbridge`): `PutRuleCommand`, then
//! `PutTargetsCommand`, then, for each Lambda target, `AddPermissionCommand`
//! from `@aws-sdk/client-lambda`, without which EventBridge may not invoke
//! the function.
//!
//! `EventPattern` must be a string. `JSON.stringify` of an object literal is
//! the idiomatic way to write it, and is used when it gives back the
//! pattern's exact text. JavaScript holds numbers as doubles and prints them
//! its own way (`1.50` as `1.5`, `1e6` as `1000000`, `9007199254740993` as
//! `9007199254740992`), and puts integer-like keys first in any object, so
//! when the pattern has such a number or key the module holds the pattern
//! as its JSON text in a string instead, which reaches AWS as written.

use evpat::json::Node;

use super::js::{self, from_serde, js_keeps_lexeme, js_number_text};
use super::{Export, ExportError, Policies, lambda_function_name, resource_policy_warnings};
use crate::rule::Rule;
use crate::rule::read::target_json;

/// The quote for strings: the SDK's documentation writes double quotes.
const Q: char = '"';

pub(super) fn export(rule: &Rule) -> Result<Export, ExportError> {
    let lambda_targets: Vec<_> = rule
        .targets
        .iter()
        .enumerate()
        .filter(|(_, target)| lambda_function_name(&target.arn).is_some())
        .collect();
    let mut text = js::comment(
        &format!(
            "Creates the EventBridge rule {} with the AWS SDK for JavaScript v3. Run it with \
             Node.js 18 or later; it needs AWS credentials and a region (AWS_REGION or the \
             shared configuration).",
            js::string(&rule.name, Q)
        ),
        0,
    );
    text.push_str(
        "import {\n  EventBridgeClient,\n  PutRuleCommand,\n  PutTargetsCommand,\n} from \
         \"@aws-sdk/client-eventbridge\";\n",
    );
    if !lambda_targets.is_empty() {
        text.push_str(
            "import { AddPermissionCommand, LambdaClient } from \"@aws-sdk/client-lambda\";\n",
        );
    }
    text.push_str("\nconst eventBridge = new EventBridgeClient({});\n");

    let mut put_rule = vec![("Name", js::string(&rule.name, Q))];
    if let Some(description) = &rule.description {
        put_rule.push(("Description", js::string(description, Q)));
    }
    if let Some(bus) = &rule.event_bus_name {
        put_rule.push(("EventBusName", js::string(bus, Q)));
    }
    put_rule.push(("State", js::string(rule.state.as_str(), Q)));
    if let Some(pattern) = &rule.event_pattern {
        let pattern = pattern.json();
        let problems = text_changes(&pattern);
        text.push('\n');
        if problems.is_empty() {
            text.push_str(&js::comment(
                "JSON.stringify writes this object back exactly as the pattern is written.",
                0,
            ));
            text.push_str("const eventPattern = ");
            js::expanded(&pattern, 0, Q, &mut text);
            text.push_str(";\n");
            put_rule.push(("EventPattern", "JSON.stringify(eventPattern)".to_owned()));
        } else {
            text.push_str(&js::comment(
                &format!(
                    "The pattern's JSON text, sent as it is written. JSON.stringify of an object \
                     would not give it back: JavaScript would write {}.",
                    problems.join(", ")
                ),
                0,
            ));
            text.push_str(&format!(
                "const eventPattern = {};\n",
                js::string(&pattern.to_compact(), '\'')
            ));
            put_rule.push(("EventPattern", "eventPattern".to_owned()));
        }
    }
    if let Some(schedule) = &rule.schedule_expression {
        put_rule.push(("ScheduleExpression", js::string(schedule, Q)));
    }
    if let Some(role) = &rule.role_arn {
        put_rule.push(("RoleArn", js::string(role, Q)));
    }
    text.push_str("\nconst { RuleArn } = await eventBridge.send(\n  new PutRuleCommand({\n");
    for (key, value) in &put_rule {
        text.push_str(&format!("    {key}: {value},\n"));
    }
    text.push_str("  }),\n);\n");

    if !rule.targets.is_empty() {
        text.push_str(
            "\nconst { FailedEntryCount, FailedEntries } = await eventBridge.send(\n  \
             new PutTargetsCommand({\n",
        );
        text.push_str(&format!("    Rule: {},\n", js::string(&rule.name, Q)));
        if let Some(bus) = &rule.event_bus_name {
            text.push_str(&format!("    EventBusName: {},\n", js::string(bus, Q)));
        }
        let targets =
            serde_json::Value::Array(rule.targets.iter().map(target_json).collect::<Vec<_>>());
        text.push_str("    Targets: ");
        js::value(&from_serde(&targets), 2, Q, &mut text);
        text.push_str(",\n  }),\n);\n");
        text.push_str(
            "// PutTargets answers 200 even when it refuses a target, and says so here.\n\
             if (FailedEntryCount) {\n  \
             throw new Error(`PutTargets failed: ${JSON.stringify(FailedEntries)}`);\n}\n",
        );
    }

    if !lambda_targets.is_empty() {
        text.push_str("\nconst lambda = new LambdaClient({});\n");
    }
    for (index, target) in lambda_targets {
        text.push_str(&js::comment(
            &format!("Lets EventBridge invoke {} for this rule.", js::string(&target.id, Q)),
            0,
        ));
        text.push_str("await lambda.send(\n  new AddPermissionCommand({\n");
        text.push_str(&format!("    FunctionName: {},\n", js::string(&target.arn, Q)));
        let statement = super::cli::statement_id(rule, target, index);
        text.push_str(&format!("    StatementId: {},\n", js::string(&statement, Q)));
        text.push_str("    Action: \"lambda:InvokeFunction\",\n");
        text.push_str("    Principal: \"events.amazonaws.com\",\n");
        text.push_str("    SourceArn: RuleArn,\n  }),\n);\n");
    }
    text.push_str("\nconsole.log(RuleArn);\n");
    let mut warnings = Vec::new();
    for target in &rule.targets {
        warnings.extend(resource_policy_warnings(target, &Policies::API));
    }
    Ok(Export { text, warnings })
}

/// What JavaScript would change in the pattern's text on the way through
/// an object literal and `JSON.stringify`, worded for a comment; empty when
/// nothing. A few examples are enough to say why.
fn text_changes(pattern: &Node) -> Vec<String> {
    const EXAMPLES: usize = 3;
    let mut changes: Vec<String> = Vec::new();
    for lexeme in js::numbers(pattern) {
        if js_keeps_lexeme(lexeme) {
            continue;
        }
        let change = match js_number_text(lexeme) {
            Some(js) if js::double_keeps_value(lexeme) => format!("{lexeme} as {js}"),
            Some(js) => format!("{lexeme} as {js}, another number"),
            None => format!("{lexeme} as null"),
        };
        if !changes.contains(&change) {
            changes.push(change);
        }
    }
    changes.truncate(EXAMPLES);
    if let Some(key) = js::keys(pattern).into_iter().find(|key| is_array_index(key)) {
        changes.push(format!("the key {} before the others", js::string(key, Q)));
    }
    changes
}

/// Whether JavaScript treats `key` as an array index, and so orders it
/// before every other key of an object: a canonical number below 2^32 - 1.
fn is_array_index(key: &str) -> bool {
    let canonical = key == "0" || (!key.starts_with('0') && !key.is_empty());
    canonical
        && key.bytes().all(|b| b.is_ascii_digit())
        && key.parse::<u64>().is_ok_and(|n| n < u64::from(u32::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn array_index_keys() {
        for index in ["0", "7", "4294967294"] {
            assert!(is_array_index(index), "{index}");
        }
        for other in ["", "01", "-1", "1.0", "4294967295", "a1", "99999999999999999999"] {
            assert!(!is_array_index(other), "{other}");
        }
    }

    #[test]
    fn changes_javascript_would_make() {
        let read = |text: &str| evpat::json::read(text, 10).unwrap();
        assert!(text_changes(&read(r#"{"a": [1, 1.5, -2, 0.1]}"#)).is_empty());
        assert_eq!(
            text_changes(&read(r#"{"a": [1.50, 9007199254740993, 1e400], "1": [1]}"#)),
            [
                "1.50 as 1.5",
                "9007199254740993 as 9007199254740992, another number",
                "1e400 as null",
                "the key \"1\" before the others"
            ]
        );
    }
}
