//! `evpat test --spec`: spec files in YAML and JSON, reported as text,
//! JUnit XML and GitHub annotations, with exact line numbers.

use std::path::Path;

use evpat::{Limits, Pattern};

use crate::{in_fixtures, outcome};

fn spec(args: &[&str], stdin: &[u8]) -> (Option<i32>, String, String) {
    let mut all = vec!["test", "--spec"];
    all.extend_from_slice(args);
    outcome(&in_fixtures(&all, stdin))
}

/// The lints evpat finds in a fixture pattern, as `(code, message, path,
/// fix)`. Lints belong to the engine and grow over time, so the expected
/// lines are built from them rather than written out.
fn lints(pattern: &str) -> Vec<(String, String, String, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(pattern);
    let text = std::fs::read_to_string(path).unwrap();
    let pattern = Pattern::parse_with_limits(&text, &Limits::AWS).unwrap();
    evpat::lint(&pattern)
        .into_iter()
        .map(|lint| (lint.code.to_owned(), lint.message, lint.path, lint.fix))
        .collect()
}

/// The explanation of the deliberate failure in `ec2.yaml` and `ec2.json`.
const PENDING_EXPLANATION: &str = "\
✗ the event does not match: 1 of 3 fields fail
├─ ✓ source: expected \"aws.ec2\": \"aws.ec2\" matches
├─ ✓ detail-type: expected \"EC2 Instance State-change Notification\": \"EC2 Instance State-change Notification\" matches
└─ ✗ detail: its field fails
   └─ ✗ detail.state: none of the 2 conditions matches \"pending\"
      ├─ ✗ \"stopping\": expected \"stopping\", got \"pending\"
      │       at $.detail.state
      └─ ✗ \"stopped\": expected \"stopped\", got \"pending\"
              at $.detail.state
";

/// An explanation indented under a failure in the text report.
fn indented(explanation: &str) -> String {
    explanation.lines().map(|line| format!("    {line}\n")).collect()
}

/// An explanation inside a GitHub annotation: lines joined by `%0A`.
fn annotated(explanation: &str) -> String {
    explanation.replace('\n', "%0A")
}

#[test]
fn a_yaml_spec_reports_its_failure_and_a_summary() {
    assert_eq!(
        spec(&["specs/ec2.yaml"], b""),
        (
            Some(1),
            format!(
                "✗ specs/ec2.yaml:27: pending instance: wrong on purpose: expected match, got no match\n\
                 {}3 passed, 1 failed\n",
                indented(PENDING_EXPLANATION)
            ),
            String::new()
        )
    );
}

#[test]
fn a_json_spec_reports_the_line_of_the_cases_brace() {
    assert_eq!(
        spec(&["specs/ec2.json"], b""),
        (
            Some(1),
            format!(
                "✗ specs/ec2.json:25: pending instance: wrong on purpose: expected match, got no match\n\
                 {}3 passed, 1 failed\n",
                indented(PENDING_EXPLANATION)
            ),
            String::new()
        )
    );
}

#[test]
fn passing_specs_exit_0() {
    // An inline pattern in `.yml`; the same file as `.spec`, read as JSON
    // first, then as YAML; `any_event: true` in the spec.
    for file in ["specs/s3.yml", "specs/s3.spec", "specs/any-event.yaml"] {
        assert_eq!(
            spec(&[file], b""),
            (Some(0), "2 passed, 0 failed\n".to_owned(), String::new()),
            "{file}"
        );
    }
}

#[test]
fn the_summary_counts_every_spec() {
    let (code, stdout, stderr) =
        spec(&["specs/ec2.yaml", "specs/ec2.json", "specs/s3.yml", "specs/any-event.yaml"], b"");
    assert_eq!((code, stderr.as_str()), (Some(1), ""));
    assert_eq!(stdout.lines().last(), Some("10 passed, 2 failed"));
}

