import {
  CALLER_HEADER,
  CALLER_SIGNATURE_HEADER,
  CallerVerificationError,
  readHeader,
  verifySignedCall,
  type Caller,
  type SignedCall,
} from '../caller';
import { errors, withHttpStatus } from '../errors';
import { createErrorFormatter } from '../format-error';
import type { Logger } from '../logger';

/** What every subgraph resolver receives, before the subgraph adds its own services. */
export interface RequestBase {
  caller: Caller;
  requestId: string;
  /** The client's address, as the gateway signed it; null for calls that did not come through the gateway. */
  clientAddress: string | null;
  logger: Logger;
}

export type ErrorFormatter = ReturnType<typeof createErrorFormatter>;

/** How the subgraph's transports turn a request into its resolvers' context and shape its errors. */
export interface SubgraphRequests<TContext extends object> {
  /**
   * Verifies the caller the gateway signed for this subgraph and for `request` (a CallerBinding's request: the
   * operation, the route or the graphql-ws connection); a missing, bad, expired or misdirected signature is
   * UNAUTHENTICATED (HTTP 401).
   */
  authenticate(source: Record<string, unknown> | undefined, request: string): SignedCall;
  contextFor(call: SignedCall, requestId: string): Promise<TContext>;
  formatError: ErrorFormatter;
}

/** What the requests of subgraph `name` need: the gateway's signing secret and the subgraph's context builder. */
export interface SubgraphRequestOptions<TContext extends object> {
  name: string;
  createContext(base: RequestBase): TContext | Promise<TContext>;
  internalSecret: string;
  logger: Logger;
  exposeStack: boolean;
}

/** The request handling that HTTP and graphql-ws share, so both authenticate and build contexts alike. */
export function createSubgraphRequests<TContext extends object>(
  options: SubgraphRequestOptions<TContext>,
): SubgraphRequests<TContext> {
  return {
    authenticate: (source, request) => {
      try {
        return verifySignedCall(
          options.internalSecret,
          readHeader(source, CALLER_HEADER),
          readHeader(source, CALLER_SIGNATURE_HEADER),
          { audience: options.name, request },
        );
      } catch (error) {
        if (error instanceof CallerVerificationError) {
          throw withHttpStatus(
            errors.unauthenticated(`Unauthenticated call to the ${options.name} subgraph: ${error.message}`),
            401,
          );
        }
        throw error;
      }
    },
    contextFor: async ({ caller, clientAddress }, requestId) =>
      options.createContext({
        caller,
        requestId,
        clientAddress,
        logger: options.logger.child({ requestId }),
      }),
    // Unexpected errors are logged with the request's logger (Apollo plugin and onNext), not by the formatter.
    formatError: createErrorFormatter(undefined, { exposeStack: options.exposeStack }),
  };
}
