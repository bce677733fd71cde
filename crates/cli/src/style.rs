//! Color for people, plain text for pipes.
//!
//! Color is on only when stdout is a terminal and `NO_COLOR` is unset or
//! empty (<https://no-color.org>): escape codes in a CI log, a file or a
//! pipe into another tool are noise at best and corrupt the data at worst.

use std::io::IsTerminal;

/// Paints words for the terminal, or leaves them alone.
#[derive(Clone, Copy, Debug)]
pub struct Palette {
    enabled: bool,
}

impl Palette {
    /// The palette for this process's stdout.
    pub fn for_stdout() -> Palette {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
        Palette { enabled: !no_color && std::io::stdout().is_terminal() }
    }

    /// Whether it paints.
    pub fn enabled(self) -> bool {
        self.enabled
    }

    /// `text` in green: a match, a pass.
    pub fn green(self, text: &str) -> String {
        self.paint("32", text)
    }

    /// `text` in red: no match, a failure.
    pub fn red(self, text: &str) -> String {
        self.paint("31", text)
    }

    /// `text` in yellow: a warning.
    pub fn yellow(self, text: &str) -> String {
        self.paint("33", text)
    }

    fn paint(self, code: &str, text: &str) -> String {
        if self.enabled { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_owned() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paints_only_when_enabled() {
        assert_eq!(Palette { enabled: true }.red("no match"), "\x1b[31mno match\x1b[0m");
        assert_eq!(Palette { enabled: false }.red("no match"), "no match");
    }
}
