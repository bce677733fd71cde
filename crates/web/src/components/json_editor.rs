//! A labelled JSON text area with its error, if any, beneath it.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::view_model::Problem;

/// Properties of [`JsonEditor`].
#[derive(Properties, PartialEq)]
pub struct JsonEditorProps {
    /// The DOM id of the text area; the error's id derives from it.
    pub id: AttrValue,
    /// The visible label, which is also the accessible name.
    pub label: AttrValue,
    /// The text.
    pub value: AttrValue,
    /// The error to show under the text.
    pub error: Option<Problem>,
    /// Called with the new text on every edit.
    pub oninput: Callback<String>,
    /// The text area, for selecting parts of it.
    #[prop_or_default]
    pub node_ref: NodeRef,
    /// Shown under the editor, such as lints.
    #[prop_or_default]
    pub footer: Html,
}

/// A labelled JSON text area.
#[component]
pub fn JsonEditor(props: &JsonEditorProps) -> Html {
    let oninput = {
        let emit = props.oninput.clone();
        Callback::from(move |event: InputEvent| {
            emit.emit(event.target_unchecked_into::<HtmlTextAreaElement>().value());
        })
    };
    let error_id = format!("{}-error", props.id);
    let invalid = props.error.is_some();
    html! {
        <div class="editor">
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <textarea
                ref={props.node_ref.clone()}
                id={props.id.clone()}
                class="code"
                value={props.value.clone()}
                {oninput}
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                wrap="off"
                rows="18"
                aria-invalid={if invalid { "true" } else { "false" }}
                aria-describedby={invalid.then(|| error_id.clone())}
            />
            if let Some(problem) = &props.error {
                <div id={error_id} class="problem" role="alert">
                    <p class="problem-message">{ problem.message.clone() }</p>
                    if let Some(path) = &problem.path {
                        <p class="problem-path">{ format!("In {path}") }</p>
                    }
                    if let Some(hint) = &problem.hint {
                        <p class="problem-hint">{ format!("Hint: {hint}") }</p>
                    }
                </div>
            }
            { props.footer.clone() }
        </div>
    }
}
