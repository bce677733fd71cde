//! # evpat-web: the Event Pattern Playground
//!
//! A thin view over [`evpat`] and [`evpat_rule`]. [`state`] holds what the
//! user typed and nothing else; [`view_model`] derives everything shown
//! from it by calling the pure crates; the components only draw; [`persist`]
//! keeps the work in the browser and in share links; [`importer`] loads the
//! importers, a module of their own, on the first import.
//!
//! Nothing here decides whether an event matches: the crates do, and their
//! native tests say how.

pub mod app;
mod components;
pub mod importer;
pub mod persist;
pub mod samples;
pub mod state;
pub mod view_model;

pub use app::App;
