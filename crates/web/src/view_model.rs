//! What the page shows, derived from [`State`] by the pure crates. Tested
//! natively, so the components stay free of decisions.
//!
//! Derived data comes in three pieces, each memoized on its own inputs so
//! that typing in one place recomputes only what depends on it:
//! - [`Matrix`]: every rule against every event (what the budget of 10
//!   rules × 100 events is about), with the reference matcher: each event
//!   is read once and each pattern matched against it. `evpat::RuleSet`
//!   gives the same verdicts, but it pays off only with many rules, and it
//!   would add about 30 KiB (gzipped) to the page;
//! - [`Evaluation`]: the selected rule and event in detail: errors, lints,
//!   the explanation, the envelope check;
//! - [`RulePanel`]: the selected rule as AWS sees it: validation, schedule,
//!   transformer previews and the export.

use std::collections::HashMap;
use std::rc::Rc;

use evpat::{
    Error, ErrorKind, Event, Explanation, Limits, Lint, Outcome, Pattern, Span, check_envelope,
    explain, lint, lint_with_event,
};
use evpat_rule::builder::{delivered_event, format_json, split_json_lines};
use evpat_rule::export::{Export, Format, export};
use evpat_rule::schedule::chrono::{DateTime, Utc};
use evpat_rule::schedule::chrono_tz::UTC;
use evpat_rule::schedule::{Schedule, Service};
use evpat_rule::transformer::{InputTransformer, ReservedValues, render};
use evpat_rule::{Rule, Target, TargetInput};

use crate::state::{EventDraft, RuleDraft, TargetDraft};

/// What one event's text is.
#[derive(Clone, Debug, PartialEq)]
pub enum EventInput {
    /// An event, matched as written.
    Event,
    /// A PutEvents entry: the event EventBridge would deliver for it, as
    /// pretty JSON, or the entry's error.
    Entry(Result<String, String>),
    /// JSON Lines: one event a line.
    Lines(Vec<String>),
}

impl EventInput {
    /// What `text` is.
    pub fn of(text: &str) -> EventInput {
        match delivered_event(text) {
            Some(delivered) => EventInput::Entry(delivered),
            None => EventInput::Event,
        }
    }

    /// The text to match: the delivered event for an entry.
    pub fn effective<'a>(&'a self, text: &'a str) -> Option<&'a str> {
        match self {
            EventInput::Event => Some(text),
            EventInput::Entry(Ok(delivered)) => Some(delivered),
            EventInput::Entry(Err(_)) | EventInput::Lines(_) => None,
        }
    }
}

/// One event's text, read once: what it is, the event it stands for, and
/// TestEventPattern's envelope check. Every rule and every view reuses it,
/// so that typing in a pattern never reads the events again: a 1 MB event
/// takes tens of milliseconds to read in the page.
#[derive(Debug)]
pub struct ReadEvent {
    /// What the text is.
    pub input: EventInput,
    /// The parsed event (the delivered one, for an entry), or why it is
    /// not one. `None` for an entry that PutEvents refuses, or JSON Lines.
    pub event: Option<Result<Event, Error>>,
    /// TestEventPattern's error for an event without an envelope.
    pub envelope: Option<Error>,
}

impl ReadEvent {
    /// Reads `text`, within AWS's limits.
    pub fn of(text: &str) -> ReadEvent {
        let mut input = EventInput::of(text);
        let mut event = input.effective(text).map(|t| Event::parse_with_limits(t, &Limits::AWS));
        if matches!(event, Some(Err(_)))
            && let Some(lines) = split_json_lines(text)
        {
            input = EventInput::Lines(lines);
            event = None;
        }
        let envelope = match (&event, input.effective(text)) {
            (Some(Ok(_)), Some(text)) => {
                check_envelope(text).err().filter(|e| e.kind() == ErrorKind::EventEnvelope)
            }
            _ => None,
        };
        ReadEvent { input, event, envelope }
    }

    /// The event's error, as its editor shows it.
    pub fn problem(&self) -> Option<Problem> {
        match (&self.input, &self.event) {
            (_, Some(Err(error))) => Some(Problem::of(error)),
            (EventInput::Entry(Err(message)), _) => Some(Problem {
                message: format!("PutEvents would refuse this entry: {message}"),
                path: None,
                hint: Some(
                    "fix the entry: Detail must be a JSON object written as a string".into(),
                ),
            }),
            _ => None,
        }
    }
}

