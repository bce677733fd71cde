//! The pattern as the user wrote it: objects, leaves, `$or` and filter
//! objects, each with its span and JSON path. Shape is checked (by
//! [`crate::parse`]); meaning is not, until [`crate::validate`].

use crate::json::Span;

/// A parsed pattern object: its fields, duplicates resolved (the last
/// occurrence of a key wins, as in AWS).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Object {
    pub fields: Vec<Field>,
}

/// One key of a pattern object and what it asks for.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Field {
    pub key: String,
    pub key_span: Span,
    pub path: String,
    pub value: FieldValue,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum FieldValue {
    /// `"state": {...}`: the event field must be an object with these fields.
    Nested(Object),
    /// `"state": [...]`: the event field must satisfy one of these matchers.
    Leaf(Vec<Matcher>),
    /// `"$or": [{...}, {...}]`: one of these objects must match.
    Or(Vec<Object>),
}

/// One element of a leaf array.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Matcher {
    pub kind: MatcherKind,
    pub span: Span,
    pub path: String,
}

/// A JSON scalar written in a pattern.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Literal {
    String(String),
    /// The number exactly as written.
    Number(String),
    Bool(bool),
    Null,
}

/// Whether text comparison folds case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Case {
    Sensitive,
    Insensitive,
}

/// A string operand with where it was written, so that errors inside it
/// (wildcards, CIDR blocks) can point at the offending characters.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Operand {
    pub value: String,
    /// The string literal, quotes included.
    pub span: Span,
    pub path: String,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum MatcherKind {
    /// A plain value: `"running"`, `300`, `true`, `null`.
    Exact(Literal),
    /// `{"prefix": "i-"}` or `{"prefix": {"equals-ignore-case": "i-"}}`.
    Prefix(Operand, Case),
    /// `{"suffix": ".png"}`, optionally ignoring case.
    Suffix(Operand, Case),
    /// `{"equals-ignore-case": "alice"}`.
    EqualsIgnoreCase(Operand),
    /// `{"wildcard": "dir/*.png"}`: the decoded string, escapes still in.
    Wildcard(Operand),
    /// `{"anything-but": ...}`.
    AnythingBut(AnythingBut),
    /// `{"numeric": [">", 0, "<=", 5]}`: the elements as written.
    Numeric(Vec<NumericToken>),
    /// `{"cidr": "10.0.0.0/24"}`.
    Cidr(Operand),
    /// `{"exists": true}`.
    Exists(bool),
}

/// What `anything-but` excludes.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum AnythingBut {
    /// `"x"`, `5`, or a list of them.
    Values(Vec<Literal>),
    Prefix(Vec<Operand>),
    Suffix(Vec<Operand>),
    EqualsIgnoreCase(Vec<Operand>),
    Wildcard(Vec<Operand>),
}

/// An element of a `numeric` array, kept raw for validation to judge.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct NumericToken {
    pub value: NumericTokenValue,
    pub span: Span,
    pub path: String,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum NumericTokenValue {
    /// A string such as `">="`.
    Operator(String),
    /// A number, exactly as written.
    Number(String),
    /// Anything else, as it would be written in JSON.
    Other(String),
}
