import { randomUUID } from 'node:crypto';
import { Deployment, type DeploymentStatus } from '../deployment/deployment.entity';
import { inferenceModule } from '../module';
import {
  errorsOf,
  member,
  sqlStatements,
  startSubgraphHarness,
  useSubgraphHarness,
} from '../../../test/support/harness/subgraph';
import { anonymousCaller } from '../../../lib/caller';
import { unreachableUrl } from '../../../test/support/harness/inference';

const DEPLOYMENTS = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Model { id deployment { id status model { id } } } } }`;

describe('inference: Model.deployment', () => {
  // No registry runs here: its URL is one nothing listens on.
  const inference = useSubgraphHarness(async () =>
    startSubgraphHarness(inferenceModule, {
      dialect: 'postgresql',
      env: { REGISTRY_URL: await unreachableUrl() },
    }),
  );
  const owner = member('OWNER');
  const stranger = member('OWNER');
  const modelIds = Array.from({ length: 100 }, () => randomUUID());

  /** Rows written directly: these tests are about reading deployments, not making them (see deploy-predict). */
  async function insertDeployment(
    modelId: string,
    status: DeploymentStatus,
    organizationId = owner.organizationId,
    updatedAt = new Date(),
  ) {
    const deployment = Object.assign(new Deployment(), {
      organizationId,
      modelId,
      versionId: randomUUID(),
      status,
      taskType: 'REGRESSION',
      inputSchema: [{ name: 'x', type: 'NUMBER' }],
      artifactKey: 'key',
      sha256: '0'.repeat(64),
      updatedAt,
    });
    await inference.subgraph.orm.em.fork().persistAndFlush(deployment);
    return deployment;
  }

  it('resolves the current deployment of 100 models in one SQL query', async () => {
    const ready = await insertDeployment(modelIds[0], 'READY');
    await insertDeployment(modelIds[1], 'STOPPED');
    inference.queries.splice(0);
    const result = await inference.call<{ _entities: { id: string; deployment: { id: string } | null }[] }>(
      owner,
      DEPLOYMENTS,
      { representations: modelIds.map((id) => ({ __typename: 'Model', id })) },
    );
    expect(result.errors).toBeUndefined();
    expect(sqlStatements(inference.queries)).toHaveLength(1);
    expect(result.data!._entities[0].deployment).toEqual({
      id: ready.id,
      status: 'READY',
      model: { id: modelIds[0] },
    });
    // A STOPPED deployment is history, not the model's deployment.
    expect(result.data!._entities.slice(1).every((m) => m.deployment === null)).toBe(true);
  });

  it('never shows a deployment of another organization, nor tells it from a missing or malformed id', async () => {
    const theirs = await insertDeployment(modelIds[2], 'READY', stranger.organizationId);
    const asOwner = await inference.call<{ _entities: { deployment: unknown }[] }>(owner, DEPLOYMENTS, {
      representations: [{ __typename: 'Model', id: modelIds[2] }],
    });
    expect(asOwner.data!._entities[0].deployment).toBeNull();
    for (const id of [theirs.id, randomUUID(), 'not-a-uuid']) {
      const byId = await inference.call(owner, 'query($id: ID!) { deployment(id: $id) { id } }', { id });
      expect(errorsOf(byId)).toEqual([{ code: 'NOT_FOUND' }]);
    }
  });

  it('fails, at start, deployments left PENDING or LOADING past DEPLOY_LOAD_TIMEOUT_MS, in every organization', async () => {
    const hourAgo = new Date(Date.now() - 3_600_000);
    const [loading, pending, theirs, recent, ready] = [
      await insertDeployment(randomUUID(), 'LOADING', owner.organizationId, hourAgo),
      await insertDeployment(randomUUID(), 'PENDING', owner.organizationId, hourAgo),
      await insertDeployment(randomUUID(), 'LOADING', stranger.organizationId, hourAgo),
      await insertDeployment(randomUUID(), 'LOADING'),
      await insertDeployment(randomUUID(), 'READY', owner.organizationId, hourAgo),
    ];
    // As after a crash: the replica that was loading them is gone, and an inference replica starts.
    await inference.restart();
    const statusOf = async (id: string, caller = owner) => {
      const result = await inference.call<{ deployment: { status: string; error: string | null } }>(
        caller,
        'query ($id: ID!) { deployment(id: $id) { status error } }',
        { id },
      );
      return result.data!.deployment;
    };
    const failed = {
      status: 'FAILED',
      error:
        'not loaded within 600 s (DEPLOY_LOAD_TIMEOUT_MS): the inference replica loading it stopped, ' +
        'or the load took too long; deploy again',
    };
    expect(await statusOf(loading.id)).toEqual(failed);
    expect(await statusOf(pending.id)).toEqual(failed);
    expect(await statusOf(theirs.id, stranger)).toEqual(failed);
    // Still within the timeout: another replica may be loading it.
    expect(await statusOf(recent.id)).toEqual({ status: 'LOADING', error: null });
    expect(await statusOf(ready.id)).toEqual({ status: 'READY', error: null });
  });

  it('answers SERVICE_UNAVAILABLE to deployModel when the registry cannot be reached, and deploys nothing', async () => {
    const modelId = randomUUID();
    const result = await inference.call(owner, 'mutation ($m: ID!) { deployModel(modelId: $m) { id } }', {
      m: modelId,
    });
    expect(errorsOf(result)).toEqual([{ code: 'SERVICE_UNAVAILABLE' }]);
    expect(result.errors![0].message).toMatch(/^The registry service could not be reached \(ECONNREFUSED\)/);
    const listed = await inference.call<{ deployments: { totalCount: number } }>(
      owner,
      'query ($m: ID!) { deployments(filter: { modelId: $m }) { totalCount } }',
      { m: modelId },
    );
    expect(listed.data!.deployments.totalCount).toBe(0);
  });

  it('requires a signed-in caller', async () => {
    const result = await inference.call(anonymousCaller, DEPLOYMENTS, {
      representations: [{ __typename: 'Model', id: modelIds[0] }],
    });
    expect(errorsOf(result)).toEqual([{ code: 'UNAUTHENTICATED' }]);
  });
});
