//! Importers on arbitrary text: every `Source` named, and the guessing
//! path.
//!
//! Asserts only what must hold: no panic, stack overflow or hang; an
//! import or an error, where an error's line and column are 1-based and
//! within the input, and every rule imported passes `Rule::validate` (as
//! `import` promises) and writes out as JSON; guessing imports as the
//! source `Source::guess` names.
#![no_main]

use evpat_rule::import::{Source, import};
use libfuzzer_sys::fuzz_target;

fn check(text: &str, from: Option<Source>) {
    match import(text, from) {
        Ok(imported) => {
            if let Some(source) = from {
                assert_eq!(imported.source, source);
            }
            for rule in &imported.rules {
                if let Err(error) = rule.validate() {
                    panic!("{from:?} imported a rule that does not validate: {error}");
                }
                let _ = rule.to_json();
            }
        }
        Err(error) => {
            let _ = (error.message(), error.hint(), error.to_string());
            let lines = text.split('\n').count();
            assert!(
                (1..=lines).contains(&error.line()),
                "{from:?}: line {} of {lines}: {}",
                error.line(),
                error.message()
            );
            assert!(error.column() >= 1, "{from:?}: column 0: {}", error.message());
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for source in Source::ALL {
        check(text, Some(source));
    }
    let guessed = Source::guess(text);
    check(text, None);
    if let Ok(imported) = import(text, None) {
        assert_eq!(Some(imported.source), guessed, "guessed one source, imported as another");
    }
});
