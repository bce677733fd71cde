//! Reporting spec results: as text for people, as JUnit XML for test
//! dashboards, as workflow commands for GitHub Actions.
//!
//! Whatever the format, stdout carries the report and stderr the errors,
//! and the last line is the summary, `N passed, M failed`, which CI systems
//! recognise. JUnit's stdout must stay one XML document, so there the
//! summary and the lints go to stderr.
//!
//! In the counts, a case that could not be tested (its event is missing or
//! invalid) is failed: it did not pass. With `--deny-warnings`, each lint
//! also counts as a failed check.

use std::fmt::Write as _;
use std::io::{self, Write};

use evpat::Lint;

use crate::spec::Expect;
use crate::style::Palette;
use crate::test::{CaseRun, SpecRun, Verdict};

/// How `evpat test --spec` reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// Failures and warnings for people, then the summary.
    Text,
    /// JUnit XML on stdout, one `<testsuite>` per spec file.
    Junit,
    /// GitHub Actions workflow commands (`::error`, `::warning`), then the
    /// summary.
    Github,
}

/// How to report.
pub struct Options {
    /// The format.
    pub format: ReportFormat,
    /// Whether lints are failures.
    pub deny_warnings: bool,
    /// Colors for the text format.
    pub palette: Palette,
}

/// What the report counted.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Totals {
    /// Cases whose expectation holds.
    pub passed: usize,
    /// Cases whose expectation does not hold or that could not be tested,
    /// and denied lints.
    pub failed: usize,
    /// Specs and cases that could not be tested.
    pub errors: usize,
}

