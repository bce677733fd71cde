//! `jets`: a Ruby Jets job class, the subset the `jets` exporter writes and
//! people write by hand: `rule_event`, its deprecated aliases
//! `events_rule` and `event_pattern`, and `rate "10 hours"` / `cron "…"`,
//! each making a rule for the `def` that follows (several may stack on one
//! method). The literals are read by the `ruby` module.
//!
//! What Jets does with them (`lib/jets/job/dsl/rule_event.rb`, and the key
//! conversion of `tongueroo/cfn_camelizer`, which Jets' camelizer follows):
//! - `rule_event(hash)`: a hash with a symbol `detail` key *is* the pattern,
//!   less its `description`, which goes to the rule; any other hash holds
//!   the rule's properties (`event_pattern:`, `description:`, `state:`, …).
//!   A hash with neither `detail` nor `event_pattern` is read as the
//!   pattern here, with a warning, since Jets would hand its keys to
//!   CloudFormation as rule properties.
//! - `event_pattern(pattern, props = {})` (Jets 1): the first hash is the
//!   pattern.
//! - `rate "10 hours"` is `rate(10 hours)`, `cron "0 */12 * * ? *"` is
//!   `cron(0 */12 * * ? *)`; keyword arguments are the rule's properties.
//! - Property keys are camelized (`schedule_expression` is
//!   `ScheduleExpression`). In the pattern, top-level keys are dasherized
//!   (`detail_type` is `detail-type`) and deeper keys lower-camelized
//!   (`instance_id` is `instanceId`, `Key` is `key`); keys holding `-`, `/`
//!   or `.` pass unchanged. A deeper key Jets changes is a warning.
//! - A rule without a description gets Jets' `"<Class> event rule <n>"`,
//!   and a rule without `targets:` delivers to the method's Lambda
//!   function: `${<Class><Method>LambdaFunction.Arn}`, id
//!   `<Class><Method>RuleTarget`.

use evpat::json::{Member, Node, Number, Value};

use super::common::{
    Ctx, Draft, Literal, finish, pattern_from_node, pattern_from_string, state, target,
};
use super::ruby::{Key, Reader, Ruby, RubyNode};
use super::{ImportError, Imported, Source};
use crate::export::{camelize, lower_first, pascal_case};

/// The DSL's calls that make rules.
const CALLS: [&str; 5] = ["rule_event", "events_rule", "event_pattern", "rate", "cron"];

pub(super) fn import(text: &str) -> Result<Imported, ImportError> {
    let mut ctx = Ctx::new(text);
    let mut class = String::new();
    let mut counter = 0;
    let mut pending: Vec<Draft> = Vec::new();
    let mut drafts: Vec<Draft> = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let line_end = text[pos..].find('\n').map_or(text.len(), |n| pos + n);
        let line = &text[pos..line_end];
        let indent = line.len() - line.trim_start().len();
        let trimmed = line.trim_start();
        let at = pos + indent;
        if line.starts_with("=begin") {
            // A block comment, to its `=end` line.
            pos = text[line_end..].find("\n=end").map_or(text.len(), |n| line_end + n + 5);
            pos = text[pos..].find('\n').map_or(text.len(), |n| pos + n + 1);
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix("class ") {
            class = rest
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .next()
                .unwrap_or("")
                .rsplit("::")
                .next()
                .unwrap_or("")
                .to_owned();
            counter = 0;
        } else if let Some(rest) = trimmed.strip_prefix("def ") {
            let rest = rest.trim_start();
            let rest = rest.strip_prefix("self.").unwrap_or(rest);
            let method: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '?' | '!'))
                .collect();
            for mut draft in pending.drain(..) {
                attach(&mut ctx, &mut draft, &class, &method);
                drafts.push(draft);
            }
        } else if let Some(name) = call_name(trimmed) {
            let mut reader = Reader::new(text, at + name.len());
            let arguments = reader.arguments()?;
            let end = arguments.end;
            pending.push(rule(&mut ctx, name, at, arguments, &class, &mut counter)?);
            pos = arguments_end(text, end);
            continue;
        }
        pos = line_end + 1;
    }
    for mut draft in pending {
        ctx.warn(draft.at, "no method follows this rule; it has no function to deliver to");
        attach(&mut ctx, &mut draft, &class, "");
        drafts.push(draft);
    }
    if drafts.is_empty() {
        return Err(ctx
            .error(
                text.len() - text.trim_start().len(),
                "found no rule_event, events_rule, event_pattern, rate or cron call",
            )
            .with_hint(
                "paste the job class with its rule_event (or rate/cron) line and the def below it",
            ));
    }
    finish(ctx, Source::Jets, drafts)
}

