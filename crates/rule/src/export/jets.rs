//! `jets`: a Ruby Jets job class whose method is the rule's target.
//!
//! A pattern rule is written with `events_rule(..., event_pattern: {...})`,
//! a schedule with `rate "5 minutes"` or `cron "0 9 ? * MON-FRI *"`, which
//! Jets wraps in `rate()` / `cron()`. `events_rule` and `event_pattern` are
//! the names the issue asks for; Jets 1.8.7 renamed the DSL method to
//! `rule_event` and keeps `events_rule` and `event_pattern` as deprecated
//! aliases that print a warning and sleep five seconds
//! (`lib/jets/job/dsl/rule_event.rb`). `events_rule` with an
//! `event_pattern:` key is the one form every release reads the same way:
//! the deprecated `event_pattern(props)` of Jets 1.8.7+ treats a pattern
//! without a `detail` key as the rule's properties, not as the pattern.
//!
//! # How Jets turns the Ruby hash into EventBridge's keys
//!
//! Jets camelizes the rule's properties into CloudFormation's with the
//! `cfn_camelizer` gem (tongueroo/cfn_camelizer `lib/cfn_camelizer.rb` and
//! `lib/camelizer.yml`, 0.4.x; Jets 2.3.7 and later require 0.4.6 or
//! later). For the keys under `EventPattern`, with `parent_keys` the keys
//! above, already converted:
//!
//! 1. *Passthrough*: a key that contains `-`, `/` or `.`, or that sits
//!    under a parent key listed in `passthrough_parent_keys`
//!    (`AWS::CloudFormation::Init`, `Fn::Sub`, `Parameters`,
//!    `ResponseParameters`, `Variables`), is kept as it is.
//! 2. *Top level* (the last parent is `EventPattern`): `dasherize`, every
//!    `_` becomes `-`: `detail_type` → `detail-type`.
//! 3. *Deeper*: ActiveSupport's `camelize`, then the first character
//!    lower-cased: `instance_id` → `instanceId`, `eventName` stays, but
//!    `AutoScalingGroupName` → `autoScalingGroupName`. `camelize`
//!    capitalizes the leading run of `[a-z0-9]`, then replaces each `_`
//!    (or `/`, with `::`) and the run of letters and digits after it by
//!    that run capitalized (first letter up, the rest down).
//! 4. Arrays pass their parent keys on to their items, so content filters
//!    (`[{"prefix" => "a"}]`) and `$or` branches follow the same rules.
//!    Values are never changed.
//!
//! Older Jets (before 2.3.7) had its own copy, `lib/jets/camelizer.rb`,
//! whose arrays drop the parent keys: objects inside arrays were camelized
//! as CloudFormation keys (`prefix` → `Prefix`), and keys with `.` were not
//! passed through. The output needs Jets 2.3.7 or later.
//!
//! So the exporter writes the top-level keys as snake_case symbols that
//! dasherize back (`detail_type:`), or quoted (`"$or":`), and every deeper
//! key as the string it must stay (`"eventName" =>`), which rule 3 leaves
//! alone when it has no `_` and does not start with a capital. A key that
//! no Ruby key turns into (`AutoScalingGroupName`, `instance_id`) is a
//! warning: the deployed pattern would name another field.
//!
//! # Numbers
//!
//! Ruby reads `25` as an Integer, exact at any size, and `1.50`, `1e6` or
//! `5.0e6` as a Float, which it prints as `1.5`, `1000000.0` and
//! `5000000.0`: the same values. A Float whose value changes
//! (`1.00000000000000000001`, `1e400`) is a warning.

use evpat::json::{Node, Value};

use super::js::double_keeps_value;
use super::literal::{self, Syntax};
use super::{Export, ExportError, camelize, pascal_case, snake_case};
use crate::rule::{Rule, TargetInput};

/// `passthrough_parent_keys` in cfn_camelizer's `camelizer.yml`.
const PASSTHROUGH_PARENT_KEYS: [&str; 5] =
    ["AWS::CloudFormation::Init", "Fn::Sub", "Parameters", "ResponseParameters", "Variables"];

