//! `evpat filter`: grep for JSON Lines. Lines out unchanged, bad lines on
//! stderr without stopping the stream, grep's flags and exit codes, and a
//! quiet end when the reader goes away.

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};

use crate::{in_fixtures, outcome};

const EC2: &str = "rules/ec2-stopping.json";

const STOPPING: &str = r#"{"version":"0","id":"7bf73129-1428-4cd3-a780-95db273d1602","detail-type":"EC2 Instance State-change Notification","source":"aws.ec2","account":"123456789012","time":"2024-05-14T15:04:12Z","region":"us-east-1","resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-00000000000000001"],"detail":{"instance-id":"i-00000000000000001","state":"stopping"}}"#;
const RUNNING: &str = r#"{"version":"0","id":"ee376907-2647-4179-9203-343cfb3017a4","detail-type":"EC2 Instance State-change Notification","source":"aws.ec2","account":"123456789012","time":"2024-05-14T15:01:47Z","region":"us-east-1","resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-00000000000000002"],"detail":{"instance-id":"i-00000000000000002","state":"running"}}"#;
/// Spaced out, with a CRLF ending: printed exactly as it came.
const STOPPED_CRLF: &str = "{ \"source\" : \"aws.ec2\", \"detail-type\": \"EC2 Instance State-change Notification\", \"detail\": {\"state\": \"stopped\"} }\r";
const S3: &str = r#"{"version":"0","id":"17793124-05d4-b198-2fde-7ededc63b103","detail-type":"Object Created","source":"aws.s3","account":"123456789012","time":"2024-05-14T16:20:35Z","region":"eu-west-1","resources":["arn:aws:s3:::example-uploads"],"detail":{"bucket":{"name":"example-uploads"},"object":{"key":"incoming/report.csv","size":5321}}}"#;
const LATIN1: &[u8] = b"{\"source\": \"aws.ec2\", \"detail\": {\"state\": \"arr\xeat\"}}";

/// Nine lines: three that match (1, 7, 9, the last without a newline),
/// two that do not (3, 8), three bad ones (2, 4, 5) and a blank one (6).
fn stream() -> Vec<u8> {
    let mut stream = Vec::new();
    for line in [STOPPING.as_bytes(), b"not json", RUNNING.as_bytes(), LATIN1, b"[1, 2]", b""] {
        stream.extend_from_slice(line);
        stream.push(b'\n');
    }
    for line in [STOPPED_CRLF, S3] {
        stream.extend_from_slice(line.as_bytes());
        stream.push(b'\n');
    }
    stream.extend_from_slice(STOPPING.as_bytes());
    stream
}

/// What stderr says about the bad lines of [`stream`] read as `name`.
fn bad_lines(name: &str) -> String {
    format!(
        "evpat: {name}:2: Unrecognized token 'not': was expecting \
         (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n\
         evpat: {name}:4: not valid UTF-8 (byte 0xea at column 47)\n\
         evpat: {name}:5: the event is a JSON array, not an object\n"
    )
}

fn filter(args: &[&str], stdin: &[u8]) -> (Option<i32>, String, String) {
    let mut all = vec!["filter"];
    all.extend_from_slice(args);
    outcome(&in_fixtures(&all, stdin))
}

#[test]
fn prints_matching_lines_unchanged_and_reports_bad_ones() {
    assert_eq!(LATIN1.iter().position(|&b| b == 0xea), Some(46));
    assert_eq!(
        filter(&[EC2], &stream()),
        (Some(2), format!("{STOPPING}\n{STOPPED_CRLF}\n{STOPPING}\n"), bad_lines("<stdin>"))
    );
}

#[test]
fn reads_a_file_or_a_dash() {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("filter-stream.jsonl");
    std::fs::write(&path, stream()).unwrap();
    let name = path.to_str().unwrap();
    let (code, stdout, stderr) = filter(&[EC2, name], b"");
    assert_eq!((code, stdout.lines().count()), (Some(2), 3));
    assert_eq!(stderr, bad_lines(name));
    let (code, _, stderr) = filter(&[EC2, "-"], &stream());
    assert_eq!((code, stderr), (Some(2), bad_lines("<stdin>")));
}

