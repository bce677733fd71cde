//! Input transformers: what a target receives instead of the matched event.
//!
//! A target's `InputTransformer` names values of the event in
//! `InputPathsMap` (`"instance": "$.detail.instance-id"`) and places them in
//! `InputTemplate` as `<instance>`. [`render`] produces what EventBridge
//! sends, quirks included; [`validate`] makes PutTargets' checks; [`lint`]
//! and [`lint_with_event`] point out templates that will not do what their
//! author expects.
//!
//! ```
//! use evpat_rule::transformer::{InputTransformer, ReservedValues, render};
//!
//! let transformer: InputTransformer = serde_json::from_str(r#"{
//!     "InputPathsMap": {"instance": "$.detail.instance-id", "state": "$.detail.state"},
//!     "InputTemplate": "{\"instance\": <instance>, \"state\": \"<state>\"}"
//! }"#)?;
//! let event = r#"{"detail-type": "EC2 Instance State-change Notification",
//!     "detail": {"instance-id": "i-0123456789", "state": "RUNNING"}}"#;
//! let rendered = render(&transformer, event, &ReservedValues::default())?;
//! assert_eq!(rendered.output, r#"{"instance": "i-0123456789", "state": "RUNNING"}"#);
//! assert!(rendered.delivered);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # How a placeholder is filled
//!
//! A template is either a quoted string (`"instance <instance> is up"`) or
//! JSON. In JSON, a placeholder is either a value (`"state": <state>`) or
//! inside a string (`"state": "<state>"`); in a string template, every
//! placeholder is inside the string. Values are placed without escaping.
//!
//! | value | as a JSON value | inside a string |
//! |---|---|---|
//! | string `i-01` | `"i-01"`, a JSON string | `i-01`, unescaped |
//! | number, boolean | `5`, `true` | `5`, `true` |
//! | object, array | `{"a":"b"}`, `["x","y"]` | string template: `{a:b}`, `[x,y]` (JSON without its quotes); JSON template: `{"a":"b"}`, which breaks the JSON |
//! | path not found, or `null` | `""` | nothing |
//!
//! All of these are AWS's behaviour as recorded against AWS (LocalStack's
//! `test_events_inputs` snapshots), except that escaping of a string placed
//! as a JSON value, and a `null` value, are not recorded: we escape, and
//! treat `null` as not found.
//!
//! The output is delivered when it is valid JSON, or when the template is a
//! quoted string (AWS sends `"instance "i-01" is up"` as it is). Otherwise
//! EventBridge drops the event without reporting anything:
//! [`Rendered::delivered`] is `false` and [`Rendered::reason`] says why.
//!
//! Reserved variables need no declaration: `<aws.events.rule-arn>`,
//! `<aws.events.rule-name>`, `<aws.events.event.ingestion-time>` (from
//! [`ReservedValues`]), `<aws.events.event.json>` (the whole event) and
//! `<aws.events.event>` (the event without `detail`, with `detail-type`
//! written `detailType` and the fields in the order AWS writes them: `id`,
//! `account`, `detailType`, `time`, `source`, `region`, `resources`,
//! `version`; its `time` is the event's, which is not recorded against AWS).
//!
//! Paths are dot notation from `$` with array indexes and wildcards
//! (`$.detail.instance-id`, `$.resources[0]`, `$.detail.items[*].sku`); a
//! wildcard finds an array. AWS does not check paths: one it cannot follow
//! finds nothing. The event is read with `serde_json`, so number lexemes are
//! not kept (`1e2` becomes `100.0`).
//!
//! # PutTargets errors
//!
//! [`validate`] makes the checks PutTargets makes, in this order, with
//! these messages:
//!
//! | check | message | from |
//! |---|---|---|
//! | more than 100 variables | `1 validation error detected: Value '{k=v, …}' at 'inputTransformer.inputPathsMap' failed to satisfy constraint: Member must have length less than or equal to 100` | AWS's validation format; not recorded |
//! | a key starting with `AWS.`, a key not `[A-Za-z0-9_-]+`, a key longer than 256 | `… failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [A-Za-z0-9\_\-]+]` (or the length constraints) | AWS's validation format; not recorded |
//! | a path longer than 256 | `… Map value must satisfy constraint: [Member must have length less than or equal to 256]` | AWS's validation format; not recorded |
//! | an empty template, one over 8192 characters | `1 validation error detected: Value '…' at 'inputTransformer.inputTemplate' failed to satisfy constraint: Member must have length greater than or equal to 1` (`less than or equal to 8192`) | AWS's validation format; not recorded |
//! | a placeholder neither declared nor reserved | `InputTemplate for target <id> contains invalid placeholder <name>.` | AWS, recorded |
//!
//! A key starting with `AWS.` fails the key pattern (`.` is not allowed), so
//! its message is the pattern's; [`TransformerErrorKind::ReservedKey`] tells
//! it apart. AWS's messages print the whole map or template as the value;
//! ours print templates over 64 characters cut short with `...`. Field names
//! omit the target's position (`targets.1.member.`), which a transformer
//! alone does not know. [`render`] validates with the target id
//! [`TARGET_ID`]; call [`validate`] for another.

