//! `terraform`: `aws_cloudwatch_event_rule`, one `aws_cloudwatch_event_target`
//! per target and an `aws_lambda_permission` for each Lambda target (notes
//! §6.4); and `scheduler-terraform`: `aws_scheduler_schedule` (§3.2).
//!
//! `event_pattern = jsonencode({...})` is the idiomatic form, and is written
//! when it gives the pattern back: `jsonencode` writes `<`, `>` and `&` as
//! `\u003c`, `\u003e` and `\u0026` (Go's HTML-safe JSON; users report
//! perpetual diffs and broken rules, terraform-provider-aws #23496) and
//! prints numbers in plain decimal (`1.50` as `1.5`, `1e6` as `1000000`).
//! A pattern with such a character or number is written as its JSON in a
//! heredoc instead, every character and lexeme as it is.
//!
//! Either way, the AWS provider decodes the pattern into Go values and
//! encodes it again before PutRule (`ruleEventPatternJSONDecoder` in
//! `internal/service/events/rule.go`), numbers as `float64`: AWS gets the
//! same values, but a number a double cannot hold (`9007199254740993`)
//! reaches AWS as another, which is a warning.

use evpat::json::{Node, Value};

use super::hcl::{self, Body};
use super::js::{self, double_keeps_value, js_number_text, plain_decimal};
use super::scheduler::{
    delivery_warnings, no_target_id, role_or_placeholder, schedule_state, target_arn,
};
use super::{
    Export, ExportError, Policies, lambda_function_name, resource_policy_warnings, snake_case,
    unused_name, unwritten_targets,
};
use crate::rule::{Rule, Target, TargetInput};

pub(super) fn export(rule: &Rule) -> Result<Export, ExportError> {
    let mut warnings = Vec::new();
    let mut names = Vec::new();
    let rule_name = unused_name(&snake_case(&rule.name), "_", &mut names);
    let rule_ref = format!("aws_cloudwatch_event_rule.{rule_name}");

    let mut body = Body::new(1);
    body.attribute("name", &hcl::string(&rule.name));
    if let Some(description) = &rule.description {
        body.attribute("description", &hcl::string(description));
    }
    if let Some(bus) = &rule.event_bus_name {
        body.attribute("event_bus_name", &hcl::string(bus));
    }
    body.attribute("state", &hcl::string(rule.state.as_str()));
    if let Some(role) = &rule.role_arn {
        body.attribute("role_arn", &hcl::string(role));
    }
    if let Some(schedule) = &rule.schedule_expression {
        body.attribute("schedule_expression", &hcl::string(schedule));
    }
    if let Some(pattern) = &rule.event_pattern {
        let pattern = pattern.json();
        provider_number_warnings(&pattern, &mut warnings);
        body.blank();
        let reasons = jsonencode_changes(&pattern);
        if reasons.is_empty() {
            let mut value = String::from("  event_pattern = jsonencode(");
            let start = value.len();
            hcl::value(&pattern, 1, &mut value);
            body.attribute("event_pattern", &format!("jsonencode({})", &value[start..]));
        } else {
            body.comment(&format!(
                "The pattern is its JSON, as written, in a heredoc: jsonencode({{...}}) would \
                 write {}.",
                reasons.join(", ")
            ));
            let json = hcl::json(&pattern, 1);
            body.attribute("event_pattern", &hcl::heredoc(&format!("{json}\n"), 1));
        }
    }
    let mut text = format!(
        "# The EventBridge rule {}, for Terraform's AWS provider.\n\n",
        hcl::string(&rule.name)
    );
    text.push_str(&resource("aws_cloudwatch_event_rule", &rule_name, &body));

    for (index, target) in rule.targets.iter().enumerate() {
        let name = unused_name(&format!("{rule_name}_{}", snake_case(&target.id)), "_", &mut names);
        let mut body = Body::new(1);
        body.attribute("rule", &format!("{rule_ref}.name"));
        if rule.event_bus_name.is_some() {
            body.attribute("event_bus_name", &format!("{rule_ref}.event_bus_name"));
        }
        body.attribute("target_id", &hcl::string(&target.id));
        body.attribute("arn", &hcl::string(&target.arn));
        if let Some(role) = &target.role_arn {
            body.attribute("role_arn", &hcl::string(role));
        }
        match &target.input {
            None => {}
            Some(TargetInput::Input(input)) => body.attribute("input", &hcl::string(input)),
            Some(TargetInput::InputPath(path)) => body.attribute("input_path", &hcl::string(path)),
            Some(TargetInput::InputTransformer(transformer)) => {
                let mut block = body.child();
                let mut paths = block.child();
                for (variable, path) in &transformer.input_paths_map {
                    paths.attribute(&hcl::key(variable), &hcl::string(path));
                }
                block.attribute("input_paths", &format!("{{\n{}    }}", paths.render()));
                block.attribute("input_template", &hcl::string(&transformer.input_template));
                body.blank();
                body.block("input_transformer", block);
            }
        }
        retry_and_dead_letter(target, &mut body);
        text.push('\n');
        text.push_str(&resource("aws_cloudwatch_event_target", &name, &body));

        if lambda_function_name(&target.arn).is_some() {
            let name = unused_name(&format!("{name}_permission"), "_", &mut names);
            let mut body = Body::new(1);
            body.attribute(
                "statement_id",
                &hcl::string(&super::cli::statement_id(rule, target, index)),
            );
            body.attribute("action", &hcl::string("lambda:InvokeFunction"));
            body.attribute("function_name", &hcl::string(&target.arn));
            body.attribute("principal", &hcl::string("events.amazonaws.com"));
            body.attribute("source_arn", &format!("{rule_ref}.arn"));
            text.push_str(&format!(
                "\n# Lets EventBridge invoke the function of target {}.\n",
                hcl::string(&target.id)
            ));
            text.push_str(&resource("aws_lambda_permission", &name, &body));
        }
    }
    for target in &rule.targets {
        warnings.extend(resource_policy_warnings(target, &Policies::TERRAFORM));
    }
    Ok(Export { text, warnings })
}

