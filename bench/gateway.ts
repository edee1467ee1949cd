import autocannon from 'autocannon';
import { graphqlRequestBinding, signCaller, type Caller } from '../lib/caller';
import { bearer, graphql } from '../test/support/graphql-client';
import { startProductionTopology } from '../test/support/production-topology';

/**
 * The cost of federation: requests/s for "models with their owner" through the gateway (registry + identity via an
 * entity fetch) against the same models straight from the registry subgraph. Runs the production topology (one
 * process per service, PostgreSQL, Redis). `npm run build && npm run bench`.
 */
const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const MODELS = 20;

async function run(title: string, url: string, headers: Record<string, string>, query: string) {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
    connections: CONNECTIONS,
    duration: DURATION_SECONDS,
  });
  const failures = result.non2xx + result.errors;
  console.log(
    `${title.padEnd(34)} ${result.requests.average.toFixed(0).padStart(7)} req/s   p50 ${result.latency.p50} ms   p99 ${result.latency.p99} ms   failures ${failures}`,
  );
  return result.requests.average;
}

async function main(): Promise<void> {
  // BENCH_PROFILE=gateway (or a subgraph's name) writes a CPU profile of that service into ./profiles.
  const profiled = process.env.BENCH_PROFILE;
  const platform = await startProductionTopology({
    nodeArgs: profiled ? { [profiled]: ['--cpu-prof', '--cpu-prof-dir=profiles'] } : {},
  });
  try {
    const registered = await graphql<{
      register: {
        accessToken: string;
        user: { id: string; memberships: { organization: { id: string } }[] };
      };
    }>(
      platform.gatewayUrl,
      `
        mutation ($input: RegisterInput!) {
          register(input: $input) {
            accessToken
            user {
              id
              memberships {
                organization {
                  id
                }
              }
            }
          }
        }
      `,
      {
        input: {
          email: 'bench@example.com',
          password: 'benchmark password',
          displayName: 'Bench',
          organizationName: 'Bench',
        },
      },
    );
    const { accessToken, user } = registered.data!.register;
    for (let i = 0; i < MODELS; i++) {
      await graphql(
        platform.gatewayUrl,
        `
          mutation ($name: String!) {
            createModel(input: { name: $name, framework: ONNX, taskType: REGRESSION }) {
              id
            }
          }
        `,
        { name: `model-${i}` },
        bearer(accessToken),
      );
    }
    const caller: Caller = {
      kind: 'user',
      userId: user.id,
      organizationId: user.memberships[0].organization.id,
      role: 'OWNER',
      scopes: [],
    };
    console.log(`${MODELS} models, ${CONNECTIONS} connections, ${DURATION_SECONDS}s each\n`);
    const viaGateway = await run(
      'gateway: models { owner { email } }',
      platform.gatewayUrl,
      bearer(accessToken),
      `{ models(first: ${MODELS}) { edges { node { id name owner { email } } } } }`,
    );
    const directQuery = `{ models(first: ${MODELS}) { edges { node { id name owner { id } } } } }`;
    // One signature for the whole run: the same operation each time, within the signature's 60 s.
    const direct = await run(
      'registry subgraph: models { owner }',
      platform.env.REGISTRY_URL,
      signCaller(platform.env.INTERNAL_SECRET, caller, {
        audience: 'registry',
        request: graphqlRequestBinding(directQuery, undefined),
      }),
      directQuery,
    );
    console.log(`\nratio gateway/subgraph: ${(viaGateway / direct).toFixed(2)}`);
  } finally {
    await platform.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
