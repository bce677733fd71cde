//! The layout the code-writing formats give a pattern (or a target) written
//! as a literal: on one line when it fits in the line's width, else one
//! item or member a line, each of which is laid out the same way. The
//! JavaScript of `sdk-js` and `cdk-ts`, the Ruby of `jets`, and the HCL and
//! heredoc JSON of `terraform` differ only in their [`Syntax`]: the words,
//! the quoting, the commas and the width.
//!
//! The writers recurse once per level of the value's nesting: a pattern's
//! is bounded by [`evpat::Limits::max_pattern_depth`], and a target nests
//! four levels at most.

use evpat::json::{Node, Value};

/// What a language writes its own way.
pub(super) trait Syntax {
    /// The literal for JSON's `null`: Ruby's is `nil`.
    const NULL: &'static str = "null";
    /// What stands between a key and its value: `: `, ` = `, ` => `.
    const SEPARATOR: &'static str;
    /// Whether a one-line object has spaces inside its braces
    /// (`{ a: 1 }`), as Prettier, RuboCop and `terraform fmt` write them,
    /// rather than none, as JSON is written (`{"a": 1}`).
    const SPACED_BRACES: bool = true;
    /// Whether the last item or member of a value written one a line is
    /// followed by a comma too, as Prettier writes them (and the Ruby
    /// follows).
    const TRAILING_COMMA: bool;
    /// Whether an object with members is always written one member a line,
    /// as `terraform fmt` writes objects.
    const BREAK_OBJECTS: bool = false;
    /// The columns a one-line value leaves free before the width, for the
    /// comma or semicolon that follows it.
    const ROOM: usize = 1;

    /// The widest a line may be.
    fn width(&self) -> usize;
    /// `s` as a string literal.
    fn string(&self, s: &str) -> String;
    /// `key` as an object key.
    fn key(&self, key: &str) -> String;

    /// Writes an object's members one a line, at `indent` levels: `members`
    /// holds each key and value as they are written.
    fn members(&self, members: &[(String, String)], indent: usize, out: &mut String) {
        for (i, (key, value)) in members.iter().enumerate() {
            pad(out, indent);
            out.push_str(key);
            out.push_str(Self::SEPARATOR);
            out.push_str(value);
            out.push_str(line_end::<Self>(i, members.len()));
        }
    }
}

/// Writes `node` where `out` stands: on one line when it fits, else as
/// [`expanded`] writes it. `indent` is the indentation of the line the
/// value starts on, in levels of two spaces.
pub(super) fn value<S: Syntax>(syntax: &S, node: &Node, indent: usize, out: &mut String) {
    let flat = inline(syntax, node);
    let always_broken =
        S::BREAK_OBJECTS && matches!(&node.value, Value::Object(members) if !members.is_empty());
    if !always_broken && column(out) + flat.chars().count() + S::ROOM <= syntax.width() {
        out.push_str(&flat);
    } else {
        expanded(syntax, node, indent, out);
    }
}

/// Writes `node` as [`value`] does, but an array or object with items
/// always one item or member a line (its own items may still fit on one).
pub(super) fn expanded<S: Syntax>(syntax: &S, node: &Node, indent: usize, out: &mut String) {
    match &node.value {
        Value::Array(items) if !items.is_empty() => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                pad(out, indent + 1);
                value(syntax, item, indent + 1, out);
                out.push_str(line_end::<S>(i, items.len()));
            }
            pad(out, indent);
            out.push(']');
        }
        Value::Object(members) if !members.is_empty() => {
            let members: Vec<(String, String)> = members
                .iter()
                .map(|member| {
                    let key = syntax.key(&member.key);
                    // The value is written after its key, which tells it
                    // the column it starts at.
                    let mut line = String::new();
                    pad(&mut line, indent + 1);
                    line.push_str(&key);
                    line.push_str(S::SEPARATOR);
                    let start = line.len();
                    value(syntax, &member.value, indent + 1, &mut line);
                    (key, line.split_off(start))
                })
                .collect();
            out.push_str("{\n");
            syntax.members(&members, indent + 1, out);
            pad(out, indent);
            out.push('}');
        }
        _ => out.push_str(&inline(syntax, node)),
    }
}

/// `node` on one line: `{ key: ['a', 1] }`.
fn inline<S: Syntax>(syntax: &S, node: &Node) -> String {
    match &node.value {
        Value::Null => S::NULL.to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.lexeme.clone(),
        Value::String(s) => syntax.string(s),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(|item| inline(syntax, item)).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(members) if members.is_empty() => "{}".to_owned(),
        Value::Object(members) => {
            let members: Vec<String> = members
                .iter()
                .map(|m| {
                    format!("{}{}{}", syntax.key(&m.key), S::SEPARATOR, inline(syntax, &m.value))
                })
                .collect();
            if S::SPACED_BRACES {
                format!("{{ {} }}", members.join(", "))
            } else {
                format!("{{{}}}", members.join(", "))
            }
        }
    }
}

/// What ends the line of item `i` of `count` written one a line.
fn line_end<S: Syntax + ?Sized>(i: usize, count: usize) -> &'static str {
    if S::TRAILING_COMMA || i + 1 < count { ",\n" } else { "\n" }
}

fn pad(out: &mut String, level: usize) {
    out.extend(std::iter::repeat_n("  ", level));
}

/// The column `out` ends at, in characters.
fn column(out: &str) -> usize {
    out.rsplit('\n').next().unwrap_or_default().chars().count()
}
