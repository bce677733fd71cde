//! `evpat filter`: grep for events. Reads JSON Lines and writes the lines
//! whose event matches the pattern, unchanged; or, with `--rules` or
//! `--rules-map`, matches every line against many rules at once.
//!
//! Event logs are large, so the filter streams: lines are read in batches
//! of bounded size and nothing else is collected, and a line longer than
//! an event may be (16 MiB, [`Limits::default`]) is skipped without being
//! held. Any JSON object is an event here (no envelope check): logs hold
//! whatever was put on the bus. The patterns themselves must still be ones
//! AWS would accept ([`Limits::AWS`]).
//!
//! Matching goes through [`RuleSet`], for one pattern as for thousands:
//! it reads only the fields the rules test (checking that the rest is
//! JSON) and gives the reference matcher's answers. With `-j N`, N threads
//! match batches of lines while this one reads and writes, and the output
//! keeps the input's order.
//!
//! A line that is not an event (not UTF-8, not JSON, not an object) is
//! reported on stderr as `evpat: FILE:LINE: REASON` and the stream goes
//! on: one bad record must not hide the rest of a log. So is a `--rules`
//! line that is not UTF-8; the other rules are still matched. (An invalid
//! pattern stops the command: that is a rule to fix, not a damaged record.)
//! Blank lines are skipped silently. The exit code is grep's: 0 when a line
//! was selected (matched a rule), 1 when none was, 2 when a line was bad.
//!
//! A closed stdout ends the filter: the writer stops, and with `-j N` the
//! workers and the reader stop with it (the reader through the channel of
//! batches, which the last worker drops).

use std::collections::{BTreeMap, HashSet};
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, mpsc};

use anyhow::{Context, bail};
use evpat::json::{self, Value};
use evpat::{Limits, Pattern, RuleSet};

use crate::{Lenient, Status, check, input};

/// The arguments of `evpat filter`.
#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("rule_files").args(["rules", "rules_map"])))]
pub struct Args {
    /// The pattern file; `-` reads standard input. Not given with
    /// `--rules` or `--rules-map`.
    #[arg(value_name = "PATTERN_FILE", required_unless_present = "rule_files")]
    pattern_file: Option<PathBuf>,

    /// The events, one JSON object per line; `-` or nothing reads standard
    /// input.
    #[arg(value_name = "EVENTS_FILE")]
    events_file: Option<PathBuf>,

    /// Match many rules: one pattern per line, whose id is its line number
    /// from 0 (blank lines keep their number and hold no rule).
    #[arg(long, value_name = "RULES.jsonl")]
    rules: Option<PathBuf>,

    /// Match many rules: a JSON object from ids to patterns (objects, or
    /// strings holding one, as in a rule's `EventPattern`).
    #[arg(long, value_name = "RULES.json")]
    rules_map: Option<PathBuf>,

    /// With `--rules` or `--rules-map`: for each event, write the JSON
    /// array of the ids of the rules it matches (`[]` for none; `null` for
    /// a bad line, which is also reported on stderr).
    #[arg(long, requires = "rule_files", conflicts_with_all = ["count", "invert_match", "line_number"])]
    ids: bool,

    /// Print only the number of selected lines; with `--rules` or
    /// `--rules-map`, one line per rule: `ID<TAB>COUNT`.
    #[arg(short, long)]
    count: bool,

    /// Select the lines whose event does not match (with rules: matches
    /// none of them). Bad lines are never selected.
    #[arg(short = 'v', long)]
    invert_match: bool,

    /// Put each selected line's number and `:` before it.
    #[arg(short = 'n', long)]
    line_number: bool,

    /// Match on N threads (0: one per core); the output keeps the input
    /// order.
    #[arg(short = 'j', long, value_name = "N", default_value_t = 1)]
    jobs: usize,
}

/// What to print for each line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Output {
    /// The selected lines (or only their number, with `count`).
    Lines { count: bool, invert_match: bool, line_number: bool },
    /// A JSON array of ids per event.
    Ids,
    /// Per-rule counts, at the end.
    RuleCounts,
}

/// The rules, and how their ids are written.
struct Rules {
    set: RuleSet<usize>,
    /// As `--count` writes them.
    names: Vec<String>,
    /// As `--ids` writes them: JSON.
    json: Vec<String>,
}