#[test]
fn counts_inverts_and_numbers_as_grep_does() {
    let stream = stream();
    let run = |args: &[&str]| {
        let mut all = args.to_vec();
        all.push(EC2);
        let (code, stdout, stderr) = filter(&all, &stream);
        assert_eq!(stderr, bad_lines("<stdin>"), "{args:?}");
        (code, stdout)
    };
    assert_eq!(run(&["-c"]), (Some(2), "3\n".to_owned()));
    assert_eq!(run(&["-n"]), (Some(2), format!("1:{STOPPING}\n7:{STOPPED_CRLF}\n9:{STOPPING}\n")));
    // Bad lines are never selected, not even with -v.
    assert_eq!(run(&["-v"]), (Some(2), format!("{RUNNING}\n{S3}\n")));
    assert_eq!(run(&["-v", "-n"]), (Some(2), format!("3:{RUNNING}\n8:{S3}\n")));
    assert_eq!(run(&["-cv"]), (Some(2), "2\n".to_owned()));
    assert_eq!(run(&["--count", "--invert-match"]), (Some(2), "2\n".to_owned()));
}

#[test]
fn exits_0_on_a_match_and_1_on_none() {
    let input = format!("{RUNNING}\n{S3}\n");
    assert_eq!(filter(&[EC2], input.as_bytes()), (Some(1), String::new(), String::new()));
    assert_eq!(filter(&[EC2, "-c"], input.as_bytes()), (Some(1), "0\n".to_owned(), String::new()));
    assert_eq!(filter(&[EC2, "-v"], input.as_bytes()), (Some(0), input.clone(), String::new()));
    assert_eq!(
        filter(&["rules/s3-uploads.json"], input.as_bytes()),
        (Some(0), format!("{S3}\n"), String::new())
    );
    assert_eq!(filter(&[EC2], b""), (Some(1), String::new(), String::new()));
}

#[test]
fn any_object_is_an_event() {
    // No envelope: filter matches what is on the bus, as rules do.
    let input = "{\"source\": \"aws.ec2\", \"detail-type\": \"EC2 Instance State-change Notification\", \
                 \"detail\": {\"state\": \"stopping\"}}\n";
    assert_eq!(filter(&[EC2], input.as_bytes()), (Some(0), input.to_owned(), String::new()));
}

#[test]
fn a_bad_pattern_or_a_missing_file_stops_it() {
    let (code, stdout, stderr) = filter(&["rules/invalid.json"], STOPPING.as_bytes());
    assert_eq!((code, stdout.as_str()), (Some(2), ""));
    assert!(
        stderr.starts_with(
            "rules/invalid.json:2:35: error: Event pattern is not valid. Reason: \
             prefix match pattern must be a string\n"
        ),
        "{stderr}"
    );
    assert_eq!(
        filter(&[EC2, "no-such-events.jsonl"], b""),
        (
            Some(2),
            String::new(),
            "evpat: cannot read no-such-events.jsonl: No such file or directory (os error 2)\n"
                .to_owned()
        )
    );
    for args in [&["-"][..], &["-", "-"]] {
        assert_eq!(
            filter(args, b"{}"),
            (
                Some(2),
                String::new(),
                "evpat: standard input (`-`) can be read only once\n".to_owned()
            ),
            "{args:?}"
        );
    }
}

/// `evpat filter p.json big.jsonl | head -1`: once the reader has its line
/// and goes away, evpat ends quietly, with 0.
#[test]
fn a_closed_stdout_ends_it_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_evpat"))
        .args(["filter", EC2])
        .current_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let mut written = 0;
        for _ in 0..200_000 {
            // evpat stops reading once stdout is closed: a failed write
            // here is expected.
            if writeln!(stdin, "{STOPPING}").is_err() {
                break;
            }
            written += 1;
        }
        written
    });
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert_eq!(first, format!("{STOPPING}\n"));
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    let written = writer.join().unwrap();
    assert_eq!(output.status.code(), Some(0), "after {written} lines written");
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    assert!(written < 200_000, "evpat read all the input after its stdout was closed");
}

const RULES: &str = "rules/many-rules.jsonl";
const RULES_MAP: &str = "rules/rules-map.json";

/// `--rules`: the ids are line numbers; `--ids` gives a line per event,
/// `null` for a bad one; blank lines hold no rule and no event.
#[test]
fn ids_of_many_rules_one_line_per_event() {
    for jobs in ["1", "2", "0"] {
        assert_eq!(
            filter(&["--rules", RULES, "--ids", "-j", jobs], &stream()),
            (
                Some(2),
                "[0,1]\nnull\n[0]\nnull\nnull\n[0,1]\n[3,4]\n[0,1]\n".to_owned(),
                bad_lines("<stdin>")
            ),
            "-j {jobs}"
        );
    }
    let input = format!("{RUNNING}\n{{}}\n");
    assert_eq!(
        filter(&["--rules", RULES, "--ids", "-"], input.as_bytes()),
        (Some(0), "[0]\n[]\n".to_owned(), String::new())
    );
    assert_eq!(
        filter(&["--rules", RULES, "--ids"], b"{}\n"),
        (Some(1), "[]\n".to_owned(), String::new())
    );
}

