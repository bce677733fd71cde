//! Parse-back tests: every JSON and YAML export of every rule in
//! `tests/rules`, read back with a parser that is not ours, holds the
//! rule's pattern exactly (compact JSON, every number's lexeme as
//! written), and its name, description, state, schedule and targets where
//! the format holds them.
//!
//! JSON is read with serde_json, and the pattern again with evpat's reader
//! for the lexemes. YAML is read with saphyr (YAML 1.2), scalars unresolved
//! until here: a plain scalar is null, a boolean or a number by the core
//! schema (a number must be JSON syntax, and keeps its lexeme), anything
//! else a string; `!GetAtt A.B` becomes `{"Fn::GetAtt": ["A", "B"]}`.
//! `tests/export/yaml.test.mjs` reads the YAML goldens again with the
//! `yaml` package in YAML 1.1 and 1.2.
//!
//! saphyr reads YAML 1.2 only, so every plain scalar read back as a string
//! is also checked against the YAML 1.1 types' regular expressions
//! (yaml.org/type), transcribed in [`yaml11`]: CloudFormation and PyYAML
//! read 1.1, where `yes` is a boolean and `12:30` a number.
//!
//! The last tests feed rules made of YAML's troublemakers (`yes`, `~`,
//! `*`, `: `, control characters, quotes, Unicode) through the YAML
//! formats and read every string back.

use std::borrow::Cow;

use evpat::Pattern;
use evpat_rule::export::{Format, export};
use evpat_rule::{Rule, RuleState, TargetInput};
use saphyr::{Scalar, ScalarStyle, Tag, Yaml, YamlLoader};
use saphyr_parser::Parser;
use serde_json::{Value, json};

use crate::golden::rules;

/// How deep the YAML read back may nest before the test gives up.
const MAX_DEPTH: usize = 200;

// ------------------------------------------------------------ reading

/// A YAML export as compact JSON text, numbers as written.
fn yaml_to_json(text: &str) -> String {
    let mut loader = YamlLoader::<Yaml<'_>>::default();
    loader.early_parse(false);
    let parsed = Parser::new_from_str(text).load(&mut loader, true);
    if let Some(error) = loader.error().cloned().or(parsed.err()) {
        panic!("saphyr refuses the export: {error}\n{text}");
    }
    let documents = loader.into_documents();
    assert_eq!(documents.len(), 1, "{text}");
    let mut out = String::new();
    write_json(&documents[0], &mut out, 0);
    out
}

fn write_json(node: &Yaml<'_>, out: &mut String, depth: usize) {
    assert!(depth < MAX_DEPTH, "too deep");
    match node {
        Yaml::Sequence(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(item, out, depth + 1);
            }
            out.push(']');
        }
        Yaml::Mapping(entries) => {
            out.push('{');
            for (i, (key, value)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                // Keys are strings: a key YAML would read as anything else
                // must have been quoted.
                match key {
                    Yaml::Representation(text, style, None) => {
                        let scalar =
                            Scalar::parse_from_cow_and_metadata(text.clone(), *style, None);
                        assert!(
                            matches!(scalar, Some(Scalar::String(_))),
                            "the key {text:?} is not a string in YAML 1.2"
                        );
                        if *style == ScalarStyle::Plain {
                            assert_eq!(
                                yaml11::resolve(text),
                                None,
                                "YAML 1.1 reads the key {text:?} otherwise"
                            );
                        }
                        out.push_str(&quote(text));
                    }
                    other => panic!("a key that is not a plain string: {other:?}"),
                }
                out.push(':');
                write_json(value, out, depth + 1);
            }
            out.push('}');
        }
        Yaml::Representation(text, style, tag) => scalar_json(text, *style, tag.as_ref(), out),
        other => panic!("unexpected YAML node {other:?}"),
    }
}

