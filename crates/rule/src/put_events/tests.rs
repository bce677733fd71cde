use serde_json::json;

use super::*;

fn delivery(index: usize) -> Delivery {
    Delivery {
        id: format!("0d079340-135a-c8c6-95c2-41fb8f496c5{index}"),
        time: "2024-06-01T10:15:30Z".to_owned(),
        account: "123456789012".to_owned(),
        region: "eu-west-1".to_owned(),
    }
}

fn entry(detail: &str) -> PutEventsEntry {
    PutEventsEntry {
        source: "com.example.orders".to_owned(),
        detail_type: "OrderCreated".to_owned(),
        detail: detail.to_owned(),
        ..PutEventsEntry::default()
    }
}

fn entry_error(entry: &PutEventsEntry) -> EntryError {
    entry_to_event(entry, &delivery(0)).unwrap_err()
}

fn request_error(request: &str) -> RequestError {
    put_events(request, delivery).unwrap_err()
}

#[test]
fn a_good_entry_becomes_the_exact_event() {
    let request = r#"{"Source": "com.example.orders", "DetailType": "OrderCreated",
        "EventBusName": "orders", "Resources": ["arn:aws:s3:::bucket"],
        "Detail": "{\"data\":{\"orderId\":\"ORD-1001\",\"total\":129.95},\"b\":[true,null]}"}"#;
    let results = put_events(request, delivery).unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(
        serde_json::to_string_pretty(results[0].as_ref().unwrap()).unwrap(),
        r#"{
  "version": "0",
  "id": "0d079340-135a-c8c6-95c2-41fb8f496c50",
  "detail-type": "OrderCreated",
  "source": "com.example.orders",
  "account": "123456789012",
  "time": "2024-06-01T10:15:30Z",
  "region": "eu-west-1",
  "resources": [
    "arn:aws:s3:::bucket"
  ],
  "detail": {
    "data": {
      "orderId": "ORD-1001",
      "total": 129.95
    },
    "b": [
      true,
      null
    ]
  }
}"#
    );
}

