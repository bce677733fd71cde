//! What the importers share: the rule being built and where its parts came
//! from, patterns written out as compact JSON with their places in the
//! input, JSON documents, and PutRule-shaped fields (PutRule, describe-rule
//! and CloudFormation all name them alike) with CloudFormation's intrinsic
//! functions turned into placeholders.

use evpat::Pattern;
use evpat::json::{self, Node, Span, SyntaxErrorKind, Value};

use super::{ImportError, Imported, Source};
use crate::export::json_string;
use crate::rule::read::state_message;
pub(super) use crate::rule::read::{null_message, several_inputs_message};
use crate::rule::{DeadLetterConfig, RetryPolicy, Rule, RuleState, Target, TargetInput};
use crate::transformer::InputTransformer;

/// The deepest nesting an input may have: a pattern's limit, plus the
/// levels of the deepest template around it (a SAM function's
/// `Resources.F.Properties.Events.E.Properties.Pattern`).
pub(super) const MAX_DEPTH: usize = evpat::Limits::AWS.max_pattern_depth + 16;

/// The id given to a Scheduler schedule's target, which has none of its
/// own (the rule model's targets need one).
pub(super) const SCHEDULER_TARGET_ID: &str = "Target0";

/// The input, and the warnings gathered while reading it.
pub(super) struct Ctx<'t> {
    pub text: &'t str,
    pub warnings: Vec<String>,
    /// Whether objects such as `{"Ref": "X"}` are CloudFormation's
    /// intrinsic functions, to be turned into placeholders.
    pub intrinsics: bool,
    /// The spans of the patterns read, for warnings about their values.
    pub pattern_spans: Vec<Span>,
}

impl<'t> Ctx<'t> {
    pub fn new(text: &'t str) -> Ctx<'t> {
        Ctx { text, warnings: Vec::new(), intrinsics: false, pattern_spans: Vec::new() }
    }

    /// A warning about the input at byte `offset`, which it names by line.
    pub fn warn(&mut self, offset: usize, message: impl AsRef<str>) {
        let (line, _) = evpat::line_column(self.text, offset);
        self.warnings.push(format!("line {line}: {}", message.as_ref()));
    }

    /// An error at byte `offset`.
    pub fn error(&self, offset: usize, message: impl Into<String>) -> ImportError {
        ImportError::at(self.text, offset, message)
    }
}

/// A rule being read, and where each of its fields was written, so that
/// [`Rule::validate`]'s complaints can be placed in the input.
pub(super) struct Draft {
    pub rule: Rule,
    /// What the rule can be named after when the input gives no name: a
    /// logical id, a resource label, a method name.
    pub origin: String,
    /// Where the rule's definition starts.
    pub at: usize,
    /// PutRule-shaped paths (`$.Targets[0].Arn`) and the offsets of their
    /// values.
    places: Vec<(String, usize)>,
}

impl Draft {
    /// A rule with no name yet, defined at `at`.
    pub fn new(at: usize, origin: impl Into<String>) -> Draft {
        Draft { rule: Rule::named(""), origin: origin.into(), at, places: Vec::new() }
    }

    /// Notes that the value at `path` was written at `offset`.
    pub fn place(&mut self, path: impl Into<String>, offset: usize) {
        self.places.push((path.into(), offset));
    }

