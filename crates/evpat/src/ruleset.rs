//! [`RuleSet`]: many patterns matched against one event at once, with
//! the reference matcher's answers and a fraction of its work.
//!
//! ```
//! use evpat::{Pattern, RuleSet};
//!
//! let mut builder = RuleSet::builder();
//! builder.add("stopped", &Pattern::parse(r#"{"detail": {"state": ["stopped"]}}"#)?);
//! builder.add("ec2", &Pattern::parse(r#"{"source": [{"prefix": "aws.ec2"}]}"#)?);
//! builder.add("big", &Pattern::parse(r#"{"detail": {"size": [{"numeric": [">", 100]}]}}"#)?);
//! let rules = builder.build();
//!
//! let event = r#"{"source": "aws.ec2", "detail": {"state": "stopped", "size": 5}}"#;
//! assert_eq!(rules.matches(event)?, vec![&"stopped", &"ec2"]);
//! assert!(rules.matches("{\"source\": ").is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # How it works
//!
//! ```text
//! event text ─scan─▶ values at rule fields ─index─▶ candidate branches ─verify─▶ rule ids
//!            scan.rs  (paths.rs: which keys)  index.rs   (compile.rs)   decide.rs
//! ```
//!
//! 1. **Compile** (`compile.rs`): every pattern is expanded into its `$or`
//!    branches, each a list of leaves (a field and the conditions one of
//!    its values must meet). Each branch picks one *anchor* leaf and is
//!    filed under it in the anchor field's value index. The anchor is the
//!    leaf whose index keys cost least, where a key's cost grows with the
//!    number of branches that share it and with how many values its
//!    operator matches (exact values and `=` cheapest; `exists` and
//!    `anything-but` dearest).
//! 2. **Scan** (`scan.rs`, `paths.rs`): one pass over the event's text
//!    checks that all of it is JSON, as the reference reader would, and
//!    keeps only the values at fields some rule tests, with their array
//!    positions. Everything else is skipped by a validating scan that
//!    builds nothing.
//! 3. **Index** (`index.rs`, `glob.rs`): each value kept is looked up once
//!    in its field's index, which shares the work across rules: one hash
//!    lookup for all exact strings (and one for all folded ones), one per
//!    distinct prefix or suffix length, one binary search over the bounds
//!    of all numeric ranges, wildcards filed under their literal head or
//!    tail; only `anything-but` and CIDR blocks are tested one by one.
//! 4. **Verify** (`decide.rs`): a branch with a single leaf matches when
//!    its anchor is triggered; a branch with more leaves is then checked
//!    as the reference matcher checks it, array consistency included,
//!    against the values kept for its fields.
//!
//! # Why this design
//!
//! Chosen by measurement on the citylots benchmark (`benches/citylots/`,
//! run by `cargo xtask bench`; the figures are in issue 10's note): 213,068
//! events of about 1 KB, rules that test one to three of their ~25 fields.
//! The time goes into reading the event, not into deciding:
//!
//! - **Parse, then match** (the reference: [`Event::parse`] and a loop
//!   over patterns) runs at ~0.04 M events/s: it builds spans, paths and
//!   strings for every value.
//! - **An automaton over sorted, flattened fields** (event-ruler, quamina)
//!   shares work across rules, but flattens and sorts the fields first.
//!   The anchor-and-verify step shares the same work (one index lookup per
//!   kept value, whatever the number of rules) without sorting, and
//!   checks array consistency by the reference's own rule, only for the
//!   few candidates with two leaves or more in arrays.
//! - **Lazy flattening that stops early** (quamina) reads only as far as
//!   the last field a rule needs. We cannot stop: an event that is not
//!   JSON must be an error however early the rules' fields come. What we
//!   take from it is to skip what no rule reads without building anything.
//!   So the floor is validating the whole event: ~0.9–1.2 µs per 1 KB
//!   event here, against quamina's ~0.45 µs for reading the first 300
//!   bytes, which is why the categories whose fields come first
//!   (`properties`) stay below quamina's speed, and those that need the
//!   whole event (numbers in the geometry) run well above it.
//! - **A SIMD validator** in the style of simdjson (64-byte blocks
//!   classified into bit masks, JSON's rules as bit operations, a scalar
//!   loop only for brackets) was built (AVX-512BW and AVX2) and measured:
//!   no faster than the byte-wise scanner on these events (1.24 against
//!   1.24 M events/s with the events in cache, 0.88 against 1.14 from
//!   memory), so the scanner stays byte-wise, which is also what runs in
//!   WebAssembly. Its inner loops (string bodies, digit runs) read eight
//!   bytes at a time in plain Rust. General SIMD parsers (simd-json,
//!   sonic-rs) build a tape or tree of the whole event and accept a
//!   slightly different language than the reference reader (Jackson's, as
//!   AWS's); they were not tried.
//! - **Anchors by operator alone** (exact before range) made 10,000 mixed
//!   rules 70 times slower per event than 10: a thousand rules anchored on
//!   `"type": ["Polygon"]`, which nearly every event has. Counting how many
//!   branches share a key brings that to ~1.4 times.
//! - **Numeric ranges sorted by low bound**, scanned in blocks, missed the
//!   cache at every step of their binary search with 700 ranges on one
//!   field. The elementary-interval table (each piece between bounds lists
//!   the ranges covering it), with glob and key comparisons that do not
//!   call `memcmp` for a few bytes, took 10,000 rules from 2.6 to 1.4
//!   times the time per event of 10.
//! - `fast-float2` parses these numbers no faster than the standard
//!   library (20 ns each), so numbers are read with `str::parse`.
//!
//! # Guarantees
//!
//! - Results equal [`Pattern::matches`] for every pattern, operator,
//!   `$or` and array shape; `tests/ruleset.rs` checks it on random
//!   patterns and events.
//! - Invalid events are errors, the reference reader's, whatever the
//!   rules read: the scanner only decides validity, and a refused event is
//!   handed to [`Event::parse_with_limits`] for its error (and, should the
//!   two ever disagree, for the answer).
//! - Nothing recurses on input: scanning, skipping and the consistency
//!   decision keep explicit stacks, and nesting is limited by
//!   [`Limits::max_event_depth`].
//! - Work is linear: building in the total size of the patterns (a rule
//!   path of d dots files d keys), matching in the event's size and the
//!   candidates' leaves (wildcards are searched with Knuth–Morris–Pratt,
//!   array consistency decided level by level, as the reference does).
//! - At most [`Limits::max_rules`] rules (100,000 by default): past it
//!   [`RuleSetBuilder::try_add`] refuses a new rule with [`TooManyRules`].
//! - A `RuleSet` is immutable and `Send + Sync`; each thread keeps its own
//!   scratch buffers, so many threads can match against one set.

