//! Every conformance case through one `evpat batch` process: AWS's recorded
//! verdicts and messages (`aws-validated.json`) and our own cases by topic
//! (`cases/*.json`).
//!
//! Patterns and events go onto the batch lines as the exact text in the
//! data files (`RawValue`), so number lexemes and duplicate keys reach
//! evpat as written; only line breaks between tokens become spaces, which
//! keeps every length limit where it was.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;

use crate::{evpat, text};

const PATTERN_PREFIX: &str = "Event pattern is not valid. Reason: ";
const EVENT_ERROR: &str = "Parameter Event is not valid.";

#[derive(Deserialize)]
struct Case {
    name: String,
    #[serde(default, deserialize_with = "present")]
    pattern: Option<Box<RawValue>>,
    pattern_text: Option<String>,
    #[serde(default, deserialize_with = "present")]
    event: Option<Box<RawValue>>,
    event_text: Option<String>,
    expected: String,
    /// AWS's whole message (AWS's cases).
    error: Option<String>,
    invalid_input: Option<String>,
    /// The exact reason (our cases).
    reason: Option<String>,
}

/// A field that is present, even when it is `null`: plain `Option` would
/// read `"pattern": null` as absent.
fn present<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Box<RawValue>>, D::Error> {
    Box::<RawValue>::deserialize(deserializer).map(Some)
}

/// The value for a batch line: the text as a JSON string, or the raw value
/// on one line.
fn batch_value(text: Option<&str>, raw: Option<&RawValue>) -> String {
    match (text, raw) {
        (Some(text), _) => serde_json::to_string(text).expect("a string serializes"),
        // Outside strings, where JSON forbids them, line breaks are only
        // whitespace between tokens.
        (None, Some(raw)) => raw.get().replace(['\n', '\r'], " "),
        (None, None) => "\"\"".to_owned(),
    }
}

impl Case {
    fn line(&self) -> String {
        format!(
            "{{\"pattern\": {}, \"event\": {}}}",
            batch_value(self.pattern_text.as_deref(), self.pattern.as_deref()),
            batch_value(self.event_text.as_deref(), self.event.as_deref())
        )
    }

    /// The `error` the batch line must give, when the case says.
    fn expected_error(&self, from_aws: bool) -> Option<String> {
        if self.expected != "invalid" {
            return None;
        }
        match self.invalid_input.as_deref() {
            Some("event") => Some(EVENT_ERROR.to_owned()),
            Some("pattern") if from_aws => {
                // AWS's message, less Jackson's `at [Source: …]` lines.
                let error = self.error.as_deref()?;
                let first = error.split(['\n', '\r']).next().unwrap_or("").trim_end();
                Some(if first.starts_with(PATTERN_PREFIX) {
                    first.to_owned()
                } else {
                    format!("{PATTERN_PREFIX}{first}")
                })
            }
            _ if from_aws => None,
            _ => self.reason.as_ref().map(|reason| format!("{PATTERN_PREFIX}{reason}")),
        }
    }
}

/// A batch output line.
#[derive(Deserialize)]
struct Answer {
    result: String,
    error: Option<String>,
}

fn conformance_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance")
}

fn load(path: &Path) -> Result<Vec<Case>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

/// AWS's cases, then ours by file. Our directory may be absent, or being
/// written: files that do not parse are skipped, with a note.
fn all_files() -> Vec<(String, bool, Vec<Case>)> {
    let dir = conformance_dir();
    let aws = dir.join("aws-validated.json");
    let aws_cases = load(&aws).unwrap_or_else(|e| panic!("{}: {e}", aws.display()));
    let mut files = vec![("aws-validated.json".to_owned(), true, aws_cases)];
    let mut ours: Vec<PathBuf> = std::fs::read_dir(dir.join("cases"))
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    ours.retain(|path| path.extension().is_some_and(|e| e == "json"));
    ours.sort();
    for path in ours {
        let name = format!("cases/{}", path.file_name().unwrap_or_default().to_string_lossy());
        match load(&path) {
            Ok(cases) => files.push((name, false, cases)),
            Err(e) => eprintln!("skipped {name}: {e}"),
        }
    }
    files
}

#[test]
fn batch_agrees_with_every_case() {
    let files = all_files();
    let cases: Vec<(&str, bool, &Case)> = files
        .iter()
        .flat_map(|(file, aws, cases)| cases.iter().map(move |case| (file.as_str(), *aws, case)))
        .collect();
    let input: String = cases.iter().map(|(_, _, case)| case.line() + "\n").collect();

    let output = evpat(&["batch"], input.as_bytes());
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let answers: Vec<&str> = stdout.lines().collect();
    assert_eq!(answers.len(), cases.len(), "one output line per case");

    let mut mismatches = Vec::new();
    for ((file, aws, case), line) in cases.iter().zip(&answers) {
        let answer: Answer = match serde_json::from_str(line) {
            Ok(answer) => answer,
            Err(e) => {
                mismatches.push(format!("{file}/{}: unreadable output {line:?}: {e}", case.name));
                continue;
            }
        };
        if answer.result != case.expected {
            mismatches.push(format!(
                "{file}/{}: expected {}, got {} ({:?})",
                case.name, case.expected, answer.result, answer.error
            ));
        } else if let Some(error) = case.expected_error(*aws)
            && answer.error.as_deref() != Some(error.as_str())
        {
            mismatches.push(format!(
                "{file}/{}: expected error {error:?}, got {:?}",
                case.name, answer.error
            ));
        }
    }
    let aws_count = cases.iter().filter(|(_, aws, _)| *aws).count();
    eprintln!(
        "evpat batch: checked {} conformance cases ({aws_count} from AWS, {} ours)",
        cases.len(),
        cases.len() - aws_count
    );
    assert!(
        mismatches.is_empty(),
        "{} of {} cases disagree:\n{}",
        mismatches.len(),
        cases.len(),
        mismatches.join("\n")
    );
    assert!(aws_count >= 186, "only {aws_count} of AWS's 186 cases were checked");
}
