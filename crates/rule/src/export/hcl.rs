//! Writing HCL for the Terraform exports: quoted strings, object keys, a
//! pattern as an HCL value for `jsonencode(...)` or as JSON in a heredoc,
//! and blocks whose consecutive one-line attributes are aligned on `=`, as
//! `terraform fmt` aligns them.
//!
//! HCL strings are templates: `${` starts an interpolation and `%{` a
//! directive, so both are escaped by doubling the sign (`$${`, `%%{`), in
//! quoted strings and heredocs alike. Quoted strings take `\"`, `\\`, `\n`,
//! `\r`, `\t` and `\uNNNN`; a heredoc takes no backslash escapes at all, so
//! JSON text goes into one as it is. Unicode is written as it is.
//!
//! Values are laid out by the `literal` module.

use evpat::json::Node;

use super::literal::{self, Syntax};

/// `s` as an HCL quoted string.
pub(super) fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    escape_template(&out)
}

/// `text` with every `${` and `%{` escaped as `$${` and `%%{`, so that HCL
/// reads them as literal text.
pub(super) fn escape_template(text: &str) -> String {
    text.replace("${", "$${").replace("%{", "%%{")
}

/// `key` as an object key: bare when it is a plain identifier (letters,
/// digits and `_`, not starting with a digit, and not a keyword that HCL
/// would read as a value or a `for` expression), else quoted: `"$or"`,
/// `"detail-type"`.
pub(super) fn key(key: &str) -> String {
    const KEYWORDS: [&str; 6] = ["true", "false", "null", "for", "in", "if"];
    let mut chars = key.chars();
    let identifier = chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !KEYWORDS.contains(&key);
    if identifier { key.to_owned() } else { string(key) }
}

/// The width `terraform fmt` leaves alone and the writers keep to where
/// they can.
const WIDTH: usize = 100;

/// HCL's literals, as `terraform fmt` lays them out: an object with
/// attributes always one attribute a line, aligned on `=`, and no commas
/// after the last item of an array.
struct Hcl;

impl Syntax for Hcl {
    const SEPARATOR: &'static str = " = ";
    const TRAILING_COMMA: bool = false;
    const BREAK_OBJECTS: bool = true;
    // A value may reach the width: an attribute's value ends its line.
    const ROOM: usize = 0;

    fn width(&self) -> usize {
        WIDTH
    }

    fn string(&self, s: &str) -> String {
        string(s)
    }

    fn key(&self, name: &str) -> String {
        key(name)
    }

    fn members(&self, members: &[(String, String)], indent: usize, out: &mut String) {
        let mut body = Body::new(indent);
        for (key, value) in members {
            body.attribute(key, value);
        }
        out.push_str(&body.render());
    }
}

/// Writes `node` as an HCL value where `out` stands: arrays on one line
/// when they fit, objects one attribute a line (`key = value`, aligned as
/// `terraform fmt` aligns them). `indent` is the indentation of the line
/// the value starts on, in levels of two spaces.
pub(super) fn value(node: &Node, indent: usize, out: &mut String) {
    literal::value(&Hcl, node, indent, out);
}

/// JSON, for a heredoc whose lines are indented `(indent + 1) * 2` spaces
/// more than they are written here, which the width leaves room for.
struct HeredocJson {
    indent: usize,
}

impl Syntax for HeredocJson {
    const SEPARATOR: &'static str = ": ";
    const SPACED_BRACES: bool = false;
    const TRAILING_COMMA: bool = false;

    fn width(&self) -> usize {
        WIDTH.saturating_sub((self.indent + 1) * 2)
    }

    fn string(&self, s: &str) -> String {
        super::json_string(s)
    }

    fn key(&self, name: &str) -> String {
        super::json_string(name)
    }
}

/// `node` as JSON text for a heredoc at `indent` levels: objects and arrays
/// on one line when they fit in [`WIDTH`] there, else one member or item a
/// line; strings escaped as JSON escapes them, numbers as written. The
/// pattern itself is always one member a line.
pub(super) fn json(node: &Node, indent: usize) -> String {
    let mut out = String::new();
    literal::expanded(&HeredocJson { indent }, node, 0, &mut out);
    out
}

/// `text` as a heredoc for an attribute value at `indent` levels:
/// `<<-EOT`, the lines indented one level deeper (the `-` form strips the
/// common indentation), then `EOT` at the attribute's indentation. `${` and
/// `%{` are escaped; nothing else needs to be.
pub(super) fn heredoc(text: &str, indent: usize) -> String {
    let pad = "  ".repeat(indent + 1);
    let mut out = String::from("<<-EOT\n");
    for line in escape_template(text).lines() {
        if !line.is_empty() {
            out.push_str(&pad);
        }
        out.push_str(line);
        out.push('\n');
    }
    out.push_str(&"  ".repeat(indent));
    out.push_str("EOT");
    out
}

/// The attributes and nested blocks of one HCL body, rendered with
/// consecutive one-line attributes aligned on `=`.
pub(super) struct Body {
    indent: usize,
    items: Vec<Item>,
}

enum Item {
    Attribute { key: String, value: String },
    Blank,
    Raw(String),
}