use std::collections::HashSet;
use std::fmt;

use evpat::{Severity, Span};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use self::path::Path;
use self::template::Template;

mod path;
mod template;
#[cfg(test)]
mod tests;

/// The most variables `InputPathsMap` may declare.
pub const MAX_VARIABLES: usize = 100;
/// The longest `InputPathsMap` key, in characters.
pub const MAX_KEY_CHARS: usize = 256;
/// The longest `InputPathsMap` path, in characters.
pub const MAX_PATH_CHARS: usize = 256;
/// The longest `InputTemplate`, in characters.
pub const MAX_TEMPLATE_CHARS: usize = 8192;
/// The target id [`render`] names in its errors.
pub const TARGET_ID: &str = "target";

/// The variables every template may use without declaring them.
pub const RESERVED_VARIABLES: [&str; 5] = [
    "aws.events.rule-arn",
    "aws.events.rule-name",
    "aws.events.event.ingestion-time",
    "aws.events.event",
    "aws.events.event.json",
];

/// The reserved variables that hold JSON objects.
const JSON_VARIABLES: [&str; 2] = ["aws.events.event", "aws.events.event.json"];

/// The fields of `<aws.events.event>`, in AWS's order.
const EVENT_FIELDS: [&str; 8] =
    ["id", "account", "detail-type", "time", "source", "region", "resources", "version"];

/// A target's `InputTransformer`, as PutTargets and CloudFormation take it:
/// `{"InputPathsMap": {"name": "$.path", …}, "InputTemplate": "…"}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct InputTransformer {
    /// `InputPathsMap`: variable names and their JSON paths, in the order
    /// written. When a name is given twice, the last one counts, as in a
    /// JSON object.
    #[serde(default, with = "paths_map", skip_serializing_if = "Vec::is_empty")]
    pub input_paths_map: Vec<(String, String)>,
    /// `InputTemplate`: the text sent, with `<name>` placeholders.
    pub input_template: String,
}

/// The values of the reserved variables that come from the rule and from
/// EventBridge rather than from the event.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReservedValues {
    /// `<aws.events.rule-arn>`.
    pub rule_arn: String,
    /// `<aws.events.rule-name>`.
    pub rule_name: String,
    /// `<aws.events.event.ingestion-time>`: when EventBridge received the
    /// event, ISO 8601.
    pub ingestion_time: String,
}

/// What EventBridge sends the target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendered {
    /// The filled template, as sent. A string template keeps its quotes:
    /// `"instance i-0123456789 is in RUNNING"`.
    pub output: String,
    /// Whether EventBridge sends it at all: `false` when the output is not
    /// valid JSON and the template is not a quoted string, in which case
    /// AWS drops the event without an error.
    pub delivered: bool,
    /// Why the event is not delivered.
    pub reason: Option<String>,
}

