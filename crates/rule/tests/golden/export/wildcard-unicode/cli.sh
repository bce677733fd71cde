#!/usr/bin/env bash
# The EventBridge rule "image-uploads-cafe", created with the AWS CLI.
# Needs AWS credentials and a region (AWS_REGION or the CLI's configuration).
set -euo pipefail

# The rule's ARN, for the Lambda permission below.
RULE_ARN=$(aws events put-rule \
  --name image-uploads-cafe \
  --description 'Images under "uploads/" by '\''ops'\'' — ✓ <fast> & safe' \
  --state ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS \
  --event-pattern '{"source":["aws.s3"],"detail-type":["Object Created"],"detail":{"bucket":{"name":["photos-日本","café-\"quoted\"-bucket"]},"object":{"key":[{"wildcard":"uploads/*.png"},{"wildcard":"*/thumbs/*"},{"suffix":".JPG"}],"size":[{"numeric":[">",0,"<=",5.0e6]}]},"reason":[{"equals-ignore-case":"PutObject"}],"requester":[{"anything-but":{"prefix":"AWS:"}}],"source-ip-address":[{"cidr":"10.0.0.0/8"}],"note":["a <b> & '\''c'\'' \\ d","emoji 🎉",null],"version-id":[{"exists":false}]}}' \
  --query RuleArn --output text)

aws events put-targets \
  --rule image-uploads-cafe \
  --targets '[{"Id":"thumbnailer","Arn":"arn:aws:lambda:us-east-1:123456789012:function:thumbnailer","InputTransformer":{"InputPathsMap":{"bucket":"$.detail.bucket.name","key":"$.detail.object.key"},"InputTemplate":"{\"file\": \"s3://<bucket>/<key>\", \"by\": \"évpat'\''s \\\"rule\\\"\", \"when\": \"<aws.events.event.ingestion-time>\"}"}}]'

# Lets EventBridge invoke "thumbnailer" for this rule.
aws lambda add-permission \
  --function-name arn:aws:lambda:us-east-1:123456789012:function:thumbnailer \
  --statement-id image-uploads-cafe-thumbnailer \
  --action lambda:InvokeFunction \
  --principal events.amazonaws.com \
  --source-arn "$RULE_ARN"
