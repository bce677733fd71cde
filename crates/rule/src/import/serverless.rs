//! `serverless`: a Serverless Framework `serverless.yml` (or its
//! `functions:` part): each function's `eventBridge` events, and its
//! `schedule` and `cloudwatchEvent` events, which the Framework also
//! compiles into rules. The function is the one target.
//!
//! As the Framework does: a rule without `name` is `<function>-rule-<n>`
//! (the Framework prefixes the deployed function name, which depends on
//! the stage), the target's id is `<rule name>-target`, and `input` is an
//! object the Framework writes out as the target's `Input` JSON. The
//! function's ARN is only known at deploy time: it becomes
//! `arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:NAME` when
//! the function has a `name`, else `${<Function>LambdaFunction.Arn}`.

use evpat::json::{Node, Value};

use super::common::{
    Ctx, Draft, boolean, event_bus, event_pattern, intrinsic_name, name, object, retry_policy,
    rule_name, string,
};
use super::template::{from_yaml, yaml_error, yaml11_warnings};
use super::{ImportError, Imported, Source, yaml};
use crate::export::pascal_case;
use crate::rule::{DeadLetterConfig, RuleState, Target, TargetInput};
use crate::transformer::InputTransformer;

pub(super) fn import(text: &str) -> Result<Imported, ImportError> {
    let mut ctx = Ctx::new(text);
    ctx.intrinsics = true;
    let (root, yaml_root) = if text.trim_start().starts_with('{') {
        (super::common::read_json(text)?, None)
    } else {
        let yaml_root = yaml::read(text).map_err(|error| yaml_error(text, error))?;
        (from_yaml(text, &yaml_root, false, 1)?, Some(yaml_root))
    };
    let Some(functions) = root.get("functions") else {
        return Err(ctx
            .error(
                root.span.start,
                "found no functions: a serverless.yml defines its rules as functions' events",
            )
            .with_hint("paste the functions: part of serverless.yml"));
    };
    let mut drafts = Vec::new();
    for function in object(&ctx, functions, "functions")? {
        let Some(events) = function.value.get("events") else { continue };
        let Some(events) = events.items() else {
            return Err(ctx.error(events.span.start, "events must be a list"));
        };
        let mut index = 0;
        for item in events {
            let Some([member]) = item.members() else { continue };
            let kind = member.key.as_str();
            if !matches!(kind, "eventBridge" | "schedule" | "cloudwatchEvent") {
                continue;
            }
            index += 1;
            let draft =
                event(&mut ctx, &function.key, &function.value, kind, &member.value, index)?;
            drafts.push(draft);
        }
    }
    if drafts.is_empty() {
        return Err(ctx
            .error(
                functions.span.start,
                "found no eventBridge, schedule or cloudwatchEvent event on any function",
            )
            .with_hint("add the rule to a function's events, as - eventBridge: {pattern: …}"));
    }
    if let Some(yaml_root) = yaml_root {
        yaml11_warnings(&mut ctx, &yaml_root);
    }
    super::common::finish(ctx, Source::Serverless, drafts)
}

