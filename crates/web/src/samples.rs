//! The gallery: realistic AWS events and sample rules, read from the data
//! files in `web/samples/`, where every sample pattern states its verdict
//! for every sample event (`tests/samples_matrix.rs` checks them all).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use evpat_rule::builder::format_json;
use serde::Deserialize;
use serde_json::Value;

const EVENTS: &str = include_str!("../../../web/samples/events.json");
const RULES: &str = include_str!("../../../web/samples/rules.json");

/// A sample event.
#[derive(Clone, Debug, PartialEq)]
pub struct SampleEvent {
    /// A stable id, used by the rules' expectations.
    pub id: String,
    /// What the gallery calls it.
    pub name: String,
    /// The event as pretty JSON.
    pub text: String,
}

/// A sample rule: one or more patterns (a Jets method may declare several).
#[derive(Clone, Debug, PartialEq)]
pub struct SampleRule {
    /// A stable id.
    pub id: String,
    /// The rule's name, valid for AWS.
    pub name: String,
    /// What it is for.
    pub description: String,
    /// Its patterns.
    pub patterns: Vec<SamplePattern>,
}

/// One pattern of a sample rule. Its stated verdicts are in
/// [`stated_verdicts`], which only the tests read.
#[derive(Clone, Debug, PartialEq)]
pub struct SamplePattern {
    /// The pattern, formatted.
    pub text: String,
}

#[derive(Deserialize)]
struct RawEvent {
    id: String,
    name: String,
    event: Value,
}

#[derive(Deserialize)]
struct RawRules {
    rules: Vec<RawRule>,
}

#[derive(Deserialize)]
struct RawRule {
    id: String,
    name: String,
    description: String,
    patterns: Vec<RawPattern>,
}

#[derive(Deserialize)]
struct RawPattern {
    pattern: Value,
}

/// The data's verdicts: read apart from the gallery, so that the page,
/// which never shows them, carries no code for them.
#[derive(Deserialize)]
struct RawVerdicts {
    rules: Vec<RawRuleVerdicts>,
}

#[derive(Deserialize)]
struct RawRuleVerdicts {
    id: String,
    patterns: Vec<RawPatternVerdicts>,
}

#[derive(Deserialize)]
struct RawPatternVerdicts {
    expected: BTreeMap<String, String>,
}

/// Pretty JSON in the playground's style. The samples are valid JSON (the
/// matrix test reads them), so the fallback is never shown.
fn pretty(value: &Value) -> String {
    let compact = value.to_string();
    format_json(&compact).unwrap_or(compact)
}

/// The sample events, read once. Data that does not read gives an empty
/// gallery rather than a panic; the native test catches it first.
pub fn events() -> &'static [SampleEvent] {
    static EVENTS_READ: OnceLock<Vec<SampleEvent>> = OnceLock::new();
    EVENTS_READ.get_or_init(|| {
        serde_json::from_str::<Vec<RawEvent>>(EVENTS)
            .map(|raw| {
                raw.into_iter()
                    .map(|e| SampleEvent { id: e.id, name: e.name, text: pretty(&e.event) })
                    .collect()
            })
            .unwrap_or_default()
    })
}

/// The sample rules, read once.
pub fn rules() -> &'static [SampleRule] {
    static RULES_READ: OnceLock<Vec<SampleRule>> = OnceLock::new();
    RULES_READ.get_or_init(|| {
        serde_json::from_str::<RawRules>(RULES)
            .map(|raw| {
                raw.rules
                    .into_iter()
                    .map(|r| SampleRule {
                        id: r.id,
                        name: r.name,
                        description: r.description,
                        patterns: r
                            .patterns
                            .into_iter()
                            .map(|p| SamplePattern { text: pretty(&p.pattern) })
                            .collect(),
                    })
                    .collect()
            })
            .unwrap_or_default()
    })
}

/// The verdict the data states for each pattern of each rule (in
/// [`rules`]' order), by event id: whether it matches.
///
/// # Errors
///
/// The data does not read, or states something other than `match` or `no
/// match` for every event in every pattern; the error says where.
pub fn stated_verdicts() -> Result<Vec<Vec<BTreeMap<String, bool>>>, String> {
    let events: Vec<RawEvent> =
        serde_json::from_str(EVENTS).map_err(|e| format!("events.json: {e}"))?;
    let verdicts: RawVerdicts =
        serde_json::from_str(RULES).map_err(|e| format!("rules.json: {e}"))?;
    for rule in &verdicts.rules {
        for (i, pattern) in rule.patterns.iter().enumerate() {
            for event in &events {
                match pattern.expected.get(&event.id).map(String::as_str) {
                    Some("match" | "no match") => {}
                    other => {
                        return Err(format!(
                            "rules.json: {} pattern {}: expected verdict for {} is {other:?}, \
                             not \"match\" or \"no match\"",
                            rule.id,
                            i + 1,
                            event.id
                        ));
                    }
                }
            }
            if pattern.expected.len() != events.len() {
                return Err(format!(
                    "rules.json: {} pattern {} states verdicts for events that do not exist",
                    rule.id,
                    i + 1
                ));
            }
        }
    }
    Ok(verdicts
        .rules
        .into_iter()
        .map(|rule| {
            rule.patterns
                .into_iter()
                .map(|p| p.expected.into_iter().map(|(id, v)| (id, v == "match")).collect())
                .collect()
        })
        .collect())
}

/// Checks that the data files read as the gallery reads them, and state a
/// verdict, `match` or `no match`, for every event in every pattern; the
/// gallery would silently be empty otherwise.
pub fn check_data() -> Result<(), String> {
    serde_json::from_str::<RawRules>(RULES).map_err(|e| format!("rules.json: {e}"))?;
    stated_verdicts().map(drop)
}
