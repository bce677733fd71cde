//! The one error type for everything that can be wrong with a pattern or
//! an event.

use std::fmt;

/// An error found while reading or parsing an event pattern or an event.
///
/// It is boxed, as serde_json's is, so that `Result<Pattern, Error>` stays
/// one pointer wide.
#[derive(Clone, PartialEq, Eq)]
pub struct Error(Box<Inner>);

#[derive(Clone, PartialEq, Eq)]
struct Inner {
    kind: ErrorKind,
    reason: String,
    place: Place,
    hint: Option<String>,
}

/// Where an error is: a position in the text, or a path in the document.
#[derive(Clone, PartialEq, Eq)]
enum Place {
    /// One-based line and column, the column counted in characters.
    Position { line: usize, column: usize },
    /// A JSON path such as `$.detail.state`.
    Path(String),
}

/// What kind of mistake an [`Error`] reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The text is not JSON, for example `{"source": ["aws.ec2"],}`.
    Syntax,
    /// The JSON is nested deeper than [`crate::MAX_DEPTH`] levels.
    TooDeep,
    /// The JSON is well formed but is not a valid pattern or event, for
    /// example `{"source": "aws.ec2"}`, whose leaf is not an array.
    Shape,
    /// The pattern uses a content filter that this version does not match
    /// yet, such as `{"prefix": "i-"}`.
    Unsupported,
}

impl Error {
    pub(crate) fn at_position(kind: ErrorKind, reason: String, line: usize, column: usize) -> Self {
        Error(Box::new(Inner { kind, reason, place: Place::Position { line, column }, hint: None }))
    }

    pub(crate) fn at_path(kind: ErrorKind, reason: impl Into<String>, path: &str) -> Self {
        let place = Place::Path(path.to_owned());
        Error(Box::new(Inner { kind, reason: reason.into(), place, hint: None }))
    }

    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.0.hint = Some(hint.into());
        self
    }

    /// What kind of mistake this is.
    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }

    /// The reason alone, without its place. Where AWS has a text for the
    /// same mistake, this is AWS's text word for word.
    pub fn reason(&self) -> &str {
        &self.0.reason
    }

    /// The one-based line of the error, for errors in the text itself.
    pub fn line(&self) -> Option<usize> {
        match self.0.place {
            Place::Position { line, .. } => Some(line),
            Place::Path(_) => None,
        }
    }

    /// The one-based column of the error, counted in characters, for
    /// errors in the text itself.
    pub fn column(&self) -> Option<usize> {
        match self.0.place {
            Place::Position { column, .. } => Some(column),
            Place::Path(_) => None,
        }
    }

    /// The JSON path of the offending value, such as `$.detail.state`, for
    /// errors in the document's shape.
    pub fn path(&self) -> Option<&str> {
        match &self.0.place {
            Place::Path(path) => Some(path),
            Place::Position { .. } => None,
        }
    }

    /// A suggestion for fixing the mistake, when there is one.
    pub fn hint(&self) -> Option<&str> {
        self.0.hint.as_deref()
    }
}

/// One line: the reason, then its place, as in
/// `expected value at line 3, column 14` or
/// `"state" must be an object or an array at $.detail.state`.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0.place {
            Place::Position { line, column } => {
                write!(f, "{} at line {line}, column {column}", self.0.reason)
            }
            Place::Path(path) => write!(f, "{} at {path}", self.0.reason),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Error({:?}, {:?})", self.0.kind, self.to_string())
    }
}

impl std::error::Error for Error {}
