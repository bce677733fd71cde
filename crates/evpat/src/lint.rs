//! Lints: warnings on a valid pattern about the mistakes people make, each
//! with a stable code, a span and a one-line fix.
//!
//! | code | severity | finds |
//! |---|---|---|
//! | `pattern-size` | warning | more than the 2048-character default quota |
//! | `or-combinations` | info, warning from 800 | how many branches `$or` makes, against AWS's 1000 |
//! | `duplicate-key` | warning | a key given twice: only the last counts |
//! | `prefix-or-suffix` | warning | `prefix` and `suffix` in one list: either matches |
//! | `number-as-string` | info | `"5"` never matches the number 5 |
//! | `matches-everything` | warning | only `exists`/`anything-but`-like tests on the envelope |
//! | `dollar-key` | warning | a `$` key other than `$or` is an ordinary field |
//! | `unknown-source`, `unknown-detail-type` | warning | near misses of values AWS sends |
//! | `pipes-unsupported` | info | filters EventBridge Pipes and Lambda filtering lack |
//! | `snake-case-key` | info | `detail_type`, `event_name` where AWS writes `detail-type`, `eventName` |
//! | `cloudtrail-read-only` | info | read-only calls need `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS` |
//! | `wildcard-quota` | info | wildcard rules count toward 30 per bus |
//! | `exists-on-object` | warning | with an event: `exists` where the event has an object |
//! | `arn-separator` | warning | with an event: an ARN with `/` where the event has `:`, or the reverse |

use crate::ast::{AnythingBut, FieldValue, Literal, Matcher, MatcherKind, Object};
use crate::event::{Event, Leaf as Value};
use crate::json::{Span, quote};
use crate::pattern::Pattern;
use crate::sort;

/// How much a lint matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// Worth knowing; nothing is wrong.
    Info,
    /// Probably not what was meant, or close to a limit.
    Warning,
}

/// One finding about a valid pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lint {
    /// A stable identifier, such as `duplicate-key`.
    pub code: &'static str,
    /// How much it matters.
    pub severity: Severity,
    /// What was found, in one sentence.
    pub message: String,
    /// Where, in the pattern text.
    pub span: Span,
    /// The JSON path of the place, such as `$.detail.state`.
    pub path: String,
    /// How to fix it, in one line.
    pub fix: String,
}

/// The default "Event pattern size" quota, in characters.
const DEFAULT_SIZE_QUOTA: usize = 2048;
/// AWS's limit on `$or` combinations, and where warnings start.
const COMBINATIONS_LIMIT: usize = 1000;
const COMBINATIONS_WARNING: usize = 800;

/// The fields AWS puts on every event.
const ENVELOPE: &[&str] =
    &["version", "id", "detail-type", "source", "account", "time", "region", "resources"];

/// Sources of AWS services, for near-miss checks.
const KNOWN_SOURCES: &[&str] = &[
    "aws.autoscaling",
    "aws.backup",
    "aws.batch",
    "aws.cloudformation",
    "aws.cloudtrail",
    "aws.cloudwatch",
    "aws.codebuild",
    "aws.codecommit",
    "aws.codedeploy",
    "aws.codepipeline",
    "aws.config",
    "aws.dynamodb",
    "aws.ec2",
    "aws.ecr",
    "aws.ecs",
    "aws.eks",
    "aws.elasticloadbalancing",
    "aws.events",
    "aws.glue",
    "aws.guardduty",
    "aws.health",
    "aws.iam",
    "aws.kms",
    "aws.lambda",
    "aws.rds",
    "aws.s3",
    "aws.scheduler",
    "aws.secretsmanager",
    "aws.securityhub",
    "aws.signin",
    "aws.sns",
    "aws.sqs",
    "aws.ssm",
    "aws.states",
];