/// Fills `transformer`'s template from `event_json`, as EventBridge does
/// for a target.
///
/// # Errors
///
/// PutTargets' error for the transformer, with the target id [`TARGET_ID`]
/// (see [`validate`]), or [`TransformerErrorKind::InvalidEvent`] when the
/// event is not a JSON object.
pub fn render(
    transformer: &InputTransformer,
    event_json: &str,
    reserved: &ReservedValues,
) -> Result<Rendered, TransformerError> {
    validate(transformer, TARGET_ID)?;
    let event = read_event(event_json)?;
    let template = Template::scan(&transformer.input_template);
    let values = Values { transformer, event: &event, reserved };
    let output = template.fill(|placeholder| {
        fill(values.get(placeholder.name).as_ref(), placeholder.quoted, template.string_template)
    });
    let failure = match serde_json::from_str::<serde::de::IgnoredAny>(&output) {
        Ok(_) => None,
        Err(_) if template.string_template && is_quoted(&output) => None,
        Err(error) => Some(format!(
            "The output is not valid JSON ({error}) and is not a quoted string, so EventBridge \
             drops the event without reporting an error."
        )),
    };
    Ok(Rendered { output, delivered: failure.is_none(), reason: failure })
}

/// Makes PutTargets' checks on a transformer for the target `target_id`.
///
/// # Errors
///
/// The first problem found, with the message AWS gives (see the module's
/// table for which are recorded).
pub fn validate(transformer: &InputTransformer, target_id: &str) -> Result<(), TransformerError> {
    let map = &transformer.input_paths_map;
    let map_field = "inputTransformer.inputPathsMap";
    if map.len() > MAX_VARIABLES {
        return Err(TransformerError::constraint(
            TransformerErrorKind::TooManyVariables,
            &java_map(map),
            map_field,
            "Member must have length less than or equal to 100",
        ));
    }
    for (key, path) in map {
        let mut broken = Vec::new();
        if key.is_empty() {
            broken.push("Member must have length greater than or equal to 1");
        }
        if key.chars().count() > MAX_KEY_CHARS {
            broken.push("Member must have length less than or equal to 256");
        }
        if !key.is_empty() && !is_key(key) {
            broken.push("Member must satisfy regular expression pattern: [A-Za-z0-9\\_\\-]+");
        }
        if !broken.is_empty() {
            let kind = if key.starts_with("AWS.") {
                TransformerErrorKind::ReservedKey
            } else {
                TransformerErrorKind::InvalidKey
            };
            return Err(TransformerError::constraint(
                kind,
                &java_map(map),
                map_field,
                &format!("Map keys must satisfy constraint: [{}]", broken.join(", ")),
            ));
        }
        if path.chars().count() > MAX_PATH_CHARS {
            return Err(TransformerError::constraint(
                TransformerErrorKind::PathTooLong,
                &java_map(map),
                map_field,
                "Map value must satisfy constraint: [Member must have length less than or equal \
                 to 256]",
            ));
        }
    }
    let template = &transformer.input_template;
    let template_field = "inputTransformer.inputTemplate";
    if template.is_empty() {
        return Err(TransformerError::constraint(
            TransformerErrorKind::EmptyTemplate,
            "",
            template_field,
            "Member must have length greater than or equal to 1",
        ));
    }
    if template.chars().count() > MAX_TEMPLATE_CHARS {
        let shown: String = template.chars().take(64).chain("...".chars()).collect();
        return Err(TransformerError::constraint(
            TransformerErrorKind::TemplateTooLong,
            &shown,
            template_field,
            "Member must have length less than or equal to 8192",
        ));
    }
    let scanned = Template::scan(template);
    if let Some(placeholder) =
        scanned.placeholders.iter().find(|placeholder| !is_declared(transformer, placeholder.name))
    {
        return Err(TransformerError {
            kind: TransformerErrorKind::InvalidPlaceholder,
            message: format!(
                "InputTemplate for target {target_id} contains invalid placeholder {}.",
                placeholder.name
            ),
        });
    }
    Ok(())
}

/// A finding about a transformer: something PutTargets refuses, or that
/// will not give what was meant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransformerLint {
    /// A stable identifier, such as `undeclared-placeholder`.
    pub code: &'static str,
    /// How much it matters.
    pub severity: Severity,
    /// What was found, in one sentence.
    pub message: String,
    /// Where in the template, when it is about a place in it.
    pub span: Option<Span>,
    /// How to fix it, in one line.
    pub fix: String,
}

