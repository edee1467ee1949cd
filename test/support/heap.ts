import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// Jest runs without --expose-gc; the flag can still be set at run time and `gc` read from a fresh context.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Bytes of JavaScript heap in use after full garbage collections, so that only what is still held counts. */
export async function heapUsedAfterGc(): Promise<number> {
  for (let i = 0; i < 3; i += 1) {
    collectGarbage();
    // Lets finalizers and closed sockets' callbacks run between collections.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

export const MiB = 1024 * 1024;
