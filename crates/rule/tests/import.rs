//! Importers' tests.
//!
//! First, round trips: every exporter's output that an importer reads, for
//! every rule in `tests/rules`, imported back, by guessing and by naming
//! the source; the rule must come back with its pattern's compact text
//! exactly (every number's lexeme) and every field the format holds.
//!
//! Then each importer with exact expected values: the notes' examples
//! (§6) in every format read, intrinsic functions, heredocs, escaped
//! strings, describe-rule output, guessing, and errors with their line and
//! column.

use evpat_rule::export::{Format, export};
use evpat_rule::import::{Imported, Source, import};
use evpat_rule::{Rule, Target, TargetInput};

use crate::golden::rules;

/// A rule's fields, to say which ones a format holds.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Field {
    Name,
    Description,
    EventBus,
    State,
    /// The state as ENABLED or DISABLED: formats with an `enabled` flag or
    /// Scheduler's two states write ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS
    /// as ENABLED.
    Enabled,
    Pattern,
    Schedule,
    Timezone,
    RoleArn,
    /// Every target, in full.
    Targets,
    /// Of the one target a format holds (the first Lambda target for SAM
    /// and the Serverless Framework, the first target for Scheduler):
    TargetId,
    TargetArn,
    TargetRoleArn,
    /// `Input` and `InputPath`, and the input transformer where the format
    /// takes one.
    TargetInput,
    TargetRetry,
    TargetDeadLetter,
}

use Field::*;

/// The source an export of `format` is read as, and the fields it holds.
fn format_fields(format: Format, rule: &Rule) -> Option<(Source, Vec<Field>)> {
    let all = vec![Name, Description, EventBus, State, Pattern, Schedule, RoleArn, Targets];
    Some(match format {
        Format::ApiJson => (Source::PutRule, all),
        Format::CloudFormationJson | Format::CloudFormationYaml => (Source::CloudFormation, all),
        Format::Terraform => (Source::Terraform, all),
        // An EventBridgeRule event has no Description; a Schedule event
        // has no bus, and names its target itself. SAM takes neither a
        // rule nor a target RoleArn, and puts the function in place of the
        // target's ARN.
        Format::Sam if rule.event_pattern.is_some() => {
            (Source::Sam, vec![Name, EventBus, State, Pattern, TargetId, TargetInput, TargetRetry])
        }
        Format::Sam => {
            (Source::Sam, vec![Name, Description, State, Schedule, TargetInput, TargetRetry])
        }
        Format::Serverless => (
            Source::Serverless,
            vec![
                Name,
                Description,
                EventBus,
                Enabled,
                Pattern,
                Schedule,
                TargetInput,
                TargetRetry,
                TargetDeadLetter,
            ],
        ),
        // Jets writes the rule's own properties; its target is the job's
        // function.
        Format::Jets => (Source::Jets, vec![Name, Description, State, Pattern, Schedule]),
        Format::SchedulerCloudFormation => (
            Source::Scheduler,
            vec![
                Name,
                Description,
                Enabled,
                Schedule,
                Timezone,
                TargetArn,
                TargetRoleArn,
                TargetInput,
                TargetRetry,
                TargetDeadLetter,
            ],
        ),
        Format::SchedulerTerraform => (
            Source::Terraform,
            vec![
                Name,
                Description,
                Enabled,
                Schedule,
                Timezone,
                TargetArn,
                TargetRoleArn,
                TargetInput,
                TargetRetry,
                TargetDeadLetter,
            ],
        ),
        Format::SamScheduleV2 => (
            Source::Sam,
            vec![
                Name,
                Description,
                Enabled,
                Schedule,
                Timezone,
                TargetRoleArn,
                TargetInput,
                TargetRetry,
                TargetDeadLetter,
            ],
        ),
        Format::Cli | Format::SdkJs | Format::CdkTs => return None,
    })
}

/// The target a one-target format holds.
fn held_target(format: Format, rule: &Rule) -> Option<&Target> {
    match format {
        Format::Sam | Format::Serverless | Format::SamScheduleV2 => {
            rule.targets.iter().find(|t| t.arn.starts_with("arn:aws:lambda:"))
        }
        _ => rule.targets.first(),
    }
}

/// The differences between `original` and `imported` in `fields`.
fn differences(format: Format, fields: &[Field], original: &Rule, imported: &Rule) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |field: Field, a: String, b: String| {
        if a != b {
            out.push(format!("{field:?}: exported {a}, imported {b}"));
        }
    };
    let pattern = |rule: &Rule, exported: bool| {
        rule.event_pattern
            .as_ref()
            .map(|p| if exported { p.json().to_compact() } else { p.compact_text() })
    };
    let original_target = held_target(format, original);
    let imported_target = imported.targets.first();
    let target_input = |target: Option<&Target>| {
        let input = target.and_then(|t| t.input.clone())?;
        let input_only = matches!(
            format,
            Format::SchedulerCloudFormation | Format::SchedulerTerraform | Format::SamScheduleV2
        ) || (format == Format::Sam && original.event_pattern.is_none());
        let kept = match &input {
            TargetInput::Input(text) if format == Format::Serverless => text.starts_with('{'),
            TargetInput::Input(_) => true,
            _ => !input_only,
        };
        kept.then_some(input)
    };
    for &field in fields {
        let target_field = matches!(
            field,
            TargetId | TargetArn | TargetRoleArn | TargetInput | TargetRetry | TargetDeadLetter
        );
        // Without the target a format holds, the exporter writes a
        // placeholder, and so does it for a Scheduler role the target
        // lacks.
        if target_field && original_target.is_none()
            || field == TargetRoleArn && original_target.is_some_and(|t| t.role_arn.is_none())
        {
            continue;
        }
        match field {
            Name => check(field, original.name.clone(), imported.name.clone()),
            Description => check(
                field,
                format!("{:?}", original.description),
                format!("{:?}", imported.description),
            ),
            // The Serverless Framework's eventBus is left out for the
            // default bus.
            EventBus if format == Format::Serverless && original.on_default_bus() => {
                check(field, "None".into(), format!("{:?}", imported.event_bus_name));
            }
            EventBus => check(
                field,
                format!("{:?}", original.event_bus_name),
                format!("{:?}", imported.event_bus_name),
            ),
            State => check(field, format!("{:?}", original.state), format!("{:?}", imported.state)),
            Enabled => check(
                field,
                format!("{}", original.state.is_enabled()),
                format!("{}", imported.state.is_enabled()),
            ),
            Pattern => check(
                field,
                format!("{:?}", pattern(original, true)),
                format!("{:?}", pattern(imported, false)),
            ),
            Schedule => check(
                field,
                format!("{:?}", original.schedule_expression),
                format!("{:?}", imported.schedule_expression),
            ),
            Timezone => check(
                field,
                format!("{:?}", original.schedule_expression_timezone),
                format!("{:?}", imported.schedule_expression_timezone),
            ),
            RoleArn => {
                check(field, format!("{:?}", original.role_arn), format!("{:?}", imported.role_arn))
            }
            Targets => {
                check(field, format!("{:?}", original.targets), format!("{:?}", imported.targets))
            }
            TargetId => check(
                field,
                format!("{:?}", original_target.map(|t| &t.id)),
                format!("{:?}", imported_target.map(|t| &t.id)),
            ),
            TargetArn => check(
                field,
                format!("{:?}", original_target.map(|t| &t.arn)),
                format!("{:?}", imported_target.map(|t| &t.arn)),
            ),
            TargetRoleArn => check(
                field,
                format!("{:?}", original_target.and_then(|t| t.role_arn.as_ref())),
                format!("{:?}", imported_target.and_then(|t| t.role_arn.as_ref())),
            ),
            TargetInput => check(
                field,
                format!("{:?}", target_input(original_target)),
                format!("{:?}", imported_target.and_then(|t| t.input.clone())),
            ),
            TargetRetry => check(
                field,
                format!("{:?}", original_target.and_then(|t| t.retry_policy)),
                format!("{:?}", imported_target.and_then(|t| t.retry_policy)),
            ),
            TargetDeadLetter => check(
                field,
                format!("{:?}", original_target.and_then(|t| t.dead_letter_config.clone())),
                format!("{:?}", imported_target.and_then(|t| t.dead_letter_config.clone())),
            ),
        }
    }
    out
}

