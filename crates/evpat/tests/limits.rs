//! Deep and large input gets an error naming the limit, never a crash.
//! Each test runs on a thread with WebAssembly's default 1 MiB stack.

use evpat::{ErrorKind, Event, Limits, Pattern, test_event_pattern};

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
