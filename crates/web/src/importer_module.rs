//! The importers as a WebAssembly module of their own. trunk builds it
//! beside the page (`data-type="worker"` in index.html only means "build it,
//! do not load it"); the page loads it when the import box is first used
//! (`evpat_web::importer`). The importers' readers and messages are about a
//! sixth of what the page would otherwise load before its first verdict
//! (61 KB of 451 KB of wasm, gzipped).

use evpat_rule::import::{Source, import, outcome_to_json};
use wasm_bindgen::prelude::wasm_bindgen;

fn main() {}

/// Imports `text` as the kind named `source` ([`Source::name`]; any other
/// name, such as `""`, guesses), and answers with
/// [`evpat_rule::import::outcome_to_json`]'s text.
#[wasm_bindgen]
pub fn import_rules(text: &str, source: &str) -> String {
    outcome_to_json(&import(text, Source::from_name(source)))
}
