//! Why a pattern answered as it did about an event: the text printed under
//! a failed spec case, so that a failure says which field let it down.
//!
//! Not written yet. Each report already prints an explanation when there
//! is one (indented under the failure in text, in the `<failure>` body in
//! JUnit, in the annotation in GitHub), so filling in [`explanation`] is
//! all it takes.

use evpat::Pattern;

/// Why `pattern` matched, or did not match, the event `event_text`; `None`
/// when there is nothing to say.
pub fn explanation(pattern: &Pattern, event_text: &str) -> Option<String> {
    let _ = (pattern, event_text);
    None
}