fn scalar_json(text: &str, style: ScalarStyle, tag: Option<&Cow<'_, Tag>>, out: &mut String) {
    if let Some(tag) = tag.filter(|tag| tag.handle == "!") {
        match tag.suffix.as_str() {
            "GetAtt" => {
                let (resource, attribute) = text.split_once('.').expect("!GetAtt A.B");
                out.push_str(&json!({ "Fn::GetAtt": [resource, attribute] }).to_string());
            }
            "Ref" => out.push_str(&json!({ "Ref": text }).to_string()),
            other => panic!("unexpected tag !{other}"),
        }
        return;
    }
    match Scalar::parse_from_cow_and_metadata(Cow::Borrowed(text), style, tag) {
        Some(Scalar::Null) => out.push_str("null"),
        Some(Scalar::Boolean(b)) => out.push_str(if b { "true" } else { "false" }),
        Some(Scalar::Integer(_) | Scalar::FloatingPoint(_)) => {
            assert!(evpat::json::is_json_number(text), "the number {text} is not JSON syntax");
            out.push_str(text);
        }
        Some(Scalar::String(s)) => {
            if style == ScalarStyle::Plain && tag.is_none() {
                assert_eq!(
                    yaml11::resolve(text),
                    None,
                    "YAML 1.1 reads the plain {text:?} otherwise"
                );
            }
            out.push_str(&quote(&s));
        }
        None => panic!("{text:?} does not fit its tag {tag:?}"),
    }
}

fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// The export of `rule` in `format`, read back as JSON text with lexemes.
fn read_back(rule: &Rule, format: Format) -> Option<String> {
    let out = export(rule, format).ok()?;
    assert!(out.text.ends_with('\n') && !out.text.ends_with("\n\n"), "{format}: one final newline");
    Some(match format {
        Format::ApiJson | Format::CloudFormationJson => {
            let value: Value = serde_json::from_str(&out.text)
                .unwrap_or_else(|e| panic!("{format}: serde_json refuses it: {e}\n{}", out.text));
            assert!(value.is_object());
            // evpat's reader keeps the lexemes; serde_json checked the syntax.
            evpat::json::read(&out.text, MAX_DEPTH).unwrap().to_compact()
        }
        _ => yaml_to_json(&out.text),
    })
}

/// A node of `text` (compact JSON from [`read_back`]) by its path of keys
/// and indices.
fn at<'n>(node: &'n evpat::json::Node, path: &[&str]) -> &'n evpat::json::Node {
    let mut node = node;
    for step in path {
        node = match step.parse::<usize>() {
            Ok(i) => node.items().and_then(|items| items.get(i)),
            Err(_) => node.get(step),
        }
        .unwrap_or_else(|| panic!("no {step} in {}", node.to_compact()));
    }
    node
}

/// The one entry of a mapping whose `Type` is `kind`, with its key.
fn resource<'n>(resources: &'n evpat::json::Node, kind: &str) -> (&'n str, &'n evpat::json::Node) {
    let found: Vec<_> = resources
        .members()
        .unwrap()
        .iter()
        .filter(|m| m.value.get("Type").and_then(|t| t.as_str()) == Some(kind))
        .collect();
    assert_eq!(found.len(), 1, "one {kind} in {}", resources.to_compact());
    (&found[0].key, &found[0].value)
}

fn value(node: &evpat::json::Node) -> Value {
    serde_json::from_str(&node.to_compact()).unwrap()
}

fn optional(node: &evpat::json::Node, key: &str) -> Option<Value> {
    node.get(key).map(value)
}

// ------------------------------------------------------------ expectations

/// The rule as PutRule-shaped JSON: what every format is compared with.
fn rule_json(rule: &Rule) -> Value {
    serde_json::from_str(&rule.to_json()).unwrap()
}

/// The pattern as the rule file wrote it, compact, lexemes kept: what
/// every export must hold.
fn pattern_text(rule: &Rule) -> Option<String> {
    rule.event_pattern.as_ref().map(Pattern::compact_text)
}

fn text_value(s: &Option<String>) -> Option<Value> {
    s.as_ref().map(|s| json!(s))
}

