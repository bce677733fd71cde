//! Exporters: a rule read from the input with `Rule::from_json` (PutRule
//! JSON), written in every `Format`.
//!
//! Asserts only what must hold: no panic or hang in any exporter; every
//! export ends with a newline; and every export an importer reads
//! (`api-json`, `cloudformation-json`, `cloudformation-yaml`, `sam`,
//! `serverless`, `terraform`, `jets`, `scheduler-cloudformation`,
//! `scheduler-terraform`, `sam-schedule-v2`) without warnings imports
//! back, with its source named and by guessing, as the source that reads
//! it, to exactly one rule with the same pattern (compared by canonical
//! text) and the same schedule expression. This is the round trip
//! `crates/rule/tests/import.rs` checks on the rules in `tests/rules`,
//! narrowed to the fields every one of these formats holds. An export with
//! warnings (a key Jets would rewrite, a number a tool would round, a
//! placeholder) is only imported, and may fail: its warnings say that the
//! tool would not deploy the same rule.
#![no_main]

use evpat_rule::Rule;
use evpat_rule::export::{Format, export};
use evpat_rule::import::{Source, import};
use libfuzzer_sys::fuzz_target;

/// The importer that reads a format's exports, if any.
fn source(format: Format) -> Option<Source> {
    Some(match format {
        Format::ApiJson => Source::PutRule,
        Format::CloudFormationJson | Format::CloudFormationYaml => Source::CloudFormation,
        Format::Terraform | Format::SchedulerTerraform => Source::Terraform,
        Format::Sam | Format::SamScheduleV2 => Source::Sam,
        Format::Serverless => Source::Serverless,
        Format::Jets => Source::Jets,
        Format::SchedulerCloudFormation => Source::Scheduler,
        Format::Cli | Format::SdkJs | Format::CdkTs => return None,
    })
}

fn canonical(rule: &Rule) -> Option<String> {
    rule.event_pattern.as_ref().map(|p| p.canonical_text())
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(rule) = Rule::from_json(text) else { return };
    let _ = rule.to_json();
    for format in Format::ALL {
        let Ok(out) = export(&rule, format) else { continue };
        assert!(out.text.ends_with('\n'), "{format}: no final newline");
        let Some(source) = source(format) else { continue };
        if !out.warnings.is_empty() {
            let _ = import(&out.text, Some(source));
            continue;
        }
        for from in [Some(source), None] {
            let imported = import(&out.text, from).unwrap_or_else(|error| {
                panic!(
                    "{format} export does not import back ({from:?}): {} (line {}, column {})\n{}",
                    error.message(),
                    error.line(),
                    error.column(),
                    out.text
                )
            });
            assert_eq!(imported.source, source, "{format}: imported as another source");
            assert_eq!(imported.rules.len(), 1, "{format}: not one rule\n{}", out.text);
            let back = &imported.rules[0];
            assert_eq!(canonical(back), canonical(&rule), "{format}: another pattern\n{}", out.text);
            assert_eq!(
                back.schedule_expression, rule.schedule_expression,
                "{format}: another schedule\n{}",
                out.text
            );
        }
    }
});
