//! The workspace document: every rule and event the user typed, as text.
//!
//! ```json
//! {
//!   "format": "evpat-workspace",
//!   "version": 1,
//!   "rules": [{ "name": "…", "eventPattern": "{…}", "targets": [] }],
//!   "events": [{ "name": "…", "text": "{…}" }],
//!   "selectedRule": 0,
//!   "selectedEvent": 0,
//!   "exportFormat": "terraform"
//! }
//! ```
//!
//! Text fields hold exactly what was typed, valid or not: a half-written
//! pattern is work too. Missing fields take their defaults, so a document
//! trimmed by hand still loads; unknown fields are ignored, so that a later
//! version may add some without breaking this reader. A later version that
//! changes the meaning of a field raises [`VERSION`], and this reader then
//! refuses the document with a message that says so, rather than guess.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The version this code writes, and the newest it reads.
pub const VERSION: u64 = 1;

/// What `"format"` says in every workspace document.
pub const FORMAT: &str = "evpat-workspace";

/// The largest document read, in bytes: 16 events of AWS's largest size
/// (1 MB), which is already more than a browser's `localStorage` holds.
/// Larger text is refused before parsing.
pub const MAX_BYTES: usize = 16 * 1024 * 1024;

/// Everything in the playground that is the user's work.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Workspace {
    /// The rules, in the order shown.
    pub rules: Vec<Rule>,
    /// The events, in the order shown.
    pub events: Vec<Event>,
    /// The index of the rule the editor shows.
    pub selected_rule: usize,
    /// The index of the event the editor shows.
    pub selected_event: usize,
    /// The export tab shown, by its format name (`terraform`, …).
    pub export_format: String,
}

/// A rule as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Rule {
    /// `Name`.
    pub name: String,
    /// `Description`.
    pub description: String,
    /// `EventBusName`; empty for the default bus.
    pub event_bus_name: String,
    /// `State`: `ENABLED`, `DISABLED` or
    /// `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`.
    pub state: String,
    /// The event pattern's text.
    pub event_pattern: String,
    /// `ScheduleExpression`; empty for none.
    pub schedule_expression: String,
    /// The targets.
    pub targets: Vec<Target>,
}

/// A target as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Target {
    /// `Id`.
    pub id: String,
    /// `Arn`.
    pub arn: String,
    /// Whether the input transformer is on. Its two texts are kept either
    /// way, so that switching it off and on loses nothing.
    pub transform: bool,
    /// `InputPathsMap`, as JSON text.
    pub input_paths_map: String,
    /// `InputTemplate`.
    pub input_template: String,
}

/// An event as typed: a full event, a PutEvents entry, or JSON Lines.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Event {
    /// The name the user gave it.
    pub name: String,
    /// The text.
    pub text: String,
}

