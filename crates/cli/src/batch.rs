//! `evpat batch`: many pattern–event pairs through one process, as JSON
//! Lines, for scripts and for checking other implementations against evpat.
//!
//! The output is a contract: exactly one line out per line in, in order,
//! each exactly `{"result":R,"error":E}` with the keys in that order. A line
//! that cannot be read is answered `invalid` like any other, so that the
//! output stays aligned with the input; only an unreadable stdin or an
//! unwritable stdout stops the command. A line that is not UTF-8 is not
//! JSON Lines at all, so besides its `invalid` answer it is reported on
//! stderr as `evpat: <stdin>:LINE: REASON`, and the exit code is then 2.
//!
//! Patterns and events are handed to evpat as the exact text on the line
//! (`RawValue`), because serde_json's own values would round number
//! lexemes and drop duplicate keys, both of which change AWS's answer.

use std::borrow::Cow;
use std::fmt;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};

use evpat::{Event, Limits, Pattern};
use serde::Deserialize;
use serde::de::{self, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::{Lenient, Status, input};

/// Answers every line of stdin on stdout: [`Status::Success`], or
/// [`Status::Error`] when a line was not UTF-8.
///
/// # Errors
///
/// When stdin cannot be read or stdout cannot be written. A closed stdout
/// (a broken pipe) is not an error: whoever reads the output has stopped
/// listening.
pub fn run(any_event: bool) -> anyhow::Result<Status> {
    let output = BufWriter::new(io::stdout().lock());
    let err = Lenient(io::stderr());
    match answer_all(BufReader::new(io::stdin().lock()), output, err, any_event) {
        Ok(0) => Ok(Status::Success),
        Ok(_) => Ok(Status::Error),
        Err(Failure::Read(error)) => {
            Err(anyhow::Error::new(error).context("evpat batch: cannot read stdin"))
        }
        Err(Failure::Write(error)) if error.kind() == io::ErrorKind::BrokenPipe => {
            Ok(Status::Success)
        }
        Err(Failure::Write(error)) => {
            Err(anyhow::Error::new(error).context("evpat batch: cannot write stdout"))
        }
    }
}

/// Why the batch stopped early.
enum Failure {
    Read(io::Error),
    Write(io::Error),
}

/// The answer for one line.
enum Verdict {
    Match,
    NoMatch,
    Invalid(String),
}

/// Answers every line of `input` on `output`, and reports the lines that
/// are not UTF-8 on `err`; returns how many there were.
fn answer_all(
    mut input: BufReader<impl Read>,
    mut output: impl Write,
    mut err: impl Write,
    any_event: bool,
) -> Result<u64, Failure> {
    let mut buffer = Vec::new();
    let mut number = 0usize;
    let mut not_utf8 = 0;
    loop {
        buffer.clear();
        // Answers go out in blocks for speed, but never sit in the buffer
        // while we wait for more input: a script that writes a line and
        // waits for its answer must get it.
        if input.buffer().is_empty() {
            output.flush().map_err(Failure::Write)?;
        }
        if input.read_until(b'\n', &mut buffer).map_err(Failure::Read)? == 0 {
            break;
        }
        number += 1;
        let line = buffer.strip_suffix(b"\n").unwrap_or(&buffer);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let verdict = match input::line_text(line) {
            Err(what) => {
                not_utf8 += 1;
                // The answers so far first, to keep the streams in order.
                output.flush().map_err(Failure::Write)?;
                let _ = writeln!(err, "evpat: {}:{number}: {what}", input::STDIN_NAME);
                Verdict::Invalid(format!("line {number}: {what}"))
            }
            Ok(line) => match read_pair(line) {
                Ok((pattern, event)) => match evaluate(&pattern, &event, any_event) {
                    Ok(true) => Verdict::Match,
                    Ok(false) => Verdict::NoMatch,
                    Err(error) => Verdict::Invalid(error.to_string()),
                },
                Err(what) => Verdict::Invalid(format!("line {number}: {what}")),
            },
        };
        write_verdict(&mut output, &verdict).map_err(Failure::Write)?;
    }
    output.flush().map_err(Failure::Write)?;
    Ok(not_utf8)
}

fn write_verdict(output: &mut impl Write, verdict: &Verdict) -> io::Result<()> {
    match verdict {
        Verdict::Match => output.write_all(b"{\"result\":\"match\",\"error\":null}\n"),
        Verdict::NoMatch => output.write_all(b"{\"result\":\"no-match\",\"error\":null}\n"),
        Verdict::Invalid(message) => {
            let message = serde_json::Value::String(message.clone());
            writeln!(output, "{{\"result\":\"invalid\",\"error\":{message}}}")
        }
    }
}

/// What evpat answers for one pattern and event.
fn evaluate(pattern: &str, event: &str, any_event: bool) -> Result<bool, evpat::Error> {
    if !any_event {
        return evpat::test_event_pattern(pattern, event);
    }
    let pattern = Pattern::parse_with_limits(pattern, &Limits::AWS)?;
    let event = Event::parse_with_limits(event, &Limits::AWS)?;
    pattern.try_matches(&event)
}

/// The pattern's and the event's text on one input line, or what is wrong
/// with the line.
fn read_pair(line: &str) -> Result<(Cow<'_, str>, Cow<'_, str>), String> {
    if line.is_empty() {
        return Err("empty line".to_owned());
    }
    let value: &RawValue = serde_json::from_str(line).map_err(|error| {
        // serde_json says `at line 1 column C`; the line is ours to number.
        let message = error.to_string();
        let message = message.rsplit_once(" at line ").map_or(message.as_str(), |(m, _)| m);
        format!("not valid JSON: {message} at column {}", error.column())
    })?;
    let found = match value.get().as_bytes().first() {
        Some(b'{') => None,
        Some(b'[') => Some("an array"),
        Some(b'"') => Some("a string"),
        Some(b't' | b'f') => Some("a boolean"),
        Some(b'n') => Some("null"),
        _ => Some("a number"),
    };
    if let Some(found) = found {
        return Err(format!("expected an object with \"pattern\" and \"event\", found {found}"));
    }
    let pair: Pair<'_> = serde_json::from_str(value.get()).map_err(|error| error.to_string())?;
    if let Some(key) = pair.duplicate {
        return Err(format!("duplicate \"{key}\""));
    }
    let pattern = pair.pattern.ok_or("missing \"pattern\"")?;
    let event = pair.event.ok_or("missing \"event\"")?;
    Ok((text_of("pattern", pattern)?, text_of("event", event)?))
}

/// The text a value stands for: a string's contents, or any other value's
/// JSON text exactly as written.
fn text_of<'a>(key: &str, value: &'a RawValue) -> Result<Cow<'a, str>, String> {
    let raw = value.get();
    if !raw.starts_with('"') {
        return Ok(Cow::Borrowed(raw));
    }
    serde_json::from_str::<String>(raw)
        .map(Cow::Owned)
        .map_err(|error| format!("\"{key}\" is not a valid JSON string: {error}"))
}

