//! The pattern's lints, under its editor.

use evpat::{Lint, Severity};
use yew::prelude::*;

/// Properties of [`LintList`].
#[derive(Properties, PartialEq)]
pub struct LintListProps {
    /// The lints to show.
    pub lints: Vec<Lint>,
}

/// A list of warnings and notes, each with its fix.
#[component]
pub fn LintList(props: &LintListProps) -> Html {
    if props.lints.is_empty() {
        return html! {};
    }
    html! {
        <ul class="lints" aria-label="Lints">
            { for props.lints.iter().map(|lint| {
                let (class, label) = match lint.severity {
                    Severity::Warning => ("lint warning", "Warning"),
                    Severity::Info => ("lint info", "Note"),
                };
                html! {
                    <li class={class} data-code={lint.code}>
                        <strong>{ format!("{label}: ") }</strong>
                        { lint.message.clone() }
                        <span class="lint-fix">{ format!(" Fix: {}", lint.fix) }</span>
                    </li>
                }
            }) }
        </ul>
    }
}
