//! evpat-rule's integration tests, in one binary so that they link once.

mod golden;
mod import;
mod parse_back;
mod parse_back_hcl;
