use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use chrono_tz::{America::New_York, Europe::Berlin, Europe::Paris, UTC};

use super::{Schedule, Service};

fn instant(text: &str) -> DateTime<Utc> {
    text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn parse(expr: &str) -> Schedule {
    Schedule::parse(expr, Service::Scheduler).unwrap_or_else(|e| panic!("{expr}: {}", e.reason()))
}

/// The next `count` fire times of `expr` in `tz` after `from`, as `2024-01-01T10:15:00Z`.
fn runs_in(expr: &str, tz: Tz, from: &str, count: usize) -> Vec<String> {
    parse(expr)
        .next_runs(instant(from), tz, count)
        .iter()
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .collect()
}

fn runs(expr: &str, from: &str, count: usize) -> Vec<String> {
    runs_in(expr, UTC, from, count)
}

fn reason(expr: &str, service: Service) -> String {
    match Schedule::parse(expr, service) {
        Ok(_) => panic!("{expr} was accepted"),
        Err(e) => {
            assert_eq!(e.to_string(), "Parameter ScheduleExpression is not valid.");
            e.reason().to_owned()
        }
    }
}

fn assert_reasons(cases: &[(&str, &str)]) {
    let mut failures = Vec::new();
    for &(expr, expected) in cases {
        for service in [Service::Rule, Service::Scheduler] {
            let got = reason(expr, service);
            if got != expected {
                failures.push(format!(
                    "{expr:?} ({service:?})\n  expected: {expected}\n  got:      {got}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

// The invalid expressions AWS verified (eventbridge-notes §3.1), each with our reason.
#[test]
fn aws_verified_invalid_expressions() {
    const UNITS: &str = "minute, minutes, hour, hours, day or days";
    assert_reasons(&[
        ("rate(10 seconds)", &format!("rate() unit `seconds` is not one of {UNITS}")),
        ("rate(10 years)", &format!("rate() unit `years` is not one of {UNITS}")),
        ("rate(1 minutes)", "rate(1 …) takes the singular unit: `minute`, not `minutes`"),
        ("rate(1 hours)", "rate(1 …) takes the singular unit: `hour`, not `hours`"),
        ("rate(1 days)", "rate(1 …) takes the singular unit: `day`, not `days`"),
        ("rate(10 minute)", "rate(10 …) takes the plural unit: `minutes`, not `minute`"),
        ("rate()", "rate() needs a value and a unit, as in rate(5 minutes)"),
        ("rate(10)", &format!("rate(10) has no unit; add one of {UNITS}")),
        ("rate(10 minutess)", &format!("rate() unit `minutess` is not one of {UNITS}")),
        ("rate(foo minutes)", "rate() value `foo` is not a positive whole number"),
        ("rate(0 minutes)", "rate() value must be at least 1, not 0"),
        ("rate(-10 minutes)", "rate() value `-10` is not a positive whole number"),
        ("rate(10 MINUTES)", "rate() units are lower case: `minutes`, not `MINUTES`"),
        (
            "rate( 10 minutes )",
            "rate() takes exactly one space between value and unit and no other whitespace: \
             write rate(10 minutes)",
        ),
        (" rate(10 minutes)", "the expression has whitespace before or after it; remove it"),
        (
            "cron(0 1 * * * *)",
            "Day-of-month (`*`) and Day-of-week (`*`) cannot both be set: \
             exactly one of them must be `?`",
        ),
        (
            "cron(7 20 * * NOT *)",
            "Day-of-week: `NOT` is not a valid value (1-7 or SUN-SAT, where 1 = SUN)",
        ),
        (
            "cron(INVALID)",
            "cron() takes 6 fields (Minutes Hours Day-of-month Month Day-of-week Year), found 1",
        ),
        ("cron(0 dummy ? * MON-FRI *)", "Hours: `dummy` is not a valid value (0-23)"),
        ("cron(71 8 1 * ? *)", "Minutes: `71` is out of range (0-59)"),
    ]);
}

// The valid expressions AWS verified (§3.1), for both services.
#[test]
fn aws_verified_valid_expressions() {
    for expr in
        ["cron(* * ? * SAT#3 *)", "cron(0/5 5 ? JAN 1-5 2022)", "cron(15 10 ? * 6L 2002-2005)"]
    {
        for service in [Service::Rule, Service::Scheduler] {
            let schedule = Schedule::parse(expr, service)
                .unwrap_or_else(|e| panic!("{expr} ({service:?}): {}", e.reason()));
            assert_eq!(schedule.to_string(), expr);
            assert_eq!(schedule.as_str(), expr);
        }
    }
    assert_eq!(
        runs("cron(* * ? * SAT#3 *)", "2024-01-01T00:00:00Z", 2),
        ["2024-01-20T00:00:00Z", "2024-01-20T00:01:00Z"]
    );
    // Both lie in the past: valid, but they never fire again.
    assert!(runs("cron(0/5 5 ? JAN 1-5 2022)", "2024-01-01T00:00:00Z", 10).is_empty());
    assert!(runs("cron(15 10 ? * 6L 2002-2005)", "2024-01-01T00:00:00Z", 10).is_empty());
    assert_eq!(
        runs("cron(0/5 5 ? JAN 1-5 2022)", "2022-01-01T00:00:00Z", 3),
        ["2022-01-02T05:00:00Z", "2022-01-02T05:05:00Z", "2022-01-02T05:10:00Z"]
    );
}

// AWS's documented examples (§3.1), from Monday 2024-01-01.
#[test]
fn documented_examples() {
    let cases: &[(&str, [&str; 3])] = &[
        (
            "cron(0 10 * * ? *)",
            ["2024-01-01T10:00:00Z", "2024-01-02T10:00:00Z", "2024-01-03T10:00:00Z"],
        ),
        (
            "cron(15 12 * * ? *)",
            ["2024-01-01T12:15:00Z", "2024-01-02T12:15:00Z", "2024-01-03T12:15:00Z"],
        ),
        (
            "cron(0 18 ? * MON-FRI *)",
            ["2024-01-01T18:00:00Z", "2024-01-02T18:00:00Z", "2024-01-03T18:00:00Z"],
        ),
        (
            "cron(0 8 1 * ? *)",
            ["2024-01-01T08:00:00Z", "2024-02-01T08:00:00Z", "2024-03-01T08:00:00Z"],
        ),
        (
            "cron(0/15 * * * ? *)",
            ["2024-01-01T00:15:00Z", "2024-01-01T00:30:00Z", "2024-01-01T00:45:00Z"],
        ),
        (
            "cron(0/10 * ? * MON-FRI *)",
            ["2024-01-01T00:10:00Z", "2024-01-01T00:20:00Z", "2024-01-01T00:30:00Z"],
        ),
        (
            "cron(0/5 8-17 ? * MON-FRI *)",
            ["2024-01-01T08:00:00Z", "2024-01-01T08:05:00Z", "2024-01-01T08:10:00Z"],
        ),
        (
            "cron(0 9 ? * 2#1 *)",
            ["2024-01-01T09:00:00Z", "2024-02-05T09:00:00Z", "2024-03-04T09:00:00Z"],
        ),
        (
            "cron(15 10 ? * 6L 2019-2022)",
            ["2019-01-25T10:15:00Z", "2019-02-22T10:15:00Z", "2019-03-29T10:15:00Z"],
        ),
        (
            "cron(0 2 ? * SAT#3 *)",
            ["2024-01-20T02:00:00Z", "2024-02-17T02:00:00Z", "2024-03-16T02:00:00Z"],
        ),
    ];
    for (expr, expected) in cases {
        let from =
            if expr.contains("2019") { "2019-01-01T00:00:00Z" } else { "2024-01-01T00:00:00Z" };
        assert_eq!(runs(expr, from, 3), expected, "{expr}");
    }
    // Friday 2024-01-05 18:00 is followed by Monday's.
    assert_eq!(
        runs("cron(0 18 ? * MON-FRI *)", "2024-01-05T18:00:00Z", 1),
        ["2024-01-08T18:00:00Z"]
    );
    // The last hour of a weekday, then the next morning.
    assert_eq!(
        runs("cron(0/5 8-17 ? * MON-FRI *)", "2024-01-01T17:50:00Z", 2),
        ["2024-01-01T17:55:00Z", "2024-01-02T08:00:00Z"]
    );
}

#[test]
fn day_of_month_and_day_of_week_need_exactly_one_question_mark() {
    assert_reasons(&[
        (
            "cron(0 12 * * * *)",
            "Day-of-month (`*`) and Day-of-week (`*`) cannot both be set: \
             exactly one of them must be `?`",
        ),
        (
            "cron(0 12 1 * MON *)",
            "Day-of-month (`1`) and Day-of-week (`MON`) cannot both be set: \
             exactly one of them must be `?`",
        ),
        (
            "cron(0 12 ? * ? *)",
            "Day-of-month and Day-of-week cannot both be `?`: exactly one of them must be `?`",
        ),
        (
            "cron(0 12 1,? * ? *)",
            "Day-of-month: `?`, `L` and `W` must be the whole field, not part of a list (`1,?`)",
        ),
        ("cron(? 12 1 * ? *)", "Minutes: `?` is only allowed in Day-of-month and Day-of-week"),
    ]);
    // `*` in Day-of-week with `?` in Day-of-month is every day, like the reverse.
    assert_eq!(
        runs("cron(0 12 ? * * *)", "2024-01-01T00:00:00Z", 3),
        runs("cron(0 12 * * ? *)", "2024-01-01T00:00:00Z", 3)
    );
}

#[test]
fn other_invalid_expressions() {
    assert_reasons(&[
        ("rate(5 minutes) ", "the expression has whitespace before or after it; remove it"),
        ("Rate(5 minutes)", "`Rate(` must be lower case: write `rate(`"),
        ("CRON(0 10 * * ? *)", "`CRON(` must be lower case: write `cron(`"),
        ("rate (5 minutes)", "no space is allowed between `rate` and `(`"),
        ("rate(5 minutes", "`rate(` is not closed: the expression must end with `)`"),
        ("rate(99999999999 minutes)", "rate() value `99999999999` is too large"),
        (
            "rate(5  minutes)",
            "rate() takes exactly one space between value and unit and no other whitespace: \
             write rate(5 minutes)",
        ),
        ("rate(5 minutes 1)", "rate() takes a value and a unit only, not `5 minutes 1`"),
        (
            "cron(0 10 * * ?)",
            "cron() takes 6 fields (Minutes Hours Day-of-month Month Day-of-week Year), found 5; \
             add a Year field (`*` for every year)",
        ),
        (
            "cron(0 0 10 * * ? *)",
            "cron() takes 6 fields (Minutes Hours Day-of-month Month Day-of-week Year), found 7; \
             AWS cron has no seconds field",
        ),
        ("cron(0  10 * * ? *)", "cron() fields are separated by single spaces"),
        (
            "cron( 0 10 * * ? * )",
            "cron() has whitespace just inside its parentheses: write cron(0 10 * * ? *)",
        ),
        (
            "cron(0 0 ? * 3#1,6#3 *)",
            "Day-of-week: only one `#` expression is allowed, not `3#1,6#3`",
        ),
        (
            "cron(0 0 ? * 2,3#2 *)",
            "Day-of-week: `?`, `L` and `#` must be the whole field, not part of a list (`2,3#2`)",
        ),
        (
            "cron(0 0 ? * 3#6 *)",
            "Day-of-week: in `3#6`, the number after `#` must be 1-5 (which week of the month)",
        ),
        (
            "cron(0 0 ? * 6L,2 *)",
            "Day-of-week: `?`, `L` and `#` must be the whole field, not part of a list (`6L,2`)",
        ),
        ("cron(0 0 ? * 0 *)", "Day-of-week: `0` is out of range (1-7 or SUN-SAT, where 1 = SUN)"),
        ("cron(0 0 ? * 1/2 *)", "Day-of-week does not take `/` (`1/2`)"),
        ("cron(0 0 ? * 2W *)", "Day-of-week does not take `W` (`2W`)"),
        ("cron(0 0 1 * ? 2200)", "Year: `2200` is out of range (1970-2199)"),
        ("cron(0 0 1 * ? 1969)", "Year: `1969` is out of range (1970-2199)"),
        ("cron(0 0 1 * ? 2020-2300)", "Year: `2300` is out of range (1970-2199)"),
        (
            "cron(0 0 LW * ? *)",
            "Day-of-month: `LW` (last weekday) is a Quartz form that AWS does not document; \
             use `L` or `nW`",
        ),
        (
            "cron(0 0 L-3 * ? *)",
            "Day-of-month: `L-3` (an offset from the last day) is a Quartz form that AWS does not \
             document",
        ),
        ("cron(0 0 1-15W * ? *)", "Day-of-month: `W` takes a single day, as in `15W`, not `1-15W`"),
        ("cron(0 0 32W * ? *)", "Day-of-month: `32W` is out of range (1W-31W)"),
        (
            "cron(0 0 5L * ? *)",
            "Day-of-month: `L` stands alone in Day-of-month (the last day of the month), not `5L`",
        ),
        (
            "cron(0 0 1,L * ? *)",
            "Day-of-month: `?`, `L` and `W` must be the whole field, not part of a list (`1,L`)",
        ),
        (
            "cron(0 0 3#2 * ? *)",
            "Day-of-month does not take `#` (`3#2`); `#` belongs in Day-of-week, as in `3#2`",
        ),
        ("cron(L 0 * * ? *)", "Minutes does not take `L`"),
        (
            "cron(0 22-2 * * ? *)",
            "Hours: the range `22-2` runs backwards; list it as two ranges instead",
        ),
        ("cron(0/0 * * * ? *)", "Minutes: the step in `0/0` must be between 1 and 60"),
        ("cron(0 0 * 1/13 ? *)", "Month: the step in `1/13` must be between 1 and 12"),
        ("cron(0 0 * */ ? *)", "Month: the step in `*/` is not a number"),
        ("cron(0 0 * /2 ? *)", "Month: `/2` needs a start, as in `1/2`"),
        ("cron(0 0 * 13 ? *)", "Month: `13` is out of range (1-12 or JAN-DEC)"),
        ("cron(0 0 * FOO ? *)", "Month: `FOO` is not a valid value (1-12 or JAN-DEC)"),
        ("cron(0 0 ,1 * ? *)", "Day-of-month: `,1` has an empty list item"),
        ("cron(0 24 * * ? *)", "Hours: `24` is out of range (0-23)"),
        ("cron(0 0 0 * ? *)", "Day-of-month: `0` is out of range (1-31)"),
    ]);
}

#[test]
fn at_is_only_for_scheduler() {
    assert_eq!(
        reason("at(2025-01-01T10:00:00)", Service::Rule),
        "at() is only for EventBridge Scheduler; a rule takes rate() or cron()"
    );
    assert_eq!(
        reason("", Service::Rule),
        "the expression is empty; expected rate(value unit) or cron(fields)"
    );
    assert_eq!(
        reason("every 5 minutes", Service::Rule),
        "`every 5 minutes` is not a schedule; expected rate(value unit) or cron(fields)"
    );
    assert_eq!(
        reason("", Service::Scheduler),
        "the expression is empty; expected rate(value unit), cron(fields) or \
         at(yyyy-mm-ddThh:mm:ss)"
    );
    let shape = "at() takes a local date and time as yyyy-mm-ddThh:mm:ss, as in \
                 at(2025-01-01T10:00:00)";
    for (expr, expected) in [
        (
            "at(2025-01-01T10:00:00Z)",
            "at() takes no offset or `Z` (`Z`): the time zone is the schedule's \
             ScheduleExpressionTimezone",
        ),
        ("at(2025-02-30T10:00:00)", "at(): 2025-02-30 is not a date"),
        ("at(2025-01-01T24:00:00)", "at(): 24:00:00 is not a time of day"),
        ("at(2025-01-01 10:00:00)", shape),
        ("at(2025-01-01T10:00)", shape),
        ("at()", shape),
    ] {
        assert_eq!(reason(expr, Service::Scheduler), expected, "{expr}");
    }
}

#[test]
fn at_fires_once_in_its_time_zone() {
    let from = "2024-01-01T00:00:00Z";
    assert_eq!(runs("at(2025-01-01T10:00:00)", from, 5), ["2025-01-01T10:00:00Z"]);
    assert_eq!(runs_in("at(2025-01-01T10:00:00)", Paris, from, 5), ["2025-01-01T09:00:00Z"]);
    assert_eq!(runs_in("at(2025-07-01T10:00:00)", Paris, from, 5), ["2025-07-01T08:00:00Z"]);
    assert_eq!(runs_in("at(2025-01-01T10:00:00)", New_York, from, 1), ["2025-01-01T15:00:00Z"]);
    // Passed, or exactly now: nothing left.
    assert!(runs("at(2023-12-31T23:59:59)", from, 5).is_empty());
    assert!(runs("at(2024-01-01T00:00:00)", from, 5).is_empty());
    assert!(runs("at(2025-01-01T10:00:00)", from, 0).is_empty());
    // A time that spring-forward skips never comes; an ambiguous one fires at its first occurrence.
    assert!(runs_in("at(2024-03-31T02:30:00)", Berlin, from, 1).is_empty());
    assert_eq!(runs_in("at(2024-10-27T02:30:00)", Berlin, from, 1), ["2024-10-27T00:30:00Z"]);
}

#[test]
fn rate_counts_from_the_given_instant() {
    let from = "2024-01-01T00:00:00Z";
    assert_eq!(
        runs("rate(5 minutes)", from, 3),
        ["2024-01-01T00:05:00Z", "2024-01-01T00:10:00Z", "2024-01-01T00:15:00Z"]
    );
    assert_eq!(
        runs("rate(1 minute)", "2024-01-01T10:07:30Z", 2),
        ["2024-01-01T10:08:30Z", "2024-01-01T10:09:30Z"]
    );
    assert_eq!(runs("rate(1 hour)", from, 2), ["2024-01-01T01:00:00Z", "2024-01-01T02:00:00Z"]);
    assert_eq!(runs("rate(12 hours)", from, 2), ["2024-01-01T12:00:00Z", "2024-01-02T00:00:00Z"]);
    assert_eq!(runs("rate(1 day)", from, 2), ["2024-01-02T00:00:00Z", "2024-01-03T00:00:00Z"]);
    assert_eq!(
        runs("rate(7 days)", "2024-02-26T09:00:00Z", 2),
        ["2024-03-04T09:00:00Z", "2024-03-11T09:00:00Z"]
    );
    assert!(runs("rate(5 minutes)", from, 0).is_empty());
    // 24 hours apart, whatever the zone's clocks do (re:Post: rate(1 day) drifts across DST).
    assert_eq!(
        runs_in("rate(1 day)", New_York, "2024-03-09T15:00:00Z", 2),
        ["2024-03-10T15:00:00Z", "2024-03-11T15:00:00Z"]
    );
    // The largest value does not overflow, even far into the future.
    let huge = parse("rate(4294967295 days)");
    assert_eq!(huge.next_runs(instant(from), UTC, 3).len(), 0);
}

#[test]
fn last_day_of_the_month() {
    assert_eq!(
        runs("cron(0 0 L * ? *)", "2024-01-01T00:00:00Z", 4),
        [
            "2024-01-31T00:00:00Z",
            "2024-02-29T00:00:00Z",
            "2024-03-31T00:00:00Z",
            "2024-04-30T00:00:00Z"
        ]
    );
    assert_eq!(
        runs("cron(0 12 L FEB ? *)", "2024-01-01T00:00:00Z", 5),
        [
            "2024-02-29T12:00:00Z",
            "2025-02-28T12:00:00Z",
            "2026-02-28T12:00:00Z",
            "2027-02-28T12:00:00Z",
            "2028-02-29T12:00:00Z"
        ]
    );
}

// `nW` is the nearest weekday to day n, never leaving the month, as in Quartz.
#[test]
fn nearest_weekday() {
    // 2024-06-01 is a Saturday: the 3rd, not May 31. 2024-09-01 is a Sunday: the 2nd.
    assert_eq!(
        runs("cron(0 0 1W * ? *)", "2024-05-02T00:00:00Z", 5),
        [
            "2024-06-03T00:00:00Z",
            "2024-07-01T00:00:00Z",
            "2024-08-01T00:00:00Z",
            "2024-09-02T00:00:00Z",
            "2024-10-01T00:00:00Z"
        ]
    );
    // 2024-06-15 is a Saturday: Friday the 14th. 2024-09-15 is a Sunday: Monday the 16th.
    assert_eq!(runs("cron(0 0 15W * ? *)", "2024-06-01T00:00:00Z", 1), ["2024-06-14T00:00:00Z"]);
    assert_eq!(runs("cron(0 0 15W * ? *)", "2024-09-01T00:00:00Z", 1), ["2024-09-16T00:00:00Z"]);
    // 2024-03-31 is a Sunday: Friday the 29th. 2024-08-31 a Saturday: the 30th. Months without
    // a 31st have no `31W`.
    assert_eq!(
        runs("cron(0 0 31W * ? *)", "2024-01-01T00:00:00Z", 5),
        [
            "2024-01-31T00:00:00Z",
            "2024-03-29T00:00:00Z",
            "2024-05-31T00:00:00Z",
            "2024-07-31T00:00:00Z",
            "2024-08-30T00:00:00Z"
        ]
    );
    // February 28th on a Saturday (2026) and on a Sunday (2027).
    assert_eq!(
        runs("cron(0 9 28W 2 ? *)", "2025-03-01T00:00:00Z", 3),
        ["2026-02-27T09:00:00Z", "2027-02-26T09:00:00Z", "2028-02-28T09:00:00Z"]
    );
    // No `30W` in February; 2024-06-30 is a Sunday and the month's last day: the 28th.
    assert_eq!(
        runs("cron(0 9 30W * ? *)", "2024-01-01T00:00:00Z", 5),
        [
            "2024-01-30T09:00:00Z",
            "2024-03-29T09:00:00Z",
            "2024-04-30T09:00:00Z",
            "2024-05-30T09:00:00Z",
            "2024-06-28T09:00:00Z"
        ]
    );
}

#[test]
fn nth_and_last_weekday_of_the_month() {
    // Months without a fifth Monday are skipped.
    assert_eq!(
        runs("cron(0 0 ? * 2#5 *)", "2024-01-01T00:00:00Z", 4),
        [
            "2024-01-29T00:00:00Z",
            "2024-04-29T00:00:00Z",
            "2024-07-29T00:00:00Z",
            "2024-09-30T00:00:00Z"
        ]
    );
    assert_eq!(
        runs("cron(0 17 ? * TUE#2 2025)", "2024-01-01T00:00:00Z", 2),
        ["2025-01-14T17:00:00Z", "2025-02-11T17:00:00Z"]
    );
    assert_eq!(
        runs("cron(0 0 ? * 6L *)", "2024-01-01T00:00:00Z", 3),
        ["2024-01-26T00:00:00Z", "2024-02-23T00:00:00Z", "2024-03-29T00:00:00Z"]
    );
    assert_eq!(
        runs("cron(0 0 ? * FRIL *)", "2024-01-01T00:00:00Z", 3),
        runs("cron(0 0 ? * 6L *)", "2024-01-01T00:00:00Z", 3)
    );
    // The last Thursday of February, in a leap year and not.
    assert_eq!(
        runs("cron(0 0 ? 2 5L 2024-2025)", "2024-01-01T00:00:00Z", 5),
        ["2024-02-29T00:00:00Z", "2025-02-27T00:00:00Z"]
    );
    // `L` alone in Day-of-week is Saturday, the last day of the week.
    assert_eq!(
        runs("cron(0 0 ? * L *)", "2024-01-01T00:00:00Z", 2),
        ["2024-01-06T00:00:00Z", "2024-01-13T00:00:00Z"]
    );
}

#[test]
fn lists_ranges_steps_and_names() {
    let from = "2024-01-01T00:00:00Z";
    assert_eq!(
        runs("cron(5,35 */2 * * ? *)", from, 4),
        [
            "2024-01-01T00:05:00Z",
            "2024-01-01T00:35:00Z",
            "2024-01-01T02:05:00Z",
            "2024-01-01T02:35:00Z"
        ]
    );
    assert_eq!(
        runs("cron(10-20/5 3 * * ? *)", from, 4),
        [
            "2024-01-01T03:10:00Z",
            "2024-01-01T03:15:00Z",
            "2024-01-01T03:20:00Z",
            "2024-01-02T03:10:00Z"
        ]
    );
    // Sunday 2024-01-07, hours 0 to 6 in steps of 2.
    assert_eq!(
        runs("cron(0 0-6/2 ? * SUN *)", from, 5),
        [
            "2024-01-07T00:00:00Z",
            "2024-01-07T02:00:00Z",
            "2024-01-07T04:00:00Z",
            "2024-01-07T06:00:00Z",
            "2024-01-14T00:00:00Z"
        ]
    );
    assert_eq!(
        runs("cron(0 0 2/10 * ? *)", from, 4),
        [
            "2024-01-02T00:00:00Z",
            "2024-01-12T00:00:00Z",
            "2024-01-22T00:00:00Z",
            "2024-02-02T00:00:00Z"
        ]
    );
    assert_eq!(
        runs("cron(0 0 1 1/3 ? *)", from, 3),
        ["2024-04-01T00:00:00Z", "2024-07-01T00:00:00Z", "2024-10-01T00:00:00Z"]
    );
    // Names in any case, as Quartz reads them.
    assert_eq!(
        runs("cron(0 12 ? jan-mar mon,wed,fri *)", from, 5),
        runs("cron(0 12 ? JAN-MAR MON,WED,FRI *)", from, 5)
    );
    assert_eq!(runs("cron(0 12 ? Jan Mon *)", from, 3), runs("cron(0 12 ? 1 2 *)", from, 3));
    assert_eq!(runs("cron(0 0 l * ? *)", from, 3), runs("cron(0 0 L * ? *)", from, 3));
    assert_eq!(runs("cron(0 0 15w * ? *)", from, 3), runs("cron(0 0 15W * ? *)", from, 3));
}

#[test]
fn year_ranges_and_steps() {
    assert_eq!(
        runs("cron(0 0 1 JAN ? 2024/2)", "2024-01-01T00:00:00Z", 3),
        ["2026-01-01T00:00:00Z", "2028-01-01T00:00:00Z", "2030-01-01T00:00:00Z"]
    );
    assert_eq!(
        runs("cron(0 0 1 * ? 2024-2025)", "2025-11-15T00:00:00Z", 10),
        ["2025-12-01T00:00:00Z"]
    );
    assert_eq!(runs("cron(0 0 15 * ? 2024)", "2024-01-01T00:00:00Z", 20).len(), 12);
    assert_eq!(
        runs("cron(59 23 31 DEC ? 2199)", "2024-01-01T00:00:00Z", 3),
        ["2199-12-31T23:59:00Z"]
    );
    assert!(runs("cron(0 0 1 * ? *)", "2199-12-01T00:00:00Z", 3).is_empty());
}

#[test]
fn leap_years() {
    // 2100 is not a leap year.
    assert_eq!(
        runs("cron(0 12 29 FEB ? *)", "2092-03-01T00:00:00Z", 3),
        ["2096-02-29T12:00:00Z", "2104-02-29T12:00:00Z", "2108-02-29T12:00:00Z"]
    );
    assert_eq!(
        runs("cron(0 12 29 FEB ? 2024/4)", "2024-01-01T00:00:00Z", 3),
        ["2024-02-29T12:00:00Z", "2028-02-29T12:00:00Z", "2032-02-29T12:00:00Z"]
    );
    // A 31st comes only in months that have one.
    assert_eq!(
        runs("cron(0 0 31 * ? *)", "2024-01-01T00:00:00Z", 3),
        ["2024-01-31T00:00:00Z", "2024-03-31T00:00:00Z", "2024-05-31T00:00:00Z"]
    );
}

#[test]
fn fire_times_are_strictly_after_the_start() {
    assert_eq!(runs("cron(0 10 * * ? *)", "2024-01-01T10:00:00Z", 1), ["2024-01-02T10:00:00Z"]);
    assert_eq!(runs("cron(0 10 * * ? *)", "2024-01-01T09:59:59Z", 1), ["2024-01-01T10:00:00Z"]);
    assert_eq!(runs("cron(* * * * ? *)", "2024-01-01T10:00:30Z", 1), ["2024-01-01T10:01:00Z"]);
    assert!(runs("cron(0 10 * * ? *)", "2024-01-01T00:00:00Z", 0).is_empty());
}

// EventBridge Scheduler: local times that don't exist are skipped; ambiguous ones run once.
#[test]
fn daylight_saving_time_in_new_york() {
    // 2024-03-10: 02:00 EST becomes 03:00 EDT, so there is no 02:30 that day.
    assert_eq!(
        runs_in("cron(30 2 * * ? *)", New_York, "2024-03-09T00:00:00Z", 3),
        ["2024-03-09T07:30:00Z", "2024-03-11T06:30:00Z", "2024-03-12T06:30:00Z"]
    );
    assert_eq!(
        runs_in("cron(0/30 * * * ? *)", New_York, "2024-03-10T06:00:00Z", 4),
        [
            "2024-03-10T06:30:00Z",
            "2024-03-10T07:00:00Z",
            "2024-03-10T07:30:00Z",
            "2024-03-10T08:00:00Z"
        ]
    );
    // 2024-11-03: 02:00 EDT becomes 01:00 EST, so 01:30 comes twice; it runs at the first.
    assert_eq!(
        runs_in("cron(30 1 * * ? *)", New_York, "2024-11-02T00:00:00Z", 3),
        ["2024-11-02T05:30:00Z", "2024-11-03T05:30:00Z", "2024-11-04T06:30:00Z"]
    );
    // Every 30 minutes: 01:00 and 01:30 EDT, not again in EST, then 02:00 EST.
    assert_eq!(
        runs_in("cron(0/30 * * * ? *)", New_York, "2024-11-03T04:00:00Z", 6),
        [
            "2024-11-03T04:30:00Z",
            "2024-11-03T05:00:00Z",
            "2024-11-03T05:30:00Z",
            "2024-11-03T07:00:00Z",
            "2024-11-03T07:30:00Z",
            "2024-11-03T08:00:00Z"
        ]
    );
    // Started inside the second 01:xx: that hour's times have already run.
    assert_eq!(
        runs_in("cron(30 1 * * ? *)", New_York, "2024-11-03T06:10:00Z", 1),
        ["2024-11-04T06:30:00Z"]
    );
}

#[test]
fn daylight_saving_time_in_berlin() {
    // 2024-03-31: 02:00 CET becomes 03:00 CEST.
    assert_eq!(
        runs_in("cron(30 2 * * ? *)", Berlin, "2024-03-30T00:00:00Z", 3),
        ["2024-03-30T01:30:00Z", "2024-04-01T00:30:00Z", "2024-04-02T00:30:00Z"]
    );
    // 2024-10-27: 03:00 CEST becomes 02:00 CET; 02:30 runs at its first occurrence (CEST).
    assert_eq!(
        runs_in("cron(30 2 * * ? *)", Berlin, "2024-10-26T00:00:00Z", 3),
        ["2024-10-26T00:30:00Z", "2024-10-27T00:30:00Z", "2024-10-28T01:30:00Z"]
    );
    // A Scheduler cron keeps its local time across the change.
    assert_eq!(
        runs_in("cron(0 9 ? * MON *)", Berlin, "2024-03-20T00:00:00Z", 3),
        ["2024-03-25T08:00:00Z", "2024-04-01T07:00:00Z", "2024-04-08T07:00:00Z"]
    );
}

#[test]
fn schedules_that_never_fire_end_quickly() {
    let started = Instant::now();
    for expr in [
        "cron(0 0 30 FEB ? *)",
        "cron(* * 31 FEB ? *)",
        "cron(* * 31 APR,JUN,SEP,NOV ? *)",
        "cron(0 0 31W 2 ? *)",
        "cron(15 10 ? * 6L 2002-2005)",
        "cron(0 0 ? 2 2#5 2025-2027)",
    ] {
        for tz in [UTC, New_York] {
            assert!(
                parse(expr).next_runs(instant("2024-01-01T00:00:00Z"), tz, 10).is_empty(),
                "{expr}"
            );
        }
    }
    // Schedules that never fire at all, searched from the first year cron can name.
    for expr in ["cron(0 0 30 FEB ? *)", "cron(* * 31 FEB ? *)", "cron(0 0 ? 2 2#5 2025-2027)"] {
        assert!(parse(expr).next_runs(instant("1970-01-01T00:00:00Z"), New_York, 10).is_empty());
    }
    // Past the last year cron can name.
    assert!(
        parse("cron(* * * * ? *)").next_runs(instant("2200-01-01T00:00:00Z"), UTC, 10).is_empty()
    );
    assert!(started.elapsed() < Duration::from_secs(5), "took {:?}", started.elapsed());
}

#[test]
fn descriptions() {
    let cases = [
        ("rate(1 minute)", "every minute"),
        ("rate(5 minutes)", "every 5 minutes"),
        ("rate(15 minutes)", "every 15 minutes"),
        ("rate(1 hour)", "every hour"),
        ("rate(2 days)", "every 2 days"),
        ("cron(0 10 * * ? *)", "at 10:00 UTC, every day"),
        ("cron(0 18 ? * MON-FRI *)", "at 18:00 UTC, Monday through Friday"),
        ("cron(0 8 1 * ? *)", "at 08:00 UTC on day 1 of each month"),
        ("cron(0/15 * * * ? *)", "every 15 minutes (UTC)"),
        ("cron(0/10 * ? * MON-FRI *)", "every 10 minutes, Monday through Friday (UTC)"),
        (
            "cron(0/5 8-17 ? * MON-FRI *)",
            "every 5 minutes from 08:00 through 17:55 UTC, Monday through Friday",
        ),
        ("cron(0 9 ? * 2#1 *)", "at 09:00 UTC on the first Monday of each month"),
        (
            "cron(15 10 ? * 6L 2019-2022)",
            "at 10:15 UTC on the last Friday of each month, 2019–2022",
        ),
        ("cron(0 2 ? * SAT#3 *)", "at 02:00 UTC on the third Saturday of each month"),
        ("cron(* * ? * SAT#3 *)", "every minute on the third Saturday of each month (UTC)"),
        (
            "cron(0/5 5 ? JAN 1-5 2022)",
            "every 5 minutes from 05:00 through 05:55 UTC, Sunday through Thursday in January, 2022",
        ),
        ("cron(0 0 L * ? *)", "at 00:00 UTC on the last day of each month"),
        ("cron(30 6 15W * ? *)", "at 06:30 UTC on the weekday nearest day 15 of each month"),
        ("cron(0 0/6 * * ? *)", "at 00:00, 06:00, 12:00 and 18:00 UTC, every day"),
        ("cron(15 1/3 * * ? *)", "every 3 hours from 01:15 UTC"),
        ("cron(5,35 */2 * * ? *)", "at minutes 5 and 35 of every 2nd hour from 00:00 UTC"),
        (
            "cron(0 8-17 ? * MON-FRI *)",
            "every hour from 08:00 through 17:00 UTC, Monday through Friday",
        ),
        (
            "cron(0 12 ? jan-mar mon,wed,fri *)",
            "at 12:00 UTC, on Monday, Wednesday and Friday in January through March",
        ),
        ("cron(0 0 1 1/3 ? *)", "at 00:00 UTC on day 1 of January, April, July and October"),
        ("cron(0 0 1 JAN ? 2024/2)", "at 00:00 UTC on day 1 of January, every 2 years from 2024"),
        ("cron(0 0 2/10 * ? *)", "at 00:00 UTC, every 10 days from day 2 of each month"),
        ("cron(0 0 1,15 * ? 2024-2025)", "at 00:00 UTC on days 1 and 15 of each month, 2024–2025"),
        ("cron(0 0 ? * L *)", "at 00:00 UTC, every Saturday"),
        ("cron(5 * * * ? *)", "at minute 5 of every hour (UTC)"),
        ("cron(0/25 * * * ? *)", "at minutes 0, 25 and 50 of every hour (UTC)"),
        ("cron(*/15 8,17 * * ? *)", "every 15 minutes during hours 8 and 17 UTC, every day"),
        ("cron(* 9-17 * * ? *)", "every minute from 09:00 through 17:59 UTC, every day"),
        ("cron(0 9,12,18 ? * SAT,SUN *)", "at 09:00, 12:00 and 18:00 UTC, on Sunday and Saturday"),
        ("cron(0 0 ? 2 5L 2024-2030)", "at 00:00 UTC on the last Thursday of February, 2024–2030"),
        (
            "cron(0 0 1 JAN,JUL ? 2020,2022,2025-2027)",
            "at 00:00 UTC on day 1 of January and July, 2020, 2022 and 2025–2027",
        ),
        ("at(2025-01-01T10:00:00)", "once, at 2025-01-01 10:00 (UTC)"),
        ("at(2025-06-01T08:30:15)", "once, at 2025-06-01 08:30:15 (UTC)"),
    ];
    let mut failures = Vec::new();
    for (expr, expected) in cases {
        let got = parse(expr).describe(UTC);
        if got != expected {
            failures.push(format!("{expr}\n  expected: {expected}\n  got:      {got}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn descriptions_name_the_time_zone() {
    assert_eq!(
        parse("at(2025-01-01T10:00:00)").describe(Paris),
        "once, at 2025-01-01 10:00 (Europe/Paris)"
    );
    assert_eq!(
        parse("cron(0 9 ? * MON *)").describe(Berlin),
        "at 09:00 Europe/Berlin, every Monday"
    );
    assert_eq!(
        parse("cron(0/15 * * * ? *)").describe(New_York),
        "every 15 minutes (America/New_York)"
    );
    // A rate does not depend on the zone.
    assert_eq!(parse("rate(5 minutes)").describe(Paris), "every 5 minutes");
}
