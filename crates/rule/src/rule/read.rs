//! Reading a rule from PutRule-shaped JSON, and writing it back.
//!
//! The file is read with evpat's JSON reader rather than serde, because
//! errors must name a line and a column, and because an `EventPattern`
//! written as an object must keep its numbers as written.

use std::fmt;

use evpat::json::{self, Node, Value};
use evpat::{Pattern, line_column};

use super::{DeadLetterConfig, RetryPolicy, Rule, RuleState, Target, TargetInput};
use crate::export::lower_first;
use crate::transformer::InputTransformer;

/// The deepest nesting a rule file may have: a pattern's limit, plus the
/// levels of the rule around it.
const MAX_DEPTH: usize = evpat::Limits::AWS.max_pattern_depth + 4;

/// A rule that could not be read, or that PutRule or PutTargets would
/// refuse.
///
/// The message is AWS's where AWS has one. The place is a JSON path into
/// the PutRule-shaped document (`$.Targets[0].Id`), and a line and column
/// when the rule was read from text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleError {
    message: String,
    path: String,
    place: Option<(usize, usize)>,
    hint: Option<String>,
}

impl RuleError {
    /// An error about the value at `path`.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> RuleError {
        RuleError { message: message.into(), path: path.into(), place: None, hint: None }
    }

    /// Adds a hint.
    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> RuleError {
        self.hint = Some(hint.into());
        self
    }

    /// Places the error at `line` and `column` (1-based, in characters).
    #[must_use]
    pub fn at(mut self, line: usize, column: usize) -> RuleError {
        self.place = Some((line, column));
        self
    }

    /// The message: AWS's text where AWS has one.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The JSON path of the offending value in the PutRule-shaped document.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The 1-based line and column, when the rule was read from text.
    pub fn place(&self) -> Option<(usize, usize)> {
        self.place
    }

    /// How to fix it, when we can say.
    pub fn hint(&self) -> Option<&str> {
        self.hint.as_deref()
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for RuleError {}

/// The fields of a PutRule request, plus `Targets` and Scheduler's time
/// zone.
const RULE_FIELDS: [&str; 9] = [
    "Name",
    "Description",
    "EventBusName",
    "State",
    "EventPattern",
    "ScheduleExpression",
    "ScheduleExpressionTimezone",
    "RoleArn",
    "Targets",
];

const TARGET_FIELDS: [&str; 8] = [
    "Id",
    "Arn",
    "RoleArn",
    "Input",
    "InputPath",
    "InputTransformer",
    "RetryPolicy",
    "DeadLetterConfig",
];

impl Rule {
    /// Reads PutRule-shaped JSON: PutRule's fields, with `EventPattern` as
    /// a JSON string (as the API takes it) or an object (as CloudFormation
    /// takes it), an optional `Targets` array as PutTargets takes it, and
    /// an optional `ScheduleExpressionTimezone`. The rule is then checked
    /// with [`Rule::validate`].
    ///
    /// ```
    /// use evpat_rule::Rule;
    ///
    /// let rule = Rule::from_json(r#"{
    ///   "Name": "every-5-minutes",
    ///   "ScheduleExpression": "rate(5 minutes)",
    ///   "Targets": [{"Id": "t", "Arn": "arn:aws:lambda:us-east-1:123456789012:function:f"}]
    /// }"#)?;
    /// assert_eq!(rule.targets[0].id, "t");
    ///
    /// let error = Rule::from_json(r#"{"Name": "r", "Schedule": "rate(5 minutes)"}"#).unwrap_err();
    /// assert_eq!(error.to_string(), "Unknown field Schedule");
    /// assert_eq!(error.place(), Some((1, 15)));
    /// # Ok::<(), evpat_rule::RuleError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Broken JSON, an unknown or mistyped field, an invalid pattern, or
    /// anything PutRule or PutTargets would refuse, placed by line and
    /// column.
    pub fn from_json(text: &str) -> Result<Rule, RuleError> {
        let root = json::read(text, MAX_DEPTH).map_err(|error| {
            let (line, column) = line_column(text, error.span.start);
            RuleError::new("$", error.message).at(line, column)
        })?;
        let rule = Reader { text }.rule(&root)?;
        rule.validate().map_err(|error| place(text, &root, error))?;
        Ok(rule)
    }
}

/// Places an error from [`Rule::validate`] at the value its path names.
fn place(text: &str, root: &Node, error: RuleError) -> RuleError {
    if error.place.is_some() {
        return error;
    }
    let mut node = root;
    // Paths are `$.Field`, `$.Targets[2].Field.Field`.
    for step in error.path.trim_start_matches('$').split('.').filter(|s| !s.is_empty()) {
        let (key, index) = match step.split_once('[') {
            Some((key, rest)) => (key, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (step, None),
        };
        let Some(child) = node.get(key) else { break };
        node = child;
        if let Some(item) = index.and_then(|i| node.items().and_then(|items| items.get(i))) {
            node = item;
        }
    }
    let (line, column) = line_column(text, node.span.start);
    error.at(line, column)
}

struct Reader<'a> {
    text: &'a str,
}

impl Reader<'_> {
    fn error(&self, node: &Node, path: &str, message: impl Into<String>) -> RuleError {
        let (line, column) = line_column(self.text, node.span.start);
        RuleError::new(path, message).at(line, column)
    }

    fn object<'n>(
        &self,
        node: &'n Node,
        path: &str,
        known: &[&str],
    ) -> Result<&'n [json::Member], RuleError> {
        let Some(members) = node.members() else {
            return Err(self.error(
                node,
                path,
                format!("{path} must be an object, not {}", node.value.type_name()),
            ));
        };
        for member in members {
            if !known.contains(&member.key.as_str()) {
                let (line, column) = line_column(self.text, member.key_span.start);
                return Err(RuleError::new(
                    format!("{path}.{}", member.key),
                    format!("Unknown field {}", member.key),
                )
                .at(line, column)
                .with_hint(format!("expected one of: {}", known.join(", "))));
            }
        }
        Ok(members)
    }

    fn string(&self, node: &Node, path: &str) -> Result<String, RuleError> {
        node.as_str().map(str::to_owned).ok_or_else(|| {
            self.error(
                node,
                path,
                format!("{path} must be a string, not {}", node.value.type_name()),
            )
        })
    }

    fn optional_string(
        &self,
        parent: &Node,
        key: &str,
        path: &str,
    ) -> Result<Option<String>, RuleError> {
        parent.get(key).map(|node| self.string(node, &format!("{path}.{key}"))).transpose()
    }

    fn number(&self, node: &Node, path: &str) -> Result<u32, RuleError> {
        match &node.value {
            Value::Number(n) => n.lexeme.parse::<u32>().map_err(|_| {
                self.error(node, path, format!("{path} must be a whole number, not {}", n.lexeme))
            }),
            other => Err(self.error(
                node,
                path,
                format!("{path} must be a number, not {}", other.type_name()),
            )),
        }
    }

    fn rule(&self, root: &Node) -> Result<Rule, RuleError> {
        self.object(root, "$", &RULE_FIELDS)?;
        let name = match root.get("Name") {
            Some(node) => self.string(node, "$.Name")?,
            None => {
                return Err(self
                    .error(root, "$.Name", null_message("name"))
                    .with_hint("give the rule a \"Name\""));
            }
        };
        let state = match root.get("State") {
            None => RuleState::Enabled,
            Some(node) => {
                let state = self.string(node, "$.State")?;
                RuleState::from_name(&state)
                    .ok_or_else(|| self.error(node, "$.State", state_message(&state)))?
            }
        };
        let event_pattern = root.get("EventPattern").map(|node| self.pattern(node)).transpose()?;
        let targets = match root.get("Targets") {
            None => Vec::new(),
            Some(node) => {
                let Some(items) = node.items() else {
                    return Err(self.error(node, "$.Targets", "$.Targets must be an array"));
                };
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| self.target(item, &format!("$.Targets[{i}]")))
                    .collect::<Result<_, _>>()?
            }
        };
        Ok(Rule {
            name,
            description: self.optional_string(root, "Description", "$")?,
            event_bus_name: self.optional_string(root, "EventBusName", "$")?,
            state,
            event_pattern,
            schedule_expression: self.optional_string(root, "ScheduleExpression", "$")?,
            schedule_expression_timezone: self.optional_string(
                root,
                "ScheduleExpressionTimezone",
                "$",
            )?,
            role_arn: self.optional_string(root, "RoleArn", "$")?,
            targets,
        })
    }

    /// The pattern, from a JSON string or from an object written in place.
    /// Errors inside it are placed in the file.
    fn pattern(&self, node: &Node) -> Result<Pattern, RuleError> {
        let (pattern_text, offset) = match &node.value {
            Value::String(s) => (s.as_str(), None),
            Value::Object(_) => (&self.text[node.span.start..node.span.end], Some(node.span.start)),
            other => {
                return Err(self.error(
                    node,
                    "$.EventPattern",
                    format!(
                        "$.EventPattern must be a JSON string or an object, not {}",
                        other.type_name()
                    ),
                ));
            }
        };
        Pattern::parse(pattern_text).map_err(|error| {
            let path = format!("$.EventPattern{}", error.path().trim_start_matches('$'));
            let mut out = RuleError::new(path, error.to_string());
            out.hint = error.hint().map(str::to_owned);
            match offset {
                Some(offset) => {
                    let (line, column) = line_column(self.text, offset + error.span().start);
                    out.at(line, column)
                }
                None => {
                    let (line, column) = line_column(self.text, node.span.start);
                    out.message = format!(
                        "{} (at line {}, column {} of the EventPattern string)",
                        out.message,
                        error.line(),
                        error.column()
                    );
                    out.at(line, column)
                }
            }
        })
    }

    fn target(&self, node: &Node, path: &str) -> Result<Target, RuleError> {
        self.object(node, path, &TARGET_FIELDS)?;
        let required = |key: &str| -> Result<String, RuleError> {
            match node.get(key) {
                Some(value) => self.string(value, &format!("{path}.{key}")),
                None => Err(self.error(
                    node,
                    &format!("{path}.{key}"),
                    null_message(&format!(
                        "targets.{}.member.{}",
                        target_number(path),
                        lower_first(key)
                    )),
                )),
            }
        };
        let id = required("Id")?;
        let arn = required("Arn")?;
        let mut inputs = Vec::new();
        if let Some(value) = node.get("Input") {
            inputs.push(TargetInput::Input(self.string(value, &format!("{path}.Input"))?));
        }
        if let Some(value) = node.get("InputPath") {
            inputs.push(TargetInput::InputPath(self.string(value, &format!("{path}.InputPath"))?));
        }
        if let Some(value) = node.get("InputTransformer") {
            inputs.push(TargetInput::InputTransformer(
                self.transformer(value, &format!("{path}.InputTransformer"))?,
            ));
        }
        if inputs.len() > 1 {
            return Err(self.error(node, path, several_inputs_message(&id)));
        }
        let retry_policy = match node.get("RetryPolicy") {
            None => None,
            Some(value) => {
                let at = format!("{path}.RetryPolicy");
                self.object(value, &at, &["MaximumRetryAttempts", "MaximumEventAgeInSeconds"])?;
                let field = |key: &str| {
                    value.get(key).map(|n| self.number(n, &format!("{at}.{key}"))).transpose()
                };
                Some(RetryPolicy {
                    maximum_retry_attempts: field("MaximumRetryAttempts")?,
                    maximum_event_age_in_seconds: field("MaximumEventAgeInSeconds")?,
                })
            }
        };
        let dead_letter_config = match node.get("DeadLetterConfig") {
            None => None,
            Some(value) => {
                let at = format!("{path}.DeadLetterConfig");
                self.object(value, &at, &["Arn"])?;
                let arn = value.get("Arn").ok_or_else(|| {
                    self.error(value, &format!("{at}.Arn"), format!("{at}.Arn is missing"))
                })?;
                Some(DeadLetterConfig { arn: self.string(arn, &format!("{at}.Arn"))? })
            }
        };
        Ok(Target {
            id,
            arn,
            role_arn: self.optional_string(node, "RoleArn", path)?,
            input: inputs.pop(),
            retry_policy,
            dead_letter_config,
        })
    }

    fn transformer(&self, node: &Node, path: &str) -> Result<InputTransformer, RuleError> {
        self.object(node, path, &["InputPathsMap", "InputTemplate"])?;
        let mut input_paths_map = Vec::new();
        if let Some(map) = node.get("InputPathsMap") {
            let at = format!("{path}.InputPathsMap");
            let members = map.members().ok_or_else(|| {
                self.error(
                    map,
                    &at,
                    format!("{at} must be an object, not {}", map.value.type_name()),
                )
            })?;
            for member in members {
                let value = self.string(&member.value, &format!("{at}.{}", member.key))?;
                input_paths_map.push((member.key.clone(), value));
            }
        }
        let input_template = match node.get("InputTemplate") {
            Some(value) => self.string(value, &format!("{path}.InputTemplate"))?,
            None => {
                return Err(self.error(
                    node,
                    &format!("{path}.InputTemplate"),
                    null_message("inputTransformer.inputTemplate"),
                ));
            }
        };
        Ok(InputTransformer { input_paths_map, input_template })
    }
}

