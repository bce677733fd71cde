//! Exporters: one rule, written as each tool people paste rules into wants
//! it.
//!
//! [`export`] checks the rule with [`Rule::validate`], then hands it to the
//! format's module. Every format keeps each number's lexeme (`1.50` stays
//! `1.50`), escapes strings as the format needs (YAML scalars quoted where
//! YAML would read them as something else, no `\u003e` in Terraform), and
//! keeps Unicode as it is. What a format cannot say, or says with a trap,
//! comes back in [`Export::warnings`].
//!
//! | [`Format`] | module | what it writes |
//! |---|---|---|
//! | `api-json` | `api_json` | the PutRule and PutTargets request JSON |
//! | `cli` | `cli` | `aws events put-rule` / `put-targets`, quoted for bash |
//! | `sdk-js` | `sdk_js` | AWS SDK for JavaScript v3 code |
//! | `cloudformation-json`, `cloudformation-yaml` | `cloudformation` | `AWS::Events::Rule`, and `AWS::Lambda::Permission` for a Lambda target |
//! | `sam` | `sam` | a function's `EventBridgeRule` or `Schedule` event source |
//! | `serverless` | `serverless` | the Serverless Framework `eventBridge` event |
//! | `terraform` | `terraform` | `aws_cloudwatch_event_rule` and `aws_cloudwatch_event_target` |
//! | `cdk-ts` | `cdk_ts` | AWS CDK TypeScript `events.Rule` |
//! | `jets` | `jets` | a Ruby Jets job with `events_rule` / `rate` / `cron` |
//! | `scheduler-cloudformation`, `scheduler-terraform`, `sam-schedule-v2` | `scheduler` | EventBridge Scheduler schedules |

mod api_json;
mod cdk_ts;
mod cli;
mod cloudformation;
mod hcl;
mod jets;
mod js;
mod literal;
mod sam;
mod scheduler;
mod sdk_js;
mod serverless;
mod terraform;
mod yaml;

use std::fmt;

use crate::rule::{Rule, Target};
use crate::schedule::Service;

/// A format [`export`] writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// `api-json`: the PutRule and PutTargets request bodies.
    ApiJson,
    /// `cli`: AWS CLI commands for bash.
    Cli,
    /// `sdk-js`: AWS SDK for JavaScript v3, as an ES module.
    SdkJs,
    /// `cloudformation-json`: a CloudFormation template in JSON.
    CloudFormationJson,
    /// `cloudformation-yaml`: a CloudFormation template in YAML.
    CloudFormationYaml,
    /// `sam`: an AWS SAM template with the rule as a function's event.
    Sam,
    /// `serverless`: a Serverless Framework `serverless.yml` fragment.
    Serverless,
    /// `terraform`: Terraform HCL for the AWS provider.
    Terraform,
    /// `cdk-ts`: AWS CDK v2 in TypeScript.
    CdkTs,
    /// `jets`: a Ruby Jets job class.
    Jets,
    /// `scheduler-cloudformation`: `AWS::Scheduler::Schedule` in YAML.
    SchedulerCloudFormation,
    /// `scheduler-terraform`: `aws_scheduler_schedule`.
    SchedulerTerraform,
    /// `sam-schedule-v2`: a SAM function's `ScheduleV2` event.
    SamScheduleV2,
}

impl Format {
    /// Every format, in the order the playground shows them.
    pub const ALL: [Format; 13] = [
        Format::ApiJson,
        Format::Cli,
        Format::SdkJs,
        Format::CloudFormationJson,
        Format::CloudFormationYaml,
        Format::Sam,
        Format::Serverless,
        Format::Terraform,
        Format::CdkTs,
        Format::Jets,
        Format::SchedulerCloudFormation,
        Format::SchedulerTerraform,
        Format::SamScheduleV2,
    ];

