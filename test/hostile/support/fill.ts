import { isEnumType, type GraphQLField } from 'graphql';
import type { CorpusContext, Tenant } from './context';
import { apiSchema, leafName, type Leaf } from './schema';

/**
 * The entity an ID argument names, by the argument's name. A new `<thing>Id` argument fails case generation until
 * it is added here: the corpus then covers it with the other organization's id.
 */
const ID_ENTITIES: Record<string, string> = {
  modelId: 'Model',
  versionId: 'ModelVersion',
  datasetId: 'Dataset',
  retrainDatasetId: 'Dataset',
  experimentId: 'Experiment',
  runId: 'Run',
  jobId: 'TrainingJob',
  deploymentId: 'Deployment',
  organizationId: 'Organization',
  userId: 'User',
  actorId: 'User',
  // AuditFilter.targetId: any entity an audit event names; a model is the commonest.
  targetId: 'Model',
};

/** The entity of an `id` argument: the type the field returns, else the noun of its name (`deleteModel`). */
function entityOfIdArgument(field: GraphQLField<unknown, unknown>): string {
  const returned = apiSchema.getType(field.type.toString().replace(/[[\]!]/g, ''));
  if (returned && 'getFields' in returned && !isEnumType(returned) && 'id' in returned.getFields())
    return returned.name;
  const noun = field.name.replace(/^(delete|cancel|revoke|remove|undeploy|update)/, '');
  if (apiSchema.getType(noun)) return noun;
  throw new Error(`No entity known for ${field.name}(id:): name it in test/hostile/support/fill.ts`);
}

export function entityOfIdLeaf(field: GraphQLField<unknown, unknown>, leaf: Leaf): string {
  const name = leafName(leaf);
  if (name === 'id' && leaf.path.length === 1) return entityOfIdArgument(field);
  const entity = ID_ENTITIES[name];
  if (!entity)
    throw new Error(
      `No entity known for ID argument ${field.name}(${leaf.path.join('.')}): add it to ID_ENTITIES in test/hostile/support/fill.ts`,
    );
  return entity;
}

let counter = 0;
/** Unique per call: names must not collide with those of earlier cases (names are unique per organization). */
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

/** Valid strings by argument name, so that a case reaches the check it is about rather than a validation error. */
function stringFor(name: string): string {
  switch (name) {
    case 'email':
      return `${unique('h')}@example.com`;
    case 'password':
      return 'hostile password 1234';
    case 'alias':
      return 'challenger';
    case 'key':
      return 'loss';
    case 'targetColumn':
      return 'target';
    case 'featureColumns':
      return 'a';
    case 'filter':
      return 'metrics.loss > 0';
    case 'orderBy':
      return 'attributes.start_time DESC';
    case 'refreshToken':
      return 'not-a-refresh-token';
    case 'operation':
      return 'createModel';
    default:
      return unique('h');
  }
}

const numbers: Record<string, number> = {
  first: 5,
  windowSize: 100,
  retrainCooldownMinutes: 60,
  epochs: 1,
  cacheTtlSeconds: 60,
  psiThreshold: 0.2,
  pValueThreshold: 0.05,
  learningRate: 0.01,
  value: 0.5,
  step: 1,
};

const enums: Record<string, string> = { stage: 'STAGING', status: 'FINISHED', role: 'MEMBER' };

/** Whole input objects that need more than their required fields to be valid. */
const INPUT_OBJECTS: Record<string, unknown> = { PredictionInput: { features: [5.1, 3.5, 1.4, 0.2] } };

export { INPUT_OBJECTS };

/**
 * A valid value for a leaf of one of `tenant`'s requests: its own ids, unique names, numbers in range. Optional
 * leaves are left out except where leaving them out would not be valid.
 */
export function validValue(
  context: CorpusContext,
  tenant: Tenant,
  field: GraphQLField<unknown, unknown>,
  leaf: Leaf,
): unknown {
  const name = leafName(leaf);
  if (leaf.holder === 'PredictionInput') return name === 'features' ? 5.1 : undefined;
  if (!leaf.required) return undefined;
  switch (leaf.typeName) {
    case 'ID':
      return context.idOf(tenant, entityOfIdLeaf(field, leaf));
    case 'String':
      return stringFor(name);
    case 'Int':
    case 'Float':
      return numbers[name] ?? 1;
    case 'Boolean':
      // deployModel(wait: false) answers at once instead of loading a model.
      return false;
    case 'JSON':
      return name === 'params' ? { note: 'hostile' } : {};
    case 'DateTime':
      return new Date().toISOString();
    default: {
      const type = apiSchema.getType(leaf.typeName);
      if (isEnumType(type)) return enums[name] ?? type.getValues()[0].value;
      throw new Error(`No value known for ${leaf.typeName} at ${field.name}(${leaf.path.join('.')})`);
    }
  }
}
