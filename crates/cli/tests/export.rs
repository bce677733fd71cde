//! `evpat export` and `evpat import`.

use std::path::{Path, PathBuf};

use crate::{evpat, outcome};

/// The rule crate's test rules and their golden exports.
fn rule_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../rule/tests")
}

const FORMATS: [(&str, &str); 13] = [
    ("api-json", "json"),
    ("cli", "sh"),
    ("sdk-js", "mjs"),
    ("cloudformation-json", "json"),
    ("cloudformation-yaml", "yaml"),
    ("sam", "yaml"),
    ("serverless", "yml"),
    ("terraform", "tf"),
    ("cdk-ts", "ts"),
    ("jets", "rb"),
    ("scheduler-cloudformation", "yaml"),
    ("scheduler-terraform", "tf"),
    ("sam-schedule-v2", "yaml"),
];

#[test]
fn export_writes_the_golden_text_and_its_warnings_to_stderr() {
    let mut checked = 0;
    for entry in std::fs::read_dir(rule_dir().join("rules")).unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let golden = rule_dir().join("golden/export").join(&stem);
        let warnings = std::fs::read_to_string(golden.join("warnings.txt")).unwrap();
        for (format, extension) in FORMATS {
            let (code, stdout, stderr) =
                outcome(&evpat(&["export", "--format", format, path.to_str().unwrap()], b""));
            let expected_warnings: String = warnings
                .lines()
                .filter_map(|line| line.strip_prefix(&format!("{format}: ")))
                .map(|warning| format!("warning: {warning}\n"))
                .collect();
            match std::fs::read_to_string(golden.join(format!("{format}.{extension}"))) {
                Ok(text) => {
                    assert_eq!(
                        (code, stdout, stderr),
                        (Some(0), text, expected_warnings),
                        "{stem} {format}"
                    );
                }
                Err(_) => {
                    let error = std::fs::read_to_string(golden.join(format!("{format}.error.txt")))
                        .unwrap();
                    assert_eq!(
                        (code, stdout, stderr),
                        (Some(2), String::new(), format!("evpat: {}: {error}", path.display())),
                        "{stem} {format}"
                    );
                }
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 7 * FORMATS.len());
}

#[test]
fn export_takes_a_bare_pattern_with_a_name() {
    let (code, stdout, stderr) = outcome(&evpat(
        &["export", "-f", "api-json", "--name", "ec2-events", "-"],
        br#"{"source": ["aws.ec2"], "detail": {"n": [{"numeric": [">", 1.50]}]}}"#,
    ));
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            Some(0),
            "{\n  \"PutRule\": {\n    \"Name\": \"ec2-events\",\n    \"EventPattern\": \
             \"{\\\"source\\\":[\\\"aws.ec2\\\"],\\\"detail\\\":{\\\"n\\\":[{\\\"numeric\\\":\
             [\\\">\\\",1.50]}]}}\",\n    \"State\": \"ENABLED\"\n  }\n}\n",
            ""
        )
    );
    let (code, stdout, stderr) =
        outcome(&evpat(&["export", "-f", "api-json", "-"], br#"{"source": ["aws.ec2"]}"#));
    assert_eq!((code, stdout.as_str()), (Some(2), ""));
    assert!(
        stderr.starts_with(
            "evpat: <stdin> is a bare event pattern: give the rule a name with --name NAME"
        ),
        "{stderr}"
    );
}

#[test]
fn export_refuses_what_aws_would_refuse_with_the_place() {
    let (code, stdout, stderr) = outcome(&evpat(
        &["export", "-f", "cloudformation-yaml", "-"],
        b"{\n  \"Name\": \"r\",\n  \"EventBusName\": \"orders\",\n  \"ScheduleExpression\": \"rate(1 hour)\"\n}",
    ));
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            Some(2),
            "",
            "<stdin>:4:25: ScheduleExpression is supported only on the default event bus.\n  \
             = hint: remove EventBusName, or set it to \"default\"\n"
        )
    );
    let (code, _, stderr) = outcome(&evpat(
        &["export", "-f", "cli", "--name", "r", "-"],
        b"{\"detail\": {\"n\": [{\"prefix\": 5}]}}",
    ));
    assert_eq!(code, Some(2));
    assert!(stderr.starts_with("<stdin>:1:30: error: Event pattern is not valid. Reason: prefix match pattern must be a string"), "{stderr}");
    let (code, _, stderr) = outcome(&evpat(&["export", "-f", "yaml", "-"], b"{}"));
    assert_eq!(code, Some(2));
    assert!(stderr.contains("possible values: api-json, cli, sdk-js"), "{stderr}");
}

