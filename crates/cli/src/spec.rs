//! Spec files: one pattern and the events it must and must not match, in
//! JSON or YAML, read into one [`Spec`] whatever the format.
//!
//! ```yaml
//! pattern: rules/ec2-stopping.json   # a path relative to the spec, or an inline object
//! any_event: false                   # optional: skip TestEventPattern's envelope check
//! cases:
//!   - name: stopping instance
//!     event: events/ec2-stopping.json  # a path, or an inline object
//!     expect: match                    # match | no-match
//! ```
//!
//! Every case keeps the line it starts on, so that a CI annotation can point
//! at it. Both readers know positions without a second pass over the text:
//!
//! - **JSON** is read with serde_json, each case as a borrowed `RawValue`.
//!   A borrowed raw value is a slice of the spec's own text, so the distance
//!   between the two pointers is the byte offset of the case's `{`. Inline
//!   patterns and events reach evpat as the exact text written (only the
//!   whitespace between tokens removed), so number lexemes and duplicate
//!   keys mean what they mean to AWS.
//! - **YAML** is read with saphyr, a YAML 1.2 loader whose nodes carry
//!   their start marker; a case starts where its mapping starts, the
//!   `name:` of `- name: …`. We use saphyr rather than the serde route
//!   because `serde_yaml` is deprecated, `serde_yml` has been reported
//!   unsound, and the serde forks (`serde_norway`, `serde_yaml_ng`) give no
//!   positions. saphyr is maintained (it is the continuation of
//!   `yaml-rust2`), refuses duplicate keys as the YAML spec requires, and
//!   bounds alias expansion. Scalars are loaded unresolved, so that a plain
//!   number keeps its lexeme on its way to JSON (`9007199254740993` is not
//!   a double, and AWS says so).

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use saphyr::{MarkedYaml, Scalar, ScalarStyle, Tag, YamlData, YamlLoader};
use saphyr_parser::Parser;
use serde::Deserialize;
use serde_json::value::RawValue;

/// A spec file, read.
#[derive(Debug, PartialEq)]
pub struct Spec {
    /// Whether any JSON object is an event, as `--any-event` says.
    pub any_event: bool,
    /// The pattern under test.
    pub pattern: Source,
    /// The 1-based line where the pattern's value starts.
    pub pattern_line: usize,
    /// The cases, in the file's order.
    pub cases: Vec<Case>,
}

/// One expectation about one event.
#[derive(Debug, PartialEq)]
pub struct Case {
    /// What the case is called in reports.
    pub name: String,
    /// The 1-based line where the case starts.
    pub line: usize,
    /// The event.
    pub event: Source,
    /// What the pattern must answer.
    pub expect: Expect,
}

/// Where a pattern or an event is.
#[derive(Debug, PartialEq)]
pub enum Source {
    /// A file, as written in the spec: relative to the spec's folder.
    Path(PathBuf),
    /// JSON text written in the spec itself.
    Inline(String),
}

/// What a case expects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Expect {
    /// The event must match.
    Match,
    /// The event must not match.
    NoMatch,
}

impl Expect {
    /// The verdict as people say it: `match` or `no match`.
    pub fn words(matched: bool) -> &'static str {
        if matched { "match" } else { "no match" }
    }

    /// Whether `matched` is what was expected.
    pub fn holds(self, matched: bool) -> bool {
        matched == (self == Expect::Match)
    }
}

/// What is wrong with a spec file, and where, when known.
#[derive(Debug, PartialEq)]
pub struct SpecError {
    /// The 1-based line and column.
    pub at: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
}

impl SpecError {
    fn at(line: usize, column: usize, message: impl Into<String>) -> SpecError {
        SpecError { at: Some((line, column)), message: message.into() }
    }
}

