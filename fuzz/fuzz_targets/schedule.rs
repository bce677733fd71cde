//! Schedule expressions, as EventBridge rules and EventBridge Scheduler
//! read them. The first byte picks the time the runs are counted from,
//! the second a time zone (from a fixed list, DST-rich zones included);
//! the rest is the expression. No clock is read.
//!
//! Asserts only what must hold: no panic or hang in `Schedule::parse`,
//! `describe` and `next_runs`; a parsed schedule displays as its
//! expression; anything a rule accepts, Scheduler accepts too; the runs
//! are at most as many as asked for, strictly after the start, and
//! strictly increasing.
#![no_main]

use evpat_rule::schedule::chrono::{DateTime, Utc};
use evpat_rule::schedule::chrono_tz::{self, Tz};
use evpat_rule::schedule::{Schedule, Service};
use libfuzzer_sys::fuzz_target;

const STARTS: [&str; 8] = [
    "2025-01-01T00:00:00Z",
    "2024-02-28T23:59:59Z",
    "2025-03-30T00:59:00Z",
    "2025-10-26T00:30:00Z",
    "2025-03-09T06:59:59Z",
    "1970-01-01T00:00:00Z",
    "2199-12-31T23:00:00Z",
    "2100-02-28T12:00:00Z",
];

const ZONES: [Tz; 8] = [
    chrono_tz::UTC,
    chrono_tz::Europe::Paris,
    chrono_tz::America::New_York,
    chrono_tz::Australia::Lord_Howe,
    chrono_tz::Pacific::Chatham,
    chrono_tz::Asia::Kolkata,
    chrono_tz::America::Santiago,
    chrono_tz::Pacific::Apia,
];

fn runs(schedule: &Schedule, after: DateTime<Utc>, tz: Tz) {
    let _ = schedule.describe(tz);
    let runs = schedule.next_runs(after, tz, 10);
    assert!(runs.len() <= 10, "more runs than asked for");
    let mut previous = after;
    for run in runs {
        assert!(run > previous, "runs not strictly after the start and increasing: {run} after {previous}");
        previous = run;
    }
}

fuzz_target!(|data: &[u8]| {
    let [start, zone, rest @ ..] = data else { return };
    let Ok(expr) = std::str::from_utf8(rest) else { return };
    let after: DateTime<Utc> = STARTS[usize::from(*start) % STARTS.len()].parse().unwrap();
    let tz = ZONES[usize::from(*zone) % ZONES.len()];
    let rule = Schedule::parse(expr, Service::Rule);
    let scheduler = Schedule::parse(expr, Service::Scheduler);
    for parsed in [&rule, &scheduler] {
        match parsed {
            Ok(schedule) => assert_eq!(schedule.as_str(), expr),
            Err(error) => {
                let _ = (error.reason(), error.to_string());
            }
        }
    }
    if let Ok(schedule) = &rule {
        assert!(scheduler.is_ok(), "a rule's schedule that Scheduler refuses");
        runs(schedule, after, chrono_tz::UTC);
    }
    if let Ok(schedule) = &scheduler {
        runs(schedule, after, tz);
    }
});
