//! A closed stdout (`evpat … | head -1`) ends every command quietly: no
//! panic, no "Broken pipe", exit code 0 (see the top of `src/main.rs`).
//!
//! Two ways to close it, both deterministic:
//!
//! - the reader takes one line and goes away, as `head -1` does, from a
//!   command whose output is far larger than any pipe's buffer (several
//!   megabytes), so that a write after the reader left is certain;
//! - stdout is a pipe whose reading end is closed before evpat starts, for
//!   the commands whose output would fit in a pipe's buffer: their first
//!   write fails.
//!
//! The only time limit is a generous one, against a hang.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

const EC2: &str = "rules/ec2-stopping.json";

const STOPPING: &str = r#"{"version":"0","id":"7bf73129-1428-4cd3-a780-95db273d1602","detail-type":"EC2 Instance State-change Notification","source":"aws.ec2","account":"123456789012","time":"2024-05-14T15:04:12Z","region":"us-east-1","resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-00000000000000001"],"detail":{"instance-id":"i-00000000000000001","state":"stopping"}}"#;

/// How many lines the big inputs have: each output is then megabytes.
const LINES: usize = 40_000;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A file of [`LINES`] events that all match [`EC2`], written once.
fn events_file() -> &'static str {
    static PATH: OnceLock<String> = OnceLock::new();
    PATH.get_or_init(|| {
        let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("pipes-events.jsonl");
        std::fs::write(&path, format!("{STOPPING}\n").repeat(LINES)).unwrap();
        path.to_str().unwrap().to_owned()
    })
}