    /// The offset of the value at `path`, or of its nearest placed parent.
    fn offset_of(&self, path: &str) -> usize {
        self.places
            .iter()
            .filter(|(placed, _)| {
                path == placed
                    || path
                        .strip_prefix(placed.as_str())
                        .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
            })
            .max_by_key(|(placed, _)| placed.len())
            .map_or(self.at, |(_, offset)| *offset)
    }
}

/// Names the nameless rules, checks every rule with [`Rule::validate`], and
/// hands back what was imported.
pub(super) fn finish(
    mut ctx: Ctx<'_>,
    source: Source,
    mut drafts: Vec<Draft>,
) -> Result<Imported, ImportError> {
    let mut taken: Vec<String> = drafts
        .iter()
        .map(|draft| draft.rule.name.clone())
        .filter(|name| !name.is_empty())
        .collect();
    for draft in &mut drafts {
        if !draft.rule.name.is_empty() {
            continue;
        }
        let base = rule_name(&draft.origin);
        let mut name = base.clone();
        let mut n = 2;
        while taken.contains(&name) {
            let suffix = format!("-{n}");
            let keep = base.chars().count().min(64 - suffix.len());
            name = base.chars().take(keep).collect::<String>() + &suffix;
            n += 1;
        }
        let after = if draft.origin.is_empty() || draft.origin == name {
            String::new()
        } else {
            format!(", after {}", draft.origin)
        };
        ctx.warn(
            draft.at,
            format!("the rule has no name of its own: it is named {name} here{after}"),
        );
        taken.push(name.clone());
        draft.rule.name = name;
    }
    let mut rules = Vec::with_capacity(drafts.len());
    for draft in drafts {
        if let Err(error) = draft.rule.validate() {
            return Err(ctx
                .error(draft.offset_of(error.path()), error.message())
                .with_optional_hint(error.hint()));
        }
        rules.push(draft.rule);
    }
    Ok(Imported { source, rules, warnings: ctx.warnings })
}

/// The name of a rule that has none, and nothing to be named after.
pub(super) const DEFAULT_NAME: &str = "imported-rule";

/// A valid rule name made from `origin`: characters a name cannot hold
/// become `-`, and it is cut to 64 characters.
pub(super) fn rule_name(origin: &str) -> String {
    let name: String = origin
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '-' })
        .take(64)
        .collect();
    let trimmed = name.trim_matches('-');
    if trimmed.is_empty() { DEFAULT_NAME.to_owned() } else { trimmed.to_owned() }
}

// Patterns.

/// Where the text of a pattern string came from, to place its errors.
#[derive(Clone, Copy)]
pub(super) enum Literal {
    /// A JSON string literal at this span of the input: offsets inside the
    /// decoded string map back through its escapes.
    Json(Span),
    /// A string written some other way, starting at this offset; errors
    /// inside it name their line and column in the string.
    Other(usize),
}

/// A pattern written as a JSON string: `"{\"source\":[\"aws.ec2\"]}"`.
pub(super) fn pattern_from_string(
    ctx: &Ctx<'_>,
    pattern: &str,
    literal: Literal,
) -> Result<Pattern, ImportError> {
    let parsed = Pattern::parse(pattern).and_then(|p| Pattern::parse(&p.compact_text()));
    parsed.map_err(|error| {
        let inner = error.span().start;
        match literal {
            Literal::Json(span) => {
                ctx.error(decoded_to_source(ctx.text, span, inner), error.to_string())
            }
            Literal::Other(at) => {
                let (line, column) = evpat::line_column(pattern, inner);
                ctx.error(
                    at,
                    format!("{error} (at line {line}, column {column} of the pattern string)"),
                )
            }
        }
        .with_optional_hint(error.hint())
    })
}

/// The offset in `text` of the character at byte `index` of the string
/// that the JSON literal at `literal` decodes to.
pub(super) fn decoded_to_source(text: &str, literal: Span, index: usize) -> usize {
    let bytes = text.as_bytes();
    let end = literal.end.min(bytes.len()).saturating_sub(1);
    let mut pos = literal.start + 1;
    let mut decoded = 0;
    while pos < end && decoded < index {
        let (source_len, decoded_len) = if bytes[pos] == b'\\' {
            match bytes.get(pos + 1) {
                Some(b'u') => {
                    let unit =
                        text.get(pos + 2..pos + 6).and_then(|h| u32::from_str_radix(h, 16).ok());
                    match unit {
                        // A surrogate pair is two escapes for one character.
                        Some(0xD800..=0xDBFF) if text.get(pos + 6..pos + 8) == Some("\\u") => {
                            (12, 4)
                        }
                        Some(unit) => (6, char::from_u32(unit).map_or(3, char::len_utf8)),
                        None => (2, 1),
                    }
                }
                _ => (2, 1),
            }
        } else {
            let len = text.get(pos..).and_then(|s| s.chars().next()).map_or(1, char::len_utf8);
            (len, len)
        };
        pos += source_len;
        decoded += decoded_len;
    }
    pos.min(end)
}

