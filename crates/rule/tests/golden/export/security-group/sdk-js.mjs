// Creates the EventBridge rule "detect-security-group-changes" with the AWS SDK
// for JavaScript v3. Run it with Node.js 18 or later; it needs AWS credentials
// and a region (AWS_REGION or the shared configuration).
import {
  EventBridgeClient,
  PutRuleCommand,
  PutTargetsCommand,
} from "@aws-sdk/client-eventbridge";

const eventBridge = new EventBridgeClient({});

// JSON.stringify writes this object back exactly as the pattern is written.
const eventPattern = {
  source: ["aws.ec2"],
  "detail-type": ["AWS API Call via CloudTrail"],
  detail: {
    eventSource: ["ec2.amazonaws.com"],
    eventName: [
      "AuthorizeSecurityGroupIngress",
      "AuthorizeSecurityGroupEgress",
      "RevokeSecurityGroupIngress",
      "RevokeSecurityGroupEgress",
      "CreateSecurityGroup",
      "DeleteSecurityGroup",
    ],
  },
};

const { RuleArn } = await eventBridge.send(
  new PutRuleCommand({
    Name: "detect-security-group-changes",
    Description: "Security group rules changed (CloudTrail)",
    State: "ENABLED",
    EventPattern: JSON.stringify(eventPattern),
  }),
);

const { FailedEntryCount, FailedEntries } = await eventBridge.send(
  new PutTargetsCommand({
    Rule: "detect-security-group-changes",
    Targets: [
      {
        Id: "notify-security",
        Arn: "arn:aws:sns:us-east-1:123456789012:security-alerts",
      },
    ],
  }),
);
// PutTargets answers 200 even when it refuses a target, and says so here.
if (FailedEntryCount) {
  throw new Error(`PutTargets failed: ${JSON.stringify(FailedEntries)}`);
}

console.log(RuleArn);
