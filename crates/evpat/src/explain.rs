//! Explaining a verdict: a tree that mirrors the pattern, with a verdict,
//! the event values compared and a plain-English reason at every field and
//! condition.
//!
//! The tree is evaluated on its own, not copied from the matcher: each node
//! yields the array trails (see [`crate::event`]) of the ways it can be
//! satisfied. A leaf's ways are its matching values; an object's are the
//! array-consistent joins of its fields' ways; an `$or`'s are the union of
//! its branches'. The pattern matches when the root has a way, so the
//! verdict is a fold of the tree, and a property test holds it equal to
//! [`crate::Pattern::matches`].

use std::cell::Cell;
use std::collections::HashMap;
use std::fmt;

use crate::ast::{
    self, AnythingBut, Case, FieldValue, Literal, Matcher, MatcherKind, NumericTokenValue,
};
use crate::event::{Event, Field, Leaf, Trail};
use crate::ir::{Condition, Scalar};
use crate::json::{Span, quote};
use crate::pattern::Pattern;
use crate::sort;
use crate::validate;

/// The most ways a join keeps. Joining fields in independent arrays
/// multiplies their ways; past this many, later ones are dropped. That can
/// only turn a nested object's ✓ into ✗, in events with arrays of
/// thousands of elements, never the reverse; the verdict itself is the
/// matcher's.
const MAX_WAYS: usize = 4096;

/// The most pairs of ways a join compares, so that no event makes a join
/// cost more than this; the same caveat as [`MAX_WAYS`] applies past it.
const MAX_JOIN_CHECKS: usize = 1 << 22;

/// How many compared values a check keeps: enough to point at, without
/// copying a large array into every explanation.
const MAX_COMPARED: usize = 16;

/// How many compared values a reason quotes before it summarizes.
const QUOTED_VALUES: usize = 3;

/// Why an event does or does not match a pattern.
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    /// Whether the event matches: the root's verdict.
    pub matched: bool,
    /// The tree, rooted at the pattern object.
    pub root: Check,
}

/// One node of an [`Explanation`]: the pattern itself, a field, an `$or`,
/// one of its branches, or one condition of a leaf.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    /// What part of the pattern this is.
    pub subject: CheckSubject,
    /// The verdict as shown.
    pub outcome: Outcome,
    /// Whether this part holds for the event, whatever is shown: a branch
    /// shown as not evaluated still has its own truth.
    pub matched: bool,
    /// Where this part is in the pattern text.
    pub span: Span,
    /// Its JSON path in the pattern, such as `$.detail.state[0]`.
    pub path: String,
    /// The event keys it looks at, from the root (`$or` adds none).
    pub keys: Vec<String>,
    /// The reason, in plain English.
    pub reason: String,
    /// The event values compared, for fields and conditions: those that
    /// matched if any did, else the first ones, at most 16.
    pub values: Vec<Compared>,
    /// Near misses worth checking, when a field is missing or mistyped.
    pub hints: Vec<String>,
    /// The parts inside this one.
    pub children: Vec<Check>,
}

/// What part of the pattern a [`Check`] is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CheckSubject {
    /// The whole pattern.
    Pattern,
    /// A field: its key.
    Field(String),
    /// An `$or`.
    Or,
    /// A branch of an `$or`: its 0-based index.
    Branch(usize),
    /// One element of a leaf array, as written, such as `{"prefix": "i-"}`.
    Condition(String),
}

/// A verdict in an [`Explanation`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// It holds.
    Matched,
    /// The field is there but does not satisfy it.
    Failed,
    /// The field is not in the event.
    Missing,
    /// The field's values are of a type this condition never accepts.
    TypeMismatch,
    /// Not evaluated: an earlier branch of the same `$or` already matched.
    NotEvaluated,
    /// No answer: the whole pattern, when array consistency could not be
    /// decided ([`crate::ErrorKind::TooManyArrayChoices`]).
    Undecided,
}

/// An event value a field or condition was compared with.
#[derive(Clone, Debug, PartialEq)]
pub struct Compared {
    /// Its JSON path in the event, with array indexes: `$.detail.items[1].id`.
    pub path: String,
    /// Where it is in the event text.
    pub span: Span,
    /// The value as JSON, such as `"running"` or `5`.
    pub text: String,
    /// Whether it satisfied the condition (for fields: any condition).
    pub matched: bool,
}

