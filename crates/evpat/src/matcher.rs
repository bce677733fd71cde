//! Stage four: deciding whether an event matches. This is the reference
//! matcher: written to be obviously right rather than fast; faster
//! matchers are checked against it.

use crate::consistency::consistent_choice;
use crate::event::{Event, Field, Leaf};
use crate::ir::{Branch, Condition, Ir, Rule, Scalar};
use crate::sort;

/// A branch whose array consistency was not decided: see
/// [`crate::consistency`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Undecided {
    /// The field whose values sit in sibling arrays.
    pub path: String,
    pub combinations: u64,
}

impl Ir {
    /// Whether any branch matches the event; undecided when none does and
    /// one could not be decided.
    pub(crate) fn matches(&self, event: &Event) -> Result<bool, Undecided> {
        let mut undecided = None;
        for branch in &self.branches {
            match branch_matches(branch, event) {
                Ok(true) => return Ok(true),
                Ok(false) => {}
                Err(u) => {
                    undecided.get_or_insert(u);
                }
            }
        }
        undecided.map_or(Ok(false), Err)
    }
}

/// Every rule must be satisfied by a value of the event, and the values
/// chosen must be array-consistent: two values inside the same array must
/// come from the same element of it.
fn branch_matches(branch: &Branch, event: &Event) -> Result<bool, Undecided> {
    // Each rule's accepted values, by their trails, and the rule's path.
    let mut candidates = Vec::with_capacity(branch.rules.len());
    for rule in &branch.rules {
        let fields = event.at(&rule.path);
        if fields.is_empty() {
            if rule.conditions.contains(&Condition::Exists(false)) {
                continue;
            }
            return Ok(false);
        }
        let mut trails: Vec<&[(u32, u32)]> = fields
            .iter()
            .filter(|field| rule_accepts(rule, field))
            .map(|field| field.trail.as_slice())
            .collect();
        // Only the trail matters from here on.
        sort::sort_dedup(&mut trails);
        if trails.is_empty() {
            return Ok(false);
        }
        candidates.push((trails, &rule.path));
    }
    // A rule with a value outside every array agrees with any choice.
    candidates.retain(|(trails, _)| trails.iter().all(|trail| !trail.is_empty()));
    sort::sort_by_key(&mut candidates, |(trails, _)| trails.len());
    let (lists, paths): (Vec<_>, Vec<_>) = candidates.into_iter().unzip();
    consistent_choice(&lists)
        .map_err(|u| Undecided { path: paths[u.list].to_owned(), combinations: u.combinations })
}

fn rule_accepts(rule: &Rule, field: &Field) -> bool {
    rule.conditions.iter().any(|condition| condition.accepts(&field.value))
}

impl Condition {
    /// Whether one present leaf value satisfies this condition.
    /// `exists: false` is satisfied only by absence, decided by the caller.
    pub(crate) fn accepts(&self, value: &Leaf) -> bool {
        match (self, value) {
            (Condition::Exists(exists), _) => *exists,
            (Condition::AnythingBut(excluded), value) => !excluded.iter().any(|c| c.accepts(value)),
            (Condition::Equals(Scalar::String(a)), Leaf::String(b)) => a == b,
            (Condition::Equals(Scalar::Number(a)), Leaf::Number(b)) => a == b,
            (Condition::Equals(Scalar::Bool(a)), Leaf::Bool(b)) => a == b,
            (Condition::Equals(Scalar::Null), Leaf::Null) => true,
            (Condition::Prefix(text), Leaf::String(s)) => text.is_prefix_of(s),
            (Condition::Suffix(text), Leaf::String(s)) => text.is_suffix_of(s),
            (Condition::EqualsIgnoreCase(text), Leaf::String(s)) => text.equals(s),
            (Condition::Wildcard(glob), Leaf::String(s)) => glob.matches(s),
            (Condition::Cidr(block), Leaf::String(s)) => block.contains(s),
            (Condition::Numeric(range), Leaf::Number(x)) => range.contains(*x),
            _ => false,
        }
    }
}
