//! `evpat filter`: grep for events. Reads JSON Lines and writes the lines
//! whose event matches the pattern, unchanged.
//!
//! Event logs are large, so the filter streams: one line buffer is reused
//! for the whole input and nothing is collected, and a line longer than an
//! event may be (16 MiB, [`Limits::default`]) is skipped without being
//! held. Any JSON object is an event here (`Pattern::matches`, no envelope
//! check): logs hold whatever was put on the bus. The pattern itself must
//! still be one AWS would accept ([`Limits::AWS`]).
//!
//! A line that is not an event (not UTF-8, not JSON, not an object) is
//! reported on stderr as `evpat: FILE:LINE: REASON` and the stream goes
//! on: one bad record must not hide the rest of a log. Blank lines are
//! skipped silently. The exit code is grep's: 0 when a line was selected,
//! 1 when none was, 2 when a line was bad.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use evpat::{Event, Limits, Pattern};

use crate::{Status, check, input};

/// The arguments of `evpat filter`.
#[derive(clap::Args)]
pub struct Args {
    /// The pattern file; `-` reads standard input.
    #[arg(value_name = "PATTERN_FILE")]
    pattern_file: PathBuf,

    /// The events, one JSON object per line; `-` or nothing reads standard
    /// input.
    #[arg(value_name = "EVENTS_FILE")]
    events_file: Option<PathBuf>,

    /// Print only the number of selected lines.
    #[arg(short, long)]
    count: bool,

    /// Select the lines whose event does not match (bad lines are never
    /// selected).
    #[arg(short = 'v', long)]
    invert_match: bool,

    /// Put each selected line's number and `:` before it.
    #[arg(short = 'n', long)]
    line_number: bool,
}

/// What to print.
#[derive(Clone, Copy, Debug, Default)]
struct Options {
    count: bool,
    invert_match: bool,
    line_number: bool,
}

/// What the filter saw.
#[derive(Debug, Default, PartialEq, Eq)]
struct Tally {
    selected: u64,
    bad: u64,
}

/// Runs `evpat filter`.
///
/// # Errors
///
/// When the pattern is unreadable or invalid, the events cannot be read, or
/// stdout cannot be written (a closed pipe included: the caller ends
/// quietly on that one).
pub fn run(args: &Args) -> anyhow::Result<Status> {
    let events_path = args.events_file.as_deref().unwrap_or(Path::new("-"));
    input::stdin_at_most_once([args.pattern_file.as_path(), events_path])
        .map_err(anyhow::Error::msg)?;
    let (name, text) =
        input::read_text(&args.pattern_file).map_err(|e| anyhow::anyhow!("evpat: {e}"))?;
    let pattern = Pattern::parse_with_limits(&text, &Limits::AWS)
        .map_err(|error| anyhow::anyhow!(check::pattern_error(&name, &text, &error)))?;

    let events_name = input::name(events_path);
    let events: Box<dyn BufRead> = if input::is_stdin(events_path) {
        Box::new(io::stdin().lock())
    } else {
        let file =
            File::open(events_path).with_context(|| format!("evpat: cannot read {events_name}"))?;
        Box::new(BufReader::with_capacity(64 * 1024, file))
    };
    let mut out = BufWriter::with_capacity(64 * 1024, io::stdout().lock());
    let options = Options {
        count: args.count,
        invert_match: args.invert_match,
        line_number: args.line_number,
    };
    let tally = filter(&pattern, events, &mut out, &mut io::stderr(), &events_name, options)?;
    if options.count {
        writeln!(out, "{}", tally.selected).context("evpat: cannot write stdout")?;
    }
    out.flush().context("evpat: cannot write stdout")?;
    Ok(if tally.bad > 0 {
        Status::Error
    } else if tally.selected > 0 {
        Status::Success
    } else {
        Status::Failure
    })
}

