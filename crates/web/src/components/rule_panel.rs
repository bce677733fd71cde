//! The rule panel: the selected rule's fields, its schedule, its targets
//! with a live input-transformer preview, the export in every format with
//! a copy button, and the import box.

use evpat_rule::RuleState;
use evpat_rule::export::Format;
use evpat_rule::import::Source;
use evpat_rule::schedule::chrono::{DateTime, Utc};
use evpat_rule::schedule::minute_text;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::components::{Shared, copy_text};
use crate::importer;
use crate::state::{Action, Notice, RuleDraft, RuleField, TargetField};
use crate::view_model::RulePanel;

/// Properties of [`RulePanelView`].
#[derive(Properties, PartialEq)]
pub struct RulePanelProps {
    /// The selected rule's fields.
    pub draft: RuleDraft,
    /// What they make.
    pub panel: Shared<RulePanel>,
    /// The export tab shown.
    pub format: Format,
    /// The import's last result.
    pub notice: Option<Notice>,
    /// Sends actions.
    pub dispatch: Callback<Action>,
    /// Called with the import box's text and the kind chosen, if any.
    pub onimport: Callback<(String, Option<Source>)>,
    /// Whether an import is under way (the first loads the importers).
    pub importing: bool,
}

fn text_input(
    dispatch: &Callback<Action>,
    make: impl Fn(String) -> Action + 'static,
) -> Callback<InputEvent> {
    let dispatch = dispatch.clone();
    Callback::from(move |e: InputEvent| {
        let target = e.target_unchecked_into::<HtmlInputElement>();
        dispatch.emit(make(target.value()));
    })
}

fn area_input(
    dispatch: &Callback<Action>,
    make: impl Fn(String) -> Action + 'static,
) -> Callback<InputEvent> {
    let dispatch = dispatch.clone();
    Callback::from(move |e: InputEvent| {
        let target = e.target_unchecked_into::<HtmlTextAreaElement>();
        dispatch.emit(make(target.value()));
    })
}

/// What a copy button last did.
#[derive(Clone, Copy, PartialEq)]
enum CopyStatus {
    Idle,
    Copied,
    Failed,
}

/// The "Rule" section.
#[component]
pub fn RulePanelView(props: &RulePanelProps) -> Html {
    let draft = &props.draft;
    let dispatch = &props.dispatch;
    let onstate = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(state) = RuleState::from_name(&value) {
                dispatch.emit(Action::SetRuleState(state));
            }
        })
    };
    html! {
        <section class="rule" aria-labelledby="rule-heading">
            <h2 id="rule-heading">{ "Rule" }</h2>
            <div class="fields">
                <label for="rule-name">{ "Rule name" }</label>
                <input id="rule-name" type="text" value={draft.name.clone()} spellcheck="false" autocomplete="off"
                    oninput={text_input(dispatch, |v| Action::EditRule(RuleField::Name, v))} />
                <label for="rule-description">{ "Description" }</label>
                <input id="rule-description" type="text" value={draft.description.clone()}
                    oninput={text_input(dispatch, |v| Action::EditRule(RuleField::Description, v))} />
                <label for="rule-bus">{ "Event bus" }</label>
                <input id="rule-bus" type="text" value={draft.bus.clone()} placeholder="default" spellcheck="false"
                    oninput={text_input(dispatch, |v| Action::EditRule(RuleField::Bus, v))} />
                <label for="rule-state">{ "State" }</label>
                <select id="rule-state" onchange={onstate}>
                    { for RuleState::ALL.iter().map(|state| html! {
                        <option value={state.as_str()} selected={*state == draft.state}>{ state.as_str() }</option>
                    }) }
                </select>
                <label for="rule-schedule">{ "Schedule expression" }</label>
                <input id="rule-schedule" type="text" value={draft.schedule.clone()} spellcheck="false"
                    placeholder="rate(5 minutes) or cron(0 12 * * ? *)"
                    aria-describedby="schedule-info"
                    oninput={text_input(dispatch, |v| Action::EditRule(RuleField::Schedule, v))} />
            </div>
            <div id="schedule-info" class="schedule" aria-live="polite">
                { schedule_view(&props.panel) }
            </div>
            { targets_view(props) }
            { rule_status(&props.panel) }
            <ExportTabs format={props.format} panel={props.panel.clone()} dispatch={dispatch.clone()} />
            <ImportBox notice={props.notice.clone()} onimport={props.onimport.clone()}
                importing={props.importing} />
        </section>
    }
}

