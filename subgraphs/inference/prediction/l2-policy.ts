/** An exponentially weighted moving average: recent samples count most, so the estimate follows drift. */
export class Ewma {
  private current: number | undefined;

  constructor(private readonly weight = 0.2) {}

  get value(): number | undefined {
    return this.current;
  }

  add(sample: number): void {
    this.current = this.current === undefined ? sample : this.current + this.weight * (sample - this.current);
  }
}

export interface L2PolicyOptions {
  /**
   * While L2 is skipped, one lookup in this many still goes to L2, so the round trip (and what L2 holds) stays
   * measured and the decision can turn back.
   * @default 50
   */
  probeEvery?: number;
}

/**
 * Decides whether looking a prediction up in L2 (Redis) is worth it. A Redis round trip costs ~100 µs here; a
 * small ONNX model computes a row in 15–35 µs, so asking Redis would be slower than computing. L2 is skipped while
 * the measured run time of the rows is below the measured round trip, per deployment; until both are measured, L2
 * is used (that is how they get measured).
 */
export class L2Policy {
  private readonly roundTripMs = new Ewma();
  private readonly runMsPerRow = new Map<string, Ewma>();
  private readonly skipped = new Map<string, number>();
  private readonly probeEvery: number;

  constructor(options: L2PolicyOptions = {}) {
    this.probeEvery = options.probeEvery ?? 50;
  }

  /** Whether to look `rows` missed rows of the deployment up in L2 (and store their answers there). */
  useL2(deploymentId: string, rows: number): boolean {
    const roundTrip = this.roundTripMs.value;
    const perRow = this.runMsPerRow.get(deploymentId)?.value;
    if (roundTrip === undefined || perRow === undefined || perRow * rows >= roundTrip) {
      this.skipped.delete(deploymentId);
      return true;
    }
    const skipped = (this.skipped.get(deploymentId) ?? 0) + 1;
    if (skipped >= this.probeEvery) {
      this.skipped.set(deploymentId, 0);
      return true;
    }
    this.skipped.set(deploymentId, skipped);
    return false;
  }

  /** A model run of the deployment: `rows` rows in `ms`. */
  recordRun(deploymentId: string, rows: number, ms: number): void {
    if (rows <= 0) return;
    let ewma = this.runMsPerRow.get(deploymentId);
    if (!ewma) this.runMsPerRow.set(deploymentId, (ewma = new Ewma()));
    ewma.add(ms / rows);
  }

  /** An L2 call's round trip. */
  recordRoundTrip(ms: number): void {
    this.roundTripMs.add(ms);
  }

  forget(deploymentId: string): void {
    this.runMsPerRow.delete(deploymentId);
    this.skipped.delete(deploymentId);
  }
}
