// The EventBridge rule 'ec2-stopped-or-terminated' as an AWS CDK v2 construct:
// call addEc2StoppedOrTerminatedRule(this) in a Stack's constructor.
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export function addEc2StoppedOrTerminatedRule(scope: Construct): events.Rule {
  const rule = new events.Rule(scope, 'Ec2StoppedOrTerminated', {
    ruleName: 'ec2-stopped-or-terminated',
    description: 'EC2 instance stopped or terminated',
    eventBus: events.EventBus.fromEventBusName(
      scope,
      'Ec2StoppedOrTerminatedBus',
      'default',
    ),
    eventPattern: {
      source: ['aws.ec2'],
      detailType: ['EC2 Instance State-change Notification'],
      detail: { state: ['stopped', 'terminated'] },
    },
  });
  // CDK adds the permission for EventBridge to invoke the function
  // (AWS::Lambda::Permission), as the function is in the stack's account.
  rule.addTarget(
    new targets.LambdaFunction(
      lambda.Function.fromFunctionAttributes(scope, 'Ec2StoppedOrTerminatedTarget0Function', {
        functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:my-func',
        sameEnvironment: true,
      }),
    ),
  );
  return rule;
}
