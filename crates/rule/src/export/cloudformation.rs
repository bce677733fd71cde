//! `cloudformation-json` and `cloudformation-yaml`: a template with the
//! rule as `AWS::Events::Rule`, and an `AWS::Lambda::Permission` for each
//! Lambda target (the notes, §6.1).
//!
//! `EventPattern` is written as an object, not a string, so the pattern
//! reads as the user wrote it, every number with its lexeme. The two
//! formats share one [`Node`] tree: YAML writes the intrinsic functions in
//! their short forms (`!GetAtt Rule.Arn`), JSON as `{"Fn::GetAtt": [...]}`.
//!
//! Targets keep their literal ARNs: the rule names real resources, and the
//! template does not define them. What the template cannot do for those
//! resources (a queue's or a topic's policy that lets EventBridge send to
//! it) comes back as a warning.

use super::yaml::{Mapping, Node};
use super::{
    Export, ExportError, Policies, json_string, lambda_function_name, pascal_case,
    resource_policy_warnings, unused_name,
};
use crate::rule::{Rule, Target, TargetInput};
use crate::transformer::InputTransformer;

pub(super) fn export_json(rule: &Rule) -> Result<Export, ExportError> {
    let (template, warnings) = template(rule);
    let mut text = String::new();
    json(&template, 0, &mut text);
    Ok(Export { text, warnings })
}

pub(super) fn export_yaml(rule: &Rule) -> Result<Export, ExportError> {
    let (template, warnings) = template(rule);
    Ok(Export { text: template.to_yaml(), warnings })
}

/// The template, and what to check before deploying it.
fn template(rule: &Rule) -> (Node, Vec<String>) {
    let rule_id = pascal_case(&rule.name);
    let mut warnings = Vec::new();
    let mut properties = Mapping::new();
    properties.string("Name", &rule.name);
    properties.optional("Description", rule.description.as_deref());
    properties.optional("EventBusName", rule.event_bus_name.as_deref());
    properties.string("State", rule.state.as_str());
    if let Some(pattern) = &rule.event_pattern {
        properties.insert("EventPattern", Node::from_json(&pattern.json()));
    }
    properties.optional("ScheduleExpression", rule.schedule_expression.as_deref());
    properties.optional("RoleArn", rule.role_arn.as_deref());
    if !rule.targets.is_empty() {
        let targets = rule.targets.iter().map(target).collect();
        properties.insert("Targets", Node::Sequence(targets));
    }
    let mut resource = Mapping::new();
    resource.string("Type", "AWS::Events::Rule");
    resource.insert("Properties", properties.node());

    let mut resources = Mapping::new();
    let mut ids = vec![rule_id.clone()];
    resources.insert(&rule_id, resource.node());
    for target in &rule.targets {
        if lambda_function_name(&target.arn).is_some() {
            let base = format!("{rule_id}Permission{}", pascal_case(&target.id));
            let id = unused_name(&base, "", &mut ids);
            resources.insert(&id, lambda_permission(&target.arn, &rule_id));
        }
        warnings.extend(resource_policy_warnings(target, &Policies::CLOUDFORMATION));
    }

    let mut template = Mapping::new();
    template.string("AWSTemplateFormatVersion", "2010-09-09");
    template.insert("Resources", resources.node());
    (template.node(), warnings)
}

/// The permission EventBridge needs to invoke a Lambda function, for this
/// rule only.
fn lambda_permission(function_arn: &str, rule_id: &str) -> Node {
    let mut properties = Mapping::new();
    properties.string("Action", "lambda:InvokeFunction");
    // AddPermission takes a function's (qualified) ARN as its name.
    properties.string("FunctionName", function_arn);
    properties.string("Principal", "events.amazonaws.com");
    properties.insert("SourceArn", Node::GetAtt(rule_id.to_owned(), "Arn".to_owned()));
    let mut resource = Mapping::new();
    resource.string("Type", "AWS::Lambda::Permission");
    resource.insert("Properties", properties.node());
    resource.node()
}

/// One entry of `Targets`, as `AWS::Events::Rule` takes it.
fn target(target: &Target) -> Node {
    let mut out = Mapping::new();
    out.string("Id", &target.id);
    out.string("Arn", &target.arn);
    out.optional("RoleArn", target.role_arn.as_deref());
    target_delivery(target, &mut out);
    out.node()
}

