// What the export tests share: the rules of crates/rule/tests/rules/, their goldens in
// crates/rule/tests/golden/export/<rule>/, and scratch directories under tests/output/.

import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const crate = new URL('../../crates/rule/tests/', import.meta.url);

/** tests/, as a path. */
export const testsDir = fileURLToPath(new URL('../', import.meta.url));

/**
 * Every test rule, by file stem: `{ stem, rule, pattern }`, where `rule` is the PutRule-shaped
 * JSON as written and `pattern` its EventPattern as a value (the file may give it as a JSON
 * string or as an object), or undefined.
 */
export function rules() {
  const dir = new URL('rules/', crate);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const rule = JSON.parse(readFileSync(new URL(name, dir), 'utf8'));
      const pattern =
        typeof rule.EventPattern === 'string' ? JSON.parse(rule.EventPattern) : rule.EventPattern;
      return { stem: name.slice(0, -'.json'.length), rule, pattern };
    });
}

/** The text of golden `file` of rule `stem`, or null when there is none. */
export function golden(stem, file) {
  const url = new URL(`golden/export/${stem}/${file}`, crate);
  return existsSync(url) ? readFileSync(url, 'utf8') : null;
}

/**
 * The golden of `format` for `stem`: `{ text }`, or `{ error }` when the format refuses the rule
 * (`<format>.error.txt`). Fails when neither exists.
 */
export function goldenOrError(stem, format, extension) {
  const text = golden(stem, `${format}.${extension}`);
  const error = golden(stem, `${format}.error.txt`);
  assert.ok((text === null) !== (error === null), `${stem}: one of ${format}.${extension} or .error.txt`);
  return text === null ? { error } : { text };
}

/** An empty scratch directory tests/output/<name>/, as a path ending with a slash. */
export function scratch(name) {
  const dir = `${testsDir}output/${name}/`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Whether `arn` is a Lambda function's, for which the exports add a permission. */
export function isLambda(arn) {
  return /^arn:aws[\w-]*:lambda:[^:]*:[^:]*:function:[^:]+/.test(arn);
}
