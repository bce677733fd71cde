//! A small block-style YAML writer for the YAML formats (CloudFormation,
//! SAM, Serverless, Scheduler).
//!
//! Serde's YAML crates are deprecated or reported unsound, and none of them
//! keeps a number's lexeme, so the formats build a [`Node`] tree and this
//! module writes it. What it must get right is quoting: the same text is
//! read by YAML 1.1 readers (CloudFormation, PyYAML in the SAM CLI and in
//! `aws cloudformation package`, js-yaml in the Serverless Framework) and
//! by YAML 1.2 readers, and a plain scalar has to mean the same string to
//! all of them. So a string is written plain only when no schema of either
//! version reads it as anything else (`yes`, `on`, `~`, `1_000`, `12:30`,
//! `2026-12-24`, `.inf`, `0x1F` are all quoted) and when no indicator or
//! comment can cut it short. Otherwise it is single-quoted, or
//! double-quoted with escapes when it holds a line break or a character
//! YAML does not print. Keys follow the same rules (`$or` and `detail-type`
//! stay plain; a key `on` is quoted, since YAML 1.1 reads it as `true`).
//!
//! Numbers are written with the lexeme the pattern has (`1.50` stays
//! `1.50`). A lexeme with an exponent but no `.` or no exponent sign
//! (`1e6`, `5.0e6`) is a number in YAML 1.2 but a *string* in YAML 1.1,
//! which PyYAML follows: `sam deploy` and `aws cloudformation package`
//! would rewrite it as the string `'1e6'`. Those lexemes carry the core
//! schema's `!!float` tag, which every reader of either version takes as a
//! number, so the lexeme stays and so does its meaning.
//!
//! CloudFormation's intrinsic functions are written in their short forms,
//! `!GetAtt Rule.Arn`; the JSON template writes the same [`Node`] as
//! `{"Fn::GetAtt": ["Rule", "Arn"]}`.
//!
//! The tests parse every scalar this module can write back with saphyr
//! (YAML 1.2); `tests/parse_back.rs` and `tests/export/yaml.test.mjs` parse
//! whole exports with saphyr and with the `yaml` package in both versions.

use evpat::json::{self, Value};

/// A value in a document the YAML and JSON formats write.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Node {
    /// A string, quoted as YAML needs.
    String(String),
    /// A number, as its JSON lexeme.
    Number(String),
    /// `true` or `false`.
    Bool(bool),
    /// `null`.
    Null,
    /// A sequence (JSON array).
    Sequence(Vec<Node>),
    /// A mapping (JSON object), in the order written.
    Mapping(Vec<(String, Node)>),
    /// CloudFormation's `Fn::GetAtt`: the resource's logical id and the
    /// attribute.
    GetAtt(String, String),
}

impl Node {
    /// A string node.
    pub(crate) fn string(s: impl Into<String>) -> Node {
        Node::String(s.into())
    }

    /// A number node from a count or limit the rule holds.
    pub(crate) fn number(n: u32) -> Node {
        Node::Number(n.to_string())
    }

    /// The pattern (or any JSON value) as a node, every number's lexeme
    /// kept.
    ///
    /// This recurses once per level: trees from [`evpat::Pattern::json`]
    /// are within the pattern's depth limit, as evpat's own writers assume.
    pub(crate) fn from_json(node: &json::Node) -> Node {
        match &node.value {
            Value::Null => Node::Null,
            Value::Bool(b) => Node::Bool(*b),
            Value::Number(n) => Node::Number(n.lexeme.clone()),
            Value::String(s) => Node::String(s.clone()),
            Value::Array(items) => Node::Sequence(items.iter().map(Node::from_json).collect()),
            Value::Object(members) => Node::Mapping(
                members
                    .iter()
                    .map(|member| (member.key.clone(), Node::from_json(&member.value)))
                    .collect(),
            ),
        }
    }

    /// The node as a block-style YAML document, ending with a newline.
    pub(crate) fn to_yaml(&self) -> String {
        let mut out = String::new();
        match self {
            Node::Mapping(entries) if !entries.is_empty() => mapping(entries, 0, false, &mut out),
            Node::Sequence(items) if !items.is_empty() => sequence(items, 0, false, &mut out),
            scalar => {
                inline(scalar, &mut out);
                out.push('\n');
            }
        }
        out
    }
}

