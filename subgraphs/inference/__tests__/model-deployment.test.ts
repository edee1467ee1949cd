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

const DEPLOYMENTS = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Model { id deployment { id status model { id } } } } }`;

describe('inference: Model.deployment', () => {
  const inference = useSubgraphHarness(() => startSubgraphHarness(inferenceModule));
  const owner = member('OWNER');
  const stranger = member('OWNER');
  const modelIds = Array.from({ length: 100 }, () => randomUUID());

  /** Rows written directly: these tests are about reading deployments, not making them (see deploy-predict). */
  async function insertDeployment(
    modelId: string,
    status: DeploymentStatus,
    organizationId = owner.organizationId,
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

  it('requires a signed-in caller', async () => {
    const result = await inference.call(anonymousCaller, DEPLOYMENTS, {
      representations: [{ __typename: 'Model', id: modelIds[0] }],
    });
    expect(errorsOf(result)).toEqual([{ code: 'UNAUTHENTICATED' }]);
  });
});