impl SpecError {
    /// The error in the spec file `file`: `FILE:LINE:COLUMN: message`.
    pub fn report(&self, file: &str) -> String {
        match self.at {
            Some((line, column)) => format!("{file}:{line}:{column}: {}", self.message),
            None => format!("{file}: {}", self.message),
        }
    }
}

/// How to read a spec file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Yaml,
    /// Neither extension: JSON if the text is JSON, else YAML.
    Unknown,
}

impl Format {
    /// The format `path`'s extension says.
    pub fn of(path: &Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some("json") => Format::Json,
            Some("yaml" | "yml") => Format::Yaml,
            _ => Format::Unknown,
        }
    }
}

/// Reads a spec from its text.
///
/// # Errors
///
/// What is wrong with the text, at its place.
pub fn parse(text: &str, format: Format) -> Result<Spec, SpecError> {
    match format {
        Format::Json => parse_json(text),
        Format::Yaml => parse_yaml(text),
        // Syntax decides: a JSON document with a wrong shape gets JSON's
        // message, not YAML's opinion of it.
        Format::Unknown if serde_json::from_str::<&RawValue>(text).is_ok() => parse_json(text),
        Format::Unknown => parse_yaml(text),
    }
}

// ---------------------------------------------------------------- JSON

#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "an object with \"pattern\" and \"cases\"")]
struct JsonSpec<'a> {
    #[serde(borrow)]
    pattern: &'a RawValue,
    #[serde(borrow)]
    cases: Vec<&'a RawValue>,
    #[serde(default)]
    any_event: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "an object with \"name\", \"event\" and \"expect\"")]
struct JsonCase<'a> {
    name: String,
    #[serde(borrow)]
    event: &'a RawValue,
    expect: Expect,
}

fn parse_json(text: &str) -> Result<Spec, SpecError> {
    // serde would also read a struct from an array, by position.
    let root: &RawValue = serde_json::from_str(text).map_err(|e| json_error(&e, (1, 1)))?;
    if !root.get().starts_with('{') {
        let (line, column) = evpat::line_column(text, offset_in(text, root.get()));
        return Err(SpecError::at(
            line,
            column,
            "a spec is an object with \"pattern\" and \"cases\"",
        ));
    }
    let spec: JsonSpec<'_> = serde_json::from_str(text).map_err(|e| json_error(&e, (1, 1)))?;
    let pattern_at = evpat::line_column(text, offset_in(text, spec.pattern.get()));
    let pattern = json_source("pattern", spec.pattern, pattern_at)?;
    let cases = spec
        .cases
        .iter()
        .map(|raw| {
            let at = evpat::line_column(text, offset_in(text, raw.get()));
            if !raw.get().starts_with('{') {
                let message = "a case is an object with \"name\", \"event\" and \"expect\"";
                return Err(SpecError::at(at.0, at.1, message));
            }
            let case: JsonCase<'_> =
                serde_json::from_str(raw.get()).map_err(|e| json_error(&e, at))?;
            let event_at = evpat::line_column(text, offset_in(text, case.event.get()));
            Ok(Case {
                name: case.name,
                line: at.0,
                event: json_source("event", case.event, event_at)?,
                expect: case.expect,
            })
        })
        .collect::<Result<_, SpecError>>()?;
    Ok(Spec { any_event: spec.any_event, pattern, pattern_line: pattern_at.0, cases })
}

/// A path (a JSON string) or an inline object.
fn json_source(key: &str, raw: &RawValue, at: (usize, usize)) -> Result<Source, SpecError> {
    let text = raw.get();
    if text.starts_with('"') {
        let path: String = serde_json::from_str(text).map_err(|e| json_error(&e, at))?;
        Ok(Source::Path(PathBuf::from(path)))
    } else if text.starts_with('{') {
        Ok(Source::Inline(evpat::minify(text)))
    } else {
        Err(SpecError::at(at.0, at.1, format!("`{key}` must be a file path or an object")))
    }
}

