//! PutRule's and PutTargets' checks, in the order the APIs make them.
//!
//! | check | message | from |
//! |---|---|---|
//! | name, description, bus, role: lengths and patterns | `1 validation error detected: Value '…' at 'name' failed to satisfy constraint: …` | AWS's validation format |
//! | neither pattern nor schedule | `Parameter(s) EventPattern or ScheduleExpression must be specified.` | AWS |
//! | a schedule AWS refuses | `Parameter ScheduleExpression is not valid.` (the hint says why) | AWS |
//! | a schedule on another bus | `ScheduleExpression is supported only on the default event bus.` | AWS |
//! | more than 5 targets | `The requested resource exceeds the maximum number allowed.` | AWS's `LimitExceededException`; not recorded |
//! | target id, lengths, retry policy ranges | `… at 'targets.1.member.id' …` | AWS's validation format |
//! | two input kinds | `Only one of Input, InputPath, or InputTransformer must be provided for target <id>.` | AWS, recorded |
//! | an input transformer | see [`crate::transformer::validate`] | |
//! | `Input` that is not JSON, a target id used twice, an unknown time zone | ours | |

use super::read::RuleError;
use super::{Rule, TargetInput};
use crate::name::validate_name;
use crate::schedule::{Schedule, Service};
use crate::transformer;

/// PutRule's limit on a description, in characters.
const MAX_DESCRIPTION: usize = 512;
/// PutRule's limit on a bus name or ARN.
const MAX_BUS: usize = 256;
/// The limit on an ARN (`RoleArn`, a target's `Arn`).
const MAX_ARN: usize = 1600;
/// PutRule's limit on a schedule expression.
const MAX_SCHEDULE: usize = 256;
/// The most targets a rule can have (EventBridge quotas).
pub const MAX_TARGETS: usize = 5;
/// PutTargets' limit on `Input`.
const MAX_INPUT: usize = 8192;
/// PutTargets' limit on `InputPath`.
const MAX_INPUT_PATH: usize = 256;

fn constraint(value: &str, field: &str, constraint: &str) -> String {
    format!(
        "1 validation error detected: Value '{value}' at '{field}' failed to satisfy constraint: \
         {constraint}"
    )
}

fn too_long(value: &str, field: &str, max: usize) -> Option<String> {
    let chars = value.chars().count();
    if chars == 0 {
        Some(constraint(value, field, "Member must have length greater than or equal to 1"))
    } else if chars > max {
        Some(constraint(
            value,
            field,
            &format!("Member must have length less than or equal to {max}"),
        ))
    } else {
        None
    }
}

/// `[\.\-_A-Za-z0-9]+`, the pattern of rule names and target ids.
fn is_name(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

/// `(arn:aws[\w-]*:events:[a-z]+-[a-z]+-[\w-]+:[0-9]{12}:event-bus\/)?[/\.\-_A-Za-z0-9]+`.
fn is_bus(s: &str) -> bool {
    let name_ok = |name: &str| {
        !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '-' | '_'))
    };
    let word = |s: &str| s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    let Some(rest) = s.strip_prefix("arn:aws") else {
        return name_ok(s);
    };
    let parts: Vec<&str> = rest.splitn(5, ':').collect();
    let [partition, "events", region, account, resource] = parts[..] else {
        return name_ok(s);
    };
    let region_ok = {
        let mut pieces = region.splitn(3, '-');
        let lower = |s: Option<&str>| {
            s.is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase()))
        };
        lower(pieces.next())
            && lower(pieces.next())
            && pieces.next().is_some_and(|s| !s.is_empty() && word(s))
    };
    let arn_ok = word(partition)
        && region_ok
        && account.len() == 12
        && account.bytes().all(|b| b.is_ascii_digit())
        && resource.strip_prefix("event-bus/").is_some_and(name_ok);
    arn_ok || name_ok(s)
}

