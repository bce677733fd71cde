//! The explanation under the verdict: the pattern as nested lists of checks, each
//! with its verdict and reason. A check that failed is a button that
//! selects its part of the pattern and the event value it was compared with.

use evpat::{Check, CheckSubject, Explanation, Outcome, Span};
use yew::prelude::*;

/// Properties of [`ExplanationView`].
#[derive(Properties, PartialEq)]
pub struct ExplanationProps {
    /// What to show.
    pub explanation: Explanation,
    /// Called with the pattern span and, if any, the event span to select.
    pub onselect: Callback<(Span, Option<Span>)>,
}

/// An expandable "Why?" tree.
#[component]
pub fn ExplanationView(props: &ExplanationProps) -> Html {
    let summary = match props.explanation.root.outcome {
        Outcome::Matched => "Why it matches",
        Outcome::Undecided => "Why there is no answer",
        _ => "Why it does not match",
    };
    html! {
        <details class="explanation" open={!props.explanation.matched}>
            <summary>{ summary }</summary>
            <ul class="checks" aria-label="Explanation">
                { view_check(&props.explanation.root, &props.onselect) }
            </ul>
        </details>
    }
}

fn view_check(check: &Check, onselect: &Callback<(Span, Option<Span>)>) -> Html {
    let (mark, class, verdict) = match check.outcome {
        Outcome::Matched => ("✓", "check matched", "matched"),
        Outcome::NotEvaluated => ("·", "check skipped", "not evaluated"),
        Outcome::Undecided => ("?", "check skipped", "undecided"),
        Outcome::Missing => ("✗", "check failed", "missing"),
        Outcome::TypeMismatch => ("✗", "check failed", "type mismatch"),
        Outcome::Failed => ("✗", "check failed", "failed"),
    };
    let children = check.shown_children();
    let selectable = check.outcome != Outcome::Matched
        && check.outcome != Outcome::NotEvaluated
        && !matches!(check.subject, CheckSubject::Pattern | CheckSubject::Branch(_));
    let text = check.headline();
    let line = if selectable {
        let span = check.span;
        let value = check.values.first().map(|v| v.span);
        let onselect = onselect.clone();
        let onclick = Callback::from(move |_| onselect.emit((span, value)));
        html! {
            <button type="button" class="check-select" {onclick}
                title="Select this part of the pattern and the value it was compared with">
                { text }
            </button>
        }
    } else {
        html! { <span>{ text }</span> }
    };
    html! {
        <li class={class}>
            <span class="mark" aria-hidden="true">{ mark }</span>
            // The mark's meaning, for screen readers.
            <span class="visually-hidden">{ format!("{verdict}: ") }</span>
            { line }
            { for check.hints.iter().map(|hint| html! { <p class="check-hint">{ format!("Hint: {hint}") }</p> }) }
            if !children.is_empty() {
                <ul>{ for children.iter().map(|child| view_check(child, onselect)) }</ul>
            }
        </li>
    }
}