/// Detail types AWS services send, for near-miss checks.
const KNOWN_DETAIL_TYPES: &[&str] = &[
    "AWS API Call via CloudTrail",
    "AWS Console Sign In via CloudTrail",
    "AWS Health Event",
    "Batch Job State Change",
    "CloudWatch Alarm State Change",
    "CodeBuild Build State Change",
    "CodePipeline Pipeline Execution State Change",
    "EC2 Instance Launch Successful",
    "EC2 Instance Launch Unsuccessful",
    "EC2 Instance State-change Notification",
    "EC2 Instance Terminate Successful",
    "ECR Image Action",
    "ECR Image Scan",
    "ECS Container Instance State Change",
    "ECS Task State Change",
    "Glue Job State Change",
    "GuardDuty Finding",
    "Object Created",
    "Object Deleted",
    "RDS DB Instance Event",
    "Scheduled Event",
    "Security Hub Findings - Imported",
    "Step Functions Execution Status Change",
];

/// CloudTrail event names of read-only calls start with these.
const READ_ONLY_PREFIXES: &[&str] = &["Get", "Describe", "List", "Head", "Lookup"];

/// A leaf of the pattern with where it sits.
struct Leaf<'a> {
    /// Event keys from the root, `$or` excluded.
    keys: Vec<&'a str>,
    path: &'a str,
    key_span: Span,
    matchers: &'a [Matcher],
}

impl Leaf<'_> {
    fn event_path(&self) -> String {
        self.keys.join(".")
    }
}

/// The lints for `pattern`, ordered by where they are.
pub fn lint(pattern: &Pattern) -> Vec<Lint> {
    let mut lints = Linter::new(pattern).pattern_lints();
    sort(&mut lints);
    lints
}

/// The lints for `pattern`, plus those that need a sample event, such as
/// `exists` where the event has an object.
pub fn lint_with_event(pattern: &Pattern, event: &Event) -> Vec<Lint> {
    let linter = Linter::new(pattern);
    let mut lints = linter.pattern_lints();
    lints.extend(linter.event_lints(event));
    sort(&mut lints);
    lints
}

fn sort(lints: &mut [Lint]) {
    sort::sort_by(lints, |a, b| (a.span.start, a.code).cmp(&(b.span.start, b.code)));
}

struct Linter<'a> {
    pattern: &'a Pattern,
    leaves: Vec<Leaf<'a>>,
    /// Every key with its span and path, `$or` included.
    keys: Vec<(&'a str, Span, &'a str)>,
}

impl<'a> Linter<'a> {
    fn new(pattern: &'a Pattern) -> Linter<'a> {
        let mut linter = Linter { pattern, leaves: Vec::new(), keys: Vec::new() };
        linter.collect(pattern.ast(), &[]);
        linter
    }

    fn collect(&mut self, object: &'a Object, keys: &[&'a str]) {
        for field in &object.fields {
            self.keys.push((&field.key, field.key_span, &field.path));
            match &field.value {
                FieldValue::Leaf(matchers) => {
                    let mut keys = keys.to_vec();
                    keys.push(&field.key);
                    self.leaves.push(Leaf {
                        keys,
                        path: &field.path,
                        key_span: field.key_span,
                        matchers,
                    });
                }
                FieldValue::Nested(inner) => {
                    let mut keys = keys.to_vec();
                    keys.push(&field.key);
                    self.collect(inner, &keys);
                }
                FieldValue::Or(branches) => {
                    for branch in branches {
                        self.collect(branch, keys);
                    }
                }
            }
        }
    }

    fn pattern_lints(&self) -> Vec<Lint> {
        let mut lints = Vec::new();
        self.size(&mut lints);
        self.combinations(&mut lints);
        for duplicate in self.pattern.duplicates() {
            lints.push(Lint {
                code: "duplicate-key",
                severity: Severity::Warning,
                message: format!(
                    "\"{}\" is given more than once here, and only the last one counts",
                    duplicate.key
                ),
                span: duplicate.ignored,
                path: duplicate.path.clone(),
                fix: "merge the values into the last occurrence, and remove this one".to_owned(),
            });
        }
        for &(key, span, path) in &self.keys {
            if key.starts_with('$') && key != "$or" {
                lints.push(Lint {
                    code: "dollar-key",
                    severity: Severity::Warning,
                    message: format!(
                        "\"{key}\" is matched as an ordinary field: only $or is an operator"
                    ),
                    span,
                    path: path.to_owned(),
                    fix: "write \"$or\" if you meant alternatives".to_owned(),
                });
            }
            if let Some(better) = snake_case_alternative(key) {
                lints.push(Lint {
                    code: "snake-case-key",
                    severity: Severity::Info,
                    message: format!(
                        "\"{key}\" is snake_case; AWS events spell their keys like \"{better}\""
                    ),
                    span,
                    path: path.to_owned(),
                    fix: format!("write the key exactly as in the event, probably \"{better}\""),
                });
            }
        }
        for leaf in &self.leaves {
            self.leaf_lints(leaf, &mut lints);
        }
        self.matches_everything(&mut lints);
        self.cloudtrail_read_only(&mut lints);
        lints
    }

