# The EventBridge rule "image-uploads-cafe", for Terraform's AWS provider.

resource "aws_cloudwatch_event_rule" "image_uploads_cafe" {
  name        = "image-uploads-cafe"
  description = "Images under \"uploads/\" by 'ops' — ✓ <fast> & safe"
  state       = "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"

  # The pattern is its JSON, as written, in a heredoc: jsonencode({...}) would write "<" as
  # "\u003c", ">" as "\u003e", "&" as "\u0026" (terraform-provider-aws #23496), 5.0e6 as 5000000.
  event_pattern = <<-EOT
    {
      "source": ["aws.s3"],
      "detail-type": ["Object Created"],
      "detail": {
        "bucket": {"name": ["photos-日本", "café-\"quoted\"-bucket"]},
        "object": {
          "key": [{"wildcard": "uploads/*.png"}, {"wildcard": "*/thumbs/*"}, {"suffix": ".JPG"}],
          "size": [{"numeric": [">", 0, "<=", 5.0e6]}]
        },
        "reason": [{"equals-ignore-case": "PutObject"}],
        "requester": [{"anything-but": {"prefix": "AWS:"}}],
        "source-ip-address": [{"cidr": "10.0.0.0/8"}],
        "note": ["a <b> & 'c' \\ d", "emoji 🎉", null],
        "version-id": [{"exists": false}]
      }
    }
  EOT
}

resource "aws_cloudwatch_event_target" "image_uploads_cafe_thumbnailer" {
  rule      = aws_cloudwatch_event_rule.image_uploads_cafe.name
  target_id = "thumbnailer"
  arn       = "arn:aws:lambda:us-east-1:123456789012:function:thumbnailer"

  input_transformer {
    input_paths = {
      bucket = "$.detail.bucket.name"
      key    = "$.detail.object.key"
    }
    input_template = "{\"file\": \"s3://<bucket>/<key>\", \"by\": \"évpat's \\\"rule\\\"\", \"when\": \"<aws.events.event.ingestion-time>\"}"
  }
}

# Lets EventBridge invoke the function of target "thumbnailer".
resource "aws_lambda_permission" "image_uploads_cafe_thumbnailer_permission" {
  statement_id  = "image-uploads-cafe-thumbnailer"
  action        = "lambda:InvokeFunction"
  function_name = "arn:aws:lambda:us-east-1:123456789012:function:thumbnailer"
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.image_uploads_cafe.arn
}