/// The first Lambda target's PutTargets JSON.
fn lambda_target(rule: &Rule) -> Option<(usize, Value)> {
    let targets = rule_json(rule)["Targets"].as_array().cloned().unwrap_or_default();
    targets.into_iter().enumerate().find(|(_, t)| t["Arn"].as_str().unwrap().contains(":lambda:"))
}

#[test]
fn api_json() {
    for (stem, rule) in rules() {
        let Some(text) = read_back(&rule, Format::ApiJson) else { continue };
        let root = evpat::json::read(&text, MAX_DEPTH).unwrap();
        let put_rule = at(&root, &["PutRule"]);
        match pattern_text(&rule) {
            Some(expected) => {
                let string = at(put_rule, &["EventPattern"]).as_str().expect("a JSON string");
                let read = evpat::json::read(string, MAX_DEPTH).unwrap();
                assert_eq!(read.to_compact(), expected, "{stem}");
            }
            None => assert!(put_rule.get("EventPattern").is_none()),
        }
        let expected = rule_json(&rule);
        for key in ["Name", "Description", "EventBusName", "ScheduleExpression", "State", "RoleArn"]
        {
            assert_eq!(optional(put_rule, key), expected.get(key).cloned(), "{stem} {key}");
        }
        if !rule.targets.is_empty() {
            assert_eq!(value(at(&root, &["PutTargets", "Targets"])), expected["Targets"], "{stem}");
        }
    }
}

/// Both CloudFormation formats: the rule resource holds everything, each
/// Lambda target has its permission, and the two formats hold the same
/// document.
#[test]
fn cloudformation() {
    for (stem, rule) in rules() {
        let Some(json_text) = read_back(&rule, Format::CloudFormationJson) else { continue };
        let yaml_text = read_back(&rule, Format::CloudFormationYaml).unwrap();
        let json_value: Value = serde_json::from_str(&json_text).unwrap();
        let yaml_value: Value = serde_json::from_str(&yaml_text).unwrap();
        assert_eq!(json_value, yaml_value, "{stem}: JSON and YAML templates differ");
        for text in [json_text, yaml_text] {
            let root = evpat::json::read(&text, MAX_DEPTH).unwrap();
            let resources = at(&root, &["Resources"]);
            let (rule_id, resource) = resource(resources, "AWS::Events::Rule");
            let properties = at(resource, &["Properties"]);
            assert_eq!(
                properties.get("EventPattern").map(|p| p.to_compact()),
                pattern_text(&rule),
                "{stem}: the pattern, lexemes and all"
            );
            let expected = rule_json(&rule);
            for key in
                ["Name", "Description", "EventBusName", "ScheduleExpression", "State", "RoleArn"]
            {
                assert_eq!(optional(properties, key), expected.get(key).cloned(), "{stem} {key}");
            }
            assert_eq!(optional(properties, "Targets"), expected.get("Targets").cloned(), "{stem}");
            let permissions: Vec<_> = resources
                .members()
                .unwrap()
                .iter()
                .filter(|m| {
                    m.value.get("Type").and_then(|t| t.as_str()) == Some("AWS::Lambda::Permission")
                })
                .map(|m| value(at(&m.value, &["Properties"])))
                .collect();
            let lambdas: Vec<&str> = rule
                .targets
                .iter()
                .map(|t| t.arn.as_str())
                .filter(|arn| arn.contains(":lambda:"))
                .collect();
            assert_eq!(permissions.len(), lambdas.len(), "{stem}");
            for (permission, arn) in permissions.iter().zip(lambdas) {
                assert_eq!(
                    permission,
                    &json!({
                        "Action": "lambda:InvokeFunction",
                        "FunctionName": arn,
                        "Principal": "events.amazonaws.com",
                        "SourceArn": {"Fn::GetAtt": [rule_id, "Arn"]}
                    }),
                    "{stem}"
                );
            }
        }
    }
}

