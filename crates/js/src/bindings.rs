//! The exports wasm-bindgen sees. Each converts at the boundary and
//! nothing else: strings in, and out booleans, strings, or plain objects
//! made by `serde-wasm-bindgen`; an error leaves as a thrown plain object
//! ([`ErrorObject`]) that the JavaScript wrapper turns into an
//! `EventPatternError`.
//!
//! These are the raw module's exports, for the wrapper in `js/api.mjs`
//! only: it turns objects into JSON text, fills in defaults from the
//! JavaScript clock and `crypto.randomUUID`, and gives the types.

use serde::Serialize;
use serde_wasm_bindgen::Serializer;
use wasm_bindgen::prelude::*;

use crate::api::{self, EnvelopeOptions, Rules, TransformOptions};
use crate::error::{ErrorObject, ErrorSubject};

/// Installs the panic hook when the module is instantiated.
///
/// A panic is a bug in evpat, but one must not leave the caller with a dead
/// module: in WebAssembly a panic aborts (`unreachable`), and whatever it
/// interrupted (the allocator, a borrowed cell) stays broken in this
/// instance. So the hook asks wasm-bindgen for a fresh instance before the
/// next call, and throws the panic's message as a JavaScript error, which
/// unwinds out of WebAssembly to the wrapper without running any more Rust.
/// `schedule_reinit` is `#[doc(hidden)]` in wasm-bindgen 0.2.130; the
/// workspace pins that version exactly.
#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        wasm_bindgen::handler::schedule_reinit();
        wasm_bindgen::throw_str(&format!("evpat panicked: {info}"));
    }));
}

/// Asks for a fresh instance before the next call. The wrapper calls it
/// after a trap no panic hook saw (a stack overflow), which leaves the
/// instance in an unknown state.
#[wasm_bindgen(js_name = scheduleReinit)]
pub fn schedule_reinit() {
    wasm_bindgen::handler::schedule_reinit();
}

/// Does nothing. Any call runs wasm-bindgen's check for a scheduled
/// reinit first, and this one has no arguments, so no string is copied
/// into the instance being replaced.
#[wasm_bindgen]
pub fn ping() {}

/// Panics, so that the tests can prove the recovery above works. Not part
/// of the wrapper's API.
#[wasm_bindgen(js_name = panicForTests)]
pub fn panic_for_tests() {
    panic!("the recovery test's panic");
}

/// Plain objects, as `JSON.parse` would make them: maps as objects,
/// `None` as `null`.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value.serialize(&Serializer::json_compatible()).map_err(|error| {
        thrown(Box::new(ErrorObject::new(ErrorSubject::Internal, format!("evpat: {error}"))))
    })
}

/// The value to throw for `error`.
fn thrown(error: Box<ErrorObject>) -> JsValue {
    // An `ErrorObject` is strings, numbers and nulls, which always serialize.
    error
        .serialize(&Serializer::json_compatible())
        .unwrap_or_else(|_| JsValue::from_str(&error.message))
}

/// `matches(pattern, event)`: any JSON object is an event.
#[wasm_bindgen]
pub fn matches(pattern: &str, event: &str) -> Result<bool, JsValue> {
    api::matches(pattern, event).map_err(thrown)
}

/// `testEventPattern(pattern, event)`: AWS's API, envelope check included.
#[wasm_bindgen(js_name = testEventPattern)]
pub fn test_event_pattern(pattern: &str, event: &str) -> Result<bool, JsValue> {
    api::test_event_pattern(pattern, event).map_err(thrown)
}

/// `check(pattern)`: `{valid, error, lints}`.
#[wasm_bindgen]
pub fn check(pattern: &str) -> Result<JsValue, JsValue> {
    to_js(&api::check(pattern))
}

/// `explain(pattern, event)`: `{matched, root}`.
#[wasm_bindgen]
pub fn explain(pattern: &str, event: &str) -> Result<JsValue, JsValue> {
    to_js(&api::explain(pattern, event).map_err(thrown)?)
}

/// `exportRule(rule, format)`: `{text, warnings}`.
#[wasm_bindgen(js_name = exportRule)]
pub fn export_rule(rule: &str, format: &str) -> Result<JsValue, JsValue> {
    to_js(&api::export_rule(rule, format).map_err(thrown)?)
}

/// `nextRuns(expression, from, count, tz, service)`: epoch milliseconds.
/// `service` is `rule`, `scheduler`, or absent for the default.
#[wasm_bindgen(js_name = nextRuns)]
pub fn next_runs(
    expression: &str,
    from: &str,
    count: f64,
    tz: Option<String>,
    service: Option<String>,
) -> Result<Vec<f64>, JsValue> {
    let count = api::run_count(count).map_err(thrown)?;
    let service = service.as_deref().map(api::service).transpose().map_err(thrown)?;
    api::next_runs(expression, from, count, tz.as_deref(), service).map_err(thrown)
}

/// The event as JSON text: `JSON.parse` reads it as JavaScript would read
/// any event.
#[wasm_bindgen]
pub fn envelope(
    entry: &str,
    id: &str,
    time: &str,
    account: &str,
    region: &str,
) -> Result<String, JsValue> {
    api::envelope(entry, &EnvelopeOptions { id, time, account, region }).map_err(thrown)
}

/// `transform(transformer, event, …)`: `{output, delivered, reason, lints}`.
#[wasm_bindgen]
pub fn transform(
    transformer: &str,
    event: &str,
    rule_name: &str,
    account: &str,
    region: &str,
    ingestion_time: &str,
) -> Result<JsValue, JsValue> {
    let options = TransformOptions { rule_name, account, region, ingestion_time };
    to_js(&api::transform(transformer, event, &options).map_err(thrown)?)
}

/// Rules matched together; the wrapper's `RuleSet` holds one.
#[wasm_bindgen(js_name = RuleSet)]
#[derive(Default)]
pub struct JsRuleSet {
    rules: Rules,
}

#[wasm_bindgen(js_class = RuleSet)]
impl JsRuleSet {
    /// No rules.
    #[wasm_bindgen(constructor)]
    pub fn new() -> JsRuleSet {
        JsRuleSet::default()
    }

    /// Adds or replaces a rule.
    pub fn add(&mut self, id: String, pattern: &str) -> Result<(), JsValue> {
        self.rules.add(id, pattern).map_err(thrown)
    }

    /// Removes a rule; whether there was one.
    pub fn remove(&mut self, id: &str) -> bool {
        self.rules.remove(id)
    }

    /// How many rules there are.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> usize {
        self.rules.len()
    }

    /// The ids, in order.
    pub fn ids(&mut self) -> Vec<String> {
        self.rules.ids()
    }

    /// The ids of the rules that match the event.
    pub fn matches(&mut self, event: &str) -> Result<Vec<String>, JsValue> {
        self.rules.matches(event).map_err(thrown)
    }
}
