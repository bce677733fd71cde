// `import 'evpat'` in Node: the CommonJS build's exports, so that `require`
// and `import` in one process share one instance and one EventPatternError
// class (and `instanceof` works across them).
import evpat from './index.cjs';

export const {
  matches,
  testEventPattern,
  check,
  explain,
  RuleSet,
  exportRule,
  nextRuns,
  envelope,
  transform,
  EventPatternError,
} = evpat;
