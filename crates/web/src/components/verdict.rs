//! The answer: "Match", "No match", or what to fix first.

use yew::prelude::*;

use crate::components::milliseconds;
use crate::view_model::Verdict;

/// Properties of [`VerdictBanner`].
#[derive(Properties, PartialEq)]
pub struct VerdictProps {
    /// The verdict to show.
    pub verdict: Verdict,
    /// Which rule and event it is for: `rule × event`.
    pub pair: AttrValue,
    /// When the first verdict was drawn, in milliseconds since the page
    /// started loading: the load-time budget's figure.
    pub first_ms: Option<f64>,
}

/// The result area. It is a live region, so screen readers announce each
/// new verdict.
#[component]
pub fn VerdictBanner(props: &VerdictProps) -> Html {
    let class = match props.verdict {
        Verdict::Match => "verdict match",
        Verdict::NoMatch => "verdict no-match",
        Verdict::Blocked { .. } | Verdict::Undecided => "verdict blocked",
    };
    html! {
        <section class="result" aria-labelledby="result-heading"
            data-first-verdict-ms={props.first_ms.map(|ms| milliseconds(ms, 1))}>
            <h2 id="result-heading">{ "Result" }</h2>
            <p class="pair">{ props.pair.clone() }</p>
            <p id="verdict" class={class} role="status" aria-live="polite">
                { props.verdict.text() }
            </p>
        </section>
    }
}
