# The EventBridge rule "every-5-minutes" as a Ruby Jets job: Jets deploys the rule with
# the job's method below as its target.
class Every5MinutesJob < ApplicationJob
  rate "5 minutes",
    name: "every-5-minutes",
    description: "Warm the cache every five minutes",
    state: "ENABLED"
  def every_5_minutes
    puts "event: #{JSON.dump(event)}"
  end
end
