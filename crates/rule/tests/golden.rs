//! Every exporter's output for every rule in `tests/rules`, against the
//! files in `tests/golden/export/<rule>/`. A format that refuses a rule has
//! `<format>.error.txt` instead; warnings are collected per rule in
//! `warnings.txt`. Run with `EVPAT_BLESS=1` to rewrite them all, or
//! `EVPAT_BLESS=cli,sdk-js` to rewrite those formats' files only.

use std::fs;
use std::path::{Path, PathBuf};

use evpat_rule::Rule;
use evpat_rule::export::{Format, export};

/// The rules, by file stem, read and validated.
pub fn rules() -> Vec<(String, Rule)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules");
    let mut files: Vec<PathBuf> =
        fs::read_dir(&dir).unwrap().map(|entry| entry.unwrap().path()).collect();
    files.sort();
    files
        .into_iter()
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .map(|path| {
            let text = fs::read_to_string(&path).unwrap();
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            let rule = Rule::from_json(&text).unwrap_or_else(|error| panic!("{stem}: {error:?}"));
            (stem, rule)
        })
        .collect()
}

/// The golden directory of one rule.
pub fn golden_dir(stem: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/export").join(stem)
}

/// The golden file of one export, when the format takes the rule.
pub fn golden_file(stem: &str, format: Format) -> PathBuf {
    golden_dir(stem).join(format!("{}.{}", format.name(), format.extension()))
}

/// Whether `EVPAT_BLESS` asks to rewrite the files of `format` (`None`:
/// the per-rule `warnings.txt`, rewritten whenever anything is blessed).
fn blessing(format: Option<Format>) -> bool {
    match std::env::var("EVPAT_BLESS") {
        Err(_) => false,
        Ok(value) if value == "1" => true,
        Ok(value) => format.is_none_or(|f| value.split(',').any(|name| name.trim() == f.name())),
    }
}

fn check(path: &Path, actual: &str, bless: bool, failures: &mut Vec<String>) {
    if bless {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, actual).unwrap();
        return;
    }
    match fs::read_to_string(path) {
        Ok(expected) if expected == actual => {}
        Ok(expected) => failures
            .push(format!("{}\n--- expected\n{expected}\n--- actual\n{actual}", path.display())),
        Err(_) => failures.push(format!("{} is missing\n--- actual\n{actual}", path.display())),
    }
}

#[test]
fn every_format_for_every_rule() {
    let mut failures = Vec::new();
    let rules = rules();
    assert!(rules.len() >= 7, "{} rules", rules.len());
    for (stem, rule) in &rules {
        let mut warnings = String::new();
        for format in Format::ALL {
            let bless = blessing(Some(format));
            let error_path = golden_dir(stem).join(format!("{}.error.txt", format.name()));
            match export(rule, format) {
                Ok(out) => {
                    check(&golden_file(stem, format), &out.text, bless, &mut failures);
                    for warning in &out.warnings {
                        warnings.push_str(&format!("{}: {warning}\n", format.name()));
                    }
                    if error_path.exists() && !bless {
                        failures.push(format!("{} should not exist", error_path.display()));
                    }
                }
                Err(error) => {
                    check(&error_path, &format!("{error}\n"), bless, &mut failures);
                    if golden_file(stem, format).exists() && !bless {
                        failures.push(format!("{stem}/{format} exports nothing now: {error}"));
                    }
                }
            }
        }
        check(&golden_dir(stem).join("warnings.txt"), &warnings, blessing(None), &mut failures);
    }
    assert!(
        failures.is_empty(),
        "{} golden mismatches:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn the_scheduler_formats_take_only_schedules_and_the_rule_formats_only_rule_schedules() {
    for (stem, rule) in rules() {
        for format in Format::ALL {
            let result = export(&rule, format);
            let scheduler_only = rule.schedule_expression_timezone.is_some()
                || rule.schedule_expression.as_deref().is_some_and(|s| s.starts_with("at("));
            let expected =
                if format.is_scheduler() { rule.event_pattern.is_none() } else { !scheduler_only };
            assert_eq!(result.is_ok(), expected, "{stem} as {format}: {result:?}");
        }
    }
}
