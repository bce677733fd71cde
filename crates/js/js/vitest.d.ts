// `evpat/vitest`: the matcher's types for Vitest.
import type { PatternInput } from './index.js';

declare module 'vitest' {
  // Vitest declares `Matchers<T = any>`; a merged declaration must repeat
  // its type parameters exactly.
  interface Matchers<T = any> {
    /**
     * Whether the event matches `pattern`, as EventBridge matches it; a
     * failure shows why, check by check.
     */
    toMatchPattern(pattern: PatternInput): void;
  }
}

/** A matcher's result, as `expect.extend` takes it. */
export interface MatcherResult {
  pass: boolean;
  message: () => string;
}

/** The matcher, as registered with `expect.extend`. */
export declare function toMatchPattern(received: unknown, pattern: PatternInput): MatcherResult;
