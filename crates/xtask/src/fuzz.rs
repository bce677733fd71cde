//! `cargo xtask fuzz --seconds N [TARGET…]`: every fuzz target in `fuzz/`
//! (or the ones named) run for N seconds each, one after the other, and
//! one table of what each run did.
//!
//! Each target runs as
//! `cargo +nightly fuzz run <t> target/corpus/<t> seeds/<t> -- -max_total_time=N`
//! in `fuzz/`: the corpus it grows goes under `fuzz/target/corpus/` (git
//! ignores it), the committed seeds are read. libFuzzer's output is saved
//! whole to `fuzz/target/logs/<t>.log`; its status lines are left out of
//! the terminal. The table is read from libFuzzer's last status line
//! (`#… DONE cov: … ft: … corp: …`) and its `Done N runs in S second(s)`.
//! A target that rejects its input early shows as low coverage (`cov`,
//! the edges reached) and few features (`ft`).
//!
//! It fails when a target crashed (a panic, an overflow, a timeout, running
//! out of memory), naming the input libFuzzer saved. Not part of
//! `cargo xtask test`: fuzzing is open-ended and takes the nightly
//! toolchain.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::run::{Workspace, step};

/// The longest one input may take before libFuzzer calls it a hang.
const TIMEOUT_SECONDS: u32 = 10;

/// What one target's run did.
#[derive(Debug, Default, PartialEq)]
struct Outcome {
    target: String,
    seconds: u64,
    runs: Option<u64>,
    cov: Option<u64>,
    ft: Option<u64>,
    corpus_units: Option<u64>,
    corpus_size: Option<String>,
    /// The inputs libFuzzer wrote when the target crashed.
    artifacts: Vec<String>,
    /// Why it failed, when it did.
    failure: Option<String>,
}

pub fn run(workspace: &Workspace, args: &[String]) -> Result<(), String> {
    let (seconds, named) = parse_args(args)?;
    let fuzz_dir = workspace.root.join("fuzz");
    let available = workspace
        .command("cargo")
        .current_dir(&fuzz_dir)
        .args(["+nightly", "fuzz", "--version"])
        .probe();
    if available.is_none() {
        return Err("`cargo +nightly fuzz` is not available: run `cargo install cargo-fuzz \
                    --locked` (and `rustup toolchain install nightly` if nightly is missing)"
            .to_owned());
    }
    let listed = workspace
        .command("cargo")
        .current_dir(&fuzz_dir)
        .args(["+nightly", "fuzz", "list"])
        .probe()
        .ok_or("`cargo +nightly fuzz list` failed in fuzz/")?;
    let all: Vec<String> = listed.lines().map(str::trim).map(str::to_owned).collect();
    let targets = if named.is_empty() {
        all
    } else {
        if let Some(unknown) = named.iter().find(|t| !all.contains(t)) {
            return Err(format!("no fuzz target `{unknown}`; the targets: {}", all.join(", ")));
        }
        named
    };

    let mut outcomes = Vec::new();
    for target in &targets {
        step(&format!("fuzz {target} for {seconds} s"));
        outcomes.push(run_target(&fuzz_dir, target, seconds)?);
    }

    println!("\n{}", table(&outcomes));
    let total: u64 = outcomes.iter().map(|o| o.seconds).sum();
    println!("{} targets, {total} s of fuzzing in all", outcomes.len());
    let failed: Vec<String> = outcomes
        .iter()
        .filter_map(|o| {
            let failure = o.failure.as_ref()?;
            let inputs = if o.artifacts.is_empty() {
                "no input saved".to_owned()
            } else {
                o.artifacts.join(", ")
            };
            Some(format!(
                "{}: {failure} ({inputs}); log: fuzz/target/logs/{}.log",
                o.target, o.target
            ))
        })
        .collect();
    if failed.is_empty() {
        println!("\nxtask: no target crashed");
        Ok(())
    } else {
        Err(format!("fuzzing found crashes:\n  {}", failed.join("\n  ")))
    }
}

