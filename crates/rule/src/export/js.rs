//! JavaScript and TypeScript literals, for `sdk-js` and `cdk-ts`, and the
//! number facts every format whose tool reads numbers as IEEE doubles needs
//! (JavaScript, Ruby's `Float`, the Terraform provider's Go `float64`).
//!
//! Strings are escaped for a JavaScript string literal: the quote, the
//! backslash, every control character, and U+2028/U+2029 (legal in string
//! literals only since ES2019, and invisible when read). Other Unicode is
//! written as it is. Object keys are bare when they are identifiers. Numbers
//! are written as their JSON lexeme, which is always a valid JavaScript
//! numeric literal; what JavaScript then makes of it is told by
//! [`js_number_text`] and [`double_keeps_value`]. Values are laid out as
//! Prettier lays them out, by the `literal` module.

use evpat::json::{Node, Value};

use super::literal::{self, Syntax};

/// `s` as a JavaScript string literal in `quote` (`'` or `"`).
pub(super) fn string(s: &str, quote: char) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\u{b}' => out.push_str("\\v"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            // `\0` would be read as an octal escape when a digit follows,
            // so every other control character gets its code.
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// `key` as an object literal key: bare when it is an identifier
/// (`source`, `$or`), else a string literal (`'detail-type'`).
///
/// `__proto__` is written as the computed key `['__proto__']`: written
/// plainly, even quoted, it would set the object's prototype rather than
/// make a key.
pub(super) fn key(key: &str, quote: char) -> String {
    if key == "__proto__" {
        return format!("[{}]", string(key, quote));
    }
    let mut chars = key.chars();
    let identifier = chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if identifier { key.to_owned() } else { string(key, quote) }
}

/// The width Prettier formats to, which the writers keep to where they can.
pub(super) const WIDTH: usize = 80;

/// JavaScript's literals, with strings in `quote` (`'` or `"`), as
/// Prettier lays them out: trailing commas, and one more column kept for
/// the comma or semicolon that follows a value.
struct JavaScript {
    quote: char,
}

impl Syntax for JavaScript {
    const SEPARATOR: &'static str = ": ";
    const TRAILING_COMMA: bool = true;

    fn width(&self) -> usize {
        WIDTH
    }

    fn string(&self, s: &str) -> String {
        string(s, self.quote)
    }

    fn key(&self, name: &str) -> String {
        key(name, self.quote)
    }
}

/// Writes `node` as a JavaScript value where `out` stands: on one line
/// when it fits in [`WIDTH`] (`[{ prefix: 'REFUND' }]`), else one member or
/// item a line with trailing commas, as Prettier writes them. `indent` is
/// the indentation of the line the value starts on, in levels of two
/// spaces.
pub(super) fn value(node: &Node, indent: usize, quote: char, out: &mut String) {
    literal::value(&JavaScript { quote }, node, indent, out);
}

/// Writes `node` as [`value`] does, but an array or object always one item
/// or member a line (its own items may still fit on one).
pub(super) fn expanded(node: &Node, indent: usize, quote: char, out: &mut String) {
    literal::expanded(&JavaScript { quote }, node, indent, out);
}

/// `text` as `//` comment lines indented by `indent` spaces, wrapped at
/// [`WIDTH`].
pub(super) fn comment(text: &str, indent: usize) -> String {
    wrap(text, &format!("{}// ", " ".repeat(indent)), WIDTH)
}

/// `text` in lines that start with `prefix` and end before `width`
/// columns where the words allow, each ending with a newline.
pub(super) fn wrap(text: &str, prefix: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|word| !word.is_empty()) {
        if !line.is_empty()
            && prefix.len() + line.chars().count() + 1 + word.chars().count() > width
        {
            out.push_str(prefix.trim_end());
            out.push(' ');
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push_str(prefix.trim_end());
        out.push(' ');
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// A serde value (a target as PutTargets takes it) as a tree [`value`]
/// writes. Targets nest four levels at most, so the recursion is shallow.
pub(super) fn from_serde(value: &serde_json::Value) -> Node {
    use evpat::json::{Member, Number};
    Node::new(match value {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => Value::Number(Number { lexeme: n.to_string() }),
        serde_json::Value::String(s) => Value::String(s.clone()),
        serde_json::Value::Array(items) => Value::Array(items.iter().map(from_serde).collect()),
        serde_json::Value::Object(members) => Value::Object(
            members
                .iter()
                .map(|(key, value)| Member {
                    key: key.clone(),
                    key_span: Default::default(),
                    value: from_serde(value),
                })
                .collect(),
        ),
    })
}

/// Every number lexeme in `node`, in document order.
pub(super) fn numbers(node: &Node) -> Vec<&str> {
    let mut out = Vec::new();
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        match &node.value {
            Value::Number(n) => out.push(n.lexeme.as_str()),
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(members) => stack.extend(members.iter().rev().map(|m| &m.value)),
            _ => {}
        }
    }
    out
}

/// Every object key in `node`, at any depth.
pub(super) fn keys(node: &Node) -> Vec<&str> {
    let mut out = Vec::new();
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        match &node.value {
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(members) => {
                for member in members.iter().rev() {
                    stack.push(&member.value);
                }
                out.extend(members.iter().map(|m| m.key.as_str()));
            }
            _ => {}
        }
    }
    out
}

