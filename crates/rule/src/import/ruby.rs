//! A reader for the Ruby literals a Jets rule is written in: hashes (string
//! and symbol keys, `key: value`, `"key": value` and `key => value`),
//! arrays, `%w[…]` and `%i[…]`, strings in single or double quotes with
//! Ruby's escapes, symbols, integers and floats (`1_000`, `1.50`, `5.0e6`),
//! `true`, `false` and `nil`; and the arguments of a call, with or without
//! parentheses, keyword arguments gathered into a trailing hash.
//!
//! Why our own: no Rust crate reads Ruby source as data. The Ruby parsers
//! for Rust (`lib-ruby-parser`, bindings to `prism`) build a whole
//! program's syntax tree and pull in a C toolchain or a large grammar,
//! for a few literals; and none of them keeps each value's place for our
//! errors. Anything outside the subset (a variable, a method call,
//! interpolation `#{…}`) is an error with its place, since its value is
//! only known when Ruby runs.

use evpat::json::Span;

use super::ImportError;
use super::common::{MAX_DEPTH, too_deep_message};

/// A Ruby literal, and where it was written.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct RubyNode {
    pub value: Ruby,
    pub span: Span,
}

/// The values of the subset.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Ruby {
    Nil,
    Bool(bool),
    /// An integer or float, as JSON writes it: `1_000` is `1000`.
    Number(String),
    String(String),
    Symbol(String),
    Array(Vec<RubyNode>),
    Hash(Vec<(Key, RubyNode)>),
}

/// A hash key: a symbol (`detail:`, `:detail =>`, `"detail-type":`) or a
/// string (`"detail" =>`).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Key {
    pub name: String,
    pub symbol: bool,
    pub span: Span,
}

impl RubyNode {
    /// The value of the key named `name`, symbol or string.
    #[cfg(test)]
    pub fn get(&self, name: &str) -> Option<&RubyNode> {
        match &self.value {
            Ruby::Hash(pairs) => pairs.iter().rev().find(|(k, _)| k.name == name).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Whether this is a hash with the symbol key `name`.
    pub fn has_symbol(&self, name: &str) -> bool {
        match &self.value {
            Ruby::Hash(pairs) => pairs.iter().any(|(k, _)| k.symbol && k.name == name),
            _ => false,
        }
    }
}

/// A call's arguments: the positional ones, then the keyword ones as one
/// hash (Ruby passes them so).
pub(super) struct Arguments {
    pub positional: Vec<RubyNode>,
    pub keywords: Option<RubyNode>,
    /// Where the arguments end.
    pub end: usize,
}

pub(super) struct Reader<'t> {
    pub text: &'t str,
    pub pos: usize,
}

impl<'t> Reader<'t> {
    pub fn new(text: &'t str, pos: usize) -> Reader<'t> {
        Reader { text, pos }
    }

    fn error(&self, at: usize, message: impl Into<String>) -> ImportError {
        ImportError::at(self.text, at, message)
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn peek_at(&self, n: usize) -> Option<u8> {
        self.text.as_bytes().get(self.pos + n).copied()
    }

    fn rest(&self) -> &'t str {
        self.text.get(self.pos..).unwrap_or("")
    }

    /// Skips spaces, tabs, comments, line continuations, and newlines when
    /// `newlines` is set (inside brackets, or after a comma).
    fn skip(&mut self, newlines: bool) {
        while let Some(b) = self.peek() {
            match b {
                b' ' | b'\t' | b'\r' => self.pos += 1,
                b'\\' if self.peek_at(1) == Some(b'\n') => self.pos += 2,
                b'\n' if newlines => self.pos += 1,
                b'#' => {
                    while self.peek().is_some_and(|b| b != b'\n') {
                        self.pos += 1;
                    }
                }
                _ => break,
            }
        }
    }

    /// Reads the array or hash whose `brackets` open here, up to and past
    /// the closing one, each item with `item` and the commas between them.
    fn bracketed(
        &mut self,
        brackets: [char; 2],
        what: &str,
        mut item: impl FnMut(&mut Self) -> Result<(), ImportError>,
    ) -> Result<(), ImportError> {
        let [_, close] = brackets;
        let start = self.pos;
        self.pos += 1;
        loop {
            self.skip(true);
            if self.peek().is_some_and(|b| char::from(b) == close) {
                self.pos += 1;
                return Ok(());
            }
            item(self)?;
            self.skip(true);
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b) if char::from(b) == close => {}
                None => return Err(self.never_closed(start, brackets)),
                _ => {
                    return Err(
                        self.error(self.pos, format!("expected , or {close} in the {what}"))
                    );
                }
            }
        }
    }