/// One event's rule.
fn event(
    ctx: &mut Ctx<'_>,
    function_key: &str,
    function: &Node,
    kind: &str,
    node: &Node,
    index: usize,
) -> Result<Draft, ImportError> {
    let mut draft = Draft::new(node.span.start, format!("{function_key}-rule-{index}"));
    // The id is the Framework's, made from the rule's name, known last.
    let mut target = Target::new(String::new(), function_arn(ctx, function_key, function, node));
    draft.place("$.Targets[0]", node.span.start);
    // `schedule: rate(5 minutes)`, the short form.
    if let Value::String(expression) = &node.value {
        draft.rule.schedule_expression = Some(expression.clone());
        draft.place("$.ScheduleExpression", node.span.start);
    } else {
        let mut inputs = 0;
        for member in object(ctx, node, kind)? {
            let value = &member.value;
            let at = value.span.start;
            let key = member.key.as_str();
            match (kind, key) {
                (_, "name") => name(ctx, value, key, &mut draft)?,
                (_, "description") => {
                    draft.rule.description = Some(string(ctx, value, key)?);
                    draft.place("$.Description", at);
                }
                (_, "enabled") => {
                    draft.rule.state = if boolean(ctx, value, key)? {
                        RuleState::Enabled
                    } else {
                        RuleState::Disabled
                    };
                    draft.place("$.State", at);
                }
                (_, "input") => {
                    let input = match &value.value {
                        Value::String(s) => s.clone(),
                        _ => value.to_compact(),
                    };
                    target.input = Some(TargetInput::Input(input));
                    inputs += 1;
                    draft.place("$.Targets[0].Input", at);
                }
                (_, "inputPath") => {
                    target.input = Some(TargetInput::InputPath(string(ctx, value, key)?));
                    inputs += 1;
                    draft.place("$.Targets[0].InputPath", at);
                }
                (_, "inputTransformer") => {
                    target.input = Some(TargetInput::InputTransformer(transformer(ctx, value)?));
                    inputs += 1;
                    draft.place("$.Targets[0].InputTransformer", at);
                }
                ("eventBridge", "pattern") | ("cloudwatchEvent", "event") => {
                    draft.rule.event_pattern = Some(event_pattern(ctx, value)?);
                    draft.place("$.EventPattern", at);
                }
                ("eventBridge", "schedule") | ("schedule", "rate") => {
                    let expression = match value.items() {
                        Some([only]) => string(ctx, only, key)?,
                        Some(_) => {
                            return Err(ctx
                                .error(at, "several schedules in one event make several rules")
                                .with_hint("give each schedule its own event"));
                        }
                        None => string(ctx, value, key)?,
                    };
                    draft.rule.schedule_expression = Some(expression);
                    draft.place("$.ScheduleExpression", at);
                }
                ("eventBridge", "eventBus") => {
                    // The Framework also takes `{arn: …}`-less names and ARNs.
                    draft.rule.event_bus_name = event_bus(ctx, value)?;
                    draft.place("$.EventBusName", at);
                }
                ("eventBridge", "retryPolicy") => {
                    let keys = ["maximumRetryAttempts", "maximumEventAge"];
                    target.retry_policy = Some(retry_policy(ctx, value, key, keys)?);
                }
                ("eventBridge", "deadLetterQueueArn") => {
                    target.dead_letter_config =
                        Some(DeadLetterConfig { arn: string(ctx, value, key)? });
                }
                ("schedule", "method") if value.as_str() == Some("eventBus") => {}
                ("schedule", "method") => {
                    ctx.warn(
                        at,
                        "method: scheduler makes an EventBridge Scheduler schedule; it was read as \
                         one",
                    );
                }
                ("schedule", "timezone") => {
                    draft.rule.schedule_expression_timezone = Some(string(ctx, value, key)?);
                    draft.place("$.ScheduleExpressionTimezone", at);
                }
                _ => ctx.warn(
                    member.key_span.start,
                    format!("{kind}.{key} is not part of the rule model; it was left out"),
                ),
            }
        }
        if inputs > 1 {
            return Err(ctx.error(
                node.span.start,
                "Only one of Input, InputPath, or InputTransformer must be provided for the \
                 function's target.",
            ));
        }
    }
    if draft.rule.name.is_empty() {
        draft.rule.name = rule_name(&draft.origin);
        ctx.warn(
            draft.at,
            format!(
                "the rule has no name of its own: the Framework names it after the deployed \
                 function, <service>-<stage>-{function_key}-rule-{index}; it is {} here",
                draft.rule.name
            ),
        );
    }
    // The Framework's target id.
    target.id = format!("{}-target", draft.rule.name).chars().take(64).collect();
    draft.rule.targets.push(target);
    Ok(draft)
}

fn transformer(ctx: &mut Ctx<'_>, node: &Node) -> Result<InputTransformer, ImportError> {
    let mut input_paths_map = Vec::new();
    let mut input_template = None;
    for member in object(ctx, node, "inputTransformer")? {
        match member.key.as_str() {
            "inputPathsMap" => {
                for path in object(ctx, &member.value, "inputTransformer.inputPathsMap")? {
                    let value = string(ctx, &path.value, &format!("inputPathsMap.{}", path.key))?;
                    input_paths_map.push((path.key.clone(), value));
                }
            }
            "inputTemplate" => {
                input_template =
                    Some(string(ctx, &member.value, "inputTransformer.inputTemplate")?);
            }
            other => ctx.warn(
                member.key_span.start,
                format!(
                    "inputTransformer.{other} is not part of an input transformer; it was left out"
                ),
            ),
        }
    }
    let input_template = input_template.ok_or_else(|| {
        ctx.error(node.span.start, super::common::null_message("inputTransformer.inputTemplate"))
    })?;
    Ok(InputTransformer { input_paths_map, input_template })
}

/// The function's ARN, as a placeholder.
fn function_arn(ctx: &mut Ctx<'_>, key: &str, function: &Node, event: &Node) -> String {
    let literal = function
        .get("name")
        .filter(|name| intrinsic_name(name).is_none())
        .and_then(Node::as_str)
        .filter(|name| !name.contains("${"));
    let arn = match literal {
        Some(name) => {
            format!("arn:aws:lambda:${{AWS::Region}}:${{AWS::AccountId}}:function:{name}")
        }
        None => format!("${{{}LambdaFunction.Arn}}", pascal_case(key)),
    };
    ctx.warn(
        event.span.start,
        format!(
            "the target is the function {key}, whose ARN is known at deploy time; imported as the \
             placeholder {arn}"
        ),
    );
    arn
}
