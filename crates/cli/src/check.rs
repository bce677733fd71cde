//! `evpat check`: validates one pattern file within AWS's limits.
//!
//! The first error is reported as `FILE:LINE:COLUMN: ` followed by evpat's
//! caret snippet, the shape compilers use, so that editors and CI logs
//! link it to the place in the file.

use std::io::{self, Write};
use std::path::Path;

use evpat::{Limits, Pattern};

use crate::{Status, input};

/// Checks the pattern in `path` (`-` for stdin): [`Status::Success`] when
/// it is valid, [`Status::Error`] (and the error on stderr) when not.
///
/// # Errors
///
/// When the file cannot be read or is not UTF-8, or stdout cannot be
/// written.
pub fn run(path: &Path) -> anyhow::Result<Status> {
    let (name, text) = input::read_command_input(path)?;
    match Pattern::parse_with_limits(&text, &Limits::AWS) {
        Ok(pattern) => {
            let mut out = io::stdout().lock();
            writeln!(out, "{name}: valid")?;
            for lint in evpat::lint(&pattern) {
                writeln!(out, "{}", lint_text(&name, &text, &lint))?;
            }
            out.flush()?;
            Ok(Status::Success)
        }
        Err(error) => {
            note!("{}", pattern_error(&name, &text, &error));
            Ok(Status::Error)
        }
    }
}

/// A lint as `check` shows it: the code, the message, where, and the fix.
pub fn lint_text(name: &str, text: &str, lint: &evpat::Lint) -> String {
    let word = match lint.severity {
        evpat::Severity::Warning => "warning",
        evpat::Severity::Info => "note",
    };
    let (line, column) = evpat::line_column(text, lint.span.start);
    format!(
        "{word}[{}]: {}\n  --> {name}:{line}:{column} ({})\n  = fix: {}",
        lint.code, lint.message, lint.path, lint.fix
    )
}

/// How every command shows an invalid pattern read from the file `name`:
/// `FILE:LINE:COLUMN: ` and the caret snippet.
pub fn pattern_error(name: &str, text: &str, error: &evpat::Error) -> String {
    format!("{name}:{}:{}: {}", error.line(), error.column(), evpat::render(text, error))
}
