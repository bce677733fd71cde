# The EventBridge rule "detect-security-group-changes", for Terraform's AWS provider.

resource "aws_cloudwatch_event_rule" "detect_security_group_changes" {
  name        = "detect-security-group-changes"
  description = "Security group rules changed (CloudTrail)"
  state       = "ENABLED"

  event_pattern = jsonencode({
    source        = ["aws.ec2"]
    "detail-type" = ["AWS API Call via CloudTrail"]
    detail = {
      eventSource = ["ec2.amazonaws.com"]
      eventName = [
        "AuthorizeSecurityGroupIngress",
        "AuthorizeSecurityGroupEgress",
        "RevokeSecurityGroupIngress",
        "RevokeSecurityGroupEgress",
        "CreateSecurityGroup",
        "DeleteSecurityGroup"
      ]
    }
  })
}

resource "aws_cloudwatch_event_target" "detect_security_group_changes_notify_security" {
  rule      = aws_cloudwatch_event_rule.detect_security_group_changes.name
  target_id = "notify-security"
  arn       = "arn:aws:sns:us-east-1:123456789012:security-alerts"
}
