//! `evpat batch`: the output contract, line by line.

use crate::{evpat, text};

/// An event with every envelope field TestEventPattern requires.
const EVENT: &str = r#"{"id": "1", "account": "123456789012", "source": "aws.ec2", "time": "2024-01-01T00:00:00Z", "region": "us-east-1", "detail-type": "EC2 Instance State-change Notification", "resources": [], "detail": {"state": "running", "n": 5}}"#;

const MATCH: &str = r#"{"result":"match","error":null}"#;
const NO_MATCH: &str = r#"{"result":"no-match","error":null}"#;

/// Runs `evpat batch` with `args` over `lines`, expecting exit code 0.
fn batch(args: &[&str], input: &str) -> String {
    let mut all = vec!["batch"];
    all.extend_from_slice(args);
    let output = evpat(&all, input.as_bytes());
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_eq!(stderr, "");
    stdout
}

#[test]
fn answers_each_line_in_order() {
    let as_string = serde_json::to_string(EVENT).unwrap();
    let input = [
        format!(r#"{{"pattern": {{"detail": {{"state": ["running"]}}}}, "event": {EVENT}}}"#),
        format!(
            r#"{{"pattern": {{"detail": {{"n": [{{"numeric": [">", 5]}}]}}}}, "event": {EVENT}}}"#
        ),
        format!(r#"{{"pattern": {{"detail": {{"state": [{{"prefix": 5}}]}}}}, "event": {EVENT}}}"#),
        r#"{"pattern": {"source": ["aws.ec2"]}, "event": {"source": "aws.ec2"}}"#.to_owned(),
        r#"{"pattern": "{\"source\": [\"aws.ec2\"]}", "event": "[1]"}"#.to_owned(),
        "{\"pattern\": {\"source\": [\"aws.ec2\"]}, \"event\": ".to_owned(),
        String::new(),
        format!(r#"{{"pattern": "{{\"detail\": {{\"n\": [5]}}}}", "event": {as_string}}}"#),
        format!(r#"{{"event": {EVENT}, "pattern": "{{'bad': 1}}"}}"#),
        r#"["pattern", "event"]"#.to_owned(),
        r#"{"pattern": {"source": ["aws.ec2"]}}"#.to_owned(),
        format!("{{\"pattern\": {{\"source\": [\"aws.ec2\"]}}, \"event\": {EVENT}}}\r"),
    ];
    let expected = [
        MATCH,
        NO_MATCH,
        r#"{"result":"invalid","error":"Event pattern is not valid. Reason: prefix match pattern must be a string"}"#,
        r#"{"result":"invalid","error":"Parameter Event is not valid."}"#,
        r#"{"result":"invalid","error":"Parameter Event is not valid."}"#,
        r#"{"result":"invalid","error":"line 6: not valid JSON: EOF while parsing a value at column 46"}"#,
        r#"{"result":"invalid","error":"line 7: empty line"}"#,
        MATCH,
        r#"{"result":"invalid","error":"Event pattern is not valid. Reason: Unexpected character (''' (code 39)): was expecting double-quote to start field name"}"#,
        r#"{"result":"invalid","error":"line 10: expected an object with \"pattern\" and \"event\", found an array"}"#,
        r#"{"result":"invalid","error":"line 11: missing \"event\""}"#,
        MATCH,
    ];
    let output = batch(&[], &(input.join("\n") + "\n"));
    assert_eq!(output.lines().collect::<Vec<_>>(), expected);
    assert!(output.ends_with("}\n"));
}

#[test]
fn any_event_skips_the_envelope_check() {
    let input = concat!(
        r#"{"pattern": {"detail": {"state": ["running"]}}, "event": {"detail": {"state": "running"}}}"#,
        "\n",
        r#"{"pattern": {"detail": {"state": ["running"]}}, "event": {"detail": {"state": "stopped"}}}"#,
        "\n",
        r#"{"pattern": {"detail": {"state": "running"}}, "event": [1]}"#,
        "\n",
        r#"{"pattern": {"detail": {"state": ["running"]}}, "event": [1]}"#,
    );
    let pattern_error = r#"{"result":"invalid","error":"Event pattern is not valid. Reason: \"state\" must be an object or an array"}"#;
    let event_error = r#"{"result":"invalid","error":"Parameter Event is not valid."}"#;
    assert_eq!(
        batch(&["--any-event"], input).lines().collect::<Vec<_>>(),
        [MATCH, NO_MATCH, pattern_error, event_error]
    );
    // By default, the event's envelope is checked before the pattern.
    assert_eq!(
        batch(&[], input).lines().collect::<Vec<_>>(),
        [event_error, event_error, event_error, event_error]
    );
}

#[test]
fn keeps_lexemes_and_duplicate_keys_as_written() {
    // As a double, 9007199254740993 is ...992, which would be valid.
    let input = concat!(
        r#"{"pattern": {"a": [{"numeric": ["=", 9007199254740993]}]}, "event": {"a": 1}}"#,
        "\n",
        // The last of two duplicate keys wins, as in AWS.
        r#"{"pattern": {"a": ["x"], "a": ["y"]}, "event": {"a": "y"}}"#,
        "\n",
        r#"{"pattern": {"a": ["x"], "a": ["y"]}, "event": {"a": "x"}}"#,
    );
    assert_eq!(
        batch(&["--any-event"], input).lines().collect::<Vec<_>>(),
        [
            r#"{"result":"invalid","error":"Event pattern is not valid. Reason: Cannot compare number 9007199254740993"}"#,
            MATCH,
            NO_MATCH,
        ]
    );
}

#[test]
fn empty_input_gives_empty_output() {
    assert_eq!(batch(&[], ""), "");
}

#[test]
fn a_last_line_without_newline_is_answered() {
    let input = "\n\r\n{}";
    assert_eq!(
        batch(&[], input),
        concat!(
            r#"{"result":"invalid","error":"line 1: empty line"}"#,
            "\n",
            r#"{"result":"invalid","error":"line 2: empty line"}"#,
            "\n",
            r#"{"result":"invalid","error":"line 3: missing \"pattern\""}"#,
            "\n",
        )
    );
}

/// A script may write one line and wait for its answer before writing the
/// next: answers are never held back while evpat waits for input.
#[test]
fn answers_each_line_before_waiting_for_the_next() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::{Command, Stdio};
    use std::sync::mpsc;
    use std::time::Duration;

    let mut child = Command::new(env!("CARGO_BIN_EXE_evpat"))
        .args(["batch", "--any-event"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (lines, received) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let _ = lines.send(line.unwrap());
        }
    });
    for (input, answer) in [
        (r#"{"pattern": {"a": [1]}, "event": {"a": 1}}"#, r#"{"result":"match","error":null}"#),
        (r#"{"pattern": {"a": [1]}, "event": {"a": 2}}"#, r#"{"result":"no-match","error":null}"#),
    ] {
        writeln!(stdin, "{input}").unwrap();
        stdin.flush().unwrap();
        // The timeout only guards against a hang.
        assert_eq!(received.recv_timeout(Duration::from_secs(60)).unwrap(), answer);
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

/// A line that is not UTF-8 is not JSON Lines: it is answered `invalid`,
/// so that the output stays aligned, reported on stderr, and the exit code
/// is 2; the lines before and after are answered as usual.
#[test]
fn a_line_that_is_not_utf8_is_answered_reported_and_exits_2() {
    let input = [
        &br#"{"pattern": {"a": [1]}, "event": {"a": 1}}"#[..],
        b"\n",
        b"{\"pattern\": {\"a\": [\"caf\xe9\"]}, \"event\": {\"a\": 1}}",
        b"\n",
        br#"{"pattern": {"a": [1]}, "event": {"a": 2}}"#,
        b"\n",
    ]
    .concat();
    let output = evpat(&["batch", "--any-event"], &input);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        text(&output),
        (
            format!(
                "{MATCH}\n\
                 {{\"result\":\"invalid\",\"error\":\"line 2: not valid UTF-8 (byte 0xe9 at column 24)\"}}\n\
                 {NO_MATCH}\n"
            ),
            "evpat: <stdin>:2: not valid UTF-8 (byte 0xe9 at column 24)\n".to_owned()
        )
    );
}
