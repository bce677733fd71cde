//! The placeholders of an input template, and where each one sits: inside
//! a JSON string or as a JSON value.

use evpat::Span;

/// One `<name>` in a template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Placeholder<'t> {
    /// The name between the angle brackets.
    pub name: &'t str,
    /// `<name>`, brackets included.
    pub span: Span,
    /// Inside a JSON string: the value goes in as text. Every placeholder
    /// of a string template is.
    pub quoted: bool,
    /// Written where a JSON object key goes, quoted or not.
    pub is_key: bool,
}

/// A template cut into placeholders and the text between them.
#[derive(Clone, Debug)]
pub(super) struct Template<'t> {
    text: &'t str,
    /// The template is a quoted string (`"instance <instance> is up"`)
    /// rather than JSON.
    pub string_template: bool,
    pub placeholders: Vec<Placeholder<'t>>,
}

impl<'t> Template<'t> {
    /// Finds the placeholders: `<`, a name of one or more characters that
    /// are not whitespace, `"`, `<` or `>`, then `>`. Other angle brackets
    /// are plain text.
    ///
    /// A template whose first non-blank character is `"` is a string
    /// template, and all its placeholders are quoted, even after an inner
    /// unescaped quote: AWS documents `"instance "<instance>" is in
    /// <state>"` as giving `"instance "i-0123456789" is in RUNNING"`.
    /// Otherwise quotes are tracked as JSON does, `\"` included.
    pub fn scan(text: &'t str) -> Template<'t> {
        let string_template = text.trim_start().starts_with('"');
        let bytes = text.as_bytes();
        let mut placeholders: Vec<Placeholder<'t>> = Vec::new();
        let mut in_string = false;
        let mut escaped = false;
        // Placeholders inside the string being read, to mark as keys if
        // the string turns out to be one.
        let mut in_this_string = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'<'
                && let Some(end) = placeholder_end(bytes, i)
            {
                let quoted = string_template || in_string;
                let is_key = !string_template && !in_string && next_is_colon(bytes, end + 1);
                if in_string {
                    in_this_string.push(placeholders.len());
                }
                placeholders.push(Placeholder {
                    name: &text[i + 1..end],
                    span: Span { start: i, end: end + 1 },
                    quoted,
                    is_key,
                });
                i = end + 1;
                escaped = false;
                continue;
            }
            let byte = bytes[i];
            if in_string {
                if escaped {
                    escaped = false;
                } else if byte == b'\\' {
                    escaped = true;
                } else if byte == b'"' {
                    in_string = false;
                    if !string_template && next_is_colon(bytes, i + 1) {
                        for &index in &in_this_string {
                            placeholders[index].is_key = true;
                        }
                    }
                    in_this_string.clear();
                }
            } else if byte == b'"' {
                in_string = true;
            }
            i += 1;
        }
        Template { text, string_template, placeholders }
    }

    /// The template with each placeholder replaced by `value`'s text.
    pub fn fill(&self, mut value: impl FnMut(&Placeholder<'t>) -> String) -> String {
        let mut out = String::with_capacity(self.text.len());
        let mut at = 0;
        for placeholder in &self.placeholders {
            out.push_str(&self.text[at..placeholder.span.start]);
            out.push_str(&value(placeholder));
            at = placeholder.span.end;
        }
        out.push_str(&self.text[at..]);
        out
    }
}

/// The index of the `>` closing a placeholder opened at `start`.
fn placeholder_end(bytes: &[u8], start: usize) -> Option<usize> {
    for (offset, &byte) in bytes[start + 1..].iter().enumerate() {
        match byte {
            b'>' => return (offset > 0).then_some(start + 1 + offset),
            b'<' | b'"' => return None,
            _ if byte.is_ascii_whitespace() => return None,
            _ => {}
        }
    }
    None
}

fn next_is_colon(bytes: &[u8], from: usize) -> bool {
    bytes[from.min(bytes.len())..].iter().find(|b| !b.is_ascii_whitespace()) == Some(&b':')
}
