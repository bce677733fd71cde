//! Stage three: [`ast`](crate::ast) to [`ir`](crate::ir). Meaning errors
//! (a bad CIDR block, a numeric range out of order, a glob too complex),
//! and the `$or` expansion with its combination limit.

use crate::ast::{
    AnythingBut, Case, Field, FieldValue, Literal, Matcher, MatcherKind, Object, Operand,
};
use crate::error::{Error, ErrorKind, Subject};
use crate::ir::{Branch, Condition, Ir, Rule, Scalar};
use crate::json::{self, Span};
use crate::limits::Limits;
use crate::ops::cidr::{Cidr, CidrPart};
use crate::ops::numeric;
use crate::ops::text::Text;
use crate::ops::wildcard::{self, Wildcard};

/// Validates a parsed pattern and expands it into branches.
pub(crate) fn validate(text: &str, root: &Object, limits: &Limits) -> Result<Ir, Error> {
    let validator = Validator { text };
    let combinations = combinations(root);
    if combinations > limits.max_combinations {
        let span = first_or_span(root).unwrap_or(Span { start: 0, end: text.len() });
        return Err(Error::new(
            Subject::Pattern,
            ErrorKind::TooManyCombinations,
            format!(
                "The pattern has {combinations} $or combinations, more than the {} allowed",
                limits.max_combinations
            ),
            text,
            span,
            "$",
        )
        .with_hint(format!(
            "split the rule into several rules, or use fewer $or alternatives: at most {} combinations (Limits::max_combinations)",
            limits.max_combinations
        )));
    }
    let branches = validator.expand(root, "")?;
    Ok(Ir { branches: branches.into_iter().map(|rules| Branch { rules }).collect() })
}

/// The condition one matcher stands for, for a pattern that validated.
pub(crate) fn condition(text: &str, matcher: &Matcher) -> Result<Condition, Error> {
    Validator { text }.condition(matcher)
}

/// How many branches `$or` expands `object` into: alternatives add up,
/// and sibling fields multiply. Saturates rather than overflows.
fn combinations(object: &Object) -> usize {
    object.fields.iter().fold(1usize, |product, field| {
        let count = match &field.value {
            FieldValue::Leaf(_) => 1,
            FieldValue::Nested(object) => combinations(object),
            FieldValue::Or(branches) => {
                branches.iter().fold(0usize, |sum, branch| sum.saturating_add(combinations(branch)))
            }
        };
        product.saturating_mul(count)
    })
}

fn first_or_span(object: &Object) -> Option<Span> {
    object.fields.iter().find_map(|field| match &field.value {
        FieldValue::Or(_) => Some(field.key_span),
        FieldValue::Nested(object) => first_or_span(object),
        FieldValue::Leaf(_) => None,
    })
}

struct Validator<'a> {
    text: &'a str,
}

