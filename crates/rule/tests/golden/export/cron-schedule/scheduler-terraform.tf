# The EventBridge Scheduler schedule "weekday-report", for Terraform's AWS provider.

resource "aws_scheduler_schedule" "weekday_report" {
  name                = "weekday-report"
  description         = "Send the report at 09:00 UTC on weekdays"
  state               = "DISABLED"
  schedule_expression = "cron(0 9 ? * MON-FRI *)"

  # OFF: the schedule runs at its times, as the rule would have.
  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = "arn:aws:sqs:us-east-1:123456789012:reports"
    role_arn = "REPLACE-WITH-THE-SCHEDULER-ROLE-ARN"
    input    = "{\"report\":\"daily\"}"

    retry_policy {
      maximum_event_age_in_seconds = 3600
      maximum_retry_attempts       = 4
    }

    dead_letter_config {
      arn = "arn:aws:sqs:us-east-1:123456789012:reports-dlq"
    }
  }
}
