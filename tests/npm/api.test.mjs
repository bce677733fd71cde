// The npm package's API, installed from the tarball: every function with
// exact results and exact errors, the `exports` map, the Jest entry point,
// the bundler build, and recovery from a panic.
//
// Run: cargo xtask npm && cd tests && node --test npm/api.test.mjs

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';

import { importFrom, install, requireFrom, rootDir, tarball } from './package.mjs';

let dir;
let evpat;
let require;

before(() => {
  dir = install(null, 'api');
  require = requireFrom(dir);
  evpat = require('evpat');
});

/** What `f` throws, as a plain object of the EventPatternError's fields. */
function thrown(f) {
  try {
    f();
  } catch (error) {
    assert.ok(error instanceof evpat.EventPatternError, `${error}`);
    assert.ok(error instanceof Error);
    const { name, subject, kind, message, reason, path, line, column, hint } = error;
    return { name, subject, kind, message, reason, path, line, column, hint };
  }
  assert.fail('nothing was thrown');
}

/** An argument error's fields. */
function argument(message) {
  return {
    name: 'EventPatternError',
    subject: 'argument',
    kind: null,
    message,
    reason: message,
    path: null,
    line: null,
    column: null,
    hint: null,
  };
}

const stopped = {
  version: '0',
  id: '7bf73129-1428-4cd3-a780-95db273d1602',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '123456789012',
  time: '2015-11-11T21:29:54Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111'],
  detail: { 'instance-id': 'i-abcd1111', state: 'stopped' },
};

describe('the package', () => {
  test('the tarball holds the builds, the entry points and the declarations, and one .wasm', () => {
    const files = execFileSync('tar', ['-tzf', tarball()], { encoding: 'utf8' }).trim().split('\n').sort();
    assert.deepEqual(files, [
      'package/README.md',
      'package/api.cjs',
      'package/api.mjs',
      'package/bundler/evpat_js.js',
      'package/bundler/evpat_js_bg.js',
      'package/bundler/evpat_js_bg.wasm',
      'package/bundler/index.mjs',
      'package/bundler/package.json',
      'package/index.d.cts',
      'package/index.d.mts',
      'package/jest.cjs',
      'package/jest.d.cts',
      'package/jest.d.mts',
      'package/jest.mjs',
      'package/matchers.cjs',
      'package/matchers.mjs',
      'package/node/evpat_js.js',
      'package/node/index.cjs',
      'package/node/index.mjs',
      'package/package.json',
      'package/vitest.d.mts',
      'package/vitest.mjs',
    ]);
  });

  test("package.json: the workspace's version, Node 18 and later, the exports map", () => {
    const manifest = require('evpat/package.json');
    const workspace = readFileSync(join(rootDir, 'Cargo.toml'), 'utf8').match(/^version = "(.*)"$/m)[1];
    assert.equal(manifest.name, 'evpat');
    assert.equal(manifest.version, workspace);
    assert.deepEqual(manifest.engines, { node: '>=18' });
    assert.deepEqual(manifest.exports['.'], {
      types: { import: './index.d.mts', require: './index.d.cts' },
      node: { import: './node/index.mjs', require: './node/index.cjs' },
      import: './bundler/index.mjs',
      default: './bundler/index.mjs',
    });
    assert.deepEqual(Object.keys(manifest.exports), ['.', './jest', './vitest', './package.json']);
  });

  test('Node resolves require to the CommonJS build and import to the ESM one, over one instance', async () => {
    const base = join(dir, 'node_modules', 'evpat');
    assert.equal(require.resolve('evpat'), join(base, 'node', 'index.cjs'));
    assert.equal(require.resolve('evpat/jest'), join(base, 'jest.cjs'));
    assert.throws(() => require.resolve('evpat/vitest'), { code: 'ERR_PACKAGE_PATH_NOT_EXPORTED' });
    const esm = await importFrom(dir, 'evpat');
    assert.deepEqual(Object.keys(esm).sort(), Object.keys(evpat).sort());
    assert.deepEqual(Object.keys(evpat), [
      'matches',
      'testEventPattern',
      'check',
      'explain',
      'RuleSet',
      'exportRule',
      'nextRuns',
      'envelope',
      'transform',
      'EventPatternError',
    ]);
    assert.equal(esm.EventPatternError, evpat.EventPatternError);
    assert.equal(esm.matches, evpat.matches);
  });
});

