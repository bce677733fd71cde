//! The YAML scanner and parser behind [`super::read`].
//!
//! Why our own: `saphyr-parser` cost about 24 KiB gzipped of the web
//! bundle, and templates need only a subset of YAML 1.2, but with what
//! general parsers do not all give: the byte offset, line and column of
//! every node, and each scalar's exact text and style (so that `1.50`
//! stays `1.50`).
//!
//! One pass over the text, by hand, aware of lines and indentation. Block
//! collections are an explicit stack of [`Block`]s, flow collections
//! another of [`FlowFrame`]s, so nesting costs heap, not native stack, and
//! the [`Builder`] refuses it past [`super::MAX_DEPTH`]. The parser never
//! goes back, except to look ahead over the blank lines after a plain
//! scalar's line, which the next token skips again: the work is linear.
//!
//! It reads block mappings (implicit keys, and explicit `? ` keys) and
//! sequences (compact ones too), flow collections, every scalar style,
//! tags (`!Local`, `!!core`, `!<verbatim>`, `%TAG` handles), anchors
//! (read and ignored), comments, `%` directives and the `---` and `...`
//! markers. It refuses aliases, tabs as indentation, and what YAML 1.2
//! refuses, each with a positioned [`YamlError`].

use super::{Builder, CORE, Mark, Style, Tag, YamlError, to_tag};

/// Reads `text` into `out`.
pub(super) fn parse(text: &str, out: &mut Builder) -> Result<(), YamlError> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut parser = Parser {
        text,
        b: text.as_bytes(),
        pos: start,
        line: 1,
        line_start: start,
        col: 0,
        blocks: Vec::new(),
        props: None,
        handles: Vec::new(),
        out,
    };
    parser.stream()
}

fn error(mark: Mark, message: &str) -> YamlError {
    YamlError { message: message.to_owned(), mark }
}

const ALIAS: &str = "YAML aliases (*name) are not supported here: write the value out";
const COLON_IN_VALUE: &str = "': ' cannot start a mapping here; quote the value if it holds ': '";
const AFTER_VALUE: &str = "unexpected text after the value; quote the whole value if it is text";

fn is_break(c: u8) -> bool {
    c == b'\n' || c == b'\r'
}

fn is_flow(c: u8) -> bool {
    matches!(c, b',' | b'[' | b']' | b'{' | b'}')
}

/// What the previous token on the line was, which limits what may follow.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Inline {
    /// The token is the first on its line.
    No,
    /// After `key:` or `---`: no block collection may start here.
    Colon,
    /// After `- ` or `? `: a compact collection may start here.
    Dash,
}

/// An open block collection and the column of its keys or dashes.
#[derive(Clone, Copy)]
struct Block {
    indent: usize,
    state: State,
}

#[derive(Clone, Copy)]
enum State {
    /// A mapping that expects a key.
    Key,
    /// A mapping whose key was read, with the mark of its `:`.
    Value(Mark),
    /// A mapping after `?`: the key comes next (the mark is after `?`).
    ExplicitKey(Mark),
    /// A mapping whose explicit key was read: `:` comes next.
    Colon,
    /// A sequence after `-`: the item comes next (the mark is after `-`).
    Item(Mark),
    /// A sequence whose last item was read.
    Dash,
}

/// A tag and anchors read for a node, from the first one's mark.
struct Props {
    tag: Option<Tag>,
    mark: Mark,
    end: usize,
}

/// A scalar read.
struct Scanned {
    text: String,
    style: Style,
    mark: Mark,
    end: usize,
    /// It spans several lines (then it cannot be a key).
    lines: bool,
    /// A plain scalar that ran to the end of its line, which the next
    /// lines may continue.
    more: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Flow {
    /// A sequence that expects an item or `]`.
    Item,
    /// A mapping that expects a key or `}`.
    Key,
    /// A mapping whose key and `:` were read.
    Value,
    /// A one-pair mapping in a sequence (`[a: 1]`) whose key was read.
    Pair,
    /// A one-pair mapping whose value started: it ends with its value.
    PairDone,
    /// After a node: `,` or the closing bracket comes next.
    Sep,
}

/// An open flow collection.
struct FlowFrame {
    seq: bool,
    open: Mark,
    state: Flow,
    /// The last `:` read, where an empty value is.
    colon: Mark,
}

struct Parser<'t, 'o> {
    text: &'t str,
    b: &'t [u8],
    pos: usize,
    line: usize,
    line_start: usize,
    /// The column of `pos`, in characters from `line_start`, 0-based.
    col: usize,
    blocks: Vec<Block>,
    /// Properties read on a line of their own, for the node that follows.
    props: Option<Props>,
    /// `%TAG` handles and their prefixes.
    handles: Vec<(String, String)>,
    out: &'o mut Builder,
}

impl Parser<'_, '_> {
    // The cursor.

    fn at(&self, i: usize) -> u8 {
        self.b.get(i).copied().unwrap_or(0)
    }

    fn peek(&self) -> u8 {
        self.at(self.pos)
    }

    fn eof(&self) -> bool {
        self.pos >= self.b.len()
    }

    fn mark(&self) -> Mark {
        Mark { offset: self.pos, line: self.line, column: self.col + 1 }
    }

    /// Whether byte `i` is a space, a tab, a line break or the end.
    fn white_or_end(&self, i: usize) -> bool {
        i >= self.b.len() || matches!(self.b[i], b' ' | b'\t' | b'\n' | b'\r')
    }

    /// Whether byte `i` ends a token: white space, the end, or in flow
    /// context `,`, `[`, `]`, `{`, `}`.
    fn boundary(&self, i: usize, flow: bool) -> bool {
        self.white_or_end(i) || (flow && is_flow(self.at(i)))
    }

    /// Whether the next character is `c` used as an indicator: followed by
    /// white space or the end.
    fn indicator(&self, c: u8) -> bool {
        self.peek() == c && self.white_or_end(self.pos + 1)
    }

    /// Moves over `n` ASCII characters of one line.
    fn skip(&mut self, n: usize) {
        self.pos += n;
        self.col += n;
    }

    /// Moves over one character that is not a line break.
    fn bump(&mut self) {
        let c = self.peek();
        self.pos += match c {
            0..0x80 => 1,
            0xF0.. => 4,
            0xE0.. => 3,
            _ => 2,
        };
        self.col += 1;
    }

    /// Moves over a line break.
    fn newline(&mut self) {
        self.pos += if self.peek() == b'\r' && self.at(self.pos + 1) == b'\n' { 2 } else { 1 };
        self.line += 1;
        self.line_start = self.pos;
        self.col = 0;
    }

    fn skip_spaces(&mut self) {
        while matches!(self.peek(), b' ' | b'\t') {
            self.skip(1);
        }
    }

    fn comment_here(&self) -> bool {
        self.peek() == b'#'
            && (self.pos == self.line_start || matches!(self.at(self.pos - 1), b' ' | b'\t'))
    }

    fn skip_to_eol(&mut self) {
        while !self.eof() && !is_break(self.peek()) {
            self.bump();
        }
    }

    /// Whether the line ends here: a line break, a comment or the end.
    fn at_line_end(&self) -> bool {
        self.eof() || is_break(self.peek()) || self.comment_here()
    }

    /// Skips white space, comments and line breaks; whether the next token
    /// is the first on its line.
    fn skip_blank(&mut self) -> bool {
        let mut first = self.pos == self.line_start;
        loop {
            self.skip_spaces();
            if self.comment_here() {
                self.skip_to_eol();
            }
            if self.eof() || !is_break(self.peek()) {
                return first;
            }
            self.newline();
            first = true;
        }
    }

    /// Whether a `---` or `...` marker starts here, at column 0.
    fn marker(&self) -> bool {
        self.pos == self.line_start && self.marker_at(self.pos)
    }

    /// Whether `---` or `...` and white space (or the end) are at byte `p`.
    fn marker_at(&self, p: usize) -> bool {
        let three = self.b.get(p..p + 3);
        (three == Some(b"---") || three == Some(b"...")) && self.white_or_end(p + 3)
    }

    // The stream and its document.

    fn stream(&mut self) -> Result<(), YamlError> {
        let mut directives = false;
        loop {
            self.skip_blank();
            if self.marker() && self.peek() == b'.' {
                self.document_end()?;
                continue;
            }
            if self.eof() || self.pos != self.line_start || self.peek() != b'%' {
                break;
            }
            self.directive()?;
            directives = true;
        }
        let explicit = self.marker() && self.peek() == b'-';
        if explicit {
            self.skip(3);
        } else if directives {
            return Err(error(self.mark(), "a % directive must be followed by a --- line"));
        }
        self.document(explicit)?;
        loop {
            self.skip_blank();
            if self.eof() {
                return Ok(());
            }
            if !self.marker() || self.peek() != b'.' {
                return Err(error(
                    self.mark(),
                    "the text holds more than one YAML document; paste one template at a time",
                ));
            }
            self.document_end()?;
        }
    }

