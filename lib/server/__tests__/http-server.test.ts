import { createLogger } from '../../logger';
import { createServiceMetrics, metricsText } from '../../metrics';
import { closeServer, createHttpServer, createRouter, listen, type RouteHandler } from '../http-server';
import { sendJson } from '../responses';

const answer =
  (name: string): RouteHandler =>
  (_request, response, url) =>
    sendJson(response, 200, { route: name, path: url.pathname });

describe('http-server routes', () => {
  const route = createRouter({
    '/graphql': answer('graphql'),
    '/v2/*': answer('v2'),
    '/v2/health/*': answer('v2 health'),
    '/v2/health/live': answer('live'),
  });
  const keyOf = (path: string) => route(path)?.key;

  it('matches exact paths first, then the longest prefix, and nothing else', () => {
    expect(keyOf('/graphql')).toBe('/graphql');
    expect(keyOf('/v2/health/live')).toBe('/v2/health/live');
    expect(keyOf('/v2/health/ready')).toBe('/v2/health/*');
    expect(keyOf('/v2/models/iris/infer')).toBe('/v2/*');
    expect(keyOf('/v2/')).toBe('/v2/*');
    expect(keyOf('/v2')).toBeUndefined();
    expect(keyOf('/graphql/extra')).toBeUndefined();
    expect(keyOf('/v2x/models')).toBeUndefined();
  });

  it('serves prefix routes and counts their requests by the route, not the path', async () => {
    const metrics = createServiceMetrics('router-test');
    const server = createHttpServer({
      logger: createLogger('router-test', 'silent'),
      metrics,
      readiness: {},
      routes: { '/v2/*': answer('v2') },
    });
    const port = await listen(server, 0, '127.0.0.1');
    try {
      for (const name of ['a', 'b', 'c']) {
        const response = await fetch(`http://127.0.0.1:${port}/v2/models/${name}`);
        expect(await response.json()).toEqual({ route: 'v2', path: `/v2/models/${name}` });
      }
      expect((await fetch(`http://127.0.0.1:${port}/v3/models/a`)).status).toBe(404);
      const text = await metricsText(metrics);
      expect(text).toContain('mlaas_http_requests_total{route="/v2/*",status="200",service="router-test"} 3');
      expect(text).not.toContain('/v2/models/');
    } finally {
      await closeServer(server);
    }
  });
});

describe('/metrics', () => {
  const serve = async (metricsToken: string | undefined) => {
    const server = createHttpServer({
      logger: createLogger('metrics-test', 'silent'),
      metrics: createServiceMetrics('metrics-test'),
      readiness: {},
      routes: {},
      metricsToken,
    });
    const port = await listen(server, 0, '127.0.0.1');
    return { server, url: `http://127.0.0.1:${port}/metrics` };
  };

  it('answers only the configured bearer token', async () => {
    const { server, url } = await serve('a-metrics-token-of-some-length');
    try {
      const statusWith = async (authorization?: string) =>
        (await fetch(url, { headers: authorization ? { authorization } : {} })).status;

      expect([
        await statusWith(),
        await statusWith('Bearer a-metrics-token-of-some-lengtH'),
        await statusWith('Bearer a-metrics-token'),
        await statusWith('Basic a-metrics-token-of-some-length'),
        await statusWith('Bearer a-metrics-token-of-some-length'),
      ]).toEqual([401, 401, 401, 401, 200]);
    } finally {
      await closeServer(server);
    }
  });

  it('is not served at all without a configured token', async () => {
    const { server, url } = await serve(undefined);
    try {
      const response = await fetch(url, { headers: { authorization: 'Bearer ' } });

      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('mlaas_');
    } finally {
      await closeServer(server);
    }
  });
});
