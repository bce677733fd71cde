//! `cron(Minutes Hours Day-of-month Month Day-of-week Year)`: AWS's six-field cron, parsed
//! strictly and evaluated in a time zone.
//!
//! This is a small engine of our own rather than the `croner` crate. croner builds with Rust
//! 1.95 and knows `L`, `W`, `#`, `?`, a year field and Quartz's 1 = SUN weekdays, but it does not
//! have AWS's semantics exactly:
//!
//! - In a spring-forward gap it runs a fixed-time job at the first minute after the gap
//!   (Vixie cron's rule). EventBridge Scheduler skips local times that don't exist.
//! - Over a fall-back overlap it runs wildcard and step minutes in both passes. Scheduler runs
//!   an ambiguous local time once.
//! - It reads six fields as seconds first, so AWS's Year field needs a seconds field in front
//!   (7 fields). It also accepts much that AWS does not document (`@daily` nicknames, `+` for
//!   day-of-month AND day-of-week, `5#L`) and turns `?` into `*`, so it cannot tell us why AWS
//!   would refuse an expression.
//!
//! We would need our own strict validator on top in any case, to say which field and which
//! token is wrong. Evaluation is then a short day-by-day walk (below), so owning it costs little.
//!
//! Quartz's behaviour decides what AWS leaves unsaid: `nW` never crosses into another month,
//! `L` alone in Day-of-week is Saturday, and month and weekday names (and `L`, `W`) are
//! case-insensitive, since Quartz upper-cases the whole expression before parsing it.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// The first year a cron expression may name.
pub(super) const MIN_YEAR: u16 = 1970;
/// The last year a cron expression may name. Searches for fire times stop after it.
pub(super) const MAX_YEAR: u16 = 2199;

const MONTH_NAMES: [&str; 12] =
    ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAY_NAMES: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/// One of the six fields, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum FieldKind {
    Minutes,
    Hours,
    DayOfMonth,
    Month,
    DayOfWeek,
    Year,
}

impl FieldKind {
    const ALL: [FieldKind; 6] = [
        FieldKind::Minutes,
        FieldKind::Hours,
        FieldKind::DayOfMonth,
        FieldKind::Month,
        FieldKind::DayOfWeek,
        FieldKind::Year,
    ];

    /// The field's name as AWS's documentation writes it.
    fn name(self) -> &'static str {
        match self {
            FieldKind::Minutes => "Minutes",
            FieldKind::Hours => "Hours",
            FieldKind::DayOfMonth => "Day-of-month",
            FieldKind::Month => "Month",
            FieldKind::DayOfWeek => "Day-of-week",
            FieldKind::Year => "Year",
        }
    }

    fn min(self) -> u16 {
        match self {
            FieldKind::Minutes | FieldKind::Hours => 0,
            FieldKind::DayOfMonth | FieldKind::Month | FieldKind::DayOfWeek => 1,
            FieldKind::Year => MIN_YEAR,
        }
    }

    fn max(self) -> u16 {
        match self {
            FieldKind::Minutes => 59,
            FieldKind::Hours => 23,
            FieldKind::DayOfMonth => 31,
            FieldKind::Month => 12,
            FieldKind::DayOfWeek => 7,
            FieldKind::Year => MAX_YEAR,
        }
    }

    /// The values the field takes, for messages.
    fn values(self) -> &'static str {
        match self {
            FieldKind::Minutes => "0-59",
            FieldKind::Hours => "0-23",
            FieldKind::DayOfMonth => "1-31",
            FieldKind::Month => "1-12 or JAN-DEC",
            FieldKind::DayOfWeek => "1-7 or SUN-SAT, where 1 = SUN",
            FieldKind::Year => "1970-2199",
        }
    }

    fn names(self) -> &'static [&'static str] {
        match self {
            FieldKind::Month => &MONTH_NAMES,
            FieldKind::DayOfWeek => &DAY_NAMES,
            _ => &[],
        }
    }

    /// Whether `/` is allowed. AWS's table leaves it out of Day-of-week only.
    fn takes_step(self) -> bool {
        self != FieldKind::DayOfWeek
    }

    fn error(self, detail: impl std::fmt::Display) -> String {
        format!("{}: {detail}", self.name())
    }
}

/// A set of small numbers, at most 256 of them, offset by a field's minimum.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Bits([u64; 4]);

impl Bits {
    fn insert(&mut self, i: u16) {
        self.0[usize::from(i / 64)] |= 1 << (i % 64);
    }