mod compile;
mod decide;
mod glob;
mod index;
mod paths;
mod scan;
mod value;

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::Hash;

use compile::Fields;
use decide::{Program, Scratch};
use paths::Paths;
use scan::{Found, Kind};

use crate::error::Error;
use crate::event::{Event, Leaf};
use crate::limits::Limits;
use crate::pattern::Pattern;

/// Rules, each a pattern with an id, compiled to match together.
///
/// Build one with [`RuleSet::builder`]. Matching returns the ids of every
/// rule whose pattern matches, in the order the rules were added.
#[derive(Debug)]
pub struct RuleSet<I> {
    ids: Vec<I>,
    patterns: Vec<Pattern>,
    program: Program,
    paths: Paths,
    limits: Limits,
}

/// Collects rules for a [`RuleSet`]: add, replace and remove them by id,
/// then [`build`](RuleSetBuilder::build).
///
/// A set holds at most [`Limits::max_rules`] rules (100,000 unless set
/// with [`RuleSetBuilder::limits`]): [`RuleSetBuilder::try_add`] refuses
/// a new rule past it with [`TooManyRules`], and [`RuleSetBuilder::add`]
/// leaves it out and remembers the refusal for
/// [`RuleSetBuilder::try_build`].
#[derive(Clone, Debug)]
pub struct RuleSetBuilder<I> {
    rules: Vec<(I, Pattern)>,
    positions: HashMap<I, usize>,
    limits: Limits,
    /// The first rule [`RuleSetBuilder::add`] left out.
    refused: Option<TooManyRules>,
}

/// A rule refused because the set already holds [`Limits::max_rules`]
/// rules. Its text names the limit and its value: `rule 100001 is over
/// the limit of 100000 rules in a RuleSet (Limits::max_rules)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooManyRules {
    rules: usize,
    limit: usize,
}

impl TooManyRules {
    /// How many rules the set would have held with the refused ones.
    pub fn rules(&self) -> usize {
        self.rules
    }

    /// The limit: [`Limits::max_rules`].
    pub fn limit(&self) -> usize {
        self.limit
    }
}

impl std::fmt::Display for TooManyRules {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "rule {} is over the limit of {} rules in a RuleSet (Limits::max_rules)",
            self.rules, self.limit
        )
    }
}

impl std::error::Error for TooManyRules {}

impl<I: Clone + Eq + Hash> Default for RuleSetBuilder<I> {
    fn default() -> Self {
        RuleSetBuilder {
            rules: Vec::new(),
            positions: HashMap::new(),
            limits: Limits::default(),
            refused: None,
        }
    }
}

