//! `AWS::Events::Rule` resources: their `Properties` are PutRule's fields
//! with the same names (`EventPattern` an object, or a string), and
//! `Targets` as PutTargets takes them.

use evpat::json::Node;

use super::ImportError;
use super::common::{Ctx, Draft, Fields, rule_fields};
use super::template::properties;

/// `at` is where the resource is named: its logical id.
pub(super) fn rule(
    ctx: &mut Ctx<'_>,
    id: &str,
    at: usize,
    resource: &Node,
) -> Result<Draft, ImportError> {
    let properties = properties(ctx, id, "AWS::Events::Rule", resource)?;
    let mut draft = Draft::new(at, id);
    rule_fields(ctx, properties, &mut draft, &Fields { quiet: &[], name: "Name" })?;
    Ok(draft)
}
