//! `cargo xtask npm`: the npm package `evpat`, built from `crates/js` into
//! `target/npm/evpat/` and packed into `target/npm/evpat-<version>.tgz`.
//!
//! ```text
//! target/npm/evpat/
//!   package.json        exports: `.` (node → node/, import and default → bundler/), ./jest, ./vitest
//!   README.md           crates/js/README.md
//!   api.mjs api.cjs     the wrapper (crates/js/js/api.mjs), as ESM and as CommonJS
//!   matchers.mjs .cjs   toMatchPattern, likewise
//!   index.d.mts .d.cts  the declarations (crates/js/js/index.d.ts), for `import` and `require`
//!   node/               wasm-bindgen --target nodejs (CommonJS), index.cjs and index.mjs over it
//!   bundler/            wasm-bindgen --target bundler (ESM), index.mjs over it, and the
//!                       wasm-opt'ed module, which both builds load
//!   jest.cjs jest.mjs jest.d.cts jest.d.mts
//!   vitest.mjs vitest.d.mts
//! ```
//!
//! Node gets the `nodejs` build because the `bundler` build imports its
//! .wasm as an ES module, which neither plain Node nor Vitest (without a
//! plugin) can load. The Node ESM entry re-exports the CommonJS one, so a
//! process that both requires and imports the package holds one instance.

use std::path::{Path, PathBuf};

use crate::dist::gzipped_len;
use crate::run::{Workspace, step};

/// The package's version: the workspace's.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The features rustc 1.95 emits for wasm32 that wasm-opt must be told
/// about (the web page passes the same, in index.html).
const WASM_OPT_FEATURES: [&str; 4] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
];

/// The names the API exports, in every entry point and declaration file.
const API_NAMES: [&str; 10] = [
    "matches",
    "testEventPattern",
    "check",
    "explain",
    "RuleSet",
    "exportRule",
    "nextRuns",
    "envelope",
    "transform",
    "EventPatternError",
];

/// Where the packed tarball goes.
pub fn tarball(workspace: &Workspace) -> PathBuf {
    workspace.root.join(format!("target/npm/evpat-{VERSION}.tgz"))
}

