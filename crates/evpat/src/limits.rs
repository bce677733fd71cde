//! The limits that keep hostile input from crashing or hanging anything.

/// How large and how deep patterns and events may be, how many `$or`
/// combinations a pattern may expand into, and how many rules a
/// [`RuleSet`](crate::RuleSet) may hold.
///
/// The crate documentation's **Limits** section is the table of every
/// limit: its value in [`Limits::AWS`] and [`Limits::default`], where it
/// is enforced and the error past it. In short:
///
/// | limit | [`Limits::AWS`] | [`Limits::default`] (library) |
/// |---|---|---|
/// | `max_pattern_chars` | 4096 | 65,536 |
/// | `max_pattern_depth` | 128 | 128 |
/// | `max_event_bytes` | 1 MiB (1,048,576) | 16 MiB |
/// | `max_event_depth` | 1000 | 1000 |
/// | `max_combinations` | 1000 | 1000 |
/// | `max_rules` | 100,000 | 100,000 |
///
/// Wildcard complexity has its own fixed limit, 10 concurrently active
/// matcher states (see [`crate::ErrorKind::WildcardTooComplex`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The longest pattern, in characters: AWS's `EventPattern` length
    /// limit on PutRule and TestEventPattern is 4096.
    pub max_pattern_chars: usize,
    /// The deepest nesting of a pattern; the root object is depth 1.
    /// Reading is iterative, but the stages after it recurse.
    pub max_pattern_depth: usize,
    /// The largest event, in bytes of UTF-8: AWS's limit is 1 MiB.
    pub max_event_bytes: usize,
    /// The deepest nesting of an event; the root object is depth 1.
    /// Jackson's default nesting limit, which AWS's parser applies.
    pub max_event_depth: usize,
    /// The most branches `$or` may expand a pattern into (AWS's limit).
    pub max_combinations: usize,
    /// The most rules a [`RuleSet`](crate::RuleSet) may hold. A set's
    /// memory grows linearly with its rules: each keeps its pattern (text,
    /// tree and `$or` branches) and files each branch in one index, so the
    /// limit, with the pattern size and `$or` limits, bounds it. AWS's own
    /// quota is 300 rules per event bus by default (adjustable), which is
    /// not applied.
    pub max_rules: usize,
}

impl Limits {
    /// The limits AWS's TestEventPattern applies (and the library's
    /// limit on rules in a set).
    pub const AWS: Limits = Limits {
        max_pattern_chars: 4096,
        max_pattern_depth: 128,
        max_event_bytes: 1024 * 1024,
        max_event_depth: 1000,
        max_combinations: 1000,
        max_rules: 100_000,
    };
}

impl Default for Limits {
    /// Roomier sizes for library use; the same depths, `$or` and rule
    /// limits.
    fn default() -> Limits {
        Limits { max_pattern_chars: 64 * 1024, max_event_bytes: 16 * 1024 * 1024, ..Limits::AWS }
    }
}
