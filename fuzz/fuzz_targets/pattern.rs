//! Pattern parsing and validation on hostile text, within `Limits::AWS`
//! and the library's default limits.
//!
//! Asserts only what must hold: no panic, hang or runaway allocation; an
//! error renders; a valid pattern prints a canonical text that parses
//! again to the same canonical text, and its compact text parses again
//! to a pattern with that canonical text too.
#![no_main]

use evpat::{Limits, Pattern, lint, render};
use libfuzzer_sys::fuzz_target;

fn check(text: &str, limits: &Limits) {
    match Pattern::parse_with_limits(text, limits) {
        Err(error) => {
            let _ = render(text, &error);
            let _ = (error.reason(), error.path(), error.line(), error.column());
            let _ = error.to_string();
        }
        Ok(pattern) => {
            let canonical = pattern.canonical_text();
            let _ = pattern.json().to_compact();
            let _ = pattern.combinations();
            let _ = lint(&pattern);
            // Printing must give a pattern back, and printing is a fixed
            // point. The default limits are used for the text printed, which
            // may be longer than the text read.
            let again = Pattern::parse(&canonical)
                .unwrap_or_else(|e| panic!("canonical text {canonical:?} does not parse: {e}"));
            assert_eq!(again.canonical_text(), canonical, "canonical text is not a fixed point");
            let compact = pattern.compact_text();
            let compacted = Pattern::parse(&compact)
                .unwrap_or_else(|e| panic!("compact text {compact:?} does not parse: {e}"));
            assert_eq!(compacted.canonical_text(), canonical, "compact text reads differently");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    check(text, &Limits::AWS);
    if text.chars().count() > Limits::AWS.max_pattern_chars {
        check(text, &Limits::default());
    }
});
