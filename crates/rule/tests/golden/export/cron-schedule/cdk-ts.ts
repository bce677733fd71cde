// The EventBridge rule 'weekday-report' as an AWS CDK v2 construct: call
// addWeekdayReportRule(this) in a Stack's constructor.
import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/**
 * A target's input exactly as EventBridge takes it. RuleTargetInput.fromText()
 * would send the text as a JSON string (in quotes), and fromObject() would
 * write the JSON again, with its numbers and placeholders in its own form.
 */
class ExactInput extends events.RuleTargetInput {
  constructor(private readonly properties: events.RuleTargetInputProperties) {
    super();
  }

  bind(): events.RuleTargetInputProperties {
    return this.properties;
  }
}

export function addWeekdayReportRule(scope: Construct): events.Rule {
  const rule = new events.Rule(scope, 'WeekdayReport', {
    ruleName: 'weekday-report',
    description: 'Send the report at 09:00 UTC on weekdays',
    enabled: false,
    schedule: events.Schedule.expression('cron(0 9 ? * MON-FRI *)'),
  });
  rule.addTarget(
    new targets.SqsQueue(
      sqs.Queue.fromQueueArn(
        scope,
        'WeekdayReportTarget0Queue',
        'arn:aws:sqs:us-east-1:123456789012:reports',
      ),
      {
        message: new ExactInput({ input: '{"report":"daily"}' }),
        retryAttempts: 4,
        maxEventAge: Duration.seconds(3600),
        deadLetterQueue: sqs.Queue.fromQueueArn(
          scope,
          'WeekdayReportTarget0DeadLetterQueue',
          'arn:aws:sqs:us-east-1:123456789012:reports-dlq',
        ),
      },
    ),
  );
  const cfnRule = rule.node.defaultChild as events.CfnRule;
  cfnRule.addPropertyOverride('Targets.0.Id', 'report-queue');
  return rule;
}