#[test]
fn every_export_imports_back() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for (stem, rule) in rules() {
        for format in Format::ALL {
            let Some((source, fields)) = format_fields(format, &rule) else { continue };
            let out = match export(&rule, format) {
                Ok(out) => out,
                Err(error) if error.to_string() == "not written yet" => {
                    failures.push(format!("{stem} as {format}: the exporter is not written yet"));
                    continue;
                }
                // The format does not take this rule.
                Err(_) => continue,
            };
            for from in [None, Some(source)] {
                match import(&out.text, from) {
                    Ok(imported) => {
                        if imported.source != source {
                            failures.push(format!(
                                "{stem} as {format}: guessed {}, not {source}",
                                imported.source
                            ));
                        }
                        if imported.rules.len() != 1 {
                            failures.push(format!(
                                "{stem} as {format}: {} rules",
                                imported.rules.len()
                            ));
                            continue;
                        }
                        for difference in differences(format, &fields, &rule, &imported.rules[0]) {
                            failures.push(format!("{stem} as {format} ({from:?}): {difference}"));
                        }
                    }
                    Err(error) => failures.push(format!(
                        "{stem} as {format} ({from:?}): {} (line {}, column {})\n{}",
                        error.message(),
                        error.line(),
                        error.column(),
                        out.text
                    )),
                }
            }
            checked += 1;
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    // 7 rules; the 6 rule-format rules in 6 or 7 formats, the schedules
    // also in the Scheduler formats.
    assert!(checked >= 45, "{checked} exports checked");
}

fn ok(text: &str, from: Option<Source>) -> Imported {
    import(text, from).unwrap_or_else(|error| {
        panic!("{error:?}\n{text}");
    })
}

/// The one rule of `text`, as PutRule-shaped JSON, and the warnings.
fn one(text: &str, from: Option<Source>) -> (String, Vec<String>) {
    let imported = ok(text, from);
    assert_eq!(imported.rules.len(), 1, "{:?}", imported.rules);
    (imported.rules[0].to_json(), imported.warnings)
}

/// The message, line, column and hint of the error `text` gives.
fn err(text: &str, from: Option<Source>) -> (String, usize, usize, Option<String>) {
    let error = import(text, from).expect_err(text);
    (error.message().to_owned(), error.line(), error.column(), error.hint().map(str::to_owned))
}

/// The message, line and column only.
fn place(text: &str, from: Option<Source>) -> (String, usize, usize) {
    let (message, line, column, _) = err(text, from);
    (message, line, column)
}

fn pattern(rule: &Rule) -> String {
    rule.event_pattern.as_ref().map(|p| p.text().to_owned()).unwrap_or_default()
}

/// The notes, §6.
const NOTES_CLOUDFORMATION_JSON: &str = r##"{
  "Resources": {
    "Ec2StateRule": {
      "Type": "AWS::Events::Rule",
      "Properties": {
        "Name": "ec2-stopped-or-terminated",
        "Description": "EC2 instance stopped or terminated",
        "EventBusName": "default",
        "State": "ENABLED",
        "EventPattern": {
          "source": ["aws.ec2"],
          "detail-type": ["EC2 Instance State-change Notification"],
          "detail": { "state": ["stopped", "terminated"] }
        },
        "Targets": [
          { "Id": "Target0", "Arn": { "Fn::GetAtt": ["MyFunction", "Arn"] } }
        ]
      }
    },
    "Ec2StateRuleInvokePermission": {
      "Type": "AWS::Lambda::Permission",
      "Properties": {
        "Action": "lambda:InvokeFunction",
        "FunctionName": { "Ref": "MyFunction" },
        "Principal": "events.amazonaws.com",
        "SourceArn": { "Fn::GetAtt": ["Ec2StateRule", "Arn"] }
      }
    }
  }
}
"##;

/// The notes, §6.
const NOTES_CLOUDFORMATION_YAML: &str = r##"Resources:
  Ec2StateRule:
    Type: AWS::Events::Rule
    Properties:
      Name: ec2-stopped-or-terminated
      Description: EC2 instance stopped or terminated
      EventBusName: default
      State: ENABLED
      EventPattern:
        source:
          - aws.ec2
        detail-type:
          - EC2 Instance State-change Notification
        detail:
          state:
            - stopped
            - terminated
      Targets:
        - Id: Target0
          Arn: !GetAtt MyFunction.Arn
  Ec2StateRuleInvokePermission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !Ref MyFunction
      Principal: events.amazonaws.com
      SourceArn: !GetAtt Ec2StateRule.Arn
"##;

/// The notes, §6.
const NOTES_SAM: &str = r##"Transform: AWS::Serverless-2016-10-31
Resources:
  MyFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      CodeUri: src/
      Events:
        Ec2StateChange:
          Type: EventBridgeRule
          Properties:
            RuleName: ec2-stopped-or-terminated
            EventBusName: default
            State: ENABLED
            Pattern:
              source:
                - aws.ec2
              detail-type:
                - EC2 Instance State-change Notification
              detail:
                state:
                  - stopped
                  - terminated
"##;

/// The notes, §6.
const NOTES_SERVERLESS: &str = r##"functions:
  onEc2StateChange:
    handler: handler.main
    events:
      - eventBridge:
          name: ec2-stopped-or-terminated
          enabled: true
          pattern:
            source:
              - aws.ec2
            detail-type:
              - EC2 Instance State-change Notification
            detail:
              state:
                - stopped
                - terminated
"##;

/// The notes, §6.
const NOTES_TERRAFORM: &str = r##"resource "aws_cloudwatch_event_rule" "ec2_state" {
  name           = "ec2-stopped-or-terminated"
  description    = "EC2 instance stopped or terminated"
  event_bus_name = "default"
  state          = "ENABLED"

  event_pattern = jsonencode({
    source        = ["aws.ec2"]
    "detail-type" = ["EC2 Instance State-change Notification"]
    detail = {
      state = ["stopped", "terminated"]
    }
  })
}

resource "aws_cloudwatch_event_target" "lambda" {
  rule      = aws_cloudwatch_event_rule.ec2_state.name
  target_id = "Target0"
  arn       = aws_lambda_function.my_function.arn
}

resource "aws_lambda_permission" "allow_eventbridge" {
  statement_id  = "AllowExecutionFromEventBridge"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.my_function.function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.ec2_state.arn
}
"##;

/// The notes, §6.
const NOTES_JETS: &str = r##"class SecurityJob < ApplicationJob
  rule_event(
    description: "EC2 instance stopped or terminated",
    detail_type: ["EC2 Instance State-change Notification"],
    source: ["aws.ec2"],
    detail: {
      state: ["stopped", "terminated"]
    }
  )
  def ec2_state_change
    puts "event #{JSON.dump(event)}"
  end
end
"##;

