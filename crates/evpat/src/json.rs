//! Reading JSON text with a span for everything, and the JSON-level helpers
//! the other stages share.
//!
//! The tree is public because the rule crate's exporters and importers need
//! what serde_json's `Value` loses: number lexemes (`1.50` must stay
//! `1.50` in every format) and the place of every value, for errors.
//!
//! We write our own reader rather than use serde_json because we need a
//! byte span for every key and value, the exact lexeme of every number,
//! duplicate keys kept in order, Jackson-compatible error messages, and a
//! depth limit without recursion.

/// A byte range `start..end` in the text that was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// The offset of the first byte.
    pub start: usize,
    /// The offset just past the last byte.
    pub end: usize,
}

impl Span {
    fn at(offset: usize) -> Span {
        Span { start: offset, end: offset }
    }
}

/// A value, and where in the text it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// The whole value: `[1, 2]` from bracket to bracket, a string with its
    /// quotes.
    pub span: Span,
}

/// A JSON value. Strings and keys are decoded; numbers keep their lexeme.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written.
    Number(Number),
    /// A string, decoded.
    String(String),
    /// An array.
    Array(Vec<Node>),
    /// Members in document order; a key written twice appears twice.
    Object(Vec<Member>),
}

impl Value {
    /// The name of the JSON type, as an error message would say it.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        }
    }
}

/// One `"key": value` of an object.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    /// The key, decoded.
    pub key: String,
    /// The key as written, quotes included.
    pub key_span: Span,
    /// The member's value.
    pub value: Node,
}

/// A number exactly as written, so that it can be shown and written out
/// again as the user wrote it: `1e2` must not come back as `100.0`.
#[derive(Clone, Debug, PartialEq)]
pub struct Number {
    /// Always valid JSON number syntax.
    pub lexeme: String,
}

impl Number {
    /// The nearest `f64`; Rust's parsing rounds correctly, so this agrees
    /// with Java's `Double.parseDouble`.
    pub fn as_f64(&self) -> f64 {
        self.lexeme.parse::<f64>().unwrap_or(f64::NAN)
    }
}

/// Why JSON text could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    /// The text is not JSON.
    Syntax,
    /// The text nests arrays and objects deeper than allowed.
    TooDeep,
}

/// Broken JSON text, worded as Jackson (and so AWS) words it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// Broken or too deep.
    pub kind: SyntaxErrorKind,
    /// Jackson's wording.
    pub message: String,
    /// The offending character or token; empty at the end of the text when
    /// the text stops too soon.
    pub span: Span,
}

/// Reads one JSON value from `text`. Nesting deeper than `max_depth`
/// (arrays + objects; the root object is depth 1) is refused with
/// [`SyntaxErrorKind::TooDeep`].
pub fn read(text: &str, max_depth: usize) -> Result<Node, SyntaxError> {
    let mut reader = Reader { text, bytes: text.as_bytes(), pos: 0 };
    // Containers still open, innermost last. An explicit stack rather than
    // recursion, so that hostile nesting cannot overflow the (small, in
    // WebAssembly) native stack before the depth limit is reached.
    let mut stack: Vec<Frame> = Vec::new();
    'value: loop {
        reader.skip_whitespace();
        let start = reader.pos;
        let mut node = match reader.peek() {
            None => return Err(reader.end_of_input(eof_message(stack.last()))),
            Some(open @ (b'[' | b'{')) => {
                if stack.len() >= max_depth {
                    return Err(too_deep(start, max_depth));
                }
                reader.pos += 1;
                reader.skip_whitespace();
                let end = reader.pos + 1;
                if open == b'[' {
                    if reader.peek() == Some(b']') {
                        reader.pos = end;
                        Node { value: Value::Array(Vec::new()), span: Span { start, end } }
                    } else {
                        stack.push(Frame::Array { start, items: Vec::new() });
                        continue 'value;
                    }
                } else if reader.peek() == Some(b'}') {
                    reader.pos = end;
                    Node { value: Value::Object(Vec::new()), span: Span { start, end } }
                } else {
                    let (key, key_span) = reader.member_key()?;
                    stack.push(Frame::Object { start, members: Vec::new(), key, key_span });
                    continue 'value;
                }
            }
            Some(b'"') => {
                let string = reader.string(Quoted::Value)?;
                Node { value: Value::String(string), span: Span { start, end: reader.pos } }
            }
            Some(b'-' | b'0'..=b'9') => reader.number()?,
            Some(_) => reader.word()?,
        };
        // Hand the finished value to its container; a closing bracket
        // finishes that container in turn, so this loops until a container
        // wants another value or the root is done.
        loop {
            let Some(mut frame) = stack.pop() else {
                return reader.end_of_root(node);
            };
            let (close, comment) = match &mut frame {
                Frame::Array { items, .. } => {
                    items.push(node);
                    (b']', "was expecting comma to separate Array entries")
                }
                Frame::Object { members, key, key_span, .. } => {
                    let key = std::mem::take(key);
                    members.push(Member { key, key_span: *key_span, value: node });
                    (b'}', "was expecting comma to separate Object entries")
                }
            };
            reader.skip_whitespace();
            match reader.peek() {
                Some(b',') => {
                    reader.pos += 1;
                    if let Frame::Object { key, key_span, .. } = &mut frame {
                        (*key, *key_span) = reader.member_key()?;
                    }
                    stack.push(frame);
                    continue 'value;
                }
                Some(byte) if byte == close => {
                    reader.pos += 1;
                    node = frame.finish(reader.pos);
                }
                None => return Err(reader.end_of_input(eof_message(Some(&frame)))),
                Some(_) => return Err(reader.unexpected(reader.pos, comment)),
            }
        }
    }
}