/// `$.Targets[2]` is `targets.3.member` in AWS's messages.
fn target_number(path: &str) -> usize {
    path.rsplit_once('[')
        .and_then(|(_, rest)| rest.trim_end_matches(']').parse::<usize>().ok())
        .map_or(1, |i| i + 1)
}

/// AWS's message for a required field that is missing.
pub(crate) fn null_message(field: &str) -> String {
    format!(
        "1 validation error detected: Value null at '{field}' failed to satisfy constraint: \
         Member must not be null"
    )
}

/// AWS's message for a value outside an enumeration.
pub(super) fn enum_message(value: &str, field: &str, allowed: &[&str]) -> String {
    format!(
        "1 validation error detected: Value '{value}' at '{field}' failed to satisfy constraint: \
         Member must satisfy enum value set: [{}]",
        allowed.join(", ")
    )
}

/// AWS's message for a state outside the enumeration.
pub(crate) fn state_message(state: &str) -> String {
    let names: Vec<&str> = RuleState::ALL.iter().map(|state| state.as_str()).collect();
    enum_message(state, "state", &names)
}

/// AWS's message for a target with more than one of `Input`, `InputPath`
/// and `InputTransformer`.
pub(crate) fn several_inputs_message(target_id: &str) -> String {
    format!(
        "Only one of Input, InputPath, or InputTransformer must be provided for target \
         {target_id}."
    )
}

