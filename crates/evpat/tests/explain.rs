//! Golden explanations, and the properties that tie `explain` to the
//! matcher.
//!
//! Each case in `golden/explain/cases.json` has its expected explanation in
//! `golden/explain/NAME.txt`, reviewed by hand against the notes. Run with
//! `EVPAT_BLESS=1` to write the files for new cases, then review them.

use std::path::{Path, PathBuf};

use evpat::{Event, Pattern, explain};
use serde::Deserialize;
use serde_json::value::RawValue;

#[derive(Deserialize)]
struct Case {
    name: String,
    pattern: Box<RawValue>,
    event: Box<RawValue>,
}

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/explain")
}

#[test]
fn golden_explanations() {
    let dir = golden_dir();
    let cases: Vec<Case> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("cases.json")).unwrap()).unwrap();
    assert!(cases.len() >= 40, "only {} golden explanations", cases.len());
    let bless = std::env::var_os("EVPAT_BLESS").is_some();
    let mut failures = Vec::new();
    for case in &cases {
        let pattern =
            Pattern::parse(case.pattern.get()).unwrap_or_else(|e| panic!("{}: {e:?}", case.name));
        let event =
            Event::parse(case.event.get()).unwrap_or_else(|e| panic!("{}: {e:?}", case.name));
        let explanation = explain(&pattern, &event);
        assert_eq!(explanation.matched, pattern.matches(&event), "{}", case.name);
        let got = explanation.to_string();
        let file = dir.join(format!("{}.txt", case.name));
        if bless {
            std::fs::write(&file, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&file).unwrap_or_default();
        if got != want {
            failures.push(format!("{}:\n--- want\n{want}--- got\n{got}", case.name));
        }
    }
    assert!(
        failures.is_empty(),
        "{} golden explanations differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A field matched in one element of a 5,000-element array, beside a field
/// every element has: the tree's joins once kept only the first 4,096
/// ways of each field and explained a match as a miss.
#[test]
fn explains_a_match_deep_in_a_large_array() {
    let mut elements = vec![r#"{"x": 1}"#; 5000];
    elements[4500] = r#"{"x": 1, "y": 1}"#;
    let event = Event::parse(&format!(r#"{{"a": [{}]}}"#, elements.join(", "))).unwrap();
    let pattern = Pattern::parse(r#"{"a": {"x": [{"exists": true}], "y": [1]}}"#).unwrap();
    assert!(pattern.matches(&event));
    let explanation = explain(&pattern, &event);
    assert!(explanation.matched);
    let a = &explanation.root.children[0];
    assert!(a.matched, "{}", a.reason);
    assert_eq!(a.reason, "all 2 fields match");
}

/// An event the matcher cannot decide is explained with the reason.
#[test]
fn explains_an_undecided_event() {
    // 9 nested values and 50 dotted ones per field: 59³ combinations.
    let elements = [r#"{"x": 1, "y": 1, "z": 1}"#; 9];
    let mut event = vec![format!(r#""a": [{}]"#, elements.join(", "))];
    for key in ["x", "y", "z"] {
        event.push(format!(r#""a.{key}": [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]"#));
    }
    let event = Event::parse(&format!("{{{}}}", event.join(", "))).unwrap();
    let pattern = Pattern::parse(
        r#"{"a": {"x": [{"exists": true}], "y": [{"exists": true}], "z": [{"exists": true}]}}"#,
    )
    .unwrap();
    let error = pattern.try_matches(&event).unwrap_err();
    let explanation = explain(&pattern, &event);
    assert!(!explanation.matched);
    assert_eq!(explanation.root.outcome, evpat::Outcome::Undecided);
    assert_eq!(explanation.root.reason, error.reason());
    assert!(explanation.to_string().starts_with("? "), "{explanation}");
    assert!(error.reason().contains("come to 205379 combinations"), "{}", error.reason());
}
