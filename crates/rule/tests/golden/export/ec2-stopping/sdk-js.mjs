// Creates the EventBridge rule "ec2-stopped-or-terminated" with the AWS SDK for
// JavaScript v3. Run it with Node.js 18 or later; it needs AWS credentials and
// a region (AWS_REGION or the shared configuration).
import {
  EventBridgeClient,
  PutRuleCommand,
  PutTargetsCommand,
} from "@aws-sdk/client-eventbridge";
import { AddPermissionCommand, LambdaClient } from "@aws-sdk/client-lambda";

const eventBridge = new EventBridgeClient({});

// JSON.stringify writes this object back exactly as the pattern is written.
const eventPattern = {
  source: ["aws.ec2"],
  "detail-type": ["EC2 Instance State-change Notification"],
  detail: { state: ["stopped", "terminated"] },
};

const { RuleArn } = await eventBridge.send(
  new PutRuleCommand({
    Name: "ec2-stopped-or-terminated",
    Description: "EC2 instance stopped or terminated",
    EventBusName: "default",
    State: "ENABLED",
    EventPattern: JSON.stringify(eventPattern),
  }),
);

const { FailedEntryCount, FailedEntries } = await eventBridge.send(
  new PutTargetsCommand({
    Rule: "ec2-stopped-or-terminated",
    EventBusName: "default",
    Targets: [
      {
        Id: "Target0",
        Arn: "arn:aws:lambda:us-east-1:123456789012:function:my-func",
      },
    ],
  }),
);
// PutTargets answers 200 even when it refuses a target, and says so here.
if (FailedEntryCount) {
  throw new Error(`PutTargets failed: ${JSON.stringify(FailedEntries)}`);
}

const lambda = new LambdaClient({});
// Lets EventBridge invoke "Target0" for this rule.
await lambda.send(
  new AddPermissionCommand({
    FunctionName: "arn:aws:lambda:us-east-1:123456789012:function:my-func",
    StatementId: "ec2-stopped-or-terminated-Target0",
    Action: "lambda:InvokeFunction",
    Principal: "events.amazonaws.com",
    SourceArn: RuleArn,
  }),
);

console.log(RuleArn);
