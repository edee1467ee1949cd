import { readFileSync } from 'node:fs';
import { datasetFixturePath } from '../../../../test/fixtures/datasets';
import { readyDataset } from '../../../../test/support/harness/dataset';
import {
  createModel,
  member,
  useRegistry,
  type RegistryHarness,
} from '../../../../test/support/harness/registry';
import { CANCEL_JOB, startJob, startWorker, waitForJob } from '../../../../test/support/harness/training-job';
import type { AuthenticatedCaller } from '../../../../lib/caller';
import { scrapeMetrics } from '../../../../test/support/metrics';

const iris = readFileSync(datasetFixturePath('iris'));

/** `name{status="…"} value` of a /metrics answer, by status. */
function byStatus(text: string, name: string): Record<string, number> {
  const values: Record<string, number> = {};
  for (const [, labels, value] of text.matchAll(new RegExp(`^${name}\\{([^}]*)\\} (\\S+)$`, 'gm'))) {
    const status = /status="(\w+)"/.exec(labels)![1];
    values[status] = Number(value);
  }
  return values;
}

describe.each(['postgresql', 'sqlite'] as const)('training jobs in the registry /metrics (%s)', (dialect) => {
  const registry = useRegistry({ dialect });
  const ada = member('OWNER');
  const bob = member('OWNER');

  async function queue(
    harness: RegistryHarness,
    caller: AuthenticatedCaller,
    epochs: number,
  ): Promise<string> {
    const modelId = (await createModel(harness, caller, { name: `iris-${epochs}` })).id;
    const datasetId = (await readyDataset(harness, caller, `iris-${epochs}`, iris)).id;
    const result = await startJob(harness, caller, {
      modelId,
      datasetId,
      targetColumn: 'target',
      algorithm: 'LOGISTIC_REGRESSION',
      hyperparameters: { epochs, earlyStoppingPatience: epochs },
    });
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!.startTrainingJob.id;
  }

  it('counts the jobs of every organization by status, and the epochs they completed', async () => {
    const worker = await startWorker(registry);
    let trained: { epoch: number };
    try {
      trained = await waitForJob(registry, ada, await queue(registry, ada, 3), ['SUCCEEDED']);
    } finally {
      await worker.stop();
    }
    await queue(registry, bob, 4);
    const cancelled = await queue(registry, ada, 5);
    expect((await registry.call(ada, CANCEL_JOB, { id: cancelled })).errors).toBeUndefined();

    const text = await scrapeMetrics(registry.subgraph.url);
    expect(byStatus(text, 'mlaas_training_jobs')).toEqual({
      QUEUED: 1,
      RUNNING: 0,
      SUCCEEDED: 1,
      FAILED: 0,
      CANCELLED: 1,
    });
    expect(trained.epoch).toBeGreaterThan(0);
    expect(byStatus(text, 'mlaas_training_job_epochs')).toEqual({
      QUEUED: 0,
      RUNNING: 0,
      SUCCEEDED: trained.epoch,
      FAILED: 0,
      CANCELLED: 0,
    });
  }, 60_000);
});
