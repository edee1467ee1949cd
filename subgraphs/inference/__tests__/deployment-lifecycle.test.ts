/** @jest-environment ./test/onnxruntime-environment.ts */
import type { AuthenticatedCaller } from '../../../lib/caller';
import { createLogger } from '../../../lib/logger';
import { startSubgraph, type StartedSubgraph } from '../../../lib/start-subgraph';
import { linearRegressionOnnx } from '../../../test/fixtures/onnx/sklearn';
import {
  DEPLOY,
  PREDICT,
  UNDEPLOY,
  useInference,
  type DeploymentView,
  type PredictionView,
} from '../../../test/support/harness/inference';
import {
  createModel,
  dataOf,
  errorsOf,
  member,
  uploadVersion,
  useRegistry,
} from '../../../test/support/harness/version';
import { callSubgraph, type SubgraphTarget } from '../../../test/support/subgraph-client';
import { RegistryVersions } from '../deployment/registry-versions';
import { createInferenceModule } from '../module';
import { ModelSessions, type ServedDeployment } from '../serving/model-sessions';

/** Real sessions whose loads of a version wait until the test lets them go: races made deterministic. */
class HeldSessions extends ModelSessions {
  private readonly holds = new Map<string, Promise<void>>();

  /** Holds the loads of the version; call the function returned to let them go. */
  hold(versionId: string): () => void {
    let release!: () => void;
    this.holds.set(versionId, new Promise<void>((resolve) => (release = resolve)));
    return release;
  }

  override async load(deployment: ServedDeployment, caller: AuthenticatedCaller): Promise<void> {
    await this.holds.get(deployment.versionId);
    return super.load(deployment, caller);
  }
}

