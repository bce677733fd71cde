// The YAML exports, read by the `yaml` package (npm), an independent YAML implementation, in
// YAML 1.1 (what CloudFormation, PyYAML and js-yaml read) and in YAML 1.2.
//
// Every YAML golden in crates/rule/tests/golden/export/<rule>/ (cloudformation-yaml, sam,
// serverless, scheduler-cloudformation, sam-schedule-v2) must read without errors or warnings
// in both versions, with CloudFormation's short-form intrinsic functions (`!GetAtt`, `!Ref`,
// `!Sub`) as custom tags, and must hold the rule of crates/rule/tests/rules/<rule>.json: its
// event pattern equal to `JSON.parse` of the rule's (so a `yes`, `~` or `*` left unquoted, or a
// `1e6` that YAML 1.1 reads as a string, fails here), its name, description, schedule, time
// zone and state.
//
// Run: cd tests && node --test export/yaml.test.mjs

import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';

import YAML from 'yaml';

const crate = new URL('../../crates/rule/tests/', import.meta.url);
const goldens = new URL('golden/export/', crate);
const rules = new URL('rules/', crate);

// CloudFormation's short forms, as the long forms they stand for.
const intrinsic = (tag, name, split) => [
  { tag, resolve: (text) => ({ [name]: split ? text.split(/\.(.*)/s, 2) : text }) },
  { tag, collection: 'seq', resolve: (seq) => ({ [name]: seq.toJSON() }) },
];
const customTags = [
  ...intrinsic('!GetAtt', 'Fn::GetAtt', true),
  ...intrinsic('!Ref', 'Ref', false),
  ...intrinsic('!Sub', 'Fn::Sub', false),
];

/** Reads `text` in YAML `version`, refusing any error or warning. */
function read(text, version, where) {
  const doc = YAML.parseDocument(text, { version, customTags, uniqueKeys: true });
  assert.deepEqual(doc.errors, [], `${where}: errors`);
  assert.deepEqual(doc.warnings, [], `${where}: warnings`);
  return doc.toJS({ maxAliasCount: 0 });
}

/** The only value of `object` whose `Type` is `type`. */
function resource(resources, type) {
  const found = Object.values(resources).filter((r) => r.Type === type);
  assert.equal(found.length, 1, `one ${type}`);
  return found[0];
}

/** The only entry of an object. */
function only(object) {
  const values = Object.values(object);
  assert.equal(values.length, 1);
  return values[0];
}

/**
 * What a format's document says of the rule: `{ pattern, name, description, schedule,
 * timezone, state }`, each undefined where the format or the document does not say it.
 */
const readers = {
  'cloudformation-yaml': (doc) => {
    const p = resource(doc.Resources, 'AWS::Events::Rule').Properties;
    return {
      pattern: p.EventPattern,
      name: p.Name,
      description: p.Description,
      schedule: p.ScheduleExpression,
      state: p.State,
      targets: p.Targets?.map((t) => [t.Id, t.Arn]),
    };
  },
  sam: (doc) => {
    assert.equal(doc.Transform, 'AWS::Serverless-2016-10-31');
    const f = resource(doc.Resources, 'AWS::Serverless::Function').Properties;
    const event = only(f.Events);
    const p = event.Properties;
    if (event.Type === 'EventBridgeRule') {
      return { pattern: p.Pattern, name: p.RuleName, state: p.State };
    }
    assert.equal(event.Type, 'Schedule');
    return { name: p.Name, description: p.Description, schedule: p.Schedule, state: p.State };
  },
  serverless: (doc) => {
    const f = only(doc.functions);
    assert.equal(f.events.length, 1);
    const e = f.events[0].eventBridge;
    return {
      pattern: e.pattern,
      name: e.name,
      description: e.description,
      schedule: e.schedule,
      enabled: e.enabled,
    };
  },
  'scheduler-cloudformation': (doc) => {
    const p = resource(doc.Resources, 'AWS::Scheduler::Schedule').Properties;
    assert.deepEqual(p.FlexibleTimeWindow, { Mode: 'OFF' });
    return {
      name: p.Name,
      description: p.Description,
      schedule: p.ScheduleExpression,
      timezone: p.ScheduleExpressionTimezone,
      scheduleState: p.State,
      targetArn: p.Target.Arn,
    };
  },
  'sam-schedule-v2': (doc) => {
    const f = resource(doc.Resources, 'AWS::Serverless::Function').Properties;
    const event = only(f.Events);
    assert.equal(event.Type, 'ScheduleV2');
    const p = event.Properties;
    assert.deepEqual(p.FlexibleTimeWindow, { Mode: 'OFF' });
    return {
      name: p.Name,
      description: p.Description,
      schedule: p.ScheduleExpression,
      timezone: p.ScheduleExpressionTimezone,
      scheduleState: p.State,
    };
  },
};

