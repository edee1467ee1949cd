'use strict';
/* global require */
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS by necessity (see below) */
/**
 * Preloaded (`--require`) into a worker thread started from source by `startWorkerThread` (worker-thread.ts):
 * compiles each TypeScript file as it is required, with the same compiler (swc) and target jest uses, so the
 * thread runs the code under test rather than a build that may be stale. CommonJS, not TypeScript: it runs
 * before anything can compile. Never used by a build (dist/ holds JavaScript); swc is a dev dependency.
 */
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
    // With --enable-source-maps, a failure's stack names the lines of the .ts file.
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};