/// Copies the selected lines of `events` to `out`, and reports bad lines
/// on `err`.
fn filter(
    pattern: &Pattern,
    mut events: impl BufRead,
    out: &mut impl Write,
    err: &mut impl Write,
    name: &str,
    options: Options,
) -> anyhow::Result<Tally> {
    let limits = Limits::default();
    let mut tally = Tally::default();
    let mut line = Vec::new();
    let mut number = 0u64;
    while let Some(length) = read_line(&mut events, &mut line, limits.max_event_bytes)
        .with_context(|| format!("evpat: cannot read {name}"))?
    {
        number += 1;
        let body = line.strip_suffix(b"\r").unwrap_or(&line);
        let verdict = if length > line.len() {
            // Cut short by `read_line`: the length is all we know.
            Err(too_large(length, &limits))
        } else if body.iter().all(u8::is_ascii_whitespace) {
            continue;
        } else {
            evaluate(pattern, body, &limits)
        };
        match verdict {
            Ok(matched) if matched != options.invert_match => {
                tally.selected += 1;
                if !options.count {
                    write_line(out, &line, number, options.line_number)
                        .context("evpat: cannot write stdout")?;
                }
            }
            Ok(_) => {}
            Err(reason) => {
                tally.bad += 1;
                // Keep the two streams in order on a terminal.
                out.flush().context("evpat: cannot write stdout")?;
                let _ = writeln!(err, "evpat: {name}:{number}: {reason}");
            }
        }
    }
    Ok(tally)
}

/// Whether the event on a line matches, or what is wrong with the line.
fn evaluate(pattern: &Pattern, line: &[u8], limits: &Limits) -> Result<bool, String> {
    let text = std::str::from_utf8(line).map_err(|error| {
        format!("not valid UTF-8 (invalid byte at offset {})", error.valid_up_to())
    })?;
    let event =
        Event::parse_with_limits(text, limits).map_err(|error| error.reason().to_owned())?;
    Ok(pattern.matches(&event))
}

/// evpat's own words for an event over the size limit.
fn too_large(length: usize, limits: &Limits) -> String {
    format!("the event is {length} bytes, more than the {} allowed", limits.max_event_bytes)
}

fn write_line(out: &mut impl Write, line: &[u8], number: u64, numbered: bool) -> io::Result<()> {
    if numbered {
        write!(out, "{number}:")?;
    }
    out.write_all(line)?;
    out.write_all(b"\n")
}

/// Reads the next line into `line`, without its `\n`, and returns its
/// length; `None` at the end of the input.
///
/// At most `max + 2` bytes are kept (an event of `max` bytes and a `\r`,
/// and one more to tell that it is too long): the rest of a longer line is
/// read and dropped, so that one huge line cannot take the memory a
/// stream filter must not need. The length returned is then the whole
/// line's.
fn read_line(
    input: &mut impl BufRead,
    line: &mut Vec<u8>,
    max: usize,
) -> io::Result<Option<usize>> {
    line.clear();
    let keep = max + 2;
    if input.by_ref().take(keep as u64).read_until(b'\n', line)? == 0 {
        return Ok(None);
    }
    if line.last() == Some(&b'\n') {
        line.pop();
        return Ok(Some(line.len()));
    }
    if line.len() < keep {
        // The last line, without a newline.
        return Ok(Some(line.len()));
    }
    let mut length = line.len();
    loop {
        let available = input.fill_buf()?;
        if available.is_empty() {
            return Ok(Some(length));
        }
        match available.iter().position(|&b| b == b'\n') {
            Some(end) => {
                input.consume(end + 1);
                return Ok(Some(length + end));
            }
            None => {
                let all = available.len();
                input.consume(all);
                length += all;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_lines_and_cuts_long_ones_short() {
        let mut input = BufReader::with_capacity(4, &b"ab\r\n0123456789\nx\n\nlast"[..]);
        let mut line = Vec::new();
        let mut read = || read_line(&mut input, &mut line, 3).unwrap().map(|n| (n, line.clone()));
        assert_eq!(read(), Some((3, b"ab\r".to_vec())));
        assert_eq!(read(), Some((10, b"01234".to_vec())));
        assert_eq!(read(), Some((1, b"x".to_vec())));
        assert_eq!(read(), Some((0, vec![])));
        assert_eq!(read(), Some((4, b"last".to_vec())));
        assert_eq!(read(), None);
    }

    #[test]
    fn a_line_too_long_for_an_event_is_bad() {
        let pattern = Pattern::parse(r#"{"a": [1]}"#).unwrap();
        let big = format!("{{\"a\": 1, \"b\": \"{}\"}}\n{{\"a\": 1}}\n", "x".repeat(17 << 20));
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let tally = filter(&pattern, big.as_bytes(), &mut out, &mut err, "big", Options::default())
            .unwrap();
        assert_eq!(tally, Tally { selected: 1, bad: 1 });
        assert_eq!(out, b"{\"a\": 1}\n");
        assert_eq!(
            String::from_utf8(err).unwrap(),
            format!(
                "evpat: big:1: the event is {} bytes, more than the 16777216 allowed\n",
                big.find('\n').unwrap()
            )
        );
    }
}
