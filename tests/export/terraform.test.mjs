// The `terraform` and `scheduler-terraform` exports, parsed by @cdktf/hcl2json (npm): HashiCorp's
// HCL parser compiled to WebAssembly, which turns a .tf file into Terraform's JSON syntax.
//
// Every .tf golden in crates/rule/tests/golden/export/<rule>/ must parse, and hold the rule of
// crates/rule/tests/rules/<rule>.json:
// - terraform: aws_cloudwatch_event_rule with its name, description, bus, state, schedule and
//   role, and an event_pattern equal to the rule's pattern. hcl2json does not evaluate
//   `jsonencode(...)`, so its argument is read from the expression's syntax tree
//   (getExpressionAst); a heredoc pattern comes back as its text, which must `JSON.parse` to the
//   pattern. One aws_cloudwatch_event_target per target, with its id, ARN, role, input, retry
//   policy and dead-letter queue, and an aws_lambda_permission per Lambda target.
// - scheduler-terraform: aws_scheduler_schedule with the schedule, its time zone, the state, a
//   flexible window OFF, and the first target with its role, input, retry policy and
//   dead-letter queue.
//
// hcl2json gives strings back in Terraform's JSON syntax, where `${` and `%{` are still escaped
// as `$${` and `%%{`; `literal` undoes that.
//
// When EVPAT_BIN names the evpat binary (cargo xtask test sets it), rules made of HCL's
// troublemakers (`${`, `%{`, `$${`, quotes, backslashes, control characters, keys that are HCL
// keywords) are exported with `evpat export --format terraform` and checked the same way, once
// in the jsonencode form and once in a heredoc.
//
// Run: cd tests && node --test export/terraform.test.mjs

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';

import { getExpressionAst, parse } from '@cdktf/hcl2json';

import { goldenOrError, isLambda, rules, scratch } from './exports.mjs';

/** Rules hard on HCL, for the EVPAT_BIN test: the second has a `>`, which means a heredoc. */
const TROUBLEMAKERS = [['=', 'jsonencode'], ['>', 'heredoc']].map(([operator, form]) => ({
  form,
  rule: {
    Name: `hcl-${form}`,
    Description: '${var.x} %{if true}y%{endif} $${z} $$ % "q" \\ \n\t é 🎉',
    EventBusName: 'arn:aws:events:us-east-1:123456789012:event-bus/b.1',
    EventPattern: {
      source: ['${x}', '%{y}', '$${z}', 'a"b\\c\u0001', 'é'],
      null: [null],
      for: [true],
      $or: [{ detail: { n: [{ numeric: [operator, 0] }] } }, { detail: { m: [-1.5] } }],
    },
    Targets: [
      {
        Id: 't.1',
        Arn: 'arn:aws:states:us-east-1:123456789012:stateMachine:m',
        RoleArn: 'arn:aws:iam::123456789012:role/r',
        InputTransformer: {
          InputPathsMap: { 'a-b': '$.detail.a', for: '$.id' },
          InputTemplate: '{"x": <a-b>, "y": "${not} %{this}"}',
        },
        RetryPolicy: { MaximumRetryAttempts: 0 },
      },
    ],
  },
}));

/** A template's literal text: `$${` and `%%{` as the `${` and `%{` they stand for. */
function literal(text) {
  return typeof text === 'string' ? text.replaceAll('$${', '${').replaceAll('%%{', '%{') : text;
}