impl Validator<'_> {
    #[cold]
    fn error(&self, kind: ErrorKind, reason: String, span: Span, path: &str) -> Error {
        Error::new(Subject::Pattern, kind, reason, self.text, span, path)
    }

    /// Every combination of rules `object` stands for, under the event
    /// path `prefix`.
    fn expand(&self, object: &Object, prefix: &str) -> Result<Vec<Vec<Rule>>, Error> {
        let mut combos: Vec<Vec<Rule>> = vec![Vec::new()];
        for field in &object.fields {
            let mut alternatives = self.field(field, prefix)?;
            // One alternative (no `$or`): extend in place. Copying every
            // combination for every field made 10,000 siblings quadratic.
            if alternatives.len() == 1 {
                let alternative = alternatives.pop().unwrap_or_default();
                match combos.as_mut_slice() {
                    [only] => only.extend(alternative),
                    _ => combos.iter_mut().for_each(|combo| combo.extend(alternative.clone())),
                }
                continue;
            }
            combos = combos
                .iter()
                .flat_map(|combo| {
                    alternatives.iter().map(move |alternative| {
                        let mut rules = combo.clone();
                        rules.extend(alternative.iter().cloned());
                        rules
                    })
                })
                .collect();
        }
        Ok(combos)
    }

    fn field(&self, field: &Field, prefix: &str) -> Result<Vec<Vec<Rule>>, Error> {
        let path =
            if prefix.is_empty() { field.key.clone() } else { format!("{prefix}.{}", field.key) };
        match &field.value {
            FieldValue::Leaf(matchers) => {
                let conditions =
                    matchers.iter().map(|m| self.condition(m)).collect::<Result<_, _>>()?;
                Ok(vec![vec![Rule { path, conditions, key_span: field.key_span }]])
            }
            FieldValue::Nested(object) => self.expand(object, &path),
            // `$or` adds no path segment: its branches sit beside it.
            FieldValue::Or(branches) => {
                let mut all = Vec::new();
                for branch in branches {
                    all.extend(self.expand(branch, prefix)?);
                }
                Ok(all)
            }
        }
    }

    fn condition(&self, matcher: &Matcher) -> Result<Condition, Error> {
        Ok(match &matcher.kind {
            MatcherKind::Exact(literal) => Condition::Equals(scalar(literal)),
            MatcherKind::Prefix(operand, case) => {
                Condition::Prefix(Text::new(&operand.value, *case))
            }
            MatcherKind::Suffix(operand, case) => {
                Condition::Suffix(Text::new(&operand.value, *case))
            }
            MatcherKind::EqualsIgnoreCase(operand) => {
                Condition::EqualsIgnoreCase(Text::new(&operand.value, Case::Insensitive))
            }
            MatcherKind::Wildcard(operand) => Condition::Wildcard(self.wildcard(operand)?),
            MatcherKind::Exists(exists) => Condition::Exists(*exists),
            MatcherKind::Numeric(tokens) => {
                Condition::Numeric(numeric::range(tokens).map_err(|(kind, reason, i)| {
                    let token = &tokens[i];
                    self.error(kind, reason, token.span, &token.path)
                })?)
            }
            MatcherKind::Cidr(operand) => {
                Condition::Cidr(Cidr::parse(&operand.value).map_err(|(kind, reason, part)| {
                    let value = &operand.value;
                    let slash = value.find('/').unwrap_or(value.len());
                    let span = match part {
                        CidrPart::Whole => operand.span,
                        CidrPart::Address => self.inner_span(operand, 0, slash),
                        CidrPart::Mask => {
                            self.inner_span(operand, (slash + 1).min(value.len()), value.len())
                        }
                    };
                    self.error(kind, reason, span, &operand.path)
                })?)
            }
            MatcherKind::AnythingBut(excluded) => Condition::AnythingBut(match excluded {
                AnythingBut::Values(values) => {
                    values.iter().map(|v| Condition::Equals(scalar(v))).collect()
                }
                AnythingBut::Prefix(texts) => texts
                    .iter()
                    .map(|t| Condition::Prefix(Text::new(&t.value, Case::Sensitive)))
                    .collect(),
                AnythingBut::Suffix(texts) => texts
                    .iter()
                    .map(|t| Condition::Suffix(Text::new(&t.value, Case::Sensitive)))
                    .collect(),
                AnythingBut::EqualsIgnoreCase(texts) => texts
                    .iter()
                    .map(|t| Condition::EqualsIgnoreCase(Text::new(&t.value, Case::Insensitive)))
                    .collect(),
                AnythingBut::Wildcard(texts) => texts
                    .iter()
                    .map(|t| self.wildcard(t).map(Condition::Wildcard))
                    .collect::<Result<_, _>>()?,
            }),
        })
    }

    fn wildcard(&self, operand: &Operand) -> Result<Wildcard, Error> {
        let glob = Wildcard::parse(&operand.value).map_err(|(kind, reason, at)| {
            let span = json::decoded_offset_to_span(self.text, operand.span, at);
            self.error(kind, reason, span, &operand.path)
        })?;
        let complexity = glob.complexity(wildcard::MAX_ACTIVE_STATES);
        if complexity > wildcard::MAX_ACTIVE_STATES {
            // AWS's text; the hint names the limit.
            return Err(self
                .error(
                    ErrorKind::WildcardTooComplex,
                    "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character".to_owned(),
                    operand.span,
                    &operand.path,
                )
                .with_hint(format!(
                    "use fewer wildcards, or fewer repeated characters after a wildcard: this glob can keep {complexity} or more matcher states active at once, over the limit of {}",
                    wildcard::MAX_ACTIVE_STATES
                )));
        }
        Ok(glob)
    }

    /// The source span of decoded bytes `start..end` of a string operand.
    fn inner_span(&self, operand: &Operand, start: usize, end: usize) -> Span {
        let first = json::decoded_offset_to_span(self.text, operand.span, start);
        if end <= start {
            return first;
        }
        let mut last_char = end - 1;
        while !operand.value.is_char_boundary(last_char) {
            last_char -= 1;
        }
        let last = json::decoded_offset_to_span(self.text, operand.span, last_char);
        Span { start: first.start, end: last.end.max(first.start) }
    }
}

fn scalar(literal: &Literal) -> Scalar {
    match literal {
        Literal::String(s) => Scalar::String(s.clone()),
        // A number too large for a double reads as ±infinity, as an event's
        // does, so it equals an event's overflowing number of the same sign
        // (AWS's answer is not recorded). Valid JSON numbers always parse.
        Literal::Number(lexeme) => Scalar::Number(lexeme.parse().unwrap_or(f64::NAN)),
        Literal::Bool(b) => Scalar::Bool(*b),
        Literal::Null => Scalar::Null,
    }
}
