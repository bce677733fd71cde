//! Rules to the rule set's program: each pattern expanded into branches
//! (one per `$or` combination), each branch a list of leaves, and one leaf
//! per branch chosen as its *anchor*, the leaf the value indexes file the
//! branch under.
//!
//! Compiling starts from the pattern's AST rather than its IR because the
//! indexes need the operands themselves (a prefix's text, a range's
//! bounds), which the IR's conditions keep private to their operators. The
//! conditions for verification still come from the validator
//! ([`validate::condition`]), so both matchers test values with the same
//! code.

use std::collections::HashMap;

use super::glob::Glob;
use super::index::{Exclusion, Interval, Key};
use crate::ast::{
    AnythingBut, Case, FieldValue, Literal, Matcher, MatcherKind, NumericTokenValue, Operand,
};
use crate::ir::Condition;
use crate::ops::numeric;
use crate::pattern::Pattern;
use crate::validate;

/// One leaf of a branch: the field at `path` must have a value that
/// satisfies one of `conditions`, or, when `absent_ok`, no value at all.
#[derive(Clone, Debug)]
pub(crate) struct Leaf {
    pub field: u32,
    pub conditions: Vec<Condition>,
    pub absent_ok: bool,
    /// How the index files this leaf, one key per condition; `None` when
    /// the leaf cannot anchor its branch (it is satisfied by absence).
    pub keys: Option<Vec<Key>>,
    /// How selective the leaf is: lower is more selective.
    pub rank: u8,
}

/// One `$or` combination of one rule.
#[derive(Clone, Debug)]
pub(crate) struct Branch {
    pub rule: u32,
    pub leaves: Vec<Leaf>,
    /// The anchor leaf, or `None` for a branch that absent fields alone can
    /// satisfy: such a branch is checked against every event.
    pub anchor: Option<usize>,
}

impl Branch {
    /// Whether the anchor's trigger is the whole answer: a single leaf
    /// that needs a value. Array consistency needs two leaves to matter.
    pub fn is_direct(&self) -> bool {
        self.leaves.len() == 1 && self.anchor.is_some()
    }
}

/// Picks each branch's anchor: the leaf whose keys cost least (see
/// [`Key::cost`]), counting for each key how many branches could file it.
/// Choosing by operator alone would anchor `{"type": ["Polygon"], "x":
/// [{"numeric": …}]}` on `Polygon`, which a thousand rules share and
/// nearly every event has.
pub(crate) fn choose_anchors(branches: &mut [Branch]) {
    let id = |field: u32, key: &Key| format!("{field}\u{0}{key:?}");
    let mut sharing: HashMap<String, u64> = HashMap::new();
    for branch in branches.iter() {
        for leaf in &branch.leaves {
            for key in leaf.keys.iter().flatten() {
                *sharing.entry(id(leaf.field, key)).or_default() += 1;
            }
        }
    }
    for branch in branches.iter_mut() {
        branch.anchor = branch
            .leaves
            .iter()
            .enumerate()
            .filter_map(|(i, leaf)| {
                let keys = leaf.keys.as_ref()?;
                let cost: u64 = keys.iter().map(|k| k.cost(sharing[&id(leaf.field, k)])).sum();
                Some((cost, leaf.rank, i))
            })
            .min()
            .map(|(_, _, i)| i);
    }
}

/// Collects the fields of all rules and gives each distinct path an id.
#[derive(Debug, Default)]
pub(crate) struct Fields {
    pub paths: Vec<String>,
    ids: HashMap<String, u32>,
}

impl Fields {
    fn id(&mut self, path: &str) -> u32 {
        if let Some(&id) = self.ids.get(path) {
            return id;
        }
        let id = self.paths.len() as u32;
        self.paths.push(path.to_owned());
        self.ids.insert(path.to_owned(), id);
        id
    }
}

