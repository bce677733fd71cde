//! Schedule expressions: `rate()`, `cron()` and `at()`, as EventBridge rules and EventBridge
//! Scheduler accept them.
//!
//! [`Schedule::parse`] checks an expression as strictly as AWS does. AWS answers every mistake
//! with the same message, `Parameter ScheduleExpression is not valid.`, which is what a
//! [`ScheduleError`] displays; [`ScheduleError::reason`] says what exactly is wrong.
//! [`Schedule::next_runs`] lists the next fire times and [`Schedule::describe`] says in English
//! when the schedule fires.
//!
//! This module is pure: the current time and the time zone are parameters.
//!
//! ```
//! use evpat_rule::schedule::chrono::{DateTime, Utc};
//! use evpat_rule::schedule::chrono_tz::UTC;
//! use evpat_rule::schedule::{Schedule, Service};
//!
//! let schedule = Schedule::parse("cron(15 10 ? * 6L 2019-2022)", Service::Rule)?;
//! assert_eq!(
//!     schedule.describe(UTC),
//!     "at 10:15 UTC on the last Friday of each month, 2019–2022"
//! );
//! let from: DateTime<Utc> = "2022-11-01T00:00:00Z".parse()?;
//! let runs: Vec<String> =
//!     schedule.next_runs(from, UTC, 3).iter().map(|t| t.to_rfc3339()).collect();
//! assert_eq!(runs, ["2022-11-25T10:15:00+00:00", "2022-12-30T10:15:00+00:00"]);
//!
//! let error = Schedule::parse("rate(1 minutes)", Service::Rule).unwrap_err();
//! assert_eq!(error.to_string(), "Parameter ScheduleExpression is not valid.");
//! assert_eq!(error.reason(), "rate(1 …) takes the singular unit: `minute`, not `minutes`");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Decisions where AWS documents nothing
//!
//! - Keywords (`rate`, `cron`, `at`) and rate units are case-sensitive, as AWS verified for
//!   units. Month and weekday names, `L` and `W` are case-insensitive in cron (`jan`, `Mon`),
//!   as in Quartz, which upper-cases the whole expression.
//! - No whitespace before, after or inside the parentheses, and exactly one space between rate's
//!   value and unit and between cron's fields.
//! - Day-of-week takes no `/`, as AWS's table has it. `L` and `#` in Day-of-week, and `?`, `L`
//!   and `W` in Day-of-month, must be the whole field. Quartz's `LW` and `L-3` are refused.
//!   `L` alone in Day-of-week is Saturday. A range that runs backwards (`22-2`) is refused.
//! - `nW` is the weekday nearest day `n` without leaving the month; a month with no day `n`
//!   has no `nW`.
//! - An `at()` time that a spring-forward skips never fires; an ambiguous one fires at its
//!   first occurrence, like cron times.

mod cron;
mod describe;
#[cfg(test)]
mod tests;

use std::fmt;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Timelike, Utc};
use chrono_tz::Tz;

/// The `chrono` this API speaks, re-exported so callers use the same version.
pub use chrono;
/// The `chrono-tz` this API speaks (time zones such as `chrono_tz::UTC` or
/// `"Europe/Paris".parse::<chrono_tz::Tz>()`), re-exported so callers use the same version.
pub use chrono_tz;

use self::cron::Cron;

/// The AWS service that will run the schedule. They take the same `rate()` and `cron()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Service {
    /// An EventBridge rule (`PutRule`'s `ScheduleExpression`): `rate()` and `cron()`, always in
    /// UTC.
    Rule,
    /// EventBridge Scheduler (`CreateSchedule`): `rate()`, `cron()` and the one-time `at()`, in
    /// the schedule's `ScheduleExpressionTimezone`.
    Scheduler,
}

/// A schedule expression that AWS would refuse.
///
/// It displays as AWS's message, `Parameter ScheduleExpression is not valid.`;
/// [`reason`](ScheduleError::reason) says which part is wrong and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScheduleError {
    reason: String,
}

impl ScheduleError {
    fn new(reason: impl Into<String>) -> ScheduleError {
        ScheduleError { reason: reason.into() }
    }

    /// What exactly is wrong, for people: the field and the token, and what would be right.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for ScheduleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Parameter ScheduleExpression is not valid.")
    }
}

impl std::error::Error for ScheduleError {}

/// A valid schedule expression: `rate(value unit)`, `cron(six fields)` or
/// `at(yyyy-mm-ddThh:mm:ss)`.
///
/// It displays as the expression it was parsed from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Schedule {
    expression: String,
    kind: Kind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Kind {
    Rate { value: u32, unit: RateUnit },
    Cron(Box<Cron>),
    At(NaiveDateTime),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RateUnit {
    Minute,
    Hour,
    Day,
}

impl RateUnit {
    const ALL: [RateUnit; 3] = [RateUnit::Minute, RateUnit::Hour, RateUnit::Day];

    fn singular(self) -> &'static str {
        match self {
            RateUnit::Minute => "minute",
            RateUnit::Hour => "hour",
            RateUnit::Day => "day",
        }
    }

    fn plural(self) -> &'static str {
        match self {
            RateUnit::Minute => "minutes",
            RateUnit::Hour => "hours",
            RateUnit::Day => "days",
        }
    }

    fn seconds(self) -> i64 {
        match self {
            RateUnit::Minute => 60,
            RateUnit::Hour => 3_600,
            RateUnit::Day => 86_400,
        }
    }
}

