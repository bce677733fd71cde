//! A small reader of HCL, the native syntax of Terraform configurations,
//! for the `terraform` importer.
//!
//! It exists for the size of the web bundle: `hcl-edit` and the `winnow`
//! combinators under it cost about 77 KiB gzipped of the WebAssembly
//! bundle, and the importer needs only a subset of HCL, with spans and
//! number lexemes: bodies of attributes and blocks; literals, every number
//! as written (`1.50`, `1e6`); quoted strings and heredocs, with `${…}`
//! read as an expression and `%{…}` directives kept as spans; tuples,
//! objects, function calls and traversals. Every other expression
//! (operators, conditionals, `for`, splats) is read only far enough to know
//! its span, which is all the importer needs for a placeholder.
//!
//! A hand-written recursive descent over bytes: every node has a byte span
//! into the text, errors have a byte offset and say what was expected, the
//! work is linear in the input, nesting is bounded by [`MAX_NESTING`] (an
//! error, never a stack overflow), and text is sliced only at character
//! boundaries.

use std::collections::HashSet;
use std::ops::Range;

/// The deepest nesting read: expressions within expressions, unary
/// operators, blocks within blocks.
pub(super) const MAX_NESTING: usize = 64;

/// Text that is not HCL: where (a byte offset) and why.
#[derive(Debug, PartialEq)]
pub(super) struct Error {
    pub at: usize,
    pub message: String,
}

/// The attributes and blocks of a file or a block, each in the order
/// written.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Body {
    pub attributes: Vec<Attribute>,
    pub blocks: Vec<Block>,
}

impl Body {
    /// The attribute `key`.
    pub fn attribute(&self, key: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|attribute| attribute.key == key)
    }
}

/// `key = value`, its span from the key to the value's end.
#[derive(Debug, PartialEq)]
pub(super) struct Attribute {
    pub key: String,
    pub value: Expr,
    pub span: Range<usize>,
}

/// `ident "label" label { … }`, its span from the ident to the `}`.
#[derive(Debug, PartialEq)]
pub(super) struct Block {
    pub ident: String,
    pub labels: Vec<String>,
    pub body: Body,
    pub span: Range<usize>,
}

/// An expression and its span.
#[derive(Debug, PartialEq)]
pub(super) struct Expr {
    pub kind: Kind,
    pub span: Range<usize>,
}

#[derive(Debug, PartialEq)]
pub(super) enum Kind {
    Null,
    Bool(bool),
    /// A number as written, with its sign: `1.50`, `1e6`, `-0` (`- 0`
    /// too).
    Number(String),
    /// A quoted string with nothing to interpolate, unescaped.
    String(String),
    /// A quoted string with `${…}` or `%{…}`.
    Template(Vec<Part>),
    /// A heredoc, with the indentation of `<<-` stripped.
    Heredoc(Vec<Part>),
    Tuple(Vec<Expr>),
    /// Keys and values. A key is a [`Kind::Variable`] when it is a bare
    /// identifier (`{ source = … }`).
    Object(Vec<(Expr, Expr)>),
    /// A function call: the name, with its namespace
    /// (`provider::aws::arn_parse`), and the arguments.
    Call(String, Vec<Expr>),
    /// A bare identifier: `foo`.
    Variable(String),
    /// What a traversal starts from, and its steps: `var.x[0]`.
    Traversal(Box<Expr>, Vec<Step>),
    Parens(Box<Expr>),
    /// Any other expression (`-x`, `!x`, `a + b`, `c ? a : b`, `[for …]`),
    /// read for its span only.
    Other,
}

/// A step of a traversal.
#[derive(Debug, PartialEq)]
pub(super) enum Step {
    /// `.name`
    Attr(String),
    /// An index (`[0]`, `.0`) or a splat (`.*`, `[*]`).
    Other,
}

/// A piece of a template.
#[derive(Debug, PartialEq)]
pub(super) enum Part {
    /// Text, unescaped, and the span of its source.
    Literal(String, Range<usize>),
    /// `${expr}`: the expression.
    Interpolation(Expr),
    /// A directive, from its `%{ if … }` or `%{ for … }` to its
    /// `%{ endif }` or `%{ endfor }`.
    Directive(Range<usize>),
}

/// Reads `text` as an HCL body.
pub(super) fn parse(text: &str) -> Result<Body, Error> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut parser = Parser { text, bytes: text.as_bytes(), pos: bom, end: text.len(), depth: 0 };
    parser.body(None)
}

fn error(at: usize, message: String) -> Error {
    Error { at, message }
}

struct Parser<'t> {
    text: &'t str,
    bytes: &'t [u8],
    pos: usize,
    /// Where reading stops: the end of the text, or of the heredoc read.
    end: usize,
    depth: usize,
}

impl<'t> Parser<'t> {
    fn peek_at(&self, n: usize) -> Option<u8> {
        let i = self.pos + n;
        if i < self.end { Some(self.bytes[i]) } else { None }
    }

    fn peek(&self) -> Option<u8> {
        self.peek_at(0)
    }

    fn eat(&mut self, byte: u8) -> bool {
        let ate = self.peek() == Some(byte);
        self.pos += usize::from(ate);
        ate
    }

    fn eat_str(&mut self, s: &str) -> bool {
        let ate = self.bytes[self.pos..self.end].starts_with(s.as_bytes());
        if ate {
            self.pos += s.len();
        }
        ate
    }

    /// What is at the current place, for messages.
    fn found(&self) -> String {
        match self.text.get(self.pos..self.end).and_then(|rest| rest.chars().next()) {
            None if self.end < self.text.len() => "the end of the heredoc".into(),
            None => "the end of the input".into(),
            Some('\n' | '\r') => "a new line".into(),
            Some('"') => "a quote".into(),
            Some(c) => format!("\"{c}\""),
        }
    }

    fn expected(&self, what: &str) -> Error {
        error(self.pos, format!("expected {what}, found {}", self.found()))
    }

    /// An error at the bracket, quote or `${` at `open`, never closed.
    fn unclosed(&self, open: usize) -> Error {
        let len = if matches!(self.bytes[open], b'$' | b'%') { 2 } else { 1 };
        error(open, format!("this \"{}\" is never closed", &self.text[open..open + len]))
    }

    /// Consumes `close`, which should end what was opened at `open`.
    fn close(&mut self, open: usize, close: u8, what: &str) -> Result<(), Error> {
        if self.eat(close) {
            Ok(())
        } else if self.peek().is_none() {
            Err(self.unclosed(open))
        } else {
            Err(self.expected(what))
        }
    }

