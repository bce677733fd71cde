// Creates the EventBridge rule "large-or-refunded-orders" with the AWS SDK for
// JavaScript v3. Run it with Node.js 18 or later; it needs AWS credentials and
// a region (AWS_REGION or the shared configuration).
import {
  EventBridgeClient,
  PutRuleCommand,
  PutTargetsCommand,
} from "@aws-sdk/client-eventbridge";
import { AddPermissionCommand, LambdaClient } from "@aws-sdk/client-lambda";

const eventBridge = new EventBridgeClient({});

// The pattern's JSON text, sent as it is written. JSON.stringify of an object
// would not give it back: JavaScript would write 1000.00 as 1000, 1e6 as
// 1000000.
const eventPattern = '{"source":["com.example.orders"],"detail-type":["Order Placed","Order Updated"],"$or":[{"detail":{"total":[{"numeric":[">=",1000.00,"<",1e6]}]}},{"detail":{"status":[{"prefix":"REFUND"}],"attempts":[{"numeric":["=",3]}]}},{"detail":{"region":[{"anything-but":["us-east-1","us-west-2"]}],"flagged":[true]}}]}';

const { RuleArn } = await eventBridge.send(
  new PutRuleCommand({
    Name: "large-or-refunded-orders",
    Description: "Orders over 1000.00 or refunded",
    EventBusName: "orders",
    State: "ENABLED",
    EventPattern: eventPattern,
  }),
);

const { FailedEntryCount, FailedEntries } = await eventBridge.send(
  new PutTargetsCommand({
    Rule: "large-or-refunded-orders",
    EventBusName: "orders",
    Targets: [
      {
        Id: "review",
        Arn: "arn:aws:lambda:us-east-1:123456789012:function:review-order",
        InputPath: "$.detail",
      },
    ],
  }),
);
// PutTargets answers 200 even when it refuses a target, and says so here.
if (FailedEntryCount) {
  throw new Error(`PutTargets failed: ${JSON.stringify(FailedEntries)}`);
}

const lambda = new LambdaClient({});
// Lets EventBridge invoke "review" for this rule.
await lambda.send(
  new AddPermissionCommand({
    FunctionName: "arn:aws:lambda:us-east-1:123456789012:function:review-order",
    StatementId: "large-or-refunded-orders-review",
    Action: "lambda:InvokeFunction",
    Principal: "events.amazonaws.com",
    SourceArn: RuleArn,
  }),
);

console.log(RuleArn);