/** The value of a `jsonencode({...})` expression, from its syntax tree. */
async function jsonencodeValue(expression) {
  const source = `"${expression}"`;
  const bytes = Buffer.from(source);
  const text = (node) => bytes.subarray(node.range.start.byte, node.range.end.byte).toString();
  const string = (raw) => literal(JSON.parse(`"${raw}"`));
  const value = (node) => {
    switch (node.type) {
      case 'templateWrap':
        assert.equal(node.children.length, 1);
        return value(node.children[0]);
      case 'function':
        assert.equal(node.meta.name, 'jsonencode');
        assert.equal(node.children.length, 1);
        return value(node.children[0]);
      case 'object': {
        const out = {};
        for (let i = 0; i < node.children.length; i += 2) {
          const key = node.children[i];
          // A quoted key holds its template; a bare one is an identifier.
          const name = key.children.length > 0 ? value(key.children[0]) : text(key);
          assert.ok(!(name in out), `key ${name} once`);
          out[name] = value(node.children[i + 1]);
        }
        return out;
      }
      case 'tuple':
        return node.children.map(value);
      case 'template':
        assert.equal(node.children.length, 1, `a plain string: ${text(node)}`);
        return value(node.children[0]);
      case 'literalValue':
        switch (node.meta.type) {
          case 'string':
            return string(node.meta.value);
          case 'number':
            return Number(node.meta.value);
          case 'bool':
            return node.meta.value === 'true';
          default:
            assert.equal(node.meta.value, 'null');
            return null;
        }
      case 'unaryOp':
        assert.equal(node.meta.operator, 'negate');
        return -value(node.children[0]);
      default:
        assert.fail(`unexpected ${node.type}: ${text(node)}`);
    }
  };
  return value(await getExpressionAst('pattern.tf', source));
}

/** The only block of resource type `type`: [name, attributes]. */
function only(doc, type) {
  const blocks = Object.entries(doc.resource?.[type] ?? {});
  assert.equal(blocks.length, 1, `one ${type}`);
  const [name, [attributes]] = blocks[0];
  return [name, attributes];
}

/** A target as PutTargets takes it, from aws_cloudwatch_event_target's attributes. */
function target(t) {
  const out = { Id: literal(t.target_id), Arn: literal(t.arn) };
  if (t.role_arn !== undefined) out.RoleArn = literal(t.role_arn);
  if (t.input !== undefined) out.Input = literal(t.input);
  if (t.input_path !== undefined) out.InputPath = literal(t.input_path);
  if (t.input_transformer !== undefined) {
    const [transformer] = t.input_transformer;
    out.InputTransformer = {
      InputPathsMap: Object.fromEntries(
        Object.entries(transformer.input_paths).map(([k, v]) => [k, literal(v)]),
      ),
      InputTemplate: literal(transformer.input_template),
    };
  }
  Object.assign(out, retryAndDeadLetter(t));
  return out;
}

function retryAndDeadLetter(t) {
  const out = {};
  if (t.retry_policy !== undefined) {
    const [policy] = t.retry_policy;
    out.RetryPolicy = {};
    if (policy.maximum_retry_attempts !== undefined) {
      out.RetryPolicy.MaximumRetryAttempts = policy.maximum_retry_attempts;
    }
    if (policy.maximum_event_age_in_seconds !== undefined) {
      out.RetryPolicy.MaximumEventAgeInSeconds = policy.maximum_event_age_in_seconds;
    }
  }
  if (t.dead_letter_config !== undefined) {
    out.DeadLetterConfig = { Arn: literal(t.dead_letter_config[0].arn) };
  }
  return out;
}

const byId = (a, b) => (a.Id < b.Id ? -1 : a.Id > b.Id ? 1 : 0);

