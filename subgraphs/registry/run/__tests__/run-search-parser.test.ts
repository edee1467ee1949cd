import { GraphQLError } from 'graphql';
import { parseFilter, parseOrder, type FilterNode } from '../search/parser';

/** The error a parse throws, as a client sees its message and extensions. */
function failure(parse: () => unknown): { message: string; extensions: Record<string, unknown> } {
  try {
    parse();
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return { message: error.message, extensions: { ...error.extensions } };
  }
  throw new Error('expected the parse to fail');
}

const metric = (key: string, operator: string, value: number) => ({
  kind: 'comparison',
  subject: { type: 'metric', key },
  operator,
  value,
});
const param = (key: string, operator: string, value: string | number) => ({
  kind: 'comparison',
  subject: { type: 'param', key },
  operator,
  value,
});

describe('run search filter: parsing', () => {
  it('parses the example of the issue into an and of two comparisons', () => {
    expect(parseFilter("metrics.accuracy > 0.9 and params.algorithm = 'mlp'")).toEqual({
      kind: 'and',
      operands: [metric('accuracy', '>', 0.9), param('algorithm', '=', 'mlp')],
    });
  });

  it('reads a blank filter as no filter', () => {
    expect(parseFilter('')).toBeNull();
    expect(parseFilter('  \n\t ')).toBeNull();
  });

  it.each([
    ['=', '='],
    ['==', '='],
    ['!=', '!='],
    ['<>', '!='],
    ['<', '<'],
    ['<=', '<='],
    ['>', '>'],
    ['>=', '>='],
  ])('reads the operator %s as %s', (text, operator) => {
    expect(parseFilter(`metrics.loss ${text} 1`)).toEqual(metric('loss', operator, 1));
  });

  it('needs no spaces around operators', () => {
    expect(parseFilter('metrics.loss<=0.5')).toEqual(metric('loss', '<=', 0.5));
  });

  it.each([
    ['-0.5', -0.5],
    ['+3', 3],
    ['.5', 0.5],
    ['1e-3', 0.001],
    ['2E+2', 200],
    ['10', 10],
  ])('reads the number %s', (text, value) => {
    expect(parseFilter(`metrics.delta > ${text}`)).toEqual(metric('delta', '>', value));
  });

  it('reads strings in single or double quotes, a doubled quote standing for one', () => {
    expect(parseFilter(`params.a = 'it''s' or params.b = "say ""hi"""`)).toEqual({
      kind: 'or',
      operands: [param('a', '=', "it's"), param('b', '=', 'say "hi"')],
    });
  });

  it('reads keys with dots, dashes, slashes and colons, and backquoted keys with anything else', () => {
    expect(parseFilter('metrics.val.loss-avg/epoch:1 < 1')).toEqual(metric('val.loss-avg/epoch:1', '<', 1));
    expect(parseFilter('metrics.`f1 score (macro)` >= 0.5')).toEqual(metric('f1 score (macro)', '>=', 0.5));
    expect(parseFilter('params.`it``s` = 1')).toEqual(param('it`s', '=', 1));
  });

  it('binds and tighter than or, and lets parentheses group', () => {
    const a = metric('a', '>', 1);
    const b = metric('b', '>', 2);
    const c = metric('c', '>', 3);
    expect(parseFilter('metrics.a > 1 or metrics.b > 2 and metrics.c > 3')).toEqual({
      kind: 'or',
      operands: [a, { kind: 'and', operands: [b, c] }],
    });
    expect(parseFilter('(metrics.a > 1 or metrics.b > 2) and metrics.c > 3')).toEqual({
      kind: 'and',
      operands: [{ kind: 'or', operands: [a, b] }, c],
    });
    expect(parseFilter('((metrics.a > 1))')).toEqual(a);
  });

  it('reads keywords in any case', () => {
    const node = parseFilter('metrics.a > 1 AND metrics.b > 2 Or metrics.c > 3') as FilterNode;
    expect(node.kind).toBe('or');
  });

  it('reads attributes: status (any case) and times as ISO-8601 or epoch milliseconds', () => {
    expect(parseFilter("attributes.status = 'finished'")).toEqual({
      kind: 'comparison',
      subject: { type: 'attribute', key: 'status' },
      operator: '=',
      value: 'FINISHED',
    });
    expect(parseFilter("attributes.start_time >= '2026-01-02T03:04:05Z'")).toMatchObject({
      value: new Date('2026-01-02T03:04:05Z'),
    });
    expect(parseFilter('attributes.end_time < 1767225600000')).toMatchObject({
      subject: { type: 'attribute', key: 'end_time' },
      value: new Date(1767225600000),
    });
  });

  it('keeps an injection attempt as a plain string value', () => {
    expect(parseFilter("params.algorithm = 'x'' or 1=1; drop table runs; --'")).toEqual(
      param('algorithm', '=', "x' or 1=1; drop table runs; --"),
    );
  });
});