/// The branches of one rule.
pub(crate) fn branches(pattern: &Pattern, rule: u32, fields: &mut Fields) -> Vec<Branch> {
    let text = pattern.text();
    let mut out = Vec::new();
    for leaves in expand(&pattern.ast().fields, "") {
        let leaves: Vec<Leaf> = leaves
            .into_iter()
            .map(|(path, matchers)| leaf(text, fields.id(&path), matchers))
            .collect();
        // Chosen once every rule is in: see `choose_anchors`.
        out.push(Branch { rule, leaves, anchor: None });
    }
    out
}

/// A leaf: its path and the matchers of its array.
type LeafSpec<'a> = (String, &'a [Matcher]);

/// Every combination of leaves the fields stand for, under the event path
/// `prefix`: the same expansion as the validator's, which the reference
/// matcher runs (keys joined with `.`; `$or` adds no key; alternatives of
/// sibling fields multiply). Patterns were validated, so the depth is
/// bounded and the count within the combination limit.
fn expand<'a>(fields: &'a [crate::ast::Field], prefix: &str) -> Vec<Vec<LeafSpec<'a>>> {
    let mut combos: Vec<Vec<LeafSpec<'a>>> = vec![Vec::new()];
    for field in fields {
        let path =
            if prefix.is_empty() { field.key.clone() } else { format!("{prefix}.{}", field.key) };
        let mut alternatives: Vec<Vec<LeafSpec<'a>>> = match &field.value {
            FieldValue::Leaf(matchers) => vec![vec![(path, matchers.as_slice())]],
            FieldValue::Nested(object) => expand(&object.fields, &path),
            FieldValue::Or(branches) => {
                branches.iter().flat_map(|branch| expand(&branch.fields, prefix)).collect()
            }
        };
        // One alternative (no `$or`): extend in place. Copying every
        // combination for every field made 10,000 siblings quadratic.
        if alternatives.len() == 1 {
            let alternative = alternatives.pop().unwrap_or_default();
            match combos.as_mut_slice() {
                [only] => only.extend(alternative),
                _ => combos.iter_mut().for_each(|combo| combo.extend(alternative.iter().cloned())),
            }
            continue;
        }
        combos = combos
            .iter()
            .flat_map(|combo| {
                alternatives.iter().map(move |alternative| {
                    let mut leaves = combo.clone();
                    leaves.extend(alternative.iter().cloned());
                    leaves
                })
            })
            .collect();
    }
    combos
}

fn leaf(text: &str, field: u32, matchers: &[Matcher]) -> Leaf {
    let mut conditions = Vec::with_capacity(matchers.len());
    let mut keys = Vec::with_capacity(matchers.len());
    let mut rank = 0;
    for matcher in matchers {
        // The pattern validated, so every matcher has its condition.
        let Ok(condition) = validate::condition(text, matcher) else { continue };
        // `exists: false` has no key: absence satisfies it, so its leaf
        // cannot anchor a branch.
        if let Some((key, r)) = key(matcher, &condition) {
            keys.push(key);
            rank = rank.max(r);
        }
        conditions.push(condition);
    }
    let absent_ok = conditions.contains(&Condition::Exists(false));
    let keys = (!absent_ok).then_some(keys);
    Leaf { field, conditions, absent_ok, keys, rank }
}