/// Maps a character index inside a decoded string literal back to the
/// source.
///
/// `literal` is the span of a string literal, quotes included, as [`read`]
/// gives it, and `index` a byte offset into the decoded string. The answer
/// is the span in `text` of the source of the character starting at that
/// offset: in `"a\\*b"`, decoded offset 1 (the backslash) maps to the two
/// bytes of `\\`. At or past the end of the decoded string, the answer is
/// the empty span just before the closing quote.
pub(crate) fn decoded_offset_to_span(text: &str, literal: Span, index: usize) -> Span {
    let bytes = text.as_bytes();
    let closing_quote = literal.end.min(bytes.len()).saturating_sub(1);
    let mut pos = literal.start.saturating_add(1);
    let mut decoded = 0;
    while pos < closing_quote {
        let (next, decoded_len) = if bytes[pos] == b'\\' {
            match escape(text, pos) {
                Ok((c, next)) => (next, c.len_utf8()),
                Err(_) => break,
            }
        } else {
            match char_at(text, pos) {
                Some(c) => (pos + c.len_utf8(), c.len_utf8()),
                None => break,
            }
        };
        if index < decoded + decoded_len {
            return Span { start: pos, end: next };
        }
        decoded += decoded_len;
        pos = next;
    }
    Span::at(closing_quote)
}

/// A container whose closing bracket has not been read yet.
enum Frame {
    Array {
        start: usize,
        items: Vec<Node>,
    },
    Object {
        start: usize,
        members: Vec<Member>,
        /// The key whose value is being read.
        key: String,
        key_span: Span,
    },
}

impl Frame {
    fn finish(self, end: usize) -> Node {
        match self {
            Frame::Array { start, items } => {
                Node { value: Value::Array(items), span: Span { start, end } }
            }
            Frame::Object { start, members, .. } => {
                Node { value: Value::Object(members), span: Span { start, end } }
            }
        }
    }
}

const NO_CONTENT: &str = "No content to map due to end-of-input";
const EOF_IN_ARRAY: &str = "Unexpected end-of-input: expected close marker for ARRAY";
const EOF_IN_OBJECT: &str = "Unexpected end-of-input: expected close marker for OBJECT";
const EOF_IN_NUMBER: &str = "Unexpected end-of-input in a Number value";
const EOF_IN_ESCAPE: &str = "Unexpected end-of-input in character escape sequence";

const EXPECTING_KEY: &str = "was expecting double-quote to start field name";
const EXPECTING_COLON: &str = "was expecting a colon to separate field name and value";
const EXPECTING_HEX: &str = "expected a hex-digit for character escape sequence";

fn eof_message(open: Option<&Frame>) -> &'static str {
    match open {
        Some(Frame::Array { .. }) => EOF_IN_ARRAY,
        Some(Frame::Object { .. }) => EOF_IN_OBJECT,
        None => NO_CONTENT,
    }
}

fn too_deep(bracket: usize, max_depth: usize) -> SyntaxError {
    let depth = max_depth + 1;
    SyntaxError {
        kind: SyntaxErrorKind::TooDeep,
        message: format!(
            "Document nesting depth ({depth}) exceeds the maximum allowed ({max_depth}, from \
             `StreamReadConstraints.getMaxNestingDepth()`)"
        ),
        span: Span { start: bracket, end: bracket + 1 },
    }
}

