//! `cdk-ts`: an AWS CDK v2 TypeScript function that adds the rule to a
//! construct: `export function addEc2StoppedOrTerminatedRule(scope:
//! Construct): events.Rule`.
//!
//! Facts from aws-cdk-lib 2.276's `aws-events` (`lib/rule.js`,
//! `lib/util.js`, and the `.d.ts` files) that decide the output:
//!
//! - `EventPattern` has the envelope fields in camelCase (`detailType`),
//!   typed `string[]`, and `detail` as any object. `events.Rule` copies
//!   every top-level key of the pattern into the template unchanged, except
//!   that it renames `detailType` to `detail-type` (`renderEventPattern`);
//!   keys under `detail` are never touched.
//! - So `$or`, which the interface lacks, works when it gets through the
//!   type checker: the pattern is then typed `Record<string, unknown>`,
//!   which TypeScript accepts as an `EventPattern` because all of its fields
//!   are optional. The same holds for other top-level keys the interface
//!   lacks and for envelope fields matched with content filters
//!   (`source: [{prefix: 'aws.'}]`, not a `string[]`). A top-level key
//!   spelled `detailType` in the pattern itself would be renamed, so it is
//!   set on the CloudFormation resource with `addPropertyOverride`.
//! - `RuleProps` has `enabled`, not a state, so
//!   `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS` is set on the `CfnRule`.
//! - Targets get ids `Target0`, `Target1`, … and `IRuleTarget` cannot choose
//!   one (`RuleTargetConfig` has no `id`), so other ids are set with
//!   `addPropertyOverride('Targets.N.Id', …)`.
//! - `RuleTargetInput.fromText()` sends its text as a JSON string (in
//!   quotes) and `fromObject()` writes the JSON again, so `Input` and
//!   `InputTransformer` go through a small `RuleTargetInput` subclass that
//!   hands EventBridge the text as it is. `InputPath` uses
//!   `RuleTargetInput.fromEventPath`.
//! - Lambda, SQS and SNS targets use `aws-events-targets`, which also grant
//!   EventBridge access where CDK can; a Lambda function is imported with
//!   `sameEnvironment: true`, or CDK would not add the permission for an
//!   ARN in a stack without a fixed account. A target with a `RoleArn`, a
//!   qualified Lambda ARN, a FIFO queue or any other service is a plain
//!   `IRuleTarget` object.
//!
//! Numbers go through JavaScript: `1.50` is synthesized as `1.5`, the same
//! value. A number whose value would change (`9007199254740993`, `1e400`)
//! is a warning.

use evpat::json::Node;

use super::js::{self, double_keeps_value, js_keeps_lexeme, js_number_text};
use super::{Export, ExportError, Policies, pascal_case, resource_policy_warnings};
use crate::rule::{Rule, Target, TargetInput};
use crate::transformer::InputTransformer;

/// The quote for strings, as the CDK's own examples write them.
const Q: char = '\'';

/// The envelope fields `EventPattern` types as `string[]`, by the pattern's
/// name for them.
const STRING_ARRAY_FIELDS: [&str; 8] =
    ["version", "id", "detail-type", "source", "account", "time", "region", "resources"];

