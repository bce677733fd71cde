// Next fire times of AWS cron expressions: evpat against aws-cron-parser, an independent
// implementation (npm, beemhq/aws-cron-parser).
//
// EVPAT_BIN names the evpat binary. `evpat schedule 'cron(...)' --next 10 --from INSTANT`
// prints the description on its first line, then one RFC 3339 UTC instant per line.
//
// aws-cron-parser's `next(parsed, from)` returns the first fire time strictly after `from`
// (it starts from the minute after `from`, rounded down) and null once the schedule ends, so
// each call starts from the previous answer.
//
// Left out, because aws-cron-parser disagrees with AWS's documented semantics there:
// - a plain day of month that some months lack (`0 0 31 * ? *`, `0 12 29 FEB ? *`): it does not
//   check that the day exists, so April 31 becomes May 1 and February 29 of a common year
//   becomes March 1;
// - `L` alone in Day-of-week (Saturday, the last day of the week): it throws ("iter > 10");
// - `nW` for a day the month lacks (`30W` in February): it picks a nearby day that exists,
//   where evpat (and Quartz's reading of `W` as bound to the given day) skips the month.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { test } from 'node:test';

import awsCronParser from 'aws-cron-parser';

// aws-cron-parser finds weekdays and month lengths through local-time Dates; in UTC, the
// local calendar is the UTC one.
process.env.TZ = 'UTC';

const FROM = '2024-01-01T00:00:00Z';
const COUNT = 10;

/** The six fields of each expression, and what it covers. */
const EXPRESSIONS = [
  // AWS's documented examples.
  ['0 10 * * ? *', 'every day'],
  ['15 12 * * ? *', 'every day'],
  ['0 18 ? * MON-FRI *', 'weekday range by name'],
  ['0 8 1 * ? *', 'first of the month'],
  ['0/15 * * * ? *', 'minute step'],
  ['0/10 * ? * MON-FRI *', 'minute step on weekdays'],
  ['0/5 8-17 ? * MON-FRI *', 'minute step in an hour range'],
  ['0 9 ? * 2#1 *', '# by number'],
  ['0 2 ? * SAT#3 *', '# by name'],
  ['* * ? * SAT#3 *', 'every minute of one day'],
  ['15 10 ? * 6L 2019-2026', 'nL with a year range that ends'],
  ['15 10 ? * 6L 2002-2005', 'a year range in the past: no fire times'],
  ['0/5 5 ? JAN 1-5 2024', 'one month of one year'],
  // L, W, #.
  ['0 0 L * ? *', 'last day of each month'],
  ['45 23 L 2 ? *', 'last day of February, leap years included'],
  ['30 6 15W * ? *', 'nearest weekday to the 15th'],
  ['0 0 1W * ? *', '1W never goes back into the previous month'],
  ['0 9 28W * ? *', '28W on a Sunday the 28th of February goes back to Friday'],
  ['0 0 ? * 1L *', 'last Sunday'],
  ['0 0 ? * 2#5 *', 'fifth Monday, missing in most months'],
  ['0 0 ? * 7#5 *', 'fifth Saturday'],
  ['0 17 ? * TUE#2 2025', '# in one year'],
  ['0 0 ? 2 5L 2024-2030', 'last Thursday of February'],
  // Lists, ranges, steps, names.
  ['5,35 */2 * * ? *', 'minute list, hour step from *'],
  ['10-20/5 3 * * ? *', 'stepped minute range'],
  ['0 0-6/2 ? * SUN *', 'stepped hour range on Sundays'],
  ['0 8-10 ? * 2-6 *', 'hour range, weekday range by number'],
  ['0 12 ? JAN,JUL MON *', 'month list by name'],
  ['0 12 ? jan-mar mon,wed,fri *', 'lower-case names'],
  ['0 0 ? * WED-FRI *', 'weekday range'],
  ['0 0 ? DEC 1-7 *', 'all weekdays of one month'],
  ['0 0 2/10 * ? *', 'day-of-month step'],
  ['0 0 1 1/3 ? *', 'month step'],
  ['0 0 1,15 * ? 2024-2025', 'day-of-month list, year range'],
  ['0 0 15 * ? 2024', 'one year'],
  ['0 0 1 JAN ? 2024/2', 'year step'],
  ['59 23 31 DEC ? *', 'the last minute of each year'],
  // Leap years.
  ['0 12 L FEB ? *', 'February 29 in leap years, 28 otherwise'],
  ['0 12 29 FEB ? 2024/4', 'February 29 every four years'],
];

let compared = 0;

function evpatRuns(expression) {
  const bin = process.env.EVPAT_BIN;
  if (!bin) {
    throw new Error(
      'EVPAT_BIN is not set: point it at the evpat binary (cargo build -p evpat-cli; ' +
        'EVPAT_BIN=target/debug/evpat)',
    );
  }
  if (!existsSync(bin)) {
    throw new Error(`EVPAT_BIN is ${bin}, which does not exist: build it with cargo build -p evpat-cli`);
  }
  const args = ['schedule', expression, '--next', String(COUNT), '--from', FROM];
  const out = execFileSync(bin, args, { encoding: 'utf8' });
  const [description, ...times] = out.trimEnd().split('\n');
  assert.ok(description?.trim(), `evpat ${args.join(' ')} printed no description`);
  for (const time of times) {
    assert.match(time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/, `evpat ${args.join(' ')}`);
  }
  return times;
}

function awsCronParserRuns(fields) {
  const parsed = awsCronParser.parse(fields);
  const runs = [];
  let from = new Date(FROM);
  while (runs.length < COUNT) {
    const next = awsCronParser.next(parsed, from);
    if (!next) break;
    runs.push(next.toISOString().replace('.000Z', 'Z'));
    from = next;
  }
  return runs;
}

for (const [fields, covers] of EXPRESSIONS) {
  test(`cron(${fields}): ${covers}`, () => {
    const expected = awsCronParserRuns(fields);
    assert.deepEqual(evpatRuns(`cron(${fields})`), expected);
    compared += 1;
  });
}

test('at least 30 expressions were compared', () => {
  assert.ok(compared >= 30, `only ${compared} of ${EXPRESSIONS.length} expressions agreed`);
});