/// serde_json's message, placed in the spec: `start` is where the text
/// that was parsed begins.
fn json_error(error: &serde_json::Error, start: (usize, usize)) -> SpecError {
    // serde_json says `at line L column C` about the text it was given.
    let message = error.to_string();
    let message = message.rsplit_once(" at line ").map_or(message.as_str(), |(m, _)| m);
    let (line, column) = (error.line().max(1), error.column().max(1));
    let column = if line == 1 { start.1 + column - 1 } else { column };
    SpecError::at(start.0 + line - 1, column, message)
}

/// Where `part`, a slice of `text`, starts in it.
fn offset_in(text: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(text.as_ptr() as usize).min(text.len())
}

// ---------------------------------------------------------------- YAML

/// How deep inline YAML may nest: as deep as evpat lets events nest.
const MAX_YAML_DEPTH: usize = 1000;

fn parse_yaml(text: &str) -> Result<Spec, SpecError> {
    let mut loader = YamlLoader::<MarkedYaml<'_>>::default();
    // Unresolved scalars keep their text: see the module's documentation.
    loader.early_parse(false);
    let parsed = Parser::new_from_str(text).load(&mut loader, true);
    if let Some(error) = loader.error().cloned().or(parsed.err()) {
        let mark = error.marker();
        return Err(SpecError::at(mark.line(), mark.col() + 1, error.info()));
    }
    let mut documents = loader.into_documents();
    let root = match documents.len() {
        0 => return Err(SpecError { at: None, message: "the spec is empty".to_owned() }),
        1 => documents.remove(0),
        n => {
            let at = documents[1].span.start;
            return Err(yaml_error(at, format!("the spec has {n} documents; give one")));
        }
    };
    let YamlData::Mapping(members) = &root.data else {
        return Err(yaml_error(root.span.start, "a spec is a mapping with `pattern` and `cases`"));
    };
    let (mut pattern, mut cases, mut any_event) = (None, None, false);
    for (key, value) in members {
        match scalar_text(key) {
            Some("pattern") => pattern = Some((yaml_source("pattern", value)?, line_of(value))),
            Some("cases") => cases = Some(yaml_cases(value)?),
            Some("any_event") => any_event = yaml_bool("any_event", value)?,
            _ => {
                return Err(yaml_error(
                    key.span.start,
                    "unknown key; a spec has `pattern`, `cases` and `any_event`",
                ));
            }
        }
    }
    let missing = |what| yaml_error(root.span.start, format!("the spec has no `{what}`"));
    let (pattern, pattern_line) = pattern.ok_or_else(|| missing("pattern"))?;
    let cases = cases.ok_or_else(|| missing("cases"))?;
    Ok(Spec { any_event, pattern, pattern_line, cases })
}

fn yaml_cases(node: &MarkedYaml<'_>) -> Result<Vec<Case>, SpecError> {
    let YamlData::Sequence(items) = &node.data else {
        return Err(yaml_error(node.span.start, "`cases` must be a list"));
    };
    items.iter().map(yaml_case).collect()
}

fn yaml_case(node: &MarkedYaml<'_>) -> Result<Case, SpecError> {
    let YamlData::Mapping(members) = &node.data else {
        return Err(yaml_error(
            node.span.start,
            "a case is a mapping with `name`, `event` and `expect`",
        ));
    };
    let (mut name, mut event, mut expect) = (None, None, None);
    for (key, value) in members {
        match scalar_text(key) {
            Some("name") => match scalar_text(value) {
                Some(text) if !text.is_empty() => name = Some(text.to_owned()),
                _ => return Err(yaml_error(value.span.start, "`name` must be text")),
            },
            Some("event") => event = Some(yaml_source("event", value)?),
            Some("expect") => {
                expect = Some(match scalar_text(value) {
                    Some("match") => Expect::Match,
                    Some("no-match") => Expect::NoMatch,
                    _ => {
                        return Err(yaml_error(
                            value.span.start,
                            "`expect` must be `match` or `no-match`",
                        ));
                    }
                });
            }
            _ => {
                return Err(yaml_error(
                    key.span.start,
                    "unknown key; a case has `name`, `event` and `expect`",
                ));
            }
        }
    }
    let missing = |what| yaml_error(node.span.start, format!("the case has no `{what}`"));
    Ok(Case {
        name: name.ok_or_else(|| missing("name"))?,
        line: line_of(node),
        event: event.ok_or_else(|| missing("event"))?,
        expect: expect.ok_or_else(|| missing("expect"))?,
    })
}