/// A number's exact decimal value: `digits` × 10^`exponent`, with neither
/// leading nor trailing zeros in `digits`. Zero has empty digits, whatever
/// its sign, because `-0` and `0` compare equal everywhere a pattern's
/// number is used.
#[derive(Debug, PartialEq, Eq)]
struct Decimal {
    negative: bool,
    digits: String,
    exponent: i64,
}

/// The value of a number written as JSON writes one, or as `shortest`
/// writes an `f64` (`1.5e-7`).
fn decimal(text: &str) -> Option<Decimal> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(at) => (&rest[..at], &rest[at + 1..]),
        None => (rest, "0"),
    };
    let exponent_digits = exponent.trim_start_matches(['+', '-']);
    if exponent_digits.is_empty() || !exponent_digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // An exponent too large for i64 is far outside any double, so a
    // saturated value compares as unequal to every double's, as it should.
    let magnitude = exponent_digits.parse::<i64>().unwrap_or(i64::MAX / 4).min(i64::MAX / 4);
    let exponent = if exponent.starts_with('-') { -magnitude } else { magnitude };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int.is_empty() || !(int.bytes().chain(frac.bytes())).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let all = format!("{int}{frac}");
    let mut exponent = exponent - i64::try_from(frac.len()).unwrap_or(i64::MAX / 4);
    let trimmed = all.trim_start_matches('0');
    let digits = trimmed.trim_end_matches('0');
    exponent += i64::try_from(trimmed.len() - digits.len()).unwrap_or(0);
    if digits.is_empty() {
        return Some(Decimal { negative: false, digits: String::new(), exponent: 0 });
    }
    Some(Decimal { negative, digits: digits.to_owned(), exponent })
}