pub(super) fn export(rule: &Rule) -> Result<Export, ExportError> {
    let mut warnings = Vec::new();
    let class = format!("{}Job", pascal_case(&rule.name));
    let method = ruby_method_name(&rule.name);

    let mut props: Vec<(String, String)> = Vec::new();
    props.push(("name".into(), string(&rule.name)));
    if let Some(description) = &rule.description {
        props.push(("description".into(), string(description)));
    }
    if let Some(bus) = &rule.event_bus_name {
        props.push(("event_bus_name".into(), string(bus)));
    }
    props.push(("state".into(), string(rule.state.as_str())));
    if let Some(role) = &rule.role_arn {
        props.push(("role_arn".into(), string(role)));
    }

    for (index, target) in rule.targets.iter().enumerate() {
        let mut dropped = Vec::new();
        match &target.input {
            Some(TargetInput::Input(_)) => dropped.push("Input"),
            Some(TargetInput::InputPath(_)) => dropped.push("InputPath"),
            Some(TargetInput::InputTransformer(_)) => dropped.push("InputTransformer"),
            None => {}
        }
        if target.role_arn.is_some() {
            dropped.push("RoleArn");
        }
        if target.retry_policy.is_some() {
            dropped.push("RetryPolicy");
        }
        if target.dead_letter_config.is_some() {
            dropped.push("DeadLetterConfig");
        }
        let mut warning = format!(
            "target {}: Jets makes the job's own function (the method {method}) the rule's only \
             target, so {} is not a target",
            target.id, target.arn
        );
        if index == 0 && super::lambda_function_name(&target.arn).is_some() {
            warning = format!(
                "target {}: Jets makes the job's own function (the method {method}) the rule's \
                 target, in place of {}",
                target.id, target.arn
            );
        }
        match dropped.as_slice() {
            [] => {}
            [one] => warning.push_str(&format!(", and its {one} is not written")),
            [init @ .., last] => warning
                .push_str(&format!(", and its {} and {last} are not written", init.join(", "))),
        }
        warnings.push(warning);
    }

    let mut header = format!(
        "The EventBridge rule {} as a Ruby Jets job: Jets deploys the rule with the job's method \
         below as its target.",
        string(&rule.name)
    );
    let mut body = String::new();
    match (&rule.event_pattern, rule.schedule_expression.as_deref().and_then(schedule_dsl)) {
        (None, Some((dsl, argument))) => {
            body.push_str(&format!("  {dsl} {}", string(argument)));
            for (key, value) in &props {
                body.push_str(&format!(",\n    {key}: {value}"));
            }
            body.push('\n');
        }
        (pattern, _) => {
            header.push_str(
                "\n\nevents_rule is the name this DSL had before Jets 1.8.7, which renamed it \
                 rule_event; events_rule still works there, with a deprecation warning and a \
                 five-second pause, and rule_event takes the same arguments.",
            );
            if let Some(schedule) = &rule.schedule_expression {
                props.push(("schedule_expression".into(), string(schedule)));
            }
            body.push_str("  events_rule(\n");
            for (key, value) in &props {
                body.push_str(&format!("    {key}: {value},\n"));
            }
            if let Some(pattern) = pattern {
                header.push_str(
                    "\n\nJets turns the keys of event_pattern into EventBridge's (the \
                     cfn_camelizer gem): top-level keys are dasherized (detail_type becomes \
                     detail-type), and deeper keys are lower-camelized unless they contain \"-\", \
                     \"/\" or \".\". The keys below are written so that this gives the pattern \
                     back exactly; it needs Jets 2.3.7 or later.",
                );
                let pattern = pattern.json();
                number_warnings(&pattern, &mut warnings);
                body.push_str("    event_pattern: ");
                pattern_hash(&pattern, &mut body, &mut warnings);
                body.push_str(",\n");
            }
            body.push_str("  )\n");
        }
    }

    let mut text = comment(&header, "");
    text.push_str(&format!("class {class} < ApplicationJob\n"));
    text.push_str(&body);
    text.push_str(&format!(
        "  def {method}\n    puts \"event: #{{JSON.dump(event)}}\"\n  end\nend\n"
    ));
    Ok(Export { text, warnings })
}

/// `rate(5 minutes)` → (`rate`, `5 minutes`), as Jets' `rate` and `cron`
/// take them.
fn schedule_dsl(expression: &str) -> Option<(&'static str, &str)> {
    let inner = |prefix: &str| expression.strip_prefix(prefix)?.strip_suffix(')');
    inner("rate(").map(|e| ("rate", e)).or_else(|| inner("cron(").map(|e| ("cron", e)))
}

/// The job method's name: the rule name in snake_case, which cannot be a
/// Ruby keyword.
fn ruby_method_name(rule_name: &str) -> String {
    const KEYWORDS: &[&str] = &[
        "alias", "and", "begin", "break", "case", "class", "def", "do", "else", "elsif", "end",
        "ensure", "false", "for", "if", "in", "module", "next", "nil", "not", "or", "redo",
        "rescue", "retry", "return", "self", "super", "then", "true", "undef", "unless", "until",
        "when", "while", "yield",
    ];
    let name = snake_case(rule_name);
    if KEYWORDS.contains(&name.as_str()) { format!("{name}_rule") } else { name }
}

