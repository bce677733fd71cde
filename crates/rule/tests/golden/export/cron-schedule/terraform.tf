# The EventBridge rule "weekday-report", for Terraform's AWS provider.

resource "aws_cloudwatch_event_rule" "weekday_report" {
  name                = "weekday-report"
  description         = "Send the report at 09:00 UTC on weekdays"
  state               = "DISABLED"
  schedule_expression = "cron(0 9 ? * MON-FRI *)"
}

resource "aws_cloudwatch_event_target" "weekday_report_report_queue" {
  rule      = aws_cloudwatch_event_rule.weekday_report.name
  target_id = "report-queue"
  arn       = "arn:aws:sqs:us-east-1:123456789012:reports"
  input     = "{\"report\":\"daily\"}"

  retry_policy {
    maximum_event_age_in_seconds = 3600
    maximum_retry_attempts       = 4
  }

  dead_letter_config {
    arn = "arn:aws:sqs:us-east-1:123456789012:reports-dlq"
  }
}
