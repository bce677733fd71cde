//! The package's functions, natively: exact results and errors, and the
//! hand-written declarations (`js/index.d.ts`) checked against the engine's
//! lists. The JavaScript side is tested through the packed tarball in
//! `tests/npm/`.

use evpat::ErrorKind;
use evpat_js::api::{self, EnvelopeOptions, MAX_RUNS, Rules, TransformOptions};
use evpat_js::{ErrorObject, ErrorSubject};
use evpat_rule::Service;
use evpat_rule::export::Format;

fn declarations() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/js/index.d.ts");
    std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

/// The string literals of the union type `name` in the declarations.
fn union(name: &str) -> Vec<String> {
    let text = declarations();
    let start = text.find(&format!("export type {name} =")).unwrap_or_else(|| panic!("{name}"));
    let body = &text[start..];
    let body = &body[..body.find(';').unwrap_or(body.len())];
    body.lines()
        .filter_map(|line| line.trim().strip_prefix("| '")?.strip_suffix('\''))
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_declared_error_kinds_are_the_engines() {
    let names: Vec<String> = ErrorKind::ALL.iter().map(|kind| format!("{kind:?}")).collect();
    assert_eq!(union("PatternErrorKind"), names);
}

#[test]
fn the_declared_export_formats_are_the_exporters() {
    let names: Vec<String> = Format::ALL.iter().map(|format| format.name().to_owned()).collect();
    assert_eq!(union("ExportFormat"), names);
}

#[test]
fn the_declared_subjects_are_the_error_objects() {
    let subjects = [
        ErrorSubject::Pattern,
        ErrorSubject::Event,
        ErrorSubject::Rule,
        ErrorSubject::Schedule,
        ErrorSubject::Entry,
        ErrorSubject::Transformer,
        ErrorSubject::Argument,
        ErrorSubject::Internal,
    ];
    let names: Vec<String> =
        subjects.iter().map(|subject| format!("{subject:?}").to_lowercase()).collect();
    assert_eq!(union("ErrorSubject"), names);
}

#[test]
fn a_pattern_error_is_placed() {
    let error = api::matches(r#"{"detail": {"state": [{"prefix": 5}]}}"#, "{}").unwrap_err();
    assert_eq!(
        *error,
        ErrorObject {
            subject: ErrorSubject::Pattern,
            kind: Some("OperandNotString".to_owned()),
            message: "Event pattern is not valid. Reason: prefix match pattern must be a string"
                .to_owned(),
            reason: "prefix match pattern must be a string".to_owned(),
            path: Some("$.detail.state[0].prefix".to_owned()),
            line: Some(1),
            column: Some(34),
            hint: Some(
                "give a single string; to allow several, use one filter object per string"
                    .to_owned()
            ),
        }
    );
}

#[test]
fn matches_takes_any_object_and_test_event_pattern_the_envelope() {
    let pattern = r#"{"source": ["aws.ec2"]}"#;
    assert_eq!(api::matches(pattern, r#"{"source": "aws.ec2"}"#), Ok(true));
    let error = api::test_event_pattern(pattern, r#"{"source": "aws.ec2"}"#).unwrap_err();
    assert_eq!(
        (error.subject, error.kind.as_deref(), error.message.as_str()),
        (ErrorSubject::Event, Some("EventEnvelope"), "Parameter Event is not valid.")
    );
}

#[test]
fn check_applies_aws_limits_and_lints() {
    let report = api::check(r#"{"detail_type": ["x"]}"#);
    assert!(report.valid);
    assert_eq!(report.error, None);
    let lints: Vec<(&str, &str, usize, usize)> =
        report.lints.iter().map(|l| (l.code, l.severity, l.line, l.column)).collect();
    assert_eq!(lints, [("snake-case-key", "info", 1, 2)]);

    let long = format!(r#"{{"a": ["{}"]}}"#, "x".repeat(5000));
    let report = api::check(&long);
    assert!(!report.valid);
    assert_eq!(report.error.map(|e| e.kind), Some(Some("TooLong".to_owned())));
    // The library's limits are roomier.
    assert_eq!(api::matches(&long, r#"{"a": "x"}"#), Ok(false));
}

#[test]
fn explain_keeps_the_tree_and_its_text() {
    let explanation = api::explain(r#"{"a": [{"prefix": "x"}]}"#, r#"{"a": "y"}"#).unwrap();
    assert!(!explanation.matched);
    assert_eq!(
        explanation.text,
        "✗ the event does not match\n└─ ✗ a: expected a string starting with \"x\", got \"y\"\n        at $.a\n"
    );
    let field = &explanation.root.children[0];
    assert_eq!((field.label.as_str(), field.outcome), ("a", "failed"));
    assert_eq!(field.children[0].label, r#"{"prefix":"x"}"#);
}

#[test]
fn rules_keep_their_order_and_compile_again_after_a_change() {
    let mut rules = Rules::default();
    rules.add("a".to_owned(), r#"{"a": [1]}"#).unwrap();
    rules.add("b".to_owned(), r#"{"b": [{"exists": true}]}"#).unwrap();
    assert_eq!(rules.matches(r#"{"a": 1, "b": 2}"#), Ok(vec!["a".to_owned(), "b".to_owned()]));
    assert!(rules.remove("a"));
    assert!(!rules.remove("a"));
    assert_eq!(rules.matches(r#"{"a": 1, "b": 2}"#), Ok(vec!["b".to_owned()]));
    let error = rules.add("c".to_owned(), r#"{"c": 1}"#).unwrap_err();
    assert_eq!(error.kind.as_deref(), Some("LeafNotArray"));
    assert_eq!((rules.len(), rules.ids()), (1, vec!["b".to_owned()]));
    assert_eq!(rules.matches("[1]").unwrap_err().kind.as_deref(), Some("EventNotObject"));
}

#[test]
fn export_rule_names_the_formats() {
    let out = api::export_rule(r#"{"Name": "r", "EventPattern": {"a": [1.50]}}"#, "cli").unwrap();
    assert!(out.text.contains(r#"--event-pattern '{"a":[1.50]}'"#), "{}", out.text);
    let error = api::export_rule("{}", "yaml").unwrap_err();
    assert_eq!(error.subject, ErrorSubject::Argument);
    assert!(error.message.starts_with("unknown export format \"yaml\": use one of api-json, cli,"));
    let error = api::export_rule(r#"{"Name": "r", "Schedule": "x"}"#, "cli").unwrap_err();
    assert_eq!(
        (error.subject, error.path.as_deref(), error.line, error.column),
        (ErrorSubject::Rule, Some("$.Schedule"), Some(1), Some(15))
    );
}

#[test]
fn run_counts_are_whole_numbers_up_to_the_cap() {
    assert_eq!(api::run_count(0.0), Ok(0));
    assert_eq!(api::run_count(f64::from(MAX_RUNS)), Ok(MAX_RUNS));
    for count in [-1.0, 0.5, f64::from(MAX_RUNS) + 1.0, f64::NAN, f64::INFINITY] {
        assert_eq!(api::run_count(count).unwrap_err().subject, ErrorSubject::Argument, "{count}");
    }
}

#[test]
fn next_runs_in_a_zone_and_the_service_it_implies() {
    let runs =
        api::next_runs("cron(0 9 * * ? *)", "2024-03-30T00:00:00Z", 2, Some("Europe/Paris"), None);
    // 09:00 in Paris is 08:00 UTC before the change to summer time, 07:00 after.
    assert_eq!(runs, Ok(vec![1_711_785_600_000.0, 1_711_868_400_000.0]));
    let rule = api::next_runs(
        "rate(5 minutes)",
        "2024-01-01T00:00:00Z",
        1,
        Some("UTC"),
        Some(Service::Rule),
    );
    assert_eq!(rule.unwrap_err().subject, ErrorSubject::Argument);
    assert_eq!(api::service("scheduler"), Ok(Service::Scheduler));
    assert_eq!(api::service("Rule").unwrap_err().subject, ErrorSubject::Argument);
    let error =
        api::next_runs("rate(1 minutes)", "2024-01-01T00:00:00Z", 1, None, None).unwrap_err();
    assert_eq!(
        (error.subject, error.message.as_str()),
        (ErrorSubject::Schedule, "Parameter ScheduleExpression is not valid.")
    );
}

#[test]
fn envelope_takes_one_entry() {
    let options =
        EnvelopeOptions { id: "e1", time: "2024-06-01T10:15:30Z", account: "1", region: "r" };
    assert_eq!(
        api::envelope(r#"{"Source": "s", "DetailType": "d", "Detail": "{\"n\": 1.50}"}"#, &options),
        Ok(r#"{"version":"0","id":"e1","detail-type":"d","source":"s","account":"1","time":"2024-06-01T10:15:30Z","region":"r","resources":[],"detail":{"n":1.5}}"#.to_owned())
    );
    let two = r#"[{"Source": "s", "DetailType": "d", "Detail": "{}"}, {"Source": "s", "DetailType": "d", "Detail": "{}"}]"#;
    assert_eq!(api::envelope(two, &options).unwrap_err().subject, ErrorSubject::Argument);
    let error = api::envelope(r#"{"Source": "s", "DetailType": "d", "Detail": "[1]"}"#, &options);
    assert_eq!(*error.unwrap_err(), ErrorObject::new(ErrorSubject::Entry, "Detail is malformed."));
}

#[test]
fn transform_reads_a_transformer_or_a_target_holding_one() {
    let options = TransformOptions {
        rule_name: "r",
        account: "1",
        region: "eu-west-1",
        ingestion_time: "2024-01-01T00:00:00.000Z",
    };
    let target = r#"{"InputTransformer": {"InputPathsMap": {"s": "$.detail.s"}, "InputTemplate": "{\"s\": <s>, \"rule\": \"<aws.events.rule-arn>\"}"}}"#;
    let out = api::transform(target, r#"{"detail": {"s": "on"}}"#, &options).unwrap();
    assert_eq!(out.output, r#"{"s": "on", "rule": "arn:aws:events:eu-west-1:1:rule/r"}"#);
    assert!(out.delivered);
    let error = api::transform("[1]", "{}", &options).unwrap_err();
    assert_eq!(error.subject, ErrorSubject::Transformer);
    assert!(error.message.starts_with("not an InputTransformer: "), "{}", error.message);
}
