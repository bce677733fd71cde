//! `evpat check`: validates one pattern file within AWS's limits.
//!
//! The first error is reported as `FILE:LINE:COLUMN: ` followed by evpat's
//! caret snippet, the shape compilers use, so that editors and CI logs
//! link it to the place in the file.

use std::io::{self, Read, Write};
use std::path::Path;

use evpat::{Limits, Pattern};

/// What the user sees instead of `-` when the pattern comes from stdin.
const STDIN_NAME: &str = "<stdin>";

/// Checks the pattern in `path` (`-` for stdin).
///
/// # Errors
///
/// The message to print when the file cannot be read, is not UTF-8, or
/// holds an invalid pattern.
pub fn run(path: &Path) -> Result<(), String> {
    let (name, text) = read(path)?;
    match Pattern::parse_with_limits(&text, &Limits::AWS) {
        Ok(_) => {
            // A closed stdout has nobody left to tell; the exit code says it.
            let _ = writeln!(io::stdout(), "{name}: valid");
            Ok(())
        }
        Err(error) => Err(format!(
            "{name}:{}:{}: {}",
            error.line(),
            error.column(),
            evpat::render(&text, &error)
        )),
    }
}

/// The name to show for `path`, and its text.
fn read(path: &Path) -> Result<(String, String), String> {
    let from_stdin = path == Path::new("-");
    let name = if from_stdin { STDIN_NAME.to_owned() } else { path.display().to_string() };
    let bytes = if from_stdin {
        let mut bytes = Vec::new();
        io::stdin().read_to_end(&mut bytes).map(|_| bytes)
    } else {
        std::fs::read(path)
    }
    .map_err(|error| format!("evpat: cannot read {name}: {error}"))?;
    let text = String::from_utf8(bytes).map_err(|error| {
        let at = error.utf8_error().valid_up_to();
        format!("evpat: {name} is not valid UTF-8 (invalid byte at offset {at})")
    })?;
    Ok((name, text))
}
