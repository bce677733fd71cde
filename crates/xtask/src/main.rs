//! `cargo xtask`: the project's workflows, one command each.
//!
//! - `setup`: install the tools the build and the browser tests need,
//!   skipping what is present. It is idempotent and prints each step.
//! - `serve`: setup, then `trunk serve` on 127.0.0.1.
//! - `dist [--public-url /sub/path/]`: setup, then a release build into
//!   `dist/`, checked and measured.
//! - `test`: setup, then every check CI runs, stopping at the first red one.
//! - `bench`: the criterion benchmarks (not part of `test`: speed is
//!   measured, never asserted in tests).
//!
//! This is plain Rust rather than shell so that it runs the same wherever
//! cargo does, and reads the versions it pins from the lockfiles.

mod dist;
mod run;
mod setup;

use std::process::ExitCode;

use run::{Workspace, step};

const USAGE: &str = "\
Usage: cargo xtask <command>

Commands:
  setup                        install the toolchain pieces (idempotent)
  serve [--port N]             setup, then serve the playground on 127.0.0.1
  dist [--public-url PATH]     setup, then build the release bundle into dist/
  test                         setup, then every check CI runs
  bench [ARGS]                 the criterion benchmarks; ARGS go to criterion";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let workspace = Workspace::locate();
    let result = match args.first().map(String::as_str) {
        Some("setup") if args.len() == 1 => setup::run(&workspace),
        Some("serve") => serve(&workspace, &args[1..]),
        Some("dist") => dist_command(&workspace, &args[1..]),
        Some("test") if args.len() == 1 => test(&workspace),
        Some("bench") => bench(&workspace, &args[1..]),
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => Err(format!("unknown or incomplete command: {}\n\n{USAGE}", args.join(" "))),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn serve(workspace: &Workspace, args: &[String]) -> Result<(), String> {
    let port = match args {
        [] => "8080".to_owned(),
        [flag, port] if flag == "--port" && port.parse::<u16>().is_ok() => port.clone(),
        _ => return Err(format!("serve takes only --port N\n\n{USAGE}")),
    };
    setup::run(workspace)?;
    step("serve");
    println!("    the playground: http://127.0.0.1:{port}/  (Ctrl-C stops it)");
    workspace
        .command("trunk")
        .args(["serve", "--address", "127.0.0.1", "--port", &port])
        .status_ok()
}

fn dist_command(workspace: &Workspace, args: &[String]) -> Result<(), String> {
    let public_url = match args {
        [] => None,
        [flag, url] if flag == "--public-url" => Some(url.as_str()),
        _ => return Err(format!("dist takes only --public-url PATH\n\n{USAGE}")),
    };
    setup::run(workspace)?;
    dist::build(workspace, public_url)
}

fn bench(workspace: &Workspace, args: &[String]) -> Result<(), String> {
    step("cargo bench -p evpat");
    workspace
        .command("cargo")
        .args(["bench", "--locked", "-p", "evpat", "--"])
        .args(args)
        .status_ok()
}

/// Where the browser tests deploy the sub-path build.
const SUBPATH: &str = "/tools/evpat/";

/// Every check CI runs, cheapest first, stopping at the first failure.
fn test(workspace: &Workspace) -> Result<(), String> {
    setup::run(workspace)?;
    step("cargo fmt --check");
    workspace.command("cargo").args(["fmt", "--all", "--check"]).status_ok()?;
    step("clippy (native)");
    workspace
        .command("cargo")
        .args(["clippy", "--workspace", "--all-targets", "--locked", "--", "-D", "warnings"])
        .status_ok()?;
    step("clippy (wasm32)");
    workspace
        .command("cargo")
        .args(["clippy", "--target", "wasm32-unknown-unknown", "--locked", "--all-targets"])
        .args(["-p", "evpat", "-p", "evpat-rule", "-p", "evpat-web", "--", "-D", "warnings"])
        .status_ok()?;
    step("cargo test --workspace");
    workspace.command("cargo").args(["test", "--workspace", "--locked"]).status_ok()?;
    step("cargo test (wasm32, in Node: the input-safety limits)");
    workspace
        .command("cargo")
        .args(["test", "--locked", "-p", "evpat", "--test", "wasm"])
        .args(["--target", "wasm32-unknown-unknown"])
        .status_ok()?;
    dist::build(workspace, None)?;
    step("dist: a build for a sub-path, for the deployment test");
    let subpath_dist = workspace.root.join("target/dist-subpath");
    dist::trunk_build(workspace, Some(SUBPATH), &subpath_dist)?;
    step(
        "Node tests: the browser end-to-end tests, schedules against aws-cron-parser, and every \
         export run or parsed by its own tool",
    );
    workspace
        .command("node")
        .current_dir(workspace.root.join("tests"))
        // The timeout only guards against a hang; speed is not tested here.
        .args([
            "--test",
            "--test-concurrency=1",
            "--test-timeout=180000",
            "e2e/",
            "schedule/",
            "export/",
        ])
        // `cargo test --workspace` built this binary for the CLI's own
        // tests; building it again with `-p evpat-cli` alone would unify
        // features differently and recompile its dependencies.
        .env("EVPAT_BIN", workspace.root.join("target/debug/evpat"))
        .env("EVPAT_DIST", workspace.root.join("dist"))
        .env("EVPAT_SUBPATH_DIST", &subpath_dist)
        .env("EVPAT_SUBPATH", SUBPATH)
        .status_ok()?;
    println!("\nxtask: every check passed");
    Ok(())
}
