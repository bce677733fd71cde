//! Bounded work on hostile input: nothing may cost more than linear time
//! in the size of its input (times the rule count for a `RuleSet`).
//!
//! These are guards, not benchmarks. Each case runs on its own thread and
//! fails if it does not finish within a deadline about ten times what it
//! takes in a debug build, so that only a hang or a quadratic blow-up
//! trips it. Where the work can be counted (the wildcard matchers'
//! comparisons), the unit tests in `src/ops/wildcard.rs` and
//! `src/ruleset/glob.rs` assert the count itself.

use std::sync::mpsc;
use std::time::Duration;

use evpat::{ErrorKind, Event, Limits, Pattern, RuleSet, explain, lint_with_event};

/// Runs `work` on a thread with WebAssembly's 1 MiB stack, and fails if it
/// panics or takes longer than `seconds`.
fn within(seconds: u64, work: impl FnOnce() + Send + 'static) {
    let (done, finished) = mpsc::channel();
    let worker = std::thread::Builder::new()
        .stack_size(1024 * 1024)
        .spawn(move || {
            work();
            let _ = done.send(());
        })
        .unwrap();
    match finished.recv_timeout(Duration::from_secs(seconds)) {
        Ok(()) => worker.join().unwrap(),
        // The worker panicked: its panic is the failure to report.
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            if let Err(panic) = worker.join() {
                std::panic::resume_unwind(panic);
            }
        }
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!("not finished within {seconds} s: superlinear work or a hang")
        }
    }
}

/// Roomy limits for inputs larger than the defaults allow.
const ROOMY: Limits =
    Limits { max_pattern_chars: 1 << 22, max_event_bytes: 1 << 26, ..Limits::AWS };

/// Everything a pattern and an event go through: the reference matcher,
/// the explanation, the lints and a one-rule `RuleSet`. Returns the
/// reference verdict after checking that the others agree.
fn all_paths(pattern: &Pattern, event_text: &str, limits: &Limits) -> bool {
    let event = Event::parse_with_limits(event_text, limits).unwrap();
    let verdict = pattern.matches(&event);
    assert_eq!(explain(pattern, &event).matched, verdict, "explain agrees");
    lint_with_event(pattern, &event);
    let mut builder = RuleSet::builder();
    builder.limits(*limits).add(0, pattern);
    let set = builder.build();
    assert_eq!(set.matches(event_text).unwrap().len(), usize::from(verdict), "RuleSet agrees");
    verdict
}

#[test]
fn long_runs_of_stars_in_patterns_are_refused_quickly() {
    within(20, || {
        // `a*b*c*…`: thousands of stars, each between two characters.
        let letters = "abcdefghijklmnopqrstuvwxyz";
        let glob: String = letters.chars().cycle().take(20_000).flat_map(|c| [c, '*']).collect();
        let text = format!("{{\"a\": [{{\"wildcard\": \"{glob}\"}}]}}");
        let error = Pattern::parse_with_limits(&text, &ROOMY).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::WildcardTooComplex);
        // Thousands of distinct characters and no star: the complexity
        // search must not try every character against every state set.
        let distinct: String = (0x4E00..0x4E00 + 20_000).filter_map(char::from_u32).collect();
        let text = format!("{{\"a\": [{{\"wildcard\": \"*{distinct}*x\"}}]}}");
        Pattern::parse_with_limits(&text, &ROOMY).unwrap();
    });
}