    fn size(&self, lints: &mut Vec<Lint>) {
        let text = self.pattern.text();
        let chars = text.chars().count();
        if chars > DEFAULT_SIZE_QUOTA {
            let start = text.char_indices().nth(DEFAULT_SIZE_QUOTA).map_or(text.len(), |(i, _)| i);
            lints.push(Lint {
                code: "pattern-size",
                severity: Severity::Warning,
                message: format!(
                    "the pattern has {chars} characters: more than the default quota of {DEFAULT_SIZE_QUOTA} (the limit is 4096)"
                ),
                span: Span { start, end: text.len() },
                path: "$".to_owned(),
                fix: "shorten the pattern, or raise the \"Event pattern size\" quota".to_owned(),
            });
        }
    }

    fn combinations(&self, lints: &mut Vec<Lint>) {
        let Some(&(_, span, path)) = self.keys.iter().find(|(key, ..)| *key == "$or") else {
            return;
        };
        let combinations = self.pattern.combinations();
        let near = combinations >= COMBINATIONS_WARNING;
        lints.push(Lint {
            code: "or-combinations",
            severity: if near { Severity::Warning } else { Severity::Info },
            message: format!("$or expands the pattern into {combinations} combinations (AWS allows {COMBINATIONS_LIMIT})"),
            span,
            path: path.to_owned(),
            fix: if near {
                "split the rule into several rules before it reaches the limit".to_owned()
            } else {
                "nothing to do; this is how AWS counts $or".to_owned()
            },
        });
    }

