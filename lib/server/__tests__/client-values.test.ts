import { graphql, type GraphQLResult } from '../../../test/support/graphql-client';
import { usePlatform } from '../../../test/support/harness/platform';
import { dataOf, registerUser, type GatewayUser } from '../../../test/support/training-gateway';

/** Hostile values sent through the gateway to every subgraph: each is a client error, never an internal one. */
describe('client values through the gateway', () => {
  const platform = usePlatform();
  let ada: GatewayUser;
  let modelId: string;
  let experimentId: string;

  const send = <T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}) =>
    graphql<T>(platform().gateway.url, query, variables, ada.headers);

  const codesOf = (result: GraphQLResult<unknown>) =>
    (result.errors ?? []).map((e) => ({ code: e.extensions?.code, field: e.extensions?.field }));

  beforeAll(async () => {
    ada = await registerUser(platform().gateway.url, 'ada@example.com', 'Analytical Engines');
    const model = dataOf(
      await send<{ createModel: { id: string } }>(
        'mutation { createModel(input: { name: "iris", framework: ONNX, taskType: CLASSIFICATION }) { id } }',
      ),
    );
    modelId = model.createModel.id;
    const experiment = dataOf(
      await send<{ createExperiment: { id: string } }>(
        'mutation { createExperiment(input: { name: "tuning" }) { id } }',
      ),
    );
    experimentId = experiment.createExperiment.id;
  });

  describe('strings: NUL anywhere, control and bidirectional characters in names', () => {
    const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { accessToken } }`;
    const registration = (fields: Record<string, string>) => ({
      input: {
        email: 'eve@example.com',
        password: 'correct horse battery',
        displayName: 'Eve',
        organizationName: 'Eavesdroppers',
        ...fields,
      },
    });

    it.each([
      // identity
      ['register displayName NUL', REGISTER, registration({ displayName: 'E\u0000ve' }), 'input.displayName'],
      [
        'register organizationName RLO',
        REGISTER,
        registration({ organizationName: 'gpj.\u202eexe' }),
        'input.organizationName',
      ],
      ['register email ESC', REGISTER, registration({ email: 'eve\u001b[2J@example.com' }), 'input.email'],
      [
        'register password NUL',
        REGISTER,
        registration({ password: 'correct horse\u0000battery' }),
        'input.password',
      ],
      [
        'createOrganization NUL',
        'mutation ($n: String!) { createOrganization(name: $n) { id } }',
        { n: 'a\u0000b' },
        'name',
      ],
      [
        'createOrganization isolate',
        'mutation ($n: String!) { createOrganization(name: $n) { id } }',
        { n: 'a\u2066b' },
        'name',
      ],
      // registry
      [
        'createModel description NUL',
        'mutation ($d: String) { createModel(input: { name: "m", description: $d, framework: ONNX, taskType: CLASSIFICATION }) { id } }',
        { d: 'a\u0000b' },
        'input.description',
      ],
      [
        'createModel tag line break',
        'mutation ($t: [String!]) { createModel(input: { name: "m", tags: $t, framework: ONNX, taskType: CLASSIFICATION }) { id } }',
        { t: ['ok', 'two\nlines'] },
        'input.tags[1]',
      ],
      [
        'createDataset name NUL',
        'mutation ($n: String!) { createDataset(input: { name: $n }) { uploadUrl } }',
        { n: 'd\u0000' },
        'input.name',
      ],
      [
        'createRun param key NUL',
        'mutation ($e: ID!, $p: JSON) { createRun(experimentId: $e, params: $p) { id } }',
        () => ({ e: experimentId, p: { 'lr\u0000': 1 } }),
        'params.lr\u0000',
      ],
      [
        'createRun param value NUL',
        'mutation ($e: ID!, $p: JSON) { createRun(experimentId: $e, params: $p) { id } }',
        () => ({ e: experimentId, p: { lr: 'a\u0000' } }),
        'params.lr',
      ],
      [
        'logMetrics key LRM',
        'mutation ($e: ID!, $k: String!) { logMetrics(runId: $e, metrics: [{ key: $k, value: 1 }]) { id } }',
        () => ({ e: experimentId, k: 'loss\u200e' }),
        'metrics[0].key',
      ],
      ['modelByName NUL inline', 'query { modelByName(name: "a\\u0000b") { id } }', {}, 'name'],
      // inference
      [
        'predict feature key NUL',
        'mutation ($m: ID!, $i: PredictionInput!) { predict(modelId: $m, input: $i) { label } }',
        () => ({ m: modelId, i: { named: { 'x\u0000': 1 } } }),
        'input.named.x\u0000',
      ],
      [
        'deployModel model id NUL',
        'mutation ($m: ID!) { deployModel(modelId: $m) { id } }',
        { m: '\u0000' },
        'modelId',
      ],
      [
        'deployments filter RLO',
        'query ($m: ID) { deployments(filter: { modelId: $m }) { totalCount } }',
        { m: 'a\u202e' },
        'filter.modelId',
      ],
      // observability
      [
        'setDriftPolicy model id NUL',
        'mutation ($m: ID!) { setDriftPolicy(modelId: $m, input: { windowSize: 100 }) { windowSize } }',
        { m: 'x\u0000' },
        'modelId',
      ],
      [
        'auditLog operation RLO',
        'query ($o: String) { auditLog(filter: { operation: $o }) { totalCount } }',
        { o: 'create\u202eModel' },
        'filter.operation',
      ],
    ])('refuses %s (BAD_USER_INPUT naming the field)', async (_label, query, variables, field) => {
      const result = await send(query, typeof variables === 'function' ? variables() : variables);
      expect(codesOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field }]);
      expect(result.errors![0].message).toMatch(
        /^\S+ must not contain (NUL|the (bidirectional )?control character U\+[0-9A-F]{4})/,
      );
    });

    it('keeps line breaks, tabs and right-to-left marks in a description, and letters of every script in names', async () => {
      const description = 'First line\n\tindented\r\nשלום \u200f(RTL)';
      const created = dataOf(
        await send<{ createModel: { name: string; description: string } }>(
          'mutation ($d: String) { createModel(input: { name: "Ünïcødé 名前", description: $d, framework: ONNX, taskType: CLASSIFICATION }) { name description } }',
          { d: description },
        ),
      );
      expect(created.createModel).toEqual({ name: 'Ünïcødé 名前', description });
    });

    it('refuses a description with a terminal escape or DEL', async () => {
      for (const d of ['colour \u001b[31mred', 'rub\u007fout']) {
        const result = await send(
          'mutation ($d: String) { createModel(input: { name: "esc", description: $d, framework: ONNX, taskType: CLASSIFICATION }) { id } }',
          { d },
        );
        expect(codesOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.description' }]);
      }
    });
  });

  describe('dates: every DateTime argument', () => {
    const OUT_OF_RANGE = [
      '+275761-01-01T00:00:00Z',
      '-271821-04-20T00:00:00Z',
      '10000-01-01T00:00:00Z',
      '0000-12-31T23:59:59Z',
      '2026-13-45',
      '2026-02-30T00:00:00Z',
      'NaN',
      '1',
      '2026-01-01T10:00:00',
    ];
    const DATE_ARGUMENTS = [
      ['auditLog filter.from', (d: string) => `{ auditLog(filter: { from: ${d} }) { totalCount } }`],
      ['auditLog filter.to', (d: string) => `{ auditLog(filter: { to: ${d} }) { totalCount } }`],
      [
        'logMetrics timestamp',
        (d: string) =>
          `mutation { logMetrics(runId: "${experimentId}", metrics: [{ key: "loss", value: 1, timestamp: ${d} }]) { id } }`,
      ],
    ] as const;

    it.each(DATE_ARGUMENTS)(
      'refuses out-of-range and malformed dates in %s, inline and in a variable',
      async (_label, operation) => {
        for (const date of OUT_OF_RANGE) {
          const inline = await send(operation(JSON.stringify(date)));
          const variable = await send(
            operation('$d').replace(
              /^(mutation|)\s*\{/,
              (_match, kind: string) => `${kind || 'query'} ($d: DateTime) {`,
            ),
            { d: date },
          );
          for (const result of [inline, variable]) {
            expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
            expect(result.errors![0].message).toContain('years 0001 to 9999');
          }
        }
      },
    );

    it.each([1e20, -1, Number.MAX_SAFE_INTEGER])('refuses the number %d as a date', async (number) => {
      const result = await send('query ($d: DateTime) { auditLog(filter: { from: $d }) { totalCount } }', {
        d: number,
      });
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    });

    it('accepts the first and the last millisecond of the range', async () => {
      const result = await send(
        'query ($from: DateTime, $to: DateTime) { auditLog(filter: { from: $from, to: $to }) { totalCount } }',
        {
          from: '0001-01-01T00:00:00Z',
          to: '9999-12-31T23:59:59.999Z',
        },
      );
      expect(result.errors).toBeUndefined();
    });
  });

  describe('cursors: every paginated field', () => {
    const UUID = '0b7e6a3c-34f5-4a51-9a43-4f3b8f0e8a11';
    const b64 = (value: unknown) =>
      Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
    const FORGED: [string, string][] = [
      ['garbage', 'not a cursor at all'],
      ['base64 of garbage', b64('\u00ff\u0000{{')],
      ['base64 of a JSON object', b64({ order: 'CREATED_AT', id: UUID })],
      ['wrong types', b64(['CREATED_AT', 'yesterday', UUID])],
      ['another sort order', b64(['UPDATED_AT', 0, UUID])],
      ['NUL in a name', b64(['NAME', 'iris\u0000', UUID])],
      ['a date beyond what a Date holds', b64(['CREATED_AT', 9e15, UUID])],
      ['a date before year 1', b64(['CREATED_AT', -62135596800001, UUID])],
      ['NUL in the id', b64(['CREATED_AT', 0, `${UUID}\u0000`])],
      ['50 KB', 'A'.repeat(50_000)],
    ];
    const PAGINATED: [string, (after: string) => string][] = [
      ['models', (a) => `{ models(after: ${a}) { totalCount } }`],
      [
        'models by name',
        (a) => `{ models(after: ${a}, orderBy: { field: NAME, direction: ASC }) { totalCount } }`,
      ],
      ['experiments', (a) => `{ experiments(after: ${a}) { totalCount } }`],
      [
        'experiment.runs',
        (a) => `{ experiment(id: "${experimentId}") { runs(after: ${a}) { totalCount } } }`,
      ],
      ['datasets', (a) => `{ datasets(after: ${a}) { totalCount } }`],
      ['trainingJobs', (a) => `{ trainingJobs(after: ${a}) { totalCount } }`],
      ['deployments', (a) => `{ deployments(after: ${a}) { totalCount } }`],
      [
        'model.driftReports',
        (a) => `{ model(id: "${modelId}") { driftReports(after: ${a}) { totalCount } } }`,
      ],
      ['model.driftAlerts', (a) => `{ model(id: "${modelId}") { driftAlerts(after: ${a}) { totalCount } } }`],
      ['auditLog', (a) => `{ auditLog(after: ${a}) { totalCount } }`],
    ];

    it.each(PAGINATED)(
      'refuses forged cursors on %s with BAD_USER_INPUT "Invalid cursor"',
      async (_label, operation) => {
        for (const [name, cursor] of FORGED) {
          const result = await send(operation('$after').replace(/^\{/, 'query ($after: String) {'), {
            after: cursor,
          });
          const shown = { name, errors: codesOf(result) };
          expect(shown).toEqual({ name, errors: [{ code: 'BAD_USER_INPUT', field: 'after' }] });
          expect(result.errors![0].message).toMatch(/^Invalid cursor/);
        }
      },
    );
  });

  describe('what errors repeat of the input', () => {
    const HUGE = 'x'.repeat(100_000);

    it.each([
      ['an unknown id', 'query ($id: ID!) { model(id: $id) { id } }', { id: HUGE }],
      ['a wrong variable type', 'query ($n: Int) { models(first: $n) { totalCount } }', { n: HUGE }],
      [
        'a drift policy of an unknown model',
        'mutation ($m: ID!) { setDriftPolicy(modelId: $m, input: { windowSize: 100 }) { windowSize } }',
        { m: HUGE },
      ],
      [
        'a run filter',
        'query ($e: ID!, $f: String) { experiment(id: $e) { runs(filter: $f) { totalCount } } }',
        () => ({ e: experimentId, f: `params.a = ${HUGE.slice(0, 900)}` }),
      ],
    ])('repeats at most about 100 characters of a 100 KB value in %s', async (_label, query, variables) => {
      const result = await send(query, typeof variables === 'function' ? variables() : variables);
      expect(result.errors?.length).toBeGreaterThan(0);
      for (const error of result.errors!) {
        expect(error.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
        expect(JSON.stringify(error).length).toBeLessThan(1500);
        expect(error.message).not.toContain('x'.repeat(101));
      }
      expect(result.errors![0].message).toContain('x'.repeat(50));
    });
  });
});
