import { OrganizationRequest } from '../../lib/organization-request';

/** One inference request: the caller and their organization's EntityManager, shared by every inference service. */
export class InferenceRequest extends OrganizationRequest {}