impl Body {
    /// An empty body whose lines are indented `indent` levels.
    pub(super) fn new(indent: usize) -> Body {
        Body { indent, items: Vec::new() }
    }

    /// An empty body for a block nested in this one.
    pub(super) fn child(&self) -> Body {
        Body::new(self.indent + 1)
    }

    /// `key = value`; `value` may span lines, indented for this body.
    pub(super) fn attribute(&mut self, key: &str, value: &str) {
        self.items.push(Item::Attribute { key: key.to_owned(), value: value.to_owned() });
    }

    /// A blank line, which ends a run of aligned attributes.
    pub(super) fn blank(&mut self) {
        self.items.push(Item::Blank);
    }

    /// A nested block `name { … }`.
    pub(super) fn block(&mut self, name: &str, body: Body) {
        let pad = "  ".repeat(self.indent);
        self.items.push(Item::Raw(format!("{pad}{name} {{\n{}{pad}}}\n", body.render())));
    }

    /// `#` comment lines, wrapped, at this body's indentation.
    pub(super) fn comment(&mut self, text: &str) {
        let prefix = format!("{}# ", "  ".repeat(self.indent));
        self.items.push(Item::Raw(super::js::wrap(text, &prefix, WIDTH)));
    }

    /// The body's lines, each ending with a newline.
    pub(super) fn render(&self) -> String {
        let pad = "  ".repeat(self.indent);
        let mut out = String::new();
        let mut i = 0;
        while i < self.items.len() {
            match &self.items[i] {
                Item::Blank => out.push('\n'),
                Item::Raw(text) => out.push_str(text),
                Item::Attribute { .. } => {
                    // A run of one-line attributes shares one `=` column; an
                    // attribute whose value spans lines stands alone.
                    let run_end = (i..self.items.len())
                        .find(|&j| !matches!(&self.items[j], Item::Attribute { value, .. } if !value.contains('\n')))
                        .unwrap_or(self.items.len());
                    let run = if run_end == i { i..i + 1 } else { i..run_end };
                    let width = self.items[run.clone()]
                        .iter()
                        .filter_map(|item| match item {
                            Item::Attribute { key, .. } => Some(key.chars().count()),
                            _ => None,
                        })
                        .max()
                        .unwrap_or(0);
                    for item in &self.items[run.clone()] {
                        if let Item::Attribute { key, value } = item {
                            let fill = width.saturating_sub(key.chars().count());
                            out.push_str(&format!("{pad}{key}{} = {value}\n", " ".repeat(fill)));
                        }
                    }
                    i = run.end;
                    continue;
                }
            }
            i += 1;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_templates_and_controls() {
        assert_eq!(string(r#"a "b" \ c"#), r#""a \"b\" \\ c""#);
        assert_eq!(string("${x} %{if} $x %x"), r#""$${x} %%{if} $x %x""#);
        assert_eq!(string("a\nb\t\u{1}"), r#""a\nb\t\u0001""#);
        assert_eq!(string("<b> & é 🎉"), "\"<b> & é 🎉\"");
    }

    #[test]
    fn keys() {
        assert_eq!(key("source"), "source");
        assert_eq!(key("_x"), "_x");
        assert_eq!(key("detail-type"), "\"detail-type\"");
        assert_eq!(key("$or"), "\"$or\"");
        assert_eq!(key("null"), "\"null\"");
        assert_eq!(key("for"), "\"for\"");
        assert_eq!(key("9lives"), "\"9lives\"");
        assert_eq!(key("a.b"), "\"a.b\"");
    }

    #[test]
    fn objects_align_one_line_attributes() {
        let node = evpat::json::read(
            r#"{"source": ["aws.ec2"], "detail-type": ["x"], "detail": {"state": ["a"]}, "n": [{"numeric": [">", 1]}]}"#,
            10,
        )
        .unwrap();
        let mut out = String::from("  event_pattern = jsonencode(");
        value(&node, 1, &mut out);
        assert_eq!(
            out,
            "  event_pattern = jsonencode({\n    source        = [\"aws.ec2\"]\n    \
             \"detail-type\" = [\"x\"]\n    detail = {\n      state = [\"a\"]\n    }\n    \
             n = [{ numeric = [\">\", 1] }]\n  }"
        );
    }

    #[test]
    fn json_for_heredocs() {
        let node = evpat::json::read(
            r#"{"source": ["a"], "detail": {"n": [{"numeric": [">", 1.50]}], "s": "\"q\" é"}}"#,
            10,
        )
        .unwrap();
        assert_eq!(
            json(&node, 1),
            "{\n  \"source\": [\"a\"],\n  \"detail\": {\"n\": [{\"numeric\": [\">\", 1.50]}], \"s\": \"\\\"q\\\" é\"}\n}"
        );
    }

    #[test]
    fn heredocs_keep_backslashes_and_escape_templates() {
        assert_eq!(
            heredoc("{\n  \"a\": \"\\\"${x}\"\n}\n", 1),
            "<<-EOT\n    {\n      \"a\": \"\\\"$${x}\"\n    }\n  EOT"
        );
    }
}
