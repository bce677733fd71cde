//! # evpat-rule: EventBridge rule definitions
//!
//! A rule is what users deploy: a name, a state, an event pattern (which
//! [`evpat`] validates) or a schedule, and targets. This crate holds that
//! model, checks it as PutRule and PutTargets would, and moves it in and out
//! of the tools people deploy with.
//!
//! | module | what it does |
//! |---|---|
//! | [`Rule`] (`rule`) | the model, read from PutRule-shaped JSON, checked with AWS's messages |
//! | [`export`] | the rule for CloudFormation, SAM, Serverless, Terraform, CDK, the AWS CLI and SDK, Jets, EventBridge Scheduler |
//! | [`import`] | templates, Terraform, describe-rule output, Jets jobs, … back into rules |
//! | [`schedule`] | `rate()`, `cron()` and `at()`: validation, descriptions, next runs |
//! | [`put_events`](mod@put_events) | PutEvents entries, and the events rules see |
//! | [`transformer`] | input transformers: what a target receives |
//! | [`builder`] | patterns built from an event's values, formatting, envelopes, JSON Lines |
//!
//! ```
//! use evpat_rule::Rule;
//! use evpat_rule::export::{Format, export};
//!
//! let rule = Rule::from_json(r#"{
//!     "Name": "ec2-events",
//!     "EventPattern": {"source": ["aws.ec2"], "detail": {"n": [{"numeric": [">", 1.50]}]}}
//! }"#)?;
//! assert_eq!(
//!     export(&rule, Format::ApiJson)?.text,
//!     r#"{
//!   "PutRule": {
//!     "Name": "ec2-events",
//!     "EventPattern": "{\"source\":[\"aws.ec2\"],\"detail\":{\"n\":[{\"numeric\":[\">\",1.50]}]}}",
//!     "State": "ENABLED"
//!   }
//! }
//! "#
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

pub mod builder;
pub mod export;
pub mod import;
mod name;
pub mod put_events;
mod rule;
pub mod schedule;
pub mod transformer;

pub use name::{NameError, validate_name};
pub use put_events::{
    Delivery, EntryError, PutEventsEntry, RequestError, entry_to_event, looks_like_entry,
    looks_like_request, put_events,
};
pub use rule::{DeadLetterConfig, RetryPolicy, Rule, RuleError, RuleState, Target, TargetInput};
pub use schedule::{Schedule, ScheduleError, Service};
pub use transformer::{
    InputTransformer, Rendered, ReservedValues, TransformerError, TransformerLint,
};
