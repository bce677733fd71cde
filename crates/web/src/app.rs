//! The page: state in, view out.

use std::rc::Rc;

use evpat::Span;
use evpat_rule::builder::{format_json, wrap_in_envelope};
use evpat_rule::import::Source;
use evpat_rule::schedule::chrono::{DateTime, Utc};
use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::components::Shared;
use crate::components::event_tree::EventTree;
use crate::components::events::EventList;
use crate::components::explanation::ExplanationView;
use crate::components::json_editor::JsonEditor;
use crate::components::lints::LintList;
use crate::components::matrix::MatrixView;
use crate::components::rule_panel::RulePanelView;
use crate::components::verdict::VerdictBanner;
use crate::components::workspace_bar::{Shortcuts, WorkspaceBar};
use crate::importer;
use crate::persist;
use crate::samples;
use crate::state::{Action, Notice, State};
use crate::view_model::{
    Evaluation, EventCache, EventInput, Matrix, PatternSize, Problem, ReadEvent, RulePanel,
    capitalize, draft_of, utf16_range,
};

/// Milliseconds since the page started loading, from the browser's
/// monotonic clock; 0 outside a browser.
fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// The wall-clock time, for the schedule's next runs. Read once when the
/// page opens, so that the list does not move while the user reads it.
fn wall_clock() -> DateTime<Utc> {
    let ms = if cfg!(target_arch = "wasm32") { js_sys::Date::now() } else { 0.0 };
    DateTime::from_timestamp_millis(ms as i64).unwrap_or_default()
}

