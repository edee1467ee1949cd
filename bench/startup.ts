import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbedded } from '../test/support/embedded';

/**
 * Embedded start-up (`npm start` after the build): time from spawning `node dist/main.js` to the gateway
 * announcing itself, on a fresh data folder and on restarts over the same data. `npm run build` first.
 */
async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mlaas-bench-startup-'));
  try {
    for (const run of ['fresh data folder', 'restart', 'restart']) {
      const started = performance.now();
      const platform = await startEmbedded(dataDir);
      const elapsed = performance.now() - started;
      const reported = /started in ([\d.]+)s/.exec(platform.process.output())?.[1];
      console.log(
        `${run.padEnd(18)} ready after ${(elapsed / 1000).toFixed(2)} s (process reports ${reported} s)`,
      );
      await platform.process.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
