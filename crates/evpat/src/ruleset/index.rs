//! The value index of one field: given a value found at that field, which
//! branches does it trigger? Work is shared across rules: one hash lookup
//! finds every rule that wants this exact string, one lookup per distinct
//! prefix length finds every prefix, one binary search finds every numeric
//! range, and wildcards are tested only when their literal head (or tail)
//! matches. Only CIDR blocks and `anything-but`, which matches nearly every
//! value anyway, are tested one by one.

use rustc_hash::FxHashMap;

use super::glob::Glob;
use super::value::{Value, accepts, fold_into, number_key};
use crate::ir::Condition;

/// A branch id.
pub(crate) type Hit = u32;

/// What a branch asks of a value, in the form the index files it under.
#[derive(Clone, Debug)]
pub(crate) enum Key {
    String(String),
    Number(f64),
    Bool(bool),
    Null,
    Prefix {
        text: String,
        folded: bool,
    },
    Suffix {
        text: String,
        folded: bool,
    },
    /// `equals-ignore-case`, already folded.
    Folded(String),
    Range(Interval),
    Wildcard(Glob),
    /// Any present value (`exists: true`).
    Any,
    /// `anything-but`: tested one by one, as it matches nearly every value.
    Not(Exclusion),
    /// Tested one by one.
    Check(Condition),
}

/// What an `anything-but` excludes, in a form tested without allocating
/// (the reference operators fold case into a new string, and collect a
/// wildcard's value into characters, at every test). Present values of
/// other types than strings are never excluded, as in the reference.
#[derive(Clone, Debug)]
pub(crate) enum Exclusion {
    Strings(Vec<Box<str>>),
    Prefixes(Vec<Box<str>>),
    Suffixes(Vec<Box<str>>),
    /// Folded already.
    Folded(Vec<Box<str>>),
    Globs(Vec<Glob>),
}

impl Exclusion {
    /// Whether `value` is not excluded; `folded` is a buffer.
    #[inline]
    fn accepts(&self, value: Value<'_>, folded: &mut String) -> bool {
        let Value::String(s) = value else { return true };
        match self {
            Exclusion::Strings(all) => !all.iter().any(|x| **x == *s),
            Exclusion::Prefixes(all) => !all.iter().any(|x| s.starts_with(&**x)),
            Exclusion::Suffixes(all) => !all.iter().any(|x| s.ends_with(&**x)),
            Exclusion::Folded(all) => {
                fold_into(s, folded);
                !all.iter().any(|x| **x == **folded)
            }
            Exclusion::Globs(all) => !all.iter().any(|g| g.matches(s.as_bytes())),
        }
    }
}

impl Key {
    /// What choosing this key as an anchor costs, given how many branches
    /// file it: the candidates it yields per matching value grow with
    /// that count, and operators that match more values cost more.
    /// `exists` and the one-by-one tests cost the most, as they run for
    /// every value and match nearly all of them.
    pub fn cost(&self, sharing: u64) -> u64 {
        let weight = match self {
            Key::String(_) | Key::Number(_) | Key::Folded(_) => 1,
            Key::Prefix { .. } | Key::Suffix { .. } => 2,
            Key::Wildcard(_) => 3,
            // `=`: a point, as selective as an exact value.
            Key::Range(i) if i.low == i.high => 1,
            Key::Range(_) => 4,
            Key::Bool(_) | Key::Null => 16,
            Key::Any | Key::Not(_) | Key::Check(_) => return 10_000 + sharing,
        };
        weight * sharing
    }
}

/// A numeric range with its bounds; a missing bound is an infinite one.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Interval {
    pub low: f64,
    pub low_inclusive: bool,
    pub high: f64,
    pub high_inclusive: bool,
}

impl Interval {
    fn contains(&self, x: f64) -> bool {
        let above = if self.low_inclusive { x >= self.low } else { x > self.low };
        let below = if self.high_inclusive { x <= self.high } else { x < self.high };
        above && below
    }
}

/// Strings of one or more lengths, looked up by the value's prefix (or
/// suffix) of each length.
#[derive(Clone, Debug, Default)]
struct Affixes {
    /// Distinct lengths, shortest first.
    lengths: Vec<usize>,
    map: FxHashMap<Box<str>, Vec<Hit>>,
}

