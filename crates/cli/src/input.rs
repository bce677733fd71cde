//! Reading the files the commands are given, where `-` means standard input.
//!
//! Standard input can be read only once, so a command refuses a second `-`
//! up front rather than silently reading nothing the second time.

use std::io::{self, Read};
use std::path::Path;

/// What the user sees instead of `-` when a file comes from stdin.
pub const STDIN_NAME: &str = "<stdin>";

/// Whether `path` stands for standard input.
pub fn is_stdin(path: &Path) -> bool {
    path == Path::new("-")
}

/// The name to show for `path`.
pub fn name(path: &Path) -> String {
    if is_stdin(path) { STDIN_NAME.to_owned() } else { path.display().to_string() }
}

/// Refuses more than one `-` among `paths`.
///
/// # Errors
///
/// The message to print when stdin is asked for twice.
pub fn stdin_at_most_once<'a>(paths: impl IntoIterator<Item = &'a Path>) -> Result<(), String> {
    if paths.into_iter().filter(|path| is_stdin(path)).count() > 1 {
        return Err("evpat: standard input (`-`) can be read only once".to_owned());
    }
    Ok(())
}

/// The name to show for `path`, and its text.
///
/// # Errors
///
/// What to say when the file cannot be read or is not UTF-8, such as
/// `cannot read FILE: REASON`, without the `evpat: ` that a command puts
/// before its own messages.
pub fn read_text(path: &Path) -> Result<(String, String), String> {
    let name = name(path);
    let bytes = if is_stdin(path) {
        let mut bytes = Vec::new();
        io::stdin().read_to_end(&mut bytes).map(|_| bytes)
    } else {
        std::fs::read(path)
    }
    .map_err(|error| format!("cannot read {name}: {error}"))?;
    let text = String::from_utf8(bytes).map_err(|error| {
        let at = error.utf8_error().valid_up_to();
        format!("{name} is not valid UTF-8 (invalid byte at offset {at})")
    })?;
    Ok((name, text))
}
