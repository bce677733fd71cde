//! Rule names, checked by PutRule's constraints.

use std::fmt;

/// The longest rule name PutRule accepts, in characters.
const MAX_NAME_LENGTH: usize = 64;

/// A rule name that PutRule would refuse. Its text is AWS's validation
/// message for the same name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameError {
    message: String,
}

impl fmt::Display for NameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for NameError {}

/// Checks a rule name against PutRule's constraints: 1 to 64 characters,
/// each a letter, a digit, `.`, `-` or `_`.
///
/// # Errors
///
/// A [`NameError`] whose text is the message AWS returns.
pub fn validate_name(name: &str) -> Result<(), NameError> {
    let constraint = if name.is_empty() {
        "Member must have length greater than or equal to 1"
    } else if name.chars().count() > MAX_NAME_LENGTH {
        "Member must have length less than or equal to 64"
    } else if !name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')) {
        "Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+"
    } else {
        return Ok(());
    };
    Err(NameError {
        message: format!(
            "1 validation error detected: Value '{name}' at 'name' failed to satisfy constraint: {constraint}"
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_letters_digits_dots_dashes_and_underscores() {
        assert_eq!(validate_name("Detect.security-group_changes-2"), Ok(()));
        assert_eq!(validate_name(&"a".repeat(64)), Ok(()));
    }

    #[test]
    fn refuses_with_aws_messages() {
        assert_eq!(
            validate_name("my rule").unwrap_err().to_string(),
            "1 validation error detected: Value 'my rule' at 'name' failed to satisfy constraint: \
             Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+"
        );
        assert_eq!(
            validate_name("").unwrap_err().to_string(),
            "1 validation error detected: Value '' at 'name' failed to satisfy constraint: \
             Member must have length greater than or equal to 1"
        );
        assert!(
            validate_name(&"a".repeat(65))
                .unwrap_err()
                .to_string()
                .ends_with("Member must have length less than or equal to 64")
        );
        assert!(validate_name("règle").is_err());
    }
}