impl Affixes {
    fn insert(&mut self, text: &str, hit: Hit) {
        if !self.lengths.contains(&text.len()) {
            self.lengths.push(text.len());
            self.lengths.sort_unstable();
        }
        self.map.entry(text.into()).or_default().push(hit);
    }

    #[inline]
    fn prefixes(&self, s: &str, found: &mut impl FnMut(Hit)) {
        for &len in &self.lengths {
            if len > s.len() {
                break;
            }
            if let Some(hits) = s.get(..len).and_then(|p| self.map.get(p)) {
                hits.iter().for_each(|&h| found(h));
            }
        }
    }

    #[inline]
    fn suffixes(&self, s: &str, found: &mut impl FnMut(Hit)) {
        for &len in &self.lengths {
            if len > s.len() {
                break;
            }
            if let Some(hits) = s.get(s.len() - len..).and_then(|p| self.map.get(p)) {
                hits.iter().for_each(|&h| found(h));
            }
        }
    }

    fn is_empty(&self) -> bool {
        self.lengths.is_empty()
    }
}

/// Wildcards, filed under their literal head (or, with none, their
/// literal tail), so that a value is tested only against the globs that
/// can match its first (or last) bytes.
#[derive(Clone, Debug, Default)]
struct Globs {
    all: Vec<(Glob, Hit)>,
    head_lengths: Vec<usize>,
    heads: FxHashMap<Box<[u8]>, Vec<u32>>,
    tail_lengths: Vec<usize>,
    tails: FxHashMap<Box<[u8]>, Vec<u32>>,
    /// Neither head nor tail: tested every time.
    rest: Vec<u32>,
}

impl Globs {
    fn insert(&mut self, glob: Glob, hit: Hit) {
        let at = self.all.len() as u32;
        let (head, tail) = (glob.head().to_vec(), glob.tail().to_vec());
        self.all.push((glob, hit));
        let (lengths, map, literal) = if !head.is_empty() {
            (&mut self.head_lengths, &mut self.heads, head)
        } else if !tail.is_empty() {
            (&mut self.tail_lengths, &mut self.tails, tail)
        } else {
            self.rest.push(at);
            return;
        };
        if !lengths.contains(&literal.len()) {
            lengths.push(literal.len());
            lengths.sort_unstable();
        }
        map.entry(literal.into()).or_default().push(at);
    }

    #[inline]
    fn find(&self, s: &[u8], found: &mut impl FnMut(Hit)) {
        let mut test = |ids: &[u32]| {
            for &i in ids {
                let (glob, hit) = &self.all[i as usize];
                if glob.matches(s) {
                    found(*hit);
                }
            }
        };
        for &len in &self.head_lengths {
            if let Some(ids) = s.get(..len).and_then(|head| self.heads.get(head)) {
                test(ids);
            }
        }
        for &len in &self.tail_lengths {
            if let Some(ids) = s.len().checked_sub(len).and_then(|at| self.tails.get(&s[at..])) {
                test(ids);
            }
        }
        test(&self.rest);
    }

    fn is_empty(&self) -> bool {
        self.all.is_empty()
    }
}

/// Numeric ranges as elementary intervals: the distinct bounds of all
/// ranges cut the number line into points and open gaps, and each piece
/// lists the ranges that cover it, so one binary search over a compact
/// array of bounds finds them all. A search over the ranges themselves,
/// sorted by their low bound, was measured first: with 700 ranges on one
/// field it missed the cache at every step. Ranges that overlap heavily
/// (many wide ones) would make the lists quadratic, so past a budget the
/// ranges are kept in a plain list instead.
#[derive(Clone, Debug, Default)]
struct Ranges {
    spans: Vec<(Interval, Hit)>,
    /// Distinct finite bounds, ascending.
    bounds: Vec<f64>,
    /// Piece `2k` is the gap below `bounds[k]` (and piece `2m` the one
    /// above the last), piece `2k + 1` is `bounds[k]` itself; the hits of
    /// piece `p` are `hits[offsets[p]..offsets[p + 1]]`.
    offsets: Vec<u32>,
    hits: Vec<Hit>,
    /// Too many overlaps: test every span.
    linear: bool,
}

impl Ranges {
    fn insert(&mut self, interval: Interval, hit: Hit) {
        self.spans.push((interval, hit));
    }

