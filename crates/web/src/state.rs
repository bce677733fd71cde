//! What the user typed: the only state the playground keeps. Everything
//! shown is derived from it (see [`crate::view_model`]).

use std::rc::Rc;

use yew::Reducible;

/// The example users know from the Jets docs: a rule that detects
/// security-group changes.
pub const SAMPLE_PATTERN: &str =
    include_str!("../../../web/samples/security-group-changes.pattern.json");

/// A CloudTrail `AuthorizeSecurityGroupIngress` event that the sample
/// pattern matches.
pub const SAMPLE_EVENT: &str =
    include_str!("../../../web/samples/authorize-security-group-ingress.event.json");

/// The rule name the page starts with.
pub const SAMPLE_RULE_NAME: &str = "detect-security-group-changes";

/// The user's input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct State {
    /// The event pattern's text.
    pub pattern: String,
    /// The event's text.
    pub event: String,
    /// The name the rule is given in the exported request.
    pub rule_name: String,
}

impl Default for State {
    fn default() -> Self {
        State {
            pattern: SAMPLE_PATTERN.to_owned(),
            event: SAMPLE_EVENT.to_owned(),
            rule_name: SAMPLE_RULE_NAME.to_owned(),
        }
    }
}

/// Everything the user can do to the state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// The pattern editor's text changed.
    EditPattern(String),
    /// The event editor's text changed.
    EditEvent(String),
    /// The rule name changed.
    EditRuleName(String),
}

impl State {
    /// The state after `action`.
    pub fn apply(&self, action: Action) -> State {
        let mut next = self.clone();
        match action {
            Action::EditPattern(text) => next.pattern = text,
            Action::EditEvent(text) => next.event = text,
            Action::EditRuleName(name) => next.rule_name = name,
        }
        next
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(self.apply(action))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_with_the_security_group_example() {
        let state = State::default();
        assert!(state.pattern.contains("\"AuthorizeSecurityGroupIngress\""));
        assert!(state.event.contains("\"eventName\": \"AuthorizeSecurityGroupIngress\""));
        assert_eq!(state.rule_name, "detect-security-group-changes");
    }

    #[test]
    fn each_action_edits_only_its_field() {
        let start = State::default();
        let edited = start.apply(Action::EditPattern("{}".into()));
        assert_eq!(edited, State { pattern: "{}".into(), ..start.clone() });
        let edited = start.apply(Action::EditEvent("[]".into()));
        assert_eq!(edited, State { event: "[]".into(), ..start.clone() });
        let edited = start.apply(Action::EditRuleName("r".into()));
        assert_eq!(edited, State { rule_name: "r".into(), ..start });
    }
}
