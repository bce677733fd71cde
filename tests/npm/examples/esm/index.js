// An ES module user of evpat: `import … from 'evpat'` resolves to the Node
// build through the `exports` map's `node` and `import` conditions, with no
// flag and no loader for the .wasm.
import assert from 'node:assert/strict';
import { check, explain, exportRule, nextRuns, EventPatternError } from 'evpat';

const pattern = '{"detail": {"size": [{"numeric": [">", 1.50]}]}}';

assert.deepEqual(check(pattern), { valid: true, error: null, lints: [] });
assert.equal(explain(pattern, { detail: { size: 2 } }).matched, true);
// JSON text keeps the number as written, in every export format.
assert.match(exportRule({ Name: 'big-orders', EventPattern: pattern }, 'terraform').text, /1\.50/);
assert.deepEqual(
  nextRuns('rate(1 hour)', { from: '2024-01-01T00:00:00Z', count: 2 }).map((run) => run.toISOString()),
  ['2024-01-01T01:00:00.000Z', '2024-01-01T02:00:00.000Z'],
);
assert.throws(() => nextRuns('cron(0 9 * * * *)'), EventPatternError);
assert.equal(import.meta.resolve('evpat').endsWith('node_modules/evpat/node/index.mjs'), true);
console.log('esm: ok');
