import { OrganizationRequest } from '../../lib/organization-request';

/** One inference request: the caller and their organization's EntityManager, shared by every inference service. */
export class InferenceRequest extends OrganizationRequest {
  /** The same caller on an EntityManager of its own: for work that outlives the request (a deployment loading). */
  detached(): InferenceRequest {
    return new InferenceRequest(this.orm, this.caller);
  }
}
