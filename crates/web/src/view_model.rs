//! What the page shows, derived from [`State`] by the pure crates. Tested
//! natively, so the components stay free of decisions.

use evpat::{
    Error, Event, Explanation, Limits, Lint, Pattern, Span, explain, lint, lint_with_event,
};
use evpat_rule::Rule;

use crate::state::State;

/// The pattern and the event as parsed, each with its error if any.
#[derive(Debug)]
pub struct Evaluation {
    /// The parsed pattern, or why it is not one.
    pub pattern: Result<Pattern, Error>,
    /// The parsed event, or why it is not one.
    pub event: Result<Event, Error>,
    /// Why the event matches or not, when both parse.
    pub explanation: Option<Explanation>,
    /// The pattern's lints, with those that need the event when it parses.
    pub lints: Vec<Lint>,
}

/// The answer the result area gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The event matches the pattern.
    Match,
    /// The event does not match the pattern.
    NoMatch,
    /// No answer until the named inputs are fixed.
    Blocked {
        /// The pattern has an error.
        pattern: bool,
        /// The event has an error.
        event: bool,
    },
}

impl Verdict {
    /// The words the result area shows.
    pub fn text(self) -> &'static str {
        match self {
            Verdict::Match => "Match",
            Verdict::NoMatch => "No match",
            Verdict::Blocked { pattern: true, event: true } => {
                "Fix the event pattern and the event to see a result"
            }
            Verdict::Blocked { pattern: true, .. } => "Fix the event pattern to see a result",
            Verdict::Blocked { .. } => "Fix the event to see a result",
        }
    }
}

impl Evaluation {
    /// Parses both inputs of `state`, within AWS's limits.
    pub fn of(state: &State) -> Evaluation {
        let pattern = Pattern::parse_with_limits(&state.pattern, &Limits::AWS);
        let event = Event::parse_with_limits(&state.event, &Limits::AWS);
        let (explanation, lints) = match (&pattern, &event) {
            (Ok(pattern), Ok(event)) => {
                (Some(explain(pattern, event)), lint_with_event(pattern, event))
            }
            (Ok(pattern), Err(_)) => (None, lint(pattern)),
            (Err(_), _) => (None, Vec::new()),
        };
        Evaluation { pattern, event, explanation, lints }
    }

    /// Whether the event matches, decided by [`Pattern::matches`].
    pub fn verdict(&self) -> Verdict {
        match (&self.pattern, &self.event) {
            (Ok(pattern), Ok(event)) if pattern.matches(event) => Verdict::Match,
            (Ok(_), Ok(_)) => Verdict::NoMatch,
            (pattern, event) => {
                Verdict::Blocked { pattern: pattern.is_err(), event: event.is_err() }
            }
        }
    }

    /// The PutRule request for the pattern, or why there is none.
    pub fn rule_request(&self, rule_name: &str) -> Result<String, String> {
        let pattern = self.pattern.as_ref().map_err(|_| {
            "The rule needs a valid event pattern: fix the errors above.".to_owned()
        })?;
        let rule = Rule::with_pattern(rule_name, pattern.clone());
        rule.validate().map_err(|error| error.to_string())?;
        Ok(rule.to_json())
    }
}

/// An error as an editor shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// AWS's reason and where it is: `… at line 4, column 5`.
    pub message: String,
    /// The JSON path of the offending value, unless it is the whole text.
    pub path: Option<String>,
    /// How to fix it.
    pub hint: Option<String>,
}

impl Problem {
    /// How the editors show `error`.
    pub fn of(error: &Error) -> Problem {
        Problem {
            message: format!(
                "{} at line {}, column {}",
                error.reason(),
                error.line(),
                error.column()
            ),
            path: (error.path() != "$").then(|| error.path().to_owned()),
            hint: error.hint().map(str::to_owned),
        }
    }
}

