import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../lib/paths';

/** An answer of the Open Inference Protocol as a client sees it. */
export interface OipAnswer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T & { error?: string };
}

export interface OipTensor {
  name: string;
  shape: number[];
  datatype: string;
  data: unknown[];
  parameters?: Record<string, unknown>;
}

export interface OipInferResponse {
  model_name: string;
  model_version: string;
  id?: string;
  outputs: OipTensor[];
}

/** Calls `origin + path` as a KServe v2 client would: JSON in, JSON out. */
export async function oip<T = Record<string, unknown>>(
  origin: string,
  method: 'GET' | 'POST' | 'PUT',
  urlPath: string,
  options: { headers?: Record<string, string>; body?: unknown; rawBody?: string } = {},
): Promise<OipAnswer<T>> {
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const response = await fetch(`${origin}${urlPath}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
    body,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : {} };
}

/** A request body shipped in examples/ (the README walkthrough uses it). */
export const exampleBody = (name: string): unknown =>
  JSON.parse(readFileSync(path.join(projectRoot, 'examples', name), 'utf8'));

/** A tensor per feature, shape [N], from rows in feature order. */
export function featureTensors(
  features: readonly string[],
  rows: readonly (readonly unknown[])[],
  datatypes: (feature: string, index: number) => string = () => 'FP64',
): OipTensor[] {
  return features.map((name, j) => ({
    name,
    shape: [rows.length],
    datatype: datatypes(name, j),
    data: rows.map((row) => row[j]),
  }));
}

/** The output tensor of that name; fails the test when there is none. */
export function outputOf(response: OipInferResponse, name: string): OipTensor {
  const tensor = response.outputs.find((t) => t.name === name);
  if (!tensor) throw new Error(`no output "${name}" in ${JSON.stringify(response)}`);
  return tensor;
}
