//! The `evpat` command: parses the arguments, runs one command, and maps its
//! outcome to an exit code.
//!
//! Exit codes are grep's, for every command: 0 for success (valid,
//! everything matched, every expectation held), 1 for a clean "no" (an
//! event did not match, a case failed, no line was selected), 2 for
//! anything the user must fix before evpat can answer (a missing,
//! unreadable, non-UTF-8 or invalid input, a bad line), the code clap also
//! uses for usage errors. Each command's `--help` says which codes it uses,
//! and `tests/exit_codes.rs` runs every command in every outcome. Errors go
//! to stderr; stdout carries only results, so that it can be piped.
//!
//! A closed stdout (`evpat filter … | head -1`) is not an error: whoever
//! reads the output has stopped listening, and the command ends quietly
//! with 0, whatever it had seen. Rust ignores SIGPIPE, so this arrives as a
//! `BrokenPipe` write error, which [`main`] recognises wherever it comes
//! from. Writing to stderr never fails a command ([`note!`], [`Lenient`]):
//! so a `BrokenPipe` can only be stdout's, and a stderr that cannot be
//! written does not change the exit code.

/// Writes a line to stderr, as `eprintln!` does, but without panicking when
/// stderr cannot be written: the exit code still tells.
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// A command's `after_help`: its examples, then its exit codes and what
/// every command shares.
macro_rules! after_help {
    ($examples:literal, $exit_status:literal) => {
        concat!(
            $examples,
            "\n\nExit status:\n  ",
            $exit_status,
            "\nA closed stdout (`evpat … | head -1`) ends it quietly, with 0."
        )
    };
}

mod batch;
mod check;
mod envelope;
mod explain;
mod export;
mod filter;
mod import;
mod input;
mod report;
mod schedule;
mod spec;
mod style;
mod test;
mod transform;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};
use clap_complete::Shell;

