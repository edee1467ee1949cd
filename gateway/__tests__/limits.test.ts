import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { createLimitRules } from '../limits';

const schema = buildSchema(`
  type Query { node: Node scaled(by: Float): Node }
  type Node { id: ID! child: Node }
`);

function check(document: string, limits = { maxDepth: 3, maxAliases: 2 }): string[] {
  return validate(schema, parse(document), [...specifiedRules, ...createLimitRules(limits)]).map(
    (e) => e.message,
  );
}

describe('operation limits', () => {
  it('accepts an operation at the maximum depth', () => {
    expect(check('{ node { child { id } } }')).toEqual([]);
  });

  it('counts depth through inline fragments and fragment spreads', () => {
    const viaFragments = '{ node { ...C } } fragment C on Node { child { ... on Node { child { id } } } }';

    expect(check(viaFragments)).toEqual(['The operation is 4 levels deep; the maximum depth is 3']);
  });

  it('names the operation that is too deep', () => {
    expect(check('query Deep { node { child { child { id } } } }')).toEqual([
      'Operation "Deep" is 4 levels deep; the maximum depth is 3',
    ]);
  });

  it('does not count introspection, whose depth the schema fixes', () => {
    const introspection =
      '{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }';

    expect(check(introspection)).toEqual([]);
  });

  it('counts aliases of introspection fields, which add no depth but cost work', () => {
    const schemas = Array.from({ length: 200 }, (_, i) => `s${i}: __schema { queryType { name } }`).join(' ');
    const typenames = '{ node { a: __typename b: __typename c: __typename } }';
    const inside = '{ __schema { a: types { name } b: types { name } c: types { name } } }';

    expect(check(`{ ${schemas} }`, { maxDepth: 3, maxAliases: 5 })).toEqual([
      'The operation uses 200 aliases; the maximum is 5',
    ]);
    expect(check(typenames)).toEqual(['The operation uses 3 aliases; the maximum is 2']);
    expect(check(inside)).toEqual(['The operation uses 3 aliases; the maximum is 2']);
  });

  it('checks depth and aliases in one rule, reporting both', () => {
    const document = 'query Both { a: node { b: child { c: child { child { id } } } } }';

    // One rule for depth and aliases, one for number literals.
    expect(createLimitRules({ maxDepth: 3, maxAliases: 2 })).toHaveLength(2);
    expect(check(document)).toEqual([
      'Operation "Both" is 5 levels deep; the maximum depth is 3',
      'Operation "Both" uses 3 aliases; the maximum is 2',
    ]);
  });

  it('counts the aliases of a fragment once per spread', () => {
    const document = '{ node { ...A } other: node { ...A } } fragment A on Node { x: id }';

    expect(check(document)).toEqual(['The operation uses 3 aliases; the maximum is 2']);
  });

  it('measures a fragment spread many times in linear time', () => {
    const spreads = Array.from({ length: 2_000 }, () => '...A').join(' ');
    const started = performance.now();

    const messages = check(`{ node { ${spreads} } } fragment A on Node { a: id }`, {
      maxDepth: 3,
      maxAliases: 10_000,
    });

    expect(messages).toEqual([]);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('leaves fragment cycles to graphql-js instead of looping', () => {
    const messages = check(
      '{ node { ...A } } fragment A on Node { child { ...B } } fragment B on Node { child { ...A } }',
    );

    expect(messages).toEqual([expect.stringContaining('Cannot spread fragment "A" within itself')]);
  });

  it('refuses a number literal that is not finite, which graphql-js would let through', () => {
    expect(check('{ scaled(by: 1e999) { id } }')).toEqual([
      'The number 1e999 is out of range: numbers must be finite',
    ]);
    expect(check('{ scaled(by: 1.5e10) { id } }')).toEqual([]);
  });
});