/// The events read so far, by event key: an event is read again only when
/// its text changes.
#[derive(Debug, Default)]
pub struct EventCache {
    read: HashMap<u32, (String, Rc<ReadEvent>)>,
}

impl EventCache {
    /// Each event of `events`, read, in order; forgets removed events.
    pub fn read(&mut self, events: &[EventDraft]) -> Vec<Rc<ReadEvent>> {
        let mut kept = HashMap::with_capacity(events.len());
        let reads = events
            .iter()
            .map(|event| {
                let entry = match self.read.remove(&event.key) {
                    Some((text, read)) if text == event.text => (text, read),
                    _ => (event.text.clone(), Rc::new(ReadEvent::of(&event.text))),
                };
                let read = entry.1.clone();
                kept.insert(event.key, entry);
                read
            })
            .collect();
        self.read = kept;
        reads
    }
}

/// Every rule against every event.
#[derive(Debug)]
pub struct Matrix {
    /// Each rule's pattern, or why it is not one.
    pub patterns: Vec<Result<Pattern, Error>>,
    /// Each event, read.
    pub events: Vec<Rc<ReadEvent>>,
    /// `cells[rule][event]`: the verdict, or `None` when the rule or the
    /// event has an error.
    pub cells: Vec<Vec<Option<bool>>>,
}

impl Matrix {
    /// Matches every event text against every pattern text.
    pub fn of(patterns: &[String], events: &[String]) -> Matrix {
        let events: Vec<Rc<ReadEvent>> =
            events.iter().map(|text| Rc::new(ReadEvent::of(text))).collect();
        Matrix::with(patterns, &events)
    }

    /// Matches every read event against every pattern text.
    pub fn with(patterns: &[String], events: &[Rc<ReadEvent>]) -> Matrix {
        let patterns: Vec<Result<Pattern, Error>> =
            patterns.iter().map(|p| Pattern::parse_with_limits(p, &Limits::AWS)).collect();
        let cells = patterns
            .iter()
            .map(|pattern| {
                events
                    .iter()
                    .map(|read| match (pattern, &read.event) {
                        (Ok(pattern), Some(Ok(event))) => pattern.try_matches(event).ok(),
                        _ => None,
                    })
                    .collect()
            })
            .collect();
        Matrix { patterns, events: events.to_vec(), cells }
    }

    /// "3 of 5 events match" for the rule at `rule`.
    pub fn summary(&self, rule: usize) -> String {
        let Some(row) = self.cells.get(rule) else { return String::new() };
        if self.patterns.get(rule).is_some_and(Result::is_err) {
            return "Fix the event pattern to see which events match".to_owned();
        }
        let matching = row.iter().filter(|c| **c == Some(true)).count();
        let noun = if row.len() == 1 { "event" } else { "events" };
        let verb = if matching == 1 && row.len() == 1 { "matches" } else { "match" };
        let mut text = format!("{matching} of {} {noun} {verb}", row.len());
        let blocked = row.iter().filter(|c| c.is_none()).count();
        if blocked > 0 {
            text.push_str(&format!("; {blocked} cannot be tested until fixed"));
        }
        text
    }
}

/// The selected rule and event in detail.
#[derive(Debug)]
pub struct Evaluation {
    /// The parsed pattern, or why it is not one.
    pub pattern: Result<Pattern, Error>,
    /// The event, read.
    pub read: Rc<ReadEvent>,
    /// Why the event matches or not, when both parse.
    pub explanation: Option<Explanation>,
    /// The pattern's lints, with those that need the event when it parses.
    pub lints: Vec<Lint>,
}

/// The answer the result area gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The event matches the pattern.
    Match,
    /// The event does not match the pattern.
    NoMatch,
    /// The event spells a field both dotted and nested, and array
    /// consistency could not be decided; the explanation says why.
    Undecided,
    /// No answer until the named inputs are fixed.
    Blocked {
        /// The pattern has an error.
        pattern: bool,
        /// The event has an error.
        event: bool,
    },
}