#[test]
fn the_event_can_be_matched() {
    let event = entry_to_event(&entry(r#"{"state": "stopped"}"#), &delivery(0)).unwrap();
    let pattern = evpat::Pattern::parse(
        r#"{"source": ["com.example.orders"], "detail": {"state": ["stopped"]}}"#,
    )
    .unwrap();
    assert!(pattern.matches(&evpat::Event::parse(&event.to_string()).unwrap()));
    assert!(evpat::test_event_pattern(&pattern.compact_text(), &event.to_string()).unwrap());
}

#[test]
fn the_entry_time_wins_and_is_written_in_utc_to_the_second() {
    for (time, expected) in [
        ("2024-06-01T12:15:30+02:00", "2024-06-01T10:15:30Z"),
        ("2024-06-01t10:15:30.999z", "2024-06-01T10:15:30Z"),
        ("2024-06-01 10:15:30Z", "2024-06-01T10:15:30Z"),
        ("2024-12-31T23:30:00-01:00", "2025-01-01T00:30:00Z"),
        ("2024-02-29T00:00:00Z", "2024-02-29T00:00:00Z"),
        ("1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z"),
    ] {
        let entry = PutEventsEntry { time: Some(time.to_owned()), ..entry("{}") };
        let event = entry_to_event(&entry, &delivery(0)).unwrap();
        assert_eq!(event["time"], expected, "{time}");
    }
}

#[test]
fn epoch_seconds_are_read_as_the_sdks_send_them() {
    let request = r#"{"Source": "s", "DetailType": "t", "Detail": "{}", "Time": 1717236930.5}"#;
    let event = put_events(request, delivery).unwrap().remove(0).unwrap();
    assert_eq!(event["time"], "2024-06-01T10:15:30Z");
    let entry: PutEventsEntry = serde_json::from_str(r#"{"Time": 0}"#).unwrap();
    assert_eq!(entry.time.as_deref(), Some("1970-01-01T00:00:00Z"));
    let entry: PutEventsEntry = serde_json::from_str(r#"{"Time": 1e300}"#).unwrap();
    assert_eq!(entry.time.as_deref(), Some("1e+300"));
}

#[test]
fn time_must_be_rfc_3339() {
    for time in [
        "yesterday",
        "2024-06-01",
        "2024-06-01T10:15:30",
        "2024-13-01T10:15:30Z",
        "2023-02-29T10:15:30Z",
        "2024-06-01T24:00:00Z",
        "2024-06-01T10:15:30.Z",
        "2024-06-01T10:15:30+2:00",
        "0000-01-01T00:00:00+01:00",
        "1e+300",
    ] {
        let entry = PutEventsEntry { time: Some(time.to_owned()), ..entry("{}") };
        let error = entry_error(&entry);
        assert_eq!(error.kind(), EntryErrorKind::InvalidTime, "{time}");
        assert_eq!(error.code(), "InvalidArgument");
        assert_eq!(
            error.message(),
            "Parameter Time is not valid. Reason: Time must be an RFC 3339 timestamp, such as \
             2024-06-01T10:15:30Z."
        );
    }
}

#[test]
fn source_detail_type_and_detail_are_required() {
    let cases = [
        (PutEventsEntry { source: String::new(), ..entry("{}") }, "Source"),
        (PutEventsEntry { detail_type: String::new(), ..entry("{}") }, "DetailType"),
        (entry(""), "Detail"),
    ];
    for (entry, field) in cases {
        let error = entry_error(&entry);
        assert_eq!(error.code(), "InvalidArgument");
        assert_eq!(
            error.to_string(),
            format!("Parameter {field} is not valid. Reason: {field} is a required argument.")
        );
    }
    // Checked in AWS's order: Source first.
    let error = entry_error(&PutEventsEntry::default());
    assert_eq!(error.kind(), EntryErrorKind::MissingSource);
}

#[test]
fn detail_must_be_a_json_object() {
    for detail in ["[1, 2]", "\"text\"", "5", "null", "{\"a\": ", "not json", "{} {}"] {
        let error = entry_error(&entry(detail));
        assert_eq!(error.kind(), EntryErrorKind::MalformedDetail, "{detail}");
        assert_eq!((error.code(), error.message()), ("MalformedDetail", "Detail is malformed."));
    }
    assert!(entry_to_event(&entry("{}"), &delivery(0)).is_ok());
}

#[test]
fn detail_type_has_at_most_128_characters() {
    let long = PutEventsEntry { detail_type: "é".repeat(128), ..entry("{}") };
    assert!(entry_to_event(&long, &delivery(0)).is_ok());
    let too_long = PutEventsEntry { detail_type: "é".repeat(129), ..entry("{}") };
    let error = entry_error(&too_long);
    assert_eq!(error.kind(), EntryErrorKind::DetailTypeTooLong);
    assert_eq!(error.code(), "InvalidArgument");
    assert_eq!(
        error.message(),
        "Parameter DetailType is not valid. Reason: DetailType has 129 characters, more than the \
         128 allowed."
    );
}

#[test]
fn sizes_count_as_aws_documents() {
    let entry = PutEventsEntry {
        source: "ab".to_owned(),
        detail_type: "é".to_owned(),
        detail: "{}".to_owned(),
        resources: vec!["xyz".to_owned(), String::new()],
        time: Some("whatever".to_owned()),
        event_bus_name: Some("not counted".to_owned()),
        trace_header: Some("not counted".to_owned()),
    };
    assert_eq!(entry_size(&entry), 14 + 2 + 2 + 2 + 3);
}

#[test]
fn an_entry_over_the_limit_is_refused() {
    let overhead = "com.example.orders".len() + "OrderCreated".len() + r#"{"p":""}"#.len();
    let detail = |size: usize| format!(r#"{{"p":"{}"}}"#, "x".repeat(size - overhead));
    let fits = entry(&detail(MAX_REQUEST_BYTES));
    assert_eq!(entry_size(&fits), MAX_REQUEST_BYTES);
    assert!(entry_to_event(&fits, &delivery(0)).is_ok());
    let over = entry(&detail(MAX_REQUEST_BYTES + 1));
    let error = entry_error(&over);
    assert_eq!(error.kind(), EntryErrorKind::TooLarge);
    assert_eq!(error.code(), "ValidationException");
    assert_eq!(error.message(), "Total size of the entries in the request is over the limit.");
}

#[test]
fn a_request_over_the_limit_fails_whole() {
    let half = "x".repeat(MAX_REQUEST_BYTES / 2);
    let item = json!({"Source": "s", "DetailType": "t", "Detail": format!(r#"{{"p":"{half}"}}"#)});
    let request = json!({"Entries": [item, item]}).to_string();
    let error = request_error(&request);
    assert_eq!(error.kind(), RequestErrorKind::TooLarge);
    assert_eq!(error.code(), "ValidationException");
    assert_eq!(error.message(), "Total size of the entries in the request is over the limit.");
}

#[test]
fn eleven_entries_fail_the_request() {
    let item = json!({"Source": "s", "DetailType": "t", "Detail": "{}"});
    let ten = json!({"Entries": vec![item.clone(); 10]}).to_string();
    assert_eq!(put_events(&ten, delivery).unwrap().len(), 10);
    let eleven = json!({"Entries": vec![item; 11]}).to_string();
    let error = request_error(&eleven);
    assert_eq!(error.kind(), RequestErrorKind::TooManyEntries);
    assert_eq!(error.code(), "ValidationException");
    assert_eq!(
        error.to_string(),
        "1 validation error detected: Value '[PutEventsRequestEntry]' at 'entries' failed to \
         satisfy constraint: Member must have length less than or equal to 10"
    );
}

#[test]
fn no_entries_fail_the_request() {
    for request in [r#"{"Entries": []}"#, "[]"] {
        let error = request_error(request);
        assert_eq!(error.kind(), RequestErrorKind::NoEntries);
        assert_eq!(
            error.message(),
            "1 validation error detected: Value '[]' at 'entries' failed to satisfy constraint: \
             Member must have length greater than or equal to 1"
        );
    }
}

#[test]
fn a_bad_detail_fails_only_its_entry() {
    let request = json!({"Entries": [
        {"Source": "s", "DetailType": "t", "Detail": "{\"n\": 1}"},
        {"Source": "s", "DetailType": "t", "Detail": "[1, 2]"},
        {"Source": "s", "DetailType": "t", "Detail": "\"a string\""},
        {"Source": "s", "DetailType": "t", "Detail": "{not json"},
        {"Source": "s", "DetailType": "t"},
        {"Source": "s", "DetailType": "t", "Detail": "{\"n\": 2}"},
    ]})
    .to_string();
    let results = put_events(&request, delivery).unwrap();
    let summary: Vec<Result<Value, &str>> = results
        .iter()
        .map(|result| match result {
            Ok(event) => Ok(event["detail"].clone()),
            Err(error) => Err(error.code()),
        })
        .collect();
    assert_eq!(
        summary,
        [
            Ok(json!({"n": 1})),
            Err("MalformedDetail"),
            Err("MalformedDetail"),
            Err("MalformedDetail"),
            Err("InvalidArgument"),
            Ok(json!({"n": 2})),
        ]
    );
    // Each entry gets its own delivery.
    assert_eq!(results[5].as_ref().unwrap()["id"], "0d079340-135a-c8c6-95c2-41fb8f496c55");
}

#[test]
fn three_request_shapes() {
    let item = json!({"Source": "s", "DetailType": "t", "Detail": "{}"});
    for request in
        [json!({"Entries": [item], "EndpointId": "abcde.veo"}), json!([item]), item.clone()]
    {
        let results = put_events(&request.to_string(), delivery).unwrap();
        assert_eq!(results.len(), 1);
        assert_eq!(results[0].as_ref().unwrap()["source"], "s");
    }
}

#[test]
fn shape_errors_fail_the_request_as_the_cli_does() {
    for (request, message) in [
        (
            r#"{"Source": "s", "DetailType": "t", "Detail": {"a": 1}}"#,
            r#"Invalid type for parameter Entries[0].Detail, value: {"a":1}, type: object, valid types: string"#,
        ),
        (
            r#"[{"Source": "s", "Resources": "arn"}]"#,
            r#"Invalid type for parameter Entries[0].Resources, value: "arn", type: string, valid types: list"#,
        ),
        (
            r#"[{"Source": "s"}, {"Resources": ["a", 5]}]"#,
            "Invalid type for parameter Entries[1].Resources[1], value: 5, type: number, valid \
             types: string",
        ),
        (
            r#"[{"Time": true}]"#,
            "Invalid type for parameter Entries[0].Time, value: true, type: boolean, valid \
             types: timestamp, number",
        ),
        (
            r#"{"source": "s", "detail-type": "t", "detail": {}}"#,
            r#"Unknown parameter in Entries[0]: "source", must be one of: Time, Source, Resources, DetailType, Detail, EventBusName, TraceHeader"#,
        ),
        (
            r#"{"Entries": [], "Foo": 1}"#,
            r#"Unknown parameter in input: "Foo", must be one of: Entries, EndpointId"#,
        ),
        (
            r#"{"Entries": {"Source": "s"}}"#,
            r#"Invalid type for parameter Entries, value: {"Source":"s"}, type: object, valid types: list"#,
        ),
        (
            "[5]",
            "Invalid type for parameter Entries[0], value: 5, type: number, valid types: structure",
        ),
        (
            "\"text\"",
            r#"The request must be {"Entries": [...]}, an array of entries or one entry, not string"#,
        ),
    ] {
        let error = request_error(request);
        assert_eq!(error.kind(), RequestErrorKind::Shape, "{request}");
        assert_eq!(error.code(), "ParamValidationError");
        assert_eq!(error.message(), message);
    }
}

#[test]
fn long_values_are_cut_in_messages() {
    let request = json!({"Source": "s", "Detail": vec!["x"; 40]}).to_string();
    let message = request_error(&request).to_string();
    assert!(message.contains(r#"value: ["x","x","#), "{message}");
    assert!(message.contains("…, type: array"), "{message}");
}

#[test]
fn text_that_is_not_json_fails_the_request() {
    let error = request_error("{\"Entries\": [");
    assert_eq!(error.kind(), RequestErrorKind::NotJson);
    assert_eq!(error.code(), "SerializationException");
    assert!(error.message().starts_with("The request is not valid JSON: "), "{error}");
}

#[test]
fn null_fields_read_as_absent() {
    let entry: PutEventsEntry = serde_json::from_str(
        r#"{"Source": "s", "DetailType": null, "Detail": "{}", "Time": null, "Resources": null}"#,
    )
    .unwrap();
    assert_eq!(entry.time, None);
    assert!(entry.resources.is_empty());
    assert_eq!(entry_error(&entry).kind(), EntryErrorKind::MissingDetailType);
}

#[test]
fn deserializes_from_the_aws_shape() {
    let entry: PutEventsEntry = serde_json::from_str(
        r#"{"Source": "com.example.orders", "DetailType": "OrderCreated", "EventBusName": "orders",
            "Detail": "{\"data\":{\"orderId\":\"ORD-1001\",\"total\":129.95}}",
            "Resources": ["r"], "Time": "2024-06-01T10:15:30Z", "TraceHeader": "Root=1-5759e988"}"#,
    )
    .unwrap();
    assert_eq!(
        entry,
        PutEventsEntry {
            source: "com.example.orders".to_owned(),
            detail_type: "OrderCreated".to_owned(),
            detail: r#"{"data":{"orderId":"ORD-1001","total":129.95}}"#.to_owned(),
            resources: vec!["r".to_owned()],
            time: Some("2024-06-01T10:15:30Z".to_owned()),
            event_bus_name: Some("orders".to_owned()),
            trace_header: Some("Root=1-5759e988".to_owned()),
        }
    );
    let error = serde_json::from_str::<PutEventsEntry>(r#"{"Detail": 5}"#).unwrap_err();
    assert_eq!(
        error.to_string(),
        "Invalid type for parameter Detail, value: 5, type: number, valid types: string"
    );
    let error = serde_json::from_str::<PutEventsEntry>(r#"{"detail": 5}"#).unwrap_err();
    assert!(error.to_string().starts_with(r#"Unknown parameter in entry: "detail""#), "{error}");
}

#[test]
fn entries_and_envelopes_are_told_apart() {
    let entry = json!({ "Source": "com.example.orders", "DetailType": "OrderCreated",
        "EventBusName": "orders", "Detail": "{\"data\":{\"orderId\":\"ORD-1001\"}}" });
    assert!(looks_like_entry(&entry));
    assert!(looks_like_entry(&json!({"Detail": "{}"})));
    assert!(looks_like_entry(&json!({"DetailType": "x"})));
    let envelope = json!({"version": "0", "id": "1", "detail-type": "OrderCreated",
        "source": "com.example.orders", "account": "123456789012",
        "time": "2024-06-01T10:15:30Z", "region": "eu-west-1", "resources": [], "detail": {}});
    assert!(!looks_like_entry(&envelope));
    // Mixed shapes are taken for envelopes: TestEventPattern reads those.
    assert!(!looks_like_entry(&json!({"Source": "a", "source": "a"})));
    for other in [json!({}), json!([entry]), json!("Source"), json!(null), json!({"Entries": []})] {
        assert!(!looks_like_entry(&other), "{other}");
    }

    assert!(looks_like_request(&entry));
    assert!(looks_like_request(&json!([entry, entry])));
    assert!(looks_like_request(&json!({"Entries": [entry]})));
    assert!(!looks_like_request(&envelope));
    assert!(!looks_like_request(&json!([])));
    assert!(!looks_like_request(&json!([entry, envelope])));
}

#[test]
fn epoch_seconds_become_rfc3339_with_four_digit_years() {
    assert_eq!(format_epoch(253_402_300_799.0).as_deref(), Some("9999-12-31T23:59:59Z"));
    assert_eq!(format_epoch(253_402_300_800.0), None);
    assert_eq!(format_epoch(-1.0).as_deref(), Some("1969-12-31T23:59:59Z"));
    assert_eq!(format_epoch(1_717_236_930.7).as_deref(), Some("2024-06-01T10:15:30Z"));
    assert_eq!(format_epoch(f64::NAN), None);
    assert_eq!(
        normalize_time("2024-06-01T12:15:30.5+02:00").as_deref(),
        Some("2024-06-01T10:15:30Z")
    );
    assert_eq!(normalize_time("2024-02-30T00:00:00Z"), None);
}
