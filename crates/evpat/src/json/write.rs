//! Writing a [`Node`] back out as JSON text, numbers as written, and the
//! small accessors the exporters and importers use.
//!
//! Writing recurses once per level of nesting. Trees from [`super::read`]
//! are within its depth limit; code that builds trees from other input
//! (the rule crate's importers) must bound the depth itself.

use super::{Member, Node, Number, Span, Value, quote};

impl Node {
    /// A node with no place in any text, for trees built by code.
    pub fn new(value: Value) -> Node {
        Node { value, span: Span::default() }
    }

    /// The value of the last member named `key`, when this is an object.
    /// The last one is the one AWS applies.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.members()?.iter().rev().find(|member| member.key == key).map(|member| &member.value)
    }

    /// The members, when this is an object.
    pub fn members(&self) -> Option<&[Member]> {
        match &self.value {
            Value::Object(members) => Some(members),
            _ => None,
        }
    }

    /// The items, when this is an array.
    pub fn items(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The string, when this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// Resolves duplicate keys in every object as AWS and JavaScript do:
    /// the last value wins, in the place of the first occurrence.
    ///
    /// ```
    /// let mut node = evpat::json::read(r#"{"a": 1, "b": {"c": 1, "c": 2}, "a": 3}"#, 10).unwrap();
    /// node.resolve_duplicates();
    /// assert_eq!(node.to_compact(), r#"{"a":3,"b":{"c":2}}"#);
    /// ```
    pub fn resolve_duplicates(&mut self) {
        match &mut self.value {
            Value::Array(items) => items.iter_mut().for_each(Node::resolve_duplicates),
            Value::Object(members) => {
                let mut kept: Vec<Member> = Vec::with_capacity(members.len());
                for mut member in members.drain(..) {
                    member.value.resolve_duplicates();
                    match kept.iter_mut().find(|earlier| earlier.key == member.key) {
                        Some(earlier) => earlier.value = member.value,
                        None => kept.push(member),
                    }
                }
                *members = kept;
            }
            _ => {}
        }
    }

    /// Compact JSON, with every number's lexeme as written.
    ///
    /// ```
    /// let node = evpat::json::read(r#"{ "n": [ 1.50, 1e2 ], "s": "a\"b" }"#, 10).unwrap();
    /// assert_eq!(node.to_compact(), r#"{"n":[1.50,1e2],"s":"a\"b"}"#);
    /// ```
    pub fn to_compact(&self) -> String {
        let mut out = String::new();
        compact(self, &mut out);
        out
    }

    /// JSON indented by two spaces. An array of scalars stays on one line
    /// (`"source": ["aws.ec2"]`), as people write patterns.
    ///
    /// ```
    /// let node = evpat::json::read(r#"{"source":["aws.ec2"],"detail":{"n":[{"numeric":[">",1.50]}]}}"#, 10).unwrap();
    /// assert_eq!(node.to_pretty(), r#"{
    ///   "source": ["aws.ec2"],
    ///   "detail": {
    ///     "n": [
    ///       {
    ///         "numeric": [">", 1.50]
    ///       }
    ///     ]
    ///   }
    /// }"#);
    /// ```
    pub fn to_pretty(&self) -> String {
        let mut out = String::new();
        pretty(self, 0, &mut out);
        out
    }
}

impl Number {
    /// A number from its lexeme, when the lexeme is JSON number syntax.
    pub fn new(lexeme: &str) -> Option<Number> {
        is_json_number(lexeme).then(|| Number { lexeme: lexeme.to_owned() })
    }
}

/// Whether `s` is a number as JSON writes one: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
pub fn is_json_number(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            digits(&mut i);
        }
        _ => return false,
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

fn scalar(value: &Value, out: &mut String) -> bool {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.lexeme),
        Value::String(s) => out.push_str(&quote(s)),
        Value::Array(_) | Value::Object(_) => return false,
    }
    true
}

fn compact(node: &Node, out: &mut String) {
    if scalar(&node.value, out) {
        return;
    }
    match &node.value {
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                compact(item, out);
            }
            out.push(']');
        }
        Value::Object(members) => {
            out.push('{');
            for (i, member) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&quote(&member.key));
                out.push(':');
                compact(&member.value, out);
            }
            out.push('}');
        }
        _ => {}
    }
}

fn pretty(node: &Node, indent: usize, out: &mut String) {
    if scalar(&node.value, out) {
        return;
    }
    let pad = |out: &mut String, level: usize| out.extend(std::iter::repeat_n("  ", level));
    match &node.value {
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Object(members) if members.is_empty() => out.push_str("{}"),
        Value::Array(items)
            if items
                .iter()
                .all(|item| !matches!(item.value, Value::Array(_) | Value::Object(_))) =>
        {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                scalar(&item.value, out);
            }
            out.push(']');
        }
        Value::Array(items) => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                pad(out, indent + 1);
                pretty(item, indent + 1, out);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            pad(out, indent);
            out.push(']');
        }
        Value::Object(members) => {
            out.push_str("{\n");
            for (i, member) in members.iter().enumerate() {
                pad(out, indent + 1);
                out.push_str(&quote(&member.key));
                out.push_str(": ");
                pretty(&member.value, indent + 1, out);
                out.push_str(if i + 1 < members.len() { ",\n" } else { "\n" });
            }
            pad(out, indent);
            out.push('}');
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_number_syntax() {
        for ok in ["0", "-0", "1.50", "1e2", "-1E+2", "12.5e-3"] {
            assert!(is_json_number(ok), "{ok}");
        }
        for bad in ["", "-", "01", "1.", ".5", "1e", "+1", "1e+", "NaN", "1_0"] {
            assert!(!is_json_number(bad), "{bad}");
        }
    }

    #[test]
    fn get_finds_the_last_duplicate() {
        let node = super::super::read(r#"{"a": 1, "a": 2}"#, 4).unwrap();
        assert_eq!(node.get("a").unwrap().to_compact(), "2");
        assert!(node.get("b").is_none());
    }
}
