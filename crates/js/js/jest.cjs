// `evpat/jest`: `expect(event).toMatchPattern(pattern)` for Jest. Listed in
// `setupFilesAfterEnv` (or required by a test file), it extends Jest's
// global `expect`; its exports are the matchers, for `expect.extend` by
// hand (with `@jest/globals`).
'use strict';

const evpat = require('./node/index.cjs');
const { createMatchers } = require('./matchers.cjs');

const matchers = createMatchers(evpat);
if (typeof expect === 'function' && typeof expect.extend === 'function') {
  expect.extend(matchers);
}

module.exports = matchers;
