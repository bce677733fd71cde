//! Array consistency: whether one value can be picked for each leaf of a
//! branch so that no two picked values sit at different indexes of the
//! same array. The reference matcher and the rule set both ask it.
//!
//! A value's *trail* lists the arrays it sits in, outermost first, each
//! with the value's index in it. Arrays nest as a tree, so the question
//! splits: values outside every remaining array agree with anything;
//! the others are grouped by their outermost array, groups in different
//! arrays are independent, and a group is satisfied when one index of its
//! array satisfies all its leaves, one level down. Every trail entry is
//! looked at once per level, so the work is linear in the trails' total
//! length, where a search over combinations was exponential (twenty
//! leaves of three values each, and a conflict found last: 3²⁰ tries).
//!
//! The split needs each leaf's values at one level, in one element, to
//! go on into one array. An event with a dotted key beside the nested
//! form of the same path (`{"a": [{"b": 1}], "a.b": [2]}`) breaks that
//! (a repeated key no longer can: the last one wins). For such events the
//! leaves are split into groups that share no array, and a backtracking
//! search decides each group that the level-by-level decision cannot.
//! That search is exponential in the worst case, so it runs only when the
//! group's combinations (the product of its leaves' value counts) are at
//! most [`MAX_ARRAY_CHOICES`]; past that the answer is [`Undecided`],
//! which matching reports as [`crate::ErrorKind::TooManyArrayChoices`].
//! The count depends only on the values, never on the order they are
//! tried in, so the reference matcher and the rule set refuse alike.

use crate::sort;
use std::collections::{HashMap, HashSet};

/// A trail: `(array, index)` pairs, outermost first.
pub(crate) type Trail<'a> = &'a [(u32, u32)];

/// The most combinations of values the consistency search tries for one
/// group of fields, in the one case that needs a search: an event that
/// spells a field both with a dotted key and nested, with arrays on both
/// sides. The search costs at most this many steps per field of the group.
pub const MAX_ARRAY_CHOICES: u64 = 100_000;

/// The search was not run: its group of lists would have more than
/// [`MAX_ARRAY_CHOICES`] combinations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Undecided {
    /// The first list of the group, by position.
    pub list: usize,
    /// The group's combinations, saturating at `u64::MAX`.
    pub combinations: u64,
}

