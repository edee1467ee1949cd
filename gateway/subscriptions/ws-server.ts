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
} from 'graphql';
import {
  CloseCode,
  type ExecutionResult,
  type FormattedExecutionResult,
  type OperationResult,
} from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { anonymousCaller, REQUEST_ID_HEADER, type Caller } from '../../lib/caller';
import { errors, isExpectedError } from '../../lib/errors';
import { createErrorFormatter } from '../../lib/format-error';
import type { Logger } from '../../lib/logger';
import { credentialsFromConnectionParams, type Authenticator } from '../auth/authenticator';
import { createGatewayContext, resolveRequestId, type GatewayContext } from '../context';
import { createLimitRules, type OperationLimits } from '../limits';
import type { FederatedSchema } from './federated-schema';
import { TerminalErrors, type FederatedSubscribe } from './federated-subscriptions';

export interface GraphQLWsOptions {
  httpServer: Server;
  path: string;
  federated: FederatedSchema;
  /** Queries and mutations sent over the socket run through Apollo Server, like HTTP ones. */
  apollo: ApolloServer<GatewayContext>;
  subscribe: FederatedSubscribe;
  authenticator: Authenticator;
  limits: OperationLimits;
  logger: Logger;
  exposeStack: boolean;
}

/** What onSubscribe hands to execute/subscribe as the graphql-js context value. */
interface SocketOperation {
  gateway: GatewayContext;
  query: string;
}

// RFC 6455 allows 123 bytes of close reason.
function closeReason(text: string): string {
  const bytes = Buffer.from(text);
  return bytes.length <= 123 ? text : bytes.subarray(0, 120).toString('utf8') + '...';
}

/**
 * graphql-ws on the gateway. A connection authenticates once, from connectionParams: bad credentials close it
 * with 4403 and a reason naming the error code ("UNAUTHENTICATED: Access token expired"), so a client learns at
 * connect time rather than on each operation; no credentials at all is an anonymous connection. Subscriptions
 * are federated (see federated-subscriptions.ts); queries and mutations go through Apollo Server.
 */
export function attachGraphQLWs(options: GraphQLWsOptions): { dispose(): Promise<void> } {
  const { federated, logger } = options;
  const callers = new WeakMap<object, Caller>();
  const rules = [...specifiedRules, ...createLimitRules(options.limits)];
  const formatError = createErrorFormatter(logger, { exposeStack: options.exposeStack });
  const wsServer = new WebSocketServer({ server: options.httpServer, path: options.path });

  const cleanup = useServer(
    {
      onConnect: async (ctx) => {
        try {
          callers.set(
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
      onSubscribe: (ctx, _id, payload) => {
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch (error) {
          if (error instanceof GraphQLError) return [errors.parseFailed(error)];
          throw error;
        }
        const validationErrors = validate(federated.schema, document, rules);
        if (validationErrors.length) return validationErrors.map((e) => errors.validationFailed(e));
        const operationName = payload.operationName ?? undefined;
        // graphql-ws would answer this with a code-less error; say what Apollo says over HTTP instead.
        if (!getOperationAST(document, operationName)) {
          return [
            errors.badRequest(
              operationName
                ? `Unknown operation named "${operationName}"`
                : 'Must provide operation name if query contains multiple operations',
            ),
          ];
        }
        const requestId = resolveRequestId(payload.extensions?.[REQUEST_ID_HEADER]);
        const gateway = createGatewayContext(callers.get(ctx) ?? anonymousCaller, requestId, logger);
        const operation: SocketOperation = { gateway, query: payload.query };
        const args: ExecutionArgs = {
          schema: federated.schema,
          document,
          operationName,
          variableValues: payload.variables ?? undefined,
          contextValue: operation,
        };
        return args;
      },
      subscribe: (args: ExecutionArgs): OperationResult => {
        const { gateway, query } = args.contextValue as SocketOperation;
        const request = {
          document: args.document,
          query,
          operationName: args.operationName ?? undefined,
          variables: (args.variableValues ?? undefined) as Record<string, unknown> | undefined,
        };
        // Results are already formatted; onNext passes them through untouched.
        return options.subscribe(request, gateway) as unknown as OperationResult;
      },
      execute: async (args: ExecutionArgs): Promise<ExecutionResult> => {
        const { gateway, query } = args.contextValue as SocketOperation;
        const response = await options.apollo.executeOperation(
          {
            query,
            operationName: args.operationName ?? undefined,
            variables: (args.variableValues ?? undefined) as Record<string, unknown> | undefined,
          },
          { contextValue: gateway },
        );
        const result: FormattedExecutionResult =
          response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult;
        return result as unknown as ExecutionResult;
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