/// Reports `runs` on `out` (the report) and `err` (errors).
///
/// # Errors
///
/// When `out` or `err` cannot be written.
pub fn write(
    runs: &[SpecRun],
    options: &Options,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<Totals> {
    let totals = count(runs, options.deny_warnings);
    match options.format {
        ReportFormat::Text => text(runs, options, out, err)?,
        ReportFormat::Github => github(runs, options.deny_warnings, out, err)?,
        ReportFormat::Junit => {
            out.write_all(junit(runs, options.deny_warnings).as_bytes())?;
            out.flush()?;
            junit_stderr(runs, options.deny_warnings, err)?;
            writeln!(err, "{}", summary(&totals))?;
            return Ok(totals);
        }
    }
    writeln!(out, "{}", summary(&totals))?;
    out.flush()?;
    Ok(totals)
}

fn count(runs: &[SpecRun], deny_warnings: bool) -> Totals {
    let mut totals = Totals::default();
    for run in runs {
        let Ok(suite) = &run.outcome else {
            totals.errors += 1;
            continue;
        };
        if deny_warnings {
            totals.failed += suite.lints.len();
        }
        for case in &suite.cases {
            match case.verdict {
                Verdict::Pass => totals.passed += 1,
                Verdict::Fail { .. } => totals.failed += 1,
                Verdict::Error(_) => {
                    totals.failed += 1;
                    totals.errors += 1;
                }
            }
        }
    }
    totals
}

/// The last line of every report.
fn summary(totals: &Totals) -> String {
    format!("{} passed, {} failed", totals.passed, totals.failed)
}

/// `expected match, got no match`, or the other way round.
fn mismatch(expected: Expect) -> String {
    let expected_match = expected == Expect::Match;
    format!("expected {}, got {}", Expect::words(expected_match), Expect::words(!expected_match))
}

/// What stderr says about a case that could not be tested.
fn case_error(spec: &str, case: &CaseRun, reason: &str) -> String {
    format!("evpat: {spec}:{}: case {:?}: {reason}", case.line, case.name)
}

/// `warning[CODE]: message (at PATH) — fix`, with `word` for `warning`.
fn lint_line(word: &str, lint: &Lint) -> String {
    format!("{word}[{}]: {} (at {}) — {}", lint.code, lint.message, lint.path, lint.fix)
}

// ---------------------------------------------------------------- text

fn text(
    runs: &[SpecRun],
    options: &Options,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<()> {
    let palette = options.palette;
    for run in runs {
        let suite = match &run.outcome {
            Ok(suite) => suite,
            Err(failure) => {
                out.flush()?;
                writeln!(err, "{}", failure.message)?;
                continue;
            }
        };
        for lint in &suite.lints {
            let word = if options.deny_warnings {
                palette.red("error")
            } else {
                palette.yellow("warning")
            };
            writeln!(out, "{}", lint_line(&word, lint))?;
            writeln!(out, "  --> {}:{}", run.name, suite.pattern_line)?;
        }
        for case in &suite.cases {
            match &case.verdict {
                Verdict::Pass => {}
                Verdict::Fail { expected, explanation } => {
                    let (name, line) = (&run.name, case.line);
                    let mark = palette.red("✗");
                    let case_name = one_line(&case.name);
                    writeln!(out, "{mark} {name}:{line}: {case_name}: {}", mismatch(*expected))?;
                    for line in explanation.iter().flat_map(|text| text.lines()) {
                        writeln!(out, "    {line}")?;
                    }
                }
                Verdict::Error(reason) => {
                    // Keep the two streams in order on a terminal.
                    out.flush()?;
                    writeln!(err, "{}", case_error(&run.name, case, reason))?;
                }
            }
        }
    }
    Ok(())
}

/// A case name on one line: a line break in a name would pass for the
/// start of another report line.
fn one_line(name: &str) -> String {
    name.replace('\r', "\\r").replace('\n', "\\n")
}

// ---------------------------------------------------------------- GitHub

/// GitHub Actions workflow commands: `::error file=…,line=…,title=…::…`.
/// The runner turns each into an annotation on that line of the file.
fn github(
    runs: &[SpecRun],
    deny_warnings: bool,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<()> {
    for run in runs {
        let file = &run.name;
        let suite = match &run.outcome {
            Ok(suite) => suite,
            Err(failure) => {
                writeln!(err, "{}", failure.message)?;
                let line = failure.line.unwrap_or(1);
                writeln!(out, "{}", command("error", file, line, "evpat", &failure.message))?;
                continue;
            }
        };
        let level = if deny_warnings { "error" } else { "warning" };
        for lint in &suite.lints {
            let title = format!("evpat {}", lint.code);
            writeln!(out, "{}", command(level, file, 1, &title, &lint.message))?;
        }
        for case in &suite.cases {
            let title = format!("evpat: {}", case.name);
            let message = match &case.verdict {
                Verdict::Pass => continue,
                Verdict::Fail { expected, explanation } => match explanation {
                    Some(text) => format!("{}\n{text}", mismatch(*expected)),
                    None => mismatch(*expected),
                },
                Verdict::Error(reason) => {
                    writeln!(err, "{}", case_error(&run.name, case, reason))?;
                    reason.clone()
                }
            };
            writeln!(out, "{}", command("error", file, case.line, &title, &message))?;
        }
    }
    Ok(())
}

/// One workflow command, escaped as GitHub's toolkit escapes them
/// (`escapeData` and `escapeProperty` in `@actions/core`): a message
/// cannot hold a raw line break, and a property value cannot hold the
/// `:` or `,` that would end it.
fn command(level: &str, file: &str, line: usize, title: &str, message: &str) -> String {
    format!(
        "::{level} file={},line={line},title={}::{}",
        escape_property(file),
        escape_property(title),
        escape_data(message)
    )
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

// ---------------------------------------------------------------- JUnit

/// The JUnit XML report, in the shape Jenkins, GitLab and the JUnit
/// reporter actions read: `<testsuites>`, a `<testsuite>` per spec file, a
/// `<testcase>` per case. A spec that could not be run is a suite with one
/// error and its message in `<system-err>`.
fn junit(runs: &[SpecRun], deny_warnings: bool) -> String {
    let totals = count(runs, deny_warnings);
    let tests: usize = runs
        .iter()
        .filter_map(|run| run.outcome.as_ref().ok())
        .map(|suite| suite.cases.len() + if deny_warnings { suite.lints.len() } else { 0 })
        .sum();
    let failures: usize = totals.failed - case_errors(runs);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        xml,
        "<testsuites name=\"evpat\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{}\">",
        totals.errors
    );
    for run in runs {
        let name = attribute(&run.name);
        let suite = match &run.outcome {
            Ok(suite) => suite,
            Err(failure) => {
                let _ = writeln!(
                    xml,
                    "  <testsuite name=\"{name}\" tests=\"0\" failures=\"0\" errors=\"1\">\n    \
                     <system-err>{}</system-err>\n  </testsuite>",
                    text_node(&failure.message)
                );
                continue;
            }
        };
        let lints = if deny_warnings { &suite.lints[..] } else { &[] };
        let failed = lints.len()
            + suite.cases.iter().filter(|c| matches!(c.verdict, Verdict::Fail { .. })).count();
        let errors = suite.cases.iter().filter(|c| matches!(c.verdict, Verdict::Error(_))).count();
        let _ = writeln!(
            xml,
            "  <testsuite name=\"{name}\" tests=\"{}\" failures=\"{failed}\" errors=\"{errors}\">",
            suite.cases.len() + lints.len()
        );
        for lint in lints {
            let _ = writeln!(
                xml,
                "    <testcase name=\"{}\" classname=\"{name}\" file=\"{name}\" line=\"1\">\n      \
                 <failure message=\"{}\" type=\"lint\">{}</failure>\n    </testcase>",
                attribute(&format!("lint {}", lint.code)),
                attribute(&lint.message),
                text_node(&lint.fix)
            );
        }
        for case in &suite.cases {
            let head = format!(
                "    <testcase name=\"{}\" classname=\"{name}\" file=\"{name}\" line=\"{}\"",
                attribute(&case.name),
                case.line
            );
            let _ = match &case.verdict {
                Verdict::Pass => writeln!(xml, "{head}/>"),
                Verdict::Fail { expected, explanation: None } => writeln!(
                    xml,
                    "{head}>\n      <failure message=\"{}\" type=\"mismatch\"/>\n    </testcase>",
                    attribute(&mismatch(*expected)),
                ),
                Verdict::Fail { expected, explanation: Some(explanation) } => writeln!(
                    xml,
                    "{head}>\n      <failure message=\"{}\" type=\"mismatch\">{}</failure>\n    \
                     </testcase>",
                    attribute(&mismatch(*expected)),
                    text_node(explanation)
                ),
                Verdict::Error(reason) => writeln!(
                    xml,
                    "{head}>\n      <error message=\"{}\" type=\"error\"/>\n    </testcase>",
                    attribute(reason),
                ),
            };
        }
        xml.push_str("  </testsuite>\n");
    }
    xml.push_str("</testsuites>\n");
    xml
}

/// Beside the XML, what people read in the log: the errors and the lints.
fn junit_stderr(runs: &[SpecRun], deny_warnings: bool, err: &mut impl Write) -> io::Result<()> {
    for run in runs {
        let suite = match &run.outcome {
            Ok(suite) => suite,
            Err(failure) => {
                writeln!(err, "{}", failure.message)?;
                continue;
            }
        };
        for lint in &suite.lints {
            writeln!(err, "{}", lint_line(if deny_warnings { "error" } else { "warning" }, lint))?;
            writeln!(err, "  --> {}:{}", run.name, suite.pattern_line)?;
        }
        for case in &suite.cases {
            if let Verdict::Error(reason) = &case.verdict {
                writeln!(err, "{}", case_error(&run.name, case, reason))?;
            }
        }
    }
    Ok(())
}

fn case_errors(runs: &[SpecRun]) -> usize {
    runs.iter()
        .filter_map(|run| run.outcome.as_ref().ok())
        .flat_map(|suite| &suite.cases)
        .filter(|case| matches!(case.verdict, Verdict::Error(_)))
        .count()
}

/// Text as XML character data. Characters XML 1.0 cannot hold at all
/// (most control characters) become U+FFFD.
fn text_node(text: &str) -> String {
    escape_xml(text, false)
}

/// Text as an attribute value in double quotes. Line breaks and tabs are
/// written as references, which attribute normalization would otherwise
/// turn into spaces.
fn attribute(text: &str) -> String {
    escape_xml(text, true)
}

fn escape_xml(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\t' | '\n' => out.push(c),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test::{SpecFailure, Suite};

    fn runs() -> Vec<SpecRun> {
        vec![
            SpecRun {
                name: "specs/a, b.yaml".to_owned(),
                outcome: Ok(Suite {
                    pattern_line: 1,
                    lints: vec![],
                    cases: vec![
                        CaseRun { name: "ok".to_owned(), line: 3, verdict: Verdict::Pass },
                        CaseRun {
                            name: "100% <wrong> & \"odd\"".to_owned(),
                            line: 7,
                            verdict: Verdict::Fail {
                                expected: Expect::NoMatch,
                                explanation: Some("state is \"running\"\nnot stopped".to_owned()),
                            },
                        },
                    ],
                }),
            },
            SpecRun {
                name: "bad.yaml".to_owned(),
                outcome: Err(SpecFailure {
                    line: Some(2),
                    message: "evpat: bad.yaml:2:1: oops\x07".to_owned(),
                }),
            },
        ]
    }

    fn options(format: ReportFormat) -> Options {
        Options { format, deny_warnings: false, palette: Palette::for_stdout() }
    }

    fn report(format: ReportFormat) -> (String, String, Totals) {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let totals = write(&runs(), &options(format), &mut out, &mut err).unwrap();
        (String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap(), totals)
    }

    #[test]
    fn text_prints_failures_with_their_explanation_and_a_summary() {
        let (out, err, totals) = report(ReportFormat::Text);
        assert_eq!(totals, Totals { passed: 1, failed: 1, errors: 1 });
        assert_eq!(
            out,
            "✗ specs/a, b.yaml:7: 100% <wrong> & \"odd\": expected no match, got match\n    \
             state is \"running\"\n    not stopped\n1 passed, 1 failed\n"
        );
        assert_eq!(err, "evpat: bad.yaml:2:1: oops\x07\n");
    }

    #[test]
    fn github_escapes_data_and_properties() {
        let (out, _, _) = report(ReportFormat::Github);
        assert_eq!(
            out,
            "::error file=specs/a%2C b.yaml,line=7,title=evpat%3A 100%25 <wrong> & \"odd\"::\
             expected no match, got match%0Astate is \"running\"%0Anot stopped\n\
             ::error file=bad.yaml,line=2,title=evpat::evpat: bad.yaml:2:1: oops\x07\n\
             1 passed, 1 failed\n"
        );
    }

    #[test]
    fn junit_escapes_what_xml_cannot_hold() {
        let xml = junit(&runs(), false);
        assert!(
            xml.contains(
                "<testcase name=\"100% &lt;wrong&gt; &amp; &quot;odd&quot;\" \
                 classname=\"specs/a, b.yaml\" file=\"specs/a, b.yaml\" line=\"7\">\n      \
                 <failure message=\"expected no match, got match\" type=\"mismatch\">\
                 state is \"running\"\nnot stopped</failure>"
            ),
            "{xml}"
        );
        assert!(
            xml.contains("<system-err>evpat: bad.yaml:2:1: oops\u{fffd}</system-err>"),
            "{xml}"
        );
        assert!(
            xml.contains("<testsuites name=\"evpat\" tests=\"2\" failures=\"1\" errors=\"1\">")
        );
        assert_eq!(attribute("a\nb\tc'"), "a&#10;b&#9;c&apos;");
    }
}
