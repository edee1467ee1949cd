/**
 * @jest-environment ./test/onnxruntime-environment.ts
 */
import { createHash } from 'node:crypto';
import { sklearnModelFixture } from '../../../test/fixtures/onnx/sklearn-models';
import { ModelLoadError, ServingModel } from '../serving-model';
import { ServingModelCache } from '../serving-model-cache';

const forest = sklearnModelFixture('random_forest_tensor.onnx');
const sha256 = createHash('sha256').update(forest.bytes).digest('hex');
const rows = forest.rows.slice(0, 3);
const size = forest.bytes.byteLength;
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** Every key serves the same real forest; `loaded[key]` lists the models loaded for it, in order. */
function forestCache(maxBytes: number, failFirstLoadOf: string | null = null) {
  const loaded: Record<string, ServingModel[]> = {};
  let failing = failFirstLoadOf;
  const cache = new ServingModelCache({
    maxBytes,
    load: async (key) => {
      const recorded = key === failing ? '0'.repeat(64) : sha256;
      if (key === failing) failing = null;
      const model = await ServingModel.load(forest.bytes, recorded, {
        features: forest.features,
        labels: null,
      });
      (loaded[key] ??= []).push(model);
      return model;
    },
  });
  return { cache, loaded };
}

/** A released model's session is disposed: predicting on it fails. */
async function expectReleased(model: ServingModel) {
  await nextTurn();
  await expect(model.predict(rows)).rejects.toThrow(/disposed/);
}

describe('ServingModelCache', () => {
  let caches: ServingModelCache[] = [];
  const track = <T extends { cache: ServingModelCache }>(made: T) => (caches.push(made.cache), made);
  afterEach(() => {
    caches.forEach((c) => c.clear());
    caches = [];
  });

  it('loads a model once for concurrent first predictions and serves its predictions', async () => {
    const { cache, loaded } = track(forestCache(10 * size));
    const results = await Promise.all(Array.from({ length: 5 }, () => cache.predict('a', rows)));
    expect(loaded.a).toHaveLength(1);
    for (const predictions of results)
      expect(predictions.map((p) => p.label)).toEqual(forest.label!.slice(0, 3));
    expect(cache.residentBytes).toBe(size);
  });

  it('evicts the least recently used model over the budget, releases it, and reloads it on demand', async () => {
    const { cache, loaded } = track(forestCache(2 * size));
    await cache.predict('a', rows);
    await cache.predict('b', rows);
    await cache.predict('a', rows);
    await cache.predict('c', rows);
    expect(cache.keys()).toEqual(['a', 'c']);
    expect(cache.residentBytes).toBe(2 * size);
    await expectReleased(loaded.b[0]);

    await cache.predict('b', rows);
    expect(loaded.b).toHaveLength(2);
    expect(cache.keys()).toEqual(['c', 'b']);
    await expectReleased(loaded.a[0]);
    expect(loaded.c).toHaveLength(1);
  });

  it('releases an evicted model only when the prediction running on it has ended', async () => {
    const { cache, loaded } = track(forestCache(size));
    await cache.use('a', async (model) => {
      await cache.predict('b', rows);
      expect(cache.keys()).toEqual(['b']);
      await nextTurn();
      expect((await model.predict(rows)).map((p) => p.label)).toEqual(forest.label!.slice(0, 3));
    });
    await expectReleased(loaded.a[0]);
  });

  it('drops a deleted model once its predictions end, and loads it again on the next use', async () => {
    const { cache, loaded } = track(forestCache(10 * size));
    await cache.use('a', async (model) => {
      cache.delete('a');
      expect(cache.residentBytes).toBe(0);
      await nextTurn();
      await model.predict(rows);
    });
    await expectReleased(loaded.a[0]);
    await cache.predict('a', rows);
    expect(loaded.a).toHaveLength(2);
  });

  it('does not keep a failed load: every waiter sees the error, the next use loads again', async () => {
    const { cache, loaded } = track(forestCache(10 * size, 'a'));
    const attempts = await Promise.allSettled([cache.predict('a', rows), cache.predict('a', rows)]);
    for (const attempt of attempts) {
      expect(attempt.status).toBe('rejected');
      expect((attempt as PromiseRejectedResult).reason).toBeInstanceOf(ModelLoadError);
    }
    expect(cache.keys()).toEqual([]);
    await cache.predict('a', rows);
    expect(loaded.a).toHaveLength(1);
  });

  it('still serves a model larger than the whole budget, alone', async () => {
    const { cache } = track(forestCache(size - 1));
    await cache.predict('a', rows);
    await cache.predict('b', rows);
    expect(cache.keys()).toEqual(['b']);
    expect(cache.residentBytes).toBe(size);
  });
});
