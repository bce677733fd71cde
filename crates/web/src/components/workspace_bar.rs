//! The workspace's toolbar (Share, Export and Import workspace, the
//! keyboard shortcuts), its notices, and the shortcuts themselves.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use wasm_bindgen_futures::{JsFuture, spawn_local};
use web_sys::{HtmlDialogElement, HtmlElement, HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

use crate::components::copy_text;
use crate::persist;
use crate::state::{Action, Notice, State};

/// Properties of [`WorkspaceBar`].
#[derive(Properties, PartialEq)]
pub struct WorkspaceBarProps {
    /// The page's state, to save and share, and to dispatch to.
    pub state: UseReducerHandle<State>,
    /// The last workspace notice, if any.
    pub notice: Option<Notice>,
}

/// Share, Export workspace, Import workspace, Keyboard shortcuts.
#[component]
pub fn WorkspaceBar(props: &WorkspaceBarProps) -> Html {
    let onshare = {
        let state = props.state.clone();
        Callback::from(move |_: MouseEvent| match persist::share(&state) {
            Ok(url) => {
                let state = state.clone();
                spawn_local(async move {
                    let copied = copy_text(&url).await;
                    state.dispatch(Action::Notify(Some(persist::shared_notice(&url, copied))));
                });
            }
            Err(reason) => state.dispatch(Action::Notify(Some(Notice {
                place: persist::PLACE,
                error: true,
                lines: vec![format!("No link was made: {reason}.")],
            }))),
        })
    };
    let onexport = {
        let state = props.state.clone();
        Callback::from(move |_: MouseEvent| {
            let notice = match persist::export(&state) {
                Ok(()) => Notice {
                    place: persist::PLACE,
                    error: false,
                    lines: vec![format!("Saved the workspace as {}.", persist::FILE_NAME)],
                },
                Err(_) => Notice {
                    place: persist::PLACE,
                    error: true,
                    lines: vec!["The browser refused to save the file.".to_owned()],
                },
            };
            state.dispatch(Action::Notify(Some(notice)));
        })
    };
    let onimport = {
        let state = props.state.clone();
        Callback::from(move |event: Event| {
            let Some(input) = event.target_dyn_into::<HtmlInputElement>() else { return };
            let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
            // The same file may be chosen again later.
            input.set_value("");
            let state = state.clone();
            spawn_local(async move {
                let name = file.name();
                let text = JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string());
                let action = match text.map(|text| persist::import(&name, &text)) {
                    Some(Ok((workspace, notice))) => Action::Load(workspace, notice),
                    Some(Err(notice)) => Action::Notify(Some(notice)),
                    None => Action::Notify(Some(Notice {
                        place: persist::PLACE,
                        error: true,
                        lines: vec![format!("{name} could not be read as text.")],
                    })),
                };
                state.dispatch(action);
            });
        })
    };
    let onrestore = {
        let state = props.state.clone();
        Callback::from(move |_: MouseEvent| {
            state.dispatch(match persist::previous() {
                Ok(workspace) => {
                    let notice = persist::restored_notice(&workspace);
                    Action::Load(workspace, notice)
                }
                Err(reason) => Action::Notify(Some(Notice {
                    place: persist::PLACE,
                    error: true,
                    lines: vec![format!("Your previous work could not be restored: {reason}.")],
                })),
            })
        })
    };
    let onhelp = Callback::from(|_: MouseEvent| open_shortcuts());
    let offer_restore = props.notice.as_ref().is_some_and(|n| n.place == persist::REPLACED)
        && persist::has_previous();
    html! {
        <div class="workspace">
            <div class="workspace-bar" role="toolbar" aria-label="Workspace">
                <button type="button" id="share-button" onclick={onshare}
                    aria-keyshortcuts="Alt+Shift+S">{ "Share" }</button>
                <button type="button" onclick={onexport}>{ "Export workspace" }</button>
                <label class="button file-button">
                    { "Import workspace" }
                    <input type="file" class="visually-hidden" accept=".json,application/json"
                        onchange={onimport} />
                </label>
                <button type="button" onclick={onhelp} aria-haspopup="dialog"
                    aria-keyshortcuts="Shift+?">{ "Keyboard shortcuts" }</button>
            </div>
            if let Some(notice) = &props.notice {
                <div class={classes!("workspace-notice", notice.error.then_some("problem"))}
                    role={if notice.error { "alert" } else { "status" }}>
                    { for notice.lines.iter().map(|line| html! { <p>{ line.clone() }</p> }) }
                    if offer_restore {
                        <button type="button" onclick={onrestore}>{ "Restore my previous work" }</button>
                    }
                </div>
            }
        </div>
    }
}

