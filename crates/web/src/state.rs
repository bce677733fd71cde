//! What the user typed and chose: the only state the playground keeps.
//! Everything shown is derived from it (see [`crate::view_model`]).
//!
//! The shape follows Yew's todomvc: one [`State`], changed only by
//! [`Action`]s in [`State::apply`], which is plain Rust and tested natively.

use std::rc::Rc;

use evpat_rule::RuleState;
use evpat_rule::builder::{Condition, Leaf, add_condition};
use evpat_rule::export::Format;
use evpat_workspace::{
    Event as WorkspaceEvent, Rule as WorkspaceRule, Target as WorkspaceTarget, Workspace,
};
use yew::Reducible;

use crate::samples;

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

/// One rule as the user wrote it: text fields are kept as typed, and only
/// [`crate::view_model`] decides whether they are valid.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleDraft {
    /// Stable identity, for keys and selection; never shown.
    pub key: u32,
    /// `Name`.
    pub name: String,
    /// `Description`.
    pub description: String,
    /// `EventBusName`; empty is the default bus.
    pub bus: String,
    /// `State`.
    pub state: RuleState,
    /// The event pattern's text; empty for a schedule-only rule.
    pub pattern: String,
    /// `ScheduleExpression`; empty for none.
    pub schedule: String,
    /// The targets.
    pub targets: Vec<TargetDraft>,
}

/// A target as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetDraft {
    /// `Id`.
    pub id: String,
    /// `Arn`.
    pub arn: String,
    /// Whether the target gets an input transformer.
    pub transform: bool,
    /// `InputPathsMap`, as JSON text.
    pub paths_map: String,
    /// `InputTemplate`.
    pub template: String,
}

impl TargetDraft {
    fn numbered(n: usize) -> TargetDraft {
        TargetDraft {
            id: format!("target-{n}"),
            arn: "arn:aws:sns:us-east-1:123456789012:alerts".to_owned(),
            transform: false,
            paths_map: "{\n  \"source\": \"$.source\",\n  \"kind\": \"$.detail-type\"\n}"
                .to_owned(),
            template: "\"<kind> from <source>\"".to_owned(),
        }
    }
}

impl RuleDraft {
    /// A rule with a pattern and nothing else.
    pub fn with_pattern(key: u32, name: &str, pattern: &str) -> RuleDraft {
        RuleDraft {
            key,
            name: name.to_owned(),
            description: String::new(),
            bus: String::new(),
            state: RuleState::Enabled,
            pattern: pattern.to_owned(),
            schedule: String::new(),
            targets: Vec::new(),
        }
    }
}

/// One event as typed: a full event, a PutEvents entry, or JSON Lines of
/// several events, which the page offers to split.
#[derive(Clone, Debug, PartialEq)]
pub struct EventDraft {
    /// Stable identity, for keys and selection; never shown.
    pub key: u32,
    /// The name the user gave it.
    pub name: String,
    /// The text.
    pub text: String,
}

/// A field of the selected rule, for [`Action::EditRule`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleField {
    /// `Name`.
    Name,
    /// `Description`.
    Description,
    /// `EventBusName`.
    Bus,
    /// `ScheduleExpression`.
    Schedule,
}

/// A field of a target, for [`Action::EditTarget`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TargetField {
    /// `Id`.
    Id,
    /// `Arn`.
    Arn,
    /// `InputPathsMap`.
    PathsMap,
    /// `InputTemplate`.
    Template,
}

/// The user's input.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// The rules, in the order shown; never empty.
    pub rules: Vec<RuleDraft>,
    /// The rule the editor and the rule panel show.
    pub rule: u32,
    /// The events, in the order shown; never empty.
    pub events: Vec<EventDraft>,
    /// The event the editor shows.
    pub event: u32,
    /// The events whose explanation is open in the list, each once: a few
    /// keys, where a set type would bring its tree code into the page.
    pub expanded: Vec<u32>,
    /// The export tab shown.
    pub format: Format,
    /// The event value whose "add to pattern" menu is open: where its
    /// value starts in the selected event's text.
    pub picked: Option<usize>,
    /// The last message an action left: an import's result, a value that
    /// could not be added to the pattern.
    pub notice: Option<Notice>,
    next_key: u32,
}

