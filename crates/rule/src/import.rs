//! Importers: the rules people already have, read into [`Rule`]s.
//!
//! [`import`] takes text in one of the [`Source`] kinds, or guesses the
//! kind (see [`Source::guess`]), and gives back every rule it holds, each
//! checked with [`Rule::validate`], with [`Imported::warnings`] for what
//! the rule model cannot hold or what had to be made up (a placeholder for
//! `!GetAtt MyFunction.Arn`, a name for a rule without one). Every failure
//! is an [`ImportError`] with a line and a column in the input.
//!
//! Patterns are read from the input's own tree and written out as compact
//! JSON with every number's lexeme kept (`1.50` stays `1.50`), then parsed
//! with [`evpat::Pattern::parse`], so that an invalid pattern comes back
//! with AWS's reason, placed at the offending value in the input.
//!
//! | [`Source`] | module | what it reads |
//! |---|---|---|
//! | `put-rule` | `put_rule` | PutRule request JSON (`Rule::from_json`'s shape), or the `api-json` export's `{"PutRule": …, "PutTargets": …}` |
//! | `describe-rule` | `describe_rule` | `aws events describe-rule` output, optionally followed by `list-targets-by-rule` output; `list-rules` output |
//! | `cloudformation`, `sam`, `scheduler` | `template` (`cloudformation`, `sam`, `scheduler`) | a CloudFormation or SAM template in JSON or YAML, or one resource: `AWS::Events::Rule`, SAM function events, `AWS::Scheduler::Schedule` |
//! | `terraform` | `terraform` | `aws_cloudwatch_event_rule` and its `aws_cloudwatch_event_target`s, `aws_scheduler_schedule` |
//! | `escaped-pattern` | `escaped_pattern` | an EventPattern as an escaped JSON string, or a bare pattern |
//! | `jets` | `jets` (reader: `ruby`) | a Ruby Jets job's `rule_event` / `events_rule` / `event_pattern` / `rate` / `cron` |
//! | `serverless` | `serverless` | `serverless.yml` functions' `eventBridge` and `schedule` events |
//!
//! Every reader bounds its nesting depth, so hostile input gives an error
//! rather than a stack overflow.

mod cloudformation;
mod common;
mod describe_rule;
mod escaped_pattern;
mod guess;
mod hcl;
mod jets;
mod put_rule;
mod ruby;
mod sam;
mod scheduler;
mod serverless;
mod template;
mod terraform;
mod wire;
mod yaml;

use std::fmt;

use crate::rule::Rule;

pub use wire::{outcome_from_json, outcome_to_json};

/// The kinds of input [`import`] reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    /// `put-rule`: PutRule request JSON, as [`Rule::from_json`] reads it,
    /// with an optional `Targets` array; or the `api-json` export's
    /// `{"PutRule": {…}, "PutTargets": {…}}`.
    PutRule,
    /// `describe-rule`: the output of `aws events describe-rule`, optionally
    /// followed or merged with `aws events list-targets-by-rule`'s
    /// `{"Targets": […]}`; also `aws events list-rules`' `{"Rules": […]}`.
    DescribeRule,
    /// `cloudformation`: a CloudFormation template (JSON or YAML) or one
    /// resource. Every `AWS::Events::Rule` is read, and so are the SAM and
    /// Scheduler resources the `sam` and `scheduler` kinds read: they are
    /// one template language.
    CloudFormation,
    /// `sam`: an AWS SAM template: `AWS::Serverless::Function` events of
    /// type `EventBridgeRule`, `CloudWatchEvent`, `Schedule` and
    /// `ScheduleV2`, with the function as the target.
    Sam,
    /// `scheduler`: `AWS::Scheduler::Schedule` resources in a template.
    Scheduler,
    /// `terraform`: `aws_cloudwatch_event_rule` resources with their
    /// `aws_cloudwatch_event_target`s, and `aws_scheduler_schedule`.
    Terraform,
    /// `escaped-pattern`: an EventPattern pasted as an escaped JSON string
    /// (`"{\"source\":[\"aws.ec2\"]}"`), or a bare pattern object.
    EscapedPattern,
    /// `jets`: a Ruby Jets job class: `rule_event`, `events_rule`,
    /// `event_pattern`, `rate` and `cron`.
    Jets,
    /// `serverless`: a Serverless Framework `serverless.yml`: functions'
    /// `eventBridge` and `schedule` events.
    Serverless,
}

