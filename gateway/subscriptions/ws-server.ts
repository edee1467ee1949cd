import type { Server } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import {
  getOperationAST,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLFormattedError,
} from 'graphql';
import {
  CloseCode,
  type ExecutionResult,
  type FormattedExecutionResult,
  type OperationResult,
} from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { anonymousCaller, REQUEST_ID_HEADER } from '../../lib/caller';
import { ErrorCode, errors, isExpectedError } from '../../lib/errors';
import { createErrorFormatter } from '../../lib/format-error';
import type { Logger } from '../../lib/logger';
import {
  credentialsFromConnectionParams,
  type Authentication,
  type Authenticator,
} from '../auth/authenticator';
import { createGatewayContext, resolveRequestId, type GatewayContext } from '../context';
import { createLimitRules, type GatewayLimits } from '../limits';
import type { FederatedSchema } from './federated-schema';
import { TerminalErrors, type FederatedSubscribe } from './federated-subscriptions';
import { LruCache } from './lru-cache';

export interface GraphQLWsOptions {
  httpServer: Server;
  path: string;
  federated: FederatedSchema;
  /** Queries and mutations sent over the socket run through Apollo Server, like HTTP ones. */
  apollo: ApolloServer<GatewayContext>;
  subscribe: FederatedSubscribe;
  authenticator: Authenticator;
  limits: GatewayLimits;
  logger: Logger;
  exposeStack: boolean;
}

/** What onSubscribe hands to execute/subscribe as the graphql-js context value. */
type SocketOperation =
  | { kind: 'subscription'; gateway: GatewayContext; query: string }
  /** A query or mutation Apollo Server has already answered. */
  | { kind: 'answered'; result: FormattedExecutionResult };

/**
 * Apollo Server's answers that mean the document never became an operation (unparsable, invalid, no operation to
 * pick). graphql-ws reports those with an Error message; anything later (variables, execution) is a result, as
 * graphql-ws does itself.
 */
const documentErrorCodes = new Set<unknown>([
  ErrorCode.ParseFailed,
  ErrorCode.ValidationFailed,
  ErrorCode.BadRequest,
  ErrorCode.OperationResolutionFailure,
]);

// RFC 6455 allows 123 bytes of close reason.
function closeReason(text: string): string {
  const bytes = Buffer.from(text);
  return bytes.length <= 123 ? text : bytes.subarray(0, 120).toString('utf8') + '...';
}

/** Errors already formatted for the client, in the form onSubscribe may return (onError unwraps them). */
function formattedErrors(formatted: readonly GraphQLFormattedError[]): GraphQLError[] {
  return [new GraphQLError(formatted[0].message, { originalError: new TerminalErrors([...formatted]) })];
}

function parseOrUndefined(query: string): DocumentNode | undefined {
  try {
    return parse(query);
  } catch {
    return undefined;
  }
}

/**
 * graphql-ws on the gateway. A connection authenticates once, from connectionParams: bad credentials close it
 * with 4403 and a reason naming the error code ("UNAUTHENTICATED: Access token expired"), so a client learns at
 * connect time rather than on each operation; no credentials at all is an anonymous connection.
 *
 * Subscriptions are validated here and federated (see federated-subscriptions.ts). Every other document goes to
 * Apollo Server untouched, which parses, validates and runs it as over HTTP, so errors carry the same codes and
 * a query is validated once.
 *
 * An access token that expires while its connection is open: the connection refuses new operations with
 * UNAUTHENTICATED, so the client reconnects with a fresh token; subscriptions already running go on. A running
 * subscription was authorized when it started (and its upstream socket was authenticated by the subgraph then);
 * ending it at the token's expiry would cut every long-lived subscription every token lifetime for no new check.
 *
 * At most `limits.maxOperationsPerConnection` operations run at once per connection. One more is answered with a
 * BAD_REQUEST error rather than by closing the socket (4429), so the operations already running are unharmed
 * and a client that opens too many learns which one was refused.
 */