describe('matches and testEventPattern', () => {
  const pattern = { source: ['aws.ec2'], detail: { state: [{ 'anything-but': ['running', 'pending'] }] } };

  test('any JSON object is an event for matches; testEventPattern needs the envelope', () => {
    assert.equal(evpat.matches(pattern, { source: 'aws.ec2', detail: { state: 'stopped' } }), true);
    assert.equal(evpat.matches(pattern, { source: 'aws.ec2', detail: { state: 'running' } }), false);
    assert.equal(evpat.testEventPattern(pattern, stopped), true);
    assert.deepEqual(
      thrown(() => evpat.testEventPattern(pattern, { source: 'aws.ec2' })),
      {
        name: 'EventPatternError',
        subject: 'event',
        kind: 'EventEnvelope',
        message: 'Parameter Event is not valid.',
        reason: 'the event has no `id`, `account`, `time`, `region`, `detail-type`',
        path: '$',
        line: 1,
        column: 1,
        hint: 'TestEventPattern needs id, account, source, time, region and detail-type',
      },
    );
  });

  test('JSON text keeps what JSON.parse would lose: digits and duplicate keys', () => {
    // As text, the number is not a double, as AWS says; as an object it
    // was rounded by JavaScript before evpat saw it.
    assert.deepEqual(
      thrown(() => evpat.matches('{"n": [{"numeric": ["=", 9007199254740993]}]}', { n: 1 })),
      {
        name: 'EventPatternError',
        subject: 'pattern',
        kind: 'NumberNotComparable',
        message: 'Event pattern is not valid. Reason: Cannot compare number 9007199254740993',
        reason: 'Cannot compare number 9007199254740993',
        path: '$.n[0].numeric[1]',
        line: 1,
        column: 26,
        hint: 'use a number a 64-bit double holds exactly, for example with fewer digits',
      },
    );
    assert.equal(evpat.matches({ n: [{ numeric: ['=', 9007199254740993] }] }, { n: 9007199254740992 }), true);
    // The last of two equal keys counts, as in AWS.
    assert.equal(evpat.matches('{"a": ["x"], "a": ["y"]}', { a: 'y' }), true);
    assert.equal(evpat.matches('{"a": ["x"], "a": ["y"]}', { a: 'x' }), false);
  });

  test("a pattern error has AWS's message and evpat's place", () => {
    assert.deepEqual(thrown(() => evpat.matches('{"detail": {"state": [{"prefix": 5}]}}', stopped)), {
      name: 'EventPatternError',
      subject: 'pattern',
      kind: 'OperandNotString',
      message: 'Event pattern is not valid. Reason: prefix match pattern must be a string',
      reason: 'prefix match pattern must be a string',
      path: '$.detail.state[0].prefix',
      line: 1,
      column: 34,
      hint: 'give a single string; to allow several, use one filter object per string',
    });
  });

  test('an event that is not JSON', () => {
    assert.deepEqual(thrown(() => evpat.matches(pattern, '{"a": 1')), {
      name: 'EventPatternError',
      subject: 'event',
      kind: 'Syntax',
      message: 'Parameter Event is not valid.',
      reason: 'Unexpected end-of-input: expected close marker for OBJECT',
      path: '$',
      line: 1,
      column: 8,
      hint: 'the event must be valid JSON',
    });
  });

  test('arguments that are not JSON are EventPatternErrors too', () => {
    assert.deepEqual(
      thrown(() => evpat.matches(undefined, stopped)),
      argument('the pattern must be an object or JSON text, not undefined'),
    );
    assert.deepEqual(
      thrown(() => evpat.matches(pattern, () => 1)),
      argument('the event must be an object or JSON text, not function'),
    );
    assert.deepEqual(
      thrown(() => evpat.matches(pattern, { n: 1n })),
      argument('the event cannot be written as JSON: Do not know how to serialize a BigInt'),
    );
  });
});

