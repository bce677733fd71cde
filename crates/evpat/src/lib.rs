//! # evpat: Amazon EventBridge event patterns, matched as AWS matches them
//!
//! An event pattern is a JSON object that mirrors the events it selects.
//! This crate reads a pattern, checks it with AWS's rules and AWS's error
//! messages, and decides whether events match it, with EventBridge's
//! semantics down to the odd corners (see `tests/conformance`, 186 cases
//! recorded against AWS plus our own).
//!
//! ```text
//! text ─read─▶ JSON with spans ─parse─▶ AST ─validate─▶ IR ─match─▶ bool
//!      json.rs                 parse.rs     validate.rs    matcher.rs
//!                                                       ▲
//! event text ─read─▶ JSON ─flatten─▶ sorted (path, value, array trail)
//!                          event.rs
//! ```
//!
//! - **read** (`json`): our own reader, because every key and value needs
//!   a byte span, every number its exact lexeme, duplicate keys their
//!   order, and syntax errors Jackson's wording (AWS parses with Jackson).
//! - **parse** (`ast`): shape errors: a leaf that is not an array, an
//!   unknown operator, an operand of the wrong type.
//! - **validate** (`ir`): meaning errors (CIDR blocks, numeric ranges,
//!   wildcard escapes and complexity), `$or` expanded into branches with
//!   its combination limit, keys joined with dots as EventBridge joins them.
//! - **match** (`matcher`): each branch's leaves must be satisfied by
//!   event values that are array-consistent: values inside one array of
//!   objects must come from the same element.
//! - **many rules at once** ([`RuleSet`], `ruleset`): every pattern's
//!   branches filed in per-field indexes, and one validating scan of the
//!   event that keeps only the values rules test; its answers equal the
//!   reference matcher's (a differential test holds this).
//!
//! ```
//! use evpat::{Event, Pattern};
//!
//! let pattern = Pattern::parse(r#"{"source": ["aws.ec2"], "detail": {"state": [{"anything-but": "running"}]}}"#)?;
//! let event = Event::parse(r#"{"source": "aws.ec2", "detail": {"state": "stopped"}}"#)?;
//! assert!(pattern.matches(&event));
//!
//! let error = Pattern::parse(r#"{"detail": {"state": [{"prefix": 5}]}}"#).unwrap_err();
//! assert_eq!(error.reason(), "prefix match pattern must be a string");
//! assert_eq!(error.path(), "$.detail.state[0].prefix");
//! assert_eq!((error.line(), error.column()), (1, 34));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Error reporting
//!
//! [`Error::reason`] is AWS's reason text word for word; `Display` prints
//! AWS's message, `Event pattern is not valid. Reason: <reason>`. Jackson's
//! `at [Source: …]` suffix is replaced by our own place: a byte span (inside
//! strings too, through escapes), a JSON path, a line and a column, plus a
//! hint. [`render`] draws the offending line with a caret underline.
//!
//! Where AWS's text is not recorded, evpat uses event-ruler's message (the
//! engine behind EventBridge), or its own in the same style:
//!
//! | kind | text | from |
//! |---|---|---|
//! | [`ErrorKind::Syntax`] | Jackson's messages beyond the three recorded | Jackson 2.x wording |
//! | [`ErrorKind::TooDeep`] | `Document nesting depth (N) exceeds the maximum allowed (M, …)` | Jackson's `StreamReadConstraints` |
//! | [`ErrorKind::TooLong`] | `Event pattern is too long: N characters, more than the M allowed` | ours |
//! | [`ErrorKind::TooManyCombinations`] | `The pattern has N $or combinations, more than the M allowed` | ours |
//! | [`ErrorKind::OnlyOneKey`], [`ErrorKind::InvalidMatchValue`], [`ErrorKind::EmptyObject`], [`ErrorKind::ExistsNotBoolean`], [`ErrorKind::NumericTooLong`], [`ErrorKind::NumberNotComparable`], [`ErrorKind::CidrMask`], [`ErrorKind::WildcardEscape`], [`ErrorKind::OrNotArray`], [`ErrorKind::OrTooFewBranches`], [`ErrorKind::OrReservedField`] | see each kind | event-ruler |
//! | [`ErrorKind::WildcardTooComplex`] | AWS's text; the threshold is an approximation | AWS text, our threshold |
//! | event errors | `Parameter Event is not valid.`, with our reason | AWS text, our reason |
//!
//! # Decisions where AWS is silent
//!
//! - An empty object is refused everywhere, the root `{}` included.
//! - Trailing text after the pattern's closing brace is a syntax error.
//! - In `numeric`, an unknown or misplaced operator gives `Bad numeric
//!   range operator: X`; an empty list gives `Empty arrays are not allowed`.
//! - `exists: false` is decided over the whole event, not per array element.
//! - A key repeated in one object of an event counts once, with its last
//!   value, as event-ruler documents ("Ruler will only consider the final
//!   value in the document order") and as AWS resolves patterns.
//!
//! # Limits
//!
//! Every limit, with its value in [`Limits::AWS`] (what AWS's
//! TestEventPattern applies, and what [`test_event_pattern`] and
//! [`check_envelope`] use) and in [`Limits::default`] (the library's
//! roomier sizes, used by [`Pattern::parse`], [`Event::parse`] and
//! [`RuleSet::builder`]). Any other values can be given in a [`Limits`],
//! to [`Pattern::parse_with_limits`], [`Event::parse_with_limits`] and
//! [`RuleSetBuilder::limits`]. Past a limit, the reason names the limit's
//! value, and the hint the [`Limits`] field (AWS's texts are kept where
//! AWS has one).
//!
//! | limit | field | `AWS` | `default()` | checked by | past it: kind and reason |
//! |---|---|---|---|---|---|
//! | pattern size | `max_pattern_chars` | 4096 characters | 65,536 characters | [`Pattern::parse_with_limits`] | [`ErrorKind::TooLong`]: `Event pattern is too long: 4097 characters, more than the 4096 allowed` |
//! | pattern depth | `max_pattern_depth` | 128 | 128 | [`Pattern::parse_with_limits`] | [`ErrorKind::TooDeep`]: `Document nesting depth (129) exceeds the maximum allowed (128, …)` (Jackson's) |
//! | event size | `max_event_bytes` | 1 MiB (1,048,576 bytes) | 16 MiB | [`Event::parse_with_limits`], [`RuleSet::matches`] | [`ErrorKind::EventTooLarge`]: `the event is 1048577 bytes, more than the 1048576 allowed` |
//! | event depth | `max_event_depth` | 1000 | 1000 | [`Event::parse_with_limits`], [`RuleSet::matches`] | [`ErrorKind::TooDeep`]: `Document nesting depth (1001) exceeds the maximum allowed (1000, …)` |
//! | `$or` combinations | `max_combinations` | 1000 | 1000 | [`Pattern::parse_with_limits`] | [`ErrorKind::TooManyCombinations`]: `The pattern has 1001 $or combinations, more than the 1000 allowed` |
//! | rules in a [`RuleSet`] | `max_rules` | 100,000 | 100,000 | [`RuleSetBuilder::try_add`], [`RuleSetBuilder::try_build`] | [`TooManyRules`]: `rule 100001 is over the limit of 100000 rules in a RuleSet (Limits::max_rules)` |
//! | wildcard complexity | fixed | 10 active states | 10 active states | [`Pattern::parse_with_limits`] | [`ErrorKind::WildcardTooComplex`]: AWS's `Rule is too complex - …`; the hint: `… can keep 11 or more matcher states active at once, over the limit of 10` |
//! | array choices, for a field spelled both dotted and nested | fixed: [`MAX_ARRAY_CHOICES`] | 100,000 combinations | 100,000 combinations | [`Pattern::try_matches`], [`RuleSet::matches`] | [`ErrorKind::TooManyArrayChoices`]: `cannot decide array consistency at a.x1: … come to 110000 combinations, more than the 100000 allowed` |
//!
//! Wildcard complexity is the most states of the glob's matcher that one
//! input keeps active at once (event-ruler's measure; AWS does not
//! publish its threshold, and 10 separates AWS's recorded examples).
//! `*:*:*:*:*` (10) is accepted and `*:*:*:*:*:x` (11) refused. The
//! rule limit is the library's: a rule's memory grows with its pattern,
//! and AWS's own quota (300 rules per event bus by default) is not
//! applied. `tests/limits.rs` has a test at and just past each limit.
//!
//! # Input safety
//!
//! Nothing panics on any input, and the [limits](#limits) bound the
//! work. Reading and flattening are iterative, so a 100,000-deep array is
//! refused with [`ErrorKind::TooDeep`] rather than overflowing the stack,
//! natively and in WebAssembly. Stages that recurse (parse, validate,
//! print) only see patterns within [`Limits::max_pattern_depth`].
//!
//! Within the limits, reading, parsing, validating, matching and
//! explaining cost time linear in the input (a [`RuleSet`]'s build, times
//! the rules): wildcards are matched run by run with a
//! Knuth–Morris–Pratt search, sibling keys are gathered through a map, and
//! the consistency search keeps the index chosen in each array.
//! `tests/adversarial.rs` guards this with hostile inputs (a million
//! array elements, 10,000 sibling keys, 10,000-digit numbers, globs of
//! thousands of stars). Array-consistent matching is decided array by
//! array, level by level (`consistency.rs`), in linear time. One case
//! needs a search: an event that spells a field both with a dotted key and
//! nested (`{"a": [{"b": 1}], "a.b": [2]}`), which puts the field's values
//! in sibling arrays. The search is bounded by [`MAX_ARRAY_CHOICES`]
//! combinations; past it, [`Pattern::try_matches`] and [`RuleSet::matches`]
//! refuse with [`ErrorKind::TooManyArrayChoices`] (a repeated key cannot
//! cause it: the last one counts). [`explain`] caps the ways it joins (the
//! ✓ of a nested object in an array of many thousands may be lost), but
//! its verdict is the matcher's.
#![deny(missing_docs)]

mod ast;
mod consistency;
mod envelope;
mod error;
mod event;
mod explain;
mod ir;
pub mod json;
mod limits;
mod lint;
mod matcher;
mod ops;
mod parse;
mod pattern;
mod print;
mod render;
mod ruleset;
mod sort;
mod validate;

pub use consistency::MAX_ARRAY_CHOICES;
pub use envelope::{ENVELOPE_FIELDS, check_envelope, test_event_pattern};
pub use error::{Error, ErrorKind, Subject, line_column};
pub use event::Event;
pub use explain::{Check, CheckSubject, Compared, Explanation, Outcome, explain, tree_verdict};
pub use json::{Span, minify};
pub use limits::Limits;
pub use lint::{Lint, Severity, lint, lint_with_event};
pub use pattern::Pattern;
pub use render::render;
pub use ruleset::{RuleSet, RuleSetBuilder, TooManyRules};