/// A path (a string) or an inline mapping, as JSON text.
fn yaml_source(key: &str, node: &MarkedYaml<'_>) -> Result<Source, SpecError> {
    match (&node.data, resolve(node)?) {
        (_, Some(Scalar::String(path))) => Ok(Source::Path(PathBuf::from(path.as_ref()))),
        (YamlData::Mapping(_), _) => {
            let mut json = String::new();
            to_json(node, &mut json, 1)?;
            Ok(Source::Inline(json))
        }
        _ => Err(yaml_error(node.span.start, format!("`{key}` must be a file path or a mapping"))),
    }
}

fn yaml_bool(key: &str, node: &MarkedYaml<'_>) -> Result<bool, SpecError> {
    match resolve(node)? {
        Some(Scalar::Boolean(value)) => Ok(value),
        _ => Err(yaml_error(node.span.start, format!("`{key}` must be true or false"))),
    }
}

/// Writes `node` as compact JSON.
fn to_json(node: &MarkedYaml<'_>, out: &mut String, depth: usize) -> Result<(), SpecError> {
    if depth > MAX_YAML_DEPTH {
        return Err(yaml_error(node.span.start, "nested too deeply"));
    }
    match &node.data {
        YamlData::Sequence(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                to_json(item, out, depth + 1)?;
            }
            out.push(']');
        }
        YamlData::Mapping(members) => {
            out.push('{');
            for (i, (key, value)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                // JSON keys are strings: a plain `1:` or `true:` key is
                // the text written.
                let Some(key_text) = scalar_text(key) else {
                    return Err(yaml_error(key.span.start, "a key must be a plain value"));
                };
                let key_text = match resolve(key)? {
                    Some(Scalar::String(text)) => text,
                    _ => Cow::Borrowed(key_text),
                };
                push_json_string(out, &key_text);
                out.push(':');
                to_json(value, out, depth + 1)?;
            }
            out.push('}');
        }
        YamlData::Representation(text, ..) => {
            match resolve(node)?.expect("a representation resolves") {
                Scalar::Null => out.push_str("null"),
                Scalar::Boolean(value) => out.push_str(if value { "true" } else { "false" }),
                // A number keeps its lexeme when JSON can say it as
                // written; `0x1F`, `+5` or `.5` are written out anew.
                Scalar::Integer(_) | Scalar::FloatingPoint(_) if is_json_number(text) => {
                    out.push_str(text);
                }
                Scalar::Integer(value) => out.push_str(&value.to_string()),
                Scalar::FloatingPoint(value) => match serde_json::Number::from_f64(*value) {
                    Some(number) => out.push_str(&number.to_string()),
                    None => {
                        return Err(yaml_error(
                            node.span.start,
                            format!("JSON has no number `{text}`"),
                        ));
                    }
                },
                Scalar::String(value) => push_json_string(out, &value),
            }
        }
        YamlData::Tagged(tag, _) => {
            return Err(yaml_error(node.span.start, format!("the tag `{tag}` has no JSON form")));
        }
        // The loader expands aliases and parses nothing early; a bad
        // value is an alias to an unknown anchor.
        YamlData::Value(_) | YamlData::Alias(_) | YamlData::BadValue => {
            return Err(yaml_error(node.span.start, "unknown alias"));
        }
    }
    Ok(())
}