/// The function and its one event of a SAM export.
fn sam_event(text: &str) -> (evpat::json::Node, String) {
    let root = evpat::json::read(text, MAX_DEPTH).unwrap();
    assert_eq!(at(&root, &["Transform"]).as_str(), Some("AWS::Serverless-2016-10-31"));
    let (id, _) = resource(at(&root, &["Resources"]), "AWS::Serverless::Function");
    (root.clone(), id.to_owned())
}

#[test]
fn sam() {
    for (stem, rule) in rules() {
        let Some(text) = read_back(&rule, Format::Sam) else { continue };
        let (root, function) = sam_event(&text);
        let events = at(&root, &["Resources", &function, "Properties", "Events"]);
        assert_eq!(events.members().unwrap().len(), 1, "{stem}");
        let event = &events.members().unwrap()[0].value;
        let properties = at(event, &["Properties"]);
        let expected = rule_json(&rule);
        let mut delivery =
            ["Input", "InputPath", "InputTransformer", "RetryPolicy", "DeadLetterConfig"].to_vec();
        if let Some(pattern) = pattern_text(&rule) {
            assert_eq!(at(event, &["Type"]).as_str(), Some("EventBridgeRule"));
            assert_eq!(at(properties, &["Pattern"]).to_compact(), pattern, "{stem}");
            assert_eq!(optional(properties, "RuleName"), Some(json!(rule.name)));
            assert_eq!(optional(properties, "EventBusName"), expected.get("EventBusName").cloned());
            assert_eq!(optional(properties, "Description"), None);
        } else {
            assert_eq!(at(event, &["Type"]).as_str(), Some("Schedule"));
            assert_eq!(optional(properties, "Schedule"), text_value(&rule.schedule_expression));
            assert_eq!(optional(properties, "Name"), Some(json!(rule.name)));
            assert_eq!(optional(properties, "Description"), text_value(&rule.description));
            delivery.retain(|key| !["InputPath", "InputTransformer"].contains(key));
        }
        assert_eq!(optional(properties, "State"), Some(json!(rule.state.as_str())), "{stem}");
        match lambda_target(&rule) {
            Some((_, target)) => {
                for key in delivery {
                    assert_eq!(optional(properties, key), target.get(key).cloned(), "{stem} {key}");
                }
                let name = target["Arn"].as_str().unwrap().rsplit(":function:").next().unwrap();
                let function_properties = at(&root, &["Resources", &function, "Properties"]);
                assert_eq!(optional(function_properties, "FunctionName"), Some(json!(name)));
                if rule.event_pattern.is_some() {
                    assert_eq!(value(at(properties, &["Target"])), json!({"Id": target["Id"]}));
                }
            }
            None => {
                for key in delivery {
                    assert!(properties.get(key).is_none(), "{stem} {key}");
                }
            }
        }
    }
}

#[test]
fn serverless() {
    for (stem, rule) in rules() {
        let Some(text) = read_back(&rule, Format::Serverless) else { continue };
        let root = evpat::json::read(&text, MAX_DEPTH).unwrap();
        let functions = at(&root, &["functions"]).members().unwrap();
        assert_eq!(functions.len(), 1, "{stem}");
        let event = at(&functions[0].value, &["events", "0", "eventBridge"]);
        assert_eq!(event.get("pattern").map(|p| p.to_compact()), pattern_text(&rule), "{stem}");
        assert_eq!(optional(event, "name"), Some(json!(rule.name)));
        assert_eq!(optional(event, "description"), text_value(&rule.description));
        assert_eq!(optional(event, "schedule"), text_value(&rule.schedule_expression));
        assert_eq!(optional(event, "enabled"), Some(json!(rule.state.is_enabled())));
        let bus = rule.event_bus_name.clone().filter(|_| !rule.on_default_bus());
        assert_eq!(optional(event, "eventBus"), text_value(&bus));
        let Some((i, _)) = lambda_target(&rule) else {
            assert!(event.get("input").is_none() && event.get("retryPolicy").is_none());
            continue;
        };
        let target = &rule.targets[i];
        match &target.input {
            None => {}
            Some(TargetInput::Input(input)) => {
                let expected = evpat::json::read(input, MAX_DEPTH).unwrap().to_compact();
                assert_eq!(at(event, &["input"]).to_compact(), expected, "{stem}");
            }
            Some(TargetInput::InputPath(path)) => {
                assert_eq!(optional(event, "inputPath"), Some(json!(path)));
            }
            Some(TargetInput::InputTransformer(transformer)) => {
                let paths: serde_json::Map<String, Value> = transformer
                    .input_paths_map
                    .iter()
                    .map(|(k, v)| (k.clone(), json!(v)))
                    .collect();
                assert_eq!(
                    optional(event, "inputTransformer"),
                    Some(
                        json!({"inputPathsMap": paths, "inputTemplate": transformer.input_template})
                    )
                );
            }
        }
        if let Some(retry) = &target.retry_policy {
            assert_eq!(
                optional(event, "retryPolicy"),
                Some(json!({
                    "maximumEventAge": retry.maximum_event_age_in_seconds,
                    "maximumRetryAttempts": retry.maximum_retry_attempts
                }))
            );
        }
        let dead_letter = target.dead_letter_config.as_ref().map(|d| d.arn.clone());
        assert_eq!(optional(event, "deadLetterQueueArn"), text_value(&dead_letter));
    }
}

