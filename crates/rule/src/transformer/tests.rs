use super::*;

/// The EC2 event of AWS's "Input transform examples".
const EC2_EVENT: &str = r#"{
  "version": "0",
  "id": "7bf73129-1428-4cd3-a780-95db273d1602",
  "detail-type": "EC2 Instance State-change Notification",
  "source": "aws.ec2",
  "account": "123456789012",
  "time": "2015-11-11T21:29:54Z",
  "region": "us-east-1",
  "resources": [
    "arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"
  ],
  "detail": {
    "instance-id": "i-0123456789",
    "state": "RUNNING"
  }
}"#;

/// The event of LocalStack's `test_events_inputs`, recorded against AWS
/// (`SPECIAL_EVENT_DETAIL`, plus `valid` for the boolean case).
const LOCALSTACK_EVENT: &str = r#"{
  "version": "0",
  "id": "2b1a2a8a-6d2c-4d0e-9f3e-123456789abc",
  "detail-type": "core.update-account-command",
  "source": "core.update-account-command",
  "account": "111111111111",
  "time": "2024-05-13T12:27:20Z",
  "region": "us-east-1",
  "resources": [],
  "detail": {
    "command": "update-account",
    "payload": {"acc_id": "0a787ecb-4015", "sf_id": "baz"},
    "listsingle": ["HIGH"],
    "listmulti": ["ACTIVE", "INACTIVE"],
    "valid": true
  }
}"#;

fn reserved() -> ReservedValues {
    ReservedValues {
        rule_arn: "arn:aws:events:us-east-2:123456789012:rule/example".to_owned(),
        rule_name: "example".to_owned(),
        ingestion_time: "2015-11-11T21:29:55Z".to_owned(),
    }
}

fn transformer(paths: &[(&str, &str)], template: &str) -> InputTransformer {
    InputTransformer {
        input_paths_map: paths.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
        input_template: template.to_owned(),
    }
}

fn ec2(template: &str) -> Rendered {
    let paths = [
        ("timestamp", "$.time"),
        ("instance", "$.detail.instance-id"),
        ("state", "$.detail.state"),
    ];
    render(&transformer(&paths, template), EC2_EVENT, &reserved()).unwrap()
}

/// LocalStack's `input_path_map` for `test_input_transformer_nested_keys_replacement`.
fn localstack(template: &str) -> Rendered {
    let paths = [
        ("userId", "$.detail.payload.acc_id"),
        ("payload", "$.detail.payload"),
        ("systemstring", "$.detail.awsAccountId"),
        ("listsingle", "$.detail.listsingle"),
        ("listmulti", "$.detail.listmulti"),
        ("valid", "$.detail.valid"),
        ("detail-type", "$.detail-type"),
        ("timestamp", "$.time"),
        ("command", "$.detail.command"),
        ("notinmessage", "$.detail.notinmessage"),
    ];
    render(&transformer(&paths, template), LOCALSTACK_EVENT, &reserved()).unwrap()
}

#[track_caller]
fn delivered(rendered: Rendered, expected: &str) {
    assert_eq!(rendered.output, expected);
    assert!(rendered.delivered, "{rendered:?}");
    assert_eq!(rendered.reason, None);
}

#[track_caller]
fn dropped(rendered: &Rendered) {
    assert!(!rendered.delivered, "{rendered:?}");
    let reason = rendered.reason.as_deref().unwrap();
    assert!(reason.starts_with("The output is not valid JSON ("), "{reason}");
    assert!(
        reason.ends_with(
            ") and is not a quoted string, so EventBridge drops the event without reporting an \
             error."
        ),
        "{reason}"
    );
}

fn codes(lints: &[TransformerLint]) -> Vec<&'static str> {
    lints.iter().map(|lint| lint.code).collect()
}

// AWS's "Input transform examples", one test each.

