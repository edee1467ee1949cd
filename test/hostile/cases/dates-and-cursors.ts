import type { GraphQLField, GraphQLObjectType } from 'graphql';
import type { CorpusContext } from '../support/context';
import type { Expectation, HostileCase } from '../support/corpus';
import { codes, invariantsOnly } from '../support/expect';
import { validValue } from '../support/fill';
import {
  apiSchema,
  buildArguments,
  leafKey,
  leavesOf,
  operationFor,
  paginatedFields,
  rootFields,
  type Leaf,
  type RootKind,
} from '../support/schema';
import { dataOf, sendGraphQL } from '../support/send';

/** Dates JavaScript cannot hold (beyond ±8.64e15 ms, year 275760), and text that is no date at all. */
const badDates: [string, unknown][] = [
  ['year +275761', '+275761-01-01T00:00:00.000Z'],
  ['year -271822', '-271822-01-01T00:00:00.000Z'],
  ['year 99999 (five digits)', '99999-12-31T23:59:59Z'],
  ['month 13, hour 99', '2024-13-45T99:99:99Z'],
  ['not a date', 'not-a-date'],
  ['empty text', ''],
  ['epoch milliseconds beyond the range', 8.7e15],
  ['a boolean', true],
];

function dateCase(
  kind: RootKind,
  field: GraphQLField<unknown, unknown>,
  leaf: Leaf,
  [what, value]: [string, unknown],
): HostileCase {
  return {
    category: 'dates and cursors',
    name: `${kind} ${field.name}(${leaf.path.join('.')}): ${what}`,
    send: (context) => {
      const variables = buildArguments(field, (l) =>
        leafKey(l) === leafKey(leaf) ? value : validValue(context, context.b, field, l),
      );
      return sendGraphQL(context, { query: operationFor(kind, field, Object.keys(variables)), variables });
    },
    expect: codes('BAD_USER_INPUT'),
  };
}

/** Run filters compare start and end times with ISO text or epoch milliseconds. */
const runFilterDates = [
  "attributes.start_time > '+275761-01-01T00:00:00Z'",
  'attributes.end_time < 99999999999999999',
  'attributes.start_time >= -8.7e15',
  "attributes.start_time = 'yesterday'",
];

const runFilterCase = (filter: string): HostileCase => ({
  category: 'dates and cursors',
  name: `Experiment.runs(filter: ${filter})`,
  send: (context) =>
    sendGraphQL(context, {
      query: 'query ($id: ID!, $f: String) { experiment(id: $id) { runs(filter: $f) { totalCount } } }',
      variables: { id: context.b.experimentId, f: filter },
    }),
  expect: codes('BAD_USER_INPUT'),
});

/** How to reach a paginated field: from the root, or through the root field that fetches its parent by id. */
function pathTo(
  parent: GraphQLObjectType,
  field: GraphQLField<unknown, unknown>,
):
  | { query: (after: boolean) => string; variables: (c: CorpusContext) => Record<string, unknown> }
  | undefined {
  const selection = '{ totalCount edges { cursor } }';
  if (parent === apiSchema.getQueryType()) {
    return {
      query: (after) =>
        `query ($after: String) { ${field.name}(first: 1${after ? ', after: $after' : ''}) ${selection} }`,
      variables: () => ({}),
    };
  }
  const byId = rootFields('query').find(
    ({ field: root }) => root.type.toString() === parent.name && root.args.some((a) => a.name === 'id'),
  );
  if (!byId) return undefined;
  const entity = parent.name;
  return {
    query: (after) =>
      `query ($id: ID!, $after: String) { ${byId.field.name}(id: $id) { ${field.name}(first: 1${after ? ', after: $after' : ''}) ${selection} } }`,
    variables: (c) => ({ id: c.idOf(c.b, entity) }),
  };
}

/** A real cursor of B's (first page), as a JSON value when it is one: the base to forge from. */
async function realCursor(
  context: CorpusContext,
  path: NonNullable<ReturnType<typeof pathTo>>,
): Promise<unknown[] | undefined> {
  const answer = await sendGraphQL(context, { query: path.query(false), variables: path.variables(context) });
  const cursor = /"cursor":"([^"]+)"/.exec(JSON.stringify(dataOf(answer) ?? {}))?.[1];
  if (!cursor) return undefined;
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    return Array.isArray(decoded) ? decoded : undefined;
  } catch {
    return undefined;
  }
}

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** B's real cursor with every number replaced (dates travel as epoch milliseconds). */
const withNumbers = (replacement: number) => async (context: CorpusContext, base: unknown[] | undefined) =>
  encode(
    (base ?? ['created_at', 0, context.b.modelId]).map((v) => (typeof v === 'number' ? replacement : v)),
  );

type Forge = (context: CorpusContext, base: unknown[] | undefined) => string | Promise<string>;

const forgeries: [string, Forge, Expectation][] = [
  ['a cursor that is not base64 JSON', () => 'not a cursor!', codes('BAD_USER_INPUT')],
  ['a JSON object as cursor', () => encode({ a: 1 }), codes('BAD_USER_INPUT')],
  ['a real cursor with a date beyond year 275760', withNumbers(8.7e15), codes('BAD_USER_INPUT')],
  ['a real cursor with a date before year -271821', withNumbers(-8.7e15), codes('BAD_USER_INPUT')],
  ['a real cursor with 1e308 for numbers', withNumbers(1e308), codes('BAD_USER_INPUT')],
  [
    "a real cursor whose id is A's model id",
    (c, base) => encode([...(base ?? ['created_at', 0]).slice(0, -1), c.a.modelId]),
    invariantsOnly,
  ],
  ["organization A's own models cursor", (c) => c.a.modelsCursor, invariantsOnly],
  ['a 100 KB cursor', () => 'A'.repeat(100_000), codes('BAD_USER_INPUT')],
  ['a cursor with a NUL byte', () => `${encode(['created_at', 0])}\u0000`, codes('BAD_USER_INPUT')],
];

function cursorCase(
  parent: GraphQLObjectType,
  field: GraphQLField<unknown, unknown>,
  [what, forge, expect]: (typeof forgeries)[number],
): HostileCase {
  return {
    category: 'dates and cursors',
    name: `${parent.name}.${field.name}(after:): ${what}`,
    send: async (context) => {
      const path = pathTo(parent, field);
      if (!path) throw new Error(`No way to reach ${parent.name}.${field.name} from the root: extend pathTo`);
      const after = await forge(context, await realCursor(context, path));
      return sendGraphQL(context, {
        query: path.query(true),
        variables: { ...path.variables(context), after },
      });
    },
    expect,
  };
}

/** Every DateTime argument with dates out of range, and every paginated field with forged cursors. */
export function dateAndCursorCases(): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const { kind, field } of rootFields('query', 'mutation')) {
    for (const leaf of leavesOf(field).filter((l) => l.typeName === 'DateTime')) {
      for (const bad of badDates) cases.push(dateCase(kind, field, leaf, bad));
    }
  }
  cases.push(...runFilterDates.map(runFilterCase));
  for (const { parent, field } of paginatedFields()) {
    for (const forgery of forgeries) cases.push(cursorCase(parent, field, forgery));
  }
  return cases;
}