/// The rule of the notes' examples, as it comes back when the target is a
/// placeholder.
fn notes_rule(description: bool, bus: bool, target_id: &str, arn: &str) -> String {
    let mut out = String::from("{\n  \"Name\": \"ec2-stopped-or-terminated\",\n");
    if description {
        out.push_str("  \"Description\": \"EC2 instance stopped or terminated\",\n");
    }
    if bus {
        out.push_str("  \"EventBusName\": \"default\",\n");
    }
    out.push_str(&format!(
        r#"  "EventPattern": "{{\"source\":[\"aws.ec2\"],\"detail-type\":[\"EC2 Instance State-change Notification\"],\"detail\":{{\"state\":[\"stopped\",\"terminated\"]}}}}",
  "State": "ENABLED",
  "Targets": [
    {{
      "Id": "{target_id}",
      "Arn": "{arn}"
    }}
  ]
}}"#
    ));
    out
}

#[test]
fn the_notes_in_every_format_with_a_target() {
    let cases = [
        (
            NOTES_CLOUDFORMATION_JSON,
            Source::CloudFormation,
            notes_rule(true, true, "Target0", "${MyFunction.Arn}"),
            "line 16: Targets[0].Arn is !GetAtt MyFunction.Arn, which CloudFormation resolves at \
             deploy time; imported as the placeholder ${MyFunction.Arn}",
        ),
        (
            NOTES_CLOUDFORMATION_YAML,
            Source::CloudFormation,
            notes_rule(true, true, "Target0", "${MyFunction.Arn}"),
            "line 20: Targets[0].Arn is !GetAtt MyFunction.Arn, which CloudFormation resolves at \
             deploy time; imported as the placeholder ${MyFunction.Arn}",
        ),
        (
            NOTES_SAM,
            Source::Sam,
            notes_rule(false, true, "MyFunctionEc2StateChangeLambdaTarget", "${MyFunction.Arn}"),
            "line 10: the target of the Ec2StateChange event is its function MyFunction, whose \
             ARN CloudFormation knows at deploy time; imported as the placeholder \
             ${MyFunction.Arn}",
        ),
        (
            NOTES_SERVERLESS,
            Source::Serverless,
            notes_rule(
                false,
                false,
                "ec2-stopped-or-terminated-target",
                "${OnEc2StateChangeLambdaFunction.Arn}",
            ),
            "line 6: the target is the function onEc2StateChange, whose ARN is known at deploy \
             time; imported as the placeholder ${OnEc2StateChangeLambdaFunction.Arn}",
        ),
        (
            NOTES_TERRAFORM,
            Source::Terraform,
            notes_rule(true, true, "Target0", "${aws_lambda_function.my_function.arn}"),
            "line 19: aws_cloudwatch_event_target.lambda.arn is \
             aws_lambda_function.my_function.arn, which Terraform resolves at apply time; \
             imported as the placeholder ${aws_lambda_function.my_function.arn}",
        ),
    ];
    for (text, source, rule, warning) in cases {
        let imported = ok(text, None);
        assert_eq!(imported.source, source);
        assert_eq!(imported.rules.len(), 1, "{source}: {:?}", imported.rules);
        assert_eq!(imported.rules[0].to_json(), rule, "{source}");
        assert_eq!(imported.warnings, [warning], "{source}");
    }
}

#[test]
fn the_notes_jets() {
    let imported = ok(NOTES_JETS, None);
    assert_eq!(imported.source, Source::Jets);
    let rule = &imported.rules[0];
    assert_eq!(rule.name, "ec2_state_change");
    assert_eq!(rule.description.as_deref(), Some("EC2 instance stopped or terminated"));
    // Jets writes the keys in the order given, detail_type dasherized.
    assert_eq!(
        pattern(rule),
        r#"{"detail-type":["EC2 Instance State-change Notification"],"source":["aws.ec2"],"detail":{"state":["stopped","terminated"]}}"#
    );
    assert_eq!(rule.targets[0].id, "SecurityJobEc2StateChangeRuleTarget");
    assert_eq!(rule.targets[0].arn, "${SecurityJobEc2StateChangeLambdaFunction.Arn}");
    assert_eq!(
        imported.warnings,
        [
            "line 2: the rule delivers to the Jets function of SecurityJob#ec2_state_change, whose \
             ARN is known at deploy time; imported as the placeholder \
             ${SecurityJobEc2StateChangeLambdaFunction.Arn}",
            "line 2: the rule has no name of its own: it is named ec2_state_change here",
        ]
    );
}

#[test]
fn intrinsic_functions_become_placeholders() {
    let template = "\
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  OrdersRule:
    Type: AWS::Events::Rule
    Properties:
      Name: !Sub '${AWS::StackName}-orders'
      EventBusName: !Ref OrdersBus
      EventPattern:
        account: [!Ref AWS::AccountId]
        source: [com.example.orders]
        detail:
          total: [{numeric: ['>', 1.50]}]
      Targets:
        - Id: queue
          Arn: !GetAtt [OrdersQueue, Arn]
          RoleArn:
            Fn::Join: ['', ['arn:aws:iam::', !Ref 'AWS::AccountId', ':role/orders']]
          Input: !Sub '{\"stage\": \"${Stage}\"}'
  OrdersRulePermission:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !Ref Handler
";
    let imported = ok(template, None);
    assert_eq!(imported.source, Source::CloudFormation);
    let rule = &imported.rules[0];
    assert_eq!(rule.name, "OrdersRule");
    assert_eq!(rule.event_bus_name.as_deref(), Some("OrdersBus"));
    assert_eq!(
        pattern(rule),
        r#"{"account":["${AWS::AccountId}"],"source":["com.example.orders"],"detail":{"total":[{"numeric":[">",1.50]}]}}"#
    );
    let target = &rule.targets[0];
    assert_eq!(target.arn, "${OrdersQueue.Arn}");
    assert_eq!(target.role_arn.as_deref(), Some("arn:aws:iam::${AWS::AccountId}:role/orders"));
    assert_eq!(
        target.input,
        Some(evpat_rule::TargetInput::Input("{\"stage\": \"${Stage}\"}".into()))
    );
    assert_eq!(
        imported.warnings,
        [
            "line 6: Name is ${AWS::StackName}-orders, which CloudFormation resolves at deploy time",
            "line 7: EventBusName is ${OrdersBus}, which CloudFormation resolves at deploy time; \
             the bus is called OrdersBus here",
            "line 9: a value in the pattern is !Ref AWS::AccountId, which CloudFormation resolves \
             at deploy time; imported as the placeholder ${AWS::AccountId}",
            "line 15: Targets[0].Arn is !GetAtt OrdersQueue.Arn, which CloudFormation resolves at \
             deploy time; imported as the placeholder ${OrdersQueue.Arn}",
            "line 17: Targets[0].RoleArn is a !Join, which CloudFormation resolves at deploy time; \
             imported as the placeholder arn:aws:iam::${AWS::AccountId}:role/orders",
            "line 18: Targets[0].Input is a !Sub, which CloudFormation resolves at deploy time; \
             imported as the placeholder {\"stage\": \"${Stage}\"}",
            "line 3: the rule has no name of its own: it is named OrdersRule here",
        ]
    );
}