/// A mapping built entry by entry, in order.
#[derive(Default)]
pub(crate) struct Mapping(Vec<(String, Node)>);

impl Mapping {
    /// An empty mapping.
    pub(crate) fn new() -> Mapping {
        Mapping(Vec::new())
    }

    /// Adds `key: value`.
    pub(crate) fn insert(&mut self, key: &str, value: Node) {
        self.0.push((key.to_owned(), value));
    }

    /// Adds `key: "value"`.
    pub(crate) fn string(&mut self, key: &str, value: &str) {
        self.insert(key, Node::string(value));
    }

    /// Adds `key: "value"` when there is a value.
    pub(crate) fn optional(&mut self, key: &str, value: Option<&str>) {
        if let Some(value) = value {
            self.string(key, value);
        }
    }

    /// The entries, in order.
    pub(crate) fn into_entries(self) -> Vec<(String, Node)> {
        self.0
    }

    /// The mapping as a node.
    pub(crate) fn node(self) -> Node {
        Node::Mapping(self.0)
    }
}

/// Whether a node is written on the line of its key or dash.
fn is_inline(node: &Node) -> bool {
    match node {
        Node::Mapping(entries) => entries.is_empty(),
        Node::Sequence(items) => items.is_empty(),
        _ => true,
    }
}

/// Writes a node that fits on one line: a scalar, a short-form intrinsic
/// function, or an empty collection.
fn inline(node: &Node, out: &mut String) {
    match node {
        Node::String(s) => out.push_str(&scalar(s)),
        Node::Number(lexeme) => {
            if yaml11_reads_as_string(lexeme) {
                out.push_str("!!float ");
            }
            out.push_str(lexeme);
        }
        Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Node::Null => out.push_str("null"),
        Node::Sequence(_) => out.push_str("[]"),
        Node::Mapping(_) => out.push_str("{}"),
        Node::GetAtt(resource, attribute) => {
            out.push_str("!GetAtt ");
            out.push_str(&scalar(&format!("{resource}.{attribute}")));
        }
    }
}

fn pad(indent: usize, out: &mut String) {
    out.extend(std::iter::repeat_n(' ', indent));
}

/// YAML allows an implicit key (`key: value`) of at most 1024 characters;
/// longer keys take the explicit form (`? key` then `: value`). The margin
/// keeps clear of readers that count the `:` too.
const MAX_IMPLICIT_KEY_CHARS: usize = 1000;

/// Writes the entries of a non-empty mapping at `indent`. When `first_inline`
/// is set, the first entry goes on the current line (after a `- `).
fn mapping(entries: &[(String, Node)], indent: usize, first_inline: bool, out: &mut String) {
    for (i, (key, value)) in entries.iter().enumerate() {
        if i > 0 || !first_inline {
            pad(indent, out);
        }
        let key = scalar(key);
        if key.chars().count() > MAX_IMPLICIT_KEY_CHARS {
            out.push_str("? ");
            out.push_str(&key);
            out.push('\n');
            pad(indent, out);
        } else {
            out.push_str(&key);
        }
        out.push(':');
        after_key(value, indent, out);
    }
}

/// Writes what follows `key:`: a scalar on the same line, or a collection
/// on the next lines, indented by two.
fn after_key(value: &Node, indent: usize, out: &mut String) {
    match value {
        Node::Mapping(entries) if !entries.is_empty() => {
            out.push('\n');
            mapping(entries, indent + 2, false, out);
        }
        Node::Sequence(items) if !items.is_empty() => {
            out.push('\n');
            sequence(items, indent + 2, false, out);
        }
        _ => {
            out.push(' ');
            inline(value, out);
            out.push('\n');
        }
    }
}