/// PutRule-shaped JSON, fields in a fixed order, numbers in transformer
/// maps and patterns as written.
pub(super) fn to_json(rule: &Rule) -> String {
    use serde_json::Value as J;
    let mut out = put_rule_fields(rule, true);
    if !rule.targets.is_empty() {
        let targets: Vec<J> = rule.targets.iter().map(target_json).collect();
        out.insert("Targets".into(), J::Array(targets));
    }
    serde_json::to_string_pretty(&J::Object(out)).unwrap_or_default()
}

/// PutRule's fields of `rule`, in a fixed order, with `EventPattern` as a
/// JSON string; with Scheduler's `ScheduleExpressionTimezone` when
/// `with_timezone` (the rule file holds it, the PutRule request cannot).
pub(crate) fn put_rule_fields(
    rule: &Rule,
    with_timezone: bool,
) -> serde_json::Map<String, serde_json::Value> {
    use serde_json::json;
    let mut out = serde_json::Map::new();
    out.insert("Name".into(), json!(rule.name));
    let optional = |out: &mut serde_json::Map<String, serde_json::Value>,
                    key: &str,
                    value: &Option<String>| {
        if let Some(value) = value {
            out.insert(key.into(), json!(value));
        }
    };
    optional(&mut out, "Description", &rule.description);
    optional(&mut out, "EventBusName", &rule.event_bus_name);
    if let Some(pattern) = &rule.event_pattern {
        out.insert("EventPattern".into(), json!(pattern.json().to_compact()));
    }
    optional(&mut out, "ScheduleExpression", &rule.schedule_expression);
    if with_timezone {
        optional(&mut out, "ScheduleExpressionTimezone", &rule.schedule_expression_timezone);
    }
    out.insert("State".into(), json!(rule.state.as_str()));
    optional(&mut out, "RoleArn", &rule.role_arn);
    out
}

