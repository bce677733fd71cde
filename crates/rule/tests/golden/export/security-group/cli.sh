#!/usr/bin/env bash
# The EventBridge rule "detect-security-group-changes", created with the AWS CLI.
# Needs AWS credentials and a region (AWS_REGION or the CLI's configuration).
set -euo pipefail

aws events put-rule \
  --name detect-security-group-changes \
  --description 'Security group rules changed (CloudTrail)' \
  --state ENABLED \
  --event-pattern '{"source":["aws.ec2"],"detail-type":["AWS API Call via CloudTrail"],"detail":{"eventSource":["ec2.amazonaws.com"],"eventName":["AuthorizeSecurityGroupIngress","AuthorizeSecurityGroupEgress","RevokeSecurityGroupIngress","RevokeSecurityGroupEgress","CreateSecurityGroup","DeleteSecurityGroup"]}}'

aws events put-targets \
  --rule detect-security-group-changes \
  --targets '[{"Id":"notify-security","Arn":"arn:aws:sns:us-east-1:123456789012:security-alerts"}]'
