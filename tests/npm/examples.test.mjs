// The three example projects of tests/npm/examples, each a scratch copy
// with the tarball installed by npm, as a user's project would have it: a
// CommonJS `require`, an ES module `import`, and a Vitest project with no
// plugins whose tests use `toMatchPattern`, a failing case included, and
// test a synthesized CDK rule (the README's example).
//
// Run: cargo xtask npm && cd tests && node --test npm/examples.test.mjs

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { install, testsDir } from './package.mjs';

function run(dir, args) {
  return execFileSync(process.execPath, args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
}

test('CommonJS: require("evpat")', () => {
  assert.equal(run(install('examples/cjs'), ['index.cjs']), 'commonjs: ok\n');
});

test('ES modules: import … from "evpat"', () => {
  assert.equal(run(install('examples/esm'), ['index.js']), 'esm: ok\n');
});

test('Vitest, no plugins: toMatchPattern passes, fails with the explanation, works asymmetrically, and tests a CDK rule', () => {
  const dir = install('examples/vitest');
  const vitest = join(testsDir, 'node_modules', 'vitest', 'vitest.mjs');
  run(dir, [vitest, 'run', '--reporter=json', '--outputFile=results.json']);
  const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
  const outcomes = results.testResults.flatMap((file) =>
    file.assertionResults.map((result) => [result.title, result.status]),
  );
  assert.deepEqual(outcomes.sort(), [
    ['BigOrders sees big orders, and only those', 'passed'],
    ['a miss says which check failed', 'passed'],
    ['an invalid pattern fails the test, with .not as without', 'passed'],
    ['an unexpected match says so', 'passed'],
    ['matches instances that stop or terminate', 'passed'],
    ['misses running instances', 'passed'],
    ['works as an asymmetric matcher', 'passed'],
  ]);
});