/// What the filter saw (the events; bad rules are counted apart).
#[derive(Debug, Default, PartialEq, Eq)]
struct Tally {
    selected: u64,
    bad: u64,
    /// Per rule: how many events matched it.
    per_rule: Vec<u64>,
}

/// Runs `evpat filter`.
///
/// # Errors
///
/// When the pattern or rules are unreadable or invalid, the events cannot
/// be read, or stdout cannot be written (a closed pipe included: the
/// caller ends quietly on that one).
pub fn run(args: &Args) -> anyhow::Result<Status> {
    let rules_file = args.rules.as_deref().or(args.rules_map.as_deref());
    let events_path = match (rules_file, &args.pattern_file, &args.events_file) {
        (Some(_), Some(_), Some(_)) | (Some(_), None, Some(_)) => {
            bail!("evpat: with --rules or --rules-map, give only the events file")
        }
        // The one positional is the events file.
        (Some(_), events, None) => events.as_deref().unwrap_or(Path::new("-")),
        (None, _, events) => events.as_deref().unwrap_or(Path::new("-")),
    };
    let rules_path = rules_file.or(args.pattern_file.as_deref()).unwrap_or(Path::new("-"));
    input::stdin_at_most_once([rules_path, events_path]).map_err(anyhow::Error::msg)?;
    let (name, bytes) = input::read_bytes(rules_path).map_err(|e| anyhow::anyhow!("evpat: {e}"))?;
    let whole_text =
        |bytes| input::text_of(&name, bytes).map_err(|e| anyhow::anyhow!("evpat: {e}"));
    let mut bad_rules = 0;
    let rules = if args.rules.is_some() {
        let rules;
        (rules, bad_rules) = rules_from_lines(&name, &bytes)?;
        rules
    } else if args.rules_map.is_some() {
        rules_from_map(&name, &whole_text(bytes)?)?
    } else {
        let text = whole_text(bytes)?;
        let pattern = Pattern::parse_with_limits(&text, &Limits::AWS)
            .map_err(|error| anyhow::anyhow!(check::pattern_error(&name, &text, &error)))?;
        rules_of(vec![(String::from("0"), "0".to_owned(), pattern)])?
    };
    let output = if args.ids {
        Output::Ids
    } else if args.count && rules_file.is_some() {
        if args.invert_match || args.line_number {
            bail!("evpat: --count with rules counts each rule's events: it takes no -v or -n");
        }
        Output::RuleCounts
    } else {
        Output::Lines {
            count: args.count,
            invert_match: args.invert_match,
            line_number: args.line_number,
        }
    };

    let events_name = input::name(events_path);
    let events: Box<dyn BufRead + Send> = if input::is_stdin(events_path) {
        Box::new(BufReader::with_capacity(256 * 1024, io::stdin()))
    } else {
        let file =
            File::open(events_path).with_context(|| format!("evpat: cannot read {events_name}"))?;
        Box::new(BufReader::with_capacity(256 * 1024, file))
    };
    let mut out = BufWriter::with_capacity(256 * 1024, io::stdout().lock());
    let jobs = match args.jobs {
        0 => std::thread::available_parallelism().map_or(1, usize::from),
        n => n,
    };
    let tally =
        filter(&rules, events, &mut out, &mut Lenient(io::stderr()), &events_name, output, jobs)?;
    match output {
        Output::Lines { count: true, .. } => {
            writeln!(out, "{}", tally.selected).context("evpat: cannot write stdout")?;
        }
        Output::RuleCounts => {
            for (name, count) in rules.names.iter().zip(&tally.per_rule) {
                writeln!(out, "{name}\t{count}").context("evpat: cannot write stdout")?;
            }
        }
        _ => {}
    }
    out.flush().context("evpat: cannot write stdout")?;
    Ok(if tally.bad > 0 || bad_rules > 0 {
        Status::Error
    } else if tally.selected > 0 {
        Status::Success
    } else {
        Status::Failure
    })
}