impl Check {
    /// The part of the pattern, as a tree shows it: `detail.state`, `$or`,
    /// `branch 2`, or the condition as written; empty for the pattern.
    pub fn label(&self) -> String {
        match &self.subject {
            CheckSubject::Pattern => String::new(),
            CheckSubject::Field(_) => self.keys.join("."),
            CheckSubject::Or => "$or".to_owned(),
            CheckSubject::Branch(i) => format!("branch {}", i + 1),
            CheckSubject::Condition(written) => written.clone(),
        }
    }

    /// The label and the reason on one line: `detail.state: expected …`.
    pub fn headline(&self) -> String {
        // An `$or`'s reason names it already; the label says it once.
        let reason = self.reason.strip_prefix("$or: ").unwrap_or(&self.reason);
        match self.label() {
            label if label.is_empty() => reason.to_owned(),
            label => format!("{label}: {reason}"),
        }
    }

    /// The checks a tree shows under this one. A field with a single
    /// condition is shown on one line, so its condition is not repeated.
    pub fn shown_children(&self) -> &[Check] {
        match (&self.subject, &self.children[..]) {
            (CheckSubject::Field(_), [only])
                if matches!(only.subject, CheckSubject::Condition(_)) =>
            {
                &[]
            }
            _ => &self.children,
        }
    }
}

/// Explains whether `event` matches `pattern`.
pub fn explain(pattern: &Pattern, event: &Event) -> Explanation {
    let explainer = Explainer { text: pattern.text(), event, capped: Cell::new(false) };
    let (children, _) = explainer.object(pattern.ast(), &[], "");
    // The verdict is the matcher's: the tree's joins of ways are capped,
    // and the matcher is what everything else answers with.
    let verdict = pattern.try_matches(event);
    let matched = verdict == Ok(true);
    let reason = if matched {
        "the event matches the pattern".to_owned()
    } else if let Err(undecided) = &verdict {
        undecided.reason().to_owned()
    } else if children.iter().all(|c| c.matched) {
        consistency_reason()
    } else {
        let failed = children.iter().filter(|c| !c.matched).count();
        match children.len() {
            1 => "the event does not match".to_owned(),
            n => format!("the event does not match: {}", fields_failed(failed, n)),
        }
    };
    let root = Check {
        subject: CheckSubject::Pattern,
        outcome: match verdict {
            Ok(true) => Outcome::Matched,
            Ok(false) => Outcome::Failed,
            Err(_) => Outcome::Undecided,
        },
        matched,
        span: Span { start: 0, end: pattern.text().len() },
        path: "$".to_owned(),
        keys: Vec::new(),
        reason,
        values: Vec::new(),
        hints: Vec::new(),
        children,
    };
    Explanation { matched, root }
}

/// The verdict the tree's own fold gives, independent of the matcher, or
/// `None` when a join hit [`MAX_WAYS`] or [`MAX_JOIN_CHECKS`]. For tests:
/// it must equal [`Pattern::matches`] whenever it answers.
#[doc(hidden)]
pub fn tree_verdict(pattern: &Pattern, event: &Event) -> Option<bool> {
    let explainer = Explainer { text: pattern.text(), event, capped: Cell::new(false) };
    let (_, ways) = explainer.object(pattern.ast(), &[], "");
    (!explainer.capped.get()).then_some(!ways.is_empty())
}

fn fields_matched(n: usize) -> String {
    if n == 1 { "matches".to_owned() } else { format!("all {n} fields match") }
}

fn fields_failed(failed: usize, n: usize) -> String {
    if n == 1 { "its field fails".to_owned() } else { format!("{failed} of {n} fields fail") }
}

fn consistency_reason() -> String {
    "every field matched, but only in different elements of the same array: \
     fields inside one array of objects must match in the same element"
        .to_owned()
}

/// The ways a node can be satisfied: each a trail of array positions.
type Ways = Vec<Trail>;

struct Explainer<'a> {
    text: &'a str,
    event: &'a Event,
    /// Whether a join dropped ways.
    capped: Cell<bool>,
}

