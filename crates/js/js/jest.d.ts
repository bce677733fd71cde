// `evpat/jest`: the matcher's types, for `@types/jest` (the `jest`
// namespace) and for `@jest/globals` (the `expect` package).
import type { PatternInput } from './index.js';

declare global {
  namespace jest {
    interface Matchers<R, T = {}> {
      /**
       * Whether the event matches `pattern`, as EventBridge matches it; a
       * failure shows why, check by check.
       */
      toMatchPattern(pattern: PatternInput): R;
    }
  }
}

declare module 'expect' {
  interface Matchers<R extends void | Promise<void>, T = unknown> {
    /**
     * Whether the event matches `pattern`, as EventBridge matches it; a
     * failure shows why, check by check.
     */
    toMatchPattern(pattern: PatternInput): R;
  }
}

/** A matcher's result, as `expect.extend` takes it. */
export interface MatcherResult {
  pass: boolean;
  message: () => string;
}

/** The matcher, for `expect.extend`. */
export declare function toMatchPattern(received: unknown, pattern: PatternInput): MatcherResult;
