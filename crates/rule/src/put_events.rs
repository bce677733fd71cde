//! PutEvents entries, turned into the events EventBridge delivers.
//!
//! People often paste the body of a `PutEvents` call (`Source`,
//! `DetailType`, `Detail` as a JSON *string*) where an event is expected.
//! EventBridge never matches patterns against that shape: it first wraps
//! each entry in an envelope, with `detail` parsed from the string and an
//! id, time, account and region of its own. [`put_events`] does the same
//! wrapping, with the same checks, so the result can be matched, and
//! [`looks_like_entry`] tells the two shapes apart.
//!
//! ```
//! use evpat_rule::{Delivery, put_events};
//!
//! let request = r#"{"Entries": [
//!     {"Source": "com.example.orders", "DetailType": "OrderCreated", "Detail": "{\"total\": 5}"},
//!     {"Source": "com.example.orders", "DetailType": "OrderCreated", "Detail": "[1, 2]"}
//! ]}"#;
//! let delivery = |index: usize| Delivery {
//!     id: format!("id-{index}"),
//!     time: "2024-06-01T10:15:30Z".to_owned(),
//!     account: "123456789012".to_owned(),
//!     region: "eu-west-1".to_owned(),
//! };
//! let results = put_events(request, delivery)?;
//! let event = results[0].as_ref().unwrap();
//! assert_eq!(
//!     event.to_string(),
//!     r#"{"version":"0","id":"id-0","detail-type":"OrderCreated","source":"com.example.orders","account":"123456789012","time":"2024-06-01T10:15:30Z","region":"eu-west-1","resources":[],"detail":{"total":5}}"#
//! );
//! let error = results[1].as_ref().unwrap_err();
//! assert_eq!((error.code(), error.message()), ("MalformedDetail", "Detail is malformed."));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Errors, as PutEvents reports them
//!
//! PutEvents fails a whole request for some problems and single entries for
//! others; the other entries of the request still go through. The same
//! split holds here: a [`RequestError`] fails the call, an [`EntryError`]
//! takes the place of one event.
//!
//! | error | code | message | from |
//! |---|---|---|---|
//! | no `Source` | `InvalidArgument` | `Parameter Source is not valid. Reason: Source is a required argument.` | AWS |
//! | no `DetailType` | `InvalidArgument` | `Parameter DetailType is not valid. Reason: DetailType is a required argument.` | AWS |
//! | no `Detail` | `InvalidArgument` | `Parameter Detail is not valid. Reason: Detail is a required argument.` | AWS |
//! | `Detail` not a JSON object | `MalformedDetail` | `Detail is malformed.` | AWS |
//! | `DetailType` too long | `InvalidArgument` | `Parameter DetailType is not valid. Reason: DetailType has N characters, more than the 128 allowed.` | ours |
//! | `Time` not RFC 3339 | `InvalidArgument` | `Parameter Time is not valid. Reason: Time must be an RFC 3339 timestamp, such as 2024-06-01T10:15:30Z.` | ours |
//! | entries over the size limit | `ValidationException` | `Total size of the entries in the request is over the limit.` | AWS (request-level) |
//! | more than 10 entries | `ValidationException` | `1 validation error detected: Value '[PutEventsRequestEntry]' at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10` | AWS, with the entry list abbreviated |
//! | no entries | `ValidationException` | the same, `greater than or equal to 1` | AWS wording |
//! | a field of the wrong type, an unknown field | `ParamValidationError` | `Invalid type for parameter Entries[0].Detail, value: {…}, type: object, valid types: string` | the AWS CLI's (botocore's) wording, with JSON type names |
//! | not JSON | `SerializationException` | `The request is not valid JSON: …` | ours |
//!
//! AWS's own message for more than 10 entries lists every entry's fields
//! where we write `[PutEventsRequestEntry]`.
//!
//! # Sizes and times
//!
//! An entry's size is computed as AWS documents it ("Calculating PutEvents
//! event entry size"): 14 bytes for `Time` when given, plus the UTF-8 bytes
//! of `Source`, `DetailType`, `Detail` and each of `Resources`. A request's
//! entries may total at most [`MAX_REQUEST_BYTES`], 1 MiB: AWS raised the
//! limit from 256 KiB on 2026-01-29 (reported by third parties, who also
//! measured that exactly 1,048,576 bytes are accepted). evpat's
//! `Limits::AWS` allows the same 1 MiB per event.
//!
//! `Time` is an RFC 3339 timestamp, or a JSON number of seconds since the
//! epoch (what the SDKs send). Either way the delivered event's `time` is
//! UTC to the second, `2024-06-01T10:15:30Z`, as EventBridge writes it.
//!
//! `Detail` is parsed with `serde_json`, so number lexemes are not kept
//! (`1e2` becomes `100.0`) and nesting deeper than 128 is malformed.

