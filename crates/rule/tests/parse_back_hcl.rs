//! HCL parse-back tests: every `terraform` and `scheduler-terraform` golden,
//! read back with hcl-edit (a parser that is not ours), holds the rule of
//! `tests/rules`: the pattern as compact JSON with every number's lexeme as
//! written, whether it is a `jsonencode({...})` expression (converted to
//! JSON here, numbers from their source text) or a heredoc (read with
//! evpat's JSON reader), and the rule's name, description, state, bus,
//! schedule, role and targets.
//!
//! The last tests export rules made of HCL's troublemakers (`${`, `%{`,
//! `$${`, quotes, backslashes, control characters, keys that are HCL
//! keywords) and read every string back.

use evpat::Pattern;
use evpat_rule::export::{Format, export};
use evpat_rule::{
    DeadLetterConfig, InputTransformer, RetryPolicy, Rule, RuleState, Target, TargetInput,
};
use hcl_edit::expr::{Expression, ObjectKey, UnaryOperator};
use hcl_edit::structure::{BlockLabel, Body};
use hcl_edit::template::Element;

use crate::golden::{golden_file, rules};

/// How deep a `jsonencode` argument may nest before the test gives up.
const MAX_DEPTH: usize = 200;

fn parse(text: &str) -> Body {
    hcl_edit::parser::parse_body(text).unwrap_or_else(|error| panic!("hcl-edit: {error}\n{text}"))
}

/// The `resource "kind" "name"` blocks of `body`, as (name, body).
fn resources<'a>(body: &'a Body, kind: &str) -> Vec<(String, &'a Body)> {
    body.get_blocks("resource")
        .filter_map(|block| {
            let label = |i: usize| match block.labels.get(i)? {
                BlockLabel::String(s) => Some(s.value().clone()),
                BlockLabel::Ident(i) => Some(i.as_str().to_owned()),
            };
            (label(0)? == kind).then(|| (label(1).unwrap_or_default(), &block.body))
        })
        .collect()
}

/// The one nested block `name` of `body`.
fn block<'a>(body: &'a Body, name: &'a str) -> Option<&'a Body> {
    let mut blocks = body.get_blocks(name);
    let first = blocks.next().map(|b| &b.body);
    assert!(blocks.next().is_none(), "one {name} block");
    first
}

/// A string or a template with no interpolation, as its text.
fn text(expr: &Expression) -> Option<String> {
    let elements = match expr {
        Expression::String(s) => return Some(s.value().clone()),
        Expression::StringTemplate(t) => t.iter().collect::<Vec<_>>(),
        Expression::HeredocTemplate(h) => h.template.iter().collect(),
        _ => return None,
    };
    elements
        .into_iter()
        .map(|element| match element {
            Element::Literal(literal) => Some(literal.value().clone()),
            _ => None,
        })
        .collect()
}

fn attr_text(body: &Body, key: &str) -> Option<String> {
    body.get_attribute(key).map(|attr| {
        text(&attr.value).unwrap_or_else(|| panic!("{key} is not a plain string: {:?}", attr.value))
    })
}

/// A traversal such as `aws_cloudwatch_event_rule.x.name`, as written.
fn reference(body: &Body, key: &str) -> Option<String> {
    body.get_attribute(key).map(|attr| match &attr.value {
        Expression::Traversal(t) => {
            let mut out = match &t.expr {
                Expression::Variable(v) => v.as_str().to_owned(),
                other => panic!("{key}: {other:?}"),
            };
            for operator in &t.operators {
                match operator.value() {
                    hcl_edit::expr::TraversalOperator::GetAttr(name) => {
                        out.push('.');
                        out.push_str(name.as_str());
                    }
                    other => panic!("{key}: {other:?}"),
                }
            }
            out
        }
        other => panic!("{key} is not a reference: {other:?}"),
    })
}

fn number(body: &Body, key: &str) -> Option<u32> {
    body.get_attribute(key).map(|attr| match &attr.value {
        Expression::Number(n) => n.value().as_u64().and_then(|n| u32::try_from(n).ok()).unwrap(),
        other => panic!("{key} is not a number: {other:?}"),
    })
}

/// An HCL value as compact JSON text, every number as written in the source.
fn json(expr: &Expression, depth: usize, out: &mut String) {
    assert!(depth < MAX_DEPTH, "too deep");
    match expr {
        Expression::Null(_) => out.push_str("null"),
        Expression::Bool(b) => out.push_str(if *b.value() { "true" } else { "false" }),
        Expression::Number(n) => out.push_str(n.as_repr().expect("a number's source text")),
        Expression::UnaryOp(op) if *op.operator.value() == UnaryOperator::Neg => {
            out.push('-');
            json(&op.expr, depth + 1, out);
        }
        Expression::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json(item, depth + 1, out);
            }
            out.push(']');
        }
        Expression::Object(object) => {
            out.push('{');
            for (i, (key, value)) in object.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                let key = match key {
                    ObjectKey::Ident(ident) => ident.as_str().to_owned(),
                    ObjectKey::Expression(expr) => text(expr).expect("a string key"),
                };
                out.push_str(&serde_json::to_string(&key).unwrap());
                out.push(':');
                json(value.expr(), depth + 1, out);
            }
            out.push('}');
        }
        other => match text(other) {
            Some(s) => out.push_str(&serde_json::to_string(&s).unwrap()),
            None => panic!("not a JSON value: {other:?}"),
        },
    }
}