/// What both Scheduler formats hold: the schedule, its time zone, the
/// state, a flexible time window that is off, and the first target's
/// input, retry policy and dead-letter queue.
fn check_schedule(
    stem: &str,
    rule: &Rule,
    properties: &evpat::json::Node,
    target: &evpat::json::Node,
) {
    assert_eq!(optional(properties, "Name"), Some(json!(rule.name)), "{stem}");
    assert_eq!(optional(properties, "Description"), text_value(&rule.description));
    assert_eq!(optional(properties, "ScheduleExpression"), text_value(&rule.schedule_expression));
    assert_eq!(
        optional(properties, "ScheduleExpressionTimezone"),
        text_value(&rule.schedule_expression_timezone)
    );
    assert_eq!(optional(properties, "FlexibleTimeWindow"), Some(json!({"Mode": "OFF"})));
    let state = if rule.state == RuleState::Disabled { "DISABLED" } else { "ENABLED" };
    assert_eq!(optional(properties, "State"), Some(json!(state)));
    let first = rule_json(rule)["Targets"][0].clone();
    for key in ["Input", "RetryPolicy", "DeadLetterConfig"] {
        assert_eq!(optional(target, key), first.get(key).cloned(), "{stem} {key}");
    }
}

#[test]
fn scheduler_cloudformation() {
    let mut seen = 0;
    for (stem, rule) in rules() {
        let Some(text) = read_back(&rule, Format::SchedulerCloudFormation) else { continue };
        seen += 1;
        let root = evpat::json::read(&text, MAX_DEPTH).unwrap();
        let (_, schedule) = resource(at(&root, &["Resources"]), "AWS::Scheduler::Schedule");
        let properties = at(schedule, &["Properties"]);
        let target = at(properties, &["Target"]);
        check_schedule(&stem, &rule, properties, target);
        assert_eq!(optional(target, "Arn"), Some(json!(rule.targets[0].arn)));
        let role = rule.targets[0].role_arn.clone().or(rule.role_arn.clone());
        let role = role.unwrap_or_else(|| "REPLACE-WITH-THE-SCHEDULER-ROLE-ARN".into());
        assert_eq!(optional(target, "RoleArn"), Some(json!(role)), "{stem}");
    }
    assert_eq!(seen, 3, "the rate, cron and at() schedules");
}

