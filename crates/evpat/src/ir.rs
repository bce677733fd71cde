//! The validated, normalized pattern the matcher runs: `$or` expanded into
//! branches, paths joined with dots as EventBridge joins them, operands
//! checked and turned into typed conditions.
//!
//! ```text
//! {"source": ["aws.ec2"], "$or": [{"detail.a": [1]}, {"detail": {"b": [{"prefix": "x"}]}}]}
//! ⇒ branch 1: source ∈ {"aws.ec2"}, detail.a ∈ {1}
//!   branch 2: source ∈ {"aws.ec2"}, detail.b starts with "x"
//! ```

use crate::json::Span;
use crate::ops::cidr::Cidr;
use crate::ops::numeric::Range;
use crate::ops::text::Text;
use crate::ops::wildcard::Wildcard;

/// A pattern as alternatives: it matches when any branch does.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Ir {
    pub branches: Vec<Branch>,
}

/// Rules that must all hold for one event.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Branch {
    pub rules: Vec<Rule>,
}

/// A leaf of the pattern: the event field at `path` must satisfy one of
/// the conditions.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Rule {
    /// The event path, keys joined with `.`, as EventBridge flattens them.
    pub path: String,
    pub conditions: Vec<Condition>,
    /// Where the leaf is in the pattern text, for explanations.
    pub key_span: Span,
}

/// One test of one event value. Operators compose: `anything-but` wraps
/// the conditions it negates, and case folding is a property of the text.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Condition {
    Equals(Scalar),
    Prefix(Text),
    Suffix(Text),
    EqualsIgnoreCase(Text),
    Wildcard(Wildcard),
    Numeric(Range),
    Cidr(Cidr),
    /// `true`: the field is present as a leaf. `false`: it is not.
    Exists(bool),
    /// The value is present and satisfies none of these.
    AnythingBut(Vec<Condition>),
}

/// An exact value. Numbers compare by value, so `300` equals `300.0`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Scalar {
    String(String),
    Number(f64),
    Bool(bool),
    Null,
}