/// A message about the last action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// Where it shows: `import` or `builder`.
    pub place: &'static str,
    /// Whether it reports a failure.
    pub error: bool,
    /// The lines to show.
    pub lines: Vec<String>,
}

impl Default for State {
    fn default() -> Self {
        State {
            rules: vec![RuleDraft::with_pattern(0, SAMPLE_RULE_NAME, SAMPLE_PATTERN)],
            rule: 0,
            events: vec![EventDraft {
                key: 1,
                name: "CloudTrail: AuthorizeSecurityGroupIngress".to_owned(),
                text: SAMPLE_EVENT.to_owned(),
            }],
            event: 1,
            expanded: Vec::new(),
            format: Format::ApiJson,
            picked: None,
            notice: None,
            next_key: 2,
        }
    }
}

/// Everything the user can do to the state.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The selected rule's pattern text changed.
    EditPattern(String),
    /// The selected event's text changed.
    EditEvent(String),
    /// A text field of the selected rule changed.
    EditRule(RuleField, String),
    /// The selected rule's state changed.
    SetRuleState(RuleState),
    /// Selects the rule with this key.
    SelectRule(u32),
    /// Adds an empty rule and selects it.
    AddRule,
    /// Adds a copy of the selected rule and selects it.
    DuplicateRule,
    /// Removes the selected rule, unless it is the only one.
    RemoveRule,
    /// Adds rules (name, pattern text, whole draft) and selects the first.
    AddRules(Vec<RuleDraft>),
    /// Selects the event with this key.
    SelectEvent(u32),
    /// Adds an empty event and selects it.
    AddEvent,
    /// Adds events (name, text) after the others and selects the first.
    AddEvents(Vec<(String, String)>),
    /// Adds a copy of the event after it and selects the copy.
    DuplicateEvent(u32),
    /// Removes the event, unless it is the only one.
    RemoveEvent(u32),
    /// Moves the event one place up (`-1`) or down (`1`).
    MoveEvent(u32, isize),
    /// Renames the event.
    RenameEvent(u32, String),
    /// Replaces the selected event by these events (JSON Lines split).
    SplitEvent(Vec<String>),
    /// Opens or closes the event's explanation in the list.
    ToggleExpanded(u32, bool),
    /// Selects a rule and an event and opens their explanation.
    Inspect(u32, u32),
    /// Shows this export tab.
    SelectFormat(Format),
    /// Adds a target to the selected rule.
    AddTarget,
    /// Removes the selected rule's target at this position.
    RemoveTarget(usize),
    /// A field of the selected rule's target changed.
    EditTarget(usize, TargetField, String),
    /// Turns the target's input transformer on or off.
    SetTransform(usize, bool),
    /// Opens the "add to pattern" menu for the value starting at this
    /// offset of the selected event, or closes it with `None`.
    Pick(Option<usize>),
    /// Shows a message, or clears it.
    Notify(Option<Notice>),
    /// Adds a value of the selected event to the selected rule's pattern
    /// (the field's keys, the value, how to test it), and closes the menu.
    AddCondition(Vec<String>, Leaf, Condition),
    /// Replaces everything with a loaded workspace (a share link, a file,
    /// the previous work) and shows what happened.
    Load(Workspace, Notice),
}

impl State {
    /// The selected rule.
    pub fn rule(&self) -> &RuleDraft {
        self.rules.iter().find(|r| r.key == self.rule).unwrap_or(&self.rules[0])
    }

    /// The selected event.
    pub fn event(&self) -> &EventDraft {
        self.events.iter().find(|e| e.key == self.event).unwrap_or(&self.events[0])
    }

    fn rule_mut(&mut self) -> &mut RuleDraft {
        let at = self.rules.iter().position(|r| r.key == self.rule).unwrap_or(0);
        &mut self.rules[at]
    }

    fn event_mut(&mut self) -> &mut EventDraft {
        let at = self.events.iter().position(|e| e.key == self.event).unwrap_or(0);
        &mut self.events[at]
    }

    fn key(&mut self) -> u32 {
        self.next_key += 1;
        self.next_key - 1
    }

