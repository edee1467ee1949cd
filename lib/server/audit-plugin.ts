import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import type { Caller } from '../caller';
import type { Logger } from '../logger';
import { ErrorCode, isKnownErrorCode } from '../errors';
import type { AuditEvent, AuditOutcome } from '../stream/audit-stream';
import { idArguments, MAX_TARGET_IDS, returnedIds, signedInUserId } from './audit-targets';

/** Where audit events go; must not block or throw (a StreamAppendQueue queues and drops when full). */
export interface AuditRecorder {
  record(event: AuditEvent): void;
}

/** What the plugin reads from a request's context (RequestBase has them all). */
export interface AuditedContext {
  caller: Caller;
  requestId: string;
  clientAddress?: string | null;
  logger?: Pick<Logger, 'error'>;
}

export interface AuditPluginOptions {
  /** The subgraph executing the mutations. */
  subgraph: string;
  recorder: AuditRecorder;
  /** @default () => new Date() */
  now?: () => Date;
}

function outcomeOf(error: Error | null): { outcome: AuditOutcome; errorCode: string | null } {
  if (!error) return { outcome: 'OK', errorCode: null };
  const code = error instanceof GraphQLError ? error.extensions?.code : undefined;
  return { outcome: 'ERROR', errorCode: isKnownErrorCode(code) ? code : ErrorCode.Internal };
}

function actorOf(caller: Caller, result: unknown) {
  if (caller.kind === 'user') {
    return {
      actorId: caller.userId,
      organizationId: caller.organizationId,
      apiKeyId: caller.apiKeyId ?? null,
    };
  }
  // register, login and refreshToken: the caller becomes the user they return. A user has no one organization
  // until they pick one, so the event has none.
  return { actorId: signedInUserId(result) ?? null, organizationId: null, apiKeyId: null };
}

function targetsOf(info: GraphQLResolveInfo, args: Record<string, unknown>, result: unknown): string[] {
  const definition = info.parentType.getFields()[info.fieldName];
  const ids = idArguments(definition?.args ?? [], args);
  for (const id of returnedIds(result)) if (ids.size < MAX_TARGET_IDS) ids.add(id);
  return [...ids];
}

interface ResolvedField {
  info: GraphQLResolveInfo;
  args: Record<string, unknown>;
  error: Error | null;
  result: unknown;
}

function auditEvent(subgraph: string, context: AuditedContext, field: ResolvedField, time: Date): AuditEvent {
  const { info, args, error } = field;
  const result = error ? undefined : field.result;
  return {
    eventId: randomUUID(),
    ...actorOf(context.caller, result),
    subgraph,
    operation: info.fieldName,
    targetIds: targetsOf(info, args, result),
    ...outcomeOf(error),
    requestId: context.requestId,
    clientAddress: context.clientAddress ?? null,
    time: time.toISOString(),
  };
}

/**
 * One audit event per root mutation field a subgraph executes, whatever its outcome. Queries and subscriptions
 * are not instrumented beyond a check per operation. The event names ids only (arguments of type ID and the id of
 * the returned object), never other argument values, so no password, token or URL can end up in it.
 */
export function createAuditPlugin<T extends BaseContext>(options: AuditPluginOptions): ApolloServerPlugin<T> {
  const now = options.now ?? (() => new Date());
  return {
    async requestDidStart() {
      return {
        async executionDidStart({ operation, contextValue }) {
          if (operation.operation !== 'mutation') return undefined;
          const context = contextValue as unknown as AuditedContext;
          return {
            willResolveField({ info, args }) {
              if (info.path.prev !== undefined) return undefined;
              return (error, result) => {
                // Auditing must never fail the mutation it records: a fault here is logged, not thrown.
                try {
                  options.recorder.record(
                    auditEvent(options.subgraph, context, { info, args, error, result }, now()),
                  );
                } catch (fault) {
                  context.logger?.error(
                    { err: fault, operation: info.fieldName },
                    'audit event not recorded',
                  );
                }
              };
            },
          };
        },
      };
    },
  };
}
