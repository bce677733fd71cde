//! The `evpat` command.
//!
//! Its commands (`test`, spec files, `filter`, CI reports) arrive with the
//! CLI issue; until then it answers `--help` and `--version` honestly, and
//! refuses anything else with exit code 2, the code every evpat command
//! uses for usage errors.

use std::process::ExitCode;

const USAGE: &str = "\
evpat: test Amazon EventBridge event patterns

Usage: evpat [--help | --version]

No commands are available in this version yet. The playground
(cargo xtask serve) tests patterns against events today.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        [] | ["--help"] | ["-h"] => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        ["--version"] | ["-V"] => {
            println!("evpat {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("evpat: unrecognised arguments: {}\n\n{USAGE}", args.join(" "));
            ExitCode::from(2)
        }
    }
}