#[test]
fn a_single_resource_or_bare_properties() {
    let resource =
        r#"{"Type": "AWS::Events::Rule", "Properties": {"ScheduleExpression": "rate(1 hour)"}}"#;
    let imported = ok(resource, None);
    assert_eq!(imported.source, Source::CloudFormation);
    assert_eq!(imported.rules[0].name, "imported-rule");
    assert_eq!(imported.rules[0].schedule_expression.as_deref(), Some("rate(1 hour)"));

    let properties = "EventPattern:\n  source: [aws.ec2]\nState: DISABLED\n";
    let imported = ok(properties, None);
    assert_eq!(imported.source, Source::CloudFormation);
    assert_eq!(pattern(&imported.rules[0]), r#"{"source":["aws.ec2"]}"#);
    assert_eq!(imported.rules[0].state, evpat_rule::RuleState::Disabled);

    // Resources without `Resources:` around them, and a pattern as a
    // string.
    let fragment = "\
A:
  Type: AWS::Events::Rule
  Properties:
    EventPattern: '{\"source\": [\"a\"]}'
B:
  Type: AWS::Events::Rule
  Properties:
    EventPattern: {source: [b]}
";
    let imported = ok(fragment, Some(Source::CloudFormation));
    let names: Vec<&str> = imported.rules.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["A", "B"]);
    assert_eq!(pattern(&imported.rules[0]), r#"{"source":["a"]}"#);
}

#[test]
fn yaml_numbers_keep_their_lexemes_and_yaml_1_1_is_a_warning() {
    let template = "\
Resources:
  R:
    Type: AWS::Events::Rule
    Properties:
      Name: r
      EventPattern:
        detail:
          size: [{numeric: ['>', 0, '<=', 5.0e6]}]
          price: [{numeric: ['=', 1.50]}]
          big: [{numeric: ['<', 1e6]}]
          flag: [yes]
";
    let imported = ok(template, None);
    assert_eq!(
        pattern(&imported.rules[0]),
        r#"{"detail":{"size":[{"numeric":[">",0,"<=",5.0e6]}],"price":[{"numeric":["=",1.50]}],"big":[{"numeric":["<",1e6]}],"flag":["yes"]}}"#
    );
    assert_eq!(
        imported.warnings,
        [
            "line 8: 5.0e6 is read as a number, but YAML 1.1 readers such as PyYAML (the SAM \
             CLI) read it as a string; write !!float 5.0e6 to keep a number",
            "line 10: 1e6 is read as a number, but YAML 1.1 readers such as PyYAML (the SAM CLI) \
             read it as a string; write !!float 1e6 to keep a number",
            "line 11: yes is read as the string \"yes\", but YAML 1.1 readers such as \
             CloudFormation read it as a boolean; quote it to keep a string",
        ]
    );
}

#[test]
fn sam_events_of_every_kind() {
    let template = "\
Transform: AWS::Serverless-2016-10-31
Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: worker
      Events:
        OnOrder:
          Type: EventBridgeRule
          Properties:
            EventBusName: orders
            Pattern: {source: [com.example]}
            InputPath: $.detail
            Target: {Id: worker-target}
            DeadLetterConfig: {Type: SQS}
        Nightly:
          Type: Schedule
          Properties:
            Schedule: cron(0 2 * * ? *)
            Enabled: false
            Input: '{\"job\": \"nightly\"}'
            RetryPolicy: {MaximumRetryAttempts: 2}
        Paris:
          Type: ScheduleV2
          Properties:
            Name: paris-9am
            ScheduleExpression: cron(0 9 ? * MON-FRI *)
            ScheduleExpressionTimezone: Europe/Paris
            RoleArn: arn:aws:iam::123456789012:role/scheduler
            FlexibleTimeWindow: {Mode: FLEXIBLE, MaximumWindowInMinutes: 15}
        Api:
          Type: Api
          Properties: {Path: /, Method: get}
";
    let imported = ok(template, None);
    assert_eq!(imported.source, Source::Sam);
    let arn = "arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:worker";
    let [on_order, nightly, paris] = imported.rules.as_slice() else {
        panic!("{:?}", imported.rules)
    };
    assert_eq!(on_order.name, "WorkerOnOrder");
    assert_eq!(on_order.event_bus_name.as_deref(), Some("orders"));
    assert_eq!(on_order.targets[0].id, "worker-target");
    assert_eq!(on_order.targets[0].arn, arn);
    assert_eq!(
        on_order.targets[0].input,
        Some(evpat_rule::TargetInput::InputPath("$.detail".into()))
    );
    assert_eq!(
        on_order.targets[0].dead_letter_config.as_ref().unwrap().arn,
        "${WorkerOnOrderQueue.Arn}"
    );
    assert_eq!(nightly.name, "WorkerNightly");
    assert_eq!(nightly.state, evpat_rule::RuleState::Disabled);
    assert_eq!(nightly.schedule_expression.as_deref(), Some("cron(0 2 * * ? *)"));
    assert_eq!(nightly.targets[0].id, "WorkerNightlyLambdaTarget");
    assert_eq!(nightly.targets[0].retry_policy.unwrap().maximum_retry_attempts, Some(2));
    assert_eq!(paris.name, "paris-9am");
    assert_eq!(paris.schedule_expression_timezone.as_deref(), Some("Europe/Paris"));
    assert_eq!(paris.targets[0].id, "Target0");
    assert_eq!(
        paris.targets[0].role_arn.as_deref(),
        Some("arn:aws:iam::123456789012:role/scheduler")
    );
    assert_eq!(
        imported.warnings,
        [
            "line 8: the target of the OnOrder event is its function Worker, whose ARN \
             CloudFormation knows at deploy time; imported as the placeholder \
             arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:worker",
            "line 15: the dead-letter queue is one SAM creates; imported as the placeholder \
             ${WorkerOnOrderQueue.Arn}",
            "line 16: the target of the Nightly event is its function Worker, whose ARN \
             CloudFormation knows at deploy time; imported as the placeholder \
             arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:worker",
            "line 23: the target of the Paris event is its function Worker, whose ARN \
             CloudFormation knows at deploy time; imported as the placeholder \
             arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:worker",
            "line 30: FlexibleTimeWindow is FLEXIBLE: a flexible time window is not part of the \
             rule model; it was left out",
            "line 8: the rule has no name of its own: it is named WorkerOnOrder here",
            "line 16: the rule has no name of its own: it is named WorkerNightly here",
        ]
    );
}

#[test]
fn scheduler_schedules() {
    let template = "\
Resources:
  Sale:
    Type: AWS::Scheduler::Schedule
    Properties:
      Name: christmas-eve-sale
      ScheduleExpression: at(2026-12-24T18:00:00)
      ScheduleExpressionTimezone: Europe/Paris
      FlexibleTimeWindow:
        Mode: 'OFF'
      State: ENABLED
      GroupName: default
      Target:
        Arn: arn:aws:lambda:eu-west-3:123456789012:function:open-sale
        RoleArn: arn:aws:iam::123456789012:role/scheduler-invoke
        Input: '{\"sale\":\"xmas\"}'
        RetryPolicy:
          MaximumEventAgeInSeconds: 3600
          MaximumRetryAttempts: 4
        EventBridgeParameters: {DetailType: x, Source: y}
";
    let imported = ok(template, None);
    assert_eq!(imported.source, Source::Scheduler);
    assert_eq!(
        imported.rules[0].to_json(),
        r#"{
  "Name": "christmas-eve-sale",
  "ScheduleExpression": "at(2026-12-24T18:00:00)",
  "ScheduleExpressionTimezone": "Europe/Paris",
  "State": "ENABLED",
  "Targets": [
    {
      "Id": "Target0",
      "Arn": "arn:aws:lambda:eu-west-3:123456789012:function:open-sale",
      "RoleArn": "arn:aws:iam::123456789012:role/scheduler-invoke",
      "Input": "{\"sale\":\"xmas\"}",
      "RetryPolicy": {
        "MaximumRetryAttempts": 4,
        "MaximumEventAgeInSeconds": 3600
      }
    }
  ]
}"#
    );
    assert_eq!(
        imported.warnings,
        ["line 19: Target.EventBridgeParameters is not part of the rule model; it was left out"]
    );
}

