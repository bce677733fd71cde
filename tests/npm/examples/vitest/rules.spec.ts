import { describe, expect, test } from 'vitest';
import type { EventPattern } from 'evpat';

const stoppedOrTerminated = {
  source: ['aws.ec2'],
  'detail-type': ['EC2 Instance State-change Notification'],
  detail: { state: ['stopped', 'terminated'] },
} satisfies EventPattern;

function stateChange(state: string) {
  return {
    version: '0',
    id: '7bf73129-1428-4cd3-a780-95db273d1602',
    'detail-type': 'EC2 Instance State-change Notification',
    source: 'aws.ec2',
    account: '123456789012',
    time: '2015-11-11T21:29:54Z',
    region: 'us-east-1',
    resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111'],
    detail: { 'instance-id': 'i-abcd1111', state },
  };
}

/** The message of the error `assertion` throws. */
function failureOf(assertion: () => void): string {
  try {
    assertion();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('the assertion passed');
}

describe('the stopped-or-terminated rule', () => {
  test('matches instances that stop or terminate', () => {
    expect(stateChange('stopped')).toMatchPattern(stoppedOrTerminated);
    expect(stateChange('terminated')).toMatchPattern(stoppedOrTerminated);
  });

  test('misses running instances', () => {
    expect(stateChange('running')).not.toMatchPattern(stoppedOrTerminated);
  });

  test('works as an asymmetric matcher', () => {
    expect({ delivered: stateChange('stopped') }).toEqual({
      delivered: expect.toMatchPattern(stoppedOrTerminated),
    });
  });

  test('a miss says which check failed', () => {
    expect(failureOf(() => expect(stateChange('running')).toMatchPattern(stoppedOrTerminated))).toBe(
      [
        'expected the event to match the pattern, but it does not:',
        '',
        '✗ the event does not match: 1 of 3 fields fail',
        '├─ ✓ source: expected "aws.ec2": "aws.ec2" matches',
        '├─ ✓ detail-type: expected "EC2 Instance State-change Notification": "EC2 Instance State-change Notification" matches',
        '└─ ✗ detail: its field fails',
        '   └─ ✗ detail.state: none of the 2 conditions matches "running"',
        '      ├─ ✗ "stopped": expected "stopped", got "running"',
        '      │       at $.detail.state',
        '      └─ ✗ "terminated": expected "terminated", got "running"',
        '              at $.detail.state',
      ].join('\n'),
    );
  });

  test('an unexpected match says so', () => {
    expect(failureOf(() => expect(stateChange('stopped')).not.toMatchPattern(stoppedOrTerminated))).toBe(
      [
        'expected the event not to match the pattern, but it matches:',
        '',
        '✓ the event matches the pattern',
        '├─ ✓ source: expected "aws.ec2": "aws.ec2" matches',
        '├─ ✓ detail-type: expected "EC2 Instance State-change Notification": "EC2 Instance State-change Notification" matches',
        '└─ ✓ detail: matches',
        '   └─ ✓ detail.state: matches 1 of 2 conditions',
        '      ├─ ✓ "stopped": expected "stopped": "stopped" matches',
        '      └─ ✗ "terminated": expected "terminated", got "stopped"',
        '              at $.detail.state',
      ].join('\n'),
    );
  });

  test('an invalid pattern fails the test, with .not as without', () => {
    for (const assertion of [
      () => expect(stateChange('stopped')).toMatchPattern('{"source": "aws.ec2"}'),
      () => expect(stateChange('stopped')).not.toMatchPattern('{"source": "aws.ec2"}'),
    ]) {
      expect(failureOf(assertion)).toBe(
        'Event pattern is not valid. Reason: "source" must be an object or an array',
      );
    }
  });
});