impl<I: Clone + Eq + Hash> RuleSetBuilder<I> {
    /// Adds a rule, or replaces the pattern of the rule with this id (which
    /// keeps its place in the order).
    ///
    /// A new rule past [`Limits::max_rules`] is left out, and the refusal
    /// kept: [`RuleSetBuilder::try_build`] reports it. Use
    /// [`RuleSetBuilder::try_add`] to hear of it at once.
    pub fn add(&mut self, id: I, pattern: &Pattern) -> &mut Self {
        if let Err(refused) = self.insert(id, pattern) {
            self.refused.get_or_insert(refused);
        }
        self
    }

    /// As [`RuleSetBuilder::add`], refusing a new rule past the limit.
    ///
    /// # Errors
    ///
    /// [`TooManyRules`] when the set holds [`Limits::max_rules`] rules
    /// already and `id` is not one of them; the builder is unchanged.
    pub fn try_add(&mut self, id: I, pattern: &Pattern) -> Result<&mut Self, TooManyRules> {
        self.insert(id, pattern)?;
        Ok(self)
    }

    fn insert(&mut self, id: I, pattern: &Pattern) -> Result<(), TooManyRules> {
        match self.positions.get(&id) {
            Some(&at) => self.rules[at].1 = pattern.clone(),
            None if self.rules.len() >= self.limits.max_rules => {
                return Err(TooManyRules {
                    rules: self.rules.len() + 1,
                    limit: self.limits.max_rules,
                });
            }
            None => {
                self.positions.insert(id.clone(), self.rules.len());
                self.rules.push((id, pattern.clone()));
            }
        }
        Ok(())
    }

    /// Removes the rule with this id; returns whether there was one.
    pub fn remove(&mut self, id: &I) -> bool {
        let Some(at) = self.positions.remove(id) else { return false };
        self.rules.remove(at);
        for position in self.positions.values_mut() {
            if *position > at {
                *position -= 1;
            }
        }
        true
    }

    /// The limits events are read within, and the most rules the set may
    /// hold ([`Limits::max_rules`]): [`Limits::default`] unless set.
    pub fn limits(&mut self, limits: Limits) -> &mut Self {
        self.limits = limits;
        self
    }

    /// How many rules there are.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Compiles the rules, checking the limit on their number.
    ///
    /// # Errors
    ///
    /// [`TooManyRules`] when [`RuleSetBuilder::add`] left a rule out, or
    /// when the builder holds more rules than the limits set since allow.
    pub fn try_build(&self) -> Result<RuleSet<I>, TooManyRules> {
        if let Some(refused) = self.refused {
            return Err(refused);
        }
        if self.rules.len() > self.limits.max_rules {
            return Err(TooManyRules { rules: self.rules.len(), limit: self.limits.max_rules });
        }
        Ok(self.build())
    }

    /// Compiles the rules added (any [`RuleSetBuilder::add`] left out
    /// past [`Limits::max_rules`] are not among them: see
    /// [`RuleSetBuilder::try_build`]).
    pub fn build(&self) -> RuleSet<I> {
        let mut fields = Fields::default();
        let mut program = Program { rules: self.rules.len(), ..Program::default() };
        for (rule, (_, pattern)) in self.rules.iter().enumerate() {
            program.branches.extend(compile::branches(pattern, rule as u32, &mut fields));
        }
        compile::choose_anchors(&mut program.branches);
        program.indexes = vec![index::Index::default(); fields.paths.len()];
        for (b, branch) in program.branches.iter().enumerate() {
            let Some(anchor) = branch.anchor else {
                program.always.push(b as u32);
                continue;
            };
            let leaf = &branch.leaves[anchor];
            for key in leaf.keys.iter().flatten() {
                program.indexes[leaf.field as usize].insert(key.clone(), b as u32);
            }
        }
        program.indexes.iter_mut().for_each(index::Index::finish);
        RuleSet {
            ids: self.rules.iter().map(|(id, _)| id.clone()).collect(),
            patterns: self.rules.iter().map(|(_, p)| p.clone()).collect(),
            program,
            paths: Paths::new(&fields.paths),
            limits: self.limits,
        }
    }
}

