import type { AuthenticatedCaller } from '../../../lib/caller';
import { echoInput, errors } from '../../../lib/errors';
import { LruCache } from '../../../lib/lru-cache';
import type { RegistryVersions } from '../deployment/registry-versions';

export interface ModelNamesOptions {
  /** How long a resolved name is kept, per organization (MODEL_NAME_CACHE_MS); 0 keeps nothing. */
  ttlMs: number;
  /**
   * Names and version numbers kept at most, each; the oldest go first.
   * @default 10000
   */
  maxEntries?: number;
  now?: () => number;
}

interface Remembered<T> {
  value: Promise<T>;
  expiresAt: number;
}

/**
 * What the Open Inference Protocol's paths name, resolved over the registry's internal path and remembered, so
 * that an inference does not pay a registry hop per request:
 * - a model's name → its id, per organization, for `ttlMs` (a few seconds). Names can change (`updateModel`): a
 *   renamed model answers to its old name for up to `ttlMs` on a replica that resolved it, and a new model that
 *   takes a freed name is reachable by it after as long. Unknown names are not remembered: a model just created is
 *   found at once.
 * - a version's id → its number, for good: numbers never change. Ids come only from deployments of the caller's
 *   organization, so the key needs no organization.
 * Concurrent misses for one key share one registry call.
 */
export class ModelNames {
  private readonly ids: LruCache<string, Remembered<string>>;
  private readonly numbers: LruCache<string, Promise<number>>;
  private readonly now: () => number;

  constructor(
    private readonly registry: RegistryVersions,
    private readonly options: ModelNamesOptions,
  ) {
    this.ids = new LruCache(options.maxEntries ?? 10_000);
    this.numbers = new LruCache(options.maxEntries ?? 10_000);
    this.now = options.now ?? Date.now;
  }

  /** The id of the caller's organization's model named `name`; NOT_FOUND when there is none. */
  modelId(caller: AuthenticatedCaller, name: string): Promise<string> {
    const key = `${caller.organizationId}\n${name}`;
    const remembered = this.ids.get(key);
    if (remembered && remembered.expiresAt > this.now()) return remembered.value;
    const value = this.registry.modelIdByName(caller, name).then((id) => {
      if (id === null) throw errors.notFound(`Model "${echoInput(name)}"`);
      return id;
    });
    if (this.options.ttlMs > 0) {
      this.ids.set(key, { value, expiresAt: this.now() + this.options.ttlMs });
      value.catch(() => this.ids.get(key)?.value === value && this.ids.delete(key));
    }
    return value;
  }

  /** The number of a version the caller's organization has deployed. */
  versionNumber(caller: AuthenticatedCaller, versionId: string): Promise<number> {
    const remembered = this.numbers.get(versionId);
    if (remembered) return remembered;
    const value = this.registry.versionNumber(caller, versionId);
    this.numbers.set(versionId, value);
    value.catch(() => this.numbers.get(versionId) === value && this.numbers.delete(versionId));
    return value;
  }
}
