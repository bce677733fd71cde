//! `evpat schedule`, `evpat envelope` and `evpat transform`.

use crate::{in_fixtures, outcome};

#[test]
fn schedule_describes_and_lists_fire_times() {
    assert_eq!(
        outcome(&in_fixtures(
            &[
                "schedule",
                "cron(15 10 ? * 6L 2019-2022)",
                "--from",
                "2022-10-01T00:00:00Z",
                "--next",
                "5"
            ],
            b""
        )),
        (
            Some(0),
            "at 10:15 UTC on the last Friday of each month, 2019–2022\n\
             2022-10-28T10:15:00Z\n2022-11-25T10:15:00Z\n2022-12-30T10:15:00Z\n"
                .to_owned(),
            String::new()
        )
    );
    assert_eq!(
        outcome(&in_fixtures(
            &["schedule", "rate(5 minutes)", "--from", "2024-01-01T00:00:00Z", "--next", "2"],
            b""
        ))
        .1,
        "every 5 minutes\n2024-01-01T00:05:00Z\n2024-01-01T00:10:00Z\n"
    );
}

#[test]
fn schedule_shows_local_times_and_skips_the_spring_forward_gap() {
    // 02:00 does not exist in New York on 2024-03-10.
    let (code, stdout, _) = outcome(&in_fixtures(
        &[
            "schedule",
            "cron(0 2 ? * SUN *)",
            "--tz",
            "America/New_York",
            "--from",
            "2024-03-01T00:00:00Z",
            "--next",
            "3",
        ],
        b"",
    ));
    assert_eq!(code, Some(0));
    assert_eq!(
        stdout,
        "at 02:00 America/New_York, every Sunday\n\
         2024-03-03T07:00:00Z  2024-03-03T02:00:00-05:00 America/New_York\n\
         2024-03-17T06:00:00Z  2024-03-17T02:00:00-04:00 America/New_York\n\
         2024-03-24T06:00:00Z  2024-03-24T02:00:00-04:00 America/New_York\n"
    );
}

#[test]
fn invalid_schedules_exit_2_with_aws_message_and_reason() {
    assert_eq!(
        outcome(&in_fixtures(&["schedule", "rate(1 minutes)"], b"")),
        (
            Some(2),
            String::new(),
            "evpat: Parameter ScheduleExpression is not valid. \
             rate(1 …) takes the singular unit: `minute`, not `minutes`\n"
                .to_owned()
        )
    );
    let (code, _, stderr) = outcome(&in_fixtures(&["schedule", "at(2025-01-01T10:00:00)"], b""));
    assert_eq!(code, Some(2));
    assert!(stderr.contains("at() is only for EventBridge Scheduler"), "{stderr}");
    let (code, stdout, _) = outcome(&in_fixtures(
        &["schedule", "at(2025-01-01T10:00:00)", "--scheduler", "--from", "2024-01-01T00:00:00Z"],
        b"",
    ));
    assert_eq!(code, Some(0));
    assert!(stdout.ends_with("\n2025-01-01T10:00:00Z\n"), "{stdout}");
    let (code, _, stderr) =
        outcome(&in_fixtures(&["schedule", "rate(5 minutes)", "--tz", "Mars/Olympus"], b""));
    assert_eq!(code, Some(2));
    assert!(stderr.contains("unknown time zone"), "{stderr}");
}

#[test]
fn envelope_delivers_entries_as_events() {
    assert_eq!(
        outcome(&in_fixtures(
            &["envelope", "entries/order-placed.json", "--id", "e-1", "--time", "2024-06-01T10:15:30Z", "--region", "eu-west-1"],
            b""
        )),
        (
            Some(0),
            "{\n  \"version\": \"0\",\n  \"id\": \"e-1\",\n  \"detail-type\": \"Order Placed\",\n  \
             \"source\": \"com.example.orders\",\n  \"account\": \"123456789012\",\n  \
             \"time\": \"2024-06-01T10:15:30Z\",\n  \"region\": \"eu-west-1\",\n  \"resources\": [],\n  \
             \"detail\": {\n    \"orderId\": \"o-1\",\n    \"total\": 42\n  }\n}\n"
                .to_owned(),
            String::new()
        )
    );
}

#[test]
fn envelope_reports_each_refused_entry_and_exits_2() {
    let (code, stdout, stderr) = outcome(&in_fixtures(
        &["envelope", "entries/mixed.json", "--id", "e", "--time", "2024-06-01T10:15:30Z"],
        b"",
    ));
    assert_eq!(code, Some(2));
    assert_eq!(stderr, "evpat: entries/mixed.json: entry 2: Detail is malformed.\n");
    let event: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(event["detail"]["orderId"], "o-1");
    assert_eq!(event["id"], "e");
}

#[test]
fn transform_renders_the_documented_example() {
    assert_eq!(
        outcome(&in_fixtures(
            &["transform", "transformers/instance-state.json", "events/ec2-running-doc.json"],
            b""
        )),
        (Some(0), "\"instance i-0123456789 is in RUNNING\"\n".to_owned(), String::new())
    );
}

#[test]
fn transform_says_when_an_event_would_be_dropped() {
    let (code, stdout, stderr) = outcome(&in_fixtures(
        &["transform", "transformers/object-in-quotes.json", "events/ec2-running-doc.json"],
        b"",
    ));
    assert_eq!(code, Some(1));
    assert_eq!(stdout, "{\"x\": \"{\"instance-id\":\"i-0123456789\",\"state\":\"RUNNING\"}\"}\n");
    assert!(stderr.starts_with("warning[object-in-string]: "), "{stderr}");
    assert!(
        stderr.contains("evpat: would not be delivered: The output is not valid JSON"),
        "{stderr}"
    );
}

/// The error names the file that is wrong: the event, or the transformer.
#[test]
fn transform_names_the_file_that_is_wrong() {
    assert_eq!(
        outcome(&in_fixtures(
            &["transform", "transformers/instance-state.json", "events/not-json.json"],
            b""
        )),
        (
            Some(2),
            String::new(),
            "evpat: events/not-json.json: The event is not valid JSON: trailing comma at line 3 \
             column 33\n"
                .to_owned()
        )
    );
    let (code, stdout, stderr) = outcome(&in_fixtures(
        &["transform", "rules/ec2-stopping.json", "events/ec2-running-doc.json"],
        b"",
    ));
    assert_eq!((code, stdout.as_str()), (Some(2), ""));
    assert!(
        stderr.starts_with("evpat: rules/ec2-stopping.json: not an InputTransformer"),
        "{stderr}"
    );
}
