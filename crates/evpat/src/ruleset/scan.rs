//! One pass over an event's text that checks all of it is JSON and keeps
//! only the values some rule tests.
//!
//! The reference reader builds a tree of every value with spans, then the
//! flattener copies every leaf with its path; for a rule set that tests two
//! fields of a 1 KB event nearly all of that is thrown away. This scanner
//! asks [`Paths`] at each key whether it leads anywhere, and runs a
//! validating skip over the values that do not.
//!
//! Validity must agree with [`crate::json::read`] byte for byte (the
//! differential test checks it): the same whitespace, the same number
//! grammar, control characters refused in strings, any `\u` escape with
//! four hex digits accepted (lone surrogates included, as Jackson does),
//! and the same nesting limit. The scanner only says *whether* the text is
//! valid; on a refusal the rule set asks the reference reader for the
//! error, so messages come from one place.
//!
//! A key repeated in one object counts once, with its last value (see
//! [`crate::Event`]). The scanner keeps values as it meets them, so it
//! notices a repeated key on a rule's path and refuses the event; the rule
//! set then reads it with the reference reader, which drops the earlier
//! values. Repeated keys are rare, and no rule's path passes a key the
//! scanner skips.
//!
//! Strings and numbers are scanned eight bytes at a time (SWAR on a
//! `u64`), which is portable to WebAssembly and needs no `unsafe`.

use super::paths::{NONE, Paths, Target};
use crate::json::{self, Value as JsonValue};

/// The kind of a value found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A string without escapes: `start..end` of the event text.
    Text,
    /// A string with escapes: `start..end` of [`Scan::decoded`].
    Decoded,
    Number,
    True,
    False,
    Null,
}

/// A value found at a rule's field.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Found {
    pub field: u32,
    pub kind: Kind,
    pub start: u32,
    pub end: u32,
    pub number: f64,
    /// The arrays the value sits in: `trails[trail_start..][..trail_len]`.
    pub trail_start: u32,
    pub trail_len: u32,
}

/// A container the scanner is inside, on a path some rule uses.
#[derive(Clone, Copy, Debug)]
enum Frame {
    Object {
        state: u32,
        /// Which object this is, for [`Scan::seen`].
        object: u32,
    },
    /// Elements are at `target`; the index is the trail's last entry.
    Array { target: Target },
}

/// Buffers reused from event to event.
#[derive(Debug, Default)]
pub(crate) struct Scan {
    pub found: Vec<Found>,
    pub trails: Vec<(u32, u32)>,
    pub decoded: String,
    frames: Vec<Frame>,
    trail: Vec<(u32, u32)>,
    /// Containers open inside a skipped value: `true` for an object.
    skipped: Vec<bool>,
    /// Per key of the rule paths ([`Target::slot`]): the last object it
    /// was met in, numbered by `objects`, to notice a repeated key.
    seen: Vec<u32>,
    objects: u32,
}

impl Scan {
    fn clear(&mut self) {
        self.found.clear();
        self.trails.clear();
        self.decoded.clear();
        self.frames.clear();
        self.trail.clear();
        self.skipped.clear();
    }
}

/// The text is not an event the reference reader would accept (or is too
/// large to scan); the caller asks the reader why.
#[derive(Debug)]
pub(crate) struct Refused;

type Result<T> = std::result::Result<T, Refused>;

/// Scans `text`, an event of at most `u32::MAX` bytes, into `scan.found`.
pub(crate) fn scan(text: &str, paths: &Paths, max_depth: usize, scan: &mut Scan) -> Result<()> {
    scan.clear();
    if u32::try_from(text.len()).is_err() {
        return Err(Refused);
    }
    if scan.seen.len() < paths.slots() {
        scan.seen.resize(paths.slots(), 0);
    }
    let mut scanner = Scanner { text, bytes: text.as_bytes(), pos: 0, max_depth, next_array: 0 };
    scanner.run(paths, scan)
}

struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    max_depth: usize,
    next_array: u32,
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Bytes of `x` equal to zero, as high bits; exact at the lowest one, which
/// is all the callers look at.
#[inline(always)]
fn zero_bytes(x: u64) -> u64 {
    x.wrapping_sub(ONES) & !x & HIGHS
}

/// Bytes that end a run of plain string content: `"`, `\` or a control
/// character.
#[inline(always)]
fn string_specials(x: u64) -> u64 {
    zero_bytes(x ^ (ONES * u64::from(b'"')))
        | zero_bytes(x ^ (ONES * u64::from(b'\\')))
        | (x.wrapping_sub(ONES * 0x20) & !x & HIGHS)
}

/// Bytes that are not ASCII digits, as high nibbles; exact at the lowest.
#[inline(always)]
fn non_digits(x: u64) -> u64 {
    let t = x ^ (ONES * u64::from(b'0'));
    (t | t.wrapping_add(ONES * 6)) & (ONES * 0xF0)
}

impl<'a> Scanner<'a> {
    /// The byte at `pos`, or 0 past the end: NUL is invalid everywhere in
    /// JSON outside strings, and strings check for the end themselves.
    #[inline(always)]
    fn byte(&self) -> u8 {
        self.bytes.get(self.pos).copied().unwrap_or(0)
    }

    #[inline(always)]
    fn whitespace(&mut self) {
        self.pos = skip_spaces(self.bytes, self.pos);
    }

    #[inline(always)]
    fn expect(&mut self, byte: u8) -> Result<()> {
        if self.byte() != byte {
            return Err(Refused);
        }
        self.pos += 1;
        Ok(())
    }

    /// Reads a string from just after its opening quote to just after its
    /// closing one. Returns where its content ends and whether it has
    /// escapes.
    #[inline]
    fn string(&mut self) -> Result<(usize, bool)> {
        let (end, escaped) = string_end(self.bytes, self.pos)?;
        self.pos = end;
        Ok((end - 1, escaped))
    }

    /// Reads a number with JSON's grammar, from its first byte.
    #[inline]
    fn number(&mut self) -> Result<()> {
        self.pos = number_end(self.bytes, self.pos)?;
        Ok(())
    }

    /// Reads `true`, `false` or `null`; what follows is checked by the
    /// caller, which wants a separator there anyway.
    #[inline]
    fn literal(&mut self) -> Result<Kind> {
        let kind = match self.byte() {
            b't' => Kind::True,
            b'f' => Kind::False,
            _ => Kind::Null,
        };
        self.pos = literal_end(self.bytes, self.pos)?;
        Ok(kind)
    }

    /// Reads `"key"` and its colon, up to the value, and says where the key
    /// leads from `state`, in the object numbered `object`.
    #[inline]
    fn member(
        &mut self,
        paths: &Paths,
        state: u32,
        object: u32,
        seen: &mut [u32],
    ) -> Result<Target> {
        self.expect(b'"')?;
        let start = self.pos;
        let (end, escaped) = self.string()?;
        let target = if escaped {
            let key = decode(&self.text[start - 1..=end])?;
            paths.lookup(state, key.as_bytes())
        } else {
            paths.lookup(state, &self.bytes[start..end])
        };
        if !target.is_nowhere() {
            // Distinct keys of one object lead to distinct targets, so a
            // target met twice in one object is a repeated key. An object
            // inside could stamp the same target only by staying in the
            // same state: the empty key at the root, read by the reader.
            if target.state == state {
                return Err(Refused);
            }
            let stamp = &mut seen[target.slot()];
            if *stamp == object {
                return Err(Refused);
            }
            *stamp = object;
        }
        self.whitespace();
        self.expect(b':')?;
        self.whitespace();
        Ok(target)
    }

    /// Opens a container, within the nesting limit.
    #[inline(always)]
    fn open(&mut self, depth: usize) -> Result<()> {
        if depth >= self.max_depth {
            return Err(Refused);
        }
        self.pos += 1;
        self.whitespace();
        Ok(())
    }

