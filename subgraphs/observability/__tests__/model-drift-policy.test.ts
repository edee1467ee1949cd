import { randomUUID } from 'node:crypto';
import {
  member,
  sqlStatements,
  startSubgraphHarness,
  useSubgraphHarness,
} from '../../../test/support/harness/subgraph';
import { DriftPolicy } from '../drift-policy/drift-policy.entity';
import { observabilityModule } from '../module';

const POLICIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Model { id driftPolicy { windowSize psiThreshold pValueThreshold autoRetrain } } } }`;

type PolicyView = { windowSize: number; psiThreshold: number; pValueThreshold: number; autoRetrain: boolean };

describe('observability: Model.driftPolicy', () => {
  const observability = useSubgraphHarness(() => startSubgraphHarness(observabilityModule));
  const owner = member('OWNER');
  const stranger = member('OWNER');
  const modelIds = Array.from({ length: 100 }, () => randomUUID());

  /** Policies are set by setDriftPolicy (the drift issue); until then tests write one directly. */
  async function insertPolicy(organizationId: string, modelId: string, values: Partial<PolicyView>) {
    const policy = Object.assign(new DriftPolicy(), { organizationId, modelId, ...values });
    await observability.subgraph.orm.em.fork().persistAndFlush(policy);
  }

  const policiesOf = async (caller = owner, ids = modelIds) => {
    const result = await observability.call<{ _entities: { id: string; driftPolicy: PolicyView }[] }>(
      caller,
      POLICIES,
      { representations: ids.map((id) => ({ __typename: 'Model', id })) },
    );
    expect(result.errors).toBeUndefined();
    return result.data!._entities.map((m) => m.driftPolicy);
  };

  beforeAll(async () => {
    await insertPolicy(owner.organizationId, modelIds[0], { windowSize: 1000, autoRetrain: true });
  });

  it('resolves the policies of 100 models in one SQL query, with the documented defaults where none is set', async () => {
    observability.queries.splice(0);
    const policies = await policiesOf();
    // Only this request's statements: the subgraph's background consumers and pollers query on their own.
    expect(sqlStatements(observability.queries).filter((sql) => sql.includes('drift_policies'))).toHaveLength(
      1,
    );
    expect(policies[0]).toEqual({
      windowSize: 1000,
      psiThreshold: 0.2,
      pValueThreshold: 0.05,
      autoRetrain: true,
    });
    expect(policies[1]).toEqual({
      windowSize: 500,
      psiThreshold: 0.2,
      pValueThreshold: 0.05,
      autoRetrain: false,
    });
  });

  it("never applies another organization's policy", async () => {
    const [policy] = await policiesOf(stranger, [modelIds[0]]);
    expect(policy.windowSize).toBe(500);
  });
});
