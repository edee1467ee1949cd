import { InMemoryCache } from '../../../../lib/cache/in-memory-cache';
import { createLogger } from '../../../../lib/logger';
import { L2Policy } from '../l2-policy';
import { PredictionCache } from '../prediction-cache';

describe('PredictionCache: an answer lives as long as the replica that computed it meant', () => {
  const logger = createLogger('prediction-cache-ttl', 'silent');
  const prediction = { label: 'setosa', value: null, probabilities: null };

  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  const replica = (l2: InMemoryCache) =>
    new PredictionCache({ l1MaxBytes: 1 << 20, l2, policy: new L2Policy(), logger });

  it('copies an answer found in Redis into memory for its remaining life only, not a fresh TTL', async () => {
    const l2 = new InMemoryCache();
    const computing = replica(l2);
    const other = replica(l2);
    computing.store([{ key: 'k', prediction }], 10, true);
    await jest.advanceTimersByTimeAsync(8_000);

    const shared = await other.lookup('d', ['k'], 10);
    expect(shared.hits[0]).toEqual({ prediction, level: 'REDIS' });
    expect((await other.lookup('d', ['k'], 10)).hits[0]?.level).toBe('MEMORY');

    // 10 s after it was computed the answer is gone everywhere, though the other replica copied it 3 s ago.
    await jest.advanceTimersByTimeAsync(2_001);
    expect((await other.lookup('d', ['k'], 10)).hits[0]).toBeUndefined();
    expect((await computing.lookup('d', ['k'], 10)).hits[0]).toBeUndefined();
  });
});