/// Which kind of string is being read: Jackson words some errors in keys
/// differently.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Quoted {
    Key,
    Value,
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn skip_digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
    }

    fn end_of_input(&self, message: &str) -> SyntaxError {
        syntax_error(message.to_owned(), Span::at(self.text.len()))
    }

    fn unexpected(&self, at: usize, comment: &str) -> SyntaxError {
        unexpected(self.text, at, comment)
    }

    /// Reads `"key"` and the colon after it, at a place where an object
    /// wants its next member.
    fn member_key(&mut self) -> Result<(String, Span), SyntaxError> {
        self.skip_whitespace();
        let start = self.pos;
        match self.peek() {
            Some(b'"') => {}
            None => return Err(self.end_of_input(EOF_IN_OBJECT)),
            Some(_) => return Err(self.unexpected(start, EXPECTING_KEY)),
        }
        let key = self.string(Quoted::Key)?;
        let key_span = Span { start, end: self.pos };
        self.skip_whitespace();
        match self.peek() {
            Some(b':') => {
                self.pos += 1;
                Ok((key, key_span))
            }
            None => Err(self.end_of_input(EOF_IN_OBJECT)),
            Some(_) => Err(self.unexpected(self.pos, EXPECTING_COLON)),
        }
    }

    /// Reads a string literal from its opening quote, resolving escapes.
    fn string(&mut self, quoted: Quoted) -> Result<String, SyntaxError> {
        self.pos += 1;
        let mut out = String::new();
        // Bytes that need no decoding are copied a run at a time. Runs
        // start and stop beside ASCII bytes, so they are whole characters.
        let mut run = self.pos;
        loop {
            match self.peek() {
                None => {
                    return Err(self.end_of_input(match quoted {
                        Quoted::Key => "Unexpected end-of-input in field name",
                        Quoted::Value => {
                            "Unexpected end-of-input: was expecting closing quote for a string value"
                        }
                    }));
                }
                Some(b'"') => {
                    out.push_str(self.text.get(run..self.pos).unwrap_or_default());
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    out.push_str(self.text.get(run..self.pos).unwrap_or_default());
                    let (c, next) = escape(self.text, self.pos)?;
                    out.push(c);
                    self.pos = next;
                    run = next;
                }
                Some(code @ 0..0x20) => {
                    let context = match quoted {
                        Quoted::Key => "name",
                        Quoted::Value => "string value",
                    };
                    return Err(syntax_error(
                        format!(
                            "Illegal unquoted character ((CTRL-CHAR, code {code})): has to be \
                             escaped using backslash to be included in {context}"
                        ),
                        Span { start: self.pos, end: self.pos + 1 },
                    ));
                }
                Some(_) => self.pos += 1,
            }
        }
    }

    /// Reads a number, which starts here with `-` or a digit, to the end of
    /// its strict JSON grammar.
    fn number(&mut self) -> Result<Node, SyntaxError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
            match self.peek() {
                Some(b'0'..=b'9') => {}
                None => return Err(self.end_of_input(EOF_IN_NUMBER)),
                Some(_) => {
                    return Err(self.number_char(
                        "expected digit (0-9) to follow minus sign, for valid numeric value",
                    ));
                }
            }
        }
        if self.peek() == Some(b'0') {
            self.pos += 1;
            if matches!(self.peek(), Some(b'0'..=b'9')) {
                self.skip_digits();
                return Err(syntax_error(
                    "Invalid numeric value: Leading zeroes not allowed".to_owned(),
                    Span { start, end: self.pos },
                ));
            }
        } else {
            self.skip_digits();
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            match self.peek() {
                Some(b'0'..=b'9') => self.skip_digits(),
                None => return Err(self.end_of_input(EOF_IN_NUMBER)),
                Some(_) => return Err(self.number_char("Decimal point not followed by a digit")),
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            match self.peek() {
                Some(b'0'..=b'9') => self.skip_digits(),
                None => return Err(self.end_of_input(EOF_IN_NUMBER)),
                Some(_) => {
                    return Err(self.number_char("Exponent indicator not followed by a digit"));
                }
            }
        }
        let span = Span { start, end: self.pos };
        let lexeme = self.text.get(start..self.pos).unwrap_or_default().to_owned();
        Ok(Node { value: Value::Number(Number { lexeme }), span })
    }

    fn number_char(&self, comment: &str) -> SyntaxError {
        match char_at(self.text, self.pos) {
            Some(c) => syntax_error(
                format!("Unexpected character ({}) in numeric value: {comment}", describe(c)),
                Span { start: self.pos, end: self.pos + c.len_utf8() },
            ),
            None => self.end_of_input(EOF_IN_NUMBER),
        }
    }

    /// Reads `true`, `false` or `null` where a value must start with
    /// something other than a quote, bracket or digit.
    fn word(&mut self) -> Result<Node, SyntaxError> {
        let start = self.pos;
        let Some(first) = char_at(self.text, start) else {
            return Err(self.end_of_input(NO_CONTENT));
        };
        if !starts_token(first) {
            return Err(self.unexpected(start, "expected a value"));
        }
        // Like Jackson, take the whole word that follows, so that `True` or
        // `nulls` is named in full rather than cut where it went wrong.
        let rest = self.text.get(start..).unwrap_or_default();
        let len = rest.find(|c: char| !continues_token(c)).unwrap_or(rest.len());
        let word = &rest[..len];
        self.pos = start + len;
        let span = Span { start, end: self.pos };
        let value = match word {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            "null" => Value::Null,
            _ => {
                // Jackson names at most 256 characters of the token.
                let shown = match word.char_indices().nth(256) {
                    Some((cut, _)) => format!("{}...", &word[..cut]),
                    None if word.chars().count() == 256 => format!("{word}..."),
                    None => word.to_owned(),
                };
                return Err(syntax_error(
                    format!(
                        "Unrecognized token '{shown}': was expecting (JSON String, Number, Array, \
                         Object or token 'null', 'true' or 'false')"
                    ),
                    span,
                ));
            }
        };
        Ok(Node { value, span })
    }

    /// Checks that nothing but whitespace follows the root value.
    fn end_of_root(&mut self, node: Node) -> Result<Node, SyntaxError> {
        // Jackson insists on whitespace straight after a root-level number,
        // so `1x` is not a number followed by junk but a missing separator.
        if matches!(node.value, Value::Number(_))
            && !matches!(self.peek(), None | Some(b' ' | b'\t' | b'\n' | b'\r'))
        {
            return Err(self.unexpected(self.pos, "Expected space separating root-level values"));
        }
        self.skip_whitespace();
        if self.pos < self.text.len() {
            return Err(self.unexpected(self.pos, "expected end of input"));
        }
        Ok(node)
    }
}

/// Decodes the escape sequence whose backslash is at `at`, giving the
/// character and the offset just past the sequence.
fn escape(text: &str, at: usize) -> Result<(char, usize), SyntaxError> {
    let bytes = text.as_bytes();
    let Some(&letter) = bytes.get(at + 1) else {
        return Err(escape_eof(text));
    };
    let c = match letter {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        b'u' => {
            let unit = hex4(text, at + 2)?;
            if (0xD800..0xDC00).contains(&unit)
                && bytes.get(at + 6..at + 8) == Some(b"\\u")
                && let Ok(low @ 0xDC00..0xE000) = hex4(text, at + 8)
            {
                let code = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                return Ok((char::from_u32(code).unwrap_or('\u{FFFD}'), at + 12));
            }
            // A surrogate without its partner cannot be held in a Rust
            // string; Jackson accepts it, so it is kept as a replacement
            // character rather than refused.
            return Ok((char::from_u32(unit).unwrap_or('\u{FFFD}'), at + 6));
        }
        _ => {
            return Err(match char_at(text, at + 1) {
                Some(c) => syntax_error(
                    format!("Unrecognized character escape {}", describe(c)),
                    Span { start: at + 1, end: at + 1 + c.len_utf8() },
                ),
                None => escape_eof(text),
            });
        }
    };
    Ok((c, at + 2))
}

/// Reads the four hex digits of a `\u` escape starting at `at`.
fn hex4(text: &str, at: usize) -> Result<u32, SyntaxError> {
    let mut unit = 0;
    for pos in at..at + 4 {
        let Some(&byte) = text.as_bytes().get(pos) else {
            return Err(escape_eof(text));
        };
        let Some(digit) = char::from(byte).to_digit(16) else {
            return Err(unexpected(text, pos, EXPECTING_HEX));
        };
        unit = unit * 16 + digit;
    }
    Ok(unit)
}