    fn run(&mut self, paths: &Paths, scan: &mut Scan) -> Result<()> {
        self.whitespace();
        if self.byte() != b'{' {
            return Err(Refused);
        }
        let mut target = Target::ROOT;
        'value: loop {
            match self.byte() {
                b'{' if target.state != NONE => {
                    self.open(scan.frames.len())?;
                    if self.byte() == b'}' {
                        self.pos += 1;
                    } else {
                        let state = target.state;
                        let object = next_object(scan);
                        scan.frames.push(Frame::Object { state, object });
                        target = self.member(paths, state, object, &mut scan.seen)?;
                        if !target.is_nowhere() {
                            continue 'value;
                        }
                        self.skip(scan.frames.len(), &mut scan.skipped)?;
                    }
                }
                b'[' if !target.is_nowhere() => {
                    self.open(scan.frames.len())?;
                    if self.byte() == b']' {
                        self.pos += 1;
                    } else {
                        scan.frames.push(Frame::Array { target });
                        scan.trail.push((self.next_array, 0));
                        self.next_array += 1;
                        continue 'value;
                    }
                }
                b'"' if target.field != NONE => {
                    self.pos += 1;
                    let start = self.pos;
                    let (end, escaped) = self.string()?;
                    let (kind, start, end) = if escaped {
                        let value = decode(&self.text[start - 1..=end])?;
                        let at = scan.decoded.len();
                        scan.decoded.push_str(&value);
                        (Kind::Decoded, at, scan.decoded.len())
                    } else {
                        (Kind::Text, start, end)
                    };
                    push(scan, target.field, kind, start, end, 0.0);
                }
                b'-' | b'0'..=b'9' if target.field != NONE => {
                    let start = self.pos;
                    self.number()?;
                    // Valid JSON numbers always parse; large ones to ±inf,
                    // as the reference reads them.
                    let number = self.text[start..self.pos].parse::<f64>().unwrap_or(f64::NAN);
                    push(scan, target.field, Kind::Number, start, self.pos, number);
                }
                b't' | b'f' | b'n' if target.field != NONE => {
                    let start = self.pos;
                    let kind = self.literal()?;
                    push(scan, target.field, kind, start, self.pos, 0.0);
                }
                _ => self.skip(scan.frames.len(), &mut scan.skipped)?,
            }
            // The value is done: close containers until one wants more.
            loop {
                self.whitespace();
                let Some(frame) = scan.frames.last() else { break 'value };
                match (*frame, self.byte()) {
                    (Frame::Object { state, object }, b',') => {
                        self.pos += 1;
                        self.whitespace();
                        target = self.member(paths, state, object, &mut scan.seen)?;
                        if !target.is_nowhere() {
                            continue 'value;
                        }
                        self.skip(scan.frames.len(), &mut scan.skipped)?;
                    }
                    (Frame::Object { .. }, b'}') => {
                        self.pos += 1;
                        scan.frames.pop();
                    }
                    (Frame::Array { target: element }, b',') => {
                        self.pos += 1;
                        if let Some(last) = scan.trail.last_mut() {
                            last.1 += 1;
                        }
                        self.whitespace();
                        target = element;
                        continue 'value;
                    }
                    (Frame::Array { .. }, b']') => {
                        self.pos += 1;
                        scan.frames.pop();
                        scan.trail.pop();
                    }
                    _ => return Err(Refused),
                }
            }
        }
        if self.pos != self.bytes.len() {
            return Err(Refused);
        }
        Ok(())
    }

    /// Checks one value that no rule looks into, and steps past it.
    /// `depth` containers are open around it.
    #[inline]
    fn skip(&mut self, depth: usize, spill: &mut Vec<bool>) -> Result<()> {
        // Strings and numbers, most of what is skipped, without the call.
        self.pos = match at(self.bytes, self.pos) {
            b'"' => string_end(self.bytes, self.pos + 1)?.0,
            b'-' | b'0'..=b'9' => number_end(self.bytes, self.pos)?,
            _ => skip_value(self.bytes, self.pos, depth, self.max_depth, spill)?,
        };
        Ok(())
    }
}