    fn contains(self, i: u16) -> bool {
        i < 256 && self.0[usize::from(i / 64)] & (1 << (i % 64)) != 0
    }
}

/// One comma-separated part of a field, as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Item {
    /// `*`
    All,
    /// `5`, `JAN`
    Value(u16),
    /// `1-5`, `MON-FRI`
    Range(u16, u16),
    /// `0/15`, `*/15`, `8-17/3`: from `start` to `end` (the field's maximum when absent) in
    /// steps of `step`.
    Step { start: u16, end: u16, step: u16 },
}

/// A list field (Minutes, Hours, Month, Year, and the plain forms of the two day fields): the set
/// of values it allows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Field {
    kind: FieldKind,
    bits: Bits,
}

impl Field {
    fn new(kind: FieldKind, items: &[Item]) -> Field {
        let mut field = Field { kind, bits: Bits::default() };
        for &item in items {
            let (start, end, step) = match item {
                Item::All => (kind.min(), kind.max(), 1),
                Item::Value(v) => (v, v, 1),
                Item::Range(a, b) => (a, b, 1),
                Item::Step { start, end, step } => (start, end, step),
            };
            for v in (start..=end).step_by(usize::from(step)) {
                field.bits.insert(v - kind.min());
            }
        }
        field
    }

    pub(super) fn contains(&self, value: u16) -> bool {
        value >= self.kind.min() && self.bits.contains(value - self.kind.min())
    }

    /// The smallest allowed value that is at least `value`.
    fn next_at_or_after(&self, value: u16) -> Option<u16> {
        (value.max(self.kind.min())..=self.kind.max()).find(|&v| self.contains(v))
    }

    /// The allowed values, in ascending order.
    pub(super) fn values(&self) -> impl Iterator<Item = u16> + '_ {
        (self.kind.min()..=self.kind.max()).filter(|&v| self.contains(v))
    }

    /// Whether every value of the field is allowed.
    pub(super) fn is_all(&self) -> bool {
        self.values().count() == usize::from(self.kind.max() - self.kind.min() + 1)
    }
}

/// The Day-of-month field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum DayOfMonth {
    /// `?`: Day-of-week decides.
    Unspecified,
    /// `*`, values, ranges and steps.
    Days(Field),
    /// `L`: the last day of the month.
    Last,
    /// `15W`: the weekday (Monday to Friday) nearest the 15th, within the same month.
    NearestWeekday(u16),
}

/// The Day-of-week field. Days are numbered 1 = Sunday to 7 = Saturday.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum DayOfWeek {
    /// `?`: Day-of-month decides.
    Unspecified,
    /// `*`, values and ranges. `L` alone is Saturday, as in Quartz.
    Days(Field),
    /// `6L`: the last Friday of the month.
    Last(u16),
    /// `3#2`: the second Tuesday of the month.
    Nth { day: u16, n: u16 },
}

/// A parsed `cron()` expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Cron {
    pub(super) minutes: Field,
    pub(super) hours: Field,
    pub(super) day_of_month: DayOfMonth,
    pub(super) months: Field,
    pub(super) day_of_week: DayOfWeek,
    pub(super) years: Field,
}

impl Cron {
    /// Parses what is between `cron(` and `)`. The error is our reason.
    pub(super) fn parse(body: &str) -> Result<Cron, String> {
        if body.trim() != body {
            return Err(
                "cron() has whitespace just inside its parentheses: write cron(0 10 * * ? *)"
                    .to_owned(),
            );
        }
        if body.chars().any(|c| c.is_whitespace() && c != ' ') || body.contains("  ") {
            return Err("cron() fields are separated by single spaces".to_owned());
        }
        let fields: Vec<&str> =
            if body.is_empty() { Vec::new() } else { body.split(' ').collect() };
        if fields.len() != 6 {
            let hint = match fields.len() {
                5 => "; add a Year field (`*` for every year)",
                7 => "; AWS cron has no seconds field",
                _ => "",
            };
            return Err(format!(
                "cron() takes 6 fields (Minutes Hours Day-of-month Month Day-of-week Year), found {}{hint}",
                fields.len()
            ));
        }
        for (&kind, &text) in FieldKind::ALL.iter().zip(&fields) {
            if text.split(',').any(str::is_empty) {
                return Err(kind.error(format_args!("`{text}` has an empty list item")));
            }
        }
        let minutes = parse_list(FieldKind::Minutes, fields[0])?;
        let hours = parse_list(FieldKind::Hours, fields[1])?;
        let day_of_month = parse_day_of_month(fields[2])?;
        let months = parse_list(FieldKind::Month, fields[3])?;
        let day_of_week = parse_day_of_week(fields[4])?;
        let years = parse_list(FieldKind::Year, fields[5])?;
        match (&day_of_month, &day_of_week) {
            (DayOfMonth::Unspecified, DayOfWeek::Unspecified) => {
                return Err("Day-of-month and Day-of-week cannot both be `?`: \
                            exactly one of them must be `?`"
                    .to_owned());
            }
            (DayOfMonth::Unspecified, _) | (_, DayOfWeek::Unspecified) => {}
            _ => {
                return Err(format!(
                    "Day-of-month (`{}`) and Day-of-week (`{}`) cannot both be set: \
                     exactly one of them must be `?`",
                    fields[2], fields[4]
                ));
            }
        }
        Ok(Cron { minutes, hours, day_of_month, months, day_of_week, years })
    }