impl Explainer<'_> {
    fn object(&self, object: &ast::Object, keys: &[String], prefix: &str) -> (Vec<Check>, Ways) {
        let mut children = Vec::with_capacity(object.fields.len());
        let mut all_ways = Vec::with_capacity(object.fields.len());
        for field in &object.fields {
            let (check, field_ways) = self.field(field, keys, prefix);
            all_ways.push(field_ways);
            children.push(check);
        }
        // The fewest ways first: a selective field then narrows the ways
        // before a broad one meets them, and the cap rarely bites.
        sort::sort_by_key(&mut all_ways, Vec::len);
        let mut all_ways = all_ways.into_iter();
        let mut ways = all_ways.next().unwrap_or_else(|| vec![Trail::new()]);
        for field_ways in all_ways {
            if ways.is_empty() {
                break;
            }
            let (joined, complete) = join(&ways, &field_ways);
            ways = joined;
            if !complete {
                self.capped.set(true);
            }
        }
        (children, ways)
    }

    fn field(&self, field: &ast::Field, keys: &[String], prefix: &str) -> (Check, Ways) {
        match &field.value {
            FieldValue::Or(branches) => self.or(field, branches, keys, prefix),
            FieldValue::Leaf(matchers) => self.leaf(field, matchers, keys, prefix),
            FieldValue::Nested(object) => self.nested(field, object, keys, prefix),
        }
    }

    fn nested(
        &self,
        field: &ast::Field,
        object: &ast::Object,
        keys: &[String],
        prefix: &str,
    ) -> (Check, Ways) {
        let path = join_path(prefix, &field.key);
        let mut keys = keys.to_vec();
        keys.push(field.key.clone());
        let (children, ways) = self.object(object, &keys, &path);
        let matched = !ways.is_empty();
        let present = self.event.has_fields_under(&path);
        let scalars = self.event.at(&path);
        let (outcome, reason, hints) = if matched {
            (Outcome::Matched, fields_matched(children.len()), Vec::new())
        } else if !present && !scalars.is_empty() {
            let hints = self.near_misses(&path, &field.key);
            (
                Outcome::TypeMismatch,
                format!("{path} is {} in this event, not an object", kinds(scalars)),
                hints,
            )
        } else if !present {
            (
                Outcome::Missing,
                format!("field {path} is missing"),
                self.near_misses(&path, &field.key),
            )
        } else if children.iter().all(|c| c.matched) {
            (Outcome::Failed, consistency_reason(), Vec::new())
        } else {
            let failed = children.iter().filter(|c| !c.matched).count();
            (Outcome::Failed, fields_failed(failed, children.len()), Vec::new())
        };
        let check = Check {
            subject: CheckSubject::Field(field.key.clone()),
            outcome,
            matched,
            span: field.key_span,
            path: field.path.clone(),
            keys,
            reason,
            values: Vec::new(),
            hints,
            children,
        };
        (check, ways)
    }

    fn or(
        &self,
        field: &ast::Field,
        branches: &[ast::Object],
        keys: &[String],
        prefix: &str,
    ) -> (Check, Ways) {
        let mut ways = Ways::new();
        let mut children = Vec::with_capacity(branches.len());
        let mut decided_by: Option<usize> = None;
        for (index, branch) in branches.iter().enumerate() {
            let (branch_children, branch_ways) = self.object(branch, keys, prefix);
            let matched = !branch_ways.is_empty();
            let (outcome, reason) = match decided_by {
                Some(earlier) => (
                    Outcome::NotEvaluated,
                    format!("not evaluated: branch {} already matched", earlier + 1),
                ),
                None if matched => (Outcome::Matched, "matches".to_owned()),
                None if branch_children.iter().all(|c| c.matched) => {
                    (Outcome::Failed, consistency_reason())
                }
                None => {
                    let failed: Vec<String> = branch_children
                        .iter()
                        .filter(|c| !c.matched)
                        .map(|c| c.reason.clone())
                        .collect();
                    (Outcome::Failed, format!("fails: {}", failed.join("; ")))
                }
            };
            if matched && decided_by.is_none() {
                decided_by = Some(index);
            }
            ways.extend(branch_ways);
            children.push(Check {
                subject: CheckSubject::Branch(index),
                outcome,
                matched,
                span: Span::default(),
                path: format!("{}[{index}]", field.path),
                keys: keys.to_vec(),
                reason,
                values: Vec::new(),
                hints: Vec::new(),
                children: branch_children,
            });
        }
        dedup(&mut ways);
        let matched = !ways.is_empty();
        let reason = match decided_by {
            Some(index) => format!("$or: branch {} of {} matches", index + 1, branches.len()),
            None if matched => "$or: branches match".to_owned(),
            None => format!("$or: none of the {} branches matches", branches.len()),
        };
        let check = Check {
            subject: CheckSubject::Or,
            outcome: if matched { Outcome::Matched } else { Outcome::Failed },
            matched,
            span: field.key_span,
            path: field.path.clone(),
            keys: keys.to_vec(),
            reason,
            values: Vec::new(),
            hints: Vec::new(),
            children,
        };
        (check, ways)
    }

    fn leaf(
        &self,
        field: &ast::Field,
        matchers: &[Matcher],
        keys: &[String],
        prefix: &str,
    ) -> (Check, Ways) {
        let path = join_path(prefix, &field.key);
        let mut keys = keys.to_vec();
        keys.push(field.key.clone());
        let values = self.event.at(&path);
        let mut ways = Ways::new();
        let mut children = Vec::with_capacity(matchers.len());
        let mut any_accepted = vec![false; values.len()];
        for matcher in matchers {
            let (check, condition_ways, accepted) = self.condition(matcher, &path, &keys, values);
            ways.extend(condition_ways);
            children.push(check);
            for (any, accepted) in any_accepted.iter_mut().zip(accepted) {
                *any |= accepted;
            }
        }
        dedup(&mut ways);
        let matched = !ways.is_empty();
        let compared = compared_values(values, &any_accepted);
        let (outcome, reason, hints) = if matched {
            let reason = match &children[..] {
                [only] => only.reason.clone(),
                _ => format!(
                    "matches {} of {} conditions",
                    children.iter().filter(|c| c.matched).count(),
                    children.len()
                ),
            };
            (Outcome::Matched, reason, Vec::new())
        } else if values.is_empty() && self.event.has_fields_under(&path) {
            let reason = match &children[..] {
                [only] => only.reason.clone(),
                _ => format!("{path} is an object in this event: conditions match only values"),
            };
            (Outcome::TypeMismatch, reason, Vec::new())
        } else if values.is_empty() {
            (
                Outcome::Missing,
                format!("field {path} is missing"),
                self.near_misses(&path, &field.key),
            )
        } else if children.iter().all(|c| c.outcome == Outcome::TypeMismatch) {
            let hints = children.iter().flat_map(|c| c.hints.iter().cloned()).collect();
            let reason = match &children[..] {
                [only] => only.reason.clone(),
                _ => format!("has {}, which none of the conditions accepts", kinds(values)),
            };
            (Outcome::TypeMismatch, reason, hints)
        } else {
            let hints = children.iter().flat_map(|c| c.hints.iter().cloned()).collect();
            let reason = match &children[..] {
                [only] => only.reason.clone(),
                _ => format!(
                    "none of the {} conditions matches {}",
                    children.len(),
                    quote_values(values)
                ),
            };
            (Outcome::Failed, reason, hints)
        };
        let check = Check {
            subject: CheckSubject::Field(field.key.clone()),
            outcome,
            matched,
            span: field.key_span,
            path: field.path.clone(),
            keys,
            reason,
            values: compared,
            hints,
            children,
        };
        (check, ways)
    }

    fn condition(
        &self,
        matcher: &Matcher,
        path: &str,
        keys: &[String],
        values: &[Field],
    ) -> (Check, Ways, Vec<bool>) {
        // The pattern validated, so its conditions compile.
        let condition = validate::condition(self.text, matcher).ok();
        let accepts = |value: &Leaf| condition.as_ref().is_some_and(|c| c.accepts(value));
        let accepted: Vec<bool> = values.iter().map(|v| accepts(&v.value)).collect();
        let compared = compared_values(values, &accepted);
        let mut ways: Ways = values
            .iter()
            .zip(&accepted)
            .filter(|(_, ok)| **ok)
            .map(|(v, _)| v.trail.clone())
            .collect();
        let absent_ok = matches!(matcher.kind, MatcherKind::Exists(false)) && values.is_empty();
        if absent_ok {
            ways.push(Trail::new());
        }
        dedup(&mut ways);
        let matched = !ways.is_empty();
        let wanted = expectation(&matcher.kind, path);
        let typed =
            condition.as_ref().is_some_and(|c| values.iter().any(|v| type_fits(c, &v.value)));
        let mut hints = Vec::new();
        let object = values.is_empty() && self.event.has_fields_under(path);
        let (outcome, reason) = match &matcher.kind {
            MatcherKind::Exists(true) if matched => (Outcome::Matched, format!("{path} exists")),
            MatcherKind::Exists(true) if object => (
                Outcome::TypeMismatch,
                format!(
                    "{path} is an object in this event, and exists matches only values that are not objects"
                ),
            ),
            MatcherKind::Exists(false) if matched && object => (
                Outcome::Matched,
                format!("{path} is an object, which exists: false counts as absent"),
            ),
            MatcherKind::Exists(_) if values.is_empty() && !matched => {
                (Outcome::Missing, format!("field {path} is missing"))
            }
            MatcherKind::Exists(false) if matched => {
                (Outcome::Matched, format!("{path} is absent, as expected"))
            }
            MatcherKind::Exists(false) => (
                Outcome::Failed,
                format!("expected {path} to be absent, got {}", quote_values(values)),
            ),
            MatcherKind::Numeric(_) if matched => {
                let hit = values
                    .iter()
                    .find(|v| accepts(&v.value))
                    .map_or(String::new(), |v| display(&v.value));
                (Outcome::Matched, format!("{wanted} is true for {hit}"))
            }
            MatcherKind::Numeric(_) if typed => {
                (Outcome::Failed, format!("{wanted} is false for {}", quote_values(values)))
            }
            _ if matched => {
                let hit = values
                    .iter()
                    .find(|v| accepts(&v.value))
                    .map_or(String::new(), |v| display(&v.value));
                (Outcome::Matched, format!("{wanted}: {hit} matches"))
            }
            _ if object => (
                Outcome::TypeMismatch,
                format!("{wanted}, but {path} is an object in this event: name a field inside it"),
            ),
            _ if values.is_empty() => (Outcome::Missing, format!("field {path} is missing")),
            _ if !typed => {
                hints.extend(values.iter().filter_map(|v| type_hint(&matcher.kind, &v.value)));
                hints.dedup();
                let verb = if matches!(matcher.kind, MatcherKind::Numeric(_)) {
                    "needs a number"
                } else {
                    "expected"
                };
                let reason = if verb == "expected" {
                    format!("{wanted}, got {}", quote_values(values))
                } else {
                    format!("{wanted} needs a number, got {}", quote_values(values))
                };
                (Outcome::TypeMismatch, reason)
            }
            _ => (Outcome::Failed, format!("{wanted}, got {}", quote_values(values))),
        };
        let check = Check {
            subject: CheckSubject::Condition(crate::json::minify(
                &self.text[matcher.span.start..matcher.span.end],
            )),
            outcome,
            matched,
            span: matcher.span,
            path: matcher.path.clone(),
            keys: keys.to_vec(),
            reason,
            values: compared,
            hints,
            children: Vec::new(),
        };
        (check, ways, accepted)
    }

    /// What to check when `path` is missing: near-miss keys, the key at
    /// another depth, and `detail` sent as a string.
    fn near_misses(&self, path: &str, key: &str) -> Vec<String> {
        let mut hints: Vec<String> = Vec::new();
        let wanted = normalize(path);
        for field in &self.event.fields {
            if field.path != path && !is_under(&field.path, path) && is_near(&field.path, &wanted) {
                let found = matching_prefix(&field.path, path);
                hints.push(format!(
                    "the event has \"{found}\", which differs only in case or in _ versus -"
                ));
            }
            if let Leaf::String(s) = &field.value
                && is_under(path, &field.path)
                && s.trim_start().starts_with('{')
            {
                hints.push(format!(
                    "{} is a JSON string in this event, and EventBridge does not parse it: send it as an object",
                    field.path
                ));
            }
        }
        for field in &self.event.fields {
            let last = match field.path.as_bytes().iter().rposition(|&b| b == b'.') {
                Some(dot) => &field.path[dot + 1..],
                None => &field.path,
            };
            if last == key && field.path != path {
                hints.push(format!("the event has {key} at {}", field.path));
            }
        }
        let mut seen = Vec::new();
        hints.retain(|hint| {
            let new = !seen.contains(hint);
            seen.push(hint.clone());
            new
        });
        hints.truncate(4);
        hints
    }
}