    /// The name used on the command line: `cloudformation-yaml`.
    pub fn name(self) -> &'static str {
        match self {
            Format::ApiJson => "api-json",
            Format::Cli => "cli",
            Format::SdkJs => "sdk-js",
            Format::CloudFormationJson => "cloudformation-json",
            Format::CloudFormationYaml => "cloudformation-yaml",
            Format::Sam => "sam",
            Format::Serverless => "serverless",
            Format::Terraform => "terraform",
            Format::CdkTs => "cdk-ts",
            Format::Jets => "jets",
            Format::SchedulerCloudFormation => "scheduler-cloudformation",
            Format::SchedulerTerraform => "scheduler-terraform",
            Format::SamScheduleV2 => "sam-schedule-v2",
        }
    }

    /// The format named `name` (see [`Format::name`]).
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|format| format.name() == name)
    }

    /// A title for people: `CloudFormation (YAML)`.
    pub fn title(self) -> &'static str {
        match self {
            Format::ApiJson => "API JSON",
            Format::Cli => "AWS CLI",
            Format::SdkJs => "SDK for JavaScript",
            Format::CloudFormationJson => "CloudFormation (JSON)",
            Format::CloudFormationYaml => "CloudFormation (YAML)",
            Format::Sam => "SAM",
            Format::Serverless => "Serverless",
            Format::Terraform => "Terraform",
            Format::CdkTs => "CDK (TypeScript)",
            Format::Jets => "Ruby Jets",
            Format::SchedulerCloudFormation => "Scheduler (CloudFormation)",
            Format::SchedulerTerraform => "Scheduler (Terraform)",
            Format::SamScheduleV2 => "Scheduler (SAM)",
        }
    }

    /// The usual file extension of the output, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::ApiJson | Format::CloudFormationJson => "json",
            Format::Cli => "sh",
            Format::SdkJs => "mjs",
            Format::CloudFormationYaml
            | Format::Sam
            | Format::SchedulerCloudFormation
            | Format::SamScheduleV2 => "yaml",
            Format::Serverless => "yml",
            Format::Terraform | Format::SchedulerTerraform => "tf",
            Format::CdkTs => "ts",
            Format::Jets => "rb",
        }
    }

    /// Whether the format writes an EventBridge Scheduler schedule rather
    /// than a rule.
    pub fn is_scheduler(self) -> bool {
        matches!(
            self,
            Format::SchedulerCloudFormation | Format::SchedulerTerraform | Format::SamScheduleV2
        )
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What an exporter wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Export {
    /// The text to paste, ending with a newline.
    pub text: String,
    /// What to check before trusting the text: a key the tool would
    /// rewrite, a placeholder to fill in, a number the tool would round.
    pub warnings: Vec<String>,
}

/// A rule that a format cannot hold, or that AWS would refuse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportError {
    message: String,
}

impl ExportError {
    pub(crate) fn new(message: impl Into<String>) -> ExportError {
        ExportError { message: message.into() }
    }
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ExportError {}

/// Writes `rule` in `format`.
///
/// ```
/// use evpat::Pattern;
/// use evpat_rule::{Rule, export::{Format, export}};
///
/// let rule = Rule::with_pattern("ec2-events", Pattern::parse(r#"{"source": ["aws.ec2"]}"#)?);
/// let out = export(&rule, Format::Cli)?;
/// assert!(out.text.contains(r#"--event-pattern '{"source":["aws.ec2"]}'"#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// When the rule is invalid (see [`Rule::validate`]), when a rule format is
/// asked for a schedule only EventBridge Scheduler runs (`at()`, a time
/// zone), or when a Scheduler format is asked for an event pattern.
pub fn export(rule: &Rule, format: Format) -> Result<Export, ExportError> {
    rule.validate().map_err(|error| ExportError::new(error.to_string()))?;
    if format.is_scheduler() {
        if rule.event_pattern.is_some() || rule.schedule_expression.is_none() {
            return Err(ExportError::new(format!(
                "{} writes EventBridge Scheduler schedules, which run on a schedule and cannot \
                 match an event pattern; export this rule with a rule format such as \
                 cloudformation-yaml",
                format.name()
            )));
        }
    } else if rule.schedule_expression.is_some() && rule.schedule_service() == Service::Scheduler {
        return Err(ExportError::new(format!(
            "only EventBridge Scheduler runs this schedule (at(), or a time zone); export it with \
             scheduler-cloudformation, scheduler-terraform or sam-schedule-v2 rather than {}",
            format.name()
        )));
    }
    let mut out = match format {
        Format::ApiJson => api_json::export(rule),
        Format::Cli => cli::export(rule),
        Format::SdkJs => sdk_js::export(rule),
        Format::CloudFormationJson => cloudformation::export_json(rule),
        Format::CloudFormationYaml => cloudformation::export_yaml(rule),
        Format::Sam => sam::export(rule),
        Format::Serverless => serverless::export(rule),
        Format::Terraform => terraform::export(rule),
        Format::CdkTs => cdk_ts::export(rule),
        Format::Jets => jets::export(rule),
        Format::SchedulerCloudFormation => scheduler::export_cloudformation(rule),
        Format::SchedulerTerraform => scheduler::export_terraform(rule),
        Format::SamScheduleV2 => scheduler::export_sam(rule),
    }?;
    if !out.text.ends_with('\n') {
        out.text.push('\n');
    }
    Ok(out)
}

// Names and facts the formats share.

/// A rule name as a CloudFormation logical id or a class name:
/// `ec2-stopped-or-terminated` → `Ec2StoppedOrTerminated`.
pub(crate) fn pascal_case(name: &str) -> String {
    let mut out = String::new();
    for word in name.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.push_str(chars.as_str());
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, "Rule");
    }
    out
}