/// Findings about `transformer` alone.
///
/// | code | severity | finds |
/// |---|---|---|
/// | `too-many-variables` | warning | more than 100 variables: PutTargets refuses it |
/// | `reserved-key-prefix` | warning | a key starting with `AWS.`: PutTargets refuses it |
/// | `invalid-key` | warning | a key PutTargets refuses otherwise: empty, too long, or not `[A-Za-z0-9_-]+` |
/// | `duplicate-key` | warning | a key declared twice: only the last counts |
/// | `path-syntax` | warning | a path EventBridge cannot follow, so the variable is always empty |
/// | `path-too-long` | warning | a path over 256 characters: PutTargets refuses it |
/// | `unused-variable` | info | a variable the template never uses |
/// | `empty-template`, `template-too-long` | warning | PutTargets refuses the template |
/// | `undeclared-placeholder` | warning | a placeholder neither declared nor reserved: PutTargets refuses the template |
/// | `placeholder-as-key` | warning | a placeholder used as an object key, which AWS does not allow |
/// | `json-variable-in-string` | warning | `<aws.events.event>` or `<aws.events.event.json>` inside a string |
/// | `strings-need-quotes` | warning | plain text that is neither JSON nor a quoted string: every event is dropped |
/// | `invalid-json` | warning | a JSON template that is not valid JSON whatever the values: every event is dropped |
pub fn lint(transformer: &InputTransformer) -> Vec<TransformerLint> {
    let mut lints = Vec::new();
    let map = &transformer.input_paths_map;
    let template = Template::scan(&transformer.input_template);
    if map.len() > MAX_VARIABLES {
        lints.push(TransformerLint {
            code: "too-many-variables",
            severity: Severity::Warning,
            message: format!(
                "InputPathsMap declares {} variables; PutTargets allows at most {MAX_VARIABLES}.",
                map.len()
            ),
            span: None,
            fix: "Remove the variables the template does not use, or split the work between \
                  targets."
                .to_owned(),
        });
    }
    let mut seen = HashSet::new();
    for (key, path) in map {
        lint_variable(&mut lints, &template, key, path);
        if !seen.insert(key.as_str()) {
            lints.push(TransformerLint {
                code: "duplicate-key",
                severity: Severity::Warning,
                message: format!(
                    "The variable {key} is declared more than once; only the last counts."
                ),
                span: None,
                fix: format!("Keep one declaration of {key}."),
            });
        }
    }
    lint_template(&mut lints, transformer, &template);
    lints
}