    /// Moves over a `...` marker, which only a comment may follow.
    fn document_end(&mut self) -> Result<(), YamlError> {
        self.skip(3);
        self.skip_spaces();
        if self.at_line_end() {
            return Ok(());
        }
        Err(error(self.mark(), "only a comment may follow ... on its line"))
    }

    fn directive(&mut self) -> Result<(), YamlError> {
        let mark = self.mark();
        let rest = self.text.get(self.pos..).unwrap_or_default();
        let line = rest.split(['\n', '\r']).next().unwrap_or_default();
        let mut words = line.split([' ', '\t']).filter(|word| !word.is_empty());
        if words.next() == Some("%TAG") {
            match (words.next(), words.next()) {
                (Some(handle), Some(prefix))
                    if handle.starts_with('!') && handle.ends_with('!') =>
                {
                    self.handles.push((handle.to_owned(), prefix.to_owned()));
                }
                _ => {
                    return Err(error(
                        mark,
                        "a %TAG directive needs a handle (such as !e!) and a prefix",
                    ));
                }
            }
        }
        self.skip_to_eol();
        Ok(())
    }

    /// Reads the document's one node, up to the end of the text or a
    /// document marker.
    fn document(&mut self, explicit: bool) -> Result<(), YamlError> {
        let mut inline = if explicit { Inline::Colon } else { Inline::No };
        loop {
            if self.skip_blank() {
                inline = Inline::No;
            }
            let end = self.eof() || self.marker();
            if end {
                self.close(-1)?;
                if self.out.is_empty() && (explicit || self.props.is_some()) {
                    self.empty(self.mark())?;
                }
                return Ok(());
            }
            if inline == Inline::No {
                self.check_tabs()?;
                #[allow(clippy::cast_possible_wrap)]
                self.close(self.col as isize)?;
            }
            inline = self.step(inline)?;
        }
    }

    /// Refuses tabs in the indentation of a line that holds a token.
    fn check_tabs(&self) -> Result<(), YamlError> {
        let indentation = self.b.get(self.line_start..self.pos).unwrap_or_default();
        match indentation.iter().position(|&c| c == b'\t') {
            Some(i) => Err(error(
                Mark { offset: self.line_start + i, line: self.line, column: i + 1 },
                "a tab indents this line, and YAML indents with spaces only",
            )),
            None => Ok(()),
        }
    }

    /// Ends the block collections that a token first on its line, at
    /// column `col` (-1 for the end of the document), closes; and reads
    /// the values left empty.
    fn close(&mut self, col: isize) -> Result<(), YamlError> {
        let dash = col >= 0 && self.indicator(b'-');
        while let Some(&top) = self.blocks.last() {
            #[allow(clippy::cast_possible_wrap)]
            let indent = top.indent as isize;
            let n = self.blocks.len();
            if col > indent {
                return match top.state {
                    State::Value(_) | State::ExplicitKey(_) | State::Item(_) => Ok(()),
                    _ => Err(error(
                        self.mark(),
                        "this line's indentation lines up with no mapping or sequence above it",
                    )),
                };
            }
            let seq = matches!(top.state, State::Item(_) | State::Dash);
            let compact = seq && n >= 2 && self.blocks[n - 2].indent == top.indent;
            if col == indent && (dash || !compact) {
                let state = match top.state {
                    State::Value(at) if !dash => {
                        self.empty(at)?;
                        State::Key
                    }
                    State::ExplicitKey(at) => {
                        self.empty(at)?;
                        State::Colon
                    }
                    State::Item(at) => {
                        self.empty(at)?;
                        State::Dash
                    }
                    state => state,
                };
                self.blocks[n - 1].state = state;
                return Ok(());
            }
            match top.state {
                State::Value(at) | State::Item(at) => self.empty(at)?,
                State::ExplicitKey(at) => {
                    self.empty(at)?;
                    self.empty(at)?;
                }
                State::Colon => self.empty(self.mark())?,
                State::Key | State::Dash => {}
            }
            self.out.end(self.pos)?;
            self.blocks.pop();
        }
        Ok(())
    }

    /// Reads the token here, in block context.
    fn step(&mut self, inline: Inline) -> Result<Inline, YamlError> {
        let mark = self.mark();
        let state = self.blocks.last().map(|block| block.state);
        match state {
            None if !self.out.is_empty() => {
                return Err(error(
                    mark,
                    if inline == Inline::No {
                        "the document's value ended before this line; check the indentation"
                    } else {
                        AFTER_VALUE
                    },
                ));
            }
            Some(State::Key | State::Colon | State::Dash) if inline != Inline::No => {
                return Err(error(mark, AFTER_VALUE));
            }
            _ => {}
        }
        match state {
            Some(State::Dash) => {
                if !self.indicator(b'-') {
                    return Err(error(
                        mark,
                        "expected '- ' and the next item of the sequence here; check the \
                         indentation",
                    ));
                }
                self.dash();
                Ok(Inline::Dash)
            }
            Some(State::Colon) if self.indicator(b':') => {
                self.set_state(State::Value(mark));
                self.skip(1);
                Ok(Inline::Dash)
            }
            Some(State::Colon) => {
                self.empty(mark)?;
                self.set_state(State::Key);
                self.node(true, inline)
            }
            Some(State::Key) => self.node(true, inline),
            _ => self.node(false, inline),
        }
    }

    fn set_state(&mut self, state: State) {
        if let Some(top) = self.blocks.last_mut() {
            top.state = state;
        }
    }

    /// A node starts in the innermost collection.
    fn begin(&mut self) {
        if let Some(top) = self.blocks.last_mut() {
            top.state = match top.state {
                State::Value(_) => State::Key,
                State::ExplicitKey(_) => State::Colon,
                State::Item(_) => State::Dash,
                state => state,
            };
        }
    }

    /// Moves over `-` and starts an item.
    fn dash(&mut self) {
        self.skip(1);
        self.skip_spaces();
        self.set_state(State::Item(self.mark()));
    }

    /// Starts a block collection whose keys or dashes are at `indent`.
    fn open(&mut self, sequence: bool, indent: usize, mark: Mark) -> Result<(), YamlError> {
        self.begin();
        let (tag, start) = match self.props.take() {
            Some(props) => (props.tag, props.mark),
            None => (None, mark),
        };
        self.out.start(sequence, tag, start)?;
        self.blocks.push(Block { indent, state: if sequence { State::Dash } else { State::Key } });
        Ok(())
    }

    /// An empty plain scalar at `at`, or at the properties waiting for it.
    fn empty(&mut self, at: Mark) -> Result<(), YamlError> {
        let (tag, start, end) = match self.props.take() {
            Some(props) => (props.tag, props.mark, props.end),
            None => (None, at, at.offset),
        };
        self.out.scalar(String::new(), Style::Plain, tag, start, end)
    }

    /// The properties waiting from an earlier line, or those read here.
    fn merged(&mut self, own: Option<Props>) -> Result<Option<Props>, YamlError> {
        match (self.props.take(), own) {
            (Some(_), Some(own)) => {
                Err(error(own.mark, "a value's tag and anchor must be on one line"))
            }
            (first, own) => Ok(first.or(own)),
        }
    }