/// The fields of an input line. Written by hand rather than derived: a
/// derived `Option<&RawValue>` reads `null` as absent, and a derived struct
/// rejects duplicates with serde's wording.
struct Pair<'a> {
    pattern: Option<&'a RawValue>,
    event: Option<&'a RawValue>,
    duplicate: Option<&'static str>,
}

impl<'de> Deserialize<'de> for Pair<'de> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(PairVisitor)
    }
}

struct PairVisitor;

impl<'de> Visitor<'de> for PairVisitor {
    type Value = Pair<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object with \"pattern\" and \"event\"")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Pair<'de>, A::Error> {
        let mut pair = Pair { pattern: None, event: None, duplicate: None };
        while let Some(key) = map.next_key::<String>()? {
            let (slot, name) = match key.as_str() {
                "pattern" => (&mut pair.pattern, "pattern"),
                "event" => (&mut pair.event, "event"),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            if slot.replace(map.next_value::<&RawValue>()?).is_some() {
                pair.duplicate.get_or_insert(name);
            }
        }
        Ok(pair)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(input: &str, any_event: bool) -> String {
        let (mut output, mut err) = (Vec::new(), Vec::new());
        let not_utf8 =
            answer_all(BufReader::new(input.as_bytes()), &mut output, &mut err, any_event);
        assert!(matches!(not_utf8, Ok(0)) && err.is_empty());
        String::from_utf8(output).unwrap()
    }

    #[test]
    fn keeps_number_lexemes_and_null_values() {
        // Read as a double, 9007199254740993 would be ...992 and valid.
        let line = r#"{"pattern": {"a": [{"numeric": ["=", 9007199254740993]}]}, "event": {}}"#;
        assert_eq!(
            answer(line, true),
            "{\"result\":\"invalid\",\"error\":\"Event pattern is not valid. Reason: \
             Cannot compare number 9007199254740993\"}\n"
        );
        let line = r#"{"pattern": null, "event": {"a": 1}}"#;
        assert_eq!(
            answer(line, true),
            "{\"result\":\"invalid\",\"error\":\"Event pattern is not valid. Reason: \
             Filter is not an object\"}\n"
        );
    }

    #[test]
    fn says_what_is_wrong_with_a_line() {
        let wrong = |line: &str| read_pair(line).map(|_| ()).unwrap_err();
        assert_eq!(
            wrong("[1]"),
            "expected an object with \"pattern\" and \"event\", found an array"
        );
        assert_eq!(wrong("7"), "expected an object with \"pattern\" and \"event\", found a number");
        assert_eq!(wrong(r#"{"pattern": {}}"#), "missing \"event\"");
        assert_eq!(wrong(r#"{"event": 1, "event": 2, "pattern": 3}"#), "duplicate \"event\"");
        assert_eq!(
            wrong("{\"pattern\": 1"),
            "not valid JSON: EOF while parsing an object at column 13"
        );
        assert_eq!(wrong("{} x"), "not valid JSON: trailing characters at column 4");
    }

    #[test]
    fn a_line_that_is_not_utf8_is_answered_and_reported() {
        let (mut output, mut err) = (Vec::new(), Vec::new());
        let input = b"{\"pattern\": {\"a\": [1]}, \"event\": {\"a\": \"\xff\"}}\n{}\n";
        let not_utf8 = answer_all(BufReader::new(&input[..]), &mut output, &mut err, true);
        assert!(matches!(not_utf8, Ok(1)));
        assert_eq!(
            String::from_utf8(output).unwrap(),
            "{\"result\":\"invalid\",\"error\":\"line 1: not valid UTF-8 (byte 0xff at column 41)\"}\n\
             {\"result\":\"invalid\",\"error\":\"line 2: missing \\\"pattern\\\"\"}\n"
        );
        assert_eq!(
            String::from_utf8(err).unwrap(),
            "evpat: <stdin>:1: not valid UTF-8 (byte 0xff at column 41)\n"
        );
    }

    #[test]
    fn ignores_other_keys_and_decodes_escaped_ones() {
        let (pattern, event) =
            read_pair(r#"{"name": "x", "p\u0061ttern": "{}", "event": [1]}"#).unwrap();
        assert_eq!((pattern.as_ref(), event.as_ref()), ("{}", "[1]"));
    }
}
