//! Matching: a pattern and an event, split at the input's first NUL byte.
//!
//! Asserts only what must hold: no panic or hang in `Event::parse`,
//! `Pattern::matches` and `evpat::test_event_pattern`; when
//! `test_event_pattern` answers, its verdict equals `Pattern::matches` for
//! the same texts within `Limits::AWS`; and a pattern's canonical text
//! (duplicate keys resolved as AWS resolves them) matches exactly the
//! events the pattern matches.
#![no_main]

use evpat::{Event, Limits, Pattern, test_event_pattern};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (pattern_text, event_text) = text.split_once('\0').unwrap_or((text, "{}"));
    let pattern = Pattern::parse_with_limits(pattern_text, &Limits::AWS);
    let event = Event::parse_with_limits(event_text, &Limits::AWS);
    let verdict = match (&pattern, &event) {
        (Ok(pattern), Ok(event)) => {
            let verdict = pattern.matches(event);
            let canonical = Pattern::parse(&pattern.canonical_text())
                .expect("a valid pattern's canonical text parses");
            assert_eq!(
                canonical.matches(event),
                verdict,
                "the canonical text {:?} decides differently",
                pattern.canonical_text()
            );
            Some(verdict)
        }
        _ => None,
    };
    match test_event_pattern(pattern_text, event_text) {
        Ok(answer) => assert_eq!(
            Some(answer),
            verdict,
            "test_event_pattern answered, so the pattern and the event both read"
        ),
        Err(error) => {
            let _ = error.to_string();
        }
    }
});
