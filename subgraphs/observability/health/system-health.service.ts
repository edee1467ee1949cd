import type { ReadinessReport } from '../../../lib/server/health';
import type { ObservabilityRequest } from '../observability-request';

export type HealthStatus = 'UP' | 'DEGRADED' | 'DOWN';

export interface ServiceHealth {
  name: string;
  status: HealthStatus;
  latencyMs: number | null;
  details: unknown;
}

export interface SystemHealth {
  status: HealthStatus;
  services: ServiceHealth[];
}

const PROBE_TIMEOUT_MS = 3_000;

/**
 * Asks every service for its readiness over HTTP, as a load balancer would, so the answer reflects what clients get
 * and not what this process believes.
 */
export class SystemHealthService {
  constructor(
    private readonly request: ObservabilityRequest,
    private readonly readinessUrls: Record<string, string>,
  ) {}

  /** Any signed-in caller may ask; the answer holds statuses only. */
  async check(): Promise<SystemHealth> {
    this.request.user();
    const services = await Promise.all(
      Object.entries(this.readinessUrls).map(([name, url]) => this.probe(name, url)),
    );
    const up = services.filter((s) => s.status === 'UP').length;
    const status: HealthStatus = up === services.length ? 'UP' : up === 0 ? 'DOWN' : 'DEGRADED';
    return { status, services };
  }

  private async probe(name: string, url: string): Promise<ServiceHealth> {
    const started = performance.now();
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
      const report = (await response.json()) as ReadinessReport;
      const latencyMs = performance.now() - started;
      // Each check's status only: a failing check's error text names hosts and drivers, not for clients.
      const checks = Object.fromEntries(
        Object.entries(report.checks ?? {}).map(([check, c]) => [check, c.status]),
      );
      return { name, status: response.ok ? 'UP' : 'DOWN', latencyMs, details: { checks } };
    } catch {
      return { name, status: 'DOWN', latencyMs: null, details: { checks: {}, reachable: false } };
    }
  }
}