/// The width the Ruby is written to where it can be.
const WIDTH: usize = 90;

/// Writes the pattern as a Ruby hash, top-level keys as symbols, deeper
/// keys as strings, warning about keys Jets would not turn back.
fn pattern_hash(pattern: &Node, out: &mut String, warnings: &mut Vec<String>) {
    let Some(members) = pattern.members() else {
        out.push_str("{}");
        return;
    };
    out.push_str("{\n");
    for member in members {
        let (written, converted) = top_level_key(&member.key);
        if converted != member.key {
            warnings.push(key_warning(&member.key, &converted, "$"));
        }
        let parents = ["EventPattern".to_owned(), converted];
        check_keys(&member.value, &parents, &json_path("$", &member.key), warnings);
        out.push_str(&format!("      {written} "));
        literal::value(&Ruby, &member.value, 3, out);
        out.push_str(",\n");
    }
    out.push_str("    }");
}

/// Warns about every key under `node` that Jets would turn into another;
/// `parents` are the converted keys above it. The pattern's depth is
/// bounded by evpat's limit, which bounds the recursion.
fn check_keys(node: &Node, parents: &[String], path: &str, warnings: &mut Vec<String>) {
    match &node.value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                check_keys(item, parents, &format!("{path}[{i}]"), warnings);
            }
        }
        Value::Object(members) => {
            for member in members {
                let converted = convert(&member.key, parents);
                if converted != member.key {
                    warnings.push(key_warning(&member.key, &converted, path));
                }
                let mut inner = parents.to_vec();
                inner.push(converted);
                check_keys(&member.value, &inner, &json_path(path, &member.key), warnings);
            }
        }
        _ => {}
    }
}

/// How a top-level key is written (`detail_type:`, `"$or":`), and what
/// Jets makes of it.
fn top_level_key(key: &str) -> (String, String) {
    let parents = ["EventPattern".to_owned()];
    let snake = key.replace('-', "_");
    if is_label(&snake) && convert(&snake, &parents) == key {
        return (format!("{snake}:"), key.to_owned());
    }
    if is_label(key) {
        return (format!("{key}:"), convert(key, &parents));
    }
    (format!("{}:", string(key)), convert(key, &parents))
}

