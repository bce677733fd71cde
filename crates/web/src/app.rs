//! The page: state in, view out.

use evpat::Span;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::components::explanation::ExplanationView;
use crate::components::json_editor::JsonEditor;
use crate::components::lints::LintList;
use crate::components::rule_output::RuleOutput;
use crate::components::verdict::VerdictBanner;
use crate::state::{Action, State};
use crate::view_model::{Evaluation, Problem, utf16_range};

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
    let explanation = evaluation.explanation.clone();
    let lints = evaluation.lints.clone();
    let pattern_ref = use_node_ref();
    let event_ref = use_node_ref();
    // Selects a check's part of the pattern, and the event value it was
    // compared with; the pattern editor takes the focus.
    let onselect = {
        let (state, pattern_ref, event_ref) =
            (state.clone(), pattern_ref.clone(), event_ref.clone());
        Callback::from(move |(pattern_span, event_span): (Span, Option<Span>)| {
            if let (Some(span), Some(editor)) =
                (event_span, event_ref.cast::<HtmlTextAreaElement>())
            {
                let (start, end) = utf16_range(&state.event, span);
                let _ = editor.set_selection_range(start, end);
            }
            if let Some(editor) = pattern_ref.cast::<HtmlTextAreaElement>() {
                let (start, end) = utf16_range(&state.pattern, pattern_span);
                let _ = editor.focus();
                let _ = editor.set_selection_range(start, end);
            }
        })
    };

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
                        node_ref={pattern_ref}
                        footer={html! { <LintList lints={lints} /> }}
                    />
                    <JsonEditor
                        id="event-editor"
                        label="Event"
                        value={state.event.clone()}
                        error={evaluation.event.as_ref().err().map(Problem::of)}
                        oninput={dispatch(Action::EditEvent)}
                        node_ref={event_ref}
                    />
                </div>
                <VerdictBanner verdict={evaluation.verdict()} />
                if let Some(explanation) = explanation {
                    <ExplanationView {explanation} {onselect} />
                }
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