/// A number for an object about to be read, never 0 (the stamp of no
/// object): the stamps start over when the numbers wrap.
fn next_object(scan: &mut Scan) -> u32 {
    scan.objects = scan.objects.wrapping_add(1);
    if scan.objects == 0 {
        scan.seen.fill(0);
        scan.objects = 1;
    }
    scan.objects
}

/// Whitespace as JSON (and the reference reader) has it: space, tab, line
/// feed, carriage return.
#[inline(always)]
fn is_space(b: u8) -> bool {
    const SPACES: u64 = 1 << b' ' | 1 << b'\t' | 1 << b'\n' | 1 << b'\r';
    b <= b' ' && SPACES >> b & 1 == 1
}

#[inline(always)]
fn at(bytes: &[u8], pos: usize) -> u8 {
    bytes.get(pos).copied().unwrap_or(0)
}

#[inline(always)]
fn skip_spaces(bytes: &[u8], mut pos: usize) -> usize {
    while is_space(at(bytes, pos)) {
        pos += 1;
    }
    pos
}

#[inline(always)]
fn load(bytes: &[u8], pos: usize) -> Option<u64> {
    let chunk: [u8; 8] = bytes.get(pos..pos + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(chunk))
}

/// The end of a run of digits starting at `pos`.
#[inline(always)]
fn digits_end(bytes: &[u8], mut pos: usize) -> usize {
    while let Some(x) = load(bytes, pos) {
        let other = non_digits(x);
        if other != 0 {
            return pos + (other.trailing_zeros() / 8) as usize;
        }
        pos += 8;
    }
    while at(bytes, pos).is_ascii_digit() {
        pos += 1;
    }
    pos
}

/// Checks a number with JSON's grammar from its first byte; its end.
#[inline(always)]
fn number_end(bytes: &[u8], mut pos: usize) -> Result<usize> {
    if at(bytes, pos) == b'-' {
        pos += 1;
    }
    match at(bytes, pos) {
        b'0' => {
            pos += 1;
            if at(bytes, pos).is_ascii_digit() {
                return Err(Refused);
            }
        }
        b'1'..=b'9' => pos = digits_end(bytes, pos + 1),
        _ => return Err(Refused),
    }
    if at(bytes, pos) == b'.' {
        if !at(bytes, pos + 1).is_ascii_digit() {
            return Err(Refused);
        }
        pos = digits_end(bytes, pos + 2);
    }
    if let b'e' | b'E' = at(bytes, pos) {
        pos += 1;
        if let b'+' | b'-' = at(bytes, pos) {
            pos += 1;
        }
        if !at(bytes, pos).is_ascii_digit() {
            return Err(Refused);
        }
        pos = digits_end(bytes, pos + 1);
    }
    Ok(pos)
}

/// Checks a string from just after its opening quote; just past its
/// closing quote, and whether it has escapes.
#[inline(always)]
fn string_end(bytes: &[u8], mut pos: usize) -> Result<(usize, bool)> {
    let mut escaped = false;
    loop {
        while let Some(x) = load(bytes, pos) {
            let special = string_specials(x);
            if special != 0 {
                pos += (special.trailing_zeros() / 8) as usize;
                break;
            }
            pos += 8;
        }
        match bytes.get(pos) {
            Some(b'"') => return Ok((pos + 1, escaped)),
            Some(b'\\') => {
                escaped = true;
                pos = escape_end(bytes, pos)?;
            }
            Some(0..0x20) | None => return Err(Refused),
            Some(_) => pos += 1,
        }
    }
}

/// Checks the escape whose backslash is at `pos`; its end.
#[cold]
fn escape_end(bytes: &[u8], pos: usize) -> Result<usize> {
    match bytes.get(pos + 1) {
        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => Ok(pos + 2),
        Some(b'u') => {
            let hex = bytes.get(pos + 2..pos + 6).ok_or(Refused)?;
            if hex.iter().all(u8::is_ascii_hexdigit) { Ok(pos + 6) } else { Err(Refused) }
        }
        _ => Err(Refused),
    }
}