describe('check and explain', () => {
  test('a valid pattern: its lints, placed', () => {
    assert.deepEqual(
      evpat.check({ source: ['aws.ec2'], detail_type: ['x'], detail: { n: [{ prefix: 'a' }, { suffix: 'b' }] } }),
      {
        valid: true,
        error: null,
        lints: [
          {
            code: 'snake-case-key',
            severity: 'info',
            message: '"detail_type" is snake_case; AWS events spell their keys like "detail-type"',
            path: '$.detail_type',
            line: 1,
            column: 23,
            fix: 'write the key exactly as in the event, probably "detail-type"',
          },
          {
            code: 'prefix-or-suffix',
            severity: 'warning',
            message: 'prefix and suffix in one list match either one, not both',
            path: '$.detail.n[0]',
            line: 1,
            column: 58,
            fix: 'to require both, use {"wildcard": "a*b"}',
          },
        ],
      },
    );
  });

  test("an invalid pattern, within AWS's limits: never thrown", () => {
    assert.deepEqual(evpat.check({ source: 'aws.ec2' }), {
      valid: false,
      error: {
        subject: 'pattern',
        kind: 'LeafNotArray',
        message: 'Event pattern is not valid. Reason: "source" must be an object or an array',
        reason: '"source" must be an object or an array',
        path: '$.source',
        line: 1,
        column: 11,
        hint: 'put the value in an array: ["aws.ec2"]',
      },
      lints: [],
    });
    const long = { a: ['x'.repeat(5000)] };
    assert.equal(evpat.check(long).error.reason, 'Event pattern is too long: 5010 characters, more than the 4096 allowed');
    // matches takes the library's roomier limits.
    assert.equal(evpat.matches(long, { a: 'x' }), false);
  });

  test('explain: the tree as objects, and as evpat explain prints it', () => {
    const explanation = evpat.explain(
      { source: ['aws.ec2'], detail: { state: [{ 'anything-but': 'running' }] } },
      { source: 'aws.ec2', detail: { state: 'running' } },
    );
    assert.equal(
      explanation.text,
      [
        '✗ the event does not match: 1 of 2 fields fail',
        '├─ ✓ source: expected "aws.ec2": "aws.ec2" matches',
        '└─ ✗ detail: its field fails',
        '   └─ ✗ detail.state: expected anything but "running", got "running"',
        '           at $.detail.state',
        '',
      ].join('\n'),
    );
    const condition = (text, matched, reason, path, values) => ({
      subject: { type: 'condition', condition: text },
      label: text,
      outcome: matched ? 'matched' : 'failed',
      matched,
      path,
      keys: path.startsWith('$.source') ? ['source'] : ['detail', 'state'],
      reason,
      values,
      hints: [],
      children: [],
    });
    const source = [{ path: '$.source', text: '"aws.ec2"', matched: true }];
    const state = [{ path: '$.detail.state', text: '"running"', matched: false }];
    const stateReason = 'expected anything but "running", got "running"';
    assert.deepEqual(explanation.matched, false);
    assert.deepEqual(explanation.root, {
      subject: { type: 'pattern' },
      label: '',
      outcome: 'failed',
      matched: false,
      path: '$',
      keys: [],
      reason: 'the event does not match: 1 of 2 fields fail',
      values: [],
      hints: [],
      children: [
        {
          subject: { type: 'field', key: 'source' },
          label: 'source',
          outcome: 'matched',
          matched: true,
          path: '$.source',
          keys: ['source'],
          reason: 'expected "aws.ec2": "aws.ec2" matches',
          values: source,
          hints: [],
          children: [condition('"aws.ec2"', true, 'expected "aws.ec2": "aws.ec2" matches', '$.source[0]', source)],
        },
        {
          subject: { type: 'field', key: 'detail' },
          label: 'detail',
          outcome: 'failed',
          matched: false,
          path: '$.detail',
          keys: ['detail'],
          reason: 'its field fails',
          values: [],
          hints: [],
          children: [
            {
              subject: { type: 'field', key: 'state' },
              label: 'detail.state',
              outcome: 'failed',
              matched: false,
              path: '$.detail.state',
              keys: ['detail', 'state'],
              reason: stateReason,
              values: state,
              hints: [],
              children: [condition('{"anything-but":"running"}', false, stateReason, '$.detail.state[0]', state)],
            },
          ],
        },
      ],
    });
  });
});