    fn unique_name(&self, base: &str) -> String {
        let taken = |name: &str| self.rules.iter().any(|r| r.name == name);
        if !taken(base) {
            return base.to_owned();
        }
        (2..).map(|n| format!("{base}-{n}")).find(|name| !taken(name)).unwrap_or_default()
    }

    /// The state after `action`.
    pub fn apply(&self, action: Action) -> State {
        let mut next = self.clone();
        next.act(action);
        next
    }

    fn act(&mut self, action: Action) {
        match action {
            Action::EditPattern(text) => self.rule_mut().pattern = text,
            Action::EditEvent(text) => self.event_mut().text = text,
            Action::EditRule(field, text) => {
                let rule = self.rule_mut();
                match field {
                    RuleField::Name => rule.name = text,
                    RuleField::Description => rule.description = text,
                    RuleField::Bus => rule.bus = text,
                    RuleField::Schedule => rule.schedule = text,
                }
            }
            Action::SetRuleState(state) => self.rule_mut().state = state,
            Action::SelectRule(key) => {
                if self.rules.iter().any(|r| r.key == key) {
                    self.rule = key;
                }
            }
            Action::AddRule => {
                let key = self.key();
                let name = self.unique_name("new-rule");
                self.rules.push(RuleDraft::with_pattern(
                    key,
                    &name,
                    "{\n  \"source\": [\"\"]\n}\n",
                ));
                self.rule = key;
            }
            Action::DuplicateRule => {
                let key = self.key();
                let mut copy = self.rule().clone();
                copy.name = self.unique_name(&copy.name);
                copy.key = key;
                let at = self.rules.iter().position(|r| r.key == self.rule).unwrap_or(0);
                self.rules.insert(at + 1, copy);
                self.rule = key;
            }
            Action::RemoveRule => {
                if self.rules.len() > 1 {
                    let at = self.rules.iter().position(|r| r.key == self.rule).unwrap_or(0);
                    self.rules.remove(at);
                    self.rule = self.rules[at.min(self.rules.len() - 1)].key;
                }
            }
            Action::AddRules(drafts) => {
                let mut first = None;
                for mut draft in drafts {
                    draft.key = self.key();
                    draft.name = self.unique_name(&draft.name);
                    first.get_or_insert(draft.key);
                    self.rules.push(draft);
                }
                if let Some(key) = first {
                    self.rule = key;
                }
            }
            Action::SelectEvent(key) => {
                if self.events.iter().any(|e| e.key == key) {
                    self.event = key;
                    self.picked = None;
                }
            }
            Action::AddEvent => {
                let key = self.key();
                let name = format!("Event {}", self.events.len() + 1);
                self.events.push(EventDraft { key, name, text: "{}".to_owned() });
                self.event = key;
                self.picked = None;
            }
            Action::AddEvents(events) => {
                let mut first = None;
                for (name, text) in events {
                    let key = self.key();
                    first.get_or_insert(key);
                    self.events.push(EventDraft { key, name, text });
                }
                if let Some(key) = first {
                    self.event = key;
                    self.picked = None;
                }
            }
            Action::DuplicateEvent(key) => {
                if let Some(at) = self.events.iter().position(|e| e.key == key) {
                    let new_key = self.key();
                    let mut copy = self.events[at].clone();
                    copy.key = new_key;
                    copy.name = format!("{} (copy)", copy.name);
                    self.events.insert(at + 1, copy);
                    self.event = new_key;
                }
            }
            Action::RemoveEvent(key) => {
                if self.events.len() > 1
                    && let Some(at) = self.events.iter().position(|e| e.key == key)
                {
                    self.events.remove(at);
                    self.expanded.retain(|&k| k != key);
                    if self.event == key {
                        self.event = self.events[at.min(self.events.len() - 1)].key;
                        self.picked = None;
                    }
                }
            }
            Action::MoveEvent(key, by) => {
                if let Some(at) = self.events.iter().position(|e| e.key == key) {
                    let to = at.checked_add_signed(by).filter(|&to| to < self.events.len());
                    if let Some(to) = to {
                        self.events.swap(at, to);
                    }
                }
            }
            Action::RenameEvent(key, name) => {
                if let Some(event) = self.events.iter_mut().find(|e| e.key == key) {
                    event.name = name;
                }
            }
            Action::SplitEvent(lines) => {
                let at = self.events.iter().position(|e| e.key == self.event).unwrap_or(0);
                let base = self.events[at].name.clone();
                let count = lines.len();
                let mut new = Vec::with_capacity(count);
                for (i, text) in lines.into_iter().enumerate() {
                    let key = self.key();
                    new.push(EventDraft {
                        key,
                        name: format!("{base} ({} of {count})", i + 1),
                        text,
                    });
                }
                if let Some(first) = new.first() {
                    self.event = first.key;
                    self.events.splice(at..=at, new);
                    self.picked = None;
                }
            }
            Action::ToggleExpanded(key, open) => {
                self.expanded.retain(|&k| k != key);
                if open {
                    self.expanded.push(key);
                }
            }
            Action::Inspect(rule, event) => {
                self.act(Action::SelectRule(rule));
                self.act(Action::SelectEvent(event));
            }
            Action::SelectFormat(format) => self.format = format,
            Action::AddTarget => {
                let rule = self.rule_mut();
                let n = rule.targets.len() + 1;
                rule.targets.push(TargetDraft::numbered(n));
            }
            Action::RemoveTarget(at) => {
                let rule = self.rule_mut();
                if at < rule.targets.len() {
                    rule.targets.remove(at);
                }
            }
            Action::EditTarget(at, field, text) => {
                if let Some(target) = self.rule_mut().targets.get_mut(at) {
                    match field {
                        TargetField::Id => target.id = text,
                        TargetField::Arn => target.arn = text,
                        TargetField::PathsMap => target.paths_map = text,
                        TargetField::Template => target.template = text,
                    }
                }
            }
            Action::SetTransform(at, on) => {
                if let Some(target) = self.rule_mut().targets.get_mut(at) {
                    target.transform = on;
                }
            }
            Action::Pick(path) => self.picked = path,
            Action::Notify(notice) => self.notice = notice,
            Action::AddCondition(keys, leaf, condition) => {
                match add_condition(&self.rule().pattern, &keys, &leaf, condition) {
                    Ok(pattern) => {
                        self.rule_mut().pattern = pattern;
                        self.picked = None;
                        self.notice = None;
                    }
                    Err(error) => {
                        self.notice = Some(Notice {
                            place: "builder",
                            error: true,
                            lines: vec![format!("Could not add {}: {error}", keys.join("."))],
                        });
                    }
                }
            }
            Action::Load(workspace, notice) => {
                *self = State::from_workspace(workspace);
                self.notice = Some(notice);
            }
        }
    }

