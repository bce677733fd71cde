# The EventBridge rule "ec2-stopped-or-terminated" as a Ruby Jets job: Jets deploys the
# rule with the job's method below as its target.
#
# events_rule is the name this DSL had before Jets 1.8.7, which renamed it rule_event;
# events_rule still works there, with a deprecation warning and a five-second pause, and
# rule_event takes the same arguments.
#
# Jets turns the keys of event_pattern into EventBridge's (the cfn_camelizer gem):
# top-level keys are dasherized (detail_type becomes detail-type), and deeper keys are
# lower-camelized unless they contain "-", "/" or ".". The keys below are written so that
# this gives the pattern back exactly; it needs Jets 2.3.7 or later.
class Ec2StoppedOrTerminatedJob < ApplicationJob
  events_rule(
    name: "ec2-stopped-or-terminated",
    description: "EC2 instance stopped or terminated",
    event_bus_name: "default",
    state: "ENABLED",
    event_pattern: {
      source: ["aws.ec2"],
      detail_type: ["EC2 Instance State-change Notification"],
      detail: { "state" => ["stopped", "terminated"] },
    },
  )
  def ec2_stopped_or_terminated
    puts "event: #{JSON.dump(event)}"
  end
end