export function attachGraphQLWs(options: GraphQLWsOptions): { dispose(): Promise<void> } {
  const { federated, logger } = options;
  const maxOperations = options.limits.maxOperationsPerConnection ?? 100;
  const connections = new WeakMap<object, Authentication>();
  const rules = [...specifiedRules, ...createLimitRules(options.limits)];
  const formatError = createErrorFormatter(logger, { exposeStack: options.exposeStack });
  // Many clients send the same subscription text: each is parsed and validated once (the schema and rules never
  // change while the gateway runs) and shares one document, which graphql-js only reads. A parsed document is
  // about half of what a subscriber costs the gateway in memory.
  const validSubscriptions = new LruCache<string, DocumentNode>(500);
  // ws would otherwise accept messages of up to 100 MiB.
  const wsServer = new WebSocketServer({
    server: options.httpServer,
    path: options.path,
    maxPayload: options.limits.maxRequestBytes,
  });

  const cleanup = useServer(
    {
      onConnect: async (ctx) => {
        try {
          connections.set(
            ctx,
            await options.authenticator.authenticate(credentialsFromConnectionParams(ctx.connectionParams)),
          );
          return true;
        } catch (error) {
          const expected = isExpectedError(error);
          if (!expected) logger.error({ err: error }, 'websocket authentication failed');
          const reason = expected
            ? `${String(error.extensions.code)}: ${error.message}`
            : 'INTERNAL_SERVER_ERROR: Internal server error';
          // Closing first sets the reason; graphql-ws's own close (code 4403, reason "Forbidden") is then a no-op.
          ctx.extra.socket.close(CloseCode.Forbidden, closeReason(reason));
          return false;
        }
      },
      onSubscribe: async (ctx, _id, payload) => {
        const connection = connections.get(ctx) ?? { caller: anonymousCaller };
        if (connection.expiresAt !== undefined && Date.now() >= connection.expiresAt) {
          return [errors.unauthenticated('Access token expired; reconnect with a fresh token')];
        }
        // graphql-ws registers an operation before calling onSubscribe: this one is among them.
        if (Object.keys(ctx.subscriptions).length > maxOperations) {
          return [
            errors.badRequest(
              `At most ${maxOperations} operations may run at once on one connection; complete one or open another connection`,
            ),
          ];
        }
        const requestId = resolveRequestId(payload.extensions?.[REQUEST_ID_HEADER]);
        const gateway = createGatewayContext(connection.caller, requestId, logger);
        const operationName = payload.operationName ?? undefined;
        const variables = (payload.variables ?? undefined) as Record<string, unknown> | undefined;
        const known = validSubscriptions.get(payload.query);
        const document = known ?? parseOrUndefined(payload.query);

        if (document && getOperationAST(document, operationName)?.operation === 'subscription') {
          if (!known) {
            const validationErrors = validate(federated.schema, document, rules);
            if (validationErrors.length) return validationErrors.map((e) => errors.validationFailed(e));
            validSubscriptions.set(payload.query, document);
          }
          const operation: SocketOperation = { kind: 'subscription', gateway, query: payload.query };
          return {
            schema: federated.schema,
            document,
            operationName,
            variableValues: variables,
            contextValue: operation,
          };
        }

        const response = await options.apollo.executeOperation(
          { query: payload.query, operationName, variables },
          { contextValue: gateway },
        );
        const result: FormattedExecutionResult =
          response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult;
        const failedAsDocument =
          !('data' in result) && result.errors?.every((e) => documentErrorCodes.has(e.extensions?.code));
        if (failedAsDocument && result.errors?.length) return formattedErrors(result.errors);
        // Apollo Server parsed the document and found its operation, so graphql-js here did too.
        if (!document) throw new Error('Apollo Server ran a document that graphql-js cannot parse');
        const operation: SocketOperation = { kind: 'answered', result };
        return { schema: federated.schema, document, operationName, contextValue: operation };
      },
      subscribe: (args: ExecutionArgs): OperationResult => {
        const operation = args.contextValue as SocketOperation;
        if (operation.kind !== 'subscription') throw new Error('Expected a subscription');
        const request = {
          document: args.document,
          query: operation.query,
          operationName: args.operationName ?? undefined,
          variables: (args.variableValues ?? undefined) as Record<string, unknown> | undefined,
        };
        // Results are already formatted; onNext passes them through untouched.
        return options.subscribe(request, operation.gateway) as unknown as OperationResult;
      },
      execute: (args: ExecutionArgs): ExecutionResult => {
        const operation = args.contextValue as SocketOperation;
        if (operation.kind !== 'answered') throw new Error('Expected an answered operation');
        return operation.result as unknown as ExecutionResult;
      },
      onNext: (_ctx, _id, _payload, _args, result) => result as unknown as FormattedExecutionResult,
      onError: (_ctx, _id, _payload, errs) =>
        errs.flatMap((e) =>
          e.originalError instanceof TerminalErrors ? e.originalError.errors : [formatError(e.toJSON(), e)],
        ),
    },
    wsServer,
  );

  return {
    async dispose() {
      await cleanup.dispose();
    },
  };
}
