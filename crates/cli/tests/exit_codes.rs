//! The exit-code contract, command by command: 0 yes, 1 no, 2 error (an
//! input missing, unreadable, not UTF-8 or invalid, a bad line, a usage
//! error), as `evpat --help` and each command's `--help` say. Each row runs
//! one command in one outcome; whatever the code, evpat must not panic, and
//! a 2 must come with a message on stderr.

use std::fs::File;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use crate::in_fixtures;

const EC2: &str = "rules/ec2-stopping.json";
const STOPPING: &str = "events/ec2-stopping.json";
const RUNNING: &str = "events/ec2-running.json";
const MATCH_LINE: &[u8] = br#"{"source": "aws.ec2", "detail-type": "EC2 Instance State-change Notification", "detail": {"state": "stopping"}}"#;
const OTHER_LINE: &[u8] = br#"{"source": "aws.s3"}"#;
const BATCH_MATCH: &[u8] = b"{\"pattern\": {\"a\": [1]}, \"event\": {\"a\": 1}}\n";
const BATCH_NO_MATCH: &[u8] = b"{\"pattern\": {\"a\": [1]}, \"event\": {\"a\": 2}}\n";

/// Scratch files, written once: a pattern that is not UTF-8, and rules
/// with a line that is not.
struct Scratch {
    latin1: String,
    latin1_rules: String,
}

fn scratch() -> &'static Scratch {
    static SCRATCH: OnceLock<Scratch> = OnceLock::new();
    SCRATCH.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
        let latin1 = dir.join("exit-codes-latin1.json");
        std::fs::write(&latin1, b"{\"source\": [\"caf\xe9\"]}").unwrap();
        let rules = dir.join("exit-codes-latin1-rules.jsonl");
        std::fs::write(&rules, b"{\"source\": [\"caf\xe9\"]}\n{\"source\": [\"aws.ec2\"]}\n")
            .unwrap();
        let path = |path: PathBuf| path.to_str().unwrap().to_owned();
        Scratch { latin1: path(latin1), latin1_rules: path(rules) }
    })
}

/// A line of `bytes` and a newline.
fn line(bytes: &[u8]) -> Vec<u8> {
    [bytes, b"\n"].concat()
}

/// What the standard input is.
enum Stdin {
    Bytes(Vec<u8>),
    /// A directory: reading it fails.
    Unreadable,
}

