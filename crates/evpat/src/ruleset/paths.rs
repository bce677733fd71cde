//! Which keys of an event lead to a field some rule tests: the scanner
//! asks this table at every key, and skips (validating only) the value of
//! any key that leads nowhere.
//!
//! EventBridge joins keys with dots, so `{"a.b": 1}` and `{"a": {"b": 1}}`
//! are both the field `a.b`. A state is therefore a prefix of some rule's
//! path that ends just before one of its dots (or the root), and each
//! state keeps the segment of the rest up to the next dot as a key: `a.b.c`
//! gives the root the key `a`, its state the key `b`, and so on. An event
//! key with dots (`a.b`) walks the segments, so a path of d dots costs d
//! keys, not the d² substrings (of d³ bytes) it once did.
//!
//! ```text
//! paths: properties.STREET, geometry.type
//!   root ─"properties"─▶ S1 ─"STREET"─▶ field 0
//!        ─"geometry"──▶ S2 ─"type"──▶ field 1
//!   "properties.STREET": root ─"properties"─▶ S1 ─"STREET"─▶ field 0
//! ```

use std::collections::HashMap;

use rustc_hash::FxHashMap;

/// Marks "none" in [`Target`]'s fields.
pub(crate) const NONE: u32 = u32::MAX;

/// Where a key leads: to a field (a rule path ends here) and/or to a state
/// (rule paths go on below it). Both can hold: rules on `a` and on `a.b`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Target {
    pub field: u32,
    pub state: u32,
}

impl Target {
    pub const NOWHERE: Target = Target { field: NONE, state: NONE };
    pub const ROOT: Target = Target { field: NONE, state: 0 };

    pub fn is_nowhere(self) -> bool {
        self.field == NONE && self.state == NONE
    }

    /// A number of its own among the targets of [`Paths::slots`]: its
    /// state, or else its field (a target is nowhere when it has neither).
    pub fn slot(self) -> usize {
        if self.state != NONE { 2 * self.state as usize } else { 2 * self.field as usize + 1 }
    }
}

/// The keys of one state. Most states have a handful of keys, which a
/// scan compares faster than a hash finds; larger ones are hashed.
#[derive(Clone, Debug)]
enum Keys {
    /// Compared by length first, then by bytes.
    Few(Vec<(Box<[u8]>, Target)>),
    Many(FxHashMap<Box<[u8]>, Target>),
}

/// The most keys a state keeps in a list rather than a hash map.
const FEW: usize = 8;

/// The key table of a rule set.
#[derive(Clone, Debug)]
pub(crate) struct Paths {
    states: Vec<Keys>,
    /// Every rule path, by id: for matching events already flattened.
    ids: HashMap<String, u32>,
}

impl Paths {
    /// The table for these rule paths; path `i` becomes field `i`.
    pub fn new(paths: &[String]) -> Paths {
        let mut builder: Vec<FxHashMap<Box<[u8]>, Target>> = vec![FxHashMap::default()];
        for (id, path) in paths.iter().enumerate() {
            // A dot at the very start separates nothing: joining a key to
            // the empty prefix adds no dot (`{"": {"c": 1}}` is the field
            // `c`), so only the key `.c` itself reaches the path `.c`.
            let dots =
                path.bytes().enumerate().filter(|&(i, b)| b == b'.' && i > 0).map(|(i, _)| i);
            let ends = dots.chain([path.len()]);
            // Each segment, from the beginning or a dot to the next dot or
            // the end, is a key of the state before it, which leads to the
            // state after it (made on first use) or, at the end, to the
            // field. Keys with dots walk these (see `lookup`): storing every
            // substring instead made a path of d dots cost d³ bytes.
            let (mut from, mut start) = (0u32, 0);
            for end in ends {
                let key: Box<[u8]> = path.as_bytes()[start..end].into();
                let fresh = builder.len() as u32;
                let entry = builder[from as usize].entry(key).or_insert(Target::NOWHERE);
                if end == path.len() {
                    entry.field = id as u32;
                    break;
                }
                if entry.state == NONE {
                    entry.state = fresh;
                }
                from = entry.state;
                if from == fresh {
                    builder.push(FxHashMap::default());
                }
                start = end + 1;
            }
        }
        // The empty key under the empty prefix leaves the prefix empty, as
        // the reference joins paths: the root loops to itself.
        builder[0].entry(Box::from(&b""[..])).or_insert(Target::NOWHERE).state = 0;
        let states = builder
            .into_iter()
            .map(|keys| {
                if keys.len() <= FEW {
                    let mut few: Vec<_> = keys.into_iter().collect();
                    few.sort_by(|a, b| a.0.cmp(&b.0));
                    Keys::Few(few)
                } else {
                    Keys::Many(keys)
                }
            })
            .collect();
        let ids = paths.iter().enumerate().map(|(i, p)| (p.clone(), i as u32)).collect();
        Paths { states, ids }
    }

