#!/usr/bin/env bash
# The EventBridge rule "weekday-report", created with the AWS CLI.
# Needs AWS credentials and a region (AWS_REGION or the CLI's configuration).
set -euo pipefail

aws events put-rule \
  --name weekday-report \
  --description 'Send the report at 09:00 UTC on weekdays' \
  --state DISABLED \
  --schedule-expression 'cron(0 9 ? * MON-FRI *)'

aws events put-targets \
  --rule weekday-report \
  --targets '[{"Id":"report-queue","Arn":"arn:aws:sqs:us-east-1:123456789012:reports","Input":"{\"report\":\"daily\"}","RetryPolicy":{"MaximumRetryAttempts":4,"MaximumEventAgeInSeconds":3600},"DeadLetterConfig":{"Arn":"arn:aws:sqs:us-east-1:123456789012:reports-dlq"}}]'