pub(super) fn export(rule: &Rule) -> Result<Export, ExportError> {
    let id = pascal_case(&rule.name);
    let mut imports = Imports::default();
    let mut warnings = Vec::new();
    let mut before = String::new(); // statements before `new events.Rule`
    let mut props = String::new(); // the Rule's props, indented two levels
    let mut after = String::new(); // statements after it
    let mut cfn_rule = false; // whether `after` uses `cfnRule`

    props.push_str(&format!("    ruleName: {},\n", js::string(&rule.name, Q)));
    if let Some(description) = &rule.description {
        props.push_str(&format!("    description: {},\n", js::string(description, Q)));
    }
    if !rule.state.is_enabled() {
        props.push_str("    enabled: false,\n");
    } else if rule.state.as_str() != "ENABLED" {
        cfn_rule = true;
        after.push_str(&js::comment("events.Rule knows only enabled and disabled.", 2));
        after.push_str(&format!("  cfnRule.state = {};\n", js::string(rule.state.as_str(), Q)));
    }
    if let Some(bus) = &rule.event_bus_name {
        let bus_id = js::string(&format!("{id}Bus"), Q);
        let import = if bus.starts_with("arn:") { "fromEventBusArn" } else { "fromEventBusName" };
        let call = call(
            &format!("events.EventBus.{import}"),
            &["scope".to_owned(), bus_id, js::string(bus, Q)],
            "    eventBus: ".len(),
            2,
        );
        props.push_str(&format!("    eventBus: {call},\n"));
        if bus.starts_with("arn:") {
            cfn_rule = true;
            after.push_str(&js::comment(
                "CDK would write the bus's name alone, which names a bus in the stack's own \
                 account; the ARN keeps the rule on this one.",
                2,
            ));
            after.push_str(&format!("  cfnRule.eventBusName = {};\n", js::string(bus, Q)));
        }
    }
    if let Some(role) = &rule.role_arn {
        imports.iam = true;
        let call = call(
            "iam.Role.fromRoleArn",
            &["scope".to_owned(), js::string(&format!("{id}Role"), Q), js::string(role, Q)],
            "    role: ".len(),
            2,
        );
        props.push_str(&format!("    role: {call},\n"));
    }
    if let Some(schedule) = &rule.schedule_expression {
        props.push_str(&format!(
            "    schedule: events.Schedule.expression({}),\n",
            js::string(schedule, Q)
        ));
    }
    if let Some(pattern) = &rule.event_pattern {
        let pattern = pattern.json();
        number_notes(&pattern, &mut before, &mut warnings);
        if js::keys(&pattern).contains(&"__proto__") {
            warnings.push(
                "CDK cannot hold a key named __proto__ in a pattern: it resolves the pattern into \
                 new JavaScript objects, where the key sets the object's prototype, and \
                 events.Rule fails on one at the top level, so the key is left out of the \
                 synthesized pattern; write the rule with CfnRule and a pattern string instead"
                    .to_owned(),
            );
        }
        let members = pattern.members().unwrap_or_default();
        // A top-level __proto__ would make events.Rule throw (mergeEventPattern
        // reads Object.prototype as the key's value), so it is not written.
        let members: Vec<_> = members.iter().filter(|member| member.key != "__proto__").collect();
        let (renamed, members): (Vec<_>, Vec<_>) =
            members.into_iter().partition(|member| member.key == "detailType");
        let extras: Vec<String> =
            members.iter().filter_map(|m| untyped(&m.key, &m.value)).collect();
        if extras.is_empty() {
            props.push_str("    eventPattern: ");
            pattern_object(&members, 2, &mut props);
            props.push_str(",\n");
        } else {
            before.push_str(&js::comment(
                &format!(
                    "{}. events.Rule copies every top-level key of the pattern into the template \
                     as it is, renaming only detailType to detail-type (aws-events/lib/util.js, \
                     renderEventPattern), so the pattern is typed as a plain object, which \
                     TypeScript accepts as an EventPattern: all of its fields are optional.",
                    sentence(&extras)
                ),
                2,
            ));
            before.push_str("  const eventPattern: Record<string, unknown> = ");
            pattern_object(&members, 1, &mut before);
            before.push_str(";\n");
            props.push_str("    eventPattern,\n");
        }
        for member in renamed {
            cfn_rule = true;
            after.push_str(&js::comment(
                "events.Rule would rename a top-level detailType key to detail-type.",
                2,
            ));
            after.push_str("  cfnRule.addPropertyOverride('EventPattern.detailType', ");
            js::value(&member.value, 1, Q, &mut after);
            after.push_str(");\n");
        }
    }

    let mut targets = String::new();
    for (index, target) in rule.targets.iter().enumerate() {
        targets.push_str(&add_target(&id, index, target, &mut imports));
        let default_id = format!("Target{index}");
        if target.id != default_id {
            cfn_rule = true;
            after.push_str(&format!(
                "  cfnRule.addPropertyOverride({}, {});\n",
                js::string(&format!("Targets.{index}.Id"), Q),
                js::string(&target.id, Q)
            ));
        }
    }

    let function = format!("add{id}Rule");
    let mut text = js::comment(
        &format!(
            "The EventBridge rule {} as an AWS CDK v2 construct: call {function}(this) in a \
             Stack's constructor.",
            js::string(&rule.name, Q)
        ),
        0,
    );
    text.push_str(&imports.render());
    if imports.exact_input {
        text.push_str(EXACT_INPUT);
    }
    text.push_str(&format!(
        "\nexport function {function}(scope: Construct): events.Rule {{\n{before}  const rule = \
         new events.Rule(scope, {}, {{\n{props}  }});\n",
        js::string(&id, Q)
    ));
    text.push_str(&targets);
    if cfn_rule {
        text.push_str("  const cfnRule = rule.node.defaultChild as events.CfnRule;\n");
        text.push_str(&after);
    }
    text.push_str("  return rule;\n}\n");
    for target in &rule.targets {
        warnings.extend(resource_policy_warnings(target, &Policies::CDK));
    }
    Ok(Export { text, warnings })
}

