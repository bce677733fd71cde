//! Property tests: invariants over generated patterns and events.

use evpat::{Event, Pattern, render, test_event_pattern};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

/// Keys that reach every corner of the parser: operator names, `$or`,
/// dotted and empty keys, and plain ones.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-c]{1,2}",
        1 => prop::sample::select(vec![
            "prefix", "suffix", "equals-ignore-case", "anything-but", "numeric", "cidr", "exists",
            "wildcard", "$or", "a.b", "", "EXISTS",
        ])
        .prop_map(str::to_owned),
    ]
}

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i32>().prop_map(|n| json!(n)),
        (-1000i32..1000).prop_map(|n| json!(f64::from(n) / 8.0)),
        "[a-c*\\\\/:.>=< -]{0,6}".prop_map(Value::String),
        prop::sample::select(vec![
            ">",
            ">=",
            "<",
            "<=",
            "=",
            "10.0.0.0/8",
            "::/64",
            "a*b",
            "",
            "é"
        ])
        .prop_map(|s| Value::String(s.to_owned())),
    ]
}

/// Arbitrary JSON, biased towards pattern-like shapes.
fn json_value() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(5, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..5)
                .prop_map(|members| Value::Object(members.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Events: objects of plain keys, nested objects, arrays and scalars.
fn event_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i32>().prop_map(|n| json!(n)),
        (-1000i32..1000).prop_map(|n| json!(f64::from(n) / 4.0)),
        "[a-zA-Z0-9 *:/-]{0,6}".prop_map(Value::String),
    ];
    let tree = leaf.prop_recursive(4, 40, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-d]{1,2}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    });
    prop::collection::btree_map("[a-d]{1,2}", tree, 1..5)
        .prop_map(|m| Value::Object(m.into_iter().collect()))
}

/// A pattern made of the event's own values: some keys of each object,
/// one element of each array. Choosing one element per array keeps the
/// picked values array-consistent.
fn pattern_from(value: &Value, choices: &mut impl Iterator<Item = u8>) -> Option<Value> {
    match value {
        Value::Object(members) => {
            let mut picked = Map::new();
            for (key, child) in members {
                if choices.next().unwrap_or(1) % 2 == 1
                    && let Some(sub) = pattern_from(child, choices)
                {
                    picked.insert(key.clone(), sub);
                }
            }
            if picked.is_empty() {
                let (key, sub) =
                    members.iter().find_map(|(k, v)| Some((k, pattern_from(v, choices)?)))?;
                picked.insert(key.clone(), sub);
            }
            Some(Value::Object(picked))
        }
        Value::Array(items) if items.is_empty() => None,
        Value::Array(items) => {
            let start = usize::from(choices.next().unwrap_or(0)) % items.len();
            (0..items.len()).find_map(|i| pattern_from(&items[(start + i) % items.len()], choices))
        }
        scalar => Some(json!([scalar])),
    }
}

/// Valid patterns, with every kind of filter and `$or`.
fn pattern_value() -> impl Strategy<Value = Value> {
    let text = "[a-z]{1,4}";
    let matcher = prop_oneof![
        scalar(),
        text.prop_map(|s| json!({"prefix": s})),
        text.prop_map(|s| json!({"suffix": {"equals-ignore-case": s}})),
        text.prop_map(|s| json!({"equals-ignore-case": s})),
        text.prop_map(|s| json!({"anything-but": s})),
        prop::collection::vec(any::<i16>(), 1..3).prop_map(|v| json!({"anything-but": v})),
        text.prop_map(|s| json!({"anything-but": {"prefix": s}})),
        prop::collection::vec(text, 1..3).prop_map(|v| json!({"anything-but": {"wildcard": v}})),
        (any::<i16>(), 1i16..100)
            .prop_map(|(a, d)| json!({"numeric": [">=", a, "<", i32::from(a) + i32::from(d)]})),
        any::<i16>().prop_map(|a| json!({"numeric": ["=", a]})),
        (0u8..=255, 0u32..32).prop_map(|(a, bits)| json!({"cidr": format!("{a}.0.0.0/{bits}")})),
        any::<bool>().prop_map(|b| json!({"exists": b})),
        "[a-c]{0,2}\\*[a-c]{0,2}".prop_map(|s| json!({"wildcard": s})),
    ];
    let leaf = prop::collection::vec(matcher, 1..3).prop_map(Value::Array);
    let object = |inner: BoxedStrategy<Value>| {
        prop::collection::btree_map("[a-c]{1,2}", inner, 1..3)
            .prop_map(|m| Value::Object(m.into_iter().collect()))
    };
    leaf.prop_recursive(3, 24, 3, move |inner| {
        prop_oneof![
            3 => object(inner.clone().boxed()),
            1 => prop::collection::vec(object(inner.boxed()), 2..3).prop_map(|branches| json!({"$or": branches})),
        ]
    })
    .prop_filter("patterns are objects", Value::is_object)
}

