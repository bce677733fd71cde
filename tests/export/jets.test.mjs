// The `jets` exports, run in Ruby: every golden crates/rule/tests/golden/export/<rule>/jets.rb is
// loaded by Debian's `ruby` with a stub of Jets' DSL (jets/jets_stub.rb), which records the rules
// each job declares and converts their keys as Jets does (the cfn_camelizer gem). Each job must
// declare one rule, on its one method, that holds the rule of crates/rule/tests/rules/<rule>.json:
// its EventPattern equal to the rule's pattern after the conversion, its schedule (Jets wraps
// `rate "5 minutes"` in rate()), name, description, state, bus and role.
//
// When EVPAT_BIN names the evpat binary (cargo xtask test sets it), a rule whose keys Jets would
// rewrite is exported with `evpat export --format jets` too: every key the export warns about
// must come out of the stub as the warning says, and every other key unchanged, so that the
// exporter's model of Jets' conversion and the stub's agree.
//
// Run: cd tests && node --test export/jets.test.mjs

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { goldenOrError, rules, scratch } from './exports.mjs';

const jetsDir = fileURLToPath(new URL('jets/', import.meta.url));
const all = rules();
let registry;

/** A rule with keys Jets rewrites (and some it keeps), for the EVPAT_BIN test. */
const REWRITTEN = {
  Name: 'jets-rewrites',
  EventPattern: {
    source: ['aws.autoscaling'],
    my_field: ['top-level underscore'],
    $or: [{ detail: { instance_id: ['i-1'] } }, { detail: { 'x.y_Z': ['kept: has a dot'] } }],
    detail: {
      AutoScalingGroupName: ['g'],
      eventName: ['kept'],
      x_Y: ['z'],
      ÉtatFinal: ['unicode capital'],
      'a-b_c': [{ 'anything-but': { prefix: 'kept' } }],
    },
  },
};

function ruby(args, input) {
  return execFileSync('ruby', args, { encoding: 'utf8', input });
}

before(() => {
  const dir = scratch('export-jets');
  const files = [];
  for (const { stem } of all) {
    const golden = goldenOrError(stem, 'jets', 'rb');
    if (golden.text !== undefined) {
      writeFileSync(`${dir}${stem}.rb`, golden.text);
      files.push(`${dir}${stem}.rb`);
    }
  }
  registry = JSON.parse(ruby([`${jetsDir}run.rb`, ...files]));
});

test('the stub converts keys as cfn_camelizer does', () => {
  // The cases of cfn_camelizer's spec/cfn_camelizer_spec.rb, and those the exporter relies on.
  const script = `
require_relative ${JSON.stringify(`${jetsDir}jets_stub`)}
puts JSON.generate(JetsStub.transform(JSON.parse(STDIN.read)))`;
  const convert = (value) => JSON.parse(ruby(['-e', script], JSON.stringify(value)));
  assert.deepEqual(convert({ foo_bar: 1, variables: { dont_touch: 2 } }), {
    FooBar: 1,
    Variables: { dont_touch: 2 },
  });
  assert.deepEqual(convert({ foo_bar: 1, event_pattern: { dash_me: { camelize_me: 3 } } }), {
    FooBar: 1,
    EventPattern: { 'dash-me': { camelizeMe: 3 } },
  });
  assert.deepEqual(convert({ 'has-dash': 2, 'has/slash': 3, 'has.period': 4, HVM64: 5 }), {
    'has-dash': 2,
    'has/slash': 3,
    'has.period': 4,
    HVM64: 5,
  });
  assert.deepEqual(
    convert({
      event_pattern: {
        detail_type: ['x'],
        $or: [{ detail: { instance_id: [1], AutoScalingGroupName: [2], eventName: [3] } }],
        detail: { state: [{ 'anything-but': 'x', prefix: 'y' }] },
      },
    }),
    {
      EventPattern: {
        'detail-type': ['x'],
        $or: [{ detail: { instanceId: [1], autoScalingGroupName: [2], eventName: [3] } }],
        detail: { state: [{ 'anything-but': 'x', prefix: 'y' }] },
      },
    },
  );
});

test('keys Jets rewrites come out as the export warns', (t) => {
  const bin = process.env.EVPAT_BIN;
  if (!bin || !existsSync(bin)) {
    t.skip('EVPAT_BIN is not set');
    return;
  }
  const dir = scratch('export-jets-rewrites');
  writeFileSync(`${dir}rule.json`, JSON.stringify(REWRITTEN));
  const run = spawnSync(bin, ['export', '--format', 'jets', `${dir}rule.json`], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  writeFileSync(`${dir}job.rb`, run.stdout);
  // The export's warnings, on stderr: `... the key "K" (in $.path) into "C", ...`.
  const quoted = '"((?:[^"\\\\]|\\\\.)*)"';
  const warned = new RegExp(`Jets would turn the key ${quoted} \\(in [^)]*\\) into ${quoted}`, 'g');
  const renames = new Map(
    [...run.stderr.matchAll(warned)].map((m) => [JSON.parse(`"${m[1]}"`), JSON.parse(`"${m[2]}"`)]),
  );
  assert.deepEqual(
    [...renames].sort(),
    [
      ['AutoScalingGroupName', 'autoScalingGroupName'],
      ['instance_id', 'instanceId'],
      ['my_field', 'my-field'],
      ['x_Y', 'xY'],
      ['ÉtatFinal', 'étatFinal'],
    ].sort(),
  );
  const rename = (value) => {
    if (Array.isArray(value)) return value.map(rename);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [renames.get(k) ?? k, rename(v)]));
  };
  const declared = JSON.parse(ruby([`${jetsDir}run.rb`, `${dir}job.rb`]));
  const [[[properties]]] = Object.values(declared).map((methods) => Object.values(methods));
  assert.deepEqual(properties.EventPattern, rename(REWRITTEN.EventPattern));
});

for (const { stem, rule, pattern } of all) {
  test(`jets: ${stem}`, () => {
    const golden = goldenOrError(stem, 'jets', 'rb');
    if (golden.error) {
      assert.match(golden.error, /Scheduler/, 'only Scheduler-only schedules are refused');
      return;
    }
    const job = golden.text.match(/^class (\w+) < ApplicationJob$/m)[1];
    const methods = Object.entries(registry[job]);
    assert.equal(methods.length, 1, 'one method');
    const [method, declared] = methods[0];
    assert.match(golden.text, new RegExp(`^  def ${method}$`, 'm'));
    assert.equal(declared.length, 1, 'one rule');
    const { Targets, ...properties } = declared[0];
    const expected = Object.fromEntries(
      ['Name', 'Description', 'EventBusName', 'ScheduleExpression', 'RoleArn']
        .filter((key) => rule[key] !== undefined)
        .map((key) => [key, rule[key]]),
    );
    expected.State = rule.State ?? 'ENABLED';
    if (pattern !== undefined) expected.EventPattern = pattern;
    assert.deepEqual(properties, expected);
    // Jets' own target: the job's function.
    assert.deepEqual(Targets, [{ Arn: '!GetAtt {namespace}LambdaFunction.Arn', Id: '{namespace}RuleTarget' }]);
  });
}