#[test]
fn terraform_heredocs_locals_buses_and_numbers() {
    let hcl = r#"
locals {
  orders_pattern = {
    source = ["com.example.orders"]
    detail = {
      total = [{ numeric = [">=", 1000.00, "<", 1e6] }]
      delta = [{ numeric = ["<", -1.50] }]
    }
  }
}

resource "aws_cloudwatch_event_bus" "orders" {
  name = "orders-bus"
}

resource "aws_cloudwatch_event_rule" "orders" {
  name           = "large-orders"
  event_bus_name = aws_cloudwatch_event_bus.orders.name
  event_pattern  = jsonencode(local.orders_pattern)
}

resource "aws_cloudwatch_event_rule" "heredoc" {
  name          = "heredoc"
  is_enabled    = false
  event_pattern = <<-EOT
    {"source": ["aws.ec2"], "detail": {"n": [{"numeric": [">", 5.0e6]}]}}
  EOT
}

resource "aws_cloudwatch_event_rule" "plain" {
  name          = "plain"
  event_pattern = "{\"source\":[\"aws.s3\"]}"
  tags          = { team = "x" }
}

resource "aws_cloudwatch_event_target" "review" {
  rule      = "large-orders"
  target_id = "review"
  arn       = "arn:aws:lambda:us-east-1:123456789012:function:review"
  input     = jsonencode({ action = "review", limit = 25 })
  retry_policy {
    maximum_retry_attempts       = 4
    maximum_event_age_in_seconds = 3600
  }
  dead_letter_config {
    arn = "arn:aws:sqs:us-east-1:123456789012:dlq"
  }
}

resource "aws_cloudwatch_event_target" "transform" {
  rule = aws_cloudwatch_event_rule.heredoc.id
  arn  = var.queue_arn
  input_transformer {
    input_paths = {
      instance = "$.detail.instance-id"
    }
    input_template = <<EOF
"<instance> is up"
EOF
  }
  sqs_target {
    message_group_id = "g"
  }
}
"#;
    let imported = ok(hcl, None);
    assert_eq!(imported.source, Source::Terraform);
    let [orders, heredoc, plain] = imported.rules.as_slice() else {
        panic!("{:?}", imported.rules)
    };
    assert_eq!(orders.event_bus_name.as_deref(), Some("orders-bus"));
    assert_eq!(
        pattern(orders),
        r#"{"source":["com.example.orders"],"detail":{"total":[{"numeric":[">=",1000.00,"<",1e6]}],"delta":[{"numeric":["<",-1.50]}]}}"#
    );
    assert_eq!(
        orders.targets[0],
        evpat_rule::Target {
            id: "review".into(),
            arn: "arn:aws:lambda:us-east-1:123456789012:function:review".into(),
            role_arn: None,
            input: Some(evpat_rule::TargetInput::Input(r#"{"action":"review","limit":25}"#.into())),
            retry_policy: Some(evpat_rule::RetryPolicy {
                maximum_retry_attempts: Some(4),
                maximum_event_age_in_seconds: Some(3600)
            }),
            dead_letter_config: Some(evpat_rule::DeadLetterConfig {
                arn: "arn:aws:sqs:us-east-1:123456789012:dlq".into()
            }),
        }
    );
    assert_eq!(heredoc.state, evpat_rule::RuleState::Disabled);
    assert_eq!(
        pattern(heredoc),
        r#"{"source":["aws.ec2"],"detail":{"n":[{"numeric":[">",5.0e6]}]}}"#
    );
    let target = &heredoc.targets[0];
    assert_eq!(target.id, "transform");
    assert_eq!(target.arn, "${var.queue_arn}");
    assert_eq!(
        target.input,
        Some(evpat_rule::TargetInput::InputTransformer(evpat_rule::InputTransformer {
            input_paths_map: vec![("instance".into(), "$.detail.instance-id".into())],
            input_template: "\"<instance> is up\"\n".into(),
        }))
    );
    assert_eq!(pattern(plain), r#"{"source":["aws.s3"]}"#);
    assert_eq!(
        imported.warnings,
        [
            "line 52: aws_cloudwatch_event_target.transform.arn is var.queue_arn, which Terraform \
             resolves at apply time; imported as the placeholder ${var.queue_arn}",
            "line 50: aws_cloudwatch_event_target.transform has no target_id; Terraform makes one \
             up; it is transform here",
            "line 61: aws_cloudwatch_event_target.transform.sqs_target is not part of the rule \
             model; it was left out",
        ]
    );
}

#[test]
fn terraform_scheduler_and_interpolation() {
    let hcl = r#"
resource "aws_scheduler_schedule" "sale" {
  name                         = "christmas-eve-sale"
  schedule_expression          = "at(2026-12-24T18:00:00)"
  schedule_expression_timezone = "Europe/Paris"
  flexible_time_window {
    mode = "OFF"
  }
  target {
    arn      = aws_lambda_function.open_sale.arn
    role_arn = "arn:aws:iam::123456789012:role/scheduler-invoke"
    input    = "{\"sale\":\"${var.sale}\"}"
  }
}
"#;
    let imported = ok(hcl, None);
    assert_eq!(imported.source, Source::Terraform);
    assert_eq!(
        imported.rules[0].to_json(),
        r#"{
  "Name": "christmas-eve-sale",
  "ScheduleExpression": "at(2026-12-24T18:00:00)",
  "ScheduleExpressionTimezone": "Europe/Paris",
  "State": "ENABLED",
  "Targets": [
    {
      "Id": "Target0",
      "Arn": "${aws_lambda_function.open_sale.arn}",
      "RoleArn": "arn:aws:iam::123456789012:role/scheduler-invoke",
      "Input": "{\"sale\":\"${var.sale}\"}"
    }
  ]
}"#
    );
    assert_eq!(
        imported.warnings,
        [
            "line 10: aws_scheduler_schedule.sale.target.arn is aws_lambda_function.open_sale.arn, \
             which Terraform resolves at apply time; imported as the placeholder \
             ${aws_lambda_function.open_sale.arn}",
            "line 12: aws_scheduler_schedule.sale.target.input is var.sale, which Terraform \
             resolves at apply time; imported as the placeholder ${var.sale}",
        ]
    );
}

#[test]
fn terraform_errors_are_placed() {
    // A pattern error inside a heredoc, exactly.
    let hcl = "resource \"aws_cloudwatch_event_rule\" \"r\" {\n  event_pattern = <<-EOT\n    {\"source\": [\"a\"],\n     \"detail\": {\"n\": [{\"numeric\": [\">\", \"x\"]}]}}\n  EOT\n}\n";
    assert_eq!(
        place(hcl, None),
        ("Event pattern is not valid. Reason: Value of > must be numeric".into(), 4, 41)
    );
    // In jsonencode, at the value.
    let hcl = "resource \"aws_cloudwatch_event_rule\" \"r\" {\n  event_pattern = jsonencode({\n    source = \"aws.ec2\"\n  })\n}\n";
    assert_eq!(
        place(hcl, None),
        (
            "Event pattern is not valid. Reason: \"source\" must be an object or an array".into(),
            3,
            14
        )
    );
    // In a string: at the string, with the place inside it.
    let hcl = "resource \"aws_cloudwatch_event_rule\" \"r\" {\n  event_pattern = \"{\\\"source\\\": [}\"\n}\n";
    assert_eq!(
        place(hcl, None),
        (
            "Event pattern is not valid. Reason: Unexpected character ('}' (code 125)): expected a \
             value (at line 1, column 13 of the pattern string)"
                .into(),
            2,
            19
        )
    );
    // Broken HCL, with hcl-edit's message.
    let (message, line, column, _) =
        err("resource \"aws_cloudwatch_event_rule\" \"r\" {\n  name = \n}\n", None);
    assert!(message.starts_with("not valid HCL: "), "{message}");
    assert_eq!((line, column), (2, 10));
    // No rule.
    assert_eq!(
        place("resource \"aws_sqs_queue\" \"q\" {}\n", None),
        ("found no aws_cloudwatch_event_rule or aws_scheduler_schedule resource (only aws_sqs_queue)".into(), 1, 1)
    );
    // A target whose rule is not here.
    assert_eq!(
        place(
            "resource \"aws_cloudwatch_event_rule\" \"r\" {\n  schedule_expression = \"rate(1 hour)\"\n}\nresource \"aws_cloudwatch_event_target\" \"t\" {\n  rule = aws_cloudwatch_event_rule.other.name\n  arn = \"x\"\n}\n",
            None
        ),
        ("aws_cloudwatch_event_target.t.rule is aws_cloudwatch_event_rule.other.name, which names no rule here".into(), 5, 10)
    );
    // What validate refuses, at the field.
    assert_eq!(
        place(
            "resource \"aws_cloudwatch_event_rule\" \"r\" {\n  event_bus_name = \"orders\"\n  schedule_expression = \"rate(1 hour)\"\n}\n",
            None
        ),
        ("ScheduleExpression is supported only on the default event bus.".into(), 3, 25)
    );
}

#[test]
fn escaped_patterns() {
    let escaped = r#""{\"source\":[\"aws.ec2\"],\"detail\":{\"n\":[{\"numeric\":[\">\",1.50]}]}}""#;
    let imported = ok(escaped, None);
    assert_eq!(imported.source, Source::EscapedPattern);
    assert_eq!(
        pattern(&imported.rules[0]),
        r#"{"source":["aws.ec2"],"detail":{"n":[{"numeric":[">",1.50]}]}}"#
    );
    assert_eq!(imported.rules[0].name, "imported-rule");
    assert_eq!(
        imported.warnings,
        ["line 1: the rule has no name of its own: it is named imported-rule here"]
    );

    // Shell-quoted, and bare, whitespace and lexemes kept as AWS stores
    // them: compact.
    let imported = ok("'{ \"source\": [ \"aws.ec2\" ], \"n\": [ 1e2 ] }'\n", None);
    assert_eq!(pattern(&imported.rules[0]), r#"{"source":["aws.ec2"],"n":[1e2]}"#);
    let imported = ok("{\n  \"source\": [\"aws.ec2\"],\n  \"detail-type\": [\"x\"]\n}\n", None);
    assert_eq!(imported.source, Source::EscapedPattern);
    assert_eq!(pattern(&imported.rules[0]), r#"{"source":["aws.ec2"],"detail-type":["x"]}"#);

    // Errors inside the escaped string are placed at the escaped text.
    let escaped =
        r#""{\"source\":[\"aws.ec2\"],\"detail\":{\"n\":[{\"numeric\":[\">\",\"x\"]}]}}""#;
    assert_eq!(
        err(escaped, None),
        (
            "Event pattern is not valid. Reason: Value of > must be numeric".into(),
            1,
            67,
            Some("follow each operator with a JSON number, not a string".into())
        )
    );
    // Broken JSON in a bare pattern is AWS's error for a broken pattern.
    assert_eq!(
        place("{\"source\": [\"aws.ec2\"], }", None),
        (
            "Event pattern is not valid. Reason: Unexpected character ('}' (code 125)): was \
             expecting double-quote to start field name"
                .into(),
            1,
            25
        )
    );
    assert_eq!(
        place("'{\"source\": \"aws.ec2\"}'", None),
        (
            "Event pattern is not valid. Reason: \"source\" must be an object or an array".into(),
            1,
            13
        )
    );
}

/// `aws events describe-rule` output, as the CLI prints it.
const DESCRIBE_RULE: &str = r#"{
    "Name": "ec2-stopped-or-terminated",
    "Arn": "arn:aws:events:us-east-1:123456789012:rule/ec2-stopped-or-terminated",
    "EventPattern": "{\"source\":[\"aws.ec2\"],\"detail-type\":[\"EC2 Instance State-change Notification\"],\"detail\":{\"state\":[\"stopped\",\"terminated\"]}}",
    "State": "ENABLED",
    "Description": "EC2 instance stopped or terminated",
    "EventBusName": "default",
    "CreatedBy": "123456789012"
}
"#;

/// `aws events list-targets-by-rule` output.
const LIST_TARGETS: &str = r#"{
    "Targets": [
        {
            "Id": "Target0",
            "Arn": "arn:aws:lambda:us-east-1:123456789012:function:my-func",
            "RetryPolicy": {"MaximumRetryAttempts": 185, "MaximumEventAgeInSeconds": 86400}
        }
    ]
}
"#;

#[test]
fn describe_rule_output() {
    let (rule, warnings) = one(DESCRIBE_RULE, None);
    assert_eq!(
        rule,
        r#"{
  "Name": "ec2-stopped-or-terminated",
  "Description": "EC2 instance stopped or terminated",
  "EventBusName": "default",
  "EventPattern": "{\"source\":[\"aws.ec2\"],\"detail-type\":[\"EC2 Instance State-change Notification\"],\"detail\":{\"state\":[\"stopped\",\"terminated\"]}}",
  "State": "ENABLED"
}"#
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(ok(DESCRIBE_RULE, None).source, Source::DescribeRule);

    // With the targets pasted after it, or before it.
    for text in
        [format!("{DESCRIBE_RULE}{LIST_TARGETS}"), format!("{LIST_TARGETS}\n{DESCRIBE_RULE}")]
    {
        let imported = ok(&text, None);
        assert_eq!(imported.source, Source::DescribeRule);
        let target = &imported.rules[0].targets[0];
        assert_eq!(target.arn, "arn:aws:lambda:us-east-1:123456789012:function:my-func");
        assert_eq!(target.retry_policy.unwrap().maximum_retry_attempts, Some(185));
    }

    // list-rules output.
    let list = r#"{"Rules": [
        {"Name": "a", "Arn": "arn:aws:events:us-east-1:123456789012:rule/a", "ScheduleExpression": "rate(5 minutes)", "State": "DISABLED", "EventBusName": "default"},
        {"Name": "b", "Arn": "arn:aws:events:us-east-1:123456789012:rule/orders/b", "EventPattern": "{\"source\":[\"x\"]}", "State": "ENABLED", "EventBusName": "orders", "ManagedBy": "schemas.amazonaws.com"}
    ]}"#;
    let imported = ok(list, None);
    let names: Vec<&str> = imported.rules.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["a", "b"]);
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);

    // The pattern's error, inside the EventPattern string.
    let broken = DESCRIBE_RULE.replace(r#"[\"aws.ec2\"]"#, r#"\"aws.ec2\""#);
    assert_eq!(
        place(&broken, None),
        (
            "Event pattern is not valid. Reason: \"source\" must be an object or an array".into(),
            4,
            34
        )
    );
    // Targets alone.
    assert_eq!(
        place(LIST_TARGETS, None),
        (
            "found no rule: describe-rule output has a Name and an EventPattern or a \
             ScheduleExpression"
                .into(),
            1,
            1
        )
    );
}

