//! The page: state in, view out.

use yew::prelude::*;

use crate::components::json_editor::JsonEditor;
use crate::components::rule_output::RuleOutput;
use crate::components::verdict::VerdictBanner;
use crate::state::{Action, State};
use crate::view_model::{Evaluation, Problem};

/// The whole playground.
#[component]
pub fn App() -> Html {
    let state = use_reducer(State::default);
    let evaluation = {
        let state = (*state).clone();
        use_memo(state, Evaluation::of)
    };
    let dispatch = |make: fn(String) -> Action| {
        let state = state.clone();
        Callback::from(move |text: String| state.dispatch(make(text)))
    };
    let rule_request = evaluation.rule_request(&state.rule_name);

    html! {
        <>
            <header class="masthead">
                <h1>{ "Event Pattern Playground" }</h1>
                <p class="tagline">
                    { "Test Amazon EventBridge event patterns against events, right here. \
                       No AWS account needed, and nothing you type leaves this page." }
                </p>
            </header>
            <main>
                <div class="editors">
                    <JsonEditor
                        id="pattern-editor"
                        label="Event pattern"
                        value={state.pattern.clone()}
                        error={evaluation.pattern.as_ref().err().map(Problem::of)}
                        oninput={dispatch(Action::EditPattern)}
                    />
                    <JsonEditor
                        id="event-editor"
                        label="Event"
                        value={state.event.clone()}
                        error={evaluation.event.as_ref().err().map(Problem::of)}
                        oninput={dispatch(Action::EditEvent)}
                    />
                </div>
                <VerdictBanner verdict={evaluation.verdict()} />
                <RuleOutput
                    name={state.rule_name.clone()}
                    request={rule_request}
                    onrename={dispatch(Action::EditRuleName)}
                />
            </main>
            <footer class="colophon">
                <p>{ "evpat runs entirely in your browser, compiled from Rust to WebAssembly." }</p>
            </footer>
        </>
    }
}