#[test]
fn sam_schedule_v2() {
    let mut seen = 0;
    for (stem, rule) in rules() {
        let Some(text) = read_back(&rule, Format::SamScheduleV2) else { continue };
        seen += 1;
        let (root, function) = sam_event(&text);
        let events = at(&root, &["Resources", &function, "Properties", "Events"]);
        let event = &events.members().unwrap()[0].value;
        assert_eq!(at(event, &["Type"]).as_str(), Some("ScheduleV2"));
        let properties = at(event, &["Properties"]);
        if lambda_target(&rule).is_some() {
            check_schedule(&stem, &rule, properties, properties);
            let role = rule.targets[0].role_arn.clone().or(rule.role_arn.clone());
            assert_eq!(optional(properties, "RoleArn"), text_value(&role), "{stem}");
        }
    }
    assert_eq!(seen, 3, "the rate, cron and at() schedules");
}

// ------------------------------------------------------------ troublemakers

/// Strings that YAML reads as something else unless quoted, or that end a
/// plain scalar early, or that need escapes.
const TRICKY: [&str; 64] = [
    "yes",
    "No",
    "ON",
    "off",
    "y",
    "n",
    "Y",
    "~",
    "null",
    "NULL",
    "true",
    "False",
    "1",
    "-1",
    "+1",
    "007",
    "1.50",
    "1e6",
    ".5",
    "1_000",
    "12:30",
    "2026-12-24",
    "2026-12-24T18:00:00Z",
    ".inf",
    "-.Inf",
    ".NaN",
    "0x1F",
    "0o17",
    "0b101",
    "<<",
    "=",
    "*/thumbs/*",
    "&anchor",
    "!Ref x",
    "{a: 1}",
    "[x]",
    ">",
    ">=",
    "|",
    "%TAG",
    "@x",
    "`x`",
    "- x",
    "? x",
    ": x",
    "#x",
    "a: b",
    "a #b",
    "AWS:",
    " lead",
    "trail ",
    "'single'",
    "\"double\"",
    "a\\b",
    "line\nbreak",
    "tab\there",
    "bell\u{7}",
    "nel\u{85}",
    "ls\u{2028}",
    "bom\u{feff}",
    "café 日本 🎉",
    "---",
    "...",
    "",
];

/// A rule carrying `s` as a pattern key and value, its description and in
/// a Lambda target's input, or `None` when AWS would refuse such a rule.
fn tricky_rule(s: &str) -> Option<Rule> {
    let pattern = json!({"source": [s], "detail": {s: [s, {"prefix": s}]}}).to_string();
    let pattern = Pattern::parse(&pattern).ok()?;
    let mut rule = Rule::with_pattern("tricky", pattern);
    rule.description = Some(s.to_owned());
    rule.state = RuleState::Disabled;
    let text = json!({
        "Name": "tricky",
        "Description": s,
        "State": "DISABLED",
        "EventPattern": rule.event_pattern.as_ref().unwrap().text(),
        "Targets": [{
            "Id": "t",
            "Arn": "arn:aws:lambda:us-east-1:123456789012:function:f",
            "Input": json!({ s: s }).to_string()
        }]
    });
    let rule = Rule::from_json(&text.to_string()).ok()?;
    rule.validate().ok()?;
    Some(rule)
}

/// Every YAML format writes every tricky string so that it reads back as
/// itself: in the pattern (keys and values), the description and the
/// input.
fn check_tricky(s: &str) -> bool {
    let Some(rule) = tricky_rule(s) else { return false };
    let pattern = pattern_text(&rule).unwrap();
    for format in [Format::CloudFormationYaml, Format::Sam, Format::Serverless] {
        let text = read_back(&rule, format).unwrap();
        let root = evpat::json::read(&text, MAX_DEPTH).unwrap();
        let (event_pattern, description, input) = match format {
            Format::CloudFormationYaml => {
                let (_, resource) = resource(at(&root, &["Resources"]), "AWS::Events::Rule");
                let properties = at(resource, &["Properties"]);
                (
                    at(properties, &["EventPattern"]),
                    optional(properties, "Description"),
                    optional(at(properties, &["Targets", "0"]), "Input"),
                )
            }
            Format::Sam => {
                let (_, function) =
                    resource(at(&root, &["Resources"]), "AWS::Serverless::Function");
                let properties = at(function, &["Properties", "Events", "Tricky", "Properties"]);
                // SAM's EventBridgeRule has no Description; the function's
                // name carries no string of ours.
                (at(properties, &["Pattern"]), Some(json!(s)), optional(properties, "Input"))
            }
            _ => {
                let event = at(&root, &["functions", "f", "events", "0", "eventBridge"]);
                let input = event.get("input").map(|i| json!(i.to_compact()));
                (at(event, &["pattern"]), optional(event, "description"), input)
            }
        };
        assert_eq!(event_pattern.to_compact(), pattern, "{format}: {s:?}");
        assert_eq!(description, Some(json!(s)), "{format}: {s:?}");
        assert_eq!(input, Some(json!(json!({ s: s }).to_string())), "{format}: {s:?}");
    }
    true
}