/// `true`, `false` or `null` at `pos`; its end.
#[inline(always)]
fn literal_end(bytes: &[u8], pos: usize) -> Result<usize> {
    let rest = bytes.get(pos..).unwrap_or_default();
    if rest.starts_with(b"true") || rest.starts_with(b"null") {
        Ok(pos + 4)
    } else if rest.starts_with(b"false") {
        Ok(pos + 5)
    } else {
        Err(Refused)
    }
}

/// Checks the value at `pos` (whitespace skipped), which no rule looks
/// into, and returns its end. `depth` containers are open around it.
///
/// The containers open inside it are a stack of bits (1 for an object)
/// in a register, spilling to `spill` past 64 levels: this loop runs over
/// most of the bytes of most events, and a `Vec` push per container
/// showed in profiles.
fn skip_value(
    bytes: &[u8],
    mut pos: usize,
    depth: usize,
    max_depth: usize,
    spill: &mut Vec<bool>,
) -> Result<usize> {
    spill.clear();
    let mut stack: u64 = 0;
    let mut open: usize = 0;
    'value: loop {
        match at(bytes, pos) {
            b'"' => pos = string_end(bytes, pos + 1)?.0,
            b'-' | b'0'..=b'9' => pos = number_end(bytes, pos)?,
            open_byte @ (b'{' | b'[') => {
                if depth + open >= max_depth {
                    return Err(Refused);
                }
                pos = skip_spaces(bytes, pos + 1);
                let object = open_byte == b'{';
                if at(bytes, pos) == if object { b'}' } else { b']' } {
                    pos += 1;
                } else {
                    if open >= 64 {
                        spill.push(stack >> 63 == 1);
                    }
                    stack = stack << 1 | u64::from(object);
                    open += 1;
                    if object {
                        pos = key_end(bytes, pos)?;
                    }
                    continue 'value;
                }
            }
            b't' | b'f' | b'n' => pos = literal_end(bytes, pos)?,
            _ => return Err(Refused),
        }
        // After a value: a comma, or the end of the containers it closes.
        loop {
            if open == 0 {
                return Ok(pos);
            }
            let object = stack & 1 == 1;
            pos = skip_spaces(bytes, pos);
            match at(bytes, pos) {
                b',' => {
                    pos = skip_spaces(bytes, pos + 1);
                    if object {
                        pos = key_end(bytes, pos)?;
                    }
                    continue 'value;
                }
                b'}' if object => {}
                b']' if !object => {}
                _ => return Err(Refused),
            }
            pos += 1;
            open -= 1;
            stack >>= 1;
            if open >= 64 {
                stack |= u64::from(spill.pop().unwrap_or(false)) << 63;
            }
        }
    }
}

/// `"key"`, whitespace, `:` and whitespace, from the opening quote; the
/// position of the value.
#[inline(always)]
fn key_end(bytes: &[u8], pos: usize) -> Result<usize> {
    if at(bytes, pos) != b'"' {
        return Err(Refused);
    }
    let (pos, _) = string_end(bytes, pos + 1)?;
    let pos = skip_spaces(bytes, pos);
    if at(bytes, pos) != b':' {
        return Err(Refused);
    }
    Ok(skip_spaces(bytes, pos + 1))
}

#[inline(always)]
fn push(scan: &mut Scan, field: u32, kind: Kind, start: usize, end: usize, number: f64) {
    let trail_start = scan.trails.len() as u32;
    scan.trails.extend_from_slice(&scan.trail);
    scan.found.push(Found {
        field,
        kind,
        start: start as u32,
        end: end as u32,
        number,
        trail_start,
        trail_len: scan.trail.len() as u32,
    });
}

