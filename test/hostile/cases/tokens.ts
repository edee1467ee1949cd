import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import type { CorpusContext } from '../support/context';
import type { Expectation, HostileCase } from '../support/corpus';
import { anyOf, closedWith, codes, refused, status } from '../support/expect';
import { sendGraphQL, sendHttp } from '../support/send';
import { converse, frameType } from '../support/ws';

/** Asks for who the caller is and for the organization's models: a token taken for A's would show A's names. */
const PROBE = '{ me { id email } models { totalCount edges { node { id name } } } }';

const b64 = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** B's token, with its header or payload replaced and its signature kept (or dropped). */
function reassembled(
  token: string,
  edit: { header?: Record<string, unknown>; payload?: (claims: JWTPayload) => unknown; signature?: string },
): string {
  const [header, payload, signature] = token.split('.');
  const newHeader = edit.header ? b64({ ...decodeProtectedHeader(token), ...edit.header }) : header;
  const newPayload = edit.payload ? b64(edit.payload(decodeJwt(token))) : payload;
  return `${newHeader}.${newPayload}.${edit.signature ?? signature}`;
}

/** B's claims signed with a key of the attacker's, under identity's key id (and any header the attacker likes). */
async function signedByAttacker(
  token: string,
  header: Record<string, unknown> = {},
  claims: (c: JWTPayload) => JWTPayload = (c) => c,
) {
  const { privateKey } = await generateKeyPair('ES256');
  const original = decodeProtectedHeader(token);
  return new SignJWT(claims(decodeJwt(token)))
    .setProtectedHeader({ alg: 'ES256', kid: original.kid, ...header })
    .sign(privateKey);
}

/** HS256 with identity's public JWK as the HMAC secret: the classic algorithm-confusion forgery. */
async function algorithmConfusion(context: CorpusContext): Promise<string> {
  const jwks = await (
    await fetch(new URL('/.well-known/jwks.json', context.target.subgraphUrls.identity))
  ).text();
  return new SignJWT(decodeJwt(context.b.token))
    .setProtectedHeader({ alg: 'HS256', kid: decodeProtectedHeader(context.b.token).kid })
    .sign(new TextEncoder().encode(jwks));
}

const withOrgOfA = (context: CorpusContext) => (claims: JWTPayload) => ({
  ...claims,
  orgs: [{ id: context.a.organizationId, role: 'OWNER' }],
});

type TokenMaker = (context: CorpusContext) => string | Promise<string>;