#[test]
fn ids_of_a_rules_map_are_its_keys() {
    assert_eq!(
        filter(&["--rules-map", RULES_MAP, "--ids"], &stream()),
        (
            Some(2),
            "[\"ec2\"]\nnull\n[\"ec2\"]\nnull\nnull\n[\"ec2\",\"stopped\"]\n[\"big upload\"]\n[\"ec2\"]\n"
                .to_owned(),
            bad_lines("<stdin>")
        )
    );
}

#[test]
fn counts_per_rule() {
    for jobs in ["1", "3"] {
        assert_eq!(
            filter(&["--rules", RULES, "--count", "-j", jobs], &stream()),
            (Some(2), "0\t4\n1\t3\n3\t1\n4\t1\n".to_owned(), bad_lines("<stdin>"))
        );
        assert_eq!(
            filter(&["--rules-map", RULES_MAP, "-c", "-j", jobs], &stream()),
            (Some(2), "ec2\t4\nstopped\t1\nbig upload\t1\n".to_owned(), bad_lines("<stdin>"))
        );
    }
    assert_eq!(
        filter(&["--rules", RULES, "--count"], b"{}\n"),
        (Some(1), "0\t0\n1\t0\n3\t0\n4\t0\n".to_owned(), String::new())
    );
}

#[test]
fn lines_that_match_any_rule_or_none() {
    assert_eq!(
        filter(&["--rules", RULES, "-n"], &stream()),
        (
            Some(2),
            format!("1:{STOPPING}\n3:{RUNNING}\n7:{STOPPED_CRLF}\n8:{S3}\n9:{STOPPING}\n"),
            bad_lines("<stdin>")
        )
    );
    let input = format!("{RUNNING}\n{{\"source\": \"other\"}}\n");
    assert_eq!(
        filter(&["--rules-map", RULES_MAP, "-v", "-j", "2"], input.as_bytes()),
        (Some(0), "{\"source\": \"other\"}\n".to_owned(), String::new())
    );
}

#[test]
fn the_events_file_follows_the_rules_option() {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("filter-rules-stream.jsonl");
    std::fs::write(&path, stream()).unwrap();
    let name = path.to_str().unwrap();
    let (code, stdout, stderr) = filter(&["--rules", RULES, "--ids", name], b"");
    assert_eq!((code, stdout.lines().count(), stderr), (Some(2), 8, bad_lines(name)));
    let (code, _, stderr) = filter(&["--rules", RULES, EC2, name], b"");
    assert_eq!(
        (code, stderr.as_str()),
        (Some(2), "evpat: with --rules or --rules-map, give only the events file\n")
    );
}

#[test]
fn an_invalid_rule_names_its_line_and_id() {
    assert_eq!(
        filter(&["--rules", "rules/invalid-rules.jsonl"], b"{}"),
        (
            Some(2),
            String::new(),
            "rules/invalid-rules.jsonl:2:34: error: Event pattern is not valid. Reason: prefix \
             match pattern must be a string\n  = rule 1, at $.detail.state[0].prefix\n  = hint: \
             give a single string; to allow several, use one filter object per string\n"
                .to_owned()
        )
    );
    assert_eq!(
        filter(&["--rules-map", "rules/invalid-rules-map.json"], b"{}"),
        (
            Some(2),
            String::new(),
            "rules/invalid-rules-map.json:3:43: error: Event pattern is not valid. Reason: prefix \
             match pattern must be a string\n  = rule bad, at $.detail.state[0].prefix\n  = hint: \
             give a single string; to allow several, use one filter object per string\n"
                .to_owned()
        )
    );
    let (code, _, stderr) = filter(&["--rules-map", RULES], b"{}");
    assert_eq!(
        (code, stderr.as_str()),
        (
            Some(2),
            "rules/many-rules.jsonl:2:1: error: Unexpected character ('{' (code 123)): expected end of input\n"
        )
    );
}

