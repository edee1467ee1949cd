import { OrganizationRequest } from '../../lib/organization-request';

/**
 * One observability request: the caller and their organization's EntityManager, shared by every observability
 * service.
 */
export class ObservabilityRequest extends OrganizationRequest {}