impl Source {
    /// Every kind, in the order [`Source::guess`] documents.
    pub const ALL: [Source; 9] = [
        Source::PutRule,
        Source::DescribeRule,
        Source::CloudFormation,
        Source::Sam,
        Source::Scheduler,
        Source::Terraform,
        Source::EscapedPattern,
        Source::Jets,
        Source::Serverless,
    ];

    /// The name used on the command line: `describe-rule`.
    pub fn name(self) -> &'static str {
        match self {
            Source::PutRule => "put-rule",
            Source::DescribeRule => "describe-rule",
            Source::CloudFormation => "cloudformation",
            Source::Sam => "sam",
            Source::Scheduler => "scheduler",
            Source::Terraform => "terraform",
            Source::EscapedPattern => "escaped-pattern",
            Source::Jets => "jets",
            Source::Serverless => "serverless",
        }
    }

    /// The kind named `name` (see [`Source::name`]).
    pub fn from_name(name: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|source| source.name() == name)
    }

    /// A title for people: `aws events describe-rule output`.
    pub fn title(self) -> &'static str {
        match self {
            Source::PutRule => "PutRule request JSON",
            Source::DescribeRule => "aws events describe-rule output",
            Source::CloudFormation => "CloudFormation template",
            Source::Sam => "SAM template",
            Source::Scheduler => "EventBridge Scheduler template",
            Source::Terraform => "Terraform",
            Source::EscapedPattern => "event pattern",
            Source::Jets => "Ruby Jets job",
            Source::Serverless => "serverless.yml",
        }
    }

    /// Guesses what `text` is, looking at its shape rather than trying
    /// every importer, so that a broken input of a recognisable kind gets
    /// that kind's error. In this order:
    ///
    /// 1. Text starting with `"` is an escaped pattern.
    /// 2. Text starting with `{` or `[` is JSON. Its top-level keys decide:
    ///    - `Resources`, `AWSTemplateFormatVersion`, `Transform`, or a
    ///      `Type` naming an `AWS::` resource: a template, which is `sam`
    ///      when it has SAM functions with rule events (or the SAM
    ///      transform), `scheduler` when its only rule-making resources
    ///      are `AWS::Scheduler::Schedule`, and `cloudformation` otherwise;
    ///    - `PutRule`: `put-rule` (the `api-json` export);
    ///    - `Arn`, `CreatedBy`, `ManagedBy` or `Rules`: `describe-rule`,
    ///      as are several JSON documents one after the other;
    ///    - `Name`, `EventPattern` or `ScheduleExpression`: `put-rule`;
    ///    - `Targets` alone (`list-targets-by-rule` output): `describe-rule`,
    ///      which says that the rule is missing;
    ///    - `functions`: `serverless`;
    ///    - an object whose values are all resources (`{"MyRule": {"Type":
    ///      …}}`): `cloudformation`;
    ///    - anything else, such as `{"source": […]}`: a bare pattern,
    ///      `escaped-pattern`.
    ///
    ///    JSON that does not read is guessed from the keys it mentions.
    /// 3. A line starting with `resource "`, `data "`, `locals {`,
    ///    `variable "` or `module "`: `terraform`.
    /// 4. `class … < ApplicationJob` (or `Jets::Job::Base`), or a line
    ///    starting with `rule_event`, `events_rule`, `event_pattern`,
    ///    `rate "` or `cron "`: `jets`.
    /// 5. Otherwise YAML, decided by its top-level keys as in 2
    ///    (`functions`, `service` or `provider` mean `serverless`; rule
    ///    properties such as `EventPattern` mean `cloudformation`).
    ///
    /// ```
    /// use evpat_rule::import::Source;
    ///
    /// assert_eq!(Source::guess(r#"{"Name": "r", "EventPattern": "{}"}"#), Some(Source::PutRule));
    /// assert_eq!(Source::guess("resource \"aws_cloudwatch_event_rule\" \"r\" {}"), Some(Source::Terraform));
    /// assert_eq!(Source::guess("Resources:\n  R:\n    Type: AWS::Events::Rule\n"), Some(Source::CloudFormation));
    /// assert_eq!(Source::guess("hello"), None);
    /// ```
    pub fn guess(text: &str) -> Option<Source> {
        guess::guess(text)
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What [`import`] read.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// The kind of input, as given or guessed.
    pub source: Source,
    /// The rules, in the order the input defines them, each valid by
    /// [`Rule::validate`].
    pub rules: Vec<Rule>,
    /// What to check before trusting the rules, each starting with the line
    /// it is about: a placeholder for a value only the tool knows at deploy
    /// time, a name made up for a nameless rule, a field the rule model
    /// cannot hold.
    pub warnings: Vec<String>,
}

