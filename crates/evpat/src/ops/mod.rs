//! The operators' own semantics, one module each: parsing an operand,
//! validating it with AWS's messages, and testing an event value.

pub(crate) mod cidr;
pub(crate) mod numeric;
pub(crate) mod text;
pub(crate) mod wildcard;
