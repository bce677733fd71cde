//! `AWS::Scheduler::Schedule` resources. A schedule has one `Target`
//! without an id (it gets [`SCHEDULER_TARGET_ID`]), whose `RoleArn` is the
//! role Scheduler delivers with. What the rule model cannot hold (a
//! flexible time window, a group, start and end dates) is left out with a
//! warning.

use evpat::json::Node;

use super::ImportError;
use super::common::{
    Ctx, Draft, SCHEDULER_TARGET_ID, name, null_message, object, retry, shared_field, string,
};
use super::template::properties;
use crate::rule::{DeadLetterConfig, Target, TargetInput};

/// `at` is where the resource is named: its logical id.
pub(super) fn schedule(
    ctx: &mut Ctx<'_>,
    id: &str,
    at: usize,
    resource: &Node,
) -> Result<Draft, ImportError> {
    let properties = properties(ctx, id, "AWS::Scheduler::Schedule", resource)?;
    let mut draft = Draft::new(at, id);
    for member in object(ctx, properties, "Properties")? {
        let value = &member.value;
        let at = value.span.start;
        let key = member.key.as_str();
        match key {
            "Name" => name(ctx, value, key, &mut draft)?,
            "Target" => {
                draft.place("$.Targets[0]", at);
                let target = target(ctx, value, "Target", &mut draft)?;
                draft.rule.targets.push(target);
            }
            _ => schedule_field(ctx, member, &mut draft)?,
        }
    }
    Ok(draft)
}

/// The fields a schedule shares with SAM's `ScheduleV2` event:
/// `Description`, `ScheduleExpression`, `ScheduleExpressionTimezone`,
/// `State`, and the ones the rule model cannot hold, which are warnings.
pub(super) fn schedule_field(
    ctx: &mut Ctx<'_>,
    member: &evpat::json::Member,
    draft: &mut Draft,
) -> Result<(), ImportError> {
    let value = &member.value;
    let at = value.span.start;
    let key = member.key.as_str();
    match key {
        "FlexibleTimeWindow" => {
            let mode = match value.get("Mode") {
                Some(mode) => string(ctx, mode, "FlexibleTimeWindow.Mode")?,
                None => "OFF".to_owned(),
            };
            if mode != "OFF" {
                ctx.warn(
                    at,
                    format!(
                        "FlexibleTimeWindow is {mode}: a flexible time window is not part of the \
                         rule model; it was left out"
                    ),
                );
            }
        }
        "GroupName" => {
            let group = string(ctx, value, key)?;
            if group != "default" {
                ctx.warn(
                    at,
                    format!("GroupName {group}: schedule groups are not part of the rule model"),
                );
            }
        }
        "ActionAfterCompletion" => {
            let action = string(ctx, value, key)?;
            if action != "NONE" {
                ctx.warn(
                    at,
                    format!("ActionAfterCompletion {action} is not part of the rule model"),
                );
            }
        }
        _ => {
            if !shared_field(ctx, member, draft)? {
                ctx.warn(
                    member.key_span.start,
                    format!("{key} is not part of the rule model; it was left out"),
                );
            }
        }
    }
    Ok(())
}

/// A schedule's `Target`: `Arn`, `RoleArn`, `Input`, `RetryPolicy`,
/// `DeadLetterConfig`.
fn target(
    ctx: &mut Ctx<'_>,
    node: &Node,
    what: &str,
    draft: &mut Draft,
) -> Result<Target, ImportError> {
    let mut target = Target::new(SCHEDULER_TARGET_ID, String::new());
    let mut has_arn = false;
    for member in object(ctx, node, what)? {
        let value = &member.value;
        let field = format!("{what}.{}", member.key);
        draft.place(format!("$.Targets[0].{}", member.key), value.span.start);
        match member.key.as_str() {
            "Arn" => {
                target.arn = string(ctx, value, &field)?;
                has_arn = true;
            }
            "RoleArn" => target.role_arn = Some(string(ctx, value, &field)?),
            "Input" => target.input = Some(TargetInput::Input(string(ctx, value, &field)?)),
            "RetryPolicy" => target.retry_policy = Some(retry(ctx, value, &field)?),
            "DeadLetterConfig" => {
                let Some(arn) = value.get("Arn") else {
                    return Err(ctx.error(value.span.start, format!("{field}.Arn is missing")));
                };
                target.dead_letter_config =
                    Some(DeadLetterConfig { arn: string(ctx, arn, &field)? });
            }
            _ => ctx.warn(
                member.key_span.start,
                format!("{field} is not part of the rule model; it was left out"),
            ),
        }
    }
    if !has_arn {
        return Err(ctx.error(node.span.start, null_message("target.arn")));
    }
    Ok(target)
}