#[test]
fn globs_against_long_strings_take_linear_time() {
    within(30, || {
        // Globs with the self-overlapping pieces that make naive matching
        // quadratic, and a long piece hidden behind thousands of distinct
        // characters (where the complexity search once gave up early).
        let distinct: String = (0x4E00..0x4E00 + 5_000).filter_map(char::from_u32).collect();
        let hidden = format!("*{distinct}*{}b*", "a".repeat(1000));
        let globs = ["*aaab*", "a*aab*b", "*a*b", "*\\\\*x", "*ab*ab*ab*c", &hidden];
        let mut builder = RuleSet::builder();
        builder.limits(ROOMY);
        let mut patterns = Vec::new();
        for (i, glob) in globs.iter().enumerate() {
            let text = format!("{{\"s\": [{{\"wildcard\": \"{glob}\"}}]}}");
            // Some are refused as too complex, which is fine.
            if let Ok(pattern) = Pattern::parse_with_limits(&text, &ROOMY) {
                builder.add(i, &pattern);
                patterns.push(pattern);
            }
        }
        let set = builder.build();
        // 300,000 `a`s, and 300,000 stars in the event (the unit tests count
        // the comparisons; this guards the whole path).
        for value in ["a".repeat(300_000), "*".repeat(300_000)] {
            let text = format!("{{\"s\": \"{value}\"}}");
            let event = Event::parse_with_limits(&text, &ROOMY).unwrap();
            for pattern in &patterns {
                assert!(!pattern.matches(&event), "{}", pattern.text());
                assert!(!explain(pattern, &event).matched);
            }
            assert!(set.matches(&text).unwrap().is_empty());
        }
    });
}

#[test]
fn ten_thousand_near_identical_sibling_keys() {
    within(20, || {
        let prefix = "k".repeat(50);
        let keys: Vec<String> = (0..10_000).map(|i| format!("{prefix}{i:05}")).collect();
        let event = format!(
            "{{{}}}",
            keys.iter().map(|k| format!("\"{k}\": 1")).collect::<Vec<_>>().join(",")
        );
        let pattern = format!(
            "{{{}}}",
            keys.iter().map(|k| format!("\"{k}\": [1]")).collect::<Vec<_>>().join(",")
        );
        let pattern = Pattern::parse_with_limits(&pattern, &ROOMY).unwrap();
        assert!(all_paths(&pattern, &event, &ROOMY));
        // The same keys inside an array of objects, the first of which
        // lacks the last key: 10,000 values whose array positions must
        // agree, and a first choice that does not.
        let all_but_last = format!(
            "{{{}}}",
            keys[..9_999].iter().map(|k| format!("\"{k}\": 1")).collect::<Vec<_>>().join(",")
        );
        let in_array = format!("{{\"a\": [{all_but_last}, {event}]}}");
        let nested =
            Pattern::parse_with_limits(&format!("{{\"a\": {}}}", pattern.text()), &ROOMY).unwrap();
        assert!(all_paths(&nested, &in_array, &ROOMY));
        // The same key 10,000 times, in the pattern and in the event.
        let same = format!("{{{}}}", vec!["\"k\": [1]"; 10_000].join(","));
        let same = Pattern::parse_with_limits(&same, &ROOMY).unwrap();
        let event = format!("{{{}}}", vec!["\"k\": 1"; 10_000].join(","));
        assert!(all_paths(&same, &event, &ROOMY));
    });
}

#[test]
fn a_million_array_elements() {
    within(30, || {
        let text = format!("{{\"a\": [{}2]}}", "1,".repeat(999_999));
        let event = Event::parse(&text).unwrap();
        let mut builder = RuleSet::builder();
        for (i, pattern) in [
            r#"{"a": [2], "b": [{"exists": false}]}"#,
            r#"{"a": [{"numeric": [">", 5]}]}"#,
            r#"{"a": [{"anything-but": [1, 2]}]}"#,
        ]
        .into_iter()
        .enumerate()
        {
            let pattern = Pattern::parse(pattern).unwrap();
            let verdict = pattern.matches(&event);
            assert_eq!(verdict, i == 0);
            assert_eq!(explain(&pattern, &event).matched, verdict);
            builder.add(i, &pattern);
        }
        assert_eq!(builder.build().matches(&text).unwrap(), vec![&0]);
    });
}

