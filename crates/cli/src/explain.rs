//! `evpat explain`: why a pattern answers as it does about an event, as a
//! tree with ✓ and ✗; and the same explanation under failed spec cases.
//!
//! The tree's text is evpat's own rendering (`Display` for
//! `Explanation`); this module adds color on a terminal, and a JSON form
//! for tools.

use std::io::{self, Write};
use std::path::PathBuf;

use evpat::{Check, CheckSubject, Event, Explanation, Limits, Outcome, Pattern, Subject};
use serde_json::{Value, json};

use crate::style::Palette;
use crate::{Status, check, input};

/// The arguments of `evpat explain`.
#[derive(clap::Args)]
pub struct Args {
    /// The pattern file; `-` reads standard input.
    pattern_file: PathBuf,
    /// The event file; `-` reads standard input.
    event_file: PathBuf,
    /// Accept any JSON object as an event, without the envelope fields
    /// that AWS's TestEventPattern requires.
    #[arg(long)]
    any_event: bool,
    /// Print the tree as JSON.
    #[arg(long)]
    json: bool,
}

/// Explains, printing to stdout; exits like `evpat test`: 0 on a match, 1
/// on no match, 2 on an error.
pub fn run(args: &Args) -> anyhow::Result<Status> {
    input::stdin_at_most_once([args.pattern_file.as_path(), args.event_file.as_path()])
        .map_err(anyhow::Error::msg)?;
    let (pattern_name, pattern_text) = input::read_command_input(&args.pattern_file)?;
    let (event_name, event_text) = input::read_command_input(&args.event_file)?;
    let pattern = match Pattern::parse_with_limits(&pattern_text, &Limits::AWS) {
        Ok(pattern) => pattern,
        Err(error) => {
            note!("{}", check::pattern_error(&pattern_name, &pattern_text, &error));
            return Ok(Status::Error);
        }
    };
    if !args.any_event
        && let Err(error) = evpat::test_event_pattern(&pattern_text, &event_text)
        && error.subject() == Subject::Event
    {
        note!("{}", event_error(&event_name, &error));
        return Ok(Status::Error);
    }
    let event = match Event::parse_with_limits(&event_text, &Limits::AWS) {
        Ok(event) => event,
        Err(error) => {
            note!("{}", event_error(&event_name, &error));
            return Ok(Status::Error);
        }
    };
    let explanation = evpat::explain(&pattern, &event);
    let mut out = io::stdout().lock();
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&to_json(&explanation))?)?;
    } else {
        write!(out, "{}", colored(&explanation.to_string(), Palette::for_stdout()))?;
    }
    out.flush()?;
    Ok(if explanation.matched { Status::Success } else { Status::Failure })
}

fn event_error(name: &str, error: &evpat::Error) -> String {
    let hint = error.hint().map(|hint| format!("\n  = hint: {hint}")).unwrap_or_default();
    format!("{name}:{}:{}: {error} {}{hint}", error.line(), error.column(), error.reason())
}

/// Why `pattern` matched, or did not match, the event `event_text`, for a
/// failed spec case; `None` when the event cannot be read.
pub fn explanation(pattern: &Pattern, event_text: &str) -> Option<String> {
    let event = Event::parse(event_text).ok()?;
    Some(evpat::explain(pattern, &event).to_string())
}

/// The marks in green and red.
fn colored(text: &str, palette: Palette) -> String {
    text.replace('✓', &palette.green("✓")).replace('✗', &palette.red("✗"))
}

/// The tree as JSON: every check with its verdict, reason, spans and
/// compared values.
pub fn to_json(explanation: &Explanation) -> Value {
    json!({ "matched": explanation.matched, "root": check_json(&explanation.root) })
}

fn check_json(check: &Check) -> Value {
    let (kind, name) = match &check.subject {
        CheckSubject::Pattern => ("pattern", Value::Null),
        CheckSubject::Field(key) => ("field", json!(key)),
        CheckSubject::Or => ("or", Value::Null),
        CheckSubject::Branch(index) => ("branch", json!(index)),
        CheckSubject::Condition(written) => ("condition", json!(written)),
    };
    let outcome = match check.outcome {
        Outcome::Matched => "matched",
        Outcome::Failed => "failed",
        Outcome::Missing => "missing",
        Outcome::TypeMismatch => "type-mismatch",
        Outcome::NotEvaluated => "not-evaluated",
        Outcome::Undecided => "undecided",
    };
    json!({
        "kind": kind,
        "name": name,
        "outcome": outcome,
        "matched": check.matched,
        "reason": check.reason,
        "path": check.path,
        "keys": check.keys,
        "span": { "start": check.span.start, "end": check.span.end },
        "values": check.values.iter().map(|v| json!({
            "path": v.path,
            "span": { "start": v.span.start, "end": v.span.end },
            "value": v.text,
            "matched": v.matched,
        })).collect::<Vec<_>>(),
        "hints": check.hints,
        "children": check.children.iter().map(check_json).collect::<Vec<_>>(),
    })
}
