//! `evpat test`: does a pattern match the events it should, and only those?
//!
//! Two ways in. `evpat test PATTERN EVENT...` answers `match` or `no match`
//! per event, for a quick look. `evpat test --spec SPEC...` runs the cases
//! of spec files (see [`crate::spec`]) and reports in the shape a CI system
//! reads: text, JUnit XML or GitHub Actions annotations.
//!
//! Exit codes are grep's, so that scripts can tell a wrong pattern from a
//! broken setup: 0 when every event matches (every expectation holds), 1
//! when one does not, 2 when something could not be tested at all. An
//! error does not stop the run: the other events and cases are still
//! tested and reported, and the exit code says 2 at the end.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use evpat::{Event, Limits, Lint, Pattern};

use crate::report::{self, ReportFormat};
use crate::spec::{self, Expect, Source};
use crate::style::Palette;
use crate::{Lenient, Status, check, explain, input};

/// The arguments of `evpat test`.
#[derive(clap::Args)]
pub struct Args {
    /// Run the cases of these spec files (JSON, or YAML for `.yaml` and
    /// `.yml`) instead of testing a pattern file against event files.
    #[arg(
        long,
        value_name = "SPEC_FILE",
        num_args = 1..,
        conflicts_with_all = ["pattern_file", "event_files"]
    )]
    spec: Vec<PathBuf>,

    /// The pattern file; `-` reads standard input.
    #[arg(value_name = "PATTERN_FILE", required_unless_present = "spec")]
    pattern_file: Option<PathBuf>,

    /// The event files; `-` reads standard input.
    #[arg(value_name = "EVENT_FILE", required_unless_present = "spec")]
    event_files: Vec<PathBuf>,

    /// Accept any JSON object as an event, without the envelope fields
    /// (id, account, source, time, region, detail-type) that AWS's
    /// TestEventPattern requires. A spec file can say `any_event: true`.
    #[arg(long)]
    any_event: bool,

    /// How to report spec results: `text` for people, `junit` (XML on
    /// stdout) for test dashboards, `github` for GitHub Actions
    /// annotations.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text, conflicts_with = "pattern_file")]
    format: ReportFormat,

    /// Treat every lint of a spec's pattern as a failure (exit code 1).
    /// Like `--format`, for `--spec` only.
    #[arg(long, conflicts_with = "pattern_file")]
    deny_warnings: bool,
}

/// Runs `evpat test`.
///
/// # Errors
///
/// When nothing can be tested (stdin asked for twice, an unreadable or
/// invalid pattern), or stdout cannot be written.
pub fn run(args: &Args) -> anyhow::Result<Status> {
    let paths = args.spec.iter().chain(&args.pattern_file).chain(&args.event_files);
    input::stdin_at_most_once(paths.map(PathBuf::as_path)).map_err(anyhow::Error::msg)?;
    match &args.pattern_file {
        Some(pattern_file) => run_events(pattern_file, &args.event_files, args.any_event),
        None => run_specs(args),
    }
}

/// `evpat test PATTERN EVENT...`.
fn run_events(
    pattern_path: &Path,
    event_paths: &[PathBuf],
    any_event: bool,
) -> anyhow::Result<Status> {
    let (name, text) = input::read_command_input(pattern_path)?;
    let pattern = Pattern::parse_with_limits(&text, &Limits::AWS)
        .map_err(|error| anyhow::anyhow!(check::pattern_error(&name, &text, &error)))?;
    let palette = Palette::for_stdout();
    let mut stdout = io::stdout().lock();
    let (mut missed, mut failed) = (false, false);
    for path in event_paths {
        let verdict = input::read_text(path).and_then(|(name, text)| {
            let matched = evaluate(&pattern, &text, any_event)
                .map_err(|error| format!("{name}:{}", event_error(&error)))?;
            Ok((name, matched))
        });
        match verdict {
            Ok((name, true)) => writeln!(stdout, "{name}: {}", palette.green("match")),
            Ok((name, false)) => {
                missed = true;
                writeln!(stdout, "{name}: {}", palette.red("no match"))
            }
            Err(message) => {
                failed = true;
                stdout.flush().map(|()| note!("evpat: {message}"))
            }
        }
        .context("evpat: cannot write stdout")?;
    }
    Ok(if failed {
        Status::Error
    } else if missed {
        Status::Failure
    } else {
        Status::Success
    })
}

/// What evpat answers for `pattern` and one event's text: AWS's
/// TestEventPattern, or plain matching when any object is an event.
fn evaluate(pattern: &Pattern, event: &str, any_event: bool) -> Result<bool, evpat::Error> {
    if any_event {
        pattern.try_matches(&Event::parse_with_limits(event, &Limits::AWS)?)
    } else {
        evpat::test_event_pattern(pattern.text(), event)
    }
}

/// An invalid event's place and reason: `LINE:COLUMN: REASON`, to follow
/// the event's name.
fn event_error(error: &evpat::Error) -> String {
    format!("{}:{}: {}", error.line(), error.column(), error.reason())
}

// ---------------------------------------------------------------- specs

/// One spec file, run.
pub struct SpecRun {
    /// The spec's name, as given on the command line.
    pub name: String,
    /// Its results, or why it could not be run at all.
    pub outcome: Result<Suite, SpecFailure>,
}

