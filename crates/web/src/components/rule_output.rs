//! The rule, as a PutRule request to paste, with a copy button.

use wasm_bindgen_futures::{JsFuture, spawn_local};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Properties of [`RuleOutput`].
#[derive(Properties, PartialEq)]
pub struct RuleOutputProps {
    /// The rule name as typed.
    pub name: AttrValue,
    /// The request JSON, or why there is none.
    pub request: Result<String, String>,
    /// Called with the new name on every edit.
    pub onrename: Callback<String>,
}

/// What the copy button last did.
#[derive(Clone, Copy, PartialEq)]
enum CopyStatus {
    Idle,
    Copied,
    Failed,
}

/// The "Rule" section.
#[component]
pub fn RuleOutput(props: &RuleOutputProps) -> Html {
    let copy_status = use_state(|| CopyStatus::Idle);
    let oninput = {
        let emit = props.onrename.clone();
        Callback::from(move |event: InputEvent| {
            emit.emit(event.target_unchecked_into::<HtmlInputElement>().value());
        })
    };
    let onclick = {
        let text = props.request.clone().unwrap_or_default();
        let copy_status = copy_status.clone();
        Callback::from(move |_| {
            let text = text.clone();
            let copy_status = copy_status.clone();
            spawn_local(async move {
                let copied = match web_sys::window() {
                    Some(window) => {
                        let promise = window.navigator().clipboard().write_text(&text);
                        JsFuture::from(promise).await.is_ok()
                    }
                    None => false,
                };
                copy_status.set(if copied { CopyStatus::Copied } else { CopyStatus::Failed });
            });
        })
    };
    let status_text = match *copy_status {
        CopyStatus::Idle => "",
        CopyStatus::Copied => "Copied",
        CopyStatus::Failed => "Copying failed: select the text and copy it by hand",
    };
    html! {
        <section class="rule" aria-labelledby="rule-heading">
            <h2 id="rule-heading">{ "Rule" }</h2>
            <div class="rule-name">
                <label for="rule-name">{ "Rule name" }</label>
                <input id="rule-name" type="text" value={props.name.clone()} {oninput}
                    spellcheck="false" autocomplete="off" />
            </div>
            <p class="rule-caption" id="rule-caption">
                { "The PutRule request, for " }<code>{ "aws events put-rule --cli-input-json" }</code>
                { " or an SDK's PutRule call." }
            </p>
            {
                match &props.request {
                    Ok(json) => html! {
                        <>
                            <pre id="rule-output" class="code" tabindex="0"
                                aria-label="PutRule request" aria-describedby="rule-caption">
                                { json.clone() }
                            </pre>
                            <div class="copy-row">
                                <button type="button" {onclick}>{ "Copy PutRule request" }</button>
                                <span class="copy-status" role="status">{ status_text }</span>
                            </div>
                        </>
                    },
                    Err(reason) => html! {
                        <p id="rule-output" class="problem" role="alert">{ reason.clone() }</p>
                    },
                }
            }
        </section>
    }
}