/// The event path of `key` under `prefix`, joined with dots as EventBridge
/// joins them.
fn join_path(prefix: &str, key: &str) -> String {
    if prefix.is_empty() { key.to_owned() } else { format!("{prefix}.{key}") }
}

/// Whether event path `path` lies strictly under `parent`.
fn is_under(path: &str, parent: &str) -> bool {
    path.len() > parent.len() && path.starts_with(parent) && path.as_bytes()[parent.len()] == b'.'
}

/// The part of `found` that corresponds to `wanted` (same number of
/// segments), to name the near-miss key rather than a leaf under it.
fn matching_prefix(found: &str, wanted: &str) -> String {
    let segments = wanted.split('.').count();
    found.split('.').take(segments).collect::<Vec<_>>().join(".")
}

/// Keys as people confuse them: case and `_` versus `-` ignored.
fn normalize(path: &str) -> String {
    path.chars().flat_map(normal_chars).collect()
}

fn normal_chars(c: char) -> impl Iterator<Item = char> {
    c.to_lowercase().map(|c| if c == '_' { '-' } else { c })
}

/// Whether `path`, normalized, is `wanted` (normalized) or lies under it.
/// Compared as it is normalized, without building it: an event has tens
/// of thousands of fields, and most differ in their first characters.
fn is_near(path: &str, wanted: &str) -> bool {
    let mut path = path.chars().flat_map(normal_chars);
    for want in wanted.chars() {
        if path.next() != Some(want) {
            return false;
        }
    }
    matches!(path.next(), None | Some('.'))
}