/// A byte span of `text` as UTF-16 offsets, which is what a textarea's
/// selection counts.
pub fn utf16_range(text: &str, span: Span) -> (u32, u32) {
    let offset = |byte: usize| {
        let mut byte = byte.min(text.len());
        while !text.is_char_boundary(byte) {
            byte -= 1;
        }
        text[..byte].encode_utf16().count() as u32
    };
    (offset(span.start), offset(span.end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Action;

    fn evaluate(state: &State) -> Evaluation {
        Evaluation::of(state)
    }

    #[test]
    fn the_initial_example_matches() {
        assert_eq!(evaluate(&State::default()).verdict().text(), "Match");
    }

    #[test]
    fn another_api_call_does_not_match() {
        let start = State::default();
        let event = start.event.replace("AuthorizeSecurityGroupIngress", "DescribeInstances");
        let state = start.apply(Action::EditEvent(event));
        assert_eq!(evaluate(&state).verdict().text(), "No match");
    }

    #[test]
    fn broken_inputs_block_the_verdict_and_say_which() {
        let start = State::default();
        let bad_pattern = start.apply(Action::EditPattern("{".into()));
        assert_eq!(
            evaluate(&bad_pattern).verdict().text(),
            "Fix the event pattern to see a result"
        );
        let bad_event = start.apply(Action::EditEvent("nope".into()));
        assert_eq!(evaluate(&bad_event).verdict().text(), "Fix the event to see a result");
        let both = bad_pattern.apply(Action::EditEvent("nope".into()));
        assert_eq!(
            evaluate(&both).verdict().text(),
            "Fix the event pattern and the event to see a result"
        );
    }

    #[test]
    fn the_rule_request_embeds_the_pattern_as_a_string() {
        let state = State::default();
        let json = evaluate(&state).rule_request(&state.rule_name).unwrap();
        assert!(json.starts_with("{\n  \"Name\": \"detect-security-group-changes\",\n"));
        assert!(
            json.contains(
                r#""EventPattern": "{\"detail-type\":[\"AWS API Call via CloudTrail\"],"#
            )
        );
        assert!(json.ends_with("\n  \"State\": \"ENABLED\"\n}"));
    }

    #[test]
    fn no_rule_request_without_a_valid_pattern_or_name() {
        let state = State::default().apply(Action::EditPattern("[]".into()));
        assert_eq!(
            evaluate(&state).rule_request("r"),
            Err("The rule needs a valid event pattern: fix the errors above.".to_owned())
        );
        let state = State::default();
        let error = evaluate(&state).rule_request("no spaces").unwrap_err();
        assert!(error.contains("Member must satisfy regular expression pattern"), "{error}");
    }

    #[test]
    fn spans_become_utf16_offsets() {
        // `é` is 2 bytes and 1 UTF-16 unit; `😀` is 4 bytes and 2 units.
        let text = "é😀ab";
        assert_eq!(utf16_range(text, Span { start: 0, end: 2 }), (0, 1));
        assert_eq!(utf16_range(text, Span { start: 2, end: 6 }), (1, 3));
        assert_eq!(utf16_range(text, Span { start: 6, end: 8 }), (3, 5));
        assert_eq!(utf16_range(text, Span { start: 7, end: 99 }), (4, 5));
    }

    #[test]
    fn the_initial_example_is_explained_and_clean() {
        let evaluation = evaluate(&State::default());
        assert!(evaluation.explanation.as_ref().unwrap().matched);
        assert_eq!(evaluation.lints, Vec::new());
    }

    #[test]
    fn problems_carry_aws_reason_place_and_hint() {
        let state =
            State::default().apply(Action::EditPattern("{\n  \"source\": \"aws.ec2\"\n}".into()));
        let evaluation = evaluate(&state);
        let problem = Problem::of(evaluation.pattern.as_ref().unwrap_err());
        assert_eq!(
            problem,
            Problem {
                message: "\"source\" must be an object or an array at line 2, column 13".into(),
                path: Some("$.source".into()),
                hint: Some("put the value in an array: [\"aws.ec2\"]".into()),
            }
        );
    }

    #[test]
    fn patterns_longer_than_aws_allows_are_refused() {
        let long = format!("{{\"source\": [\"{}\"]}}", "x".repeat(5000));
        let state = State::default().apply(Action::EditPattern(long));
        let error = evaluate(&state).pattern.unwrap_err();
        assert_eq!(
            error.reason(),
            "Event pattern is too long: 5016 characters, more than the 4096 allowed"
        );
    }
}
