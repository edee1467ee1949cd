import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, visit, type DocumentNode } from 'graphql';
import { errors, withHttpStatus } from '../lib/errors';
import type { IntrospectionPolicy } from '../lib/security-config';
import type { GatewayContext } from './context';

// `__typename` is not introspection of the schema: it names an object's type and every client asks for it.
const INTROSPECTION_FIELDS = new Set(['__schema', '__type']);
const MENTIONS_INTROSPECTION = /__(schema|type)\b/;

/** Whether the document selects `__schema` or `__type` anywhere (fragments included). */
export function selectsIntrospection(document: DocumentNode, source?: string): boolean {
  // Most operations never name either field: a look at the text spares them the walk.
  if (source !== undefined && !MENTIONS_INTROSPECTION.test(source)) return false;
  let found = false;
  visit(document, {
    Field(node) {
      if (!INTROSPECTION_FIELDS.has(node.name.value)) return undefined;
      found = true;
      return BREAK;
    },
  });
  return found;
}

/**
 * Applies INTROSPECTION: `public` lets anyone read the schema (the playground needs it before signing in),
 * `authenticated` only callers with a token or API key (UNAUTHENTICATED, HTTP 401, for the others), `off` nobody
 * (FORBIDDEN, HTTP 403). Over HTTP and WebSocket alike, since queries on both run through Apollo Server.
 */
export function introspectionPolicyPlugin(policy: IntrospectionPolicy): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      if (policy === 'public') return undefined;
      return {
        async didResolveOperation({ document, source, contextValue }) {
          if (!selectsIntrospection(document, source)) return;
          if (policy === 'off') {
            throw withHttpStatus(errors.forbidden('Introspection is turned off on this gateway'), 403);
          }
          if (contextValue.caller.kind === 'anonymous') {
            throw withHttpStatus(
              errors.unauthenticated('Introspection requires signing in: send an access token or an API key'),
              401,
            );
          }
        },
      };
    },
  };
}
