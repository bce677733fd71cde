// The `cdk-ts` exports, compiled and synthesized: every golden
// crates/rule/tests/golden/export/<rule>/cdk-ts.ts is copied into a scratch project under
// tests/output/export-cdk/ with a driver that makes an App and a Stack per rule, calls the
// golden's exported function and synthesizes. All of it compiles in one `tsc --strict` run
// against aws-cdk-lib from tests/node_modules, then the driver runs in Node and prints the
// templates. Each template's AWS::Events::Rule must hold the rule of
// crates/rule/tests/rules/<rule>.json: its EventPattern equal to the rule's pattern (`$or`
// included), its name, description, state, bus, schedule and role, and its Targets equal to the
// rule's (ids, inputs, retry policies, dead-letter queues); each Lambda target must have an
// AWS::Lambda::Permission for the rule.
//
// When EVPAT_BIN names the evpat binary (cargo xtask test sets it), the rules of `EXTRA` below
// are exported with `evpat export --format cdk-ts` and checked the same way: they take the
// export's other paths (envelope fields matched with content filters, a top-level key spelled
// `detailType`, a bus given by ARN, roles, plain IRuleTarget objects, a qualified Lambda ARN).
//
// Run: cd tests && node --test export/cdk.test.mjs

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { before, test } from 'node:test';

import { goldenOrError, isLambda, rules, scratch, testsDir } from './exports.mjs';

/** Rules the goldens leave out, exported through EVPAT_BIN. */
const EXTRA = [
  {
    stem: 'extra-escape-hatches',
    rule: {
      Name: 'extra-escape-hatches',
      Description: 'it\'s "quoted" — ✓',
      EventBusName: 'arn:aws:events:us-east-1:123456789012:event-bus/partner',
      RoleArn: 'arn:aws:iam::123456789012:role/bus-role',
      State: 'DISABLED',
      EventPattern: {
        source: [{ prefix: 'aws.' }],
        detailType: ['spelled like CDK'],
        'detail-type': ['Object Created'],
        custom: ['y'],

        detail: { n: [{ numeric: ['>', 1.5e3] }], 'a-b': [{ 'equals-ignore-case': 'X' }] },
      },
      Targets: [
        {
          Id: 'Target0',
          Arn: 'arn:aws:states:us-east-1:123456789012:stateMachine:m',
          RoleArn: 'arn:aws:iam::123456789012:role/sfn',
          InputTransformer: { InputPathsMap: { 'a-b': '$.detail.a' }, InputTemplate: '{"x": <a-b>}' },
          RetryPolicy: { MaximumRetryAttempts: 0 },
          DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:123456789012:dlq' },
        },
        {
          Id: 'live',
          Arn: 'arn:aws:lambda:us-east-1:123456789012:function:f:live',
          Input: '{"a": 1.50}',
        },
        { Id: 'fifo', Arn: 'arn:aws:sqs:us-east-1:123456789012:q.fifo' },
      ],
    },
  },
];

const all = rules();
let templates;

before(() => {
  const dir = scratch('export-cdk');
  const compiled = [];
  for (const { stem } of all) {
    const golden = goldenOrError(stem, 'cdk-ts', 'ts');
    if (golden.text !== undefined) {
      writeFileSync(`${dir}${stem}.ts`, golden.text);
      compiled.push(stem);
    }
  }
  const bin = process.env.EVPAT_BIN;
  if (bin && existsSync(bin)) {
    for (const { stem, rule } of EXTRA) {
      writeFileSync(`${dir}${stem}.json`, JSON.stringify(rule));
      const text = execFileSync(bin, ['export', '--format', 'cdk-ts', `${dir}${stem}.json`], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      writeFileSync(`${dir}${stem}.ts`, text);
      compiled.push(stem);
    }
  }
  const imports = compiled.map((stem, i) => `import * as rule${i} from './${stem}';`).join('\n');
  const entries = compiled.map((stem, i) => `  ['${stem}', rule${i}],`).join('\n');
  writeFileSync(
    `${dir}driver.ts`,
    `import { App, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
${imports}

type Module = Record<string, (scope: Construct) => unknown>;
const modules: [string, Module][] = [
${entries}
];
const templates: Record<string, unknown> = {};
for (const [stem, module] of modules) {
  const app = new App({ outdir: 'cdk.out/' + stem });
  const stack = new Stack(app, 'Rules');
  const functions = Object.values(module);
  if (functions.length !== 1) throw new Error(stem + ': ' + functions.length + ' exports');
  functions[0](stack);
  templates[stem] = app.synth().getStackByName('Rules').template;
}
console.log(JSON.stringify(templates));
`,
  );
  writeFileSync(
    `${dir}tsconfig.json`,
    JSON.stringify({
      compilerOptions: {
        strict: true,
        target: 'ES2022',
        module: 'commonjs',
        moduleResolution: 'node',
        // The library's own .d.ts files are checked by its authors; checking them again
        // would take most of the run.
        skipLibCheck: true,
        types: [],
        outDir: 'js',
      },
      include: ['*.ts'],
    }),
  );
  // The compiled files are CommonJS, inside tests/, whose package.json says "module".
  writeFileSync(`${dir}package.json`, JSON.stringify({ type: 'commonjs' }));
  try {
    execFileSync(`${testsDir}node_modules/.bin/tsc`, ['-p', dir], { encoding: 'utf8' });
  } catch (error) {
    assert.fail(`tsc --strict refuses the exports:\n${error.stdout}${error.stderr}`);
  }
  const out = execFileSync(process.execPath, [`${dir}js/driver.js`], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  templates = JSON.parse(out);
});

/** The resources of `template` of type `type`, as [logicalId, resource] pairs. */
function resources(template, type) {
  return Object.entries(template.Resources).filter(([, r]) => r.Type === type);
}

/** Checks that the synthesized template of `stem` holds `rule`. */
function check(stem, rule, pattern) {
  const template = templates[stem];
  const rulesFound = resources(template, 'AWS::Events::Rule');
  assert.equal(rulesFound.length, 1);
  const [logicalId, resource] = rulesFound[0];
  const p = resource.Properties;
  assert.deepEqual(p.EventPattern, pattern);
  assert.equal(p.Name, rule.Name);
  assert.equal(p.Description, rule.Description);
  assert.equal(p.State, rule.State ?? 'ENABLED');
  assert.equal(p.EventBusName, rule.EventBusName);
  assert.equal(p.ScheduleExpression, rule.ScheduleExpression);
  assert.equal(p.RoleArn, rule.RoleArn);
  assert.deepEqual(p.Targets, rule.Targets);

  const permissions = resources(template, 'AWS::Lambda::Permission').map(([, r]) => r.Properties);
  const lambdas = (rule.Targets ?? []).filter((t) => isLambda(t.Arn));
  assert.deepEqual(
    permissions,
    lambdas.map((target) => ({
      Action: 'lambda:InvokeFunction',
      FunctionName: target.Arn,
      Principal: 'events.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [logicalId, 'Arn'] },
    })),
  );
}

for (const { stem, rule, pattern } of all) {
  test(`cdk-ts: ${stem}`, () => {
    const golden = goldenOrError(stem, 'cdk-ts', 'ts');
    if (golden.error) {
      assert.match(golden.error, /Scheduler/, 'only Scheduler-only schedules are refused');
      return;
    }
    check(stem, rule, pattern);
  });
}

for (const { stem, rule } of EXTRA) {
  test(`cdk-ts: ${stem}`, (t) => {
    if (templates[stem] === undefined) {
      t.skip('EVPAT_BIN is not set');
      return;
    }
    check(stem, rule, rule.EventPattern);
  });
}
