//! CloudFormation and SAM templates, in JSON or YAML: the `cloudformation`,
//! `sam` and `scheduler` kinds. A template is one language whatever it
//! holds, so all three read every rule-making resource in it:
//! `AWS::Events::Rule` (module `cloudformation`), `AWS::Scheduler::Schedule`
//! (`scheduler`) and the rule events of `AWS::Serverless::Function`s
//! (`sam`). Other resources, such as the `AWS::Lambda::Permission` a
//! Lambda target needs, are passed over quietly.
//!
//! The input may also be one resource (`{"Type": "AWS::Events::Rule",
//! "Properties": {…}}`), a few resources without `Resources:` around them,
//! or a rule's properties alone (`EventPattern:` …).
//!
//! Intrinsic functions (`!Ref`, `!GetAtt`, `!Sub`, `Fn::GetAtt`, …) become
//! readable placeholders such as `${MyFunction.Arn}`, with a warning: YAML's
//! short forms are read as the long forms JSON writes.

use evpat::json::{Member, Node, Span, Value};

use super::common::{
    Ctx, Draft, Fields, MAX_DEPTH, finish, read_json, rule_fields, too_deep_message,
};
use super::{ImportError, Imported, Source, cloudformation, sam, scheduler, yaml};

/// The resource types read, and the module that reads each.
const RULE: &str = "AWS::Events::Rule";
const SCHEDULE: &str = "AWS::Scheduler::Schedule";
const FUNCTION: &str = "AWS::Serverless::Function";

pub(super) fn import(text: &str, source: Source) -> Result<Imported, ImportError> {
    let mut ctx = Ctx::new(text);
    ctx.intrinsics = true;
    let (root, yaml_root) = read_template(text)?;
    let drafts = read_resources(&mut ctx, &root, source)?;
    if let Some(yaml_root) = yaml_root {
        yaml11_warnings(&mut ctx, &yaml_root);
    }
    finish(ctx, source, drafts)
}

/// The template as a JSON tree, and the YAML tree it was read from when it
/// is YAML. YAML's short-form intrinsic functions (`!GetAtt A.B`) become
/// their long forms (`{"Fn::GetAtt": "A.B"}`).
pub(super) fn read_template(text: &str) -> Result<(Node, Option<yaml::Node>), ImportError> {
    if text.trim_start().starts_with(['{', '[']) {
        return Ok((read_json(text)?, None));
    }
    let root = yaml::read(text).map_err(|error| yaml_error(text, error))?;
    Ok((from_yaml(text, &root, false, 1)?, Some(root)))
}

pub(super) fn yaml_error(text: &str, error: yaml::YamlError) -> ImportError {
    ImportError::at(text, error.mark.offset, error.message)
        .with_hint("YAML needs consistent indentation, and a space after each colon and dash")
}

/// A YAML subtree as a JSON tree, its spans in the YAML text. Scalars are
/// resolved as [`yaml::to_json`] resolves them; a node with a short-form
/// intrinsic tag becomes the function's long form, `{"Fn::GetAtt":
/// "A.B"}`, as CloudFormation reads it (unless `untagged`, for the
/// function's argument, which is the tagged node itself).
pub(super) fn from_yaml(
    text: &str,
    node: &yaml::Node,
    untagged: bool,
    depth: usize,
) -> Result<Node, ImportError> {
    let span = Span { start: node.start.offset, end: node.end };
    if depth > MAX_DEPTH {
        return Err(ImportError::at(text, span.start, too_deep_message()));
    }
    if !untagged && let Some(tag @ yaml::Tag::Local(_)) = &node.tag {
        let Some(intrinsic) = node.intrinsic() else {
            return Err(ImportError::at(
                text,
                span.start,
                format!("{tag} is not a CloudFormation function"),
            )
            .with_hint("the short forms are !Ref, !GetAtt, !Sub, !Join, !If, !Select, …"));
        };
        let argument = from_yaml(text, node, true, depth + 1)?;
        let member = Member { key: intrinsic.name.to_owned(), key_span: span, value: argument };
        return Ok(Node { value: Value::Object(vec![member]), span });
    }
    let value = match &node.value {
        yaml::Value::Sequence(items) => Value::Array(
            items
                .iter()
                .map(|item| from_yaml(text, item, false, depth + 1))
                .collect::<Result<_, _>>()?,
        ),
        yaml::Value::Mapping(entries) => {
            let mut members = Vec::with_capacity(entries.len());
            for entry in entries {
                members.push(Member {
                    key: entry.key.clone(),
                    key_span: Span { start: entry.key_mark.offset, end: entry.key_end },
                    value: from_yaml(text, &entry.value, false, depth + 1)?,
                });
            }
            Value::Object(members)
        }
        yaml::Value::Scalar(_) => {
            let scalar =
                if untagged { yaml::Node { tag: None, ..node.clone() } } else { node.clone() };
            return yaml::to_json(&scalar)
                .map_err(|error| ImportError::at(text, error.mark.offset, error.message));
        }
    };
    Ok(Node { value, span })
}

