import { buildSchema, getIntrospectionQuery, parse } from 'graphql';
import { readSupergraphSdl } from '../../lib/paths';
import { operationCost, operationCostError, type CostLimits } from '../operation-limits/operation-cost';
import { loadFederatedSchema } from '../subscription/federated-schema';

const LIMITS: CostLimits = { maxCost: 10_000, defaultListSize: 20, maxPageSize: 100 };

const schema = buildSchema(`
  type Query {
    items(first: Int = 10, after: String): ItemConnection!
    tags: [String!]!
    item: Item
    grid: [[Item!]!]!
    rows(first: Int = 50): [Item!]!
  }
  type ItemConnection { totalCount: Int! edges: [ItemEdge!]! nodes: [Item!]! }
  type ItemEdge { cursor: String! node: Item! }
  type Item { id: ID! children: [Item!]! parent: Item }
`);

function cost(query: string, variables?: Record<string, unknown>, limits = LIMITS): number | undefined {
  return operationCost(schema, limits, { document: parse(query), variables });
}

describe('the cost of an operation', () => {
  it('counts each object once and leaves nothing', () => {
    expect(cost('{ item { id parent { id } } tags }')).toBe(2);
    expect(cost('{ __typename item { __typename } }')).toBe(1);
  });

  it("multiplies a connection's lists by its page, from a literal, a variable or the argument's default", () => {
    // The connection (1) and its page of 7 edges, each with its node.
    expect(cost('{ items(first: 7) { totalCount edges { node { id } } } }')).toBe(1 + 7 * 2);
    expect(cost('query ($n: Int) { items(first: $n) { nodes { id } } }', { n: 3 })).toBe(1 + 3);
    expect(cost('query ($n: Int = 4) { items(first: $n) { nodes { id } } }')).toBe(1 + 4);
    expect(cost('{ items { nodes { id } } }')).toBe(1 + 10);
    expect(cost('{ rows { id } }')).toBe(50);
  });

  it('counts a page larger than the subgraphs allow as the largest they allow', () => {
    expect(cost('{ items(first: 100000) { nodes { id } } }')).toBe(1 + 100);
    expect(cost('query ($n: Int) { items(first: $n) { nodes { id } } }', { n: 'many' })).toBe(1 + 100);
  });

  it('multiplies nested lists, the ones without a page by the default list size', () => {
    expect(cost('{ item { children { children { id } } } }')).toBe(1 + 20 * (1 + 20));
    expect(cost('{ grid { id } }')).toBe(20 * 20);
  });

  it('expands fragments with the page of the connection they are spread in', () => {
    const viaFragment =
      '{ items(first: 5) { ...Page } } fragment Page on ItemConnection { nodes { children { id } } }';

    expect(cost(viaFragment)).toBe(1 + 5 * (1 + 20));
    expect(
      cost(
        `{ a: items(first: 2) { ...Page } b: items(first: 3) { ...Page } } ${viaFragment.slice(viaFragment.indexOf('fragment'))}`,
      ),
    ).toBe(1 + 2 * 21 + 1 + 3 * 21);
  });

  it('costs introspection next to nothing: the schema fixes its size', () => {
    expect(cost(getIntrospectionQuery())).toBe(1);
  });

  it('refuses an operation just over the limit and accepts one at it', () => {
    // 1 + first × (1 + 20 × 1): first = 476 costs 10,000 exactly with pages of up to 1,000.
    const limits = { ...LIMITS, maxPageSize: 1_000 };
    const query = 'query ($n: Int) { items(first: $n) { nodes { children { id } } } }';
    const at = { document: parse(query), variables: { n: 476 } };
    const over = { document: parse(query), variables: { n: 477 } };

    expect(operationCost(schema, limits, at)).toBe(1 + 476 * 21);
    expect(operationCost(schema, limits, at)).toBeLessThanOrEqual(10_000);
    expect(operationCostError(schema, limits, at)).toBeUndefined();
    expect(operationCostError(schema, limits, over)?.message).toBe(
      'The operation may return up to 10018 objects (its cost); the maximum is 10000. Ask for smaller pages (first) or fewer nested lists',
    );
  });

  it('folds a chain of 20,000 fragments without overflowing the stack', () => {
    const fragments = Array.from(
      { length: 20_000 },
      (_, i) => `fragment F${i} on Item { children { ${i + 1 < 20_000 ? `...F${i + 1}` : 'id'} } }`,
    );

    expect(cost(`{ item { ...F0 } } ${fragments.join(' ')}`)).toBe(Infinity);
  });
});

describe('the cost of operations on the platform schema', () => {
  const platform = loadFederatedSchema(readSupergraphSdl()).schema;
  const costOf = (query: string) => operationCost(platform, LIMITS, { document: parse(query) });

  it('refuses models(first: 100) { versions { model { versions … } } }', () => {
    const query = `{
      models(first: 100) { edges { node { versions { model { versions { id } } } } } }
    }`;

    expect(costOf(query)).toBe(1 + 100 * (1 + 1 + 20 * (1 + 1 + 20)));
    expect(operationCostError(platform, LIMITS, { document: parse(query) })).toBeDefined();
  });

  it("accepts the README's first query", () => {
    const query = `{
      models(first: 10, filter: { tag: "tabular" }) {
        totalCount
        edges { node { name owner { email } organization { name plan { name } } deployment { status } driftPolicy { windowSize } } }
      }
    }`;

    expect(costOf(query)).toBe(1 + 10 * (1 + 1 + 1 + 2 + 1 + 1));
  });
});
