//! From the values found in one event to the rules that match it: the
//! anchors' indexes give candidate branches, and a candidate with more
//! than one leaf is verified as the reference matcher decides a branch,
//! array consistency included.

use super::compile::{Branch, Leaf};
use super::index::Index;
use super::paths::NONE;
use super::scan::{Found, Kind, Scan};
use super::value::{Value, accepts};

/// Per-thread working memory of matching. Stamps with the current epoch
/// mark what this event has seen, so that nothing is cleared per event.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    pub scan: Scan,
    epoch: u32,
    /// Per field: the epoch of its last value, and the last value's index
    /// in `scan.found` (values at one field are linked through `next`).
    field_epoch: Vec<u32>,
    field_head: Vec<u32>,
    next: Vec<u32>,
    branch_epoch: Vec<u32>,
    rule_epoch: Vec<u32>,
    candidates: Vec<u32>,
    folded: String,
    /// For the consistency search.
    choices: Vec<Vec<(u32, u32)>>,
}

/// A compiled rule set, the part that matching reads.
#[derive(Debug, Default)]
pub(crate) struct Program {
    pub branches: Vec<Branch>,
    /// Per field, the anchors filed under it.
    pub indexes: Vec<Index>,
    /// Branches that absent fields alone can satisfy: checked every time.
    pub always: Vec<u32>,
    pub rules: usize,
}

impl Scratch {
    /// Makes room for `program` and starts a new epoch.
    fn start(&mut self, program: &Program) {
        let fields = program.indexes.len();
        if self.field_epoch.len() < fields {
            self.field_epoch.resize(fields, 0);
            self.field_head.resize(fields, NONE);
        }
        if self.branch_epoch.len() < program.branches.len() {
            self.branch_epoch.resize(program.branches.len(), 0);
        }
        if self.rule_epoch.len() < program.rules {
            self.rule_epoch.resize(program.rules, 0);
        }
        self.epoch = self.epoch.wrapping_add(1);
        if self.epoch == 0 {
            // Every stamp may now look current: start over.
            self.field_epoch.fill(0);
            self.branch_epoch.fill(0);
            self.rule_epoch.fill(0);
            self.epoch = 1;
        }
        self.candidates.clear();
    }
}

/// The value of a found field.
#[inline(always)]
fn value<'a>(found: &Found, text: &'a str, decoded: &'a str) -> Value<'a> {
    let range = found.start as usize..found.end as usize;
    match found.kind {
        Kind::Text => Value::String(text.get(range).unwrap_or_default()),
        Kind::Decoded => Value::String(decoded.get(range).unwrap_or_default()),
        Kind::Number => Value::Number(found.number),
        Kind::True => Value::Bool(true),
        Kind::False => Value::Bool(false),
        Kind::Null => Value::Null,
    }
}

/// A rule that no branch matched and one branch's array consistency left
/// undecided (see [`crate::consistency`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Undecided {
    pub rule: u32,
    /// The field whose values sit in sibling arrays.
    pub field: u32,
    pub combinations: u64,
}

/// Appends to `out` the index of every rule that the values in
/// `scratch.scan` (found in `text`) match, each once, in rule order; and
/// the first rule left undecided, if any.
pub(crate) fn decide(
    program: &Program,
    text: &str,
    scratch: &mut Scratch,
    out: &mut Vec<u32>,
) -> Option<Undecided> {
    scratch.start(program);
    let epoch = scratch.epoch;
    let Scratch {
        scan,
        field_epoch,
        field_head,
        next,
        branch_epoch,
        rule_epoch,
        candidates,
        folded,
        choices,
        ..
    } = scratch;
    let first = out.len();
    next.clear();
    for (i, found) in scan.found.iter().enumerate() {
        let field = found.field as usize;
        if field_epoch[field] != epoch {
            field_epoch[field] = epoch;
            field_head[field] = NONE;
        }
        next.push(field_head[field]);
        field_head[field] = i as u32;
        let Some(index) = program.indexes.get(field) else { continue };
        index.find(value(found, text, &scan.decoded), folded, |hit| {
            let b = hit as usize;
            if branch_epoch[b] == epoch {
                return;
            }
            branch_epoch[b] = epoch;
            let branch = &program.branches[b];
            if branch.is_direct() {
                let rule = branch.rule as usize;
                if rule_epoch[rule] != epoch {
                    rule_epoch[rule] = epoch;
                    out.push(branch.rule);
                }
            } else {
                candidates.push(hit);
            }
        });
    }
    let values = Values { text, scan, field_epoch, field_head, next, epoch };
    let mut undecided: Vec<Undecided> = Vec::new();
    for &b in candidates.iter().chain(&program.always) {
        let branch = &program.branches[b as usize];
        let rule = branch.rule as usize;
        if rule_epoch[rule] != epoch {
            match verify(branch, &values, choices) {
                Ok(true) => {
                    rule_epoch[rule] = epoch;
                    out.push(branch.rule);
                }
                Ok(false) => {}
                Err((field, combinations)) => {
                    undecided.push(Undecided { rule: branch.rule, field, combinations });
                }
            }
        }
    }
    out[first..].sort_unstable();
    // Another branch of the rule may have matched after all.
    undecided
        .into_iter()
        .filter(|u| rule_epoch[u.rule as usize] != epoch)
        .min_by_key(|u| (u.rule, u.field))
}

