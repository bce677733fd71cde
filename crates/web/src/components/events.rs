//! The list of events: each with its name, its verdict for the selected
//! rule, its explanation on demand, and buttons to select, duplicate,
//! move and remove it.

use web_sys::{HtmlDetailsElement, HtmlInputElement};
use yew::prelude::*;

use crate::components::Shared;
use crate::components::explanation::ExplanationView;
use crate::state::{Action, EventDraft};
use crate::view_model::{Evaluation, Verdict};

/// Properties of [`EventList`].
#[derive(Properties, PartialEq)]
pub struct EventListProps {
    /// The events.
    pub events: Vec<EventDraft>,
    /// The selected event's key.
    pub selected: u32,
    /// Each event's verdict for the selected rule.
    pub verdicts: Vec<Option<bool>>,
    /// "3 of 5 events match".
    pub summary: AttrValue,
    /// The events whose explanation is open, with it.
    pub explanations: Shared<Vec<(u32, Evaluation)>>,
    /// Sends actions.
    pub dispatch: Callback<Action>,
}

/// The "Events" section's list.
#[component]
pub fn EventList(props: &EventListProps) -> Html {
    let count = props.events.len();
    let dispatch = &props.dispatch;
    html! {
        <div class="event-list">
            <p class="summary" id="events-summary" role="status">{ props.summary.clone() }</p>
            <ol aria-label="Events">
                { for props.events.iter().enumerate().map(|(i, event)| {
                    let key = event.key;
                    let name = if event.name.trim().is_empty() { format!("Event {}", i + 1) } else { event.name.clone() };
                    let verdict = props.verdicts.get(i).copied().flatten();
                    let verdict_class = match verdict {
                        Some(true) => "badge match",
                        Some(false) => "badge no-match",
                        None => "badge blocked",
                    };
                    let act = |action: Action| {
                        let dispatch = dispatch.clone();
                        Callback::from(move |_: MouseEvent| dispatch.emit(action.clone()))
                    };
                    let onrename = {
                        let dispatch = dispatch.clone();
                        Callback::from(move |e: InputEvent| {
                            dispatch.emit(Action::RenameEvent(key, e.target_unchecked_into::<HtmlInputElement>().value()));
                        })
                    };
                    let ontoggle = {
                        let dispatch = dispatch.clone();
                        Callback::from(move |e: Event| {
                            let open = e.target_unchecked_into::<HtmlDetailsElement>().open();
                            dispatch.emit(Action::ToggleExpanded(key, open));
                        })
                    };
                    let explanation = props.explanations.iter().find(|(k, _)| *k == key).map(|(_, e)| e);
                    let selected = key == props.selected;
                    html! {
                        <li key={key} class={classes!("event-row", selected.then_some("selected"))}>
                            <div class="event-line">
                                <button type="button" class="select" aria-pressed={selected.to_string()}
                                    aria-label={format!("Edit {name}")} onclick={act(Action::SelectEvent(key))}>
                                    { "✎" }
                                </button>
                                <input type="text" class="event-name" value={event.name.clone()} oninput={onrename}
                                    aria-label={format!("Name of event {}", i + 1)} spellcheck="false" />
                                <span class={verdict_class}>{ Verdict::of_cell(verdict) }</span>
                                <span class="row-buttons">
                                    <button type="button" aria-label={format!("Move {name} up")} disabled={i == 0}
                                        onclick={act(Action::MoveEvent(key, -1))}>{ "↑" }</button>
                                    <button type="button" aria-label={format!("Move {name} down")} disabled={i + 1 == count}
                                        onclick={act(Action::MoveEvent(key, 1))}>{ "↓" }</button>
                                    <button type="button" aria-label={format!("Duplicate {name}")}
                                        onclick={act(Action::DuplicateEvent(key))}>{ "Duplicate" }</button>
                                    <button type="button" aria-label={format!("Remove {name}")} disabled={count == 1}
                                        onclick={act(Action::RemoveEvent(key))}>{ "Remove" }</button>
                                </span>
                            </div>
                            <details class="event-why" {ontoggle} open={explanation.is_some()}>
                                <summary aria-label={format!("Why: {name}")}>{ "Why?" }</summary>
                                {
                                    match explanation {
                                        Some(evaluation) => match &evaluation.explanation {
                                            Some(explanation) => html! {
                                                <ExplanationView explanation={explanation.clone()}
                                                    onselect={{
                                                        let dispatch = dispatch.clone();
                                                        Callback::from(move |_| dispatch.emit(Action::SelectEvent(key)))
                                                    }} />
                                            },
                                            None => html! {
                                                <p class="muted">{ evaluation.verdict().text() }</p>
                                            },
                                        },
                                        None => html! {},
                                    }
                                }
                            </details>
                        </li>
                    }
                }) }
            </ol>
            <button type="button" onclick={{
                let dispatch = dispatch.clone();
                Callback::from(move |_| dispatch.emit(Action::AddEvent))
            }}>{ "Add event" }</button>
        </div>
    }
}