/// A rule name as a Terraform resource name or a Ruby method name:
/// `ec2-stopped-or-terminated` → `ec2_stopped_or_terminated`.
pub(crate) fn snake_case(name: &str) -> String {
    let mut out = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && previous_lower {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
            previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        } else {
            if !out.ends_with('_') && !out.is_empty() {
                out.push('_');
            }
            previous_lower = false;
        }
    }
    let out = out.trim_end_matches('_').to_owned();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        format!("rule_{out}")
    } else {
        out
    }
}

/// ActiveSupport's `String#camelize` with no acronyms defined, which Jets
/// applies to keys (the `jets` exporter and importer): the leading
/// run of `[a-z0-9]` capitalized, then every `_` or `/` and the run of
/// letters and digits after it replaced by that run capitalized (`/`
/// becoming `::`).
pub(crate) fn camelize(key: &str) -> String {
    let capitalize = |word: &str| {
        let mut chars = word.chars();
        chars
            .next()
            .map(|c| c.to_ascii_uppercase().to_string() + &chars.as_str().to_ascii_lowercase())
            .unwrap_or_default()
    };
    let lead =
        key.find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit())).unwrap_or(key.len());
    let step_one = format!("{}{}", capitalize(&key[..lead]), &key[lead..]);
    let mut out = String::new();
    let mut rest = step_one.as_str();
    while let Some(at) = rest.find(['_', '/']) {
        out.push_str(&rest[..at]);
        let separator = &rest[at..at + 1];
        let after = &rest[at + 1..];
        let run = after.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(after.len());
        if separator == "/" {
            out.push_str("::");
        }
        out.push_str(&capitalize(&after[..run]));
        rest = &after[run..];
    }
    out.push_str(rest);
    out
}

/// A rule name in lower camel case, for JavaScript identifiers:
/// `ec2-stopped-or-terminated` → `ec2StoppedOrTerminated`.
pub(crate) fn camel_case(name: &str) -> String {
    lower_first(&pascal_case(name))
}

/// `word` with its first letter in ASCII lower case: `InstanceId` →
/// `instanceId`, `Id` → `id` (AWS's field names in its messages).
pub(crate) fn lower_first(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_ascii_lowercase().to_string() + chars.as_str()).unwrap_or_default()
}

/// `base`, or `base2`, `base3`… (with `separator` before the number) when
/// an earlier resource took it, as a logical id or resource name: target
/// ids such as `a-b` and `a_b` have the same Pascal case and snake_case.
fn unused_name(base: &str, separator: &str, taken: &mut Vec<String>) -> String {
    let mut name = base.to_owned();
    let mut n = 1;
    while taken.contains(&name) {
        n += 1;
        name = format!("{base}{separator}{n}");
    }
    taken.push(name.clone());
    name
}

/// Warns about every target of `rule` but `written`, the one a format
/// holds, saying `why`.
fn unwritten_targets(rule: &Rule, written: Option<&Target>, why: &str, warnings: &mut Vec<String>) {
    let written = written.map(|target| target.id.as_str());
    for target in rule.targets.iter().filter(|target| Some(target.id.as_str()) != written) {
        warnings.push(format!("target {} ({}) is not written: {why}", target.id, target.arn));
    }
}

/// `s` as a JSON string literal. serde_json escapes only what JSON
/// requires, so Unicode stays as it is.
pub(crate) fn json_string(s: &str) -> String {
    // Serializing a &str cannot fail.
    serde_json::to_string(s).unwrap_or_default()
}

/// The function name of a Lambda function ARN
/// (`arn:aws:lambda:us-east-1:123456789012:function:my-func` → `my-func`),
/// for the permission EventBridge needs to invoke it.
pub(crate) fn lambda_function_name(arn: &str) -> Option<&str> {
    let rest = arn.strip_prefix("arn:aws")?;
    let (_, rest) = rest.split_once(":lambda:")?;
    let (_, rest) = rest.split_once(":function:")?;
    // A qualified ARN ends with `:alias` or `:version`.
    let name = rest.split(':').next()?;
    (!name.is_empty()).then_some(name)
}

/// The service of an ARN: `sqs` in `arn:aws:sqs:us-east-1:…`.
pub(crate) fn arn_service(arn: &str) -> Option<&str> {
    let mut parts = arn.split(':');
    (parts.next() == Some("arn")).then_some(())?;
    parts.nth(1)
}

