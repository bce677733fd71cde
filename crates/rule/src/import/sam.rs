//! SAM functions' rule events: `EventBridgeRule` and `CloudWatchEvent`
//! (a pattern), `Schedule` (a rule's schedule) and `ScheduleV2` (an
//! EventBridge Scheduler schedule). The function is the one target.
//!
//! As SAM does: the rule is named by `RuleName` (or `Name`), else after the
//! event's logical id `<Function><Event>`; the target's id is `Target.Id`,
//! else `<Function><Event>LambdaTarget`. The function's ARN is only known
//! at deploy time: it becomes `arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:NAME`
//! when the function has a `FunctionName`, else `${Function.Arn}`.

use evpat::json::{Member, Node, Value};

use super::ImportError;
use super::common::{
    Ctx, Draft, SCHEDULER_TARGET_ID, boolean, event_bus, event_pattern, intrinsic_name, name,
    object, retry, several_inputs_message, shared_field, string, transformer,
};
use super::scheduler::schedule_field;
use crate::rule::{DeadLetterConfig, RuleState, Target, TargetInput};

pub(super) fn function_events(
    ctx: &mut Ctx<'_>,
    id: &str,
    resource: &Node,
) -> Result<Vec<Draft>, ImportError> {
    let Some(properties) = resource.get("Properties") else { return Ok(Vec::new()) };
    let Some(events) = properties.get("Events") else { return Ok(Vec::new()) };
    let mut drafts = Vec::new();
    for event in object(ctx, events, &format!("{id}.Events"))? {
        let Some(kind) = event.value.get("Type").and_then(Node::as_str) else { continue };
        if !matches!(kind, "EventBridgeRule" | "CloudWatchEvent" | "Schedule" | "ScheduleV2") {
            continue;
        }
        let origin = format!("{id}{}", event.key);
        let mut draft = Draft::new(event.key_span.start, origin.clone());
        let target_id = if kind == "ScheduleV2" {
            SCHEDULER_TARGET_ID.to_owned()
        } else {
            // SAM's default; an id is at most 64 characters.
            format!("{origin}LambdaTarget").chars().take(64).collect()
        };
        let mut target = Target::new(target_id, function_arn(ctx, id, properties, event));
        draft.place("$.Targets[0]", event.value.span.start);
        let Some(event_properties) = event.value.get("Properties") else {
            return Err(ctx.error(
                event.value.span.start,
                format!("the {kind} event {} has no Properties", event.key),
            ));
        };
        let mut inputs = 0;
        for member in object(ctx, event_properties, "Properties")? {
            let value = &member.value;
            let at = value.span.start;
            let key = member.key.as_str();
            match (kind, key) {
                // What every kind holds.
                (_, "Input") => {
                    target.input = Some(TargetInput::Input(string(ctx, value, key)?));
                    inputs += 1;
                    draft.place("$.Targets[0].Input", at);
                }
                (_, "RetryPolicy") => target.retry_policy = Some(retry(ctx, value, key)?),
                (_, "DeadLetterConfig") => {
                    target.dead_letter_config = Some(dead_letter(ctx, value, &origin)?);
                }
                (_, "State") | ("Schedule", "Description") => {
                    shared_field(ctx, member, &mut draft)?;
                }
                ("EventBridgeRule" | "CloudWatchEvent", "Pattern") => {
                    draft.rule.event_pattern = Some(event_pattern(ctx, value)?);
                    draft.place("$.EventPattern", at);
                }
                ("EventBridgeRule" | "CloudWatchEvent", "EventBusName") => {
                    draft.rule.event_bus_name = event_bus(ctx, value)?;
                    draft.place("$.EventBusName", at);
                }
                ("EventBridgeRule" | "CloudWatchEvent", "InputPath") => {
                    target.input = Some(TargetInput::InputPath(string(ctx, value, key)?));
                    inputs += 1;
                    draft.place("$.Targets[0].InputPath", at);
                }
                ("EventBridgeRule" | "CloudWatchEvent", "InputTransformer") => {
                    target.input =
                        Some(TargetInput::InputTransformer(transformer(ctx, value, key)?));
                    inputs += 1;
                    draft.place("$.Targets[0].InputTransformer", at);
                }
                ("EventBridgeRule" | "CloudWatchEvent", "RuleName") => {
                    name(ctx, value, key, &mut draft)?;
                }
                ("EventBridgeRule" | "CloudWatchEvent", "Target") => {
                    for field in object(ctx, value, key)? {
                        if field.key == "Id" {
                            target.id = string(ctx, &field.value, "Target.Id")?;
                            draft.place("$.Targets[0].Id", field.value.span.start);
                        } else {
                            unknown(ctx, &field.key_span.start, &format!("Target.{}", field.key));
                        }
                    }
                }
                ("Schedule", "Schedule") => {
                    draft.rule.schedule_expression = Some(string(ctx, value, key)?);
                    draft.place("$.ScheduleExpression", at);
                }
                ("Schedule" | "ScheduleV2", "Name") => name(ctx, value, key, &mut draft)?,
                ("Schedule", "Enabled") => {
                    draft.rule.state = if boolean(ctx, value, key)? {
                        RuleState::Enabled
                    } else {
                        RuleState::Disabled
                    };
                }
                ("ScheduleV2", "RoleArn") => {
                    target.role_arn = Some(string(ctx, value, key)?);
                    draft.place("$.Targets[0].RoleArn", at);
                }
                ("ScheduleV2", _) => schedule_field(ctx, member, &mut draft)?,
                _ => unknown(ctx, &member.key_span.start, key),
            }
        }
        if inputs > 1 {
            return Err(ctx.error(event_properties.span.start, several_inputs_message(&target.id)));
        }
        draft.rule.targets.push(target);
        drafts.push(draft);
    }
    Ok(drafts)
}