#[test]
fn every_command_in_every_outcome() {
    let s = scratch();
    let (latin1, latin1_rules) = (s.latin1.as_str(), s.latin1_rules.as_str());
    let none = || Stdin::Bytes(Vec::new());
    let bytes = |b: &[u8]| Stdin::Bytes(b.to_vec());
    let envelope = ["--id", "e", "--time", "2024-06-01T10:15:30Z"];
    let transformer = "transformers/instance-state.json";
    let doc_event = "events/ec2-running-doc.json";
    #[rustfmt::skip]
    let table: Vec<(&str, Vec<&str>, Stdin, i32)> = vec![
        // evpat itself
        ("no command", vec![], none(), 2),
        ("unknown command", vec!["frobnicate"], none(), 2),
        ("help", vec!["--help"], none(), 0),
        ("help for a command", vec!["help", "filter"], none(), 0),
        ("version", vec!["--version"], none(), 0),

        ("valid", vec!["check", EC2], none(), 0),
        ("valid, stdin", vec!["check", "-"], bytes(br#"{"source": ["aws.ec2"]}"#), 0),
        ("invalid", vec!["check", "rules/invalid.json"], none(), 2),
        ("not UTF-8", vec!["check", latin1], none(), 2),
        ("not UTF-8, stdin", vec!["check", "-"], bytes(b"{\"a\": [\"\xff\"]}"), 2),
        ("missing file", vec!["check", "no-such.json"], none(), 2),
        ("no file", vec!["check"], none(), 2),
        ("bad flag", vec!["check", "--nope", EC2], none(), 2),

        ("all match", vec!["test", EC2, STOPPING], none(), 0),
        ("one does not", vec!["test", EC2, STOPPING, RUNNING], none(), 1),
        ("invalid event", vec!["test", EC2, STOPPING, "events/not-json.json"], none(), 2),
        ("invalid event wins over no match", vec!["test", EC2, RUNNING, "events/not-json.json"], none(), 2),
        ("no envelope", vec!["test", EC2, "events/no-envelope.json"], none(), 2),
        ("invalid pattern", vec!["test", "rules/invalid.json", STOPPING], none(), 2),
        ("event not UTF-8", vec!["test", EC2, latin1], none(), 2),
        ("pattern not UTF-8", vec!["test", latin1, STOPPING], none(), 2),
        ("missing event", vec!["test", EC2, "no-such.json"], none(), 2),
        ("missing pattern", vec!["test", "no-such.json", STOPPING], none(), 2),
        ("stdin twice", vec!["test", "-", "-"], none(), 2),
        ("no event", vec!["test", EC2], none(), 2),
        ("bad flag", vec!["test", "--nope", EC2, STOPPING], none(), 2),
        ("spec passes", vec!["test", "--spec", "specs/s3.yml"], none(), 0),
        ("spec fails", vec!["test", "--spec", "specs/ec2.yaml"], none(), 1),
        ("spec lint denied", vec!["test", "--spec", "specs/s3.yml", "specs/many-instances.yaml", "--deny-warnings"], none(), 1),
        ("spec invalid", vec!["test", "--spec", "specs/broken.yaml"], none(), 2),
        ("spec's pattern invalid", vec!["test", "--spec", "specs/invalid-pattern.yaml"], none(), 2),
        ("spec's event missing", vec!["test", "--spec", "specs/missing-event.yaml"], none(), 2),
        ("spec missing", vec!["test", "--spec", "specs/s3.yml", "specs/no-such.yaml"], none(), 2),
        ("spec not UTF-8", vec!["test", "--spec", latin1], none(), 2),
        ("bad format", vec!["test", "--spec", "specs/s3.yml", "--format", "xml"], none(), 2),

        ("match", vec!["explain", EC2, STOPPING], none(), 0),
        ("no match", vec!["explain", EC2, RUNNING], none(), 1),
        ("invalid event", vec!["explain", EC2, "events/not-json.json"], none(), 2),
        ("invalid pattern", vec!["explain", "rules/invalid.json", STOPPING], none(), 2),
        ("not UTF-8", vec!["explain", EC2, latin1], none(), 2),
        ("missing file", vec!["explain", EC2, "no-such.json"], none(), 2),
        ("bad flag", vec!["explain", "--yaml", EC2, STOPPING], none(), 2),

        ("selected", vec!["filter", EC2], bytes(&line(MATCH_LINE)), 0),
        ("none selected", vec!["filter", EC2], bytes(&line(OTHER_LINE)), 1),
        ("nothing at all", vec!["filter", EC2], none(), 1),
        ("-v selects", vec!["filter", "-v", EC2], bytes(&line(OTHER_LINE)), 0),
        ("-c, none", vec!["filter", "-c", EC2], bytes(&line(OTHER_LINE)), 1),
        ("a bad line", vec!["filter", EC2], bytes(&[line(MATCH_LINE), line(b"[1]")].concat()), 2),
        ("a line not UTF-8", vec!["filter", EC2], bytes(&[line(MATCH_LINE), line(b"{\"a\": \"\xff\"}")].concat()), 2),
        ("a line not UTF-8, -j 2", vec!["filter", "-j", "2", EC2], bytes(&[line(b"\xff"), line(MATCH_LINE)].concat()), 2),
        ("--ids, selected", vec!["filter", "--rules", "rules/many-rules.jsonl", "--ids"], bytes(&line(MATCH_LINE)), 0),
        ("--ids, none", vec!["filter", "--rules", "rules/many-rules.jsonl", "--ids"], bytes(&line(b"{}")), 1),
        ("--count, none", vec!["filter", "--rules-map", "rules/rules-map.json", "--count"], bytes(&line(b"{}")), 1),
        ("a rule not UTF-8", vec!["filter", "--rules", latin1_rules], bytes(&line(MATCH_LINE)), 2),
        ("invalid rule", vec!["filter", "--rules", "rules/invalid-rules.jsonl"], bytes(&line(MATCH_LINE)), 2),
        ("invalid rules map", vec!["filter", "--rules-map", "rules/invalid-rules-map.json"], bytes(&line(MATCH_LINE)), 2),
        ("rules map not UTF-8", vec!["filter", "--rules-map", latin1], bytes(&line(MATCH_LINE)), 2),
        ("invalid pattern", vec!["filter", "rules/invalid.json"], bytes(&line(MATCH_LINE)), 2),
        ("pattern not UTF-8", vec!["filter", latin1], bytes(&line(MATCH_LINE)), 2),
        ("missing events", vec!["filter", EC2, "no-such.jsonl"], none(), 2),
        ("missing pattern", vec!["filter", "no-such.json"], bytes(&line(MATCH_LINE)), 2),
        ("unreadable events", vec!["filter", EC2, "events"], none(), 2),
        ("--ids without rules", vec!["filter", "--ids", EC2], bytes(&line(MATCH_LINE)), 2),
        ("--count -v with rules", vec!["filter", "--rules", "rules/many-rules.jsonl", "-c", "-v"], none(), 2),
        ("bad flag", vec!["filter", "-j", "many", EC2], none(), 2),

        ("all answered", vec!["batch", "--any-event"], bytes(&[BATCH_MATCH, BATCH_NO_MATCH].concat()), 0),
        ("invalid answers too", vec!["batch"], bytes(b"not json\n\n{}\n"), 0),
        ("nothing at all", vec!["batch"], none(), 0),
        ("a line not UTF-8", vec!["batch", "--any-event"], bytes(&[BATCH_MATCH, b"{\"pattern\": \xff}\n", BATCH_MATCH].concat()), 2),
        ("unreadable stdin", vec!["batch"], Stdin::Unreadable, 2),
        ("bad flag", vec!["batch", "--nope"], none(), 2),

        ("valid", vec!["schedule", "rate(5 minutes)", "--from", "2024-01-01T00:00:00Z", "--next", "1"], none(), 0),
        ("valid, zone", vec!["schedule", "cron(0 9 ? * MON-FRI *)", "--tz", "Europe/Paris", "--next", "1"], none(), 0),
        ("invalid", vec!["schedule", "rate(5 lightyears)"], none(), 2),
        ("at() for a rule", vec!["schedule", "at(2025-01-01T10:00:00)"], none(), 2),
        ("unknown zone", vec!["schedule", "rate(5 minutes)", "--tz", "Mars/Olympus_Mons"], none(), 2),
        ("bad --from", vec!["schedule", "rate(5 minutes)", "--from", "yesterday"], none(), 2),
        ("no expression", vec!["schedule"], none(), 2),
        ("bad flag", vec!["schedule", "rate(5 minutes)", "--next", "-1"], none(), 2),

        ("delivered", [&["envelope", "entries/order-placed.json"][..], &envelope].concat(), none(), 0),
        ("an entry refused", [&["envelope", "entries/mixed.json"][..], &envelope].concat(), none(), 2),
        ("not JSON", vec!["envelope", "events/not-json.json"], none(), 2),
        ("not UTF-8", vec!["envelope", latin1], none(), 2),
        ("missing file", vec!["envelope", "no-such.json"], none(), 2),
        ("bad flag", vec!["envelope", "--nope", "entries/order-placed.json"], none(), 2),

        ("delivered", vec!["transform", transformer, doc_event], none(), 0),
        ("dropped", vec!["transform", "transformers/object-in-quotes.json", doc_event], none(), 1),
        ("not a transformer", vec!["transform", EC2, doc_event], none(), 2),
        ("invalid event", vec!["transform", transformer, "events/not-json.json"], none(), 2),
        ("not UTF-8", vec!["transform", transformer, latin1], none(), 2),
        ("missing file", vec!["transform", transformer, "no-such.json"], none(), 2),
        ("stdin twice", vec!["transform", "-", "-"], none(), 2),
        ("bad flag", vec!["transform", "--nope", transformer, doc_event], none(), 2),

        ("written", vec!["export", "-f", "terraform", "--name", "r", EC2], none(), 0),
        ("no name", vec!["export", "-f", "terraform", EC2], none(), 2),
        ("invalid", vec!["export", "-f", "terraform", "--name", "r", "rules/invalid.json"], none(), 2),
        ("does not fit", vec!["export", "-f", "scheduler-terraform", "--name", "r", EC2], none(), 2),
        ("not UTF-8", vec!["export", "-f", "terraform", "--name", "r", latin1], none(), 2),
        ("missing file", vec!["export", "-f", "terraform", "no-such.json"], none(), 2),
        ("unknown format", vec!["export", "-f", "xml", "--name", "r", EC2], none(), 2),

        ("written", vec!["import", EC2], none(), 0),
        ("no valid rule", vec!["import", "rules/rules-map.json"], none(), 2),
        ("no such rule", vec!["import", EC2, "--rule", "nope"], none(), 2),
        ("not UTF-8", vec!["import", latin1], none(), 2),
        ("missing file", vec!["import", "no-such.json"], none(), 2),
        ("unknown source", vec!["import", "--from", "xml", EC2], none(), 2),

        ("written", vec!["completions", "zsh"], none(), 0),
        ("unknown shell", vec!["completions", "tcsh"], none(), 2),
        ("no shell", vec!["completions"], none(), 2),
    ];
    let mut wrong = Vec::new();
    for (what, args, stdin, expected) in table {
        let output = match stdin {
            Stdin::Bytes(bytes) => in_fixtures(&args, &bytes),
            Stdin::Unreadable => Command::new(env!("CARGO_BIN_EXE_evpat"))
                .args(&args)
                .stdin(Stdio::from(File::open(env!("CARGO_MANIFEST_DIR")).unwrap()))
                .output()
                .unwrap(),
        };
        let stderr = String::from_utf8_lossy(&output.stderr);
        let code = output.status.code();
        if code != Some(expected)
            || stderr.contains("panicked")
            || (expected == 2 && stderr.trim().is_empty())
        {
            wrong.push(format!("{what}: evpat {args:?} exits {code:?}, not {expected}: {stderr}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
