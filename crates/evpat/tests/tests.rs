//! Integration tests: one binary, a module per subject.

#[cfg(not(target_arch = "wasm32"))]
mod adversarial;
mod conformance;
mod errors;
mod explain;
mod limits;
#[cfg(not(target_arch = "wasm32"))]
mod properties;
mod ruleset;
mod samples;
