/**
 * Loaded models by key (a deployment, a version…) under a memory budget: least recently used models are evicted
 * when a load takes the total `sizeBytes` over it, and load again on their next use. A model is released only
 * once nobody uses it: an eviction during a prediction waits for that prediction to end.
 */
import type { FeatureRow } from './onnx-feeds';
import type { RowPrediction, ServingModel } from './serving-model';

export interface ServingModelCacheOptions {
  /** Sum of the resident models' `sizeBytes` that loads may not exceed (one model larger than it still loads). */
  maxBytes: number;
  /** Loads the model of a key: reads its bytes and calls `ServingModel.load`. A failure is not cached. */
  load: (key: string) => Promise<ServingModel>;
}

interface Entry {
  ready: Promise<ServingModel>;
  model: ServingModel | null;
  /** Callers holding the model (or waiting for its load). */
  users: number;
  /** Out of the cache: released as soon as it has no user. */
  evicted: boolean;
  released: boolean;
}

export class ServingModelCache {
  /** In use order: the first entry is the least recently used. */
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(private readonly options: ServingModelCacheOptions) {}

  /** The `sizeBytes` of the loaded models the cache holds. */
  get residentBytes(): number {
    return this.bytes;
  }

  /** Keys whose model is held or loading, least recently used first. */
  keys(): string[] {
    return [...this.entries.keys()];
  }

  /** Runs `work` on the key's model (loaded once for concurrent callers), which stays loaded until it returns. */
  async use<T>(key: string, work: (model: ServingModel) => Promise<T>): Promise<T> {
    const entry = this.acquire(key);
    try {
      return await work(await entry.ready);
    } finally {
      entry.users--;
      this.releaseIfUnused(entry);
    }
  }

  predict(key: string, rows: readonly FeatureRow[]): Promise<RowPrediction[]> {
    return this.use(key, (model) => model.predict(rows));
  }

  /** Drops the key's model (an undeploy, a replaced file): released once its running predictions end. */
  delete(key: string): void {
    const entry = this.entries.get(key);
    if (entry) this.evict(key, entry);
  }

  /** Drops every model. */
  clear(): void {
    for (const [key, entry] of [...this.entries]) this.evict(key, entry);
  }

  private acquire(key: string): Entry {
    let entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    } else {
      entry = this.startLoad(key);
      this.entries.set(key, entry);
    }
    entry.users++;
    return entry;
  }

  private startLoad(key: string): Entry {
    const entry: Entry = { ready: null!, model: null, users: 0, evicted: false, released: false };
    entry.ready = this.options.load(key).then(
      (model) => {
        entry.model = model;
        if (entry.evicted) {
          this.releaseIfUnused(entry);
        } else {
          this.bytes += model.sizeBytes;
          this.evictOverBudget(entry);
        }
        return model;
      },
      (error: unknown) => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
        entry.evicted = true;
        throw error;
      },
    );
    return entry;
  }

  /** Least recently used first; models still loading take no memory yet and are skipped. */
  private evictOverBudget(loaded: Entry): void {
    for (const [key, entry] of [...this.entries]) {
      if (this.bytes <= this.options.maxBytes) return;
      if (entry !== loaded && entry.model) this.evict(key, entry);
    }
  }

  private evict(key: string, entry: Entry): void {
    this.entries.delete(key);
    entry.evicted = true;
    if (entry.model) this.bytes -= entry.model.sizeBytes;
    this.releaseIfUnused(entry);
  }

  private releaseIfUnused(entry: Entry): void {
    if (!entry.evicted || entry.users > 0 || !entry.model || entry.released) return;
    entry.released = true;
    // Nobody holds the model and nobody can get it any more: a failed release has no one to report to.
    entry.model.release().catch(() => undefined);
  }
}