    /// Reads a node (or the key of the innermost mapping, `at_key`) that
    /// starts here, in block context.
    fn node(&mut self, at_key: bool, inline: Inline) -> Result<Inline, YamlError> {
        let col = self.col;
        let mark = self.mark();
        let own = self.properties(false)?;
        if own.is_some() {
            self.skip_spaces();
            if self.at_line_end() {
                if at_key {
                    return Err(error(mark, "a tag or anchor before a key must be on its line"));
                }
                self.props = self.merged(own)?;
                return Ok(inline);
            }
        }
        let c = self.peek();
        if self.indicator(b'-') || self.indicator(b'?') {
            if at_key && c == b'-' {
                return Err(error(
                    mark,
                    "expected 'key: value' here, not a '- ' item; check the indentation",
                ));
            }
            if own.is_some() || inline == Inline::Colon {
                return Err(error(
                    self.mark(),
                    "a '- ' sequence or '? ' key cannot start here: put it on its own line",
                ));
            }
            if !at_key {
                self.open(c == b'-', col, mark)?;
            }
            if c == b'-' {
                self.dash();
            } else {
                self.skip(1);
                self.skip_spaces();
                self.set_state(State::ExplicitKey(self.mark()));
            }
            return Ok(Inline::Dash);
        }
        #[allow(clippy::cast_possible_wrap)]
        let n = self.blocks.last().map_or(-1, |block| block.indent as isize);
        let empty_key = self.indicator(b':');
        let mut scanned = match c {
            b':' if empty_key => {
                let mark = self.mark();
                let (style, end) = (Style::Plain, self.pos);
                Scanned { text: String::new(), style, mark, end, lines: false, more: false }
            }
            b'\'' | b'"' => self.quoted(c == b'"', n)?,
            b'|' | b'>' if !at_key => {
                let scanned = self.block_scalar(n)?;
                self.value(own, scanned)?;
                return Ok(inline);
            }
            b'[' | b'{' => {
                let props = self.merged(own)?;
                self.begin();
                let (tag, start) = match props {
                    Some(props) => (props.tag, props.mark),
                    None => (None, self.mark()),
                };
                self.flow(n, tag, start)?;
                if at_key {
                    return Err(error(start, "a mapping key must be a plain or quoted string"));
                }
                return Ok(inline);
            }
            b'*' => return Err(error(self.mark(), ALIAS)),
            _ if self.plain_start(false) => self.plain(false),
            _ => return Err(self.unexpected()),
        };
        self.skip_spaces();
        if self.indicator(b':') && !scanned.lines {
            if inline == Inline::Colon {
                return Err(error(self.mark(), COLON_IN_VALUE));
            }
            let (tag, start) = match own {
                Some(props) => (props.tag, props.mark),
                None => (None, scanned.mark),
            };
            if !at_key {
                self.open(false, col, start)?;
            }
            self.out.scalar(scanned.text, scanned.style, tag, start, scanned.end)?;
            self.set_state(State::Value(self.mark()));
            self.skip(1);
            // After a `:` that starts its line, as after `- `, a compact
            // collection may follow.
            return Ok(if empty_key { Inline::Dash } else { Inline::Colon });
        }
        if at_key {
            return Err(error(
                mark,
                "expected 'key: value' here, but no ': ' follows; check the indentation",
            ));
        }
        if scanned.more {
            self.plain_more(&mut scanned, false, n);
            self.skip_spaces();
        }
        if self.indicator(b':') {
            return Err(error(self.mark(), COLON_IN_VALUE));
        }
        self.value(own, scanned)?;
        Ok(inline)
    }

    /// Adds a scalar value in block context.
    fn value(&mut self, own: Option<Props>, scanned: Scanned) -> Result<(), YamlError> {
        let props = self.merged(own)?;
        self.begin();
        let (tag, start) = match props {
            Some(props) => (props.tag, props.mark),
            None => (None, scanned.mark),
        };
        self.out.scalar(scanned.text, scanned.style, tag, start, scanned.end)
    }

    fn unexpected(&self) -> YamlError {
        let c = self.text.get(self.pos..).and_then(|rest| rest.chars().next()).unwrap_or(' ');
        error(self.mark(), &format!("a plain value cannot start with '{c}'; quote the value"))
    }

    // Properties.

    /// Reads a node's tag and anchors, each followed by white space (or in
    /// flow context by `,`, `]`, `}`), when there are any.
    fn properties(&mut self, flow: bool) -> Result<Option<Props>, YamlError> {
        let mut props: Option<Props> = None;
        while matches!(self.peek(), b'!' | b'&') {
            let mark = self.mark();
            let tag = if self.peek() == b'!' {
                let tag = self.tag()?;
                if props.as_ref().is_some_and(|props| props.tag.is_some()) {
                    return Err(error(mark, "this value has two tags"));
                }
                Some(tag)
            } else {
                self.skip(1);
                let start = self.pos;
                while !self.white_or_end(self.pos) && !is_flow(self.peek()) {
                    self.bump();
                }
                if self.pos == start {
                    return Err(error(mark, "an anchor (&) needs a name"));
                }
                None
            };
            if !self.boundary(self.pos, flow) {
                return Err(error(self.mark(), "expected a space after the tag or anchor"));
            }
            let props = props.get_or_insert(Props { tag: None, mark, end: 0 });
            props.tag = props.tag.take().or(tag);
            props.end = self.pos;
            self.skip_spaces();
        }
        Ok(props)
    }

    /// Reads a tag at `!`.
    fn tag(&mut self) -> Result<Tag, YamlError> {
        let mark = self.mark();
        let text = self.text;
        self.skip(1);
        if self.peek() == b'<' {
            let start = self.pos + 1;
            let mut end = start;
            while !self.white_or_end(end) && self.at(end) != b'>' {
                end += 1;
            }
            let uri = text.get(start..end).unwrap_or_default();
            if self.at(end) != b'>' || uri.is_empty() {
                return Err(error(mark, "a verbatim tag !<…> needs its closing >"));
            }
            self.skip(1);
            while self.pos <= end {
                self.bump();
            }
            return Ok(to_tag("", uri));
        }
        let start = self.pos;
        while self.peek().is_ascii_alphanumeric() || b"-#;/?:@&=+$_.~*'()%!".contains(&self.peek())
        {
            self.skip(1);
        }
        let word = text.get(start..self.pos).unwrap_or_default();
        let (handle, suffix) = match word.find('!') {
            Some(i) => (text.get(start - 1..=start + i).unwrap_or("!"), &word[i + 1..]),
            None => ("!", word),
        };
        let declared = self.handles.iter().rev().find(|(name, _)| name == handle);
        let prefix = match (declared, handle) {
            (Some((_, prefix)), _) => prefix.as_str(),
            (None, "!") => "!",
            (None, "!!") => CORE,
            (None, _) => {
                return Err(error(
                    mark,
                    &format!("the tag handle {handle} is not declared by a %TAG directive"),
                ));
            }
        };
        if (suffix.is_empty() && handle != "!") || suffix.contains('!') {
            return Err(error(mark, "a tag is !name, !!name or !handle!name"));
        }
        Ok(to_tag(prefix, suffix))
    }

    // Scalars.

    /// Whether a plain scalar may start here.
    fn plain_start(&self, flow: bool) -> bool {
        match self.peek() {
            b'-' | b'?' | b':' => !self.boundary(self.pos + 1, flow),
            b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>' | b'\''
            | b'"' | b'%' | b'@' | b'`' => false,
            _ => !self.white_or_end(self.pos),
        }
    }

    /// Reads the first line of a plain scalar.
    fn plain(&mut self, flow: bool) -> Scanned {
        let mark = self.mark();
        let (start, end, more) = self.plain_line(flow);
        let text = self.text.get(start..end).unwrap_or_default().to_owned();
        Scanned { text, style: Style::Plain, mark, end, lines: false, more }
    }

    /// Moves over a plain scalar's text on this line: its start, its end
    /// (white space trimmed), and whether it ran to the end of the line.
    fn plain_line(&mut self, flow: bool) -> (usize, usize, bool) {
        let start = self.pos;
        let mut end = start;
        loop {
            if self.eof() {
                return (start, end, true);
            }
            match self.peek() {
                b'\n' | b'\r' => return (start, end, true),
                b' ' | b'\t' => self.skip(1),
                b':' if self.boundary(self.pos + 1, flow) => return (start, end, false),
                b'#' if self.pos > start && matches!(self.at(self.pos - 1), b' ' | b'\t') => {
                    return (start, end, false);
                }
                b',' | b'[' | b']' | b'{' | b'}' if flow => return (start, end, false),
                _ => {
                    self.bump();
                    end = self.pos;
                }
            }
        }
    }

    /// Continues a plain scalar on the next lines indented more than `n`,
    /// folding the line breaks.
    fn plain_more(&mut self, scanned: &mut Scanned, flow: bool, n: isize) {
        let b = self.b;
        loop {
            // Look over the line break and blank lines to the next text.
            let mut p = self.pos;
            let mut breaks = 0;
            let line_start = loop {
                if p >= b.len() {
                    return;
                }
                p += if b[p] == b'\r' && b.get(p + 1) == Some(&b'\n') { 2 } else { 1 };
                breaks += 1;
                let line_start = p;
                while b.get(p) == Some(&b' ') {
                    p += 1;
                }
                let indent = p - line_start;
                while matches!(b.get(p), Some(b' ' | b'\t')) {
                    p += 1;
                }
                let Some(&c) = b.get(p) else { return };
                if is_break(c) {
                    continue;
                }
                let stop = c == b'#'
                    || (c == b':' && self.boundary(p + 1, flow))
                    || (flow && is_flow(c))
                    || (p == line_start && self.marker_at(p));
                #[allow(clippy::cast_possible_wrap)]
                if indent as isize <= n || stop {
                    return;
                }
                break line_start;
            };
            self.pos = p;
            self.line += breaks;
            self.line_start = line_start;
            self.col = p - line_start;
            if breaks == 1 {
                scanned.text.push(' ');
            } else {
                scanned.text.extend(std::iter::repeat_n('\n', breaks - 1));
            }
            let (start, end, more) = self.plain_line(flow);
            scanned.text.push_str(self.text.get(start..end).unwrap_or_default());
            scanned.end = end;
            scanned.lines = true;
            if !more {
                return;
            }
        }
    }