    /// The next `count` fire times strictly after `after`, with the fields read as local time
    /// in `tz`. Local times that don't exist are skipped; ambiguous ones fire once, at their
    /// first occurrence.
    pub(super) fn next_runs(
        &self,
        after: DateTime<Utc>,
        tz: Tz,
        count: usize,
    ) -> Vec<DateTime<Utc>> {
        let mut runs: Vec<DateTime<Utc>> = Vec::new();
        if count == 0 {
            return runs;
        }
        // Local clocks can step back, so an instant after `after` may have an earlier local
        // date. Two days covers any real zone's step; times not after `after` are dropped.
        let after_date = after.with_timezone(&tz).date_naive();
        let mut date = after_date.checked_sub_days(chrono::Days::new(2)).unwrap_or(after_date);
        if date < ymd(MIN_YEAR, 1) {
            date = ymd(MIN_YEAR, 1);
        }
        // Each pass either moves to a later month or year in one step, or advances one day in a
        // month the schedule allows, so the walk ends after at most one pass per day up to the
        // end of MAX_YEAR.
        while date.year() <= i32::from(MAX_YEAR) {
            let year = date.year() as u16;
            match self.years.next_at_or_after(year) {
                Some(y) if y == year => {}
                Some(y) => {
                    date = ymd(y, 1);
                    continue;
                }
                None => break,
            }
            let month = date.month() as u16;
            match self.months.next_at_or_after(month) {
                Some(m) if m == month => {}
                Some(m) => {
                    date = ymd(year, m);
                    continue;
                }
                None => {
                    date = ymd(year + 1, 1);
                    continue;
                }
            }
            if self.day_matches(date) {
                for hour in self.hours.values() {
                    for minute in self.minutes.values() {
                        let Some(local) = date.and_hms_opt(hour.into(), minute.into(), 0) else {
                            continue;
                        };
                        let Some(at) = first_instant(tz, local) else { continue };
                        if at > after && runs.last().is_none_or(|&last| at > last) {
                            runs.push(at);
                            if runs.len() == count {
                                return runs;
                            }
                        }
                    }
                }
            }
            match date.succ_opt() {
                Some(next) => date = next,
                None => break,
            }
        }
        runs
    }

    fn day_matches(&self, date: NaiveDate) -> bool {
        let day = date.day() as u16;
        let last = last_day_of_month(date);
        let weekday = date.weekday().number_from_sunday() as u16;
        let by_month_day = match &self.day_of_month {
            DayOfMonth::Unspecified => None,
            DayOfMonth::Days(field) => Some(field.contains(day)),
            DayOfMonth::Last => Some(day == last),
            DayOfMonth::NearestWeekday(target) => {
                Some(nearest_weekday(date.with_day(1).unwrap_or(date), *target, last) == Some(day))
            }
        };
        let by_week_day = match &self.day_of_week {
            DayOfWeek::Unspecified => None,
            DayOfWeek::Days(field) => Some(field.contains(weekday)),
            DayOfWeek::Last(wanted) => Some(weekday == *wanted && day + 7 > last),
            DayOfWeek::Nth { day: wanted, n } => {
                Some(weekday == *wanted && (day - 1) / 7 + 1 == *n)
            }
        };
        // Parsing guarantees that exactly one of the two is `?`.
        by_month_day.or(by_week_day).unwrap_or(false)
    }
}

