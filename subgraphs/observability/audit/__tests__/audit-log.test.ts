import { randomUUID } from 'node:crypto';
import type { AuthenticatedCaller } from '../../../../lib/caller';
import { AUDIT_STREAM, type AuditEvent } from '../../../../lib/stream/audit-stream';
import { eventually } from '../../../../test/support/eventually';
import {
  errorsOf,
  member,
  startSubgraphHarness,
  useSubgraphHarness,
} from '../../../../test/support/harness/subgraph';
import { observabilityModule } from '../../module';
import { AuditEventRecord, AuditEventTarget } from '../audit-event.entity';
import { forgetAuditEventsBefore } from '../audit-store';

const AUDIT_LOG = `query ($filter: AuditFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id actor { id } actorId apiKeyId organizationId operation subgraph targetIds outcome errorCode
      requestId clientAddress createdAt } } } }`;

interface AuditLogView {
  auditLog: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { id: string; operation: string; targetIds: string[] } & Record<string, unknown> }[];
  };
}

function auditEvent(caller: AuthenticatedCaller, overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    eventId: randomUUID(),
    organizationId: caller.organizationId,
    actorId: caller.userId,
    apiKeyId: null,
    subgraph: 'registry',
    operation: 'createModel',
    targetIds: [randomUUID()],
    outcome: 'OK',
    errorCode: null,
    requestId: `req-${randomUUID()}`,
    clientAddress: '203.0.113.7',
    time: new Date().toISOString(),
    ...overrides,
  };
}

