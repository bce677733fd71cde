//! `cli`: a bash script of AWS CLI commands that creates the rule.
//!
//! `aws events put-rule` takes the rule (the pattern as compact JSON, every
//! number as written), `aws events put-targets` the targets as the JSON
//! array PutTargets takes, and each Lambda target gets `aws lambda
//! add-permission`, for which the rule's ARN is captured from put-rule's
//! answer. The script runs as it is, with `set -euo pipefail`, so that a
//! failed command stops it.
//!
//! Every argument that is not a plain word is single-quoted, which in bash
//! keeps everything literally except the single quote itself, written
//! `'\''` (close, escaped quote, reopen). A value that starts with `-` is
//! joined to its option (`--name=-x`), or the CLI would read it as an
//! option.

use super::{Export, ExportError, Policies, lambda_function_name, resource_policy_warnings};
use crate::rule::read::target_json;
use crate::rule::{Rule, Target};

pub(super) fn export(rule: &Rule) -> Result<Export, ExportError> {
    let mut warnings = Vec::new();
    let lambda_targets: Vec<(usize, &Target)> = rule
        .targets
        .iter()
        .enumerate()
        .filter(|(_, target)| lambda_function_name(&target.arn).is_some())
        .collect();

    let mut put_rule = vec![option("--name", &rule.name)];
    if let Some(description) = &rule.description {
        // The CLI reads a parameter whose value starts with file:// or
        // fileb:// from that file ("Loading parameters from a file").
        if description.starts_with("file://") || description.starts_with("fileb://") {
            warnings.push(
                "the AWS CLI reads a parameter value that starts with file:// or fileb:// from \
                 that file, so put-rule would fail or read the wrong description; create the \
                 rule with `aws events put-rule --cli-input-json` (the api-json export) instead"
                    .to_owned(),
            );
        }
        put_rule.push(option("--description", description));
    }
    if let Some(bus) = &rule.event_bus_name {
        put_rule.push(option("--event-bus-name", bus));
    }
    put_rule.push(option("--state", rule.state.as_str()));
    if let Some(pattern) = &rule.event_pattern {
        put_rule.push(option("--event-pattern", &pattern.json().to_compact()));
    }
    if let Some(schedule) = &rule.schedule_expression {
        put_rule.push(option("--schedule-expression", schedule));
    }
    if let Some(role) = &rule.role_arn {
        put_rule.push(option("--role-arn", role));
    }

    let mut text = String::from("#!/usr/bin/env bash\n");
    text.push_str(&format!(
        "# The EventBridge rule {}, created with the AWS CLI.\n",
        comment_text(&rule.name)
    ));
    text.push_str(
        "# Needs AWS credentials and a region (AWS_REGION or the CLI's configuration).\n",
    );
    text.push_str("set -euo pipefail\n\n");
    if lambda_targets.is_empty() {
        command(&mut text, "aws events put-rule", &put_rule, "");
    } else {
        text.push_str("# The rule's ARN, for the Lambda permission below.\n");
        put_rule.push("--query RuleArn --output text".to_owned());
        command(&mut text, "RULE_ARN=$(aws events put-rule", &put_rule, ")");
    }

    if !rule.targets.is_empty() {
        let mut put_targets = vec![option("--rule", &rule.name)];
        if let Some(bus) = &rule.event_bus_name {
            put_targets.push(option("--event-bus-name", bus));
        }
        let targets: Vec<serde_json::Value> = rule.targets.iter().map(target_json).collect();
        let targets = serde_json::to_string(&targets).unwrap_or_default();
        put_targets.push(option("--targets", &targets));
        text.push('\n');
        command(&mut text, "aws events put-targets", &put_targets, "");
    }

    for (index, target) in lambda_targets {
        text.push_str(&format!(
            "\n# Lets EventBridge invoke {} for this rule.\n",
            comment_text(&target.id)
        ));
        let add_permission = vec![
            option("--function-name", &target.arn),
            option("--statement-id", &statement_id(rule, target, index)),
            option("--action", "lambda:InvokeFunction"),
            option("--principal", "events.amazonaws.com"),
            "--source-arn \"$RULE_ARN\"".to_owned(),
        ];
        command(&mut text, "aws lambda add-permission", &add_permission, "");
    }
    for target in &rule.targets {
        warnings.extend(resource_policy_warnings(target, &Policies::API));
    }
    Ok(Export { text, warnings })
}