/// The first of `year`'s `month`.
fn ymd(year: u16, month: u16) -> NaiveDate {
    NaiveDate::from_ymd_opt(i32::from(year), u32::from(month), 1)
        .expect("years up to 2200 and months 1-12 make valid dates")
}

fn last_day_of_month(date: NaiveDate) -> u16 {
    let (year, month) =
        if date.month() == 12 { (date.year() + 1, 1) } else { (date.year(), date.month() + 1) };
    NaiveDate::from_ymd_opt(year, month, 1)
        .and_then(|first| first.pred_opt())
        .map_or(28, |last| last.day() as u16)
}

/// Quartz's `nW`: the weekday nearest day `target` of the month that starts on `first`, never
/// leaving the month (`1W` on a Saturday is Monday the 3rd; `31W` on a Sunday is Friday the 29th).
/// None when the month has no day `target`.
fn nearest_weekday(first: NaiveDate, target: u16, last: u16) -> Option<u16> {
    if target > last {
        return None;
    }
    let date = first.with_day(u32::from(target))?;
    Some(match date.weekday().number_from_sunday() {
        7 if target == 1 => 3,
        7 => target - 1,
        1 if target == last => target - 2,
        1 => target + 1,
        _ => target,
    })
}

/// The instant at which `tz`'s clocks show `local`: None in a spring-forward gap, the first
/// occurrence in a fall-back overlap.
pub(super) fn first_instant(tz: Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    tz.from_local_datetime(&local).earliest().map(|at| at.with_timezone(&Utc))
}

/// Parses a field made of `*`, values, ranges and steps.
fn parse_list(kind: FieldKind, text: &str) -> Result<Field, String> {
    let items =
        text.split(',').map(|token| parse_item(kind, token)).collect::<Result<Vec<_>, _>>()?;
    Ok(Field::new(kind, &items))
}

fn parse_item(kind: FieldKind, token: &str) -> Result<Item, String> {
    if token == "*" {
        return Ok(Item::All);
    }
    if token == "?" {
        return Err(kind.error("`?` is only allowed in Day-of-month and Day-of-week"));
    }
    if let Some((base, step)) = token.split_once('/') {
        if !kind.takes_step() {
            return Err(not_taken(kind, "`/`", token));
        }
        let span = kind.max() - kind.min() + 1;
        let step = match parse_number(step) {
            Some(n) if (1..=u32::from(span)).contains(&n) => n as u16,
            Some(_) => {
                return Err(
                    kind.error(format_args!("the step in `{token}` must be between 1 and {span}"))
                );
            }
            None => return Err(kind.error(format_args!("the step in `{token}` is not a number"))),
        };
        let (start, end) = match base {
            "*" => (kind.min(), kind.max()),
            "" => {
                return Err(kind.error(format_args!(
                    "`{token}` needs a start, as in `{}{token}`",
                    kind.min()
                )));
            }
            _ => match base.split_once('-') {
                Some((a, b)) => parse_range(kind, token, a, b)?,
                None => (parse_value(kind, base)?, kind.max()),
            },
        };
        return Ok(Item::Step { start, end, step });
    }
    if let Some((a, b)) = token.split_once('-') {
        let (a, b) = parse_range(kind, token, a, b)?;
        return Ok(Item::Range(a, b));
    }
    parse_value(kind, token).map(Item::Value)
}

fn parse_range(kind: FieldKind, token: &str, a: &str, b: &str) -> Result<(u16, u16), String> {
    let (start, end) = (parse_value(kind, a)?, parse_value(kind, b)?);
    if start > end {
        return Err(kind.error(format_args!(
            "the range `{token}` runs backwards; list it as two ranges instead"
        )));
    }
    Ok((start, end))
}

/// A number or, in Month and Day-of-week, a three-letter name (any case).
fn parse_value(kind: FieldKind, token: &str) -> Result<u16, String> {
    if let Some(n) = parse_number(token) {
        if (u32::from(kind.min())..=u32::from(kind.max())).contains(&n) {
            return Ok(n as u16);
        }
        return Err(kind.error(format_args!("`{token}` is out of range ({})", kind.values())));
    }
    if !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit()) {
        return Err(kind.error(format_args!("`{token}` is out of range ({})", kind.values())));
    }
    if let Some(i) = kind.names().iter().position(|name| name.eq_ignore_ascii_case(token)) {
        return Ok(kind.min() + i as u16);
    }
    let special = match token.to_ascii_uppercase().as_str() {
        t if t.contains('#') => Some("`#`"),
        t if t.ends_with('W')
            && t.len() > 1
            && t[..t.len() - 1].bytes().all(|b| b.is_ascii_digit()) =>
        {
            Some("`W`")
        }
        t if t.ends_with('L') => Some("`L`"),
        _ => None,
    };
    match special {
        Some(what) => Err(not_taken(kind, what, token)),
        None => Err(kind.error(format_args!("`{token}` is not a valid value ({})", kind.values()))),
    }
}

