//! `put-rule`: PutRule request JSON, the shape [`crate::Rule::from_json`]
//! reads (PutRule's fields, `EventPattern` as a JSON string or an object,
//! an optional `Targets` array as PutTargets takes it), or the `api-json`
//! export's `{"PutRule": {…}, "PutTargets": {…}}`.
//!
//! Unlike `Rule::from_json`, which refuses unknown fields, fields the rule
//! model does not hold (`Tags`) are left out with a warning, and a rule
//! without a `Name` is given one.

use super::common::{Ctx, Draft, Fields, finish, object, read_json, rule_fields, string, targets};
use super::{ImportError, Imported, Source};

const FIELDS: Fields<'static> = Fields { quiet: &[], name: "Name" };

pub(super) fn import(text: &str) -> Result<Imported, ImportError> {
    let mut ctx = Ctx::new(text);
    let root = read_json(text)?;
    object(&ctx, &root, "PutRule request JSON")?;
    let mut draft = Draft::new(root.span.start, "");
    let Some(put_rule) = root.get("PutRule") else {
        rule_fields(&mut ctx, &root, &mut draft, &FIELDS)?;
        return finish(ctx, Source::PutRule, vec![draft]);
    };
    // The api-json export: both requests.
    rule_fields(&mut ctx, put_rule, &mut draft, &FIELDS)?;
    for member in root.members().unwrap_or_default() {
        match member.key.as_str() {
            "PutRule" => {}
            "PutTargets" => {
                let put_targets = &member.value;
                for field in object(&ctx, put_targets, "PutTargets")? {
                    let value = &field.value;
                    match field.key.as_str() {
                        "Targets" => targets(&mut ctx, value, &mut draft)?,
                        "Rule" => {
                            let rule = string(&mut ctx, value, "PutTargets.Rule")?;
                            if !draft.rule.name.is_empty() && rule != draft.rule.name {
                                ctx.warn(
                                    value.span.start,
                                    format!(
                                        "PutTargets.Rule is {rule}, not the rule's name {}; the \
                                         targets were kept with the rule",
                                        draft.rule.name
                                    ),
                                );
                            }
                        }
                        "EventBusName" => {
                            let bus = string(&mut ctx, value, "PutTargets.EventBusName")?;
                            if Some(&bus) != draft.rule.event_bus_name.as_ref() {
                                ctx.warn(
                                    value.span.start,
                                    format!(
                                        "PutTargets.EventBusName is {bus}, not the rule's bus; \
                                         the rule's bus was kept"
                                    ),
                                );
                            }
                        }
                        other => ctx.warn(
                            field.key_span.start,
                            format!(
                                "PutTargets.{other} is not part of the rule model; it was left out"
                            ),
                        ),
                    }
                }
            }
            other => ctx.warn(
                member.key_span.start,
                format!("{other} is neither PutRule nor PutTargets; it was left out"),
            ),
        }
    }
    finish(ctx, Source::PutRule, vec![draft])
}
