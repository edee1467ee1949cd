'use strict';
/* global require, process */
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS by necessity (see below) */
/**
 * Preloaded (`--require`) into a worker thread started from source by `startWorkerThread` (worker-thread.ts):
 * compiles each TypeScript file as it is required, with the same compiler (swc) and target jest uses, so the
 * thread runs the code under test rather than a build that may be stale. CommonJS, not TypeScript: it runs
 * before anything can compile. Never used by a build (dist/ holds JavaScript); swc is a dev dependency.
 *
 * Many tests start threads: compiled files are kept in the temporary directory under the hash of their source
 * (and of the compiler's version and options), so a thread whose files are all cached never loads swc.
 */
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');

const swcVersion = require('@swc/core/package.json').version;
const cacheDirectory = path.join(tmpdir(), 'mlaas-typescript-threads');

function swcOptions(filename) {
  return {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
    // For a debugger, or a thread given --enable-source-maps: stacks then name the lines of the .ts file.
    sourceMaps: 'inline',
  };
}

function compile(source, filename) {
  const key = createHash('sha256')
    .update(JSON.stringify([swcVersion, swcOptions(filename)]))
    .update(source)
    .digest('hex');
  const cached = path.join(cacheDirectory, `${key}.js`);
  try {
    return readFileSync(cached, 'utf8');
  } catch {
    // Not compiled yet.
  }
  const { code } = require('@swc/core').transformSync(source, swcOptions(filename));
  try {
    // Written aside and renamed: another thread reading the same entry sees all of it or nothing.
    mkdirSync(cacheDirectory, { recursive: true });
    const partial = `${cached}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    writeFileSync(partial, code);
    renameSync(partial, cached);
  } catch {
    // A cache that cannot be written only costs time.
  }
  return code;
}

require.extensions['.ts'] = (module, filename) => {
  module._compile(compile(readFileSync(filename, 'utf8'), filename), filename);
};
