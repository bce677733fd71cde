//! Explanations and lints: a pattern and an event, split at the input's
//! first NUL byte.
//!
//! Asserts only what must hold: no panic or hang in `evpat::explain`, the
//! tree's labels and headlines, `evpat::lint` and `evpat::lint_with_event`;
//! the explanation's verdict equals `Pattern::matches`; and so does the
//! tree's own fold (`evpat::tree_verdict`) whenever no join was capped and
//! the matcher decided.
#![no_main]

use evpat::{Check, Event, Limits, Pattern, explain, lint, lint_with_event};
use libfuzzer_sys::fuzz_target;

fn walk(check: &Check, depth: usize) {
    assert!(depth < 10_000, "an explanation deeper than any pattern");
    let _ = check.label();
    let _ = check.headline();
    let _ = check.shown_children();
    for child in &check.children {
        walk(child, depth + 1);
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (pattern_text, event_text) = text.split_once('\0').unwrap_or((text, "{}"));
    let Ok(pattern) = Pattern::parse_with_limits(pattern_text, &Limits::AWS) else { return };
    let _ = lint(&pattern);
    let Ok(event) = Event::parse_with_limits(event_text, &Limits::AWS) else { return };
    let explanation = explain(&pattern, &event);
    assert_eq!(
        explanation.matched,
        pattern.matches(&event),
        "the explanation's verdict differs from Pattern::matches"
    );
    assert_eq!(explanation.root.matched, explanation.matched, "the root's verdict is the verdict");
    if let (Some(tree), Ok(verdict)) =
        (evpat::tree_verdict(&pattern, &event), pattern.try_matches(&event))
    {
        assert_eq!(tree, verdict, "the tree's own fold differs from Pattern::matches");
    }
    walk(&explanation.root, 0);
    let _ = lint_with_event(&pattern, &event);
});
