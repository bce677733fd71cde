//! `evpat schedule`: validate a schedule expression, describe it, and list
//! its next fire times.

use std::io::{self, Write};

use chrono::{DateTime, Utc};
use evpat_rule::{Schedule, Service};

use crate::Status;

/// The arguments of `evpat schedule`.
#[derive(clap::Args)]
pub struct Args {
    /// The expression: `rate(5 minutes)`, `cron(0 10 * * ? *)`, or with
    /// `--scheduler`, `at(2025-01-01T10:00:00)`.
    expression: String,
    /// How many fire times to list.
    #[arg(long, default_value_t = 10, value_name = "N")]
    next: usize,
    /// List fire times strictly after this instant (RFC 3339); now by
    /// default. For `rate()` it stands for the rule's creation.
    #[arg(long, value_name = "RFC3339_TIME")]
    from: Option<String>,
    /// An IANA time zone, as EventBridge Scheduler's
    /// ScheduleExpressionTimezone (implies `--scheduler`); fire times are
    /// shown in UTC and in this zone.
    #[arg(long, value_name = "ZONE")]
    tz: Option<String>,
    /// Validate as EventBridge Scheduler (which accepts `at()` and time
    /// zones) rather than as a rule (PutRule).
    #[arg(long)]
    scheduler: bool,
}

/// Prints the description and the fire times; exit 2 on an invalid
/// expression, zone or instant.
pub fn run(args: &Args) -> anyhow::Result<Status> {
    let zone: chrono_tz::Tz = match &args.tz {
        None => chrono_tz::UTC,
        Some(name) => match name.parse() {
            Ok(zone) => zone,
            Err(_) => {
                note!("evpat: unknown time zone {name:?}: use an IANA name such as Europe/Paris");
                return Ok(Status::Error);
            }
        },
    };
    let from: DateTime<Utc> = match &args.from {
        None => Utc::now(),
        Some(text) => match DateTime::parse_from_rfc3339(text) {
            Ok(instant) => instant.with_timezone(&Utc),
            Err(error) => {
                note!("evpat: --from {text:?} is not an RFC 3339 time: {error}");
                return Ok(Status::Error);
            }
        },
    };
    let service =
        if args.scheduler || args.tz.is_some() { Service::Scheduler } else { Service::Rule };
    let schedule = match Schedule::parse(&args.expression, service) {
        Ok(schedule) => schedule,
        Err(error) => {
            note!("evpat: {error} {}", error.reason());
            return Ok(Status::Error);
        }
    };
    let mut out = io::stdout().lock();
    writeln!(out, "{}", schedule.describe(zone))?;
    for run in schedule.next_runs(from, zone, args.next) {
        let utc = run.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        if args.tz.is_some() {
            let local = run.with_timezone(&zone);
            writeln!(out, "{utc}  {} {}", local.format("%Y-%m-%dT%H:%M:%S%:z"), zone.name())?;
        } else {
            writeln!(out, "{utc}")?;
        }
    }
    out.flush()?;
    Ok(Status::Success)
}
