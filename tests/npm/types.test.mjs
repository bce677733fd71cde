// Type tests: tests/npm/types compiled with `tsc --strict` against the
// declarations installed from the tarball. Each file asserts exact types
// with expect-type (`not.toBeAny()`, `toEqualTypeOf`) and marks the
// mistakes that must not compile with `@ts-expect-error`, which tsc
// reports when no error meets it.
//
// Run: cargo xtask npm && cd tests && node --test npm/types.test.mjs

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';

import { install, packageDir, testsDir } from './package.mjs';

const tsc = join(testsDir, 'node_modules', '.bin', 'tsc');
let project;

before(() => {
  project = install('types');
});

/** tsc's output for a project file; it exits 0 only without errors. */
function compile(tsconfig) {
  try {
    return execFileSync(tsc, ['-p', tsconfig], { cwd: project, encoding: 'utf8' });
  } catch (error) {
    assert.fail(`tsc -p ${tsconfig}:\n${error.stdout}${error.stderr}`);
  }
}

test('the API, `import` and `require`, and the Vitest matcher type-check', () => {
  assert.equal(compile('tsconfig.json'), '');
});

test("the Jest matcher type-checks with @types/jest's globals and with the expect package", () => {
  assert.equal(compile('tsconfig.jest.json'), '');
});

test('no declaration says `any`, but where Vitest makes a merged interface repeat it', () => {
  const files = ['index.d.mts', 'index.d.cts', 'jest.d.mts', 'jest.d.cts', 'vitest.d.mts'];
  const lines = files.flatMap((file) =>
    readFileSync(join(packageDir, file), 'utf8')
      .split('\n')
      .map((line) => line.replace(/\/\*.*?\*\/|\/\/.*|^\s*\*.*/g, ''))
      .filter((code) => /\bany\b/.test(code))
      .map((line) => `${file}: ${line.trim()}`),
  );
  assert.deepEqual(lines, ['vitest.d.mts: interface Matchers<T = any> {']);
});
