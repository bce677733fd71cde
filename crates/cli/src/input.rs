//! Reading the files the commands are given, where `-` means standard input.
//!
//! Standard input can be read only once, so a command refuses a second `-`
//! up front rather than silently reading nothing the second time.

use std::io::{self, Read};
use std::path::Path;
use std::str::Utf8Error;

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

/// The name to show for `path`, and its bytes.
///
/// # Errors
///
/// What to say when the file cannot be read: `cannot read FILE: REASON`,
/// without the `evpat: ` that a command puts before its own messages.
pub fn read_bytes(path: &Path) -> Result<(String, Vec<u8>), String> {
    let name = name(path);
    let bytes = if is_stdin(path) {
        let mut bytes = Vec::new();
        io::stdin().read_to_end(&mut bytes).map(|_| bytes)
    } else {
        std::fs::read(path)
    }
    .map_err(|error| format!("cannot read {name}: {error}"))?;
    Ok((name, bytes))
}

/// The name to show for `path`, and its text.
///
/// # Errors
///
/// What to say when the file cannot be read or is not UTF-8, such as
/// `cannot read FILE: REASON` or `FILE:LINE: not valid UTF-8 (byte 0xe9
/// at column 12)`, without the `evpat: ` that a command puts before its own
/// messages.
pub fn read_text(path: &Path) -> Result<(String, String), String> {
    let (name, bytes) = read_bytes(path)?;
    let text = text_of(&name, bytes)?;
    Ok((name, text))
}

/// [`read_text`] for a command that stops when the file cannot be read:
/// the error is the message to print, `evpat: ` included.
///
/// # Errors
///
/// [`read_text`]'s, after `evpat: `.
pub fn read_command_input(path: &Path) -> anyhow::Result<(String, String)> {
    read_text(path).map_err(|error| anyhow::anyhow!("evpat: {error}"))
}

/// The whole file `name` as text.
///
/// # Errors
///
/// `FILE:LINE: not valid UTF-8 (byte 0xe9 at column 12)`.
pub fn text_of(name: &str, bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|error| {
        let bytes = error.as_bytes();
        let at = error.utf8_error().valid_up_to();
        let start = bytes[..at].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let line = bytes[..start].iter().filter(|&&b| b == b'\n').count() + 1;
        format!("{name}:{line}: {}", not_utf8_at(&bytes[start..], at - start))
    })
}

/// What is wrong with a line that is not UTF-8, `error` being what
/// `std::str::from_utf8(line)` said: `not valid UTF-8 (byte 0xff at column
/// 7)`, the column counted in characters from 1, as everywhere in evpat.
pub fn not_utf8(line: &[u8], error: Utf8Error) -> String {
    not_utf8_at(line, error.valid_up_to())
}

/// [`not_utf8`] for the bad byte at `at` in `line`.
fn not_utf8_at(line: &[u8], at: usize) -> String {
    // What comes before the bad byte is UTF-8: the error says so.
    let column = std::str::from_utf8(&line[..at]).map_or(at, |text| text.chars().count()) + 1;
    format!("not valid UTF-8 (byte {:#04x} at column {column})", line[at])
}

/// The text of one line of a JSON Lines input, or what is wrong with it.
///
/// # Errors
///
/// [`not_utf8`]'s words.
pub fn line_text(line: &[u8]) -> Result<&str, String> {
    std::str::from_utf8(line).map_err(|error| not_utf8(line, error))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_where_the_bytes_stop_being_utf8() {
        assert_eq!(
            line_text(b"{\"a\": \xff}").unwrap_err(),
            "not valid UTF-8 (byte 0xff at column 7)"
        );
        // Columns count characters: `é` is one.
        assert_eq!(
            line_text(
                "{\"é\": "
                    .as_bytes()
                    .iter()
                    .chain(b"\xe9}")
                    .copied()
                    .collect::<Vec<_>>()
                    .as_slice()
            )
            .unwrap_err(),
            "not valid UTF-8 (byte 0xe9 at column 7)"
        );
        // A sequence cut short at the end.
        assert_eq!(
            line_text(b"ab\xe2\x82").unwrap_err(),
            "not valid UTF-8 (byte 0xe2 at column 3)"
        );
        assert_eq!(
            text_of("f.json", b"{\n  \"a\": [\"caf\xe9\"]\n}\n".to_vec()).unwrap_err(),
            "f.json:2: not valid UTF-8 (byte 0xe9 at column 13)"
        );
        assert_eq!(
            text_of("f.json", b"\xff".to_vec()).unwrap_err(),
            "f.json:1: not valid UTF-8 (byte 0xff at column 1)"
        );
        assert_eq!(text_of("f.json", b"ok\n".to_vec()).unwrap(), "ok\n");
    }
}