    fn enter(&mut self) -> Result<(), Error> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(error(
                self.pos,
                format!("the HCL nests more than {MAX_NESTING} levels deep"),
            ));
        }
        Ok(())
    }

    /// Skips spaces and comments, and line ends when `newlines`.
    fn ws(&mut self, newlines: bool) -> Result<(), Error> {
        loop {
            match (self.peek(), self.peek_at(1)) {
                (Some(b' ' | b'\t' | b'\r'), _) => self.pos += 1,
                (Some(b'\n'), _) if newlines => self.pos += 1,
                (Some(b'#'), _) | (Some(b'/'), Some(b'/')) => {
                    while !matches!(self.peek(), None | Some(b'\n')) {
                        self.pos += 1;
                    }
                }
                (Some(b'/'), Some(b'*')) => match self.text[self.pos + 2..self.end].find("*/") {
                    Some(n) => self.pos += n + 4,
                    None => return Err(error(self.pos, "this comment is never closed".into())),
                },
                _ => return Ok(()),
            }
        }
    }

    /// The length of the identifier character at `at`, or 0.
    fn ident_char(&self, at: usize, continuing: bool) -> usize {
        let Some(c) = self.text.get(at..self.end).and_then(|rest| rest.chars().next()) else {
            return 0;
        };
        let ok = c.is_alphabetic() || c == '_' || continuing && (c.is_alphanumeric() || c == '-');
        if ok { c.len_utf8() } else { 0 }
    }

    fn ident(&mut self) -> Option<&'t str> {
        let start = self.pos;
        let mut len = self.ident_char(self.pos, false);
        while len > 0 {
            self.pos += len;
            len = self.ident_char(self.pos, true);
        }
        (self.pos > start).then(|| &self.text[start..self.pos])
    }

    /// A body, up to the end of the text, or up to the `}` closing the
    /// block whose `{` is at `open`.
    fn body(&mut self, open: Option<usize>) -> Result<Body, Error> {
        let mut body = Body::default();
        let mut keys = HashSet::new();
        loop {
            self.ws(true)?;
            let start = self.pos;
            match (self.peek(), open) {
                (None, None) => return Ok(body),
                (None, Some(open)) => return Err(self.unclosed(open)),
                (Some(b'}'), Some(_)) => {
                    self.pos += 1;
                    return Ok(body);
                }
                _ => {}
            }
            let Some(name) = self.ident() else {
                return Err(self.expected("an argument (name = value) or a block"));
            };
            self.ws(false)?;
            let attribute = self.peek() == Some(b'=') && self.peek_at(1) != Some(b'=');
            if attribute {
                if !keys.insert(name) {
                    return Err(error(start, format!("the argument \"{name}\" is set twice")));
                }
                self.pos += 1;
                self.ws(false)?;
                let value = self.expr(false)?;
                let span = start..value.span.end;
                body.attributes.push(Attribute { key: name.to_owned(), value, span });
            } else {
                let labels = self.labels(name)?;
                let brace = self.pos;
                self.pos += 1;
                self.enter()?;
                let inner = self.body(Some(brace))?;
                self.depth -= 1;
                let ident = name.to_owned();
                body.blocks.push(Block { ident, labels, body: inner, span: start..self.pos });
            }
            self.line_end(open.is_some(), attribute, name)?;
        }
    }

    /// A block's labels, up to its `{`.
    fn labels(&mut self, name: &str) -> Result<Vec<String>, Error> {
        let mut labels = Vec::new();
        while self.peek() != Some(b'{') {
            let at = self.pos;
            if self.peek() == Some(b'"') {
                let Kind::String(label) = self.quoted()?.kind else {
                    return Err(error(at, "a block label cannot hold ${…} or %{…}".into()));
                };
                labels.push(label);
            } else if let Some(label) = self.ident() {
                labels.push(label.to_owned());
            } else if labels.is_empty() {
                return Err(
                    self.expected(&format!("\"=\" or a block body after the name \"{name}\""))
                );
            } else {
                return Err(
                    self.expected(&format!("\"{{\" after the labels of the block \"{name}\""))
                );
            }
            self.ws(false)?;
        }
        Ok(labels)
    }

    /// The end of an attribute or a block: a line end, the end of the
    /// text, or the `}` of the block it is in (`in_block`).
    fn line_end(&mut self, in_block: bool, attribute: bool, name: &str) -> Result<(), Error> {
        self.ws(false)?;
        match self.peek() {
            None | Some(b'\n') => Ok(()),
            Some(b'}') if in_block => Ok(()),
            _ if attribute => {
                Err(self.expected(&format!("a new line after the value of \"{name}\"")))
            }
            _ => Err(self.expected(&format!("a new line after the block \"{name}\""))),
        }
    }

    // The functions from `expr` down to `primary` recurse for every level of
    // nesting, so they are kept small (their frames are large in debug
    // builds); what does not recurse lives in functions of its own.

    /// An expression. Line ends end it unless `newlines` (inside brackets).
    fn expr(&mut self, newlines: bool) -> Result<Expr, Error> {
        self.enter()?;
        let first = self.unary(newlines)?;
        let expr = self.operators(first, newlines)?;
        self.depth -= 1;
        Ok(expr)
    }

    /// The binary operators and conditional after `first`, if any, read as
    /// one [`Kind::Other`].
    fn operators(&mut self, first: Expr, newlines: bool) -> Result<Expr, Error> {
        let start = first.span.start;
        let mut end = None;
        loop {
            self.ws(newlines)?;
            let len = match (self.peek(), self.peek_at(1)) {
                (Some(b'=' | b'!' | b'<' | b'>'), Some(b'='))
                | (Some(b'&'), Some(b'&'))
                | (Some(b'|'), Some(b'|')) => 2,
                (Some(b'<' | b'>' | b'+' | b'-' | b'*' | b'/' | b'%'), _) => 1,
                _ => break,
            };
            self.pos += len;
            self.ws(true)?;
            end = Some(self.unary(newlines)?.span.end);
        }
        if self.eat(b'?') {
            self.ws(true)?;
            self.expr(true)?;
            self.ws(true)?;
            if !self.eat(b':') {
                return Err(self.expected("\":\" in the conditional (… ? … : …)"));
            }
            self.ws(true)?;
            end = Some(self.expr(newlines)?.span.end);
        }
        Ok(match end {
            Some(end) => Expr { kind: Kind::Other, span: start..end },
            None => first,
        })
    }

    fn unary(&mut self, newlines: bool) -> Result<Expr, Error> {
        match self.peek() {
            Some(op @ (b'-' | b'!')) => self.prefixed(op, newlines),
            _ => self.postfix(newlines),
        }
    }

    /// `-x` or `!x`; a minus before a number is part of the number.
    fn prefixed(&mut self, op: u8, newlines: bool) -> Result<Expr, Error> {
        let start = self.pos;
        self.enter()?;
        self.pos += 1;
        self.ws(newlines)?;
        let inner = self.unary(newlines)?;
        self.depth -= 1;
        let kind = match inner.kind {
            Kind::Number(n) if op == b'-' && !n.starts_with('-') => Kind::Number(format!("-{n}")),
            _ => Kind::Other,
        };
        Ok(Expr { kind, span: start..inner.span.end })
    }

    fn postfix(&mut self, newlines: bool) -> Result<Expr, Error> {
        let root = self.primary()?;
        self.steps(root, newlines)
    }

    /// `root` and its traversal steps: `.name`, `.0`, `.*`, `[i]`, `[*]`.
    fn steps(&mut self, root: Expr, newlines: bool) -> Result<Expr, Error> {
        let mut end = root.span.end;
        let mut steps = Vec::new();
        loop {
            self.ws(newlines)?;
            if self.peek() == Some(b'.') && self.peek_at(1) != Some(b'.') {
                self.pos += 1;
                if self.eat(b'*') {
                    steps.push(Step::Other);
                } else if self.peek().is_some_and(|b| b.is_ascii_digit()) {
                    self.digits();
                    steps.push(Step::Other);
                } else if let Some(name) = self.ident() {
                    steps.push(Step::Attr(name.to_owned()));
                } else {
                    return Err(self.expected("a name, an index or \"*\" after \".\""));
                }
            } else if self.peek() == Some(b'[') {
                let open = self.pos;
                self.pos += 1;
                self.ws(true)?;
                if !self.eat(b'*') {
                    self.expr(true)?;
                }
                self.ws(true)?;
                self.close(open, b']', "\"]\" after the index")?;
                steps.push(Step::Other);
            } else {
                break;
            }
            end = self.pos;
        }
        Ok(if steps.is_empty() {
            root
        } else {
            let span = root.span.start..end;
            Expr { kind: Kind::Traversal(Box::new(root), steps), span }
        })
    }

    fn primary(&mut self) -> Result<Expr, Error> {
        let start = self.pos;
        let kind = match (self.peek(), self.peek_at(1)) {
            (Some(b'0'..=b'9'), _) => Kind::Number(self.number().to_owned()),
            (Some(b'"'), _) => return self.quoted(),
            (Some(b'<'), Some(b'<')) => return self.heredoc(),
            (Some(b'('), _) => self.parens(start)?,
            (Some(b'['), _) => self.tuple(start)?,
            (Some(b'{'), _) => self.object(start)?,
            _ => self.name(start)?,
        };
        Ok(Expr { kind, span: start..self.pos })
    }

    /// `(expr)`, from its `(` at `open`.
    fn parens(&mut self, open: usize) -> Result<Kind, Error> {
        self.pos += 1;
        self.ws(true)?;
        let inner = self.expr(true)?;
        self.ws(true)?;
        self.close(open, b')', "\")\"")?;
        Ok(Kind::Parens(Box::new(inner)))
    }

    /// A tuple or a `for` expression, from its `[` at `open`.
    fn tuple(&mut self, open: usize) -> Result<Kind, Error> {
        if self.starts_for()? {
            self.rest_of_for(open, b']')
        } else {
            Ok(Kind::Tuple(self.items(open, b']')?))
        }
    }

    /// `true`, `false`, `null`, a variable or a function call.
    fn name(&mut self, start: usize) -> Result<Kind, Error> {
        let Some(name) = self.ident() else {
            return Err(self.expected("a value"));
        };
        match name {
            "true" => return Ok(Kind::Bool(true)),
            "false" => return Ok(Kind::Bool(false)),
            "null" => return Ok(Kind::Null),
            _ => {}
        }
        while self.eat_str("::") {
            if self.ident().is_none() {
                return Err(self.expected("a function name after \"::\""));
            }
        }
        let full = &self.text[start..self.pos];
        let after = self.pos;
        self.ws(false)?;
        if self.peek() == Some(b'(') {
            let open = self.pos;
            Ok(Kind::Call(full.to_owned(), self.items(open, b')')?))
        } else if full.len() > name.len() {
            Err(self.expected(&format!("\"(\" after the function name {full}")))
        } else {
            self.pos = after;
            Ok(Kind::Variable(name.to_owned()))
        }
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
    }

    /// A number's lexeme: digits, a fraction, an exponent.
    fn number(&mut self) -> &'t str {
        let start = self.pos;
        self.digits();
        if self.peek() == Some(b'.') && self.peek_at(1).is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
            self.digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            let sign = usize::from(matches!(self.peek_at(1), Some(b'+' | b'-')));
            if self.peek_at(1 + sign).is_some_and(|b| b.is_ascii_digit()) {
                self.pos += 1 + sign;
                self.digits();
            }
        }
        &self.text[start..self.pos]
    }

    /// Expressions separated by commas, from the bracket at `open` to
    /// `close`: a tuple's items, a call's arguments (the last one may be
    /// followed by `...`).
    fn items(&mut self, open: usize, close: u8) -> Result<Vec<Expr>, Error> {
        self.pos = open + 1;
        let mut items = Vec::new();
        loop {
            self.ws(true)?;
            if self.eat(close) {
                return Ok(items);
            }
            if self.peek().is_none() {
                return Err(self.unclosed(open));
            }
            items.push(self.expr(true)?);
            self.ws(true)?;
            if close == b')' && self.eat_str("...") {
                self.ws(true)?;
            }
            if !self.eat(b',') {
                let what = if close == b')' { "\",\" or \")\"" } else { "\",\" or \"]\"" };
                self.close(open, close, what)?;
                return Ok(items);
            }
        }
    }

    /// An object or a `for` expression, from its `{` at `open`. An
    /// object's items are `key = value` or `key: value`, separated by
    /// commas or line ends.
    fn object(&mut self, open: usize) -> Result<Kind, Error> {
        if self.starts_for()? {
            return self.rest_of_for(open, b'}');
        }
        self.pos = open + 1;
        let mut items = Vec::new();
        let mut keys = HashSet::new();
        loop {
            self.ws(true)?;
            if self.eat(b'}') {
                return Ok(Kind::Object(items));
            }
            if self.peek().is_none() {
                return Err(self.unclosed(open));
            }
            let key = self.expr(false)?;
            let name = self.key_name(&key, &mut keys)?;
            self.ws(false)?;
            if !(self.eat(b'=') || self.eat(b':')) {
                return Err(self.after_key(name, "\"=\" or \":\" after"));
            }
            self.ws(false)?;
            items.push((key, self.expr(false)?));
            self.ws(false)?;
            match self.peek() {
                Some(b',' | b'\n') => self.pos += 1,
                Some(b'}') => {}
                None => return Err(self.unclosed(open)),
                _ => {
                    return Err(
                        self.after_key(name, "\",\", a new line or \"}\" after the value of")
                    );
                }
            }
        }
    }

    /// The name of an object's key when it is a name or a string (as
    /// written), after checking that it was not set before.
    fn key_name(&self, key: &Expr, keys: &mut HashSet<&'t str>) -> Result<Option<&'t str>, Error> {
        let Range { start, end } = key.span;
        let name = match key.kind {
            Kind::Variable(_) => &self.text[start..end],
            Kind::String(_) => &self.text[start + 1..end - 1],
            _ => return Ok(None),
        };
        if !keys.insert(name) {
            return Err(error(start, format!("the key \"{name}\" is set twice in this object")));
        }
        Ok(Some(name))
    }

    fn after_key(&self, name: Option<&str>, expected: &str) -> Error {
        let what = name.map_or_else(|| "this key".to_owned(), |name| format!("\"{name}\""));
        self.expected(&format!("{expected} {what}"))
    }

    /// Whether a `for` expression starts here, after its bracket.
    fn starts_for(&mut self) -> Result<bool, Error> {
        self.pos += 1;
        self.ws(true)?;
        let rest = &self.bytes[self.pos..self.end];
        Ok(rest.starts_with(b"for")
            && matches!(rest.get(3), Some(b' ' | b'\t' | b'\r' | b'\n' | b'#' | b'/')))
    }

    /// The rest of a `for` expression, read loosely for its span: the
    /// expressions and the `in`, `:`, `,`, `=>`, `...` and `if` between
    /// them, up to `close`.
    fn rest_of_for(&mut self, open: usize, close: u8) -> Result<Kind, Error> {
        self.pos += 3;
        loop {
            self.ws(true)?;
            if self.eat(close) {
                return Ok(Kind::Other);
            }
            if self.peek().is_none() {
                return Err(self.unclosed(open));
            }
            if !(self.eat(b':') || self.eat(b',') || self.eat_str("=>") || self.eat_str("...")) {
                self.keyword_or_expr()?;
            }
        }
    }

    /// `in` or `if`, or else an expression, in a `for`.
    fn keyword_or_expr(&mut self) -> Result<(), Error> {
        let start = self.pos;
        if !matches!(self.ident(), Some("in" | "if")) {
            self.pos = start;
            self.expr(true)?;
        }
        Ok(())
    }

    /// A quoted string: [`Kind::String`], or [`Kind::Template`] when it
    /// interpolates.
    fn quoted(&mut self) -> Result<Expr, Error> {
        let start = self.pos;
        self.pos += 1;
        let mut parts = self.template(Some(start))?;
        let kind = match parts.pop() {
            None => Kind::String(String::new()),
            Some(Part::Literal(text, _)) if parts.is_empty() => Kind::String(text),
            Some(last) => {
                parts.push(last);
                Kind::Template(parts)
            }
        };
        Ok(Expr { kind, span: start..self.pos })
    }

    /// The parts of a template, up to the closing quote of the quoted
    /// string opened at `quote` (escapes read), or up to `self.end` in a
    /// heredoc (no escapes).
    fn template(&mut self, quote: Option<usize>) -> Result<Vec<Part>, Error> {
        let mut parts = Vec::new();
        let mut text = String::new();
        let mut text_start = self.pos;
        // The directives open, innermost last: whether each is an `if`, and
        // where it starts. Whatever is inside one is part of its span.
        let mut open = Vec::new();
        loop {
            let at = self.pos;
            match (self.peek(), self.peek_at(1), quote) {
                (None | Some(b'\n'), _, Some(quote)) => {
                    return Err(error(quote, "this string is never closed".into()));
                }
                (None, _, None) | (Some(b'"'), _, Some(_)) => break,
                (Some(b'\\'), _, Some(_)) => text.push(self.escape()?),
                (Some(b @ (b'$' | b'%')), Some(next), _)
                    if next == b && self.peek_at(2) == Some(b'{') =>
                {
                    // `$${` and `%%{` are `${` and `%{` as text.
                    text.push(char::from(b));
                    text.push('{');
                    self.pos += 3;
                }
                (Some(b'$' | b'%'), Some(b'{'), _) => {
                    if open.is_empty() && at > text_start {
                        parts.push(Part::Literal(std::mem::take(&mut text), text_start..at));
                    }
                    self.control(&mut parts, &mut open)?;
                    if open.is_empty() {
                        text.clear();
                        text_start = self.pos;
                    }
                }
                _ => {
                    let run = self.pos;
                    while !matches!(self.peek(), None | Some(b'"' | b'\\' | b'\n' | b'$' | b'%')) {
                        self.pos += 1;
                    }
                    if self.pos == run {
                        self.pos += 1;
                    }
                    text.push_str(&self.text[run..self.pos]);
                }
            }
        }
        if let Some(&(is_if, at)) = open.last() {
            return Err(unclosed_directive(is_if, at));
        }
        if self.pos > text_start {
            parts.push(Part::Literal(text, text_start..self.pos));
        }
        if quote.is_some() {
            self.pos += 1;
        }
        Ok(parts)
    }

    /// An interpolation (`${…}`) or a directive (`%{…}`) in a template,
    /// added to `parts` unless within a directive (`open`).
    fn control(
        &mut self,
        parts: &mut Vec<Part>,
        open: &mut Vec<(bool, usize)>,
    ) -> Result<(), Error> {
        let at = self.pos;
        let interpolation = self.bytes[at] == b'$';
        self.pos += 2;
        self.eat(b'~');
        self.ws(true)?;
        let mut ended = None;
        if interpolation {
            let expr = self.expr(true)?;
            if open.is_empty() {
                parts.push(Part::Interpolation(expr));
            }
        } else {
            ended = self.directive(at, open)?;
        }
        self.ws(true)?;
        self.eat(b'~');
        self.close(at, b'}', "\"}\"")?;
        if let Some(start) = ended {
            parts.push(Part::Directive(start..self.pos));
        }
        Ok(())
    }

    /// A directive's keyword and what follows it, up to its `}`, for the
    /// `%{` at `at`. The start of the outermost directive when this one
    /// ends it.
    fn directive(
        &mut self,
        at: usize,
        open: &mut Vec<(bool, usize)>,
    ) -> Result<Option<usize>, Error> {
        let keyword_at = self.pos;
        let outermost = open.first().map(|&(_, start)| start);
        match self.ident().unwrap_or_default() {
            "if" => {
                self.ws(true)?;
                self.expr(true)?;
                open.push((true, at));
            }
            "for" => {
                // `for k, v in collection`, read loosely.
                loop {
                    self.ws(true)?;
                    match self.peek() {
                        None | Some(b'}' | b'~') => break,
                        Some(b',') => self.pos += 1,
                        _ => self.keyword_or_expr()?,
                    }
                }
                open.push((false, at));
            }
            keyword @ ("else" | "endif" | "endfor") => {
                let is_if = keyword != "endfor";
                if open.last().map(|&(is_if, _)| is_if) != Some(is_if) {
                    let opening = if is_if { "if" } else { "for" };
                    return Err(error(
                        at,
                        format!("this %{{ {keyword} }} has no %{{ {opening} }} before it"),
                    ));
                }
                if keyword != "else" {
                    open.pop();
                    if open.is_empty() {
                        return Ok(outermost);
                    }
                }
            }
            _ => {
                self.pos = keyword_at;
                return Err(self.expected("if, for, else, endif or endfor after \"%{\""));
            }
        }
        Ok(None)
    }

    /// An escape sequence in a quoted string: `\n`, `\r`, `\t`, `\"`, `\\`,
    /// `\uXXXX`, `\UXXXXXXXX`.
    fn escape(&mut self) -> Result<char, Error> {
        let at = self.pos;
        let escaped = self.peek_at(1);
        self.pos += 2;
        let digits = match escaped {
            Some(b'n') => return Ok('\n'),
            Some(b'r') => return Ok('\r'),
            Some(b't') => return Ok('\t'),
            Some(b'"') => return Ok('"'),
            Some(b'\\') => return Ok('\\'),
            Some(b'u') => 4,
            Some(b'U') => 8,
            _ => {
                return Err(error(
                    at,
                    "this escape sequence is not valid: use \\n, \\r, \\t, \\\", \\\\, \\uXXXX or \
                     \\UXXXXXXXX"
                        .into(),
                ));
            }
        };
        let c = self
            .text
            .get(self.pos..(self.pos + digits).min(self.end))
            .filter(|hex| hex.len() == digits && hex.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|hex| u32::from_str_radix(hex, 16).ok())
            .and_then(char::from_u32);
        self.pos += digits;
        c.ok_or_else(|| {
            error(at, format!("expected {digits} hexadecimal digits of a Unicode character here"))
        })
    }

    /// A heredoc: `<<EOT` or `<<-EOT`, its lines, and a line holding only
    /// `EOT` (after spaces).
    fn heredoc(&mut self) -> Result<Expr, Error> {
        let start = self.pos;
        let (indented, close, after) = self.heredoc_lines()?;
        let end = std::mem::replace(&mut self.end, close);
        let mut parts = self.template(None)?;
        self.end = end;
        self.pos = after;
        if indented {
            dedent(&mut parts);
        }
        Ok(Expr { kind: Kind::Heredoc(parts), span: start..after })
    }

    /// Reads a heredoc's opening line, and finds its closing one: whether
    /// it is `<<-`, where the closing line starts, and where its marker
    /// ends.
    fn heredoc_lines(&mut self) -> Result<(bool, usize, usize), Error> {
        let start = self.pos;
        self.pos += 2;
        let indented = self.eat(b'-');
        let Some(marker) = self.ident() else {
            return Err(self.expected("a heredoc marker, such as EOT, after \"<<\""));
        };
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\r')) {
            self.pos += 1;
        }
        if !self.eat(b'\n') {
            return Err(self.expected(&format!("a new line after <<{marker}")));
        }
        let mut line = self.pos;
        while line < self.end {
            let mut at = line;
            while at < self.end && matches!(self.bytes[at], b' ' | b'\t') {
                at += 1;
            }
            let after = at + marker.len();
            if self.bytes[at..self.end].starts_with(marker.as_bytes())
                && self.ident_char(after, true) == 0
            {
                return Ok((indented, line, after));
            }
            line = self.bytes[line..self.end]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(self.end, |n| line + n + 1);
        }
        Err(error(start, format!("heredoc {marker} is never closed")))
    }
}