#[test]
fn import_writes_put_rule_json_and_says_what_it_read() {
    let describe_rule = br#"{"Name":"ec2-stopped","Arn":"arn:aws:events:us-east-1:123456789012:rule/ec2-stopped","EventPattern":"{\"source\":[\"aws.ec2\"],\"detail\":{\"n\":[{\"numeric\":[\">\",1.50]}]}}","State":"ENABLED","EventBusName":"default","CreatedBy":"123456789012"}"#;
    assert_eq!(
        outcome(&evpat(&["import", "-"], describe_rule)),
        (
            Some(0),
            r#"{
  "Name": "ec2-stopped",
  "EventBusName": "default",
  "EventPattern": "{\"source\":[\"aws.ec2\"],\"detail\":{\"n\":[{\"numeric\":[\">\",1.50]}]}}",
  "State": "ENABLED"
}
"#
            .to_owned(),
            "evpat: <stdin>: 1 rule from aws events describe-rule output\n".to_owned()
        )
    );
}

#[test]
fn import_writes_several_rules_as_an_array_or_the_one_asked_for() {
    let template =
        b"Resources:\n  A:\n    Type: AWS::Events::Rule\n    Properties:\n      Name: a\n      \
ScheduleExpression: rate(1 hour)\n  B:\n    Type: AWS::Events::Rule\n    Properties:\n      \
EventPattern:\n        source: [aws.ec2]\n";
    let b = "{\n  \"Name\": \"B\",\n  \"EventPattern\": \"{\\\"source\\\":[\\\"aws.ec2\\\"]}\",\n  \
             \"State\": \"ENABLED\"\n}";
    let a = "{\n  \"Name\": \"a\",\n  \"ScheduleExpression\": \"rate(1 hour)\",\n  \"State\": \
             \"ENABLED\"\n}";
    let indent = |text: &str| text.lines().map(|l| format!("  {l}")).collect::<Vec<_>>().join("\n");
    let warning = "warning: line 7: the rule has no name of its own: it is named B here\n";
    assert_eq!(
        outcome(&evpat(&["import", "-"], template)),
        (
            Some(0),
            format!("[\n{},\n{}\n]\n", indent(a), indent(b)),
            format!("evpat: <stdin>: 2 rules from CloudFormation template\n{warning}")
        )
    );
    assert_eq!(
        outcome(&evpat(&["import", "--rule", "B", "-"], template)),
        (
            Some(0),
            format!("{b}\n"),
            format!("evpat: <stdin>: 1 rule from CloudFormation template\n{warning}")
        )
    );
    let (code, stdout, stderr) = outcome(&evpat(&["import", "--rule", "C", "-"], template));
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (Some(2), "", "evpat: <stdin> has no rule named C; it has: a, B\n")
    );
}

#[test]
fn import_errors_name_the_line_and_column() {
    let template = b"Resources:\n  B:\n    Type: AWS::Events::Rule\n    Properties:\n      \
EventPattern:\n        source: [{prefix: 5}]\n";
    assert_eq!(
        outcome(&evpat(&["import", "-"], template)),
        (
            Some(2),
            String::new(),
            "<stdin>:6:27: Event pattern is not valid. Reason: prefix match pattern must be a \
             string\n  = hint: give a single string; to allow several, use one filter object per \
             string\n"
                .to_owned()
        )
    );
    let (code, _, stderr) = outcome(&evpat(&["import", "--from", "terraform", "-"], b"resource {"));
    assert_eq!(code, Some(2));
    assert!(stderr.starts_with("<stdin>:1:"), "{stderr}");
}

#[test]
fn import_reads_every_export_back_to_the_same_rule() {
    // The CloudFormation, Terraform and API exports of the EC2 rule hold all
    // of it: importing one and exporting it again gives the same requests.
    let golden = rule_dir().join("golden/export/ec2-stopping");
    let api_json = std::fs::read_to_string(golden.join("api-json.json")).unwrap();
    for file in
        ["cloudformation-yaml.yaml", "cloudformation-json.json", "terraform.tf", "api-json.json"]
    {
        let path = golden.join(file);
        let imported = evpat(&["import", path.to_str().unwrap()], b"");
        assert_eq!(imported.status.code(), Some(0), "{file}");
        let exported = evpat(&["export", "-f", "api-json", "-"], &imported.stdout);
        assert_eq!(outcome(&exported), (Some(0), api_json.clone(), String::new()), "{file}");
    }
}
