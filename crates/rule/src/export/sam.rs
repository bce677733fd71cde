//! `sam`: an AWS SAM template in which the rule is an event source of a
//! function (the notes, §6.2): `Type: EventBridgeRule` with `Pattern` for
//! a pattern, `Type: Schedule` for a `rate()` or `cron()` schedule. SAM
//! writes the rule, its one target and the Lambda permission from it.
//!
//! An event source delivers to its own function and nothing else, so the
//! rule's first Lambda target becomes the function (named as its ARN
//! names it) and every other target is a warning. The function needs code
//! this document cannot know: its `Handler`, `Runtime` and `CodeUri` are
//! placeholders, and a warning says so. [`function_template`] is shared
//! with `sam-schedule-v2`.

use super::cloudformation::target_delivery;
use super::yaml::{Mapping, Node};
use super::{
    Export, ExportError, Policies, dead_letter_warning, lambda_function_name, pascal_case,
    unwritten_targets,
};
use crate::rule::{Rule, Target};

pub(super) fn export(rule: &Rule) -> Result<Export, ExportError> {
    let mut warnings = Vec::new();
    let lambda = lambda_target(rule);
    let mut properties = Mapping::new();
    let event_type = if let Some(pattern) = &rule.event_pattern {
        properties.string("RuleName", &rule.name);
        properties.optional("EventBusName", rule.event_bus_name.as_deref());
        properties.string("State", rule.state.as_str());
        properties.insert("Pattern", Node::from_json(&pattern.json()));
        if let Some(target) = lambda {
            let mut id = Mapping::new();
            id.string("Id", &target.id);
            properties.insert("Target", id.node());
            target_delivery(target, &mut properties);
        }
        if rule.description.is_some() {
            warnings.push(
                "SAM's EventBridgeRule event has no Description: the rule's description is not \
                 written"
                    .to_owned(),
            );
        }
        if let Some(schedule) = &rule.schedule_expression {
            warnings.push(format!(
                "a SAM event source holds a pattern or a schedule, not both: the schedule \
                 {schedule} is not written; add a Schedule event for it (it makes a second rule)"
            ));
        }
        "EventBridgeRule"
    } else {
        properties.string("Name", &rule.name);
        properties.optional("Description", rule.description.as_deref());
        properties.optional("Schedule", rule.schedule_expression.as_deref());
        properties.string("State", rule.state.as_str());
        if let Some(target) = lambda {
            schedule_delivery(target, &mut properties, &mut warnings);
        }
        "Schedule"
    };
    if let Some(role) = &rule.role_arn {
        warnings.push(format!(
            "SAM's {event_type} event takes no RoleArn: the rule's role {role} is not written"
        ));
    }
    if let Some(target) = lambda {
        if target.role_arn.is_some() {
            warnings.push(format!(
                "target {}: SAM's {event_type} event takes no target RoleArn (a Lambda target \
                 needs none): it is not written",
                target.id
            ));
        }
        if let Some(dead_letter) = &target.dead_letter_config {
            warnings.push(dead_letter_warning(
                &target.id,
                &dead_letter.arn,
                &Policies::CLOUDFORMATION,
            ));
        }
    }
    let mut event = Mapping::new();
    event.string("Type", event_type);
    event.insert("Properties", properties.node());
    let text = function_template(rule, lambda, event.node(), &mut warnings).to_yaml();
    Ok(Export { text, warnings })
}

/// What a legacy `Schedule` event holds of a target: `Input`,
/// `RetryPolicy` and `DeadLetterConfig`, but neither the target's `Id`
/// (SAM names it) nor `InputPath` or an input transformer.
fn schedule_delivery(target: &Target, properties: &mut Mapping, warnings: &mut Vec<String>) {
    let mut delivery = Mapping::new();
    target_delivery(target, &mut delivery);
    for (key, value) in delivery.into_entries() {
        if key == "InputPath" || key == "InputTransformer" {
            warnings.push(format!(
                "target {}: SAM's Schedule event takes no {key}: it is not written",
                target.id
            ));
        } else {
            properties.insert(&key, value);
        }
    }
    warnings.push(format!(
        "target {}: SAM's Schedule event names its target itself: the id {} is not written",
        target.id, target.id
    ));
}

/// The first Lambda target: the function the event source belongs to.
pub(super) fn lambda_target(rule: &Rule) -> Option<&Target> {
    rule.targets.iter().find(|target| lambda_function_name(&target.arn).is_some())
}

/// A SAM template with one function that has `event` as its only event
/// source, named after the rule. The function is `lambda`'s, or a
/// placeholder when the rule has no Lambda target; warnings say which, and
/// name every other target, which the event source cannot deliver to.
pub(super) fn function_template(
    rule: &Rule,
    lambda: Option<&Target>,
    event: Node,
    warnings: &mut Vec<String>,
) -> Node {
    let function_name = lambda.and_then(|target| lambda_function_name(&target.arn));
    let logical_id = match function_name {
        Some(name) => pascal_case(name),
        None => format!("{}Function", pascal_case(&rule.name)),
    };
    let mut properties = Mapping::new();
    properties.optional("FunctionName", function_name);
    properties.string("Handler", "index.handler");
    properties.string("Runtime", "nodejs22.x");
    properties.string("CodeUri", "src/");
    let mut events = Mapping::new();
    events.insert(&pascal_case(&rule.name), event);
    properties.insert("Events", events.node());
    let mut function = Mapping::new();
    function.string("Type", "AWS::Serverless::Function");
    function.insert("Properties", properties.node());
    let mut resources = Mapping::new();
    resources.insert(&logical_id, function.node());
    let mut template = Mapping::new();
    template.string("AWSTemplateFormatVersion", "2010-09-09");
    template.string("Transform", "AWS::Serverless-2016-10-31");
    template.insert("Resources", resources.node());

    match (lambda, function_name) {
        (Some(target), Some(name)) => {
            warnings.push(format!(
                "the function {logical_id} stands for {}: SAM creates it, named {name}; its \
                 Handler, Runtime and CodeUri are placeholders to replace with your code's",
                target.arn
            ));
            if target.arn.split(":function:").nth(1).is_some_and(|rest| rest.contains(':')) {
                warnings.push(format!(
                    "target {}: the ARN names a version or alias of {name}; the SAM function is \
                     unqualified (AutoPublishAlias publishes an alias)",
                    target.id
                ));
            }
        }
        _ => warnings.push(format!(
            "the rule has no Lambda target, and a SAM event source belongs to a function: \
             {logical_id} is a placeholder; its Handler, Runtime and CodeUri are to replace with \
             your code's"
        )),
    }
    unwritten_targets(
        rule,
        lambda,
        "a SAM event source delivers to its own function only; export the rule as \
         cloudformation-yaml to keep every target",
        warnings,
    );
    template.node()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::TargetInput;

    #[test]
    fn schedule_events_hold_input_only() {
        let target = Target {
            id: "t".into(),
            arn: "arn:aws:lambda:us-east-1:123456789012:function:f".into(),
            role_arn: None,
            input: Some(TargetInput::InputPath("$.detail".into())),
            retry_policy: None,
            dead_letter_config: None,
        };
        let mut properties = Mapping::new();
        let mut warnings = Vec::new();
        schedule_delivery(&target, &mut properties, &mut warnings);
        assert_eq!(properties.node(), Node::Mapping(vec![]));
        assert_eq!(
            warnings,
            [
                "target t: SAM's Schedule event takes no InputPath: it is not written",
                "target t: SAM's Schedule event names its target itself: the id t is not written",
            ]
        );
    }
}
