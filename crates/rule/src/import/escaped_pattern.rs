//! `escaped-pattern`: an EventPattern pasted as a JSON string, escaped as
//! it is inside PutRule JSON or a log line (`"{\"source\":[\"aws.ec2\"]}"`),
//! or shell-quoted (`'{"source":["aws.ec2"]}'`), or a bare pattern object.
//! The rule gets the default name, with a warning.

use evpat::Pattern;
use evpat::json::Span;

use super::common::{
    Ctx, Draft, Literal, finish, pattern_from_node, pattern_from_string, read_json,
};
use super::{ImportError, Imported, Source};

pub(super) fn import(text: &str) -> Result<Imported, ImportError> {
    let mut ctx = Ctx::new(text);
    let trimmed = text.trim();
    let start = text.len() - text.trim_start().len();
    let mut draft = Draft::new(start, "");
    let pattern = if trimmed.starts_with('"') {
        let root = read_json(text)?;
        let Some(inner) = root.as_str() else {
            return Err(ctx.error(start, "an escaped pattern is one JSON string"));
        };
        let span = Span { start: root.span.start, end: root.span.end };
        pattern_from_string(&ctx, inner, Literal::Json(span))?
    } else if let Some(inner) = trimmed
        .strip_prefix('\'')
        .and_then(|rest| rest.strip_suffix('\''))
        .filter(|_| trimmed.len() > 1)
    {
        // Shell-quoted: the text between the quotes is the pattern as
        // written, one byte after the opening quote.
        parse_at(&ctx, inner, start + 1)?
    } else {
        match evpat::json::read(text, super::common::MAX_DEPTH) {
            Ok(root) => pattern_from_node(&mut ctx, &root)?,
            // Broken JSON gets AWS's words for a broken pattern.
            Err(_) => parse_at(&ctx, text, 0)?,
        }
    };
    draft.rule.event_pattern = Some(pattern);
    draft.place("$.EventPattern", start);
    finish(ctx, Source::EscapedPattern, vec![draft])
}

/// Parses pattern text that starts at byte `offset` of the input.
fn parse_at(ctx: &Ctx<'_>, pattern: &str, offset: usize) -> Result<Pattern, ImportError> {
    Pattern::parse(pattern).and_then(|p| Pattern::parse(&p.compact_text())).map_err(|error| {
        ctx.error(offset + error.span().start, error.to_string()).with_optional_hint(error.hint())
    })
}
