// Creates the EventBridge rule "every-5-minutes" with the AWS SDK for
// JavaScript v3. Run it with Node.js 18 or later; it needs AWS credentials and
// a region (AWS_REGION or the shared configuration).
import {
  EventBridgeClient,
  PutRuleCommand,
  PutTargetsCommand,
} from "@aws-sdk/client-eventbridge";
import { AddPermissionCommand, LambdaClient } from "@aws-sdk/client-lambda";

const eventBridge = new EventBridgeClient({});

const { RuleArn } = await eventBridge.send(
  new PutRuleCommand({
    Name: "every-5-minutes",
    Description: "Warm the cache every five minutes",
    State: "ENABLED",
    ScheduleExpression: "rate(5 minutes)",
  }),
);

const { FailedEntryCount, FailedEntries } = await eventBridge.send(
  new PutTargetsCommand({
    Rule: "every-5-minutes",
    Targets: [
      {
        Id: "warm-cache",
        Arn: "arn:aws:lambda:us-east-1:123456789012:function:warm-cache",
        Input: "{\"action\":\"warm\",\"batch\":25}",
      },
    ],
  }),
);
// PutTargets answers 200 even when it refuses a target, and says so here.
if (FailedEntryCount) {
  throw new Error(`PutTargets failed: ${JSON.stringify(FailedEntries)}`);
}

const lambda = new LambdaClient({});
// Lets EventBridge invoke "warm-cache" for this rule.
await lambda.send(
  new AddPermissionCommand({
    FunctionName: "arn:aws:lambda:us-east-1:123456789012:function:warm-cache",
    StatementId: "every-5-minutes-warm-cache",
    Action: "lambda:InvokeFunction",
    Principal: "events.amazonaws.com",
    SourceArn: RuleArn,
  }),
);

console.log(RuleArn);
