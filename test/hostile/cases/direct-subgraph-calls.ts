import { Kind, type ObjectTypeDefinitionNode, type ObjectTypeExtensionNode, type TypeNode } from 'graphql';
import {
  CALLER_HEADER,
  CALLER_SIGNATURE_HEADER,
  graphqlRequestBinding,
  signCaller,
  type Caller,
  type CallerBinding,
} from '../../../lib/caller';
import { subgraphNames, type SubgraphName } from '../../../lib/config';
import { readSubgraphSchema } from '../../../lib/paths';
import { callerFromToken } from '../../support/harness/identity';
import type { CorpusContext, Tenant } from '../support/context';
import type { Expectation, HostileCase } from '../support/corpus';
import { anyOf, codes, refused, status } from '../support/expect';
import { startRecordingProxy } from '../support/recording-proxy';
import { dataOf, sendHttp } from '../support/send';
import { converse, frameType } from '../support/ws';

/** A query each subgraph answers only for an authenticated caller. */
const PROTECTED: Record<SubgraphName, string> = {
  identity: '{ me { id email } }',
  registry: '{ models { totalCount edges { node { id name } } } }',
  inference: '{ deployments { totalCount edges { node { id } } } }',
  observability: '{ auditLog { totalCount edges { node { id operation } } } }',
};

const callerOf = (tenant: Tenant): Caller => callerFromToken(tenant.token);

const post = (
  context: CorpusContext,
  subgraph: SubgraphName,
  query: string,
  headers: Record<string, string>,
  variables: Record<string, unknown> = {},
) =>
  sendHttp({
    url: context.target.subgraphUrls[subgraph],
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });

const UNSIGNED: Expectation = anyOf(codes('UNAUTHENTICATED', 'FORBIDDEN'), status(401, 403));

/** Signed for `subgraph` and exactly this request, as the gateway signs: only what a case alters is wrong. */
function bindingOf(
  subgraph: SubgraphName,
  query: string,
  variables?: Record<string, unknown>,
): CallerBinding {
  return { audience: subgraph, request: graphqlRequestBinding(query, variables) };
}

/** B's header with its payload replaced by A's caller, B's signature kept. */
function tamperedHeaders(
  context: CorpusContext,
  subgraph: SubgraphName,
  query: string,
): Record<string, string> {
  const binding = bindingOf(subgraph, query);
  const signedForB = signCaller(context.target.internalSecret, callerOf(context.b), binding);
  const forA = signCaller('not the secret', callerOf(context.a), binding);
  return {
    [CALLER_HEADER]: forA[CALLER_HEADER],
    [CALLER_SIGNATURE_HEADER]: signedForB[CALLER_SIGNATURE_HEADER],
  };
}