/// `--seconds N` (also `--seconds=N`) and target names, in any order.
fn parse_args(args: &[String]) -> Result<(u64, Vec<String>), String> {
    const USAGE: &str = "usage: cargo xtask fuzz --seconds N [TARGET…]";
    let mut seconds = None;
    let mut targets = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let value = match arg.strip_prefix("--seconds") {
            Some("") => args.next().map(String::as_str),
            Some(rest) if rest.starts_with('=') => Some(&rest[1..]),
            _ if arg.starts_with('-') => return Err(format!("unknown option {arg}; {USAGE}")),
            _ => {
                targets.push(arg.clone());
                continue;
            }
        };
        match value.and_then(|v| v.parse::<u64>().ok()) {
            Some(n) if n > 0 => seconds = Some(n),
            _ => return Err(format!("--seconds takes a whole number of seconds; {USAGE}")),
        }
    }
    Ok((seconds.ok_or(USAGE)?, targets))
}

/// Runs one target, streaming libFuzzer's output into its log.
fn run_target(fuzz_dir: &Path, target: &str, seconds: u64) -> Result<Outcome, String> {
    let corpus = PathBuf::from("target/corpus").join(target);
    let seeds = PathBuf::from("seeds").join(target);
    let logs = fuzz_dir.join("target/logs");
    for dir in [&fuzz_dir.join(&corpus), &fuzz_dir.join(&seeds), &logs] {
        fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let log_path = logs.join(format!("{target}.log"));
    let mut log = fs::File::create(&log_path)
        .map_err(|e| format!("cannot write {}: {e}", log_path.display()))?;

    let started = Instant::now();
    let mut child = Command::new(cargo())
        .current_dir(fuzz_dir)
        .args(["+nightly", "fuzz", "run", target])
        .arg(&corpus)
        .arg(&seeds)
        .arg("--")
        .arg(format!("-max_total_time={seconds}"))
        .arg(format!("-timeout={TIMEOUT_SECONDS}"))
        // The fuzz workspace builds into its own target directory, with
        // nightly; a stable CARGO_TARGET_DIR would only be rebuilt.
        .env_remove("CARGO_TARGET_DIR")
        .stdin(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start `cargo +nightly fuzz run {target}`: {e}"))?;

    let mut lines = Vec::new();
    let stderr = child.stderr.take().expect("stderr is piped");
    for line in BufReader::new(stderr).lines() {
        let line = line.unwrap_or_else(|e| format!("(unreadable output: {e})"));
        let _ = writeln!(log, "{line}");
        if shown(&line) {
            eprintln!("{line}");
        }
        lines.push(line);
    }
    let status = child.wait().map_err(|e| format!("`cargo fuzz run {target}` lost: {e}"))?;
    let elapsed = started.elapsed().as_secs();

    let mut outcome = parse_output(target, &lines);
    if outcome.seconds == 0 {
        // No `Done … in S second(s)`: a crash; the wall clock, build included.
        outcome.seconds = elapsed;
    }
    if !status.success() && outcome.failure.is_none() {
        outcome.failure = Some(format!("cargo fuzz failed ({status})"));
    }
    Ok(outcome)
}

/// cargo's bin directory holds rustup's proxy, which understands
/// `+nightly`; a toolchain's own cargo, which may come first on PATH under
/// `cargo run`, does not.
fn cargo() -> PathBuf {
    let home = std::env::var_os("CARGO_HOME").map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cargo")
    });
    let proxy = home.join("bin/cargo");
    if proxy.exists() { proxy } else { PathBuf::from("cargo") }
}

/// Whether a line of output goes to the terminal too: not libFuzzer's
/// status lines (`#4096 NEW …`, `#8192 pulse …`) except the first and the
/// last, nor the functions it reaches, nor its recommended dictionary.
fn shown(line: &str) -> bool {
    // `#4096\tNEW …`: a tab after the count.
    let status = line.starts_with('#') && !line.contains("\tINITED") && !line.contains("\tDONE");
    let dictionary = line.starts_with('"') && line.contains("# Uses:");
    let new_function = line.trim_start().starts_with("NEW_FUNC[");
    !status && !dictionary && !new_function
}

