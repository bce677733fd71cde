// Every conformance case (tests/conformance: AWS's 186 recorded cases and
// our own by topic) through the installed npm package's
// `testEventPattern`, as crates/evpat/tests/conformance.rs runs them
// through the Rust function. Patterns and events go in as their exact text
// in the case files, so number lexemes and duplicate keys reach evpat as
// AWS saw them.
//
// Run: cargo xtask npm && cd tests && node --test npm/conformance.test.mjs

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';

import { install, requireFrom, testsDir } from './package.mjs';

const conformanceDir = join(testsDir, 'conformance');
const files = [
  'aws-validated.json',
  ...readdirSync(join(conformanceDir, 'cases'))
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join('cases', name)),
];

let evpat;
before(() => {
  evpat = requireFrom(install(null, 'conformance'))('evpat');
});

/**
 * The exact text of each member's value in each object of the JSON array
 * `text`: JSON.parse would turn `1.50` into 1.5 and keep only the last of
 * two equal keys.
 */
function rawMembers(text) {
  let at = 0;
  const space = () => {
    while (/\s/.test(text[at])) at += 1;
  };
  const expect = (char) => {
    space();
    assert.equal(text[at], char, `expected ${char} at ${at}`);
    at += 1;
  };
  // Skips one value and returns its text.
  const value = () => {
    space();
    const start = at;
    if (text[at] === '"') {
      at += 1;
      while (text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
      at += 1;
    } else if (text[at] === '{' || text[at] === '[') {
      const close = text[at] === '{' ? '}' : ']';
      at += 1;
      space();
      while (text[at] !== close) {
        if (close === '}') {
          value();
          expect(':');
        }
        value();
        space();
        if (text[at] === ',') at += 1;
        space();
      }
      at += 1;
    } else {
      while (at < text.length && !/[\s,\]}]/.test(text[at])) at += 1;
    }
    return text.slice(start, at);
  };
  const objects = [];
  expect('[');
  space();
  while (text[at] !== ']') {
    const members = new Map();
    expect('{');
    space();
    while (text[at] !== '}') {
      const key = JSON.parse(value());
      expect(':');
      members.set(key, value());
      space();
      if (text[at] === ',') at += 1;
      space();
    }
    at += 1;
    objects.push(members);
    space();
    if (text[at] === ',') at += 1;
    space();
  }
  return objects;
}

/** The cases of one file, with the text of their patterns and events. */
function readCases(file) {
  const text = readFileSync(join(conformanceDir, file), 'utf8');
  const raw = rawMembers(text);
  return JSON.parse(text).map((fields, i) => ({
    ...fields,
    patternText: fields.pattern_text ?? raw[i].get('pattern') ?? '',
    eventText: fields.event_text ?? raw[i].get('event') ?? '',
  }));
}

/** The reason a case expects: ours, or the first line of AWS's after `Reason: `. */
function expectedReason(testCase) {
  if (testCase.reason !== undefined && testCase.reason !== null) {
    return testCase.reason;
  }
  const prefix = 'Event pattern is not valid. Reason: ';
  if (!testCase.error?.startsWith(prefix)) {
    return undefined;
  }
  return testCase.error.slice(prefix.length).split('\n')[0].trimEnd();
}

/** Why a case fails, or null when it passes. */
function failure(testCase) {
  let verdict;
  try {
    verdict = evpat.testEventPattern(testCase.patternText, testCase.eventText);
  } catch (error) {
    if (!(error instanceof evpat.EventPatternError)) {
      return `threw ${error}`;
    }
    if (testCase.expected !== 'invalid') {
      return `expected ${testCase.expected}, got ${error.message} ${error.reason}`;
    }
    const subject = testCase.invalid_input === 'event' ? 'event' : 'pattern';
    if (error.subject !== subject) {
      return `expected an error in the ${subject}, got one in the ${error.subject}: ${error.reason}`;
    }
    if (testCase.error_kind && error.kind !== testCase.error_kind) {
      return `expected kind ${testCase.error_kind}, got ${error.kind}`;
    }
    if (subject === 'event') {
      return error.message === 'Parameter Event is not valid.' ? null : `event error ${error.message}`;
    }
    const reason = expectedReason(testCase);
    if (reason === undefined) {
      return 'the case gives no reason to compare';
    }
    if (error.reason !== reason) {
      return `expected reason ${JSON.stringify(reason)}, got ${JSON.stringify(error.reason)}`;
    }
    const message = `Event pattern is not valid. Reason: ${reason}`;
    return error.message === message ? null : `message ${JSON.stringify(error.message)}`;
  }
  const shown = verdict ? 'match' : 'no-match';
  return shown === testCase.expected ? null : `expected ${testCase.expected}, got ${shown}`;
}

test("AWS's 186 recorded cases are all there: 81 match, 60 no-match, 45 invalid", () => {
  const cases = readCases('aws-validated.json');
  const count = (expected) => cases.filter((c) => c.expected === expected).length;
  assert.deepEqual([cases.length, count('match'), count('no-match'), count('invalid')], [186, 81, 60, 45]);
});

for (const file of files) {
  test(`every case of ${file} through the package's testEventPattern`, (t) => {
    const cases = readCases(file);
    assert.ok(cases.length > 0);
    const failures = cases
      .map((testCase) => [testCase.name, failure(testCase)])
      .filter(([, why]) => why !== null)
      .map(([name, why]) => `${name}: ${why}`);
    t.diagnostic(`${cases.length} cases`);
    assert.deepEqual(failures, []);
  });
}