/// How the index files one matcher, and how selective it is (lower is
/// more selective: exact values first, "anything" last).
fn key(matcher: &Matcher, condition: &Condition) -> Option<(Key, u8)> {
    let check = || (Key::Check(condition.clone()), 5);
    Some(match &matcher.kind {
        MatcherKind::Exact(literal) => (
            match literal {
                Literal::String(s) => Key::String(s.clone()),
                // As the validator reads it: a number too large for a
                // double never equals an event's number.
                Literal::Number(lexeme) => Key::Number(lexeme.parse().unwrap_or(f64::NAN)),
                Literal::Bool(b) => Key::Bool(*b),
                Literal::Null => Key::Null,
            },
            if matches!(literal, Literal::Bool(_) | Literal::Null) { 2 } else { 0 },
        ),
        MatcherKind::EqualsIgnoreCase(operand) => (Key::Folded(fold(&operand.value)), 1),
        MatcherKind::Prefix(operand, case) => (
            Key::Prefix { text: folded(&operand.value, *case), folded: *case == Case::Insensitive },
            3,
        ),
        MatcherKind::Suffix(operand, case) => (
            Key::Suffix { text: folded(&operand.value, *case), folded: *case == Case::Insensitive },
            3,
        ),
        MatcherKind::Numeric(tokens) => match interval(tokens) {
            Some(interval) => (Key::Range(interval), 4),
            None => check(),
        },
        MatcherKind::Exists(true) => (Key::Any, 6),
        MatcherKind::Exists(false) => return None,
        MatcherKind::Wildcard(operand) => (Key::Wildcard(Glob::parse(&operand.value)), 3),
        MatcherKind::Cidr(_) => check(),
        // Satisfied by nearly every value: the least selective anchor.
        MatcherKind::AnythingBut(excluded) => {
            (exclusion(excluded).map_or_else(|| Key::Check(condition.clone()), Key::Not), 6)
        }
    })
}

/// An `anything-but` in the index's own form, when it has one: strings
/// only (numbers and the rest are tested as the reference tests them).
fn exclusion(excluded: &AnythingBut) -> Option<Exclusion> {
    let texts = |operands: &[Operand], f: fn(&str) -> String| {
        operands.iter().map(|o| f(&o.value).into_boxed_str()).collect()
    };
    Some(match excluded {
        AnythingBut::Values(values) => Exclusion::Strings(
            values
                .iter()
                .map(|v| match v {
                    Literal::String(s) => Some(s.clone().into_boxed_str()),
                    _ => None,
                })
                .collect::<Option<_>>()?,
        ),
        AnythingBut::Prefix(operands) => Exclusion::Prefixes(texts(operands, str::to_owned)),
        AnythingBut::Suffix(operands) => Exclusion::Suffixes(texts(operands, str::to_owned)),
        AnythingBut::EqualsIgnoreCase(operands) => Exclusion::Folded(texts(operands, fold)),
        AnythingBut::Wildcard(operands) => {
            Exclusion::Globs(operands.iter().map(|o| Glob::parse(&o.value)).collect())
        }
    })
}

fn fold(s: &str) -> String {
    let mut out = String::new();
    super::value::fold_into(s, &mut out);
    out
}

fn folded(s: &str, case: Case) -> String {
    match case {
        Case::Sensitive => s.to_owned(),
        Case::Insensitive => fold(s),
    }
}

/// The bounds of a validated `numeric` array, read as the validator reads
/// them (`ops::numeric::range`): `[op, n]` or `[">"|">=", n, "<"|"<=", m]`.
fn interval(tokens: &[crate::ast::NumericToken]) -> Option<Interval> {
    let op = |i: usize| match tokens.get(i).map(|t| &t.value) {
        Some(NumericTokenValue::Operator(op)) => Some(op.as_str()),
        _ => None,
    };
    let number = |i: usize| match tokens.get(i).map(|t| &t.value) {
        Some(NumericTokenValue::Number(lexeme)) => numeric::comparable(lexeme),
        _ => None,
    };
    let (first, value) = (op(0)?, number(1)?);
    let mut interval = Interval {
        low: f64::NEG_INFINITY,
        low_inclusive: true,
        high: f64::INFINITY,
        high_inclusive: true,
    };
    match first {
        "=" => {
            interval =
                Interval { low: value, low_inclusive: true, high: value, high_inclusive: true }
        }
        "<" => (interval.high, interval.high_inclusive) = (value, false),
        "<=" => interval.high = value,
        ">" => (interval.low, interval.low_inclusive) = (value, false),
        ">=" => interval.low = value,
        _ => return None,
    }
    match tokens.len() {
        2 => Some(interval),
        4 => {
            let second = op(2)?;
            interval.high = number(3)?;
            interval.high_inclusive = second == "<=";
            Some(interval)
        }
        _ => None,
    }
}