/// The array-consistent merges of a way from each side, at most
/// [`MAX_WAYS`]. The larger side is indexed by its ways' first entry, so
/// that a way meets only the ways it can agree with: joining the fields of
/// one array of 100,000 objects costs 100,000 lookups, not 10¹⁰ compares.
/// Also whether the merges are complete.
fn join(left: &Ways, right: &Ways) -> (Ways, bool) {
    let (small, large) = if left.len() <= right.len() { (left, right) } else { (right, left) };
    // Outermost array → index → ways of `large` that start there.
    let mut by_first: HashMap<u32, HashMap<u32, Vec<&Trail>>> = HashMap::new();
    let mut anywhere: Vec<&Trail> = Vec::new();
    for way in large {
        match way.first() {
            Some(&(array, index)) => {
                by_first.entry(array).or_default().entry(index).or_default().push(way)
            }
            None => anywhere.push(way),
        }
    }
    let agree = |a: &Trail, b: &Trail| {
        a.iter().all(|(array, i)| b.iter().all(|(other, j)| array != other || i == j))
    };
    let mut joined = Ways::new();
    let mut checks = 0usize;
    for a in small {
        let mut candidates: Vec<&Trail> = anywhere.clone();
        for (array, elements) in &by_first {
            match a.iter().find(|(x, _)| x == array) {
                Some((_, index)) => candidates.extend(elements.get(index).into_iter().flatten()),
                None => candidates.extend(elements.values().flatten()),
            }
        }
        checks += candidates.len();
        if checks > MAX_JOIN_CHECKS {
            dedup(&mut joined);
            return (joined, false);
        }
        for b in candidates {
            if agree(a, b) {
                let mut merged = a.clone();
                merged.extend(b.iter().copied());
                sort::sort_dedup(&mut merged);
                joined.push(merged);
                if joined.len() >= MAX_WAYS {
                    dedup(&mut joined);
                    return (joined, false);
                }
            }
        }
    }
    dedup(&mut joined);
    (joined, true)
}