    fn finish(&mut self) {
        let mut bounds: Vec<f64> = self
            .spans
            .iter()
            .flat_map(|(i, _)| [i.low, i.high])
            .filter(|b| b.is_finite())
            .collect();
        bounds.sort_by(f64::total_cmp);
        bounds.dedup_by(|a, b| a == b);
        let index = |b: f64| bounds.partition_point(|&x| x < b);
        let pieces = 2 * bounds.len() + 1;
        // The pieces each span covers, first to last.
        let covered: Vec<(usize, usize)> = self
            .spans
            .iter()
            .map(|(i, _)| {
                let first = if i.low == f64::NEG_INFINITY {
                    0
                } else {
                    2 * index(i.low) + if i.low_inclusive { 1 } else { 2 }
                };
                let last = if i.high == f64::INFINITY {
                    pieces - 1
                } else {
                    (2 * index(i.high) + usize::from(i.high_inclusive)).min(pieces - 1)
                };
                (first, last)
            })
            .collect();
        let total: usize = covered.iter().map(|&(f, l)| (l + 1).saturating_sub(f)).sum();
        if total > 16 * self.spans.len() + 4096 {
            self.linear = true;
            return;
        }
        let mut counts = vec![0u32; pieces + 1];
        for &(first, last) in &covered {
            for piece in first..=last {
                counts[piece + 1] += 1;
            }
        }
        for p in 0..pieces {
            counts[p + 1] += counts[p];
        }
        let mut hits = vec![0; counts[pieces] as usize];
        let mut next = counts.clone();
        for (&(first, last), (_, hit)) in covered.iter().zip(&self.spans) {
            for piece in first..=last {
                hits[next[piece] as usize] = *hit;
                next[piece] += 1;
            }
        }
        self.bounds = bounds;
        self.offsets = counts;
        self.hits = hits;
    }

    #[inline]
    fn find(&self, x: f64, found: &mut impl FnMut(Hit)) {
        if self.linear {
            for (interval, hit) in &self.spans {
                if interval.contains(x) {
                    found(*hit);
                }
            }
            return;
        }
        let k = self.bounds.partition_point(|&b| b < x);
        let piece = 2 * k + usize::from(self.bounds.get(k) == Some(&x));
        if let (Some(&start), Some(&end)) = (self.offsets.get(piece), self.offsets.get(piece + 1)) {
            self.hits[start as usize..end as usize].iter().for_each(|&h| found(h));
        }
    }

    fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }
}

/// The index of one field.
#[derive(Clone, Debug, Default)]
pub(crate) struct Index {
    any: Vec<Hit>,
    strings: FxHashMap<Box<str>, Vec<Hit>>,
    folded: FxHashMap<Box<str>, Vec<Hit>>,
    prefixes: Affixes,
    suffixes: Affixes,
    folded_prefixes: Affixes,
    folded_suffixes: Affixes,
    ranges: Ranges,
    globs: Globs,
    numbers: FxHashMap<u64, Vec<Hit>>,
    trues: Vec<Hit>,
    falses: Vec<Hit>,
    nulls: Vec<Hit>,
    checks: Vec<(Condition, Hit)>,
    exclusions: Vec<(Exclusion, Hit)>,
    /// Whether any key needs the value folded.
    folds: bool,
}

impl Index {
    pub fn insert(&mut self, key: Key, hit: Hit) {
        match key {
            Key::String(s) => self.strings.entry(s.into()).or_default().push(hit),
            // A number that is not a number never equals anything.
            Key::Number(x) if x.is_nan() => {}
            Key::Number(x) => self.numbers.entry(number_key(x)).or_default().push(hit),
            Key::Bool(true) => self.trues.push(hit),
            Key::Bool(false) => self.falses.push(hit),
            Key::Null => self.nulls.push(hit),
            Key::Prefix { text, folded: false } => self.prefixes.insert(&text, hit),
            Key::Prefix { text, folded: true } => {
                self.folds = true;
                self.folded_prefixes.insert(&text, hit);
            }
            Key::Suffix { text, folded: false } => self.suffixes.insert(&text, hit),
            Key::Suffix { text, folded: true } => {
                self.folds = true;
                self.folded_suffixes.insert(&text, hit);
            }
            Key::Folded(text) => {
                self.folds = true;
                self.folded.entry(text.into()).or_default().push(hit);
            }
            Key::Range(interval) => self.ranges.insert(interval, hit),
            Key::Wildcard(glob) => self.globs.insert(glob, hit),
            Key::Any => self.any.push(hit),
            Key::Not(exclusion) => self.exclusions.push((exclusion, hit)),
            Key::Check(condition) => self.checks.push((condition, hit)),
        }
    }

