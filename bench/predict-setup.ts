import path from 'node:path';
import { projectRoot } from '../lib/paths';
import { findFreePort } from '../lib/process';
import type { ProductionTopology } from '../test/support/production-topology';
import { spawnNode, spawnService, waitForReady, type ServiceProcess } from '../test/support/processes';
import type { BenchModel } from './predict-models';
import { inferenceClient } from '../test/support/inference-client';
import { call, type BenchUser } from './support/bench-user';

export { registerBenchUser, type BenchUser } from './support/bench-user';

/** A model deployed through the gateway, and who may call it. */
export interface DeployedModel extends BenchUser {
  model: BenchModel;
  modelId: string;
}

/** Deploys the model as a user would: every step through the gateway. */
export async function deployBenchModel(
  gatewayUrl: string,
  user: BenchUser,
  model: BenchModel,
): Promise<DeployedModel> {
  const { token } = user;
  const { createModel } = await call<{ createModel: { id: string } }>(
    gatewayUrl,
    token,
    `mutation ($name: String!, $framework: Framework!) {
      createModel(input: { name: $name, framework: $framework, taskType: CLASSIFICATION }) { id }
    }`,
    { name: model.name, framework: model.framework },
  );
  const modelId = createModel.id;
  const client = inferenceClient(token);
  await client.uploadVersion(gatewayUrl, modelId, model.bytes, {
    inputSchema: model.features,
    outputLabels: model.labels,
  });
  const deployModel = await client.deploy(gatewayUrl, modelId);
  if (deployModel.status !== 'READY')
    throw new Error(`${model.name}: deployment ${deployModel.status}: ${deployModel.error}`);
  return { ...user, model, modelId };
}

/** The bare server (bench/support/bare-onnx-server.ts) on the model's file, in its own process. */
export async function startBareServer(
  name: string,
  model: BenchModel,
  nodeArgs: string[] = [],
): Promise<{ process: ServiceProcess; url: string }> {
  const port = await findFreePort();
  const server = spawnNode(
    name,
    path.join(projectRoot, 'bench', 'support', 'bare-onnx-server.ts'),
    {
      MODEL_FILE: model.file,
      LABELS: model.labels.join(','),
      PORT: String(port),
    },
    // Only loads the TypeScript; once loaded, the server runs as compiled JavaScript like the services.
    ['--import', 'tsx', ...nodeArgs],
  );
  const url = `http://127.0.0.1:${port}/predict`;
  await waitForReady(url, server);
  return { process: server, url };
}

/**
 * One more inference replica, on the topology's database, Redis and S3, with extra environment (BATCH_MAX_SIZE=1:
 * no micro-batching). It loads the deployment on its first prediction, as any new replica does. Stopped with the
 * topology.
 */
export async function startInferenceReplica(
  platform: ProductionTopology,
  name: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<{ process: ServiceProcess; url: string }> {
  const port = await findFreePort();
  const replica = spawnService(
    name,
    'subgraphs/inference/main.js',
    { ...platform.env, ...env, INFERENCE_PORT: String(port) },
    nodeArgs,
  );
  platform.processes.push(replica);
  await waitForReady(`http://127.0.0.1:${port}/health/ready`, replica);
  return { process: replica, url: `http://127.0.0.1:${port}/graphql` };
}