fn unclosed_directive(is_if: bool, at: usize) -> Error {
    let (opening, closing) = if is_if { ("if", "endif") } else { ("for", "endfor") };
    error(at, format!("this %{{ {opening} }} has no %{{ {closing} }}"))
}

/// Applies `<<-`'s rule to a heredoc's parts, as Terraform does: as many
/// leading whitespace characters (a tab counts as one) as the least
/// indented line has are removed from every line. Blank lines do not count
/// and are kept as they are; a line starting with `${` or `%{` means that
/// nothing is removed.
fn dedent(parts: &mut [Part]) {
    fn leading(line: &str) -> usize {
        line.chars().take_while(|&c| c.is_whitespace() && c != '\n').count()
    }
    fn blank(line: &str) -> bool {
        line.trim_start().is_empty() && line.ends_with('\n')
    }
    let mut fewest = usize::MAX;
    let mut line_start = true;
    for part in parts.iter() {
        match part {
            Part::Literal(text, _) => {
                for (i, line) in text.split_inclusive('\n').enumerate() {
                    if (i > 0 || line_start) && !blank(line) {
                        fewest = fewest.min(leading(line));
                    }
                }
                line_start = text.ends_with('\n');
            }
            _ => {
                if line_start {
                    return;
                }
            }
        }
    }
    if fewest == 0 || fewest == usize::MAX {
        return;
    }
    line_start = true;
    for part in parts {
        if let Part::Literal(text, _) = part {
            let mut out = String::with_capacity(text.len());
            for (i, line) in text.split_inclusive('\n').enumerate() {
                if (i > 0 || line_start) && !blank(line) {
                    out.extend(line.chars().skip(fewest));
                } else {
                    out.push_str(line);
                }
            }
            line_start = text.ends_with('\n');
            *text = out;
        } else {
            line_start = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An expression, compactly: `other(…)` holds an opaque expression's
    /// source, `[?]` is an index or splat step.
    fn show(text: &str, expr: &Expr) -> String {
        let list = |items: &mut dyn Iterator<Item = String>| items.collect::<Vec<_>>().join(", ");
        match &expr.kind {
            Kind::Null => "null".into(),
            Kind::Bool(b) => b.to_string(),
            Kind::Number(n) => n.clone(),
            Kind::String(s) => format!("{s:?}"),
            Kind::Template(parts) => format!("template({})", show_parts(text, parts)),
            Kind::Heredoc(parts) => format!("heredoc({})", show_parts(text, parts)),
            Kind::Tuple(items) => format!("[{}]", list(&mut items.iter().map(|e| show(text, e)))),
            Kind::Object(items) => format!(
                "{{{}}}",
                list(&mut items.iter().map(|(k, v)| format!(
                    "{}: {}",
                    show(text, k),
                    show(text, v)
                )))
            ),
            Kind::Call(name, args) => {
                format!("{name}({})", list(&mut args.iter().map(|e| show(text, e))))
            }
            Kind::Variable(name) => name.clone(),
            Kind::Traversal(root, steps) => {
                let mut out = show(text, root);
                for step in steps {
                    match step {
                        Step::Attr(name) => out.push_str(&format!(".{name}")),
                        Step::Other => out.push_str("[?]"),
                    }
                }
                out
            }
            Kind::Parens(inner) => format!("({})", show(text, inner)),
            Kind::Other => format!("other({})", &text[expr.span.clone()]),
        }
    }

    fn show_parts(text: &str, parts: &[Part]) -> String {
        let parts: Vec<String> = parts
            .iter()
            .map(|part| match part {
                Part::Literal(s, _) => format!("{s:?}"),
                Part::Interpolation(expr) => format!("${{{}}}", show(text, expr)),
                Part::Directive(span) => format!("directive({})", &text[span.clone()]),
            })
            .collect();
        parts.join(", ")
    }

    /// The attributes of `text`, shown.
    fn attributes(text: &str) -> Vec<(String, String)> {
        let body = parse(text).unwrap_or_else(|error| panic!("{error:?} in {text}"));
        body.attributes.iter().map(|a| (a.key.clone(), show(text, &a.value))).collect()
    }

    /// The one attribute of `text`, shown.
    fn value(text: &str) -> String {
        let mut attributes = attributes(text);
        assert_eq!(attributes.len(), 1, "{text}");
        attributes.remove(0).1
    }

    fn err(text: &str) -> (usize, String) {
        let error = parse(text).expect_err(text);
        (error.at, error.message)
    }

    #[test]
    fn heredocs_and_the_indentation_of_dashed_ones() {
        let text = "a = <<-EOT\n    {\n      \"k\": 1\n\n    }\n  EOT\nb = <<EOT\n  kept\nEOT\n";
        let body = parse(text).unwrap();
        let Kind::Heredoc(parts) = &body.attributes[0].value.kind else { panic!() };
        // The literal's span is the source of the lines, indentation and
        // the last line end included.
        let start = text.find("    {").unwrap();
        let end = text.find("  EOT").unwrap();
        assert_eq!(parts, &[Part::Literal("{\n  \"k\": 1\n\n}\n".into(), start..end)]);
        assert_eq!(body.attributes[0].value.span, 4..end + 5);
        assert_eq!(show(text, &body.attributes[1].value), r#"heredoc("  kept\n")"#);

        // With interpolations: only line-leading text is stripped.
        assert_eq!(
            value("c = <<-EOT\n    x ${var.y}\n      z\n    EOT\n"),
            r#"heredoc("x ", ${var.y}, "\n  z\n")"#
        );
        // A line starting with `${` strips nothing; nor does a line without
        // indentation.
        assert_eq!(value("d = <<-EOT\n${a}\n  b\nEOT\n"), r#"heredoc(${a}, "\n  b\n")"#);
        assert_eq!(value("d = <<-EOT\n  a\nb\nEOT\n"), r#"heredoc("  a\nb\n")"#);
        // Spaces before `${` count; blank lines do not, and are kept.
        assert_eq!(
            value("e = <<-EOT\n    a\n  ${b}\n \n    c\n  EOT\n"),
            r#"heredoc("  a\n", ${b}, "\n \n  c\n")"#
        );
        // Tabs count as one each; `$${` is text; backslashes are not escapes.
        assert_eq!(
            value("f = <<-EOT\n\t\ta\\n $${b}\n\t\t c\nEOT\n"),
            r#"heredoc("a\\n ${b}\n c\n")"#
        );
        // Empty, a marker that only starts a line, and the marker before `)`.
        assert_eq!(value("g = <<EOT\nEOT\n"), "heredoc()");
        assert_eq!(value("h = <<EOT\nEOTX\n EOT\n"), r#"heredoc("EOTX\n")"#);
        assert_eq!(value("i = f(<<EOT\nx\nEOT\n)\n"), r#"f(heredoc("x\n"))"#);
        // CRLF line ends.
        assert_eq!(value("j = <<-EOT\r\n  a\r\n  EOT\r\n"), r#"heredoc("a\r\n")"#);
    }

    #[test]
    fn escapes_and_escaped_template_markers() {
        assert_eq!(
            value(r#"s = "a\n\r\t\"\\\u00e9\U0001F600 $${x} %%{y} 100% $5 $$""#),
            r#""a\n\r\t\"\\é😀 ${x} %{y} 100% $5 $$""#
        );
        assert_eq!(value(r#"s = """#), r#""""#);
    }

    #[test]
    fn numbers_keep_their_lexemes() {
        let text = "n = [1.50, 1e6, -0, 1E+3, 0.5e-2, 42, - 7, -(1), - -1, -x]\n";
        assert_eq!(
            value(text),
            "[1.50, 1e6, -0, 1E+3, 0.5e-2, 42, -7, other(-(1)), other(- -1), other(-x)]"
        );
        let body = parse(text).unwrap();
        let Kind::Tuple(items) = &body.attributes[0].value.kind else { panic!() };
        assert_eq!(items[2], Expr { kind: Kind::Number("-0".into()), span: 16..18 });
        assert_eq!(items[6], Expr { kind: Kind::Number("-7".into()), span: 38..41 });
    }

    #[test]
    fn comments_and_line_ends() {
        let text = "# one\n// two\n/* three\n   four */ a = 1 # five\nb = { # six\n  c = 2 // seven\n  /* eight */ d = 3\n\n}\r\nc = [\n  1, # one\n  2\n]\n";
        assert_eq!(
            attributes(text),
            [
                ("a".into(), "1".into()),
                ("b".into(), "{c: 2, d: 3}".into()),
                ("c".into(), "[1, 2]".into())
            ]
        );
    }

    #[test]
    fn objects_tuples_and_calls() {
        let text = r#"p = jsonencode({
  source = ["aws.ec2"]
  "detail-type" : ["x", "y",],
  detail = { n = [{ numeric = [">", 1.5] }], m = null, t = true }
  (var.k) = false, u = {}
})
"#;
        assert_eq!(
            value(text),
            r#"jsonencode({source: ["aws.ec2"], "detail-type": ["x", "y"], detail: {n: [{numeric: [">", 1.5]}], m: null, t: true}, (var.k): false, u: {}})"#
        );
        let body = parse(text).unwrap();
        let Kind::Call(_, args) = &body.attributes[0].value.kind else { panic!() };
        let Kind::Object(items) = &args[0].kind else { panic!() };
        assert_eq!(&text[items[1].0.span.clone()], "\"detail-type\"");
        assert_eq!(&text[items[1].1.span.clone()], "[\"x\", \"y\",]");
        assert_eq!(
            value("f = provider::aws::arn_parse(file(\"a.json\"), [1]...)\n"),
            r#"provider::aws::arn_parse(file("a.json"), [1])"#
        );
        assert_eq!(value("g = [\n  1\n  ,\n  f( )\n]\n"), "[1, f()]");
    }

    #[test]
    fn traversals() {
        let text =
            "t = [aws_sqs_queue.q.arn, var.x[0].y, local.z, a.*.b, a[*].b, a.0, f(x).y, true]\n";
        assert_eq!(
            value(text),
            "[aws_sqs_queue.q.arn, var.x[?].y, local.z, a[?].b, a[?].b, a[?], f(x).y, true]"
        );
        let body = parse(text).unwrap();
        let Kind::Tuple(items) = &body.attributes[0].value.kind else { panic!() };
        assert_eq!(items[0].span, 5..24);
        let Kind::Traversal(root, steps) = &items[0].kind else { panic!() };
        assert_eq!(root.kind, Kind::Variable("aws_sqs_queue".into()));
        assert_eq!(steps, &[Step::Attr("q".into()), Step::Attr("arn".into())]);
    }

    #[test]
    fn other_expressions_are_read_for_their_span() {
        assert_eq!(
            value("o = [a ? b : c, a + b * -c, !x, (a), a == b && c || d, 1 <= 2, -a.b]\n"),
            "[other(a ? b : c), other(a + b * -c), other(!x), (a), other(a == b && c || d), \
             other(1 <= 2), other(-a.b)]"
        );
        assert_eq!(
            value("f = [for s in var.xs : upper(s) if s != \"\"]\n"),
            "other([for s in var.xs : upper(s) if s != \"\"])"
        );
        assert_eq!(
            value("f = [for s in [\"a\", f(x)] : s if s != \"\"][0]\n"),
            "other([for s in [\"a\", f(x)] : s if s != \"\"])[?]"
        );
        assert_eq!(
            value("f = {\n  for k, v in var.m :\n  k => v...\n}\n"),
            "other({\n  for k, v in var.m :\n  k => v...\n})"
        );
        // `format` is no `for`.
        assert_eq!(value("f = [format(\"%s\", a)]\n"), r#"[format("%s", a)]"#);
        // A conditional ends with its line, unless inside brackets.
        assert_eq!(
            attributes("a = x ? 1 : 2\nb = (x\n  ? 1\n  : 2)\n"),
            [
                ("a".into(), "other(x ? 1 : 2)".into()),
                ("b".into(), "(other(x\n  ? 1\n  : 2))".into())
            ]
        );
    }

    #[test]
    fn templates_keep_interpolations_and_directives() {
        let text = r#"t = "pre ${var.x} %{ if a }y${b}%{ else }z%{ endif } post ${~ c ~}""#;
        assert_eq!(
            value(text),
            r#"template("pre ", ${var.x}, " ", directive(%{ if a }y${b}%{ else }z%{ endif }), " post ", ${c})"#
        );
        let body = parse(text).unwrap();
        let Kind::Template(parts) = &body.attributes[0].value.kind else { panic!() };
        assert_eq!(parts[0], Part::Literal("pre ".into(), 5..9));
        assert_eq!(
            parts[1],
            Part::Interpolation(Expr {
                kind: Kind::Traversal(
                    Box::new(Expr { kind: Kind::Variable("var".into()), span: 11..14 }),
                    vec![Step::Attr("x".into())]
                ),
                span: 11..16,
            })
        );
        // Nested directives are one part; a quoted string in an
        // interpolation is read as one.
        assert_eq!(
            value(r#"t = "%{ for x in [1] }%{ if x }${x}%{ endif }%{ endfor }${ "}" }""#),
            r#"template(directive(%{ for x in [1] }%{ if x }${x}%{ endif }%{ endfor }), ${"}"})"#
        );
    }

    #[test]
    fn blocks_and_labels() {
        let text = "resource \"aws_cloudwatch_event_rule\" r {\n  name = \"x\"\n  inner { a = 1 }\n  empty {}\n}\nlocals {\n}\n";
        let body = parse(text).unwrap();
        assert!(body.attributes.is_empty());
        let [resource, locals] = body.blocks.as_slice() else { panic!("{body:?}") };
        assert_eq!(resource.ident, "resource");
        assert_eq!(resource.labels, ["aws_cloudwatch_event_rule", "r"]);
        assert_eq!(resource.span, 0..text.find("\nlocals").unwrap());
        assert_eq!(resource.body.attribute("name").map(|a| a.span.clone()), Some(43..53));
        let [inner, empty] = resource.body.blocks.as_slice() else { panic!() };
        assert_eq!((inner.ident.as_str(), inner.body.attributes[0].key.as_str()), ("inner", "a"));
        assert_eq!(empty.body, Body::default());
        assert_eq!((locals.ident.as_str(), locals.labels.len()), ("locals", 0));
        assert_eq!(parse("").unwrap(), Body::default());
        assert_eq!(parse("\u{feff}a = 1").unwrap().attributes[0].span, 3..8);
    }

    #[test]
    fn errors_say_what_was_expected_where() {
        let cases: [(&str, usize, &str); 22] = [
            ("a = \"abc\nb = 1\n", 4, "this string is never closed"),
            ("a = [1, 2\n", 4, "this \"[\" is never closed"),
            ("a = [1 2]", 7, "expected \",\" or \"]\", found \"2\""),
            ("a = f(1,", 5, "this \"(\" is never closed"),
            ("a = (1", 4, "this \"(\" is never closed"),
            ("a = <<EOT\nabc\n", 4, "heredoc EOT is never closed"),
            ("a = <<EOT x\n", 10, "expected a new line after <<EOT, found \"x\""),
            ("resource \"x\" {\n  a = 1\n", 13, "this \"{\" is never closed"),
            (
                "rule\n",
                4,
                "expected \"=\" or a block body after the name \"rule\", found a new line",
            ),
            ("b \"x\" = 1", 6, "expected \"{\" after the labels of the block \"b\", found \"=\""),
            ("a = \n", 4, "expected a value, found a new line"),
            ("a = }", 4, "expected a value, found \"}\""),
            ("a = \"${var.x\"", 12, "expected \"}\", found a quote"),
            ("a = \"${x", 5, "this \"${\" is never closed"),
            ("a = 1 2", 6, "expected a new line after the value of \"a\", found \"2\""),
            ("a = 1\na = 2\n", 6, "the argument \"a\" is set twice"),
            ("a = { b = 1, \"b\" = 2 }", 13, "the key \"b\" is set twice in this object"),
            (
                "a = { b = 1 c = 2 }",
                12,
                "expected \",\", a new line or \"}\" after the value of \"b\", found \"c\"",
            ),
            ("a = \"%{ if x }y\"", 5, "this %{ if } has no %{ endif }"),
            ("a = \"%{ endfor }\"", 5, "this %{ endfor } has no %{ for } before it"),
            ("/* x", 0, "this comment is never closed"),
            ("a = x.\n", 6, "expected a name, an index or \"*\" after \".\", found a new line"),
        ];
        for (text, at, message) in cases {
            assert_eq!(err(text), (at, message.to_owned()), "{text}");
        }
        assert_eq!(
            err(r#"a = "\q""#),
            (5, "this escape sequence is not valid: use \\n, \\r, \\t, \\\", \\\\, \\uXXXX or \\UXXXXXXXX".into())
        );
        assert_eq!(
            err(r#"a = "\u00""#),
            (5, "expected 4 hexadecimal digits of a Unicode character here".into())
        );
        assert_eq!(err("a = <<EOT\n${x\nEOT\n"), (10, "this \"${\" is never closed".into()));
        assert_eq!(err("a = <<EOT\n${x y}\nEOT\n"), (14, "expected \"}\", found \"y\"".into()));
        assert_eq!(
            err("a = <<EOT\n${\nEOT\n"),
            (13, "expected a value, found the end of the heredoc".into())
        );
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = |open: &str, n: usize| format!("a = {}", open.repeat(n));
        let message = "the HCL nests more than 64 levels deep";
        assert_eq!(err(&deep("[", 100)), (68, message.into()));
        assert_eq!(err(&deep("-", 100_000)), (67, message.into()));
        assert_eq!(err(&deep("!", 100_000)), (67, message.into()));
        assert_eq!(err(&deep("(", 100)).1, message);
        assert_eq!(err(&deep("\"${", 100)).1, message);
        assert_eq!(err(&deep("{a=", 100)).1, message);
        assert_eq!(err(&deep("x[", 100)).1, message);
        let heredocs = |n: usize| {
            let open: String = (0..n).map(|i| format!("<<E{i}\n${{")).collect();
            let close: String = (0..n).rev().map(|i| format!("}}\nE{i}\n")).collect();
            format!("a = {open}x{close}")
        };
        assert_eq!(err(&heredocs(100)).1, message);
        assert_eq!(err(&"b {\n".repeat(100)).1, message);
        // Just below the limit, every kind of nesting reads, on a stack half
        // as big as WebAssembly's (debug builds need about 370 KiB).
        let below: Vec<String> = vec![
            format!("a = {}{}", "[".repeat(63), "]".repeat(63)),
            format!("a = {}1", "- ".repeat(62)),
            format!("a = {}x{}", "\"${".repeat(63), "}\"".repeat(63)),
            format!("a = {}x{}", "(".repeat(63), ")".repeat(63)),
            format!("a = {}x{}", "{a = ".repeat(63), "}".repeat(63)),
            format!("a = {}1{}", "f(".repeat(63), ")".repeat(63)),
            heredocs(63),
            format!("{}{}", "b {\n".repeat(64), "}\n".repeat(64)),
        ];
        let results = std::thread::Builder::new()
            .stack_size(1 << 19)
            .spawn(move || below.iter().map(|text| parse(text).map(|_| ())).collect::<Vec<_>>())
            .unwrap()
            .join()
            .unwrap();
        for result in results {
            assert_eq!(result, Ok(()));
        }
    }

    #[test]
    fn non_ascii_text() {
        let text = "# ü\nrésumé = \"日本→😀\"\nx = é.ñ\n";
        assert_eq!(
            attributes(text),
            [("résumé".into(), "\"日本→😀\"".into()), ("x".into(), "é.ñ".into())]
        );
        let body = parse(text).unwrap();
        assert_eq!(&text[body.attributes[0].value.span.clone()], "\"日本→😀\"");
        assert_eq!(err("a = \"日本\nb = 1\n"), (4, "this string is never closed".into()));
        assert_eq!(err("a = → 1\n"), (4, "expected a value, found \"→\"".into()));
        assert_eq!(
            err("a = \"é\" €"),
            (9, "expected a new line after the value of \"a\", found \"€\"".into())
        );
    }

    #[test]
    fn no_input_panics_and_errors_are_at_char_boundaries() {
        let text = "\u{feff}# é\nresource \"a\" b {\n  s = \"x${v.é[0]}%{if c}y%{endif}\\u00e9\"\n  h = <<-EOT\n    ü ${[1, {k: -2.5e3}]}\n  EOT\n  o = { (k) = f(a...), \"q\" : !x ? y : z }\n  l = [for v in w : v if v != 1]\n  /* c */ i { j = a.*.b[*] }\n}\n";
        parse(text).unwrap();
        let check = |piece: &str| {
            if let Err(error) = parse(piece) {
                assert!(piece.is_char_boundary(error.at), "{piece:?}: {error:?}");
            }
        };
        for (i, _) in text.char_indices() {
            check(&text[..i]);
            check(&text[i..]);
            let mut cut = text.to_owned();
            cut.remove(i);
            check(&cut);
        }
    }

    #[test]
    fn long_flat_input_reads() {
        let sum = format!("a = {}x\n", "x + ".repeat(100_000));
        assert_eq!(parse(&sum).unwrap().attributes[0].value.kind, Kind::Other);
        let dollars = format!("a = \"{}\"\n", "$".repeat(100_000));
        assert_eq!(
            parse(&dollars).unwrap().attributes[0].value.kind,
            Kind::String("$".repeat(100_000))
        );
        let items = format!("a = [{}]\n", "1,".repeat(100_000));
        let Kind::Tuple(items) = &parse(&items).unwrap().attributes[0].value.kind else { panic!() };
        assert_eq!(items.len(), 100_000);
        let attributes: String =
            (0..10_000).map(|i| format!("a{i} = {{ k{i} = {i} }}\n")).collect();
        assert_eq!(parse(&attributes).unwrap().attributes.len(), 10_000);
    }
}