describe('RuleSet', () => {
  test('ids in the order added; a replaced rule keeps its place', () => {
    const rules = new evpat.RuleSet();
    assert.equal(rules.add('ec2', { source: ['aws.ec2'] }), rules);
    rules.add('stopped', { detail: { state: ['stopped'] } }).add('big', '{"detail": {"size": [{"numeric": [">", 100]}]}}');
    assert.equal(rules.size, 3);
    assert.deepEqual(rules.ids(), ['ec2', 'stopped', 'big']);
    assert.deepEqual(rules.matches(stopped), ['ec2', 'stopped']);
    rules.add('ec2', { source: ['aws.s3'] });
    assert.deepEqual(rules.ids(), ['ec2', 'stopped', 'big']);
    assert.deepEqual(rules.matches(stopped), ['stopped']);
    assert.equal(rules.remove('stopped'), true);
    assert.equal(rules.remove('stopped'), false);
    assert.deepEqual(rules.matches(stopped), []);
    assert.deepEqual(rules.matches('{"source": "aws.s3", "detail": {"size": 101}}'), ['ec2', 'big']);
  });

  test('an invalid pattern is refused and leaves the set as it was; an invalid event throws', () => {
    const rules = new evpat.RuleSet().add('ec2', { source: ['aws.ec2'] });
    assert.equal(thrown(() => rules.add('bad', { source: 'aws.ec2' })).kind, 'LeafNotArray');
    assert.deepEqual(rules.ids(), ['ec2']);
    assert.deepEqual(thrown(() => rules.matches('[1]')), {
      name: 'EventPatternError',
      subject: 'event',
      kind: 'EventNotObject',
      message: 'Parameter Event is not valid.',
      reason: 'the event is a JSON array, not an object',
      path: '$',
      line: 1,
      column: 1,
      hint: 'an event is a JSON object, such as {"source": "aws.ec2", …}',
    });
    assert.deepEqual(thrown(() => rules.add(7, { a: [1] })), argument('the rule id must be a string, not number'));
  });
});

describe('exportRule', () => {
  test('api-json, with the number as written', () => {
    assert.deepEqual(
      evpat.exportRule({ Name: 'big-orders', EventPattern: '{"detail": {"n": [{"numeric": [">", 1.50]}]}}' }, 'api-json'),
      {
        text: [
          '{',
          '  "PutRule": {',
          '    "Name": "big-orders",',
          '    "EventPattern": "{\\"detail\\":{\\"n\\":[{\\"numeric\\":[\\">\\",1.50]}]}}",',
          '    "State": "ENABLED"',
          '  }',
          '}',
          '',
        ].join('\n'),
        warnings: [],
      },
    );
  });

  test("a rule PutRule refuses, placed; a format that isn't one", () => {
    assert.deepEqual(thrown(() => evpat.exportRule('{"Name": "r", "Schedule": "rate(5 minutes)"}', 'cli')), {
      name: 'EventPatternError',
      subject: 'rule',
      kind: null,
      message: 'Unknown field Schedule',
      reason: 'Unknown field Schedule',
      path: '$.Schedule',
      line: 1,
      column: 15,
      hint: 'expected one of: Name, Description, EventBusName, State, EventPattern, ScheduleExpression, ScheduleExpressionTimezone, RoleArn, Targets',
    });
    assert.deepEqual(
      thrown(() => evpat.exportRule({ Name: 'r', EventPattern: { a: [1] } }, 'yaml')),
      argument(
        'unknown export format "yaml": use one of api-json, cli, sdk-js, cloudformation-json, ' +
          'cloudformation-yaml, sam, serverless, terraform, cdk-ts, jets, scheduler-cloudformation, ' +
          'scheduler-terraform, sam-schedule-v2',
      ),
    );
  });
});