/// The whole playground.
#[component]
pub fn App() -> Html {
    let state = use_reducer(persist::initial);
    let clock = use_state(wall_clock);
    // One callback for the page's life: components that take only it (and
    // unchanged data) are not drawn again on every keystroke.
    let dispatch = {
        let dispatcher = state.dispatcher();
        use_callback((), move |action: Action, _| dispatcher.dispatch(action))
    };

    // Each event is read once per text (a 1 MB event takes tens of
    // milliseconds), then shared by the matrix, the verdict and the
    // explanations.
    let cache = use_mut_ref(EventCache::default);
    let reads = cache.borrow_mut().read(&state.events);
    let event_index = state.events.iter().position(|e| e.key == state.event).unwrap_or(0);
    let read = reads[event_index].clone();

    // Every rule against every event: the figure the budget is about is
    // measured here, around the evaluation itself, and shown on the
    // matrix (`data-eval-ms`).
    let patterns: Vec<String> = state.rules.iter().map(|r| r.pattern.clone()).collect();
    let shared_reads: Vec<Shared<ReadEvent>> = reads.iter().cloned().map(Shared).collect();
    let matrix = use_memo((patterns, shared_reads), |(patterns, reads)| {
        let start = now_ms();
        let reads: Vec<Rc<ReadEvent>> = reads.iter().map(|r| r.0.clone()).collect();
        let matrix = Matrix::with(patterns, &reads);
        (Rc::new(matrix), now_ms() - start)
    });
    let (matrix, elapsed_ms) = (matrix.0.clone(), matrix.1);
    let rule_index = state.rules.iter().position(|r| r.key == state.rule).unwrap_or(0);

    let evaluation =
        use_memo((state.rule().pattern.clone(), Shared(read.clone())), |(pattern, read)| {
            Evaluation::with(pattern, read.0.clone())
        });
    let effective_event: Option<String> = match &read.input {
        EventInput::Event => Some(state.event().text.clone()),
        EventInput::Entry(Ok(delivered)) => Some(delivered.clone()),
        _ => None,
    };
    let panel = use_memo(
        (state.rule().clone(), state.format, *clock, effective_event.clone()),
        |(draft, format, now, event)| RulePanel::of(draft, *format, *now, event.as_deref()),
    );
    // Explanations for the events opened in the list: only those, since
    // explaining costs more than matching.
    let opened: Vec<(u32, Shared<ReadEvent>)> = state
        .events
        .iter()
        .zip(&reads)
        .filter(|(e, _)| state.expanded.contains(&e.key))
        .map(|(e, read)| (e.key, Shared(read.clone())))
        .collect();
    let explanations = use_memo((state.rule().pattern.clone(), opened), |(pattern, opened)| {
        opened
            .iter()
            .map(|(key, read)| (*key, Evaluation::with(pattern, read.0.clone())))
            .collect::<Vec<_>>()
    });

    // The first verdict on screen: when it was drawn, for the load-time
    // budget (`data-first-verdict-ms` on the verdict). The first render
    // draws only the editors and the verdict; the sections below them
    // (events, matrix, builder, rule panel) follow in the next render, so
    // that building their DOM does not delay the answer.
    let first_verdict = use_state(|| None::<f64>);
    {
        let first_verdict = first_verdict.clone();
        use_effect_with((), move |_| first_verdict.set(Some(now_ms())));
    }
    let complete = first_verdict.is_some();

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
                let (start, end) = utf16_range(&state.event().text, span);
                let _ = editor.set_selection_range(start, end);
            }
            if let Some(editor) = pattern_ref.cast::<HtmlTextAreaElement>() {
                let (start, end) = utf16_range(&state.rule().pattern, pattern_span);
                let _ = editor.focus();
                let _ = editor.set_selection_range(start, end);
            }
        })
    };
    let onformat = {
        let state = state.clone();
        Callback::from(move |_| match format_json(&state.rule().pattern) {
            Ok(text) => {
                state.dispatch(Action::EditPattern(text));
                state.dispatch(Action::Notify(None));
            }
            Err(error) => state.dispatch(Action::Notify(Some(Notice {
                place: "format",
                error: true,
                lines: vec![format!("Format needs valid JSON: {error}")],
            }))),
        })
    };
    // Imports run in the importers' own module, which the first import
    // loads (see `importer`): the answer comes later, and the button waits.
    let importing = use_state(|| false);
    let onimport = {
        let (state, importing) = (state.clone(), importing.clone());
        Callback::from(move |(text, source): (String, Option<Source>)| {
            let (state, importing) = (state.clone(), importing.clone());
            importing.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let notice = match importer::import(&text, source).await {
                    Ok(Ok(imported)) => {
                        let drafts: Vec<_> = imported.rules.iter().map(draft_of).collect();
                        let names: Vec<&str> =
                            imported.rules.iter().map(|r| r.name.as_str()).collect();
                        let mut lines = vec![format!(
                            "Imported {} {} from the {}: {}",
                            drafts.len(),
                            if drafts.len() == 1 { "rule" } else { "rules" },
                            imported.source.title(),
                            names.join(", ")
                        )];
                        lines.extend(imported.warnings.iter().map(|w| format!("Warning: {w}")));
                        state.dispatch(Action::AddRules(drafts));
                        Notice { place: "import", error: false, lines }
                    }
                    Ok(Err(error)) => {
                        let mut lines = vec![format!(
                            "{} at line {}, column {}",
                            error.message(),
                            error.line(),
                            error.column()
                        )];
                        lines.extend(error.hint().map(|h| format!("Hint: {h}")));
                        Notice { place: "import", error: true, lines }
                    }
                    Err(failure) => Notice {
                        place: "import",
                        error: true,
                        lines: vec![
                            format!("Nothing was imported: {failure}."),
                            "Hint: check the connection, then import again.".to_owned(),
                        ],
                    },
                };
                state.dispatch(Action::Notify(Some(notice)));
                importing.set(false);
            });
        })
    };

    let rule = state.rule().clone();
    let event = state.event().clone();
    let pattern_error = evaluation.pattern.as_ref().err();
    let event_error_span = match &read.event {
        Some(Err(error)) if matches!(read.input, EventInput::Event) => Some(error.span()),
        _ => None,
    };
    let size = PatternSize::of(&rule.pattern);
    let verdicts: Vec<Option<bool>> = matrix.cells.get(rule_index).cloned().unwrap_or_default();
    let notice_for = |place: &str| state.notice.as_ref().filter(|n| n.place == place).cloned();

    html! {
        <>
            <header class="masthead">
                <h1>{ "Event Pattern Playground" }</h1>
                <p class="tagline">
                    { "Test Amazon EventBridge event patterns against events, right here. \
                       No AWS account needed, and nothing you type leaves this page." }
                </p>
                <WorkspaceBar state={state.clone()} notice={state.notice.clone().filter(|n| n.place.starts_with(persist::PLACE))} />
            </header>
            <Shortcuts />
            <main>
                { rules_bar(&state, &dispatch) }
                <div class="editors">
                    <JsonEditor
                        id="pattern-editor"
                        label="Event pattern"
                        value={rule.pattern.clone()}
                        error={pattern_error.map(Problem::of)}
                        error_span={pattern_error.map(|e| e.span())}
                        oninput={dispatch.reform(Action::EditPattern)}
                        node_ref={pattern_ref}
                        toolbar={html! {
                            <span class="toolbar">
                                <span class="rule-label">{ format!("rule {}", rule.name) }</span>
                                <button type="button" id="format-button" onclick={onformat}
                                    aria-keyshortcuts="Alt+Shift+F">{ "Format" }</button>
                            </span>
                        }}
                        footer={html! {
                            <>
                                <p class={classes!("size", size.level)} aria-label="Pattern size" role="status">{ size.text.clone() }</p>
                                if let Some(notice) = notice_for("format") {
                                    <p class="problem" role="alert">{ notice.lines.join(" ") }</p>
                                }
                                <LintList lints={evaluation.lints.clone()} />
                            </>
                        }}
                    />
                    <JsonEditor
                        id="event-editor"
                        label="Event"
                        value={event.text.clone()}
                        error={read.problem()}
                        error_span={event_error_span}
                        oninput={dispatch.reform(Action::EditEvent)}
                        node_ref={event_ref}
                        toolbar={html! { <span class="toolbar rule-label">{ event.name.clone() }</span> }}
                        footer={event_notes(&evaluation, &event.text, &dispatch)}
                    />
                </div>
                <VerdictBanner verdict={evaluation.verdict()} first_ms={*first_verdict}
                    pair={format!("{} × {}", rule.name, event.name)} />
                <div id="why">
                    if let Some(explanation) = evaluation.explanation.clone() {
                        <ExplanationView {explanation} {onselect} />
                    }
                </div>
                if complete {
                { gallery(&dispatch) }
                <section class="events" aria-labelledby="events-heading">
                    <h2 id="events-heading">{ "Events" }</h2>
                    <p class="muted">{ format!("Verdicts for rule {}.", rule.name) }</p>
                    <EventList
                        events={state.events.clone()}
                        selected={state.event}
                        {verdicts}
                        summary={matrix.summary(rule_index)}
                        explanations={Shared(explanations.clone())}
                        dispatch={dispatch.clone()}
                    />
                </section>
                <MatrixView
                    rules={state.rules.clone()}
                    events={state.events.clone()}
                    matrix={Shared(matrix.clone())}
                    selected={(state.rule, state.event)}
                    {elapsed_ms}
                    dispatch={dispatch.clone()}
                />
                <section class="builder" aria-labelledby="builder-heading">
                    <h2 id="builder-heading">{ "Build a pattern from the event" }</h2>
                    <p class="muted">{ format!("Click a value of {} to add it to the pattern of {}.", event.name, rule.name) }</p>
                    if let Some(notice) = notice_for("builder") {
                        <p class="problem" role="alert">{ notice.lines.join(" ") }</p>
                    }
                    {
                        match &effective_event {
                            Some(text) => html! {
                                <EventTree text={AttrValue::from(text.clone())} picked={state.picked}
                                    dispatch={dispatch.clone()} />
                            },
                            None => html! { <p class="muted">{ "Fix the event to build a pattern from it." }</p> },
                        }
                    }
                </section>
                <RulePanelView
                    draft={rule.clone()}
                    panel={Shared(panel.clone())}
                    format={state.format}
                    notice={notice_for("import")}
                    dispatch={dispatch.clone()}
                    {onimport}
                    importing={*importing}
                />
                }
            </main>
            <footer class="colophon">
                <p>{ "evpat runs entirely in your browser, compiled from Rust to WebAssembly." }</p>
            </footer>
        </>
    }
}