fn dedup(ways: &mut Ways) {
    sort::sort_dedup(ways);
}

/// The values worth showing: the ones that matched, or else the first
/// ones compared, at most [`MAX_COMPARED`].
fn compared_values(values: &[Field], accepted: &[bool]) -> Vec<Compared> {
    let any = accepted.iter().any(|a| *a);
    values
        .iter()
        .zip(accepted)
        .filter(|(_, ok)| !any || **ok)
        .take(MAX_COMPARED)
        .map(|(value, ok)| compared(value, *ok))
        .collect()
}

fn compared(field: &Field, matched: bool) -> Compared {
    Compared {
        path: field.json_path.clone(),
        span: field.span,
        text: display(&field.value),
        matched,
    }
}

fn display(value: &Leaf) -> String {
    match value {
        Leaf::String(s) => quote(s),
        Leaf::Number(n) => n.to_string(),
        Leaf::Bool(b) => b.to_string(),
        Leaf::Null => "null".to_owned(),
    }
}

fn quote_values(values: &[Field]) -> String {
    let shown: Vec<String> = values.iter().take(QUOTED_VALUES).map(|v| display(&v.value)).collect();
    match values.len() {
        0 => "nothing".to_owned(),
        n if n > QUOTED_VALUES => format!("{} and {} more", shown.join(", "), n - QUOTED_VALUES),
        _ => shown.join(", "),
    }
}

