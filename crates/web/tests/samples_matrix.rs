//! The gallery's whole matrix: every sample pattern against every sample
//! event, with the verdict `web/samples/rules.json` states for the cell.
//! Each cell is decided three ways that must agree with the data: the
//! reference matcher (which the page's matrix uses), `RuleSet`, and
//! TestEventPattern (which also checks that each sample is a complete
//! envelope).

use evpat::{Event, Pattern, RuleSet, test_event_pattern};
use evpat_web::samples;

#[test]
fn the_sample_data_reads_and_states_every_cell() {
    samples::check_data().unwrap();
    assert!(samples::events().len() >= 15, "the gallery has at least 15 events");
    let patterns: usize = samples::rules().iter().map(|r| r.patterns.len()).sum();
    assert!(patterns >= 12, "the gallery has at least 12 patterns");
}

#[test]
fn every_sample_pattern_gives_the_stated_verdict_for_every_sample_event() {
    let events = samples::events();
    let mut failures = Vec::new();
    let verdicts = samples::stated_verdicts().unwrap();
    let mut builder = RuleSet::builder();
    let mut ids = Vec::new();
    for (rule, stated) in samples::rules().iter().zip(&verdicts) {
        assert_eq!(rule.patterns.len(), stated.len(), "{}", rule.id);
        for (i, (sample, stated)) in rule.patterns.iter().zip(stated).enumerate() {
            let pattern = Pattern::parse(&sample.text)
                .unwrap_or_else(|e| panic!("{} pattern {}: {e}", rule.id, i + 1));
            let id = format!("{}#{}", rule.id, i + 1);
            builder.add(id.clone(), &pattern);
            ids.push((id, pattern, stated));
        }
    }
    let set = builder.build();
    for event in events {
        let parsed = Event::parse(&event.text).unwrap();
        let matched = set.matches(&event.text).unwrap();
        for (id, pattern, stated) in &ids {
            let expected = stated[&event.id];
            let reference = pattern.matches(&parsed);
            let by_set = matched.contains(&id);
            let by_api = test_event_pattern(pattern.text(), &event.text)
                .unwrap_or_else(|e| panic!("{id} × {}: {e} ({})", event.id, e.reason()));
            if (reference, by_set, by_api) != (expected, expected, expected) {
                failures.push(format!(
                    "{id} × {}: stated {expected}, reference {reference}, rule set {by_set}, \
                     TestEventPattern {by_api}",
                    event.id
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{} cells disagree:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_operator_is_used_by_some_sample_pattern() {
    let all: String = samples::rules()
        .iter()
        .flat_map(|r| r.patterns.iter().map(|p| evpat::minify(&p.text)))
        .collect();
    for operator in [
        "\"prefix\":\"",
        "\"suffix\":\"",
        "\"prefix\":{\"equals-ignore-case\"",
        "\"suffix\":{\"equals-ignore-case\"",
        "\"equals-ignore-case\":\"",
        "\"anything-but\":\"",
        "\"anything-but\":0",
        "\"anything-but\":[",
        "\"anything-but\":{\"prefix\"",
        "\"anything-but\":{\"suffix\"",
        "\"anything-but\":{\"equals-ignore-case\"",
        "\"anything-but\":{\"wildcard\"",
        "\"numeric\":[",
        "\"cidr\":",
        "\"exists\":true",
        "\"exists\":false",
        "\"wildcard\":",
        "\"$or\":",
        "[null]",
        "[false]",
        "[\"\"]",
        "[1]",
    ] {
        assert!(all.contains(operator), "no sample pattern uses {operator}");
    }
}