/// Reads libFuzzer's output: the last status line's counters, the runs
/// and seconds it reports at the end, and any crash.
fn parse_output(target: &str, lines: &[String]) -> Outcome {
    let mut outcome = Outcome { target: target.to_owned(), ..Outcome::default() };
    for line in lines {
        let line = line.trim();
        if line.starts_with('#') && line.contains("cov:") {
            let stat = |name: &str| field(line, name);
            outcome.cov = stat("cov:").and_then(|v| v.parse().ok()).or(outcome.cov);
            outcome.ft = stat("ft:").and_then(|v| v.parse().ok()).or(outcome.ft);
            if let Some((units, size)) = stat("corp:").and_then(|v| v.split_once('/')) {
                outcome.corpus_units = units.parse().ok();
                outcome.corpus_size = Some(size.to_owned());
            }
        } else if let Some(rest) = line.strip_prefix("Done ") {
            // `Done 123456 runs in 60 second(s)`
            let words: Vec<&str> = rest.split_whitespace().collect();
            if let [runs, "runs", "in", secs, ..] = words[..] {
                outcome.runs = runs.parse().ok();
                outcome.seconds = secs.parse().unwrap_or(0);
            }
        } else if let Some(path) = line.split("Test unit written to ").nth(1) {
            let path = path.trim().to_owned();
            if !outcome.artifacts.contains(&path) {
                outcome.artifacts.push(path);
            }
        } else if line.starts_with("==") && line.contains("ERROR: libFuzzer:") {
            let kind = line.split("ERROR: libFuzzer:").nth(1).unwrap_or("").trim();
            outcome.failure.get_or_insert_with(|| kind.to_owned());
        } else if line.starts_with("==") && line.contains("ERROR: AddressSanitizer:") {
            let kind = line.split("ERROR: AddressSanitizer:").nth(1).unwrap_or("").trim();
            outcome.failure.get_or_insert_with(|| kind.to_owned());
        } else if line.starts_with("thread '") && line.contains("panicked at") {
            outcome.failure =
                Some(format!("panic {}", line.split("panicked ").nth(1).unwrap_or("")));
        }
        // A crash's runs: the `#N` of the last status line.
        if line.starts_with('#')
            && let Some(n) = line[1..].split_whitespace().next().and_then(|n| n.parse().ok())
        {
            outcome.runs = Some(n);
        }
    }
    outcome
}

/// The value after `name` in a status line: `cov: 123` gives `123`.
fn field<'a>(line: &'a str, name: &str) -> Option<&'a str> {
    let mut words = line.split_whitespace();
    words.find(|w| *w == name)?;
    words.next()
}

