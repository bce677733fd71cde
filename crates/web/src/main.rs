//! The entry point trunk builds into the page.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::wasm_bindgen;

fn main() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_fatal_banner();
    }));
    // The app draws into its own element: Yew takes over whatever element
    // it renders into, and the banners beside it in index.html must
    // survive for when the app fails.
    let root = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id("app"));
    match root {
        Some(root) => yew::Renderer::<evpat_web::App>::with_root(root).render(),
        None => yew::Renderer::<evpat_web::App>::new().render(),
    };
}

/// A panic leaves the app unable to redraw, but the DOM and the user's text
/// in it survive. index.html holds a hidden banner that says so; a `window`
/// `error` listener there reveals it too, for failures no Rust hook sees,
/// such as a stack overflow.
fn show_fatal_banner() {
    let banner = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id("fatal"))
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(banner) = banner {
        banner.set_hidden(false);
    }
}

/// Makes the page fail on purpose, for the browser tests of what a failure
/// looks like (tests/e2e/failure.test.mjs, through `window.wasmBindings`):
/// `"panic"` panics; `"overflow"` overflows the WebAssembly stack, a trap
/// that no panic hook sees. It can only stop the page it runs in, which then
/// offers to reload with the saved work.
#[wasm_bindgen]
pub fn evpat_fault(kind: &str) -> u32 {
    match kind {
        "panic" => panic!("evpat_fault: a panic, on purpose"),
        "overflow" => deeper(0),
        _ => 0,
    }
}

/// Recursion that cannot become a loop: each call keeps a frame alive. It
/// stops only at a depth no stack holds.
fn deeper(depth: u32) -> u32 {
    let frame = std::hint::black_box([depth; 64]);
    if frame[0] == u32::MAX {
        return 0;
    }
    frame[1].wrapping_add(deeper(depth + 1).wrapping_mul(frame[2]))
}
