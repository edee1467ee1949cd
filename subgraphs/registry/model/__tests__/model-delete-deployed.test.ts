/** @jest-environment ./test/onnxruntime-environment.ts */
import { randomUUID } from 'node:crypto';
import { linearRegressionOnnx } from '../../../../test/fixtures/onnx/sklearn';
import {
  deploy,
  insertDeployment,
  UNDEPLOY,
  unreachableUrl,
  useInference,
} from '../../../../test/support/harness/inference';
import {
  createModel,
  dataOf,
  errorsOf,
  member,
  uploadVersion,
  useRegistry,
} from '../../../../test/support/harness/version';

const DELETE_MODEL = `mutation ($id: ID!) { deleteModel(id: $id) }`;
const GET_MODEL = `query ($id: ID!) { model(id: $id) { id } }`;

describe('registry: deleteModel asks inference whether the model is deployed', () => {
  const registry = useRegistry({ dialect: 'postgresql' });
  const inference = useInference(registry);
  const owner = member('OWNER');
  const stranger = member('OWNER');

  async function deployable(name: string) {
    const model = await createModel(registry, owner, { name, taskType: 'REGRESSION' });
    const version = await uploadVersion(registry, owner, model.id, linearRegressionOnnx({ features: 4 }));
    return { model, version };
  }

  /** A deployment of the model as inference keeps it, in the owner's organization unless told. */
  const deployed = (
    model: { id: string },
    version: { id: string },
    status: 'PENDING' | 'LOADING' | 'READY' | 'FAILED' | 'STOPPED',
    organizationId = owner.organizationId,
  ) => insertDeployment(inference, { organizationId, modelId: model.id, versionId: version.id, status });

  const exists = async (id: string) => !(await registry.call(owner, GET_MODEL, { id })).errors;

  it('refuses while a deployment is READY, naming it and how to stop it; deletes once it is undeployed', async () => {
    const { model } = await deployable('served');
    const deployment = await deploy(inference, owner, model.id);
    expect(deployment.status).toBe('READY');

    const refused = await registry.call(owner, DELETE_MODEL, { id: model.id });
    expect(errorsOf(refused)).toEqual([{ code: 'CONFLICT' }]);
    expect(refused.errors![0].message).toBe(
      `Model "served" has a READY deployment (${deployment.id}); ` +
        `stop it with undeployModel(deploymentId: "${deployment.id}") first`,
    );
    expect(await exists(model.id)).toBe(true);

    dataOf(await inference.call(owner, UNDEPLOY, { id: deployment.id }));
    expect(dataOf(await registry.call(owner, DELETE_MODEL, { id: model.id }))).toEqual({ deleteModel: true });
    expect(await exists(model.id)).toBe(false);
  });

  it.each(['PENDING', 'LOADING'] as const)('refuses while a deployment is %s', async (status) => {
    const { model, version } = await deployable(`loading-${status}`);
    const deployment = await deployed(model, version, status);
    const refused = await registry.call(owner, DELETE_MODEL, { id: model.id });
    expect(errorsOf(refused)).toEqual([{ code: 'CONFLICT' }]);
    expect(refused.errors![0].message).toContain(`${status} deployment (${deployment.id})`);
  });

  it('deletes a model whose deployments are all FAILED or STOPPED', async () => {
    const { model, version } = await deployable('history');
    await deployed(model, version, 'FAILED');
    await deployed(model, version, 'STOPPED');
    // Another organization's row with this model id is none of the caller's (inference scopes the question).
    await deployed(model, version, 'READY', stranger.organizationId);
    expect(dataOf(await registry.call(owner, DELETE_MODEL, { id: model.id }))).toEqual({ deleteModel: true });
  });

  describe('with inference down', () => {
    let reachable: string;
    beforeEach(async () => {
      reachable = registry.config.subgraphUrls.inference!;
      registry.config.subgraphUrls.inference = await unreachableUrl();
    });
    afterEach(() => {
      registry.config.subgraphUrls.inference = reachable;
    });

    it('refuses with SERVICE_UNAVAILABLE to delete a model that has a READY version, and keeps it', async () => {
      const { model } = await deployable('unsure');
      const refused = await registry.call(owner, DELETE_MODEL, { id: model.id });
      expect(errorsOf(refused)).toEqual([{ code: 'SERVICE_UNAVAILABLE' }]);
      expect(refused.errors![0].message).toMatch(
        /^The inference service could not be reached \(ECONNREFUSED\)/,
      );
      expect(await exists(model.id)).toBe(true);
    });

    it('deletes a model that never had a READY version: it cannot have been deployed', async () => {
      const model = await createModel(registry, owner, { name: `empty-${randomUUID()}` });
      expect(dataOf(await registry.call(owner, DELETE_MODEL, { id: model.id }))).toEqual({
        deleteModel: true,
      });
    });
  });
});
