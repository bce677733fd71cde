//! The `evpat` command: parses the arguments, runs one command, and maps its
//! outcome to an exit code.
//!
//! Every command returns `Err(message)` for anything the user must fix: the
//! message goes to stderr and the exit code is 2, the code clap also uses for
//! usage errors. Success is 0.

mod batch;
mod check;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Test Amazon EventBridge event patterns, with AWS's rules and AWS's error
/// messages.
#[derive(Parser)]
#[command(name = "evpat", version, arg_required_else_help = true)]
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
    Batch {
        /// Accept any JSON object as an event, without the envelope fields
        /// (id, account, source, time, region, detail-type) that AWS's
        /// TestEventPattern requires.
        #[arg(long)]
        any_event: bool,
    },
}

fn main() -> ExitCode {
    let outcome = match Cli::parse().command {
        Command::Check { pattern_file } => check::run(&pattern_file),
        Command::Batch { any_event } => batch::run(any_event),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}