/// Compiles rules given as (name, JSON id, pattern); more than a rule set
/// holds (`Limits::max_rules`) is an error, never a rule left out.
fn rules_of(rules: Vec<(String, String, Pattern)>) -> anyhow::Result<Rules> {
    let mut builder = RuleSet::builder();
    let (mut names, mut json) = (Vec::new(), Vec::new());
    for (i, (name, id, pattern)) in rules.into_iter().enumerate() {
        builder.try_add(i, &pattern).map_err(|full| anyhow::anyhow!("evpat: {full}"))?;
        names.push(name);
        json.push(id);
    }
    Ok(Rules { set: builder.build(), names, json })
}

/// `--rules`: one pattern per line, the line number (from 0) its id. A
/// line that is not UTF-8 holds no rule: it is reported on stderr as
/// `evpat: FILE:LINE: REASON` and skipped; the rules, and how many lines
/// were skipped so.
fn rules_from_lines(name: &str, text: &[u8]) -> anyhow::Result<(Rules, usize)> {
    let mut not_utf8 = 0;
    let mut rules = Vec::new();
    for (number, line) in text.split(|&b| b == b'\n').enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let line = match input::line_text(line) {
            Ok(line) => line,
            Err(reason) => {
                note!("evpat: {name}:{}: {reason}", number + 1);
                not_utf8 += 1;
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        let pattern = Pattern::parse_with_limits(line, &Limits::AWS).map_err(|error| {
            let (line_no, column) = (number + 1, error.column());
            anyhow::anyhow!(rule_error(name, line_no, column, &number.to_string(), &error))
        })?;
        rules.push((number.to_string(), number.to_string(), pattern));
    }
    Ok((rules_of(rules)?, not_utf8))
}

/// `--rules-map`: `{"id": pattern, ...}`, the pattern an object or a
/// string holding one.
fn rules_from_map(name: &str, text: &str) -> anyhow::Result<Rules> {
    let root = json::read(text, Limits::AWS.max_pattern_depth + 1).map_err(|error| {
        let (line, column) = evpat::line_column(text, error.span.start);
        anyhow::anyhow!("{name}:{line}:{column}: error: {}", error.message)
    })?;
    let Value::Object(members) = root.value else {
        bail!("{name}:1:1: error: --rules-map wants a JSON object from rule ids to patterns");
    };
    let mut seen = HashSet::new();
    let mut rules = Vec::new();
    for member in members {
        let (line, column) = evpat::line_column(text, member.key_span.start);
        if !seen.insert(member.key.clone()) {
            bail!("{name}:{line}:{column}: error: the rule id `{}` is given twice", member.key);
        }
        let span = member.value.span;
        let (pattern_text, offset) = match &member.value.value {
            Value::String(inner) => (inner.clone(), None),
            Value::Object(_) => (text[span.start..span.end].to_owned(), Some(span.start)),
            other => bail!(
                "{name}:{line}:{column}: error: the pattern of rule `{}` is a JSON {}, not an \
                 object or a string",
                member.key,
                other.type_name()
            ),
        };
        let pattern = Pattern::parse_with_limits(&pattern_text, &Limits::AWS).map_err(|error| {
            // Inside a string, escapes shift positions: point at the string.
            let at = offset.map_or(span.start, |start| start + error.span().start);
            let (line, column) = evpat::line_column(text, at);
            anyhow::anyhow!(rule_error(name, line, column, &member.key, &error))
        })?;
        let json = serde_json::to_string(&member.key).unwrap_or_default();
        rules.push((member.key, json, pattern));
    }
    rules_of(rules)
}

/// An invalid rule: where it is, AWS's message, and evpat's hint.
fn rule_error(name: &str, line: usize, column: usize, id: &str, error: &evpat::Error) -> String {
    let mut message = format!("{name}:{line}:{column}: error: {error}\n  = rule {id}");
    if error.path() != "$" {
        message.push_str(&format!(", at {}", error.path()));
    }
    if let Some(hint) = error.hint() {
        message.push_str(&format!("\n  = hint: {hint}"));
    }
    message
}

/// Lines read together and matched by one thread.
#[derive(Debug, Default)]
struct Batch {
    seq: u64,
    /// The number of the batch's first line, from 1.
    first: u64,
    text: Vec<u8>,
    /// Each line's place in `text` (without its `\n`), and its whole
    /// length, which is larger when the line was too long to keep.
    lines: Vec<(usize, usize, usize)>,
}

/// What matching a batch gives.
#[derive(Debug, Default)]
struct Done {
    seq: u64,
    out: Vec<u8>,
    /// Messages for stderr, each with the length of `out` when it came, so
    /// that the two streams stay in order.
    notes: Vec<(usize, String)>,
    selected: u64,
    bad: u64,
}

/// The most bytes and lines a batch holds (a longer line makes it larger).
const BATCH_BYTES: usize = 256 * 1024;
const BATCH_LINES: usize = 2048;

/// Matches the lines of `events`, writes what `output` asks for to `out`,
/// and reports bad lines on `err`; on `jobs` threads.
fn filter(
    rules: &Rules,
    events: impl BufRead + Send,
    out: &mut impl Write,
    err: &mut impl Write,
    name: &str,
    output: Output,
    jobs: usize,
) -> anyhow::Result<Tally> {
    let limits = Limits::default();
    let mut tally = Tally { per_rule: vec![0; rules.set.len()], ..Tally::default() };
    let mut write = |done: Done, tally: &mut Tally| -> anyhow::Result<()> {
        tally.selected += done.selected;
        tally.bad += done.bad;
        let mut written = 0;
        for (at, note) in &done.notes {
            out.write_all(&done.out[written..*at]).context("evpat: cannot write stdout")?;
            written = *at;
            // Keep the two streams in order on a terminal.
            out.flush().context("evpat: cannot write stdout")?;
            let _ = writeln!(err, "evpat: {name}:{note}");
        }
        out.write_all(&done.out[written..]).context("evpat: cannot write stdout")
    };
    let read_error =
        |e: io::Error| anyhow::Error::new(e).context(format!("evpat: cannot read {name}"));

    let mut batches = Batches::new(events, limits.max_event_bytes);
    if jobs <= 1 {
        let mut batch = Batch::default();
        let mut matcher = Matcher::new(rules, output, &limits);
        while batches.next(&mut batch).map_err(read_error)? {
            let done = matcher.batch(&batch);
            write(done, &mut tally)?;
        }
        matcher.add_counts(&mut tally.per_rule);
        return Ok(tally);
    }

    // Reader → workers → this thread, which writes in input order.
    let (batch_tx, jobs_rx) = mpsc::sync_channel::<Batch>(jobs * 2);
    let (done_tx, done_rx) = mpsc::sync_channel::<Done>(jobs * 2);
    // Owned by the workers only: when the last one stops (the writer has
    // stopped), the receiver goes, and the reader's next send fails
    // instead of waiting forever for room.
    let jobs_rx = Arc::new(Mutex::new(jobs_rx));
    std::thread::scope(|scope| -> anyhow::Result<Tally> {
        let reader = scope.spawn(move || -> io::Result<()> {
            loop {
                let mut batch = Batch::default();
                if !batches.next(&mut batch)? {
                    return Ok(());
                }
                if batch_tx.send(batch).is_err() {
                    // The writer has stopped (stdout closed): stop reading.
                    return Ok(());
                }
            }
        });
        let workers: Vec<_> = (0..jobs)
            .map(|_| {
                let (jobs_rx, done_tx) = (Arc::clone(&jobs_rx), done_tx.clone());
                let limits = &limits;
                scope.spawn(move || {
                    let mut matcher = Matcher::new(rules, output, limits);
                    loop {
                        // The lock is held only to take a batch.
                        let batch = match jobs_rx.lock() {
                            Ok(rx) => rx.recv(),
                            Err(_) => break,
                        };
                        let Ok(batch) = batch else { break };
                        if done_tx.send(matcher.batch(&batch)).is_err() {
                            break;
                        }
                    }
                    matcher.counts
                })
            })
            .collect();
        drop((done_tx, jobs_rx));
        let mut waiting = BTreeMap::new();
        let mut next = 0;
        let mut written = Ok(());
        for done in done_rx.iter() {
            waiting.insert(done.seq, done);
            while let Some(done) = waiting.remove(&next) {
                next += 1;
                written = written.and_then(|()| write(done, &mut tally));
            }
            if written.is_err() {
                break;
            }
        }
        // Ends the workers and, through them, the reader.
        drop(done_rx);
        let read = reader.join().map_err(|_| anyhow::anyhow!("evpat: the reader failed"))?;
        for worker in workers {
            let counts = worker.join().map_err(|_| anyhow::anyhow!("evpat: a worker failed"))?;
            for (total, n) in tally.per_rule.iter_mut().zip(counts) {
                *total += n;
            }
        }
        written?;
        read.map_err(read_error)?;
        Ok(tally)
    })
}

/// Matches lines; one per thread.
struct Matcher<'a> {
    rules: &'a Rules,
    output: Output,
    limits: &'a Limits,
    counts: Vec<u64>,
    matched: Vec<u32>,
}

