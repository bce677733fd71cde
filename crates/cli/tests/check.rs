//! `evpat check`: exact output for a valid file, an invalid one, a missing
//! one, and stdin.

use std::path::PathBuf;

use crate::{evpat, text};

/// A file in the tests' scratch directory holding `contents`.
fn file(name: &str, contents: &[u8]) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("check-{name}"));
    std::fs::write(&path, contents).expect("the scratch file is written");
    path
}

const INVALID: &str = "{\n  \"detail\": {\"state\": [{\"prefix\": 5}]}\n}\n";

/// What `evpat check` prints for [`INVALID`] named `name`: the `5` on line
/// 2 is the 35th character (two spaces of indent, then
/// `"detail": {"state": [{"prefix": ` is 32 more).
fn invalid_report(name: &str) -> String {
    format!(
        "{name}:2:35: error: Event pattern is not valid. Reason: prefix match pattern must be a string\n\
         \x20--> line 2, column 35, at $.detail.state[0].prefix\n\
         \x20 |\n\
         2 |   \"detail\": {{\"state\": [{{\"prefix\": 5}}]}}\n\
         \x20 | {}^\n\
         \x20 = hint: give a single string; to allow several, use one filter object per string\n",
        " ".repeat(34)
    )
}

#[test]
fn a_valid_pattern_is_reported_valid() {
    let path = file("valid.json", br#"{"source": ["aws.ec2"], "detail": {"state": ["running"]}}"#);
    let name = path.to_str().expect("a UTF-8 path");
    let output = evpat(&["check", name], b"");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(text(&output), (format!("{name}: valid\n"), String::new()));
}

#[test]
fn an_invalid_pattern_is_shown_under_a_caret() {
    let path = file("invalid.json", INVALID.as_bytes());
    let name = path.to_str().expect("a UTF-8 path");
    let output = evpat(&["check", name], b"");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(text(&output), (String::new(), invalid_report(name)));
}

#[test]
fn stdin_is_read_for_a_dash() {
    let output = evpat(&["check", "-"], INVALID.as_bytes());
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(text(&output), (String::new(), invalid_report("<stdin>")));

    let output = evpat(&["check", "-"], br#"{"source": [{"prefix": "aws."}]}"#);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(text(&output), ("<stdin>: valid\n".to_owned(), String::new()));
}

#[test]
fn a_missing_file_is_named() {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("check-no-such-file.json");
    let name = path.to_str().expect("a UTF-8 path");
    let output = evpat(&["check", name], b"");
    assert_eq!(output.status.code(), Some(2));
    let (stdout, stderr) = text(&output);
    assert_eq!(stdout, "");
    assert!(stderr.starts_with(&format!("evpat: cannot read {name}: ")), "{stderr}");
}

#[test]
fn a_file_that_is_not_utf8_is_refused() {
    let path = file("latin1.json", b"{\"a\": [\"caf\xe9\"]}");
    let name = path.to_str().expect("a UTF-8 path");
    let output = evpat(&["check", name], b"");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        text(&output),
        (String::new(), format!("evpat: {name}:1: not valid UTF-8 (byte 0xe9 at column 12)\n"))
    );
}

#[test]
fn aws_limits_apply() {
    let long = format!("{{\"a\": [\"{}\"]}}", "x".repeat(4096));
    let output = evpat(&["check", "-"], long.as_bytes());
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output).1;
    assert!(
        stderr.starts_with(
            "<stdin>:1:4097: error: Event pattern is not valid. Reason: \
             Event pattern is too long: 4107 characters, more than the 4096 allowed\n"
        ),
        "{stderr}"
    );
}
