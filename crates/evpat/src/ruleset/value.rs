//! A leaf value of an event as the scanner found it, borrowed rather than
//! owned, and the one test of a condition against it.
//!
//! [`accepts`] is [`Condition::accepts`](crate::ir::Condition) for borrowed
//! values: the reference matcher's `Leaf` owns its string, and copying
//! every string the scanner keeps would cost more than matching it. The
//! differential test (`tests/ruleset.rs`) holds the two to the same
//! answers.

use crate::ir::{Condition, Scalar};

/// One leaf value: a string (decoded), a number (as the reference reads
/// it, the nearest `f64`), a boolean or null.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Value<'a> {
    String(&'a str),
    Number(f64),
    Bool(bool),
    Null,
}

/// Whether one present value satisfies `condition`; `exists: false` is
/// satisfied only by absence, which the caller decides.
pub(crate) fn accepts(condition: &Condition, value: Value<'_>) -> bool {
    match (condition, value) {
        (Condition::Exists(exists), _) => *exists,
        (Condition::AnythingBut(excluded), value) => !excluded.iter().any(|c| accepts(c, value)),
        (Condition::Equals(Scalar::String(a)), Value::String(b)) => a == b,
        (Condition::Equals(Scalar::Number(a)), Value::Number(b)) => *a == b,
        (Condition::Equals(Scalar::Bool(a)), Value::Bool(b)) => *a == b,
        (Condition::Equals(Scalar::Null), Value::Null) => true,
        (Condition::Prefix(text), Value::String(s)) => text.is_prefix_of(s),
        (Condition::Suffix(text), Value::String(s)) => text.is_suffix_of(s),
        (Condition::EqualsIgnoreCase(text), Value::String(s)) => text.equals(s),
        (Condition::Wildcard(glob), Value::String(s)) => glob.matches(s),
        (Condition::Cidr(block), Value::String(s)) => block.contains(s),
        (Condition::Numeric(range), Value::Number(x)) => range.contains(x),
        _ => false,
    }
}

/// Case folding as the reference folds (`ops::text`): Unicode lower case.
/// ASCII, the common case, is folded without the Unicode tables.
pub(crate) fn fold_into(s: &str, out: &mut String) {
    out.clear();
    if s.is_ascii() {
        out.push_str(s);
        out.make_ascii_lowercase();
    } else {
        out.push_str(&s.to_lowercase());
    }
}

/// The bits a number is looked up by: equal numbers give equal keys
/// (`-0` is `0`), so a hash of them finds what `==` would.
pub(crate) fn number_key(x: f64) -> u64 {
    if x == 0.0 { 0 } else { x.to_bits() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_is_unicode_lower_case() {
        let mut out = String::new();
        fold_into("HeLLo", &mut out);
        assert_eq!(out, "hello");
        fold_into("ÉTÉ", &mut out);
        assert_eq!(out, "été");
    }

    #[test]
    fn zero_has_one_key() {
        assert_eq!(number_key(-0.0), number_key(0.0));
        assert_ne!(number_key(1.0), number_key(-1.0));
    }
}