#[test]
fn tricky_strings_survive_every_yaml_format() {
    let checked = TRICKY.iter().filter(|s| check_tricky(s)).count();
    // The empty string and control characters are not valid everywhere in
    // a rule; the rest must all have been checked.
    assert!(checked >= 55, "only {checked} tricky strings made valid rules");
}

/// A deterministic walk over strings glued from troublemakers: the
/// property test, without a property-testing crate.
#[test]
fn generated_strings_survive_every_yaml_format() {
    let pieces = [
        "a", " ", "-", "?", ":", ": ", " #", "#", "'", "\"", "\\", "!", "&", "*", "%", "@", "`",
        "|", ">", "[", "]", "{", "}", ",", ".", "0", "1", "e", "_", "y", "on", "~", "\n", "\t",
        "é", "日", "🎉", "\u{2028}", "\u{85}", "<<", "---", "null", "true",
    ];
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut checked = 0;
    for _ in 0..400 {
        let len = next() % 6 + 1;
        let s: String = (0..len).map(|_| pieces[(next() % pieces.len() as u64) as usize]).collect();
        if check_tricky(&s) {
            checked += 1;
        }
    }
    assert!(checked >= 300, "only {checked} generated strings made valid rules");
}

/// YAML 1.1's implicit types, by the regular expressions of
/// yaml.org/type, with a small backtracking matcher so that the test needs
/// no regex crate.
mod yaml11 {
    /// The regular expressions of the types a plain scalar may resolve to
    /// instead of `str`.
    const TYPES: [(&str, &str); 7] = [
        (
            "bool",
            "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF",
        ),
        ("null", "~|null|Null|NULL|"),
        (
            "int",
            "[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+",
        ),
        (
            "float",
            "[-+]?([0-9][0-9_]*)?\\.[0-9.]*([eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)",
        ),
        (
            "timestamp",
            "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?([Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](\\.[0-9]*)?(([ \t]*)Z|[-+][0-9][0-9]?(:[0-9][0-9])?)?",
        ),
        ("merge", "<<"),
        ("value", "="),
    ];