/// Writes the pattern's top-level `members` as an object literal, at
/// `indent` levels, with `detail-type` as CDK's `detailType`.
fn pattern_object(members: &[&evpat::json::Member], indent: usize, out: &mut String) {
    let pad = "  ".repeat(indent + 1);
    out.push_str("{\n");
    for member in members {
        let key = if member.key == "detail-type" {
            "detailType".to_owned()
        } else {
            js::key(&member.key, Q)
        };
        out.push_str(&format!("{pad}{key}: "));
        js::value(&member.value, indent + 1, Q, out);
        out.push_str(",\n");
    }
    out.push_str(&"  ".repeat(indent));
    out.push('}');
}

/// `callee(arguments)` on one line when it fits in [`js::WIDTH`] from
/// `column`, else one argument a line, at `indent` levels.
fn call(callee: &str, arguments: &[String], column: usize, indent: usize) -> String {
    let flat = format!("{callee}({})", arguments.join(", "));
    if column + flat.chars().count() < js::WIDTH {
        return flat;
    }
    let pad = "  ".repeat(indent + 1);
    let mut out = format!("{callee}(\n");
    for argument in arguments {
        out.push_str(&format!("{pad}{argument},\n"));
    }
    out.push_str(&"  ".repeat(indent));
    out.push(')');
    out
}

/// Why a top-level member cannot be written in CDK's typed `EventPattern`,
/// or `None` when it can.
fn untyped(key: &str, value: &Node) -> Option<String> {
    let strings =
        value.items().is_some_and(|items| items.iter().all(|item| item.as_str().is_some()));
    if STRING_ARRAY_FIELDS.contains(&key) {
        let name = if key == "detail-type" { "detailType" } else { key };
        return (!strings).then(|| {
            format!(
                "CDK types {name} as string[], and this pattern matches it with {}",
                kind(value)
            )
        });
    }
    if key == "detail" {
        return (value.members().is_none()).then(|| "CDK types detail as an object".to_owned());
    }
    Some(format!("{} is not a property of CDK's EventPattern interface", js::string(key, Q)))
}

fn kind(value: &Node) -> &'static str {
    match value.items() {
        Some(items) if items.iter().any(|item| item.members().is_some()) => "content filters",
        Some(_) => "values other than strings",
        None => "an object",
    }
}

/// `reasons` as one sentence: `a; b`, capitalized.
fn sentence(reasons: &[String]) -> String {
    let mut joined = reasons.join("; ");
    // ASCII only: the reasons are our English sentences, and Unicode's case
    // table would cost the page's wasm about 12 KB.
    if let Some(first) = joined.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    joined
}