#[test]
fn numbers_with_ten_thousand_digits() {
    within(20, || {
        let zeros = "0".repeat(10_000);
        let huge = format!("1{zeros}");
        let one = format!("1.{zeros}");
        let event = format!("{{\"n\": {one}, \"m\": {huge}, \"s\": \"{huge}\"}}");
        for pattern in [
            format!(r#"{{"n": [{one}]}}"#),
            format!(r#"{{"n": [{{"numeric": ["=", {one}]}}]}}"#),
            format!(r#"{{"n": [{{"numeric": [">", 0, "<=", {one}]}}]}}"#),
            format!(r#"{{"s": ["{huge}"]}}"#),
            format!(r#"{{"s": [{{"prefix": "{huge}"}}]}}"#),
        ] {
            let pattern = Pattern::parse(&pattern).unwrap();
            assert!(all_paths(&pattern, &event, &Limits::default()));
        }
        // Too large for a double: not comparable (an exact value of the
        // same spelling still matches, as event-ruler's string form does).
        let pattern = Pattern::parse(&format!(r#"{{"m": [{huge}]}}"#)).unwrap();
        all_paths(&pattern, &event, &Limits::default());
        let refused = Pattern::parse(&format!(r#"{{"m": [{{"numeric": ["<", {huge}]}}]}}"#));
        assert_eq!(refused.unwrap_err().kind(), ErrorKind::NumberNotComparable);
    });
}

/// Found by this file: an exponent near `i64::MIN` overflowed in the
/// comparability check (a panic in debug builds).
#[test]
fn extreme_exponents_are_not_comparable_and_do_not_panic() {
    within(10, || {
        for lexeme in [
            "1e-9223372036854775808",
            "0.001e-9223372036854775808",
            "1000e9223372036854775807",
            "0.001e9223372036854775807",
            "1e99999999999999999999",
            "-0.0000e-9223372036854775808",
        ] {
            let text = format!(r#"{{"n": [{{"numeric": [">", {lexeme}]}}]}}"#);
            let result = Pattern::parse(&text);
            let event = format!(r#"{{"n": {lexeme}}}"#);
            if let Ok(pattern) = result {
                all_paths(&pattern, &event, &Limits::default());
            }
            let exact = Pattern::parse(&format!(r#"{{"n": [{lexeme}]}}"#)).unwrap();
            all_paths(&exact, &event, &Limits::default());
        }
    });
}

#[test]
fn many_rules_cost_linear_time_to_build_and_match() {
    within(30, || {
        let mut builder = RuleSet::builder();
        for i in 0..10_000 {
            let text = match i % 4 {
                0 => format!(r#"{{"k": ["v{i}"]}}"#),
                1 => {
                    format!(r#"{{"k": [{{"prefix": "v{i}"}}], "n": [{{"numeric": [">", {i}]}}]}}"#)
                }
                2 => format!(r#"{{"k": [{{"wildcard": "*v{i}*"}}]}}"#),
                _ => format!(r#"{{"k": [{{"anything-but": "v{i}"}}]}}"#),
            };
            builder.add(i, &Pattern::parse(&text).unwrap());
        }
        let set = builder.build();
        let event = r#"{"k": "v1", "n": 100000}"#;
        // v1: its exact rule is 0, not 1; every anything-but but none's.
        let matched = set.matches(event).unwrap();
        assert!(matched.len() > 2_000 && matched.len() < 5_000, "{}", matched.len());
    });
}

/// Found by this file: array-consistent matching searched every
/// combination of candidate values, so that two fields that can never
/// share an element, with twenty fields of independent arrays between
/// them in the search order, took 2 · 3²⁰ steps (a hang) on a 1 KB event.
#[test]
fn array_consistency_takes_linear_time() {
    within(10, || {
        let independent = 20;
        let mut pattern = vec![r#""a": {"x": [1], "y": [1]}"#.to_owned()];
        // a.x has 2 candidates, each b_i.x 3 and a.y 4: the search order.
        let mut event =
            vec![r#""a": [{"x": 1}, {"x": 1}, {"y": 1}, {"y": 1}, {"y": 1}, {"y": 1}]"#.to_owned()];
        for i in 0..independent {
            pattern.push(format!(r#""b{i}": {{"x": [1]}}"#));
            event.push(format!(r#""b{i}": [{{"x": 1}}, {{"x": 1}}, {{"x": 1}}]"#));
        }
        let pattern = Pattern::parse(&format!("{{{}}}", pattern.join(", "))).unwrap();
        let text = format!("{{{}}}", event.join(", "));
        assert!(!all_paths(&pattern, &text, &Limits::default()));
        // With an element holding both, it matches.
        let both = text.replacen(r#"{"y": 1}"#, r#"{"x": 1, "y": 1}"#, 1);
        assert!(all_paths(&pattern, &both, &Limits::default()));
    });
}

/// The conflict above once came back with repeated keys, which put each
/// field's values in two arrays of one element; the last key now counts
/// (as in event-ruler), so it is decided level by level.
#[test]
fn array_consistency_with_repeated_keys_takes_linear_time() {
    within(10, || {
        let mut pattern = vec![r#""a": {"x": [1], "y": [1]}"#.to_owned()];
        let mut event = vec![
            r#""a": [{"x": 1, "y": 1}]"#.to_owned(),
            r#""a": [{"x": 1}, {"x": 1}, {"y": 1}, {"y": 1}, {"y": 1}, {"y": 1}]"#.to_owned(),
        ];
        for i in 0..20 {
            pattern.push(format!(r#""b{i}": {{"x": [1]}}"#));
            event.push(format!(r#""b{i}": [{{"x": 2}}, {{"x": 1}}]"#));
            event.push(format!(r#""b{i}": [{{"x": 1}}, {{"x": 1}}, {{"x": 1}}]"#));
        }
        let pattern = Pattern::parse(&format!("{{{}}}", pattern.join(", "))).unwrap();
        let text = format!("{{{}}}", event.join(", "));
        // The first `a` had both in one element, but the second counts.
        assert!(!all_paths(&pattern, &text, &Limits::default()));
    });
}

/// Twenty fields each spelled nested and dotted, all in one group: 4²⁰
/// combinations, which the search would take hours over, are refused at
/// once, alike by both matchers.
#[test]
fn array_consistency_past_its_limit_is_refused_at_once() {
    within(10, || {
        let keys: Vec<String> = (0..20).map(|i| format!("x{i}")).collect();
        let element = format!(
            "{{{}}}",
            keys.iter().map(|k| format!(r#""{k}": 1"#)).collect::<Vec<_>>().join(", ")
        );
        let mut event = vec![format!(r#""a": [{element}, {element}, {element}]"#)];
        event.extend(keys.iter().map(|k| format!(r#""a.{k}": [2]"#)));
        let leaves: Vec<String> = keys.iter().map(|k| format!(r#""{k}": [1, 2]"#)).collect();
        let pattern = Pattern::parse(&format!(r#"{{"a": {{{}}}}}"#, leaves.join(", "))).unwrap();
        let text = format!("{{{}}}", event.join(", "));
        let event = Event::parse(&text).unwrap();
        let error = pattern.try_matches(&event).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::TooManyArrayChoices);
        assert!(
            error.reason().contains("come to 1099511627776 combinations"),
            "{}",
            error.reason()
        );
        assert_eq!(explain(&pattern, &event).root.reason, error.reason());
        let mut builder = RuleSet::builder();
        builder.add(0, &pattern);
        assert_eq!(builder.build().matches(&text).unwrap_err(), error);
    });
}

/// The same conflict where a dotted key beside the nested form puts one
/// field's values in two arrays (the case the level-by-level decision
/// hands to a search): the independent fields are searched apart.
#[test]
fn array_consistency_with_dotted_keys_stays_fast() {
    within(10, || {
        let mut pattern = vec![r#""a": {"x": [1], "y": [1]}"#.to_owned()];
        let mut event = vec![
            r#""a": [{"x": 1}, {"x": 1}, {"y": 1}, {"y": 1}, {"y": 1}, {"y": 1}]"#.to_owned(),
            r#""a.x": [1, 2]"#.to_owned(),
        ];
        for i in 0..20 {
            pattern.push(format!(r#""b{i}": {{"x": [1]}}"#));
            event.push(format!(r#""b{i}": [{{"x": 1}}, {{"x": 1}}, {{"x": 1}}]"#));
        }
        let pattern = Pattern::parse(&format!("{{{}}}", pattern.join(", "))).unwrap();
        let text = format!("{{{}}}", event.join(", "));
        // a.x = 1 from the dotted key's array agrees with any a.y.
        assert!(all_paths(&pattern, &text, &Limits::default()));
        let text = text.replace(r#""a.x": [1, 2]"#, r#""a.x": [2, 3]"#);
        assert!(!all_paths(&pattern, &text, &Limits::default()));
    });
}
