//! `RuleSet` against the reference matcher: the input is split at NUL
//! bytes; the last piece is the event, the others are patterns (at most
//! 16; invalid ones are left out).
//!
//! Asserts only what must hold: no panic or hang; `RuleSet::matches`
//! accepts exactly the events `Event::parse` accepts (with the same
//! limits), and its ids are exactly the patterns for which
//! `Pattern::matches` is true, in the order added, or it refuses exactly
//! when `Pattern::try_matches` leaves a rule undecided; `matches_event` agrees;
//! a rule set rebuilt without its first rule gives the same ids less that
//! one.
#![no_main]

use evpat::{Event, Limits, Pattern, RuleSet};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut pieces: Vec<&str> = text.split('\0').collect();
    let event_text = pieces.pop().unwrap_or_default();
    let patterns: Vec<(usize, Pattern)> = pieces
        .iter()
        .take(16)
        .enumerate()
        .filter_map(|(id, p)| Some((id, Pattern::parse_with_limits(p, &Limits::AWS).ok()?)))
        .collect();
    let mut builder = RuleSet::builder();
    builder.limits(Limits::AWS);
    for (id, pattern) in &patterns {
        builder.add(*id, pattern);
    }
    let set = builder.build();
    let reference = Event::parse_with_limits(event_text, &Limits::AWS);
    let found = set.matches(event_text);
    if let Ok(event) = &reference {
        let undecided = patterns.iter().any(|(_, p)| p.try_matches(event).is_err());
        if undecided {
            let error = found.expect_err("a rule Pattern::try_matches leaves undecided");
            assert_eq!(error.kind(), evpat::ErrorKind::TooManyArrayChoices);
            return;
        }
    }
    match (&reference, &found) {
        (Ok(event), Ok(found)) => {
            let expected: Vec<&usize> =
                patterns.iter().filter(|(_, p)| p.matches(event)).map(|(id, _)| id).collect();
            assert_eq!(found, &expected, "RuleSet and Pattern::matches disagree");
            assert_eq!(set.matches_event(event), expected, "matches_event disagrees");
            if let Some((first, _)) = patterns.first() {
                let mut smaller = set.to_builder();
                assert!(smaller.remove(first));
                let smaller = smaller.build();
                let rest: Vec<&usize> =
                    expected.iter().copied().filter(|id| *id != first).collect();
                assert_eq!(
                    smaller.matches(event_text).expect("the event read before"),
                    rest,
                    "removing a rule changed the others' answers"
                );
            }
        }
        (Err(_), Err(_)) => {}
        (Ok(_), Err(error)) => panic!("RuleSet refused an event Event::parse reads: {error}"),
        (Err(error), Ok(found)) => {
            panic!("RuleSet matched {found:?} on an event Event::parse refuses: {error}")
        }
    }
});
