//! # evpat-workspace: the playground's work, saved and shared
//!
//! Everything the user typed in the playground, as one versioned JSON
//! document ([`Workspace`]), and the same document packed into a link's
//! fragment ([`link`]). Pure: no browser, no clock, no I/O, so that both
//! are tested natively and fuzzed (`fuzz/`). The web crate only moves the
//! text in and out of `localStorage`, files and the address bar.
//!
//! - [`document`]: the format, its version, and reading it with positioned
//!   errors, so that bad or old saved state becomes a notice.
//! - [`link`]: `#share=1.…`, DEFLATE then base64url, with size limits
//!   checked before any work is done.

pub mod document;
pub mod link;

pub use document::{Event, LoadError, Rule, Target, VERSION, Workspace};
pub use link::{LinkError, decode, encode};