/// The `event_pattern` of a rule block as compact JSON, numbers as written.
fn event_pattern(body: &Body) -> Option<String> {
    let attr = body.get_attribute("event_pattern")?;
    Some(match &attr.value {
        Expression::FuncCall(call) => {
            assert_eq!(call.name.name.as_str(), "jsonencode");
            assert_eq!(call.args.len(), 1);
            let mut out = String::new();
            json(call.args.get(0).unwrap(), 0, &mut out);
            out
        }
        Expression::HeredocTemplate(_) => {
            let text = text(&attr.value).expect("a heredoc without interpolations");
            evpat::json::read(&text, MAX_DEPTH)
                .unwrap_or_else(|e| panic!("heredoc JSON: {}\n{text}", e.message))
                .to_compact()
        }
        other => panic!("event_pattern: {other:?}"),
    })
}

fn target_of(body: &Body) -> Target {
    let input = match (
        attr_text(body, "input"),
        attr_text(body, "input_path"),
        block(body, "input_transformer"),
    ) {
        (Some(input), None, None) => Some(TargetInput::Input(input)),
        (None, Some(path), None) => Some(TargetInput::InputPath(path)),
        (None, None, Some(transformer)) => {
            let paths = match &transformer.get_attribute("input_paths").unwrap().value {
                Expression::Object(object) => object
                    .iter()
                    .map(|(key, value)| {
                        let key = match key {
                            ObjectKey::Ident(ident) => ident.as_str().to_owned(),
                            ObjectKey::Expression(expr) => text(expr).unwrap(),
                        };
                        (key, text(value.expr()).unwrap())
                    })
                    .collect(),
                other => panic!("input_paths: {other:?}"),
            };
            Some(TargetInput::InputTransformer(InputTransformer {
                input_paths_map: paths,
                input_template: attr_text(transformer, "input_template").unwrap(),
            }))
        }
        (None, None, None) => None,
        other => panic!("more than one input: {other:?}"),
    };
    Target {
        id: attr_text(body, "target_id").unwrap_or_default(),
        arn: attr_text(body, "arn").unwrap(),
        role_arn: attr_text(body, "role_arn"),
        input,
        retry_policy: block(body, "retry_policy").map(|policy| RetryPolicy {
            maximum_retry_attempts: number(policy, "maximum_retry_attempts"),
            maximum_event_age_in_seconds: number(policy, "maximum_event_age_in_seconds"),
        }),
        dead_letter_config: block(body, "dead_letter_config")
            .map(|dlq| DeadLetterConfig { arn: attr_text(dlq, "arn").unwrap() }),
    }
}

/// Checks that `text`, the terraform export of `rule`, holds it.
fn check_rule_export(stem: &str, rule: &Rule, text: &str) {
    let body = parse(text);
    let found = resources(&body, "aws_cloudwatch_event_rule");
    assert_eq!(found.len(), 1, "{stem}");
    let (name, r) = &found[0];
    assert_eq!(attr_text(r, "name").as_deref(), Some(rule.name.as_str()), "{stem}");
    assert_eq!(attr_text(r, "description"), rule.description, "{stem}");
    assert_eq!(attr_text(r, "event_bus_name"), rule.event_bus_name, "{stem}");
    assert_eq!(attr_text(r, "state").as_deref(), Some(rule.state.as_str()), "{stem}");
    assert_eq!(attr_text(r, "schedule_expression"), rule.schedule_expression, "{stem}");
    assert_eq!(attr_text(r, "role_arn"), rule.role_arn, "{stem}");
    assert_eq!(
        event_pattern(r),
        rule.event_pattern.as_ref().map(|p| p.json().to_compact()),
        "{stem}"
    );
    let rule_ref = format!("aws_cloudwatch_event_rule.{name}");
    let targets: Vec<Target> = resources(&body, "aws_cloudwatch_event_target")
        .into_iter()
        .map(|(_, t)| {
            assert_eq!(reference(t, "rule"), Some(format!("{rule_ref}.name")), "{stem}");
            let bus = rule.event_bus_name.as_ref().map(|_| format!("{rule_ref}.event_bus_name"));
            assert_eq!(reference(t, "event_bus_name"), bus, "{stem}");
            target_of(t)
        })
        .collect();
    assert_eq!(targets, rule.targets, "{stem}");
    let permissions = resources(&body, "aws_lambda_permission");
    let lambdas: Vec<&Target> =
        rule.targets.iter().filter(|t| t.arn.contains(":lambda:")).collect();
    assert_eq!(permissions.len(), lambdas.len(), "{stem}");
    for ((_, p), target) in permissions.iter().zip(lambdas) {
        assert_eq!(attr_text(p, "function_name").as_deref(), Some(target.arn.as_str()));
        assert_eq!(attr_text(p, "principal").as_deref(), Some("events.amazonaws.com"));
        assert_eq!(attr_text(p, "action").as_deref(), Some("lambda:InvokeFunction"));
        assert_eq!(reference(p, "source_arn"), Some(format!("{rule_ref}.arn")));
    }
}

