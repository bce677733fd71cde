// The `cli` exports, run: every golden crates/rule/tests/golden/export/<rule>/cli.sh runs in bash
// with a stub `aws` first on PATH (stubs/aws.mjs), which records each call's arguments and
// answers with made-up ARNs. The calls must create the rule of crates/rule/tests/rules/<rule>.json:
// put-rule with its name, description, bus, state, schedule, role and `--event-pattern` (which
// `JSON.parse`s to the rule's pattern), put-targets with its targets, and add-permission for
// each Lambda target with the ARN put-rule answered.
//
// Run: cd tests && node --test export/cli.test.mjs

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { goldenOrError, isLambda, rules, scratch } from './exports.mjs';

const stub = fileURLToPath(new URL('stubs/aws.mjs', import.meta.url));

/** Options of one recorded call (`--name value` or `--name=value`), and its bare words. */
function parse(args) {
  const words = [];
  const options = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      words.push(arg);
    } else if (arg.includes('=')) {
      const at = arg.indexOf('=');
      options[arg.slice(2, at)] = arg.slice(at + 1);
    } else {
      options[arg.slice(2)] = args[++i];
    }
  }
  return { words, options };
}

/** Runs `script` with the stub `aws`, and returns the calls it made. */
function run(dir, script) {
  writeFileSync(`${dir}aws`, `#!/bin/sh\nexec "${process.execPath}" "${stub}" "$@"\n`, { mode: 0o755 });
  writeFileSync(`${dir}cli.sh`, script);
  const log = `${dir}calls.jsonl`;
  writeFileSync(log, '');
  execFileSync('bash', [`${dir}cli.sh`], {
    env: { ...process.env, PATH: `${dir}:${process.env.PATH}`, EVPAT_AWS_LOG: log },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((line) => parse(JSON.parse(line)));
}

for (const { stem, rule, pattern } of rules()) {
  test(`cli: ${stem}`, () => {
    const golden = goldenOrError(stem, 'cli', 'sh');
    if (golden.error) {
      assert.match(golden.error, /Scheduler/, 'only Scheduler-only schedules are refused');
      return;
    }
    assert.ok(golden.text.startsWith('#!/usr/bin/env bash\n'));
    assert.match(golden.text, /^set -euo pipefail$/m);
    const calls = run(scratch(`export-cli/${stem}`), golden.text);

    const [putRule, ...rest] = calls;
    assert.deepEqual(putRule.words, ['events', 'put-rule']);
    const o = putRule.options;
    assert.equal(o.name, rule.Name);
    assert.equal(o.description, rule.Description);
    assert.equal(o['event-bus-name'], rule.EventBusName);
    assert.equal(o.state, rule.State ?? 'ENABLED');
    assert.equal(o['schedule-expression'], rule.ScheduleExpression);
    assert.equal(o['role-arn'], rule.RoleArn);
    if (pattern === undefined) {
      assert.equal(o['event-pattern'], undefined);
    } else {
      assert.deepEqual(JSON.parse(o['event-pattern']), pattern);
    }

    const targets = rule.Targets ?? [];
    let permissions = rest;
    if (targets.length > 0) {
      const putTargets = rest[0];
      permissions = rest.slice(1);
      assert.deepEqual(putTargets.words, ['events', 'put-targets']);
      assert.equal(putTargets.options.rule, rule.Name);
      assert.equal(putTargets.options['event-bus-name'], rule.EventBusName);
      assert.deepEqual(JSON.parse(putTargets.options.targets), targets);
    }

    const lambdas = targets.filter((t) => isLambda(t.Arn));
    assert.equal(permissions.length, lambdas.length, 'one add-permission per Lambda target');
    const busPath = rule.EventBusName && rule.EventBusName !== 'default' ? `${rule.EventBusName}/` : '';
    lambdas.forEach((target, i) => {
      const p = permissions[i];
      assert.deepEqual(p.words, ['lambda', 'add-permission']);
      assert.equal(p.options['function-name'], target.Arn);
      assert.equal(p.options.action, 'lambda:InvokeFunction');
      assert.equal(p.options.principal, 'events.amazonaws.com');
      assert.equal(p.options['source-arn'], `arn:aws:events:us-east-1:123456789012:rule/${busPath}${rule.Name}`);
      assert.equal(p.options['statement-id'], `${rule.Name}-${target.Id}`);
    });
  });
}