/// Compact JSON written from a tree, with the place in the input of each
/// value and key written.
struct Compact<'c, 't> {
    ctx: &'c mut Ctx<'t>,
    out: String,
    /// `(start, end, source)`: the bytes `start..end` of `out` were written
    /// for the value or key at offset `source` of the input.
    marks: Vec<(usize, usize, usize)>,
}

impl Compact<'_, '_> {
    fn write(&mut self, node: &Node, depth: usize) -> Result<(), ImportError> {
        if depth > MAX_DEPTH {
            return Err(self.ctx.error(node.span.start, too_deep_message()));
        }
        let start = self.out.len();
        if self.ctx.intrinsics
            && let Some(text) = intrinsic(self.ctx, node, "a value in the pattern")
        {
            self.out.push_str(&json_string(&text));
        } else {
            match &node.value {
                Value::Array(items) => {
                    self.out.push('[');
                    for (i, item) in items.iter().enumerate() {
                        if i > 0 {
                            self.out.push(',');
                        }
                        self.write(item, depth + 1)?;
                    }
                    self.out.push(']');
                }
                Value::Object(members) => {
                    self.out.push('{');
                    for (i, member) in members.iter().enumerate() {
                        if i > 0 {
                            self.out.push(',');
                        }
                        let key_start = self.out.len();
                        self.out.push_str(&json_string(&member.key));
                        self.marks.push((key_start, self.out.len(), member.key_span.start));
                        self.out.push(':');
                        self.write(&member.value, depth + 1)?;
                    }
                    self.out.push('}');
                }
                scalar => self.out.push_str(&Node::new(scalar.clone()).to_compact()),
            }
        }
        self.marks.push((start, self.out.len(), node.span.start));
        Ok(())
    }

    /// The input offset of the innermost value or key written over byte
    /// `offset` of the output.
    fn source_of(&self, offset: usize) -> Option<usize> {
        self.marks
            .iter()
            .filter(|(start, end, _)| *start <= offset && offset < (*end).max(*start + 1))
            .min_by_key(|(start, end, _)| end - start)
            .map(|(_, _, source)| *source)
    }
}

/// A pattern written as a tree in the input: a JSON or YAML object, an
/// HCL `jsonencode` argument, a Ruby hash. It is written out as compact
/// JSON, numbers as written, and parsed; errors are placed at the value
/// they are about.
pub(super) fn pattern_from_node(ctx: &mut Ctx<'_>, node: &Node) -> Result<Pattern, ImportError> {
    ctx.pattern_spans.push(node.span);
    let mut compact = Compact { ctx, out: String::new(), marks: Vec::new() };
    compact.write(node, 1)?;
    match Pattern::parse(&compact.out) {
        Ok(pattern) => Ok(pattern),
        Err(error) => {
            let at = compact.source_of(error.span().start).unwrap_or(node.span.start);
            Err(compact.ctx.error(at, error.to_string()).with_optional_hint(error.hint()))
        }
    }
}

pub(super) fn too_deep_message() -> String {
    format!("the input nests more than {MAX_DEPTH} levels deep")
}

// JSON documents.

/// Reads JSON text, within [`MAX_DEPTH`].
pub(super) fn read_json(text: &str) -> Result<Node, ImportError> {
    json::read(text, MAX_DEPTH).map_err(|error| json_error(text, &error))
}

/// An error for JSON that does not read.
pub(super) fn json_error(text: &str, error: &json::SyntaxError) -> ImportError {
    let hint = match error.kind {
        SyntaxErrorKind::TooDeep => "flatten the nesting",
        SyntaxErrorKind::Syntax => {
            "JSON needs double-quoted keys and strings, commas between members, and no trailing \
             commas"
        }
    };
    ImportError::at(text, error.span.start, &error.message).with_hint(hint)
}

