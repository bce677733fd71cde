//! Integration tests of the `evpat` binary: one test binary, a module per
//! command, plus every conformance case through `evpat batch`.
//!
//! The `test`, `filter` and `cli` tests run in `tests/fixtures`, so that the
//! file names in their expected output are short and stable.

mod batch;
mod check;
mod cli;
mod conformance;
mod exit_codes;
mod explain;
mod export;
mod filter;
mod pipes;
mod schedule;
mod spec;
mod test_events;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs `evpat` with `args`, feeding it `stdin` from a thread so that a
/// large input cannot deadlock against a full stdout pipe.
fn evpat(args: &[&str], stdin: &[u8]) -> Output {
    evpat_in(Path::new(env!("CARGO_MANIFEST_DIR")), args, stdin)
}

/// As [`evpat`], in `tests/fixtures`.
fn in_fixtures(args: &[&str], stdin: &[u8]) -> Output {
    evpat_in(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"), args, stdin)
}

/// Runs `evpat` in `dir`.
fn evpat_in(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_evpat"))
        .args(args)
        .current_dir(dir)
        // Color is for terminals only, but a developer's NO_COLOR must not
        // be what keeps these outputs plain.
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("evpat starts");
    let mut input = child.stdin.take().expect("stdin is piped");
    let stdin = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        // evpat may exit without reading everything (check with a file).
        let _ = input.write_all(&stdin);
    });
    let output = child.wait_with_output().expect("evpat runs");
    writer.join().expect("the stdin writer finishes");
    output
}

/// Stdout and stderr as text.
fn text(output: &Output) -> (String, String) {
    (
        String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8"),
        String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8"),
    )
}

#[test]
fn version_and_help_still_work() {
    let output = evpat(&["--version"], b"");
    assert!(output.status.success());
    assert_eq!(text(&output).0, format!("evpat {}\n", env!("CARGO_PKG_VERSION")));
    let output = evpat(&["--help"], b"");
    assert!(output.status.success());
    let help = text(&output).0;
    assert!(help.contains("check") && help.contains("batch"), "{help}");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(evpat(&["frobnicate"], b"").status.code(), Some(2));
    assert_eq!(evpat(&["check"], b"").status.code(), Some(2));
    assert_eq!(evpat(&["batch", "--nope"], b"").status.code(), Some(2));
}

/// The exit code, stdout and stderr of a run.
fn outcome(output: &Output) -> (Option<i32>, String, String) {
    let (stdout, stderr) = text(output);
    (output.status.code(), stdout, stderr)
}
