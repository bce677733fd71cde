//! `cargo xtask fingerprint [DIR]`: names the importers' module by its
//! content. trunk runs it after `csp`, as `cargo xtask post-build` (Trunk.toml).
//!
//! trunk names the page's own files by a hash of their content, so a host
//! may cache them for ever, but writes a module of `data-type="worker"`
//! under its binary's name (`evpat-importer.js` and `_bg.wasm`), since a
//! worker is named at run time. Cached under a fixed name, an old module
//! could answer a new page, or an old `.js` load a new `.wasm`. This
//! renames both files after a hash of the two, points the `.js` at the
//! renamed `.wasm`, and writes the `.js`'s name into index.html's
//! `<meta name="evpat-importer">`, where the page reads it
//! (crates/web/src/importer.rs).

use std::path::Path;

use sha2::{Digest, Sha256};

/// The module's name as trunk writes it, and as index.html's meta names it
/// until this runs.
pub const MODULE: &str = "evpat-importer";

/// Renames the module in `DIR`; `DIR` defaults to trunk's
/// `TRUNK_STAGING_DIR`.
pub fn run(args: &[String]) -> Result<(), String> {
    let dir = crate::run::hook_dir("fingerprint", args)?;
    let (js_file, wasm_file) =
        (dir.join(format!("{MODULE}.js")), dir.join(format!("{MODULE}_bg.wasm")));
    let (js, wasm) = (read(&js_file)?, std::fs::read(&wasm_file).map_err(|e| io(&wasm_file, e))?);
    let html_file = dir.join("index.html");
    let html = read(&html_file)?;
    let (js_name, wasm_name, js, html) = rename(&js, &wasm, &html)?;
    write(&dir.join(&wasm_name), &wasm)?;
    write(&dir.join(&js_name), js.as_bytes())?;
    write(&html_file, html.as_bytes())?;
    std::fs::remove_file(&js_file).map_err(|e| io(&js_file, e))?;
    std::fs::remove_file(&wasm_file).map_err(|e| io(&wasm_file, e))
}

/// The new names of the `.js` and the `.wasm`, the `.js` that loads the
/// renamed `.wasm`, and the page that names the renamed `.js`.
fn rename(js: &str, wasm: &[u8], html: &str) -> Result<(String, String, String, String), String> {
    let mut hasher = Sha256::new();
    hasher.update(js.as_bytes());
    hasher.update(wasm);
    let hash: String = hasher.finalize().iter().take(8).map(|b| format!("{b:02x}")).collect();
    let (js_name, wasm_name) = (format!("{MODULE}-{hash}.js"), format!("{MODULE}-{hash}_bg.wasm"));
    let old_wasm = format!("'{MODULE}_bg.wasm'");
    if js.matches(&old_wasm).count() != 1 {
        return Err(format!("{MODULE}.js does not name {old_wasm} exactly once"));
    }
    let meta = format!(r#"<meta name="{MODULE}" content="{MODULE}.js" />"#);
    if html.matches(&meta).count() != 1 {
        return Err(format!("index.html does not hold {meta} exactly once"));
    }
    let js = js.replacen(&old_wasm, &format!("'{wasm_name}'"), 1);
    let html = html.replacen(&meta, &format!(r#"<meta name="{MODULE}" content="{js_name}" />"#), 1);
    Ok((js_name, wasm_name, js, html))
}

fn read(file: &Path) -> Result<String, String> {
    std::fs::read_to_string(file).map_err(|e| io(file, e))
}

fn write(file: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(file, bytes).map_err(|e| io(file, e))
}

fn io(file: &Path, error: std::io::Error) -> String {
    format!("{}: {error}", file.display())
}

#[cfg(test)]
mod tests {
    use super::*;

    const JS: &str = "module_or_path = new URL('evpat-importer_bg.wasm', import.meta.url);";
    const HTML: &str = r#"<head><meta name="evpat-importer" content="evpat-importer.js" /></head>"#;

    #[test]
    fn names_both_files_by_their_content() {
        let (js_name, wasm_name, js, html) = rename(JS, b"\0asm", HTML).unwrap();
        assert_eq!(js_name, "evpat-importer-18b392e2014ed69c.js");
        assert_eq!(wasm_name, "evpat-importer-18b392e2014ed69c_bg.wasm");
        assert_eq!(
            js,
            "module_or_path = new URL('evpat-importer-18b392e2014ed69c_bg.wasm', import.meta.url);"
        );
        assert_eq!(
            html,
            r#"<head><meta name="evpat-importer" content="evpat-importer-18b392e2014ed69c.js" /></head>"#
        );
        // Another .wasm, another name.
        assert_ne!(rename(JS, b"\0asm\x01", HTML).unwrap().0, js_name);
    }

    #[test]
    fn refuses_files_it_does_not_recognise() {
        assert_eq!(
            rename("no wasm named", b"", HTML).unwrap_err(),
            "evpat-importer.js does not name 'evpat-importer_bg.wasm' exactly once"
        );
        assert_eq!(
            rename(JS, b"", "<head></head>").unwrap_err(),
            r#"index.html does not hold <meta name="evpat-importer" content="evpat-importer.js" /> exactly once"#
        );
    }
}
