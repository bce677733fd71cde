// The declarations of `require('evpat')` (index.d.cts) are the same API.
import evpat = require('evpat');
import { expectTypeOf } from 'expect-type';

expectTypeOf(evpat.matches).not.toBeAny();
expectTypeOf(evpat.matches).returns.toEqualTypeOf<boolean>();
expectTypeOf(new evpat.RuleSet().add('a', { a: [1] }).matches({ a: 1 })).toEqualTypeOf<string[]>();
expectTypeOf(evpat.EventPatternError).toBeConstructibleWith({
  subject: 'pattern',
  kind: 'LeafNotArray',
  message: 'Event pattern is not valid. Reason: "a" must be an object or an array',
  reason: '"a" must be an object or an array',
  path: '$.a',
  line: 1,
  column: 6,
  hint: null,
});
// @ts-expect-error a bare value
evpat.matches({ source: 'aws.ec2' }, {});