    /// The type YAML 1.1 gives the plain scalar `text`, when not `str`.
    pub fn resolve(text: &str) -> Option<&'static str> {
        let chars: Vec<char> = text.chars().collect();
        TYPES.iter().find(|(_, re)| matches(re, &chars)).map(|(name, _)| *name)
    }

    #[derive(Debug)]
    enum Re {
        Class(Vec<(char, char)>),
        Seq(Vec<Re>),
        Alt(Vec<Re>),
        Repeat(Box<Re>, usize, usize),
    }

    fn matches(re: &str, text: &[char]) -> bool {
        let pattern: Vec<char> = re.chars().collect();
        let mut pos = 0;
        let re = alternation(&pattern, &mut pos);
        assert_eq!(pos, pattern.len(), "bad pattern {re:?}");
        run(&re, text, 0, &mut |end| end == text.len())
    }

    fn alternation(p: &[char], pos: &mut usize) -> Re {
        let mut branches = vec![sequence(p, pos)];
        while p.get(*pos) == Some(&'|') {
            *pos += 1;
            branches.push(sequence(p, pos));
        }
        Re::Alt(branches)
    }

    fn sequence(p: &[char], pos: &mut usize) -> Re {
        let mut items = Vec::new();
        while let Some(&c) = p.get(*pos) {
            let atom = match c {
                '|' | ')' => break,
                '(' => {
                    *pos += 1;
                    let inner = alternation(p, pos);
                    assert_eq!(p.get(*pos), Some(&')'));
                    *pos += 1;
                    inner
                }
                '[' => {
                    *pos += 1;
                    let mut ranges = Vec::new();
                    while p[*pos] != ']' {
                        let from = p[*pos];
                        if p[*pos + 1] == '-' && p[*pos + 2] != ']' {
                            ranges.push((from, p[*pos + 2]));
                            *pos += 3;
                        } else {
                            ranges.push((from, from));
                            *pos += 1;
                        }
                    }
                    *pos += 1;
                    Re::Class(ranges)
                }
                '\\' => {
                    *pos += 2;
                    Re::Class(vec![(p[*pos - 1], p[*pos - 1])])
                }
                c => {
                    *pos += 1;
                    Re::Class(vec![(c, c)])
                }
            };
            let atom = match p.get(*pos) {
                Some('?') => Re::Repeat(Box::new(atom), 0, 1),
                Some('*') => Re::Repeat(Box::new(atom), 0, usize::MAX),
                Some('+') => Re::Repeat(Box::new(atom), 1, usize::MAX),
                _ => {
                    items.push(atom);
                    continue;
                }
            };
            *pos += 1;
            items.push(atom);
        }
        Re::Seq(items)
    }

    /// Whether `re` matches `text` from `at` and `then` accepts where it
    /// ends, trying every way.
    fn run(re: &Re, text: &[char], at: usize, then: &mut dyn FnMut(usize) -> bool) -> bool {
        match re {
            Re::Class(ranges) => {
                text.get(at).is_some_and(|c| ranges.iter().any(|(lo, hi)| (lo..=hi).contains(&c)))
                    && then(at + 1)
            }
            Re::Alt(branches) => branches.iter().any(|branch| run(branch, text, at, then)),
            Re::Seq(items) => seq(items, text, at, then),
            Re::Repeat(inner, min, max) => repeat(inner, *min, *max, text, at, then),
        }
    }

    fn seq(items: &[Re], text: &[char], at: usize, then: &mut dyn FnMut(usize) -> bool) -> bool {
        match items.split_first() {
            None => then(at),
            Some((first, rest)) => run(first, text, at, &mut |end| seq(rest, text, end, then)),
        }
    }

    fn repeat(
        inner: &Re,
        min: usize,
        max: usize,
        text: &[char],
        at: usize,
        then: &mut dyn FnMut(usize) -> bool,
    ) -> bool {
        (min == 0 && then(at))
            || (max > 0
                && run(inner, text, at, &mut |end| {
                    end > at && repeat(inner, min.saturating_sub(1), max - 1, text, end, then)
                }))
    }

    #[test]
    fn the_types() {
        for (text, expected) in [
            ("yes", Some("bool")),
            ("OFF", Some("bool")),
            ("yEs", None),
            ("", Some("null")),
            ("~", Some("null")),
            ("017", Some("int")),
            ("1_000", Some("int")),
            ("190:20:30", Some("int")),
            ("0x1F", Some("int")),
            ("1.50", Some("float")),
            ("10.0.0.0", Some("float")),
            ("1.0e+6", Some("float")),
            ("1e6", None),
            ("1.0e6", None),
            ("-.inf", Some("float")),
            ("2026-12-24", Some("timestamp")),
            ("2001-12-14t21:59:43.10-05:00", Some("timestamp")),
            ("2001-12-14 21:59:43.10 -5", None),
            ("2001-12-14 21:59:43.10 Z", Some("timestamp")),
            ("<<", Some("merge")),
            ("=", Some("value")),
            ("10.0.0.0/8", None),
            ("aws.ec2", None),
            ("SAT#3", None),
        ] {
            assert_eq!(resolve(text), expected, "{text:?}");
        }
    }
}