    /// Call once every key is in.
    pub fn finish(&mut self) {
        self.ranges.finish();
    }

    /// Calls `found` with every branch `value` triggers (a branch may come
    /// more than once). `folded` is a buffer for case folding.
    #[inline]
    pub fn find(&self, value: Value<'_>, folded: &mut String, mut found: impl FnMut(Hit)) {
        self.any.iter().for_each(|&h| found(h));
        match value {
            Value::String(s) => {
                if !self.strings.is_empty()
                    && let Some(hits) = self.strings.get(s)
                {
                    hits.iter().for_each(|&h| found(h));
                }
                if !self.prefixes.is_empty() {
                    self.prefixes.prefixes(s, &mut found);
                }
                if !self.suffixes.is_empty() {
                    self.suffixes.suffixes(s, &mut found);
                }
                if !self.globs.is_empty() {
                    self.globs.find(s.as_bytes(), &mut found);
                }
                if self.folds {
                    fold_into(s, folded);
                    if let Some(hits) = self.folded.get(folded.as_str()) {
                        hits.iter().for_each(|&h| found(h));
                    }
                    self.folded_prefixes.prefixes(folded, &mut found);
                    self.folded_suffixes.suffixes(folded, &mut found);
                }
            }
            Value::Number(x) => {
                if !self.numbers.is_empty()
                    && let Some(hits) = self.numbers.get(&number_key(x))
                {
                    hits.iter().for_each(|&h| found(h));
                }
                if !self.ranges.is_empty() {
                    self.ranges.find(x, &mut found);
                }
            }
            Value::Bool(true) => self.trues.iter().for_each(|&h| found(h)),
            Value::Bool(false) => self.falses.iter().for_each(|&h| found(h)),
            Value::Null => self.nulls.iter().for_each(|&h| found(h)),
        }
        for (exclusion, hit) in &self.exclusions {
            if exclusion.accepts(value, folded) {
                found(*hit);
            }
        }
        for (condition, hit) in &self.checks {
            if accepts(condition, value) {
                found(*hit);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(index: &Index, value: Value<'_>) -> Vec<Hit> {
        let mut hits = Vec::new();
        index.find(value, &mut String::new(), |h| hits.push(h));
        hits.sort_unstable();
        hits
    }

    #[test]
    fn prefixes_and_suffixes_by_length() {
        let mut index = Index::default();
        index.insert(Key::Prefix { text: "FU".into(), folded: false }, 0);
        index.insert(Key::Prefix { text: "FUL".into(), folded: false }, 1);
        index.insert(Key::Suffix { text: "ON".into(), folded: false }, 2);
        index.insert(Key::Suffix { text: "on".into(), folded: true }, 3);
        index.finish();
        assert_eq!(found(&index, Value::String("FULTON")), vec![0, 1, 2, 3]);
        assert_eq!(found(&index, Value::String("FUN")), vec![0]);
        assert_eq!(found(&index, Value::String("F")), Vec::<Hit>::new());
        assert_eq!(found(&index, Value::Number(1.0)), Vec::<Hit>::new());
    }

    #[test]
    fn ranges_and_points() {
        let mut index = Index::default();
        let range = |low, high| Interval { low, low_inclusive: false, high, high_inclusive: true };
        for i in 0..40 {
            index.insert(Key::Range(range(f64::from(i), f64::from(i) + 2.0)), i);
        }
        index.insert(
            Key::Range(Interval { low: 5.0, low_inclusive: true, high: 5.0, high_inclusive: true }),
            100,
        );
        index.insert(Key::Number(-0.0), 101);
        index.finish();
        assert_eq!(found(&index, Value::Number(5.0)), vec![3, 4, 100]);
        assert_eq!(found(&index, Value::Number(0.0)), vec![101]);
        assert_eq!(found(&index, Value::Number(40.5)), vec![39]);
        assert_eq!(found(&index, Value::Number(41.5)), Vec::<Hit>::new());
    }
}