    /// The error for `brackets` opened at `start` and never closed.
    fn never_closed(&self, start: usize, brackets: [char; 2]) -> ImportError {
        let [open, close] = brackets;
        self.error(start, format!("this {open} is never closed"))
            .with_hint(format!("add the {close}"))
    }

    /// The arguments of a call whose name ends at the reader's place:
    /// `(…)`, or up to the end of the line (a trailing comma continues it).
    pub fn arguments(&mut self) -> Result<Arguments, ImportError> {
        let parenthesized = self.peek() == Some(b'(');
        if parenthesized {
            self.pos += 1;
        }
        let mut positional = Vec::new();
        let mut pairs = Vec::new();
        let mut keywords_start = None;
        let mut after_comma = false;
        loop {
            // A comma continues the arguments on the next line.
            self.skip(parenthesized || after_comma);
            match self.peek() {
                Some(b')') if parenthesized => {
                    self.pos += 1;
                    break;
                }
                None if parenthesized => {
                    return Err(self
                        .error(self.pos, "the call's ( is never closed")
                        .with_hint("add the )"));
                }
                None | Some(b'\n' | b';') if !parenthesized => break,
                _ => {}
            }
            if let Some(key) = self.key(1)? {
                keywords_start.get_or_insert(key.span.start);
                self.skip(true);
                let value = self.value(1)?;
                pairs.push((key, value));
            } else if !pairs.is_empty() {
                return Err(self
                    .error(self.pos, "a positional argument after keyword arguments")
                    .with_hint("put the keyword arguments last"));
            } else {
                positional.push(self.value(1)?);
            }
            self.skip(parenthesized);
            after_comma = self.peek() == Some(b',');
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b')') if parenthesized => {}
                None | Some(b'\n' | b';') if !parenthesized => {}
                _ => {
                    return Err(self
                        .error(self.pos, "expected a comma between the arguments")
                        .with_hint(
                            "only literal values are read: strings, numbers, arrays, hashes",
                        ));
                }
            }
        }
        let keywords = keywords_start.map(|start| RubyNode {
            value: Ruby::Hash(pairs),
            span: Span { start, end: self.pos },
        });
        Ok(Arguments { positional, keywords, end: self.pos })
    }

    /// A hash key and its `:` or `=>`, when one starts here: `name:`,
    /// `"name":`, `:name =>`, `"name" =>`.
    fn key(&mut self, depth: usize) -> Result<Option<Key>, ImportError> {
        let start = self.pos;
        // `name:` (not `name::`).
        let ident_len = self.identifier_len();
        if ident_len > 0
            && !self.rest().starts_with(|c: char| c.is_ascii_digit())
            && self.peek_at(ident_len) == Some(b':')
            && self.peek_at(ident_len + 1) != Some(b':')
        {
            let name = self.rest()[..ident_len].to_owned();
            self.pos += ident_len + 1;
            return Ok(Some(Key {
                name,
                symbol: true,
                span: Span { start, end: start + ident_len },
            }));
        }
        if !matches!(self.peek(), Some(b'"' | b'\'' | b':')) {
            return Ok(None);
        }
        let value = self.value(depth)?;
        // `"name":` is a symbol key.
        if matches!(value.value, Ruby::String(_))
            && self.peek() == Some(b':')
            && self.peek_at(1) != Some(b':')
        {
            self.pos += 1;
            let Ruby::String(name) = value.value else { return Ok(None) };
            return Ok(Some(Key { name, symbol: true, span: value.span }));
        }
        self.skip(true);
        if self.rest().starts_with("=>") {
            self.pos += 2;
            return match value.value {
                Ruby::String(name) => Ok(Some(Key { name, symbol: false, span: value.span })),
                Ruby::Symbol(name) => Ok(Some(Key { name, symbol: true, span: value.span })),
                _ => Err(self.error(start, "hash keys here are strings or symbols")),
            };
        }
        // Not a key after all: read it again as a value.
        self.pos = start;
        Ok(None)
    }

    /// One value.
    pub fn value(&mut self, depth: usize) -> Result<RubyNode, ImportError> {
        if depth > MAX_DEPTH {
            return Err(self.error(self.pos, too_deep_message()));
        }
        let start = self.pos;
        let value = match self.peek() {
            Some(b'"') => Ruby::String(self.double_quoted()?),
            Some(b'\'') => Ruby::String(self.single_quoted()?),
            Some(b':') if matches!(self.peek_at(1), Some(b'"' | b'\'')) => {
                self.pos += 1;
                match self.value(depth + 1)?.value {
                    Ruby::String(s) => Ruby::Symbol(s),
                    _ => return Err(self.error(start, "expected a symbol")),
                }
            }
            Some(b':') => {
                self.pos += 1;
                let name = self.identifier();
                if name.is_empty() {
                    return Err(self.error(start, "expected a symbol name after :"));
                }
                Ruby::Symbol(name)
            }
            Some(b'[') => {
                let mut items = Vec::new();
                self.bracketed(['[', ']'], "array", |reader| {
                    items.push(reader.value(depth + 1)?);
                    Ok(())
                })?;
                Ruby::Array(items)
            }
            Some(b'{') => {
                let mut pairs = Vec::new();
                self.bracketed(['{', '}'], "hash", |reader| {
                    // The input ends where a key should be.
                    if reader.peek().is_none() {
                        return Err(reader.never_closed(start, ['{', '}']));
                    }
                    let Some(key) = reader.key(depth + 1)? else {
                        return Err(reader
                            .error(
                                reader.pos,
                                "expected a hash key: name:, \"name\": or \"name\" =>",
                            )
                            .with_hint("only literal keys are read"));
                    };
                    reader.skip(true);
                    let value = reader.value(depth + 1)?;
                    pairs.push((key, value));
                    Ok(())
                })?;
                Ruby::Hash(pairs)
            }
            Some(b'%') if matches!(self.peek_at(1), Some(b'w' | b'W' | b'i' | b'I')) => {
                self.word_array()?
            }
            Some(b'-' | b'0'..=b'9') => Ruby::Number(self.number()?),
            _ => {
                let word = self.identifier();
                match word.as_str() {
                    "true" => Ruby::Bool(true),
                    "false" => Ruby::Bool(false),
                    "nil" => Ruby::Nil,
                    "" => {
                        return Err(self
                            .error(start, "expected a value: a string, number, array, hash, symbol, true, false or nil"));
                    }
                    _ => {
                        return Err(self
                            .error(
                                start,
                                format!(
                                    "{word} is Ruby code, whose value is only known when it runs"
                                ),
                            )
                            .with_hint("write the value itself, such as \"aws.ec2\""));
                    }
                }
            }
        };
        Ok(RubyNode { value, span: Span { start, end: self.pos } })
    }

    fn identifier(&mut self) -> String {
        let len = self.identifier_len();
        let word = self.rest()[..len].to_owned();
        self.pos += len;
        word
    }

    /// The length in bytes of the identifier that starts here (`name`,
    /// `valid?`, `save!`), 0 when none does.
    fn identifier_len(&self) -> usize {
        self.rest()
            .char_indices()
            .take_while(|(i, c)| {
                c.is_alphanumeric() || *c == '_' || (*i > 0 && (*c == '?' || *c == '!'))
            })
            .last()
            .map_or(0, |(i, c)| i + c.len_utf8())
    }

    /// An integer or a float, as JSON writes it.
    fn number(&mut self) -> Result<String, ImportError> {
        let start = self.pos;
        let len = self
            .rest()
            .char_indices()
            .take_while(|&(i, c)| {
                c.is_ascii_alphanumeric()
                    || c == '_'
                    || c == '.' && self.rest()[i + 1..].starts_with(|d: char| d.is_ascii_digit())
                    || (i == 0 && c == '-')
                    || ((c == '+' || c == '-') && i > 0 && self.rest()[..i].ends_with(['e', 'E']))
            })
            .last()
            .map_or(0, |(i, c)| i + c.len_utf8());
        let written = &self.rest()[..len];
        self.pos += len;
        let lexeme: String = written.chars().filter(|&c| c != '_').collect();
        let underscores_ok = !written.contains("__")
            && !written.ends_with('_')
            && !written
                .split(['.', 'e', 'E'])
                .any(|part| part.starts_with('_') || part.ends_with('_'));
        if evpat::json::is_json_number(&lexeme) && underscores_ok {
            Ok(lexeme)
        } else {
            Err(self
                .error(start, format!("{written} is not a number this reader takes"))
                .with_hint(
                    "write decimal numbers, such as 10, -2.5 or 5.0e6 (no 0x, 0b or leading 0)",
                ))
        }
    }

    /// `'…'`: only `\\` and `\'` are escapes.
    fn single_quoted(&mut self) -> Result<String, ImportError> {
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let Some(c) = self.rest().chars().next() else {
                return Err(self
                    .error(start, "this string is never closed")
                    .with_hint("add the closing '"));
            };
            self.pos += c.len_utf8();
            match c {
                '\'' => return Ok(out),
                '\\' if matches!(self.peek(), Some(b'\\' | b'\'')) => {
                    out.push(char::from(self.peek().unwrap_or(b'\\')));
                    self.pos += 1;
                }
                c => out.push(c),
            }
        }
    }

    /// `"…"`, with Ruby's escapes. Interpolation (`#{…}`, `#@x`, `#$x`) is
    /// refused: its value is only known when Ruby runs.
    fn double_quoted(&mut self) -> Result<String, ImportError> {
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let at = self.pos;
            let Some(c) = self.rest().chars().next() else {
                return Err(self
                    .error(start, "this string is never closed")
                    .with_hint("add the closing \""));
            };
            self.pos += c.len_utf8();
            match c {
                '"' => return Ok(out),
                '#' if matches!(self.peek(), Some(b'{'))
                    || (matches!(self.peek(), Some(b'@' | b'$'))
                        && self.peek_at(1).is_some_and(|b| {
                            b.is_ascii_alphabetic() || b == b'_' || b == b'@'
                        })) =>
                {
                    return Err(self
                        .error(at, "string interpolation is Ruby code, whose value is only known when it runs")
                        .with_hint("write the text itself, or escape the # as \\#"));
                }
                '\\' => self.escape(&mut out, at)?,
                c => out.push(c),
            }
        }
    }

    fn escape(&mut self, out: &mut String, at: usize) -> Result<(), ImportError> {
        let Some(c) = self.rest().chars().next() else {
            return Err(self.error(at, "the string ends in the middle of an escape"));
        };
        self.pos += c.len_utf8();
        let simple = match c {
            'n' => Some('\n'),
            't' => Some('\t'),
            'r' => Some('\r'),
            's' => Some(' '),
            '0' if !self.peek().is_some_and(|b| (b'0'..=b'7').contains(&b)) => Some('\0'),
            'a' => Some('\u{7}'),
            'b' => Some('\u{8}'),
            'e' => Some('\u{1b}'),
            'f' => Some('\u{c}'),
            'v' => Some('\u{b}'),
            '\n' => return Ok(()),
            _ => None,
        };
        if let Some(simple) = simple {
            out.push(simple);
            return Ok(());
        }
        match c {
            'u' if self.peek() == Some(b'{') => {
                self.pos += 1;
                loop {
                    while self.peek() == Some(b' ') {
                        self.pos += 1;
                    }
                    if self.peek() == Some(b'}') {
                        self.pos += 1;
                        return Ok(());
                    }
                    let hex = self.take_while(6, |b| b.is_ascii_hexdigit());
                    out.push(self.code_point(&hex, at)?);
                }
            }
            'u' => {
                let hex = self.take_while(4, |b| b.is_ascii_hexdigit());
                if hex.len() != 4 {
                    return Err(self.error(at, "\\u takes four hex digits, or \\u{…}"));
                }
                out.push(self.code_point(&hex, at)?);
            }
            'x' => {
                let hex = self.take_while(2, |b| b.is_ascii_hexdigit());
                let byte = u8::from_str_radix(&hex, 16)
                    .map_err(|_| self.error(at, "\\x takes hex digits"))?;
                self.byte(out, byte, at)?;
            }
            '0'..='7' => {
                let rest = self.take_while(2, |b| (b'0'..=b'7').contains(&b));
                let octal = format!("{c}{rest}");
                let byte = u8::from_str_radix(&octal, 8)
                    .map_err(|_| self.error(at, "an octal escape above \\377"))?;
                self.byte(out, byte, at)?;
            }
            'c' | 'C' | 'M' => {
                return Err(self.error(
                    at,
                    format!("the escape \\{c} is not taken here; write the character itself"),
                ));
            }
            // Any other escaped character is itself: \" \\ \# \'.
            c => out.push(c),
        }
        Ok(())
    }

    fn take_while(&mut self, max: usize, f: impl Fn(u8) -> bool) -> String {
        let start = self.pos;
        while self.pos - start < max && self.peek().is_some_and(&f) {
            self.pos += 1;
        }
        self.text[start..self.pos].to_owned()
    }

    fn code_point(&self, hex: &str, at: usize) -> Result<char, ImportError> {
        u32::from_str_radix(hex, 16)
            .ok()
            .and_then(char::from_u32)
            .ok_or_else(|| self.error(at, format!("\\u{hex} is not a Unicode character")))
    }

    /// A `\x` or octal escape: an ASCII character, as bytes beyond ASCII
    /// would make the string's encoding a question.
    fn byte(&self, out: &mut String, byte: u8, at: usize) -> Result<(), ImportError> {
        if byte.is_ascii() {
            out.push(char::from(byte));
            Ok(())
        } else {
            Err(self
                .error(at, "a byte escape beyond ASCII")
                .with_hint("write the character itself, or \\u{…}"))
        }
    }

    /// `%w[a b]` (strings) or `%i[a b]` (symbols), with any bracket pair.
    fn word_array(&mut self) -> Result<Ruby, ImportError> {
        let start = self.pos;
        let symbols = matches!(self.peek_at(1), Some(b'i' | b'I'));
        let close = match self.peek_at(2) {
            Some(b'[') => b']',
            Some(b'(') => b')',
            Some(b'{') => b'}',
            Some(b'<') => b'>',
            _ => return Err(self.error(start, "expected %w[…] or %i[…]")),
        };
        self.pos += 3;
        let mut items = Vec::new();
        loop {
            while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
                self.pos += 1;
            }
            match self.peek() {
                None => return Err(self.error(start, "this word list is never closed")),
                Some(b) if b == close => {
                    self.pos += 1;
                    return Ok(Ruby::Array(items));
                }
                _ => {}
            }
            let word_start = self.pos;
            let mut word = String::new();
            while let Some(c) = self.rest().chars().next() {
                if c.is_whitespace() || c == char::from(close) {
                    break;
                }
                self.pos += c.len_utf8();
                if c == '\\' {
                    if let Some(next) = self.rest().chars().next() {
                        self.pos += next.len_utf8();
                        word.push(next);
                    }
                } else {
                    word.push(c);
                }
            }
            let value = if symbols { Ruby::Symbol(word) } else { Ruby::String(word) };
            items.push(RubyNode { value, span: Span { start: word_start, end: self.pos } });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> Ruby {
        Reader::new(text, 0).value(1).unwrap_or_else(|e| panic!("{text}: {e:?}")).value
    }

    fn error(text: &str) -> (String, usize, usize) {
        let e = Reader::new(text, 0).value(1).expect_err(text);
        (e.message().to_owned(), e.line(), e.column())
    }

    fn s(text: &str) -> Ruby {
        Ruby::String(text.to_owned())
    }

    #[test]
    fn strings_and_their_escapes() {
        assert_eq!(
            value(r#""a\"b\\c\n\t\s\u00e9\u{1F389 41}\x41\101\#{x}""#),
            s("a\"b\\c\n\t é🎉AAA#{x}")
        );
        assert_eq!(value(r"'it\'s \n \\ \q'"), s("it's \\n \\ \\q"));
        assert_eq!(value(r#""caf\u00e9 #not interpolated""#), s("café #not interpolated"));
        assert_eq!(value("\"日本 ✓\""), s("日本 ✓"));
    }

    #[test]
    fn numbers_keep_their_lexeme() {
        for (written, lexeme) in [
            ("10", "10"),
            ("-2", "-2"),
            ("1.50", "1.50"),
            ("5.0e6", "5.0e6"),
            ("1e6", "1e6"),
            ("1_000", "1000"),
            ("1_000.5", "1000.5"),
            ("-1.5E-3", "-1.5E-3"),
        ] {
            assert_eq!(value(written), Ruby::Number(lexeme.to_owned()), "{written}");
        }
        for bad in ["0x1F", "017", "1__0", "1_", "0b1"] {
            assert_eq!(error(bad).0, format!("{bad} is not a number this reader takes"), "{bad}");
        }
    }

    #[test]
    fn hashes_arrays_and_symbols() {
        let node = Reader::new(r#"{ detail: { "state" => [:stopped, 'x', nil, true], "detail-type": %w[a b], :k => 1, }, }"#, 0)
            .value(1)
            .unwrap();
        assert!(node.has_symbol("detail"));
        let detail = node.get("detail").unwrap();
        let Ruby::Hash(pairs) = &detail.value else { panic!() };
        let keys: Vec<(&str, bool)> =
            pairs.iter().map(|(k, _)| (k.name.as_str(), k.symbol)).collect();
        assert_eq!(keys, [("state", false), ("detail-type", true), ("k", true)]);
        assert_eq!(
            detail.get("state").unwrap().value,
            Ruby::Array(vec![
                RubyNode {
                    value: Ruby::Symbol("stopped".into()),
                    span: Span { start: 24, end: 32 }
                },
                RubyNode { value: s("x"), span: Span { start: 34, end: 37 } },
                RubyNode { value: Ruby::Nil, span: Span { start: 39, end: 42 } },
                RubyNode { value: Ruby::Bool(true), span: Span { start: 44, end: 48 } },
            ])
        );
        assert_eq!(
            detail.get("detail-type").unwrap().value,
            Ruby::Array(vec![
                RubyNode { value: s("a"), span: Span { start: 69, end: 70 } },
                RubyNode { value: s("b"), span: Span { start: 71, end: 72 } },
            ])
        );
    }

    #[test]
    fn what_is_not_a_literal_is_an_error_with_its_place() {
        assert_eq!(
            error("{a: \"x#{1}\"}"),
            (
                "string interpolation is Ruby code, whose value is only known when it runs".into(),
                1,
                7
            )
        );
        assert_eq!(
            error("[\n  ENV['X']]"),
            ("ENV is Ruby code, whose value is only known when it runs".into(), 2, 3)
        );
        assert_eq!(error("{a: 1"), ("this { is never closed".into(), 1, 1));
        assert_eq!(error("[1 2]"), ("expected , or ] in the array".into(), 1, 4));
        assert_eq!(error("'abc"), ("this string is never closed".into(), 1, 1));
    }

    #[test]
    fn call_arguments() {
        let text = "rate \"10 hours\", description: \"x\",\n  state: 'DISABLED'\nnext";
        let mut reader = Reader::new(text, 4);
        let args = reader.arguments().unwrap();
        assert_eq!(args.positional.len(), 1);
        assert_eq!(args.positional[0].value, s("10 hours"));
        let keywords = args.keywords.unwrap();
        assert_eq!(keywords.get("state").unwrap().value, s("DISABLED"));
        assert_eq!(&text[args.end..], "\nnext");

        let text = "rule_event(\n  detail_type: [\"x\"], # a comment\n  source: [\"aws.ec2\"],\n)";
        let mut reader = Reader::new(text, 10);
        let args = reader.arguments().unwrap();
        assert!(args.positional.is_empty());
        assert_eq!(
            args.keywords.unwrap().get("source").unwrap().value,
            Ruby::Array(vec![RubyNode { value: s("aws.ec2"), span: Span { start: 57, end: 66 } }])
        );
        assert_eq!(args.end, text.len());
    }

    #[test]
    fn hostile_nesting_is_an_error() {
        let deep = "[".repeat(100_000);
        let result = std::thread::Builder::new()
            .stack_size(1 << 20)
            .spawn(move || {
                Reader::new(&deep, 0).value(1).map(|_| ()).map_err(|e| e.message().to_owned())
            })
            .unwrap()
            .join()
            .unwrap();
        assert_eq!(result, Err(too_deep_message()));
    }
}
