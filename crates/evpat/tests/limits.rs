//! Deep and large input gets an error naming the limit, never a crash.
//! Each test runs on a thread with WebAssembly's default 1 MiB stack.

use evpat::{ErrorKind, Event, Limits, Pattern, RuleSet, test_event_pattern};

fn with_wasm_sized_stack(test: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new().stack_size(1024 * 1024).spawn(test).unwrap().join().unwrap();
}

/// `{"a":{"a":…{"a":[1]}…}}` with `objects` objects around one array.
fn nested_pattern(objects: usize) -> String {
    "{\"a\":".repeat(objects) + "[1]" + &"}".repeat(objects)
}

fn nested_event(objects: usize) -> String {
    "{\"a\":".repeat(objects) + "1" + &"}".repeat(objects)
}

#[test]
fn a_100000_deep_pattern_is_refused() {
    with_wasm_sized_stack(|| {
        let unlimited_size = Limits { max_pattern_chars: usize::MAX, ..Limits::default() };
        for deep in ["[".repeat(100_000), nested_pattern(100_000)] {
            // By default the size limit speaks first.
            assert_eq!(Pattern::parse(&deep).unwrap_err().kind(), ErrorKind::TooLong);
            let error = Pattern::parse_with_limits(&deep, &unlimited_size).unwrap_err();
            assert_eq!(error.kind(), ErrorKind::TooDeep);
            assert_eq!(
                error.reason(),
                "Document nesting depth (129) exceeds the maximum allowed (128, from `StreamReadConstraints.getMaxNestingDepth()`)"
            );
        }
    });
}

#[test]
fn a_100000_deep_event_is_refused() {
    with_wasm_sized_stack(|| {
        for (deep, column) in [("[".repeat(100_000), 1001), (nested_event(100_000), 5001)] {
            let error = Event::parse(&deep).unwrap_err();
            assert_eq!(error.kind(), ErrorKind::TooDeep);
            // The 1001st opening bracket.
            assert_eq!(error.column(), column);
        }
    });
}

#[test]
fn the_deepest_accepted_pattern_and_event_work() {
    with_wasm_sized_stack(|| {
        // 127 objects and the leaf array: depth 128.
        let pattern = Pattern::parse(&nested_pattern(127)).unwrap();
        assert_eq!(Pattern::parse(&nested_pattern(128)).unwrap_err().kind(), ErrorKind::TooDeep);
        let event = Event::parse(&nested_event(127)).unwrap();
        assert!(pattern.matches(&event));
        let deepest_event = Event::parse(&nested_event(1000)).unwrap();
        assert!(!pattern.matches(&deepest_event));
        assert_eq!(Event::parse(&nested_event(1001)).unwrap_err().kind(), ErrorKind::TooDeep);
    });
}

#[test]
fn sizes_have_limits() {
    let long = format!("{{\"source\": [\"{}\"]}}", "x".repeat(4080));
    assert_eq!(long.chars().count(), 4096);
    assert!(Pattern::parse_with_limits(&long, &Limits::AWS).is_ok());
    let too_long = long.replacen('x', "xy", 1);
    let error = Pattern::parse_with_limits(&too_long, &Limits::AWS).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::TooLong);
    assert_eq!(
        error.reason(),
        "Event pattern is too long: 4097 characters, more than the 4096 allowed"
    );
    assert!(Pattern::parse(&too_long).is_ok(), "the library's default is roomier");

    let big_event = format!("{{\"detail\": \"{}\"}}", "x".repeat(Limits::AWS.max_event_bytes));
    let error = Event::parse_with_limits(&big_event, &Limits::AWS).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::EventTooLarge);
}

#[test]
fn or_combinations_have_a_limit() {
    let or = |n: usize, key: &str| {
        let branches: Vec<String> = (0..n).map(|i| format!("{{\"{key}{i}\": [1]}}")).collect();
        format!("{{\"$or\": [{}]}}", branches.join(","))
    };
    // Three $or of 10 branches each: 1000 combinations, the limit itself.
    let at_limit =
        format!("{{\"a\": {}, \"b\": {}, \"c\": {}}}", or(10, "x"), or(10, "y"), or(10, "z"));
    assert_eq!(Pattern::parse(&at_limit).unwrap().combinations(), 1000);
    let over =
        format!("{{\"a\": {}, \"b\": {}, \"c\": {}}}", or(11, "x"), or(10, "y"), or(10, "z"));
    let error = Pattern::parse(&over).unwrap_err();
    assert_eq!(error.reason(), "The pattern has 1100 $or combinations, more than the 1000 allowed");
}

