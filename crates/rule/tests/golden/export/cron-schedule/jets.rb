# The EventBridge rule "weekday-report" as a Ruby Jets job: Jets deploys the rule with the
# job's method below as its target.
class WeekdayReportJob < ApplicationJob
  cron "0 9 ? * MON-FRI *",
    name: "weekday-report",
    description: "Send the report at 09:00 UTC on weekdays",
    state: "DISABLED"
  def weekday_report
    puts "event: #{JSON.dump(event)}"
  end
end