proptest! {
    #[test]
    fn prop_no_panic_on_arbitrary_json(pattern in json_value(), event in json_value()) {
        let (pattern, event) = (pattern.to_string(), event.to_string());
        let parsed = Pattern::parse(&pattern);
        if let Err(error) = &parsed {
            let _ = render(&pattern, error);
        }
        if let (Ok(pattern), Ok(event)) = (parsed, Event::parse(&event)) {
            let _ = pattern.matches(&event);
        }
        let _ = test_event_pattern(&pattern, &event);
    }

    #[test]
    fn prop_error_spans_are_inside_the_input(text in prop_oneof![
        any::<String>(),
        (json_value(), any::<prop::sample::Index>(), 0usize..4).prop_map(|(value, at, cut)| {
            // Damage valid JSON: drop a few characters somewhere.
            let text = value.to_string();
            let chars: Vec<char> = text.chars().collect();
            let start = at.index(chars.len() + 1);
            chars[..start].iter().chain(chars[(start + cut).min(chars.len())..].iter()).collect()
        }),
    ]) {
        for error in [Pattern::parse(&text).err(), Event::parse(&text).err()].into_iter().flatten() {
            let span = error.span();
            prop_assert!(span.start <= span.end && span.end <= text.len(), "{span:?} in {} bytes", text.len());
            prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            prop_assert!(error.line() >= 1 && error.column() >= 1);
            let _ = render(&text, &error);
        }
    }

    #[test]
    fn prop_a_pattern_of_the_events_own_values_matches_it(
        event in event_value(),
        choices in prop::collection::vec(any::<u8>(), 64),
    ) {
        let pattern = pattern_from(&event, &mut choices.into_iter());
        prop_assume!(pattern.is_some());
        let pattern = pattern.unwrap().to_string();
        let parsed = Pattern::parse(&pattern);
        prop_assert!(parsed.is_ok(), "{pattern}: {parsed:?}");
        prop_assert!(parsed.unwrap().matches(&Event::parse(&event.to_string()).unwrap()), "{pattern} vs {event}");
    }

    #[test]
    fn prop_printing_and_parsing_back_gives_the_same_pattern(pattern in pattern_value()) {
        let text = pattern.to_string();
        let parsed = Pattern::parse(&text);
        prop_assume!(parsed.is_ok());
        let printed = parsed.unwrap().canonical_text();
        let reparsed = Pattern::parse(&printed);
        prop_assert!(reparsed.is_ok(), "{printed}: {reparsed:?}");
        prop_assert_eq!(reparsed.unwrap().canonical_text(), printed);
    }
}

#[test]
fn generated_patterns_are_mostly_valid() {
    // Guards the generator: the round-trip property would pass vacuously
    // if almost every generated pattern were refused.
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = pattern_value();
    let valid = (0..200)
        .filter(|_| {
            Pattern::parse(&strategy.new_tree(&mut runner).unwrap().current().to_string()).is_ok()
        })
        .count();
    assert!(valid >= 150, "only {valid} of 200 generated patterns are valid");
}

/// Every condition in an explanation, with the keys that lead to it.
fn conditions(check: &evpat::Check, out: &mut Vec<(Vec<String>, String, bool)>) {
    if let evpat::CheckSubject::Condition(written) = &check.subject {
        out.push((check.keys.clone(), written.clone(), check.matched));
    }
    for child in &check.children {
        conditions(child, out);
    }
}

/// The pattern `{"k1": {"k2": [condition]}}` for keys `k1.k2`.
fn one_condition_pattern(keys: &[String], condition: &str) -> String {
    let mut text = format!("[{condition}]");
    for key in keys.iter().rev() {
        text = format!("{{{}: {text}}}", serde_json::to_string(key).unwrap());
    }
    text
}

/// Patterns and events that often share keys and values, so that both
/// verdicts come up.
fn pattern_and_event() -> impl Strategy<Value = (String, String)> {
    prop_oneof![
        1 => (pattern_value(), event_value()).prop_map(|(p, e)| (p.to_string(), e.to_string())),
        3 => (event_value(), prop::collection::vec(any::<u8>(), 64), pattern_value(), any::<bool>())
            .prop_filter_map("the event gives a pattern", |(event, choices, extra, add)| {
                let mut pattern = pattern_from(&event, &mut choices.into_iter())?;
                // Sometimes add a generated field, so that some no longer match.
                if let (true, Value::Object(p), Value::Object(x)) = (add, &mut pattern, extra) {
                    p.extend(x.into_iter().take(1));
                }
                Some((pattern.to_string(), event.to_string()))
            }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn prop_explained_verdict_is_the_matchers((pattern, event) in pattern_and_event()) {
        let parsed = Pattern::parse(&pattern);
        prop_assume!(parsed.is_ok());
        let (pattern, event) = (parsed.unwrap(), Event::parse(&event).unwrap());
        prop_assert_eq!(evpat::explain(&pattern, &event).matched, pattern.matches(&event), "{}", pattern.text());
        // The tree's own fold, apart from the matcher, agrees too.
        prop_assert_eq!(evpat::tree_verdict(&pattern, &event), Some(pattern.matches(&event)), "{}", pattern.text());
    }

    #[test]
    fn prop_each_condition_verdict_is_the_matchers_alone((pattern, event) in pattern_and_event()) {
        let parsed = Pattern::parse(&pattern);
        prop_assume!(parsed.is_ok());
        let (pattern, event) = (parsed.unwrap(), Event::parse(&event).unwrap());
        let mut found = Vec::new();
        conditions(&evpat::explain(&pattern, &event).root, &mut found);
        for (keys, condition, matched) in found {
            let alone = one_condition_pattern(&keys, &condition);
            let alone = Pattern::parse(&alone).unwrap_or_else(|e| panic!("{alone}: {e:?}"));
            prop_assert_eq!(alone.matches(&event), matched, "{} in {}", alone.text(), pattern.text());
        }
    }
}

#[test]
fn generated_pairs_give_both_verdicts() {
    // Guards the generator: the properties above would pass vacuously if
    // every pair matched, or none did.
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = pattern_and_event();
    let (mut matched, mut failed) = (0, 0);
    for _ in 0..500 {
        let (pattern, event) = strategy.new_tree(&mut runner).unwrap().current();
        if let (Ok(pattern), Ok(event)) = (Pattern::parse(&pattern), Event::parse(&event)) {
            if pattern.matches(&event) { matched += 1 } else { failed += 1 }
        }
    }
    assert!(matched >= 50 && failed >= 50, "{matched} matched, {failed} failed");
}