thread_local! {
    /// Each thread's matching buffers, reused from event to event and
    /// across rule sets.
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl<I: Clone + Eq + Hash> RuleSet<I> {
    /// An empty builder.
    pub fn builder() -> RuleSetBuilder<I> {
        RuleSetBuilder::default()
    }

    /// A builder holding these rules, to add or remove some.
    pub fn to_builder(&self) -> RuleSetBuilder<I> {
        let mut builder = RuleSetBuilder::default();
        builder.limits(self.limits);
        for (id, pattern) in self.ids.iter().zip(&self.patterns) {
            builder.add(id.clone(), pattern);
        }
        builder
    }

    /// How many rules there are.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The ids, in order.
    pub fn ids(&self) -> &[I] {
        &self.ids
    }

    /// The ids of the rules whose pattern matches the event `text`, in
    /// the order the rules were added. Any JSON object is an event, as for
    /// [`Pattern::matches`].
    ///
    /// # Errors
    ///
    /// When the text is not an event: the error [`Event::parse_with_limits`]
    /// gives, with the builder's limits.
    pub fn matches(&self, text: &str) -> Result<Vec<&I>, Error> {
        let mut out = Vec::new();
        self.matches_into(text, &mut out)?;
        Ok(out)
    }

    /// As [`RuleSet::matches`], into `out` (cleared first), which can be
    /// reused from event to event.
    ///
    /// # Errors
    ///
    /// As [`RuleSet::matches`]; `out` is then empty.
    pub fn matches_into<'a>(&'a self, text: &str, out: &mut Vec<&'a I>) -> Result<(), Error> {
        out.clear();
        let mut rules = Vec::new();
        self.rule_indexes(text, &mut rules)?;
        out.extend(rules.iter().map(|&r| &self.ids[r as usize]));
        Ok(())
    }

    /// As [`RuleSet::matches`], as positions in [`RuleSet::ids`], appended
    /// to `out`: the form that allocates nothing per event.
    ///
    /// # Errors
    ///
    /// As [`RuleSet::matches`]; nothing is appended then.
    pub fn rule_indexes(&self, text: &str, out: &mut Vec<u32>) -> Result<(), Error> {
        with_scratch(|scratch| {
            let first = out.len();
            let scanned = text.len() <= self.limits.max_event_bytes
                && scan::scan(text, &self.paths, self.limits.max_event_depth, &mut scratch.scan)
                    .is_ok();
            if scanned && decide::decide(&self.program, text, scratch, out).is_none() {
                return Ok(());
            }
            out.truncate(first);
            // Refused, or undecided: the reference reader says why. Should
            // it accept the text after all, its answer stands.
            let event = Event::parse_with_limits(text, &self.limits)?;
            match self.event_into(&event, scratch, out) {
                None => Ok(()),
                Some(undecided) => {
                    out.truncate(first);
                    Err(self.undecided(&event, &undecided))
                }
            }
        })
    }

    /// The ids of the rules whose pattern matches an event already read.
    /// A rule that array consistency leaves undecided (see
    /// [`Pattern::try_matches`]) is not among them; [`RuleSet::matches`]
    /// reports it.
    pub fn matches_event(&self, event: &Event) -> Vec<&I> {
        let mut rules = Vec::new();
        with_scratch(|scratch| self.event_into(event, scratch, &mut rules));
        rules.iter().map(|&r| &self.ids[r as usize]).collect()
    }

    fn undecided(&self, event: &Event, undecided: &decide::Undecided) -> Error {
        event.undecided(&crate::matcher::Undecided {
            path: self.paths.name(undecided.field).to_owned(),
            combinations: undecided.combinations,
        })
    }

    fn event_into(
        &self,
        event: &Event,
        scratch: &mut Scratch,
        out: &mut Vec<u32>,
    ) -> Option<decide::Undecided> {
        let scan = &mut scratch.scan;
        scan.found.clear();
        scan.trails.clear();
        scan.decoded.clear();
        for field in &event.fields {
            let Some(id) = self.paths.id(&field.path) else { continue };
            let (kind, start, end, number) = match &field.value {
                Leaf::String(s) => {
                    let start = scan.decoded.len();
                    scan.decoded.push_str(s);
                    (Kind::Decoded, start, scan.decoded.len(), 0.0)
                }
                Leaf::Number(x) => (Kind::Number, 0, 0, *x),
                Leaf::Bool(true) => (Kind::True, 0, 0, 0.0),
                Leaf::Bool(false) => (Kind::False, 0, 0, 0.0),
                Leaf::Null => (Kind::Null, 0, 0, 0.0),
            };
            let trail_start = scan.trails.len() as u32;
            scan.trails.extend_from_slice(&field.trail);
            scan.found.push(Found {
                field: id,
                kind,
                start: start as u32,
                end: end as u32,
                number,
                trail_start,
                trail_len: field.trail.len() as u32,
            });
        }
        decide::decide(&self.program, "", scratch, out)
    }
}

fn with_scratch<T>(f: impl FnOnce(&mut Scratch) -> T) -> T {
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => f(&mut scratch),
        // Not reachable (matching calls no user code), but cheap to cover.
        Err(_) => f(&mut Scratch::default()),
    })
}