impl Verdict {
    /// The words the result area shows.
    pub fn text(self) -> &'static str {
        match self {
            Verdict::Match => "Match",
            Verdict::NoMatch => "No match",
            Verdict::Undecided => "Cannot decide: see the explanation",
            Verdict::Blocked { pattern: true, event: true } => {
                "Fix the event pattern and the event to see a result"
            }
            Verdict::Blocked { pattern: true, .. } => "Fix the event pattern to see a result",
            Verdict::Blocked { .. } => "Fix the event to see a result",
        }
    }

    /// The verdict of a matrix cell.
    pub fn of_cell(cell: Option<bool>) -> &'static str {
        match cell {
            Some(true) => "Match",
            Some(false) => "No match",
            None => "Error",
        }
    }
}

impl Evaluation {
    /// Parses the selected rule's pattern and reads the selected event,
    /// within AWS's limits.
    pub fn of(pattern_text: &str, event_text: &str) -> Evaluation {
        Evaluation::with(pattern_text, Rc::new(ReadEvent::of(event_text)))
    }

    /// Parses the selected rule's pattern, against an event read before.
    pub fn with(pattern_text: &str, read: Rc<ReadEvent>) -> Evaluation {
        let pattern = Pattern::parse_with_limits(pattern_text, &Limits::AWS);
        let (explanation, lints) = match (&pattern, &read.event) {
            (Ok(pattern), Some(Ok(event))) => {
                (Some(explain(pattern, event)), lint_with_event(pattern, event))
            }
            (Ok(pattern), _) => (None, lint(pattern)),
            (Err(_), _) => (None, Vec::new()),
        };
        Evaluation { pattern, read, explanation, lints }
    }

    /// Whether the event matches: the explanation's verdict, which is
    /// [`Pattern::try_matches`]'s, so the event is not matched twice.
    pub fn verdict(&self) -> Verdict {
        match (&self.explanation, &self.pattern, &self.read.event) {
            (Some(explanation), ..) => match explanation.root.outcome {
                Outcome::Matched => Verdict::Match,
                Outcome::Undecided => Verdict::Undecided,
                _ => Verdict::NoMatch,
            },
            (None, pattern, event) => {
                Verdict::Blocked { pattern: pattern.is_err(), event: !matches!(event, Some(Ok(_))) }
            }
        }
    }
}

/// The size counter under the pattern editor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternSize {
    /// Characters in the pattern as typed.
    pub chars: usize,
    /// The words shown.
    pub text: String,
    /// `ok`, `warn` (over 2048) or `over` (over 4096).
    pub level: &'static str,
}

impl PatternSize {
    /// The default quota on a pattern's length.
    pub const DEFAULT: usize = 2048;
    /// The most a quota increase allows, and TestEventPattern's limit.
    pub const MAX: usize = 4096;

    /// The counter for `text`.
    pub fn of(text: &str) -> PatternSize {
        let chars = text.chars().count();
        let (level, limit) = if chars > Self::MAX {
            ("over", "over the 4096 maximum: AWS refuses it")
        } else if chars > Self::DEFAULT {
            ("warn", "over the default 2048; needs a quota increase (4096 at most)")
        } else {
            ("ok", "of 2048 (4096 with a quota increase)")
        };
        PatternSize { chars, text: format!("{chars} characters {limit}"), level }
    }
}

/// An error as an editor shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// AWS's reason and where it is: `… at line 4, column 5`.
    pub message: String,
    /// The JSON path of the offending value, unless it is the whole text.
    pub path: Option<String>,
    /// How to fix it.
    pub hint: Option<String>,
}

impl Problem {
    /// How the editors show `error`.
    pub fn of(error: &Error) -> Problem {
        Problem {
            message: format!(
                "{} at line {}, column {}",
                error.reason(),
                error.line(),
                error.column()
            ),
            path: (error.path() != "$").then(|| error.path().to_owned()),
            hint: error.hint().map(str::to_owned),
        }
    }
}

/// A byte span of `text` as UTF-16 offsets, which is what a textarea's
/// selection counts.
pub fn utf16_range(text: &str, span: Span) -> (u32, u32) {
    let offset = |byte: usize| {
        let mut byte = byte.min(text.len());
        while !text.is_char_boundary(byte) {
            byte -= 1;
        }
        text[..byte].encode_utf16().count() as u32
    };
    (offset(span.start), offset(span.end))
}