describe.each(['postgresql', 'sqlite'] as const)('audit log on %s', (dialect) => {
  const observability = useSubgraphHarness(() => startSubgraphHarness(observabilityModule, { dialect }));
  const owner = member('OWNER');
  const admin = member('ADMIN', owner.organizationId);
  const stranger = member('OWNER');
  const modelId = randomUUID();
  const base = Date.UTC(2026, 0, 1);
  const at = (minutes: number) => new Date(base + minutes * 60_000).toISOString();
  const events = [
    auditEvent(owner, { operation: 'createModel', targetIds: [modelId], time: at(1) }),
    auditEvent(admin, { operation: 'deployModel', targetIds: [modelId, randomUUID()], time: at(2) }),
    auditEvent(owner, { operation: 'deleteModel', outcome: 'ERROR', errorCode: 'FORBIDDEN', time: at(3) }),
    auditEvent(stranger, { operation: 'createModel', targetIds: [modelId], time: at(4) }),
  ];

  const stored = () => observability.subgraph.orm.em.fork().count(AuditEventRecord, {}, { filters: false });
  const auditLog = (caller: AuthenticatedCaller, variables: Record<string, unknown> = {}) =>
    observability.call<AuditLogView>(caller, AUDIT_LOG, variables);
  const operations = async (caller: AuthenticatedCaller, variables: Record<string, unknown> = {}) => {
    const result = await auditLog(caller, variables);
    expect(result.errors).toBeUndefined();
    return result.data!.auditLog.edges.map((edge) => edge.node.operation);
  };

  beforeAll(async () => {
    const stream = observability.infrastructure.eventStream;
    // A malformed entry and a duplicate (a redelivery) among them: neither stops nor doubles anything.
    await stream.append(AUDIT_STREAM, [{ nonsense: true }, ...events, events[0]]);
    await eventually(async () => expect(await stored()).toBe(events.length));
  });

  it('lists the organization’s events newest first, each as it was recorded', async () => {
    const result = await auditLog(owner);
    expect(result.errors).toBeUndefined();
    const { edges, totalCount } = result.data!.auditLog;
    expect(totalCount).toBe(3);
    expect(edges.map((e) => e.node.operation)).toEqual(['deleteModel', 'deployModel', 'createModel']);
    expect(edges[2].node).toEqual({
      id: events[0].eventId,
      actor: { id: owner.userId },
      actorId: owner.userId,
      apiKeyId: null,
      organizationId: owner.organizationId,
      operation: 'createModel',
      subgraph: 'registry',
      targetIds: [modelId],
      outcome: 'OK',
      errorCode: null,
      requestId: events[0].requestId,
      clientAddress: '203.0.113.7',
      createdAt: at(1),
    });
    expect(edges[0].node).toMatchObject({ outcome: 'ERROR', errorCode: 'FORBIDDEN' });
  });

  it('deletes events past the retention with their targets, and no other', async () => {
    const old = auditEvent(owner, { operation: 'ancient', time: '2000-06-01T00:00:00.000Z' });
    await observability.infrastructure.eventStream.append(AUDIT_STREAM, [old]);
    await eventually(async () =>
      expect(await operations(owner, { filter: { operation: 'ancient' } })).toEqual(['ancient']),
    );
    const em = observability.subgraph.orm.em.fork();
    const before = await stored();
    expect(await forgetAuditEventsBefore(em, new Date('2001-01-01T00:00:00.000Z'))).toBe(1);
    expect(await stored()).toBe(before - 1);
    expect(await em.count(AuditEventTarget, { eventId: old.eventId }, { filters: false })).toBe(0);
    expect(await operations(owner, { filter: { operation: 'createModel' } })).toEqual(['createModel']);
  });

  it('stores an event delivered twice once', async () => {
    await observability.infrastructure.eventStream.append(AUDIT_STREAM, [events[1]]);
    const marker = auditEvent(owner, { operation: 'marker', time: at(0) });
    await observability.infrastructure.eventStream.append(AUDIT_STREAM, [marker]);
    await eventually(async () => expect(await stored()).toBe(events.length + 1));
    expect(await operations(owner, { filter: { operation: 'deployModel' } })).toEqual(['deployModel']);
  });

  it('filters by actor, operation, target and time, each condition holding', async () => {
    expect(await operations(owner, { filter: { actorId: admin.userId } })).toEqual(['deployModel']);
    expect(await operations(owner, { filter: { operation: 'createModel' } })).toEqual(['createModel']);
    expect(await operations(owner, { filter: { targetId: modelId } })).toEqual([
      'deployModel',
      'createModel',
    ]);
    expect(await operations(owner, { filter: { from: at(2), to: at(3) } })).toEqual(['deployModel']);
    expect(await operations(owner, { filter: { targetId: modelId, actorId: owner.userId } })).toEqual([
      'createModel',
    ]);
    expect(await operations(owner, { filter: { actorId: 'not-a-uuid' } })).toEqual([]);
  });

  it('pages with a cursor, every event once', async () => {
    const first = await auditLog(owner, { first: 2, filter: { from: at(1) } });
    expect(first.data!.auditLog.pageInfo.hasNextPage).toBe(true);
    const rest = await auditLog(owner, {
      first: 2,
      filter: { from: at(1) },
      after: first.data!.auditLog.pageInfo.endCursor,
    });
    const ids = [...first.data!.auditLog.edges, ...rest.data!.auditLog.edges].map((e) => e.node.id);
    expect(ids).toEqual([events[2].eventId, events[1].eventId, events[0].eventId]);
    expect(rest.data!.auditLog.pageInfo.hasNextPage).toBe(false);
  });

  it('never shows another organization’s events, even by their target', async () => {
    expect(await operations(stranger)).toEqual(['createModel']);
    const result = await auditLog(stranger, { filter: { actorId: owner.userId } });
    expect(result.data!.auditLog.totalCount).toBe(0);
    expect(await operations(stranger, { filter: { targetId: modelId } })).toEqual(['createModel']);
  });

  it.each(['MEMBER', 'VIEWER'] as const)('refuses a %s (FORBIDDEN)', async (role) => {
    const result = await auditLog(member(role, owner.organizationId));
    expect(errorsOf(result)).toEqual([{ code: 'FORBIDDEN' }]);
    expect(result.data).toBeNull();
  });

  it('refuses an anonymous caller (UNAUTHENTICATED)', async () => {
    const result = await observability.call({ kind: 'anonymous' }, AUDIT_LOG);
    expect(errorsOf(result)).toEqual([{ code: 'UNAUTHENTICATED' }]);
  });

  it.each([
    [{ operation: 'create\u0000Model' }, 'filter.operation'],
    [{ targetId: 'a\u0000b' }, 'filter.targetId'],
    [{ actorId: '\u0000' }, 'filter.actorId'],
    // Dates beyond the DateTime scalar's years are refused by the scalar, whose message names the variable.
    [{ from: '+100000-01-01T00:00:00.000Z' }, undefined],
    [{ to: '-000100-01-01T00:00:00.000Z' }, undefined],
    [{ from: at(5), to: at(1) }, 'filter.from'],
  ])('refuses the filter %j (BAD_USER_INPUT)', async (filter, field) => {
    const result = await auditLog(owner, { filter });
    expect(errorsOf(result)).toEqual([
      field ? { code: 'BAD_USER_INPUT', field } : { code: 'BAD_USER_INPUT' },
    ]);
  });

  it('refuses a page size out of range and a foreign cursor (BAD_USER_INPUT)', async () => {
    expect(errorsOf(await auditLog(owner, { first: 0 }))).toEqual([
      { code: 'BAD_USER_INPUT', field: 'first' },
    ]);
    expect(errorsOf(await auditLog(owner, { after: 'bm90IGEgY3Vyc29y' }))).toEqual([
      { code: 'BAD_USER_INPUT', field: 'after' },
    ]);
  });
});
