//! The package's functions in plain Rust: text in, serializable values or
//! an [`ErrorObject`] out. `bindings` only converts at the boundary, so
//! every decision here is tested natively.

use evpat::{Event, Limits, Pattern, RuleSet, RuleSetBuilder};
use evpat_rule::export::{Format, export};
use evpat_rule::schedule::chrono::{DateTime, Utc};
use evpat_rule::schedule::chrono_tz::{self, Tz};
use evpat_rule::transformer::{self, InputTransformer, ReservedValues};
use evpat_rule::{Delivery, Rule, Schedule, Service, put_events};

use crate::error::{ErrorObject, ErrorSubject};
use crate::objects::{
    CheckReport, ExplanationObject, ExportObject, LintObject, TransformObject,
    TransformerLintObject,
};

/// The most fire times `next_runs` lists: each is a few bytes, but a count
/// taken from a typo (`1e9`) would exhaust the instance's memory, and an
/// allocation failure in WebAssembly cannot be caught.
pub const MAX_RUNS: u32 = 10_000;

/// Whether `event` (any JSON object) matches `pattern`, as
/// `Pattern::matches`, within the library's default limits.
///
/// # Errors
///
/// The pattern's error, else the event's.
pub fn matches(pattern: &str, event: &str) -> Result<bool, Box<ErrorObject>> {
    let pattern = Pattern::parse(pattern)?;
    Ok(pattern.try_matches(&Event::parse(event)?)?)
}

/// AWS's TestEventPattern: the event's envelope is checked too, within
/// AWS's limits.
///
/// # Errors
///
/// `Parameter Event is not valid.` for an event without the envelope's
/// fields; otherwise the pattern's error, then the event's.
pub fn test_event_pattern(pattern: &str, event: &str) -> Result<bool, Box<ErrorObject>> {
    Ok(evpat::test_event_pattern(pattern, event)?)
}

/// Whether AWS would accept `pattern` (within AWS's limits, as PutRule
/// applies them), and the lints on it when it would.
pub fn check(pattern: &str) -> CheckReport {
    match Pattern::parse_with_limits(pattern, &Limits::AWS) {
        Ok(parsed) => CheckReport {
            valid: true,
            error: None,
            lints: evpat::lint(&parsed)
                .into_iter()
                .map(|lint| LintObject::new(lint, pattern))
                .collect(),
        },
        Err(error) => {
            CheckReport { valid: false, error: Some(ErrorObject::from(error)), lints: Vec::new() }
        }
    }
}

/// Why `event` does or does not match `pattern`.
///
/// # Errors
///
/// As [`matches`].
pub fn explain(pattern: &str, event: &str) -> Result<ExplanationObject, Box<ErrorObject>> {
    let pattern = Pattern::parse(pattern)?;
    let event = Event::parse(event)?;
    Ok(ExplanationObject::from(evpat::explain(&pattern, &event)))
}

/// `rule` (PutRule-shaped JSON, with optional `Targets`) in the format
/// named `format`, such as `cloudformation-yaml`.
///
/// # Errors
///
/// An unknown format, or the rule's error: unreadable, invalid as PutRule
/// or PutTargets would find it, or not expressible in the format.
pub fn export_rule(rule: &str, format: &str) -> Result<ExportObject, Box<ErrorObject>> {
    let Some(format) = Format::from_name(format) else {
        let names: Vec<&str> = Format::ALL.iter().map(|format| format.name()).collect();
        return Err(ErrorObject::argument(format!(
            "unknown export format {format:?}: use one of {}",
            names.join(", ")
        )));
    };
    let rule = Rule::from_json(rule)?;
    let out = export(&rule, format)?;
    Ok(ExportObject { text: out.text, warnings: out.warnings })
}

/// A count of runs given as a JavaScript number.
///
/// # Errors
///
/// A count that is not a whole number from 0 to [`MAX_RUNS`].
pub fn run_count(count: f64) -> Result<u32, Box<ErrorObject>> {
    if count.fract() == 0.0 && (0.0..=f64::from(MAX_RUNS)).contains(&count) {
        // A whole number within u32's range: the cast is exact.
        Ok(count as u32)
    } else {
        Err(ErrorObject::argument(format!(
            "count must be a whole number from 0 to {MAX_RUNS}, not {count}"
        )))
    }
}

