import type { Config } from '../../../../lib/config';
import { createModel, createVersion, member, useRegistry } from '../../../../test/support/harness/version';
import { RegistryVersions } from '../../deployment/registry-versions';
import { ModelNames } from '../model-names';

describe('model names of the Open Inference Protocol, resolved by the registry', () => {
  const registry = useRegistry({ dialect: 'postgresql' });
  const owner = member('OWNER');
  const stranger = member('OWNER');
  const TTL_MS = 5_000;

  /** ModelNames over the real registry, on a clock the test moves, counting the calls that reach the registry. */
  function names(ttlMs = TTL_MS) {
    const clock = { now: 1_000_000 };
    const counted = { calls: 0 };
    const config: Config = {
      ...registry.config,
      subgraphUrls: { ...registry.config.subgraphUrls, registry: registry.subgraph.url },
    };
    const registryVersions = new RegistryVersions(config, (input, init) => {
      counted.calls += 1;
      return fetch(input, init);
    });
    return { clock, counted, names: new ModelNames(registryVersions, { ttlMs, now: () => clock.now }) };
  }

  const unique = (label: string) => `${label}-${Math.random().toString(36).slice(2)}`;

  it('asks the registry once for concurrent and repeated lookups of a name, until it expires', async () => {
    const model = await createModel(registry, owner, { name: unique('iris') });
    const { clock, counted, names: resolver } = names();
    const ids = await Promise.all(Array.from({ length: 5 }, () => resolver.modelId(owner, model.name)));
    expect(ids).toEqual(Array(5).fill(model.id));
    expect(await resolver.modelId(owner, model.name)).toBe(model.id);
    expect(counted.calls).toBe(1);
    clock.now += TTL_MS + 1;
    expect(await resolver.modelId(owner, model.name)).toBe(model.id);
    expect(counted.calls).toBe(2);
  });

  it("resolves a name in the caller's organization only", async () => {
    const name = unique('shared');
    const mine = await createModel(registry, owner, { name });
    const { names: resolver } = names();
    expect(await resolver.modelId(owner, name)).toBe(mine.id);
    await expect(resolver.modelId(stranger, name)).rejects.toMatchObject({
      message: `Model "${name}" not found`,
      extensions: { code: 'NOT_FOUND' },
    });
    const theirs = await createModel(registry, stranger, { name });
    expect(await resolver.modelId(stranger, name)).toBe(theirs.id);
    expect(await resolver.modelId(owner, name)).toBe(mine.id);
  });

  it('does not remember a name no model has: a model created with it is found at once', async () => {
    const name = unique('later');
    const { counted, names: resolver } = names();
    await expect(resolver.modelId(owner, name)).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    const model = await createModel(registry, owner, { name });
    expect(await resolver.modelId(owner, name)).toBe(model.id);
    expect(counted.calls).toBe(2);
  });

  it('asks every time when remembering is off, and remembers version numbers for good', async () => {
    const model = await createModel(registry, owner, { name: unique('numbers') });
    await createVersion(registry, owner, model.id);
    const second = await createVersion(registry, owner, model.id);
    const { counted, names: resolver } = names(0);
    await resolver.modelId(owner, model.name);
    await resolver.modelId(owner, model.name);
    expect(counted.calls).toBe(2);
    expect(await resolver.versionNumber(owner, second.version.id)).toBe(2);
    expect(await resolver.versionNumber(owner, second.version.id)).toBe(2);
    expect(counted.calls).toBe(3);
  });
});
