import path from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** True when this process runs the TypeScript sources (jest, tsx), false when it runs the build in dist/. */
export const runningFromSource = __filename.endsWith('.ts');

const typescriptLoader = path.join(__dirname, 'typescript-loader.cjs');

/**
 * Starts the thread script `name` of `directory` (its caller's `__dirname`) from the same code the caller runs:
 * `name.js` in a build, `name.ts` from source, compiled as it loads. A thread started from jest or tsx thus runs
 * the code under test, never a stale dist/. The thread does not inherit the parent's `execArgv` (under tsx, its
 * loader would compile the sources a second way).
 */
export function startWorkerThread(directory: string, name: string, options: WorkerOptions = {}): Worker {
  if (!runningFromSource) return new Worker(path.join(directory, `${name}.js`), options);
  return new Worker(path.join(directory, `${name}.ts`), {
    ...options,
    // Not --enable-source-maps: it adds a third to a thread's start (the compiled files carry inline maps).
    execArgv: ['--require', typescriptLoader, ...(options.execArgv ?? [])],
  });
}
