// Creates the EventBridge rule "image-uploads-cafe" with the AWS SDK for
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
// would not give it back: JavaScript would write 5.0e6 as 5000000.
const eventPattern = '{"source":["aws.s3"],"detail-type":["Object Created"],"detail":{"bucket":{"name":["photos-日本","café-\\"quoted\\"-bucket"]},"object":{"key":[{"wildcard":"uploads/*.png"},{"wildcard":"*/thumbs/*"},{"suffix":".JPG"}],"size":[{"numeric":[">",0,"<=",5.0e6]}]},"reason":[{"equals-ignore-case":"PutObject"}],"requester":[{"anything-but":{"prefix":"AWS:"}}],"source-ip-address":[{"cidr":"10.0.0.0/8"}],"note":["a <b> & \'c\' \\\\ d","emoji 🎉",null],"version-id":[{"exists":false}]}}';

const { RuleArn } = await eventBridge.send(
  new PutRuleCommand({
    Name: "image-uploads-cafe",
    Description: "Images under \"uploads/\" by 'ops' — ✓ <fast> & safe",
    State: "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
    EventPattern: eventPattern,
  }),
);

const { FailedEntryCount, FailedEntries } = await eventBridge.send(
  new PutTargetsCommand({
    Rule: "image-uploads-cafe",
    Targets: [
      {
        Id: "thumbnailer",
        Arn: "arn:aws:lambda:us-east-1:123456789012:function:thumbnailer",
        InputTransformer: {
          InputPathsMap: {
            bucket: "$.detail.bucket.name",
            key: "$.detail.object.key",
          },
          InputTemplate: "{\"file\": \"s3://<bucket>/<key>\", \"by\": \"évpat's \\\"rule\\\"\", \"when\": \"<aws.events.event.ingestion-time>\"}",
        },
      },
    ],
  }),
);
// PutTargets answers 200 even when it refuses a target, and says so here.
if (FailedEntryCount) {
  throw new Error(`PutTargets failed: ${JSON.stringify(FailedEntries)}`);
}

const lambda = new LambdaClient({});
// Lets EventBridge invoke "thumbnailer" for this rule.
await lambda.send(
  new AddPermissionCommand({
    FunctionName: "arn:aws:lambda:us-east-1:123456789012:function:thumbnailer",
    StatementId: "image-uploads-cafe-thumbnailer",
    Action: "lambda:InvokeFunction",
    Principal: "events.amazonaws.com",
    SourceArn: RuleArn,
  }),
);

console.log(RuleArn);
