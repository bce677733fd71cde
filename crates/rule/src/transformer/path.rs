//! The JSON paths of `InputPathsMap`, in the subset EventBridge evaluates:
//! dot notation from `$`, array indexes and wildcards.

use serde_json::Value;

/// One step of a path.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Step {
    /// `.name`: a member of an object.
    Key(String),
    /// `[n]`: an element of an array; negative counts from the end.
    Index(i64),
    /// `.*` or `[*]`: every member or element.
    Wildcard,
}

/// A parsed path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Path {
    steps: Vec<Step>,
}

impl Path {
    /// Parses `$`, then `.name`, `.*`, `[n]` and `[*]` steps. A name runs to
    /// the next `.` or `[`, so dashes, slashes and other characters are
    /// part of it (`$.detail.instance-id`).
    ///
    /// # Errors
    ///
    /// Why EventBridge would not find anything with the path, in a phrase.
    pub fn parse(text: &str) -> Result<Path, String> {
        let Some(rest) = text.strip_prefix('$') else {
            return Err("a path starts with `$`".to_owned());
        };
        let mut steps = Vec::new();
        let mut rest = rest;
        while let Some(first) = rest.chars().next() {
            match first {
                '.' => {
                    let after = &rest[1..];
                    if let Some(tail) = after.strip_prefix('*') {
                        steps.push(Step::Wildcard);
                        rest = tail;
                        continue;
                    }
                    let length = after.find(['.', '[']).unwrap_or(after.len());
                    if length == 0 {
                        return Err(if after.starts_with('.') {
                            "`..` (deep scan) is not supported".to_owned()
                        } else {
                            "a `.` must be followed by a name".to_owned()
                        });
                    }
                    steps.push(Step::Key(after[..length].to_owned()));
                    rest = &after[length..];
                }
                '[' => {
                    let Some(close) = rest.find(']') else {
                        return Err("a `[` has no closing `]`".to_owned());
                    };
                    let inside = &rest[1..close];
                    if inside == "*" {
                        steps.push(Step::Wildcard);
                    } else if let Ok(index) = inside.parse::<i64>() {
                        steps.push(Step::Index(index));
                    } else if inside.starts_with(['\'', '"']) {
                        return Err(format!(
                            "bracket notation `[{inside}]` is not supported; use dot notation"
                        ));
                    } else {
                        return Err(format!("`[{inside}]` is not an array index"));
                    }
                    rest = &rest[close + 1..];
                }
                other => return Err(format!("`{other}` cannot follow `$` or a step")),
            }
        }
        Ok(Path { steps })
    }

    /// What the path finds in `root`. A path without wildcards finds one
    /// value; with wildcards, an array of everything found. `None` when
    /// nothing is found, or only `null`: either way AWS leaves the variable
    /// empty.
    pub fn select(&self, root: &Value) -> Option<Value> {
        let mut found = vec![root];
        for step in &self.steps {
            let mut next = Vec::new();
            for value in found {
                match (step, value) {
                    (Step::Key(key), Value::Object(members)) => next.extend(members.get(key)),
                    (Step::Index(index), Value::Array(items)) => {
                        let position = if *index < 0 {
                            i64::try_from(items.len()).ok().map(|length| length + index)
                        } else {
                            Some(*index)
                        };
                        let position = position.and_then(|p| usize::try_from(p).ok());
                        next.extend(position.and_then(|p| items.get(p)));
                    }
                    (Step::Wildcard, Value::Object(members)) => next.extend(members.values()),
                    (Step::Wildcard, Value::Array(items)) => next.extend(items),
                    _ => {}
                }
            }
            found = next;
        }
        if self.steps.contains(&Step::Wildcard) {
            (!found.is_empty()).then(|| Value::Array(found.into_iter().cloned().collect()))
        } else {
            found.first().filter(|value| !value.is_null()).map(|value| (*value).clone())
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn select(path: &str, value: &Value) -> Option<Value> {
        Path::parse(path).unwrap().select(value)
    }

    #[test]
    fn dot_notation_indexes_and_wildcards() {
        let event = json!({
            "resources": ["a", "b"],
            "detail": {"instance-id": "i-1", "a/b": 1, "items": [{"sku": "x"}, {"sku": "y"}]}
        });
        assert_eq!(select("$.detail.instance-id", &event), Some(json!("i-1")));
        assert_eq!(select("$.detail.a/b", &event), Some(json!(1)));
        assert_eq!(select("$.resources[0]", &event), Some(json!("a")));
        assert_eq!(select("$.resources[-1]", &event), Some(json!("b")));
        assert_eq!(select("$.resources[2]", &event), None);
        assert_eq!(select("$.detail.items[*].sku", &event), Some(json!(["x", "y"])));
        assert_eq!(select("$.detail.items.*.sku", &event), Some(json!(["x", "y"])));
        assert_eq!(select("$.detail.items[*].nope", &event), None);
        assert_eq!(select("$", &event), Some(event.clone()));
        assert_eq!(select("$.detail.missing", &event), None);
        assert_eq!(select("$.resources.x", &event), None);
    }

    #[test]
    fn null_is_nothing() {
        assert_eq!(select("$.a", &json!({"a": null})), None);
    }

    #[test]
    fn refuses_what_eventbridge_does_not_evaluate() {
        for (path, reason) in [
            ("detail.x", "a path starts with `$`"),
            ("$..x", "`..` (deep scan) is not supported"),
            ("$.", "a `.` must be followed by a name"),
            ("$['detail']", "bracket notation `['detail']` is not supported; use dot notation"),
            ("$.a[x]", "`[x]` is not an array index"),
            ("$.a[0", "a `[` has no closing `]`"),
            ("$x", "`x` cannot follow `$` or a step"),
        ] {
            assert_eq!(Path::parse(path).unwrap_err(), reason, "{path}");
        }
    }
}