/// [`lint`]'s findings, plus those that depend on the event:
///
/// | code | severity | finds |
/// |---|---|---|
/// | `missing-path` | info | a used variable whose path finds nothing in this event, so it is empty |
/// | `object-in-string` | warning, or info in a string template | a variable holding an object or array inside a string: the event is dropped, or the value loses its quotes |
/// | `unescaped-value` | warning | a string value with a quote, backslash or control character inside a JSON string: the event is dropped |
///
/// When `event_json` is not a JSON object, only [`lint`]'s findings.
pub fn lint_with_event(transformer: &InputTransformer, event_json: &str) -> Vec<TransformerLint> {
    let mut lints = lint(transformer);
    let Ok(event) = read_event(event_json) else { return lints };
    let template = Template::scan(&transformer.input_template);
    let reserved = ReservedValues::default();
    let values = Values { transformer, event: &event, reserved: &reserved };
    for (key, path) in distinct_variables(transformer) {
        let Some(first) = template.placeholders.iter().find(|p| p.name == key) else { continue };
        if Path::parse(path).is_ok() && values.get(key).is_none() {
            let renders_as = if first.quoted { "nothing" } else { "\"\"" };
            lints.push(TransformerLint {
                code: "missing-path",
                severity: Severity::Info,
                message: format!(
                    "The path {path} of <{key}> finds nothing in this event, so <{key}> renders \
                     as {renders_as}."
                ),
                span: Some(first.span),
                fix: "Check the path against the event: names are case-sensitive, and array \
                      elements need an index such as [0]."
                    .to_owned(),
            });
        }
    }
    for placeholder in &template.placeholders {
        if !placeholder.quoted || JSON_VARIABLES.contains(&placeholder.name) {
            continue;
        }
        let name = placeholder.name;
        match values.get(name) {
            Some(value @ (Value::Object(_) | Value::Array(_))) => {
                let what = if value.is_object() { "an object" } else { "an array" };
                lints.push(if template.string_template {
                    TransformerLint {
                        code: "object-in-string",
                        severity: Severity::Info,
                        message: format!(
                            "<{name}> holds {what}; inside a string EventBridge writes it without \
                             quotes: {}.",
                            pseudo_json(&value)
                        ),
                        span: Some(placeholder.span),
                        fix: format!(
                            "To keep it JSON, use a JSON template with <{name}> outside quotes."
                        ),
                    }
                } else {
                    TransformerLint {
                        code: "object-in-string",
                        severity: Severity::Warning,
                        message: format!(
                            "<{name}> holds {what} and sits inside quotes: the output is not \
                             valid JSON, so EventBridge drops the event."
                        ),
                        span: Some(placeholder.span),
                        fix: format!("Remove the quotes around <{name}> to insert it as JSON."),
                    }
                });
            }
            Some(Value::String(text))
                if !template.string_template
                    && text.chars().any(|c| c == '"' || c == '\\' || c.is_control()) =>
            {
                lints.push(TransformerLint {
                    code: "unescaped-value",
                    severity: Severity::Warning,
                    message: format!(
                        "<{name}> is {}, with a quote, backslash or control character that \
                         EventBridge does not escape inside a string: the output is not valid \
                         JSON, so EventBridge drops the event.",
                        Value::String(text.clone())
                    ),
                    span: Some(placeholder.span),
                    fix: format!(
                        "Put <{name}> outside quotes, where EventBridge writes it as a JSON \
                         string."
                    ),
                });
            }
            _ => {}
        }
    }
    lints
}

fn lint_variable(lints: &mut Vec<TransformerLint>, template: &Template<'_>, key: &str, path: &str) {
    if key.get(..4).is_some_and(|prefix| prefix.eq_ignore_ascii_case("AWS.")) {
        lints.push(TransformerLint {
            code: "reserved-key-prefix",
            severity: Severity::Warning,
            message: format!(
                "The variable {key} starts with AWS., which is reserved: PutTargets refuses it."
            ),
            span: None,
            fix: format!("Rename it, for example to {}.", key[4..].replace('.', "-")),
        });
    } else if key.is_empty() || key.chars().count() > MAX_KEY_CHARS || !is_key(key) {
        lints.push(TransformerLint {
            code: "invalid-key",
            severity: Severity::Warning,
            message: format!(
                "The variable name {key:?} is not 1 to 256 letters, digits, _ or -: PutTargets \
                 refuses it."
            ),
            span: None,
            fix: "Use only letters, digits, _ and -, such as instance-id.".to_owned(),
        });
    }
    if let Err(reason) = Path::parse(path) {
        lints.push(TransformerLint {
            code: "path-syntax",
            severity: Severity::Warning,
            message: format!(
                "The path {path:?} of <{key}> is not one EventBridge can follow ({reason}); AWS \
                 does not check paths, so <{key}> is always empty."
            ),
            span: None,
            fix: "Write the path in dot notation from $, such as $.detail.instance-id or \
                  $.resources[0]."
                .to_owned(),
        });
    }
    if path.chars().count() > MAX_PATH_CHARS {
        lints.push(TransformerLint {
            code: "path-too-long",
            severity: Severity::Warning,
            message: format!(
                "The path of <{key}> has {} characters; PutTargets allows at most \
                 {MAX_PATH_CHARS}.",
                path.chars().count()
            ),
            span: None,
            fix: "Shorten the path.".to_owned(),
        });
    }
    if !template.placeholders.iter().any(|placeholder| placeholder.name == key) {
        lints.push(TransformerLint {
            code: "unused-variable",
            severity: Severity::Info,
            message: format!("The variable {key} is declared but the template never uses it."),
            span: None,
            fix: format!("Use <{key}> in the template, or remove it from InputPathsMap."),
        });
    }
}