impl Rule {
    /// Checks the rule as PutRule, then PutTargets, would: the first
    /// problem, with AWS's message where AWS has one.
    ///
    /// ```
    /// use evpat_rule::{Rule, schedule::Service};
    ///
    /// let mut rule = Rule::named("nightly");
    /// rule.schedule_expression = Some("cron(0 2 * * ? *)".into());
    /// rule.event_bus_name = Some("orders".into());
    /// assert_eq!(
    ///     rule.validate().unwrap_err().to_string(),
    ///     "ScheduleExpression is supported only on the default event bus."
    /// );
    /// ```
    ///
    /// # Errors
    ///
    /// The first constraint the rule breaks, with the JSON path of the
    /// field in PutRule-shaped JSON.
    pub fn validate(&self) -> Result<(), RuleError> {
        validate_name(&self.name).map_err(|error| RuleError::new("$.Name", error.to_string()))?;
        if let Some(description) = &self.description
            && description.chars().count() > MAX_DESCRIPTION
        {
            return Err(RuleError::new(
                "$.Description",
                constraint(
                    description,
                    "description",
                    "Member must have length less than or equal to 512",
                ),
            ));
        }
        if let Some(bus) = &self.event_bus_name {
            if let Some(message) = too_long(bus, "eventBusName", MAX_BUS) {
                return Err(RuleError::new("$.EventBusName", message));
            }
            if !is_bus(bus) {
                return Err(RuleError::new(
                    "$.EventBusName",
                    constraint(
                        bus,
                        "eventBusName",
                        "Member must satisfy regular expression pattern: \
                         (arn:aws[\\w-]*:events:[a-z]+-[a-z]+-[\\w-]+:[0-9]{12}:event-bus\\/)?[/\\.\\-_A-Za-z0-9]+",
                    ),
                ));
            }
        }
        if self.event_pattern.is_none() && self.schedule_expression.is_none() {
            return Err(RuleError::new(
                "$",
                "Parameter(s) EventPattern or ScheduleExpression must be specified.",
            )
            .with_hint("add an \"EventPattern\" or a \"ScheduleExpression\""));
        }
        if let Some(expr) = &self.schedule_expression {
            if let Some(message) = too_long(expr, "scheduleExpression", MAX_SCHEDULE) {
                return Err(RuleError::new("$.ScheduleExpression", message));
            }
            let parsed = if self.schedule_expression_timezone.is_some() {
                Schedule::parse(expr, Service::Scheduler)
            } else {
                // at() is Scheduler's; such a rule exports to the Scheduler
                // formats only.
                Schedule::parse(expr, Service::Rule)
                    .or_else(|error| Schedule::parse(expr, Service::Scheduler).map_err(|_| error))
            };
            if let Err(error) = parsed {
                return Err(RuleError::new("$.ScheduleExpression", error.to_string())
                    .with_hint(error.reason()));
            }
            if !self.on_default_bus() {
                return Err(RuleError::new(
                    "$.ScheduleExpression",
                    "ScheduleExpression is supported only on the default event bus.",
                )
                .with_hint("remove EventBusName, or set it to \"default\""));
            }
        }
        if let Some(zone) = &self.schedule_expression_timezone
            && zone.parse::<chrono_tz::Tz>().is_err()
        {
            return Err(RuleError::new(
                "$.ScheduleExpressionTimezone",
                format!("ScheduleExpressionTimezone {zone} is not an IANA time zone"),
            )
            .with_hint("use a name such as Europe/Paris or America/New_York"));
        }
        if let Some(role) = &self.role_arn
            && let Some(message) = too_long(role, "roleArn", MAX_ARN)
        {
            return Err(RuleError::new("$.RoleArn", message));
        }
        self.validate_targets()
    }

