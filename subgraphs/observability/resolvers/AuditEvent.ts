import type { AuditEventResolvers } from '../__generated__/resolvers-types';

export const AuditEvent: AuditEventResolvers = {
  actor: (event) => (event.actorId ? { id: event.actorId } : null),
  // Events without an organization are never listed (auditLog reads one organization's).
  organizationId: (event) => event.organizationId!,
};