/// Writes the items of a non-empty sequence at `indent`, each after `- `;
/// a mapping item starts on the dash's line (`- Id: x`).
fn sequence(items: &[Node], indent: usize, first_inline: bool, out: &mut String) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 || !first_inline {
            pad(indent, out);
        }
        out.push_str("- ");
        match item {
            Node::Mapping(entries) if !is_inline(item) => mapping(entries, indent + 2, true, out),
            Node::Sequence(inner) if !is_inline(item) => sequence(inner, indent + 2, true, out),
            _ => {
                inline(item, out);
                out.push('\n');
            }
        }
    }
}

/// Whether YAML 1.1's float type (which PyYAML follows to the letter)
/// fails to read a JSON number lexeme as a number: it wants a `.` in the
/// mantissa and a sign in the exponent (`1.0e+6`), so `1e6`, `1E+6` and
/// `5.0e6` are strings to it. Integers and plain decimals are numbers in
/// every version.
fn yaml11_reads_as_string(lexeme: &str) -> bool {
    match lexeme.find(['e', 'E']) {
        None => false,
        Some(e) => {
            let mantissa = &lexeme[..e];
            let sign = lexeme[e + 1..].starts_with(['+', '-']);
            !mantissa.contains('.') || !sign
        }
    }
}

/// A string as a YAML scalar: plain when that is safe, else quoted.
fn scalar(s: &str) -> String {
    if plain_is_safe(s) {
        s.to_owned()
    } else if s.chars().all(single_quotable) {
        format!("'{}'", s.replace('\'', "''"))
    } else {
        double_quoted(s)
    }
}

/// Characters a single-quoted scalar holds as they are: YAML's printable
/// characters, without tab (escaped as `\t` for clarity), line breaks
/// (which fold), NEL, the line and paragraph separators (line breaks in
/// YAML 1.1) and the byte-order mark.
fn single_quotable(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
        && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}')
}

/// A double-quoted scalar: `\` and `"` escaped, and every character a
/// single-quoted scalar cannot hold written as an escape that YAML 1.1 and
/// 1.2 both read.
fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if single_quotable(c) => out.push(c),
            c => out.push_str(&format!("\\u{:04X}", u32::from(c))),
        }
    }
    out.push('"');
    out
}

/// Whether `s` can be written as a plain scalar and read back as the same
/// string by YAML 1.1 and 1.2 readers, in block context.
fn plain_is_safe(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        // Empty is null.
        return false;
    };
    if !s.chars().all(single_quotable) {
        return false;
    }
    // Indicators cannot start a plain scalar (`-`, `?` and `:` can when a
    // non-space follows, but some readers get that wrong and `-1` style
    // strings are numbers anyway: quoting them costs nothing).
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        return false;
    }
    // Leading or trailing spaces are not part of a plain scalar; `: ` and
    // ` #` end it; a final `:` makes it a key.
    if s.starts_with(' ') || s.ends_with(' ') || s.ends_with(':') {
        return false;
    }
    if s.contains(": ") || s.contains(" #") {
        return false;
    }
    // `...` (and `---`, already out) at the start of a line ends (starts)
    // a document.
    if s.starts_with("...") {
        return false;
    }
    !resolves_to_non_string(s)
}