    /// The user's work, as the workspace document saves it.
    pub fn to_workspace(&self) -> Workspace {
        let rules = self
            .rules
            .iter()
            .map(|rule| WorkspaceRule {
                name: rule.name.clone(),
                description: rule.description.clone(),
                event_bus_name: rule.bus.clone(),
                state: rule.state.as_str().to_owned(),
                event_pattern: rule.pattern.clone(),
                schedule_expression: rule.schedule.clone(),
                targets: rule
                    .targets
                    .iter()
                    .map(|target| WorkspaceTarget {
                        id: target.id.clone(),
                        arn: target.arn.clone(),
                        transform: target.transform,
                        input_paths_map: target.paths_map.clone(),
                        input_template: target.template.clone(),
                    })
                    .collect(),
            })
            .collect();
        let events = self
            .events
            .iter()
            .map(|event| WorkspaceEvent { name: event.name.clone(), text: event.text.clone() })
            .collect();
        Workspace {
            rules,
            events,
            selected_rule: self.rules.iter().position(|r| r.key == self.rule).unwrap_or(0),
            selected_event: self.events.iter().position(|e| e.key == self.event).unwrap_or(0),
            export_format: self.format.name().to_owned(),
        }
    }

    /// The state a workspace document describes. A rule state or export
    /// format this version does not know falls back to its default; a
    /// workspace without rules or events (which [`Workspace::from_json`]
    /// refuses) gets the page's sample ones, so the state is never empty.
    pub fn from_workspace(workspace: Workspace) -> State {
        let mut state = State::default();
        let mut rules = Vec::with_capacity(workspace.rules.len());
        for rule in workspace.rules {
            let key = state.key();
            rules.push(RuleDraft {
                key,
                name: rule.name,
                description: rule.description,
                bus: rule.event_bus_name,
                state: RuleState::from_name(&rule.state).unwrap_or(RuleState::Enabled),
                pattern: rule.event_pattern,
                schedule: rule.schedule_expression,
                targets: rule
                    .targets
                    .into_iter()
                    .map(|target| TargetDraft {
                        id: target.id,
                        arn: target.arn,
                        transform: target.transform,
                        paths_map: target.input_paths_map,
                        template: target.input_template,
                    })
                    .collect(),
            });
        }
        let mut events = Vec::with_capacity(workspace.events.len());
        for event in workspace.events {
            let key = state.key();
            events.push(EventDraft { key, name: event.name, text: event.text });
        }
        if let Some(rule) = rules.get(workspace.selected_rule).or(rules.first()) {
            state.rule = rule.key;
            state.rules = rules;
        }
        if let Some(event) = events.get(workspace.selected_event).or(events.first()) {
            state.event = event.key;
            state.events = events;
        }
        state.format = Format::from_name(&workspace.export_format).unwrap_or(state.format);
        state
    }

