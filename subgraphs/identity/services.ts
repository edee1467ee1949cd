import type { Logger } from '../../lib/logger';
import { AuthService, type AuthDependencies } from './auth/auth.service';
import type { IdentityRequest } from './identity-request';
import { OrganizationService } from './organization/organization.service';
import { Viewer } from './viewer/viewer';

/** What the identity services need beyond the request: built once per process by its module. */
export interface IdentityDependencies extends AuthDependencies {
  logger: Logger;
}

/** Every identity service of one request, sharing the request's caller, EntityManager and viewer. */
export interface IdentityServices {
  /** Batched, scoped reads for the viewer (the caller, or the user a public mutation has just authenticated). */
  viewer: Viewer;
  auth: AuthService;
  organizations: OrganizationService;
}

/** The one place the identity subgraph's services are wired. */
export function createIdentityServices(
  request: IdentityRequest,
  deps: IdentityDependencies,
): IdentityServices {
  const { logger, ...auth } = deps;
  const viewer = new Viewer(request);
  return {
    viewer,
    auth: new AuthService(request, viewer, auth, logger),
    organizations: new OrganizationService(request, viewer),
  };
}
