//! Guessing what kind of input a text is: see [`super::Source::guess`] for
//! the order. Guessing looks at the shape, not at whether an importer
//! succeeds, so that broken input of a recognisable kind gets the errors of
//! its kind rather than another kind's.

use evpat::json::{Node, Value};

use super::Source;
use super::common::{MAX_DEPTH, json_documents};

pub(super) fn guess(text: &str) -> Option<Source> {
    let trimmed = text.trim_start();
    match trimmed.as_bytes().first()? {
        b'"' | b'\'' => return Some(Source::EscapedPattern),
        b'{' | b'[' => return Some(json(text)),
        _ => {}
    }
    let lines: Vec<&str> = text.lines().map(str::trim_start).collect();
    if lines.iter().any(|line| is_terraform(line)) {
        return Some(Source::Terraform);
    }
    if lines.iter().any(|line| is_jets(line)) {
        return Some(Source::Jets);
    }
    yaml(text)
}

/// JSON, by its top-level keys.
fn json(text: &str) -> Source {
    let root = match evpat::json::read(text, MAX_DEPTH) {
        Ok(root) => root,
        Err(_) if json_documents(text).len() > 1 => return Source::DescribeRule,
        Err(_) => return broken_json(text),
    };
    let Some(members) = root.members() else { return Source::EscapedPattern };
    let has = |key: &str| members.iter().any(|m| m.key == key);
    let is_resource = |node: &Node| {
        node.get("Type").and_then(Node::as_str).is_some_and(|t| t.starts_with("AWS::"))
    };
    if has("Resources") || has("AWSTemplateFormatVersion") || has("Transform") || is_resource(&root)
    {
        template(text)
    } else if has("PutRule") {
        Source::PutRule
    } else if has("Arn") || has("CreatedBy") || has("ManagedBy") || has("Rules") {
        Source::DescribeRule
    } else if has("Name") || has("EventPattern") || has("ScheduleExpression") {
        Source::PutRule
    } else if has("Targets") {
        Source::DescribeRule
    } else if has("functions") {
        Source::Serverless
    } else if !members.is_empty()
        && members
            .iter()
            .all(|m| matches!(m.value.value, Value::Object(_)) && is_resource(&m.value))
    {
        template(text)
    } else {
        Source::EscapedPattern
    }
}

/// JSON that does not read, by the keys it mentions, so that its error
/// comes from the importer it was meant for.
fn broken_json(text: &str) -> Source {
    if text.contains("\"Resources\"") || text.contains("\"AWS::") {
        template(text)
    } else if text.contains("\"PutRule\"") {
        Source::PutRule
    } else if text.contains("\"Arn\"") || text.contains("\"CreatedBy\"") {
        Source::DescribeRule
    } else if text.contains("\"Name\"")
        || text.contains("\"EventPattern\"")
        || text.contains("\"ScheduleExpression\"")
    {
        Source::PutRule
    } else {
        Source::EscapedPattern
    }
}

/// Which of the three template kinds: SAM when there are SAM functions,
/// Scheduler when schedules are the only rule-making resources,
/// CloudFormation otherwise. All three read every kind of resource.
pub(super) fn template(text: &str) -> Source {
    if text.contains("AWS::Serverless::Function") || text.contains("AWS::Serverless-2016-10-31") {
        Source::Sam
    } else if text.contains("AWS::Scheduler::Schedule") && !text.contains("AWS::Events::Rule") {
        Source::Scheduler
    } else {
        Source::CloudFormation
    }
}

fn is_terraform(line: &str) -> bool {
    ["resource \"", "resource aws_", "data \"", "variable \"", "module \"", "provider \""]
        .iter()
        .any(|start| line.starts_with(start))
        || ["locals {", "terraform {"].iter().any(|start| line.starts_with(start))
}

fn is_jets(line: &str) -> bool {
    if line.starts_with("class ")
        && (line.contains("< ApplicationJob") || line.contains("Jets::Job::Base"))
    {
        return true;
    }
    ["rule_event", "events_rule", "event_pattern", "rate", "cron"].iter().any(|name| {
        line.strip_prefix(name).is_some_and(|rest| {
            let rest_trimmed = rest.trim_start();
            let spaced = rest.len() > rest_trimmed.len();
            rest.starts_with('(')
                || (spaced
                    && (rest_trimmed.starts_with('"')
                        || rest_trimmed.starts_with('\'')
                        || ((name.contains('_'))
                            && !rest_trimmed.starts_with('=')
                            && !rest_trimmed.is_empty())))
        })
    })
}

/// YAML, by its top-level keys (lines that start with a key at column 1).
fn yaml(text: &str) -> Option<Source> {
    let keys: Vec<&str> = text
        .lines()
        .filter(|line| !line.starts_with([' ', '\t', '#', '-', '%']) && !line.is_empty())
        .filter_map(|line| {
            line.split_once(':').map(|(key, _)| key.trim().trim_matches(['"', '\'']))
        })
        .collect();
    let has = |key: &str| keys.contains(&key);
    if has("Resources") || has("AWSTemplateFormatVersion") || has("Transform") {
        Some(template(text))
    } else if has("functions") || has("service") || has("provider") {
        Some(Source::Serverless)
    } else if has("Type") && text.contains("AWS::") {
        Some(template(text))
    } else if has("EventPattern") || has("ScheduleExpression") || has("Targets") {
        Some(Source::CloudFormation)
    } else if text.contains("Type: AWS::")
        || text.contains("Type: 'AWS::")
        || text.contains("Type: \"AWS::")
    {
        Some(template(text))
    } else {
        None
    }
}