/// Comments the numbers JavaScript writes differently, and warns about
/// those whose value it changes.
fn number_notes(pattern: &Node, before: &mut String, warnings: &mut Vec<String>) {
    let mut rewritten: Vec<String> = Vec::new();
    for lexeme in js::numbers(pattern) {
        if js_keeps_lexeme(lexeme) {
            continue;
        }
        if !double_keeps_value(lexeme) {
            let becomes = js_number_text(lexeme).unwrap_or_else(|| "null".to_owned());
            let warning = format!(
                "JavaScript holds numbers as doubles, so CDK would synthesize {lexeme} in the \
                 pattern as {becomes}, another number; write the rule with cloudformation-json \
                 or CfnRule and a pattern string instead"
            );
            if !warnings.contains(&warning) {
                warnings.push(warning);
            }
        } else if let Some(js) = js_number_text(lexeme) {
            let note = format!("{lexeme} as {js}");
            if !rewritten.contains(&note) && rewritten.len() < 3 {
                rewritten.push(note);
            }
        }
    }
    if !rewritten.is_empty() {
        before.push_str(&js::comment(
            &format!(
                "CDK writes numbers as JavaScript prints them ({}), the same values.",
                rewritten.join(", ")
            ),
            2,
        ));
    }
}

/// How a target is written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Lambda,
    Sqs,
    Sns,
    Other,
}

fn target_kind(target: &Target) -> Kind {
    if target.role_arn.is_some() {
        return Kind::Other;
    }
    let parts: Vec<&str> = target.arn.split(':').collect();
    match parts.get(2).copied() {
        // An unqualified function ARN: arn:aws:lambda:region:account:function:name.
        Some("lambda") if parts.len() == 7 && parts.get(5) == Some(&"function") => Kind::Lambda,
        // CDK's SqsQueue target demands a message group id for a FIFO queue,
        // which a rule's target cannot say without SqsParameters.
        Some("sqs") if !target.arn.ends_with(".fifo") => Kind::Sqs,
        Some("sns") => Kind::Sns,
        _ => Kind::Other,
    }
}

