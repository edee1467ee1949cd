import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLError } from 'graphql';
import {
  CALLER_HEADER,
  CALLER_SIGNATURE_HEADER,
  graphqlRequestBinding,
  verifySignedCall,
  type AuthenticatedCaller,
} from '../caller';
import { loadConfig } from '../config';
import { queryInternal } from '../internal-graph';

const caller: AuthenticatedCaller = {
  kind: 'user',
  userId: 'u',
  organizationId: 'o',
  role: 'MEMBER',
  scopes: [],
};

describe('queryInternal', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  });

  /** The inference subgraph's place taken by `handler`, with a 100 ms timeout. */
  async function configFor(handler: RequestListener) {
    const server = createServer(handler);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return loadConfig('embedded', {
      INFERENCE_URL: `http://127.0.0.1:${port}/graphql`,
      SUBGRAPH_TIMEOUT_MS: '100',
      INTERNAL_SECRET: 's'.repeat(32),
    });
  }

  const ask = (config: ReturnType<typeof loadConfig>) =>
    queryInternal(config, 'inference', caller, '{ a }', { x: 1 }).then(
      (answer) => answer,
      (error: unknown) => error as GraphQLError,
    );

  it('signs the caller and hands back the GraphQL answer, errors included', async () => {
    let seen: unknown;
    const config = await configFor((request, response) => {
      // Signed for the inference subgraph and for this operation and its variables only.
      seen = verifySignedCall(
        config.internalSecret,
        request.headers[CALLER_HEADER] as string,
        request.headers[CALLER_SIGNATURE_HEADER] as string,
        { audience: 'inference', request: graphqlRequestBinding('{ a }', { x: 1 }) },
      ).caller;
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({ data: null, errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }] }),
      );
    });
    expect(await ask(config)).toEqual({
      status: 200,
      data: null,
      errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }],
    });
    expect(seen).toEqual(caller);
  });

  it('is SERVICE_UNAVAILABLE when what answers is not GraphQL (a proxy error page)', async () => {
    const config = await configFor((_request, response) => {
      response.statusCode = 502;
      response.end('<html>Bad Gateway</html>');
    });
    const error = (await ask(config)) as GraphQLError;
    expect(error.extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.message).toBe(
      'The inference service could not be reached (it answered 502 without a GraphQL response); try again',
    );
  });

  it('is SERVICE_UNAVAILABLE when no answer comes within SUBGRAPH_TIMEOUT_MS', async () => {
    const config = await configFor(() => undefined);
    const error = (await ask(config)) as GraphQLError;
    expect(error.extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.message).toBe('The inference service could not be reached (no answer in time); try again');
  });
});
