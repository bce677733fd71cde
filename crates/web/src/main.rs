//! The entry point trunk builds into the page.

use wasm_bindgen::JsCast;

fn main() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_fatal_banner();
    }));
    yew::Renderer::<evpat_web::App>::new().render();
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