/// Where a schedule runs: a rule's `ScheduleExpression` or an EventBridge
/// Scheduler schedule.
///
/// # Errors
///
/// A name other than `rule` and `scheduler`.
pub fn service(name: &str) -> Result<Service, Box<ErrorObject>> {
    match name {
        "rule" => Ok(Service::Rule),
        "scheduler" => Ok(Service::Scheduler),
        _ => Err(ErrorObject::argument(format!(
            "unknown service {name:?}: use \"rule\" (PutRule's ScheduleExpression) or \
             \"scheduler\" (EventBridge Scheduler)"
        ))),
    }
}

/// The next `count` fire times of `expression` strictly after `from` (RFC
/// 3339), in epoch milliseconds. A time zone (an IANA name) needs
/// EventBridge Scheduler, and `service` defaults to it when one is given;
/// rules always run in UTC.
///
/// # Errors
///
/// An invalid expression, an unknown zone, a zone for a rule, an instant
/// that is not RFC 3339, or more than [`MAX_RUNS`] runs.
pub fn next_runs(
    expression: &str,
    from: &str,
    count: u32,
    tz: Option<&str>,
    service: Option<Service>,
) -> Result<Vec<f64>, Box<ErrorObject>> {
    // The cap holds for Rust callers too, not only for JavaScript numbers.
    let count = run_count(f64::from(count))?;
    let zone: Tz = match tz {
        None => chrono_tz::UTC,
        Some(name) => name.parse().map_err(|_| {
            ErrorObject::argument(format!(
                "unknown time zone {name:?}: use an IANA name such as Europe/Paris"
            ))
        })?,
    };
    let service = match (service, tz) {
        (Some(Service::Rule), Some(_)) => {
            return Err(ErrorObject::argument(
                "rules always run in UTC: a time zone needs EventBridge Scheduler \
                 (service: \"scheduler\")",
            ));
        }
        (Some(service), _) => service,
        (None, Some(_)) => Service::Scheduler,
        (None, None) => Service::Rule,
    };
    let from = DateTime::parse_from_rfc3339(from)
        .map_err(|error| {
            ErrorObject::argument(format!("from {from:?} is not an RFC 3339 time: {error}"))
        })?
        .with_timezone(&Utc);
    let schedule = Schedule::parse(expression, service)?;
    // Milliseconds since the epoch are what `new Date(ms)` takes; every
    // instant chrono represents has fewer than 2^53 of them.
    Ok(schedule
        .next_runs(from, zone, count as usize)
        .iter()
        .map(|run| run.timestamp_millis() as f64)
        .collect())
}

/// What EventBridge adds to a PutEvents entry it accepts.
pub struct EnvelopeOptions<'a> {
    /// The event's `id`.
    pub id: &'a str,
    /// The event's `time` when the entry has no `Time`, RFC 3339.
    pub time: &'a str,
    /// The bus owner's account id.
    pub account: &'a str,
    /// The region.
    pub region: &'a str,
}

/// The event rules see for one PutEvents entry, as JSON text: `Detail`
/// parsed, the envelope added.
///
/// # Errors
///
/// The error PutEvents gives the entry, or the request (`{"Entries": […]}`
/// or an array) holding it; a request with more than one entry.
pub fn envelope(entry: &str, options: &EnvelopeOptions) -> Result<String, Box<ErrorObject>> {
    let delivery = |_| Delivery {
        id: options.id.to_owned(),
        time: options.time.to_owned(),
        account: options.account.to_owned(),
        region: options.region.to_owned(),
    };
    let mut results = put_events(entry, delivery)?;
    if results.len() != 1 {
        return Err(ErrorObject::argument(format!(
            "envelope takes one entry, and the request holds {}: call it once per entry",
            results.len()
        )));
    }
    let event = results.remove(0)?;
    // Serializing a `serde_json::Value` to a string cannot fail.
    serde_json::to_string(&event)
        .map_err(|error| Box::new(ErrorObject::new(ErrorSubject::Internal, error.to_string())))
}