/// The spans of the JSON values written one after another in `text`, as
/// when the outputs of two AWS CLI commands are pasted together. Values
/// are found by their brackets and quotes only; [`read_json_at`] reads
/// them properly.
pub(super) fn json_documents(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut pos = 0;
    loop {
        while bytes.get(pos).is_some_and(u8::is_ascii_whitespace) {
            pos += 1;
        }
        let Some(&first) = bytes.get(pos) else { break };
        let start = pos;
        if first == b'{' || first == b'[' {
            let mut depth = 0usize;
            let mut in_string = false;
            while let Some(&b) = bytes.get(pos) {
                pos += 1;
                if in_string {
                    match b {
                        b'\\' => pos += 1,
                        b'"' => in_string = false,
                        _ => {}
                    }
                } else {
                    match b {
                        b'"' => in_string = true,
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                }
            }
        } else {
            // Anything else runs to the next whitespace; it will not read,
            // and reading it gives the error.
            while bytes.get(pos).is_some_and(|b| !b.is_ascii_whitespace()) {
                pos += 1;
            }
        }
        spans.push(Span { start, end: pos.min(bytes.len()) });
    }
    spans
}

/// Reads the JSON value at `span` of `text`, with spans that are offsets in
/// the whole of `text`: the rest of the text is blanked out rather than cut
/// off.
pub(super) fn read_json_at(text: &str, span: Span) -> Result<Node, ImportError> {
    let masked: String = text
        .char_indices()
        .map(|(i, c)| {
            if (span.start..span.end).contains(&i) {
                c.to_string()
            } else if c == '\n' {
                "\n".to_owned()
            } else {
                " ".repeat(c.len_utf8())
            }
        })
        .collect();
    json::read(&masked, MAX_DEPTH).map_err(|error| json_error(text, &error))
}

// PutRule-shaped fields, as PutRule, describe-rule and CloudFormation
// write them.

/// The name of a CloudFormation intrinsic function, when `node` is one:
/// an object with one member, `Ref` or `Fn::…`.
pub(super) fn intrinsic_name(node: &Node) -> Option<&str> {
    match node.members()? {
        [member] if member.key == "Ref" || member.key.starts_with("Fn::") => Some(&member.key),
        _ => None,
    }
}

/// When `node` is an intrinsic function (and the input has them), the
/// placeholder that stands for its value, with a warning that says so.
/// `what` names the value in the warning.
pub(super) fn intrinsic(ctx: &mut Ctx<'_>, node: &Node, what: &str) -> Option<String> {
    if !ctx.intrinsics {
        return None;
    }
    let name = intrinsic_name(node)?.to_owned();
    let text = placeholder(node, 0);
    let short = short_form(&name);
    let described = match name.as_str() {
        "Ref" | "Fn::GetAtt" => {
            format!("{short} {}", text.trim_start_matches("${").trim_end_matches('}'))
        }
        _ => format!("a {short}"),
    };
    ctx.warn(
        node.span.start,
        format!(
            "{what} is {described}, which CloudFormation resolves at deploy time; imported as \
             the placeholder {text}"
        ),
    );
    Some(text)
}

/// `Fn::GetAtt` as YAML's short form writes it: `!GetAtt`.
fn short_form(name: &str) -> String {
    format!("!{}", name.strip_prefix("Fn::").unwrap_or(name))
}

/// A readable stand-in for an intrinsic function's value: `${MyFunction.Arn}`
/// for `!GetAtt MyFunction.Arn`, `${MyBus}` for `!Ref MyBus`, the string of
/// a `!Sub`, the joined parts of a `!Join`.
pub(super) fn placeholder(node: &Node, depth: usize) -> String {
    let Some(name) = intrinsic_name(node) else {
        return match &node.value {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.lexeme.clone(),
            Value::Bool(b) => b.to_string(),
            _ => "${…}".to_owned(),
        };
    };
    let Some(argument) = node.get(name) else { return "${…}".to_owned() };
    if depth > 16 {
        return format!("${{{name}}}");
    }
    match name {
        "Ref" => format!("${{{}}}", placeholder(argument, depth + 1)),
        "Fn::GetAtt" => match (&argument.value, argument.items()) {
            (Value::String(s), _) => format!("${{{s}}}"),
            (_, Some(parts)) => {
                let parts: Vec<String> = parts.iter().map(|p| placeholder(p, depth + 1)).collect();
                format!("${{{}}}", parts.join("."))
            }
            _ => format!("${{{name}}}"),
        },
        "Fn::Sub" => match (&argument.value, argument.items()) {
            (Value::String(s), _) => s.clone(),
            (_, Some([first, ..])) => placeholder(first, depth + 1),
            _ => format!("${{{name}}}"),
        },
        "Fn::Join" => match argument.items() {
            Some([delimiter, parts]) => match (delimiter.as_str(), parts.items()) {
                (Some(delimiter), Some(parts)) => parts
                    .iter()
                    .map(|p| placeholder(p, depth + 1))
                    .collect::<Vec<_>>()
                    .join(delimiter),
                _ => format!("${{{name}}}"),
            },
            _ => format!("${{{name}}}"),
        },
        "Fn::ImportValue" => format!("${{ImportValue {}}}", placeholder(argument, depth + 1)),
        _ => format!("${{{name}}}"),
    }
}

/// Reads scalar fields as strings. CloudFormation turns numbers and
/// booleans written for a string property into their text, and so does
/// this.
pub(super) fn string(ctx: &mut Ctx<'_>, node: &Node, what: &str) -> Result<String, ImportError> {
    if let Some(text) = intrinsic(ctx, node, what) {
        return Ok(text);
    }
    match &node.value {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.lexeme.clone()),
        Value::Bool(b) => Ok(b.to_string()),
        other => Err(ctx
            .error(node.span.start, format!("{what} must be a string, not {}", type_name(other)))),
    }
}

