//! The EventBridge Scheduler formats: `scheduler-cloudformation`
//! (`AWS::Scheduler::Schedule`), `sam-schedule-v2` (a SAM function's
//! `ScheduleV2` event) and `scheduler-terraform` (written by the Terraform
//! module, with the state, role, placeholders and warnings chosen here).
//! The notes, §3.2.
//!
//! Scheduler runs `at()` schedules and schedules in a time zone, which
//! rules cannot, and also the rules' `rate()` and `cron()`. A schedule
//! differs from a rule in ways that are warnings here:
//! - it has exactly one target; the others are not written;
//! - it delivers with a role (`RoleArn`, required by
//!   `AWS::Scheduler::Schedule`): the target's, else the rule's, else a
//!   placeholder; SAM creates one when none is given;
//! - its target takes `Input` but no `InputPath` or input transformer;
//! - its state is `ENABLED` or `DISABLED`.
//!
//! `FlexibleTimeWindow` is `Mode: 'OFF'` (quoted: YAML 1.1 reads a plain
//! `OFF` as `false`), so the schedule runs when the rule would have.

use super::cloudformation::retry_and_dead_letter;
use super::sam::{function_template, lambda_target};
use super::yaml::Mapping;
use super::{Export, ExportError, pascal_case, unwritten_targets};
use crate::rule::{Rule, RuleState, Target, TargetInput};

/// The role ARN written when neither the target nor the rule has one: not
/// an ARN, so that CloudFormation refuses it (and Terraform's plan fails)
/// rather than deploying a schedule that cannot run.
const ROLE_PLACEHOLDER: &str = "REPLACE-WITH-THE-SCHEDULER-ROLE-ARN";

/// The target ARN written when the rule has no target at all.
const TARGET_PLACEHOLDER: &str = "REPLACE-WITH-THE-TARGET-ARN";

pub(super) fn export_cloudformation(rule: &Rule) -> Result<Export, ExportError> {
    let mut warnings = Vec::new();
    let target = rule.targets.first();
    let mut properties = schedule_properties(rule, &mut warnings);
    let mut target_node = Mapping::new();
    target_node.string("Arn", target_arn(target, "Target.Arn", &mut warnings));
    target_node.string("RoleArn", role_or_placeholder(rule, target, "RoleArn", &mut warnings));
    if let Some(target) = target {
        warnings.push(no_target_id(target));
        delivery(target, &mut target_node, &mut warnings);
    }
    properties.insert("Target", target_node.node());
    unwritten_targets(
        rule,
        target,
        "a schedule has one target; make a schedule for each target",
        &mut warnings,
    );

    let mut resource = Mapping::new();
    resource.string("Type", "AWS::Scheduler::Schedule");
    resource.insert("Properties", properties.node());
    let mut resources = Mapping::new();
    resources.insert(&pascal_case(&rule.name), resource.node());
    let mut template = Mapping::new();
    template.string("AWSTemplateFormatVersion", "2010-09-09");
    template.insert("Resources", resources.node());
    Ok(Export { text: template.node().to_yaml(), warnings })
}

pub(super) fn export_terraform(rule: &Rule) -> Result<Export, ExportError> {
    super::terraform::export_scheduler(rule)
}

pub(super) fn export_sam(rule: &Rule) -> Result<Export, ExportError> {
    let mut warnings = Vec::new();
    let lambda = lambda_target(rule);
    let mut properties = schedule_properties(rule, &mut warnings);
    // Without a RoleArn, SAM creates a role that may invoke the function.
    if let Some(role) = role_arn(rule, lambda, &mut warnings) {
        properties.string("RoleArn", role);
    }
    if let Some(target) = lambda {
        delivery(target, &mut properties, &mut warnings);
        warnings.push(format!(
            "target {}: SAM's ScheduleV2 event names its target itself: the id {} is not written",
            target.id, target.id
        ));
    }
    let mut event = Mapping::new();
    event.string("Type", "ScheduleV2");
    event.insert("Properties", properties.node());
    // The function template warns about the targets other than `lambda`.
    let text = function_template(rule, lambda, event.node(), &mut warnings).to_yaml();
    Ok(Export { text, warnings })
}

/// Name, Description, the schedule and its time zone, FlexibleTimeWindow
/// and State: what both Scheduler formats write the same way.
fn schedule_properties(rule: &Rule, warnings: &mut Vec<String>) -> Mapping {
    let mut properties = Mapping::new();
    properties.string("Name", &rule.name);
    properties.optional("Description", rule.description.as_deref());
    properties.optional("ScheduleExpression", rule.schedule_expression.as_deref());
    properties.optional("ScheduleExpressionTimezone", rule.schedule_expression_timezone.as_deref());
    let mut window = Mapping::new();
    window.string("Mode", "OFF");
    properties.insert("FlexibleTimeWindow", window.node());
    properties.string("State", schedule_state(rule, warnings));
    properties
}