fn kinds(values: &[Field]) -> String {
    let mut kinds: Vec<&str> = values.iter().map(|v| type_name(&v.value)).collect();
    sort::sort_dedup(&mut kinds);
    kinds.join(" and ")
}

fn type_name(value: &Leaf) -> &'static str {
    match value {
        Leaf::String(_) => "a string",
        Leaf::Number(_) => "a number",
        Leaf::Bool(_) => "a boolean",
        Leaf::Null => "null",
    }
}

/// Whether a value is of a type the condition can accept at all.
fn type_fits(condition: &Condition, value: &Leaf) -> bool {
    match condition {
        Condition::Equals(Scalar::String(_))
        | Condition::Prefix(_)
        | Condition::Suffix(_)
        | Condition::EqualsIgnoreCase(_)
        | Condition::Wildcard(_)
        | Condition::Cidr(_) => matches!(value, Leaf::String(_)),
        Condition::Equals(Scalar::Number(_)) | Condition::Numeric(_) => {
            matches!(value, Leaf::Number(_))
        }
        Condition::Equals(Scalar::Bool(_)) => matches!(value, Leaf::Bool(_)),
        Condition::Equals(Scalar::Null) => matches!(value, Leaf::Null),
        Condition::Exists(_) | Condition::AnythingBut(_) => true,
    }
}

/// A hint for a value of the wrong type that was probably meant.
fn type_hint(kind: &MatcherKind, value: &Leaf) -> Option<String> {
    match (kind, value) {
        (MatcherKind::Numeric(_), Leaf::String(s)) if s.trim().parse::<f64>().is_ok() => {
            Some(format!(
                "the event has the string {}: numeric matches only JSON numbers, so send {s} without quotes",
                quote(s)
            ))
        }
        (MatcherKind::Exact(Literal::Number(n)), Leaf::String(s))
            if s.parse::<f64>().ok() == n.parse().ok() =>
        {
            Some(format!(
                "the event has the string {}, the pattern the number {n}: write \"{n}\" in the pattern, or send a number",
                quote(s)
            ))
        }
        (MatcherKind::Exact(Literal::String(s)), Leaf::Number(n))
            if s.parse::<f64>().ok() == Some(*n) =>
        {
            Some(format!(
                "the event has the number {n}, the pattern the string {}: write {n} without quotes in the pattern",
                quote(s)
            ))
        }
        (MatcherKind::Exact(Literal::Bool(b)), Leaf::String(s)) if s == &b.to_string() => {
            Some(format!("the event has the string {}, the pattern the boolean {b}", quote(s)))
        }
        _ => None,
    }
}

