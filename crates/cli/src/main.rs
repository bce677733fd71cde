//! The `evpat` command: parses the arguments, runs one command, and maps its
//! outcome to an exit code.
//!
//! Exit codes are grep's: 0 for success (everything matched, every
//! expectation held), 1 for a clean "no" (an event did not match, a case
//! failed), 2 for anything the user must fix before evpat can answer, the
//! code clap also uses for usage errors. Errors go to stderr; stdout
//! carries only results, so that it can be piped.
//!
//! A closed stdout (`evpat filter … | head -1`) is not an error: whoever
//! reads the output has stopped listening, and the command ends quietly
//! with 0. Rust ignores SIGPIPE, so this arrives as a `BrokenPipe` write
//! error, which [`main`] recognises wherever it comes from.

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

Exit codes: 0 yes, 1 no, 2 error."
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
    #[command(after_help = "\
Examples:
  evpat check rules/ec2-stopping.json
  aws events describe-rule --name my-rule --query EventPattern --output text | evpat check -")]
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
    /// that cannot be read gives `invalid` and `line N: <what is wrong>`.
    /// The exit code is 0 once every line is answered.
    #[command(after_help = "\
Examples:
  evpat batch < cases.jsonl > verdicts.jsonl
  echo '{\"pattern\": {\"a\": [1]}, \"event\": {\"a\": 1}}' | evpat batch --any-event")]
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
        after_help = "\
Examples:
  evpat test rules/ec2.json events/stopping.json events/running.json
  evpat test --any-event rules/ec2.json - < event.json
  evpat test --spec tests/rules/*.yaml
  evpat test --spec tests/rules/*.yaml --format junit > evpat-junit.xml
  evpat test --spec tests/rules/*.yaml --format github --deny-warnings"
    )]
    Test(test::Args),
    /// Print the lines of a JSON Lines stream whose event matches a
    /// pattern, or any of many rules, like grep.
    ///
    /// Any JSON object is an event. A line that is not one is reported on
    /// stderr as `evpat: FILE:LINE: REASON` and skipped. With `--rules`
    /// (one pattern per line, ids from 0) or `--rules-map` (ids to
    /// patterns), `--ids` prints the matching ids of every line and
    /// `--count` the matches per rule; `-j N` matches on N threads and keeps
    /// the input order. Exits 0 when a line was selected, 1 when none was,
    /// 2 when a line was bad.
    #[command(after_help = "\
Examples:
  evpat filter rules/ec2.json events.jsonl
  zcat events.jsonl.gz | evpat filter rules/ec2.json -c
  evpat filter -v -n rules/ec2.json events.jsonl | head
  evpat filter --rules rules.jsonl --ids -j 4 events.jsonl
  evpat filter --rules-map rules.json --count events.jsonl")]
    Filter(filter::Args),
    /// Explain why an event matches a pattern or not, condition by
    /// condition.
    ///
    /// Prints a tree that mirrors the pattern, with ✓ and ✗, the event
    /// values compared and the reason for each verdict. Exits 0 on a
    /// match, 1 on no match, 2 on an error.
    #[command(after_help = "\
Examples:
  evpat explain rules/ec2-stopping.json events/running.json
  evpat explain --json rules/ec2.json event.json | jq '.root.children[] | select(.matched | not)'")]
    Explain(explain::Args),
    /// Validate a schedule expression, describe it, and list its next fire
    /// times.
    ///
    /// Prints the description, then one fire time per line in RFC 3339 UTC
    /// (and in the zone given with `--tz`). An invalid expression exits 2
    /// with AWS's message and the precise reason.
    #[command(after_help = "\
Examples:
  evpat schedule 'rate(5 minutes)' --from 2024-01-01T00:00:00Z --next 3
  evpat schedule 'cron(15 10 ? * 6L 2019-2022)'
  evpat schedule 'cron(0 9 ? * MON-FRI *)' --tz Europe/Paris
  evpat schedule 'at(2025-01-01T10:00:00)' --scheduler --tz America/New_York")]
    Schedule(schedule::Args),
    /// Turn PutEvents entries into the events rules see.
    #[command(after_help = "\
Examples:
  evpat envelope entry.json
  aws events put-events --generate-cli-skeleton > req.json && evpat envelope req.json --region eu-west-1")]
    Envelope(envelope::Args),
    /// Render an input transformer against an event, as a target gets it.
    #[command(after_help = "\
Examples:
  evpat transform transformer.json event.json
  evpat transform target.json - < event.json")]
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
    #[command(after_help = "\
Examples:
  evpat export --format cloudformation-yaml rule.json > template.yaml
  evpat export --format terraform --name ec2-stopped pattern.json
  aws events describe-rule --name my-rule | evpat import - | evpat export -f cdk-ts -")]
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
    #[command(after_help = "\
Examples:
  evpat import template.yaml --rule Ec2StateRule > rule.json
  aws events describe-rule --name my-rule | evpat import -
  evpat import main.tf --from terraform | evpat export -f cdk-ts -")]
    Import(import::Args),
    /// Print a shell completion script.
    #[command(after_help = "\
Examples:
  evpat completions bash > ~/.local/share/bash-completion/completions/evpat
  evpat completions zsh > ~/.zfunc/_evpat
  evpat completions fish > ~/.config/fish/completions/evpat.fish")]
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
    let outcome = match Cli::parse().command {
        Command::Check { pattern_file } => legacy(check::run(&pattern_file)),
        Command::Batch { any_event } => legacy(batch::run(any_event)),
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
        Err(error) => {
            let _ = writeln!(io::stderr(), "{error:#}");
            ExitCode::from(2)
        }
    }
}

/// `check` and `batch` say `Ok(())` or the message to print.
fn legacy(outcome: Result<(), String>) -> anyhow::Result<Status> {
    outcome.map(|()| Status::Success).map_err(anyhow::Error::msg)
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

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
