//! Keeping the user's work: the browser's side. What is saved, and how it
//! is read back, is `evpat_workspace`'s (tested natively); this module only
//! moves that text between the page and `localStorage`, the address bar's
//! fragment, files and the clipboard.
//!
//! - Autosave: every change to the work is written to `localStorage`
//!   synchronously, from the reducer, before the page evaluates anything:
//!   should evaluation then fail, a reload restores the work.
//! - Opening a share link, or importing a file, first keeps the work it
//!   replaces under [`PREVIOUS`], and the page offers to restore it.
//! - Saved text that cannot be read is kept under [`UNREADABLE`], never
//!   overwritten silently.
//!
//! Outside a browser (the native tests) every function here does nothing.

use std::cell::RefCell;

use evpat_workspace::{Event, Workspace, decode, encode, link::PREFIX};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Storage;

use crate::state::{Notice, State};

/// Where autosave keeps the work: the workspace document, without its
/// events...
pub const SAVED: &str = "evpat.workspace";
/// ...which are kept here, as a JSON array, and written only when they
/// change: typing in a pattern next to a 1 MB event must not rewrite the
/// megabyte on every keystroke.
pub const SAVED_EVENTS: &str = "evpat.workspace.events";
/// Where the work replaced by a share link or an imported file is kept.
pub const PREVIOUS: &str = "evpat.workspace.previous";
/// Where saved text that could not be read is kept.
pub const UNREADABLE: &str = "evpat.workspace.unreadable";

/// Where workspace notices show.
pub const PLACE: &str = "workspace";
/// The same place, for a notice after a share link or a file replaced the
/// work: the page then offers to restore what was there.
pub const REPLACED: &str = "workspace:replaced";

thread_local! {
    /// The text last written to [`SAVED`], so that actions which change
    /// nothing in the work (opening an explanation) write nothing.
    static LAST_SAVED: RefCell<String> = const { RefCell::new(String::new()) };
    /// The events last written to [`SAVED_EVENTS`].
    static LAST_EVENTS: RefCell<Option<Vec<Event>>> = const { RefCell::new(None) };
    /// The work the address bar's share link holds, while it does.
    static LINKED: RefCell<Option<Workspace>> = const { RefCell::new(None) };
}

fn in_browser() -> bool {
    cfg!(target_arch = "wasm32")
}

fn storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn notice(error: bool, line: String) -> Notice {
    Notice { place: PLACE, error, lines: vec![line] }
}

fn counted(n: usize, one: &str) -> String {
    if n == 1 { format!("1 {one}") } else { format!("{n} {one}s") }
}

fn contents(workspace: &Workspace) -> String {
    format!(
        "{} and {}",
        counted(workspace.rules.len(), "rule"),
        counted(workspace.events.len(), "event")
    )
}

/// The state the page opens with: a share link's, else the saved work,
/// else the sample; with a notice saying which, when it is not the usual.
pub fn initial() -> State {
    if !in_browser() {
        return State::default();
    }
    let mut link_problem = None;
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    if hash.starts_with(&format!("#{PREFIX}")) {
        match decode(&hash) {
            Ok(workspace) => {
                keep_previous(&workspace);
                let line = format!(
                    "Opened the shared workspace: {}. Edits are saved in this browser.",
                    contents(&workspace)
                );
                LINKED.with(|linked| *linked.borrow_mut() = Some(workspace.clone()));
                let mut state = State::from_workspace(workspace);
                state.notice = Some(Notice { place: REPLACED, error: false, lines: vec![line] });
                return state;
            }
            Err(error) => link_problem = Some(format!("This link could not be opened: {error}.")),
        }
    }
    let mut state = State::default();
    let mut lines: Vec<String> = link_problem.into_iter().collect();
    if let Some((text, events)) = saved() {
        match read_saved(&text, events.as_deref()) {
            Ok(workspace) => {
                LAST_SAVED.with(|last| *last.borrow_mut() = text);
                LAST_EVENTS.with(|last| *last.borrow_mut() = Some(workspace.events.clone()));
                state = State::from_workspace(workspace);
                if !lines.is_empty() {
                    lines.push("Your saved work is shown instead.".to_owned());
                }
            }
            Err(error) => {
                if let Some(storage) = storage() {
                    let _ = storage.set_item(UNREADABLE, &text);
                    if let Some(events) = events {
                        let _ = storage.set_item(&format!("{UNREADABLE}.events"), &events);
                    }
                }
                lines.push(format!(
                    "Your saved work could not be restored: {error}. The page starts from the \
                     sample; the saved text is kept in this browser's storage, under \
                     \"{UNREADABLE}\"."
                ));
            }
        }
    }
    if !lines.is_empty() {
        state.notice = Some(Notice { place: PLACE, error: true, lines });
    }
    state
}

/// The saved document and, if kept apart, its events.
fn saved() -> Option<(String, Option<String>)> {
    let storage = storage()?;
    let text = storage.get_item(SAVED).ok().flatten()?;
    Some((text, storage.get_item(SAVED_EVENTS).ok().flatten()))
}

