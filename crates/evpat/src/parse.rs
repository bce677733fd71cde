//! Stage two: JSON to [`ast`](crate::ast). Shape errors only, with AWS's
//! reasons: a leaf that is not an array, an unknown operator, an operand
//! of the wrong JSON type.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::ast::{
    AnythingBut, Case, Field, FieldValue, Literal, Matcher, MatcherKind, NumericToken,
    NumericTokenValue, Object, Operand,
};
use crate::error::{Error, ErrorKind, Subject};
use crate::json::{self, Member, Node, Span, Value};

/// The filter names of EventBridge's pattern language. Inside a `$or`
/// branch they may not be used as field names.
pub(crate) const OPERATORS: &[&str] = &[
    "prefix",
    "suffix",
    "equals-ignore-case",
    "anything-but",
    "numeric",
    "cidr",
    "exists",
    "wildcard",
];

/// A key given twice in one object: only the last occurrence counts.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Duplicate {
    pub key: String,
    /// The occurrence that is ignored.
    pub ignored: Span,
    pub path: String,
}

/// Parses the root of a pattern; also returns the duplicate keys found.
pub(crate) fn parse(text: &str, root: &Node) -> Result<(Object, Vec<Duplicate>), Error> {
    let parser = Parser { text, duplicates: RefCell::new(Vec::new()) };
    let object = match &root.value {
        Value::Object(members) => parser.object(members, root.span, "$", false)?,
        _ => {
            return Err(parser.error(
                ErrorKind::FilterNotObject,
                "Filter is not an object",
                root.span,
                "$",
            ));
        }
    };
    Ok((object, parser.duplicates.into_inner()))
}

struct Parser<'a> {
    text: &'a str,
    duplicates: RefCell<Vec<Duplicate>>,
}