/// What a condition expects, in words.
fn expectation(kind: &MatcherKind, path: &str) -> String {
    let cased = |s: &str, case: Case| match case {
        Case::Sensitive => quote(s),
        Case::Insensitive => format!("{} in any case", quote(s)),
    };
    let list = |items: Vec<String>| items.join(", ");
    match kind {
        MatcherKind::Exact(Literal::String(s)) => format!("expected {}", quote(s)),
        MatcherKind::Exact(Literal::Number(n)) => format!("expected the number {n}"),
        MatcherKind::Exact(Literal::Bool(b)) => format!("expected {b}"),
        MatcherKind::Exact(Literal::Null) => "expected null".to_owned(),
        MatcherKind::Prefix(text, case) => {
            format!("expected a string starting with {}", cased(&text.value, *case))
        }
        MatcherKind::Suffix(text, case) => {
            format!("expected a string ending with {}", cased(&text.value, *case))
        }
        MatcherKind::EqualsIgnoreCase(text) => {
            format!("expected {}", cased(&text.value, Case::Insensitive))
        }
        MatcherKind::Wildcard(text) => {
            format!("expected a string matching the wildcard {}", quote(&text.value))
        }
        MatcherKind::Cidr(text) => format!("expected an IP address in {}", text.value),
        MatcherKind::Exists(true) => format!("expected {path} to exist"),
        MatcherKind::Exists(false) => format!("expected {path} to be absent"),
        MatcherKind::Numeric(tokens) => {
            let written: Vec<String> = tokens
                .iter()
                .map(|t| match &t.value {
                    NumericTokenValue::Operator(op) => quote(op),
                    NumericTokenValue::Number(n) | NumericTokenValue::Other(n) => n.clone(),
                })
                .collect();
            format!("numeric [{}]", written.join(", "))
        }
        MatcherKind::AnythingBut(excluded) => {
            let texts =
                |items: &[ast::Operand]| list(items.iter().map(|t| quote(&t.value)).collect());
            match excluded {
                AnythingBut::Values(values) => format!(
                    "expected anything but {}",
                    list(
                        values
                            .iter()
                            .map(|v| match v {
                                Literal::String(s) => quote(s),
                                Literal::Number(n) => n.clone(),
                                Literal::Bool(b) => b.to_string(),
                                Literal::Null => "null".to_owned(),
                            })
                            .collect()
                    )
                ),
                AnythingBut::Prefix(items) => {
                    format!("expected anything but a string starting with {}", texts(items))
                }
                AnythingBut::Suffix(items) => {
                    format!("expected anything but a string ending with {}", texts(items))
                }
                AnythingBut::EqualsIgnoreCase(items) => {
                    format!("expected anything but {} in any case", texts(items))
                }
                AnythingBut::Wildcard(items) => {
                    format!("expected anything but a string matching {}", texts(items))
                }
            }
        }
    }
}

/// A plain-text tree: `✓` holds, `✗` fails, `·` not evaluated.
///
/// ```text
/// ✗ the event does not match: 1 of 2 fields failed
/// ├─ ✓ source: expected "aws.ec2": "aws.ec2" matches
/// └─ ✗ detail.state: expected "stopped", got "running"
///        at $.detail.state
/// ```
impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_check(f, &self.root, "", "", true)
    }
}

fn mark(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Matched => "✓",
        Outcome::NotEvaluated => "·",
        Outcome::Undecided => "?",
        Outcome::Failed | Outcome::Missing | Outcome::TypeMismatch => "✗",
    }
}

fn write_check(
    f: &mut fmt::Formatter<'_>,
    check: &Check,
    lead: &str,
    indent: &str,
    root: bool,
) -> fmt::Result {
    writeln!(f, "{lead}{} {}", mark(check.outcome), check.headline())?;
    let detail_indent = if root { String::new() } else { format!("{indent}     ") };
    let shown_inline = match &check.subject {
        CheckSubject::Field(_) => {
            check.children.len() == 1
                && matches!(check.children[0].subject, CheckSubject::Condition(_))
        }
        CheckSubject::Condition(_) => true,
        _ => false,
    };
    if shown_inline {
        // Failures list what was compared; matches inside arrays say
        // which element matched.
        let shown: Vec<&Compared> = match check.outcome {
            Outcome::Matched => {
                check.values.iter().filter(|v| v.matched && v.path.contains('[')).collect()
            }
            Outcome::NotEvaluated => Vec::new(),
            _ => check.values.iter().collect(),
        };
        for value in shown.into_iter().take(QUOTED_VALUES) {
            writeln!(f, "{detail_indent}at {}", value.path)?;
        }
    }
    for hint in &check.hints {
        writeln!(f, "{detail_indent}hint: {hint}")?;
    }
    // A field with a single condition is shown on one line.
    let children = check.shown_children();
    for (i, child) in children.iter().enumerate() {
        let last = i + 1 == children.len();
        let (branch, next) = if last { ("└─ ", "   ") } else { ("├─ ", "│  ") };
        write_check(f, child, &format!("{indent}{branch}"), &format!("{indent}{next}"), false)?;
    }
    Ok(())
}
