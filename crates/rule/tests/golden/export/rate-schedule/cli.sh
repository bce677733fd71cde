#!/usr/bin/env bash
# The EventBridge rule "every-5-minutes", created with the AWS CLI.
# Needs AWS credentials and a region (AWS_REGION or the CLI's configuration).
set -euo pipefail

# The rule's ARN, for the Lambda permission below.
RULE_ARN=$(aws events put-rule \
  --name every-5-minutes \
  --description 'Warm the cache every five minutes' \
  --state ENABLED \
  --schedule-expression 'rate(5 minutes)' \
  --query RuleArn --output text)

aws events put-targets \
  --rule every-5-minutes \
  --targets '[{"Id":"warm-cache","Arn":"arn:aws:lambda:us-east-1:123456789012:function:warm-cache","Input":"{\"action\":\"warm\",\"batch\":25}"}]'

# Lets EventBridge invoke "warm-cache" for this rule.
aws lambda add-permission \
  --function-name arn:aws:lambda:us-east-1:123456789012:function:warm-cache \
  --statement-id every-5-minutes-warm-cache \
  --action lambda:InvokeFunction \
  --principal events.amazonaws.com \
  --source-arn "$RULE_ARN"
