//! Rules × events: every verdict at once. Each cell links to the
//! explanation of its rule and event.

use yew::prelude::*;

use crate::components::{Shared, milliseconds};
use crate::state::{Action, EventDraft, RuleDraft};
use crate::view_model::{Matrix, Verdict};

/// Properties of [`MatrixView`].
#[derive(Properties, PartialEq)]
pub struct MatrixProps {
    /// The rules, one a row.
    pub rules: Vec<RuleDraft>,
    /// The events, one a column.
    pub events: Vec<EventDraft>,
    /// The verdicts.
    pub matrix: Shared<Matrix>,
    /// The selected rule and event.
    pub selected: (u32, u32),
    /// How long the last evaluation took, in milliseconds.
    pub elapsed_ms: f64,
    /// Sends actions.
    pub dispatch: Callback<Action>,
}

/// The matrix table.
#[component]
pub fn MatrixView(props: &MatrixProps) -> Html {
    let name_of = |i: usize, name: &str| {
        if name.trim().is_empty() { format!("Event {}", i + 1) } else { name.to_owned() }
    };
    let cells = &props.matrix.cells;
    let matches: usize = cells.iter().flatten().filter(|c| **c == Some(true)).count();
    html! {
        <section class="matrix" aria-labelledby="matrix-heading"
            data-eval-ms={milliseconds(props.elapsed_ms, 3)}>
            <h2 id="matrix-heading">{ "Rules × events" }</h2>
            <p class="muted" id="matrix-caption">
                { format!(
                    "{} rules × {} events, {matches} matches; evaluated in {} ms. Select a cell for its explanation.",
                    props.rules.len(), props.events.len(), milliseconds(props.elapsed_ms, 2)
                ) }
            </p>
            <div class="table-scroll">
                <table aria-describedby="matrix-caption">
                    <thead>
                        <tr>
                            <th scope="col">{ "Rule" }</th>
                            { for props.events.iter().enumerate().map(|(i, e)| html! {
                                <th scope="col" title={name_of(i, &e.name)}>
                                    <span class="col-name">{ name_of(i, &e.name) }</span>
                                </th>
                            }) }
                        </tr>
                    </thead>
                    <tbody>
                        { for props.rules.iter().enumerate().map(|(r, rule)| {
                            let row = cells.get(r);
                            html! {
                                <tr key={rule.key} class={classes!((rule.key == props.selected.0).then_some("selected"))}>
                                    <th scope="row">{ rule.name.clone() }</th>
                                    { for props.events.iter().enumerate().map(|(e, event)| {
                                        let cell = row.and_then(|row| row.get(e)).copied().flatten();
                                        let verdict = Verdict::of_cell(cell);
                                        let class = match cell {
                                            Some(true) => "cell match",
                                            Some(false) => "cell no-match",
                                            None => "cell blocked",
                                        };
                                        let current = (rule.key, event.key) == props.selected;
                                        let onclick = {
                                            let dispatch = props.dispatch.clone();
                                            let (rule, event) = (rule.key, event.key);
                                            Callback::from(move |_| dispatch.emit(Action::Inspect(rule, event)))
                                        };
                                        html! {
                                            <td class={class}>
                                                <a href="#why" {onclick}
                                                    aria-current={current.then_some("true")}
                                                    aria-label={format!("{} × {}: {verdict}", rule.name, name_of(e, &event.name))}>
                                                    { match cell { Some(true) => "✓", Some(false) => "·", None => "!" } }
                                                </a>
                                            </td>
                                        }
                                    }) }
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}
