// `toMatchPattern` for Jest and Vitest, over the package's functions.
//
// `cargo xtask npm` ships this file as ESM and as CommonJS, as it does
// api.mjs: it imports nothing and exports in its last line.

/**
 * The matchers, for `expect.extend`: `expect(event).toMatchPattern(pattern)`.
 * A failure shows the explanation tree, with ✗ at every check that missed.
 */
function createMatchers(evpat) {
  return {
    toMatchPattern(received, pattern) {
      // An invalid pattern or event is a broken test, not a verdict: the
      // EventPatternError is thrown, with `.not` as without.
      const explanation = evpat.explain(pattern, received);
      const tree = explanation.text.trimEnd();
      return {
        pass: explanation.matched,
        message: explanation.matched
          ? () => `expected the event not to match the pattern, but it matches:\n\n${tree}`
          : () => `expected the event to match the pattern, but it does not:\n\n${tree}`,
      };
    },
  };
}

export { createMatchers };