/// How a format writes the resource policy that lets EventBridge send to a
/// queue or publish to a topic. No format writes it with the rule: the
/// queue or topic is defined elsewhere, so the export says what to add.
pub(crate) struct Policies {
    /// What grants `sqs:SendMessage` on a queue.
    pub queue: &'static str,
    /// What grants `sns:Publish` on a topic.
    pub topic: &'static str,
}

impl Policies {
    pub(crate) const CLOUDFORMATION: Policies =
        Policies { queue: "an AWS::SQS::QueuePolicy", topic: "an AWS::SNS::TopicPolicy" };
    pub(crate) const TERRAFORM: Policies =
        Policies { queue: "an aws_sqs_queue_policy", topic: "an aws_sns_topic_policy" };
    pub(crate) const API: Policies = Policies {
        queue: "a queue policy (SetQueueAttributes' Policy)",
        topic: "a topic policy (SetTopicAttributes' Policy)",
    };
    /// CDK grants access itself for a queue or topic defined in the app,
    /// but the export imports them by ARN, and an imported resource's
    /// policy is not CDK's to change.
    pub(crate) const CDK: Policies = Policies {
        queue: "a policy where the queue is defined (queue.addToResourcePolicy)",
        topic: "a policy where the topic is defined (topic.addToResourcePolicy)",
    };
}

/// The resource policies EventBridge needs that an export of the rule
/// alone does not write: a queue's or a topic's, for a target or its
/// dead-letter queue.
pub(crate) fn resource_policy_warnings(target: &Target, policies: &Policies) -> Vec<String> {
    let mut warnings = Vec::new();
    match arn_service(&target.arn) {
        Some("sqs") => warnings.push(format!(
            "target {}: the queue {} must allow EventBridge to send to it: add {} granting \
             events.amazonaws.com sqs:SendMessage, with aws:SourceArn set to the rule's ARN",
            target.id, target.arn, policies.queue
        )),
        Some("sns") => warnings.push(format!(
            "target {}: the topic {} must allow EventBridge to publish to it: add {} granting \
             events.amazonaws.com sns:Publish, with aws:SourceArn set to the rule's ARN",
            target.id, target.arn, policies.topic
        )),
        _ => {}
    }
    if let Some(dead_letter) = &target.dead_letter_config {
        warnings.push(dead_letter_warning(&target.id, &dead_letter.arn, policies));
    }
    warnings
}

/// The policy a rule's dead-letter queue needs.
pub(crate) fn dead_letter_warning(target_id: &str, queue_arn: &str, policies: &Policies) -> String {
    format!(
        "target {target_id}: the dead-letter queue {queue_arn} must allow EventBridge to send to \
         it: add {} granting events.amazonaws.com sqs:SendMessage, with aws:SourceArn set to the \
         rule's ARN",
        policies.queue
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(pascal_case("ec2-stopped-or-terminated"), "Ec2StoppedOrTerminated");
        assert_eq!(pascal_case("3.rules_x"), "Rule3RulesX");
        assert_eq!(snake_case("Detect.SecurityGroup-changes"), "detect_security_group_changes");
        assert_eq!(snake_case("9-lives"), "rule_9_lives");
        assert_eq!(camel_case("ec2-stopped"), "ec2Stopped");
        assert_eq!(
            lambda_function_name("arn:aws:lambda:us-east-1:123456789012:function:my-func:live"),
            Some("my-func")
        );
        assert_eq!(lambda_function_name("arn:aws:sqs:us-east-1:123456789012:q"), None);
    }

    #[test]
    fn names_stay_unique() {
        let mut ids = vec!["Rule".to_owned()];
        assert_eq!(unused_name("Rule", "", &mut ids), "Rule2");
        assert_eq!(unused_name("Rule", "", &mut ids), "Rule3");
        assert_eq!(unused_name("Other", "", &mut ids), "Other");
        let mut used = Vec::new();
        assert_eq!(unused_name("r_a_b", "_", &mut used), "r_a_b");
        assert_eq!(unused_name("r_a_b", "_", &mut used), "r_a_b_2");
        assert_eq!(unused_name("r_a_b", "_", &mut used), "r_a_b_3");
    }

    #[test]
    fn arn_services() {
        assert_eq!(arn_service("arn:aws:sqs:us-east-1:123456789012:q"), Some("sqs"));
        assert_eq!(arn_service("arn:aws-cn:sns:cn-north-1:123456789012:t"), Some("sns"));
        assert_eq!(arn_service("sqs"), None);
    }

    #[test]
    fn format_names_round_trip() {
        for format in Format::ALL {
            assert_eq!(Format::from_name(format.name()), Some(format));
        }
    }
}
