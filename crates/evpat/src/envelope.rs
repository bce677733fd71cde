//! AWS's TestEventPattern, end to end: the event's envelope is checked,
//! then the pattern, then the verdict.

use crate::error::{Error, ErrorKind, Subject};
use crate::event::{Event, read_object};
use crate::json::Value;
use crate::limits::Limits;
use crate::pattern::Pattern;

/// The fields TestEventPattern requires in an event. AWS's documentation
/// also lists `resources`, but AWS accepts events without it.
pub const ENVELOPE_FIELDS: [&str; 6] = ["id", "account", "source", "time", "region", "detail-type"];

/// What AWS's TestEventPattern answers for `pattern` and `event`, within
/// [`Limits::AWS`].
///
/// # Errors
///
/// `Parameter Event is not valid.` when the event is not a JSON object
/// with the [`ENVELOPE_FIELDS`]; otherwise the pattern's error, if any.
pub fn test_event_pattern(pattern: &str, event: &str) -> Result<bool, Error> {
    let limits = Limits::AWS;
    check_envelope(event)?;
    let pattern = Pattern::parse_with_limits(pattern, &limits)?;
    pattern.try_matches(&Event::parse_with_limits(event, &limits)?)
}

/// TestEventPattern's first check alone: `event` must be a JSON object
/// with the [`ENVELOPE_FIELDS`], within [`Limits::AWS`]. For a page that
/// reads an event once and tests many patterns against it.
///
/// # Errors
///
/// `Parameter Event is not valid.`, with the missing fields in the reason;
/// or the event's own error when it is not a JSON object.
pub fn check_envelope(event: &str) -> Result<(), Error> {
    let root = read_object(event, &Limits::AWS)?;
    if let Value::Object(members) = &root.value {
        let missing: Vec<&str> = ENVELOPE_FIELDS
            .into_iter()
            .filter(|field| !members.iter().any(|member| member.key == *field))
            .collect();
        if !missing.is_empty() {
            return Err(Error::new(
                Subject::Event,
                ErrorKind::EventEnvelope,
                format!(
                    "the event has no {}",
                    missing.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ")
                ),
                event,
                root.span,
                "$",
            ));
        }
    }
    Ok(())
}
