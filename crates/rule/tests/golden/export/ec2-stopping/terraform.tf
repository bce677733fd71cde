# The EventBridge rule "ec2-stopped-or-terminated", for Terraform's AWS provider.

resource "aws_cloudwatch_event_rule" "ec2_stopped_or_terminated" {
  name           = "ec2-stopped-or-terminated"
  description    = "EC2 instance stopped or terminated"
  event_bus_name = "default"
  state          = "ENABLED"

  event_pattern = jsonencode({
    source        = ["aws.ec2"]
    "detail-type" = ["EC2 Instance State-change Notification"]
    detail = {
      state = ["stopped", "terminated"]
    }
  })
}

resource "aws_cloudwatch_event_target" "ec2_stopped_or_terminated_target0" {
  rule           = aws_cloudwatch_event_rule.ec2_stopped_or_terminated.name
  event_bus_name = aws_cloudwatch_event_rule.ec2_stopped_or_terminated.event_bus_name
  target_id      = "Target0"
  arn            = "arn:aws:lambda:us-east-1:123456789012:function:my-func"
}

# Lets EventBridge invoke the function of target "Target0".
resource "aws_lambda_permission" "ec2_stopped_or_terminated_target0_permission" {
  statement_id  = "ec2-stopped-or-terminated-Target0"
  action        = "lambda:InvokeFunction"
  function_name = "arn:aws:lambda:us-east-1:123456789012:function:my-func"
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.ec2_stopped_or_terminated.arn
}
