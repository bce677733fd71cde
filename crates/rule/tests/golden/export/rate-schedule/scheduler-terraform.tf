# The EventBridge Scheduler schedule "every-5-minutes", for Terraform's AWS provider.

resource "aws_scheduler_schedule" "every_5_minutes" {
  name                = "every-5-minutes"
  description         = "Warm the cache every five minutes"
  state               = "ENABLED"
  schedule_expression = "rate(5 minutes)"

  # OFF: the schedule runs at its times, as the rule would have.
  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = "arn:aws:lambda:us-east-1:123456789012:function:warm-cache"
    role_arn = "REPLACE-WITH-THE-SCHEDULER-ROLE-ARN"
    input    = "{\"action\":\"warm\",\"batch\":25}"
  }
}
