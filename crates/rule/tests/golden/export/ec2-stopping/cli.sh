#!/usr/bin/env bash
# The EventBridge rule "ec2-stopped-or-terminated", created with the AWS CLI.
# Needs AWS credentials and a region (AWS_REGION or the CLI's configuration).
set -euo pipefail

# The rule's ARN, for the Lambda permission below.
RULE_ARN=$(aws events put-rule \
  --name ec2-stopped-or-terminated \
  --description 'EC2 instance stopped or terminated' \
  --event-bus-name default \
  --state ENABLED \
  --event-pattern '{"source":["aws.ec2"],"detail-type":["EC2 Instance State-change Notification"],"detail":{"state":["stopped","terminated"]}}' \
  --query RuleArn --output text)

aws events put-targets \
  --rule ec2-stopped-or-terminated \
  --event-bus-name default \
  --targets '[{"Id":"Target0","Arn":"arn:aws:lambda:us-east-1:123456789012:function:my-func"}]'

# Lets EventBridge invoke "Target0" for this rule.
aws lambda add-permission \
  --function-name arn:aws:lambda:us-east-1:123456789012:function:my-func \
  --statement-id ec2-stopped-or-terminated-Target0 \
  --action lambda:InvokeFunction \
  --principal events.amazonaws.com \
  --source-arn "$RULE_ARN"
