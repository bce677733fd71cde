//! The pieces of the page. They draw what they are given and report input
//! through callbacks; none of them decides anything.

pub mod event_tree;
pub mod events;
pub mod explanation;
pub mod json_editor;
pub mod lints;
pub mod matrix;
pub mod rule_panel;
pub mod verdict;
pub mod workspace_bar;

use std::ops::Deref;
use std::rc::Rc;

use wasm_bindgen_futures::JsFuture;

/// Derived data handed to a component. Equal when it is the same
/// computation: memos hand out a new `Rc` only when their inputs change,
/// so comparing pointers is exact and costs nothing, where comparing
/// contents (a whole matrix, every explanation) would cost a render.
pub struct Shared<T>(pub Rc<T>);

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

/// Puts `text` on the clipboard; whether the browser allowed it.
pub async fn copy_text(text: &str) -> bool {
    match web_sys::window() {
        Some(window) => {
            JsFuture::from(window.navigator().clipboard().write_text(text)).await.is_ok()
        }
        None => false,
    }
}

/// `ms` with `places` decimals (`12.345`), for timings. Integer arithmetic,
/// because `format!("{ms:.3}")` would bring core's float printer (about
/// 10 KB of wasm) into the page for a figure.
pub fn milliseconds(ms: f64, places: u32) -> String {
    let scale = 10u64.pow(places);
    // `as` saturates: a negative or NaN time reads as 0.
    let scaled = (ms * scale as f64).round() as u64;
    let width = places as usize;
    format!("{}.{:0width$}", scaled / scale, scaled % scale)
}
