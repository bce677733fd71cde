//! [`Pattern`]: the pipeline's front door.

use crate::ast::Object;
use crate::error::{Error, ErrorKind, Subject};
use crate::event::Event;
use crate::ir::Ir;
use crate::json::{self, Span};
use crate::limits::Limits;
use crate::parse::Duplicate;
use crate::{parse, print, validate};

/// A valid event pattern, ready to match events.
#[derive(Clone, Debug, PartialEq)]
pub struct Pattern {
    text: String,
    ast: Object,
    ir: Ir,
    duplicates: Vec<Duplicate>,
}

impl Pattern {
    /// Reads, parses and validates a pattern, with the default [`Limits`].
    ///
    /// # Errors
    ///
    /// The first error in the pattern, with AWS's reason, its span, JSON
    /// path, line, column and a hint.
    pub fn parse(text: &str) -> Result<Pattern, Error> {
        Pattern::parse_with_limits(text, &Limits::default())
    }

    /// As [`Pattern::parse`], within `limits`.
    ///
    /// # Errors
    ///
    /// As [`Pattern::parse`].
    pub fn parse_with_limits(text: &str, limits: &Limits) -> Result<Pattern, Error> {
        let chars = text.chars().count();
        if chars > limits.max_pattern_chars {
            let start =
                text.char_indices().nth(limits.max_pattern_chars).map_or(text.len(), |(i, _)| i);
            return Err(Error::new(
                Subject::Pattern,
                ErrorKind::TooLong,
                format!(
                    "Event pattern is too long: {chars} characters, more than the {} allowed",
                    limits.max_pattern_chars
                ),
                text,
                Span { start, end: text.len() },
                "$",
            )
            .with_hint(format!(
                "shorten the pattern to at most {} characters (Limits::max_pattern_chars; AWS allows 4096)",
                limits.max_pattern_chars
            )));
        }
        let root = json::read(text, limits.max_pattern_depth).map_err(|err| {
            let error = Error::syntax(Subject::Pattern, text, err);
            match error.kind() {
                ErrorKind::TooDeep => error.with_hint(format!(
                    "flatten the nesting, for example with dotted keys such as \"a.b.c\": a pattern may nest {} levels deep (Limits::max_pattern_depth)",
                    limits.max_pattern_depth
                )),
                _ => error,
            }
        })?;
        let (ast, duplicates) = parse::parse(text, &root)?;
        drop(root);
        let ir = validate::validate(text, &ast, limits)?;
        Ok(Pattern { text: text.to_owned(), ast, ir, duplicates })
    }

    /// Whether `event` matches. Any JSON object is an event here, as in
    /// event-ruler and quamina; [`crate::test_event_pattern`] adds AWS's
    /// envelope check.
    ///
    /// An event that [`Pattern::try_matches`] cannot decide counts as no
    /// match. That takes an event spelling one field both with a dotted
    /// key and nested, with arrays on both sides; any event without a dot
    /// in its keys is always decided.
    pub fn matches(&self, event: &Event) -> bool {
        self.ir.matches(event).unwrap_or(false)
    }

    /// Whether `event` matches, as [`Pattern::matches`], or why it cannot
    /// be decided.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::TooManyArrayChoices`](crate::ErrorKind::TooManyArrayChoices)
    /// when the event spells a field both with a dotted key and nested,
    /// and deciding array consistency would take more than
    /// [`crate::MAX_ARRAY_CHOICES`] combinations.
    pub fn try_matches(&self, event: &Event) -> Result<bool, Error> {
        self.ir.matches(event).map_err(|undecided| event.undecided(&undecided))
    }

    /// The text the pattern was parsed from, exactly as given.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The pattern as compact JSON, as it goes into a rule's
    /// `EventPattern` string: every token kept as written.
    pub fn compact_text(&self) -> String {
        json::minify(&self.text)
    }

    /// The pattern as AWS applies it, printed: duplicate keys resolved (the
    /// last wins), whitespace normalized.
    pub fn canonical_text(&self) -> String {
        print::print(&self.ast)
    }

    /// The pattern as written, as a JSON tree with number lexemes kept and
    /// duplicate keys resolved as AWS resolves them: the last value wins,
    /// in the place of the first. Spans refer to [`Pattern::text`]. This is
    /// what exporters write out.
    pub fn json(&self) -> json::Node {
        // The text was read when the pattern was parsed, so it reads again.
        let mut node = json::read(&self.text, usize::MAX)
            .unwrap_or_else(|_| json::Node::new(json::Value::Null));
        node.resolve_duplicates();
        node
    }

    pub(crate) fn ast(&self) -> &Object {
        &self.ast
    }

    pub(crate) fn duplicates(&self) -> &[Duplicate] {
        &self.duplicates
    }

    /// How many branches `$or` expands the pattern into.
    pub fn combinations(&self) -> usize {
        self.ir.branches.len()
    }
}
