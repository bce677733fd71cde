//! Which keys of an event lead to a field some rule tests: the scanner
//! asks this table at every key, and skips (validating only) the value of
//! any key that leads nowhere.
//!
//! EventBridge joins keys with dots, so `{"a.b": 1}` and `{"a": {"b": 1}}`
//! are both the field `a.b`. A state is therefore a prefix of some rule's
//! path that ends just before one of its dots (or the root), and from a
//! state every substring of the rest that ends at a later dot or at the
//! end is a key: `a.b.c` gives the root the keys `a`, `a.b` and `a.b.c`.
//!
//! ```text
//! paths: properties.STREET, geometry.type
//!   root ─"properties"─▶ S1 ─"STREET"─▶ field 0
//!        ─"properties.STREET"────────▶ field 0
//!        ─"geometry"──▶ S2 ─"type"──▶ field 1
//!        ─"geometry.type"────────────▶ field 1
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
        let mut states: HashMap<&str, u32> = HashMap::new();
        for (id, path) in paths.iter().enumerate() {
            let id = id as u32;
            // A dot at the very start separates nothing: joining a key to
            // the empty prefix adds no dot (`{"": {"c": 1}}` is the field
            // `c`), so only the key `.c` itself reaches the path `.c`.
            let dots: Vec<usize> = path
                .bytes()
                .enumerate()
                .filter(|&(i, b)| b == b'.' && i > 0)
                .map(|(i, _)| i)
                .collect();
            // A key may start at the beginning or after any dot, and end at
            // any later dot or at the end.
            let starts = std::iter::once(0).chain(dots.iter().map(|d| d + 1));
            for (n, start) in starts.enumerate() {
                let from =
                    if n == 0 { 0 } else { state_of(&mut states, &mut builder, path, dots[n - 1]) };
                let ends = dots.iter().copied().filter(|&d| d >= start).chain([path.len()]);
                for end in ends {
                    let key: Box<[u8]> = path.as_bytes()[start..end].into();
                    let target = if end == path.len() {
                        Target { field: id, state: NONE }
                    } else {
                        Target {
                            field: NONE,
                            state: state_of(&mut states, &mut builder, path, end),
                        }
                    };
                    let entry = builder[from as usize].entry(key).or_insert(Target::NOWHERE);
                    if target.field != NONE {
                        entry.field = target.field;
                    }
                    if target.state != NONE {
                        entry.state = target.state;
                    }
                }
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

    /// Where `key` leads from `state`.
    #[inline]
    pub fn lookup(&self, state: u32, key: &[u8]) -> Target {
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

    /// The field id of a whole dotted path.
    pub fn id(&self, path: &str) -> Option<u32> {
        self.ids.get(path).copied()
    }
}

/// The state for the prefix `path[..dot]`, created on first use.
fn state_of<'a>(
    states: &mut HashMap<&'a str, u32>,
    builder: &mut Vec<FxHashMap<Box<[u8]>, Target>>,
    path: &'a str,
    dot: usize,
) -> u32 {
    *states.entry(&path[..dot]).or_insert_with(|| {
        builder.push(FxHashMap::default());
        (builder.len() - 1) as u32
    })
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