fn read_saved(text: &str, events: Option<&str>) -> Result<Workspace, evpat_workspace::LoadError> {
    match events {
        Some(events) => Workspace::from_parts(text, events),
        None => Workspace::from_json(text),
    }
}

/// Keeps the saved work under [`PREVIOUS`] before `incoming` replaces it,
/// unless it is the same work.
fn keep_previous(incoming: &Workspace) {
    let Some(storage) = storage() else { return };
    if let Some((text, events)) = saved()
        && let Ok(workspace) = read_saved(&text, events.as_deref())
        && workspace != *incoming
    {
        let _ = storage.set_item(PREVIOUS, &workspace.to_json());
    }
}

/// Whether there is previous work to restore.
pub fn has_previous() -> bool {
    in_browser() && storage().and_then(|s| s.get_item(PREVIOUS).ok().flatten()).is_some()
}

/// The previous work, to load; or why it cannot be.
pub fn previous() -> Result<Workspace, String> {
    let text = storage()
        .and_then(|s| s.get_item(PREVIOUS).ok().flatten())
        .ok_or_else(|| "there is no previous work in this browser".to_owned())?;
    Workspace::from_json(&text).map_err(|error| error.to_string())
}

/// Saves the work after a change, and drops a share link from the address
/// bar once the work no longer is what it holds. Returns a notice when the
/// work could not be saved.
pub fn autosave(state: &State) -> Option<Notice> {
    if !in_browser() {
        return None;
    }
    let workspace = state.to_workspace();
    LINKED.with(|linked| {
        let mut linked = linked.borrow_mut();
        if linked.as_ref().is_some_and(|held| *held != workspace) {
            *linked = None;
            drop_fragment();
        }
    });
    let storage = storage()?;
    let mut failed = 0;
    let events_changed = LAST_EVENTS.with(|last| last.borrow().as_ref() != Some(&workspace.events));
    if events_changed {
        let text = Workspace::events_json(&workspace.events);
        match storage.set_item(SAVED_EVENTS, &text) {
            Ok(()) => LAST_EVENTS.with(|last| *last.borrow_mut() = Some(workspace.events.clone())),
            Err(_) => failed += text.len(),
        }
    }
    // The document part: the workspace without its events.
    let document = Workspace { events: Vec::new(), ..workspace }.to_json();
    if LAST_SAVED.with(|last| *last.borrow() != document) {
        match storage.set_item(SAVED, &document) {
            Ok(()) => LAST_SAVED.with(|last| *last.borrow_mut() = document),
            Err(_) => failed += document.len(),
        }
    }
    (failed > 0).then(|| {
        notice(
            true,
            format!(
                "Autosave is off: this workspace (about {} KB) is more than this browser's \
                 storage holds. Use \"Export workspace\" to keep it in a file.",
                failed.div_ceil(1024)
            ),
        )
    })
}

fn drop_fragment() {
    let Some(window) = web_sys::window() else { return };
    let location = window.location();
    let url = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// Puts the work in the address bar as a share link, and returns the link;
/// or why it cannot be.
pub fn share(state: &State) -> Result<String, String> {
    let workspace = state.to_workspace();
    let fragment = encode(&workspace).map_err(|error| error.to_string())?;
    let window = web_sys::window().ok_or("no window")?;
    let location = window.location();
    let url = format!(
        "{}{}{}#{fragment}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
    LINKED.with(|linked| *linked.borrow_mut() = Some(workspace));
    Ok(url)
}

/// What the page says after [`share`].
pub fn shared_notice(url: &str, copied: bool) -> Notice {
    let size = url.len().div_ceil(1024);
    notice(
        false,
        if copied {
            format!(
                "Link copied ({size} KB). The work is in the part after #, which browsers \
                 never send to a server."
            )
        } else {
            format!(
                "The link is in the address bar ({size} KB): copy it from there. The work is \
                 in the part after #, which browsers never send to a server."
            )
        },
    )
}

/// The name an exported workspace file gets.
pub const FILE_NAME: &str = "evpat-workspace.json";

/// Offers the work as a file to download.
pub fn export(state: &State) -> Result<(), JsValue> {
    let text = state.to_workspace().to_json();
    let parts = js_sys::Array::of1(&JsValue::from_str(&text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(FILE_NAME);
    link.click();
    web_sys::Url::revoke_object_url(&url)
}

/// Reads an imported file's text as a workspace, keeping the work it will
/// replace; the notice says what happened either way.
pub fn import(name: &str, text: &str) -> Result<(Workspace, Notice), Notice> {
    match Workspace::from_json(text) {
        Ok(workspace) => {
            keep_previous(&workspace);
            let line = format!("Imported {name}: {}.", contents(&workspace));
            Ok((workspace, Notice { place: REPLACED, error: false, lines: vec![line] }))
        }
        Err(error) => Err(notice(true, format!("{name} was not imported: {error}."))),
    }
}

/// The notice after restoring the previous work.
pub fn restored_notice(workspace: &Workspace) -> Notice {
    notice(false, format!("Restored your previous work: {}.", contents(workspace)))
}
