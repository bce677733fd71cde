# The EventBridge rule "detect-security-group-changes" as a Ruby Jets job: Jets deploys
# the rule with the job's method below as its target.
#
# events_rule is the name this DSL had before Jets 1.8.7, which renamed it rule_event;
# events_rule still works there, with a deprecation warning and a five-second pause, and
# rule_event takes the same arguments.
#
# Jets turns the keys of event_pattern into EventBridge's (the cfn_camelizer gem):
# top-level keys are dasherized (detail_type becomes detail-type), and deeper keys are
# lower-camelized unless they contain "-", "/" or ".". The keys below are written so that
# this gives the pattern back exactly; it needs Jets 2.3.7 or later.
class DetectSecurityGroupChangesJob < ApplicationJob
  events_rule(
    name: "detect-security-group-changes",
    description: "Security group rules changed (CloudTrail)",
    state: "ENABLED",
    event_pattern: {
      source: ["aws.ec2"],
      detail_type: ["AWS API Call via CloudTrail"],
      detail: {
        "eventSource" => ["ec2.amazonaws.com"],
        "eventName" => [
          "AuthorizeSecurityGroupIngress",
          "AuthorizeSecurityGroupEgress",
          "RevokeSecurityGroupIngress",
          "RevokeSecurityGroupEgress",
          "CreateSecurityGroup",
          "DeleteSecurityGroup",
        ],
      },
    },
  )
  def detect_security_group_changes
    puts "event: #{JSON.dump(event)}"
  end
end