const forgedTokens: [string, TokenMaker][] = [
  ["alg none, B's claims", (c) => reassembled(c.b.token, { header: { alg: 'none' }, signature: '' })],
  [
    "alg none, A's organization",
    (c) => reassembled(c.b.token, { header: { alg: 'none' }, payload: withOrgOfA(c), signature: '' }),
  ],
  ['alg "None" with a signature kept', (c) => reassembled(c.b.token, { header: { alg: 'None' } })],
  ["signed by another key under identity's kid", (c) => signedByAttacker(c.b.token)],
  ["signed by another key, claiming A's organization", (c) => signedByAttacker(c.b.token, {}, withOrgOfA(c))],
  [
    'signed by another key, published at a jku the attacker controls',
    (c) => signedByAttacker(c.b.token, { jku: 'http://127.0.0.1:1/jwks.json' }),
  ],
  [
    'signed by another key, embedded as jwk in the header',
    async (c) => {
      const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
      const { exportJWK } = await import('jose');
      return new SignJWT(decodeJwt(c.b.token))
        .setProtectedHeader({ alg: 'ES256', jwk: await exportJWK(publicKey) })
        .sign(privateKey);
    },
  ],
  ['signed by another key with an unknown kid', (c) => signedByAttacker(c.b.token, { kid: 'no-such-key' })],
  ['kid with a path traversal', (c) => signedByAttacker(c.b.token, { kid: '../../../../etc/passwd' })],
  ["HS256 with identity's public key as the secret", algorithmConfusion],
  [
    'payload tampered: organization A, signature kept',
    (c) => reassembled(c.b.token, { payload: withOrgOfA(c) }),
  ],
  [
    "payload tampered: A's user id as subject",
    (c) => reassembled(c.b.token, { payload: (p) => ({ ...p, sub: c.a.userId }) }),
  ],
  [
    'payload tampered: expiry a year later',
    (c) => reassembled(c.b.token, { payload: (p) => ({ ...p, exp: (p.exp ?? 0) + 31_536_000 }) }),
  ],
  [
    'expired a minute ago (payload edited)',
    (c) => reassembled(c.b.token, { payload: (p) => ({ ...p, exp: Math.floor(Date.now() / 1000) - 60 }) }),
  ],
  [
    'expired, signed by another key',
    (c) => signedByAttacker(c.b.token, {}, (p) => ({ ...p, exp: Math.floor(Date.now() / 1000) - 3600 })),
  ],
  ['payload that is not JSON', (c) => reassembled(c.b.token, { payload: () => 'not json at all' })],
  ['payload a JSON array', (c) => reassembled(c.b.token, { payload: () => [1, 2, 3] })],
  [
    "signature of another token (A's)",
    (c) => `${c.b.token.split('.').slice(0, 2).join('.')}.${c.a.token.split('.')[2]}`,
  ],
  ['refresh token as access token', (c) => c.b.refreshToken],
  ['garbage', () => 'garbage'],
  ['three empty parts', () => '..'],
  ['a.b.c', () => 'a.b.c'],
  ['an 8 KB token', () => 'x'.repeat(8 * 1024)],
];

function httpTokenCase(name: string, make: TokenMaker): HostileCase {
  return {
    category: 'tokens',
    name: `HTTP: ${name}`,
    send: async (context) =>
      sendGraphQL(context, {
        query: PROBE,
        as: 'anonymous',
        headers: { authorization: `Bearer ${await make(context)}` },
      }),
    expect: codes('UNAUTHENTICATED'),
  };
}

function socketTokenCase(name: string, make: TokenMaker): HostileCase {
  return {
    category: 'tokens',
    name: `WebSocket connection_init: ${name}`,
    send: async (context) => {
      const token = await make(context);
      return converse({ url: context.target.wsUrl }, async (conversation) => {
        conversation.send(
          JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }),
        );
        const ack = await conversation.until((f) => frameType(f) === 'connection_ack');
        if (!ack) return;
        conversation.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: PROBE } }));
        await conversation.until((f) => ['next', 'error', 'complete'].includes(frameType(f) ?? ''));
      });
    },
    expect: anyOf(closedWith(4401, 4403), codes('UNAUTHENTICATED')),
  };
}

const headerCase = (
  name: string,
  headers: (c: CorpusContext) => Record<string, string>,
  expect: Expectation,
): HostileCase => ({
  category: 'tokens',
  name: `HTTP: ${name}`,
  send: (context) => sendGraphQL(context, { query: PROBE, as: 'anonymous', headers: headers(context) }),
  expect,
});

/** Sessions that ended: a rotated refresh token used again, a refresh token after logout. */
const sessionCases: HostileCase[] = [
  {
    category: 'tokens',
    name: 'refresh token used again after rotation',
    send: async (context) => {
      const { token } = await freshSession(context);
      await refresh(context, token);
      return refresh(context, token);
    },
    expect: codes('UNAUTHENTICATED'),
  },
  {
    category: 'tokens',
    name: 'refresh token used after logout',
    send: async (context) => {
      const { token } = await freshSession(context);
      await sendGraphQL(context, {
        query: 'mutation ($t: String!) { logout(refreshToken: $t) }',
        variables: { t: token },
        as: 'anonymous',
      });
      return refresh(context, token);
    },
    expect: codes('UNAUTHENTICATED'),
  },
  {
    category: 'tokens',
    name: 'access token used as refresh token',
    send: (context) => refresh(context, context.b.token),
    expect: codes('UNAUTHENTICATED'),
  },
  {
    category: 'tokens',
    name: 'login as A with a wrong password',
    send: (context) =>
      sendGraphQL(context, {
        query: 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
        variables: { e: context.a.email, p: 'wrong password 123' },
        as: 'anonymous',
      }),
    expect: codes('UNAUTHENTICATED'),
  },
];

