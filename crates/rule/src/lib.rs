//! # evpat-rule: EventBridge rule definitions
//!
//! A rule is what users deploy: a name, a state, and an event pattern,
//! which [`evpat`] validates. This crate turns a validated pattern into the
//! documents people paste into their tools. Today that is the request body
//! of EventBridge's `PutRule` API.
//!
//! ```
//! use evpat::Pattern;
//! use evpat_rule::PutRuleRequest;
//!
//! let pattern = Pattern::parse(r#"{ "source": [ "aws.ec2" ] }"#)?;
//! let request = PutRuleRequest::new("ec2-events", &pattern)?;
//! assert_eq!(
//!     request.to_json(),
//!     r#"{
//!   "Name": "ec2-events",
//!   "EventPattern": "{\"source\":[\"aws.ec2\"]}",
//!   "State": "ENABLED"
//! }"#
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

mod name;
pub mod put_events;
mod put_rule;
pub mod schedule;
pub mod transformer;

pub use name::{NameError, validate_name};
pub use put_events::{
    Delivery, EntryError, PutEventsEntry, RequestError, entry_to_event, looks_like_entry,
    looks_like_request, put_events,
};
pub use put_rule::{PutRuleRequest, RuleState};
pub use schedule::{Schedule, ScheduleError, Service};
pub use transformer::{
    InputTransformer, Rendered, ReservedValues, TransformerError, TransformerLint,
};