describe('inference: the deployment lifecycle and its races', () => {
  const registry = useRegistry({ dialect: 'postgresql' });
  const inference = useInference(registry);
  const owner = member('OWNER');
  const viewer = member('VIEWER', owner.organizationId);

  /** An inference replica (same database and bus) whose loads the test holds; stopping it drains its rollouts. */
  async function heldReplica(): Promise<{ sessions: HeldSessions; replica: StartedSubgraph }> {
    const sessions = new HeldSessions(new RegistryVersions(inference.config), { maxBytes: 64 * 1024 * 1024 });
    const replica = await startSubgraph(createInferenceModule({ sessions }), {
      config: inference.config,
      infrastructure: inference.infrastructure,
      logger: createLogger('held-replica', process.env.TEST_LOG_LEVEL ?? 'silent'),
      port: 0,
    });
    return { sessions, replica };
  }

  /** A REGRESSION model with `versions` READY versions (y = 0.5·f0 + 1.5·f1 + 2.5·f2 + 3.5·f3 + 1.5 each). */
  async function regressor(versions = 1) {
    const model = await createModel(registry, owner, { name: `lc-${Math.random()}`, taskType: 'REGRESSION' });
    const uploaded = [];
    for (let i = 0; i < versions; i++)
      uploaded.push(await uploadVersion(registry, owner, model.id, linearRegressionOnnx({ features: 4 })));
    return { model, versions: uploaded };
  }

  const deployOn = (target: SubgraphTarget, modelId: string, versionId?: string, wait?: boolean) =>
    callSubgraph<{ deployModel: DeploymentView }>(target, owner, DEPLOY, { modelId, versionId, wait });

  async function deploymentOf(id: string) {
    const result = await inference.call<{ deployment: DeploymentView }>(
      owner,
      'query ($id: ID!) { deployment(id: $id) { id status error readyAt version { id } } }',
      { id },
    );
    return dataOf(result).deployment;
  }

  /** Polls the model's deployments until one of the version is in `status`: what a client of `wait: false` does. */
  async function awaitStatus(modelId: string, versionId: string, status: string): Promise<string> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const result = await inference.call<{ deployments: { edges: { node: DeploymentView }[] } }>(
        owner,
        'query ($m: ID!) { deployments(filter: { modelId: $m }) { edges { node { id status version { id } } } } }',
        { m: modelId },
      );
      const found = dataOf(result).deployments.edges.find(
        ({ node }) => node.version.id === versionId && node.status === status,
      );
      if (found) return found.node.id;
      if (Date.now() > deadline) throw new Error(`no deployment of ${versionId} became ${status}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  const predictedVersion = async (modelId: string) => {
    const answer = await inference.call<{ predict: PredictionView }>(owner, PREDICT, {
      modelId,
      input: { features: [0, 0, 0, 0] },
    });
    return dataOf(answer).predict.modelVersion.id;
  };

  it('with wait: false answers PENDING at once, and LOADING then READY can be polled', async () => {
    const { sessions, replica } = await heldReplica();
    const { model, versions } = await regressor();
    const release = sessions.hold(versions[0].id);
    try {
      const pending = dataOf(await deployOn(replica, model.id, undefined, false)).deployModel;
      expect(pending).toMatchObject({ status: 'PENDING', readyAt: null, version: { id: versions[0].id } });
      expect(await awaitStatus(model.id, versions[0].id, 'LOADING')).toBe(pending.id);
      release();
      await awaitStatus(model.id, versions[0].id, 'READY');
      expect((await deploymentOf(pending.id)).readyAt).not.toBeNull();
      expect(await predictedVersion(model.id)).toBe(versions[0].id);
    } finally {
      release();
      await replica.stop();
    }
  });

  it('lets an undeploy during the load win: the deployment stays STOPPED and its session is released', async () => {
    const { sessions, replica } = await heldReplica();
    const { model, versions } = await regressor();
    const release = sessions.hold(versions[0].id);
    try {
      const deploying = deployOn(replica, model.id);
      const id = await awaitStatus(model.id, versions[0].id, 'LOADING');
      const stopped = dataOf(
        await inference.call<{ undeployModel: DeploymentView }>(owner, UNDEPLOY, { id }),
      );
      expect(stopped.undeployModel.status).toBe('STOPPED');
      release();
      // The load ends after the undeploy: the switch reads the row again and leaves it STOPPED.
      expect(dataOf(await deploying).deployModel).toMatchObject({ id, status: 'STOPPED', readyAt: null });
      expect(sessions.has(id)).toBe(false);
      expect((await deploymentOf(id)).status).toBe('STOPPED');
      const refused = await inference.call(owner, PREDICT, {
        modelId: model.id,
        input: { features: [0, 0, 0, 0] },
      });
      expect(errorsOf(refused)).toEqual([{ code: 'CONFLICT' }]);
    } finally {
      release();
      await replica.stop();
    }
  });

  it('lets an undeploy win over a load in the background too', async () => {
    const { sessions, replica } = await heldReplica();
    const { model, versions } = await regressor();
    const release = sessions.hold(versions[0].id);
    let id: string;
    try {
      id = dataOf(await deployOn(replica, model.id, undefined, false)).deployModel.id;
      await awaitStatus(model.id, versions[0].id, 'LOADING');
      dataOf(await inference.call(owner, UNDEPLOY, { id }));
    } finally {
      release();
      // Stopping the replica waits for its background rollouts to end: the load has ended when it returns.
      await replica.stop();
    }
    expect(await deploymentOf(id)).toMatchObject({ status: 'STOPPED', readyAt: null });
  });

  describe('two deployments of one model loading at once: the later one wins', () => {
    /** Starts deploying v1 then v2 (each waited for), both loads held; resolves once both are LOADING. */
    async function deployBoth(sessions: HeldSessions, target: SubgraphTarget) {
      const { model, versions } = await regressor(2);
      const releases = versions.map((version) => sessions.hold(version.id));
      const first = deployOn(target, model.id, versions[0].id);
      const firstId = await awaitStatus(model.id, versions[0].id, 'LOADING');
      const second = deployOn(target, model.id, versions[1].id);
      const secondId = await awaitStatus(model.id, versions[1].id, 'LOADING');
      return { model, versions, releases, first, second, firstId, secondId };
    }

    it('when the later one loads first, the earlier one ends STOPPED without ever serving', async () => {
      const { sessions, replica } = await heldReplica();
      try {
        const { model, versions, releases, first, second, firstId, secondId } = await deployBoth(
          sessions,
          replica,
        );
        releases[1]();
        expect(dataOf(await second).deployModel).toMatchObject({ id: secondId, status: 'READY' });
        releases[0]();
        expect(dataOf(await first).deployModel).toMatchObject({
          id: firstId,
          status: 'STOPPED',
          readyAt: null,
          error: `replaced by deployment ${secondId}, deployed after it`,
        });
        expect(sessions.has(firstId)).toBe(false);
        expect(await readyOf(model.id)).toEqual([secondId]);
        expect(await predictedVersion(model.id)).toBe(versions[1].id);
      } finally {
        await replica.stop();
      }
    });

    it('when the earlier one loads first, it serves until the later one is READY', async () => {
      const { sessions, replica } = await heldReplica();
      try {
        const { model, versions, releases, first, second, firstId, secondId } = await deployBoth(
          sessions,
          replica,
        );
        releases[0]();
        expect(dataOf(await first).deployModel).toMatchObject({ id: firstId, status: 'READY' });
        expect(await predictedVersion(model.id)).toBe(versions[0].id);
        releases[1]();
        expect(dataOf(await second).deployModel).toMatchObject({ id: secondId, status: 'READY' });
        expect((await deploymentOf(firstId)).status).toBe('STOPPED');
        expect(await readyOf(model.id)).toEqual([secondId]);
        expect(await predictedVersion(model.id)).toBe(versions[1].id);
      } finally {
        await replica.stop();
      }
    });

    it('when both loads end together, never two READY: the later one', async () => {
      const { sessions, replica } = await heldReplica();
      try {
        const { model, releases, first, second, firstId, secondId } = await deployBoth(sessions, replica);
        releases.forEach((release) => release());
        await Promise.all([first, second]);
        expect(await readyOf(model.id)).toEqual([secondId]);
        expect((await deploymentOf(firstId)).status).toBe('STOPPED');
      } finally {
        await replica.stop();
      }
    });
  });

  it('lets a VIEWER neither deploy (waiting or not) nor undeploy', async () => {
    const { model } = await regressor();
    for (const wait of [true, false]) {
      const refused = await callSubgraph(inference.subgraph, viewer, DEPLOY, { modelId: model.id, wait });
      expect(errorsOf(refused)).toEqual([{ code: 'FORBIDDEN' }]);
    }
    expect(await readyOf(model.id)).toEqual([]);
  });

  async function readyOf(modelId: string): Promise<string[]> {
    const result = await inference.call<{ deployments: { edges: { node: { id: string } }[] } }>(
      owner,
      'query ($m: ID!) { deployments(filter: { modelId: $m, status: READY }) { edges { node { id } } } }',
      { m: modelId },
    );
    return dataOf(result).deployments.edges.map(({ node }) => node.id);
  }
});

describe('inference on SQLite (embedded mode): the same lifecycle without row locks', () => {
  const registry = useRegistry({ dialect: 'sqlite' });
  const inference = useInference(registry, {}, 'sqlite');
  const owner = member('OWNER');

  it('deploys waiting and in the background, the later deployment winning, and undeploys', async () => {
    const model = await createModel(registry, owner, { name: 'lite-served', taskType: 'REGRESSION' });
    const [first, second] = [
      await uploadVersion(registry, owner, model.id, linearRegressionOnnx({ features: 4 })),
      await uploadVersion(registry, owner, model.id, linearRegressionOnnx({ features: 4 })),
    ];
    const waited = dataOf(
      await inference.call<{ deployModel: DeploymentView }>(owner, DEPLOY, {
        modelId: model.id,
        versionId: first.id,
      }),
    ).deployModel;
    expect(waited.status).toBe('READY');
    const background = dataOf(
      await inference.call<{ deployModel: DeploymentView }>(owner, DEPLOY, {
        modelId: model.id,
        versionId: second.id,
        wait: false,
      }),
    ).deployModel;
    expect(background.status).toBe('PENDING');
    const statusOf = async (id: string) =>
      dataOf(
        await inference.call<{ deployment: { status: string } }>(
          owner,
          'query ($id: ID!) { deployment(id: $id) { status } }',
          { id },
        ),
      ).deployment.status;
    const deadline = Date.now() + 5_000;
    while ((await statusOf(background.id)) !== 'READY' && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await statusOf(background.id)).toBe('READY');
    expect(await statusOf(waited.id)).toBe('STOPPED');
    const stopped = dataOf(
      await inference.call<{ undeployModel: DeploymentView }>(owner, UNDEPLOY, { id: background.id }),
    );
    expect(stopped.undeployModel.status).toBe('STOPPED');
  });
});
