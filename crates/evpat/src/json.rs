//! Reading JSON text, and the JSON-level helpers the other stages share.
//!
//! serde_json does the reading. Its errors carry a line and a byte column;
//! here they become a character column, because that is what an editor
//! shows. The engine will move to a reader of its own that keeps a span for
//! every value and the lexeme of every number; until then, shape errors are
//! placed by JSON path.

use serde_json::Value;

use crate::error::{Error, ErrorKind};

/// How deeply objects and arrays may nest in a pattern or an event.
///
/// Deeper input is refused while it is read (this is serde_json's own
/// recursion limit of 128, which refuses the 128th opening bracket), so
/// that no later stage can overflow the stack.
pub const MAX_DEPTH: usize = 127;

/// Reads JSON text into a value, or explains where it is broken.
pub(crate) fn read(text: &str) -> Result<Value, Error> {
    serde_json::from_str(text).map_err(|err| syntax_error(text, &err))
}

fn syntax_error(text: &str, err: &serde_json::Error) -> Error {
    let line = err.line().max(1);
    let line_text = text.split('\n').nth(line - 1).unwrap_or("");
    // serde_json's column is the byte count up to and including the byte it
    // stopped at. At the end of the input it has stopped *after* the last
    // byte, so the character it wants comes one column later.
    let column = if err.is_eof() {
        line_text.trim_end_matches('\r').chars().count() + 1
    } else {
        let bytes_before = err.column().saturating_sub(1).min(line_text.len());
        let mut boundary = bytes_before;
        while !line_text.is_char_boundary(boundary) {
            boundary -= 1;
        }
        line_text[..boundary].chars().count() + 1
    };
    let message = err.to_string();
    // serde_json appends " at line L column C"; the position is kept apart.
    let reason = match message.rfind(" at line ") {
        Some(cut) => &message[..cut],
        None => &message,
    };
    if reason == "recursion limit exceeded" {
        let reason = format!("nesting is deeper than {MAX_DEPTH} levels");
        return Error::at_position(ErrorKind::TooDeep, reason, line, column);
    }
    Error::at_position(ErrorKind::Syntax, reason.to_owned(), line, column)
}

/// Removes the whitespace between the tokens of valid JSON text, leaving
/// every token, and so every number's lexeme, exactly as written.
///
/// This is how a pattern goes into a rule's `EventPattern` string: written
/// out again through a JSON value, `1e2` would become `100.0`.
///
/// ```
/// assert_eq!(evpat::minify("{ \"a b\": [ 1e2, \"x y\" ] }\n"), r#"{"a b":[1e2,"x y"]}"#);
/// ```
pub fn minify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in text.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !matches!(c, ' ' | '\t' | '\n' | '\r') {
            out.push(c);
        }
    }
    out
}

/// Extends a JSON path such as `$.detail` by one key. Keys that are not
/// plain names are quoted, so that `{"a.b": …}` and `{"a": {"b": …}}` never
/// share a path.
pub(crate) fn child_path(parent: &str, key: &str) -> String {
    let plain = key.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if plain {
        format!("{parent}.{key}")
    } else {
        let quoted = serde_json::to_string(key).unwrap_or_default();
        format!("{parent}[{quoted}]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        read(text).unwrap_err().to_string()
    }

    #[test]
    fn syntax_errors_name_line_and_character_column() {
        assert_eq!(err("{\"a\": [1,]}"), "trailing comma at line 1, column 10");
        assert_eq!(err("{\n  \"a\": 1\n  \"b\": 2}"), "expected `,` or `}` at line 3, column 3");
        assert_eq!(err("{a:1}"), "key must be a string at line 1, column 2");
        assert_eq!(err("[1] x"), "trailing characters at line 1, column 5");
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        // `é` is two bytes in UTF-8; the `x` is the seventh character.
        assert_eq!(err("{\"é\": x}"), "expected value at line 1, column 7");
    }

    #[test]
    fn end_of_input_points_after_the_last_character() {
        assert_eq!(err(""), "EOF while parsing a value at line 1, column 1");
        assert_eq!(err("{\"a\":"), "EOF while parsing a value at line 1, column 6");
        assert_eq!(err("{\n\"a\": [1,\n"), "EOF while parsing a value at line 3, column 1");
    }

    #[test]
    fn deep_nesting_is_refused_with_its_limit() {
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        let error = read(&deep).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::TooDeep);
        assert_eq!(error.to_string(), "nesting is deeper than 127 levels at line 1, column 128");
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(read(&ok).is_ok());
    }

    #[test]
    fn minify_keeps_strings_and_lexemes() {
        assert_eq!(minify("{\n  \"k\" : [ -0.50 , 1E+3 ]\n}"), r#"{"k":[-0.50,1E+3]}"#);
        assert_eq!(
            minify(r#"{"a": ["say \"hi there\"", "\\", " "]}"#),
            r#"{"a":["say \"hi there\"","\\"," "]}"#
        );
    }

    #[test]
    fn paths_quote_keys_that_are_not_plain_names() {
        assert_eq!(child_path("$", "detail-type"), "$.detail-type");
        assert_eq!(child_path("$.detail", "state.name"), "$.detail[\"state.name\"]");
        assert_eq!(child_path("$", ""), "$[\"\"]");
        assert_eq!(child_path("$", "1st"), "$[\"1st\"]");
    }
}