#[test]
fn terraform_goldens_hold_their_rules() {
    let mut checked = 0;
    for (stem, rule) in rules() {
        let Ok(text) = std::fs::read_to_string(golden_file(&stem, Format::Terraform)) else {
            continue;
        };
        check_rule_export(&stem, &rule, &text);
        checked += 1;
    }
    assert!(checked >= 6, "{checked} terraform goldens");
}

#[test]
fn scheduler_terraform_goldens_hold_their_schedules() {
    let mut checked = 0;
    for (stem, rule) in rules() {
        let Ok(text) = std::fs::read_to_string(golden_file(&stem, Format::SchedulerTerraform))
        else {
            continue;
        };
        let body = parse(&text);
        let found = resources(&body, "aws_scheduler_schedule");
        assert_eq!(found.len(), 1, "{stem}");
        let s = found[0].1;
        assert_eq!(attr_text(s, "name").as_deref(), Some(rule.name.as_str()), "{stem}");
        assert_eq!(attr_text(s, "description"), rule.description, "{stem}");
        let state = if rule.state == RuleState::Disabled { "DISABLED" } else { "ENABLED" };
        assert_eq!(attr_text(s, "state").as_deref(), Some(state), "{stem}");
        assert_eq!(attr_text(s, "schedule_expression"), rule.schedule_expression, "{stem}");
        assert_eq!(
            attr_text(s, "schedule_expression_timezone"),
            rule.schedule_expression_timezone,
            "{stem}"
        );
        let window = block(s, "flexible_time_window").unwrap();
        assert_eq!(attr_text(window, "mode").as_deref(), Some("OFF"));
        let target = target_of(block(s, "target").unwrap());
        let first = rule.targets.first().unwrap();
        let role = first
            .role_arn
            .clone()
            .or(rule.role_arn.clone())
            .unwrap_or_else(|| "REPLACE-WITH-THE-SCHEDULER-ROLE-ARN".to_owned());
        let input = match &first.input {
            Some(TargetInput::Input(input)) => Some(TargetInput::Input(input.clone())),
            _ => None,
        };
        assert_eq!(
            target,
            Target { id: String::new(), role_arn: Some(role), input, ..first.clone() },
            "{stem}"
        );
        checked += 1;
    }
    assert!(checked >= 3, "{checked} scheduler-terraform goldens");
}

// ------------------------------------------------------------ troublemakers

/// A rule whose strings and keys are hard on HCL.
fn troublemaker(pattern: &str) -> Rule {
    let mut rule = Rule::with_pattern("hcl-escapes", Pattern::parse(pattern).unwrap());
    rule.description = Some("${var.x} %{if true}y%{endif} $${z} $$ % \"q\" \\ \n\t é 🎉".into());
    rule.event_bus_name = Some("arn:aws:events:us-east-1:123456789012:event-bus/b.1".into());
    rule.targets = vec![Target {
        id: "t.1".into(),
        arn: "arn:aws:states:us-east-1:123456789012:stateMachine:m".into(),
        role_arn: Some("arn:aws:iam::123456789012:role/r".into()),
        input: Some(TargetInput::InputTransformer(InputTransformer {
            input_paths_map: vec![
                ("a-b".into(), "$.detail.a".into()),
                ("for".into(), "$.id".into()),
            ],
            input_template: "{\"x\": <a-b>, \"y\": \"${not} %{this}\"}".into(),
        })),
        retry_policy: Some(RetryPolicy {
            maximum_retry_attempts: Some(0),
            maximum_event_age_in_seconds: None,
        }),
        dead_letter_config: None,
    }];
    rule
}

#[test]
fn strings_and_keys_come_back_in_the_jsonencode_form() {
    let rule = troublemaker(
        r#"{"source": ["${x}", "%{y}", "$${z}", "a\"b\\c\u0001", "é"], "null": [null], "for": [true],
            "$or": [{"detail": {"n": [{"numeric": [">", 0]}]}}, {"detail": {"m": [-1.5]}}]}"#,
    );
    // `>` sends this one to a heredoc; without it, jsonencode.
    let rule_jsonencode = troublemaker(
        r#"{"source": ["${x}", "%{y}", "$${z}", "a\"b\\c\u0001", "é"], "null": [null], "for": [true],
            "$or": [{"detail": {"n": [{"numeric": ["=", 0]}]}}, {"detail": {"m": [-1.5]}}]}"#,
    );
    for (rule, jsonencode) in [(rule, false), (rule_jsonencode, true)] {
        let out = export(&rule, Format::Terraform).unwrap();
        assert_eq!(out.text.contains("event_pattern = jsonencode("), jsonencode, "{}", out.text);
        check_rule_export("troublemaker", &rule, &out.text);
    }
}