fn escape_eof(text: &str) -> SyntaxError {
    syntax_error(EOF_IN_ESCAPE.to_owned(), Span::at(text.len()))
}

fn syntax_error(message: String, span: Span) -> SyntaxError {
    SyntaxError { kind: SyntaxErrorKind::Syntax, message, span }
}

/// Jackson's "Unexpected character" error, for the character at `at`.
fn unexpected(text: &str, at: usize, comment: &str) -> SyntaxError {
    match char_at(text, at) {
        Some(c) => syntax_error(
            format!("Unexpected character ({}): {comment}", describe(c)),
            Span { start: at, end: at + c.len_utf8() },
        ),
        None => syntax_error("Unexpected end-of-input".to_owned(), Span::at(text.len().min(at))),
    }
}

/// Names a character as Jackson's `_getCharDesc` does. (Jackson works in
/// UTF-16, so beyond the Basic Multilingual Plane it would name half a
/// surrogate pair; the whole character is more use.)
fn describe(c: char) -> String {
    let code = u32::from(c);
    if c.is_control() {
        format!("(CTRL-CHAR, code {code})")
    } else if code > 255 {
        format!("'{c}' (code {code} / 0x{code:x})")
    } else {
        format!("'{c}' (code {code})")
    }
}

fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..)?.chars().next()
}

/// Whether Jackson would read a bare word starting with `c` (Java's
/// `isJavaIdentifierStart`, near enough).
fn starts_token(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || c == '$' || (!c.is_ascii() && c.is_alphabetic())
}