#[test]
fn documented_simple_string() {
    delivered(
        ec2(r#""instance <instance> is in <state>""#),
        r#""instance i-0123456789 is in RUNNING""#,
    );
}

#[test]
fn documented_simple_json() {
    delivered(
        ec2("{\n  \"instance\" : <instance>,\n  \"state\": <state>\n}"),
        "{\n  \"instance\" : \"i-0123456789\",\n  \"state\": \"RUNNING\"\n}",
    );
}

#[test]
fn documented_json_with_static_values() {
    delivered(
        ec2(r#"{"instance" : <instance>, "state": [ 9, <state>, true ], "Transformed" : "Yes"}"#),
        r#"{"instance" : "i-0123456789", "state": [ 9, "RUNNING", true ], "Transformed" : "Yes"}"#,
    );
}

#[test]
fn documented_reserved_variables_in_json() {
    delivered(
        ec2(
            r#"{"ruleArn": <aws.events.rule-arn>, "ruleName": <aws.events.rule-name>, "originalEvent": <aws.events.event.json>}"#,
        ),
        r#"{"ruleArn": "arn:aws:events:us-east-2:123456789012:rule/example", "ruleName": "example", "originalEvent": {"version":"0","id":"7bf73129-1428-4cd3-a780-95db273d1602","detail-type":"EC2 Instance State-change Notification","source":"aws.ec2","account":"123456789012","time":"2015-11-11T21:29:54Z","region":"us-east-1","resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],"detail":{"instance-id":"i-0123456789","state":"RUNNING"}}}"#,
    );
    delivered(
        ec2(r#"{"instance": <instance>, "state": <state>, "originalEvent": <aws.events.event>}"#),
        r#"{"instance": "i-0123456789", "state": "RUNNING", "originalEvent": {"id":"7bf73129-1428-4cd3-a780-95db273d1602","account":"123456789012","detailType":"EC2 Instance State-change Notification","time":"2015-11-11T21:29:54Z","source":"aws.ec2","region":"us-east-1","resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],"version":"0"}}"#,
    );
}

#[test]
fn documented_cloudwatch_logs_target() {
    // AWS's page prints this output mangled (unquoted timestamp, unescaped
    // quotes, a closing parenthesis); this is what the rules above give.
    delivered(
        ec2(r#"{"timestamp" : <timestamp>, "message": "instance \"<instance>\" is in <state>"}"#),
        r#"{"timestamp" : "2015-11-11T21:29:54Z", "message": "instance \"i-0123456789\" is in RUNNING"}"#,
    );
}

#[test]
fn documented_strings_with_quotes_and_reserved_names() {
    // The console's form of "String with escaped quotes".
    delivered(
        ec2(r#""instance \"<instance>\" is in <state>""#),
        r#""instance \"i-0123456789\" is in RUNNING""#,
    );
    // The CLI's form: not JSON, but a quoted string, which AWS sends.
    delivered(
        ec2(r#""instance "<instance>" is in <state>""#),
        r#""instance "i-0123456789" is in RUNNING""#,
    );
    delivered(
        ec2(
            r#"{"instance" : <instance>, "state": "<state>", "instanceStatus": "instance \"<instance>\" is in <state>"}"#,
        ),
        r#"{"instance" : "i-0123456789", "state": "RUNNING", "instanceStatus": "instance \"i-0123456789\" is in RUNNING"}"#,
    );
    delivered(ec2(r#""<aws.events.rule-name> triggered""#), r#""example triggered""#);
}

// AWS-verified quirks (LocalStack `test_events_inputs` snapshots).

#[test]
fn a_missing_path_is_an_empty_string_in_json() {
    delivered(
        localstack(
            r#"{"detailType": <detail-type>,  "time": <timestamp>, "command": <notinmessage>}"#,
        ),
        r#"{"detailType": "core.update-account-command",  "time": "2024-05-13T12:27:20Z", "command": ""}"#,
    );
    delivered(
        localstack(r#"{"detailType": <detail-type>,  "time": <timestamp>, "command": <command>}"#),
        r#"{"detailType": "core.update-account-command",  "time": "2024-05-13T12:27:20Z", "command": "update-account"}"#,
    );
}

#[test]
fn a_missing_path_is_nothing_in_a_string() {
    let template = r#""Event of <detail-type> type, at time <timestamp>, info extracted from detail <notinmessage>""#;
    delivered(
        localstack(template),
        r#""Event of core.update-account-command type, at time 2024-05-13T12:27:20Z, info extracted from detail ""#,
    );
    delivered(
        localstack(
            r#""{[/Check with special starting characters for event of <detail-type> type""#,
        ),
        r#""{[/Check with special starting characters for event of core.update-account-command type""#,
    );
}

#[test]
fn objects_and_arrays_in_a_string_lose_their_quotes() {
    delivered(
        localstack(r#""Payload of <payload> with path users-service/users/<userId> and <userId>""#),
        r#""Payload of {acc_id:0a787ecb-4015,sf_id:baz} with path users-service/users/0a787ecb-4015 and 0a787ecb-4015""#,
    );
    delivered(localstack(r#""<listsingle> single list item""#), r#""[HIGH] single list item""#);
    delivered(
        localstack(r#""<listmulti> multiple list items""#),
        r#""[ACTIVE,INACTIVE] multiple list items""#,
    );
    delivered(
        localstack(
            r#""<listsingle> single list item <listmulti> multiple list items <systemstring> system account id <payload> payload <userId> user id""#,
        ),
        r#""[HIGH] single list item [ACTIVE,INACTIVE] multiple list items  system account id {acc_id:0a787ecb-4015,sf_id:baz} payload 0a787ecb-4015 user id""#,
    );
}

#[test]
fn objects_and_arrays_as_values_stay_json() {
    delivered(
        localstack(
            r#"{"method": "PUT", "path": "users-service/users/<userId>", "bod": <payload>}"#,
        ),
        r#"{"method": "PUT", "path": "users-service/users/0a787ecb-4015", "bod": {"acc_id":"0a787ecb-4015","sf_id":"baz"}}"#,
    );
    delivered(localstack(r#"{"singlelistitem": <listsingle>}"#), r#"{"singlelistitem": ["HIGH"]}"#);
    delivered(
        localstack(
            r#"{"method": "PUT", "path": "users-service/users/<userId>", "id": <userId>, "body": <payload>}"#,
        ),
        r#"{"method": "PUT", "path": "users-service/users/0a787ecb-4015", "id": "0a787ecb-4015", "body": {"acc_id":"0a787ecb-4015","sf_id":"baz"}}"#,
    );
    delivered(
        localstack(
            r#"{"method": "PUT", "path": "users-service/users/<userId>", "bod": [<userId>, "hardcoded"]}"#,
        ),
        r#"{"method": "PUT", "path": "users-service/users/0a787ecb-4015", "bod": ["0a787ecb-4015", "hardcoded"]}"#,
    );
}

#[test]
fn a_quoted_object_or_array_drops_the_event() {
    for template in [
        r#"{"payload": "<payload>"}"#,
        r#"{"singlelistitem": "<listsingle>"}"#,
        r#"{"not_valid": "users-service/users/<payload>", "bod": <payload>}"#,
    ] {
        let rendered = localstack(template);
        dropped(&rendered);
    }
    assert_eq!(
        localstack(r#"{"payload": "<payload>"}"#).output,
        r#"{"payload": "{"acc_id":"0a787ecb-4015","sf_id":"baz"}"}"#
    );
}

#[test]
fn strings_are_quoted_as_values_and_bare_inside_strings() {
    delivered(localstack(r#"{"id" : <userId>}"#), r#"{"id" : "0a787ecb-4015"}"#);
    delivered(localstack(r#"{"id" : "<userId>"}"#), r#"{"id" : "0a787ecb-4015"}"#);
    delivered(
        localstack(
            r#"{"method": "PUT", "nested": {"level1": {"level2": {"level3": "users-service/users/<userId>"} } }, "bod": "<userId>"}"#,
        ),
        r#"{"method": "PUT", "nested": {"level1": {"level2": {"level3": "users-service/users/0a787ecb-4015"} } }, "bod": "0a787ecb-4015"}"#,
    );
}

#[test]
fn booleans_and_numbers_are_raw() {
    delivered(localstack(r#""Command is <valid>!""#), r#""Command is true!""#);
    delivered(localstack(r#"{"valid": <valid>}"#), r#"{"valid": true}"#);
    let numbers = transformer(&[("n", "$.detail.n")], r#"{"n": <n>, "text": "n=<n>"}"#);
    let rendered = render(&numbers, r#"{"detail": {"n": 129.95}}"#, &reserved()).unwrap();
    delivered(rendered, r#"{"n": 129.95, "text": "n=129.95"}"#);
}

#[test]
fn every_occurrence_is_replaced() {
    delivered(
        localstack(r#"{"multi_replacement": "users/<userId>/second/<userId>"}"#),
        r#"{"multi_replacement": "users/0a787ecb-4015/second/0a787ecb-4015"}"#,
    );
}

#[test]
fn reserved_variables_in_a_string() {
    let reserved = ReservedValues {
        rule_arn: "arn:aws:events:us-east-1:111111111111:rule/test-bus/test-rule".to_owned(),
        rule_name: "test-rule".to_owned(),
        ingestion_time: "2024-05-13T12:27:21Z".to_owned(),
    };
    let transformer = transformer(
        &[],
        r#""Message containing all pre defined variables <aws.events.rule-arn> <aws.events.rule-name> <aws.events.event.ingestion-time>""#,
    );
    delivered(
        render(&transformer, LOCALSTACK_EVENT, &reserved).unwrap(),
        r#""Message containing all pre defined variables arn:aws:events:us-east-1:111111111111:rule/test-bus/test-rule test-rule 2024-05-13T12:27:21Z""#,
    );
}

#[test]
fn reserved_event_variables_in_json() {
    let rendered = localstack(
        r#"{"originalEvent": <aws.events.event>, "originalEventJson": <aws.events.event.json>}"#,
    );
    assert!(rendered.delivered);
    let output: Value = serde_json::from_str(&rendered.output).unwrap();
    let original = output["originalEvent"].as_object().unwrap();
    assert_eq!(
        original.keys().collect::<Vec<_>>(),
        ["id", "account", "detailType", "time", "source", "region", "resources", "version"]
    );
    assert_eq!(original["detailType"], "core.update-account-command");
    assert_eq!(
        output["originalEventJson"],
        serde_json::from_str::<Value>(LOCALSTACK_EVENT).unwrap()
    );
    assert_eq!(
        output["originalEventJson"].as_object().unwrap().keys().collect::<Vec<_>>(),
        [
            "version",
            "id",
            "detail-type",
            "source",
            "account",
            "time",
            "region",
            "resources",
            "detail"
        ]
    );
}

#[test]
fn a_placeholder_for_an_invalid_json_template_drops_the_event() {
    let rendered = ec2("instance <instance> is in <state>");
    assert_eq!(rendered.output, r#"instance "i-0123456789" is in "RUNNING""#);
    dropped(&rendered);
}

// Our own cases.

#[test]
fn values_are_not_escaped_inside_strings_but_are_as_values() {
    let quotes = transformer(&[("m", "$.detail.m")], r#"{"quoted": "<m>", "value": <m>}"#);
    let rendered = render(&quotes, r#"{"detail": {"m": "say \"hi\""}}"#, &reserved()).unwrap();
    assert_eq!(rendered.output, r#"{"quoted": "say "hi"", "value": "say \"hi\""}"#);
    dropped(&rendered);
    let only_value = transformer(&[("m", "$.detail.m")], r#"{"value": <m>}"#);
    let rendered = render(&only_value, r#"{"detail": {"m": "say \"hi\""}}"#, &reserved()).unwrap();
    delivered(rendered, r#"{"value": "say \"hi\""}"#);
}

#[test]
fn null_reads_as_missing() {
    let t = transformer(&[("v", "$.detail.v")], r#"{"a": <v>, "b": "<v>"}"#);
    let rendered = render(&t, r#"{"detail": {"v": null}}"#, &reserved()).unwrap();
    delivered(rendered, r#"{"a": "", "b": ""}"#);
}

#[test]
fn indexes_and_wildcards() {
    let t = transformer(
        &[("first", "$.resources[0]"), ("skus", "$.detail.items[*].sku"), ("bad", "detail.x")],
        r#"{"first": <first>, "skus": <skus>, "text": "<skus>", "bad": <bad>}"#,
    );
    let event =
        r#"{"resources": ["arn:a", "arn:b"], "detail": {"items": [{"sku": "x"}, {"sku": "y"}]}}"#;
    let rendered = render(&t, event, &reserved()).unwrap();
    assert_eq!(
        rendered.output,
        r#"{"first": "arn:a", "skus": ["x","y"], "text": "["x","y"]", "bad": ""}"#
    );
    assert!(!rendered.delivered);
}

#[test]
fn the_last_declaration_counts() {
    let t: InputTransformer = serde_json::from_str(
        r#"{"InputPathsMap": {"v": "$.detail.a", "v": "$.detail.b"}, "InputTemplate": "<v>"}"#,
    )
    .unwrap();
    assert_eq!(t.input_paths_map.len(), 2);
    let rendered = render(&t, r#"{"detail": {"a": 1, "b": 2}}"#, &reserved()).unwrap();
    delivered(rendered, "2");
}

#[test]
fn bare_placeholders_make_json_documents() {
    let t = transformer(&[("p", "$.detail")], "<p>");
    delivered(render(&t, r#"{"detail": {"a": [1]}}"#, &reserved()).unwrap(), r#"{"a":[1]}"#);
    let t = transformer(&[], "<aws.events.rule-name>");
    delivered(render(&t, "{}", &reserved()).unwrap(), r#""example""#);
}

#[test]
fn angle_brackets_around_spaces_are_text() {
    let t = transformer(&[("state", "$.detail.state")], r#""1 < 2 and 3 > 2: <state>""#);
    delivered(render(&t, EC2_EVENT, &reserved()).unwrap(), r#""1 < 2 and 3 > 2: RUNNING""#);
    let t = transformer(&[], r#""<>""#);
    delivered(render(&t, EC2_EVENT, &reserved()).unwrap(), r#""<>""#);
}

#[test]
fn input_transformer_serde_keeps_the_aws_shape_and_order() {
    let text = r#"{"InputPathsMap":{"timestamp":"$.time","instance":"$.detail.instance-id","state":"$.detail.state"},"InputTemplate":"\"<instance> is <state>\""}"#;
    let transformer: InputTransformer = serde_json::from_str(text).unwrap();
    assert_eq!(
        transformer.input_paths_map,
        [
            ("timestamp".to_owned(), "$.time".to_owned()),
            ("instance".to_owned(), "$.detail.instance-id".to_owned()),
            ("state".to_owned(), "$.detail.state".to_owned()),
        ]
    );
    assert_eq!(serde_json::to_string(&transformer).unwrap(), text);
    let bare: InputTransformer =
        serde_json::from_str(r#"{"InputTemplate": "\"<aws.events.rule-name>\""}"#).unwrap();
    assert!(bare.input_paths_map.is_empty());
    assert_eq!(
        serde_json::to_string(&bare).unwrap(),
        r#"{"InputTemplate":"\"<aws.events.rule-name>\""}"#
    );
    assert!(
        serde_json::from_str::<InputTransformer>(
            r#"{"InputPathsMap": {"a": 1}, "InputTemplate": ""}"#
        )
        .is_err()
    );
    assert!(serde_json::from_str::<InputTransformer>(r#"{"InputPathsMap": []}"#).is_err());
}

// PutTargets errors.

#[track_caller]
fn refused(transformer: &InputTransformer) -> TransformerError {
    let error = render(transformer, EC2_EVENT, &reserved()).unwrap_err();
    assert_eq!(validate(transformer, TARGET_ID).unwrap_err(), error);
    assert_eq!(error.code(), "ValidationException");
    error
}

#[test]
fn an_undeclared_placeholder_is_refused() {
    let t = transformer(
        &[
            ("detail-type", "$.detail-type"),
            ("timestamp", "$.time"),
            ("command", "$.detail.command"),
        ],
        r#""Event of <detail-type> type, with not defined key <notdefinedkey>""#,
    );
    let error = refused(&t);
    assert_eq!(error.kind(), TransformerErrorKind::InvalidPlaceholder);
    assert_eq!(
        error.to_string(),
        "InputTemplate for target target contains invalid placeholder notdefinedkey."
    );
    assert_eq!(
        validate(&t, "target-1a2b3c").unwrap_err().message(),
        "InputTemplate for target target-1a2b3c contains invalid placeholder notdefinedkey."
    );
    // An HTML tag looks like a placeholder to AWS too.
    let html = transformer(&[], r#""<b>bold</b>""#);
    assert_eq!(
        refused(&html).message(),
        "InputTemplate for target target contains invalid placeholder b."
    );
}

#[test]
fn at_most_100_variables() {
    let paths: Vec<(String, String)> =
        (0..101).map(|i| (format!("v{i}"), format!("$.detail.v{i}"))).collect();
    let mut t = InputTransformer { input_paths_map: paths, input_template: "\"x\"".to_owned() };
    let error = refused(&t);
    assert_eq!(error.kind(), TransformerErrorKind::TooManyVariables);
    let message = error.message();
    assert!(
        message
            .starts_with("1 validation error detected: Value '{v0=$.detail.v0, v1=$.detail.v1, "),
        "{message}"
    );
    assert!(
        message.ends_with(
            "v100=$.detail.v100}' at 'inputTransformer.inputPathsMap' failed to satisfy \
             constraint: Member must have length less than or equal to 100"
        ),
        "{message}"
    );
    t.input_paths_map.pop();
    assert_eq!(validate(&t, "t"), Ok(()));
}

#[test]
fn keys_are_letters_digits_underscores_and_dashes() {
    let error = refused(&transformer(&[("bad key", "$.x")], "\"<bad>\""));
    assert_eq!(error.kind(), TransformerErrorKind::InvalidKey);
    assert_eq!(
        error.message(),
        "1 validation error detected: Value '{bad key=$.x}' at 'inputTransformer.inputPathsMap' \
         failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy \
         regular expression pattern: [A-Za-z0-9\\_\\-]+]"
    );
    let error = refused(&transformer(&[("", "$.x")], "\"x\""));
    assert_eq!(error.kind(), TransformerErrorKind::InvalidKey);
    assert!(error.message().ends_with(
        "Map keys must satisfy constraint: [Member must have length greater than or equal to 1]"
    ));
    let long = "k".repeat(257);
    let error = refused(&transformer(&[(&long, "$.x")], "\"x\""));
    assert!(error.message().ends_with(
        "Map keys must satisfy constraint: [Member must have length less than or equal to 256]"
    ));
    let fine = transformer(&[(&"k".repeat(256), "$.x"), ("a_B-9", "$.y")], "\"x\"");
    assert_eq!(validate(&fine, "t"), Ok(()));
}

#[test]
fn keys_cannot_start_with_aws() {
    let error = refused(&transformer(&[("AWS.rule", "$.x")], "\"<AWS.rule>\""));
    assert_eq!(error.kind(), TransformerErrorKind::ReservedKey);
    assert_eq!(
        error.message(),
        "1 validation error detected: Value '{AWS.rule=$.x}' at 'inputTransformer.inputPathsMap' \
         failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy \
         regular expression pattern: [A-Za-z0-9\\_\\-]+]"
    );
}

#[test]
fn paths_have_at_most_256_characters() {
    let long = format!("$.{}", "p".repeat(255));
    let error = refused(&transformer(&[("v", &long)], "\"<v>\""));
    assert_eq!(error.kind(), TransformerErrorKind::PathTooLong);
    assert!(error.message().ends_with(
        "failed to satisfy constraint: Map value must satisfy constraint: [Member must have \
         length less than or equal to 256]"
    ));
    let fine = format!("$.{}", "p".repeat(254));
    assert_eq!(validate(&transformer(&[("v", &fine)], "\"<v>\""), "t"), Ok(()));
}

#[test]
fn templates_have_1_to_8192_characters() {
    let error = refused(&transformer(&[], ""));
    assert_eq!(error.kind(), TransformerErrorKind::EmptyTemplate);
    assert_eq!(
        error.message(),
        "1 validation error detected: Value '' at 'inputTransformer.inputTemplate' failed to \
         satisfy constraint: Member must have length greater than or equal to 1"
    );
    let long = format!("\"{}\"", "é".repeat(8191));
    let error = refused(&transformer(&[], &long));
    assert_eq!(error.kind(), TransformerErrorKind::TemplateTooLong);
    assert_eq!(
        error.message(),
        format!(
            "1 validation error detected: Value '\"{}...' at 'inputTransformer.inputTemplate' \
             failed to satisfy constraint: Member must have length less than or equal to 8192",
            "é".repeat(63)
        )
    );
    let fine = format!("\"{}\"", "é".repeat(8190));
    assert_eq!(validate(&transformer(&[], &fine), "t"), Ok(()));
}

#[test]
fn the_event_must_be_a_json_object() {
    let t = transformer(&[], "\"x\"");
    let error = render(&t, "[1]", &reserved()).unwrap_err();
    assert_eq!(error.kind(), TransformerErrorKind::InvalidEvent);
    assert_eq!(error.code(), "InvalidEvent");
    assert_eq!(error.message(), "The event must be a JSON object.");
    let error = render(&t, "{", &reserved()).unwrap_err();
    assert!(error.message().starts_with("The event is not valid JSON: "), "{error}");
}

// Lints.

#[test]
fn a_good_transformer_has_no_lints() {
    let t = transformer(
        &[("instance", "$.detail.instance-id"), ("state", "$.detail.state")],
        r#"{"instance": <instance>, "state": "<state>", "rule": <aws.events.rule-name>}"#,
    );
    assert_eq!(lint(&t), []);
    assert_eq!(lint_with_event(&t, EC2_EVENT), []);
}

#[test]
fn lint_undeclared_placeholder() {
    let t = transformer(&[("instance", "$.detail.instance-id")], r#""<Instance> and <state>""#);
    let lints = lint(&t);
    assert_eq!(
        codes(&lints),
        ["unused-variable", "undeclared-placeholder", "undeclared-placeholder"]
    );
    let lints = &lints[1..];
    assert_eq!(lints[0].severity, Severity::Warning);
    assert_eq!(lints[0].span, Some(Span { start: 1, end: 11 }));
    assert_eq!(
        lints[0].message,
        "<Instance> is neither declared in InputPathsMap nor a reserved variable: PutTargets \
         refuses the template (InputTemplate for target … contains invalid placeholder Instance.)."
    );
    assert_eq!(lints[0].fix, "Did you mean <instance>?");
    assert_eq!(lints[1].fix, r#"Declare it in InputPathsMap, such as "state": "$.detail.state"."#);
    let typo = transformer(&[], r#""<aws.events.rule-nam>""#);
    assert_eq!(lint(&typo)[0].fix, "Did you mean <aws.events.rule-name>?");
}

#[test]
fn lint_reserved_key_prefix_and_invalid_keys() {
    let t = transformer(&[("AWS.rule", "$.x"), ("my key", "$.y")], r#""<AWS.rule>""#);
    let lints = lint(&t);
    // `<my key>` is not a placeholder: names have no spaces.
    assert_eq!(codes(&lints), ["reserved-key-prefix", "invalid-key", "unused-variable"]);
    assert_eq!(
        lints[0].message,
        "The variable AWS.rule starts with AWS., which is reserved: PutTargets refuses it."
    );
    assert_eq!(lints[0].fix, "Rename it, for example to rule.");
    assert_eq!(
        lints[1].message,
        "The variable name \"my key\" is not 1 to 256 letters, digits, _ or -: PutTargets \
         refuses it."
    );
}

#[test]
fn lint_too_many_variables() {
    let paths: Vec<(String, String)> =
        (0..101).map(|i| (format!("v{i}"), format!("$.detail.v{i}"))).collect();
    let template = (0..101).map(|i| format!("<v{i}>")).collect::<Vec<_>>().join(" ");
    let t = InputTransformer { input_paths_map: paths, input_template: format!("\"{template}\"") };
    let lints = lint(&t);
    assert_eq!(codes(&lints), ["too-many-variables"]);
    assert_eq!(
        lints[0].message,
        "InputPathsMap declares 101 variables; PutTargets allows at most 100."
    );
}

#[test]
fn lint_template_length() {
    let long = transformer(&[], &format!("\"{}\"", "x".repeat(8191)));
    let lints = lint(&long);
    assert_eq!(codes(&lints), ["template-too-long"]);
    assert_eq!(
        lints[0].message,
        "The template has 8193 characters; PutTargets allows at most 8192."
    );
    assert_eq!(codes(&lint(&transformer(&[], ""))), ["empty-template"]);
}

#[test]
fn lint_strings_need_quotes() {
    let t = transformer(&[("instance", "$.detail.instance-id")], "instance <instance> is up");
    let lints = lint(&t);
    assert_eq!(codes(&lints), ["strings-need-quotes"]);
    assert_eq!(lints[0].fix, r#"Put it in double quotes: "instance <instance> is up"."#);
    let t = transformer(&[("instance", "$.detail.instance-id")], "<instance> is up");
    assert_eq!(codes(&lint(&t)), ["strings-need-quotes"]);
}

#[test]
fn lint_invalid_json() {
    let t = transformer(&[("s", "$.detail.state")], r#"{"state": <s>,}"#);
    let lints = lint(&t);
    assert_eq!(codes(&lints), ["invalid-json"]);
    assert!(
        lints[0].message.starts_with(
            "The template is not valid JSON (key must be a string at line 1 column 14)"
        ),
        "{}",
        lints[0].message
    );
    // Valid whatever the values: placeholders are values or text.
    let t = transformer(&[("s", "$.detail.state")], r#"[<s>, "<s>!", {"k": <s>}]"#);
    assert_eq!(lint(&t), []);
}

#[test]
fn lint_placeholder_as_key() {
    let t = transformer(&[("k", "$.detail.k")], r#"{<k>: 1, "<k>" : 2, "x": "<k>"}"#);
    let lints = lint(&t);
    assert_eq!(codes(&lints), ["placeholder-as-key", "placeholder-as-key"]);
    assert_eq!(lints[0].span, Some(Span { start: 1, end: 4 }));
    assert_eq!(lints[1].span, Some(Span { start: 10, end: 13 }));
}

#[test]
fn lint_json_variable_in_string() {
    let t = transformer(&[], r#"{"event": "<aws.events.event>"}"#);
    let lints = lint(&t);
    assert_eq!(codes(&lints), ["json-variable-in-string"]);
    assert!(
        lints[0].message.ends_with("the output is not valid JSON, so EventBridge drops the event.")
    );
    let t = transformer(&[], r#""got <aws.events.event.json>""#);
    assert!(
        lint(&t)[0]
            .message
            .ends_with("EventBridge writes the event there as JSON without its quotes.")
    );
}

#[test]
fn lint_paths_and_variables() {
    let t = transformer(
        &[("a", "detail.a"), ("b", "$['detail']"), ("c", "$.detail.c"), ("a", "$.detail.a")],
        r#""<a> <b>""#,
    );
    let lints = lint(&t);
    assert_eq!(codes(&lints), ["path-syntax", "path-syntax", "unused-variable", "duplicate-key"]);
    assert_eq!(
        lints[0].message,
        "The path \"detail.a\" of <a> is not one EventBridge can follow (a path starts with `$`); \
         AWS does not check paths, so <a> is always empty."
    );
    assert_eq!(lints[2].severity, Severity::Info);
    assert_eq!(lints[2].message, "The variable c is declared but the template never uses it.");
    assert_eq!(
        lints[3].message,
        "The variable a is declared more than once; only the last counts."
    );
    let long = transformer(&[("v", &format!("$.{}", "p".repeat(255)))], "\"<v>\"");
    assert_eq!(codes(&lint(&long)), ["path-too-long"]);
}

#[test]
fn lint_with_event_object_in_string() {
    let paths = [("payload", "$.detail.payload"), ("list", "$.detail.listmulti")];
    let t = transformer(&paths, r#"{"payload": "<payload>", "list": "<list>"}"#);
    let lints = lint_with_event(&t, LOCALSTACK_EVENT);
    assert_eq!(codes(&lints), ["object-in-string", "object-in-string"]);
    assert_eq!(lints[0].severity, Severity::Warning);
    assert_eq!(
        lints[0].message,
        "<payload> holds an object and sits inside quotes: the output is not valid JSON, so \
         EventBridge drops the event."
    );
    assert_eq!(lints[1].message.split(" and ").next(), Some("<list> holds an array"));
    assert_eq!(lints[0].span, Some(Span { start: 13, end: 22 }));
    assert_eq!(lint(&t), []);

    let t = transformer(&paths, r#""got <payload>""#);
    let lints = lint_with_event(&t, LOCALSTACK_EVENT);
    assert_eq!(codes(&lints), ["unused-variable", "object-in-string"]);
    assert_eq!(lints[1].severity, Severity::Info);
    assert_eq!(
        lints[1].message,
        "<payload> holds an object; inside a string EventBridge writes it without quotes: \
         {acc_id:0a787ecb-4015,sf_id:baz}."
    );
}

#[test]
fn lint_with_event_missing_path_and_unescaped_value() {
    let t = transformer(
        &[("gone", "$.detail.gone"), ("m", "$.detail.m")],
        r#"{"gone": <gone>, "m": "<m>"}"#,
    );
    let lints = lint_with_event(&t, r#"{"detail": {"m": "a \"quoted\" word"}}"#);
    assert_eq!(codes(&lints), ["missing-path", "unescaped-value"]);
    assert_eq!(
        lints[0].message,
        "The path $.detail.gone of <gone> finds nothing in this event, so <gone> renders as \"\"."
    );
    assert_eq!(lints[0].span, Some(Span { start: 9, end: 15 }));
    assert!(
        lints[1].message.starts_with(r#"<m> is "a \"quoted\" word", with a quote"#),
        "{}",
        lints[1].message
    );
    // Not an event: the static lints only.
    assert_eq!(lint_with_event(&t, "not json"), lint(&t));
}
