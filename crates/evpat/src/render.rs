//! Rendering an [`Error`] for a terminal or a `<pre>`: the message, the
//! place, the offending line with a caret underline, and the hint.

use crate::error::Error;

/// How many characters of a long line are shown around the error.
const WINDOW: usize = 80;

/// Renders `error`, found in `text`, as a caret snippet:
///
/// ```text
/// error: Event pattern is not valid. Reason: Unrecognized match type NUMERIC
///  --> line 1, column 24, at $.detail.equal[0].NUMERIC
///   |
/// 1 | {"detail": {"equal": [{"NUMERIC": ["=", 5]}]}}
///   |                        ^^^^^^^^^
///   = hint: operators are lowercase: …
/// ```
pub fn render(text: &str, error: &Error) -> String {
    let (line_no, column) = (error.line(), error.column());
    let line = text.split('\n').nth(line_no - 1).unwrap_or("").trim_end_matches('\r');
    let chars: Vec<char> = line.chars().collect();
    let span = error.span();
    let span_chars = text
        .get(span.start.min(text.len())..span.end.min(text.len()))
        .map_or(0, |s| s.split('\n').next().unwrap_or("").chars().count());
    let start = (column - 1).min(chars.len());
    let width = span_chars.max(1).min(chars.len().saturating_sub(start).max(1));

    // Long lines are cut to a window around the error.
    let (from, to) = if chars.len() > WINDOW {
        let from = start.saturating_sub(WINDOW / 4);
        (from, (from + WINDOW).min(chars.len()))
    } else {
        (0, chars.len())
    };
    let mut shown: String = chars[from..to].iter().collect();
    let mut pad: String =
        chars[from..start].iter().map(|&c| if c == '\t' { '\t' } else { ' ' }).collect();
    if from > 0 {
        shown.insert(0, '…');
        pad.insert(0, ' ');
    }
    if to < chars.len() {
        shown.push('…');
    }
    let carets = "^".repeat(width.min(to.saturating_sub(start)).max(1));
    let gutter = " ".repeat(line_no.to_string().len());
    let mut out = format!("error: {error}\n{gutter}--> line {line_no}, column {column}");
    if error.path() != "$" {
        out.push_str(&format!(", at {}", error.path()));
    }
    out.push_str(&format!("\n{gutter} |\n{line_no} | {shown}\n{gutter} | {pad}{carets}"));
    if let Some(hint) = error.hint() {
        out.push_str(&format!("\n{gutter} = hint: {hint}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Pattern;

    #[test]
    fn underlines_the_span_under_its_line() {
        let text = "{\n  \"detail\": {\"equal\": [{\"NUMERIC\": [\"=\", 5]}]}\n}";
        let error = Pattern::parse(text).unwrap_err();
        assert_eq!(
            render(text, &error),
            "error: Event pattern is not valid. Reason: Unrecognized match type NUMERIC\n\
             \x20--> line 2, column 25, at $.detail.equal[0].NUMERIC\n\
             \x20 |\n\
             2 |   \"detail\": {\"equal\": [{\"NUMERIC\": [\"=\", 5]}]}\n\
             \x20 |                         ^^^^^^^^^\n\
             \x20 = hint: operators are lowercase: prefix, suffix, equals-ignore-case, anything-but, numeric, cidr, exists, wildcard"
        );
    }

    #[test]
    fn keeps_tabs_so_carets_line_up() {
        let text = "{\t\"a\": 1}";
        let error = Pattern::parse(text).unwrap_err();
        let rendered = render(text, &error);
        assert!(rendered.contains("1 | {\t\"a\": 1}\n  |  \t     ^"), "{rendered}");
    }
}