/** A header the gateway really sent to identity for B's request, replayed to another subgraph. */
async function headersSignedForIdentity(context: CorpusContext): Promise<Record<string, string>> {
  const topology = context.target.topology!;
  const proxy = await startRecordingProxy(topology.subgraphUrls.identity[0]);
  try {
    topology.subgraphUrls.identity.push(proxy.url);
    const gatewayUrl = await topology.startGateway({ identity: topology.subgraphUrls.identity.length - 1 });
    await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${context.b.token}` },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    const recorded = proxy.lastHeaders() ?? {};
    return Object.fromEntries(
      Object.entries(recorded).filter(([name]) => name.startsWith('x-mlaas') || name === 'x-request-id'),
    ) as Record<string, string>;
  } finally {
    await proxy.close();
  }
}

function perSubgraph(subgraph: SubgraphName): HostileCase[] {
  const query = PROTECTED[subgraph];
  const named = (what: string) => `${subgraph}: ${what}`;
  const cases: HostileCase[] = (
    [
      { name: named('no caller header'), send: (c) => post(c, subgraph, query, {}), expect: UNSIGNED },
      {
        name: named("A's caller signed with a wrong secret"),
        send: (c) =>
          post(
            c,
            subgraph,
            query,
            signCaller('wrong secret '.repeat(4), callerOf(c.a), bindingOf(subgraph, query)),
          ),
        expect: UNSIGNED,
      },
      {
        name: named("A's caller under B's signature"),
        send: (c) => post(c, subgraph, query, tamperedHeaders(c, subgraph, query)),
        expect: UNSIGNED,
      },
      {
        name: named('an expired signature'),
        send: (c) =>
          post(
            c,
            subgraph,
            query,
            signCaller(c.target.internalSecret, callerOf(c.b), bindingOf(subgraph, query), {
              now: Date.now() - 10 * 60_000,
            }),
          ),
        expect: UNSIGNED,
      },
      {
        name: named('a caller header that is not base64 JSON'),
        send: (c) => post(c, subgraph, query, { [CALLER_HEADER]: '%%%', [CALLER_SIGNATURE_HEADER]: 'x' }),
        expect: UNSIGNED,
      },
      {
        name: named('an anonymous _entities call'),
        send: (c) =>
          post(
            c,
            subgraph,
            '{ _entities(representations: [{ __typename: "Model", id: "x" }]) { __typename } }',
            {},
          ),
        expect: refused,
      },
      {
        name: named('an anonymous WebSocket subscription'),
        send: (c) =>
          converse({ url: c.target.subgraphUrls[subgraph].replace(/^http/, 'ws') }, async (conversation) => {
            conversation.send(JSON.stringify({ type: 'connection_init', payload: {} }));
            if (
              frameType(await conversation.until((f) => frameType(f) === 'connection_ack')) !==
              'connection_ack'
            )
              return;
            conversation.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
            await conversation.until((f) => ['next', 'error', 'complete'].includes(frameType(f) ?? ''));
          }),
        expect: anyOf(codes('UNAUTHENTICATED', 'FORBIDDEN'), (answer) =>
          (answer.closeCode && answer.closeCode >= 4000) || answer.closeCode === -1
            ? undefined
            : 'not refused',
        ),
      },
      {
        name: named('GET /metrics without credentials'),
        send: (c) => sendHttp({ url: new URL('/metrics', c.target.subgraphUrls[subgraph]).href }),
        expect: status(401, 403, 404),
      },
    ] satisfies Omit<HostileCase, 'category'>[]
  ).map((c) => ({ ...c, category: 'direct subgraph calls' as const }));
  if (subgraph !== 'identity') {
    cases.push({
      category: 'direct subgraph calls',
      name: named('a caller header the gateway signed for identity, replayed'),
      targets: ['production'],
      send: async (c) => post(c, subgraph, query, await headersSignedForIdentity(c)),
      expect: UNSIGNED,
    });
  }
  return cases;
}

/** Entity types a subgraph resolves (a `@key` without `resolvable: false`), with their argument-free scalar fields. */
function resolvableEntities(subgraph: SubgraphName): { type: string; fields: string[] }[] {
  const found: { type: string; fields: string[] }[] = [];
  const document = readSubgraphSchema(subgraph);
  const leafTypes = new Set(['ID', 'String', 'Int', 'Float', 'Boolean', 'DateTime', 'JSON']);
  for (const d of document.definitions) if (d.kind === Kind.ENUM_TYPE_DEFINITION) leafTypes.add(d.name.value);
  const namedType = (type: TypeNode): string =>
    type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION)
      continue;
    const node = definition as ObjectTypeDefinitionNode | ObjectTypeExtensionNode;
    const keys = node.directives?.filter((d) => d.name.value === 'key') ?? [];
    const resolvable = keys.some(
      (d) =>
        !d.arguments?.some(
          (a) => a.name.value === 'resolvable' && a.value.kind === Kind.BOOLEAN && !a.value.value,
        ),
    );
    if (!resolvable) continue;
    const fields = (node.fields ?? [])
      .filter((f) => !f.arguments?.length && leafTypes.has(namedType(f.type)))
      .map((f) => f.name.value);
    found.push({ type: node.name.value, fields });
  }
  return found;
}

/**
 * `_entities` answers null (or NOT_FOUND) for an entity of another organization. A subgraph that only extends a
 * type (inference's and observability's Model) may hand back the reference it was given, and nothing more.
 */
const entityIsolated: Expectation = (answer, context) => {
  const entities = (dataOf(answer) as { _entities?: (Record<string, unknown> | null)[] } | undefined)
    ?._entities;
  const onlyTheReference = (entity: Record<string, unknown> | null) =>
    entity === null || Object.keys(entity).every((key) => key === 'id' || key === '__typename');
  if (entities?.every(onlyTheReference)) return undefined;
  return codes('NOT_FOUND', 'FORBIDDEN')(answer, context);
};

function entityCase(subgraph: SubgraphName, entity: { type: string; fields: string[] }): HostileCase {
  const selection = entity.fields.length ? entity.fields.join(' ') : 'id';
  return {
    category: 'direct subgraph calls',
    name: `${subgraph}: _entities ${entity.type} of organization A, signed for B`,
    send: async (c) => {
      const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ${entity.type} { ${selection} } } }`;
      const variables = { r: [{ __typename: entity.type, id: c.idOf(c.a, entity.type) }] };
      const headers = signCaller(
        c.target.internalSecret,
        callerOf(c.b),
        bindingOf(subgraph, query, variables),
      );
      return post(c, subgraph, query, headers, variables);
    },
    expect: entityIsolated,
  };
}

/** Calls to the subgraphs as an attacker on the network would make them, bypassing the gateway. */
export function directSubgraphCases(): HostileCase[] {
  return [
    ...subgraphNames.flatMap(perSubgraph),
    ...subgraphNames.flatMap((subgraph) =>
      resolvableEntities(subgraph).map((entity) => entityCase(subgraph, entity)),
    ),
    {
      category: 'direct subgraph calls',
      name: 'gateway: GET /metrics without credentials',
      send: (c) => sendHttp({ url: new URL('/metrics', c.target.gatewayUrl).href }),
      expect: status(401, 403, 404),
    },
  ];
}
