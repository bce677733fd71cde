# The EventBridge Scheduler schedule "christmas-eve-sale", for Terraform's AWS provider.

resource "aws_scheduler_schedule" "christmas_eve_sale" {
  name                         = "christmas-eve-sale"
  description                  = "Open the sale once, at 18:00 Paris time"
  state                        = "ENABLED"
  schedule_expression          = "at(2026-12-24T18:00:00)"
  schedule_expression_timezone = "Europe/Paris"

  # OFF: the schedule runs at its times, as the rule would have.
  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = "arn:aws:lambda:eu-west-3:123456789012:function:open-sale"
    role_arn = "arn:aws:iam::123456789012:role/scheduler-invoke"
    input    = "{\"sale\":\"xmas\"}"
  }
}
