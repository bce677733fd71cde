//! `RuleSet`: the same answers as the reference matcher, rule by rule, and
//! the same errors as the reference reader, event by event.
//!
//! The differential property runs 100,000 cases in the normal test run
//! and 2,000,000 with `EVPAT_LONG=1` (or any count with
//! `EVPAT_RULESET_CASES=N`).

use evpat::{ErrorKind, Event, Limits, Pattern, RuleSet};

fn rule_set(patterns: &[&str]) -> RuleSet<usize> {
    let mut builder = RuleSet::builder();
    for (i, text) in patterns.iter().enumerate() {
        builder.add(i, &Pattern::parse(text).unwrap());
    }
    builder.build()
}

fn ids(set: &RuleSet<usize>, event: &str) -> Vec<usize> {
    set.matches(event).unwrap().into_iter().copied().collect()
}

#[test]
fn returns_every_matching_id_in_rule_order() {
    let set = rule_set(&[
        r#"{"source": ["aws.ec2"]}"#,
        r#"{"detail": {"state": [{"anything-but": "running"}]}}"#,
        r#"{"source": [{"prefix": "aws."}], "detail": {"size": [{"numeric": [">", 10]}]}}"#,
        r#"{"$or": [{"source": ["nope"]}, {"detail.state": ["stopped"]}]}"#,
        r#"{"detail": {"missing": [{"exists": false}]}}"#,
    ]);
    assert_eq!(
        ids(&set, r#"{"source": "aws.ec2", "detail": {"state": "stopped", "size": 11}}"#),
        vec![0, 1, 2, 3, 4]
    );
    assert_eq!(ids(&set, r#"{"source": "aws.s3", "detail": {"state": "running"}}"#), vec![4]);
    assert_eq!(ids(&set, r#"{"detail": {"missing": null}}"#), Vec::<usize>::new());
    assert_eq!(ids(&set, "{}"), vec![4]);
}

#[test]
fn arrays_of_objects_are_matched_element_by_element() {
    let set = rule_set(&[
        r#"{"items": {"name": ["a"], "size": [1]}}"#,
        r#"{"items": {"name": ["a"]}, "tags": ["x"]}"#,
    ]);
    let consistent =
        r#"{"items": [{"name": "a", "size": 1}, {"name": "b", "size": 2}], "tags": ["y", "x"]}"#;
    let mixed = r#"{"items": [{"name": "a", "size": 2}, {"name": "b", "size": 1}]}"#;
    assert_eq!(ids(&set, consistent), vec![0, 1]);
    assert_eq!(ids(&set, mixed), Vec::<usize>::new());
}

#[test]
fn dotted_keys_and_nesting_are_one_field() {
    let set = rule_set(&[r#"{"a.b": ["x"]}"#, r#"{"a": {"b.c": [1]}}"#]);
    assert_eq!(ids(&set, r#"{"a": {"b": "x"}}"#), vec![0]);
    assert_eq!(ids(&set, r#"{"a.b": "x", "a.b.c": 1}"#), vec![0, 1]);
    assert_eq!(ids(&set, r#"{"a": {"b": {"c": 1}}}"#), vec![1]);
}

#[test]
fn escapes_in_keys_and_values_are_decoded() {
    let set = rule_set(&[r#"{"k\"y": ["\u00e9t\u00e9"]}"#, r#"{"ky": [{"prefix": "a"}]}"#]);
    assert_eq!(ids(&set, r#"{"k\u0022y": "\u00e9t\u00E9", "\u006by": "a\nb"}"#), vec![0, 1]);
}

#[test]
fn builder_adds_replaces_and_removes_by_id() {
    let pattern = |text: &str| Pattern::parse(text).unwrap();
    let mut builder = RuleSet::builder();
    builder.add("a", &pattern(r#"{"x": [1]}"#));
    builder.add("b", &pattern(r#"{"x": [2]}"#));
    builder.add("c", &pattern(r#"{"x": [{"numeric": [">", 0]}]}"#));
    builder.add("a", &pattern(r#"{"x": [2]}"#));
    assert!(builder.remove(&"b"));
    assert!(!builder.remove(&"b"));
    let set = builder.build();
    assert_eq!(set.ids(), &["a", "c"]);
    assert_eq!(set.matches(r#"{"x": 2}"#).unwrap(), vec![&"a", &"c"]);
    assert_eq!(set.matches(r#"{"x": 1}"#).unwrap(), vec![&"c"]);
    let mut builder = set.to_builder();
    builder.remove(&"c");
    builder.add("d", &pattern(r#"{"y": [true]}"#));
    let set = builder.build();
    assert_eq!((set.len(), set.matches(r#"{"x": 2, "y": true}"#).unwrap()), (2, vec![&"a", &"d"]));
    assert!(RuleSet::<u8>::builder().build().matches("{}").unwrap().is_empty());
}

#[test]
fn bad_events_get_the_readers_error_even_past_the_fields_rules_need() {
    let set = rule_set(&[r#"{"a": [1]}"#]);
    for bad in [r#"{"a": 1, "b": [1, 2,]}"#, r#"{"a": 1} x"#, "[1]", "", r#"{"a": 1, "b": 01}"#] {
        let got = set.matches(bad).unwrap_err();
        let want = Event::parse(bad).unwrap_err();
        assert_eq!(
            (got.kind(), got.reason(), got.span()),
            (want.kind(), want.reason(), want.span())
        );
    }
    let error = set.matches("[1]").unwrap_err();
    assert_eq!(error.kind(), ErrorKind::EventNotObject);
}

#[test]
fn the_builders_limits_apply() {
    let mut builder = RuleSet::builder();
    builder.add(0, &Pattern::parse(r#"{"a": [1]}"#).unwrap());
    builder.limits(Limits { max_event_depth: 2, max_event_bytes: 30, ..Limits::default() });
    let set = builder.build();
    assert_eq!(set.matches(r#"{"a": 1, "b": [0]}"#).unwrap(), vec![&0]);
    assert_eq!(set.matches(r#"{"a": 1, "b": [[0]]}"#).unwrap_err().kind(), ErrorKind::TooDeep);
    assert_eq!(
        set.matches(r#"{"a": 1, "b": "0123456789012345678"}"#).unwrap_err().kind(),
        ErrorKind::EventTooLarge
    );
}

#[test]
fn a_deep_event_is_refused_without_overflowing_the_stack() {
    let set = rule_set(&[r#"{"a": [1]}"#]);
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            for deep in ["[".repeat(100_000), "{\"a\":".repeat(100_000)] {
                assert_eq!(set.matches(&deep).unwrap_err().kind(), ErrorKind::TooDeep);
            }
        })
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn a_rule_set_is_shared_between_threads() {
    fn shared<T: Send + Sync>(_: &T) {}
    let set = rule_set(&[r#"{"a": [1]}"#]);
    shared(&set);
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| assert_eq!(ids(&set, r#"{"a": 1}"#), vec![0]));
        }
    });
}

#[test]
fn matching_a_read_event_gives_the_same_ids() {
    let set = rule_set(&[r#"{"a": {"b": [{"suffix": "z"}]}}"#, r#"{"c": [{"exists": true}]}"#]);
    let event = Event::parse(r#"{"a": [{"b": "yz"}], "c": [null]}"#).unwrap();
    assert_eq!(set.matches_event(&event), vec![&0, &1]);
}

#[cfg(not(target_arch = "wasm32"))]
mod differential {
    //! Random rule sets and events, decoded from a byte string that
    //! proptest generates and shrinks. Decoding plain bytes keeps a case
    //! cheap in a debug build, where proptest's own combinators would take
    //! most of the time; shrinking bytes towards zero still gives small
    //! cases, as zero always decodes to the simplest choice.

    use std::time::Instant;

    use evpat::{Event, Limits, Pattern, RuleSet};
    use proptest::prelude::*;
    use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRunner};
    use serde_json::{Value, json};

    const KEYS: &[&str] = &["a", "b", "c", "a.b", "b.c", ""];
    const STRINGS: &[&str] = &[
        "x",
        "X",
        "xy",
        "Xy",
        "xY",
        "ab",
        "a",
        "",
        "é",
        "É",
        "10.0.0.5",
        "10.1.2.3",
        "2001:db8::1",
        "x*y",
        "a.b",
        "yx",
        "ÉTÉ",
        "été",
        "a\\b",
        "q\"",
    ];
    const TEXTS: &[&str] = &["x", "X", "xy", "a", "Y", "é", "É", "y", "ab", "b"];
    const NUMBERS: &[f64] = &[-1.0, 0.0, 1.0, 1.5, 2.0, 300.0, -0.5, 1000.0];
    const GLOBS: &[&str] = &["x*", "*y", "x*y", "*", "a*b*", "*x*", "É*", "x\\*y", "xy"];

    /// Choices read from bytes; past the end every choice is 0.
    struct Bytes<'a> {
        bytes: &'a [u8],
        at: usize,
    }

    impl Bytes<'_> {
        fn byte(&mut self) -> u8 {
            let byte = self.bytes.get(self.at).copied().unwrap_or(0);
            self.at += 1;
            byte
        }

        fn below(&mut self, n: usize) -> usize {
            usize::from(self.byte()) % n
        }

        fn pick<'t, T: ?Sized>(&mut self, items: &[&'t T]) -> &'t T {
            items[self.below(items.len())]
        }

        fn string(&mut self) -> String {
            if self.byte() % 5 == 4 {
                let len = self.below(4);
                (0..len).map(|_| ['a', 'b', 'x', 'y', 'X', 'Y', '*', '.'][self.below(8)]).collect()
            } else {
                self.pick(STRINGS).to_owned()
            }
        }

        fn number(&mut self) -> Value {
            let n = NUMBERS[self.below(NUMBERS.len())];
            if n.fract() == 0.0 { json!(n as i64) } else { json!(n) }
        }

        /// One element of a leaf array: every operator and operand shape.
        fn matcher(&mut self) -> Value {
            let text = |b: &mut Self| b.pick(TEXTS).to_owned();
            let glob = |b: &mut Self| b.pick(GLOBS).to_owned();
            let strings = |b: &mut Self| {
                let n = 1 + b.below(2);
                (0..n).map(|_| json!(b.string())).collect::<Vec<_>>()
            };
            match self.below(24) {
                0..=3 => json!(self.string()),
                4 | 5 => self.number(),
                6 => [json!(true), json!(false), Value::Null][self.below(3)].clone(),
                7 => json!({"prefix": text(self)}),
                8 => json!({"prefix": {"equals-ignore-case": text(self)}}),
                9 => json!({"suffix": text(self)}),
                10 => json!({"suffix": {"equals-ignore-case": text(self)}}),
                11 => json!({"equals-ignore-case": self.string()}),
                12 => json!({"wildcard": glob(self)}),
                13 => json!({"anything-but": self.string()}),
                14 => json!({"anything-but": strings(self)}),
                15 => json!({"anything-but": [self.number(), self.number()]}),
                16 => json!({"anything-but": {"prefix": text(self)}}),
                17 => json!({"anything-but": {"suffix": text(self)}}),
                18 => json!({"anything-but": {"equals-ignore-case": strings(self)}}),
                19 => json!({"anything-but": {"wildcard": glob(self)}}),
                20 => {
                    let op = ["<", "<=", "=", ">=", ">"][self.below(5)];
                    json!({"numeric": [op, self.number()]})
                }
                21 => {
                    let (low, high) = ([">", ">="][self.below(2)], ["<", "<="][self.below(2)]);
                    json!({"numeric": [low, self.number(), high, self.number()]})
                }
                22 => {
                    let block = ["10.0.0.0/8", "10.1.0.0/16", "2001:db8::/32"][self.below(3)];
                    json!({"cidr": block})
                }
                _ => json!({"exists": self.byte().is_multiple_of(2)}),
            }
        }

        fn pattern_object(&mut self, depth: usize) -> Value {
            let mut object = serde_json::Map::new();
            for _ in 0..1 + self.below(3) {
                let value = match self.below(8) {
                    0 | 1 if depth > 0 => self.pattern_object(depth - 1),
                    2 if depth > 0 => {
                        let branches: Vec<Value> = (0..2 + self.below(2))
                            .map(|_| self.pattern_object(depth - 1))
                            .collect();
                        object.insert("$or".to_owned(), Value::Array(branches));
                        continue;
                    }
                    _ => Value::Array((0..1 + self.below(3)).map(|_| self.matcher()).collect()),
                };
                object.insert(self.pick(KEYS).to_owned(), value);
            }
            Value::Object(object)
        }

        /// JSON text for a string, sometimes with `\u` escapes.
        fn quoted(&mut self, s: &str) -> String {
            let escapes = if self.byte() % 4 == 3 { self.byte() } else { 0 };
            let mut out = String::from('"');
            for (i, c) in s.chars().enumerate() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    c if (escapes >> (i % 8)) & 1 == 1 => {
                        let mut units = [0u16; 2];
                        for unit in c.encode_utf16(&mut units) {
                            out.push_str(&format!("\\u{unit:04X}"));
                        }
                    }
                    c => out.push(c),
                }
            }
            out.push('"');
            out
        }

        /// A number in one of the spellings of its value.
        fn lexeme(&mut self) -> String {
            let n = NUMBERS[self.below(NUMBERS.len())];
            match self.below(7) {
                1 if n.fract() == 0.0 => format!("{n}.0"),
                2 => format!("{n:e}"),
                3 => format!("{n:E}").replace('E', "E+").replace("E+-", "E-"),
                4 if n == 0.0 => "-0".to_owned(),
                5 => "1e400".to_owned(),
                _ => format!("{n}"),
            }
        }

        fn space(&mut self) -> &'static str {
            ["", "", " ", "\n", " \t"][self.below(5)]
        }

        /// Event text: objects (keys may repeat), arrays, nesting.
        fn event_value(&mut self, depth: usize) -> String {
            match self.below(10) {
                0..=2 if depth > 0 => self.event_object(depth - 1),
                3 | 4 if depth > 0 => {
                    let sp = self.space();
                    let items: Vec<String> =
                        (0..self.below(4)).map(|_| self.event_value(depth - 1)).collect();
                    format!("[{sp}{}{sp}]", items.join(&format!("{sp},")))
                }
                0..=5 => {
                    let s = self.string();
                    self.quoted(&s)
                }
                6 | 7 => self.lexeme(),
                _ => ["true", "false", "null"][self.below(3)].to_owned(),
            }
        }

        fn event_object(&mut self, depth: usize) -> String {
            let sp = self.space();
            let members: Vec<String> = (0..self.below(5))
                .map(|_| {
                    let key = self.pick(KEYS);
                    let key = self.quoted(key);
                    format!("{key}{sp}:{sp}{}", self.event_value(depth))
                })
                .collect();
            format!("{sp}{{{sp}{}{sp}}}{sp}", members.join(&format!(",{sp}")))
        }

        /// An event, sometimes damaged, sometimes not an object.
        fn event(&mut self) -> String {
            match self.below(16) {
                0 => self.event_value(3),
                1..=3 => {
                    let text = self.event_object(3);
                    let damage = [
                        "}", "]", ",", "\"", "\\", "0", "-", "e", ".", " ", "x", "\u{1}", "{", ":",
                        "",
                    ];
                    let insert = damage[self.below(damage.len())];
                    let mut cut = (usize::from(self.byte()) * 256 + usize::from(self.byte()))
                        % (text.len() + 1);
                    while !text.is_char_boundary(cut) {
                        cut -= 1;
                    }
                    let skip = self.below(2);
                    format!(
                        "{}{insert}{}",
                        &text[..cut],
                        text[cut..].chars().skip(skip).collect::<String>()
                    )
                }
                _ => self.event_object(3),
            }
        }

        fn limits(&mut self) -> Limits {
            match self.below(10) {
                0 => Limits { max_event_depth: 1 + self.below(4), ..Limits::default() },
                1 => Limits { max_event_bytes: 10 + self.below(50), ..Limits::default() },
                _ => Limits::default(),
            }
        }

        /// A matcher that accepts `value`.
        fn accepting(&mut self, value: &Value) -> Value {
            let c = self.byte();
            match value {
                Value::String(s) if !s.is_empty() => {
                    let chars: Vec<char> = s.chars().collect();
                    let head: String = chars.iter().take(1 + usize::from(c) % 2).collect();
                    let tail: String = chars.iter().skip(chars.len().saturating_sub(2)).collect();
                    let plain: String =
                        chars.iter().take_while(|c| !matches!(c, '*' | '\\')).collect();
                    match c % 9 {
                        1 => json!({"prefix": head}),
                        2 => json!({"suffix": tail}),
                        3 => json!({"equals-ignore-case": s.to_uppercase()}),
                        4 => json!({"wildcard": format!("{plain}*")}),
                        5 => json!({"anything-but": ["zz", "q"]}),
                        6 => json!({"exists": true}),
                        7 => json!({"prefix": {"equals-ignore-case": head.to_uppercase()}}),
                        8 => json!({"suffix": {"equals-ignore-case": tail.to_lowercase()}}),
                        _ => json!(s),
                    }
                }
                Value::Number(n) => {
                    let x = n.as_f64().unwrap_or(0.0);
                    match c % 6 {
                        1 => json!({"numeric": ["=", n]}),
                        2 => json!({"numeric": [">=", n]}),
                        3 => json!({"numeric": [">", x - 1.0, "<=", n]}),
                        4 => json!({"anything-but": [x + 1.0]}),
                        5 => json!({"exists": true}),
                        _ => json!(n),
                    }
                }
                _ if c % 2 == 1 => json!({"exists": true}),
                other => other.clone(),
            }
        }

        /// A pattern made of the event's own values, so that it often
        /// matches: some keys of each object, one element of each array.
        fn pattern_from(&mut self, value: &Value) -> Option<Value> {
            match value {
                Value::Object(members) => {
                    let mut picked = serde_json::Map::new();
                    for (key, child) in members {
                        if !self.byte().is_multiple_of(3)
                            && let Some(sub) = self.pattern_from(child)
                        {
                            picked.insert(key.clone(), sub);
                        }
                    }
                    (!picked.is_empty()).then_some(Value::Object(picked))
                }
                Value::Array(items) if items.is_empty() => None,
                Value::Array(items) => {
                    let start = self.below(items.len());
                    (0..items.len())
                        .find_map(|i| self.pattern_from(&items[(start + i) % items.len()]))
                }
                scalar => Some(json!([self.accepting(scalar)])),
            }
        }
    }

    /// A case: rule patterns (random ones, and a few made from the event
    /// so that some match), an event, and limits.
    fn case(bytes: &[u8]) -> (Vec<String>, String, Limits) {
        let mut b = Bytes { bytes, at: 0 };
        let event = b.event();
        let limits = b.limits();
        let mut patterns: Vec<Value> = (0..b.below(4)).map(|_| b.pattern_object(2)).collect();
        if let Ok(value) = serde_json::from_str::<Value>(&event) {
            for _ in 0..1 + b.below(3) {
                let Some(mut derived) = b.pattern_from(&value) else { continue };
                // Sometimes a random field too, so that it may no longer match.
                if b.byte().is_multiple_of(4)
                    && let (Value::Object(extra), Value::Object(d)) =
                        (b.pattern_object(1), &mut derived)
                {
                    d.extend(extra.into_iter().take(1));
                }
                patterns.push(derived);
            }
        }
        (patterns.iter().map(Value::to_string).collect(), event, limits)
    }

    fn cases() -> u32 {
        if let Some(n) = std::env::var("EVPAT_RULESET_CASES").ok().and_then(|n| n.parse().ok()) {
            return n;
        }
        if std::env::var("EVPAT_LONG").is_ok_and(|v| v == "1") { 2_000_000 } else { 100_000 }
    }

    /// The rule set's ids are the rules the reference matches, or both
    /// refuse the event with the same error.
    fn check(patterns: &[String], event: &str, limits: Limits) -> Result<(), TestCaseError> {
        let patterns: Vec<Pattern> =
            patterns.iter().filter_map(|p| Pattern::parse(p).ok()).collect();
        let texts: Vec<&str> = patterns.iter().map(Pattern::text).collect();
        let mut builder = RuleSet::builder();
        builder.limits(limits);
        for (i, pattern) in patterns.iter().enumerate() {
            builder.add(i, pattern);
        }
        let set = builder.build();
        let got = set.matches(event);
        match Event::parse_with_limits(event, &limits) {
            Ok(parsed) => {
                let want: Vec<usize> =
                    (0..patterns.len()).filter(|&i| patterns[i].matches(&parsed)).collect();
                let got: Vec<usize> = match got {
                    Ok(ids) => ids.into_iter().copied().collect(),
                    Err(e) => {
                        return Err(TestCaseError::fail(format!(
                            "{e:?} for {event} with {texts:?}"
                        )));
                    }
                };
                prop_assert_eq!(&got, &want, "event {} patterns {:?}", event, texts);
                let read: Vec<usize> = set.matches_event(&parsed).into_iter().copied().collect();
                prop_assert_eq!(&read, &want, "read event {} patterns {:?}", event, texts);
            }
            Err(want) => {
                let Err(got) = got else {
                    return Err(TestCaseError::fail(format!(
                        "accepted {event:?}: {}",
                        want.reason()
                    )));
                };
                prop_assert_eq!(
                    (got.kind(), got.reason(), got.span()),
                    (want.kind(), want.reason(), want.span()),
                    "{:?}",
                    event
                );
            }
        }
        Ok(())
    }

    #[test]
    fn prop_rule_set_agrees_with_the_reference_matcher() {
        let cases = cases();
        let started = Instant::now();
        // XorShift: in a debug build the default ChaCha generator costs
        // more than a case.
        let config = Config { cases, rng_algorithm: RngAlgorithm::XorShift, ..Config::default() };
        let result =
            TestRunner::new(config).run(&prop::collection::vec(any::<u8>(), 0..400), |bytes| {
                let (patterns, event, limits) = case(&bytes);
                check(&patterns, &event, limits)
            });
        if let Err(error) = result {
            panic!("{error}");
        }
        eprintln!("ruleset differential: {cases} cases in {:.1?}", started.elapsed());
    }

    #[test]
    fn the_generator_covers_matches_misses_and_errors() {
        // Guards the generator: the property would pass vacuously if every
        // rule matched, none did, or every event were broken.
        use proptest::strategy::ValueTree;
        let mut runner = TestRunner::deterministic();
        let strategy = prop::collection::vec(any::<u8>(), 400);
        let (mut valid, mut matched, mut missed, mut bad) = (0, 0, 0, 0);
        let mut operators = std::collections::BTreeSet::new();
        for _ in 0..1000 {
            let (patterns, event, _) = case(&strategy.new_tree(&mut runner).unwrap().current());
            let patterns: Vec<Pattern> =
                patterns.iter().filter_map(|p| Pattern::parse(p).ok()).collect();
            for p in &patterns {
                for op in [
                    "prefix",
                    "suffix",
                    "equals-ignore-case",
                    "anything-but",
                    "numeric",
                    "cidr",
                    "exists",
                    "wildcard",
                    "$or",
                ] {
                    if p.text().contains(&format!("\"{op}\"")) {
                        operators.insert(op);
                    }
                }
            }
            valid += patterns.len();
            match Event::parse(&event) {
                Ok(event) => {
                    for pattern in &patterns {
                        if pattern.matches(&event) { matched += 1 } else { missed += 1 }
                    }
                }
                Err(_) => bad += 1,
            }
        }
        assert_eq!(operators.len(), 9, "{operators:?}");
        assert!(valid >= 2000, "{valid} valid patterns");
        assert!(matched >= 500 && missed >= 500, "{matched} matched, {missed} missed");
        assert!((100..400).contains(&bad), "{bad} bad events");
    }
}
