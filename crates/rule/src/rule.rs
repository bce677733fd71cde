//! The rule model: what `PutRule` and `PutTargets` take, in one value.
//!
//! A [`Rule`] is read from PutRule-shaped JSON (with an optional `Targets`
//! array as PutTargets takes it) by [`Rule::from_json`], built by the
//! importers, or made from a bare pattern with [`Rule::with_pattern`]. It
//! is checked with [`Rule::validate`], by PutRule's and PutTargets'
//! constraints and with AWS's messages, and written out by the exporters.
//!
//! One extension: `ScheduleExpressionTimezone`, which belongs to
//! EventBridge Scheduler's `CreateSchedule`, not to PutRule. A rule with a
//! time zone or an `at()` schedule can only be exported to the Scheduler
//! formats.

pub(crate) mod read;
mod validate;

use evpat::Pattern;

pub use read::RuleError;

use crate::schedule::{Schedule, Service};
use crate::transformer::InputTransformer;

/// Whether a rule delivers events to its targets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RuleState {
    /// `ENABLED`: the rule delivers matching events.
    #[default]
    Enabled,
    /// `DISABLED`: the rule exists but delivers nothing.
    Disabled,
    /// `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`: enabled, and also
    /// receives read-only CloudTrail management events (Get, List,
    /// Describe), which `ENABLED` rules do not see.
    EnabledWithAllCloudtrailManagementEvents,
}

impl RuleState {
    /// Every state, in the order AWS lists them.
    pub const ALL: [RuleState; 3] = [
        RuleState::Disabled,
        RuleState::Enabled,
        RuleState::EnabledWithAllCloudtrailManagementEvents,
    ];

    /// The API's name: `ENABLED`, `DISABLED` or
    /// `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleState::Enabled => "ENABLED",
            RuleState::Disabled => "DISABLED",
            RuleState::EnabledWithAllCloudtrailManagementEvents => {
                "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"
            }
        }
    }

    /// The state named `name` by the API.
    pub fn from_name(name: &str) -> Option<RuleState> {
        RuleState::ALL.into_iter().find(|state| state.as_str() == name)
    }

    /// Whether the rule delivers events.
    pub fn is_enabled(self) -> bool {
        self != RuleState::Disabled
    }
}

/// An EventBridge rule and its targets.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    /// `Name`: 1 to 64 letters, digits, `.`, `-` or `_`.
    pub name: String,
    /// `Description`, at most 512 characters.
    pub description: Option<String>,
    /// `EventBusName`: a name or an ARN. `None` is the default bus.
    pub event_bus_name: Option<String>,
    /// `State`.
    pub state: RuleState,
    /// `EventPattern`, validated.
    pub event_pattern: Option<Pattern>,
    /// `ScheduleExpression`: `rate()`, `cron()`, or Scheduler's `at()`.
    pub schedule_expression: Option<String>,
    /// `ScheduleExpressionTimezone`: an IANA zone, for EventBridge Scheduler
    /// only. Not a PutRule field.
    pub schedule_expression_timezone: Option<String>,
    /// `RoleArn`: the role EventBridge assumes to deliver to targets.
    pub role_arn: Option<String>,
    /// `Targets`, as PutTargets takes them.
    pub targets: Vec<Target>,
}

/// Where a rule sends what it matches.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    /// `Id`: 1 to 64 letters, digits, `.`, `-` or `_`, unique in the rule.
    pub id: String,
    /// `Arn` of the Lambda function, queue, topic, bus, ….
    pub arn: String,
    /// `RoleArn`, for targets that need one.
    pub role_arn: Option<String>,
    /// What the target receives instead of the whole event, if anything.
    pub input: Option<TargetInput>,
    /// `RetryPolicy`.
    pub retry_policy: Option<RetryPolicy>,
    /// `DeadLetterConfig`.
    pub dead_letter_config: Option<DeadLetterConfig>,
}

/// A target's input: at most one of the three kinds, as PutTargets demands.
#[derive(Clone, Debug, PartialEq)]
pub enum TargetInput {
    /// `Input`: constant JSON text, sent instead of the event.
    Input(String),
    /// `InputPath`: the part of the event to send, such as `$.detail`.
    InputPath(String),
    /// `InputTransformer`: a template filled from the event.
    InputTransformer(InputTransformer),
}

/// `RetryPolicy`: how long and how often EventBridge retries a failed
/// delivery.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RetryPolicy {
    /// `MaximumRetryAttempts`, 0 to 185.
    pub maximum_retry_attempts: Option<u32>,
    /// `MaximumEventAgeInSeconds`, 60 to 86400.
    pub maximum_event_age_in_seconds: Option<u32>,
}

/// `DeadLetterConfig`: the SQS queue that receives events EventBridge
/// could not deliver.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeadLetterConfig {
    /// `Arn` of the queue.
    pub arn: String,
}

impl Target {
    /// A target with its id and ARN and nothing else, as the importers
    /// start one.
    pub(crate) fn new(id: impl Into<String>, arn: impl Into<String>) -> Target {
        Target {
            id: id.into(),
            arn: arn.into(),
            role_arn: None,
            input: None,
            retry_policy: None,
            dead_letter_config: None,
        }
    }
}

impl Rule {
    /// An enabled rule on the default bus, named `name`, with `pattern` and
    /// no targets.
    pub fn with_pattern(name: &str, pattern: Pattern) -> Rule {
        Rule { event_pattern: Some(pattern), ..Rule::named(name) }
    }

    /// An enabled rule on the default bus with neither pattern nor schedule
    /// yet.
    pub fn named(name: &str) -> Rule {
        Rule {
            name: name.to_owned(),
            description: None,
            event_bus_name: None,
            state: RuleState::Enabled,
            event_pattern: None,
            schedule_expression: None,
            schedule_expression_timezone: None,
            role_arn: None,
            targets: Vec::new(),
        }
    }

    /// Whether the rule is on the default bus: no bus, `default`, or the
    /// ARN of a bus named `default`.
    pub fn on_default_bus(&self) -> bool {
        self.event_bus_name
            .as_deref()
            .is_none_or(|bus| bus == "default" || bus.ends_with(":event-bus/default"))
    }

    /// Which service can run this rule's schedule: [`Service::Scheduler`]
    /// when it has a time zone or a schedule only Scheduler accepts
    /// (`at()`), [`Service::Rule`] otherwise.
    pub fn schedule_service(&self) -> Service {
        let rule_syntax = self
            .schedule_expression
            .as_deref()
            .is_none_or(|expr| Schedule::parse(expr, Service::Rule).is_ok());
        if self.schedule_expression_timezone.is_some() || !rule_syntax {
            Service::Scheduler
        } else {
            Service::Rule
        }
    }

    /// The rule as PutRule-shaped JSON: PutRule's fields, with
    /// `EventPattern` as a JSON string, then `Targets` as PutTargets takes
    /// them. [`Rule::from_json`] reads it back to an equal rule.
    pub fn to_json(&self) -> String {
        read::to_json(self)
    }
}

#[cfg(test)]
mod tests;
