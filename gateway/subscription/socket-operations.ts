/**
 * The operations a gateway socket runs: each is admitted (token still valid, not too many at once), then a
 * subscription is validated here and federated, and anything else is answered by Apollo Server.
 */
import type { ApolloServer } from '@apollo/server';
import {
  getOperationAST,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLFormattedError,
  type ValidationRule,
} from 'graphql';
import type {
  ConnectionInitMessage,
  Context,
  ExecutionResult,
  FormattedExecutionResult,
  OperationResult,
  SubscribePayload,
} from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import { anonymousCaller, REQUEST_ID_HEADER } from '../../lib/caller';
import { ErrorCode, errors } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import type { Authentication } from '../auth/authenticator';
import { clientAddressOf } from '../client-address';
import { createGatewayContext, resolveRequestId, type GatewayContext } from '../context';
import type { FederatedSchema } from './federated-schema';
import { TerminalErrors, type FederatedSubscribe } from './federated-subscriptions';
import type { LruCache } from '../../lib/lru-cache';

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

/** What starting an operation on the gateway's socket needs. */
export interface SocketState {
  federated: FederatedSchema;
  /** Queries and mutations sent over the socket run through Apollo Server, like HTTP ones. */
  apollo: ApolloServer<GatewayContext>;
  logger: Logger;
  maxOperations: number;
  /** Each open connection's authentication, set when it opens. */
  connections: WeakMap<object, Authentication>;
  rules: ValidationRule[];
  /**
   * Many clients send the same subscription text: each is parsed and validated once (the schema and rules never
   * change while the gateway runs) and shares one document, which graphql-js only reads. A parsed document is
   * about half of what a subscriber costs the gateway in memory. Bounded by bytes; authenticated callers only.
   */
  validSubscriptions: LruCache<string, DocumentNode>;
  /** Reverse proxies whose X-Forwarded-For on the upgrade request is believed (client-address.ts). */
  trustedProxyHops: number;
}

export type SocketContext = Context<ConnectionInitMessage['payload'], Extra>;

/** One operation sent over the socket, on behalf of its connection's caller. */
interface SocketRequest {
  query: string;
  operationName: string | undefined;
  variables: Record<string, unknown> | undefined;
  gateway: GatewayContext;
}

/** Why the connection may not start another operation now, or undefined when it may. */
function operationRefusal(
  state: SocketState,
  ctx: SocketContext,
  connection: Authentication,
): GraphQLError | undefined {
  if (connection.expiresAt !== undefined && Date.now() >= connection.expiresAt) {
    return errors.unauthenticated('Access token expired; reconnect with a fresh token');
  }
  // graphql-ws registers an operation before calling onSubscribe: this one is among them.
  if (Object.keys(ctx.subscriptions).length > state.maxOperations) {
    return errors.badRequest(
      `At most ${state.maxOperations} operations may run at once on one connection; complete one or open another connection`,
    );
  }
  return undefined;
}

/** The execution args of a subscription whose document is valid (checked once per text), or why it is not. */
function subscriptionArgs(
  state: SocketState,
  request: SocketRequest,
  document: DocumentNode,
  alreadyValid: boolean,
): ExecutionArgs | GraphQLError[] {
  const { schema } = state.federated;
  if (!alreadyValid) {
    const validationErrors = validate(schema, document, state.rules);
    if (validationErrors.length) return validationErrors.map((e) => errors.validationFailed(e));
    // Only an authenticated caller's text is kept: anyone could otherwise fill the cache with large documents.
    if (request.gateway.caller.kind === 'user') state.validSubscriptions.set(request.query, document);
  }
  const operation: SocketOperation = { kind: 'subscription', gateway: request.gateway, query: request.query };
  return {
    schema,
    document,
    operationName: request.operationName,
    variableValues: request.variables,
    contextValue: operation,
  };
}

/** Runs a query or mutation through Apollo Server, as over HTTP, and hands graphql-ws its answer. */
async function answerThroughApollo(
  state: SocketState,
  request: SocketRequest,
  document: DocumentNode | undefined,
): Promise<ExecutionArgs | GraphQLError[]> {
  const { query, operationName, variables } = request;
  const response = await state.apollo.executeOperation(
    { query, operationName, variables },
    { contextValue: request.gateway },
  );
  const result: FormattedExecutionResult =
    response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult;
  const failedAsDocument =
    !('data' in result) && result.errors?.every((e) => documentErrorCodes.has(e.extensions?.code));
  if (failedAsDocument && result.errors?.length) return formattedErrors(result.errors);
  // Apollo Server parsed the document and found its operation, so graphql-js here did too.
  if (!document) throw new Error('Apollo Server ran a document that graphql-js cannot parse');
  const operation: SocketOperation = { kind: 'answered', result };
  return { schema: state.federated.schema, document, operationName, contextValue: operation };
}

/** graphql-ws's onSubscribe: admits the operation, then federates a subscription or lets Apollo answer it. */
export async function startOperation(
  state: SocketState,
  ctx: SocketContext,
  payload: SubscribePayload,
): Promise<ExecutionArgs | GraphQLError[]> {
  const connection = state.connections.get(ctx) ?? { caller: anonymousCaller };
  const refused = operationRefusal(state, ctx, connection);
  if (refused) return [refused];
  const requestId = resolveRequestId(payload.extensions?.[REQUEST_ID_HEADER]);
  const request: SocketRequest = {
    query: payload.query,
    gateway: createGatewayContext(
      connection.caller,
      requestId,
      state.logger,
      clientAddressOf(ctx.extra.request, state.trustedProxyHops),
    ),
    operationName: payload.operationName ?? undefined,
    variables: (payload.variables ?? undefined) as Record<string, unknown> | undefined,
  };
  const known = state.validSubscriptions.get(request.query);
  const document = known ?? parseOrUndefined(request.query);
  if (document && getOperationAST(document, request.operationName)?.operation === 'subscription') {
    return subscriptionArgs(state, request, document, known !== undefined);
  }
  return answerThroughApollo(state, request, document);
}

/** graphql-ws's subscribe: starts the federated subscription onSubscribe admitted. */
export function subscribeFederated(subscribe: FederatedSubscribe, args: ExecutionArgs): OperationResult {
  const operation = args.contextValue as SocketOperation;
  if (operation.kind !== 'subscription') throw new Error('Expected a subscription');
  const request = {
    document: args.document,
    query: operation.query,
    operationName: args.operationName ?? undefined,
    variables: (args.variableValues ?? undefined) as Record<string, unknown> | undefined,
  };
  // Results are already formatted; onNext passes them through untouched.
  return subscribe(request, operation.gateway) as unknown as OperationResult;
}

/** graphql-ws's execute: the answer Apollo Server already gave in onSubscribe. */
export function answeredResult(args: ExecutionArgs): ExecutionResult {
  const operation = args.contextValue as SocketOperation;
  if (operation.kind !== 'answered') throw new Error('Expected an answered operation');
  return operation.result as unknown as ExecutionResult;
}