const DIALOG: &str = "shortcuts-dialog";

fn open_shortcuts() {
    let dialog = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(DIALOG))
        .and_then(|d| d.dyn_into::<HtmlDialogElement>().ok());
    if let Some(dialog) = dialog
        && !dialog.open()
    {
        let _ = dialog.show_modal();
    }
}

/// Clicks the page's button with this id, so that a shortcut does exactly
/// what the button does, with the state of the moment.
fn click(id: &str) {
    let button = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|b| b.dyn_into::<HtmlElement>().ok());
    if let Some(button) = button {
        button.click();
    }
}

/// The shortcuts, as the help dialog lists them.
pub const SHORTCUTS: [(&str, &str); 3] = [
    ("Alt+Shift+F", "Format the event pattern"),
    ("Alt+Shift+S", "Share: put the workspace in a link and copy it"),
    ("Shift+?", "Show these shortcuts (outside text fields)"),
];

fn on_key(event: &KeyboardEvent) {
    // `code` names the key, whatever the layout makes of Alt+Shift.
    let typing = event.target().and_then(|t| t.dyn_into::<HtmlElement>().ok()).is_some_and(|t| {
        matches!(t.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || t.is_content_editable()
    });
    let alt_shift = event.alt_key() && event.shift_key() && !event.ctrl_key() && !event.meta_key();
    match event.code().as_str() {
        "KeyF" if alt_shift => click("format-button"),
        "KeyS" if alt_shift => click("share-button"),
        _ if event.key() == "?" && !typing && !event.ctrl_key() && !event.meta_key() => {
            open_shortcuts()
        }
        _ => return,
    }
    event.prevent_default();
}

/// The keyboard shortcuts: the listener, and the dialog that lists them.
#[component]
pub fn Shortcuts() -> Html {
    use_effect_with((), |_| {
        let listener = Closure::<dyn Fn(KeyboardEvent)>::new(|event: KeyboardEvent| on_key(&event));
        let document = web_sys::window().and_then(|w| w.document());
        if let Some(document) = &document {
            let _ = document
                .add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
        }
        move || {
            if let Some(document) = document {
                let _ = document.remove_event_listener_with_callback(
                    "keydown",
                    listener.as_ref().unchecked_ref(),
                );
            }
        }
    });
    let onclose = Callback::from(|event: MouseEvent| {
        let dialog = event
            .target_dyn_into::<HtmlElement>()
            .and_then(|b| b.closest("dialog").ok().flatten())
            .and_then(|d| d.dyn_into::<HtmlDialogElement>().ok());
        if let Some(dialog) = dialog {
            dialog.close();
        }
    });
    html! {
        <dialog id={DIALOG} class="shortcuts" aria-labelledby="shortcuts-heading">
            <h2 id="shortcuts-heading">{ "Keyboard shortcuts" }</h2>
            <table>
                <thead><tr><th scope="col">{ "Keys" }</th><th scope="col">{ "What they do" }</th></tr></thead>
                <tbody>
                    { for SHORTCUTS.iter().map(|(keys, what)| html! {
                        <tr><td><kbd>{ *keys }</kbd></td><td>{ *what }</td></tr>
                    }) }
                </tbody>
            </table>
            <p class="muted">{ "Escape closes this dialog. Tab and Shift+Tab move between controls." }</p>
            <button type="button" onclick={onclose}>{ "Close" }</button>
        </dialog>
    }
}
