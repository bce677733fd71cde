// `evpat/vitest`: `expect(event).toMatchPattern(pattern)` for Vitest.
// Listed in `setupFiles` (or imported by a test file), it extends Vitest's
// `expect`. It loads the Node build, which Vitest runs as it is: no plugin
// is needed for the .wasm.
import { expect } from 'vitest';
import * as evpat from './node/index.mjs';
import { createMatchers } from './matchers.mjs';

const matchers = createMatchers(evpat);
expect.extend(matchers);

export const { toMatchPattern } = matchers;
