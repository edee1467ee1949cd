import type { Expectation, HostileCase } from '../support/corpus';
import { allOf, atMostBytes, codes, invariantsOnly, refused, status } from '../support/expect';
import { rootFields } from '../support/schema';
import { sendGraphQL, sendHttp, sendRawGraphQL, type Actor } from '../support/send';

/** What a document over a limit gets: a client error before anything runs. */
const overLimit: Expectation = refused;
const LIMIT_CODES = ['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'BAD_USER_INPUT'];

const repeat = (count: number, make: (i: number) => string, separator = ' ') =>
  Array.from({ length: count }, (_, i) => make(i)).join(separator);

/** `models { edges { node { versions { model { versions { model … } } } } } }`, `levels` model↔versions hops deep. */
function listMultiplication(first: number, levels: number): string {
  let inner = 'id';
  for (let i = 0; i < levels; i++) inner = `versions { model { ${inner} } }`;
  return `{ models(first: ${first}) { edges { node { ${inner} } } } }`;
}

/** `{ a: me { a: memberships { … } } }`-style nesting `depth` fields deep (organization ↔ members ↔ user). */
function deepMemberships(depth: number): string {
  let inner = 'id';
  for (let i = 0; i < depth; i++)
    inner = i % 2 ? `memberships { user { ${inner} } }` : `members { organization { ${inner} } }`;
  return `{ me { memberships { organization { ${inner} } } } }`;
}

function chainedFragments(count: number): string {
  const fragments = repeat(count, (i) => `fragment F${i} on Query { ...F${i + 1} }`, '\n');
  return `query { ...F0 }\n${fragments}\nfragment F${count} on Query { me { id } }`;
}

const document = (
  name: string,
  query: string | (() => string),
  expect: Expectation,
  as: Actor = 'b',
  maxAnswerBytes?: number,
): HostileCase => ({
  category: 'operation limits',
  name,
  send: (context) => sendGraphQL(context, { query: typeof query === 'string' ? query : query(), as }),
  expect,
  maxAnswerBytes,
});

const raw = (
  name: string,
  body: () => string,
  expect: Expectation,
  headers: Record<string, string> = {},
): HostileCase => ({
  category: 'operation limits',
  name,
  send: (context) => sendRawGraphQL(context, body(), 'b', headers),
  expect,
});

/** Every query root field at once, each with an alias: root fields, aliases and plans fanned out to all subgraphs. */
function everyRootField(times: number): string {
  const fields = rootFields('query').filter(({ field }) =>
    field.args.every((a) => !a.type.toString().endsWith('!')),
  );
  return `{ ${repeat(times, (i) => fields.map(({ field }) => `r${i}_${field.name}: ${field.name} { __typename }`).join(' '))} }`;
}

/** Operation limits: depth, aliases, fragments, tokens, root fields, directives, list cost, size, batching. */
export function operationLimitCases(): HostileCase[] {
  return [
    document('depth 40 (organization ↔ members nesting)', deepMemberships(40), codes(...LIMIT_CODES)),
    document('depth 40, anonymous', deepMemberships(40), overLimit, 'anonymous'),
    document('depth 400', deepMemberships(400), codes(...LIMIT_CODES)),
    document(
      '1,000 aliases of one field',
      `{ ${repeat(1000, (i) => `a${i}: me { id }`)} }`,
      codes(...LIMIT_CODES),
    ),
    document(
      '10,000 aliases of __typename, anonymous',
      `{ ${repeat(10_000, (i) => `t${i}: __typename`)} }`,
      overLimit,
      'anonymous',
    ),
    document('10,000 chained fragments', () => chainedFragments(10_000), codes(...LIMIT_CODES)),
    document('10,000 chained fragments, anonymous', () => chainedFragments(10_000), overLimit, 'anonymous'),
    document('1,000 chained fragments', () => chainedFragments(1_000), invariantsOnly),
    document(
      'a fragment cycle',
      'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }',
      codes(...LIMIT_CODES),
    ),
    document(
      'one fragment spread 5,000 times',
      `query { ${repeat(5000, () => '...F')} } fragment F on Query { me { id } }`,
      invariantsOnly,
    ),
    document('100,000 tokens of repeated fields', `{ me { ${repeat(50_000, () => 'id')} } }`, overLimit),
    document(
      '100,000 tokens, anonymous',
      `{ __typename ${repeat(100_000, () => '__typename')} }`,
      overLimit,
      'anonymous',
    ),
    document('every query root field, 5 times over (aliased)', everyRootField(5), overLimit),
    document(
      '1,000 @include directives on one field',
      `{ me ${repeat(1000, () => '@include(if: true)')} { id } }`,
      codes(...LIMIT_CODES),
    ),
    document(
      '1,000 @skip directives across fields',
      `{ me { ${repeat(1000, () => 'id @skip(if: false)')} } }`,
      overLimit,
    ),
    document(
      'an unknown directive 1,000 times',
      `{ me ${repeat(1000, () => '@evil')} { id } }`,
      codes(...LIMIT_CODES),
    ),
    document(
      'list cost: models(first: 100) { versions { model { versions … } } } 3 levels',
      listMultiplication(100, 3),
      codes(...LIMIT_CODES),
    ),
    document('list cost: models(first: 100), 5 levels', listMultiplication(100, 5), codes(...LIMIT_CODES)),
    document(
      'list cost: 20 aliases of models(first: 100) with versions',
      `{ ${repeat(20, (i) => `m${i}: models(first: 100) { edges { node { versions { model { versions { id } } } } } }`)} }`,
      codes(...LIMIT_CODES),
    ),
    document(
      '750 KB of duplicate arguments',
      () => `{ models(${repeat(75_000, () => 'first: 1')}) { totalCount } }`,
      allOf(codes(...LIMIT_CODES), atMostBytes(16 * 1024)),
    ),
    document(
      '10,000 unknown fields (one error each)',
      `{ me { ${repeat(10_000, (i) => `f${i}`)} } }`,
      allOf(codes(...LIMIT_CODES), atMostBytes(64 * 1024)),
    ),
    document(
      'deep introspection (ofType 60 levels)',
      `{ __schema { types { ${repeat(60, () => 'ofType {', ' ')} name ${repeat(60, () => '}', ' ')} } } }`,
      invariantsOnly,
      'anonymous',
    ),
    document(
      'a 900 KB string literal',
      () => `{ modelByName(name: "${'n'.repeat(900_000)}") { id } }`,
      invariantsOnly,
    ),
    {
      category: 'operation limits',
      name: 'a 100 KB operationName',
      send: (context) =>
        sendGraphQL(context, { query: 'query Q { me { id } }', operationName: 'O'.repeat(100_000) }),
      expect: allOf(refused, atMostBytes(2 * 1024)),
    },
    {
      category: 'operation limits',
      name: '200 distinct 20 KB operation names (the heap check at the end: metric labels must stay bounded)',
      send: async (context) => {
        let last;
        for (let i = 0; i < 200; i++) {
          const name = `Op_${i}_${'x'.repeat(20_480)}`;
          last = await sendGraphQL(context, { query: `query ${name} { me { id } }`, operationName: name });
        }
        return last!;
      },
      expect: () => undefined,
    },
    raw(
      'a batch of 1,000 operations',
      () => JSON.stringify(Array.from({ length: 1000 }, () => ({ query: '{ me { id } }' }))),
      refused,
    ),
    raw(
      'a batch of 2 operations',
      () => JSON.stringify([{ query: '{ me { id } }' }, { query: '{ __typename }' }]),
      refused,
    ),
    raw('malformed JSON', () => '{"query": ', status(400)),
    raw('JSON that is a string', () => '"{ me { id } }"', refused),
    raw('query that is a number', () => '{"query": 42}', refused),
    raw('query that is an object', () => '{"query": {"a": 1}}', refused),
    raw(
      'a body over the request size limit (2 MB)',
      () => JSON.stringify({ query: `{ me { id } } #${'x'.repeat(2_000_000)}` }),
      status(413, 400),
    ),
    raw('text/plain content type', () => '{"query":"{ me { id } }"}', refused, {
      'content-type': 'text/plain',
    }),
    raw(
      'two operations, no operationName',
      () => JSON.stringify({ query: 'query A { me { id } } query B { me { id } }' }),
      codes(...LIMIT_CODES, 'OPERATION_RESOLUTION_FAILURE'),
    ),
    raw(
      'a subscription over HTTP',
      () => JSON.stringify({ query: 'subscription { driftAlerts { id } }' }),
      refused,
    ),
    {
      category: 'operation limits',
      name: 'GET /graphql with a mutation in the query string',
      send: (context) =>
        sendHttp({
          url: `${context.target.gatewayUrl}?query=${encodeURIComponent('mutation { createOrganization(name: "via-get") { id } }')}`,
          headers: { authorization: `Bearer ${context.b.token}`, 'apollo-require-preflight': 'true' },
        }),
      expect: refused,
    },
  ];
}
