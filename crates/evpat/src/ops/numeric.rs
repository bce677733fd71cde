//! `numeric`: ranges over JSON numbers, and the one place that decides
//! which numbers a pattern may compare.

use crate::ast::{NumericToken, NumericTokenValue};
use crate::error::ErrorKind;

/// The values a `numeric` filter accepts: `[">", 0, "<=", 5]` is
/// `(0, 5]`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Range {
    lower: Option<Bound>,
    upper: Option<Bound>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Bound {
    value: f64,
    inclusive: bool,
}

impl Range {
    pub fn contains(&self, x: f64) -> bool {
        let above = self.lower.is_none_or(|b| if b.inclusive { x >= b.value } else { x > b.value });
        let below = self.upper.is_none_or(|b| if b.inclusive { x <= b.value } else { x < b.value });
        above && below
    }
}

/// Why a `numeric` array is not valid: AWS's kind and reason, and the
/// index of the offending element.
pub(crate) type NumericError = (ErrorKind, String, usize);

/// Checks a `numeric` array, element by element as AWS does:
/// an operator, a number, and for `>`/`>=` optionally `<`/`<=` and a
/// number.
pub(crate) fn range(tokens: &[NumericToken]) -> Result<Range, NumericError> {
    let operator = |i: usize| -> Result<&str, NumericError> {
        match &tokens[i].value {
            NumericTokenValue::Operator(op)
                if ["<", "<=", "=", ">=", ">"].contains(&op.as_str()) =>
            {
                Ok(op.as_str())
            }
            NumericTokenValue::Operator(op) => Err(unknown_operator(op, i)),
            NumericTokenValue::Number(written) | NumericTokenValue::Other(written) => {
                Err(unknown_operator(written, i))
            }
        }
    };
    let number = |i: usize, op: &str| -> Result<f64, NumericError> {
        // event-ruler names `=` "equals" in this one message.
        let name = if op == "=" { "equals" } else { op };
        let not_numeric = || {
            (
                ErrorKind::NumericValue,
                format!("Value of {name} must be numeric"),
                i.min(tokens.len() - 1),
            )
        };
        match tokens.get(i).map(|t| &t.value) {
            Some(NumericTokenValue::Number(lexeme)) => comparable(lexeme).ok_or((
                ErrorKind::NumberNotComparable,
                format!("Cannot compare number {lexeme}"),
                i,
            )),
            _ => Err(not_numeric()),
        }
    };
    let too_many = |i: usize| {
        (ErrorKind::NumericTooLong, "Too many elements in numeric expression".to_owned(), i)
    };

    let first = operator(0)?;
    let value = number(1, first)?;
    let bound = |inclusive| Some(Bound { value, inclusive });
    let mut range = match first {
        "=" => Range { lower: bound(true), upper: bound(true) },
        "<" => Range { lower: None, upper: bound(false) },
        "<=" => Range { lower: None, upper: bound(true) },
        ">" => Range { lower: bound(false), upper: None },
        _ => Range { lower: bound(true), upper: None },
    };
    if tokens.len() == 2 {
        return Ok(range);
    }
    if matches!(first, "=" | "<" | "<=") {
        return Err(too_many(2));
    }
    // The second operator must close the range the first one opened.
    let second = match &tokens[2].value {
        NumericTokenValue::Operator(op) if matches!(op.as_str(), "<" | "<=") => op.as_str(),
        NumericTokenValue::Operator(written)
        | NumericTokenValue::Number(written)
        | NumericTokenValue::Other(written) => {
            return Err((
                ErrorKind::NumericOperator,
                format!("Bad numeric range operator: {written}"),
                2,
            ));
        }
    };
    let value = number(3, second)?;
    range.upper = Some(Bound { value, inclusive: second == "<=" });
    if tokens.len() > 4 {
        return Err((
            ErrorKind::NumericTooLong,
            "Too many terms in numeric range expression".to_owned(),
            4,
        ));
    }
    Ok(range)
}

fn unknown_operator(written: &str, i: usize) -> NumericError {
    (ErrorKind::NumericOperator, format!("Unrecognized numeric range operator: {written}"), i)
}

/// The number a lexeme stands for, when a double holds it exactly: it is
/// finite, and its shortest decimal form has the same value as what was
/// written (the Decisions in the notes). `0.1` passes; `9007199254740993`
/// does not, because it becomes `9007199254740992`.
pub(crate) fn comparable(lexeme: &str) -> Option<f64> {
    let value: f64 = lexeme.parse().ok()?;
    if !value.is_finite() {
        return None;
    }
    // Rust prints the shortest decimal that reads back as the same double.
    (decimal(lexeme)? == decimal(&value.to_string())?).then_some(value)
}

