import type { RequestBase } from '../../lib/server/subgraph-server';
import type { AuthService } from './auth/auth.service';
import type { OrganizationService } from './organization/organization.service';
import type { Viewer } from './viewer/viewer';

/** What identity resolvers receive: one forked EntityManager per request behind these services. */
export interface IdentityContext extends RequestBase {
  /** Batched, scoped reads for the viewer (the caller, or the user a public mutation has just authenticated). */
  viewer: Viewer;
  auth: AuthService;
  organizations: OrganizationService;
}