    fn leaf_lints(&self, leaf: &Leaf, lints: &mut Vec<Lint>) {
        let prefixes: Vec<&Matcher> =
            leaf.matchers.iter().filter(|m| matches!(m.kind, MatcherKind::Prefix(..))).collect();
        let suffixes: Vec<&Matcher> =
            leaf.matchers.iter().filter(|m| matches!(m.kind, MatcherKind::Suffix(..))).collect();
        if let (Some(first), false) = (prefixes.first(), suffixes.is_empty()) {
            let fix = match (&prefixes[..], &suffixes[..]) {
                (
                    [Matcher { kind: MatcherKind::Prefix(p, _), .. }],
                    [Matcher { kind: MatcherKind::Suffix(s, _), .. }],
                ) => format!(
                    "to require both, use {{\"wildcard\": {}}}",
                    quote(&format!("{}*{}", escape_glob(&p.value), escape_glob(&s.value)))
                ),
                _ => "to require both, use a wildcard such as \"prefix*suffix\"".to_owned(),
            };
            lints.push(Lint {
                code: "prefix-or-suffix",
                severity: Severity::Warning,
                message: "prefix and suffix in one list match either one, not both".to_owned(),
                span: first.span,
                path: first.path.clone(),
                fix,
            });
        }
        for matcher in leaf.matchers {
            let strings: Vec<&str> = match &matcher.kind {
                MatcherKind::Exact(Literal::String(s)) => vec![s],
                MatcherKind::AnythingBut(AnythingBut::Values(values)) => values
                    .iter()
                    .filter_map(|v| match v {
                        Literal::String(s) => Some(s.as_str()),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            };
            for s in strings.into_iter().filter(|s| looks_like_number(s)) {
                lints.push(Lint {
                    code: "number-as-string",
                    severity: Severity::Info,
                    message: format!("\"{s}\" is a string: it never matches the number {s}"),
                    span: matcher.span,
                    path: matcher.path.clone(),
                    fix: format!("if the event has a number, write {s} without quotes"),
                });
            }
            self.known_values(leaf, matcher, lints);
            let unsupported = match &matcher.kind {
                MatcherKind::Wildcard(_) => Some("wildcard"),
                MatcherKind::AnythingBut(AnythingBut::Prefix(_)) => {
                    Some("anything-but with prefix")
                }
                MatcherKind::AnythingBut(AnythingBut::Suffix(_)) => {
                    Some("anything-but with suffix")
                }
                MatcherKind::AnythingBut(AnythingBut::EqualsIgnoreCase(_)) => {
                    Some("anything-but with equals-ignore-case")
                }
                MatcherKind::AnythingBut(AnythingBut::Wildcard(_)) => {
                    Some("anything-but with wildcard")
                }
                _ => None,
            };
            if let Some(what) = unsupported {
                lints.push(Lint {
                    code: "pipes-unsupported",
                    severity: Severity::Info,
                    message: format!("EventBridge Pipes and Lambda event filtering do not support {what}"),
                    span: matcher.span,
                    path: matcher.path.clone(),
                    fix: "fine for EventBridge rules; rewrite it before using the pattern as a Pipes or Lambda filter"
                        .to_owned(),
                });
            }
            if matches!(
                matcher.kind,
                MatcherKind::Wildcard(_) | MatcherKind::AnythingBut(AnythingBut::Wildcard(_))
            ) {
                lints.push(Lint {
                    code: "wildcard-quota",
                    severity: Severity::Info,
                    message:
                        "rules with wildcards count toward the quota of 30 such rules per event bus"
                            .to_owned(),
                    span: matcher.span,
                    path: matcher.path.clone(),
                    fix: "use prefix or suffix where they suffice".to_owned(),
                });
            }
        }
    }

    /// Near misses of the `source` and `detail-type` values AWS sends.
    fn known_values(&self, leaf: &Leaf, matcher: &Matcher, lints: &mut Vec<Lint>) {
        let (code, known): (&'static str, &[&str]) = match leaf.event_path().as_str() {
            "source" => ("unknown-source", KNOWN_SOURCES),
            "detail-type" => ("unknown-detail-type", KNOWN_DETAIL_TYPES),
            _ => return,
        };
        let MatcherKind::Exact(Literal::String(value)) = &matcher.kind else { return };
        if known.contains(&value.as_str()) {
            return;
        }
        if let Some(meant) = known.iter().find(|k| is_near_miss(value, k)) {
            lints.push(Lint {
                code,
                severity: Severity::Warning,
                message: format!(
                    "{} is not a {} AWS sends; it is close to {}",
                    quote(value),
                    leaf.event_path(),
                    quote(meant)
                ),
                span: matcher.span,
                path: matcher.path.clone(),
                fix: format!("write {}", quote(meant)),
            });
        }
    }

    /// A pattern whose every test is met by almost any event: only
    /// envelope fields, each with `exists: true`, `anything-but`, an empty
    /// prefix or suffix, or the wildcard `*`.
    fn matches_everything(&self, lints: &mut Vec<Lint>) {
        let loose = |m: &Matcher| match &m.kind {
            MatcherKind::Exists(true) | MatcherKind::AnythingBut(_) => true,
            MatcherKind::Prefix(t, _) | MatcherKind::Suffix(t, _) => t.value.is_empty(),
            MatcherKind::Wildcard(t) => t.value.chars().all(|c| c == '*'),
            _ => false,
        };
        let everything = !self.leaves.is_empty()
            && self.leaves.iter().all(|leaf| {
                ENVELOPE.contains(&leaf.event_path().as_str()) && leaf.matchers.iter().any(loose)
            });
        if everything {
            lints.push(Lint {
                code: "matches-everything",
                severity: Severity::Warning,
                message: "this pattern matches every event on the bus, or nearly every one"
                    .to_owned(),
                span: self.leaves[0].key_span,
                path: self.leaves[0].path.to_owned(),
                fix: "add a condition on source or detail-type, such as \"source\": [\"aws.ec2\"]"
                    .to_owned(),
            });
        }
    }

    fn cloudtrail_read_only(&self, lints: &mut Vec<Lint>) {
        let cloudtrail = self.leaves.iter().any(|leaf| {
            leaf.event_path() == "detail-type"
                && leaf.matchers.iter().any(|m| {
                    matches!(&m.kind, MatcherKind::Exact(Literal::String(s)) if s == "AWS API Call via CloudTrail")
                })
        });
        if !cloudtrail {
            return;
        }
        for leaf in self.leaves.iter().filter(|leaf| leaf.event_path() == "detail.eventName") {
            for matcher in leaf.matchers {
                let name = match &matcher.kind {
                    MatcherKind::Exact(Literal::String(s))
                    | MatcherKind::Prefix(crate::ast::Operand { value: s, .. }, _) => s,
                    _ => continue,
                };
                if READ_ONLY_PREFIXES.iter().any(|p| name.starts_with(p)) {
                    lints.push(Lint {
                        code: "cloudtrail-read-only",
                        severity: Severity::Info,
                        message: format!(
                            "{} is a read-only call: CloudTrail delivers those only to rules whose state is ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
                            quote(name)
                        ),
                        span: matcher.span,
                        path: matcher.path.clone(),
                        fix: "set the rule's State to ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS".to_owned(),
                    });
                }
            }
        }
    }

    fn event_lints(&self, event: &Event) -> Vec<Lint> {
        let mut lints = Vec::new();
        for leaf in &self.leaves {
            let path = leaf.event_path();
            let values = event.at(&path);
            let object = values.is_empty() && event.has_fields_under(&path);
            for matcher in leaf.matchers {
                if object && matches!(matcher.kind, MatcherKind::Exists(_)) {
                    lints.push(Lint {
                        code: "exists-on-object",
                        severity: Severity::Warning,
                        message: format!(
                            "{path} is an object in the event, and exists treats objects as absent"
                        ),
                        span: matcher.span,
                        path: matcher.path.clone(),
                        fix: format!("test a field inside {path} instead"),
                    });
                }
                let MatcherKind::Exact(Literal::String(arn)) = &matcher.kind else { continue };
                if !arn.starts_with("arn:") {
                    continue;
                }
                let swapped = values.iter().find_map(|v| match &v.value {
                    Value::String(s)
                        if s != arn && s.replace('/', ":") == arn.replace('/', ":") =>
                    {
                        Some(s)
                    }
                    _ => None,
                });
                if let Some(seen) = swapped {
                    lints.push(Lint {
                        code: "arn-separator",
                        severity: Severity::Warning,
                        message: format!(
                            "the ARN {} differs from the event's {} only in / versus :",
                            quote(arn),
                            quote(seen)
                        ),
                        span: matcher.span,
                        path: matcher.path.clone(),
                        fix: format!("write {} as the event does", quote(seen)),
                    });
                }
            }
        }
        lints
    }
}

/// `detail_type` → `detail-type` for envelope keys, `event_name` →
/// `eventName` otherwise; `None` when the key is not snake_case.
fn snake_case_alternative(key: &str) -> Option<String> {
    if !key.contains('_')
        || key.starts_with('_')
        || key.ends_with('_')
        || key.chars().any(|c| c.is_uppercase())
    {
        return None;
    }
    if !key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
        return None;
    }
    let kebab = key.replace('_', "-");
    if ENVELOPE.contains(&kebab.as_str()) {
        return Some(kebab);
    }
    let mut camel = String::with_capacity(key.len());
    let mut upper = false;
    for c in key.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            camel.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            camel.push(c);
        }
    }
    Some(camel)
}