/// Whether a plain scalar would be read as something other than a string
/// by some reader: YAML 1.2's core schema, YAML 1.1's types (booleans
/// `y`/`n`/`yes`/`no`/`on`/`off`, null `~`, base-2/8/16 and sexagesimal
/// integers, `_` separators, floats, timestamps, the merge key `<<` and the
/// value key `=`), or the lenient float syntax of js-yaml, SnakeYAML and
/// the `yaml` package (`1e6`, `.5`). Broader than any one schema: quoting
/// a string needlessly is harmless, reading it as a number is not.
fn resolves_to_non_string(s: &str) -> bool {
    const WORDS: [&str; 10] = ["y", "n", "yes", "no", "true", "false", "on", "off", "null", "~"];
    if WORDS.iter().any(|word| word.eq_ignore_ascii_case(s)) || s == "<<" || s == "=" {
        return true;
    }
    let unsigned = s.strip_prefix(['+', '-']).unwrap_or(s);
    let lower = unsigned.to_ascii_lowercase();
    if lower == ".inf" || lower == ".nan" {
        return true;
    }
    let radix_digits = |prefix: &str, digit: fn(&u8) -> bool| {
        lower
            .strip_prefix(prefix)
            .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b == b'_' || digit(&b)))
    };
    if radix_digits("0x", u8::is_ascii_hexdigit)
        || radix_digits("0o", |b| (b'0'..=b'7').contains(b))
        || radix_digits("0b", |b| matches!(b, b'0' | b'1'))
    {
        return true;
    }
    // Decimal integers and floats in every version's spelling, with `_`
    // separators and YAML 1.1's sexagesimal `:` parts (`1:30`), and YAML
    // 1.1's float pattern `[-+]?([0-9][0-9_]*)?\.[0-9.]*`, which reads
    // `10.0.0.0`, and even `.` and `-.`, as floats: anything that starts
    // with a digit or a point and holds nothing but number characters.
    let b = unsigned.as_bytes();
    let starts_like_number = b.first().is_some_and(|&c| c.is_ascii_digit() || c == b'.');
    if starts_like_number
        && b.iter().all(|&c| {
            c.is_ascii_digit() || matches!(c, b'_' | b'.' | b':' | b'e' | b'E' | b'+' | b'-')
        })
    {
        return true;
    }
    // YAML 1.1 timestamps start with a date: `2026-12-24`, `2026-1-2`,
    // then maybe a time.
    let digits = |range: std::ops::Range<usize>| {
        b.get(range).is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    };
    digits(0..4) && b.get(4) == Some(&b'-') && digits(5..6)
}

#[cfg(test)]
mod tests {
    use saphyr_parser::{Event, Parser, ScalarStyle};

    use super::*;

    /// The scalars saphyr reads from `text`, with whether each was plain,
    /// or the error.
    fn scalars(text: &str) -> Result<Vec<(String, bool)>, String> {
        let mut parser = Parser::new_from_str(text);
        let mut out = Vec::new();
        while let Some(event) = parser.next_event() {
            match event.map_err(|e| e.to_string())?.0 {
                Event::Scalar(value, style, _, tag) => {
                    let tag = tag.map(|t| format!("{}{}", t.handle, t.suffix));
                    if let Some(tag) = tag {
                        out.push((format!("{tag} {value}"), false));
                    } else {
                        out.push((value.into_owned(), style == ScalarStyle::Plain));
                    }
                }
                Event::Alias(_) => return Err("alias".into()),
                _ => {}
            }
        }
        Ok(out)
    }

