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
