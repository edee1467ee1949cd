import { randomUUID } from 'node:crypto';
import type { AuthenticatedCaller, Caller } from '../caller';
import type { Orm } from '../database';
import { OrganizationRequest } from '../organization-request';

const user = (role: AuthenticatedCaller['role']): AuthenticatedCaller => ({
  kind: 'user',
  userId: randomUUID(),
  organizationId: randomUUID(),
  role,
  scopes: [],
});
// writer() and user() only read the caller: no database is opened.
const requestOf = (caller: Caller) => new OrganizationRequest({} as Orm, caller);

describe('OrganizationRequest', () => {
  it.each(['OWNER', 'ADMIN', 'MEMBER'] as const)('lets a %s write', (role) => {
    const caller = user(role);
    expect(requestOf(caller).writer('training jobs')).toBe(caller);
  });

  it('tells a VIEWER what they may not change, by name', () => {
    const refused = () => requestOf(user('VIEWER')).writer('training jobs');
    expect(refused).toThrow('Your role in this organization may not change training jobs');
    expect(refused).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }),
    );
  });

  it('refuses an anonymous caller as UNAUTHENTICATED before anything is read', () => {
    const anonymous = requestOf({ kind: 'anonymous' });
    for (const call of [() => anonymous.user(), () => anonymous.writer('models'), () => anonymous.em()]) {
      expect(call).toThrow(
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) }),
      );
    }
  });
});
