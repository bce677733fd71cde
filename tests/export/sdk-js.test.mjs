// The `sdk-js` exports, run: every golden crates/rule/tests/golden/export/<rule>/sdk-js.mjs runs in
// Node with stand-ins for @aws-sdk/client-eventbridge and @aws-sdk/client-lambda (stubs/) in a
// scratch node_modules, which record every command's input. The commands must create the rule of
// crates/rule/tests/rules/<rule>.json: PutRuleCommand with its fields and an EventPattern string
// that `JSON.parse`s to the rule's pattern and is, character for character, the text the `cli`
// export sends (every number as written); PutTargetsCommand with its targets; and
// AddPermissionCommand for each Lambda target with the ARN PutRule answered.
//
// Run: cd tests && node --test export/sdk-js.test.mjs

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { golden, goldenOrError, isLambda, rules, scratch } from './exports.mjs';

const dir = scratch('export-sdk-js');
for (const name of ['client-eventbridge', 'client-lambda']) {
  const pkg = `${dir}node_modules/@aws-sdk/${name}/`;
  mkdirSync(pkg, { recursive: true });
  writeFileSync(
    `${pkg}package.json`,
    JSON.stringify({ name: `@aws-sdk/${name}`, type: 'module', exports: './index.mjs' }),
  );
  copyFileSync(fileURLToPath(new URL(`stubs/${name}.mjs`, import.meta.url)), `${pkg}index.mjs`);
}

/** The `--event-pattern` text of the `cli` golden, unquoted from bash's single quotes. */
function cliPattern(stem) {
  const script = golden(stem, 'cli.sh');
  const quoted = script?.match(/--event-pattern '((?:[^']|'\\'')*)'/);
  return quoted ? quoted[1].replaceAll("'\\''", "'") : undefined;
}

/** Runs the module, and returns its commands and what it printed. */
function run(stem, text) {
  writeFileSync(`${dir}${stem}.mjs`, text);
  const log = `${dir}${stem}.jsonl`;
  writeFileSync(log, '');
  const stdout = execFileSync(process.execPath, [`${dir}${stem}.mjs`], {
    env: { ...process.env, EVPAT_SDK_LOG: log },
    encoding: 'utf8',
  });
  const calls = readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
  return { calls, stdout };
}

for (const { stem, rule, pattern } of rules()) {
  test(`sdk-js: ${stem}`, () => {
    const golden = goldenOrError(stem, 'sdk-js', 'mjs');
    if (golden.error) {
      assert.match(golden.error, /Scheduler/, 'only Scheduler-only schedules are refused');
      return;
    }
    const { calls, stdout } = run(stem, golden.text);
    const [putRule, ...rest] = calls;
    const busPath = rule.EventBusName && rule.EventBusName !== 'default' ? `${rule.EventBusName}/` : '';
    const ruleArn = `arn:aws:events:us-east-1:123456789012:rule/${busPath}${rule.Name}`;
    assert.equal(stdout, `${ruleArn}\n`);

    assert.equal(putRule.command, 'PutRuleCommand');
    const { EventPattern, ...fields } = putRule.input;
    const expected = Object.fromEntries(
      ['Name', 'Description', 'EventBusName', 'ScheduleExpression', 'RoleArn']
        .filter((key) => rule[key] !== undefined)
        .map((key) => [key, rule[key]]),
    );
    expected.State = rule.State ?? 'ENABLED';
    assert.deepEqual(fields, expected);
    if (pattern === undefined) {
      assert.equal(EventPattern, undefined);
    } else {
      assert.equal(typeof EventPattern, 'string');
      assert.deepEqual(JSON.parse(EventPattern), pattern);
      assert.equal(EventPattern, cliPattern(stem), 'the same text as the cli export');
    }

    const targets = rule.Targets ?? [];
    let permissions = rest;
    if (targets.length > 0) {
      const putTargets = rest[0];
      permissions = rest.slice(1);
      assert.equal(putTargets.command, 'PutTargetsCommand');
      const bus = rule.EventBusName === undefined ? {} : { EventBusName: rule.EventBusName };
      assert.deepEqual(putTargets.input, { Rule: rule.Name, ...bus, Targets: targets });
    }
    const lambdas = targets.filter((t) => isLambda(t.Arn));
    assert.deepEqual(
      permissions,
      lambdas.map((target) => ({
        client: 'LambdaClient',
        command: 'AddPermissionCommand',
        input: {
          FunctionName: target.Arn,
          StatementId: `${rule.Name}-${target.Id}`,
          Action: 'lambda:InvokeFunction',
          Principal: 'events.amazonaws.com',
          SourceArn: ruleArn,
        },
      })),
    );
  });
}