fn rule_status(panel: &RulePanel) -> Html {
    match &panel.rule {
        Ok(_) => html! {},
        Err(reason) => {
            html! { <p id="rule-output" class="problem" role="alert">{ reason.clone() }</p> }
        }
    }
}

fn schedule_view(panel: &RulePanel) -> Html {
    match &panel.schedule {
        None => html! {
            <p class="muted">{ "No schedule: the rule runs on events that match its pattern. Rules' schedules run in UTC." }</p>
        },
        Some(Err(reason)) => html! { <p class="problem" role="alert">{ reason.clone() }</p> },
        Some(Ok((description, runs))) => html! {
            <>
                <p class="schedule-description">{ format!("Runs {description}.") }</p>
                <table class="runs" aria-label="Next runs">
                    <thead><tr><th scope="col">{ "UTC" }</th><th scope="col">{ "Your time" }</th></tr></thead>
                    <tbody>
                        { for runs.iter().map(|run| html! {
                            <tr><td>{ format!("{} UTC", minute_text(&run.naive_utc())) }</td><td>{ local_time(run) }</td></tr>
                        }) }
                    </tbody>
                </table>
            </>
        },
    }
}

/// A UTC time in the browser's own zone and language, through `Intl`: the
/// page needs no time-zone database of its own for that.
fn local_time(time: &DateTime<Utc>) -> String {
    if !cfg!(target_arch = "wasm32") {
        return String::new();
    }
    let date = js_sys::Date::new(&JsValue::from_f64(time.timestamp_millis() as f64));
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    let language =
        web_sys::window().and_then(|w| w.navigator().language()).unwrap_or_else(|| "en".into());
    date.to_locale_string(&language, &options).into()
}

fn targets_view(props: &RulePanelProps) -> Html {
    let dispatch = &props.dispatch;
    html! {
        <div class="targets">
            <h3>{ "Targets" }</h3>
            <ol aria-label="Targets">
                { for props.draft.targets.iter().enumerate().map(|(i, target)| {
                    let n = i + 1;
                    let ontransform = {
                        let dispatch = dispatch.clone();
                        Callback::from(move |e: Event| {
                            dispatch.emit(Action::SetTransform(i, e.target_unchecked_into::<HtmlInputElement>().checked()));
                        })
                    };
                    let preview = props.panel.previews.get(i).cloned().flatten();
                    html! {
                        <li class="target">
                            <div class="fields">
                                <label for={format!("target-{n}-id")}>{ format!("Target {n} id") }</label>
                                <input id={format!("target-{n}-id")} type="text" value={target.id.clone()}
                                    oninput={text_input(dispatch, move |v| Action::EditTarget(i, TargetField::Id, v))} />
                                <label for={format!("target-{n}-arn")}>{ format!("Target {n} ARN") }</label>
                                <input id={format!("target-{n}-arn")} type="text" value={target.arn.clone()} spellcheck="false"
                                    oninput={text_input(dispatch, move |v| Action::EditTarget(i, TargetField::Arn, v))} />
                            </div>
                            <label class="check">
                                <input type="checkbox" checked={target.transform} onchange={ontransform} />
                                { format!(" Target {n} input transformer") }
                            </label>
                            if target.transform {
                                <div class="fields">
                                    <label for={format!("target-{n}-paths")}>{ format!("Target {n} input paths map") }</label>
                                    <textarea id={format!("target-{n}-paths")} class="code small" rows="4" value={target.paths_map.clone()}
                                        spellcheck="false" oninput={area_input(dispatch, move |v| Action::EditTarget(i, TargetField::PathsMap, v))} />
                                    <label for={format!("target-{n}-template")}>{ format!("Target {n} input template") }</label>
                                    <textarea id={format!("target-{n}-template")} class="code small" rows="3" value={target.template.clone()}
                                        spellcheck="false" oninput={area_input(dispatch, move |v| Action::EditTarget(i, TargetField::Template, v))} />
                                </div>
                                {
                                    match preview {
                                        Some(Ok((output, dropped))) => html! {
                                            <div class="preview">
                                                <pre class="code" aria-label={format!("Target {n} receives")} tabindex="0">{ output }</pre>
                                                if let Some(reason) = dropped {
                                                    <p class="problem" role="alert">{ reason }</p>
                                                }
                                            </div>
                                        },
                                        Some(Err(reason)) => html! { <p class="problem" role="alert">{ reason }</p> },
                                        None => html! {},
                                    }
                                }
                            }
                            <button type="button" aria-label={format!("Remove target {n}")} onclick={{
                                let dispatch = dispatch.clone();
                                Callback::from(move |_| dispatch.emit(Action::RemoveTarget(i)))
                            }}>{ "Remove target" }</button>
                        </li>
                    }
                }) }
            </ol>
            <button type="button" onclick={{
                let dispatch = dispatch.clone();
                Callback::from(move |_| dispatch.emit(Action::AddTarget))
            }}>{ "Add target" }</button>
        </div>
    }
}

