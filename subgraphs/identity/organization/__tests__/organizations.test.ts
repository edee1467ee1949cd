import { randomUUID } from 'node:crypto';
import { anonymousCaller, type AuthenticatedCaller } from '../../../../lib/caller';
import { errorsOf, register, useIdentity, uniqueEmail } from '../../../../test/support/harness/identity';

const ORGANIZATION = `query ($id: ID!) {
  organization(id: $id) { id name slug plan { name requestsPerHour requestsPerDay } members { role user { id email } } } }`;
const CREATE = `mutation ($name: String!) { createOrganization(name: $name) { id name slug members { role user { id } } } }`;
const ADD_MEMBER = `mutation ($organizationId: ID!, $email: String!, $role: Role!) {
  addMember(organizationId: $organizationId, email: $email, role: $role) { role user { id email } organization { id } } }`;

describe('identity: organizations and members', () => {
  const identity = useIdentity({ dialect: 'postgresql' });

  const addMember = (caller: AuthenticatedCaller, organizationId: string, email: string, role: string) =>
    identity.call(caller, ADD_MEMBER, { organizationId, email, role });

  /** An owner with a fresh organization, plus a member of it with `role`. */
  async function organizationWith(role: string) {
    const owner = await register(identity);
    const other = await register(identity);
    const added = await addMember(owner.caller, owner.caller.organizationId, other.user.email, role);
    if (added.errors) throw new Error(JSON.stringify(added.errors));
    return {
      owner,
      member: { ...other, caller: { ...other.caller, organizationId: owner.caller.organizationId } },
    };
  }

  it('shows an organization to its members, with its plan and members', async () => {
    const owner = await register(identity, { organizationName: 'Babbage & Co' });
    const result = await identity.call(owner.caller, ORGANIZATION, { id: owner.caller.organizationId });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      organization: {
        id: owner.caller.organizationId,
        name: 'Babbage & Co',
        slug: expect.stringMatching(/^babbage-co(-\d+)?$/),
        plan: { name: 'free', requestsPerHour: 50, requestsPerDay: 200 },
        members: [{ role: 'OWNER', user: { id: owner.user.id, email: owner.user.email } }],
      },
    });
  });

  it('answers NOT_FOUND for an organization of which the caller is not a member, an unknown id or a malformed id', async () => {
    const owner = await register(identity);
    const stranger = await register(identity);
    for (const id of [owner.caller.organizationId, randomUUID(), 'not-a-uuid']) {
      const result = await identity.call(stranger.caller, ORGANIZATION, { id });
      expect(errorsOf(result)).toEqual([{ code: 'NOT_FOUND' }]);
      expect(result.data).toEqual({ organization: null });
    }
  });

  it('refuses organizations to an anonymous caller', async () => {
    const owner = await register(identity);
    const result = await identity.call(anonymousCaller, ORGANIZATION, { id: owner.caller.organizationId });
    expect(errorsOf(result)).toEqual([{ code: 'UNAUTHENTICATED' }]);
  });

  it('creates an organization whose OWNER is the caller', async () => {
    const user = await register(identity);
    const result = await identity.call<{ createOrganization: { id: string; members: unknown[] } }>(
      user.caller,
      CREATE,
      {
        name: '  Second Venture ',
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.createOrganization).toMatchObject({
      name: 'Second Venture',
      slug: expect.stringMatching(/^second-venture(-\d+)?$/),
      members: [{ role: 'OWNER', user: { id: user.user.id } }],
    });
    const me = await identity.call<{ me: { memberships: { organization: { id: string } }[] } }>(
      user.caller,
      '{ me { memberships { organization { id } } } }',
    );
    expect(me.data!.me.memberships.map((m) => m.organization.id)).toEqual([
      user.caller.organizationId,
      result.data!.createOrganization.id,
    ]);
  });

  it('gives distinct slugs to organizations of the same name created at the same time', async () => {
    const name = `Simultaneous ${randomUUID().slice(0, 8)}`;
    const users = await Promise.all([1, 2, 3, 4].map(() => register(identity, { organizationName: name })));
    const created = await Promise.all(
      users.map((user) =>
        identity.call<{ createOrganization: { slug: string } }>(user.caller, CREATE, { name }),
      ),
    );
    expect(created.map((r) => r.errors)).toEqual([undefined, undefined, undefined, undefined]);
    const slugs = created.map((r) => r.data!.createOrganization.slug);
    expect(new Set(slugs).size).toBe(4);
  });

  it('refuses createOrganization to an anonymous caller, and a blank or over-long name', async () => {
    expect(errorsOf(await identity.call(anonymousCaller, CREATE, { name: 'Anon' }))).toEqual([
      { code: 'UNAUTHENTICATED' },
    ]);
    const user = await register(identity);
    for (const name of [' ', 'n'.repeat(101)]) {
      expect(errorsOf(await identity.call(user.caller, CREATE, { name }))).toEqual([
        { code: 'BAD_USER_INPUT', field: 'name' },
      ]);
    }
  });

  it('lets an OWNER add a member, who then sees the organization', async () => {
    const owner = await register(identity);
    const newcomer = await register(identity);
    const result = await addMember(
      owner.caller,
      owner.caller.organizationId,
      newcomer.user.email.toUpperCase(),
      'MEMBER',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      addMember: {
        role: 'MEMBER',
        user: { id: newcomer.user.id, email: newcomer.user.email },
        organization: { id: owner.caller.organizationId },
      },
    });
    const seen = await identity.call(newcomer.caller, ORGANIZATION, { id: owner.caller.organizationId });
    expect(seen.errors).toBeUndefined();
  });

  it('lets an ADMIN add members but not an OWNER', async () => {
    const { owner, member: admin } = await organizationWith('ADMIN');
    const orgId = owner.caller.organizationId;
    const another = await register(identity);
    expect(errorsOf(await addMember(admin.caller, orgId, another.user.email, 'OWNER'))).toEqual([
      { code: 'FORBIDDEN' },
    ]);
    expect((await addMember(admin.caller, orgId, another.user.email, 'ADMIN')).errors).toBeUndefined();
  });

  it('lets an OWNER add another OWNER', async () => {
    const owner = await register(identity);
    const another = await register(identity);
    const result = await addMember(owner.caller, owner.caller.organizationId, another.user.email, 'OWNER');
    expect(result.errors).toBeUndefined();
  });

  it.each(['MEMBER', 'VIEWER'])('refuses addMember to a %s with FORBIDDEN', async (role) => {
    const { owner, member } = await organizationWith(role);
    const another = await register(identity);
    const result = await addMember(member.caller, owner.caller.organizationId, another.user.email, 'VIEWER');
    expect(errorsOf(result)).toEqual([{ code: 'FORBIDDEN' }]);
  });

  it('answers NOT_FOUND when adding to an organization of which the caller is not a member', async () => {
    const owner = await register(identity);
    const stranger = await register(identity);
    for (const id of [owner.caller.organizationId, 'not-a-uuid']) {
      const result = await addMember(stranger.caller, id, stranger.user.email, 'OWNER');
      expect(errorsOf(result)).toEqual([{ code: 'NOT_FOUND' }]);
    }
  });

  it('answers NOT_FOUND for an email nobody registered, and BAD_USER_INPUT for a malformed one', async () => {
    const owner = await register(identity);
    const orgId = owner.caller.organizationId;
    expect(errorsOf(await addMember(owner.caller, orgId, uniqueEmail('ghost'), 'MEMBER'))).toEqual([
      { code: 'NOT_FOUND' },
    ]);
    expect(errorsOf(await addMember(owner.caller, orgId, 'not an email', 'MEMBER'))).toEqual([
      { code: 'BAD_USER_INPUT', field: 'email' },
    ]);
  });

  it('refuses to add someone who is already a member with CONFLICT', async () => {
    const { owner, member } = await organizationWith('MEMBER');
    const orgId = owner.caller.organizationId;
    expect(errorsOf(await addMember(owner.caller, orgId, member.user.email, 'ADMIN'))).toEqual([
      { code: 'CONFLICT' },
    ]);
    expect(errorsOf(await addMember(owner.caller, orgId, owner.user.email, 'MEMBER'))).toEqual([
      { code: 'CONFLICT' },
    ]);
  });

  it("shows a co-member's memberships only in the organizations the caller shares", async () => {
    const { owner, member } = await organizationWith('MEMBER');
    // member also owns their own first organization, which owner does not belong to.
    const result = await identity.call<{
      organization: { members: { user: { id: string; memberships: unknown[] } }[] };
    }>(
      owner.caller,
      `query ($id: ID!) { organization(id: $id) { members { user { id memberships { role organization { id } } } } } }`,
      { id: owner.caller.organizationId },
    );
    const seen = result.data!.organization.members.find((m) => m.user.id === member.user.id)!;
    expect(seen.user.memberships).toEqual([
      { role: 'MEMBER', organization: { id: owner.caller.organizationId } },
    ]);
  });
});
