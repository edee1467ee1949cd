import { randomUUID } from 'node:crypto';
import { anonymousCaller } from '../../../lib/caller';
import { Membership } from '../organization/membership.entity';
import { Organization } from '../organization/organization.entity';
import { User } from '../user/user.entity';
import {
  errorsOf,
  register,
  sqlStatements,
  useIdentity,
  type Registration,
} from '../../../test/support/harness/identity';

const ENTITIES = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on User { id email displayName }
  ... on Organization { id name }
} }`;
const ENTITIES_WITH_MEMBERSHIPS = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on User { id memberships { role organization { id name } } }
} }`;

describe('identity: entity references, resolved in batches', () => {
  const identity = useIdentity({ dialect: 'postgresql' });
  let viewer: Registration;
  const colleagues: User[] = [];
  const sideOrganizations: Organization[] = [];

  beforeAll(async () => {
    viewer = await register(identity);
    // 100 colleagues of the viewer, each also in an organization of their own (seeded directly: hashing 100
    // passwords through `register` would only slow the test down).
    const em = identity.subgraph.orm.em.fork();
    for (let i = 0; i < 100; i++) {
      const user = Object.assign(new User(), {
        email: `colleague-${i}-${randomUUID()}@example.com`,
        passwordHash: 'x',
        displayName: `Colleague ${i}`,
      });
      const own = Object.assign(new Organization(), { name: `Side ${i}`, slug: `side-${randomUUID()}` });
      em.persist([
        user,
        own,
        Object.assign(new Membership(), {
          userId: user.id,
          organizationId: viewer.caller.organizationId,
          role: 'MEMBER',
        }),
        Object.assign(new Membership(), { userId: user.id, organizationId: own.id, role: 'OWNER' }),
      ]);
      colleagues.push(user);
      sideOrganizations.push(own);
    }
    await em.flush();
  });

  const resolve = (query: string, representations: unknown[]) => {
    identity.queries.splice(0);
    return identity.call<{ _entities: ({ id: string } | null)[] }>(viewer.caller, query, { representations });
  };

  it('resolves 100 User references with one SQL statement', async () => {
    const result = await resolve(
      ENTITIES,
      colleagues.map((u) => ({ __typename: 'User', id: u.id })),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities.map((u) => u!.id)).toEqual(colleagues.map((u) => u.id));
    expect(sqlStatements(identity.queries)).toHaveLength(1);
  });

  it("resolves 100 users' memberships and their organizations with one statement per kind of record", async () => {
    const result = await resolve(
      ENTITIES_WITH_MEMBERSHIPS,
      colleagues.map((u) => ({ __typename: 'User', id: u.id })),
    );
    expect(result.errors).toBeUndefined();
    // Each colleague shows only the membership the viewer shares, not their own side organization.
    for (const entity of result.data!._entities as unknown as {
      memberships: { organization: { id: string } }[];
    }[]) {
      expect(entity.memberships).toEqual([
        { role: 'MEMBER', organization: { id: viewer.caller.organizationId, name: 'Analytical Engines' } },
      ]);
    }
    // users, memberships, organizations
    expect(sqlStatements(identity.queries)).toHaveLength(3);
  });

  it('resolves Organization references of the caller and null for the others, in one statement', async () => {
    const representations = [
      { __typename: 'Organization', id: viewer.caller.organizationId },
      ...sideOrganizations.slice(0, 50).map((o) => ({ __typename: 'Organization', id: o.id })),
    ];
    const result = await resolve(ENTITIES, representations);
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities[0]).toEqual({
      id: viewer.caller.organizationId,
      name: 'Analytical Engines',
    });
    expect(result.data!._entities.slice(1).every((o) => o === null)).toBe(true);
    expect(sqlStatements(identity.queries)).toHaveLength(1);
  });

  it('resolves users who share no organization with the caller, and malformed ids, to null', async () => {
    const stranger = await register(identity);
    const result = await resolve(ENTITIES, [
      { __typename: 'User', id: stranger.user.id },
      { __typename: 'User', id: 'not-a-uuid' },
      { __typename: 'User', id: viewer.user.id },
    ]);
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      null,
      null,
      { id: viewer.user.id, email: viewer.user.email, displayName: 'Ada Lovelace' },
    ]);
  });

  it('refuses references to an anonymous caller', async () => {
    const result = await identity.call(anonymousCaller, ENTITIES, {
      representations: [{ __typename: 'User', id: viewer.user.id }],
    });
    expect(errorsOf(result)).toEqual([{ code: 'UNAUTHENTICATED' }]);
  });
});
