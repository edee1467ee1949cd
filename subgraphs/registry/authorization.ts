import type { AuthenticatedCaller, Caller } from '../../lib/caller';
import { errors } from '../../lib/errors';
import { requireUser } from '../../lib/organization-scope';

const writerRoles = new Set(['OWNER', 'ADMIN', 'MEMBER']);

/** The caller, when it may write to the registry: any member but a VIEWER. */
export function requireWriter(caller: Caller, what: string): AuthenticatedCaller {
  const user = requireUser(caller);
  if (!writerRoles.has(user.role))
    throw errors.forbidden(`Your role in this organization may not change ${what}`);
  return user;
}
