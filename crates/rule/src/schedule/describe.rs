//! English descriptions of `cron()` expressions.
//!
//! The description is built from the sets of values each field allows, not from how they were
//! written, so `0/15`, `*/15` and `0,15,30,45` all read "every 15 minutes". It has three parts:
//! the time of day ("at 10:15 UTC", "every 5 minutes from 08:00 through 17:55 UTC"), the days
//! ("on the last Friday of each month", ", Monday through Friday in January") and the years
//! (", 2019–2022"). The zone follows the first clock time named; when no clock time is named, it
//! comes last, in parentheses.

use std::fmt::Write;

use super::cron::{Cron, DayOfMonth, DayOfWeek, Field, MAX_YEAR};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] =
    ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const ORDINALS: [&str; 5] = ["first", "second", "third", "fourth", "fifth"];

/// At most this many clock times are listed one by one ("at 08:00, 12:00 and 17:00").
const MAX_LISTED_TIMES: usize = 6;

/// Describes `cron` with its times read in the zone named `zone`.
pub(super) fn describe(cron: &Cron, zone: &str) -> String {
    let time = time_phrase(cron, zone);
    let mut text = time.text;
    text.push_str(&day_phrase(cron, time.whole_day));
    text.push_str(&year_phrase(&cron.years));
    if !time.zoned {
        let _ = write!(text, " ({zone})");
    }
    text
}

/// The time-of-day part of a description.
struct TimePhrase {
    text: String,
    /// The zone is already named in `text`.
    zoned: bool,
    /// The phrase repeats all day ("every 15 minutes"), so "every day" goes without saying.
    whole_day: bool,
}

/// How the minutes of an hour are chosen.
enum Minutes {
    /// Every minute.
    Every,
    /// Every `n` minutes from minute 0, with `n` dividing 60, so the spacing holds across hours.
    Interval(u16),
    /// These minutes.
    List(Vec<u16>),
}

fn minutes(field: &Field) -> Minutes {
    let values: Vec<u16> = field.values().collect();
    if field.is_all() {
        return Minutes::Every;
    }
    match even_spacing(&values, 60) {
        Some((0, step)) => Minutes::Interval(step),
        _ => Minutes::List(values),
    }
}

/// `(start, step)` when `values` are `start, start + step, …` all the way round a cycle of
/// `cycle` (so the step divides the cycle and the spacing holds across its end too).
fn even_spacing(values: &[u16], cycle: u16) -> Option<(u16, u16)> {
    let (&start, &second) = (values.first()?, values.get(1)?);
    let step = second - start;
    let evenly = values.windows(2).all(|w| w[1] - w[0] == step);
    (evenly
        && start < step
        && cycle.is_multiple_of(step)
        && values.len() == usize::from(cycle / step))
    .then_some((start, step))
}

fn time_phrase(cron: &Cron, zone: &str) -> TimePhrase {
    let hours: Vec<u16> = cron.hours.values().collect();
    let minutes = minutes(&cron.minutes);
    let clock = |h: u16, m: u16| format!("{h:02}:{m:02}");

    // A few exact times: "at 08:00 and 17:30 UTC".
    if let Minutes::List(list) = &minutes
        && !cron.hours.is_all()
        && list.len() * hours.len() <= MAX_LISTED_TIMES
    {
        let times: Vec<String> =
            hours.iter().flat_map(|&h| list.iter().map(move |&m| clock(h, m))).collect();
        return TimePhrase {
            text: format!("at {} {zone}", join(&times)),
            zoned: true,
            whole_day: false,
        };
    }
    if cron.hours.is_all() {
        let text = match &minutes {
            Minutes::Every => "every minute".to_owned(),
            Minutes::Interval(n) => format!("every {n} minutes"),
            Minutes::List(list) => format!(
                "at {} {} of every hour",
                plural(list.len(), "minute", "minutes"),
                join(&number_runs(list))
            ),
        };
        return TimePhrase { text, zoned: false, whole_day: true };
    }
    // "every 2 hours from 00:00 UTC", "every 15 minutes of every 3rd hour from 01:00 UTC"
    if let Some((start, step)) = even_spacing(&hours, 24) {
        let text = match &minutes {
            Minutes::List(list) if list.len() == 1 => {
                format!("every {step} hours from {} {zone}", clock(start, list[0]))
            }
            _ => {
                let every = match &minutes {
                    Minutes::Every => "every minute".to_owned(),
                    Minutes::Interval(n) => format!("every {n} minutes"),
                    Minutes::List(list) => format!("at minutes {}", join(&number_runs(list))),
                };
                format!("{every} of every {} hour from {} {zone}", ordinal(step), clock(start, 0))
            }
        };
        return TimePhrase { text, zoned: true, whole_day: true };
    }
    let every = match &minutes {
        Minutes::Every => "every minute".to_owned(),
        Minutes::Interval(n) => format!("every {n} minutes"),
        Minutes::List(list) if list.len() == 1 => "every hour".to_owned(),
        Minutes::List(list) => format!("at minutes {} of each hour", join(&number_runs(list))),
    };
    let (first, last) = (hours[0], hours[hours.len() - 1]);
    let text = if usize::from(last - first) + 1 == hours.len() {
        // One block of hours: give the first and last times.
        let minute_values: Vec<u16> = cron.minutes.values().collect();
        let (first_minute, last_minute) =
            (minute_values[0], minute_values[minute_values.len() - 1]);
        format!(
            "{every} from {} through {} {zone}",
            clock(first, first_minute),
            clock(last, last_minute)
        )
    } else {
        let every = match &minutes {
            Minutes::List(list) if list.len() == 1 => format!("at minute {}", list[0]),
            _ => every.trim_end_matches(" of each hour").to_owned(),
        };
        format!("{every} during hours {} {zone}", join(&number_runs(&hours)))
    };
    TimePhrase { text, zoned: true, whole_day: false }
}

