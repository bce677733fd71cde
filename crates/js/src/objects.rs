//! The results that cross into JavaScript as plain objects: serializable
//! mirrors of the engine's types, with camelCase keys and string enums, in
//! the shapes `index.d.ts` declares.
//!
//! Byte spans are left out: they index the UTF-8 text, while JavaScript
//! strings index UTF-16 units, so a span would point at the wrong place in
//! any text with non-ASCII characters. Lines and columns say where instead.

use evpat::{Check, CheckSubject, Compared, Explanation, Lint, Outcome, Severity};
use evpat_rule::TransformerLint;
use serde::Serialize;

use crate::error::ErrorObject;

/// What `check` returns.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CheckReport {
    /// Whether AWS would accept the pattern.
    pub valid: bool,
    /// Why not, when it is invalid.
    pub error: Option<ErrorObject>,
    /// Warnings about a valid pattern; empty for an invalid one.
    pub lints: Vec<LintObject>,
}

/// A lint on a valid pattern.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LintObject {
    /// A stable identifier, such as `duplicate-key`.
    pub code: &'static str,
    /// `info` or `warning`.
    pub severity: &'static str,
    /// What was found.
    pub message: String,
    /// The JSON path of the place, such as `$.detail.state`.
    pub path: String,
    /// The 1-based line of the place.
    pub line: usize,
    /// The 1-based column of the place, in characters.
    pub column: usize,
    /// How to fix it.
    pub fix: String,
}

impl LintObject {
    /// `lint`, placed in `text`, the pattern it was found in.
    pub fn new(lint: Lint, text: &str) -> LintObject {
        let (line, column) = evpat::line_column(text, lint.span.start);
        LintObject {
            code: lint.code,
            severity: severity(lint.severity),
            message: lint.message,
            path: lint.path,
            line,
            column,
            fix: lint.fix,
        }
    }
}

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Info => "info",
        Severity::Warning => "warning",
    }
}

/// What `explain` returns.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExplanationObject {
    /// Whether the event matches.
    pub matched: bool,
    /// The tree as `evpat explain` prints it, with ✓ and ✗.
    pub text: String,
    /// The tree, rooted at the pattern.
    pub root: CheckObject,
}

impl From<Explanation> for ExplanationObject {
    fn from(explanation: Explanation) -> ExplanationObject {
        ExplanationObject {
            matched: explanation.matched,
            text: explanation.to_string(),
            root: CheckObject::from(explanation.root),
        }
    }
}

/// One node of an explanation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CheckObject {
    /// What part of the pattern this is.
    pub subject: SubjectObject,
    /// The part as a tree shows it: `detail.state`, `$or`, `branch 2`, or
    /// the condition as written; empty for the pattern.
    pub label: String,
    /// The verdict as shown.
    pub outcome: &'static str,
    /// Whether this part holds for the event, whatever is shown.
    pub matched: bool,
    /// Its JSON path in the pattern.
    pub path: String,
    /// The event keys it looks at, from the root.
    pub keys: Vec<String>,
    /// Why, in plain English.
    pub reason: String,
    /// The event values compared.
    pub values: Vec<ComparedObject>,
    /// Near misses worth checking.
    pub hints: Vec<String>,
    /// The parts inside this one.
    pub children: Vec<CheckObject>,
}

impl From<Check> for CheckObject {
    fn from(check: Check) -> CheckObject {
        // Recursion is bounded by the pattern's depth, which parsing limits.
        CheckObject {
            label: check.label(),
            subject: SubjectObject::from(check.subject),
            outcome: outcome(check.outcome),
            matched: check.matched,
            path: check.path,
            keys: check.keys,
            reason: check.reason,
            values: check.values.into_iter().map(ComparedObject::from).collect(),
            hints: check.hints,
            children: check.children.into_iter().map(CheckObject::from).collect(),
        }
    }
}

fn outcome(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Matched => "matched",
        Outcome::Failed => "failed",
        Outcome::Missing => "missing",
        Outcome::TypeMismatch => "type-mismatch",
        Outcome::NotEvaluated => "not-evaluated",
        Outcome::Undecided => "undecided",
    }
}

/// What part of the pattern a check is, tagged by `type` so that
/// TypeScript narrows on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum SubjectObject {
    /// The whole pattern.
    Pattern,
    /// A field, by its key.
    Field {
        /// The key.
        key: String,
    },
    /// An `$or`.
    Or,
    /// A branch of an `$or`.
    Branch {
        /// Its 0-based index.
        index: usize,
    },
    /// One element of a leaf array.
    Condition {
        /// The element as written, such as `{"prefix": "i-"}`.
        condition: String,
    },
}

impl From<CheckSubject> for SubjectObject {
    fn from(subject: CheckSubject) -> SubjectObject {
        match subject {
            CheckSubject::Pattern => SubjectObject::Pattern,
            CheckSubject::Field(key) => SubjectObject::Field { key },
            CheckSubject::Or => SubjectObject::Or,
            CheckSubject::Branch(index) => SubjectObject::Branch { index },
            CheckSubject::Condition(condition) => SubjectObject::Condition { condition },
        }
    }
}

/// An event value a check compared.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ComparedObject {
    /// Its JSON path in the event, with array indexes.
    pub path: String,
    /// The value as JSON.
    pub text: String,
    /// Whether it satisfied the check.
    pub matched: bool,
}

impl From<Compared> for ComparedObject {
    fn from(compared: Compared) -> ComparedObject {
        ComparedObject { path: compared.path, text: compared.text, matched: compared.matched }
    }
}

/// What `exportRule` returns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExportObject {
    /// The text to paste, ending with a newline.
    pub text: String,
    /// What to check before trusting it.
    pub warnings: Vec<String>,
}

/// What `transform` returns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TransformObject {
    /// What the target receives.
    pub output: String,
    /// Whether EventBridge sends it at all.
    pub delivered: bool,
    /// Why it is not sent.
    pub reason: Option<String>,
    /// Findings about the transformer with this event.
    pub lints: Vec<TransformerLintObject>,
}

/// A finding about an input transformer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TransformerLintObject {
    /// A stable identifier, such as `unused-variable`.
    pub code: &'static str,
    /// `info` or `warning`.
    pub severity: &'static str,
    /// What was found.
    pub message: String,
    /// How to fix it.
    pub fix: String,
}

impl From<TransformerLint> for TransformerLintObject {
    fn from(lint: TransformerLint) -> TransformerLintObject {
        TransformerLintObject {
            code: lint.code,
            severity: severity(lint.severity),
            message: lint.message,
            fix: lint.fix,
        }
    }
}
