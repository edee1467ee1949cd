import { randomUUID } from 'node:crypto';
import type { CorpusContext, Tenant } from './context';
import { appliesTo, runCase, type Category, type HostileCase, type TargetKind } from './corpus';
import { seedTenant } from './seed';
import { startTarget, type Target } from './targets';

/**
 * How far the gateway's heap (after a forced GC) may stay above where it started once the corpus is done. The
 * gateway legitimately keeps bounded caches (parsed documents, query plans); what this catches is memory that
 * grows with hostile requests and never comes back (per-operation-name metric series, cached subscription plans).
 */
export const HEAP_GROWTH_BOUND_BYTES = 24 * 1024 * 1024;

const tenantIds: Record<string, (tenant: Tenant) => string> = {
  User: (t) => t.userId,
  Organization: (t) => t.organizationId,
  Model: (t) => t.modelId,
  ModelVersion: (t) => t.versionId,
  Dataset: (t) => t.datasetId,
  Experiment: (t) => t.experimentId,
  Run: (t) => t.runId,
  TrainingJob: (t) => t.trainingJobId,
  Deployment: (t) => t.deploymentId,
};

/** Entities a tenant has none of (nothing drifted yet): an id that exists nowhere stands in, the same per tenant. */
const standIns = new WeakMap<Tenant, Map<string, string>>();

function idOf(tenant: Tenant, entity: string): string {
  const own = tenantIds[entity];
  if (own) return own(tenant);
  const ids = standIns.get(tenant) ?? new Map<string, string>();
  standIns.set(tenant, ids);
  if (!ids.has(entity)) ids.set(entity, randomUUID());
  return ids.get(entity)!;
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/**
 * Sends every case of a category to each target (a fresh platform per target, organizations A and B seeded
 * through the gateway), one jest test per case, then checks the gateway is still ready and its heap came back.
 */
export function describeCorpus(
  category: Category,
  cases: HostileCase[],
  kinds: TargetKind[] = ['production', 'embedded'],
): void {
  for (const kind of kinds) {
    describe(`hostile corpus: ${category} on the ${kind} platform`, () => {
      let target: Target | undefined;
      let context: CorpusContext;
      let heapAtStart = 0;
      const failed: string[] = [];
      const applicable = cases.filter((c) => appliesTo(c, kind));

      beforeAll(async () => {
        target = await startTarget(kind);
        const [a, b] = [await seedTenant(target.gatewayUrl, 'a'), await seedTenant(target.gatewayUrl, 'b')];
        context = { target, a, b, idOf };
        heapAtStart = (await target.memory()).heapUsed;
      }, 300_000);

      afterAll(async () => {
        await target?.stop();
        process.stdout.write(
          `hostile corpus | ${category} | ${kind} | ${applicable.length} cases | ${failed.length} failed` +
            (failed.length ? `:\n${failed.map((name) => `  - ${name}`).join('\n')}\n` : '\n'),
        );
      });

      it.each(applicable.map((c) => [c.name, c] as const))(
        '%s',
        async (name, hostileCase) => {
          const violations = await runCase(hostileCase, context);
          if (violations.length) failed.push(name);
          expect(violations).toEqual([]);
        },
        60_000,
      );

      it('leaves the gateway ready, its heap back near where it started', async () => {
        const ready = await target!.ready();
        const heapAtEnd = (await target!.memory()).heapUsed;
        process.stdout.write(
          `hostile corpus | ${category} | ${kind} | ${ready} | heap ${mib(heapAtStart)} → ${mib(heapAtEnd)}\n`,
        );
        expect({ ready, heapGrowthWithinBound: heapAtEnd - heapAtStart < HEAP_GROWTH_BOUND_BYTES }).toEqual({
          ready: 'ready',
          heapGrowthWithinBound: true,
        });
      }, 60_000);
    });
  }
}
