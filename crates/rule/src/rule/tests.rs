use super::*;

const LAMBDA: &str = "arn:aws:lambda:us-east-1:123456789012:function:f";

fn error(text: &str) -> (String, String, Option<(usize, usize)>) {
    let error = Rule::from_json(text).expect_err(text);
    (error.message().to_owned(), error.path().to_owned(), error.place())
}

#[test]
fn reads_every_field() {
    let rule = Rule::from_json(
        r#"{
  "Name": "r.1_x",
  "Description": "d",
  "EventBusName": "arn:aws:events:us-east-1:123456789012:event-bus/default",
  "State": "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
  "EventPattern": {"detail": {"n": [{"numeric": [">", 1.50]}]}},
  "ScheduleExpression": "rate(1 hour)",
  "RoleArn": "arn:aws:iam::123456789012:role/r",
  "Targets": [
    {"Id": "a", "Arn": "ARN-A", "RoleArn": "role", "Input": "{\"x\": 1e2}",
     "RetryPolicy": {"MaximumRetryAttempts": 0, "MaximumEventAgeInSeconds": 60},
     "DeadLetterConfig": {"Arn": "dlq"}},
    {"Id": "b", "Arn": "ARN-B", "InputPath": "$.detail"},
    {"Id": "c", "Arn": "ARN-C", "InputTransformer": {"InputPathsMap": {"s": "$.source"}, "InputTemplate": "\"<s>\""}}
  ]
}"#,
    )
    .unwrap();
    assert_eq!(rule.name, "r.1_x");
    assert_eq!(rule.description.as_deref(), Some("d"));
    assert!(rule.on_default_bus());
    assert_eq!(rule.state, RuleState::EnabledWithAllCloudtrailManagementEvents);
    assert_eq!(
        rule.event_pattern.as_ref().unwrap().json().to_compact(),
        r#"{"detail":{"n":[{"numeric":[">",1.50]}]}}"#
    );
    assert_eq!(rule.schedule_service(), Service::Rule);
    assert_eq!(rule.role_arn.as_deref(), Some("arn:aws:iam::123456789012:role/r"));
    assert_eq!(
        rule.targets[0],
        Target {
            id: "a".into(),
            arn: "ARN-A".into(),
            role_arn: Some("role".into()),
            input: Some(TargetInput::Input("{\"x\": 1e2}".into())),
            retry_policy: Some(RetryPolicy {
                maximum_retry_attempts: Some(0),
                maximum_event_age_in_seconds: Some(60)
            }),
            dead_letter_config: Some(DeadLetterConfig { arn: "dlq".into() }),
        }
    );
    assert_eq!(rule.targets[1].input, Some(TargetInput::InputPath("$.detail".into())));
    let Some(TargetInput::InputTransformer(transformer)) = &rule.targets[2].input else {
        panic!("{:?}", rule.targets[2]);
    };
    assert_eq!(transformer.input_paths_map, [("s".to_owned(), "$.source".to_owned())]);
    // Written out and read back, the rule is the same (the pattern's text
    // is compact then).
    let again = Rule::from_json(&rule.to_json()).unwrap();
    assert_eq!(again.to_json(), rule.to_json());
    assert_eq!(Rule { event_pattern: None, ..again }, Rule { event_pattern: None, ..rule });
}

#[test]
fn writes_put_rule_json_in_a_fixed_order() {
    let pattern = Pattern::parse(r#"{ "detail": { "n": [ 1e2, "a \"b\"" ] } }"#).unwrap();
    let mut rule = Rule::with_pattern("r", pattern);
    rule.targets.push(Target {
        id: "t".into(),
        arn: LAMBDA.into(),
        role_arn: None,
        input: None,
        retry_policy: None,
        dead_letter_config: None,
    });
    assert_eq!(
        rule.to_json(),
        r#"{
  "Name": "r",
  "EventPattern": "{\"detail\":{\"n\":[1e2,\"a \\\"b\\\"\"]}}",
  "State": "ENABLED",
  "Targets": [
    {
      "Id": "t",
      "Arn": "arn:aws:lambda:us-east-1:123456789012:function:f"
    }
  ]
}"#
    );
}