/// Whether one trail can be picked from each list so that all picked
/// trails are consistent. An empty list of lists is trivially so; an
/// empty list cannot be satisfied. Each list's trails must be distinct.
///
/// # Errors
///
/// [`Undecided`] when no group of lists fails and some group needs a
/// search of more than [`MAX_ARRAY_CHOICES`] combinations.
pub(crate) fn consistent_choice(lists: &[Vec<Trail<'_>>]) -> Result<bool, Undecided> {
    if let Some(decided) = by_levels(lists) {
        return Ok(decided);
    }
    // Leaves that share no array are independent: searching each group
    // apart keeps a conflict in one from retrying the choices of others.
    let mut undecided: Option<Undecided> = None;
    for members in components(lists) {
        let group: Vec<Vec<Trail<'_>>> = members.iter().map(|&i| lists[i].clone()).collect();
        match by_levels(&group) {
            Some(true) => {}
            Some(false) => return Ok(false),
            None => {
                let combinations =
                    group.iter().fold(1u64, |n, trails| n.saturating_mul(trails.len() as u64));
                if combinations > MAX_ARRAY_CHOICES {
                    let list = members[0];
                    if undecided.is_none_or(|u| list < u.list) {
                        undecided = Some(Undecided { list, combinations });
                    }
                } else if !backtracking(&group) {
                    return Ok(false);
                }
            }
        }
    }
    undecided.map_or(Ok(true), Err)
}

/// The positions of the lists, grouped into sets that share no array
/// with each other; each set in ascending order.
fn components(lists: &[Vec<Trail<'_>>]) -> Vec<Vec<usize>> {
    // Union-find over the lists, joined through the arrays they mention.
    let mut parent: Vec<usize> = (0..lists.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut first: HashMap<u32, usize> = HashMap::new();
    for (i, trails) in lists.iter().enumerate() {
        for &(array, _) in trails.iter().flat_map(|trail| trail.iter()) {
            let j = *first.entry(array).or_insert(i);
            let (a, b) = (root(&mut parent, i), root(&mut parent, j));
            parent[a] = b;
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..lists.len() {
        groups.entry(root(&mut parent, i)).or_default().push(i);
    }
    groups.into_values().collect()
}

/// The leaves that go into one array: how many, and for each index of it,
/// their trails through that element.
type Group<'a> = (usize, HashMap<u32, Vec<Vec<Trail<'a>>>>);

/// One element of one array (the root: no array), with the leaves that
/// must be satisfied inside it and their trails through it.
struct Context<'a> {
    /// How many trail entries the context fixes.
    level: usize,
    leaves: Vec<Vec<Trail<'a>>>,
    /// The context this one is an element of an array in, and that array.
    parent: usize,
    array: u32,
    /// The arrays whose groups must be satisfied here, and those that are.
    needs: Vec<u32>,
    satisfied: HashSet<u32>,
}

/// The level-by-level decision, or `None` when a leaf's values go on
/// into two arrays from one element (a dotted key beside a nested path).
fn by_levels(lists: &[Vec<Trail<'_>>]) -> Option<bool> {
    if lists.iter().any(Vec::is_empty) {
        return Some(false);
    }
    let root = Context {
        level: 0,
        leaves: lists.to_vec(),
        parent: usize::MAX,
        array: u32::MAX,
        needs: Vec::new(),
        satisfied: HashSet::new(),
    };
    // Breadth first, so that every context comes after its parent.
    let mut contexts = vec![root];
    let mut at = 0;
    while at < contexts.len() {
        let level = contexts[at].level;
        let leaves = std::mem::take(&mut contexts[at].leaves);
        // For each array: how many leaves go into it, and for each index,
        // the leaves' trails through that element.
        let mut groups: HashMap<u32, Group<'_>> = HashMap::new();
        for trails in leaves {
            // A value with no array left agrees with any choice.
            if trails.iter().any(|trail| trail.len() == level) {
                continue;
            }
            let array = trails[0][level].0;
            if trails.iter().any(|trail| trail[level].0 != array) {
                return None;
            }
            let (count, elements) = groups.entry(array).or_default();
            *count += 1;
            let mut by_index: HashMap<u32, Vec<Trail<'_>>> = HashMap::new();
            for trail in trails {
                by_index.entry(trail[level].1).or_default().push(trail);
            }
            for (index, trails) in by_index {
                elements.entry(index).or_default().push(trails);
            }
        }
        let mut needs = Vec::with_capacity(groups.len());
        for (array, (count, elements)) in groups {
            needs.push(array);
            // Only an element that every leaf of the group reaches can
            // satisfy the group.
            for (_, leaves) in elements.into_iter().filter(|(_, leaves)| leaves.len() == count) {
                contexts.push(Context {
                    level: level + 1,
                    leaves,
                    parent: at,
                    array,
                    needs: Vec::new(),
                    satisfied: HashSet::new(),
                });
            }
        }
        contexts[at].needs = needs;
        at += 1;
    }
    // Children before parents: a context is satisfied when each of its
    // groups has a satisfied element.
    for i in (0..contexts.len()).rev() {
        let context = &contexts[i];
        let satisfied = context.needs.iter().all(|array| context.satisfied.contains(array));
        if i == 0 {
            return Some(satisfied);
        }
        if satisfied {
            let (parent, array) = (context.parent, context.array);
            contexts[parent].satisfied.insert(array);
        }
    }
    Some(true)
}

/// A depth-first search over the lists, with an explicit stack (10,000
/// leaves must not overflow a 1 MiB stack), keeping the index chosen in
/// each array so that a trail is checked in time proportional to its
/// length. Exponential in the worst case: only groups of at most
/// [`MAX_ARRAY_CHOICES`] combinations, in events with a dotted key beside
/// a nested path, come here.
fn backtracking(lists: &[Vec<Trail<'_>>]) -> bool {
    let mut order: Vec<&Vec<Trail<'_>>> = lists.iter().collect();
    sort::sort_by_key(&mut order, |trails| trails.len());
    // For each array a chosen trail passes through: its index, and how
    // many chosen trails pass through it.
    let mut chosen: HashMap<u32, (u32, usize)> = HashMap::new();
    // The next candidate to try at each level.
    let mut next = vec![0usize; order.len()];
    let mut level = 0;
    while level < order.len() {
        let fits = |trail: Trail<'_>| {
            trail.iter().all(|(array, index)| chosen.get(array).is_none_or(|(i, _)| i == index))
        };
        let mut picked = None;
        while let Some(&trail) = order[level].get(next[level]) {
            next[level] += 1;
            if fits(trail) {
                picked = Some(trail);
                break;
            }
        }
        match picked {
            Some(trail) => {
                for &(array, index) in trail {
                    chosen.entry(array).or_insert((index, 0)).1 += 1;
                }
                level += 1;
                if let Some(first) = next.get_mut(level) {
                    *first = 0;
                }
            }
            None => {
                // Back to the level before, to try its next candidate.
                let Some(previous) = level.checked_sub(1) else { return false };
                level = previous;
                for (array, _) in order[level][next[level] - 1] {
                    if let Some(entry) = chosen.get_mut(array) {
                        entry.1 -= 1;
                        if entry.1 == 0 {
                            chosen.remove(array);
                        }
                    }
                }
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(lists: &[&[&[(u32, u32)]]]) -> bool {
        let lists: Vec<Vec<Trail<'_>>> = lists.iter().map(|l| l.to_vec()).collect();
        let fast = by_levels(&lists);
        let slow = backtracking(&lists);
        if let Some(fast) = fast {
            assert_eq!(fast, slow, "{lists:?}");
        }
        slow
    }

    #[test]
    fn consistency_compares_shared_arrays_only() {
        assert!(both(&[&[&[(0, 1)]], &[&[(0, 1), (3, 0)]]]));
        assert!(!both(&[&[&[(0, 1)]], &[&[(0, 2)]]]));
        assert!(both(&[&[&[(0, 1)]], &[&[(1, 2)]]]));
        assert!(both(&[&[&[]], &[&[(1, 2)]]]));
        assert!(both(&[&[&[(0, 0), (5, 1)], &[(0, 1), (6, 0)]], &[&[(0, 1), (6, 0)]]]));
        assert!(!both(&[&[&[(0, 0)], &[(0, 1)]], &[&[(0, 1), (6, 0)]], &[&[(0, 1), (6, 1)]]]));
        assert!(both(&[&[&[(0, 0)], &[(0, 1)]], &[&[(0, 1), (6, 0)]], &[&[(0, 1)]]]));
        assert!(both(&[]));
        assert!(!both(&[&[]]));
    }

    /// Two groups past the limit, in arrays 0 and 1 (each leaf's values
    /// go into two arrays from the root: a dotted key beside the nested
    /// form): the first list of the lower group is named, whatever order
    /// the groups come in.
    #[test]
    fn the_first_undecided_group_is_named() {
        let wide = |a: u32, b: u32| -> Vec<Vec<(u32, u32)>> {
            (0..20).map(|i| vec![(if i % 2 == 0 { a } else { b }, i)]).collect()
        };
        let (low, high) = (wide(0, 2), wide(1, 3));
        fn list(owned: &[Vec<(u32, u32)>]) -> Vec<Trail<'_>> {
            owned.iter().map(Vec::as_slice).collect()
        }
        // Four leaves per group: 20⁴ = 160,000 combinations each.
        let mut lists = Vec::new();
        for _ in 0..4 {
            lists.push(list(&high));
        }
        for _ in 0..4 {
            lists.push(list(&low));
        }
        assert_eq!(consistent_choice(&lists), Err(Undecided { list: 0, combinations: 160_000 }));
        lists.reverse();
        assert_eq!(consistent_choice(&lists), Err(Undecided { list: 0, combinations: 160_000 }));
        // Two leaves per group: 400 combinations, searched.
        lists.truncate(6);
        lists.drain(1..3);
        assert_eq!(consistent_choice(&lists), Ok(true));
    }

    /// Random events' trails: arrays nested as a tree, leaves picking
    /// values in it; the level-by-level decision agrees with the search.
    #[test]
    fn levels_agree_with_backtracking() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut below = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n) as u32
        };
        for _ in 0..3000 {
            // Each leaf's values sit in its own path of arrays: array ids
            // are made from the path (leaf's depth-d array under indexes
            // i0..id), shared between leaves with the same `path` below.
            let leaves = 1 + below(4) as usize;
            let mut owned: Vec<Vec<Vec<(u32, u32)>>> = Vec::new();
            for _ in 0..leaves {
                let branch = below(2); // which nested array family
                let depth = 1 + below(3);
                let values = 1 + below(4);
                let mut trails = Vec::new();
                for _ in 0..values {
                    let mut trail = Vec::new();
                    let mut id = 1 + branch;
                    for _ in 0..below(u64::from(depth) + 1) {
                        let index = below(3);
                        trail.push((id, index));
                        id = id * 7 + index + 11;
                    }
                    trails.push(trail);
                }
                owned.push(trails);
            }
            let lists: Vec<Vec<Trail<'_>>> =
                owned.iter().map(|l| l.iter().map(Vec::as_slice).collect()).collect();
            if let Some(fast) = by_levels(&lists) {
                assert_eq!(fast, backtracking(&lists), "{owned:?}");
            }
        }
    }
}