/// The statement that adds `target`, and the imports it needs.
fn add_target(id: &str, index: usize, target: &Target, imports: &mut Imports) -> String {
    let prefix = format!("{id}Target{index}");
    let construct_id = |suffix: &str| js::string(&format!("{prefix}{suffix}"), Q);
    let input = target.input.as_ref().map(|input| input_expression(input, imports));
    let dead_letter = target.dead_letter_config.as_ref();
    let retry = target.retry_policy.as_ref();
    let kind = target_kind(target);
    if kind == Kind::Other {
        let mut config = format!("      arn: {},\n", js::string(&target.arn, Q));
        if let Some(role) = &target.role_arn {
            imports.iam = true;
            let call = call(
                "iam.Role.fromRoleArn",
                &["scope".to_owned(), construct_id("Role"), js::string(role, Q)],
                "      role: ".len(),
                3,
            );
            config.push_str(&format!("      role: {call},\n"));
        }
        if let Some(input) = &input {
            config.push_str(&format!("      input: {},\n", indent(input, 3)));
        }
        if let Some(retry) = retry {
            config.push_str("      retryPolicy: {");
            let mut fields = Vec::new();
            if let Some(n) = retry.maximum_retry_attempts {
                fields.push(format!(" maximumRetryAttempts: {n}"));
            }
            if let Some(n) = retry.maximum_event_age_in_seconds {
                fields.push(format!(" maximumEventAgeInSeconds: {n}"));
            }
            config.push_str(&fields.join(","));
            config.push_str(" },\n");
        }
        if let Some(dead_letter) = dead_letter {
            config.push_str(&format!(
                "      deadLetterConfig: {{ arn: {} }},\n",
                js::string(&dead_letter.arn, Q)
            ));
        }
        let mut out =
            format!("  rule.addTarget({{\n    bind: () => ({{\n{config}    }}),\n  }});\n");
        if target.arn.split(':').nth(2) == Some("lambda") {
            imports.lambda = true;
            out.push_str(&js::comment("Lets EventBridge invoke the function for this rule.", 2));
            out.push_str(&format!(
                "  new lambda.CfnPermission(scope, {}, {{\n    action: 'lambda:InvokeFunction',\n    \
                 functionName: {},\n    principal: 'events.amazonaws.com',\n    sourceArn: \
                 rule.ruleArn,\n  }});\n",
                construct_id("Permission"),
                js::string(&target.arn, Q)
            ));
        }
        return out;
    }

    imports.targets = true;
    let (constructor, resource, input_prop) = match kind {
        Kind::Lambda => {
            imports.lambda = true;
            (
                "targets.LambdaFunction",
                format!(
                    "lambda.Function.fromFunctionAttributes(scope, {}, {{\n        functionArn: \
                     {},\n        sameEnvironment: true,\n      }})",
                    construct_id("Function"),
                    js::string(&target.arn, Q)
                ),
                "event",
            )
        }
        Kind::Sqs => {
            imports.sqs = true;
            let arguments = ["scope".to_owned(), construct_id("Queue"), js::string(&target.arn, Q)];
            ("targets.SqsQueue", call("sqs.Queue.fromQueueArn", &arguments, 6, 3), "message")
        }
        _ => {
            imports.sns = true;
            let arguments = ["scope".to_owned(), construct_id("Topic"), js::string(&target.arn, Q)];
            ("targets.SnsTopic", call("sns.Topic.fromTopicArn", &arguments, 6, 3), "message")
        }
    };
    let mut options = Vec::new();
    if let Some(input) = input {
        options.push(format!("{input_prop}: {input}"));
    }
    if let Some(n) = retry.and_then(|r| r.maximum_retry_attempts) {
        options.push(format!("retryAttempts: {n}"));
    }
    if let Some(n) = retry.and_then(|r| r.maximum_event_age_in_seconds) {
        imports.duration = true;
        options.push(format!("maxEventAge: Duration.seconds({n})"));
    }
    if let Some(dead_letter) = dead_letter {
        imports.sqs = true;
        let arguments =
            ["scope".to_owned(), construct_id("DeadLetterQueue"), js::string(&dead_letter.arn, Q)];
        let prefix = "deadLetterQueue: ";
        // Written at indent 0: the options are indented as a whole below.
        let call = call("sqs.Queue.fromQueueArn", &arguments, 8 + prefix.len(), 0);
        options.push(format!("{prefix}{call}"));
    }
    let mut out = String::new();
    if kind == Kind::Lambda {
        out.push_str(&js::comment(
            "CDK adds the permission for EventBridge to invoke the function \
             (AWS::Lambda::Permission), as the function is in the stack's account.",
            2,
        ));
    }
    out.push_str(&format!("  rule.addTarget(\n    new {constructor}(\n      {resource}"));
    if !options.is_empty() {
        out.push_str(",\n      {\n");
        for option in options {
            out.push_str(&format!("        {},\n", indent(&option, 4)));
        }
        out.push_str("      }");
    }
    out.push_str(",\n    ),\n  );\n");
    out
}

/// A target input as a `RuleTargetInput` expression.
fn input_expression(input: &TargetInput, imports: &mut Imports) -> String {
    match input {
        TargetInput::InputPath(path) => {
            format!("events.RuleTargetInput.fromEventPath({})", js::string(path, Q))
        }
        TargetInput::Input(text) => {
            imports.exact_input = true;
            format!("new ExactInput({{ input: {} }})", js::string(text, Q))
        }
        TargetInput::InputTransformer(InputTransformer { input_paths_map, input_template }) => {
            imports.exact_input = true;
            let mut out = String::from("new ExactInput({\n  inputPathsMap: {\n");
            for (name, path) in input_paths_map {
                out.push_str(&format!("    {}: {},\n", js::key(name, Q), js::string(path, Q)));
            }
            out.push_str(&format!(
                "  }},\n  inputTemplate: {},\n}})",
                js::string(input_template, Q)
            ));
            out
        }
    }
}

/// `text` with every line after the first indented by `levels` × 2 spaces.
fn indent(text: &str, levels: usize) -> String {
    text.replace('\n', &format!("\n{}", "  ".repeat(levels)))
}

const EXACT_INPUT: &str = "
/**
 * A target's input exactly as EventBridge takes it. RuleTargetInput.fromText()
 * would send the text as a JSON string (in quotes), and fromObject() would
 * write the JSON again, with its numbers and placeholders in its own form.
 */