/// `scheduler-terraform`: the schedule as `aws_scheduler_schedule`.
pub(super) fn export_scheduler(rule: &Rule) -> Result<Export, ExportError> {
    let mut warnings = Vec::new();
    let mut body = Body::new(1);
    body.attribute("name", &hcl::string(&rule.name));
    if let Some(description) = &rule.description {
        body.attribute("description", &hcl::string(description));
    }
    body.attribute("state", &hcl::string(schedule_state(rule, &mut warnings)));
    if let Some(schedule) = &rule.schedule_expression {
        body.attribute("schedule_expression", &hcl::string(schedule));
    }
    if let Some(zone) = &rule.schedule_expression_timezone {
        body.attribute("schedule_expression_timezone", &hcl::string(zone));
    }
    let mut window = body.child();
    window.attribute("mode", &hcl::string("OFF"));
    body.blank();
    body.comment("OFF: the schedule runs at its times, as the rule would have.");
    body.block("flexible_time_window", window);

    let target = rule.targets.first();
    let mut block = body.child();
    block.attribute("arn", &hcl::string(target_arn(target, "target.arn", &mut warnings)));
    let role = role_or_placeholder(rule, target, "target.role_arn", &mut warnings);
    block.attribute("role_arn", &hcl::string(role));
    if let Some(target) = target {
        warnings.push(no_target_id(target));
        if let Some(TargetInput::Input(input)) = &target.input {
            block.attribute("input", &hcl::string(input));
        }
        delivery_warnings(target, "input", &mut warnings);
        retry_and_dead_letter(target, &mut block);
    }
    // Target ids are unique, so this is every target but the first.
    unwritten_targets(
        rule,
        target,
        "a schedule has exactly one target; make a schedule for each target",
        &mut warnings,
    );
    body.blank();
    body.block("target", block);
    let mut text = format!(
        "# The EventBridge Scheduler schedule {}, for Terraform's AWS provider.\n\n",
        hcl::string(&rule.name)
    );
    text.push_str(&resource("aws_scheduler_schedule", &snake_case(&rule.name), &body));
    Ok(Export { text, warnings })
}

