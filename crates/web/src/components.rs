//! The pieces of the page. They draw what they are given and report input
//! through callbacks; none of them decides anything.

pub mod explanation;
pub mod json_editor;
pub mod lints;
pub mod rule_output;
pub mod verdict;