fn lint_template(
    lints: &mut Vec<TransformerLint>,
    transformer: &InputTransformer,
    template: &Template<'_>,
) {
    let text = &transformer.input_template;
    if text.is_empty() {
        lints.push(TransformerLint {
            code: "empty-template",
            severity: Severity::Warning,
            message: "The template is empty: PutTargets refuses it.".to_owned(),
            span: None,
            fix: "Write a template, such as \"<aws.events.rule-name> matched\".".to_owned(),
        });
        return;
    }
    let chars = text.chars().count();
    if chars > MAX_TEMPLATE_CHARS {
        lints.push(TransformerLint {
            code: "template-too-long",
            severity: Severity::Warning,
            message: format!(
                "The template has {chars} characters; PutTargets allows at most \
                 {MAX_TEMPLATE_CHARS}."
            ),
            span: None,
            fix: "Shorten the template, or send the whole event with <aws.events.event.json>."
                .to_owned(),
        });
    }
    for placeholder in &template.placeholders {
        let name = placeholder.name;
        if !is_declared(transformer, name) {
            lints.push(TransformerLint {
                code: "undeclared-placeholder",
                severity: Severity::Warning,
                message: format!(
                    "<{name}> is neither declared in InputPathsMap nor a reserved variable: \
                     PutTargets refuses the template (InputTemplate for target … contains \
                     invalid placeholder {name}.)."
                ),
                span: Some(placeholder.span),
                fix: match closest(transformer, name) {
                    Some(near) => format!("Did you mean <{near}>?"),
                    None => format!(
                        "Declare it in InputPathsMap, such as \"{name}\": \"$.detail.{name}\"."
                    ),
                },
            });
        }
        if placeholder.is_key {
            lints.push(TransformerLint {
                code: "placeholder-as-key",
                severity: Severity::Warning,
                message: format!(
                    "<{name}> is used as an object key, which EventBridge does not allow."
                ),
                span: Some(placeholder.span),
                fix: format!("Use a fixed key and put <{name}> in the value."),
            });
        }
        if placeholder.quoted && JSON_VARIABLES.contains(&name) {
            let effect = if template.string_template {
                "EventBridge writes the event there as JSON without its quotes"
            } else {
                "the output is not valid JSON, so EventBridge drops the event"
            };
            lints.push(TransformerLint {
                code: "json-variable-in-string",
                severity: Severity::Warning,
                message: format!(
                    "<{name}> holds the event as JSON and sits inside a string: {effect}."
                ),
                span: Some(placeholder.span),
                fix: format!(
                    "Use <{name}> as a JSON value, outside quotes: {{\"event\": <{name}>}}."
                ),
            });
        }
    }
    if template.string_template {
        return;
    }
    // Whatever the values, a placeholder inside a string adds text to it,
    // and one outside adds a JSON value; `""` stands for any of them.
    let skeleton =
        template.fill(|placeholder| if placeholder.quoted { "x" } else { "\"\"" }.to_owned());
    if let Err(error) = serde_json::from_str::<serde::de::IgnoredAny>(&skeleton) {
        let first = text.trim_start().chars().next();
        lints.push(if matches!(first, Some('{' | '[')) {
            TransformerLint {
                code: "invalid-json",
                severity: Severity::Warning,
                message: format!(
                    "The template is not valid JSON ({error}), whatever the values: \
                     EventBridge drops every event."
                ),
                span: None,
                fix: "Fix the JSON: a placeholder stands for a whole value (\"state\": <state>) \
                      or for text inside a string (\"state\": \"<state>\")."
                    .to_owned(),
            }
        } else {
            TransformerLint {
                code: "strings-need-quotes",
                severity: Severity::Warning,
                message: "The template is plain text, neither JSON nor a quoted string: \
                          EventBridge drops every event."
                    .to_owned(),
                span: None,
                fix: format!("Put it in double quotes: \"{}\".", text.trim()),
            }
        });
    }
}