/// A run of text in the highlight layer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Byte range in the text.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
    /// CSS classes: `tk` key, `ts` string, `tn` number, `tl` literal,
    /// `tp` punctuation, empty for whitespace and unknown text; ` err`
    /// added inside the error span.
    pub class: &'static str,
}

/// Above this size the editor shows plain text: highlighting a huge paste
/// would cost more than it helps.
pub const MAX_HIGHLIGHT_BYTES: usize = 64 * 1024;

/// Splits JSON text into highlighted runs, marking `error`. Works on any
/// text, broken JSON included: it is a lexer, not a parser.
pub fn highlight(text: &str, error: Option<Span>) -> Vec<Segment> {
    let mut segments = Vec::new();
    if text.len() > MAX_HIGHLIGHT_BYTES {
        segments.push(Segment { start: 0, end: text.len(), class: "" });
    } else {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let start = i;
            let class = match bytes[i] {
                b'"' => {
                    i += 1;
                    while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                        i += if bytes[i] == b'\\' { 2 } else { 1 };
                    }
                    i = (i + 1).min(bytes.len());
                    // A string followed by `:` is a key.
                    let rest = text[i..].trim_start_matches([' ', '\t', '\r', '\n']);
                    if rest.starts_with(':') { "tk" } else { "ts" }
                }
                b'-' | b'0'..=b'9' => {
                    while i < bytes.len()
                        && matches!(bytes[i], b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-')
                    {
                        i += 1;
                    }
                    "tn"
                }
                b'{' | b'}' | b'[' | b']' | b':' | b',' => {
                    i += 1;
                    "tp"
                }
                b' ' | b'\t' | b'\r' | b'\n' => {
                    while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\r' | b'\n') {
                        i += 1;
                    }
                    ""
                }
                b if b.is_ascii_alphabetic() => {
                    while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                        i += 1;
                    }
                    if matches!(&text[start..i], "true" | "false" | "null") { "tl" } else { "" }
                }
                _ => {
                    // Anything else, up to the next ASCII byte: keeps
                    // multi-byte characters whole.
                    i += 1;
                    while i < bytes.len() && !bytes[i].is_ascii() {
                        i += 1;
                    }
                    ""
                }
            };
            // An escape at the very end can step past the text.
            let end = i.min(bytes.len());
            segments.push(Segment { start, end, class });
            i = end;
        }
    }
    match error {
        Some(span) if span.start <= text.len() => mark_error(text, segments, span),
        _ => segments,
    }
}

/// Splits `segments` at the error span and marks what is inside. An empty
/// span (the text ended too soon) marks the character before it, or the
/// place itself when the text is empty, so that something is underlined.
fn mark_error(text: &str, segments: Vec<Segment>, span: Span) -> Vec<Segment> {
    let mut start = span.start.min(text.len());
    let mut end = span.end.min(text.len()).max(start);
    if start == end {
        if end < text.len() {
            end = next_boundary(text, end);
        } else if start > 0 {
            start = previous_boundary(text, start);
        }
    }
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let mut out = Vec::with_capacity(segments.len() + 2);
    for segment in segments {
        let cuts = [
            segment.start,
            start.clamp(segment.start, segment.end),
            end.clamp(segment.start, segment.end),
            segment.end,
        ];
        for pair in cuts.windows(2) {
            if pair[0] < pair[1] {
                let inside = pair[0] >= start && pair[1] <= end;
                out.push(Segment {
                    start: pair[0],
                    end: pair[1],
                    class: error_class(segment.class, inside),
                });
            }
        }
    }
    out
}

