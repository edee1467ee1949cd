import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bearer, graphql } from '../support/graphql-client';
import { spawnService, type ServiceProcess } from '../support/processes';

/** Starts `node dist/main.js` (what `npm start` runs) and waits for the line that announces the gateway. */
async function startEmbedded(dataDir: string): Promise<{ process: ServiceProcess; url: string }> {
  const env = {
    DATA_DIR: dataDir,
    GATEWAY_PORT: '0',
    IDENTITY_PORT: '0',
    REGISTRY_PORT: '0',
    INFERENCE_PORT: '0',
    OBSERVABILITY_PORT: '0',
  };
  const service = spawnService('embedded', 'main.js', env);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const match = /GraphQL \+ playground\s+(http:\/\/localhost:\d+\/graphql)/.exec(service.output());
    if (match) return { process: service, url: match[1] };
    if (service.child.exitCode !== null) throw new Error(`embedded mode exited:\n${service.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await service.stop();
  throw new Error(`embedded mode did not start:\n${service.output()}`);
}

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
    const registered = await graphql<{ register: { accessToken: string } }>(
      first.url,
      `mutation($input: RegisterInput!) { register(input: $input) { accessToken } }`,
      { input: { email: 'ada@example.com', password: 'correct horse battery', displayName: 'Ada', organizationName: 'Engines' } },
    );
    expect(registered.errors).toBeUndefined();
    const created = await graphql(
      first.url,
      `mutation { createModel(input: { name: "iris", framework: MLAAS, taskType: CLASSIFICATION }) { id } }`,
      {},
      bearer(registered.data!.register.accessToken),
    );
    expect(created.errors).toBeUndefined();
    await first.process.stop();

    const second = await startEmbedded(dataDir);
    running = second.process;
    const login = await graphql<{ login: { accessToken: string } }>(
      second.url,
      `mutation { login(email: "ada@example.com", password: "correct horse battery") { accessToken } }`,
    );
    expect(login.errors).toBeUndefined();
    const models = await graphql<{ models: { edges: { node: { name: string; owner: { displayName: string } } }[] } }>(
      second.url,
      `{ models { edges { node { name owner { displayName } } } } }`,
      {},
      bearer(login.data!.login.accessToken),
    );
    expect(models.errors).toBeUndefined();
    expect(models.data!.models.edges.map((e) => e.node)).toEqual([{ name: 'iris', owner: { displayName: 'Ada' } }]);
  }, 120_000);
});
