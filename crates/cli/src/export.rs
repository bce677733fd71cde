//! `evpat export`: a rule written in the format a tool wants.
//!
//! The rule file is PutRule-shaped JSON (with an optional `Targets` array
//! as PutTargets takes it), or a bare event pattern plus `--name`. The
//! export goes to stdout; what to check before trusting it (warnings) goes
//! to stderr, so that `evpat export … > rule.yaml` writes only the rule.

use std::io::{self, Write};
use std::path::PathBuf;

use evpat::{Limits, Pattern};
use evpat_rule::Rule;
use evpat_rule::export::{Format, export};

use crate::{Status, input};

/// The arguments of `evpat export`.
#[derive(clap::Args)]
pub struct Args {
    /// The format to write.
    #[arg(long, short, value_parser = format_names())]
    format: String,
    /// PutRule-shaped JSON, or a bare event pattern (then `--name` is
    /// needed); `-` reads standard input.
    rule_file: PathBuf,
    /// The rule's name: required for a bare pattern, and replaces the
    /// rule file's `Name`.
    #[arg(long)]
    name: Option<String>,
}

fn format_names() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(Format::ALL.map(Format::name))
}

/// Writes the export. Exits 0, or 2 when the rule cannot be read, is
/// invalid, or does not fit the format.
pub fn run(args: &Args) -> anyhow::Result<Status> {
    let (name, text) = input::read_command_input(&args.rule_file)?;
    let rule = match read_rule(&name, &text, args.name.as_deref()) {
        Ok(rule) => rule,
        Err(message) => {
            note!("{message}");
            return Ok(Status::Error);
        }
    };
    // The value parser admits only the names of formats.
    let Some(format) = Format::from_name(&args.format) else {
        return Ok(Status::Error);
    };
    match export(&rule, format) {
        Ok(out) => {
            let mut stdout = io::stdout().lock();
            stdout.write_all(out.text.as_bytes())?;
            stdout.flush()?;
            for warning in out.warnings {
                note!("warning: {warning}");
            }
            Ok(Status::Success)
        }
        Err(error) => {
            note!("evpat: {name}: {error}");
            Ok(Status::Error)
        }
    }
}

/// Whether a JSON document is PutRule-shaped rather than a bare pattern:
/// it has one of PutRule's fields at the top. An event pattern's top-level
/// keys are event fields (`source`, `detail`, …), never these.
fn is_rule(text: &str) -> bool {
    const FIELDS: [&str; 5] = ["Name", "EventPattern", "ScheduleExpression", "State", "Targets"];
    evpat::json::read(text, Limits::AWS.max_pattern_depth + 4)
        .is_ok_and(|root| FIELDS.iter().any(|field| root.get(field).is_some()))
}

/// The rule in `text`, or the message to print.
pub fn read_rule(name: &str, text: &str, rule_name: Option<&str>) -> Result<Rule, String> {
    let mut rule = if is_rule(text) {
        Rule::from_json(text).map_err(|error| rule_error(name, &error))?
    } else {
        let Some(rule_name) = rule_name else {
            return Err(format!(
                "evpat: {name} is a bare event pattern: give the rule a name with --name NAME, \
                 or write PutRule-shaped JSON ({{\"Name\": …, \"EventPattern\": …}})"
            ));
        };
        let pattern = Pattern::parse_with_limits(text, &Limits::AWS)
            .map_err(|error| crate::check::pattern_error(name, text, &error))?;
        Rule::with_pattern(rule_name, pattern)
    };
    if let Some(rule_name) = rule_name {
        rule.name = rule_name.to_owned();
        rule.validate().map_err(|error| rule_error(name, &error))?;
    }
    Ok(rule)
}

/// `FILE:LINE:COLUMN: MESSAGE`, then the hint.
fn rule_error(name: &str, error: &evpat_rule::RuleError) -> String {
    let place = match error.place() {
        Some((line, column)) => format!("{name}:{line}:{column}"),
        None => format!("{name}: {}", error.path()),
    };
    placed(&place, error, error.hint())
}

/// How `export` and `import` show an error at `place` (`FILE:LINE:COLUMN`):
/// the place, the message, then the hint on a line of its own.
pub fn placed(place: &str, message: &dyn std::fmt::Display, hint: Option<&str>) -> String {
    match hint {
        Some(hint) => format!("{place}: {message}\n  = hint: {hint}"),
        None => format!("{place}: {message}"),
    }
}
