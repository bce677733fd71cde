//! The one error type for everything that can be wrong with a pattern or
//! an event, and the catalogue of reasons.

use std::fmt;

use crate::json::{Span, SyntaxError, SyntaxErrorKind};

/// An error in an event pattern or an event.
///
/// `reason()` is AWS's reason text word for word where AWS has one; the
/// rest (span, JSON path, line, column, hint) is ours, because AWS only
/// echoes Jackson's parser position. It is boxed, as serde_json's is, so
/// that `Result<Pattern, Error>` stays one pointer wide.
#[derive(Clone, PartialEq, Eq)]
pub struct Error(Box<Inner>);

#[derive(Clone, PartialEq, Eq)]
struct Inner {
    kind: ErrorKind,
    subject: Subject,
    reason: String,
    span: Span,
    path: String,
    line: usize,
    column: usize,
    hint: Option<String>,
}

/// Which input an [`Error`] is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Subject {
    /// The event pattern.
    Pattern,
    /// The event.
    Event,
}

/// What kind of mistake an [`Error`] reports. Each variant's documentation
/// gives an input that causes it and the reason text it carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Malformed JSON: `{'bad': 1}` gives Jackson's
    /// `Unexpected character (''' (code 39)): was expecting double-quote to start field name`.
    Syntax,
    /// Nesting deeper than [`crate::Limits::max_pattern_depth`] or
    /// [`crate::Limits::max_event_depth`]: `Document nesting depth (129)
    /// exceeds the maximum allowed (128, …)` (Jackson's text).
    TooDeep,
    /// A pattern longer than [`crate::Limits::max_pattern_chars`]
    /// (our text: `Event pattern is too long: 4097 characters, more than
    /// the 4096 allowed`).
    TooLong,
    /// The pattern is not a JSON object: `["a"]` gives `Filter is not an object`.
    FilterNotObject,
    /// A leaf that is not an array: `{"int": 42}` gives
    /// `"int" must be an object or an array`.
    LeafNotArray,
    /// `{"resources": []}` gives `Empty arrays are not allowed`.
    EmptyArray,
    /// `{"detail": {}}` gives `Empty objects are not allowed`; an empty
    /// filter object, `[{}]`, gives `Match expression name not found`.
    EmptyObject,
    /// `[{"prefix": "a", "suffix": "b"}]` gives
    /// `Only one key allowed in match expression` (after `numeric` or
    /// `anything-but`, event-ruler says `Too many elements in numeric
    /// expression`).
    OnlyOneKey,
    /// `{"a": [[1]]}` gives `Match value must be String, number, true, false, or null`.
    InvalidMatchValue,
    /// `[{"NUMERIC": ["=", 5]}]` gives `Unrecognized match type NUMERIC`.
    UnknownOperator,
    /// `[{"prefix": 123}]` gives `prefix match pattern must be a string`
    /// (likewise `suffix`, `equals-ignore-case`, `wildcard`, and
    /// `prefix/suffix` inside `anything-but`; a non-string `cidr` also
    /// gives the `prefix` text, as AWS does).
    OperandNotString,
    /// `[{"anything-but": null}]` gives `Value of anything-but must be an
    /// array or single string/number value.` (`{}` gives `Anything-But
    /// expression name not found`, and an unknown key `Unsupported
    /// anything-but pattern: KEY`).
    AnythingButShape,
    /// `[{"anything-but": ["a", null]}]` gives
    /// `Inside anything but list, start|null|boolean is not supported.`
    AnythingButListType,
    /// `[{"anything-but": {"equals-ignore-case": 1}}]` gives `Inside
    /// anything-but/equals-ignore-case list, number|start|null|boolean is not supported.`
    AnythingButIgnoreCaseListType,
    /// `[{"anything-but": {"prefix": ""}}]` gives `Null prefix/suffix not allowed`.
    EmptyPrefixSuffix,
    /// `[{"numeric": 10}]` gives `Value of numeric must be an array.`
    NumericNotArray,
    /// `[{"numeric": [">", 0, ">", 5]}]` gives `Bad numeric range operator: >`;
    /// an unknown first operator gives `Unrecognized numeric range operator: X`.
    NumericOperator,
    /// `[{"numeric": [">", 0, "<"]}]` gives `Value of < must be numeric`.
    NumericValue,
    /// `[{"numeric": ["=", 5, 6]}]` gives `Too many elements in numeric
    /// expression`; `[">", 0, "<", 5, 6]` gives `Too many terms in numeric
    /// range expression`.
    NumericTooLong,
    /// `[{"numeric": ["=", 9007199254740993]}]` gives
    /// `Cannot compare number 9007199254740993`: the number is not exactly
    /// a double.
    NumberNotComparable,
    /// `[{"exists": "yes"}]` gives `exists match pattern must be either true or false.`
    ExistsNotBoolean,
    /// `[{"cidr": "10.0.0.0"}]` gives `Malformed CIDR, one '/' required`.
    CidrMalformed,
    /// `[{"cidr": "xx.11.xx/8"}]` gives `Nonstandard IP address: xx.11.xx`;
    /// `300.1.1.1/8` gives `Invalid IP address: 300.1.1.1`.
    CidrAddress,
    /// `[{"cidr": "10.0.0.1/32"}]` gives `IPv4 mask bits must be < 32`.
    CidrMask,
    /// `[{"wildcard": "a**b"}]` gives `Consecutive wildcard characters at pos 2`.
    WildcardConsecutive,
    /// `[{"wildcard": "a\\nb"}]` gives `Invalid escape character at pos 2`.
    WildcardEscape,
    /// `[{"wildcard": "*:*:*:*:*:*:*:x"}]` gives `Rule is too complex - try
    /// using fewer wildcard characters or fewer repeating character
    /// sequences after a wildcard character`.
    WildcardTooComplex,
    /// `{"$or": {"a": [1]}}` gives `It must be an Array followed with $or.`
    OrNotArray,
    /// `{"$or": [{"a": [1]}]}` gives
    /// `There must have at least 2 Objects in $or relationship.`
    OrTooFewBranches,
    /// `{"$or": [{"prefix": [1]}, {"b": [2]}]}` gives
    /// `prefix is Ruler reserved fieldName which cannot be used inside $or.`
    OrReservedField,
    /// More than [`crate::Limits::max_combinations`] `$or` combinations
    /// (our text: `The pattern has 1331 $or combinations, more than the
    /// 1000 allowed`).
    TooManyCombinations,
    /// The event is JSON but not an object.
    EventNotObject,
    /// The event lacks a field TestEventPattern requires (`id`, `account`,
    /// `source`, `time`, `region` or `detail-type`).
    EventEnvelope,
    /// The event is larger than [`crate::Limits::max_event_bytes`].
    EventTooLarge,
    /// Matching could not decide array consistency within
    /// [`crate::MAX_ARRAY_CHOICES`]: the event spells one field both with a
    /// dotted key and nested (`"a.b"` beside `"a": [{"b": …}]`), so its
    /// values sit in sibling arrays, and the choices between them multiply
    /// past the limit. Our text names the field and the count.
    TooManyArrayChoices,
}

