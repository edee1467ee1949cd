import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { createLimitRules, createRequestGuard, type GatewayLimits, type OperationLimits } from '../limits';
import { documentBoundsError } from '../operation-limits/document-scan';
import { jsonBoundsViolation } from '../operation-limits/json-bounds';

const schema = buildSchema(`
  type Query { node: Node scaled(by: Float): Node }
  type Node { id: ID! child: Node }
`);

const SMALL: OperationLimits = { maxDepth: 3, maxAliases: 2, maxRootFields: 3, maxDirectives: 2 };

function check(document: string, limits: OperationLimits = SMALL): string[] {
  return validate(schema, parse(document), [...specifiedRules, ...createLimitRules(limits)]).map(
    (e) => e.message,
  );
}

/** `fragment F0 on Query { ...F1 } fragment F1 on Query { ...F2 } …`, spread by an anonymous query. */
function chainedFragments(count: number): string {
  const fragments = Array.from(
    { length: count },
    (_, i) => `fragment F${i} on Query { ${i + 1 < count ? `...F${i + 1}` : '__typename'} }`,
  );
  return ['{ ...F0 }', ...fragments].join(' ');
}

/** A JSON value `levels` objects deep: { a: { a: … 1 } }. */
function nestedObject(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i += 1) value = { a: value };
  return value;
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

    expect(check(`{ ${schemas} }`, { ...SMALL, maxAliases: 5, maxRootFields: 200 })).toEqual([
      'The operation uses 200 aliases; the maximum is 5',
    ]);
    expect(check(typenames)).toEqual(['The operation uses 3 aliases; the maximum is 2']);
    expect(check(inside)).toEqual(['The operation uses 3 aliases; the maximum is 2']);
  });

  it('checks every limit in one rule, reporting each one broken', () => {
    const document = 'query Both { a: node { b: child { c: child { child { id } } } } }';

    // One rule for the operation's shape, one for number literals.
    expect(createLimitRules(SMALL)).toHaveLength(2);
    expect(check(document)).toEqual([
      'Operation "Both" is 5 levels deep; the maximum depth is 3',
      'Operation "Both" uses 3 aliases; the maximum is 2',
    ]);
  });

  it('counts the aliases of a fragment once per spread', () => {
    const document = '{ node { ...A } other: node { ...A } } fragment A on Node { x: id }';

    expect(check(document)).toEqual(['The operation uses 3 aliases; the maximum is 2']);
  });

  it('refuses more root fields than allowed, counting those in fragments', () => {
    const atMost = '{ node { id } ...R } fragment R on Query { scaled { id } node { id } }';
    const over =
      '{ node { id } ...R ... on Query { __typename } } fragment R on Query { node { id } scaled { id } }';

    expect(check(atMost)).toEqual([]);
    expect(check(over)).toEqual(['The operation selects 4 root fields; the maximum is 3']);
  });

  it('refuses more directives than allowed, on the operation, its variables, fields and fragments', () => {
    const atMost = 'query Q($s: Boolean = true) @skip(if: false) { node @include(if: $s) { id } }';
    const over =
      'query Q($s: Boolean = true) @skip(if: false) { node @include(if: $s) { ...I @skip(if: false) } } fragment I on Node { id }';

    expect(check(atMost).filter((m) => m.includes('directives'))).toEqual([]);
    expect(check(over).filter((m) => m.includes('directives'))).toEqual([
      'Operation "Q" uses 3 directives; the maximum is 2',
    ]);
  });

  it('measures a fragment spread many times in linear time', () => {
    const spreads = Array.from({ length: 2_000 }, () => '...A').join(' ');
    const started = performance.now();

    const messages = check(`{ node { ${spreads} } } fragment A on Node { a: id }`, {
      ...SMALL,
      maxAliases: 10_000,
    });

    expect(messages).toEqual([]);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('measures 20,000 chained fragments without overflowing the stack', () => {
    const document = parse(chainedFragments(20_000));

    // graphql-js's own NoFragmentCycles recursion overflows on such a chain, which is why the request guard
    // refuses it before validation; the limit rule alone must not overflow on any document.
    const messages = validate(schema, document, createLimitRules(SMALL)).map((e) => e.message);

    expect(messages).toEqual([]);
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

describe('document bounds, checked before parsing', () => {
  const bounds = { maxTokens: 100, maxNesting: 5, maxFragments: 2 };

  it('counts tokens as graphql-js does, comments aside', () => {
    const fields = (count: number) => `{ ${'a '.repeat(count - 2)}} # a comment is no token`;

    expect(documentBoundsError(fields(100), bounds)).toBeUndefined();
    expect(() => parse(fields(100), { maxTokens: 100 })).not.toThrow();
    expect(documentBoundsError(fields(101), bounds)?.message).toBe(
      'The document has more than 100 tokens, the maximum',
    );
    expect(() => parse(fields(101), { maxTokens: 100 })).toThrow(/100 tokens/);
  });

  it('bounds the nesting of braces, brackets and parentheses', () => {
    expect(documentBoundsError('{ a { b(x: [[1]]) } }', bounds)).toBeUndefined();
    expect(documentBoundsError('{ a { b(x: [[[1]]]) } }', bounds)?.message).toBe(
      'The document nests brackets more than 5 levels deep, the maximum',
    );
  });

  it('counts fragment definitions, not fields or types named fragment', () => {
    const two = 'query fragment { fragment } fragment A on Q { a } fragment fragment on fragment { a }';

    expect(documentBoundsError(two, bounds)).toBeUndefined();
    expect(documentBoundsError(`${two} fragment C on Q { a }`, bounds)?.message).toBe(
      'The document defines 3 fragments; the maximum is 2',
    );
  });

  it('leaves a document the lexer cannot read to the parser', () => {
    expect(documentBoundsError('{ a(x: "unterminated) }', bounds)).toBeUndefined();
  });
});

describe('the request guard', () => {
  const limits: GatewayLimits = { maxDepth: 12, maxAliases: 30, maxRequestBytes: 1_000_000 };
  const guard = createRequestGuard(limits);

  it('refuses 10,000 chained fragments before anything parses them, however many tokens are allowed', () => {
    const query = chainedFragments(10_000);
    const manyTokens = createRequestGuard({ ...limits, maxTokens: 1_000_000 });

    expect(guard.refuseRequest({ query })?.message).toBe(
      'The document has more than 15000 tokens, the maximum',
    );
    expect(manyTokens.refuseRequest({ query })?.message).toBe(
      'The document defines 10000 fragments; the maximum is 200',
    );
    expect(manyTokens.refuseRequest({ query: chainedFragments(200) })).toBeUndefined();
    expect(guard.refuseRequest({ query })?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses variables and extensions nested deeper than allowed, with BAD_USER_INPUT', () => {
    const atMost = { input: nestedObject(31) };
    const over = { input: nestedObject(32) };

    expect(guard.refuseRequest({ query: '{ a }', variables: atMost })).toBeUndefined();
    expect(guard.refuseRequest({ query: '{ a }', variables: over })).toMatchObject({
      message: 'The variables nest more than 32 levels deep, the maximum',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(guard.refuseRequest({ query: '{ a }', extensions: over })?.message).toBe(
      'The extensions nest more than 32 levels deep, the maximum',
    );
    expect(guard.refuseRequest({ query: '{ a }', variables: { deep: nestedObject(20_000) } })).toBeDefined();
  });

  it('refuses variables larger than allowed as JSON', () => {
    const small = createRequestGuard({ ...limits, maxInputBytes: 100 });
    const sized = (bytes: number) => ({ s: 'x'.repeat(bytes - '{"s":""}'.length) });

    expect(JSON.stringify(sized(100))).toHaveLength(100);
    expect(small.refuseRequest({ query: '{ a }', variables: sized(100) })).toBeUndefined();
    expect(small.refuseRequest({ query: '{ a }', variables: sized(101) })?.message).toBe(
      'The variables take more than 100 bytes as JSON, the maximum',
    );
  });

  it('refuses a malformed persisted query, which Apollo Server would fail on internally', () => {
    const hash = 'a'.repeat(64);

    expect(
      guard.refuseRequest({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }),
    ).toBeUndefined();
    for (const persistedQuery of [
      'x',
      null,
      { version: 2, sha256Hash: hash },
      { version: 1, sha256Hash: 5 },
    ]) {
      expect(guard.refuseRequest({ extensions: { persistedQuery } })?.extensions.code).toBe('BAD_REQUEST');
    }
  });
});

describe('JSON bounds', () => {
  it('measures depth and size the way JSON.stringify writes them', () => {
    const value = { a: [1, 'é', null, true], b: { c: {} } };

    expect(
      jsonBoundsViolation(value, { maxDepth: 3, maxBytes: Buffer.byteLength(JSON.stringify(value)) }),
    ).toBeUndefined();
    expect(jsonBoundsViolation(value, { maxDepth: 2, maxBytes: 1_000 })).toEqual({ kind: 'depth', depth: 3 });
    expect(jsonBoundsViolation(value, { maxDepth: 3, maxBytes: 30 })).toMatchObject({ kind: 'size' });
  });

  it('walks a value nested 100,000 deep without recursion', () => {
    expect(
      jsonBoundsViolation(nestedObject(100_000), { maxDepth: 200_000, maxBytes: 10_000_000 }),
    ).toBeUndefined();
  });
});