/// A decimal's value as (negative, significant digits, exponent) with
/// value = 0.digits × 10^exponent, so that equal values compare equal
/// whatever their spelling (`300`, `300.0`, `3e2`).
fn decimal(text: &str) -> Option<(bool, String, i64)> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(i) => (&rest[..i], rest[i + 1..].parse::<i64>().ok()?),
        None => (rest, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits: String = int.chars().chain(frac.chars()).collect();
    let leading = digits.len() - digits.trim_start_matches('0').len();
    let significant = digits.trim_start_matches('0').trim_end_matches('0');
    if significant.is_empty() {
        return Some((false, String::new(), 0));
    }
    // Checked: an exponent near `i64::MIN` or `i64::MAX` (a panic in
    // debug builds before) is no exact double anyway.
    let point = (int.len() as i64).checked_sub(leading as i64)?.checked_add(exponent)?;
    Some((negative, significant.to_owned(), point))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::Span;

    fn tokens(json: &str) -> Vec<NumericToken> {
        let value: Vec<serde_json::Value> = serde_json::from_str(json).unwrap();
        value
            .iter()
            .map(|v| NumericToken {
                value: match v {
                    serde_json::Value::String(s) => NumericTokenValue::Operator(s.clone()),
                    serde_json::Value::Number(n) => NumericTokenValue::Number(n.to_string()),
                    other => NumericTokenValue::Other(other.to_string()),
                },
                span: Span::default(),
                path: String::new(),
            })
            .collect()
    }

    fn reason(json: &str) -> String {
        range(&tokens(json)).unwrap_err().1
    }

    #[test]
    fn one_comparison_or_a_range() {
        let r = range(&tokens(r#"[">", 0, "<=", 5]"#)).unwrap();
        assert!(!r.contains(0.0) && r.contains(0.1) && r.contains(5.0) && !r.contains(5.01));
        let r = range(&tokens(r#"["=", 301.8]"#)).unwrap();
        assert!(r.contains(301.8) && !r.contains(301.81));
        let r = range(&tokens(r#"["<", 10]"#)).unwrap();
        assert!(r.contains(-1e300) && !r.contains(10.0));
        let r = range(&tokens(r#"[">=", 10]"#)).unwrap();
        assert!(r.contains(10.0) && !r.contains(9.999));
    }

    #[test]
    fn aws_reasons() {
        assert_eq!(reason(r#"[">", 0, ">", 0]"#), "Bad numeric range operator: >");
        assert_eq!(reason(r#"[">", 0, "<"]"#), "Value of < must be numeric");
        assert_eq!(reason(r#"[">", "5"]"#), "Value of > must be numeric");
        assert_eq!(reason(r#"["==", 5]"#), "Unrecognized numeric range operator: ==");
        assert_eq!(reason(r#"[">", 0, "==", 5]"#), "Bad numeric range operator: ==");
        assert_eq!(reason(r#"["<", 5, ">", 0]"#), "Too many elements in numeric expression");
        assert_eq!(reason(r#"["=", 5, 6]"#), "Too many elements in numeric expression");
        assert_eq!(reason(r#"[">", 0, "<", 5, 6]"#), "Too many terms in numeric range expression");
        assert_eq!(reason(r#"["=", "5"]"#), "Value of equals must be numeric");
        assert_eq!(reason(r#"[">"]"#), "Value of > must be numeric");
    }

    #[test]
    fn only_exact_doubles_are_comparable() {
        assert_eq!(comparable("0.1"), Some(0.1));
        assert_eq!(comparable("300.0"), Some(300.0));
        assert_eq!(comparable("3e2"), Some(300.0));
        assert_eq!(comparable("-0.50"), Some(-0.5));
        assert_eq!(comparable("0"), Some(0.0));
        assert_eq!(comparable("-0"), Some(0.0));
        assert_eq!(comparable("1.7976931348623157e308"), Some(f64::MAX));
        assert_eq!(comparable("9007199254740992"), Some(9007199254740992.0));
        assert_eq!(comparable("9007199254740993"), None);
        assert_eq!(comparable("1.00000000000000000001"), None);
        assert_eq!(comparable("1e400"), None);
        // Exponents at the ends of i64 overflowed here (a debug panic).
        assert_eq!(comparable("0.001e-9223372036854775808"), None);
        assert_eq!(comparable("1e-9223372036854775808"), None);
    }
}