fn error_class(class: &'static str, inside: bool) -> &'static str {
    if !inside {
        return class;
    }
    match class {
        "tk" => "tk err",
        "ts" => "ts err",
        "tn" => "tn err",
        "tl" => "tl err",
        "tp" => "tp err",
        _ => "err",
    }
}

fn next_boundary(text: &str, at: usize) -> usize {
    let mut next = at + 1;
    while next < text.len() && !text.is_char_boundary(next) {
        next += 1;
    }
    next.min(text.len())
}

fn previous_boundary(text: &str, at: usize) -> usize {
    let mut previous = at - 1;
    while !text.is_char_boundary(previous) {
        previous -= 1;
    }
    previous
}

/// The number of lines the gutter numbers: a final newline starts a line.
pub fn line_count(text: &str) -> usize {
    text.split('\n').count()
}

/// A schedule's description and its next runs, or why AWS refuses it.
pub type ScheduleView = Result<(String, Vec<DateTime<Utc>>), String>;

/// What a target receives and, when EventBridge would drop it, why; or
/// why the transformer cannot be applied.
pub type Preview = Result<(String, Option<String>), String>;

/// The selected rule, as AWS would see it.
#[derive(Debug)]
pub struct RulePanel {
    /// The rule, or why it cannot be built from the fields.
    pub rule: Result<Rule, String>,
    /// The schedule: its description and next runs, or why it is invalid.
    pub schedule: Option<ScheduleView>,
    /// The export in the selected format, or why there is none.
    pub export: Result<Export, String>,
    /// Each target's transformer preview: `None` without a transformer.
    pub previews: Vec<Option<Preview>>,
}

impl RulePanel {
    /// The panel for `draft`, exported as `format`, with schedules counted
    /// from `now` and transformers filled from `event` (an event's text).
    pub fn of(
        draft: &RuleDraft,
        format: Format,
        now: DateTime<Utc>,
        event: Option<&str>,
    ) -> RulePanel {
        let schedule =
            (!draft.schedule.trim().is_empty()).then(|| schedule_of(&draft.schedule, now));
        let rule = rule_of(draft);
        let export = match &rule {
            Ok(rule) => export(rule, format).map_err(|error| error.to_string()),
            Err(error) => Err(error.clone()),
        };
        let reserved = ReservedValues {
            rule_arn: format!("arn:aws:events:us-east-1:123456789012:rule/{}", draft.name),
            rule_name: draft.name.clone(),
            ingestion_time: "2024-01-01T00:00:00Z".to_owned(),
        };
        let previews = draft
            .targets
            .iter()
            .map(|target| {
                target.transform.then(|| {
                    let transformer = transformer_of(target)?;
                    let event = event.ok_or_else(|| {
                        "Fix the selected event to see what the target receives".to_owned()
                    })?;
                    render(&transformer, event, &reserved)
                        .map(|r| (r.output, r.reason))
                        .map_err(|error| error.to_string())
                })
            })
            .collect();
        RulePanel { rule, schedule, export, previews }
    }
}

/// The description and next 10 runs of a rule's schedule, in UTC, as
/// rules always run; or why AWS would refuse it.
fn schedule_of(expr: &str, now: DateTime<Utc>) -> ScheduleView {
    match Schedule::parse(expr, Service::Rule) {
        Ok(schedule) => Ok((schedule.describe(UTC), schedule.next_runs(now, UTC, 10))),
        Err(error) => Err(format!("{error} {}", capitalize(error.reason()))),
    }
}

/// `text` with its first letter upper-cased. Only ASCII: the reasons it is
/// given are our English sentences and AWS's, and `char::to_uppercase`
/// would put Unicode's case table (about 12 KB) into the page's wasm.
pub fn capitalize(text: &str) -> String {
    let mut text = text.to_owned();
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    text
}

fn transformer_of(target: &TargetDraft) -> Result<InputTransformer, String> {
    let paths: serde_json::Value = if target.paths_map.trim().is_empty() {
        serde_json::Value::Object(Default::default())
    } else {
        serde_json::from_str(&target.paths_map)
            .map_err(|error| format!("Input paths map is not JSON: {error}"))?
    };
    let document = serde_json::json!({
        "InputPathsMap": paths,
        "InputTemplate": target.template,
    });
    serde_json::from_value(document).map_err(|error| {
        format!("Input paths map must be an object of names to paths, such as {{\"state\": \"$.detail.state\"}}: {error}")
    })
}

/// The rule the fields describe, checked by PutRule's and PutTargets'
/// rules.
pub fn rule_of(draft: &RuleDraft) -> Result<Rule, String> {
    let mut rule = Rule::named(draft.name.trim());
    let text = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
    rule.description = text(&draft.description);
    rule.event_bus_name = text(&draft.bus);
    rule.state = draft.state;
    rule.schedule_expression = text(&draft.schedule);
    if !draft.pattern.trim().is_empty() {
        rule.event_pattern =
            Some(Pattern::parse_with_limits(&draft.pattern, &Limits::AWS).map_err(|_| {
                "The rule needs a valid event pattern: fix the errors above.".to_owned()
            })?);
    }
    for target in &draft.targets {
        rule.targets.push(Target {
            id: target.id.trim().to_owned(),
            arn: target.arn.trim().to_owned(),
            role_arn: None,
            input: if target.transform {
                Some(TargetInput::InputTransformer(transformer_of(target)?))
            } else {
                None
            },
            retry_policy: None,
            dead_letter_config: None,
        });
    }
    rule.validate().map_err(|error| error.to_string())?;
    Ok(rule)
}

/// The fields of an imported rule.
pub fn draft_of(rule: &Rule) -> RuleDraft {
    let pattern = rule
        .event_pattern
        .as_ref()
        .map(|p| format_json(p.text()).unwrap_or_else(|_| p.text().to_owned()))
        .unwrap_or_default();
    let mut draft = RuleDraft::with_pattern(0, &rule.name, &pattern);
    draft.description = rule.description.clone().unwrap_or_default();
    draft.bus = rule.event_bus_name.clone().unwrap_or_default();
    draft.state = rule.state;
    draft.schedule = rule.schedule_expression.clone().unwrap_or_default();
    draft.targets = rule
        .targets
        .iter()
        .map(|target| {
            let transformer = match &target.input {
                Some(TargetInput::InputTransformer(t)) => Some(t),
                _ => None,
            };
            TargetDraft {
                id: target.id.clone(),
                arn: target.arn.clone(),
                transform: transformer.is_some(),
                paths_map: transformer
                    .map(|t| {
                        let map: serde_json::Map<String, serde_json::Value> = t
                            .input_paths_map
                            .iter()
                            .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
                            .collect();
                        serde_json::to_string_pretty(&map).unwrap_or_default()
                    })
                    .unwrap_or_default(),
                template: transformer.map(|t| t.input_template.clone()).unwrap_or_default(),
            }
        })
        .collect();
    draft
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{Action, RuleField, State};

    fn evaluate(state: &State) -> Evaluation {
        Evaluation::of(&state.rule().pattern, &state.event().text)
    }

    #[test]
    fn the_initial_example_matches() {
        assert_eq!(evaluate(&State::default()).verdict().text(), "Match");
    }

    #[test]
    fn another_api_call_does_not_match() {
        let start = State::default();
        let event =
            start.event().text.replace("AuthorizeSecurityGroupIngress", "DescribeInstances");
        let state = start.apply(Action::EditEvent(event));
        assert_eq!(evaluate(&state).verdict().text(), "No match");
    }

    #[test]
    fn broken_inputs_block_the_verdict_and_say_which() {
        let start = State::default();
        let bad_pattern = start.apply(Action::EditPattern("{".into()));
        assert_eq!(
            evaluate(&bad_pattern).verdict().text(),
            "Fix the event pattern to see a result"
        );
        let bad_event = start.apply(Action::EditEvent("nope".into()));
        assert_eq!(evaluate(&bad_event).verdict().text(), "Fix the event to see a result");
        let both = bad_pattern.apply(Action::EditEvent("nope".into()));
        assert_eq!(
            evaluate(&both).verdict().text(),
            "Fix the event pattern and the event to see a result"
        );
    }

    /// An event the matcher cannot decide says so, in the result area and
    /// the explanation, and its matrix cell is an error.
    #[test]
    fn an_undecided_event_says_so() {
        let nested = [r#"{"x": 1, "y": 1}"#; 9].join(", ");
        let dotted = ["1"; 400].join(", ");
        let event = format!(
            r#"{{"id": "1", "account": "1", "source": "s", "time": "t", "region": "r", "detail-type": "d", "a": [{nested}], "a.x": [{dotted}], "a.y": [{dotted}]}}"#
        );
        let pattern = r#"{"a": {"x": [{"exists": true}], "y": [{"exists": true}]}}"#;
        let evaluation = Evaluation::of(pattern, &event);
        assert_eq!(evaluation.verdict(), Verdict::Undecided);
        assert_eq!(evaluation.verdict().text(), "Cannot decide: see the explanation");
        let reason = &evaluation.explanation.as_ref().unwrap().root.reason;
        assert!(reason.contains("come to 167281 combinations"), "{reason}");
        let matrix = Matrix::with(&[pattern.to_owned()], std::slice::from_ref(&evaluation.read));
        assert_eq!(Verdict::of_cell(matrix.cells[0][0]), "Error");
    }

    #[test]
    fn the_matrix_agrees_with_each_pattern_and_counts() {
        let state = State::default()
            .apply(Action::AddRule)
            .apply(Action::EditPattern(r#"{"source": ["aws.ec2"]}"#.into()))
            .apply(Action::AddEvents(vec![
                ("other".into(), r#"{"source": "aws.s3"}"#.into()),
                ("broken".into(), "{".into()),
            ]));
        let patterns: Vec<String> = state.rules.iter().map(|r| r.pattern.clone()).collect();
        let events: Vec<String> = state.events.iter().map(|e| e.text.clone()).collect();
        let matrix = Matrix::of(&patterns, &events);
        assert_eq!(matrix.cells[0], [Some(true), Some(false), None]);
        assert_eq!(matrix.cells[1], [Some(true), Some(false), None]);
        assert_eq!(matrix.summary(0), "1 of 3 events match; 1 cannot be tested until fixed");
        assert!(matches!(matrix.events[2].event, Some(Err(_))));
    }

    #[test]
    fn entries_are_matched_as_delivered_and_lines_are_offered_a_split() {
        let entry = r#"{"Source": "com.example.orders", "DetailType": "OrderCreated", "Detail": "{\"total\": 5}"}"#;
        let lines = "{\"source\": \"a\"}\n{\"source\": \"b\"}\n";
        let patterns = vec![r#"{"source": ["com.example.orders"]}"#.to_owned()];
        let matrix = Matrix::of(&patterns, &[entry.to_owned(), lines.to_owned()]);
        assert_eq!(matrix.cells[0], [Some(true), None]);
        assert!(matches!(matrix.events[0].input, EventInput::Entry(Ok(_))));
        assert!(matches!(&matrix.events[1].input, EventInput::Lines(l) if l.len() == 2));
        let evaluation = Evaluation::of(&patterns[0], entry);
        assert_eq!(evaluation.verdict(), Verdict::Match);
        assert!(evaluation.read.envelope.is_none(), "a delivered event has its envelope");
    }

    #[test]
    fn events_without_an_envelope_get_aws_error() {
        let evaluation = Evaluation::of(r#"{"source": ["a"]}"#, r#"{"source": "a"}"#);
        let envelope = evaluation.read.envelope.as_ref().unwrap();
        assert_eq!(envelope.to_string(), "Parameter Event is not valid.");
        assert_eq!(
            envelope.reason(),
            "the event has no `id`, `account`, `time`, `region`, `detail-type`"
        );
        assert_eq!(evaluation.verdict(), Verdict::Match, "evpat still answers");
    }

    #[test]
    fn spans_become_utf16_offsets() {
        // `é` is 2 bytes and 1 UTF-16 unit; `😀` is 4 bytes and 2 units.
        let text = "é😀ab";
        assert_eq!(utf16_range(text, Span { start: 0, end: 2 }), (0, 1));
        assert_eq!(utf16_range(text, Span { start: 2, end: 6 }), (1, 3));
        assert_eq!(utf16_range(text, Span { start: 6, end: 8 }), (3, 5));
        assert_eq!(utf16_range(text, Span { start: 7, end: 99 }), (4, 5));
    }

    fn classes(text: &str, error: Option<Span>) -> Vec<(&str, &'static str)> {
        highlight(text, error).into_iter().map(|s| (&text[s.start..s.end], s.class)).collect()
    }

    #[test]
    fn highlighting_covers_every_byte_and_keeps_characters_whole() {
        let text = "{\"dé😀\":\t[1.5e3, true, \"x\\\"y\"]}\n";
        assert_eq!(
            classes(text, None),
            [
                ("{", "tp"),
                ("\"dé😀\"", "tk"),
                (":", "tp"),
                ("\t", ""),
                ("[", "tp"),
                ("1.5e3", "tn"),
                (",", "tp"),
                (" ", ""),
                ("true", "tl"),
                (",", "tp"),
                (" ", ""),
                ("\"x\\\"y\"", "ts"),
                ("]", "tp"),
                ("}", "tp"),
                ("\n", ""),
            ]
        );
        // Broken text, an escape at the very end, stray characters.
        for text in ["\"\\", "{é}", "😀", "\"abc", "@@ x"] {
            let joined: String = classes(text, None).iter().map(|(t, _)| *t).collect();
            assert_eq!(joined, text);
        }
    }

    #[test]
    fn the_error_span_is_marked() {
        let text = "{\"a\": x}";
        assert_eq!(
            classes(text, Some(Span { start: 6, end: 7 })),
            [("{", "tp"), ("\"a\"", "tk"), (":", "tp"), (" ", ""), ("x", "err"), ("}", "tp")]
        );
        // At the end of the text, the last character is marked.
        assert_eq!(classes("{", Some(Span { start: 1, end: 1 })), [("{", "tp err")]);
        assert_eq!(classes("", Some(Span { start: 0, end: 0 })), []);
    }

    #[test]
    fn the_size_counter_names_both_limits() {
        assert_eq!(PatternSize::of("{}").text, "2 characters of 2048 (4096 with a quota increase)");
        assert_eq!(PatternSize::of(&"é".repeat(3000)).level, "warn");
        assert_eq!(PatternSize::of(&"x".repeat(5000)).level, "over");
    }

    #[test]
    fn the_rule_panel_exports_validates_and_schedules() {
        let now: DateTime<Utc> = "2024-01-01T00:00:00Z".parse().unwrap();
        let state = State::default();
        let panel = RulePanel::of(state.rule(), Format::ApiJson, now, None);
        let text = panel.export.unwrap().text;
        assert!(text.contains("\"Name\": \"detect-security-group-changes\""), "{text}");
        let state = state.apply(Action::EditRule(RuleField::Schedule, "rate(5 minutes)".into()));
        let panel = RulePanel::of(state.rule(), Format::ApiJson, now, None);
        let (description, runs) = panel.schedule.unwrap().unwrap();
        assert_eq!(description, "every 5 minutes");
        assert_eq!(runs.len(), 10);
        assert_eq!(runs[0].to_rfc3339(), "2024-01-01T00:05:00+00:00");
        let state = state.apply(Action::EditRule(RuleField::Schedule, "rate(1 minutes)".into()));
        let panel = RulePanel::of(state.rule(), Format::ApiJson, now, None);
        assert_eq!(
            panel.schedule.unwrap().unwrap_err(),
            "Parameter ScheduleExpression is not valid. Rate(1 …) takes the singular unit: `minute`, not `minutes`"
        );
        let state = state.apply(Action::EditRule(RuleField::Name, "two words".into()));
        let error = RulePanel::of(state.rule(), Format::ApiJson, now, None).rule.unwrap_err();
        assert!(error.contains("Member must satisfy regular expression pattern"), "{error}");
    }

    #[test]
    fn transformers_preview_what_the_target_receives() {
        let now: DateTime<Utc> = "2024-01-01T00:00:00Z".parse().unwrap();
        let state = State::default().apply(Action::AddTarget).apply(Action::SetTransform(0, true));
        let event = state.event().text.clone();
        let panel = RulePanel::of(state.rule(), Format::ApiJson, now, Some(&event));
        let (output, dropped) = panel.previews[0].clone().unwrap().unwrap();
        assert_eq!(output, "\"AWS API Call via CloudTrail from aws.ec2\"");
        assert_eq!(dropped, None);
    }

    #[test]
    fn imported_rules_come_back_as_the_same_fields() {
        let state = State::default().apply(Action::AddTarget).apply(Action::SetTransform(0, true));
        let rule = rule_of(state.rule()).unwrap();
        let draft = draft_of(&rule);
        assert_eq!(rule_of(&draft).unwrap(), rule);
        assert_eq!(draft.pattern, state.rule().pattern);
    }

    #[test]
    fn problems_carry_aws_reason_place_and_hint() {
        let state =
            State::default().apply(Action::EditPattern("{\n  \"source\": \"aws.ec2\"\n}".into()));
        let evaluation = evaluate(&state);
        let problem = Problem::of(evaluation.pattern.as_ref().unwrap_err());
        assert_eq!(
            problem,
            Problem {
                message: "\"source\" must be an object or an array at line 2, column 13".into(),
                path: Some("$.source".into()),
                hint: Some("put the value in an array: [\"aws.ec2\"]".into()),
            }
        );
    }
}
