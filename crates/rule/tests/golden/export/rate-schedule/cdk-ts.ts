// The EventBridge rule 'every-5-minutes' as an AWS CDK v2 construct: call
// addEvery5MinutesRule(this) in a Stack's constructor.
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

/**
 * A target's input exactly as EventBridge takes it. RuleTargetInput.fromText()
 * would send the text as a JSON string (in quotes), and fromObject() would
 * write the JSON again, with its numbers and placeholders in its own form.
 */
class ExactInput extends events.RuleTargetInput {
  constructor(private readonly properties: events.RuleTargetInputProperties) {
    super();
  }

  bind(): events.RuleTargetInputProperties {
    return this.properties;
  }
}

export function addEvery5MinutesRule(scope: Construct): events.Rule {
  const rule = new events.Rule(scope, 'Every5Minutes', {
    ruleName: 'every-5-minutes',
    description: 'Warm the cache every five minutes',
    schedule: events.Schedule.expression('rate(5 minutes)'),
  });
  // CDK adds the permission for EventBridge to invoke the function
  // (AWS::Lambda::Permission), as the function is in the stack's account.
  rule.addTarget(
    new targets.LambdaFunction(
      lambda.Function.fromFunctionAttributes(scope, 'Every5MinutesTarget0Function', {
        functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:warm-cache',
        sameEnvironment: true,
      }),
      {
        event: new ExactInput({ input: '{"action":"warm","batch":25}' }),
      },
    ),
  );
  const cfnRule = rule.node.defaultChild as events.CfnRule;
  cfnRule.addPropertyOverride('Targets.0.Id', 'warm-cache');
  return rule;
}