    /// Writes `s` as a value and as a key, reads both back, and checks the
    /// strings came back and that a plain scalar is only used when the
    /// string means a string.
    fn round_trip(s: &str) {
        let doc = Node::Mapping(vec![
            ("k".into(), Node::string(s)),
            (s.into(), Node::Sequence(vec![Node::string(s)])),
        ])
        .to_yaml();
        let read = scalars(&doc).unwrap_or_else(|e| panic!("{s:?} → {doc:?}: {e}"));
        let texts: Vec<&str> = read.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["k", s, s, s], "{s:?} → {doc:?}");
        if plain_is_safe(s) {
            assert!(read[1].1, "{s:?} should be plain in {doc:?}");
        }
    }

    #[test]
    fn plain_when_safe() {
        for s in [
            "aws.ec2",
            "detail-type",
            "$or",
            "EC2 Instance State-change Notification",
            "uploads/*.png",
            ".JPG",
            "arn:aws:lambda:us-east-1:123456789012:function:my-func",
            "rate(5 minutes)",
            "cron(0 9 ? * MON-FRI *)",
            "at(2026-12-24T18:00:00)",
            "$.detail[0]",
            "10.0.0.0/8",
            "photos-日本",
            "café-\"quoted\"-bucket",
            "emoji 🎉",
            "SAT#3",
            "a - b",
            "<",
            "<=",
            "Europe/Paris",
            "AWS::Events::Rule",
        ] {
            assert!(plain_is_safe(s), "{s}");
            assert_eq!(scalar(s), s);
        }
    }

    #[test]
    fn quoted_when_needed() {
        for (s, written) in [
            ("", "''"),
            ("yes", "'yes'"),
            ("No", "'No'"),
            ("ON", "'ON'"),
            ("off", "'off'"),
            ("y", "'y'"),
            ("n", "'n'"),
            ("~", "'~'"),
            ("null", "'null'"),
            ("true", "'true'"),
            ("1.0", "'1.0'"),
            ("1_000", "'1_000'"),
            ("12:30", "'12:30'"),
            ("2026-12-24", "'2026-12-24'"),
            ("2010-09-09", "'2010-09-09'"),
            (".inf", "'.inf'"),
            ("-.INF", "'-.INF'"),
            (".NaN", "'.NaN'"),
            ("0x1F", "'0x1F'"),
            ("0o17", "'0o17'"),
            ("0b101", "'0b101'"),
            ("017", "'017'"),
            ("1e6", "'1e6'"),
            (".5", "'.5'"),
            (".", "'.'"),
            ("-.", "'-.'"),
            ("..", "'..'"),
            ("10.0.0.0", "'10.0.0.0'"),
            ("<<", "'<<'"),
            ("=", "'='"),
            ("*/thumbs/*", "'*/thumbs/*'"),
            ("&a", "'&a'"),
            ("!Ref", "'!Ref'"),
            ("{\"a\":1}", "'{\"a\":1}'"),
            ("[x]", "'[x]'"),
            (">", "'>'"),
            (">=", "'>='"),
            ("|", "'|'"),
            ("%x", "'%x'"),
            ("@x", "'@x'"),
            ("`x`", "'`x`'"),
            ("- x", "'- x'"),
            ("? x", "'? x'"),
            (": x", "': x'"),
            ("#x", "'#x'"),
            ("'q'", "'''q'''"),
            ("\"q\"", "'\"q\"'"),
            ("a: b", "'a: b'"),
            ("a #b", "'a #b'"),
            ("AWS:", "'AWS:'"),
            (" a", "' a'"),
            ("a ", "'a '"),
            ("a\nb", "\"a\\nb\""),
            ("tab\there", "\"tab\\there\""),
            ("bell\u{7}", "\"bell\\u0007\""),
            ("nel\u{85}", "\"nel\\u0085\""),
            ("ls\u{2028}", "\"ls\\u2028\""),
            ("bom\u{FEFF}", "\"bom\\uFEFF\""),
            ("a\\\"b\r\n", "\"a\\\\\\\"b\\r\\n\""),
        ] {
            assert_eq!(scalar(s), written, "{s:?}");
        }
    }

    #[test]
    fn numbers_keep_their_lexeme() {
        let node = Node::Sequence(
            ["0", "-0", "1.50", "1000.00", "1e6", "5.0e6", "1.5e+6", "1E-7", "-12.5e-3"]
                .into_iter()
                .map(|l| Node::Number(l.into()))
                .collect(),
        );
        assert_eq!(
            node.to_yaml(),
            "- 0\n- -0\n- 1.50\n- 1000.00\n- !!float 1e6\n- !!float 5.0e6\n- 1.5e+6\n- !!float 1E-7\n- -12.5e-3\n"
        );
    }

    #[test]
    fn block_layout() {
        let pattern = json::read(
            r#"{"source":["aws.ec2"],"detail":{"n":[{"numeric":[">",0,"<=",5.0e6]}],"e":[],"o":{},"x":[null,true]}}"#,
            10,
        )
        .unwrap();
        let doc = Node::Mapping(vec![
            ("EventPattern".into(), Node::from_json(&pattern)),
            ("SourceArn".into(), Node::GetAtt("Rule".into(), "Arn".into())),
            (
                "Nested".into(),
                Node::Sequence(vec![
                    Node::Sequence(vec![Node::string("a"), Node::string("b")]),
                    Node::Mapping(vec![]),
                ]),
            ),
        ]);
        assert_eq!(
            doc.to_yaml(),
            "EventPattern:
  source:
    - aws.ec2
  detail:
    'n':
      - numeric:
          - '>'
          - 0
          - <=
          - !!float 5.0e6
    e: []
    o: {}
    x:
      - null
      - true
SourceArn: !GetAtt Rule.Arn
Nested:
  - - a
    - b
  - {}
"
        );
    }

    #[test]
    fn long_keys_are_explicit() {
        let key = "k".repeat(1500);
        let doc =
            Node::Mapping(vec![(key.clone(), Node::Sequence(vec![Node::string("v")]))]).to_yaml();
        assert_eq!(doc, format!("? {key}\n:\n  - v\n"));
        assert_eq!(scalars(&doc).unwrap(), vec![(key, true), ("v".into(), true)]);
        let doc = Node::Sequence(vec![Node::Mapping(vec![
            ("k".repeat(1001), Node::string("v")),
            ("b".into(), Node::string("w")),
        ])])
        .to_yaml();
        let texts: Vec<String> = scalars(&doc).unwrap().into_iter().map(|(t, _)| t).collect();
        assert_eq!(texts, ["k".repeat(1001), "v".into(), "b".into(), "w".into()]);
    }

    /// Every YAML-special word and character, alone and around text, reads
    /// back as the same string.
    #[test]
    fn tricky_strings_read_back() {
        let words = [
            "",
            "y",
            "Y",
            "n",
            "N",
            "yes",
            "Yes",
            "YES",
            "no",
            "NO",
            "on",
            "On",
            "off",
            "OFF",
            "true",
            "False",
            "null",
            "Null",
            "NULL",
            "~",
            "1",
            "-1",
            "+1",
            "0",
            "007",
            "1.0",
            "1.",
            ".5",
            "1e6",
            "1E+6",
            "1_000",
            "12:30",
            "190:20:30",
            "2026-12-24",
            "2026-12-24T18:00:00Z",
            "2001-12-14 21:59:43.10 -5",
            ".inf",
            "-.Inf",
            ".nan",
            "0x1F",
            "0o17",
            "0b11",
            "<<",
            "=",
            "---",
            "...",
            "- ",
            "? ",
            ": ",
            "-",
            "?",
            ":",
            "#",
            "a#b",
            "a #b",
            "a:b",
            "a: b",
            "a:",
            "'",
            "\"",
            "''",
            "\\",
            "\\n",
            "*",
            "&",
            "!",
            "!!str",
            "{",
            "}",
            "[",
            "]",
            ",",
            ">",
            ">=",
            "|",
            "|-",
            "%",
            "@",
            "`",
            " ",
            "  x  ",
            "\t",
            "x\t",
            "\n",
            "a\nb",
            "a\n\nb\n",
            "\r\n",
            "\u{0}",
            "\u{7f}",
            "\u{85}",
            "\u{a0}",
            "\u{2028}",
            "\u{2029}",
            "\u{feff}",
            "\u{fffe}",
            "é",
            "日本",
            "🎉",
            "é: x",
            "<aws.events.event.json>",
            "{\"a\": [1, 2]}",
            "$.detail",
            "%TAG",
            "! x",
            "&a x",
            "*a",
            "@@",
            "=x",
        ];
        for word in words {
            round_trip(word);
            for wrap in [
                format!("x{word}"),
                format!("{word}x"),
                format!("x {word} y"),
                format!("{word} {word}"),
            ] {
                round_trip(&wrap);
            }
        }
        // A deterministic walk over strings of up to three characters from
        // an alphabet of troublemakers.
        let alphabet = [
            ' ', '-', '?', ':', '#', '\'', '"', '\\', '!', '&', '*', '%', '@', '`', '|', '>', '[',
            '{', ',', '.', '0', '1', 'e', 'y', '~', '\n', '\t', 'é', '\u{2028}',
        ];
        for a in alphabet {
            round_trip(&a.to_string());
            for b in alphabet {
                round_trip(&format!("{a}{b}"));
                for c in alphabet {
                    round_trip(&format!("{a}{b}{c}"));
                }
            }
        }
    }

    #[test]
    fn yaml11_float_syntax() {
        for (lexeme, string) in [
            ("1", false),
            ("1.50", false),
            ("1.0e+6", false),
            ("1.0E-6", false),
            ("1e6", true),
            ("1e+6", true),
            ("5.0e6", true),
        ] {
            assert_eq!(yaml11_reads_as_string(lexeme), string, "{lexeme}");
        }
    }
}