/// Input that could not be imported: where, why, and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    message: String,
    line: usize,
    column: usize,
    hint: Option<String>,
}

impl ImportError {
    /// An error at byte `offset` of `text`.
    pub(crate) fn at(text: &str, offset: usize, message: impl Into<String>) -> ImportError {
        let (line, column) = evpat::line_column(text, offset);
        ImportError { message: message.into(), line, column, hint: None }
    }

    /// Adds a hint, or replaces it.
    #[must_use]
    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> ImportError {
        self.hint = Some(hint.into());
        self
    }

    /// Adds a hint when there is one.
    #[must_use]
    pub(crate) fn with_optional_hint(mut self, hint: Option<&str>) -> ImportError {
        self.hint = hint.map(str::to_owned);
        self
    }

    /// What is wrong: AWS's message where AWS has one (an invalid pattern
    /// or rule), the parser's for broken JSON, YAML or HCL.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The 1-based line in the input.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The 1-based column in the input, counted in characters.
    pub fn column(&self) -> usize {
        self.column
    }

    /// How to fix it, when we can say.
    pub fn hint(&self) -> Option<&str> {
        self.hint.as_deref()
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ImportError {}

/// Reads every rule in `text`, which is of kind `from`, or of the kind
/// [`Source::guess`] sees when `from` is `None`.
///
/// ```
/// use evpat_rule::import::{Source, import};
///
/// let template = "\
/// Resources:
///   Ec2StateRule:
///     Type: AWS::Events::Rule
///     Properties:
///       EventPattern:
///         source: [aws.ec2]
///         detail:
///           count: [{numeric: ['>', 1.50]}]
///       Targets:
///         - Id: Target0
///           Arn: !GetAtt MyFunction.Arn
/// ";
/// let imported = import(template, None)?;
/// assert_eq!(imported.source, Source::CloudFormation);
/// let rule = &imported.rules[0];
/// assert_eq!(rule.name, "Ec2StateRule");
/// assert_eq!(
///     rule.event_pattern.as_ref().unwrap().text(),
///     r#"{"source":["aws.ec2"],"detail":{"count":[{"numeric":[">",1.50]}]}}"#
/// );
/// assert_eq!(rule.targets[0].arn, "${MyFunction.Arn}");
/// assert_eq!(imported.warnings.len(), 2); // the name, the placeholder
/// # Ok::<(), evpat_rule::import::ImportError>(())
/// ```
///
/// # Errors
///
/// Input that does not read (broken JSON, YAML, HCL or Ruby), input of no
/// kind [`Source::guess`] knows, input with no rule in it, an invalid
/// pattern, or a rule [`Rule::validate`] refuses; placed by line and
/// column.
pub fn import(text: &str, from: Option<Source>) -> Result<Imported, ImportError> {
    let source = match from {
        Some(source) => source,
        None => Source::guess(text).ok_or_else(|| {
            let start = text.len() - text.trim_start().len();
            ImportError::at(text, start, "could not tell what kind of rule definition this is")
                .with_hint(
                    "paste a CloudFormation or SAM template, Terraform, PutRule or describe-rule \
                     JSON, a Jets job, serverless.yml or an event pattern; or name the kind",
                )
        })?,
    };
    let mut imported = match source {
        Source::PutRule => put_rule::import(text),
        Source::DescribeRule => describe_rule::import(text),
        Source::CloudFormation | Source::Sam | Source::Scheduler => template::import(text, source),
        Source::Terraform => terraform::import(text),
        Source::EscapedPattern => escaped_pattern::import(text),
        Source::Jets => jets::import(text),
        Source::Serverless => serverless::import(text),
    }?;
    imported.source = source;
    Ok(imported)
}
