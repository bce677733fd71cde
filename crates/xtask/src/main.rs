//! `cargo xtask`: the project's workflows, one command each.
//!
//! - `setup`: install the tools the build and the browser tests need,
//!   skipping what is present. It is idempotent and prints each step.
//! - `serve`: setup, then `trunk serve` on 127.0.0.1.
//! - `dist [--public-url /sub/path/]`: setup, then a release build into
//!   `dist/`, checked and measured.
//! - `test`: setup, then every check CI runs, stopping at the first red one.
//! - `csp`: the Content Security Policy's script hashes, run by trunk as a
//!   post-build hook (see csp.rs).
//! - `fingerprint`: names the importers' module by its content (see
//!   fingerprint.rs).
//! - `post-build`: `csp`, then `fingerprint`: trunk's post-build hook.
//! - `bench`: the benchmarks (not part of `test`: speed is measured,
//!   never asserted in tests).
//!
//! This is plain Rust rather than shell so that it runs the same wherever
//! cargo does, and reads the versions it pins from the lockfiles.

mod csp;
mod dist;
mod fingerprint;
mod fuzz;
mod npm;
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
  npm                          setup, then the npm package into target/npm/
  csp [DIR]                    fill in DIR/index.html's script hashes
  fingerprint [DIR]            name DIR's importer module by its content
  post-build [DIR]             csp, then fingerprint (trunk's post-build hook)
  bench [ARGS]                 the benchmarks (citylots, filter, wasm, explain);
                               ARGS go to the citylots bench, e.g. --passes 10
  fuzz --seconds N [TARGET…]   each fuzz target (or those named) for N s, and a table";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let workspace = Workspace::locate();
    let result = match args.first().map(String::as_str) {
        Some("setup") if args.len() == 1 => setup::run(&workspace),
        Some("serve") => serve(&workspace, &args[1..]),
        Some("dist") => dist_command(&workspace, &args[1..]),
        Some("test") if args.len() == 1 => test(&workspace),
        Some("npm") if args.len() == 1 => {
            setup::run(&workspace).and_then(|()| npm::build(&workspace))
        }
        Some("bench") => bench(&workspace, &args[1..]),
        Some("fuzz") => fuzz::run(&workspace, &args[1..]),
        Some("csp") => csp::run(&args[1..]),
        Some("fingerprint") => fingerprint::run(&args[1..]),
        Some("post-build") => csp::run(&args[1..]).and_then(|()| fingerprint::run(&args[1..])),
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

/// The benchmarks, in release mode (fat LTO), speed measured and never
/// asserted:
///
/// 1. citylots: `RuleSet`, the reference matcher and the `quamina` crate
///    side by side on 213,068 generated events, per rule category, all
///    rules at once, scaling and memory (benches/citylots/main.rs). It
///    also writes the data set for step 2.
/// 2. `evpat filter --rules` end to end over that file, with the EXACT
///    rules, on one thread and on two: wall-clock time from start to exit,
///    reading the file included, best of three; its per-rule counts are
///    checked against the published ones.
/// 3. The playground's path (10 rules × 100 events) in WebAssembly, in
///    headless Chromium (benches/playground.rs).
/// 4. criterion: explaining and matching one large event (benches/explain.rs).
fn bench(workspace: &Workspace, args: &[String]) -> Result<(), String> {
    let data = workspace.root.join("target/citylots/citylots.jsonl");
    step("citylots: RuleSet, the reference matcher and quamina, side by side");
    workspace
        .command("cargo")
        .args(["bench", "--locked", "-p", "evpat", "--bench", "citylots", "--", "--write-data"])
        .arg(&data)
        .args(args)
        .status_ok()?;

    step("evpat filter --rules EXACT.jsonl over the citylots file, end to end");
    workspace
        .command("cargo")
        .args(["build", "--locked", "--release", "-p", "evpat-cli"])
        .status_ok()?;
    let rules_dir = workspace.root.join("crates/evpat/benches/citylots/rules");
    let counts = std::fs::read_to_string(rules_dir.join("counts.json"))
        .map_err(|e| format!("cannot read counts.json: {e}"))?;
    let expected: String = counts
        .lines()
        .find_map(|line| line.trim().strip_prefix("\"EXACT\": ["))
        .and_then(|rest| rest.split(']').next())
        .ok_or("counts.json has no EXACT counts")?
        .split(", ")
        .enumerate()
        .map(|(i, n)| format!("{i}\t{n}\n"))
        .collect();
    let lines = std::fs::read(&data).map_err(|e| format!("cannot read {}: {e}", data.display()))?;
    let events = lines.iter().filter(|&&b| b == b'\n').count();
    let evpat = workspace.root.join("target/release/evpat");
    for jobs in ["1", "2"] {
        let mut best = f64::INFINITY;
        for _ in 0..3 {
            let started = std::time::Instant::now();
            let output = workspace
                .command(&evpat.to_string_lossy())
                .args(["filter", "--count", "-j", jobs, "--rules"])
                .arg(rules_dir.join("EXACT.jsonl"))
                .arg(&data)
                .probe()
                .ok_or("evpat filter failed")?;
            best = best.min(started.elapsed().as_secs_f64());
            if format!("{output}\n") != expected {
                return Err(format!("evpat filter counted\n{output}\nnot\n{expected}"));
            }
        }
        println!(
            "    evpat filter --rules EXACT.jsonl -j {jobs}: {events} events in {:.3} s, {:.2} M events/s \
             (wall clock, best of 3, counts equal)",
            best,
            events as f64 / best / 1e6
        );
    }

    step("the playground's path in WebAssembly, in headless Chromium");
    workspace
        .command("cargo")
        .args([
            "test",
            "--locked",
            "--release",
            "-p",
            "evpat",
            "--target",
            "wasm32-unknown-unknown",
        ])
        .args(["--test", "playground", "--", "--nocapture"])
        .env("CHROMEDRIVER", "/usr/bin/chromedriver")
        .status_ok()?;

    step("criterion: explain");
    workspace
        .command("cargo")
        .args(["bench", "--locked", "-p", "evpat", "--bench", "explain"])
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
        .args(["-p", "evpat", "-p", "evpat-rule", "-p", "evpat-web", "-p", "evpat-workspace"])
        .args(["-p", "evpat-js"])
        .args(["--", "-D", "warnings"])
        .status_ok()?;
    step("cargo test --workspace");
    workspace.command("cargo").args(["test", "--workspace", "--locked"]).status_ok()?;
    step("cargo test (wasm32, in Node: the input-safety limits)");
    workspace
        .command("cargo")
        .args(["test", "--locked", "-p", "evpat", "--test", "wasm"])
        .args(["--target", "wasm32-unknown-unknown"])
        .status_ok()?;
    npm::build(workspace)?;
    step(
        "npm: the package from its tarball: the conformance cases, the API, the type tests and \
         the example projects (CommonJS, ESM, Vitest)",
    );
    workspace
        .command("node")
        .current_dir(workspace.root.join("tests"))
        .args(["--test", "--test-concurrency=1", "--test-timeout=180000", "npm/"])
        .env("EVPAT_NPM_TARBALL", npm::tarball(workspace))
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