/// A scalar's value, resolved with YAML 1.2's core schema; `None` for a
/// collection.
fn resolve<'a>(node: &MarkedYaml<'a>) -> Result<Option<Scalar<'a>>, SpecError> {
    let YamlData::Representation(text, style, tag) = &node.data else {
        return Ok(None);
    };
    match Scalar::parse_from_cow_and_metadata(text.clone(), *style, tag.as_ref()) {
        Some(scalar) => Ok(Some(scalar)),
        None => {
            Err(yaml_error(node.span.start, format!("`{text}` is not a valid {}", tag_name(tag))))
        }
    }
}

fn tag_name(tag: &Option<Cow<'_, Tag>>) -> String {
    tag.as_ref().map_or_else(|| "value".to_owned(), |tag| tag.to_string())
}

/// A scalar's text as written, before resolution.
fn scalar_text<'a>(node: &'a MarkedYaml<'_>) -> Option<&'a str> {
    match &node.data {
        YamlData::Representation(text, style, _) => {
            // A plain `~` or `null` is no text at all.
            let null = *style == ScalarStyle::Plain && matches!(text.as_ref(), "~" | "null");
            (!null).then_some(text.as_ref())
        }
        _ => None,
    }
}

fn line_of(node: &MarkedYaml<'_>) -> usize {
    node.span.start.line()
}

fn yaml_error(mark: saphyr::Marker, message: impl Into<String>) -> SpecError {
    SpecError::at(mark.line(), mark.col() + 1, message)
}

fn push_json_string(out: &mut String, text: &str) {
    out.push_str(&serde_json::Value::from(text).to_string());
}

/// Whether `text` is a number as JSON writes numbers.
fn is_json_number(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = usize::from(bytes.first() == Some(&b'-'));
    let digits = |i: &mut usize| {
        let start = *i;
        while bytes.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i > start
    };
    match bytes.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            digits(&mut i);
        }
        _ => return false,
    }
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        if !digits(&mut i) {
            return false;
        }
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(bytes.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(&mut i) {
            return false;
        }
    }
    i == bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = "\
# a comment
pattern: rules/ec2.json
cases:
  - name: stopping
    event: events/stopping.json
    expect: match
  - name: inline
    event:
      source: aws.ec2
      n: 9007199254740993
      f: 1.50
      h: 0x1F
      s: '5'
      t: true
      z: ~
      list: [a, 1]
    expect: no-match
  - {name: flow, event: e.json, expect: match}
