import { graphqlRequestBinding, signCaller, type AuthenticatedCaller } from '../lib/caller';
import type { FeatureSpec } from '../ml/feature';

/** Where a single-row prediction goes and how it is written; the same row for every target. */
export interface Target {
  url: string;
  /** Headers of a request carrying `row` (a subgraph's caller signature is bound to each request's variables). */
  headers(row: readonly number[]): Record<string, string>;
  body(row: readonly number[]): string;
  /** Whether the answer is a prediction, and whether it came from the cache (undefined: the answer cannot tell). */
  read(status: number, body: string): { ok: boolean; cacheHit?: boolean };
}

const JSON_TYPE = { 'content-type': 'application/json' };

export const PREDICT = `mutation ($modelId: ID!, $input: PredictionInput!) {
  predict(modelId: $modelId, input: $input) { label probabilities { label probability } cacheHit } }`;

/** GraphQL answers 200 with `errors` for a failed prediction: only a body without them is a prediction. */
function readGraphQL(status: number, body: string) {
  return { ok: status === 200 && !body.includes('"errors"'), cacheHit: body.includes('"cacheHit":true') };
}

const predictVariables = (modelId: string, row: readonly number[]) => ({ modelId, input: { features: row } });

function graphQLTarget(
  url: string,
  modelId: string,
  headers: (row: readonly number[]) => Record<string, string>,
): Target {
  return {
    url,
    headers: (row) => ({ ...JSON_TYPE, ...headers(row) }),
    body: (row) => JSON.stringify({ query: PREDICT, variables: predictVariables(modelId, row) }),
    read: readGraphQL,
  };
}

/** `{"features": [..]}` to bench/support/bare-onnx-server.ts. */
export function bareTarget(url: string): Target {
  return {
    url,
    headers: () => JSON_TYPE,
    body: (row) => JSON.stringify({ features: row }),
    read: (status) => ({ ok: status === 200 }),
  };
}

/**
 * A subgraph called as the gateway calls it: the caller in a signed header, signed for each request as the gateway
 * does (lib/caller.ts binds a signature to its subgraph, operation and variables).
 */
export function subgraphTarget(url: string, secret: string, caller: AuthenticatedCaller, modelId: string) {
  return graphQLTarget(url, modelId, (row) =>
    signCaller(secret, caller, {
      audience: 'inference',
      request: graphqlRequestBinding(PREDICT, predictVariables(modelId, row)),
    }),
  );
}

export function gatewayTarget(gatewayUrl: string, token: string, modelId: string): Target {
  const authorization = { authorization: `Bearer ${token}` };
  return graphQLTarget(gatewayUrl, modelId, () => authorization);
}

/**
 * Open Inference Protocol v2 REST (KServe's `POST /v2/models/{name}/infer`) on the gateway's origin: one FP32
 * tensor of shape [1] per feature, named after it.
 */
export function oipTarget(
  gatewayUrl: string,
  token: string,
  model: { features: FeatureSpec[] },
  name: string,
) {
  const authorization = { authorization: `Bearer ${token}` };
  const target: Target = {
    url: new URL(`/v2/models/${encodeURIComponent(name)}/infer`, gatewayUrl).href,
    headers: () => ({ ...JSON_TYPE, ...authorization }),
    body: (row) =>
      JSON.stringify({
        inputs: model.features.map((feature, i) => ({
          name: feature.name,
          shape: [1],
          datatype: 'FP32',
          data: [row[i]],
        })),
      }),
    read: (status) => ({ ok: status === 200 }),
  };
  return target;
}

/** What a target answers to one request, for checks before the load. */
export async function probe(
  target: Target,
  row: readonly number[],
): Promise<{ status: number; body: string }> {
  const response = await fetch(target.url, {
    method: 'POST',
    headers: target.headers(row),
    body: target.body(row),
  });
  return { status: response.status, body: await response.text() };
}
