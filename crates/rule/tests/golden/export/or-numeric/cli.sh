#!/usr/bin/env bash
# The EventBridge rule "large-or-refunded-orders", created with the AWS CLI.
# Needs AWS credentials and a region (AWS_REGION or the CLI's configuration).
set -euo pipefail

# The rule's ARN, for the Lambda permission below.
RULE_ARN=$(aws events put-rule \
  --name large-or-refunded-orders \
  --description 'Orders over 1000.00 or refunded' \
  --event-bus-name orders \
  --state ENABLED \
  --event-pattern '{"source":["com.example.orders"],"detail-type":["Order Placed","Order Updated"],"$or":[{"detail":{"total":[{"numeric":[">=",1000.00,"<",1e6]}]}},{"detail":{"status":[{"prefix":"REFUND"}],"attempts":[{"numeric":["=",3]}]}},{"detail":{"region":[{"anything-but":["us-east-1","us-west-2"]}],"flagged":[true]}}]}' \
  --query RuleArn --output text)

aws events put-targets \
  --rule large-or-refunded-orders \
  --event-bus-name orders \
  --targets '[{"Id":"review","Arn":"arn:aws:lambda:us-east-1:123456789012:function:review-order","InputPath":"$.detail"}]'

# Lets EventBridge invoke "review" for this rule.
aws lambda add-permission \
  --function-name arn:aws:lambda:us-east-1:123456789012:function:review-order \
  --statement-id large-or-refunded-orders-review \
  --action lambda:InvokeFunction \
  --principal events.amazonaws.com \
  --source-arn "$RULE_ARN"
