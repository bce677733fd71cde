# The EventBridge rule "image-uploads-cafe" as a Ruby Jets job: Jets deploys the rule with
# the job's method below as its target.
#
# events_rule is the name this DSL had before Jets 1.8.7, which renamed it rule_event;
# events_rule still works there, with a deprecation warning and a five-second pause, and
# rule_event takes the same arguments.
#
# Jets turns the keys of event_pattern into EventBridge's (the cfn_camelizer gem):
# top-level keys are dasherized (detail_type becomes detail-type), and deeper keys are
# lower-camelized unless they contain "-", "/" or ".". The keys below are written so that
# this gives the pattern back exactly; it needs Jets 2.3.7 or later.
class ImageUploadsCafeJob < ApplicationJob
  events_rule(
    name: "image-uploads-cafe",
    description: "Images under \"uploads/\" by 'ops' — ✓ <fast> & safe",
    state: "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
    event_pattern: {
      source: ["aws.s3"],
      detail_type: ["Object Created"],
      detail: {
        "bucket" => { "name" => ["photos-日本", "café-\"quoted\"-bucket"] },
        "object" => {
          "key" => [
            { "wildcard" => "uploads/*.png" },
            { "wildcard" => "*/thumbs/*" },
            { "suffix" => ".JPG" },
          ],
          "size" => [{ "numeric" => [">", 0, "<=", 5.0e6] }],
        },
        "reason" => [{ "equals-ignore-case" => "PutObject" }],
        "requester" => [{ "anything-but" => { "prefix" => "AWS:" } }],
        "source-ip-address" => [{ "cidr" => "10.0.0.0/8" }],
        "note" => ["a <b> & 'c' \\ d", "emoji 🎉", nil],
        "version-id" => [{ "exists" => false }],
      },
    },
  )
  def image_uploads_cafe
    puts "event: #{JSON.dump(event)}"
  end
end