impl ErrorKind {
    /// Every kind, in declaration order.
    pub const ALL: &'static [ErrorKind] = &[
        ErrorKind::Syntax,
        ErrorKind::TooDeep,
        ErrorKind::TooLong,
        ErrorKind::FilterNotObject,
        ErrorKind::LeafNotArray,
        ErrorKind::EmptyArray,
        ErrorKind::EmptyObject,
        ErrorKind::OnlyOneKey,
        ErrorKind::InvalidMatchValue,
        ErrorKind::UnknownOperator,
        ErrorKind::OperandNotString,
        ErrorKind::AnythingButShape,
        ErrorKind::AnythingButListType,
        ErrorKind::AnythingButIgnoreCaseListType,
        ErrorKind::EmptyPrefixSuffix,
        ErrorKind::NumericNotArray,
        ErrorKind::NumericOperator,
        ErrorKind::NumericValue,
        ErrorKind::NumericTooLong,
        ErrorKind::NumberNotComparable,
        ErrorKind::ExistsNotBoolean,
        ErrorKind::CidrMalformed,
        ErrorKind::CidrAddress,
        ErrorKind::CidrMask,
        ErrorKind::WildcardConsecutive,
        ErrorKind::WildcardEscape,
        ErrorKind::WildcardTooComplex,
        ErrorKind::OrNotArray,
        ErrorKind::OrTooFewBranches,
        ErrorKind::OrReservedField,
        ErrorKind::TooManyCombinations,
        ErrorKind::EventNotObject,
        ErrorKind::EventEnvelope,
        ErrorKind::EventTooLarge,
        ErrorKind::TooManyArrayChoices,
    ];
}