/// Why PutTargets refuses a transformer, or why [`render`] cannot run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransformerErrorKind {
    /// `InputPathsMap` declares more than [`MAX_VARIABLES`] variables.
    TooManyVariables,
    /// A key starts with `AWS.`, which is reserved.
    ReservedKey,
    /// A key is empty, longer than [`MAX_KEY_CHARS`], or not
    /// `[A-Za-z0-9_-]+`.
    InvalidKey,
    /// A path is longer than [`MAX_PATH_CHARS`].
    PathTooLong,
    /// `InputTemplate` is empty.
    EmptyTemplate,
    /// `InputTemplate` is longer than [`MAX_TEMPLATE_CHARS`].
    TemplateTooLong,
    /// The template uses a placeholder that is neither declared nor
    /// reserved: `"<notdefinedkey>"`.
    InvalidPlaceholder,
    /// [`render`]'s event is not a JSON object. Not a PutTargets error.
    InvalidEvent,
}

/// A transformer PutTargets refuses, with AWS's message, or an event
/// [`render`] cannot read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransformerError {
    kind: TransformerErrorKind,
    message: String,
}

impl TransformerError {
    /// AWS's validation-message format for a broken constraint.
    fn constraint(
        kind: TransformerErrorKind,
        value: &str,
        field: &str,
        constraint: &str,
    ) -> TransformerError {
        TransformerError {
            kind,
            message: format!(
                "1 validation error detected: Value '{value}' at '{field}' failed to satisfy \
                 constraint: {constraint}"
            ),
        }
    }

    /// Why.
    pub fn kind(&self) -> TransformerErrorKind {
        self.kind
    }

    /// The error code: `ValidationException` for PutTargets' errors,
    /// `InvalidEvent` for an event [`render`] cannot read.
    pub fn code(&self) -> &'static str {
        match self.kind {
            TransformerErrorKind::InvalidEvent => "InvalidEvent",
            _ => "ValidationException",
        }
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for TransformerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for TransformerError {}

/// Where placeholder values come from.
struct Values<'a> {
    transformer: &'a InputTransformer,
    /// The event, a JSON object.
    event: &'a Value,
    reserved: &'a ReservedValues,
}

impl Values<'_> {
    /// The value of a variable; `None` when its path finds nothing.
    fn get(&self, name: &str) -> Option<Value> {
        match name {
            "aws.events.rule-arn" => Some(Value::String(self.reserved.rule_arn.clone())),
            "aws.events.rule-name" => Some(Value::String(self.reserved.rule_name.clone())),
            "aws.events.event.ingestion-time" => {
                Some(Value::String(self.reserved.ingestion_time.clone()))
            }
            "aws.events.event" => Some(event_without_detail(self.event)),
            "aws.events.event.json" => Some(self.event.clone()),
            _ => {
                let (_, path) =
                    self.transformer.input_paths_map.iter().rev().find(|(key, _)| key == name)?;
                Path::parse(path).ok()?.select(self.event)
            }
        }
    }
}

/// The text a value is placed as; see the module's table.
fn fill(value: Option<&Value>, quoted: bool, string_template: bool) -> String {
    match value {
        None | Some(Value::Null) if quoted => String::new(),
        None | Some(Value::Null) => "\"\"".to_owned(),
        Some(Value::String(text)) if quoted => text.clone(),
        Some(value @ (Value::Object(_) | Value::Array(_))) if quoted && string_template => {
            pseudo_json(value)
        }
        Some(value) => value.to_string(),
    }
}

/// JSON without quotes, as AWS writes objects and arrays inside a string
/// template: `{acc_id:0a787ecb-4015,sf_id:baz}`, `[ACTIVE,INACTIVE]`.
fn pseudo_json(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Array(items) => {
            format!("[{}]", items.iter().map(pseudo_json).collect::<Vec<_>>().join(","))
        }
        Value::Object(members) => format!(
            "{{{}}}",
            members
                .iter()
                .map(|(key, value)| format!("{key}:{}", pseudo_json(value)))
                .collect::<Vec<_>>()
                .join(",")
        ),
        other => other.to_string(),
    }
}