    /// Reads a single- or double-quoted scalar in a block collection
    /// indented by `n`.
    fn quoted(&mut self, double: bool, n: isize) -> Result<Scanned, YamlError> {
        let mark = self.mark();
        let quote = if double { b'"' } else { b'\'' };
        self.skip(1);
        let mut text = String::new();
        let mut lines = false;
        loop {
            // The length of `text` without the white space that ends the line.
            let mut keep = text.len();
            loop {
                if self.eof() {
                    return Err(error(
                        mark,
                        &format!(
                            "this quoted string is not closed: a {} is missing",
                            quote as char
                        ),
                    ));
                }
                let c = self.peek();
                if is_break(c) {
                    break;
                }
                if c == quote {
                    if !double && self.at(self.pos + 1) == b'\'' {
                        text.push('\'');
                        self.skip(2);
                        keep = text.len();
                        continue;
                    }
                    self.skip(1);
                    let style = if double { Style::DoubleQuoted } else { Style::SingleQuoted };
                    return Ok(Scanned { text, style, mark, end: self.pos, lines, more: false });
                }
                if double && c == b'\\' {
                    if is_break(self.at(self.pos + 1)) {
                        // An escaped line break: joined without a space.
                        self.skip(1);
                        self.newline();
                        lines = true;
                        self.fold(&mut text, n)?;
                    } else {
                        self.escape(&mut text)?;
                    }
                    keep = text.len();
                    continue;
                }
                let start = self.pos;
                self.bump();
                text.push_str(self.text.get(start..self.pos).unwrap_or_default());
                if c != b' ' && c != b'\t' {
                    keep = text.len();
                }
            }
            text.truncate(keep);
            self.newline();
            lines = true;
            if self.fold(&mut text, n)? == 0 {
                text.push(' ');
            }
        }
    }

    /// After a line break in a quoted scalar: skips the blank lines, each
    /// a `\n`, and the next line's indentation, which must be more than
    /// `n`. How many lines were blank.
    fn fold(&mut self, text: &mut String, n: isize) -> Result<usize, YamlError> {
        let mut blank = 0;
        loop {
            self.skip_spaces();
            if self.eof() || !is_break(self.peek()) {
                break;
            }
            self.newline();
            text.push('\n');
            blank += 1;
        }
        #[allow(clippy::cast_possible_wrap)]
        if !self.eof() && (self.col as isize <= n || self.marker()) {
            return Err(error(
                self.mark(),
                "this line continues a quoted string, so it must be indented more than the \
                 collection around it; is a closing quote missing?",
            ));
        }
        Ok(blank)
    }

    /// Reads an escape sequence at `\` in a double-quoted scalar.
    fn escape(&mut self, text: &mut String) -> Result<(), YamlError> {
        let mark = self.mark();
        let e = self.at(self.pos + 1);
        let digits = match e {
            b'x' => 2,
            b'u' => 4,
            b'U' => 8,
            _ => 0,
        };
        let c = if digits > 0 {
            let hex = |at: usize| {
                self.text
                    .get(at..at + digits)
                    .filter(|hex| hex.bytes().all(|c| c.is_ascii_hexdigit()))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
            };
            let Some(mut code) = hex(self.pos + 2) else {
                return Err(error(mark, "this escape needs hexadecimal digits after it"));
            };
            let mut len = 2 + digits;
            if e == b'u'
                && (0xD800..0xDC00).contains(&code)
                && self.text.get(self.pos + 6..self.pos + 8) == Some("\\u")
                && let Some(low @ 0xDC00..0xE000) = hex(self.pos + 8)
            {
                // A surrogate pair, as JSON writes characters past U+FFFF.
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                len = 12;
            }
            let Some(c) = char::from_u32(code) else {
                return Err(error(mark, "this escape is not a Unicode character"));
            };
            self.skip(len);
            c
        } else {
            let c = match e {
                b'0' => '\0',
                b'a' => '\x07',
                b'b' => '\x08',
                b't' | b'\t' => '\t',
                b'n' => '\n',
                b'v' => '\x0b',
                b'f' => '\x0c',
                b'r' => '\r',
                b'e' => '\x1b',
                b' ' => ' ',
                b'"' => '"',
                b'/' => '/',
                b'\\' => '\\',
                b'N' => '\u{85}',
                b'_' => '\u{a0}',
                b'L' => '\u{2028}',
                b'P' => '\u{2029}',
                _ => return Err(error(mark, "unknown escape sequence in a double-quoted string")),
            };
            self.skip(2);
            c
        };
        text.push(c);
        Ok(())
    }

    /// Reads a `|` or `>` block scalar in a collection indented by `n`.
    fn block_scalar(&mut self, n: isize) -> Result<Scanned, YamlError> {
        let header = self.mark();
        let literal = self.peek() == b'|';
        self.skip(1);
        // Chomping: -1 strips the final line breaks, 0 keeps one, 1 all.
        let mut chomp = 0;
        let mut explicit = 0;
        for _ in 0..2 {
            match self.peek() {
                b'-' | b'+' if chomp == 0 => chomp = if self.peek() == b'-' { -1 } else { 1 },
                c @ b'1'..=b'9' if explicit == 0 => explicit = usize::from(c - b'0'),
                b'0' => return Err(error(self.mark(), "a block scalar's indentation cannot be 0")),
                _ => break,
            }
            self.skip(1);
        }
        let header_end = self.pos;
        self.skip_spaces();
        if self.comment_here() {
            self.skip_to_eol();
        }
        if !self.eof() && !is_break(self.peek()) {
            return Err(error(
                self.mark(),
                "a block scalar's | or > may only be followed by -, +, a digit and a comment",
            ));
        }
        let base = usize::try_from(n).unwrap_or(0);
        let b = self.b;
        let mut indent = if explicit > 0 { base + explicit } else { 0 };
        if !self.eof() {
            self.newline();
            if indent == 0 {
                // The first line with text sets the indentation.
                let mut p = self.pos;
                let mut most = 0;
                loop {
                    let start = p;
                    while b.get(p) == Some(&b' ') {
                        p += 1;
                    }
                    most = most.max(p - start);
                    match b.get(p) {
                        Some(&c) if is_break(c) => {
                            p += if c == b'\r' && b.get(p + 1) == Some(&b'\n') { 2 } else { 1 };
                        }
                        _ => break,
                    }
                }
                indent = most.max(usize::try_from(n + 1).unwrap_or(0));
            }
        } else {
            indent = usize::MAX;
        }
        let mut text = String::new();
        let mut start = header;
        let mut end = header_end;
        let mut any = false;
        let mut leading_break = false;
        let mut leading_blank = false;
        let mut trailing = 0;
        while !self.eof() {
            // At the start of a line.
            let mut spaces = 0;
            while spaces < indent && self.at(self.pos + spaces) == b' ' {
                spaces += 1;
            }
            let c = self.at(self.pos + spaces);
            if self.pos + spaces >= b.len() || is_break(c) {
                self.skip(spaces);
                if self.eof() {
                    break;
                }
                self.newline();
                trailing += 1;
                continue;
            }
            if spaces < indent || (indent == 0 && self.marker()) {
                break;
            }
            self.skip(spaces);
            if !any {
                start = self.mark();
                any = true;
            }
            let blank = c == b' ' || c == b'\t';
            if !literal && leading_break && !leading_blank && !blank {
                if trailing == 0 {
                    text.push(' ');
                }
            } else if leading_break {
                text.push('\n');
            }
            text.extend(std::iter::repeat_n('\n', trailing));
            trailing = 0;
            leading_blank = blank;
            let from = self.pos;
            self.skip_to_eol();
            text.push_str(self.text.get(from..self.pos).unwrap_or_default());
            end = self.pos;
            leading_break = true;
            if !self.eof() {
                self.newline();
            }
        }
        if chomp >= 0 && leading_break {
            text.push('\n');
        }
        if chomp > 0 {
            text.extend(std::iter::repeat_n('\n', trailing));
        }
        let style = if literal { Style::Literal } else { Style::Folded };
        Ok(Scanned { text, style, mark: start, end, lines: true, more: false })
    }

    // Flow collections.

