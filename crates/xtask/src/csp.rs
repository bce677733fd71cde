//! `cargo xtask csp [DIR]`: completes the Content Security Policy of a
//! built `index.html`. trunk runs it after each build, as `cargo xtask
//! post-build` (Trunk.toml), on
//! its staging directory, so every build has it: `trunk build`,
//! `trunk serve` and `cargo xtask dist`.
//!
//! index.html's policy allows scripts only from the page's own origin, and
//! names the inline scripts it allows with the placeholder
//! [`PLACEHOLDER`]. trunk writes one inline script, the module that loads
//! the wasm, whose text changes with every build (it names the hashed
//! files), so its hash can only be known after the build: this fills it in.
//! `trunk serve` also injects an inline autoreload script that talks to
//! trunk over a WebSocket; it is hashed too, and only then is `ws:` added
//! to `connect-src`.

use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha256};

/// What index.html's policy says where the inline scripts' hashes go.
pub const PLACEHOLDER: &str = "'inline-script-hashes'";

/// Fills in the policy of `DIR/index.html`; `DIR` defaults to trunk's
/// `TRUNK_STAGING_DIR`.
pub fn run(args: &[String]) -> Result<(), String> {
    let file = crate::run::hook_dir("csp", args)?.join("index.html");
    let html = read(&file)?;
    let html = complete(&html)?;
    std::fs::write(&file, html).map_err(|err| format!("{}: {err}", file.display()))
}

fn read(file: &Path) -> Result<String, String> {
    std::fs::read_to_string(file).map_err(|err| format!("{}: {err}", file.display()))
}

/// The texts of the inline `<script>` elements (those without `src`).
pub fn inline_scripts(html: &str) -> Vec<&str> {
    let mut scripts = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else { break };
        let tag = &after[..open_end];
        let body = &after[open_end + 1..];
        let Some(close) = body.find("</script>") else { break };
        if !tag.contains(" src=") {
            scripts.push(&body[..close]);
        }
        rest = &body[close..];
    }
    scripts
}

/// `'sha256-…'`, as CSP names a script by its text.
pub fn hash_source(script: &str) -> String {
    format!("'sha256-{}'", STANDARD.encode(Sha256::digest(script.as_bytes())))
}

/// `html` with the placeholder replaced by the inline scripts' hashes.
pub fn complete(html: &str) -> Result<String, String> {
    if !html.contains(PLACEHOLDER) {
        return Err(format!("index.html's Content Security Policy has no {PLACEHOLDER}"));
    }
    let scripts = inline_scripts(html);
    let hashes: Vec<String> = scripts.iter().map(|s| hash_source(s)).collect();
    let mut html = html.replacen(PLACEHOLDER, &hashes.join(" "), 1);
    // trunk serve's autoreload: a development-only WebSocket back to trunk.
    if scripts.iter().any(|s| s.contains("WebSocket")) {
        html = html.replacen("connect-src 'self'", "connect-src 'self' ws: wss:", 1);
    }
    Ok(html)
}

/// The policy of a built page, for `dist`'s check.
pub fn policy(html: &str) -> Option<&str> {
    let at = html.find("http-equiv=\"Content-Security-Policy\"")?;
    let content = &html[at..];
    let start = content.find("content=\"")? + "content=\"".len();
    let end = content[start..].find('"')?;
    Some(&content[start..start + end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_in_the_hash_of_each_inline_script() {
        let html = "<meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'self' \
                    'inline-script-hashes'; connect-src 'self'\">\n<script src=\"/a.js\"></script>\
                    <script type=\"module\">alert(1)</script>";
        let done = complete(html).unwrap();
        // `echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64`
        assert_eq!(
            policy(&done),
            Some(
                "script-src 'self' 'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='; connect-src 'self'"
            )
        );
        let serve = done.replace("alert(1)", "new WebSocket(u)");
        let serve = serve.replace(&hash_source("alert(1)"), PLACEHOLDER);
        assert!(
            policy(&complete(&serve).unwrap()).unwrap().ends_with("connect-src 'self' ws: wss:")
        );
        assert!(complete("<html></html>").is_err());
    }
}
