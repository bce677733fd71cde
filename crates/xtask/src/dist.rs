//! `cargo xtask dist`: the release bundle in `dist/`, checked and measured.

use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::write::GzEncoder;

use crate::run::{Workspace, step};

/// Builds `dist/`, checks it and prints its sizes.
pub fn build(workspace: &Workspace, public_url: Option<&str>) -> Result<(), String> {
    step("dist: trunk build --release");
    let dist = workspace.root.join("dist");
    trunk_build(workspace, public_url, &dist)?;
    let files = files_under(&dist)?;

    step("dist: no emitted .js imports from 'env'");
    // An import from 'env' is a symbol no JavaScript provides, usually from
    // a dependency that is not wasm-clean; the page would fail to load.
    for file in files.iter().filter(|f| f.extension().is_some_and(|e| e == "js")) {
        let text = read(file)?;
        if text.contains("from 'env'") || text.contains("from \"env\"") {
            return Err(format!("{} imports from 'env'", file.display()));
        }
    }
    println!("    none");

    step("dist: the Content Security Policy names every inline script");
    let html = read(&dist.join("index.html"))?;
    let policy =
        crate::csp::policy(&html).ok_or("dist/index.html has no Content Security Policy")?;
    for script in crate::csp::inline_scripts(&html) {
        let hash = crate::csp::hash_source(script);
        if !policy.contains(&hash) {
            return Err(format!("the policy does not allow an inline script ({hash}): {policy}"));
        }
    }
    if policy.contains("unsafe-inline") || policy.contains(crate::csp::PLACEHOLDER) {
        return Err(format!("the policy is not complete and strict: {policy}"));
    }
    println!("    {policy}");

    step("dist: sizes");
    let (mut total, mut on_demand) = ((0, 0), 0);
    println!("    {:>10}  {:>10}  file", "bytes", "gzipped");
    for file in &files {
        let bytes = std::fs::read(file).map_err(|err| format!("{}: {err}", file.display()))?;
        let gzipped = gzipped_len(&bytes);
        total = (total.0 + bytes.len(), total.1 + gzipped);
        let name = file.strip_prefix(&dist).unwrap_or(file);
        if name.to_string_lossy().starts_with(ON_DEMAND) {
            on_demand += gzipped;
        }
        println!("    {:>10}  {:>10}  {}", bytes.len(), gzipped, name.display());
    }
    println!("    {:>10}  {:>10}  total", total.0, total.1);
    let page = total.1 - on_demand;
    println!("    gzipped, loaded with the page:        {page:>7} bytes ({:.1} KiB)", kib(page));
    println!(
        "    gzipped, loaded on the first import:  {on_demand:>7} bytes ({:.1} KiB)",
        kib(on_demand)
    );
    println!(
        "    gzipped, all of dist/:                {:>7} bytes ({:.1} KiB)",
        total.1,
        kib(total.1)
    );
    if page > PAGE_BUDGET {
        return Err(format!(
            "the page loads {page} bytes gzipped, more than its budget of {PAGE_BUDGET}"
        ));
    }
    Ok(())
}

/// The files the page loads only when it needs them: the importers' module
/// (crates/web/src/importer.rs), on the first import.
const ON_DEMAND: &str = crate::fingerprint::MODULE;

/// The release bundle's budget, gzipped, for what the page loads before
/// its first verdict: wasm, JavaScript, CSS and HTML.
const PAGE_BUDGET: usize = 400_000;

fn kib(bytes: usize) -> f64 {
    bytes as f64 / 1024.0
}

/// A release build for `public_url` (trunk's default, `/`, when `None`)
/// into `dist`.
pub fn trunk_build(
    workspace: &Workspace,
    public_url: Option<&str>,
    dist: &Path,
) -> Result<(), String> {
    let mut trunk = workspace.command("trunk").args(["build", "--release"]).arg("--dist").arg(dist);
    if let Some(url) = public_url {
        trunk = trunk.args(["--public-url", url]);
    }
    trunk.status_ok()
}

/// Every file under `dir`, sorted, so the size table is stable.
fn files_under(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|err| format!("{}: {err}", dir.display()))?;
        for entry in entries {
            let path = entry.map_err(|err| format!("{}: {err}", dir.display()))?.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

fn read(file: &Path) -> Result<String, String> {
    std::fs::read_to_string(file).map_err(|err| format!("{}: {err}", file.display()))
}

/// The size a static host serving gzip at its highest level would send.
pub fn gzipped_len(bytes: &[u8]) -> usize {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().map(|out| out.len()).unwrap_or(0)
}
