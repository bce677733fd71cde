//! Running tools: where the workspace is, which PATH they see, and how a
//! step is announced.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The workspace root and the environment the tools run in.
pub struct Workspace {
    pub root: PathBuf,
    path: OsString,
}

impl Workspace {
    pub fn locate() -> Workspace {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .ancestors()
            .nth(2)
            .expect("crates/xtask sits two levels below the workspace root")
            .to_path_buf();
        // npm's binaryen goes first: Debian's wasm-opt cannot read rustc
        // 1.95's output, and trunk takes the first wasm-opt on PATH. cargo's
        // bin directory follows, for tools that `cargo install` just put
        // there.
        let mut dirs = vec![root.join("tests/node_modules/.bin"), cargo_bin_dir()];
        dirs.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
        let path = std::env::join_paths(dirs).expect("PATH entries contain no separator");
        Workspace { root, path }
    }

    /// A command run in the workspace root, with the workspace's PATH.
    pub fn command(&self, program: &str) -> Tool {
        let mut command = Command::new(program);
        command.current_dir(&self.root).env("PATH", &self.path);
        Tool { program: program.to_owned(), command }
    }
}

fn cargo_bin_dir() -> PathBuf {
    let home = std::env::var_os("CARGO_HOME").map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cargo")
    });
    home.join("bin")
}

/// A command with a name to report failures by.
pub struct Tool {
    program: String,
    command: Command,
}

impl Tool {
    pub fn args<I, S>(mut self, args: I) -> Tool
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.command.args(args);
        self
    }

    pub fn arg(self, arg: impl AsRef<std::ffi::OsStr>) -> Tool {
        self.args([arg])
    }

    pub fn env(mut self, key: &str, value: impl AsRef<std::ffi::OsStr>) -> Tool {
        self.command.env(key, value);
        self
    }

    pub fn current_dir(mut self, dir: impl AsRef<Path>) -> Tool {
        self.command.current_dir(dir);
        self
    }

    /// Runs with inherited output, and fails unless it exits 0.
    pub fn status_ok(mut self) -> Result<(), String> {
        let status = self
            .command
            .status()
            .map_err(|err| format!("could not start `{}`: {err}", self.program))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("`{}` failed ({status})", self.describe()))
        }
    }

    /// Runs quietly and returns its standard output, or `None` when the
    /// program is missing or fails. Used to probe what is installed.
    pub fn probe(mut self) -> Option<String> {
        let output = self.command.stdin(Stdio::null()).stderr(Stdio::null()).output().ok()?;
        output.status.success().then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
    }

    fn describe(&self) -> String {
        let args: Vec<_> = self.command.get_args().map(|a| a.to_string_lossy()).collect();
        format!("{} {}", self.program, args.join(" "))
    }
}

/// Announces a step, so a log shows which one failed.
pub fn step(name: &str) {
    println!("\n==> {name}");
}

/// The directory a post-build step works on: the one named in `args`, or
/// trunk's `TRUNK_STAGING_DIR` when it runs as a hook.
pub fn hook_dir(command: &str, args: &[String]) -> Result<PathBuf, String> {
    match args {
        [dir] => Ok(PathBuf::from(dir)),
        [] => std::env::var_os("TRUNK_STAGING_DIR").map(PathBuf::from).ok_or_else(|| {
            format!("{command} takes a directory, or runs as a trunk hook (TRUNK_STAGING_DIR)")
        }),
        _ => Err(format!("{command} takes one directory")),
    }
}