/// Builds, assembles and packs the package, and prints its sizes.
pub fn build(workspace: &Workspace) -> Result<(), String> {
    let sources = workspace.root.join("crates/js");
    let npm = workspace.root.join("target/npm");
    let bindgen = npm.join("bindgen");
    let package = npm.join("evpat");

    step("npm: cargo build -p evpat-js (wasm32, profile release-web)");
    // The page's size-tuned profile: the package is also for bundlers.
    workspace
        .command("cargo")
        .args(["build", "--locked", "-p", "evpat-js", "--profile", "release-web"])
        .args(["--target", "wasm32-unknown-unknown"])
        .status_ok()?;
    let wasm = workspace.root.join("target/wasm32-unknown-unknown/release-web/evpat_js.wasm");

    step("npm: wasm-bindgen --target nodejs and --target bundler");
    remove_dir(&bindgen)?;
    for target in ["nodejs", "bundler"] {
        workspace
            .command("wasm-bindgen")
            .args(["--target", target, "--no-typescript", "--out-dir"])
            .arg(bindgen.join(target))
            .arg(&wasm)
            .status_ok()?;
    }
    // Both targets emit the same module; only the glue differs. So
    // wasm-opt runs once, and both builds ship its output.
    let node_wasm = bindgen.join("nodejs/evpat_js_bg.wasm");
    if read_bytes(&node_wasm)? != read_bytes(&bindgen.join("bundler/evpat_js_bg.wasm"))? {
        return Err("wasm-bindgen emitted different modules for nodejs and bundler".to_owned());
    }

    step("npm: wasm-opt -Oz (npm's binaryen)");
    let optimized = bindgen.join("evpat_js_bg.wasm");
    workspace
        .command("wasm-opt")
        .args(["-Oz", "--strip-debug"])
        .args(WASM_OPT_FEATURES)
        .arg(&node_wasm)
        .arg("-o")
        .arg(&optimized)
        .status_ok()?;

    step("npm: assemble target/npm/evpat");
    remove_dir(&package)?;
    let js = sources.join("js");
    let files: Vec<(PathBuf, String)> = vec![
        (package.join("package.json"), package_json()),
        (package.join("README.md"), read(&sources.join("README.md"))?),
        (package.join("api.mjs"), read(&js.join("api.mjs"))?),
        (package.join("api.cjs"), commonjs(&js.join("api.mjs"))?),
        (package.join("matchers.mjs"), read(&js.join("matchers.mjs"))?),
        (package.join("matchers.cjs"), commonjs(&js.join("matchers.mjs"))?),
        (package.join("index.d.mts"), read(&js.join("index.d.ts"))?),
        (package.join("index.d.cts"), read(&js.join("index.d.ts"))?),
        (package.join("node/index.cjs"), read(&js.join("node.cjs"))?),
        (package.join("node/index.mjs"), read(&js.join("node.mjs"))?),
        (package.join("node/evpat_js.js"), shared_wasm(&bindgen.join("nodejs/evpat_js.js"))?),
        (package.join("bundler/index.mjs"), read(&js.join("bundler.mjs"))?),
        (package.join("bundler/evpat_js.js"), read(&bindgen.join("bundler/evpat_js.js"))?),
        (package.join("bundler/evpat_js_bg.js"), read(&bindgen.join("bundler/evpat_js_bg.js"))?),
        // wasm-bindgen's bundler glue is ESM in `.js` files.
        (package.join("bundler/package.json"), "{\n  \"type\": \"module\"\n}\n".to_owned()),
        (package.join("jest.cjs"), read(&js.join("jest.cjs"))?),
        (package.join("jest.mjs"), read(&js.join("jest.mjs"))?),
        (package.join("jest.d.cts"), declarations(&js.join("jest.d.ts"), "./index.cjs")?),
        (package.join("jest.d.mts"), declarations(&js.join("jest.d.ts"), "./index.mjs")?),
        (package.join("vitest.mjs"), read(&js.join("vitest.mjs"))?),
        (package.join("vitest.d.mts"), declarations(&js.join("vitest.d.ts"), "./index.mjs")?),
    ];
    for (path, text) in &files {
        write(path, text.as_bytes())?;
    }
    let optimized = read_bytes(&optimized)?;
    write(&package.join("bundler/evpat_js_bg.wasm"), &optimized)?;
    check_entry_points(&package)?;

    step("npm: npm pack");
    let tarball = tarball(workspace);
    let _ = std::fs::remove_file(&tarball);
    workspace
        .command("npm")
        .current_dir(&package)
        .args(["pack", "--silent", "--pack-destination"])
        .arg(&npm)
        .status_ok()?;

    step("npm: sizes");
    let raw = read_bytes(&wasm)?.len();
    let packed = read_bytes(&tarball)?.len();
    println!("    evpat_js.wasm from cargo:   {raw:>9} bytes");
    println!(
        "    evpat_js_bg.wasm shipped:   {:>9} bytes, {:>7} gzipped ({:.1} KiB)",
        optimized.len(),
        gzipped_len(&optimized),
        gzipped_len(&optimized) as f64 / 1024.0
    );
    println!("    {}: {packed} bytes", tarball.display());
    Ok(())
}

/// The package manifest. The `types` conditions come first, as TypeScript
/// requires, each pointing at a declaration file of the same module kind.
fn package_json() -> String {
    format!(
        r#"{{
  "name": "evpat",
  "version": "{VERSION}",
  "description": "Amazon EventBridge event patterns, matched exactly as AWS matches them: test rules in Jest, Vitest and Node, without AWS",
  "license": "MIT OR Apache-2.0",
  "keywords": ["aws", "eventbridge", "event-pattern", "cdk", "jest", "vitest", "webassembly"],
  "engines": {{
    "node": ">=18"
  }},
  "main": "./node/index.cjs",
  "module": "./bundler/index.mjs",
  "types": "./index.d.cts",
  "exports": {{
    ".": {{
      "types": {{
        "import": "./index.d.mts",
        "require": "./index.d.cts"
      }},
      "node": {{
        "import": "./node/index.mjs",
        "require": "./node/index.cjs"
      }},
      "import": "./bundler/index.mjs",
      "default": "./bundler/index.mjs"
    }},
    "./jest": {{
      "types": {{
        "import": "./jest.d.mts",
        "require": "./jest.d.cts"
      }},
      "import": "./jest.mjs",
      "require": "./jest.cjs"
    }},
    "./vitest": {{
      "types": "./vitest.d.mts",
      "import": "./vitest.mjs"
    }},
    "./package.json": "./package.json"
  }},
  "typesVersions": {{
    "*": {{
      "jest": ["./jest.d.cts"],
      "vitest": ["./vitest.d.mts"]
    }}
  }},
  "peerDependencies": {{
    "vitest": ">=3.2.0"
  }},
  "peerDependenciesMeta": {{
    "vitest": {{
      "optional": true
    }}
  }}
}}
"#
    )
}