/// The line's DSL call, when it starts with one: the name followed by `(`
/// or by a space and an argument (not `=`, as in `rate = 5`).
fn call_name(line: &str) -> Option<&'static str> {
    CALLS.into_iter().find(|name| {
        line.strip_prefix(name).is_some_and(|rest| {
            let argument = rest.trim_start();
            // An operator after the name makes it a variable: `rate * 2`.
            rest.starts_with('(')
                || (rest.starts_with([' ', '\t'])
                    && !argument.is_empty()
                    && !argument.starts_with(['=', '.', '#', '+', '*', '/', '<', '>', '|', '&']))
        })
    })
}

/// Where scanning goes on after a call: the next line, or the rest of the
/// line after a `;`.
fn arguments_end(text: &str, end: usize) -> usize {
    match text.as_bytes().get(end) {
        Some(b';') => end + 1,
        _ => text[end..].find('\n').map_or(text.len(), |n| end + n + 1),
    }
}

/// Names the rule's method and gives it the method's function as its
/// target when it has none.
fn attach(ctx: &mut Ctx<'_>, draft: &mut Draft, class: &str, method: &str) {
    draft.origin = if method.is_empty() { String::new() } else { method.to_owned() };
    if draft.rule.targets.is_empty() {
        let namespace = format!(
            "{}{}",
            pascal_case(class),
            if method.is_empty() { String::new() } else { pascal_case(method) }
        );
        let arn = format!("${{{namespace}LambdaFunction.Arn}}");
        let id: String = format!("{namespace}RuleTarget").chars().take(64).collect();
        ctx.warn(
            draft.at,
            format!(
                "the rule delivers to the Jets function of {}, whose ARN is known at deploy time; \
                 imported as the placeholder {arn}",
                if method.is_empty() { class.to_owned() } else { format!("{class}#{method}") }
            ),
        );
        draft.rule.targets.push(crate::rule::Target::new(id, arn));
    }
}

/// The rule one call makes.
fn rule(
    ctx: &mut Ctx<'_>,
    name: &str,
    at: usize,
    arguments: super::ruby::Arguments,
    class: &str,
    counter: &mut usize,
) -> Result<Draft, ImportError> {
    let mut draft = Draft::new(at, "");
    let mut positional = arguments.positional.into_iter();
    let mut pattern: Option<RubyNode> = None;
    let mut props: Vec<(Key, RubyNode)> = Vec::new();
    let hash_pairs = |ctx: &Ctx<'_>, node: RubyNode| -> Result<Vec<(Key, RubyNode)>, ImportError> {
        match node.value {
            Ruby::Hash(pairs) => Ok(pairs),
            _ => Err(ctx.error(node.span.start, format!("{name} takes a hash here"))),
        }
    };
    match name {
        "rate" | "cron" => {
            let Some(expression) = positional.next() else {
                return Err(ctx.error(
                    at,
                    format!(
                        "{name} needs its expression, such as {name} \"{}\"",
                        if name == "rate" { "10 hours" } else { "0 12 * * ? *" }
                    ),
                ));
            };
            let Ruby::String(expression_text) = &expression.value else {
                return Err(ctx.error(expression.span.start, format!("{name} takes a string")));
            };
            draft.rule.schedule_expression = Some(format!("{name}({expression_text})"));
            draft.place("$.ScheduleExpression", expression.span.start);
        }
        "event_pattern" => {
            if let Some(first) = positional.next() {
                if is_properties(&first) {
                    props.extend(hash_pairs(ctx, first)?);
                } else {
                    pattern = Some(first);
                }
            }
        }
        _ => {
            let hash = positional.next().or(arguments.keywords.clone());
            if let Some(hash) = hash {
                if is_properties(&hash) {
                    props.extend(hash_pairs(ctx, hash)?);
                } else {
                    if !hash.has_symbol("detail") {
                        ctx.warn(
                            hash.span.start,
                            format!(
                                "Jets' {name} takes a hash as the pattern only when it has a detail \
                                 key; it would hand these keys to CloudFormation as rule \
                                 properties; they were read as the pattern: add detail: or put \
                                 them under event_pattern:"
                            ),
                        );
                    }
                    let (description, rest) = split_description(hash);
                    props.extend(description);
                    pattern = Some(rest);
                }
            }
        }
    }
    if let Some(extra) = positional.next() {
        if name == "event_pattern" || name == "rate" || name == "cron" {
            props.extend(hash_pairs(ctx, extra)?);
        } else {
            return Err(ctx.error(extra.span.start, format!("{name} takes one hash")));
        }
    }
    if matches!(name, "rate" | "cron" | "event_pattern")
        && let Some(keywords) = arguments.keywords
        && let Ruby::Hash(pairs) = keywords.value
    {
        props.extend(pairs);
    }
    if let Some(pattern) = pattern {
        let node = jets_pattern(ctx, &pattern)?;
        draft.rule.event_pattern = Some(pattern_from_node(ctx, &node)?);
        draft.place("$.EventPattern", pattern.span.start);
    }
    for (key, value) in props {
        property(ctx, &key, &value, &mut draft)?;
    }
    if draft.rule.description.is_none() {
        *counter += 1;
        draft.rule.description =
            Some(format!("{class} event rule {counter}").trim_start().to_owned());
    }
    Ok(draft)
}