/// One target as PutTargets takes it.
pub(crate) fn target_json(target: &Target) -> serde_json::Value {
    use serde_json::{Map, Value as J, json};
    let mut out = Map::new();
    out.insert("Id".into(), json!(target.id));
    out.insert("Arn".into(), json!(target.arn));
    if let Some(role) = &target.role_arn {
        out.insert("RoleArn".into(), json!(role));
    }
    match &target.input {
        None => {}
        Some(TargetInput::Input(input)) => {
            out.insert("Input".into(), json!(input));
        }
        Some(TargetInput::InputPath(path)) => {
            out.insert("InputPath".into(), json!(path));
        }
        Some(TargetInput::InputTransformer(transformer)) => {
            out.insert(
                "InputTransformer".into(),
                serde_json::to_value(transformer).unwrap_or(J::Null),
            );
        }
    }
    if let Some(retry) = &target.retry_policy {
        let mut policy = Map::new();
        if let Some(n) = retry.maximum_retry_attempts {
            policy.insert("MaximumRetryAttempts".into(), json!(n));
        }
        if let Some(n) = retry.maximum_event_age_in_seconds {
            policy.insert("MaximumEventAgeInSeconds".into(), json!(n));
        }
        out.insert("RetryPolicy".into(), J::Object(policy));
    }
    if let Some(dlq) = &target.dead_letter_config {
        out.insert("DeadLetterConfig".into(), json!({ "Arn": dlq.arn }));
    }
    J::Object(out)
}
