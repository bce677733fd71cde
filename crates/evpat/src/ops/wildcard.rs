//! `wildcard`: globs where `*` matches any run of characters, `\*` is a
//! literal star and `\\` a literal backslash.
//!
//! Hand-written rather than taken from a glob crate: those give `?`, `[…]`
//! and other escapes meanings that EventBridge does not, and the
//! complexity check needs the glob's NFA, which they do not expose.

use std::collections::{HashSet, VecDeque};

use crate::error::ErrorKind;

/// A parsed glob.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Wildcard {
    pieces: Vec<Piece>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Piece {
    Char(char),
    Star,
}

/// Why a glob is not valid: AWS's kind and reason, and the byte offset in
/// the decoded string that it is about.
///
/// The `pos` in AWS's reason counts from the opening quote, because
/// event-ruler checks the string with its quotes: for two stars it is the
/// first star's quoted index (the second star's unquoted one, as AWS's
/// recorded `pos 26` shows), and for a bad escape the backslash's index
/// plus one.
pub(crate) type WildcardError = (ErrorKind, String, usize);

/// The most NFA states one input may keep active at once before a glob
/// counts as too complex. This mirrors event-ruler's
/// `MachineComplexityEvaluator` (the most states one input can make
/// concurrently active), whose README suggests a cap of 10. It is an
/// approximation, documented as one: AWS does not publish its threshold,
/// and our NFA is not event-ruler's byte machine. It separates AWS's
/// recorded examples: `*:*:*:*:*:event-bus/*` (13 states) is refused, and
/// `/Users/*/dir/dir/dir/dir/dir/doc.txt` (8) and `*/dir/*` (5) are
/// accepted.
pub(crate) const MAX_ACTIVE_STATES: usize = 10;

/// How many distinct state sets the complexity search visits before it
/// settles for what it has seen, so that checking stays fast.
const SEARCH_BUDGET: usize = 4096;

