//! `describe-rule`: what `aws events describe-rule` prints (`Name`, `Arn`,
//! `EventPattern` as a JSON string, `ScheduleExpression`, `State`,
//! `Description`, `EventBusName`, `RoleArn`, `ManagedBy`, `CreatedBy`),
//! with the `{"Targets": […]}` of `aws events list-targets-by-rule` merged
//! in or pasted after it; also `aws events list-rules`' `{"Rules": […]}`.
//!
//! Several JSON documents may follow one another, as when two commands'
//! outputs are pasted together: targets belong to the rule before them.

use evpat::json::Node;

use super::common::{
    Ctx, Draft, Fields, finish, json_documents, object, read_json_at, rule_fields, targets,
};
use super::{ImportError, Imported, Source};

/// What describe-rule and list-rules print that says nothing about what
/// the rule matches or where it delivers.
const FIELDS: Fields<'static> =
    Fields { quiet: &["Arn", "ManagedBy", "CreatedBy", "NextToken"], name: "Name" };

pub(super) fn import(text: &str) -> Result<Imported, ImportError> {
    let mut ctx = Ctx::new(text);
    let mut drafts: Vec<Draft> = Vec::new();
    // Targets printed before any rule, for the first rule.
    let mut early_targets: Vec<Node> = Vec::new();
    for span in json_documents(text) {
        let root = read_json_at(text, span)?;
        let members = object(&ctx, &root, "describe-rule output")?;
        let is_rule = members.iter().any(|m| {
            matches!(m.key.as_str(), "Name" | "Arn" | "EventPattern" | "ScheduleExpression")
        });
        if let Some(rules) = root.get("Rules") {
            let Some(items) = rules.items() else {
                return Err(ctx.error(rules.span.start, "Rules must be an array"));
            };
            for item in items {
                let mut draft = Draft::new(item.span.start, "");
                rule_fields(&mut ctx, item, &mut draft, &FIELDS)?;
                drafts.push(draft);
            }
        } else if is_rule {
            let mut draft = Draft::new(root.span.start, "");
            rule_fields(&mut ctx, &root, &mut draft, &FIELDS)?;
            drafts.push(draft);
        } else if let Some(found) = root.get("Targets") {
            match drafts.last_mut() {
                Some(draft) => targets(&mut ctx, found, draft)?,
                None => early_targets.push(found.clone()),
            }
        } else {
            return Err(ctx
                .error(root.span.start, "this is neither describe-rule nor list-targets-by-rule output")
                .with_hint("describe-rule output has a Name, an Arn and an EventPattern or a ScheduleExpression"));
        }
    }
    let Some(first) = drafts.first_mut() else {
        let at = text.len() - text.trim_start().len();
        return Err(ctx
            .error(at, "found no rule: describe-rule output has a Name and an EventPattern or a ScheduleExpression")
            .with_hint("run aws events describe-rule --name NAME and paste its output, then the targets"));
    };
    for found in early_targets {
        targets(&mut ctx, &found, first)?;
    }
    finish(ctx, Source::DescribeRule, drafts)
}