/// The schedule's state: Scheduler knows only `ENABLED` and `DISABLED`.
pub(super) fn schedule_state(rule: &Rule, warnings: &mut Vec<String>) -> &'static str {
    if rule.state == RuleState::EnabledWithAllCloudtrailManagementEvents {
        warnings.push(
            "a schedule is ENABLED or DISABLED: the state \
             ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS is written as ENABLED"
                .to_owned(),
        );
    }
    if rule.state.is_enabled() { "ENABLED" } else { "DISABLED" }
}

/// The target's ARN, or a placeholder for a rule without targets, which
/// the warning names by `field`, the format's name for it.
pub(super) fn target_arn<'r>(
    target: Option<&'r Target>,
    field: &str,
    warnings: &mut Vec<String>,
) -> &'r str {
    match target {
        Some(target) => &target.arn,
        None => {
            warnings.push(format!(
                "the rule has no target, and a schedule needs one: {field} is the placeholder \
                 {TARGET_PLACEHOLDER}"
            ));
            TARGET_PLACEHOLDER
        }
    }
}

/// The role the schedule delivers with: the target's, else the rule's
/// (with a warning, since a rule's role trusts EventBridge, not
/// Scheduler).
fn role_arn<'r>(
    rule: &'r Rule,
    target: Option<&'r Target>,
    warnings: &mut Vec<String>,
) -> Option<&'r str> {
    if let Some(role) = target.and_then(|target| target.role_arn.as_deref()) {
        return Some(role);
    }
    let role = rule.role_arn.as_deref()?;
    warnings.push(format!(
        "the schedule delivers with the rule's role {role}: it must trust \
         scheduler.amazonaws.com and allow invoking the target"
    ));
    Some(role)
}

/// The role as [`role_arn`] finds it, else a placeholder, which the
/// warning names by `field`, the format's name for it.
pub(super) fn role_or_placeholder<'r>(
    rule: &'r Rule,
    target: Option<&'r Target>,
    field: &str,
    warnings: &mut Vec<String>,
) -> &'r str {
    role_arn(rule, target, warnings).unwrap_or_else(|| {
        warnings.push(format!(
            "a schedule needs a role that allows scheduler.amazonaws.com to invoke the target, \
             and neither the target nor the rule has one: {field} is the placeholder \
             {ROLE_PLACEHOLDER}"
        ));
        ROLE_PLACEHOLDER
    })
}

/// The target's `Input`, `RetryPolicy` and `DeadLetterConfig`, and the
/// [`delivery_warnings`].
fn delivery(target: &Target, out: &mut Mapping, warnings: &mut Vec<String>) {
    if let Some(TargetInput::Input(input)) = &target.input {
        out.string("Input", input);
    }
    delivery_warnings(target, "Input", warnings);
    retry_and_dead_letter(target, out);
}

/// What a schedule cannot deliver as the rule would: an `InputPath` or
/// input transformer, as Scheduler has no event to take them from; and a
/// dead-letter queue, which Scheduler sends to with the schedule's role.
/// `input` is the format's name for the target's input.
pub(super) fn delivery_warnings(target: &Target, input: &str, warnings: &mut Vec<String>) {
    match &target.input {
        None | Some(TargetInput::Input(_)) => {}
        Some(TargetInput::InputPath(path)) => warnings.push(format!(
            "target {}: Scheduler takes no InputPath, as there is no event to take it from: \
             {path} is not written",
            target.id
        )),
        Some(TargetInput::InputTransformer(_)) => warnings.push(format!(
            "target {}: Scheduler takes no input transformer, as there is no event to fill it \
             from: it is not written; Scheduler's {input} can use \
             <aws.scheduler.scheduled-time> and its other context attributes",
            target.id
        )),
    }
    if let Some(dead_letter) = &target.dead_letter_config {
        warnings.push(format!(
            "target {}: the schedule's role must allow sqs:SendMessage on the dead-letter queue \
             {}",
            target.id, dead_letter.arn
        ));
    }
}

/// A Scheduler target has no id, so the rule target's id is lost.
pub(super) fn no_target_id(target: &crate::rule::Target) -> String {
    format!("target {}: a schedule's target has no id: {} is not written", target.id, target.id)
}