fn unknown(ctx: &mut Ctx<'_>, at: &usize, key: &str) {
    ctx.warn(*at, format!("{key} is not part of the rule model; it was left out"));
}

/// The ARN of the function the event belongs to, as a placeholder.
fn function_arn(ctx: &mut Ctx<'_>, id: &str, properties: &Node, event: &Member) -> String {
    let literal = properties
        .get("FunctionName")
        .filter(|name| intrinsic_name(name).is_none())
        .and_then(|name| match &name.value {
            Value::String(s) => Some(s.clone()),
            _ => None,
        });
    let arn = match literal {
        Some(name) => {
            format!("arn:aws:lambda:${{AWS::Region}}:${{AWS::AccountId}}:function:{name}")
        }
        None => format!("${{{id}.Arn}}"),
    };
    ctx.warn(
        event.key_span.start,
        format!(
            "the target of the {} event is its function {id}, whose ARN CloudFormation knows at \
             deploy time; imported as the placeholder {arn}",
            event.key
        ),
    );
    arn
}

/// SAM's `DeadLetterConfig`: an `Arn`, or `Type: SQS` for a queue SAM
/// creates (named by `QueueLogicalId`, else `<Function><Event>Queue`).
fn dead_letter(
    ctx: &mut Ctx<'_>,
    node: &Node,
    origin: &str,
) -> Result<DeadLetterConfig, ImportError> {
    object(ctx, node, "DeadLetterConfig")?;
    if let Some(arn) = node.get("Arn") {
        return Ok(DeadLetterConfig { arn: string(ctx, arn, "DeadLetterConfig.Arn")? });
    }
    let queue = match node.get("QueueLogicalId") {
        Some(id) => string(ctx, id, "DeadLetterConfig.QueueLogicalId")?,
        None => format!("{origin}Queue"),
    };
    let arn = format!("${{{queue}.Arn}}");
    ctx.warn(
        node.span.start,
        format!("the dead-letter queue is one SAM creates; imported as the placeholder {arn}"),
    );
    Ok(DeadLetterConfig { arn })
}