/// Test Amazon EventBridge event patterns, with AWS's rules and AWS's error
/// messages.
#[derive(Parser)]
#[command(
    name = "evpat",
    version,
    arg_required_else_help = true,
    after_help = "\
Examples:
  evpat check rule.json                      check a pattern as PutRule would
  evpat test rule.json event.json            does the event match? (exit 0, 1)
  evpat test --spec tests/rules/*.yaml       run spec files' cases, as in CI
  evpat filter rule.json events.jsonl        the log lines whose event matches
  evpat completions bash > evpat.bash        shell completions

Exit status, for every command (each one's --help says which it uses):
  0  yes: valid, matched, every expectation held, written
  1  no: an event did not match, a case failed, no line was selected
  2  error: a file missing, unreadable, not UTF-8 or invalid; a bad input
     line (reported on stderr as FILE:LINE: REASON, and skipped); a usage error
A closed stdout (`evpat … | head -1`) ends a command quietly, with 0."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check that an event pattern is valid, as AWS's PutRule would.
    ///
    /// Prints `FILE: valid` and exits 0, or prints `FILE:LINE:COLUMN:` and
    /// the error under the offending text to stderr and exits 2.
    #[command(after_help = after_help!("\
Examples:
  evpat check rules/ec2-stopping.json
  aws events describe-rule --name my-rule --query EventPattern --output text | evpat check -",
        "\
  0  the pattern is valid
  2  it is invalid; the file is missing, unreadable or not UTF-8; a usage error"))]
    Check {
        /// The pattern file; `-` reads standard input.
        pattern_file: PathBuf,
    },
    /// Test patterns against events, one JSON line in, one JSON line out.
    ///
    /// Each input line is `{"pattern": P, "event": E}`, where P and E are
    /// JSON strings holding the text, or JSON values written inline. Each
    /// output line is `{"result":R,"error":E}`, with R one of `match`,
    /// `no-match` or `invalid`, and E AWS's error message or null. A line
    /// that cannot be read gives `invalid` and `line N: <what is wrong>`;
    /// one that is not UTF-8 is also reported on stderr, and the exit code
    /// is then 2.
    #[command(after_help = after_help!("\
Examples:
  evpat batch < cases.jsonl > verdicts.jsonl
  echo '{\"pattern\": {\"a\": [1]}, \"event\": {\"a\": 1}}' | evpat batch --any-event",
        "\
  0  every line answered (`invalid` answers included)
  2  a line was not UTF-8 (answered `invalid`, reported on stderr as
     `<stdin>:LINE: REASON`, the other lines still answered); stdin could
     not be read; a usage error"))]
    Batch {
        /// Accept any JSON object as an event, without the envelope fields
        /// (id, account, source, time, region, detail-type) that AWS's
        /// TestEventPattern requires.
        #[arg(long)]
        any_event: bool,
    },
    /// Test a pattern against event files, or run the cases of spec files.
    ///
    /// With a pattern and events, prints `EVENT_FILE: match` or
    /// `EVENT_FILE: no match` for each event. With `--spec`, runs each
    /// spec's cases and prints the failures, then `N passed, M failed`.
    /// Exits 0 when everything matches (every expectation holds), 1 when
    /// not, 2 when something could not be tested.
    ///
    /// A spec file, in YAML (`.yaml`, `.yml`) or JSON:
    ///
    ///   pattern: rules/ec2-stopping.json   # relative to the spec, or inline
    ///   cases:
    ///     - name: stopping instance
    ///       event: events/ec2-stopping.json  # relative to the spec, or inline
    ///       expect: match                    # or no-match
    #[command(
        verbatim_doc_comment,
        override_usage = "evpat test [OPTIONS] <PATTERN_FILE> <EVENT_FILE>...\n       \
                          evpat test [OPTIONS] --spec <SPEC_FILE>...",
        after_help = after_help!("\
Examples:
  evpat test rules/ec2.json events/stopping.json events/running.json
  evpat test --any-event rules/ec2.json - < event.json
  evpat test --spec tests/rules/*.yaml
  evpat test --spec tests/rules/*.yaml --format junit > evpat-junit.xml
  evpat test --spec tests/rules/*.yaml --format github --deny-warnings",
            "\
  0  every event matches (every expectation holds)
  1  one does not (with --deny-warnings, a lint also fails)
  2  something could not be tested: a file missing, unreadable, not UTF-8
     or invalid (the other events and cases are still tested); a usage error")
    )]
    Test(test::Args),
    /// Print the lines of a JSON Lines stream whose event matches a
    /// pattern, or any of many rules, like grep.
    ///
    /// Any JSON object is an event. A line that is not one (not UTF-8, not
    /// JSON, not an object) is reported on stderr as `evpat: FILE:LINE:
    /// REASON` and skipped, and so is a `--rules` line that is not UTF-8.
    /// With `--rules` (one pattern per line, ids from 0) or `--rules-map`
    /// (ids to patterns), `--ids` prints the matching ids of every line and
    /// `--count` the matches per rule; `-j N` matches on N threads and keeps
    /// the input order. Exits 0 when a line was selected, 1 when none was,
    /// 2 when a line was bad.
    #[command(after_help = after_help!("\
Examples:
  evpat filter rules/ec2.json events.jsonl
  zcat events.jsonl.gz | evpat filter rules/ec2.json -c
  evpat filter -v -n rules/ec2.json events.jsonl | head
  evpat filter --rules rules.jsonl --ids -j 4 events.jsonl
  evpat filter --rules-map rules.json --count events.jsonl",
        "\
  0  a line was selected
  1  none was
  2  a line of the events or of --rules was bad (not UTF-8, not JSON, not
     an object: reported on stderr as FILE:LINE: REASON and skipped, the
     other lines still filtered); the pattern or a rule is invalid; a file
     is missing or unreadable; a usage error"))]
    Filter(filter::Args),
    /// Explain why an event matches a pattern or not, condition by
    /// condition.
    ///
    /// Prints a tree that mirrors the pattern, with ✓ and ✗, the event
    /// values compared and the reason for each verdict. Exits 0 on a
    /// match, 1 on no match, 2 on an error.
    #[command(after_help = after_help!("\
Examples:
  evpat explain rules/ec2-stopping.json events/running.json
  evpat explain --json rules/ec2.json event.json | jq '.root.children[] | select(.matched | not)'",
        "\
  0  match
  1  no match
  2  the pattern or the event is missing, unreadable, not UTF-8 or invalid;
     a usage error"))]
    Explain(explain::Args),
    /// Validate a schedule expression, describe it, and list its next fire
    /// times.
    ///
    /// Prints the description, then one fire time per line in RFC 3339 UTC
    /// (and in the zone given with `--tz`). An invalid expression exits 2
    /// with AWS's message and the precise reason.
    #[command(after_help = after_help!("\
Examples:
  evpat schedule 'rate(5 minutes)' --from 2024-01-01T00:00:00Z --next 3
  evpat schedule 'cron(15 10 ? * 6L 2019-2022)'
  evpat schedule 'cron(0 9 ? * MON-FRI *)' --tz Europe/Paris
  evpat schedule 'at(2025-01-01T10:00:00)' --scheduler --tz America/New_York",
        "\
  0  the expression is valid
  2  an invalid expression, time zone or --from; a usage error"))]
    Schedule(schedule::Args),
    /// Turn PutEvents entries into the events rules see.
    #[command(after_help = after_help!("\
Examples:
  evpat envelope entry.json
  aws events put-events --generate-cli-skeleton > req.json && evpat envelope req.json --region eu-west-1",
        "\
  0  every entry became an event
  2  an entry PutEvents would refuse (reported on stderr, the other entries
     still printed); the file is missing, unreadable, not UTF-8 or invalid;
     a usage error"))]
    Envelope(envelope::Args),
    /// Render an input transformer against an event, as a target gets it.
    #[command(after_help = after_help!("\
Examples:
  evpat transform transformer.json event.json
  evpat transform target.json - < event.json",
        "\
  0  EventBridge would deliver the output
  1  it would drop the event (the output is not valid JSON)
  2  PutTargets would refuse the transformer; a file is missing, unreadable,
     not UTF-8 or invalid; a usage error"))]
    Transform(transform::Args),
    /// Write a rule for the tool you deploy with: CloudFormation, SAM,
    /// Serverless, Terraform, CDK, the AWS CLI or SDK, Jets, EventBridge
    /// Scheduler.
    ///
    /// RULE_FILE is PutRule-shaped JSON, with an optional `Targets` array as
    /// PutTargets takes it, or a bare event pattern plus `--name`. The
    /// export goes to stdout and warnings (what the format cannot hold,
    /// what to fill in) to stderr. Exits 0, or 2 when the rule is invalid
    /// or does not fit the format.
    #[command(after_help = after_help!("\
Examples:
  evpat export --format cloudformation-yaml rule.json > template.yaml
  evpat export --format terraform --name ec2-stopped pattern.json
  aws events describe-rule --name my-rule | evpat import - | evpat export -f cdk-ts -",
        "\
  0  the export is written
  2  the rule is invalid or does not fit the format; the file is missing,
     unreadable or not UTF-8; a usage error"))]
    Export(export::Args),
    /// Read the rules you already have, as PutRule-shaped JSON.
    ///
    /// Reads CloudFormation and SAM templates (JSON or YAML, intrinsic
    /// functions tolerated), Terraform, `aws events describe-rule` output,
    /// PutRule JSON, Ruby Jets jobs, serverless.yml, and event patterns,
    /// also as escaped JSON strings. The kind is guessed unless `--from`
    /// names it. One rule is written as a JSON object, several as an array;
    /// warnings go to stderr. Exits 0, or 2 with the line and column of the
    /// problem.
    #[command(after_help = after_help!("\
Examples:
  evpat import template.yaml --rule Ec2StateRule > rule.json
  aws events describe-rule --name my-rule | evpat import -
  evpat import main.tf --from terraform | evpat export -f cdk-ts -",
        "\
  0  the rules are written
  2  the file holds no valid rule, or none named by --rule; it is missing,
     unreadable or not UTF-8; a usage error"))]
    Import(import::Args),
    /// Print a shell completion script.
    #[command(after_help = after_help!("\
Examples:
  evpat completions bash > ~/.local/share/bash-completion/completions/evpat
  evpat completions zsh > ~/.zfunc/_evpat
  evpat completions fish > ~/.config/fish/completions/evpat.fish",
        "\
  0  the script is written
  2  an unknown shell, or another usage error"))]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: Shell,
    },
}

/// How a command ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Yes: exit code 0.
    Success,
    /// No: exit code 1.
    Failure,
    /// Could not answer: exit code 2.
    Error,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage(&error),
    };
    let outcome = match cli.command {
        Command::Check { pattern_file } => check::run(&pattern_file),
        Command::Batch { any_event } => batch::run(any_event),
        Command::Test(args) => test::run(&args),
        Command::Filter(args) => filter::run(&args),
        Command::Explain(args) => explain::run(&args),
        Command::Schedule(args) => schedule::run(&args),
        Command::Envelope(args) => envelope::run(&args),
        Command::Transform(args) => transform::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Completions { shell } => completions(shell),
    };
    match outcome {
        Ok(Status::Success) => ExitCode::SUCCESS,
        Ok(Status::Failure) => ExitCode::from(1),
        Ok(Status::Error) => ExitCode::from(2),
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        // An I/O error with nothing said about it comes from writing
        // stdout: files are read with their names in the message, and
        // stderr is never fatal.
        Err(error) if error.chain().count() == 1 && error.is::<io::Error>() => {
            note!("evpat: cannot write stdout: {error}");
            ExitCode::from(2)
        }
        Err(error) => {
            note!("{error:#}");
            ExitCode::from(2)
        }
    }
}

/// `--help` and `--version` (exit 0), or a usage error (exit 2). clap's
/// own printing ignores a stdout that cannot be written, so help is
/// written here, and a full disk is an error like any other.
fn usage(error: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if !matches!(error.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = error.print();
        return ExitCode::from(2);
    }
    // Coloured as everything else is (see `style`).
    let text = if style::Palette::for_stdout().enabled() {
        error.render().ansi().to_string()
    } else {
        error.render().to_string()
    };
    let mut stdout = io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            note!("evpat: cannot write stdout: {error}");
            ExitCode::from(2)
        }
    }
}

/// Prints the completion script for `shell`.
fn completions(shell: Shell) -> anyhow::Result<Status> {
    // clap_complete panics when it cannot write; a buffer it can always
    // write, and a closed stdout is then ours to handle.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "evpat", &mut script);
    let mut stdout = io::stdout().lock();
    stdout.write_all(&script).and_then(|()| stdout.flush())?;
    Ok(Status::Success)
}

/// A writer that drops its errors: stderr, for code that takes a writer
/// (see [`note!`]).
pub struct Lenient<W>(pub W);

impl<W: Write> Write for Lenient<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let _ = self.0.write_all(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let _ = self.0.flush();
        Ok(())
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