    /// Where `key` leads from `state`. A key with dots walks its segments
    /// (`a.b` from the root is `a`, then `b`), as EventBridge joins keys
    /// with dots; at the root a leading dot joins nothing and belongs to
    /// the first segment.
    #[inline]
    pub fn lookup(&self, mut state: u32, mut key: &[u8]) -> Target {
        loop {
            let skip = usize::from(state == 0);
            let Some(dot) = key.iter().skip(skip).position(|&b| b == b'.').map(|i| i + skip) else {
                return self.segment(state, key);
            };
            let next = self.segment(state, &key[..dot]);
            if next.state == NONE {
                return Target::NOWHERE;
            }
            state = next.state;
            key = &key[dot + 1..];
        }
    }

    /// Where a key without a joining dot leads from `state`.
    #[inline]
    fn segment(&self, state: u32, key: &[u8]) -> Target {
        match self.states.get(state as usize) {
            Some(Keys::Few(keys)) => {
                for (k, target) in keys {
                    if super::glob::same(k, key) {
                        return *target;
                    }
                }
                Target::NOWHERE
            }
            Some(Keys::Many(keys)) => keys.get(key).copied().unwrap_or(Target::NOWHERE),
            None => Target::NOWHERE,
        }
    }

    /// How many [`Target::slot`] numbers there can be.
    pub fn slots(&self) -> usize {
        2 * self.states.len().max(self.ids.len()) + 2
    }

    /// The field id of a whole dotted path.
    pub fn id(&self, path: &str) -> Option<u32> {
        self.ids.get(path).copied()
    }

    /// The dotted path of a field id. A search, for error messages only.
    pub fn name(&self, id: u32) -> &str {
        self.ids.iter().find(|(_, v)| **v == id).map_or("", |(path, _)| path.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_keys_and_nesting_reach_the_same_field() {
        let paths = Paths::new(&["a.b.c".to_owned(), "a".to_owned(), "x".to_owned()]);
        let a = paths.lookup(0, b"a");
        assert_eq!(a.field, 1);
        let ab = paths.lookup(a.state, b"b");
        assert_eq!(ab.field, NONE);
        assert_eq!(paths.lookup(ab.state, b"c").field, 0);
        assert_eq!(paths.lookup(a.state, b"b.c").field, 0);
        assert_eq!(paths.lookup(0, b"a.b.c").field, 0);
        assert_eq!(paths.lookup(0, b"a.b").state, ab.state);
        assert!(paths.lookup(0, b"b").is_nowhere());
        assert!(paths.lookup(a.state, b"c").is_nowhere());
    }

    #[test]
    fn an_empty_key_at_the_root_adds_nothing_to_the_path() {
        let paths = Paths::new(&["c".to_owned(), ".d".to_owned()]);
        assert_eq!(paths.lookup(0, b"").state, 0);
        assert_eq!(paths.lookup(0, b"c").field, 0);
        assert_eq!(paths.lookup(0, b".d").field, 1);
        assert!(paths.lookup(0, b"d").is_nowhere());
    }

    /// A path of 30,000 segments: 30,000 keys, where every substring
    /// took some 10¹³ bytes.
    #[test]
    fn long_dotted_paths_cost_linear_space() {
        let path = vec!["a"; 30_000].join(".");
        let paths = Paths::new(std::slice::from_ref(&path));
        assert_eq!(paths.states.len(), 30_000);
        assert_eq!(paths.lookup(0, path.as_bytes()).field, 0);
        let half = vec!["a"; 15_000].join(".");
        let state = paths.lookup(0, half.as_bytes()).state;
        assert_eq!(paths.lookup(state, half.as_bytes()).field, 0);
    }

    #[test]
    fn empty_keys_are_keys() {
        let paths = Paths::new(&["".to_owned(), "a..b".to_owned()]);
        assert_eq!(paths.lookup(0, b"").field, 0);
        let a = paths.lookup(0, b"a");
        let empty = paths.lookup(a.state, b"");
        assert_eq!(paths.lookup(empty.state, b"b").field, 1);
        assert_eq!(paths.lookup(a.state, b".b").field, 1);
    }
}