/** What the rule file says, in the terms of `readers`, for `format`. */
function expected(rule, format) {
  const pattern =
    typeof rule.EventPattern === 'string' ? JSON.parse(rule.EventPattern) : rule.EventPattern;
  const state = rule.State ?? 'ENABLED';
  const all = {
    pattern,
    name: rule.Name,
    description: rule.Description,
    schedule: rule.ScheduleExpression,
    timezone: rule.ScheduleExpressionTimezone,
    state,
    enabled: state !== 'DISABLED',
    scheduleState: state === 'DISABLED' ? 'DISABLED' : 'ENABLED',
    targets: rule.Targets?.map((t) => [t.Id, t.Arn]),
    targetArn: rule.Targets?.[0]?.Arn,
  };
  switch (format) {
    case 'sam':
      // EventBridgeRule has no Description; a Schedule event no pattern.
      return pattern
        ? { pattern, name: all.name, state }
        : { name: all.name, description: all.description, schedule: all.schedule, state };
    case 'serverless': {
      const { pattern: p, name, description, schedule, enabled } = all;
      return { pattern: p, name, description, schedule, enabled };
    }
    case 'cloudformation-yaml': {
      const { pattern: p, name, description, schedule, state: s, targets } = all;
      return { pattern: p, name, description, schedule, state: s, targets };
    }
    case 'scheduler-cloudformation': {
      const { name, description, schedule, timezone, scheduleState, targetArn } = all;
      return { name, description, schedule, timezone, scheduleState, targetArn };
    }
    default: {
      const { name, description, schedule, timezone, scheduleState } = all;
      return { name, description, schedule, timezone, scheduleState };
    }
  }
}

const files = [];
for (const stem of readdirSync(goldens).sort()) {
  for (const file of readdirSync(new URL(`${stem}/`, goldens)).sort()) {
    const match = /^(.*)\.(yaml|yml)$/.exec(file);
    if (match) files.push({ stem, file, format: match[1] });
  }
}

test('there are YAML goldens for every YAML format', () => {
  const formats = new Set(files.map((f) => f.format));
  assert.deepEqual([...formats].sort(), Object.keys(readers).sort());
  assert.ok(files.length >= 20, `${files.length} YAML goldens`);
});

for (const { stem, file, format } of files) {
  for (const version of ['1.1', '1.2']) {
    test(`${stem}/${file} in YAML ${version}`, () => {
      const text = readFileSync(new URL(`${stem}/${file}`, goldens), 'utf8');
      const rule = JSON.parse(readFileSync(new URL(`${stem}.json`, rules), 'utf8'));
      const doc = read(text, version, `${stem}/${file}`);
      const reader = readers[format];
      assert.ok(reader, `a reader for ${format}`);
      assert.deepEqual(reader(doc), expected(rule, format));
    });
  }
}

test('the two YAML versions disagree where the exports had to quote', () => {
  // The reason for the quoting: without it, YAML 1.1 reads other values.
  const plain = 'a: yes\nb: OFF\nc: 1e6\nd: 2026-12-24\ne: 12:30\nf: ~\n';
  assert.deepEqual(read(plain, '1.2', 'plain'), {
    a: 'yes', b: 'OFF', c: 1e6, d: '2026-12-24', e: '12:30', f: null,
  });
  const v11 = read(plain, '1.1', 'plain');
  assert.equal(v11.a, true);
  assert.equal(v11.b, false);
  assert.equal(v11.e, 750);
  assert.ok(v11.d instanceof Date);
  const quoted = "a: 'yes'\nb: 'OFF'\nc: !!float 1e6\nd: '2026-12-24'\ne: '12:30'\nf: '~'\n";
  for (const version of ['1.1', '1.2']) {
    assert.deepEqual(read(quoted, version, 'quoted'), {
      a: 'yes', b: 'OFF', c: 1e6, d: '2026-12-24', e: '12:30', f: '~',
    });
  }
});