#[test]
fn put_rule_json() {
    let text = r#"{
  "Name": "every-5-minutes",
  "ScheduleExpression": "rate(5 minutes)",
  "Tags": [{"Key": "team", "Value": "ops"}],
  "Targets": [{"Id": "t", "Arn": "arn:aws:lambda:us-east-1:123456789012:function:f", "Input": "{\"a\":1}"}]
}"#;
    let imported = ok(text, None);
    assert_eq!(imported.source, Source::PutRule);
    assert_eq!(imported.rules[0].targets[0].id, "t");
    assert_eq!(imported.warnings, ["line 4: Tags is not part of the rule model; it was left out"]);

    // The api-json export: both requests.
    let text = r#"{
  "PutRule": {"Name": "r", "EventPattern": "{\"source\":[\"a\"]}", "State": "DISABLED"},
  "PutTargets": {"Rule": "r", "Targets": [{"Id": "t", "Arn": "arn:aws:sqs:us-east-1:123456789012:q", "InputPath": "$.detail"}]}
}"#;
    let imported = ok(text, None);
    assert_eq!(imported.source, Source::PutRule);
    assert_eq!(
        imported.rules[0].to_json(),
        r#"{
  "Name": "r",
  "EventPattern": "{\"source\":[\"a\"]}",
  "State": "DISABLED",
  "Targets": [
    {
      "Id": "t",
      "Arn": "arn:aws:sqs:us-east-1:123456789012:q",
      "InputPath": "$.detail"
    }
  ]
}"#
    );

    // PutTargets' own errors, with AWS's words.
    let text = r#"{"Name": "r", "EventPattern": {"source": ["a"]},
 "Targets": [{"Id": "t", "Arn": "a", "Input": "{}", "InputPath": "$"}]}"#;
    assert_eq!(
        place(text, None),
        (
            "Only one of Input, InputPath, or InputTransformer must be provided for target t."
                .into(),
            2,
            14
        )
    );
    let text = "{\"Name\": \"r\", \"EventPattern\": {\"source\": [\"a\"]},\n \"Targets\": [{\"Arn\": \"a\"}]}";
    assert_eq!(
        place(text, None),
        (
            "1 validation error detected: Value null at 'targets.1.member.id' failed to satisfy \
             constraint: Member must not be null"
                .into(),
            2,
            14
        )
    );
    // What validate refuses is placed at the field.
    let text = "{\"Name\": \"bad name!\",\n \"ScheduleExpression\": \"rate(5 minutes)\"}";
    let (message, line, column) = place(text, None);
    assert!(
        message.starts_with("1 validation error detected: Value 'bad name!' at 'name'"),
        "{message}"
    );
    assert_eq!((line, column), (1, 10));
    let text = "{\"Name\": \"r\",\n \"ScheduleExpression\": \"rate(1 minutes)\"}";
    assert_eq!(place(text, None), ("Parameter ScheduleExpression is not valid.".into(), 2, 24));
    let text = "{\"Name\": \"r\", \"State\": \"ON\", \"ScheduleExpression\": \"rate(1 hour)\"}";
    assert_eq!(
        place(text, None),
        (
            "1 validation error detected: Value 'ON' at 'state' failed to satisfy constraint: \
             Member must satisfy enum value set: [DISABLED, ENABLED, \
             ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]"
                .into(),
            1,
            24
        )
    );
    // A rule with neither pattern nor schedule.
    assert_eq!(
        err("{\"Name\": \"r\"}", Some(Source::PutRule)),
        (
            "Parameter(s) EventPattern or ScheduleExpression must be specified.".into(),
            1,
            1,
            Some("add an \"EventPattern\" or a \"ScheduleExpression\"".into())
        )
    );
}

