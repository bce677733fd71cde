//! `terraform`: `aws_cloudwatch_event_rule` resources, the
//! `aws_cloudwatch_event_target`s whose `rule` names them, and
//! `aws_scheduler_schedule`.
//!
//! HCL is read with our own reader (`hcl`), which keeps every number as
//! written and every span. `event_pattern` may be
//! `jsonencode({…})` (also of a `local`), a heredoc, or a string of JSON.
//! A pattern from `jsonencode` keeps the keys in the order written:
//! Terraform's `jsonencode` sorts them, which changes nothing for AWS.
//! Values Terraform only knows at apply time (`aws_lambda_function.f.arn`,
//! `var.bus`, `"${…}"`) become the placeholder `${aws_lambda_function.f.arn}`,
//! with a warning.

use std::collections::HashMap;
use std::ops::Range;

use evpat::json::{Member, Node, Number, Span as JsonSpan, Value};

use super::common::{
    Ctx, Draft, Literal, MAX_DEPTH, SCHEDULER_TARGET_ID, finish, null_message, pattern_from_node,
    pattern_from_string, read_json_at, several_inputs_message, state, too_deep_message,
};
use super::hcl::{self, Attribute, Block, Expr, Kind, Part, Step};
use super::{ImportError, Imported, Source};
use crate::rule::{DeadLetterConfig, RetryPolicy, RuleState, Target, TargetInput};
use crate::transformer::InputTransformer;

/// The deepest bracket nesting read, checked before the reader runs, which
/// has its own, higher limit ([`hcl::MAX_NESTING`]) for what brackets do
/// not show; patterns are far shallower than this.
const MAX_HCL_NESTING: usize = 40;

/// Arguments that say nothing about what the rule matches or where it
/// delivers, passed over quietly.
const QUIET: [&str; 9] = [
    "tags",
    "tags_all",
    "force_destroy",
    "count",
    "for_each",
    "provider",
    "depends_on",
    "lifecycle",
    "region",
];

pub(super) fn import(text: &str) -> Result<Imported, ImportError> {
    let mut ctx = Ctx::new(text);
    check_nesting(&ctx)?;
    let body = hcl::parse(text).map_err(|error| {
        ctx.error(error.at, format!("not valid HCL: {}", error.message))
            .with_hint("check the brackets, quotes and heredoc markers around this place")
    })?;
    let mut reader = Reader { ctx: &mut ctx, locals: HashMap::new(), buses: HashMap::new() };
    for block in &body.blocks {
        match (block.ident.as_str(), block.labels.as_slice()) {
            ("locals", _) => {
                for attribute in &block.body.attributes {
                    reader.locals.insert(attribute.key.clone(), &attribute.value);
                }
            }
            ("resource", [kind, label, ..]) if kind == "aws_cloudwatch_event_bus" => {
                if let Some(Kind::String(name)) =
                    block.body.attribute("name").map(|a| &a.value.kind)
                {
                    reader.buses.insert(label.clone(), name.clone());
                }
            }
            _ => {}
        }
    }
    let mut drafts = Vec::new();
    // Rule labels, by index in `drafts`, for the targets to find.
    let mut labels: Vec<Option<String>> = Vec::new();
    let mut target_blocks = Vec::new();
    let mut resources = Vec::new();
    for block in body.blocks.iter().filter(|block| block.ident == "resource") {
        let [kind, label, ..] = block.labels.as_slice() else { continue };
        resources.push(kind.clone());
        match kind.as_str() {
            "aws_cloudwatch_event_rule" => {
                drafts.push(reader.rule(block, label)?);
                labels.push(Some(label.clone()));
            }
            "aws_scheduler_schedule" => {
                drafts.push(reader.schedule(block, label)?);
                labels.push(None);
            }
            "aws_cloudwatch_event_target" => target_blocks.push(block),
            _ => {}
        }
    }
    if drafts.is_empty() {
        let at = body.blocks.first().map_or(0, |b| b.span.start);
        let found = if resources.is_empty() {
            "no resources".to_owned()
        } else {
            format!("only {}", resources.join(", "))
        };
        return Err(reader
            .ctx
            .error(
                at,
                format!(
                    "found no aws_cloudwatch_event_rule or aws_scheduler_schedule resource \
                     ({found})"
                ),
            )
            .with_hint("paste the resource \"aws_cloudwatch_event_rule\" block"));
    }
    for block in target_blocks {
        reader.target(block, &mut drafts, &labels)?;
    }
    finish(ctx, Source::Terraform, drafts)
}