/// A JSON type's name, as messages say it.
pub(super) fn type_name(value: &Value) -> &'static str {
    value.type_name()
}

/// A whole number field (`MaximumRetryAttempts`), written as a number or
/// as a string of digits.
pub(super) fn number(ctx: &Ctx<'_>, node: &Node, what: &str) -> Result<u32, ImportError> {
    let text = match &node.value {
        Value::Number(n) => n.lexeme.as_str(),
        Value::String(s) => s.as_str(),
        other => {
            return Err(ctx.error(
                node.span.start,
                format!("{what} must be a number, not {}", type_name(other)),
            ));
        }
    };
    text.parse::<u32>().map_err(|_| {
        ctx.error(node.span.start, format!("{what} must be a whole number, not {text}"))
    })
}

/// The object at `node`, or an error naming `what`.
pub(super) fn object<'n>(
    ctx: &Ctx<'_>,
    node: &'n Node,
    what: &str,
) -> Result<&'n [json::Member], ImportError> {
    node.members().ok_or_else(|| {
        ctx.error(
            node.span.start,
            format!("{what} must be an object, not {}", type_name(&node.value)),
        )
    })
}

/// The state named `name`, written at `at`; AWS's message for a state
/// outside the enumeration.
pub(super) fn state(ctx: &Ctx<'_>, at: usize, name: &str) -> Result<RuleState, ImportError> {
    RuleState::from_name(name).ok_or_else(|| {
        ctx.error(at, state_message(name))
            .with_hint("use ENABLED, DISABLED or ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS")
    })
}

/// How [`rule_fields`] treats the fields it does not know.
pub(super) struct Fields<'a> {
    /// Fields read elsewhere, or that say nothing about the rule (`Arn`,
    /// `CreatedBy`): passed over quietly.
    pub quiet: &'a [&'a str],
    /// The name of the `Name` field: `Name`, or SAM's `RuleName`.
    pub name: &'a str,
}

/// Reads PutRule's fields from an object into `draft`, in PutRule's
/// spelling: `Name`, `Description`, `EventBusName`, `State`,
/// `EventPattern` (an object or a JSON string), `ScheduleExpression`,
/// `ScheduleExpressionTimezone`, `RoleArn` and `Targets`. Other fields are
/// passed over with a warning.
pub(super) fn rule_fields(
    ctx: &mut Ctx<'_>,
    node: &Node,
    draft: &mut Draft,
    fields: &Fields<'_>,
) -> Result<(), ImportError> {
    let members = object(ctx, node, "the rule")?;
    for member in members {
        let value = &member.value;
        let at = value.span.start;
        let key = member.key.as_str();
        match key {
            _ if key == fields.name => name(ctx, value, key, draft)?,
            "EventBusName" => {
                draft.rule.event_bus_name = event_bus(ctx, value)?;
                draft.place("$.EventBusName", at);
            }
            "EventPattern" => {
                draft.rule.event_pattern = Some(event_pattern(ctx, value)?);
                draft.place("$.EventPattern", at);
            }
            "RoleArn" => {
                draft.rule.role_arn = Some(string(ctx, value, key)?);
                draft.place("$.RoleArn", at);
            }
            "Targets" => targets(ctx, value, draft)?,
            _ => {
                if !shared_field(ctx, member, draft)? && !fields.quiet.contains(&key) {
                    ctx.warn(
                        member.key_span.start,
                        format!("{key} is not part of the rule model; it was left out"),
                    );
                }
            }
        }
    }
    Ok(())
}

