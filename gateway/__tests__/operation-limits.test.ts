import {
  connect,
  executeOverSocket,
  observe,
  postGraphQL,
  subscribeRaw,
} from '../../test/support/gateway/clients';
import { startFixtureGraph, type FixtureGraph } from '../../test/support/harness/gateway';
import { DEFAULT_LIMITS, MAX_ERRORS } from '../limits';

/** The production defaults (lib/config.ts) beside a smaller variables limit, so its boundary fits in a body. */
const LIMITS = { maxRequestBytes: 1_000_000, maxDepth: 12, maxAliases: 30, maxInputBytes: 50_000 };

const VALIDATION_FAILED = { code: 'GRAPHQL_VALIDATION_FAILED' };

function chainedFragments(count: number): string {
  const fragments = Array.from(
    { length: count },
    (_, i) => `fragment F${i} on Query { ${i + 1 < count ? `...F${i + 1}` : '__typename'} }`,
  );
  return ['{ ...F0 }', ...fragments].join(' ');
}

/** `{"a":{"a":…1}}` as JSON text, `levels` objects deep: JSON.stringify itself overflows on deep values. */
function nestedJson(levels: number): string {
  return `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
}

/** POSTs a body given as JSON text. */
async function postJsonText(url: string, body: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: unknown }[] },
  };
}

const TOUCH = 'mutation ($note: JSON) { touchJob(id: "job-1", note: $note) { status } }';

describe('operation limits over HTTP and WebSocket, at the production defaults', () => {
  let graph: FixtureGraph;

  beforeAll(async () => {
    graph = await startFixtureGraph({ limits: LIMITS });
  });

  afterAll(async () => {
    await graph?.stop();
  });

  it('refuses 10,000 chained fragments, anonymous, with GRAPHQL_VALIDATION_FAILED instead of overflowing the stack', async () => {
    const query = chainedFragments(10_000);
    const expected = [
      { message: 'The document has more than 15000 tokens, the maximum', extensions: VALIDATION_FAILED },
    ];

    const response = await postGraphQL(graph.gateway.url, { query });
    const socket = connect(graph.wsUrl);
    const overSocket = await executeOverSocket(socket, query).catch((error: unknown) => error);
    await socket.dispose();

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual(expected);
    expect(overSocket).toEqual(expected);
  });

  it(`accepts a document of ${DEFAULT_LIMITS.maxTokens} tokens and refuses one more`, async () => {
    // mutation { touchJob ( id : "job-1" note : [ … ] ) { status } }: 16 tokens around the list.
    const withTokens = (tokens: number) =>
      `mutation { touchJob(id: "job-1", note: [${'1 '.repeat(tokens - 16)}]) { status } }`;

    const atMost = await postGraphQL(graph.gateway.url, { query: withTokens(DEFAULT_LIMITS.maxTokens) });
    const over = await postGraphQL(graph.gateway.url, { query: withTokens(DEFAULT_LIMITS.maxTokens + 1) });

    expect(atMost.body).toEqual({ data: { touchJob: { status: 'TOUCHED' } } });
    expect(over.status).toBe(400);
    expect(over.body.errors).toEqual([
      { message: 'The document has more than 15000 tokens, the maximum', extensions: VALIDATION_FAILED },
    ]);
  });

  it(`accepts ${DEFAULT_LIMITS.maxRootFields} root fields and refuses one more`, async () => {
    const withRootFields = (count: number) =>
      `{ ${Array.from({ length: count }, (_, i) => `j${i}: job(id: "${i}") { status }`).join(' ')} }`;

    const atMost = await postGraphQL(graph.gateway.url, {
      query: withRootFields(DEFAULT_LIMITS.maxRootFields),
    });
    const over = await postGraphQL(graph.gateway.url, {
      query: withRootFields(DEFAULT_LIMITS.maxRootFields + 1),
    });

    expect(atMost.body.errors).toBeUndefined();
    expect(over.body.errors).toEqual([
      expect.objectContaining({
        message: 'The operation selects 21 root fields; the maximum is 20',
        extensions: VALIDATION_FAILED,
      }),
    ]);
  });

  it(`accepts ${DEFAULT_LIMITS.maxDirectives} directives and refuses one more`, async () => {
    const withDirectives = (count: number) =>
      `{ job(id: "1") { ${'... @include(if: true) { status } '.repeat(count)} } }`;

    const atMost = await postGraphQL(graph.gateway.url, {
      query: withDirectives(DEFAULT_LIMITS.maxDirectives),
    });
    const over = await postGraphQL(graph.gateway.url, {
      query: withDirectives(DEFAULT_LIMITS.maxDirectives + 1),
    });

    expect(atMost.body).toEqual({ data: { job: { status: 'QUEUED' } } });
    expect(over.body.errors).toEqual([
      expect.objectContaining({
        message: 'The operation uses 51 directives; the maximum is 50',
        extensions: VALIDATION_FAILED,
      }),
    ]);
  });

  it(`accepts ${DEFAULT_LIMITS.maxFragments} fragments and refuses one more`, async () => {
    const withFragments = (count: number) => {
      const names = Array.from({ length: count }, (_, i) => `F${i}`);
      const spreads = names.map((name) => `...${name}`).join(' ');
      return `{ job(id: "1") { ${spreads} } } ${names.map((name) => `fragment ${name} on Job { status }`).join(' ')}`;
    };

    const atMost = await postGraphQL(graph.gateway.url, {
      query: withFragments(DEFAULT_LIMITS.maxFragments),
    });
    const over = await postGraphQL(graph.gateway.url, {
      query: withFragments(DEFAULT_LIMITS.maxFragments + 1),
    });

    expect(atMost.body).toEqual({ data: { job: { status: 'QUEUED' } } });
    expect(over.body.errors).toEqual([
      { message: 'The document defines 201 fragments; the maximum is 200', extensions: VALIDATION_FAILED },
    ]);
  });

  describe('the cost limit', () => {
    // jobs(first: n) { owner { reports { reports { name } } } }: n × (1 + 1 + 20 × (1 + 20)) = 422 n.
    const PAGED = 'query ($n: Int) { jobs(first: $n) { owner { reports { reports { name } } } } }';

    it('accepts a page whose cost is just under the maximum and refuses the next page size', async () => {
      const atMost = await postGraphQL(graph.gateway.url, { query: PAGED, variables: { n: 23 } });
      const over = await postGraphQL(graph.gateway.url, { query: PAGED, variables: { n: 24 } });

      expect(atMost.body.errors).toBeUndefined();
      expect((atMost.body.data as { jobs: unknown[] }).jobs).toHaveLength(23);
      expect(over.status).toBe(400);
      expect(over.body.errors).toEqual([
        {
          message:
            'The operation may return up to 10128 objects (its cost); the maximum is 10000. Ask for smaller pages (first) or fewer nested lists',
          extensions: VALIDATION_FAILED,
        },
      ]);
    });

    it('refuses a costly query and a costly subscription over WebSocket, before subscribing upstream', async () => {
      const reports = (levels: number) => `${'reports { '.repeat(levels)}name${' }'.repeat(levels)}`;
      const socket = connect(graph.wsUrl);

      const query = await executeOverSocket(socket, { query: PAGED, variables: { n: 24 } }).catch(
        (e: unknown) => e,
      );
      const cheap = observe(socket, `subscription { jobUpdated(id: "cost") { owner { ${reports(3)} } } }`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const costly = observe(socket, `subscription { jobUpdated(id: "cost") { owner { ${reports(4)} } } }`);
      const { error } = await costly.ended;
      const subscribers = graph.feed.subscriberCount('cost');
      cheap.unsubscribe();
      await socket.dispose();

      expect(query).toEqual([expect.objectContaining({ extensions: VALIDATION_FAILED })]);
      expect(error).toEqual([
        expect.objectContaining({
          message: expect.stringContaining('(its cost); the maximum is 10000'),
          extensions: VALIDATION_FAILED,
        }),
      ]);
      expect(subscribers).toBe(1);
    });
  });

  describe('variables and extensions', () => {
    it('refuses a JSON variable nested 20,000 levels with BAD_USER_INPUT, over HTTP and WebSocket', async () => {
      const payload = `{"query":${JSON.stringify(TOUCH)},"variables":{"note":${nestedJson(20_000)}}}`;
      const expected = [
        {
          message: 'The variables nest more than 32 levels deep, the maximum',
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ];

      const response = await postJsonText(graph.gateway.url, payload);
      const overSocket = await subscribeRaw(graph.wsUrl, payload);

      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual(expected);
      expect(overSocket).toEqual({ id: 'raw', type: 'error', payload: expected });
    });

    it('accepts variables 32 levels deep and refuses 33', async () => {
      // The variables object is level 1, so the note may nest 31 objects.
      const atMost = await postJsonText(
        graph.gateway.url,
        `{"query":${JSON.stringify(TOUCH)},"variables":{"note":${nestedJson(31)}}}`,
      );
      const over = await postJsonText(
        graph.gateway.url,
        `{"query":${JSON.stringify(TOUCH)},"variables":{"note":${nestedJson(32)}}}`,
      );

      expect(atMost.body).toEqual({ data: { touchJob: { status: 'TOUCHED' } } });
      expect(over.status).toBe(400);
      expect(over.body.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT' });
    });

    it('accepts variables of the maximum size as JSON and refuses one byte more', async () => {
      const sized = (bytes: number) => ({ note: 'x'.repeat(bytes - '{"note":""}'.length) });

      const atMost = await postGraphQL(graph.gateway.url, {
        query: TOUCH,
        variables: sized(LIMITS.maxInputBytes),
      });
      const over = await postGraphQL(graph.gateway.url, {
        query: TOUCH,
        variables: sized(LIMITS.maxInputBytes + 1),
      });

      expect(atMost.body).toEqual({ data: { touchJob: { status: 'TOUCHED' } } });
      expect(over.body.errors).toEqual([
        {
          message: 'The variables take more than 50000 bytes as JSON, the maximum',
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ]);
    });

    it('refuses extensions nested too deep, over HTTP and WebSocket', async () => {
      const payload = `{"query":"{ __typename }","extensions":{"x":${nestedJson(20_000)}}}`;

      const response = await postJsonText(graph.gateway.url, payload);
      const overSocket = await subscribeRaw(graph.wsUrl, payload);

      expect(response.body.errors?.[0]).toEqual({
        message: 'The extensions nest more than 32 levels deep, the maximum',
        extensions: { code: 'BAD_USER_INPUT' },
      });
      expect(overSocket).toMatchObject({
        type: 'error',
        payload: [{ extensions: { code: 'BAD_USER_INPUT' } }],
      });
    });
  });

  it('bounds nesting before the parser recurses, over HTTP and WebSocket', async () => {
    const query = `{ job(id: "1") { status } touchJob(note: ${'['.repeat(5_000)}1${']'.repeat(5_000)}) }`;

    const response = await postGraphQL(graph.gateway.url, { query });
    const socket = connect(graph.wsUrl);
    const overSocket = await executeOverSocket(socket, query).catch((error: unknown) => error);
    await socket.dispose();

    expect(response.body.errors).toEqual([
      {
        message: 'The document nests brackets more than 57 levels deep, the maximum',
        extensions: VALIDATION_FAILED,
      },
    ]);
    expect(overSocket).toEqual(response.body.errors);
  });
});

describe('validation errors are bounded', () => {
  let graph: FixtureGraph;

  beforeAll(async () => {
    // Tokens unbounded, so that graphql-js's validation meets the whole document.
    graph = await startFixtureGraph({ limits: { ...LIMITS, maxTokens: 1_000_000 } });
  });

  afterAll(async () => {
    await graph?.stop();
  });

  it('answers 750 KB of duplicate arguments with a few kilobytes of errors', async () => {
    const query = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: job(${'id: "1" '.repeat(2_300)}) { status }`).join(' ')} }`;
    expect(query.length).toBeGreaterThan(700_000);

    const response = await fetch(graph.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    const text = await response.text();
    const { errors } = JSON.parse(text) as { errors: { message: string; locations?: unknown[] }[] };

    expect(response.status).toBe(400);
    expect(errors).toHaveLength(MAX_ERRORS + 1);
    expect(errors[MAX_ERRORS].message).toBe(
      'Too many validation errors, error limit reached. Validation aborted.',
    );
    expect(Math.max(...errors.map((e) => e.locations?.length ?? 0))).toBe(10);
    expect(text.length).toBeLessThan(20_000);
  });

  it('bounds them over WebSocket too', async () => {
    const query = `subscription { jobUpdated(${'id: "1" '.repeat(2_000)}) { ${Array.from({ length: 40 }, (_, i) => `f${i}`).join(' ')} } }`;
    const socket = connect(graph.wsUrl);

    const { error } = await observe(socket, query).ended;
    await socket.dispose();

    expect(error).toHaveLength(MAX_ERRORS + 1);
    expect(JSON.stringify(error).length).toBeLessThan(20_000);
  });
});
