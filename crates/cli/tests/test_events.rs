//! `evpat test PATTERN EVENT...`: a verdict per event, and grep's exit
//! codes: 0 all match, 1 one does not, 2 one could not be tested.

use crate::{in_fixtures, outcome};

const EC2: &str = "rules/ec2-stopping.json";

/// What `evpat check` prints for `rules/invalid.json`, the `5` on line 2.
const INVALID_PATTERN: &str = "\
rules/invalid.json:2:35: error: Event pattern is not valid. Reason: prefix match pattern must be a string
 --> line 2, column 35, at $.detail.state[0].prefix
  |
2 |   \"detail\": {\"state\": [{\"prefix\": 5}]}
  |                                   ^
  = hint: give a single string; to allow several, use one filter object per string
";

fn test(args: &[&str], stdin: &[u8]) -> (Option<i32>, String, String) {
    let mut all = vec!["test"];
    all.extend_from_slice(args);
    outcome(&in_fixtures(&all, stdin))
}

#[test]
fn every_event_matches() {
    assert_eq!(
        test(&[EC2, "events/ec2-stopping.json"], b""),
        (Some(0), "events/ec2-stopping.json: match\n".to_owned(), String::new())
    );
}

#[test]
fn one_event_does_not_match() {
    assert_eq!(
        test(&[EC2, "events/ec2-stopping.json", "events/ec2-running.json"], b""),
        (
            Some(1),
            "events/ec2-stopping.json: match\nevents/ec2-running.json: no match\n".to_owned(),
            String::new()
        )
    );
}

#[test]
fn bad_events_are_named_and_the_others_still_tested() {
    let args = [
        EC2,
        "events/no-envelope.json",
        "events/not-json.json",
        "events/no-such-event.json",
        "events/ec2-running.json",
        "events/ec2-stopping.json",
    ];
    assert_eq!(
        test(&args, b""),
        (
            Some(2),
            "events/ec2-running.json: no match\nevents/ec2-stopping.json: match\n".to_owned(),
            "evpat: events/no-envelope.json:1:1: the event has no `id`, `account`, `time`, `region`\n\
             evpat: events/not-json.json:3:33: Unexpected character ('}' (code 125)): \
             was expecting double-quote to start field name\n\
             evpat: cannot read events/no-such-event.json: No such file or directory (os error 2)\n"
                .to_owned()
        )
    );
}

/// An event file that is not UTF-8 is named with the place of the bad
/// byte; the other events are still tested.
#[test]
fn an_event_that_is_not_utf8_is_named_and_the_others_still_tested() {
    let path = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("test-latin1.json");
    std::fs::write(&path, b"{\n  \"source\": \"caf\xe9\"\n}\n").unwrap();
    let name = path.to_str().unwrap();
    assert_eq!(
        test(&[EC2, "events/ec2-stopping.json", name, "events/ec2-running.json"], b""),
        (
            Some(2),
            "events/ec2-stopping.json: match\nevents/ec2-running.json: no match\n".to_owned(),
            format!("evpat: {name}:2: not valid UTF-8 (byte 0xe9 at column 17)\n")
        )
    );
}

#[test]
fn any_event_skips_the_envelope_check() {
    assert_eq!(
        test(&["--any-event", EC2, "events/no-envelope.json"], b""),
        (Some(0), "events/no-envelope.json: match\n".to_owned(), String::new())
    );
    // Without the envelope, the S3 pattern still does not match an EC2 event.
    assert_eq!(
        test(&["--any-event", "rules/s3-uploads.json", "events/no-envelope.json"], b"").0,
        Some(1)
    );
}

#[test]
fn a_bad_pattern_is_shown_as_check_shows_it() {
    assert_eq!(
        test(&["rules/invalid.json", "events/ec2-stopping.json"], b""),
        (Some(2), String::new(), INVALID_PATTERN.to_owned())
    );
    let (code, stdout, stderr) =
        test(&["rules/no-such-rule.json", "events/ec2-stopping.json"], b"");
    assert_eq!((code, stdout.as_str()), (Some(2), ""));
    assert_eq!(
        stderr,
        "evpat: cannot read rules/no-such-rule.json: No such file or directory (os error 2)\n"
    );
}

#[test]
fn a_dash_reads_stdin_once() {
    let event = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/events/s3-object-created.json"),
    )
    .unwrap();
    assert_eq!(
        test(&["rules/s3-uploads.json", "-"], &event),
        (Some(0), "<stdin>: match\n".to_owned(), String::new())
    );
    let pattern = br#"{"source": ["aws.s3"]}"#;
    assert_eq!(
        test(&["-", "events/s3-object-created.json"], pattern),
        (Some(0), "events/s3-object-created.json: match\n".to_owned(), String::new())
    );
    assert_eq!(
        test(&["-", "-"], pattern),
        (Some(2), String::new(), "evpat: standard input (`-`) can be read only once\n".to_owned())
    );
}

#[test]
fn usage_errors_exit_2() {
    // A pattern without events, and spec-only options without --spec.
    for args in [&[EC2][..], &["--format", "junit", EC2, "events/ec2-stopping.json"]] {
        let (code, stdout, stderr) = test(args, b"");
        assert_eq!((code, stdout.as_str()), (Some(2), ""), "{args:?}");
        assert!(stderr.starts_with("error: "), "{stderr}");
    }
}

/// An event that spells a field both dotted and nested, with too many
/// choices between its arrays to decide, is an error (exit 2) that names
/// the place of the dotted spelling and the limit; the others still run.
#[test]
fn an_event_too_costly_to_decide_is_an_error() {
    let rule = "rules/dotted-and-nested.json";
    assert_eq!(
        test(&[rule, "events/dotted-and-nested.json", "events/ec2-stopping.json"], b""),
        (
            Some(2),
            "events/ec2-stopping.json: no match\n".to_owned(),
            "evpat: events/dotted-and-nested.json:11:13: cannot decide array consistency at \
             detail.a.x: the event spells it both with a dotted key and nested, so its values \
             sit in sibling arrays, and the choices between them come to 205379 combinations, \
             more than the 100000 allowed\n"
                .to_owned()
        )
    );
}
