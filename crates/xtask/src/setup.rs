//! `cargo xtask setup`: install what the build and the tests need.
//!
//! Each step checks first and skips what is present, so running it again
//! costs a few probes. The traps behind each step are in
//! `../shared/reference/toolchain.md`; the short version is in comments.

use std::path::Path;

use crate::run::{Workspace, step};

pub fn run(workspace: &Workspace) -> Result<(), String> {
    wasm_target(workspace)?;
    trunk(workspace)?;
    wasm_bindgen(workspace)?;
    npm_packages(workspace)?;
    debian_packages(workspace)?;
    Ok(())
}

fn present(what: &str) {
    println!("    present: {what}");
}

fn wasm_target(workspace: &Workspace) -> Result<(), String> {
    step("setup: the wasm32-unknown-unknown target");
    let installed = workspace.command("rustup").args(["target", "list", "--installed"]).probe();
    if installed.is_some_and(|list| list.lines().any(|line| line == "wasm32-unknown-unknown")) {
        present("wasm32-unknown-unknown");
        return Ok(());
    }
    println!("    installing");
    workspace.command("rustup").args(["target", "add", "wasm32-unknown-unknown"]).status_ok()
}

fn trunk(workspace: &Workspace) -> Result<(), String> {
    step("setup: trunk 0.21.x");
    // trunk 0.22 needs a newer rustc than 1.95; `--locked` keeps its own
    // dependencies at versions that build here.
    if let Some(version) = workspace.command("trunk").arg("--version").probe()
        && version.starts_with("trunk 0.21.")
    {
        present(&version);
        return Ok(());
    }
    println!("    installing trunk (about 15 minutes on 2 cores)");
    workspace
        .command("cargo")
        .args(["install", "trunk", "--version", "~0.21", "--locked"])
        .status_ok()
}

fn wasm_bindgen(workspace: &Workspace) -> Result<(), String> {
    let wanted = locked_version(&workspace.root.join("Cargo.lock"), "wasm-bindgen")?;
    step(&format!("setup: wasm-bindgen-cli {wanted} (the version in Cargo.lock)"));
    // trunk uses a system wasm-bindgen only when its version is exactly
    // the lockfile's; offline, it cannot fetch another.
    let found = workspace.command("wasm-bindgen").arg("--version").probe();
    if found.as_deref() == Some(&format!("wasm-bindgen {wanted}")) {
        present(&format!("wasm-bindgen {wanted}"));
        return Ok(());
    }
    if let Some(found) = found {
        println!("    replacing {found}");
    }
    println!("    installing wasm-bindgen-cli (about 6 minutes on 2 cores)");
    // Not `--locked`: one of its locked dependencies is missing from the
    // registry.
    workspace
        .command("cargo")
        .args(["install", "wasm-bindgen-cli", "--force", "--version", &wanted])
        .status_ok()
}

/// The version of `package` in a Cargo.lock. The lockfile format is a
/// stable TOML layout of `name = "…"` followed by `version = "…"`, so a line
/// scan suffices.
fn locked_version(lockfile: &Path, package: &str) -> Result<String, String> {
    let text = std::fs::read_to_string(lockfile)
        .map_err(|err| format!("cannot read {}: {err}", lockfile.display()))?;
    let name_line = format!("name = \"{package}\"");
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line == name_line
            && let Some(version) = lines.next().and_then(|next| next.strip_prefix("version = "))
        {
            return Ok(version.trim_matches('"').to_owned());
        }
    }
    Err(format!("{package} is not in {}", lockfile.display()))
}

fn npm_packages(workspace: &Workspace) -> Result<(), String> {
    step("setup: npm packages in tests/ (binaryen for wasm-opt, playwright-core)");
    let tests = workspace.root.join("tests");
    let lock = std::fs::read(tests.join("package-lock.json"))
        .map_err(|err| format!("cannot read tests/package-lock.json: {err}"))?;
    // `npm ci` always starts from scratch, so it runs only when the lock
    // changed since the last install it recorded.
    let stamp = tests.join("node_modules/.evpat-installed-lock");
    if std::fs::read(&stamp).is_ok_and(|installed| installed == lock)
        && tests.join("node_modules/.bin/wasm-opt").exists()
    {
        present("tests/node_modules matches tests/package-lock.json");
    } else {
        println!("    installing with npm ci");
        workspace
            .command("npm")
            .current_dir(&tests)
            .args(["ci", "--no-audit", "--no-fund"])
            .status_ok()?;
        std::fs::write(&stamp, &lock)
            .map_err(|err| format!("cannot write the npm stamp: {err}"))?;
    }
    let wasm_opt = workspace
        .command("wasm-opt")
        .arg("--version")
        .probe()
        .ok_or("wasm-opt from tests/node_modules does not run")?;
    println!("    wasm-opt: {wasm_opt}");
    Ok(())
}

/// Debian's packages, by the binary that shows each is installed: the
/// browser for the end-to-end tests (never Playwright's download), and Ruby,
/// which runs the `jets` exports against a stub of Jets' DSL.
const DEBIAN_PACKAGES: [(&str, &str); 3] = [
    ("chromium", "/usr/bin/chromium"),
    ("chromium-driver", "/usr/bin/chromedriver"),
    ("ruby", "/usr/bin/ruby"),
];

fn debian_packages(workspace: &Workspace) -> Result<(), String> {
    step("setup: Debian's chromium, chromium-driver and ruby");
    let missing: Vec<&str> = DEBIAN_PACKAGES
        .into_iter()
        .filter(|(_, binary)| !Path::new(binary).exists())
        .map(|(package, _)| package)
        .collect();
    if missing.is_empty() {
        let binaries: Vec<&str> = DEBIAN_PACKAGES.iter().map(|(_, binary)| *binary).collect();
        present(&binaries.join(", "));
        return Ok(());
    }
    let packages = missing.join(" ");
    if workspace.command("id").arg("-u").probe().as_deref() != Some("0") {
        return Err(format!(
            "{packages} missing, and installing needs root. Run:\n\n    \
             sudo apt-get update && sudo apt-get install -y {packages}\n\n\
             then run this command again."
        ));
    }
    let apt = |args: &[&str]| {
        workspace.command("apt-get").env("DEBIAN_FRONTEND", "noninteractive").args(args).status_ok()
    };
    println!("    installing {packages} with apt-get");
    apt(&["update"])?;
    let mut install = vec!["install", "-y"];
    install.extend(&missing);
    if apt(&install).is_err() {
        // An interrupted upgrade leaves unmet dependencies that block
        // every install until they are fixed.
        println!("    repairing apt's state, then trying again");
        apt(&["--fix-broken", "install", "-y"])?;
        apt(&install)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_package_version_from_a_lockfile() {
        let dir = std::env::temp_dir().join(format!("xtask-lock-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let lockfile = dir.join("Cargo.lock");
        let text = "[[package]]\nname = \"wasm-bindgen-macro\"\nversion = \"0.2.1\"\n\n\
                    [[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n";
        std::fs::write(&lockfile, text).unwrap();
        assert_eq!(locked_version(&lockfile, "wasm-bindgen"), Ok("0.2.130".to_owned()));
        assert!(locked_version(&lockfile, "trunk").is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