#[test]
fn any_event_comes_from_the_flag_too() {
    // A spec from stdin: its paths are relative to the current directory.
    let text = b"pattern: rules/ec2-stopping.json\n\
                 cases:\n\
                 \x20 - name: bare\n\
                 \x20   event: events/no-envelope.json\n\
                 \x20   expect: match\n";
    assert_eq!(
        spec(&["-", "--any-event"], text),
        (Some(0), "1 passed, 0 failed\n".to_owned(), String::new())
    );
    let (code, stdout, stderr) = spec(&["-"], text);
    assert_eq!((code, stdout.as_str()), (Some(2), "0 passed, 1 failed\n"));
    assert_eq!(
        stderr,
        "evpat: <stdin>:3: case \"bare\": invalid event events/no-envelope.json:1:1: \
         the event has no `id`, `account`, `time`, `region`\n"
    );
}

#[test]
fn missing_and_invalid_events_are_errors_with_spec_and_case() {
    assert_eq!(
        spec(&["specs/missing-event.yaml"], b""),
        (
            Some(2),
            "1 passed, 2 failed\n".to_owned(),
            "evpat: specs/missing-event.yaml:6: case \"the event file is missing\": cannot read \
             specs/../events/no-such-event.json: No such file or directory (os error 2)\n\
             evpat: specs/missing-event.yaml:9: case \"the event has no envelope\": invalid event \
             specs/../events/no-envelope.json:1:1: the event has no `id`, `account`, `time`, `region`\n"
                .to_owned()
        )
    );
}

#[test]
fn an_invalid_pattern_is_rendered() {
    assert_eq!(
        spec(&["specs/invalid-pattern.yaml"], b""),
        (
            Some(2),
            "0 passed, 0 failed\n".to_owned(),
            "evpat: specs/invalid-pattern.yaml:1: invalid pattern\n\
             specs/../rules/invalid.json:2:35: error: Event pattern is not valid. Reason: \
             prefix match pattern must be a string\n \
             --> line 2, column 35, at $.detail.state[0].prefix\n  \
             |\n\
             2 |   \"detail\": {\"state\": [{\"prefix\": 5}]}\n  \
             |                                   ^\n  \
             = hint: give a single string; to allow several, use one filter object per string\n"
                .to_owned()
        )
    );
}

#[test]
fn invalid_and_unreadable_specs_are_errors() {
    assert_eq!(
        spec(&["specs/broken.yaml", "specs/s3.yml"], b""),
        (
            Some(2),
            "2 passed, 0 failed\n".to_owned(),
            "evpat: specs/broken.yaml:5:5: unknown key; a case has `name`, `event` and `expect`\n"
                .to_owned()
        )
    );
    assert_eq!(
        spec(&["specs/no-such-spec.yaml"], b""),
        (
            Some(2),
            "0 passed, 0 failed\n".to_owned(),
            "evpat: cannot read specs/no-such-spec.yaml: No such file or directory (os error 2)\n"
                .to_owned()
        )
    );
    let (code, _, stderr) = spec(&["-"], b"{\"pattern\": \"rules/ec2-stopping.json\"}");
    assert_eq!(code, Some(2));
    assert_eq!(stderr, "evpat: <stdin>:1:38: missing field `cases`\n");
}

#[test]
fn lints_are_warnings_unless_denied() {
    let lints = lints("rules/many-instances.json");
    assert!(!lints.is_empty(), "the fixture is meant to be linted");
    let lines = |word: &str| -> String {
        lints
            .iter()
            .map(|(code, message, path, fix)| {
                format!(
                    "{word}[{code}]: {message} (at {path}) — {fix}\n  --> specs/many-instances.yaml:1\n"
                )
            })
            .collect()
    };
    assert_eq!(
        spec(&["specs/many-instances.yaml"], b""),
        (Some(0), format!("{}1 passed, 0 failed\n", lines("warning")), String::new())
    );
    assert_eq!(
        spec(&["specs/many-instances.yaml", "--deny-warnings"], b""),
        (Some(1), format!("{}1 passed, {} failed\n", lines("error"), lints.len()), String::new())
    );
}

