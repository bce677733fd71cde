//! `evpat explain`, and the lints `evpat check` prints.

use crate::{in_fixtures, outcome};

#[test]
fn explains_a_miss_and_exits_1() {
    assert_eq!(
        outcome(&in_fixtures(&["explain", "rules/ec2-stopping.json", "events/ec2-running.json"], b"")),
        (
            Some(1),
            "\
✗ the event does not match: 1 of 3 fields fail
├─ ✓ source: expected \"aws.ec2\": \"aws.ec2\" matches
├─ ✓ detail-type: expected \"EC2 Instance State-change Notification\": \"EC2 Instance State-change Notification\" matches
└─ ✗ detail: its field fails
   └─ ✗ detail.state: none of the 2 conditions matches \"running\"
      ├─ ✗ \"stopping\": expected \"stopping\", got \"running\"
      │       at $.detail.state
      └─ ✗ \"stopped\": expected \"stopped\", got \"running\"
              at $.detail.state
"
            .to_owned(),
            String::new()
        )
    );
}

#[test]
fn explains_a_match_and_exits_0() {
    let (code, stdout, _) = outcome(&in_fixtures(
        &["explain", "rules/ec2-stopping.json", "events/ec2-stopping.json"],
        b"",
    ));
    assert_eq!(code, Some(0));
    assert!(stdout.starts_with("✓ the event matches the pattern\n"), "{stdout}");
}

#[test]
fn json_gives_the_tree() {
    let (code, stdout, _) = outcome(&in_fixtures(
        &["explain", "--json", "rules/ec2-stopping.json", "events/ec2-running.json"],
        b"",
    ));
    assert_eq!(code, Some(1));
    let tree: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(tree["matched"], false);
    let detail = &tree["root"]["children"][2];
    assert_eq!(detail["kind"], "field");
    assert_eq!(detail["name"], "detail");
    let state = &detail["children"][0];
    assert_eq!(state["outcome"], "failed");
    assert_eq!(state["path"], "$.detail.state");
    assert_eq!(state["values"][0]["path"], "$.detail.state");
    assert_eq!(state["values"][0]["value"], "\"running\"");
    assert_eq!(state["children"][0]["kind"], "condition");
    assert_eq!(state["children"][0]["reason"], "expected \"stopping\", got \"running\"");
}

#[test]
fn errors_exit_2() {
    let (code, stdout, stderr) =
        outcome(&in_fixtures(&["explain", "rules/invalid.json", "events/ec2-running.json"], b""));
    assert_eq!((code, stdout.as_str()), (Some(2), ""));
    assert!(stderr.starts_with("rules/invalid.json:"), "{stderr}");
    let (code, _, stderr) = outcome(&in_fixtures(
        &["explain", "rules/ec2-stopping.json", "events/no-envelope.json"],
        b"",
    ));
    assert_eq!(code, Some(2));
    assert!(
        stderr.starts_with(
            "events/no-envelope.json:1:1: Parameter Event is not valid. the event has no"
        ),
        "{stderr}"
    );
    // Without the envelope check, any object is an event (this one matches).
    let (code, stdout, _) = outcome(&in_fixtures(
        &["explain", "--any-event", "rules/ec2-stopping.json", "events/no-envelope.json"],
        b"",
    ));
    assert_eq!(code, Some(0));
    assert!(stdout.starts_with("✓ the event matches the pattern\n"), "{stdout}");
}

#[test]
fn check_prints_lints() {
    let pattern = br#"{"source": ["aws.EC2"],
 "detail": {"count": ["5"]}}"#;
    assert_eq!(
        outcome(&in_fixtures(&["check", "-"], pattern)),
        (
            Some(0),
            "\
<stdin>: valid
warning[unknown-source]: \"aws.EC2\" is not a source AWS sends; it is close to \"aws.ec2\"
  --> <stdin>:1:13 ($.source[0])
  = fix: write \"aws.ec2\"
note[number-as-string]: \"5\" is a string: it never matches the number 5
  --> <stdin>:2:23 ($.detail.count[0])
  = fix: if the event has a number, write 5 without quotes
"
            .to_owned(),
            String::new()
        )
    );
}
