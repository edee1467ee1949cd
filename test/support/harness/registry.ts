import type { Caller } from '../../../lib/caller';
import {
  startSubgraphHarness,
  useSubgraphHarness,
  type HarnessOptions,
  type SubgraphHarness,
} from './subgraph';
import { createRegistryModule, type RegistryModuleOptions } from '../../../subgraphs/registry/module';

export { errorsOf, member, sqlStatements } from './subgraph';

export type RegistryHarness = SubgraphHarness;

/** The registry with its sweeper off unless asked for: tests call `sweepArtifacts` themselves, with a clock. */
export const startRegistry = (options: HarnessOptions, moduleOptions: RegistryModuleOptions = {}) =>
  startSubgraphHarness(createRegistryModule({ sweepIntervalMs: 0, ...moduleOptions }), options);

/** The registry of the enclosing `describe`: started before its tests, stopped after them. */
export const useRegistry = (
  options: HarnessOptions,
  moduleOptions: RegistryModuleOptions = {},
): RegistryHarness => useSubgraphHarness(() => startRegistry(options, moduleOptions));

export const MODEL_FIELDS = `id name description framework taskType lifecycle tags createdAt updatedAt
  owner { id } organization { id }`;

export interface ModelView {
  id: string;
  name: string;
  description: string | null;
  framework: string;
  taskType: string;
  lifecycle: string;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  owner: { id: string };
  organization: { id: string };
}

/** Calls the registry and returns `data`, failing the test on any error. */
export async function expectData<T>(
  harness: RegistryHarness,
  caller: Caller,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const result = await harness.call<T>(caller, query, variables);
  if (result.errors) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result.data!;
}

export const CREATE_MODEL = `mutation ($input: CreateModelInput!) { createModel(input: $input) { ${MODEL_FIELDS} } }`;

/** Creates a model and returns it, failing the test on any error. */
export async function createModel(
  harness: RegistryHarness,
  caller: Caller,
  input: Record<string, unknown>,
): Promise<ModelView> {
  const data = await expectData<{ createModel: ModelView }>(harness, caller, CREATE_MODEL, {
    input: { framework: 'SKLEARN', taskType: 'CLASSIFICATION', ...input },
  });
  return data.createModel;
}
