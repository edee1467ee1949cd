import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../lib/paths';
import { findFreePort } from '../../lib/process';
import { startEmbedded } from '../support/embedded';
import { bearer } from '../support/graphql-client';
import { startPlatform } from '../support/harness/platform';
import { spawnService, waitForReady } from '../support/processes';
import { TEST_INTERNAL_SECRET } from '../support/subgraph-client';
import { registerUser } from '../support/training-gateway';

const HUGE = 'x'.repeat(100_000);

/** Client errors of every kind, each sent over HTTP as a client would, with the code it must be answered with. */
const CLIENT_ERRORS: {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  code: string;
  anonymous?: boolean;
}[] = [
  {
    name: 'an unknown model',
    query: '{ model(id: "0b7e6a3c-34f5-4a51-9a43-4f3b8f0e8a11") { id } }',
    code: 'NOT_FOUND',
  },
  {
    name: 'an unknown model of a 100 KB id',
    query: 'query ($id: ID!) { model(id: $id) { id } }',
    variables: { id: HUGE },
    code: 'NOT_FOUND',
  },
  {
    name: 'a name with U+202E',
    query: 'mutation ($n: String!) { createOrganization(name: $n) { id } }',
    variables: { n: 'gpj.\u202eexe' },
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a variable of the wrong type, 100 KB',
    query: 'query ($n: Int) { models(first: $n) { totalCount } }',
    variables: { n: HUGE },
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a date out of range',
    query: '{ auditLog(filter: { from: "+275760-01-01T00:00:00Z" }) { totalCount } }',
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a forged cursor',
    query: '{ models(after: "bm90IGEgY3Vyc29y") { totalCount } }',
    code: 'BAD_USER_INPUT',
  },
  { name: 'an unknown field', query: '{ nope }', code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'a document that does not parse', query: '{ models {', code: 'GRAPHQL_PARSE_FAILED' },
  { name: 'no token', query: '{ models { totalCount } }', code: 'UNAUTHENTICATED', anonymous: true },
];

/** Sends every client error to `url` and checks each answer: its code, no stack trace, no path, a bounded echo. */
async function expectCleanClientErrors(url: string): Promise<void> {
  const user = await registerUser(url, `ada-${Date.now()}@example.com`, 'Analytical Engines');
  for (const request of CLIENT_ERRORS) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(request.anonymous ? {} : bearer(user.token)) },
      body: JSON.stringify({ query: request.query, variables: request.variables ?? {} }),
    });
    const text = await response.text();
    const body = JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] };
    const seen = {
      name: request.name,
      status: response.status < 500,
      codes: body.errors?.map((e) => e.extensions?.code),
    };
    expect(seen).toEqual({ name: request.name, status: true, codes: [request.code] });
    expect({ name: request.name, stack: /stacktrace|node_modules|\n\s+at /.test(text) }).toEqual({
      name: request.name,
      stack: false,
    });
    expect(text).not.toContain(projectRoot);
    expect(text).not.toContain('x'.repeat(101));
  }
}

describe('error answers in the modes a user runs (no NODE_ENV set)', () => {
  it('the embedded mode (npm start) answers client errors without stack traces or paths', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mlaas-error-answers-'));
    const embedded = await startEmbedded(dataDir);
    try {
      await expectCleanClientErrors(embedded.url);
    } finally {
      await embedded.process.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('a service-mode gateway (its own process, npm run start:gateway) answers them the same way', async () => {
    // The subgraphs run in this process; the gateway is the production one, with the environment it is given.
    const platform = await startPlatform();
    const port = await findFreePort();
    const gateway = spawnService('gateway', 'gateway/main.js', {
      INTERNAL_SECRET: TEST_INTERNAL_SECRET,
      HOST: '127.0.0.1',
      GATEWAY_PORT: String(port),
      IDENTITY_URL: platform.identity.subgraph.url,
      REGISTRY_URL: platform.registry.subgraph.url,
      INFERENCE_URL: platform.inference.subgraph.url,
      OBSERVABILITY_URL: platform.observability.subgraph.url,
    });
    try {
      await waitForReady(`http://127.0.0.1:${port}/health/ready`, gateway);
      await expectCleanClientErrors(`http://127.0.0.1:${port}/graphql`);
    } finally {
      await gateway.stop();
      await platform.stop();
    }
  }, 180_000);
});
