/** A dependency the service cannot serve without (its database, Redis, the object store, a subgraph). */
export type ReadinessCheck = () => Promise<unknown>;

export interface ReadinessReport {
  status: 'UP' | 'DOWN';
  checks: Record<string, { status: 'UP' | 'DOWN'; latencyMs: number; error?: string; details?: unknown }>;
}

const CHECK_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]);
}

/** Runs every check at once, each bounded by a timeout, and reports DOWN if any fails. */
export async function checkReadiness(checks: Record<string, ReadinessCheck>): Promise<ReadinessReport> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      const started = performance.now();
      try {
        const details = await withTimeout(check(), CHECK_TIMEOUT_MS);
        const latencyMs = performance.now() - started;
        return [
          name,
          { status: 'UP' as const, latencyMs, ...(details !== undefined ? { details } : {}) },
        ] as const;
      } catch (error) {
        const latencyMs = performance.now() - started;
        return [name, { status: 'DOWN' as const, latencyMs, error: (error as Error).message }] as const;
      }
    }),
  );
  const report: ReadinessReport['checks'] = Object.fromEntries(entries);
  const status = entries.every(([, c]) => c.status === 'UP') ? 'UP' : 'DOWN';
  return { status, checks: report };
}

/** `http://host:port/graphql` → `http://host:port/health/ready`: every service serves health beside /graphql. */
export function readinessUrl(graphqlUrl: string): string {
  return new URL('/health/ready', graphqlUrl).href;
}
