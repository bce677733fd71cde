//! `serverless`: the `functions:` part of a `serverless.yml`, the rule as
//! a function's `eventBridge` event (the notes, §6.3).
//!
//! The Framework compiles the event into an `AWS::Events::Rule` with one
//! target, the function, so the rule's first Lambda target becomes the
//! function and every other target is a warning. Its keys are camelCase
//! (`eventBus`, `inputPath`, `retryPolicy.maximumEventAge`), `enabled` is a
//! boolean, and `input` is an object the Framework turns into the `Input`
//! JSON itself.
//!
//! The Framework reads the file with js-yaml and writes the template with
//! `JSON.stringify`, so every number passes through a JavaScript double:
//! `1.50` becomes `1.5`, which is the same number, but
//! `9007199254740993` becomes `9007199254740992`, which is not, and that
//! is a warning.

use evpat::json::{self, Value};

use super::cloudformation::input_transformer;
use super::js::{double_keeps_value, js_number_text, numbers};
use super::sam::lambda_target;
use super::yaml::{Mapping, Node};
use super::{
    Export, ExportError, Policies, camel_case, dead_letter_warning, lambda_function_name,
    unwritten_targets,
};
use crate::rule::{Rule, RuleState, TargetInput};

/// The top-level fields of `pattern` the Framework's configuration schema
/// lists (it refuses others with `additionalProperties: false`).
const SCHEMA_PATTERN_FIELDS: [&str; 9] =
    ["version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"];

/// How deep an `Input` document is read to turn it into YAML: as deep as
/// evpat reads patterns.
const MAX_INPUT_DEPTH: usize = 128;

pub(super) fn export(rule: &Rule) -> Result<Export, ExportError> {
    let mut warnings = Vec::new();
    let mut event = Mapping::new();
    event.string("name", &rule.name);
    event.optional("description", rule.description.as_deref());
    if let Some(bus) = rule.event_bus_name.as_deref().filter(|_| !rule.on_default_bus()) {
        if !bus.starts_with("arn:") {
            warnings.push(format!(
                "the Serverless Framework creates the event bus {bus} when given its name; give \
                 the bus's ARN to use an existing bus"
            ));
        }
        event.string("eventBus", bus);
    }
    event.insert("enabled", Node::Bool(rule.state.is_enabled()));
    if rule.state == RuleState::EnabledWithAllCloudtrailManagementEvents {
        warnings.push(
            "the Serverless Framework's enabled writes ENABLED or DISABLED: the state \
             ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS is not written; set it on the \
             compiled rule (resources.extensions)"
                .to_owned(),
        );
    }
    event.optional("schedule", rule.schedule_expression.as_deref());
    if let Some(pattern) = &rule.event_pattern {
        let pattern = pattern.json();
        for member in pattern.members().unwrap_or_default() {
            if !SCHEMA_PATTERN_FIELDS.contains(&member.key.as_str()) {
                warnings.push(format!(
                    "the Serverless Framework's configuration schema lists only {} at the top of \
                     pattern: {} draws a configuration warning (an error under \
                     configValidationMode: error)",
                    SCHEMA_PATTERN_FIELDS.join(", "),
                    member.key
                ));
            }
        }
        javascript_number_warnings(&pattern, "the pattern", &mut warnings);
        event.insert("pattern", Node::from_json(&pattern));
    }
    if let Some(role) = &rule.role_arn {
        warnings.push(format!(
            "the Serverless Framework's eventBridge event takes no RoleArn: the rule's role {role} \
             is not written"
        ));
    }

    let lambda = lambda_target(rule);
    if let Some(target) = lambda {
        match &target.input {
            None => {}
            Some(TargetInput::Input(input)) => match json::read(input, MAX_INPUT_DEPTH) {
                Ok(node) if matches!(node.value, Value::Object(_)) => {
                    javascript_number_warnings(
                        &node,
                        &format!("target {}'s Input", target.id),
                        &mut warnings,
                    );
                    event.insert("input", Node::from_json(&node));
                }
                _ => warnings.push(format!(
                    "target {}: the Serverless Framework's input must be a JSON object: the \
                     Input {input} is not written",
                    target.id
                )),
            },
            Some(TargetInput::InputPath(path)) => event.string("inputPath", path),
            Some(TargetInput::InputTransformer(transformer)) => event.insert(
                "inputTransformer",
                input_transformer(transformer, ["inputPathsMap", "inputTemplate"]),
            ),
        }
        if let Some(retry) = &target.retry_policy {
            let mut policy = Mapping::new();
            if let Some(n) = retry.maximum_event_age_in_seconds {
                policy.insert("maximumEventAge", Node::number(n));
            }
            if let Some(n) = retry.maximum_retry_attempts {
                policy.insert("maximumRetryAttempts", Node::number(n));
            }
            event.insert("retryPolicy", policy.node());
        }
        if let Some(dead_letter) = &target.dead_letter_config {
            event.string("deadLetterQueueArn", &dead_letter.arn);
            warnings.push(dead_letter_warning(
                &target.id,
                &dead_letter.arn,
                &Policies::CLOUDFORMATION,
            ));
        }
        warnings.push(format!(
            "target {}: the Serverless Framework names the rule's target itself: the id {} is \
             not written",
            target.id, target.id
        ));
        if target.role_arn.is_some() {
            warnings.push(format!(
                "target {}: the eventBridge event takes no target RoleArn (a Lambda target needs \
                 none): it is not written",
                target.id
            ));
        }
    }

    let function_name = lambda.and_then(|target| lambda_function_name(&target.arn));
    let key = match function_name {
        Some(name) => camel_case(name),
        None => format!("{}Handler", camel_case(&rule.name)),
    };
    let mut function = Mapping::new();
    function.optional("name", function_name);
    function.string("handler", "index.handler");
    let mut item = Mapping::new();
    item.insert("eventBridge", event.node());
    function.insert("events", Node::Sequence(vec![item.node()]));
    let mut functions = Mapping::new();
    functions.insert(&key, function.node());
    let mut document = Mapping::new();
    document.insert("functions", functions.node());

    match (lambda, function_name) {
        (Some(target), Some(name)) => warnings.push(format!(
            "the function {key} stands for {}: the Framework deploys it, named {name}; its \
             handler is a placeholder to replace with your code's",
            target.arn
        )),
        _ => warnings.push(format!(
            "the rule has no Lambda target, and an eventBridge event belongs to a function: {key} \
             is a placeholder; its handler is to replace with your code's"
        )),
    }
    unwritten_targets(
        rule,
        lambda,
        "an eventBridge event delivers to its own function only; export the rule as \
         cloudformation-yaml to keep every target",
        &mut warnings,
    );
    Ok(Export { text: document.node().to_yaml(), warnings })
}

/// Warns about every number in `node` whose value a JavaScript double
/// does not hold: `JSON.stringify` would write another number.
fn javascript_number_warnings(node: &json::Node, what: &str, warnings: &mut Vec<String>) {
    for lexeme in numbers(node) {
        if !double_keeps_value(lexeme) {
            let written = js_number_text(lexeme).unwrap_or_else(|| "null".to_owned());
            warnings.push(format!(
                "{what}: the number {lexeme} becomes {written} in the Serverless Framework, whose \
                 numbers are JavaScript doubles"
            ));
        }
    }
}