/// How the `nodejs` glue names its .wasm, as wasm-bindgen 0.2.130 writes
/// it (the workspace pins that version exactly), and the `bundler` build's
/// copy it reads instead. That copy stays beside the `bundler` glue,
/// because the module imports the glue by a path relative to itself.
const NODE_WASM: (&str, &str) =
    ("`${__dirname}/evpat_js_bg.wasm`", "`${__dirname}/../bundler/evpat_js_bg.wasm`");

/// The `nodejs` glue in `path`, made to load the `bundler` build's .wasm,
/// which halves the tarball. The reference must occur exactly once, so
/// that a change in wasm-bindgen's output fails the build rather than the
/// package.
fn shared_wasm(path: &Path) -> Result<String, String> {
    let (reference, shared) = NODE_WASM;
    let text = read(path)?;
    if text.matches(reference).count() != 1 {
        return Err(format!("{} names its .wasm other than as {reference}", path.display()));
    }
    Ok(text.replace(reference, shared))
}

/// `path`, an ES module that imports nothing and ends with its one
/// `export { … };` line, as CommonJS.
fn commonjs(path: &Path) -> Result<String, String> {
    let text = read(path)?;
    let body = text.trim_end();
    let (body, last) = body.rsplit_once('\n').unwrap_or(("", body));
    let names = last
        .strip_prefix("export { ")
        .and_then(|rest| rest.strip_suffix(" };"))
        .ok_or_else(|| format!("{} must end with `export {{ … }};`", path.display()))?;
    if body.lines().any(|line| line.starts_with("export ") || line.starts_with("import ")) {
        return Err(format!(
            "{} may only export in its last line, and import nothing",
            path.display()
        ));
    }
    Ok(format!("'use strict';\n\n{body}\nmodule.exports = {{ {names} }};\n"))
}

/// A declaration file whose `./index.js` import is made to name the
/// declarations of the same module kind.
fn declarations(path: &Path, index: &str) -> Result<String, String> {
    let text = read(path)?;
    if !text.contains("from './index.js'") {
        return Err(format!("{} must import from './index.js'", path.display()));
    }
    Ok(text.replace("from './index.js'", &format!("from '{index}'")))
}

/// Every entry point and declaration file names the whole API, so that
/// none falls behind when a function is added.
fn check_entry_points(package: &Path) -> Result<(), String> {
    for file in ["node/index.mjs", "bundler/index.mjs", "api.mjs", "index.d.mts"] {
        let text = read(&package.join(file))?;
        for name in API_NAMES {
            let declared = [format!("  {name},"), format!(" {name}("), format!("class {name} ")];
            if !declared.iter().any(|form| text.contains(form.as_str())) {
                return Err(format!("{file} does not export {name}"));
            }
        }
    }
    for file in ["node/evpat_js.js", "bundler/evpat_js.js", "bundler/evpat_js_bg.js"] {
        let text = read(&package.join(file))?;
        // An import from 'env' is a symbol no JavaScript provides, from a
        // dependency that is not wasm-clean: the module would not load.
        if text.contains("from 'env'")
            || text.contains("from \"env\"")
            || text.contains("require('env')")
        {
            return Err(format!("{file} imports from 'env'"));
        }
    }
    Ok(())
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|err| format!("{}: {err}", path.display()))
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|err| format!("{}: {err}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|err| format!("{}: {err}", dir.display()))?;
    }
    std::fs::write(path, bytes).map_err(|err| format!("{}: {err}", path.display()))
}

fn remove_dir(dir: &Path) -> Result<(), String> {
    match std::fs::remove_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(err) => Err(format!("{}: {err}", dir.display())),
    }
}
