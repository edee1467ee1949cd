import { bearer, graphql } from '../support/graphql-client';
import { startProductionTopology, type ProductionTopology } from '../support/production-topology';

const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterInput!) {
    register(input: $input) {
      accessToken
      refreshToken
      expiresIn
      user {
        id
        email
        memberships {
          role
          organization {
            id
            name
          }
        }
      }
    }
  }
`;
const CREATE_MODEL = /* GraphQL */ `
  mutation CreateModel($input: CreateModelInput!) {
    createModel(input: $input) {
      id
      name
      lifecycle
    }
  }
`;
const MODELS_WITH_OWNERS = /* GraphQL */ `
  query Models {
    models(first: 10) {
      totalCount
      edges {
        node {
          name
          owner {
            email
            displayName
          }
          organization {
            name
            plan {
              name
              requestsPerHour
            }
          }
          deployment {
            id
          }
          driftPolicy {
            windowSize
            psiThreshold
          }
        }
      }
    }
  }
`;

interface Registered {
  register: { accessToken: string; refreshToken: string; user: { id: string; email: string } };
}

describe('the production topology (one process per service on PostgreSQL, Redis and S3)', () => {
  let platform: ProductionTopology;
  let token: string;

  const register = async (email: string, organizationName: string) => {
    const result = await graphql<Registered>(platform.gatewayUrl, REGISTER, {
      input: { email, password: 'correct horse battery', displayName: email.split('@')[0], organizationName },
    });
    expect(result.errors).toBeUndefined();
    return result.data!.register;
  };

  beforeAll(async () => {
    platform = await startProductionTopology();
    token = (await register('ada@example.com', 'Analytical Engines')).accessToken;
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('resolves a model with its owner, organization, deployment and drift policy across four subgraphs', async () => {
    const created = await graphql<{ createModel: { id: string; lifecycle: string } }>(
      platform.gatewayUrl,
      CREATE_MODEL,
      { input: { name: 'churn', framework: 'SKLEARN', taskType: 'CLASSIFICATION', tags: ['tabular'] } },
      bearer(token),
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createModel.lifecycle).toBe('DEVELOPMENT');

    const result = await graphql<{ models: { totalCount: number; edges: { node: unknown }[] } }>(
      platform.gatewayUrl,
      MODELS_WITH_OWNERS,
      {},
      bearer(token),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.models.totalCount).toBe(1);
    expect(result.data!.models.edges[0].node).toEqual({
      name: 'churn',
      owner: { email: 'ada@example.com', displayName: 'ada' },
      organization: { name: 'Analytical Engines', plan: { name: 'free', requestsPerHour: 50 } },
      deployment: null,
      driftPolicy: { windowSize: 500, psiThreshold: 0.2 },
    });
  });

  it('keeps every organization to its own models', async () => {
    const other = await register('grace@example.com', 'Compilers Inc');
    const mine = await graphql<{ createModel: { id: string } }>(
      platform.gatewayUrl,
      CREATE_MODEL,
      { input: { name: 'secret-model', framework: 'ONNX', taskType: 'REGRESSION' } },
      bearer(token),
    );
    const theirs = await graphql<{ model: unknown; models: { totalCount: number } }>(
      platform.gatewayUrl,
      'query($id: ID!) { model(id: $id) { id name } models { totalCount } }',
      { id: mine.data!.createModel.id },
      bearer(other.accessToken),
    );
    expect(theirs.data?.model ?? null).toBeNull();
    expect(theirs.data?.models.totalCount).toBe(0);
  });

  it('rotates refresh tokens through the gateway', async () => {
    const user = await register('linus@example.com', 'Kernels');
    const REFRESH = 'mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken } }';
    const first = await graphql<{ refreshToken: { refreshToken: string } }>(platform.gatewayUrl, REFRESH, {
      t: user.refreshToken,
    });
    expect(first.errors).toBeUndefined();
    const reused = await graphql(platform.gatewayUrl, REFRESH, { t: user.refreshToken });
    expect(reused.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('answers bad requests with stable codes and no stack traces', async () => {
    const malformed = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(malformed.status).toBe(400);
    expect(
      ((await malformed.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code,
    ).toBe('BAD_REQUEST');

    const unknownField = await graphql(platform.gatewayUrl, '{ me { id shoeSize } }', {}, bearer(token));
    expect(unknownField.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    const wrongType = await graphql(
      platform.gatewayUrl,
      'query($id: ID!) { model(id: $id) { id } }',
      { id: { x: 1 } },
      bearer(token),
    );
    expect(wrongType.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const anonymous = await graphql(platform.gatewayUrl, '{ models { totalCount } }');
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const forged = await graphql(
      platform.gatewayUrl,
      '{ me { id } }',
      {},
      bearer(`${token.slice(0, -4)}abcd`),
    );
    expect(forged.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const duplicate = await graphql(
      platform.gatewayUrl,
      CREATE_MODEL,
      { input: { name: 'churn', framework: 'SKLEARN', taskType: 'CLASSIFICATION' } },
      bearer(token),
    );
    expect(duplicate.errors?.[0].extensions?.code).toBe('CONFLICT');

    for (const result of [unknownField, wrongType, anonymous, forged, duplicate]) {
      for (const error of result.errors ?? []) expect(error.extensions).not.toHaveProperty('stacktrace');
    }
  });

  it('reports every service healthy, and exposes Prometheus metrics', async () => {
    const health = await graphql<{
      systemHealth: { status: string; services: { name: string; status: string }[] };
    }>(platform.gatewayUrl, '{ systemHealth { status services { name status } } }', {}, bearer(token));
    expect(health.data?.systemHealth.status).toBe('UP');
    expect(health.data?.systemHealth.services.map((s) => s.name).sort()).toEqual([
      'identity',
      'inference',
      'observability',
      'registry',
    ]);
    const metrics = await fetch(platform.gatewayUrl.replace('/graphql', '/metrics'));
    expect(await metrics.text()).toContain('mlaas_http_requests_total');
  });
});