/// The event as `<aws.events.event>` holds it.
fn event_without_detail(event: &Value) -> Value {
    let Value::Object(event) = event else { return Value::Object(Map::new()) };
    let mut out = Map::new();
    for field in EVENT_FIELDS {
        if let Some(value) = event.get(field) {
            let name = if field == "detail-type" { "detailType" } else { field };
            out.insert(name.to_owned(), value.clone());
        }
    }
    for (key, value) in event {
        if key != "detail" && !EVENT_FIELDS.contains(&key.as_str()) {
            out.insert(key.clone(), value.clone());
        }
    }
    Value::Object(out)
}

/// The event, which must be a JSON object.
fn read_event(event_json: &str) -> Result<Value, TransformerError> {
    match serde_json::from_str::<Value>(event_json) {
        Ok(event @ Value::Object(_)) => Ok(event),
        Ok(_) => Err(TransformerError {
            kind: TransformerErrorKind::InvalidEvent,
            message: "The event must be a JSON object.".to_owned(),
        }),
        Err(error) => Err(TransformerError {
            kind: TransformerErrorKind::InvalidEvent,
            message: format!("The event is not valid JSON: {error}"),
        }),
    }
}

fn is_quoted(output: &str) -> bool {
    let output = output.trim();
    output.len() >= 2 && output.starts_with('"') && output.ends_with('"')
}

fn is_key(key: &str) -> bool {
    key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn is_declared(transformer: &InputTransformer, name: &str) -> bool {
    RESERVED_VARIABLES.contains(&name)
        || transformer.input_paths_map.iter().any(|(key, _)| key == name)
}

/// Each declared variable once, with the path that counts (the last).
fn distinct_variables(transformer: &InputTransformer) -> Vec<(&str, &str)> {
    let mut seen = HashSet::new();
    let mut variables: Vec<(&str, &str)> = transformer
        .input_paths_map
        .iter()
        .rev()
        .filter(|(key, _)| seen.insert(key.as_str()))
        .map(|(key, path)| (key.as_str(), path.as_str()))
        .collect();
    variables.reverse();
    variables
}

/// The declared or reserved variable nearest to `name`, if near enough to
/// be a typo: the same but for case, or at most two edits away.
fn closest<'a>(transformer: &'a InputTransformer, name: &str) -> Option<&'a str> {
    let candidates =
        transformer.input_paths_map.iter().map(|(key, _)| key.as_str()).chain(RESERVED_VARIABLES);
    candidates
        // Lengths more than two apart are more than two edits apart.
        .filter(|candidate| candidate.chars().count().abs_diff(name.chars().count()) <= 2)
        .map(|candidate| {
            let distance = if candidate.eq_ignore_ascii_case(name) {
                0
            } else {
                edit_distance(candidate, name)
            };
            (distance, candidate)
        })
        .filter(|(distance, _)| *distance <= 2)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != *cb)).min(above + 1).min(row[j] + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

/// `{k1=v1, k2=v2}`, as AWS's validation messages print a map.
fn java_map(map: &[(String, String)]) -> String {
    let members: Vec<String> = map.iter().map(|(key, path)| format!("{key}={path}")).collect();
    format!("{{{}}}", members.join(", "))
}

/// `InputPathsMap` as a JSON object, kept as ordered pairs.
mod paths_map {
    use std::fmt;

    use serde::de::{MapAccess, Visitor};
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        pairs: &[(String, String)],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_map(pairs.iter().map(|(key, path)| (key, path)))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<(String, String)>, D::Error> {
        struct Pairs;

        impl<'de> Visitor<'de> for Pairs {
            type Value = Vec<(String, String)>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of variable names and JSON paths")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut pairs = Vec::with_capacity(map.size_hint().unwrap_or(0).min(128));
                while let Some(pair) = map.next_entry()? {
                    pairs.push(pair);
                }
                Ok(pairs)
            }
        }

        deserializer.deserialize_map(Pairs)
    }
}
