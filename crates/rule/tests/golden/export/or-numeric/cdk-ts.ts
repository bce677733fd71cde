// The EventBridge rule 'large-or-refunded-orders' as an AWS CDK v2 construct:
// call addLargeOrRefundedOrdersRule(this) in a Stack's constructor.
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export function addLargeOrRefundedOrdersRule(scope: Construct): events.Rule {
  // CDK writes numbers as JavaScript prints them (1000.00 as 1000, 1e6 as
  // 1000000), the same values.
  // '$or' is not a property of CDK's EventPattern interface. events.Rule copies
  // every top-level key of the pattern into the template as it is, renaming
  // only detailType to detail-type (aws-events/lib/util.js,
  // renderEventPattern), so the pattern is typed as a plain object, which
  // TypeScript accepts as an EventPattern: all of its fields are optional.
  const eventPattern: Record<string, unknown> = {
    source: ['com.example.orders'],
    detailType: ['Order Placed', 'Order Updated'],
    $or: [
      { detail: { total: [{ numeric: ['>=', 1000.00, '<', 1e6] }] } },
      {
        detail: {
          status: [{ prefix: 'REFUND' }],
          attempts: [{ numeric: ['=', 3] }],
        },
      },
      {
        detail: {
          region: [{ 'anything-but': ['us-east-1', 'us-west-2'] }],
          flagged: [true],
        },
      },
    ],
  };
  const rule = new events.Rule(scope, 'LargeOrRefundedOrders', {
    ruleName: 'large-or-refunded-orders',
    description: 'Orders over 1000.00 or refunded',
    eventBus: events.EventBus.fromEventBusName(
      scope,
      'LargeOrRefundedOrdersBus',
      'orders',
    ),
    eventPattern,
  });
  // CDK adds the permission for EventBridge to invoke the function
  // (AWS::Lambda::Permission), as the function is in the stack's account.
  rule.addTarget(
    new targets.LambdaFunction(
      lambda.Function.fromFunctionAttributes(scope, 'LargeOrRefundedOrdersTarget0Function', {
        functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:review-order',
        sameEnvironment: true,
      }),
      {
        event: events.RuleTargetInput.fromEventPath('$.detail'),
      },
    ),
  );
  const cfnRule = rule.node.defaultChild as events.CfnRule;
  cfnRule.addPropertyOverride('Targets.0.Id', 'review');
  return rule;
}