/// Why a whole spec could not be run: it is unreadable or invalid, or so
/// is its pattern.
pub struct SpecFailure {
    /// The 1-based line in the spec where the trouble is, when known.
    pub line: Option<usize>,
    /// The whole message, as printed on stderr.
    pub message: String,
}

/// The results of one spec's cases.
pub struct Suite {
    /// The 1-based line where the spec gives its pattern.
    pub pattern_line: usize,
    /// The lints of its pattern.
    pub lints: Vec<Lint>,
    /// Each case's result, in the spec's order.
    pub cases: Vec<CaseRun>,
}

/// One case, run.
pub struct CaseRun {
    /// The case's name.
    pub name: String,
    /// The 1-based line where the case starts in the spec.
    pub line: usize,
    /// What happened.
    pub verdict: Verdict,
}

/// What happened to a case.
pub enum Verdict {
    /// The expectation holds.
    Pass,
    /// The pattern answered the other way.
    Fail {
        /// What the case expected.
        expected: Expect,
        /// Why the pattern answered as it did, when evpat can say.
        explanation: Option<String>,
    },
    /// The event could not be tested, for this reason.
    Error(String),
}

/// `evpat test --spec SPEC...`.
fn run_specs(args: &Args) -> anyhow::Result<Status> {
    let runs: Vec<SpecRun> = args.spec.iter().map(|path| run_spec(path, args.any_event)).collect();
    let options = report::Options {
        format: args.format,
        deny_warnings: args.deny_warnings,
        palette: Palette::for_stdout(),
    };
    let totals =
        report::write(&runs, &options, &mut io::stdout().lock(), &mut Lenient(io::stderr()))
            .context("evpat: cannot write stdout")?;
    Ok(if totals.errors > 0 {
        Status::Error
    } else if totals.failed > 0 {
        Status::Failure
    } else {
        Status::Success
    })
}

/// Reads and runs one spec file.
fn run_spec(path: &Path, any_event: bool) -> SpecRun {
    let name = input::name(path);
    let outcome = run_suite(path, &name, any_event);
    SpecRun { name, outcome }
}

fn run_suite(path: &Path, name: &str, any_event: bool) -> Result<Suite, SpecFailure> {
    let failure = |line, message| SpecFailure { line, message };
    let (_, text) = input::read_text(path).map_err(|e| failure(None, format!("evpat: {e}")))?;
    let format = if input::is_stdin(path) { spec::Format::Unknown } else { spec::Format::of(path) };
    let spec = spec::parse(&text, format).map_err(|error| {
        failure(error.at.map(|at| at.0), format!("evpat: {}", error.report(name)))
    })?;
    // Paths in a spec are relative to the spec, so that a spec and its
    // files move together; a spec from stdin has the current directory.
    let base =
        if input::is_stdin(path) { Path::new("") } else { path.parent().unwrap_or(Path::new("")) };
    let line = spec.pattern_line;
    let (pattern_name, pattern_text) = load(&spec.pattern, base)
        .map_err(|e| failure(Some(line), format!("evpat: {name}:{line}: {e}")))?;
    let pattern_name = pattern_name.unwrap_or_else(|| "inline pattern".to_owned());
    let pattern = Pattern::parse_with_limits(&pattern_text, &Limits::AWS).map_err(|error| {
        let shown = check::pattern_error(&pattern_name, &pattern_text, &error);
        failure(Some(line), format!("evpat: {name}:{line}: invalid pattern\n{shown}"))
    })?;
    let any_event = any_event || spec.any_event;
    let cases =
        spec.cases.into_iter().map(|case| run_case(case, &pattern, base, any_event)).collect();
    Ok(Suite { pattern_line: spec.pattern_line, lints: evpat::lint(&pattern), cases })
}

fn run_case(case: spec::Case, pattern: &Pattern, base: &Path, any_event: bool) -> CaseRun {
    let verdict = load(&case.event, base).and_then(|(event_name, event_text)| {
        let matched =
            evaluate(pattern, &event_text, any_event).map_err(|error| match event_name {
                Some(name) => format!("invalid event {name}:{}", event_error(&error)),
                None => format!("invalid inline event: {}", error.reason()),
            })?;
        Ok(if case.expect.holds(matched) {
            Verdict::Pass
        } else {
            let explanation = explain::explanation(pattern, &event_text);
            Verdict::Fail { expected: case.expect, explanation }
        })
    });
    CaseRun { name: case.name, line: case.line, verdict: verdict.unwrap_or_else(Verdict::Error) }
}

/// The name and text of a pattern or event in a spec: a file relative to
/// `base`, or the inline JSON, which has no name.
fn load(source: &Source, base: &Path) -> Result<(Option<String>, String), String> {
    match source {
        Source::Path(path) => {
            let mut path = base.join(path);
            // Only the command line's `-` is stdin; in a spec, it is a file.
            if input::is_stdin(&path) {
                path = Path::new(".").join(path);
            }
            input::read_text(&path).map(|(name, text)| (Some(name), text))
        }
        Source::Inline(text) => Ok((None, text.clone())),
    }
}
