import { randomUUID } from 'node:crypto';
import type { EntityManager } from '../../../../lib/database';
import { startSubgraphHarness, useSubgraphHarness } from '../../../../test/support/harness/subgraph';
import { DriftPolicy } from '../../drift-policy/drift-policy.entity';
import { observabilityModule } from '../../module';
import { addToWindows } from '../window-ingest';
import { DriftWindowRow } from '../window-row.entity';
import { irisRows, predictionEvents } from './drift-setup';

describe.each(['postgresql', 'sqlite'] as const)('drift windows on %s', (dialect) => {
  const observability = useSubgraphHarness(() => startSubgraphHarness(observabilityModule, { dialect }));
  const model = () => ({ organizationId: randomUUID(), modelId: randomUUID(), versionId: randomUUID() });
  const apply = (events: ReturnType<typeof predictionEvents>) =>
    observability.subgraph.orm.em.fork().transactional((tx) => addToWindows(tx as EntityManager, events));

  async function withWindow(m: ReturnType<typeof model>, windowSize: number) {
    const policy = Object.assign(new DriftPolicy(), { ...m, windowSize });
    await observability.subgraph.orm.em.fork().persistAndFlush(policy);
  }

  it('finds a report due once per windowSize rows, however the rows are split between replicas', async () => {
    const m = model();
    await withWindow(m, 30);
    // Two consumers (replicas) applying halves of one window at the same time: exactly one sees it due.
    const due = await Promise.all([
      apply(predictionEvents(m, irisRows.slice(0, 15))),
      apply(predictionEvents(m, irisRows.slice(15, 30))),
    ]);
    expect(due.flat()).toEqual([{ organizationId: m.organizationId, modelId: m.modelId }]);
    expect(await apply(predictionEvents(m, irisRows.slice(0, 29)))).toEqual([]);
    expect(await apply(predictionEvents(m, irisRows.slice(0, 1)))).toHaveLength(1);
  });

  it('keeps the newest windowSize rows of each model', async () => {
    const m = model();
    await withWindow(m, 30);
    await apply(predictionEvents(m, irisRows.slice(0, 100)));
    const em = observability.subgraph.orm.em.fork();
    const rows = await em.find(DriftWindowRow, { modelId: m.modelId }, { orderBy: { seq: 'asc' } });
    expect(rows.map((r) => r.features)).toEqual(irisRows.slice(70, 100));
  });
});
