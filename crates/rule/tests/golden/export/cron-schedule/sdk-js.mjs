// Creates the EventBridge rule "weekday-report" with the AWS SDK for JavaScript
// v3. Run it with Node.js 18 or later; it needs AWS credentials and a region
// (AWS_REGION or the shared configuration).
import {
  EventBridgeClient,
  PutRuleCommand,
  PutTargetsCommand,
} from "@aws-sdk/client-eventbridge";

const eventBridge = new EventBridgeClient({});

const { RuleArn } = await eventBridge.send(
  new PutRuleCommand({
    Name: "weekday-report",
    Description: "Send the report at 09:00 UTC on weekdays",
    State: "DISABLED",
    ScheduleExpression: "cron(0 9 ? * MON-FRI *)",
  }),
);

const { FailedEntryCount, FailedEntries } = await eventBridge.send(
  new PutTargetsCommand({
    Rule: "weekday-report",
    Targets: [
      {
        Id: "report-queue",
        Arn: "arn:aws:sqs:us-east-1:123456789012:reports",
        Input: "{\"report\":\"daily\"}",
        RetryPolicy: {
          MaximumRetryAttempts: 4,
          MaximumEventAgeInSeconds: 3600,
        },
        DeadLetterConfig: {
          Arn: "arn:aws:sqs:us-east-1:123456789012:reports-dlq",
        },
      },
    ],
  }),
);
// PutTargets answers 200 even when it refuses a target, and says so here.
if (FailedEntryCount) {
  throw new Error(`PutTargets failed: ${JSON.stringify(FailedEntries)}`);
}

console.log(RuleArn);