    /// The gallery's sample rules, each pattern a rule of its own: a
    /// sample with several patterns (a Jets method with several
    /// `event_pattern` declarations) becomes several rules.
    pub fn sample_rules(id: &str) -> Vec<RuleDraft> {
        let Some(sample) = samples::rules().iter().find(|r| r.id == id) else {
            return Vec::new();
        };
        let count = sample.patterns.len();
        sample
            .patterns
            .iter()
            .enumerate()
            .map(|(i, pattern)| {
                let name = if count > 1 {
                    format!("{}-{}", sample.name, i + 1)
                } else {
                    sample.name.clone()
                };
                let mut draft = RuleDraft::with_pattern(0, &name, &pattern.text);
                draft.description = sample.description.clone();
                draft
            })
            .collect()
    }
}

impl Reducible for State {
    type Action = Action;

    /// Applies the action, then saves the work at once: before the page
    /// evaluates the new state, so that a failure there loses nothing.
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = self.apply(action);
        if let Some(notice) = crate::persist::autosave(&next) {
            next.notice = Some(notice);
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workspace_holds_everything_the_user_typed() {
        let mut state = State::default();
        state.act(Action::AddRules(State::sample_rules("ec2-instance-stopping")));
        state.act(Action::AddTarget);
        state.act(Action::SetTransform(0, true));
        state.act(Action::EditRule(RuleField::Schedule, "rate(5 minutes)".to_owned()));
        state.act(Action::SetRuleState(RuleState::Disabled));
        state.act(Action::AddEvents(vec![("half".to_owned(), "{\"source\": ".to_owned())]));
        state.act(Action::SelectRule(state.rules[0].key));
        state.act(Action::SelectFormat(Format::Terraform));
        let workspace = state.to_workspace();
        assert_eq!((workspace.selected_rule, workspace.selected_event), (0, 1));
        assert_eq!(workspace.export_format, "terraform");
        assert_eq!(workspace.rules[1].state, "DISABLED");
        assert_eq!(workspace.rules[1].schedule_expression, "rate(5 minutes)");
        assert!(workspace.rules[1].targets[0].transform);
        assert_eq!(workspace.events[1].text, "{\"source\": ");

        let back = State::from_workspace(workspace.clone());
        assert_eq!(back.to_workspace(), workspace);
        assert_eq!(back.rule().name, state.rule().name);
        assert_eq!(back.event().name, "half");
        assert_eq!(back.format, Format::Terraform);
        // Keys are new, and unique across rules and events.
        let mut keys: Vec<u32> =
            back.rules.iter().map(|r| r.key).chain(back.events.iter().map(|e| e.key)).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), back.rules.len() + back.events.len());
    }

    #[test]
    fn unknown_names_fall_back_and_the_state_is_never_empty() {
        let workspace = Workspace {
            rules: vec![WorkspaceRule { state: "PAUSED".to_owned(), ..WorkspaceRule::default() }],
            export_format: "pulumi".to_owned(),
            selected_rule: 9,
            ..Workspace::default()
        };
        let state = State::from_workspace(workspace);
        assert_eq!(state.rules.len(), 1);
        assert_eq!(state.rules[0].state, RuleState::Enabled);
        assert_eq!(state.rule().key, state.rules[0].key);
        assert_eq!(state.format, Format::ApiJson);
        assert_eq!(state.events, State::default().events, "the sample event stands in");
    }

    #[test]
    fn loading_replaces_everything_and_says_so() {
        let mut state = State::default();
        state.act(Action::AddRule);
        let notice = Notice { place: "workspace", error: false, lines: vec!["Opened".to_owned()] };
        let workspace = State::default().to_workspace();
        state.act(Action::Load(workspace.clone(), notice.clone()));
        assert_eq!(state.to_workspace(), workspace);
        assert_eq!(state.notice, Some(notice));
    }

    #[test]
    fn starts_with_the_security_group_example() {
        let state = State::default();
        assert!(state.rule().pattern.contains("\"AuthorizeSecurityGroupIngress\""));
        assert!(state.event().text.contains("\"eventName\": \"AuthorizeSecurityGroupIngress\""));
        assert_eq!(state.rule().name, "detect-security-group-changes");
    }

    #[test]
    fn edits_go_to_the_selected_rule_and_event() {
        let state = State::default().apply(Action::AddRule).apply(Action::EditPattern("{}".into()));
        assert_eq!(state.rules.len(), 2);
        assert_eq!(state.rules[0].pattern, SAMPLE_PATTERN);
        assert_eq!(state.rules[1].pattern, "{}");
        assert_eq!(state.rules[1].name, "new-rule");
        let state = state.apply(Action::AddEvent).apply(Action::EditEvent("[]".into()));
        assert_eq!(state.events[0].text, SAMPLE_EVENT);
        assert_eq!(state.events[1].text, "[]");
    }

    #[test]
    fn events_are_duplicated_moved_and_removed() {
        let start = State::default();
        let first = start.events[0].key;
        let state = start.apply(Action::DuplicateEvent(first));
        assert_eq!(state.events.len(), 2);
        assert_eq!(state.events[1].name, "CloudTrail: AuthorizeSecurityGroupIngress (copy)");
        let copy = state.events[1].key;
        assert_eq!(state.event, copy);
        let state = state.apply(Action::MoveEvent(copy, -1));
        assert_eq!(state.events[0].key, copy);
        let state = state.apply(Action::MoveEvent(copy, -1));
        assert_eq!(state.events[0].key, copy, "the first stays first");
        let state = state.apply(Action::RemoveEvent(copy));
        assert_eq!(state.events.len(), 1);
        assert_eq!(state.event, first);
        let state = state.apply(Action::RemoveEvent(first));
        assert_eq!(state.events.len(), 1, "the last event stays");
    }

    #[test]
    fn splitting_replaces_the_event_in_place() {
        let state = State::default()
            .apply(Action::AddEvent)
            .apply(Action::SplitEvent(vec!["{\"a\":1}".into(), "{\"b\":2}".into()]));
        let names: Vec<&str> = state.events.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            ["CloudTrail: AuthorizeSecurityGroupIngress", "Event 2 (1 of 2)", "Event 2 (2 of 2)"]
        );
        assert_eq!(state.event().text, "{\"a\":1}");
    }

    #[test]
    fn rule_names_stay_unique() {
        let state = State::default().apply(Action::DuplicateRule).apply(Action::DuplicateRule);
        let names: std::collections::BTreeSet<&str> =
            state.rules.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names.len(), 3);
        assert_eq!(state.rules[1].name, "detect-security-group-changes-2");
    }

    #[test]
    fn a_sample_with_two_patterns_is_two_rules() {
        let drafts = State::sample_rules("ec2-activity-jets");
        let names: Vec<&str> = drafts.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["ec2-activity-1", "ec2-activity-2"]);
    }
}