impl<'a> Matcher<'a> {
    fn new(rules: &'a Rules, output: Output, limits: &'a Limits) -> Matcher<'a> {
        let counts =
            if output == Output::RuleCounts { vec![0; rules.set.len()] } else { Vec::new() };
        Matcher { rules, output, limits, counts, matched: Vec::new() }
    }

    fn add_counts(&self, totals: &mut [u64]) {
        for (total, n) in totals.iter_mut().zip(&self.counts) {
            *total += n;
        }
    }

    fn batch(&mut self, batch: &Batch) -> Done {
        let mut done = Done { seq: batch.seq, ..Done::default() };
        for (i, &(start, end, length)) in batch.lines.iter().enumerate() {
            let number = batch.first + i as u64;
            let line = &batch.text[start..end];
            let body = line.strip_suffix(b"\r").unwrap_or(line);
            let verdict = if length > line.len() {
                // Cut short by `read_line`: the length is all we know.
                Err(too_large(length, self.limits))
            } else if body.iter().all(u8::is_ascii_whitespace) {
                continue;
            } else {
                self.matched.clear();
                evaluate(&self.rules.set, body, &mut self.matched)
            };
            match verdict {
                Ok(()) => {
                    let matched = !self.matched.is_empty();
                    let selected = match self.output {
                        Output::Lines { invert_match, .. } => matched != invert_match,
                        Output::Ids | Output::RuleCounts => matched,
                    };
                    done.selected += u64::from(selected);
                    self.write(&mut done.out, line, number, selected);
                }
                Err(reason) => {
                    done.bad += 1;
                    done.notes.push((done.out.len(), format!("{number}: {reason}")));
                    if self.output == Output::Ids {
                        done.out.extend_from_slice(b"null\n");
                    }
                }
            }
        }
        done
    }

    fn write(&mut self, out: &mut Vec<u8>, line: &[u8], number: u64, selected: bool) {
        match self.output {
            Output::Lines { count, line_number, .. } => {
                if selected && !count {
                    if line_number {
                        out.extend_from_slice(format!("{number}:").as_bytes());
                    }
                    out.extend_from_slice(line);
                    out.push(b'\n');
                }
            }
            Output::Ids => {
                out.push(b'[');
                for (i, &rule) in self.matched.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    out.extend_from_slice(self.rules.json[rule as usize].as_bytes());
                }
                out.extend_from_slice(b"]\n");
            }
            Output::RuleCounts => {
                for &rule in &self.matched {
                    self.counts[rule as usize] += 1;
                }
            }
        }
    }
}

