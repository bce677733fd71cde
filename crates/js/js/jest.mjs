// `evpat/jest` for Jest's ESM mode: as jest.cjs.
import * as evpat from './node/index.mjs';
import { createMatchers } from './matchers.mjs';

const matchers = createMatchers(evpat);
const { expect } = globalThis;
if (typeof expect === 'function' && typeof expect.extend === 'function') {
  expect.extend(matchers);
}

export const { toMatchPattern } = matchers;