/// Properties of [`ExportTabs`].
#[derive(Properties, PartialEq)]
pub struct ExportTabsProps {
    /// The tab shown.
    pub format: Format,
    /// The export.
    pub panel: Shared<RulePanel>,
    /// Sends actions.
    pub dispatch: Callback<Action>,
}

/// Every export format as a tab, with the text and a copy button.
#[component]
pub fn ExportTabs(props: &ExportTabsProps) -> Html {
    let copy_status = use_state(|| CopyStatus::Idle);
    {
        // A new tab or a new text has not been copied yet.
        let copy_status = copy_status.clone();
        let text = props.panel.export.as_ref().map(|e| e.text.clone()).ok();
        use_effect_with((props.format, text), move |_| copy_status.set(CopyStatus::Idle));
    }
    let tab_id = |format: Format| format!("tab-{}", format.name());
    // Arrow keys move between tabs, as the ARIA tabs pattern has it.
    let onkeydown = {
        let dispatch = props.dispatch.clone();
        let current = props.format;
        Callback::from(move |e: KeyboardEvent| {
            let at = Format::ALL.iter().position(|f| *f == current).unwrap_or(0);
            let next = match e.key().as_str() {
                "ArrowRight" => (at + 1) % Format::ALL.len(),
                "ArrowLeft" => (at + Format::ALL.len() - 1) % Format::ALL.len(),
                _ => return,
            };
            e.prevent_default();
            let format = Format::ALL[next];
            dispatch.emit(Action::SelectFormat(format));
            if let Some(tab) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(&format!("tab-{}", format.name())))
                .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok())
            {
                let _ = tab.focus();
            }
        })
    };
    let onclick = {
        let text = props.panel.export.as_ref().map(|e| e.text.clone()).unwrap_or_default();
        let copy_status = copy_status.clone();
        Callback::from(move |_| {
            let text = text.clone();
            let copy_status = copy_status.clone();
            spawn_local(async move {
                let copied = copy_text(&text).await;
                copy_status.set(if copied { CopyStatus::Copied } else { CopyStatus::Failed });
            });
        })
    };
    let status = match *copy_status {
        CopyStatus::Idle => "",
        CopyStatus::Copied => "Copied",
        CopyStatus::Failed => "Copying failed: select the text and copy it by hand",
    };
    let format = props.format;
    html! {
        <div class="exports">
            <h3 id="export-heading">{ "Export" }</h3>
            <div role="tablist" aria-labelledby="export-heading" class="tabs" {onkeydown}>
                { for Format::ALL.iter().map(|&f| {
                    let selected = f == format;
                    let onclick = {
                        let dispatch = props.dispatch.clone();
                        Callback::from(move |_| dispatch.emit(Action::SelectFormat(f)))
                    };
                    html! {
                        <button type="button" role="tab" id={tab_id(f)} aria-selected={selected.to_string()}
                            aria-controls="export-panel" tabindex={if selected { "0" } else { "-1" }} {onclick}>
                            { f.title() }
                        </button>
                    }
                }) }
            </div>
            <div role="tabpanel" id="export-panel" aria-labelledby={tab_id(format)} class="tab-panel">
                {
                    match &props.panel.export {
                        Ok(export) => html! {
                            <>
                                <div class="copy-row">
                                    <button type="button" {onclick}>{ "Copy" }</button>
                                    <span class="copy-status" role="status">{ status }</span>
                                </div>
                                <pre class="code export-text" tabindex="0" aria-label={format!("{} export", format.title())}>
                                    { export.text.clone() }
                                </pre>
                                if !export.warnings.is_empty() {
                                    <ul class="lints" aria-label="Export warnings">
                                        { for export.warnings.iter().map(|w| html! { <li class="lint warning">{ w.clone() }</li> }) }
                                    </ul>
                                }
                            </>
                        },
                        Err(reason) => html! { <p class="problem export-error" role="alert">{ reason.clone() }</p> },
                    }
                }
            </div>
        </div>
    }
}

