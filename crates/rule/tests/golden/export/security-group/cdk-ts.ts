// The EventBridge rule 'detect-security-group-changes' as an AWS CDK v2
// construct: call addDetectSecurityGroupChangesRule(this) in a Stack's
// constructor.
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export function addDetectSecurityGroupChangesRule(scope: Construct): events.Rule {
  const rule = new events.Rule(scope, 'DetectSecurityGroupChanges', {
    ruleName: 'detect-security-group-changes',
    description: 'Security group rules changed (CloudTrail)',
    eventPattern: {
      source: ['aws.ec2'],
      detailType: ['AWS API Call via CloudTrail'],
      detail: {
        eventSource: ['ec2.amazonaws.com'],
        eventName: [
          'AuthorizeSecurityGroupIngress',
          'AuthorizeSecurityGroupEgress',
          'RevokeSecurityGroupIngress',
          'RevokeSecurityGroupEgress',
          'CreateSecurityGroup',
          'DeleteSecurityGroup',
        ],
      },
    },
  });
  rule.addTarget(
    new targets.SnsTopic(
      sns.Topic.fromTopicArn(
        scope,
        'DetectSecurityGroupChangesTarget0Topic',
        'arn:aws:sns:us-east-1:123456789012:security-alerts',
      ),
    ),
  );
  const cfnRule = rule.node.defaultChild as events.CfnRule;
  cfnRule.addPropertyOverride('Targets.0.Id', 'notify-security');
  return rule;
}