describe('run search filter: errors point at the bad token', () => {
  it.each([
    // [filter, position, token, message]
    [
      "metrics.accuracy > 0.9 and x params.algorithm = 'mlp'",
      27,
      'x',
      "Unexpected token 'x' at position 27: expected a comparison such as metrics.accuracy > 0.9",
    ],
    [
      'metrics.accuracy 0.9',
      17,
      '0.9',
      "Unexpected token '0.9' at position 17: expected one of =, !=, <, <=, >, >=",
    ],
    [
      'metrics.accuracy >',
      18,
      '',
      'Unexpected token end of input at position 18: expected a quoted string or a number',
    ],
    [
      'metrics.accuracy > 0.9 metrics.loss < 1',
      23,
      'metrics.loss',
      'Unexpected token \'metrics.loss\' at position 23: expected "and", "or" or the end of the filter',
    ],
    [
      'metric.accuracy > 0.9',
      0,
      'metric.accuracy',
      "Unknown name 'metric.accuracy' at position 0: expected metrics.<key>, params.<key> or attributes.status, start_time or end_time",
    ],
    ['accuracy > 0.9', 0, 'accuracy', undefined],
    [
      'attributes.run_name = 1',
      0,
      'attributes.run_name',
      "Unknown attribute 'attributes.run_name' at position 0: expected attributes.status, start_time or end_time",
    ],
    [
      'metrics. > 1',
      0,
      'metrics.',
      "Unexpected token 'metrics.' at position 0: expected a key after metrics.",
    ],
    [
      "metrics.accuracy > 'high'",
      19,
      "'high'",
      "Unexpected token 'high' at position 19: metrics compare with numbers",
    ],
    [
      "params.algorithm < 'mlp'",
      19,
      "'mlp'",
      "Unexpected token 'mlp' at position 19: params compare with a string by = and != only; use a number with <",
    ],
    [
      "attributes.status > 'RUNNING'",
      18,
      '>',
      "Unexpected token '>' at position 18: status compares by = and != only",
    ],
    ["attributes.status = 'DONE'", 20, "'DONE'", undefined],
    ["attributes.start_time > 'yesterday'", 24, "'yesterday'", undefined],
    ['(metrics.a > 1', 14, '', 'Unexpected token end of input at position 14: expected ")"'],
    ['metrics.a > 1)', 13, ')', undefined],
    ['metrics.a > 1 and', 17, '', undefined],
    ["params.a = 'open", 11, "'open", "Unterminated string 'open at position 11: add the closing '"],
    ['metrics.`open > 1', 8, '`open > 1', undefined],
    ['metrics.a > 1e999', 12, '1e999', "Number out of range '1e999' at position 12: not a finite number"],
    ['metrics.a > 1 & metrics.b > 2', 14, '&', "Unexpected character '&' at position 14"],
    ['metrics.a ! 1', 10, '!', undefined],
    ['metrics.a > 1; drop table runs', 13, ';', undefined],
  ])('%s → position %i', (filter, position, token, message) => {
    const error = failure(() => parseFilter(filter));
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'filter', position, token });
    if (message) expect(error.message).toBe(message);
    expect(error.message).toContain(`at position ${position}`);
  });

  it('refuses more than 20 comparisons, at the 21st', () => {
    const filter = Array.from({ length: 21 }, (_, i) => `metrics.m${i} > ${i}`).join(' and ');
    expect(parseFilter(filter.split(' and ').slice(0, 20).join(' and '))).not.toBeNull();
    const error = failure(() => parseFilter(filter));
    expect(error.extensions).toMatchObject({ field: 'filter', token: 'metrics.m20' });
    expect(error.extensions.position).toBe(filter.indexOf('metrics.m20'));
  });

  it('refuses a filter over 1000 characters', () => {
    const error = failure(() => parseFilter(`params.a = '${'x'.repeat(1000)}'`));
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'filter' });
  });

  it('survives deep nesting within the length limit', () => {
    const filter = `${'('.repeat(400)}metrics.a > 1${')'.repeat(400)}`;
    expect(parseFilter(filter)).toEqual(metric('a', '>', 1));
  });
});

describe('run search orderBy', () => {
  it.each([
    ['metrics.accuracy DESC', { subject: { type: 'metric', key: 'accuracy' }, direction: 'DESC' }],
    ['metrics.accuracy', { subject: { type: 'metric', key: 'accuracy' }, direction: 'ASC' }],
    ['params.lr asc', { subject: { type: 'param', key: 'lr' }, direction: 'ASC' }],
    ['attributes.start_time desc', { subject: { type: 'attribute', key: 'start_time' }, direction: 'DESC' }],
    ['  attributes.status  ', { subject: { type: 'attribute', key: 'status' }, direction: 'ASC' }],
  ])('parses %s', (text, order) => {
    expect(parseOrder(text)).toEqual(order);
  });

  it('reads a blank orderBy as the default', () => {
    expect(parseOrder(' ')).toBeNull();
  });

  it.each([
    ['metrics.accuracy DOWN', 17, 'DOWN'],
    ['metrics.accuracy DESC, params.lr', 21, ','],
    ['DESC', 0, 'DESC'],
    ['tags.team', 0, 'tags.team'],
    ['metrics.a > 1', 10, '>'],
  ])('points at the bad token of %s', (text, position, token) => {
    const error = failure(() => parseOrder(text));
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'orderBy', position, token });
  });
});