/** Checks that `text`, the terraform export of `rule`, holds it. */
async function checkRule(stem, rule, pattern, text) {
  const doc = await parse(`${stem}.tf`, text);
  const [name, r] = only(doc, 'aws_cloudwatch_event_rule');
  assert.equal(literal(r.name), rule.Name);
  assert.equal(literal(r.description), rule.Description);
  assert.equal(literal(r.event_bus_name), rule.EventBusName);
  assert.equal(r.state, rule.State ?? 'ENABLED');
  assert.equal(literal(r.schedule_expression), rule.ScheduleExpression);
  assert.equal(literal(r.role_arn), rule.RoleArn);
  if (pattern === undefined) {
    assert.equal(r.event_pattern, undefined);
  } else if (r.event_pattern.startsWith('${jsonencode(')) {
    assert.deepEqual(await jsonencodeValue(r.event_pattern), pattern);
    assert.doesNotMatch(text, /\\u003[ce]|\\u0026/);
  } else {
    assert.match(text, /event_pattern = <<-EOT\n/);
    assert.deepEqual(JSON.parse(literal(r.event_pattern)), pattern);
  }

  const targets = Object.values(doc.resource.aws_cloudwatch_event_target ?? {}).map(([t]) => {
    assert.equal(t.rule, `\${aws_cloudwatch_event_rule.${name}.name}`);
    const bus = rule.EventBusName === undefined ? undefined : `\${aws_cloudwatch_event_rule.${name}.event_bus_name}`;
    assert.equal(t.event_bus_name, bus);
    return target(t);
  });
  assert.deepEqual(targets.sort(byId), [...(rule.Targets ?? [])].sort(byId));

  const permissions = Object.values(doc.resource.aws_lambda_permission ?? {}).map(([p]) => p);
  const lambdas = (rule.Targets ?? []).filter((t) => isLambda(t.Arn));
  assert.deepEqual(
    permissions.sort((a, b) => (a.statement_id < b.statement_id ? -1 : 1)),
    lambdas
      .map((t) => ({
        statement_id: `${rule.Name}-${t.Id}`,
        action: 'lambda:InvokeFunction',
        function_name: t.Arn,
        principal: 'events.amazonaws.com',
        source_arn: `\${aws_cloudwatch_event_rule.${name}.arn}`,
      }))
      .sort((a, b) => (a.statement_id < b.statement_id ? -1 : 1)),
  );
}

for (const { form, rule } of TROUBLEMAKERS) {
  test(`terraform: strings hard on HCL, in the ${form} form`, async (t) => {
    const bin = process.env.EVPAT_BIN;
    if (!bin || !existsSync(bin)) {
      t.skip('EVPAT_BIN is not set');
      return;
    }
    const dir = scratch(`export-terraform-${form}`);
    writeFileSync(`${dir}rule.json`, JSON.stringify(rule));
    const run = spawnSync(bin, ['export', '--format', 'terraform', `${dir}rule.json`], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.includes('event_pattern = jsonencode('), form === 'jsonencode');
    await checkRule(rule.Name, rule, rule.EventPattern, run.stdout);
  });
}

for (const { stem, rule, pattern } of rules()) {
  test(`terraform: ${stem}`, async () => {
    const golden = goldenOrError(stem, 'terraform', 'tf');
    if (golden.error) {
      assert.match(golden.error, /Scheduler/, 'only Scheduler-only schedules are refused');
      return;
    }
    await checkRule(stem, rule, pattern, golden.text);
  });

  test(`scheduler-terraform: ${stem}`, async () => {
    const golden = goldenOrError(stem, 'scheduler-terraform', 'tf');
    if (golden.error) {
      assert.notEqual(pattern, undefined, 'only pattern rules are refused');
      return;
    }
    const doc = await parse(`${stem}.tf`, golden.text);
    const [, s] = only(doc, 'aws_scheduler_schedule');
    assert.equal(literal(s.name), rule.Name);
    assert.equal(literal(s.description), rule.Description);
    assert.equal(s.state, rule.State === 'DISABLED' ? 'DISABLED' : 'ENABLED');
    assert.equal(literal(s.schedule_expression), rule.ScheduleExpression);
    assert.equal(literal(s.schedule_expression_timezone), rule.ScheduleExpressionTimezone);
    assert.deepEqual(s.flexible_time_window, [{ mode: 'OFF' }]);

    const [first] = rule.Targets ?? [];
    const [t] = s.target;
    const role = first?.RoleArn ?? rule.RoleArn ?? 'REPLACE-WITH-THE-SCHEDULER-ROLE-ARN';
    const expected = { arn: first?.Arn ?? 'REPLACE-WITH-THE-TARGET-ARN', role_arn: role };
    if (first?.Input !== undefined) expected.input = first.Input;
    const { retry_policy, dead_letter_config, ...fields } = t;
    assert.deepEqual(
      Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, literal(v)])),
      expected,
    );
    const delivery = retryAndDeadLetter({ retry_policy, dead_letter_config });
    assert.deepEqual(delivery.RetryPolicy, first?.RetryPolicy);
    assert.deepEqual(delivery.DeadLetterConfig, first?.DeadLetterConfig);
  });
}
