import { decodeJwt } from 'jose';
import { connect, executeOverSocket, observe, postGraphQL } from '../../test/support/gateway/clients';
import { eventually, startFixtureGraph, type FixtureGraph } from '../../test/support/harness/gateway';

const JOB_QUERY = 'query { job(id: "job-1") { status owner { name } } }';

describe('authentication at the gateway', () => {
  let graph: FixtureGraph;
  const orgs = [
    { id: 'org-1', role: 'OWNER' },
    { id: 'org-2', role: 'VIEWER' },
  ];

  const callerSeenFor = (requestId: string) =>
    graph.seen.find((call) => call.requestId === requestId)?.caller;

  beforeAll(async () => {
    graph = await startFixtureGraph();
  });

  afterAll(async () => {
    await graph?.stop();
  });

  describe('over HTTP', () => {
    it('passes a request without credentials on as an anonymous caller', async () => {
      const response = await postGraphQL(
        graph.gateway.url,
        { query: JOB_QUERY },
        { 'x-request-id': 'anon-1' },
      );

      expect(response.status).toBe(200);
      expect(callerSeenFor('anon-1')).toEqual({ kind: 'anonymous' });
    });

    it("acts in the token's first organization by default", async () => {
      const token = await graph.issuer.issue({ sub: 'user-1', orgs });

      await postGraphQL(
        graph.gateway.url,
        { query: JOB_QUERY },
        { authorization: `Bearer ${token}`, 'x-request-id': 'u-1' },
      );

      expect(callerSeenFor('u-1')).toEqual({
        kind: 'user',
        userId: 'user-1',
        organizationId: 'org-1',
        role: 'OWNER',
        scopes: [],
      });
    });

    it('acts in the organization named by x-organization-id, with the role held there', async () => {
      const token = await graph.issuer.issue({ sub: 'user-1', orgs });
      const headers = {
        authorization: `Bearer ${token}`,
        'x-organization-id': 'org-2',
        'x-request-id': 'u-2',
      };

      await postGraphQL(graph.gateway.url, { query: JOB_QUERY }, headers);

      expect(callerSeenFor('u-2')).toMatchObject({ organizationId: 'org-2', role: 'VIEWER' });
    });

    it('refuses an organization the token does not belong to with FORBIDDEN and HTTP 403', async () => {
      const token = await graph.issuer.issue({ sub: 'user-1', orgs });
      const headers = { authorization: `Bearer ${token}`, 'x-organization-id': 'org-9' };

      const response = await postGraphQL(graph.gateway.url, { query: JOB_QUERY }, headers);

      expect(response.status).toBe(403);
      expect(response.body.errors).toEqual([
        { message: 'Not a member of organization org-9', extensions: { code: 'FORBIDDEN' } },
      ]);
    });

    it.each([
      ['a forged token', { forged: true }, 'Invalid access token'],
      ['an expired token', { expiresIn: -60 }, 'Access token expired'],
      ['a token for another audience', { audience: 'someone-else' }, 'Invalid access token'],
      ['a token from another issuer', { issuer: 'evil' }, 'Invalid access token'],
    ])('refuses %s with UNAUTHENTICATED and HTTP 401', async (_label, options, message) => {
      const token = await graph.issuer.issue({ sub: 'user-1', orgs }, options);

      const response = await postGraphQL(
        graph.gateway.url,
        { query: JOB_QUERY },
        { authorization: `Bearer ${token}` },
      );

      expect(response.status).toBe(401);
      expect(response.body).toEqual({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
    });

    it.each([
      ['a malformed token', { authorization: 'Bearer not.a.jwt' }, 'Invalid access token'],
      [
        'another scheme',
        { authorization: 'Basic dXNlcjpwdw==' },
        'Authorization must be "Bearer <access token>"',
      ],
      ['an API key (none exist yet)', { 'x-api-key': 'mlaas_0123456789' }, 'Invalid API key'],
    ])('refuses %s with UNAUTHENTICATED and HTTP 401', async (_label, headers, message) => {
      const response = await postGraphQL(graph.gateway.url, { query: JOB_QUERY }, headers);

      expect(response.status).toBe(401);
      expect(response.body.errors).toEqual([{ message, extensions: { code: 'UNAUTHENTICATED' } }]);
    });

    it('fetches the key set once, not per request', async () => {
      const token = await graph.issuer.issue({ sub: 'user-1', orgs });
      const before = graph.issuer.jwksFetches();

      for (let i = 0; i < 5; i += 1) {
        await postGraphQL(graph.gateway.url, { query: JOB_QUERY }, { authorization: `Bearer ${token}` });
      }

      expect(graph.issuer.jwksFetches() - before).toBe(0);
    });
  });

  describe('over WebSocket', () => {
    it('authenticates the connection from connectionParams.authorization', async () => {
      const token = await graph.issuer.issue({ sub: 'user-3', orgs });
      const socket = connect(graph.wsUrl, { authorization: `Bearer ${token}`, 'x-organization-id': 'org-2' });
      try {
        const result = await executeOverSocket(socket, JOB_QUERY);

        expect(result.data).toEqual({ job: { status: 'QUEUED', owner: { name: 'Owner of job-1' } } });
        const call = graph.seen.filter((c) => c.caller.kind === 'user' && c.caller.userId === 'user-3');
        expect(call.map((c) => c.caller)).toContainEqual(
          expect.objectContaining({ organizationId: 'org-2' }),
        );
      } finally {
        await socket.dispose();
      }
    });

    it('refuses new operations once the access token expires, letting running subscriptions go on', async () => {
      const token = await graph.issuer.issue({ sub: 'user-4', orgs }, { expiresIn: 2 });
      const expiresAt = decodeJwt(token).exp! * 1000;
      const socket = connect(graph.wsUrl, { authorization: `Bearer ${token}` });
      try {
        await expect(executeOverSocket(socket, JOB_QUERY)).resolves.toHaveProperty(
          'data.job.status',
          'QUEUED',
        );
        const running = observe(socket, 'subscription { jobUpdated(id: "job-expiring") { status } }');
        await eventually(() => expect(graph.feed.subscriberCount('job-expiring')).toBe(1));

        // At most two seconds: the token was issued to expire then.
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt - Date.now() + 50)));
        const refused = await executeOverSocket(socket, JOB_QUERY).catch((error: unknown) => error);
        graph.feed.publish({ id: 'job-expiring', status: 'RUNNING' });

        expect(refused).toEqual([
          {
            message: 'Access token expired; reconnect with a fresh token',
            extensions: { code: 'UNAUTHENTICATED' },
          },
        ]);
        await eventually(() =>
          expect(running.results).toEqual([{ data: { jobUpdated: { status: 'RUNNING' } } }]),
        );
      } finally {
        await socket.dispose();
      }
    });

    it.each([
      ['a forged token', { authorization: 'forged' }, 'UNAUTHENTICATED: Invalid access token'],
      ['an expired token', { authorization: 'expired' }, 'UNAUTHENTICATED: Access token expired'],
      ['an API key', { apiKey: 'mlaas_0123456789' }, 'UNAUTHENTICATED: Invalid API key'],
      [
        'a foreign organization',
        { authorization: 'valid', organizationId: 'org-9' },
        'FORBIDDEN: Not a member of organization org-9',
      ],
    ])('closes a connection with %s with code 4403 and the reason', async (_label, params, reason) => {
      const tokens: Record<string, () => Promise<string>> = {
        forged: () => graph.issuer.issue({ sub: 'user-1', orgs }, { forged: true }),
        expired: () => graph.issuer.issue({ sub: 'user-1', orgs }, { expiresIn: -60 }),
        valid: () => graph.issuer.issue({ sub: 'user-1', orgs }),
      };
      const { authorization, ...rest } = params as Record<string, string>;
      const connectionParams = authorization
        ? { ...rest, authorization: `Bearer ${await tokens[authorization]()}` }
        : rest;
      const socket = connect(graph.wsUrl, connectionParams);
      try {
        const failure = await executeOverSocket(socket, JOB_QUERY).catch((error: unknown) => error);

        expect(failure).toMatchObject({ code: 4403, reason });
      } finally {
        await socket.dispose();
      }
    });
  });
});