fn looks_like_number(s: &str) -> bool {
    !s.is_empty()
        && s.trim() == s
        && s.parse::<f64>().is_ok_and(f64::is_finite)
        && !s.contains(['e', 'E', 'i', 'n'])
}

/// A likely typo: equal once case, spaces, dots and hyphens are ignored,
/// or within two edits.
fn is_near_miss(value: &str, known: &str) -> bool {
    let squash =
        |s: &str| s.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect::<String>();
    squash(value) == squash(known) || (value.len() >= 6 && edit_distance(value, known) <= 2)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

fn escape_glob(s: &str) -> String {
    s.replace('\\', "\\\\").replace('*', "\\*")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(pattern: &str) -> Vec<(&'static str, String)> {
        let pattern = Pattern::parse(pattern).unwrap();
        lint(&pattern).into_iter().map(|l| (l.code, l.message)).collect()
    }

    #[test]
    fn duplicate_keys_point_at_the_ignored_one() {
        let text = r#"{"detail": {"location": [{"prefix": "us-"}], "location": [{"anything-but": "us-east"}]}}"#;
        let pattern = Pattern::parse(text).unwrap();
        let lints = lint(&pattern);
        assert_eq!(lints.len(), 1);
        assert_eq!(lints[0].code, "duplicate-key");
        assert_eq!(&text[lints[0].span.start..lints[0].span.end], "\"location\"");
        assert_eq!(lints[0].span.start, 12);
        assert_eq!(lints[0].path, "$.detail.location");
    }

    #[test]
    fn prefix_and_suffix_in_one_list() {
        let text = r#"{"key": [{"prefix": "uploads/"}, {"suffix": ".png"}]}"#;
        let lints = lint(&Pattern::parse(text).unwrap());
        assert_eq!(lints[0].code, "prefix-or-suffix");
        assert_eq!(lints[0].fix, r#"to require both, use {"wildcard": "uploads/*.png"}"#);
    }

    #[test]
    fn each_pattern_lint_fires() {
        assert_eq!(codes(r#"{"detail": {"count": ["5"]}}"#)[0].0, "number-as-string");
        assert_eq!(codes(r#"{"source": [{"exists": true}]}"#)[0].0, "matches-everything");
        assert_eq!(codes(r#"{"$and": [1]}"#)[0].0, "dollar-key");
        assert_eq!(
            codes(r#"{"source": ["aws.EC2"]}"#)[0],
            (
                "unknown-source",
                r#""aws.EC2" is not a source AWS sends; it is close to "aws.ec2""#.to_owned()
            )
        );
        assert_eq!(
            codes(r#"{"detail-type": ["EC2 Instance State Change Notification"]}"#)[0].0,
            "unknown-detail-type"
        );
        assert_eq!(
            codes(r#"{"detail_type": ["x"]}"#)[0],
            (
                "snake-case-key",
                r#""detail_type" is snake_case; AWS events spell their keys like "detail-type""#
                    .to_owned()
            )
        );
        assert_eq!(
            codes(r#"{"detail": {"event_name": ["x"]}}"#)[0].1,
            r#""event_name" is snake_case; AWS events spell their keys like "eventName""#
        );
        let wildcard = codes(r#"{"source": ["a"], "detail": {"key": [{"wildcard": "*.png"}]}}"#);
        assert_eq!(
            wildcard.iter().map(|c| c.0).collect::<Vec<_>>(),
            ["pipes-unsupported", "wildcard-quota"]
        );
        let read_only = codes(
            r#"{"detail-type": ["AWS API Call via CloudTrail"], "detail": {"eventName": ["GetObject", "PutObject"]}}"#,
        );
        assert_eq!(read_only.iter().map(|c| c.0).collect::<Vec<_>>(), ["cloudtrail-read-only"]);
        let or = codes(r#"{"source": ["a"], "$or": [{"b": [1]}, {"c": [2]}]}"#);
        assert_eq!(
            or[0],
            (
                "or-combinations",
                "$or expands the pattern into 2 combinations (AWS allows 1000)".to_owned()
            )
        );
        let big = format!(r#"{{"source": ["{}"]}}"#, "x".repeat(2100));
        assert_eq!(codes(&big)[0].0, "pattern-size");
    }

    #[test]
    fn clean_patterns_have_no_lints() {
        assert_eq!(
            codes(
                r#"{"source": ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"], "detail": {"state": ["stopped"]}}"#
            ),
            []
        );
    }

    #[test]
    fn event_lints() {
        let pattern = Pattern::parse(
            r#"{"detail": {"requestParameters": [{"exists": true}]}, "resources": ["arn:aws:ec2:us-east-1:1:instance:i-1"]}"#,
        )
        .unwrap();
        let event = Event::parse(
            r#"{"detail": {"requestParameters": {"groupId": "sg-1"}}, "resources": ["arn:aws:ec2:us-east-1:1:instance/i-1"]}"#,
        )
        .unwrap();
        let found: Vec<&str> = lint_with_event(&pattern, &event).iter().map(|l| l.code).collect();
        assert_eq!(found, ["exists-on-object", "arn-separator"]);
    }
}
