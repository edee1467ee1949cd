import type { CorpusContext } from '../support/context';
import type { Expectation, HostileCase } from '../support/corpus';
import { codes, invariantsOnly, refused, status } from '../support/expect';
import { sendGraphQL, sendRawGraphQL } from '../support/send';

const CREATE_RUN = 'mutation ($e: ID!, $p: JSON) { createRun(experimentId: $e, params: $p) { id params } }';
const MODEL = 'query ($id: ID!) { model(id: $id) { id name } }';
const MODELS =
  'query ($first: Int, $filter: ModelFilter) { models(first: $first, filter: $filter) { totalCount } }';
const PREDICT = 'mutation ($m: ID!, $i: PredictionInput!) { predict(modelId: $m, input: $i) { label } }';
const LOG_METRICS = 'mutation ($r: ID!, $m: [MetricInput!]!) { logMetrics(runId: $r, metrics: $m) { id } }';

const VARIABLE_CODES = ['BAD_USER_INPUT', 'BAD_REQUEST', 'GRAPHQL_VALIDATION_FAILED'];

/** `{"a":{"a":…}}` or `[[…]]` nested `depth` levels, as text: too deep to build with JSON.stringify. */
const nestedObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const nestedArray = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

/** A request whose variables are given as JSON text (after `variables` is substituted for `$VARS`). */
const rawVariables = (
  name: string,
  query: string,
  variables: (c: CorpusContext) => string,
  expect: Expectation,
): HostileCase => ({
  category: 'variables',
  name,
  send: (context) =>
    sendRawGraphQL(context, `{"query":${JSON.stringify(query)},"variables":${variables(context)}}`),
  expect,
});

const typed = (
  name: string,
  query: string,
  variables: (c: CorpusContext) => Record<string, unknown>,
  expect: Expectation,
): HostileCase => ({
  category: 'variables',
  name,
  send: (context) => sendGraphQL(context, { query, variables: variables(context) }),
  expect,
});