#[test]
fn errors_of_every_reader_are_placed() {
    // Broken JSON: Jackson's words.
    assert_eq!(
        err("{\"Name\": \"r\",\n \"EventPattern\": {\"source\": [\"x\"],}}", None),
        (
            "Unexpected character ('}' (code 125)): was expecting double-quote to start field name"
                .into(),
            2,
            35,
            Some(
                "JSON needs double-quoted keys and strings, commas between members, and no \
                 trailing commas"
                    .into()
            )
        )
    );
    // Broken YAML: at the line whose indentation is off.
    assert_eq!(
        place("Resources:\n  R:\n    Type: AWS::Events::Rule\n   Properties: x\n", None),
        ("this line's indentation lines up with no mapping or sequence above it".into(), 4, 4)
    );
    // An invalid pattern in YAML, at the value.
    assert_eq!(
        err(
            "Resources:\n  R:\n    Type: AWS::Events::Rule\n    Properties:\n      EventPattern:\n        source: aws.ec2\n",
            None
        ),
        (
            "Event pattern is not valid. Reason: \"source\" must be an object or an array".into(),
            6,
            17,
            Some("put the value in an array: [\"aws.ec2\"]".into())
        )
    );
    // An unknown tag.
    assert_eq!(
        place(
            "Resources:\n  R:\n    Type: AWS::Events::Rule\n    Properties:\n      Name: !Nope x\n",
            None
        ),
        ("!Nope is not a CloudFormation function".into(), 5, 13)
    );
    // No rule in a template.
    assert_eq!(
        err("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n", None),
        (
            "found no AWS::Events::Rule resource; its resources are AWS::SQS::Queue".into(),
            2,
            3,
            Some("paste the template that defines the rule, or the rule resource itself".into())
        )
    );
    assert_eq!(
        place("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n", Some(Source::Sam)),
        (
            "found no EventBridgeRule, CloudWatchEvent, Schedule or ScheduleV2 event on an \
             AWS::Serverless::Function; its resources are AWS::SQS::Queue"
                .into(),
            2,
            3
        )
    );
    // A rule with no properties.
    assert_eq!(
        place("Resources:\n  R:\n    Type: AWS::Events::Rule\n", None),
        ("R (AWS::Events::Rule) has no Properties".into(), 3, 5)
    );
    // Ruby that is not a literal.
    assert_eq!(
        place(
            "class A < ApplicationJob\n  rule_event(detail: {a: [1]}, source: [ENV['X']])\nend",
            None
        ),
        ("ENV is Ruby code, whose value is only known when it runs".into(), 2, 41)
    );
    // Nothing known.
    assert_eq!(
        err("  hello", None),
        (
            "could not tell what kind of rule definition this is".into(),
            1,
            3,
            Some(
                "paste a CloudFormation or SAM template, Terraform, PutRule or describe-rule JSON, \
                 a Jets job, serverless.yml or an event pattern; or name the kind"
                    .into()
            )
        )
    );
    // A kind named that the text is not.
    assert_eq!(
        place("resource \"x\" \"y\" {}", Some(Source::PutRule)),
        ("Unrecognized token 'resource': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')".into(), 1, 1)
    );
}

