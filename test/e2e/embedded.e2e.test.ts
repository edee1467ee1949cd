import { RegisterDocument } from '../__generated__/operations';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sklearnModelFixture } from '../fixtures/onnx/sklearn-models';
import { bearer, execute, graphql } from '../support/graphql-client';
import { inferenceClient } from '../support/inference-client';
import { startEmbedded } from '../support/embedded';
import type { ServiceProcess } from '../support/processes';

const forest = sklearnModelFixture('random_forest_zipmap.onnx');

describe('the embedded mode (npm start: one process, nothing but Node)', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mlaas-embedded-'));
  let running: ServiceProcess | undefined;

  // One process at a time on the data directory.
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the federated graph and keeps its data across a restart', async () => {
    const first = await startEmbedded(dataDir);
    running = first.process;
    const registered = await execute(first.url, RegisterDocument, {
      input: {
        email: 'ada@example.com',
        password: 'correct horse battery',
        displayName: 'Ada',
        organizationName: 'Engines',
      },
    });
    expect(registered.errors).toBeUndefined();
    const created = await graphql(
      first.url,
      `
        mutation {
          createModel(input: { name: "iris", framework: MLAAS, taskType: CLASSIFICATION }) {
            id
          }
        }
      `,
      {},
      bearer(registered.data!.register.accessToken),
    );
    expect(created.errors).toBeUndefined();
    await first.process.stop();

    const second = await startEmbedded(dataDir);
    running = second.process;
    const login = await graphql<{ login: { accessToken: string } }>(
      second.url,
      `
        mutation {
          login(email: "ada@example.com", password: "correct horse battery") {
            accessToken
          }
        }
      `,
    );
    expect(login.errors).toBeUndefined();
    const models = await graphql<{
      models: { edges: { node: { name: string; owner: { displayName: string } } }[] };
    }>(
      second.url,
      `
        {
          models {
            edges {
              node {
                name
                owner {
                  displayName
                }
              }
            }
          }
        }
      `,
      {},
      bearer(login.data!.login.accessToken),
    );
    expect(models.errors).toBeUndefined();
    expect(models.data!.models.edges.map((e) => e.node)).toEqual([
      { name: 'iris', owner: { displayName: 'Ada' } },
    ]);
  }, 120_000);

  it('deploys and predicts in the one process, and serves the deployment again after a restart', async () => {
    const first = await startEmbedded(dataDir);
    running = first.process;
    const registered = await execute(first.url, RegisterDocument, {
      input: {
        email: 'grace@example.com',
        password: 'correct horse battery',
        displayName: 'Grace',
        organizationName: 'Cobol',
      },
    });
    const client = inferenceClient(registered.data!.register.accessToken);
    const modelId = await client.createModel(first.url, 'iris-forest');
    const { id: versionId } = await client.uploadVersion(first.url, modelId, forest.bytes, {
      inputSchema: forest.features,
    });
    expect(await client.deploy(first.url, modelId, versionId)).toMatchObject({ status: 'READY' });
    const predicted = await client.predict(first.url, modelId, forest.rows[0]);
    expect(predicted.data!.predict.label).toBe(forest.label![0]);
    await first.process.stop();

    // The deployment is READY in the database: the new process loads its file on the first prediction.
    const second = await startEmbedded(dataDir);
    running = second.process;
    for (const [r, row] of forest.rows.slice(0, 5).entries()) {
      const { data, errors } = await client.predict(second.url, modelId, row);
      expect(errors).toBeUndefined();
      expect(data!.predict).toMatchObject({ label: forest.label![r], modelVersion: { id: versionId } });
    }
  }, 120_000);
});
