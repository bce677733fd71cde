//! Integration tests: one binary, a module per subject.

mod conformance;
mod explain;
mod limits;
#[cfg(not(target_arch = "wasm32"))]
mod properties;
mod ruleset;
mod samples;
