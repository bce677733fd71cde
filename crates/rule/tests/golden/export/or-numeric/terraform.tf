# The EventBridge rule "large-or-refunded-orders", for Terraform's AWS provider.

resource "aws_cloudwatch_event_rule" "large_or_refunded_orders" {
  name           = "large-or-refunded-orders"
  description    = "Orders over 1000.00 or refunded"
  event_bus_name = "orders"
  state          = "ENABLED"

  # The pattern is its JSON, as written, in a heredoc: jsonencode({...}) would write "<" as
  # "\u003c", ">" as "\u003e" (terraform-provider-aws #23496), 1000.00 as 1000, 1e6 as 1000000.
  event_pattern = <<-EOT
    {
      "source": ["com.example.orders"],
      "detail-type": ["Order Placed", "Order Updated"],
      "$or": [
        {"detail": {"total": [{"numeric": [">=", 1000.00, "<", 1e6]}]}},
        {"detail": {"status": [{"prefix": "REFUND"}], "attempts": [{"numeric": ["=", 3]}]}},
        {"detail": {"region": [{"anything-but": ["us-east-1", "us-west-2"]}], "flagged": [true]}}
      ]
    }
  EOT
}

resource "aws_cloudwatch_event_target" "large_or_refunded_orders_review" {
  rule           = aws_cloudwatch_event_rule.large_or_refunded_orders.name
  event_bus_name = aws_cloudwatch_event_rule.large_or_refunded_orders.event_bus_name
  target_id      = "review"
  arn            = "arn:aws:lambda:us-east-1:123456789012:function:review-order"
  input_path     = "$.detail"
}

# Lets EventBridge invoke the function of target "review".
resource "aws_lambda_permission" "large_or_refunded_orders_review_permission" {
  statement_id  = "large-or-refunded-orders-review"
  action        = "lambda:InvokeFunction"
  function_name = "arn:aws:lambda:us-east-1:123456789012:function:review-order"
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.large_or_refunded_orders.arn
}
