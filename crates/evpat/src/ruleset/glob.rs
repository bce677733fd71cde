//! Wildcards as the rule set's index keeps them: split at the stars into
//! literal pieces, so that the index can file a glob under its literal
//! head (or tail) and test only the globs whose head the value has.
//!
//! The reference matcher's [`Wildcard`](crate::ops::wildcard::Wildcard)
//! matches characters and collects the value into a `Vec<char>` per test;
//! here the pieces are matched as bytes, without allocating. That is the
//! same answer: a literal piece is whole UTF-8 characters, and UTF-8 lets a
//! sequence of whole characters match only at character boundaries. The
//! differential test compares the two.

use crate::ops::wildcard::{failure, find};

/// A glob: `pieces[0]` must start the value, the last piece must end it,
/// and the others must appear in order between; stars sit between pieces.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Glob {
    pieces: Vec<Vec<u8>>,
    /// Each piece's failure table, for a search linear in the value.
    fails: Vec<Vec<usize>>,
}

impl Glob {
    /// Reads a wildcard operand: `*` is a star, `\*` a literal star, `\\`
    /// a literal backslash (the validator refused any other escape, and
    /// consecutive stars).
    pub fn parse(text: &str) -> Glob {
        let mut pieces = vec![Vec::new()];
        let mut bytes = text.bytes();
        while let Some(b) = bytes.next() {
            match b {
                b'*' => pieces.push(Vec::new()),
                b'\\' => {
                    if let (Some(escaped), Some(piece)) = (bytes.next(), pieces.last_mut()) {
                        piece.push(escaped);
                    }
                }
                b => {
                    if let Some(piece) = pieces.last_mut() {
                        piece.push(b);
                    }
                }
            }
        }
        let fails = pieces.iter().map(|piece| failure(piece)).collect();
        Glob { pieces, fails }
    }

    /// The literal text a match must start with.
    pub fn head(&self) -> &[u8] {
        self.pieces.first().map_or(&[], Vec::as_slice)
    }

    /// The literal text a match must end with (all of it, without stars).
    pub fn tail(&self) -> &[u8] {
        if self.pieces.len() < 2 { &[] } else { self.pieces.last().map_or(&[], Vec::as_slice) }
    }

    /// Whether the whole of `s` matches.
    pub fn matches(&self, s: &[u8]) -> bool {
        let [first, middle @ .., last] = self.pieces.as_slice() else {
            // One piece: no star.
            return self.pieces.first().is_some_and(|p| same(p, s));
        };
        // The ends first: they reject most values at once.
        if s.len() < first.len() + last.len()
            || !same(&s[s.len() - last.len()..], last)
            || !same(&s[..first.len()], first)
        {
            return false;
        }
        let mut rest = &s[first.len()..s.len() - last.len()];
        for (piece, fail) in middle.iter().zip(&self.fails[1..]) {
            // The leftmost occurrence leaves the most room for the rest.
            match find(rest, piece, fail) {
                Some(at) => rest = &rest[at + piece.len()..],
                None => return false,
            }
        }
        true
    }
}

/// Byte-slice equality without a call to `memcmp`, which costs more than
/// the comparison for the short pieces of globs and keys.
#[inline(always)]
pub(crate) fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glob(s: &str) -> Glob {
        Glob::parse(s)
    }

    #[test]
    fn stars_match_any_run() {
        assert!(glob("*/dir/*").matches(b"/a/dir/b") && glob("*/dir/*").matches(b"/dir/"));
        assert!(!glob("*/dir/*").matches(b"/a/dor/b"));
        assert!(glob("a*b*c").matches(b"abc") && glob("a*b*c").matches(b"aXbYbZc"));
        assert!(!glob("a*b*c").matches(b"acb") && !glob("ab*ba").matches(b"aba"));
        assert!(glob("").matches(b"") && !glob("").matches(b"x"));
        assert!(glob("*").matches(b"") && glob("*").matches(b"anything"));
        assert!(glob("é*ü").matches("éaüü".as_bytes()));
        assert!(glob(r"a\*b").matches(b"a*b") && !glob(r"a\*b").matches(b"aXb"));
        assert!(glob(r"a\\*").matches(br"a\xyz") && !glob(r"a\\*").matches(b"axyz"));
    }

    /// A self-overlapping middle piece against a long value: at most two
    /// comparisons per byte (the naive search took the piece's length).
    #[test]
    fn matching_takes_linear_steps() {
        use crate::ops::wildcard::STEPS;
        let piece = "a".repeat(1000);
        let glob = glob(&format!("x*{piece}b*y"));
        let value = format!("x{}y", "a".repeat(100_000));
        STEPS.with(|steps| steps.set(0));
        assert!(!glob.matches(value.as_bytes()));
        let steps = STEPS.with(std::cell::Cell::get);
        assert!(steps <= 2 * value.len() as u64, "{steps} steps");
    }

    #[test]
    fn head_and_tail_are_the_literal_ends() {
        assert_eq!((glob("2*0*1*7").head(), glob("2*0*1*7").tail()), (&b"2"[..], &b"7"[..]));
        assert_eq!((glob("*218").head(), glob("*218").tail()), (&b""[..], &b"218"[..]));
        assert_eq!((glob("abc").head(), glob("abc").tail()), (&b"abc"[..], &b""[..]));
    }
}
