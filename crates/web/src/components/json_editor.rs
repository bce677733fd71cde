//! A labelled JSON editor: a textarea under a highlight layer, with line
//! numbers, the error span underlined, and the error beneath.
//!
//! Why a textarea and not an editor component: the textarea does the
//! editing (selection, undo, IME, screen readers, Unicode, tabs, long
//! lines), the browser's own, so nothing here can get those wrong. The
//! layer under it only colours the same text: it uses the same font,
//! padding, `white-space: pre` and `tab-size`, and follows the textarea's
//! scroll, so every character lands under itself whatever its width. An
//! editor such as CodeMirror would need a JavaScript build step, which
//! trunk's offline build does not have, and costs more of the bundle than
//! this whole file.

use evpat::Span;
use web_sys::{Element, HtmlTextAreaElement};
use yew::prelude::*;

use crate::view_model::{MAX_HIGHLIGHT_BYTES, Problem, highlight, line_count};

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
    /// The part of the text to underline.
    #[prop_or_default]
    pub error_span: Option<Span>,
    /// Called with the new text on every edit.
    pub oninput: Callback<String>,
    /// The text area, for selecting parts of it.
    #[prop_or_default]
    pub node_ref: NodeRef,
    /// Shown between the label and the text, such as buttons.
    #[prop_or_default]
    pub toolbar: Html,
    /// Shown under the editor, such as lints.
    #[prop_or_default]
    pub footer: Html,
}

/// A labelled JSON editor.
#[component]
pub fn JsonEditor(props: &JsonEditorProps) -> Html {
    let layer = use_node_ref();
    let gutter = use_node_ref();
    let oninput = {
        let emit = props.oninput.clone();
        Callback::from(move |event: InputEvent| {
            emit.emit(event.target_unchecked_into::<HtmlTextAreaElement>().value());
        })
    };
    // The layers cannot scroll themselves (they are under the textarea),
    // so they follow it.
    let onscroll = {
        let (layer, gutter) = (layer.clone(), gutter.clone());
        Callback::from(move |event: Event| {
            let area = event.target_unchecked_into::<HtmlTextAreaElement>();
            if let Some(layer) = layer.cast::<Element>() {
                layer.set_scroll_top(area.scroll_top());
                layer.set_scroll_left(area.scroll_left());
            }
            if let Some(gutter) = gutter.cast::<Element>() {
                gutter.set_scroll_top(area.scroll_top());
            }
        })
    };
    let text = props.value.as_str();
    // A huge text (a 1 MB event) is shown plain: no colours, no line
    // numbers. Laying out a second copy of it, and tens of thousands of
    // line numbers, would cost the browser tens of milliseconds on every
    // keystroke anywhere on the page.
    let plain = text.len() > MAX_HIGHLIGHT_BYTES;
    // The editor draws again whenever the page does; its text rarely
    // changed (the other editor's did), and a long one costs to lex.
    let segments =
        use_memo((props.value.clone(), props.error_span), |(text, error)| highlight(text, *error));
    let numbers = use_memo(if plain { 0 } else { line_count(text) }, |lines| {
        (1..=*lines).map(|n| format!("{n}\n")).collect::<String>()
    });
    let error_id = format!("{}-error", props.id);
    let invalid = props.error.is_some();
    html! {
        <div class="editor">
            <div class="editor-head">
                <label for={props.id.clone()}>{ props.label.clone() }</label>
                { props.toolbar.clone() }
            </div>
            <div class={classes!("code-editor", plain.then_some("plain"))}>
                <pre class="gutter" ref={gutter} aria-hidden="true" hidden={plain}>{ numbers.as_str() }</pre>
                <div class="code-area">
                    <pre class="code highlight" ref={layer} aria-hidden="true" hidden={plain}>
                        { for segments.iter().map(|s| {
                            let part = &text[s.start..s.end];
                            if s.class.is_empty() {
                                html! { { part } }
                            } else {
                                html! { <span class={s.class}>{ part }</span> }
                            }
                        }) }
                        // A textarea shows a line after a final newline;
                        // so must the layer, or their heights differ.
                        { "\n " }
                    </pre>
                    <textarea
                        ref={props.node_ref.clone()}
                        id={props.id.clone()}
                        class="code input"
                        value={props.value.clone()}
                        {oninput}
                        {onscroll}
                        spellcheck="false"
                        autocomplete="off"
                        autocapitalize="off"
                        wrap="off"
                        rows="18"
                        aria-invalid={if invalid { "true" } else { "false" }}
                        aria-describedby={invalid.then(|| error_id.clone())}
                    />
                </div>
            </div>
            if plain {
                <p class="muted">{ format!("Colours and line numbers are off for texts over {} KB.", MAX_HIGHLIGHT_BYTES / 1024) }</p>
            }
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
