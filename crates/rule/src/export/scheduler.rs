//! The EventBridge Scheduler formats: `scheduler-cloudformation`
//! (`AWS::Scheduler::Schedule`), `sam-schedule-v2` (a SAM function's
//! `ScheduleV2` event) and `scheduler-terraform` (written by the Terraform
//! module). The notes, §3.2.
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
use super::{Export, ExportError, pascal_case};
use crate::rule::{Rule, RuleState, Target, TargetInput};

/// The `RoleArn` written when neither the target nor the rule has one:
/// not an ARN, so that CloudFormation refuses it rather than deploying a
/// schedule that cannot run.
const ROLE_PLACEHOLDER: &str = "REPLACE-WITH-THE-SCHEDULER-ROLE-ARN";

/// The target `Arn` written when the rule has no target at all.
const TARGET_PLACEHOLDER: &str = "REPLACE-WITH-THE-TARGET-ARN";

pub(super) fn export_cloudformation(rule: &Rule) -> Result<Export, ExportError> {
    let mut warnings = Vec::new();
    let target = rule.targets.first();
    let mut properties = schedule_properties(rule, &mut warnings);
    let mut target_node = Mapping::new();
    match target {
        Some(target) => target_node.string("Arn", &target.arn),
        None => {
            warnings.push(format!(
                "the rule has no target, and a schedule needs one: Target.Arn is the placeholder \
                 {TARGET_PLACEHOLDER}"
            ));
            target_node.string("Arn", TARGET_PLACEHOLDER);
        }
    }
    let role = role_arn(rule, target, &mut warnings).unwrap_or_else(|| {
        warnings.push(format!(
            "a schedule needs a role that allows scheduler.amazonaws.com to invoke the target, \
             and neither the target nor the rule has one: RoleArn is the placeholder \
             {ROLE_PLACEHOLDER}"
        ));
        ROLE_PLACEHOLDER
    });
    target_node.string("RoleArn", role);
    if let Some(target) = target {
        delivery(target, &mut target_node, &mut warnings);
    }
    properties.insert("Target", target_node.node());
    other_targets(rule, target, "a schedule has one target", &mut warnings);

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
    let state = if rule.state.is_enabled() { "ENABLED" } else { "DISABLED" };
    if rule.state == RuleState::EnabledWithAllCloudtrailManagementEvents {
        warnings.push(
            "a schedule is ENABLED or DISABLED: the state \
             ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS is written as ENABLED"
                .to_owned(),
        );
    }
    properties.string("State", state);
    properties
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

/// The target's `Input`, `RetryPolicy` and `DeadLetterConfig`; an
/// `InputPath` or input transformer is a warning, as Scheduler has no
/// event to take them from.
fn delivery(target: &Target, out: &mut Mapping, warnings: &mut Vec<String>) {
    match &target.input {
        None => {}
        Some(TargetInput::Input(input)) => out.string("Input", input),
        Some(TargetInput::InputPath(path)) => warnings.push(format!(
            "target {}: Scheduler takes no InputPath, as there is no event to take it from: \
             {path} is not written",
            target.id
        )),
        Some(TargetInput::InputTransformer(_)) => warnings.push(format!(
            "target {}: Scheduler takes no input transformer, as there is no event to fill it \
             from: it is not written; Scheduler's Input can use <aws.scheduler.scheduled-time> \
             and its other context attributes",
            target.id
        )),
    }
    retry_and_dead_letter(target, out);
    if let Some(dead_letter) = &target.dead_letter_config {
        warnings.push(format!(
            "target {}: the schedule's role must allow sqs:SendMessage on the dead-letter queue \
             {}",
            target.id, dead_letter.arn
        ));
    }
}

/// Warns about every target but `written`.
fn other_targets(rule: &Rule, written: Option<&Target>, why: &str, warnings: &mut Vec<String>) {
    let written = written.map(|target| target.id.as_str());
    for target in rule.targets.iter().filter(|target| Some(target.id.as_str()) != written) {
        warnings.push(format!(
            "target {} ({}) is not written: {why}; make a schedule for each target",
            target.id, target.arn
        ));
    }
}