/// Which rules the event on a line matches, or what is wrong with the
/// line.
fn evaluate(set: &RuleSet<usize>, line: &[u8], matched: &mut Vec<u32>) -> Result<(), String> {
    let text = input::line_text(line)?;
    set.rule_indexes(text, matched).map_err(|error| error.reason().to_owned())
}

/// evpat's own words for an event over the size limit.
fn too_large(length: usize, limits: &Limits) -> String {
    format!("the event is {length} bytes, more than the {} allowed", limits.max_event_bytes)
}

/// Cuts the input into batches, numbering them and their lines.
struct Batches<R> {
    input: R,
    seq: u64,
    /// The number of the next line, from 1.
    line: u64,
    max: usize,
}

impl<R: BufRead> Batches<R> {
    fn new(input: R, max: usize) -> Batches<R> {
        Batches { input, seq: 0, line: 1, max }
    }

    /// Reads the next batch into `batch` (emptied first); false at the end
    /// of the input.
    fn next(&mut self, batch: &mut Batch) -> io::Result<bool> {
        batch.seq = self.seq;
        batch.first = self.line;
        batch.text.clear();
        batch.lines.clear();
        while batch.text.len() < BATCH_BYTES && batch.lines.len() < BATCH_LINES {
            let start = batch.text.len();
            match read_line(&mut self.input, &mut batch.text, self.max)? {
                Some(length) => batch.lines.push((start, batch.text.len(), length)),
                None => break,
            }
        }
        self.seq += 1;
        self.line += batch.lines.len() as u64;
        Ok(!batch.lines.is_empty())
    }
}