impl Schedule {
    /// Parses a schedule expression as `service` would accept it.
    ///
    /// # Errors
    ///
    /// When AWS would refuse the expression. Rules refuse `at()`.
    pub fn parse(expr: &str, service: Service) -> Result<Schedule, ScheduleError> {
        let kinds = match service {
            Service::Rule => "rate(value unit) or cron(fields)",
            Service::Scheduler => "rate(value unit), cron(fields) or at(yyyy-mm-ddThh:mm:ss)",
        };
        if expr.trim().is_empty() {
            return Err(ScheduleError::new(format!("the expression is empty; expected {kinds}")));
        }
        if expr.trim() != expr {
            return Err(ScheduleError::new(
                "the expression has whitespace before or after it; remove it",
            ));
        }
        let Some((keyword, rest)) = expr.split_once('(') else {
            return Err(ScheduleError::new(format!(
                "`{expr}` is not a schedule; expected {kinds}"
            )));
        };
        let known = ["rate", "cron", "at"];
        if keyword != keyword.trim_end() && known.contains(&keyword.trim_end()) {
            return Err(ScheduleError::new(format!(
                "no space is allowed between `{}` and `(`",
                keyword.trim_end()
            )));
        }
        if !known.contains(&keyword) {
            if let Some(k) = known.iter().find(|k| k.eq_ignore_ascii_case(keyword)) {
                return Err(ScheduleError::new(format!(
                    "`{keyword}(` must be lower case: write `{k}(`"
                )));
            }
            return Err(ScheduleError::new(format!(
                "`{keyword}(` is not a schedule; expected {kinds}"
            )));
        }
        let Some(body) = rest.strip_suffix(')') else {
            return Err(ScheduleError::new(format!(
                "`{keyword}(` is not closed: the expression must end with `)`"
            )));
        };
        let kind = match keyword {
            "rate" => parse_rate(body)?,
            "cron" => Kind::Cron(Box::new(Cron::parse(body).map_err(ScheduleError::new)?)),
            _ if service == Service::Rule => {
                return Err(ScheduleError::new(
                    "at() is only for EventBridge Scheduler; a rule takes rate() or cron()",
                ));
            }
            _ => Kind::At(parse_at(body)?),
        };
        Ok(Schedule { expression: expr.to_owned(), kind })
    }

    /// The expression this schedule was parsed from.
    pub fn as_str(&self) -> &str {
        &self.expression
    }

    /// The next `count` fire times strictly after `after`, in UTC. `tz` applies to cron and at
    /// (Scheduler's `ScheduleExpressionTimezone`; rules always use UTC — pass
    /// [`chrono_tz::UTC`]); rate counts from `after`, which stands for the rule's creation:
    /// `after + k·interval`, k ≥ 1. Fewer than `count` when the schedule ends (a year range, or
    /// at()).
    ///
    /// In a time zone with daylight saving time, a cron or at time that the clocks skip in
    /// spring does not fire that day, and one that they show twice in autumn fires once, at its
    /// first occurrence. Cron searches stop at the end of 2199, the last year cron can name, so
    /// a schedule that never fires (`cron(0 0 30 FEB ? *)`) returns quickly with no times.
    pub fn next_runs(&self, after: DateTime<Utc>, tz: Tz, count: usize) -> Vec<DateTime<Utc>> {
        match &self.kind {
            Kind::Rate { value, unit } => {
                let interval = i64::from(*value) * unit.seconds();
                (1..=count as i64)
                    .map_while(|k| {
                        let delta = TimeDelta::try_seconds(interval.checked_mul(k)?)?;
                        after.checked_add_signed(delta)
                    })
                    .collect()
            }
            Kind::Cron(cron) => cron.next_runs(after, tz, count),
            Kind::At(local) => cron::first_instant(tz, *local)
                .filter(|&at| at > after && count > 0)
                .into_iter()
                .collect(),
        }
    }

    /// Says in English when the schedule fires: "every 5 minutes",
    /// "at 10:15 UTC on the last Friday of each month, 2019–2022",
    /// "at 18:00 UTC, Monday through Friday", "once, at 2025-01-01 10:00 (Europe/Paris)".
    /// Cron and at descriptions name the zone `tz` (UTC for rules); rate's do not, since a
    /// rate does not depend on the zone.
    pub fn describe(&self, tz: Tz) -> String {
        match &self.kind {
            Kind::Rate { value: 1, unit } => format!("every {}", unit.singular()),
            Kind::Rate { value, unit } => format!("every {value} {}", unit.plural()),
            Kind::Cron(cron) => describe::describe(cron, tz.name()),
            Kind::At(local) => format!("once, at {} ({})", minute_text(local), tz.name()),
        }
    }
}