/// A target's `Input`, `InputPath` or `InputTransformer`, `RetryPolicy`
/// and `DeadLetterConfig`, with CloudFormation's names (SAM's event
/// sources use the same).
pub(super) fn target_delivery(target: &Target, out: &mut Mapping) {
    match &target.input {
        None => {}
        Some(TargetInput::Input(input)) => out.string("Input", input),
        Some(TargetInput::InputPath(path)) => out.string("InputPath", path),
        Some(TargetInput::InputTransformer(transformer)) => out.insert(
            "InputTransformer",
            input_transformer(transformer, ["InputPathsMap", "InputTemplate"]),
        ),
    }
    retry_and_dead_letter(target, out);
}

/// An input transformer's paths map (left out when empty) and template,
/// under `keys`: CloudFormation's names, or the Serverless Framework's
/// camelCase ones.
pub(super) fn input_transformer(transformer: &InputTransformer, keys: [&str; 2]) -> Node {
    let [paths_key, template_key] = keys;
    let mut node = Mapping::new();
    if !transformer.input_paths_map.is_empty() {
        let paths = transformer
            .input_paths_map
            .iter()
            .map(|(name, path)| (name.clone(), Node::string(path)))
            .collect();
        node.insert(paths_key, Node::Mapping(paths));
    }
    node.string(template_key, &transformer.input_template);
    node.node()
}

/// `RetryPolicy` and `DeadLetterConfig`, which rules and Scheduler name
/// alike.
pub(super) fn retry_and_dead_letter(target: &Target, out: &mut Mapping) {
    if let Some(retry) = &target.retry_policy {
        let mut policy = Mapping::new();
        if let Some(n) = retry.maximum_retry_attempts {
            policy.insert("MaximumRetryAttempts", Node::number(n));
        }
        if let Some(n) = retry.maximum_event_age_in_seconds {
            policy.insert("MaximumEventAgeInSeconds", Node::number(n));
        }
        out.insert("RetryPolicy", policy.node());
    }
    if let Some(dead_letter) = &target.dead_letter_config {
        let mut config = Mapping::new();
        config.string("Arn", &dead_letter.arn);
        out.insert("DeadLetterConfig", config.node());
    }
}

/// Writes `node` as JSON indented by two spaces, numbers as their lexemes.
/// An array of scalars stays on one line (`"source": ["aws.ec2"]`), as
/// evpat's pretty printer and people write patterns.
fn json(node: &Node, indent: usize, out: &mut String) {
    let pad = |out: &mut String, level: usize| out.extend(std::iter::repeat_n("  ", level));
    match node {
        Node::String(s) => out.push_str(&json_string(s)),
        Node::Number(lexeme) => out.push_str(lexeme),
        Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Node::Null => out.push_str("null"),
        Node::Sequence(items) if items.is_empty() => out.push_str("[]"),
        Node::Mapping(entries) if entries.is_empty() => out.push_str("{}"),
        Node::Sequence(items) if items.iter().all(is_scalar) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                json(item, indent, out);
            }
            out.push(']');
        }
        Node::Sequence(items) => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                pad(out, indent + 1);
                json(item, indent + 1, out);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            pad(out, indent);
            out.push(']');
        }
        Node::Mapping(entries) => {
            out.push_str("{\n");
            for (i, (key, value)) in entries.iter().enumerate() {
                pad(out, indent + 1);
                out.push_str(&json_string(key));
                out.push_str(": ");
                json(value, indent + 1, out);
                out.push_str(if i + 1 < entries.len() { ",\n" } else { "\n" });
            }
            pad(out, indent);
            out.push('}');
        }
        Node::GetAtt(resource, attribute) => {
            let call = vec![Node::string(resource), Node::string(attribute)];
            json(&Node::Mapping(vec![("Fn::GetAtt".into(), Node::Sequence(call))]), indent, out);
        }
    }
}

fn is_scalar(node: &Node) -> bool {
    matches!(node, Node::String(_) | Node::Number(_) | Node::Bool(_) | Node::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_intrinsics_and_numbers() {
        let node = Node::Mapping(vec![
            ("a".into(), Node::GetAtt("R".into(), "Arn".into())),
            ("n".into(), Node::Sequence(vec![Node::Number("1.50".into()), Node::string("é>")])),
        ]);
        let mut out = String::new();
        json(&node, 0, &mut out);
        assert_eq!(
            out,
            r#"{
  "a": {
    "Fn::GetAtt": ["R", "Arn"]
  },
  "n": [1.50, "é>"]
}"#
        );
    }
}
