// The EventBridge rule 'image-uploads-cafe' as an AWS CDK v2 construct: call
// addImageUploadsCafeRule(this) in a Stack's constructor.
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

export function addImageUploadsCafeRule(scope: Construct): events.Rule {
  // CDK writes numbers as JavaScript prints them (5.0e6 as 5000000), the same
  // values.
  const rule = new events.Rule(scope, 'ImageUploadsCafe', {
    ruleName: 'image-uploads-cafe',
    description: 'Images under "uploads/" by \'ops\' — ✓ <fast> & safe',
    eventPattern: {
      source: ['aws.s3'],
      detailType: ['Object Created'],
      detail: {
        bucket: { name: ['photos-日本', 'café-"quoted"-bucket'] },
        object: {
          key: [
            { wildcard: 'uploads/*.png' },
            { wildcard: '*/thumbs/*' },
            { suffix: '.JPG' },
          ],
          size: [{ numeric: ['>', 0, '<=', 5.0e6] }],
        },
        reason: [{ 'equals-ignore-case': 'PutObject' }],
        requester: [{ 'anything-but': { prefix: 'AWS:' } }],
        'source-ip-address': [{ cidr: '10.0.0.0/8' }],
        note: ['a <b> & \'c\' \\ d', 'emoji 🎉', null],
        'version-id': [{ exists: false }],
      },
    },
  });
  // CDK adds the permission for EventBridge to invoke the function
  // (AWS::Lambda::Permission), as the function is in the stack's account.
  rule.addTarget(
    new targets.LambdaFunction(
      lambda.Function.fromFunctionAttributes(scope, 'ImageUploadsCafeTarget0Function', {
        functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:thumbnailer',
        sameEnvironment: true,
      }),
      {
        event: new ExactInput({
          inputPathsMap: {
            bucket: '$.detail.bucket.name',
            key: '$.detail.object.key',
          },
          inputTemplate: '{"file": "s3://<bucket>/<key>", "by": "évpat\'s \\"rule\\"", "when": "<aws.events.event.ingestion-time>"}',
        }),
      },
    ),
  );
  const cfnRule = rule.node.defaultChild as events.CfnRule;
  // events.Rule knows only enabled and disabled.
  cfnRule.state = 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';
  cfnRule.addPropertyOverride('Targets.0.Id', 'thumbnailer');
  return rule;
}