/// What the event editor says under the text: the event a PutEvents entry
/// becomes, JSON Lines to split, a missing envelope to wrap.
fn event_notes(evaluation: &Evaluation, text: &str, dispatch: &Callback<Action>) -> Html {
    let entry = match &evaluation.read.input {
        EventInput::Entry(Ok(delivered)) => html! {
            <div class="note" role="note">
                <p>{ "This is a PutEvents entry. Patterns see the event EventBridge delivers for it (id, account, region and time are placeholders):" }</p>
                <pre class="code" aria-label="Delivered event" tabindex="0">{ delivered.clone() }</pre>
            </div>
        },
        EventInput::Lines(lines) => {
            let lines = lines.clone();
            let count = lines.len();
            let onclick = dispatch.reform(move |_| Action::SplitEvent(lines.clone()));
            html! {
                <div class="note" role="note">
                    <p>{ format!("These are {count} events in JSON Lines, one a line.") }</p>
                    <button type="button" {onclick}>{ format!("Split into {count} events") }</button>
                </div>
            }
        }
        _ => html! {},
    };
    let envelope = match &evaluation.read.envelope {
        Some(error) => {
            let wrap = {
                let (state_text, dispatch) = (text.to_owned(), dispatch.clone());
                Callback::from(move |_| {
                    if let Ok(wrapped) = wrap_in_envelope(&state_text) {
                        dispatch.emit(Action::EditEvent(wrapped));
                    }
                })
            };
            html! {
                <div class="problem envelope" role="alert">
                    <p class="problem-message">{ format!("{error} Reason: {}", capitalize(error.reason())) }</p>
                    <p class="problem-hint">
                        { "Hint: TestEventPattern needs an envelope with id, account, source, time, region and detail-type. \
                           evpat still answers below, as EventBridge's engine would for a delivered event." }
                    </p>
                    <button type="button" onclick={wrap}>{ "Wrap in an envelope" }</button>
                </div>
            }
        }
        None => html! {},
    };
    html! { <>{ entry }{ envelope }</> }
}