/** Variables: deep and huge JSON, wrong types, prototype keys, variables that are not an object. */
export function variableCases(): HostileCase[] {
  return [
    rawVariables(
      'a JSON variable nested 20,000 levels',
      CREATE_RUN,
      (c) => `{"e":"${c.b.experimentId}","p":${nestedObject(20_000)}}`,
      codes(...VARIABLE_CODES),
    ),
    rawVariables(
      'a JSON variable nested 1,000 levels',
      CREATE_RUN,
      (c) => `{"e":"${c.b.experimentId}","p":${nestedObject(1_000)}}`,
      codes(...VARIABLE_CODES),
    ),
    rawVariables(
      'a list variable nested 20,000 levels',
      PREDICT,
      (c) => `{"m":"${c.b.modelId}","i":{"features":${nestedArray(20_000)}}}`,
      codes(...VARIABLE_CODES),
    ),
    rawVariables(
      'an unused variable nested 20,000 levels',
      MODELS,
      () => `{"first":1,"junk":${nestedObject(20_000)}}`,
      invariantsOnly,
    ),
    rawVariables(
      'a JSON variable of 100,000 keys',
      CREATE_RUN,
      (c) =>
        `{"e":"${c.b.experimentId}","p":{${Array.from({ length: 100_000 }, (_, i) => `"k${i}":1`).join(',')}}}`,
      codes(...VARIABLE_CODES),
    ),
    rawVariables('an ID variable of 900 KB', MODEL, () => `{"id":"${'i'.repeat(900_000)}"}`, refused),
    rawVariables('variables that are an array', MODEL, () => '[1,2,3]', refused),
    rawVariables('variables that are a string', MODEL, () => '"{\\"id\\": \\"x\\"}"', refused),
    rawVariables(
      'a __proto__ key in JSON params',
      CREATE_RUN,
      (c) =>
        `{"e":"${c.b.experimentId}","p":{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}}`,
      invariantsOnly,
    ),
    rawVariables(
      'a duplicate key in the variables object',
      MODEL,
      (c) => `{"id":"${c.b.modelId}","id":{"nested":1}}`,
      codes(...VARIABLE_CODES),
    ),
    typed('an ID that is an object', MODEL, () => ({ id: { $ne: null } }), codes(...VARIABLE_CODES)),
    typed('an ID that is a list', MODEL, () => ({ id: ['a', 'b'] }), codes(...VARIABLE_CODES)),
    typed(
      'an ID that is not a UUID',
      MODEL,
      () => ({ id: "1' OR '1'='1" }),
      codes('NOT_FOUND', 'BAD_USER_INPUT'),
    ),
    typed(
      'an ID of 10,000 characters',
      MODEL,
      () => ({ id: 'x'.repeat(10_000) }),
      codes('NOT_FOUND', 'BAD_USER_INPUT'),
    ),
    typed('an ID that is null', MODEL, () => ({ id: null }), codes(...VARIABLE_CODES)),
    typed('an Int given as a string', MODELS, () => ({ first: '10' }), codes(...VARIABLE_CODES)),
    typed('an Int beyond 32 bits', MODELS, () => ({ first: 2 ** 40 }), codes(...VARIABLE_CODES)),
    typed('an Int that is a fraction', MODELS, () => ({ first: 1.5 }), codes(...VARIABLE_CODES)),
    typed('first: -1', MODELS, () => ({ first: -1 }), codes(...VARIABLE_CODES)),
    typed('first: 1,000,000', MODELS, () => ({ first: 1_000_000 }), codes(...VARIABLE_CODES)),
    typed(
      'an enum given as a number',
      MODELS,
      () => ({ filter: { framework: 1 } }),
      codes(...VARIABLE_CODES),
    ),
    typed(
      'an unknown enum value',
      MODELS,
      () => ({ filter: { framework: 'EVIL' } }),
      codes(...VARIABLE_CODES),
    ),
    typed(
      'an unknown input field',
      MODELS,
      () => ({ filter: { framework: 'ONNX', evil: true } }),
      codes(...VARIABLE_CODES),
    ),
    typed(
      'a Float that is a string',
      LOG_METRICS,
      (c) => ({ r: c.b.runId, m: [{ key: 'loss', value: 'NaN' }] }),
      codes(...VARIABLE_CODES),
    ),
    typed(
      'a Float of 1e308 * 10 (Infinity as text)',
      LOG_METRICS,
      (c) => ({ r: c.b.runId, m: [{ key: 'loss', value: 1e308 * 10 }] }),
      codes(...VARIABLE_CODES),
    ),
    typed(
      '10,001 metric points',
      LOG_METRICS,
      (c) => ({
        r: c.b.runId,
        m: Array.from({ length: 10_001 }, (_, i) => ({ key: 'loss', value: 1, step: i })),
      }),
      codes(...VARIABLE_CODES),
    ),
    typed(
      'a 100,000-element feature list',
      PREDICT,
      (c) => ({ m: c.b.modelId, i: { features: Array.from({ length: 100_000 }, () => 1) } }),
      codes(...VARIABLE_CODES),
    ),
    typed(
      'prediction input with both features and named',
      PREDICT,
      (c) => ({ m: c.b.modelId, i: { features: [1, 2, 3, 4], named: { a: 1 } } }),
      codes(...VARIABLE_CODES),
    ),
    typed(
      'named features with 10,000 keys',
      PREDICT,
      (c) => ({
        m: c.b.modelId,
        i: { named: Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`f${i}`, i])) },
      }),
      codes(...VARIABLE_CODES),
    ),
    {
      category: 'variables',
      name: '10,000 variable definitions',
      send: (context) =>
        sendGraphQL(context, {
          query: `query (${Array.from({ length: 10_000 }, (_, i) => `$v${i}: Int`).join(', ')}) { me { id } }`,
        }),
      expect: refused,
    },
    {
      category: 'variables',
      name: 'a body whose variables alone exceed the request size limit',
      send: (context) =>
        sendGraphQL(context, { query: MODEL, variables: { id: 'x', junk: 'j'.repeat(1_500_000) } }),
      expect: status(413, 400),
    },
  ];
}