#[test]
fn github_annotations_point_at_each_failing_case() {
    let lints = lints("rules/many-instances.json");
    let pending = annotated(PENDING_EXPLANATION);
    let warnings: String = lints
        .iter()
        .map(|(code, message, ..)| {
            format!(
                "::warning file=specs/many-instances.yaml,line=1,title=evpat {code}::{message}\n"
            )
        })
        .collect();
    let (code, stdout, stderr) = spec(
        &[
            "specs/ec2.yaml",
            "specs/ec2.json",
            "specs/many-instances.yaml",
            "specs/missing-event.yaml",
            "specs/odd-names.json",
            "--format",
            "github",
        ],
        b"",
    );
    assert_eq!(code, Some(2));
    assert_eq!(
        stdout,
        format!(
            "::error file=specs/ec2.yaml,line=27,title=evpat%3A pending instance%3A wrong on purpose\
             ::expected match, got no match%0A{pending}\n\
             ::error file=specs/ec2.json,line=25,title=evpat%3A pending instance%3A wrong on purpose\
             ::expected match, got no match%0A{pending}\n\
             {warnings}\
             ::error file=specs/missing-event.yaml,line=6,title=evpat%3A the event file is missing\
             ::cannot read specs/../events/no-such-event.json: No such file or directory (os error 2)\n\
             ::error file=specs/missing-event.yaml,line=9,title=evpat%3A the event has no envelope\
             ::invalid event specs/../events/no-envelope.json:1:1: \
             the event has no `id`, `account`, `time`, `region`\n\
             ::error file=specs/odd-names.json,line=4,\
             title=evpat%3A 50%25 off%2C \"quoted\" <tags> & more%3A%0Asecond line\
             ::expected match, got no match%0A\
             ✗ the event does not match%0A\
             └─ ✗ source: expected \"aws.ec2\", got \"aws.s3\"%0A\
             \x20       at $.source%0A\n\
             8 passed, 5 failed\n"
        )
    );
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
}

#[test]
fn github_annotates_a_spec_that_cannot_be_run() {
    let (code, stdout, _) = spec(&["specs/broken.yaml", "--format", "github"], b"");
    assert_eq!(code, Some(2));
    assert_eq!(
        stdout,
        "::error file=specs/broken.yaml,line=5,title=evpat::evpat: specs/broken.yaml:5:5: \
         unknown key; a case has `name`, `event` and `expect`\n\
         0 passed, 0 failed\n"
    );
}

