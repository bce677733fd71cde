// A CommonJS user of evpat: `require('evpat')` resolves to the Node build
// through the `exports` map's `node` and `require` conditions.
const assert = require('node:assert/strict');
const { matches, testEventPattern, RuleSet, EventPatternError } = require('evpat');

const pattern = {
  source: ['aws.ec2'],
  detail: { state: [{ 'anything-but': ['running', 'pending'] }] },
};
const stopped = {
  id: '7bf73129-1428-4cd3-a780-95db273d1602',
  account: '123456789012',
  source: 'aws.ec2',
  time: '2015-11-11T21:29:54Z',
  region: 'us-east-1',
  'detail-type': 'EC2 Instance State-change Notification',
  detail: { 'instance-id': 'i-abcd1111', state: 'stopped' },
};

assert.equal(matches(pattern, stopped), true);
assert.equal(testEventPattern(pattern, { ...stopped, detail: { state: 'running' } }), false);
assert.deepEqual(new RuleSet().add('stopped', pattern).add('s3', { source: ['aws.s3'] }).matches(stopped), [
  'stopped',
]);
assert.throws(() => matches({ source: 'aws.ec2' }, stopped), (error) => {
  assert.ok(error instanceof EventPatternError);
  assert.equal(error.message, 'Event pattern is not valid. Reason: "source" must be an object or an array');
  return true;
});
assert.equal(require.resolve('evpat').endsWith('node_modules/evpat/node/index.cjs'), true);
console.log('commonjs: ok');