/// Why a document was not loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    /// What is wrong, in a sentence.
    pub message: String,
    /// Where, 1-based, when the text itself is at fault.
    pub line_column: Option<(usize, usize)>,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line_column {
            Some((line, column)) => write!(f, "{} (line {line}, column {column})", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for LoadError {}

fn refuse(message: impl Into<String>) -> LoadError {
    LoadError { message: message.into(), line_column: None }
}

fn positioned(prefix: &str, error: &serde_json::Error) -> LoadError {
    // serde_json's message ends in " at line L column C"; the position is
    // kept apart so that the page can word it its own way.
    let text = error.to_string();
    let message = text.split(" at line ").next().unwrap_or(&text);
    LoadError {
        message: format!("{prefix}{message}"),
        line_column: (error.line() > 0).then(|| (error.line(), error.column())),
    }
}

impl Workspace {
    /// The document's text, pretty-printed (a saved file is read by people
    /// too), with `format` and `version` first.
    pub fn to_json(&self) -> String {
        let mut text = String::with_capacity(self.byte_hint());
        text.push_str(&format!("{{\n  \"format\": \"{FORMAT}\",\n  \"version\": {VERSION},\n"));
        let body = serde_json::to_string_pretty(self).unwrap_or_default();
        // The body is an object: drop its opening brace and splice.
        text.push_str(body.strip_prefix("{\n").unwrap_or("}"));
        text
    }

    /// The document's text without spaces, for links.
    pub fn to_compact_json(&self) -> String {
        let body = serde_json::to_string(self).unwrap_or_default();
        let rest = body.strip_prefix('{').unwrap_or("}");
        let separator = if rest == "}" { "" } else { "," };
        format!("{{\"format\":\"{FORMAT}\",\"version\":{VERSION}{separator}{rest}")
    }

    /// Reads a document. Refuses text that is not JSON, is not a workspace,
    /// was written by a newer version, or holds no rule or no event; the
    /// selections are clamped to the lists.
    pub fn from_json(text: &str) -> Result<Workspace, LoadError> {
        Workspace::read(text, None)
    }

    /// Reads a document saved in two parts: the document, whose `events`
    /// are ignored, and the events as a JSON array. Autosave keeps them
    /// apart, so that a change to a rule does not rewrite a megabyte of
    /// events.
    pub fn from_parts(document: &str, events: &str) -> Result<Workspace, LoadError> {
        Workspace::read(document, Some(events))
    }

    /// The two parts [`Workspace::from_parts`] reads: the document with no
    /// events, and the events.
    pub fn to_parts(&self) -> (String, String) {
        (self.clone_without_events().to_json(), Workspace::events_json(&self.events))
    }

    /// The events as a JSON array, the second part of [`Workspace::to_parts`].
    pub fn events_json(events: &[Event]) -> String {
        serde_json::to_string(events).unwrap_or_default()
    }

    fn clone_without_events(&self) -> Workspace {
        Workspace {
            rules: self.rules.clone(),
            events: Vec::new(),
            selected_rule: self.selected_rule,
            selected_event: self.selected_event,
            export_format: self.export_format.clone(),
        }
    }

    fn read(text: &str, events: Option<&str>) -> Result<Workspace, LoadError> {
        let size = text.len() + events.map_or(0, str::len);
        if size > MAX_BYTES {
            return Err(refuse(format!(
                "the workspace is {} MB, over the {} MB this page reads",
                size / (1024 * 1024),
                MAX_BYTES / (1024 * 1024)
            )));
        }
        let mut value: Value = serde_json::from_str(text)
            .map_err(|error| positioned("the workspace is not valid JSON: ", &error))?;
        let Some(object) = value.as_object_mut() else {
            return Err(refuse("this is not a playground workspace: it is not a JSON object"));
        };
        if object.get("format").and_then(Value::as_str) != Some(FORMAT) {
            return Err(refuse(format!(
                "this is not a playground workspace: it has no \"format\": \"{FORMAT}\""
            )));
        }
        match object.get("version").and_then(Value::as_u64) {
            Some(version) if (1..=VERSION).contains(&version) => {}
            Some(version) if version > VERSION => {
                return Err(refuse(format!(
                    "this workspace was saved by a newer playground (format version \
                     {version}); this page reads version {VERSION}: open it in the \
                     newer playground"
                )));
            }
            _ => {
                return Err(refuse(format!(
                    "the workspace has no valid \"version\": this page reads version {VERSION}"
                )));
            }
        }
        if let Some(events) = events {
            let events: Value = serde_json::from_str(events).map_err(|error| {
                positioned("the workspace's events are not valid JSON: ", &error)
            })?;
            object.insert("events".to_owned(), events);
        }
        let mut workspace: Workspace = serde_json::from_value(value).map_err(|error| {
            positioned("the workspace does not have the expected shape: ", &error)
        })?;
        if workspace.rules.is_empty() || workspace.events.is_empty() {
            return Err(refuse("the workspace must hold at least one rule and one event"));
        }
        workspace.selected_rule = workspace.selected_rule.min(workspace.rules.len() - 1);
        workspace.selected_event = workspace.selected_event.min(workspace.events.len() - 1);
        Ok(workspace)
    }

    /// A guess at the size of the document, to allocate once.
    fn byte_hint(&self) -> usize {
        let rules: usize =
            self.rules.iter().map(|r| r.event_pattern.len() + r.name.len() + 256).sum();
        let events: usize = self.events.iter().map(|e| e.text.len() + e.name.len() + 64).sum();
        rules + events + 256
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn sample() -> Workspace {
        Workspace {
            rules: vec![Rule {
                name: "stopped".to_owned(),
                description: "EC2 \"stopping\" ✓".to_owned(),
                event_bus_name: String::new(),
                state: "ENABLED".to_owned(),
                event_pattern: "{\"source\": [\"aws.ec2\"], \"detail\": {\"n\": [1.50]}}"
                    .to_owned(),
                schedule_expression: String::new(),
                targets: vec![Target {
                    id: "t1".to_owned(),
                    arn: "arn:aws:sns:us-east-1:123456789012:alerts".to_owned(),
                    transform: true,
                    input_paths_map: "{\"s\": \"$.source\"}".to_owned(),
                    input_template: "\"<s>\"".to_owned(),
                }],
            }],
            events: vec![Event {
                name: "half-typed".to_owned(),
                text: "{\"source\": \"aws.".into(),
            }],
            selected_rule: 0,
            selected_event: 0,
            export_format: "terraform".to_owned(),
        }
    }

    #[test]
    fn a_document_reads_back_as_written() {
        let workspace = sample();
        assert_eq!(Workspace::from_json(&workspace.to_json()), Ok(workspace.clone()));
        assert_eq!(Workspace::from_json(&workspace.to_compact_json()), Ok(workspace));
    }

    #[test]
    fn the_document_starts_with_its_format_and_version() {
        let text = sample().to_json();
        assert!(
            text.starts_with(
                "{\n  \"format\": \"evpat-workspace\",\n  \"version\": 1,\n  \"rules\": [\n"
            ),
            "{text}"
        );
        let compact = sample().to_compact_json();
        assert!(compact.starts_with("{\"format\":\"evpat-workspace\",\"version\":1,\"rules\":[{"));
        // The text fields are kept byte for byte, lexemes included.
        assert!(compact.contains(
            r#""eventPattern":"{\"source\": [\"aws.ec2\"], \"detail\": {\"n\": [1.50]}}""#
        ));
    }

    #[test]
    fn a_document_in_two_parts_reads_back() {
        let workspace = sample();
        let (document, events) = workspace.to_parts();
        assert!(document.contains("\"events\": []"), "{document}");
        assert_eq!(events, r#"[{"name":"half-typed","text":"{\"source\": \"aws."}]"#);
        assert_eq!(Workspace::from_parts(&document, &events), Ok(workspace.clone()));
        // The events part wins over any events in the document.
        assert_eq!(Workspace::from_parts(&workspace.to_json(), &events), Ok(workspace));
        assert_eq!(
            Workspace::from_parts(&document, "[{").unwrap_err().to_string(),
            "the workspace's events are not valid JSON: EOF while parsing an object (line 1, column 2)"
        );
    }

    #[test]
    fn missing_fields_take_defaults_and_selections_are_clamped() {
        let text = r#"{"format": "evpat-workspace", "version": 1,
            "rules": [{"name": "r"}], "events": [{"text": "{}"}],
            "selectedRule": 7, "selectedEvent": 3, "later": true}"#;
        let workspace = Workspace::from_json(text).unwrap();
        assert_eq!(workspace.rules, vec![Rule { name: "r".to_owned(), ..Rule::default() }]);
        assert_eq!(workspace.events, vec![Event { name: String::new(), text: "{}".to_owned() }]);
        assert_eq!((workspace.selected_rule, workspace.selected_event), (0, 0));
        assert_eq!(workspace.export_format, "");
    }

    #[test]
    fn bad_documents_are_refused_with_a_reason() {
        let refused = |text: &str| Workspace::from_json(text).unwrap_err().to_string();
        assert_eq!(
            refused("{\"format\": \"evpat-workspace\",\n  \"version\": 1,"),
            "the workspace is not valid JSON: EOF while parsing a value (line 2, column 15)"
        );
        assert_eq!(refused("[1]"), "this is not a playground workspace: it is not a JSON object");
        assert_eq!(
            refused(r#"{"rules": []}"#),
            "this is not a playground workspace: it has no \"format\": \"evpat-workspace\""
        );
        assert_eq!(
            refused(r#"{"format": "evpat-workspace", "version": 2}"#),
            "this workspace was saved by a newer playground (format version 2); this page \
             reads version 1: open it in the newer playground"
        );
        for version in ["0", "\"1\"", "1.5", "-1", "null"] {
            assert_eq!(
                refused(&format!(r#"{{"format": "evpat-workspace", "version": {version}}}"#)),
                "the workspace has no valid \"version\": this page reads version 1",
                "{version}"
            );
        }
        assert_eq!(
            refused(r#"{"format": "evpat-workspace", "version": 1, "rules": [{"name": 5}]}"#),
            "the workspace does not have the expected shape: invalid type: integer `5`, expected a string"
        );
        assert_eq!(
            refused(r#"{"format": "evpat-workspace", "version": 1, "rules": [{}], "events": []}"#),
            "the workspace must hold at least one rule and one event"
        );
    }
}
