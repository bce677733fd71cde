// `require('evpat')` in Node: the wasm-bindgen `nodejs` build, which
// compiles its .wasm synchronously when first required, so the functions
// are ready without an `await`.
'use strict';

const { randomUUID } = require('node:crypto');
const raw = require('./evpat_js.js');
const { createApi } = require('../api.cjs');

module.exports = createApi(raw, { randomUUID, canReset: true });