/// Properties of [`ImportBox`].
#[derive(Properties, PartialEq)]
pub struct ImportProps {
    /// The last import's result.
    pub notice: Option<Notice>,
    /// Called with the text and the kind chosen.
    pub onimport: Callback<(String, Option<Source>)>,
    /// Whether an import is under way.
    pub importing: bool,
}

/// The import box: anything the importers read becomes rules.
#[component]
pub fn ImportBox(props: &ImportProps) -> Html {
    let text = use_state(String::new);
    let source = use_state(|| None::<Source>);
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            text.set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let onchange = {
        let source = source.clone();
        Callback::from(move |e: Event| {
            source.set(Source::from_name(&e.target_unchecked_into::<HtmlSelectElement>().value()));
        })
    };
    let onclick = {
        let (text, source, onimport) = (text.clone(), source.clone(), props.onimport.clone());
        Callback::from(move |_| onimport.emit(((*text).clone(), *source)))
    };
    let notice = props.notice.as_ref().filter(|n| n.place == "import");
    html! {
        <div class="import">
            <h3>{ "Import" }</h3>
            <p class="muted" id="import-caption">
                { "Paste a CloudFormation or SAM template, Terraform, serverless.yml, a Ruby Jets job, \
                   describe-rule or list-rules output, a PutRule request or an escaped pattern. \
                   Each rule in it is added to the rules." }
            </p>
            <label for="import-text">{ "Import" }</label>
            <textarea id="import-text" class="code small" rows="8" value={(*text).clone()} {oninput}
                onfocus={Callback::from(|_: FocusEvent| importer::prepare())}
                spellcheck="false" aria-describedby="import-caption" />
            <div class="row">
                <label for="import-source">{ "Import as" }</label>
                <select id="import-source" {onchange}>
                    <option value="" selected={source.is_none()}>{ "Guess from the text" }</option>
                    { for Source::ALL.iter().map(|s| html! {
                        <option value={s.name()} selected={*source == Some(*s)}>{ s.title() }</option>
                    }) }
                </select>
                <button type="button" {onclick} disabled={props.importing}
                    aria-busy={props.importing.then_some("true")}>{ "Import rules" }</button>
            </div>
            // Not the result's element: the result's role and name are
            // what a reader waits for.
            <p class="muted" aria-live="polite">
                { if props.importing { "Importing: the first import loads the importers…" } else { "" } }
            </p>
            if let Some(notice) = notice {
                <ul class={if notice.error { "problem import-result" } else { "import-result" }}
                    role={if notice.error { "alert" } else { "status" }} aria-label="Import result">
                    { for notice.lines.iter().map(|l| html! { <li>{ l.clone() }</li> }) }
                </ul>
            }
        </div>
    }
}
