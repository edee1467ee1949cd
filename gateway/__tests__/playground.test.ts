import { gunzipSync } from 'node:zlib';
import { request as httpRequest } from 'node:http';
import { DEFAULT_QUERY } from '../playground/client-script';
import { startFixtureGraph, type FixtureGraph } from '../../test/support/harness/gateway';

/** fetch() always asks for gzip and decodes it; node:http shows what really went over the wire. */
function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    httpRequest(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    })
      .on('error', reject)
      .end();
  });
}

describe('the playground', () => {
  let graph: FixtureGraph;
  let html: string;

  // Every URL the page loads, except the inline empty favicon that spares browsers a 404.
  const scriptAndStyleUrls = () =>
    [...html.matchAll(/(?:src|href)="([^"]+)"/g)]
      .filter((match) => match[1] !== 'data:,')
      .map((match) => new URL(match[1], graph.gateway.url).href);

  beforeAll(async () => {
    graph = await startFixtureGraph();
    const response = await fetch(graph.gateway.url, {
      headers: { accept: 'text/html,application/xhtml+xml' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    html = await response.text();
  });

  afterAll(async () => {
    await graph?.stop();
  });

  it('is served at GET /graphql to a browser, loading only assets of this server', () => {
    expect(html).toContain('<div id="graphiql">');
    const urls = scriptAndStyleUrls();
    expect(urls).toHaveLength(6);
    for (const url of urls)
      expect(url.startsWith(graph.gateway.url.replace('/graphql', '/playground/assets/'))).toBe(true);
  });

  it('serves every asset with its content type and a long cache lifetime', async () => {
    const types: string[] = [];
    for (const url of scriptAndStyleUrls()) {
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1_000);
      types.push(response.headers.get('content-type')!);
    }
    expect(types.sort()).toEqual(
      [...Array(5).fill('text/javascript; charset=utf-8'), 'text/css; charset=utf-8'].sort(),
    );
  });

  it('names GraphiQL, React and graphql-ws assets by package version', () => {
    const paths = scriptAndStyleUrls().map((url) => new URL(url).pathname);

    expect(paths).toEqual(
      expect.arrayContaining([
        '/playground/assets/graphiql@3.8.2/graphiql.min.js',
        '/playground/assets/graphiql@3.8.2/graphiql.min.css',
        expect.stringMatching(/^\/playground\/assets\/react@18\.[\d.]+\/react\.production\.min\.js$/),
        expect.stringMatching(/^\/playground\/assets\/react-dom@18\.[\d.]+\/react-dom\.production\.min\.js$/),
        expect.stringMatching(/^\/playground\/assets\/graphql-ws@6\.[\d.]+\/graphql-ws\.min\.js$/),
      ]),
    );
  });

  it('compresses assets for clients that accept gzip', async () => {
    const url = scriptAndStyleUrls().find((u) => u.endsWith('graphiql.min.js'))!;

    const plain = await rawGet(url, {});
    const gzipped = await rawGet(url, { 'accept-encoding': 'gzip, deflate' });

    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.body.length).toBeLessThan(plain.body.length / 2);
    expect(gunzipSync(gzipped.body).equals(plain.body)).toBe(true);
  });

  it('boots GraphiQL with the guide query and a fetcher that sends headers as connectionParams', async () => {
    const bootstrap = scriptAndStyleUrls().find((u) => /playground-[0-9a-f]+\.js$/.test(u))!;
    const script = await (await fetch(bootstrap)).text();

    expect(script).toContain('graphqlWs.createClient');
    expect(script).toContain('params.authorization = value');
    expect(script).toContain(JSON.stringify(DEFAULT_QUERY));
    expect(DEFAULT_QUERY).toMatch(
      /mutation Register[\s\S]*mutation CreateModel[\s\S]*query Models[\s\S]*owner/,
    );
  });

  it('leaves GET /graphql to GraphQL for clients that do not ask for HTML', async () => {
    const response = await fetch(`${graph.gateway.url}?query=%7B__typename%7D`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });

    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });
});