/// Refuses nesting deeper than [`MAX_HCL_NESTING`] before the reader
/// sees it. Brackets are counted outside strings, comments and heredocs;
/// brackets inside `${…}` count, which errs on the safe side.
fn check_nesting(ctx: &Ctx<'_>) -> Result<(), ImportError> {
    let bytes = ctx.text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    let mut in_string = false;
    while let Some(&b) = bytes.get(i) {
        if in_string {
            match b {
                b'\\' => i += 1,
                b'"' | b'\n' => in_string = false,
                _ => {}
            }
        } else {
            match b {
                b'"' => in_string = true,
                b'#' => i = line_end(bytes, i),
                b'/' if bytes.get(i + 1) == Some(&b'/') => i = line_end(bytes, i),
                b'/' if bytes.get(i + 1) == Some(&b'*') => {
                    i = ctx.text[i + 2..].find("*/").map_or(bytes.len(), |end| i + 2 + end + 1);
                }
                b'<' if bytes.get(i + 1) == Some(&b'<') => i = heredoc_end(ctx.text, i),
                b'[' | b'{' | b'(' => {
                    depth += 1;
                    if depth > MAX_HCL_NESTING {
                        return Err(ctx
                            .error(
                                i,
                                format!("the HCL nests more than {MAX_HCL_NESTING} levels deep"),
                            )
                            .with_hint("flatten the nesting"));
                    }
                }
                b']' | b'}' | b')' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        i += 1;
    }
    Ok(())
}

fn line_end(bytes: &[u8], from: usize) -> usize {
    bytes[from..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |n| from + n)
}

/// The offset of the last byte of the heredoc opening at `at` (`<<EOF` or
/// `<<-EOF`), or `at + 1` when this is no heredoc.
fn heredoc_end(text: &str, at: usize) -> usize {
    let rest = &text[at + 2..];
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    let marker: String =
        rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    if marker.is_empty() {
        return at + 1;
    }
    let bytes = text.as_bytes();
    let mut line = line_end(bytes, at) + 1;
    while line < bytes.len() {
        let end = line_end(bytes, line);
        if text[line..end].trim() == marker {
            return end;
        }
        line = end + 1;
    }
    bytes.len()
}

struct Reader<'c, 't, 'b> {
    ctx: &'c mut Ctx<'t>,
    /// `locals { name = … }`, for `jsonencode(local.name)`.
    locals: HashMap<String, &'b Expr>,
    /// The names of the `aws_cloudwatch_event_bus` resources, by label, for
    /// `event_bus_name = aws_cloudwatch_event_bus.LABEL.name`.
    buses: HashMap<String, String>,
}

fn json_span(range: &Range<usize>) -> JsonSpan {
    JsonSpan { start: range.start, end: range.end }
}

impl<'b> Reader<'_, '_, 'b> {
    /// The source text of a span, for placeholders and messages.
    fn source(&self, span: &Range<usize>) -> String {
        self.ctx.text.get(span.clone()).map_or_else(|| "…".to_owned(), |s| s.trim().to_owned())
    }

    fn unknown(&mut self, attribute: &Attribute, what: &str) {
        let key = attribute.key.as_str();
        if !QUIET.contains(&key) {
            self.ctx.warn(
                attribute.span.start,
                format!("{what}.{key} is not part of the rule model; it was left out"),
            );
        }
    }

    fn unknown_block(&mut self, block: &Block, what: &str) {
        let ident = block.ident.as_str();
        if !QUIET.contains(&ident) {
            self.ctx.warn(
                block.span.start,
                format!("{what}.{ident} is not part of the rule model; it was left out"),
            );
        }
    }

    /// A placeholder for a value Terraform knows only at apply time.
    fn placeholder(&mut self, expr: &Expr, what: &str) -> String {
        let source = self.source(&expr.span);
        let text = format!("${{{source}}}");
        self.ctx.warn(
            expr.span.start,
            format!(
                "{what} is {source}, which Terraform resolves at apply time; imported as the \
                 placeholder {text}"
            ),
        );
        text
    }

    /// A string argument, and whether it holds placeholders.
    fn string(&mut self, expr: &Expr, what: &str) -> Result<(String, bool), ImportError> {
        Ok(match &expr.kind {
            Kind::String(s) | Kind::Number(s) => (s.clone(), false),
            Kind::Bool(b) => (b.to_string(), false),
            Kind::Template(parts) | Kind::Heredoc(parts) => self.template(parts, what),
            Kind::Parens(inner) => self.string(inner, what)?,
            Kind::Call(name, args) if name == "jsonencode" => match args.first() {
                Some(arg) => (self.node(arg, what, 0)?.to_compact(), false),
                None => (self.placeholder(expr, what), true),
            },
            Kind::Null | Kind::Tuple(_) | Kind::Object(_) => {
                return Err(self.ctx.error(
                    expr.span.start,
                    format!("{what} must be a string, not {}", self.source(&expr.span)),
                ));
            }
            _ => (self.placeholder(expr, what), true),
        })
    }

    /// A template's text, `${…}` and `%{…}` kept as written.
    fn template(&mut self, parts: &[Part], what: &str) -> (String, bool) {
        let mut out = String::new();
        let mut placeholders = false;
        for part in parts {
            match part {
                Part::Literal(literal, _) => out.push_str(literal),
                Part::Interpolation(expr) => {
                    out.push_str(&self.placeholder(expr, what));
                    placeholders = true;
                }
                Part::Directive(span) => {
                    let source = self.source(span);
                    self.ctx.warn(
                        span.start,
                        format!(
                            "{what} holds the template directive {source}, which Terraform \
                             evaluates at apply time; it was kept as written"
                        ),
                    );
                    out.push_str(&source);
                    placeholders = true;
                }
            }
        }
        (out, placeholders)
    }

    fn number(&mut self, expr: &Expr, what: &str) -> Result<u32, ImportError> {
        let text = match &expr.kind {
            Kind::Number(text) | Kind::String(text) => text,
            _ => {
                return Err(self.ctx.error(
                    expr.span.start,
                    format!("{what} must be a number, not {}", self.source(&expr.span)),
                ));
            }
        };
        text.parse::<u32>().map_err(|_| {
            self.ctx.error(expr.span.start, format!("{what} must be a whole number, not {text}"))
        })
    }

    /// An HCL value as a JSON tree, for `jsonencode`. References become
    /// placeholder strings.
    fn node(&mut self, expr: &Expr, what: &str, depth: usize) -> Result<Node, ImportError> {
        let at = expr.span.start;
        if depth > MAX_DEPTH {
            return Err(self.ctx.error(at, too_deep_message()));
        }
        let span = json_span(&expr.span);
        let value = match &expr.kind {
            Kind::Null => Value::Null,
            Kind::Bool(b) => Value::Bool(*b),
            Kind::Number(n) => Value::Number(self.json_number(n, at)?),
            Kind::String(s) => Value::String(s.clone()),
            Kind::Template(_) | Kind::Heredoc(_) => Value::String(self.string(expr, what)?.0),
            Kind::Parens(inner) => return self.node(inner, what, depth + 1),
            Kind::Tuple(items) => Value::Array(
                items
                    .iter()
                    .map(|item| self.node(item, what, depth + 1))
                    .collect::<Result<_, _>>()?,
            ),
            Kind::Object(items) => {
                let mut members = Vec::new();
                for (key, value) in items {
                    let key_span = json_span(&key.span);
                    let key = match &key.kind {
                        Kind::Variable(name) | Kind::String(name) => name.clone(),
                        _ => {
                            return Err(self
                                .ctx
                                .error(
                                    key.span.start,
                                    format!(
                                        "{what} has the computed key {}",
                                        self.source(&key.span)
                                    ),
                                )
                                .with_hint("write the key as a string, such as \"detail-type\""));
                        }
                    };
                    let value = self.node(value, what, depth + 1)?;
                    members.push(Member { key, key_span, value });
                }
                Value::Object(members)
            }
            Kind::Traversal(..) => match self.local(expr) {
                Some(local) => return self.node(local, what, depth + 1),
                None => Value::String(self.placeholder(expr, what)),
            },
            _ => Value::String(self.placeholder(expr, what)),
        };
        Ok(Node { value, span })
    }

    fn json_number(&self, lexeme: &str, at: usize) -> Result<Number, ImportError> {
        Number::new(lexeme).ok_or_else(|| {
            self.ctx.error(at, format!("the number {lexeme} cannot be written in JSON"))
        })
    }

    /// The expression `local.name` stands for, when it is defined here.
    fn local(&self, expr: &Expr) -> Option<&'b Expr> {
        let Kind::Traversal(root, steps) = &expr.kind else { return None };
        match (&root.kind, steps.as_slice()) {
            (Kind::Variable(root), [Step::Attr(name)]) if root == "local" => {
                self.locals.get(name).copied()
            }
            _ => None,
        }
    }

    /// `event_pattern`: `jsonencode(…)`, a heredoc or a string of JSON, or
    /// a `local` holding one of these.
    fn pattern(&mut self, expr: &Expr, depth: usize) -> Result<evpat::Pattern, ImportError> {
        let what = "event_pattern";
        let at = expr.span.start;
        match &expr.kind {
            Kind::Call(name, args) if name == "jsonencode" => {
                let Some(arg) = args.first() else {
                    return Err(self.ctx.error(at, "jsonencode() needs an argument"));
                };
                let node = self.node(arg, what, 0)?;
                pattern_from_node(self.ctx, &node)
            }
            Kind::Heredoc(parts) => {
                // A heredoc with nothing to interpolate is JSON as written
                // (indentation is whitespace to JSON), so errors can be
                // placed exactly; an escaped `$${` means the text differs.
                if let [Part::Literal(_, range)] = parts.as_slice()
                    && let Some(raw) = self.ctx.text.get(range.clone())
                    && !raw.contains("$${")
                    && !raw.contains("%%{")
                {
                    let node = read_json_at(self.ctx.text, json_span(range)).map_err(|error| {
                        match evpat::Pattern::parse(raw) {
                            Err(pattern_error) => self
                                .ctx
                                .error(
                                    range.start + pattern_error.span().start,
                                    pattern_error.to_string(),
                                )
                                .with_optional_hint(pattern_error.hint()),
                            Ok(_) => error,
                        }
                    })?;
                    return pattern_from_node(self.ctx, &node);
                }
                let (text, _) = self.template(parts, what);
                pattern_from_string(self.ctx, &text, Literal::Other(at))
            }
            Kind::Traversal(..) => match self.local(expr) {
                Some(local) if depth < 8 => self.pattern(local, depth + 1),
                _ => Err(self
                    .ctx
                    .error(
                        at,
                        format!(
                            "event_pattern is {}, which Terraform knows only at plan time",
                            self.source(&expr.span)
                        ),
                    )
                    .with_hint("paste the pattern itself, as jsonencode({…}) or a heredoc")),
            },
            Kind::Parens(inner) => self.pattern(inner, depth + 1),
            _ => {
                let (text, _) = self.string(expr, what)?;
                pattern_from_string(self.ctx, &text, Literal::Other(at))
            }
        }
    }

    /// An `aws_cloudwatch_event_rule`.
    fn rule(&mut self, block: &Block, label: &str) -> Result<Draft, ImportError> {
        let what = format!("aws_cloudwatch_event_rule.{label}");
        let mut draft = Draft::new(block.span.start, label);
        for attribute in &block.body.attributes {
            let value = &attribute.value;
            let at = value.span.start;
            let field = format!("{what}.{}", attribute.key.as_str());
            match attribute.key.as_str() {
                "event_bus_name" => {
                    draft.rule.event_bus_name = self.event_bus(value, &field)?;
                    draft.place("$.EventBusName", at);
                }
                "is_enabled" => match value.kind {
                    Kind::Bool(enabled) => {
                        draft.rule.state =
                            if enabled { RuleState::Enabled } else { RuleState::Disabled };
                    }
                    _ => self.unknown(attribute, &what),
                },
                "event_pattern" => {
                    draft.rule.event_pattern = Some(self.pattern(value, 0)?);
                    draft.place("$.EventPattern", at);
                }
                "role_arn" => {
                    draft.rule.role_arn = Some(self.string(value, &field)?.0);
                    draft.place("$.RoleArn", at);
                }
                _ => {
                    if !self.shared_argument(attribute, &field, label, &mut draft)? {
                        self.unknown(attribute, &what);
                    }
                }
            }
        }
        for inner in &block.body.blocks {
            self.unknown_block(inner, &what);
        }
        Ok(draft)
    }

    /// Reads one of the arguments a rule and a schedule name alike:
    /// `name`, `name_prefix`, `description`, `state` and
    /// `schedule_expression`. `Ok(false)` for any other argument.
    fn shared_argument(
        &mut self,
        attribute: &Attribute,
        field: &str,
        label: &str,
        draft: &mut Draft,
    ) -> Result<bool, ImportError> {
        let value = &attribute.value;
        let at = value.span.start;
        match attribute.key.as_str() {
            "name" => {
                let (name, placeholders) = self.string(value, field)?;
                // With a placeholder, which is warned about, the rule is
                // named after its label instead.
                if !placeholders {
                    draft.rule.name = name;
                    draft.place("$.Name", at);
                }
            }
            "name_prefix" => {
                let (prefix, _) = self.string(value, field)?;
                self.ctx.warn(at, format!("{field}: Terraform adds a unique suffix to {prefix}"));
                draft.origin = format!("{prefix}{label}");
            }
            "description" => {
                draft.rule.description = Some(self.string(value, field)?.0);
                draft.place("$.Description", at);
            }
            "state" => {
                let (name, _) = self.string(value, field)?;
                draft.rule.state = state(self.ctx, at, &name)?;
                draft.place("$.State", at);
            }
            "schedule_expression" => {
                draft.rule.schedule_expression = Some(self.string(value, field)?.0);
                draft.place("$.ScheduleExpression", at);
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// `event_bus_name`. A reference to a bus resource
    /// (`aws_cloudwatch_event_bus.orders.name`) is the bus's name when the
    /// resource is here, else the resource's label, since a placeholder is
    /// no valid bus name.
    fn event_bus(&mut self, value: &Expr, field: &str) -> Result<Option<String>, ImportError> {
        if let Kind::Traversal(root, steps) = &value.kind
            && let Kind::Variable(root) = &root.kind
        {
            let source = self.source(&value.span);
            let label = match (root.as_str(), steps.first()) {
                ("aws_cloudwatch_event_bus", Some(Step::Attr(label)))
                    if self.buses.contains_key(label) =>
                {
                    return Ok(self.buses.get(label).cloned());
                }
                (kind, Some(Step::Attr(label))) if kind.starts_with("aws_") => Some(label.clone()),
                _ => None,
            };
            return Ok(match label {
                Some(label) => {
                    self.ctx.warn(
                        value.span.start,
                        format!(
                            "{field} is {source}, which Terraform resolves at apply time; the bus \
                             is called {label} here"
                        ),
                    );
                    Some(label)
                }
                None => {
                    self.ctx.warn(
                        value.span.start,
                        format!(
                            "{field} is {source}, which Terraform resolves at apply time; the \
                             rule was imported on the default bus"
                        ),
                    );
                    None
                }
            });
        }
        Ok(Some(self.string(value, field)?.0))
    }

    /// An `aws_scheduler_schedule`.
    fn schedule(&mut self, block: &Block, label: &str) -> Result<Draft, ImportError> {
        let what = format!("aws_scheduler_schedule.{label}");
        let mut draft = Draft::new(block.span.start, label);
        for attribute in &block.body.attributes {
            let value = &attribute.value;
            let at = value.span.start;
            let field = format!("{what}.{}", attribute.key.as_str());
            match attribute.key.as_str() {
                "schedule_expression_timezone" => {
                    draft.rule.schedule_expression_timezone = Some(self.string(value, &field)?.0);
                    draft.place("$.ScheduleExpressionTimezone", at);
                }
                "group_name" => {
                    let (group, _) = self.string(value, &field)?;
                    if group != "default" {
                        self.ctx.warn(
                            at,
                            format!(
                                "{field} {group}: schedule groups are not part of the rule model"
                            ),
                        );
                    }
                }
                "action_after_completion" => {
                    let (action, _) = self.string(value, &field)?;
                    if action != "NONE" {
                        self.unknown(attribute, &what);
                    }
                }
                _ => {
                    if !self.shared_argument(attribute, &field, label, &mut draft)? {
                        self.unknown(attribute, &what);
                    }
                }
            }
        }
        for inner in &block.body.blocks {
            match inner.ident.as_str() {
                "target" => {
                    draft.place("$.Targets[0]", inner.span.start);
                    let target = self.scheduler_target(inner, &format!("{what}.target"))?;
                    draft.rule.targets.push(target);
                }
                "flexible_time_window" => {
                    let mode = match inner.body.attribute("mode") {
                        Some(mode) => self.string(&mode.value, "mode")?.0,
                        None => "OFF".to_owned(),
                    };
                    if mode != "OFF" {
                        self.ctx.warn(
                            inner.span.start,
                            format!(
                                "{what}.flexible_time_window is {mode}: a flexible time window is \
                                 not part of the rule model; it was left out"
                            ),
                        );
                    }
                }
                _ => self.unknown_block(inner, &what),
            }
        }
        Ok(draft)
    }

    fn scheduler_target(&mut self, block: &Block, what: &str) -> Result<Target, ImportError> {
        let mut target = Target::new(SCHEDULER_TARGET_ID, String::new());
        let mut has_arn = false;
        for attribute in &block.body.attributes {
            let field = format!("{what}.{}", attribute.key.as_str());
            match attribute.key.as_str() {
                "arn" => {
                    target.arn = self.string(&attribute.value, &field)?.0;
                    has_arn = true;
                }
                "role_arn" => target.role_arn = Some(self.string(&attribute.value, &field)?.0),
                "input" => {
                    target.input =
                        Some(TargetInput::Input(self.string(&attribute.value, &field)?.0));
                }
                _ => self.unknown(attribute, what),
            }
        }
        self.target_blocks(block, what, &mut target)?;
        if !has_arn {
            return Err(self.ctx.error(block.span.start, null_message("target.arn")));
        }
        Ok(target)
    }

    /// The `retry_policy`, `dead_letter_config` and `input_transformer`
    /// blocks of a target.
    fn target_blocks(
        &mut self,
        block: &Block,
        what: &str,
        target: &mut Target,
    ) -> Result<(), ImportError> {
        for inner in &block.body.blocks {
            let field = format!("{what}.{}", inner.ident.as_str());
            match inner.ident.as_str() {
                "retry_policy" => {
                    let mut policy = RetryPolicy::default();
                    for attribute in &inner.body.attributes {
                        let name = format!("{field}.{}", attribute.key.as_str());
                        match attribute.key.as_str() {
                            "maximum_retry_attempts" => {
                                policy.maximum_retry_attempts =
                                    Some(self.number(&attribute.value, &name)?);
                            }
                            "maximum_event_age_in_seconds" => {
                                policy.maximum_event_age_in_seconds =
                                    Some(self.number(&attribute.value, &name)?);
                            }
                            _ => self.unknown(attribute, &field),
                        }
                    }
                    target.retry_policy = Some(policy);
                }
                "dead_letter_config" => {
                    let Some(arn) = inner.body.attribute("arn") else {
                        return Err(self
                            .ctx
                            .error(inner.span.start, format!("{field}.arn is missing")));
                    };
                    let arn = self.string(&arn.value, &format!("{field}.arn"))?.0;
                    target.dead_letter_config = Some(DeadLetterConfig { arn });
                }
                "input_transformer" => {
                    let transformer = self.transformer(inner, &field)?;
                    if target.input.is_some() {
                        return Err(self.two_inputs(block, &target.id));
                    }
                    target.input = Some(TargetInput::InputTransformer(transformer));
                }
                _ => self.unknown_block(inner, what),
            }
        }
        Ok(())
    }

    fn two_inputs(&self, block: &Block, id: &str) -> ImportError {
        self.ctx.error(block.span.start, several_inputs_message(id))
    }

    fn transformer(&mut self, block: &Block, what: &str) -> Result<InputTransformer, ImportError> {
        let mut input_paths_map = Vec::new();
        let mut input_template = None;
        for attribute in &block.body.attributes {
            let field = format!("{what}.{}", attribute.key.as_str());
            match attribute.key.as_str() {
                "input_paths" => {
                    let Kind::Object(items) = &attribute.value.kind else {
                        let (text, _) = self.string(&attribute.value, &field)?;
                        return Err(self.ctx.error(
                            attribute.value.span.start,
                            format!("{field} must be a map of names to JSON paths, not {text}"),
                        ));
                    };
                    for (key, value) in items {
                        let key = match &key.kind {
                            Kind::Variable(name) => name.clone(),
                            _ => self.string(key, &field)?.0,
                        };
                        let path = self.string(value, &format!("{field}.{key}"))?.0;
                        input_paths_map.push((key, path));
                    }
                }
                "input_template" => input_template = Some(self.string(&attribute.value, &field)?.0),
                _ => self.unknown(attribute, what),
            }
        }
        let input_template = input_template.ok_or_else(|| {
            self.ctx.error(block.span.start, null_message("inputTransformer.inputTemplate"))
        })?;
        Ok(InputTransformer { input_paths_map, input_template })
    }

    /// An `aws_cloudwatch_event_target`, added to the rule its `rule`
    /// names: `aws_cloudwatch_event_rule.LABEL.name` (or `.id`), or the
    /// rule's name as a string.
    fn target(
        &mut self,
        block: &Block,
        drafts: &mut [Draft],
        labels: &[Option<String>],
    ) -> Result<(), ImportError> {
        let label = block.labels.get(1).map_or("target", |l| l.as_str());
        let what = format!("aws_cloudwatch_event_target.{label}");
        let Some(rule) = block.body.attribute("rule") else {
            return Err(self
                .ctx
                .error(block.span.start, format!("{what} has no rule"))
                .with_hint("set rule = aws_cloudwatch_event_rule.NAME.name"));
        };
        let index = match &rule.value.kind {
            Kind::Traversal(root, steps) => {
                let named = match (&root.kind, steps.first()) {
                    (Kind::Variable(kind), Some(Step::Attr(name)))
                        if kind == "aws_cloudwatch_event_rule" =>
                    {
                        Some(name.as_str())
                    }
                    _ => None,
                };
                named.and_then(|name| labels.iter().position(|l| l.as_deref() == Some(name)))
            }
            _ => {
                let (name, _) = self.string(&rule.value, &format!("{what}.rule"))?;
                drafts.iter().position(|draft| draft.rule.name == name)
            }
        };
        let Some(index) = index else {
            return Err(self
                .ctx
                .error(
                    rule.value.span.start,
                    format!(
                        "{what}.rule is {}, which names no rule here",
                        self.source(&rule.value.span)
                    ),
                )
                .with_hint("paste the aws_cloudwatch_event_rule it belongs to as well"));
        };
        let i = drafts[index].rule.targets.len();
        let path = format!("$.Targets[{i}]");
        let mut target = Target::new(String::new(), String::new());
        let mut has_id = false;
        let mut has_arn = false;
        let mut inputs = 0;
        let draft = &mut drafts[index];
        draft.place(path.clone(), block.span.start);
        for attribute in &block.body.attributes {
            let value = &attribute.value;
            let field = format!("{what}.{}", attribute.key.as_str());
            match attribute.key.as_str() {
                "rule" => {}
                "target_id" => {
                    target.id = self.string(value, &field)?.0;
                    has_id = true;
                    draft.place(format!("{path}.Id"), value.span.start);
                }
                "arn" => {
                    target.arn = self.string(value, &field)?.0;
                    has_arn = true;
                    draft.place(format!("{path}.Arn"), value.span.start);
                }
                "role_arn" => {
                    target.role_arn = Some(self.string(value, &field)?.0);
                    draft.place(format!("{path}.RoleArn"), value.span.start);
                }
                "input" => {
                    target.input = Some(TargetInput::Input(self.string(value, &field)?.0));
                    inputs += 1;
                    draft.place(format!("{path}.Input"), value.span.start);
                }
                "input_path" => {
                    target.input = Some(TargetInput::InputPath(self.string(value, &field)?.0));
                    inputs += 1;
                    draft.place(format!("{path}.InputPath"), value.span.start);
                }
                "event_bus_name" => {}
                _ => self.unknown(attribute, &what),
            }
        }
        if inputs > 1 {
            return Err(self.two_inputs(block, &target.id));
        }
        if !has_id {
            // Terraform makes up an id; the block's label is as good.
            target.id = label.to_owned();
            self.ctx.warn(
                block.span.start,
                format!("{what} has no target_id; Terraform makes one up; it is {label} here"),
            );
        }
        self.target_blocks(block, &what, &mut target)?;
        if !has_arn {
            return Err(self
                .ctx
                .error(block.span.start, null_message(&format!("targets.{}.member.arn", i + 1))));
        }
        drafts[index].rule.targets.push(target);
        Ok(())
    }
}
