import { RegisterDocument } from '../__generated__/operations';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bearer, execute, graphql } from '../support/graphql-client';
import { startEmbedded } from '../support/embedded';
import type { ServiceProcess } from '../support/processes';

describe('the embedded mode (npm start: one process, nothing but Node)', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mlaas-embedded-'));
  let running: ServiceProcess | undefined;

  afterAll(async () => {
    await running?.stop();
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
});