describe('nextRuns', () => {
  const iso = (runs) => runs.map((run) => run.toISOString());

  test('cron in a time zone, across the change to summer time', () => {
    const runs = evpat.nextRuns('cron(0 9 ? * MON-FRI *)', {
      from: '2024-03-29T00:00:00Z',
      count: 3,
      tz: 'Europe/Paris',
    });
    assert.deepEqual(iso(runs), ['2024-03-29T08:00:00.000Z', '2024-04-01T07:00:00.000Z', '2024-04-02T07:00:00.000Z']);
  });

  test('rate from a Date; ten runs by default; at() for EventBridge Scheduler', () => {
    const runs = evpat.nextRuns('rate(5 minutes)', { from: new Date('2024-01-01T00:00:00Z') });
    assert.equal(runs.length, 10);
    assert.deepEqual(iso(runs.slice(0, 2)), ['2024-01-01T00:05:00.000Z', '2024-01-01T00:10:00.000Z']);
    assert.deepEqual(
      iso(evpat.nextRuns('at(2025-01-01T10:00:00)', { from: '2024-01-01T00:00:00Z', service: 'scheduler' })),
      ['2025-01-01T10:00:00.000Z'],
    );
  });

  test("AWS's message, and the exact reason", () => {
    assert.deepEqual(thrown(() => evpat.nextRuns('rate(1 minutes)')), {
      name: 'EventPatternError',
      subject: 'schedule',
      kind: null,
      message: 'Parameter ScheduleExpression is not valid.',
      reason: 'rate(1 …) takes the singular unit: `minute`, not `minutes`',
      path: null,
      line: null,
      column: null,
      hint: null,
    });
    assert.equal(
      thrown(() => evpat.nextRuns('at(2025-01-01T10:00:00)')).reason,
      'at() is only for EventBridge Scheduler; a rule takes rate() or cron()',
    );
  });

  test('options out of range', () => {
    const cases = [
      [{ tz: 'Mars/Olympus' }, 'unknown time zone "Mars/Olympus": use an IANA name such as Europe/Paris'],
      [
        { tz: 'Europe/Paris', service: 'rule' },
        'rules always run in UTC: a time zone needs EventBridge Scheduler (service: "scheduler")',
      ],
      [
        { service: 'lambda' },
        'unknown service "lambda": use "rule" (PutRule\'s ScheduleExpression) or "scheduler" (EventBridge Scheduler)',
      ],
      [{ count: 1.5 }, 'count must be a whole number from 0 to 10000, not 1.5'],
      [{ count: 10001 }, 'count must be a whole number from 0 to 10000, not 10001'],
      [{ count: '3' }, 'count must be a number, not string'],
      [{ from: new Date('never') }, 'from must be a valid Date or an RFC 3339 string'],
      [{ from: 'yesterday' }, 'from "yesterday" is not an RFC 3339 time: premature end of input'],
    ];
    for (const [options, message] of cases) {
      assert.deepEqual(thrown(() => evpat.nextRuns('rate(5 minutes)', options)), argument(message));
    }
  });
});