use std::fmt;

use chrono::{DateTime, Datelike, SecondsFormat, Timelike, Utc};
use serde::Deserialize;
use serde_json::{Map, Value, json};

/// The most entries one PutEvents request may carry.
pub const MAX_ENTRIES: usize = 10;

/// The longest `DetailType`, in characters.
pub const MAX_DETAIL_TYPE_CHARS: usize = 128;

/// The most bytes a request's entries may total, as [`entry_size`] counts
/// them: 1 MiB, AWS's limit since 2026-01-29 (256 KiB before).
pub const MAX_REQUEST_BYTES: usize = 1024 * 1024;

/// What `Time` counts for in an entry's size, whatever its text.
const TIME_BYTES: usize = 14;

/// The fields of a `PutEventsRequestEntry`, in botocore's order.
const ENTRY_FIELDS: [&str; 7] =
    ["Time", "Source", "Resources", "DetailType", "Detail", "EventBusName", "TraceHeader"];

/// One entry of a PutEvents request, in AWS's shape:
/// `{"Source", "DetailType", "Detail", "Resources", "Time", "EventBusName",
/// "TraceHeader"}`.
///
/// An absent or `null` string field reads as empty, and PutEvents treats an
/// empty `Source`, `DetailType` or `Detail` as missing. Deserializing fails
/// (with a [`RequestError`]) on a field of the wrong type or an unknown
/// field, as the AWS CLI refuses such a request before sending it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(try_from = "Value")]
pub struct PutEventsEntry {
    /// `Source`: who sent the event, such as `com.example.orders`.
    pub source: String,
    /// `DetailType`: what kind of event it is.
    pub detail_type: String,
    /// `Detail`: the event's detail, as a JSON *string* holding an object.
    pub detail: String,
    /// `Resources`: ARNs the event concerns.
    pub resources: Vec<String>,
    /// `Time`: when the event happened, RFC 3339. Numbers of epoch seconds
    /// are read into RFC 3339 text.
    pub time: Option<String>,
    /// `EventBusName`: the bus, by name or ARN. Not part of the event.
    pub event_bus_name: Option<String>,
    /// `TraceHeader`: an X-Ray trace header. Not part of the event.
    pub trace_header: Option<String>,
}

/// What EventBridge adds to an entry when it accepts it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delivery {
    /// The event's `id`, a UUID in AWS.
    pub id: String,
    /// The event's `time` when the entry has no `Time`: RFC 3339, used as
    /// given (AWS writes UTC to the second, `2024-06-01T10:15:30Z`).
    pub time: String,
    /// The event's `account`: the bus owner's 12-digit account id.
    pub account: String,
    /// The event's `region`, such as `us-east-1`.
    pub region: String,
}

/// The size AWS counts for an entry against [`MAX_REQUEST_BYTES`]: 14 bytes
/// for `Time` when given, plus the UTF-8 bytes of `Source`, `DetailType`,
/// `Detail` and each resource.
pub fn entry_size(entry: &PutEventsEntry) -> usize {
    let time = if entry.time.is_some() { TIME_BYTES } else { 0 };
    time + entry.source.len()
        + entry.detail_type.len()
        + entry.detail.len()
        + entry.resources.iter().map(String::len).sum::<usize>()
}