#[test]
fn test_event_pattern_applies_aws_limits() {
    let event = r#"{"id": "1", "account": "1", "source": "s", "time": "t", "region": "r", "detail-type": "d"}"#;
    let long = format!("{{\"source\": [\"{}\"]}}", "x".repeat(5000));
    assert_eq!(test_event_pattern(&long, event).unwrap_err().kind(), ErrorKind::TooLong);
}

// One test at and one just past each limit; the error names the limit's
// value in its reason (AWS's text where AWS has one) or its hint.

/// A pattern of exactly `chars` characters.
fn pattern_of(chars: usize) -> String {
    let text = format!("{{\"source\": [\"{}\"]}}", "x".repeat(chars - 16));
    assert_eq!(text.chars().count(), chars);
    text
}

#[test]
fn pattern_size_at_the_aws_limit() {
    assert_eq!(Limits::AWS.max_pattern_chars, 4096);
    assert!(Pattern::parse_with_limits(&pattern_of(4096), &Limits::AWS).is_ok());
}

#[test]
fn pattern_size_past_the_aws_limit() {
    let error = Pattern::parse_with_limits(&pattern_of(4097), &Limits::AWS).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::TooLong);
    assert_eq!(
        error.reason(),
        "Event pattern is too long: 4097 characters, more than the 4096 allowed"
    );
    assert!(error.hint().unwrap().contains("at most 4096 characters (Limits::max_pattern_chars"));
}

#[test]
fn pattern_size_at_the_library_limit() {
    assert_eq!(Limits::default().max_pattern_chars, 65_536);
    assert!(Pattern::parse(&pattern_of(65_536)).is_ok());
}

#[test]
fn pattern_size_past_the_library_limit() {
    let error = Pattern::parse(&pattern_of(65_537)).unwrap_err();
    assert_eq!(
        error.reason(),
        "Event pattern is too long: 65537 characters, more than the 65536 allowed"
    );
    assert!(error.hint().unwrap().contains("at most 65536 characters"));
}

#[test]
fn pattern_size_at_and_past_a_custom_limit() {
    let limits = Limits { max_pattern_chars: 100, ..Limits::default() };
    assert!(Pattern::parse_with_limits(&pattern_of(100), &limits).is_ok());
    let error = Pattern::parse_with_limits(&pattern_of(101), &limits).unwrap_err();
    assert_eq!(
        error.reason(),
        "Event pattern is too long: 101 characters, more than the 100 allowed"
    );
    // Characters, not bytes: 100 characters of two bytes each fit.
    let wide = pattern_of(100).replace('x', "é");
    assert!(Pattern::parse_with_limits(&wide, &limits).is_ok());
}

#[test]
fn pattern_depth_at_the_limit() {
    assert_eq!(Limits::AWS.max_pattern_depth, 128);
    assert_eq!(Limits::default().max_pattern_depth, 128);
    // 127 objects around the leaf array: depth 128.
    assert!(Pattern::parse_with_limits(&nested_pattern(127), &Limits::AWS).is_ok());
    let custom = Limits { max_pattern_depth: 5, ..Limits::default() };
    assert!(Pattern::parse_with_limits(&nested_pattern(4), &custom).is_ok());
}

#[test]
fn pattern_depth_past_the_limit() {
    let error = Pattern::parse_with_limits(&nested_pattern(128), &Limits::AWS).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::TooDeep);
    assert_eq!(
        error.reason(),
        "Document nesting depth (129) exceeds the maximum allowed (128, from `StreamReadConstraints.getMaxNestingDepth()`)"
    );
    assert!(error.hint().unwrap().contains("nest 128 levels deep (Limits::max_pattern_depth)"));
    let custom = Limits { max_pattern_depth: 5, ..Limits::default() };
    let error = Pattern::parse_with_limits(&nested_pattern(5), &custom).unwrap_err();
    assert!(
        error.reason().starts_with("Document nesting depth (6) exceeds the maximum allowed (5,")
    );
}

