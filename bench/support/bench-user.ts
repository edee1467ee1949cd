import type { AuthenticatedCaller } from '../../lib/caller';
import { bearer, graphql } from '../../test/support/graphql-client';

/** The user the bench registers, who deploys and calls every model. */
export interface BenchUser {
  token: string;
  /** The same user as the gateway passes it to subgraphs. */
  caller: AuthenticatedCaller;
}

/** A GraphQL call that fails the bench on any error. */
export async function call<T>(url: string, token: string | null, query: string, variables = {}): Promise<T> {
  const result = await graphql<T>(url, query, variables, token ? bearer(token) : {});
  if (result.errors) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(result.errors)}`);
  return result.data!;
}

/** Registers the bench's user and organization through the gateway. */
export async function registerBenchUser(gatewayUrl: string): Promise<BenchUser> {
  const { register } = await call<{
    register: { accessToken: string; user: { id: string; memberships: { organization: { id: string } }[] } };
  }>(
    gatewayUrl,
    null,
    `mutation ($input: RegisterInput!) {
      register(input: $input) { accessToken user { id memberships { organization { id } } } }
    }`,
    {
      input: {
        email: 'bench@example.com',
        password: 'benchmark password',
        displayName: 'Bench',
        organizationName: 'Bench',
      },
    },
  );
  const caller: AuthenticatedCaller = {
    kind: 'user',
    userId: register.user.id,
    organizationId: register.user.memberships[0].organization.id,
    role: 'OWNER',
    scopes: [],
  };
  return { token: register.accessToken, caller };
}