/// The event EventBridge delivers for `entry`:
/// `{"version": "0", "id", "detail-type", "source", "account", "time",
/// "region", "resources", "detail"}` in that order, `detail` parsed from the
/// entry's string, `time` from the entry or else from `delivery`.
///
/// # Errors
///
/// The [`EntryError`] PutEvents reports for this entry. An entry over
/// [`MAX_REQUEST_BYTES`] on its own is refused here with AWS's request-level
/// message, since a request holding it would be.
pub fn entry_to_event(entry: &PutEventsEntry, delivery: &Delivery) -> Result<Value, EntryError> {
    let size = entry_size(entry);
    if size > MAX_REQUEST_BYTES {
        return Err(EntryError::new(EntryErrorKind::TooLarge));
    }
    if entry.source.is_empty() {
        return Err(EntryError::new(EntryErrorKind::MissingSource));
    }
    if entry.detail_type.is_empty() {
        return Err(EntryError::new(EntryErrorKind::MissingDetailType));
    }
    if entry.detail.is_empty() {
        return Err(EntryError::new(EntryErrorKind::MissingDetail));
    }
    let detail_type_chars = entry.detail_type.chars().count();
    if detail_type_chars > MAX_DETAIL_TYPE_CHARS {
        return Err(EntryError {
            kind: EntryErrorKind::DetailTypeTooLong,
            message: format!(
                "Parameter DetailType is not valid. Reason: DetailType has {detail_type_chars} \
                 characters, more than the {MAX_DETAIL_TYPE_CHARS} allowed."
            ),
        });
    }
    let time = match &entry.time {
        Some(time) => {
            normalize_time(time).ok_or_else(|| EntryError::new(EntryErrorKind::InvalidTime))?
        }
        None => delivery.time.clone(),
    };
    let detail = match serde_json::from_str::<Value>(&entry.detail) {
        Ok(detail @ Value::Object(_)) => detail,
        _ => return Err(EntryError::new(EntryErrorKind::MalformedDetail)),
    };
    Ok(json!({
        "version": "0",
        "id": delivery.id,
        "detail-type": entry.detail_type,
        "source": entry.source,
        "account": delivery.account,
        "time": time,
        "region": delivery.region,
        "resources": entry.resources,
        "detail": detail,
    }))
}

/// Runs a PutEvents request: one delivered event, or one entry's error, per
/// entry, in order.
///
/// `request_json` is the request body `{"Entries": [...]}` (with an optional
/// `EndpointId`), a bare array of entries, or a single entry object.
/// `delivery` is called once per entry, in order, with the entry's index,
/// for the id, time, account and region EventBridge would assign.
///
/// # Errors
///
/// A [`RequestError`] when the whole request fails: not JSON, not one of
/// the three shapes, a field of the wrong type, no entries or more than
/// [`MAX_ENTRIES`], or entries totalling more than [`MAX_REQUEST_BYTES`].
pub fn put_events(
    request_json: &str,
    delivery: impl Fn(usize) -> Delivery,
) -> Result<Vec<Result<Value, EntryError>>, RequestError> {
    let root: Value = serde_json::from_str(request_json).map_err(|error| RequestError {
        kind: RequestErrorKind::NotJson,
        message: format!("The request is not valid JSON: {error}"),
    })?;
    let items = match root {
        Value::Object(mut request) if request.contains_key("Entries") => {
            if let Some(key) =
                request.keys().find(|key| !matches!(key.as_str(), "Entries" | "EndpointId"))
            {
                return Err(RequestError::param(format!(
                    "Unknown parameter in input: \"{key}\", must be one of: Entries, EndpointId"
                )));
            }
            match request.remove("Entries") {
                Some(Value::Array(items)) => items,
                Some(other) => return Err(invalid_type("Entries", &other, "list")),
                None => Vec::new(),
            }
        }
        Value::Array(items) => items,
        entry @ Value::Object(_) => vec![entry],
        other => {
            return Err(RequestError::param(format!(
                "The request must be {{\"Entries\": [...]}}, an array of entries or one entry, \
                 not {}",
                json_type(&other)
            )));
        }
    };
    if items.is_empty() {
        return Err(RequestError::count(
            RequestErrorKind::NoEntries,
            "'[]'",
            "Member must have length greater than or equal to 1",
        ));
    }
    if items.len() > MAX_ENTRIES {
        return Err(RequestError::count(
            RequestErrorKind::TooManyEntries,
            "'[PutEventsRequestEntry]'",
            "Member must have length less than or equal to 10",
        ));
    }
    let entries = items
        .into_iter()
        .enumerate()
        .map(|(index, item)| PutEventsEntry::from_value(item, Some(index)))
        .collect::<Result<Vec<_>, _>>()?;
    if entries.iter().map(entry_size).sum::<usize>() > MAX_REQUEST_BYTES {
        return Err(RequestError {
            kind: RequestErrorKind::TooLarge,
            message: EntryErrorKind::TooLarge.aws_message().to_owned(),
        });
    }
    Ok(entries
        .iter()
        .enumerate()
        .map(|(index, entry)| entry_to_event(entry, &delivery(index)))
        .collect())
}

/// Whether `value` is a PutEvents entry (`Source`, `DetailType` or `Detail`
/// keys) rather than an event envelope (`source`, `detail-type`, `detail`).
///
/// ```
/// use evpat_rule::looks_like_entry;
/// use serde_json::json;
///
/// assert!(looks_like_entry(&json!({"Source": "a", "DetailType": "b", "Detail": "{}"})));
/// assert!(!looks_like_entry(&json!({"source": "a", "detail-type": "b", "detail": {}})));
/// ```
pub fn looks_like_entry(value: &Value) -> bool {
    let Value::Object(members) = value else { return false };
    ["Source", "DetailType", "Detail"].iter().any(|key| members.contains_key(*key))
        && !["source", "detail-type", "detail"].iter().any(|key| members.contains_key(*key))
}