/// Whether a hash holds rule properties rather than a pattern.
fn is_properties(node: &RubyNode) -> bool {
    node.has_symbol("event_pattern") || node.has_symbol("schedule_expression")
}

/// A short-form hash's `description` (which Jets lifts into the rule) and
/// the rest, which is the pattern.
fn split_description(node: RubyNode) -> (Vec<(Key, RubyNode)>, RubyNode) {
    let RubyNode { value, span } = node;
    let Ruby::Hash(pairs) = value else { return (Vec::new(), RubyNode { value, span }) };
    let (description, rest): (Vec<_>, Vec<_>) =
        pairs.into_iter().partition(|(key, _)| key.symbol && key.name == "description");
    (description, RubyNode { value: Ruby::Hash(rest), span })
}

/// One of the rule's properties, by its camelized key.
fn property(
    ctx: &mut Ctx<'_>,
    key: &Key,
    value: &RubyNode,
    draft: &mut Draft,
) -> Result<(), ImportError> {
    let name = camelize(&key.name);
    let at = value.span.start;
    let string = |ctx: &Ctx<'_>| match &value.value {
        Ruby::String(s) | Ruby::Symbol(s) => Ok(s.clone()),
        _ => Err(ctx.error(at, format!("{} must be a string", key.name))),
    };
    match name.as_str() {
        "Description" => {
            draft.rule.description = Some(string(ctx)?);
            draft.place("$.Description", at);
        }
        "Name" => {
            draft.rule.name = string(ctx)?;
            draft.place("$.Name", at);
        }
        "State" => {
            let text = string(ctx)?;
            draft.rule.state = state(ctx, at, &text)?;
            draft.place("$.State", at);
        }
        "ScheduleExpression" => {
            draft.rule.schedule_expression = Some(string(ctx)?);
            draft.place("$.ScheduleExpression", at);
        }
        "EventBusName" => {
            draft.rule.event_bus_name = Some(string(ctx)?);
            draft.place("$.EventBusName", at);
        }
        "RoleArn" | "RoleARN" => {
            draft.rule.role_arn = Some(string(ctx)?);
            draft.place("$.RoleArn", at);
        }
        "EventPattern" => {
            let pattern = match &value.value {
                Ruby::String(text) => pattern_from_string(ctx, text, Literal::Other(at))?,
                _ => {
                    let node = jets_pattern(ctx, value)?;
                    pattern_from_node(ctx, &node)?
                }
            };
            draft.rule.event_pattern = Some(pattern);
            draft.place("$.EventPattern", at);
        }
        "Targets" => {
            let Ruby::Array(items) = &value.value else {
                return Err(ctx.error(at, "targets must be an array of hashes"));
            };
            for item in items {
                let node = camelized(ctx, item)?;
                let i = draft.rule.targets.len();
                let parsed = target(ctx, &node, i, draft)?;
                draft.rule.targets.push(parsed);
            }
        }
        _ => ctx.warn(
            key.span.start,
            format!(
                "{} (the rule property {name}) is not part of the rule model; it was left out",
                key.name
            ),
        ),
    }
    Ok(())
}