/// Where the reserved variables of a transformer come from.
pub struct TransformOptions<'a> {
    /// The rule's name, for `<aws.events.rule-name>` and the rule ARN.
    pub rule_name: &'a str,
    /// The account, for the rule ARN.
    pub account: &'a str,
    /// The region, for the rule ARN.
    pub region: &'a str,
    /// `<aws.events.event.ingestion-time>`.
    pub ingestion_time: &'a str,
}

/// What a target receives from `transformer` (an `InputTransformer`, or a
/// target holding one) for `event`, and the lints on the transformer.
///
/// # Errors
///
/// A transformer that cannot be read, or that PutTargets refuses; an event
/// that is not a JSON object.
pub fn transform(
    transformer: &str,
    event: &str,
    options: &TransformOptions,
) -> Result<TransformObject, Box<ErrorObject>> {
    let transformer = read_transformer(transformer)?;
    let reserved = ReservedValues {
        rule_arn: format!(
            "arn:aws:events:{}:{}:rule/{}",
            options.region, options.account, options.rule_name
        ),
        rule_name: options.rule_name.to_owned(),
        ingestion_time: options.ingestion_time.to_owned(),
    };
    let rendered = transformer::render(&transformer, event, &reserved)?;
    Ok(TransformObject {
        output: rendered.output,
        delivered: rendered.delivered,
        reason: rendered.reason,
        lints: transformer::lint_with_event(&transformer, event)
            .into_iter()
            .map(TransformerLintObject::from)
            .collect(),
    })
}

/// A transformer, or a target that holds one under `InputTransformer`, as
/// `evpat transform` reads it.
fn read_transformer(text: &str) -> Result<InputTransformer, Box<ErrorObject>> {
    let error = |message: String| Box::new(ErrorObject::new(ErrorSubject::Transformer, message));
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| error(format!("not valid JSON: {e}")))?;
    let value = match value.get("InputTransformer") {
        Some(inner) => inner.clone(),
        None => value,
    };
    serde_json::from_value(value).map_err(|e| error(format!("not an InputTransformer: {e}")))
}

/// Rules with ids, matched together by an [`evpat::RuleSet`], which is
/// compiled again on the first match after a change.
#[derive(Default)]
pub struct Rules {
    builder: RuleSetBuilder<String>,
    compiled: Option<RuleSet<String>>,
}

impl Rules {
    /// Adds a rule, or replaces the pattern of the rule with this id (it
    /// keeps its place in the order).
    ///
    /// # Errors
    ///
    /// The pattern's error, or the set being full (`Limits::max_rules`);
    /// the rules are then unchanged.
    pub fn add(&mut self, id: String, pattern: &str) -> Result<(), Box<ErrorObject>> {
        let pattern = Pattern::parse(pattern)?;
        self.builder.try_add(id, &pattern).map_err(|full| Box::new(ErrorObject::from(full)))?;
        self.compiled = None;
        Ok(())
    }

    /// Removes the rule with this id; whether there was one.
    pub fn remove(&mut self, id: &str) -> bool {
        let removed = self.builder.remove(&id.to_owned());
        if removed {
            self.compiled = None;
        }
        removed
    }

    /// How many rules there are.
    pub fn len(&self) -> usize {
        self.builder.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.builder.is_empty()
    }

    /// The ids, in the order the rules were added.
    pub fn ids(&mut self) -> Vec<String> {
        self.compiled().ids().to_vec()
    }

    /// The ids of the rules whose pattern matches `event` (any JSON
    /// object), in the order the rules were added.
    ///
    /// # Errors
    ///
    /// The event's error.
    pub fn matches(&mut self, event: &str) -> Result<Vec<String>, Box<ErrorObject>> {
        Ok(self.compiled().matches(event)?.into_iter().cloned().collect())
    }

    fn compiled(&mut self) -> &RuleSet<String> {
        self.compiled.get_or_insert_with(|| self.builder.build())
    }
}
