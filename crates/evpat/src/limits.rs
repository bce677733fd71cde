//! The limits that keep hostile input from crashing or hanging anything.

/// How large and how deep patterns and events may be.
///
/// | limit | [`Limits::AWS`] | [`Limits::default`] (library) | why |
/// |---|---|---|---|
/// | `max_pattern_chars` | 4096 | 65,536 | AWS's `EventPattern` length limit on PutRule and TestEventPattern |
/// | `max_pattern_depth` | 128 | 128 | nesting of objects and arrays; reading is iterative, later stages recurse |
/// | `max_event_bytes` | 1 MiB | 16 MiB | AWS's event size limit |
/// | `max_event_depth` | 1000 | 1000 | Jackson's default nesting limit, which AWS's parser applies |
/// | `max_combinations` | 1000 | 1000 | AWS's limit on `$or` combinations |
///
/// Wildcard complexity has its own fixed limit (see
/// [`crate::ErrorKind::WildcardTooComplex`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The longest pattern, in characters.
    pub max_pattern_chars: usize,
    /// The deepest nesting of a pattern; the root object is depth 1.
    pub max_pattern_depth: usize,
    /// The largest event, in bytes of UTF-8.
    pub max_event_bytes: usize,
    /// The deepest nesting of an event; the root object is depth 1.
    pub max_event_depth: usize,
    /// The most branches `$or` may expand a pattern into.
    pub max_combinations: usize,
}

impl Limits {
    /// The limits AWS's TestEventPattern applies.
    pub const AWS: Limits = Limits {
        max_pattern_chars: 4096,
        max_pattern_depth: 128,
        max_event_bytes: 1024 * 1024,
        max_event_depth: 1000,
        max_combinations: 1000,
    };
}

impl Default for Limits {
    /// Roomier sizes for library use; the same depths and `$or` limit.
    fn default() -> Limits {
        Limits { max_pattern_chars: 64 * 1024, max_event_bytes: 16 * 1024 * 1024, ..Limits::AWS }
    }
}