/// An event of exactly `bytes` bytes.
fn event_of(bytes: usize) -> String {
    let text = format!("{{\"detail\": \"{}\"}}", "x".repeat(bytes - 14));
    assert_eq!(text.len(), bytes);
    text
}

#[test]
fn event_size_at_the_limit() {
    assert_eq!(Limits::AWS.max_event_bytes, 1024 * 1024);
    assert_eq!(Limits::default().max_event_bytes, 16 * 1024 * 1024);
    assert!(Event::parse_with_limits(&event_of(1024 * 1024), &Limits::AWS).is_ok());
    let custom = Limits { max_event_bytes: 50, ..Limits::default() };
    assert!(Event::parse_with_limits(&event_of(50), &custom).is_ok());
}

#[test]
fn event_size_past_the_limit() {
    let error = Event::parse_with_limits(&event_of(1024 * 1024 + 1), &Limits::AWS).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::EventTooLarge);
    assert_eq!(error.reason(), "the event is 1048577 bytes, more than the 1048576 allowed");
    assert!(error.hint().unwrap().contains("at most 1048576 bytes (Limits::max_event_bytes"));
    // The default's limit is checked before anything is read.
    let error = Event::parse(&event_of(16 * 1024 * 1024 + 1)).unwrap_err();
    assert_eq!(error.reason(), "the event is 16777217 bytes, more than the 16777216 allowed");
    // A RuleSet applies its builder's limit.
    let custom = Limits { max_event_bytes: 50, ..Limits::default() };
    let mut builder = RuleSet::builder();
    builder.limits(custom).add(0, &Pattern::parse(r#"{"detail": [{"exists": true}]}"#).unwrap());
    let set = builder.build();
    assert_eq!(set.matches(&event_of(50)).unwrap(), vec![&0]);
    let error = set.matches(&event_of(51)).unwrap_err();
    assert_eq!(error.reason(), "the event is 51 bytes, more than the 50 allowed");
}

#[test]
fn event_depth_at_the_limit() {
    assert_eq!(Limits::AWS.max_event_depth, 1000);
    assert_eq!(Limits::default().max_event_depth, 1000);
    with_wasm_sized_stack(|| {
        // 1000 objects: depth 1000, the value at `a.a.…a` (1000 keys).
        let event = nested_event(1000);
        assert!(Event::parse_with_limits(&event, &Limits::AWS).is_ok());
        let deepest = format!("{{\"{}\": [1]}}", vec!["a"; 1000].join("."));
        let mut builder = RuleSet::builder();
        builder.add(0, &Pattern::parse(&deepest).unwrap());
        assert_eq!(builder.build().matches(&event).unwrap(), vec![&0]);
    });
}

#[test]
fn event_depth_past_the_limit() {
    with_wasm_sized_stack(|| {
        let error = Event::parse_with_limits(&nested_event(1001), &Limits::AWS).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::TooDeep);
        assert_eq!(
            error.reason(),
            "Document nesting depth (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNestingDepth()`)"
        );
        assert!(error.hint().unwrap().contains("nest 1000 levels deep (Limits::max_event_depth)"));
        let mut builder = RuleSet::builder();
        builder.add(0, &Pattern::parse(r#"{"a": [{"exists": true}]}"#).unwrap());
        let error = builder.build().matches(&nested_event(1001)).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::TooDeep);
    });
}

/// Three `$or`s of `x`, `y` and `z` branches: x·y·z combinations.
fn or_pattern(x: usize, y: usize, z: usize) -> String {
    let or = |n: usize, key: &str| {
        let branches: Vec<String> = (0..n).map(|i| format!("{{\"{key}{i}\": [1]}}")).collect();
        format!("{{\"$or\": [{}]}}", branches.join(","))
    };
    format!("{{\"a\": {}, \"b\": {}, \"c\": {}}}", or(x, "x"), or(y, "y"), or(z, "z"))
}

#[test]
fn or_combinations_at_the_limit() {
    assert_eq!(Limits::AWS.max_combinations, 1000);
    assert_eq!(Limits::default().max_combinations, 1000);
    let pattern = Pattern::parse_with_limits(&or_pattern(10, 10, 10), &Limits::AWS).unwrap();
    assert_eq!(pattern.combinations(), 1000);
}

#[test]
fn or_combinations_past_the_limit() {
    // 7 · 11 · 13 = 1001.
    let error = Pattern::parse_with_limits(&or_pattern(7, 11, 13), &Limits::AWS).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::TooManyCombinations);
    assert_eq!(error.reason(), "The pattern has 1001 $or combinations, more than the 1000 allowed");
    assert!(error.hint().unwrap().contains("at most 1000 combinations (Limits::max_combinations)"));
    let custom = Limits { max_combinations: 8, ..Limits::default() };
    assert!(Pattern::parse_with_limits(&or_pattern(2, 2, 2), &custom).is_ok());
    let error = Pattern::parse_with_limits(&or_pattern(3, 3, 2), &custom).unwrap_err();
    assert_eq!(error.reason(), "The pattern has 18 $or combinations, more than the 8 allowed");
}