impl Parser<'_> {
    #[cold]
    fn error(&self, kind: ErrorKind, reason: impl Into<String>, span: Span, path: &str) -> Error {
        Error::new(Subject::Pattern, kind, reason, self.text, span, path)
    }

    #[cold]
    fn empty_array(&self, span: Span, path: &str) -> Error {
        self.error(ErrorKind::EmptyArray, "Empty arrays are not allowed", span, path)
    }

    fn object(
        &self,
        members: &[Member],
        span: Span,
        path: &str,
        or_branch: bool,
    ) -> Result<Object, Error> {
        if members.is_empty() {
            return Err(self.error(
                ErrorKind::EmptyObject,
                "Empty objects are not allowed",
                span,
                path,
            ));
        }
        // Every member is checked, in order, as AWS's streaming parser
        // does; then the last occurrence of each key wins.
        // Each key's place in `slots`; a key seen again empties its old
        // slot, so that 10,000 siblings cost 10,000 lookups, not 10,000².
        let mut slots: Vec<Option<Field>> = Vec::with_capacity(members.len());
        let mut places: HashMap<&str, usize> = HashMap::with_capacity(members.len());
        for member in members {
            let field = self.field(member, path, or_branch)?;
            if let Some(earlier) = places.insert(&member.key, slots.len())
                && let Some(earlier) = slots[earlier].take()
            {
                self.duplicates.borrow_mut().push(Duplicate {
                    key: earlier.key,
                    ignored: earlier.key_span,
                    path: earlier.path,
                });
            }
            slots.push(Some(field));
        }
        Ok(Object { fields: slots.into_iter().flatten().collect() })
    }

    fn field(&self, member: &Member, parent: &str, or_branch: bool) -> Result<Field, Error> {
        let Member { key, key_span, value } = member;
        let path = json::child_path(parent, key);
        if or_branch && OPERATORS.contains(&key.as_str()) {
            return Err(self.error(
                ErrorKind::OrReservedField,
                format!("{key} is Ruler reserved fieldName which cannot be used inside $or."),
                *key_span,
                &path,
            ));
        }
        let value = match &value.value {
            Value::Array(items) if key == "$or" && is_or(items) => {
                FieldValue::Or(self.or_branches(items, value.span, &path)?)
            }
            _ if key == "$or" && !matches!(value.value, Value::Array(_)) => {
                return Err(self.error(
                    ErrorKind::OrNotArray,
                    "It must be an Array followed with $or.",
                    value.span,
                    &path,
                ));
            }
            Value::Object(members) => {
                FieldValue::Nested(self.object(members, value.span, &path, false)?)
            }
            Value::Array(items) if items.is_empty() => {
                return Err(self.empty_array(value.span, &path));
            }
            Value::Array(items) => FieldValue::Leaf(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| self.matcher(item, &format!("{path}[{i}]")))
                    .collect::<Result<_, _>>()?,
            ),
            _ => {
                let written = &self.text[value.span.start..value.span.end];
                return Err(self
                    .error(
                        ErrorKind::LeafNotArray,
                        format!("\"{key}\" must be an object or an array"),
                        value.span,
                        &path,
                    )
                    .with_hint(format!("put the value in an array: [{written}]")));
            }
        };
        Ok(Field { key: key.clone(), key_span: *key_span, path, value })
    }

    fn or_branches(&self, items: &[Node], span: Span, path: &str) -> Result<Vec<Object>, Error> {
        if items.len() < 2 {
            return Err(self.error(
                ErrorKind::OrTooFewBranches,
                "There must have at least 2 Objects in $or relationship.",
                span,
                path,
            ));
        }
        items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let path = format!("{path}[{i}]");
                match &item.value {
                    Value::Object(members) => self.object(members, item.span, &path, true),
                    _ => Err(self.error(
                        ErrorKind::OrNotArray,
                        "It must be an Array followed with $or.",
                        item.span,
                        &path,
                    )),
                }
            })
            .collect()
    }

    fn matcher(&self, node: &Node, path: &str) -> Result<Matcher, Error> {
        let kind = match &node.value {
            Value::Array(_) => {
                return Err(self.error(
                    ErrorKind::InvalidMatchValue,
                    "Match value must be String, number, true, false, or null",
                    node.span,
                    path,
                ));
            }
            Value::Object(members) => self.filter(members, node.span, path)?,
            scalar => MatcherKind::Exact(literal(scalar)),
        };
        Ok(Matcher { kind, span: node.span, path: path.to_owned() })
    }

    /// A filter object such as `{"prefix": "i-"}`.
    fn filter(&self, members: &[Member], span: Span, path: &str) -> Result<MatcherKind, Error> {
        let member = match members {
            [] => {
                return Err(self.error(
                    ErrorKind::EmptyObject,
                    "Match expression name not found",
                    span,
                    path,
                ));
            }
            [member] => member,
            [first, second, ..] => {
                // event-ruler reads `numeric` and `anything-but` operands
                // with a parser that reports any extra key this way.
                let reason = if matches!(first.key.as_str(), "numeric" | "anything-but") {
                    "Too many elements in numeric expression"
                } else {
                    "Only one key allowed in match expression"
                };
                return Err(self.error(ErrorKind::OnlyOneKey, reason, second.key_span, path));
            }
        };
        let name = member.key.as_str();
        let operand = &member.value;
        let path = json::child_path(path, name);
        let not_string = |what: &str| {
            self.error(
                ErrorKind::OperandNotString,
                format!("{what} match pattern must be a string"),
                operand.span,
                &path,
            )
        };
        Ok(match name {
            "prefix" | "suffix" => {
                let (text, case) = match &operand.value {
                    Value::String(_) => (self.operand(operand, &path)?, Case::Sensitive),
                    Value::Object(inner) => match &inner[..] {
                        [Member { key, value, .. }] if key == "equals-ignore-case" => {
                            let path = json::child_path(&path, key);
                            if !matches!(value.value, Value::String(_)) {
                                return Err(self.error(
                                    ErrorKind::OperandNotString,
                                    "equals-ignore-case match pattern must be a string",
                                    value.span,
                                    &path,
                                ));
                            }
                            (self.operand(value, &path)?, Case::Insensitive)
                        }
                        _ => return Err(not_string(name)),
                    },
                    _ => return Err(not_string(name)),
                };
                if name == "prefix" {
                    MatcherKind::Prefix(text, case)
                } else {
                    MatcherKind::Suffix(text, case)
                }
            }
            "equals-ignore-case" => match operand.value {
                Value::String(_) => MatcherKind::EqualsIgnoreCase(self.operand(operand, &path)?),
                _ => return Err(not_string(name)),
            },
            "wildcard" => match operand.value {
                Value::String(_) => MatcherKind::Wildcard(self.operand(operand, &path)?),
                _ => return Err(not_string(name)),
            },
            // AWS checks a CIDR operand with the prefix parser's message.
            "cidr" => match operand.value {
                Value::String(_) => MatcherKind::Cidr(self.operand(operand, &path)?),
                _ => return Err(not_string("prefix")),
            },
            "exists" => match operand.value {
                Value::Bool(exists) => MatcherKind::Exists(exists),
                _ => {
                    return Err(self.error(
                        ErrorKind::ExistsNotBoolean,
                        "exists match pattern must be either true or false.",
                        operand.span,
                        &path,
                    ));
                }
            },
            "numeric" => match &operand.value {
                Value::Array(items) if items.is_empty() => {
                    return Err(self.empty_array(operand.span, &path));
                }
                Value::Array(items) => MatcherKind::Numeric(
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, item)| self.numeric_token(item, &format!("{path}[{i}]")))
                        .collect(),
                ),
                _ => {
                    return Err(self.error(
                        ErrorKind::NumericNotArray,
                        "Value of numeric must be an array.",
                        operand.span,
                        &path,
                    ));
                }
            },
            "anything-but" => MatcherKind::AnythingBut(self.anything_but(operand, &path)?),
            unknown => {
                return Err(self.error(
                    ErrorKind::UnknownOperator,
                    format!("Unrecognized match type {unknown}"),
                    member.key_span,
                    &path,
                ));
            }
        })
    }

    fn anything_but(&self, operand: &Node, path: &str) -> Result<AnythingBut, Error> {
        let shape = |span: Span| {
            self.error(
                ErrorKind::AnythingButShape,
                "Value of anything-but must be an array or single string/number value.",
                span,
                path,
            )
        };
        match &operand.value {
            Value::String(_) | Value::Number(_) => {
                Ok(AnythingBut::Values(vec![literal(&operand.value)]))
            }
            Value::Array(items) if items.is_empty() => Err(self.empty_array(operand.span, path)),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| match item.value {
                    Value::String(_) | Value::Number(_) => Ok(literal(&item.value)),
                    _ => Err(self.error(
                        ErrorKind::AnythingButListType,
                        "Inside anything but list, start|null|boolean is not supported.",
                        item.span,
                        &format!("{path}[{i}]"),
                    )),
                })
                .collect::<Result<_, _>>()
                .map(AnythingBut::Values),
            Value::Object(members) => match &members[..] {
                [Member { key, value, .. }] => {
                    let path = json::child_path(path, key);
                    match key.as_str() {
                        "prefix" | "suffix" => {
                            let texts = self.anything_but_texts(value, &path, |node, path| match node.value {
                                Value::String(ref s) if s.is_empty() => Err(self.error(
                                    ErrorKind::EmptyPrefixSuffix,
                                    "Null prefix/suffix not allowed",
                                    node.span,
                                    path,
                                )),
                                Value::String(_) => Ok(()),
                                Value::Object(_) => Err(shape(node.span)),
                                _ => Err(self.error(
                                    ErrorKind::OperandNotString,
                                    "prefix/suffix match pattern must be a string",
                                    node.span,
                                    path,
                                )),
                            })?;
                            Ok(if key == "prefix" {
                                AnythingBut::Prefix(texts)
                            } else {
                                AnythingBut::Suffix(texts)
                            })
                        }
                        "equals-ignore-case" => self
                            .anything_but_texts(value, &path, |node, path| match node.value {
                                Value::String(_) => Ok(()),
                                Value::Object(_) => Err(shape(node.span)),
                                _ => Err(self.error(
                                    ErrorKind::AnythingButIgnoreCaseListType,
                                    "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.",
                                    node.span,
                                    path,
                                )),
                            })
                            .map(AnythingBut::EqualsIgnoreCase),
                        "wildcard" => self
                            .anything_but_texts(value, &path, |node, path| match node.value {
                                Value::String(_) => Ok(()),
                                Value::Object(_) => Err(shape(node.span)),
                                _ => Err(self.error(
                                    ErrorKind::OperandNotString,
                                    "wildcard match pattern must be a string",
                                    node.span,
                                    path,
                                )),
                            })
                            .map(AnythingBut::Wildcard),
                        unknown => Err(self.error(
                            ErrorKind::AnythingButShape,
                            format!("Unsupported anything-but pattern: {unknown}"),
                            members[0].key_span,
                            &path,
                        )),
                    }
                }
                [] => Err(self.error(
                    ErrorKind::AnythingButShape,
                    "Anything-But expression name not found",
                    operand.span,
                    path,
                )),
                _ => Err(shape(operand.span)),
            },
            Value::Null | Value::Bool(_) => Err(shape(operand.span)),
        }
    }

    /// The strings of `anything-but`'s `prefix`, `suffix`,
    /// `equals-ignore-case` or `wildcard`: one, or a list, each checked by
    /// `check`.
    fn anything_but_texts(
        &self,
        node: &Node,
        path: &str,
        check: impl Fn(&Node, &str) -> Result<(), Error>,
    ) -> Result<Vec<Operand>, Error> {
        match &node.value {
            Value::Array(items) if items.is_empty() => Err(self.empty_array(node.span, path)),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let path = format!("{path}[{i}]");
                    check(item, &path)?;
                    self.operand(item, &path)
                })
                .collect(),
            _ => {
                check(node, path)?;
                Ok(vec![self.operand(node, path)?])
            }
        }
    }

    fn operand(&self, node: &Node, path: &str) -> Result<Operand, Error> {
        match &node.value {
            Value::String(value) => {
                Ok(Operand { value: value.clone(), span: node.span, path: path.to_owned() })
            }
            // Callers check the type first; this keeps the parser total.
            other => Err(self.error(
                ErrorKind::OperandNotString,
                format!("expected a string, found {}", other.type_name()),
                node.span,
                path,
            )),
        }
    }

    fn numeric_token(&self, node: &Node, path: &str) -> NumericToken {
        let value = match &node.value {
            Value::String(op) => NumericTokenValue::Operator(op.clone()),
            Value::Number(number) => NumericTokenValue::Number(number.lexeme.clone()),
            _ => NumericTokenValue::Other(self.text[node.span.start..node.span.end].to_owned()),
        };
        NumericToken { value, span: node.span, path: path.to_owned() }
    }
}

/// Whether a `$or` array is the `$or` primitive. An array of plain values
/// is an ordinary field that happens to be named `$or`, as AWS keeps it
/// for backward compatibility.
fn is_or(items: &[Node]) -> bool {
    items.is_empty() || items.iter().any(|item| matches!(item.value, Value::Object(_)))
}

fn literal(value: &Value) -> Literal {
    match value {
        Value::String(s) => Literal::String(s.clone()),
        Value::Number(n) => Literal::Number(n.lexeme.clone()),
        Value::Bool(b) => Literal::Bool(*b),
        _ => Literal::Null,
    }
}
