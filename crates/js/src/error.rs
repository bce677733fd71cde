//! [`ErrorObject`]: every error, as the plain object the JavaScript wrapper
//! turns into an `EventPatternError`.

use evpat_rule::export::ExportError;
use evpat_rule::{EntryError, RequestError, RuleError, ScheduleError, TransformerError};
use serde::Serialize;

/// What an error is about: which input, or `Argument` for a call the API
/// cannot make sense of, or `Internal` for a bug in evpat.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ErrorSubject {
    /// The event pattern.
    Pattern,
    /// The event.
    Event,
    /// A PutRule-shaped rule given to `exportRule`.
    Rule,
    /// A schedule expression.
    Schedule,
    /// A PutEvents entry given to `envelope`.
    Entry,
    /// An input transformer.
    Transformer,
    /// An argument of the wrong type or out of range.
    Argument,
    /// evpat failed: a panic or a trap, never the caller's fault.
    Internal,
}

/// An error, with AWS's message where AWS has one.
///
/// Only pattern and event errors have a `kind` (an `evpat::ErrorKind`
/// name) and always a path, line and column; the others have what their
/// error type knows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ErrorObject {
    /// Which input is at fault.
    pub subject: ErrorSubject,
    /// The `evpat::ErrorKind` name, such as `LeafNotArray`, for pattern and
    /// event errors.
    pub kind: Option<String>,
    /// AWS's message: `Event pattern is not valid. Reason: …`,
    /// `Parameter Event is not valid.`, `Parameter ScheduleExpression is not valid.`, …
    pub message: String,
    /// What exactly is wrong.
    pub reason: String,
    /// The JSON path of the offending value, such as `$.detail.state[0]`.
    pub path: Option<String>,
    /// The 1-based line of the offending text.
    pub line: Option<usize>,
    /// The 1-based column of the offending text, in characters.
    pub column: Option<usize>,
    /// How to fix it, in one line.
    pub hint: Option<String>,
}

impl ErrorObject {
    /// An error with a message and nothing to point at.
    pub fn new(subject: ErrorSubject, message: impl Into<String>) -> ErrorObject {
        let message = message.into();
        ErrorObject {
            subject,
            kind: None,
            reason: message.clone(),
            message,
            path: None,
            line: None,
            column: None,
            hint: None,
        }
    }

    /// A call the API cannot make: a wrong type, a value out of range.
    pub fn argument(message: impl Into<String>) -> Box<ErrorObject> {
        Box::new(ErrorObject::new(ErrorSubject::Argument, message))
    }
}

impl From<&evpat::Error> for ErrorObject {
    fn from(error: &evpat::Error) -> ErrorObject {
        ErrorObject {
            subject: match error.subject() {
                evpat::Subject::Pattern => ErrorSubject::Pattern,
                evpat::Subject::Event => ErrorSubject::Event,
            },
            // `ErrorKind`'s Debug output is the variant's name, which the
            // declarations list as `PatternErrorKind` (checked by a test).
            kind: Some(format!("{:?}", error.kind())),
            message: error.to_string(),
            reason: error.reason().to_owned(),
            path: Some(error.path().to_owned()),
            line: Some(error.line()),
            column: Some(error.column()),
            hint: error.hint().map(str::to_owned),
        }
    }
}

impl From<evpat::Error> for ErrorObject {
    fn from(error: evpat::Error) -> ErrorObject {
        ErrorObject::from(&error)
    }
}

impl From<ScheduleError> for ErrorObject {
    fn from(error: ScheduleError) -> ErrorObject {
        ErrorObject {
            reason: error.reason().to_owned(),
            ..ErrorObject::new(ErrorSubject::Schedule, error.to_string())
        }
    }
}

impl From<RuleError> for ErrorObject {
    fn from(error: RuleError) -> ErrorObject {
        let (line, column) = error.place().unzip();
        ErrorObject {
            path: Some(error.path().to_owned()),
            line,
            column,
            hint: error.hint().map(str::to_owned),
            ..ErrorObject::new(ErrorSubject::Rule, error.message())
        }
    }
}

impl From<evpat::TooManyRules> for ErrorObject {
    fn from(error: evpat::TooManyRules) -> ErrorObject {
        ErrorObject::new(ErrorSubject::Argument, error.to_string())
    }
}

impl From<ExportError> for ErrorObject {
    fn from(error: ExportError) -> ErrorObject {
        ErrorObject::new(ErrorSubject::Rule, error.to_string())
    }
}

impl From<EntryError> for ErrorObject {
    fn from(error: EntryError) -> ErrorObject {
        ErrorObject::new(ErrorSubject::Entry, error.message())
    }
}

impl From<RequestError> for ErrorObject {
    fn from(error: RequestError) -> ErrorObject {
        ErrorObject::new(ErrorSubject::Entry, error.message())
    }
}

impl From<TransformerError> for ErrorObject {
    fn from(error: TransformerError) -> ErrorObject {
        ErrorObject::new(ErrorSubject::Transformer, error.message())
    }
}

/// The functions return errors boxed, so that a `Result` stays small: an
/// `ErrorObject` is eight fields, most of them strings.
macro_rules! boxed_from {
    ($($error:ty),*) => {$(
        impl From<$error> for Box<ErrorObject> {
            fn from(error: $error) -> Box<ErrorObject> {
                Box::new(ErrorObject::from(error))
            }
        }
    )*};
}

boxed_from!(
    evpat::Error,
    ScheduleError,
    RuleError,
    ExportError,
    EntryError,
    RequestError,
    TransformerError
);
