import type { ExecutionArgs, GraphQLError } from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import type { RequestGuard } from './request-guard';

type StartOperation<Ctx> = (ctx: Ctx, payload: SubscribePayload) => Promise<ExecutionArgs | GraphQLError[]>;

/**
 * graphql-ws's onSubscribe with the checks an HTTP request gets: the request guard before anything parses the
 * document or reads the variables, and the cost limit on a subscription once it is validated (queries and
 * mutations sent over the socket run through Apollo Server, whose plugin checks their cost).
 */
export function guardedOnSubscribe<Ctx>(guard: RequestGuard, start: StartOperation<Ctx>) {
  return async (
    ctx: Ctx,
    _id: string,
    payload: SubscribePayload,
  ): Promise<ExecutionArgs | GraphQLError[]> => {
    const refused = guard.refuseRequest(payload);
    if (refused) return [refused];
    const args = await start(ctx, payload);
    if (Array.isArray(args)) return args;
    const tooCostly = guard.refuseSubscriptionCost(args.schema, {
      document: args.document,
      operationName: args.operationName,
      variables: args.variableValues as Record<string, unknown> | null | undefined,
    });
    return tooCostly ? [tooCostly] : args;
  };
}