/// `retry_policy { … }` and `dead_letter_config { … }`, which both
/// resources write alike.
fn retry_and_dead_letter(target: &Target, body: &mut Body) {
    if let Some(retry) = &target.retry_policy {
        let mut block = body.child();
        if let Some(age) = retry.maximum_event_age_in_seconds {
            block.attribute("maximum_event_age_in_seconds", &age.to_string());
        }
        if let Some(attempts) = retry.maximum_retry_attempts {
            block.attribute("maximum_retry_attempts", &attempts.to_string());
        }
        body.blank();
        body.block("retry_policy", block);
    }
    if let Some(dead_letter) = &target.dead_letter_config {
        let mut block = body.child();
        block.attribute("arn", &hcl::string(&dead_letter.arn));
        body.blank();
        body.block("dead_letter_config", block);
    }
}

fn resource(kind: &str, name: &str, body: &Body) -> String {
    format!("resource \"{kind}\" \"{name}\" {{\n{}}}\n", body.render())
}

/// What `jsonencode` would write differently from the pattern, worded for
/// a comment; empty when nothing.
fn jsonencode_changes(pattern: &Node) -> Vec<String> {
    let mut texts: Vec<&str> = js::keys(pattern);
    let mut stack = vec![pattern];
    while let Some(node) = stack.pop() {
        match &node.value {
            Value::String(s) => texts.push(s),
            Value::Array(items) => stack.extend(items),
            Value::Object(members) => stack.extend(members.iter().map(|m| &m.value)),
            _ => {}
        }
    }
    let mut changes: Vec<String> = Vec::new();
    // Go's encoding/json, which jsonencode uses for strings, escapes these:
    // the first three to be safe in HTML, the others for JavaScript.
    for c in ['<', '>', '&'] {
        if texts.iter().any(|text| text.contains(c)) {
            changes.push(format!("\"{c}\" as \"\\u{:04x}\"", u32::from(c)));
        }
    }
    if let Some(last) = changes.last_mut() {
        last.push_str(" (terraform-provider-aws #23496)");
    }
    for c in ['\u{2028}', '\u{2029}'] {
        if texts.iter().any(|text| text.contains(c)) {
            changes.push(format!("U+{:04X} as \"\\u{:04x}\"", u32::from(c), u32::from(c)));
        }
    }
    let mut numbers = 0;
    for lexeme in js::numbers(pattern) {
        let plain = plain_decimal(lexeme);
        if plain.as_deref() != Some(lexeme) {
            let change = match plain {
                Some(plain) => format!("{lexeme} as {plain}"),
                None => format!("{lexeme} in another form"),
            };
            if numbers < 3 && !changes.contains(&change) {
                changes.push(change);
                numbers += 1;
            }
        }
    }
    changes
}

/// Warns about numbers the provider's `float64` round trip changes.
fn provider_number_warnings(pattern: &Node, warnings: &mut Vec<String>) {
    for lexeme in js::numbers(pattern) {
        if double_keeps_value(lexeme) {
            continue;
        }
        let becomes = js_number_text(lexeme).unwrap_or_else(|| "an error".to_owned());
        let warning = format!(
            "the AWS provider decodes event_pattern into Go float64 numbers before PutRule, so \
             {lexeme} reaches AWS as {becomes}, another number; create the rule with the api-json \
             or cli export instead"
        );
        if !warnings.contains(&warning) {
            warnings.push(warning);
        }
    }
}

#[cfg(test)]
mod tests {
    use evpat::Pattern;

    use super::*;

    fn changes(pattern: &str) -> Vec<String> {
        jsonencode_changes(&evpat::json::read(pattern, 10).unwrap())
    }

    #[test]
    fn what_jsonencode_would_change() {
        assert!(changes(r#"{"a": ["b", 1, 1.5, -2, 0.25], "c": {"d": [null, true]}}"#).is_empty());
        assert_eq!(
            changes(r#"{"a": [">", 1.50, 1e6], "b<": ["x"]}"#),
            [
                "\"<\" as \"\\u003c\"",
                "\">\" as \"\\u003e\" (terraform-provider-aws #23496)",
                "1.50 as 1.5",
                "1e6 as 1000000"
            ]
        );
    }

    #[test]
    fn numbers_the_provider_changes_are_warnings() {
        let rule = Rule::with_pattern(
            "r",
            Pattern::parse(r#"{"detail": {"n": [9007199254740993, 1.50]}}"#).unwrap(),
        );
        let out = export(&rule).unwrap();
        assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
        assert!(out.warnings[0].contains("9007199254740993 reaches AWS as 9007199254740992"));
    }
}