/// Reads one of the fields a rule and a Scheduler schedule name alike,
/// which are PutRule's names: `Description`, `State`, `ScheduleExpression`
/// and `ScheduleExpressionTimezone`. `Ok(false)` for any other field.
pub(super) fn shared_field(
    ctx: &mut Ctx<'_>,
    member: &json::Member,
    draft: &mut Draft,
) -> Result<bool, ImportError> {
    let value = &member.value;
    let key = member.key.as_str();
    match key {
        "Description" => draft.rule.description = Some(string(ctx, value, key)?),
        "State" => {
            let name = string(ctx, value, key)?;
            draft.rule.state = state(ctx, value.span.start, &name)?;
        }
        "ScheduleExpression" => draft.rule.schedule_expression = Some(string(ctx, value, key)?),
        "ScheduleExpressionTimezone" => {
            draft.rule.schedule_expression_timezone = Some(string(ctx, value, key)?);
        }
        _ => return Ok(false),
    }
    draft.place(format!("$.{key}"), value.span.start);
    Ok(true)
}

/// The rule's name. A name only CloudFormation knows (`!Sub
/// ${AWS::StackName}-rule`) cannot be a rule's name here: the rule is
/// named after its logical id instead.
pub(super) fn name(
    ctx: &mut Ctx<'_>,
    value: &Node,
    key: &str,
    draft: &mut Draft,
) -> Result<(), ImportError> {
    if ctx.intrinsics && intrinsic_name(value).is_some() {
        let text = placeholder(value, 0);
        ctx.warn(
            value.span.start,
            format!("{key} is {text}, which CloudFormation resolves at deploy time"),
        );
    } else {
        draft.rule.name = string(ctx, value, key)?;
        draft.place("$.Name", value.span.start);
    }
    Ok(())
}

/// A boolean field, such as SAM's `Enabled`.
pub(super) fn boolean(ctx: &Ctx<'_>, node: &Node, what: &str) -> Result<bool, ImportError> {
    match &node.value {
        Value::Bool(b) => Ok(*b),
        Value::String(s) if s == "true" || s == "false" => Ok(s == "true"),
        other => Err(ctx.error(
            node.span.start,
            format!("{what} must be true or false, not {}", type_name(other)),
        )),
    }
}

/// `EventBusName`. A bus that only CloudFormation knows (`!Ref MyBus`,
/// `!GetAtt MyBus.Name`) is named after its logical id, since a
/// placeholder is no valid bus name; anything else such leaves the rule on
/// the default bus.
pub(super) fn event_bus(ctx: &mut Ctx<'_>, node: &Node) -> Result<Option<String>, ImportError> {
    let Some(name) = intrinsic_name(node).filter(|_| ctx.intrinsics) else {
        return string(ctx, node, "EventBusName").map(Some);
    };
    let text = placeholder(node, 0);
    let logical_id = match name {
        "Ref" | "Fn::GetAtt" => {
            let inner = text.trim_start_matches("${").trim_end_matches('}');
            let id = inner.split('.').next().unwrap_or(inner);
            (!id.is_empty() && !id.contains("::")).then(|| id.to_owned())
        }
        _ => None,
    };
    match logical_id {
        Some(id) => {
            ctx.warn(
                node.span.start,
                format!(
                    "EventBusName is {text}, which CloudFormation resolves at deploy time; the \
                     bus is called {id} here"
                ),
            );
            Ok(Some(id))
        }
        None => {
            ctx.warn(
                node.span.start,
                format!(
                    "EventBusName is {text}, which CloudFormation resolves at deploy time; the \
                     rule was imported on the default bus"
                ),
            );
            Ok(None)
        }
    }
}