    fn validate_targets(&self) -> Result<(), RuleError> {
        if self.targets.len() > MAX_TARGETS {
            return Err(RuleError::new(
                format!("$.Targets[{MAX_TARGETS}]"),
                "The requested resource exceeds the maximum number allowed.",
            )
            .with_hint(format!(
                "a rule can have at most {MAX_TARGETS} targets; this one has {}",
                self.targets.len()
            )));
        }
        for (i, target) in self.targets.iter().enumerate() {
            let path = format!("$.Targets[{i}]");
            let field = |name: &str| format!("targets.{}.member.{name}", i + 1);
            if let Some(message) = too_long(&target.id, &field("id"), 64) {
                return Err(RuleError::new(format!("{path}.Id"), message));
            }
            if !is_name(&target.id) {
                return Err(RuleError::new(
                    format!("{path}.Id"),
                    constraint(
                        &target.id,
                        &field("id"),
                        "Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+",
                    ),
                ));
            }
            if self.targets[..i].iter().any(|earlier| earlier.id == target.id) {
                return Err(RuleError::new(
                    format!("{path}.Id"),
                    format!("The rule has two targets with Id {}", target.id),
                )
                .with_hint("give each target its own Id"));
            }
            if let Some(message) = too_long(&target.arn, &field("arn"), MAX_ARN) {
                return Err(RuleError::new(format!("{path}.Arn"), message));
            }
            if let Some(role) = &target.role_arn
                && let Some(message) = too_long(role, &field("roleArn"), MAX_ARN)
            {
                return Err(RuleError::new(format!("{path}.RoleArn"), message));
            }
            match &target.input {
                None => {}
                Some(TargetInput::Input(input)) => {
                    if let Some(message) = too_long(input, &field("input"), MAX_INPUT) {
                        return Err(RuleError::new(format!("{path}.Input"), message));
                    }
                    if let Err(error) = evpat::json::read(input, 128) {
                        return Err(RuleError::new(
                            format!("{path}.Input"),
                            format!(
                                "Input for target {} is not valid JSON: {}",
                                target.id, error.message
                            ),
                        )
                        .with_hint(
                            "Input is JSON text, such as {\"action\": \"stop\"} or \"a string\"",
                        ));
                    }
                }
                Some(TargetInput::InputPath(input_path)) => {
                    if let Some(message) = too_long(input_path, &field("inputPath"), MAX_INPUT_PATH)
                    {
                        return Err(RuleError::new(format!("{path}.InputPath"), message));
                    }
                }
                Some(TargetInput::InputTransformer(t)) => {
                    transformer::validate(t, &target.id).map_err(|error| {
                        RuleError::new(format!("{path}.InputTransformer"), error.to_string())
                    })?;
                }
            }
            if let Some(retry) = &target.retry_policy {
                let range = |value: Option<u32>, key: &str, name: &str, min: u32, max: u32| {
                    let value = value?;
                    let bound = if value < min {
                        format!("Member must have value greater than or equal to {min}")
                    } else if value > max {
                        format!("Member must have value less than or equal to {max}")
                    } else {
                        return None;
                    };
                    Some(RuleError::new(
                        format!("{path}.RetryPolicy.{key}"),
                        constraint(
                            &value.to_string(),
                            &field(&format!("retryPolicy.{name}")),
                            &bound,
                        ),
                    ))
                };
                if let Some(error) = range(
                    retry.maximum_retry_attempts,
                    "MaximumRetryAttempts",
                    "maximumRetryAttempts",
                    0,
                    185,
                ) {
                    return Err(error);
                }
                if let Some(error) = range(
                    retry.maximum_event_age_in_seconds,
                    "MaximumEventAgeInSeconds",
                    "maximumEventAgeInSeconds",
                    60,
                    86_400,
                ) {
                    return Err(error);
                }
            }
            if let Some(dlq) = &target.dead_letter_config
                && let Some(message) = too_long(&dlq.arn, &field("deadLetterConfig.arn"), MAX_ARN)
            {
                return Err(RuleError::new(format!("{path}.DeadLetterConfig.Arn"), message));
            }
        }
        Ok(())
    }
}