/// "Minutes does not take `L` (`5L`)".
fn not_taken(kind: FieldKind, what: &str, token: &str) -> String {
    if what.trim_matches('`') == token {
        format!("{} does not take {what}", kind.name())
    } else {
        format!("{} does not take {what} (`{token}`)", kind.name())
    }
}

/// Plain decimal digits, as a number; None for anything else or for overflow.
fn parse_number(token: &str) -> Option<u32> {
    if token.is_empty() || !token.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    token.parse().ok()
}

fn parse_day_of_month(text: &str) -> Result<DayOfMonth, String> {
    let kind = FieldKind::DayOfMonth;
    let upper = text.to_ascii_uppercase();
    if text.contains(',') && (text.contains('?') || upper.contains('L') || upper.contains('W')) {
        return Err(kind.error(format_args!(
            "`?`, `L` and `W` must be the whole field, not part of a list (`{text}`)"
        )));
    }
    match upper.as_str() {
        "?" => return Ok(DayOfMonth::Unspecified),
        "L" => return Ok(DayOfMonth::Last),
        "LW" => {
            return Err(kind.error(
                "`LW` (last weekday) is a Quartz form that AWS does not document; use `L` or `nW`",
            ));
        }
        _ => {}
    }
    if upper.starts_with("L-") {
        return Err(kind.error(format_args!(
            "`{text}` (an offset from the last day) is a Quartz form that AWS does not document"
        )));
    }
    if text.contains('#') {
        return Err(not_taken(kind, "`#`", text) + "; `#` belongs in Day-of-week, as in `3#2`");
    }
    if let Some(day) = upper.strip_suffix('W') {
        return match parse_number(day) {
            Some(n @ 1..=31) => Ok(DayOfMonth::NearestWeekday(n as u16)),
            Some(_) => Err(kind.error(format_args!("`{text}` is out of range (1W-31W)"))),
            None => {
                Err(kind.error(format_args!("`W` takes a single day, as in `15W`, not `{text}`")))
            }
        };
    }
    if upper.contains('L') {
        return Err(kind.error(format_args!(
            "`L` stands alone in Day-of-month (the last day of the month), not `{text}`"
        )));
    }
    parse_list(kind, text).map(DayOfMonth::Days)
}

fn parse_day_of_week(text: &str) -> Result<DayOfWeek, String> {
    let kind = FieldKind::DayOfWeek;
    let upper = text.to_ascii_uppercase();
    if text.matches('#').count() > 1 {
        return Err(kind.error(format_args!("only one `#` expression is allowed, not `{text}`")));
    }
    if text.contains(',') && (text.contains('?') || text.contains('#') || upper.contains('L')) {
        return Err(kind.error(format_args!(
            "`?`, `L` and `#` must be the whole field, not part of a list (`{text}`)"
        )));
    }
    match upper.as_str() {
        "?" => return Ok(DayOfWeek::Unspecified),
        "L" => return Ok(DayOfWeek::Days(Field::new(kind, &[Item::Value(7)]))),
        _ => {}
    }
    if let Some((day, n)) = text.split_once('#') {
        let day = parse_value(kind, day)?;
        return match parse_number(n) {
            Some(n @ 1..=5) => Ok(DayOfWeek::Nth { day, n: n as u16 }),
            _ => Err(kind.error(format_args!(
                "in `{text}`, the number after `#` must be 1-5 (which week of the month)"
            ))),
        };
    }
    if let Some(day) = upper.strip_suffix('L') {
        if day.contains('-') {
            return Err(
                kind.error(format_args!("`L` takes a single day, as in `6L`, not `{text}`"))
            );
        }
        return parse_value(kind, &text[..day.len()]).map(DayOfWeek::Last);
    }
    parse_list(kind, text).map(DayOfWeek::Days)
}