#[test]
fn guessing() {
    let cases: [(&str, Option<Source>); 16] = [
        (r#""{\"source\":[\"a\"]}""#, Some(Source::EscapedPattern)),
        ("'{\"source\":[\"a\"]}'", Some(Source::EscapedPattern)),
        (r#"{"source": ["a"]}"#, Some(Source::EscapedPattern)),
        (r#"{"Name": "r", "EventPattern": "{}"}"#, Some(Source::PutRule)),
        (r#"{"PutRule": {}}"#, Some(Source::PutRule)),
        (
            r#"{"Name": "r", "Arn": "arn:aws:events:us-east-1:1:rule/r"}"#,
            Some(Source::DescribeRule),
        ),
        ("{\"Name\": \"r\"}\n{\"Targets\": []}", Some(Source::DescribeRule)),
        (r#"{"Resources": {"R": {"Type": "AWS::Events::Rule"}}}"#, Some(Source::CloudFormation)),
        (r#"{"Resources": {"S": {"Type": "AWS::Scheduler::Schedule"}}}"#, Some(Source::Scheduler)),
        (r#"{"R": {"Type": "AWS::Events::Rule"}}"#, Some(Source::CloudFormation)),
        ("Transform: AWS::Serverless-2016-10-31\nResources: {}\n", Some(Source::Sam)),
        ("# comment\nresource \"aws_cloudwatch_event_rule\" \"r\" {}\n", Some(Source::Terraform)),
        ("class A < ApplicationJob\nend\n", Some(Source::Jets)),
        ("  rate \"10 hours\"\n", Some(Source::Jets)),
        ("service: app\nfunctions:\n  f:\n    handler: h\n", Some(Source::Serverless)),
        ("just words\n", None),
    ];
    for (text, source) in cases {
        assert_eq!(Source::guess(text), source, "{text}");
    }
    for source in Source::ALL {
        assert_eq!(Source::from_name(source.name()), Some(source));
    }
}

/// Runs `f` on a thread with a 1 MiB stack, as small as WebAssembly's.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new().stack_size(1 << 20).spawn(f).unwrap().join().unwrap()
}

#[test]
fn hostile_nesting_is_an_error_in_every_reader() {
    const DEEP: usize = 100_000;
    let open = "[".repeat(DEEP);
    let close = "]".repeat(DEEP);
    let cases: Vec<(String, Option<Source>, (usize, usize))> = vec![
        (format!("{{\"Name\": \"r\", \"EventPattern\": {{\"a\": {open}{close}}}}}"), None, (1, 1)),
        (format!("{{\"a\": {open}{close}}}"), Some(Source::EscapedPattern), (1, 1)),
        // An escaped pattern this long is too long before it is too deep.
        (format!("\"{open}\""), None, (1, 1)),
        (
            format!(
                "Resources:\n  R:\n    Type: AWS::Events::Rule\n    Properties:\n      EventPattern: {open}{close}\n"
            ),
            None,
            (5, 1),
        ),
        (
            format!(
                "resource \"aws_cloudwatch_event_rule\" \"r\" {{\n  event_pattern = jsonencode({open}{close})\n}}\n"
            ),
            None,
            (2, 1),
        ),
        (
            format!("class A < ApplicationJob\n  rule_event(detail: {open}{close})\nend\n"),
            None,
            (2, 1),
        ),
        (
            format!(
                "functions:\n  f:\n    events:\n      - eventBridge:\n          pattern: {open}{close}\n"
            ),
            None,
            (5, 1),
        ),
    ];
    for (text, from, (line, _)) in cases {
        let head: String = text.chars().take(60).collect();
        let error = on_small_stack(move || import(&text, from).map(|_| ())).expect_err(&head);
        assert_eq!(error.line(), line, "{head}: {error:?}");
        assert!(
            ["deep", "depth", "too long", "recursion limit"]
                .iter()
                .any(|word| error.message().contains(word)),
            "{head}: {error:?}"
        );
    }
}

#[test]
fn jets_rules_as_jets_reads_them() {
    let ruby = r#"
class OrdersJob < ApplicationJob
  # Several rules on one method.
  rule_event(
    detail_type: ["Order Placed"],
    source: ["com.example.orders"],
    detail: {
      total: [{ "numeric" => [">=", 1_000.50] }],
      instance_id: ["i-1"],
      "Key" => ["k"],
      "already-dashed" => ["x"],
    }
  )
  rate "10 hours", state: 'DISABLED', description: 'Sweep'
  def process
  end

  events_rule(name: "named", event_pattern: { source: %w[aws.ec2 aws.s3], "detail-type": ["x"] })
  def other; end

  event_pattern({ source: ["old.style"] }, description: "Jets 1")
  def legacy
  end

  rule_event source: ["no.detail"]
  def loose; end
end
"#;
    let imported = ok(ruby, None);
    assert_eq!(imported.source, Source::Jets);
    type Summary = (String, Option<String>, String, Option<String>, evpat_rule::RuleState);
    let summary: Vec<Summary> = imported
        .rules
        .iter()
        .map(|r| {
            (
                r.name.clone(),
                r.description.clone(),
                pattern(r),
                r.schedule_expression.clone(),
                r.state,
            )
        })
        .collect();
    use evpat_rule::RuleState::{Disabled, Enabled};
    assert_eq!(
        summary,
        [
            (
                "process".into(),
                Some("OrdersJob event rule 1".into()),
                r#"{"detail-type":["Order Placed"],"source":["com.example.orders"],"detail":{"total":[{"numeric":[">=",1000.50]}],"instanceId":["i-1"],"key":["k"],"already-dashed":["x"]}}"#.into(),
                None,
                Enabled
            ),
            ("process-2".into(), Some("Sweep".into()), String::new(), Some("rate(10 hours)".into()), Disabled),
            ("named".into(), Some("OrdersJob event rule 2".into()), r#"{"source":["aws.ec2","aws.s3"],"detail-type":["x"]}"#.into(), None, Enabled),
            ("legacy".into(), Some("Jets 1".into()), r#"{"source":["old.style"]}"#.into(), None, Enabled),
            ("loose".into(), Some("OrdersJob event rule 3".into()), r#"{"source":["no.detail"]}"#.into(), None, Enabled),
        ]
    );
    assert_eq!(imported.rules[0].targets[0].arn, "${OrdersJobProcessLambdaFunction.Arn}");
    assert_eq!(imported.rules[2].targets[0].id, "OrdersJobOtherRuleTarget");
    let warnings: Vec<&String> =
        imported.warnings.iter().filter(|w| !w.contains("Jets function")).collect();
    assert_eq!(
        warnings,
        [
            "line 9: Jets turns the key instance_id into instanceId",
            "line 10: Jets turns the key Key into key",
            "line 25: Jets' rule_event takes a hash as the pattern only when it has a detail key; \
             it would hand these keys to CloudFormation as rule properties; they were read as the \
             pattern: add detail: or put them under event_pattern:",
            "line 4: the rule has no name of its own: it is named process here",
            "line 14: the rule has no name of its own: it is named process-2 here, after process",
            "line 21: the rule has no name of its own: it is named legacy here",
            "line 25: the rule has no name of its own: it is named loose here",
        ]
    );
}

#[test]
fn jets_targets_are_camelized_as_jets_does() {
    let ruby = r#"class A < ApplicationJob
  rule_event(
    event_pattern: { source: ["aws.ec2"] },
    targets: [{ id: "queue", arn: "arn:aws:sqs:us-east-1:123456789012:q", input_path: "$.detail",
                retry_policy: { maximum_retry_attempts: 3 } }],
  )
  def f; end
end
"#;
    let imported = ok(ruby, None);
    assert_eq!(
        imported.rules[0].targets,
        [Target {
            id: "queue".into(),
            arn: "arn:aws:sqs:us-east-1:123456789012:q".into(),
            role_arn: None,
            input: Some(TargetInput::InputPath("$.detail".into())),
            retry_policy: Some(evpat_rule::RetryPolicy {
                maximum_retry_attempts: Some(3),
                maximum_event_age_in_seconds: None
            }),
            dead_letter_config: None,
        }]
    );
    assert_eq!(imported.warnings, ["line 2: the rule has no name of its own: it is named f here"]);

    // Jets camelizes an input transformer's names too, and the template's
    // placeholder then names nothing: AWS refuses that.
    let ruby = r#"class A < ApplicationJob
  rule_event(
    event_pattern: { source: ["aws.ec2"] },
    targets: [{ id: "t", arn: "arn:aws:sqs:us-east-1:123456789012:q",
                input_transformer: { input_paths_map: { instance: "$.detail.id" },
                                     input_template: '"<instance>"' } }],
  )
  def f; end
end
"#;
    assert_eq!(
        place(ruby, None),
        ("InputTemplate for target t contains invalid placeholder instance.".into(), 5, 36)
    );
}

#[test]
fn serverless_names_a_nameless_rule_as_the_framework_does() {
    let text = "service: shop\nfunctions:\n  onOrder:\n    handler: h.main\n    events:\n      \
                - eventBridge:\n          pattern:\n            source: [shop]\n";
    let imported = ok(text, None);
    assert_eq!(imported.source, Source::Serverless);
    assert_eq!(imported.rules[0].name, "onOrder-rule-1");
    assert_eq!(imported.rules[0].targets[0].id, "onOrder-rule-1-target");
    assert_eq!(
        imported.warnings,
        [
            "line 7: the target is the function onOrder, whose ARN is known at deploy time; \
             imported as the placeholder ${OnOrderLambdaFunction.Arn}",
            "line 7: the rule has no name of its own: the Framework names it after the deployed \
             function, <service>-<stage>-onOrder-rule-1; it is onOrder-rule-1 here",
        ]
    );
}