/// The pattern as Jets writes it into the template: top-level keys
/// dasherized, deeper keys lower-camelized, keys with `-`, `/` or `.`
/// unchanged. A deeper key that changes is a warning: the user wrote it as
/// the event has it, most likely.
fn jets_pattern(ctx: &mut Ctx<'_>, node: &RubyNode) -> Result<Node, ImportError> {
    convert(ctx, node, 0, "", &|key, level, _| {
        if passthrough(key) {
            (key.to_owned(), false)
        } else if level == 0 {
            (key.replace('_', "-"), false)
        } else {
            let renamed = lower_first(&camelize(key));
            let changed = renamed != key;
            (renamed, changed)
        }
    })
}

/// A hash outside the pattern (a target), keys camelized as Jets does.
/// Renaming `input_paths_map`'s names is a warning, as the template's
/// `<name>` placeholders then name nothing.
fn camelized(ctx: &mut Ctx<'_>, node: &RubyNode) -> Result<Node, ImportError> {
    convert(ctx, node, 0, "", &|key, _, parent| {
        let renamed = if passthrough(key) { key.to_owned() } else { camelize(key) };
        let changed = parent == "InputPathsMap" && renamed != key;
        (renamed, changed)
    })
}

/// Keys Jets' camelizer leaves as they are.
fn passthrough(key: &str) -> bool {
    key.contains(['-', '/', '.'])
}

/// How [`convert`] renames a key: `(key, level, parent's new key)` to the
/// new key and whether to warn about it. `level` is 0 for the keys of the
/// top hash.
type Rename = dyn Fn(&str, usize, &str) -> (String, bool);

/// A Ruby value as JSON, keys renamed by `rename`.
fn convert(
    ctx: &mut Ctx<'_>,
    node: &RubyNode,
    level: usize,
    parent: &str,
    rename: &Rename,
) -> Result<Node, ImportError> {
    if level > super::common::MAX_DEPTH {
        return Err(ctx.error(node.span.start, super::common::too_deep_message()));
    }
    let value = match &node.value {
        Ruby::Nil => Value::Null,
        Ruby::Bool(b) => Value::Bool(*b),
        Ruby::Number(lexeme) => Value::Number(
            Number::new(lexeme)
                .ok_or_else(|| ctx.error(node.span.start, format!("{lexeme} is not a number")))?,
        ),
        Ruby::String(s) => Value::String(s.clone()),
        Ruby::Symbol(s) => {
            ctx.warn(
                node.span.start,
                format!(
                    "the symbol :{s} is read as the string \"{s}\"; write it as a string to be \
                     sure"
                ),
            );
            Value::String(s.clone())
        }
        // An array's hashes are as deep as the array's key.
        Ruby::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| convert(ctx, item, level.max(1), parent, rename))
                .collect::<Result<_, _>>()?,
        ),
        Ruby::Hash(pairs) => {
            let mut members = Vec::with_capacity(pairs.len());
            for (key, value) in pairs {
                let (renamed, warn) = rename(&key.name, level, parent);
                if warn {
                    ctx.warn(
                        key.span.start,
                        format!("Jets turns the key {} into {renamed}", key.name),
                    );
                }
                let value = convert(ctx, value, level + 1, &renamed, rename)?;
                members.push(Member { key: renamed, key_span: key.span, value });
            }
            Value::Object(members)
        }
    };
    Ok(Node { value, span: node.span })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_as_jets_converts_them() {
        assert_eq!(camelize("schedule_expression"), "ScheduleExpression");
        assert_eq!(camelize("event_NAME"), "EventName");
        assert_eq!(camelize("eventName"), "EventName");
        assert_eq!(camelize("HVM64"), "HVM64");
        assert_eq!(camelize("a/b_c"), "A::BC");
        assert_eq!(camelize("foo__bar"), "FooBar");
        assert_eq!(lower_first(&camelize("instance_id")), "instanceId");
        assert_eq!(lower_first(&camelize("Key")), "key");
        assert_eq!(lower_first(&camelize("$or")), "$or");
        assert!(passthrough("detail-type") && passthrough("a.b") && !passthrough("detail_type"));
    }

    #[test]
    fn calls_are_recognised_by_their_arguments() {
        assert_eq!(call_name("rate \"10 hours\""), Some("rate"));
        assert_eq!(call_name("rate(\"10 hours\")"), Some("rate"));
        assert_eq!(call_name("rule_event detail: {}"), Some("rule_event"));
        assert_eq!(call_name("rate = 5"), None);
        assert_eq!(call_name("rate"), None);
        assert_eq!(call_name("rate.to_s"), None);
        assert_eq!(call_name("rates(1)"), None);
        assert_eq!(call_name("cron * 2"), None);
    }
}
