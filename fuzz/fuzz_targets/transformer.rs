//! Input transformers: the input is split at NUL bytes into an
//! `InputTransformer` as JSON and an event. When the first piece is not a
//! transformer's JSON, it is the template itself, and a third piece, if
//! any, holds `name=path` lines for `InputPathsMap`.
//!
//! Asserts only what must hold: no panic or hang in
//! `transformer::render`, `validate`, `lint` and `lint_with_event`; render
//! fails exactly when `validate` fails or the event is not a JSON object;
//! and a rendered output is delivered exactly when it has no reason not to
//! be.
#![no_main]

use evpat_rule::transformer::{
    InputTransformer, ReservedValues, TARGET_ID, TransformerErrorKind, lint, lint_with_event,
    render, validate,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut pieces = text.splitn(3, '\0');
    let first = pieces.next().unwrap_or_default();
    let event = pieces.next().unwrap_or("{}");
    let transformer = match serde_json::from_str::<InputTransformer>(first) {
        Ok(transformer) => transformer,
        Err(_) => InputTransformer {
            input_paths_map: pieces
                .next()
                .unwrap_or_default()
                .lines()
                .filter_map(|line| line.split_once('='))
                .map(|(name, path)| (name.to_owned(), path.to_owned()))
                .collect(),
            input_template: first.to_owned(),
        },
    };
    let reserved = ReservedValues {
        rule_arn: "arn:aws:events:us-east-1:123456789012:rule/r".to_owned(),
        rule_name: "r".to_owned(),
        ingestion_time: "2025-01-01T00:00:00Z".to_owned(),
    };
    let valid = validate(&transformer, TARGET_ID);
    let _ = lint(&transformer);
    let _ = lint_with_event(&transformer, event);
    match render(&transformer, event, &reserved) {
        Ok(rendered) => {
            assert!(valid.is_ok(), "render accepted a transformer validate refuses");
            assert_eq!(rendered.delivered, rendered.reason.is_none(), "delivered xor a reason");
        }
        Err(error) => {
            let _ = (error.code(), error.message(), error.to_string());
            if error.kind() != TransformerErrorKind::InvalidEvent {
                assert!(valid.is_err(), "render refused a transformer validate accepts: {error}");
            }
        }
    }
});
