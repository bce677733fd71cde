//! `wildcard`: globs where `*` matches any run of characters, `\*` is a
//! literal star and `\\` a literal backslash.
//!
//! Hand-written rather than taken from a glob crate: those give `?`, `[…]`
//! and other escapes meanings that EventBridge does not, and the
//! complexity check needs the glob's NFA, which they do not expose.

use std::collections::{HashSet, VecDeque};

use crate::error::ErrorKind;
use crate::sort;

/// A parsed glob.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Wildcard {
    pieces: Vec<Piece>,
    /// The literal runs between the stars, with their failure tables: the
    /// first must start the value, the last end it, and the others appear
    /// in order between. One run and no star: the value must equal it.
    runs: Vec<Run>,
}

/// A literal run of a glob and its Knuth–Morris–Pratt failure table.
#[derive(Clone, Debug, PartialEq)]
struct Run {
    chars: Vec<char>,
    fail: Vec<usize>,
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

/// How many distinct state sets the complexity search visits, at least,
/// before it settles for what it has seen; the budget grows with the
/// glob's length, so that the search stays linear in it.
const SEARCH_BUDGET: usize = 4096;

#[cfg(test)]
thread_local! {
    /// Characters compared by the matchers on this thread (tests only):
    /// the adversarial unit tests assert that it stays linear.
    pub(crate) static STEPS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Counts one comparison (in tests; nothing otherwise).
#[inline(always)]
pub(crate) fn count_step() {
    #[cfg(test)]
    STEPS.with(|steps| steps.set(steps.get() + 1));
}

/// The failure table of `needle` for [`find`]: `fail[i]` is the length of
/// the longest proper border of `needle[..=i]`.
pub(crate) fn failure<T: PartialEq>(needle: &[T]) -> Vec<usize> {
    let mut fail = vec![0; needle.len()];
    let mut k = 0;
    for i in 1..needle.len() {
        while k > 0 && needle[i] != needle[k] {
            k = fail[k - 1];
        }
        if needle[i] == needle[k] {
            k += 1;
        }
        fail[i] = k;
    }
    fail
}

/// Where `needle` first occurs in `haystack` (Knuth–Morris–Pratt, with
/// `fail` from [`failure`]): at most two comparisons per haystack item,
/// whatever the needle, where a naive search can take its length.
pub(crate) fn find<T: PartialEq>(haystack: &[T], needle: &[T], fail: &[usize]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    let mut k = 0;
    for (i, item) in haystack.iter().enumerate() {
        loop {
            count_step();
            if needle[k] == *item {
                k += 1;
                break;
            }
            if k == 0 {
                break;
            }
            k = fail[k - 1];
        }
        if k == needle.len() {
            return Some(i + 1 - k);
        }
    }
    None
}

/// Whether `a` equals `b`, counting the comparisons.
fn same<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            count_step();
            x == y
        })
}

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
        let runs = pieces
            .split(|piece| *piece == Piece::Star)
            .map(|run| {
                let chars: Vec<char> = run
                    .iter()
                    .map(|piece| match piece {
                        Piece::Char(c) => *c,
                        Piece::Star => '*',
                    })
                    .collect();
                Run { fail: failure(&chars), chars }
            })
            .collect();
        Ok(Wildcard { pieces, runs })
    }

    /// Whether the whole of `s` matches: the first run starts it, the last
    /// ends it, and each run between is found leftmost (which leaves the
    /// most room for the rest) after the one before. Linear in `s` and the
    /// glob, whatever either holds.
    pub fn matches(&self, s: &str) -> bool {
        let text: Vec<char> = s.chars().collect();
        let [first, middle @ .., last] = self.runs.as_slice() else {
            // No star: one run, the whole value.
            return self.runs.first().is_some_and(|run| same(&run.chars, &text));
        };
        let (head, tail) = (first.chars.len(), last.chars.len());
        if text.len() < head + tail
            || !same(&text[..head], &first.chars)
            || !same(&text[text.len() - tail..], &last.chars)
        {
            return false;
        }
        let mut rest = &text[head..text.len() - tail];
        for run in middle {
            match find(rest, &run.chars, &run.fail) {
                Some(at) => rest = &rest[at + run.chars.len()..],
                None => return false,
            }
        }
        true
    }

    /// The matcher this crate had first, kept as the tests' oracle: on a
    /// mismatch it retries from the most recent star, which is right but
    /// can cost the value's length times the glob's.
    #[cfg(test)]
    fn matches_by_backtracking(&self, s: &str) -> bool {
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
    /// once, found by exploring reachable state sets (within a budget that
    /// grows with the glob), or the first count over `cap` found: the
    /// search stops there. Each set is tried only with the characters its
    /// states expect, and one that none expects, so the work is about the
    /// budget times `cap` squared, whatever the glob's alphabet.
    pub fn complexity(&self, cap: usize) -> usize {
        let budget = SEARCH_BUDGET.max(4 * self.pieces.len());
        let start = self.closure(vec![0]);
        let mut largest = start.len();
        let mut seen = HashSet::from([start.clone()]);
        let mut queue = VecDeque::from([start]);
        while let Some(states) = queue.pop_front() {
            if largest > cap {
                break;
            }
            // `None` stands for every character no state expects.
            let mut alphabet: Vec<Option<char>> = states
                .iter()
                .filter_map(|&j| match self.pieces.get(j) {
                    Some(Piece::Char(c)) => Some(Some(*c)),
                    _ => None,
                })
                .collect();
            sort::sort_dedup(&mut alphabet);
            alphabet.push(None);
            for c in alphabet {
                let next = self.step(&states, c);
                largest = largest.max(next.len());
                if seen.len() < budget && seen.insert(next.clone()) {
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
        sort::sort_dedup(&mut states);
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

    /// Every glob over `a`, `b` and `*` up to six long against every
    /// string over `a` and `b` up to seven: the linear matcher agrees with
    /// the backtracking one it replaced.
    #[test]
    fn runs_agree_with_backtracking() {
        fn words(alphabet: &[char], up_to: usize) -> Vec<String> {
            let mut all = vec![String::new()];
            let mut last = vec![String::new()];
            for _ in 0..up_to {
                last = last
                    .iter()
                    .flat_map(|w| alphabet.iter().map(move |c| format!("{w}{c}")))
                    .collect();
                all.extend(last.iter().cloned());
            }
            all
        }
        let texts = words(&['a', 'b'], 7);
        for glob in words(&['a', 'b', '*'], 6).iter().filter_map(|g| Wildcard::parse(g).ok()) {
            for text in &texts {
                assert_eq!(
                    glob.matches(text),
                    glob.matches_by_backtracking(text),
                    "{glob:?} {text}"
                );
            }
        }
    }

    /// Adversarial globs (refused by the complexity check, but the matcher
    /// must not rely on it) against long values: at most two comparisons
    /// per character, where backtracking took the value's length times the
    /// piece's.
    #[test]
    fn matching_takes_linear_steps() {
        let steps = |glob: &str, text: &str| {
            let glob = Wildcard::parse(glob).unwrap();
            STEPS.with(|steps| steps.set(0));
            let matched = glob.matches(text);
            (matched, STEPS.with(std::cell::Cell::get))
        };
        let long = "a".repeat(100_000);
        let piece = "a".repeat(1000);
        for glob in
            [format!("*{piece}b*"), format!("a*{piece}b"), format!("*a*{piece}*b*"), "*b*".into()]
        {
            let (matched, count) = steps(&glob, &long);
            assert!(!matched);
            assert!(count <= 2 * (long.len() + glob.len()) as u64, "{count} steps for {glob}");
        }
        let stars = "*".repeat(100_000);
        let (matched, count) = steps(r"*\**x", &stars);
        assert!(!matched && count <= 2 * stars.len() as u64 + 10, "{count}");
        let (matched, count) = steps(&format!("*{piece}"), &long);
        assert!(matched && count <= 2000, "{count}: the ends are compared, not searched");
    }

    #[test]
    fn the_complexity_search_stops_over_the_cap() {
        // A glob of 20,000 stars between letters: the first count over
        // the cap ends the search.
        let glob: String = "ab".chars().cycle().take(20_000).flat_map(|c| [c, '*']).collect();
        let complexity = glob_of(&glob).complexity(MAX_ACTIVE_STATES);
        assert!(complexity > MAX_ACTIVE_STATES && complexity < 2 * MAX_ACTIVE_STATES);
    }

    fn glob_of(s: &str) -> Wildcard {
        Wildcard::parse(s).unwrap()
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
        assert_eq!(glob("*:*:*:*:*:event-bus/*").complexity(usize::MAX), 13);
        assert_eq!(glob("/Users/*/dir/dir/dir/dir/dir/doc.txt").complexity(usize::MAX), 8);
        assert_eq!(glob("*/dir/*").complexity(usize::MAX), 5);
        assert_eq!(glob("no-stars").complexity(usize::MAX), 1);
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
                glob(accepted).complexity(usize::MAX) <= MAX_ACTIVE_STATES,
                "{accepted}: {}",
                glob(accepted).complexity(usize::MAX)
            );
        }
        let refused = glob("*:*:*:*:*:event-bus/*");
        assert!(
            refused.complexity(usize::MAX) > MAX_ACTIVE_STATES,
            "{}",
            refused.complexity(usize::MAX)
        );
    }
}