class ExactInput extends events.RuleTargetInput {
  constructor(private readonly properties: events.RuleTargetInputProperties) {
    super();
  }

  bind(): events.RuleTargetInputProperties {
    return this.properties;
  }
}
";

/// The modules the function uses.
#[derive(Default)]
struct Imports {
    duration: bool,
    targets: bool,
    iam: bool,
    lambda: bool,
    sns: bool,
    sqs: bool,
    exact_input: bool,
}

impl Imports {
    fn render(&self) -> String {
        let mut out = String::new();
        if self.duration {
            out.push_str("import { Duration } from 'aws-cdk-lib';\n");
        }
        out.push_str("import * as events from 'aws-cdk-lib/aws-events';\n");
        let modules = [
            (self.targets, "targets", "aws-events-targets"),
            (self.iam, "iam", "aws-iam"),
            (self.lambda, "lambda", "aws-lambda"),
            (self.sns, "sns", "aws-sns"),
            (self.sqs, "sqs", "aws-sqs"),
        ];
        for (used, name, module) in modules {
            if used {
                out.push_str(&format!("import * as {name} from 'aws-cdk-lib/{module}';\n"));
            }
        }
        out.push_str("import { Construct } from 'constructs';\n");
        out
    }
}

#[cfg(test)]
mod tests {
    use evpat::Pattern;

    use super::*;

    fn pattern_rule(pattern: &str) -> Rule {
        Rule::with_pattern("r", Pattern::parse(pattern).unwrap())
    }

    #[test]
    fn a_literal_detail_type_key_is_set_on_the_cfn_rule() {
        let out = export(&pattern_rule(r#"{"detailType": ["x"], "source": ["s"]}"#)).unwrap();
        assert!(
            out.text.contains("cfnRule.addPropertyOverride('EventPattern.detailType', ['x']);")
        );
        assert!(out.text.contains("    eventPattern: {\n      source: ['s'],\n    },\n"));
    }

    #[test]
    fn envelope_fields_with_filters_make_the_pattern_a_plain_object() {
        let out = export(&pattern_rule(r#"{"source": [{"prefix": "aws."}]}"#)).unwrap();
        assert!(out.text.contains("CDK types source as string[], and this pattern matches it"));
        assert!(out.text.contains("const eventPattern: Record<string, unknown> = {"));
    }

    #[test]
    fn a_proto_key_is_a_warning_and_left_out_at_the_top() {
        let out = export(&pattern_rule(r#"{"__proto__": ["x"], "detail": {"__proto__": ["y"]}}"#))
            .unwrap();
        assert_eq!(out.warnings.len(), 1);
        assert!(out.text.contains("eventPattern: {\n      detail: { ['__proto__']: ['y'] },\n"));
    }

    #[test]
    fn numbers_that_change_value_are_warnings() {
        let out = export(&pattern_rule(r#"{"detail": {"n": [9007199254740993]}}"#)).unwrap();
        assert_eq!(out.warnings.len(), 1);
        assert!(out.warnings[0].contains("9007199254740993 in the pattern as 9007199254740992"));
    }

    #[test]
    fn target_kinds() {
        let target = |arn: &str| Target {
            id: "t".into(),
            arn: arn.into(),
            role_arn: None,
            input: None,
            retry_policy: None,
            dead_letter_config: None,
        };
        let kind = |arn: &str| target_kind(&target(arn));
        assert!(kind("arn:aws:lambda:us-east-1:123456789012:function:f") == Kind::Lambda);
        assert!(kind("arn:aws:lambda:us-east-1:123456789012:function:f:live") == Kind::Other);
        assert!(kind("arn:aws:sqs:us-east-1:123456789012:q") == Kind::Sqs);
        assert!(kind("arn:aws:sqs:us-east-1:123456789012:q.fifo") == Kind::Other);
        assert!(kind("arn:aws-cn:sns:cn-north-1:123456789012:t") == Kind::Sns);
        assert!(kind("arn:aws:states:us-east-1:123456789012:stateMachine:m") == Kind::Other);
    }
}