/// `evpat ARGS` in the fixtures, its stdout going to `stdout`.
fn spawn(args: &[&str], stdout: Stdio) -> Child {
    Command::new(env!("CARGO_BIN_EXE_evpat"))
        .args(args)
        .current_dir(fixtures())
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(stdout)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Feeds `stdin` to `child` and waits for it: its exit code and stderr.
fn finish(mut child: Child, args: &[&str], stdin: Vec<u8>) -> (Option<i32>, String) {
    let mut input = child.stdin.take().unwrap();
    // evpat stops reading once its stdout is closed: a failed write here
    // is expected.
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let mut stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = Vec::new();
        let _ = stderr.read_to_end(&mut text);
        text
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("evpat {args:?} still runs two minutes after its stdout was closed");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    writer.join().unwrap();
    let stderr = String::from_utf8_lossy(&reader.join().unwrap()).into_owned();
    (status.code(), stderr)
}

/// Runs `evpat ARGS`, reads the first line of its stdout, closes the pipe,
/// and returns that line, the exit code and stderr.
fn head_1(args: &[&str], stdin: Vec<u8>) -> (String, Option<i32>, String) {
    let mut child = spawn(args, Stdio::piped());
    let stdout = child.stdout.take().unwrap();
    let head = std::thread::spawn(move || {
        let mut first = String::new();
        let _ = BufReader::new(stdout).read_line(&mut first);
        // The pipe closes here, as when `head -1` exits.
        first
    });
    let (code, stderr) = finish(child, args, stdin);
    (head.join().unwrap(), code, stderr)
}

/// Runs `evpat ARGS` with a stdout whose reader is gone before it starts.
fn closed_from_the_start(args: &[&str], stdin: Vec<u8>) -> (Option<i32>, String) {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let child = spawn(args, Stdio::from(writer));
    finish(child, args, stdin)
}

#[test]
fn filter_ends_quietly_after_the_first_line() {
    let events = events_file();
    let ids = "[0,1]\n";
    let line = format!("{STOPPING}\n");
    let numbered = format!("1:{STOPPING}\n");
    for (args, first) in [
        (&[EC2, events][..], line.as_str()),
        (&[EC2, "-n", events], &numbered),
        (&[EC2, "-j", "3", events], &line),
        (&["-j", "0", "-n", EC2, events], &numbered),
        (&["--rules", "rules/many-rules.jsonl", "--ids", events], ids),
        (&["--rules", "rules/many-rules.jsonl", "--ids", "-j", "2", events], ids),
        (&["--rules", "rules/many-rules.jsonl", "-j", "4", events], &line),
        (&["--rules-map", "rules/rules-map.json", "--ids", "-j", "2", events], "[\"ec2\"]\n"),
    ] {
        let mut all = vec!["filter"];
        all.extend_from_slice(args);
        assert_eq!(head_1(&all, Vec::new()), (first.to_owned(), Some(0), String::new()), "{all:?}");
    }
}

#[test]
fn filter_from_stdin_ends_quietly_after_the_first_line() {
    let stream = format!("{STOPPING}\n").repeat(LINES).into_bytes();
    for args in [&["filter", EC2][..], &["filter", "-j", "2", EC2, "-"]] {
        assert_eq!(
            head_1(args, stream.clone()),
            (format!("{STOPPING}\n"), Some(0), String::new()),
            "{args:?}"
        );
    }
}

#[test]
fn batch_ends_quietly_after_the_first_line() {
    let line = r#"{"pattern": {"a": [1]}, "event": {"a": 1}}"#;
    let input = format!("{line}\n").repeat(LINES * 2).into_bytes();
    assert_eq!(
        head_1(&["batch", "--any-event"], input),
        ("{\"result\":\"match\",\"error\":null}\n".to_owned(), Some(0), String::new())
    );
}

#[test]
fn test_and_schedule_end_quietly_after_the_first_line() {
    // A spec of many failing cases: each prints its explanation.
    let case = "  - name: running\n    event: ../events/ec2-running.json\n    expect: match\n";
    let spec = format!("pattern: ../rules/ec2-stopping.json\ncases:\n{}", case.repeat(4000));
    let dir = fixtures().join("specs");
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("pipes-many-cases.yaml");
    std::fs::write(&path, spec.replace("../", &format!("{}/../", dir.display()))).unwrap();
    let path = path.to_str().unwrap();
    for format in ["text", "github", "junit"] {
        let (first, code, stderr) = head_1(&["test", "--spec", path, "--format", format], vec![]);
        assert!(!first.is_empty(), "{format}");
        assert_eq!((code, stderr.as_str()), (Some(0), ""), "{format}");
    }
    let (first, code, stderr) = head_1(
        &["schedule", "rate(1 minute)", "--from", "2024-01-01T00:00:00Z", "--next", "200000"],
        vec![],
    );
    assert_eq!((first.as_str(), code, stderr.as_str()), ("every minute\n", Some(0), ""));
}

/// Every command, and help and version: nobody reads, nothing is said.
#[test]
fn every_command_ends_quietly_on_a_closed_stdout() {
    let events = events_file();
    let rule = r#"{"Name": "r", "EventPattern": {"source": ["aws.ec2"]}}"#;
    let batch_line = b"{\"pattern\": {\"a\": [1]}, \"event\": {\"a\": 2}}\n".to_vec();
    let cases: [(&[&str], Vec<u8>); 25] = [
        (&["check", EC2], vec![]),
        (&["check", "-"], br#"{"source": ["aws.ec2"]}"#.to_vec()),
        (&["test", EC2, "events/ec2-stopping.json", "events/ec2-running.json"], vec![]),
        (&["test", EC2, "-"], STOPPING.as_bytes().to_vec()),
        (&["test", "--spec", "specs/ec2.yaml", "specs/s3.yml"], vec![]),
        (&["test", "--spec", "specs/ec2.yaml", "--format", "junit"], vec![]),
        (&["test", "--spec", "specs/ec2.yaml", "--format", "github"], vec![]),
        (&["explain", EC2, "events/ec2-running.json"], vec![]),
        (&["explain", "--json", EC2, "-"], STOPPING.as_bytes().to_vec()),
        (&["filter", EC2, events], vec![]),
        (&["filter", "-c", EC2, events], vec![]),
        (&["filter", "--rules", "rules/many-rules.jsonl", "--count", "-j", "2", events], vec![]),
        (&["filter", "--rules", "rules/many-rules.jsonl", "--ids", "-j", "3"], {
            format!("{STOPPING}\n").repeat(1000).into_bytes()
        }),
        (&["batch"], batch_line),
        (&["schedule", "cron(0 9 ? * MON-FRI *)", "--tz", "Europe/Paris"], vec![]),
        (&["envelope", "-", "--id", "e", "--time", "2024-06-01T10:15:30Z"], {
            std::fs::read(fixtures().join("entries/order-placed.json")).unwrap()
        }),
        (&["transform", "transformers/instance-state.json", "-"], {
            std::fs::read(fixtures().join("events/ec2-running-doc.json")).unwrap()
        }),
        (&["export", "-f", "cloudformation-yaml", "-"], rule.as_bytes().to_vec()),
        (&["export", "-f", "cli", "--name", "r", EC2], vec![]),
        (&["import", "-"], rule.as_bytes().to_vec()),
        (&["completions", "bash"], vec![]),
        (&["completions", "fish"], vec![]),
        (&["--help"], vec![]),
        (&["filter", "--help"], vec![]),
        (&["--version"], vec![]),
    ];
    for (args, stdin) in cases {
        assert_eq!(closed_from_the_start(args, stdin), (Some(0), String::new()), "{args:?}");
    }
}

/// The closed pipe is no licence to hide errors: those that come before
/// any output still say 2 on stderr.
#[test]
fn errors_before_any_output_still_count() {
    let (code, stderr) = closed_from_the_start(&["check", "rules/invalid.json"], vec![]);
    assert_eq!(code, Some(2));
    assert!(stderr.starts_with("rules/invalid.json:2:35: error: "), "{stderr}");
    assert_eq!(
        closed_from_the_start(&["filter", EC2, "no-such-events.jsonl"], vec![]),
        (
            Some(2),
            "evpat: cannot read no-such-events.jsonl: No such file or directory (os error 2)\n"
                .to_owned()
        )
    );
}

/// A stdout that fails otherwise (a full disk) is an error: 2, and said.
#[test]
fn a_stdout_that_cannot_be_written_is_an_error() {
    let full = || std::fs::OpenOptions::new().write(true).open("/dev/full");
    if full().is_err() {
        eprintln!("skipped: no /dev/full");
        return;
    }
    let cases: [(&[&str], &[u8]); 15] = [
        (&["--help"], b""),
        (&["--version"], b""),
        (&["filter", "--help"], b""),
        (&["check", EC2], b""),
        (&["test", EC2, "events/ec2-stopping.json"], b""),
        (&["test", "--spec", "specs/s3.yml"], b""),
        (&["explain", EC2, "events/ec2-stopping.json"], b""),
        (&["filter", "-j", "2", EC2], STOPPING.as_bytes()),
        (&["batch", "--any-event"], b"{\"pattern\": {\"a\": [1]}, \"event\": {\"a\": 1}}\n"),
        (&["schedule", "rate(5 minutes)"], b""),
        (&["envelope", "entries/order-placed.json"], b""),
        (&["transform", "transformers/instance-state.json", "events/ec2-running-doc.json"], b""),
        (&["export", "-f", "terraform", "--name", "r", EC2], b""),
        (&["import", EC2], b""),
        (&["completions", "bash"], b""),
    ];
    for (args, stdin) in cases {
        let child = spawn(args, Stdio::from(full().unwrap()));
        let (code, stderr) = finish(child, args, stdin.to_vec());
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.ends_with("cannot write stdout: No space left on device (os error 28)\n"),
            "{args:?}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}