#[test]
fn junit_is_xml_with_a_suite_per_spec() {
    let (code, stdout, stderr) = spec(
        &[
            "specs/ec2.yaml",
            "specs/missing-event.yaml",
            "specs/broken.yaml",
            "specs/odd-names.json",
            "--format",
            "junit",
        ],
        b"",
    );
    assert_eq!(code, Some(2));
    // The summary and the errors go to stderr, leaving stdout to the XML.
    assert_eq!(stderr.lines().last(), Some("4 passed, 4 failed"), "{stderr}");
    let xml = roxmltree::Document::parse(&stdout).expect("the report is well-formed XML");
    let root = xml.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let attributes = |node: roxmltree::Node<'_, '_>, names: &[&str]| -> Vec<String> {
        names.iter().map(|name| node.attribute(*name).unwrap_or("?").to_owned()).collect()
    };
    assert_eq!(attributes(root, &["tests", "failures", "errors"]), ["8", "2", "3"]);

    let suites: Vec<_> = root.children().filter(|n| n.has_tag_name("testsuite")).collect();
    let summary: Vec<Vec<String>> =
        suites.iter().map(|s| attributes(*s, &["name", "tests", "failures", "errors"])).collect();
    assert_eq!(
        summary,
        [
            ["specs/ec2.yaml", "4", "1", "0"],
            ["specs/missing-event.yaml", "3", "0", "2"],
            ["specs/broken.yaml", "0", "0", "1"],
            ["specs/odd-names.json", "1", "1", "0"],
        ]
    );

    let cases: Vec<(String, String, String, Option<String>)> = suites
        .iter()
        .flat_map(|suite| suite.children().filter(|n| n.has_tag_name("testcase")))
        .map(|case| {
            let outcome = case.children().find(|n| n.is_element()).map(|n| {
                format!("{}: {}", n.tag_name().name(), n.attribute("message").unwrap_or(""))
            });
            let [name, classname, line] =
                attributes(case, &["name", "classname", "line"]).try_into().unwrap();
            (name, classname, line, outcome)
        })
        .collect();
    let case = |name: &str, spec: &str, line: &str, outcome: Option<&str>| {
        (name.to_owned(), spec.to_owned(), line.to_owned(), outcome.map(str::to_owned))
    };
    assert_eq!(
        cases,
        [
            case("stopping instance", "specs/ec2.yaml", "4", None),
            case("running instance", "specs/ec2.yaml", "8", None),
            case("stopped instance, inline", "specs/ec2.yaml", "12", None),
            case(
                "pending instance: wrong on purpose",
                "specs/ec2.yaml",
                "27",
                Some("failure: expected match, got no match")
            ),
            case("stopping instance", "specs/missing-event.yaml", "3", None),
            case(
                "the event file is missing",
                "specs/missing-event.yaml",
                "6",
                Some(
                    "error: cannot read specs/../events/no-such-event.json: \
                     No such file or directory (os error 2)"
                )
            ),
            case(
                "the event has no envelope",
                "specs/missing-event.yaml",
                "9",
                Some(
                    "error: invalid event specs/../events/no-envelope.json:1:1: \
                     the event has no `id`, `account`, `time`, `region`"
                )
            ),
            case(
                "50% off, \"quoted\" <tags> & more:\nsecond line",
                "specs/odd-names.json",
                "4",
                Some("failure: expected match, got no match")
            ),
        ]
    );
    let broken = suites[2].children().find(|n| n.has_tag_name("system-err")).unwrap();
    assert_eq!(
        broken.text(),
        Some("evpat: specs/broken.yaml:5:5: unknown key; a case has `name`, `event` and `expect`")
    );
}

#[test]
fn junit_counts_denied_lints_as_failed_cases() {
    let (code, stdout, _) =
        spec(&["specs/many-instances.yaml", "--format", "junit", "--deny-warnings"], b"");
    assert_eq!(code, Some(1));
    let xml = roxmltree::Document::parse(&stdout).unwrap();
    let names: Vec<&str> = xml
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .filter_map(|n| n.attribute("name"))
        .collect();
    let lints = lints("rules/many-instances.json");
    let mut expected: Vec<String> = lints.iter().map(|(code, ..)| format!("lint {code}")).collect();
    expected.push("instance 1 is stopping".to_owned());
    assert_eq!(names, expected);
    let suite = xml.descendants().find(|n| n.has_tag_name("testsuite")).unwrap();
    assert_eq!(suite.attribute("failures"), Some(lints.len().to_string().as_str()));
}

#[test]
fn inline_patterns_keep_their_number_lexemes() {
    // Read as a double, 9007199254740993 would be ...992 and valid; AWS
    // refuses it, and so must a spec's inline pattern.
    let yaml = b"pattern:\n  detail:\n    n: [{numeric: [\"=\", 9007199254740993]}]\ncases: []\n";
    assert_eq!(
        spec(&["-"], yaml),
        (
            Some(2),
            "0 passed, 0 failed\n".to_owned(),
            "evpat: <stdin>:2: invalid pattern\n\
             inline pattern:1:33: error: Event pattern is not valid. Reason: \
             Cannot compare number 9007199254740993\n \
             --> line 1, column 33, at $.detail.n[0].numeric[1]\n  \
             |\n\
             1 | {\"detail\":{\"n\":[{\"numeric\":[\"=\",9007199254740993]}]}}\n  \
             |                                 ^^^^^^^^^^^^^^^^\n  \
             = hint: use a number a 64-bit double holds exactly, for example with fewer digits\n"
                .to_owned()
        )
    );
    let (code, _, stderr) = spec(&["-"], b"pattern: rules/no-such-rule.json\ncases: []\n");
    assert_eq!(code, Some(2));
    assert_eq!(
        stderr,
        "evpat: <stdin>:1: cannot read rules/no-such-rule.json: No such file or directory (os error 2)\n"
    );
}