fn wildcard(glob: &str) -> Result<Pattern, evpat::Error> {
    Pattern::parse(&format!("{{\"a\": [{{\"wildcard\": \"{glob}\"}}]}}"))
}

#[test]
fn wildcard_complexity_at_the_limit() {
    // 10 matcher states active at once: the limit itself.
    assert!(wildcard("*:*:*:*:*").is_ok());
    assert!(wildcard("*aaaaaaaa").is_ok());
}

#[test]
fn wildcard_complexity_past_the_limit() {
    // 11 states active at once.
    for glob in ["*:*:*:*:*:x", "*aaaaaaaaa"] {
        let error = wildcard(glob).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::WildcardTooComplex);
        // AWS's reason, word for word; the hint names the limit.
        assert_eq!(
            error.reason(),
            "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character"
        );
        assert!(
            error.hint().unwrap().ends_with(
                "can keep 11 or more matcher states active at once, over the limit of 10"
            ),
            "{:?}",
            error.hint()
        );
    }
}

/// Five fields `a.x1`…`a.x5`, each spelled both nested (in five elements
/// of `a`) and as a dotted key (`"a.xK": [1, …]`, `dotted[K]` values):
/// each field's values sit in two sibling arrays, so consistency needs
/// the search, over (5 + dotted[0]) · … · (5 + dotted[4]) combinations.
fn aliased(dotted: [usize; 5]) -> (Pattern, String) {
    let fields: Vec<String> = (1..=5).map(|k| format!("\"x{k}\": 1")).collect();
    let element = format!("{{{}}}", fields.join(", "));
    let mut event = vec![format!("\"a\": [{}]", vec![element; 5].join(", "))];
    for (k, n) in dotted.iter().enumerate() {
        event.push(format!("\"a.x{}\": [{}]", k + 1, vec!["1"; *n].join(", ")));
    }
    let leaves: Vec<String> =
        (1..=5).map(|k| format!("\"x{k}\": [{{\"exists\": true}}]")).collect();
    let pattern = Pattern::parse(&format!("{{\"a\": {{{}}}}}", leaves.join(", "))).unwrap();
    (pattern, format!("{{\n{}\n}}", event.join(",\n")))
}

fn rule_set(pattern: &Pattern) -> RuleSet<usize> {
    let mut builder = RuleSet::builder();
    builder.add(0, pattern);
    builder.build()
}

#[test]
fn array_choices_at_the_limit() {
    // 10⁵ combinations: searched, and decided.
    assert_eq!(evpat::MAX_ARRAY_CHOICES, 100_000);
    let (pattern, text) = aliased([5; 5]);
    let event = Event::parse(&text).unwrap();
    assert_eq!(pattern.try_matches(&event), Ok(true));
    assert_eq!(rule_set(&pattern).matches(&text).unwrap(), [&0]);
}