impl Error {
    /// Builds an error about `text`, placing it at `span`.
    pub(crate) fn new(
        subject: Subject,
        kind: ErrorKind,
        reason: impl Into<String>,
        text: &str,
        span: Span,
        path: &str,
    ) -> Error {
        let (line, column) = line_column(text, span.start);
        Error(Box::new(Inner {
            kind,
            subject,
            reason: reason.into(),
            span,
            path: path.to_owned(),
            line,
            column,
            hint: default_hint(kind).map(str::to_owned),
        }))
    }

    /// The error for JSON that could not be read.
    pub(crate) fn syntax(subject: Subject, text: &str, err: SyntaxError) -> Error {
        let kind = match err.kind {
            SyntaxErrorKind::Syntax => ErrorKind::Syntax,
            SyntaxErrorKind::TooDeep => ErrorKind::TooDeep,
        };
        Error::new(subject, kind, err.message, text, err.span, "$")
    }

    /// Replaces the hint.
    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> Error {
        self.0.hint = Some(hint.into());
        self
    }

    /// What kind of mistake this is.
    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }

    /// Whether the pattern or the event is at fault.
    pub fn subject(&self) -> Subject {
        self.0.subject
    }

    /// AWS's reason text, word for word where AWS has one: what follows
    /// `Event pattern is not valid. Reason: ` in AWS's message.
    pub fn reason(&self) -> &str {
        &self.0.reason
    }

    /// The byte range of the offending text. Errors inside a string, such
    /// as a wildcard's, point at the offending characters themselves, with
    /// escapes accounted for.
    pub fn span(&self) -> Span {
        self.0.span
    }

    /// The JSON path of the offending value, such as `$.detail.state[0].prefix`.
    pub fn path(&self) -> &str {
        &self.0.path
    }

    /// The 1-based line of the span's start.
    pub fn line(&self) -> usize {
        self.0.line
    }

    /// The 1-based column of the span's start, counted in characters.
    pub fn column(&self) -> usize {
        self.0.column
    }

    /// One line on how to fix it, when there is one.
    pub fn hint(&self) -> Option<&str> {
        self.0.hint.as_deref()
    }
}

/// AWS's message: `Event pattern is not valid. Reason: <reason>` for a
/// pattern, and `Parameter Event is not valid.` for an event. Jackson's
/// `at [Source: …]` suffix is never reproduced: see [`Error::span`],
/// [`Error::line`], [`Error::column`] and [`Error::path`] instead.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.subject {
            Subject::Pattern => write!(f, "Event pattern is not valid. Reason: {}", self.0.reason),
            Subject::Event => f.write_str("Parameter Event is not valid."),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.0.kind)
            .field("subject", &self.0.subject)
            .field("reason", &self.0.reason)
            .field("span", &(self.0.span.start..self.0.span.end))
            .field("path", &self.0.path)
            .field("line", &self.0.line)
            .field("column", &self.0.column)
            .finish()
    }
}