    /// Reads a flow collection at `[` or `{` in a block collection
    /// indented by `n`, with the tag and start given.
    fn flow(&mut self, n: isize, tag: Option<Tag>, start: Mark) -> Result<(), YamlError> {
        let mut stack: Vec<FlowFrame> = Vec::new();
        self.flow_open(&mut stack, tag, start)?;
        while let Some(top) = stack.last() {
            self.flow_blank(&stack)?;
            let (seq, state, open) = (top.seq, top.state, top.open);
            let mark = self.mark();
            let c = self.peek();
            let pair = matches!(state, Flow::Pair | Flow::PairDone);
            let close = if seq || pair { b']' } else { b'}' };
            if c == close && matches!(state, Flow::Item | Flow::Key | Flow::Sep) {
                self.flow_close(&mut stack)?;
                continue;
            }
            if state == Flow::Sep {
                if c != b',' {
                    return Err(error(
                        mark,
                        &format!(
                            "expected ',' or '{}' here: the '{}' at line {}, column {} is not \
                             closed",
                            close as char,
                            if seq { '[' } else { '{' },
                            open.line,
                            open.column
                        ),
                    ));
                }
                self.skip(1);
                self.flow_state(&mut stack, if seq { Flow::Item } else { Flow::Key });
                continue;
            }
            if matches!(state, Flow::Item | Flow::Key) && self.indicator(b'?') {
                // An explicit key: read as an implicit one.
                self.skip(1);
                continue;
            }
            let own = self.properties(true)?;
            if own.is_some() {
                self.flow_blank(&stack)?;
            }
            let c = self.peek();
            let (tag, props_mark, props_end) = match own {
                Some(props) => (props.tag, Some(props.mark), props.end),
                None => (None, None, 0),
            };
            if c == b'[' || c == b'{' {
                self.flow_begin(&mut stack);
                let start = props_mark.unwrap_or(self.mark());
                self.flow_open(&mut stack, tag, start)?;
                continue;
            }
            let json_colon =
                |parser: &Self| parser.peek() == b':' && parser.boundary(parser.pos + 1, true);
            let empty = is_flow(c) || json_colon(self);
            if empty && c == b',' && props_mark.is_none() && matches!(state, Flow::Item | Flow::Key)
            {
                return Err(error(mark, "a value is missing before this ','"));
            }
            let scanned = match c {
                // No node: an empty scalar, a value's at its `:`.
                _ if empty => {
                    let colon = props_mark.is_none() && matches!(state, Flow::Value | Flow::Pair);
                    let at = match stack.last() {
                        Some(top) if colon => top.colon,
                        _ => self.mark(),
                    };
                    let end = if props_mark.is_some() { props_end } else { at.offset };
                    let style = Style::Plain;
                    Scanned { text: String::new(), style, mark: at, end, lines: false, more: false }
                }
                b'\'' | b'"' => self.quoted(c == b'"', n)?,
                b'*' => return Err(error(self.mark(), ALIAS)),
                b'|' | b'>' => {
                    return Err(error(
                        self.mark(),
                        "a block scalar (| or >) cannot be inside [ ] or { }",
                    ));
                }
                b'-' if self.white_or_end(self.pos + 1) => {
                    return Err(error(
                        self.mark(),
                        "a '- ' sequence cannot be inside [ ] or { }; separate items with commas",
                    ));
                }
                _ if self.plain_start(true) => {
                    let mut scanned = self.plain(true);
                    if scanned.more {
                        self.plain_more(&mut scanned, true, n);
                    }
                    scanned
                }
                _ => return Err(self.unexpected()),
            };
            let start = props_mark.unwrap_or(scanned.mark);
            let end = scanned.end;
            let key = matches!(state, Flow::Item | Flow::Key) && {
                self.flow_blank(&stack)?;
                self.peek() == b':' && (scanned.style != Style::Plain || json_colon(self))
            };
            if key && state == Flow::Item {
                self.flow_begin(&mut stack);
                self.out.start(false, None, start)?;
                let colon = self.mark();
                stack.push(FlowFrame { seq: false, open: start, state: Flow::Pair, colon });
                self.out.scalar(scanned.text, scanned.style, tag, start, end)?;
                self.skip(1);
            } else if state == Flow::Key {
                self.out.scalar(scanned.text, scanned.style, tag, start, end)?;
                if key {
                    self.flow_colon(&mut stack, Flow::Value, self.mark());
                    self.skip(1);
                } else {
                    let at = self.mark();
                    self.out.scalar(String::new(), Style::Plain, None, at, at.offset)?;
                    self.flow_state(&mut stack, Flow::Sep);
                }
            } else {
                self.flow_begin(&mut stack);
                self.out.scalar(scanned.text, scanned.style, tag, start, end)?;
                self.flow_done(&mut stack, end)?;
            }
        }
        Ok(())
    }

    fn flow_state(&mut self, stack: &mut [FlowFrame], state: Flow) {
        if let Some(top) = stack.last_mut() {
            top.state = state;
        }
    }

    /// A `:` at `colon` was read in the innermost flow mapping.
    fn flow_colon(&mut self, stack: &mut [FlowFrame], state: Flow, colon: Mark) {
        if let Some(top) = stack.last_mut() {
            top.state = state;
            top.colon = colon;
        }
    }

    /// A node starts in the innermost flow collection.
    fn flow_begin(&mut self, stack: &mut [FlowFrame]) {
        if let Some(top) = stack.last_mut() {
            top.state = if top.state == Flow::Pair { Flow::PairDone } else { Flow::Sep };
        }
    }

    /// A node ending at `end` is read: the one-pair mappings it ends end.
    fn flow_done(&mut self, stack: &mut Vec<FlowFrame>, end: usize) -> Result<(), YamlError> {
        while stack.last().is_some_and(|top| top.state == Flow::PairDone) {
            self.out.end(end)?;
            stack.pop();
        }
        Ok(())
    }

    fn flow_open(
        &mut self,
        stack: &mut Vec<FlowFrame>,
        tag: Option<Tag>,
        start: Mark,
    ) -> Result<(), YamlError> {
        let seq = self.peek() == b'[';
        self.out.start(seq, tag, start)?;
        let open = self.mark();
        self.skip(1);
        let state = if seq { Flow::Item } else { Flow::Key };
        stack.push(FlowFrame { seq, open, state, colon: open });
        Ok(())
    }

    /// Closes the innermost flow collection at its `]` or `}`.
    fn flow_close(&mut self, stack: &mut Vec<FlowFrame>) -> Result<(), YamlError> {
        self.skip(1);
        self.out.end(self.pos)?;
        let Some(frame) = stack.pop() else { return Ok(()) };
        self.flow_done(stack, self.pos)?;
        self.skip_spaces();
        if self.peek() == b':' {
            return Err(error(frame.open, "a mapping key must be a plain or quoted string"));
        }
        Ok(())
    }

    /// Skips white space, comments and line breaks in a flow collection.
    fn flow_blank(&mut self, stack: &[FlowFrame]) -> Result<(), YamlError> {
        loop {
            self.skip_spaces();
            if self.comment_here() {
                self.skip_to_eol();
            }
            if self.eof() || self.marker() {
                // The innermost bracket, not a one-pair mapping's key.
                let frame = stack
                    .iter()
                    .rev()
                    .find(|frame| !matches!(frame.state, Flow::Pair | Flow::PairDone));
                let open = frame.map_or(self.mark(), |frame| frame.open);
                let (bracket, close) =
                    if frame.is_some_and(|frame| frame.seq) { ('[', ']') } else { ('{', '}') };
                return Err(error(
                    open,
                    &format!("this '{bracket}' is not closed: a '{close}' is missing"),
                ));
            }
            if !is_break(self.peek()) {
                return Ok(());
            }
            self.newline();
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::super::{MAX_DEPTH, Node, Value, oracle, read};
    use super::*;

    /// The tree in one line: each scalar as its style's letter (Plain,
    /// Single, Double, Literal, Folded) and its text, tags before.
    fn tree(text: &str) -> String {
        fn walk(node: &Node, out: &mut String) {
            if let Some(tag) = &node.tag {
                let _ = write!(out, "{tag} ");
            }
            match &node.value {
                Value::Scalar(scalar) => scalar_text(scalar.style, &scalar.text, out),
                Value::Sequence(items) => {
                    out.push('[');
                    for (i, item) in items.iter().enumerate() {
                        out.push_str(if i == 0 { "" } else { ", " });
                        walk(item, out);
                    }
                    out.push(']');
                }
                Value::Mapping(entries) => {
                    out.push('{');
                    for (i, entry) in entries.iter().enumerate() {
                        out.push_str(if i == 0 { "" } else { ", " });
                        scalar_text(entry.key_style, &entry.key, out);
                        out.push_str(": ");
                        walk(&entry.value, out);
                    }
                    out.push('}');
                }
            }
        }
        fn scalar_text(style: Style, text: &str, out: &mut String) {
            let letter = match style {
                Style::Plain => 'P',
                Style::SingleQuoted => 'S',
                Style::DoubleQuoted => 'D',
                Style::Literal => 'L',
                Style::Folded => 'F',
            };
            let _ = write!(out, "{letter}{text:?}");
        }
        let mut out = String::new();
        match read(text) {
            Ok(node) => walk(&node, &mut out),
            Err(e) => panic!("{text:?}: {e}"),
        }
        out
    }

    /// The error, as (message, line, column, offset).
    fn err(text: &str) -> (String, usize, usize, usize) {
        let e = read(text).expect_err(text);
        (e.message, e.mark.line, e.mark.column, e.mark.offset)
    }

    fn mark(offset: usize, line: usize, column: usize) -> Mark {
        Mark { offset, line, column }
    }

    fn get<'n>(node: &'n Node, key: &str) -> &'n Node {
        let entries = node.entries().unwrap_or_else(|| panic!("not a mapping: {node:?}"));
        &entries.iter().find(|entry| entry.key == key).unwrap_or_else(|| panic!("no {key}")).value
    }

