//! The importers, loaded on the first import.
//!
//! They are a module of their own (`src/importer_module.rs`, which trunk
//! writes to `dist/evpat-importer-<hash>.js` and `_bg.wasm`), because
//! their readers (YAML, HCL, Ruby) and messages are about 60 KB of the
//! page's gzipped wasm, and most visits never import. Focusing the import
//! box, or the first import, loads the module with a dynamic `import()`;
//! later imports call it at once. The outcome crosses as text
//! ([`evpat_rule::import::outcome_to_json`]).

use std::cell::RefCell;

use evpat_rule::import::{ImportError, Imported, Source, outcome_from_json};
use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// Where index.html names the module's JavaScript, a file beside the
/// page's own: `evpat-importer-<hash>.js`, once `cargo xtask fingerprint`
/// has named it by its content.
const MODULE_META: &str = "meta[name=evpat-importer]";

// A dynamic `import()` is syntax, not a function, so it needs this snippet
// of JavaScript; wasm-bindgen writes it as a file next to the page's own
// (the Content Security Policy allows no eval).
#[wasm_bindgen(inline_js = "export function load_module(url) { return import(url); }")]
extern "C" {
    fn load_module(url: &str) -> Promise;
}

thread_local! {
    /// The load under way or done: a promise of the module's `import_rules`,
    /// shared, so that the load that focusing the import box starts is the
    /// one an import waits for.
    static LOADING: RefCell<Option<Promise>> = const { RefCell::new(None) };
}

/// Starts loading the module, if no load is under way or done: the import
/// box calls it when it gets the focus, so that the module is usually there
/// by the time the user imports.
pub fn prepare() {
    let _ = loading();
}

/// The shared load.
fn loading() -> Promise {
    if let Some(promise) = LOADING.with(|slot| slot.borrow().clone()) {
        return promise;
    }
    let promise = wasm_bindgen_futures::future_to_promise(async {
        load().await.map(JsValue::from).map_err(|e| JsValue::from_str(&e))
    });
    LOADING.with(|slot| *slot.borrow_mut() = Some(promise.clone()));
    promise
}

/// Imports `text` as `source`, or guesses its kind: what
/// [`evpat_rule::import::import`] answers.
///
/// # Errors
///
/// The module could not be loaded (the network, say) or failed; the text
/// says why.
pub async fn import(
    text: &str,
    source: Option<Source>,
) -> Result<Result<Imported, ImportError>, String> {
    let function: Function = match JsFuture::from(loading()).await {
        Ok(function) => function.unchecked_into(),
        Err(error) => {
            // Forgotten, so that the next import tries again.
            LOADING.with(|slot| slot.borrow_mut().take());
            return Err(format!("the importers did not load: {}", describe(&error)));
        }
    };
    let name = JsValue::from_str(source.map_or("", Source::name));
    let answer = function
        .call2(&JsValue::NULL, &JsValue::from_str(text), &name)
        .map_err(|e| format!("the importers failed: {}", describe(&e)))?;
    outcome_from_json(&answer.as_string().unwrap_or_default())
}

/// Loads the module and returns its `import_rules`.
async fn load() -> Result<Function, String> {
    // Relative to the page's base, which `trunk --public-url` sets: the page
    // may be served from a sub-path.
    let document =
        web_sys::window().and_then(|window| window.document()).ok_or("the page has no document")?;
    let file = document
        .query_selector(MODULE_META)
        .ok()
        .flatten()
        .and_then(|meta| meta.get_attribute("content"))
        .ok_or("the page does not name the importers' module")?;
    let base = document.base_uri().ok().flatten().ok_or("the page has no address")?;
    let url = web_sys::Url::new_with_base(&file, &base).map_err(|e| describe(&e))?.href();
    let module = JsFuture::from(load_module(&url)).await.map_err(|e| describe(&e))?;
    let export = |name: &str| -> Result<Function, String> {
        Reflect::get(&module, &JsValue::from_str(name))
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
            .ok_or_else(|| format!("{file} has no {name}"))
    };
    // wasm-bindgen's `--target web` glue: `default` fetches and starts the
    // wasm beside it.
    let started = export("default")?.call0(&JsValue::NULL).map_err(|e| describe(&e))?;
    JsFuture::from(Promise::resolve(&started)).await.map_err(|e| describe(&e))?;
    export("import_rules")
}

/// A thrown JavaScript value as text: an `Error`'s message, or the value.
fn describe(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| format!("{value:?}"))
}
