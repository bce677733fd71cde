//! Every conformance case through `test_event_pattern`: AWS's recorded
//! verdicts and reasons, and our own cases by topic.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use evpat::{ErrorKind, Subject, test_event_pattern};
use serde::Deserialize;
use serde_json::value::RawValue;

#[derive(Deserialize)]
struct Case {
    name: String,
    pattern: Option<Box<RawValue>>,
    pattern_text: Option<String>,
    event: Option<Box<RawValue>>,
    event_text: Option<String>,
    expected: String,
    /// AWS's whole message (AWS's cases).
    error: Option<String>,
    invalid_input: Option<String>,
    /// An `evpat::ErrorKind` name (our cases).
    error_kind: Option<String>,
    /// The exact reason (our cases).
    reason: Option<String>,
}

impl Case {
    fn pattern(&self) -> &str {
        self.pattern_text.as_deref().or(self.pattern.as_deref().map(RawValue::get)).unwrap_or("")
    }

    fn event(&self) -> &str {
        self.event_text.as_deref().or(self.event.as_deref().map(RawValue::get)).unwrap_or("")
    }

    /// The reason the case expects: ours, or AWS's first line after
    /// `Reason: `.
    fn expected_reason(&self) -> Option<String> {
        if let Some(reason) = &self.reason {
            return Some(reason.clone());
        }
        let error = self.error.as_deref()?;
        let reason = error.strip_prefix("Event pattern is not valid. Reason: ")?;
        Some(reason.split('\n').next().unwrap_or("").trim_end().to_owned())
    }
}

fn conformance_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance")
}

fn load(path: &Path) -> Vec<Case> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every case file: AWS's, then ours by topic.
fn all_cases() -> Vec<(String, Vec<Case>)> {
    let dir = conformance_dir();
    let mut files = vec![("aws-validated".to_owned(), load(&dir.join("aws-validated.json")))];
    let mut ours: Vec<PathBuf> = std::fs::read_dir(dir.join("cases"))
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    ours.sort();
    for path in ours.into_iter().filter(|p| p.extension().is_some_and(|e| e == "json")) {
        let topic = path.file_stem().unwrap_or_default().to_string_lossy().into_owned();
        files.push((topic, load(&path)));
    }
    files
}

/// Why a case fails, or `None` when it passes.
fn check(case: &Case) -> Option<String> {
    let outcome = test_event_pattern(case.pattern(), case.event());
    match (case.expected.as_str(), outcome) {
        ("match", Ok(true)) | ("no-match", Ok(false)) => None,
        ("match" | "no-match", Ok(verdict)) => Some(format!(
            "expected {}, got {}",
            case.expected,
            if verdict { "match" } else { "no-match" }
        )),
        ("match" | "no-match", Err(error)) => {
            Some(format!("expected {}, got error: {error:?}", case.expected))
        }
        ("invalid", Ok(verdict)) => Some(format!("expected invalid, got {verdict}")),
        ("invalid", Err(error)) => {
            let subject = match case.invalid_input.as_deref() {
                Some("event") => Subject::Event,
                _ => Subject::Pattern,
            };
            if error.subject() != subject {
                return Some(format!("expected an error in the {subject:?}, got {error:?}"));
            }
            if let Some(kind) = &case.error_kind
                && format!("{:?}", error.kind()) != *kind
            {
                return Some(format!("expected kind {kind}, got {error:?}"));
            }
            if subject == Subject::Event {
                let shown = error.to_string();
                return (shown != "Parameter Event is not valid.")
                    .then(|| format!("event error shows {shown:?}"));
            }
            match case.expected_reason() {
                Some(reason) if reason != error.reason() => {
                    Some(format!("expected reason {reason:?}, got {:?}", error.reason()))
                }
                Some(_) => None,
                None => Some("the case gives no reason to compare".to_owned()),
            }
        }
        (other, _) => Some(format!("unknown expectation {other:?}")),
    }
}

#[test]
fn every_case_agrees_with_aws() {
    let mut failures = Vec::new();
    let mut total = 0;
    for (topic, cases) in all_cases() {
        for case in &cases {
            total += 1;
            if let Some(why) = check(case) {
                failures.push(format!("{topic}/{}: {why}", case.name));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {total} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn all_186_aws_cases_are_present() {
    let aws = load(&conformance_dir().join("aws-validated.json"));
    assert_eq!(aws.len(), 186);
    let count = |expected: &str| aws.iter().filter(|c| c.expected == expected).count();
    assert_eq!((count("match"), count("no-match"), count("invalid")), (81, 60, 45));
}

#[test]
fn case_names_are_unique() {
    let mut seen = BTreeSet::new();
    for (topic, cases) in all_cases() {
        for case in cases {
            assert!(seen.insert(case.name.clone()), "{topic}/{} is a duplicate name", case.name);
        }
    }
}

/// Every error kind is exercised by at least one case. The exceptions are
/// `EventTooLarge`, whose case would be a megabyte of data, and
/// `TooManyArrayChoices`, which AWS has no text for: `tests/limits.rs`
/// covers both.
#[test]
fn every_error_kind_has_a_case() {
    let mut seen = HashSet::new();
    for (_, cases) in all_cases() {
        for case in cases.iter().filter(|c| c.expected == "invalid") {
            if let Err(error) = test_event_pattern(case.pattern(), case.event()) {
                seen.insert(error.kind());
            }
        }
    }
    let missing: Vec<_> = ErrorKind::ALL
        .iter()
        .filter(|kind| {
            !matches!(kind, ErrorKind::EventTooLarge | ErrorKind::TooManyArrayChoices)
                && !seen.contains(*kind)
        })
        .collect();
    assert!(missing.is_empty(), "error kinds without a case: {missing:?}");
}

/// Every operator appears in at least one valid case of each verdict.
#[test]
fn every_operator_has_matching_and_failing_cases() {
    let operators = [
        "\"prefix\"",
        "\"suffix\"",
        "\"equals-ignore-case\"",
        "\"anything-but\"",
        "\"numeric\"",
        "\"cidr\"",
        "\"exists\"",
        "\"wildcard\"",
        "\"$or\"",
    ];
    let cases: Vec<Case> = all_cases().into_iter().flat_map(|(_, cases)| cases).collect();
    for operator in operators {
        for verdict in ["match", "no-match"] {
            let covered =
                cases.iter().any(|c| c.expected == verdict && c.pattern().contains(operator));
            assert!(covered, "{operator} has no {verdict} case");
        }
    }
}
