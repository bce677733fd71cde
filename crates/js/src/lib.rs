//! # evpat-js: the WebAssembly core of the npm package `evpat`
//!
//! CDK, SAM and Serverless projects write their rules in TypeScript and
//! JavaScript, and want to assert in Jest or Vitest that a rule matches
//! the events it should, without AWS credentials. This crate exposes
//! [`evpat`] and [`evpat_rule`] to them through wasm-bindgen; `cargo xtask
//! npm` builds it into the package (`crates/xtask/src/npm.rs`).
//!
//! ```text
//! caller ─objects or JSON text─▶ js/api.mjs ─JSON text─▶ bindings ─▶ api ─▶ evpat, evpat-rule
//!        ◀─EventPatternError──── (wrapper)  ◀─thrown ErrorObject───┘
//! ```
//!
//! - [`api`]: every function in plain Rust, text in and serializable
//!   values or an [`ErrorObject`] out, tested natively.
//! - `bindings`: the wasm-bindgen exports, which only convert.
//! - `js/`: the JavaScript wrapper (objects become JSON text with
//!   `JSON.stringify`, so a number keeps its exact text only when the
//!   caller passes JSON text), the `EventPatternError` class, the Jest and
//!   Vitest matchers, and the hand-written TypeScript declarations.
//!
//! # Never panic
//!
//! A panic in WebAssembly aborts the call and leaves the instance broken.
//! Nothing here unwraps, counts are capped before anything is allocated
//! for them ([`api::MAX_RUNS`]), and the engine bounds depth and size
//! ([`evpat::Limits`]). As a last resort, the panic hook has wasm-bindgen
//! start a fresh instance, and the wrapper turns the failure into an
//! `EventPatternError` whose subject is `internal`.
#![deny(missing_docs)]

pub mod api;
mod bindings;
mod error;
mod objects;

pub use error::{ErrorObject, ErrorSubject};
pub use objects::{
    CheckObject, CheckReport, ComparedObject, ExplanationObject, ExportObject, LintObject,
    SubjectObject, TransformObject, TransformerLintObject,
};
