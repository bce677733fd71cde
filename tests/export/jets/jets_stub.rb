# A stand-in for the part of Ruby Jets that a job's EventBridge rules go through, for
# jets.test.mjs: ApplicationJob with Jets' rule DSL, and the key conversion Jets applies when
# it writes the rule into CloudFormation.
#
# The DSL is Jets 1.8.7 and later (lib/jets/job/dsl/rule_event.rb): `rule_event(props)` takes
# the rule's properties, or, when they have a `detail` key, the pattern itself with an optional
# `description`; `events_rule` and `event_pattern` are its deprecated aliases (the real ones
# print a warning and sleep five seconds first); `rate` and `cron` wrap their expression in
# rate() / cron() and make a rule with it. Rules declared above a method belong to it
# (method_added). A rule's properties start from Jets' defaults (lib/jets/resource/events/rule.rb:
# State ENABLED, the method's own function as the target).
#
# The conversion is the cfn_camelizer gem's (lib/cfn_camelizer.rb, lib/camelizer.yml, 0.4.x),
# which Jets 2.3.7 and later use: a key is kept as it is when it contains "-", "/" or ".", or
# when a key above it is one of the passthrough parent keys; a key right under EventPattern is
# dasherized; a key deeper under EventPattern is camelized with its first letter lower-cased;
# any other key is camelized. Arrays hand their parent keys to their items; values are kept.
# `camelize` is ActiveSupport's String#camelize with no acronyms, rewritten here so that the
# stub needs no gem.

require "json"

module JetsStub
  PASSTHROUGH_PARENT_KEYS = [
    "AWS::CloudFormation::Init", "Fn::Sub", "Parameters", "ResponseParameters", "Variables"
  ].freeze

  # cfn_camelizer's special_keys: whole keys that camelize would get wrong.
  SPECIAL_KEYS = { "Aws" => "AWS" }.freeze

  module_function

  # ActiveSupport's String#camelize: the leading run of lower-case letters and digits
  # capitalized, then each "_" or "/" and the run of letters and digits after it replaced by
  # that run capitalized ("/" becoming "::").
  def camelize(word)
    string = word.sub(/\A[a-z\d]*/) { |run| run.capitalize }
    string.gsub(/(?:_|(\/))([a-z\d]*)/i) { "#{$1 ? "::" : ""}#{$2.capitalize}" }
  end

  def passthrough?(key, parent_keys)
    !(parent_keys & PASSTHROUGH_PARENT_KEYS).empty? || key.include?("-") ||
      key.include?("/") || key.include?(".")
  end

  def convert_key(key, parent_keys)
    key = key.to_s
    if passthrough?(key, parent_keys)
      key
    elsif parent_keys.last == "EventPattern"
      key.tr("_", "-")
    elsif parent_keys.include?("EventPattern")
      camel = camelize(key)
      camel.empty? ? camel : camel[0].downcase + camel[1..]
    else
      camel = camelize(key)
      SPECIAL_KEYS.fetch(camel, camel)
    end
  end

  def transform(value, parent_keys = [])
    case value
    when Array
      value.map { |item| transform(item, parent_keys) }
    when Hash
      value.each_with_object({}) do |(key, item), out|
        new_key = convert_key(key, parent_keys)
        out[new_key] = transform(item, parent_keys + [new_key])
      end
    else
      value
    end
  end

  # Every job class, in the order they were defined.
  def jobs
    @jobs ||= []
  end

  # { "ClassName" => { "method" => [rule properties, in CloudFormation's keys] } }
  def registry
    jobs.to_h do |job|
      rules = job.rules.transform_values do |list|
        list.map do |props|
          resource = { type: "AWS::Events::Rule", properties: props }
          transform(resource)["Properties"]
        end
      end
      [job.name, rules]
    end
  end
end

class ApplicationJob
  class << self
    def inherited(subclass)
      super
      JetsStub.jobs << subclass
    end

    def rules
      @rules ||= {}
    end

    def pending_rules
      @pending_rules ||= []
    end

    def rule_counter
      @rule_counter ||= 0
    end

    def rule_description
      @rule_counter = rule_counter + 1
      "#{name} event rule #{rule_counter}"
    end

    def rule_event(props = {})
      props = props.dup
      if props.key?(:detail)
        description = props.key?(:description) ? props.delete(:description) : rule_description
        rule_props = { event_pattern: props, description: description }
      else
        props[:description] ||= rule_description
        rule_props = props
      end
      pending_rules << rule_props
    end

    def events_rule(props)
      rule_event(props)
    end

    def event_pattern(props)
      rule_event(props)
    end

    def rate(expression, props = {})
      schedule_job("rate(#{expression})", props)
    end

    def cron(expression, props = {})
      schedule_job("cron(#{expression})", props)
    end

    def schedule_job(expression, props = {})
      rule_event(props.merge(schedule_expression: expression))
    end

    # Jets' Lambda DSL: the next method's function description.
    def description(text)
      @function_description = text
    end

    def method_added(name)
      super
      return if pending_rules.empty?

      defaults = {
        state: "ENABLED",
        targets: [{ arn: "!GetAtt {namespace}LambdaFunction.Arn", id: "{namespace}RuleTarget" }]
      }
      rules[name.to_s] = pending_rules.map { |props| defaults.merge(props) }
      @pending_rules = []
    end
  end

  attr_reader :event

  def initialize(event = {})
    @event = event
  end
end
