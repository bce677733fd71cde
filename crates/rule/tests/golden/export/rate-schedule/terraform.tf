# The EventBridge rule "every-5-minutes", for Terraform's AWS provider.

resource "aws_cloudwatch_event_rule" "every_5_minutes" {
  name                = "every-5-minutes"
  description         = "Warm the cache every five minutes"
  state               = "ENABLED"
  schedule_expression = "rate(5 minutes)"
}

resource "aws_cloudwatch_event_target" "every_5_minutes_warm_cache" {
  rule      = aws_cloudwatch_event_rule.every_5_minutes.name
  target_id = "warm-cache"
  arn       = "arn:aws:lambda:us-east-1:123456789012:function:warm-cache"
  input     = "{\"action\":\"warm\",\"batch\":25}"
}

# Lets EventBridge invoke the function of target "warm-cache".
resource "aws_lambda_permission" "every_5_minutes_warm_cache_permission" {
  statement_id  = "every-5-minutes-warm-cache"
  action        = "lambda:InvokeFunction"
  function_name = "arn:aws:lambda:us-east-1:123456789012:function:warm-cache"
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.every_5_minutes.arn
}
