//! The input-safety limits, proven in WebAssembly, where the stack is
//! about 1 MiB and an overflow kills the instance instead of panicking.
//! `cargo xtask test` runs this with `wasm-bindgen-test-runner` in Node.
#![cfg(target_arch = "wasm32")]

use evpat::{ErrorKind, Event, Limits, Pattern, test_event_pattern};
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn a_100000_deep_pattern_is_refused() {
    let unlimited_size = Limits { max_pattern_chars: usize::MAX, ..Limits::default() };
    let arrays = "[".repeat(100_000) + &"]".repeat(100_000);
    let objects = "{\"a\":".repeat(100_000) + "[1]" + &"}".repeat(100_000);
    for deep in [arrays, objects] {
        let error = Pattern::parse_with_limits(&deep, &unlimited_size).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::TooDeep);
        assert_eq!(Pattern::parse(&deep).unwrap_err().kind(), ErrorKind::TooLong);
    }
}

#[wasm_bindgen_test]
fn a_100000_deep_event_is_refused() {
    let arrays = "[".repeat(100_000) + &"]".repeat(100_000);
    let objects = "{\"a\":".repeat(100_000) + "1" + &"}".repeat(100_000);
    for deep in [arrays, objects] {
        assert_eq!(Event::parse(&deep).unwrap_err().kind(), ErrorKind::TooDeep);
        let pattern = r#"{"a": [1]}"#;
        assert_eq!(test_event_pattern(pattern, &deep).unwrap_err().kind(), ErrorKind::TooDeep);
    }
}

#[wasm_bindgen_test]
fn the_deepest_accepted_pattern_and_event_match() {
    let pattern = "{\"a\":".repeat(127) + "[1]" + &"}".repeat(127);
    let pattern = Pattern::parse(&pattern).unwrap();
    let event = "{\"a\":".repeat(127) + "1" + &"}".repeat(127);
    assert!(pattern.matches(&Event::parse(&event).unwrap()));
    let deepest = "{\"a\":".repeat(1000) + "1" + &"}".repeat(1000);
    assert!(!pattern.matches(&Event::parse(&deepest).unwrap()));
}