#[test]
fn rule_options_are_checked() {
    // `--ids` needs rules; `--count` with rules counts per rule, so no -v.
    let (code, _, stderr) = filter(&[EC2, "--ids"], b"{}");
    assert_eq!(code, Some(2));
    assert!(stderr.contains("--rules"), "{stderr}");
    assert_eq!(
        filter(&["--rules", RULES, "-c", "-v"], b"{}"),
        (
            Some(2),
            String::new(),
            "evpat: --count with rules counts each rule's events: it takes no -v or -n\n"
                .to_owned()
        )
    );
    let (code, _, _) = filter(&["--rules", RULES, "--rules-map", RULES_MAP], b"{}");
    assert_eq!(code, Some(2));
}

/// A file in the tests' scratch directory holding `contents`; its name.
fn scratch(name: &str, contents: &[u8]) -> String {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("filter-{name}"));
    std::fs::write(&path, contents).unwrap();
    path.to_str().unwrap().to_owned()
}

/// An event line whose state is `état` in Latin-1: the `\xe9` is the 23rd
/// character.
const NOT_UTF8: &[u8] = b"{\"detail\": {\"state\": \"\xe9tat\"}}";

/// A line that is not UTF-8 is named, with the bad byte and its column, and
/// skipped: the lines before and after are still filtered, and the exit
/// code says that a line was bad.
#[test]
fn lines_that_are_not_utf8_are_reported_and_skipped() {
    let input = [STOPPING.as_bytes(), b"\n", NOT_UTF8, b"\n", RUNNING.as_bytes(), b"\n", b"\xff\n"]
        .concat();
    let input = [input.as_slice(), STOPPING.as_bytes(), b"\n"].concat();
    let stderr = |name: &str| {
        format!(
            "evpat: {name}:2: not valid UTF-8 (byte 0xe9 at column 23)\n\
             evpat: {name}:4: not valid UTF-8 (byte 0xff at column 1)\n"
        )
    };
    for jobs in ["1", "2"] {
        assert_eq!(
            filter(&[EC2, "-n", "-j", jobs], &input),
            (Some(2), format!("1:{STOPPING}\n5:{STOPPING}\n"), stderr("<stdin>")),
            "-j {jobs}"
        );
        assert_eq!(
            filter(&["--rules", RULES, "--ids", "-j", jobs], &input),
            (Some(2), "[0,1]\nnull\n[0]\nnull\n[0,1]\n".to_owned(), stderr("<stdin>")),
            "-j {jobs}"
        );
    }
    let name = scratch("not-utf8.jsonl", &input);
    assert_eq!(filter(&[EC2, "-c", &name], b""), (Some(2), "2\n".to_owned(), stderr(&name)));
}

/// A `--rules` line that is not UTF-8 holds no rule: it is named and
/// skipped, and the other rules keep their ids (their line numbers).
#[test]
fn rules_that_are_not_utf8_are_reported_and_skipped() {
    let rules = scratch(
        "not-utf8-rules.jsonl",
        b"{\"source\": [\"aws.ec2\"]}\n{\"detail\": {\"state\": [\"\xe9tat\"]}}\n\
          {\"detail\": {\"state\": [\"stopping\"]}}\n",
    );
    let message = format!("evpat: {rules}:2: not valid UTF-8 (byte 0xe9 at column 24)\n");
    let input = format!("{STOPPING}\n{RUNNING}\n");
    assert_eq!(
        filter(&["--rules", &rules, "--ids"], input.as_bytes()),
        (Some(2), "[0,2]\n[0]\n".to_owned(), message.clone())
    );
    assert_eq!(
        filter(&["--rules", &rules, "--count"], input.as_bytes()),
        (Some(2), "0\t2\n2\t1\n".to_owned(), message.clone())
    );
    assert_eq!(filter(&["--rules", &rules], input.as_bytes()), (Some(2), input.clone(), message));
}

/// A pattern or a rules map is one JSON document: if it is not UTF-8,
/// nothing is filtered, and the error names the file, the line and the
/// column.
#[test]
fn a_pattern_that_is_not_utf8_stops_it() {
    let pattern =
        scratch("not-utf8-pattern.json", b"{\n  \"detail\": {\"state\": [\"\xe9tat\"]}\n}\n");
    assert_eq!(
        filter(&[&pattern], STOPPING.as_bytes()),
        (
            Some(2),
            String::new(),
            format!("evpat: {pattern}:2: not valid UTF-8 (byte 0xe9 at column 25)\n")
        )
    );
    let map = scratch("not-utf8-map.json", b"{\"a\": {\"source\": [\"\xff\"]}}");
    assert_eq!(
        filter(&["--rules-map", &map], STOPPING.as_bytes()),
        (
            Some(2),
            String::new(),
            format!("evpat: {map}:1: not valid UTF-8 (byte 0xff at column 20)\n")
        )
    );
}