/// Whether Jackson would read `c` as part of a bare word (Java's
/// `isJavaIdentifierPart`, near enough).
fn continues_token(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$' || (!c.is_ascii() && c.is_alphanumeric())
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

/// `s` as a JSON string literal, quotes and escapes included.
pub(crate) fn quote(s: &str) -> String {
    // Serializing a &str cannot fail.
    serde_json::to_string(s).unwrap_or_default()
}

/// Extends a JSON path such as `$.detail` by one key. Keys that are not
/// plain names are quoted, so that `{"a.b": …}` and `{"a": {"b": …}}` never
/// share a path.
pub(crate) fn child_path(parent: &str, key: &str) -> String {
    let plain = key.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if plain { format!("{parent}.{key}") } else { format!("{parent}[{}]", quote(key)) }
}

mod write;
pub use write::is_json_number;

#[cfg(test)]
mod tests {
    use super::*;

    const DEPTH: usize = 1000;

    fn ok(text: &str) -> Node {
        match read(text, DEPTH) {
            Ok(node) => node,
            Err(error) => panic!("{text:?} should read, but: {error:?}"),
        }
    }

    /// The message and the text under the span of the error for `text`.
    fn err(text: &str) -> (String, &str) {
        let error = read(text, DEPTH).expect_err(text);
        assert_eq!(error.kind, SyntaxErrorKind::Syntax, "{text:?}");
        (error.message, &text[error.span.start..error.span.end])
    }

    fn err_span(text: &str) -> (String, Span) {
        let error = read(text, DEPTH).expect_err(text);
        (error.message, error.span)
    }

    fn span(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    fn members(node: &Node) -> &[Member] {
        match &node.value {
            Value::Object(members) => members,
            other => panic!("not an object: {other:?}"),
        }
    }

    fn items(node: &Node) -> &[Node] {
        match &node.value {
            Value::Array(items) => items,
            other => panic!("not an array: {other:?}"),
        }
    }

    fn string(text: &str) -> String {
        match ok(text).value {
            Value::String(s) => s,
            other => panic!("not a string: {other:?}"),
        }
    }

    fn lexeme(text: &str) -> String {
        match ok(text).value {
            Value::Number(n) => n.lexeme,
            other => panic!("not a number: {other:?}"),
        }
    }

    const TOKEN: &str = "was expecting (JSON String, Number, Array, Object or token 'null', \
                         'true' or 'false')";

    #[test]
    fn reads_every_kind_of_value() {
        assert_eq!(ok("null").value, Value::Null);
        assert_eq!(ok(" true ").value, Value::Bool(true));
        assert_eq!(ok("\tfalse\r\n").value, Value::Bool(false));
        assert_eq!(ok("\"hi\"").value, Value::String("hi".to_owned()));
        assert_eq!(ok("[]").value, Value::Array(Vec::new()));
        assert_eq!(ok("{}").value, Value::Object(Vec::new()));
        assert_eq!(ok("[ ]").span, span(0, 3));
        assert_eq!(ok(" { } ").span, span(1, 4));
        assert_eq!(lexeme("42"), "42");
    }

    #[test]
    fn type_names() {
        let names: Vec<_> = ["null", "true", "1", "\"s\"", "[]", "{}"]
            .iter()
            .map(|text| ok(text).value.type_name())
            .collect();
        assert_eq!(names, ["null", "boolean", "number", "string", "array", "object"]);
    }

    #[test]
    fn spans_cover_keys_values_and_nested_values() {
        let text = r#" {"a": [1, "xy", {"b": null}], "c" : true} "#;
        let root = ok(text);
        assert_eq!(root.span, span(1, text.len() - 1));
        let m = members(&root);
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].key, "a");
        assert_eq!(&text[m[0].key_span.start..m[0].key_span.end], "\"a\"");
        assert_eq!(&text[m[0].value.span.start..m[0].value.span.end], r#"[1, "xy", {"b": null}]"#);
        let list = items(&m[0].value);
        assert_eq!(&text[list[0].span.start..list[0].span.end], "1");
        assert_eq!(&text[list[1].span.start..list[1].span.end], "\"xy\"");
        assert_eq!(&text[list[2].span.start..list[2].span.end], r#"{"b": null}"#);
        let inner = members(&list[2]);
        assert_eq!(&text[inner[0].key_span.start..inner[0].key_span.end], "\"b\"");
        assert_eq!(&text[inner[0].value.span.start..inner[0].value.span.end], "null");
        assert_eq!(m[1].key, "c");
        assert_eq!(&text[m[1].key_span.start..m[1].key_span.end], "\"c\"");
        assert_eq!(&text[m[1].value.span.start..m[1].value.span.end], "true");
    }

    #[test]
    fn multibyte_characters_are_counted_in_bytes() {
        let text = "{\"é\": [\"ü😀\", 1]}";
        let root = ok(text);
        let m = members(&root);
        assert_eq!(m[0].key, "é");
        assert_eq!(m[0].key_span, span(1, 5));
        let list = items(&m[0].value);
        assert_eq!(list[0].span, span(8, 16));
        assert_eq!(list[0].value, Value::String("ü😀".to_owned()));
        assert_eq!(&text[list[1].span.start..list[1].span.end], "1");
        assert_eq!(err("[\"é\" x]").1, "x");
        assert_eq!(err_span("[\"é\" x]").1, span(6, 7));
    }

    #[test]
    fn numbers_keep_their_lexeme() {
        for text in ["-0.50", "1E+3", "300.0", "0", "-0", "1e-7", "12345678901234567890", "0.0e0"] {
            assert_eq!(lexeme(text), text);
        }
        let root = ok("[-0.50, 1E+3, 300.0]");
        let numbers: Vec<_> = items(&root)
            .iter()
            .map(|node| match &node.value {
                Value::Number(n) => (n.lexeme.clone(), n.as_f64()),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            numbers,
            [("-0.50".to_owned(), -0.5), ("1E+3".to_owned(), 1000.0), ("300.0".to_owned(), 300.0)]
        );
        assert_eq!(items(&root)[1].span, span(8, 12));
    }

    #[test]
    fn escapes_are_decoded() {
        assert_eq!(string(r#""a\"b\\c\/d\be\ff\ng\rh\ti""#), "a\"b\\c/d\u{8}e\u{c}f\ng\rh\ti");
        assert_eq!(string(r#""\u0041\u00e9\u20AC""#), "Aé€");
        assert_eq!(string(r#""\uD83D\uDE00""#), "😀");
        assert_eq!(string(r#""x\ud83d\ude00y""#), "x😀y");
        assert_eq!(string("\"raw é 😀\""), "raw é 😀");
    }

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        assert_eq!(string(r#""\uD83D""#), "\u{FFFD}");
        assert_eq!(string(r#""\uDE00x""#), "\u{FFFD}x");
        assert_eq!(string(r#""\uD83D\u0041""#), "\u{FFFD}A");
        assert_eq!(string(r#""\uD83D\uD83D\uDE00""#), "\u{FFFD}😀");
        assert_eq!(string(r#""\uD83Dx""#), "\u{FFFD}x");
    }

    #[test]
    fn duplicate_keys_are_kept_in_order() {
        let root = ok(r#"{"a": 1, "b": 2, "a": 3}"#);
        let keys: Vec<_> = members(&root).iter().map(|m| m.key.as_str()).collect();
        assert_eq!(keys, ["a", "b", "a"]);
        let last = &members(&root)[2];
        assert_eq!(last.key_span, span(17, 20));
        assert_eq!(last.value.span, span(22, 23));
    }

    #[test]
    fn keys_are_decoded() {
        let root = ok(r#"{"a\u0062\n": 1}"#);
        assert_eq!(members(&root)[0].key, "ab\n");
        assert_eq!(members(&root)[0].key_span, span(1, 12));
    }

    #[test]
    fn bare_words_are_unrecognized_tokens() {
        let expect = |text: &str, token: &str| {
            assert_eq!(err(text), (format!("Unrecognized token '{token}': {TOKEN}"), token));
        };
        // Both of these are AWS's own answers.
        expect("this is valid json but not a dict", "this");
        expect("{\"not\": closed mark\"", "closed");
        expect("True", "True");
        expect("[nul]", "nul");
        expect("nul", "nul");
        expect("[truex]", "truex");
        expect("{\"a\": nulls}", "nulls");
        expect("[t1_$]", "t1_$");
        expect("[ñandú, 1]", "ñandú");
        expect("[tru-e]", "tru");
        assert_eq!(err_span("{\"not\": closed mark\"").1, span(8, 14));
    }

    #[test]
    fn long_tokens_are_cut_in_the_message() {
        let word = "x".repeat(300);
        let (message, token) = err(&word);
        assert_eq!(message, format!("Unrecognized token '{}...': {TOKEN}", "x".repeat(256)));
        assert_eq!(token, word);
        let (message, _) = err(&"y".repeat(255));
        assert_eq!(message, format!("Unrecognized token '{}': {TOKEN}", "y".repeat(255)));
    }

    #[test]
    fn keys_must_be_quoted() {
        let msg = |c: &str| {
            format!("Unexpected character ({c}): was expecting double-quote to start field name")
        };
        // AWS's own answer.
        assert_eq!(err("{'bad': 'quotation'}"), (msg("''' (code 39)"), "'"));
        assert_eq!(err("{a: 1}"), (msg("'a' (code 97)"), "a"));
        assert_eq!(err("{\"a\": 1, }"), (msg("'}' (code 125)"), "}"));
        assert_eq!(err("{\"a\": 1,\n 2}"), (msg("'2' (code 50)"), "2"));
        assert_eq!(err("{\u{1}}"), (msg("(CTRL-CHAR, code 1)"), "\u{1}"));
        assert_eq!(err("{é:1}"), (msg("'é' (code 233)"), "é"));
        assert_eq!(err("{€:1}"), (msg("'€' (code 8364 / 0x20ac)"), "€"));
        assert_eq!(err_span("{€:1}").1, span(1, 4));
    }

    #[test]
    fn keys_need_a_colon() {
        let msg = |c: &str| {
            format!(
                "Unexpected character ({c}): was expecting a colon to separate field name and value"
            )
        };
        assert_eq!(err("{\"a\" 1}"), (msg("'1' (code 49)"), "1"));
        assert_eq!(err("{\"a\"= 1}"), (msg("'=' (code 61)"), "="));
        assert_eq!(err("{\"a\": 1, \"b\",}"), (msg("',' (code 44)"), ","));
        assert_eq!(err_span("{\"a\": 1, \"b\" }").1, span(13, 14));
    }

    #[test]
    fn object_entries_need_commas() {
        let msg = |c: &str| {
            format!("Unexpected character ({c}): was expecting comma to separate Object entries")
        };
        assert_eq!(err("{\"a\": 1 \"b\": 2}"), (msg("'\"' (code 34)"), "\""));
        assert_eq!(err("{\"a\": 1]"), (msg("']' (code 93)"), "]"));
        assert_eq!(err("{\"a\": {} x}"), (msg("'x' (code 120)"), "x"));
        assert_eq!(err("{\"a\": 1.5.3}"), (msg("'.' (code 46)"), "."));
        assert_eq!(err_span("{\"a\": true;}").1, span(10, 11));
    }

    #[test]
    fn array_entries_need_commas() {
        let msg = |c: &str| {
            format!("Unexpected character ({c}): was expecting comma to separate Array entries")
        };
        assert_eq!(err("[1 2]"), (msg("'2' (code 50)"), "2"));
        assert_eq!(err("[1}"), (msg("'}' (code 125)"), "}"));
        assert_eq!(err("[[] []]"), (msg("'[' (code 91)"), "["));
        assert_eq!(err("[null-1]"), (msg("'-' (code 45)"), "-"));
        assert_eq!(err("[\"a\"\u{7}]"), (msg("(CTRL-CHAR, code 7)"), "\u{7}"));
        assert_eq!(err_span("[1, 2 3]").1, span(6, 7));
    }

    #[test]
    fn characters_that_cannot_start_a_value() {
        let msg = |c: &str| format!("Unexpected character ({c}): expected a value");
        assert_eq!(err("[1,]"), (msg("']' (code 93)"), "]"));
        assert_eq!(err_span("[1,]").1, span(3, 4));
        assert_eq!(err("}"), (msg("'}' (code 125)"), "}"));
        assert_eq!(err("[,1]"), (msg("',' (code 44)"), ","));
        assert_eq!(err("{\"a\": :1}"), (msg("':' (code 58)"), ":"));
        assert_eq!(err("# comment"), (msg("'#' (code 35)"), "#"));
        assert_eq!(err("// comment"), (msg("'/' (code 47)"), "/"));
        assert_eq!(err("['x']"), (msg("''' (code 39)"), "'"));
        assert_eq!(err("{\"a\": }"), (msg("'}' (code 125)"), "}"));
        assert_eq!(err("[+1]"), (msg("'+' (code 43)"), "+"));
        assert_eq!(err("[.5]"), (msg("'.' (code 46)"), "."));
        assert_eq!(err("\u{1}"), (msg("(CTRL-CHAR, code 1)"), "\u{1}"));
        assert_eq!(err("\u{7f}"), (msg("(CTRL-CHAR, code 127)"), "\u{7f}"));
        assert_eq!(err("[😀]"), (msg("'😀' (code 128512 / 0x1f600)"), "😀"));
        // A byte order mark is refused, as Jackson refuses it in a string.
        assert_eq!(err("\u{feff}{}"), (msg("'\u{feff}' (code 65279 / 0xfeff)"), "\u{feff}"));
        assert_eq!(err_span("\u{feff}{}").1, span(0, 3));
    }

    #[test]
    fn control_characters_in_strings() {
        let msg = |code: u32, context: &str| {
            format!(
                "Illegal unquoted character ((CTRL-CHAR, code {code})): has to be escaped using \
                 backslash to be included in {context}"
            )
        };
        assert_eq!(err("\"a\nb\""), (msg(10, "string value"), "\n"));
        assert_eq!(err("[\"\tb\"]"), (msg(9, "string value"), "\t"));
        assert_eq!(err_span("[\"é\u{0}\"]").1, span(4, 5));
        // Jackson says "name" for keys.
        assert_eq!(err("{\"a\u{1f}\": 1}"), (msg(31, "name"), "\u{1f}"));
        // DEL is not a control character to JSON.
        assert_eq!(string("\"\u{7f}\""), "\u{7f}");
    }

    #[test]
    fn bad_escapes() {
        assert_eq!(
            err(r#""\x""#),
            ("Unrecognized character escape 'x' (code 120)".to_owned(), "x")
        );
        assert_eq!(
            err_span(r#"["ab\'"]"#),
            ("Unrecognized character escape ''' (code 39)".into(), span(5, 6))
        );
        assert_eq!(
            err("{\"\\é\": 1}"),
            ("Unrecognized character escape 'é' (code 233)".to_owned(), "é")
        );
        assert_eq!(
            err("\"\\\u{1}\""),
            ("Unrecognized character escape (CTRL-CHAR, code 1)".to_owned(), "\u{1}")
        );
        let hex = |c: &str| {
            format!(
                "Unexpected character ({c}): expected a hex-digit for character escape sequence"
            )
        };
        assert_eq!(err(r#""\u12G4""#), (hex("'G' (code 71)"), "G"));
        assert_eq!(err_span(r#""\u12G4""#).1, span(5, 6));
        assert_eq!(err(r#"["\u00"]"#), (hex("'\"' (code 34)"), "\""));
        assert_eq!(err("\"\\u0é00\""), (hex("'é' (code 233)"), "é"));
        // The partner of a high surrogate is checked like any escape.
        assert_eq!(err(r#""\uD83D\uZ""#), (hex("'Z' (code 90)"), "Z"));
    }

    #[test]
    fn end_of_input() {
        let eof = |text: &str| {
            let (message, span) = err_span(text);
            assert_eq!(span, Span::at(text.len()), "{text:?}");
            message
        };
        assert_eq!(eof(""), "No content to map due to end-of-input");
        assert_eq!(eof(" \n\t\r "), "No content to map due to end-of-input");
        let object = "Unexpected end-of-input: expected close marker for OBJECT";
        assert_eq!(eof("{"), object);
        assert_eq!(eof("{\"a\""), object);
        assert_eq!(eof("{\"a\": "), object);
        assert_eq!(eof("{\"a\": 1"), object);
        assert_eq!(eof("{\"a\": 1,"), object);
        assert_eq!(eof("[{\"a\": []"), object);
        let array = "Unexpected end-of-input: expected close marker for ARRAY";
        assert_eq!(eof("["), array);
        assert_eq!(eof("[1, "), array);
        assert_eq!(eof("[1 "), array);
        assert_eq!(eof("{\"a\": [true"), array);
        let string = "Unexpected end-of-input: was expecting closing quote for a string value";
        assert_eq!(eof("\"abc"), string);
        assert_eq!(eof("[\"é"), string);
        assert_eq!(eof("{\"a\": \""), string);
        assert_eq!(eof("{\"ab"), "Unexpected end-of-input in field name");
        let escape = "Unexpected end-of-input in character escape sequence";
        assert_eq!(eof("\"a\\"), escape);
        assert_eq!(eof("\"a\\u00"), escape);
        let number = "Unexpected end-of-input in a Number value";
        assert_eq!(eof("1."), number);
        assert_eq!(eof("-"), number);
        assert_eq!(eof("[1e"), number);
        assert_eq!(eof("1E+"), number);
    }

    #[test]
    fn malformed_numbers() {
        let leading = "Invalid numeric value: Leading zeroes not allowed".to_owned();
        assert_eq!(err("01"), (leading.clone(), "01"));
        assert_eq!(err("[-007]"), (leading, "-007"));
        let msg =
            |c: &str, why: &str| format!("Unexpected character ({c}) in numeric value: {why}");
        let decimal = "Decimal point not followed by a digit";
        assert_eq!(err("1.x"), (msg("'x' (code 120)", decimal), "x"));
        assert_eq!(err("[1.]"), (msg("']' (code 93)", decimal), "]"));
        let exponent = "Exponent indicator not followed by a digit";
        assert_eq!(err("1ex"), (msg("'x' (code 120)", exponent), "x"));
        assert_eq!(err("[2E+,]"), (msg("',' (code 44)", exponent), ","));
        let minus = "expected digit (0-9) to follow minus sign, for valid numeric value";
        assert_eq!(err("-x"), (msg("'x' (code 120)", minus), "x"));
        assert_eq!(err("[- 1]"), (msg("' ' (code 32)", minus), " "));
        assert_eq!(err_span("{\"n\": -Infinity}").1, span(7, 8));
    }

    #[test]
    fn nothing_may_follow_the_root_value() {
        let msg = |c: &str| format!("Unexpected character ({c}): expected end of input");
        assert_eq!(err("{} x"), (msg("'x' (code 120)"), "x"));
        assert_eq!(err("[1]]"), (msg("']' (code 93)"), "]"));
        assert_eq!(err("\"a\"\"b\""), (msg("'\"' (code 34)"), "\""));
        assert_eq!(err("1 2"), (msg("'2' (code 50)"), "2"));
        assert_eq!(err("null\n\u{0}"), (msg("(CTRL-CHAR, code 0)"), "\u{0}"));
        assert_eq!(err_span("true  é").1, span(6, 8));
        let root = |c: &str| {
            format!("Unexpected character ({c}): Expected space separating root-level values")
        };
        assert_eq!(err("1x"), (root("'x' (code 120)"), "x"));
        assert_eq!(err("0x10"), (root("'x' (code 120)"), "x"));
        assert_eq!(err("1.5]"), (root("']' (code 93)"), "]"));
        assert!(read(" 1 \n", DEPTH).is_ok());
    }

    fn too_deep_message(max: usize) -> String {
        format!(
            "Document nesting depth ({}) exceeds the maximum allowed ({max}, from \
             `StreamReadConstraints.getMaxNestingDepth()`)",
            max + 1
        )
    }

    #[test]
    fn nesting_up_to_the_limit_is_read() {
        let arrays = "[".repeat(5) + &"]".repeat(5);
        assert!(read(&arrays, 5).is_ok());
        let objects = "{\"a\":".repeat(4) + "[1]" + &"}".repeat(4);
        assert!(read(&objects, 5).is_ok());
        assert!(read("1", 0).is_ok());
    }

    #[test]
    fn nesting_past_the_limit_is_too_deep() {
        let arrays = "[".repeat(6) + &"]".repeat(6);
        let error = read(&arrays, 5).unwrap_err();
        assert_eq!(error.kind, SyntaxErrorKind::TooDeep);
        assert_eq!(error.message, too_deep_message(5));
        assert_eq!(error.span, span(5, 6));

        let mixed = r#"[{"a": [{"b": [1]}]}]"#;
        assert!(read(mixed, 5).is_ok());
        let error = read(mixed, 4).unwrap_err();
        assert_eq!(error.kind, SyntaxErrorKind::TooDeep);
        assert_eq!(error.span, span(14, 15));
        assert_eq!(error.message, too_deep_message(4));

        let error = read("[]", 0).unwrap_err();
        assert_eq!((error.kind, error.span), (SyntaxErrorKind::TooDeep, span(0, 1)));
        assert_eq!(
            error.message,
            "Document nesting depth (1) exceeds the maximum allowed (0, from \
             `StreamReadConstraints.getMaxNestingDepth()`)"
        );
    }

    #[test]
    fn a_hundred_thousand_levels_are_refused_quickly() {
        let arrays = "[".repeat(100_000);
        let error = read(&arrays, DEPTH).unwrap_err();
        assert_eq!(error.kind, SyntaxErrorKind::TooDeep);
        assert_eq!(error.span, span(DEPTH, DEPTH + 1));
        assert_eq!(error.message, too_deep_message(DEPTH));

        let objects = "{\"a\":".repeat(100_000) + "1" + &"}".repeat(100_000);
        let error = read(&objects, DEPTH).unwrap_err();
        assert_eq!(error.kind, SyntaxErrorKind::TooDeep);
        assert_eq!(error.span, span(5 * DEPTH, 5 * DEPTH + 1));
    }

    #[test]
    fn a_tree_at_the_depth_limit_drops_on_a_small_stack() {
        let reader = std::thread::Builder::new().stack_size(256 * 1024).spawn(|| {
            let text = "{\"a\":[".repeat(DEPTH / 2) + "1" + &"]}".repeat(DEPTH / 2);
            let node = read(&text, DEPTH).expect("within the limit");
            drop(node);
            let text = "[".repeat(DEPTH) + &"]".repeat(DEPTH);
            drop(read(&text, DEPTH).expect("within the limit"));
        });
        reader.expect("spawn").join().expect("no stack overflow");
    }

    #[test]
    fn decoded_offsets_map_back_to_the_source() {
        let text = r#"{"k": "a\\*b"}"#;
        let root = ok(text);
        let literal = members(&root)[0].value.span;
        assert_eq!(&text[literal.start..literal.end], r#""a\\*b""#);
        let source = |index| {
            let s = decoded_offset_to_span(text, literal, index);
            &text[s.start..s.end]
        };
        assert_eq!(source(0), "a");
        assert_eq!(source(1), "\\\\");
        assert_eq!(source(2), "*");
        assert_eq!(source(3), "b");
        assert_eq!(decoded_offset_to_span(text, literal, 4), Span::at(literal.end - 1));
        assert_eq!(decoded_offset_to_span(text, literal, 99), Span::at(literal.end - 1));
    }

    #[test]
    fn decoded_offsets_through_every_kind_of_escape() {
        // Decoded: `"` `é` `😀` `ü` `😀` `\u{FFFD}` `x` as 1+2+4+2+4+3+1 bytes.
        let text = "[\"\\\"\\u00e9\\uD83D\\uDE00ü😀\\uDE00x\"]";
        let literal = ok(text).value;
        let Value::Array(items) = literal else { panic!() };
        let literal = items[0].span;
        let Value::String(decoded) = &items[0].value else { panic!() };
        assert_eq!(decoded, "\"é😀ü😀\u{FFFD}x");
        let source = |index| {
            let s = decoded_offset_to_span(text, literal, index);
            &text[s.start..s.end]
        };
        assert_eq!(source(0), "\\\"");
        assert_eq!(source(1), "\\u00e9");
        assert_eq!(source(2), "\\u00e9");
        assert_eq!(source(3), "\\uD83D\\uDE00");
        assert_eq!(source(6), "\\uD83D\\uDE00");
        assert_eq!(source(7), "ü");
        assert_eq!(source(9), "😀");
        assert_eq!(source(13), "\\uDE00");
        assert_eq!(source(16), "x");
        assert_eq!(decoded.len(), 17);
        assert_eq!(decoded_offset_to_span(text, literal, 17), Span::at(literal.end - 1));
        // Every decoded character start maps to a source run that decodes
        // back to it.
        for (index, c) in decoded.char_indices() {
            let s = decoded_offset_to_span(text, literal, index);
            let piece = format!("\"{}\"", &text[s.start..s.end]);
            assert_eq!(string(&piece), c.to_string(), "{piece}");
        }
    }

    #[test]
    fn decoded_offsets_never_panic_on_odd_spans() {
        let text = "\"ab\"";
        assert_eq!(decoded_offset_to_span(text, span(0, 99), 0), span(1, 2));
        assert_eq!(decoded_offset_to_span(text, span(3, 2), 0), Span::at(1));
        assert_eq!(decoded_offset_to_span("", span(0, 0), 0), Span::at(0));
        assert_eq!(decoded_offset_to_span("\"\\", span(0, 2), 0), Span::at(1));
        let _ = decoded_offset_to_span("\"é\"", span(1, 4), 0);
    }

    #[test]
    fn no_prefix_of_a_document_panics() {
        let documents = [
            r#"{"a": [1, -2.5e+3, "x\"y\\z\u00e9\uD83D\uDE00", true, false, null], "b": {}}"#,
            "{\"é😀\": [\"ü\", {\"k\": [[], {}]}], \"n\": -0.0E-0}",
            " [ \"\\ud800\" , 0 , 1.25 ] \n",
            "\"\\/\\b\\f\\n\\r\\t\"",
        ];
        for document in documents {
            assert!(read(document, DEPTH).is_ok(), "{document}");
            for (cut, _) in document.char_indices().chain([(document.len(), ' ')]) {
                let prefix = &document[..cut];
                let _ = read(prefix, DEPTH);
                let _ = read(prefix, 1);
                if let Err(error) = read(prefix, DEPTH) {
                    assert!(prefix.get(error.span.start..error.span.end).is_some(), "{prefix}");
                }
            }
        }
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