fn table(outcomes: &[Outcome]) -> String {
    let dash = || "-".to_owned();
    let show = |n: Option<u64>| n.map_or_else(dash, |n| n.to_string());
    let mut rows = vec![[
        "target".to_owned(),
        "seconds".to_owned(),
        "executions".to_owned(),
        "exec/s".to_owned(),
        "cov".to_owned(),
        "ft".to_owned(),
        "corpus".to_owned(),
        "crashes".to_owned(),
    ]];
    for o in outcomes {
        let rate = o.runs.filter(|_| o.seconds > 0).map(|r| r / o.seconds);
        let corpus = match (o.corpus_units, &o.corpus_size) {
            (Some(units), Some(size)) => format!("{units} ({size})"),
            _ => dash(),
        };
        let crashes = match (&o.failure, o.artifacts.len()) {
            (None, _) => "0".to_owned(),
            (Some(_), 0) => "failed".to_owned(),
            (Some(_), n) => n.to_string(),
        };
        rows.push([
            o.target.clone(),
            o.seconds.to_string(),
            show(o.runs),
            show(rate),
            show(o.cov),
            show(o.ft),
            corpus,
            crashes,
        ]);
    }
    let widths: Vec<usize> =
        (0..8).map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0)).collect();
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .enumerate()
            .map(
                |(c, (cell, &w))| {
                    if c == 0 { format!("{cell:<w$}") } else { format!("{cell:>w$}") }
                },
            )
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
        if i == 0 {
            let rule: Vec<String> = widths.iter().map(|&w| "-".repeat(w)).collect();
            out.push_str(&rule.join("  "));
            out.push('\n');
        }
    }
    out.pop();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_owned).collect()
    }

    #[test]
    fn a_clean_run() {
        let out = lines(
            "INFO: seed corpus: files: 30\n\
             #31\tINITED cov: 1960 ft: 4081 corp: 30/2084b exec/s: 0 rss: 53Mb\n\
             #4096\tpulse  cov: 2000 ft: 4200 corp: 40/3Kb lim: 579 exec/s: 2048 rss: 60Mb\n\
             #123456\tDONE   cov: 2100 ft: 5000 corp: 77/9Kb lim: 4096 exec/s: 617 rss: 90Mb\n\
             Done 123456 runs in 200 second(s)",
        );
        let o = parse_output("pattern", &out);
        assert_eq!(
            (o.runs, o.seconds, o.cov, o.ft, o.corpus_units),
            (Some(123_456), 200, Some(2100), Some(5000), Some(77))
        );
        assert_eq!(o.corpus_size.as_deref(), Some("9Kb"));
        assert_eq!(o.failure, None);
    }

    #[test]
    fn a_crash() {
        let out = lines(
            "#512\tNEW    cov: 900 ft: 1000 corp: 12/1Kb lim: 4 exec/s: 0 rss: 40Mb\n\
             thread '<unnamed>' (1) panicked at fuzz_targets/export.rs:60:13:\n\
             ==29030== ERROR: libFuzzer: deadly signal\n\
             artifact_prefix='/w/fuzz/artifacts/export/'; Test unit written to \
             /w/fuzz/artifacts/export/crash-cb5e\n",
        );
        let o = parse_output("export", &out);
        assert_eq!(o.runs, Some(512));
        assert_eq!(o.cov, Some(900));
        assert_eq!(o.artifacts, ["/w/fuzz/artifacts/export/crash-cb5e"]);
        assert_eq!(o.failure.as_deref(), Some("panic at fuzz_targets/export.rs:60:13:"));
    }

    #[test]
    fn only_the_first_and_last_status_lines_are_shown() {
        assert!(shown("#31\tINITED cov: 1960 ft: 4081 corp: 30/2084b exec/s: 0 rss: 53Mb"));
        assert!(shown("#420772\tDONE   cov: 3547 ft: 11309 corp: 1216/204Kb exec/s: 1745"));
        assert!(!shown("#4096\tpulse  cov: 2000 ft: 4200 corp: 40/3Kb exec/s: 2048 rss: 60Mb"));
        assert!(!shown("###### Recommended dictionary. ######"));
        assert!(!shown("\"rate\" # Uses: 13"));
        assert!(!shown("\tNEW_FUNC[1/1]: 0x5625 in evpat::json::hex4 json.rs:568"));
        assert!(shown("thread '<unnamed>' (1) panicked at fuzz_targets/export.rs:60:13:"));
        assert!(shown("Done 420772 runs in 241 second(s)"));
    }

    #[test]
    fn arguments() {
        let args = |s: &str| s.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(parse_args(&args("--seconds 5 a b")), Ok((5, args("a b"))));
        assert_eq!(parse_args(&args("a --seconds=7")), Ok((7, args("a"))));
        assert!(parse_args(&args("a")).is_err());
        assert!(parse_args(&args("--seconds x")).is_err());
        assert!(parse_args(&args("--jobs 2")).is_err());
    }
}