/// The nearest double to `lexeme`, when it is finite.
fn nearest_double(lexeme: &str) -> Option<f64> {
    lexeme.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// The shortest decimal that reads back as `x`, which is the digits
/// ECMA-262's Number::toString starts from.
fn shortest(x: f64) -> String {
    zmij::Buffer::new().format_finite(x).to_owned()
}

/// Whether a tool that reads `lexeme` as an IEEE double (JavaScript, Ruby's
/// `Float`, Go's `float64`) keeps its value: the double's shortest decimal
/// form is the same number. `1.50` and `1e6` keep their values (the form
/// changes, to `1.5` and `1000000`); `9007199254740993` becomes
/// `9007199254740992`, and `1e400` becomes infinity.
pub(super) fn double_keeps_value(lexeme: &str) -> bool {
    nearest_double(lexeme).is_some_and(|x| decimal(lexeme) == decimal(&shortest(x)))
}

/// What JavaScript writes for the number `lexeme` (`Number.prototype.toString`,
/// and so `JSON.stringify`): `1.50` → `1.5`, `1e6` → `1000000`, `1e21` →
/// `1e+21`. `None` when the number is not finite as a double, where
/// `JSON.stringify` writes `null`.
pub(super) fn js_number_text(lexeme: &str) -> Option<String> {
    let x = nearest_double(lexeme)?;
    let Decimal { negative, digits, exponent } = decimal(&shortest(x))?;
    if digits.is_empty() {
        return Some("0".to_owned());
    }
    // ECMA-262 Number::toString: `digits` has k digits and the decimal
    // point goes n places from its start.
    let k = i64::try_from(digits.len()).unwrap_or(i64::MAX / 4);
    let n = exponent + k;
    let n_usize = |n: i64| usize::try_from(n).unwrap_or(0);
    let body = if k <= n && n <= 21 {
        format!("{digits}{}", "0".repeat(n_usize(n - k)))
    } else if 0 < n && n <= 21 {
        format!("{}.{}", &digits[..n_usize(n)], &digits[n_usize(n)..])
    } else if -6 < n && n <= 0 {
        format!("0.{}{digits}", "0".repeat(n_usize(-n)))
    } else {
        let e = n - 1;
        let sign = if e < 0 { '-' } else { '+' };
        let (first, rest) = digits.split_at(1);
        let fraction = if rest.is_empty() { String::new() } else { format!(".{rest}") };
        format!("{first}{fraction}e{sign}{}", e.abs())
    };
    Some(if negative { format!("-{body}") } else { body })
}

/// The exact value of `lexeme` in plain decimal, with no exponent and no
/// zeros that do not count: `1.50` → `1.5`, `1e6` → `1000000`, `-0` →
/// `0`. This is how Terraform's arbitrary-precision numbers print
/// (`big.Float.Text('f', -1)`). `None` past 100 significant digits or
/// exponents far beyond any number a pattern holds.
pub(super) fn plain_decimal(lexeme: &str) -> Option<String> {
    let Decimal { negative, digits, exponent } = decimal(lexeme)?;
    if digits.is_empty() {
        return Some("0".to_owned());
    }
    if digits.len() > 100 || exponent.abs() > 400 {
        return None;
    }
    let count = i64::try_from(digits.len()).ok()?;
    let body = if exponent >= 0 {
        format!("{digits}{}", "0".repeat(usize::try_from(exponent).ok()?))
    } else if count + exponent > 0 {
        let point = usize::try_from(count + exponent).ok()?;
        format!("{}.{}", &digits[..point], &digits[point..])
    } else {
        format!("0.{}{digits}", "0".repeat(usize::try_from(-(count + exponent)).ok()?))
    };
    Some(if negative { format!("-{body}") } else { body })
}

/// Whether JavaScript writes `lexeme` back exactly as it is.
pub(super) fn js_keeps_lexeme(lexeme: &str) -> bool {
    js_number_text(lexeme).as_deref() == Some(lexeme)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_for_javascript() {
        assert_eq!(string("a'b\"c", '\''), r#"'a\'b"c'"#);
        assert_eq!(string("a'b\"c", '"'), r#""a'b\"c""#);
        assert_eq!(string("\\ \n\t\u{0}1 \u{1b} \u{7f}", '"'), r#""\\ \n\t\u00001 \u001b \u007f""#);
        assert_eq!(string("line\u{2028}para\u{2029}", '"'), r#""line\u2028para\u2029""#);
        assert_eq!(string("café 日本 🎉 <b> & ${x}", '"'), "\"café 日本 🎉 <b> & ${x}\"");
    }

    #[test]
    fn keys_are_bare_only_when_identifiers() {
        assert_eq!(key("source", '\''), "source");
        assert_eq!(key("$or", '\''), "$or");
        assert_eq!(key("_x1", '\''), "_x1");
        assert_eq!(key("detail-type", '\''), "'detail-type'");
        assert_eq!(key("1x", '\''), "'1x'");
        assert_eq!(key("", '\''), "''");
        assert_eq!(key("é", '"'), "\"é\"");
        assert_eq!(key("__proto__", '"'), "[\"__proto__\"]");
    }

    #[test]
    fn javascript_number_text() {
        let cases = [
            ("0", "0"),
            ("-0", "0"),
            ("0.0", "0"),
            ("1.50", "1.5"),
            ("1e6", "1000000"),
            ("5.0e6", "5000000"),
            ("1000.00", "1000"),
            ("0.1", "0.1"),
            ("1e21", "1e+21"),
            ("123e20", "1.23e+22"),
            ("1e-7", "1e-7"),
            ("1.5e-7", "1.5e-7"),
            ("0.000001", "0.000001"),
            ("-2.5E+3", "-2500"),
            ("9007199254740993", "9007199254740992"),
            ("100000000000000000000", "100000000000000000000"),
            // Exactly between two shortest decimals: the even one, as Node
            // writes it.
            ("1658206780088562.25", "1658206780088562.2"),
        ];
        for (lexeme, js) in cases {
            assert_eq!(js_number_text(lexeme).as_deref(), Some(js), "{lexeme}");
        }
        assert_eq!(js_number_text("1e400"), None);
        assert!(js_keeps_lexeme("1.5"));
        assert!(js_keeps_lexeme("-3"));
        assert!(!js_keeps_lexeme("1.50"));
        assert!(!js_keeps_lexeme("1e6"));
    }

    /// `shortest` (zmij) gives the digits Rust's own shortest printer gives,
    /// for doubles of every magnitude, subnormals and the extremes included,
    /// except where two shortest decimals are equally near: there
    /// ECMA-262's Number::toString takes the even one, as zmij does, where
    /// Rust's printer rounds up (`1658206780088562.25`: Node writes
    /// `1658206780088562.2`).
    #[test]
    fn shortest_digits_agree_with_rusts_printer() {
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut samples = vec![f64::MIN_POSITIVE, 5e-324, f64::MAX, 0.1, 1e21, 1e-7, 123e20];
        for _ in 0..200_000 {
            // xorshift64: any bit pattern, so every exponent is reached.
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            samples.push(f64::from_bits(state));
        }
        let mut ties = 0;
        for x in samples.into_iter().filter(|x| x.is_finite()) {
            let (ours, rusts) = (decimal(&shortest(x)), decimal(&format!("{x:e}")));
            if ours != rusts {
                let (ours, rusts) = (ours.unwrap(), rusts.unwrap());
                let last = |d: &Decimal| d.digits.bytes().last().map_or(0, |b| b - b'0');
                assert_eq!(ours.digits.len(), rusts.digits.len(), "{x:e}");
                assert_eq!(ours.exponent, rusts.exponent, "{x:e}");
                assert_eq!((last(&ours) % 2, last(&ours) + 1), (0, last(&rusts)), "{x:e}");
                assert_eq!(shortest(x).parse::<f64>(), Ok(x));
                ties += 1;
            }
        }
        // A handful of the 200,000 are ties; none would mean a broken test.
        assert!((1..1000).contains(&ties), "{ties} ties");
    }

    #[test]
    fn plain_decimals() {
        let cases = [
            ("1.50", "1.5"),
            ("1e6", "1000000"),
            ("5.0e6", "5000000"),
            ("-0", "0"),
            ("0.000", "0"),
            ("12.5e-3", "0.0125"),
            ("-2.5E+3", "-2500"),
            ("9007199254740993", "9007199254740993"),
            ("0.1", "0.1"),
        ];
        for (lexeme, plain) in cases {
            assert_eq!(plain_decimal(lexeme).as_deref(), Some(plain), "{lexeme}");
        }
        assert_eq!(plain_decimal("1e999"), None);
    }

    #[test]
    fn which_numbers_keep_their_value_as_doubles() {
        for keeps in
            ["0", "-0", "1.50", "1e6", "5.0e6", "0.1", "1000.00", "9007199254740992", "1e-7"]
        {
            assert!(double_keeps_value(keeps), "{keeps}");
        }
        for changes in [
            "9007199254740993",
            "1.00000000000000000001",
            "1e400",
            "1e-400",
            "0.1e99999999999999999999",
        ] {
            assert!(!double_keeps_value(changes), "{changes}");
        }
    }

    #[test]
    fn values_fit_on_a_line_or_take_one_member_a_line() {
        let node = evpat::json::read(
            r#"{"source": ["aws.ec2"], "detail": {"key": [{"prefix": "a"}, {"suffix": ".png"}], "names": ["a very long name, to make the line longer", "and another to pass eighty"]}}"#,
            10,
        )
        .unwrap();
        let mut out = String::from("const x = ");
        expanded(&node, 0, '\'', &mut out);
        assert_eq!(
            out,
            "const x = {\n  source: ['aws.ec2'],\n  detail: {\n    key: [{ prefix: 'a' }, { suffix: '.png' }],\n    names: [\n      'a very long name, to make the line longer',\n      'and another to pass eighty',\n    ],\n  },\n}"
        );
    }

    #[test]
    fn comments_wrap_at_the_width() {
        let text = "word ".repeat(30);
        let out = comment(&text, 2);
        assert!(out.lines().all(|line| line.len() <= WIDTH && line.starts_with("  // ")));
        assert_eq!(out.split_whitespace().filter(|w| *w == "word").count(), 30);
    }

    #[test]
    fn numbers_and_keys_in_document_order() {
        let node = evpat::json::read(r#"{"a": [1, {"b": 2.0}], "c": {"d": 3}}"#, 10).unwrap();
        assert_eq!(numbers(&node), ["1", "2.0", "3"]);
        assert_eq!(keys(&node), ["a", "c", "b", "d"]);
    }
}