/// Whether `value` is something [`put_events`] takes rather than an event:
/// one entry, a non-empty array of entries, or `{"Entries": [...]}`.
pub fn looks_like_request(value: &Value) -> bool {
    match value {
        Value::Object(members) => match members.get("Entries") {
            Some(Value::Array(_)) => true,
            _ => looks_like_entry(value),
        },
        Value::Array(items) => !items.is_empty() && items.iter().all(looks_like_entry),
        _ => false,
    }
}

impl PutEventsEntry {
    /// Reads an entry from its JSON; `index` places it in a request for
    /// error messages (`Entries[3].Detail`).
    fn from_value(value: Value, index: Option<usize>) -> Result<PutEventsEntry, RequestError> {
        let prefix = index.map(|index| format!("Entries[{index}]")).unwrap_or_default();
        let parameter = |field: &str| {
            if prefix.is_empty() { field.to_owned() } else { format!("{prefix}.{field}") }
        };
        let members = match value {
            Value::Object(members) => members,
            other => {
                let name = if prefix.is_empty() { "entry".to_owned() } else { prefix.clone() };
                return Err(invalid_type(&name, &other, "structure"));
            }
        };
        if let Some(key) = members.keys().find(|key| !ENTRY_FIELDS.contains(&key.as_str())) {
            let place = if prefix.is_empty() { "entry" } else { &prefix };
            return Err(RequestError::param(format!(
                "Unknown parameter in {place}: \"{key}\", must be one of: {}",
                ENTRY_FIELDS.join(", ")
            )));
        }
        let string = |members: &Map<String, Value>, field: &str| match members.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(text)) => Ok(Some(text.clone())),
            Some(other) => Err(invalid_type(&parameter(field), other, "string")),
        };
        let resources = match members.get("Resources") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, item)| match item {
                    Value::String(text) => Ok(text.clone()),
                    other => {
                        Err(invalid_type(&parameter(&format!("Resources[{i}]")), other, "string"))
                    }
                })
                .collect::<Result<_, _>>()?,
            Some(other) => return Err(invalid_type(&parameter("Resources"), other, "list")),
        };
        let time = match members.get("Time") {
            None | Some(Value::Null) => None,
            Some(Value::String(text)) => Some(text.clone()),
            // The SDKs send timestamps as epoch seconds. One out of range
            // keeps its digits, and fails the entry's RFC 3339 check.
            Some(Value::Number(number)) => {
                Some(number.as_f64().and_then(format_epoch).unwrap_or_else(|| number.to_string()))
            }
            Some(other) => {
                return Err(invalid_type(&parameter("Time"), other, "timestamp, number"));
            }
        };
        Ok(PutEventsEntry {
            source: string(&members, "Source")?.unwrap_or_default(),
            detail_type: string(&members, "DetailType")?.unwrap_or_default(),
            detail: string(&members, "Detail")?.unwrap_or_default(),
            resources,
            time,
            event_bus_name: string(&members, "EventBusName")?,
            trace_header: string(&members, "TraceHeader")?,
        })
    }
}

impl TryFrom<Value> for PutEventsEntry {
    type Error = RequestError;

    fn try_from(value: Value) -> Result<PutEventsEntry, RequestError> {
        PutEventsEntry::from_value(value, None)
    }
}

/// Why PutEvents refuses one entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EntryErrorKind {
    /// No `Source`, or an empty one.
    MissingSource,
    /// No `DetailType`, or an empty one.
    MissingDetailType,
    /// No `Detail`, or an empty one.
    MissingDetail,
    /// `Detail` is not JSON, or is JSON but not an object (`"[1]"`,
    /// `"\"text\""`).
    MalformedDetail,
    /// `DetailType` is longer than [`MAX_DETAIL_TYPE_CHARS`].
    DetailTypeTooLong,
    /// `Time` is not an RFC 3339 timestamp.
    InvalidTime,
    /// The entry alone is larger than [`MAX_REQUEST_BYTES`].
    TooLarge,
}

