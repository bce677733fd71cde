//! `prefix`, `suffix` and `equals-ignore-case`: string comparisons, with or
//! without case folding.

use crate::ast::Case;

/// A string to compare with, folded already when case does not matter.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Text {
    value: String,
    case: Case,
}

impl Text {
    pub fn new(value: &str, case: Case) -> Text {
        let value = match case {
            Case::Sensitive => value.to_owned(),
            Case::Insensitive => fold(value),
        };
        Text { value, case }
    }

    pub fn is_prefix_of(&self, s: &str) -> bool {
        self.compare(s, |s, t| s.starts_with(t))
    }

    pub fn is_suffix_of(&self, s: &str) -> bool {
        self.compare(s, |s, t| s.ends_with(t))
    }

    pub fn equals(&self, s: &str) -> bool {
        self.compare(s, |s, t| s == t)
    }

    fn compare(&self, s: &str, test: impl Fn(&str, &str) -> bool) -> bool {
        match self.case {
            Case::Sensitive => test(s, &self.value),
            Case::Insensitive => test(&fold(s), &self.value),
        }
    }
}

/// Case folding as event-ruler does it: Unicode lower case.
fn fold(s: &str) -> String {
    s.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_and_suffix_respect_case_unless_told() {
        assert!(Text::new("i-", Case::Sensitive).is_prefix_of("i-123"));
        assert!(!Text::new("I-", Case::Sensitive).is_prefix_of("i-123"));
        assert!(Text::new("I-", Case::Insensitive).is_prefix_of("i-123"));
        assert!(Text::new(".PNG", Case::Insensitive).is_suffix_of("cat.png"));
        assert!(!Text::new(".PNG", Case::Sensitive).is_suffix_of("cat.png"));
        assert!(Text::new("", Case::Sensitive).is_prefix_of("anything"));
        assert!(Text::new("", Case::Sensitive).is_suffix_of(""));
    }

    #[test]
    fn equals_ignore_case_folds_unicode() {
        assert!(Text::new("ÉTÉ", Case::Insensitive).equals("été"));
        assert!(Text::new("Alice", Case::Insensitive).equals("aLiCe"));
        assert!(!Text::new("Alice", Case::Insensitive).equals("Alicia"));
        assert!(Text::new("", Case::Insensitive).equals(""));
    }
}
