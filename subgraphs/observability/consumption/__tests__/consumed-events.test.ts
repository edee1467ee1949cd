import { randomUUID } from 'node:crypto';
import { startSubgraphHarness, useSubgraphHarness } from '../../../../test/support/harness/subgraph';
import { observabilityModule } from '../../module';
import { ConsumedEvent } from '../consumed-event.entity';
import { forgetConsumedBefore, recordNewEvents } from '../consumed-events';

describe.each(['postgresql', 'sqlite'] as const)('consumed events on %s', (dialect) => {
  const observability = useSubgraphHarness(() => startSubgraphHarness(observabilityModule, { dialect }));

  it('answers only the ids a group has not applied before, per group', async () => {
    const em = observability.subgraph.orm.em.fork();
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    expect(await em.transactional((tx) => recordNewEvents(tx, 'metrics', [a, b, a]))).toEqual(
      new Set([a, b]),
    );
    expect(await em.transactional((tx) => recordNewEvents(tx, 'metrics', [b, c]))).toEqual(new Set([c]));
    expect(await em.transactional((tx) => recordNewEvents(tx, 'drift', [a]))).toEqual(new Set([a]));
    expect(await em.transactional((tx) => recordNewEvents(tx, 'metrics', []))).toEqual(new Set());
  });

  it('records nothing when the transaction that applied the events rolls back', async () => {
    const em = observability.subgraph.orm.em.fork();
    const id = randomUUID();
    await expect(
      em.transactional(async (tx) => {
        await recordNewEvents(tx, 'metrics', [id]);
        throw new Error('the effects failed');
      }),
    ).rejects.toThrow('the effects failed');
    expect(await em.transactional((tx) => recordNewEvents(tx, 'metrics', [id]))).toEqual(new Set([id]));
  });

  it('takes more ids than one statement can bind', async () => {
    const em = observability.subgraph.orm.em.fork();
    const ids = Array.from({ length: 12_000 }, () => randomUUID());
    expect((await em.transactional((tx) => recordNewEvents(tx, 'bulk', ids))).size).toBe(12_000);
    expect((await em.transactional((tx) => recordNewEvents(tx, 'bulk', ids))).size).toBe(0);
  });

  it('forgets ids applied before a time', async () => {
    const em = observability.subgraph.orm.em.fork();
    const id = randomUUID();
    await em.transactional((tx) => recordNewEvents(tx, 'old', [id]));
    expect(await forgetConsumedBefore(em, new Date(Date.now() + 1000))).toBeGreaterThanOrEqual(1);
    expect(await em.count(ConsumedEvent, { consumerGroup: 'old' })).toBe(0);
  });
});
