//! What every command shares: help with examples, shell completions, and
//! a quiet end on a closed stdout.

use std::process::{Command, Stdio};

use crate::{evpat, outcome, text};

/// Every command, as `evpat --help` lists them.
const COMMANDS: [&str; 11] = [
    "check",
    "batch",
    "test",
    "filter",
    "explain",
    "schedule",
    "envelope",
    "transform",
    "export",
    "import",
    "completions",
];

#[test]
fn help_shows_examples_for_every_command() {
    let help = text(&evpat(&["--help"], b"")).0;
    assert!(help.contains("\nExamples:\n  evpat "), "{help}");
    for command in COMMANDS {
        assert!(help.contains(&format!("\n  {command} ")), "{command}: {help}");
        let output = evpat(&[command, "--help"], b"");
        assert_eq!(output.status.code(), Some(0), "{command}");
        let help = text(&output).0;
        assert!(help.contains("\nExamples:\n  evpat "), "{command}: {help}");
    }
}

/// The exit codes are in `evpat --help` and in each command's, with what a
/// closed stdout does.
#[test]
fn help_gives_every_command_its_exit_codes() {
    let help = text(&evpat(&["--help"], b"")).0;
    assert!(
        help.contains(
            "\nExit status, for every command (each one's --help says which it uses):\n  \
             0  yes: valid, matched, every expectation held, written\n  \
             1  no: an event did not match, a case failed, no line was selected\n  \
             2  error: "
        ),
        "{help}"
    );
    assert!(help.ends_with("ends a command quietly, with 0.\n"), "{help}");
    for command in COMMANDS {
        let help = text(&evpat(&[command, "--help"], b"")).0;
        let (_, status) = help.split_once("\n\nExit status:\n  0  ").expect(command);
        assert!(status.contains("\n  2  "), "{command}: {status}");
        assert!(status.contains("usage error\n"), "{command}: {status}");
        assert!(
            status.ends_with("\nA closed stdout (`evpat … | head -1`) ends it quietly, with 0.\n"),
            "{command}: {status}"
        );
    }
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (code, stdout, stderr) = outcome(&evpat(&["completions", shell], b""));
        assert_eq!((code, stderr.as_str()), (Some(0), ""), "{shell}");
        assert!(stdout.contains("evpat"), "{shell}: {stdout}");
        assert!(stdout.contains("filter") && stdout.contains("--spec"), "{shell}");
    }
    let bash = outcome(&evpat(&["completions", "bash"], b"")).1;
    assert!(bash.starts_with("_evpat() {"), "{bash}");
    assert_eq!(evpat(&["completions", "tcsh"], b"").status.code(), Some(2));
}

/// Every command's output may go into `head`: a closed stdout is no error
/// (more in `pipes.rs`).
#[test]
fn a_closed_stdout_is_not_an_error() {
    for args in [
        &["completions", "zsh"][..],
        &["test", "--spec", "tests/fixtures/specs/ec2.yaml", "tests/fixtures/specs/s3.yml"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_evpat"))
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Closed before evpat writes anything.
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&output.stderr), "", "{args:?}");
    }
}

/// Color on a terminal only, and never with `NO_COLOR`. `script` (from
/// util-linux) gives evpat a pseudo-terminal; without it, this test has
/// nothing to run on and says so.
#[test]
fn color_only_on_a_terminal() {
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let command = format!(
        "cd '{fixtures}' && '{}' test rules/ec2-stopping.json events/ec2-stopping.json \
         events/ec2-running.json",
        env!("CARGO_BIN_EXE_evpat")
    );
    let on_terminal = |no_color: Option<&str>| {
        let mut script = Command::new("script");
        script.args(["-qec", &command, "/dev/null"]).stdin(Stdio::null()).env_remove("NO_COLOR");
        if let Some(value) = no_color {
            script.env("NO_COLOR", value);
        }
        script.output().ok().map(|output| String::from_utf8_lossy(&output.stdout).replace('\r', ""))
    };
    let Some(colored) = on_terminal(None) else {
        eprintln!("skipped: no `script` to make a terminal with");
        return;
    };
    assert_eq!(
        colored,
        "events/ec2-stopping.json: \x1b[32mmatch\x1b[0m\n\
         events/ec2-running.json: \x1b[31mno match\x1b[0m\n"
    );
    assert_eq!(
        on_terminal(Some("1")).unwrap(),
        "events/ec2-stopping.json: match\nevents/ec2-running.json: no match\n"
    );
    // An empty NO_COLOR does not count (https://no-color.org).
    assert_eq!(on_terminal(Some("")).unwrap(), colored);
}
