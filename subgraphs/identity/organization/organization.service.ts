import type { Role } from '../../../lib/caller';
import { errors } from '../../../lib/errors';
import type { IdentityRequest } from '../identity-request';
import { isUniqueViolationOn } from '../unique-violation';
import { UserRepository } from '../user/user.repository';
import { isUuid } from '../../../lib/ids';
import { parseEmail, parseName } from '../validation';
import type { Viewer } from '../viewer/viewer';
import type { Membership } from './membership.entity';
import type { Organization } from './organization.entity';
import { OrganizationRepository } from './organization.repository';
import { retryOnSlugCollision } from './slug';

const MANAGERS: readonly Role[] = ['OWNER', 'ADMIN'];

/** Organizations and their members, seen and changed by the viewer (an authenticated caller). */
export class OrganizationService {
  constructor(
    private readonly request: IdentityRequest,
    private readonly viewer: Viewer,
  ) {}

  /** NOT_FOUND unless the viewer is a member: another organization's existence is not disclosed. */
  async get(id: string): Promise<Organization> {
    const organization = await this.viewer.read().organization(id);
    if (!organization) throw errors.notFound('Organization', id);
    return organization;
  }

  async create(nameInput: string): Promise<Organization> {
    const ownerId = this.viewer.id;
    const name = parseName(nameInput, 'name');
    const organization = await retryOnSlugCollision((attempt) =>
      this.request.transaction(
        async (tx) =>
          (await new OrganizationRepository(tx).addWithOwner(name, ownerId, attempt)).organization,
      ),
    );
    this.viewer.read().prime({ organizations: [organization] });
    return organization;
  }

  /** Only an OWNER or ADMIN adds members, and only an OWNER adds an OWNER. */
  async addMember(organizationId: string, emailInput: string, role: Role): Promise<Membership> {
    const reader = this.viewer.read();
    const email = parseEmail(emailInput, 'email');
    const viewerRole = isUuid(organizationId) ? await reader.roleIn(organizationId) : null;
    if (!viewerRole) throw errors.notFound('Organization', organizationId);
    if (!MANAGERS.includes(viewerRole)) throw errors.forbidden('Only an OWNER or ADMIN can add members');
    if (role === 'OWNER' && viewerRole !== 'OWNER') throw errors.forbidden('Only an OWNER can add an OWNER');

    const user = await new UserRepository(this.request.em()).findByEmail(email);
    if (!user) throw errors.notFound('User with this email');
    const organizations = new OrganizationRepository(this.request.em());
    const alreadyMember = () => errors.conflict('This user is already a member of the organization');
    if (await organizations.findMembership(organizationId, user.id)) throw alreadyMember();
    try {
      const membership = organizations.addMembership(organizationId, user.id, role);
      await organizations.flush();
      reader.prime({ users: [user] });
      return membership;
    } catch (error) {
      if (isUniqueViolationOn(error, 'user_id')) throw alreadyMember();
      throw error;
    }
  }
}
