import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../lib/paths';

export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  /** Everything the process wrote so far (for failure messages). */
  output(): string;
  /** Sends SIGTERM and waits for the exit (SIGKILL after a grace period). */
  stop(): Promise<void>;
}

/** Starts `node dist/<entry>` as a separate process, as production runs it. Needs `npm run build` first. */
export function spawnService(
  name: string,
  entry: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): ServiceProcess {
  return spawnNode(name, path.join(projectRoot, 'dist', entry), env, nodeArgs);
}

/** Starts `node <script>` (an absolute path) as a separate process with only the given environment. */
export function spawnNode(
  name: string,
  script: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): ServiceProcess {
  const child = spawn(process.execPath, [...nodeArgs, script], {
    cwd: projectRoot,
    // No NODE_ENV: each service runs with the default its mode gives it, as a user's would.
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls a URL until it answers 200, failing early (with the process output) if the process exits. */
export async function waitForReady(
  url: string,
  service: ServiceProcess,
  timeoutMs = 30_000,
): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (service.child.exitCode !== null) {
      throw new Error(`${service.name} exited with ${service.child.exitCode}:\n${service.output()}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${service.name} not ready at ${url} after ${timeoutMs} ms:\n${service.output()}`);
}

/** Waits until the process has written `text` (a log line saying it is ready), failing early if it exits. */
export async function waitForOutput(
  service: ServiceProcess,
  text: string,
  timeoutMs = 30_000,
): Promise<void> {
  const started = Date.now();
  while (!service.output().includes(text)) {
    if (service.child.exitCode !== null) {
      throw new Error(`${service.name} exited with ${service.child.exitCode}:\n${service.output()}`);
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(`${service.name} did not write "${text}" within ${timeoutMs} ms:\n${service.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