async function freshSession(context: CorpusContext): Promise<{ token: string }> {
  const answer = await sendGraphQL(context, {
    query: 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { refreshToken } }',
    variables: { e: context.b.email, p: context.b.password },
    as: 'anonymous',
  });
  return {
    token: (JSON.parse(answer.body) as { data: { login: { refreshToken: string } } }).data.login.refreshToken,
  };
}

const refresh = (context: CorpusContext, token: string) =>
  sendGraphQL(context, {
    query: 'mutation ($t: String!) { refreshToken(refreshToken: $t) { accessToken } }',
    variables: { t: token },
    as: 'anonymous',
  });

/** Token attacks over HTTP and over WebSocket, and credentials that are not tokens at all. */
export function tokenCases(): HostileCase[] {
  return [
    ...forgedTokens.map(([name, make]) => httpTokenCase(name, make)),
    ...forgedTokens.filter((_, i) => i % 2 === 0).map(([name, make]) => socketTokenCase(name, make)),
    headerCase(
      "B's token acting in A's organization (x-organization-id)",
      (c) => ({ authorization: `Bearer ${c.b.token}`, 'x-organization-id': c.a.organizationId }),
      codes('FORBIDDEN', 'UNAUTHENTICATED', 'NOT_FOUND'),
    ),
    headerCase(
      "B's token with a malformed x-organization-id",
      (c) => ({ authorization: `Bearer ${c.b.token}`, 'x-organization-id': "' or 1=1 --" }),
      refused,
    ),
    headerCase(
      "B's token with a 4 KB x-organization-id",
      (c) => ({ authorization: `Bearer ${c.b.token}`, 'x-organization-id': 'x'.repeat(4096) }),
      refused,
    ),
    headerCase(
      'Basic credentials',
      () => ({ authorization: 'Basic YWRtaW46YWRtaW4=' }),
      codes('UNAUTHENTICATED'),
    ),
    headerCase(
      'Bearer with nothing after it',
      () => ({ authorization: 'Bearer ' }),
      codes('UNAUTHENTICATED'),
    ),
    headerCase(
      'two bearer tokens in one header',
      (c) => ({ authorization: `Bearer ${c.b.token}, Bearer ${c.a.token}` }),
      codes('UNAUTHENTICATED'),
    ),
    headerCase('a garbage API key', () => ({ 'x-api-key': 'mlaas_garbage' }), codes('UNAUTHENTICATED')),
    headerCase('a 4 KB API key', () => ({ 'x-api-key': 'k'.repeat(4096) }), codes('UNAUTHENTICATED')),
    headerCase(
      'a 20 KB authorization header',
      () => ({ authorization: `Bearer ${'y'.repeat(20 * 1024)}` }),
      anyOf(status(431, 400, 413), codes('UNAUTHENTICATED')),
    ),
    headerCase(
      'latin-1 bytes in the authorization header',
      () => ({ authorization: `Bearer \u00ff\u00fe\u00e9` }),
      codes('UNAUTHENTICATED'),
    ),
    ...sessionCases,
    {
      category: 'tokens',
      name: 'GET /graphql with a query and a forged token (no CSRF-able GET mutation)',
      send: (context) =>
        sendHttp({
          url: `${context.target.gatewayUrl}?query=${encodeURIComponent('mutation { createOrganization(name: "csrf") { id } }')}`,
          headers: { authorization: 'Bearer garbage', accept: 'application/json' },
        }),
      expect: refused,
    },
  ];
}