/// The statement id of the Lambda permission for `target`: `rule-target`,
/// or `rule-target<index>` when that would pass AddPermission's 100
/// characters.
pub(super) fn statement_id(rule: &Rule, target: &Target, index: usize) -> String {
    let id = format!("{}-{}", rule.name, target.id);
    if id.len() <= 100 { id } else { format!("{}-target{index}", rule.name) }
}

/// Appends `head` and its arguments, one a line with backslash
/// continuations, then `tail`.
fn command(text: &mut String, head: &str, arguments: &[String], tail: &str) {
    text.push_str(head);
    for argument in arguments {
        text.push_str(" \\\n  ");
        text.push_str(argument);
    }
    text.push_str(tail);
    text.push('\n');
}

/// `--name value`, or `--name=value` when the value starts with `-`, which
/// the CLI would otherwise take for an option.
fn option(name: &str, value: &str) -> String {
    if value.starts_with('-') {
        format!("{name}={}", shell_word(value))
    } else {
        format!("{name} {}", shell_word(value))
    }
}

/// `s` as one bash word: as it is when every character is safe unquoted,
/// else in single quotes, each `'` written `'\''`.
pub(super) fn shell_word(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars().all(|c| c.is_ascii_alphanumeric() || "-_./:@%+=,".contains(c))
        // zsh expands a word that starts with `=`, should the script be
        // pasted there.
        && !s.starts_with('=');
    if plain { s.to_owned() } else { format!("'{}'", s.replace('\'', r"'\''")) }
}

/// Text for a `#` comment on one line: quoted, control characters (a
/// newline would end the comment) shown escaped.
fn comment_text(s: &str) -> String {
    super::json_string(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_words() {
        assert_eq!(shell_word("ec2-stopped.x_y"), "ec2-stopped.x_y");
        assert_eq!(shell_word("arn:aws:sqs:us-east-1:1:q"), "arn:aws:sqs:us-east-1:1:q");
        assert_eq!(shell_word(""), "''");
        assert_eq!(shell_word("rate(5 minutes)"), "'rate(5 minutes)'");
        assert_eq!(shell_word("it's $HOME"), r"'it'\''s $HOME'");
        assert_eq!(shell_word("a\nb"), "'a\nb'");
        assert_eq!(shell_word("=x"), "'=x'");
    }

    #[test]
    fn options_that_look_like_options_are_joined() {
        assert_eq!(option("--name", "-x"), "--name=-x");
        assert_eq!(option("--description", "--x y"), "--description='--x y'");
        assert_eq!(option("--name", "x"), "--name x");
    }

    #[test]
    fn a_description_the_cli_would_read_from_a_file_is_a_warning() {
        let mut rule = Rule::named("r");
        rule.schedule_expression = Some("rate(1 day)".to_owned());
        rule.description = Some("file://notes.txt".to_owned());
        let out = export(&rule).unwrap();
        assert_eq!(out.warnings.len(), 1);
        assert!(out.text.contains("--description file://notes.txt"));
    }

    #[test]
    fn long_statement_ids_fall_back_to_the_index() {
        let rule = Rule::named(&"r".repeat(64));
        let target = Target {
            id: "t".repeat(64),
            arn: "arn:aws:lambda:us-east-1:123456789012:function:f".to_owned(),
            role_arn: None,
            input: None,
            retry_policy: None,
            dead_letter_config: None,
        };
        assert_eq!(statement_id(&rule, &target, 3), format!("{}-target3", "r".repeat(64)));
    }
}
