import type { Deployment } from '../deployment/deployment.entity';

export interface ReadyDeploymentsOptions {
  /**
   * How long a model's READY deployment is reused without reading the database again. The deployment events
   * forget it at once on every replica; this bounds how long an event lost on the bus (delivery is at most once)
   * can leave a replica predicting with a deployment that was replaced or stopped.
   * @default 2000
   */
  maxAgeMs?: number;
  now?: () => number;
}

interface Known {
  deployment: Deployment;
  readAt: number;
}

/**
 * The READY deployment of each model this replica predicts with, so that a prediction does not read the database:
 * that read was half of the inference process's CPU under load (MikroORM, pg and PostgreSQL's own work) for a
 * model that runs in microseconds. Keyed by organization and model, so one organization's entry can never answer
 * another's request. Entries are plain snapshots, read and never changed by predictions.
 *
 * Every deployment change (a READY switch, a stop) reaches every replica as a deployment event, which calls
 * `forgetAll()`; a read that started before the change cannot store its stale answer afterwards (generation check).
 * "No READY deployment" is never remembered: a deploy is answered at once.
 */
export class ReadyDeployments {
  private readonly known = new Map<string, Known>();
  private generation = 0;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(options: ReadyDeploymentsOptions = {}) {
    this.maxAgeMs = options.maxAgeMs ?? 2_000;
    this.now = options.now ?? Date.now;
  }

  /** The model's READY deployment, remembered, or read by `read` (whose errors pass through, never remembered). */
  async get(organizationId: string, modelId: string, read: () => Promise<Deployment>): Promise<Deployment> {
    const key = `${organizationId}/${modelId}`;
    const known = this.known.get(key);
    if (known && this.now() - known.readAt < this.maxAgeMs) return known.deployment;
    const generation = this.generation;
    const readAt = this.now();
    const deployment = await read();
    if (generation === this.generation) this.known.set(key, { deployment, readAt });
    return deployment;
  }

  /** A deployment changed somewhere: the next prediction of every model reads the database again. */
  forgetAll(): void {
    this.generation++;
    this.known.clear();
  }
}
