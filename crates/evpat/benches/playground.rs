//! The playground's path, in WebAssembly, in Chromium: on each keystroke
//! the page reads its rules and matches its sample events. Here that is
//! 10 rules (the first of ten citylots categories) and 100 citylots
//! events, timed with the page's own clock, `performance.now()`.
//!
//! A `wasm-bindgen-test` rather than a criterion bench because it must run
//! inside the browser; `cargo xtask bench` runs it in headless Chromium:
//!
//! ```text
//! CHROMEDRIVER=/usr/bin/chromedriver cargo test --release -p evpat \
//!     --target wasm32-unknown-unknown --test playground -- --nocapture
//! ```
//!
//! Each figure is the best of 30 rounds (after a warm-up round): the
//! browser's clock is coarse (100 µs unless the page is cross-origin
//! isolated), so a round repeats the work until at least 20 ms have
//! passed.
#![cfg(target_arch = "wasm32")]

#[path = "citylots/generate.rs"]
mod generate;

use evpat::{Event, Pattern, RuleSet};
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const CATEGORIES: [&str; 10] = [
    include_str!("citylots/rules/EXACT.jsonl"),
    include_str!("citylots/rules/PREFIX.jsonl"),
    include_str!("citylots/rules/SUFFIX_EQUALS_IGNORE_CASE.jsonl"),
    include_str!("citylots/rules/EQUALS_IGNORE_CASE.jsonl"),
    include_str!("citylots/rules/WILDCARD.jsonl"),
    include_str!("citylots/rules/NUMERIC.jsonl"),
    include_str!("citylots/rules/ANYTHING_BUT.jsonl"),
    include_str!("citylots/rules/COMPLEX_ARRAYS.jsonl"),
    include_str!("citylots/rules/ANYTHING_BUT_PREFIX.jsonl"),
    include_str!("citylots/rules/ANYTHING_BUT_WILDCARD.jsonl"),
];

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Milliseconds per call of `f`, best of 30 rounds.
fn best_ms(mut f: impl FnMut() -> usize) -> (f64, usize) {
    let mut checksum = f();
    let mut best = f64::INFINITY;
    for _ in 0..30 {
        let (start, mut calls) = (now(), 0u32);
        while now() - start < 20.0 || calls == 0 {
            checksum = f();
            calls += 1;
        }
        best = best.min((now() - start) / f64::from(calls));
    }
    (best, checksum)
}

#[wasm_bindgen_test]
fn playground_10_rules_100_events() {
    let rules: Vec<&str> = CATEGORIES.iter().filter_map(|c| c.lines().next()).collect();
    let lines = generate::lines_up_to(100);
    let events: Vec<&str> = lines.iter().map(|l| l.trim_end()).collect();

    let build = || {
        let mut builder = RuleSet::builder();
        for (i, rule) in rules.iter().enumerate() {
            builder.add(i, &Pattern::parse(rule).expect("the rules are valid"));
        }
        builder.build()
    };
    let set = build();
    let match_all = |set: &RuleSet<usize>| {
        let mut matched = Vec::new();
        for event in &events {
            set.rule_indexes(event, &mut matched).expect("the events are valid");
        }
        matched.len()
    };
    let (keystroke, n1) = best_ms(|| match_all(&build()));
    let (matching, n2) = best_ms(|| match_all(&set));
    let (compile, _) = best_ms(|| build().len());
    let patterns: Vec<Pattern> = rules.iter().map(|r| Pattern::parse(r).expect("valid")).collect();
    let (reference, n3) = best_ms(|| {
        let mut matched = 0;
        for event in &events {
            let event = Event::parse(event).expect("the events are valid");
            matched += patterns.iter().filter(|p| p.matches(&event)).count();
        }
        matched
    });
    assert!(n1 == n2 && n2 == n3, "{n1} {n2} {n3} matches");
    console_log!(
        "playground path in Chromium (wasm32, release): 10 rules x 100 events, {n1} matches"
    );
    console_log!("| step | time | events/s |");
    console_log!("|---|---:|---:|");
    console_log!("| parse 10 rules + build RuleSet + match 100 events | {keystroke:.3} ms | – |");
    console_log!("| parse 10 rules + build RuleSet | {compile:.3} ms | – |");
    console_log!("| RuleSet: match 100 events | {matching:.3} ms | {:.2} M/s |", 0.1 / matching);
    console_log!(
        "| reference: Event::parse + 10 × Pattern::matches, 100 events | {reference:.3} ms | {:.2} M/s |",
        0.1 / reference
    );
}
