// A benchmark, not a test: the time per call of the npm package's `matches`
// on a small event (an EC2 state change, 9 fields), in Node. Speed is
// measured here and never asserted.
//
// Run: cargo xtask npm && node tests/npm/bench.mjs
//
// Each figure is the median of 15 rounds of 20,000 calls, after a warm-up
// that lets V8 compile the WebAssembly with its optimizing tier.

import { createRequire } from 'node:module';
import { join } from 'node:path';

import { packageDir } from './package.mjs';

const evpat = createRequire(import.meta.url)(join(packageDir, 'node', 'index.cjs'));

const pattern = {
  source: ['aws.ec2'],
  'detail-type': ['EC2 Instance State-change Notification'],
  detail: { state: ['stopped', 'terminated'] },
};
const event = {
  version: '0',
  id: '7bf73129-1428-4cd3-a780-95db273d1602',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '123456789012',
  time: '2015-11-11T21:29:54Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111'],
  detail: { 'instance-id': 'i-abcd1111', state: 'stopped' },
};
const patternText = JSON.stringify(pattern);
const eventText = JSON.stringify(event);
const rules = new evpat.RuleSet().add('stopped', pattern);

const CALLS = 20_000;
const ROUNDS = 15;

function measure(name, call) {
  for (let i = 0; i < CALLS; i += 1) call();
  const rounds = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < CALLS; i += 1) call();
    rounds.push(Number(process.hrtime.bigint() - start) / CALLS / 1000);
  }
  rounds.sort((a, b) => a - b);
  const median = rounds[Math.floor(ROUNDS / 2)];
  console.log(`${name.padEnd(52)} ${median.toFixed(2).padStart(7)} µs/call  (best ${rounds[0].toFixed(2)})`);
}

if (!evpat.matches(pattern, event) || rules.matches(eventText).length !== 1) {
  throw new Error('the benchmark event must match');
}
console.log(`${eventText.length}-byte event, ${patternText.length}-character pattern, Node ${process.version}`);
measure('matches(pattern, event), objects', () => evpat.matches(pattern, event));
measure('matches(patternText, eventText), JSON text', () => evpat.matches(patternText, eventText));
measure('testEventPattern(patternText, eventText)', () => evpat.testEventPattern(patternText, eventText));
measure('new RuleSet().add(…).matches(eventText), matching only', () => rules.matches(eventText));