/// `EventPattern`: an object, or a JSON string as the API takes it.
pub(super) fn event_pattern(ctx: &mut Ctx<'_>, node: &Node) -> Result<Pattern, ImportError> {
    if ctx.intrinsics && intrinsic_name(node) == Some("Fn::Sub") {
        let text = placeholder(node, 0);
        ctx.warn(
            node.span.start,
            "EventPattern is a !Sub, whose ${…} CloudFormation fills in at deploy time; they \
             were kept as written",
        );
        return pattern_from_string(ctx, &text, Literal::Other(node.span.start));
    }
    match &node.value {
        Value::Object(_) => pattern_from_node(ctx, node),
        Value::String(s) => {
            let literal = if ctx.text.as_bytes().get(node.span.start) == Some(&b'"') {
                Literal::Json(node.span)
            } else {
                Literal::Other(node.span.start)
            };
            pattern_from_string(ctx, s, literal)
        }
        other => Err(ctx
            .error(
                node.span.start,
                format!(
                    "EventPattern must be an object or a JSON string, not {}",
                    type_name(other)
                ),
            )
            .with_hint("write the pattern as an object, such as {\"source\": [\"aws.ec2\"]}")),
    }
}

/// `Targets`, as PutTargets takes them.
pub(super) fn targets(
    ctx: &mut Ctx<'_>,
    node: &Node,
    draft: &mut Draft,
) -> Result<(), ImportError> {
    let Some(items) = node.items() else {
        return Err(ctx.error(
            node.span.start,
            format!("Targets must be an array, not {}", type_name(&node.value)),
        ));
    };
    for item in items {
        let i = draft.rule.targets.len();
        let target = target(ctx, item, i, draft)?;
        draft.rule.targets.push(target);
    }
    Ok(())
}

/// One target, in PutTargets' spelling. Fields the rule model does not hold
/// (`EcsParameters`, `SqsParameters`, …) are left out with a warning.
pub(super) fn target(
    ctx: &mut Ctx<'_>,
    node: &Node,
    i: usize,
    draft: &mut Draft,
) -> Result<Target, ImportError> {
    let path = format!("$.Targets[{i}]");
    let what = format!("Targets[{i}]");
    let members = object(ctx, node, &what)?;
    draft.place(path.clone(), node.span.start);
    let mut id = None;
    let mut arn = None;
    let mut role_arn = None;
    let mut inputs = Vec::new();
    let mut retry_policy = None;
    let mut dead_letter_config = None;
    for member in members {
        let value = &member.value;
        let key = member.key.as_str();
        let field = format!("{what}.{key}");
        draft.place(format!("{path}.{key}"), value.span.start);
        match key {
            "Id" => id = Some(string(ctx, value, &field)?),
            "Arn" => arn = Some(string(ctx, value, &field)?),
            "RoleArn" => role_arn = Some(string(ctx, value, &field)?),
            "Input" => inputs.push(TargetInput::Input(string(ctx, value, &field)?)),
            "InputPath" => inputs.push(TargetInput::InputPath(string(ctx, value, &field)?)),
            "InputTransformer" => {
                inputs.push(TargetInput::InputTransformer(transformer(ctx, value, &field)?));
            }
            "RetryPolicy" => retry_policy = Some(retry(ctx, value, &field)?),
            "DeadLetterConfig" => {
                object(ctx, value, &field)?;
                let Some(arn) = value.get("Arn") else {
                    return Err(ctx.error(value.span.start, format!("{field}.Arn is missing")));
                };
                dead_letter_config = Some(DeadLetterConfig { arn: string(ctx, arn, &field)? });
            }
            _ => ctx.warn(
                member.key_span.start,
                format!("{field} is not part of the rule model; it was left out"),
            ),
        }
    }
    let missing = |ctx: &Ctx<'_>, name: &str| {
        ctx.error(node.span.start, null_message(&format!("targets.{}.member.{name}", i + 1)))
    };
    let id = id.ok_or_else(|| missing(ctx, "id"))?;
    let arn = arn.ok_or_else(|| missing(ctx, "arn"))?;
    if inputs.len() > 1 {
        return Err(ctx.error(node.span.start, several_inputs_message(&id)));
    }
    Ok(Target { id, arn, role_arn, input: inputs.pop(), retry_policy, dead_letter_config })
}

