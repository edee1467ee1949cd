import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import type { ServiceProcess } from '../test/support/processes';

/** Start a service with these node arguments so that `sampleMemory` can reach its inspector. */
export const INSPECTABLE = ['--inspect=127.0.0.1:0'];

export interface MemorySample {
  /** VmRSS of the process. */
  rssBytes: number;
  /** V8 heap in use right after a full garbage collection. */
  heapUsedBytes: number;
}

function inspectorUrl(service: ServiceProcess): string {
  const url = /Debugger listening on (ws:\/\/\S+)/.exec(service.output())?.[1];
  if (!url) throw new Error(`${service.name} was not started with ${INSPECTABLE.join(' ')}`);
  return url;
}

function residentBytes(pid: number): number {
  const kib = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (!kib) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kib) * 1024;
}

/**
 * Heap and RSS of a running service. A heap figure read at a random moment includes whatever garbage the last
 * collection left, which at 1,000 subscribers is of the order of the difference being measured; so a full
 * collection is forced first, through the Chrome DevTools protocol of the service's inspector.
 */
export async function sampleMemory(service: ServiceProcess): Promise<MemorySample> {
  const socket = new WebSocket(inspectorUrl(service));
  await once(socket, 'open');
  let lastId = 0;
  const call = (method: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = ++lastId;
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(data.toString()) as {
          id?: number;
          result?: Record<string, unknown>;
          error?: { message: string };
        };
        if (message.id !== id) return;
        socket.off('message', onMessage);
        if (message.error) reject(new Error(`${method}: ${message.error.message}`));
        else resolve(message.result ?? {});
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id, method }));
    });
  try {
    await call('HeapProfiler.collectGarbage');
    const heap = await call('Runtime.getHeapUsage');
    return { heapUsedBytes: Number(heap.usedSize), rssBytes: residentBytes(service.child.pid!) };
  } finally {
    socket.close();
  }
}

/** Kernel clock ticks per second (`getconf CLK_TCK`), 100 on Linux everywhere this runs. */
const TICKS_PER_SECOND = 100;

/** CPU time (user + system, every thread) a process has used so far, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; fields after its closing parenthesis are plain.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}
