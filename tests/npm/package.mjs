// The npm package as its users get it: the tarball `cargo xtask npm` packs
// (target/npm/evpat-<version>.tgz, or EVPAT_NPM_TARBALL), installed with
// npm into scratch copies of the projects under tests/npm/, in
// tests/output/npm/. Their other dependencies (vitest, typescript, …) are
// found in tests/node_modules, which Node and TypeScript reach by walking
// up from the scratch copies.

import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const npmTestsDir = dirname(fileURLToPath(import.meta.url));
export const testsDir = dirname(npmTestsDir);
export const rootDir = dirname(testsDir);
export const scratchDir = join(testsDir, 'output', 'npm');
/** The assembled package, before packing: for the files no entry point exports. */
export const packageDir = join(rootDir, 'target', 'npm', 'evpat');

export function tarball() {
  if (process.env.EVPAT_NPM_TARBALL) {
    return process.env.EVPAT_NPM_TARBALL;
  }
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  return join(rootDir, 'target', 'npm', `evpat-${version}.tgz`);
}

/**
 * A fresh copy of the project `tests/npm/<project>` (or an empty project
 * when it has none) in tests/output/npm/<name>, with the tarball installed
 * by npm, offline. Returns its directory.
 */
export function install(project, name = project.replaceAll('/', '-')) {
  const dir = join(scratchDir, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (project === null) {
    writeFileSync(join(dir, 'package.json'), '{ "private": true }\n');
  } else {
    cpSync(join(npmTestsDir, project), dir, { recursive: true });
  }
  execFileSync(
    'npm',
    ['install', '--offline', '--no-audit', '--no-fund', '--no-save', '--no-package-lock', tarball()],
    { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return dir;
}

/** `require` as a file in `dir` has it: resolving `evpat` with the `node` and `require` conditions. */
export function requireFrom(dir) {
  return createRequire(join(dir, 'package.json'));
}

/** `import(specifier)` as an ES module in `dir` does it: with the `node` and `import` conditions. */
export async function importFrom(dir, specifier) {
  const bridge = join(dir, `import-${specifier.replaceAll('/', '-')}.mjs`);
  writeFileSync(bridge, `export * from '${specifier}';\n`);
  return import(pathToFileURL(bridge).href);
}