/// Whether `name` can be written as a bare `name:` hash label.
fn is_label(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Ruby's literals, hash keys as strings (`"prefix" => "a"`), with
/// trailing commas.
struct Ruby;

impl Syntax for Ruby {
    const NULL: &'static str = "nil";
    const SEPARATOR: &'static str = " => ";
    const TRAILING_COMMA: bool = true;

    fn width(&self) -> usize {
        WIDTH
    }

    fn string(&self, s: &str) -> String {
        string(s)
    }

    fn key(&self, name: &str) -> String {
        string(name)
    }
}

fn key_warning(key: &str, converted: &str, path: &str) -> String {
    format!(
        "Jets would turn the key {} (in {path}) into {}, so the deployed pattern would match \
         another field; no Ruby key becomes {} under Jets' key conversion: set EventPattern on \
         the generated template, or export the rule as cloudformation-yaml",
        string(key),
        string(converted),
        string(key)
    )
}

fn json_path(parent: &str, key: &str) -> String {
    let plain = key.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if plain { format!("{parent}.{key}") } else { format!("{parent}[{}]", string(key)) }
}

/// The key Jets makes of `key` (written as a string or symbol) under
/// `parents`, the converted keys above it: cfn_camelizer's `camelize_key`.
fn convert(key: &str, parents: &[String]) -> String {
    let passthrough = parents.iter().any(|p| PASSTHROUGH_PARENT_KEYS.contains(&p.as_str()))
        || key.contains(['-', '/', '.']);
    if passthrough {
        key.to_owned()
    } else if parents.last().is_some_and(|p| p == "EventPattern") {
        key.replace('_', "-")
    } else if parents.iter().any(|p| p == "EventPattern") {
        let camel = camelize(key);
        let mut chars = camel.chars();
        chars
            .next()
            .map(|c| c.to_lowercase().collect::<String>() + chars.as_str())
            .unwrap_or_default()
    } else {
        camelize(key)
    }
}

fn number_warnings(pattern: &Node, warnings: &mut Vec<String>) {
    for lexeme in super::js::numbers(pattern) {
        let float = lexeme.contains(['.', 'e', 'E']);
        if float && !double_keeps_value(lexeme) {
            let warning = format!(
                "Ruby reads {lexeme} as a Float, which holds another number (or infinity), so \
                 Jets would deploy a different pattern; export the rule as cloudformation-yaml"
            );
            if !warnings.contains(&warning) {
                warnings.push(warning);
            }
        }
    }
}

/// `s` as a double-quoted Ruby string: `"`, `\` and `#` before `{`, `$` or
/// `@` (interpolation) escaped, control characters by code.
fn string(s: &str) -> String {
    let mut out = String::from("\"");
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '#' if chars.peek().is_some_and(|next| matches!(next, '{' | '$' | '@')) => {
                out.push_str("\\#");
            }
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `text` as `#` comment lines, wrapped at 90 columns; blank lines kept.
fn comment(text: &str, indent: &str) -> String {
    let mut out = String::new();
    for (i, paragraph) in text.split("\n\n").enumerate() {
        if i > 0 {
            out.push_str(indent);
            out.push_str("#\n");
        }
        out.push_str(&super::js::wrap(paragraph, &format!("{indent}# "), 90));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deep(key: &str) -> String {
        convert(key, &["EventPattern".to_owned(), "detail".to_owned()])
    }

    #[test]
    fn camelize_as_active_support_does() {
        assert_eq!(camelize("event_pattern"), "EventPattern");
        assert_eq!(camelize("eventSource"), "EventSource");
        assert_eq!(camelize("instance_id"), "InstanceId");
        assert_eq!(camelize("HVM64"), "HVM64");
        assert_eq!(camelize("my_URL"), "MyUrl");
        assert_eq!(camelize("a__b"), "AB");
        assert_eq!(camelize("x_"), "X");
        assert_eq!(camelize("1abc_def"), "1abcDef");
        assert_eq!(camelize("a/b_c"), "A::BC");
    }

    #[test]
    fn keys_under_event_pattern() {
        let top = |key: &str| convert(key, &["EventPattern".to_owned()]);
        assert_eq!(top("detail_type"), "detail-type");
        assert_eq!(top("$or"), "$or");
        assert_eq!(deep("eventName"), "eventName");
        assert_eq!(deep("instance_id"), "instanceId");
        assert_eq!(deep("AutoScalingGroupName"), "autoScalingGroupName");
        assert_eq!(deep("ÉtatFinal"), "étatFinal");
        assert_eq!(deep("anything-but"), "anything-but");
        assert_eq!(deep("a.b_C"), "a.b_C");
        assert_eq!(deep("$or"), "$or");
        assert_eq!(
            convert("Any_Key", &["EventPattern".to_owned(), "Variables".to_owned()]),
            "Any_Key"
        );
    }

    #[test]
    fn top_level_keys_are_snake_case_symbols_where_they_come_back() {
        assert_eq!(top_level_key("detail-type"), ("detail_type:".to_owned(), "detail-type".into()));
        assert_eq!(top_level_key("source"), ("source:".to_owned(), "source".into()));
        assert_eq!(top_level_key("$or"), ("\"$or\":".to_owned(), "$or".into()));
        assert_eq!(top_level_key("a-b_c"), ("\"a-b_c\":".to_owned(), "a-b_c".into()));
        assert_eq!(top_level_key("my_field"), ("my_field:".to_owned(), "my-field".into()));
    }

    #[test]
    fn ruby_strings() {
        assert_eq!(string(r#"a "b" \ #{x} #$y #@z # {"#), r#""a \"b\" \\ \#{x} \#$y \#@z # {""#);
        assert_eq!(string("tab\tnl\n\u{1b}\u{7f} é"), "\"tab\\tnl\\n\\u{1b}\\u{7f} é\"");
    }

    #[test]
    fn schedules_and_names() {
        assert_eq!(schedule_dsl("rate(5 minutes)"), Some(("rate", "5 minutes")));
        assert_eq!(schedule_dsl("cron(0 9 ? * MON-FRI *)"), Some(("cron", "0 9 ? * MON-FRI *")));
        assert_eq!(schedule_dsl("at(2026-01-01T00:00:00)"), None);
        assert_eq!(ruby_method_name("end"), "end_rule");
        assert_eq!(ruby_method_name("every-5-minutes"), "every_5_minutes");
    }

    #[test]
    fn keys_jets_would_change_are_warnings() {
        let pattern = evpat::Pattern::parse(
            r#"{"source": ["aws.autoscaling"], "detail": {"AutoScalingGroupName": ["g"], "instance_id": ["i"], "state": [{"anything-but": "x"}]}}"#,
        )
        .unwrap();
        let rule = Rule::with_pattern("asg", pattern);
        let out = export(&rule).unwrap();
        assert_eq!(out.warnings.len(), 2, "{:?}", out.warnings);
        assert!(out.warnings[0].starts_with(
            "Jets would turn the key \"AutoScalingGroupName\" (in $.detail) into \"autoScalingGroupName\""
        ));
        assert!(out.warnings[1].contains("\"instance_id\" (in $.detail) into \"instanceId\""));
    }
}