describe('envelope', () => {
  test('the event rules see: Detail parsed, the envelope added, Time to the second', () => {
    assert.deepEqual(
      evpat.envelope(
        { Source: 'orders', DetailType: 'Order Placed', Detail: '{"total": 12.50, "items": [1]}', Resources: ['arn:x'] },
        { id: 'e1', time: new Date('2024-06-01T10:15:30.123Z'), account: '111122223333', region: 'eu-west-1' },
      ),
      {
        version: '0',
        id: 'e1',
        'detail-type': 'Order Placed',
        source: 'orders',
        account: '111122223333',
        time: '2024-06-01T10:15:30Z',
        region: 'eu-west-1',
        resources: ['arn:x'],
        detail: { total: 12.5, items: [1] },
      },
    );
    const event = evpat.envelope({ Source: 's', DetailType: 'd', Detail: '{}', Time: '2024-06-01T12:15:30.5+02:00' });
    assert.equal(event.time, '2024-06-01T10:15:30Z');
    assert.match(event.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(evpat.testEventPattern({ source: ['s'] }, event), true);
  });

  test("the entry's error, as PutEvents gives it", () => {
    const entry = (message) => ({ ...argument(message), subject: 'entry' });
    assert.deepEqual(
      thrown(() => evpat.envelope({ DetailType: 'd', Detail: '{}' })),
      entry('Parameter Source is not valid. Reason: Source is a required argument.'),
    );
    assert.deepEqual(thrown(() => evpat.envelope({ Source: 's', DetailType: 'd', Detail: '[1]' })), entry('Detail is malformed.'));
    assert.deepEqual(
      thrown(() => evpat.envelope({ Source: 's', DetailType: 'd', Detail: '{}', Colour: 'red' })),
      entry(
        'Unknown parameter in Entries[0]: "Colour", must be one of: Time, Source, Resources, DetailType, Detail, EventBusName, TraceHeader',
      ),
    );
  });
});

describe('transform', () => {
  test("what the target receives, the transformer's lints, and the reserved variables", () => {
    assert.deepEqual(
      evpat.transform(
        {
          InputPathsMap: { instance: '$.detail.instance-id', state: '$.detail.state', unused: '$.x' },
          InputTemplate: '{"instance": <instance>, "state": "<state>", "rule": "<aws.events.rule-arn>"}',
        },
        stopped,
        { ruleName: 'r1', account: '111122223333', region: 'eu-west-1' },
      ),
      {
        output:
          '{"instance": "i-abcd1111", "state": "stopped", "rule": "arn:aws:events:eu-west-1:111122223333:rule/r1"}',
        delivered: true,
        reason: null,
        lints: [
          {
            code: 'unused-variable',
            severity: 'info',
            message: 'The variable unused is declared but the template never uses it.',
            fix: 'Use <unused> in the template, or remove it from InputPathsMap.',
          },
        ],
      },
    );
    assert.equal(
      evpat.transform({ InputTransformer: { InputTemplate: '"at <aws.events.event.ingestion-time>"' } }, stopped, {
        ingestionTime: new Date('2024-01-01T00:00:00Z'),
      }).output,
      '"at 2024-01-01T00:00:00.000Z"',
    );
  });

  test('an output AWS drops, and a transformer PutTargets refuses', () => {
    const dropped = evpat.transform({ InputPathsMap: { s: '$.detail.state' }, InputTemplate: 'state <s>' }, stopped);
    assert.equal(dropped.output, 'state "stopped"');
    assert.equal(dropped.delivered, false);
    assert.equal(
      dropped.reason,
      'The output is not valid JSON (expected value at line 1 column 1) and is not a quoted string, so EventBridge drops the event without reporting an error.',
    );
    assert.deepEqual(thrown(() => evpat.transform({ InputTemplate: 'instance <x> is up' }, stopped)), {
      ...argument('InputTemplate for target target contains invalid placeholder x.'),
      subject: 'transformer',
    });
  });
});

describe('test helpers', () => {
  test('evpat/jest extends the global expect; a miss shows the explanation', () => {
    let registered;
    globalThis.expect = Object.assign(() => {}, { extend: (matchers) => (registered = matchers) });
    try {
      require('evpat/jest');
    } finally {
      delete globalThis.expect;
    }
    assert.deepEqual(Object.keys(registered), ['toMatchPattern']);
    const pattern = { detail: { state: ['stopped'] } };
    const miss = registered.toMatchPattern({ detail: { state: 'running' } }, pattern);
    assert.equal(miss.pass, false);
    assert.equal(
      miss.message(),
      [
        'expected the event to match the pattern, but it does not:',
        '',
        '✗ the event does not match',
        '└─ ✗ detail: its field fails',
        '   └─ ✗ detail.state: expected "stopped", got "running"',
        '           at $.detail.state',
      ].join('\n'),
    );
    const hit = registered.toMatchPattern({ detail: { state: 'stopped' } }, pattern);
    assert.equal(hit.pass, true);
    assert.equal(
      hit.message(),
      [
        'expected the event not to match the pattern, but it matches:',
        '',
        '✓ the event matches the pattern',
        '└─ ✓ detail: matches',
        '   └─ ✓ detail.state: expected "stopped": "stopped" matches',
      ].join('\n'),
    );
    assert.equal(thrown(() => registered.toMatchPattern(stopped, { detail: 'x' })).kind, 'LeafNotArray');
  });
});

describe('the bundler build', () => {
  test('loads where the .wasm is an ES module import, with the same API', () => {
    const entry = join(dir, 'node_modules', 'evpat', 'bundler', 'index.mjs');
    const script = `
      import * as evpat from ${JSON.stringify(entry)};
      const out = [
        Object.keys(evpat).sort().join(),
        evpat.matches({ a: [1] }, { a: 1 }),
        new evpat.RuleSet().add('x', { a: [{ numeric: ['>', 0] }] }).matches('{"a": 2}').join(),
        evpat.nextRuns('rate(1 day)', { from: '2024-01-01T00:00:00Z', count: 1 })[0].toISOString(),
      ];
      try { evpat.matches({ a: 1 }, {}); } catch (error) { out.push(error instanceof evpat.EventPatternError, error.kind); }
      console.log(JSON.stringify(out));
    `;
    // Node loads .wasm imports as bundlers do only behind this flag.
    const output = execFileSync(
      process.execPath,
      ['--experimental-wasm-modules', '--no-warnings', '--input-type=module', '-e', script],
      { encoding: 'utf8' },
    );
    assert.deepEqual(JSON.parse(output), [
      'EventPatternError,RuleSet,check,envelope,explain,exportRule,matches,nextRuns,testEventPattern,transform',
      true,
      'x',
      '2024-01-02T00:00:00.000Z',
      true,
      'LeafNotArray',
    ]);
  });
});

describe('recovery', () => {
  test('after a panic, the call throws an internal EventPatternError and the next calls work', () => {
    // The package's own wrapper over a module whose `matches` panics once:
    // the panic hook (src/bindings.rs) and the wrapper's reset are the
    // real ones.
    const base = join(dir, 'node_modules', 'evpat');
    const raw = require(join(base, 'node', 'evpat_js.js'));
    const { createApi } = require(join(base, 'api.cjs'));
    let armed = true;
    const faulty = {
      ...raw,
      matches(pattern, event) {
        if (armed) {
          armed = false;
          raw.panicForTests();
        }
        return raw.matches(pattern, event);
      },
    };
    const api = createApi(faulty, { randomUUID: () => 'id', canReset: true });
    const rules = new api.RuleSet().add('a', { a: [1] });
    const error = (() => {
      try {
        api.matches({ a: [1] }, { a: 1 });
      } catch (caught) {
        return caught;
      }
    })();
    assert.ok(error instanceof api.EventPatternError);
    assert.equal(error.subject, 'internal');
    // The panic's place is the line of `panic!` in src/bindings.rs.
    assert.match(
      error.message,
      /^evpat failed: evpat panicked: panicked at crates\/js\/src\/bindings\.rs:\d+:5:\nthe recovery test's panic$/,
    );
    assert.equal(
      error.hint,
      'this is a bug in evpat: please report it with the pattern and event that caused it',
    );
    // A fresh instance: strings, allocations and the RuleSet made before
    // the panic all work.
    assert.equal(api.matches({ a: [1] }, { a: 1 }), true);
    assert.equal(api.matches('{"b": ["x"]}', { b: 'y' }), false);
    assert.deepEqual(rules.matches({ a: 1 }), ['a']);
    assert.deepEqual(evpat.check('{"a": [1]}'), { valid: true, error: null, lints: [] });
  });
});