/// `2025-01-01 10:00`, with `:SS` only when the seconds are not zero: how
/// descriptions and the playground's list of runs write a time. Written by
/// hand rather than with chrono's `format`, whose strftime interpreter
/// costs the web bundle several kilobytes for these two shapes.
pub fn minute_text(time: &NaiveDateTime) -> String {
    let (date, second) = (time.date(), time.second());
    let mut text = format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        date.year(),
        date.month(),
        date.day(),
        time.hour(),
        time.minute()
    );
    if second != 0 {
        text.push_str(&format!(":{second:02}"));
    }
    text
}

impl fmt::Display for Schedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.expression)
    }
}

/// Parses what is between `rate(` and `)`: exactly `value unit`.
fn parse_rate(body: &str) -> Result<Kind, ScheduleError> {
    const UNITS: &str = "minute, minutes, hour, hours, day or days";
    if body.trim().is_empty() {
        return Err(ScheduleError::new("rate() needs a value and a unit, as in rate(5 minutes)"));
    }
    if body.trim() != body
        || body.contains("  ")
        || body.chars().any(|c| c.is_whitespace() && c != ' ')
    {
        return Err(ScheduleError::new(format!(
            "rate() takes exactly one space between value and unit and no other whitespace: \
             write rate({})",
            body.split_whitespace().collect::<Vec<_>>().join(" ")
        )));
    }
    let parts: Vec<&str> = body.split(' ').collect();
    let (value, unit) = match parts.as_slice() {
        [value, unit] => (*value, *unit),
        [value] if value.bytes().all(|b| b.is_ascii_digit()) => {
            return Err(ScheduleError::new(format!(
                "rate({value}) has no unit; add one of {UNITS}"
            )));
        }
        [_] => {
            return Err(ScheduleError::new(
                "rate() needs a value and a unit, as in rate(5 minutes)",
            ));
        }
        _ => {
            return Err(ScheduleError::new(format!(
                "rate() takes a value and a unit only, not `{body}`"
            )));
        }
    };
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ScheduleError::new(format!(
            "rate() value `{value}` is not a positive whole number"
        )));
    }
    let value: u32 = value
        .parse()
        .map_err(|_| ScheduleError::new(format!("rate() value `{value}` is too large")))?;
    if value == 0 {
        return Err(ScheduleError::new("rate() value must be at least 1, not 0"));
    }
    let exact = RateUnit::ALL.into_iter().find(|u| u.singular() == unit || u.plural() == unit);
    let Some(rate_unit) = exact else {
        let folded = RateUnit::ALL
            .into_iter()
            .flat_map(|u| [u.singular(), u.plural()])
            .find(|name| name.eq_ignore_ascii_case(unit));
        return Err(ScheduleError::new(match folded {
            Some(name) => format!("rate() units are lower case: `{name}`, not `{unit}`"),
            None => format!("rate() unit `{unit}` is not one of {UNITS}"),
        }));
    };
    match (value, unit == rate_unit.singular()) {
        (1, false) => Err(ScheduleError::new(format!(
            "rate(1 …) takes the singular unit: `{}`, not `{unit}`",
            rate_unit.singular()
        ))),
        (2.., true) => Err(ScheduleError::new(format!(
            "rate({value} …) takes the plural unit: `{}`, not `{unit}`",
            rate_unit.plural()
        ))),
        _ => Ok(Kind::Rate { value, unit: rate_unit }),
    }
}

/// Parses what is between `at(` and `)`: exactly `yyyy-mm-ddThh:mm:ss`, a local time.
fn parse_at(body: &str) -> Result<NaiveDateTime, ScheduleError> {
    const SHAPE: &str = "at() takes a local date and time as yyyy-mm-ddThh:mm:ss, \
                         as in at(2025-01-01T10:00:00)";
    if body.len() > 19 && body.get(..19).is_some_and(|head| parse_at(head).is_ok()) {
        return Err(ScheduleError::new(format!(
            "at() takes no offset or `Z` (`{}`): the time zone is the schedule's \
             ScheduleExpressionTimezone",
            &body[19..]
        )));
    }
    let bytes = body.as_bytes();
    let shape_ok = bytes.len() == 19
        && bytes.iter().enumerate().all(|(i, &b)| match i {
            4 | 7 => b == b'-',
            10 => b == b'T',
            13 | 16 => b == b':',
            _ => b.is_ascii_digit(),
        });
    if !shape_ok {
        return Err(ScheduleError::new(SHAPE));
    }
    let number = |range: std::ops::Range<usize>| -> u32 {
        body[range].parse().expect("the shape check leaves only digits here")
    };
    let date = NaiveDate::from_ymd_opt(number(0..4) as i32, number(5..7), number(8..10))
        .ok_or_else(|| ScheduleError::new(format!("at(): {} is not a date", &body[..10])))?;
    let time = NaiveTime::from_hms_opt(number(11..13), number(14..16), number(17..19))
        .ok_or_else(|| ScheduleError::new(format!("at(): {} is not a time of day", &body[11..])))?;
    Ok(date.and_time(time))
}