impl EntryErrorKind {
    fn code(self) -> &'static str {
        match self {
            EntryErrorKind::MalformedDetail => "MalformedDetail",
            EntryErrorKind::TooLarge => "ValidationException",
            _ => "InvalidArgument",
        }
    }

    fn aws_message(self) -> &'static str {
        match self {
            EntryErrorKind::MissingSource => {
                "Parameter Source is not valid. Reason: Source is a required argument."
            }
            EntryErrorKind::MissingDetailType => {
                "Parameter DetailType is not valid. Reason: DetailType is a required argument."
            }
            EntryErrorKind::MissingDetail => {
                "Parameter Detail is not valid. Reason: Detail is a required argument."
            }
            EntryErrorKind::MalformedDetail => "Detail is malformed.",
            EntryErrorKind::InvalidTime => {
                "Parameter Time is not valid. Reason: Time must be an RFC 3339 timestamp, such as \
                 2024-06-01T10:15:30Z."
            }
            EntryErrorKind::TooLarge => {
                "Total size of the entries in the request is over the limit."
            }
            // Built with the length; see `entry_to_event`.
            EntryErrorKind::DetailTypeTooLong => "Parameter DetailType is not valid.",
        }
    }
}

/// An entry PutEvents refuses, with the `ErrorCode` and `ErrorMessage` its
/// result entry carries. The other entries of the request are unaffected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryError {
    kind: EntryErrorKind,
    message: String,
}

impl EntryError {
    fn new(kind: EntryErrorKind) -> EntryError {
        EntryError { kind, message: kind.aws_message().to_owned() }
    }

    /// Why the entry was refused.
    pub fn kind(&self) -> EntryErrorKind {
        self.kind
    }

    /// The result entry's `ErrorCode`, such as `MalformedDetail`.
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// The result entry's `ErrorMessage`, such as `Detail is malformed.`
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for EntryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for EntryError {}

/// Why a whole PutEvents request fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RequestErrorKind {
    /// The request is not JSON.
    NotJson,
    /// A field has the wrong type or is unknown, or the request is not one
    /// of the accepted shapes.
    Shape,
    /// No entries.
    NoEntries,
    /// More than [`MAX_ENTRIES`] entries.
    TooManyEntries,
    /// The entries total more than [`MAX_REQUEST_BYTES`].
    TooLarge,
}

/// A PutEvents request that fails as a whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestError {
    kind: RequestErrorKind,
    message: String,
}

impl RequestError {
    fn param(message: String) -> RequestError {
        RequestError { kind: RequestErrorKind::Shape, message }
    }

    fn count(kind: RequestErrorKind, value: &str, constraint: &str) -> RequestError {
        RequestError {
            kind,
            message: format!(
                "1 validation error detected: Value {value} at 'entries' failed to satisfy \
                 constraint: {constraint}"
            ),
        }
    }

    /// Why the request failed.
    pub fn kind(&self) -> RequestErrorKind {
        self.kind
    }

    /// The error's code: `ValidationException` for AWS's own checks,
    /// `ParamValidationError` for the shape checks the AWS CLI makes before
    /// sending, `SerializationException` for text that is not JSON.
    pub fn code(&self) -> &'static str {
        match self.kind {
            RequestErrorKind::NotJson => "SerializationException",
            RequestErrorKind::Shape => "ParamValidationError",
            _ => "ValidationException",
        }
    }

    /// The message, in AWS's words where AWS's are known.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for RequestError {}

/// botocore's wording for a parameter of the wrong type.
fn invalid_type(parameter: &str, value: &Value, valid: &str) -> RequestError {
    let mut shown = value.to_string();
    if shown.chars().count() > 80 {
        shown = shown.chars().take(80).chain(['…']).collect();
    }
    RequestError::param(format!(
        "Invalid type for parameter {parameter}, value: {shown}, type: {}, valid types: {valid}",
        json_type(value)
    ))
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// `time` as EventBridge writes it, UTC to the second, when it is an RFC
/// 3339 timestamp: `2024-06-01T12:15:30.5+02:00` → `2024-06-01T10:15:30Z`.
fn normalize_time(time: &str) -> Option<String> {
    let instant = DateTime::parse_from_rfc3339(time).ok()?.with_timezone(&Utc);
    format_instant(instant.with_nanosecond(0)?)
}

/// RFC 3339 text for a number of epoch seconds, fractions dropped.
fn format_epoch(seconds: f64) -> Option<String> {
    // Beyond ±1e12 seconds the year has more than four digits.
    if !seconds.is_finite() || seconds.abs() > 1e12 {
        return None;
    }
    format_instant(DateTime::from_timestamp(seconds.floor() as i64, 0)?)
}

/// Four-digit years only, as RFC 3339 has them.
fn format_instant(instant: DateTime<Utc>) -> Option<String> {
    (0..=9999).contains(&instant.year()).then(|| instant.to_rfc3339_opts(SecondsFormat::Secs, true))
}

#[cfg(test)]
mod tests;