impl Wildcard {
    /// Parses a glob, refusing consecutive stars and unknown escapes with
    /// AWS's messages. Positions are byte offsets into `text`.
    pub fn parse(text: &str) -> Result<Wildcard, WildcardError> {
        let mut pieces = Vec::with_capacity(text.len());
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            match c {
                '*' => {
                    if pieces.last() == Some(&Piece::Star) {
                        return Err((
                            ErrorKind::WildcardConsecutive,
                            format!("Consecutive wildcard characters at pos {i}"),
                            i,
                        ));
                    }
                    pieces.push(Piece::Star);
                }
                '\\' => match chars.next() {
                    Some((_, escaped @ ('*' | '\\'))) => pieces.push(Piece::Char(escaped)),
                    _ => {
                        return Err((
                            ErrorKind::WildcardEscape,
                            format!("Invalid escape character at pos {}", i + 1),
                            i,
                        ));
                    }
                },
                c => pieces.push(Piece::Char(c)),
            }
        }
        Ok(Wildcard { pieces })
    }

    /// Whether the whole of `s` matches. Linear in practice: on a
    /// mismatch it retries only from the most recent star.
    pub fn matches(&self, s: &str) -> bool {
        let text: Vec<char> = s.chars().collect();
        let (mut p, mut t) = (0, 0);
        let mut retry: Option<(usize, usize)> = None;
        while t < text.len() {
            match self.pieces.get(p) {
                Some(Piece::Star) => {
                    retry = Some((p, t));
                    p += 1;
                }
                Some(Piece::Char(c)) if *c == text[t] => {
                    p += 1;
                    t += 1;
                }
                _ => match retry {
                    Some((star, from)) => {
                        p = star + 1;
                        t = from + 1;
                        retry = Some((star, from + 1));
                    }
                    None => return false,
                },
            }
        }
        self.pieces[p..].iter().all(|piece| *piece == Piece::Star)
    }

    /// The largest number of NFA states that one input keeps active at
    /// once, found by exploring reachable state sets (within a budget).
    pub fn complexity(&self) -> usize {
        let mut alphabet: Vec<Option<char>> = self
            .pieces
            .iter()
            .filter_map(|piece| match piece {
                Piece::Char(c) => Some(Some(*c)),
                Piece::Star => None,
            })
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        // `None` stands for every character the glob does not mention.
        alphabet.push(None);
        let start = self.closure(vec![0]);
        let mut largest = start.len();
        let mut seen = HashSet::from([start.clone()]);
        let mut queue = VecDeque::from([start]);
        while let Some(states) = queue.pop_front() {
            for &c in &alphabet {
                let next = self.step(&states, c);
                largest = largest.max(next.len());
                if seen.len() < SEARCH_BUDGET && seen.insert(next.clone()) {
                    queue.push_back(next);
                }
            }
        }
        largest
    }

    fn step(&self, states: &[usize], c: Option<char>) -> Vec<usize> {
        let mut next = Vec::new();
        for &j in states {
            match self.pieces.get(j) {
                Some(Piece::Star) => next.push(j),
                Some(Piece::Char(p)) if Some(*p) == c => next.push(j + 1),
                _ => {}
            }
        }
        self.closure(next)
    }

    /// Adds the states reachable by letting stars match nothing.
    fn closure(&self, mut states: Vec<usize>) -> Vec<usize> {
        let mut i = 0;
        while i < states.len() {
            if self.pieces.get(states[i]) == Some(&Piece::Star) {
                states.push(states[i] + 1);
            }
            i += 1;
        }
        states.sort_unstable();
        states.dedup();
        states
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glob(s: &str) -> Wildcard {
        Wildcard::parse(s).unwrap()
    }

    #[test]
    fn stars_match_any_run() {
        assert!(glob("*/dir/*").matches("/a/dir/b"));
        assert!(glob("*/dir/*").matches("/dir/"));
        assert!(!glob("*/dir/*").matches("/a/dor/b"));
        assert!(
            glob("arn:aws:events:us-east-1:*:event-bus/*")
                .matches("arn:aws:events:us-east-1:123456789012:event-bus/default")
        );
        assert!(glob("a*b*c").matches("abc") && glob("a*b*c").matches("aXbYbZc"));
        assert!(!glob("a*b*c").matches("acb"));
        assert!(glob("").matches("") && !glob("").matches("x"));
        assert!(glob("*").matches("") && glob("*").matches("anything"));
        assert!(glob("é*ü").matches("éaüü"));
    }

    #[test]
    fn escapes_are_literal() {
        assert!(glob(r"a\*b").matches("a*b") && !glob(r"a\*b").matches("aXb"));
        assert!(glob(r"a\\*").matches(r"a\xyz"));
        assert!(!glob(r"a\\*").matches("axyz"));
    }

    #[test]
    fn aws_reasons() {
        let err = |s: &str| Wildcard::parse(s).unwrap_err().1;
        assert_eq!(
            err("arn:aws:events:us-east-1:**:event-bus/*"),
            "Consecutive wildcard characters at pos 26"
        );
        assert_eq!(err(r"a\nb"), "Invalid escape character at pos 2");
        assert_eq!(err("ab\\"), "Invalid escape character at pos 3");
        assert!(Wildcard::parse(r"\**").is_ok());
    }

    #[test]
    fn complexity_counts_concurrently_active_states() {
        assert_eq!(glob("*:*:*:*:*:event-bus/*").complexity(), 13);
        assert_eq!(glob("/Users/*/dir/dir/dir/dir/dir/doc.txt").complexity(), 8);
        assert_eq!(glob("*/dir/*").complexity(), 5);
        assert_eq!(glob("no-stars").complexity(), 1);
    }

    #[test]
    fn complexity_separates_the_recorded_examples() {
        for accepted in [
            "*/dir/*",
            "/Users/*/dir/dir/dir/dir/dir/doc.txt",
            "arn:aws:events:us-east-1:*:event-bus/*",
            "/Users/*/doc.txt",
        ] {
            assert!(
                glob(accepted).complexity() <= MAX_ACTIVE_STATES,
                "{accepted}: {}",
                glob(accepted).complexity()
            );
        }
        let refused = glob("*:*:*:*:*:event-bus/*");
        assert!(refused.complexity() > MAX_ACTIVE_STATES, "{}", refused.complexity());
    }
}