/// Reads the next line, appended to `text` without its `\n`, and returns
/// its length; `None` at the end of the input.
///
/// At most `max + 2` bytes are kept (an event of `max` bytes and a `\r`,
/// and one more to tell that it is too long): the rest of a longer line is
/// read and dropped, so that one huge line cannot take the memory a
/// stream filter must not need. The length returned is then the whole
/// line's.
fn read_line(
    input: &mut impl BufRead,
    text: &mut Vec<u8>,
    max: usize,
) -> io::Result<Option<usize>> {
    let start = text.len();
    let keep = max + 2;
    if input.by_ref().take(keep as u64).read_until(b'\n', text)? == 0 {
        return Ok(None);
    }
    if text.last() == Some(&b'\n') {
        text.pop();
        return Ok(Some(text.len() - start));
    }
    let kept = text.len() - start;
    if kept < keep {
        // The last line, without a newline.
        return Ok(Some(kept));
    }
    let mut length = kept;
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
        let mut text = Vec::new();
        let mut read = || {
            text.clear();
            read_line(&mut input, &mut text, 3).unwrap().map(|n| (n, text.clone()))
        };
        assert_eq!(read(), Some((3, b"ab\r".to_vec())));
        assert_eq!(read(), Some((10, b"01234".to_vec())));
        assert_eq!(read(), Some((1, b"x".to_vec())));
        assert_eq!(read(), Some((0, vec![])));
        assert_eq!(read(), Some((4, b"last".to_vec())));
        assert_eq!(read(), None);
    }

    #[test]
    fn batches_number_their_lines() {
        let text = "a\n".repeat(BATCH_LINES + 3);
        let mut batches = Batches::new(BufReader::new(text.as_bytes()), 10);
        let mut batch = Batch::default();
        assert!(batches.next(&mut batch).unwrap());
        assert_eq!((batch.seq, batch.first, batch.lines.len()), (0, 1, BATCH_LINES));
        assert!(batches.next(&mut batch).unwrap());
        assert_eq!((batch.seq, batch.first, batch.lines.len()), (1, BATCH_LINES as u64 + 1, 3));
        assert!(!batches.next(&mut batch).unwrap());
    }

    fn one_rule(pattern: &str) -> Rules {
        rules_of(vec![("0".into(), "0".into(), Pattern::parse(pattern).unwrap())]).unwrap()
    }

    #[test]
    fn a_line_too_long_for_an_event_is_bad() {
        let rules = one_rule(r#"{"a": [1]}"#);
        let big = format!("{{\"a\": 1, \"b\": \"{}\"}}\n{{\"a\": 1}}\n", "x".repeat(17 << 20));
        for jobs in [1, 2] {
            let (mut out, mut err) = (Vec::new(), Vec::new());
            let output = Output::Lines { count: false, invert_match: false, line_number: false };
            let tally =
                filter(&rules, big.as_bytes(), &mut out, &mut err, "big", output, jobs).unwrap();
            assert_eq!((tally.selected, tally.bad), (1, 1));
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

    #[test]
    fn threads_keep_the_input_order() {
        let rules = one_rule(r#"{"n": [{"numeric": [">=", 0]}]}"#);
        let input: String = (0..20_000).map(|n| format!("{{\"n\": {n}}}\n")).collect();
        let mut outputs = Vec::new();
        for jobs in [1, 3] {
            let (mut out, mut err) = (Vec::new(), Vec::new());
            let output = Output::Lines { count: false, invert_match: false, line_number: true };
            let tally =
                filter(&rules, input.as_bytes(), &mut out, &mut err, "-", output, jobs).unwrap();
            assert_eq!((tally.selected, tally.bad, err.len()), (20_000, 0, 0));
            outputs.push(out);
        }
        assert_eq!(outputs[0], outputs[1]);
        assert!(outputs[0].starts_with(b"1:{\"n\": 0}\n2:{\"n\": 1}\n"));
    }
}
