'use strict';
/* global require, process, global */
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS: preloaded with node --require, before anything compiles */
// Preloaded (node --expose-gc --require) into the process whose memory the hostile corpus watches: on SIGUSR2 it
// collects garbage and writes process.memoryUsage() to MEMORY_PROBE_FILE, so a test reads the heap of another
// process without depending on its /metrics endpoint (which the platform may keep private).
const { writeFileSync } = require('node:fs');

process.on('SIGUSR2', () => {
  if (typeof global.gc === 'function') {
    global.gc();
    global.gc();
  }
  writeFileSync(process.env.MEMORY_PROBE_FILE, JSON.stringify({ ...process.memoryUsage(), at: Date.now() }));
});