fn day_phrase(cron: &Cron, whole_day: bool) -> String {
    let months = (!cron.months.is_all()).then(|| {
        let values: Vec<u16> = cron.months.values().collect();
        join(&name_runs(&values, &MONTHS, 1))
    });
    let of = months.as_deref().unwrap_or("each month");
    let in_months = months.as_deref().map(|m| format!(" in {m}")).unwrap_or_default();
    let every_day =
        || if whole_day { in_months.clone() } else { format!(", every day{in_months}") };
    match (&cron.day_of_month, &cron.day_of_week) {
        (DayOfMonth::Last, _) => format!(" on the last day of {of}"),
        (DayOfMonth::NearestWeekday(day), _) => {
            format!(" on the weekday nearest day {day} of {of}")
        }
        (DayOfMonth::Days(days), _) if days.is_all() => every_day(),
        (DayOfMonth::Days(days), _) => {
            let values: Vec<u16> = days.values().collect();
            match even_spacing_to_end(&values, 31) {
                Some((start, step)) => format!(", every {step} days from day {start} of {of}"),
                None => format!(
                    " on {} {} of {of}",
                    plural(values.len(), "day", "days"),
                    join(&number_runs(&values))
                ),
            }
        }
        (DayOfMonth::Unspecified, DayOfWeek::Days(days)) if days.is_all() => every_day(),
        (DayOfMonth::Unspecified, DayOfWeek::Days(days)) => {
            let values: Vec<u16> = days.values().collect();
            let runs = name_runs(&values, &WEEKDAYS, 1);
            let days = match (values.as_slice(), runs.as_slice()) {
                ([day], _) => format!("every {}", WEEKDAYS[usize::from(day - 1)]),
                (_, [run]) => run.clone(),
                _ => format!("on {}", join(&runs)),
            };
            format!(", {days}{in_months}")
        }
        (DayOfMonth::Unspecified, DayOfWeek::Last(day)) => {
            format!(" on the last {} of {of}", WEEKDAYS[usize::from(day - 1)])
        }
        (DayOfMonth::Unspecified, DayOfWeek::Nth { day, n }) => format!(
            " on the {} {} of {of}",
            ORDINALS[usize::from(n - 1)],
            WEEKDAYS[usize::from(day - 1)]
        ),
        // Parsing refuses `?` in both fields.
        (DayOfMonth::Unspecified, DayOfWeek::Unspecified) => String::new(),
    }
}

fn year_phrase(years: &Field) -> String {
    if years.is_all() {
        return String::new();
    }
    let values: Vec<u16> = years.values().collect();
    if let Some((start, step)) = even_spacing_to_end(&values, MAX_YEAR) {
        return format!(", every {step} years from {start}");
    }
    let runs: Vec<String> = runs(&values)
        .into_iter()
        .map(|(a, b)| if a == b { a.to_string() } else { format!("{a}–{b}") })
        .collect();
    format!(", {}", join(&runs))
}

/// `(start, step)` when `values` are at least three, evenly spaced by two or more, and run up to
/// `max` (the next step would pass it): a step pattern such as `1/2` or `2020/4`.
fn even_spacing_to_end(values: &[u16], max: u16) -> Option<(u16, u16)> {
    let (&start, &second, &last) = (values.first()?, values.get(1)?, values.last()?);
    let step = second - start;
    let evenly = values.windows(2).all(|w| w[1] - w[0] == step);
    (evenly && step >= 2 && values.len() >= 3 && last + step > max).then_some((start, step))
}

/// Consecutive values grouped into inclusive `(first, last)` runs.
fn runs(values: &[u16]) -> Vec<(u16, u16)> {
    let mut runs: Vec<(u16, u16)> = Vec::new();
    for &v in values {
        match runs.last_mut() {
            Some((_, last)) if *last + 1 == v => *last = v,
            _ => runs.push((v, v)),
        }
    }
    runs
}

/// Runs written out: a run of three or more as "a through b", shorter ones as single items.
fn runs_with(values: &[u16], name: impl Fn(u16) -> String) -> Vec<String> {
    let mut items = Vec::new();
    for (a, b) in runs(values) {
        if b - a >= 2 {
            items.push(format!("{} through {}", name(a), name(b)));
        } else {
            items.extend((a..=b).map(&name));
        }
    }
    items
}

fn number_runs(values: &[u16]) -> Vec<String> {
    runs_with(values, |v| v.to_string())
}

fn name_runs(values: &[u16], names: &[&str], first: u16) -> Vec<String> {
    runs_with(values, |v| names[usize::from(v - first)].to_owned())
}

/// "a", "a and b", "a, b and c".
fn join(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// "2nd", "3rd", "12th".
fn ordinal(n: u16) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}