    fn item(node: &Node, i: usize) -> &Node {
        match &node.value {
            Value::Sequence(items) => &items[i],
            other => panic!("not a sequence: {other:?}"),
        }
    }

    #[test]
    fn block_collections_nest() {
        let text = "a:\n  b: 1\n  c:\n    - x\n    - y: 2\n      z: 3\n    - - p\n      - q\nd:\n- e\n- f: g\nh: i\n";
        assert_eq!(
            tree(text),
            r#"{P"a": {P"b": P"1", P"c": [P"x", {P"y": P"2", P"z": P"3"}, [P"p", P"q"]]}, P"d": [P"e", {P"f": P"g"}], P"h": P"i"}"#
        );
        let root = read(text).unwrap();
        // A block collection starts at its first key or `-`, a compact
        // sequence too, and ends where the next thing starts.
        let c = get(get(&root, "a"), "c");
        assert_eq!(c.start, mark(19, 4, 5));
        assert_eq!(c.end, text.find("d:").unwrap());
        let d = get(&root, "d");
        assert_eq!(d.start, mark(text.find("- e").unwrap(), 10, 1));
        assert_eq!(&text[d.start.offset..d.end], "- e\n- f: g\n");
        let f = item(d, 1);
        assert_eq!(f.start, mark(text.find("f:").unwrap(), 11, 3));
        assert_eq!(root.end, text.len());
        // Indented more than needed, and a key at the end of the text.
        assert_eq!(
            tree("a:\n     - b\n     -   c: 1\n         d: 2\ne:"),
            r#"{P"a": [P"b", {P"c": P"1", P"d": P"2"}], P"e": P""}"#
        );
    }