/// The gallery: sample events and rules to add.
fn gallery(dispatch: &Callback<Action>) -> Html {
    let select_value = |id: &str| {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id))
            .and_then(|el| wasm_bindgen::JsCast::dyn_into::<HtmlSelectElement>(el).ok())
            .map(|select| select.value())
            .unwrap_or_default()
    };
    let add_event = dispatch.reform(move |_: MouseEvent| {
        let id = select_value("sample-event");
        let events = samples::events()
            .iter()
            .filter(|e| e.id == id)
            .map(|e| (e.name.clone(), e.text.clone()))
            .collect();
        Action::AddEvents(events)
    });
    let add_rule = dispatch.reform(move |_: MouseEvent| {
        Action::AddRules(State::sample_rules(&select_value("sample-rule")))
    });
    let load_all = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            let events =
                samples::events().iter().map(|e| (e.name.clone(), e.text.clone())).collect();
            let rules = samples::rules().iter().flat_map(|r| State::sample_rules(&r.id)).collect();
            dispatch.emit(Action::AddEvents(events));
            dispatch.emit(Action::AddRules(rules));
        })
    };
    html! {
        <section class="gallery" aria-labelledby="gallery-heading">
            <h2 id="gallery-heading">{ "Samples" }</h2>
            <div class="row">
                <label for="sample-event">{ "Sample event" }</label>
                <select id="sample-event">
                    { for samples::events().iter().map(|e| html! { <option value={e.id.clone()}>{ e.name.clone() }</option> }) }
                </select>
                <button type="button" onclick={add_event}>{ "Add sample event" }</button>
            </div>
            <div class="row">
                <label for="sample-rule">{ "Sample rule" }</label>
                <select id="sample-rule">
                    { for samples::rules().iter().map(|r| html! {
                        <option value={r.id.clone()} title={r.description.clone()}>{ format!("{}: {}", r.name, r.description) }</option>
                    }) }
                </select>
                <button type="button" onclick={add_rule}>{ "Add sample rule" }</button>
            </div>
            <button type="button" onclick={load_all}>{ "Load every sample" }</button>
        </section>
    }
}

/// The rules: which one the editor shows, and buttons to add and remove.
fn rules_bar(state: &State, dispatch: &Callback<Action>) -> Html {
    html! {
        <nav class="rules-bar" aria-labelledby="rules-heading">
            <h2 id="rules-heading">{ "Rules" }</h2>
            <ul aria-label="Rules">
                { for state.rules.iter().map(|rule| {
                    let key = rule.key;
                    html! {
                        <li key={key}>
                            <button type="button" aria-pressed={(key == state.rule).to_string()}
                                onclick={dispatch.reform(move |_| Action::SelectRule(key))}>
                                { if rule.name.is_empty() { "(unnamed)".to_owned() } else { rule.name.clone() } }
                            </button>
                        </li>
                    }
                }) }
            </ul>
            <span class="row-buttons">
                <button type="button" onclick={dispatch.reform(|_| Action::AddRule)}>{ "Add rule" }</button>
                <button type="button" onclick={dispatch.reform(|_| Action::DuplicateRule)}>{ "Duplicate rule" }</button>
                <button type="button" disabled={state.rules.len() == 1}
                    onclick={dispatch.reform(|_| Action::RemoveRule)}>{ "Remove rule" }</button>
            </span>
        </nav>
    }
}