impl std::error::Error for Error {}

/// The 1-based line and character column of byte `offset` in `text`, as
/// errors report them; for placing lints and other spans the same way.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    (line, before[line_start..].chars().count() + 1)
}

fn default_hint(kind: ErrorKind) -> Option<&'static str> {
    Some(match kind {
        ErrorKind::Syntax => {
            "the pattern must be valid JSON: double-quoted keys and strings, no trailing commas"
        }
        ErrorKind::TooDeep => "flatten the nesting, for example with dotted keys such as \"a.b.c\"",
        ErrorKind::TooLong => {
            "shorten the pattern: AWS allows 4096 characters (2048 by default quota)"
        }
        ErrorKind::FilterNotObject => {
            "an event pattern is a JSON object, such as {\"source\": [\"aws.ec2\"]}"
        }
        ErrorKind::LeafNotArray => "put the value in an array, as in [\"value\"]",
        ErrorKind::EmptyArray => "list at least one value, or remove the field",
        ErrorKind::EmptyObject => "give the object at least one field, or remove it",
        ErrorKind::OnlyOneKey => {
            "give each filter its own object: [{\"prefix\": \"a\"}, {\"suffix\": \"b\"}]"
        }
        ErrorKind::InvalidMatchValue => {
            "list plain values, or filter objects such as {\"prefix\": \"a\"}"
        }
        ErrorKind::UnknownOperator => {
            "operators are lowercase: prefix, suffix, equals-ignore-case, anything-but, numeric, cidr, exists, wildcard"
        }
        ErrorKind::OperandNotString => {
            "give a single string; to allow several, use one filter object per string"
        }
        ErrorKind::AnythingButShape => {
            "use a string, a number, a list of them, or one of prefix, suffix, equals-ignore-case, wildcard"
        }
        ErrorKind::AnythingButListType => "list only strings, or only numbers",
        ErrorKind::AnythingButIgnoreCaseListType => "list only strings",
        ErrorKind::EmptyPrefixSuffix => {
            "an empty prefix or suffix excludes every string; remove it"
        }
        ErrorKind::NumericNotArray => {
            "write the comparison as a list, such as [\">\", 0, \"<=\", 5]"
        }
        ErrorKind::NumericOperator => {
            "use one of <, <=, =, >=, > ; a range is [\">\" or \">=\", low, \"<\" or \"<=\", high]"
        }
        ErrorKind::NumericValue => "follow each operator with a JSON number, not a string",
        ErrorKind::NumericTooLong => {
            "a numeric filter has one comparison or a lower and an upper bound"
        }
        ErrorKind::NumberNotComparable => {
            "use a number a 64-bit double holds exactly, for example with fewer digits"
        }
        ErrorKind::ExistsNotBoolean => "write {\"exists\": true} or {\"exists\": false}",
        ErrorKind::CidrMalformed => "write an address and a prefix length, such as \"10.0.0.0/24\"",
        ErrorKind::CidrAddress => "write a plain IPv4 or IPv6 address before the /",
        ErrorKind::CidrMask => "to match one address, match it as a plain string instead",
        ErrorKind::WildcardConsecutive => "one * already matches any run of characters",
        ErrorKind::WildcardEscape => {
            "only \\* (a literal star) and \\\\ (a literal backslash) are escapes; in JSON write them as \"\\\\*\" and \"\\\\\\\\\""
        }
        ErrorKind::WildcardTooComplex => {
            "use fewer wildcards, or fewer repeated characters after a wildcard"
        }
        ErrorKind::OrNotArray => "write \"$or\": [{...}, {...}]",
        ErrorKind::OrTooFewBranches => "give $or at least two objects, or drop the $or",
        ErrorKind::OrReservedField => "rename the field, or move it out of the $or",
        ErrorKind::TooManyCombinations => {
            "split the rule into several rules, or use fewer $or alternatives"
        }
        ErrorKind::EventNotObject => {
            "an event is a JSON object, such as {\"source\": \"aws.ec2\", …}"
        }
        ErrorKind::EventEnvelope => {
            "TestEventPattern needs id, account, source, time, region and detail-type"
        }
        ErrorKind::EventTooLarge => "an event may be at most 1 MB",
        ErrorKind::TooManyArrayChoices => {
            "spell each field one way in the event: nested objects, or dotted keys, not both"
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        assert_eq!(line_column("abc", 0), (1, 1));
        assert_eq!(line_column("a\nbc", 3), (2, 2));
        assert_eq!(line_column("é\né x", 5), (2, 2));
        assert_eq!(line_column("ab", 99), (1, 3));
    }

    /// The exhaustive match fails to compile when a kind is added, and the
    /// assertions fail until [`ErrorKind::ALL`] lists it.
    #[test]
    fn all_lists_every_kind_once() {
        fn index(kind: ErrorKind) -> usize {
            match kind {
                ErrorKind::Syntax => 0,
                ErrorKind::TooDeep => 1,
                ErrorKind::TooLong => 2,
                ErrorKind::FilterNotObject => 3,
                ErrorKind::LeafNotArray => 4,
                ErrorKind::EmptyArray => 5,
                ErrorKind::EmptyObject => 6,
                ErrorKind::OnlyOneKey => 7,
                ErrorKind::InvalidMatchValue => 8,
                ErrorKind::UnknownOperator => 9,
                ErrorKind::OperandNotString => 10,
                ErrorKind::AnythingButShape => 11,
                ErrorKind::AnythingButListType => 12,
                ErrorKind::AnythingButIgnoreCaseListType => 13,
                ErrorKind::EmptyPrefixSuffix => 14,
                ErrorKind::NumericNotArray => 15,
                ErrorKind::NumericOperator => 16,
                ErrorKind::NumericValue => 17,
                ErrorKind::NumericTooLong => 18,
                ErrorKind::NumberNotComparable => 19,
                ErrorKind::ExistsNotBoolean => 20,
                ErrorKind::CidrMalformed => 21,
                ErrorKind::CidrAddress => 22,
                ErrorKind::CidrMask => 23,
                ErrorKind::WildcardConsecutive => 24,
                ErrorKind::WildcardEscape => 25,
                ErrorKind::WildcardTooComplex => 26,
                ErrorKind::OrNotArray => 27,
                ErrorKind::OrTooFewBranches => 28,
                ErrorKind::OrReservedField => 29,
                ErrorKind::TooManyCombinations => 30,
                ErrorKind::EventNotObject => 31,
                ErrorKind::EventEnvelope => 32,
                ErrorKind::EventTooLarge => 33,
                ErrorKind::TooManyArrayChoices => 34,
            }
        }
        for (i, kind) in ErrorKind::ALL.iter().enumerate() {
            assert_eq!(index(*kind), i, "{kind:?}");
        }
        assert_eq!(ErrorKind::ALL.len(), 35);
    }

    #[test]
    fn display_is_aws_message() {
        let pattern = "{\"int\": 42}";
        let span = Span { start: 8, end: 10 };
        let error = Error::new(
            Subject::Pattern,
            ErrorKind::LeafNotArray,
            "\"int\" must be an object or an array",
            pattern,
            span,
            "$.int",
        );
        assert_eq!(
            error.to_string(),
            "Event pattern is not valid. Reason: \"int\" must be an object or an array"
        );
        assert_eq!((error.line(), error.column()), (1, 9));
        let event = Error::new(Subject::Event, ErrorKind::EventEnvelope, "x", "{}", span, "$");
        assert_eq!(event.to_string(), "Parameter Event is not valid.");
    }
}
