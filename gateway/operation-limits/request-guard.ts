import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import { getOperationAST, type DocumentNode, type GraphQLSchema } from 'graphql';
import { errors, withHttpStatus } from '../../lib/errors';
import { documentBoundsError, type DocumentBounds } from './document-scan';
import { jsonBoundsViolation, type JsonBounds } from './json-bounds';
import { operationCostError, type CostLimits } from './operation-cost';

/** A GraphQL request as a client sent it: over HTTP (a JSON body or GET parameters) or graphql-ws. */
export interface RawGraphQLRequest {
  query?: unknown;
  variables?: unknown;
  extensions?: unknown;
}

export interface RequestGuardLimits extends CostLimits {
  document: DocumentBounds;
  /** Bounds of `variables` and of `extensions`, each. */
  input: JsonBounds;
}

const SHA256_HEX = /^[0-9a-f]{64}$/i;

function inputError(
  what: 'variables' | 'extensions',
  value: unknown,
  bounds: JsonBounds,
): GraphQLError | undefined {
  const violation = jsonBoundsViolation(value, bounds);
  if (!violation) return undefined;
  return violation.kind === 'depth'
    ? errors.badInput(`The ${what} nest more than ${bounds.maxDepth} levels deep, the maximum`)
    : errors.badInput(`The ${what} take more than ${bounds.maxBytes} bytes as JSON, the maximum`);
}

/** Apollo Server reads `extensions.persistedQuery` before any plugin runs, and fails on a malformed one. */
function persistedQueryError(extensions: unknown): GraphQLError | undefined {
  const persisted = (extensions as { persistedQuery?: unknown } | null | undefined)?.persistedQuery;
  if (persisted === undefined) return undefined;
  const { version, sha256Hash } = (persisted ?? {}) as { version?: unknown; sha256Hash?: unknown };
  if (version === 1 && typeof sha256Hash === 'string' && SHA256_HEX.test(sha256Hash)) return undefined;
  return errors.badRequest(
    'extensions.persistedQuery must be { "version": 1, "sha256Hash": "<SHA-256 of the query, in hex>" }',
  );
}

/**
 * What the gateway checks of a request that graphql-js and Apollo Server do not, before they run code that
 * recurses over it. Over HTTP, `refuseRequest` runs before Apollo Server sees the request (its plugins cannot
 * answer before parsing: an error thrown there becomes HTTP 500) and the cost limit in its plugin; over
 * graphql-ws, both run in onSubscribe.
 */
export class RequestGuard {
  constructor(private readonly limits: RequestGuardLimits) {}

  /** Why the request must be refused before its document is parsed, or undefined. */
  refuseRequest(request: RawGraphQLRequest): GraphQLError | undefined {
    const { document, input } = this.limits;
    if (request.variables != null) {
      const error = inputError('variables', request.variables, input);
      if (error) return error;
    }
    if (request.extensions != null) {
      const error =
        inputError('extensions', request.extensions, input) ?? persistedQueryError(request.extensions);
      if (error) return error;
    }
    if (typeof request.query !== 'string') return undefined;
    const documentError = documentBoundsError(request.query, document);
    return documentError && errors.validationFailed(documentError);
  }

  /** Refuses a parsed operation whose cost is over the limit (GRAPHQL_VALIDATION_FAILED). */
  refuseCost(
    schema: GraphQLSchema,
    request: {
      document: DocumentNode;
      operationName?: string | null;
      variables?: Record<string, unknown> | null;
    },
  ): GraphQLError | undefined {
    const error = operationCostError(schema, this.limits, request);
    return error && errors.validationFailed(error);
  }

  /** Refuses a subscription whose cost is over the limit (queries and mutations are checked by `plugin`). */
  refuseSubscriptionCost(
    schema: GraphQLSchema,
    request: {
      document: DocumentNode;
      operationName?: string | null;
      variables?: Record<string, unknown> | null;
    },
  ): GraphQLError | undefined {
    const operation = getOperationAST(request.document, request.operationName);
    return operation?.operation === 'subscription' ? this.refuseCost(schema, request) : undefined;
  }

  /** Apollo Server's side: the cost limit, once the operation is known, with its variables. */
  plugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
    return {
      requestDidStart: async () => ({
        didResolveOperation: async ({ schema, document, request }) => {
          const error = this.refuseCost(schema, {
            document,
            operationName: request.operationName,
            variables: request.variables,
          });
          if (error) throw withHttpStatus(error, 400);
        },
      }),
    };
  }
}