/// The limit applies only to fields spelled both ways: without a dotted
/// key, a group of a million combinations (six fields, ten elements) is
/// decided level by level, with no search and no refusal.
#[test]
fn array_choices_without_dotted_keys_are_always_decided() {
    let fields: Vec<String> = (1..=6).map(|k| format!("\"x{k}\": {k}")).collect();
    let element = format!("{{{}}}", fields.join(", "));
    let text = format!("{{\"a\": [{}]}}", vec![element; 10].join(", "));
    let leaves: Vec<String> =
        (1..=6).map(|k| format!("\"x{k}\": [{{\"exists\": true}}]")).collect();
    let pattern = Pattern::parse(&format!("{{\"a\": {{{}}}}}", leaves.join(", "))).unwrap();
    let event = Event::parse(&text).unwrap();
    assert_eq!(pattern.try_matches(&event), Ok(true));
    assert_eq!(rule_set(&pattern).matches(&text).unwrap(), [&0]);
    // And a miss is decided as well: no element has x6 = 7.
    let miss = Pattern::parse(&pattern.text().replacen(r#"{"exists": true}"#, "7", 6)).unwrap();
    assert_eq!(miss.try_matches(&event), Ok(false));
}

#[test]
fn array_choices_past_the_limit() {
    // 11 · 10⁴ combinations: refused by both matchers alike.
    let (pattern, text) = aliased([5, 5, 5, 5, 6]);
    let event = Event::parse(&text).unwrap();
    let error = pattern.try_matches(&event).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::TooManyArrayChoices);
    assert_eq!(
        error.reason(),
        "cannot decide array consistency at a.x1: the event spells it both with a dotted key and nested, so its values sit in sibling arrays, and the choices between them come to 110000 combinations, more than the 100000 allowed"
    );
    // At the first value of the dotted spelling.
    assert_eq!((error.path(), error.line(), error.column()), ("$[\"a.x1\"][0]", 3, 10));
    assert_eq!(
        error.hint(),
        Some("spell each field one way in the event: nested objects, or dotted keys, not both")
    );
    assert!(!pattern.matches(&event));
    assert_eq!(rule_set(&pattern).matches(&text).unwrap_err(), error);
    // Refused, unless another branch matches outright.
    let either =
        Pattern::parse(&format!("{{\"$or\": [{}, {{\"a.x1\": [1]}}]}}", pattern.text())).unwrap();
    assert_eq!(either.try_matches(&event), Ok(true));
    assert_eq!(rule_set(&either).matches(&text).unwrap(), [&0]);
}

fn rule(i: usize) -> Pattern {
    Pattern::parse(&format!("{{\"n\": [{i}]}}")).unwrap()
}

#[test]
fn rules_in_a_set_at_the_limit() {
    assert_eq!(Limits::AWS.max_rules, 100_000);
    assert_eq!(Limits::default().max_rules, 100_000);
    let mut builder = RuleSet::builder();
    builder.limits(Limits { max_rules: 3, ..Limits::default() });
    for i in 0..3 {
        builder.try_add(i, &rule(i)).unwrap();
    }
    // Replacing a rule at the limit is not adding one.
    builder.try_add(1, &rule(7)).unwrap();
    let set = builder.try_build().unwrap();
    assert_eq!(set.matches(r#"{"n": 7}"#).unwrap(), vec![&1]);
}

#[test]
fn rules_in_a_set_past_the_limit() {
    let mut builder = RuleSet::builder();
    builder.limits(Limits { max_rules: 3, ..Limits::default() });
    for i in 0..3 {
        builder.add(i, &rule(i));
    }
    let refused = builder.try_add(3, &rule(3)).unwrap_err();
    assert_eq!(
        refused.to_string(),
        "rule 4 is over the limit of 3 rules in a RuleSet (Limits::max_rules)"
    );
    assert_eq!((refused.rules(), refused.limit()), (4, 3));
    assert_eq!(builder.len(), 3);
    // `add` leaves it out too, and `try_build` reports it.
    builder.add(3, &rule(3));
    assert_eq!(builder.len(), 3);
    assert_eq!(builder.try_build().unwrap_err(), refused);
    assert_eq!(builder.build().len(), 3);
    // Lowering the limit below the rules held is reported too.
    let mut builder = RuleSet::builder();
    builder.add(0, &rule(0)).add(1, &rule(1));
    builder.limits(Limits { max_rules: 1, ..Limits::default() });
    assert_eq!(
        builder.try_build().unwrap_err().to_string(),
        "rule 2 is over the limit of 1 rules in a RuleSet (Limits::max_rules)"
    );
}

#[test]
fn rules_in_a_set_past_the_default_limit() {
    let pattern = rule(1);
    let mut builder = RuleSet::builder();
    for i in 0..100_000 {
        builder.try_add(i, &pattern).unwrap();
    }
    let refused = builder.try_add(100_000, &pattern).unwrap_err();
    assert_eq!(
        refused.to_string(),
        "rule 100001 is over the limit of 100000 rules in a RuleSet (Limits::max_rules)"
    );
}
