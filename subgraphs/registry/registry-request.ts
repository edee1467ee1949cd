import { OrganizationRequest } from '../../lib/organization-request';

/** One registry request: the caller and their organization's EntityManager, shared by every registry service. */
export class RegistryRequest extends OrganizationRequest {}
