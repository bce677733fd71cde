// `import 'evpat'` in a bundler (webpack, Vite with a wasm plugin, …): the
// wasm-bindgen `bundler` build, whose .wasm the bundler loads.
import * as raw from './evpat_js.js';
import { createApi } from '../api.mjs';

const evpat = createApi(raw, {
  randomUUID: () => globalThis.crypto.randomUUID(),
  // The bundler instantiated the module; wasm-bindgen cannot replace it.
  canReset: false,
});

export const {
  matches,
  testEventPattern,
  check,
  explain,
  RuleSet,
  exportRule,
  nextRuns,
  envelope,
  transform,
  EventPatternError,
} = evpat;