/// The values found, by field.
struct Values<'a> {
    text: &'a str,
    scan: &'a Scan,
    field_epoch: &'a [u32],
    field_head: &'a [u32],
    next: &'a [u32],
    epoch: u32,
}

impl Values<'_> {
    /// The values at `field`, last first.
    fn at(&self, field: u32) -> impl Iterator<Item = (Value<'_>, &[(u32, u32)])> {
        let f = field as usize;
        let mut i =
            if self.field_epoch.get(f) == Some(&self.epoch) { self.field_head[f] } else { NONE };
        std::iter::from_fn(move || {
            let found = self.scan.found.get(i as usize)?;
            i = self.next[i as usize];
            let trail = &self.scan.trails[found.trail_start as usize..][..found.trail_len as usize];
            Some((value(found, self.text, &self.scan.decoded), trail))
        })
    }
}

/// Whether a branch matches, as the reference matcher decides it: every
/// leaf satisfied by a value (or by absence, for `exists: false`), with
/// values that are array-consistent. Undecided: the field named, and the
/// combinations.
fn verify(
    branch: &Branch,
    values: &Values<'_>,
    choices: &mut Vec<Vec<(u32, u32)>>,
) -> Result<bool, (u32, u64)> {
    // Leaves whose every accepted value sits in an array constrain the
    // choice; a leaf with an accepted value outside arrays can always use
    // it, as it is consistent with everything.
    let mut constrained = 0;
    for leaf in &branch.leaves {
        match satisfied(leaf, values) {
            Satisfied::No => return Ok(false),
            Satisfied::Freely => {}
            Satisfied::InArrays => constrained += 1,
        }
    }
    if constrained <= 1 {
        return Ok(true);
    }
    // The search proper: one trail per constrained leaf, pairwise
    // consistent.
    choices.clear();
    let mut fields = Vec::new();
    for leaf in &branch.leaves {
        let mut trails: Vec<(u32, u32)> = Vec::new();
        let mut lists: Vec<&[(u32, u32)]> = values
            .at(leaf.field)
            .filter(|(v, _)| leaf.conditions.iter().any(|c| accepts(c, *v)))
            .map(|(_, trail)| trail)
            .collect();
        if lists.is_empty() || lists.iter().any(|t| t.is_empty()) {
            continue;
        }
        lists.sort_unstable();
        lists.dedup();
        // Flattened: each trail is preceded by its length.
        for trail in lists {
            trails.push((trail.len() as u32, 0));
            trails.extend_from_slice(trail);
        }
        choices.push(trails);
        fields.push(leaf.field);
    }
    consistent_choice(choices).map_err(|u| (fields[u.list], u.combinations))
}

enum Satisfied {
    No,
    /// By a value outside any array, or by absence.
    Freely,
    /// Only by values inside arrays.
    InArrays,
}

fn satisfied(leaf: &Leaf, values: &Values<'_>) -> Satisfied {
    let (mut present, mut in_arrays) = (false, false);
    for (value, trail) in values.at(leaf.field) {
        present = true;
        if leaf.conditions.iter().any(|c| accepts(c, value)) {
            if trail.is_empty() {
                return Satisfied::Freely;
            }
            in_arrays = true;
        }
    }
    match (present, in_arrays) {
        (false, _) if leaf.absent_ok => Satisfied::Freely,
        (_, true) => Satisfied::InArrays,
        _ => Satisfied::No,
    }
}

/// The trails of one list, unflattened.
fn trails(list: &[(u32, u32)]) -> impl Iterator<Item = &[(u32, u32)]> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let len = list.get(at)?.0 as usize;
        let trail = list.get(at + 1..at + 1 + len)?;
        at += 1 + len;
        Some(trail)
    })
}

/// Whether one trail can be picked from each list so that all picked
/// trails are consistent: the reference matcher's own decision.
fn consistent_choice(lists: &[Vec<(u32, u32)>]) -> Result<bool, crate::consistency::Undecided> {
    let all: Vec<Vec<&[(u32, u32)]>> = lists.iter().map(|l| trails(l).collect()).collect();
    crate::consistency::consistent_choice(&all)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(trails: &[&[(u32, u32)]]) -> Vec<(u32, u32)> {
        let mut out = Vec::new();
        for t in trails {
            out.push((t.len() as u32, 0));
            out.extend_from_slice(t);
        }
        out
    }

    #[test]
    fn the_search_backtracks() {
        let a = list(&[&[(0, 0)], &[(0, 1)]]);
        let b = list(&[&[(0, 1), (1, 0)]]);
        let c = list(&[&[(0, 1), (1, 1)], &[(0, 1), (1, 0)]]);
        assert_eq!(consistent_choice(&[a.clone(), b.clone(), c]), Ok(true));
        let d = list(&[&[(0, 1), (1, 1)]]);
        assert_eq!(consistent_choice(&[a, b, d]), Ok(false));
        assert_eq!(consistent_choice(&[]), Ok(true));
    }
}
