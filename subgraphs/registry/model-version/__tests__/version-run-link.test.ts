import { randomUUID } from 'node:crypto';
import {
  createModel,
  createVersion,
  dataOf,
  errorsOf,
  member,
  useRegistry,
} from '../../../../test/support/harness/version';

const CREATE_RUN = `mutation ($experimentId: ID!) { createRun(experimentId: $experimentId, params: { lr: 0.1 }) { id } }`;
const RUN_VERSIONS = `query ($id: ID!) { run(id: $id) { id modelVersions { id version run { id } } } }`;

describe('registry: a run links to the model versions it produced', () => {
  const registry = useRegistry({ dialect: 'postgresql' });
  const owner = member('OWNER');
  const stranger = member('OWNER');

  const startRun = async (caller = owner) => {
    const experiment = await registry.call<{ createExperiment: { id: string } }>(
      caller,
      'mutation ($name: String!) { createExperiment(input: { name: $name }) { id } }',
      { name: `exp-${randomUUID().slice(0, 8)}` },
    );
    const run = await registry.call<{ createRun: { id: string } }>(caller, CREATE_RUN, {
      experimentId: dataOf(experiment).createExperiment.id,
    });
    return dataOf(run).createRun.id;
  };

  it('lists the versions created with a run id under the run, and the run under each version', async () => {
    const runId = await startRun();
    const model = await createModel(registry, owner, { name: 'linked' });
    const first = await createVersion(registry, owner, model.id, { runId });
    const second = await createVersion(registry, owner, model.id, { runId });
    await createVersion(registry, owner, model.id);

    const result = dataOf(
      await registry.call<{ run: { modelVersions: { id: string; run: { id: string } }[] } }>(
        owner,
        RUN_VERSIONS,
        { id: runId },
      ),
    );
    expect(result.run.modelVersions.map((v) => v.id)).toEqual([first.version.id, second.version.id]);
    expect(result.run.modelVersions.every((v) => v.run.id === runId)).toBe(true);
  });

  it('refuses a run of another organization as NOT_FOUND, and creates nothing', async () => {
    const theirRun = await startRun(stranger);
    const model = await createModel(registry, owner, { name: 'foreign-run' });
    const result = await registry.call(
      owner,
      `mutation ($modelId: ID!, $input: CreateModelVersionInput!) { createModelVersion(modelId: $modelId, input: $input) { version { id } } }`,
      {
        modelId: model.id,
        input: { format: 'ONNX', inputSchema: [{ name: 'x', type: 'NUMBER' }], runId: theirRun },
      },
    );
    expect(errorsOf(result)).toEqual([{ code: 'NOT_FOUND' }]);
    const versions = await registry.call<{ model: { versions: unknown[] } }>(
      owner,
      'query ($id: ID!) { model(id: $id) { versions { id } } }',
      { id: model.id },
    );
    expect(dataOf(versions).model.versions).toEqual([]);
  });
});