#[test]
fn an_event_pattern_string_is_read_as_the_api_takes_it() {
    let rule =
        Rule::from_json(r#"{"Name": "r", "EventPattern": "{\"source\": [\"aws.ec2\"]}"}"#).unwrap();
    assert_eq!(rule.event_pattern.unwrap().json().to_compact(), r#"{"source":["aws.ec2"]}"#);
}

#[test]
fn pattern_errors_are_placed_in_the_file() {
    // Written as an object: the place of the bad operand itself.
    assert_eq!(
        error("{\"Name\": \"r\",\n \"EventPattern\": {\"detail\": {\"a\": [{\"prefix\": 5}]}}}"),
        (
            "Event pattern is not valid. Reason: prefix match pattern must be a string".into(),
            "$.EventPattern.detail.a[0].prefix".into(),
            Some((2, 47))
        )
    );
    // Written as a string: the string, and the place inside it.
    assert_eq!(
        error("{\"Name\": \"r\", \"EventPattern\": \"{\\\"a\\\": 1}\"}"),
        (
            "Event pattern is not valid. Reason: \"a\" must be an object or an array (at line 1, \
             column 7 of the EventPattern string)"
                .into(),
            "$.EventPattern.a".into(),
            Some((1, 31))
        )
    );
}

#[test]
fn json_and_shape_errors_name_the_place() {
    assert_eq!(error("{\"Name\": \"r\",}").2, Some((1, 14)));
    assert_eq!(
        error("{\"Name\": \"r\", \"EventPattern\": \"{}\", \"Tags\": []}"),
        ("Unknown field Tags".into(), "$.Tags".into(), Some((1, 37)))
    );
    assert_eq!(
        error("{\"Name\": 5}"),
        ("$.Name must be a string, not number".into(), "$.Name".into(), Some((1, 10)))
    );
    assert_eq!(
        error("{\"EventPattern\": \"{\\\"a\\\": [1]}\"}").0,
        "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member \
         must not be null"
    );
    assert_eq!(
        error(r#"{"Name": "r", "ScheduleExpression": "rate(1 hour)", "Targets": [{"Id": "t"}]}"#),
        (
            "1 validation error detected: Value null at 'targets.1.member.arn' failed to satisfy \
             constraint: Member must not be null"
                .into(),
            "$.Targets[0].Arn".into(),
            Some((1, 65))
        )
    );
    assert_eq!(
        error(r#"{"Name": "r", "State": "ON", "ScheduleExpression": "rate(1 hour)"}"#).0,
        "1 validation error detected: Value 'ON' at 'state' failed to satisfy constraint: Member \
         must satisfy enum value set: [DISABLED, ENABLED, \
         ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]"
    );
}

#[test]
fn put_rule_constraints_with_aws_messages() {
    assert_eq!(
        error(r#"{"Name": "my rule", "ScheduleExpression": "rate(1 hour)"}"#),
        (
            "1 validation error detected: Value 'my rule' at 'name' failed to satisfy constraint: \
             Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+"
                .into(),
            "$.Name".into(),
            Some((1, 10))
        )
    );
    assert_eq!(
        error(r#"{"Name": "r"}"#),
        (
            "Parameter(s) EventPattern or ScheduleExpression must be specified.".into(),
            "$".into(),
            Some((1, 1))
        )
    );
    assert_eq!(
        error(r#"{"Name": "r", "EventBusName": "orders", "ScheduleExpression": "rate(1 hour)"}"#),
        (
            "ScheduleExpression is supported only on the default event bus.".into(),
            "$.ScheduleExpression".into(),
            Some((1, 63))
        )
    );
    let bad =
        Rule::from_json(r#"{"Name": "r", "ScheduleExpression": "rate(1 hours)"}"#).unwrap_err();
    assert_eq!(bad.message(), "Parameter ScheduleExpression is not valid.");
    assert!(bad.hint().is_some_and(|hint| hint.contains("hour")), "{bad:?}");
    let long = "d".repeat(513);
    assert!(
        Rule::from_json(&format!(
            r#"{{"Name": "r", "Description": "{long}", "ScheduleExpression": "rate(1 hour)"}}"#
        ))
        .unwrap_err()
        .message()
        .ends_with("at 'description' failed to satisfy constraint: Member must have length less than or equal to 512")
    );
    assert!(
        error(r#"{"Name": "r", "EventBusName": "a bus", "EventPattern": "{\"a\": [1]}"}"#)
            .0
            .contains("at 'eventBusName' failed to satisfy constraint: Member must satisfy regular expression pattern")
    );
}

#[test]
fn put_targets_constraints_with_aws_messages() {
    let rule = |targets: &str| {
        format!(r#"{{"Name": "r", "ScheduleExpression": "rate(1 hour)", "Targets": [{targets}]}}"#)
    };
    assert_eq!(
        error(&rule(r#"{"Id": "t", "Arn": "a", "Input": "{}", "InputPath": "$.detail"}"#)).0,
        "Only one of Input, InputPath, or InputTransformer must be provided for target t."
    );
    let six = (0..6).map(|i| format!(r#"{{"Id": "t{i}", "Arn": "a"}}"#)).collect::<Vec<_>>();
    let (message, path, _) = error(&rule(&six.join(",")));
    assert_eq!(
        (message.as_str(), path.as_str()),
        ("The requested resource exceeds the maximum number allowed.", "$.Targets[5]")
    );
    assert_eq!(
        error(&rule(r#"{"Id": "a b", "Arn": "a"}"#)).0,
        "1 validation error detected: Value 'a b' at 'targets.1.member.id' failed to satisfy \
         constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+"
    );
    assert_eq!(
        error(&rule(
            r#"{"Id": "a", "Arn": "a"}, {"Id": "b", "Arn": "b", "RetryPolicy": {"MaximumRetryAttempts": 186}}"#
        )),
        (
            "1 validation error detected: Value '186' at \
             'targets.2.member.retryPolicy.maximumRetryAttempts' failed to satisfy constraint: \
             Member must have value less than or equal to 185"
                .into(),
            "$.Targets[1].RetryPolicy.MaximumRetryAttempts".into(),
            Some((1, 154))
        )
    );
    assert!(
        error(&rule(r#"{"Id": "a", "Arn": "a", "RetryPolicy": {"MaximumEventAgeInSeconds": 59}}"#))
            .0
            .ends_with("Member must have value greater than or equal to 60")
    );
    assert_eq!(
        error(&rule(r#"{"Id": "a", "Arn": "a"}, {"Id": "a", "Arn": "b"}"#)).0,
        "The rule has two targets with Id a"
    );
    assert_eq!(
        error(&rule(r#"{"Id": "a", "Arn": "a", "Input": "{nope}"}"#)).0,
        "Input for target a is not valid JSON: Unexpected character ('n' (code 110)): was \
         expecting double-quote to start field name"
    );
    assert_eq!(
        error(&rule(r#"{"Id": "a", "Arn": "a", "InputTransformer": {"InputTemplate": "<nope>"}}"#))
            .0,
        "InputTemplate for target a contains invalid placeholder nope."
    );
}

#[test]
fn scheduler_schedules_are_told_apart() {
    let rule = Rule::from_json(
        r#"{"Name": "r", "ScheduleExpression": "at(2026-12-24T18:00:00)",
            "ScheduleExpressionTimezone": "Europe/Paris"}"#,
    )
    .unwrap();
    assert_eq!(rule.schedule_service(), Service::Scheduler);
    let mut utc = rule.clone();
    utc.schedule_expression_timezone = None;
    assert_eq!(utc.schedule_service(), Service::Scheduler, "at() is Scheduler's alone");
    let mut zoned_cron = rule.clone();
    zoned_cron.schedule_expression = Some("cron(0 9 ? * MON-FRI *)".into());
    assert_eq!(zoned_cron.schedule_service(), Service::Scheduler);
    zoned_cron.schedule_expression_timezone = None;
    assert_eq!(zoned_cron.schedule_service(), Service::Rule);
    assert_eq!(
        error(r#"{"Name": "r", "ScheduleExpression": "rate(1 hour)", "ScheduleExpressionTimezone": "Mars/Base"}"#)
            .0,
        "ScheduleExpressionTimezone Mars/Base is not an IANA time zone"
    );
}

#[test]
fn bus_names_and_arns() {
    let mut rule = Rule::named("r");
    rule.schedule_expression = Some("rate(1 hour)".into());
    for bus in ["default", "arn:aws:events:eu-west-1:123456789012:event-bus/default"] {
        rule.event_bus_name = Some(bus.into());
        assert!(rule.on_default_bus() && rule.validate().is_ok(), "{bus}");
    }
    rule.schedule_expression = None;
    rule.event_pattern = Some(Pattern::parse(r#"{"a": [1]}"#).unwrap());
    for bus in
        ["orders", "partner/acme.com/x", "arn:aws-cn:events:cn-north-1:123456789012:event-bus/o"]
    {
        rule.event_bus_name = Some(bus.into());
        assert!(!rule.on_default_bus() && rule.validate().is_ok(), "{bus}");
    }
    for bus in ["", "a bus", "arn:aws:events:us-east-1:12345:event-bus/o:x"] {
        rule.event_bus_name = Some(bus.into());
        assert!(rule.validate().is_err(), "{bus:?}");
    }
}