    #[test]
    fn empty_values_and_explicit_keys() {
        let text = "a:\nb: ~\nc:\n  - \n  -\n? d\n: e\n? f\ng: !Ref\n? |\n  h\n:\n  - i\n: j\n";
        assert_eq!(
            tree(text),
            r#"{P"a": P"", P"b": P"~", P"c": [P"", P""], P"d": P"e", P"f": P"", P"g": !Ref P"", L"h\n": [P"i"], P"": P"j"}"#
        );
        let root = read(text).unwrap();
        // An empty value is at its `:`; an empty item after its `- `.
        assert_eq!(get(&root, "a").start, mark(1, 1, 2));
        assert_eq!(item(get(&root, "c"), 0).start, mark(15, 4, 5));
        let g = get(&root, "g");
        assert_eq!(&text[g.start.offset..g.end], "!Ref");
        // The exporters write keys longer than 1000 characters this way.
        let key = "k".repeat(1500);
        assert_eq!(tree(&format!("? {key}\n:\n  - v\n")), format!("{{P{key:?}: [P\"v\"]}}"));
        // After `- `, `? ` or a `:` that starts its line, a compact
        // collection.
        assert_eq!(
            tree("- - a\n  - b\n- c: d\n  e: f\n- ? g\n  : h\n"),
            r#"[[P"a", P"b"], {P"c": P"d", P"e": P"f"}, {P"g": P"h"}]"#
        );
        assert_eq!(tree("? a\n: b: c\n  d: e\n"), r#"{P"a": {P"b": P"c", P"d": P"e"}}"#);
    }

    #[test]
    fn flow_collections() {
        let text = "a: {b: [1, 2, {c: d}], \"e\": 'f', g: , h}\ni: [\n  x,\n  [y, z],   # comment\n  {j: k,},\n]\nl: [m: n, o, 'p': q]\nr: []\ns: {}\nt: [a b, c:d, -1, ?x, :y]\n";
        assert_eq!(
            tree(text),
            r#"{P"a": {P"b": [P"1", P"2", {P"c": P"d"}], D"e": S"f", P"g": P"", P"h": P""}, P"i": [P"x", [P"y", P"z"], {P"j": P"k"}], P"l": [{P"m": P"n"}, P"o", {S"p": P"q"}], P"r": [], P"s": {}, P"t": [P"a b", P"c:d", P"-1", P"?x", P":y"]}"#
        );
        let root = read(text).unwrap();
        let a = get(&root, "a");
        assert_eq!(&text[a.start.offset..a.end], "{b: [1, 2, {c: d}], \"e\": 'f', g: , h}");
        // An empty value is at its `:`.
        assert_eq!(get(a, "g").start, mark(text.find(": ,").unwrap(), 1, 35));
        let pair = item(get(&root, "l"), 0);
        assert_eq!(&text[pair.start.offset..pair.end], "m: n");
        // Multi-line plain scalars in flow, and JSON's adjacent `:`.
        assert_eq!(
            tree("[a\n  b, {\"c\":d, \"e\":[f]}]"),
            r#"[P"a b", {D"c": P"d", D"e": [P"f"]}]"#
        );
        assert_eq!(tree("{? a : b, ? c}"), r#"{P"a": P"b", P"c": P""}"#);
        assert_eq!(tree("[!Ref , !!str , &x ]"), r#"[!Ref P"", !!str P"", P""]"#);
    }

    #[test]
    fn a_json_document_reads() {
        let text = "{\n  \"Resources\": {\n    \"R\": {\"Type\": \"AWS::Events::Rule\",\n      \"Properties\": {\"EventPattern\": {\"n\": [1.50, -0, 1e6, true, null],\n        \"s\": \"\\u00e9\\ud83d\\ude00\\n\\/\"}}}\n  },\n  \"L\": [],\"O\":{}\n}\n";
        assert_eq!(
            tree(text),
            r#"{D"Resources": {D"R": {D"Type": D"AWS::Events::Rule", D"Properties": {D"EventPattern": {D"n": [P"1.50", P"-0", P"1e6", P"true", P"null"], D"s": D"é😀\n/"}}}}, D"L": [], D"O": {}}"#
        );
        assert_eq!(
            tree(r#"{"a":1,"b":[2,{"c":"d"}]}"#),
            r#"{D"a": P"1", D"b": [P"2", {D"c": D"d"}]}"#
        );
        assert_eq!(tree("[]"), "[]");
        assert_eq!(tree("\"only\""), r#"D"only""#);
    }

    #[test]
    fn every_scalar_style_keeps_its_text() {
        let text = r#"plain: a b  c # comment
url: arn:aws:sns:us-east-1:1:t#x
single: 'it''s # not a comment'
double: "t\tn\nq\"b\\s\/x\x41u\u00e9U\U0001F600 \N\_\L\P\0\a\b\e\v\f\r\ e\	."
num: 1.50
"#;
        assert_eq!(
            tree(text),
            "{P\"plain\": P\"a b  c\", P\"url\": P\"arn:aws:sns:us-east-1:1:t#x\", P\"single\": S\"it's # not a comment\", P\"double\": D\"t\\tn\\nq\\\"b\\\\s/xAuéU😀 \\u{85}\\u{a0}\\u{2028}\\u{2029}\\0\\u{7}\\u{8}\\u{1b}\\u{b}\\u{c}\\r e\\t.\", P\"num\": P\"1.50\"}"
        );
        let root = read(text).unwrap();
        let double = get(&root, "double");
        assert_eq!(double.start.column, 9);
        assert_eq!(text.as_bytes()[double.end - 1], b'"');
        let single = get(&root, "single");
        assert_eq!(&text[single.start.offset..single.end], "'it''s # not a comment'");
        let block = "literal: |\n  line 1\n   line 2\nfolded: >\n  one\n  two\n\n  three\n    indented\n  four\n";
        assert_eq!(
            tree(block),
            r#"{P"literal": L"line 1\n line 2\n", P"folded": F"one two\nthree\n  indented\nfour\n"}"#
        );
        // A block scalar starts at its text, and ends with its last line.
        let root = read(block).unwrap();
        let literal = get(&root, "literal");
        assert_eq!(literal.start, mark(13, 2, 3));
        assert_eq!(&block[literal.start.offset..literal.end], "line 1\n   line 2");
    }

    #[test]
    fn block_scalars_chomp_and_indent() {
        assert_eq!(
            tree("strip: |-\n  text\n\nclip: |\n  text\n\nkeep: |+\n  text\n\nlast: x\n"),
            r#"{P"strip": L"text", P"clip": L"text\n", P"keep": L"text\n\n", P"last": P"x"}"#
        );
        assert_eq!(
            tree("a: |2\n    two\n  one\nb: |2-\n   x\nc: >-1\n  y\n z\n"),
            r#"{P"a": L"  two\none\n", P"b": L" x", P"c": F" y\nz"}"#
        );
        assert_eq!(tree("- |1\n  x\n- >+\n  y\n\n"), r#"[L" x\n", F"y\n\n"]"#);
        assert_eq!(
            tree("a: |\n\n  x\n   \n  y\nb: |\nc: |+\n\nd: >\n  e"),
            r#"{P"a": L"\nx\n \ny\n", P"b": L"", P"c": L"\n", P"d": F"e\n"}"#
        );
        assert_eq!(
            tree("a: >-\n  x\n  # not a comment\n# a comment\n"),
            r#"{P"a": F"x # not a comment"}"#
        );
        assert_eq!(tree("--- |\nfoo\nbar\n...\n"), r#"L"foo\nbar\n""#);
        assert_eq!(tree("a: !Sub |\n  ${X}\n"), r#"{P"a": !Sub L"${X}\n"}"#);
        assert_eq!(err("a: |x\n").1, 1);
        assert_eq!(err("a: |0\n  x\n").0, "a block scalar's indentation cannot be 0");
    }

    #[test]
    fn tags_and_anchors() {
        let text = "- !Ref X\n- !GetAtt [F, Arn]\n- !!str 12\n- !!float 1e6\n- !<tag:yaml.org,2002:int> 7\n- !<!Sub> a\n- !<tag:x.org,1:y> b\n- ! c\n- !Join\n  - ','\n  - [a, b]\n- &anchor !If [c, a, b]\n- &a b\n";
        assert_eq!(
            tree(text),
            r#"[!Ref P"X", !GetAtt [P"F", P"Arn"], !!str P"12", !!float P"1e6", !!int P"7", !Sub P"a", !<tag:x.org,1:y> P"b", ! P"c", !Join [S",", [P"a", P"b"]], !If [P"c", P"a", P"b"], P"b"]"#
        );
        let root = read(text).unwrap();
        // A node with properties starts at the first one.
        let join = item(&root, 8);
        assert_eq!(join.start, mark(text.find("!Join").unwrap(), 9, 3));
        let anchored = item(&root, 9);
        assert_eq!(&text[anchored.start.offset..anchored.end], "&anchor !If [c, a, b]");
        assert_eq!(
            tree(
                "%TAG !e! tag:example.com,2000:\n%TAG !! tag:custom:\n%YAML 1.2\n---\n- !e!x 1\n- !!y 2\n"
            ),
            r#"[!<tag:example.com,2000:x> P"1", !<tag:custom:y> P"2"]"#
        );
        assert_eq!(err("- !e!x 1\n").0, "the tag handle !e! is not declared by a %TAG directive");
        assert_eq!(err("a: !A !B x\n").0, "this value has two tags");
        assert_eq!(err("a: !A\n  !B x\n").0, "a value's tag and anchor must be on one line");
        assert_eq!(err("a: !!x!y 1\n").0, "a tag is !name, !!name or !handle!name");
    }

    #[test]
    fn comments() {
        assert_eq!(
            tree(
                "# top\na: 1 # trailing\n# between\nb: # after key\n  # before value\n  c: d#not\n  e: \"x\" # after quoted\nf: [1, # in flow\n  2] # after flow\n   # indented comment\n"
            ),
            r#"{P"a": P"1", P"b": {P"c": P"d#not", P"e": D"x"}, P"f": [P"1", P"2"]}"#
        );
    }

    #[test]
    fn multi_line_scalars_fold() {
        let text = "plain: one\n  two\n\n  three\nsingle: 'a\n  b\n\n  c  '\ndouble: \"x  \n  y\\\n  z\\\n    w\"\nkey: x - a\n  - b\n";
        assert_eq!(
            tree(text),
            r#"{P"plain": P"one two\nthree", P"single": S"a b\nc  ", P"double": D"x yzw", P"key": P"x - a - b"}"#
        );
        let root = read(text).unwrap();
        let plain = get(&root, "plain");
        assert_eq!(&text[plain.start.offset..plain.end], "one\n  two\n\n  three");
        assert_eq!(tree("a\nb\n"), r#"P"a b""#);
        assert_eq!(tree("- a\n  b\n- c\n"), r#"[P"a b", P"c"]"#);
        // Windows line breaks.
        assert_eq!(
            tree("a: 1\r\nb:\r\n  - x\r\n    y\r\nc: |\r\n  l\r\n  m\r\nd: \"p\r\n  q\"\r\n"),
            r#"{P"a": P"1", P"b": [P"x y"], P"c": L"l\nm\n", P"d": D"p q"}"#
        );
    }

    #[test]
    fn documents() {
        assert_eq!(tree("---\na: 1\n...\n# done\n"), r#"{P"a": P"1"}"#);
        assert_eq!(tree("--- # c\n- a\n"), r#"[P"a"]"#);
        assert_eq!(tree("--- [a]\n"), r#"[P"a"]"#);
        assert_eq!(tree("---\n"), r#"P"""#);
        assert_eq!(tree("--- !Tag\na: 1\n"), r#"!Tag {P"a": P"1"}"#);
        assert_eq!(tree("\u{feff}a: 1"), r#"{P"a": P"1"}"#);
        assert_eq!(read("\u{feff}a: 1").unwrap().start, mark(3, 1, 1));
        assert_eq!(err("a: 1\n---\nb: 2\n").1, 2);
        assert_eq!(err("a: 1\n...\nb: 2\n").1, 3);
        assert_eq!(err("a: 1\n... x\n").0, "only a comment may follow ... on its line");
        assert_eq!(err("%YAML 1.2\na: 1\n").0, "a % directive must be followed by a --- line");
    }

    #[test]
    fn errors_are_placed() {
        let quote = "this quoted string is not closed: a \" is missing";
        assert_eq!(err("a: \"x\n"), (quote.into(), 1, 4, 3));
        assert_eq!(
            err("a: 'x"),
            ("this quoted string is not closed: a ' is missing".into(), 1, 4, 3)
        );
        assert_eq!(
            err("a: \"x\nb: 1\n"),
            (
                "this line continues a quoted string, so it must be indented more than the \
                 collection around it; is a closing quote missing?"
                    .into(),
                2,
                1,
                6
            )
        );
        let indentation = "this line's indentation lines up with no mapping or sequence above it";
        assert_eq!(err("a:\n  b: 1\n c: 2\n"), (indentation.into(), 3, 2, 11));
        assert_eq!(err("a: \"1\"\n  b: 2\n"), (indentation.into(), 2, 3, 9));
        let tab = "a tab indents this line, and YAML indents with spaces only";
        assert_eq!(err("a:\n\tb: 1\n"), (tab.into(), 2, 1, 3));
        assert_eq!(err("a:\n  \tb: 1\n"), (tab.into(), 2, 3, 5));
        assert_eq!(err("a: [1, 2"), ("this '[' is not closed: a ']' is missing".into(), 1, 4, 3));
        assert_eq!(
            err("a: {b: [1], c: d\n"),
            ("this '{' is not closed: a '}' is missing".into(), 1, 4, 3)
        );
        assert_eq!(err("[a: b"), ("this '[' is not closed: a ']' is missing".into(), 1, 1, 0));
        assert_eq!(
            err("a: [1, 2\nb: 3\n"),
            ("expected ',' or ']' here: the '[' at line 1, column 4 is not closed".into(), 2, 1, 9)
        );
        assert_eq!(
            err("a: [1 2}"),
            ("expected ',' or ']' here: the '[' at line 1, column 4 is not closed".into(), 1, 8, 7)
        );
        assert_eq!(err("a: b: c\n"), (COLON_IN_VALUE.into(), 1, 5, 4));
        assert_eq!(err("a: b\n  c: d\n"), (COLON_IN_VALUE.into(), 2, 4, 8));
        assert_eq!(err("a: \"x\" y\n"), (AFTER_VALUE.into(), 1, 8, 7));
        assert_eq!(err("a: - b\n").1, 1);
        assert_eq!(
            err("- a\nb: 1\n").0,
            "expected '- ' and the next item of the sequence here; check the indentation"
        );
        assert_eq!(
            err("a: 1\nb\n"),
            (
                "expected 'key: value' here, but no ': ' follows; check the indentation".into(),
                2,
                1,
                5
            )
        );
        assert_eq!(
            err("\"a\"\nb\n").0,
            "the document's value ended before this line; check the indentation"
        );
        assert_eq!(
            err("a: \"\\q\"\n"),
            ("unknown escape sequence in a double-quoted string".into(), 1, 5, 4)
        );
        assert_eq!(err("a: \"\\ud800\"\n").0, "this escape is not a Unicode character");
        assert_eq!(err("a: \"\\x4\"\n").0, "this escape needs hexadecimal digits after it");
        assert_eq!(err("a: [b, *c]\n"), (ALIAS.into(), 1, 8, 7));
        assert_eq!(err("a: [|]\n").0, "a block scalar (| or >) cannot be inside [ ] or { }");
        assert_eq!(
            err("a: @b\n"),
            ("a plain value cannot start with '@'; quote the value".into(), 1, 4, 3)
        );
        assert_eq!(
            err("{[a]: b}\n"),
            ("a mapping key must be a plain or quoted string".into(), 1, 2, 1)
        );
        assert_eq!(
            err("[a]: b\n"),
            ("a mapping key must be a plain or quoted string".into(), 1, 1, 0)
        );
        assert_eq!(
            err("a: 1\n!!str\nb: 2\n").0,
            "a tag or anchor before a key must be on its line"
        );
        assert_eq!(
            err("a: 1\n- b\n").0,
            "expected 'key: value' here, not a '- ' item; check the indentation"
        );
    }

    #[test]
    fn depth_is_bounded() {
        // `[a: ` is a sequence and a mapping.
        for (open, close, levels) in [("[", "]", 1), ("[a: ", "]", 2), ("{a: ", "}", 1)] {
            let n = MAX_DEPTH / levels;
            let deep = open.repeat(n) + &close.repeat(n);
            assert!(read(&deep).is_ok(), "{open}");
            let too_deep = open.repeat(n + 1) + &close.repeat(n + 1);
            assert_eq!(
                read(&too_deep).unwrap_err().message,
                format!("the YAML nests deeper than {MAX_DEPTH} levels")
            );
        }
        let dashes = |n: usize| "- ".repeat(n) + "x\n";
        assert!(read(&dashes(MAX_DEPTH)).is_ok());
        assert!(read(&dashes(MAX_DEPTH + 1)).is_err());
        let keys = |n: usize| (0..n).map(|i| format!("{}k:\n", " ".repeat(i))).collect::<String>();
        assert!(read(&keys(MAX_DEPTH)).is_ok());
        assert!(read(&keys(MAX_DEPTH + 1)).is_err());
        assert!(read(&"- [".repeat(100_000)).is_err());
    }

    #[test]
    fn non_ascii_places() {
        let text = "é: \"ü\"\nñ:\n  - ø # ç\n  - 日本: 語\n    ß: |\n      ☃ x\n";
        assert_eq!(tree(text), r#"{P"é": D"ü", P"ñ": [P"ø", {P"日本": P"語", P"ß": L"☃ x\n"}]}"#);
        let root = read(text).unwrap();
        let entries = root.entries().unwrap();
        // Offsets are bytes, columns characters.
        assert_eq!(entries[0].value.start, mark(4, 1, 4));
        assert_eq!(&text[entries[0].value.start.offset..entries[0].value.end], "\"ü\"");
        let map = item(&entries[1].value, 1);
        let keys = map.entries().unwrap();
        assert_eq!(keys[0].key_mark, mark(text.find("日本").unwrap(), 4, 5));
        assert_eq!(keys[0].value.start, mark(text.find("語").unwrap(), 4, 9));
        assert_eq!(&text[keys[0].key_mark.offset..keys[0].key_end], "日本");
        assert_eq!(keys[1].value.start, mark(text.find("☃").unwrap(), 6, 7));
        assert_eq!(err("é: 'ü\n").1, 1);
        assert_eq!(err("é: [ü, ø\n"), ("this '[' is not closed: a ']' is missing".into(), 1, 4, 4));
    }

    /// The tree as text, to compare with saphyr's: the starts of scalars
    /// with text, of mappings and of flow sequences (saphyr starts a
    /// compact sequence at its first item), and the ends of plain scalars
    /// (saphyr ends a quoted scalar after the comment that follows it).
    fn shape(node: &Node, text: &str, out: &mut String) {
        let flow = matches!(text.as_bytes().get(node.start.offset), Some(b'[' | b'{'));
        let empty = matches!(&node.value, Value::Scalar(s) if s.text.is_empty());
        let block_sequence = matches!(node.value, Value::Sequence(_)) && !flow;
        if !(empty || block_sequence) || node.tag.is_some() {
            let _ =
                write!(out, "@{}:{}({}) ", node.start.line, node.start.column, node.start.offset);
        }
        if let Some(tag) = &node.tag {
            let _ = write!(out, "{tag} ");
        }
        match &node.value {
            Value::Scalar(s) => {
                let _ = write!(out, "{:?}{:?}", s.style, s.text);
                if s.style == Style::Plain && !empty {
                    let _ = write!(out, "-{}", node.end);
                }
            }
            Value::Sequence(items) => {
                out.push('[');
                for item in items {
                    shape(item, text, out);
                    out.push_str(", ");
                }
                out.push(']');
            }
            Value::Mapping(entries) => {
                out.push('{');
                for e in entries {
                    let _ = write!(out, "{:?}{:?}", e.key_style, e.key);
                    if !e.key.is_empty() {
                        let _ = write!(out, "@{}({})", e.key_mark.column, e.key_mark.offset);
                    }
                    out.push_str(": ");
                    shape(&e.value, text, out);
                    out.push_str(", ");
                }
                out.push('}');
            }
        }
    }

    fn shapes(text: &str) -> (Option<String>, Option<String>) {
        let show = |node: Result<Node, YamlError>| {
            node.ok().map(|node| {
                let mut out = String::new();
                shape(&node, text, &mut out);
                out
            })
        };
        (show(oracle::read(text)), show(read(text)))
    }

    /// The YAML the exporters write, and the JSON ones, read as saphyr
    /// reads them.
    fn goldens() -> Vec<String> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/export");
        let mut texts = Vec::new();
        for case in std::fs::read_dir(dir).unwrap() {
            for file in std::fs::read_dir(case.unwrap().path()).unwrap() {
                let path = file.unwrap().path();
                let name = path.to_string_lossy().into_owned();
                if [".yaml", ".yml", ".json"].iter().any(|ext| name.ends_with(ext)) {
                    texts.push(std::fs::read_to_string(&path).unwrap());
                }
            }
        }
        texts
    }

    #[test]
    fn goldens_read_as_saphyr_reads_them() {
        let texts = goldens();
        assert!(texts.len() >= 30, "{}", texts.len());
        for text in texts {
            let (saphyr, ours) = shapes(&text);
            assert!(saphyr.is_some(), "{text}");
            assert_eq!(ours, saphyr, "{text}");
        }
    }

    /// Goldens with characters removed, added or replaced: where both
    /// readers take the text, they read the same tree.
    #[test]
    fn mutations_read_as_saphyr_reads_them() {
        let alphabet = [
            "a", " ", "\n", "-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">",
            "'", "\"", "\\", "é", "---", "  ", "\n  ", ": ", "- ", "|-", ">+",
        ];
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move |below: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            usize::try_from(seed % below as u64).unwrap_or(0)
        };
        let (mut same, mut both) = (0, 0);
        for text in goldens() {
            let chars: Vec<char> = text.chars().collect();
            for _ in 0..100 {
                let mut chars = chars.clone();
                for _ in 0..=next(3) {
                    let at = next(chars.len());
                    let with = alphabet[next(alphabet.len())].chars();
                    match next(3) {
                        0 => drop(chars.remove(at)),
                        1 => drop(chars.splice(at..at, with)),
                        _ => drop(chars.splice(at..=at, with)),
                    }
                }
                let text: String = chars.into_iter().collect();
                if let (Some(saphyr), Some(ours)) = shapes(&text) {
                    assert_eq!(ours, saphyr, "{text}");
                    both += 1;
                }
                same += 1;
            }
        }
        assert!(both > same / 4, "{both} of {same}");
    }

    /// Big inputs read in time linear in their size.
    #[test]
    fn big_inputs_are_linear() {
        let n = 20_000;
        let keys: String = (0..n).map(|i| format!("k{i}: v\n")).collect();
        assert_eq!(read(&keys).unwrap().entries().unwrap().len(), n);
        let flow = format!("[{}]", "é, ".repeat(n * 5));
        assert!(read(&flow).is_ok());
        let plain = format!("a: {}", "word\n  ".repeat(n * 5));
        assert!(read(&plain).is_ok());
        let quoted = format!("a: \"{}\"", "word\n\n  ".repeat(n * 5));
        assert!(read(&quoted).is_ok());
        let literal = format!("a: |\n{}", "  line\n\n".repeat(n * 5));
        assert!(read(&literal).is_ok());
        let items = "- a: 1\n  b: [x]\n".repeat(n);
        assert!(read(&items).is_ok());
        let line = format!("a: {}", "x".repeat(n * 50));
        assert!(read(&line).is_ok());
    }
}
