import { readinessUrl, type ReadinessCheck } from '../lib/server/health';

/** The gateway is ready when every subgraph says it is ready (each check is bounded by checkReadiness). */
export function subgraphReadinessChecks(
  subgraphUrls: Record<string, string>,
): Record<string, ReadinessCheck> {
  return Object.fromEntries(
    Object.entries(subgraphUrls).map(([name, url]) => [
      `subgraph:${name}`,
      async () => {
        const response = await fetch(readinessUrl(url), { signal: AbortSignal.timeout(2_000) });
        await response.body?.cancel();
        if (response.status !== 200) throw new Error(`${name} answered ${response.status}`);
      },
    ]),
  );
}