/// Decodes a string literal with escapes exactly as the reference reader
/// does, by asking it: escapes are rare in keys and values, and one
/// decoder keeps the two matchers' strings identical.
#[cold]
fn decode(literal: &str) -> Result<String> {
    match json::read(literal, 1) {
        Ok(node) => match node.value {
            JsonValue::String(s) => Ok(s),
            _ => Err(Refused),
        },
        Err(_) => Err(Refused),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swar_finds_the_first_special_byte() {
        let at = |s: &[u8; 8]| string_specials(u64::from_le_bytes(*s)).trailing_zeros() / 8;
        assert_eq!(at(b"abc\"defg"), 3);
        assert_eq!(at(b"\\bcdefgh"), 0);
        assert_eq!(at(b"abcdefg\n"), 7);
        assert_eq!(at(b"\xc3\xa9\x7f!#~ab"), 8);
        let digits = |s: &[u8; 8]| non_digits(u64::from_le_bytes(*s)).trailing_zeros() / 8;
        assert_eq!(digits(b"0123456789"[..8].try_into().unwrap()), 8);
        assert_eq!(digits(b"12.45678"), 2);
        assert_eq!(digits(b"1:/;@\xff01"), 1);
        assert_eq!(digits(b"9999999e"), 7);
    }

    /// A value found: its field, kind, text and trail.
    type Kept = (u32, Kind, String, Vec<(u32, u32)>);

    fn fields(text: &str, paths: &[&str]) -> Option<Vec<Kept>> {
        let paths = Paths::new(&paths.iter().map(|p| (*p).to_owned()).collect::<Vec<_>>());
        let mut s = Scan::default();
        scan(text, &paths, 1000, &mut s).ok()?;
        Some(
            s.found
                .iter()
                .map(|f| {
                    let value = match f.kind {
                        Kind::Decoded => &s.decoded[f.start as usize..f.end as usize],
                        _ => &text[f.start as usize..f.end as usize],
                    };
                    let trail = s.trails[f.trail_start as usize..][..f.trail_len as usize].to_vec();
                    (f.field, f.kind, value.to_owned(), trail)
                })
                .collect(),
        )
    }

    #[test]
    fn keeps_only_the_fields_asked_for() {
        let got = fields(
            r#"{"a": {"b": [1, {"c": "x\ty"}], "d": true}, "a.b": null, "e": [1, 2]}"#,
            &["a.b", "a.b.c"],
        )
        .unwrap();
        assert_eq!(
            got,
            vec![
                (0, Kind::Number, "1".into(), vec![(0, 0)]),
                (1, Kind::Decoded, "x\ty".into(), vec![(0, 1)]),
                (0, Kind::Null, "null".into(), vec![]),
            ]
        );
    }

    /// A key repeated on a rule's path is left to the reader, which keeps
    /// the last value; elsewhere it is skipped as any key is.
    #[test]
    fn a_repeated_key_on_a_rule_path_is_refused() {
        let paths = ["a.b", "c"];
        assert_eq!(fields(r#"{"a": {"b": 1, "b": 2}}"#, &paths), None);
        assert_eq!(fields(r#"{"c": 1, "a": {}, "c": 2}"#, &paths), None);
        assert_eq!(fields(r#"{"a": 1, "\u0061": 2}"#, &paths), None);
        // The empty key at the root stays in the root's state.
        assert_eq!(fields(r#"{"": {"c": 1}}"#, &paths), None);
        // Once per object: sibling objects and array elements may repeat.
        let got = fields(r#"{"a": [{"b": 1}, {"b": 2}], "x": 1, "x": 2}"#, &paths).unwrap();
        assert_eq!(got.len(), 2);
        // Across events, the numbering of objects carries on.
        let table = Paths::new(&["a".to_owned()]);
        let mut s = Scan::default();
        for _ in 0..3 {
            assert!(scan(r#"{"a": 1}"#, &table, 1000, &mut s).is_ok());
        }
    }

    #[test]
    fn refuses_what_the_reader_refuses() {
        for bad in [
            "",
            "[]",
            "{",
            "{} x",
            r#"{"a": 01}"#,
            r#"{"a": 1.}"#,
            r#"{"a": -}"#,
            r#"{"a": 1e}"#,
            r#"{"a": tru}"#,
            r#"{"a": truex}"#,
            r#"{"a": "\x"}"#,
            r#"{"a": "\u12G4"}"#,
            "{\"a\": \"\n\"}",
            r#"{"a": [1,]}"#,
            r#"{"a": {"b" 1}}"#,
            r#"{"a" 1}"#,
            r#"{"a": 1,}"#,
            r#"{"a": [}"#,
            "{\"a\": 1}\u{0}",
        ] {
            assert!(fields(bad, &["a"]).is_none(), "{bad}");
            assert!(fields(bad, &["z"]).is_none(), "{bad}");
            assert!(json::read(bad, 1000).is_err() || !bad.starts_with('{'), "{bad}");
        }
        for good in [
            "{}",
            " {\"a\" : [ ] , \"b\":{}}\n",
            r#"{"a": -0.5e+10, "b": "\ud800", "c": [true, false, null]}"#,
        ] {
            assert!(fields(good, &["a"]).is_some(), "{good}");
            assert!(fields(good, &["z"]).is_some(), "{good}");
        }
    }

    #[test]
    fn nesting_is_limited_as_the_reader_limits_it() {
        let paths = Paths::new(&["a".to_owned()]);
        let mut s = Scan::default();
        let deep = |n: usize| "{\"a\":".repeat(n - 1) + "{}" + &"}".repeat(n - 1);
        assert!(scan(&deep(3), &paths, 3, &mut s).is_ok());
        assert!(scan(&deep(4), &paths, 3, &mut s).is_err());
        assert!(json::read(&deep(3), 3).is_ok() && json::read(&deep(4), 3).is_err());
    }

    // Random containers, valid and damaged, through the skipping scan: it
    // must accept exactly what the reference reader accepts.
    /// Random JSON-ish text: valid containers, sometimes damaged.
    struct Gen(u64);

    impl Gen {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: u64) -> usize {
            (self.next() % n) as usize
        }
        fn space(&mut self, out: &mut String) {
            for _ in 0..self.below(3) {
                out.push([' ', '\n', '\t', '\r', ' '][self.below(5)]);
            }
        }
        fn value(&mut self, depth: usize, out: &mut String) {
            match self.below(if depth > 0 { 9 } else { 6 }) {
                0 => {
                    out.push('"');
                    for _ in 0..self.below(12) {
                        let pieces = [
                            "a", "é", "\\\"", "\\\\", "\\n", "\\u00e9", "\\uD800", " ", "x", "\\/",
                        ];
                        out.push_str(pieces[self.below(pieces.len() as u64)]);
                    }
                    out.push('"');
                }
                1 | 2 => {
                    let numbers = [
                        "0",
                        "-0",
                        "1",
                        "-122.45678901234567",
                        "37.7",
                        "1e5",
                        "1E+5",
                        "-1.5e-3",
                        "123456789012345678901234567890",
                        "0.000001",
                    ];
                    out.push_str(numbers[self.below(numbers.len() as u64)]);
                }
                3 => out.push_str(["true", "false", "null"][self.below(3)]),
                4 | 5 if depth == 0 => out.push('1'),
                4..=6 => {
                    out.push('{');
                    let n = self.below(4);
                    for i in 0..n {
                        self.space(out);
                        if i > 0 {
                            out.push(',');
                            self.space(out);
                        }
                        out.push_str(["\"x\"", "\"key\"", "\"\"", "\"a\\\"b\""][self.below(4)]);
                        self.space(out);
                        out.push(':');
                        self.space(out);
                        self.value(depth - 1, out);
                    }
                    self.space(out);
                    out.push('}');
                }
                _ => {
                    out.push('[');
                    let n = self.below(5);
                    for i in 0..n {
                        self.space(out);
                        if i > 0 {
                            out.push(',');
                            self.space(out);
                        }
                        self.value(depth - 1, out);
                    }
                    self.space(out);
                    out.push(']');
                }
            }
        }
        fn container(&mut self) -> String {
            let mut out = String::new();
            loop {
                out.clear();
                self.value(4, &mut out);
                if out.starts_with(['{', '[']) {
                    return out;
                }
            }
        }
        fn damage(&mut self, text: &str) -> String {
            let cut = self.below(text.len() as u64 + 1);
            let cut = (0..=cut).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            let damage = [
                "", "}", "]", ",", ":", "\"", "\\", "0", "-", "e", ".", " ", "x", "\u{1}", "{",
                "[", "+", "E", "t", "01", "\n",
            ];
            let insert = damage[self.below(damage.len() as u64)];
            let rest: String = text[cut..].chars().skip(self.below(3)).collect();
            format!("{}{insert}{rest}", &text[..cut])
        }
    }

    fn check(text: &str, max_depth: usize) {
        let want = json::read(text, max_depth).is_ok();
        let got = skip_value(text.as_bytes(), 0, 0, max_depth, &mut Vec::new())
            .is_ok_and(|end| text[end..].trim_matches([' ', '\n', '\t', '\r']).is_empty());
        assert_eq!(got, want, "{text:?}");
    }

    #[test]
    fn skipping_agrees_with_the_reader_on_random_and_damaged_json() {
        let mut generator = Gen(0x9E37_79B9_7F4A_7C15);
        // More with EVPAT_LONG=1, as the rule set's differential test.
        let long = std::env::var("EVPAT_LONG").is_ok_and(|v| v == "1");
        for n in 0..if long { 2_000_000 } else { 20_000 } {
            let text = generator.container();
            let text = if n % 3 == 0 { text } else { generator.damage(&text) };
            if text.starts_with(['{', '[']) {
                check(&text, if n % 17 == 0 { 3 } else { 1000 });
            }
        }
    }

    #[test]
    fn skipping_agrees_on_the_corners() {
        for text in [
            "{}",
            "[]",
            "[1]",
            "{\"a\":1}",
            "{\"a\"}",
            "{\"a\":}",
            "{\"a\":1,}",
            "[1,]",
            "[,1]",
            "{,}",
            "[1 2]",
            "{\"a\" 1}",
            "[\"a\":1]",
            "{\"a\":1:2}",
            "[01]",
            "[-0]",
            "[-]",
            "[1.]",
            "[.5]",
            "[1e]",
            "[1e+]",
            "[1.5e-3]",
            "[1.2.3]",
            "[1e5e5]",
            "[1e5.5]",
            "[1x]",
            "[truex]",
            "[true1]",
            "[tru]",
            "[nul]",
            "[null]",
            "[false,true]",
            "[\"\\x\"]",
            "[\"\\u12g4\"]",
            "[\"\\u00e9\"]",
            "[\"a\nb\"]",
            "[\"\\\\\"]",
            "[\"\\\"\"]",
            "{\"a\":[}",
            "[{]}",
            "[[[]]]",
            "[+1]",
            "[1-2]",
            "[--1]",
            "[1e--1]",
            "[0e5]",
            "[00]",
            "[-01]",
            "{\"a\":1 \"b\":2}",
            "[\"a\" \"b\"]",
            "[1]]",
            "[\u{7f}]",
            "[\"\u{7f}\"]",
            "[é]",
        ] {
            check(text, 1000);
        }
        // Long strings, numbers and escapes at every offset.
        for pad in 0..70 {
            let spaces = " ".repeat(pad);
            for inner in [
                "1.5e10",
                "\"\\\"\"",
                "\"\\u00e9\"",
                "-0.5",
                "true",
                "\"\\\\\"",
                "1.5.5",
                "\"\\u00G9\"",
            ] {
                check(&format!("[{spaces}{inner}]"), 1000);
                check(&format!("{{\"k\":{spaces}{inner}}}"), 1000);
                check(&format!("[\"{spaces}\", {inner}]"), 1000);
            }
        }
        let deep = "[".repeat(100) + &"]".repeat(100);
        check(&deep, 99);
        check(&deep, 100);
        check(&deep, 1000);
        let deep = "{\"a\":".repeat(80) + "1" + &"}".repeat(80);
        check(&deep, 79);
        check(&deep, 80);
    }
}
