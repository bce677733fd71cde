//! # evpat: Amazon EventBridge event patterns, matched as AWS matches them
//!
//! An event pattern is a JSON object that mirrors the events it selects.
//! Objects nest, and every leaf is an array of the values a field may
//! hold. This crate reads a pattern, checks its shape, and decides whether
//! an event matches it:
//!
//! ```text
//! pattern text ──json::read──▶ JSON ──Pattern::parse──▶ Pattern ─┐
//! event text   ──json::read──▶ JSON ──Event::parse────▶ Event  ──┴─▶ Pattern::matches
//! ```
//!
//! ```
//! use evpat::{Event, Pattern};
//!
//! let pattern = Pattern::parse(r#"{"source": ["aws.ec2"], "detail": {"state": ["stopped"]}}"#)?;
//! let event = Event::parse(r#"{"source": "aws.ec2", "detail": {"state": "stopped"}}"#)?;
//! assert!(pattern.matches(&event));
//! # Ok::<(), evpat::Error>(())
//! ```
//!
//! # What is matched today
//!
//! Exact values (strings, numbers, booleans and `null`), nested objects and
//! arrays. A pattern value matches an event array when it matches any of
//! its elements. Fields of one pattern object that fall inside an array of
//! objects must be satisfied by the same element of that array, as
//! EventBridge does. Content filters such as `prefix` or `numeric` are
//! refused with an error that says so, rather than silently mismatched.
//!
//! # Input safety
//!
//! Nesting deeper than [`MAX_DEPTH`] levels is refused while reading, so
//! no later stage can overflow the stack, which matters in WebAssembly
//! where the stack is small and an overflow kills the page.
//!
//! # Error reporting
//!
//! Every [`Error`] names its place: a line and column for broken JSON, and
//! a JSON path such as `$.detail.state` for a pattern of the wrong shape.
#![deny(missing_docs)]

mod error;
mod event;
mod json;
mod matcher;
mod pattern;

pub use error::{Error, ErrorKind};
pub use event::Event;
pub use json::{MAX_DEPTH, minify};
pub use pattern::Pattern;