/// Warnings for the plain scalars in patterns that YAML 1.1 readers
/// (CloudFormation, PyYAML) read otherwise than YAML 1.2: `yes`, `1e6`.
pub(super) fn yaml11_warnings(ctx: &mut Ctx<'_>, root: &yaml::Node) {
    for (mark, message) in yaml::yaml11_differences(root) {
        if ctx.pattern_spans.iter().any(|span| span.start <= mark.offset && mark.offset < span.end)
        {
            ctx.warn(mark.offset, message);
        }
    }
}

/// Every rule the resources of `root` define.
pub(super) fn read_resources(
    ctx: &mut Ctx<'_>,
    root: &Node,
    source: Source,
) -> Result<Vec<Draft>, ImportError> {
    let Some(members) = root.members() else {
        return Err(ctx
            .error(
                root.span.start,
                format!("a template is a mapping, not {}", root.value.type_name()),
            )
            .with_hint(
                "paste the template from its first line (AWSTemplateFormatVersion or Resources)",
            ));
    };
    let has = |key: &str| members.iter().any(|m| m.key == key);
    // A rule's properties alone.
    if !has("Type")
        && !has("Resources")
        && ["EventPattern", "ScheduleExpression", "Targets"].iter().any(|key| has(key))
    {
        let mut draft = Draft::new(root.span.start, "");
        rule_fields(ctx, root, &mut draft, &Fields { quiet: &[], name: "Name" })?;
        return Ok(vec![draft]);
    }
    let single;
    let resources: &[Member] = if let Some(resources) = root.get("Resources") {
        resources.members().ok_or_else(|| {
            ctx.error(
                resources.span.start,
                "Resources must be a mapping of logical ids to resources",
            )
        })?
    } else if has("Type") {
        single = [Member { key: String::new(), key_span: root.span, value: root.clone() }];
        &single
    } else {
        members
    };
    let mut drafts = Vec::new();
    let mut types = Vec::new();
    for member in resources {
        let id = member.key.as_str();
        let resource = &member.value;
        let Some(kind) = resource.get("Type").and_then(Node::as_str) else { continue };
        types.push(kind.to_owned());
        match kind {
            RULE => drafts.push(cloudformation::rule(ctx, id, member.key_span.start, resource)?),
            SCHEDULE => {
                drafts.push(scheduler::schedule(ctx, id, member.key_span.start, resource)?);
            }
            FUNCTION => drafts.extend(sam::function_events(ctx, id, resource)?),
            _ => {}
        }
    }
    if drafts.is_empty() {
        let found = if types.is_empty() {
            "it has no resources".to_owned()
        } else {
            types.dedup();
            format!("its resources are {}", types.join(", "))
        };
        let (message, hint) = match source {
            Source::Sam => (
                format!(
                    "found no EventBridgeRule, CloudWatchEvent, Schedule or ScheduleV2 event on \
                     an {FUNCTION}; {found}"
                ),
                "add the rule under the function's Events, with Type: EventBridgeRule",
            ),
            Source::Scheduler => (
                format!("found no {SCHEDULE} resource; {found}"),
                "paste the template that defines the schedule",
            ),
            _ => (
                format!("found no {RULE} resource; {found}"),
                "paste the template that defines the rule, or the rule resource itself",
            ),
        };
        let at = root.get("Resources").map_or(root.span.start, |r| r.span.start);
        return Err(ctx.error(at, message).with_hint(hint));
    }
    Ok(drafts)
}

/// The `Properties` of a resource, which a rule-making resource needs.
pub(super) fn properties<'n>(
    ctx: &Ctx<'_>,
    id: &str,
    kind: &str,
    resource: &'n Node,
) -> Result<&'n Node, ImportError> {
    match resource.get("Properties") {
        Some(properties) if matches!(properties.value, Value::Object(_)) => Ok(properties),
        Some(properties) => Err(ctx.error(
            properties.span.start,
            format!("the Properties of {} must be a mapping", named(id, kind)),
        )),
        None => Err(ctx
            .error(resource.span.start, format!("{} has no Properties", named(id, kind)))
            .with_hint("a rule needs an EventPattern or a ScheduleExpression")),
    }
}

/// `Ec2StateRule (AWS::Events::Rule)`, or the type alone for a resource
/// pasted without its logical id.
pub(super) fn named(id: &str, kind: &str) -> String {
    if id.is_empty() { kind.to_owned() } else { format!("{id} ({kind})") }
}
