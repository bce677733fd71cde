# The EventBridge rule "large-or-refunded-orders" as a Ruby Jets job: Jets deploys the
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
class LargeOrRefundedOrdersJob < ApplicationJob
  events_rule(
    name: "large-or-refunded-orders",
    description: "Orders over 1000.00 or refunded",
    event_bus_name: "orders",
    state: "ENABLED",
    event_pattern: {
      source: ["com.example.orders"],
      detail_type: ["Order Placed", "Order Updated"],
      "$or": [
        { "detail" => { "total" => [{ "numeric" => [">=", 1000.00, "<", 1e6] }] } },
        {
          "detail" => {
            "status" => [{ "prefix" => "REFUND" }],
            "attempts" => [{ "numeric" => ["=", 3] }],
          },
        },
        {
          "detail" => {
            "region" => [{ "anything-but" => ["us-east-1", "us-west-2"] }],
            "flagged" => [true],
          },
        },
      ],
    },
  )
  def large_or_refunded_orders
    puts "event: #{JSON.dump(event)}"
  end
end