/// `InputTransformer`: `InputPathsMap` and `InputTemplate`.
pub(super) fn transformer(
    ctx: &mut Ctx<'_>,
    node: &Node,
    what: &str,
) -> Result<InputTransformer, ImportError> {
    object(ctx, node, what)?;
    let mut input_paths_map = Vec::new();
    if let Some(map) = node.get("InputPathsMap") {
        for member in object(ctx, map, &format!("{what}.InputPathsMap"))? {
            let path = string(ctx, &member.value, &format!("{what}.InputPathsMap.{}", member.key))?;
            input_paths_map.push((member.key.clone(), path));
        }
    }
    let Some(template) = node.get("InputTemplate") else {
        return Err(ctx.error(node.span.start, null_message("inputTransformer.inputTemplate")));
    };
    let input_template = string(ctx, template, &format!("{what}.InputTemplate"))?;
    Ok(InputTransformer { input_paths_map, input_template })
}

/// `RetryPolicy`: `MaximumRetryAttempts` and `MaximumEventAgeInSeconds`.
pub(super) fn retry(
    ctx: &mut Ctx<'_>,
    node: &Node,
    what: &str,
) -> Result<RetryPolicy, ImportError> {
    retry_policy(ctx, node, what, ["MaximumRetryAttempts", "MaximumEventAgeInSeconds"])
}

/// A retry policy whose fields are named `keys`: the maximum retry
/// attempts', then the maximum event age's (in seconds), as PutTargets or
/// the Serverless Framework names them.
pub(super) fn retry_policy(
    ctx: &mut Ctx<'_>,
    node: &Node,
    what: &str,
    keys: [&str; 2],
) -> Result<RetryPolicy, ImportError> {
    let [attempts, event_age] = keys;
    let mut policy = RetryPolicy::default();
    for member in object(ctx, node, what)? {
        let field = format!("{what}.{}", member.key);
        match member.key.as_str() {
            key if key == attempts => {
                policy.maximum_retry_attempts = Some(number(ctx, &member.value, &field)?);
            }
            key if key == event_age => {
                policy.maximum_event_age_in_seconds = Some(number(ctx, &member.value, &field)?);
            }
            _ => ctx.warn(
                member.key_span.start,
                format!("{field} is not part of a retry policy; it was left out"),
            ),
        }
    }
    Ok(policy)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_made_from_origins() {
        assert_eq!(rule_name("Ec2StateRule"), "Ec2StateRule");
        assert_eq!(
            rule_name("aws_cloudwatch_event_rule.ec2 state"),
            "aws_cloudwatch_event_rule.ec2-state"
        );
        assert_eq!(rule_name("é"), DEFAULT_NAME);
        assert_eq!(rule_name(""), DEFAULT_NAME);
        assert_eq!(rule_name(&"x".repeat(70)).len(), 64);
    }

    #[test]
    fn decoded_offsets_map_back_through_escapes() {
        let text = r#"  "a\"b\u00e9c\ud83c\udf89d""#;
        let literal = Span { start: 2, end: text.len() };
        // Decoded: a " b é(2) c 🎉(4) d
        assert_eq!(&text[decoded_to_source(text, literal, 0)..][..1], "a");
        assert_eq!(&text[decoded_to_source(text, literal, 2)..][..1], "b");
        assert_eq!(&text[decoded_to_source(text, literal, 5)..][..1], "c");
        assert_eq!(&text[decoded_to_source(text, literal, 10)..][..1], "d");
    }

    #[test]
    fn documents_one_after_another() {
        let text = "{\"a\": \"}\"}\n[1, [2]] \"s\" 3";
        let spans: Vec<&str> = json_documents(text).iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(spans, ["{\"a\": \"}\"}", "[1, [2]]", "\"s\"", "3"]);
        let second = read_json_at(text, json_documents(text)[1]).unwrap();
        assert_eq!(second.span.start, 11);
        assert_eq!(second.to_compact(), "[1,[2]]");
    }
}