";

    #[test]
    fn reads_yaml_with_case_lines_and_inline_json() {
        let spec = parse(YAML, Format::Yaml).unwrap();
        assert_eq!(spec.pattern, Source::Path("rules/ec2.json".into()));
        assert_eq!(spec.pattern_line, 2);
        assert!(!spec.any_event);
        let lines: Vec<usize> = spec.cases.iter().map(|case| case.line).collect();
        assert_eq!(lines, [4, 7, 18]);
        assert_eq!(
            spec.cases[1].event,
            Source::Inline(
                r#"{"source":"aws.ec2","n":9007199254740993,"f":1.50,"h":31,"s":"5","t":true,"z":null,"list":["a",1]}"#
                    .to_owned()
            )
        );
        assert_eq!(spec.cases[1].expect, Expect::NoMatch);
        assert_eq!(spec.cases[2].name, "flow");
    }

    #[test]
    fn reads_json_with_case_lines_and_exact_text() {
        let text = "{\n  \"pattern\": {\"a\": [ 1e2 ], \"a\": [2]},\n  \"any_event\": true,\n  \"cases\": [\n    {\"name\": \"one\", \"event\": \"e.json\", \"expect\": \"match\"},\n\n    {\n      \"name\": \"two\", \"event\": {\"a\": 2}, \"expect\": \"no-match\"}\n  ]\n}\n";
        let spec = parse(text, Format::Json).unwrap();
        assert!(spec.any_event);
        assert_eq!(spec.pattern, Source::Inline(r#"{"a":[1e2],"a":[2]}"#.to_owned()));
        assert_eq!(spec.pattern_line, 2);
        assert_eq!(spec.cases.iter().map(|c| c.line).collect::<Vec<_>>(), [5, 7]);
        assert_eq!(spec.cases[1].event, Source::Inline(r#"{"a":2}"#.to_owned()));
    }

    #[test]
    fn an_unknown_extension_tries_json_then_yaml() {
        let json = r#"{"pattern": "p.json", "cases": []}"#;
        assert_eq!(parse(json, Format::Unknown).unwrap().cases, []);
        assert_eq!(parse(YAML, Format::Unknown).unwrap().cases.len(), 3);
        // JSON with a wrong shape gets JSON's message.
        let error = parse(r#"{"pattern": "p.json"}"#, Format::Unknown).unwrap_err();
        assert_eq!(error.report("s"), "s:1:21: missing field `cases`");
    }

    #[test]
    fn says_where_a_spec_is_wrong() {
        let wrong = |text: &str, format| parse(text, format).unwrap_err().report("s");
        assert_eq!(
            wrong(
                "pattern: p.json\ncases:\n  - name: a\n    event: e.json\n    expect: yes\n",
                Format::Yaml
            ),
            "s:5:13: `expect` must be `match` or `no-match`"
        );
        assert_eq!(
            wrong("pattern: p.json\ncases:\n  - name: a\n    expected: match\n", Format::Yaml),
            "s:4:5: unknown key; a case has `name`, `event` and `expect`"
        );
        assert_eq!(
            wrong("pattern: p.json\ncases:\n  - name: a\n    event: e.json\n", Format::Yaml),
            "s:3:5: the case has no `expect`"
        );
        assert_eq!(
            wrong("pattern: p.json\npattern: q.json\n", Format::Yaml),
            "s:2:1: duplicated key in mapping"
        );
        assert_eq!(
            wrong("pattern: [1\n", Format::Yaml),
            "s:2:1: while parsing a flow sequence, expected ',' or ']'"
        );
        assert_eq!(wrong("", Format::Yaml), "s: the spec is empty");
        assert_eq!(
            wrong("pattern: 5\ncases: []\n", Format::Yaml),
            "s:1:10: `pattern` must be a file path or a mapping"
        );
        assert_eq!(
            wrong("pattern: {a: .inf}\ncases: []\n", Format::Yaml),
            "s:1:14: JSON has no number `.inf`"
        );
        assert_eq!(
            wrong(
                "{\"pattern\": \"p\",\n \"cases\": [\n  {\"name\": \"a\", \"event\": 1, \"expect\": \"match\"}]}",
                Format::Json
            ),
            "s:3:26: `event` must be a file path or an object"
        );
        assert_eq!(
            wrong(
                "{\"pattern\": \"p\",\n \"cases\": [\n  {\"name\": \"a\", \"expect\": \"maybe\"}]}",
                Format::Json
            ),
            "s:3:33: unknown variant `maybe`, expected `match` or `no-match`"
        );
        assert_eq!(
            wrong("{\"pattern\": \"p\", \"cases\": [\n [\"a\", \"e\", \"match\"]]}", Format::Json),
            "s:2:2: a case is an object with \"name\", \"event\" and \"expect\""
        );
        assert_eq!(
            wrong(" []", Format::Json),
            "s:1:2: a spec is an object with \"pattern\" and \"cases\""
        );
    }

    #[test]
    fn knows_json_numbers() {
        for yes in ["0", "-0", "12", "1.5", "1e5", "-1.25E-3"] {
            assert!(is_json_number(yes), "{yes}");
        }
        for no in ["", "-", "01", "1.", ".5", "+1", "0x1F", "1e", "inf"] {
            assert!(!is_json_number(no), "{no}");
        }
    }
}
